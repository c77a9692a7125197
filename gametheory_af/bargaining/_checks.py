"""Private argument checks shared by the bargaining, coalition and war models.

They build on :mod:`gametheory_af._validation` (``check_real`` for the type
and finiteness of a number) and keep exact rationals exact: a number that is an
int, a :class:`~fractions.Fraction` or a sympy rational comes back as a
Fraction, any other real as a float, and bounds are compared exactly.
Messages are in the house form ``"<caller>: <name> must be ...; got <value>."``.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import numpy as np

from .._validation import _short, check_finite, check_real, float_array, is_rational_scalar, to_fraction
from ..exceptions import GameError

Number = Any  # Fraction or float


def number(
    value: Any,
    name: str,
    caller: str,
    *,
    minimum: Any = None,
    maximum: Any = None,
    strict_min: bool = False,
    strict_max: bool = False,
    what: str | None = None,
) -> Number:
    """A finite real number, exact (Fraction) when given as an exact rational, else a float.

    Strings, bools and other non-numbers raise TypeError; NaN, infinities and
    values outside ``[minimum, maximum]`` (strict ends with ``strict_min`` /
    ``strict_max``) raise GameError. *what* describes the allowed range in the
    message (default: the bounds).

    Examples
    --------
    >>> number(0.5, "delta", "f", minimum=0, maximum=1)
    0.5
    >>> number(1, "delta", "f", minimum=0, maximum=1, strict_max=True, what="a discount factor in [0, 1)")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: f: delta must be a discount factor in [0, 1); got 1.
    >>> number("0.9", "delta", "f")
    Traceback (most recent call last):
    ...
    TypeError: f: delta must be a number; got '0.9' (str).
    """
    if isinstance(value, float) and not np.isfinite(value) or isinstance(value, np.floating) and not np.isfinite(value):
        raise GameError(f"{caller}: {name} must be finite; got {float(value)!r}.")
    check_real(value, name, caller)
    out: Number = to_fraction(value) if is_rational_scalar(value) else float(value)
    low_bad = minimum is not None and (out < minimum or (strict_min and out == minimum))
    high_bad = maximum is not None and (out > maximum or (strict_max and out == maximum))
    if low_bad or high_bad:
        if what is None:
            parts = []
            if minimum is not None:
                parts.append(f"{'>' if strict_min else '>='} {minimum}")
            if maximum is not None:
                parts.append(f"{'<' if strict_max else '<='} {maximum}")
            what = " and ".join(parts)
        raise GameError(f"{caller}: {name} must be {what}; got {_short(value)}.")
    return out


def probability(value: Any, name: str, caller: str) -> Number:
    """A probability in [0, 1] (exact when given exactly)."""
    return number(value, name, caller, minimum=0, maximum=1, what="a probability in [0, 1]")


def real_vector(value: Any, name: str, caller: str, *, length: int | None = None) -> tuple[np.ndarray, list[Any]]:
    """A 1-D vector of finite real numbers: the float64 array and the raw entries.

    Bools are refused (TypeError), as are strings and other non-numbers
    (GameError, as for every array argument). With *length*, the vector must
    have exactly that many entries.

    Examples
    --------
    >>> real_vector([1, 2], "weights", "f")[0]
    array([1., 2.])
    >>> real_vector([True, 1], "weights", "f")
    Traceback (most recent call last):
    ...
    TypeError: f: weights must contain numbers, not True/False; got [True, 1].
    """
    if isinstance(value, (str, bytes)) or np.isscalar(value) or value is None:
        raise GameError(f"{caller}: {name} must be a sequence of numbers; got {_short(value)}.")
    arr = float_array(value, name, caller)
    raw = list(np.asarray(value, dtype=object).ravel())
    no_bools(value, name, caller)
    if arr.ndim != 1:
        raise GameError(f"{caller}: {name} must be a 1-D sequence of numbers; got shape {arr.shape}: {_short(value)}.")
    if length is not None and arr.shape[0] != length:
        raise GameError(f"{caller}: {name} must have {length} entries (one per player); got {arr.shape[0]}: {_short(value)}.")
    check_finite(arr, name, caller)
    return arr, raw


def no_bools(value: Any, name: str, caller: str) -> None:
    """Refuse True/False anywhere in a (nested) sequence of numbers (TypeError)."""
    if isinstance(value, np.ndarray):
        if value.dtype == np.bool_:
            raise TypeError(f"{caller}: {name} must contain numbers, not True/False; got {_short(value)}.")
        if value.dtype != object:
            return
    try:
        flat = np.asarray(value, dtype=object).ravel()
    except (TypeError, ValueError):
        return  # ragged or strange: the array conversion reports it
    if any(isinstance(x, (bool, np.bool_)) for x in flat):
        raise TypeError(f"{caller}: {name} must contain numbers, not True/False; got {_short(value)}.")


def labels(values: Any, expected: int, name: str, caller: str) -> tuple[Any, ...]:
    """*expected* distinct hashable labels."""
    if isinstance(values, (str, bytes)):
        raise GameError(f"{caller}: {name} must be a sequence of {expected} labels; got {_short(values)}.")
    try:
        out = tuple(values)
    except TypeError:
        raise GameError(f"{caller}: {name} must be a sequence of {expected} labels; got {_short(values)}.") from None
    if len(out) != expected:
        raise GameError(f"{caller}: {name} must have one label per point ({expected}); got {len(out)}: {_short(out)}.")
    seen: set[Any] = set()
    for x in out:
        if not isinstance(x, Hashable):
            raise GameError(f"{caller}: {name} must be hashable labels; got {_short(x)}.")
        try:
            dup = x in seen
        except TypeError:
            raise GameError(f"{caller}: {name} must be hashable labels; got {_short(x)}.") from None
        if dup:
            raise GameError(f"{caller}: {name} has a duplicate label {_short(x)}.")
        seen.add(x)
    return out


def not_astronomical(value: int, name: str, caller: str, limit: str = "max_entries") -> None:
    """Refuse a count of more than 64 bits before it is squared, raised to a power or printed.

    Python refuses to print integers of more than 4300 digits, so the size
    checks of :mod:`gametheory_af._limits` could not even state such a request.

    Examples
    --------
    >>> not_astronomical(10**30, "n", "f")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: f: n is a 100-bit integer, far over the limit max_entries=100,000,000; raise it with gametheory_af.set_limits(max_entries=...) if you mean it.
    """
    if int(value).bit_length() > 64:
        raise over_limit(caller, f"{name} is a {int(value).bit_length():,}-bit integer", limit, far=True)


def over_limit(caller: str, request: str, limit: str, *, far: bool = False) -> GameError:
    """The error for a *request* beyond the limit *limit*, when it cannot even be counted by ``check_count``.

    Examples
    --------
    >>> over_limit("f", "this asks for 2**200 coalition values", "max_entries")
    GameError('f: this asks for 2**200 coalition values, over the limit max_entries=100,000,000; raise it with gametheory_af.set_limits(max_entries=...) if you mean it.')
    """
    from .._limits import get_limits

    cap = getattr(get_limits(), limit)
    return GameError(
        f"{caller}: {request}, {'far ' if far else ''}over the limit {limit}={cap:,}; "
        f"raise it with gametheory_af.set_limits({limit}=...) if you mean it."
    )
