"""All extreme equilibria of a bimatrix game by vertex enumeration of the best-response polytopes."""

from __future__ import annotations

import logging
import warnings
from typing import Any

import numpy as np

from .._exact import solve_square_floats
from .._jit import njit
from .._limits import MAX_TIME_LIMIT, check_max_time
from ..exceptions import ConvergenceWarning, DegenerateGameWarning
from ..game import NormalFormGame
from ..result import EquilibriumResult
from ._bimatrix import (
    MIN_TIE_TOL,
    Budget,
    accept,
    bimatrix,
    check_max_count,
    check_options,
    check_size,
    exact_extreme_equilibria,
    n_bases,
    prepare,
    warn_unsettled,
)
from ._bimatrix import RCOND_HIGH as ILL_HIGH
from ._vertices import degeneracy_confirmed, degenerate_game, hull_facets, polytope_vertices
from .support import _lu_factor, _rcond, _rcond_lu, sweep_supports

__all__ = ["vertex_enumeration", "polytope_vertices"]

_log = logging.getLogger(__name__)

_METHOD = "vertex_enumeration"
#: Beyond this many bases (15 x 15 games) Qhull may run for minutes and cannot be interrupted, so a
#: time- or count-bounded call enumerates support pairs instead, which stops at the bound.
_QHULL_BASES = 155_117_520
#: Rows of label indicators matched at once (bounds the matching's memory to about 2**22 floats).
_MATCH_ROWS = 1 << 12
#: Label sets of games with at most this many strategies in all are matched by their int64 bit codes.
_KEYED_LABELS = 62


