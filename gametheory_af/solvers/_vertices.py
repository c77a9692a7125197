"""Private: the vertices of the best-response polytopes ``{z >= 0 : C z <= 1}`` of a
bimatrix game, and the degeneracy test built on them.

Shared by :mod:`~gametheory_af.solvers.vertex` (which enumerates the vertices) and
:mod:`~gametheory_af.solvers.support` (which tests degeneracy), so neither imports the
other's private helpers.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import numpy as np

from .._exact import solve_unique

__all__ = [
    "polytope_vertices",
    "hull_vertices",
    "hull_facets",
    "hull_equations",
    "basis_vertices",
    "degenerate_game",
    "degeneracy_confirmed",
]


def polytope_vertices(C: np.ndarray, *, tol: float = 1e-9) -> tuple[np.ndarray, np.ndarray]:
    """Vertices and labels of the polytope ``{z >= 0 : C z <= 1}`` for a positive matrix ``C``.

    Parameters
    ----------
    C : numpy.ndarray of shape (c, d)
        Strictly positive constraint matrix (so the polytope is bounded).
    tol : float, default 1e-9
        Tolerance for a constraint to count as binding.

    Returns
    -------
    vertices : numpy.ndarray of shape (V, d)
        Every vertex once, the origin included.
    labels : numpy.ndarray of bool, shape (V, d + c)
        ``labels[v, i]`` for ``i < d`` when ``z_i = 0``; ``labels[v, d + k]``
        when ``(C z)_k = 1``.

    Notes
    -----
    With the interior point ``c0 = t * 1``, ``t = 1 / (1 + max row sum)``, the
    polytope is ``{w : G w <= h'}`` in ``w = z - c0`` with ``h' > 0``; its
    vertices are the facets of the convex hull of the points ``G_k / h'_k``
    (polar duality; Ziegler 1995, sec. 2.3), computed by Qhull. One-dimensional
    polytopes, and inputs on which Qhull fails, use direct enumeration of all
    ``d``-subsets of constraints instead.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_af.solvers.vertex import polytope_vertices
    >>> V, L = polytope_vertices(np.array([[1.0, 1.0]]))
    >>> sorted(map(tuple, V.round(6).tolist()))
    [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0)]
    """
    C = np.asarray(C, dtype=np.float64)
    c, d = C.shape
    Z = None
    if d >= 2:
        Z = hull_vertices(C)
    if Z is None:
        Z = basis_vertices(C, tol)
    Cz = Z @ C.T
    ok = (Z >= -tol).all(axis=1) & (Cz <= 1.0 + tol).all(axis=1)
    if not ok.all():
        Z, Cz = Z[ok], Cz[ok]
    labels = np.concatenate([Z <= tol, Cz >= 1.0 - tol], axis=1)
    np.clip(Z, 0.0, None, out=Z)
    if (np.count_nonzero(labels, axis=1) == d).all():
        return Z, labels  # simple vertices: distinct facets give distinct vertices
    # A vertex is determined by its binding constraints: merge copies (Qhull triangulates
    # the polar's non-simplicial facets, which repeats degenerate vertices).
    _, first = np.unique(np.packbits(labels, axis=1), axis=0, return_index=True)
    first.sort()
    return Z[first], labels[first]


def hull_vertices(C: np.ndarray) -> np.ndarray | None:
    """The vertices of ``{z >= 0 : C z <= 1}`` from the facets of the polar point set (Qhull), or None if Qhull fails."""
    facets = hull_facets(C)
    if facets is None:
        return None
    eq, t = facets
    offset = eq[:, -1]
    good = offset < -1e-14
    if not good.all():  # pragma: no cover - a facet through the interior point: Qhull precision trouble
        return None
    out: np.ndarray = -eq[:, :-1] / offset[:, None] + t
    return out


def hull_facets(C: np.ndarray) -> tuple[np.ndarray, float] | None:
    """``(equations, t)``: the polar hull's facets, whose vertex ``k`` is ``-eq[k, :-1] / eq[k, -1] + t``; None if Qhull fails."""
    from scipy.spatial import QhullError

    c, d = C.shape
    rows = C.sum(axis=1)
    t = 1.0 / (1.0 + float(rows.max()))
    points = np.empty((d + c, d))
    points[:d] = np.eye(d) * (-1.0 / t)
    points[d:] = C / (1.0 - t * rows)[:, None]
    try:
        return hull_equations(points), t
    except (QhullError, ValueError):
        return None


