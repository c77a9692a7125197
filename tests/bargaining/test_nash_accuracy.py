"""Accuracy (1e-12) and soundness (dents) of the Nash solution on two-player frontier functions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af import GameError
from gametheory_af.bargaining import BargainingProblem, _frontier, nash_solution, utilitarian


def dented(u: float) -> float:
    """The issue's example: u2 = 1 - u1 with a 0.02 dent on the open interval (22/32, 23/32)."""
    v = 1 - u
    return v - 0.02 if 22 / 32 < u < 23 / 32 else v


def tent(u: float) -> float:
    """A continuous dent: 0.02 deep at 22.5/32, zero at 22/32 and 23/32 (between the 33 construction samples)."""
    return 1 - u - 0.02 * max(0.0, 1 - abs(u - 22.5 / 32) * 64)


# ---------------------------------------------------------------------- soundness: the issue's example
def test_issue_example_passes_construction_but_is_refused():
    p = BargainingProblem(dented, [0, 0], domain=(0, 1))  # the 33-point construction check misses the dent
    # the old answer (0.71875, 0.28125) is beaten by (0.6875, 0.3125):
    # 0.7 ln 0.6875 + 0.3 ln 0.3125 = -0.61123 > 0.7 ln 0.71875 + 0.3 ln 0.28125 = -0.61172
    assert 0.7 * math.log(0.6875) + 0.3 * math.log(0.3125) > 0.7 * math.log(0.71875) + 0.3 * math.log(0.28125)
    # the frontier jumps up by 0.02 at 23/32: the scan names where
    with pytest.raises(GameError, match=r"nash_solution: frontier must be non-increasing.*0\.71875"):
        nash_solution(p, weights=[0.7, 0.3])


def test_continuous_dent_is_refused_as_not_concave():
    p = BargainingProblem(tent, [0, 0], domain=(0, 1))
    with pytest.raises(GameError, match=r"nash_solution: frontier must (be concave|be non-increasing).*0\.7"):
        nash_solution(p, weights=[0.7, 0.3])


def test_gentle_convexity_is_refused_at_a_coarse_spacing():
    # f = 1 - u + 1e-7 (u^2 - u), convex with curvature 2e-7: the 33-point construction check sees
    # 2e-7 / 32^2 ~ 2e-10 < 2e-9 and passes it, fine second differences see 2e-7 * 2^-28 ~ 1e-15, but the
    # multi-scale check sees 2e-7 * (1/2)^2 = 5e-8 > 2e-9
    p = BargainingProblem(lambda u: 1 - u + 1e-7 * (u * u - u), [0, 0], domain=(0, 1))
    with pytest.raises(GameError, match="must be concave"):
        nash_solution(p)


def test_dent_far_from_the_answer_inside_the_scan_is_refused():
    # non-concavity anywhere on the individually rational interval is refused, even away from the answer
    p = BargainingProblem(lambda u: 1 - u - (0.01 if 0.101 < u < 0.102 else 0.0), [0, 0], domain=(0, 1))
    with pytest.raises(GameError, match="non-increasing"):
        nash_solution(p)


def test_frontier_raising_or_nan_during_the_scan():
    def boom(u):
        if 0.3 < u < 0.31:
            raise ValueError("no")
        return 1 - u

    with pytest.raises(GameError, match=r"nash_solution: frontier must return a number; at u1 = .* raised"):
        nash_solution(BargainingProblem(boom, [0, 0], domain=(0, 1)))
    with pytest.raises(GameError, match="frontier must be finite"):
        nash_solution(BargainingProblem(lambda u: math.nan if 0.3 < u < 0.31 else 1 - u, [0, 0], domain=(0, 1)))


def test_scan_respects_the_call_limit():
    p = BargainingProblem(lambda u: 1 - u, [0, 0], domain=(0, 1))
    with gt.limits(max_calls=1000), pytest.raises(GameError, match="max_calls"):
        nash_solution(p)


