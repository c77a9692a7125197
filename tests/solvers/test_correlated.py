"""Correlated equilibria: known answers (chicken, matching pennies), Nash products, invariance, exact vs float."""

from __future__ import annotations

import json
import pickle
import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.exceptions import GameWarning
from gametheory_af.solvers.correlated import (
    CorrelatedResult,
    correlated_equilibria,
    correlation_gains,
    exact_lp_solution,
    is_correlated,
)
from tests.strategies import games

# The textbook chicken (Aumann 1974; e.g. Osborne and Rubinstein 1994): strategies (Chicken, Dare),
# payoffs (C,C) = (6,6), (C,D) = (2,7), (D,C) = (7,2), (D,D) = (0,0).
TEXTBOOK = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
THIRDS = [[F(1, 3), F(1, 3)], [F(1, 3), F(0)]]


def _product(profile: tuple[np.ndarray, ...]) -> np.ndarray:
    out = np.ones(())
    for x in profile:
        out = np.multiply.outer(out, np.asarray(x, dtype=np.float64))
    return out


def _sets_equal(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    key = lambda v: tuple(np.round(np.asarray(v, dtype=np.float64).ravel(), 9).tolist())  # noqa: E731
    return sorted(map(key, a)) == sorted(map(key, b))


# ---------------------------------------------------------------------------- chicken
def test_textbook_chicken_thirds_is_correlated_with_payoffs_five():
    assert correlation_gains(TEXTBOOK, THIRDS, exact=True).tolist() == [0, 0]
    assert is_correlated(TEXTBOOK, np.array(THIRDS, dtype=float))
    p = np.array(THIRDS, dtype=float)
    assert (TEXTBOOK.payoffs * p).sum(axis=(1, 2)) == pytest.approx([5.0, 5.0])


def test_textbook_chicken_welfare_maximum_exact():
    res = correlated_equilibria(TEXTBOOK, exact=True)
    assert res.exact is not None
    assert res.exact[0].tolist() == [[F(1, 2), F(1, 4)], [F(1, 4), F(0)]]
    assert res.payoffs[0].tolist() == [5.25, 5.25]
    assert res.value == pytest.approx(10.5)
    assert res.gains.tolist() == [[0.0, 0.0]]
    assert res.method == "linprog-highs" and res.objective == "welfare" and res.complete


def test_textbook_chicken_vertices():
    res = correlated_equilibria(TEXTBOOK, objective="extreme", exact=True)
    expected = [
        [[F(1, 2), F(1, 4)], [F(1, 4), 0]],  # welfare maximum
        [[F(4, 9), F(2, 9)], [F(2, 9), F(1, 9)]],  # the mixed Nash equilibrium (2/3, 1/3) each
        [[0, 1], [0, 0]],
        [[0, 0], [1, 0]],  # the pure Nash equilibria
        [[0, F(2, 5)], [F(2, 5), F(1, 5)]],  # the worst symmetric one, payoffs 18/5 each
    ]
    assert res.complete and len(res) == 5
    got = sorted(tuple(e.ravel().tolist()) for e in res.exact or ())
    assert got == sorted(tuple(F(x) for row in v for x in row) for v in expected)


def test_catalog_chicken_exact_answers():
    # catalog chicken: (Swerve, Straight); (S,S) = (0,0), (S,T) = (-1,1), (T,S) = (1,-1), (T,T) = (-10,-10).
    # Incentives with p = (a, b, c, d) on (SS, ST, TS, TT): a <= 9b, a <= 9c, 9d <= b, 9d <= c.
    g = gt.catalog.chicken()
    assert correlation_gains(g, THIRDS, exact=True).tolist() == [0, 0]
    assert (g.payoffs * np.array(THIRDS, dtype=float)).sum(axis=(1, 2)).tolist() == [0.0, 0.0]
    # Welfare is -20 d: every correlated equilibrium with d = 0 is a maximiser, of welfare 0.
    res = correlated_equilibria(g, exact=True)
    assert res.value == 0.0 and res.exact is not None and res.exact[0][1, 1] == 0
    ext = correlated_equilibria(g, objective="extreme", exact=True)
    got = sorted(tuple(e.ravel().tolist()) for e in ext.exact or ())
    expected = [
        (F(9, 11), F(1, 11), F(1, 11), F(0)),
        (F(81, 100), F(9, 100), F(9, 100), F(1, 100)),  # the mixed Nash equilibrium, swerve 9/10
        (F(0), F(1), F(0), F(0)),
        (F(0), F(0), F(1), F(0)),
        (F(0), F(9, 19), F(9, 19), F(1, 19)),
    ]
    assert got == sorted(expected)
    # player 0's best correlated equilibrium is her pure Nash equilibrium (Straight, Swerve)
    best = correlated_equilibria(g, objective=[1, 0], exact=True)
    assert best.exact is not None and best.exact[0].tolist() == [[0, 0], [1, 0]]
    assert best.objective == (1, 0)


# ---------------------------------------------------------------------------- matching pennies: a unique CE
def test_matching_pennies_unique_correlated_equilibrium():
    g = gt.catalog.matching_pennies()
    ext = correlated_equilibria(g, objective="extreme", exact=True)
    assert ext.exact is not None and len(ext) == 1
    assert ext.exact[0].tolist() == [[F(1, 4)] * 2] * 2
    for w in ([1, 0], [0, 1], [-1, 2]):
        res = correlated_equilibria(g, objective=w)
        np.testing.assert_allclose(res.distributions[0], 0.25, atol=1e-9)


def test_rock_paper_scissors_unique_correlated_equilibrium():
    g = gt.catalog.rock_paper_scissors()
    ext = correlated_equilibria(g, objective="extreme", exact=True)
    assert ext.exact is not None and len(ext) == 1
    assert ext.exact[0].tolist() == [[F(1, 9)] * 3] * 3


# ---------------------------------------------------------------------------- the certificate
def test_gains_of_a_pure_profile_are_its_regrets():
    g = gt.catalog.prisoners_dilemma()
    for a in np.ndindex(*g.shape):
        p = np.zeros(g.shape)
        p[a] = 1.0
        # at a point mass the only recommendation is a_i: the gains are the pure profile's regrets
        np.testing.assert_allclose(correlation_gains(g, p), gt.profiles.regrets(g, list(a)), atol=1e-12)
    assert is_correlated(g, [[0, 0], [0, 1]]) and not is_correlated(g, [[1, 0], [0, 0]])


def test_gains_exact_and_float_agree_and_tolerance_is_relative():
    rng = np.random.default_rng(3)
    g = gt.NormalFormGame(rng.integers(-4, 5, (3, 2, 3, 2)))
    w = rng.integers(1, 6, g.shape)
    p_exact = np.vectorize(lambda x: F(int(x), int(w.sum())), otypes=[object])(w)
    exact = correlation_gains(g, p_exact, exact=True)
    np.testing.assert_allclose(correlation_gains(g, w / w.sum()), [float(x) for x in exact], atol=1e-12)
    big = gt.NormalFormGame(g.payoffs * 1e6)
    p = w / w.sum()
    assert is_correlated(big, p, tol=1.0) and is_correlated(g, p, tol=1.0)
    rel = correlation_gains(g, p) / gt._tolerance.payoff_ranges(g.payoffs)
    rel_big = correlation_gains(big, p) / gt._tolerance.payoff_ranges(big.payoffs)
    np.testing.assert_allclose(rel, rel_big, rtol=1e-9)
    t = float(rel.max())
    if t > 0:
        assert is_correlated(big, p, tol=t * 1.01) and not is_correlated(big, p, tol=t * 0.99)


# ---------------------------------------------------------------------------- properties
@given(games(min_players=2, max_players=3, max_strategies=3, integer=True))
def test_every_nash_equilibrium_is_correlated(game):
    res = gt.nash_equilibria(game)
    for eq in res:
        p = _product(eq.profile)
        assert is_correlated(game, p, tol=1e-7)


@given(games(min_players=2, max_players=3, max_strategies=3, integer=True))
def test_welfare_maximum_is_at_least_best_nash_welfare_and_is_certified(game):
    res = correlated_equilibria(game)
    assert res.complete and len(res) == 1
    p = res.distributions[0]
    assert p.shape == game.shape and (p >= 0).all() and p.sum() == pytest.approx(1.0)
    assert is_correlated(game, p)
    assert res.value == pytest.approx(float(res.payoffs[0].sum()), abs=1e-9)
    nash = gt.nash_equilibria(game)
    span = float(np.abs(game.payoffs).max()) + 1.0
    for eq in nash:
        assert res.value >= float(np.sum(eq.payoffs)) - 1e-7 * span


@given(games(min_players=2, max_players=3, max_strategies=3, integer=True), st.data())
def test_exact_agrees_with_float(game, data):
    w = data.draw(st.lists(st.integers(-2, 3), min_size=game.n_players, max_size=game.n_players))
    fl = correlated_equilibria(game, objective=w)
    ex = correlated_equilibria(game, objective=w, exact=True)
    assert ex.exact is not None and ex.complete
    assert correlation_gains(game, ex.exact[0], exact=True).tolist() == [0] * game.n_players
    span = float(np.abs(game.payoffs).max()) + 1.0
    assert ex.value == pytest.approx(fl.value, abs=1e-8 * span)


@given(
    games(min_players=2, max_players=2, max_strategies=3, integer=True),
    st.lists(st.integers(1, 5), min_size=2, max_size=2),
    st.lists(st.integers(-5, 5), min_size=2, max_size=2),
)
def test_polytope_invariant_under_affine_payoff_changes(game, scale, shift):
    if np.prod(game.shape) > 9:
        return
    u = game.payoffs * np.array(scale, dtype=float).reshape(2, 1, 1) + np.array(shift, dtype=float).reshape(2, 1, 1)
    other = gt.NormalFormGame(u)
    a = correlated_equilibria(game, objective="extreme", exact=True)
    b = correlated_equilibria(other, objective="extreme", exact=True)
    assert a.exact is not None and b.exact is not None
    assert sorted(tuple(e.ravel().tolist()) for e in a.exact) == sorted(tuple(e.ravel().tolist()) for e in b.exact)
    # and so is the feasibility of every distribution
    for e in a.exact:
        assert correlation_gains(other, e, exact=True).tolist() == [0, 0]


def test_three_player_vertices_contain_the_nash_equilibria():
    rng = np.random.default_rng(1)
    g = gt.NormalFormGame(rng.standard_normal((3, 2, 2, 2)))
    ext = correlated_equilibria(g, objective="extreme")
    assert ext.complete and len(ext) == 14
    assert all(is_correlated(g, d) for d in ext.distributions)
    # the welfare maximum is a vertex
    best = correlated_equilibria(g)
    assert min(np.abs(best.distributions[0] - d).max() for d in ext.distributions) < 1e-9
    # pure Nash equilibria are vertices of the polytope
    for eq in gt.pure_nash(g):
        assert min(np.abs(_product(eq.profile) - d).max() for d in ext.distributions) < 1e-9


def test_max_vertices_cuts_with_a_warning():
    with pytest.warns(GameWarning, match="max_vertices=2"):
        res = correlated_equilibria(TEXTBOOK, objective="extreme", max_vertices=2)
    assert not res.complete and len(res) == 2


def test_exact_extreme_matches_float():
    fl = correlated_equilibria(TEXTBOOK, objective="extreme")
    ex = correlated_equilibria(TEXTBOOK, objective="extreme", exact=True)
    assert _sets_equal(list(fl.distributions), list(ex.distributions))
    assert fl.exact is None and ex.gains.max() == 0.0


def test_game_with_an_indifferent_player():
    g = gt.NormalFormGame.from_bimatrix([[1, 1], [1, 1]], [[2, 0], [0, 1]])
    res = correlated_equilibria(g, exact=True)
    assert res.exact is not None and res.value == 3.0
    ext = correlated_equilibria(g, objective="extreme")
    assert all(is_correlated(g, d) for d in ext.distributions)


def test_one_strategy_each():
    g = gt.NormalFormGame(np.array([[[3.0]], [[4.0]]]))
    res = correlated_equilibria(g, exact=True)
    assert res.distributions[0].tolist() == [[1.0]] and res.value == 7.0
    assert correlated_equilibria(g, objective="extreme").distributions[0].tolist() == [[1.0]]


# ---------------------------------------------------------------------------- the result
def test_result_value_semantics_and_json():
    res = correlated_equilibria(TEXTBOOK, exact=True)
    assert pickle.loads(pickle.dumps(res)) == res
    assert res == correlated_equilibria(TEXTBOOK, exact=True)
    assert res != correlated_equilibria(TEXTBOOK)
    assert not res.distributions[0].flags.writeable
    assert hash(res) == hash(correlated_equilibria(TEXTBOOK, exact=True))
    d = res.to_dict()
    json.dumps(d, allow_nan=False)
    assert d["exact"] == [[["1/2", "1/4"], ["1/4", "0"]]] and d["value"] == 10.5 and d["shape"] == [2, 2]
    assert "CorrelatedResult(method='linprog-highs'" in repr(res)
    assert res.describe() == ["(s1, s1): 1/2; (s1, s2): 1/4; (s2, s1): 1/4 -> payoffs (5.25, 5.25)"]
    assert correlated_equilibria(TEXTBOOK).describe(digits=2) == ["(s1, s1): 0.5; (s1, s2): 0.25; (s2, s1): 0.25 -> payoffs (5.2, 5.2)"]
    assert isinstance(res, CorrelatedResult) and res.max_gain == 0.0
    empty = CorrelatedResult((), np.zeros((0, 2)), np.zeros((0, 2)), None, "extreme", False, "vertex-enumeration", TEXTBOOK)
    assert np.isnan(empty.max_gain) and empty.to_dict()["exact"] is None


def test_exact_lp_solution_returns_none_when_nothing_verifies():
    obj = np.vectorize(F, otypes=[object])
    # max x0 s.t. x0 + x1 = 1: the float "optimum" (0, 1) is wrong; its active sets cannot verify.
    out = exact_lp_solution(
        obj(np.array([1, 0])), obj(np.zeros((0, 2), dtype=int)), obj(np.zeros(0, dtype=int)), obj(np.array([[1, 1]])),
        obj(np.array([1])), np.array([0.0, 1.0]), np.zeros(0), np.array([0.0]), np.array([1.0, 0.0]),
    )
    assert out is None
    # a float answer with both variables in the support: its dual equations mu = 1, mu = 2 are inconsistent
    assert exact_lp_solution(
        obj(np.array([1, 2])), obj(np.zeros((0, 2), dtype=int)), obj(np.zeros(0, dtype=int)), obj(np.array([[1, 1]])),
        obj(np.array([1])), np.array([0.5, 0.5]), np.zeros(0), np.array([1.5]), np.array([0.0, 0.0]),
    ) is None
    # a float answer with an empty support reads nothing
    assert exact_lp_solution(
        obj(np.array([1, 0])), obj(np.zeros((0, 2), dtype=int)), obj(np.zeros(0, dtype=int)), obj(np.array([[1, 1]])),
        obj(np.array([1])), np.array([0.0, 0.0]), np.zeros(0), np.array([0.0]), np.array([1.0, 0.0]),
    ) is None


def test_no_warning_on_ordinary_games():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        correlated_equilibria(gt.catalog.battle_of_the_sexes(), objective="extreme", exact=True)


def test_verify_lp_rejects_each_kind_of_failure():
    from gametheory_af.solvers.correlated import _verify_lp

    obj = np.vectorize(F, otypes=[object])
    # max x0 + x1  s.t.  x0 - x1 <= 0,  x0 + x1 = 1,  x >= 0: optimum value 1, e.g. x = (1/2, 1/2), lam = 0, mu = 1
    c, A_ub, b_ub, A_eq, b_eq = obj(np.array([1, 1])), obj(np.array([[1, -1]])), obj(np.array([0])), obj(np.array([[1, 1]])), obj(np.array([1]))
    half = obj(np.array([1, 1])) / 2
    good = (half, obj(np.array([0])), obj(np.array([1])))
    assert _verify_lp(c, A_ub, b_ub, A_eq, b_eq, *good)
    assert not _verify_lp(c, A_ub, b_ub, A_eq, b_eq, obj(np.array([-1, 2])), good[1], good[2])  # x < 0
    assert not _verify_lp(c, A_ub, b_ub, A_eq, b_eq, half, obj(np.array([-1])), good[2])  # lam < 0
    assert not _verify_lp(c, A_ub, b_ub, A_eq, b_eq, obj(np.array([1, 1])), good[1], good[2])  # sum 2
    assert not _verify_lp(c, A_ub, b_ub, A_eq, b_eq, obj(np.array([1, 0])), good[1], good[2])  # x0 - x1 > 0
    assert not _verify_lp(c, A_ub, b_ub, A_eq, b_eq, half, good[1], obj(np.array([0])))  # dual infeasible
    assert not _verify_lp(c, A_ub, b_ub, A_eq, b_eq, half, good[1], obj(np.array([2])))  # duality gap


def test_exact_vertex_refuses_a_point_that_is_no_vertex():
    from gametheory_af.solvers.correlated import _exact_vertex, _incentive_rows

    G = _incentive_rows(TEXTBOOK, TEXTBOOK.payoffs)
    H = np.concatenate([-np.eye(4), G])
    Hx = np.vectorize(F, otypes=[object])(H.astype(int))
    assert _exact_vertex(Hx, H, np.array(THIRDS, dtype=float).ravel()) is None  # an interior point of a face
    v = _exact_vertex(Hx, H, np.array([0.5, 0.25, 0.25, 0.0]))
    assert v is not None and v.tolist() == [F(1, 2), F(1, 4), F(1, 4), 0]
