"""All equilibria of a nondegenerate bimatrix game by support enumeration, vectorised over supports."""

from __future__ import annotations

import warnings
from itertools import combinations
from math import comb

import numpy as np

from ..exceptions import DegenerateGameWarning
from ..game import NormalFormGame
from ..result import EquilibriumResult
from ._bimatrix import MIN_TIE_TOL, accept, bimatrix, check_options, is_degenerate_pair, normalized, payoff_scale
from .vertex import polytope_vertices

__all__ = ["support_enumeration"]

_METHOD = "support_enumeration"
#: Support pairs solved per batch (bounds memory at about ``_CHUNK * (k + 1)**2`` floats).
_CHUNK = 1 << 14


def support_enumeration(game: NormalFormGame, *, tol: float = 1e-9, exact: bool = False) -> EquilibriumResult:
    """All Nash equilibria of a nondegenerate two-player game, by enumerating equal-size supports.

    For every support size ``k`` and every pair of supports ``I`` (rows) and
    ``J`` (columns) with ``|I| = |J| = k``, the indifference systems

    ``sum_{j in J} A[i, j] y_j = u`` for ``i`` in ``I``, ``sum_j y_j = 1``, and
    ``sum_{i in I} B[i, j] x_i = v`` for ``j`` in ``J``, ``sum_i x_i = 1``

    are solved, and ``(x, y)`` is kept when both are probability vectors and
    no strategy outside the supports does better. The ``C(m, k) * C(n, k)``
    systems of each size are stacked and solved with batched
    :func:`numpy.linalg.solve` calls (in chunks), not one Python call per pair.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    tol : float, default 1e-9
        Relative tolerance. Payoffs are first normalised to ``[1, 2]`` by a
        positive affine map per player (which leaves equilibria unchanged);
        a probability counts as non-negative, and an outside strategy as no
        better, up to ``tol`` on that scale. An equilibrium is returned only if
        its ``max_regret <= tol * max(1, max |payoff|)``. Floats are never
        compared exactly, so equilibria of integer games with ties in the
        arithmetic are not lost.
    exact : bool, default False
        Rebuild each equilibrium in rational arithmetic
        (:meth:`NormalFormGame.exact_payoffs`) by solving its support's
        indifference system with :class:`fractions.Fraction`, and keep it only
        if its regret is exactly zero; ``Equilibrium.exact`` holds the profile.

    Returns
    -------
    EquilibriumResult
        ``method="support_enumeration"``; ``complete`` is True when the game
        is nondegenerate (then every equilibrium was found), False otherwise;
        ``parameters={"tol": ..., "exact": ...}``; ``n_iter`` the number of
        support pairs examined. Equilibria are ordered by total support size.

    Raises
    ------
    GameError
        If the game does not have two players or *tol* is invalid.

    Warns
    -----
    DegenerateGameWarning
        If the game is degenerate: some mixed strategy with support size
        ``k`` has more than ``k`` pure best responses (tested exactly, on the
        vertices of the best-response polytopes). Equilibria with supports of
        unequal size, and continua of equilibria, may then be missed; use
        :func:`vertex_enumeration` for the extreme equilibria.

    Notes
    -----
    Complete for nondegenerate games, in which every equilibrium has supports
    of equal size and a unique solution of its indifference system
    (von Stengel 2007, Prop. 3.3). The number of support pairs is
    ``C(m + n, m) - 1``, so the method is exponential in ``min(m, n)``;
    :func:`vertex_enumeration` is usually much faster beyond ``6 x 6``.
    Singular indifference systems are skipped (they cannot carry an isolated
    equilibrium).

    References
    ----------
    Dickhaut, J., & Kaplan, T. (1991). A program for finding Nash equilibria.
    *The Mathematica Journal* 1(4), 87-93.

    von Stengel, B. (2007). Equilibrium computation for two-player games in
    strategic and extensive form. In Nisan et al. (eds.), *Algorithmic Game
    Theory*, ch. 3, Alg. 3.4. Cambridge University Press.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> res = gt.support_enumeration(gt.catalog.chicken())
    >>> [eq.support for eq in res]
    [((0,), (1,)), ((1,), (0,)), ((0, 1), (0, 1))]
    >>> res[2].profile[0]
    array([0.9, 0.1])
    >>> res.complete
    True

    Exact mode returns Fractions with zero regret:

    >>> gt.support_enumeration(gt.catalog.rock_paper_scissors(), exact=True)[0].exact[0]
    (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3))
    """
    A, B = bimatrix(game, _METHOD)
    tol = check_options(tol, exact, _METHOD)
    tie_tol = max(tol, MIN_TIE_TOL)
    An, Bn = normalized(A), normalized(B)
    m, n = A.shape
    pairs: list[tuple[np.ndarray, np.ndarray]] = []
    sets: list[tuple[list[int], list[int], list[int], list[int]]] = []
    n_pairs = 0
    for k in range(1, min(m, n) + 1):
        rows = np.array(list(combinations(range(m), k)), dtype=np.intp)
        cols = np.array(list(combinations(range(n), k)), dtype=np.intp)
        n_pairs += comb(m, k) * comb(n, k)
        for ri, ci, X, Y in _solve_supports(An, Bn, rows, cols, tie_tol):
            for r, c, x, y in zip(ri.tolist(), ci.tolist(), X, Y):
                pairs.append((x, y))
                sets.append((rows[r].tolist(), cols[c].tolist(), cols[c].tolist(), rows[r].tolist()))
    atol = tol * payoff_scale(game)
    eqs = accept(game, pairs, An=An, Bn=Bn, atol=atol, tie_tol=tie_tol, exact=bool(exact), sets=sets)
    degenerate = any(
        is_degenerate_pair(An, Bn, eq.profile[0], eq.profile[1], tie_tol) for eq in eqs
    ) or _degenerate(An, Bn, tie_tol)
    if degenerate:
        warnings.warn(
            f"{_METHOD}: the game is degenerate (a mixed strategy has more pure best responses than "
            f"its support size); the {len(eqs)} equilibria returned may not be all of them. "
            "Use vertex_enumeration for every extreme equilibrium.",
            DegenerateGameWarning,
            stacklevel=2,
        )
    return EquilibriumResult(
        equilibria=tuple(eqs),
        method=_METHOD,
        complete=not degenerate,
        parameters={"tol": tol, "exact": bool(exact)},
        n_iter=n_pairs,
    )


