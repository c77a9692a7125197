"""Private helpers for the n-player solvers: payoff contractions, support Newton, path tracing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from .._jit import njit
from .._limits import Clock
from .._tolerance import DEFAULT_TOL, float_resolves, normalized_payoffs
from .._validation import check_tol
from ..exceptions import GameError
from ..game import NormalFormGame
from ..profiles import profile_regrets
from ..result import Equilibrium, make_equilibrium


class Prepared(NamedTuple):
    """A checked game as the n-player solvers use it (see :func:`check_game_and_tol`)."""

    u: np.ndarray
    """The payoffs in the caller's units."""
    un: np.ndarray
    """The payoffs normalised per player onto ``[0, 1]``: regrets in them are relative regrets."""
    span: np.ndarray
    """Each player's payoff range (1 for a constant player)."""
    tol: float
    """The tolerance on relative regret."""
    resolves: bool
    """Whether float64 resolves every player's payoffs (:func:`~gametheory_af._tolerance.float_resolves`)."""


def check_game_and_tol(game: Any, tol: Any, caller: str) -> Prepared:
    """Validate an n-player solver's game and tolerance; normalise the payoffs per player.

    The tolerance is on *relative* regret (regret over the player's payoff
    range, :mod:`gametheory_af._tolerance`) and defaults to
    :data:`~gametheory_af._tolerance.DEFAULT_TOL`. Solvers work on
    ``Prepared.un``, where every player's payoffs span ``[0, 1]``, so a regret
    computed there *is* a relative regret and ``tol`` applies to it directly.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.NormalFormGame([[[1e9, 3e9]], [[-1.0, 1.0]]])
    >>> p = check_game_and_tol(g, None, "f")
    >>> p.un.tolist(), p.span.tolist(), p.tol
    ([[[0.0, 1.0]], [[0.0, 1.0]]], [2000000000.0, 2.0], 1e-09)
    """
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"{caller}: game must be a NormalFormGame; got {type(game).__name__}.")
    tol = DEFAULT_TOL if tol is None else check_tol(tol, caller)
    u = game.payoffs
    un, _, span = normalized_payoffs(u)
    return Prepared(u=u, un=un, span=span, tol=float(tol), resolves=float_resolves(u))


def certified(game: NormalFormGame, profile: Sequence[np.ndarray], tol: float) -> Equilibrium | None:
    """The equilibrium at *profile* when its relative regret is at most *tol*, else None."""
    eq = make_equilibrium(game, profile)
    return eq if eq.relative_regret <= tol else None


def contract_except(t: np.ndarray, sigma: Sequence[np.ndarray], keep: Sequence[int]) -> np.ndarray:
    """Contract the strategy axes of the tensor *t* (one axis per player) with *sigma*, except *keep*."""
    for m in sorted(set(range(len(sigma))) - set(keep), reverse=True):
        t = (t if m == t.ndim - 1 else np.moveaxis(t, m, -1)) @ sigma[m]
    return t


def strategy_values(u: np.ndarray, sigma: Sequence[np.ndarray]) -> list[np.ndarray]:
    """``V[i][j]``: player i's payoff from pure strategy j against the others' mixed strategies."""
    return [contract_except(u[i], sigma, [i]) for i in range(len(sigma))]


def value_jacobian(u: np.ndarray, sigma: Sequence[np.ndarray], offsets: np.ndarray) -> np.ndarray:
    """The (N, N) matrix of ``dV[i][j] / d sigma[k][l]`` (zero diagonal blocks)."""
    n = len(sigma)
    N = int(offsets[-1])
    out = np.zeros((N, N))
    for i in range(n):
        for k in range(n):
            if k == i:
                continue
            blk = contract_except(u[i], sigma, [i, k])
            if i > k:
                blk = blk.T
            out[offsets[i] : offsets[i + 1], offsets[k] : offsets[k + 1]] = blk
    return out


