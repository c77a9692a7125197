"""A safe reader of arithmetic expression strings: text in, sympy expression out, nothing executed.

Payoff formulas and parameter values may be given as text (``"L - c"``,
``"2/5"``). :func:`sympy.sympify` would read such text by *evaluating it as
Python*: ``sympify("__import__('os').system('...')")`` runs the command. This
module never hands user text to ``eval``, ``exec``, ``compile``,
:func:`sympy.sympify` or :func:`sympy.parsing.sympy_parser.parse_expr`. It has
its own tokenizer and a recursive-descent parser that builds the sympy
expression directly (``sp.Add``, ``sp.Mul``, ``sp.Pow``, ``sp.Rational``, the
declared symbols, the functions listed below), so text can only ever denote
arithmetic.

The language
------------
Tokens (ASCII only; spaces, tabs and newlines between them are ignored):

* numbers, read by :func:`gametheory_af._validation.parse_number` (exactly, as
  rationals, within the ``max_digits`` and ``max_exponent`` limits):
  ``3``, ``2.5``, ``.5``, ``1e-3``;
* names: a declared parameter (a sympy symbol), or one of the functions
  :data:`FUNCTIONS` immediately followed by ``(``;
* the operators ``+ - * / ** ^`` (``^`` is the same as ``**``), parentheses,
  and commas between the arguments of a function.

Precedence, from loosest to tightest (as in Python):

1. ``a + b``, ``a - b`` (left-associative);
2. ``a * b``, ``a / b`` (left-associative);
3. unary ``-a``, ``+a``;
4. ``a ** b`` and ``a ^ b``, right-associative and tighter than unary minus
   on its left: ``-2**2`` is ``-4``, ``2**-1`` is ``1/2``, ``2**3**2`` is ``2**9``.

Anything else is refused with a :class:`~gametheory_af.GameError` that names
the offending token and its position: an unknown name, a dunder name, a Python
keyword (``lambda``, ``import``), attribute access ``.``, brackets, strings,
``=``, a comma outside a function call, a non-ASCII character (including
Unicode look-alikes of digits and letters).

Bounds
------
* The text has at most ``max_text`` characters (see
  :func:`gametheory_af.set_limits`).
* Nesting (parentheses, unary signs, powers, function calls) is at most
  :data:`MAX_DEPTH` = 100 levels deep; deeper text is refused with a
  GameError, never a :class:`RecursionError`. (Not more: sympy's own
  recursive algorithms, differentiation and printing, exceed Python's default
  recursion limit on function calls nested about 120 deep.)
* Powers cannot explode. A constant exponent must be a rational ``p/q`` with
  ``|p|`` and ``q`` at most :data:`MAX_POWER` = 10,000. When the base has an
  exact rational coefficient ``c`` (the base itself, or the number in front of
  a product), the result ``c**(p/q)`` would have about
  ``max(digits(c)) * |p| / q`` digits; that estimate must stay within
  ``max_digits``, checked *before* sympy computes anything. So
  ``9**9**9**9`` and ``2**10**10**10`` are refused at once, while
  ``2**1000`` and ``x**50`` are fine. The same bound applies to the exponent
  sympy makes when it merges powers: ``((x+1)**100)**100`` is refused.
* Every exact number built along the way (a sum or product of constants)
  must also keep numerator and denominator within ``max_digits`` digits, so a
  long product of large constants cannot grow without bound either.

References: the precedence-climbing structure follows the classic
recursive-descent treatment of expression grammars (Aho, Lam, Sethi and
Ullman, *Compilers: Principles, Techniques, and Tools*, 2nd ed., 2006, §4.4).
"""

from __future__ import annotations

import keyword
import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np
import sympy as sp

from ._limits import get_limits
from ._validation import _short, check_text, parse_number
from .exceptions import GameError

__all__ = ["parse_expression", "to_expr", "to_number", "FUNCTIONS", "MAX_DEPTH", "MAX_POWER"]

#: Deepest nesting of parentheses, unary signs, powers and function calls.
MAX_DEPTH = 100
#: Largest ``|p|`` and ``q`` of a constant exponent ``p/q``.
MAX_POWER = 10_000


