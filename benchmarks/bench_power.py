"""Exact power indices of weighted voting games with hundreds of players, and of the EU Council.

Workloads (family ``power indices``):

* ``banzhaf-<n>`` and ``shapley_shubik-<n>`` for n = 50, 100, 200 players with seeded random
  integer weights 1-100 (``numpy.random.default_rng(SEED + n)``) and a simple majority of the
  total weight as quota: ours (one table of coalition counts for every player, modulo primes,
  rebuilt exactly) beside the route before issue 15 (``gametheory_af (object DP, before)``: the
  size-by-weight table in Python integers and a deconvolution per distinct weight, for both
  indices; the same exact fractions, asserted). The former route is timed once at 200 players
  (about 20 s) and skipped there in quick mode, and at 100 in quick mode too.
* ``EU27 Lisbon``: Shapley-Shubik and normalised Banzhaf indices of the Council of the EU
  (55% of the 27 states and 65% of the population on 1 January 2020 in persons, or fewer than
  four states opposed), by meeting in the middle.
* ``holler-<n>``, ``deegan_packel-<n>``, ``johnston-<n>`` on the same games of 50, 100, 200
  players: the sweeps over weights (generating functions, counts modulo primes rebuilt exactly).
  Before issue 15 these indices listed the 2**n coalitions (26 players at most): there is no
  former route to time at these sizes. The 200-player cases are skipped in quick mode.
* ``EU27 Lisbon (Holler, Deegan-Packel, Johnston)``: the compiled visit of the 2**27 coalitions
  (numba), timed cold (counts not kept from an earlier call); the three indices share one visit
  (quick mode: Johnston only).

Each row of ours records ``peak_mib``, the peak traced memory (``tracemalloc``) of one call.

Run: ``python -m pytest benchmarks/bench_power.py --benchmark-only`` (``--benchmark-disable``
or ``QUICK=1``: each case once, as CI does).
"""

from __future__ import annotations

import math
import os
import tracemalloc
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import SEED, tag
from gametheory_af.bargaining.coalitions.power import _ssi_from_swings, _swings_by_size_reference
from gametheory_af.bargaining.coalitions.voting import (
    _CRITICAL_CACHE,
    MultiQuotaVotingGame,
    deegan_packel,
    holler,
    johnston,
)

SIZES = (50, 100, 200)
#: EU27 populations on 1 January 2020 (Eurostat, demo_pjan), persons.
EU27_2020 = (83166711, 67320216, 59641488, 47332614, 37958138, 19328838, 17407585, 11522440, 10718565,
             10693939, 10327589, 10295909, 9769526, 8901064, 6951482, 5822763, 5525292, 5457873, 4964440,
             4058165, 2794090, 2095861, 1907675, 1328976, 888005, 626108, 514564)


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


