"""Text never executes: every path from a string to a number or an expression goes through the safe reader.

``sympy.sympify`` evaluates Python; ``Fraction('1e99999999')`` computes 10^99999999. These tests feed
both kinds of text to every entry point that takes text (ParametricGame payoffs, Parameter values,
at(), the flagship's Parameters and scenario files) and check that each is refused with a GameError
and has no side effect, and that the safe parser agrees with exact Fraction arithmetic.
"""

from __future__ import annotations

import builtins
import os
import subprocess
from fractions import Fraction
from typing import Any

import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af import _expr
from gametheory_af._expr import MAX_DEPTH, parse_expression
from gametheory_af.scenarios import afghanistan as af


@pytest.fixture
def no_execution(monkeypatch, tmp_path):
    """Record any attempt to run a command or evaluate text while the test body runs."""
    calls: list[Any] = []

    def refuse(name):
        def _f(*args, **kwargs):
            calls.append((name, args))
            raise AssertionError(f"{name} was called with {args!r}")

        return _f

    monkeypatch.setattr(os, "system", refuse("os.system"))
    monkeypatch.setattr(os, "popen", refuse("os.popen"))
    monkeypatch.setattr(subprocess, "Popen", refuse("subprocess.Popen"))
    import sympy.parsing.sympy_parser as sympy_parser

    monkeypatch.setattr(sympy_parser, "parse_expr", refuse("sympy parse_expr"))
    sentinel = tmp_path / "PWNED"
    yield calls, sentinel
    assert not calls, f"something tried to execute: {calls!r}"
    assert not sentinel.exists()


def _payloads(sentinel: os.PathLike) -> list[str]:
    touch = f"touch {sentinel}"
    return [
        f"__import__('os').system('{touch}')",
        "__import__('os')",
        "().__class__.__bases__[0].__subclasses__()",
        "x.__class__",
        "x.real",
        "lambda: 0",
        "(lambda: 0)()",
        "import os",
        f"exec(\"import os; os.system('{touch}')\")",
        f"eval(\"__import__('os').system('{touch}')\")",
        "getattr(x, 'real')",
        "open('/etc/passwd')",
        "compile('1', 'f', 'eval')",
        "x[0]",
        "[1, 2]",
        "{1: 2}",
        "f'{x}'",
        "'text'",
        "b'1'",
        "x if x else 1",
        "x == 1",
        "x = 1",
        "x; 1",
        "x @ x",
        "1, 2",
        "Symbol('y')",
        "sympify('1')",
        "S.Zero",
        "Integer(1)",
        "globals()",
        "\u0445 + 1",  # a Cyrillic look-alike of x
        "\uff11",  # a full-width digit one
        "x\u00a0+ 1",  # a no-break space
        "\\x41",
        "1_000",
        "0x10",
        "1j",
        "nan",
        "oo",
        "E",
        "pi",
        "",
        "   ",
    ]


def test_the_reported_exploit_is_refused(no_execution):
    calls, sentinel = no_execution
    with pytest.raises(gt.GameError, match="__import__"):
        gt.ParametricGame([[[f"__import__('os').system('touch {sentinel}')"]], [[1]]], parameters={"a": 1})
    with pytest.raises(gt.GameError, match="__import__"):
        gt.ParametricGame([[["__import__('os').system('echo PWNED')"]], [[1]]], parameters={"a": 1})


def test_every_payload_is_refused_everywhere(no_execution):
    calls, sentinel = no_execution
    x = gt.Parameter("x", 1)
    for text in _payloads(sentinel):
        with pytest.raises(gt.GameError):
            parse_expression(text, ["x"])
        with pytest.raises(gt.GameError):
            gt.ParametricGame([[[text]], [[1]]], parameters=[x])
        with pytest.raises(gt.GameError):
            gt.Parameter("y", text)
        pg = gt.ParametricGame([[["x"]], [[1]]], parameters=[x])
        with pytest.raises(gt.GameError):
            pg.at(x=text)
        with pytest.raises(gt.GameError):
            pg.substitute(x=text)
        with pytest.raises(gt.GameError):
            af.Parameters(leverage=text)
        with pytest.raises(gt.GameError):
            af.Parameters.from_toml(f"leverage = {_toml_string(text)}\n")


