"""Size, time and parsing limits: documented, configurable, checked before work starts.

A few bytes of input can ask for a great deal of work: a ``.nfg`` header
``{ 1000 1000 1000 }`` asks for a payoff tensor of 3 * 10^9 entries, the number
``1e99999999`` asks :class:`fractions.Fraction` to compute 10^99999999. Every
reader and every computation whose cost grows with its input checks the request
against the limits below *before* it allocates or loops, and refuses with a
:class:`~gametheory_af.GameError` that states what was asked and the limit.

The limits are process-wide settings. Read them with :func:`get_limits`, change
them with :func:`set_limits`, or change them for a block of code with
:func:`limits`::

    >>> import gametheory_af as gt
    >>> gt.get_limits().max_entries
    100000000
    >>> with gt.limits(max_entries=10):
    ...     gt.get_limits().max_entries
    10

A process or Dask worker started by a sweep has the default limits unless it
sets its own.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .exceptions import GameError

__all__ = [
    "Limits",
    "get_limits",
    "set_limits",
    "limits",
    "check_count",
    "check_bytes",
    "MAX_TIME_LIMIT",
    "check_max_time",
    "Clock",
]


@dataclass(frozen=True)
class Limits:
    """The limits in force (see :func:`set_limits`).

    Parameters
    ----------
    max_entries, max_bytes, max_calls, max_digits, max_exponent, max_text : see Attributes
    max_time : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    max_entries : int, default 10^8
        Entries of one array (a payoff tensor, a sweep's result chunk, a grid):
        at 8 bytes each, 800 MB.
    max_bytes : int, default 4 GiB
        Bytes of one allocation that a computation asks for.
    max_calls : int, default 2^22
        Calls of a user function (a characteristic function evaluated on every
        coalition), or work items of a combinatorial loop (coalitions of the
        nucleolus, supports of an enumeration, members of a legislature).
    max_digits : int, default 4300
        Digits of one number in text (numerator and denominator each, and the
        digits of a decimal), as Python's own limit on converting ``str`` to
        ``int``.
    max_exponent : int, default 400
        Absolute value of the decimal exponent of one number in text; ``1e400``
        is refused by the exact readers only beyond this, and by float readers
        whenever it overflows float64.
    max_text : int, default 100_000
        Characters of one expression string (a payoff formula, a parameter value).
    max_time : float or None, default None
        Default ``max_time`` (seconds) of the solvers that take one; ``None``
        means no time limit unless the call gives one.
    """

    max_entries: int = 100_000_000
    max_bytes: int = 4 * 2**30
    max_calls: int = 2**22
    max_digits: int = 4300
    max_exponent: int = 400
    max_text: int = 100_000
    max_time: float | None = None


_current = Limits()


def get_limits() -> Limits:
    """The limits in force.

    Returns
    -------
    Limits
        The current limits (a frozen value; change them with :func:`set_limits`
        or :func:`limits`).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.get_limits().max_digits
    4300
    """
    return _current


def set_limits(**changes: Any) -> Limits:
    """Change limits for the rest of the process; return the previous ones.

    Parameters
    ----------
    **changes
        New values for fields of :class:`Limits`: positive integers (for
        ``max_time``, a positive number or ``None``).

    Returns
    -------
    Limits
        The limits that were in force before, to restore with
        ``set_limits(**dataclasses.asdict(previous))``.

    Raises
    ------
    GameError
        For an unknown name or a value that is not a positive integer.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> old = gt.set_limits(max_entries=1000)
    >>> gt.get_limits().max_entries
    1000
    >>> _ = gt.set_limits(max_entries=old.max_entries)
    """
    global _current
    fields = {f.name for f in dataclasses.fields(Limits)}
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in fields:
            raise GameError(f"set_limits: unknown limit {name!r}; the limits are {sorted(fields)}.")
        if name == "max_time":
            if value is not None:
                if isinstance(value, bool) or not isinstance(value, (int, float)) or not (value > 0) or value != value:
                    raise GameError(f"set_limits: max_time must be a positive number or None; got {value!r}.")
                value = float(value)
        else:
            import numbers

            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value <= 0:
                raise GameError(f"set_limits: {name} must be a positive integer; got {value!r}.")
            value = int(value)
        clean[name] = value
    previous = _current
    _current = dataclasses.replace(_current, **clean)
    return previous


@contextlib.contextmanager
def limits(**changes: Any) -> Iterator[Limits]:
    """Change limits inside a ``with`` block, restoring them after it.

    Parameters
    ----------
    **changes
        New values for fields of :class:`Limits`, as for :func:`set_limits`.

    Yields
    ------
    Limits
        The limits in force inside the block.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> with gt.limits(max_calls=16) as lim:
    ...     lim.max_calls
    16
    >>> gt.get_limits().max_calls
    4194304
    """
    previous = set_limits(**changes)
    try:
        yield _current
    finally:
        set_limits(**dataclasses.asdict(previous))


def check_count(count: int, limit: str, what: str, caller: str) -> None:
    """Refuse *count* items of *what* when it exceeds the limit named *limit*.

    The message states what was asked, the limit, and how to raise it.

    Examples
    --------
    >>> from gametheory_af._limits import check_count
    >>> check_count(10, "max_calls", "coalitions", "nucleolus")
    >>> check_count(2**40, "max_calls", "characteristic-function calls", "from_function")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: from_function: this asks for 1,099,511,627,776 characteristic-function calls, over the limit max_calls=4,194,304; raise it with gametheory_af.set_limits(max_calls=...) if you mean it.
    """
    cap = getattr(_current, limit)
    if count > cap:
        raise GameError(
            f"{caller}: this asks for {count:,} {what}, over the limit {limit}={cap:,}; "
            f"raise it with gametheory_af.set_limits({limit}=...) if you mean it."
        )


def check_bytes(entries: int, itemsize: int, what: str, caller: str) -> None:
    """Refuse an array of *entries* items of *itemsize* bytes beyond ``max_entries`` or ``max_bytes``.

    Examples
    --------
    >>> from gametheory_af._limits import check_bytes
    >>> check_bytes(3 * 1000**3, 8, "payoff entries", "read_nfg")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: read_nfg: this asks for 3,000,000,000 payoff entries (24,000,000,000 bytes), over the limit max_entries=100,000,000; raise it with gametheory_af.set_limits(max_entries=...) if you mean it.
    """
    nbytes = entries * itemsize
    for limit, value in (("max_entries", entries), ("max_bytes", nbytes)):
        cap = getattr(_current, limit)
        if value > cap:
            raise GameError(
                f"{caller}: this asks for {entries:,} {what} ({nbytes:,} bytes), over the limit {limit}={cap:,}; "
                f"raise it with gametheory_af.set_limits({limit}=...) if you mean it."
            )


class _TimeLimitDefault:
    """Marks a ``max_time`` whose default is read from :func:`get_limits` at call time."""

    def __repr__(self) -> str:
        return "<the max_time limit>"

    def __reduce__(self) -> str:
        return "MAX_TIME_LIMIT"


#: Default of every solver's ``max_time``: the ``max_time`` limit in force when the solver is
#: called (``None``, no limit, unless :func:`set_limits` set one).
MAX_TIME_LIMIT: Any = _TimeLimitDefault()


def check_max_time(value: Any, caller: str) -> float | None:
    """A time budget in seconds: a number ``> 0``, ``None`` (unbounded) or :data:`MAX_TIME_LIMIT`.

    Examples
    --------
    >>> check_max_time(2, "f"), check_max_time(None, "f"), check_max_time(MAX_TIME_LIMIT, "f")
    (2.0, None, None)
    >>> check_max_time(0, "f")
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: f: max_time must be > 0; got 0.
    """
    from ._validation import check_real

    if value is MAX_TIME_LIMIT:
        return _current.max_time
    if value is None:
        return None
    return check_real(value, "max_time", caller, minimum=0, strict_min=True)


class Clock:
    """A deadline ``max_time`` seconds from now (never, for ``None``).

    Examples
    --------
    >>> Clock(None).expired(), Clock(3600.0).expired()
    (False, False)
    """

    def __init__(self, max_time: float | None):
        self.max_time = max_time
        self.end = None if max_time is None else time.monotonic() + max_time

    def expired(self) -> bool:
        """True once the deadline has passed."""
        return self.end is not None and time.monotonic() >= self.end

    def remaining(self) -> float | None:
        """Seconds left (at least a millisecond), or ``None`` without a deadline."""
        return None if self.end is None else max(self.end - time.monotonic(), 1e-3)
