r"""The agent quantal response equilibrium (logit AQRE) of a game tree and the branch it traces.

At precision :math:`\lambda \ge 0` an **agent logit QRE** (McKelvey & Palfrey
1998) is a behaviour profile :math:`\sigma` in which, at every information set
``h`` of player ``i``, the agent plays action ``a`` with probability

.. math::

    \sigma_h(a) \propto \exp\bigl(\lambda\, Q_h(a)\bigr), \qquad
    Q_h(a) = \sum_{x \in h} \mu(x)\, V_i(xa),

where :math:`\mu` are the Bayes-consistent beliefs at ``h`` (the reach
probabilities of its nodes, normalised; uniform at a set that chance reaches
with probability zero) and :math:`V_i(xa)` is player ``i``'s continuation
payoff after action ``a`` at node ``x`` under :math:`\sigma`. At
:math:`\lambda = 0` every agent mixes uniformly; the branch of solutions that
starts there (the *principal branch*) is traced upward, and its limit as
:math:`\lambda \to \infty` is a sequential equilibrium, hence a Nash
equilibrium, of the tree.

Payoffs are normalised per player to ``[0, 1]`` by default (so :math:`\lambda`
is free of the payoffs' units and the branch does not change when a player's
payoffs are scaled or shifted); with ``normalize=False`` the raw payoffs are
used, as Gambit does (``pygambit.nash.logit_solve`` and
``pygambit.qre.logit_solve_lambda`` with ``use_strategic=False``).

References
----------
McKelvey, R. D. & Palfrey, T. R. (1998). Quantal response equilibria for
extensive form games. *Experimental Economics* 1, 9-41.
Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic quantal
response equilibrium correspondence. *Games and Economic Behavior* 51, 243-263.
Turocy, T. L. (2010). Computing sequential equilibria using agent quantal
response equilibria. *Economic Theory* 42, 255-269.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._limits import MAX_TIME_LIMIT, Clock, check_bytes, check_max_time
from .._tolerance import DEFAULT_TOL
from .._validation import check_bool, check_int, check_real, check_tol
from ..exceptions import ConvergenceWarning
from ..result import ResultMixin
from ..trees.game import ExtensiveFormGame
from ..trees.profiles import check_tree, infoset_offsets, unflatten_behavior
from ..trees.result import make_behavior_equilibrium
from ._nplayer import point_at_lambda, trace_path
from .agent import AgentEquilibriumResult, _behavior_gains, _normalized_terminal_payoffs

__all__ = ["AgentQREResult", "AgentQREPoint", "agent_logit_qre", "agent_logit_qre_at"]

#: Probabilities below this are set to zero when the end of the branch is rounded to a candidate.
_SNAP = 1e-9
#: Jacobian entries below this are set to zero (far below any entry that matters; avoids subnormals).
_TINY = 1e-200


@dataclass(frozen=True, eq=False)
class AgentQREResult(AgentEquilibriumResult):
    """The traced principal branch of the agent logit QRE and the equilibrium at its end.

    Parameters
    ----------
    equilibria, method, complete, parameters, converged, n_iter, game, agent_regrets : see AgentEquilibriumResult
    lambdas, behaviors : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    equilibria : tuple of BehaviorEquilibrium
        The limiting equilibrium (one, when ``converged``), built by
        :func:`~gametheory_af.trees.result.make_behavior_equilibrium`: its
        ``max_regret`` is the Nash certificate computed in the tree, its
        relative regret at most ``tol``.
    agent_regrets : tuple of float
        Its largest agent regret relative to the payoff ranges
        (:func:`~gametheory_af.solvers.agent.agent_regrets`).
    lambdas : numpy.ndarray of shape (n_points,)
        Precision at each traced point, starting at 0 (relative to the
        payoff ranges unless the trace ran with ``normalize=False``).
    behaviors : tuple of numpy.ndarray
        One array of shape ``(n_points, n_actions)`` per information set: the
        agent QRE at each point.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.agent_qre import agent_logit_qre
    >>> res = agent_logit_qre(gt.catalog.matching_pennies_tree())
    >>> float(res.lambdas[0]), res.behaviors[1][-1].round(6).tolist()
    (0.0, [0.5, 0.5])
    """

    lambdas: np.ndarray = field(default_factory=lambda: np.empty(0))
    behaviors: tuple[np.ndarray, ...] = ()

    def behavior_at(self, k: int) -> tuple[np.ndarray, ...]:
        """The behaviour profile at traced point *k* (one vector per information set).

        Parameters
        ----------
        k : int
            Index into ``lambdas`` (negative counts from the end).

        Returns
        -------
        tuple of numpy.ndarray
        """
        n = int(self.lambdas.size)
        k = check_int(k, "k", "AgentQREResult.behavior_at", minimum=-n, maximum=n - 1)
        return tuple(b[k] for b in self.behaviors)

    def to_dict(self, game: ExtensiveFormGame | None = None) -> dict[str, Any]:
        """A JSON-ready dict (as :meth:`AgentEquilibriumResult.to_dict`, plus the path).

        Parameters
        ----------
        game : ExtensiveFormGame, optional
            Default the stored :attr:`game`.

        Returns
        -------
        dict
        """
        out = super().to_dict(game)
        out["lambdas"] = self.lambdas.tolist()
        out["behaviors"] = [b.tolist() for b in self.behaviors]
        return out


@dataclass(frozen=True, eq=False)
class AgentQREPoint(ResultMixin):
    """The agent logit QRE at one precision.

    Parameters
    ----------
    lam, behavior, residual, normalize : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    lam : float
        The precision.
    behavior : tuple of numpy.ndarray
        One strictly positive probability vector per information set.
    residual : float
        ``max |sigma_h(a) - logit_h(a)|`` over all actions: how far the
        profile is from its own logit response.
    normalize : bool
        Whether payoffs were normalised per player to ``[0, 1]``.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.agent_qre import agent_logit_qre_at
    >>> pt = agent_logit_qre_at(gt.catalog.entry_deterrence(), 0.0)
    >>> [b.tolist() for b in pt.behavior], pt.residual
    ([[0.5, 0.5], [0.5, 0.5]], 0.0)
    """

    lam: float
    behavior: tuple[np.ndarray, ...]
    residual: float
    normalize: bool = True


class _AgentLogit:
    """The agent logit QRE system in coordinates ``w = (log sigma (flat), lambda)``, with its exact Jacobian.

    For each information set h: ``sum_a sigma_ha - 1 = 0`` and, for a >= 1,
    ``log sigma_ha - log sigma_h0 - lambda (Q_ha - Q_h0) = 0``. Values and their
    derivatives are swept over the breadth-first levels (forward-mode
    differentiation of the continuation values and of the beliefs).
    """

    def __init__(self, game: ExtensiveFormGame, u: np.ndarray, caller: str):
        self.game = game
        n = game.n_nodes
        self.off = infoset_offsets(game)
        N = int(self.off[-1])
        self.N = N
        H = game.n_infosets
        check_bytes(n * (game.n_players + 1) * max(N, 1) + 2 * N * (N + 1), 8, "entries of the QRE Jacobian sweep", caller)
        self.u = u
        who, par = game.node_players, game.parents
        self.flat_in = np.full(n, -1, dtype=np.int64)
        kids = np.arange(1, n)
        dec = kids[who[par[kids]] >= 0]
        self.flat_in[dec] = self.off[game.node_infosets[par[dec]]] + game.actions_in[dec]
        with np.errstate(divide="ignore"):
            self.logp = np.where(self.flat_in >= 0, 0.0, np.log(game.edge_probabilities))
        self.logp[0] = 0.0
        self.prob = np.asarray(game.edge_probabilities, dtype=np.float64)
        # path indicator D[n, j] = 1 when action j lies on the path to n
        D = np.zeros((n, N))
        for lo, hi in game.levels[1:]:
            D[lo:hi] = D[par[lo:hi]]
            rows = np.arange(lo, hi)
            sel = self.flat_in[rows] >= 0
            D[rows[sel], self.flat_in[rows[sel]]] = 1.0
        self.D = D
        # decision edges sorted by flat action
        order = np.argsort(self.flat_in[dec], kind="stable")
        self.e_child = dec[order]
        self.e_parent = par[self.e_child]
        self.e_player = who[self.e_parent]
        self.e_flat = self.flat_in[self.e_child]
        self.e_seg = np.flatnonzero(np.r_[True, np.diff(self.e_flat) != 0])
        self.dnodes = np.flatnonzero(who >= 0)
        self.d_h = game.node_infosets[self.dnodes]
        # inner nodes per level with their children segments
        self.inner = []
        for lo, hi in game.levels:
            nodes = np.arange(lo, hi)
            nodes = nodes[game.n_children[nodes] > 0]
            if nodes.size:
                idx = np.concatenate([np.arange(game.first_child[x], game.first_child[x] + game.n_children[x]) for x in nodes.tolist()])
                seg = np.concatenate(([0], np.cumsum(game.n_children[nodes])[:-1])).astype(np.int64)
                self.inner.append((nodes, idx, seg))
        # equation selectors
        rows_d = []
        for h in range(H):
            for a in range(1, int(self.off[h + 1] - self.off[h])):
                r = np.zeros(N)
                r[self.off[h] + a] = 1.0
                r[self.off[h]] = -1.0
                rows_d.append(r)
        self.dsel = np.array(rows_d).reshape(-1, N)
        self.ssum = np.zeros((H, N))
        for h in range(H):
            self.ssum[h, self.off[h] : self.off[h + 1]] = 1.0

    def values(self, y: np.ndarray, jac: bool) -> tuple[np.ndarray, np.ndarray | None]:
        """Action values Q (flat) and, with *jac*, dQ/dy of shape (N, N)."""
        g = self.game
        n = g.n_nodes
        with np.errstate(over="ignore", under="ignore"):
            sig = np.exp(y)
        fac = self.prob.copy()
        sel = self.flat_in >= 0
        fac[sel] = sig[self.flat_in[sel]]
        lr = self.logp.copy()
        lr[sel] = y[self.flat_in[sel]]
        par = g.parents
        for lo, hi in g.levels[1:]:
            lr[lo:hi] = lr[par[lo:hi]] + lr[lo:hi]
        # beliefs
        H = g.n_infosets
        m = np.full(H, -np.inf)
        np.maximum.at(m, self.d_h, lr[self.dnodes])
        fin = np.isfinite(m)
        with np.errstate(invalid="ignore", over="ignore"):
            ex = np.where(fin[self.d_h], np.exp(lr[self.dnodes] - m[self.d_h]), 1.0)
        tot = np.bincount(self.d_h, weights=ex, minlength=H)
        mu = np.zeros(n)
        mu[self.dnodes] = ex / tot[self.d_h]
        V = np.zeros((n, g.n_players))
        V[g.terminals] = self.u
        dV = np.zeros((n, g.n_players, self.N)) if jac else None
        for nodes, idx, seg in reversed(self.inner):
            V[nodes] = np.add.reduceat(V[idx] * fac[idx][:, None], seg, axis=0)
            if dV is not None:
                part = dV[idx] * fac[idx][:, None, None]
                dsel = idx[self.flat_in[idx] >= 0]
                # derivative of sigma = exp(y) with respect to its own y
                part_extra = np.zeros_like(part)
                where = np.flatnonzero(self.flat_in[idx] >= 0)
                part_extra[where, :, self.flat_in[dsel]] = V[dsel] * fac[dsel][:, None]
                dV[nodes] = np.add.reduceat(part + part_extra, seg, axis=0)
        x, c, i = self.e_parent, self.e_child, self.e_player
        w = mu[x] * V[c, i]
        Q = np.add.reduceat(w, self.e_seg)
        if dV is None:
            return Q, None
        Dbar = np.zeros((H, self.N))
        np.add.at(Dbar, self.d_h, mu[self.dnodes][:, None] * self.D[self.dnodes])
        hx = g.node_infosets[x]
        rows = w[:, None] * (self.D[x] - Dbar[hx]) + mu[x][:, None] * dV[c, i, :]
        dQ = np.add.reduceat(rows, self.e_seg, axis=0)
        return Q, dQ

    def __call__(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        y, lam = w[:-1], w[-1]
        with np.errstate(over="ignore", under="ignore"):
            s = np.exp(y)
        Q, dQ = self.values(y, True)
        assert dQ is not None
        dq = self.dsel @ Q
        Hv = np.concatenate([self.dsel @ y - lam * dq, self.ssum @ s - 1.0])
        Jy = np.vstack([self.dsel - lam * (self.dsel @ dQ), self.ssum * s[None, :]])
        Jl = np.concatenate([-dq, np.zeros(self.ssum.shape[0])])
        J = np.hstack([Jy, Jl[:, None]])
        # subnormal entries (exponentially small probabilities far along the branch) make LAPACK crawl
        J[np.abs(J) < _TINY] = 0.0
        return Hv, J

    def start(self) -> np.ndarray:
        k = np.diff(self.off)
        return np.concatenate([np.full(int(s), -np.log(s)) for s in k] + [np.zeros(1)])

    def flat_profile(self, y: np.ndarray) -> np.ndarray:
        s = np.exp(y)
        tot = np.add.reduceat(s, self.off[:-1]) if self.N else s
        out: np.ndarray = s / np.repeat(tot, np.diff(self.off))
        return out

    def residual(self, flat: np.ndarray, lam: float) -> float:
        with np.errstate(divide="ignore"):
            y = np.log(flat)
        Q, _ = self.values(y, False)
        z = lam * Q
        zmax = np.repeat(np.maximum.reduceat(z, self.off[:-1]), np.diff(self.off))
        e = np.exp(z - zmax)
        resp = e / np.repeat(np.add.reduceat(e, self.off[:-1]), np.diff(self.off))
        return float(np.abs(resp - flat).max()) if flat.size else 0.0


def _prepare(game: Any, normalize: Any, caller: str) -> tuple[ExtensiveFormGame, bool, _AgentLogit]:
    check_tree(game, caller)
    normalize = check_bool(normalize, "normalize", caller)
    game.require_perfect_recall(caller)
    u = _normalized_terminal_payoffs(game) if normalize else np.asarray(game.terminal_payoffs, dtype=np.float64)
    return game, normalize, _AgentLogit(game, u, caller)


def _snap(flat: np.ndarray, off: np.ndarray) -> np.ndarray:
    """Round a nearly converged profile: probabilities below _SNAP set to zero, then renormalised."""
    out = np.where(flat < _SNAP, 0.0, flat)
    tot = np.add.reduceat(out, off[:-1])
    return out / np.repeat(tot, np.diff(off))  # type: ignore[no-any-return]


def _polish(sys_: _AgentLogit, y: np.ndarray, *, support_tol: float = 1e-4, iters: int = 30) -> np.ndarray | None:
    """Newton on the limit system at the support of *y*: equal action values on the support, sums one.

    Probabilities off the support (below *support_tol*) stay as they are (at a
    large precision they are exponentially small); the supported log
    probabilities solve ``Q_ha = Q_h0`` (a in the support of h) and
    ``sum_a sigma_ha = 1`` for every information set h. Returns the polished
    flat profile, or None when Newton does not converge.
    """
    off = sys_.off
    flat = sys_.flat_profile(y)
    sup = flat >= support_tol
    y = np.log(flat)
    cols = np.flatnonzero(sup)
    rows_d = []
    for h in range(sys_.game.n_infosets):
        idx = np.flatnonzero(sup[off[h] : off[h + 1]]) + off[h]
        for a in idx[1:].tolist():
            r = np.zeros(sys_.N)
            r[a] = 1.0
            r[idx[0]] = -1.0
            rows_d.append(r)
    dsel = np.array(rows_d).reshape(-1, sys_.N)
    for _ in range(iters):
        s = np.exp(y)
        Q, dQ = sys_.values(y, True)
        assert dQ is not None
        F = np.concatenate([dsel @ Q, sys_.ssum @ s - 1.0])
        if not np.isfinite(F).all():
            return None
        J = np.vstack([dsel @ dQ, sys_.ssum * s[None, :]])[:, cols]
        J[np.abs(J) < _TINY] = 0.0
        step = np.linalg.lstsq(J, F, rcond=None)[0]
        y = y.copy()
        y[cols] -= step
        if float(np.abs(step).max(initial=0.0)) < 1e-13:
            break
    else:
        return None
    return sys_.flat_profile(y)


def agent_logit_qre(
    game: ExtensiveFormGame,
    *,
    tol: float | None = None,
    max_lambda: float = 1e10,
    normalize: bool = True,
    first_step: float = 0.03,
    max_accel: float = 1.5,
    max_steps: int = 20_000,
    max_time: float | None = MAX_TIME_LIMIT,
) -> AgentQREResult:
    r"""Trace the principal branch of the agent logit QRE from :math:`\lambda = 0` to its limiting equilibrium.

    Parameters
    ----------
    game : ExtensiveFormGame
        A game with perfect recall: any number of players, chance moves,
        imperfect information.
    tol : float, optional
        Largest relative regret (regret over the player's payoff range, in
        the whole tree) of the returned equilibrium. Default
        ``DEFAULT_TOL`` (``1e-9``).
    max_lambda : float, default 1e10
        Give up at this precision.
    normalize : bool, default True
        Trace on payoffs normalised per player to ``[0, 1]`` (scale-free
        :math:`\lambda`); False uses the raw payoffs, as Gambit does.
    first_step : float, default 0.03
        First arclength step in :math:`(\log\sigma, \lambda)`.
    max_accel : float, default 1.5
        Factor (at least 1) by which the step grows after a successful step.
    max_steps : int, default 20000
        Continuation steps (at least 1).
    max_time : float or None, optional
        Seconds to spend. Default: the ``max_time`` limit
        (:func:`gametheory_af.get_limits`).

    Returns
    -------
    AgentQREResult
        ``method="agent_logit"``, ``complete=False``; one equilibrium when the
        trace reached a profile whose relative regret in the tree is at most
        *tol* (``converged=True``), none otherwise; ``lambdas`` and
        ``behaviors`` hold the traced branch; ``n_iter`` is the number of steps.

    Raises
    ------
    GameError
        For a game without perfect recall, a tree too large for the dense
        Jacobian (the ``max_entries`` / ``max_bytes`` limits), or an invalid
        option (TypeError for one of the wrong type).

    Warns
    -----
    ConvergenceWarning
        When no equilibrium was certified before *max_lambda*, *max_steps* or
        *max_time*.

    Notes
    -----
    The branch is followed by predictor-corrector continuation in the
    coordinates :math:`(\log\sigma, \lambda)`, with arclength steps and a
    Newton corrector on the exact Jacobian (the action values' derivatives,
    beliefs included, are propagated level by level; Turocy 2005, 2010). At
    every step beyond :math:`\lambda = 1` the current profile, with
    probabilities below 1e-9 set to zero, is checked: the trace stops when its
    relative agent regret and its relative regret in the tree
    (:func:`~gametheory_af.trees.result.make_behavior_equilibrium`) are both at
    most *tol*. The limit of the branch is a sequential equilibrium
    (McKelvey & Palfrey 1998); where the limit mixes, the regret falls like
    :math:`1/\lambda`, so a tight *tol* needs a large *max_lambda*.

    References
    ----------
    McKelvey, R. D. & Palfrey, T. R. (1998). Quantal response equilibria for
    extensive form games. *Experimental Economics* 1, 9-41.
    Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic
    quantal response equilibrium correspondence. *GEB* 51, 243-263.
    Turocy, T. L. (2010). Computing sequential equilibria using agent quantal
    response equilibria. *Economic Theory* 42, 255-269.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.agent_qre import agent_logit_qre
    >>> g = gt.catalog.entry_deterrence()
    >>> res = agent_logit_qre(g)
    >>> res.converged, res.describe()
    (True, ['Entrant: In; Incumbent: Accommodate'])
    """
    caller = "agent_logit_qre"
    check_tree(game, caller)
    tol = DEFAULT_TOL if tol is None else check_tol(tol, caller)
    max_lambda = check_real(max_lambda, "max_lambda", caller, minimum=0, strict_min=True)
    first_step = check_real(first_step, "first_step", caller, minimum=0, strict_min=True)
    max_accel = check_real(max_accel, "max_accel", caller, minimum=1)
    max_steps = check_int(max_steps, "max_steps", caller, minimum=1)
    budget = check_max_time(max_time, caller)
    game, normalize, sys_ = _prepare(game, normalize, caller)
    params = {
        "tol": float(tol),
        "max_lambda": float(max_lambda),
        "normalize": normalize,
        "first_step": float(first_step),
        "max_accel": float(max_accel),
        "max_steps": max_steps,
        "max_time": budget,
    }
    u01 = _normalized_terminal_payoffs(game)
    state: dict[str, Any] = {"sol": None, "next": 100.0}

    def certify(flat: np.ndarray) -> tuple[Any, float] | None:
        snapped = _snap(flat, sys_.off)
        gains = _behavior_gains(game, snapped, u01, game.edge_probabilities)
        areg = max((float(gains[sys_.off[h] : sys_.off[h + 1]].max()) for h in range(game.n_infosets)), default=0.0)
        if areg > tol:
            return None
        eq = make_behavior_equilibrium(game, list(unflatten_behavior(game, snapped)))
        if eq.relative_regret > tol:
            return None
        return eq, max(areg, 0.0)

    def stop(prev: np.ndarray, w: np.ndarray) -> bool:
        lam = float(w[-1])
        if lam >= 1.0:
            got = certify(sys_.flat_profile(w[:-1]))
            if got is None and lam >= state["next"]:
                state["next"] = 2.0 * lam
                polished = _polish(sys_, w[:-1])
                got = None if polished is None else certify(polished)
            if got is not None:
                state["sol"] = got
                return True
        return lam >= max_lambda

    w0 = sys_.start()
    ok, steps, reason = True, 0, ""
    if sys_.N == sys_.game.n_infosets:  # one action everywhere (or no decisions): nothing to trace
        points = [w0]
        state["sol"] = certify(sys_.flat_profile(w0[:-1]))
    else:
        tr = trace_path(
            sys_,
            w0,
            np.eye(sys_.N + 1)[-1],
            stop,
            first_step=first_step,
            accel=max_accel,
            max_step=max(1e6, max_lambda),
            max_steps=max_steps,
            orient="dot",
            clock=Clock(budget),
        )
        points, steps, ok, reason = tr.points, tr.steps, tr.ok, tr.reason
        if state["sol"] is None and points[-1][-1] >= 100.0:
            # the trace ended (max_lambda, a failed step, the budget) far along: one last polish from its end
            polished = _polish(sys_, points[-1][:-1])
            state["sol"] = None if polished is None else certify(polished)
    lambdas = np.array([float(p[-1]) for p in points])
    flats = np.array([sys_.flat_profile(p[:-1]) for p in points]).reshape(len(points), sys_.N)
    behaviors = tuple(np.ascontiguousarray(flats[:, sys_.off[h] : sys_.off[h + 1]]) for h in range(game.n_infosets))
    for arr in (lambdas, *behaviors):
        arr.setflags(write=False)
    sol = state["sol"]
    converged = sol is not None
    if not converged:
        why = f" ({reason})" if not ok else ""
        warnings.warn(
            f"{caller}: no equilibrium with relative regret <= {tol:g} certified on the principal branch{why}; "
            f"reached lambda = {lambdas[-1]:.4g}.",
            ConvergenceWarning,
            stacklevel=2,
        )
    return AgentQREResult(
        equilibria=(sol[0],) if converged else (),
        method="agent_logit",
        complete=False,
        parameters=params,
        converged=converged,
        n_iter=steps,
        game=game,
        agent_regrets=(sol[1],) if converged else (),
        lambdas=lambdas,
        behaviors=behaviors,
    )


def agent_logit_qre_at(
    game: ExtensiveFormGame,
    lam: float,
    *,
    normalize: bool = True,
    first_step: float = 0.03,
    max_accel: float = 1.5,
    max_steps: int = 20_000,
) -> AgentQREPoint:
    r"""The agent logit QRE on the principal branch at precision *lam*.

    Parameters
    ----------
    game : ExtensiveFormGame
        A game with perfect recall.
    lam : float
        Precision :math:`\lambda \ge 0` (relative to the payoff ranges when
        *normalize*, else in the payoffs' units, as Gambit's).
    normalize : bool, default True
        Normalise each player's payoffs to ``[0, 1]`` first.
    first_step, max_accel, max_steps : float, float, int
        Step control, as for :func:`agent_logit_qre`.

    Returns
    -------
    AgentQREPoint
        The profile and its residual (how far it is from its own logit
        response; about 1e-12 or less).

    Raises
    ------
    GameError
        For a negative or infinite *lam*, a game without perfect recall, or a
        branch that cannot be followed to *lam*.

    Notes
    -----
    The branch is traced from the uniform profile as in
    :func:`agent_logit_qre` until it first reaches *lam*; Newton's method then
    solves the QRE equations at exactly *lam*.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.agent_qre import agent_logit_qre_at
    >>> pt = agent_logit_qre_at(gt.catalog.matching_pennies_tree(), 5.0)
    >>> [b.round(6).tolist() for b in pt.behavior], pt.residual < 1e-12
    ([[0.5, 0.5], [0.5, 0.5]], True)
    """
    caller = "agent_logit_qre_at"
    check_tree(game, caller)
    lam = check_real(lam, "lam", caller, minimum=0)
    first_step = check_real(first_step, "first_step", caller, minimum=0, strict_min=True)
    max_accel = check_real(max_accel, "max_accel", caller, minimum=1)
    max_steps = check_int(max_steps, "max_steps", caller, minimum=1)
    game, normalize, sys_ = _prepare(game, normalize, caller)
    w0 = sys_.start()
    y = w0[:-1]
    if lam > 0 and sys_.N > game.n_infosets:
        y = point_at_lambda(sys_, w0, lam, caller, first_step=first_step, max_accel=max_accel, max_steps=max_steps)
    flat = sys_.flat_profile(y)
    behavior = unflatten_behavior(game, flat)
    return AgentQREPoint(lam=float(lam), behavior=behavior, residual=sys_.residual(flat, float(lam)), normalize=normalize)
