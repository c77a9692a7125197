"""All isolated Nash equilibria of small n-player games by polynomial support enumeration.

For every support profile that survives a conditional-dominance test, the
equilibria whose supports are exactly (at most) that profile solve a square
system of multilinear polynomial equations: each player is indifferent among
the strategies of its support. This module finds *every* isolated solution of
every such system inside the product of simplices with an interval
branch-and-prune method (exclusion by the exact range of a multilinear
polynomial over a box, uniqueness and existence by Krawczyk's test), vectorized
over all boxes of all supports at once.

With numba installed, the dominance test, the closed-form systems, the boxes'
ranges and the regret filter run as compiled kernels
(``gametheory_af.solvers._poly_kernels``, compiled once per machine); the
numpy routes here are the reference they are tested against, and the route
without numba.
"""

from __future__ import annotations

import functools
import itertools
import logging
import math
import warnings
from fractions import Fraction
from typing import Any

import numpy as np

from .._limits import MAX_TIME_LIMIT, Clock, check_max_time
from .._progress import NO_BAR, Bar, check_progress, progress_bar
from .._tolerance import normalized_payoffs, payoff_ranges, relative_regrets
from .._validation import check_bool, check_int
from ..exceptions import ConvergenceWarning, DegenerateGameWarning, GameError
from ..game import NormalFormGame
from ..profiles import SIMPLEX_TOL, profile_regrets
from ..result import SUPPORT_TOL, Equilibrium, EquilibriumResult, make_equilibrium
from ._nplayer import check_game_and_tol
from ._poly_kernels import kernels

_log = logging.getLogger(__name__)

__all__ = ["polynomial_enumeration"]

#: The search box reaches this far outside the simplex, so that solutions on a face
#: (a probability exactly 0) lie in the interior of the box and can be verified.
_MARGIN = 1.2345e-3
#: Margin (in payoff units normalized to [-1, 1]) that covers rounding in range tests.
_EPS = 1e-11
#: Boxes narrower than this (in probability) that are still unresolved are singular.
_MIN_WIDTH = 1e-9
#: Half-width of the box around a polished point re-tested by Krawczyk's operator.
_INFLATE = 1e-7
#: A midpoint Jacobian whose inverse has a larger entry is treated as singular (no Krawczyk test).
_INV_MAX = 1e12
#: Where a box is split along its widest side (not the middle: see _step).
_SPLIT = 0.4619397662556434
#: How many of a box's widest sides are split at once (fewer rounds, more boxes per round).
_NSPLIT = 2
#: Work limit for one chunk of boxes: boxes x vertex combinations x pure profiles.
_CHUNK_WORK = 4_000_000


def polynomial_enumeration(
    game: NormalFormGame,
    *,
    tol: float | None = None,
    exact: bool = False,
    max_boxes: int = 2048,
    max_supports: int = 50_000,
    max_time: float | None = MAX_TIME_LIMIT,
    progress: bool = False,
) -> EquilibriumResult:
    r"""All isolated Nash equilibria of a small n-player game.

    Enumerates support profiles, discards those in which some strategy of a
    support is dominated given the other players' supports (conditional
    dominance, as in Gambit's ``enumpoly``; weak dominance too, see Notes),
    and finds every solution of each remaining support's indifference system

    .. math::
        u_i(s, \sigma_{-i}) = u_i(s_0, \sigma_{-i}) \quad (s \in S_i),\qquad
        \textstyle\sum_{s \in S_i} \sigma_i(s) = 1,

    that is a probability vector and admits no profitable deviation outside
    the support.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players. Meant for small games: the work grows with the
        number of support profiles, :math:`\prod_i (2^{s_i} - 1)`.
    tol : float, optional
        Largest *relative* regret (regret over the player's payoff range) an
        equilibrium may have. Default
        ``DEFAULT_TOL`` (``1e-9``).
    exact : bool, default False
        Also compute each equilibrium in rational arithmetic when it is
        rational: the profile is recovered from a 60-digit refinement and
        verified exactly (zero exact regret); it is stored in
        ``Equilibrium.exact``. Equilibria with irrational (algebraic)
        probabilities cannot be Fractions and are returned as floats with
        ``exact=None``.
    max_boxes : int, default 2048
        Largest number of live boxes for one support system. A support that
        needs more (typically a positive-dimensional set of solutions, but
        possibly a hard nondegenerate system) is abandoned after sampling it,
        the result is marked incomplete, and the
        :class:`~gametheory_af.DegenerateGameWarning` says which case it was
        and suggests raising the limit.
    max_supports : int, default 50000
        Refuse games with more support profiles than this (a
        :class:`~gametheory_af.GameError`), rather than run for hours.
    max_time : float or None, optional
        Seconds to spend. Default: the ``max_time`` limit
        (:func:`gametheory_af.get_limits`, itself ``None`` unless set); None
        means no time limit. When it runs out, the support systems not yet
        resolved are abandoned: the equilibria certified so far are returned
        with ``complete=False`` and a :class:`~gametheory_af.ConvergenceWarning`.
        (*max_boxes* bounds memory, not time.)
    progress : bool, default False
        Show a :mod:`tqdm` progress bar (the ``progress`` extra) over the
        admissible support profiles, advanced as each is settled (directly,
        or after each round of the box search).

    Returns
    -------
    EquilibriumResult
        ``method="polynomial_enumeration"``. ``complete=True`` when every
        support system was resolved: then every isolated equilibrium was found
        (and the game has finitely many). ``n_iter`` is the number of support
        profiles solved.

    Raises
    ------
    GameError
        If ``tol``, ``max_boxes``, ``max_supports`` or ``max_time`` is out of
        range (TypeError for an argument of the wrong type, such as
        ``exact="yes"``), the game has too many support profiles, or
        ``progress=True`` without tqdm installed.

    Warns
    -----
    DegenerateGameWarning
        When some support system has a positive-dimensional (or singular)
        solution set, or float64 cannot resolve the payoffs
        (``float_resolves``); equilibria found
        are still returned if they pass the regret test, and ``complete`` is
        False.
    ConvergenceWarning
        When *max_time* ran out (``complete`` is False).

    Notes
    -----
    *Scale.* The systems are solved on the payoffs normalised per player to
    ``[0, 1]`` (:ref:`tolerances`), so the answer does not
    change when a player's payoffs are scaled or shifted; equilibria are
    accepted when their relative regret is at most ``tol``. A game whose
    payoffs float64 cannot resolve (two distinct payoffs of a player closer
    than ``1e-7`` of his range) is still solved, but reported incomplete.

    *Completeness.* Each support system is square and multilinear. The
    solver covers the box :math:`[-\delta, 1+\delta]^d` around the free
    probabilities with boxes; a box is discarded when the exact range of some
    equation over it (a multilinear polynomial attains its extremes at the
    vertices of a box, so the range is exact) excludes zero, when a strategy
    outside the support is better everywhere in it, when it leaves the
    simplex, or when Krawczyk's operator maps it to a set disjoint from it. A
    box whose Krawczyk image lies in its interior contains exactly one
    solution (Krawczyk 1969; Moore 1977), which simplified Newton iteration
    from its centre finds. Boxes that are neither are contracted or bisected.
    Every nonsingular solution is therefore found; the only way a system can
    escape resolution is a singular or non-isolated solution, which is
    reported (``complete=False`` and a warning) rather than silently missed.
    The guarantee is up to floating-point rounding in the range tests, which
    are padded by a relative margin of about :math:`10^{-11}`.

    Equilibria on a face of a support (a probability of exactly zero) are
    found with the smaller support and merged.

    *Pruning.* A support profile is skipped when one of its strategies is
    strictly dominated given the other players' supports, or weakly dominated
    (never better, and worse against some profile of the others' supports,
    decided by exact comparisons of the payoffs): an equilibrium whose supports
    are exactly that profile gives every profile of the others' supports
    positive probability, so such a strategy would earn strictly less than
    the one dominating it. In degenerate games this settles most supports
    whose indifference equations have a positive-dimensional solution set
    (Gambit's ``coord333``: its 13 equilibria, complete, in a few hundredths of
    a second rather than seconds and incomplete). When a positive-dimensional
    solution set remains, the game has a continuum of equilibria or nearly
    so, and the search is repeated with strict dominance alone, which samples
    the continuum from every support profile whose face holds it.

    References
    ----------
    McKelvey, R. D. & McLennan, A. (1996). Computation of equilibria in finite
    games. *Handbook of Computational Economics* 1, 87-142, sec. 6.
    Krawczyk, R. (1969). Newton-Algorithmen zur Bestimmung von Nullstellen mit
    Fehlerschranken. *Computing* 4, 187-201.
    Moore, R. E. (1977). A test for existence of solutions to nonlinear
    systems. *SIAM J. Numer. Anal.* 14(4), 611-615.
    Turocy, T. L. et al., Gambit: Software Tools for Game Theory, ``enumpoly``
    (support enumeration with conditional dominance).
    Porter, R., Nudelman, E. & Shoham, Y. (2008). Simple search methods for
    finding a Nash equilibrium. *Games and Economic Behavior* 63(2), 642-662
    (conditional dominance within a support profile).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.polynomial import polynomial_enumeration
    >>> res = polynomial_enumeration(gt.catalog.volunteers_dilemma())
    >>> len(res), res.complete
    (7, True)
    >>> res = polynomial_enumeration(gt.catalog.jordan_game(), exact=True)
    >>> res.equilibria[0].exact
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
    """
    prep = check_game_and_tol(game, tol, "polynomial_enumeration")
    tol = prep.tol
    exact = check_bool(exact, "exact", "polynomial_enumeration")
    max_boxes = check_int(max_boxes, "max_boxes", "polynomial_enumeration", minimum=1)
    max_supports = check_int(max_supports, "max_supports", "polynomial_enumeration", minimum=1)
    budget = check_max_time(max_time, "polynomial_enumeration")
    progress = check_progress(progress, "polynomial_enumeration")
    shape = game.shape
    n_supports = 1
    for s in shape:
        n_supports *= 2**s - 1
    if n_supports > max_supports:
        raise GameError(
            f"polynomial_enumeration: game with strategies {shape} has {n_supports} support profiles, "
            f"more than max_supports={max_supports}; use a one-equilibrium method such as global_newton."
        )
    params = {
        "tol": float(tol),
        "exact": exact,
        "max_boxes": max_boxes,
        "max_supports": max_supports,
        "max_time": budget,
    }
    clock = Clock(budget)
    un = prep.un
    # Weak conditional dominance settles most supports of degenerate games whose
    # equilibria are isolated (Gambit's coord333: 276 of the 289 supports that strict
    # dominance leaves; the other 13 are its equilibria's). It compares the payoffs
    # exactly as float64 holds them, so only when float64 resolves them. When a
    # solution set is positive-dimensional anyway, the equilibria returned are
    # samples of it: then the supports are solved again with strict dominance
    # alone and the reference arithmetic (fast=False), so that the samples are those
    # of every support whose face holds them, exactly as before.
    supports = _admissible_supports(un, shape, prep.u if prep.resolves else None)
    _log.debug(
        "polynomial_enumeration: %d of %d support profiles admissible after dominance", supports[0].shape[0], n_supports
    )
    with progress_bar(progress, "polynomial_enumeration", supports[0].shape[0], unit="support") as bar:
        points, singular, budget_hit, timed = _solve_supports(
            un, shape, supports, tol, max_boxes, clock, stop=True, fast=True, bar=bar
        )
    if (singular or budget_hit) and not timed:
        _log.info(
            "polynomial_enumeration: %d singular, %d over max_boxes: solving again with strict dominance and the "
            "reference arithmetic", singular, budget_hit
        )
        supports = _admissible_supports(un, shape)
        with progress_bar(progress, "polynomial_enumeration", supports[0].shape[0], unit="support",
                          desc="polynomial_enumeration (second pass)") as bar:
            points, singular, budget_hit, timed = _solve_supports(
                un, shape, supports, tol, max_boxes, clock, bar=bar
            )
    eqs = _certify(game, points, tol, exact and not clock.expired(), clock, un)
    if singular or budget_hit:
        parts = []
        if singular:
            parts.append(f"{singular} have a singular or positive-dimensional solution set")
        if budget_hit:
            parts.append(
                f"{budget_hit} needed more than max_boxes={max_boxes} live boxes (a positive-dimensional solution "
                "set, or a system that needs more boxes: raise max_boxes)"
            )
        warnings.warn(
            f"polynomial_enumeration: support systems left unresolved: {'; '.join(parts)}. Equilibria sampled "
            "from them are returned, but the result is not complete.",
            DegenerateGameWarning,
            stacklevel=2,
        )
    if not prep.resolves:
        warnings.warn(
            "polynomial_enumeration: float64 cannot resolve this game's payoffs (two distinct payoffs of a player "
            "are closer than 1e-7 of his payoff range), so the search cannot certify that it found every "
            "equilibrium; the equilibria returned are certified, but the result is not complete.",
            DegenerateGameWarning,
            stacklevel=2,
        )
    if timed:
        warnings.warn(
            f"polynomial_enumeration: the time limit max_time={budget:g} s ran out with {timed} support system(s) "
            "unresolved; the equilibria found so far are returned, but the result is not complete.",
            ConvergenceWarning,
            stacklevel=2,
        )
    unresolved = singular + budget_hit + timed
    return EquilibriumResult(
        game=game,
        equilibria=tuple(eqs),
        method="polynomial_enumeration",
        complete=unresolved == 0 and prep.resolves,
        parameters=params,
        converged=not timed,
        n_iter=int(supports[0].shape[0]),
    )