def vertex_enumeration(
    game: NormalFormGame,
    *,
    tol: float = 1e-9,
    exact: bool = False,
    max_time: float | None = MAX_TIME_LIMIT,
    max_vertices: int | None = None,
) -> EquilibriumResult:
    """All extreme Nash equilibria of a two-player game, degenerate games included.

    After a positive affine rescaling of the payoffs (which leaves equilibria
    unchanged) the row player's best-response polytope is
    ``P = {x >= 0 : B^T x <= 1}`` and the column player's is
    ``Q = {y >= 0 : A y <= 1}``. A pair of vertices ``(x, y) != (0, 0)`` is
    *completely labelled* when every pure strategy is either unused by its
    player or a best response of that player; normalised, these pairs are
    exactly the extreme equilibria (von Stengel 2007, Thm. 3.4 and Alg. 3.5).

    Vertices of ``P`` are enumerated by polar duality as the facets of a
    convex hull (Qhull), and each vertex's labels are read off by evaluating
    all ``m + n`` constraints, so that degenerate vertices (more than ``m``
    labels) are labelled correctly. When ``P`` is simple the partner ``y`` of
    each vertex is found by solving its indifference system: with
    :mod:`numba` in one compiled loop over all vertices, without it by one
    batched linear solve (the same tests either way; a few ill-conditioned
    systems are solved again in rational arithmetic). When ``P`` is not
    simple, or such a system is singular, the vertices of ``Q`` are also
    enumerated and matched by complementary labels (simple vertices by the
    bit codes of their label sets, degenerate ones by a matrix product of
    label indicators).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    tol : float, default 1e-9
        Tolerance relative to each player's payoff range
        (:ref:`tolerances`): payoffs are normalised per player,
        ties (labels) are recognised up to ``tol`` on that scale, and an
        equilibrium is returned only if its ``relative_regret <= tol``.
    exact : bool, default False
        Rebuild each equilibrium in rational arithmetic from its supports and
        ties, and keep it only if its exact regret is zero. Payoffs are read
        with :meth:`NormalFormGame.exact_payoffs` (exact for integer and
        Fraction input; a float is read as the shortest decimal printing as it).
        Games that float64 cannot resolve (``float_resolves``)
        are then enumerated entirely in rational arithmetic; so are such games
        with exact (integer or Fraction) payoffs even when ``exact=False``.
    max_time : float or None, default: the ``max_time`` limit (:func:`gametheory_af.set_limits`)
        Seconds after which the enumeration stops; ``None`` for no limit.
    max_vertices : int or None, default None
        The most vertices (or bases, see Notes) to examine.

    Returns
    -------
    EquilibriumResult
        ``method="vertex_enumeration"``, ``complete=True`` when every extreme
        equilibrium is returned, ``parameters`` with the options,
        ``n_iter`` the number of vertices of ``P`` (or bases) examined. Equilibria are
        ordered by total support size. When a bound stops the enumeration,
        ``complete`` and ``converged`` are False and the equilibria found so
        far are returned, each certified.

    Raises
    ------
    GameError
        If the game does not have two players, an option is invalid, or the
        polytope has more than ``max_calls`` bases (``C(m + n, m)``, about
        4 million: beyond ``12 x 12``) and neither ``max_time`` nor
        ``max_vertices`` bounds the work.
    TypeError
        If *game* is not a :class:`NormalFormGame` or *exact* is not a bool.

    Warns
    -----
    DegenerateGameWarning
        When a polytope vertex with more labels than its dimension is met (the
        game is degenerate; a vertex that float64 finds degenerate is confirmed
        in rational arithmetic): equilibria may then form continua, of which the
        extreme points are returned. When the float64 "degeneracies" are only
        near-ties (slacks below ``tol`` but not zero; ``savani_von_stengel(4)``
        has one of 3.8e-10), games with exact payoffs are enumerated again in
        rational arithmetic, and other games get a warning that the result is
        not certified complete (profiles within ``tol`` of an equilibrium may be
        among the answers). Also when float64 cannot resolve the
        payoffs and they are not exact (the result is then not complete).
    ConvergenceWarning
        When ``max_time`` or ``max_vertices`` stopped the enumeration.

    Notes
    -----
    Complete for extreme equilibria in all games: for a nondegenerate game
    these are all equilibria; in a degenerate game every equilibrium is a
    convex combination of extreme equilibria that lie in a common maximal
    Nash subset (Avis et al. 2010), and the set returned is the one Gambit's
    ``enummixed`` reports. Work grows with the number of vertices of the
    polytopes, which is exponential in ``min(m, n)`` in the worst case; the
    smaller player's polytope is the one enumerated.

    Before any work, the number of bases ``C(m + n, m)`` is checked against
    the ``max_calls`` limit unless the call is bounded. A bounded call on a
    game beyond ``15 x 15`` bases enumerates support pairs in chunks (which
    can stop at the bound) instead of calling Qhull (which cannot); it then
    finds the equilibria with supports of equal size, and is complete only if
    it finishes and the game is nondegenerate. Exact enumeration visits the
    feasible bases of both polytopes by pivoting in rational arithmetic
    (breadth-first from the origin, as reverse search does; Avis & Fukuda
    1992): exact, and bounded by the same options (``max_vertices`` then
    counts bases).

    References
    ----------
    von Stengel, B. (2007). Equilibrium computation for two-player games in
    strategic and extensive form. In Nisan et al. (eds.), *Algorithmic Game
    Theory*, ch. 3, Alg. 3.5. Cambridge University Press.

    Avis, D., Rosenberg, G. D., Savani, R., & von Stengel, B. (2010).
    Enumeration of Nash equilibria for two-player games. *Economic Theory*
    42(1), 9-37.

    Avis, D., & Fukuda, K. (1992). A pivoting algorithm for convex hulls and
    vertex enumeration of arrangements and polyhedra. *Discrete &
    Computational Geometry* 8, 295-313.

    Barber, C. B., Dobkin, D. P., & Huhdanpaa, H. (1996). The Quickhull
    algorithm for convex hulls. *ACM Trans. Math. Software* 22(4), 469-483.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> res = gt.vertex_enumeration(gt.catalog.battle_of_the_sexes(), exact=True)
    >>> [eq.exact for eq in res]  # doctest: +NORMALIZE_WHITESPACE
    [((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1))),
     ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1))),
     ((Fraction(3, 5), Fraction(2, 5)), (Fraction(2, 5), Fraction(3, 5)))]

    A degenerate game: the column player is indifferent, so the row player's
    best response is pure and the column player may mix freely.

    >>> import warnings
    >>> g = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 0], [0, 0]])
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", gt.DegenerateGameWarning)
    ...     res = gt.vertex_enumeration(g)
    >>> len(res), res.complete
    (4, True)
    """
    A, B = bimatrix(game, _METHOD)
    tol = check_options(tol, exact, _METHOD)
    max_time = check_max_time(max_time, _METHOD)
    max_vertices = check_max_count(max_vertices, "max_vertices", _METHOD)
    bounded = max_time is not None or max_vertices is not None
    m, n = A.shape
    bases = n_bases(m, n)
    check_size(bases, "bases of a best-response polytope", _METHOD, bounded)
    work = prepare(game)
    budget = Budget(max_time, max_vertices)
    tie_tol = max(tol, MIN_TIE_TOL)
    params = {"tol": tol, "exact": bool(exact), "max_time": max_time, "max_vertices": max_vertices}
    complete = True
    if work.use_exact or (exact and not work.resolves):
        _log.debug(
            "vertex_enumeration: rational arithmetic (%s)",
            "float64 cannot resolve the payoffs" if work.use_exact else "exact=True and float64 cannot certify exactly",
        )
        eqs, degenerate, stopped = exact_extreme_equilibria(game, budget)
        n_vertices = budget.count
    else:
        An, Bn = work.An, work.Bn
        if bounded and bases > _QHULL_BASES:
            _log.debug("vertex_enumeration: %s bases with a budget: sweeping supports", f"{bases:,}")
            pairs, sets, n_vertices, stopped = sweep_supports(An, Bn, tie_tol, budget)
            degenerate = False
            if not stopped:
                degenerate = degenerate_game(An, Bn, tie_tol)
                complete = not degenerate
        elif m <= n:
            pairs, sets, degenerate, n_vertices, stopped = _enumerate(An, Bn, tie_tol, budget)
        else:  # enumerate the smaller polytope: solve the transposed game and swap back
            pairs_t, sets_t, degenerate, n_vertices, stopped = _enumerate(Bn.T, An.T, tie_tol, budget)
            pairs = [(y, x) for x, y in pairs_t]
            sets = [(sy, ty, sx, tx) for sx, tx, sy, ty in sets_t]
        eqs = accept(game, pairs, An=An, Bn=Bn, tol=tol, tie_tol=tie_tol, exact=bool(exact), sets=sets, work=work)
        if degenerate and not stopped and not degeneracy_confirmed(game, An, Bn, tie_tol):
            # Only near-ties (slacks below tie_tol, not exactly zero): float64 at this tolerance
            # cannot tell the game's vertices apart, and the float answers may be
            # epsilon-equilibria. Exact games are enumerated again in rational arithmetic.
            _log.info(
                "vertex_enumeration: degenerate in float64 by near-ties only (not confirmed): %s",
                "enumerating again in rational arithmetic" if work.exact_ok else "reported as ill-conditioned",
            )
            if work.exact_ok:
                budget = Budget(max_time, max_vertices)
                eqs, degenerate, stopped = exact_extreme_equilibria(game, budget)
                n_vertices = budget.count
            else:
                degenerate = False
                budget.ill = True
        if warn_unsettled(work, budget, _METHOD):
            complete = False
    _log.debug(
        "vertex_enumeration: %s vertices or bases visited, %d extreme equilibria, degenerate=%s, stopped=%s",
        f"{n_vertices:,}", len(eqs), degenerate, budget.stopped if stopped else False,
    )
    if degenerate:
        warnings.warn(
            f"{_METHOD}: the game is degenerate (a best-response polytope has a vertex with more "
            "labels than its dimension); equilibria may form continua, and their extreme points "
            f"are returned ({len(eqs)} found).",
            DegenerateGameWarning,
            stacklevel=2,
        )
    if stopped:
        warnings.warn(
            f"{_METHOD}: stopped early ({budget.stopped}) after {budget.count:,} vertices or bases; "
            f"the {len(eqs)} equilibria returned are certified but may not be all of them.",
            ConvergenceWarning,
            stacklevel=2,
        )
    return EquilibriumResult(
        game=game,
        equilibria=tuple(eqs),
        method=_METHOD,
        complete=complete and not stopped,
        parameters=params,
        converged=not stopped,
        n_iter=n_vertices,
    )


