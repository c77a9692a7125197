"""The logit quantal response equilibrium correspondence and the equilibrium it selects."""

from __future__ import annotations

import logging
import math
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._deprecation import deprecated_alias
from .._jit import njit
from .._limits import MAX_TIME_LIMIT, Clock, check_max_time
from .._validation import check_int, check_real
from ..exceptions import ConvergenceWarning, GameError
from ..game import NormalFormGame
from ..result import Equilibrium, EquilibriumResult
from ._nplayer import (
    Trace,
    certified,
    check_game_and_tol,
    offsets_of,
    point_at_lambda,
    polish,
    split,
    trace_path,
    values_and_jacobian,
)

__all__ = ["LogitQREResult", "logit_qre", "logit_qre_at", "logit_select"]

_log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False, repr=False)
class LogitQREResult(EquilibriumResult):
    """An :class:`~gametheory_af.EquilibriumResult` that also carries the traced QRE path.

    Parameters
    ----------
    equilibria, method, complete, parameters, converged, n_iter, game : see Attributes
    lambdas, profiles : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    lambdas : numpy.ndarray of shape (n_points,)
        Precision at each point of the principal branch, starting at 0.
    profiles : tuple of numpy.ndarray
        One array of shape ``(n_points, s_k)`` per player: the quantal response
        equilibrium at each point.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.qre import logit_qre
    >>> res = logit_qre(gt.catalog.matching_pennies())
    >>> float(res.lambdas[0]), res.profiles[0][0].tolist()
    (0.0, [0.5, 0.5])
    """

    lambdas: np.ndarray = field(default_factory=lambda: np.empty(0))
    profiles: tuple[np.ndarray, ...] = ()