# ---------------------------------------------------------------------- exact known values to 1e-12
@pytest.mark.parametrize("w1", [0.1, 0.3, 0.5, 0.7, 0.9])
def test_linear_frontier_closed_form(w1):
    # f = 1 - u, d = (0.2, 0.05): gains split the surplus 0.75 in proportion w1 : 1 - w1
    p = BargainingProblem(lambda u: 1 - u, [0.2, 0.05], domain=(0, 1))
    u = nash_solution(p, weights=[w1, 1 - w1]).payoffs
    np.testing.assert_allclose(u, [0.2 + w1 * 0.75, 0.05 + (1 - w1) * 0.75], rtol=1e-12)


@pytest.mark.parametrize("w1", [0.2, 0.5, 0.8])
def test_parabola_closed_form(w1):
    # f = 1 - u^2, d = 0: FOC w1 (1 - u^2) - 2 w2 u^2 = 0, so u = sqrt(w1 / (w1 + 2 w2))
    p = BargainingProblem(lambda u: 1 - u**2, [0, 0], domain=(0, 1))
    x = math.sqrt(w1 / (w1 + 2 * (1 - w1)))
    np.testing.assert_allclose(nash_solution(p, weights=[w1, 1 - w1]).payoffs, [x, 1 - x * x], rtol=1e-12)


def test_quarter_circle_without_complex_support():
    # math.sqrt refuses complex arguments: the slope falls back to Richardson central differences.
    # f = sqrt(1 - u^2): FOC w1 (1 - u^2) = w2 u^2, so u = sqrt(w1), f(u) = sqrt(w2)
    p = BargainingProblem(lambda u: math.sqrt(max(1 - u * u, 0.0)), [0, 0], domain=(0, 1))
    np.testing.assert_allclose(nash_solution(p, weights=[0.3, 0.7]).payoffs, [math.sqrt(0.3), math.sqrt(0.7)],
                               rtol=1e-12)


def test_kink_at_the_answer():
    # min(1 - u/2, 2 - 3u): kink at (0.4, 0.8); u (1 - u/2) increases up to u = 1 and u (2 - 3u) decreases
    # after u = 1/3, so the product peaks sharply at the kink. min() refuses complex arguments: the kink is
    # met by finite differences, caught by the certificate and found by golden section
    p = BargainingProblem(lambda u: min(1 - u / 2, 2 - 3 * u), [0, 0], domain=(0, 2 / 3))
    np.testing.assert_allclose(nash_solution(p).payoffs, [0.4, 0.8], rtol=1e-12)


def test_answer_at_the_domain_edge():
    # f = 1 - u on [0, 0.3]: the product u (1 - u) increases up to 0.5, so the answer is the edge u1 = 0.3
    p = BargainingProblem(lambda u: 1 - u, [0, 0], domain=(0, 0.3))
    np.testing.assert_allclose(nash_solution(p).payoffs, [0.3, 0.7], rtol=1e-15)
    # d1 below the domain: f = 1 - u on [0.6, 1] with d = (0, 0): the best is the left edge u1 = 0.6
    q = BargainingProblem(lambda u: 1 - u, [0, 0], domain=(0.6, 1))
    np.testing.assert_allclose(nash_solution(q).payoffs, [0.6, 0.4], rtol=1e-15)


def test_slope_one_sided_at_a_domain_edge():
    # no complex step (math.sqrt) and x at the edge: a one-sided difference
    p = BargainingProblem(lambda u: 1 - math.sqrt(u) ** 2, [0, 0], domain=(0, 1))
    assert _frontier.slope(p, 0.0) == pytest.approx(-1, rel=1e-6)
    assert _frontier.slope(p, 1.0) == pytest.approx(-1, rel=1e-6)


def test_utilitarian_tie_break_still_uses_nash():
    # f = 1 - u is a flat top for the sum: the Nash point of the maximisers is (1/2, 1/2)
    p = BargainingProblem(lambda u: 1 - u, [0, 0], domain=(0, 1))
    np.testing.assert_allclose(utilitarian(p).payoffs, [0.5, 0.5], rtol=1e-12)


# ---------------------------------------------------------------------- properties over concave frontiers
def p_norm(p: float):
    return lambda u: (1 - u**p) ** (1 / p)


def slope_exact(p: float, u: float) -> float:
    return -(u ** (p - 1)) * (1 - u**p) ** (1 / p - 1)


exps = st.floats(min_value=1.0, max_value=5.0)
wts = st.floats(min_value=0.05, max_value=0.95)
dis = st.floats(min_value=0.0, max_value=0.3)


