"""Private geometry of finite bargaining sets.

Two players: the individually rational Pareto frontier of the convex hull as an
exact polyline (Fractions when the inputs are rational, else floats), on which
every solution has a closed form. Any number of players: linear programs over
lottery weights (scipy HiGHS) and a concave program (SLSQP) with a polish on the
optimal face.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
from scipy.optimize import linprog, minimize

from ..exceptions import GameError

Node = tuple[Any, Any, dict[int, Any]]  # (x, y, lottery over point indices)


# ---------------------------------------------------------------------- two players
def no_dominance_error(d: np.ndarray) -> GameError:
    """The error of a bargaining problem in which nothing strictly beats the disagreement point *d*."""
    return GameError(
        f"BargainingProblem: no feasible point strictly dominates the disagreement point {d.tolist()}; "
        "there are no gains from agreement to bargain over."
    )


def _cross(o: Node, a: Node, b: Node) -> Any:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _interp(a: Node, b: Node, s: Any) -> Node:
    if s == 0:
        return a
    if s == 1:
        return b
    lot: dict[int, Any] = {}
    for j, p in a[2].items():
        lot[j] = lot.get(j, 0) + (1 - s) * p
    for j, p in b[2].items():
        lot[j] = lot.get(j, 0) + s * p
    return (a[0] + s * (b[0] - a[0]), a[1] + s * (b[1] - a[1]), lot)


def pareto_chain(points: Sequence[Sequence[Any]]) -> list[Node]:
    """Strongly Pareto-optimal vertices of conv(points), x increasing, y decreasing."""
    one = Fraction(1) if isinstance(points[0][0], Fraction) else 1.0
    pts: list[Node] = [(p[0], p[1], {j: one}) for j, p in enumerate(points)]
    ymax = max(p[1] for p in pts)
    top = max((p for p in pts if p[1] == ymax), key=lambda p: p[0])
    xmax = max(p[0] for p in pts)
    right = max((p for p in pts if p[0] == xmax), key=lambda p: p[1])
    best: dict[Any, Node] = {}
    for p in pts:
        if p[0] >= top[0] and p[1] >= right[1] and (p[0] not in best or p[1] > best[p[0]][1]):
            best[p[0]] = p
    chain: list[Node] = []
    for p in sorted(best.values(), key=lambda q: q[0]):
        while len(chain) >= 2 and _cross(chain[-2], chain[-1], p) >= 0:
            chain.pop()
        chain.append(p)
    return chain


def ir_frontier(points: Sequence[Sequence[Any]], d: Sequence[Any]) -> list[Node]:
    """The Pareto frontier of ``{x in conv(points) : x >= d}`` as a polyline.

    Raises GameError when no point of the hull strictly dominates ``d``.
    """
    chain = pareto_chain(points)
    d1, d2 = d
    err = no_dominance_error(np.array([float(d1), float(d2)]))
    if chain[-1][0] <= d1 or chain[0][1] <= d2:
        raise err
    j = next(k for k, p in enumerate(chain) if p[0] >= d1)
    if j > 0 and chain[j][0] > d1:
        a, b = chain[j - 1], chain[j]
        chain = [_interp(a, b, (d1 - a[0]) / (b[0] - a[0]))] + chain[j:]
    else:
        chain = chain[j:]
    if chain[0][1] <= d2:
        raise err
    j = max(k for k, p in enumerate(chain) if p[1] >= d2)
    if j < len(chain) - 1 and chain[j][1] > d2:
        a, b = chain[j], chain[j + 1]
        chain = chain[: j + 1] + [_interp(a, b, (a[1] - d2) / (a[1] - b[1]))]
    else:
        chain = chain[: j + 1]
    if chain[-1][0] <= d1:
        raise err
    return chain


def _nash_on_edge(a: Node, b: Node, d: Sequence[Any], w: Sequence[Any]) -> tuple[Any, bool]:
    """Unclipped maximiser ``s`` of ``w1 log(x - d1) + w2 log(y - d2)`` on the line a -> b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    s = -(w[0] * dx * (a[1] - d[1]) + w[1] * dy * (a[0] - d[0])) / ((w[0] + w[1]) * dx * dy)
    return s, s <= 1


