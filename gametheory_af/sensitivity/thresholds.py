"""Exact equilibrium thresholds in a payoff parameter, 2-D equilibrium maps, comparative statics.

A pure profile ``a`` is a Nash equilibrium exactly when every player's payoff
at ``a`` is at least its payoff after any unilateral deviation:
``u_i(a) - u_i(b_i, a_{-i}) >= 0`` for every player ``i`` and strategy ``b_i``.
With the payoffs sympy expressions of named parameters, these are inequalities
in the parameters, and the sets of parameter values where each profile is an
equilibrium (and the values where the set of equilibria changes) can be
solved for exactly.
"""

from __future__ import annotations

import functools
import itertools
import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from .._limits import check_bytes, check_count
from .._validation import FrozenMapping, _short, check_int, check_real, check_tol, is_rational_scalar
from ..exceptions import DegenerateGameWarning, GameError
from ..game import NormalFormGame
from ..parametric import ParametricGame
from ..result import Equilibrium, ResultMixin
from ..solvers.pure import pure_nash_batch
from ._common import (
    all_profiles,
    check_parameter,
    check_pgame,
    exact_value,
    profile_indices,
    profile_label,
    resolve_fixed,
    resolve_range,
)

__all__ = [
    "EquilibriumCondition",
    "ProfileThreshold",
    "Boundary",
    "ThresholdResult",
    "RegionBoundary",
    "RegionsResult",
    "ComparativeStatics",
    "equilibrium_conditions",
    "profile_threshold",
    "thresholds",
    "regions",
    "comparative_statics",
]


# ---------------------------------------------------------------------------- conditions
@dataclass(frozen=True, eq=False)
class EquilibriumCondition(ResultMixin):
    """One no-profitable-deviation condition of a pure profile.

    The profile is an equilibrium only if ``expression >= 0``, where
    ``expression = u_i(profile) - u_i(deviation, profile_{-i})``.

    Attributes
    ----------
    profile : tuple of int
        The pure profile (strategy indices).
    player : int
        The deviating player ``i``.
    deviation : int
        The strategy ``i`` deviates to.
    expression : sympy.Expr
        Player ``i``'s gain from staying rather than deviating.
    player_name, deviation_name : str
        The names of the player and of the deviation strategy.

    Examples
    --------
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import equilibrium_conditions
    >>> x = sp.Symbol("x")
    >>> pg = gt.ParametricGame([[[x, 0], [1, 1]], [[1, 0], [0, 1]]], parameters={"x": 0})
    >>> c = equilibrium_conditions(pg, (0, 0))[0]
    >>> c.player, c.deviation, c.inequality
    (0, 1, x - 1 >= 0)
    """

    profile: tuple[int, ...]
    player: int
    deviation: int
    expression: sp.Expr
    player_name: str = ""
    deviation_name: str = ""

    @property
    def inequality(self) -> sp.core.relational.Relational:
        """The condition as an (unevaluated) sympy inequality ``expression >= 0``."""
        return sp.GreaterThan(self.expression, 0, evaluate=False)

    def __repr__(self) -> str:
        who = self.player_name or f"player {self.player}"
        to = self.deviation_name or f"strategy {self.deviation}"
        return f"EquilibriumCondition({who} -> {to}: {self.expression} >= 0)"


def equilibrium_conditions(pgame: ParametricGame, profile: Sequence[int | str]) -> tuple[EquilibriumCondition, ...]:
    """The inequalities that make a pure profile a Nash equilibrium.

    Parameters
    ----------
    pgame : ParametricGame
    profile : sequence of int or str
        One strategy (index or name) per player.

    Returns
    -------
    tuple of EquilibriumCondition
        One per player and alternative strategy, in player order then
        strategy order: ``u_i(profile) - u_i(deviation) >= 0``. Conditions
        that are identically zero are kept (they always hold).

    Raises
    ------
    GameError
        For a profile of the wrong length or an unknown strategy.

    Examples
    --------
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import equilibrium_conditions
    >>> L = sp.Symbol("L")
    >>> pg = gt.ParametricGame(
    ...     [[[2, 0], [L, 1]], [[2, L], [0, 1]]], parameters={"L": 1},
    ...     players=["Row", "Col"], strategies=[["C", "D"], ["C", "D"]])
    >>> [str(c.inequality) for c in equilibrium_conditions(pg, ("C", "C"))]
    ['2 - L >= 0', '2 - L >= 0']
    """
    check_pgame(pgame, "equilibrium_conditions")
    prof = profile_indices(pgame, profile, "equilibrium_conditions")
    u = pgame.payoffs
    out = []
    for i in range(pgame.n_players):
        here = u[(i, *prof)]
        for b in range(pgame.shape[i]):
            if b == prof[i]:
                continue
            dev = list(prof)
            dev[i] = b
            expr = sp.expand(here - u[(i, *dev)])
            out.append(
                EquilibriumCondition(
                    profile=prof,
                    player=i,
                    deviation=b,
                    expression=expr,
                    player_name=pgame.players[i],
                    deviation_name=pgame.strategies[i][b],
                )
            )
    return tuple(out)


# ---------------------------------------------------------------------------- one condition
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


