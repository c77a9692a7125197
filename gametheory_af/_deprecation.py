"""Deprecated aliases: the old public name keeps working and says which name replaces it."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["deprecated_alias", "warn_deprecated"]


def warn_deprecated(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Issue the one :class:`DeprecationWarning` text the package uses for a renamed name.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     warn_deprecated("old_name", "new_name")
    >>> str(w[0].message)
    'old_name is deprecated; use new_name instead.'
    """
    warnings.warn(f"{old} is deprecated; use {new} instead.", DeprecationWarning, stacklevel=stacklevel)


def deprecated_alias(func: F, old: str, new: str) -> F:
    """A function named *old* that warns (naming *new*) and then calls *func*.

    Examples
    --------
    >>> import warnings
    >>> def area(r): return 3 * r * r
    >>> surface = deprecated_alias(area, "surface", "area")
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     surface(2)
    12
    >>> w[0].category.__name__, surface.__name__
    ('DeprecationWarning', 'surface')
    """

    @functools.wraps(func)
    def alias(*args: Any, **kwargs: Any) -> Any:
        warn_deprecated(old, new)
        return func(*args, **kwargs)

    alias.__name__ = alias.__qualname__ = old.rsplit(".", 1)[-1]
    alias.__doc__ = f"Deprecated alias of :func:`{new}` (emits a DeprecationWarning).\n"
    return alias  # type: ignore[return-value]
