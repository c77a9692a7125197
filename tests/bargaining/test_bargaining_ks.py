"""Tests of the Kalai-Smorodinsky, egalitarian and utilitarian bargaining solutions."""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gametheory_af.bargaining import (
    BargainingProblem,
    egalitarian,
    ideal_point,
    kalai_smorodinsky,
    nash_solution,
    utilitarian,
)
from tests.bargaining.test_bargaining_nash import check_lottery, coords, is_pareto, make_problem, point_sets

SOLVERS = [kalai_smorodinsky, egalitarian, utilitarian]


def test_ks_known_polytope():
    p = BargainingProblem([[4, 0], [3, 2], [0, 3]], [0, 0])
    np.testing.assert_array_equal(ideal_point(p), [4, 3])
    sol = kalai_smorodinsky(p)
    assert sol.exact_payoffs == (F(36, 13), F(27, 13))
    assert sol.method == "kalai_smorodinsky" and sol.weights is None
    assert sum(sol.exact_lottery.values()) == 1


def test_egalitarian_and_utilitarian_known():
    p = BargainingProblem([[4, 0], [3, 2], [0, 3]], [0, 0])
    assert egalitarian(p).exact_payoffs == (F(9, 4), F(9, 4))
    assert utilitarian(p).exact_payoffs == (3, 2)


def test_utilitarian_tie_is_broken_by_nash():
    p = BargainingProblem([[3, 0], [0, 3], [1, 1]], [0, 0])
    assert utilitarian(p).exact_payoffs == (F(3, 2), F(3, 2))
    q = BargainingProblem(lambda u: 1 - u, [0, 0], domain=(0, 1))
    np.testing.assert_allclose(utilitarian(q).payoffs, [0.5, 0.5], atol=1e-7)


def test_weakly_pareto_points_are_lifted():
    # one outcome only: equal gains would stop at (1, 1); leximin lifts player 2 to 3
    p = BargainingProblem([[1, 3]], [0, 0])
    for f in SOLVERS:
        assert f(p).exact_payoffs == (1, 3)
    q = BargainingProblem(lambda u: 1.0, [0, 0], domain=(0, 0.3))
    np.testing.assert_allclose(egalitarian(q).payoffs, [0.3, 1.0])


def test_frontier_known_answers():
    p = BargainingProblem(lambda u: 1 - u**2, [0, 0], domain=(0, 1))
    golden = (math.sqrt(5) - 1) / 2
    np.testing.assert_allclose(kalai_smorodinsky(p).payoffs, [golden, golden], atol=1e-9)
    np.testing.assert_allclose(egalitarian(p).payoffs, [golden, golden], atol=1e-9)
    np.testing.assert_allclose(utilitarian(p).payoffs, [0.5, 0.75], atol=1e-6)
    np.testing.assert_allclose(ideal_point(p), [1, 1])
    # ideal (2, 1) on u2 = 1 - u1/2: KS = (1, 1/2)
    q = BargainingProblem(lambda u: 1 - u / 2, [0, 0], domain=(0, 2))
    np.testing.assert_allclose(kalai_smorodinsky(q).payoffs, [1, 0.5], atol=1e-9)


def test_frontier_three_players():
    p = BargainingProblem(lambda y: 1 - y[0] - y[1] / 2, [0, 0, 0], domain=[(0, 1), (0, 2)])
    np.testing.assert_allclose(ideal_point(p), [1, 2, 1], atol=1e-9)
    np.testing.assert_allclose(kalai_smorodinsky(p).payoffs, [1 / 3, 2 / 3, 1 / 3], atol=1e-7)
    np.testing.assert_allclose(egalitarian(p).payoffs, [0.4, 0.4, 0.4], atol=1e-7)
    assert utilitarian(p).payoffs.sum() == pytest.approx(2.0, abs=1e-6)


