"""A few equilibria (one, or up to k) of a game, fast, each polished and certified by its regret.

Used by :func:`~gametheory_af.solvers.dispatch.nash_equilibria` with ``max_equilibria=k``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from .._limits import Clock
from .._validation import check_rng
from ..exceptions import ConvergenceWarning
from ..game import NormalFormGame
from ..result import Equilibrium, EquilibriumResult
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

    Pure equilibria first (one vectorized pass over the payoffs, exact), then
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