def _toml_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_messages_name_the_token_and_its_position():
    with pytest.raises(gt.GameError, match=r"attribute access '\.' at position 1"):
        parse_expression("x.real", ["x"])
    with pytest.raises(gt.GameError, match=r"Python keyword 'lambda' is not allowed at position 0"):
        parse_expression("lambda: 0")
    with pytest.raises(gt.GameError, match=r"unknown name 'getattr' .* at position 0"):
        parse_expression("getattr(x)", ["x"])
    with pytest.raises(gt.GameError, match=r"unknown name 'y' .*declared parameters: \['x'\].* at position 4"):
        parse_expression("x + y", ["x"])
    with pytest.raises(gt.GameError, match=r"U\+0445, not ASCII\) at position 0"):
        parse_expression("\u0445", ["x"])
    with pytest.raises(gt.GameError, match=r"unexpected ',' at position 1"):
        parse_expression("1,2")
    with pytest.raises(gt.GameError, match=r"payoffs\[0, 0, 0\]"):
        gt.ParametricGame([[["x[0]"]], [[1]]], parameters={"x": 1})


def test_nesting_is_bounded_without_recursion_error():
    assert parse_expression("(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH, ["x"]) == sp.Symbol("x")
    for text in (
        "(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1),
        "(" * 10**4 + "x" + ")" * 10**4,
        "-" * 10**4 + "1",
        "exp(" * 10**4 + "1" + ")" * 10**4,
        "2**" * 10**4 + "1",
    ):
        with pytest.raises(gt.GameError, match="nesting deeper than 100 levels"):
            parse_expression(text, ["x"])
    with pytest.raises(gt.GameError, match="over the limit of 100,000"):
        parse_expression("(" * 10**6, ["x"])


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("9**9**9**9", "exponent 387420489"),
        ("2**10**10**10", "exponent 10000000000"),
        ("2^10^10^10", "exponent 10000000000"),
        ("x**10001", "exponent 10001"),
        ("x**(1/10001)", "exponent 1/10001"),
        ("((x+1)**100)**101", "exponent beyond the limit"),
        ("10**5000", "about 5,000 digits"),
        ("(1/7)**6000", "(1/7)**6000 would have about 5,071 digits"),
        ("(3*x)**9999", "digits"),
        ("10**4000*10**4000", "about 8,000 digits"),
        ("1e99999999", "decimal exponent of 99,999,999"),
        ("1e-99999999", "decimal exponent of -99,999,999"),
        ("1" * 5000, "5,000 digits"),
        ("0." + "1" * 5000, "5,001 digits"),
    ],
)
def test_numbers_and_powers_are_bounded(text, fragment):
    with pytest.raises(gt.GameError) as info:
        parse_expression(text, ["x"])
    assert fragment in str(info.value)


def test_limits_are_configurable():
    with gt.limits(max_digits=10):
        with pytest.raises(gt.GameError, match="max_digits=10"):
            parse_expression("2**64")
    assert parse_expression("2**64") == 2**64


