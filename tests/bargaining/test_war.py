"""The bargaining model of war: Fearon's range, the risk-return trade-off, Powell's commitment problem."""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy import stats

import gametheory_af as gt
from gametheory_af import GameError

probs = st.fractions(0, 1, max_denominator=50)
costs = st.fractions(0, F(1, 2), max_denominator=50)


# ----------------------------------------------------------------------------- bargaining range
def test_risk_neutral_range_is_p_minus_ca_to_p_plus_cb() -> None:
    r = gt.bargaining_range(F(1, 2), F(1, 10), F(1, 5))
    assert (r.lower, r.upper, r.width) == (F(2, 5), F(7, 10), F(3, 10))
    assert (r.war_payoff_a, r.war_payoff_b) == (F(2, 5), F(3, 10))
    assert r.exact and not r.is_empty and r.p == F(1, 2)
    assert r.contains(F(1, 2)) and not r.contains(F(3, 4))


@given(probs, costs, costs)
def test_risk_neutral_range_exact(p: F, ca: F, cb: F) -> None:
    r = gt.bargaining_range(p, ca, cb)
    assert r.exact
    assert r.lower == max(F(0), p - ca) and r.upper == min(F(1), p + cb)
    assert r.width == r.upper - r.lower >= 0
    # both sides weakly prefer every settlement in the range to war
    for x in (r.lower, r.upper, (r.lower + r.upper) / 2):
        assert x >= p - ca and 1 - x >= 1 - p - cb


def test_range_is_clipped_to_the_unit_interval() -> None:
    r = gt.bargaining_range(F(19, 20), F(1, 5), F(1, 5))
    assert (r.lower, r.upper) == (F(3, 4), F(1))
    assert gt.bargaining_range(0.1, 0.2, 0.05).lower == 0.0


@given(
    st.floats(0.05, 0.95),
    st.floats(0.0, 0.3),
    st.floats(0.0, 0.3),
    st.floats(0.05, 0.9),
    st.sampled_from(["power", "cara"]),
)
def test_risk_aversion_widens_the_range(p: float, ca: float, cb: float, rho: float, family: str) -> None:
    neutral = gt.bargaining_range(p, ca, cb, utility=family)
    averse = gt.bargaining_range(p, ca, cb, risk_aversion=rho if family == "power" else 5 * rho, utility=family)
    assert not neutral.exact and not averse.exact
    assert averse.lower <= neutral.lower + 1e-12 and averse.upper >= neutral.upper - 1e-12
    assert averse.width >= neutral.width - 1e-12


def test_endpoints_make_each_side_indifferent() -> None:
    r = gt.bargaining_range(0.6, 0.1, 0.1, risk_aversion=(0.5, 0.25))
    assert r.lower ** 0.5 == pytest.approx(0.5)  # u_A(lower) = p - c_A
    assert (1 - r.upper) ** 0.75 == pytest.approx(0.3)  # u_B(1 - upper) = 1 - p - c_B
    c = gt.bargaining_range(0.6, 0.1, 0.1, risk_aversion=2.0, utility="cara")
    u = lambda x: math.expm1(-2 * x) / math.expm1(-2)  # noqa: E731
    assert u(c.lower) == pytest.approx(0.5) and u(1 - c.upper) == pytest.approx(0.3)


def test_custom_utilities_match_power_family() -> None:
    sqrt = (math.sqrt, math.sqrt)
    r = gt.bargaining_range(0.6, 0.1, 0.1, utility=sqrt)
    s = gt.bargaining_range(0.6, 0.1, 0.1, risk_aversion=0.5)
    assert r.lower == pytest.approx(s.lower) and r.upper == pytest.approx(s.upper)
    assert dict(r.parameters)["utility"] == "custom"


def test_risk_acceptance_can_empty_the_range() -> None:
    r = gt.bargaining_range(0.5, 0.01, 0.01, risk_aversion=-3)
    assert r.is_empty and r.width == 0 and r.lower > r.upper
    assert not r.contains(0.5)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"p": 1.5}, "p must be a probability in \\[0, 1\\]; got 1.5"),
        ({"cost_a": -0.1}, "cost_a must be non-negative"),
        ({"cost_b": float("nan")}, "cost_b must be finite"),
        ({"risk_aversion": 1}, "must be below 1 for power utility"),
        ({"risk_aversion": (0.1, 0.2, 0.3)}, "a number or a pair"),
        ({"utility": "log"}, "utility must be 'power', 'cara' or a pair of callables"),
        ({"utility": (math.sqrt,)}, "utility must be 'power', 'cara' or a pair of callables"),
        ({"utility": (math.exp, math.exp)}, "normalised to u\\(0\\) = 0"),
        ({"utility": (math.sqrt, math.sqrt), "risk_aversion": 0.5}, "risk_aversion must be 0 when utility functions"),
        ({"utility": (math.log, math.sqrt)}, "utility of A failed"),
    ],
)
def test_bargaining_range_errors(kwargs: dict[str, object], message: str) -> None:
    args = {"p": 0.5, "cost_a": 0.1, "cost_b": 0.1, **kwargs}
    with pytest.raises(gt.GameError, match=message):
        gt.bargaining_range(args.pop("p"), args.pop("cost_a"), args.pop("cost_b"), **args)


