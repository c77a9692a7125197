"""Replicator dynamics, one population per player or one population for a symmetric game.

The whole batch of starting points is integrated as one system of ordinary differential
equations with :func:`scipy.integrate.solve_ivp`; the right-hand side evaluates every player's
payoffs for every start in one pass of array operations.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .._limits import check_bytes
from .._validation import check_bool, check_choice, check_int, check_real
from ..exceptions import ConvergenceWarning, GameError
from ..game import NormalFormGame
from ..profiles import SIMPLEX_TOL
from ._core import DynamicsResult, check_positive, check_steps, initial_profiles, step_range

__all__ = ["ReplicatorResult", "replicator"]

#: The integrators of :func:`scipy.integrate.solve_ivp` that :func:`replicator` accepts.
METHODS = ("RK45", "RK23", "DOP853", "Radau", "BDF", "LSODA")


# ------------------------------------------------------------------------------ payoffs of a batch
class StrategyPayoffs:
    """Each player's payoff to each of his strategies against the others' mixed strategies, for a batch.

    Strategy-major layout: a player's mixed strategies for B starts are an array of shape
    ``(s_i, B)``, so every operation runs along the long, contiguous batch axis. For player ``i``
    the product of the other players' strategies, ``Q_i`` of shape ``(prod_{k != i} s_k, B)``, is
    built from prefix and suffix outer products shared by all players, and his payoffs are one
    matrix product ``M_i @ Q_i`` with his payoff tensor flattened to ``M_i`` of shape
    ``(s_i, prod_{k != i} s_k)``. A call costs ``O(n * B * max_i prod_{k != i} s_k)``.

    Parameters
    ----------
    u : numpy.ndarray of shape (n, s_1, ..., s_n)
        The payoffs.

    Examples
    --------
    >>> import numpy as np
    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics.replicator import StrategyPayoffs
    >>> g = gt.catalog.prisoners_dilemma()
    >>> v = StrategyPayoffs(g.payoffs)([np.array([[1.0], [0.0]]), np.array([[0.5], [0.5]])])
    >>> [x.ravel().tolist() for x in v]
    [[1.5, 3.0], [3.0, 5.0]]
    """

    def __init__(self, u: np.ndarray) -> None:
        shape = u.shape[1:]
        self.n = len(shape)
        self.mats = [np.ascontiguousarray(np.moveaxis(u[i], i, 0).reshape(shape[i], -1)) for i in range(self.n)]
        #: The largest number of rows of a ``Q_i`` (or of a prefix or suffix product).
        self.width = max(math.prod(shape) // s for s in shape)

    def __call__(self, xs: Sequence[np.ndarray]) -> list[np.ndarray]:
        """The payoffs: per player an array of shape ``(s_i, B)``, for strategies ``xs[i]`` of shape ``(s_i, B)``."""
        n = self.n
        b = xs[0].shape[1]
        pre: list[np.ndarray | None] = [None] * n  # pre[i]: outer product of x_0 .. x_{i-1}
        suf: list[np.ndarray | None] = [None] * n  # suf[i]: outer product of x_{i+1} .. x_{n-1}
        for k in range(1, n):
            pre[k] = _outer(pre[k - 1], xs[k - 1], b)
        for k in range(n - 2, -1, -1):
            suf[k] = _outer(xs[k + 1], suf[k + 1], b)
        out = []
        for i in range(n):
            q = _outer(pre[i], suf[i], b)
            out.append(self.mats[i] @ q if q is not None else np.repeat(self.mats[i], b, axis=1))
        return out


def _outer(a: np.ndarray | None, c: np.ndarray | None, b: int) -> np.ndarray | None:
    """The outer product over the first axes of two ``(m, B)`` arrays, batch by batch; None is the empty product."""
    if a is None:
        return c
    if c is None:
        return a
    out: np.ndarray = (a[:, None, :] * c[None, :, :]).reshape(-1, b)
    return out


# ------------------------------------------------------------------------------------------ result
@dataclass(frozen=True, eq=False, repr=False)
class ReplicatorResult(DynamicsResult):
    """A :class:`~gametheory_af.dynamics._core.DynamicsResult` that also reports the ODE solver.

    Parameters
    ----------
    dynamic, game, parameters, times, states : see :class:`~gametheory_af.dynamics._core.DynamicsResult`
        As there.
    success, message, n_evaluations, simplex_error : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    success : bool
        Whether :func:`scipy.integrate.solve_ivp` reached ``t_max``; if not, ``times`` ends
        at the last output time it reached.
    message : str
        The solver's message.
    n_evaluations : int
        Evaluations of the right-hand side (each for the whole batch).
    simplex_error : float
        The largest distance from the simplex (a negative share, or a row sum away from 1) of a
        state returned by the solver, before the recorded states were projected back onto it
        (negative shares set to 0, rows renormalised): a measure of the integration error.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics.replicator import replicator
    >>> res = replicator(gt.catalog.prisoners_dilemma(), steps=4)
    >>> res.success, res.n_evaluations > 0, res.simplex_error < 1e-9
    (True, True, True)
    """

    success: bool = True
    message: str = ""
    n_evaluations: int = 0
    simplex_error: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON data, with the solver's report.

        Returns
        -------
        dict
            The keys of :meth:`DynamicsResult.to_dict` and ``success``, ``message``,
            ``n_evaluations`` and ``simplex_error``.
        """
        out = super().to_dict()
        out.update(
            success=bool(self.success),
            message=str(self.message),
            n_evaluations=int(self.n_evaluations),
            simplex_error=float(self.simplex_error),
        )
        return out


