"""Best-response dynamics (Gilboa & Matsui 1991) and logit dynamics (rest points: logit QREs)."""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.dynamics.best_response import best_response_dynamics, logit_dynamics

STAG = gt.catalog.stag_hunt()  # mixed equilibrium at 3/4 stag
RPS = gt.catalog.rock_paper_scissors()


def test_coordination_game_goes_to_a_pure_equilibrium_from_every_start():
    g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[2, 0], [0, 1]])  # mixed equilibrium at 1/3
    res = best_response_dynamics(g, 200, rng=3, steps=300, dt=0.1)
    for b in range(res.n_starts):
        prof = [p.round(6) for p in res.profile(b)]
        assert gt.is_nash(g, prof)
        assert all(set(p.tolist()) == {0.0, 1.0} for p in prof)
    # the side of the mixed equilibrium decides which one (symmetric starts)
    x = np.array([0.4, 0.3, 0.9, 0.1])
    rows = np.stack([x, 1 - x], axis=1)
    res = best_response_dynamics(g, (rows, rows), steps=300)
    np.testing.assert_allclose(res.final[0][:, 0], [1, 0, 1, 0], atol=1e-9)


def test_euler_step_moves_towards_the_best_response():
    res = best_response_dynamics(STAG, ([0.9, 0.1], [0.5, 0.5]), steps=1, dt=0.25)
    # Row's best reply to (1/2, 1/2) is hare (3 > 2); Column's to (0.9, 0.1) is stag (3.6 > 3)
    np.testing.assert_allclose(res.final[0][0], [0.75 * 0.9, 0.75 * 0.1 + 0.25])
    np.testing.assert_allclose(res.final[1][0], [0.75 * 0.5 + 0.25, 0.75 * 0.5])
    assert res.times.tolist() == [0.0, 0.25]


@pytest.mark.parametrize(("ties", "expected"), [("uniform", [0.5, 0.5]), ("lowest", [1.0, 0.0])])
def test_tie_breaking_rule(ties, expected):
    mixed = ([0.75, 0.25], [0.75, 0.25])  # both strategies of each player tie
    res = best_response_dynamics(STAG, mixed, steps=1, dt=1.0, ties=ties)
    np.testing.assert_allclose(res.final[0][0], expected)
    assert res.parameters["ties"] == ties
    # a tolerance of zero still sees the exact tie here; a coarse one treats near-ties as ties
    near = ([0.75, 0.25], [0.7500001, 0.2499999])
    strict = best_response_dynamics(STAG, near, steps=1, dt=1.0, ties=ties, tol=0.0)
    np.testing.assert_allclose(strict.final[0][0], [1.0, 0.0])
    loose = best_response_dynamics(STAG, near, steps=1, dt=1.0, ties=ties, tol=1e-3)
    np.testing.assert_allclose(loose.final[0][0], expected)


def test_rps_approaches_the_equilibrium_as_dt_shrinks():
    # zero-sum: the continuous dynamic converges to the Nash equilibrium (Hofbauer & Sorin 2006);
    # the Euler scheme chatters at a distance of order dt
    dist = []
    for dt in (0.1, 0.01):
        res = best_response_dynamics(RPS, 20, rng=0, steps=int(50 / dt), dt=dt, record_every=10_000)
        dist.append(max(float(np.abs(x - 1 / 3).max()) for x in res.final))
    assert dist[1] < 0.1 and dist[1] < dist[0] / 2


def test_invariant_under_positive_affine_maps_of_a_players_payoffs():
    rng = np.random.default_rng(6)
    u = rng.standard_normal((3, 2, 3, 2))
    v = u.copy()
    v[1] = 7 * v[1] - 4
    a = best_response_dynamics(gt.NormalFormGame(u), 50, rng=1, steps=40)
    b = best_response_dynamics(gt.NormalFormGame(v), 50, rng=1, steps=40)
    for x, y in zip(a.states, b.states):
        np.testing.assert_array_equal(x, y)


def test_recording_and_progress():
    res = best_response_dynamics(STAG, 4, rng=2, steps=10, dt=0.5, record_every=4, progress=True)
    assert res.times.tolist() == [0.0, 2.0, 4.0, 5.0]
    assert res.states[0].shape == (4, 4, 2) and res.dynamic == "best_response"
    assert res.parameters["dt"] == 0.5 and res.parameters["record_every"] == 4
    full = best_response_dynamics(STAG, 4, rng=2, steps=10, dt=0.5)
    np.testing.assert_array_equal(full.states[0][:, [0, 4, 8, 10]], res.states[0])
    assert best_response_dynamics(STAG, steps=0).times.tolist() == [0.0]


def test_logit_rest_point_is_the_logit_qre_of_a_zero_sum_game():
    # a zero-sum game has a unique logit QRE at every precision, and the logit dynamic converges to it
    g = gt.NormalFormGame.from_zero_sum([[2, -1, 0.5], [-1, 1, 0], [0, 0.3, -0.5]])
    for lam, dt in ((0.5, 0.2), (1.5, 0.2), (4.0, 0.05)):
        qre = gt.logit_qre_at(g, lam)
        res = logit_dynamics(g, 6, lam=lam, steps=int(400 / dt), dt=dt, rng=0, record_every=10**5)
        for x, q in zip(res.final, qre):
            np.testing.assert_allclose(x, np.broadcast_to(q, x.shape), atol=1e-8)
    assert res.dynamic == "logit" and res.parameters["lam"] == 4.0
    # the Euler scheme, not the dynamic, fails when lam * dt is too large: it keeps cycling
    coarse = logit_dynamics(g, 6, lam=4.0, steps=2000, dt=0.2, rng=0, record_every=10**5)
    assert max(float(np.abs(x - q).max()) for x, q in zip(coarse.final, qre)) > 1e-2


def test_logit_rest_point_in_a_three_player_game_at_low_precision():
    # at a low precision the logit map is a contraction: one QRE, reached from every start
    u = np.random.default_rng(3).random((3, 2, 2, 2))
    g = gt.NormalFormGame(u)
    qre = gt.logit_qre_at(g, 1.0)
    res = logit_dynamics(g, 10, lam=1.0, steps=500, dt=0.5, rng=4, record_every=500)
    for x, q in zip(res.final, qre):
        np.testing.assert_allclose(x, np.broadcast_to(q, x.shape), atol=1e-9)
    # and it is not the uniform profile: the check can fail
    assert max(float(np.abs(q - 0.5).max()) for q in qre) > 1e-2


def test_logit_at_zero_precision_goes_to_the_centroid_and_large_precision_to_the_best_reply():
    res = logit_dynamics(RPS, 5, lam=0.0, steps=400, dt=0.2, rng=1)
    np.testing.assert_allclose(res.final[0], 1 / 3, atol=1e-12)
    pd = gt.catalog.prisoners_dilemma()
    res = logit_dynamics(pd, 5, lam=50.0, steps=400, dt=0.2, rng=1)
    np.testing.assert_allclose(res.final[0][:, 1], 1.0, atol=1e-12)


def test_quantecon_has_agent_based_dynamics_not_these_mean_dynamics():
    # quantecon's BRD / LogitDynamics revise the pure actions of finitely many agents at random
    # (a Markov chain), not the deterministic mean dynamic integrated here: no trajectory to compare.
    qe = pytest.importorskip("quantecon.game_theory")
    assert hasattr(qe, "BRD") and hasattr(qe, "LogitDynamics")
    assert not any("replicator" in name.lower() for name in dir(qe))
