"""Tests of the Baron-Ferejohn stationary equilibrium (with Eraslan's unequal recognition)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_af import GameError
from gametheory_af.bargaining import baron_ferejohn


@pytest.mark.parametrize(("n", "quota"), [(2, 2), (3, 2), (5, 3), (7, 4), (6, 6), (4, 1)])
@pytest.mark.parametrize("delta", [F(0), F(1, 2), F(9, 10), F(1)])
def test_equal_recognition_known_answer(n, quota, delta):
    r = baron_ferejohn(n, delta, quota)
    assert r.exact
    assert r.continuation_values == (F(1, n),) * n
    if quota == 1:
        assert r.proposer_shares == (1,) * n
        return
    assert r.proposer_shares == (1 - delta * (quota - 1) / F(n),) * n
    assert r.offers == (delta / n,) * n
    assert r.inclusion[0][1:] == (F(quota - 1, n - 1),) * (n - 1)


def test_unequal_recognition_examples():
    r = baron_ferejohn(3, F(1, 2), 2, recognition=[F(1, 2), F(1, 4), F(1, 4)])
    assert r.continuation_values == (F(3, 7), F(2, 7), F(2, 7))
    assert r.inclusion[1] == (0, 0, 1) and r.inclusion[0] == (0, F(1, 2), F(1, 2))
    r = baron_ferejohn(4, 0.9, 3, recognition=[0.1, 0.2, 0.3, 0.4])
    assert not r.exact and sum(r.continuation_values) == pytest.approx(1)


@st.composite
def instances(draw):
    n = draw(st.integers(2, 6))
    quota = draw(st.integers(1, n))
    w = draw(st.lists(st.integers(0, 6), min_size=n, max_size=n).filter(lambda x: sum(x) > 0))
    delta = draw(st.fractions(min_value=0, max_value=1, max_denominator=10))
    return n, delta, quota, [F(x, sum(w)) for x in w]


@settings(max_examples=80)
@given(instances())
def test_eraslan_consistency(inst):
    n, delta, quota, p = inst
    r = baron_ferejohn(n, delta, quota, recognition=p)
    v = r.continuation_values
    assert sum(v) == 1 and all(x >= 0 for x in v)
    for i in range(n):
        row = r.inclusion[i]
        assert row[i] == 0 and sum(row) == quota - 1 and all(0 <= q <= 1 for q in row)
        # only the cheapest partners are bought
        bought = [r.offers[j] for j in range(n) if j != i and row[j] > 0]
        left = [r.offers[j] for j in range(n) if j != i and row[j] < 1]
        if bought and left:
            assert max(bought) <= min(left)
        assert r.proposer_shares[i] == 1 - sum(row[j] * r.offers[j] for j in range(n))
        # v_i = p_i * proposer share + (1 - p_i) * P(included | not proposer) * offer
        pi = r.inclusion_probability[i]
        cond = pi / (1 - p[i]) if p[i] < 1 else 0
        assert v[i] == p[i] * r.proposer_shares[i] + (1 - p[i]) * cond * r.offers[i]
    # Eraslan (2002): more recognition, weakly higher value
    for i in range(n):
        for j in range(n):
            if p[i] >= p[j]:
                assert v[i] >= v[j]


@settings(max_examples=30)
@given(instances())
def test_float_matches_exact(inst):
    n, delta, quota, p = inst
    r = baron_ferejohn(n, delta, quota, recognition=p)
    s = baron_ferejohn(n, float(delta), quota, recognition=[float(x) for x in p])
    assert not s.exact
    assert s.continuation_values == pytest.approx([float(x) for x in r.continuation_values], abs=1e-9)


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((1, 0.5, 1), {}, "n must be an integer >= 2; got 1"),
        ((3, 1.5, 2), {}, "delta must be a discount factor in \\[0, 1\\]; got 1.5"),
        ((3, 0.5, 4), {}, "quota must be an integer in \\[1, n\\] = \\[1, 3\\]; got 4"),
        ((3, 0.5, 0), {}, "quota must be an integer"),
        ((3, 0.5, 2), {"recognition": [0.5, 0.5]}, "recognition must be a vector of 3"),
        ((3, 0.5, 2), {"recognition": [0.5, 0.6, -0.1]}, "recognition must be on the simplex"),
        ((3, 0.5, 2), {"recognition": [F(1, 2), F(1, 2), F(1, 2)]}, "recognition must be on the simplex"),
        ((3, 0.5, 2), {"recognition": [0.5, float("nan"), 0.5]}, "recognition must be finite"),
        ((3, 0.5, 2), {"recognition": ["a", "b", "c"]}, "recognition must contain numbers"),
    ],
)
def test_errors(args, kwargs, match):
    with pytest.raises(GameError, match=match):
        baron_ferejohn(*args, **kwargs)


@pytest.mark.parametrize(
    ("args", "exc", "match"),
    [
        # issue 9: a float count or a string number is a TypeError (a GameError before); NaN is "not finite"
        ((2.5, 0.5, 1), TypeError, "n must be an integer"),
        ((3, float("nan"), 2), GameError, "delta must be finite; got nan"),
        ((3, "a", 2), TypeError, "delta must be a number"),
        ((3, 0.5, 2.0), TypeError, "quota must be an integer"),
    ],
)
def test_type_errors(args, exc, match):
    with pytest.raises(exc, match=match):
        baron_ferejohn(*args)


def test_recognition_is_keyword_only_positional_is_deprecated():
    p = [F(1, 2), F(1, 4), F(1, 4)]
    with pytest.warns(DeprecationWarning, match="recognition=..."):
        old = baron_ferejohn(3, F(1, 2), 2, p)
    assert old == baron_ferejohn(3, F(1, 2), 2, recognition=p)
    with pytest.raises(TypeError, match="multiple values"):
        baron_ferejohn(3, F(1, 2), 2, p, recognition=p)
    with pytest.raises(TypeError, match="takes 3 positional"):
        baron_ferejohn(3, F(1, 2), 2, p, p)
