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
from .._jit import njit

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
    Both walks run in one compiled call (:func:`_game_walks`) when they apply.
    """
    m, n = An.shape
    kernel = _game_walk_kernel() if m + n <= _MAX_WALK_LABELS else None
    if kernel is None:
        return _degenerate_polytope(Bn.T, tie_tol) or _degenerate_polytope(An, tie_tol)
    code = int(kernel(np.asarray(An, dtype=np.float64), np.asarray(Bn, dtype=np.float64), float(tie_tol), int(_MAX_WALK_VERTICES)))
    if code >= 0:
        return bool(code)
    if code == -1:  # the walk of P did not decide: Qhull decides P, then Q as usual
        return _has_degenerate_vertex(np.ascontiguousarray(Bn.T, dtype=np.float64), tie_tol) or _degenerate_polytope(An, tie_tol)
    return _has_degenerate_vertex(np.ascontiguousarray(An, dtype=np.float64), tie_tol)  # P simple, Q's walk undecided


def _game_walks(An, Bn, tol, max_vertices):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """The walks of :func:`degenerate_game` on ``P`` (``Bn.T``) and then ``Q`` (``An``) in one call.

    Returns 1 (degenerate) or 0 (both simple) when the walks decide, -1 when
    the walk of ``P`` did not decide (``Q`` not walked), -2 when ``P`` is
    simple and the walk of ``Q`` did not decide.
    """
    first = _walk_jit(np.ascontiguousarray(Bn.T), tol, max_vertices)
    if first != 0:
        return first
    second = _walk_jit(np.ascontiguousarray(An), tol, max_vertices)
    return -2 if second < 0 else second


#: The compiled walk of :func:`_pivot_degenerate` gives up (and Qhull decides) past this many vertices
#: (its table and stack then hold 24 MB; a 15 x 15 random game's polytopes have 31,000-40,000).
_MAX_WALK_VERTICES = 1 << 20
#: ... and on polytopes with more constraints than this (a basis is a bit mask of one int64).
_MAX_WALK_LABELS = 62


def _degenerate_polytope(C: np.ndarray, tol: float) -> bool:
    """:func:`_pivot_degenerate` where it decides (at most 62 constraints, 2**20 vertices), else :func:`_has_degenerate_vertex`.

    The walk is the faster route at every size measured, on the
    standard-normal games of the benchmarks (min of 9, both routes in one
    process): 19-22 us against Qhull's 110 us at ``6 x 6`` (45-55
    vertices), 80-290 us against 220-460 us at ``8 x 8``, 0.9-2.4 ms against
    1.8-3.5 ms at ``10 x 10``, 13-26 ms against 24-36 ms at ``12 x 12``
    (4500-5700 vertices), 0.11-0.14 s against 0.15 s at ``13 x 13``, 0.27-0.40
    s against 0.55-0.65 s at ``15 x 15``.
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
    """The walk of :func:`_pivot_degenerate`: 1 degenerate, 0 not, -1 undecided (too many vertices, a bad pivot, an unbounded edge).

    A basis is a bit mask of its ``d`` binding constraints: label ``i < d`` for
    ``z_i = 0``, ``d + k`` for ``(C z)_k = 1``. With ``S`` its zero coordinates,
    ``R`` its binding rows and ``F`` the other coordinates (``|F| = |R| = q``),
    the vertex solves ``C[R, F] z_F = 1``: only that ``q x q`` block is
    inverted (``N``, Gauss-Jordan with partial pivoting). The edge dropping
    row ``R[p]`` moves along ``delta_F = -N[:, p]``; the edge dropping ``z_i``
    along ``delta_i = 1, delta_F = -N C[R, i]``; a row ``k`` outside ``R`` then
    loses slack at the rate ``C[k] delta`` (``-W[k, p]``, or ``C[k, i] - W[k]
    C[R, i]``, with ``W = C[., F] N``).
    """
    c, d = C.shape
    bits = 6  # the table of bases seen: open addressing, at most half full, doubled as needed
    size = 1 << bits
    table = np.full(size, -1, dtype=np.int64)
    stack = np.empty(size, dtype=np.int64)
    F = np.empty(d, dtype=np.int64)  # free coordinates
    S = np.empty(d, dtype=np.int64)  # zero coordinates (labels i < d in the basis)
    R = np.empty(c, dtype=np.int64)  # binding rows
    O = np.empty(c, dtype=np.int64)  # other rows
    q_max = min(c, d)
    a = np.empty((q_max, q_max))
    N = np.empty((q_max, q_max))
    zf = np.empty(q_max)
    slack_z = np.empty(q_max)  # slack (value) of z_F[t]
    slack_r = np.empty(c)  # slack of row O[u]
    W = np.empty((c, q_max))
    df = np.empty(q_max)
    start = (1 << d) - 1  # the origin: z_i = 0 for every i
    table[_fold_jit(start, bits)] = start
    stack[0] = start
    top = 1
    seen = 1
    while top > 0:
        top -= 1
        mask = stack[top]
        nf = ns = nr = no = 0
        for i in range(d):
            if (mask >> i) & 1:
                S[ns] = i
                ns += 1
            else:
                F[nf] = i
                nf += 1
        for k in range(c):
            if (mask >> (d + k)) & 1:
                R[nr] = k
                nr += 1
            else:
                O[no] = k
                no += 1
        q = nr  # = nf: a basis has d labels
        # N = C[R, F]^-1 by Gauss-Jordan elimination with partial pivoting on [a | N].
        for r in range(q):
            for t in range(q):
                a[r, t] = C[R[r], F[t]]
                N[r, t] = 1.0 if r == t else 0.0
        for col in range(q):
            piv = col
            big = abs(a[col, col])
            for r in range(col + 1, q):
                v = abs(a[r, col])
                if v > big:
                    big = v
                    piv = r
            if not big > 1e-12:
                return -1
            if piv != col:
                for t in range(q):
                    a[col, t], a[piv, t] = a[piv, t], a[col, t]
                    N[col, t], N[piv, t] = N[piv, t], N[col, t]
            for r in range(q):
                if r != col:
                    f = a[r, col] / a[col, col]
                    if f != 0.0:
                        for t in range(col, q):
                            a[r, t] -= f * a[col, t]
                        for t in range(q):
                            N[r, t] -= f * N[col, t]
        for r in range(q):
            p = a[r, r]
            for t in range(q):
                N[r, t] /= p
        # The vertex: z_F = N 1, z_S = 0; its slacks; W = C[O, F] N.
        for t in range(q):
            s = 0.0
            for r in range(q):
                s += N[t, r]
            zf[t] = s
            slack_z[t] = s
            if s <= tol:
                return 1
        for u in range(no):
            k = O[u]
            s = 0.0
            for t in range(q):
                s += C[k, F[t]] * zf[t]
            slack_r[u] = 1.0 - s
            if 1.0 - s <= tol:
                return 1
            for r in range(q):
                s = 0.0
                for t in range(q):
                    s += C[k, F[t]] * N[t, r]
                W[u, r] = s
        # The d edges: drop row R[p] (p < q), or drop z_S[p - q].
        for e in range(d):
            if e < q:
                for t in range(q):
                    df[t] = -N[t, e]
                left = d + R[e]
            else:
                i = S[e - q]
                for t in range(q):
                    s = 0.0
                    for r in range(q):
                        s += N[t, r] * C[R[r], i]
                    df[t] = -s
                left = i
            best = np.inf
            enter = -1
            for t in range(q):  # z_F[t] falls at the rate -df[t]
                if df[t] < 0.0:
                    ratio = slack_z[t] / -df[t]
                    if ratio < best:
                        best = ratio
                        enter = F[t]
            for u in range(no):  # row O[u]: (C delta)_k = C[k, F] delta_F (+ C[k, i])
                if e < q:
                    rate = -W[u, e]
                else:
                    k = O[u]
                    rate = C[k, i]
                    for r in range(q):
                        rate -= W[u, r] * C[R[r], i]
                if rate > 0.0:
                    ratio = slack_r[u] / rate
                    if ratio < best:
                        best = ratio
                        enter = d + O[u]
            if enter < 0:
                return -1
            nxt = (mask ^ (1 << left)) | (1 << enter)
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
        jit = njit()
        if jit is None:  # pragma: no cover - depends on the environment
            _WALK.append(None)
        else:
            global _fold_jit
            _fold_jit = jit(_fold)
            _WALK.append(njit(error_model="numpy")(_walk_loops))
    return _WALK[0]


#: The compiled walk, for :func:`_game_walks` (set by :func:`_game_walk_kernel`).
_walk_jit: Any = None
#: ``[compiled _game_walks]``, or ``[None]`` without numba.
_GAME_WALK: list[Any] = []


def _game_walk_kernel() -> Any:
    """The numba-compiled :func:`_game_walks`, or None without numba."""
    if not _GAME_WALK:
        walk = _walk_kernel()
        if walk is None:  # pragma: no cover - depends on the environment
            _GAME_WALK.append(None)
        else:
            global _walk_jit
            _walk_jit = walk
            _GAME_WALK.append(njit(error_model="numpy")(_game_walks))
    return _GAME_WALK[0]


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
