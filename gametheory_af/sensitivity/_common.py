"""Private helpers shared by the sensitivity modules: parameter checks, exact values, profiles."""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from .._expr import sympy_number
from .._validation import _short
from ..exceptions import GameError
from ..parametric import ParametricGame

__all__: list[str] = []


def check_pgame(pgame: Any, caller: str) -> ParametricGame:
    """Raise ``TypeError`` unless *pgame* is a :class:`ParametricGame`."""
    if not isinstance(pgame, ParametricGame):
        raise TypeError(f"{caller}: pgame must be a ParametricGame; got {_short(pgame)} ({type(pgame).__name__}).")
    return pgame


def check_parameter(pgame: ParametricGame, parameter: Any, caller: str, *, what: str = "parameter") -> str:
    """Return *parameter* if it names a parameter of *pgame*, else raise :class:`GameError`."""
    if not isinstance(parameter, str) or parameter not in pgame.parameters:
        raise GameError(
            f"{caller}: unknown {what} {parameter!r}; parameters are {sorted(pgame.parameters)}."
        )
    return parameter


def exact_value(v: Any) -> sp.Expr:
    """A number as a sympy number: rationals exact, floats as ``Float``."""
    return v if isinstance(v, sp.Basic) else sympy_number(v)


def resolve_fixed(
    pgame: ParametricGame,
    fixed: Mapping[str, Any] | None,
    caller: str,
    *,
    free: Sequence[str] = (),
    name: str = "fixed",
) -> dict[str, Any]:
    """Values of every parameter not in *free*: those in *fixed*, defaults otherwise.

    Unknown names, names in *free* and values out of bounds raise :class:`GameError`;
    a *fixed* that is not a mapping a ``TypeError``.
    """
    if fixed is None:
        fixed = {}
    if not isinstance(fixed, Mapping):
        raise TypeError(
            f"{caller}: {name} must be a mapping of parameter name -> value; got {_short(fixed)} ({type(fixed).__name__})."
        )
    params = pgame.parameters
    for k in fixed:
        if k not in params:
            raise GameError(f"{caller}: unknown parameter {k!r} in {name}; parameters are {sorted(params)}.")
        if k in free:
            raise GameError(f"{caller}: parameter {k!r} is varied, so it cannot also be in {name}.")
    out: dict[str, Any] = {}
    for pname, p in params.items():
        if pname in free:
            continue
        if pname in fixed:
            try:
                out[pname] = p.check(fixed[pname], what=f"{name}[{pname!r}]")
            except GameError as err:
                raise GameError(f"{caller}: {err}") from None
        else:
            out[pname] = p.default
    return out


def resolve_range(
    pgame: ParametricGame,
    parameter: str,
    over: Any,
    caller: str,
    *,
    name: str = "over",
    finite: bool = False,
) -> tuple[sp.Expr, sp.Expr]:
    """An exact closed range ``(lo, hi)`` for *parameter*: *over* or the parameter's bounds."""
    p = pgame.parameters[parameter]
    if over is None:
        lo = sp.S.NegativeInfinity if p.lower is None else exact_value(p.lower)
        hi = sp.S.Infinity if p.upper is None else exact_value(p.upper)
        if finite and not (lo.is_finite and hi.is_finite):
            raise GameError(
                f"{caller}: parameter {parameter!r} is unbounded ({p.lower!r}, {p.upper!r}); give {name}=(lo, hi)."
            )
        return lo, hi
    if isinstance(over, (str, bytes)) or not isinstance(over, Sequence) or len(over) != 2:
        raise GameError(f"{caller}: {name} must be a pair (lo, hi); got {_short(over)}.")
    lo_v, hi_v = over
    for v in (lo_v, hi_v):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (numbers.Real, sp.Basic)):
            raise GameError(f"{caller}: {name} must contain real numbers; got {_short(over)}.")
        try:
            fv = float(v)
        except (TypeError, ValueError, OverflowError):
            raise GameError(f"{caller}: {name} must contain finite real numbers; got {_short(over)}.") from None
        if not np.isfinite(fv):
            raise GameError(f"{caller}: {name} must be finite; got {_short(over)}.")
    if float(lo_v) >= float(hi_v):
        raise GameError(f"{caller}: {name} must have lo < hi; got {over!r}.")
    if p.lower is not None and float(lo_v) < float(p.lower):
        raise GameError(
            f"{caller}: {name}={tuple(over)!r} is outside the bounds of {parameter!r}: "
            f"{lo_v!r} is below its lower bound {p.lower!r}."
        )
    if p.upper is not None and float(hi_v) > float(p.upper):
        raise GameError(
            f"{caller}: {name}={tuple(over)!r} is outside the bounds of {parameter!r}: "
            f"{hi_v!r} is above its upper bound {p.upper!r}."
        )
    return exact_value(lo_v), exact_value(hi_v)


def profile_indices(pgame: ParametricGame, profile: Any, caller: str, *, name: str = "profile") -> tuple[int, ...]:
    """A pure profile (strategy indices or names) as a tuple of indices."""
    if isinstance(profile, (str, bytes)) or not isinstance(profile, Sequence):
        raise GameError(f"{caller}: {name} must be a sequence of {pgame.n_players} strategies; got {profile!r}.")
    if len(profile) != pgame.n_players:
        raise GameError(
            f"{caller}: {name} must have one strategy per player ({pgame.n_players}); got {len(profile)} in {profile!r}."
        )
    out = []
    for k, s in enumerate(profile):
        names = pgame.strategies[k]
        if isinstance(s, str):
            if s not in names:
                raise GameError(
                    f"{caller}: unknown strategy {s!r} for player {pgame.players[k]!r} in {name}; "
                    f"strategies are {names!r}."
                )
            out.append(names.index(s))
        elif isinstance(s, (int, np.integer)) and not isinstance(s, bool) and 0 <= int(s) < len(names):
            out.append(int(s))
        else:
            raise GameError(
                f"{caller}: {name}[{k}] must be a strategy name or an index in 0..{len(names) - 1}; got {s!r}."
            )
    return tuple(out)


def all_profiles(shape: Sequence[int]) -> list[tuple[int, ...]]:
    """Every pure profile in lexicographic order."""
    return [tuple(p) for p in itertools.product(*(range(s) for s in shape))]


def profile_label(pgame: Any, profile: Sequence[int]) -> str:
    """Strategy names of a pure profile, joined by commas."""
    return ", ".join(pgame.strategies[k][j] for k, j in enumerate(profile))


def to_python_number(v: sp.Expr) -> Any:
    """An exact sympy number as a :class:`~fractions.Fraction` when rational, else a float."""
    if v.is_Rational:
        return Fraction(int(v.p), int(v.q))
    return float(v)
