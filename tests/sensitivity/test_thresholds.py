"""Exact thresholds, 2-D regions and comparative statics (gametheory_af.sensitivity.thresholds, .regions, .comparative_statics)."""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.sensitivity import (
    comparative_statics,
    equilibrium_conditions,
    profile_threshold,
    regions,
    thresholds,
)

x, y, t, L = sp.symbols("x y t L")


def coordination(a: int, b: int) -> gt.ParametricGame:
    """Row gets a*x + b at (0, 0); deviation to row 1 pays 0; column always coordinates."""
    return gt.ParametricGame(
        [[[a * x + b, 0], [0, 1]], [[1, 0], [0, 1]]],
        parameters=[gt.Parameter("x", 0, lower=-100, upper=100)],
    )


def leverage_game() -> gt.ParametricGame:
    return gt.ParametricGame(
        [[[3 + L, 0], [t, 1]], [[3 + L, t], [0, 1]]],
        parameters=[gt.Parameter("L", 0, lower=0, upper=10), gt.Parameter("t", 5, lower=0, upper=20)],
        players=["Row", "Col"],
        strategies=[["C", "D"], ["C", "D"]],
    )


# ---------------------------------------------------------------- known answers
@given(a=st.integers(-5, 5).filter(bool), b=st.integers(-20, 20))
@settings(max_examples=30)
def test_linear_threshold_is_minus_b_over_a_exactly(a: int, b: int) -> None:
    th = profile_threshold(coordination(a, b), (0, 0), "x")
    root = sp.Rational(-b, a)
    if a > 0:
        assert th.status == "above"
        assert th.lower_value == root and th.lower_value.is_Rational
        assert th.lower_binding.player == 0 and th.lower_binding.deviation == 1
        assert th.upper_value is None
    else:
        assert th.status == "below"
        assert th.upper_value == root
        assert th.upper_binding.player == 0
    assert th.contains(root)


def test_threshold_expression_in_fixed_parameters() -> None:
    pg = leverage_game()
    t = pg.symbols["t"]  # declared real
    th = profile_threshold(pg, ("C", "C"), "L", fixed={"t": Fraction(11, 2)})
    assert th.status == "above"
    assert th.lower_value == sp.Rational(5, 2)
    assert sp.simplify(th.lower - (t - 3)) == 0
    assert sp.simplify(th.lower_general - (t - 3)) == 0
    res = thresholds(pg, "L", fixed={"t": 7})
    assert res.values == (4,)
    assert sp.simplify(res.boundaries[0].expression - (t - 3)) == 0
    assert res.boundaries[0].entering == ((0, 0),)
    assert res.intervals[0][2] == ((1, 1),)
    assert res.intervals[1][2] == ((0, 0), (1, 1))
    assert res.equilibria_at(4) == ((0, 0), (1, 1))
    assert res.equilibria_at(Fraction(39, 10)) == ((1, 1),)
    assert "(C, C)" in res.describe()


def test_statuses_always_never_between() -> None:
    pg = gt.ParametricGame(
        [[[1, 0], [x, x - 1]], [[1 - x, 0], [0, 1]]],
        parameters=[gt.Parameter("x", 0, lower=-10, upper=10)],
    )
    # (0, 0): row needs 1 >= x, column needs 1 - x >= 0 -> x <= 1.
    assert profile_threshold(pg, (0, 0), "x").status == "below"
    # (1, 1): row needs x - 1 >= 0; column 1 >= 0.
    assert profile_threshold(pg, (1, 1), "x").status == "above"
    always = gt.ParametricGame([[[1, 0], [0, 0]], [[1, 0], [0, 0]]], parameters={"x": 0})
    assert profile_threshold(always, (0, 0), "x").status == "always"
    assert profile_threshold(always, (0, 1), "x").status == "never"
    band = gt.ParametricGame(
        [[[x, 0], [1, 0]], [[3 - x, 0], [1, 0]]], parameters=[gt.Parameter("x", 0, lower=-5, upper=5)]
    )
    th = profile_threshold(band, (0, 0), "x")
    assert th.status == "between" and (th.lower_value, th.upper_value) == (1, 3)
    assert th.lower_float == 1.0 and th.upper_float == 3.0


def test_nonlinear_condition_gives_union() -> None:
    pg = gt.ParametricGame([[[x**2, 0], [1, 1]], [[1, 0], [0, 1]]], parameters={"x": 0})
    th = profile_threshold(pg, (0, 0), "x")
    assert th.status == "union"
    assert th.contains(2) and th.contains(-1) and not th.contains(0)
    res = thresholds(pg, "x", over=(-3, 3))
    assert res.values == (-1, 1)
    sq = gt.ParametricGame([[[x**2, 0], [2, 1]], [[1, 0], [0, 1]]], parameters=[gt.Parameter("x", 1, lower=0)])
    th = profile_threshold(sq, (0, 0), "x")
    assert th.status == "above" and th.lower_value == sp.sqrt(2)