# ---------------------------------------------------------------------------- one profile
@dataclass(frozen=True, eq=False)
class ProfileThreshold(ResultMixin):
    """Where a pure profile is an equilibrium, in one parameter.

    Attributes
    ----------
    profile : tuple of int
        The pure profile.
    parameter : str
        The parameter varied.
    status : str
        ``"always"`` (an equilibrium over the whole range), ``"never"``,
        ``"above"`` (for values ``>= lower``), ``"below"`` (``<= upper``),
        ``"between"`` (``lower <= value <= upper``) or ``"union"`` (a union of
        several intervals, possible only for nonlinear conditions; ``set`` gives
        it exactly).
    lower, upper : sympy.Expr or None
        The threshold(s) as expressions in the other parameters: the solution
        of the binding condition, valid near the fixed values (where the same
        condition binds).
    lower_value, upper_value : sympy.Expr or None
        The same at the fixed values: exact numbers (``Rational`` when the
        fixed values are rational and the conditions linear).
    lower_binding, upper_binding : EquilibriumCondition or None
        The condition (player, deviation) that binds at each threshold.
    lower_general, upper_general : sympy.Expr or None
        For conditions linear in the parameter, ``Max`` (``Min``) of the
        solutions of every condition that bounds the parameter from below
        (above) at the fixed values: an expression in the other parameters,
        valid wherever the coefficient signs of the parameter are as at the
        fixed values.
    set : sympy.Set
        Exactly where the profile is an equilibrium, within ``over``.
    over : tuple
        The range of the parameter considered (exact numbers, possibly infinite).
    fixed : mapping
        The values of the other parameters.

    Examples
    --------
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import profile_threshold
    >>> x = sp.Symbol("x")
    >>> pg = gt.ParametricGame([[[x, 0], [1, 1]], [[1, 0], [0, 1]]], parameters={"x": 0})
    >>> t = profile_threshold(pg, (0, 0), "x")
    >>> t.status, t.lower_value, t.lower_float
    ('above', 1, 1.0)
    """

    profile: tuple[int, ...]
    parameter: str
    status: str
    lower: sp.Expr | None
    upper: sp.Expr | None
    lower_value: sp.Expr | None
    upper_value: sp.Expr | None
    lower_binding: EquilibriumCondition | None
    upper_binding: EquilibriumCondition | None
    lower_general: sp.Expr | None
    upper_general: sp.Expr | None
    set: sp.Set
    over: tuple[sp.Expr, sp.Expr]
    fixed: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fixed", FrozenMapping(self.fixed))

    @property
    def lower_float(self) -> float | None:
        """``lower_value`` as a float (``None`` when there is no lower threshold)."""
        return None if self.lower_value is None else float(self.lower_value)

    @property
    def upper_float(self) -> float | None:
        """``upper_value`` as a float (``None`` when there is no upper threshold)."""
        return None if self.upper_value is None else float(self.upper_value)

    def contains(self, value: Any) -> bool:
        """Whether the profile is an equilibrium at *value* (exact for rational *value*).

        Raises
        ------
        TypeError, GameError
            When *value* is not a finite real number.
        """
        check_real(value, "value", "ProfileThreshold.contains")
        return _set_contains(self.set, exact_value(value))

    def __repr__(self) -> str:
        return (
            f"ProfileThreshold(profile={self.profile}, parameter={self.parameter!r}, status={self.status!r}, "
            f"lower={self.lower_value}, upper={self.upper_value})"
        )


def _analyse_profile(
    pgame: ParametricGame,
    prof: tuple[int, ...],
    parameter: str,
    values: Mapping[str, Any],
    domain_pair: tuple[sp.Expr, sp.Expr],
    caller: str,
) -> tuple[ProfileThreshold, list[_Solved]]:
    syms = pgame.symbols
    p = syms[parameter]
    subs = {syms[k]: exact_value(v) for k, v in values.items()}
    lo, hi = domain_pair
    domain = sp.Interval(lo, hi)
    solved = [_solve_condition(c, p, subs, domain, caller) for c in equilibrium_conditions(pgame, prof)]
    lower = upper = lower_v = upper_v = None
    lower_b = upper_b = None
    lower_g = upper_g = None
    if all(sv.kind != "nonlinear" for sv in solved):
        # Linear in the parameter: the set is [max of lower roots, min of upper roots].
        lsv = usv = None
        left, right = lo, hi
        for sv in solved:
            if sv.kind == "lower" and _cmp(sv.root_value, left) > 0:
                left, lsv = sv.root_value, sv
            elif sv.kind == "upper" and _cmp(sv.root_value, right) < 0:
                right, usv = sv.root_value, sv
        lows = [sv.raw_root for sv in solved if sv.kind == "lower"]
        ups = [sv.raw_root for sv in solved if sv.kind == "upper"]
        lower_g = sp.Max(*dict.fromkeys(lows), evaluate=False) if len(set(lows)) > 1 else (lows[0] if lows else None)
        upper_g = sp.Min(*dict.fromkeys(ups), evaluate=False) if len(set(ups)) > 1 else (ups[0] if ups else None)
        if any(sv.kind == "never" for sv in solved) or _cmp(left, right) > 0:
            s: sp.Set = sp.S.EmptySet
            status = "never"
        else:
            s = _interval(left, right)
            status = {(True, True): "between", (True, False): "above", (False, True): "below"}.get(
                (lsv is not None, usv is not None), "always"
            )
            if lsv is not None:
                lower_v, lower_b, lower = left, lsv.condition, lsv.root
            if usv is not None:
                upper_v, upper_b, upper = right, usv.condition, usv.root
    else:
        s = domain
        for sv in solved:
            s = s.intersect(sv.set)
        if s is sp.S.EmptySet or s.is_empty:
            status = "never"
            s = sp.S.EmptySet
        else:
            inf, sup = s.inf, s.sup
            has_lower = bool(inf.is_finite) and _cmp(inf, lo) > 0
            has_upper = bool(sup.is_finite) and _cmp(sup, hi) < 0
            connected = isinstance(s, sp.Interval) or s == sp.S.Reals or (isinstance(s, sp.FiniteSet) and len(s) == 1)
            if not connected:
                status = "union"
            elif has_lower and has_upper:
                status = "between"
            elif has_lower:
                status = "above"
            elif has_upper:
                status = "below"
            else:
                status = "always"
            if has_lower:
                lower_v = inf
                for sv in solved:
                    if _binds_at(sv, inf):
                        lower_b = sv.condition
                        lower = _root_expression(sv, inf, p, subs)
                        break
            if has_upper:
                upper_v = sup
                for sv in solved:
                    if _binds_at(sv, sup):
                        upper_b = sv.condition
                        upper = _root_expression(sv, sup, p, subs)
                        break
    t = ProfileThreshold(
        profile=prof,
        parameter=parameter,
        status=status,
        lower=lower,
        upper=upper,
        lower_value=lower_v,
        upper_value=upper_v,
        lower_binding=lower_b,
        upper_binding=upper_b,
        lower_general=lower_g,
        upper_general=upper_g,
        set=s,
        over=(lo, hi),
        fixed=values,
    )
    return t, solved