def test_bargaining_range_type_errors() -> None:
    # issue 9: a string or a bool given as a number is a TypeError (it was a GameError)
    with pytest.raises(TypeError, match="cost_b must be a number"):
        gt.bargaining_range(0.5, 0.1, "high")
    with pytest.raises(TypeError, match="p must be a number"):
        gt.bargaining_range(True, 0.1, 0.1)


# ----------------------------------------------------------------------------- risk-return trade-off
def test_uniform_offer_closed_form() -> None:
    o = gt.optimal_offer(F(1, 2), F(1, 10), (0, F(2, 5)))
    assert (o.settlement, o.prob_war, o.cutoff_cost) == (F(13, 20), F(3, 8), F(3, 20))
    # (h - c_A) / (2 h): Fearon's probability of war with costs uniform on [0, h]
    assert o.prob_war == (F(2, 5) - F(1, 10)) / (2 * F(2, 5))
    assert o.expected_payoff_a == F(5, 8) * F(13, 20) + F(3, 8) * F(2, 5)
    assert o.exact


@given(probs, costs, costs, costs)
def test_uniform_offer_is_optimal(p: F, ca: F, lo: F, width: F) -> None:
    hi = lo + width
    o = gt.optimal_offer(p, ca, (lo, hi))
    assert 0 <= o.settlement <= 1 and 0 <= o.prob_war <= 1

    def eu(x: F) -> F:
        q = F(0) if hi == lo else min(max((x - p - lo) / (hi - lo), F(0)), F(1))
        if hi == lo:
            q = F(int(x - p > lo))
        return (1 - q) * x + q * (p - ca)

    assert o.expected_payoff_a == eu(o.settlement)
    for k in range(101):
        assert eu(F(k, 100)) <= o.expected_payoff_a


def test_offer_corner_cases() -> None:
    known = gt.optimal_offer(F(1, 2), F(1, 10), (F(1, 5), F(1, 5)))  # complete information
    assert (known.settlement, known.prob_war) == (F(7, 10), 0)
    rich = gt.optimal_offer(F(9, 10), 0, (F(1, 5), F(3, 5)))  # A can demand everything safely
    assert (rich.settlement, rich.prob_war) == (1, 0)
    costly = gt.optimal_offer(F(1, 2), F(1), (F(1, 10), F(3, 10)))  # war so costly for A it never risks it
    assert (costly.settlement, costly.prob_war) == (F(3, 5), 0)


@pytest.mark.parametrize(("p", "ca", "lo", "hi"), [(0.5, 0.1, 0.0, 0.4), (0.3, 0.05, 0.1, 0.5), (0.8, 0.0, 0.0, 0.6)])
def test_numeric_offer_matches_closed_form(p: float, ca: float, lo: float, hi: float) -> None:
    closed = gt.optimal_offer(p, ca, (lo, hi))
    numeric = gt.optimal_offer(p, ca, stats.uniform(lo, hi - lo))
    assert not numeric.exact and not closed.exact
    assert numeric.settlement == pytest.approx(closed.settlement, abs=1e-6)
    assert numeric.prob_war == pytest.approx(closed.prob_war, abs=1e-6)
    assert numeric.expected_payoff_a == pytest.approx(closed.expected_payoff_a, abs=1e-9)


def test_numeric_offer_general_distribution() -> None:
    dist = stats.expon(scale=0.2)
    o = gt.optimal_offer(0.5, 0.1, dist)
    xs = np.linspace(0, 1, 100001)
    q = dist.cdf(xs - 0.5)
    eu = (1 - q) * xs + q * 0.4
    assert o.expected_payoff_a >= eu.max() - 1e-12
    assert 0 < o.prob_war < 1 and o.cutoff_cost == pytest.approx(o.settlement - 0.5)


