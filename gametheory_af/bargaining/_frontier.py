"""Private solvers for bargaining sets given by a concave Pareto frontier function."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy.optimize import brentq, minimize, minimize_scalar

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


def nash_2(problem: BargainingProblem, w: np.ndarray, interval: tuple[float, float] | None = None) -> np.ndarray:
    """Two players: maximise ``w1 log(u1 - d1) + w2 log(f(u1) - d2)`` (bounded Brent search)."""
    d = problem.disagreement
    f = problem._frontier_value
    x_lo, x_hi = ir_interval(problem) if interval is None else interval

    def neg(x: float) -> float:
        value: float = -(w[0] * np.log(max(x - d[0], _TINY)) + w[1] * np.log(max(f(np.array([x])) - d[1], _TINY)))
        return value

    if x_hi - x_lo <= 1e-15 * (1 + abs(x_hi)):
        x = x_hi
    else:
        res = minimize_scalar(neg, bounds=(x_lo, x_hi), method="bounded", options={"xatol": 1e-14})
        x = float(res.x)
    return np.array([x, f(np.array([x]))])


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
