"""n-player solvers beside pygambit on the same seeded games.

Run: ``python -m pytest benchmarks/bench_n_player.py --benchmark-only``
(CI smoke-runs it with ``--benchmark-disable``).
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import tag
from gametheory_af.solvers.global_newton import global_newton
from gametheory_af.solvers.polynomial import polynomial_enumeration
from gametheory_af.solvers.simpdiv import simpdiv

gbt = pytest.importorskip("pygambit")

GAMES = {
    "random-3x3x3-s0": ((3, 3, 3), 0),
    "random-3x3x3-s1": ((3, 3, 3), 1),
    "random-3x3x3-s2": ((3, 3, 3), 2),
    "random-2x2x2x2-s0": ((2, 2, 2, 2), 0),
    "random-2x2x2x2x2-s0": ((2, 2, 2, 2, 2), 0),
}
LARGE = {"random-4x4x4x4-s0": ((4, 4, 4, 4), 0), "random-5x5x5-s0": ((5, 5, 5), 0)}


def _game(shape, seed):
    rng = np.random.default_rng(seed)
    return gt.NormalFormGame(rng.normal(size=(len(shape), *shape)))


def _gambit(game):
    return gbt.Game.from_arrays(*[game.payoffs[i] for i in range(game.n_players)])


def _gambit_regret(res):
    return max((float(e.max_regret()) for e in res.equilibria), default=0.0)


@functools.cache
def _ours_all(key):
    """Our equilibria of a workload (outside the timing), for the peer's set to be compared with."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        return [np.concatenate(eq.profile) for eq in polynomial_enumeration(_game(*GAMES[key]))]


def _same_set(gg, res, ours, tol=1e-6):
    theirs = [np.array([float(e[s]) for p in gg.players for s in p.strategies]) for e in res.equilibria]
    return len(theirs) == len(ours) and all(any(np.abs(t - o).max() <= tol for o in ours) for t in theirs)


@pytest.mark.parametrize("key", list(GAMES))
def test_global_newton(benchmark, key):
    game = _game(*GAMES[key])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)
        tag(benchmark, f"n-player: global Newton {key}", method="global_newton", workload=key)
        res = benchmark(global_newton, game)
    benchmark.extra_info.update(n_equilibria=len(res), max_regret=res.max_regret, converged=res.converged)


@pytest.mark.parametrize("key", list(GAMES) + list(LARGE))
def test_simpdiv(benchmark, key):
    game = _game(*{**GAMES, **LARGE}[key])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)
        tag(benchmark, f"n-player: simplicial subdivision {key}", method="simpdiv", workload=key)
        res = benchmark(simpdiv, game)
    benchmark.extra_info.update(n_equilibria=len(res), max_regret=res.max_regret, converged=res.converged)


@pytest.mark.parametrize("key", list(GAMES))
def test_gambit_simpdiv(benchmark, key):
    gg = _gambit(_game(*GAMES[key]))
    tag(benchmark, f"n-player: simplicial subdivision {key}", "pygambit", "simpdiv_solve", workload=key)
    res = benchmark(lambda: gbt.nash.simpdiv_solve(gg.mixed_strategy_profile(rational=True)))
    benchmark.extra_info.update(n_equilibria=len(res.equilibria), max_regret=_gambit_regret(res))


@pytest.mark.parametrize("key", list(GAMES))
def test_gambit_gnm(benchmark, key):
    gg = _gambit(_game(*GAMES[key]))
    tag(benchmark, f"n-player: global Newton {key}", "pygambit", "gnm_solve", workload=key)
    res = benchmark(gbt.nash.gnm_solve, gg)
    benchmark.extra_info.update(n_equilibria=len(res.equilibria), max_regret=_gambit_regret(res))
