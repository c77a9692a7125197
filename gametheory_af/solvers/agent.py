r"""The agent form of a game tree: pure agent equilibria and agent regrets.

In Selten's (1975) **agent form** every information set is a separate player
(an *agent*) with the payoff of the player who moves there. A behaviour
profile is an **agent equilibrium** when no single agent gains by changing the
action (or the mixture) at its own information set while every other agent,
the other information sets of the same player included, keeps its behaviour.
The gain is measured *ex ante*: agent ``h`` of player ``i`` who switches to
action ``a`` changes player ``i``'s expected payoff by

.. math::

    g_h(a) = \sum_{x \in h} \rho(x)\,\bigl(V_i(x a) - V_i(x)\bigr),

where :math:`\rho(x)` is the probability that the profile reaches node ``x``
(chance, every player's moves) and :math:`V_i` is player ``i``'s continuation
payoff under the profile. The **agent regret** of ``h`` is
:math:`\max_a g_h(a)` (never negative). An information set reached with
probability zero has agent regret zero whatever it plays: its behaviour is
unrestricted (this is the definition of Gambit's ``enumpure`` with
``use_strategic=False``, ``pygambit.nash.enumpure_agent_solve``, which compares
each player's whole-game payoff before and after one information set's change).

Every Nash equilibrium of the tree is an agent equilibrium, but not conversely
when a player has several information sets: a joint change at two of them may
pay although neither change pays alone. So an agent equilibrium's
``max_regret`` (the gain
from the best change of the player's *whole* strategy, computed in the tree)
can be positive; its agent certificate is :func:`agent_regrets`.

References
----------
Selten, R. (1975). Reexamination of the perfectness concept for equilibrium
points in extensive games. *International Journal of Game Theory* 4, 25-55.
Kuhn, H. W. (1953). Extensive games and the problem of information.
*Contributions to the Theory of Games II*, 193-216.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .._limits import MAX_TIME_LIMIT, Clock, check_count, check_max_time
from .._tolerance import DEFAULT_TOL, clearly_unblurred, float_resolves, payoff_ranges, relative_regrets
from .._validation import check_bool, check_tol
from ..exceptions import GameError
from ..trees.game import CHANCE, ExtensiveFormGame
from ..trees.profiles import (
    as_behavior,
    as_exact_behavior,
    check_tree,
    flatten_behavior,
    infoset_offsets,
    unflatten_behavior,
)
from ..trees.result import BehaviorEquilibrium, TreeEquilibriumResult, make_behavior_equilibrium

__all__ = ["AgentEquilibriumResult", "agent_regrets", "pure_agent_equilibria"]

#: Float screen for exact mode: a profile whose float agent regret (relative to
#: the payoff ranges) exceeds this is not an agent equilibrium; the others are
#: decided in rational arithmetic.
_SCREEN = 1e-7
#: Entries of the per-chunk value array (profiles x nodes x players).
_CHUNK_ENTRIES = 1 << 21


@dataclass(frozen=True, eq=False)
class AgentEquilibriumResult(TreeEquilibriumResult):
    """A :class:`~gametheory_af.trees.result.TreeEquilibriumResult` of agent equilibria, with their agent certificates.

    Parameters
    ----------
    equilibria, method, complete, parameters, converged, n_iter, game : see TreeEquilibriumResult
    agent_regrets : see Attributes
        Sets the attribute of the same name.

    Attributes
    ----------
    agent_regrets : tuple of float
        For each equilibrium, its largest agent regret (:func:`agent_regrets`)
        relative to the mover's payoff range: the certificate the solver's
        ``tol`` applies to (0.0 for equilibria decided exactly). Each
        equilibrium's ``max_regret`` / ``relative_regret`` is its *strategic*
        regret (a whole-strategy change), which may be positive for an agent
        equilibrium that is not a Nash equilibrium.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.agent import pure_agent_equilibria
    >>> res = pure_agent_equilibria(gt.catalog.entry_deterrence())
    >>> res.agent_regrets, res.max_agent_regret
    ((0.0, 0.0), 0.0)
    """

    agent_regrets: tuple[float, ...] = field(default=())

    def __post_init__(self) -> None:
        super().__post_init__()
        regs = tuple(float(r) for r in self.agent_regrets)
        if len(regs) != len(self.equilibria):
            raise GameError(
                f"AgentEquilibriumResult: agent_regrets has {len(regs)} entries for {len(self.equilibria)} equilibria."
            )
        object.__setattr__(self, "agent_regrets", regs)

    @property
    def max_agent_regret(self) -> float:
        """The largest relative agent regret over the equilibria found (NaN when none were found)."""
        return max(self.agent_regrets, default=float("nan"))

    @property
    def nash(self) -> tuple[BehaviorEquilibrium, ...]:
        """The equilibria that are also Nash equilibria of the tree (strategic relative regret within ``tol``)."""
        tol = float(self.parameters.get("tol", DEFAULT_TOL))
        return tuple(e for e in self.equilibria if e.relative_regret <= tol)

    def to_dict(self, game: ExtensiveFormGame | None = None) -> dict[str, Any]:
        """A JSON-ready dict (as :meth:`TreeEquilibriumResult.to_dict`, plus ``agent_regrets``).

        Parameters
        ----------
        game : ExtensiveFormGame, optional
            Default the stored :attr:`game`.

        Returns
        -------
        dict
        """
        out = super().to_dict(game)
        out["agent_regrets"] = list(self.agent_regrets)
        return out


# ----------------------------------------------------------------------------- layout
class _Layout:
    """Index arrays of a tree for sweeps over many profiles at once."""

    def __init__(self, game: ExtensiveFormGame):
        self.game = game
        n = game.n_nodes
        self.off = infoset_offsets(game)
        self.n_flat = int(self.off[-1])
        who = game.node_players
        par = game.parents
        kids = np.arange(1, n)
        pk = par[kids]
        # decision edges (parent x is a decision node), sorted by their flat action index
        dec_e = kids[who[pk] >= 0]
        flat = self.off[game.node_infosets[par[dec_e]]] + game.actions_in[dec_e]
        order = np.argsort(flat, kind="stable")
        self.e_child = dec_e[order]
        self.e_parent = par[self.e_child]
        self.e_player = who[self.e_parent]
        self.e_flat = flat[order]
        self.e_seg = np.flatnonzero(np.r_[True, np.diff(self.e_flat) != 0])
        # per level: decision nodes, chance nodes with their children segments, and the edges into the next level
        self.levels = []
        for lo, hi in game.levels:
            nodes = np.arange(lo, hi)
            d = nodes[who[nodes] >= 0]
            c = nodes[who[nodes] == CHANCE]
            cidx = (
                np.concatenate([np.arange(game.first_child[x], game.first_child[x] + game.n_children[x]) for x in c.tolist()])
                if c.size
                else np.zeros(0, dtype=np.int64)
            )
            cseg = np.concatenate(([0], np.cumsum(game.n_children[c])[:-1])).astype(np.int64) if c.size else cidx
            self.levels.append((lo, hi, d, c, cidx, cseg))
        self.dec_infoset = game.node_infosets

    def sweep(self, choices: np.ndarray, u: np.ndarray, prob: np.ndarray) -> np.ndarray:
        """Agent gains ``(P, n_flat)`` of P pure profiles (``choices``, shape (P, H)), for payoffs *u* and chance *prob*.

        Works on float64 arrays or object arrays of Fractions (*u*, *prob* of the same kind).
        """
        g = self.game
        P = choices.shape[0]
        obj = u.dtype == object
        dt = object if obj else np.float64
        V = np.empty((P, g.n_nodes, g.n_players), dtype=dt)
        V[:, g.terminals, :] = u[None, :, :]
        rows = np.arange(P)[:, None]
        for _lo, _hi, d, c, cidx, cseg in reversed(self.levels):
            if d.size:
                pick = g.first_child[d][None, :] + choices[:, self.dec_infoset[d]]
                V[:, d, :] = V[rows, pick, :]
            if c.size:
                V[:, c, :] = np.add.reduceat(V[:, cidx, :] * prob[cidx][None, :, None], cseg, axis=1)
        R = np.empty((P, g.n_nodes), dtype=dt)
        R[:, 0] = Fraction(1) if obj else 1.0
        par = g.parents
        for lo, hi, *_ in self.levels[1:]:
            kids = np.arange(lo, hi)
            pk = par[kids]
            fac = np.empty((P, kids.size), dtype=dt)
            isdec = g.node_players[pk] >= 0
            if (~isdec).any():
                fac[:, ~isdec] = prob[kids[~isdec]][None, :]
            if isdec.any():
                kd = kids[isdec]
                hit = choices[:, self.dec_infoset[par[kd]]] == g.actions_in[kd][None, :]
                fac[:, isdec] = hit.astype(np.int64).astype(object) if obj else hit
            R[:, kids] = R[:, pk] * fac
        x, ch, i = self.e_parent, self.e_child, self.e_player
        contrib = R[:, x] * (V[:, ch, i] - V[:, x, i])
        gains: np.ndarray = np.add.reduceat(contrib, self.e_seg, axis=1)
        return gains


def _chunk_profiles(radix: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Pure profiles number start..stop-1 in lexicographic order (first information set slowest), shape (P, H)."""
    idx = np.arange(start, stop, dtype=np.int64)
    out = np.empty((idx.size, radix.size), dtype=np.int64)
    for h in range(radix.size - 1, -1, -1):
        out[:, h] = idx % radix[h]
        idx //= radix[h]
    return out