# ---------------------------------------------------------------------- supports
def _subset_masks(s: int) -> np.ndarray:
    """All nonempty subsets of ``range(s)`` as boolean rows, by size then lexicographically."""
    subsets = [c for k in range(1, s + 1) for c in itertools.combinations(range(s), k)]
    out = np.zeros((len(subsets), s), dtype=bool)
    for r, c in enumerate(subsets):
        out[r, list(c)] = True
    return out


def _admissible_supports(u: np.ndarray, shape: tuple[int, ...], raw: np.ndarray | None = None) -> list[np.ndarray]:
    """Support profiles in which no support strategy is dominated given the others' supports.

    :func:`_admissible_supports_numpy`, the dominance decided in one compiled call
    (``_poly_kernels._dominated_supports``: the same
    comparisons of the same numbers, so the same profiles) when numba is installed.
    """
    kern = kernels()
    if kern is None:  # pragma: no cover - depends on the environment
        return _admissible_supports_numpy(u, shape, raw)
    masks, codes, counts = _support_codes(shape)
    n = len(shape)
    bad = kern["dominated"](
        u.reshape(n, -1),
        (u if raw is None else raw).reshape(n, -1),
        raw is not None,
        np.array(shape, dtype=np.int64),
        codes,
        counts,
        _EPS,
    )
    idx = np.unravel_index(np.flatnonzero(~bad), tuple(counts.tolist()))
    return [masks[k][idx[k]] for k in range(n)]


@functools.cache
def _support_codes(shape: tuple[int, ...]) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """Each player's support masks (:func:`_subset_masks`), their bit masks (n, max count) and counts (n,); read-only."""
    masks = [_subset_masks(s) for s in shape]
    counts = np.array([m.shape[0] for m in masks], dtype=np.int64)
    codes = np.zeros((len(shape), int(counts.max())), dtype=np.int64)
    for i, m in enumerate(masks):
        codes[i, : counts[i]] = m @ (1 << np.arange(shape[i], dtype=np.int64))
    for a in (*masks, codes, counts):
        a.flags.writeable = False
    return masks, codes, counts


def _admissible_supports_numpy(
    u: np.ndarray, shape: tuple[int, ...], raw: np.ndarray | None = None
) -> list[np.ndarray]:
    """Support profiles in which no support strategy is dominated given the others' supports (numpy route).

    A support strategy is discarded when another strategy of the same player is
    better against every profile of the others' supports by more than the
    rounding margin (strict conditional dominance, on the normalised payoffs
    *u*; Porter, Nudelman & Shoham 2008). With the game's own payoffs *raw*,
    it is also discarded when another strategy is at least as good against
    every such profile and better against one (weak conditional dominance,
    decided by exact comparisons of *raw*): an equilibrium whose supports are
    exactly the profile gives each of those profiles positive probability, so
    the dominated strategy would earn strictly less than the other and could
    not be in the support. Equilibria on a face of the profile have a smaller
    exact support profile, which is enumerated too.

    Returned stacked: one boolean array of shape (B, s_k) per player, row b being
    player k's support in profile b.
    """
    n = len(shape)
    masks = [_subset_masks(s) for s in shape]
    counts = [m.shape[0] for m in masks]
    # dominated[i][combo of others' support indices] -> bool (s_i,)
    dominated = []
    for i in range(n):
        others = [k for k in range(n) if k != i]
        ui = np.moveaxis(u[i], i, 0).reshape(shape[i], -1)  # (s_i, P)
        diff = ui[None, :, :] - ui[:, None, :]  # [a, b, p] = u(b) - u(a)
        if others:
            combo = masks[others[0]]
            for k in others[1:]:
                combo = (combo[:, None, :, None] & masks[k][None, :, None, :]).reshape(
                    combo.shape[0] * masks[k].shape[0], -1
                )
        else:
            combo = np.ones((1, 1), dtype=bool)
        vals = np.where(combo[:, None, None, :], diff[None], np.inf).min(axis=-1)  # (C, a, b)
        dom = (vals > _EPS).any(axis=2)  # (C, a)
        if raw is not None:
            ri = np.moveaxis(raw[i], i, 0).reshape(shape[i], -1)
            ge = ri[None, :, :] >= ri[:, None, :]  # [a, b, p]: u(b) >= u(a)
            gt = ri[None, :, :] > ri[:, None, :]
            cm = combo[:, None, None, :]
            weak = (ge[None] | ~cm).all(axis=-1) & (gt[None] & cm).any(axis=-1)  # (C, a, b)
            dom |= weak.any(axis=2)
        dominated.append(dom)
    bad = np.zeros(tuple(counts), dtype=bool)
    for i in range(n):
        # dominated[i] is indexed by the others' support indices (row-major); put player i's axis back
        dom = dominated[i].reshape(*[counts[k] for k in range(n) if k != i], shape[i])
        dom = np.expand_dims(dom, axis=i)  # (c_0, .., 1, .., c_{n-1}, s_i)
        mi = masks[i].reshape(*[counts[i] if k == i else 1 for k in range(n)], shape[i])
        bad |= (dom & mi).any(axis=-1)
    idx = np.argwhere(~bad)
    return [masks[k][idx[:, k]] for k in range(n)]


