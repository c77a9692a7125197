"""Bargaining at scale: Baron-Ferejohn with unequal recognition (issue 15 item 3).

Workloads (family ``bargaining``):

* ``baron_ferejohn-<n>`` for n = 21, 51, 101, 201 legislators, simple majority, ``delta = 9/10``,
  exact recognition probabilities proportional to seeded random integers 1-100
  (``numpy.random.default_rng(SEED + n)``): ours (closed-form structure values, structures
  ruled out by an exact order test and Gale's flow condition before any max flow; the max flow
  searched level by level on boolean residual matrices, the exact re-check in integer
  arithmetic) beside the reference route (``gametheory_af (every structure)``: every candidate
  structure tried in order, as before issue 15), asserted to give the same answer. The
  reference route runs at 21 members only (at 51 it takes seconds, at 101 minutes). The
  answers are also those of the implementation before the level-by-level max flow
  (``tests/bargaining/test_baron_ferejohn_fast.py`` compares every field).

Each row records whether the exact equilibrium conditions re-check (``match``).

Run: ``python -m pytest benchmarks/bench_bargaining.py --benchmark-only`` (``--benchmark-disable``
or ``QUICK=1``: each case once, as CI does).
"""

from __future__ import annotations

import importlib
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from benchmarks.conftest import SEED, tag
from gametheory_af.bargaining import baron_ferejohn

_bf = importlib.import_module("gametheory_af.bargaining.baron_ferejohn")
SIZES = (21, 51, 101, 201)
REFERENCE_SIZES = (21,)
DELTA = Fraction(9, 10)


def _recognition(n: int) -> list[Fraction]:
    w = np.random.default_rng(SEED + n).integers(1, 101, n).tolist()
    return [Fraction(int(x), sum(w)) for x in w]


def _checks(n: int, p: list[Fraction], v: Any, q: Any) -> bool:
    return bool(_bf._verify(list(v), [list(r) for r in q], DELTA, p, n // 2, True))


@pytest.mark.parametrize("n", SIZES)
def test_baron_ferejohn(benchmark, n: int) -> None:
    p = _recognition(n)
    tag(benchmark, f"bargaining: baron_ferejohn-{n}", "gametheory_af", "structure search, pruned")
    rounds = 3 if n <= 51 else 1
    r = benchmark.pedantic(lambda: baron_ferejohn(n, DELTA, n // 2 + 1, recognition=p), rounds=rounds, iterations=1)
    ok = _checks(n, p, r.continuation_values, r.inclusion)
    benchmark.extra_info["match"] = ok
    assert ok and r.exact and sum(r.continuation_values) == 1


@pytest.mark.parametrize("n", REFERENCE_SIZES)
def test_baron_ferejohn_reference(benchmark, n: int) -> None:
    p = _recognition(n)
    tag(benchmark, f"bargaining: baron_ferejohn-{n}", "gametheory_af (every structure)", "structure search")
    v, q = benchmark.pedantic(lambda: _bf._search(n, n // 2, DELTA, p, True, prefilter=False), rounds=3, iterations=1)
    ours = baron_ferejohn(n, DELTA, n // 2 + 1, recognition=p)
    benchmark.extra_info["match"] = ours.continuation_values == tuple(v) and ours.inclusion == tuple(map(tuple, q))
    assert benchmark.extra_info["match"]
