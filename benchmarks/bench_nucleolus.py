"""The nucleolus beyond a dozen players: constraint generation beside the LPs over all coalitions.

Workloads (family ``nucleolus``):

* ``random-<n>`` for n = 10, 14, 20, 25: integer worths 0-99 drawn with
  ``numpy.random.default_rng(SEED + n)``, stand-alone worths 0 and ``v(N) = 50 n``.
* ``airport-<n>`` for the same n: the savings game ``v(S) = sum c_i - max c_i`` of an airport problem
  with costs 1-999 (``default_rng(SEED + n)``); the answer is checked against Littlechild's (1974)
  closed form (``match``).
* ``voting-50``, ``voting-100``: weighted voting games of 50 and 100 voters with weights 1-100
  (``default_rng(SEED + n)``) and a simple majority of the weight, solved with the knapsack oracle
  (no 2^n table; 100 voters timed once);
  ``majority-51``: 51 equal voters, quota 26 (the equal split, checked).

Ours is ``gt.nucleolus`` (lexicographic LPs with constraint generation); the route before issue 15
(``gametheory_af (all coalitions, before)``: one LP per stage over all 2^n - 2 coalitions, kept as
``_nucleolus_lp``) runs at 10 and 14 players, where its exact answer is compared (``match``). Building
a game's 2^n worths is not timed.

Run: ``python -m pytest benchmarks/bench_nucleolus.py --benchmark-only`` (``--benchmark-disable`` or
``QUICK=1``: 10 and 14 players and the 31-voter majority only, each case once, as CI does).
"""

from __future__ import annotations

import os
from fractions import Fraction

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import SEED, tag
from gametheory_af.bargaining.coalitions.core import _nucleolus_lp

SIZES = (10, 14, 20, 25)
QUICK_SIZES = (10, 14)
#: Largest size at which the former route (LPs over all coalitions) is timed.
BEFORE_MAX = 14


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "n" in metafunc.fixturenames:
        sizes = QUICK_SIZES if _quick(metafunc.config) else SIZES
        metafunc.parametrize("n", sizes, ids=[f"n{s}" for s in sizes])


def random_game(n: int) -> gt.CoalitionGame:
    vals = np.random.default_rng(SEED + n).integers(0, 100, 2**n)
    vals[0] = 0
    vals[[1 << i for i in range(n)]] = 0
    vals[-1] = 50 * n
    return gt.CoalitionGame(vals)


def airport_costs(n: int) -> list[int]:
    return sorted(int(c) for c in np.random.default_rng(SEED + n).integers(1, 1000, n))


def airport_game(costs: list[int]) -> gt.CoalitionGame:
    sums = np.zeros(1, dtype=np.int64)
    tops = np.zeros(1, dtype=np.int64)
    for c in costs:
        sums = np.concatenate([sums, sums + c])
        tops = np.concatenate([tops, np.maximum(tops, c)])
    return gt.CoalitionGame(sums - tops)


def littlechild_savings(costs: list[int]) -> tuple[Fraction, ...]:
    """Littlechild (1974): cost shares by stages of equal shares, the largest player pays the rest."""
    c = [Fraction(x) for x in costs]
    x: list[Fraction] = []
    while len(x) < len(c) - 1:
        start, paid = len(x), sum(x, Fraction(0))
        ratios = [((c[k] - paid) / (k - start + 2), k) for k in range(start, len(c) - 1)]
        best = min(r for r, _ in ratios)
        last = max(k for r, k in ratios if r == best)
        x.extend([best] * (last - start + 1))
    x.append(c[-1] - sum(x, Fraction(0)))
    return tuple(ci - xi for ci, xi in zip(c, x))


GAMES = {"random": random_game, "airport": lambda n: airport_game(airport_costs(n))}


@pytest.mark.parametrize("family", list(GAMES))
def test_ours(benchmark, family: str, n: int) -> None:
    game = GAMES[family](n)
    tag(benchmark, f"nucleolus: {family}-{n}", "gametheory_af", "constraint generation")
    res = benchmark.pedantic(gt.nucleolus, args=(game,), rounds=3 if n >= 20 else 5, iterations=1)
    assert res.exact is not None
    info: dict[str, object] = {"n_players": n}
    if family == "airport":
        info["match"] = res.exact == littlechild_savings(airport_costs(n))
        assert info["match"]
    benchmark.extra_info.update(info)


@pytest.mark.parametrize("family", list(GAMES))
def test_before(benchmark, family: str, n: int) -> None:
    if n > BEFORE_MAX:
        pytest.skip("the LPs over all 2^n - 2 coalitions take minutes and gigabytes from 20 players on")
    game = GAMES[family](n)
    tag(benchmark, f"nucleolus: {family}-{n}", "gametheory_af (all coalitions, before)", "full LPs")
    res = benchmark.pedantic(_nucleolus_lp, args=(game, 1e-9), rounds=3, iterations=1)
    benchmark.extra_info.update(n_players=n, match=res.exact == gt.nucleolus(game).exact)
    assert res.exact == gt.nucleolus(game).exact


@pytest.mark.parametrize("voters", [50, 100])
def test_voting(benchmark, request: pytest.FixtureRequest, voters: int) -> None:
    if _quick(request.config):
        pytest.skip("seconds: full mode only")
    w = np.random.default_rng(SEED + voters).integers(1, 101, voters).tolist()
    game = gt.WeightedVotingGame(sum(w) // 2 + 1, w)
    tag(benchmark, f"nucleolus: voting-{voters}", "gametheory_af", "knapsack oracle")
    res = benchmark.pedantic(gt.nucleolus, args=(game,), rounds=3 if voters <= 50 else 1, iterations=1)
    assert res.exact is not None and sum(res.exact) == 1
    benchmark.extra_info.update(n_players=voters, quota=game._int_q)


@pytest.mark.parametrize("voters", [31, 51])
def test_majority(benchmark, request: pytest.FixtureRequest, voters: int) -> None:
    if voters > 31 and _quick(request.config):
        pytest.skip("seconds: full mode only")
    game = gt.WeightedVotingGame(voters // 2 + 1, [1] * voters)
    tag(benchmark, f"nucleolus: majority-{voters}", "gametheory_af", "knapsack oracle")
    res = benchmark.pedantic(gt.nucleolus, args=(game,), rounds=3, iterations=1)
    benchmark.extra_info.update(n_players=voters, match=res.exact == (Fraction(1, voters),) * voters)
    assert res.exact == (Fraction(1, voters),) * voters
