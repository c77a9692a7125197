"""Accuracy (1e-12) and soundness (beaten local maxima) of the Nash solution on n-player frontier functions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af import GameError
from gametheory_af.bargaining import BargainingProblem, _frontier, nash_solution


# ---------------------------------------------------------------------- exact known values to 1e-12
@pytest.mark.parametrize(
    ("w", "d"),
    [([1, 2, 3], [0.1, 0.2, 0.3]), ([1, 1, 1, 1], [0, 0, 0, 0]), ([0.5, 1, 2, 4, 8], [0, 0.1, 0, 0.2, 0.05])],
)
def test_simplex_frontier_closed_form(w, d):
    # f(y) = c - sum(y), c = 2: on the hyperplane sum(u) = c the FOC w_i / (u_i - d_i) = lambda gives
    # u_i - d_i = w_i / sum(w) * (c - sum(d)); e.g. w = (1, 2, 3), d = (.1, .2, .3): gains (1/6, 2/6, 3/6) * 1.4
    n = len(w)
    p = BargainingProblem(lambda y: 2.0 - y.sum(), d, domain=[(0, 2)] * (n - 1))
    want = np.array(d) + np.array(w) / sum(w) * (2.0 - sum(d))
    np.testing.assert_allclose(nash_solution(p, weights=w).payoffs, want, rtol=1e-12)


def test_simplex_frontier_without_complex_support():
    # float() drops the imaginary part (the complex step disagrees with differences): Ridders' route.
    # weights (1, 2, 3), d = 0, c = 2: u = (1, 2, 3) / 3
    p = BargainingProblem(lambda y: 2.0 - math.fsum(float(v) for v in y), [0, 0, 0], domain=[(0, 2)] * 2)
    np.testing.assert_allclose(nash_solution(p, weights=[1, 2, 3]).payoffs, [1 / 3, 2 / 3, 1], rtol=1e-12)


def p_sphere(p: int, d: np.ndarray):
    """u_n = d_n + (1 - sum_{i<n} (u_i - d_i)^p)^(1/p): a quarter p-sphere centred at d."""
    return lambda y: d[-1] + (1 - np.sum((y - d[:-1]) ** p)) ** (1 / p)


@pytest.mark.parametrize("p", [2, 3, 4])
@pytest.mark.parametrize("w", [[1, 1, 1], [1, 2, 3], [2, 1, 3]])
def test_quarter_sphere_closed_form(p, w):
    # maximise sum w_i log g_i on sum g_i^p = 1 (g = u - d): w_i / g_i = lambda p g_i^(p-1), so g_i^p is
    # proportional to w_i, and summing to 1: g_i = (w_i / W)^(1/p). E.g. p = 2, w = (1, 2, 3): g = sqrt((1, 2, 3) / 6).
    # The box [d_i, d_i + 0.79] (d_i + 0.7 for p = 2) keeps sum g_i^p < 1 (2 * 0.79^p < 1 for p >= 3)
    # and holds the answer (g_1, g_2 <= (1/3)^(1/p)).
    d = np.array([0.1, -0.2, 0.3])
    prob = BargainingProblem(p_sphere(p, d), d, domain=[(0.1, 0.89), (-0.2, 0.59)] if p > 2 else [(0.1, 0.8), (-0.2, 0.5)])
    want = d + (np.array(w) / sum(w)) ** (1 / p)
    np.testing.assert_allclose(nash_solution(prob, weights=w).payoffs, want, rtol=1e-12)


@pytest.mark.parametrize("n", [3, 4, 5])
def test_symmetric_sphere_is_symmetric(n):
    # equal weights on a symmetric frontier: every u_i = n^(-1/2), and exactly the same up to rounding
    # the box [0, 0.98 / sqrt(n - 1)] keeps sum(y^2) < 1 and holds n^(-1/2)
    prob = BargainingProblem(lambda y: np.sqrt(1 - np.sum(y**2)), [0] * n, domain=[(0, 0.98 / math.sqrt(n - 1))] * (n - 1))
    u = nash_solution(prob).payoffs
    np.testing.assert_allclose(u, [n**-0.5] * n, rtol=1e-12)
    assert np.ptp(u) <= 4e-16


@pytest.mark.parametrize("w", [[1, 1, 1], [2, 1, 1], [1, 3, 2], [1, 1, 1, 1], [1, 2, 3, 4]])
def test_cobb_douglas_frontier_closed_form(w):
    # u_n = prod_{i<n} (1 - u_i)^(a_i), sum(a) <= 1 (concave), d = 0: d log f / d u_i = -a_i / (1 - u_i), so the
    # FOC w_i / u_i = w_n a_i / (1 - u_i) gives u_i = w_i / (w_i + w_n a_i); e.g. w = 1, a_1 = 0.3: u_1 = 1 / 1.3
    n = len(w)
    a = np.array([0.3, 0.5, 0.2][: n - 1])
    prob = BargainingProblem(lambda y: np.prod((1 - y) ** a), [0] * n, domain=[(0, 1)] * (n - 1))
    head = np.array(w[:-1], dtype=float) / (np.array(w[:-1]) + w[-1] * a)
    want = np.append(head, np.prod((1 - head) ** a))
    np.testing.assert_allclose(nash_solution(prob, weights=w).payoffs, want, rtol=1e-12)


def test_answer_on_the_upper_bound():
    # f = 2 - y1 - y2 with y1 <= 0.2: the free optimum (2/3 each) is cut; y1 = 0.2 and the rest 1.8 is split
    # equally, (0.9, 0.9). KKT: d/dy1 = 1/0.2 - 1/0.9 > 0, the right sign at an upper bound
    p = BargainingProblem(lambda y: 2.0 - y.sum(), [0, 0, 0], domain=[(0, 0.2), (0, 2)])
    u = nash_solution(p).payoffs
    np.testing.assert_allclose(u, [0.2, 0.9, 0.9], rtol=1e-14)
    assert _frontier.nash_n_residual(p, np.ones(3), u[:-1]) <= 1e-14


def test_answer_on_the_lower_bound_above_disagreement():
    # domain y1 in [0.9, 2] with d1 = 0: below 0.9 the frontier is f(0.9, y2) (free disposal), so y1 = 0.9 and
    # 2 - 0.9 = 1.1 is split equally, (0.55, 0.55). KKT: d/dy1 = 1/0.9 - 1/0.55 < 0, the right sign at a lower bound
    p = BargainingProblem(lambda y: 2.0 - y.sum(), [0, 0, 0], domain=[(0.9, 2), (0, 2)])
    u = nash_solution(p).payoffs
    np.testing.assert_allclose(u, [0.9, 0.55, 0.55], rtol=1e-14)
    assert _frontier.nash_n_residual(p, np.ones(3), u[:-1]) <= 1e-14


def test_kink_at_the_answer_keeps_slsqp_accuracy():
    # f = 1 - 2 max(y1, y2): raising the smaller coordinate to the larger is free, so y1 = y2 = t and
    # t^2 (1 - 2t) peaks at t = 1/3 (2t (1 - 2t) = 2t^2): the answer (1/3, 1/3, 1/3) sits on the kink y1 = y2,
    # where no first-order condition holds; the best point found is kept and certified by the sample
    p = BargainingProblem(lambda y: 1 - 2 * max(float(y[0]), float(y[1])), [0, 0, 0], domain=[(0, 0.5)] * 2)
    np.testing.assert_allclose(nash_solution(p).payoffs, [1 / 3] * 3, rtol=1e-6)


# ---------------------------------------------------------------------- certificate and refusal
def test_first_order_residual_at_the_answer_and_away_from_it():
    prob = BargainingProblem(p_sphere(2, np.zeros(3)), [0, 0, 0], domain=[(0, 0.7)] * 2)
    w = np.array([1.0, 2.0, 3.0])
    y = nash_solution(prob, weights=w).payoffs[:-1]
    assert _frontier.nash_n_residual(prob, w, y) <= 1e-14
    # 1e-6 away the residual is of that order: the residual measures something
    assert _frontier.nash_n_residual(prob, w, y + np.array([1e-6, 0.0])) > 1e-7


def dented(y: np.ndarray) -> float:
    """1 - y1 - y2, lowered by 0.05 on {y1 + y2 < 0.7, y1 > 0.1, y2 > 0.1} (holding SLSQP's start (1/6, 1/6))."""
    v = 1 - float(y[0]) - float(y[1])
    return v - 0.05 if (y[0] + y[1] < 0.7 and y[0] > 0.1 and y[1] > 0.1) else v


def test_beaten_local_maximum_is_refused():
    # inside the dent the product peaks at u = 0.95/3 each: 3 log(0.31667) = -3.4497; outside it, (0.35, 0.35, 0.3)
    # has 2 log 0.35 + log 0.3 = -3.3036, better: the sample finds such a point and the answer is refused
    assert 2 * math.log(0.35) + math.log(0.3) > 3 * math.log(0.95 / 3)
    p = BargainingProblem(dented, [0, 0, 0], domain=[(0, 1)] * 2)  # the 5 x 5 construction grid misses the dent
    with pytest.raises(GameError, match=r"nash_solution: the Nash product at the sampled point u = .* beats the local "
                                        r"maximum found at u = \[0\.3166"):
        nash_solution(p)


def test_check_refuses_a_suboptimal_point_and_counts_its_sample():
    p = BargainingProblem(lambda y: 1.0 - y.sum(), [0, 0, 0], domain=[(0, 1)] * 2)
    w = np.ones(3)
    # the answer (1/3, 1/3): 32 x 32 grid + 1024 uniform points, none better
    assert _frontier.nash_n_check(p, w, np.array([1 / 3, 1 / 3])) == 32 * 32 + 1024
    with pytest.raises(GameError, match="caller_x: the Nash product at the sampled point"):
        _frontier.nash_n_check(p, w, np.array([0.1, 0.1]), "caller_x")
    # four players: a 10 x 10 x 10 grid
    q = BargainingProblem(lambda y: 1.0 - y.sum(), [0] * 4, domain=[(0, 1)] * 3)
    assert _frontier.nash_n_check(q, np.ones(4), np.full(3, 0.25)) == 1000 + 1024


def test_check_respects_the_call_limit():
    p = BargainingProblem(lambda y: 1.0 - y.sum(), [0, 0, 0], domain=[(0, 1)] * 2)
    with gt.limits(max_calls=1000), pytest.raises(GameError, match="max_calls"):
        nash_solution(p)


# ---------------------------------------------------------------------- two routes, properties
@pytest.mark.parametrize("seed", range(6))
def test_complex_step_and_ridders_routes_agree(seed):
    rng = np.random.default_rng(seed)
    w = np.append(rng.uniform(0.5, 1.2, 2), rng.uniform(1.0, 2.0))  # w_i / W <= 0.444: g_1, g_2 <= 0.667 < 0.7
    d = rng.uniform(-0.2, 0.2, 3)
    smooth = p_sphere(2, d)

    def real_only(y: np.ndarray) -> float:  # math.sqrt refuses complex arguments
        return float(d[-1] + math.sqrt(max(0.0, 1 - float(y[0] - d[0]) ** 2 - float(y[1] - d[1]) ** 2)))

    dom = [(d[0], d[0] + 0.7), (d[1], d[1] + 0.7)]
    want = d + (w / w.sum()) ** 0.5
    a = nash_solution(BargainingProblem(smooth, d, domain=dom), weights=w).payoffs
    b = nash_solution(BargainingProblem(real_only, d, domain=dom), weights=w).payoffs
    np.testing.assert_allclose(a, want, rtol=1e-13)
    np.testing.assert_allclose(b, want, rtol=1e-12)


scales = st.floats(0.5, 4.0)
shifts = st.floats(-3.0, 3.0)
wts = st.floats(0.2, 3.0)


@settings(max_examples=20)
@given(st.tuples(scales, scales, scales), st.tuples(shifts, shifts, shifts), st.tuples(wts, wts, wts))
def test_affine_covariance(a, b, w):
    # rescale u_i -> a_i u_i + b_i: the frontier becomes a_3 f((z - b) / a) + b_3 on the moved box, and the
    # answer moves with the utilities (the Nash solution is invariant under positive affine maps)
    a_, b_ = np.array(a), np.array(b)
    d = np.array([0.05, 0.1, 0.0])
    f = p_sphere(2, np.zeros(3))
    base = nash_solution(BargainingProblem(f, d, domain=[(0, 0.7)] * 2), weights=w).payoffs

    def g(z: np.ndarray) -> float:
        return a_[2] * f((z - b_[:2]) / a_[:2]) + b_[2]

    moved = BargainingProblem(g, a_ * d + b_, domain=[(b_[0], 0.7 * a_[0] + b_[0]), (b_[1], 0.7 * a_[1] + b_[1])])
    got = nash_solution(moved, weights=w).payoffs
    # compare the gains (u - d), which rescale by a: 1e-12 relative
    np.testing.assert_allclose((got - moved.disagreement) / a_, base - d, rtol=1e-12)


@settings(max_examples=20)
@given(st.tuples(wts, wts, wts), st.integers(2, 4))
def test_pareto_optimal_and_not_beaten_on_a_grid(w, p):
    prob = BargainingProblem(p_sphere(p, np.zeros(3)), [0, 0, 0], domain=[(0, 0.7)] * 2)
    u = nash_solution(prob, weights=w).payoffs
    f = p_sphere(p, np.zeros(3))
    assert u[-1] == f(u[:-1])  # on the frontier
    g = np.stack(np.meshgrid(np.linspace(1e-3, 0.7, 60), np.linspace(1e-3, 0.7, 60)), -1).reshape(-1, 2)
    pts = np.column_stack([g, [f(y) for y in g]])
    pts = pts[np.isfinite(pts[:, -1]) & (pts[:, -1] > 0)]
    # Pareto: no grid point is at least as good for all and better for one (beyond rounding)
    assert not np.any(np.all(pts >= u - 1e-15, axis=1) & np.any(pts > u + 1e-12, axis=1))
    # and no grid point has a larger Nash product
    val = np.log(pts) @ np.array(w)
    assert val.max() <= float(np.log(u) @ np.array(w)) + 1e-14


def test_permuting_players_permutes_the_answer():
    # swap players 1 and 2 (weights and frontier arguments): the answer swaps, to rounding
    f = lambda y: 1 - 0.5 * y[0] ** 2 - y[1] ** 2  # noqa: E731
    p = BargainingProblem(f, [0, 0, 0], domain=[(0, 1), (0, 0.7)])
    q = BargainingProblem(lambda y: f(y[::-1]), [0, 0, 0], domain=[(0, 0.7), (0, 1)])
    u = nash_solution(p, weights=[1, 2, 3]).payoffs
    v = nash_solution(q, weights=[2, 1, 3]).payoffs
    np.testing.assert_allclose(v, u[[1, 0, 2]], rtol=1e-13)


# ---------------------------------------------------------------------- the polish's branches
def test_gradient_routes_when_complex_arguments_fail():
    # a frontier refusing complex arguments: Ridders' route; a complex call giving nan: Ridders' route too
    def real_only(y: np.ndarray) -> float:
        if np.iscomplexobj(y):
            raise TypeError("real arguments only")
        return 2.0 - float(y.sum())

    p = BargainingProblem(real_only, [0, 0, 0], domain=[(0, 2)] * 2)
    np.testing.assert_allclose(nash_solution(p, weights=[1, 2, 3]).payoffs, [1 / 3, 2 / 3, 1], rtol=1e-12)
    lo, hi = np.zeros(2), np.full(2, 2.0)
    assert not _frontier._complex_step_works(p, np.array([0.5, 0.5]), lo, hi)

    def nan_imag(y: np.ndarray) -> complex | float:
        return float(2.0 - y.sum()) if np.isrealobj(y) else complex(math.nan, math.nan)

    q = BargainingProblem(nan_imag, [0, 0, 0], domain=[(0, 2)] * 2)
    assert not _frontier._complex_step_works(q, np.array([0.5, 0.5]), lo, hi)
    np.testing.assert_allclose(nash_solution(q).payoffs, [2 / 3] * 3, rtol=1e-12)


def test_hessian_falls_back_to_its_negative_definite_part():
    # f = (1 - y1)^2 + (1 - y2)^2 is convex, d = (0, 0, 0.25): at y = (0.5, 0.5), f = 0.5, gap = 0.25,
    # grad f = (-1, -1), Hess f = 2 I. The full Hessian -4 I - 16 J + (2 / 0.25) I (J all ones) has the
    # eigenvalue -4 + 8 > 0 along (1, -1): not negative definite, so the exact part -4 I - 16 J is returned
    p = BargainingProblem(lambda y: np.sum((1 - y) ** 2), [0, 0, 0.25], domain=[(0, 1)] * 2)
    h = _frontier._hessian(p, np.ones(3), np.full(2, 0.5), np.array([-1.0, -1.0]), np.zeros(2), np.ones(2), True)
    np.testing.assert_allclose(h, [[-20.0, -16.0], [-16.0, -20.0]], rtol=1e-14)


def test_polish_releases_a_bound_of_the_wrong_sign():
    # f = 2 - y1 - y2, y1 <= 0.7, from (0.7, 0.2): d/dy1 > 0 there (G1 = 1.1 - 0.7), so y1 starts at its bound;
    # y2 moves to 0.65, where G1 = 0.65 - 0.7 < 0: y1 is released, and the interior answer (2/3, 2/3) is found
    p = BargainingProblem(lambda y: 2.0 - y.sum(), [0, 0, 0], domain=[(0, 0.7), (0, 2)])
    y, res = _frontier._polish(p, np.ones(3), np.array([0.7, 0.2]), True)
    np.testing.assert_allclose(y, [2 / 3, 2 / 3], rtol=1e-14)
    assert res <= 1e-15


@pytest.mark.parametrize("start", [[0.01, 0.01], [0.69, 0.01], [0.01, 0.9], [0.99, 0.01]])
def test_polish_alone_converges_from_far_starts(start):
    # Cobb-Douglas u3 = (1 - u1)^0.3 (1 - u2)^0.5, equal weights: u_i = 1 / (1 + a_i) = (1/1.3, 1/1.5);
    # the quarter circle: u1 = u2 = 3^(-1/2). Newton with the line search reaches both from the box's corners
    cd = BargainingProblem(lambda y: np.prod((1 - y) ** np.array([0.3, 0.5])), [0, 0, 0], domain=[(0, 1)] * 2)
    y, res = _frontier._polish(cd, np.ones(3), np.array(start), True)
    np.testing.assert_allclose(y, [1 / 1.3, 1 / 1.5], rtol=1e-14)
    assert res <= 1e-15
    sph = BargainingProblem(lambda y: np.sqrt(1 - np.sum(y**2)), [0, 0, 0], domain=[(0, 0.7)] * 2)
    y, res = _frontier._polish(sph, np.ones(3), np.minimum(start, 0.7), False)
    np.testing.assert_allclose(y, [3**-0.5] * 2, rtol=1e-12)


def test_line_search_never_lowers_the_product(monkeypatch):
    # a Hessian 100 times too flat makes Newton's steps 100 times too long: the line search halves them until
    # the product does not fall, so every accepted point is at least as good, and the answer is still reached
    p = BargainingProblem(lambda y: np.sqrt(1 - np.sum(y**2)), [0, 0, 0], domain=[(0, 0.7)] * 2)
    exact = _frontier._hessian
    monkeypatch.setattr(_frontier, "_hessian", lambda *args: 0.01 * exact(*args))
    seen: list[float] = []
    phi = _frontier._phi

    def record(problem, w, y):
        out = phi(problem, w, y)
        seen.append(out[0])
        return out

    monkeypatch.setattr(_frontier, "_phi", record)
    y, res = _frontier._polish(p, np.ones(3), np.array([0.1, 0.2]), True)
    np.testing.assert_allclose(y, [3**-0.5] * 2, rtol=1e-12)
    # some trial points were worse than the best point so far (and were not taken); the answer beats the start
    assert any(v < max(seen[:i]) - 1e-9 for i, v in enumerate(seen) if i)
    assert phi(p, np.ones(3), y)[0] > seen[0]
