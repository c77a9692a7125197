"""Private helpers shared by the two-player solvers (support, vertex, Lemke-Howson, zero-sum).

Conventions used throughout: ``A`` and ``B`` are the ``(m, n)`` payoff matrices
of the row player (player 0, mixed strategy ``x``) and the column player
(player 1, mixed strategy ``y``). Labels follow von Stengel (2007): ``0..m-1``
are the row player's strategies, ``m..m+n-1`` the column player's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..exceptions import GameError
from ..game import NormalFormGame
from ..profiles import _check_tol
from ..result import SUPPORT_TOL, Equilibrium, make_equilibrium

#: Ties are never recognised more tightly than this (relative to payoffs normalised to [1, 2]).
MIN_TIE_TOL = 64 * np.finfo(np.float64).eps


def bimatrix(game: Any, caller: str) -> tuple[np.ndarray, np.ndarray]:
    """Check that *game* is a two-player :class:`NormalFormGame`; return its ``(A, B)``."""
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"{caller}: game must be a NormalFormGame; got {type(game).__name__}.")
    if game.n_players != 2:
        raise GameError(
            f"{caller}: game must have 2 players; got {game.n_players} (shape {tuple(game.shape)})."
        )
    return game.payoffs[0], game.payoffs[1]


def check_options(tol: Any, exact: Any, caller: str) -> float:
    """Validate the shared ``tol`` and ``exact`` options; return ``tol`` as a float."""
    try:
        _check_tol(tol)
    except GameError as err:
        raise GameError(f"{caller}: {err}") from None
    if not isinstance(exact, (bool, np.bool_)):
        raise TypeError(f"{caller}: exact must be True or False; got {exact!r}.")
    return float(tol)


def payoff_scale(game: NormalFormGame) -> float:
    """``max(1, max |payoff|)``: the scale by which regret tolerances are multiplied."""
    return max(1.0, float(np.abs(game.payoffs).max(initial=0.0)))


def normalized(M: np.ndarray) -> np.ndarray:
    """A positive affine image of *M* with entries in ``[1, 2]`` (all ones if *M* is constant).

    Positive affine changes of a player's payoffs leave best responses, and so
    equilibria, unchanged; the normalisation makes every polytope bounded and
    every tolerance relative.
    """
    lo = float(M.min())
    span = float(M.max()) - lo
    if span <= 0.0:
        return np.ones_like(M, dtype=np.float64)
    return (M - lo) / span + 1.0


# ---------------------------------------------------------------------------- exact arithmetic
def solve_exact(rows: list[list[Fraction]], rhs: list[Fraction], n_unknowns: int) -> list[Fraction] | None:
    """Solve a (possibly overdetermined) rational linear system by Gauss-Jordan elimination.

    Returns the unique solution, or ``None`` when the system is inconsistent or
    its solution is not unique.
    """
    aug = [list(r) + [b] for r, b in zip(rows, rhs)]
    n_rows = len(aug)
    pivot_row = 0
    pivots: list[int] = []
    for col in range(n_unknowns):
        piv = next((r for r in range(pivot_row, n_rows) if aug[r][col] != 0), None)
        if piv is None:
            return None  # a free variable: the solution is not unique
        aug[pivot_row], aug[piv] = aug[piv], aug[pivot_row]
        prow = aug[pivot_row]
        inv = 1 / prow[col]
        prow[:] = [v * inv for v in prow]
        for r in range(n_rows):
            if r != pivot_row:
                f = aug[r][col]
                if f != 0:
                    row = aug[r]
                    row[:] = [a - f * b for a, b in zip(row, prow)]
        pivots.append(col)
        pivot_row += 1
    if any(aug[r][-1] != 0 for r in range(pivot_row, n_rows)):
        return None  # inconsistent
    return [aug[r][-1] for r in range(n_unknowns)]


def exact_mixed(M: np.ndarray, support: Iterable[int], tight: Iterable[int]) -> list[Fraction] | None:
    """The mixed strategy on *support* that makes the opponent indifferent among *tight*.

    ``M`` is an ``(s, t)`` object array of Fractions in which ``M[i, j]`` is the
    *opponent's* payoff when this player plays ``i`` and the opponent ``j``
    (``B`` for the row player, ``A.T`` for the column player). The unknowns are
    the probabilities on *support* and the opponent's payoff ``v``; the
    equations are ``sum_i M[i, j] x_i = v`` for ``j`` in *tight* and
    ``sum_i x_i = 1``. Returns the full probability vector, or ``None`` when the
    solution is not unique, does not exist, or has a negative entry.
    """
    sup = list(support)
    k = len(sup)
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    for j in tight:
        rows.append([M[i, j] for i in sup] + [Fraction(-1)])
        rhs.append(Fraction(0))
    rows.append([Fraction(1)] * k + [Fraction(0)])
    rhs.append(Fraction(1))
    sol = solve_exact(rows, rhs, k + 1)
    if sol is None:
        return None
    out = [Fraction(0)] * M.shape[0]
    for i, p in zip(sup, sol[:k]):
        if p < 0:
            return None
        out[i] = p
    return out


def exact_equilibrium(
    game: NormalFormGame,
    Aex: np.ndarray,
    Bex: np.ndarray,
    sets: tuple[Sequence[int], Sequence[int], Sequence[int], Sequence[int]],
) -> Equilibrium | None:
    """Rebuild an equilibrium in rational arithmetic and verify it exactly.

    *sets* is ``(support_x, tight_x, support_y, tight_y)``: the row player's
    support, the columns it makes indifferent, the column player's support and
    the rows it makes indifferent. Returns ``None`` unless the rebuilt profile
    has zero regret in exact arithmetic.
    """
    sx, tx, sy, ty = sets
    x = exact_mixed(Bex, sx, tx)
    if x is None:
        return None
    y = exact_mixed(Aex.T, sy, ty)
    if y is None:
        return None
    xa = np.empty(len(x), dtype=object)
    xa[:] = x
    ya = np.empty(len(y), dtype=object)
    ya[:] = y
    row_pay = Aex.dot(ya)
    col_pay = xa.dot(Bex)
    if max(row_pay.tolist()) != xa.dot(row_pay) or max(col_pay.tolist()) != col_pay.dot(ya):
        return None
    return make_equilibrium(game, (x, y), exact=True)


# ---------------------------------------------------------------------------- float post-processing
def polish(An: np.ndarray, Bn: np.ndarray, x: np.ndarray, y: np.ndarray, tie_tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Re-solve the indifference systems of the supports and ties of ``(x, y)`` by least squares.

    Returns the polished pair (clipped to the simplex); callers keep whichever
    of the two pairs has the smaller regret.
    """
    out = []
    for s, M in ((x, Bn), (y, An.T)):
        sup = np.flatnonzero(s > tie_tol)
        pay = s @ M  # the opponent's payoff to each of its strategies
        tight = np.flatnonzero(pay >= pay.max() - tie_tol)
        k = sup.size
        sys = np.zeros((tight.size + 1, k + 1))
        sys[:-1, :k] = M[np.ix_(sup, tight)].T
        sys[:-1, k] = -1.0
        sys[-1, :k] = 1.0
        rhs = np.zeros(tight.size + 1)
        rhs[-1] = 1.0
        sol = np.linalg.lstsq(sys, rhs, rcond=None)[0]
        v = np.zeros_like(s)
        v[sup] = np.clip(sol[:k], 0.0, None)
        total = v.sum()
        out.append(v / total if total > 0 else s)
    return out[0], out[1]


