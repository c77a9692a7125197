"""The one place for exact rational linear algebra (Gauss-Jordan elimination on Fractions).

Every exact linear system of the library goes through here: the indifference
systems of two-player support enumeration, the Baron-Ferejohn stationary
values, the lottery weights and maxmin values of bargaining problems and the
nucleolus's tight coalitions.

- :func:`rref`: reduced row echelon form and pivot columns.
- :func:`solve_unique`: the unique solution of a (possibly overdetermined)
  system, or ``None`` when it has none or more than one.
- :func:`solve_particular`: one solution, free variables set to zero, or
  ``None`` when the system is inconsistent.
- :func:`solve_tall`: :func:`solve_unique` for a tall system (one row per
  coalition, say): independent rows are picked in floating point, solved
  exactly, and every row is then checked exactly.
- :func:`nullspace`: a basis of the null space.

Entries are :class:`~fractions.Fraction` (ints are accepted); the answers are
Fractions.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["rref", "solve_unique", "solve_particular", "solve_tall", "nullspace", "solve_square_floats"]


def rref(rows: Sequence[Sequence[Any]]) -> tuple[list[list[Fraction]], list[int]]:
    """Reduced row echelon form of a matrix of Fractions and its pivot columns.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> red, pivots = rref([[F(2), F(4)], [F(1), F(2)]])
    >>> red, pivots
    ([[Fraction(1, 1), Fraction(2, 1)], [Fraction(0, 1), Fraction(0, 1)]], [0])
    """
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


def solve_unique(rows: Sequence[Sequence[Any]], rhs: Sequence[Any], n_unknowns: int | None = None) -> list[Fraction] | None:
    """The unique solution of ``rows @ x = rhs`` by Gauss-Jordan elimination, or None.

    The system may have more equations than unknowns. Returns ``None`` when it
    is inconsistent or its solution is not unique (a column without a pivot
    stops the elimination at once). *n_unknowns* defaults to the length of the
    first row.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> solve_unique([[F(1), F(1)], [F(1), F(-1)], [F(2), F(0)]], [F(3), F(1), F(4)])
    [Fraction(2, 1), Fraction(1, 1)]
    >>> solve_unique([[F(1), F(1)], [F(2), F(2)]], [F(1), F(2)]) is None  # not unique
    True
    >>> solve_unique([[F(1)], [F(1)]], [F(1), F(2)]) is None  # inconsistent
    True
    """
    n = len(rows[0]) if n_unknowns is None else n_unknowns
    aug = [list(r) + [b] for r, b in zip(rows, rhs)]
    n_rows = len(aug)
    pivot_row = 0
    for col in range(n):
        piv = next((r for r in range(pivot_row, n_rows) if aug[r][col] != 0), None)
        if piv is None:
            return None  # a free variable: the solution is not unique
        aug[pivot_row], aug[piv] = aug[piv], aug[pivot_row]
        prow = aug[pivot_row]
        inv = 1 / Fraction(prow[col])
        prow[:] = [v * inv for v in prow]
        for r in range(n_rows):
            if r != pivot_row:
                f = aug[r][col]
                if f != 0:
                    row = aug[r]
                    row[:] = [a - f * b for a, b in zip(row, prow)]
        pivot_row += 1
    if any(aug[r][-1] != 0 for r in range(pivot_row, n_rows)):
        return None  # inconsistent
    return [aug[r][-1] for r in range(n)]


def solve_particular(a: Sequence[Sequence[Any]], b: Sequence[Any]) -> list[Fraction] | None:
    """One exact solution of ``a x = b`` (free variables set to zero), or None if inconsistent.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> solve_particular([[F(1), F(1)]], [F(3)])
    [Fraction(3, 1), Fraction(0, 1)]
    >>> solve_particular([[F(1)], [F(1)]], [F(1), F(2)]) is None
    True
    """
    n = len(a[0])
    aug = [list(row) + [Fraction(bi)] for row, bi in zip(a, b)]
    red, pivots = rref(aug)
    if n in pivots:
        return None
    x = [Fraction(0)] * n
    for row, c in zip(red, pivots):
        x[c] = row[n]
    return x


def solve_tall(rows: Sequence[Sequence[Any]], rhs: Sequence[Any], n_unknowns: int) -> list[Fraction] | None:
    """The unique solution of a tall system, or None if singular or inconsistent.

    Rows are picked greedily in floating point (Gram-Schmidt) until
    *n_unknowns* independent ones are found; those are solved exactly by
    :func:`solve_unique` and every row is then checked exactly. A system with
    thousands of rows thus costs one small elimination and one pass of exact
    checks.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> solve_tall([[1, 1], [1, 0], [0, 1], [1, 1]], [F(3), F(1), F(2), F(3)], 2)
    [Fraction(1, 1), Fraction(2, 1)]
    >>> solve_tall([[1, 1], [1, 0], [0, 1]], [F(3), F(1), F(5)], 2) is None  # inconsistent
    True
    """
    chosen: list[int] = []
    basis: list[np.ndarray] = []
    for idx, coeffs in enumerate(rows):
        vec = np.array(coeffs, dtype=np.float64)
        r = vec - sum((vec @ b) * b for b in basis) if basis else vec
        norm = float(np.linalg.norm(r))
        if norm > 1e-9:
            basis.append(r / norm)
            chosen.append(idx)
            if len(chosen) == n_unknowns:
                break
    if len(chosen) < n_unknowns:
        return None
    sol = solve_unique(
        [[Fraction(c) for c in rows[i]] for i in chosen], [Fraction(rhs[i]) for i in chosen], n_unknowns
    )
    if sol is None:  # pragma: no cover - rows chosen independent
        return None
    for coeffs, b in zip(rows, rhs):
        if sum((Fraction(c) * s for c, s in zip(coeffs, sol) if c), Fraction(0)) != b:
            return None
    return sol


def nullspace(a: Sequence[Sequence[Any]]) -> list[list[Fraction]]:
    """A basis of the null space of a matrix of Fractions.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> nullspace([[F(1), F(1)]])
    [[Fraction(-1, 1), Fraction(1, 1)]]
    """
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


def solve_square_floats(matrix: Any, rhs: Any) -> list[Fraction] | None:
    """The exact solution of a square system given in floats (their exact binary values), or None if singular.

    Every float is a dyadic rational, so each row scaled by a power of two is a
    row of integers; fraction-free Gaussian elimination (Bareiss 1968) then works
    on Python integers, without the gcd of every :class:`~fractions.Fraction`
    operation, and only the back substitution uses Fractions. This is how an
    ill-conditioned float system is settled exactly.

    Examples
    --------
    >>> solve_square_floats([[2.0, 1.0], [1.0, 3.0]], [1.0, 0.5])
    [Fraction(1, 2), Fraction(0, 1)]
    >>> solve_square_floats([[1.0, 2.0], [0.5, 1.0]], [1.0, 1.0]) is None  # singular
    True
    """
    rows = [list(map(float, r)) for r in matrix]
    b = [float(v) for v in rhs]
    n = len(rows)
    aug: list[list[int]] = []
    for r, bv in zip(rows, b):
        ratios = [v.as_integer_ratio() for v in (*r, bv)]
        scale = max(q for _, q in ratios)  # a power of two: every other denominator divides it
        aug.append([p * (scale // q) for p, q in ratios])
    prev = 1
    for k in range(n):
        piv = next((i for i in range(k, n) if aug[i][k] != 0), None)
        if piv is None:
            return None
        if piv != k:
            aug[k], aug[piv] = aug[piv], aug[k]
        pk = aug[k]
        akk = pk[k]
        for i in range(k + 1, n):
            ri = aug[i]
            aik = ri[k]
            ri[:] = [(akk * ri[j] - aik * pk[j]) // prev if j > k else 0 for j in range(n + 1)]
        prev = akk
    x: list[Fraction] = [Fraction(0)] * n
    for i in range(n - 1, -1, -1):
        acc = Fraction(aug[i][n]) - sum((aug[i][j] * x[j] for j in range(i + 1, n)), Fraction(0))
        x[i] = acc / aug[i][i]
    return x