def test_equilibrium_conditions_by_name() -> None:
    pg = leverage_game()
    conds = equilibrium_conditions(pg, ("C", "D"))
    assert [(c.player, c.deviation) for c in conds] == [(0, 1), (1, 0)]
    assert sp.simplify(conds[0].expression - (0 - 1)) == 0
    assert "Row" in repr(conds[0])


# ---------------------------------------------------------------- errors
def test_errors_name_the_argument() -> None:
    pg = leverage_game()
    with pytest.raises(gt.GameError, match="unknown parameter 'q'"):
        thresholds(pg, "q")
    with pytest.raises(gt.GameError, match="unknown parameter 'z' in fixed"):
        thresholds(pg, "L", fixed={"z": 1})
    with pytest.raises(gt.GameError, match="varied"):
        thresholds(pg, "L", fixed={"L": 1})
    with pytest.raises(gt.GameError, match=r"over=\(-1, 5\) is outside the bounds of 'L'"):
        thresholds(pg, "L", over=(-1, 5))
    with pytest.raises(gt.GameError, match="above its upper bound"):
        thresholds(pg, "L", over=(0, 11))
    with pytest.raises(gt.GameError, match="lo < hi"):
        thresholds(pg, "L", over=(3, 1))
    with pytest.raises(gt.GameError, match="above its upper bound"):
        thresholds(pg, "L", fixed={"t": 50})
    with pytest.raises(gt.GameError, match="unknown strategy 'X'"):
        profile_threshold(pg, ("X", "C"), "L")
    with pytest.raises(gt.GameError, match="one strategy per player"):
        profile_threshold(pg, (0,), "L")
    with pytest.raises(TypeError, match="ParametricGame"):
        thresholds(gt.catalog.prisoners_dilemma(), "L")  # type: ignore[arg-type]
    with pytest.raises(gt.GameError, match="outside over"):
        thresholds(pg, "L").equilibria_at(11)


# ---------------------------------------------------------------- properties
@st.composite
def linear_games(draw: st.DrawFn) -> gt.ParametricGame:
    n = draw(st.integers(2, 3))
    shape = (n,) + (2,) * n
    coef = st.integers(-3, 3)
    pay = np.empty(shape, dtype=object)
    for idx in itertools.product(*(range(s) for s in shape)):
        pay[idx] = draw(coef) * x + draw(coef) * y + draw(coef)
    return gt.ParametricGame(
        pay, parameters=[gt.Parameter("x", 0, lower=-10, upper=10), gt.Parameter("y", 1, lower=-10, upper=10)]
    )


@given(pg=linear_games(), yv=st.integers(-3, 3))
@settings(max_examples=20)
def test_intervals_match_pure_nash_and_brute_force_grid(pg: gt.ParametricGame, yv: int) -> None:
    res = thresholds(pg, "x", fixed={"y": yv}, over=(-5, 5))
    # Equilibria on each interval match pure_nash at its midpoint (exactly evaluated game).
    for lo, hi, eqs in res.intervals:
        mid = (lo + hi) / 2
        game = pg.at(x=Fraction(int(mid.p), int(mid.q)), y=yv)
        assert tuple(e.pure_profile for e in gt.pure_nash(game)) == eqs
    # A brute-force grid through batch + pure_nash_batch agrees inside every interval.
    grid = np.linspace(-5, 5, 401)
    mask = gt.pure_nash_batch(pg.batch(x=grid, y=np.full_like(grid, yv)))
    for lo, hi, eqs in res.intervals:
        inside = (grid > float(lo) + 1e-6) & (grid < float(hi) - 1e-6)
        expected = np.zeros(mask.shape[1:], dtype=bool)
        for e in eqs:
            expected[e] = True
        assert (mask[inside] == expected).all()
    # Each boundary changes the set of equilibria and is exactly where a condition binds.
    for bd in res.boundaries:
        assert bd.entering or bd.leaving
        assert any(c.expression.subs({pg.symbols["x"]: bd.value, pg.symbols["y"]: yv}) == 0 for c in bd.conditions)


# ---------------------------------------------------------------- regions
def test_regions_grid_and_exact_curves() -> None:
    pg = gt.ParametricGame(
        [[[L - y, 0], [1, 1]], [[1, 0], [0, 1]]],
        parameters=[gt.Parameter("L", 0, lower=0, upper=4), gt.Parameter("y", 0, lower=0, upper=2)],
    )
    r = regions(pg, "L", "y", resolution=(41, 21))
    assert r.equilibria.shape == (21, 41, 2, 2)
    assert r.method == "exact+grid" and r.exact
    (bd,) = r.boundaries
    assert bd.solved_for == "y" and sp.simplify(bd.solutions[0] - (pg.symbols["L"] - 1)) == 0
    assert bd.profiles == ((0, 0),)
    XX, YY = np.meshgrid(r.xs, r.ys)
    expected = XX - YY - 1 >= -1e-9
    assert np.array_equal(r.is_equilibrium((0, 0)), expected)
    assert set(r.label_names()) == {"(s2, s2)", "(s1, s1); (s2, s2)"}
    with pytest.raises(gt.GameError, match="different parameters"):
        regions(pg, "L", "L")
    with pytest.raises(gt.GameError, match="resolution"):
        regions(pg, "L", "y", resolution=1)