def _normalized_terminal_payoffs(game: ExtensiveFormGame) -> np.ndarray:
    """Terminal payoffs mapped per player onto [0, 1] (normalised exactly for exact games)."""
    u = game.terminal_payoffs
    span = payoff_ranges(u.T)
    if game.is_exact:
        U = game.exact_terminal_payoffs()
        cols = []
        for i in range(game.n_players):
            col = U[:, i].tolist()
            lo, hi = min(col), max(col)
            w = hi - lo if hi != lo else Fraction(1)
            cols.append([float((x - lo) / w) for x in col])
        return np.array(cols, dtype=np.float64).T.reshape(u.shape)
    out: np.ndarray = (u - u.min(axis=0)) / span
    return out


def _exact_needed(game: ExtensiveFormGame) -> bool:
    """True when the game's payoffs are exact and float64 may blur their differences."""
    if not game.is_exact or game.n_terminals == 0:
        return False
    ut = game.terminal_payoffs.T
    return not (float_resolves(ut) and clearly_unblurred(ut))


# ----------------------------------------------------------------------------- agent regrets
def agent_regrets(game: ExtensiveFormGame, behavior: Any, *, exact: bool = False) -> np.ndarray:
    r"""Each information set's agent regret: the most its agent gains by changing its own behaviour alone.

    Parameters
    ----------
    game : ExtensiveFormGame
    behavior : behaviour profile
        See :mod:`gametheory_af.trees.profiles` (vectors, action names or indices).
    exact : bool, default False
        Compute in rational arithmetic (Fractions).

    Returns
    -------
    numpy.ndarray of shape (n_infosets,)
        :math:`\max_a \sum_{x \in h} \rho(x) (V_i(xa) - V_i(x))` for each
        information set ``h`` of player ``i`` (see :mod:`~gametheory_af.solvers.agent`),
        in payoff units and never negative; zero at every information set
        exactly at an agent equilibrium, and at every information set the
        profile reaches with probability zero.

    Raises
    ------
    GameError
        For a profile that does not fit the game.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.agent import agent_regrets
    >>> g = gt.catalog.entry_deterrence()
    >>> agent_regrets(g, ["Out", "Fight"]).tolist(), agent_regrets(g, ["In", "Fight"]).tolist()
    ([0.0, 0.0], [1.0, 2.0])
    """
    caller = "agent_regrets"
    check_tree(game, caller)
    exact = check_bool(exact, "exact", caller)
    b = as_exact_behavior(game, behavior, caller) if exact else as_behavior(game, behavior, caller)
    flat = flatten_behavior(b)
    u = game.exact_terminal_payoffs() if exact else game.terminal_payoffs
    prob: Any = np.array(game.exact_edge_probabilities(), dtype=object) if exact else game.edge_probabilities
    gains = _behavior_gains(game, flat, u, prob)
    off = infoset_offsets(game)
    out = np.empty(game.n_infosets, dtype=object if exact else np.float64)
    zero: Any = Fraction(0) if exact else 0.0
    for h in range(game.n_infosets):
        out[h] = max(max(gains[off[h] : off[h + 1]].tolist()), zero)
    return out


