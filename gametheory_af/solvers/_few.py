"""A few equilibria (one, or up to k) of a game, fast, each polished and certified by its regret.

Used by :func:`~gametheory_af.solvers.dispatch.nash_equilibria` with ``max_equilibria=k``.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Iterator
from itertools import combinations
from typing import Any

import numpy as np

from .._limits import Clock
from .._tolerance import normalized_payoffs
from .._validation import check_rng
from ..exceptions import ConvergenceWarning
from ..game import NormalFormGame
from ..result import Equilibrium, EquilibriumResult
from ._nplayer import certified, regret
from .global_newton import global_newton
from .lemke_howson import lemke_howson
from .pure import pure_nash
from .simpdiv import simpdiv

_log = logging.getLogger(__name__)

#: Default largest relative regret of an equilibrium returned with ``max_equilibria``.
FEW_TOL = 1e-12
#: Two equilibria closer than this (largest difference of a probability) are the same.
SAME = 1e-9
#: Path steps of the first simplicial-subdivision attempt (a restart path can be long on fine grids).
FIRST_SIMPDIV_ITER = 20_000


def _flat(eq: Equilibrium) -> np.ndarray:
    return np.concatenate([np.asarray(p, dtype=np.float64) for p in eq.profile])


def _two_mixing(un: np.ndarray, tol: float) -> Iterator[list[np.ndarray]]:
    """Profiles where two players mix two strategies each and the others play pure strategies.

    The small-supports-first search of Porter, Nudelman & Shoham (2008),
    restricted to its cheapest non-pure supports: with every other player pure,
    player ``i``'s indifference between ``a`` and ``b`` is linear in player
    ``j``'s probability ``q`` of ``c`` (against ``d``), and the other way round,
    so each candidate is two divisions, vectorized over the strategy pairs and
    the others' pure profiles. Candidates with both probabilities in ``(0, 1)``
    whose two mixing players have no better strategy are yielded (normalised
    payoffs *un*: regrets are relative); the caller certifies them in full.
    Random games almost always have such an equilibrium when they have no pure
    one (Porter et al.; McLennan & Berg 2005 count their equilibria).
    """
    n = un.shape[0]
    shape = un.shape[1:]
    for i in range(n):
        for j in range(i + 1, n):
            if shape[i] < 2 or shape[j] < 2:
                continue
            rest = [m for m in range(n) if m not in (i, j)]
            Ui = np.moveaxis(un[i], (i, j), (0, 1)).reshape(shape[i], shape[j], -1)
            Uj = np.moveaxis(un[j], (i, j), (0, 1)).reshape(shape[i], shape[j], -1)
            ia, ib = (np.array(x, dtype=np.int64) for x in zip(*combinations(range(shape[i]), 2)))
            jc, jd = (np.array(x, dtype=np.int64) for x in zip(*combinations(range(shape[j]), 2)))
            A, C = ia[:, None], jc[None, :]
            B, D = ib[:, None], jd[None, :]
            with np.errstate(divide="ignore", invalid="ignore"):
                # q: j's probability of c that makes i indifferent between a and b (others pure)
                di_c, di_d = Ui[A, C] - Ui[B, C], Ui[A, D] - Ui[B, D]
                q = di_d / (di_d - di_c)
                # p: i's probability of a that makes j indifferent between c and d
                dj_a, dj_b = Uj[A, C] - Uj[A, D], Uj[B, C] - Uj[B, D]
                p = dj_b / (dj_b - dj_a)
            ok = (q > 0) & (q < 1) & (p > 0) & (p < 1)
            if not ok.any():
                continue
            pa, pc, r = np.nonzero(ok)
            pv, qv = p[pa, pc, r], q[pa, pc, r]
            a, b, c, d = ia[pa], ib[pa], jc[pc], jd[pc]
            # the mixing players' values of every strategy: no strategy may beat the mixed ones
            vi = qv[:, None] * Ui[:, c, r].T + (1 - qv)[:, None] * Ui[:, d, r].T
            vj = pv[:, None] * Uj[a, :, r] + (1 - pv)[:, None] * Uj[b, :, r]
            keep = (vi.max(axis=1) - vi[np.arange(a.size), a] <= tol) & (vj.max(axis=1) - vj[np.arange(c.size), c] <= tol)
            pure_rest = np.unravel_index(r[keep], [shape[m] for m in rest]) if rest else ()
            for t, idx in enumerate(np.flatnonzero(keep)):
                prof = [np.zeros(s) for s in shape]
                prof[i][a[idx]], prof[i][b[idx]] = pv[idx], 1.0 - pv[idx]
                prof[j][c[idx]], prof[j][d[idx]] = qv[idx], 1.0 - qv[idx]
                for m, strat in zip(rest, pure_rest):
                    prof[m][int(strat[t])] = 1.0
                yield prof


def _three_mixing(un: np.ndarray) -> Iterator[list[np.ndarray]]:
    """Profiles where three players mix two strategies each and the others play pure strategies.

    The next supports of the small-supports-first order (Porter, Nudelman &
    Shoham 2008) after :func:`_two_mixing`. With players ``i, j, l`` mixing
    ``(a, b)``, ``(c, d)``, ``(e, f)`` with probabilities ``p, q, r`` of the
    first strategy, player ``i``'s indifference is bilinear,
    ``A0 + A1 q + A2 r + A3 q r = 0``, and so are ``j``'s (in ``p, r``) and
    ``l``'s (in ``p, q``). The first two give ``q`` and ``p`` as ratios of
    linear functions of ``r``, and ``l``'s becomes a quadratic in ``r`` (the
    two equilibria a generic 2 x 2 x 2 game can have: McKelvey & McLennan
    1997). All candidates are solved at once; those with ``p, q, r`` in
    ``(0, 1)`` are yielded, for the caller to certify by their regret.
    """
    n = un.shape[0]
    shape = un.shape[1:]
    for i, j, l in combinations(range(n), 3):
        if min(shape[i], shape[j], shape[l]) < 2:
            continue
        rest = [m for m in range(n) if m not in (i, j, l)]
        U = [np.moveaxis(un[m], (i, j, l), (0, 1, 2)).reshape(shape[i], shape[j], shape[l], -1) for m in (i, j, l)]
        ia, ib = (np.array(x, dtype=np.int64)[:, None, None, None] for x in zip(*combinations(range(shape[i]), 2)))
        jc, jd = (np.array(x, dtype=np.int64)[None, :, None, None] for x in zip(*combinations(range(shape[j]), 2)))
        le, lf = (np.array(x, dtype=np.int64)[None, None, :, None] for x in zip(*combinations(range(shape[l]), 2)))
        T = np.arange(U[0].shape[3])[None, None, None, :]

        def bilinear(d11: np.ndarray, d10: np.ndarray, d01: np.ndarray, d00: np.ndarray) -> tuple[np.ndarray, ...]:
            # d_xy: the gain at (first mixing partner plays its first strategy: x, second: y)
            return d00, d10 - d00, d01 - d00, d11 - d10 - d01 + d00

        Ui, Uj, Ul = U
        di = [Ui[ia, y, z, T] - Ui[ib, y, z, T] for y, z in ((jc, le), (jc, lf), (jd, le), (jd, lf))]
        A0, A1, A2, A3 = bilinear(*di)  # in (q, r)
        dj = [Uj[x, jc, z, T] - Uj[x, jd, z, T] for x, z in ((ia, le), (ia, lf), (ib, le), (ib, lf))]
        B0, B1, B2, B3 = bilinear(*dj)  # in (p, r)
        dl = [Ul[x, y, le, T] - Ul[x, y, lf, T] for x, y in ((ia, jc), (ia, jd), (ib, jc), (ib, jd))]
        C0, C1, C2, C3 = bilinear(*dl)  # in (p, q)
        # q = Nq / Dq, p = Np / Dp with N, D linear in r: (constant, slope)
        Nq, Dq = (-A0, -A2), (A1, A3)
        Np, Dp = (-B0, -B2), (B1, B3)

        def mul(x: tuple[np.ndarray, np.ndarray], y: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
            return np.stack([x[0] * y[0], x[0] * y[1] + x[1] * y[0], x[1] * y[1]])

        quad = C0 * mul(Dp, Dq) + C1 * mul(Np, Dq) + C2 * mul(Nq, Dp) + C3 * mul(Np, Nq)
        c0, c1, c2 = quad
        with np.errstate(divide="ignore", invalid="ignore"):
            disc = np.sqrt(c1 * c1 - 4 * c2 * c0)
            lin = -c0 / c1
            roots = [
                np.where(np.abs(c2) > 1e-14, (-c1 + disc) / (2 * c2), lin),
                np.where(np.abs(c2) > 1e-14, (-c1 - disc) / (2 * c2), np.nan),
            ]
            for r in roots:
                q = (Nq[0] + Nq[1] * r) / (Dq[0] + Dq[1] * r)
                p = (Np[0] + Np[1] * r) / (Dp[0] + Dp[1] * r)
                ok = (r > 0) & (r < 1) & (q > 0) & (q < 1) & (p > 0) & (p < 1)
                for pa, pc, pe, t in zip(*np.nonzero(ok)):
                    prof = [np.zeros(sz) for sz in shape]
                    prof[i][ia[pa, 0, 0, 0]], prof[i][ib[pa, 0, 0, 0]] = p[pa, pc, pe, t], 1 - p[pa, pc, pe, t]
                    prof[j][jc[0, pc, 0, 0]], prof[j][jd[0, pc, 0, 0]] = q[pa, pc, pe, t], 1 - q[pa, pc, pe, t]
                    prof[l][le[0, 0, pe, 0]], prof[l][lf[0, 0, pe, 0]] = r[pa, pc, pe, t], 1 - r[pa, pc, pe, t]
                    pure_rest = np.unravel_index(int(t), [shape[m] for m in rest]) if rest else ()
                    for m, strat in zip(rest, pure_rest):
                        prof[m][int(strat)] = 1.0
                    yield prof


def _attempts(game: NormalFormGame, gen: np.random.Generator) -> Iterator[tuple[str, Callable[..., EquilibriumResult], dict[str, Any]]]:
    """The mixed-equilibrium attempts, in order: from the centroid and the best replies to it, then random."""
    if game.n_players == 2:
        for label in range(sum(game.shape)):
            yield "lemke_howson", lemke_howson, {"initial_label": label}
        return
    yield "simpdiv", simpdiv, {"max_iter": FIRST_SIMPDIV_ITER}
    yield "global_newton", global_newton, {"restarts": 0}
    while True:
        yield "global_newton", global_newton, {"restarts": 0, "bonus": [int(gen.integers(s)) for s in game.shape]}
        yield "simpdiv", simpdiv, {"start": "random", "rng": gen, "max_iter": FIRST_SIMPDIV_ITER}


def few_equilibria(
    game: NormalFormGame,
    k: int,
    *,
    tol: float | None,
    max_time: float | None,
    rng: Any = None,
    max_attempts: int | None = None,
) -> EquilibriumResult:
    """Up to *k* distinct equilibria of *game*, each with relative regret at most *tol* (default 1e-12).

    Pure equilibria first (one vectorized pass over the payoffs, exact), then,
    for more than two players, the profiles in which two players mix two
    strategies each and the others are pure (:func:`_two_mixing`), then
    three (:func:`_three_mixing`), then
    mixed ones from path-following attempts (Lemke-Howson from each label for
    two players; simplicial subdivision from the centroid, then global Newton
    from the best replies to it, then random bonuses and random starts
    for more players), each polished by Newton's method on its support's
    indifference equations and certified by its regret. At most
    *max_attempts* attempts (default ``4 * k + 2``), while *max_time* lasts.
    """
    gen = check_rng(rng, "nash_equilibria")
    tol = FEW_TOL if tol is None else tol
    clock = Clock(max_time)
    budget = 4 * k + 2 if max_attempts is None else max_attempts
    found: list[Equilibrium] = []
    flats: list[np.ndarray] = []
    methods: list[str] = []
    steps = 0

    def add(res: EquilibriumResult, name: str) -> None:
        for eq in res.equilibria:
            if len(found) >= k:
                return
            f = _flat(eq)
            if eq.relative_regret <= tol and not any(np.abs(f - g).max() <= SAME for g in flats):
                found.append(eq)
                flats.append(f)
                if name not in methods:
                    methods.append(name)

    pure = pure_nash(game, tol=tol)
    add(pure, "pure")
    if len(found) < k and game.n_players > 2:
        un = normalized_payoffs(game.payoffs)[0]
        small: list[tuple[str, Iterator[list[np.ndarray]]]] = [
            ("two_mixing", _two_mixing(un, tol)),
            ("three_mixing", _three_mixing(un)),
        ]
        for name, candidates in small:
            if len(found) >= k or clock.expired():
                break
            for prof in candidates:
                if regret(un, prof) <= tol:
                    eq = certified(game, prof, tol)
                    if eq is not None:
                        add(EquilibriumResult(game=game, equilibria=(eq,), method=name, complete=False), name)
                if len(found) >= k or clock.expired():
                    break
    tries = 0
    for name, fn, opts in _attempts(game, gen):
        if len(found) >= k or tries >= budget or clock.expired():
            break
        tries += 1
        kwargs = dict(opts, tol=tol)
        if name != "lemke_howson":
            kwargs["max_time"] = clock.remaining()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            res = fn(game, **kwargs)
        steps += res.n_iter or 0
        before = len(found)
        add(res, name)
        _log.debug("few_equilibria: attempt %d (%s %s): %d new equilibria", tries, name, opts, len(found) - before)
    if len(found) < k:
        _log.info(
            "few_equilibria: %d of the %d equilibria asked for, after %d attempt(s)%s",
            len(found), k, tries, " (time limit reached)" if clock.expired() else "",
        )
    if not found:
        warnings.warn(
            f"nash_equilibria: no equilibrium with relative regret <= {tol:g} found by {tries} attempt(s)"
            + (" before the time limit ran out." if clock.expired() else "."),
            ConvergenceWarning,
            stacklevel=3,
        )
    return EquilibriumResult(
        game=game,
        equilibria=tuple(found),
        method="+".join(methods) if methods else "pure",
        complete=False,
        parameters={"max_equilibria": k, "tol": float(tol), "max_time": max_time, "attempts": tries},
        converged=bool(found),
        n_iter=steps,
    )