class _Logit:
    """The logit QRE system in log-probability coordinates ``w = (log sigma, lambda)``.

    For each player i and strategy j >= 1:
    ``log s_ij - log s_i0 - lambda * (V_ij - V_i0) = 0``; and ``sum_j s_ij = 1``.
    """

    def __init__(self, u: np.ndarray, shape: tuple[int, ...]):
        self.u = u
        self.off = offsets_of(shape)
        N = int(self.off[-1])
        n = len(shape)
        rows = []
        for i in range(n):
            for j in range(1, shape[i]):
                r = np.zeros(N)
                r[self.off[i] + j] = 1.0
                r[self.off[i]] = -1.0
                rows.append(r)
        self.dsel = np.array(rows).reshape(-1, N)
        self.ssum = np.zeros((n, N))
        for i in range(n):
            self.ssum[i, self.off[i] : self.off[i + 1]] = 1.0
        self.N = N

    def __call__(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        y, lam = w[:-1], w[-1]
        with np.errstate(over="ignore", under="ignore"):
            s = np.exp(y)
        sig = split(s, self.off)
        V, DV = values_and_jacobian(self.u, sig, self.off)
        dV = self.dsel @ V
        H = np.concatenate([self.dsel @ y - lam * dV, self.ssum @ s - 1.0])
        Jy = np.vstack([self.dsel - lam * (self.dsel @ DV) * s[None, :], self.ssum * s[None, :]])
        Jl = np.concatenate([-dV, np.zeros(self.ssum.shape[0])])
        return H, np.hstack([Jy, Jl[:, None]])

    def start(self) -> np.ndarray:
        shape = np.diff(self.off)
        return np.concatenate([np.full(int(s), -np.log(s)) for s in shape] + [np.zeros(1)])

    def profile(self, w: np.ndarray) -> list[np.ndarray]:
        s = np.exp(w[:-1])
        return [p / p.sum() for p in split(s, self.off)]


#: Step control of the logit tracer (Allgower & Georg 1990, sec. 6.1): a step of length ``h`` is
#: rejected (and halved) when the corrector's first Newton step exceeds ``_MAX_DIST * h``, when a
#: Newton step is not smaller than ``_MAX_CONTR`` times the one before, when the cosine of the
#: angle between the tangents at its ends (each oriented by the sign of ``det([J; t])``) is below
#: ``_MIN_COS``, or when it ends at lambda < 0. An orientation flip that persists down to steps of
#: ``_BIFURCATION_STEP`` is a bifurcation point (non-generic games): it is passed in the direction
#: the trace was going, and the orientation sign changes with it.
_MAX_DIST = 0.2
_MAX_CONTR = 0.5
_MIN_COS = 0.9
_BIFURCATION_STEP = 1e-4

#: Largest number of terms ``n (n - 1) * n_profiles`` that :class:`_FastLogit` gathers in one
#: array per evaluation (two float64/int64 arrays of that length); larger games contract the
#: payoff tensors player by player (:func:`~gametheory_af.solvers._nplayer.values_and_jacobian`).
_GATHER_MAX = 2_000_000


class _FastLogit(_Logit):
    """:class:`_Logit` with the payoff contractions done by precomputed gathers and one ``bincount``.

    Entry ``(i j, k l)`` of ``dV/dsigma`` is the sum, over the pure profiles
    ``p`` with ``p_i = j`` and ``p_k = l``, of ``u_i(p)`` times the other
    players' probabilities of their parts of ``p``. Which terms go where depends
    on the game's shape only: it is computed once, and an evaluation is a
    gather, a product over players and a weighted ``bincount`` instead of
    ``n (n - 1)`` tensor contractions. For two players the Jacobian is constant
    (the payoff matrices). The values and the Jacobian are those of
    :func:`~gametheory_af.solvers._nplayer.values_and_jacobian` up to rounding.
    """

    def __init__(self, u: np.ndarray, shape: tuple[int, ...]):
        super().__init__(u, shape)
        n, N, off = len(shape), self.N, self.off
        self.n = n
        self.jsel = np.concatenate([np.arange(off[i] + 1, off[i + 1]) for i in range(n)]).astype(np.int64)
        self.rsel = np.concatenate([np.full(shape[i] - 1, off[i]) for i in range(n)]).astype(np.int64)
        self.M = N - n
        self.base = np.zeros((N + 1, N + 1))
        self.base[: self.M, :N] = self.dsel
        self.first = off[:-1].copy()
        self.owner = np.repeat(np.arange(n), shape)
        owner = self.owner
        n_profiles = int(np.prod(shape))
        pairs = [(i, k) for i in range(n) for k in range(n) if k != i]
        self.gather = n >= 2 and len(pairs) * n_profiles <= _GATHER_MAX
        self.const: np.ndarray | None = None
        self.others: np.ndarray | None = None
        self.ends = off[1:].copy()
        self.single: np.ndarray | None = None
        if n == 1:
            self.const = np.zeros((N, N))
            self.single = np.asarray(u[0], dtype=np.float64).reshape(N).copy()
            return
        k0 = np.where(np.arange(n) == 0, 1, 0)
        # row r's values are its Jacobian block against player k0 (0, or 1 for player 0) times his strategy
        self.vmask = (owner[None, :] == k0[owner][:, None]).astype(np.float64)
        if not self.gather:
            return
        idx = np.indices(shape).reshape(n, n_profiles) + off[:-1, None]
        rows = np.stack([idx[i] for i, _ in pairs])
        cols = np.stack([idx[k] for _, k in pairs])
        self.flat = (rows * N + cols).ravel()
        self.weights = np.stack([np.asarray(u[i], dtype=np.float64).reshape(n_profiles) for i, _ in pairs])
        if n == 2:
            self.const = np.bincount(self.flat, self.weights.ravel(), minlength=N * N).reshape(N, N)
        else:
            self.others = np.stack([np.stack([idx[m] for m in range(n) if m not in (i, k)]) for i, k in pairs])

    def values_and_jacobian(self, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Stacked strategy values ``V`` and ``dV/dsigma`` at the stacked (unnormalised) profile *s*."""
        if self.single is not None:
            return self.single, np.zeros((self.N, self.N))
        if not self.gather:
            return values_and_jacobian(self.u, split(s, self.off), self.off)
        if self.const is not None:
            DV = self.const
        else:
            terms = self.weights * s[self.others].prod(axis=1)
            DV = np.bincount(self.flat, terms.ravel(), minlength=self.N * self.N).reshape(self.N, self.N)
        V = (DV * (self.vmask * s)).sum(axis=1)
        return V, DV

    def __call__(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            H, A = self.bordered_system(w)
        return H, A[: self.N]

    def bordered_system(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``H(w)`` and an (N+1, N+1) array whose first N rows are the Jacobian (the last is free).

        Callers hold ``np.errstate`` (far along a path ``exp`` underflows, and a
        wild predictor overflows: the tracer treats non-finite values as failed steps).
        """
        y, lam = w[:-1], w[-1]
        s = np.exp(y)
        V, DV = self.values_and_jacobian(s)
        M, N, jsel, rsel = self.M, self.N, self.jsel, self.rsel
        dV = V[jsel] - V[rsel]
        H = np.empty(N)
        H[:M] = y[jsel] - y[rsel] - lam * dV
        H[M:] = np.add.reduceat(s, self.first) - 1.0
        A = self.base.copy()
        A[:M, :N] -= lam * (DV[jsel] - DV[rsel]) * s
        A[M:N, :N] = self.ssum * s
        A[:M, N] = -dV
        return H, A


def _load_gesv() -> Any:
    """LAPACK gesv without :func:`numpy.linalg.solve`'s wrapper (a fifth of its cost on these small systems)."""
    try:
        from numpy.linalg import _umath_linalg
    except ImportError:  # pragma: no cover - numpy moved its private module
        return np.linalg.solve
    return getattr(_umath_linalg, "solve", np.linalg.solve)


_gesv: Any = _load_gesv()


def _bordered(A: np.ndarray, H: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Unit kernel vector of the Jacobian ``J = A[:N]`` (with a positive product with *t*) and ``J^+ H``.

    Both come from one LU solve of the bordered matrix ``[J; t]`` (Allgower &
    Georg 1990, sec. 4.1), written into the last row of *A*: ``[J; t] z =
    e_{N+1}`` gives the kernel ``z`` and ``[J; t] x = (H, 0)`` a solution of
    ``J x = H``, whose component orthogonal to the kernel is the Moore-Penrose
    (minimum-norm) solution. None when the bordered matrix is singular or the
    solution not finite (*t* orthogonal to the kernel: the tracer then
    shortens the step). Callers hold ``np.errstate(invalid="ignore")``: a
    singular LU gives NaN.
    """
    N = A.shape[0] - 1
    A[N] = t
    b = np.zeros((N + 1, 2))
    b[:N, 0] = H
    b[N, 1] = 1.0
    try:
        sol = _gesv(A, b)
    except np.linalg.LinAlgError:  # pragma: no cover - only np.linalg.solve raises (numpy without _umath_linalg)
        return None
    z, x = sol[:, 1], sol[:, 0]
    zz = float(z @ z)
    if not (math.isfinite(zz) and zz > 0 and math.isfinite(float(x @ x))):
        return None
    k = z / math.sqrt(zz)
    return k, x - (k @ x) * k


def _orientation(fun: _FastLogit, w: np.ndarray, t: np.ndarray) -> float:
    """Sign of ``det([J(w); t])``: the orientation the tracer keeps along the branch (Allgower & Georg 1990, sec. 2.1)."""
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        A = fun.bordered_system(w)[1]
    A[-1] = t
    return float(np.linalg.slogdet(A)[0]) or 1.0


def _first_tangent(fun: _FastLogit, w: np.ndarray) -> np.ndarray:
    """The unit tangent at the start of the branch, oriented toward increasing lambda."""
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        H, A = fun.bordered_system(w)
        up = np.zeros(w.size)
        up[-1] = 1.0
        res = _bordered(A, H, up)
    if res is not None:
        return res[0]
    Q = np.linalg.qr(A[:-1].T, mode="complete")[0]  # lambda does not move the start: any orientation
    return Q[:, -1] if Q[-1, -1] >= 0 else -Q[:, -1]


@np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore")
def _trace_fast(
    fun: _FastLogit,
    w0: np.ndarray,
    stop: Any,
    watch: Any,
    *,
    first_step: float,
    accel: float,
    max_steps: int,
    clock: Clock,
) -> Trace:
    """Follow the principal logit branch: Euler predictor, Moore-Penrose Newton corrector.

    Step control (Allgower & Georg 1990, sec. 2.1 and 6.1; Turocy 2005):
    the tangent is oriented by the sign of ``det([J; t])``, which is constant
    along a regular arc of the curve, so a turning point in lambda is passed
    rather than reversed; a step is rejected and halved when the corrector's
    first Newton step is longer than ``_MAX_DIST`` times the step, when it
    contracts by less than ``_MAX_CONTR`` per iteration, when the oriented
    tangents at its ends make an angle with cosine below ``_MIN_COS`` (so a
    step cannot be corrected onto the other arm of a tight turn: the tangent
    there points back), or when it ends at lambda < 0 (the principal branch
    meets lambda = 0 only at its start); otherwise the next step is
    ``accel`` times longer. Unlike
    :func:`~gametheory_af.solvers._nplayer.trace_path` with ``orient="dot"``
    (the reference route), which tests only the contraction and a cosine of
    0.2 between dot-oriented tangents and can jump between arms. Two
    savings: the kernel and the
    corrector step come from one bordered LU solve (:func:`_bordered`) instead
    of a complete QR factorisation, and the tangent at an accepted point is the
    kernel at the corrector's last iterate (less than ``1e-10`` away) instead of
    one more evaluation there. ``stop(prev, w)`` is asked only once lambda
    reaches ``watch()`` (below it, it would answer False).
    """
    max_step, min_step, corrector_tol = 1e6, 1e-12, 1e-10
    max_dist, max_contr, min_cos = _MAX_DIST, _MAX_CONTR, _MIN_COS
    w = np.asarray(w0, dtype=np.float64).copy()
    t = _first_tangent(fun, w)
    sigma = _orientation(fun, w, t)
    out = Trace(points=[w.copy()])
    h = first_step
    while out.steps < max_steps:
        if clock.expired():
            out.ok = False
            out.timed_out = True
            out.reason = f"time limit of {clock.max_time:g} s reached"
            return out
        out.steps += 1
        wp = w + h * t
        ok = False
        prev = np.inf
        tn = t
        for it in range(8):
            Hp, Ap = fun.bordered_system(wp)
            if not math.isfinite(float(Hp.sum())) or not np.isfinite(Ap[:-1]).all():
                break
            res = _bordered(Ap, Hp, t)
            if res is None:
                break
            tn, dw = res
            nrm = math.sqrt(float(dw @ dw))
            if it == 0 and nrm > max_dist * h:
                break  # the predictor landed far from the curve: the step is too long for its bend
            if it > 0 and nrm > max_contr * prev:
                break
            wp = wp - dw
            prev = nrm
            if nrm <= corrector_tol * (1.0 + math.sqrt(float(wp @ wp))):
                ok = True
                break
        if ok and (math.sqrt(float((wp - w) @ (wp - w))) > 2.0 * h + 1e-12 or wp[-1] < 0.0):
            ok = False  # jumped to another part of the curve (the branch meets lambda = 0 only at its start)
        if not ok:
            h *= 0.5
            if h < min_step:
                out.ok = False
                out.reason = "step size underflow"
                return out
            continue
        sd = float(np.linalg.slogdet(Ap)[0])  # sign of det([J; t]) = sign of det([J; tn])
        if sd != sigma:
            tn = -tn
        c = float(tn @ t)
        if c < min_cos and h > (_BIFURCATION_STEP if c < 0.0 else 16 * min_step):
            h *= 0.5  # too sharp a bend for this step, or the corrector reached the far arm of a turn
            continue
        if c < 0.0:  # a bifurcation point (the determinant changes sign there): keep going the same way
            tn, sigma = -tn, sd
        w_prev, w = w, wp
        t = tn
        out.points.append(w.copy())
        if w[-1] >= watch() and stop(w_prev, w):
            return out
        h = min(h * accel, max_step)
    out.ok = False
    out.reason = f"no end after {max_steps} steps"
    return out


# ---------------------------------------------------------------------- the compiled route
def _eval_loops(  # pragma: no cover - compiled by numba; the same system as _FastLogit.bordered_system
    wp: Any, M: int, jsel: Any, rsel: Any, first: Any, ends: Any, weights: Any, flat: Any, others: Any,
    dvconst: Any, use_const: bool, vmask: Any, H: Any, A: Any, s: Any, DV: Any, V: Any, dV: Any,
) -> bool:
    """H and the Jacobian (rows ``:N`` of *A*) at *wp*, in loops; False when not finite."""
    N = wp.size - 1
    lam = wp[N]
    for j in range(N):
        s[j] = np.exp(wp[j])
    if use_const:
        D = dvconst
    else:
        DV[:, :] = 0.0
        n_pairs, n_prof = weights.shape
        k = others.shape[1]
        for q in range(n_pairs):
            for p in range(n_prof):
                v = weights[q, p]
                for m in range(k):
                    v *= s[others[q, m, p]]
                f = flat[q * n_prof + p]
                DV[f // N, f % N] += v
        D = DV
    for r in range(N):
        acc = 0.0
        for c in range(N):
            acc += D[r, c] * (vmask[r, c] * s[c])
        V[r] = acc
    for a in range(M):
        dV[a] = V[jsel[a]] - V[rsel[a]]
        H[a] = wp[jsel[a]] - wp[rsel[a]] - lam * dV[a]
        for c in range(N):
            A[a, c] = -((lam * (D[jsel[a], c] - D[rsel[a], c])) * s[c])
        A[a, jsel[a]] += 1.0
        A[a, rsel[a]] -= 1.0
        A[a, N] = -dV[a]
    for i in range(first.size):
        acc = 0.0
        for c in range(N):
            A[M + i, c] = 0.0
        for j in range(first[i], ends[i]):
            acc += s[j]
            A[M + i, j] = s[j]
        A[M + i, N] = 0.0
        H[M + i] = acc - 1.0
    for r in range(N):
        if not np.isfinite(H[r]):
            return False
        for c in range(N + 1):
            if not np.isfinite(A[r, c]):
                return False
    return True


def _bordered_loops(A: Any, H: Any, t: Any, tn: Any, dw: Any, LU: Any, rhs: Any, sg: Any) -> bool:  # pragma: no cover - compiled by numba; the same solve as _bordered
    """:func:`_bordered` by Gaussian elimination with partial pivoting; writes *tn*, *dw* and ``sg[0]``, the sign of det([J; t])."""
    N1 = A.shape[0]
    N = N1 - 1
    for i in range(N):
        for j in range(N1):
            LU[i, j] = A[i, j]
        rhs[i, 0] = H[i]
        rhs[i, 1] = 0.0
    for j in range(N1):
        LU[N, j] = t[j]
    rhs[N, 0] = 0.0
    rhs[N, 1] = 1.0
    sign = 1.0
    for k in range(N1):
        p = k
        big = abs(LU[k, k])
        for i in range(k + 1, N1):
            if abs(LU[i, k]) > big:
                big = abs(LU[i, k])
                p = i
        if big == 0.0:
            return False
        if LU[p, k] < 0.0:
            sign = -sign
        if p != k:
            sign = -sign
            for j in range(N1):
                LU[k, j], LU[p, j] = LU[p, j], LU[k, j]
            for j in range(2):
                rhs[k, j], rhs[p, j] = rhs[p, j], rhs[k, j]
        for i in range(k + 1, N1):
            f = LU[i, k] / LU[k, k]
            if f != 0.0:
                for j in range(k + 1, N1):
                    LU[i, j] -= f * LU[k, j]
                rhs[i, 0] -= f * rhs[k, 0]
                rhs[i, 1] -= f * rhs[k, 1]
    for k in range(N1 - 1, -1, -1):
        for j in range(2):
            acc = rhs[k, j]
            for c in range(k + 1, N1):
                acc -= LU[k, c] * rhs[c, j]
            rhs[k, j] = acc / LU[k, k]
    zz = 0.0
    xx = 0.0
    for i in range(N1):
        zz += rhs[i, 1] * rhs[i, 1]
        xx += rhs[i, 0] * rhs[i, 0]
    if not (np.isfinite(zz) and zz > 0.0 and np.isfinite(xx)):
        return False
    sg[0] = sign
    nz = np.sqrt(zz)
    kx = 0.0
    for i in range(N1):
        tn[i] = rhs[i, 1] / nz
        kx += tn[i] * rhs[i, 0]
    for i in range(N1):
        dw[i] = rhs[i, 0] - kx * tn[i]
    return True


def _segment_loops(  # pragma: no cover - compiled by numba; the same algorithm as _trace_fast
    w: Any, t: Any, h: float, accel: float, steps: int, max_steps: int, lam_stop: float, budget: int, pts: Any, npts: int,
    M: int, jsel: Any, rsel: Any, first: Any, ends: Any, weights: Any, flat: Any, others: Any,
    dvconst: Any, use_const: bool, vmask: Any,
    max_dist: float, max_contr: float, min_cos: float, bif_step: float, orient: Any,
) -> tuple[int, float, int, int]:
    """Steps of :func:`_trace_fast` until lambda reaches *lam_stop* (code 0), the step underflows (1),
    *max_steps* run out (2) or *budget* attempts are spent (3); *w*, *t* and *pts* are updated in place.
    Returns ``(code, h, steps, npts)``."""
    N = w.size - 1
    N1 = N + 1
    H = np.empty(N)
    A = np.empty((N1, N1))
    s = np.empty(N)
    DV = np.empty((N, N))
    V = np.empty(N)
    dV = np.empty(max(M, 1))
    LU = np.empty((N1, N1))
    rhs = np.empty((N1, 2))
    wp = np.empty(N1)
    tn = np.empty(N1)
    tk = np.empty(N1)
    dw = np.empty(N1)
    sg = np.empty(1)
    sd = 1.0
    taken = 0
    while steps < max_steps:
        if taken >= budget:
            return 3, h, steps, npts
        taken += 1
        steps += 1
        for i in range(N1):
            wp[i] = w[i] + h * t[i]
            tn[i] = t[i]
        ok = False
        prev = np.inf
        for it in range(8):
            if not _eval_jit(wp, M, jsel, rsel, first, ends, weights, flat, others, dvconst, use_const, vmask, H, A, s, DV, V, dV):
                break
            if not _bordered_jit(A, H, t, tk, dw, LU, rhs, sg):
                break
            sd = sg[0]
            for i in range(N1):
                tn[i] = tk[i]
            nrm = 0.0
            for i in range(N1):
                nrm += dw[i] * dw[i]
            nrm = np.sqrt(nrm)
            if it == 0 and nrm > max_dist * h:
                break
            if it > 0 and nrm > max_contr * prev:
                break
            ww = 0.0
            for i in range(N1):
                wp[i] -= dw[i]
                ww += wp[i] * wp[i]
            prev = nrm
            if nrm <= 1e-10 * (1.0 + np.sqrt(ww)):
                ok = True
                break
        if ok:
            moved = 0.0
            for i in range(N1):
                moved += (wp[i] - w[i]) * (wp[i] - w[i])
            if np.sqrt(moved) > 2.0 * h + 1e-12 or wp[N] < 0.0:
                ok = False
        if not ok:
            h *= 0.5
            if h < 1e-12:
                return 1, h, steps, npts
            continue
        if sd != orient[0]:
            for i in range(N1):
                tn[i] = -tn[i]
        c = 0.0
        for i in range(N1):
            c += tn[i] * t[i]
        if c < min_cos and h > (bif_step if c < 0.0 else 16e-12):
            h *= 0.5
            continue
        if c < 0.0:
            for i in range(N1):
                tn[i] = -tn[i]
            orient[0] = sd
        for i in range(N1):
            w[i] = wp[i]
            t[i] = tn[i]
            pts[npts, i] = wp[i]
        npts += 1
        if w[N] >= lam_stop:
            return 0, h, steps, npts
        h = min(h * accel, 1e6)
    return 2, h, steps, npts


_COMPILED: list[Any] = []
#: The compiled kernels that the compiled :func:`_segment_loops` calls (set before it is compiled).
_eval_jit: Any = None
_bordered_jit: Any = None


def _compiled_segment() -> Any:
    """The numba-compiled :func:`_segment_loops`, or None without numba (then :func:`_trace_fast` runs)."""
    global _eval_jit, _bordered_jit
    if not _COMPILED:
        jit = njit()
        if jit is None:  # pragma: no cover - depends on the environment
            _COMPILED.append(None)
        else:
            _eval_jit = jit(_eval_loops)
            _bordered_jit = jit(_bordered_loops)
            _COMPILED.append(jit(_segment_loops))
    return _COMPILED[0]


#: Step attempts per call of the compiled segment: the time limit is checked between calls.
_SEGMENT = 256


def _trace_compiled(
    segment: Any,
    fun: _FastLogit,
    w0: np.ndarray,
    stop: Any,
    watch: Any,
    *,
    first_step: float,
    accel: float,
    max_steps: int,
    clock: Clock,
) -> Trace:
    """:func:`_trace_fast` with its steps in the compiled *segment*; Python runs only *stop* and the clock."""
    w = np.asarray(w0, dtype=np.float64).copy()
    t = _first_tangent(fun, w)
    orient = np.array([_orientation(fun, w, t)])
    N1 = w.size
    out = Trace(points=[w.copy()])
    pts = np.empty((_SEGMENT, N1))
    npts = 0
    h, steps = float(first_step), 0
    others = fun.others if fun.others is not None else np.zeros((1, 0, 1), dtype=np.int64)
    dvconst = fun.const if fun.const is not None else np.zeros((1, 1))
    while True:
        if clock.expired():
            out.ok = False
            out.timed_out = True
            out.reason = f"time limit of {clock.max_time:g} s reached"
            break
        if pts.shape[0] - npts < _SEGMENT:
            pts = np.concatenate([pts, np.empty((pts.shape[0] + _SEGMENT, N1))])
        code, h, steps, npts = segment(
            w, t, h, float(accel), steps, max_steps, float(watch()), _SEGMENT, pts, npts,
            fun.M, fun.jsel, fun.rsel, fun.first, fun.ends, fun.weights, fun.flat, others,
            dvconst, fun.const is not None, fun.vmask, _MAX_DIST, _MAX_CONTR, _MIN_COS, _BIFURCATION_STEP, orient,
        )
        if code == 0:
            if stop(pts[npts - 2] if npts > 1 else w0, w.copy()):
                break
            h = min(h * accel, 1e6)
        elif code == 1:
            out.ok = False
            out.reason = "step size underflow"
            break
        elif code == 2:
            out.ok = False
            out.reason = f"no end after {max_steps} steps"
            break
    out.steps = steps
    out.points.extend(pts[:npts].copy())
    return out


def _support_newton_fast(kern: _FastLogit, x0: np.ndarray, mask: np.ndarray, *, iters: int = 30) -> np.ndarray | None:
    """:func:`~gametheory_af.solvers._nplayer.support_newton` on the values of *kern*, stacked.

    *x0* is the stacked starting profile and *mask* the stacked support; the
    indifference rows of all players come first, then their sums (the order
    of the rows changes nothing but rounding). Returns the stacked solution.
    """
    owner = kern.owner
    idx = np.flatnonzero(mask)
    x = np.where(mask, x0, 0.0)
    tot = np.add.reduceat(x, kern.first)
    fill = np.add.reduceat(mask.astype(np.float64), kern.first)
    x = np.where(mask, np.where((tot > 0)[owner], x / np.where(tot > 0, tot, 1.0)[owner], 1.0 / fill[owner]), 0.0)
    first_of = np.full(kern.n, -1)
    first_of[owner[idx[::-1]]] = idx[::-1]  # each player's first support strategy
    rest = idx[idx != first_of[owner[idx]]]
    n_eq = rest.size + kern.n
    Dsel = np.zeros((n_eq, kern.N))
    Dsel[np.arange(rest.size), rest] = 1.0
    Dsel[np.arange(rest.size), first_of[owner[rest]]] = -1.0
    Ssup = np.zeros((n_eq, idx.size))
    Ssup[rest.size + owner[idx], np.arange(idx.size)] = 1.0
    for _ in range(iters):
        V, DV = kern.values_and_jacobian(x)
        F = Dsel @ V
        F[rest.size :] = np.add.reduceat(x, kern.first) - 1.0
        Jm = (Dsel @ DV)[:, idx] + Ssup
        try:
            dx = np.linalg.solve(Jm, F)
        except np.linalg.LinAlgError:
            dx = np.linalg.lstsq(Jm, F, rcond=None)[0]
        x[idx] -= dx
        if not np.isfinite(x).all():
            return None
        if np.abs(dx).max(initial=0.0) < 1e-15:
            break
    return x


def _polish_fast(kern: _FastLogit, sigma: list[np.ndarray], tol: float, *, near: float) -> list[np.ndarray] | None:
    """:func:`~gametheory_af.solvers._nplayer.polish` on *kern*: the same candidate supports in the same order.

    A support is a stacked boolean mask; a solution's regret is read off the
    kernel's values instead of a second contraction.
    """
    owner, first = kern.owner, kern.first
    x = np.concatenate(sigma)
    V = kern.values_and_jacobian(x)[0]
    cands: list[np.ndarray] = []
    seen: set[bytes] = set()
    xmax = np.maximum.reduceat(x, first)[owner]
    vmax = np.maximum.reduceat(V, first)
    vgap = np.maximum(vmax - np.minimum.reduceat(V, first), 1e-300)[owner]
    masks = [x > thr * xmax for thr in (1e-3, 1e-5, 1e-8, 1e-2, 3e-2, 1e-1)]
    masks += [V >= vmax[owner] - gap * vgap for gap in (1e-6, 1e-3, 1e-2, 3e-2)]
    for m in masks:
        key = m.tobytes()
        if key not in seen:
            seen.add(key)
            cands.append(m)
    for m in cands:
        sol = _support_newton_fast(kern, x, m)
        if sol is None or float(sol.min()) < -1e-12:
            continue
        sol = np.clip(sol, 0.0, None)
        sol = sol / np.add.reduceat(sol, first)[owner]
        Vs = kern.values_and_jacobian(sol)[0]
        reg = float((np.maximum.reduceat(Vs, first) - np.add.reduceat(sol * Vs, first)).max())
        if reg <= tol and float(np.abs(sol - x).max()) <= near:
            return split(sol, kern.off)
    return None


def logit_qre(
    game: NormalFormGame,
    *,
    tol: float | None = None,
    lambda_max: float | None = None,
    first_step: float = 0.03,
    max_accel: float = 1.5,
    max_steps: int = 20_000,
    max_time: float | None = MAX_TIME_LIMIT,
) -> LogitQREResult:
    r"""Trace the principal branch of the logit QRE correspondence to its limit, a Nash equilibrium.

    A logit quantal response equilibrium at precision :math:`\lambda` is a
    profile in which each player plays each strategy with probability
    proportional to :math:`\exp(\lambda\, u_i(s, \sigma_{-i}))`. At
    :math:`\lambda = 0` it is the centroid; the branch that starts there
    (the principal branch) converges, for generic games, to a unique Nash
    equilibrium as :math:`\lambda \to \infty`: the *logit solution*
    (McKelvey & Palfrey 1995).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    tol : float, optional
        Largest *relative* regret (regret over the player's payoff range) of
        the returned equilibrium. Default
        ``DEFAULT_TOL`` (``1e-9``).
    lambda_max : float, optional
        Give up at this precision (relative to the payoff ranges, see Notes).
        Default ``1e8``.
    first_step : float, default 0.03
        First step length along the curve (arclength in
        :math:`(\log\sigma, \lambda)`).
    max_accel : float, default 1.5
        Factor (at least 1) by which the step grows after a successful step.
    max_steps : int, default 20000
        Continuation steps (at least 1).
    max_time : float or None, optional
        Seconds to spend. Default: the ``max_time`` limit
        (:func:`gametheory_af.get_limits`, itself ``None`` unless set); None
        means no time limit.

    Returns
    -------
    LogitQREResult
        ``method="logit"``, ``complete=False``; one equilibrium when the
        trace converged (``converged=True``), none otherwise; ``lambdas`` and
        ``profiles`` hold the traced path; ``n_iter`` is the number of steps.

    Warns
    -----
    ConvergenceWarning
        When no equilibrium with relative regret ``<= tol`` was certified at
        the end of the path (also when *max_steps* or *max_time* ran out).

    Raises
    ------
    GameError
        For an invalid tol, lambda_max, first_step, max_accel, max_steps or
        max_time (TypeError for one of the wrong type).

    Notes
    -----
    The branch is traced on the payoffs normalised per player to ``[0, 1]``
    (:ref:`tolerances`): at precision :math:`\lambda` player
    ``i`` plays strategy ``j`` with probability proportional to
    :math:`\exp(\lambda\, u_{ij} / r_i)`, :math:`r_i` his payoff range. So
    ``lambdas`` are relative to the players' payoff ranges (for a game whose
    players all have the range ``r`` they are ``r`` times the precision in
    payoff units, as :func:`logit_qre_at` takes it), and the selected equilibrium
    does not change when a player's payoffs are scaled or shifted.

    The curve is followed in the coordinates :math:`(\log\sigma, \lambda)`,
    in which it is smooth and bounded in :math:`\log\sigma` for bounded
    :math:`\lambda`, by predictor-corrector continuation with arclength
    steps; the tangent's orientation is kept by the sign of the augmented
    Jacobian's determinant, so turning points (where :math:`\lambda`
    temporarily decreases) are passed, not reversed (Turocy 2005). A step is
    rejected and halved when the corrector's first Newton step exceeds a
    fifth of the step, when the corrector contracts by less than half per
    iteration, when the oriented tangents at its two ends differ by more than
    about 25 degrees, or when it ends at :math:`\lambda < 0` (Allgower &
    Georg 1990, sec. 6.1): this keeps a long step from being corrected onto
    another branch, or onto the other arm of a turn. The guarantee is
    heuristic, as for any step control: on 180 seeded random games (3 x 3 x 3,
    2^4, 2^5, 4^4, 5 x 5, 10 x 10) the selected equilibrium is Gambit's
    ``logit_solve`` one on the normalised payoffs in every case. Once
    :math:`\lambda \ge 100`, the support of the current
    point is read off and its indifference system solved by Newton's method;
    the trace stops when two successive polished points agree and are
    certified Nash equilibria.

    Each step costs one small linear solve per corrector iteration: the
    payoff contractions are gathered by index arrays computed once per game
    shape, the tangent and the minimum-norm corrector step come from one LU
    solve of the bordered Jacobian (Allgower & Georg 1990), and with
    :mod:`numba` installed the steps run compiled (compiled once per machine
    and cached; the first call in a process loads numba and the cache, about
    a second or more); compiled or not, the steps taken are the same up to
    rounding. (The step control was tightened in this release: the earlier
    one could leave the principal branch at a sharp turn, and the
    selections it made there changed.)

    In non-generic games (for example games with a symmetry, such as the
    battle of the sexes) the principal branch can reach a bifurcation point.
    The tracer then continues in the direction it was going, which keeps the
    symmetry (in the battle of the sexes it selects the mixed equilibrium);
    other implementations may leave along another branch. For generic games
    the selected equilibrium agrees with Gambit's ``logit_solve``.

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for
    normal form games. *Games and Economic Behavior* 10, 6-38.
    Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic
    quantal response equilibrium correspondence. *Games and Economic
    Behavior* 51, 243-263.
    Allgower, E. L. & Georg, K. (1990). *Numerical Continuation Methods*. Springer.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.qre import logit_qre
    >>> res = logit_qre(gt.catalog.stag_hunt())
    >>> res.converged, res.equilibria[0].support
    (True, ((1,), (1,)))
    """
    return _logit_qre(
        game,
        tol=tol,
        lambda_max=lambda_max,
        first_step=first_step,
        max_accel=max_accel,
        max_steps=max_steps,
        max_time=max_time,
        route="fast",
    )


def _logit_qre(
    game: NormalFormGame,
    *,
    tol: float | None,
    lambda_max: float | None,
    first_step: float,
    max_accel: float,
    max_steps: int,
    max_time: float | None,
    route: str,
) -> LogitQREResult:
    """:func:`logit_qre` by one of its routes.

    ``"numpy"`` and ``"fast"`` take the same steps; ``"reference"`` (frozen:
    the tracer before issue 14, without the orientation by the determinant
    and the corrector-distance test) takes other steps and reaches the same
    equilibrium wherever it stays on the principal branch.

    ``"reference"``: the generic tracer :func:`~._nplayer.trace_path`,
    :func:`~._nplayer.polish` and tensor contractions; ``"numpy"``:
    :class:`_FastLogit`, :func:`_trace_fast` and :func:`_polish_fast`;
    ``"fast"`` (what :func:`logit_qre` runs): the numpy route with its steps
    compiled by numba when numba is importable (:func:`_trace_compiled`).
    """
    reference = route == "reference"
    prep = check_game_and_tol(game, tol, "logit_qre")
    tol = prep.tol
    u = prep.un
    lambda_max = 1e8 if lambda_max is None else check_real(lambda_max, "lambda_max", "logit_qre", minimum=0, strict_min=True)
    first_step = check_real(first_step, "first_step", "logit_qre", minimum=0, strict_min=True)
    max_accel = check_real(max_accel, "max_accel", "logit_qre", minimum=1)
    max_steps = check_int(max_steps, "max_steps", "logit_qre", minimum=1)
    budget = check_max_time(max_time, "logit_qre")
    params = {
        "tol": float(tol),
        "lambda_max": float(lambda_max),
        "first_step": float(first_step),
        "max_accel": float(max_accel),
        "max_steps": max_steps,
        "max_time": budget,
    }
    fast = None if reference else _FastLogit(u, game.shape)
    sys_ = _Logit(u, game.shape) if fast is None else fast
    state: dict[str, Any] = {"next": 100.0, "last": None, "sol": None}

    def watch() -> float:
        return min(float(state["next"]), lambda_max)

    def stop(prev: np.ndarray, w: np.ndarray) -> bool:
        lam = w[-1]
        if lam >= lambda_max:
            return True
        if lam < state["next"]:
            return False
        state["next"] = lam * 2.0
        sig = sys_.profile(w)
        near = max(1e-2, 50.0 / lam)
        sol = polish(u, sig, tol, near=near) if fast is None else _polish_fast(fast, sig, tol, near=near)
        last = state["last"]
        state["last"] = sol
        if sol is not None and last is not None:
            if max(float(np.abs(a - b).max()) for a, b in zip(sol, last)) < 1e-8:
                state["sol"] = sol
                return True
        return False

    timed_out = False
    reason = ""
    sol: list[np.ndarray] | None
    if game.n_profiles == 1 or all(s == 1 for s in game.shape):
        tr_points = [sys_.start()]
        sol = [np.ones(1) for _ in game.shape]
        steps, ok = 0, True
    else:
        if fast is None:
            tr = trace_path(
                sys_,
                sys_.start(),
                np.eye(sys_.N + 1)[-1],
                stop,
                first_step=first_step,
                accel=max_accel,
                max_steps=max_steps,
                orient="dot",
                clock=Clock(budget),
            )
        else:
            segment = _compiled_segment() if route == "fast" and fast.gather else None
            clock = Clock(budget)
            if segment is not None:
                tr = _trace_compiled(
                    segment, fast, fast.start(), stop, watch,
                    first_step=first_step, accel=max_accel, max_steps=max_steps, clock=clock,
                )
            else:
                tr = _trace_fast(
                    fast, fast.start(), stop, watch, first_step=first_step, accel=max_accel, max_steps=max_steps, clock=clock
                )
        tr_points, steps, ok, timed_out, reason = tr.points, tr.steps, tr.ok, tr.timed_out, tr.reason
        sol = state["sol"]
        lam = tr_points[-1][-1] if tr_points else 0.0
        _log.debug(
            "logit_qre: principal branch traced (%s route): %d steps, %d points kept, ended at lambda = %.4g%s",
            "reference" if fast is None else "compiled" if segment is not None else "fast",
            steps, len(tr_points), lam, "" if ok else f" ({reason})",
        )
        if sol is None and lam >= 100.0:
            # the path ended (lambda_max, a bound or failure) far along: one last attempt from its end
            sig, near = sys_.profile(tr_points[-1]), max(1e-2, 50.0 / max(lam, 1e-300))
            _log.debug("logit_qre: no equilibrium polished along the branch: one last attempt from its end")
            sol = polish(u, sig, tol, near=near) if fast is None else _polish_fast(fast, sig, tol, near=near)
    pts = np.array(tr_points)
    lambdas = pts[:, -1].copy()
    with np.errstate(over="ignore", under="ignore"):
        ex = np.exp(pts[:, :-1])
    per_player = tuple(blk / blk.sum(axis=1, keepdims=True) for blk in np.split(ex, sys_.off[1:-1], axis=1))
    for arr in per_player:
        arr.setflags(write=False)
    lambdas.setflags(write=False)
    eqs: tuple[Equilibrium, ...] = ()
    if sol is not None:
        eq = certified(game, sol, tol)
        if eq is not None:
            eqs = (eq,)
    converged = bool(eqs)
    if not converged:
        why = "" if ok else f" ({reason})" if (timed_out or reason.startswith("no end")) else " (path tracing failed)"
        warnings.warn(
            f"logit_qre: no equilibrium with relative regret <= {tol:g} certified at the end of the principal "
            f"branch{why}; reached lambda = {lambdas[-1]:.4g}.",
            ConvergenceWarning,
            stacklevel=3,
        )
    return LogitQREResult(
        game=game,
        equilibria=eqs,
        method="logit",
        complete=False,
        parameters=params,
        converged=converged,
        n_iter=steps,
        lambdas=lambdas,
        profiles=per_player,
    )


def logit_qre_at(game: NormalFormGame, lam: float, *, first_step: float = 0.03, max_accel: float = 1.5) -> tuple[np.ndarray, ...]:
    r"""The logit QRE on the principal branch at precision *lam*.

    Parameters
    ----------
    game : NormalFormGame
    lam : float
        Precision :math:`\lambda \ge 0` (in the units of the payoffs).
    first_step, max_accel : float
        Step control, as for :func:`logit_qre`.

    Returns
    -------
    tuple of numpy.ndarray
        One probability vector per player (all strictly positive).

    Raises
    ------
    GameError
        If *lam* is negative or not finite, or the branch cannot be followed to it.

    Notes
    -----
    The branch is traced from the centroid as in :func:`logit_qre` until it
    first reaches :math:`\lambda`, then Newton's method solves the QRE
    equations at exactly that precision.

    References
    ----------
    Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic
    quantal response equilibrium correspondence. *GEB* 51, 243-263.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.qre import logit_qre_at
    >>> [p.round(4).tolist() for p in logit_qre_at(gt.catalog.prisoners_dilemma(), 0.0)]
    [[0.5, 0.5], [0.5, 0.5]]
    >>> p = logit_qre_at(gt.catalog.prisoners_dilemma(), 2.0)
    >>> bool(p[0][1] > 0.9)
    True
    """
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"logit_qre_at: game must be a NormalFormGame; got {type(game).__name__}.")
    lam = check_real(lam, "lam", "logit_qre_at", minimum=0)
    first_step = check_real(first_step, "first_step", "logit_qre_at", minimum=0, strict_min=True)
    max_accel = check_real(max_accel, "max_accel", "logit_qre_at", minimum=1)
    sys_ = _FastLogit(game.payoffs, game.shape)
    w0 = sys_.start()
    if lam == 0 or all(s == 1 for s in game.shape):
        return tuple(sys_.profile(w0))
    y = point_at_lambda(sys_, w0, lam, "logit_qre_at", first_step=first_step, max_accel=max_accel)
    return tuple(sys_.profile(np.concatenate([y, [lam]])))


def logit_select(game: NormalFormGame, **options: Any) -> Equilibrium:
    """The Nash equilibrium selected by the logit QRE: the limit of the principal branch.

    This is the equilibrium selection used when a game has several
    equilibria (McKelvey & Palfrey 1995; Turocy 2005).

    Parameters
    ----------
    game : NormalFormGame
    **options
        Passed to :func:`logit_qre`.

    Returns
    -------
    Equilibrium

    Warns
    -----
    ConvergenceWarning
        When the trace does not converge; the equilibrium nearest the end of
        the traced path is then chosen among those found by
        :func:`~gametheory_af.solvers.dispatch.nash_equilibria`.

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for
    normal form games. *GEB* 10, 6-38.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.qre import logit_select
    >>> logit_select(gt.catalog.stag_hunt()).describe(gt.catalog.stag_hunt())
    'Row: Hare; Column: Hare'
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = logit_qre(game, **options)
    if res.equilibria:
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        return res.equilibria[0]
    from .dispatch import nash_equilibria

    warnings.warn(
        "logit_select: the logit path did not converge; choosing the equilibrium nearest its end.",
        ConvergenceWarning,
        stacklevel=2,
    )
    end = np.concatenate([p[-1] for p in res.profiles])
    found = nash_equilibria(game, max_time=options.get("max_time", MAX_TIME_LIMIT))
    if not found.equilibria:
        raise GameError("logit_select: no equilibrium could be computed for this game.")
    dist = [float(np.abs(np.concatenate(e.profile) - end).max()) for e in found]
    return found.equilibria[int(np.argmin(dist))]


#: Deprecated name of :func:`logit_qre_at` (the logit solvers share the ``logit_`` prefix).
qre_at = deprecated_alias(logit_qre_at, "qre_at", "logit_qre_at")
