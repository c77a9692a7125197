"""Fictitious play: a batch of 10^4 starts of a 4-player game, and per trajectory beside nashpy and quantecon.

Run: ``python -m pytest benchmarks/bench_dynamics_fp.py --benchmark-only``
(quick check: ``--benchmark-disable``). Every peer row starts from the same belief as row 0 of
our batch, and its trajectory must equal ours (asserted), so a fast but wrong answer shows.
Per-trajectory time of ours = batch time / B (``extra_info["per_trajectory_s"]``).
"""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import random_game_payoffs, tag, to_quantecon
from gametheory_af.dynamics.fictitious_play import fictitious_play

STEPS = 1000


def _starts(shape: tuple[int, ...], n: int) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(7)
    return tuple(rng.dirichlet(np.ones(s), size=n) for s in shape)


def test_ours_4p_2s_batch_of_10000(benchmark):
    shape = (2, 2, 2, 2)
    game = gt.NormalFormGame(random_game_payoffs(shape))
    x0 = _starts(shape, 10**4)
    tag(benchmark, "fictitious play: 4p-2s, 10^4 starts x 10^3 steps", method="fictitious_play", units=10**4,
        unit="trajectory")
    res = benchmark.pedantic(fictitious_play, (game, x0), {"steps": STEPS, "record_every": STEPS}, rounds=3, iterations=1)
    benchmark.extra_info.update(workload="4p-2s x 10^4 starts x 10^3 steps", library="gametheory_af",
                                per_trajectory_s=benchmark.stats.stats.mean / 10**4 if benchmark.stats else None)
    assert res.final[0].shape == (10**4, 2)
    np.testing.assert_allclose(sum(res.final).sum(axis=1), 4.0)


@pytest.fixture(scope="module", params=["2p-3x3", "4p-2s"])
def case(request):
    shape = {"2p-3x3": (3, 3), "4p-2s": (2, 2, 2, 2)}[request.param]
    payoffs = random_game_payoffs(shape)
    x0 = _starts(shape, 1000)
    ours = fictitious_play(gt.NormalFormGame(payoffs), x0, steps=STEPS, record_every=STEPS)
    return request.param, shape, payoffs, x0, ours


def test_ours_per_trajectory(benchmark, case):
    name, shape, payoffs, x0, expected = case
    game = gt.NormalFormGame(payoffs)
    tag(benchmark, f"fictitious play: {name}, 10^3 steps", method="fictitious_play (batch of 1000)", units=1000,
        unit="trajectory")
    res = benchmark.pedantic(fictitious_play, (game, x0), {"steps": STEPS, "record_every": STEPS}, rounds=3, iterations=1)
    benchmark.extra_info.update(workload=f"{name} x 1000 starts", library="gametheory_af",
                                per_trajectory_s=benchmark.stats.stats.mean / 1000 if benchmark.stats else None)
    assert res == expected


def test_nashpy_fictitious_play(benchmark, case):
    name, shape, payoffs, x0, ours = case
    if len(shape) != 2:
        pytest.skip("nashpy's fictitious_play is two-player only")
    nash = pytest.importorskip("nashpy")
    g = nash.Game(payoffs[0], payoffs[1])

    def run():
        # same rule: the initial belief as prior counts of weight 1 (ours: initial_weight=1)
        return list(g.fictitious_play(iterations=STEPS, play_counts=[x0[0][0].copy(), x0[1][0].copy()]))[-1]

    tag(benchmark, f"fictitious play: {name}, 10^3 steps", "nashpy", "fictitious_play", units=1, unit="trajectory")
    counts = benchmark(run)
    benchmark.extra_info.update(workload=name, library="nashpy", per_trajectory_s=benchmark.stats.stats.mean if benchmark.stats else None)
    benchmark.extra_info["match"] = all(
        np.allclose(counts[i] / (STEPS + 1), ours.final[i][0], rtol=0, atol=1e-9) for i in range(2)
    )
    for i in range(2):
        np.testing.assert_allclose(counts[i] / (STEPS + 1), ours.final[i][0], atol=1e-9)


def test_quantecon_fictitious_play(benchmark, case):
    name, shape, payoffs, x0, ours = case
    qe = pytest.importorskip("quantecon.game_theory")
    fp = qe.FictitiousPlay(to_quantecon(payoffs))
    init = tuple(x[0] for x in x0)
    tag(benchmark, f"fictitious play: {name}, 10^3 steps", "quantecon", "FictitiousPlay.play", units=1, unit="trajectory")
    out = benchmark(fp.play, actions=init, num_reps=STEPS, tie_breaking="smallest")
    benchmark.extra_info.update(workload=name, library="quantecon", per_trajectory_s=benchmark.stats.stats.mean if benchmark.stats else None)
    benchmark.extra_info["match"] = all(
        np.allclose(out[i], ours.final[i][0], rtol=0, atol=1e-9) for i in range(len(shape))
    )
    for i in range(len(shape)):
        np.testing.assert_allclose(out[i], ours.final[i][0], atol=1e-9)
