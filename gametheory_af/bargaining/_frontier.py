"""Private solvers for bargaining sets given by a concave Pareto frontier function."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy.optimize import brentq, minimize, minimize_scalar

from .._limits import check_count
from ..exceptions import GameError

if TYPE_CHECKING:  # pragma: no cover
    from .problem import BargainingProblem

_TINY = 1e-300


def _bounds(problem: BargainingProblem) -> tuple[np.ndarray, np.ndarray]:
    assert problem.domain is not None
    lo = np.array([a for a, _ in problem.domain])
    hi = np.array([b for _, b in problem.domain])
    return lo, hi


def ir_interval(problem: BargainingProblem) -> tuple[float, float]:
    """Two players: the range of ``u1`` on the individually rational Pareto frontier."""
    d = problem.disagreement
    lo, hi = _bounds(problem)
    x_lo = max(float(d[0]), float(lo[0]))
    f = problem._frontier_value
    if f(np.array([hi[0]])) >= d[1]:
        return x_lo, float(hi[0])
    x_hi = brentq(lambda x: f(np.array([x])) - d[1], x_lo, float(hi[0]), xtol=1e-15, rtol=4 * np.finfo(float).eps)
    return x_lo, float(x_hi)


SCAN_POINTS = 2**14
"""Intervals of the dense scan of :func:`nash_2` (``SCAN_POINTS + 1`` frontier calls)."""

_CS_STEP = 1e-30  # complex step (Squire and Trapp 1998): no subtraction, so no cancellation


def _call(problem: BargainingProblem, x: float, caller: str) -> float:
    f = problem.frontier
    assert f is not None
    try:
        v = float(f(x))
    except Exception as err:  # noqa: BLE001 - report any failure of the user's function
        raise GameError(f"{caller}: frontier must return a number; at u1 = {x!r} it raised {err!r}.") from err
    if not np.isfinite(v):
        raise GameError(f"{caller}: frontier must be finite on its domain; got {v} at u1 = {x!r}.")
    return v


def _ridders(f: Callable[..., Any], x: float, h: float) -> float:
    """Central differences at steps ``h / 2**i`` extrapolated to ``h -> 0`` (Richardson), keeping the
    entry of the tableau with the smallest error estimate and stopping when rounding takes over (Ridders 1982)."""
    rows: list[list[float]] = []
    best, best_err = math.nan, math.inf
    for i in range(12):  # pragma: no branch - rounding stops the extrapolation well before 12 rows
        step = h / 2**i
        row = [(float(f(x + step)) - float(f(x - step))) / (2 * step)]
        for j in range(1, i + 1):
            factor = 4.0**j
            row.append((factor * row[j - 1] - rows[i - 1][j - 1]) / (factor - 1))
            err = max(abs(row[j] - row[j - 1]), abs(row[j] - rows[i - 1][j - 1]))
            if err <= best_err:
                best, best_err = row[j], err
        if i and abs(row[i] - rows[i - 1][i - 1]) >= 2 * best_err:
            break
        rows.append(row)
    return best


def slope(problem: BargainingProblem, x: float) -> float:
    """``f'(x)``: complex step when ``f`` takes complex arguments (checked against differences), else Ridders' extrapolation."""
    f = problem.frontier
    assert f is not None and problem.domain is not None
    lo, hi = problem.domain[0]
    h = min(1e-2 * (hi - lo), x - lo, hi - x)
    cd: float | None = None
    if h > 1e-9 * (1.0 + abs(x)):
        cd = _ridders(f, x, h)
    try:
        z = complex(f(complex(x, _CS_STEP)))
        cs: float | None = z.imag / _CS_STEP if np.isfinite(z.imag) else None
    except Exception:  # noqa: BLE001 - f does not take complex arguments
        cs = None
    if cs is not None and (cd is None or abs(cs - cd) <= 1e-5 * (1.0 + abs(cd))):
        return cs
    if cd is not None:
        return cd
    # at a domain edge, without a complex step: a one-sided difference
    s = 1e-6 * (hi - lo)
    return (float(f(x + s)) - float(f(x))) / s if x - lo < hi - x else (float(f(x)) - float(f(x - s))) / s


def nash_2(
    problem: BargainingProblem,
    w: np.ndarray,
    interval: tuple[float, float] | None = None,
    caller: str = "nash_solution",
) -> np.ndarray:
    """Two players: maximise ``w1 log(u1 - d1) + w2 log(f(u1) - d2)`` (scan, checks, then the first-order condition).

    1. Scan: ``f`` at ``SCAN_POINTS + 1`` equally spaced points of the individually
       rational interval ``[a, b]``; refuse (GameError naming where) if ``f``
       increases there, or if a second difference ``f(x - s) + f(x + s) - 2 f(x)``
       at any spacing ``s = 2**j (b - a) / SCAN_POINTS`` exceeds ``1e-9 (1 + max|f|)``.
    2. Bracket: the best scan point and its two neighbours.
    3. Solve ``g(x) = w1 (f(x) - d2) + w2 (x - d1) f'(x) = 0`` (the first-order
       condition times the positive gains) by Brent's method in the bracket,
       ``f'`` by :func:`slope`.
    4. Certify: the product at the answer is not beaten at ``x (1 +- 1e-9)``
       beyond rounding; else (a kink met by finite differences) a bounded
       search of the product near the answer, certified again.
    """
    d = problem.disagreement
    d1, d2 = float(d[0]), float(d[1])
    w1, w2 = float(w[0]), float(w[1])
    a, b = ir_interval(problem) if interval is None else interval
    if b - a <= 1e-15 * (1 + abs(b)):
        return np.array([b, _call(problem, b, caller)])
    check_count(SCAN_POINTS + 1, "max_calls", "frontier-function calls", caller)
    xs = np.linspace(a, b, SCAN_POINTS + 1)
    fs = np.array([_call(problem, float(x), caller) for x in xs])
    tol = 1e-9 * (1.0 + float(np.abs(fs).max()))
    up = np.flatnonzero(np.diff(fs) > tol)
    if up.size:
        i = int(up[0])
        raise GameError(
            f"{caller}: frontier must be non-increasing (a Pareto frontier); it increases from u1 = {float(xs[i])!r} to {float(xs[i + 1])!r}."
        )
    s = 1
    while 2 * s <= SCAN_POINTS:
        second = fs[: -2 * s] + fs[2 * s :] - 2 * fs[s:-s]
        bad = np.flatnonzero(second > tol)
        if bad.size:
            i = int(bad[0]) + s
            raise GameError(
                f"{caller}: frontier must be concave (a convex feasible set); it is not near u1 = {float(xs[i])!r} "
                f"(between {float(xs[i - s])!r} and {float(xs[i + s])!r}), so the Nash product may have several local maxima."
            )
        s *= 2

    def phi(x: float, fx: float) -> float:
        if x <= d1 or fx <= d2:
            return -math.inf
        return w1 * math.log(x - d1) + w2 * math.log(fx - d2)

    vals = np.array([phi(float(x), float(v)) for x, v in zip(xs, fs)])
    k = int(np.argmax(vals))
    left, right = float(xs[max(k - 1, 0)]), float(xs[min(k + 1, SCAN_POINTS)])

    def g(x: float) -> float:
        return w1 * (_call(problem, x, caller) - d2) + w2 * (x - d1) * slope(problem, x)

    g_left, g_right = g(left), g(right)
    if g_left > 0 > g_right:
        x = float(brentq(g, left, right, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=200))
    elif g_left <= 0 and g_right <= 0:
        x = left
    else:
        x = right if g_right >= 0 else float(xs[k])
    x = _certify(problem, phi, x, left, right, caller)
    return np.array([x, _call(problem, x, caller)])


def certificate_gap(problem: BargainingProblem, w: np.ndarray, x: float, rel: float = 1e-9) -> float:
    """The weighted log Nash product at ``x`` minus its best value at ``x (1 +- rel)`` (inside the IR interval)."""
    d = problem.disagreement
    a, b = ir_interval(problem)

    def phi(t: float) -> float:
        ft = _call(problem, t, "certificate_gap")
        if t <= d[0] or ft <= d[1]:
            return -math.inf
        return float(w[0] * math.log(t - d[0]) + w[1] * math.log(ft - d[1]))

    step = rel * max(abs(x), b - a)
    near = [t for t in (x - step, x + step) if a <= t <= b]
    return phi(x) - max(phi(t) for t in near)


def _certify(
    problem: BargainingProblem, phi: Callable[[float, float], float], x: float, left: float, right: float, caller: str
) -> float:
    step = 1e-9 * max(abs(x), right - left)

    def value(t: float) -> float:
        return phi(t, _call(problem, t, caller))

    def beaten(t: float) -> bool:
        top = value(t)
        slack = 16 * np.finfo(float).eps * (1.0 + abs(top))
        return any(value(s) > top + slack for s in (t - step, t + step) if left <= s <= right)

    if not beaten(x):
        return x
    # a kink at the optimum seen through finite differences: the product has a sharp maximum there,
    # which a golden-section search (Kiefer 1953) on the verified-concave product finds to rounding
    lo, hi = left, right
    ratio = (math.sqrt(5.0) - 1.0) / 2.0
    c, e = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    vc, ve = value(c), value(e)
    while hi - lo > 4 * np.finfo(float).eps * max(abs(lo), abs(hi), 1e-300):
        if vc >= ve:
            hi, e, ve = e, c, vc
            c = hi - ratio * (hi - lo)
            vc = value(c)
        else:
            lo, c, vc = c, e, ve
            e = lo + ratio * (hi - lo)
            ve = value(e)
        if not lo < c < e < hi:  # pragma: no cover - rounding guard
            break
    y = max([x, c, e], key=value)
    if beaten(y):  # pragma: no cover - the scan has verified concavity
        raise GameError(f"{caller}: could not certify the Nash point near u1 = {y!r}; the frontier may not be concave there.")
    return y


def ideal(problem: BargainingProblem) -> np.ndarray:
    """The ideal point: each player's best payoff in the individually rational set."""
    d = problem.disagreement
    n = problem.n_players
    lo, hi = _bounds(problem)
    f = problem._frontier_value
    base = np.maximum(d[:-1], lo)
    out = np.empty(n)
    for i in range(n - 1):

        def g(v: float, i: int = i) -> float:
            y = base.copy()
            y[i] = v
            gap: float = f(y) - d[-1]
            return gap

        out[i] = hi[i] if g(hi[i]) >= 0 else brentq(g, base[i], hi[i], xtol=1e-15, rtol=4 * np.finfo(float).eps)
    out[-1] = f(base)
    return out