def _min(*args: sp.Expr) -> sp.Expr:
    return sp.Min(*args)


def _max(*args: sp.Expr) -> sp.Expr:
    return sp.Max(*args)


#: The functions an expression may call: name -> (least, most arguments, builder).
#: ``sqrt`` is a power (checked like one); ``Min``/``Max`` take one or more arguments.
FUNCTIONS: Mapping[str, tuple[int, int | None, Callable[..., sp.Expr]]] = MappingProxyType({
    "exp": (1, 1, sp.exp),
    "log": (1, 1, sp.log),
    "sqrt": (1, 1, sp.sqrt),
    "sin": (1, 1, sp.sin),
    "cos": (1, 1, sp.cos),
    "tan": (1, 1, sp.tan),
    "Abs": (1, 1, sp.Abs),
    "abs": (1, 1, sp.Abs),
    "Min": (1, None, _min),
    "min": (1, None, _min),
    "Max": (1, None, _max),
    "max": (1, None, _max),
})

_TOKEN_RE = re.compile(
    r"(?P<ws>[ \t\r\n]+)"
    r"|(?P<num>(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>\*\*|[-+*/^(),])",
    re.ASCII,
)

_LOG2_10 = math.log2(10)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Token:
    __slots__ = ("kind", "text", "pos")

    def __init__(self, kind: str, text: str, pos: int) -> None:
        self.kind = kind
        self.text = text
        self.pos = pos


