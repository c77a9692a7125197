"""Private exact linear algebra (Fractions) and small LP helpers for the bargaining models."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any, cast

import numpy as np
from scipy.optimize import linprog

Number = Any  # Fraction or float


def rref(rows: Sequence[Sequence[Fraction]]) -> tuple[list[list[Fraction]], list[int]]:
    """Reduced row echelon form of a matrix of Fractions and its pivot columns."""
    m = [list(r) for r in rows]
    if not m:
        return m, []
    n_cols = len(m[0])
    pivots: list[int] = []
    r = 0
    for c in range(n_cols):
        piv = next((i for i in range(r, len(m)) if m[i][c] != 0), None)
        if piv is None:
            continue
        m[r], m[piv] = m[piv], m[r]
        inv = 1 / Fraction(m[r][c])
        m[r] = [x * inv for x in m[r]]
        for i in range(len(m)):
            if i != r and m[i][c] != 0:
                f = m[i][c]
                m[i] = [a - f * b for a, b in zip(m[i], m[r])]
        pivots.append(c)
        r += 1
        if r == len(m):
            break
    return m, pivots


def solve_exact(a: Sequence[Sequence[Fraction]], b: Sequence[Fraction]) -> list[Fraction] | None:
    """One exact solution of ``a x = b`` (free variables set to zero), or None if inconsistent."""
    n = len(a[0])
    aug = [list(row) + [Fraction(bi)] for row, bi in zip(a, b)]
    red, pivots = rref(aug)
    if n in pivots:
        return None
    x = [Fraction(0)] * n
    for row, c in zip(red, pivots):
        x[c] = row[n]
    return x


def nullspace_exact(a: Sequence[Sequence[Fraction]]) -> list[list[Fraction]]:
    """A basis of the null space of a matrix of Fractions."""
    n = len(a[0])
    red, pivots = rref(a)
    basis = []
    for free in (c for c in range(n) if c not in pivots):
        v = [Fraction(0)] * n
        v[free] = Fraction(1)
        for row, c in zip(red, pivots):
            v[c] = -row[free]
        basis.append(v)
    return basis


def lottery_lp(points: np.ndarray, target: np.ndarray) -> np.ndarray | None:
    """A basic (vertex) solution ``lam >= 0, sum lam = 1, points.T @ lam = target``, or None."""
    m, n = points.shape
    a_eq = np.vstack([points.T, np.ones((1, m))])
    b_eq = np.concatenate([target, [1.0]])
    res = linprog(np.zeros(m), A_eq=a_eq, b_eq=b_eq, bounds=[(0, None)] * m, method="highs-ds")
    if res.status != 0:
        return None
    lam: np.ndarray = np.clip(cast(np.ndarray, res.x), 0.0, None)  # status 0: res.x is set
    out: np.ndarray = lam / lam.sum()
    return out


def exact_lottery(
    points: Sequence[Sequence[Fraction]], target: Sequence[Fraction], hint: np.ndarray
) -> list[Fraction] | None:
    """Exact lottery weights on the support of the float solution *hint*, verified, or None."""
    support = [j for j in range(len(points)) if hint[j] > 1e-12]
    n = len(target)
    rows = [[points[j][i] for j in support] for i in range(n)] + [[Fraction(1)] * len(support)]
    sol = solve_exact(rows, list(target) + [Fraction(1)])
    if sol is None or any(s < 0 for s in sol):
        return None
    full = [Fraction(0)] * len(points)
    for j, s in zip(support, sol):
        full[j] = s
    for i in range(n):
        if sum(full[j] * points[j][i] for j in support) != target[i]:
            return None  # pragma: no cover - guarded by solve_exact
    return full
