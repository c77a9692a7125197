"""Compiled kernels of :func:`~gametheory_af.solvers.polynomial.polynomial_enumeration` (issue 14).

Each kernel is written in plain loops over scalars and compiled by numba
(``cache=True``) when numba is installed; :mod:`~gametheory_af.solvers.polynomial`
then calls it instead of its numpy route, which stays the reference (and the
route without numba). The kernels compute the same quantities with the same
comparisons, so that the numpy route's answers are kept: small games spend most
of the numpy route in numpy's overhead per call, not in arithmetic.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def _dominated_supports(
    Uf: np.ndarray,
    Rf: np.ndarray,
    weak: bool,
    shape: np.ndarray,
    codes: np.ndarray,
    counts: np.ndarray,
    eps: float,
) -> np.ndarray:  # pragma: no cover - compiled by numba; the same decisions as the numpy route
    """Which support profiles hold a conditionally dominated support strategy (flat, row-major over *counts*).

    *Uf* (n, prod(shape)) holds each player's normalised payoffs, flattened
    row-major; *Rf* the same for the raw payoffs, used when *weak*. ``codes[k, c]``
    is the bit mask of player k's support number c (``counts[k]`` of them).
    Strategy a of a support is dominated given the others' supports when some
    strategy b beats it by more than *eps* against each of their profiles
    (strict), or, with *weak*, is at least as good against all and better
    against one (:func:`~gametheory_af.solvers.polynomial._admissible_supports`).
    """
    n = shape.shape[0]
    total = 1
    for k in range(n):
        total *= counts[k]
    bad = np.zeros(total, dtype=np.bool_)
    stride = np.ones(n, dtype=np.int64)
    for k in range(n - 2, -1, -1):
        stride[k] = stride[k + 1] * shape[k + 1]
    for i in range(n):
        si = shape[i]
        C = 1
        P = 1
        for k in range(n):
            if k != i:
                C *= counts[k]
                P *= shape[k]
        # U[a, p], R[a, p]: player i's payoffs with his strategy a, the others' profile p (row-major)
        U = np.empty((si, P))
        R = np.empty((si, P))
        for p in range(P):
            pp = p
            base = 0
            for k in range(n - 1, -1, -1):
                if k != i:
                    base += (pp % shape[k]) * stride[k]
                    pp //= shape[k]
            for a in range(si):
                U[a, p] = Uf[i, base + a * stride[i]]
                R[a, p] = Rf[i, base + a * stride[i]] if weak else 0.0
        dom = np.zeros((C, si), dtype=np.bool_)
        inc = np.zeros(P, dtype=np.bool_)
        for c in range(C):
            for p in range(P):
                ok = True
                cc = c
                pp = p
                for k in range(n - 1, -1, -1):
                    if k == i:
                        continue
                    ck = cc % counts[k]
                    cc //= counts[k]
                    pk = pp % shape[k]
                    pp //= shape[k]
                    if (codes[k, ck] >> pk) & 1 == 0:
                        ok = False
                inc[p] = ok
            for a in range(si):
                for b in range(si):
                    if b == a:
                        continue
                    mn = np.inf
                    ge = True
                    gt = False
                    for p in range(P):
                        if inc[p]:
                            v = U[b, p] - U[a, p]
                            if v < mn:
                                mn = v
                            if weak:
                                if not R[b, p] >= R[a, p]:
                                    ge = False
                                if R[b, p] > R[a, p]:
                                    gt = True
                    if mn > eps or (weak and ge and gt):
                        dom[c, a] = True
                        break
        for f in range(total):
            ff = f
            c = 0
            mult = 1
            ci = 0
            for k in range(n - 1, -1, -1):
                fk = ff % counts[k]
                ff //= counts[k]
                if k == i:
                    ci = fk
                else:
                    c += fk * mult
                    mult *= counts[k]
            for a in range(si):
                if (codes[i, ci] >> a) & 1 == 1 and dom[c, a]:
                    bad[f] = True
                    break
    return bad


_COMPILED: dict[str, Any] = {}


def kernels() -> dict[str, Any] | None:
    """The numba-compiled kernels by name, or None without numba (then the numpy routes run)."""
    if not _COMPILED:
        try:
            import numba
        except ImportError:  # pragma: no cover - depends on the environment
            _COMPILED["none"] = None
        else:
            jit = numba.njit(cache=True, nogil=True, error_model="numpy")
            _COMPILED["dominated"] = jit(_dominated_supports)
    if "none" in _COMPILED:  # pragma: no cover - depends on the environment
        return None
    return _COMPILED
