"""All equilibria of a nondegenerate bimatrix game by support enumeration, vectorised over supports."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from functools import lru_cache
from itertools import combinations
from math import comb
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
    exact_support_equilibria,
    prepare,
    warn_unsettled,
)
from ._bimatrix import RCOND_HIGH as ILL_HIGH
from ._bimatrix import RCOND_LOW as ILL_LOW
from ._vertices import degeneracy_confirmed, degenerate_game

__all__ = ["support_enumeration"]

_log = logging.getLogger(__name__)

_METHOD = "support_enumeration"
#: Support pairs solved per batch (bounds memory at about ``_CHUNK * (k + 1)**2`` floats).
_CHUNK = 1 << 14


def support_enumeration(
    game: NormalFormGame,
    *,
    tol: float = 1e-9,
    exact: bool = False,
    max_time: float | None = MAX_TIME_LIMIT,
    max_supports: int | None = None,
) -> EquilibriumResult:
    """All Nash equilibria of a nondegenerate two-player game, by enumerating equal-size supports.

    For every support size ``k`` and every pair of supports ``I`` (rows) and
    ``J`` (columns) with ``|I| = |J| = k``, the indifference systems

    ``sum_{j in J} A[i, j] y_j = u`` for ``i`` in ``I``, ``sum_j y_j = 1``, and
    ``sum_{i in I} B[i, j] x_i = v`` for ``j`` in ``J``, ``sum_i x_i = 1``

    are solved, and ``(x, y)`` is kept when both are probability vectors and
    no strategy outside the supports does better. A pair is dropped unsolved
    when a strategy in one support is beaten by some pure strategy, against
    every strategy of the other support, by more than the tolerance could
    absorb (conditional dominance; Porter, Nudelman & Shoham 2008): the tests
    would reject it anyway, so this changes no answer. The ``C(m, k) * C(n, k)``
    systems of each size are taken in chunks, not one Python call per pair:
    with :mod:`numba` installed each chunk's systems are factorised by
    Gaussian elimination with partial pivoting in one compiled loop (the
    ``x`` system only for pairs whose ``y`` is a mixed strategy to which no
    row outside ``I`` is a better reply; games whose
    pairs of each size fit in one chunk, up to ``9 x 9``, are swept in a
    single compiled call); without it they are stacked into batched
    :func:`numpy.linalg.solve` calls. Both routes apply the same tests and
    return the same equilibria.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    tol : float, default 1e-9
        Tolerance relative to each player's payoff range
        (:ref:`tolerances`). Payoffs are first normalised per
        player by a positive affine map (which leaves equilibria unchanged); a
        probability counts as non-negative, and an outside strategy as no
        better, up to ``tol`` on that scale, and an equilibrium is returned only
        if its ``relative_regret <= tol``. Floats are never compared exactly,
        so equilibria of integer games with ties in the arithmetic are not lost.
    exact : bool, default False
        Rebuild each equilibrium in rational arithmetic
        (:meth:`NormalFormGame.exact_payoffs`) by solving its support's
        indifference system with :class:`fractions.Fraction`, and keep it only
        if its regret is exactly zero; ``Equilibrium.exact`` holds the profile.
        Games that float64 cannot resolve are then solved support pair by
        support pair in rational arithmetic; so are such games with exact
        (integer or Fraction) payoffs even when ``exact=False``.
    max_time : float or None, default: the ``max_time`` limit (:func:`gametheory_af.set_limits`)
        Seconds after which the enumeration stops; ``None`` for no limit.
    max_supports : int or None, default None
        The most support pairs to examine (in exact enumeration: support
        pairs and polytope bases together).

    Returns
    -------
    EquilibriumResult
        ``method="support_enumeration"``; ``complete`` is True when the game
        is nondegenerate and every support pair was examined (then every
        equilibrium was found), False otherwise; ``parameters`` with the
        options; ``n_iter`` the number of support pairs examined. Equilibria
        are ordered by total support size. When a bound stops the
        enumeration, ``complete`` and ``converged`` are False and the
        equilibria found so far are returned, each certified.

    Raises
    ------
    GameError
        If the game does not have two players, an option is invalid, or there
        are more than ``max_calls`` support pairs (about 4 million: beyond
        ``12 x 12``) and neither ``max_time`` nor ``max_supports`` bounds the
        work (the pairs are checked before any is solved).
    TypeError
        If *game* is not a :class:`NormalFormGame` or *exact* is not a bool.

    Warns
    -----
    DegenerateGameWarning
        If the game is degenerate: some mixed strategy with support size
        ``k`` has more than ``k`` pure best responses (tested exactly, on the
        vertices of the best-response polytopes, and a vertex that float64
        finds degenerate is confirmed in rational arithmetic). Equilibria with
        supports of unequal size, and continua of equilibria, may then be
        missed; use :func:`vertex_enumeration` for the extreme equilibria. When
        the only float64 "degeneracies" are near-ties (a slack below ``tol``
        but not zero), games with exact payoffs are solved in rational
        arithmetic and other games get the ill-conditioning warning below. Also when
        float64 cannot resolve the payoffs, or more than a few dozen support
        systems of one chunk are ill-conditioned, and the payoffs are not exact
        (with exact payoffs the game is then solved in rational arithmetic
        instead). A few ill-conditioned systems are simply re-solved in
        rational arithmetic on the exact binary values of their entries.
    ConvergenceWarning
        When ``max_time`` or ``max_supports`` stopped the enumeration.

    Notes
    -----
    Complete for nondegenerate games, in which every equilibrium has supports
    of equal size and a unique solution of its indifference system
    (von Stengel 2007, Prop. 3.3). The number of support pairs is
    ``C(m + n, m) - 1``, so the method is exponential in ``min(m, n)``;
    :func:`vertex_enumeration` is usually much faster beyond ``6 x 6``.
    Singular indifference systems are skipped (they cannot carry an isolated
    equilibrium); a system is called singular only when two of its rows or
    columns are equal, or in rational arithmetic:
    float64 solves the systems whose reciprocal condition number exceeds
    ``1e-8`` and the others are settled exactly. The degeneracy test walks
    the vertex graph of each best-response polytope by pivoting, compiled
    (Avis & Fukuda 1992), and stops at the first vertex with a label too
    many; Qhull enumerates the vertices where the walk does not apply.

    References
    ----------
    Avis, D., & Fukuda, K. (1992). A pivoting algorithm for convex hulls and
    vertex enumeration of arrangements and polyhedra. *Discrete &
    Computational Geometry* 8, 295-313.

    Dickhaut, J., & Kaplan, T. (1991). A program for finding Nash equilibria.
    *The Mathematica Journal* 1(4), 87-93.

    Porter, R., Nudelman, E., & Shoham, Y. (2008). Simple search methods for
    finding a Nash equilibrium. *Games and Economic Behavior* 63(2), 642-662.

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
    max_time = check_max_time(max_time, _METHOD)
    max_supports = check_max_count(max_supports, "max_supports", _METHOD)
    m, n = A.shape
    check_size(comb(m + n, m) - 1, "support pairs", _METHOD, max_time is not None or max_supports is not None)
    work = prepare(game)
    budget = Budget(max_time, max_supports)
    tie_tol = max(tol, MIN_TIE_TOL)
    params = {"tol": tol, "exact": bool(exact), "max_time": max_time, "max_supports": max_supports}
    unresolved = False
    if work.use_exact or (exact and not work.resolves):
        _log.debug(
            "support_enumeration: rational arithmetic (%s)", "float64 cannot resolve the payoffs" if work.use_exact else "exact=True"
        )
        eqs, stopped, degenerate = exact_support_equilibria(game, budget)
        n_pairs = budget.count
    else:
        An, Bn = work.An, work.Bn
        # A game known to be degenerate is reported incomplete whatever the sweep finds, so its
        # systems that float64 cannot solve at all (rc <= RCOND_LOW, mostly exactly singular ones
        # from tied payoffs) are skipped instead of being settled one by one in rational arithmetic.
        float_degenerate = degenerate_game(An, Bn, tie_tol)
        confirmed = float_degenerate and degeneracy_confirmed(game, An, Bn, tie_tol)
        pairs, sets, n_pairs, stopped = sweep_supports(An, Bn, tie_tol, budget, skip_singular=confirmed)
        eqs = accept(game, pairs, An=An, Bn=Bn, tol=tol, tie_tol=tie_tol, exact=bool(exact), sets=sets, work=work)
        degenerate = (not stopped and float_degenerate) or _degenerate_pairs(An, Bn, eqs, tie_tol)
        if degenerate and not stopped and not (confirmed or degeneracy_confirmed(game, An, Bn, tie_tol)):
            # Near-ties only (slacks below tie_tol, none exactly zero): float64 cannot settle the
            # game at this tolerance; exact games are redone exactly, float games say so.
            degenerate = False
            budget.ill = True
        if budget.ill and work.exact_ok and not stopped:
            # float64 may have misjudged some support systems: redo the enumeration exactly.
            _log.info("support_enumeration: ill-conditioned systems or near-ties: enumerating again in rational arithmetic")
            budget = Budget(max_time, max_supports)
            eqs, stopped, degenerate = exact_support_equilibria(game, budget)
            n_pairs = budget.count
        else:
            unresolved = warn_unsettled(work, budget, _METHOD)
    if _log.isEnabledFor(logging.DEBUG):
        _log.debug(
            "support_enumeration: %s support pairs examined, %d equilibria, degenerate=%s, stopped=%s",
            f"{n_pairs:,}", len(eqs), degenerate, budget.stopped if stopped else False,
        )
    if degenerate:
        warnings.warn(
            f"{_METHOD}: the game is degenerate (a mixed strategy has more pure best responses than "
            f"its support size); the {len(eqs)} equilibria returned may not be all of them. "
            "Use vertex_enumeration for every extreme equilibrium.",
            DegenerateGameWarning,
            stacklevel=2,
        )
    if stopped:
        warnings.warn(
            f"{_METHOD}: stopped early ({budget.stopped}) after {n_pairs:,} of {comb(m + n, m) - 1:,} "
            f"support pairs; the {len(eqs)} equilibria returned are certified but may not be all of them.",
            ConvergenceWarning,
            stacklevel=2,
        )
    # Built by this function only: _trusted's conditions hold (a checked game, a tuple of the
    # game's equilibria, a str method, Python bools and a Python int count).
    return EquilibriumResult._trusted(
        game, tuple(eqs), _METHOD, not (degenerate or stopped or unresolved), params, not stopped, int(n_pairs)
    )


