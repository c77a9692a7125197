"""Tests of BargainingProblem and the Nash bargaining solution."""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

import gametheory_af as gt
from gametheory_af import GameError
from gametheory_af.bargaining import BargainingProblem, maxmin_values, nash_solution

coords = st.integers(min_value=0, max_value=12)
point_sets = st.lists(st.tuples(coords, coords), min_size=2, max_size=6)


def make_problem(points, d=(0, 0)):
    try:
        return BargainingProblem([list(p) for p in points], list(d))
    except GameError:
        assume(False)
        raise  # pragma: no cover


def is_pareto(points, x, tol=1e-9):
    """No lottery over the points weakly dominates x with a positive total gain."""
    pts = np.asarray(points, dtype=float)
    m, n = pts.shape
    res = linprog(-pts.sum(axis=1), A_ub=-pts.T, b_ub=-np.asarray(x, float), A_eq=np.ones((1, m)), b_eq=[1.0],
                  bounds=[(0, None)] * m, method="highs")
    return res.status == 0 and -res.fun - float(np.sum(x)) <= tol * (1 + abs(float(np.sum(x))))


def check_lottery(problem, sol):
    pts = {lab: problem.points[k] for k, lab in enumerate(problem.outcomes)}
    total = sum(sol.lottery.values())
    assert math.isclose(total, 1.0, abs_tol=1e-9)
    pay = sum(p * pts[lab] for lab, p in sol.lottery.items())
    np.testing.assert_allclose(pay, sol.payoffs, atol=1e-7)


# ---------------------------------------------------------------------- known answers
def test_split_the_dollar_exact():
    sol = nash_solution(BargainingProblem([[1, 0], [0, 1]], [0, 0]))
    assert sol.exact_payoffs == (F(1, 2), F(1, 2))
    assert sol.method == "nash" and sol.weights == (0.5, 0.5)
    assert dict(sol.exact_lottery) == {0: F(1, 2), 1: F(1, 2)}
    np.testing.assert_array_equal(sol.gains, [0.5, 0.5])
    assert not sol.payoffs.flags.writeable


def test_asymmetric_weights_split_gains_in_proportion():
    sol = nash_solution(BargainingProblem([[1, 0], [0, 1]], [F(1, 10), F(1, 5)]), weights=[3, 1])
    # gains split 3:1 of the surplus 7/10
    assert sol.exact_payoffs == (F(1, 10) + F(21, 40), F(1, 5) + F(7, 40))


def test_concave_frontier_known_answer():
    sol = nash_solution(BargainingProblem(lambda u: 1 - u**2, [0, 0], domain=(0, 1)))
    assert sol.payoffs[0] == pytest.approx(1 / math.sqrt(3), abs=1e-7)
    assert sol.payoffs[1] == pytest.approx(2 / 3, abs=1e-7)
    assert sol.lottery is None and not sol.is_exact


def test_linear_frontier_with_disagreement():
    sol = nash_solution(BargainingProblem(lambda u: 1 - u, [0.2, 0.0], domain=(0, 1)))
    np.testing.assert_allclose(sol.payoffs, [0.6, 0.4], atol=1e-7)


def test_frontier_three_players():
    p = BargainingProblem(lambda y: 1 - y[0] - y[1], [0, 0, 0], domain=[(0, 1), (0, 1)])
    np.testing.assert_allclose(nash_solution(p).payoffs, [1 / 3] * 3, atol=1e-6)
    sol = nash_solution(p, weights=[1, 2, 3])
    np.testing.assert_allclose(sol.payoffs, [1 / 6, 1 / 3, 1 / 2], atol=1e-5)


def test_three_players_exact_on_a_facet():
    p = BargainingProblem([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0])
    assert nash_solution(p).exact_payoffs == (F(1, 3),) * 3
    assert nash_solution(p, weights=[1, 2, 3]).exact_payoffs == (F(1, 6), F(1, 3), F(1, 2))