def test_regions_unsolvable_curve_is_implicit() -> None:
    pg = gt.ParametricGame(
        [[[sp.exp(x) + x * y - 2, 0], [0, 1]], [[1, 0], [0, 1]]],
        parameters=[gt.Parameter("x", 0, lower=0, upper=1), gt.Parameter("y", 0, lower=-1, upper=1)],
    )
    r = regions(pg, "x", "y", resolution=11)
    assert r.boundaries
    # solvable for y (linear in y) -> still closed form
    assert r.boundaries[0].solved_for == "y"


def test_regions_requires_finite_range() -> None:
    pg = gt.ParametricGame([[[x, 0], [0, 1]], [[y, 0], [0, 1]]], parameters={"x": 0, "y": 0})
    with pytest.raises(gt.GameError, match="unbounded"):
        regions(pg, "x", "y")


# ---------------------------------------------------------------- comparative statics
def mixed_game() -> gt.ParametricGame:
    a = sp.Symbol("a")
    return gt.ParametricGame(
        [[[a, -1], [-1, 1]], [[-a, 1], [1, -1]]], parameters=[gt.Parameter("a", 1, lower=0, upper=5)]
    )


def test_comparative_statics_mixed_exact_matches_closed_form() -> None:
    # Both mix p = q = 2 / (a + 3) on their first strategy; row's value (a + 1) q - 1.
    pg = mixed_game()
    half = [Fraction(1, 2), Fraction(1, 2)]
    cs = comparative_statics(pg, (half, half))
    assert cs.exact
    assert cs.d_strategies["a"][1].tolist() == [Fraction(-1, 8), Fraction(1, 8)]
    assert cs.d_strategies["a"][0].tolist() == [Fraction(-1, 8), Fraction(1, 8)]  # symmetric: p = q
    assert cs.d_payoffs["a"].tolist() == [Fraction(1, 4), Fraction(-1, 4)]


def test_comparative_statics_float_matches_finite_differences() -> None:
    pg = mixed_game()
    a0, h = 2.0, 1e-6
    q = lambda a: 2 / (a + 3)  # noqa: E731
    cs = comparative_statics(pg, ([q(a0), 1 - q(a0)], [q(a0), 1 - q(a0)]), at={"a": a0})
    assert not cs.exact
    fd = (q(a0 + h) - q(a0 - h)) / (2 * h)
    assert cs.d_strategies["a"][1][0] == pytest.approx(fd, rel=1e-6)
    v = lambda a: (a + 1) * q(a) - 1  # noqa: E731
    assert cs.d_payoffs["a"][0] == pytest.approx((v(a0 + h) - v(a0 - h)) / (2 * h), rel=1e-6)


def test_comparative_statics_from_solver_equilibrium_and_pure() -> None:
    pg = gt.ParametricGame(
        [[[3 + 2 * L, 0], [1, 1]], [[3, 1], [0, 1]]], parameters=[gt.Parameter("L", 1, lower=0)]
    )
    eq = gt.pure_nash(pg.at(L=1)).equilibria[0]
    cs = comparative_statics(pg, eq)
    assert cs.d_payoffs["L"].tolist() == [2, 0]
    assert all(v == 0 for v in cs.d_strategies["L"][0])


def test_comparative_statics_errors_and_warnings() -> None:
    pg = mixed_game()
    with pytest.raises(gt.GameError, match="not an equilibrium"):
        comparative_statics(pg, (0, 0))
    with pytest.raises(gt.GameError, match="unknown parameter"):
        comparative_statics(pg, (0, 0), at={"b": 1})
    weak = gt.ParametricGame([[[x, 1], [1, 1]], [[1, 1], [1, 1]]], parameters={"x": 1})
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        comparative_statics(weak, (0, 0))
    assert any(issubclass(m.category, gt.DegenerateGameWarning) for m in w)
    # A totally mixed profile of a game where everyone is indifferent everywhere is not regular.
    flat = gt.ParametricGame([[[x, x], [x, x]], [[0, 0], [0, 0]]], parameters={"x": 1})
    half = [Fraction(1, 2), Fraction(1, 2)]
    with pytest.raises(gt.GameError, match="not regular"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        comparative_statics(flat, (half, half))