def _behavior_gains(game: ExtensiveFormGame, flat: np.ndarray, u: np.ndarray, prob: np.ndarray) -> np.ndarray:
    """Gain of each (information set, action) switch against a behaviour profile (flat layout), one profile."""
    n = game.n_nodes
    off = infoset_offsets(game)
    obj = u.dtype == object
    dt = object if obj else np.float64
    who = game.node_players
    par = game.parents
    fac = np.array(prob, dtype=dt)
    kids = np.arange(1, n)
    dec = kids[who[par[kids]] >= 0]
    fidx = off[game.node_infosets[par[dec]]] + game.actions_in[dec]
    fac[dec] = flat[fidx]
    R = np.empty(n, dtype=dt)
    R[0] = Fraction(1) if obj else 1.0
    for lo, hi in game.levels[1:]:
        R[lo:hi] = R[par[lo:hi]] * fac[lo:hi]
    V = np.empty((n, game.n_players), dtype=dt)
    V[game.terminals] = u
    for lo, hi in reversed(game.levels):
        inner = np.arange(lo, hi)
        inner = inner[game.n_children[inner] > 0]
        if inner.size:
            idx = np.concatenate([np.arange(game.first_child[x], game.first_child[x] + game.n_children[x]) for x in inner.tolist()])
            seg = np.concatenate(([0], np.cumsum(game.n_children[inner])[:-1]))
            V[inner] = np.add.reduceat(V[idx] * fac[idx][:, None], seg, axis=0)
    gains = np.empty(int(off[-1]), dtype=dt)
    gains[:] = [Fraction(0)] * gains.size if obj else 0.0
    i = who[par[dec]]
    np.add.at(gains, fidx, R[par[dec]] * (V[dec, i] - V[par[dec], i]))
    return gains


