"""Baron-Ferejohn at scale (issue 15 item 3): the pruned structure search returns the reference answer."""

from __future__ import annotations

import importlib
import random
from fractions import Fraction as F

import pytest

from gametheory_af.bargaining import baron_ferejohn

bf = importlib.import_module("gametheory_af.bargaining.baron_ferejohn")


def _instance(seed: int, n: int, *, ties: bool) -> list[F]:
    rng = random.Random(seed)
    w = [rng.randint(0, 4) if ties else rng.randint(1, 100) for _ in range(n)]
    if sum(w) == 0:
        w[0] = 1
    return [F(x, sum(w)) for x in w]


def _cases():
    for seed in range(40):
        rng = random.Random(1000 + seed)
        n = rng.randint(2, 11)
        quota = rng.randint(2, n)
        delta = rng.choice([F(0), F(1, 2), F(9, 10), F(99, 100), F(1), F(rng.randint(0, 7), 7)])
        yield seed, n, quota, delta, _instance(seed, n, ties=seed % 2 == 0)


@pytest.mark.parametrize(("seed", "n", "quota", "delta", "p"), list(_cases()))
def test_pruned_search_equals_reference(seed, n, quota, delta, p):
    fast = bf._search(n, quota - 1, delta, p, True, prefilter=True)
    ref = bf._search(n, quota - 1, delta, p, True, prefilter=False)
    assert fast == ref
    fl = [float(x) for x in p]
    assert bf._search(n, quota - 1, float(delta), fl, False, prefilter=True) == bf._search(
        n, quota - 1, float(delta), fl, False, prefilter=False
    )


@pytest.mark.parametrize("seed", range(12))
def test_pruning_is_sound_on_every_structure(seed):
    # every structure the O(1) test or the Gale flow test rules out is one _try_structure rejects
    n = 6 + seed % 5
    p = _instance(seed, n, ties=seed % 3 == 0)
    delta = [F(1, 2), F(9, 10), F(1, 3)][seed % 3]
    k = n // 2
    order = sorted(range(n), key=lambda i: (p[i], i))
    prefix = [F(0)]
    for i in order:
        prefix.append(prefix[-1] + p[i])
    pruned = 0
    for a in range(k + 1):
        for b in range(n - 1, k - 1, -1):
            if not bf._may_hold(order, prefix, a, b, k, delta, p, True):
                pruned += 1
                assert bf._try_structure(order, a, b, k, delta, p, True) is None, (a, b)
    assert pruned > 0


def test_closed_form_solves_the_structure_system():
    # n = 3, p = (1/4, 1/4, 1/2), delta = 1/2, k = 1, structure a = 0 (no cheap), marginal {0, 1}:
    # D = 1 - 1/2 = 1/2, L = |M| + delta P_M (k - a) - delta (k - a + P_C) = 2 + 1/4 - 1/2 = 7/4,
    # den = L D = 7/8, V = P_M (1 - delta) / den = (1/4) / (7/8) = 2/7: the docstring's known
    # answer v = (2/7, 2/7, 3/7) (Eraslan 2002); c = (1 - delta m V) / D with m = 1 gives 10/7
    c, big_v = bf._closed_form(0, 1, 1, F(1, 2), F(0), F(1, 2), True)
    assert big_v == F(2, 7) and c == F(10, 7)
    assert bf._closed_form(0, 1, 1, F(1), F(0), F(1, 2), True) is None
    # singular: a = 0, one marginal member, k = 4, P_M = 1/2, delta = 1/2: L = 1 + 1 - 2 = 0
    assert bf._closed_form(0, 0, 4, F(1, 2), F(0), F(1, 2), True) is None
    assert bf._closed_form(0, 0, 4, 0.5, 0.0, 0.5, False) is None


def test_hundred_and_one_members_exact_conditions():
    # 101 members, unequal recognition (seeded), simple majority: the equilibrium conditions hold exactly
    n, delta = 101, F(9, 10)
    p = _instance(7, n, ties=False)
    r = baron_ferejohn(n, delta, 51, recognition=p)
    assert r.exact and sum(r.continuation_values) == 1
    v = list(r.continuation_values)
    q = [list(row) for row in r.inclusion]
    assert bf._verify(v, q, delta, p, 50, True)
    for i in range(n):
        row = r.inclusion[i]
        bought = [r.offers[j] for j in range(n) if j != i and row[j] > 0]
        left = [r.offers[j] for j in range(n) if j != i and row[j] < 1]
        assert max(bought) <= min(left)
    # Eraslan (2002): values weakly increase with recognition
    srt = sorted(range(n), key=lambda i: p[i])
    assert all(v[srt[t]] <= v[srt[t + 1]] for t in range(n - 1))
