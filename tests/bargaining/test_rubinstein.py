"""Tests of Rubinstein alternating-offers bargaining and its continuous-time limit."""

from __future__ import annotations

import math
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory_af import GameError
from gametheory_af.bargaining import BargainingProblem, nash_solution, rubinstein, rubinstein_limit

fracs = st.fractions(min_value=0, max_value=1, max_denominator=20)
deltas = st.fractions(min_value=0, max_value=F(19, 20), max_denominator=20)


@given(deltas, deltas)
def test_rubinstein_formula(d1, d2):
    r = rubinstein(d1, d2)
    assert r.exact and r.shares[0] == (1 - d2) / (1 - d1 * d2)
    assert r.shares[0] + r.shares[1] == 1
    assert r.proposer_share == r.shares[0] and r.responder_share == r.shares[1]
    assert r.immediate_agreement and r.outside_option_binds == (False, False)
    r2 = rubinstein(d1, d2, proposer=1)
    assert r2.shares[1] == (1 - d1) / (1 - d1 * d2) and r2.proposer == 1
    assert r2.proposer_shares == r.proposer_shares
    # first-mover advantage: proposing is at least as good as responding
    assert r.shares[0] >= r2.shares[0]


def test_known_values_and_floats():
    r = rubinstein(0.9, 0.9)
    assert not r.exact and r.shares[0] == pytest.approx(1 / 1.9)
    assert rubinstein(F(1, 2), 0).shares == (1, 0)
    assert rubinstein(0, F(1, 2)).shares == (F(1, 2), F(1, 2))
    assert rubinstein(1, F(1, 2)).shares == (1, 0)
    assert rubinstein(F(1, 2), 1).shares == (0, 1)


@given(deltas, deltas, st.fractions(min_value=0, max_value=F(9, 10), max_denominator=10),
       st.fractions(min_value=0, max_value=F(1, 2), max_denominator=10),
       st.fractions(min_value=0, max_value=F(2, 5), max_denominator=10))
def test_breakdown_closed_form(d1, d2, p, b1, b2):
    r = rubinstein(d1, d2, breakdown=p, disagreement=(b1, b2))
    e1, e2 = (1 - p) * d1, (1 - p) * d2
    assert r.proposer_shares[0] == (1 - e2 - p * b2 + e2 * p * b1) / (1 - e1 * e2)
    # responder is indifferent: offered exactly the value of rejecting
    assert r.shares[1] == p * b2 + e2 * r.proposer_shares[1]


@given(deltas, deltas, fracs, fracs)
def test_outside_option_principle(d1, d2, w1, w2):
    if w1 + w2 >= 1:
        with pytest.raises(GameError, match="outside_options must sum"):
            rubinstein(d1, d2, outside_options=(w1, w2))
        return
    base = rubinstein(d1, d2)
    r = rubinstein(d1, d2, outside_options=(w1, w2))
    x = r.proposer_shares
    for j in (0, 1):
        cont = d1 * x[0] if j == 0 else d2 * x[1]
        assert r.outside_option_binds[j] == ((w1, w2)[j] > cont)
        assert x[1 - j] == 1 - max((w1, w2)[j], cont)
    # options below the responder's equilibrium continuation value change nothing
    if w2 <= d2 * base.proposer_shares[1] and w1 <= d1 * base.proposer_shares[0]:
        assert r.shares == base.shares


def test_outside_option_binding_example():
    r = rubinstein(F(9, 10), F(4, 5), outside_options=(0, F(2, 5)))
    assert r.shares == (F(3, 5), F(2, 5)) and r.outside_option_binds == (False, True)
    r = rubinstein(0.9, 0.9, outside_options=(0.45, 0.45))  # 0.45 < 0.9 * 1/1.9: does not bind
    assert r.outside_option_binds == (False, False) and r.shares == rubinstein(0.9, 0.9).shares
    r = rubinstein(0.9, 0.9, outside_options=(0.49, 0.49))
    assert r.outside_option_binds == (True, True) and r.shares == pytest.approx((0.51, 0.49))


@pytest.mark.parametrize(("r1", "r2", "lam", "b"), [(1, 3, 0, (0, 0)), (1, 1, 2, (0.1, 0.3)), (0, 0, 1, (0.2, 0.1)),
                                                  (2, 0.5, 1, (0.0, 0.4))])