def _degenerate_pairs(An: np.ndarray, Bn: np.ndarray, eqs: list[Any], tie_tol: float) -> bool:
    """:func:`~gametheory_af.solvers._bimatrix.is_degenerate_pair` of any of *eqs*, for all of them at once."""
    if not eqs:
        return False
    X = np.array([eq.profile[0] for eq in eqs])
    Y = np.array([eq.profile[1] for eq in eqs])
    compiled = _degenerate_kernel()
    if compiled is not None:
        # The same counts; the payoffs are summed in another order than BLAS's (a count could
        # differ only for a payoff gap within rounding of tie_tol).
        return bool(compiled(An, Bn, X, Y, tie_tol))
    col_pay = X @ Bn
    row_pay = Y @ An.T
    # Counts of True by sum (np.count_nonzero with an axis is a slow Python-level function).
    best_x = (col_pay >= col_pay.max(axis=1, keepdims=True) - tie_tol).sum(axis=1)
    best_y = (row_pay >= row_pay.max(axis=1, keepdims=True) - tie_tol).sum(axis=1)
    return bool(((best_x > (X > tie_tol).sum(axis=1)) | (best_y > (Y > tie_tol).sum(axis=1))).any())


def _degenerate_loops(An, Bn, X, Y, tie_tol):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """:func:`_degenerate_pairs` on the stacked profiles, compiled."""
    m, n = An.shape
    col_pay = np.empty(n)
    row_pay = np.empty(m)
    for e in range(X.shape[0]):
        for j in range(n):
            s = 0.0
            for i in range(m):
                s += X[e, i] * Bn[i, j]
            col_pay[j] = s
        for i in range(m):
            s = 0.0
            for j in range(n):
                s += An[i, j] * Y[e, j]
            row_pay[i] = s
        top_x = col_pay.max() - tie_tol
        top_y = row_pay.max() - tie_tol
        best_x = 0
        for j in range(n):
            best_x += col_pay[j] >= top_x
        best_y = 0
        for i in range(m):
            best_y += row_pay[i] >= top_y
        sup_x = 0
        for i in range(m):
            sup_x += X[e, i] > tie_tol
        sup_y = 0
        for j in range(n):
            sup_y += Y[e, j] > tie_tol
        if best_x > sup_x or best_y > sup_y:
            return True
    return False


#: ``[compiled _degenerate_loops]``, or ``[None]`` without numba.
_DEGENERATE: list[Any] = []


def _degenerate_kernel() -> Any:
    """The numba-compiled :func:`_degenerate_loops`, or None without numba (then numpy counts)."""
    if not _DEGENERATE:
        jit = njit()
        _DEGENERATE.append(None if jit is None else jit(_degenerate_loops))
    return _DEGENERATE[0]