def tight_sets(
    An: np.ndarray, Bn: np.ndarray, x: np.ndarray, y: np.ndarray, tie_tol: float
) -> tuple[list[int], list[int], list[int], list[int]]:
    """``(support_x, best responses to x, support_y, best responses to y)`` up to *tie_tol*."""
    col_pay = x @ Bn
    row_pay = An @ y
    return (
        [int(i) for i in np.flatnonzero(x > tie_tol)],
        [int(j) for j in np.flatnonzero(col_pay >= col_pay.max() - tie_tol)],
        [int(j) for j in np.flatnonzero(y > tie_tol)],
        [int(i) for i in np.flatnonzero(row_pay >= row_pay.max() - tie_tol)],
    )


def is_degenerate_pair(An: np.ndarray, Bn: np.ndarray, x: np.ndarray, y: np.ndarray, tie_tol: float) -> bool:
    """True when a player has more pure best responses than the opponent's support size."""
    sx, bx, sy, by = tight_sets(An, Bn, x, y, tie_tol)
    return len(bx) > len(sx) or len(by) > len(sy)


def accept(
    game: NormalFormGame,
    candidates: Iterable[tuple[np.ndarray, np.ndarray]],
    *,
    An: np.ndarray,
    Bn: np.ndarray,
    atol: float,
    tie_tol: float,
    exact: bool,
    sets: Iterable[tuple[Sequence[int], Sequence[int], Sequence[int], Sequence[int]] | None] | None = None,
) -> list[Equilibrium]:
    """Certify, polish, deduplicate and sort candidate equilibria.

    In float mode a candidate is kept when its ``max_regret <= atol`` (after
    polishing, if that helps). In exact mode each candidate is rebuilt in
    rational arithmetic from its supports and ties (``sets`` if given, else read
    off the float profile) and kept only with exact zero regret.
    """
    cands = list(candidates)
    set_list = list(sets) if sets is not None else [None] * len(cands)
    found: list[Equilibrium] = []
    if exact:
        Uex = game.exact_payoffs()
        Aex, Bex = Uex[0], Uex[1]
        seen: set[tuple[tuple[Fraction, ...], ...]] = set()
        for (x, y), st in zip(cands, set_list):
            tries = [st] if st is not None else []
            tries.append(tight_sets(An, Bn, x, y, tie_tol))
            for s in tries:
                eq = exact_equilibrium(game, Aex, Bex, s)
                if eq is not None:
                    if eq.exact not in seen:
                        seen.add(eq.exact)  # type: ignore[arg-type]
                        found.append(eq)
                    break
    elif cands:
        found = _certify_floats(game, cands, An, Bn, atol, tie_tol)
    if len(found) > 1:
        found.sort(key=_order)
    return found