Sets = tuple[list[int], list[int], list[int], list[int]]


def _enumerate(
    An: np.ndarray, Bn: np.ndarray, tie_tol: float, budget: Budget | None = None
) -> tuple[list[tuple[np.ndarray, np.ndarray]], list[Sets], bool, int, bool]:
    """Completely labelled vertex pairs of a game with positive payoffs ``An, Bn`` (``m <= n``).

    Returns ``(pairs, sets, degenerate, vertices examined, stopped by the budget)``.
    """
    budget = budget if budget is not None else Budget(None, None)
    m, n = An.shape
    simple = _simple_vertices(Bn.T, tie_tol) if budget.max_count is None else None
    if simple is not None:
        X, LX = simple
        budget.count = len(X)
        found = _partners(An, X, LX, tie_tol)
        if found is not None:
            return (*found, False, len(X), not budget.check())
    X, LX = polytope_vertices(Bn.T, tol=tie_tol)  # labels: x_i = 0 -> i; (B^T x)_j = 1 -> m + j
    nonzero = X.sum(axis=1) > tie_tol
    if not nonzero.all():
        X, LX = X[nonzero], LX[nonzero]
    stopped = False
    if budget.max_count is not None and len(X) > budget.max_count:
        X, LX = X[: budget.max_count], LX[: budget.max_count]
        budget.stopped = f"the count bound {budget.max_count:,} was reached"
        stopped = True
    budget.count = len(X)
    counts = np.count_nonzero(LX, axis=1)
    degenerate = bool((counts > m).any())
    if (counts == m).all():  # P is simple (up to tolerance)
        found = _partners(An, X, LX, tie_tol)
        if found is not None:
            return (*found, False, len(X), stopped or not budget.check())
    if not budget.check():
        return [], [], degenerate, len(X), True
    # General case: enumerate Q as well and match complementary labels.
    Y, LYgen = polytope_vertices(An, tol=tie_tol)  # generic labels: y_j = 0 -> j; (A y)_i = 1 -> n + i
    nonzero = Y.sum(axis=1) > tie_tol
    Y, LYgen = Y[nonzero], LYgen[nonzero]
    LY = np.concatenate([LYgen[:, n:], LYgen[:, :n]], axis=1)  # to game labels
    degenerate = degenerate or bool((LY.sum(axis=1) > n).any())
    ii, jj, cut = _match(LX, LY, m, n, budget)
    stopped = stopped or cut
    pairs = []
    sets = []
    for i, j in zip(ii.tolist(), jj.tolist()):
        x, y = X[i], Y[j]
        pairs.append((x / x.sum(), y / y.sum()))
        sets.append(
            (
                [int(k) for k in np.flatnonzero(~LX[i, :m])],
                [int(k) for k in np.flatnonzero(LX[i, m:])],
                [int(k) for k in np.flatnonzero(~LY[j, m:])],
                [int(k) for k in np.flatnonzero(LY[j, :m])],
            )
        )
    return pairs, sets, degenerate, len(X), stopped