class _Parser:
    def __init__(self, text: str, symbols: Mapping[str, sp.Symbol], name: str, caller: str) -> None:
        self.text = text
        self.symbols = symbols
        self.name = name
        self.caller = caller
        self.depth = 0
        lim = get_limits()
        self.max_bits = int(lim.max_digits * _LOG2_10) + 1
        self.max_digits = lim.max_digits
        self.tokens = self._tokenize()
        self.i = 0

    # ------------------------------------------------------------------ errors
    def fail(self, detail: str, pos: int) -> GameError:
        return GameError(
            f"{self.caller}: {self.name} {_short(self.text)} is not an accepted expression: "
            f"{detail} at position {pos}."
        )

    # ------------------------------------------------------------------ tokens
    def _tokenize(self) -> list[_Token]:
        text = self.text
        out: list[_Token] = []
        pos = 0
        n = len(text)
        while pos < n:
            m = _TOKEN_RE.match(text, pos)
            if m is None:
                ch = text[pos]
                what = {
                    ".": "attribute access '.'",
                    "[": "bracket '['",
                    "]": "bracket ']'",
                    "{": "brace '{'",
                    "}": "brace '}'",
                    "'": "string quote \"'\"",
                    '"': "string quote '\"'",
                    "=": "'='",
                    "@": "'@'",
                    ":": "':'",
                    ";": "';'",
                    "\\": "backslash",
                }.get(ch)
                if what is None:
                    what = f"character {ch!r}" + ("" if ch.isascii() else f" (U+{ord(ch):04X}, not ASCII)")
                raise self.fail(f"unexpected {what}", pos)
            kind = m.lastgroup
            assert kind is not None
            tok = m.group()
            if kind == "num":
                end = m.end()
                if end < n and (text[end].isalnum() or text[end] in "_."):
                    raise self.fail(f"malformed number {text[pos:end + 1]!r}", pos)
            if kind == "name":
                if tok.startswith("__"):
                    raise self.fail(f"the name {tok!r} is not allowed (no dunder names)", pos)
                if keyword.iskeyword(tok) or keyword.issoftkeyword(tok):
                    raise self.fail(f"the Python keyword {tok!r} is not allowed", pos)
            if kind != "ws":
                out.append(_Token(kind, tok, pos))
            pos = m.end()
        out.append(_Token("end", "", n))
        return out

    def peek(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        tok = self.peek()
        if tok.kind != "op" or tok.text != text:
            got = "the end of the text" if tok.kind == "end" else repr(tok.text)
            raise self.fail(f"expected {text!r} but found {got}", tok.pos)
        self.i += 1

    # ------------------------------------------------------------------ grammar
    def parse(self) -> sp.Expr:
        if self.peek().kind == "end":
            raise self.fail("empty expression", 0)
        expr = self.sum()
        tok = self.peek()
        if tok.kind != "end":
            raise self.fail(f"unexpected {tok.text!r}", tok.pos)
        return expr

    def enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(f"nesting deeper than {MAX_DEPTH} levels", pos)

    def sum(self) -> sp.Expr:
        terms = [self.product()]
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.text in ("+", "-"):
                self.i += 1
                t = self.product()
                terms.append(t if tok.text == "+" else self.checked(sp.Mul(sp.S.NegativeOne, t), tok.pos))
            else:
                break
        return terms[0] if len(terms) == 1 else self.checked(sp.Add(*terms), self.tokens[self.i - 1].pos)

    def product(self) -> sp.Expr:
        factors = [self.unary()]
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.text in ("*", "/"):
                self.i += 1
                f = self.unary()
                factors.append(f if tok.text == "*" else self.power(f, sp.S.NegativeOne, tok.pos))
            else:
                break
        return factors[0] if len(factors) == 1 else self.checked(sp.Mul(*factors), self.tokens[self.i - 1].pos)

    def unary(self) -> sp.Expr:
        tok = self.peek()
        if tok.kind == "op" and tok.text in ("+", "-"):
            self.i += 1
            self.enter(tok.pos)
            operand = self.unary()
            self.depth -= 1
            return operand if tok.text == "+" else self.checked(sp.Mul(sp.S.NegativeOne, operand), tok.pos)
        base = self.atom()
        tok = self.peek()
        if tok.kind == "op" and tok.text in ("**", "^"):
            self.i += 1
            self.enter(tok.pos)
            exponent = self.unary()  # right-associative; binds a unary sign on its right
            self.depth -= 1
            return self.power(base, exponent, tok.pos)
        return base

    def atom(self) -> sp.Expr:
        tok = self.take()
        if tok.kind == "num":
            value = parse_number(tok.text, f"number {tok.text!r} at position {tok.pos} of {self.name}", self.caller)
            return self.checked(sp.Rational(value.numerator, value.denominator), tok.pos)
        if tok.kind == "name":
            word = tok.text
            nxt = self.peek()
            if nxt.kind == "op" and nxt.text == "(" and word in FUNCTIONS:
                # A call, inline (not a separate method) to keep the recursion shallow.
                least, most, build = FUNCTIONS[word]
                self.i += 1
                self.enter(tok.pos)
                args = [self.sum()]
                while self.peek().kind == "op" and self.peek().text == ",":
                    self.i += 1
                    args.append(self.sum())
                self.expect(")")
                self.depth -= 1
                if len(args) < least or (most is not None and len(args) > most):
                    want = f"{least}" if most == least else f"at least {least}"
                    raise self.fail(f"{word}() takes {want} argument(s); got {len(args)}", tok.pos)
                if word == "sqrt":
                    return self.power(args[0], sp.Rational(1, 2), tok.pos)
                return self.checked(build(*args), tok.pos)
            if word in self.symbols:
                return self.symbols[word]
            if word in FUNCTIONS:
                raise self.fail(f"the function {word!r} must be called, as {word}(...)", tok.pos)
            declared = sorted(self.symbols)
            raise self.fail(
                f"unknown name {word!r} (declared parameters: {declared}; functions: {sorted(FUNCTIONS)})", tok.pos
            )
        if tok.kind == "op" and tok.text == "(":
            self.enter(tok.pos)
            inner = self.sum()
            self.expect(")")
            self.depth -= 1
            return inner
        if tok.kind == "end":
            raise self.fail("the expression ends too early", tok.pos)
        raise self.fail(f"unexpected {tok.text!r}", tok.pos)

    # ------------------------------------------------------------------ bounded arithmetic
    def power(self, base: sp.Expr, exponent: sp.Expr, pos: int) -> sp.Expr:
        if exponent.is_number:
            if not exponent.is_Rational:
                if exponent.is_real is False:
                    raise self.fail(f"the exponent {_clip(str(exponent))} is not real", pos)
            else:
                p, q = int(exponent.p), int(exponent.q)
                if abs(p) > MAX_POWER or q > MAX_POWER:
                    raise self.fail(
                        f"the exponent {_clip(str(exponent))} is beyond the limit: numerator and denominator "
                        f"of a constant exponent must be at most {MAX_POWER:,}",
                        pos,
                    )
                coeff = base if base.is_Rational else (base.as_coeff_Mul()[0] if base.is_Mul else None)
                if coeff is not None and coeff.is_Rational and coeff != 0:
                    # digits of c**(p/q), from the logarithm: nothing is computed yet
                    size = max(math.log10(abs(int(coeff.p))), math.log10(int(coeff.q)))
                    digits = size * abs(p) / q
                    shown = str(base) if base.is_Integer and base >= 0 else f"({_clip(str(base))})"
                    if digits > self.max_digits:
                        raise self.fail(
                            f"the power {shown}**{exponent} would have about {round(digits):,} digits, "
                            f"beyond the limit max_digits={self.max_digits:,}",
                            pos,
                        )
        return self.checked(sp.Pow(base, exponent), pos)

    def checked(self, expr: sp.Expr, pos: int) -> sp.Expr:
        if expr.is_Pow and expr.exp.is_Rational and (abs(int(expr.exp.p)) > MAX_POWER or int(expr.exp.q) > MAX_POWER):
            raise self.fail(
                f"the power {_clip(str(expr))} has an exponent beyond the limit: numerator and denominator "
                f"of a constant exponent must be at most {MAX_POWER:,}",
                pos,
            )
        coeff = expr if expr.is_Rational else None
        if coeff is None and (expr.is_Mul or expr.is_Add):
            c = expr.as_coeff_Mul()[0] if expr.is_Mul else expr.as_coeff_Add()[0]
            coeff = c if c.is_Rational else None
        if coeff is not None:
            bits = max(int(coeff.p).bit_length(), int(coeff.q).bit_length())
            if bits > self.max_bits:
                raise self.fail(
                    f"a number with about {int(bits / _LOG2_10):,} digits, beyond the limit "
                    f"max_digits={self.max_digits:,}",
                    pos,
                )
        return expr


def parse_expression(
    text: Any,
    symbols: Mapping[str, sp.Symbol] | Iterable[str] = (),
    *,
    name: str = "expression",
    caller: str = "parse_expression",
) -> sp.Expr:
    """Read an arithmetic expression string into a sympy expression, executing nothing.

    Parameters
    ----------
    text : str
        The expression (see the module documentation for the language).
    symbols : mapping name -> sympy.Symbol, or iterable of names
        The parameters the text may use; names become plain symbols.
    name, caller : str
        What the text is and who reads it, for error messages.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    TypeError
        If *text* is not a string.
    GameError
        For text beyond ``max_text`` characters, anything outside the language
        (naming the token and its position), nesting deeper than
        :data:`MAX_DEPTH`, or a number or power beyond the limits.

    Examples
    --------
    >>> from gametheory_af._expr import parse_expression
    >>> parse_expression("2*x^2 - 1/3", ["x"])
    2*x**2 - 1/3
    >>> parse_expression("-2**2"), parse_expression("2**3**2"), parse_expression("2**-1")
    (-4, 512, 1/2)
    >>> parse_expression("Max(x, 0.5) + sqrt(4)", ["x"])
    Max(1/2, x) + 2
    >>> parse_expression("__import__('os').system('echo PWNED')")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: parse_expression: expression "__import__('os').system('echo PWNED')" is not an accepted expression: the name '__import__' is not allowed (no dunder names) at position 0.
    >>> parse_expression("9**9**9**9")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: parse_expression: expression '9**9**9**9' is not an accepted expression: the exponent 387420489 is beyond the limit: numerator and denominator of a constant exponent must be at most 10,000 at position 4.
    """
    check_text(text, name, caller)
    if isinstance(symbols, Mapping):
        table = dict(symbols)
    else:
        table = {s: sp.Symbol(s) for s in symbols}
    parser = _Parser(text, table, name, caller)
    try:
        return parser.parse()
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps the parser well below the limit
        raise parser.fail(f"nesting too deep (more than {MAX_DEPTH} levels)", 0) from None


def to_expr(
    value: Any,
    symbols: Mapping[str, sp.Symbol] | Iterable[str] = (),
    *,
    name: str = "value",
    caller: str = "to_expr",
) -> sp.Expr:
    """A payoff or parameter value as a sympy expression, reading text only through :func:`parse_expression`.

    Accepted: a string (parsed safely), an ``int``, a rational (``Fraction``,
    numpy integer; exact), a ``float`` (a sympy ``Float``), a
    :class:`~decimal.Decimal` (read exactly, through
    :func:`~gametheory_af._validation.parse_number`), or a sympy expression
    (code the caller wrote, kept as it is). Anything else, including ``bool``,
    ``bytes``, complex numbers and arbitrary objects (which :func:`sympy.sympify`
    would turn into text and evaluate), is refused.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory_af._expr import to_expr
    >>> to_expr(Fraction(1, 3)), to_expr("x + 1", ["x"]), to_expr(0.5)
    (1/3, x + 1, 0.500000000000000)
    >>> to_expr(True, name="payoffs[0]", caller="ParametricGame")
    Traceback (most recent call last):
    ...
    TypeError: ParametricGame: payoffs[0] must be a number, a sympy expression or an expression string; got True (bool).
    """
    if isinstance(value, str):
        return parse_expression(value, symbols, name=name, caller=caller)
    if isinstance(value, sp.Basic):
        if not isinstance(value, sp.Expr):
            raise GameError(f"{caller}: {name} must be an arithmetic expression; got {_short(value)} ({type(value).__name__}).")
        return value
    if isinstance(value, (bool, np.bool_)):
        pass
    elif isinstance(value, (int, np.integer)):
        return sp.Integer(int(value))
    elif isinstance(value, numbers.Rational):
        return sp.Rational(int(value.numerator), int(value.denominator))
    elif isinstance(value, (float, np.floating)):
        return sp.Float(float(value)) if math.isfinite(float(value)) else (sp.nan if value != value else (sp.oo if value > 0 else -sp.oo))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise GameError(f"{caller}: {name} must be finite; got {value!r}.")
        f = parse_number(str(value), name, caller)
        return sp.Rational(f.numerator, f.denominator)
    raise TypeError(
        f"{caller}: {name} must be a number, a sympy expression or an expression string; "
        f"got {_short(value)} ({type(value).__name__})."
    )


def to_number(value: Any, *, name: str, caller: str) -> Any:
    """A constant (a parameter value or bound) given as text: a Fraction when exact, else a sympy number.

    Non-text values are returned unchanged (their own checks follow).

    Examples
    --------
    >>> from gametheory_af._expr import to_number
    >>> to_number("2/5", name="default", caller="Parameter")
    Fraction(2, 5)
    >>> to_number("x", name="default", caller="Parameter")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: Parameter: default 'x' is not an accepted expression: unknown name 'x' (declared parameters: []; functions: [...]) at position 0.
    """
    if not isinstance(value, str):
        return value
    e = parse_expression(value, (), name=name, caller=caller)
    if e.is_Rational:
        return Fraction(int(e.p), int(e.q))
    if not (e.is_number and e.is_real is True and e.is_finite is True):
        raise GameError(f"{caller}: {name} must be a finite real number; got {_short(value)} = {_clip(str(e))}.")
    return e


def sympy_number(v: Any) -> sp.Expr:
    """A parameter value (a number, not text) as a sympy number: rationals exact, floats as ``Float``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> sympy_number(Fraction(1, 3)), sympy_number(0.5)
    (1/3, 0.500000000000000)
    """
    from ._validation import is_rational_scalar, to_fraction

    if is_rational_scalar(v):
        f = to_fraction(v)
        return sp.Rational(f.numerator, f.denominator)
    if isinstance(v, sp.Basic):
        return v
    return sp.Float(float(v))
