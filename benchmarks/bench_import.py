"""``import gametheory_af`` beside ``import numpy``, each in a fresh interpreter (issue 14).

Run: ``python -m pytest benchmarks/bench_import.py --benchmark-only``.
Quick mode (CI smoke test): ``--benchmark-disable`` or ``QUICK=1`` run 3 paired rounds
instead of 15.

Every round starts a new Python process for the statement, so the module caches of this
process play no part: the benchmark's own time is that process, interpreter start-up
included, and ``extra_info`` has the statement alone, timed inside the process with
``time.perf_counter``. The rows:

- ``numpy``: the floor, ``import numpy``;
- ``gametheory_af``: the bare import (the target of issue 14 is at most 2x numpy);
- ``gametheory_af+solve``: the import and the first ``pure_nash`` and ``nash_equilibria``
  of a 3x3 game, what a user who solves games without parameters pays;
- ``gametheory_af+all``: the import and every public name resolved (sympy, scipy.optimize,
  trees, sensitivity), what the package cost before its names became lazy.

``extra_info`` records the median seconds of the timed statement and ``ratio_to_numpy``:
the median over rounds of (this statement / ``import numpy``), with ``import numpy`` timed
the same way in the untimed set-up of each round, just before, so that the load of a shared
machine cancels out as far as it can (``ratio_min`` and ``ratio_max`` give the range).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

import pytest

NUMPY = "import numpy"
STATEMENTS = {
    "numpy": NUMPY,
    "gametheory_af": "import gametheory_af",
    "gametheory_af+solve": (
        "import gametheory_af as gt\n"
        "g = gt.NormalFormGame.from_bimatrix([[3, 0, 1], [5, 1, 0], [0, 2, 2]], [[3, 5, 0], [0, 1, 2], [1, 0, 2]])\n"
        "gt.pure_nash(g); gt.nash_equilibria(g)"
    ),
    "gametheory_af+all": "import gametheory_af as gt\nfor n in gt.__all__: getattr(gt, n)",
}


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


def time_in_fresh_process(statement: str) -> float:
    """Seconds that *statement* takes in a new interpreter, timed inside it."""
    code = f"import time\n_t = time.perf_counter()\n{statement}\nprint(time.perf_counter() - _t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600)
    return float(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("workload", list(STATEMENTS))
def test_import(benchmark, request, workload):  # type: ignore[no-untyped-def]
    rounds = 3 if _quick(request.config) else 15
    statement = STATEMENTS[workload]
    ours: list[float] = []
    floor: list[float] = []

    def numpy_first() -> None:  # untimed set-up of each round: the numpy floor, just before ours
        floor.append(time_in_fresh_process(NUMPY))

    benchmark.group = "import"
    benchmark.pedantic(
        lambda: ours.append(time_in_fresh_process(statement)), setup=numpy_first, rounds=rounds, warmup_rounds=1
    )
    # the warm-up round is kept out of the figures (disk caches of the first start)
    n = min(rounds, len(ours) - 1) if len(ours) > 1 else 1
    ours, floor = ours[-n:], floor[-n:]
    ratio = statistics.median(a / b for a, b in zip(ours, floor))
    benchmark.extra_info.update(
        workload=workload,
        library="gametheory_af" if workload != "numpy" else "numpy",
        statement=statement,
        median_s=statistics.median(ours),
        numpy_median_s=statistics.median(floor),
        ratio_to_numpy=ratio,
        ratio_min=min(a / b for a, b in zip(ours, floor)),
        ratio_max=max(a / b for a, b in zip(ours, floor)),
    )
    assert len(ours) == len(floor) >= 1 and all(t > 0 for t in ours + floor)