def sweep_supports(An: np.ndarray, Bn: np.ndarray, tie_tol: float, budget: Budget, skip_singular: bool = False):  # type: ignore[no-untyped-def]
    """Candidate equilibria of every support pair of equal size, smallest supports first, within *budget*.

    Returns ``(pairs, sets, support pairs examined, stopped)``. With
    *skip_singular* (for games known to be degenerate, whose result is
    incomplete anyway), systems singular to working precision (``rc <=
    RCOND_LOW``) are skipped rather than settled exactly. When one compiled
    call examines every pair, ``pairs`` is the array of the candidates'
    stacked profiles ``[x, y]`` (one row each, which :func:`accept` takes as
    it is) and ``sets`` an iterable that builds the support sets only when
    read (the exact route); else both are lists.
    """
    m, n = An.shape
    pairs: list[tuple[np.ndarray, np.ndarray]] = []
    sets: list[tuple[list[int], list[int], list[int], list[int]]] = []
    n_pairs = 0
    first = 1
    low = -ILL_LOW if skip_singular else ILL_LOW
    small = _sweep_small(An, Bn, tie_tol, budget, low)
    if small is not None:
        Z, small_sets, first = small
        n_pairs = budget.count
        if first > min(m, n):
            return Z, small_sets, n_pairs, False
        pairs = list(zip(Z[:, :m], Z[:, m:]))
        sets = list(small_sets)
    for k in range(first, min(m, n) + 1):
        if not budget.check():
            return pairs, sets, n_pairs, True
        rows = np.array(list(combinations(range(m), k)), dtype=np.intp)
        cols = np.array(list(combinations(range(n), k)), dtype=np.intp)
        gen = _solve_supports(An, Bn, rows, cols, tie_tol, budget, low)
        for ri, ci, X, Y in gen:
            for r, c, x, y in zip(ri.tolist(), ci.tolist(), X, Y):
                pairs.append((x, y))
                sets.append((rows[r].tolist(), cols[c].tolist(), cols[c].tolist(), rows[r].tolist()))
        n_pairs = budget.count
        if budget.stopped is not None:
            return pairs, sets, n_pairs, True
    return pairs, sets, n_pairs, False


@lru_cache(maxsize=64)
def _pair_counts(m: int, n: int) -> tuple[int, ...]:
    """The number of support pairs of each size ``k = 1 .. min(m, n)`` of an ``m x n`` game."""
    return tuple(comb(m, k) * comb(n, k) for k in range(1, min(m, n) + 1))


def _sweep_small(An: np.ndarray, Bn: np.ndarray, tie_tol: float, budget: Budget, low: float = ILL_LOW):  # type: ignore[no-untyped-def]
    """The first sizes of :func:`sweep_supports` in one compiled call, for games whose support pairs of each size fit in one chunk.

    The same chunks, tests and order as the chunked route (each size ``k`` is
    one chunk of :func:`_chunk_loops`), without a Python round trip per size.
    Returns ``(Z, sets, next size)``: the candidates' stacked profiles
    ``[x, y]``, one row each, and their support sets (a :class:`_SupportSets`);
    the call stops before the first size
    with an ill-conditioned system (the chunked route settles those and goes
    on from there), and the pairs of the sizes left are not counted in
    *budget*. Returns None (and spends nothing) when it does not apply:
    without :mod:`numba`, with a count bound, for larger games, or when the
    time is up.
    """
    m, n = An.shape
    if len(_COMPILED) < 3 or budget.max_count is not None:
        return None
    sizes = _pair_counts(m, n)
    if max(sizes) > _CHUNK:
        return None
    if not budget.spend(sum(sizes)):
        budget.stopped = None
        return None
    done, X, Y, I, J, K = _COMPILED[2](An, Bn, tie_tol, low, ILL_HIGH, _MAX_EXACT_RESOLVES, _PRUNE)
    if done < len(sizes):
        budget.count -= sum(sizes[done:])
    return np.concatenate((X, Y), axis=1), _SupportSets(I, J, K), done + 1


class _SupportSets:
    """The ``sets`` of :func:`_sweep_small`, built only when read (the exact route; float certification never does).

    Row ``e`` of the kernel's arrays has the supports ``I[e, :K[e]]`` (rows)
    and ``J[e, :K[e]]`` (columns); each item is ``(rows, cols, cols, rows)``
    as lists, as in :func:`sweep_supports`' chunked route.
    """

    __slots__ = ("I", "J", "K")

    def __init__(self, I: np.ndarray, J: np.ndarray, K: np.ndarray) -> None:
        self.I, self.J, self.K = I, J, K

    def __iter__(self) -> Iterator[tuple[list[int], list[int], list[int], list[int]]]:
        for i, j, k in zip(self.I.tolist(), self.J.tolist(), self.K.tolist()):
            si, sj = i[:k], j[:k]
            yield (si, sj, sj, si)


def _combinations(n, k):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """The ``k``-subsets of ``range(n)`` in the order of :func:`itertools.combinations`, as rows."""
    N = 1
    for i in range(k):
        N = N * (n - i) // (i + 1)
    out = np.empty((N, k), dtype=np.intp)
    c = np.arange(k)
    for r in range(N):
        for t in range(k):
            out[r, t] = c[t]
        i = k - 1
        while i >= 0 and c[i] == n - k + i:
            i -= 1
        if i < 0:
            break
        c[i] += 1
        for t in range(i + 1, k):
            c[t] = c[t - 1] + 1
    return out


#: Absolute slack (on the normalised payoff scale) added to the dominance margin of :func:`_prune_margin`.
_PRUNE_SLACK = 1e-12
#: The dominance tables of one support size are built only up to this many entries each.
_MAX_TABLE = 1 << 22
#: Screen support pairs by conditional dominance before solving them (off only to test that it changes no answer).
_PRUNE = True


def _prune_margin(k: int, tie_tol: float) -> float:
    """The margin by which a strategy must be dominated on a support of size *k* for :func:`_dominated_loops` to rule it out.

    Why ``(k + 2) tie_tol`` plus a slack: for a pair ``(I, J)`` whose ``y``
    passed the sign test (``y >= -tie_tol``, summing to one) the rows of ``I``
    earn the same against ``y`` up to the solve's residual; clipping ``y`` at
    zero moves each by at most ``k tie_tol`` on the normalised scale (each
    player's payoffs span a range of one), and the clipped ``y`` sums to at
    least one. A row ``i`` in ``I``
    beaten by a row ``i'`` by more than ``d`` against every column of ``J`` then
    leaves ``i'`` ahead of the best row of ``I`` by more than ``d - k tie_tol``
    less round-off, which exceeds the deviation test's ``tie_tol`` when ``d``
    exceeds this margin. The same holds for the columns with ``x``.
    """
    return (k + 2) * tie_tol + _PRUNE_SLACK


def _dominated_loops(U, supports, trans, margin):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """``D[s, i]``: the player's strategy ``i`` is beaten by one of their pure strategies by more than *margin* against each strategy of the other's support ``supports[s]``.

    *trans* False: ``U`` is the row player's matrix, the supports are column
    supports and ``i`` a row; True: ``U`` is the column player's matrix, the
    supports row supports and ``i`` a column. Pure strategies only (conditional
    dominance, Porter, Nudelman & Shoham 2008); a strategy dominated only by a
    mixture is not flagged.
    """
    S, k = supports.shape
    n_own = U.shape[1] if trans else U.shape[0]
    D = np.zeros((S, n_own), dtype=np.bool_)
    for s in range(S):
        for i in range(n_own):
            for i2 in range(n_own):
                if i2 == i:
                    continue
                beaten = True
                for t in range(k):
                    o = supports[s, t]
                    d = U[o, i2] - U[o, i] if trans else U[i2, o] - U[i, o]
                    if not d > margin:
                        beaten = False
                        break
                if beaten:
                    D[s, i] = True
                    break
    return D