def ray(problem: BargainingProblem, direction: np.ndarray) -> np.ndarray:
    """The furthest point on ``d + t * direction`` in the set, pushed onto the frontier."""
    d = problem.disagreement
    lo, hi = _bounds(problem)
    f = problem._frontier_value
    head = direction[:-1]
    t_cap = float(np.min((hi - d[:-1]) / head))

    def g(t: float) -> float:
        p = d + t * direction
        gap: float = f(np.minimum(p[:-1], hi)) - p[-1]
        return gap

    t = t_cap if g(t_cap) >= 0 else brentq(g, 0.0, t_cap, xtol=1e-15, rtol=4 * np.finfo(float).eps)
    y = np.clip(d[:-1] + t * head, lo, hi)
    return np.append(y, f(y))


NASH_N_SAMPLES = 1024
"""Random points (and at most as many grid points) of the box sampled by :func:`nash_n_check`."""

_NASH_N_SEED = 20261205
_RESIDUAL_OK = 1e-9  # a relative first-order residual above this is not a stationary point (a kink)


def _phi(problem: BargainingProblem, w: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The weighted log Nash product at ``(y, f(y))`` (``-inf`` outside the IR set) and its rounding slack."""
    d = problem.disagreement
    gains = np.append(y - d[:-1], problem._frontier_value(y) - d[-1])
    if np.any(gains <= 0):
        return -math.inf, 0.0
    terms = w * np.log(gains)
    return float(terms.sum()), 16 * np.finfo(float).eps * (1.0 + float(np.abs(terms).sum()))


def _gradient(problem: BargainingProblem, y: np.ndarray, lo: np.ndarray, hi: np.ndarray, use_cs: bool) -> np.ndarray:
    """``grad f(y)``: complex step per coordinate when *use_cs*, else Ridders' extrapolation (one-sided at an edge)."""
    f = problem.frontier
    fv = problem._frontier_value
    assert f is not None
    m = y.size
    out = np.empty(m)
    for j in range(m):
        if use_cs:
            z = y.astype(complex)
            z[j] += complex(0.0, _CS_STEP)
            out[j] = complex(f(z)).imag / _CS_STEP
            continue

        def along(t: float, j: int = j) -> float:
            v = y.copy()
            v[j] = t
            return fv(v)

        h = min(1e-2 * (hi[j] - lo[j]), y[j] - lo[j], hi[j] - y[j])
        if h > 1e-9 * (1.0 + abs(y[j])):
            out[j] = _ridders(along, float(y[j]), h)
        else:  # at an edge of the box: a one-sided difference, inwards
            s = 1e-6 * (hi[j] - lo[j])
            out[j] = (along(y[j] + s) - along(y[j])) / s if y[j] - lo[j] < hi[j] - y[j] else (along(y[j]) - along(y[j] - s)) / s
    return out


def _complex_step_works(problem: BargainingProblem, y: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> bool:
    """Whether ``f`` takes complex arguments and its complex-step gradient agrees with Ridders' at *y*."""
    try:
        with warnings.catch_warnings():  # e.g. numpy's ComplexWarning when f drops the imaginary part
            warnings.simplefilter("ignore")
            cs = _gradient(problem, y, lo, hi, True)
    except Exception:  # noqa: BLE001 - f does not take complex arguments
        return False
    if not np.all(np.isfinite(cs)):
        return False
    cd = _gradient(problem, y, lo, hi, False)
    return bool(np.all(np.abs(cs - cd) <= 1e-5 * (1.0 + np.abs(cd))))


def _residuals(problem: BargainingProblem, w: np.ndarray, y: np.ndarray, grad: np.ndarray) -> np.ndarray:
    """Relative first-order residuals ``G_i / (w_i (f - d_n) + w_n |(y_i - d_i) f_i|)`` with
    ``G_i = w_i (f(y) - d_n) + w_n (y_i - d_i) f_i(y)``, the partial derivative of the log Nash product
    times the positive gains ``(y_i - d_i)(f(y) - d_n)``: in ``[-1, 1]``, unchanged by affine rescaling."""
    d = problem.disagreement
    top = w[:-1] * (problem._frontier_value(y) - d[-1])
    side = w[-1] * (y - d[:-1]) * grad
    out: np.ndarray = (top + side) / (top + np.abs(side))
    return out


def _hessian(
    problem: BargainingProblem, w: np.ndarray, y: np.ndarray, grad: np.ndarray, lo: np.ndarray, hi: np.ndarray, use_cs: bool
) -> np.ndarray:
    """An approximate Hessian of the log Nash product: exact in the log terms, ``f``'s Hessian by differences
    of its gradient; the negative definite part alone if the sum is not negative definite."""
    d = problem.disagreement
    gap = problem._frontier_value(y) - d[-1]
    base: np.ndarray = -np.diag(w[:-1] / (y - d[:-1]) ** 2) - w[-1] * np.outer(grad, grad) / gap**2
    m = y.size
    hf = np.empty((m, m))
    for j in range(m):
        h = 1e-5 * (hi[j] - lo[j])  # f is defined on [lo, hi]: one-sided at an edge
        up, down = y.copy(), y.copy()
        up[j] = min(y[j] + h, hi[j])
        down[j] = max(y[j] - h, lo[j])
        hf[:, j] = (_gradient(problem, up, lo, hi, use_cs) - _gradient(problem, down, lo, hi, use_cs)) / (up[j] - down[j])
    full: np.ndarray = base + w[-1] / gap * 0.5 * (hf + hf.T)
    try:
        np.linalg.cholesky(-full)
    except np.linalg.LinAlgError:
        return base
    return full


def _polish(problem: BargainingProblem, w: np.ndarray, y0: np.ndarray, use_cs: bool) -> tuple[np.ndarray, float]:
    """Newton's method on the first-order conditions, with bounds as an active set; never lowers the product.

    Returns the best point found and its largest relative KKT residual (free coordinates: ``|r_i|``;
    at an upper bound: ``max(0, -r_i)``; at a lower bound: ``max(0, r_i)``)."""
    d = problem.disagreement
    lo, hi = _bounds(problem)
    floor = np.maximum(lo, d[:-1])  # below d the product is -inf; below lo f is constant (free disposal)
    y = np.clip(y0, floor, hi)
    if np.any(y <= d[:-1]):  # pragma: no cover - SLSQP keeps 1e-12 above d
        y = np.where(y <= d[:-1], np.minimum(d[:-1] + 1e-9 * (hi - d[:-1]), hi), y)
    phi, slack = _phi(problem, w, y)
    if not np.isfinite(phi):  # pragma: no cover - SLSQP's answer is individually rational
        return y, math.inf
    grad = _gradient(problem, y, lo, hi, use_cs)
    r = _residuals(problem, w, y, grad)
    edge = 1e-7 * (hi - lo)
    upper = (y >= hi - edge) & (r > 0)
    lower = (y <= floor + edge) & (floor > d[:-1]) & (r < 0)
    y = np.where(upper, hi, np.where(lower, floor, y))

    def kkt(r: np.ndarray, upper: np.ndarray, lower: np.ndarray) -> tuple[float, float]:
        """The largest residual of the free coordinates, and the largest over all (bounds: wrong sign only)."""
        free = ~(upper | lower)
        own = float(np.abs(r[free]).max()) if free.any() else 0.0
        wrong = np.concatenate([np.maximum(0.0, -r[upper]), np.maximum(0.0, r[lower]), [0.0]])
        return own, max(own, float(wrong.max()))

    phi, slack = _phi(problem, w, y)
    grad = _gradient(problem, y, lo, hi, use_cs)
    r = _residuals(problem, w, y, grad)
    own, best = kkt(r, upper, lower)
    for _ in range(60):  # pragma: no branch - Newton stops long before 60 steps
        if best <= 4 * np.finfo(float).eps:
            break
        released = (upper & (r < -_RESIDUAL_OK)) | (lower & (r > _RESIDUAL_OK))
        if released.any() and own <= _RESIDUAL_OK:  # the free coordinates have settled: free a wrong-signed bound
            upper, lower = upper & ~released, lower & ~released
            own, best = kkt(r, upper, lower)
            continue
        free = ~(upper | lower)
        if not free.any():  # pragma: no cover - every coordinate at a bound with the right sign: done
            break
        gphi = w[:-1] / (y - d[:-1]) + w[-1] * grad / (problem._frontier_value(y) - d[-1])
        hess = _hessian(problem, w, y, grad, lo, hi, use_cs)
        step = np.zeros_like(y)
        step[free] = np.linalg.solve(hess[np.ix_(free, free)], -gphi[free])
        # the longest step inside the box (and above d): a coordinate reaching a bound becomes active
        room = np.full(y.size, math.inf)
        pos, neg = free & (step > 0), free & (step < 0)
        room[pos] = (hi[pos] - y[pos]) / step[pos]
        room[neg] = (floor[neg] - y[neg]) / step[neg]
        if np.any(neg & (floor <= d[:-1])):  # never reach d itself: stop halfway to it
            k = neg & (floor <= d[:-1])
            room[k] = 0.5 * (d[:-1][k] - y[k]) / step[k]
        t = min(1.0, float(room.min()))
        accepted = False
        while t > 1e-12:
            cand = y + t * step
            hit = (room <= t) & free & ~(neg & (floor <= d[:-1]))
            cand = np.where(hit & pos, hi, np.where(hit & neg, floor, np.clip(cand, floor, hi)))
            phi_c, slack_c = _phi(problem, w, cand)
            tol = max(slack, slack_c)
            # Armijo (1966): a quarter of the rise the gradient predicts, up to rounding; never a fall
            if phi_c >= phi - tol and phi_c - phi >= 0.25 * t * float(gphi @ step) - tol:
                grad_c = _gradient(problem, cand, lo, hi, use_cs)
                r_c = _residuals(problem, w, cand, grad_c)
                up_c, lo_c = upper | (hit & pos), lower | (hit & neg)
                own_c, best_c = kkt(r_c, up_c, lo_c)
                if phi_c > phi + tol or own_c < own:
                    y, phi, slack, grad, r, upper, lower = cand, phi_c, slack_c, grad_c, r_c, up_c, lo_c
                    own, best = own_c, best_c
                    accepted = True
                    break
            t *= 0.5
        if not accepted:
            if released.any():  # pragma: no cover - defensive: stalled with a wrong-signed bound, free it
                upper, lower = upper & ~released, lower & ~released
                own, best = kkt(r, upper, lower)
                continue
            break
    return y, best


def nash_n_check(problem: BargainingProblem, w: np.ndarray, y: np.ndarray, caller: str = "nash_solution") -> int:
    """Refuse *y* (GameError naming the better point) if a sampled point of the box has a larger weighted
    Nash product by more than rounding; return the number of points sampled.

    The sample: a grid of ``k**(n-1)`` points (``k`` the largest with ``k**(n-1) <= NASH_N_SAMPLES``, at
    least 2) and ``NASH_N_SAMPLES`` uniform points (seeded), over ``[max(lo, d), hi]``."""
    d = problem.disagreement
    lo, hi = _bounds(problem)
    floor = np.maximum(lo, d[:-1])
    m = y.size
    k = max(2, int(math.floor(NASH_N_SAMPLES ** (1.0 / m) + 1e-9)))
    total = k**m + NASH_N_SAMPLES
    check_count(total, "max_calls", "frontier-function calls", caller)
    grid = np.stack(np.meshgrid(*[np.linspace(a, b, k) for a, b in zip(floor, hi)], indexing="ij"), -1).reshape(-1, m)
    rng = np.random.default_rng(_NASH_N_SEED)
    points = np.vstack([grid, floor + (hi - floor) * rng.random((NASH_N_SAMPLES, m))])
    top, slack = _phi(problem, w, y)
    for p in points:
        v, s = _phi(problem, w, p)
        if v > top + max(slack, s):
            raise GameError(
                f"{caller}: the Nash product at the sampled point u = {np.append(p, problem._frontier_value(p)).tolist()!r} "
                f"beats the local maximum found at u = {np.append(y, problem._frontier_value(y)).tolist()!r}: "
                "the frontier is not concave (the feasible set is not convex), so the product has several local maxima."
            )
    return int(total)


def nash_n_residual(problem: BargainingProblem, w: np.ndarray, y: np.ndarray) -> float:
    """The largest relative first-order (KKT) residual of the weighted Nash product at ``(y, f(y))``
    (see :func:`_residuals`; bounds of the box count as active when *y* is on them)."""
    lo, hi = _bounds(problem)
    d = problem.disagreement
    floor = np.maximum(lo, d[:-1])
    use_cs = _complex_step_works(problem, y, lo, hi)
    r = _residuals(problem, w, y, _gradient(problem, y, lo, hi, use_cs))
    r = np.where(y >= hi, np.maximum(0.0, -r), np.where((y <= floor) & (floor > d[:-1]), np.maximum(0.0, r), np.abs(r)))
    return float(r.max())


def nash_n(problem: BargainingProblem, w: np.ndarray, caller: str = "nash_solution") -> np.ndarray:
    """n players: maximise ``sum_{i<n} w_i log(y_i - d_i) + w_n log(f(y) - d_n)`` over the box.

    1. SLSQP (ftol 1e-15) from halfway between ``max(d, lo)`` and the egalitarian ray's point.
    2. Polish (:func:`_polish`): Newton's method on the first-order conditions on the free coordinates,
       bounds of the box handled as an active set (a coordinate at ``hi`` needs a non-negative partial
       derivative, at ``lo > d`` a non-positive one; a wrong sign frees it), ``grad f`` by the complex step
       (Squire and Trapp 1998) when ``f`` takes complex arrays and agrees with Ridders' extrapolation of
       central differences (Ridders 1982), else by the latter; the Hessian by differences of the gradient
       (approximate: the fixed point is set by the gradient). A backtracking line search (Armijo 1966) keeps
       the steps in the box and never lowers the product beyond rounding. Where ``f`` has a kink at the
       optimum the conditions cannot be met and the best point found (at least SLSQP's, about 1e-8) is kept.
    3. Certify (:func:`nash_n_check`): no point of a seeded sample of the box (grid and uniform) beats the
       answer beyond rounding, else GameError naming the better point.

    Guarantee: the answer is a point where the relative first-order residual is at rounding level (about
    1e-15 with the complex step, 1e-13 with differences; :func:`nash_n_residual` reports it) unless ``f``
    has a kink there, and which no sampled point beats. Concavity of ``f`` in ``n - 1 >= 2`` variables cannot be checked exhaustively:
    a dent or bump missed by the sample can leave a local, non-global maximum.
    """
    d = problem.disagreement
    lo, hi = _bounds(problem)
    f = problem._frontier_value
    start = ray(problem, np.ones(problem.n_players))[:-1]
    start = 0.5 * start + 0.5 * np.maximum(d[:-1], lo)
    scale = 1e-12 * (1 + float(np.abs(d).max()))

    def neg(y: np.ndarray) -> float:
        g = np.append(y - d[:-1], f(y) - d[-1])
        return -float(w @ np.log(np.maximum(g, _TINY)))

    bounds = [(max(a, di + scale), b) for a, b, di in zip(lo, hi, d[:-1])]
    cons: list[Any] = [{"type": "ineq", "fun": lambda y: f(y) - d[-1] - scale}]
    res = minimize(neg, start, method="SLSQP", bounds=bounds, constraints=cons, options={"ftol": 1e-15, "maxiter": 500})
    y0 = np.clip(res.x, lo, hi)
    y = y0
    if np.isfinite(_phi(problem, w, y0)[0]):  # pragma: no branch - SLSQP's answer is individually rational
        use_cs = _complex_step_works(problem, y0, lo, hi)
        y, _ = _polish(problem, w, y0, use_cs)
    nash_n_check(problem, w, y, caller)
    return np.append(y, f(y))


def utilitarian(problem: BargainingProblem, nash: Callable[..., np.ndarray]) -> np.ndarray:
    """Maximise the sum of payoffs; two players: ties broken by the Nash point of the maximisers."""
    d = problem.disagreement
    f = problem._frontier_value
    lo, hi = _bounds(problem)
    if problem.n_players == 2:
        x_lo, x_hi = ir_interval(problem)

        def h(x: float) -> float:
            return x + f(np.array([x]))

        res = minimize_scalar(lambda x: -h(x), bounds=(x_lo, x_hi), method="bounded", options={"xatol": 1e-14})
        xs = min([x_lo, float(res.x), x_hi], key=lambda x: -h(x))
        top = h(xs)
        tol = 1e-12 * (1 + abs(top))
        delta = 1e-3 * (x_hi - x_lo)
        probes = [x for x in (xs - delta, xs + delta) if x_lo <= x <= x_hi]
        if any(h(x) >= top - tol for x in probes):  # a flat top: a segment of maximisers
            left = x_lo if h(x_lo) >= top - tol else brentq(lambda x: h(x) - top + tol, x_lo, xs)
            right = x_hi if h(x_hi) >= top - tol else brentq(lambda x: h(x) - top + tol, xs, x_hi)
            return nash(problem, np.ones(2), (left, right))
        return np.array([xs, f(np.array([xs]))])
    start = ray(problem, np.ones(problem.n_players))[:-1]
    bounds = [(max(a, di), b) for a, b, di in zip(lo, hi, d[:-1])]
    cons: list[Any] = [{"type": "ineq", "fun": lambda y: f(y) - d[-1]}]

    def neg_total(y: np.ndarray) -> float:
        total: float = -(y.sum() + f(y))
        return total

    res_n = minimize(neg_total, start, method="SLSQP", bounds=bounds, constraints=cons,
                     options={"ftol": 1e-15, "maxiter": 500})
    y = np.clip(res_n.x, lo, hi)
    return np.append(y, f(y))
