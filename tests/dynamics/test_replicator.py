"""Replicator dynamics: known answers (Taylor & Jonker 1978; Hofbauer & Sigmund 1998), nashpy cross-checks, options."""

from __future__ import annotations

import json
import pickle
import string
import warnings

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.dynamics.replicator import ReplicatorResult, StrategyPayoffs, replicator

RPS = gt.catalog.rock_paper_scissors()
PD = gt.catalog.prisoners_dilemma()
STAG = gt.catalog.stag_hunt()  # stag-stag 4, hare 3 whatever the other does: mixed equilibrium at 3/4 stag


def _einsum_payoffs(u, xs):
    """The reference: each player's payoff to each strategy against the others, by one einsum per player."""
    n = u.shape[0]
    if n == 1:
        return [np.repeat(u[0][None, :], xs[0].shape[0], axis=0)]
    letters = string.ascii_lowercase[:n]
    out = []
    for i in range(n):
        ops = [u[i]] + [xs[k] for k in range(n) if k != i]
        expr = letters + "," + ",".join("z" + letters[k] for k in range(n) if k != i) + "->z" + letters[i]
        out.append(np.einsum(expr, *ops))
    return out


@pytest.mark.parametrize("shape", [(3,), (2, 3), (2, 3, 4), (2, 2, 2, 2), (3, 1, 2)])
def test_strategy_payoffs_match_einsum(shape):
    rng = np.random.default_rng(5)
    u = rng.standard_normal((len(shape), *shape))
    xs = [rng.dirichlet(np.ones(s), size=7) for s in shape]
    got = StrategyPayoffs(u)([np.ascontiguousarray(x.T) for x in xs])
    for a, b in zip(got, _einsum_payoffs(u, xs)):
        np.testing.assert_allclose(a.T, b, rtol=1e-12, atol=1e-12)


def test_rps_single_population_conserves_the_product_of_shares():
    # In zero-sum RPS d/dt log(x1 x2 x3) = sum_j (Ax)_j - 3 x.Ax = 0: the relative entropy to the
    # centroid is constant (Hofbauer & Sigmund 1998, sec. 7.7); orbits are closed.
    res = replicator(RPS, ([0.5, 0.3, 0.2], [0.5, 0.3, 0.2]), population="single", t_max=30, steps=300)
    prod = res.states[0][0].prod(axis=1)
    assert np.abs(prod / prod[0] - 1).max() < 1e-6
    assert np.abs(res.states[0][0, :, 0] - 0.5).max() > 0.1  # it moves: the test is not vacuous
    assert res.success and res.simplex_error < 1e-9


def test_rps_per_player_conserves_the_sum_of_relative_entropies():
    res = replicator(RPS, ([0.5, 0.3, 0.2], [0.2, 0.2, 0.6]), t_max=30, steps=300)
    h = np.log(res.states[0][0]).sum(axis=1) + np.log(res.states[1][0]).sum(axis=1)
    assert np.abs(h - h[0]).max() < 1e-6
    # a perturbed, non-zero-sum RPS does not conserve it: the check can fail
    g = gt.NormalFormGame.from_bimatrix(RPS.payoffs[0] + np.eye(3) * 0.5, RPS.payoffs[1])
    res2 = replicator(g, ([0.5, 0.3, 0.2], [0.2, 0.2, 0.6]), t_max=30, steps=300)
    h2 = np.log(res2.states[0][0]).sum(axis=1) + np.log(res2.states[1][0]).sum(axis=1)
    assert np.abs(h2 - h2[0]).max() > 1e-2


def test_strictly_dominant_strategy_takes_over_in_every_start():
    res = replicator(PD, 50, rng=1, t_max=40, steps=4)
    for x in res.final:
        np.testing.assert_allclose(x[:, 1], 1.0, atol=1e-6)
    # a 3-player game in which strategy 2 of every player is strictly dominant
    rng = np.random.default_rng(2)
    u = rng.random((3, 3, 3, 3))
    u[0, 2] += 1.0
    u[1, :, 2] += 1.0
    u[2, :, :, 2] += 1.0
    res = replicator(gt.NormalFormGame(u), 30, rng=3, t_max=60, steps=2)
    for x in res.final:
        np.testing.assert_allclose(x[:, 2], 1.0, atol=1e-6)


@pytest.mark.parametrize("population", ["single", "per_player"])
def test_stag_hunt_basin_boundary_is_the_mixed_equilibrium(population):
    stag = np.array([0.76, 0.8, 0.95, 0.74, 0.7, 0.1])
    rows = np.stack([stag, 1 - stag], axis=1)
    res = replicator(STAG, (rows, rows), population=population, t_max=80, steps=2)
    np.testing.assert_allclose(res.final[0][:, 0], [1, 1, 1, 0, 0, 0], atol=1e-5)
    np.testing.assert_allclose(res.final[1], res.final[0], atol=1e-9)


def test_single_population_reports_the_same_shares_for_both_players_and_uses_player_0_draws():
    res = replicator(STAG, 5, rng=7, population="single", steps=3)
    np.testing.assert_array_equal(res.states[0], res.states[1])
    draws = gt.dynamics._core.initial_profiles(STAG, 5, 7, "x")[0]
    np.testing.assert_allclose(res.states[0][:, 0, :], draws, atol=1e-15)


