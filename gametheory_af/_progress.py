"""The progress bar every long computation shares: a :mod:`tqdm` bar when asked for, else nothing.

:mod:`tqdm` is an optional extra (``pip install gametheory_af[progress]``). A function that
takes ``progress=False`` checks the argument with :func:`check_progress` before any work (a
TypeError for a non-bool, a GameError naming the extra when tqdm is missing), then opens a
bar with :func:`progress_bar` and advances it once per chunk of work, never per item of a
hot loop. With ``progress=False`` the bar is :data:`NO_BAR`, whose methods do nothing, so
the bar costs one no-op call per chunk.

Examples
--------
>>> from gametheory_af._progress import check_progress, progress_bar
>>> on = check_progress(False, "demo")
>>> with progress_bar(on, "demo", 10, unit="pt") as bar:
...     bar.update(10)
>>> bar is NO_BAR
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from ._validation import check_bool
from .exceptions import GameError

__all__ = ["NO_BAR", "Bar", "check_progress", "progress_bar", "progress_range"]


class Bar(Protocol):
    """What a computation does with its bar: advance it by a chunk, close it (or use it in ``with``)."""

    def update(self, n: float | None = 1, /) -> bool | None: ...  # pragma: no cover - a protocol

    def close(self) -> None: ...  # pragma: no cover - a protocol

    def __enter__(self) -> Any: ...  # pragma: no cover - a protocol

    def __exit__(self, *exc: object) -> Any: ...  # pragma: no cover - a protocol


class _NoBar:
    """The bar of ``progress=False``: every method does nothing."""

    __slots__ = ()

    def update(self, n: float | None = 1, /) -> None:
        return None

    def close(self) -> None:
        return None

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __repr__(self) -> str:
        return "NO_BAR"


#: The bar of ``progress=False`` (a singleton whose methods do nothing).
NO_BAR: Bar = _NoBar()


def _tqdm(caller: str) -> Any:
    """The :class:`tqdm.auto.tqdm` class, or a GameError naming the ``progress`` extra."""
    try:
        from tqdm.auto import tqdm
    except ImportError:
        raise GameError(
            f"{caller}(progress=True) needs tqdm; install it with `pip install gametheory_af[progress]`."
        ) from None
    return tqdm


def check_progress(progress: Any, caller: str) -> bool:
    """Check a ``progress`` argument before any work: a bool, and tqdm importable when it is true.

    Raises
    ------
    TypeError
        If *progress* is not a bool (``"yes"``, ``1``, ``None``).
    GameError
        If *progress* is true and tqdm is not installed (names the ``progress`` extra).

    Examples
    --------
    >>> from gametheory_af._progress import check_progress
    >>> check_progress(False, "demo")
    False
    >>> check_progress("yes", "demo")
    Traceback (most recent call last):
    ...
    TypeError: demo: progress must be True or False; got 'yes'.
    """
    on = check_bool(progress, "progress", caller)
    if on:
        _tqdm(caller)
    return on


def progress_bar(progress: bool, caller: str, total: int | None, *, unit: str, desc: str | None = None) -> Bar:
    """A bar of *total* units (``desc`` defaults to *caller*), or :data:`NO_BAR` when *progress* is false.

    *progress* must have been checked by :func:`check_progress`. The bar writes to
    standard error; close it (or use it in a ``with`` block) when the work ends.

    Examples
    --------
    >>> from gametheory_af._progress import progress_bar
    >>> progress_bar(False, "demo", 5, unit="pt")
    NO_BAR
    """
    if not progress:
        return NO_BAR
    bar: Bar = _tqdm(caller)(total=total, unit=unit, desc=desc or caller)
    return bar


def progress_range(start: int, stop: int, progress: Any, caller: str, *, unit: str) -> Iterable[int]:
    """``range(start, stop)``, iterated through a tqdm bar when *progress* is true (checked here).

    For loops whose every item is long (a step of a dynamic over a whole batch, a sympy
    solve); a hot loop of cheap items advances a :func:`progress_bar` per chunk instead.

    Examples
    --------
    >>> from gametheory_af._progress import progress_range
    >>> list(progress_range(1, 4, False, "demo", unit="step"))
    [1, 2, 3]
    """
    if not check_progress(progress, caller):
        return range(start, stop)
    bar: Iterable[int] = _tqdm(caller)(range(start, stop), total=max(0, stop - start), unit=unit, desc=caller)
    return bar