def _certify_floats(
    game: NormalFormGame,
    cands: list[tuple[np.ndarray, np.ndarray]],
    An: np.ndarray,
    Bn: np.ndarray,
    atol: float,
    tie_tol: float,
) -> list[Equilibrium]:
    """Vectorised regret certificates for float candidates; polish only where it matters."""
    A, B = game.payoffs[0], game.payoffs[1]
    X = _to_simplex(np.array([c[0] for c in cands], dtype=np.float64))
    Y = _to_simplex(np.array([c[1] for c in cands], dtype=np.float64))
    regret, row_val, col_val = _regrets(A, B, X, Y)
    # Re-solve the indifference systems of candidates whose certificate is not at round-off level.
    for e in np.flatnonzero(regret > 1e-13 * payoff_scale(game)).tolist():
        px, py = polish(An, Bn, X[e], Y[e], tie_tol)
        px, py = _to_simplex(px[None]), _to_simplex(py[None])
        r2, u0, u1 = _regrets(A, B, px, py)
        if r2[0] < regret[e]:
            X[e], Y[e], regret[e], row_val[e], col_val[e] = px[0], py[0], r2[0], u0[0], u1[0]
    keep = np.flatnonzero(regret <= atol)
    X, Y, regret, row_val, col_val = X[keep], Y[keep], regret[keep], row_val[keep], col_val[keep]
    if len(keep) > 1:  # merge duplicates (profiles within 1e-8 in every coordinate)
        Z = np.concatenate([X, Y], axis=1)
        dist = np.abs(Z[:, None, :] - Z[None, :, :]).max(axis=2)
        unique = ~np.triu(dist <= 1e-8, k=1).any(axis=0)
        X, Y, regret, row_val, col_val = X[unique], Y[unique], regret[unique], row_val[unique], col_val[unique]
    out = []
    for x, y, r, u0, u1 in zip(X, Y, regret.tolist(), row_val.tolist(), col_val.tolist()):
        x, y = x.copy(), y.copy()
        x.setflags(write=False)
        y.setflags(write=False)
        pay = np.array([u0, u1])
        pay.setflags(write=False)
        support = (tuple(np.flatnonzero(x).tolist()), tuple(np.flatnonzero(y).tolist()))
        out.append(Equilibrium(profile=(x, y), payoffs=pay, support=support, max_regret=r))
    return out


def _regrets(A: np.ndarray, B: np.ndarray, X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Max regret and both players' payoffs at each profile ``(X[e], Y[e])``.

    The regret is computed as :func:`gametheory_af.profiles.regrets` does.
    """
    row_pay = Y @ A.T
    col_pay = X @ B
    u0 = (X * row_pay).sum(axis=1)
    u1 = (Y * col_pay).sum(axis=1)
    regret = np.maximum(np.maximum(row_pay.max(axis=1) - u0, col_pay.max(axis=1) - u1), 0.0)
    return regret, u0, u1


def _to_simplex(V: np.ndarray) -> np.ndarray:
    """Rows clipped to be non-negative, probabilities at round-off level set to zero, rescaled to sum to one."""
    V = np.maximum(V, 0.0)
    total = V.sum(axis=1, keepdims=True)
    if not (total > 0).all():  # pragma: no cover - candidates are never the zero vector
        V[(total <= 0)[:, 0]] = 1.0
        total = V.sum(axis=1, keepdims=True)
    V /= total
    small = V <= SUPPORT_TOL
    if small.any():
        V[small] = 0.0
        V /= V.sum(axis=1, keepdims=True)
    return V


def _order(eq: Equilibrium) -> tuple[Any, ...]:
    return (sum(len(s) for s in eq.support), eq.support, (-np.concatenate(eq.profile)).tolist())
