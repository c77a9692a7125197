"""Private solvers for bargaining sets given by a concave Pareto frontier function."""

from __future__ import annotations

import math
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


def nash_n(problem: BargainingProblem, w: np.ndarray) -> np.ndarray:
    """n players: maximise the weighted Nash product over the frontier (SLSQP)."""
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
    y = np.clip(res.x, lo, hi)
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