def _dominated_numpy(U: np.ndarray, supports: np.ndarray, trans: bool, margin: float) -> np.ndarray:
    """:func:`_dominated_loops` with numpy (the route without :mod:`numba`)."""
    V = U.T if trans else U  # own strategies x the other's
    sub = V[:, supports]  # (own, supports, k)
    D = np.zeros((supports.shape[0], V.shape[0]), dtype=bool)
    for i2 in range(V.shape[0]):
        beaten = (sub[i2][None] - sub).min(axis=2) > margin  # (own, supports)
        beaten[i2] = False
        D |= beaten.T
    return D


def _dominance_tables(
    An: np.ndarray, Bn: np.ndarray, rows: np.ndarray, cols: np.ndarray, tie_tol: float, compiled: bool
) -> tuple[np.ndarray, np.ndarray]:
    """``(rowdom, coldom)`` for the support pairs of one size: which pairs no route can accept.

    ``rowdom[c, i]``: row ``i`` is beaten by another row by more than
    :func:`_prune_margin` against every column of ``cols[c]``; ``coldom[r, j]``
    the same for column ``j`` on the rows of ``rows[r]`` (the column player's
    payoffs). A pair ``(rows[r], cols[c])`` with a flagged row in ``rows[r]``
    or a flagged column in ``cols[c]`` fails the deviation tests, so its systems
    need not be solved. Tables that would exceed :data:`_MAX_TABLE` entries, or
    cost more to build than the size's systems, are empty (nothing is ruled
    out).
    """
    m, n = An.shape
    k = rows.shape[1]
    n_rows, n_cols = rows.shape[0], cols.shape[0]
    build = _PRUNE and n_cols * m <= _MAX_TABLE and n_rows * n <= _MAX_TABLE
    build = build and (n_cols * m * m + n_rows * n * n) * k <= 8 * n_rows * n_cols * (k + 1) ** 2
    if not build:
        return np.zeros((0, m), dtype=bool), np.zeros((0, n), dtype=bool)
    margin = _prune_margin(k, tie_tol)
    dominated = _dominated_jit if compiled and _dominated_jit is not None else _dominated_numpy
    return dominated(An, cols, False, margin), dominated(Bn, rows, True, margin)


def _all_pairs_loops(An, Bn, tie_tol, ill_low, ill_high, max_resolves, prune):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """Each support size's pairs as one chunk of :func:`_chunk_loops`: ``(sizes done, X, Y, I, J, k)``.

    ``X, Y`` are the equilibria in the order of the chunked route; row ``e`` of
    ``I`` and ``J`` starts with the ``k[e]`` indices of its support pair. The
    sweep stops before the first size whose chunk met an ill-conditioned system.
    With *prune*, each size's pairs are first screened by :func:`_dominated_loops`
    (as :func:`_dominance_tables` does on the chunked route).
    """
    m, n = An.shape
    kmax = min(m, n)
    cap = 16
    X = np.zeros((cap, m))
    Y = np.zeros((cap, n))
    I = np.zeros((cap, kmax), dtype=np.int64)
    J = np.zeros((cap, kmax), dtype=np.int64)
    K = np.zeros(cap, dtype=np.int64)
    E = 0
    for k in range(1, kmax + 1):
        rows = _combinations_jit(m, k)
        cols = _combinations_jit(n, k)
        nc = cols.shape[0]
        total = rows.shape[0] * nc
        flat = np.arange(total)
        ri = flat // nc
        ci = flat - ri * nc
        if prune:
            margin = _prune_margin_jit(k, tie_tol)
            rowdom = _dominated_jit(An, cols, False, margin)
            coldom = _dominated_jit(Bn, rows, True, margin)
        else:
            rowdom = np.zeros((0, m), dtype=np.bool_)
            coldom = np.zeros((0, n), dtype=np.bool_)
        clean, fri, fci, FX, FY, y0, s0 = _chunk_jit(
            An, Bn, rows, cols, ri, ci, tie_tol, ill_low, ill_high, max_resolves, rowdom, coldom
        )
        if not clean:
            return k - 1, X[:E], Y[:E], I[:E], J[:E], K[:E]
        for q in range(fri.shape[0]):
            if E == cap:
                cap *= 2
                X2 = np.zeros((cap, m))
                Y2 = np.zeros((cap, n))
                I2 = np.zeros((cap, kmax), dtype=np.int64)
                J2 = np.zeros((cap, kmax), dtype=np.int64)
                K2 = np.zeros(cap, dtype=np.int64)
                X2[:E] = X[:E]
                Y2[:E] = Y[:E]
                I2[:E] = I[:E]
                J2[:E] = J[:E]
                K2[:E] = K[:E]
                X, Y, I, J, K = X2, Y2, I2, J2, K2
            X[E] = FX[q]
            Y[E] = FY[q]
            for t in range(k):
                I[E, t] = rows[fri[q], t]
                J[E, t] = cols[fci[q], t]
            K[E] = k
            E += 1
    return kmax, X[:E], Y[:E], I[:E], J[:E], K[:E]


