"""Welfare-maximising correlated equilibria of random games: ours beside a plain scipy ``linprog`` formulation.

Run: ``python -m pytest benchmarks/bench_correlated.py --benchmark-only``.
pygambit and nashpy have no correlated equilibria (nor does quantecon): the peer here is the
textbook LP written directly with :func:`scipy.optimize.linprog` (a Python loop over players,
recommended and alternative strategies, default HiGHS options). Each row records the optimal
welfare and the certificate (``max_gain``, relative to the payoff range); the peer's welfare
must match ours (asserted).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import random_game_payoffs, tag
from gametheory_af.solvers.correlated import correlated_equilibria, correlation_gains

SHAPES = {"2p-10x10": (10, 10), "3p-4x4x4": (4, 4, 4), "2p-30x30": (30, 30)}


def plain_linprog(payoffs: np.ndarray) -> tuple[np.ndarray, float]:
    """The correlated-equilibrium LP written out naively: one constraint row per (player, s, t)."""
    from scipy.optimize import linprog

    n = payoffs.shape[0]
    shape = payoffs.shape[1:]
    profiles = list(itertools.product(*(range(s) for s in shape)))
    index = {a: k for k, a in enumerate(profiles)}
    rows = []
    for i in range(n):
        for s, t in itertools.permutations(range(shape[i]), 2):
            row = np.zeros(len(profiles))
            for a in profiles:
                if a[i] == s:
                    b = a[:i] + (t,) + a[i + 1 :]
                    row[index[a]] = payoffs[(i, *b)] - payoffs[(i, *a)]
            rows.append(row)
    c = -np.array([payoffs[(slice(None), *a)].sum() for a in profiles])
    res = linprog(c, A_ub=np.array(rows), b_ub=np.zeros(len(rows)), A_eq=np.ones((1, len(profiles))), b_eq=[1.0], bounds=(0, None))
    return res.x.reshape(shape), float(-res.fun)


@pytest.fixture(params=list(SHAPES), scope="module")
def case(request):
    shape = SHAPES[request.param]
    payoffs = random_game_payoffs(shape)
    game = gt.NormalFormGame(payoffs)
    return request.param, game, correlated_equilibria(game).value


def test_ours(benchmark, case):
    name, game, value = case
    tag(benchmark, f"correlated: max welfare {name}", method="correlated_equilibria")
    res = benchmark(correlated_equilibria, game)
    rel = float((res.gains / gt._tolerance.payoff_ranges(game.payoffs)).max())
    benchmark.extra_info.update(workload=name, library="gametheory_af", welfare=res.value, max_gain=rel)
    assert res.value == pytest.approx(value, rel=1e-9) and rel <= 1e-9


def test_ours_exact(benchmark, case):
    name, game, value = case
    if np.prod(game.shape) > 100:
        pytest.skip("exact mode on the small workloads only")
    tag(benchmark, f"correlated: max welfare {name}", "gametheory_af (exact)", "correlated_equilibria")
    res = benchmark.pedantic(correlated_equilibria, args=(game,), kwargs={"exact": True}, rounds=3, iterations=1)
    benchmark.extra_info.update(workload=name, library="gametheory_af (exact)", welfare=res.value, max_gain=float(res.gains.max()))
    assert res.exact is not None and res.value == pytest.approx(value, rel=1e-9)


def test_plain_scipy_linprog(benchmark, case):
    name, game, value = case
    tag(benchmark, f"correlated: max welfare {name}", "scipy-linprog", "plain LP")
    p, welfare = benchmark(plain_linprog, game.payoffs)
    rel = float((correlation_gains(game, np.clip(p, 0, None) / np.clip(p, 0, None).sum()) / gt._tolerance.payoff_ranges(game.payoffs)).max())
    benchmark.extra_info.update(
        workload=name, library="scipy-linprog", welfare=welfare, max_gain=rel, match=welfare == pytest.approx(value, rel=1e-7)
    )
    assert welfare == pytest.approx(value, rel=1e-7)


def test_ours_extreme_3x3(benchmark):
    """Every vertex of the correlated-equilibrium polytope of a random 3x3 game (basis enumeration)."""
    game = gt.NormalFormGame(random_game_payoffs((3, 3)))
    tag(benchmark, "correlated: every vertex 2p-3x3", method="correlated_equilibria(objective='extreme')")
    res = benchmark.pedantic(correlated_equilibria, args=(game,), kwargs={"objective": "extreme"}, rounds=3, iterations=1)
    benchmark.extra_info.update(workload="2p-3x3-extreme", library="gametheory_af", n_vertices=len(res))
    assert res.complete and len(res) >= 1
