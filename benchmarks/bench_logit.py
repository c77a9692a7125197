"""The logit solution (limit of the principal branch of the logit QRE): ours beside pygambit's ``logit_solve``.

Workloads: random games with standard-normal payoffs (``benchmarks.conftest.random_game_payoffs``)
of 3 x 3 x 3, 2^4, 2^5, 4^4, 5 x 5 x 5 players/strategies and two-player 5 x 5, 10 x 10, 20 x 20,
on ``SEED``; 3 x 3 x 3 and 2^4 also on ``SEED + 1`` and ``SEED + 2`` (the path length, and so the
time, varies between games). Ours is :func:`gametheory_af.solvers.qre.logit_qre` (the numba-compiled
tracer when numba is importable; it is compiled, or loaded from numba's cache, outside the timing);
pygambit's is ``gbt.nash.logit_solve`` with its defaults. Each row records the equilibrium's
``max_regret`` (pygambit stops at an approximate equilibrium, regret about 1e-8; ours is polished
to an exact support equilibrium) and, on pygambit's row, whether its equilibrium is ours (``match``:
within 1e-5).

Run: ``OPENBLAS_NUM_THREADS=1 python -m pytest benchmarks/bench_logit.py --benchmark-only``
(CI smoke-runs it with ``--benchmark-disable``; ``QUICK=1`` or ``--benchmark-disable`` keep only the
small games).
"""

from __future__ import annotations

import functools
import os

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import SEED, alternate, random_game_payoffs, tag, to_pygambit
from gametheory_af.solvers.qre import logit_qre

SHAPES = {
    "3x3x3": (3, 3, 3),
    "2x2x2x2": (2, 2, 2, 2),
    "2x2x2x2x2": (2, 2, 2, 2, 2),
    "4x4x4x4": (4, 4, 4, 4),
    "5x5x5": (5, 5, 5),
    "5x5": (5, 5),
    "10x10": (10, 10),
    "20x20": (20, 20),
}
#: Workloads kept in quick mode (CI smoke run).
QUICK_KEYS = ("3x3x3", "2x2x2x2", "5x5")
WORKLOADS = {f"{k}-s0": (s, SEED) for k, s in SHAPES.items()}
WORKLOADS.update({f"{k}-s{d}": (SHAPES[k], SEED + d) for k in ("3x3x3", "2x2x2x2") for d in (1, 2)})


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


@functools.cache
def _game(key: str) -> gt.NormalFormGame:
    shape, seed = WORKLOADS[key]
    return gt.NormalFormGame(random_game_payoffs(shape, seed=seed))


@functools.cache
def _ours(key: str) -> np.ndarray:
    """Our selected equilibrium (outside the timing; also compiles the tracer)."""
    res = logit_qre(_game(key))
    assert res.converged
    return np.concatenate(res[0].profile)


@pytest.fixture(params=list(WORKLOADS))
def case(request):
    key = request.param
    if _quick(request.config) and key.rsplit("-", 1)[0] not in QUICK_KEYS:
        pytest.skip("quick mode: small games only")
    return key, _game(key), _ours(key)


def test_ours_logit_qre(benchmark, case):
    key, game, ours = case
    tag(benchmark, f"logit QRE: {key}", method="logit_qre", workload=key)
    res = benchmark(logit_qre, game)
    benchmark.extra_info.update(n_equilibria=len(res), max_regret=res.max_regret, converged=res.converged,
                                steps=res.n_iter)
    assert res.converged and res.max_regret <= 1e-12 * float(np.ptp(game.payoffs))
    assert np.array_equal(np.concatenate(res[0].profile), ours)


def test_pygambit_logit_solve(benchmark, case):
    key, game, ours = case
    gbt = pytest.importorskip("pygambit")
    gg = to_pygambit(np.array(game.payoffs))
    tag(benchmark, f"logit QRE: {key}", "pygambit", "logit_solve", workload=key)
    res = benchmark(gbt.nash.logit_solve, gg)
    theirs = [np.array([float(e[s]) for p in gg.players for s in p.strategies]) for e in res.equilibria]
    benchmark.extra_info.update(
        n_equilibria=len(theirs),
        max_regret=max((float(e.max_regret()) for e in res.equilibria), default=float("nan")),
        match=bool(theirs) and float(np.abs(theirs[0] - ours).max()) <= 1e-5,
    )


