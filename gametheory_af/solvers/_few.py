"""A few equilibria (one, or up to k) of a game, fast, each polished and certified by its regret.

Used by :func:`~gametheory_af.solvers.dispatch.nash_equilibria` with ``max_equilibria=k``.
"""

from __future__ import annotations

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
        for prof in _two_mixing(un, tol):
            if regret(un, prof) <= tol:
                eq = certified(game, prof, tol)
                if eq is not None:
                    add(EquilibriumResult(game=game, equilibria=(eq,), method="two_mixing", complete=False), "two_mixing")
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
        add(res, name)
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