def nash_chain(chain: list[Node], d: Sequence[Any], w: Sequence[Any]) -> Node:
    """Nash maximiser on a concave polyline (Nash 1950; asymmetric: Kalai 1977)."""
    for a, b in zip(chain, chain[1:]):
        s, inside = _nash_on_edge(a, b, d, w)
        if inside:
            return _interp(a, b, s if s > 0 else 0 * s)
    return chain[-1]


def ray_chain(chain: list[Node], d: Sequence[Any], direction: Sequence[Any]) -> Node:
    """Furthest point of the comprehensive set on the ray d + t*direction, made Pareto optimal."""
    left, right = chain[0], chain[-1]
    if len(chain) == 1:  # a single Pareto point (in floats the tests below can both fail by rounding)
        return left
    t = (left[1] - d[1]) / direction[1]
    if d[0] + t * direction[0] <= left[0]:
        return left
    t = (right[0] - d[0]) / direction[0]
    if d[1] + t * direction[1] <= right[1]:
        return right
    best: tuple[Any, Node, Node, Any] | None = None
    for a, b in zip(chain, chain[1:]):
        dx, dy = b[0] - a[0], b[1] - a[1]
        det = -direction[0] * dy + dx * direction[1]
        s = (direction[0] * (a[1] - d[1]) - direction[1] * (a[0] - d[0])) / det
        if 0 <= s <= 1:
            return _interp(a, b, s)
        miss = -s if s < 0 else s - 1
        if best is None or miss < best[0]:
            best = (miss, a, b, 0 * s if s < 0 else 0 * s + 1)
    # floats only: rounding put the hit just past a vertex of every edge; take that vertex
    assert best is not None
    return _interp(best[1], best[2], best[3])


def utilitarian_chain(chain: list[Node], d: Sequence[Any]) -> Node:
    """Maximal sum of payoffs; on a tie (an edge of slope -1) the symmetric Nash point of that edge."""
    sums = [p[0] + p[1] for p in chain]
    best = max(sums)
    idx = [k for k, s in enumerate(sums) if s == best]
    if len(idx) == 1 and len(chain) > 1:
        k = idx[0]
        # floats: treat a numerically flat neighbour as a tie
        for nb in (k - 1, k + 1):
            if 0 <= nb < len(chain) and isinstance(best, float) and abs(sums[nb] - best) <= 1e-12 * (1 + abs(best)):
                idx = sorted([k, nb])
    if len(idx) == 1:
        return chain[idx[0]]
    return nash_chain([chain[idx[0]], chain[idx[-1]]], d, [1, 1])


# ---------------------------------------------------------------------- n players
def _lp(c: np.ndarray, a_ub: Any, b_ub: Any, a_eq: Any, b_eq: Any, bounds: Any) -> Any:
    return linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")


def ideal_point(points: np.ndarray, d: np.ndarray) -> np.ndarray:
    """``a_i = max {x_i : x in conv(points), x >= d}`` by one LP per player."""
    m, n = points.shape
    out = np.empty(n)
    for i in range(n):
        res = _lp(-points[:, i], -points.T, -d, np.ones((1, m)), [1.0], [(0, None)] * m)
        out[i] = -res.fun
    return out


