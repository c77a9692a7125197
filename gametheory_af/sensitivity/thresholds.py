"""Exact equilibrium thresholds in a payoff parameter.

A pure profile ``a`` is a Nash equilibrium exactly when every player's payoff
at ``a`` is at least its payoff after any unilateral deviation:
``u_i(a) - u_i(b_i, a_{-i}) >= 0`` for every player ``i`` and strategy ``b_i``.
With the payoffs sympy expressions of named parameters, these are inequalities
in the parameters, and the sets of parameter values where each profile is an
equilibrium (and the values where the set of equilibria changes) can be
solved for exactly.

Two-parameter equilibrium maps are in :mod:`~gametheory_af.sensitivity.regions`,
derivatives of an equilibrium in :mod:`~gametheory_af.sensitivity.comparative_statics`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from .._limits import check_count
from .._progress import check_progress, progress_bar
from .._validation import FrozenMapping, check_real
from ..exceptions import GameError
from ..parametric import ParametricGame
from ..result import ResultMixin
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
from ._conditions import (
    _binds_at,
    _cmp,
    _endpoints,
    _interval,
    _root_expression,
    _set_contains,
    _solve_condition,
    _Solved,
)
from ._conditions import _exact_number as _exact_number  # re-exported: comparative_statics imports it from here

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
class EquilibriumCondition(ResultMixin):
    """One no-profitable-deviation condition of a pure profile.

    The profile is an equilibrium only if ``expression >= 0``, where
    ``expression = u_i(profile) - u_i(deviation, profile_{-i})``.

    Parameters
    ----------
    profile, player, deviation, expression, player_name, deviation_name : see Attributes
        Each sets the attribute of the same name.

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


# ---------------------------------------------------------------------------- one profile
@dataclass(frozen=True, eq=False)
class ProfileThreshold(ResultMixin):
    """Where a pure profile is an equilibrium, in one parameter.

    Parameters
    ----------
    profile, parameter, status, lower, upper, lower_value, upper_value : see Attributes
    lower_binding, upper_binding, lower_general, upper_general, set, over : see Attributes
    fixed : see Attributes
        Each sets the attribute of the same name.

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

        Parameters
        ----------
        value : number
            A value of ``parameter``.

        Returns
        -------
        bool
            Whether ``profile`` is an equilibrium there.

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

    Parameters
    ----------
    value, expression, conditions, entering, leaving : see Attributes
        Each sets the attribute of the same name.

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

    Parameters
    ----------
    parameter, over, fixed, boundaries, intervals, profiles, players : see Attributes
    strategies : see Attributes
        Each sets the attribute of the same name.

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

        Parameters
        ----------
        value : number
            A value of ``parameter`` within ``over``.

        Returns
        -------
        tuple of tuples of int
            The pure equilibria, as strategy-index profiles.

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
        """The intervals and their equilibria, in words.

        Returns
        -------
        str
            One line per interval.
        """
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
    progress: bool = False,
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
    progress : bool, default False
        Show a :mod:`tqdm` bar over the pure profiles whose conditions are
        solved (the ``progress`` extra); each costs sympy work.

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
        (:func:`gametheory_af.set_limits`); ``progress=True`` without tqdm installed.
    TypeError
        For a *pgame* that is not a ParametricGame, a *fixed* that is not a
        mapping or a *progress* that is not a bool.

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
    progress = check_progress(progress, caller)
    p = pgame.symbols[parameter]
    subs = {pgame.symbols[k]: exact_value(v) for k, v in values.items()}
    per: dict[tuple[int, ...], ProfileThreshold] = {}
    solved_by: dict[tuple[int, ...], list[_Solved]] = {}
    profiles = all_profiles(pgame.shape)
    with progress_bar(progress, caller, len(profiles), unit="profile") as bar:
        for prof in profiles:
            per[prof], solved_by[prof] = _analyse_profile(pgame, prof, parameter, values, (lo, hi), caller)
            bar.update(1)  # one profile's conditions solved by sympy: far above the bar's cost
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


#: Names that lived in this module before regions.py and comparative_statics.py were split off,
#: and the module that now holds each; still importable from here (they are not in ``__all__``:
#: each is documented once, where it is defined).
_MOVED = {
    "RegionBoundary": "regions",
    "RegionsResult": "regions",
    "regions": "regions",
    "ComparativeStatics": "comparative_statics",
    "comparative_statics": "comparative_statics",
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        import importlib

        return getattr(importlib.import_module(f"{__package__}.{_MOVED[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