def values_and_jacobian(
    u: np.ndarray, sigma: Sequence[np.ndarray], offsets: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Stacked strategy values ``V`` (N,) and their Jacobian ``dV/dsigma`` (N, N) in one pass."""
    n = len(sigma)
    N = int(offsets[-1])
    out = np.zeros((N, N))
    V = np.zeros(N)
    for i in range(n):
        if n == 1:
            V[offsets[0] : offsets[1]] = u[0]
            continue
        for k in range(n):
            if k == i:
                continue
            blk = contract_except(u[i], sigma, [i, k])
            if i > k:
                blk = blk.T
            out[offsets[i] : offsets[i + 1], offsets[k] : offsets[k + 1]] = blk
        k0 = 0 if i != 0 else 1
        V[offsets[i] : offsets[i + 1]] = out[offsets[i] : offsets[i + 1], offsets[k0] : offsets[k0 + 1]] @ sigma[k0]
    return V, out


def offsets_of(shape: Sequence[int]) -> np.ndarray:
    """Start of each player's block in a stacked vector of all strategies."""
    return np.concatenate([[0], np.cumsum(shape)]).astype(np.int64)


def split(x: np.ndarray, offsets: np.ndarray) -> list[np.ndarray]:
    """A stacked vector as one array per player."""
    return [x[offsets[k] : offsets[k + 1]] for k in range(len(offsets) - 1)]


def regret(u: np.ndarray, sigma: Sequence[np.ndarray]) -> float:
    """Largest regret of any player at a (float) profile."""
    return float(profile_regrets(u, list(sigma)).max())


def support_newton(
    u: np.ndarray, sigma: Sequence[np.ndarray], support: Sequence[np.ndarray], *, iters: int = 30
) -> list[np.ndarray] | None:
    """Newton's method on the indifference system of a support profile, from *sigma*.

    Unknowns are the probabilities of the support strategies; equations say that
    each player's support strategies earn the same and its probabilities sum to 1.
    Returns the solution (probabilities outside the support are 0), or None.
    """
    n = len(sigma)
    shape = [len(s) for s in sigma]
    off = offsets_of(shape)
    idx = np.concatenate([off[k] + np.asarray(support[k], dtype=np.int64) for k in range(n)])
    x = np.concatenate(sigma)
    mask = np.zeros(off[-1], dtype=bool)
    mask[idx] = True
    x = np.where(mask, x, 0.0)
    for k in range(n):
        blk = x[off[k] : off[k + 1]]
        tot = blk.sum()
        if tot <= 0:
            blk[np.asarray(support[k])] = 1.0 / len(support[k])
        else:
            blk /= tot
    for _ in range(iters):
        sig = split(x, off)
        Vs, DV = values_and_jacobian(u, sig, off)
        V = split(Vs, off)
        rows_f, rows_j = [], []
        for k in range(n):
            sk = np.asarray(support[k])
            ref = off[k] + sk[0]
            for j in sk[1:]:
                rows_f.append(V[k][j] - V[k][sk[0]])
                rows_j.append((DV[off[k] + j] - DV[ref])[idx])
            rows_f.append(x[off[k] : off[k + 1]].sum() - 1.0)
            e = np.zeros(off[-1])
            e[off[k] : off[k + 1]] = 1.0
            rows_j.append(e[idx])
        F = np.array(rows_f)
        J = np.array(rows_j)
        try:
            dx = np.linalg.solve(J, F)
        except np.linalg.LinAlgError:
            dx = np.linalg.lstsq(J, F, rcond=None)[0]
        x[idx] -= dx
        if not np.isfinite(x).all():
            return None
        if np.abs(dx).max(initial=0.0) < 1e-15:
            break
    return split(x.copy(), off)


def polish(u: np.ndarray, sigma: Sequence[np.ndarray], tol: float, *, near: float = np.inf) -> list[np.ndarray] | None:
    """An exact-support equilibrium near an approximate one, certified by its regret, or None.

    Candidate supports are read off *sigma* at several thresholds and from the
    best responses; for each, Newton's method solves the indifference system.
    The first solution that is a probability profile with regret <= *tol* and
    lies within *near* of *sigma* is returned.
    """
    V = strategy_values(u, sigma)
    cands: list[list[np.ndarray]] = []
    for thr in (1e-3, 1e-5, 1e-8, 1e-2, 3e-2, 1e-1):
        sup = [np.flatnonzero(s > thr * s.max()) for s in sigma]
        if not any(all(np.array_equal(a, b) for a, b in zip(sup, c)) for c in cands):
            cands.append(sup)
    for gap in (1e-6, 1e-3, 1e-2, 3e-2):
        rng_ = [max(1e-300, float(np.ptp(v))) for v in V]
        sup = [np.flatnonzero(v >= v.max() - gap * r) for v, r in zip(V, rng_)]
        if not any(all(np.array_equal(a, b) for a, b in zip(sup, c)) for c in cands):
            cands.append(sup)
    for sup in cands:
        sol = support_newton(u, sigma, sup)
        if sol is None:
            continue
        if min(float(s.min()) for s in sol) < -1e-12:
            continue
        sol = [np.clip(s, 0.0, None) / np.clip(s, 0.0, None).sum() for s in sol]
        if regret(u, sol) <= tol and max(float(np.abs(a - b).max()) for a, b in zip(sol, sigma)) <= near:
            return sol
    return None


# ---------------------------------------------------------------------- path tracing
@dataclass
class Trace:
    """What :func:`trace_path` returns."""

    points: list[np.ndarray] = field(default_factory=list)
    ok: bool = True
    steps: int = 0
    reason: str = ""
    timed_out: bool = False
    kinks: int = 0


def _null_and_solve(J: np.ndarray, H: np.ndarray | None) -> tuple[np.ndarray, np.ndarray | None, float]:
    """Unit tangent (kernel of the N x (N+1) Jacobian), and either the min-norm Newton step for *H*
    (determinant reported as 0.0, unused) or, without *H*, ``det([J; t])``."""
    N = J.shape[0]
    Q, R = np.linalg.qr(J.T, mode="complete")
    t = Q[:, N]
    step = None
    if H is not None:
        Rn = R[:N, :N]
        try:
            z = np.linalg.solve(Rn.T, H)
        except np.linalg.LinAlgError:
            z = np.linalg.lstsq(Rn.T, H, rcond=None)[0]
        step = Q[:, :N] @ z
    if H is not None:  # the corrector only needs the step: skip the determinant
        return t, step, 0.0
    det = float(np.linalg.det(np.vstack([J, t])))
    return t, step, det


def _householder_null(J: np.ndarray, H: np.ndarray, want_step: bool) -> tuple[np.ndarray, np.ndarray, float, bool]:
    """:func:`_null_and_solve` by Householder QR of ``J.T`` in plain loops (compiled by numba).

    ``J.T = Q R`` with ``Q = P_0 ... P_(N-1)`` (Householder reflections): the
    last column of ``Q`` spans the kernel of ``J``; the min-norm solution of
    ``J dw = H`` is ``Q [R_N^-T H; 0]``; and ``[J; t] = diag(R_N^T, 1) Q^T``
    gives ``det([J; t]) = prod(diag R_N) * (-1)^(reflections)`` (Golub &
    Van Loan 2013, sec. 5.2). Returns (t, step, det, ok); ok is False when
    ``R_N`` has a zero pivot (the caller then uses the LAPACK route).
    """
    n = J.shape[0]
    m = n + 1
    A = J.T.copy()
    V = np.zeros((m, n))
    det = 1.0
    for k in range(n):
        nrm = 0.0
        for i in range(k, m):
            nrm += A[i, k] * A[i, k]
        nrm = np.sqrt(nrm)
        if nrm == 0.0:
            return np.zeros(m), np.zeros(m), 0.0, False
        alpha = -nrm if A[k, k] >= 0.0 else nrm
        vn = 0.0
        for i in range(k, m):
            V[i, k] = A[i, k]
        V[k, k] -= alpha
        for i in range(k, m):
            vn += V[i, k] * V[i, k]
        vn = np.sqrt(vn)
        for i in range(k, m):
            V[i, k] /= vn
        for j in range(k, n):
            d = 0.0
            for i in range(k, m):
                d += V[i, k] * A[i, j]
            for i in range(k, m):
                A[i, j] -= 2.0 * d * V[i, k]
        det *= -A[k, k]  # each reflection has determinant -1
    t = np.zeros(m)
    t[n] = 1.0
    for k in range(n - 1, -1, -1):
        d = 0.0
        for i in range(k, m):
            d += V[i, k] * t[i]
        for i in range(k, m):
            t[i] -= 2.0 * d * V[i, k]
    step = np.zeros(m)
    if want_step:
        for k in range(n):  # R_N^T z = H: forward substitution
            d = H[k]
            for i in range(k):
                d -= A[i, k] * step[i]
            step[k] = d / A[k, k]
        for k in range(n - 1, -1, -1):
            d = 0.0
            for i in range(k, m):
                d += V[i, k] * step[i]
            for i in range(k, m):
                step[i] -= 2.0 * d * V[i, k]
    return t, step, det, True


_COMPILED: list[Any] = []


def _compiled_null() -> Any:
    """The numba-compiled :func:`_householder_null`, or None without numba."""
    if not _COMPILED:
        jit = njit(error_model="numpy")
        _COMPILED.append(None if jit is None else jit(_householder_null))
    return _COMPILED[0]


def fast_null_and_solve(J: np.ndarray, H: np.ndarray | None) -> tuple[np.ndarray, np.ndarray | None, float]:
    """:func:`_null_and_solve` compiled by numba (the same quantities, other rounding); LAPACK without numba.

    Small Jacobians spend most of :func:`_null_and_solve` in numpy's call
    overhead; one compiled Householder pass has none. Falls back to
    :func:`_null_and_solve` without numba, for non-finite input or a zero pivot.
    """
    kern = _compiled_null()
    if kern is None or not np.isfinite(J).all() or (H is not None and not np.isfinite(H).all()):
        return _null_and_solve(J, H)
    t, step, det, ok = kern(
        np.ascontiguousarray(J, dtype=np.float64), np.zeros(J.shape[0]) if H is None else H, H is not None
    )
    if not ok:
        return _null_and_solve(J, H)
    return t, (step if H is not None else None), (0.0 if H is not None else float(det))


# Far out on a path (or after a wild predictor) numpy overflows: non-finite values are
# handled as failed steps, so numpy's warnings would only alarm the caller.
@np.errstate(over="ignore", invalid="ignore", divide="ignore")
def trace_path(
    fun: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
    w0: np.ndarray,
    direction: np.ndarray,
    stop: Callable[[np.ndarray, np.ndarray], bool],
    *,
    first_step: float = 0.03,
    max_step: float = 1e6,
    min_step: float = 1e-12,
    accel: float = 1.5,
    max_steps: int = 20_000,
    corrector_tol: float = 1e-10,
    min_cos: float = 0.2,
    orient: str = "det",
    record: bool = True,
    clock: Clock | None = None,
    kink: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray, float] | None] | None = None,
    kink_step: float = 1e-9,
    cell: Callable[[np.ndarray], Any] | None = None,
    cell_step: float = 1e-6,
    frac: Callable[[np.ndarray, np.ndarray], float] | None = None,
    null_and_solve: Callable[
        [np.ndarray, np.ndarray | None], tuple[np.ndarray, np.ndarray | None, float]
    ] = _null_and_solve,
) -> Trace:
    """Follow the curve ``fun(w)[0] = 0`` (``w`` in R^(N+1)) from *w0* by predictor-corrector continuation.

    Euler predictor along the unit tangent, Newton corrector with the
    Moore-Penrose pseudo-inverse, step-size adaptation (Allgower & Georg 1990,
    ch. 2 and 6). The tangent's orientation is kept by the sign of
    ``det([J; t])`` (``orient="det"``), so turning points in any coordinate
    are passed, or by continuing in the direction of the previous tangent
    (``orient="dot"``), which also steps through simple bifurcation points,
    where the determinant changes sign. *stop*
    gets the previous and the new point and ends the trace by returning True.

    A piecewise smooth curve can bend at a cell boundary so sharply that no
    predictor along the old tangent can be corrected onto its continuation:
    the step size then shrinks toward the kink without passing it. When the
    step falls below *kink_step*, ``kink(w, t)`` (if given) is asked for a point
    on the continuation beyond the kink, its tangent and the orientation sign
    there, and tracing resumes from it. With ``cell(w)`` (a key of the smooth
    piece that contains ``w``), a step that changes the cell is retried with
    half the step until it is shorter than *cell_step*; the crossing is then
    handed to *kink*. This keeps a long step from cutting a corner across
    several pieces onto another part of the curve. *clock* (a :class:`Clock`)
    stops the trace when it expires (``timed_out``).

    With ``frac(w, wp)`` (the fraction of the chord from ``w`` to ``wp`` at
    which it leaves the cell of ``w``), a step that leaves the cell is
    shortened to end just short of the boundary's estimated position instead
    of being divided by 8 repeatedly, and a failed corrector whose predictor
    leaves the cell is handled the same way (handed to *kink* at
    *cell_step*) instead of halving the step down to *kink_step*: the same
    curve in fewer steps (Allgower & Georg 1990, ch. 6, on step size
    control; the piecewise tracing of Govindan & Wilson 2003 stops at each
    support change the same way). *null_and_solve* computes the tangent, the
    corrector step and the orientation determinant (default: LAPACK QR;
    :func:`fast_null_and_solve` is the compiled one).
    """
    w = np.asarray(w0, dtype=np.float64).copy()
    H, J = fun(w)
    t, _, det = _null_and_solve(J, None)
    if t @ direction < 0:
        t = -t
        det = -det
    sign = np.sign(det) if det != 0 else 1.0
    out = Trace(points=[w.copy()] if record else [])
    h = first_step
    back: np.ndarray | None = None  # the point before w
    cruise = 0.0  # the step length before approaching a cell boundary
    while out.steps < max_steps:
        if clock is not None and clock.expired():
            out.ok = False
            out.timed_out = True
            out.reason = f"time limit of {clock.max_time:g} s reached"
            return out
        out.steps += 1
        wp = w + h * t
        ok = False
        prev = np.inf
        for it in range(8):
            Hp, Jp = fun(wp)
            if not np.isfinite(Hp).all() or not np.isfinite(Jp).all():
                break
            _, dw, _ = null_and_solve(Jp, Hp)
            assert dw is not None
            nrm = float(np.linalg.norm(dw))
            if it > 0 and nrm > 0.5 * prev:
                break
            wp = wp - dw
            prev = nrm
            if nrm <= corrector_tol * (1.0 + float(np.linalg.norm(wp))):
                ok = True
                break
        if ok and cell is not None and cell(wp) != cell(w):
            if h > cell_step:
                cruise = max(cruise, h)
                if frac is None:
                    h = max(h / 8.0, cell_step)  # approach the cell boundary in short steps
                else:  # aim just short of where the chord leaves the cell
                    h = max(min(frac(w, wp) * h - 0.5 * cell_step, h / 2.0), cell_step)
                continue
            if kink is not None:
                jump = kink(w, t)
                if jump is not None:
                    back = w
                    w, t, sign = jump
                    out.kinks += 1
                    if record:
                        out.points.append(w.copy())
                    h = max(4 * cell_step, cruise / 4.0)  # resume near the pace before the boundary
                    cruise = 0.0
                    continue
        moved = float(np.linalg.norm(wp - w))
        if ok and moved > 2.0 * h + 1e-12:
            ok = False  # jumped to another part of the curve
        if ok and kink is not None and (moved < 0.1 * h or (back is not None and np.linalg.norm(wp - back) < 0.1 * h)):
            ok = False  # the corrector pulled the point back, or to the previous point: stuck at a kink
        if not ok:
            if frac is not None and cell is not None and kink is not None and h >= cell_step:
                # the corrector failed on a step whose predictor leaves the cell: the curve bends at
                # the boundary, so approach it as above instead of halving the step down to kink_step
                wq = w + h * t
                if cell(wq) != cell(w):
                    if h > cell_step:
                        cruise = max(cruise, h)
                        h = max(min(frac(w, wq) * h - 0.5 * cell_step, h / 2.0), cell_step)
                        continue
                    jump = kink(w, t)
                    if jump is not None:
                        back = w
                        w, t, sign = jump
                        out.kinks += 1
                        if record:
                            out.points.append(w.copy())
                        h = max(4 * cell_step, cruise / 4.0)
                        cruise = 0.0
                        continue
            h *= 0.5
            if kink is not None and h < kink_step and out.kinks < max_steps:
                jump = kink(w, t)
                if jump is not None:
                    back = w
                    w, t, sign = jump
                    out.kinks += 1
                    if record:
                        out.points.append(w.copy())
                    h = 64 * kink_step
                    continue
            if h < min_step:
                out.ok = False
                out.reason = "step size underflow"
                return out
            continue
        Hn, Jn = fun(wp)
        tn, _, detn = null_and_solve(Jn, None)
        if orient == "dot":
            if tn @ t < 0:
                tn = -tn
        elif np.sign(detn) != sign:
            tn = -tn
        if tn @ t < min_cos:  # too sharp a bend for this step: retry smaller
            if h > 16 * min_step:
                h *= 0.5
                continue
        w_prev, w = w, wp
        back = w_prev
        t = tn
        if record:
            out.points.append(w.copy())
        if stop(w_prev, w):
            return out
        h = min(h * accel, max_step)
    out.ok = False
    out.reason = f"no end after {max_steps} steps"
    return out