def hull_equations(points: np.ndarray) -> np.ndarray:
    """The facet equations of the convex hull of *points*: those of :class:`scipy.spatial.ConvexHull`.

    Qhull is run through SciPy's low-level wrapper with ``ConvexHull``'s own
    options (``Qx`` from five dimensions on; ``Qt`` always), skipping what
    ``ConvexHull`` adds on top (the hull's volume and area, computed from
    every facet): a quarter of the time on small polytopes. If that wrapper is
    not there (it is private to SciPy), ``ConvexHull`` itself is used.
    """
    from scipy.spatial import ConvexHull

    points = np.ascontiguousarray(points, dtype=np.float64)
    try:
        from scipy.spatial import _qhull

        low_level: Any = _qhull._Qhull
    except (ImportError, AttributeError):  # pragma: no cover - depends on the SciPy version
        return np.asarray(ConvexHull(points).equations, dtype=np.float64)
    options = b"Qx" if points.shape[1] > 4 else b""
    try:
        qhull = low_level(b"i", points, options, required_options=b"Qt")
    except TypeError:  # pragma: no cover - the private wrapper's signature changed
        return np.asarray(ConvexHull(points).equations, dtype=np.float64)
    try:
        qhull.triangulate()
        equations = qhull.get_simplex_facet_array()[2]
    finally:
        qhull.close()
    return np.asarray(equations, dtype=np.float64)


def basis_vertices(C: np.ndarray, tol: float, chunk: int = 1 << 15) -> np.ndarray:
    """All feasible basic solutions: every ``d`` of the ``d + c`` constraints made binding."""
    c, d = C.shape
    G = np.concatenate([np.eye(d), C])  # z_i >= 0 written as e_i z = 0 when binding
    h = np.concatenate([np.zeros(d), np.ones(c)])
    out = []
    combos = combinations(range(d + c), d)
    while True:
        block = np.array([cmb for _, cmb in zip(range(chunk), combos)], dtype=np.intp)
        if block.size == 0:
            break
        M = G[block]
        det = np.linalg.det(M)
        norms = np.prod(np.linalg.norm(M, axis=2), axis=1)
        nonsing = np.abs(det) > 1e-12 * norms
        if nonsing.any():
            z = np.linalg.solve(M[nonsing], h[block[nonsing]][:, :, None])[:, :, 0]
            feas = (z >= -tol).all(axis=1) & (z @ C.T <= 1.0 + tol).all(axis=1)
            out.append(z[feas])
    return np.concatenate(out) if out else np.zeros((0, d))


def degenerate_game(An: np.ndarray, Bn: np.ndarray, tie_tol: float) -> bool:
    """Exact test of degeneracy: a vertex of a best-response polytope with more labels than its dimension.

    A game is degenerate iff some mixed strategy of support size ``k`` has more
    than ``k`` pure best responses, iff some point of ``P = {x >= 0 : B^T x <=
    1}`` (or of ``Q``) has more binding constraints than the dimension; every
    such point lies on a face whose vertices have at least those labels.
    """
    return _has_degenerate_vertex(Bn.T, tie_tol) or _has_degenerate_vertex(An, tie_tol)


def _has_degenerate_vertex(C: np.ndarray, tol: float) -> bool:
    """Whether a vertex of ``{z >= 0 : C z <= 1}`` has more labels than its dimension.

    The labels of :func:`polytope_vertices` (same vertices, same tolerance),
    counted without building the label matrix.
    """
    C = np.asarray(C, dtype=np.float64)
    c, d = C.shape
    Z = hull_vertices(C) if d >= 2 else None
    if Z is None:
        Z = basis_vertices(C, tol)
    Cz = Z @ C.T
    ok = (Z >= -tol).all(axis=1) & (Cz <= 1.0 + tol).all(axis=1)
    counts = np.count_nonzero(Z <= tol, axis=1) + np.count_nonzero(Cz >= 1.0 - tol, axis=1)
    return bool((counts[ok] > d).any())


def degeneracy_confirmed(game: Any, An: np.ndarray, Bn: np.ndarray, tie_tol: float) -> bool:
    """Whether a vertex that float64 finds degenerate (more labels than the dimension) is one exactly.

    Each float vertex of ``P`` or ``Q`` with more than ``d`` labels up to
    *tie_tol* is checked in rational arithmetic on the exactly normalised payoffs
    (:meth:`NormalFormGame.exact_payoffs`): all its labels are made binding
    (:func:`gametheory_af._exact.solve_unique` on the overdetermined system); a
    unique, feasible solution is a vertex with more binding constraints than
    the dimension, so the game is degenerate. When no float-degenerate vertex
    passes, the extra labels were near-ties (``savani_von_stengel(4)`` has a
    vertex of ``P`` with a slack of 3.8e-10, below the default ``tol``).
    """
    from ._bimatrix import normalized_exact

    U = game.exact_payoffs()
    for Cf, Cx in ((Bn.T, normalized_exact(U[1]).T), (An, normalized_exact(U[0]))):
        c, d = Cf.shape
        _, L = polytope_vertices(Cf, tol=tie_tol)
        rows_x = [Cx[k].tolist() for k in range(c)]
        for r in np.flatnonzero(np.count_nonzero(L, axis=1) > d).tolist():
            rows: list[list[Any]] = []
            rhs: list[int] = []
            for lab in np.flatnonzero(L[r]).tolist():
                if lab < d:
                    rows.append([int(i == lab) for i in range(d)])
                    rhs.append(0)
                else:
                    rows.append(rows_x[lab - d])
                    rhs.append(1)
            z = solve_unique(rows, rhs, d)
            if z is None or min(z) < 0:
                continue
            if all(sum(a * b for a, b in zip(row, z)) <= 1 for row in rows_x):
                return True
    return False