def test_limit_is_the_limit_of_short_periods(r1, r2, lam, b):
    lim = rubinstein_limit(r1, r2, breakdown_rate=lam, disagreement=b)
    for proposer in (0, 1):
        dt = 1e-6
        r = rubinstein(math.exp(-r1 * dt), math.exp(-r2 * dt), breakdown=1 - math.exp(-lam * dt),
                       disagreement=b, proposer=proposer)
        assert r.shares[0] == pytest.approx(float(lim.shares[0]), abs=1e-5)
    errs = []
    for dt in (1e-1, 1e-2, 1e-3):
        r = rubinstein(math.exp(-r1 * dt), math.exp(-r2 * dt), breakdown=1 - math.exp(-lam * dt), disagreement=b)
        errs.append(abs(r.shares[0] - float(lim.shares[0])))
    assert errs[2] <= errs[1] <= errs[0]


@pytest.mark.parametrize(("r1", "r2", "lam", "b"), [(1, 3, 0, (0, 0)), (F(1, 2), 2, 1, (F(1, 10), F(3, 10)))])
def test_limit_is_asymmetric_nash(r1, r2, lam, b):
    lim = rubinstein_limit(r1, r2, breakdown_rate=lam, disagreement=b)
    params = dict(lim.parameters)
    weights, d = params["nash_weights"], params["nash_disagreement"]
    sol = nash_solution(BargainingProblem([[1, 0], [0, 1]], list(d)), weights=list(weights))
    assert lim.exact and sol.exact_payoffs == lim.shares


def test_limit_known_and_outside_options():
    assert rubinstein_limit(1, 3).shares == (F(3, 4), F(1, 4))
    r = rubinstein_limit(1, 3, outside_options=(0, F(1, 2)))
    assert r.shares == (F(1, 2), F(1, 2)) and r.outside_option_binds == (False, True)
    assert rubinstein_limit(0, 1).shares == (1, 0)


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((1.2, 0.5), {}, "delta1 must be a discount factor"),
        ((0.5, -0.1), {}, "delta2 must be a discount factor"),
        ((float("nan"), 0.5), {}, "delta1 must be finite"),
        ((1, 1), {}, "delta1 = delta2 = 1"),
        ((0.5, 0.5), {"breakdown": 1}, "breakdown must be a probability"),
        ((0.5, 0.5), {"proposer": 2}, "proposer must be 0 or 1"),
        ((0.5, 0.5), {"disagreement": (0.6, 0.5)}, "disagreement payoffs must sum"),
        ((0.5, 0.5), {"disagreement": (0.1,)}, "disagreement must be a pair"),
        ((0.5, 0.5), {"outside_options": 3}, "outside_options must be a pair"),
    ],
)
def test_rubinstein_errors(args, kwargs, match):
    with pytest.raises(GameError, match=match):
        rubinstein(*args, **kwargs)


def test_rubinstein_string_discount_factor_is_a_type_error():
    # a string was read as a number (float("0.9")) before issue 9; "x" was a GameError
    with pytest.raises(TypeError, match="delta1 must be a number"):
        rubinstein("x", 0.5)
    with pytest.raises(TypeError, match="delta1 must be a number; got '0.9'"):
        rubinstein("0.9", 0.9)


def test_limit_errors():
    with pytest.raises(GameError, match="r1 must be non-negative"):
        rubinstein_limit(-1, 1)
    with pytest.raises(GameError, match="must be positive"):
        rubinstein_limit(0, 0)


def test_limit_nash_weights_are_normalised_and_finite():
    # regression: the weights were reported as 1 / (lambda + r_i), infinite for a player with
    # r_i = lambda = 0; they are now normalised like nash_solution's, the more patient player's larger.
    assert dict(rubinstein_limit(1, 3).parameters)["nash_weights"] == (F(3, 4), F(1, 4))
    assert dict(rubinstein_limit(0, 1).parameters)["nash_weights"] == (1, 0)
    w = dict(rubinstein_limit(0.5, 2, breakdown_rate=1).parameters)["nash_weights"]
    assert w == pytest.approx((2 / 3, 1 / 3))
