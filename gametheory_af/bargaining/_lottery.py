"""Private lottery helpers of the bargaining models: a vertex lottery by LP and its exact weights."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np
from scipy.optimize import linprog

from .._exact import solve_particular


def lottery_lp(points: np.ndarray, target: np.ndarray) -> np.ndarray | None:
    """A basic (vertex) solution ``lam >= 0, sum lam = 1, points.T @ lam = target``, or None."""
    m, n = points.shape
    a_eq = np.vstack([points.T, np.ones((1, m))])
    b_eq = np.concatenate([target, [1.0]])
    res = linprog(np.zeros(m), A_eq=a_eq, b_eq=b_eq, bounds=[(0, None)] * m, method="highs-ds")
    if res.status != 0:
        return None
    lam: np.ndarray = np.clip(np.asarray(res.x, dtype=np.float64), 0.0, None)
    out: np.ndarray = lam / lam.sum()
    return out


def exact_lottery(
    points: Sequence[Sequence[Fraction]], target: Sequence[Fraction], hint: np.ndarray
) -> list[Fraction] | None:
    """Exact lottery weights on the support of the float solution *hint*, verified, or None."""
    support = [j for j in range(len(points)) if hint[j] > 1e-12]
    n = len(target)
    rows = [[points[j][i] for j in support] for i in range(n)] + [[Fraction(1)] * len(support)]
    sol = solve_particular(rows, list(target) + [Fraction(1)])
    if sol is None or any(s < 0 for s in sol):
        return None
    full = [Fraction(0)] * len(points)
    for j, s in zip(support, sol):
        full[j] = s
    for i in range(n):
        if sum(full[j] * points[j][i] for j in support) != target[i]:
            return None  # pragma: no cover - guarded by solve_particular
    return full
