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


# ---------------------------------------------------------------------------
# Arguments: one checker per kind, used by every public entry point.
# Each names the caller, the argument and the value in its message.
# ---------------------------------------------------------------------------


def check_bool(value: Any, name: str, caller: str) -> bool:
    """Accept ``True``/``False`` (and numpy booleans) only; ``'yes'``, ``1`` and ``None`` are refused.

    Examples
    --------
    >>> check_bool(True, "exact", "f")
    True
    >>> check_bool("yes", "exact", "f")
    Traceback (most recent call last):
    ...
    TypeError: f: exact must be True or False; got 'yes'.
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"{caller}: {name} must be True or False; got {_short(value)}.")


def check_int(
    value: Any,
    name: str,
    caller: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    """Accept an integer (not a bool, not a float) within ``[minimum, maximum]``.

    Examples
    --------
    >>> check_int(3, "max_steps", "f", minimum=1)
    3
    >>> check_int(-1, "max_steps", "f", minimum=1)
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: f: max_steps must be an integer >= 1; got -1.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(f"{caller}: {name} must be an integer; got {_short(value)} ({type(value).__name__}).")
    out = int(value)
    if minimum is not None and out < minimum:
        raise GameError(f"{caller}: {name} must be an integer >= {minimum}; got {out}.")
    if maximum is not None and out > maximum:
        raise GameError(f"{caller}: {name} must be an integer <= {maximum}; got {out}.")
    return out