def _solve_supports(  # type: ignore[no-untyped-def]
    An: np.ndarray,
    Bn: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    tie_tol: float,
    budget: Budget | None = None,
    low: float = ILL_LOW,
):
    """Yield ``(row-support index, column-support index, x, y)`` arrays of equilibria, chunk by chunk.

    Every pair of a row support (``rows[r]``) and a column support
    (``cols[c]``) of the same size ``k`` is examined. The column player's
    strategy ``y`` solves the bordered system ``[[A_IJ, -1], [1, 0]] [y; u] =
    [0; 1]``; the row player's ``x`` the analogous system in ``B_IJ^T``. Pairs
    are discarded as soon as one of the tests fails, so later (more costly)
    tests run on few survivors. *low* is the ``ill_low`` of :func:`_bordered_loops`
    (negative: skip the systems singular to working precision).
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
    budget = budget if budget is not None else Budget(None, None)
    kernel = _kernel()
    rowdom, coldom = _dominance_tables(An, Bn, rows, cols, tie_tol, kernel is not None)
    start = 0
    while start < total:
        size = min(_CHUNK, total - start)
        if budget.max_count is not None:
            size = min(size, budget.max_count - budget.count)
        if size <= 0 or not budget.spend(size):
            if budget.stopped is None:
                budget.stopped = f"the count bound {budget.max_count:,} was reached"
            return
        flat = np.arange(start, start + size)
        start += size
        ri, ci = np.divmod(flat, n_cols)
        if kernel is not None:
            clean, fri, fci, FX, FY, y0, s0 = _COMPILED[1](
                An, Bn, rows, cols, ri, ci, tie_tol, low, ILL_HIGH, _MAX_EXACT_RESOLVES, rowdom, coldom
            )
            if clean:  # no ill-conditioned system in the chunk: the compiled loop ran every test
                if len(fri):
                    yield fri, fci, FX, FY
                continue
            found = _compiled_chunk(kernel, An, Bn, rows, cols, ri, ci, tie_tol, budget, (y0, s0), low)
        else:
            found = _numpy_chunk(An, Bn, rows, cols, ri, ci, border, rhs, tie_tol, budget, low < 0, (rowdom, coldom))
        if found is None:
            continue
        ri, ci, x, y = found
        I, J = rows[ri], cols[ci]
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


def _numpy_chunk(  # type: ignore[no-untyped-def]
    An: np.ndarray,
    Bn: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    ri: np.ndarray,
    ci: np.ndarray,
    border: np.ndarray,
    rhs: np.ndarray,
    tie_tol: float,
    budget: Budget,
    skip_singular: bool = False,
    dominance: tuple[np.ndarray, np.ndarray] | None = None,
):
    """``(ri, ci, x, y)`` of the pairs of one chunk whose two indifference systems have mixed-strategy solutions.

    The reference route (stacked :func:`numpy.linalg.det` and :func:`numpy.linalg.solve`); None when no pair is left.
    *dominance* is ``(rowdom, coldom)`` of :func:`_dominance_tables`: the pairs it
    rules out are dropped before any system is solved.
    """
    if dominance is not None and dominance[0].shape[0]:
        rowdom, coldom = dominance
        keep = ~(rowdom[ci[:, None], rows[ri]].any(axis=1) | coldom[ri[:, None], cols[ci]].any(axis=1))
        ri, ci = ri[keep], ci[keep]
        if not ri.size:
            return None
    I, J = rows[ri], cols[ci]
    # Column player's mix y over J making the rows in I indifferent.
    y, ok, ill = _bordered_solve(An[I[:, :, None], J[:, None, :]], border, rhs, tie_tol, skip_singular)
    budget.ill |= ill
    if not ok.any():
        return None
    ri, ci, I, J, y = ri[ok], ci[ok], I[ok], J[ok], y[ok]
    # Row player's mix x over I making the columns in J indifferent.
    x, ok, ill = _bordered_solve(np.swapaxes(Bn[I[:, :, None], J[:, None, :]], 1, 2), border, rhs, tie_tol, skip_singular)
    budget.ill |= ill
    if not ok.any():
        return None
    return ri[ok], ci[ok], x[ok], y[ok]


def _compiled_chunk(  # type: ignore[no-untyped-def]
    kernel,
    An: np.ndarray,
    Bn: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    ri: np.ndarray,
    ci: np.ndarray,
    tie_tol: float,
    budget: Budget,
    first: tuple[np.ndarray, np.ndarray],
    low: float = ILL_LOW,
):
    """The same as :func:`_numpy_chunk`, with each bordered system factorised in the compiled :func:`_bordered_loops`.

    Taken for chunks with an ill-conditioned system; *first* is the column player's ``(y, status)``
    already computed by :func:`_chunk_loops`. The tests, thresholds and exact re-solves are those of
    :func:`_bordered_solve`. One shortcut: an
    ill-conditioned ``y`` system is re-solved exactly only if its pair's ``x`` system does not already
    rule the pair out (well-conditioned, and singular or with a negative probability); such a pair is
    rejected on either route, and skipping its exact solve changes no count of ill-conditioned systems.
    """
    y, stat = first  # the column player's systems, from _chunk_loops
    ill_y = np.flatnonzero(stat >= _ILL_OK)
    ok = stat == _OK
    if ill_y.size > _MAX_EXACT_RESOLVES:
        budget.ill = True  # too many to redo exactly: keep the float answers and say so
        ok[ill_y] = stat[ill_y] == _ILL_OK
    elif ill_y.size:
        _, xstat = kernel(Bn, rows, cols, ri[ill_y], ci[ill_y], True, tie_tol, low, ILL_HIGH)
        for e in ill_y[(xstat == _OK) | (xstat >= _ILL_OK)].tolist():
            ok[e] = _exact_resolve(An[rows[ri[e]]][:, cols[ci[e]]], y, e, tie_tol)
    if not ok.any():
        return None
    ri, ci, y = ri[ok], ci[ok], y[ok]
    x, stat = kernel(Bn, rows, cols, ri, ci, True, tie_tol, low, ILL_HIGH)
    ill_x = np.flatnonzero(stat >= _ILL_OK)
    ok = stat == _OK
    if ill_x.size > _MAX_EXACT_RESOLVES:
        budget.ill = True
        ok[ill_x] = stat[ill_x] == _ILL_OK
    else:
        for e in ill_x.tolist():
            ok[e] = _exact_resolve(Bn[rows[ri[e]]][:, cols[ci[e]]].T, x, e, tie_tol)
    if not ok.any():
        return None
    return ri[ok], ci[ok], np.clip(x[ok], 0.0, None), np.clip(y[ok], 0.0, None)


def _exact_resolve(M: np.ndarray, sol: np.ndarray, e: int, tie_tol: float) -> bool:
    """Re-solve the bordered system of *M* in rational arithmetic into ``sol[e]``; True if it is a mixed strategy."""
    k = M.shape[0]
    full = np.zeros((k + 1, k + 1))
    full[:k, :k] = M
    full[:k, k] = -1.0
    full[k, :k] = 1.0
    exact = solve_square_floats(full.tolist(), [0.0] * k + [1.0])
    if exact is None:
        return False
    sol[e] = [float(v) for v in exact[:k]]
    return bool((sol[e] >= -tie_tol).all())


#: Status codes of :func:`_bordered_loops`: singular; solved, a mixed strategy; solved, not one;
#: ill-conditioned and nonsingular in float64, a mixed strategy; ill-conditioned otherwise.
_SINGULAR, _OK, _NEGATIVE, _ILL_OK, _ILL = 0, 1, 2, 3, 4


def _bordered_loops(  # type: ignore[no-untyped-def]
    U, rows, cols, ri, ci, trans, tie_tol, ill_low, ill_high
):  # pragma: no cover - compiled by numba; the same tests as _bordered_solve
    """Factorise the bordered system of each pair ``(rows[ri[p]], cols[ci[p]])`` in explicit loops.

    The matrix is ``U[I, J]`` (``trans`` False: the column player's ``y``) or
    ``U[I, J].T`` (``trans`` True: the row player's ``x``), bordered as in
    :func:`_bordered_solve`. Gaussian elimination with partial pivoting
    (``P M = L U``) gives the solution and the reciprocal condition number
    ``rc = 1 / (||M||_1 ||M^-1||_1)`` (:func:`_rcond_lu`); the status codes
    classify each system with the thresholds of :func:`_bordered_solve`: ``rc >
    ill_high`` solved in float64 (status 1 or 2), else ill-conditioned (3 when
    ``rc > ill_low`` and the float solution is a mixed strategy, else 4; the
    caller settles both exactly). A system is classified singular here
    (status 0) only on an exact certificate, two equal rows or columns of
    ``U[I, J]`` (:func:`_repeated_lines`, tried on the ill-conditioned ones), or
    with a negative ``ill_low``: then the systems with ``rc <= -ill_low`` are
    (only for games known to be degenerate, whose result is not complete
    anyway). Returns ``(p, status)``.
    """
    P = ri.shape[0]
    k = rows.shape[1]
    K = k + 1
    sol = np.zeros((P, k))
    stat = np.zeros(P, dtype=np.int8)
    a = np.empty((K, K))
    b = np.empty(K)
    perm = np.empty(K, dtype=np.int64)
    colsum = np.empty(K)
    w = np.empty(K)
    for p in range(P):
        rp = ri[p]
        cp = ci[p]
        for c in range(K):
            colsum[c] = 1.0
        colsum[k] = float(k)
        for r in range(k):
            for c in range(k):
                if trans:
                    v = U[rows[rp, c], cols[cp, r]]
                else:
                    v = U[rows[rp, r], cols[cp, c]]
                a[r, c] = v
                colsum[c] += abs(v)
            a[r, k] = -1.0
            a[k, r] = 1.0
        a[k, k] = 0.0
        norm1 = 0.0
        for c in range(K):
            norm1 = max(norm1, colsum[c])
        for r in range(K):
            b[r] = 0.0
        b[k] = 1.0
        zero = _lu_jit(a, b, perm, K)
        rc = 0.0 if zero else _rcond_jit(a, perm, norm1, ill_high, w)
        if rc <= ill_high and _repeated_jit(U, rows[rp], cols[cp], k):
            stat[p] = 0  # exactly singular: two equal rows or columns
            continue
        if rc <= abs(ill_low):
            stat[p] = 0 if ill_low < 0 else 4
            continue
        for r in range(K - 1, -1, -1):
            s = b[r]
            for t in range(r + 1, K):
                s -= a[r, t] * b[t]
            b[r] = s / a[r, r]
        feasible = True
        for r in range(k):
            sol[p, r] = b[r]
            if b[r] < -tie_tol:
                feasible = False
        if rc <= ill_high:
            stat[p] = 3 if feasible else 4
        else:
            stat[p] = 1 if feasible else 2
    return sol, stat


def _repeated_lines(U, I, J, k):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """True if ``U[I, J]`` (the first *k* indices of each) has two equal rows or two equal columns, compared exactly.

    Its bordered system (either player's: a transpose swaps rows and columns)
    is then exactly singular: two equal rows of ``U[I, J]`` make two equal rows
    of ``[[U[I, J], -1], [1, 0]]``, two equal columns two equal columns. An
    exact certificate from float equality, which settles the singular systems
    of games with repeated payoffs (imitation and Savani-von Stengel games have
    hundreds) without a rational re-solve.
    """
    for a in range(k):
        for b in range(a + 1, k):
            same = True
            for t in range(k):
                if U[I[a], J[t]] != U[I[b], J[t]]:
                    same = False
                    break
            if same:
                return True
            same = True
            for t in range(k):
                if U[I[t], J[a]] != U[I[t], J[b]]:
                    same = False
                    break
            if same:
                return True
    return False


def _lu_factor(a, b, perm, K):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """Factor ``a[:K, :K]`` in place as ``P M = L U`` by Gaussian elimination with partial pivoting.

    *a* then holds ``U`` on and above its diagonal and the multipliers of ``L``
    below; *perm* the row interchanges; the same eliminations are applied to
    the right-hand side *b*. Returns True (and stops) at a column whose
    candidate pivots are all exactly zero: the system is singular.
    """
    for c in range(K):
        piv = c
        big = abs(a[c, c])
        for r in range(c + 1, K):
            if abs(a[r, c]) > big:
                big = abs(a[r, c])
                piv = r
        perm[c] = piv
        if big == 0.0:
            return True
        if piv != c:
            for t in range(K):
                a[c, t], a[piv, t] = a[piv, t], a[c, t]
            b[c], b[piv] = b[piv], b[c]
        for r in range(c + 1, K):
            f = a[r, c] / a[c, c]
            a[r, c] = f
            if f != 0.0:
                for t in range(c + 1, K):
                    a[r, t] -= f * a[c, t]
                b[r] -= f * b[c]
    return False


def _rcond_lu(a, perm, norm1, ill_high, w):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """The reciprocal condition number ``1 / (||M||_1 ||M^-1||_1)`` of ``M`` from its factors ``P M = L U``.

    *a* holds ``U`` on and above its diagonal and the multipliers of ``L`` (unit
    diagonal) below, *perm* the row interchanges, *norm1* ``||M||_1``; *w* is
    work space. First a cheap, rigorous bound: ``||M^-1||_inf <= ||U^-1||_inf
    ||L^-1||_inf``, each at most the largest entry of ``W^-1 e`` for the
    comparison matrix ``W`` of the triangle (``|diagonal|``, ``-|off-diagonal|``;
    Higham 2002, Thm. 8.12), two substitutions; with ``||M^-1||_1 <= K
    ||M^-1||_inf`` this bounds ``rc`` from below, and when that bound already
    exceeds ``ill_high`` it is returned (the system is well-conditioned; the
    exact value does not matter). Otherwise ``||M^-1||_1`` is computed exactly
    (up to round-off) from the ``K`` columns of ``M^-1`` (``K`` solves with the
    factors). A lower bound on ``rc`` only ever sends a system to the exact
    route, never away from it.
    """
    K = a.shape[0]
    # ||U^-1||_inf <= max(W_U^-1 e): back substitution with |u|.
    bu = 0.0
    for r in range(K - 1, -1, -1):
        s = 1.0
        for t in range(r + 1, K):
            s += abs(a[r, t]) * w[t]
        w[r] = s / abs(a[r, r])
        bu = max(bu, w[r])
    bl = 0.0
    for r in range(K):
        s = 1.0
        for t in range(r):
            s += abs(a[r, t]) * w[t]
        w[r] = s
        bl = max(bl, s)
    bound = K * bu * bl * norm1
    if bound * ill_high < 1.0:
        return 1.0 / bound
    inv1 = 0.0
    for j in range(K):
        for r in range(K):
            w[r] = 0.0
        w[j] = 1.0
        for c in range(K):
            q = perm[c]
            if q != c:
                w[c], w[q] = w[q], w[c]
        for r in range(K):
            s = w[r]
            for t in range(r):
                s -= a[r, t] * w[t]
            w[r] = s
        col = 0.0
        for r in range(K - 1, -1, -1):
            s = w[r]
            for t in range(r + 1, K):
                s -= a[r, t] * w[t]
            w[r] = s / a[r, r]
            col += abs(w[r])
        inv1 = max(inv1, col)
    if not inv1 < np.inf:
        return 0.0
    return 1.0 / (norm1 * inv1)


def _chunk_loops(  # type: ignore[no-untyped-def]
    An, Bn, rows, cols, ri, ci, tie_tol, ill_low, ill_high, max_resolves, rowdom, coldom
):  # pragma: no cover - compiled by numba; the same tests as _compiled_chunk and _solve_supports
    """Every test of one chunk in compiled loops: ``(clean, ri, ci, X, Y, y, status)``.

    ``ri, ci, X, Y`` are the chunk's equilibria; ``y, status`` the column
    player's systems of every pair (:func:`_bordered_loops`). ``clean`` is False
    (and no equilibria are returned) when some system of the chunk is
    ill-conditioned: the caller then takes the staged route, which settles them,
    reusing ``y, status``.
    Otherwise the pairs whose ``y`` and ``x`` are mixed strategies are checked for
    profitable deviations as in :func:`_solve_supports`, with the probabilities
    clipped at zero.

    The row player's deviations depend on ``y`` alone, so when at most
    *max_resolves* pairs have a mixed ``y`` they are tested first and ``x`` is
    solved only for the pairs that pass (the same tests in the same arithmetic,
    so the same equilibria). The bound keeps the chunk's outcome that of the
    staged route: an ill-conditioned ``x`` system of a pair rejected this way is
    not seen, but on the staged route it would be settled exactly (at most
    *max_resolves* of them are) and the pair rejected all the same.

    Before any system is solved, the pairs that *rowdom* and *coldom*
    (:func:`_dominance_tables`) rule out get the status of a system solved
    without a mixed strategy (and ``y = 0``): a strategy in one support is
    beaten by a pure strategy, against every strategy of the other support, by
    more than the deviation tests could absorb, so the pair fails them on any
    route and in any arithmetic.
    """
    m, n = An.shape
    k = rows.shape[1]
    P = ri.shape[0]
    live = np.empty(P, dtype=np.int64)
    L = 0
    for p in range(P if rowdom.shape[0] else 0):
        r = ri[p]
        c = ci[p]
        ruled_out = False
        for t in range(k):
            if rowdom[c, rows[r, t]] or coldom[r, cols[c, t]]:
                ruled_out = True
                break
        if not ruled_out:
            live[L] = p
            L += 1
    if L == P or not rowdom.shape[0]:
        y, ys = _bordered_jit(An, rows, cols, ri, ci, False, tie_tol, ill_low, ill_high)
    else:
        live = live[:L]
        ly, lys = _bordered_jit(An, rows, cols, ri[live], ci[live], False, tie_tol, ill_low, ill_high)
        y = np.zeros((P, k))
        ys = np.full(P, 2, dtype=np.int8)
        for q in range(L):
            y[live[q]] = ly[q]
            ys[live[q]] = lys[q]
    none = np.zeros(0, dtype=ri.dtype)
    n_ok = 0
    for p in range(ys.shape[0]):
        if ys[p] >= 3:
            return False, none, none, np.zeros((0, m)), np.zeros((0, n)), y, ys
        if ys[p] == 1:
            n_ok += 1
    early = n_ok <= max_resolves
    sel = np.empty(n_ok, dtype=ri.dtype)
    q = 0
    for p in range(ys.shape[0]):
        if ys[p] == 1:
            if early:
                u = -np.inf
                best = -np.inf
                for i in range(m):
                    s = 0.0
                    for t in range(k):
                        s += An[i, cols[ci[p], t]] * max(y[p, t], 0.0)
                    best = max(best, s)
                for t in range(k):
                    i = rows[ri[p], t]
                    s = 0.0
                    for t2 in range(k):
                        s += An[i, cols[ci[p], t2]] * max(y[p, t2], 0.0)
                    u = max(u, s)
                if best > u + tie_tol:
                    continue
            sel[q] = p
            q += 1
    n_ok = q
    sel = sel[:n_ok]
    x, xs = _bordered_jit(Bn, rows, cols, ri[sel], ci[sel], True, tie_tol, ill_low, ill_high)
    for q in range(n_ok):
        if xs[q] >= 3:
            return False, none, none, np.zeros((0, m)), np.zeros((0, n)), y, ys
    keep = np.zeros(n_ok, dtype=np.bool_)
    X = np.zeros((n_ok, m))
    Y = np.zeros((n_ok, n))
    for q in range(n_ok):
        if xs[q] != 1:
            continue
        p = sel[q]
        for t in range(k):
            Y[q, cols[ci[p], t]] = max(y[p, t], 0.0)
            X[q, rows[ri[p], t]] = max(x[q, t], 0.0)
        if not early:  # (else tested above, in the same arithmetic)
            u = -np.inf
            best = -np.inf
            for i in range(m):
                s = 0.0
                for t in range(k):
                    s += An[i, cols[ci[p], t]] * Y[q, cols[ci[p], t]]
                best = max(best, s)
            for t in range(k):
                i = rows[ri[p], t]
                s = 0.0
                for t2 in range(k):
                    s += An[i, cols[ci[p], t2]] * Y[q, cols[ci[p], t2]]
                u = max(u, s)
            if best > u + tie_tol:
                continue
        v = -np.inf
        best = -np.inf
        for j in range(n):
            s = 0.0
            for t in range(k):
                s += Bn[rows[ri[p], t], j] * X[q, rows[ri[p], t]]
            best = max(best, s)
        for t in range(k):
            j = cols[ci[p], t]
            s = 0.0
            for t2 in range(k):
                s += Bn[rows[ri[p], t2], j] * X[q, rows[ri[p], t2]]
            v = max(v, s)
        keep[q] = best <= v + tie_tol
    out = sel[keep]
    return True, ri[out], ci[out], X[keep], Y[keep], y, ys


#: The compiled :func:`_bordered_loops`, referenced by the compiled :func:`_chunk_loops`.
_bordered_jit: Any = None
#: The compiled :func:`_rcond_lu` and :func:`_lu_factor`, referenced by the compiled :func:`_bordered_loops`.
_rcond_jit: Any = None
_lu_jit: Any = None
#: The compiled :func:`_repeated_lines`, referenced by the compiled :func:`_bordered_loops`.
_repeated_jit: Any = None
#: The compiled :func:`_chunk_loops` and :func:`_combinations`, referenced by the compiled :func:`_all_pairs_loops`.
_chunk_jit: Any = None
_combinations_jit: Any = None
#: The compiled :func:`_dominated_loops`, referenced by the compiled :func:`_all_pairs_loops`.
_dominated_jit: Any = None
_prune_margin_jit: Any = None
#: ``[bordered loops, chunk loops, all pairs loops]`` compiled, or ``[None]`` without numba.
_COMPILED: list[Any] = []


def _kernel() -> Any:
    """The numba-compiled :func:`_bordered_loops`, or None without numba (then the numpy route runs)."""
    if not _COMPILED:
        jit = njit()
        if jit is None:  # pragma: no cover - depends on the environment
            _COMPILED.append(None)
        else:
            global _bordered_jit, _rcond_jit, _lu_jit, _repeated_jit
            global _chunk_jit, _combinations_jit, _dominated_jit, _prune_margin_jit
            jit_numpy = njit(error_model="numpy")
            _rcond_jit = jit_numpy(_rcond_lu)
            _repeated_jit = jit(_repeated_lines)
            _lu_jit = jit_numpy(_lu_factor)
            _bordered_jit = jit_numpy(_bordered_loops)
            _chunk_jit = jit(_chunk_loops)
            _combinations_jit = jit(_combinations)
            _dominated_jit = jit(_dominated_loops)
            _prune_margin_jit = jit(_prune_margin)
            _COMPILED.extend([_bordered_jit, _chunk_jit, jit(_all_pairs_loops)])
    return _COMPILED[0]


def _bordered_solve(
    M: np.ndarray, border: np.ndarray, rhs: np.ndarray, tie_tol: float, skip_singular: bool = False
) -> tuple[np.ndarray, np.ndarray, bool]:
    """Solve the stacked systems ``[[M, -1], [1, 0]] [p; w] = [0; 1]``; flag non-negative solutions.

    Returns the probability parts ``p`` (clipped at zero), a mask of the
    systems that are nonsingular with ``p >= -tie_tol``, and whether any
    system was ill-conditioned (see :data:`~gametheory_af.solvers._bimatrix.ILL_HIGH`)
    and could not be settled exactly.

    Each system is classified by its reciprocal condition number ``rc = 1 /
    (||M||_1 ||M^-1||_1)`` (:func:`_rcond`; the compiled route computes the same
    number from its LU factors, :func:`_rcond_lu`). ``rc > ILL_HIGH``: solved in
    float64. ``rc <= ILL_HIGH`` (ill-conditioned, exactly singular systems
    included): solved again in rational arithmetic on the exact binary values
    of its float entries, which settles both singularity and the solution for
    the normalised game; when more than ``_MAX_EXACT_RESOLVES`` of a chunk are
    ill-conditioned, the float solutions of those with ``rc > ILL_LOW`` are kept
    and the chunk is reported unsettled (the caller then re-runs exact games in
    rational arithmetic, or warns and returns ``complete=False``).

    Why no equilibrium of a nondegenerate game is lost silently: such an
    equilibrium has equal supports ``I, J`` whose bordered systems are
    nonsingular (von Stengel 2007, Prop. 3.3). A system is dropped here only
    (a) when two of its rows or columns are equal bit for bit (an exact proof
    that it is singular; :func:`_repeated_lines`), or after the exact re-solve
    found it singular, which it cannot be, or its
    exact solution negative, which it is not; or (b) when float64 solved it
    with ``rc > ILL_HIGH``, so that the computed solution's error is at most
    about ``(k + 1) * eps / rc`` times its size (backward-stable elimination;
    Higham 2002, Thm. 7.2), and found a probability below ``-tie_tol`` (or,
    in the caller, a better reply by more than ``tie_tol``); or (c) in an
    unsettled chunk, which makes the result incomplete or exact. Case (b) is
    exact up to that error bound: it could only misjudge an equilibrium with
    a probability, or a payoff gap to a strategy outside the supports, smaller
    than about ``(k + 1) * eps / rc`` (at most about 1.5e-7 at the threshold,
    1e-12 and below for the systems of random games), i.e. a game within that
    distance of a degenerate one. Closing that gap (margins of the error bound
    on both tests, with the exact route for the pairs inside them) is left
    open. Float64 never
    calls a system singular on its own: a tiny pivot or determinant does not
    tell an exactly singular system from a nearly singular one (the Hadamard
    ratio ``|det| / prod(row norms)`` used before is 8.5e-16 for the
    full-support system of ``savani_von_stengel(3)``, whose condition number is
    only 2.1e6).
    """
    P, k, _ = M.shape
    full = np.broadcast_to(border, (P, k + 1, k + 1)).copy()
    full[:, :k, :k] = M
    rc = _rcond(full)
    ill_mask = rc <= ILL_HIGH
    nonsing = ~ill_mask
    if skip_singular:  # a game known to be degenerate: systems float64 cannot solve are skipped
        ill_mask &= rc > ILL_LOW
    sol = np.zeros((P, k + 1))
    plain = nonsing
    if plain.all():
        sol = np.linalg.solve(full, np.broadcast_to(rhs, (P, k + 1))[:, :, None])[:, :, 0]
    elif plain.any():
        sol[plain] = np.linalg.solve(full[plain], np.broadcast_to(rhs, (int(plain.sum()), k + 1))[:, :, None])[:, :, 0]
    unsettled = False
    ill_idx = np.flatnonzero(ill_mask)
    if ill_idx.size:  # exactly singular by two equal rows or columns (as _repeated_lines): no re-solve
        sub = M[ill_idx]
        eq_rows = (sub[:, :, None, :] == sub[:, None, :, :]).all(axis=3)
        eq_cols = (sub[:, :, :, None] == sub[:, :, None, :]).all(axis=1)
        off = ~np.eye(k, dtype=bool)
        repeated = (eq_rows & off).any(axis=(1, 2)) | (eq_cols & off).any(axis=(1, 2))
        nonsing[ill_idx[repeated]] = False
        ill_idx = ill_idx[~repeated]
    if ill_idx.size > _MAX_EXACT_RESOLVES:
        unsettled = True  # too many to redo exactly: keep the float answers that float64 can compute and say so
        solvable = ill_idx[rc[ill_idx] > ILL_LOW]
        nonsing[solvable] = True
        sol[solvable] = np.linalg.solve(full[solvable], np.broadcast_to(rhs, (solvable.size, k + 1))[:, :, None])[:, :, 0]
    else:
        rhs_f = [0.0] * k + [1.0]
        for e in ill_idx.tolist():
            exact = solve_square_floats(full[e].tolist(), rhs_f)
            nonsing[e] = exact is not None
            if exact is not None:
                sol[e] = [float(v) for v in exact]
    p = sol[:, :k]
    ok = nonsing & (p >= -tie_tol).all(axis=1)
    return np.clip(p, 0.0, None), ok, unsettled


def _rcond(full: np.ndarray) -> np.ndarray:
    """The reciprocal condition numbers ``1 / (||M||_1 ||M^-1||_1)`` of stacked square matrices (0 when singular)."""
    with np.errstate(all="ignore"):
        try:
            inv = np.linalg.inv(full)
        except np.linalg.LinAlgError:
            inv = np.stack([_inv_or_inf(M) for M in full])
        cond = np.abs(full).sum(axis=1).max(axis=1) * np.abs(inv).sum(axis=1).max(axis=1)
    out: np.ndarray = np.where(np.isfinite(cond) & (cond > 0), 1.0 / cond, 0.0)
    return out


def _inv_or_inf(M: np.ndarray) -> np.ndarray:
    """The inverse of *M*, or a matrix of infinities when numpy finds it singular."""
    try:
        return np.linalg.inv(M)
    except np.linalg.LinAlgError:
        return np.full_like(M, np.inf)


#: At most this many ill-conditioned support systems of one chunk are re-solved exactly.
_MAX_EXACT_RESOLVES = 4096
