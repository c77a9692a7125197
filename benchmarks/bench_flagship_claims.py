"""The op-ed's claims in the full sense over 10^4 points of the box: vectorized, beside the exact per-point route.

Run the full workload (10^4 points vectorized; the exact route on 200 points,
extrapolated)::

    python -m pytest benchmarks/bench_flagship_claims.py --benchmark-only -s

Quick mode (CI smoke test): ``--benchmark-disable`` or ``QUICK=1`` use 2,000
points and 20 exact points.

The vectorized route (:func:`~gametheory_af.scenarios.afghanistan.claims.claims_over_box`)
evaluates the payoff tensor on float arrays at the end points of the linear
pieces in leverage; the exact route
(:func:`~gametheory_af.scenarios.afghanistan.claims.check_claims`) runs the
same code on Fractions, one point at a time, and the public per-point route
through :meth:`Model.leverage_threshold` (sympy sets) is slower still. The
verdicts of the two routes are asserted equal on the points both solve.
Recorded in ``extra_info``: time, points per second, and the exact route's
time per point extrapolated to the vectorized sample's size.
"""

from __future__ import annotations

import os
import time
from fractions import Fraction

import numpy as np
import pytest

from benchmarks.conftest import tag
from gametheory_af.scenarios.afghanistan import Parameters
from gametheory_af.scenarios.afghanistan.claims import check_claims, claims_over_box, sample_box


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


@pytest.fixture(scope="module")
def sizes(request: pytest.FixtureRequest) -> tuple[int, int]:
    """(points vectorized, points through the exact route)."""
    return (2_000, 20) if _quick(request.config) else (10_000, 200)


def test_claims_vectorized(benchmark, sizes) -> None:
    n, n_exact = sizes
    values = sample_box(n, rng=20261205)
    tag(benchmark, f"flagship: the op-ed's claims over {n} points of the box", method="claims_over_box")
    res = benchmark(claims_over_box, values)
    assert res.verdicts.shape == (n, 5)
    t0 = time.perf_counter()
    claims_over_box(values)
    elapsed = time.perf_counter() - t0
    benchmark.extra_info.update({"points": n, "seconds": elapsed, "points_per_second": n / elapsed})
    # the exact route on the first points: same verdicts
    t0 = time.perf_counter()
    for j in range(n_exact):
        p = Parameters(**{k: Fraction(float(v[j])) for k, v in values.items()})
        codes = [2 if c.full else 1 if c.narrow else 0 for c in check_claims(p)]
        assert codes == res.verdicts[j].tolist(), j
    per_point = (time.perf_counter() - t0) / n_exact
    benchmark.extra_info.update({"exact_seconds_per_point": per_point, "exact_extrapolated_seconds": per_point * n})
    print(
        f"\nclaims over {n} points: vectorized {elapsed:.3f} s ({n / elapsed:,.0f} points/s); "
        f"exact {per_point * 1e3:.1f} ms/point, {per_point * n:.1f} s extrapolated"
    )
    assert np.isin(res.verdicts, (0, 1, 2)).all()
