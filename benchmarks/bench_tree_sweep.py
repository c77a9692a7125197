"""The subgame-perfect equilibrium of a parametric tree at 10^5 parameter points, beside a per-point loop.

Run the full workload (10^5 points on a tree of about 10^3 nodes)::

    python -m pytest benchmarks/bench_tree_sweep.py --benchmark-only -s

Quick mode (CI smoke test): ``--benchmark-disable`` or the environment variable
``QUICK=1`` shrink the sweep to 10^4 points and the loop to 100 points.

The tree is seeded and random: about 1,000 nodes (perfect information, two
players, a few chance nodes with constant probabilities), each terminal payoff
linear in two parameters ``a`` and ``b``. The vectorized sweep
(:func:`gametheory_af.sensitivity.trees.spe_sweep`: one compiled evaluation of
the payoffs and one level-by-level backward induction per chunk) runs beside a
naive loop of ``ptree.at(point)`` and
:func:`~gametheory_af.solvers.backward_induction.backward_induction_batch` per
point (10^3 points; its time per point is extrapolated to the sweep's size to
give the speed-up). The loop's root values and choices are checked against
the sweep's on the points it solves.

pygambit has no parametric trees (a Gambit game holds numbers, not
expressions), so it has no counterpart here; its per-point equivalent would be
building one ``gbt.Game`` per point, slower than our ``at()``.
"""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import tag
from gametheory_af.sensitivity import grid
from gametheory_af.sensitivity.trees import spe_sweep
from gametheory_af.solvers.backward_induction import backward_induction_batch
from gametheory_af.trees import Chance, Decision
from gametheory_af.trees.parametric import ParametricTree

SEED = 20260611
_RESULTS: dict[str, float] = {}


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


def random_parametric_tree(n_target: int = 1000, seed: int = SEED) -> ParametricTree:
    """A seeded perfect-information tree of about *n_target* nodes, payoffs linear in ``a`` and ``b``."""
    rng = np.random.default_rng(seed)
    count = [1]

    def build(depth: int):  # noqa: ANN202 - nested data
        if depth == 0 or count[0] >= n_target or (depth < 6 and rng.random() < 0.15):
            ca, cb, c0 = (int(v) for v in rng.integers(-9, 10, 3))
            da, db, d0 = (int(v) for v in rng.integers(-9, 10, 3))
            return (f"{ca}*a + {cb}*b + {c0}", f"{da}*a + {db}*b + {d0}")
        k = int(rng.integers(2, 4))
        count[0] += k
        if rng.random() < 0.1:
            return Chance({f"o{j}": (f"1/{k}", build(depth - 1)) for j in range(k)})
        return Decision(f"P{int(rng.integers(1, 3))}", {f"m{j}": build(depth - 1) for j in range(k)})

    tree = build(9)
    return ParametricTree(
        tree, players=["P1", "P2"],
        parameters=[gt.Parameter("a", 0, lower=-1, upper=1), gt.Parameter("b", 0, lower=-1, upper=1)],
    )


@pytest.fixture(scope="module")
def sizes(request: pytest.FixtureRequest) -> tuple[int, int]:
    """(points in the sweep, points in the per-point loop)."""
    return (10_000, 100) if _quick(request.config) else (100_000, 1_000)


@pytest.fixture(scope="module")
def ptree() -> ParametricTree:
    return random_parametric_tree()


def _grid(n: int):  # noqa: ANN202
    side = int(round(n**0.5))
    return grid(a=np.linspace(-1, 1, side), b=np.linspace(-1, 1, n // side))


def test_vectorized_sweep(benchmark, ptree, sizes):
    n, _ = sizes
    g = _grid(n)
    tag(benchmark, f"tree sweep: SPE of a {ptree.n_nodes}-node parametric tree", method="spe_sweep", units=len(g),
        unit="point")
    t0 = time.perf_counter()
    res = benchmark.pedantic(spe_sweep, args=(ptree, g), rounds=1, iterations=1)
    elapsed = time.perf_counter() - t0
    _RESULTS["sweep_per_point"] = elapsed / len(g)
    benchmark.extra_info.update(
        workload=f"{len(g)} points, {ptree.n_nodes} nodes", library="gametheory_af", seconds=elapsed,
        points_per_second=len(g) / elapsed, n_outcomes=len(res.outcomes),
    )
    assert len(res) == len(g) and len(res.outcomes) > 1


def test_naive_loop_at_and_backward_induction(benchmark, ptree, sizes):
    n, m = sizes
    g = _grid(n)
    idx = np.random.default_rng(SEED).choice(len(g), size=m, replace=False)
    pts = g.to_arrays()
    sample = {k: v[idx] for k, v in pts.items()}

    def loop() -> tuple[np.ndarray, np.ndarray]:
        vals = np.empty((m, ptree.n_players))
        ch = np.empty((m, ptree.n_nodes), dtype=np.int64)
        for j in range(m):
            v, c = backward_induction_batch(ptree.at(a=float(sample["a"][j]), b=float(sample["b"][j])))
            vals[j] = v[0, 0]
            ch[j] = c[0]
        return vals, ch

    tag(benchmark, f"tree sweep: SPE of a {ptree.n_nodes}-node parametric tree",
        "gametheory_af (at + backward_induction_batch per point)", "loop", units=m, unit="point")
    t0 = time.perf_counter()
    vals, ch = benchmark.pedantic(loop, rounds=1, iterations=1)
    elapsed = time.perf_counter() - t0
    per_point = elapsed / m
    ref = spe_sweep(ptree, sample)
    np.testing.assert_allclose(ref.values, vals, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(ref.choices, ch[:, list(ref.decision_nodes)])
    speedup = per_point / _RESULTS["sweep_per_point"] if "sweep_per_point" in _RESULTS else float("nan")
    benchmark.extra_info.update(
        workload=f"{m} points, {ptree.n_nodes} nodes", library="gametheory_af (at + backward_induction_batch per point)",
        seconds=elapsed, seconds_per_point=per_point, extrapolated_seconds=per_point * len(g),
        speedup_of_sweep=speedup,
    )
    print(f"\nloop: {per_point * 1e3:.3f} ms/point; sweep: {_RESULTS.get('sweep_per_point', float('nan')) * 1e6:.2f} us/point;"
          f" speed-up {speedup:.0f}x")