def profile_threshold(
    pgame: ParametricGame,
    profile: Sequence[int | str],
    parameter: str,
    *,
    fixed: Mapping[str, Any] | None = None,
    over: tuple[Any, Any] | None = None,
) -> ProfileThreshold:
    """The least (and greatest) value of a parameter at which a pure profile is an equilibrium.

    Parameters
    ----------
    pgame : ParametricGame
    profile : sequence of int or str
        One strategy (index or name) per player.
    parameter : str
        The parameter to solve for.
    fixed : mapping, optional
        Values of other parameters; the rest take their defaults. Rational
        values (``int``, ``Fraction``) keep the answer exact.
    over : (lo, hi), optional
        The range of *parameter* to consider; defaults to its bounds
        (possibly infinite). Must lie within the bounds.

    Returns
    -------
    ProfileThreshold
        The status (``"always"``, ``"never"``, ``"above"``, ``"below"``,
        ``"between"``, ``"union"``), the thresholds as exact numbers and as
        expressions in the other parameters, and the binding condition.

    Raises
    ------
    GameError
        For an unknown parameter or fixed name, a value that is not finite or
        outside its bounds, *over* with ``lo >= hi`` or outside the parameter's
        bounds, a bad profile, or conditions sympy cannot solve.
    TypeError
        For a *pgame* that is not a ParametricGame or a *fixed* that is not a mapping.

    Notes
    -----
    Each condition ``u_i(a) - u_i(b_i, a_{-i}) >= 0`` is solved in the
    parameter at the fixed values: in closed form when it is linear in the
    parameter (``a*x + b >= 0`` gives ``x >= -b/a`` for ``a > 0``), through
    :func:`sympy.solve_univariate_inequality` otherwise. The profile is an
    equilibrium on the intersection of these sets; its end points are the
    thresholds. Equilibrium conditions are weak inequalities, so a threshold
    itself belongs to the set.

    Examples
    --------
    Leverage ``L`` makes cooperation ``(C, C)`` an equilibrium once it
    exceeds the temptation ``t`` minus the reward 3:

    >>> import sympy as sp, gametheory_af as gt
    >>> from fractions import Fraction
    >>> from gametheory_af.sensitivity import profile_threshold
    >>> L, t = sp.symbols("L t")
    >>> pg = gt.ParametricGame(
    ...     [[[3 + L, 0], [t, 1]], [[3 + L, t], [0, 1]]],
    ...     parameters=[gt.Parameter("L", 0, lower=0, upper=10), gt.Parameter("t", 5)],
    ...     strategies=[["C", "D"], ["C", "D"]])
    >>> th = profile_threshold(pg, ("C", "C"), "L", fixed={"t": Fraction(11, 2)})
    >>> th.status, th.lower_value, th.lower
    ('above', 5/2, t - 3)
    >>> th.lower_binding.player, th.lower_binding.deviation_name
    (0, 'D')
    """
    caller = "profile_threshold"
    check_pgame(pgame, caller)
    check_parameter(pgame, parameter, caller)
    prof = profile_indices(pgame, profile, caller)
    values = resolve_fixed(pgame, fixed, caller, free=(parameter,))
    dom = resolve_range(pgame, parameter, over, caller)
    return _analyse_profile(pgame, prof, parameter, values, dom, caller)[0]


# ---------------------------------------------------------------------------- all profiles
@dataclass(frozen=True, eq=False)
class Boundary(ResultMixin):
    """A parameter value where the set of pure equilibria changes.

    Attributes
    ----------
    value : sympy.Expr
        The exact value at the fixed parameters.
    expression : sympy.Expr
        The same as an expression in the other parameters (the solution of
        the binding condition), valid near the fixed values.
    conditions : tuple of EquilibriumCondition
        The conditions that bind here (each names its profile, player and deviation).
    entering, leaving : tuple of tuple of int
        Profiles that are equilibria just above but not just below the value,
        and the reverse.

    Examples
    --------
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import thresholds
    >>> x = sp.Symbol("x")
    >>> pg = gt.ParametricGame([[[x, 0], [1, 1]], [[1, 0], [0, 1]]], parameters={"x": 0})
    >>> b = thresholds(pg, "x", over=(-5, 5)).boundaries[0]
    >>> b.value, float(b), b.entering
    (1, 1.0, ((0, 0),))
    """

    value: sp.Expr
    expression: sp.Expr
    conditions: tuple[EquilibriumCondition, ...]
    entering: tuple[tuple[int, ...], ...]
    leaving: tuple[tuple[int, ...], ...]

    def __float__(self) -> float:
        return float(self.value)

    def __repr__(self) -> str:
        return f"Boundary(value={self.value}, expression={self.expression}, entering={self.entering}, leaving={self.leaving})"