def test_bounded_numbers_in_every_text_path(tmp_path):
    for call in (
        lambda: af.Parameters(leverage="1e-99999999"),
        lambda: af.Parameters().replace(leverage="1e99999999"),
        lambda: af.model(leverage="1e-99999999"),
        lambda: af.model().split(leverage="1e-99999999"),
        lambda: af.Parameters.from_toml('leverage = "1e-99999999"\n'),
        lambda: gt.Parameter("x", "1e99999999"),
        lambda: gt.ParametricGame([[["1e-99999999"]], [[1]]], parameters={"x": 1}),
        lambda: gt.ParametricGame([[["x"]], [[1]]], parameters={"x": 1}).at(x="1e99999999"),
    ):
        with pytest.raises(gt.GameError, match="decimal exponent"):
            call()
    # A huge float literal in TOML is read by tomllib as inf: refused as not finite.
    with pytest.raises(gt.GameError, match="leverage must be finite"):
        af.Parameters.from_toml("leverage = 1e99999\n")
    # The command-line path reads a file through from_toml.
    path = tmp_path / "evil.toml"
    path.write_text('leverage = "1e-99999999"\n')
    with pytest.raises(gt.GameError, match="decimal exponent"):
        af.Parameters.from_toml(path)


def test_python_callers_keep_sympy_expressions():
    x, y = sp.symbols("x y")
    pg = gt.ParametricGame([[[x**2 + sp.Rational(1, 3)]], [[sp.exp(x)]]], parameters={"x": 1})
    assert pg.payoffs[0, 0, 0] == pg.symbols["x"] ** 2 + sp.Rational(1, 3)
    with pytest.raises(gt.GameError, match=r"undeclared parameter\(s\) \['y'\]"):
        gt.ParametricGame([[[x + y]], [[1]]], parameters={"x": 1})
    with pytest.raises(gt.GameError, match="arithmetic expression"):
        gt.ParametricGame([[[sp.Eq(x, 1)]], [[1]]], parameters={"x": 1})


class _Sneaky:
    """An object sympify would turn into text and evaluate."""

    def __str__(self) -> str:  # pragma: no cover - must never be called
        raise AssertionError("str() of a payoff was taken")

    def _sympy_(self):  # pragma: no cover - must never be called
        raise AssertionError("_sympy_ was called")


def test_other_objects_are_refused_without_being_converted(no_execution):
    for v in (_Sneaky(), b"1", True, 1j, None, object()):
        with pytest.raises(TypeError, match="payoffs"):
            gt.ParametricGame([[[v]], [[1]]], parameters={"x": 1})


# ----------------------------------------------------------------------------- properties
_ASCII = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=40)
_EXPRISH = st.text(alphabet=list("x y 0123456789.eE+-*/^()**,_ abcsqrtexplogMinax[]'\"_:;=!"), max_size=40)


@given(st.one_of(_ASCII, _EXPRISH))
def test_random_text_parses_or_raises_game_error(text):
    try:
        out = parse_expression(text, ["x", "y"])
    except gt.GameError:
        return
    assert isinstance(out, sp.Expr)
    assert out.free_symbols <= {sp.Symbol("x"), sp.Symbol("y")}


@given(st.one_of(_ASCII, _EXPRISH))
def test_random_text_never_executes(text):
    seen: list[Any] = []
    real = (builtins.eval, builtins.exec, builtins.compile)

    def spy(fn):
        def _f(*a, **k):
            seen.append(a)
            return fn(*a, **k)

        return _f

    builtins.eval, builtins.exec, builtins.compile = (spy(f) for f in real)
    try:
        try:
            parse_expression(text, ["x"])
        except gt.GameError:
            pass
    finally:
        builtins.eval, builtins.exec, builtins.compile = real
    assert not seen


# Expression trees, rendered with the fewest parentheses the documented precedence allows,
# evaluated with Fractions; the parser must give the same exact value.
_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "**": 4}


def _leaf() -> st.SearchStrategy:
    def make(m_e):
        m, e, style = m_e
        value = Fraction(m) * Fraction(10) ** e
        if style == 0 and e == 0:
            text = str(m)
        elif style == 1 or e < 0:
            text = f"{m}e{e}"
        else:
            text = f"{m}E+{e}"
        return ("num", value, text)

    return st.tuples(st.integers(0, 99), st.integers(-2, 2), st.integers(0, 2)).map(make)


