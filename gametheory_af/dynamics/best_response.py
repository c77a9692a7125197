"""Best-response and logit dynamics, discretised with Euler steps and vectorized over a batch of starts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .._limits import check_bytes
from .._tolerance import DEFAULT_TOL, payoff_ranges
from .._validation import check_choice, check_int, check_real, check_tol
from ..game import NormalFormGame
from ._core import DynamicsResult, Recorder, check_steps, initial_profiles, step_range
from .replicator import StrategyPayoffs

__all__ = ["best_response_dynamics", "logit_dynamics"]

_Target = Callable[[Sequence[np.ndarray]], list[np.ndarray]]


def best_response_dynamics(
    game: NormalFormGame,
    initial: Any = None,
    *,
    steps: int = 1000,
    dt: float = 0.1,
    ties: str = "uniform",
    tol: float | None = None,
    rng: Any = None,
    progress: bool = False,
    record_every: int = 1,
) -> DynamicsResult:
    r"""The best-response dynamic :math:`\dot x = BR(x) - x`, by Euler steps, from a batch of starts.

    Each player's mixed strategy (a population's shares) moves towards a best response to the
    others' current strategies (Gilboa & Matsui 1991; Matsui 1992):

    .. math:: x_i(t + dt) = x_i(t) + dt\,\bigl(BR_i(x_{-i}(t)) - x_i(t)\bigr).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    initial : None, int, profile or batch, optional
        The starting points (see ``initial_profiles``).
    steps : int, default 1000
        Euler steps (>= 0).
    dt : float, default 0.1
        Step size, ``0 < dt <= 1``. ``dt = 1`` is simultaneous myopic best reply
        (:math:`x(t+1) = BR(x(t))`).
    ties : {"uniform", "lowest"}, default "uniform"
        Which best response when several strategies tie: the uniform mix over all of them, or the
        one of lowest index.
    tol : float, optional
        Strategies whose payoff is within ``tol`` times the player's payoff range of the best
        tie. Default ``DEFAULT_TOL`` (``1e-9``).
    rng : None, int or numpy.random.Generator, optional
        Draws the starting points when *initial* is an int (the dynamic itself is deterministic).
    progress : bool, default False
        Show a :mod:`tqdm` bar over the steps.
    record_every : int, default 1
        Keep every k-th state (the start and the last are always kept).

    Returns
    -------
    DynamicsResult
        ``dynamic="best_response"``; ``times`` the continuous times ``k * dt`` of the recorded
        states; ``states`` per player (B, T, s_i).

    Raises
    ------
    GameError
        For starting points off the simplex, a negative *steps*, *dt* outside ``(0, 1]`` or not
        finite, a negative *tol*, an unknown *ties* rule or a recording beyond the memory limits.
    TypeError
        For arguments of the wrong type.

    Notes
    -----
    The continuous dynamic is a differential inclusion (the best response is a set where payoffs
    tie); the Euler scheme follows one selection of it, fixed by *ties*. Its rest points are the
    Nash equilibria only in the limit: a discretised trajectory approaching a strict equilibrium
    converges to it geometrically (the distance shrinks by ``1 - dt`` per step), while near a
    mixed equilibrium it can chatter at a distance of order *dt*. Strict equilibria are
    asymptotically stable; in zero-sum games and potential games the continuous dynamic
    converges to the set of Nash equilibria (Hofbauer 1995; Hofbauer & Sorin 2006). Each step
    costs one evaluation of every player's payoffs for the whole batch. Payoff scale does not
    matter: best responses do not change under positive affine maps of a player's payoffs.

    References
    ----------
    Gilboa, I. & Matsui, A. (1991). Social stability and equilibrium. *Econometrica* 59, 859-867.
    Matsui, A. (1992). Best response dynamics and socially stable strategies. *Journal of
    Economic Theory* 57, 343-362.
    Hofbauer, J. & Sorin, S. (2006). Best response dynamics for continuous zero-sum games.
    *Discrete and Continuous Dynamical Systems B* 6, 215-224.
    Sandholm, W. H. (2010). *Population Games and Evolutionary Dynamics*. MIT Press, ch. 6.

    Examples
    --------
    In a coordination game each start goes to the pure equilibrium on its side of the mixed one:

    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics.best_response import best_response_dynamics
    >>> g = gt.catalog.stag_hunt()
    >>> res = best_response_dynamics(g, ([[0.9, 0.1], [0.5, 0.5]], [[0.9, 0.1], [0.5, 0.5]]), steps=200)
    >>> res.final[0].round(6).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    >>> float(res.times[-1])
    20.0
    """
    caller = "best_response_dynamics"
    steps, dt, record_every, starts = _common(game, initial, steps, dt, rng, record_every, caller)
    ties = check_choice(ties, ("uniform", "lowest"), "ties", caller)
    tol = DEFAULT_TOL if tol is None else check_tol(tol, caller)
    kernel = StrategyPayoffs(game.payoffs)
    check_bytes(starts[0].shape[0] * kernel.width, 8, "entries of a product of mixed strategies", caller)
    slack = payoff_ranges(game.payoffs) * tol

    def target(xs: Sequence[np.ndarray]) -> list[np.ndarray]:
        out = []
        for i, v in enumerate(kernel(xs)):
            best = v >= v.max(axis=0) - slack[i]
            if ties == "uniform":
                out.append(best / best.sum(axis=0))
            else:
                pick = np.zeros_like(v)
                pick[np.argmax(best, axis=0), np.arange(v.shape[1])] = 1.0
                out.append(pick)
        return out

    params = {"steps": steps, "dt": dt, "ties": ties, "tol": tol, "record_every": record_every}
    return _run("best_response", game, params, starts, target, steps, dt, progress, record_every, caller)


def logit_dynamics(
    game: NormalFormGame,
    initial: Any = None,
    *,
    lam: float = 1.0,
    steps: int = 1000,
    dt: float = 0.1,
    rng: Any = None,
    progress: bool = False,
    record_every: int = 1,
) -> DynamicsResult:
    r"""The logit dynamic :math:`\dot x = L_\lambda(x) - x`, by Euler steps, from a batch of starts.

    Each player's mixed strategy moves towards his logit (smoothed) best response
    :math:`L_{\lambda,i}(x)_j \propto \exp(\lambda\, u_i(j, x_{-i}))`:

    .. math:: x_i(t + dt) = x_i(t) + dt\,\bigl(L_{\lambda,i}(x_{-i}(t)) - x_i(t)\bigr).

    Its rest points are exactly the logit quantal response equilibria at precision
    :math:`\lambda` (McKelvey & Palfrey 1995), those of :func:`~gametheory_af.logit_qre_at`.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    initial : None, int, profile or batch, optional
        The starting points (see ``initial_profiles``).
    lam : float, default 1.0
        Precision :math:`\lambda \ge 0`, in the units of the payoffs (as for
        :func:`~gametheory_af.logit_qre_at`); 0 moves every player towards the uniform mix,
        large values approach the best-response dynamic.
    steps : int, default 1000
        Euler steps (>= 0).
    dt : float, default 0.1
        Step size, ``0 < dt <= 1`` (``dt = 1`` iterates the logit response map).
    rng : None, int or numpy.random.Generator, optional
        Draws the starting points when *initial* is an int.
    progress : bool, default False
        Show a :mod:`tqdm` bar over the steps.
    record_every : int, default 1
        Keep every k-th state (the start and the last are always kept).

    Returns
    -------
    DynamicsResult
        ``dynamic="logit"``; ``times`` the continuous times ``k * dt``; ``states`` per player
        (B, T, s_i).

    Raises
    ------
    GameError
        For starting points off the simplex, a negative *steps* or *lam*, *dt* outside
        ``(0, 1]``, a non-finite number, or a recording beyond the memory limits.
    TypeError
        For arguments of the wrong type.

    Notes
    -----
    The logit dynamic is the mean dynamic of stochastic fictitious play and of logit choice
    revision (Fudenberg & Levine 1998, ch. 4; Hofbauer & Sandholm 2002). Its rest points are the
    logit QREs; in zero-sum games, potential games and games with a unique, stable QRE the
    continuous dynamic converges to it (Hofbauer & Sandholm 2002), and so does the Euler scheme
    for small enough *dt*. Rest points of the Euler scheme are those of the ODE, for every *dt*,
    but their stability is not: with ``lam * dt`` too large (relative to the payoff differences)
    the scheme can cycle around a QRE that attracts the continuous dynamic; halve *dt* and compare.
    Payoffs are not normalised: :math:`\lambda` multiplies payoff differences, so scaling a
    player's payoffs by ``a`` is the same as scaling his :math:`\lambda` by ``a``.

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for normal form games.
    *Games and Economic Behavior* 10, 6-38.
    Fudenberg, D. & Levine, D. K. (1998). *The Theory of Learning in Games*. MIT Press.
    Hofbauer, J. & Sandholm, W. H. (2002). On the global convergence of stochastic fictitious
    play. *Econometrica* 70, 2265-2294.

    Examples
    --------
    In matching pennies every start spirals into the QRE, the uniform mix:

    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics.best_response import logit_dynamics
    >>> res = logit_dynamics(gt.catalog.matching_pennies(), 3, lam=2.0, steps=2000, rng=0)
    >>> res.final[0].round(6).tolist()
    [[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]
    """
    caller = "logit_dynamics"
    steps, dt, record_every, starts = _common(game, initial, steps, dt, rng, record_every, caller)
    lam = check_real(lam, "lam", caller, minimum=0)
    kernel = StrategyPayoffs(game.payoffs)
    check_bytes(starts[0].shape[0] * kernel.width, 8, "entries of a product of mixed strategies", caller)

    def target(xs: Sequence[np.ndarray]) -> list[np.ndarray]:
        out = []
        for v in kernel(xs):
            z = lam * (v - v.max(axis=0))
            e = np.exp(z)
            out.append(e / e.sum(axis=0))
        return out

    params = {"lam": lam, "steps": steps, "dt": dt, "record_every": record_every}
    return _run("logit", game, params, starts, target, steps, dt, progress, record_every, caller)


def _common(
    game: Any, initial: Any, steps: Any, dt: Any, rng: Any, record_every: Any, caller: str
) -> tuple[int, float, int, tuple[np.ndarray, ...]]:
    """Check the arguments the two dynamics share; the starting points."""
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"{caller}: game must be a NormalFormGame; got {type(game).__name__}.")
    steps = check_steps(steps, caller)
    dt = check_real(dt, "dt", caller, minimum=0, strict_min=True, maximum=1)
    record_every = check_int(record_every, "record_every", caller, minimum=1)
    return steps, dt, record_every, initial_profiles(game, initial, rng, caller)


def _run(
    dynamic: str,
    game: NormalFormGame,
    params: dict[str, Any],
    starts: tuple[np.ndarray, ...],
    target: _Target,
    steps: int,
    dt: float,
    progress: bool,
    record_every: int,
    caller: str,
) -> DynamicsResult:
    """Euler steps ``x <- x + dt * (target(x) - x)`` for the whole batch; the recorded states."""
    n_starts = starts[0].shape[0]
    rec = Recorder(game.shape, n_starts, steps, record_every, caller)
    xs = [np.ascontiguousarray(x.T) for x in starts]  # strategy-major: (s_i, B)
    rec.record(0, [x.T for x in xs])
    keep = 1.0 - dt
    for k in step_range(steps, progress, caller):
        xs = [keep * x + dt * y for x, y in zip(xs, target(xs))]
        if rec.wants(k):
            rec.record(k, [x.T for x in xs])
    return DynamicsResult(dynamic, game, params, rec.times * dt, rec.states)
