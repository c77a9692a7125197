"""Private helpers that turn user input into checked arrays and names."""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .exceptions import GameError

_RATIONAL_TYPES: tuple[type, ...] = (numbers.Rational,)


def is_rational_scalar(x: Any) -> bool:
    """True for exact rationals: ints, Fractions, numpy integers, sympy Rationals."""
    if isinstance(x, bool):
        return True
    if isinstance(x, (numbers.Rational, np.integer)):
        return True
    mod = type(x).__module__
    if mod.startswith("sympy"):
        return bool(getattr(x, "is_Rational", False))
    return False


def to_fraction(x: Any) -> Fraction:
    """Convert a number to a :class:`~fractions.Fraction`.

    Exact rationals convert exactly; a float is read as the shortest decimal that
    prints as it (``0.1`` becomes ``1/10``), which is what a user who typed it meant.
    """
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (bool, int, np.integer)):
        return Fraction(int(x))
    if isinstance(x, numbers.Rational):
        return Fraction(int(x.numerator), int(x.denominator))
    mod = type(x).__module__
    if mod.startswith("sympy") and getattr(x, "is_Rational", False):
        return Fraction(int(x.p), int(x.q))
    xf = float(x)
    if not np.isfinite(xf):
        raise GameError(f"cannot convert {x!r} to an exact rational: not finite.")
    return Fraction(repr(xf))


def float_array(value: Any, name: str, caller: str) -> np.ndarray:
    """Convert *value* to a float64 array, rejecting ragged input and non-numbers."""
    try:
        arr = np.asarray(value)
    except ValueError as err:  # ragged nested sequences in numpy >= 1.24
        raise GameError(f"{caller}: {name} is ragged (nested sequences of unequal length): {_short(value)}.") from err
    if arr.dtype == object:
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError) as err:
            raise GameError(f"{caller}: {name} must contain numbers only; got {_short(value)}.") from err
    elif not (np.issubdtype(arr.dtype, np.number) or arr.dtype == np.bool_):
        raise GameError(f"{caller}: {name} must contain numbers; got dtype {arr.dtype} in {_short(value)}.")
    if np.iscomplexobj(arr):
        raise GameError(f"{caller}: {name} must be real; got complex values.")
    return np.array(arr, dtype=np.float64)


def check_finite(arr: np.ndarray, name: str, caller: str) -> None:
    """Raise a :class:`GameError` naming the first non-finite entry of *arr*."""
    bad = ~np.isfinite(arr)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        raise GameError(f"{caller}: {name} must be finite; found {arr[idx]} at {idx}.")


def unique_names(values: Any, expected: int, name: str, caller: str) -> tuple[str, ...]:
    """Check a sequence of *expected* distinct non-empty strings."""
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise GameError(f"{caller}: {name} must be a sequence of {expected} names; got {values!r}.")
    out = tuple(values)
    if len(out) != expected:
        raise GameError(f"{caller}: {name} must have {expected} names; got {len(out)}: {out!r}.")
    for v in out:
        if not isinstance(v, str) or not v:
            raise GameError(f"{caller}: {name} must be non-empty strings; got {v!r}.")
    seen: set[str] = set()
    for v in out:
        if v in seen:
            raise GameError(f"{caller}: {name} has a duplicate name {v!r}.")
        seen.add(v)
    return out


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