@pytest.mark.parametrize(
    ("cost_b", "kwargs", "message"),
    [
        ((F(1, 2), F(1, 4)), {}, "low <= high"),
        ((-0.1, 0.2), {}, "cost_b low must be non-negative"),
        ("uniform", {}, "cost_b must be an interval"),
        ((0.1, 0.2, 0.3), {}, "cost_b must be an interval"),
        (stats.uniform(0, 1), {"n_grid": 2}, "n_grid must be an integer >= 3"),
    ],
)
def test_offer_errors(cost_b: object, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(gt.GameError, match=message):
        gt.optimal_offer(0.5, 0.1, cost_b, **kwargs)


# ----------------------------------------------------------------------------- commitment problem
def test_calendar_withdrawal_example() -> None:
    r = gt.commitment_problem(
        F(7, 10), F(3, 10), F(1, 20), F(1, 20), delta=F(9, 10), players=("Government", "Taliban")
    )
    assert r.war and r.declining == "Government" and r.exact
    assert (r.shift, r.threshold, r.surplus) == (F(9, 25), F(1, 8), F(1, 10))
    assert r.war_payoff_declining == F(13, 20)
    assert r.credible_share == F(7, 20) and r.best_peace_payoff == F(1, 10) + F(9, 10) * F(7, 20)
    assert r.required_share == (F(13, 20) - F(1, 10)) / F(9, 10)
    assert r.commitment_gap == r.required_share - r.credible_share > 0


@given(probs, probs, costs, costs, st.fractions(F(1, 100), F(99, 100), max_denominator=100))
def test_war_iff_shift_exceeds_threshold(p0: F, p1: F, ca: F, cb: F, delta: F) -> None:
    r = gt.commitment_problem(p0, p1, ca, cb, delta=delta)
    assert r.war == (r.shift > r.threshold) == (r.commitment_gap > 0)
    assert r.war == (r.war_payoff_declining > r.best_peace_payoff)
    # direct check of the model: the declining side's best credible peace (all of today, then the credible share)
    declining_a = p1 < p0
    q0 = 1 - p0 if declining_a else p0
    q1 = 1 - p1 if declining_a else p1
    c_d, c_r = (ca, cb) if declining_a else (cb, ca)
    peace = (1 - delta) + delta * min(F(1), 1 - (q1 - c_r))
    assert r.war == (1 - q0 - c_d > peace)
    # relabelling A and B gives the same verdict
    s = gt.commitment_problem(1 - p0, 1 - p1, cb, ca, delta=delta)
    assert s.war == r.war and s.shift == r.shift and s.commitment_gap == r.commitment_gap
    if p0 != p1:
        assert s.threshold == r.threshold
        assert {r.declining, s.declining} == {"A", "B"}


def test_no_shift_no_war_and_patient_limit() -> None:
    same = gt.commitment_problem(0.6, 0.6, 0.0, 0.0, delta=0.5)
    assert not same.war and same.declining is None and same.shift == 0
    # as delta -> 1 war occurs iff the shift exceeds c_A + c_B (Fearon's range width)
    assume_delta = 1 - 1e-9
    assert gt.commitment_problem(0.7, 0.5, 0.05, 0.05, delta=assume_delta).war  # shift 0.2 > 0.1
    assert not gt.commitment_problem(0.7, 0.62, 0.05, 0.05, delta=assume_delta).war  # 0.08 < 0.1
    rising_a = gt.commitment_problem(0.2, 0.9, 0.05, 0.05, delta=0.95)
    assert rising_a.war and rising_a.declining == "B" and not rising_a.exact


@given(probs, probs, costs, costs)
def test_impatience_lowers_the_shift(p0: F, p1: F, ca: F, cb: F) -> None:
    assume(p0 != p1)
    patient = gt.commitment_problem(p0, p1, ca, cb, delta=F(99, 100))
    impatient = gt.commitment_problem(p0, p1, ca, cb, delta=F(1, 2))
    assert patient.shift > impatient.shift


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"delta": 1}, "delta must be a discount factor in \\(0, 1\\); got 1"),
        ({"delta": 0}, "delta must be a discount factor"),
        ({"p_next": -0.1}, "p_next must be a probability"),
        ({"cost_a": -1}, "cost_a must be non-negative"),
        ({"players": ("A",)}, "players must be a pair of names"),
        ({"players": "AB"}, "players must be a pair of names"),
    ],
)
def test_commitment_errors(kwargs: dict[str, object], message: str) -> None:
    args = {"p_now": 0.7, "p_next": 0.3, "cost_a": 0.05, "cost_b": 0.05, "delta": 0.9, **kwargs}
    with pytest.raises(gt.GameError, match=message):
        gt.commitment_problem(args.pop("p_now"), args.pop("p_next"), args.pop("cost_a"), args.pop("cost_b"), **args)


def test_strongly_risk_acceptant_cara_does_not_overflow():
    # regression: the CARA inverse computed exp(-r), an OverflowError for r = -1000.
    for r in (-3.0, -50.0, -1000.0):
        res = gt.bargaining_range(0.6, 0.1, 0.1, utility="cara", risk_aversion=r)
        u = lambda x, s=-r: math.expm1(s * x) / math.expm1(s) if s < 700 else math.exp(s * (x - 1))  # noqa: E731
        assert u(res.lower) == pytest.approx(0.5, rel=1e-9)
        assert u(1 - res.upper) == pytest.approx(0.3, rel=1e-9)
        assert res.is_empty


