"""Private helpers shared by the two-player solvers (support, vertex, Lemke-Howson, zero-sum).

Conventions used throughout: ``A`` and ``B`` are the ``(m, n)`` payoff matrices
of the row player (player 0, mixed strategy ``x``) and the column player
(player 1, mixed strategy ``y``). Labels follow von Stengel (2007): ``0..m-1``
are the row player's strategies, ``m..m+n-1`` the column player's.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._exact import solve_unique as solve_exact
from .._jit import njit
from .._limits import Clock, check_count
from .._tolerance import BLUR, RESOLUTION, normalize_game
from .._validation import check_bool, check_int, check_tol
from ..exceptions import DegenerateGameWarning, GameError
from ..game import NormalFormGame
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
    out = check_tol(tol, caller)
    check_bool(exact, "exact", caller)
    return out


def check_max_count(value: Any, name: str, caller: str) -> int | None:
    """A count bound: ``None`` (no bound) or an integer ``>= 1``."""
    if value is None:
        return None
    return check_int(value, name, caller, minimum=1)


class Budget:
    """A time and count budget for an enumeration; ``spend`` says whether work may go on."""

    def __init__(self, max_time: float | None, max_count: int | None) -> None:
        self.clock = Clock(max_time)
        self.max_count = max_count
        self.count = 0
        self.stopped: str | None = None
        #: Set when a linear system was ill-conditioned (float64 may have misjudged it).
        self.ill = False

    def spend(self, n: int = 1) -> bool:
        """Count *n* items of work; False (and ``stopped`` says why) once a bound is reached."""
        if self.stopped is not None:
            return False
        if self.max_count is not None and self.count + n > self.max_count:
            self.stopped = f"the count bound {self.max_count:,} was reached"
            return False
        if self.clock.expired():
            self.stopped = "max_time was reached"
            return False
        self.count += n
        return True

    def check(self) -> bool:
        """True while time remains (counts nothing)."""
        return self.spend(0)


def check_size(count: int, what: str, caller: str, bounded: bool) -> None:
    """Refuse an unbounded enumeration of more than ``max_calls`` items (see :func:`gametheory_af.set_limits`).

    With a time or count bound the enumeration may start: it stops at the bound
    and says so.
    """
    if bounded:
        return
    try:
        check_count(count, "max_calls", what, caller)
    except GameError as err:
        raise GameError(
            f"{err} Or pass max_time= (seconds) or a count bound to get what is found within it, "
            "or use lemke_howson for one equilibrium."
        ) from None


@dataclass(frozen=True)
class Work:
    """A two-player game prepared by the tolerance policy (:mod:`gametheory_af._tolerance`).

    ``A01``/``B01`` are the payoffs mapped per player onto ``[0, 1]``
    (``A = lo[0] + span[0] * A01``), computed in rational arithmetic for exact
    games so that no information is lost to float64 before the normalisation;
    ``An``/``Bn`` are the same shifted to ``[1, 2]`` (positive, as the
    best-response polytopes need). ``resolves`` tells whether float64 resolves
    the normalised payoffs (:func:`gametheory_af._tolerance.float_resolves`) and
    ``exact_ok`` whether the game has exact payoffs to fall back on.
    """

    game: NormalFormGame
    A01: np.ndarray
    B01: np.ndarray
    lo: np.ndarray
    span: np.ndarray
    resolves: bool
    exact_ok: bool

    @property
    def An(self) -> np.ndarray:
        return self.A01 + 1.0

    @property
    def Bn(self) -> np.ndarray:
        return self.B01 + 1.0

    @property
    def use_exact(self) -> bool:
        """Float64 cannot resolve the game but exact payoffs are available: solve exactly."""
        return not self.resolves and self.exact_ok


def prepare(game: NormalFormGame, *, resolves_if_inexact: bool = False) -> Work:
    """Normalise a two-player game per player and decide whether float64 resolves it.

    With ``resolves_if_inexact``, a caller that acts on ``resolves`` only through
    :attr:`Work.use_exact` (so only for games with exact payoffs) skips the test
    for other games (it sorts each player's payoffs).
    """
    if game.payoffs.ndim == 3 and game.payoffs.dtype == np.float64:
        compiled = _prepare_kernel()
        if compiled is not None:
            # normalize_game in one compiled pass (bit for bit: the same subtractions and divisions;
            # a payoff -0.0, whose min numpy may report either way, is left to numpy). For a game
            # with exact payoffs only its float shortcut is compiled (the floats are far apart
            # and resolved); any other exact game takes normalize_game's rational route.
            un, lo, span, resolves, exact_ok, ok = compiled(
                game.payoffs, resolves_if_inexact, RESOLUTION, game.is_exact, BLUR
            )
            if ok:
                return Work(game, un[0], un[1], lo, span, bool(resolves), bool(exact_ok))
    un, lo, span, resolves, exact_ok = normalize_game(game, resolves_if_inexact=resolves_if_inexact)
    return Work(game, un[0], un[1], lo, span, resolves, exact_ok)


def _prepare_loops(u, resolves_if_inexact, resolution, exact, blur):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """:func:`gametheory_af._tolerance.normalize_game` for a two-player game's float payoffs, compiled.

    A float game (*exact* False): ``normalized_payoffs`` (the range, 1.0 for a constant
    player), ``has_exact_payoffs`` (integer values below ``2**53``) and ``float_resolves``
    (the lower median gap between consecutive distinct payoffs against ``resolution`` times
    the even gap). A game with exact payoffs (*exact* True): normalize_game's float
    shortcut, taken when each player's range exceeds ``1e-6`` of his largest absolute
    payoff, ``float_resolves`` holds and ``clearly_unblurred`` does (consecutive distinct
    payoffs at least ``2 * blur`` of the range apart); then ``resolves`` and ``exact_ok``
    are True. The last flag is False (the caller takes numpy's route, or the rational one)
    when a payoff is ``-0.0`` or an exact game's shortcut does not apply.
    """
    P, m, n = u.shape
    low = np.empty(P)
    span = np.empty(P)
    un = np.empty((P, m, n))
    integral = True
    big = 0.0
    for p in range(P):
        lo = u[p, 0, 0]
        hi = u[p, 0, 0]
        big_p = 0.0
        for i in range(m):
            for j in range(n):
                v = u[p, i, j]
                if v == 0.0 and np.signbit(v):
                    return un, low, span, False, False, False
                lo = min(lo, v)
                hi = max(hi, v)
                integral = integral and v == np.floor(v)
                big_p = max(big_p, abs(v))
        big = max(big, big_p)
        w = hi - lo
        if exact and not w > 1e-6 * big_p:
            return un, low, span, False, False, False
        low[p] = lo
        span[p] = w if w > 0 else 1.0
        for i in range(m):
            for j in range(n):
                un[p, i, j] = (u[p, i, j] - lo) / span[p]
    exact_ok = exact or (integral and big < 2.0**53)
    if resolves_if_inexact and not exact_ok:
        return un, low, span, True, exact_ok, True
    for p in range(P):
        ordered = np.sort(u[p].ravel())
        gaps = np.diff(ordered)
        gaps = gaps[gaps > 0]
        k = gaps.size
        if k == 0:
            continue
        typical = np.sort(gaps)[(k - 1) // 2]
        if typical * k < resolution * (ordered[-1] - ordered[0]):
            return un, low, span, False, exact_ok, not exact
        if exact and gaps.min() < 2.0 * blur * (ordered[-1] - ordered[0]):
            return un, low, span, False, exact_ok, False
    return un, low, span, True, exact_ok, True


#: ``[compiled _prepare_loops]``, or ``[None]`` without numba.
_PREPARE: list[Any] = []


def _prepare_kernel() -> Any:
    """The numba-compiled :func:`_prepare_loops`, or None without numba (then normalize_game runs)."""
    if not _PREPARE:
        jit = njit()
        _PREPARE.append(None if jit is None else jit(_prepare_loops))
    return _PREPARE[0]


#: A square system whose ``|det| / (product of row norms)`` lies in ``(ILL_LOW, ILL_HIGH]`` is
#: ill-conditioned: neither clearly singular (round-off level, about 1e-16 for singular systems
#: of payoffs normalised to [1, 2]) nor safely solvable (random games stay above about 1e-8).
ILL_LOW = 1e-14
ILL_HIGH = 1e-10

#: The thresholds of support enumeration, on the reciprocal condition number ``rc = 1 / (||M||_1
#: ||M^-1||_1)`` of each bordered indifference system (not on the Hadamard ratio above, which
#: shrinks with the dimension and the spread of the singular values and is no conditioning
#: measure: the full-support system of ``savani_von_stengel(3)`` has ratio 8.5e-16 but condition
#: number 2.1e6). ``rc > RCOND_HIGH``: float64 solves it (the forward error is at most about
#: ``(k + 1) * eps / rc``, Higham 2002, Thm. 7.2 and 9.5; no system of 277,000 from random 6 x 6
#: and 8 x 8 games has ``rc`` below 1e-7); otherwise it is settled in rational arithmetic.
#: ``rc <= RCOND_LOW``: float64 cannot even solve it (singular to working precision).
RCOND_LOW = 1e-14
RCOND_HIGH = 1e-8


def ill_message(caller: str) -> str:
    return (
        f"{caller}: some linear systems of this game are ill-conditioned in float64, or some of its "
        "best responses tie only up to the tolerance, and its payoffs are not exact rationals, so the "
        "result is not certified complete (profiles within the tolerance of an equilibrium may be "
        "returned as equilibria); build the game from integers or Fractions to have it solved in "
        "exact arithmetic."
    )


def warn_unsettled(work: Work, budget: Budget, caller: str) -> bool:
    """Warn (and return True) when float64 could not settle the enumeration: the payoffs are
    unresolved or some linear system was ill-conditioned, and no exact redo took its place."""
    if work.resolves and not budget.ill:
        return False
    message = unresolved_message(caller) if not work.resolves else ill_message(caller)
    warnings.warn(message, DegenerateGameWarning, stacklevel=3)
    return True


def unresolved_message(caller: str) -> str:
    return (
        f"{caller}: float64 cannot resolve this game's payoffs (the typical gap between a player's "
        f"distinct payoffs is below {RESOLUTION:g} of an even spread over his range) and they are not exact rationals, "
        "so the result is not certified complete; build the game from integers or Fractions to have "
        "it solved in exact arithmetic."
    )


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


def normalized_exact(M: np.ndarray) -> np.ndarray:
    """:func:`normalized` in Fraction arithmetic (an object array with entries in ``[1, 2]``)."""
    vals = M.ravel().tolist()
    lo, hi = min(vals), max(vals)
    out = np.empty(M.shape, dtype=object)
    if hi == lo:
        out.ravel()[:] = [Fraction(1)] * len(vals)
        return out
    span = hi - lo
    out.ravel()[:] = [(v - lo) / span + 1 for v in vals]
    return out


# ---------------------------------------------------------------------------- exact arithmetic
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
    candidates: Iterable[tuple[np.ndarray, np.ndarray]] | np.ndarray,
    *,
    An: np.ndarray,
    Bn: np.ndarray,
    tol: float,
    tie_tol: float,
    exact: bool,
    sets: Iterable[tuple[Sequence[int], Sequence[int], Sequence[int], Sequence[int]] | None] | None = None,
    work: Work | None = None,
) -> list[Equilibrium]:
    """Certify, polish, deduplicate and sort candidate equilibria.

    In float mode a candidate is kept when its ``relative_regret <= tol``
    (regrets over each player's payoff range, after polishing if that helps).
    In exact mode each candidate is rebuilt in rational arithmetic from its
    supports and ties (``sets`` if given, else read off the float profile) and
    kept only with exact zero regret. *candidates* are ``(x, y)`` pairs or
    an array of stacked profiles ``[x, y]``, one row each.
    """
    if isinstance(candidates, np.ndarray) and not exact:
        # Stacked profiles, one row ``[x, y]`` per candidate (sweep_supports' float route).
        if not len(candidates):
            return []
        return _certify_floats(work if work is not None else prepare(game), candidates, An, Bn, tol, tie_tol)
    m = An.shape[0]
    cands = [(z[:m], z[m:]) for z in candidates] if isinstance(candidates, np.ndarray) else list(candidates)
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
        if len(found) > 1:
            found.sort(key=_order)
    elif cands:
        Z = np.empty((len(cands), m + An.shape[1]))
        Z[:, :m] = [c[0] for c in cands]
        Z[:, m:] = [c[1] for c in cands]
        found = _certify_floats(work if work is not None else prepare(game), Z, An, Bn, tol, tie_tol)
    return found


def certify_one(work: Work, x: np.ndarray, y: np.ndarray) -> Equilibrium:
    """The certified :class:`Equilibrium` of one float profile (already on the simplex)."""
    X, Y = _to_simplex(np.asarray(x, dtype=np.float64)[None].copy()), _to_simplex(np.asarray(y, dtype=np.float64)[None].copy())
    rel, r_abs, u0, u1 = _regrets(work, X, Y)
    return _build(work, X[0], Y[0], float(rel[0]), float(r_abs[0]), float(u0[0]), float(u1[0]))


def _certify_floats(
    work: Work,
    Z: np.ndarray,
    An: np.ndarray,
    Bn: np.ndarray,
    tol: float,
    tie_tol: float,
) -> list[Equilibrium]:
    """Vectorised regret certificates for float candidates; polish only where it matters.

    Every candidate is certified at once (one pair of matrix products for all
    regrets); only candidates whose certificate is not at round-off level are
    polished, one by one. Returns the certified, deduplicated equilibria in the
    order of :func:`_order`, which is computed from the arrays. *Z* holds
    the candidates' stacked profiles ``[x, y]``, one row each (not modified).
    """
    m = An.shape[0]
    kernels = _certify_kernels()
    if kernels is not None:
        # One compiled pass: the same profiles bit for bit (numpy's pairwise row sums), regrets
        # and payoffs up to rounding (the products are summed in another order than BLAS's).
        X, Y, rel, r_abs, row_val, col_val = kernels[0](Z, m, work.A01, work.B01, work.lo, work.span, SUPPORT_TOL)
    else:
        X, Y = _to_simplex(Z[:, :m]), _to_simplex(Z[:, m:])  # fresh C-contiguous arrays
        rel, r_abs, row_val, col_val = _regrets(work, X, Y)
    # Re-solve the indifference systems of candidates whose certificate is not at round-off level.
    coarse = rel > 1e-13
    for e in np.flatnonzero(coarse).tolist() if coarse.any() else ():
        px, py = polish(An, Bn, X[e], Y[e], tie_tol)
        px, py = _to_simplex(px[None]), _to_simplex(py[None])
        r2, a2, u0, u1 = _regrets(work, px, py)
        if r2[0] < rel[e]:
            X[e], Y[e], rel[e], r_abs[e], row_val[e], col_val[e] = px[0], py[0], r2[0], a2[0], u0[0], u1[0]
    if kernels is not None:
        idx = kernels[1](X, Y, rel, tol)
        if len(idx) < len(X):
            X, Y, rel, r_abs, row_val, col_val = X[idx], Y[idx], rel[idx], r_abs[idx], row_val[idx], col_val[idx]
        return _build_all(X, Y, rel, r_abs, row_val, col_val)
    keep = rel <= tol
    if not keep.all():
        idx = np.flatnonzero(keep)
        X, Y, rel, r_abs, row_val, col_val = X[idx], Y[idx], rel[idx], r_abs[idx], row_val[idx], col_val[idx]
    if len(X) > 1:  # merge duplicates (profiles within 1e-8 in every coordinate)
        Z = np.concatenate([X, Y], axis=1)
        dist = np.abs(Z[:, None, :] - Z[None, :, :]).max(axis=2)
        E = len(X)
        unique = ~((dist <= 1e-8) & (np.arange(E)[:, None] < np.arange(E))).any(axis=0)
        if not unique.all():
            X, Y, rel, r_abs, row_val, col_val = X[unique], Y[unique], rel[unique], r_abs[unique], row_val[unique], col_val[unique]
    return _build_all(X, Y, rel, r_abs, row_val, col_val)


def _pairwise_sum(v):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """``v.sum()`` in numpy's order for a contiguous row of at most 128 entries (pairwise, 8 accumulators), bit for bit."""
    n = v.shape[0]
    if n < 8:
        res = 0.0
        for i in range(n):
            res += v[i]
        return res
    r0, r1, r2, r3, r4, r5, r6, r7 = v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]
    i = 8
    while i < n - n % 8:
        r0 += v[i]
        r1 += v[i + 1]
        r2 += v[i + 2]
        r3 += v[i + 3]
        r4 += v[i + 4]
        r5 += v[i + 5]
        r6 += v[i + 6]
        r7 += v[i + 7]
        i += 8
    res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        res += v[i]
        i += 1
    return res


def _simplex_rows(Z, lo, hi, support_tol):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """:func:`_to_simplex` of ``Z[:, lo:hi]``, with the same floating-point operations.

    As there, the second rescaling (after zeroing the probabilities at round-off level) applies
    to every row as soon as one entry of the block is at round-off level.
    """
    E = Z.shape[0]
    V = np.empty((E, hi - lo))
    small = False
    for e in range(E):
        out = V[e]
        for i in range(hi - lo):
            z = Z[e, lo + i]
            out[i] = z if (z >= 0.0 or z != z) else 0.0
        total = _pairwise_sum_jit(out)
        if not total > 0:
            out[:] = 1.0
            total = _pairwise_sum_jit(out)
        for i in range(hi - lo):
            out[i] /= total
            small = small or out[i] <= support_tol
    if small:
        for e in range(E):
            out = V[e]
            for i in range(hi - lo):
                if out[i] <= support_tol:
                    out[i] = 0.0
            total = _pairwise_sum_jit(out)
            for i in range(hi - lo):
                out[i] /= total
    return V


def _certify_loops(Z, m, A, B, lo, span, support_tol):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """:func:`_to_simplex` of both halves of every row of *Z* and :func:`_regrets`, in one compiled pass."""
    E = Z.shape[0]
    n = Z.shape[1] - m
    X = _simplex_rows_jit(Z, 0, m, support_tol)
    Y = _simplex_rows_jit(Z, m, m + n, support_tol)
    rel = np.empty(E)
    r_abs = np.empty(E)
    u0 = np.empty(E)
    u1 = np.empty(E)
    row_pay = np.empty(m)
    col_pay = np.empty(n)
    for e in range(E):
        for i in range(m):
            s = 0.0
            for j in range(n):
                s += A[i, j] * Y[e, j]
            row_pay[i] = s
        for j in range(n):
            s = 0.0
            for i in range(m):
                s += X[e, i] * B[i, j]
            col_pay[j] = s
        v0 = 0.0
        best0 = row_pay[0]
        for i in range(m):
            v0 += X[e, i] * row_pay[i]
            best0 = max(best0, row_pay[i])
        v1 = 0.0
        best1 = col_pay[0]
        for j in range(n):
            v1 += Y[e, j] * col_pay[j]
            best1 = max(best1, col_pay[j])
        g0 = max(best0 - v0, 0.0)
        g1 = max(best1 - v1, 0.0)
        rel[e] = max(g0, g1)
        r_abs[e] = max(g0 * span[0], g1 * span[1])
        u0[e] = lo[0] + span[0] * v0
        u1[e] = lo[1] + span[1] * v1
    return X, Y, rel, r_abs, u0, u1


def _select_loops(X, Y, rel, tol):  # type: ignore[no-untyped-def]  # pragma: no cover - compiled by numba
    """Indices of the rows with ``rel <= tol`` not within 1e-8 (every coordinate) of an earlier such row."""
    E = X.shape[0]
    m = X.shape[1]
    n = Y.shape[1]
    kept = np.empty(E, dtype=np.intp)
    K = 0
    for e in range(E):
        if rel[e] <= tol:
            kept[K] = e
            K += 1
    out = np.empty(K, dtype=np.intp)
    U = 0
    for b in range(K):
        j = kept[b]
        dup = False
        for a in range(b):
            i = kept[a]
            d = 0.0
            for t in range(m):
                d = max(d, abs(X[i, t] - X[j, t]))
            for t in range(n):
                d = max(d, abs(Y[i, t] - Y[j, t]))
            if d <= 1e-8:
                dup = True
                break
        if not dup:
            out[U] = j
            U += 1
    return out[:U]


#: ``[certify loops, select loops]`` compiled, or ``[None]`` without numba.
_CERTIFY: list[Any] = []
_pairwise_sum_jit: Any = None
_simplex_rows_jit: Any = None


def _certify_kernels() -> Any:
    """``(compiled _certify_loops, compiled _select_loops)``, or None without numba (the numpy route runs)."""
    if not _CERTIFY:
        jit = njit()
        if jit is None:  # pragma: no cover - depends on the environment
            _CERTIFY.append(None)
        else:
            global _pairwise_sum_jit, _simplex_rows_jit
            _pairwise_sum_jit = jit(_pairwise_sum)
            _simplex_rows_jit = jit(_simplex_rows)
            _CERTIFY.append((jit(_certify_loops), jit(_select_loops)))
    return _CERTIFY[0]


def _supports(V: np.ndarray) -> list[tuple[int, ...]]:
    """The indices of the nonzero entries of each row of *V*, as tuples (one ``nonzero`` call for all rows)."""
    rows, cols = np.nonzero(V)
    ends = np.cumsum(np.bincount(rows, minlength=len(V))).tolist()
    flat = cols.tolist()
    out, start = [], 0
    for end in ends:
        out.append(tuple(flat[start:end]))
        start = end
    return out


def _build_all(
    X: np.ndarray, Y: np.ndarray, rel: np.ndarray, r_abs: np.ndarray, u0: np.ndarray, u1: np.ndarray
) -> list[Equilibrium]:
    """:func:`_build` for every row at once, sorted by :func:`_order`: supports, payoffs and sort keys found in batch.

    The sort keys are :func:`_order`'s, computed from the arrays (the same
    values, so :func:`sorted` gives the same order), and the equilibria are
    built with :meth:`Equilibrium._trusted` from fresh read-only rows (the
    fields have the stored types: float64 arrays, tuples of ints, Python floats).
    *X* and *Y* are the caller's own fresh arrays: they are made read-only and
    the equilibria's profiles are their rows (no copy).
    """
    E = len(X)
    if E <= 8:  # a few rows: Python's loop over the lists beats nonzero/bincount/cumsum
        sx = [tuple([i for i, v in enumerate(row) if v]) for row in X.tolist()]
        sy = [tuple([j for j, v in enumerate(row) if v]) for row in Y.tolist()]
    else:
        sx, sy = _supports(X), _supports(Y)
    order: list[int] = list(range(E))
    if E > 1:
        keys = [(len(sx[e]) + len(sy[e]), (sx[e], sy[e])) for e in range(E)]
        if len(set(keys)) == E:  # distinct supports: the profiles never break a tie
            order.sort(key=keys.__getitem__)
        else:
            neg = (-np.concatenate([X, Y], axis=1)).tolist()
            order.sort(key=lambda e: (keys[e], neg[e]))
    pays = np.empty((E, 2))
    pays[:, 0] = u0
    pays[:, 1] = u1
    for V in (X, Y, pays):
        V.flags.writeable = False  # each equilibrium's arrays are read-only rows of these
    rel_l, abs_l = rel.tolist(), r_abs.tolist()
    trusted = Equilibrium._trusted
    return [trusted((X[e], Y[e]), pays[e], (sx[e], sy[e]), abs_l[e], rel_l[e]) for e in order]


def _build(work: Work, x: np.ndarray, y: np.ndarray, rel: float, r_abs: float, u0: float, u1: float) -> Equilibrium:
    x, y = x.copy(), y.copy()
    x.setflags(write=False)
    y.setflags(write=False)
    pay = np.array([u0, u1])
    pay.setflags(write=False)
    support = (tuple(np.flatnonzero(x).tolist()), tuple(np.flatnonzero(y).tolist()))
    return Equilibrium(profile=(x, y), payoffs=pay, support=support, max_regret=r_abs, relative_regret=rel)


def _regrets(work: Work, X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Relative regret, regret in payoff units and both players' payoffs at each profile ``(X[e], Y[e])``.

    Regrets are computed on the payoffs normalised per player (so relative to
    each player's range, as :func:`gametheory_af.result.make_equilibrium` does)
    and mapped back to the caller's units.
    """
    A, B = work.A01, work.B01
    row_pay = Y @ A.T
    col_pay = X @ B
    u0 = (X * row_pay).sum(axis=1)
    u1 = (Y * col_pay).sum(axis=1)
    r0 = np.maximum(row_pay.max(axis=1) - u0, 0.0)
    r1 = np.maximum(col_pay.max(axis=1) - u1, 0.0)
    rel = np.maximum(r0, r1)
    r_abs = np.maximum(r0 * work.span[0], r1 * work.span[1])
    return rel, r_abs, work.lo[0] + work.span[0] * u0, work.lo[1] + work.span[1] * u1


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


# ---------------------------------------------------------------------------- exact enumeration
def exact_polytope_vertices(C: np.ndarray, budget: Budget) -> tuple[list[tuple[tuple[Fraction, ...], frozenset[int]]], bool]:
    """Every nonzero vertex of ``{z >= 0 : C z <= 1}`` (``C`` a positive object array of Fractions), exactly.

    A breadth-first search over the feasible bases of ``C z + s = 1``, pivoting
    in rational arithmetic from the slack basis (the origin): from each basis,
    every nonbasic variable enters and every row that ties in the minimum-ratio
    test leaves, so in degenerate polytopes all feasible bases are visited. The
    graph of feasible bases of a bounded polyhedron is connected, so every
    vertex is reached (the method of reverse search and of lrs; Avis & Fukuda
    1992), with work proportional to the number of bases, not to
    ``C(c + d, d)``. Returns ``[(z, labels), ...]`` with labels ``i`` for
    ``z_i = 0`` and ``d + k`` for ``(C z)_k = 1``, and whether the budget
    stopped the search early.
    """
    c, d = C.shape
    width = d + c + 1
    one, zero = Fraction(1), Fraction(0)
    start = []
    for k in range(c):
        row = [Fraction(v) for v in C[k].tolist()] + [zero] * c + [one]
        row[d + k] = one
        start.append(row)
    basis0 = tuple(range(d, d + c))
    seen: set[frozenset[int]] = {frozenset(basis0)}
    queue = [(list(basis0), start)]
    out: dict[tuple[Fraction, ...], frozenset[int]] = {}
    head = 0
    while head < len(queue):
        if not budget.spend():
            return list(out.items()), True
        basis, T = queue[head]
        queue[head] = None  # type: ignore[call-overload]  # free the tableau
        head += 1
        z = [zero] * d
        for r, v in enumerate(basis):
            if v < d:
                z[v] = T[r][-1]
        if any(z):
            key = tuple(z)
            if key not in out:
                labels = {v for v in range(d + c) if v not in basis}
                labels.update(v for r, v in enumerate(basis) if T[r][-1] == 0)
                out[key] = frozenset(labels)
        in_basis = set(basis)
        for e in range(d + c):
            if e in in_basis:
                continue
            best: Fraction | None = None
            rows: list[int] = []
            for r in range(c):
                a = T[r][e]
                if a > 0:
                    ratio = T[r][-1] / a
                    if best is None or ratio < best:
                        best, rows = ratio, [r]
                    elif ratio == best:
                        rows.append(r)
            for r in rows:
                new_basis = list(basis)
                new_basis[r] = e
                key_b = frozenset(new_basis)
                if key_b in seen:
                    continue
                seen.add(key_b)
                queue.append((new_basis, _pivot(T, r, e, width)))
    return list(out.items()), False


def _pivot(T: list[list[Fraction]], r: int, e: int, width: int) -> list[list[Fraction]]:
    """A new tableau: *T* pivoted on row *r*, column *e* (rational arithmetic)."""
    inv = 1 / T[r][e]
    prow = [v * inv for v in T[r]]
    out = []
    for i, row in enumerate(T):
        if i == r:
            out.append(prow)
            continue
        f = row[e]
        out.append([a - f * b for a, b in zip(row, prow)] if f else list(row))
    return out


def exact_extreme_equilibria(
    game: NormalFormGame, budget: Budget
) -> tuple[list[Equilibrium], bool, bool]:
    """All extreme equilibria of a two-player game in rational arithmetic (von Stengel 2007, Alg. 3.5).

    The vertices of both best-response polytopes ``P = {x >= 0 : B^T x <= 1}``
    and ``Q = {y >= 0 : A y <= 1}`` (payoffs normalised exactly to ``[1, 2]``)
    are enumerated by :func:`exact_polytope_vertices`, and completely labelled
    pairs are kept. Returns ``(equilibria, degenerate, stopped)``.
    """
    U = game.exact_payoffs()
    An, Bn = normalized_exact(U[0]), normalized_exact(U[1])
    m, n = An.shape
    VP, stop_p = exact_polytope_vertices(Bn.T, budget)  # labels: i < m for x_i = 0, m + j for (B^T x)_j = 1
    VQ, stop_q = ([], True) if stop_p else exact_polytope_vertices(An, budget)
    # Q's labels in the game's numbering: y_j = 0 -> m + j; (A y)_i = 1 -> i.
    VQ = [(y, frozenset((m + lab) if lab < n else (lab - n) for lab in labels)) for y, labels in VQ]
    degenerate = any(len(lab) > m for _, lab in VP) or any(len(lab) > n for _, lab in VQ)
    everything = frozenset(range(m + n))
    eqs: list[Equilibrium] = []
    for x, lx in VP:
        sx = sum(x, Fraction(0))
        for y, ly in VQ:
            if lx | ly == everything:
                sy = sum(y, Fraction(0))
                eqs.append(make_equilibrium(game, ([v / sx for v in x], [v / sy for v in y]), exact=True))
    eqs.sort(key=_order)
    return eqs, degenerate, stop_p or stop_q


def exact_support_equilibria(game: NormalFormGame, budget: Budget) -> tuple[list[Equilibrium], bool, bool]:
    """Every equilibrium that a support pair of equal size yields, solved in rational arithmetic.

    A pair ``(I, J)`` yields an equilibrium only if the row player's strategy
    it defines is (a multiple of) a vertex ``x`` of ``P`` with support inside
    ``I`` and ``J`` among the best responses to ``x`` (its indifference system
    has a unique solution). So the vertices of ``P`` are enumerated exactly
    (:func:`exact_polytope_vertices`) and only the pairs around each vertex are
    solved: the same equilibria as trying all ``C(m + n, m) - 1`` pairs, with
    far fewer systems. Returns ``(equilibria, stopped, degenerate)``; the game
    is degenerate when a vertex of ``P`` or ``Q`` has more labels than its
    dimension.
    """
    from itertools import combinations

    U = game.exact_payoffs()
    A, B = U[0], U[1]
    m, n = A.shape
    VP, stopped = exact_polytope_vertices(normalized_exact(B).T, budget)
    degenerate = any(len(lab) > m for _, lab in VP)
    seen: set[Any] = set()
    eqs: list[Equilibrium] = []
    tried: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    for _, labels in ([] if stopped else VP):
        S = [i for i in range(m) if i not in labels]
        T = [j for j in range(n) if m + j in labels]
        rest = [i for i in range(m) if i in labels]
        for k in range(len(S), min(m, len(T)) + 1):
            for extra in combinations(rest, k - len(S)):
                I = tuple(sorted(S + list(extra)))
                for J in combinations(T, k):
                    if (I, J) in tried:
                        continue
                    tried.add((I, J))
                    if not budget.spend():
                        eqs.sort(key=_order)
                        return eqs, True, degenerate
                    eq = exact_equilibrium(game, A, B, (list(I), list(J), list(J), list(I)))
                    if eq is not None and eq.exact not in seen:
                        seen.add(eq.exact)
                        eqs.append(eq)
    if not stopped:
        VQ, stopped = exact_polytope_vertices(normalized_exact(A), budget)
        degenerate = degenerate or any(len(lab) > n for _, lab in VQ)
    eqs.sort(key=_order)
    return eqs, stopped, degenerate


def n_bases(m: int, n: int) -> int:
    """The number of bases ``C(m + n, m)`` of a best-response polytope (an upper bound on its vertices)."""
    return math.comb(m + n, m)