# ---------------------------------------------------------------------- the solver
class _Systems:
    """Every support system of a game, in coordinates where each support comes first.

    For support profile ``b`` player ``k``'s strategies are permuted so that the
    support ``S_k`` comes first; the free variables are the probabilities of the
    permuted strategies ``1..s_k-1`` (strategy 0 gets the rest). Variable ``(k, j)``
    is *active* when strategy ``j`` is in the support; inactive variables are fixed
    at zero, and their rows state the non-deviation inequality instead of an
    indifference equation.
    """

    def __init__(self, u: np.ndarray, shape: tuple[int, ...], supports: list[np.ndarray]):
        n = len(shape)
        B = supports[0].shape[0]
        self.n, self.shape = n, shape
        # support first, then the rest, each in increasing order
        self.perm = [_support_first(supports[k]) for k in range(n)]
        self.size = np.stack([supports[k].sum(axis=1) for k in range(n)], axis=1).astype(np.int64)
        # D[i]: (B, s_i - 1, prod_{k != i} s_k) = u_i(perm j+1, .) - u_i(perm 0, .)
        self.D = []
        for i in range(n):
            idx = []
            for k in range(n):
                sh = [B] + [1] * n
                sh[k + 1] = shape[k]
                idx.append(self.perm[k].reshape(sh))
            t = u[i][tuple(idx)]  # (B, s_0, ..., s_{n-1})
            t = np.moveaxis(t, i + 1, 1)
            t = t[:, 1:] - t[:, :1]  # (B, s_i - 1, s_others...)
            self.D.append(np.ascontiguousarray(np.moveaxis(t, 0, -1)))  # batch last
        self.offsets = np.concatenate([[0], np.cumsum([s - 1 for s in shape])]).astype(np.int64)
        self.d = int(self.offsets[-1])
        act = np.zeros((B, self.d), dtype=bool)
        for k in range(n):
            j = np.arange(shape[k] - 1)
            act[:, self.offsets[k] : self.offsets[k + 1]] = j[None, :] + 1 < self.size[:, k : k + 1]
        self.active = act
        self.bits, bits_all = _vertex_bits(shape)
        # the same, packed for the compiled route (:func:`~._poly_kernels._box_ranges`)
        self.kernel = None
        kern = kernels()
        if kern is not None and n > 1:
            total = math.prod(shape)
            rmax = max(shape) - 1
            self.D_all = np.zeros((B, n, max(rmax, 1), total // min(shape)))  # one system's equations contiguous
            for i in range(n):
                r, P = shape[i] - 1, total // shape[i]
                self.D_all[:, i, :r, :P] = np.moveaxis(self.D[i].reshape(r, P, B), -1, 0)
            self.bits_all = bits_all
            self.shape_arr = np.array(shape, dtype=np.int64)
            self.kernel = kern["ranges"]

    # -- evaluation -----------------------------------------------------------------
    def vertex_sigmas(self, lo: np.ndarray, hi: np.ndarray, k: int) -> np.ndarray:
        """Player k's mixed strategies at the vertices of the boxes: (2^(s_k-1), s_k, B).

        *lo* and *hi* are (d, B): the batch is the last, contiguous axis, so that
        every operation below is an elementwise operation over boxes.
        """
        a, b = self.offsets[k], self.offsets[k + 1]
        l, h = lo[a:b], hi[a:b]
        x = l[None] + self.bits[k][:, :, None] * (h - l)[None]
        return np.concatenate([1.0 - x.sum(axis=1, keepdims=True), x], axis=1)

    def _partial(self, T: np.ndarray, i: int, k: int, V: list[np.ndarray]) -> np.ndarray:
        """D_i contracted with the vertex strategies of every player except i and k.

        *T* is D_i restricted to the boxes, (r, s_others..., B). Returns
        (M, r, s_k, B), M the number of vertex combinations of the contracted players.
        """
        others = [m for m in range(self.n) if m != i]
        lead = 0  # number of vertex axes prepended so far
        axes = {m: 1 + t for t, m in enumerate(others)}  # strategy axis of player m (without lead)
        cur = T
        for m in others:
            if m == k:
                continue
            ax = lead + axes[m]
            Vm = V[m]
            acc = None
            for s in range(self.shape[m]):
                term = np.take(cur, s, axis=ax)[None] * Vm[:, s].reshape((Vm.shape[0],) + (1,) * (cur.ndim - 2) + (-1,))
                acc = term if acc is None else acc + term
            assert acc is not None
            cur = acc
            lead += 1
            for q in axes:
                if axes[q] > axes[m]:
                    axes[q] -= 1
            del axes[m]
        r = T.shape[0]
        return cur.reshape(-1, r, self.shape[k], T.shape[-1])

    def _all_but_one(self, T: np.ndarray, others: list[int], V: list[np.ndarray]) -> dict[int, np.ndarray]:
        """:meth:`_partial` for every k in *others* at once, sharing the contractions.

        Divide and conquer: the players of one half are contracted once for all
        the players of the other half, so n - 1 players take about
        ``(n - 1) log2(n - 1)`` contractions instead of ``(n - 1)(n - 2)``. The
        vertex combinations come in another order, and the sums in another
        order too (equal up to rounding).
        """
        out: dict[int, np.ndarray] = {}
        r, B = T.shape[0], T.shape[-1]

        def contract(cur: np.ndarray, ax: int, Vm: np.ndarray, sm: int) -> np.ndarray:
            acc: np.ndarray = np.take(cur, 0, axis=ax)[None] * Vm[:, 0].reshape(
                (Vm.shape[0],) + (1,) * (cur.ndim - 2) + (-1,)
            )
            for s in range(1, sm):
                acc = acc + np.take(cur, s, axis=ax)[None] * Vm[:, s].reshape(
                    (Vm.shape[0],) + (1,) * (cur.ndim - 2) + (-1,)
                )
            return acc

        def split(cur: np.ndarray, lead: int, remaining: list[int]) -> None:
            # cur: (lead vertex axes..., r, strategy axes of *remaining*..., B)
            if len(remaining) == 1:
                k = remaining[0]
                out[k] = cur.reshape(-1, r, self.shape[k], B)
                return
            half = len(remaining) // 2
            for keep, drop in ((remaining[:half], remaining[half:]), (remaining[half:], remaining[:half])):
                c, ld, rem = cur, lead, list(remaining)
                for m in drop:
                    c = contract(c, ld + 1 + rem.index(m), V[m], self.shape[m])
                    ld += 1
                    rem.remove(m)
                split(c, ld, keep)

        split(T, 0, list(others))
        return out

    def ranges(
        self,
        rows: np.ndarray,
        lo: np.ndarray,
        hi: np.ndarray,
        *,
        jacobian: bool = True,
        centre: bool = False,
        fast: bool = False,
    ) -> tuple[np.ndarray, ...]:
        """Exact ranges over each box of every row and every Jacobian entry.

        Returns gmin, gmax of shape (B, d) (the polynomial part of each row) and
        Jmin, Jmax of shape (B, d, d) (Jacobian of the equations, inactive rows
        being ``x_ij = 0``). A polynomial that is affine in each player's
        variables attains its extremes over a box at the box's vertices, so
        these ranges are exact. With *centre*, also the equations' values at
        the boxes' centres (B, d), as :meth:`values` gives them: the mean of
        the vertex values, which for such a polynomial is its value at the
        centre (one evaluation fewer per round of the solver). *fast* shares
        the contractions among the Jacobian's blocks (:meth:`_all_but_one`), or,
        when numba is installed, computes everything in one compiled call
        (:func:`~gametheory_af.solvers._poly_kernels._box_ranges`: the same
        contractions box by box, summed in another order, so equal up to rounding).
        """
        if fast and self.kernel is not None:
            gmin_, gmax_, gcen_, Jmin_, Jmax_ = self.kernel(
                self.D_all,
                self.shape_arr,
                self.offsets,
                rows,
                lo,
                hi,
                self.active,
                self.bits_all,
                lo is hi,
                jacobian,
                np.ones(rows.shape[0], dtype=bool),
                False,
                _EPS,
                0.0,
                _MARGIN,
            )
            if not jacobian:
                return gmin_, gmax_
            return (gmin_, gmax_, Jmin_, Jmax_, gcen_) if centre else (gmin_, gmax_, Jmin_, Jmax_)
        n, off, d = self.n, self.offsets, self.d
        B = lo.shape[0]
        loT, hiT = lo.T, hi.T
        V = [self.vertex_sigmas(loT, hiT, k) for k in range(n)]
        if lo is hi:
            # points (values, residual): every vertex is the point itself, one will do (bitwise the same)
            V = [v[:1] for v in V]
        gmin = np.zeros((d, B))
        gmax = np.zeros((d, B))
        gcen = np.zeros((d, B))
        Jmin = np.zeros((d, d, B)) if jacobian else None
        Jmax = np.zeros((d, d, B)) if jacobian else None
        for i in range(n):
            if self.shape[i] == 1 or n == 1:
                continue
            T = self.D[i][..., rows]
            r = T.shape[0]
            first = True
            # sharing pays from three other players on (fewer, it is the overhead of one more call)
            shared = self._all_but_one(T, [k for k in range(n) if k != i], V) if fast and jacobian and n >= 4 else None
            for k in range(n):
                if k == i or (not first and (not jacobian or self.shape[k] == 1)):
                    continue
                P = shared[k] if shared is not None else self._partial(T, i, k, V)  # (M, r, s_k, B)
                if first:
                    Vk = V[k]
                    vals = None
                    for s in range(self.shape[k]):
                        term = Vk[:, s][:, None, None, :] * P[None, :, :, s, :]
                        vals = term if vals is None else vals + term
                    assert vals is not None
                    vals = vals.reshape(-1, r, B)
                    gmin[off[i] : off[i + 1]] = vals.min(axis=0)
                    gmax[off[i] : off[i + 1]] = vals.max(axis=0)
                    if centre:
                        gcen[off[i] : off[i + 1]] = vals.mean(axis=0)
                    first = False
                if jacobian and self.shape[k] > 1:
                    assert Jmin is not None and Jmax is not None  # allocated when jacobian
                    jv = P[:, :, 1:, :] - P[:, :, :1, :]
                    Jmin[off[i] : off[i + 1], off[k] : off[k + 1]] = jv.min(axis=0)
                    Jmax[off[i] : off[i + 1], off[k] : off[k + 1]] = jv.max(axis=0)
        if not jacobian:
            return gmin.T, gmax.T
        assert Jmin is not None and Jmax is not None  # allocated when jacobian
        Jmin = Jmin.transpose(2, 0, 1).copy()
        Jmax = Jmax.transpose(2, 0, 1).copy()
        inact = ~self.active[rows]
        Jmin[inact] = 0.0
        Jmax[inact] = 0.0
        bi, ri = np.nonzero(inact)
        Jmin[bi, ri, ri] = 1.0
        Jmax[bi, ri, ri] = 1.0
        if centre:
            return gmin.T, gmax.T, Jmin, Jmax, np.where(~inact, gcen.T, (lo + hi) / 2)
        return gmin.T, gmax.T, Jmin, Jmax

    def values(self, rows: np.ndarray, x: np.ndarray, fast: bool = False) -> np.ndarray:
        """Equation values g(x) at points x: (B, d) (*fast*: see :meth:`ranges`)."""
        g, _ = self.ranges(rows, x, x, jacobian=False, fast=fast)
        return np.where(self.active[rows], g, x)

    def residual(self, rows: np.ndarray, x: np.ndarray, fast: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Equation values g(x) and Jacobian J(x) at points x: (B, d), (B, d, d) (*fast*: see :meth:`ranges`)."""
        g, _, J, _ = self.ranges(rows, x, x, fast=fast)
        act = self.active[rows]
        return np.where(act, g, x), J

    def sigma(self, rows: np.ndarray, x: np.ndarray) -> list[np.ndarray]:
        """Profiles in the original strategy order, one (B, s_k) array per player."""
        out = []
        for k in range(self.n):
            a, b = self.offsets[k], self.offsets[k + 1]
            xs = x[:, a:b]
            sig_perm = np.concatenate([1.0 - xs.sum(axis=1, keepdims=True), xs], axis=1)
            sig = np.empty_like(sig_perm)
            np.put_along_axis(sig, self.perm[k][rows], sig_perm, axis=1)
            out.append(sig)
        return out


@functools.cache
def _vertex_bits(shape: tuple[int, ...]) -> tuple[list[np.ndarray], np.ndarray]:
    """The vertices of each player's box as 0/1 rows ((2^(s_k-1), s_k-1) each), and packed (n, 2^(s-1), s-1); read-only."""
    bits = []
    for s in shape:
        a = s - 1
        bits.append(np.array(list(itertools.product((0.0, 1.0), repeat=a)), dtype=np.float64).reshape(2**a, a))
    rmax = max(shape) - 1
    packed = np.zeros((len(shape), 2**rmax, max(rmax, 1)))
    for k, b in enumerate(bits):
        packed[k, : b.shape[0], : b.shape[1]] = b
    for arr in (*bits, packed):
        arr.flags.writeable = False
    return bits, packed


def _solve_supports(
    u: np.ndarray,
    shape: tuple[int, ...],
    supports: list[np.ndarray],
    tol_n: float,
    max_boxes: int,
    clock: Clock | None = None,
    *,
    stop: bool = False,
    fast: bool = False,
    bar: Bar = NO_BAR,
) -> tuple[list[tuple[np.ndarray, ...]], int, int, int]:
    """Every solution of every support system.

    Returns the candidate profiles, the number of supports left unresolved
    because their solution set is singular, the number abandoned because
    they needed more than *max_boxes* live boxes, and the number abandoned
    because *clock* expired. With *stop*, it gives up (returning no points) as
    soon as one support is found unresolved; *fast* is passed to :func:`_step`.

    Systems that are linear, or bilinear in three unknowns, are settled directly
    (:func:`_solve_direct`); the rest, and any direct case too close to
    degenerate to settle, go to the interval solver (:func:`_solve_boxes`).
    """
    if supports[0].shape[0] == 0:
        return [], 0, 0, 0
    if all(s == 1 for s in shape):
        return [tuple(np.ones(1) for _ in shape)], 0, 0, 0
    points, rest = _solve_direct(u, shape, supports)
    bar.update(supports[0].shape[0] - rest.size)
    clock = Clock(None) if clock is None else clock
    singular = budget = timed = 0
    if rest.size:
        more, singular, budget, timed = _solve_boxes(
            u, shape, [m[rest] for m in supports], tol_n, max_boxes, clock, stop=stop, fast=fast, bar=bar
        )
        if stop and (singular or budget):
            return [], singular, budget, timed
        points.extend(more)
    return points, singular, budget, timed


def _solve_boxes(
    u: np.ndarray,
    shape: tuple[int, ...],
    supports: list[np.ndarray],
    tol_n: float,
    max_boxes: int,
    clock: Clock | None = None,
    *,
    stop: bool = False,
    fast: bool = False,
    bar: Bar = NO_BAR,
) -> tuple[list[tuple[np.ndarray, ...]], int, int, int]:
    """Every solution of every support system by interval branch-and-prune (see the module notes).

    With *stop*, returns no points as soon as some support is unresolved (singular or over budget).
    *fast* is passed to :func:`_step`. *bar* advances by the supports settled after each round of boxes.
    """
    n_sup = supports[0].shape[0]
    sysm = _Systems(u, shape, supports)
    act_all = sysm.active
    rows = np.arange(n_sup)
    lo = np.where(act_all, -_MARGIN, 0.0)
    hi = np.where(act_all, 1.0 + _MARGIN, 0.0)
    found_x: list[np.ndarray] = []
    found_rows: list[np.ndarray] = []
    found_Y: list[np.ndarray] = []
    bad_rows: set[int] = set()
    budget_rows: set[int] = set()
    sample_x: list[np.ndarray] = []
    sample_rows: list[np.ndarray] = []
    work_per_box = max(1, sum(sysm.D[i].shape[1] * sysm.D[i].shape[2] for i in range(len(shape)))) * max(
        1, int(np.prod([2 ** (s - 1) for s in shape]))
    )
    chunk = max(64, _CHUNK_WORK // work_per_box)
    clock = Clock(None) if clock is None else clock
    iteration = 0
    timed_rows: set[int] = set()
    live = n_sup  # supports with live boxes, for the bar
    while rows.size:
        iteration += 1
        keep_rows, keep_lo, keep_hi = [], [], []
        for start in range(0, rows.size, chunk):
            r, l, h = rows[start : start + chunk], lo[start : start + chunk], hi[start : start + chunk]
            if clock.expired():
                # out of time: the boxes not yet processed are abandoned (their supports unresolved)
                timed_rows.update(int(b) for b in r)
                continue
            out = _step(sysm, r, l, h, tol_n, fast=fast)
            (vr, vx, vY), (nr, nl, nh), (ur, ux) = out
            if vr.size:
                found_rows.append(vr)
                found_x.append(vx)
                found_Y.append(vY)
            if ur.size:
                # a box that shrank without verifying: polish its centre and retry
                # Krawczyk on a small box around it (epsilon-inflation, Rump 1983)
                ux = _gauss_newton(sysm, ur, ux, clock)
                act = sysm.active[ur]
                ilo = np.where(act, ux - _INFLATE, 0.0)
                ihi = np.where(act, ux + _INFLATE, 0.0)
                (v2r, v2x, v2Y), _, _ = _step(sysm, ur, ilo, ihi, tol_n, split=False, fast=fast)
                if v2r.size:
                    found_rows.append(v2r)
                    found_x.append(v2x)
                    found_Y.append(v2Y)
                failed = ~np.isin(ur, v2r)
                if failed.any():
                    sample_rows.append(ur[failed])
                    sample_x.append(ux[failed])
                    bad_rows.update(int(b) for b in ur[failed])
            keep_rows.append(nr)
            keep_lo.append(nl)
            keep_hi.append(nh)
        if stop and bad_rows:
            return [], len(bad_rows), 0, 0
        if not keep_rows:  # out of time before any chunk of this round
            break
        rows = np.concatenate(keep_rows)
        lo = np.concatenate(keep_lo)
        hi = np.concatenate(keep_hi)
        if rows.size:
            # supports with too many live boxes (or too many rounds) are abandoned after sampling
            counts = np.bincount(rows, minlength=n_sup)
            over = counts > max_boxes
            if iteration > 200:
                over |= counts > 0
            if over.any():
                drop = over[rows]
                sample_rows.append(rows[drop])
                sample_x.append((lo[drop] + hi[drop]) / 2)
                budget_rows.update(int(b) for b in np.flatnonzero(over))
                if stop:
                    return [], 0, len(budget_rows), 0
                rows, lo, hi = rows[~drop], lo[~drop], hi[~drop]
        now = int(np.count_nonzero(np.bincount(rows, minlength=n_sup))) if rows.size else 0
        bar.update(live - now)
        live = now
    bar.update(live)
    points: list[tuple[np.ndarray, ...]] = []
    if found_rows:
        fr = np.concatenate(found_rows)
        fx = _refine(sysm, fr, np.concatenate(found_x), np.concatenate(found_Y), fast=fast)
        points.extend(_feasible(sysm, fr, fx))
    if sample_rows:
        sr = np.concatenate(sample_rows)
        sx = np.concatenate(sample_x)
        if sr.size > 4096:
            pick = np.linspace(0, sr.size - 1, 4096).astype(np.int64)
            sr, sx = sr[pick], sx[pick]
        sx = _gauss_newton(sysm, sr, sx, clock)
        points.extend(_representatives(sysm, sr, sx))
    timed_rows -= bad_rows | budget_rows
    return points, len(bad_rows), len(budget_rows - bad_rows), len(timed_rows)


# ---------------------------------------------------------------------- direct solutions
#: Largest condition number of a linear system (or of the Jacobian at a solution) settled directly.
_COND_MAX = 1e7
#: Least residual of an overdetermined linear system declared to have no solution.
_RESID_MIN = 1e-3
#: Relative size below which a resultant or discriminant counts as zero (degenerate: left to the boxes).
_DEGEN = 1e-8
#: Solutions of a direct system outside [-_REACH, 1 + _REACH] in some coordinate cannot be in the search box.
_REACH = 0.05


def _support_first(mask: np.ndarray) -> np.ndarray:
    """Per row, the strategies of the support in increasing order, then the others in increasing order."""
    return np.argsort(~mask, axis=1, kind="stable")


def _gather(u: np.ndarray, perms: list[np.ndarray], take: list[int], players: list[int]) -> np.ndarray:
    """``u[p]`` at the first ``take[k]`` permuted strategies of every player k, for each p in *players*.

    One fancy index for all of them: (len(players), B, *take).
    """
    n = len(perms)
    idx = []
    for k in range(n):
        sh = [perms[k].shape[0]] + [1] * n
        sh[k + 1] = take[k]
        idx.append(perms[k][:, : take[k]].reshape(sh))
    gathered: np.ndarray = u[(np.array(players)[(slice(None),) + (None,) * (n + 1)], *idx)]
    return gathered


def _profiles(perms: list[np.ndarray], parts: dict[int, np.ndarray], shape: tuple[int, ...]) -> list[np.ndarray]:
    """Stacked profiles in the original strategy order: ``parts[k]`` (B, c) for mixers, pure elsewhere."""
    out = []
    for k, s in enumerate(shape):
        B = perms[k].shape[0]
        sig = np.zeros((B, s))
        vals = parts.get(k)
        if vals is None:
            sig[np.arange(B), perms[k][:, 0]] = 1.0
        else:
            sig[np.arange(B)[:, None], perms[k][:, : vals.shape[1]]] = vals
        out.append(sig)
    return out


def _solve_direct(
    u: np.ndarray, shape: tuple[int, ...], supports: list[np.ndarray]
) -> tuple[list[tuple[np.ndarray, ...]], np.ndarray]:
    """Settle the support systems that need no subdivision; return their solutions and the rest's indices.

    * Pure support profiles have no unknowns: the profile itself is the candidate.
    * When exactly two players mix, each one's indifference equations are linear
      in the other's probabilities: two linear systems, solved when well
      conditioned, or shown inconsistent when overdetermined.
    * When exactly three players mix, each over two strategies, the system is
      three bilinear equations; eliminating two unknowns leaves a quadratic, so
      every solution is found in closed form (when the resultants are clearly
      nonzero and the Jacobian at each solution in reach is well conditioned).

    A system is settled only when its solutions are then *all* known and
    nonsingular; anything near degenerate is returned for the interval solver,
    which reports it. Candidates still face the same feasibility filter and
    regret test as the interval solver's.
    """
    n = len(shape)
    B = supports[0].shape[0]
    sizes = np.stack([m.sum(axis=1) for m in supports], axis=1)
    mix = sizes > 1
    n_mix = mix.sum(axis=1)
    perms = [_support_first(m) for m in supports]
    settled = np.zeros(B, dtype=bool)
    points: list[tuple[np.ndarray, ...]] = []
    stacks: list[list[np.ndarray]] = []
    pure = np.flatnonzero(n_mix == 0)
    if pure.size:
        settled[pure] = True
        stacks.append(_profiles([p[pure] for p in perms], {}, shape))
    groups: dict[tuple[int, ...], list[int]] = {}
    cand = np.flatnonzero((n_mix == 2) | ((n_mix == 3) & (sizes <= 2).all(axis=1)))
    for b, key in zip(cand.tolist(), map(tuple, sizes[cand].tolist())):
        groups.setdefault(key, []).append(b)
    # The linear algebra of all groups of one kind runs in one batch (numpy's overhead per
    # call, not the arithmetic, is what costs here); the points are then assembled group by
    # group, in the order of the groups, each exactly as if the group had been solved alone.
    lin: dict[tuple[int, int], list[tuple[int, np.ndarray, list[np.ndarray], list[int], np.ndarray, np.ndarray]]] = {}
    tri: list[tuple[int, np.ndarray, list[np.ndarray], list[int], tuple[np.ndarray, ...]]] = []
    for g, (key, members) in enumerate(groups.items()):
        rows = np.array(members, dtype=np.int64)
        gp = [p[rows] for p in perms]
        mixers = [k for k in range(n) if key[k] > 1]
        if len(mixers) == 2:
            Ki, Kj = _linear_matrices(u, gp, key, mixers)
            lin.setdefault((key[mixers[0]], key[mixers[1]]), []).append((g, rows, gp, mixers, Ki, Kj))
        else:
            tri.append((g, rows, gp, mixers, _trilinear_coefficients(u, gp, key, mixers)))
    parts_of: dict[int, tuple[list[np.ndarray], dict[int, np.ndarray]]] = {}
    for (l, m), items in lin.items():
        ok, si, sj = _linear(np.concatenate([t[4] for t in items]), np.concatenate([t[5] for t in items]), l, m)
        start = pos = 0
        for g, rows, gp, (i, j), _, _ in items:
            okg = ok[start : start + rows.size]
            start += rows.size
            settled[rows[okg]] = True
            if si is not None and sj is not None and okg.any():
                c = int(okg.sum())
                parts_of[g] = ([p[okg] for p in gp], {i: si[pos : pos + c], j: sj[pos : pos + c]})
                pos += c
    if tri:
        coef = np.concatenate([np.stack(t[4]) for t in tri], axis=1) if len(tri) > 1 else np.stack(tri[0][4])
        ok, X, sel = _trilinear(coef)
        start = 0
        for g, rows, gp, mixers, _ in tri:
            sl = slice(start, start + rows.size)
            start += rows.size
            settled[rows[ok[sl]]] = True
            selg = sel[:, sl].reshape(-1)
            if selg.any():
                Xs = X[:, sl].reshape(-1, 3)[selg]
                picks = np.tile(np.arange(rows.size), 2)[selg]
                parts_of[g] = (
                    [q[picks] for q in gp],
                    {p: np.stack([1.0 - Xs[:, t], Xs[:, t]], axis=1) for t, p in enumerate(mixers)},
                )
    stacks.extend(_profiles(parts_of[g][0], parts_of[g][1], shape) for g in sorted(parts_of))
    if stacks:  # one pass of the feasibility filter over all candidates, in the order found
        points.extend(_clean([np.concatenate([st[k] for st in stacks]) for k in range(n)]))
    return points, np.flatnonzero(~settled)


def _linear_matrices(
    u: np.ndarray, perms: list[np.ndarray], take: tuple[int, ...], mixers: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    """The two linear systems of support profiles in which only players i and j mix.

    ``Ki sigma_j = e`` holds player i's indifference rows and sigma_j's sum,
    likewise ``Kj sigma_i = e``; shapes (B, l, m) and (B, m, l).
    """
    i, j = mixers
    B = perms[0].shape[0]
    l, m = take[i], take[j]
    Ai, Aj = _gather(u, perms, list(take), [i, j]).reshape(2, B, l, m)
    Ki = np.concatenate([Ai[:, 1:, :] - Ai[:, :1, :], np.ones((B, 1, m))], axis=1)  # (B, l, m)
    Kj = np.concatenate([(Aj[:, :, 1:] - Aj[:, :, :1]).transpose(0, 2, 1), np.ones((B, 1, l))], axis=1)  # (B, m, l)
    return Ki, Kj


def _linear(
    Ki: np.ndarray, Kj: np.ndarray, l: int, m: int, compiled: bool = True
) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """Support systems in which only players i and j mix: two linear systems (bimatrix support enumeration).

    Square systems go to one compiled call when numba is installed and
    *compiled* (:func:`~gametheory_af.solvers._poly_kernels._square_linear`).

    Returns which systems are settled, and the solutions ``sigma_i``, ``sigma_j``
    of the settled ones (None when there are none: an overdetermined system is
    settled only when clearly inconsistent).
    """
    if l != m:
        # one side has more equations than unknowns: settled when clearly inconsistent
        K = Ki if l > m else Kj
        Q = np.linalg.qr(K, mode="reduced")[0]  # (B, r, c); e's residual off range(Q) bounds that off range(K)
        resid2 = 1.0 - (Q[:, -1, :] ** 2).sum(axis=1)
        return resid2 > _RESID_MIN**2, None, None
    kern = kernels()
    if kern is not None and compiled:
        # one compiled call: the same singular values and solves, without numpy's overhead per call
        ok, si, sj = kern["linear"](Ki, Kj, _COND_MAX)
        return (ok, si[ok], sj[ok]) if ok.any() else (ok, None, None)
    with np.errstate(all="ignore"):
        ok = (_cond(Ki) < _COND_MAX) & (_cond(Kj) < _COND_MAX)
    if not ok.any():
        return ok, None, None
    e = np.zeros((int(ok.sum()), l, 1))
    e[:, -1] = 1.0
    sj = np.linalg.solve(Ki[ok], e)[..., 0]
    si = np.linalg.solve(Kj[ok], e)[..., 0]
    return ok, si, sj


def _cond(M: np.ndarray) -> np.ndarray:
    """2-norm condition numbers of a stack of matrices, as :func:`numpy.linalg.cond` computes them.

    Without its NaN bookkeeping: a NaN here compares as False with a bound,
    as the infinity numpy puts in its place does.
    """
    sv = np.linalg.svd(M, compute_uv=False)
    with np.errstate(all="ignore"):
        out: np.ndarray = sv[..., 0] / sv[..., -1]
    return out


def _bilinear(delta: np.ndarray) -> tuple[np.ndarray, ...]:
    """Coefficients ``(c0, c1, c2, c3)`` of ``sum_ab delta[a, b] s[a] t[b]`` as ``c0 + c1 x + c2 y + c3 x y``.

    Here ``s = (1 - x, x)`` and ``t = (1 - y, y)``; *delta* is (B, 2, 2).
    """
    d00, d01, d10, d11 = delta[:, 0, 0], delta[:, 0, 1], delta[:, 1, 0], delta[:, 1, 1]
    return d00, d10 - d00, d01 - d00, d11 - d10 - d01 + d00


def _trilinear_coefficients(
    u: np.ndarray, perms: list[np.ndarray], take: tuple[int, ...], mixers: list[int]
) -> tuple[np.ndarray, ...]:
    """The twelve coefficients of the three bilinear equations of :func:`_trilinear`, each (B,)."""
    i, j, k = mixers
    B = perms[0].shape[0]
    T = _gather(u, perms, list(take), [i, j, k]).reshape(3, B, 2, 2, 2)
    a0, a1, a2, a3 = _bilinear(T[0][:, 1] - T[0][:, 0])  # Ei in (y, z)
    b0, b1, b2, b3 = _bilinear(T[1][:, :, 1] - T[1][:, :, 0])  # Ej in (x, z)
    c0, c1, c2, c3 = _bilinear(T[2][:, :, :, 1] - T[2][:, :, :, 0])  # Ek in (x, y)
    return a0, a1, a2, a3, b0, b1, b2, b3, c0, c1, c2, c3


def _trilinear(coefficients: tuple[np.ndarray, ...] | np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_trilinear_numpy`, one system at a time in one compiled call when numba is installed.

    *coefficients*: the twelve (B,) arrays of :func:`_trilinear_coefficients`, or
    them stacked (12, B).

    (:func:`~gametheory_af.solvers._poly_kernels._trilinear_roots`: the same
    formulas and tests; numpy's overhead per call, not the arithmetic, is what
    the numpy route spends on the few systems of a small game.)
    """
    kern = kernels()
    if kern is None:  # pragma: no cover - depends on the environment
        return _trilinear_numpy(coefficients)
    ok: np.ndarray
    X: np.ndarray
    sel: np.ndarray
    coef = coefficients if isinstance(coefficients, np.ndarray) else np.stack(coefficients)
    ok, X, sel = kern["trilinear"](np.ascontiguousarray(coef, dtype=np.float64), _DEGEN, _REACH, _COND_MAX)
    return ok, X, sel


def _trilinear_numpy(coefficients: tuple[np.ndarray, ...] | np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Support systems in which three players mix over two strategies each, in closed form.

    With x, y, z the probabilities of the mixers' second support strategies the
    system is ``Ei(y, z) = Ej(x, z) = Ek(x, y) = 0``, each bilinear. Where
    ``Da(z) = a1 + a3 z`` is nonzero, ``Ei = 0`` gives ``y = -Na(z)/Da(z)``, and
    likewise ``x = -Nb(z)/Db(z)``; substituted into ``Ek`` and multiplied by
    ``Da Db`` this is a quadratic ``Q(z) = 0``. A solution with ``Da(z) = 0``
    needs ``Na(z) = 0`` too, which the nonzero resultant ``a0 a3 - a1 a2`` rules
    out, so the roots of Q give every solution.

    Returns which systems are settled (B,), the roots X (2, B, 3) and which
    roots are solutions of settled systems (2, B).
    """
    a0, a1, a2, a3, b0, b1, b2, b3, c0, c1, c2, c3 = coefficients
    B = a0.shape[0]
    amax = np.maximum.reduce([np.abs(a0), np.abs(a1), np.abs(a2), np.abs(a3)])
    bmax = np.maximum.reduce([np.abs(b0), np.abs(b1), np.abs(b2), np.abs(b3)])
    cmax = np.maximum.reduce([np.abs(c0), np.abs(c1), np.abs(c2), np.abs(c3)])
    ok = (np.abs(a0 * a3 - a1 * a2) > _DEGEN * amax**2) & (np.abs(b0 * b3 - b1 * b2) > _DEGEN * bmax**2)
    # Q(z) = c0 Da Db - c1 Nb Da - c2 Na Db + c3 Na Nb, Na = a0 + a2 z, Nb = b0 + b2 z
    q0 = c0 * a1 * b1 - c1 * a1 * b0 - c2 * a0 * b1 + c3 * a0 * b0
    q1 = (
        c0 * (a1 * b3 + a3 * b1)
        - c1 * (a3 * b0 + a1 * b2)
        - c2 * (a0 * b3 + a2 * b1)
        + c3 * (a0 * b2 + a2 * b0)
    )
    q2 = c0 * a3 * b3 - c1 * a3 * b2 - c2 * a2 * b3 + c3 * a2 * b2
    qmax = np.maximum.reduce([np.abs(q0), np.abs(q1), np.abs(q2)])
    ok &= qmax > _DEGEN * amax * bmax * cmax  # Q == 0: a curve of solutions
    disc = q1 * q1 - 4.0 * q2 * q0
    dscale = q1 * q1 + 4.0 * np.abs(q2 * q0)
    const = (np.abs(q2) <= _DEGEN * qmax) & (np.abs(q1) <= _DEGEN * qmax)  # Q a nonzero constant: no root
    ok &= const | (np.abs(disc) > _DEGEN * dscale)  # no double root (a singular solution)
    real = ok & ~const & (disc > 0)
    with np.errstate(all="ignore"):
        t = -0.5 * (q1 + np.copysign(np.sqrt(np.where(real, disc, 0.0)), q1))
        roots = np.stack([t / q2, q0 / t])  # (2, B); inf or nan where a root does not exist
        zs = np.where(real[None], roots, np.nan)
        Nb, Db = b0 + b2 * zs, b1 + b3 * zs
        Na, Da = a0 + a2 * zs, a1 + a3 * zs
        xs = -Nb / Db
        ys = -Na / Da
    X = np.stack([xs, ys, zs], axis=-1).reshape(-1, 3)  # (2B, 3), root-major
    near = np.isfinite(X).all(axis=1) & (X >= -_REACH).all(axis=1) & (X <= 1.0 + _REACH).all(axis=1)
    coef = [np.tile(c, 2) for c in (a0, a1, a2, a3, b0, b1, b2, b3, c0, c1, c2, c3)]
    Xn = X[near]
    A0, A1, A2, A3, B0, B1, B2, B3, C0, C1, C2, C3 = [c[near] for c in coef]
    good = np.ones(Xn.shape[0], dtype=bool)
    for _ in range(3):  # Newton polish; also the Jacobian's conditioning at each solution
        x, y, z = Xn[:, 0], Xn[:, 1], Xn[:, 2]
        F = np.stack([A0 + A1 * y + A2 * z + A3 * y * z, B0 + B1 * x + B2 * z + B3 * x * z, C0 + C1 * x + C2 * y + C3 * x * y], axis=1)
        J = np.zeros((Xn.shape[0], 3, 3))
        J[:, 0, 1], J[:, 0, 2] = A1 + A3 * z, A2 + A3 * y
        J[:, 1, 0], J[:, 1, 2] = B1 + B3 * z, B2 + B3 * x
        J[:, 2, 0], J[:, 2, 1] = C1 + C3 * y, C2 + C3 * x
        with np.errstate(all="ignore"):
            good &= _cond(J) < _COND_MAX
            J[~good] = np.eye(3)
            dx = np.linalg.solve(J, F[..., None])[..., 0]
        good &= np.abs(dx).max(axis=1, initial=0.0) < 1e-6
        Xn = Xn - np.where(good[:, None], dx, 0.0)
    bad_root = np.zeros(2 * B, dtype=bool)
    bad_root[np.flatnonzero(near)[~good]] = True
    ok &= ~bad_root.reshape(2, B).any(axis=0)
    sel = np.zeros(2 * B, dtype=bool)
    sel[np.flatnonzero(near)[good]] = True
    sel &= np.tile(ok, 2)
    Xall = np.zeros((2 * B, 3))
    Xall[near] = Xn
    return ok, Xall.reshape(2, B, 3), sel.reshape(2, B)


def _step(
    sysm: _Systems,
    rows: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    tol_n: float,
    *,
    split: bool = True,
    fast: bool = False,
) -> tuple[Any, Any, Any]:
    """One round of exclusion, Krawczyk test, contraction and bisection for a batch of boxes.

    *fast* takes the equations' values at the boxes' centres from the vertex
    values (:meth:`_Systems.ranges` with ``centre=True``) instead of evaluating
    them again: equal up to rounding, so the same solutions are certified, but
    the boxes of a positive-dimensional solution set (sampled, not certified)
    may differ.
    """
    n, off = sysm.n, sysm.offsets
    act = sysm.active[rows]
    B, d = lo.shape
    alive = np.ones(B, dtype=bool)
    if fast and sysm.kernel is not None:
        # one compiled call: the simplex test below, then the ranges; the boxes the simplex or
        # the values exclude get no Jacobian (the same tests as below, on the same numbers)
        gmin, gmax, gc, Jmin, Jmax = sysm.kernel(
            sysm.D_all,
            sysm.shape_arr,
            off,
            rows,
            lo,
            hi,
            sysm.active,
            sysm.bits_all,
            False,
            True,
            alive,
            True,
            _EPS,
            tol_n,
            _MARGIN,
        )
    else:
        # simplex: probability of each player's permuted strategy 0 must be >= -margin
        for k in range(n):
            a, b = off[k], off[k + 1]
            if b > a:
                slack = 1.0 + _MARGIN - lo[:, a:b].sum(axis=1)
                alive &= slack >= 0
                # propagate: x_kj <= 1 + margin - sum of the other lower bounds
                hi[:, a:b] = np.minimum(hi[:, a:b], lo[:, a:b] + slack[:, None])
        if fast:
            gmin, gmax, Jmin, Jmax, gc = sysm.ranges(rows, lo, hi, centre=True, fast=True)
        else:
            gmin, gmax, Jmin, Jmax = sysm.ranges(rows, lo, hi)
        eps = _EPS * (1.0 + np.abs(gmin) + np.abs(gmax))
        alive &= ~(act & ((gmin > eps) | (gmax < -eps))).any(axis=1)
        alive &= ~(~act & (gmin > tol_n + eps)).any(axis=1)
    empty = (np.empty(0, dtype=np.int64), np.empty((0, d)), np.empty((0, d, d)))
    if not alive.any():
        return empty, (rows[:0], lo[:0], hi[:0]), (rows[:0], lo[:0])
    rows, lo, hi, act = rows[alive], lo[alive], hi[alive], act[alive]
    Jmin, Jmax = Jmin[alive], Jmax[alive]
    B = rows.size
    c = (lo + hi) / 2
    rad = (hi - lo) / 2
    gc = gc[alive] if fast else sysm.values(rows, c)
    kern = kernels() if fast and sysm.kernel is not None else None
    if kern is not None:
        # the same test and contraction box by box in one compiled call (equal up to rounding)
        Y, verified, tiny, bisect, shrink, nlo, nhi, width_new = kern["krawczyk"](
            lo, hi, act, gc, Jmin, Jmax, split, _MIN_WIDTH, _INV_MAX
        )
    else:
        Y, verified, tiny, bisect, shrink, nlo, nhi, width_new = _krawczyk_numpy(lo, hi, act, c, rad, gc, Jmin, Jmax, split)
    brows, blo, bhi, bact = rows[bisect], nlo[bisect], nhi[bisect], act[bisect]
    maxw = width_new[bisect]
    if kern is not None:
        brows, blo, bhi = kern["bisect"](brows, blo, bhi, bact, maxw, _NSPLIT, _SPLIT)
    for t in range(_NSPLIT if kern is None else 0):
        w = np.where(bact, bhi - blo, -1.0)
        j = w.argmax(axis=1)
        ar = np.arange(j.size)
        wj = w[ar, j]
        do = wj >= (0.0 if t == 0 else 0.5) * maxw
        if not do.any():
            break
        # split off-centre: equilibria often have probabilities such as 1/2 that a
        # midpoint split would put on the boundary of two boxes, where neither verifies
        ar, j = ar[do], j[do]
        mid = blo[ar, j] + _SPLIT * (bhi[ar, j] - blo[ar, j])
        lo2, hi1 = blo[do].copy(), bhi[do].copy()
        hi1[np.arange(j.size), j] = mid
        lo2[np.arange(j.size), j] = mid
        keep = ~do
        brows = np.concatenate([brows[keep], brows[do], brows[do]])
        blo = np.concatenate([blo[keep], blo[do], lo2])
        bhi = np.concatenate([bhi[keep], hi1, bhi[do]])
        bact = np.concatenate([bact[keep], bact[do], bact[do]])
        maxw = np.concatenate([maxw[keep], maxw[do], maxw[do]])
    new_rows = np.concatenate([rows[shrink], brows])
    new_lo = np.concatenate([nlo[shrink], blo])
    new_hi = np.concatenate([nhi[shrink], bhi])
    return (
        (rows[verified], c[verified], Y[verified]),
        (new_rows, new_lo, new_hi),
        (rows[tiny], ((nlo + nhi) / 2)[tiny]),
    )


def _krawczyk_numpy(
    lo: np.ndarray,
    hi: np.ndarray,
    act: np.ndarray,
    c: np.ndarray,
    rad: np.ndarray,
    gc: np.ndarray,
    Jmin: np.ndarray,
    Jmax: np.ndarray,
    split: bool,
) -> tuple[np.ndarray, ...]:
    """Krawczyk's test and contraction of a batch of boxes (numpy route of :func:`_step`).

    Returns Y (the inverse of the Jacobian's midpoint), the flags verified, tiny,
    bisect and shrink, the contracted boxes nlo, nhi and their widths.
    """
    d = lo.shape[1]
    Jmid = (Jmin + Jmax) / 2
    Jrad = (Jmax - Jmin) / 2
    Y, ok = _batched_inverse(Jmid)
    with np.errstate(invalid="ignore", over="ignore"):
        M = np.eye(d)[None] - Y @ Jmid
        kc = c - np.einsum("bij,bj->bi", Y, gc)
        kr = np.einsum("bij,bj->bi", np.abs(M), rad) + np.einsum("bij,bj->bi", np.abs(Y) @ Jrad, rad)
        klo, khi = kc - kr, kc + kr
    ok &= np.isfinite(klo).all(axis=1) & np.isfinite(khi).all(axis=1)
    inside = ok & np.where(act, (klo > lo) & (khi < hi), True).all(axis=1)
    disjoint = ok & np.where(act, (klo > hi) | (khi < lo), False).any(axis=1)
    verified = inside & ~disjoint
    rest = ~inside & ~disjoint
    # contract with the Krawczyk image where it helps, then bisect the widest active coordinate
    nlo = np.where(ok[:, None] & act, np.maximum(lo, klo), lo)
    nhi = np.where(ok[:, None] & act, np.minimum(hi, khi), hi)
    width_old = np.where(act, hi - lo, 0.0).max(axis=1)
    width_new = np.where(act, nhi - nlo, 0.0).max(axis=1)
    tiny = rest & (width_new < _MIN_WIDTH) if split else rest
    bisect = rest & ~tiny & (width_new > 0.7 * width_old)
    shrink = rest & ~tiny & ~bisect
    return Y, verified, tiny, bisect, shrink, nlo, nhi, width_new


def _batched_inverse(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of each matrix, with a flag; singular or ill-conditioned ones get zeros and False."""
    B, d, _ = M.shape
    ok = np.ones(B, dtype=bool)
    # LU with an exactly zero pivot (det == 0) is what makes the batched inverse raise;
    # swap those matrices for the identity so one batched call serves all the others
    sing = np.linalg.det(M) == 0.0 if B else np.zeros(0, dtype=bool)
    if sing.any():
        M = M.copy()
        M[sing] = np.eye(d)
        ok &= ~sing
    try:
        inv = np.linalg.inv(M)
        inv[sing] = 0.0
    except np.linalg.LinAlgError:
        inv = np.zeros_like(M)
        for b in range(B):
            try:
                inv[b] = np.linalg.inv(M[b])
            except np.linalg.LinAlgError:
                ok[b] = False
    bad = ~np.isfinite(inv).all(axis=(1, 2))
    bad |= np.abs(inv).max(axis=(1, 2)) > _INV_MAX
    inv[bad] = 0.0
    ok &= ~bad
    return inv, ok


def _refine(sysm: _Systems, rows: np.ndarray, x: np.ndarray, Y: np.ndarray, fast: bool = False) -> np.ndarray:
    """Newton from the centre of each Krawczyk-verified box, with simplified Newton as fallback.

    Simplified Newton ``x <- x - Y g(x)`` contracts in a verified box, so it
    converges to the box's unique solution from any start in it. *fast*: the
    equations evaluated by the compiled route (:meth:`_Systems.ranges`).
    """
    x0 = x.copy()
    for _ in range(6):
        g, J = sysm.residual(rows, x, fast=fast)
        try:
            dx = np.linalg.solve(J, g[..., None])[..., 0]
        except np.linalg.LinAlgError:
            dx = np.einsum("bij,bj->bi", Y, g)
        x = x - dx
        if np.abs(dx).max(initial=0.0) < 1e-14:
            break
    g = sysm.values(rows, x, fast=fast)
    bad = ~np.isfinite(x).all(axis=1) | (np.abs(g).max(axis=1, initial=0.0) > 1e-12)
    if bad.any():
        xb, Yb, rb = x0[bad], Y[bad], rows[bad]
        for _ in range(200):
            dx = np.einsum("bij,bj->bi", Yb, sysm.values(rb, xb, fast=fast))
            xb = xb - dx
            if np.abs(dx).max(initial=0.0) < 1e-15:
                break
        x[bad] = xb
    return x


def _gauss_newton(sysm: _Systems, rows: np.ndarray, x: np.ndarray, clock: Clock | None = None) -> np.ndarray:
    """Least-squares Newton from box centres of unresolved (singular) boxes (stops early when *clock* expires)."""
    for _ in range(30):
        if not rows.size or (clock is not None and clock.expired()):
            break
        g, J = sysm.residual(rows, x)
        with np.errstate(all="ignore"):
            dx = np.einsum("bij,bj->bi", np.linalg.pinv(J, rcond=1e-15), g)  # batched min-norm least squares
        dx = np.where(np.isfinite(dx), dx, 0.0)
        x = x - dx
        if np.abs(dx).max(initial=0.0) < 1e-15:
            break
    return x


def _representatives(sysm: _Systems, rows: np.ndarray, x: np.ndarray, per_support: int = 4) -> list[tuple[np.ndarray, ...]]:
    """A few well-separated feasible points of each unresolved support's solution set."""
    g, _ = sysm.residual(rows, x)
    good = np.abs(g).max(axis=1, initial=0.0) < 1e-9
    rows, x = rows[good], x[good]
    out: list[tuple[np.ndarray, ...]] = []
    for b in np.unique(rows):
        pts = _feasible(sysm, rows[rows == b], x[rows == b])
        if not pts:
            continue
        flat = np.array([np.concatenate(p) for p in pts])
        chosen = [0]
        dist = np.abs(flat - flat[0]).max(axis=1)
        while len(chosen) < per_support and dist.max() > 1e-3:
            t = int(dist.argmax())
            chosen.append(t)
            dist = np.minimum(dist, np.abs(flat - flat[t]).max(axis=1))
        out.extend(pts[t] for t in chosen)
    return out


def _feasible(sysm: _Systems, rows: np.ndarray, x: np.ndarray) -> list[tuple[np.ndarray, ...]]:
    """Profiles with nonnegative probabilities (up to rounding), clipped onto the simplex."""
    return _clean(sysm.sigma(rows, x))


def _clean(sig: list[np.ndarray]) -> list[tuple[np.ndarray, ...]]:
    """The rows of stacked profiles (one (B, s_k) array per player) that are probability vectors up to rounding."""
    sizes = [s.shape[1] for s in sig]
    cat = np.concatenate(sig, axis=1)  # all players side by side: one pass of each test
    ok = np.isfinite(cat).all(axis=1) & (cat >= -1e-9).all(axis=1)
    v = np.clip(cat[ok], 0.0, None)
    v[v < 1e-13] = 0.0
    bounds = np.cumsum([0, *sizes])
    parts = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        w = v[:, a:b]
        parts.append(w / w.sum(axis=1, keepdims=True))
    return list(zip(*parts))


# ---------------------------------------------------------------------- certification
def _certify(
    game: NormalFormGame,
    points: list[tuple[np.ndarray, ...]],
    tol: float,
    exact: bool,
    clock: Clock | None = None,
    un: np.ndarray | None = None,
) -> list[Equilibrium]:
    """Relative-regret-checked, merged, sorted equilibria (with exact profiles where asked and rational).

    *un* is the game's normalised payoffs when the caller has them already.
    """
    eqs: list[Equilibrium] = []
    keys: list[np.ndarray] = []
    span: np.ndarray | None = None
    if points:
        # cheap vectorized relative regret first (on normalised payoffs): building an Equilibrium is far
        # dearer, and most candidates (solutions of support systems that are not equilibria) fail by far
        if un is None:
            un = normalized_payoffs(game.payoffs)[0]
        reg = _batched_regret(un, [np.stack([p[k] for p in points]) for k in range(game.n_players)])
        points = [p for p, r in zip(points, reg.tolist()) if r <= 2.0 * tol + 1e-12]
    for prof in points:
        # the profile as make_equilibrium stores it (as_profile: clipped, renormalised), so that a
        # duplicate of an equilibrium already kept is skipped before the dear construction
        key = np.concatenate([v / v.sum() for v in (np.clip(np.asarray(p, dtype=np.float64), 0.0, None) for p in prof)])
        if any(np.abs(key - k).max() < 1e-7 for k in keys):
            continue
        if span is None:
            span = payoff_ranges(game.payoffs)
        eq = _float_equilibrium(game, prof, un, span)
        if not eq.relative_regret <= tol:
            continue
        keys.append(key)
        eqs.append(eq)
    if exact:
        eqs = [eq if clock is not None and clock.expired() else _exactify(game, eq) for eq in eqs]
    order = sorted(range(len(eqs)), key=lambda t: (sum(len(s) for s in eqs[t].support), tuple(-keys[t])))
    return [eqs[t] for t in order]


def _float_equilibrium(
    game: NormalFormGame, prof: tuple[np.ndarray, ...], un: np.ndarray | None, span: np.ndarray
) -> Equilibrium:
    """``make_equilibrium(game, prof)``, field for field, without re-checking what holds by construction.

    *prof* is a candidate of :func:`_clean` (finite, nonnegative, normalised);
    *un* and *span* are the game's normalised payoffs and payoff ranges
    (:func:`~gametheory_af._tolerance.normalized_payoffs`), computed once per
    call of the solver rather than once per equilibrium. The same arithmetic
    as :func:`~gametheory_af.result.make_equilibrium` (clip, renormalise, the
    regrets on the normalised payoffs times the ranges, the payoffs by
    contraction); a profile off the simplex goes to it, and its error.
    """
    sigma: list[np.ndarray] = []
    for p in prof:
        vec = np.asarray(p, dtype=np.float64)
        total = float(vec.sum())
        if (
            un is None
            or vec.shape != (game.shape[len(sigma)],)
            or not np.isfinite(vec).all()
            or vec.min() < -SIMPLEX_TOL
            or abs(total - 1.0) > SIMPLEX_TOL * max(1, vec.shape[0])
        ):
            return make_equilibrium(game, prof)
        vec = np.clip(vec, 0.0, None)
        sigma.append(vec / vec.sum())
    reg_f = profile_regrets(un, sigma) * span
    pay = game.payoffs
    for s in reversed(sigma):
        pay = pay @ s
    payoffs = np.asarray(pay, dtype=np.float64)
    regret = float(reg_f.max())
    relative = float(relative_regrets(reg_f, span).max())
    for s in sigma:
        s.setflags(write=False)
    payoffs.setflags(write=False)
    support = tuple(tuple(int(j) for j in np.flatnonzero(s > SUPPORT_TOL)) for s in sigma)
    return Equilibrium._trusted(tuple(sigma), payoffs, support, regret, relative)


def _batched_regret(u: np.ndarray, sig: list[np.ndarray]) -> np.ndarray:
    """Largest regret of each of a stack of profiles (one (P, s_k) array per player): (P,).

    In one compiled call (:func:`~gametheory_af.solvers._poly_kernels._regrets`)
    when numba is installed, else :func:`_batched_regret_numpy`: equal up to
    rounding (this is only the cheap first filter of :func:`_certify`).
    """
    kern = kernels()
    if kern is None:  # pragma: no cover - depends on the environment
        return _batched_regret_numpy(u, sig)
    n = len(sig)
    stacked = np.zeros((sig[0].shape[0], n, max(s.shape[1] for s in sig)))
    for k, s in enumerate(sig):
        stacked[:, k, : s.shape[1]] = s
    out: np.ndarray = kern["regrets"](u.reshape(n, -1), np.array(u.shape[1:], dtype=np.int64), stacked)
    return out


def _batched_regret_numpy(u: np.ndarray, sig: list[np.ndarray]) -> np.ndarray:
    """Largest regret of each of a stack of profiles (one (P, s_k) array per player): (P,) (numpy route)."""
    n = len(sig)
    P = sig[0].shape[0]
    out = np.zeros(P)
    for i in range(n):
        t = np.broadcast_to(u[i], (P,) + u[i].shape)
        for k in reversed(range(n)):
            if k != i:
                t = np.einsum("p...k,pk->p...", np.moveaxis(t, k + 1, -1), sig[k])
        got = (t * sig[i]).sum(axis=1)
        out = np.maximum(out, t.max(axis=1) - got)
    return out


def _exactify(game: NormalFormGame, eq: Equilibrium) -> Equilibrium:
    """The equilibrium in rational arithmetic when its probabilities are rational, else unchanged."""
    cand = _rational_candidate(game, eq)
    if cand is None:
        return eq
    try:
        ex = make_equilibrium(game, cand, exact=True)
    except GameError:
        return eq
    return ex if ex.max_regret == 0.0 else eq


def _rational_candidate(game: NormalFormGame, eq: Equilibrium) -> list[list[Fraction]] | None:
    """Refine the equilibrium's support system to 60 digits and read off rationals."""
    import mpmath

    U = game.exact_payoffs()
    n = game.n_players
    sup = eq.support
    with mpmath.workdps(60):
        # unknowns: probabilities of support strategies except the first, per player
        def sigma_of(z: list[Any]) -> list[list[Any]]:
            out, pos = [], 0
            for k in range(n):
                vec = [mpmath.mpf(0)] * game.shape[k]
                free = z[pos : pos + len(sup[k]) - 1]
                pos += len(sup[k]) - 1
                vec[sup[k][0]] = 1 - mpmath.fsum(free)
                for j, v in zip(sup[k][1:], free):
                    vec[j] = v
                out.append(vec)
            return out

        def payoff(i: int, s: int, sig: list[list[Any]]) -> Any:
            others = [k for k in range(n) if k != i]
            total = mpmath.mpf(0)
            for prof in itertools.product(*[sup[k] for k in others]):
                w = mpmath.mpf(1)
                for k, a in zip(others, prof):
                    w *= sig[k][a]
                full = list(prof)
                full.insert(i, s)
                total += w * mpmath.mpf(U[(i, *full)].numerator) / U[(i, *full)].denominator
            return total

        def F(*z: Any) -> list[Any]:
            sig = sigma_of(list(z))
            res = []
            for i in range(n):
                base = payoff(i, sup[i][0], sig)
                for s in sup[i][1:]:
                    res.append(payoff(i, s, sig) - base)
            return res

        z0 = [mpmath.mpf(float(eq.profile[k][j])) for k in range(n) for j in sup[k][1:]]
        singular = False
        if z0:
            # Newton needs an isolated solution: on a continuum of equilibria (nau2004 sec. 5) the
            # support system's Jacobian is singular there, and mpmath's LU decomposition then fails
            # with a TypeError from inside. Such a point is only rationalised directly below.
            jac = mpmath.jacobian(lambda *z: F(*z), z0)
            jf = np.array([[float(jac[r, c]) for c in range(len(z0))] for r in range(len(z0))])
            sv = np.linalg.svd(jf, compute_uv=False)
            singular = not (np.isfinite(sv).all() and sv.min() > 1e-9 * max(sv.max(), 1e-300))
        if z0 and not singular:
            try:
                z = mpmath.findroot(F, z0, tol=mpmath.mpf(10) ** -50, maxsteps=50)
            except (ValueError, ZeroDivisionError):
                return None
            zs = [z] if len(z0) == 1 else [z[t] for t in range(len(z0))]
            if len(z0) == 1 and hasattr(z, "__len__"):
                zs = [z[0]]
            fr = [Fraction(mpmath.nstr(v, 55, min_fixed=-80, max_fixed=80)).limit_denominator(10**20) for v in zs]
        else:
            # no refinement possible (or needed): the float profile's nearest simple fractions
            fr = [Fraction(float(v)).limit_denominator(10**6) for v in z0]
    out, pos = [], 0
    for k in range(n):
        vec = [Fraction(0)] * game.shape[k]
        free = fr[pos : pos + len(sup[k]) - 1]
        pos += len(sup[k]) - 1
        vec[sup[k][0]] = 1 - sum(free, Fraction(0))
        for j, v in zip(sup[k][1:], free):
            vec[j] = v
        out.append(vec)
    return out