def test_matches_nashpy_single_population():
    nash = pytest.importorskip("nashpy")
    rng = np.random.default_rng(11)
    a = rng.standard_normal((3, 3))
    game = gt.NormalFormGame.from_bimatrix(a, a.T)
    ts = np.linspace(0, 10, 101)
    for y0 in rng.dirichlet(np.ones(3), size=3):
        theirs = nash.Game(a, a.T).replicator_dynamics(y0=y0, timepoints=ts)  # odeint (LSODA)
        ours = replicator(game, (y0, y0), population="single", t_max=10, steps=100)
        np.testing.assert_allclose(ours.states[0][0], theirs, atol=1e-5)


def test_matches_nashpy_two_populations():
    nash = pytest.importorskip("nashpy")
    rng = np.random.default_rng(12)
    a, b = rng.standard_normal((2, 3, 2))
    x0, y0 = np.array([0.2, 0.5, 0.3]), np.array([0.6, 0.4])
    ts = np.linspace(0, 8, 81)
    xs, ys = nash.Game(a, b).asymmetric_replicator_dynamics(x0=x0, y0=y0, timepoints=ts)
    ours = replicator(gt.NormalFormGame.from_bimatrix(a, b), (x0, y0), t_max=8, steps=80)
    np.testing.assert_allclose(ours.states[0][0], xs, atol=1e-5)
    np.testing.assert_allclose(ours.states[1][0], ys, atol=1e-5)


def test_a_start_in_a_batch_follows_its_solo_trajectory():
    rng = np.random.default_rng(4)
    g = gt.NormalFormGame(rng.standard_normal((3, 2, 3, 2)))
    batch = replicator(g, 300, rng=9, t_max=5, steps=5)
    solo = replicator(g, batch.profile(17, 0), t_max=5, steps=5)
    for a, b in zip(batch.states, solo.states):
        np.testing.assert_allclose(a[17], b[0], atol=1e-7)


def test_time_rescaling_and_normalize():
    rng = np.random.default_rng(8)
    a = rng.standard_normal((3, 3))
    g = gt.NormalFormGame.from_bimatrix(a, a.T)
    g5 = gt.NormalFormGame.from_bimatrix(5 * a + 2, 5 * a.T + 2)
    y0 = ([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])
    r1 = replicator(g, y0, population="single", t_max=5, steps=5)
    r5 = replicator(g5, y0, population="single", t_max=1, steps=5)  # 5 times faster, same orbit
    np.testing.assert_allclose(r5.states[0], r1.states[0], atol=1e-7)
    # per player, scaling only one player's payoffs changes the orbit unless normalised
    h = gt.NormalFormGame.from_bimatrix(a, 10 * a.T - 3)
    p, q = replicator(g, y0, t_max=3, steps=3), replicator(h, y0, t_max=3, steps=3)
    assert max(np.abs(x - y).max() for x, y in zip(p.states, q.states)) > 1e-2
    pn, qn = (replicator(x, y0, t_max=3, steps=3, normalize=True) for x in (g, h))
    for x, y in zip(pn.states, qn.states):
        np.testing.assert_allclose(x, y, atol=1e-7)


@pytest.mark.parametrize("method", ["RK23", "DOP853", "Radau", "BDF", "LSODA"])
def test_methods_agree(method):
    y0 = ([0.5, 0.3, 0.2], [0.2, 0.2, 0.6])
    ref = replicator(RPS, y0, t_max=3, steps=3)
    res = replicator(RPS, y0, t_max=3, steps=3, method=method, rtol=1e-9, atol=1e-11)
    assert res.parameters["method"] == method
    for x, y in zip(ref.states, res.states):
        np.testing.assert_allclose(x, y, atol=1e-5)


def test_recording_times_and_result_value():
    res = replicator(PD, 2, rng=0, t_max=2, steps=10, record_every=4)
    assert res.times.tolist() == pytest.approx([0.0, 0.8, 1.6, 2.0])
    assert res.states[0].shape == (2, 4, 2) and res.n_starts == 2
    assert isinstance(res, ReplicatorResult) and res.dynamic == "replicator"
    assert res == replicator(PD, 2, rng=0, t_max=2, steps=10, record_every=4)
    assert pickle.loads(pickle.dumps(res)) == res
    d = json.loads(json.dumps(res.to_dict()))
    assert d["success"] is True and d["n_evaluations"] == res.n_evaluations and dict(d["parameters"])["steps"] == 10
    assert "n_starts=2" in repr(res)
    frame = res.to_pandas()
    assert len(frame) == 2 * 4 * 4
    only = replicator(PD, steps=0)
    assert only.times.tolist() == [0.0] and only.n_evaluations == 0
    np.testing.assert_array_equal(only.final[0], [[0.5, 0.5]])


def test_one_player_game_and_progress_bar():
    g = gt.NormalFormGame(np.array([[1.0, 3.0, 2.0]]))
    res = replicator(g, t_max=20, steps=5, progress=True)
    np.testing.assert_allclose(res.final[0][0], [0, 1, 0], atol=1e-6)


def test_a_failed_integration_warns_and_ends_early(monkeypatch):
    import scipy.integrate

    real = scipy.integrate.solve_ivp

    def failing(*args, **kwargs):
        sol = real(*args, **kwargs)
        sol.t, sol.y = sol.t[:3], sol.y[:, :3]
        sol.success, sol.status, sol.message = False, -1, "Required step size is less than spacing between numbers."
        return sol

    monkeypatch.setattr(scipy.integrate, "solve_ivp", failing)
    with pytest.warns(gt.ConvergenceWarning, match="stopped at t = 2 before t_max = 10"):
        res = replicator(PD, t_max=10, steps=10)
    assert not res.success and "step size" in res.message
    assert res.times.tolist() == [0.0, 1.0, 2.0]


def test_no_warning_when_the_solver_succeeds():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        replicator(STAG, 3, rng=0, steps=5)