@given(exps, wts, dis, dis)
def test_first_order_condition_and_grid_search(p, w1, d1, d2):
    f = p_norm(p)
    prob = BargainingProblem(f, [d1, d2], domain=(0, 1))
    x, y = nash_solution(prob, weights=[w1, 1 - w1]).payoffs
    assert y == f(x)
    # the first-order condition, with the exact slope: w1 (f - d2) + w2 (x - d1) f'(x) = 0 to 1e-12 relative
    a, b = w1 * (y - d2), (1 - w1) * (x - d1) * slope_exact(p, x)
    assert abs(a + b) <= 1e-12 * (abs(a) + abs(b))
    # a grid search of 10^5 points agrees to its resolution
    us = np.linspace(0, 1, 100_001)
    fu = (1 - us**p) ** (1 / p)
    ok = (us > d1) & (fu > d2)
    val = np.full(us.shape, -np.inf)
    val[ok] = w1 * np.log(us[ok] - d1) + (1 - w1) * np.log(fu[ok] - d2)
    assert abs(us[int(np.argmax(val))] - x) <= 2e-5
    # and no grid point beats the answer
    assert val.max() <= w1 * math.log(x - d1) + (1 - w1) * math.log(y - d2) + 1e-14


@given(exps, dis)
def test_symmetric_problems_give_symmetric_answers(p, c):
    # f(f(u)) = u and d = (c, c): the answer is the symmetric point u^p = 1/2
    sol = nash_solution(BargainingProblem(p_norm(p), [c, c], domain=(0, 1)))
    np.testing.assert_allclose(sol.payoffs, [2 ** (-1 / p)] * 2, rtol=1e-12)


@given(exps, wts, st.floats(0.5, 4.0), st.floats(0.5, 4.0), st.floats(-3.0, 3.0), st.floats(-3.0, 3.0))
def test_affine_covariance(p, w1, a1, a2, b1, b2):
    # rescale u1 -> a1 u1 + b1, u2 -> a2 u2 + b2: the answer moves with the utilities
    f = p_norm(p)
    base = nash_solution(BargainingProblem(f, [0.1, 0.05], domain=(0, 1)), weights=[w1, 1 - w1]).payoffs
    g = lambda v: a2 * f(min((v - b1) / a1, 1.0)) + b2  # noqa: E731 - min(): no complex step
    moved = BargainingProblem(g, [a1 * 0.1 + b1, a2 * 0.05 + b2], domain=(b1, a1 + b1))
    np.testing.assert_allclose(nash_solution(moved, weights=[w1, 1 - w1]).payoffs, [a1 * base[0] + b1, a2 * base[1] + b2],
                               rtol=1e-11, atol=1e-11)


@given(exps, wts)
def test_certificate_gap_is_not_negative(p, w1):
    prob = BargainingProblem(p_norm(p), [0, 0], domain=(0, 1))
    w = np.array([w1, 1 - w1])
    x = float(nash_solution(prob, weights=w).payoffs[0])
    assert _frontier.certificate_gap(prob, w, x) >= -1e-15
    # a point 1e-6 away is visibly worse: the gap is not vacuous
    assert _frontier.certificate_gap(prob, w, x + 1e-6 * (0.5 - x) / abs(0.5 - x + 1e-300), rel=1e-9) < 0 or p == 1.0


def test_degenerate_interval_and_certificate_at_the_disagreement_edge():
    p = BargainingProblem(lambda u: 1 - u, [0, 0], domain=(0, 1))
    # a one-point interval (the utilitarian tie-break can pass one): that point
    np.testing.assert_array_equal(_frontier.nash_2(p, np.ones(2), (0.25, 0.25)), [0.25, 0.75])
    # at u1 = d1 the product is zero (log -inf): the certificate gap is -inf
    assert _frontier.certificate_gap(p, np.array([0.5, 0.5]), 0.0) == -math.inf
    # at the answer (1/2, 1/2) it is not negative, and 0 up to rounding: 1e-18 of curvature
    assert -1e-15 <= _frontier.certificate_gap(p, np.array([0.5, 0.5]), 0.5) <= 1e-15
