"""All extreme equilibria of a bimatrix game by vertex enumeration of the best-response polytopes."""

from __future__ import annotations

import warnings

import numpy as np

from .._limits import MAX_TIME_LIMIT, check_max_time
from ..exceptions import ConvergenceWarning, DegenerateGameWarning
from ..game import NormalFormGame
from ..result import EquilibriumResult
from ._bimatrix import (
    ILL_HIGH,
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
from ._vertices import degenerate_game, polytope_vertices
from .support import sweep_supports

__all__ = ["vertex_enumeration", "polytope_vertices"]

_METHOD = "vertex_enumeration"
#: Beyond this many bases (15 x 15 games) Qhull may run for minutes and cannot be interrupted, so a
#: time- or count-bounded call enumerates support pairs instead, which stops at the bound.
_QHULL_BASES = 155_117_520
#: Rows of label indicators matched at once (bounds the matching's memory to about 2**22 floats).
_MATCH_ROWS = 1 << 12


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
    each vertex is found by one batched linear solve over all vertices; when it
    is not, or when such a system is singular, the vertices of ``Q`` are also
    enumerated and matched by complementary labels (one matrix product of
    label indicators).

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    tol : float, default 1e-9
        Tolerance relative to each player's payoff range
        (:mod:`gametheory_af._tolerance`): payoffs are normalised per player,
        ties (labels) are recognised up to ``tol`` on that scale, and an
        equilibrium is returned only if its ``relative_regret <= tol``.
    exact : bool, default False
        Rebuild each equilibrium in rational arithmetic from its supports and
        ties, and keep it only if its exact regret is zero. Payoffs are read
        with :meth:`NormalFormGame.exact_payoffs` (exact for integer and
        Fraction input; a float is read as the shortest decimal printing as it).
        Games that float64 cannot resolve (:func:`~gametheory_af._tolerance.float_resolves`)
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
        game is degenerate): equilibria may then form continua, of which the
        extreme points are returned. Also when float64 cannot resolve the
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
        eqs, degenerate, stopped = exact_extreme_equilibria(game, budget)
        n_vertices = budget.count
    else:
        An, Bn = work.An, work.Bn
        if bounded and bases > _QHULL_BASES:
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
        if warn_unsettled(work, budget, _METHOD):
            complete = False
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
    X, LX = polytope_vertices(Bn.T, tol=tie_tol)  # labels: x_i = 0 -> i; (B^T x)_j = 1 -> m + j
    nonzero = X.sum(axis=1) > tie_tol
    X, LX = X[nonzero], LX[nonzero]
    stopped = False
    if budget.max_count is not None and len(X) > budget.max_count:
        X, LX = X[: budget.max_count], LX[: budget.max_count]
        budget.stopped = f"the count bound {budget.max_count:,} was reached"
        stopped = True
    budget.count = len(X)
    counts = LX.sum(axis=1)
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
    notY = (~LY).astype(np.float32).T
    hits_i: list[np.ndarray] = []
    hits_j: list[np.ndarray] = []
    step = max(1, _MATCH_ROWS * 1024 // max(1, len(Y)))
    for start in range(0, len(X), step):
        if not budget.check():
            stopped = True
            break
        missing = (~LX[start : start + step]).astype(np.float32) @ notY
        ii, jj = np.nonzero(missing == 0)
        hits_i.append(ii + start)
        hits_j.append(jj)
    ii = np.concatenate(hits_i) if hits_i else np.zeros(0, dtype=np.intp)
    jj = np.concatenate(hits_j) if hits_j else np.zeros(0, dtype=np.intp)
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


def _partners(
    An: np.ndarray, X: np.ndarray, LX: np.ndarray, tie_tol: float
) -> tuple[list[tuple[np.ndarray, np.ndarray]], list[Sets]] | None:
    """For each simple vertex ``x`` of ``P``, the unique ``y`` carrying the missing labels.

    ``y`` must be supported on the columns that are best responses to ``x``
    (``T``) and make the rows of the support of ``x`` (``S``) tight:
    ``A[S, T] y_T = 1`` with ``|S| = |T|``, solved in the equivalent
    indifference form (which is singular whenever that face of ``Q`` is more
    than a point). All systems are solved in one
    batched call, each padded with an identity block to the largest size. Returns ``None`` if any system is (numerically) singular, in
    which case the caller falls back to matching vertices of both polytopes.
    """
    m, n = An.shape
    V = len(X)
    if V == 0:  # pragma: no cover - P always has a nonzero vertex
        return [], []
    S = ~LX[:, :m]
    T = LX[:, m:]
    k = S.sum(axis=1)
    K = int(k.max())
    # All systems in one batch, each padded to K x K with an identity block:
    # [[A[S, T], 0], [0, I]] [y_T; z] = [1; 0]. Row/column indices of S and T come first.
    Si = np.argsort(~S, axis=1, kind="stable")[:, :K]
    Ti = np.argsort(~T, axis=1, kind="stable")[:, :K]
    live = np.arange(K) < k[:, None]
    # Bordered (indifference) form with payoffs in [0, 1], better conditioned than A[S, T] itself:
    # [[A0[S, T], -1], [1, 0]] [y_T; u] = [0; 1], padded with an identity block.
    A0 = An - 1.0
    M = np.zeros((V, K + 1, K + 1))
    M[:, :K, :K] = np.where(live[:, :, None] & live[:, None, :], A0[Si[:, :, None], Ti[:, None, :]], np.eye(K))
    M[:, :K, K] = -live.astype(np.float64)
    M[:, K, :K] = live
    det = np.linalg.det(M)
    norms = np.prod(np.linalg.norm(M, axis=2), axis=1)
    if np.any(np.abs(det) <= ILL_HIGH * norms):
        return None  # singular or ill-conditioned: match vertices of both polytopes instead
    rhs = np.zeros((V, K + 1, 1))
    rhs[:, K] = 1.0
    sol = np.linalg.solve(M, rhs)[:, :, 0]
    yT, u = sol[:, :K], sol[:, K]
    ok = ((yT >= -tie_tol) | ~live).all(axis=1)
    Y = np.zeros((V, n))
    np.put_along_axis(Y, Ti, np.where(live, np.clip(yT, 0.0, None), 0.0), axis=1)
    ok &= (Y @ A0.T <= u[:, None] + tie_tol).all(axis=1)
    pairs: list[tuple[np.ndarray, np.ndarray]] = []
    sets: list[Sets] = []
    Xn = X / X.sum(axis=1, keepdims=True)
    Yn = Y / np.where(ok, Y.sum(axis=1), 1.0)[:, None]
    for r in np.flatnonzero(ok).tolist():
        kr = int(k[r])
        si = np.sort(Si[r, :kr]).tolist()
        ti = np.sort(Ti[r, :kr]).tolist()
        pairs.append((Xn[r], Yn[r]))
        sets.append((si, ti, ti, si))
    return pairs, sets