def lex_maxmin(
    points: np.ndarray, d: np.ndarray, scale: np.ndarray, *, extra_eq: tuple[np.ndarray, float] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Lexicographic maximin of the gains ``(x_i - d_i) / scale_i`` over conv(points) (Imai 1983).

    Returns the point and the lottery weights. Each round maximises the common
    normalised gain ``t`` of the free players, then fixes the players who cannot
    get more without lowering it.
    """
    m, n = points.shape
    tol = 1e-9 * (1.0 + float(np.abs(points).max()))
    free = list(range(n))
    floor = d.copy()
    lam = np.full(m, 1.0 / m)
    while free:
        # variables: lam (m), t; maximise t
        c = np.zeros(m + 1)
        c[-1] = -1.0
        rows, rhs = [], []
        for i in range(n):
            row = np.zeros(m + 1)
            row[:m] = -points[:, i]
            if i in free:
                row[-1] = scale[i]
                rhs.append(-d[i])
            else:
                rhs.append(-floor[i])
            rows.append(row)
        a_eq = np.zeros((1, m + 1))
        a_eq[0, :m] = 1.0
        b_eq = [1.0]
        if extra_eq is not None:
            row = np.zeros((1, m + 1))
            row[0, :m] = extra_eq[0]
            a_eq = np.vstack([a_eq, row])
            b_eq = [1.0, extra_eq[1]]
        bounds: list[tuple[float | None, float | None]] = [(0, None)] * m + [(None, None)]
        res = _lp(c, np.array(rows), np.array(rhs), a_eq, b_eq, bounds)
        if res.status != 0 and extra_eq is not None:  # pragma: no cover - the LP's optimal value, rounded up
            b_eq = [1.0, extra_eq[1] - tol]
            res = _lp(c, np.array(rows), np.array(rhs), a_eq, b_eq, bounds)
        t = float(res.x[-1])
        lam = res.x[:m]
        fixed_now = []
        for i in free:
            bnd = list(bounds)
            bnd[-1] = (t - 1e-12, t - 1e-12)
            cc = np.zeros(m + 1)
            cc[:m] = -points[:, i]
            r2 = _lp(cc, np.array(rows), np.array(rhs), a_eq, b_eq, bnd)
            if r2.status != 0 or -r2.fun <= d[i] + t * scale[i] + tol:
                fixed_now.append(i)
        if not fixed_now:  # pragma: no cover - numerical safeguard
            fixed_now = list(free)
        for i in fixed_now:
            floor[i] = d[i] + t * scale[i] - 1e-12
            free.remove(i)
    return points.T @ lam, lam


def nash_points(points: np.ndarray, d: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Lottery weights maximising ``sum w_i log(x_i - d_i)`` over conv(points) (SLSQP)."""
    m, n = points.shape
    from .._limits import check_bytes

    # SLSQP keeps dense working matrices of about (m + n) ** 2 entries
    check_bytes((m + n + 1) ** 2, 8, "entries of the SLSQP working matrices", "nash_solution")
    _, lam0 = lex_maxmin(points, d, np.ones(n))
    scale = 1.0 + float(np.abs(points).max())

    def fun(lam: np.ndarray) -> tuple[float, np.ndarray]:
        g = np.maximum(points.T @ lam - d, 1e-300)
        return -float(w @ np.log(g)), -(points @ (w / g))

    cons: list[Any] = [  # scipy-stubs types these dicts as a private TypedDict
        {"type": "eq", "fun": lambda lam: np.array([lam.sum() - 1.0]), "jac": lambda lam: np.ones((1, m))},
        {"type": "ineq", "fun": lambda lam: points.T @ lam - d - 1e-12 * scale, "jac": lambda lam: points.T},
    ]
    res = minimize(fun, lam0, jac=True, method="SLSQP", bounds=[(0.0, 1.0)] * m, constraints=cons,
                   options={"ftol": 1e-15, "maxiter": 1000})
    lam: np.ndarray = np.clip(res.x, 0.0, None)
    weights: np.ndarray = lam / lam.sum()
    return weights


def _certificate_gap(points: np.ndarray, d: np.ndarray, w: np.ndarray, x: np.ndarray) -> float:
    """Optimality gap of ``x`` for ``max sum w_i log(x_i - d_i)``: ``max_p nu . (p - x)`` with ``nu = w / (x - d)``.

    Zero exactly at the maximiser (the hyperplane ``nu . y = nu . x`` then supports the hull).
    """
    g = x - d
    if np.any(g <= 0):
        return float("inf")
    nu = w / g
    return float(max(0.0, float((points @ nu).max() - nu @ x)))


def _newton_on_face(
    points: np.ndarray, d: np.ndarray, w: np.ndarray, active: np.ndarray, x: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """Maximiser on the affine hull of the face ``points[active]`` (Newton from ``x``), with its lottery, or None."""
    face = points[active]
    base = face[0]
    diffs = face[1:] - base
    if diffs.size:
        _, sv, vt = np.linalg.svd(diffs)
        basis = vt[: int(np.sum(sv > 1e-10 * max(1.0, sv.max())))].T
    else:
        basis = np.zeros((points.shape[1], 0))
    z = basis.T @ (x - base)
    if np.any(base + basis @ z - d <= 0):
        return None
    for _ in range(50):
        gg = base + basis @ z - d
        grad = basis.T @ (w / gg)
        if grad.size == 0 or np.linalg.norm(grad) < 1e-15:
            break
        hess = -(basis.T * (w / gg**2)) @ basis
        try:
            step = np.linalg.solve(hess, -grad)
        except np.linalg.LinAlgError:  # a wrong face guess can leave the feasible region's scale
            return None
        if not np.all(np.isfinite(step)):
            return None
        a = 1.0
        while np.any(base + basis @ (z + a * step) - d <= 0) and a > 1e-12:
            a /= 2
        z = z + a * step
        if np.linalg.norm(a * step) < 1e-15 * (1 + np.linalg.norm(z)):
            break
    xx = base + basis @ z
    from ._lottery import lottery_lp

    sub = lottery_lp(face, xx)
    if sub is None or np.any(xx - d <= 0):
        return None
    full = np.zeros(points.shape[0])
    full[active] = sub
    return points.T @ full, full


def polish_face(
    points: np.ndarray, d: np.ndarray, w: np.ndarray, lam: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Refine a Nash maximiser on its optimal face by Newton's method on the face's affine hull.

    The face is guessed from the points nearly on the supporting hyperplane at
    the approximate maximiser, for a range of tolerances (an approximate
    maximiser can be far enough off to miss a vertex of the true face at a fixed
    tolerance); the candidate with the smallest optimality gap (see
    ``_certificate_gap``) is kept.
    """
    x = points.T @ lam
    best = (_certificate_gap(points, d, w, x), x, lam)
    if not np.isfinite(best[0]):  # pragma: no cover - SLSQP keeps x > d
        return x, lam
    nu = w / (x - d)
    vals = points @ nu
    top = float(vals.max())
    seen: set[tuple[int, ...]] = set()
    for rel in (1e-9, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2):
        active = np.flatnonzero(vals >= top - rel * max(1.0, abs(top)))
        key = tuple(active.tolist())
        if key in seen:
            continue
        seen.add(key)
        cand = _newton_on_face(points, d, w, active, x)
        if cand is not None:
            gap = _certificate_gap(points, d, w, cand[0])
            if gap < best[0]:
                best = (gap, cand[0], cand[1])
    return best[1], best[2]


def facet_closed_form(
    points: Sequence[Sequence[Fraction]], d: Sequence[Fraction], w: Sequence[Fraction], active: np.ndarray
) -> list[Fraction] | None:
    """Exact Nash point when the optimal face spans a Pareto facet ``nu . x = c`` with ``nu > 0``.

    On the hyperplane the maximiser of ``sum w_i log(x_i - d_i)`` is
    ``x_i = d_i + w_i (c - nu . d) / (W nu_i)`` with ``W = sum w``.
    """
    from .._exact import nullspace

    face = [points[j] for j in active]
    n = len(d)
    diffs = [[face[k][i] - face[0][i] for i in range(n)] for k in range(1, len(face))]
    if not diffs:
        return None
    ns = nullspace(diffs)
    if len(ns) != 1:
        return None
    nu = ns[0]
    if all(v < 0 for v in nu):
        nu = [-v for v in nu]
    if not all(v > 0 for v in nu):
        return None
    c = sum(a * b for a, b in zip(nu, face[0]))
    slack = c - sum(a * b for a, b in zip(nu, d))
    total = sum(w)
    return [d[i] + w[i] * slack / (total * nu[i]) for i in range(n)]


def check_weights(weights: Any, n: int, caller: str) -> list[Any]:
    """Validate bargaining weights: n positive finite numbers (exact rationals kept)."""
    from .._validation import is_rational_scalar, to_fraction
    from ._checks import real_vector

    if weights is None:
        return [Fraction(1)] * n
    arr, raw = real_vector(weights, "weights", caller)
    if arr.shape != (n,):
        raise GameError(f"{caller}: weights must have one entry per player ({n}); got shape {arr.shape}: {weights!r}.")
    if np.any(arr <= 0):
        raise GameError(f"{caller}: weights must be positive and finite; got {list(np.asarray(weights).tolist())}.")
    if all(is_rational_scalar(x) for x in raw):
        return [to_fraction(x) for x in raw]
    return [float(x) for x in arr]
