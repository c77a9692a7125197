"""ParametricGame: exact evaluation, vectorized batches, substitution, validation."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt

L, c = sp.symbols("L c")


def make() -> gt.ParametricGame:
    return gt.ParametricGame(
        [[[L - c, -c], [1, 0]], [[1, 2], [L * c, 3]]],
        parameters=[gt.Parameter("L", 1, lower=0, upper=10), gt.Parameter("c", Fraction(1, 2), lower=0)],
        players=["A", "B"],
        strategies=[["x", "y"], ["l", "r"]],
    )


def test_properties():
    pg = make()
    assert pg.n_players == 2 and pg.shape == (2, 2)
    assert set(pg.symbols) == {"L", "c"} and pg.defaults == {"L": 1, "c": Fraction(1, 2)}
    assert pg.parameters["L"].bounds == (0, 10)
    assert pg.payoff_expr("B", ("y", "l")) == pg.symbols["L"] * pg.symbols["c"]


def test_at_exact_and_float():
    pg = make()
    g = pg.at(L=Fraction(7, 3))
    assert g.is_exact and g.exact_payoffs()[0, 0, 0] == Fraction(7, 3) - Fraction(1, 2)
    h = pg.at(L=2.5)
    assert not h.is_exact and h.payoffs[1, 1, 0] == pytest.approx(1.25)
    assert h.players == ("A", "B") and h.strategies[1] == ("l", "r")


@given(st.lists(st.floats(0, 10), min_size=1, max_size=20), st.floats(0, 5))
def test_batch_matches_at_point_by_point(Ls, cval):
    pg = make()
    stack = pg.batch(L=np.array(Ls), c=cval)
    assert stack.shape == (len(Ls), 2, 2, 2)
    for b, x in enumerate(Ls):
        assert np.allclose(stack[b], pg.at(L=x, c=cval).payoffs)


def test_batch_defaults_and_constant_entries():
    pg = make()
    stack = pg.batch(L=[0.0, 1.0, 2.0])
    assert np.all(stack[:, 0, 1, 0] == 1.0)  # a constant entry, broadcast
    assert stack[:, 0, 0, 0].tolist() == [-0.5, 0.5, 1.5]


def test_substitute_keeps_exact_values():
    pg = make().substitute(c=Fraction(1, 3))
    assert sorted(pg.parameters) == ["L"]
    assert pg.payoffs[0, 0, 0] == pg.symbols["L"] - sp.Rational(1, 3)
    assert pg.at(L=1).exact_payoffs()[0, 0, 0] == Fraction(2, 3)


def test_diff():
    d = make().diff("c")
    assert d[1, 1, 0] == sp.Symbol("L", real=True)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda pg: pg.at(X=1), "unknown parameter 'X'"),
        (lambda pg: pg.at(L=11), "parameter 'L': value 11 is above its upper bound 10"),
        (lambda pg: pg.at(L=-1), "below its lower bound"),
        (lambda pg: pg.at(L=float("nan")), "must be finite"),
        (lambda pg: pg.batch(L=[1.0, 20.0]), "above its upper bound"),
        (lambda pg: pg.batch(L=[1.0, 2.0], c=[1.0, 2.0, 3.0]), "one common length"),
        (lambda pg: pg.batch(Z=[1.0]), "unknown parameter 'Z'"),
        (lambda pg: pg.batch(L=[[1.0]]), "must be 1-D"),
        (lambda pg: pg.substitute(Q=1), "unknown parameter 'Q'"),
        (lambda pg: pg.diff("Q"), "unknown parameter 'Q'"),
    ],
)
def test_errors_name_the_parameter(call, match):
    with pytest.raises(gt.GameError, match=match):
        call(make())


def test_construction_errors():
    x = sp.Symbol("x")
    with pytest.raises(gt.GameError, match=r"undeclared parameter\(s\) \['y'\]"):
        gt.ParametricGame([[x + sp.Symbol("y")]], parameters={"x": 1})
    with pytest.raises(gt.GameError, match="duplicate parameter name"):
        gt.ParametricGame([[0]], parameters=[gt.Parameter("x", 1), gt.Parameter("x", 2)])
    with pytest.raises(gt.GameError, match="lower bound 2 exceeds upper bound 1"):
        gt.Parameter("x", 1, lower=2, upper=1)
    with pytest.raises(gt.GameError, match="default 5 is above its upper bound"):
        gt.Parameter("x", 5, upper=1)
    with pytest.raises(gt.GameError, match="identifier"):
        gt.Parameter("not a name", 1)
    with pytest.raises(gt.GameError, match="shape"):
        gt.ParametricGame([[x, 0], [0, 1]], parameters={"x": 1})


def test_non_finite_payoff_names_the_parameter():
    x = sp.Symbol("x")
    pg = gt.ParametricGame([[1 / x, 0], [0, 0]][:1], parameters={"x": 1})
    with pytest.raises(gt.GameError, match=r"not finite at point 1 .*depends on parameter\(s\) \['x'\]"):
        pg.batch(x=[1.0, 0.0])
    with pytest.raises(gt.GameError, match="not finite"):
        pg.at(x=0)


# ----------------------------------------------------------------------------- text and pickling
def test_text_payoffs_equal_sympy_payoffs():
    text = gt.ParametricGame(
        [[["L - c", "-c"], ["1", "0"]], [["1", "2"], ["L*c", "3"]]],
        parameters=[gt.Parameter("L", 1, lower=0, upper=10), gt.Parameter("c", "1/2", lower=0)],
        players=["A", "B"],
        strategies=[["x", "y"], ["l", "r"]],
    )
    assert text == make()
    assert text.parameters["c"].default == Fraction(1, 2)
    assert text.at(L="7/3").exact_payoffs()[0, 0, 0] == Fraction(7, 3) - Fraction(1, 2)
    # text symbols are the game's own (real) symbols: no second symbol of the same name
    assert text.payoffs[1, 1, 0].free_symbols == {text.symbols["L"], text.symbols["c"]}


def test_text_values_are_exact():
    pg = make()
    assert pg.at(L="2.5", c="1e-1").exact_payoffs()[0, 0, 0] == Fraction(12, 5)
    assert pg.substitute(c="1/3").payoffs[0, 0, 0] == pg.symbols["L"] - sp.Rational(1, 3)
    assert gt.Parameter("k", "sqrt(2)", lower="1", upper="3/2").default == sp.sqrt(2)


@given(st.fractions(min_value=0, max_value=10, max_denominator=50))
def test_text_and_fraction_values_agree(v):
    pg = make()
    assert pg.at(L=str(v)).exact_payoffs().tolist() == pg.at(L=v).exact_payoffs().tolist()


def test_pickle_round_trip_after_use():
    import pickle

    pg = make()
    before = pg.batch(L=[0.5, 2.0])  # compiles the numpy function, which is not pickled
    back = pickle.loads(pickle.dumps(pg))
    assert back == pg
    assert not back.payoffs.flags.writeable
    assert np.array_equal(back.batch(L=[0.5, 2.0]), before)
    assert back.at(L=Fraction(7, 3)).exact_payoffs().tolist() == pg.at(L=Fraction(7, 3)).exact_payoffs().tolist()


def test_fix_strategies_removes_the_fixed_players():
    x = sp.Symbol("x")
    # three players, two strategies each; payoff of player i at (a, b, c) = x*i + 4a + 2b + c
    pay = [[[[x * i + 4 * a + 2 * b + c for c in range(2)] for b in range(2)] for a in range(2)] for i in range(3)]
    pg = gt.ParametricGame(pay, parameters={"x": 1}, players=["P", "Q", "R"], strategies=[["a0", "a1"], ["b0", "b1"], ["c0", "c1"]])
    g = pg.fix_strategies({"Q": "b1"})
    assert g.players == ("P", "R") and g.strategies == (("a0", "a1"), ("c0", "c1")) and g.parameters == pg.parameters
    for i, orig in ((0, 0), (1, 2)):
        for a in range(2):
            for c in range(2):
                assert g.payoffs[i, a, c] == pg.payoffs[orig, a, 1, c]
    # indices and names mean the same; fixing all but one player leaves a one-player game
    assert pg.fix_strategies({0: 1, "R": 0}) == pg.fix_strategies({"P": "a1", 2: "c0"})
    solo = pg.fix_strategies({0: 1, 2: 0})
    assert solo.players == ("Q",) and solo.payoffs.tolist() == [[pg.symbols["x"] + 4, pg.symbols["x"] + 6]]
    # it commutes with substitution and evaluation
    assert np.array_equal(g.at(x=3).payoffs, pg.substitute(x=3).fix_strategies({"Q": 1}).at().payoffs)


def test_fix_strategies_rejects_bad_input():
    pg = make()
    with pytest.raises(gt.GameError, match="fix_strategies: unknown player 'C'"):
        pg.fix_strategies({"C": 0})
    with pytest.raises(gt.GameError, match="fix_strategies: unknown strategy 'z'"):
        pg.fix_strategies({"A": "z"})
    with pytest.raises(gt.GameError, match="given twice"):
        pg.fix_strategies({"A": 0, 0: 1})
    with pytest.raises(gt.GameError, match="at least one player must stay free"):
        pg.fix_strategies({"A": 0, "B": 0})
    with pytest.raises(TypeError, match="fixed must be a mapping"):
        pg.fix_strategies([(0, 0)])  # type: ignore[arg-type]
