"""Regret matching (Hart and Mas-Colell 2000): the empirical joint play approaches the correlated equilibria."""

from __future__ import annotations

import itertools
import json
import pickle

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.dynamics.regret_matching import RegretMatchingResult, regret_matching

CHICKEN = gt.catalog.chicken()
SHAPLEY = gt.NormalFormGame.from_bimatrix(
    [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
)


def _ce_violation(game, q):
    """The largest gain of a deviation rule against the joint distribution q, by brute force."""
    u = game.payoffs
    worst = 0.0
    for i, s_i in enumerate(game.shape):
        total = 0.0
        for j in range(s_i):
            best = 0.0
            for k in range(s_i):
                gain = 0.0
                for prof in itertools.product(*[range(s) for s in game.shape]):
                    if prof[i] != j:
                        continue
                    dev = list(prof)
                    dev[i] = k
                    gain += q[prof] * (u[(i, *dev)] - u[(i, *prof)])
                best = max(best, gain)
            total += best
        worst = max(worst, total)
    return worst


def test_correlated_regret_matches_brute_force():
    g = gt.NormalFormGame(np.random.default_rng(0).normal(size=(3, 2, 3, 2)))
    res = regret_matching(g, 3, steps=40, rng=2, record_every=40)
    ours = res.correlated_regret()
    for b in range(3):
        assert ours[b] == pytest.approx(_ce_violation(g, res.joint[b]), abs=1e-12)
    # the chicken correlated equilibrium (1/3 each on all but the crash) has no profitable deviation
    q = np.array([[[1 / 3, 1 / 3], [1 / 3, 0.0]]])
    ce = RegretMatchingResult("demo", CHICKEN, {}, np.zeros(1), (np.full((1, 1, 2), 0.5),) * 2, q)
    assert ce.correlated_regret()[0] == pytest.approx(0.0, abs=1e-12)


def test_chicken_violation_shrinks_below_threshold():
    short = regret_matching(CHICKEN, 30, steps=100, rng=0, record_every=100).correlated_regret()
    long = regret_matching(CHICKEN, 30, steps=5000, rng=0, record_every=5000).correlated_regret()
    assert long.max() < 0.05
    assert long.mean() < short.mean() / 5


def test_shapley_joint_play_approaches_correlated_equilibria():
    """Fictitious play cycles here; regret matching's joint play still approaches the CE set."""
    viol = [regret_matching(SHAPLEY, 10, steps=t, rng=1, record_every=t).correlated_regret().mean() for t in (200, 20000)]
    assert viol[1] < 0.1 and viol[1] < viol[0] / 3


def test_marginals_of_the_joint_are_the_recorded_frequencies():
    g = gt.NormalFormGame(np.random.default_rng(4).normal(size=(3, 2, 3, 2)))
    res = regret_matching(g, 5, steps=300, rng=5, record_every=50)
    assert res.times.tolist() == [0, 50, 100, 150, 200, 250, 300]
    for i in range(3):
        axes = tuple(1 + j for j in range(3) if j != i)
        np.testing.assert_allclose(res.joint.sum(axis=axes), res.final[i], atol=1e-12)
    counts = res.joint * 300
    np.testing.assert_allclose(counts, np.round(counts), atol=1e-9)


def test_dominant_strategy_is_learned_and_seed_reproducible():
    pd = gt.catalog.prisoners_dilemma()
    r1 = regret_matching(pd, 10, steps=2000, rng=3, record_every=2000)
    r2 = regret_matching(pd, 10, steps=2000, rng=3, record_every=2000)
    assert r1 == r2
    assert (r1.final[0][:, 1] > 0.95).all()  # regret for not defecting drives play to Defect


def test_first_round_follows_the_initial_profile_and_zero_steps():
    pd = gt.catalog.prisoners_dilemma()
    res = regret_matching(pd, ([0, 1], [1, 0]), steps=1)
    assert res.final[0].tolist() == [[0.0, 1.0]] and res.final[1].tolist() == [[1.0, 0.0]]
    assert res.joint[0].tolist() == [[0.0, 0.0], [1.0, 0.0]]
    zero = regret_matching(pd, ([0.25, 0.75], [0.5, 0.5]), steps=0)
    np.testing.assert_allclose(zero.joint[0], [[0.125, 0.125], [0.375, 0.375]])


def test_mu_option_and_result_values():
    res = regret_matching(CHICKEN, 2, steps=50, rng=0, mu=100.0, record_every=25)
    assert res.parameters["mu"] == (100.0, 100.0)
    default = regret_matching(CHICKEN, steps=2, rng=0)
    assert default.parameters["mu"] == (22.0, 22.0)  # 2 (s - 1) * range, range 11
    assert pickle.loads(pickle.dumps(res)) == res
    d = res.to_dict()
    json.dumps(d)
    assert np.allclose(d["joint"], res.joint)
    with pytest.raises(ValueError):
        res.joint[0, 0, 0] = 1.0
    with pytest.raises(gt.GameError, match="joint"):
        RegretMatchingResult("d", CHICKEN, {}, np.zeros(1), (np.full((1, 1, 2), 0.5),) * 2, np.zeros((1, 4)))


def test_correlated_regret_is_the_correlated_equilibrium_certificate():
    """The empirical joint play's distance from correlation is correlation_gains, the solver's certificate."""
    import gametheory_af as gt

    game = gt.catalog.chicken()
    res = gt.regret_matching(game, 4, steps=400, rng=7)
    for b in range(res.n_starts):
        assert res.correlated_regret()[b] == pytest.approx(gt.correlation_gains(game, res.joint[b]).max(), abs=1e-12)