def _simple_vertices(C: np.ndarray, tie_tol: float) -> tuple[np.ndarray, np.ndarray] | None:
    """The nonzero vertices and labels of ``{z >= 0 : C z <= 1}`` when it is simple, in one compiled pass.

    What :func:`polytope_vertices` and the filter of :func:`_enumerate` give
    (the same vertices, labels and order), read off Qhull's facets by
    :func:`_vertex_loops`; None (the caller takes the general route) without
    :mod:`numba`, when Qhull fails or is imprecise, or when a vertex has more
    labels than the dimension.
    """
    if len(_COMPILED) < 2 or C.shape[1] < 2:
        return None
    facets = hull_facets(C)
    if facets is None:
        return None
    eq, t = facets
    simple, Z, L = _COMPILED[1](eq, t, np.ascontiguousarray(C), tie_tol)
    return (Z, L) if simple else None


def _vertex_loops(eq, t, C, tol):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """Vertices ``-eq[k, :-1] / eq[k, -1] + t`` of the polar facets, kept when feasible and nonzero: ``(simple, Z, L)``.

    The tests and thresholds of :func:`~gametheory_af.solvers._vertices.hull_vertices`,
    :func:`~gametheory_af.solvers._vertices.polytope_vertices` and the nonzero filter of
    :func:`_enumerate`; ``simple`` is False when a facet's offset is not clearly negative or a
    vertex has more labels than the dimension (the caller then takes the general route).
    """
    F = eq.shape[0]
    c, d = C.shape
    Z = np.empty((F, d))
    L = np.zeros((F, d + c), dtype=np.bool_)
    z = np.empty(d)
    V = 0
    for f in range(F):
        off = eq[f, d]
        if not off < -1e-14:
            return False, Z[:0], L[:0]
        feasible = True
        for i in range(d):
            z[i] = -eq[f, i] / off + t
            if z[i] < -tol:
                feasible = False
        if not feasible:
            continue
        count = 0
        for k in range(c):
            s = 0.0
            for i in range(d):
                s += z[i] * C[k, i]
            if s > 1.0 + tol:
                feasible = False
                break
            if s >= 1.0 - tol:
                L[V, d + k] = True
                count += 1
        if not feasible:
            for k in range(c):
                L[V, d + k] = False
            continue
        total = 0.0
        for i in range(d):
            if z[i] <= tol:
                L[V, i] = True
                count += 1
            Z[V, i] = max(z[i], 0.0)
            total += Z[V, i]
        if count != d:
            return False, Z[:0], L[:0]
        if total > tol:
            V += 1
        else:
            for k in range(d + c):
                L[V, k] = False
    return True, Z[:V], L[:V]


