"""Sobol' indices of the Ishigami function: ours beside SALib, both against the analytic indices.

Run: ``python -m pytest benchmarks/bench_sobol.py --benchmark-only`` (quick mode, ``--benchmark-disable``
or ``QUICK=1``: the 2^12 sample only).

The Ishigami function (a = 7, b = 0.1, three inputs uniform on [-pi, pi]) has known first- and
total-order indices (Ishigami & Homma 1990; Sobol' & Levitan 1999), so each row records its
largest error against them (``max_error``) beside its time. Ours:
:func:`gametheory_af.sensitivity.sobol` (Saltelli's design, Saltelli et al. 2010 first-order and Jansen 1999 total-order estimators, bootstrap
intervals); SALib: ``SALib.sample.sobol.sample`` then ``SALib.analyze.sobol.analyze`` (its
defaults: 100 bootstrap resamples, ours set to the same), first and total order only. Both
estimates must be within ``10 / sqrt(N)`` of the analytic indices (asserted).
"""

from __future__ import annotations

import os

import numpy as np
import pytest

from benchmarks.conftest import tag
from gametheory_af.sensitivity import sobol

A_ISH, B_ISH = 7.0, 0.1
BOUNDS = {k: (-np.pi, np.pi) for k in ("x1", "x2", "x3")}
SIZES = (2**12, 2**15)


def ishigami(x1: np.ndarray, x2: np.ndarray, x3: np.ndarray) -> np.ndarray:
    return np.sin(x1) + A_ISH * np.sin(x2) ** 2 + B_ISH * x3**4 * np.sin(x1)


def analytic() -> tuple[np.ndarray, np.ndarray]:
    """First- and total-order indices of the Ishigami function."""
    a, b, pi = A_ISH, B_ISH, np.pi
    v1 = 0.5 * (1 + b * pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * pi**8 * (1 / 18 - 1 / 50)
    var = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / var, np.array([v1 + v13, v2, v13]) / var


def _error(s1: np.ndarray, st: np.ndarray) -> float:
    e1, et = analytic()
    return float(max(np.abs(s1 - e1).max(), np.abs(st - et).max()))


def _skip_in_quick_mode(n: int, config: pytest.Config) -> None:
    quick = bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))
    if quick and n > SIZES[0]:
        pytest.skip("full mode only")


@pytest.mark.parametrize("n", SIZES)
def test_ours_sobol(benchmark, n, pytestconfig):  # type: ignore[no-untyped-def]
    _skip_in_quick_mode(n, pytestconfig)
    tag(benchmark, f"sensitivity: Sobol' indices, Ishigami, N={n}", method="sobol", workload=f"ishigami-{n}")
    res = benchmark(sobol, ishigami, None, BOUNDS, n=n, rng=7, n_bootstrap=100)
    err = _error(res.first_order, res.total_order)
    benchmark.extra_info.update(max_error=err, n_evaluations=n * 5)
    assert err <= 10 / np.sqrt(n)


@pytest.mark.parametrize("n", SIZES)
def test_salib_sobol(benchmark, n, pytestconfig):  # type: ignore[no-untyped-def]
    _skip_in_quick_mode(n, pytestconfig)
    pytest.importorskip("SALib")
    from SALib.analyze import sobol as salib_sobol
    from SALib.sample import sobol as salib_sample

    problem = {"num_vars": 3, "names": list(BOUNDS), "bounds": [list(b) for b in BOUNDS.values()]}

    def run():  # type: ignore[no-untyped-def]
        X = salib_sample.sample(problem, n, calc_second_order=False, seed=7)
        return salib_sobol.analyze(problem, ishigami(*X.T), calc_second_order=False, seed=7)

    tag(benchmark, f"sensitivity: Sobol' indices, Ishigami, N={n}", "SALib", "sample.sobol + analyze.sobol",
        workload=f"ishigami-{n}")
    si = benchmark(run)
    err = _error(np.asarray(si["S1"]), np.asarray(si["ST"]))
    benchmark.extra_info.update(max_error=err, n_evaluations=n * 5)
    assert err <= 10 / np.sqrt(n)
