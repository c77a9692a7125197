"""One Nash equilibrium of an n-player game by Govindan and Wilson's global Newton method."""

from __future__ import annotations

import logging
import math
import warnings
from typing import Any

import numpy as np

from .._limits import MAX_TIME_LIMIT, Clock, check_max_time
from .._validation import check_int, check_rng
from ..exceptions import ConvergenceWarning, GameError
from ..game import NormalFormGame
from ..result import EquilibriumResult
from ._nplayer import (
    certified,
    check_game_and_tol,
    fast_null_and_solve,
    offsets_of,
    polish,
    split,
    trace_path,
    values_and_jacobian,
)

__all__ = ["global_newton"]

_log = logging.getLogger(__name__)

#: Entries of the matrix that gives every Jacobian block in one product; bigger games use einsums.
BIG_MATRIX = 4_000_000


def _project(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Euclidean projection of a vector onto the simplex, and the mask of its support."""
    sig, mask = _project_list(z.tolist())
    return np.array(sig), np.array(mask, dtype=bool)


def _project_list(z: list[float]) -> tuple[list[float], list[bool]]:
    """:func:`_project` on a list of floats, in plain Python (faster than numpy calls on short vectors).

    The same floating-point operations in the same order as the numpy
    formulation (descending sort, running sums, ``s_k - (c_k - 1) / k``), so
    the same bits: Held, Wolfe & Crowder (1974), Duchi et al. (2008).
    """
    if not all(map(math.isfinite, z)):
        return [math.nan] * len(z), [True] * len(z)
    c = 0.0
    rho = 1
    v = 0.0
    for k, x in enumerate(sorted(z, reverse=True), 1):
        c += x
        css = c - 1.0
        if x - css / k > 0:
            rho, v = k, css
        elif k == 1:
            v = css
    v = v / rho
    mask = [x - v > 0 for x in z]
    if not any(mask):  # rounding at huge |z|
        top = max(range(len(z)), key=z.__getitem__)
        mask[top] = True
        return [1.0 if m else 0.0 for m in mask], mask
    return [max(x - v, 0.0) for x in z], mask


class _GW:
    """``F(z, t) = z - r(z) - V(r(z)) - t * b`` in Kohlberg-Mertens coordinates ``z``.

    ``r`` projects each player's block of ``z`` onto its simplex; a zero of F is
    an equilibrium ``r(z)`` of the game in which player i earns a bonus
    ``t * b_ij`` for strategy j. ``F`` is smooth inside each *cell* (a fixed
    support of ``r(z)``) and continuous across cells.
    """

    def __init__(self, u: np.ndarray, shape: tuple[int, ...], bonus: np.ndarray):
        self.u = u
        self.off = offsets_of(shape)
        self.N = int(self.off[-1])
        self.b = bonus
        self.eye = np.eye(self.N)
        self.dr_blocks: dict[bytes, np.ndarray] = {}  # the block of Dr for a support mask
        self._cells: dict[bytes, bytes] = {}  # cell keys of recent points
        self._projs: dict[bytes, list[tuple[list[float], list[bool]]]] = {}  # projections of recent points
        self.bcol = -bonus[:, None]
        bounds = [(int(a), int(b)) for a, b in zip(self.off[:-1], self.off[1:])]
        self.bounds = bounds
        # dV_i/dsigma_k is u[i] contracted with every sigma_m, m != i, k. All blocks at once: row
        # block (i, k) of a matrix holds u[i] with axes i, k first and the others flattened, in the
        # column block of the pair {i, k}; times the stacked Kronecker products of the other
        # players' strategies (one per pair), it gives every block in one matrix product.
        n = len(shape)
        pairs = [(i, k) for i in range(n) for k in range(i + 1, n)]
        rests = [[m for m in range(n) if m not in pr] for pr in pairs]
        widths = [int(np.prod([shape[m] for m in r], dtype=np.int64)) for r in rests]
        cols = np.concatenate([[0], np.cumsum(widths)]).astype(np.int64)
        rows = sum(shape[i] * shape[k] for i in range(n) for k in range(n) if k != i)
        self.small = n > 1 and rows * int(cols[-1]) <= BIG_MATRIX
        self.pair_rests = rests
        if self.small:
            big = np.zeros((rows, int(cols[-1])))
            target = np.empty(rows, dtype=np.int64)
            r0 = 0
            for pidx, (i0, k0) in enumerate(pairs):
                for i, k in ((i0, k0), (k0, i0)):
                    blk = np.moveaxis(u[i], (i, k), (0, 1)).reshape(shape[i] * shape[k], -1)
                    big[r0 : r0 + blk.shape[0], cols[pidx] : cols[pidx + 1]] = blk
                    a = np.arange(shape[i])[:, None] + int(self.off[i])
                    c = np.arange(shape[k])[None, :] + int(self.off[k])
                    target[r0 : r0 + blk.shape[0]] = (a * self.N + c).ravel()
                    r0 += blk.shape[0]
            self.big = big
            self.target = target
            # V_i = dV_i/dsigma_k0 sigma_k0 with k0 = 1 for player 0, else 0
            self.v_rows0 = np.zeros(self.N, dtype=bool)
            self.v_rows0[bounds[0][0] : bounds[0][1]] = True
        letters = [chr(ord("a") + m) if m < 26 else chr(ord("A") + m - 26) for m in range(n)]
        self.blocks: list[tuple[int, int, str, list[int]]] = []
        for i in range(n):
            for k in range(n):
                if k != i:
                    rest = [m for m in range(n) if m not in (i, k)]
                    sub = "".join(letters) + "".join("," + letters[m] for m in rest) + "->" + letters[i] + letters[k]
                    self.blocks.append((i, k, sub, rest))

    def values_and_jacobian(self, sig: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Strategy values ``V`` and their Jacobian ``dV/dsigma``: one matrix product (one einsum per block for big games)."""
        if len(sig) == 1:
            return np.array(self.u[0], dtype=np.float64), np.zeros((self.N, self.N))
        if self.small:
            krons = []
            for rest in self.pair_rests:
                x = np.ones(1)
                for m in rest:
                    x = np.multiply.outer(x, sig[m]).ravel()
                krons.append(x)
            flat = np.zeros(self.N * self.N)
            flat[self.target] = self.big @ np.concatenate(krons)
            DV = flat.reshape(self.N, self.N)
            (a0, b0), (a1, b1) = self.bounds[0], self.bounds[1]
            V = np.where(self.v_rows0, DV[:, a1:b1] @ sig[1], DV[:, a0:b0] @ sig[0])
            return V, DV
        return self._values_and_jacobian_einsum(sig)

    def _values_and_jacobian_einsum(self, sig: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`values_and_jacobian` with one einsum per block (games too big for the one matrix)."""
        DV = np.zeros((self.N, self.N))
        V = np.empty(self.N)
        bounds = self.bounds
        for i, k, sub, rest in self.blocks:
            blk = np.einsum(sub, self.u[i], *[sig[m] for m in rest])
            (a, b), (c, d) = bounds[i], bounds[k]
            DV[a:b, c:d] = blk
            if k == (1 if i == 0 else 0):
                V[a:b] = blk @ sig[k]
        return V, DV

    def _projections(self, z: np.ndarray) -> list[tuple[list[float], list[bool]]]:
        """Each player's :func:`_project_list` of *z*; those of the last few points are kept.

        The tracer asks for the cell of a new point and then evaluates ``F``
        there: the projections are computed once for both.
        """
        zb = z.tobytes()
        out = self._projs.get(zb)
        if out is None:
            if len(self._projs) >= 8:
                self._projs.clear()
            zl = z.tolist()
            out = self._projs[zb] = [_project_list(zl[a:b]) for a, b in self.bounds]
        return out

    def sigma(self, z: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        sig, sup = [], []
        for s, m in self._projections(z):
            sig.append(np.array(s))
            sup.append(np.array(m, dtype=bool))
        return sig, sup

    def _key(self, z: np.ndarray) -> bytes:
        return bytes(m for _, ms in self._projections(z) for m in ms)

    def _forced(self, z: np.ndarray, sup: list[np.ndarray]) -> list[np.ndarray]:
        """The smooth extension of ``r`` from the cell of support *sup* (may leave the simplex)."""
        out = []
        for zk, m in zip(split(z, self.off), sup):
            s = np.zeros(zk.size)
            v = (zk[m].sum() - 1.0) / m.sum()
            s[m] = zk[m] - v
            out.append(s)
        return out

    def __call__(self, w: np.ndarray, sup: list[np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
        z, t = w[:-1], w[-1]
        if not np.isfinite(w).all():
            return np.full(self.N, np.nan), np.full((self.N, self.N + 1), np.nan)
        if sup is None:
            sig, sup = self.sigma(z)
        else:
            sig = self._forced(z, sup)
        V, DV = self.values_and_jacobian(sig)
        s = np.concatenate(sig)
        F = z - s - V - t * self.b
        Dr = np.zeros((self.N, self.N))
        for (a, b), m in zip(self.bounds, sup):
            key = m.tobytes()
            blk = self.dr_blocks.get(key)
            if blk is None:
                blk = self.dr_blocks[key] = np.where(np.outer(m, m), np.eye(b - a) - 1.0 / int(m.sum()), 0.0)
            Dr[a:b, a:b] = blk
        eye = self.eye
        J = np.empty((self.N, self.N + 1))
        J[:, :-1] = eye - (eye + DV) @ Dr
        J[:, -1:] = self.bcol
        return F, J

    def cross(self, w: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray, float] | None:
        """Continue the curve past the cell boundary that it reaches from *w* along *t*.

        The boundary point is located along *t* by bisection on the cell.
        Past it the curve lies in a neighbouring cell (the support of ``r``
        gains or loses a strategy, or several do at once): the one found just
        beyond the boundary along *t*, or one of the supports that differ from
        the current one by a strategy. For each, the curve's smooth extension
        from that cell (the zeros of ``F`` with ``r`` replaced by its affine
        formula on that support) is found by Newton's method from the boundary
        point; a ray along its tangent that goes *into* the cell is the
        continuation. Returns a point on it inside the cell, its tangent and
        the orientation sign ``sign(det [J; t])``, or None.
        """
        here = self.cell(w)
        scale = 1.0 + float(np.abs(w).max())
        lo, hi = 0.0, None
        for k in range(12, 1, -1):
            s = 10.0**-k * scale
            if self.cell(w + s * t) != here:
                hi = s
                break
            lo = s
        if hi is None:
            return None
        for _ in range(40):
            mid = 0.5 * (lo + hi)
            if self.cell(w + mid * t) == here:
                lo = mid
            else:
                hi = mid
        b = w + hi * t
        _, bsup = self.sigma(b[:-1])
        _, hsup = self.sigma(w[:-1])
        cells = [bsup]
        for k, m in enumerate(hsup):
            for j in range(m.size):
                if m[j] and m.sum() == 1:
                    continue
                nb = [x.copy() for x in hsup]
                nb[k][j] = not nb[k][j]
                if np.concatenate(nb).tobytes() != np.concatenate(bsup).tobytes():
                    cells.append(nb)
        best = None
        for rank, sup in enumerate(cells):
            if rank > 0 and best is not None and not best[0]:
                break  # a continuation into the cell found beyond the boundary beats every other cell's
            x = self._extend(b, sup, scale)
            if x is None or np.linalg.norm(x - b) > 1e-4 * scale:
                continue  # this cell's piece of the curve does not pass through the boundary point
            _, J = self(x, sup)
            tn = np.linalg.qr(J.T, mode="complete")[0][:, self.N]
            key = np.concatenate(sup).tobytes()
            for sgn in (1.0, -1.0):
                d = sgn * tn
                for h in (1e-9, 1e-7, 1e-5):
                    y = self._extend(x + h * scale * d, sup, scale)
                    if y is not None and self.cell(y) == key and 0.5 * h * scale < np.linalg.norm(y - x) < 2 * h * scale:
                        cand = (rank > 0, -float(d @ t), y, d, J)
                        if best is None or cand[:2] < best[:2]:
                            best = cand
                        break
        if best is None:
            return None
        _, _, y, d, J = best
        det = float(np.linalg.det(np.vstack([J, d])))
        return y, d, (np.sign(det) if det != 0 else 1.0)

    def _extend(self, w: np.ndarray, cell: list[np.ndarray], scale: float) -> np.ndarray | None:
        """The nearest zero of the smooth extension of ``F`` from *cell*, by min-norm Newton from *w*."""
        x: np.ndarray = w.copy()
        for _ in range(20):
            F, J = self(x, cell)
            Q, R = np.linalg.qr(J.T)  # reduced: the N columns that span the rows of J
            try:
                zz = np.linalg.solve(R.T, F)
            except np.linalg.LinAlgError:
                return None
            dx = Q @ zz
            x = x - dx
            if not np.isfinite(x).all():
                return None
            if np.linalg.norm(dx) <= 1e-13 * scale:
                return x
        return None

    def frac(self, w: np.ndarray, wp: np.ndarray) -> float:
        """The fraction of the chord from *w* to *wp* at which it first leaves the cell of *w*.

        In a cell of support ``S`` the margins ``z_j - (sum_S z - 1) / |S|`` are
        affine in ``z`` (positive on ``S``, not positive off it), so along the
        chord each changes sign at a fraction found by linear interpolation.
        """
        z0, z1 = w[:-1], wp[:-1]
        _, sup = self.sigma(z0)
        f = 1.0
        for (a, b), m in zip(self.bounds, sup):
            k = int(m.sum())
            m0 = z0[a:b] - (z0[a:b][m].sum() - 1.0) / k
            m1 = z1[a:b] - (z1[a:b][m].sum() - 1.0) / k
            hit = np.where(m, m1 <= 0.0, m1 > 0.0) & (m0 != m1)
            if hit.any():
                f = min(f, float((m0[hit] / (m0[hit] - m1[hit])).min()))
        return min(max(f, 0.0), 1.0)

    def cell(self, w: np.ndarray) -> bytes:
        """A key of the cell (support of ``r``) that contains *w*.

        The tracer asks again for the cell of its current point at every step:
        the last few answers are kept (the same key, computed once).
        """
        wb = w.tobytes()
        key = self._cells.get(wb)
        if key is None:
            if len(self._cells) >= 8:
                self._cells.clear()
            key = self._cells[wb] = self._key(w[:-1])
        return key



def global_newton(
    game: NormalFormGame,
    *,
    tol: float | None = None,
    bonus: Any = None,
    rng: int | np.random.Generator | None = None,
    max_steps: int = 6_000,
    restarts: int = 2,
    max_time: float | None = MAX_TIME_LIMIT,
) -> EquilibriumResult:
    r"""One Nash equilibrium of an n-player game by the global Newton method.

    The game is perturbed by giving each player ``i`` a bonus :math:`t\,b_{ij}`
    for its strategy ``j``; for :math:`t` large enough the perturbed game has
    a unique equilibrium (each player's bonus strategy is dominant). The
    method follows the curve of equilibria of the perturbed games as
    :math:`t` decreases to 0, where it ends at an equilibrium of the game.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    tol : float, optional
        Largest *relative* regret (regret over the player's payoff range) of
        the returned equilibrium. Default
        ``DEFAULT_TOL`` (``1e-9``).
    bonus : sequence of int, optional
        The pure strategy that gets the bonus, one per player. Default: each
        player's best reply to the centroid for the first attempt, random
        (from *rng*) for restarts.
    rng : None, int or numpy.random.Generator
        Randomness for the bonus strategies of restarts.
    max_steps : int, default 6000
        Continuation steps per attempt (at least 1).
    restarts : int, default 2
        Further attempts, with other bonus strategies, if a trace fails.
    max_time : float or None, optional
        Seconds to spend over all attempts. Default: the ``max_time`` limit
        (:func:`gametheory_af.get_limits`, itself ``None`` unless set); None
        means no time limit.

    Returns
    -------
    EquilibriumResult
        ``method="global_newton"``, ``complete=False``, one equilibrium
        (``converged=True``) or none (``converged=False``). ``n_iter`` counts
        continuation steps over all attempts.

    Warns
    -----
    ConvergenceWarning
        When no attempt produced an equilibrium with relative regret
        ``<= tol`` (the trace failed, *max_steps* or *max_time* ran out).

    Raises
    ------
    GameError
        For an invalid tol, bonus, max_steps, restarts, max_time or rng
        (TypeError for one of the wrong type).

    Notes
    -----
    The method runs on the payoffs normalised per player to ``[0, 1]``
    (:ref:`tolerances`), so its answer does not change when a
    player's payoffs are scaled or shifted. In Kohlberg-Mertens coordinates
    :math:`z` (with :math:`\sigma = r(z)` the projection of :math:`z` on the
    product of simplices) the equilibria of the perturbed game are the zeros
    of :math:`F(z, t) = z - r(z) - V(r(z)) - t b`, where :math:`V_{ij}` is the
    payoff of pure strategy ``j`` to player ``i``. :math:`F` is piecewise
    smooth, and for generic games its zero set from the unique solution at
    large :math:`t` is a curve that must cross :math:`t = 0`. The curve is
    followed by predictor-corrector continuation, oriented by the sign of the
    augmented Jacobian's determinant (the index argument of Govindan &
    Wilson 2003), so it passes turning points where :math:`t` increases
    again. Where the curve crosses from one support cell into another it can
    bend sharply; the tracer then continues it explicitly from the next cell
    (its tangent oriented into that cell). The point at :math:`t = 0` is
    polished by Newton's method on its support's indifference system and
    certified by its regret. Degenerate games can make the curve branch; a
    failed trace is retried with another bonus.

    References
    ----------
    Govindan, S. & Wilson, R. (2003). A global Newton method to compute Nash
    equilibria. *Journal of Economic Theory* 110, 65-86.
    Kohlberg, E. & Mertens, J.-F. (1986). On the strategic stability of
    equilibria. *Econometrica* 54, 1003-1037.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.global_newton import global_newton
    >>> res = global_newton(gt.catalog.jordan_game())
    >>> res.converged, [p.tolist() for p in res.equilibria[0].profile]
    (True, [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]])
    """
    prep = check_game_and_tol(game, tol, "global_newton")
    tol = prep.tol
    max_steps = check_int(max_steps, "max_steps", "global_newton", minimum=1)
    restarts = check_int(restarts, "restarts", "global_newton", minimum=0)
    gen = check_rng(rng, "global_newton")
    budget = check_max_time(max_time, "global_newton")
    u = prep.un
    shape = game.shape
    n = game.n_players
    off = offsets_of(shape)
    centroid = [np.full(s, 1.0 / s) for s in shape]
    if bonus is None:
        V0, _ = values_and_jacobian(u, centroid, off)
        first = [int(np.argmax(v)) for v in split(V0, off)]
    else:
        if isinstance(bonus, (str, bytes)) or not hasattr(bonus, "__len__"):
            raise GameError(f"global_newton: bonus must name one strategy per player; got {bonus!r}.")
        if len(bonus) != n:
            raise GameError(f"global_newton: bonus must name one strategy per player ({n}); got {bonus!r}.")
        try:
            first = [game.strategy_index(k, b) for k, b in enumerate(list(bonus))]
        except TypeError:
            raise GameError(f"global_newton: bonus must name one strategy per player; got {bonus!r}.") from None
    params = {
        "tol": float(tol),
        "bonus": tuple(first),
        "max_steps": max_steps,
        "restarts": restarts,
        "max_time": budget,
    }
    clock = Clock(budget)
    total_steps = 0
    attempts = [first] + [[int(gen.integers(s)) for s in shape] for _ in range(restarts)]
    timed_out = False
    for pure in attempts:
        if clock.expired():
            timed_out = True
            break
        sol, steps, timed_out = _attempt(u, shape, pure, tol, max_steps, clock)
        total_steps += steps
        _log.debug(
            "global_newton: trace from bonus strategies %s: %d steps, %s",
            pure, steps, "timed out" if timed_out else "ended" if sol is not None else "no solution",
        )
        if sol is not None:
            eq = certified(game, sol, tol)
            if eq is not None:
                return EquilibriumResult(
                    game=game,
                    equilibria=(eq,),
                    method="global_newton",
                    complete=False,
                    parameters=params,
                    converged=True,
                    n_iter=total_steps,
                )
        if timed_out:
            break
    why = f"the time limit of {budget:g} s ran out" if timed_out else f"{len(attempts)} attempt(s) failed"
    warnings.warn(
        f"global_newton: no equilibrium with relative regret <= {tol:g} found: {why} ({total_steps} steps).",
        ConvergenceWarning,
        stacklevel=2,
    )
    return EquilibriumResult(
        game=game,
        equilibria=(), method="global_newton", complete=False, parameters=params, converged=False, n_iter=total_steps
    )


def _attempt(
    u: np.ndarray, shape: tuple[int, ...], pure: list[int], tol: float, max_steps: int, clock: Clock
) -> tuple[list[np.ndarray] | None, int, bool]:
    """One trace from the bonus strategies *pure* on normalised payoffs *u*: (solution or None, steps, timed out)."""
    off = offsets_of(shape)
    # the bonus of the pure strategies plus a small fixed generic perturbation: a pure bonus alone
    # ties the perturbed game at some t in symmetric games (rock-paper-scissors), where the curve
    # meets several cell boundaries at once; the generic part keeps the curve generic (Govindan &
    # Wilson perturb by a generic vector) and the bonus strategies dominant at t = 3
    b = 0.01 * np.random.default_rng(20030101).random(int(off[-1]))
    for k, j in enumerate(pure):  # j, not a: a is a path point (an array) below
        b[off[k] + j] = 1.0
    gw = _GW(u, shape, b)
    t0 = 3.0  # normalised payoffs span at most [0, 1]: at t > 2 the bonus strategies are dominant
    sig0 = [np.eye(s)[a] for s, a in zip(shape, pure)]
    V0, _ = values_and_jacobian(u, sig0, off)
    z0 = np.concatenate(sig0) + V0 + t0 * b
    w0 = np.concatenate([z0, [t0]])
    direction = np.zeros(w0.size)
    direction[-1] = -1.0

    def stop(prev: np.ndarray, w: np.ndarray) -> bool:
        return bool(w[-1] <= 0.0)

    tr = trace_path(
        gw,
        w0,
        direction,
        stop,
        first_step=0.05,
        max_step=0.5,
        accel=1.5,
        max_steps=max_steps,
        min_cos=-1.0,
        corrector_tol=1e-12,
        clock=clock,
        kink=gw.cross,
        cell=gw.cell,
        cell_step=1e-4,
        frac=gw.frac,
        null_and_solve=fast_null_and_solve,
    )
    if not tr.ok or len(tr.points) < 2:
        return None, tr.steps, tr.timed_out
    a, c = tr.points[-2], tr.points[-1]
    steps = tr.steps
    # a long last step can cross t = 0 over a kink, where interpolation misses the end point:
    # trace the last stretch again from its start with shorter steps until the crossing is short
    for _ in range(12):
        gap = float(np.linalg.norm(c - a))
        if gap <= 1e-6 or a[-1] <= 0.0:
            break
        sub = trace_path(
            gw,
            a,
            c - a,
            stop,
            first_step=gap / 8,
            max_step=gap / 8,
            accel=1.0,
            max_steps=64,
            min_cos=-1.0,
            corrector_tol=1e-12,
            clock=clock,
            kink=gw.cross,
            cell=gw.cell,
            null_and_solve=fast_null_and_solve,
        )
        steps += sub.steps
        if not sub.ok or len(sub.points) < 2:
            break
        a, c = sub.points[-2], sub.points[-1]
    f = a[-1] / (a[-1] - c[-1]) if a[-1] != c[-1] else 1.0
    z = a[:-1] + f * (c[:-1] - a[:-1])
    starts = []
    with np.errstate(all="ignore"):
        for _ in range(30):
            F, J = gw(np.concatenate([z, [0.0]]))
            if not np.isfinite(J).all():
                break
            try:
                dz = np.linalg.solve(J[:, :-1], F)
            except np.linalg.LinAlgError:
                break
            if not np.isfinite(dz).all():
                break
            z = z - dz
            if np.abs(dz).max() < 1e-14:
                starts.append(z)
                break
    # the crossing may lie in a cell of different support than its neighbours:
    # polish from the t = 0 point and from both path points around it
    starts += [a[:-1] + f * (c[:-1] - a[:-1]), c[:-1], a[:-1]]
    sol = None
    for zz in starts:
        if not np.isfinite(zz).all():
            continue
        sig, _ = gw.sigma(zz)
        sol = polish(u, sig, tol)
        if sol is not None:
            break
    return sol, steps, False