def test_three_players_exact_at_a_vertex():
    p = BargainingProblem([[2, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], [0, 0, 0])
    sol = nash_solution(p)
    assert sol.exact_payoffs == (1, 1, 1)
    assert dict(sol.exact_lottery) == {3: 1}


def test_three_players_lower_dimensional_face_is_float():
    # the optimum lies on an edge: Nash on the segment (3,0,1)-(0,3,1) with d = 0 is (1.5, 1.5, 1)
    p = BargainingProblem([[3, 0, 1], [0, 3, 1], [0, 0, 0]], [0, 0, 0])
    sol = nash_solution(p)
    np.testing.assert_allclose(sol.payoffs, [1.5, 1.5, 1.0], atol=1e-7)
    check_lottery(p, sol)


def test_from_game_prisoners_dilemma():
    g = gt.catalog.prisoners_dilemma()
    p = BargainingProblem.from_game(g)
    assert p.outcomes[0] == (0, 0)
    sol = nash_solution(p)
    assert dict(sol.lottery) == {(0, 0): 1.0}
    assert maxmin_values(g) == tuple(p.exact_disagreement())


def test_from_game_explicit_disagreement_and_correlation():
    g = gt.catalog.battle_of_the_sexes()
    p = BargainingProblem.from_game(g, disagreement=[0, 0])
    sol = nash_solution(p)
    # the symmetric correlated lottery over the two pure equilibria
    assert sol.exact_payoffs[0] == sol.exact_payoffs[1]
    assert len(sol.exact_lottery) == 2


def test_from_game_float_game():
    g = gt.NormalFormGame.from_bimatrix([[1.5, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.5]])
    p = BargainingProblem.from_game(g)
    assert not p.is_exact
    vals = maxmin_values(g)
    assert vals[0] == pytest.approx(0.6)
    sol = nash_solution(p)
    assert sol.payoffs[0] == pytest.approx(sol.payoffs[1])


# ---------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"feasible": [[1, 0], [0, 1]], "disagreement": [0, float("nan")]}, "disagreement must be finite"),
        ({"feasible": [[1, float("nan")], [0, 1]], "disagreement": [0, 0]}, "feasible must be finite"),
        ({"feasible": [[1, 0, 0], [0, 1, 0]], "disagreement": [0, 0]}, "have 3 payoffs but disagreement has 2"),
        ({"feasible": [1, 0], "disagreement": [0, 0]}, "must be an \\(m, n\\) array"),
        ({"feasible": [[1, 0], [0, 1]], "disagreement": [0]}, "at least 2 payoffs"),
        ({"feasible": [[1, 0], [0, 1]], "disagreement": [1, 1]}, "no feasible point strictly dominates"),
        ({"feasible": [[1, 0], [0, 1], [1, 1]], "disagreement": [1, 0]}, "no feasible point strictly dominates"),
        ({"feasible": [[1, 0, 0], [0, 1, 0], [0, 0, 1]], "disagreement": [0.5, 0.5, 0]}, "strictly dominates"),
        ({"feasible": lambda u: 1 - u, "disagreement": [0, 0], "domain": (0, math.inf)}, "unbounded"),
        ({"feasible": lambda u: 1 - u, "disagreement": [0, 0]}, "needs domain"),
        ({"feasible": lambda u: 1 - u, "disagreement": [0, 0], "domain": (1, 0)}, "lo < hi"),
        ({"feasible": lambda u: 1 - u, "disagreement": [0, 0], "domain": (0, 1, 2)}, "domain must give"),
        ({"feasible": lambda u: 1 - u, "disagreement": [0, 0], "domain": (0, float("nan"))}, "nan"),
        ({"feasible": lambda u: u, "disagreement": [0, 0], "domain": (0, 1)}, "non-increasing"),
        ({"feasible": lambda u: 1 - math.sqrt(u), "disagreement": [0, -1], "domain": (0, 1)}, "concave"),
        ({"feasible": lambda u: math.log(u), "disagreement": [0, -9], "domain": (0, 1)}, "frontier must"),
        ({"feasible": lambda u: 1 - u, "disagreement": [1, 0], "domain": (0, 1)}, "strictly dominates"),
        ({"feasible": lambda u: 1 - u, "disagreement": [0, 0], "domain": (0, 1), "outcomes": [1]}, "outcomes"),
        ({"feasible": [[1, 0], [0, 1]], "disagreement": [0, 0], "domain": (0, 1)}, "only used with a frontier"),
        ({"feasible": [[1, 0], [0, 1]], "disagreement": [0, 0], "outcomes": ["a"]}, "one label per point"),
    ],
)
def test_problem_errors(kwargs, match):
    with pytest.raises(GameError, match=match):
        BargainingProblem(**kwargs)


def test_weights_errors_and_from_game_errors():
    p = BargainingProblem([[1, 0], [0, 1]], [0, 0])
    with pytest.raises(GameError, match="weights must be positive"):
        nash_solution(p, weights=[1, 0])
    with pytest.raises(GameError, match="one entry per player"):
        nash_solution(p, weights=[1, 1, 1])
    with pytest.raises(GameError, match="'maxmin' or a payoff vector"):
        BargainingProblem.from_game(gt.catalog.prisoners_dilemma(), disagreement="nash")
    with pytest.raises(TypeError, match="NormalFormGame"):
        BargainingProblem.from_game([[1, 2]])


def test_problem_accessors():
    p = BargainingProblem([[1, 0], [0, 1]], [0, 0], outcomes=["a", "b"])
    assert p.outcomes == ("a", "b") and p.frontier is None and p.domain is None
    assert p.exact_points() == ((1, 0), (0, 1)) and "n_points=2" in repr(p)
    q = BargainingProblem(lambda u: 1 - u, [0, 0], domain=(0, 1))
    assert q.points is None and q.exact_points() is None and q.domain == ((0.0, 1.0),)
    assert "frontier" in repr(q) and "nash" in repr(nash_solution(q))