def _solve_supports(An: np.ndarray, Bn: np.ndarray, rows: np.ndarray, cols: np.ndarray, tie_tol: float):  # type: ignore[no-untyped-def]
    """Yield ``(row-support index, column-support index, x, y)`` arrays of equilibria, chunk by chunk.

    Every pair of a row support (``rows[r]``) and a column support
    (``cols[c]``) of the same size ``k`` is examined. The column player's
    strategy ``y`` solves the bordered system ``[[A_IJ, -1], [1, 0]] [y; u] =
    [0; 1]``; the row player's ``x`` the analogous system in ``B_IJ^T``. Pairs
    are discarded as soon as one of the tests fails, so later (more costly)
    tests run on few survivors.
    """
    m, n = An.shape
    k = rows.shape[1]
    n_rows, n_cols = len(rows), len(cols)
    total = n_rows * n_cols
    border = np.zeros((k + 1, k + 1))
    border[:k, k] = -1.0
    border[k, :k] = 1.0
    rhs = np.zeros(k + 1)
    rhs[k] = 1.0
    for start in range(0, total, _CHUNK):
        flat = np.arange(start, min(start + _CHUNK, total))
        ri, ci = np.divmod(flat, n_cols)
        I, J = rows[ri], cols[ci]
        # Column player's mix y over J making the rows in I indifferent.
        y, ok = _bordered_solve(An[I[:, :, None], J[:, None, :]], border, rhs, tie_tol)
        if not ok.any():
            continue
        ri, ci, I, J, y = ri[ok], ci[ok], I[ok], J[ok], y[ok]
        # Row player's mix x over I making the columns in J indifferent.
        x, ok = _bordered_solve(np.swapaxes(Bn[I[:, :, None], J[:, None, :]], 1, 2), border, rhs, tie_tol)
        if not ok.any():
            continue
        ri, ci, I, J, x, y = ri[ok], ci[ok], I[ok], J[ok], x[ok], y[ok]
        # No profitable deviation outside the supports.
        Y = np.zeros((len(ri), n))
        np.put_along_axis(Y, J, y, axis=1)
        X = np.zeros((len(ri), m))
        np.put_along_axis(X, I, x, axis=1)
        row_pay = Y @ An.T
        col_pay = X @ Bn
        u = np.take_along_axis(row_pay, I, axis=1).max(axis=1)
        v = np.take_along_axis(col_pay, J, axis=1).max(axis=1)
        ok = (row_pay.max(axis=1) <= u + tie_tol) & (col_pay.max(axis=1) <= v + tie_tol)
        if ok.any():
            yield ri[ok], ci[ok], X[ok], Y[ok]


def _bordered_solve(M: np.ndarray, border: np.ndarray, rhs: np.ndarray, tie_tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Solve the stacked systems ``[[M, -1], [1, 0]] [p; w] = [0; 1]``; flag non-negative solutions.

    Returns the probability parts ``p`` (clipped at zero) and a mask of the
    systems that are nonsingular with ``p >= -tie_tol``.
    """
    P, k, _ = M.shape
    full = np.broadcast_to(border, (P, k + 1, k + 1)).copy()
    full[:, :k, :k] = M
    det = np.linalg.det(full)
    scale = np.prod(np.linalg.norm(full, axis=2), axis=1)
    nonsing = np.abs(det) > 1e-12 * scale
    sol = np.zeros((P, k + 1))
    if nonsing.all():
        sol = np.linalg.solve(full, np.broadcast_to(rhs, (P, k + 1))[:, :, None])[:, :, 0]
    elif nonsing.any():
        sol[nonsing] = np.linalg.solve(full[nonsing], np.broadcast_to(rhs, (int(nonsing.sum()), k + 1))[:, :, None])[:, :, 0]
    p = sol[:, :k]
    ok = nonsing & (p >= -tie_tol).all(axis=1)
    return np.clip(p, 0.0, None), ok


def _degenerate(An: np.ndarray, Bn: np.ndarray, tie_tol: float) -> bool:
    """Exact test of degeneracy: a vertex of a best-response polytope with more labels than its dimension.

    A game is degenerate iff some mixed strategy of support size ``k`` has more
    than ``k`` pure best responses, iff some point of ``P = {x >= 0 : B^T x <=
    1}`` (or of ``Q``) has more binding constraints than the dimension; every
    such point lies on a face whose vertices have at least those labels.
    """
    m, n = An.shape
    _, LX = polytope_vertices(Bn.T, tol=tie_tol)
    if (LX.sum(axis=1) > m).any():
        return True
    _, LY = polytope_vertices(An, tol=tie_tol)
    return bool((LY.sum(axis=1) > n).any())
