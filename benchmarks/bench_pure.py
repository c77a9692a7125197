"""All pure Nash equilibria of random n-player games: ours beside pygambit and quantecon.

Run: ``python -m pytest benchmarks/bench_pure.py --benchmark-only``.
Each row records the equilibrium count (``extra_info["n_equilibria"]``) so a fast
but wrong answer shows; the peers' counts must match ours (asserted).
"""

from __future__ import annotations

import pytest

import gametheory_af as gt
from benchmarks.conftest import random_game_payoffs, tag, to_pygambit, to_quantecon

SHAPES = {"6p-3s": (3,) * 6, "10p-2s": (2,) * 10, "3p-10s": (10,) * 3}


@pytest.fixture(params=list(SHAPES), scope="module")
def case(request):
    payoffs = random_game_payoffs(SHAPES[request.param])
    ours = {eq.pure_profile for eq in gt.pure_nash(gt.NormalFormGame(payoffs))}
    return request.param, payoffs, ours


def test_ours(benchmark, case):
    name, payoffs, ours = case
    game = gt.NormalFormGame(payoffs)
    tag(benchmark, f"pure equilibria: {name}", method="pure_nash")
    res = benchmark(gt.pure_nash, game)
    benchmark.extra_info.update(workload=name, library="gametheory_af", n_equilibria=len(res), max_regret=res.max_regret)
    assert {eq.pure_profile for eq in res} == ours


def test_pygambit_enumpure(benchmark, case):
    name, payoffs, ours = case
    gbt = pytest.importorskip("pygambit")
    G = to_pygambit(payoffs)
    tag(benchmark, f"pure equilibria: {name}", "pygambit", "enumpure_solve")
    res = benchmark(gbt.nash.enumpure_solve, G)
    theirs = {tuple(next(j for j, s in enumerate(p.strategies) if eq[s] == 1) for p in G.players) for eq in res.equilibria}
    benchmark.extra_info.update(workload=name, library="pygambit", n_equilibria=len(theirs), match=theirs == ours)
    assert theirs == ours


def test_quantecon_pure_nash_brute(benchmark, case):
    name, payoffs, ours = case
    qe = pytest.importorskip("quantecon.game_theory")
    G = to_quantecon(payoffs)
    tag(benchmark, f"pure equilibria: {name}", "quantecon", "pure_nash_brute")
    res = benchmark(qe.pure_nash_brute, G)
    benchmark.extra_info.update(
        workload=name, library="quantecon", n_equilibria=len(res), match=set(map(tuple, res)) == ours
    )
    assert set(map(tuple, res)) == ours


def test_ours_batch_of_1000(benchmark):
    """A chunk of a parameter sweep: 1000 random 4-player 2-strategy games at once."""
    import numpy as np

    stack = np.random.default_rng(1).standard_normal((1000, 4, 2, 2, 2, 2))
    tag(benchmark, "pure equilibria: batch of 1000 (2,2,2,2) games", method="pure_nash_batch")
    out = benchmark(gt.pure_nash_batch, stack)
    benchmark.extra_info.update(workload="batch-1000x(2,2,2,2)", library="gametheory_af", n_equilibria=int(out.sum()))
