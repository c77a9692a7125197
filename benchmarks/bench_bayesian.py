"""Bayesian Nash equilibria of seeded random Bayesian games: ours beside pygambit on the ex-ante form.

Run: ``python -m pytest benchmarks/bench_bayesian.py --benchmark-only``.
Each row records the number of equilibria (read type by type) and the largest
interim regret; pygambit's ``enummixed_solve`` on the same ex-ante strategic form,
read type by type, must give the same set (asserted).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from benchmarks.conftest import SEED, tag
from gametheory_af.solvers.bayesian import bayes_nash, is_perfect_bayesian
from gametheory_af.trees.bayesian import BayesianGame, signaling_game

SIZES = {"2x2types-2x2actions": (2, 2), "2x2types-3x3actions": (2, 3)}


def _game(types: int, actions: int) -> BayesianGame:
    rng = np.random.default_rng(SEED)
    marg = [rng.dirichlet(np.ones(types)) for _ in range(2)]
    u = rng.standard_normal((2, types, types, actions, actions))
    return BayesianGame.independent(marg, u)


def _key(per_type: list[np.ndarray]) -> tuple[float, ...]:
    return tuple(np.round(np.concatenate(per_type), 6).tolist())


@pytest.fixture(params=list(SIZES), scope="module")
def case(request):
    g = _game(*SIZES[request.param])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = {_key([s for per in e.strategy for s in per]) for e in bayes_nash(g)}
    return request.param, g, ours


def test_ours_bayes_nash(benchmark, case):
    name, g, ours = case
    tag(benchmark, f"Bayesian: all equilibria {name}", method="bayes_nash")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = benchmark(bayes_nash, g)
    benchmark.extra_info.update(workload=name, library="gametheory_af", method=res.method, n_equilibria=len(res), max_regret=res.max_regret)
    assert {_key([s for per in e.strategy for s in per]) for e in res} == ours
    assert res.relative_regret <= 1e-8


def test_pygambit_enummixed_ex_ante(benchmark, case):
    name, g, ours = case
    gbt = pytest.importorskip("pygambit")
    if name != "2x2types-2x2actions":
        pytest.skip("pygambit enummixed takes about 19 s on the 9x9 ex-ante form (degenerate); too slow for CI's quick run")
    nf = g.to_normal_form()
    G = gbt.Game.from_arrays(nf.payoffs[0], nf.payoffs[1])
    tag(benchmark, f"Bayesian: all equilibria {name}", "pygambit", "enummixed_solve (ex-ante form)")
    res = benchmark(gbt.nash.enummixed_solve, G)
    theirs = set()
    for eq in res.equilibria:
        per = []
        for i, player in enumerate(G.players):
            probs = np.array([float(eq[s]) for s in player.strategies])
            plans = np.indices((g.action_shape[i],) * g.type_shape[i]).reshape(g.type_shape[i], -1).T
            for k in range(g.type_shape[i]):
                per.append(np.bincount(plans[:, k], weights=probs, minlength=g.action_shape[i]))
        theirs.add(_key(per))
    benchmark.extra_info.update(workload=name, library="pygambit", n_equilibria=len(theirs), match=theirs == ours)
    assert theirs == ours


def test_ours_harsanyi_tree(benchmark):
    g = _game(3, 3)
    tag(benchmark, "Bayesian: Harsanyi tree 3x3types-3x3actions", method="to_tree")
    t = benchmark(g.to_tree)
    benchmark.extra_info.update(workload="3x3types-3x3actions", library="gametheory_af", n_nodes=t.n_nodes)
    assert t.n_terminals == 9 * 9


def test_ours_pbe_check_beer_quiche(benchmark):
    us = [[[1, 3], [0, 2]], [[0, 2], [1, 3]]]
    ur = [[[0, 1], [0, 1]], [[1, 0], [1, 0]]]
    g = signaling_game([0.9, 0.1], us, ur, types=["strong", "weak"], messages=["beer", "quiche"], actions=["duel", "not"])
    pool = {"Sender: strong": "beer", "Sender: weak": "beer", "Receiver: beer": "not", "Receiver: quiche": "duel"}
    tag(benchmark, "Bayesian: PBE check, beer-quiche", method="is_perfect_bayesian")
    c = benchmark(is_perfect_bayesian, g, pool, {"Receiver: quiche": [0, 1]})
    benchmark.extra_info.update(workload="beer-quiche", library="gametheory_af", ok=c.ok)
    assert c.ok
