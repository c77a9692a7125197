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

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np
import sympy as sp

from ..exceptions import DegenerateGameWarning, GameError
from ..game import NormalFormGame
from ..parametric import ParametricGame
from ..result import Equilibrium
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
    "equilibrium_conditions",
    "profile_threshold",
    "thresholds",
]


# ---------------------------------------------------------------------------- conditions
@dataclass(frozen=True, eq=False)
class EquilibriumCondition:
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
@dataclass(frozen=True, eq=False)
class _Solved:
    """Where one condition holds in the parameter, at the fixed values."""

    condition: EquilibriumCondition
    set: sp.Set
    kind: str  # "lower", "upper", "always", "never", "nonlinear"
    root: sp.Expr | None  # symbolic root (linear conditions)


def _linear_parts(g: sp.Expr, p: sp.Symbol) -> tuple[sp.Expr, sp.Expr] | None:
    """``(a, b)`` with ``g = a*p + b`` and ``a, b`` free of *p*, else ``None``."""
    if p not in g.free_symbols:
        return sp.S.Zero, g
    try:
        poly = sp.Poly(g, p)
    except sp.PolynomialError:
        return None
    if poly.degree() > 1:
        return None
    coeffs = poly.all_coeffs()
    a, b = (coeffs[0], coeffs[1]) if len(coeffs) == 2 else (sp.S.Zero, coeffs[0])
    if p in a.free_symbols or p in b.free_symbols:
        return None
    return a, b


def _is_true(rel: Any) -> bool:
    return bool(rel == sp.true or rel is True)


def _solve_condition(
    cond: EquilibriumCondition, p: sp.Symbol, subs: Mapping[sp.Symbol, sp.Expr], domain: sp.Set, caller: str
) -> _Solved:
    g = cond.expression
    lin = _linear_parts(g, p)
    if lin is not None:
        a, b = lin
        a0 = sp.nsimplify(a.xreplace(subs)) if _all_rational(subs) else a.xreplace(subs)
        b0 = sp.nsimplify(b.xreplace(subs)) if _all_rational(subs) else b.xreplace(subs)
        if not (a0.is_number and b0.is_number):
            raise GameError(f"{caller}: condition {cond!r} does not reduce to numbers at the fixed values.")
        if a0 == 0:
            holds = _is_true(b0 >= 0)
            return _Solved(cond, domain if holds else sp.S.EmptySet, "always" if holds else "never", None)
        root = sp.cancel(-b / a)
        r0 = -b0 / a0
        if _is_true(a0 > 0):
            return _Solved(cond, sp.Interval(r0, sp.oo).intersect(domain), "lower", root)
        return _Solved(cond, sp.Interval(-sp.oo, r0).intersect(domain), "upper", root)
    g0 = g.xreplace(subs)
    if _all_rational(subs):
        g0 = sp.nsimplify(g0, rational=False)
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
class ProfileThreshold:
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
        object.__setattr__(self, "fixed", MappingProxyType(dict(self.fixed)))

    @property
    def lower_float(self) -> float | None:
        """``lower_value`` as a float (``None`` when there is no lower threshold)."""
        return None if self.lower_value is None else float(self.lower_value)

    @property
    def upper_float(self) -> float | None:
        """``upper_value`` as a float (``None`` when there is no upper threshold)."""
        return None if self.upper_value is None else float(self.upper_value)

    def contains(self, value: Any) -> bool:
        """Whether the profile is an equilibrium at *value* (exact for rational *value*)."""
        return _is_true(self.set.contains(exact_value(value)))

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
    s: sp.Set = domain
    for sv in solved:
        s = s.intersect(sv.set)
    lower = upper = lower_v = upper_v = None
    lower_b = upper_b = None
    if s is sp.S.EmptySet or s.is_empty:
        status = "never"
        s = sp.S.EmptySet
    else:
        inf, sup = s.inf, s.sup
        has_lower = bool(inf.is_finite) and not _same_number(inf, lo) if lo.is_finite else bool(inf.is_finite)
        has_upper = bool(sup.is_finite) and not _same_number(sup, hi) if hi.is_finite else bool(sup.is_finite)
        connected = isinstance(s, (sp.Interval, sp.FiniteSet)) and (not isinstance(s, sp.FiniteSet) or len(s) == 1)
        if s == sp.S.Reals:
            connected = True
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
                if _in_boundary(sv.set, inf):
                    lower_b = sv.condition
                    lower = _root_expression(sv, inf, p, subs)
                    break
        if has_upper:
            upper_v = sup
            for sv in solved:
                if _in_boundary(sv.set, sup):
                    upper_b = sv.condition
                    upper = _root_expression(sv, sup, p, subs)
                    break
    lower_g = upper_g = None
    if all(sv.kind != "nonlinear" for sv in solved):
        lows = [sv.root for sv in solved if sv.kind == "lower"]
        ups = [sv.root for sv in solved if sv.kind == "upper"]
        lower_g = sp.Max(*lows) if lows else None
        upper_g = sp.Min(*ups) if ups else None
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
        For an unknown parameter or fixed name, a value outside its bounds,
        *over* outside the parameter's bounds, or conditions sympy cannot solve.

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
class Boundary:
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
class ThresholdResult:
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
        object.__setattr__(self, "fixed", MappingProxyType(dict(self.fixed)))
        object.__setattr__(self, "profiles", MappingProxyType(dict(self.profiles)))

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
            When *value* is outside ``over``.
        """
        v = exact_value(value)
        lo, hi = self.over
        if _is_true(v < lo) or _is_true(v > hi):
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
        For an unknown parameter or fixed name, values outside bounds, or
        *over* outside the parameter's bounds.

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
    p = pgame.symbols[parameter]
    subs = {pgame.symbols[k]: exact_value(v) for k, v in values.items()}
    per: dict[tuple[int, ...], ProfileThreshold] = {}
    solved_by: dict[tuple[int, ...], list[_Solved]] = {}
    for prof in all_profiles(pgame.shape):
        per[prof], solved_by[prof] = _analyse_profile(pgame, prof, parameter, values, (lo, hi), caller)
    # Every end point of every profile's set, strictly inside (lo, hi).
    points: list[sp.Expr] = []
    for t in per.values():
        if t.set is sp.S.EmptySet:
            continue
        bd = t.set.boundary
        cands = list(bd) if isinstance(bd, sp.FiniteSet) else [t.set.inf, t.set.sup]
        for v in cands:
            if not v.is_finite or _same_number(v, lo) or _same_number(v, hi):
                continue
            if not any(_same_number(v, w) for w in points):
                points.append(v)
    points.sort(key=lambda v: float(v))
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
            if t.set is sp.S.EmptySet or not _in_boundary(t.set, v):
                continue
            for sv in solved_by[prof]:
                if _in_boundary(sv.set, v):
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