def _interleaved(repeats: int = 9) -> None:  # pragma: no cover - a measuring script, run by hand
    """Ours (fast route, and the reference route of before issue 14) and pygambit, interleaved in one process.

    Prints, per workload, the minimum over *repeats* of each (wall and process time) and the ratios
    ours / pygambit. Run: ``OPENBLAS_NUM_THREADS=1 python -m benchmarks.bench_logit [repeats]``.
    """
    import pygambit as gbt

    from gametheory_af.solvers import qre

    kw = {"tol": None, "lambda_max": None, "first_step": 0.03, "max_accel": 1.5, "max_steps": 20_000, "max_time": None}
    for key in WORKLOADS:
        game = _game(key)
        gg = to_pygambit(np.array(game.payoffs))
        runs = {
            "ours": lambda g=game: logit_qre(g),
            "before": lambda g=game: qre._logit_qre(g, route="reference", **kw),
            "pygambit": lambda g=gg: gbt.nash.logit_solve(g),
        }
        t = alternate(runs, repeats)
        w = {k: v[0] * 1e3 for k, v in t.items()}
        c = {k: v[1] * 1e3 for k, v in t.items()}
        print(f"{key:14s} wall ms: ours {w['ours']:8.2f} before {w['before']:8.2f} pygambit {w['pygambit']:8.2f} "
              f"ratio {w['ours'] / w['pygambit']:.2f} (before {w['before'] / w['pygambit']:.2f}) | cpu ratio "
              f"{c['ours'] / c['pygambit']:.2f} (before {c['before'] / c['pygambit']:.2f})", flush=True)


def _survey(n_seeds: int = 30) -> None:  # pragma: no cover - a survey script, run by hand
    """Our selection against pygambit's, on *n_seeds* games per shape (``SEED + d``), by route.

    pygambit traces the raw payoffs, ours the payoffs normalised per player to [0, 1]: the
    survey gives pygambit both (``norm`` and ``raw`` columns; the normalised one is the same
    correspondence). Counts where pygambit reached regret 1e-6: equal (within 1e-4) / other
    equilibrium / ours not converged. Run: ``python -m benchmarks.bench_logit survey [n_seeds]``.
    """
    import warnings

    import pygambit as gbt

    from gametheory_af._tolerance import normalized_payoffs
    from gametheory_af.solvers import qre

    kw = {"tol": None, "lambda_max": None, "first_step": 0.03, "max_accel": 1.5, "max_steps": 20_000, "max_time": None}

    def gambit(p: np.ndarray) -> np.ndarray | None:
        gg = gbt.Game.from_arrays(*p)
        res = gbt.nash.logit_solve(gg)
        if not res.equilibria or float(res.equilibria[0].max_regret()) > 1e-6:
            return None
        return np.array([float(res.equilibria[0][s]) for pl in gg.players for s in pl.strategies])

    shapes = {"3x3x3": (3, 3, 3), "2^4": (2,) * 4, "2^5": (2,) * 5, "4^4": (4,) * 4, "5x5": (5, 5), "10x10": (10, 10)}
    for key, shape in shapes.items():
        counts = {f"{r}/{c}": [0, 0, 0] for r in ("reference", "fast") for c in ("norm", "raw")}
        for d in range(n_seeds):
            p = random_game_payoffs(shape, seed=SEED + d)
            theirs = {"norm": gambit(normalized_payoffs(p)[0]), "raw": gambit(p)}
            for route in ("reference", "fast"):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", gt.ConvergenceWarning)
                    res = qre._logit_qre(gt.NormalFormGame(p), route=route, **kw)
                for conv, x in theirs.items():
                    if x is None:
                        continue
                    c = counts[f"{route}/{conv}"]
                    if not res.converged:
                        c[2] += 1
                    else:
                        c[0 if float(np.abs(np.concatenate(res[0].profile) - x).max()) < 1e-4 else 1] += 1
        print(f"{key:6s}", "  ".join(f"{k} {v[0]}/{v[1]}/{v[2]}" for k, v in counts.items()), flush=True)


if __name__ == "__main__":  # pragma: no cover
    import sys

    if len(sys.argv) > 1 and sys.argv[1] == "survey":
        _survey(int(sys.argv[2]) if len(sys.argv) > 2 else 30)
    else:
        _interleaved(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
