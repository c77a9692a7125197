"""Fictitious play and stochastic fictitious play: known answers, properties, nashpy and quantecon."""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.dynamics.fictitious_play import fictitious_play, stochastic_fictitious_play

PD = gt.catalog.prisoners_dilemma()
#: Shapley (1964): unique equilibrium (uniform, uniform); fictitious play cycles around it.
SHAPLEY = gt.NormalFormGame.from_bimatrix(
    [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
)


def _counts(res, b=0):
    """Play counts (prior included) of start b at every recorded step."""
    w = res.parameters["initial_weight"]
    return [s[b] * (w + res.times[:, None]) for s in res.states]


def _plays(res, b=0):
    """The pure action of each player at each step 1..T-1 (needs record_every=1)."""
    return [np.argmax(np.diff(c, axis=0), axis=1) for c in _counts(res, b)]


def test_dominant_strategy_exact_frequencies():
    res = fictitious_play(PD, steps=50)
    t = res.times
    for s in res.states:
        np.testing.assert_allclose(s[0, :, 1], (0.5 + t) / (1 + t))
    assert res.dynamic == "fictitious_play" and res.parameters["tie_break"] == "first"
    assert res.times.tolist() == list(range(51))


def test_three_player_dominant_strategy_from_a_batch():
    rng = np.random.default_rng(5)
    u = rng.normal(size=(3, 2, 3, 2))
    u[1, :, 2, :] += 10.0  # strategy 2 strictly dominant for player 1
    res = fictitious_play(gt.NormalFormGame(u), 20, steps=400, rng=1, record_every=100)
    assert res.states[1].shape == (20, 5, 3)
    assert (res.final[1][:, 2] >= 400 / 401 - 1e-12).all()


@pytest.mark.parametrize("seed", [0, 3])
def test_robinson_payoffs_bracket_and_approach_the_value(seed):
    a = np.random.default_rng(seed).normal(size=(4, 5))
    g = gt.NormalFormGame.from_zero_sum(a)
    value = gt.zero_sum(g).value
    res = fictitious_play(g, 5, steps=4000, rng=seed, record_every=10)
    x, y = res.states
    upper = (y @ a.T).max(axis=2)  # best reply payoff of player 1 to the frequencies of player 2
    lower = (x @ a).min(axis=2)
    assert (upper >= value - 1e-9).all() and (lower <= value + 1e-9).all()
    gap = upper - lower
    rng_a = np.ptp(a)
    assert (gap[:, -1] < 0.05 * rng_a).all()
    assert (gap[:, -1] < gap[:, 10]).all()


def test_matching_pennies_value_zero():
    res = fictitious_play(gt.catalog.matching_pennies(), steps=5000, record_every=5000)
    np.testing.assert_allclose(res.final[0], 0.5, atol=0.01)
    np.testing.assert_allclose(res.final[1], 0.5, atol=0.01)


def test_shapley_game_cycles_with_growing_runs():
    res = fictitious_play(SHAPLEY, ([1, 0, 0], [0, 1, 0]), steps=3000)
    p1, p2 = _plays(res)
    runs: list[list] = []
    for prof in zip(p1.tolist(), p2.tolist()):
        if runs and runs[-1][0] == prof:
            runs[-1][1] += 1
        else:
            runs.append([prof, 1])
    cycle = [(1, 1), (1, 2), (2, 2), (2, 0), (0, 0), (0, 1)]
    profiles = [r[0] for r in runs]
    start = cycle.index(profiles[0])
    assert profiles == [cycle[(start + k) % 6] for k in range(len(profiles))]
    lengths = [r[1] for r in runs[:-1]]  # the last run is cut off by the end of play
    assert len(lengths) >= 12 and all(b > a for a, b in zip(lengths, lengths[1:]))
    ratios = np.array(lengths[6:]) / np.array(lengths[5:-1])
    assert (ratios > 1.3).all()  # geometric growth: the frequencies never settle
    late = res.states[0][0, 1000:]
    assert np.abs(late - 1 / 3).max(axis=1).min() > 0.05


def test_batch_equals_single_runs_and_recording():
    g = gt.NormalFormGame(np.random.default_rng(2).normal(size=(3, 2, 3, 2)))
    batch = fictitious_play(g, 4, steps=60, rng=7, record_every=7)
    assert batch.times.tolist() == [0, 7, 14, 21, 28, 35, 42, 49, 56, 60]
    for b in range(4):
        one = fictitious_play(g, batch.profile(b, 0), steps=60, record_every=7)
        for s_one, s_batch in zip(one.states, batch.states):
            np.testing.assert_allclose(s_one[0], s_batch[b], atol=1e-12)


def test_ties_first_and_random():
    flat = gt.NormalFormGame(np.zeros((2, 3, 3)))
    first = fictitious_play(flat, steps=300)
    assert first.final[0][0].tolist() == pytest.approx([(1 / 3 + 300) / 301, 1 / 3 / 301, 1 / 3 / 301])
    r1 = fictitious_play(flat, 50, steps=300, rng=4, tie_break="random", record_every=300)
    r2 = fictitious_play(flat, 50, steps=300, rng=4, tie_break="random", record_every=300)
    assert r1 == r2
    np.testing.assert_allclose(r1.final[0].mean(axis=0), 1 / 3, atol=0.02)


def test_initial_weight_is_a_prior_in_rounds():
    # a heavy prior on Cooperate against PD: Defect is still a best reply, the prior fades as w/(w+t)
    res = fictitious_play(PD, ([1, 0], [1, 0]), steps=10, initial_weight=30)
    np.testing.assert_allclose(res.final[0], [[30 / 40, 10 / 40]])


def test_zero_steps_and_progress(capsys):
    pytest.importorskip("tqdm")
    res = fictitious_play(PD, steps=0, progress=True)
    assert res.times.tolist() == [0.0] and res.final[0].tolist() == [[0.5, 0.5]]


def test_against_nashpy_with_the_same_prior():
    """nashpy's play counts equal ours when its initial counts are our prior (same total weight)."""
    nash = pytest.importorskip("nashpy")
    rng = np.random.default_rng(11)
    a, b = rng.normal(size=(2, 3, 4))
    w = 2.5
    x1, x2 = rng.dirichlet(np.ones(3)), rng.dirichlet(np.ones(4))  # generic beliefs: no ties
    theirs = list(nash.Game(a, b).fictitious_play(iterations=200, play_counts=[w * x1, w * x2]))
    ours = fictitious_play(gt.NormalFormGame.from_bimatrix(a, b), (x1, x2), steps=200, initial_weight=w)
    for i in range(2):
        np.testing.assert_allclose(_counts(ours)[i], np.array([t[i] for t in theirs]), atol=1e-9)


@pytest.mark.parametrize("shape", [(3, 4), (2, 3, 2)])
def test_against_quantecon(shape):
    qe = pytest.importorskip("quantecon.game_theory")
    rng = np.random.default_rng(len(shape))
    u = rng.normal(size=(len(shape), *shape))
    g = gt.NormalFormGame(u)
    x0 = tuple(rng.dirichlet(np.ones(s)) for s in shape)
    ours = fictitious_play(g, x0, steps=300)
    qgame = qe.NormalFormGame(np.moveaxis(u, 0, -1))
    theirs = qe.FictitiousPlay(qgame).time_series(301, init_actions=x0, tie_breaking="smallest")
    for i in range(len(shape)):
        np.testing.assert_allclose(ours.states[i][0], theirs[i], atol=1e-9)


# ------------------------------------------------------------------------------ stochastic
def test_sfp_approaches_the_logit_qre():
    g = gt.NormalFormGame.from_bimatrix([[3, 0], [0, 1]], [[0, 1], [1, 0]])  # one mixed equilibrium
    lam = 1.5
    qre = gt.logit_qre_at(g, lam)
    res = stochastic_fictitious_play(g, 200, steps=4000, lam=lam, rng=3, record_every=4000)
    for i in range(2):
        np.testing.assert_allclose(res.final[i].mean(axis=0), qre[i], atol=0.02)
    assert res.dynamic == "stochastic_fictitious_play" and res.parameters["lam"] == lam


def test_sfp_high_precision_plays_the_dominant_strategy_and_is_seeded():
    r1 = stochastic_fictitious_play(PD, 10, steps=500, lam=50.0, rng=0, record_every=250)
    r2 = stochastic_fictitious_play(PD, 10, steps=500, lam=50.0, rng=0, record_every=250)
    assert r1 == r2 and r1.times.tolist() == [0, 250, 500]
    assert (r1.final[0][:, 1] > 0.99).all()
    low = stochastic_fictitious_play(PD, 200, steps=400, lam=1e-6, rng=0, record_every=400)
    np.testing.assert_allclose(low.final[0].mean(axis=0), 0.5, atol=0.02)  # nearly uniform play


def test_one_player_and_many_strategies():
    """A one-player game (no others) and 20 strategies (the wide-column code paths)."""
    solo = gt.NormalFormGame(np.array([[1.0, 3.0, 2.0]]))
    res = fictitious_play(solo, steps=9)
    np.testing.assert_allclose(res.final[0], [[1 / 30, (1 / 3 + 9) / 10, 1 / 30]])
    u = np.random.default_rng(9).normal(size=(2, 20, 20))
    wide = gt.NormalFormGame(u)
    a = fictitious_play(wide, 3, steps=50, rng=0, record_every=50)
    b = fictitious_play(wide, 3, steps=50, rng=0, record_every=50, tie_break="random")
    np.testing.assert_allclose(a.final[0], b.final[0])  # generic payoffs: no ties, same path
    s = stochastic_fictitious_play(wide, 3, steps=50, lam=100.0, rng=0, record_every=50)
    assert s.final[0].shape == (3, 20)
    from gametheory_af.dynamics.regret_matching import regret_matching

    rm = regret_matching(wide, 2, steps=30, rng=0, record_every=30)
    np.testing.assert_allclose(rm.joint.sum(axis=(1, 2)), 1.0)
