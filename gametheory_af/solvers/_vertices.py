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

    Each polytope is tested by :func:`_pivot_degenerate` (compiled, walking the
    vertex graph from the origin) when it applies, else by
    :func:`_has_degenerate_vertex` (Qhull); both count labels up to *tie_tol*.
    """
    return _degenerate_polytope(Bn.T, tie_tol) or _degenerate_polytope(An, tie_tol)


#: The compiled walk of :func:`_pivot_degenerate` gives up (and Qhull decides) past this many vertices.
_MAX_WALK_VERTICES = 1 << 16
#: The walk is taken for polytopes with at most this many constraints (``c + d``; at most 62, the
#: bits of a basis mask), Qhull for larger ones.
_MAX_WALK_LABELS = 16


def _degenerate_polytope(C: np.ndarray, tol: float) -> bool:
    """:func:`_pivot_degenerate` on polytopes of at most 16 constraints (when it decides), else :func:`_has_degenerate_vertex`.

    Measured on the standard-normal games of the benchmarks (``c = d``, min of
    9, one process): the walk takes 35-40 us at ``6 x 6`` (45-55 vertices)
    against Qhull's 110 us, 70-85 us against 140-180 us at ``7 x 7``, the
    same as Qhull at ``8 x 8`` (160-460 us, up to 300 vertices), and more
    beyond (it solves each basis afresh, about 2 us a vertex at ``9 x 9``,
    where Qhull spends under 1 us).
    """
    C = np.ascontiguousarray(C, dtype=np.float64)
    c, d = C.shape
    if c + d <= _MAX_WALK_LABELS:
        verdict = _pivot_degenerate(C, tol)
        if verdict is not None:
            return verdict
    return _has_degenerate_vertex(C, tol)


def _pivot_degenerate(C: np.ndarray, tol: float, max_vertices: int = _MAX_WALK_VERTICES) -> bool | None:
    """Whether a vertex of ``{z >= 0 : C z <= 1}`` (``C > 0``) has more than ``d`` labels up to *tol*, by pivoting.

    The verdict of :func:`_has_degenerate_vertex` (a label is ``z_i <= tol`` or
    ``1 - (C z)_k <= tol``) without Qhull: a depth-first walk over the vertex
    graph from the origin, each vertex a basis (``d`` binding constraints),
    each edge found by dropping one of them and a minimum-ratio test, as in
    the pivoting vertex enumeration of Avis & Fukuda (1992, *Discrete Comput.
    Geom.* 8, 295-313), with a table of the bases seen instead of their
    reverse search. Each vertex is computed afresh from its basis (Gaussian
    elimination with partial pivoting), so round-off does not accumulate
    along the walk. The walk stops at the first vertex with a further
    constraint within *tol* of binding (True). Otherwise every vertex it
    reaches is simple, and it reaches them all (False): the graph of a
    polytope is connected, and on any path from the origin (a simple vertex)
    to a degenerate vertex the first degenerate one is a neighbour of a simple
    vertex, found by one of that vertex's ``d`` edges (a tie in its ratio test
    shows as a slack of zero at the vertex reached).

    Returns None (then Qhull decides) without :mod:`numba`, past
    *max_vertices* vertices, or at a basis whose elimination meets a pivot
    of at most ``1e-12`` (no well-defined vertex; the entries of ``C`` are in ``[1, 2]``).
    """
    kernel = _walk_kernel()
    if kernel is None:  # pragma: no cover - depends on the environment
        return None
    verdict = int(kernel(np.ascontiguousarray(C, dtype=np.float64), float(tol), int(max_vertices)))
    return None if verdict < 0 else bool(verdict)


def _fold(mask, bits):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """The slot of a basis mask in a table of ``2**bits``: Fibonacci hashing (Knuth 1998, sec. 6.4), in uint64 (wrapping)."""
    return np.int64((np.uint64(mask) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(64 - bits))


def _walk_loops(C, tol, max_vertices):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """The walk of :func:`_pivot_degenerate`: 1 degenerate, 0 not, -1 undecided (too many vertices, a bad pivot)."""
    c, d = C.shape
    L = c + d
    bits = 6  # the table of bases seen: open addressing, at most half full, doubled as needed
    size = 1 << bits
    table = np.full(size, -1, dtype=np.int64)
    stack = np.empty(size, dtype=np.int64)
    basis = np.empty(d, dtype=np.int64)
    a = np.empty((d, d))
    inv = np.empty((d, d))
    z = np.empty(d)
    slack = np.empty(L)
    CI = np.empty((c, d))
    start = (1 << d) - 1  # the origin: z_i = 0 for every i
    table[_fold_jit(start, bits)] = start
    stack[0] = start
    top = 1
    seen = 1
    while top > 0:
        top -= 1
        mask = stack[top]
        r = 0
        for lab in range(L):
            if (mask >> lab) & 1:
                basis[r] = lab
                r += 1
        # M: row r is e_i for label i < d (z_i = 0), C[k] for label d + k ((C z)_k = 1).
        for r in range(d):
            lab = basis[r]
            for t in range(d):
                a[r, t] = (1.0 if t == lab else 0.0) if lab < d else C[lab - d, t]
                inv[r, t] = 1.0 if r == t else 0.0
        # inv = M^-1 by elimination with partial pivoting on [M | I].
        for col in range(d):
            piv = col
            big = abs(a[col, col])
            for r in range(col + 1, d):
                v = abs(a[r, col])
                if v > big:
                    big = v
                    piv = r
            if not big > 1e-12:
                return -1
            if piv != col:
                for t in range(d):
                    a[col, t], a[piv, t] = a[piv, t], a[col, t]
                    inv[col, t], inv[piv, t] = inv[piv, t], inv[col, t]
            for r in range(d):
                if r != col:
                    f = a[r, col] / a[col, col]
                    if f != 0.0:
                        for t in range(col, d):
                            a[r, t] -= f * a[col, t]
                        for t in range(d):
                            inv[r, t] -= f * inv[col, t]
        for r in range(d):
            p = a[r, r]
            for t in range(d):
                inv[r, t] /= p
        # z = M^-1 h with h_r = 0 for z-labels, 1 for C-labels.
        for t in range(d):
            s = 0.0
            for r in range(d):
                if basis[r] >= d:
                    s += inv[t, r]
            z[t] = s
        for i in range(d):
            slack[i] = z[i]
        for k in range(c):
            s = 0.0
            for t in range(d):
                s += C[k, t] * z[t]
            slack[d + k] = 1.0 - s
            for r in range(d):
                s = 0.0
                for t in range(d):
                    s += C[k, t] * inv[t, r]
                CI[k, r] = s
        for lab in range(L):
            if not (mask >> lab) & 1 and slack[lab] <= tol:
                return 1
        # The edge leaving constraint basis[r]: direction sgn * inv[:, r] (M delta = sgn e_r).
        for r in range(d):
            sgn = 1.0 if basis[r] < d else -1.0
            best = np.inf
            enter = -1
            for lab in range(L):
                if (mask >> lab) & 1:
                    continue
                rate = sgn * inv[lab, r] if lab < d else -sgn * CI[lab - d, r]
                if rate < 0.0:
                    ratio = slack[lab] / -rate
                    if ratio < best:
                        best = ratio
                        enter = lab
            if enter < 0:
                return -1
            nxt = (mask ^ (1 << basis[r])) | (1 << enter)
            h = _fold_jit(nxt, bits)
            while table[h] != -1 and table[h] != nxt:
                h = (h + 1) & (size - 1)
            if table[h] == -1:
                if seen == max_vertices:
                    return -1
                table[h] = nxt
                seen += 1
                if top == stack.shape[0]:
                    grown = np.empty(2 * top, dtype=np.int64)
                    grown[:top] = stack
                    stack = grown
                stack[top] = nxt
                top += 1
                if 2 * seen > size:
                    bits += 1
                    size = 1 << bits
                    old = table
                    table = np.full(size, -1, dtype=np.int64)
                    for key in old:
                        if key != -1:
                            h = _fold_jit(key, bits)
                            while table[h] != -1:
                                h = (h + 1) & (size - 1)
                            table[h] = key
    return 0


#: The compiled :func:`_fold`, referenced by the compiled :func:`_walk_loops`.
_fold_jit: Any = None
#: ``[the compiled _walk_loops]``, or ``[None]`` without numba.
_WALK: list[Any] = []


def _walk_kernel() -> Any:
    """The numba-compiled :func:`_walk_loops`, or None without numba."""
    if not _WALK:
        try:
            import numba
        except ImportError:  # pragma: no cover - depends on the environment
            _WALK.append(None)
        else:
            global _fold_jit
            _fold_jit = numba.njit(cache=True, nogil=True)(_fold)
            _WALK.append(numba.njit(cache=True, nogil=True, error_model="numpy")(_walk_loops))
    return _WALK[0]


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
