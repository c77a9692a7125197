"""Basins of attraction of a 2x2 coordination game (the stag hunt) on a 100 x 100 grid: 10^4 starts.

Run: ``python -m pytest benchmarks/bench_basins.py --benchmark-only`` (quick check:
``--benchmark-disable``). Ours runs the whole grid in one vectorized call; nashpy runs one
trajectory per call, so it is timed on a seeded subsample of the same grid and reported per
trajectory (divide its time by ``extra_info["n_starts"]``). Each peer row asserts that its end states get the same
equilibrium as ours, start by start: nashpy's ``asymmetric_replicator_dynamics`` integrates the same
two-population replicator (``odeint`` instead of ``solve_ivp``), and nashpy's ``fictitious_play``
with ``play_counts`` = our initial beliefs is our rule with ``initial_weight=1`` (simultaneous
updates; nashpy breaks ties at random, which these initial beliefs never meet).

On a machine whose cores are busy, set ``OPENBLAS_NUM_THREADS=1``: scipy's Runge-Kutta step
(``K.T.dot``) goes to a multithreaded BLAS call once the batch's state passes a few thousand
entries, and competing threads then slow the replicator down by 10-20x.
"""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import tag
from gametheory_af.dynamics.basins import assign, basins

GAME = gt.catalog.stag_hunt()
K = 100  # grid side: K * K = 10^4 starts
T_MAX = 40.0
FP_STEPS = 1000
FP_TOL = 0.05
SUBSAMPLE = np.random.default_rng(20260611).choice(K * K, size=40, replace=False)


@pytest.fixture(scope="module")
def ours():
    """Both runs once, for the peers to compare with."""
    return {
        "replicator": basins(GAME, "replicator", grid=K, t_max=T_MAX),
        "fictitious_play": basins(GAME, "fictitious_play", grid=K, steps=FP_STEPS, tol=FP_TOL),
    }


def _record(benchmark, res, library, n_starts):
    benchmark.extra_info.update(
        workload=f"stag_hunt-grid{K}x{K}", library=library, dynamic=res.dynamic, n_starts=n_starts,
        units=n_starts, unit="start",
        shares=[round(float(s), 4) for s in res.shares], unassigned=res.unassigned,
    )


def test_ours_replicator(benchmark, ours):
    tag(benchmark, f"basins: replicator, stag hunt, {K}x{K} starts", method="basins")
    res = benchmark(basins, GAME, "replicator", grid=K, t_max=T_MAX)
    _record(benchmark, res, "gametheory_af", K * K)
    assert res == ours["replicator"] and res.unassigned == 0.0
    # the exact answer: the Stag basin of the stag hunt's replicator covers 15.7% of the square
    assert res.shares[0] == pytest.approx(0.157, abs=0.005)


def test_ours_fictitious_play(benchmark, ours):
    tag(benchmark, f"basins: fictitious play, stag hunt, {K}x{K} starts", method="basins")
    res = benchmark(basins, GAME, "fictitious_play", grid=K, steps=FP_STEPS, tol=FP_TOL)
    _record(benchmark, res, "gametheory_af", K * K)
    assert res == ours["fictitious_play"] and res.unassigned == 0.0
    # with a prior of weight 1 the first best replies decide: the corner square above (3/4, 3/4)
    assert res.shares[0] == pytest.approx(1 / 16, abs=0.005)


def _nashpy_ends(run, res):
    ends = [run(res.initial[0][b], res.initial[1][b]) for b in SUBSAMPLE]
    return tuple(np.array([e[i] for e in ends]) for i in range(2))


def test_nashpy_replicator_per_start(benchmark, ours):
    nash = pytest.importorskip("nashpy")
    res = ours["replicator"]
    game = nash.Game(GAME.payoffs[0], GAME.payoffs[1])
    times = np.linspace(0.0, T_MAX, 1001)

    def run(x0, y0):
        xs, ys = game.asymmetric_replicator_dynamics(x0=x0, y0=y0, timepoints=times)
        return xs[-1], ys[-1]

    tag(benchmark, f"basins: replicator, stag hunt, {K}x{K} starts", "nashpy", "asymmetric_replicator_dynamics")
    final = benchmark(_nashpy_ends, run, res)
    labels, _ = assign(final, res.equilibria, res.tol)
    _record(benchmark, res, "nashpy", SUBSAMPLE.size)
    benchmark.extra_info["match"] = bool(np.array_equal(labels, res.labels[SUBSAMPLE]))
    np.testing.assert_array_equal(labels, res.labels[SUBSAMPLE])


def test_nashpy_fictitious_play_per_start(benchmark, ours):
    nash = pytest.importorskip("nashpy")
    res = ours["fictitious_play"]
    game = nash.Game(GAME.payoffs[0], GAME.payoffs[1])

    def run(x0, y0):
        *_, counts = game.fictitious_play(iterations=FP_STEPS, play_counts=[x0.copy(), y0.copy()])
        return tuple(c / c.sum() for c in counts)

    tag(benchmark, f"basins: fictitious play, stag hunt, {K}x{K} starts", "nashpy", "fictitious_play")
    final = benchmark(_nashpy_ends, run, res)
    _record(benchmark, res, "nashpy", SUBSAMPLE.size)
    benchmark.extra_info["match"] = all(
        np.allclose(final[i], res.final[i][SUBSAMPLE], rtol=0, atol=1e-12) for i in range(2)
    )
    np.testing.assert_allclose(final[0], res.final[0][SUBSAMPLE], atol=1e-12)
    np.testing.assert_allclose(final[1], res.final[1][SUBSAMPLE], atol=1e-12)
