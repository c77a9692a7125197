"""Bad input to ParametricGame, Parameter and the safe expression reader: refused, naming the argument and the value."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import gametheory_af as gt
from gametheory_af._expr import parse_expression, to_expr

from ._check import case, run_case

GE = gt.GameError
x = sp.Symbol("x")


def game(entry):
    return gt.ParametricGame([[[entry]], [[1]]], parameters={"x": 1})


def pg():
    return gt.ParametricGame([[["x"]], [[1]]], parameters=[gt.Parameter("x", 0, lower=0, upper=1)])


P0 = "payoffs[0, 0, 0]"

CASES = [
    # ---- payoff text: nothing but arithmetic of the declared parameters
    case(lambda: game("__import__('os').system('echo PWNED')"), GE, (P0, "__import__", "position 0"), id="dunder-import"),
    case(lambda: game("x.real"), GE, (P0, "'.'", "position 1"), id="attribute-access"),
    case(lambda: game("().__class__"), GE, (P0, "'.'"), id="class-attribute"),
    case(lambda: game("x[0]"), GE, (P0, "'['", "position 1"), id="subscript"),
    case(lambda: game("lambda: 0"), GE, (P0, "lambda", "position 0"), id="lambda"),
    case(lambda: game("import os"), GE, (P0, "import"), id="import"),
    case(lambda: game("exec('1')"), GE, (P0, "exec"), id="exec"),
    case(lambda: game("getattr(x)"), GE, (P0, "getattr"), id="getattr"),
    case(lambda: game("f'{x}'"), GE, (P0, "position 1"), id="f-string"),
    case(lambda: game("y + 1"), GE, (P0, "'y'", "position 0"), id="undeclared-name"),
    case(lambda: game("1, 2"), GE, (P0, "','"), id="comma-outside-call"),
    case(lambda: game("\u0445 + 1"), GE, (P0, "U+0445"), id="unicode-look-alike"),
    case(lambda: game("\uff11"), GE, (P0, "U+FF11"), id="fullwidth-digit"),
    case(lambda: game("2x"), GE, (P0, "'2x'"), id="malformed-number"),
    case(lambda: game(""), GE, (P0, "empty"), id="empty-text"),
    case(lambda: game("x +"), GE, (P0, "'x +'", "ends too early"), id="truncated"),
    case(lambda: game("(x"), GE, (P0, "expected ')'"), id="unbalanced-paren"),
    case(lambda: game("exp(1, 2)"), GE, (P0, "exp()", "got 2"), id="wrong-arity"),
    case(lambda: game("exp"), GE, (P0, "'exp'", "must be called"), id="function-not-called"),
    case(lambda: game("1e99999999"), GE, (P0, "1e99999999", "max_exponent"), id="huge-exponent"),
    case(lambda: game("1" * 5000), GE, (P0, "5,000 digits"), id="too-many-digits"),
    case(lambda: game("9**9**9**9"), GE, (P0, "387420489"), id="power-tower"),
    case(lambda: game("2**10**10**10"), GE, (P0, "10000000000"), id="power-tower-10"),
    case(lambda: game("x**20000"), GE, (P0, "20000", "10,000"), id="symbolic-power"),
    case(lambda: game("10**5000"), GE, (P0, "10**5000", "5,000 digits"), id="huge-power"),
    case(lambda: game("(" * 101 + "x" + ")" * 101), GE, (P0, "nesting deeper than 100"), id="deep-nesting"),
    case(lambda: game("(" * 10**6), GE, (P0, "1,000,000 characters", "100,000"), id="too-long"),
    case(lambda: game("1/0"), GE, (P0, "zoo"), id="division-by-zero"),
    case(lambda: game(float("nan")), GE, (P0, "nan"), id="nan-payoff"),
    case(lambda: game(float("inf")), GE, (P0, "oo"), id="inf-payoff"),
    case(lambda: game(True), TypeError, (P0, "True", "bool"), id="bool-payoff"),
    case(lambda: game(None), TypeError, (P0, "None"), id="none-payoff"),
    case(lambda: game(b"1"), TypeError, (P0, "b'1'", "bytes"), id="bytes-payoff"),
    case(lambda: game(1j), TypeError, (P0, "1j", "complex"), id="complex-payoff"),
    case(lambda: game(sp.Eq(x, 1)), GE, (P0, "Equality"), id="relational-payoff"),
    case(lambda: game(x + sp.Symbol("z")), GE, (P0, "'z'"), id="undeclared-sympy-symbol"),
    case(lambda: gt.ParametricGame([[["x"]], [[1]]], parameters=5), GE, ("parameters", "int"), id="parameters-not-a-mapping"),
    # ---- Parameter: name, default, bounds
    case(lambda: gt.Parameter("x", "1e99999999"), GE, ("default", "1e99999999"), id="param-default-huge"),
    case(lambda: gt.Parameter("x", "abc"), GE, ("default", "'abc'", "'abc'"), id="param-default-text"),
    case(lambda: gt.Parameter("x", "1/0"), GE, ("default", "'1/0'", "zoo"), id="param-default-zoo"),
    case(lambda: gt.Parameter("x", "__import__('os')"), GE, ("default", "__import__"), id="param-default-exploit"),
    case(lambda: gt.Parameter("x", True), GE, ("default", "True"), id="param-default-bool"),
    case(lambda: gt.Parameter("x", float("nan")), GE, ("default", "nan"), id="param-default-nan"),
    case(lambda: gt.Parameter("x", 1, lower="2"), GE, ("default", "1", "lower bound 2"), id="param-below-text-lower"),
    case(lambda: gt.Parameter("x", 0, upper="1e400"), GE, ("upper", "1e400"), id="param-upper-beyond-limit"),
    case(lambda: gt.Parameter("__class__", 1), GE, ("name", "__class__"), id="param-dunder-name"),
    case(lambda: gt.Parameter("not a name", 1), GE, ("name", "not a name"), id="param-bad-name"),
    case(lambda: gt.Parameter("x", 1, description=5), TypeError, ("description", "5", "int"), id="param-description-type"),
    case(lambda: gt.Parameter("x", 1, unit=None), TypeError, ("unit", "None"), id="param-unit-type"),
    # ---- values at evaluation
    case(lambda: pg().at(x="__import__('os')"), GE, ("'x'", "__import__"), id="at-exploit"),
    case(lambda: pg().at(x="1e99999999"), GE, ("'x'", "1e99999999"), id="at-huge-text"),
    case(lambda: pg().at(x="5"), GE, ("'x'", "5", "upper bound 1"), id="at-text-out-of-bounds"),
    case(lambda: pg().at(x=True), GE, ("'x'", "True"), id="at-bool"),
    case(lambda: pg().at(y=1), GE, ("'y'",), id="at-unknown"),
    case(lambda: pg().substitute(x="1e-99999999"), GE, ("'x'", "1e-99999999"), id="substitute-huge-text"),
    case(lambda: pg().batch(x="0.5"), GE, ("'x'", "'0.5'", "text"), id="batch-text"),
    case(lambda: pg().batch(x=["0.1", "0.2"]), GE, ("'x'", "0.1", "text"), id="batch-text-array"),
    case(lambda: pg().batch(x=np.array(["1e999"], dtype=object)), GE, ("'x'", "1e999"), id="batch-object-text"),
    case(lambda: pg().batch(x=[0.5, 2.0]), GE, ("'x'", "2.0", "upper bound"), id="batch-out-of-bounds"),
    case(lambda: pg().diff("y"), GE, ("'y'",), id="diff-unknown"),
    # ---- the reader itself
    case(lambda: parse_expression(5), TypeError, ("expression", "5", "int"), id="reader-not-text"),
    case(lambda: to_expr(object(), name="value"), TypeError, ("value", "object"), id="reader-object"),
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)
