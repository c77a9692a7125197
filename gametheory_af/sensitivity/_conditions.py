"""Private: where one equilibrium condition holds in one parameter, solved exactly.

The helpers behind :mod:`~gametheory_af.sensitivity.thresholds`: one condition
``g >= 0`` solved in a parameter at fixed values of the others (linear
conditions in closed form, others by sympy), and exact comparisons of sympy
numbers, intervals and end points.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import sympy as sp

from ..exceptions import GameError

if TYPE_CHECKING:
    from .thresholds import EquilibriumCondition

__all__: list[str] = []


@dataclass(eq=False)
class _Solved:
    """Where one condition holds in the parameter, at the fixed values."""

    condition: EquilibriumCondition
    set: sp.Set
    kind: str  # "lower", "upper", "always", "never", "nonlinear"
    raw_root: sp.Expr | None  # symbolic root -b/a (linear conditions), not simplified
    root_value: sp.Expr | None = None  # the root at the fixed values (linear conditions)
    _root: sp.Expr | None = None

    @property
    def root(self) -> sp.Expr | None:
        """The symbolic root, simplified by :func:`sympy.cancel` on first use."""
        if self._root is None and self.raw_root is not None:
            self._root = _simplified_root(self.raw_root)
        return self._root


@functools.lru_cache(maxsize=4096)
def _simplified_root(r: sp.Expr) -> sp.Expr:
    """``cancel(r)``, cached: repeated threshold calls reuse the same conditions."""
    return r if r.is_number else sp.cancel(r)


def _linear_parts(g: sp.Expr, p: sp.Symbol) -> tuple[sp.Expr, sp.Expr] | None:
    """``(a, b)`` with ``g = a*p + b`` and ``a, b`` free of *p*, else ``None``."""
    if p not in g.free_symbols:
        return sp.S.Zero, g
    a = sp.diff(g, p)
    if p in a.free_symbols:
        return None
    b = sp.expand(g - a * p)
    if p in b.free_symbols:  # pragma: no cover - defensive
        return None
    return a, b


def _is_true(rel: Any) -> bool:
    return bool(rel == sp.true or rel is True)


def _cmp(a: sp.Expr, b: sp.Expr) -> int:
    """The exact sign of ``a - b`` for real sympy numbers, infinities included."""
    if a == b:
        return 0
    if a is sp.S.Infinity or b is sp.S.NegativeInfinity:
        return 1
    if a is sp.S.NegativeInfinity or b is sp.S.Infinity:
        return -1
    if a.is_Rational and b.is_Rational:
        fa, fb = Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q))
        return (fa > fb) - (fa < fb)
    d = float(sp.N(a - b, 50))
    if abs(d) > 1e-40:
        return 1 if d > 0 else -1
    return 0 if sp.simplify(a - b) == 0 else (1 if d > 0 else -1)


def _interval(lo: sp.Expr, hi: sp.Expr) -> sp.Set:
    """The closed interval ``[lo, hi]`` (empty when ``lo > hi``), built without sympy comparisons."""
    c = _cmp(lo, hi)
    if c > 0:
        return sp.S.EmptySet
    if c == 0:
        return sp.FiniteSet(lo)
    return sp.Interval(lo, hi)


def _endpoints(s: sp.Set) -> list[sp.Expr]:
    if s is sp.S.EmptySet:
        return []
    if isinstance(s, sp.Interval):
        return [s.start, s.end]
    if s == sp.S.Reals:
        return [sp.S.NegativeInfinity, sp.S.Infinity]
    if isinstance(s, sp.FiniteSet):
        return list(s)
    if isinstance(s, sp.Union):
        return [e for a in s.args for e in _endpoints(a)]
    bd = s.boundary
    return list(bd) if isinstance(bd, sp.FiniteSet) else [s.inf, s.sup]


def _set_contains(s: sp.Set, v: sp.Expr) -> bool:
    if s is sp.S.EmptySet:
        return False
    if isinstance(s, sp.Interval):
        return _cmp(s.start, v) <= 0 and _cmp(v, s.end) <= 0
    if isinstance(s, sp.FiniteSet):
        return any(_cmp(v, e) == 0 for e in s)
    if isinstance(s, sp.Union):
        return any(_set_contains(a, v) for a in s.args)
    return _is_true(s.contains(v))


def _exact_number(x: sp.Expr) -> sp.Expr:
    """Simplify a number without ever leaving the rationals.

    ``sympy.nsimplify`` on an exact rational can return a spurious irrational
    (sympy 1.14: ``nsimplify(Rational(-16691, 248000))`` is a product of
    fractional powers), so rationals are returned as they are and only other
    expressions are simplified.
    """
    from .._expr import to_expr  # never sympify: text is parsed safely

    x = to_expr(x, name="value", caller="thresholds")
    if x.is_Rational or x.free_symbols:
        return x
    if x.has(sp.Float):
        return sp.nsimplify(x, rational=True)
    return x


def _solve_condition(
    cond: EquilibriumCondition, p: sp.Symbol, subs: Mapping[sp.Symbol, sp.Expr], domain: sp.Set, caller: str
) -> _Solved:
    g = cond.expression
    lin = _linear_parts(g, p)
    if lin is not None:
        a, b = lin
        a0 = _exact_number(a.xreplace(subs)) if _all_rational(subs) else a.xreplace(subs)
        b0 = _exact_number(b.xreplace(subs)) if _all_rational(subs) else b.xreplace(subs)
        if not (a0.is_number and b0.is_number):
            raise GameError(f"{caller}: condition {cond!r} does not reduce to numbers at the fixed values.")
        lo, hi = domain.inf, domain.sup
        if a0 == 0:
            holds = _cmp(b0, sp.S.Zero) >= 0
            return _Solved(cond, domain if holds else sp.S.EmptySet, "always" if holds else "never", None)
        root = -b / a
        r0 = -b0 / a0
        if _cmp(a0, sp.S.Zero) > 0:
            return _Solved(cond, _interval(r0 if _cmp(r0, lo) > 0 else lo, hi), "lower", root, r0)
        return _Solved(cond, _interval(lo, r0 if _cmp(r0, hi) < 0 else hi), "upper", root, r0)
    g0 = g.xreplace(subs)
    if _all_rational(subs):
        g0 = _exact_number(g0)
    try:
        s = sp.solve_univariate_inequality(g0 >= 0, p, relational=False, domain=domain)
    except (NotImplementedError, TypeError, ValueError) as err:
        raise GameError(
            f"{caller}: sympy cannot solve the condition {cond!r} in {p}: {err}. "
            "Use regions() or sweep() for a numerical answer."
        ) from None
    return _Solved(cond, s, "nonlinear", None)


def _all_rational(subs: Mapping[sp.Symbol, sp.Expr]) -> bool:
    return all(bool(v.is_Rational) for v in subs.values())


def _root_expression(solved: _Solved, value: sp.Expr, p: sp.Symbol, subs: Mapping[sp.Symbol, sp.Expr]) -> sp.Expr:
    """The symbolic solution (in the other parameters) of the condition that yields *value*."""
    if solved.root is not None:
        return solved.root
    try:
        roots = sp.solve(solved.condition.expression, p)
    except (NotImplementedError, TypeError, ValueError):
        return value
    target = complex(sp.N(value))
    for r in roots:
        try:
            rv = complex(sp.N(r.xreplace(subs)))
        except (TypeError, ValueError):
            continue
        if abs(rv - target) <= 1e-9 * (1 + abs(target)):
            return r
    return value


def _same_number(a: sp.Expr, b: sp.Expr) -> bool:
    if a == b:
        return True
    try:
        if abs(float(a) - float(b)) > 1e-12 * (1 + abs(float(a))):
            return False
    except (TypeError, ValueError):
        return False
    return bool(sp.simplify(a - b) == 0) or not (a.is_Rational and b.is_Rational)


def _binds_at(sv: _Solved, v: sp.Expr) -> bool:
    """Whether condition *sv* has an end point at *v*."""
    if sv.root_value is not None:
        return _cmp(sv.root_value, v) == 0
    return _in_boundary(sv.set, v)


def _in_boundary(s: sp.Set, v: sp.Expr) -> bool:
    if s is sp.S.EmptySet:
        return False
    try:
        bd = s.boundary
    except (NotImplementedError, TypeError):  # pragma: no cover - exotic sets
        return False
    if isinstance(bd, sp.FiniteSet):
        return any(_same_number(v, e) for e in bd)
    return _is_true(bd.contains(v))