def check_real(
    value: Any,
    name: str,
    caller: str,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    strict_min: bool = False,
    strict_max: bool = False,
) -> float:
    """Accept a finite real number (int, float, Fraction, numpy scalar; not bool, not str).

    ``minimum``/``maximum`` bound it, inclusively unless ``strict_min``/``strict_max``.

    Examples
    --------
    >>> check_real(0.5, "delta", "f", minimum=0, maximum=1, strict_max=True)
    0.5
    >>> check_real(float("nan"), "tol", "f")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: f: tol must be a finite number; got nan.
    >>> check_real("0.9", "delta", "f")
    Traceback (most recent call last):
    ...
    TypeError: f: delta must be a number; got '0.9' (str).
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.integer, np.floating)):
        if type(value).__module__.startswith("sympy") and getattr(value, "is_number", False) and getattr(value, "is_real", False):
            value = float(value)
        else:
            raise TypeError(f"{caller}: {name} must be a number; got {_short(value)} ({type(value).__name__}).")
    try:
        out = float(value)
    except OverflowError:
        raise GameError(f"{caller}: {name} must be a finite number; got {_short(value)}, beyond float64.") from None
    if not np.isfinite(out):
        raise GameError(f"{caller}: {name} must be a finite number; got {out!r}.")
    if minimum is not None and (out < minimum or (strict_min and out == minimum)):
        op = ">" if strict_min else ">="
        raise GameError(f"{caller}: {name} must be {op} {minimum}; got {_short(value)}.")
    if maximum is not None and (out > maximum or (strict_max and out == maximum)):
        op = "<" if strict_max else "<="
        raise GameError(f"{caller}: {name} must be {op} {maximum}; got {_short(value)}.")
    return out


def check_tol(value: Any, caller: str, name: str = "tol") -> float:
    """A tolerance: a finite number ``>= 0``.

    Examples
    --------
    >>> check_tol(1e-9, "f")
    1e-09
    >>> check_tol(-1, "nucleolus")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: nucleolus: tol must be >= 0; got -1.
    """
    return check_real(value, name, caller, minimum=0)


def check_rng(value: Any, caller: str, name: str = "rng") -> np.random.Generator:
    """``None``, a non-negative integer seed, a :class:`numpy.random.SeedSequence` or a Generator.

    Examples
    --------
    >>> int(check_rng(0, "f").integers(10)) == int(check_rng(0, "f").integers(10))
    True
    >>> check_rng("abc", "f")
    Traceback (most recent call last):
    ...
    TypeError: f: rng must be None, a non-negative integer seed or a numpy.random.Generator; got 'abc' (str).
    """
    if value is None or isinstance(value, (np.random.Generator, np.random.SeedSequence)):
        return np.random.default_rng(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(
            f"{caller}: {name} must be None, a non-negative integer seed or a numpy.random.Generator; "
            f"got {_short(value)} ({type(value).__name__})."
        )
    if int(value) < 0:
        raise GameError(f"{caller}: {name} must be a non-negative integer seed; got {int(value)}.")
    return np.random.default_rng(int(value))


def check_choice(value: Any, choices: Sequence[Any], name: str, caller: str) -> Any:
    """One of *choices* (compared with ``==``; strings must match exactly).

    Examples
    --------
    >>> check_choice("serial", ("serial", "process"), "backend", "sweep")
    'serial'
    >>> check_choice("gpu", ("serial", "process"), "backend", "sweep")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: sweep: backend must be one of 'serial', 'process'; got 'gpu'.
    """
    for c in choices:
        if type(value) is type(c) and value == c:
            return c
    listed = ", ".join(repr(c) for c in choices)
    raise GameError(f"{caller}: {name} must be one of {listed}; got {_short(value)}.")


def check_text(value: Any, name: str, caller: str, *, max_length: int | None = None) -> str:
    """A ``str`` no longer than ``max_length`` (default: the ``max_text`` limit).

    Examples
    --------
    >>> check_text("a + b", "expression", "f")
    'a + b'
    >>> check_text(5, "scenario", "from_toml")
    Traceback (most recent call last):
    ...
    TypeError: from_toml: scenario must be a string; got 5 (int).
    """
    from ._limits import get_limits

    if not isinstance(value, str):
        raise TypeError(f"{caller}: {name} must be a string; got {_short(value)} ({type(value).__name__}).")
    cap = get_limits().max_text if max_length is None else max_length
    if len(value) > cap:
        raise GameError(f"{caller}: {name} has {len(value):,} characters, over the limit of {cap:,}: {_short(value)}.")
    return value


# ---------------------------------------------------------------------------
# Numbers in text: bounded before any arithmetic happens.
# ---------------------------------------------------------------------------

import re as _re  # noqa: E402

#: A number as the readers accept it: ASCII digits only, an optional sign, a
#: decimal with an optional exponent, or a ratio of integers ``p/q``. No
#: underscores, no Unicode digits, no ``inf``/``nan``, no whitespace inside.
_NUMBER_RE = _re.compile(
    r"(?P<sign>[+-]?)(?:"
    r"(?P<num>[0-9]+)/(?P<den>[0-9]+)"
    r"|(?P<int>[0-9]*)(?:\.(?P<frac>[0-9]*))?(?:[eE](?P<exp>[+-]?[0-9]+))?"
    r")",
    _re.ASCII,
)


def parse_number(text: Any, name: str, caller: str) -> Fraction:
    """Read a number written in text as an exact :class:`~fractions.Fraction`, within the limits.

    Accepted: ``3``, ``-2.5``, ``.5``, ``1e-3``, ``2/3`` (ASCII digits). Refused,
    with a :class:`GameError` naming *name* and the text, before any arithmetic:
    anything else, more than ``max_digits`` digits, or a decimal exponent beyond
    ``max_exponent`` (see :func:`gametheory_af.set_limits`). This is what stops
    ``1e99999999`` from computing 10^99999999.

    Examples
    --------
    >>> parse_number("-2.5e-1", "payoff", "read_nfg")
    Fraction(-1, 4)
    >>> parse_number("1e99999999", "payoff", "read_nfg")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: read_nfg: payoff '1e99999999' has a decimal exponent of 99,999,999, beyond the limit max_exponent=400.
    >>> parse_number("1_0", "payoff", "read_nfg")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: read_nfg: payoff must be a number such as 3, -2.5, 1e-3 or 2/3; got '1_0'.
    """
    from ._limits import get_limits

    lim = get_limits()
    if not isinstance(text, str):
        raise TypeError(f"{caller}: {name} must be text; got {_short(value=text)} ({type(text).__name__}).")
    if len(text) > 4 * lim.max_digits + 64:
        raise GameError(
            f"{caller}: {name} is {len(text):,} characters long, beyond the limit max_digits={lim.max_digits:,}: {_short(text)}."
        )
    m = _NUMBER_RE.fullmatch(text)
    if m is None or (m["num"] is None and not (m["int"] or m["frac"])):
        raise GameError(f"{caller}: {name} must be a number such as 3, -2.5, 1e-3 or 2/3; got {_short(text)}.")
    sign = -1 if m["sign"] == "-" else 1
    if m["num"] is not None:
        for part in (m["num"], m["den"]):
            if len(part) > lim.max_digits:
                raise GameError(
                    f"{caller}: {name} {_short(text)} has {len(part):,} digits, beyond the limit max_digits={lim.max_digits:,}."
                )
        den = int(m["den"])
        if den == 0:
            raise GameError(f"{caller}: {name} {_short(text)} divides by zero.")
        return Fraction(sign * int(m["num"]), den)
    digits = (m["int"] or "") + (m["frac"] or "")
    if len(digits) > lim.max_digits:
        raise GameError(
            f"{caller}: {name} {_short(text)} has {len(digits):,} digits, beyond the limit max_digits={lim.max_digits:,}."
        )
    exp_text = m["exp"] or "0"
    if len(exp_text.lstrip("+-")) > 12 or abs(int(exp_text)) > lim.max_exponent:
        shown = int(exp_text) if len(exp_text) <= 40 else exp_text
        shown_text = f"{shown:,}" if isinstance(shown, int) else _short(shown)
        raise GameError(
            f"{caller}: {name} {_short(text)} has a decimal exponent of {shown_text}, "
            f"beyond the limit max_exponent={lim.max_exponent:,}."
        )
    mant = int(digits) if digits else 0
    exp = int(exp_text) - len(m["frac"] or "")
    value = Fraction(mant * 10**exp) if exp >= 0 else Fraction(mant, 10**-exp)
    return sign * value


def to_float(value: Any, name: str, caller: str) -> float:
    """A finite float from a number or an exact rational; a GameError when it overflows float64.

    Examples
    --------
    >>> to_float(10**400, "payoff", "NormalFormGame")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: NormalFormGame: payoff 1000... is beyond the float64 range (about 1.8e308).
    """
    try:
        out = float(value)
    except OverflowError:
        raise GameError(f"{caller}: {name} {_short(value)} is beyond the float64 range (about 1.8e308).") from None
    if not np.isfinite(out):
        raise GameError(f"{caller}: {name} must be finite; got {_short(value)}.")
    return out


# ---------------------------------------------------------------------------
# A read-only mapping that pickles (types.MappingProxyType does not), so that
# results can cross process boundaries (process pools, Dask) and be saved.
# ---------------------------------------------------------------------------

from collections.abc import Iterator as _Iterator  # noqa: E402
from collections.abc import Mapping as _Mapping  # noqa: E402


class FrozenMapping(_Mapping[Any, Any]):
    """A read-only mapping that pickles, for the mappings held by frozen results.

    It keeps a private copy of *data*; it has no method that changes it.

    Examples
    --------
    >>> import pickle
    >>> m = FrozenMapping({"tol": 1e-9})
    >>> m["tol"], len(m), pickle.loads(pickle.dumps(m)) == m
    (1e-09, 1, True)
    >>> m["tol"] = 0
    Traceback (most recent call last):
    ...
    TypeError: 'FrozenMapping' object does not support item assignment
    """

    __slots__ = ("_data",)
    _data: dict[Any, Any]

    def __init__(self, data: Any = ()) -> None:
        object.__setattr__(self, "_data", dict(data))

    def __getitem__(self, key: Any) -> Any:
        return self._data[key]

    def __iter__(self) -> _Iterator[Any]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: Any) -> bool:
        return key in self._data

    def __repr__(self) -> str:
        return f"FrozenMapping({self._data!r})"

    def __eq__(self, other: Any) -> bool:
        if isinstance(other, _Mapping):
            return self._data == dict(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a mapping: compared by value, not hashable

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"'FrozenMapping' object is read-only; cannot set {name!r}.")

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMapping, (self._data,))


# ---------------------------------------------------------------------------
# Numbers back to text (messages, scenario files).
# ---------------------------------------------------------------------------


def int_text(n: int) -> str:
    """An integer as text, or its size when it is too long to print (Python refuses str() beyond 4300 digits)."""
    if n.bit_length() > 1000:
        return f"<an integer of about {int(n.bit_length() * 0.30103):,} digits>"
    return str(n)


def fraction_text(x: Fraction) -> str:
    """A Fraction as ``p/q`` (integers as ``p``), huge parts by their size."""
    return int_text(x.numerator) if x.denominator == 1 else f"{int_text(x.numerator)}/{int_text(x.denominator)}"


def number_text(raw: str, name: str, caller: str) -> Fraction:
    """A number written as text, read by the bounded reader (never ``Fraction(str)``, which computes 10^99999999)."""
    try:
        return parse_number(raw.strip(), name, caller)
    except GameError as err:
        if "must be a number such as" not in str(err):
            raise  # a number beyond the limits: parse_number's message says which
        raise GameError(f"{caller}: {name} must be a number or a fraction such as '2/5'; got {_short(raw)}.") from None


def parse_toml(text: str, where: str, caller: str) -> dict[str, Any]:
    """TOML *text* parsed, every failure of the parser as a GameError naming *where*.

    Beside malformed TOML, an integer literal beyond Python's 4300-digit
    conversion limit (a ValueError) and tables nested past the recursion limit
    are refused with the same kind of message, not a traceback.

    Examples
    --------
    >>> parse_toml("a = 1", "the TOML text", "f")
    {'a': 1}
    >>> parse_toml("a = ", "the TOML text", "f")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: f: the TOML text is not valid TOML: Invalid value (at end of document).
    """
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise GameError(f"{caller}: {where} is not valid TOML: {err}.") from None
    except ValueError as err:  # e.g. an integer literal beyond Python's 4300-digit limit
        raise GameError(f"{caller}: {where} is not valid TOML: {_short(str(err), 200)}.") from None
    except RecursionError:
        raise GameError(f"{caller}: {where} is not valid TOML: arrays or tables nested too deep.") from None
