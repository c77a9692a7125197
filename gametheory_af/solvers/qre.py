"""The logit quantal response equilibrium correspondence and the equilibrium it selects."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._deprecation import deprecated_alias
from .._limits import MAX_TIME_LIMIT, Clock, check_max_time
from .._validation import check_int, check_real
from ..exceptions import ConvergenceWarning, GameError
from ..game import NormalFormGame
from ..result import Equilibrium, EquilibriumResult
from ._nplayer import (
    certified,
    check_game_and_tol,
    offsets_of,
    point_at_lambda,
    polish,
    split,
    trace_path,
    values_and_jacobian,
)

__all__ = ["LogitQREResult", "logit_qre", "logit_qre_at", "logit_select"]


@dataclass(frozen=True, eq=False, repr=False)
class LogitQREResult(EquilibriumResult):
    """An :class:`~gametheory_af.EquilibriumResult` that also carries the traced QRE path.

    Parameters
    ----------
    equilibria, method, complete, parameters, converged, n_iter, game : see Attributes
    lambdas, profiles : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    lambdas : numpy.ndarray of shape (n_points,)
        Precision at each point of the principal branch, starting at 0.
    profiles : tuple of numpy.ndarray
        One array of shape ``(n_points, s_k)`` per player: the quantal response
        equilibrium at each point.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.qre import logit_qre
    >>> res = logit_qre(gt.catalog.matching_pennies())
    >>> float(res.lambdas[0]), res.profiles[0][0].tolist()
    (0.0, [0.5, 0.5])
    """

    lambdas: np.ndarray = field(default_factory=lambda: np.empty(0))
    profiles: tuple[np.ndarray, ...] = ()


class _Logit:
    """The logit QRE system in log-probability coordinates ``w = (log sigma, lambda)``.

    For each player i and strategy j >= 1:
    ``log s_ij - log s_i0 - lambda * (V_ij - V_i0) = 0``; and ``sum_j s_ij = 1``.
    """

    def __init__(self, u: np.ndarray, shape: tuple[int, ...]):
        self.u = u
        self.off = offsets_of(shape)
        N = int(self.off[-1])
        n = len(shape)
        rows = []
        for i in range(n):
            for j in range(1, shape[i]):
                r = np.zeros(N)
                r[self.off[i] + j] = 1.0
                r[self.off[i]] = -1.0
                rows.append(r)
        self.dsel = np.array(rows).reshape(-1, N)
        self.ssum = np.zeros((n, N))
        for i in range(n):
            self.ssum[i, self.off[i] : self.off[i + 1]] = 1.0
        self.N = N

    def __call__(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        y, lam = w[:-1], w[-1]
        with np.errstate(over="ignore", under="ignore"):
            s = np.exp(y)
        sig = split(s, self.off)
        V, DV = values_and_jacobian(self.u, sig, self.off)
        dV = self.dsel @ V
        H = np.concatenate([self.dsel @ y - lam * dV, self.ssum @ s - 1.0])
        Jy = np.vstack([self.dsel - lam * (self.dsel @ DV) * s[None, :], self.ssum * s[None, :]])
        Jl = np.concatenate([-dV, np.zeros(self.ssum.shape[0])])
        return H, np.hstack([Jy, Jl[:, None]])

    def start(self) -> np.ndarray:
        shape = np.diff(self.off)
        return np.concatenate([np.full(int(s), -np.log(s)) for s in shape] + [np.zeros(1)])

    def profile(self, w: np.ndarray) -> list[np.ndarray]:
        s = np.exp(w[:-1])
        return [p / p.sum() for p in split(s, self.off)]


def logit_qre(
    game: NormalFormGame,
    *,
    tol: float | None = None,
    lambda_max: float | None = None,
    first_step: float = 0.03,
    max_accel: float = 1.5,
    max_steps: int = 20_000,
    max_time: float | None = MAX_TIME_LIMIT,
) -> LogitQREResult:
    r"""Trace the principal branch of the logit QRE correspondence to its limit, a Nash equilibrium.

    A logit quantal response equilibrium at precision :math:`\lambda` is a
    profile in which each player plays each strategy with probability
    proportional to :math:`\exp(\lambda\, u_i(s, \sigma_{-i}))`. At
    :math:`\lambda = 0` it is the centroid; the branch that starts there
    (the principal branch) converges, for generic games, to a unique Nash
    equilibrium as :math:`\lambda \to \infty`: the *logit solution*
    (McKelvey & Palfrey 1995).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    tol : float, optional
        Largest *relative* regret (regret over the player's payoff range) of
        the returned equilibrium. Default
        :data:`~gametheory_af._tolerance.DEFAULT_TOL` (``1e-9``).
    lambda_max : float, optional
        Give up at this precision (relative to the payoff ranges, see Notes).
        Default ``1e8``.
    first_step : float, default 0.03
        First step length along the curve (arclength in
        :math:`(\log\sigma, \lambda)`).
    max_accel : float, default 1.5
        Factor (at least 1) by which the step grows after a successful step.
    max_steps : int, default 20000
        Continuation steps (at least 1).
    max_time : float or None, optional
        Seconds to spend. Default: the ``max_time`` limit
        (:func:`gametheory_af.get_limits`, itself ``None`` unless set); None
        means no time limit.

    Returns
    -------
    LogitQREResult
        ``method="logit"``, ``complete=False``; one equilibrium when the
        trace converged (``converged=True``), none otherwise; ``lambdas`` and
        ``profiles`` hold the traced path; ``n_iter`` is the number of steps.

    Warns
    -----
    ConvergenceWarning
        When no equilibrium with relative regret ``<= tol`` was certified at
        the end of the path (also when *max_steps* or *max_time* ran out).

    Raises
    ------
    GameError
        For an invalid tol, lambda_max, first_step, max_accel, max_steps or
        max_time (TypeError for one of the wrong type).

    Notes
    -----
    The branch is traced on the payoffs normalised per player to ``[0, 1]``
    (:mod:`gametheory_af._tolerance`): at precision :math:`\lambda` player
    ``i`` plays strategy ``j`` with probability proportional to
    :math:`\exp(\lambda\, u_{ij} / r_i)`, :math:`r_i` his payoff range. So
    ``lambdas`` are relative to the players' payoff ranges (for a game whose
    players all have the range ``r`` they are ``r`` times the precision in
    payoff units, as :func:`logit_qre_at` takes it), and the selected equilibrium
    does not change when a player's payoffs are scaled or shifted.

    The curve is followed in the coordinates :math:`(\log\sigma, \lambda)`,
    in which it is smooth and bounded in :math:`\log\sigma` for bounded
    :math:`\lambda`, by predictor-corrector continuation with arclength
    steps; the tangent's orientation is kept by the sign of the augmented
    Jacobian's determinant, so turning points (where :math:`\lambda`
    temporarily decreases) are passed (Turocy 2005). Once
    :math:`\lambda \ge 100`, the support of the current
    point is read off and its indifference system solved by Newton's method;
    the trace stops when two successive polished points agree and are
    certified Nash equilibria.

    In non-generic games (for example games with a symmetry, such as the
    battle of the sexes) the principal branch can reach a bifurcation point.
    The tracer then continues in the direction it was going, which keeps the
    symmetry (in the battle of the sexes it selects the mixed equilibrium);
    other implementations may leave along another branch. For generic games
    the selected equilibrium agrees with Gambit's ``logit_solve``.

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for
    normal form games. *Games and Economic Behavior* 10, 6-38.
    Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic
    quantal response equilibrium correspondence. *Games and Economic
    Behavior* 51, 243-263.
    Allgower, E. L. & Georg, K. (1990). *Numerical Continuation Methods*. Springer.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.qre import logit_qre
    >>> res = logit_qre(gt.catalog.stag_hunt())
    >>> res.converged, res.equilibria[0].support
    (True, ((1,), (1,)))
    """
    prep = check_game_and_tol(game, tol, "logit_qre")
    tol = prep.tol
    u = prep.un
    lambda_max = 1e8 if lambda_max is None else check_real(lambda_max, "lambda_max", "logit_qre", minimum=0, strict_min=True)
    first_step = check_real(first_step, "first_step", "logit_qre", minimum=0, strict_min=True)
    max_accel = check_real(max_accel, "max_accel", "logit_qre", minimum=1)
    max_steps = check_int(max_steps, "max_steps", "logit_qre", minimum=1)
    budget = check_max_time(max_time, "logit_qre")
    params = {
        "tol": float(tol),
        "lambda_max": float(lambda_max),
        "first_step": float(first_step),
        "max_accel": float(max_accel),
        "max_steps": max_steps,
        "max_time": budget,
    }
    sys_ = _Logit(u, game.shape)
    state: dict[str, Any] = {"next": 100.0, "last": None, "sol": None}

    def stop(prev: np.ndarray, w: np.ndarray) -> bool:
        lam = w[-1]
        if lam >= lambda_max:
            return True
        if lam < state["next"]:
            return False
        state["next"] = lam * 2.0
        sig = sys_.profile(w)
        sol = polish(u, sig, tol, near=max(1e-2, 50.0 / lam))
        last = state["last"]
        state["last"] = sol
        if sol is not None and last is not None:
            if max(float(np.abs(a - b).max()) for a, b in zip(sol, last)) < 1e-8:
                state["sol"] = sol
                return True
        return False

    timed_out = False
    reason = ""
    sol: list[np.ndarray] | None
    if game.n_profiles == 1 or all(s == 1 for s in game.shape):
        tr_points = [sys_.start()]
        sol = [np.ones(1) for _ in game.shape]
        steps, ok = 0, True
    else:
        tr = trace_path(
            sys_,
            sys_.start(),
            np.eye(sys_.N + 1)[-1],
            stop,
            first_step=first_step,
            accel=max_accel,
            max_steps=max_steps,
            orient="dot",
            clock=Clock(budget),
        )
        tr_points, steps, ok, timed_out, reason = tr.points, tr.steps, tr.ok, tr.timed_out, tr.reason
        sol = state["sol"]
        lam = tr_points[-1][-1] if tr_points else 0.0
        if sol is None and lam >= 100.0:
            # the path ended (lambda_max, a bound or failure) far along: one last attempt from its end
            sol = polish(u, sys_.profile(tr_points[-1]), tol, near=max(1e-2, 50.0 / max(lam, 1e-300)))
    lambdas = np.array([p[-1] for p in tr_points])
    profs = [sys_.profile(p) for p in tr_points]
    per_player = tuple(np.array([pr[k] for pr in profs]) for k in range(game.n_players))
    for arr in per_player:
        arr.setflags(write=False)
    lambdas.setflags(write=False)
    eqs: tuple[Equilibrium, ...] = ()
    if sol is not None:
        eq = certified(game, sol, tol)
        if eq is not None:
            eqs = (eq,)
    converged = bool(eqs)
    if not converged:
        why = "" if ok else f" ({reason})" if (timed_out or reason.startswith("no end")) else " (path tracing failed)"
        warnings.warn(
            f"logit_qre: no equilibrium with relative regret <= {tol:g} certified at the end of the principal "
            f"branch{why}; reached lambda = {lambdas[-1]:.4g}.",
            ConvergenceWarning,
            stacklevel=2,
        )
    return LogitQREResult(
        game=game,
        equilibria=eqs,
        method="logit",
        complete=False,
        parameters=params,
        converged=converged,
        n_iter=steps,
        lambdas=lambdas,
        profiles=per_player,
    )


def logit_qre_at(game: NormalFormGame, lam: float, *, first_step: float = 0.03, max_accel: float = 1.5) -> tuple[np.ndarray, ...]:
    r"""The logit QRE on the principal branch at precision *lam*.

    Parameters
    ----------
    game : NormalFormGame
    lam : float
        Precision :math:`\lambda \ge 0` (in the units of the payoffs).
    first_step, max_accel : float
        Step control, as for :func:`logit_qre`.

    Returns
    -------
    tuple of numpy.ndarray
        One probability vector per player (all strictly positive).

    Raises
    ------
    GameError
        If *lam* is negative or not finite, or the branch cannot be followed to it.

    Notes
    -----
    The branch is traced from the centroid as in :func:`logit_qre` until it
    first reaches :math:`\lambda`, then Newton's method solves the QRE
    equations at exactly that precision.

    References
    ----------
    Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic
    quantal response equilibrium correspondence. *GEB* 51, 243-263.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.qre import logit_qre_at
    >>> [p.round(4).tolist() for p in logit_qre_at(gt.catalog.prisoners_dilemma(), 0.0)]
    [[0.5, 0.5], [0.5, 0.5]]
    >>> p = logit_qre_at(gt.catalog.prisoners_dilemma(), 2.0)
    >>> bool(p[0][1] > 0.9)
    True
    """
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"logit_qre_at: game must be a NormalFormGame; got {type(game).__name__}.")
    lam = check_real(lam, "lam", "logit_qre_at", minimum=0)
    first_step = check_real(first_step, "first_step", "logit_qre_at", minimum=0, strict_min=True)
    max_accel = check_real(max_accel, "max_accel", "logit_qre_at", minimum=1)
    sys_ = _Logit(game.payoffs, game.shape)
    w0 = sys_.start()
    if lam == 0 or all(s == 1 for s in game.shape):
        return tuple(sys_.profile(w0))
    y = point_at_lambda(sys_, w0, lam, "logit_qre_at", first_step=first_step, max_accel=max_accel)
    return tuple(sys_.profile(np.concatenate([y, [lam]])))


def logit_select(game: NormalFormGame, **options: Any) -> Equilibrium:
    """The Nash equilibrium selected by the logit QRE: the limit of the principal branch.

    This is the equilibrium selection used when a game has several
    equilibria (McKelvey & Palfrey 1995; Turocy 2005).

    Parameters
    ----------
    game : NormalFormGame
    **options
        Passed to :func:`logit_qre`.

    Returns
    -------
    Equilibrium

    Warns
    -----
    ConvergenceWarning
        When the trace does not converge; the equilibrium nearest the end of
        the traced path is then chosen among those found by
        :func:`~gametheory_af.solvers.dispatch.nash_equilibria`.

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1995). Quantal response equilibria for
    normal form games. *GEB* 10, 6-38.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.qre import logit_select
    >>> logit_select(gt.catalog.stag_hunt()).describe(gt.catalog.stag_hunt())
    'Row: Hare; Column: Hare'
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = logit_qre(game, **options)
    if res.equilibria:
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        return res.equilibria[0]
    from .dispatch import nash_equilibria

    warnings.warn(
        "logit_select: the logit path did not converge; choosing the equilibrium nearest its end.",
        ConvergenceWarning,
        stacklevel=2,
    )
    end = np.concatenate([p[-1] for p in res.profiles])
    found = nash_equilibria(game, max_time=options.get("max_time", MAX_TIME_LIMIT))
    if not found.equilibria:
        raise GameError("logit_select: no equilibrium could be computed for this game.")
    dist = [float(np.abs(np.concatenate(e.profile) - end).max()) for e in found]
    return found.equilibria[int(np.argmin(dist))]


#: Deprecated name of :func:`logit_qre_at` (the logit solvers share the ``logit_`` prefix).
qre_at = deprecated_alias(logit_qre_at, "qre_at", "logit_qre_at")
