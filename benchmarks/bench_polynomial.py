"""All equilibria of small n-player games: our ``polynomial_enumeration`` beside pygambit's ``enumpoly_solve``.

Workloads (the seeded random games ``np.random.default_rng(seed).normal``, standard-normal payoffs, plus Gambit's
own degenerate coordination game):

* ``random-3x3x3-s0/s1/s2``, ``random-2x2x2x2-s0``, ``random-2x2x2x2x2-s0``: ``np.random.default_rng(seed)``.
* ``coord333``: ``tests/data/nfg/coord333.nfg`` (Gambit's contrib games): three players, three
  strategies, payoff 1 to all when all match. 13 isolated equilibria; most support profiles have a
  positive-dimensional solution set of their indifference equations that holds no equilibrium.

Each row records ``n_equilibria``, ``max_regret`` and ``complete`` (ours) or ``match`` (the peer's
set is ours, within 1e-6) in ``extra_info``. pygambit misses equilibria on ``random-2x2x2x2x2-s0``
(it finds 3 of our 5, each of which it also certifies).

Run: ``python -m pytest benchmarks/bench_polynomial.py --benchmark-only``
(``--benchmark-disable`` or ``QUICK=1`` run each case once, as CI does).
"""

from __future__ import annotations

import functools
import pathlib
import warnings

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import tag
from gametheory_af.solvers.polynomial import polynomial_enumeration

gbt = pytest.importorskip("pygambit")

COORD333 = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "nfg" / "coord333.nfg"

GAMES = {
    "random-3x3x3-s0": ((3, 3, 3), 0),
    "random-3x3x3-s1": ((3, 3, 3), 1),
    "random-3x3x3-s2": ((3, 3, 3), 2),
    "random-2x2x2x2-s0": ((2, 2, 2, 2), 0),
    "random-2x2x2x2x2-s0": ((2, 2, 2, 2, 2), 0),
    "coord333": None,
}


@functools.cache
def _game(key: str) -> gt.NormalFormGame:
    spec = GAMES[key]
    if spec is None:
        return gt.read_nfg(COORD333)
    shape, seed = spec
    return gt.NormalFormGame(np.random.default_rng(seed).normal(size=(len(shape), *shape)))


def _gambit(game: gt.NormalFormGame):  # noqa: ANN202 - peer object
    return gbt.Game.from_arrays(*[game.payoffs[i] for i in range(game.n_players)])


@functools.cache
def _ours_all(key: str) -> list[np.ndarray]:
    """Our equilibria of a workload (outside the timing), for the peer's set to be compared with."""
    return [np.concatenate(eq.profile) for eq in polynomial_enumeration(_game(key))]


def _same_set(gg, res, ours, tol=1e-6):  # noqa: ANN001, ANN202
    theirs = [np.array([float(e[s]) for p in gg.players for s in p.strategies]) for e in res.equilibria]
    return len(theirs) == len(ours) and all(any(np.abs(t - o).max() <= tol for o in ours) for t in theirs)


@pytest.mark.parametrize("key", list(GAMES))
def test_polynomial_enumeration(benchmark, key):  # noqa: ANN001
    game = _game(key)
    tag(benchmark, f"n-player: all equilibria {key}", method="polynomial_enumeration", workload=key)
    with warnings.catch_warnings():
        warnings.simplefilter("error", gt.DegenerateGameWarning)  # every workload is resolved completely
        res = benchmark(polynomial_enumeration, game)
    benchmark.extra_info.update(n_equilibria=len(res), max_regret=res.max_regret, complete=res.complete)
    assert res.complete and res.max_regret <= 1e-9


@pytest.mark.parametrize("key", list(GAMES))
def test_gambit_enumpoly(benchmark, key):  # noqa: ANN001
    gg = _gambit(_game(key))
    tag(benchmark, f"n-player: all equilibria {key}", "pygambit", "enumpoly_solve", workload=key)
    res = benchmark(gbt.nash.enumpoly_solve, gg)
    regret = max((float(e.max_regret()) for e in res.equilibria), default=0.0)
    benchmark.extra_info.update(
        n_equilibria=len(res.equilibria), max_regret=regret, match=_same_set(gg, res, _ours_all(key))
    )
