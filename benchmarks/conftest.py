"""Shared benchmark helpers: seeded games, peer-library adapters and interleaved timing."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping

import numpy as np
import pytest

SEED = 20260611


def random_game_payoffs(shape: tuple[int, ...], seed: int = SEED) -> np.ndarray:
    """A seeded random game with standard-normal payoffs, shape (n, *shape)."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal((len(shape), *shape))


def to_pygambit(payoffs: np.ndarray):  # noqa: ANN201 - peer object
    gbt = pytest.importorskip("pygambit")
    return gbt.Game.from_arrays(*[payoffs[i] for i in range(payoffs.shape[0])])


def to_quantecon(payoffs: np.ndarray):  # noqa: ANN201 - peer object
    qe = pytest.importorskip("quantecon.game_theory")
    return qe.NormalFormGame(np.moveaxis(payoffs, 0, -1))


def tag(benchmark, group: str, library: str = "gametheory_af", method: str | None = None, **info: object) -> None:  # noqa: ANN001
    """Put a benchmark in its workload's group and record who runs it; call before the timed call.

    *group* is ``"<family>: <workload>"`` (``benchmarks/report.py`` makes one table per family and
    one row per workload); *library* is ``"gametheory_af"`` (or starts with it: another route of
    ours) or the peer's name; *info* goes to ``extra_info`` (``units``/``unit``: how many like items
    one timed call handles, for times per item; quality: ``n_equilibria``, ``max_regret``,
    ``relative_regret``, ``match`` = the answer is the same as ours). Works with
    ``--benchmark-disable`` too (CI's quick run): the group and ``extra_info`` are then just unused.
    """
    benchmark.group = group
    benchmark.extra_info.update(library=library, **({"method": method} if method else {}), **info)


def alternate(runs: Mapping[str, Callable[[], object]], repeats: int) -> dict[str, tuple[float, float]]:
    """Time each of *runs* in turn (A, B, ..., A, B, ...), *repeats* rounds: ``{name: (wall, cpu)}`` minima in seconds.

    On a shared machine, alternating the libraries in one process exposes each to the same load,
    which separate pytest-benchmark rows do not. Each callable is called once first (compilation,
    caches), outside the timing. *wall* is ``time.perf_counter``, *cpu* this process's
    ``time.process_time`` (less disturbed by other processes).
    """
    for fn in runs.values():
        fn()
    wall: dict[str, list[float]] = {k: [] for k in runs}
    cpu: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(repeats):
        for name, fn in runs.items():
            c, t = time.process_time(), time.perf_counter()
            fn()
            wall[name].append(time.perf_counter() - t)
            cpu[name].append(time.process_time() - c)
    return {k: (min(wall[k]), min(cpu[k])) for k in runs}


def fresh_process(statement: str, cache_dir: str | None) -> tuple[float, float]:
    """``(total, first call)`` seconds of *statement* in a new interpreter (import included in the total).

    *statement* sets ``_t1`` (``time.perf_counter()``, ``time`` is imported) just before the call it
    times; *cache_dir* (a fresh directory: a cold numba cache) becomes ``NUMBA_CACHE_DIR``.
    """
    code = f"import time\n_t = time.perf_counter()\n{statement}\n_t2 = time.perf_counter()\nprint(_t2 - _t, _t2 - _t1)"
    env = dict(os.environ)
    if cache_dir is not None:
        env["NUMBA_CACHE_DIR"] = cache_dir
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=900, env=env, cwd=root)
    total, first = out.stdout.split()[-2:]
    return float(total), float(first)


def time_first_call(benchmark, statement: str, cache: str, rounds: int) -> None:  # noqa: ANN001
    """Time *statement*'s first call in *rounds* new processes (:func:`fresh_process`) under *benchmark*.

    *cache* ``"warm"``: numba's on-disk cache is filled first (one untimed process); ``"cold"``: each
    process gets an empty cache directory. Records the medians ``first_call_s`` and
    ``import_and_call_s`` and ``rounds`` in ``extra_info``, and asserts each first call is positive
    and within its process's total.
    """
    firsts: list[float] = []
    totals: list[float] = []
    dirs: list[tempfile.TemporaryDirectory[str]] = []

    def run() -> None:
        cache_dir = None
        if cache == "cold":
            dirs.append(tempfile.TemporaryDirectory(prefix="numba-cold-"))
            cache_dir = dirs[-1].name
        total, first = fresh_process(statement, cache_dir)
        totals.append(total)
        firsts.append(first)

    if cache == "warm":
        fresh_process(statement, None)  # fill numba's on-disk cache if this machine has none yet
    try:
        benchmark.pedantic(run, rounds=rounds, warmup_rounds=0)
    finally:
        for d in dirs:
            d.cleanup()
    benchmark.extra_info.update(
        first_call_s=statistics.median(firsts), import_and_call_s=statistics.median(totals), rounds=len(firsts),
    )
    assert all(0 < f <= t for f, t in zip(firsts, totals))
