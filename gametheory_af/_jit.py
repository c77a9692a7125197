"""numba, when it is installed: the one place that says how the package's kernels are compiled."""

from __future__ import annotations

from typing import Any


def njit(**options: Any) -> Any:
    """``numba.njit(cache=True, nogil=True, **options)``, or None when numba is not installed.

    Every compiled kernel of the package is made with this decorator: cached on
    disk (compiled once per machine) and releasing the GIL. Modules call it on a
    kernel's first use, so ``import gametheory_af`` never imports numba; a module
    whose kernels are missing (None) runs its numpy route instead.
    """
    try:
        import numba
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    return numba.njit(cache=True, nogil=True, **options)