def point_at_lambda(
    fun: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
    w0: np.ndarray,
    lam: float,
    caller: str,
    *,
    first_step: float,
    max_accel: float,
    max_steps: int = 20_000,
) -> np.ndarray:
    """The point of a logit branch at precision *lam* (the last coordinate), traced from *w0*.

    The branch is followed by :func:`trace_path` until it first reaches *lam*;
    the last step is interpolated to *lam* and Newton's method (least squares,
    so a singular Jacobian does not stop it) solves the equations there.
    Returns the point's coordinates without the precision.
    """
    tr = trace_path(
        fun,
        w0,
        np.eye(w0.size)[-1],
        lambda prev, w: bool(w[-1] >= lam),
        first_step=first_step,
        accel=max_accel,
        max_step=max(1.0, float(lam)),
        max_steps=max_steps,
        orient="dot",
    )
    if not tr.ok or tr.points[-1][-1] < lam:
        raise GameError(f"{caller}: could not follow the principal branch to lambda = {lam} ({tr.reason}).")
    a, b = tr.points[-2], tr.points[-1]
    f = (lam - a[-1]) / (b[-1] - a[-1]) if b[-1] != a[-1] else 1.0
    y: np.ndarray = a[:-1] + f * (b[:-1] - a[:-1])
    for _ in range(50):
        H, J = fun(np.concatenate([y, [lam]]))
        dy = np.linalg.lstsq(J[:, :-1], H, rcond=None)[0]
        y = y - dy
        if np.abs(dy).max() < 1e-14:
            break
    return y