# ----------------------------------------------------------------------------- pure agent equilibria
def pure_agent_equilibria(
    game: ExtensiveFormGame,
    *,
    tol: float | None = None,
    exact: bool = False,
    max_time: float | None = MAX_TIME_LIMIT,
) -> AgentEquilibriumResult:
    r"""Every pure agent equilibrium of a game tree (Selten's agent form).

    A pure behaviour profile (one action at every information set) is an agent
    equilibrium when no information set's agent gains by switching its action
    while everything else stays as it is (see :mod:`gametheory_af.solvers.agent`
    for the gain). Information sets the profile does not reach are
    unrestricted. This is the set that Gambit's ``enumpure`` with
    ``use_strategic=False`` (``pygambit.nash.enumpure_agent_solve``) returns.

    Parameters
    ----------
    game : ExtensiveFormGame
        A game with perfect recall, any number of players, chance moves and
        imperfect information.
    tol : float, optional
        Largest agent regret, relative to the mover's payoff range, of an
        accepted profile in float mode. Default
        ``DEFAULT_TOL`` (``1e-9``).
    exact : bool, default False
        Decide every profile in rational arithmetic: accepted profiles have
        agent regret exactly zero. Also used automatically for games with
        exact payoffs that float64 does not resolve
        (``float_resolves``).
    max_time : float or None, optional
        Seconds to spend; when they run out the profiles examined so far are
        reported with ``complete=False``. Default: the ``max_time`` limit
        (:func:`gametheory_af.get_limits`).

    Returns
    -------
    AgentEquilibriumResult
        ``method="pure_agent"``; the equilibria in lexicographic order of the
        profiles (first information set slowest), each built by
        :func:`~gametheory_af.trees.result.make_behavior_equilibrium`, so its
        ``max_regret`` is the **strategic** regret (whole-strategy changes):
        zero for the agent equilibria that are Nash equilibria
        (:attr:`AgentEquilibriumResult.nash`), possibly positive for the others.
        ``agent_regrets`` holds the agent certificates that *tol* bounds.
        ``complete`` is True unless *max_time* ran out; ``n_iter`` is the
        number of profiles examined.

    Raises
    ------
    GameError
        For a game without perfect recall, more pure profiles than the
        ``max_calls`` limit (the product of the numbers of actions), or an
        invalid tol or max_time (TypeError for a wrong type).

    Notes
    -----
    The profiles are swept in chunks, all profiles of a chunk at once:
    continuation values bottom-up and reach probabilities top-down over the
    breadth-first levels, then each agent's gains from the decision edges. The
    tolerance is relative to each player's payoff range, so the answer does
    not change when a player's payoffs are scaled or shifted. In exact mode a
    float screen (relative agent regret at most 1e-7, far above round-off on
    the normalised payoffs) selects the candidates, which are then decided in
    rationals.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for
    equilibrium points in extensive games. *IJGT* 4, 25-55.
    McKelvey, R. D., McLennan, A. M. & Turocy, T. L. Gambit: software tools
    for game theory (``gambit-enumpure -A``).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.agent import pure_agent_equilibria
    >>> g = gt.catalog.entry_deterrence()
    >>> res = pure_agent_equilibria(g)
    >>> res.describe()
    ['Entrant: Out; Incumbent: Fight', 'Entrant: In; Incumbent: Accommodate']
    >>> [e.max_regret for e in res]
    [0.0, 0.0]
    >>> len(pure_agent_equilibria(gt.catalog.matching_pennies_tree()))
    0
    """
    caller = "pure_agent_equilibria"
    check_tree(game, caller)
    tol = DEFAULT_TOL if tol is None else check_tol(tol, caller)
    exact = check_bool(exact, "exact", caller)
    budget = check_max_time(max_time, caller)
    game.require_perfect_recall(caller)
    radix = np.array([len(a) for a in game.infoset_actions], dtype=np.int64)
    total = 1
    for k in radix.tolist():
        total *= k
        check_count(total, "max_calls", "pure behaviour profiles", caller)
    use_exact = exact or _exact_needed(game)
    params = {"tol": float(tol), "exact": exact, "max_time": budget, "exact_arithmetic": use_exact}
    lay = _Layout(game)
    u01 = _normalized_terminal_payoffs(game)
    prob = np.asarray(game.edge_probabilities, dtype=np.float64)
    if use_exact:
        u_ex = game.exact_terminal_payoffs()
        prob_ex = np.array(game.exact_edge_probabilities(), dtype=object)
    per = max(1, _CHUNK_ENTRIES // max(1, game.n_nodes * (game.n_players + 1) + lay.e_child.size))
    clock = Clock(budget)
    found: list[tuple[tuple[int, ...], float]] = []
    start = 0
    complete = True
    screen = max(tol, _SCREEN) if use_exact else tol
    while start < total:
        if clock.expired():
            complete = False
            break
        stop = min(total, start + per)
        ch = _chunk_profiles(radix, start, stop)
        if game.n_infosets:
            gains = lay.sweep(ch, u01, prob)
            worst = gains.max(axis=1)
        else:
            worst = np.zeros(ch.shape[0])
        cand = np.flatnonzero(worst <= screen)
        if use_exact and cand.size and game.n_infosets:
            gx = lay.sweep(ch[cand], u_ex, prob_ex)
            ok = np.array([max(row) <= 0 for row in gx.tolist()], dtype=bool)
            cand = cand[ok]
            regs = [0.0] * cand.size
        else:
            regs = [max(float(r), 0.0) for r in worst[cand].tolist()]
        found.extend((tuple(int(a) for a in ch[k].tolist()), r) for k, r in zip(cand.tolist(), regs))
        start = stop
    eqs = _pure_equilibria(game, np.array([p for p, _ in found], dtype=np.int64).reshape(len(found), game.n_infosets), use_exact)
    return AgentEquilibriumResult(
        equilibria=eqs,
        method="pure_agent",
        complete=complete,
        parameters=params,
        converged=complete,
        n_iter=start,
        game=game,
        agent_regrets=tuple(r for _, r in found),
    )


# ----------------------------------------------------------------------------- certificates of many pure profiles
def _pure_equilibria(game: ExtensiveFormGame, profiles: np.ndarray, exact: bool) -> tuple[BehaviorEquilibrium, ...]:
    """``make_behavior_equilibrium(game, list(p), exact=exact)`` for every row ``p`` of *profiles*, all rows at once.

    The reach probabilities and each player's best-response values (bottom-up
    over her sequences, :func:`~gametheory_af.trees.profiles.best_response_values`)
    are computed for all profiles in one pass with the same elementwise
    operations in the same order as the one-profile reference, so the
    certificates are bitwise the same (tested against the reference).
    """
    K = profiles.shape[0]
    if K == 0:
        return ()
    if game.n_infosets == 0:  # a tree without decisions: one empty profile
        return tuple(make_behavior_equilibrium(game, [], exact=exact) for _ in range(K))
    n, N = game.n_nodes, game.n_players
    per = max(1, _CHUNK_ENTRIES // n)
    if K > per:  # bounded memory: (profiles x nodes) arrays of at most _CHUNK_ENTRIES entries
        return tuple(eq for s in range(0, K, per) for eq in _pure_equilibria(game, profiles[s : s + per], exact))
    off = infoset_offsets(game)
    span = payoff_ranges(game.terminal_payoffs.T)
    levels = game.levels[1:]
    par = game.parents
    term = game.terminals
    pk = par[1:]
    who = game.node_players[pk]
    dec = np.flatnonzero(who >= 0) + 1
    hit = profiles[:, game.node_infosets[par[dec]]] == game.actions_in[dec][None, :]
    obj = exact
    dt: Any = object if obj else np.float64
    one: Any = Fraction(1) if obj else 1.0
    if obj:
        base = np.empty(n, dtype=object)
        base[:] = game.exact_edge_probabilities()
        u: np.ndarray = game.exact_terminal_payoffs()
        hitv: np.ndarray = np.empty(hit.shape, dtype=object)
        hitv[:] = [[Fraction(int(v)) for v in row] for row in hit.tolist()]
    else:
        base = np.array(game.edge_probabilities, dtype=np.float64)
        u = game.terminal_payoffs
        hitv = hit.astype(np.float64)
    fac = np.empty((K, n), dtype=dt)
    fac[:] = base[None, :]
    fac[:, dec] = hitv

    def reach_of(f: np.ndarray) -> np.ndarray:
        r = f.copy()
        for lo, hi in levels:
            r[:, lo:hi] = r[:, par[lo:hi]] * f[:, lo:hi]
        return r

    f_all = fac.copy()
    f_all[:, 0] = one
    reach = reach_of(f_all)
    rows = np.arange(K)[:, None]
    br = np.empty((K, N), dtype=dt)
    for i in range(N):
        fi = fac.copy()
        fi[:, np.flatnonzero(who == i) + 1] = one
        fi[:, 0] = one
        ri = reach_of(fi)
        seq = game.node_sequences(i)
        n_seq = game.n_sequences(i)
        val = np.empty((K, n_seq), dtype=dt)
        val[:] = Fraction(0) if obj else 0.0
        np.add.at(val, (rows, seq[term][None, :]), ri[:, term] * u[:, i][None, :])
        parent_seq = game.infoset_sequences(i)
        for layer, idx, seg, ks in game.sequence_layers(i):
            vals = val[:, idx]
            if obj:
                best = np.array([[max(row[a : a + k]) for a, k in zip(seg.tolist(), ks.tolist())] for row in vals.tolist()], dtype=object)
                best = best.reshape(K, layer.size)
            else:
                best = np.maximum.reduceat(vals, seg, axis=1)
            np.add.at(val, (rows, parent_seq[layer][None, :]), best)
        br[:, i] = val[:, 0]
    eqs = []
    for k in range(K):
        p = profiles[k]
        pay = reach[k, term] @ u
        if obj:
            payoffs = np.array([float(x) for x in pay.tolist()], dtype=np.float64)
            reg_f = np.array([float(br[k, i] - pay[i]) for i in range(N)], dtype=np.float64)
            flat_ex = [Fraction(int(a == j)) for h, j in enumerate(p.tolist()) for a in range(int(off[h + 1] - off[h]))]
            exact_t: tuple[tuple[Fraction, ...], ...] | None = tuple(
                tuple(flat_ex[off[h] : off[h + 1]]) for h in range(game.n_infosets)
            )
        else:
            payoffs = np.asarray(pay, dtype=np.float64)
            reg_f = np.array([max(float(br[k, i] - pay[i]), 0.0) for i in range(N)], dtype=np.float64)
            exact_t = None
        flat = np.zeros(int(off[-1]))
        flat[off[:-1] + p] = 1.0
        payoffs.setflags(write=False)
        eqs.append(
            BehaviorEquilibrium(
                behavior=unflatten_behavior(game, flat),
                payoffs=payoffs,
                max_regret=float(reg_f.max()),
                relative_regret=float(relative_regrets(reg_f, span).max()),
                exact=exact_t,
            )
        )
    return tuple(eqs)