def test_three_player_points():
    p = BargainingProblem([[2, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], [0, 0, 0])
    np.testing.assert_allclose(ideal_point(p), [2, 1, 1])
    np.testing.assert_allclose(kalai_smorodinsky(p).payoffs, [4 / 3, 2 / 3, 2 / 3], atol=1e-7)
    np.testing.assert_allclose(egalitarian(p).payoffs, [1, 1, 1], atol=1e-7)
    sol = utilitarian(p)
    assert sol.exact_payoffs == (1, 1, 1)
    # a utilitarian optimum on a face cut by individual rationality (float path)
    q = BargainingProblem([[4, 0, 0], [0, 1, 0], [0, 0, 1]], [0, F(1, 2), F(1, 4)])
    s = utilitarian(q)
    assert s.payoffs.sum() == pytest.approx(4 * 0.25 + 0.5 + 0.25, abs=1e-6)
    check_lottery(q, s)


@given(point_sets, st.tuples(st.integers(0, 4), st.integers(0, 4)))
def test_pareto_and_ir(points, d):
    p = make_problem(points, d)
    for f in SOLVERS:
        sol = f(p)
        assert sol.is_exact
        assert all(x >= di for x, di in zip(sol.exact_payoffs, p.exact_disagreement()))
        assert is_pareto(p.points, sol.payoffs)
        for i in range(2):
            assert sum(pr * p.exact_points()[k][i] for k, pr in sol.exact_lottery.items()) == sol.exact_payoffs[i]


@given(point_sets, st.integers(0, 3))
def test_symmetry(points, d):
    p = make_problem(list(points) + [(y, x) for x, y in points], (d, d))
    for f in SOLVERS:
        x = f(p).exact_payoffs
        assert x[0] == x[1]


@given(point_sets, st.tuples(st.integers(0, 3), st.integers(0, 3)), st.integers(1, 5), st.integers(1, 5),
       st.integers(-5, 5))
def test_ks_affine_invariance(points, d, a1, a2, b):
    p = make_problem(points, d)
    scale, shift = [F(a1, 3), F(a2)], [b, -b]
    q = BargainingProblem([[scale[i] * x[i] + shift[i] for i in range(2)] for x in points],
                          [scale[i] * d[i] + shift[i] for i in range(2)])
    x, y = kalai_smorodinsky(p).exact_payoffs, kalai_smorodinsky(q).exact_payoffs
    assert y == tuple(scale[i] * x[i] + shift[i] for i in range(2))


@given(point_sets, st.tuples(coords, coords))
def test_ks_restricted_monotonicity(points, extra):
    # S subset of T with the same ideal point: KS(T) >= KS(S) for every player
    p = make_problem(points)
    q = make_problem(list(points) + [extra])
    assume(np.array_equal(ideal_point(p), ideal_point(q)))
    x, y = kalai_smorodinsky(p).exact_payoffs, kalai_smorodinsky(q).exact_payoffs
    assert y[0] >= x[0] and y[1] >= x[1]


@given(point_sets)
def test_egalitarian_equal_gains_when_strongly_pareto(points):
    p = make_problem(points)
    g = egalitarian(p).exact_payoffs
    u = utilitarian(p).exact_payoffs
    n = nash_solution(p).exact_payoffs
    assert sum(u) >= sum(n) and sum(u) >= sum(g)
    assert min(g) >= min(n)


@settings(max_examples=20)
@given(st.lists(st.tuples(coords, coords, coords), min_size=3, max_size=6))
def test_three_players_pareto_ir(points):
    p = make_problem(points, (1, 1, 1))
    for f in SOLVERS:
        sol = f(p)
        assert np.all(sol.gains >= -1e-9)
        assert is_pareto(p.points, sol.payoffs, tol=1e-7)
        check_lottery(p, sol)


def test_float_problem_with_a_single_pareto_point():
    # regression: the frontier is one point; in floats d + (a - d) rounds past it, and the ray
    # search raised AssertionError("ray misses the frontier").
    pts = [[-0.6498714692012034, -0.409811871492044], [1.6388178810065934, -0.4091360258820873],
           [9.42538944391253, 0.3856841218601841], [-1.5582530340527088, -5.432409023364191]]
    p = BargainingProblem(pts, [-1.5582530340527088, -5.432409023364191])
    for solver in (kalai_smorodinsky, egalitarian, utilitarian):
        sol = solver(p)
        np.testing.assert_array_equal(sol.payoffs, pts[2])
        assert dict(sol.lottery) == {2: 1.0}


def test_utilitarian_three_players_ir_cut_face_is_accurate():
    # regression: when individual rationality cuts the maximal face, the leximin step pinned the
    # total at the optimum minus 1e-9 * (1 + total), so payoffs were ~1e-8 off and violated IR.
    pts = [[0.0, -1.0, 8.0], [-3.0, 6.0, 2.0], [3.0, 9.0, 1.0], [-2.0, 3.0, 8.0], [9.0, 1.0, 5.0]]
    d = [1.0, 3.0, 4.0]
    sol = utilitarian(BargainingProblem(pts, d))  # the optimum: 1/4 of point 2, 3/4 of point 4
    np.testing.assert_allclose(sol.payoffs, [7.5, 3.0, 4.0], rtol=0, atol=1e-10)
    assert np.all(sol.payoffs >= np.array(d) - 1e-10)
    sol = utilitarian(BargainingProblem([[-2, 9, -2], [0, 4, 3], [-2, 8, 0]], [-2, 4, -2]))
    np.testing.assert_allclose(sol.payoffs, [0, 4, 3], rtol=0, atol=1e-10)


@pytest.mark.parametrize("solver", [kalai_smorodinsky, egalitarian, utilitarian, ideal_point])
def test_solvers_reject_a_non_problem(solver):
    with pytest.raises(TypeError, match="problem must be a BargainingProblem"):
        solver([[1, 0], [0, 1]])