# ---------------------------------------------------------------------- axioms (hypothesis)
@given(point_sets, st.tuples(st.integers(0, 4), st.integers(0, 4)))
def test_nash_pareto_ir_and_lottery(points, d):
    p = make_problem(points, d)
    sol = nash_solution(p)
    assert sol.is_exact
    assert all(x >= di for x, di in zip(sol.exact_payoffs, p.exact_disagreement()))
    assert is_pareto(p.points, sol.payoffs)
    lot = sol.exact_lottery
    assert sum(lot.values()) == 1
    for i in range(2):
        assert sum(pr * p.exact_points()[k][i] for k, pr in lot.items()) == sol.exact_payoffs[i]


@given(point_sets, st.integers(0, 3))
def test_nash_symmetry(points, d):
    sym = list(points) + [(y, x) for x, y in points]
    sol = nash_solution(make_problem(sym, (d, d)))
    assert sol.exact_payoffs[0] == sol.exact_payoffs[1]


@given(point_sets, st.tuples(st.integers(0, 3), st.integers(0, 3)), st.integers(1, 5), st.integers(1, 5),
       st.integers(-5, 5), st.integers(-5, 5))
def test_nash_affine_invariance(points, d, a1, a2, b1, b2):
    p = make_problem(points, d)
    scale = [F(a1, 2), F(a2, 3)]
    shift = [b1, b2]
    q = BargainingProblem([[scale[i] * x[i] + shift[i] for i in range(2)] for x in points],
                          [scale[i] * d[i] + shift[i] for i in range(2)])
    for w in (None, [1, 2]):
        x = nash_solution(p, weights=w).exact_payoffs
        y = nash_solution(q, weights=w).exact_payoffs
        assert y == tuple(scale[i] * x[i] + shift[i] for i in range(2))


@given(point_sets, st.tuples(st.integers(0, 3), st.integers(0, 3)))
def test_nash_iia(points, d):
    # shrinking the set to the outcomes the solution uses (plus d) keeps the solution
    p = make_problem(points, d)
    sol = nash_solution(p)
    support = [points[k] for k in sol.exact_lottery]
    q = make_problem(support, d)
    assert nash_solution(q).exact_payoffs == sol.exact_payoffs


@settings(max_examples=20)
@given(st.lists(st.tuples(coords, coords, coords), min_size=3, max_size=6))
def test_nash_three_players_pareto_ir_and_optimal(points):
    p = make_problem(points, (1, 1, 1))
    sol = nash_solution(p)
    d = p.disagreement
    assert np.all(sol.gains > 0)
    assert is_pareto(p.points, sol.payoffs, tol=1e-7)
    check_lottery(p, sol)
    best = np.sum(np.log(sol.gains))
    rng = np.random.default_rng(0)
    for lam in rng.dirichlet(np.ones(len(points)), size=200):
        g = p.points.T @ lam - d
        if np.all(g > 0):
            assert np.sum(np.log(g)) <= best + 1e-7


def test_three_players_polish_finds_the_optimal_facet():
    # regression: the optimal face was guessed at one fixed tolerance from the SLSQP point, which
    # missed a vertex of the optimal facet; the answer was ~3e-7 off the maximiser.
    pts = np.array([[-1.0409140029895163, 0.9616623510557415, 0.6768146366158471],
                    [-5.124443787296603, -0.8395223867812593, 3.9005584130449718],
                    [-2.190829113660487, 0.9101325523801115, 3.196972944989711],
                    [4.921401357306413, -2.30755189708639, 3.304890255167029]])
    d = np.array([-0.19438994510103705, -0.07217378942132542, 0.6270237536285586])
    w = np.array([3.0, 2.0, 4.0])
    x = nash_solution(BargainingProblem(pts, d), weights=w).payoffs
    nu = w / (x - d)  # optimality certificate: the hyperplane nu . y = nu . x supports the hull
    assert (pts @ nu).max() - nu @ x <= 1e-12 * w.sum()
    np.testing.assert_allclose(x, [0.29927976, 0.07559696, 1.93868543], atol=1e-8)


def test_frontier_that_raises_is_a_game_error():
    with pytest.raises(GameError, match="frontier must return a number"):
        BargainingProblem(lambda u: 1 / (u - 0.5) if u != 0.5 else 1 / 0, [0, 0], domain=(0, 1))
    with pytest.raises(TypeError, match="problem must be a BargainingProblem"):
        nash_solution([[1, 0], [0, 1]])


def test_three_players_polish_survives_a_singular_face_guess():
    # regression: a wide face guess made the Newton system singular (LinAlgError escaped).
    pts = [[7, 4, 5], [6, 6, -1], [-1, 3, 5], [0, 6, -3], [6, 5, 2]]
    for p, w in ((BargainingProblem(pts, [3, 4, 1]), [1, 1, 3]),
                 (BargainingProblem(np.array(pts, dtype=float), [3.0, 4.0, 1.0]), [1.0, 1.0, 3.0])):
        x = nash_solution(p, weights=w).payoffs
        nu = np.array(w, dtype=float) / (x - p.disagreement)
        assert (p.points @ nu).max() - nu @ x <= 1e-12 * sum(w)