def _match(LX: np.ndarray, LY: np.ndarray, m: int, n: int, budget: Budget) -> tuple[np.ndarray, np.ndarray, bool]:
    """Index pairs ``(i, j)`` with ``LX[i] | LY[j]`` all labels, in increasing order; and whether the budget stopped it.

    Rows of ``LX`` are taken in chunks (the budget is checked before each).
    Two simple vertices (``m`` and ``n`` labels) are completely labelled only
    when their label sets are complements, so with ``m + n <= 62`` labels a
    simple row is looked up by the bit code of its complement among the sorted
    codes of the simple vertices of ``Q`` (a sorted table instead of a product
    with every vertex of ``Q``); a row or column with more labels (a
    degenerate vertex) is matched by a matrix product of label indicators
    counting the labels missing from both.
    """
    notY = (~LY).astype(np.float32).T
    hits_i: list[np.ndarray] = []
    hits_j: list[np.ndarray] = []
    step = max(1, _MATCH_ROWS * 1024 // max(1, len(LY)))
    labels = m + n
    keyed = labels <= _KEYED_LABELS
    if keyed:
        weights = np.left_shift(np.int64(1), np.arange(labels, dtype=np.int64))
        code_x = LX.astype(np.int64) @ weights
        code_y = LY.astype(np.int64) @ weights
        full = np.int64((1 << labels) - 1)
        simple_x = LX.sum(axis=1) == m
        simple_y = LY.sum(axis=1) == n
        ys = np.flatnonzero(simple_y)
        by_code = np.argsort(code_y[ys], kind="stable")
        codes, js = code_y[ys][by_code], ys[by_code]
        jdeg = np.flatnonzero(~simple_y)
        not_deg = notY[:, jdeg]
    stopped = False
    for start in range(0, len(LX), step):
        if not budget.check():
            stopped = True
            break
        stop = min(start + step, len(LX))
        if not keyed:
            missing = (~LX[start:stop]).astype(np.float32) @ notY
            ii, jj = np.nonzero(missing == 0)
            hits_i.append(ii + start)
            hits_j.append(jj)
            continue
        sx = start + np.flatnonzero(simple_x[start:stop])
        want = full ^ code_x[sx]
        lo = np.searchsorted(codes, want, side="left")
        cnt = np.searchsorted(codes, want, side="right") - lo
        total = int(cnt.sum())
        first = np.repeat(lo - (np.cumsum(cnt) - cnt), cnt)
        parts_i = [np.repeat(sx, cnt)]
        parts_j = [js[first + np.arange(total)]]
        if jdeg.size and sx.size:  # simple rows against degenerate vertices of Q
            a, b = np.nonzero((~LX[sx]).astype(np.float32) @ not_deg == 0)
            parts_i.append(sx[a])
            parts_j.append(jdeg[b])
        dx = start + np.flatnonzero(~simple_x[start:stop])
        if dx.size:  # degenerate rows against every vertex of Q
            a, b = np.nonzero((~LX[dx]).astype(np.float32) @ notY == 0)
            parts_i.append(dx[a])
            parts_j.append(b)
        ii, jj = np.concatenate(parts_i), np.concatenate(parts_j)
        order = np.lexsort((jj, ii))
        hits_i.append(ii[order])
        hits_j.append(jj[order])
    ii = np.concatenate(hits_i) if hits_i else np.zeros(0, dtype=np.intp)
    jj = np.concatenate(hits_j) if hits_j else np.zeros(0, dtype=np.intp)
    return ii, jj, stopped


def _partners(
    An: np.ndarray, X: np.ndarray, LX: np.ndarray, tie_tol: float
) -> tuple[list[tuple[np.ndarray, np.ndarray]], list[Sets]] | None:
    """For each simple vertex ``x`` of ``P``, the unique ``y`` carrying the missing labels.

    ``y`` must be supported on the columns that are best responses to ``x``
    (``T``) and make the rows of the support of ``x`` (``S``) tight:
    ``A[S, T] y_T = 1`` with ``|S| = |T|``, solved in the equivalent
    indifference form (which is singular whenever that face of ``Q`` is more
    than a point). With :mod:`numba` each system is factorised in one compiled
    loop (:func:`_partner_loops`); without it all systems are solved in one
    batched call, each padded with an identity block to the largest size. A
    system whose reciprocal condition number ``1 / (||M||_1 ||M^-1||_1)`` is at
    most ``ILL_HIGH`` (:data:`~gametheory_af.solvers._bimatrix.RCOND_HIGH`) is
    ill-conditioned: up to ``_MAX_EXACT_RESOLVES`` of them are solved
    again in rational arithmetic on the exact binary values of their entries
    (:func:`gametheory_af._exact.solve_square_floats`). Returns ``None`` if one
    of them is singular, or there are more, in which case the caller falls back
    to matching vertices of both polytopes.
    """
    m, n = An.shape
    if len(X) == 0:  # pragma: no cover - P always has a nonzero vertex
        return [], []
    A0 = An - 1.0
    kernel = _kernel()
    if kernel is not None:
        stat, Y = kernel(A0, LX, tie_tol, ILL_HIGH)
        ok, ill = stat == 1, np.flatnonzero(stat == 2)
    else:
        ok, Y, ill = _partners_numpy(A0, LX, tie_tol)
    if ill.size > _MAX_EXACT_RESOLVES:
        return None
    for r in ill.tolist():
        settled = _exact_partner(A0, LX[r], tie_tol)
        if settled is None:
            return None  # singular: match vertices of both polytopes instead
        ok[r], Y[r] = settled
    return _pairs_of(X, LX, ok, Y, m)


#: At most this many ill-conditioned partner systems are re-solved exactly (else both polytopes are matched).
_MAX_EXACT_RESOLVES = 64


def _partners_numpy(A0: np.ndarray, LX: np.ndarray, tie_tol: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The reference route of :func:`_partners`: ``(ok, Y, ill)`` from stacked det and solve calls."""
    m, n = A0.shape
    V = len(LX)
    S = ~LX[:, :m]
    T = LX[:, m:]
    k = S.sum(axis=1)
    K = int(k.max())
    # All systems in one batch, each padded to K x K with an identity block:
    # [[A0[S, T], -1], [1, 0]] [y_T; u] = [0; 1]. Row/column indices of S and T come first.
    Si = np.argsort(~S, axis=1, kind="stable")[:, :K]
    Ti = np.argsort(~T, axis=1, kind="stable")[:, :K]
    live = np.arange(K) < k[:, None]
    # Bordered (indifference) form with payoffs in [0, 1], better conditioned than A[S, T] itself.
    M = np.zeros((V, K + 1, K + 1))
    M[:, :K, :K] = np.where(live[:, :, None] & live[:, None, :], A0[Si[:, :, None], Ti[:, None, :]], np.eye(K))
    M[:, :K, K] = -live.astype(np.float64)
    M[:, K, :K] = live
    # The identity padding changes neither ||M||_1 nor ||M^-1||_1 (both are at least 1 unpadded).
    ill = _rcond(M) <= ILL_HIGH
    sol = np.zeros((V, K + 1))
    good = np.flatnonzero(~ill)
    rhs = np.zeros((good.size, K + 1, 1))
    rhs[:, K] = 1.0
    sol[good] = np.linalg.solve(M[good], rhs)[:, :, 0]
    yT, u = sol[:, :K], sol[:, K]
    ok = ((yT >= -tie_tol) | ~live).all(axis=1) & ~ill
    Y = np.zeros((V, n))
    np.put_along_axis(Y, Ti, np.where(live, np.clip(yT, 0.0, None), 0.0), axis=1)
    ok &= (Y @ A0.T <= u[:, None] + tie_tol).all(axis=1)
    return ok, Y, np.flatnonzero(ill)


def _exact_partner(A0: np.ndarray, labels: np.ndarray, tie_tol: float) -> tuple[bool, np.ndarray] | None:
    """One partner system solved in rational arithmetic: ``(ok, y clipped at zero)``, or None if singular."""
    m, n = A0.shape
    S = np.flatnonzero(~labels[:m])
    T = np.flatnonzero(labels[m:])
    k = S.size
    full = np.zeros((k + 1, k + 1))
    full[:k, :k] = A0[np.ix_(S, T)]
    full[:k, k] = -1.0
    full[k, :k] = 1.0
    exact = solve_square_floats(full.tolist(), [0.0] * k + [1.0])
    if exact is None:
        return None
    yT = np.array([float(v) for v in exact[:k]])
    y = np.zeros(n)
    y[T] = np.clip(yT, 0.0, None)
    ok = bool((yT >= -tie_tol).all() and (A0 @ y <= float(exact[k]) + tie_tol).all())
    return ok, y


def _pairs_of(
    X: np.ndarray, LX: np.ndarray, ok: np.ndarray, Y: np.ndarray, m: int
) -> tuple[list[tuple[np.ndarray, np.ndarray]], list[Sets]]:
    """The compiled route's pairs and sets, in the order and form of :func:`_partners`' numpy route."""
    pairs: list[tuple[np.ndarray, np.ndarray]] = []
    sets: list[Sets] = []
    rows = np.flatnonzero(ok)
    if rows.size == 0:  # pragma: no cover - a nondegenerate game has an equilibrium
        return pairs, sets
    Xr, Yr = X[rows], Y[rows]
    Xn = Xr / Xr.sum(axis=1, keepdims=True)
    Yn = Yr / Yr.sum(axis=1, keepdims=True)
    L = LX[rows]
    for x, y, si, ti in zip(Xn, Yn, _index_lists(~L[:, :m]), _index_lists(L[:, m:])):
        pairs.append((x, y))
        sets.append((si, ti, ti, si))
    return pairs, sets


def _index_lists(mask: np.ndarray) -> list[list[int]]:
    """The column indices of the True entries of each row of *mask* (one ``nonzero`` call for all rows)."""
    rows, cols = np.nonzero(mask)
    ends = np.cumsum(np.bincount(rows, minlength=len(mask))).tolist()
    flat = cols.tolist()
    starts = [0, *ends[:-1]]
    return [flat[a:b] for a, b in zip(starts, ends)]


def _partner_loops(  # type: ignore[no-untyped-def]
    A0, LX, tie_tol, ill_high
):  # pragma: no cover - compiled by numba; the same tests as the numpy route of _partners
    """:func:`_partners_numpy` in explicit loops: ``(status, Y)``.

    For each simple vertex (row of the label matrix ``LX``) the bordered system
    ``[[A0[S, T], -1], [1, 0]] [y_T; u] = [0; 1]`` is factorised by Gaussian
    elimination with partial pivoting. ``status[r]`` is 2 when its reciprocal
    condition number (:func:`~gametheory_af.solvers.support._rcond_lu`) is at
    most ``ill_high`` (ill-conditioned, or singular: the caller settles it), 1 when ``y >= -tie_tol`` and no
    row does better than ``u + tie_tol``, 0 otherwise; ``Y[r]`` is ``y``
    clipped at zero, not normalised.
    """
    V = LX.shape[0]
    m, n = A0.shape
    K = 0
    for r in range(V):
        k = 0
        for i in range(m):
            if not LX[r, i]:
                k += 1
        K = max(K, k)
    stat = np.zeros(V, dtype=np.int8)
    Y = np.zeros((V, n))
    a = np.empty((K + 1, K + 1))
    b = np.empty(K + 1)
    perm = np.empty(K + 1, dtype=np.int64)
    colsum = np.empty(K + 1)
    w = np.empty(K + 1)
    S = np.empty(K, dtype=np.int64)
    T = np.empty(K, dtype=np.int64)
    for r in range(V):
        k = 0
        for i in range(m):
            if not LX[r, i]:
                S[k] = i
                k += 1
        t = 0
        for j in range(n):
            if LX[r, m + j] and t < K:  # a simple vertex has k of them
                T[t] = j
                t += 1
        for c in range(k):
            colsum[c] = 1.0
        colsum[k] = float(k)
        for p in range(k):
            for c in range(k):
                v = A0[S[p], T[c]]
                a[p, c] = v
                colsum[c] += abs(v)
            a[p, k] = -1.0
            a[k, p] = 1.0
            b[p] = 0.0
        a[k, k] = 0.0
        b[k] = 1.0
        norm1 = 0.0
        for c in range(k + 1):
            norm1 = max(norm1, colsum[c])
        K1 = k + 1
        zero = _lu_jit(a, b, perm, K1)
        if zero or _rcond_jit(a[:K1, :K1], perm[:K1], norm1, ill_high, w[:K1]) <= ill_high:
            stat[r] = 2
            continue
        for p in range(K1 - 1, -1, -1):
            s = b[p]
            for q in range(p + 1, K1):
                s -= a[p, q] * b[q]
            b[p] = s / a[p, p]
        good = True
        for p in range(k):
            if b[p] < -tie_tol:
                good = False
            Y[r, T[p]] = max(b[p], 0.0)
        if not good:
            continue
        u = b[k]
        for i in range(m):
            s = 0.0
            for p in range(k):
                s += A0[i, T[p]] * Y[r, T[p]]
            if s > u + tie_tol:
                good = False
                break
        if good:
            stat[r] = 1
    return stat, Y


_COMPILED: list[Any] = []
#: The compiled :func:`~gametheory_af.solvers.support._rcond_lu` and
#: :func:`~gametheory_af.solvers.support._lu_factor`, referenced by the compiled :func:`_partner_loops`.
_rcond_jit: Any = None
_lu_jit: Any = None


def _kernel() -> Any:
    """The numba-compiled :func:`_partner_loops`, or None without numba (then the numpy route runs)."""
    if not _COMPILED:
        jit = njit(error_model="numpy")
        if jit is None:  # pragma: no cover - depends on the environment
            _COMPILED.append(None)
        else:
            global _rcond_jit, _lu_jit
            _rcond_jit = jit(_rcond_lu)
            _lu_jit = jit(_lu_factor)
            _COMPILED.extend([jit(_partner_loops), jit(_vertex_loops)])
    return _COMPILED[0]