def _trees() -> st.SearchStrategy:
    def extend(children):
        return st.one_of(
            st.tuples(st.sampled_from(["+", "-", "*", "/"]), children, children),
            st.tuples(st.just("neg"), children),
            st.tuples(st.just("**"), children, st.integers(-3, 3)),
        )

    return st.recursive(_leaf(), extend, max_leaves=10)


def _value(t) -> Fraction:
    kind = t[0]
    if kind == "num":
        return t[1]
    if kind == "neg":
        return -_value(t[1])
    if kind == "**":
        return _value(t[1]) ** t[2]
    a, b = _value(t[1]), _value(t[2])
    if kind == "+":
        return a + b
    if kind == "-":
        return a - b
    if kind == "*":
        return a * b
    return a / b


def _prec(t) -> int:
    return 5 if t[0] == "num" else _PREC[t[0]]


def _render(t, minimal: bool) -> str:
    kind = t[0]
    if kind == "num":
        return t[2]

    def wrap(child, need: int) -> str:
        s = _render(child, minimal)
        return s if minimal and _prec(child) >= need else f"({s})"

    if kind == "neg":
        return "-" + wrap(t[1], 3)
    if kind == "**":
        exp = str(t[2]) if t[2] >= 0 else f"-{-t[2]}"
        return wrap(t[1], 5) + ("**" if len(exp) % 2 else "^") + exp
    p = _PREC[kind]
    return f"{wrap(t[1], p)} {kind} {wrap(t[2], p + 1)}"


@given(_trees(), st.booleans())
def test_parser_agrees_with_fraction_arithmetic(tree, minimal):
    text = _render(tree, minimal)
    try:
        expected = _value(tree)
    except ZeroDivisionError:
        expected = None
    got = parse_expression(text)
    if expected is None:
        assert not got.is_Rational, (text, got)
    else:
        assert got.is_Rational and Fraction(int(got.p), int(got.q)) == expected, (text, got, expected)


def test_precedence_and_associativity():
    assert parse_expression("-2**2") == -4
    assert parse_expression("2**3**2") == 512
    assert parse_expression("2^-1") == sp.Rational(1, 2)
    assert parse_expression("8/4/2") == 1
    assert parse_expression("8-4-2") == 2
    assert parse_expression("1 + 2 * 3") == 7
    assert parse_expression("(1 + 2) * 3") == 9
    assert parse_expression("--3") == 3
    assert parse_expression("2*-3") == -6


def test_functions_and_their_arity():
    x = sp.Symbol("x")
    assert parse_expression("exp(x) + log(x) + sqrt(x) + sin(x) + cos(x) + tan(x)", ["x"]) == (
        sp.exp(x) + sp.log(x) + sp.sqrt(x) + sp.sin(x) + sp.cos(x) + sp.tan(x)
    )
    assert parse_expression("abs(x) + Abs(x)", ["x"]) == 2 * sp.Abs(x)
    assert parse_expression("min(x, 1, 2) - Max(x, 0)", ["x"]) == sp.Min(x, 1) - sp.Max(x, 0)
    with pytest.raises(gt.GameError, match=r"exp\(\) takes 1 argument\(s\); got 2"):
        parse_expression("exp(1, 2)")
    with pytest.raises(gt.GameError, match="must be called"):
        parse_expression("exp + 1")
    # A declared parameter may share a function's name; a call is still a call.
    assert parse_expression("exp + exp(0)", ["exp"]) == sp.Symbol("exp") + 1


def test_no_eval_in_the_module_source():
    """No call in _expr (or in parametric) can evaluate text."""
    import ast
    import inspect

    from gametheory_af import parametric

    banned = {"eval", "exec", "compile", "sympify", "parse_expr", "__import__", "nsimplify", "S"}
    for module in (_expr, parametric):
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
                owner = f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else None
                assert name not in banned or owner == "re", (module.__name__, name, node.lineno)
