"""Replicator, best-response and logit dynamics over a batch of starts; the replicator beside nashpy's.

Run: ``python -m pytest benchmarks/bench_dynamics_replicator.py --benchmark-only``
(quick mode, once each: ``--benchmark-disable``).

* ``batch``: 10^4 starting points of a seeded random 4-player, 2-strategy game: the replicator
  (t from 0 to 10, one ``solve_ivp`` system for the whole batch) and the best-response and logit
  dynamics for 10^3 Euler steps (every 100th state recorded).
* ``per trajectory``: a seeded symmetric 3x3 game, one population, times 0..10 at 101 points:
  ours for a batch of 1000 starts in one call (``extra_info["per_trajectory_s"]`` is the time
  divided by 1000) beside nashpy's ``Game.replicator_dynamics`` for one start (scipy's ``odeint``,
  LSODA, its default tolerances 1.49e-8); the trajectories agree to 1e-5 (asserted).
"""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import SEED, random_game_payoffs, tag
from gametheory_af.dynamics.best_response import best_response_dynamics, logit_dynamics
from gametheory_af.dynamics.replicator import replicator

N_BATCH = 10_000
N_TRAJ = 1000
TIMES = np.linspace(0.0, 10.0, 101)


@pytest.fixture(scope="module")
def game4():
    return gt.NormalFormGame(random_game_payoffs((2, 2, 2, 2)))


@pytest.fixture(scope="module")
def sym3():
    a = np.random.default_rng(SEED).standard_normal((3, 3))
    starts = np.random.default_rng(SEED + 1).dirichlet(np.ones(3), size=N_TRAJ)
    return a, starts


def test_replicator_batch_4p2s(benchmark, game4, method="RK45"):
    # the default integrator; method="DOP853" takes about 60% of the time at these tolerances
    tag(benchmark, "dynamics: replicator, 10^4 starts of a 4p-2s game", method="replicator")
    res = benchmark.pedantic(
        replicator, args=(game4, N_BATCH), kwargs={"rng": SEED, "t_max": 10.0, "steps": 10, "method": method},
        rounds=1, iterations=1,
    )
    benchmark.extra_info.update(workload="replicator-1e4x(2,2,2,2)", library="gametheory_af", method=method,
                                n_evaluations=res.n_evaluations, simplex_error=res.simplex_error)
    assert res.success and res.simplex_error < 1e-6


@pytest.mark.parametrize("dynamic", ["best_response", "logit"])
def test_discrete_batch_4p2s(benchmark, game4, dynamic):
    fn = best_response_dynamics if dynamic == "best_response" else logit_dynamics
    tag(benchmark, f"dynamics: {dynamic.replace('_', ' ')}, 10^4 starts x 10^3 steps of a 4p-2s game", method=fn.__name__)
    res = benchmark(fn, game4, N_BATCH, rng=SEED, steps=1000, dt=0.1, record_every=100)
    benchmark.extra_info.update(workload=f"{dynamic}-1e4x(2,2,2,2)x1e3", library="gametheory_af")
    for x in res.final:
        np.testing.assert_allclose(x.sum(axis=1), 1.0, atol=1e-12)


def test_ours_replicator_per_trajectory(benchmark, sym3):
    a, starts = sym3
    game = gt.NormalFormGame.from_bimatrix(a, a.T)
    tag(benchmark, "dynamics: replicator, symmetric 3x3, one population", method="replicator (batch of 1000)",
        units=N_TRAJ, unit="trajectory")
    res = benchmark(replicator, game, (starts, starts), population="single", t_max=10.0, steps=100,
                    rtol=1.49e-8, atol=1.49e-8)
    stats = getattr(benchmark, "stats", None)
    if stats is not None:
        benchmark.extra_info["per_trajectory_s"] = stats.stats.mean / N_TRAJ
    benchmark.extra_info.update(workload="replicator-sym3x3", library="gametheory_af", n_trajectories=N_TRAJ)
    nash = pytest.importorskip("nashpy")
    theirs = {b: nash.Game(a, a.T).replicator_dynamics(y0=starts[b], timepoints=TIMES) for b in (0, 17, N_TRAJ - 1)}
    benchmark.extra_info["match_nashpy"] = all(np.allclose(res.states[0][b], t, rtol=0, atol=1e-5) for b, t in theirs.items())
    for b, t in theirs.items():
        np.testing.assert_allclose(res.states[0][b], t, atol=1e-5)


def test_nashpy_replicator_per_trajectory(benchmark, sym3):
    nash = pytest.importorskip("nashpy")
    a, starts = sym3
    g = nash.Game(a, a.T)
    tag(benchmark, "dynamics: replicator, symmetric 3x3, one population", "nashpy", "replicator_dynamics", units=1,
        unit="trajectory")
    out = benchmark(g.replicator_dynamics, y0=starts[0], timepoints=TIMES)
    benchmark.extra_info.update(workload="replicator-sym3x3", library="nashpy", n_trajectories=1)
    assert out.shape == (TIMES.size, 3)