def test_offer_distribution_failures_are_game_errors():
    class Broken:
        def cdf(self, x):
            raise ZeroDivisionError("boom")

    class Nan:
        def cdf(self, x):
            return np.full(np.shape(x), np.nan)

    with pytest.raises(gt.GameError, match="cost_b.cdf failed"):
        gt.optimal_offer(0.5, 0.1, Broken())
    with pytest.raises(gt.GameError, match="cost_b.cdf must return finite"):
        gt.optimal_offer(0.5, 0.1, Nan())
    with pytest.raises(gt.GameError, match="players must be a pair of names"):
        gt.commitment_problem(0.5, 0.4, 0.1, 0.1, delta=0.9, players=5)


# ---------------------------------------------------------------- issue 15 item 6: Fearon's ultimatum, thresholds
def test_fearon_ultimatum_known_answers():
    from gametheory_af.bargaining.war import fearon_ultimatum

    # p = 1/2, c_A = 1/10, c_B = 1/5: A demands p + c_B = 7/10, B keeps its war value 1 - 1/2 - 1/5 = 3/10
    r = fearon_ultimatum(F(1, 2), F(1, 10), F(1, 5))
    assert (r.settlement, r.payoff_a, r.payoff_b) == (F(7, 10), F(7, 10), F(3, 10))
    assert (r.war_payoff_a, r.war_payoff_b, r.exact, r.proposer) == (F(2, 5), F(3, 10), True, "A")
    # B proposes: A gets exactly p - c_A = 2/5
    assert fearon_ultimatum(F(1, 2), F(1, 10), F(1, 5), proposer="B").settlement == F(2, 5)
    # caps: p + c_B > 1 gives A everything; p - c_A < 0 gives A nothing
    assert fearon_ultimatum(F(19, 20), 0, F(1, 10)).settlement == 1
    assert fearon_ultimatum(F(1, 20), F(1, 10), 0, proposer="B").settlement == 0
    f = fearon_ultimatum(0.5, 0.1, 0.2)
    assert not f.exact and f.settlement == pytest.approx(0.7)


def test_fearon_ultimatum_is_the_edge_of_the_bargaining_range():
    from gametheory_af.bargaining.war import fearon_ultimatum

    for p in (F(0), F(1, 3), F(1, 2), F(9, 10), F(1)):
        for ca, cb in ((F(0), F(0)), (F(1, 10), F(1, 4)), (F(1, 2), F(1, 3))):
            rng = gt.bargaining_range(p, ca, cb)
            assert fearon_ultimatum(p, ca, cb).settlement == rng.upper
            assert fearon_ultimatum(p, ca, cb, proposer="B").settlement == rng.lower


def test_fearon_ultimatum_errors():
    from gametheory_af.bargaining.war import fearon_ultimatum

    with pytest.raises(GameError, match="proposer.*'C'"):
        fearon_ultimatum(0.5, 0.1, 0.1, proposer="C")
    with pytest.raises(GameError, match="cost_b"):
        fearon_ultimatum(0.5, 0.1, -0.1)
    with pytest.raises(GameError, match="p"):
        fearon_ultimatum(1.5, 0.1, 0.1)


def test_commitment_thresholds_separate_war_from_peace():
    # the result's p_next_lower / p_next_upper: war exactly outside [lower, upper], on an exact grid
    for p0 in (F(1, 5), F(1, 2), F(7, 10)):
        for ca, cb, d in ((F(1, 20), F(1, 20), F(9, 10)), (F(1, 10), F(0), F(1, 2)), (F(0), F(0), F(99, 100))):
            r = gt.commitment_problem(p0, p0, ca, cb, delta=d)
            lo, hi = r.p_next_lower, r.p_next_upper
            assert lo <= p0 <= hi
            for t in range(41):
                p1 = F(t, 40)
                assert gt.commitment_problem(p0, p1, ca, cb, delta=d).war == (p1 < lo or p1 > hi), (p0, p1)
            for edge in (lo, hi):
                if 0 <= edge <= 1:
                    assert not gt.commitment_problem(p0, edge, ca, cb, delta=d).war
    # hand: p0 = 7/10, c = 1/20 each, delta = 9/10: lower = 1 - 1/20 - (3/10 + 1/20)/(9/10) = 101/180
    r = gt.commitment_problem(F(7, 10), F(3, 10), F(1, 20), F(1, 20), delta=F(9, 10))
    assert r.p_next_lower == F(101, 180) and r.p_next_upper == F(3, 4) / F(9, 10) + F(1, 20)
