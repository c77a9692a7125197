"""Compiled kernels of :func:`~gametheory_af.solvers.polynomial.polynomial_enumeration` (issue 14).

Each kernel is written in plain loops over scalars and compiled by numba
(``cache=True``) when numba is installed; :mod:`~gametheory_af.solvers.polynomial`
then calls it instead of its numpy route, which stays the reference (and the
route without numba). The kernels compute the same quantities with the same
comparisons, so that the numpy route's answers are kept: small games spend most
of the numpy route in numpy's overhead per call, not in arithmetic.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._jit import njit


def _dominated_supports(
    Uf: np.ndarray,
    Rf: np.ndarray,
    weak: bool,
    shape: np.ndarray,
    codes: np.ndarray,
    counts: np.ndarray,
    eps: float,
) -> np.ndarray:  # pragma: no cover - compiled by numba; the same decisions as the numpy route
    """Which support profiles hold a conditionally dominated support strategy (flat, row-major over *counts*).

    *Uf* (n, prod(shape)) holds each player's normalised payoffs, flattened
    row-major; *Rf* the same for the raw payoffs, used when *weak*. ``codes[k, c]``
    is the bit mask of player k's support number c (``counts[k]`` of them).
    Strategy a of a support is dominated given the others' supports when some
    strategy b beats it by more than *eps* against each of their profiles
    (strict), or, with *weak*, is at least as good against all and better
    against one (:func:`~gametheory_af.solvers.polynomial._admissible_supports`).
    """
    n = shape.shape[0]
    total = 1
    for k in range(n):
        total *= counts[k]
    bad = np.zeros(total, dtype=np.bool_)
    stride = np.ones(n, dtype=np.int64)
    for k in range(n - 2, -1, -1):
        stride[k] = stride[k + 1] * shape[k + 1]
    for i in range(n):
        si = shape[i]
        C = 1
        P = 1
        for k in range(n):
            if k != i:
                C *= counts[k]
                P *= shape[k]
        # U[a, p], R[a, p]: player i's payoffs with his strategy a, the others' profile p (row-major)
        U = np.empty((si, P))
        R = np.empty((si, P))
        for p in range(P):
            pp = p
            base = 0
            for k in range(n - 1, -1, -1):
                if k != i:
                    base += (pp % shape[k]) * stride[k]
                    pp //= shape[k]
            for a in range(si):
                U[a, p] = Uf[i, base + a * stride[i]]
                R[a, p] = Rf[i, base + a * stride[i]] if weak else 0.0
        dom = np.zeros((C, si), dtype=np.bool_)
        inc = np.zeros(P, dtype=np.bool_)
        for c in range(C):
            for p in range(P):
                ok = True
                cc = c
                pp = p
                for k in range(n - 1, -1, -1):
                    if k == i:
                        continue
                    ck = cc % counts[k]
                    cc //= counts[k]
                    pk = pp % shape[k]
                    pp //= shape[k]
                    if (codes[k, ck] >> pk) & 1 == 0:
                        ok = False
                inc[p] = ok
            for a in range(si):
                for b in range(si):
                    if b == a:
                        continue
                    mn = np.inf
                    ge = True
                    gt = False
                    for p in range(P):
                        if inc[p]:
                            v = U[b, p] - U[a, p]
                            if v < mn:
                                mn = v
                            if weak:
                                if not R[b, p] >= R[a, p]:
                                    ge = False
                                if R[b, p] > R[a, p]:
                                    gt = True
                    if mn > eps or (weak and ge and gt):
                        dom[c, a] = True
                        break
        for f in range(total):
            ff = f
            c = 0
            mult = 1
            ci = 0
            for k in range(n - 1, -1, -1):
                fk = ff % counts[k]
                ff //= counts[k]
                if k == i:
                    ci = fk
                else:
                    c += fk * mult
                    mult *= counts[k]
            for a in range(si):
                if (codes[i, ci] >> a) & 1 == 1 and dom[c, a]:
                    bad[f] = True
                    break
    return bad


def _trilinear_roots(
    coef: np.ndarray, degen: float, reach: float, cond_max: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled by numba; tested against the numpy route
    """:func:`~gametheory_af.solvers.polynomial._trilinear` one system at a time, in scalars.

    *coef* is (12, B): the coefficients ``a0..a3, b0..b3, c0..c3`` of each
    system. The same formulas, tests and Newton polish as the numpy route
    (whose docstring explains them); returns ok (B,), X (2, B, 3), sel (2, B).
    """
    B = coef.shape[1]
    ok = np.zeros(B, dtype=np.bool_)
    X = np.zeros((2, B, 3))
    sel = np.zeros((2, B), dtype=np.bool_)
    J = np.zeros((3, 3))
    F = np.zeros((3, 1))
    for b in range(B):
        a0, a1, a2, a3 = coef[0, b], coef[1, b], coef[2, b], coef[3, b]
        b0, b1, b2, b3 = coef[4, b], coef[5, b], coef[6, b], coef[7, b]
        c0, c1, c2, c3 = coef[8, b], coef[9, b], coef[10, b], coef[11, b]
        amax = max(max(max(abs(a0), abs(a1)), abs(a2)), abs(a3))
        bmax = max(max(max(abs(b0), abs(b1)), abs(b2)), abs(b3))
        cmax = max(max(max(abs(c0), abs(c1)), abs(c2)), abs(c3))
        okb = (abs(a0 * a3 - a1 * a2) > degen * amax**2) and (abs(b0 * b3 - b1 * b2) > degen * bmax**2)
        q0 = c0 * a1 * b1 - c1 * a1 * b0 - c2 * a0 * b1 + c3 * a0 * b0
        q1 = (
            c0 * (a1 * b3 + a3 * b1)
            - c1 * (a3 * b0 + a1 * b2)
            - c2 * (a0 * b3 + a2 * b1)
            + c3 * (a0 * b2 + a2 * b0)
        )
        q2 = c0 * a3 * b3 - c1 * a3 * b2 - c2 * a2 * b3 + c3 * a2 * b2
        qmax = max(max(abs(q0), abs(q1)), abs(q2))
        okb = okb and qmax > degen * amax * bmax * cmax
        disc = q1 * q1 - 4.0 * q2 * q0
        dscale = q1 * q1 + 4.0 * abs(q2 * q0)
        const = (abs(q2) <= degen * qmax) and (abs(q1) <= degen * qmax)
        okb = okb and (const or abs(disc) > degen * dscale)
        real = okb and not const and disc > 0
        t = -0.5 * (q1 + np.copysign(np.sqrt(disc if real else 0.0), q1))
        for r in range(2):
            if not real:
                continue  # NaN roots: never near
            z = t / q2 if r == 0 else q0 / t
            x = -(b0 + b2 * z) / (b1 + b3 * z)
            y = -(a0 + a2 * z) / (a1 + a3 * z)
            if not (np.isfinite(x) and np.isfinite(y) and np.isfinite(z)):
                continue
            if min(min(x, y), z) < -reach or max(max(x, y), z) > 1.0 + reach:
                continue
            good = True
            for _ in range(3):
                F[0, 0] = a0 + a1 * y + a2 * z + a3 * y * z
                F[1, 0] = b0 + b1 * x + b2 * z + b3 * x * z
                F[2, 0] = c0 + c1 * x + c2 * y + c3 * x * y
                J[0, 0], J[0, 1], J[0, 2] = 0.0, a1 + a3 * z, a2 + a3 * y
                J[1, 0], J[1, 1], J[1, 2] = b1 + b3 * z, 0.0, b2 + b3 * x
                J[2, 0], J[2, 1], J[2, 2] = c1 + c3 * y, c2 + c3 * x, 0.0
                if good:
                    if not np.isfinite(J).all():
                        good = False
                    else:
                        sv = np.linalg.svd(J)[1]
                        good = sv[0] / sv[2] < cond_max
                if not good:
                    continue
                dx = np.linalg.solve(J, F)
                if not (np.isfinite(dx).all() and np.abs(dx).max() < 1e-6):
                    good = False
                    continue
                x -= dx[0, 0]
                y -= dx[1, 0]
                z -= dx[2, 0]
            X[r, b, 0], X[r, b, 1], X[r, b, 2] = x, y, z
            if good:
                sel[r, b] = True
            else:
                okb = False
        ok[b] = okb
        if not okb:
            sel[0, b] = False
            sel[1, b] = False
    return ok, X, sel


def _regrets(Uf: np.ndarray, shape: np.ndarray, sig: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled by numba
    """Largest regret of each of a stack of profiles: (P,).

    *Uf* (n, prod(shape)) holds the payoffs flattened row-major; *sig*
    (P, n, s_max) the profiles, zero-padded. The same quantity as
    :func:`~gametheory_af.solvers.polynomial._batched_regret`, summed in another order.
    """
    n = shape.shape[0]
    P = sig.shape[0]
    total = Uf.shape[1]
    smax = sig.shape[2]
    out = np.zeros(P)
    pay = np.zeros(smax)
    idx = np.zeros(n, dtype=np.int64)
    for c in range(P):
        worst = 0.0
        for i in range(n):
            for a in range(shape[i]):
                pay[a] = 0.0
            for k in range(n):
                idx[k] = 0
            for f in range(total):
                w = 1.0
                for k in range(n):
                    if k != i:
                        w *= sig[c, k, idx[k]]
                pay[idx[i]] += w * Uf[i, f]
                for k in range(n - 1, -1, -1):  # next profile, row-major
                    idx[k] += 1
                    if idx[k] < shape[k]:
                        break
                    idx[k] = 0
            best = pay[0]
            got = 0.0
            for a in range(shape[i]):
                best = max(best, pay[a])
                got += pay[a] * sig[c, i, a]
            worst = max(worst, best - got)
        out[c] = worst
    return out


def _square_linear(
    Ki: np.ndarray, Kj: np.ndarray, cond_max: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled by numba; tested against the numpy route
    """:func:`~gametheory_af.solvers.polynomial._linear` for square systems, one at a time.

    *Ki*, *Kj* (B, l, l). A system is settled when both matrices' 2-norm
    condition numbers (from their singular values) are below *cond_max*; then
    ``Ki sigma_j = e`` and ``Kj sigma_i = e`` (e the last unit vector) are
    solved. Returns ok (B,), and sigma_i, sigma_j (B, l) (rows of unsettled systems zero).
    """
    B, l = Ki.shape[0], Ki.shape[1]
    ok = np.zeros(B, dtype=np.bool_)
    si = np.zeros((B, l))
    sj = np.zeros((B, l))
    e = np.zeros((l, 1))
    e[l - 1, 0] = 1.0
    for b in range(B):
        A = np.ascontiguousarray(Ki[b])
        C = np.ascontiguousarray(Kj[b])
        if not (np.isfinite(A).all() and np.isfinite(C).all()):
            continue
        sa = np.linalg.svd(A)[1]
        sc = np.linalg.svd(C)[1]
        if not (sa[0] / sa[l - 1] < cond_max and sc[0] / sc[l - 1] < cond_max):
            continue
        ok[b] = True
        sj[b] = np.linalg.solve(A, e)[:, 0]
        si[b] = np.linalg.solve(C, e)[:, 0]
    return ok, si, sj


def _contract(
    cur: np.ndarray, dims: np.ndarray, nd: int, q: int, V: np.ndarray, nv: int, sk: int, out: np.ndarray
) -> int:  # pragma: no cover - compiled by numba
    """Contract axis *q* (length *sk*) of the row-major tensor *cur* (dims ``dims[:nd]``) with ``V[:nv, :sk]``.

    Writes ``out[v, a, c] = sum_s V[v, s] cur[a, s, c]`` (the new vertex axis in
    front) and updates *dims* in place; returns the new number of axes.
    """
    A = 1
    for t in range(q):
        A *= dims[t]
    C = 1
    for t in range(q + 1, nd):
        C *= dims[t]
    for v in range(nv):
        for a in range(A):
            for c in range(C):
                acc = 0.0
                for s in range(sk):
                    acc += V[v, s] * cur[(a * sk + s) * C + c]
                out[(v * A + a) * C + c] = acc
    for t in range(q, 0, -1):
        dims[t] = dims[t - 1]
    dims[0] = nv
    return nd


def _box_ranges(
    D: np.ndarray,
    shape: np.ndarray,
    offsets: np.ndarray,
    rows: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    active: np.ndarray,
    bits: np.ndarray,
    point: bool,
    jacobian: bool,
    alive: np.ndarray,
    prune: bool,
    eps_rel: float,
    tol_n: float,
    margin: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled by numba
    """:meth:`~gametheory_af.solvers.polynomial._Systems.ranges`, one box at a time.

    ``D[row, i, j, p]`` is equation (i, j) of support system *row* at the
    others' pure profile p (row-major); ``bits[k, v, t]`` the vertex v of
    player k's box (2^(s_k - 1) of them; with *point* only vertex 0, lo itself).
    Each equation's polynomial is contracted with the vertex strategies of every
    other player, one player at a time; its range is the min and max over the
    vertex combinations (exact for a polynomial affine in each player's
    variables) and its centre value their mean. Returns gmin, gmax, the centre
    values (inactive rows: the box's centre) (B, d), and the Jacobian's Jmin,
    Jmax (B, d, d) with inactive rows ``x = 0`` (all zeros without *jacobian*).

    Boxes with ``alive[b]`` False are skipped (their outputs are meaningless).
    With *prune*, a box that the values exclude (as
    :func:`~gametheory_af.solvers.polynomial._step` tests them: an active row's
    range clear of zero, or an inactive row's minimum above *tol_n*, both
    beyond the margin ``eps_rel (1 + |gmin| + |gmax|)``) gets ``alive[b] = False``
    and no Jacobian. *alive* is updated in place. With *prune*, each box is
    first cut to the simplex, as :func:`~gametheory_af.solvers.polynomial._step`
    does: player k's probabilities sum to at most ``1 + margin`` (else the box
    is excluded), so ``hi`` of each is lowered to ``lo`` plus the slack (*hi*
    is updated in place).
    """
    n = shape.shape[0]
    B = rows.shape[0]
    d = offsets[n]
    smax = 1
    for k in range(n):
        smax = max(smax, shape[k])
    nvert = np.ones(n, dtype=np.int64)
    size = 1
    for k in range(n):
        if not point:
            nvert[k] = 1 << (shape[k] - 1)
        size *= max(shape[k], nvert[k])
    size *= smax
    gmin = np.zeros((B, d))
    gmax = np.zeros((B, d))
    gcen = np.zeros((B, d))
    Jmin = np.zeros((B, d, d))
    Jmax = np.zeros((B, d, d))
    V = np.zeros((n, smax if point else 1 << (smax - 1), smax))
    buf0 = np.zeros(size)
    buf1 = np.zeros(size)
    dims = np.zeros(2 * n + 2, dtype=np.int64)
    for b in range(B):
        if prune:
            for k in range(n):
                if shape[k] > 1:
                    tot = 0.0
                    for t in range(offsets[k], offsets[k + 1]):
                        tot += lo[b, t]
                    slack = 1.0 + margin - tot
                    if not slack >= 0:
                        alive[b] = False
                    for t in range(offsets[k], offsets[k + 1]):
                        hi[b, t] = min(hi[b, t], lo[b, t] + slack)
        if not alive[b]:
            continue
        row = rows[b]
        for k in range(n):
            a = shape[k] - 1
            for v in range(nvert[k]):
                tot = 0.0
                for t in range(a):
                    lt = lo[b, offsets[k] + t]
                    x = lt + bits[k, v, t] * (hi[b, offsets[k] + t] - lt)
                    V[k, v, t + 1] = x
                    tot += x
                V[k, v, 0] = 1.0 - tot
        for phase in range(2):  # the values, then (for a box not excluded by them) the Jacobian
            if phase == 1:
                if prune:
                    for t in range(d):
                        lo_t = gmin[b, t]
                        hi_t = gmax[b, t]
                        eps = eps_rel * (1.0 + abs(lo_t) + abs(hi_t))
                        if active[row, t]:
                            if lo_t > eps or hi_t < -eps:
                                alive[b] = False
                        elif lo_t > tol_n + eps:
                            alive[b] = False
                    if not alive[b]:
                        break
                if not jacobian:
                    break
            for i in range(n):
                if shape[i] == 1 or n == 1:
                    continue
                r = shape[i] - 1
                P = 1
                for k in range(n):
                    if k != i:
                        P *= shape[k]
                for keep in range(-1, n):  # -1: the values; k: the Jacobian's block of player k
                    if (phase == 0) != (keep < 0):
                        continue
                    if keep == i or (keep >= 0 and (not jacobian or shape[keep] == 1)):
                        continue
                    for t in range(r * P):
                        buf0[t] = D[row, i, t // P, t % P]
                    nd = 0
                    dims[nd] = r
                    nd += 1
                    for k in range(n):
                        if k != i:
                            dims[nd] = shape[k]
                            nd += 1
                    cur, nxt = buf0, buf1
                    # contract the others' strategy axes from the last: axis q of player k is
                    # (vertex axes so far) + 1 + (its rank among the others)
                    nvs = 0
                    rank = n - 2
                    for k in range(n - 1, -1, -1):
                        if k == i:
                            continue
                        if k != keep:
                            _contract_jit(cur, dims, nd, nvs + 1 + rank, V[k], nvert[k], shape[k], nxt)
                            cur, nxt = nxt, cur
                            nvs += 1
                        rank -= 1
                    M = 1
                    for t in range(nvs):
                        M *= dims[t]
                    if keep < 0:
                        for j in range(r):
                            mn = np.inf
                            mx = -np.inf
                            tot = 0.0
                            for m in range(M):
                                val = cur[m * r + j]
                                mn = min(mn, val)
                                mx = max(mx, val)
                                tot += val
                            gmin[b, offsets[i] + j] = mn
                            gmax[b, offsets[i] + j] = mx
                            gcen[b, offsets[i] + j] = tot / M
                    else:
                        sk = shape[keep]
                        for j in range(r):
                            for l in range(sk - 1):
                                mn = np.inf
                                mx = -np.inf
                                for m in range(M):
                                    base = (m * r + j) * sk
                                    val = cur[base + l + 1] - cur[base]
                                    mn = min(mn, val)
                                    mx = max(mx, val)
                                Jmin[b, offsets[i] + j, offsets[keep] + l] = mn
                                Jmax[b, offsets[i] + j, offsets[keep] + l] = mx
        for t in range(d):
            if not active[row, t]:
                gcen[b, t] = (lo[b, t] + hi[b, t]) / 2
                for c in range(d):
                    Jmin[b, t, c] = 0.0
                    Jmax[b, t, c] = 0.0
                Jmin[b, t, t] = 1.0
                Jmax[b, t, t] = 1.0
    return gmin, gmax, gcen, Jmin, Jmax


def _krawczyk(
    lo: np.ndarray,
    hi: np.ndarray,
    act: np.ndarray,
    gc: np.ndarray,
    Jmin: np.ndarray,
    Jmax: np.ndarray,
    split: bool,
    min_width: float,
    inv_max: float,
) -> tuple[np.ndarray, ...]:  # pragma: no cover - compiled by numba; tested against the numpy route of _step
    """Krawczyk's test and contraction of each box, as :func:`~gametheory_af.solvers.polynomial._step` does it.

    ``Y`` is the inverse of the Jacobian's midpoint (zero, and the box not
    tested, when that is singular, not finite or larger than *inv_max*), the
    Krawczyk image ``K = c - Y g(c) + [-r, r]`` with ``r = |I - Y Jmid| rad +
    |Y| Jrad rad``. Returns Y (B, d, d), the flags verified, tiny, bisect and
    shrink (B,), the contracted boxes nlo, nhi (B, d) and their widths (B,).
    """
    B, d = lo.shape
    Y = np.zeros((B, d, d))
    verified = np.zeros(B, dtype=np.bool_)
    tiny = np.zeros(B, dtype=np.bool_)
    bisect = np.zeros(B, dtype=np.bool_)
    shrink = np.zeros(B, dtype=np.bool_)
    nlo = lo.copy()
    nhi = hi.copy()
    width_new = np.zeros(B)
    Jmid = np.zeros((d, d))
    klo = np.zeros(d)
    khi = np.zeros(d)
    for b in range(B):
        for i in range(d):
            for j in range(d):
                Jmid[i, j] = (Jmin[b, i, j] + Jmax[b, i, j]) / 2
        ok = np.isfinite(Jmid).all() and np.linalg.det(Jmid) != 0.0
        if ok:
            inv = np.linalg.inv(Jmid)
            if not np.isfinite(inv).all() or np.abs(inv).max() > inv_max:
                ok = False
            else:
                Y[b] = inv
        if ok:
            for i in range(d):
                ci = (lo[b, i] + hi[b, i]) / 2
                yg = 0.0
                kr1 = 0.0  # |I - Y Jmid| rad
                kr2 = 0.0  # (|Y| Jrad) rad
                for j in range(d):
                    yg += Y[b, i, j] * gc[b, j]
                    yjm = 0.0
                    yj = 0.0
                    for t in range(d):
                        yjm += Y[b, i, t] * Jmid[t, j]
                        yj += abs(Y[b, i, t]) * ((Jmax[b, t, j] - Jmin[b, t, j]) / 2)
                    m = (1.0 if i == j else 0.0) - yjm
                    rj = (hi[b, j] - lo[b, j]) / 2
                    kr1 += abs(m) * rj
                    kr2 += yj * rj
                kr = kr1 + kr2
                kc = ci - yg
                klo[i] = kc - kr
                khi[i] = kc + kr
                if not (np.isfinite(klo[i]) and np.isfinite(khi[i])):
                    ok = False
        inside = ok
        disjoint = False
        if ok:
            for i in range(d):
                if act[b, i]:
                    if not (klo[i] > lo[b, i] and khi[i] < hi[b, i]):
                        inside = False
                    if klo[i] > hi[b, i] or khi[i] < lo[b, i]:
                        disjoint = True
            disjoint = disjoint and ok
        verified[b] = inside and not disjoint
        rest = not inside and not disjoint
        w_old = -np.inf
        w_new = -np.inf
        for i in range(d):
            if ok and act[b, i]:
                nlo[b, i] = max(lo[b, i], klo[i])
                nhi[b, i] = min(hi[b, i], khi[i])
            w_old = max(w_old, hi[b, i] - lo[b, i] if act[b, i] else 0.0)
            w_new = max(w_new, nhi[b, i] - nlo[b, i] if act[b, i] else 0.0)
        width_new[b] = w_new
        tiny[b] = rest and (w_new < min_width if split else True)
        bisect[b] = rest and not tiny[b] and w_new > 0.7 * w_old
        shrink[b] = rest and not tiny[b] and not bisect[b]
    return Y, verified, tiny, bisect, shrink, nlo, nhi, width_new


def _bisect(
    rows: np.ndarray, lo: np.ndarray, hi: np.ndarray, act: np.ndarray, maxw: np.ndarray, nsplit: int, at: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled by numba; tested against the numpy route
    """The bisection of :func:`~gametheory_af.solvers.polynomial._step`, in the same order.

    *nsplit* rounds: each box's widest active side (the first of equal ones) is
    split at the fraction *at* when it is at least ``0`` (first round) or half
    (later rounds) of the box's width *maxw*; the boxes not split come first,
    then the lower halves, then the upper halves. Returns rows, lo, hi.
    """
    d = lo.shape[1]
    for t in range(nsplit):
        B = rows.shape[0]
        jw = np.zeros(B, dtype=np.int64)
        do = np.zeros(B, dtype=np.bool_)
        nd = 0
        for b in range(B):
            best = -np.inf
            jb = 0
            for i in range(d):
                w = hi[b, i] - lo[b, i] if act[b, i] else -1.0
                if w > best:
                    best = w
                    jb = i
            jw[b] = jb
            do[b] = best >= (0.0 if t == 0 else 0.5) * maxw[b]
            if do[b]:
                nd += 1
        if nd == 0:
            break
        M = B + nd
        rows2 = np.empty(M, dtype=rows.dtype)
        lo2 = np.empty((M, d))
        hi2 = np.empty((M, d))
        act2 = np.empty((M, d), dtype=np.bool_)
        maxw2 = np.empty(M)
        q = 0
        for b in range(B):
            if not do[b]:
                rows2[q] = rows[b]
                lo2[q] = lo[b]
                hi2[q] = hi[b]
                act2[q] = act[b]
                maxw2[q] = maxw[b]
                q += 1
        for half in range(2):
            for b in range(B):
                if do[b]:
                    j = jw[b]
                    mid = lo[b, j] + at * (hi[b, j] - lo[b, j])
                    rows2[q] = rows[b]
                    lo2[q] = lo[b]
                    hi2[q] = hi[b]
                    if half == 0:
                        hi2[q, j] = mid
                    else:
                        lo2[q, j] = mid
                    act2[q] = act[b]
                    maxw2[q] = maxw[b]
                    q += 1
        rows, lo, hi, act, maxw = rows2, lo2, hi2, act2, maxw2
    return rows, lo, hi


_COMPILED: dict[str, Any] = {}
#: The compiled :func:`_contract`, referenced by the compiled :func:`_box_ranges`.
_contract_jit: Any = None


def kernels() -> dict[str, Any] | None:
    """The numba-compiled kernels by name, or None without numba (then the numpy routes run)."""
    if not _COMPILED:
        jit = njit(error_model="numpy")
        if jit is None:  # pragma: no cover - depends on the environment
            _COMPILED["none"] = None
        else:
            _COMPILED["dominated"] = jit(_dominated_supports)
            _COMPILED["trilinear"] = jit(_trilinear_roots)
            _COMPILED["regrets"] = jit(_regrets)
            _COMPILED["linear"] = jit(_square_linear)
            global _contract_jit
            _contract_jit = jit(_contract)
            _COMPILED["ranges"] = jit(_box_ranges)
            _COMPILED["krawczyk"] = jit(_krawczyk)
            _COMPILED["bisect"] = jit(_bisect)
    if "none" in _COMPILED:  # pragma: no cover - depends on the environment
        return None
    return _COMPILED