@dataclass(frozen=True, eq=False)
class ThresholdResult(ResultMixin):
    """The exact thresholds of one parameter and the pure equilibria between them.

    Attributes
    ----------
    parameter : str
    over : tuple of sympy.Expr
        The range considered (exact, possibly infinite).
    fixed : mapping
        The values of the other parameters.
    boundaries : tuple of Boundary
        In increasing order, strictly inside ``over``.
    intervals : tuple of (lo, hi, tuple of profiles)
        The open intervals between consecutive boundaries (and the ends of
        ``over``) with the pure equilibria on each.
    profiles : mapping
        Pure profile -> :class:`ProfileThreshold`, for every profile.
    players, strategies : tuple
        Names, for :meth:`describe`.

    Examples
    --------
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import thresholds
    >>> x = sp.Symbol("x")
    >>> pg = gt.ParametricGame([[[x, 0], [1, 1]], [[1, 0], [0, 1]]], parameters={"x": 0})
    >>> res = thresholds(pg, "x", over=(-5, 5))
    >>> [(lo, hi, eqs) for lo, hi, eqs in res.intervals]
    [(-5, 1, ((1, 1),)), (1, 5, ((0, 0), (1, 1)))]
    >>> res.equilibria_at(1)
    ((0, 0), (1, 1))
    """

    parameter: str
    over: tuple[sp.Expr, sp.Expr]
    fixed: Mapping[str, Any]
    boundaries: tuple[Boundary, ...]
    intervals: tuple[tuple[sp.Expr, sp.Expr, tuple[tuple[int, ...], ...]], ...]
    profiles: Mapping[tuple[int, ...], ProfileThreshold]
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "fixed", FrozenMapping(self.fixed))
        object.__setattr__(self, "profiles", FrozenMapping(self.profiles))

    @property
    def values(self) -> tuple[sp.Expr, ...]:
        """The exact boundary values, in increasing order."""
        return tuple(b.value for b in self.boundaries)

    @property
    def floats(self) -> np.ndarray:
        """The boundary values as a float array."""
        return np.array([float(b.value) for b in self.boundaries], dtype=np.float64)

    def equilibria_at(self, value: Any) -> tuple[tuple[int, ...], ...]:
        """The pure equilibria at one value of the parameter (exact for rational *value*).

        Raises
        ------
        GameError
            When *value* is not a finite number or is outside ``over``.
        TypeError
            When *value* is not a number.
        """
        check_real(value, "value", "equilibria_at")
        v = exact_value(value)
        lo, hi = self.over
        if _cmp(v, lo) < 0 or _cmp(v, hi) > 0:
            raise GameError(f"equilibria_at: value {value!r} is outside over=({lo}, {hi}).")
        return tuple(prof for prof, t in self.profiles.items() if t.contains(v))

    def describe(self) -> str:
        """The intervals and their equilibria, in words."""
        lines = []
        for lo, hi, eqs in self.intervals:
            names = "; ".join(f"({profile_label(self, e)})" for e in eqs) or "no pure equilibrium"
            lines.append(f"{self.parameter} in ({lo}, {hi}): {names}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"ThresholdResult(parameter={self.parameter!r}, boundaries={list(self.values)}, n_intervals={len(self.intervals)})"


def _check_conditions(pgame: ParametricGame, caller: str) -> None:
    """Refuse more symbolic conditions (profiles x deviations) than the limit max_calls."""
    count = math.prod(pgame.shape) * sum(s - 1 for s in pgame.shape)
    check_count(count, "max_calls", "equilibrium conditions to solve (profiles x deviations)", caller)


def _midpoint(lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
    if lo.is_finite and hi.is_finite:
        return (lo + hi) / 2
    if lo.is_finite:
        return lo + 1
    if hi.is_finite:
        return hi - 1
    return sp.S.Zero


def thresholds(
    pgame: ParametricGame,
    parameter: str,
    *,
    fixed: Mapping[str, Any] | None = None,
    over: tuple[Any, Any] | None = None,
) -> ThresholdResult:
    """The exact values of a parameter where the set of pure equilibria changes.

    Parameters
    ----------
    pgame : ParametricGame
    parameter : str
        The parameter to vary.
    fixed : mapping, optional
        Values of other parameters; the rest take their defaults. Rational
        values keep every answer exact.
    over : (lo, hi), optional
        The range to scan; defaults to the parameter's bounds. Must lie within them.

    Returns
    -------
    ThresholdResult
        Each boundary as an exact number and as an expression in the other
        parameters; the equilibria on each interval between boundaries;
        every profile's :class:`ProfileThreshold`.

    Raises
    ------
    GameError
        For an unknown parameter or fixed name, values that are not finite or
        outside bounds, *over* with ``lo >= hi`` or outside the parameter's
        bounds; for more conditions to solve (``s_1 * ... * s_n`` profiles
        times ``sum(s_i - 1)`` deviations) than the limit ``max_calls``
        (:func:`gametheory_af.set_limits`).
    TypeError
        For a *pgame* that is not a ParametricGame or a *fixed* that is not a mapping.

    Notes
    -----
    Complete for conditions sympy can solve: every pure profile's
    equilibrium set is computed exactly (see :func:`profile_threshold`), and
    the boundaries are all their end points inside ``over``. At a boundary
    itself the weak inequalities usually hold on both sides, so the
    equilibria there are those of both neighbouring intervals
    (:meth:`ThresholdResult.equilibria_at` answers exactly).

    Examples
    --------
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import thresholds
    >>> L, t = sp.symbols("L t")
    >>> pg = gt.ParametricGame(
    ...     [[[3 + L, 0], [t, 1]], [[3 + L, t], [0, 1]]],
    ...     parameters=[gt.Parameter("L", 0, lower=0, upper=10), gt.Parameter("t", 5)],
    ...     strategies=[["C", "D"], ["C", "D"]])
    >>> res = thresholds(pg, "L")
    >>> res.values, res.boundaries[0].expression
    ((2,), t - 3)
    >>> print(res.describe())
    L in (0, 2): (D, D)
    L in (2, 10): (C, C); (D, D)
    """
    caller = "thresholds"
    check_pgame(pgame, caller)
    check_parameter(pgame, parameter, caller)
    values = resolve_fixed(pgame, fixed, caller, free=(parameter,))
    lo, hi = resolve_range(pgame, parameter, over, caller)
    _check_conditions(pgame, caller)
    p = pgame.symbols[parameter]
    subs = {pgame.symbols[k]: exact_value(v) for k, v in values.items()}
    per: dict[tuple[int, ...], ProfileThreshold] = {}
    solved_by: dict[tuple[int, ...], list[_Solved]] = {}
    for prof in all_profiles(pgame.shape):
        per[prof], solved_by[prof] = _analyse_profile(pgame, prof, parameter, values, (lo, hi), caller)
    # Every end point of every profile's set, strictly inside (lo, hi).
    points: list[sp.Expr] = []
    for t in per.values():
        for v in _endpoints(t.set):
            if not v.is_finite or _cmp(v, lo) <= 0 or _cmp(v, hi) >= 0:
                continue
            if not any(_cmp(v, w) == 0 for w in points):
                points.append(v)
    points.sort(key=lambda v: float(sp.N(v, 30)))
    edges = [lo, *points, hi]
    intervals = []
    for a, b in zip(edges[:-1], edges[1:]):
        m = _midpoint(a, b)
        eqs = tuple(prof for prof, t in per.items() if t.contains(m))
        intervals.append((a, b, eqs))
    boundaries = []
    for k, v in enumerate(points):
        conds: list[EquilibriumCondition] = []
        expr: sp.Expr | None = None
        for prof, t in per.items():
            if not any(_cmp(v, e) == 0 for e in _endpoints(t.set)):
                continue
            for sv in solved_by[prof]:
                if _binds_at(sv, v):
                    conds.append(sv.condition)
                    if expr is None:
                        expr = _root_expression(sv, v, p, subs)
        below = set(intervals[k][2])
        above = set(intervals[k + 1][2])
        boundaries.append(
            Boundary(
                value=v,
                expression=v if expr is None else expr,
                conditions=tuple(conds),
                entering=tuple(sorted(above - below)),
                leaving=tuple(sorted(below - above)),
            )
        )
    return ThresholdResult(
        parameter=parameter,
        over=(lo, hi),
        fixed=values,
        boundaries=tuple(boundaries),
        intervals=tuple(intervals),
        profiles=per,
        players=pgame.players,
        strategies=pgame.strategies,
    )


# ---------------------------------------------------------------------------- 2-D regions
@dataclass(frozen=True, eq=False)
class RegionBoundary(ResultMixin):
    """One exact boundary curve of a 2-D equilibrium map.

    Attributes
    ----------
    expression : sympy.Expr
        The curve is ``expression == 0`` (an implicit equation in the two
        parameters, with the others at their fixed values).
    solved_for : str or None
        ``"y"`` when the curve was solved as ``y = f(x)``, ``"x"`` when it is
        ``x = f(y)`` (for instance a vertical line), ``None`` when sympy could
        not solve it (the implicit form is then the exact answer).
    solutions : tuple of sympy.Expr
        The explicit branches (``y`` as functions of ``x``, or the reverse).
    conditions : tuple of EquilibriumCondition
        The equilibrium conditions this curve bounds (one per profile).
    """

    expression: sp.Expr
    solved_for: str | None
    solutions: tuple[sp.Expr, ...]
    conditions: tuple[EquilibriumCondition, ...]

    @property
    def profiles(self) -> tuple[tuple[int, ...], ...]:
        """The profiles whose equilibrium status changes across the curve."""
        return tuple(sorted({c.profile for c in self.conditions}))


@dataclass(frozen=True, eq=False)
class RegionsResult(ResultMixin):
    """Which pure profiles are equilibria over a plane of two parameters.

    Attributes
    ----------
    x, y : str
        The two parameters (``x`` along columns, ``y`` along rows).
    xs, ys : numpy.ndarray
        The grid coordinates.
    equilibria : numpy.ndarray of bool, shape (len(ys), len(xs), s_1, ..., s_n)
        ``equilibria[r, c, a]``: profile ``a`` is an equilibrium at ``(xs[c], ys[r])``.
    labels : numpy.ndarray of int, shape (len(ys), len(xs))
        Index into ``sets`` of the set of equilibria at each grid point.
    sets : tuple of tuple of profiles
        The distinct sets of pure equilibria on the grid.
    boundaries : tuple of RegionBoundary
        The exact curves across which some profile's status changes in the window.
    exact : bool
        True when every boundary was derived symbolically *and* solved in closed
        form; False when some curve is only implicit (or none could be derived),
        so that the grid is the map to rely on.
    method : str
        ``"exact+grid"`` or ``"grid"``.
    fixed : mapping
        The values of the other parameters.

    Examples
    --------
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import regions
    >>> x, y = sp.symbols("x y")
    >>> pg = gt.ParametricGame([[[x, 0], [1, 1]], [[y - 1, 0], [0, 1]]],
    ...                        parameters={"x": 0, "y": 0})
    >>> r = regions(pg, "x", "y", x_range=(0, 2), y_range=(0, 2), resolution=5)
    >>> r.method, [(b.solved_for, b.solutions) for b in r.boundaries]
    ('exact+grid', [('x', (1,)), ('y', (1,))])
    >>> r.is_equilibrium((0, 0)).astype(int)
    array([[0, 0, 0, 0, 0],
           [0, 0, 0, 0, 0],
           [0, 0, 1, 1, 1],
           [0, 0, 1, 1, 1],
           [0, 0, 1, 1, 1]])
    """

    x: str
    y: str
    xs: np.ndarray
    ys: np.ndarray
    equilibria: np.ndarray
    labels: np.ndarray
    sets: tuple[tuple[tuple[int, ...], ...], ...]
    boundaries: tuple[RegionBoundary, ...]
    exact: bool
    method: str
    fixed: Mapping[str, Any]
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "fixed", FrozenMapping(self.fixed))
        for a in (self.xs, self.ys, self.equilibria, self.labels):
            a.setflags(write=False)

    def is_equilibrium(self, profile: Sequence[int | str]) -> np.ndarray:
        """Boolean map ``(len(ys), len(xs))`` of where *profile* is an equilibrium."""
        prof = profile_indices(self, profile, "is_equilibrium")  # type: ignore[arg-type]
        return np.asarray(self.equilibria[(slice(None), slice(None), *prof)])

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    def label_names(self) -> list[str]:
        """A readable name for each set in ``sets``."""
        return ["; ".join(f"({profile_label(self, p)})" for p in s) or "none" for s in self.sets]

    def __repr__(self) -> str:
        return (
            f"RegionsResult(x={self.x!r}, y={self.y!r}, grid={self.labels.shape}, n_sets={len(self.sets)}, "
            f"n_boundaries={len(self.boundaries)}, method={self.method!r})"
        )


def _grid_equilibria(pgame: ParametricGame, cols: Mapping[str, np.ndarray], chunk: int = 50_000) -> np.ndarray:
    n = len(next(iter(cols.values())))
    out = np.empty((n, *pgame.shape), dtype=bool)
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        out[start:stop] = pure_nash_batch(pgame.batch(**{k: v[start:stop] for k, v in cols.items()}))
    return out


def regions(
    pgame: ParametricGame,
    x: str,
    y: str,
    *,
    fixed: Mapping[str, Any] | None = None,
    x_range: tuple[Any, Any] | None = None,
    y_range: tuple[Any, Any] | None = None,
    resolution: int | tuple[int, int] = 201,
) -> RegionsResult:
    """Map which pure profiles are equilibria over a plane of two parameters.

    Parameters
    ----------
    pgame : ParametricGame
    x, y : str
        The two parameters: *x* along the horizontal axis, *y* the vertical.
    fixed : mapping, optional
        Values of the other parameters (defaults otherwise).
    x_range, y_range : (lo, hi), optional
        The window; default to the parameters' bounds, which must then be finite.
    resolution : int or (nx, ny), default 201
        Grid points along each axis.

    Returns
    -------
    RegionsResult
        The grid map (always) and the exact boundary curves (where sympy can
        derive and solve them); ``method`` says which.

    Raises
    ------
    GameError
        Before any work: for unknown or equal parameter names, ranges outside
        bounds or with ``lo >= hi``, a resolution below 2; for a map beyond the
        limits (:func:`gametheory_af.set_limits`): ``nx * ny`` points times
        ``2 + (other parameters)`` coordinates (8 bytes each) or times
        ``s_1 * ... * s_n`` equilibrium flags (1 byte each) beyond
        ``max_entries``/``max_bytes``, or more conditions than ``max_calls``.
    TypeError
        For a resolution that is not an int or a pair of ints.

    Notes
    -----
    The grid is evaluated with :meth:`ParametricGame.batch` and
    :func:`~gametheory_af.pure_nash_batch` in chunks, so it costs a few array
    operations. The exact curves are the zero sets of the equilibrium
    conditions (:func:`equilibrium_conditions`) with the other parameters
    substituted; only those across which some profile's status changes inside
    the window are kept.

    Examples
    --------
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import regions
    >>> L, c = sp.symbols("L c")
    >>> pg = gt.ParametricGame([[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
    ...                        parameters={"L": 0, "c": 0})
    >>> r = regions(pg, "L", "c", x_range=(0, 4), y_range=(0, 2), resolution=9)
    >>> r.boundaries[0].solutions
    (L - 1,)
    """
    caller = "regions"
    check_pgame(pgame, caller)
    check_parameter(pgame, x, caller, what="parameter x")
    check_parameter(pgame, y, caller, what="parameter y")
    if x == y:
        raise GameError(f"{caller}: x and y must be different parameters; got {x!r} twice.")
    values = resolve_fixed(pgame, fixed, caller, free=(x, y))
    xlo, xhi = resolve_range(pgame, x, x_range, caller, name="x_range", finite=True)
    ylo, yhi = resolve_range(pgame, y, y_range, caller, name="y_range", finite=True)
    if isinstance(resolution, (str, bytes)) or not isinstance(resolution, Sequence):
        nx = ny = check_int(resolution, "resolution", caller, minimum=2)
    elif len(resolution) == 2:
        nx = check_int(resolution[0], "resolution[0] (nx)", caller, minimum=2)
        ny = check_int(resolution[1], "resolution[1] (ny)", caller, minimum=2)
    else:
        raise GameError(f"{caller}: resolution must be an int or a pair (nx, ny); got {_short(resolution)}.")
    pts = nx * ny
    check_bytes(pts * (2 + len(values)), 8, f"grid coordinates ({nx:,} x {ny:,} points)", caller)
    check_bytes(pts * math.prod(pgame.shape), 1, f"equilibrium flags ({nx:,} x {ny:,} points x profiles)", caller)
    _check_conditions(pgame, caller)
    xs = np.linspace(float(xlo), float(xhi), nx)
    ys = np.linspace(float(ylo), float(yhi), ny)
    XX, YY = np.meshgrid(xs, ys)
    cols = {x: XX.ravel(), y: YY.ravel(), **{k: np.full(XX.size, float(v)) for k, v in values.items()}}
    eq = _grid_equilibria(pgame, cols).reshape(ny, nx, *pgame.shape)
    flat = eq.reshape(ny * nx, -1)
    uniq, inv = np.unique(flat, axis=0, return_inverse=True)
    profiles = all_profiles(pgame.shape)
    sets = tuple(tuple(profiles[j] for j in np.flatnonzero(row)) for row in uniq)
    labels = np.asarray(inv, dtype=np.int64).reshape(ny, nx)

    # Exact boundary curves.
    syms = pgame.symbols
    sx, sy = syms[x], syms[y]
    subs = {syms[k]: exact_value(v) for k, v in values.items()}
    curves: list[tuple[sp.Expr, list[EquilibriumCondition]]] = []
    for prof in profiles:
        status = eq[(slice(None), slice(None), *prof)]
        if status.all() or not status.any():
            continue
        for c in equilibrium_conditions(pgame, prof):
            g = sp.expand(c.expression.xreplace(subs))
            if not ({sx, sy} & g.free_symbols):
                continue
            try:
                G = np.broadcast_to(sp.lambdify((sx, sy), g, modules="numpy")(XX, YY), XX.shape)
            except (TypeError, ValueError, NameError):  # pragma: no cover - exotic expressions
                G = None
            if G is not None and not ((G > 0).any() and (G < 0).any()):
                continue
            for expr, conds in curves:
                if sp.expand(expr - g) == 0 or sp.expand(expr + g) == 0:
                    conds.append(c)
                    break
            else:
                curves.append((g, [c]))
    boundaries = []
    for g, conds in curves:
        target = sy if sy in g.free_symbols else sx
        try:
            sols = tuple(sp.solve(g, target))
        except (NotImplementedError, TypeError, ValueError):
            sols = ()
        solved = ("y" if target is sy else "x") if sols else None
        boundaries.append(RegionBoundary(expression=g, solved_for=solved, solutions=sols, conditions=tuple(conds)))
    exact = all(b.solved_for is not None for b in boundaries)
    return RegionsResult(
        x=x,
        y=y,
        xs=xs,
        ys=ys,
        equilibria=eq,
        labels=labels,
        sets=sets,
        boundaries=tuple(boundaries),
        exact=exact,
        method="exact+grid" if exact else "grid",
        fixed=values,
        players=pgame.players,
        strategies=pgame.strategies,
    )


# ---------------------------------------------------------------------------- comparative statics
@dataclass(frozen=True, eq=False)
class ComparativeStatics(ResultMixin):
    """Derivatives of an equilibrium with respect to each parameter.

    Attributes
    ----------
    profile : tuple of numpy.ndarray
        The equilibrium (float).
    support : tuple of tuple of int
    payoffs : numpy.ndarray of shape (n_players,)
        The equilibrium payoffs (float).
    at : mapping
        The parameter values.
    d_strategies : mapping
        Parameter name -> tuple of one vector per player: the derivative of
        each strategy's probability (zero outside the support).
    d_payoffs : mapping
        Parameter name -> vector of each player's equilibrium payoff derivative.
    exact : bool
        True when computed in rational arithmetic; the vectors then hold
        :class:`~fractions.Fraction` objects (dtype object), else float64.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import comparative_statics
    >>> a = sp.Symbol("a")
    >>> pg = gt.ParametricGame([[[a, -1], [-1, 1]], [[-a, 1], [1, -1]]], parameters={"a": 1})
    >>> cs = comparative_statics(pg, ([F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)]))
    >>> cs.d_strategies["a"][1].tolist(), cs.d_payoffs["a"].tolist()
    ([Fraction(-1, 8), Fraction(1, 8)], [Fraction(1, 4), Fraction(-1, 4)])
    """

    profile: tuple[np.ndarray, ...]
    support: tuple[tuple[int, ...], ...]
    payoffs: np.ndarray
    at: Mapping[str, Any]
    d_strategies: Mapping[str, tuple[np.ndarray, ...]]
    d_payoffs: Mapping[str, np.ndarray]
    exact: bool

    def __post_init__(self) -> None:
        for k in ("at", "d_strategies", "d_payoffs"):
            object.__setattr__(self, k, FrozenMapping(getattr(self, k)))

    def __repr__(self) -> str:
        return f"ComparativeStatics(support={self.support}, parameters={list(self.d_payoffs)}, exact={self.exact})"


def _is_exact_entry(entry: Any) -> bool:
    if isinstance(entry, (str, int, np.integer)):
        return True
    try:
        vals = np.asarray(entry, dtype=object).ravel().tolist()
    except (TypeError, ValueError):  # pragma: no cover - rejected later
        return False
    return all(is_rational_scalar(v) for v in vals)


def comparative_statics(
    pgame: ParametricGame,
    equilibrium: Equilibrium | Sequence[Any],
    *,
    at: Mapping[str, Any] | None = None,
    tol: float = 1e-9,
) -> ComparativeStatics:
    """How a regular equilibrium's strategies and payoffs move with each parameter.

    Parameters
    ----------
    pgame : ParametricGame
    equilibrium : Equilibrium or profile
        An equilibrium of ``pgame.at(**at)`` (as a solver returns it; its exact
        profile is used when present) or a profile: one entry per player, a
        strategy (index or name) or a probability vector.
    at : mapping, optional
        Parameter values (defaults otherwise).
    tol : float, default 1e-9
        Tolerance on the profile's regret.

    Returns
    -------
    ComparativeStatics
        ``d_strategies[p]`` and ``d_payoffs[p]`` for every parameter ``p``.
        Exact (Fractions) when the profile and the values are rational.

    Raises
    ------
    GameError
        If the profile is not an equilibrium at the values, or the
        equilibrium is not regular (the Jacobian of its indifference system is
        singular); for unknown names or bad values in *at*, a negative or
        non-finite *tol*; for more payoff terms (``n_players * s_1 * ... * s_n``)
        than the limit ``max_calls``.
    TypeError
        For a *pgame* that is not a ParametricGame, an *at* that is not a
        mapping, or a *tol* that is not a number.

    Warns
    -----
    DegenerateGameWarning
        When a strategy outside the support is also a best response (the
        equilibrium is not quasi-strict): the derivatives are then valid only
        while the support stays an equilibrium support.

    Notes
    -----
    On its support ``S``, an equilibrium solves the indifference system
    ``U_i(j, sigma_{-i}) - v_i = 0`` for ``j`` in ``S_i`` and
    ``sum_j sigma_i(j) = 1``: as many equations as unknowns
    ``(sigma_S, v)``. When its Jacobian ``J_z`` in the unknowns is
    nonsingular (a regular equilibrium), the implicit function theorem gives
    ``dz/dtheta = -J_z^{-1} J_theta``. For a pure strict equilibrium the
    strategies do not move and ``dv_i/dtheta = du_i/dtheta``.

    References
    ----------
    van Damme, E. (1991). *Stability and Perfection of Nash Equilibria*, 2nd ed.,
    Springer, ch. 2.5 (regular equilibria).

    Examples
    --------
    A pure strict equilibrium: payoffs move with the partial derivatives.

    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import comparative_statics
    >>> L = sp.Symbol("L")
    >>> pg = gt.ParametricGame([[[3 + 2 * L, 0], [1, 1]], [[3, 1], [0, 1]]], parameters={"L": 1})
    >>> cs = comparative_statics(pg, (0, 0))
    >>> cs.d_payoffs["L"].tolist(), cs.d_strategies["L"][0].tolist()
    ([Fraction(2, 1), Fraction(0, 1)], [Fraction(0, 1), Fraction(0, 1)])
    """
    from ..profiles import as_exact_profile, as_profile, max_regret, strategy_payoffs

    caller = "comparative_statics"
    check_pgame(pgame, caller)
    tol = check_tol(tol, caller)
    values = resolve_fixed(pgame, at, caller, name="at")
    check_count(
        pgame.n_players * math.prod(pgame.shape), "max_calls", "payoff terms of the indifference system", caller
    )
    game: NormalFormGame = pgame.at(**values)
    if isinstance(equilibrium, Equilibrium):
        prof_in: Any = equilibrium.exact if equilibrium.exact is not None else equilibrium.profile
    else:
        prof_in = equilibrium
    if isinstance(prof_in, (str, bytes)) or not isinstance(prof_in, Sequence):
        raise GameError(f"{caller}: equilibrium must be an Equilibrium or a profile; got {equilibrium!r}.")
    exact = all(_is_exact_entry(e) for e in prof_in) and all(is_rational_scalar(v) for v in values.values())
    sigma_f = as_profile(game, prof_in, name="equilibrium")
    reg = float(max_regret(game, sigma_f))
    if reg > tol:
        raise GameError(
            f"{caller}: the profile is not an equilibrium at {dict(values)}: its max regret is {reg:.3g} > tol={tol}."
        )
    sigma: tuple[np.ndarray, ...]
    if exact:
        sigma = as_exact_profile(game, prof_in, name="equilibrium")
        support = tuple(tuple(int(j) for j, p in enumerate(s) if p != 0) for s in sigma)
    else:
        sigma = sigma_f
        support = tuple(tuple(int(j) for j in np.flatnonzero(s > 1e-12)) for s in sigma)
    n = pgame.n_players
    # Quasi-strictness: unused strategies must be strictly worse.
    for i in range(n):
        sp_i = strategy_payoffs(game, sigma_f, i)
        best = float(np.max(sp_i))
        unused = [j for j in range(pgame.shape[i]) if j not in support[i]]
        if any(float(sp_i[j]) >= best - tol for j in unused):
            warnings.warn(
                f"{caller}: player {pgame.players[i]!r} has a best response outside the support "
                "(the equilibrium is not quasi-strict); derivatives hold only while the support is kept.",
                DegenerateGameWarning,
                stacklevel=2,
            )
    syms = pgame.symbols
    names = list(pgame.parameters)
    theta = [syms[k] for k in names]
    svars = [[sp.Symbol(f"_s_{i}_{j}") for j in support[i]] for i in range(n)]
    vvars = [sp.Symbol(f"_v_{i}") for i in range(n)]
    u = pgame.payoffs
    eqs = []
    for i in range(n):
        others = [k for k in range(n) if k != i]
        for j in support[i]:
            total = sp.S.Zero
            for combo in itertools.product(*(range(len(support[k])) for k in others)):
                idx = [0] * n
                idx[i] = j
                w = sp.S.One
                for k, c in zip(others, combo):
                    idx[k] = support[k][c]
                    w = w * svars[k][c]
                total += w * u[(i, *idx)]
            eqs.append(total - vvars[i])
        eqs.append(sum(svars[i]) - 1)
    z = [s for row in svars for s in row] + vvars
    F = sp.Matrix(eqs)
    Jz = F.jacobian(z)
    Jt = F.jacobian(theta)
    point: dict[sp.Symbol, sp.Expr] = {syms[k]: exact_value(v) for k, v in values.items()}
    for i in range(n):
        for c, j in enumerate(support[i]):
            point[svars[i][c]] = exact_value(sigma[i][j]) if exact else sp.Float(float(sigma[i][j]))
    # v_i = U_i(j) for the first strategy j of player i's support.
    v_exact = [eqs[sum(len(support[k]) + 1 for k in range(i))].xreplace({**point, vvars[i]: 0}) for i in range(n)]
    for i in range(n):
        point[vvars[i]] = v_exact[i]
    Jz0 = Jz.xreplace(point)
    Jt0 = Jt.xreplace(point)
    if exact:
        Jz0 = Jz0.applyfunc(_exact_number)
        Jt0 = Jt0.applyfunc(_exact_number)
        if Jz0.det() == 0:
            raise GameError(f"{caller}: the equilibrium is not regular (singular Jacobian of its indifference system).")
        D = -Jz0.LUsolve(Jt0)
        D = D.applyfunc(_exact_number)

        def conv(e: sp.Expr) -> Any:
            return Fraction(int(e.p), int(e.q)) if e.is_Rational else float(e)

        dtype: Any = object
    else:
        A = np.array(Jz0.evalf(), dtype=np.float64)
        Bm = np.array(Jt0.evalf(), dtype=np.float64)
        if np.linalg.cond(A) > 1e12:
            raise GameError(f"{caller}: the equilibrium is not regular (singular Jacobian of its indifference system).")
        D = -np.linalg.solve(A, Bm)

        def conv(e: Any) -> Any:
            return float(e)

        dtype = np.float64
    d_strat: dict[str, tuple[np.ndarray, ...]] = {}
    d_pay: dict[str, np.ndarray] = {}
    n_s = sum(len(s) for s in support)
    for col, name in enumerate(names):
        vecs = []
        row = 0
        for i in range(n):
            vec = np.empty(pgame.shape[i], dtype=dtype)
            vec[:] = [Fraction(0) if exact else 0.0] * pgame.shape[i]
            for j in support[i]:
                vec[j] = conv(D[row, col])
                row += 1
            vecs.append(vec)
        d_strat[name] = tuple(vecs)
        pv = np.empty(n, dtype=dtype)
        pv[:] = [conv(D[n_s + i, col]) for i in range(n)]
        d_pay[name] = pv
    payoffs = np.array([float(v) for v in v_exact], dtype=np.float64)
    return ComparativeStatics(
        profile=tuple(np.asarray(s, dtype=np.float64) for s in sigma_f),
        support=support,
        payoffs=payoffs,
        at=values,
        d_strategies=d_strat,
        d_payoffs=d_pay,
        exact=exact,
    )