# ---------------------------------------------------------------------------------------- dynamic
def replicator(
    game: NormalFormGame,
    initial: Any = None,
    *,
    t_max: float = 10.0,
    steps: int = 100,
    population: str = "per_player",
    normalize: bool = False,
    method: str = "RK45",
    rtol: float = 1e-8,
    atol: float = 1e-10,
    rng: Any = None,
    progress: bool = False,
    record_every: int = 1,
) -> ReplicatorResult:
    r"""Replicator dynamics from a batch of starting points, integrated with :func:`scipy.integrate.solve_ivp`.

    With one population per player (``population="per_player"``, any number of players) the
    share :math:`x_{ij}` of strategy :math:`j` in population :math:`i` grows at the rate by
    which its payoff exceeds the population's average,

    .. math:: \dot x_{ij} = x_{ij}\,\bigl(u_i(j, x_{-i}) - u_i(x_i, x_{-i})\bigr)

    (Taylor & Jonker 1978; Hofbauer & Sigmund 1998, ch. 10). With ``population="single"`` a
    symmetric two-player game is played by one population against itself:
    :math:`\dot x_j = x_j\,((A x)_j - x^\top A x)`, :math:`A` the row player's payoff matrix.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players; a symmetric two-player game for ``population="single"``.
    initial : None, int, profile or batch, optional
        The starting points (see ``initial_profiles``): None
        for the uniform profile, an int B for B points drawn uniformly with *rng*, one mixed
        profile, or per player an array of shape (B, s_i). For ``population="single"`` both
        players' rows must be equal (the population's shares); for an int B the draws of the
        first player are the population's.
    t_max : float, default 10.0
        The time to integrate to (> 0), in the units of the payoffs (see Notes).
    steps : int, default 100
        Output times after the start, evenly spaced: states are computed at
        ``t = k * t_max / steps`` for ``k = 0, ..., steps`` (``steps = 0``: the start only).
    population : {"per_player", "single"}, default "per_player"
        One population per player, or one population for a symmetric two-player game.
    normalize : bool, default False
        Divide each player's payoffs by his payoff range (max minus min) before integrating.
    method : {"RK45", "RK23", "DOP853", "Radau", "BDF", "LSODA"}, default "RK45"
        The integrator of :func:`~scipy.integrate.solve_ivp`.
    rtol, atol : float, default 1e-8 and 1e-10
        Relative (> 0) and absolute (>= 0) tolerances on the shares, per start (see Notes).
    rng : None, int or numpy.random.Generator, optional
        Draws the starting points when *initial* is an int.
    progress : bool, default False
        Show a :mod:`tqdm` bar over the output times.
    record_every : int, default 1
        Keep every k-th output time (the start and the last are always kept).

    Returns
    -------
    ReplicatorResult
        ``dynamic="replicator"``; ``times`` the recorded output times; ``states`` per player the
        shares, shape (B, T, s_i) (for ``population="single"`` the population's shares, reported
        for both players); the solver's ``success``, ``message``, ``n_evaluations`` and
        ``simplex_error``.

    Raises
    ------
    GameError
        For starting points off the simplex, a non-symmetric game with ``population="single"``
        (or starting shares that differ between the two players), a negative *steps*, a
        non-positive or non-finite *t_max*, *rtol* or *atol* out of range, an unknown
        *population* or *method*, or a recording beyond the memory limits.
    TypeError
        For arguments of the wrong type.

    Warns
    -----
    ConvergenceWarning
        When the solver stops before ``t_max`` (``success=False``; the result ends at the last
        output time reached).

    Notes
    -----
    *Payoff units.* By default the payoffs are used as they are, which is the textbook ODE and
    that of nashpy: time is measured in payoff units. Adding a constant to a player's payoffs
    (or any function of the others' strategies) changes nothing. Multiplying a player's payoffs
    by ``a > 0`` multiplies his population's speed by ``a``: when all players are scaled alike
    (and always with one population) the orbits are the same, traversed ``a`` times faster; with
    players scaled differently in the per-player dynamic the orbits themselves change (the rest
    points and the stability of strict equilibria do not). With ``normalize=True`` each player's
    payoffs are divided by his range, so the trajectories do not change at all under positive
    affine maps of any player's payoffs, and time is measured in units of the ranges.

    *One system for the batch.* The state stacks the shares of all B starts (``B * sum(s_i)``
    numbers, ``B * s`` for one population); each evaluation of the right-hand side computes every
    payoff of every start with array operations (``StrategyPayoffs``). ``solve_ivp``
    controls the root-mean-square of the local error over the whole state; the tolerances passed
    to it are ``rtol / sqrt(B)`` and ``atol / sqrt(B)``, which guarantees each start the same
    local error control as if it were integrated alone with *rtol* and *atol*. The implicit
    methods get the Jacobian's block-diagonal sparsity (Radau, BDF); LSODA needs a dense
    ``N x N`` Jacobian and is refused beyond the memory limits. The states returned by the solver
    are projected onto the simplex (their distance from it before the projection is
    ``simplex_error``).

    The faces of the simplex are invariant: a strategy absent at the start stays absent, so a
    start on the boundary never reaches an equilibrium that uses it.

    References
    ----------
    Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and game dynamics.
    *Mathematical Biosciences* 40, 145-156.
    Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*. Cambridge
    University Press.
    Weibull, J. W. (1995). *Evolutionary Game Theory*. MIT Press, ch. 3 and 5.

    Examples
    --------
    In the prisoner's dilemma defection is strictly dominant and takes over:

    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics.replicator import replicator
    >>> res = replicator(gt.catalog.prisoners_dilemma(), t_max=20, steps=4)
    >>> res.times.tolist()
    [0.0, 5.0, 10.0, 15.0, 20.0]
    >>> [p.round(4).tolist() for p in res.profile(0)]
    [[0.0, 1.0], [0.0, 1.0]]

    One population playing the stag hunt against itself: starts above the mixed equilibrium
    (3/4 stag) hunt stag, starts below hunt hare:

    >>> g = gt.catalog.stag_hunt()
    >>> res = replicator(
    ...     g, ([[0.8, 0.2], [0.7, 0.3]], [[0.8, 0.2], [0.7, 0.3]]), population="single", t_max=40)
    >>> res.final[0].round(3).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    caller = "replicator"
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"{caller}: game must be a NormalFormGame; got {type(game).__name__}.")
    t_max = check_positive(t_max, "t_max", caller)
    steps = check_steps(steps, caller)
    population = check_choice(population, ("per_player", "single"), "population", caller)
    normalize = check_bool(normalize, "normalize", caller)
    method = check_choice(method, METHODS, "method", caller)
    rtol = check_real(rtol, "rtol", caller, minimum=0, strict_min=True)
    atol = check_real(atol, "atol", caller, minimum=0)
    record_every = check_int(record_every, "record_every", caller, minimum=1)
    check_bool(progress, "progress", caller)
    if population == "single" and (game.n_players != 2 or not game.is_symmetric):
        raise GameError(
            f"{caller}: population='single' needs a symmetric two-player game; got a "
            f"{'non-symmetric ' if game.n_players == 2 else ''}{game.n_players}-player game of shape {game.shape}."
        )
    starts = initial_profiles(game, initial, rng, caller)
    n_starts = starts[0].shape[0]
    u = np.array(game.payoffs, dtype=np.float64)
    if normalize:
        flat = u.reshape(game.n_players, -1)
        span = flat.max(axis=1) - flat.min(axis=1)
        u = u / np.where(span > 0, span, 1.0).reshape((-1,) + (1,) * game.n_players)
    if population == "single":
        if isinstance(initial, (int, np.integer)) and not isinstance(initial, (bool, np.bool_)):
            starts = (starts[0], starts[0])
        diff = np.abs(starts[0] - starts[1]).max(axis=1)
        if (diff > SIMPLEX_TOL).any():
            r = int(np.argmax(diff > SIMPLEX_TOL))
            raise GameError(
                f"{caller}: with population='single' the two players' starting shares must be equal; initial "
                f"row {r} has {starts[0][r].tolist()} for player 0 and {starts[1][r].tolist()} for player 1."
            )
        shape: tuple[int, ...] = (game.shape[0],)
        payoffs: Callable[[Sequence[np.ndarray]], list[np.ndarray]] = _SinglePopulation(u[0])
        x0 = starts[0].T
    else:
        shape = game.shape
        kernel = StrategyPayoffs(u)
        check_bytes(n_starts * kernel.width, 8, "entries of a product of mixed strategies", caller)
        payoffs = kernel
        x0 = np.concatenate([x.T for x in starts], axis=0)

    kept = np.arange(0, steps + 1, record_every, dtype=np.int64)
    if kept[-1] != steps:
        kept = np.append(kept, steps)
    size = int(sum(shape))
    check_bytes(n_starts * size * kept.size, 8, "recorded state entries", caller)
    t_out = kept * (t_max / steps) if steps else np.zeros(1)
    params: dict[str, Any] = {
        "t_max": t_max,
        "steps": steps,
        "population": population,
        "normalize": normalize,
        "method": method,
        "rtol": rtol,
        "atol": atol,
        "record_every": record_every,
    }
    if steps == 0:
        states = x0[:, :, None]
        return _result(game, params, t_out, states, shape, population, True, "no output time after the start", 0, 0.0)
    sol = _integrate(payoffs, x0, shape, t_out, method, rtol, atol, progress, steps, caller)
    states = sol.y.reshape(size, n_starts, -1)
    if not sol.success:
        warnings.warn(
            f"{caller}: the ODE solver ({method}) stopped at t = {float(sol.t[-1]) if sol.t.size else 0.0:g} "
            f"before t_max = {t_max:g}: {sol.message}",
            ConvergenceWarning,
            stacklevel=2,
        )
    offs = np.concatenate([[0], np.cumsum(shape)])
    error = 0.0
    for i in range(len(shape)):
        part = states[offs[i] : offs[i + 1]]
        error = max(error, float(np.max(-part, initial=0.0)), float(np.abs(part.sum(axis=0) - 1.0).max()))
    return _result(
        game, params, np.asarray(sol.t, dtype=np.float64), states, shape, population, bool(sol.success),
        str(sol.message), int(sol.nfev), error,
    )


class _SinglePopulation:
    """The payoffs ``A x`` of one population playing against itself, in the ``(s, B)`` layout."""

    def __init__(self, a: np.ndarray) -> None:
        self.a = np.ascontiguousarray(a)

    def __call__(self, xs: Sequence[np.ndarray]) -> list[np.ndarray]:
        return [self.a @ xs[0]]


def _integrate(
    payoffs: Callable[[Sequence[np.ndarray]], list[np.ndarray]],
    x0: np.ndarray,
    shape: tuple[int, ...],
    t_out: np.ndarray,
    method: str,
    rtol: float,
    atol: float,
    progress: bool,
    steps: int,
    caller: str,
) -> Any:
    """Integrate the batch as one system; the solution object of :func:`scipy.integrate.solve_ivp`."""
    from scipy.integrate import solve_ivp as _solve_ivp

    solve_ivp: Any = _solve_ivp  # its overloads do not cover a keyword dict

    size, n_starts = x0.shape
    offs = [int(v) for v in np.concatenate([[0], np.cumsum(shape)])]
    bar = step_range(steps, progress, caller)
    bar_dt = float(t_out[-1]) / steps

    def rhs(t: float, y: np.ndarray) -> np.ndarray:
        x = y.reshape(size, n_starts)
        xs = [x[offs[i] : offs[i + 1]] for i in range(len(shape))]
        out = np.empty_like(x)
        for i, (xi, vi) in enumerate(zip(xs, payoffs(xs))):
            out[offs[i] : offs[i + 1]] = xi * (vi - (xi * vi).sum(axis=0))
        if not isinstance(bar, range):
            reached = min(steps, int(t / bar_dt + 1e-9))
            if reached > bar.n:  # type: ignore[attr-defined]
                bar.update(reached - bar.n)  # type: ignore[attr-defined]
        return out.ravel()

    options: dict[str, Any] = {}
    n = size * n_starts
    if method in ("Radau", "BDF"):
        check_bytes(n * size, 8, "entries of the Jacobian's sparsity pattern", caller)
        options["jac_sparsity"] = _block_sparsity(size, n_starts)
    elif method == "LSODA":
        check_bytes(n * n, 8, "entries of LSODA's dense Jacobian", caller)
    scale = math.sqrt(n_starts)
    try:
        sol = solve_ivp(
            rhs,
            (0.0, float(t_out[-1])),
            x0.ravel(),
            method=method,
            t_eval=t_out,
            rtol=rtol / scale,
            atol=atol / scale,
            **options,
        )
    finally:
        if not isinstance(bar, range):
            bar.close()  # type: ignore[attr-defined]
    return sol


def _block_sparsity(size: int, n_starts: int) -> Any:
    """The sparsity of the Jacobian in the ``(size, B)`` layout: each start's shares depend on its own only."""
    from scipy.sparse import coo_matrix

    j, k, b = np.meshgrid(np.arange(size), np.arange(size), np.arange(n_starts), indexing="ij")
    rows = (j * n_starts + b).ravel()
    cols = (k * n_starts + b).ravel()
    n = size * n_starts
    return coo_matrix((np.ones(rows.size), (rows, cols)), shape=(n, n)).tocsc()


def _result(
    game: NormalFormGame,
    params: dict[str, Any],
    times: np.ndarray,
    states: np.ndarray,
    shape: tuple[int, ...],
    population: str,
    success: bool,
    message: str,
    nfev: int,
    error: float,
) -> ReplicatorResult:
    """Project the solver's states (layout (size, B, T)) onto the simplex and wrap them per player."""
    offs = np.concatenate([[0], np.cumsum(shape)])
    per: list[np.ndarray] = []
    for i in range(len(shape)):
        part = np.clip(states[offs[i] : offs[i + 1]], 0.0, None)
        part = part / part.sum(axis=0, keepdims=True)
        per.append(np.ascontiguousarray(part.transpose(1, 2, 0)))
    if population == "single":
        per = [per[0], per[0]]
    return ReplicatorResult(
        "replicator", game, params, times, tuple(per),
        success=success, message=message, n_evaluations=nfev, simplex_error=error,
    )
