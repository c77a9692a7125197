"""The flagship's drivers: what drives the leverage threshold, and how much leverage decides power sharing.

Run the full workload (the defaults and a ten times larger sample; about 6 s on one core)::

    python -m pytest benchmarks/bench_flagship_drivers.py --benchmark-only -s

Quick mode (CI smoke test, about 5 s): ``--benchmark-disable`` or the
environment variable ``QUICK=1`` run the defaults only and shrink the
per-point loop to 20 points.

Workloads:

- ``leverage_decides`` at its defaults (10,000 box points x 81 leverages for
  the curves, a Sobol' design of 1024 x 27 points over the 25 parameters, 200
  bootstrap resamples), and with a ten times larger sample (full mode);
- ``threshold_drivers`` at its defaults, full and narrow sense (two Sobol'
  designs of 1024 x 26 points over 24 parameters, 8192 points for P(never), an
  exact tornado of 48 points);
- the per-point route beside the vectorized one: the exact leverage sets
  (:func:`~gametheory_af.scenarios.afghanistan.claims.leverage_sets`, Fractions)
  in a Python loop, extrapolated to the curves' 10,000 points, with the largest
  difference between the exact and the vectorized thresholds recorded as the
  answer's quality.

Recorded in ``extra_info``: seconds, points per second, the headline numbers
(P(never), leverage's indices and rank, the peak of the full-sense curve).
"""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

from benchmarks.conftest import tag
from gametheory_af.scenarios.afghanistan import Parameters
from gametheory_af.scenarios.afghanistan.claims import leverage_sets, sample_box, sets_over_box
from gametheory_af.scenarios.afghanistan.drivers import leverage_decides, threshold_drivers

_RESULTS: dict[str, float] = {}


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


@pytest.fixture(scope="module")
def quick(request: pytest.FixtureRequest) -> bool:
    return _quick(request.config)


def test_leverage_decides_default(benchmark, quick):  # type: ignore[no-untyped-def]
    tag(benchmark, "flagship: leverage_decides, defaults", method="leverage_decides")
    start = time.perf_counter()
    res = benchmark.pedantic(leverage_decides, rounds=1, iterations=1)
    seconds = time.perf_counter() - start
    _RESULTS["vectorized_per_point"] = seconds / (res.n + 1024 * 27)
    lev = next(r for r in res.ranking() if r["parameter"] == "leverage")
    i = int(np.argmax(res.full_probability))
    assert np.all(res.narrow_probability >= res.full_probability)
    benchmark.extra_info.update(
        workload="leverage_decides-defaults", seconds=seconds, n=res.n, grid=len(res.leverage),
        leverage_first_order=lev["first_order"], leverage_total_order=lev["total_order"],
        leverage_rank=res.leverage_rank, peak_probability=float(res.full_probability[i]),
        peak_leverage=float(res.leverage[i]),
    )
    print(
        f"\nleverage_decides (defaults: {res.n} points x {len(res.leverage)} leverages, Sobol' 1024 x 27): "
        f"{seconds:.2f} s; leverage S1 {lev['first_order']:.3f} ST {lev['total_order']:.3f} rank "
        f"{res.leverage_rank}/25; P(full) peaks at {res.full_probability[i]:.3f} at leverage {res.leverage[i]:.2f}"
    )


def test_leverage_decides_large(benchmark, quick):  # type: ignore[no-untyped-def]
    if quick:
        pytest.skip("full mode only")
    tag(benchmark, "flagship: leverage_decides, 10^5 points, Sobol' 8192", method="leverage_decides")
    start = time.perf_counter()
    res = benchmark.pedantic(leverage_decides, kwargs={"n": 100_000, "n_sobol": 8192, "grid": 201},
                             rounds=1, iterations=1)
    seconds = time.perf_counter() - start
    lev = next(r for r in res.ranking() if r["parameter"] == "leverage")
    benchmark.extra_info.update(
        workload="leverage_decides-100000-points-sobol-8192", seconds=seconds,
        leverage_first_order=lev["first_order"], leverage_total_order=lev["total_order"],
        leverage_total_order_interval=lev["total_order_interval"], leverage_rank=res.leverage_rank,
    )
    print(
        f"\nleverage_decides (10^5 points x 201 leverages, Sobol' 8192 x 27): {seconds:.2f} s; leverage S1 "
        f"{lev['first_order']:.3f} ST {lev['total_order']:.3f} {lev['total_order_interval']} rank {res.leverage_rank}"
    )


@pytest.mark.parametrize("sense", ["full", "narrow"])
def test_threshold_drivers_default(benchmark, sense):  # type: ignore[no-untyped-def]
    tag(benchmark, f"flagship: threshold_drivers, {sense} sense, defaults", method="threshold_drivers")
    start = time.perf_counter()
    res = benchmark.pedantic(threshold_drivers, kwargs={"sense": sense}, rounds=1, iterations=1)
    seconds = time.perf_counter() - start
    top = res.ranking("threshold")[0]
    benchmark.extra_info.update(
        workload=f"threshold_drivers-{sense}-defaults", seconds=seconds, p_never=res.p_never,
        never_share=res.never_share, top_parameter=top["parameter"], top_total_order=top["total_order"],
    )
    print(
        f"\nthreshold_drivers ({sense} sense, defaults): {seconds:.2f} s; P(never) {res.p_never:.3f}; "
        f"top driver {top['parameter']} (ST {top['total_order']:.3f})"
    )


def test_per_point_exact_loop(benchmark, quick):  # type: ignore[no-untyped-def]
    """The exact sets one point at a time (what the vectorized route avoids), and the quality of the float route."""
    m = 20 if quick else 200
    values = sample_box(m, rng=20261205)
    names = Parameters.names()

    def loop() -> list[tuple[float, float]]:
        out = []
        for j in range(m):
            s = leverage_sets(Parameters(**{k: float(values[k][j]) for k in names}), "calendar")
            out.append(tuple(np.inf if t is None else float(t) for t in (s.narrow_threshold, s.full_threshold)))
        return out  # type: ignore[return-value]

    tag(benchmark, f"flagship: exact leverage sets, per-point loop over {m} points", method="leverage_sets loop")
    start = time.perf_counter()
    exact = np.array(benchmark.pedantic(loop, rounds=1, iterations=1))
    per_point = (time.perf_counter() - start) / m
    fast = sets_over_box(values, "calendar")
    floats = np.stack([fast["narrow_threshold"], fast["full_threshold"]], axis=1)
    assert np.array_equal(np.isinf(exact), np.isinf(floats))
    finite = np.isfinite(exact)
    err = float(np.max(np.abs(exact[finite] - floats[finite]))) if finite.any() else 0.0
    assert err < 1e-9
    ratio = per_point / _RESULTS["vectorized_per_point"] if "vectorized_per_point" in _RESULTS else float("nan")
    benchmark.extra_info.update(
        workload=f"exact-loop-{m}-points", seconds_per_point=per_point, extrapolated_seconds_10000=per_point * 10_000,
        max_threshold_difference=err, speedup_of_vectorized=ratio,
    )
    print(
        f"\nexact leverage_sets loop: {per_point * 1e3:.1f} ms/point -> {per_point * 10_000:.0f} s for 10^4 points; "
        f"vectorized thresholds within {err:.1e} of exact; leverage_decides is {ratio:.0f}x faster per point"
    )