def _game(n: int) -> gt.WeightedVotingGame:
    w = np.random.default_rng(SEED + n).integers(1, 101, n).tolist()
    return gt.WeightedVotingGame(sum(w) // 2 + 1, w)


def _before_banzhaf(game: gt.WeightedVotingGame) -> tuple[Fraction, ...]:
    swings = _swings_by_size_reference(game)
    half = 1 << (game.n_players - 1)
    return tuple(Fraction(sum(int(x) for x in row), half) for row in swings)


def _before_ssi(game: gt.WeightedVotingGame) -> tuple[Fraction, ...]:
    return tuple(_ssi_from_swings(_swings_by_size_reference(game)))


OURS: dict[str, Callable[[Any], tuple[Fraction, ...]]] = {
    "banzhaf": lambda g: gt.banzhaf(g).exact,
    "shapley_shubik": lambda g: gt.shapley_shubik(g).exact,
}
BEFORE = {"banzhaf": _before_banzhaf, "shapley_shubik": _before_ssi}


def _peak_mib(f: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        f()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("index", list(OURS))
def test_ours(benchmark, index: str, n: int) -> None:
    game = _game(n)
    tag(benchmark, f"power indices: {index}-{n}", "gametheory_af", index)
    res = benchmark(OURS[index], game)
    assert sum(res) == 1 if index == "shapley_shubik" else all(0 <= x <= 1 for x in res)
    benchmark.extra_info.update(n_players=n, quota=game._int_q, peak_mib=round(_peak_mib(lambda: OURS[index](game)), 1))


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("index", list(BEFORE))
def test_before(benchmark, request, index: str, n: int) -> None:
    if n > 50 and _quick(request.config):
        pytest.skip("the former route takes seconds from 100 players on; full mode only")
    game = _game(n)
    tag(benchmark, f"power indices: {index}-{n}", "gametheory_af (object DP, before)", index)
    if n >= 200:
        res = benchmark.pedantic(BEFORE[index], args=(game,), rounds=1, iterations=1)
    else:
        res = benchmark.pedantic(BEFORE[index], args=(game,), rounds=3, iterations=1)
    benchmark.extra_info.update(n_players=n, match=res == OURS[index](game))
    assert res == OURS[index](game)


def _lisbon() -> MultiQuotaVotingGame:
    total = sum(EU27_2020)
    return MultiQuotaVotingGame([[15, Fraction(65, 100) * total], [24, 0]], [[1] * 27, list(EU27_2020)])


@pytest.mark.parametrize("index", ["banzhaf", "shapley_shubik"])
def test_eu27_lisbon(benchmark, index: str) -> None:
    game = _lisbon()
    f = (lambda g: gt.banzhaf(g, normalized=True).exact) if index == "banzhaf" else OURS[index]
    tag(benchmark, "power indices: EU27 Lisbon", "gametheory_af", index)
    res = benchmark.pedantic(f, args=(game,), rounds=3, iterations=1)
    assert sum(res) == 1 and res[0] == max(res)
    benchmark.extra_info.update(n_players=27, peak_mib=round(_peak_mib(lambda: f(game)), 1),
                                germany=round(float(res[0]), 5), malta=round(float(res[-1]), 5))
    assert math.isclose(sum(float(x) for x in res), 1.0)


MWC_INDICES: dict[str, Callable[[Any], tuple[Fraction, ...]]] = {
    "holler": lambda g: holler(g).exact,
    "deegan_packel": lambda g: deegan_packel(g).exact,
    "johnston": lambda g: johnston(g).exact,
}


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("index", list(MWC_INDICES))
def test_minimal_winning_indices(benchmark, request, index: str, n: int) -> None:
    if n >= 200 and index != "holler" and _quick(request.config):
        pytest.skip("10-30 s at 200 players; full mode only")
    game = _game(n)
    tag(benchmark, f"power indices: {index}-{n}", "gametheory_af", index)
    res = benchmark.pedantic(MWC_INDICES[index], args=(game,), rounds=1 if n >= 200 else 3, iterations=1)
    assert sum(res) == 1 and all(x >= 0 for x in res)
    benchmark.extra_info.update(n_players=n, quota=game._int_q)


@pytest.mark.parametrize("index", list(MWC_INDICES))
def test_eu27_lisbon_minimal_winning(benchmark, request, index: str) -> None:
    if index != "johnston" and _quick(request.config):
        pytest.skip("the same visit as Johnston's; full mode only")
    game = _lisbon()

    def cold() -> tuple[Fraction, ...]:
        _CRITICAL_CACHE.clear()
        return MWC_INDICES[index](game)

    cold()  # numba compiles (or loads its cache) once, outside the timing
    tag(benchmark, "power indices: EU27 Lisbon", "gametheory_af", index)
    res = benchmark.pedantic(cold, rounds=3, iterations=1)
    assert sum(res) == 1 and res[0] == max(res)
    benchmark.extra_info.update(n_players=27, germany=round(float(res[0]), 5), malta=round(float(res[-1]), 5))
