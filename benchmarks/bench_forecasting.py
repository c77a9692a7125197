"""The expected-utility forecasting model (Bueno de Mesquita) at 10, 50 and 200 actors.

Workloads (seeded random issues on a 0-100 scale: positions uniform, capabilities uniform on
[0.1, 10], saliences uniform on [0.05, 1], seed ``SEED`` of ``benchmarks/conftest.py``):

* ``eu-model N actors``: :func:`~gametheory_af.bargaining.forecasting.expected_utility_model`, 10
  challenge rounds (``max_rounds=10``; the pairwise votes by prefix sums over the sorted
  positions, the expected utilities, risk exponents and offers as n-by-n arrays).
* ``weighted median N actors``: the exact (Fraction) weighted median and mean.
* ``afghan lens``: :func:`~gametheory_af.scenarios.afghanistan.forecast.pakistan_salience_shift`
  on its default grid of 11 saliences.

No peer library implements the model; the vectorised model is checked against a scalar
transcription of its formulas in ``tests/bargaining/test_forecasting.py``. Each row records the
rounds run, the offers made and the forecast in ``extra_info``.

Run: ``python -m pytest benchmarks/bench_forecasting.py --benchmark-only``. Quick mode (CI smoke
test): ``--benchmark-disable`` or ``QUICK=1`` run 10 and 50 actors and 200 actors for 2 rounds.
"""

from __future__ import annotations

import os
from fractions import Fraction

import numpy as np
import pytest

from benchmarks.conftest import SEED, tag
from gametheory_af.bargaining.forecasting import Actor, Issue, expected_utility_model, weighted_mean, weighted_median
from gametheory_af.scenarios.afghanistan.forecast import pakistan_salience_shift

SIZES = (10, 50, 200)


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


def random_issue(n: int, seed: int = SEED, exact: bool = False) -> Issue:
    """A seeded random issue of *n* actors (exact: positions, capabilities and saliences as Fractions)."""
    rng = np.random.default_rng(seed)
    pos, cap, sal = rng.uniform(0, 100, n), rng.uniform(0.1, 10, n), rng.uniform(0.05, 1, n)
    conv = (lambda v: Fraction(v)) if exact else float
    return Issue(f"random {n}", 0, 100, tuple(Actor(f"a{k:04d}", conv(pos[k]), conv(cap[k]), conv(sal[k])) for k in range(n)))


@pytest.mark.parametrize("n", SIZES)
def test_eu_model(benchmark, request, n: int) -> None:  # noqa: ANN001
    rounds = 2 if _quick(request.config) and n == 200 else 10
    issue = random_issue(n)
    tag(benchmark, f"forecasting: eu-model {n} actors", method=f"expected_utility_model, {rounds} rounds")
    res = benchmark(expected_utility_model, issue, max_rounds=rounds)
    n_offers = sum(len(r.offers) for r in res.rounds)
    benchmark.extra_info.update(actors=n, rounds=res.n_rounds, offers=n_offers, forecast=res.forecast)
    assert all(0 <= v <= 100 for v in res.rounds[-1].positions)


@pytest.mark.parametrize("n", SIZES)
def test_weighted_median_exact(benchmark, n: int) -> None:  # noqa: ANN001
    issue = random_issue(n, exact=True)
    tag(benchmark, f"forecasting: weighted median {n} actors", method="weighted_median + weighted_mean (exact)")
    med, mean = benchmark(lambda: (weighted_median(issue), weighted_mean(issue)))
    assert isinstance(med, Fraction) and 0 <= med <= 100 and 0 <= mean <= 100


def test_afghan_lens(benchmark) -> None:  # noqa: ANN001
    tag(benchmark, "forecasting: afghan lens", method="pakistan_salience_shift, 11 saliences")
    shift = benchmark(pakistan_salience_shift)
    benchmark.extra_info.update(points=len(shift.rows), pivot_salience=str(shift.pivot_salience))
    assert shift.pivot_salience == Fraction(8, 15)
