"""Conversions of game trees: the (reduced) normal form, the agent form, and Kuhn's theorem.

A player's **pure strategy** (a *plan*) in a tree picks one action at each of
her information sets. :func:`strategy_plans` lists them as action indices, one
entry per information set of hers (in :meth:`ExtensiveFormGame.player_infosets`
order). In the **reduced** normal form (the default) plans that differ only at
information sets the plan itself makes unreachable are merged; such an
information set gets ``-1`` ("unspecified", printed ``*``).

:func:`~gametheory_af.trees.to_normal_form` builds the :class:`~gametheory_af.NormalFormGame` whose
strategies are the plans, so every normal-form solver, dominance and the
sensitivity tools apply to a tree. :func:`mixed_to_behavior` and
:func:`behavior_to_mixed` translate between mixed strategies of that game and
behaviour strategies of the tree (Kuhn 1953), and :func:`behavior_result`
turns a normal-form solver's :class:`~gametheory_af.EquilibriumResult` into a
:class:`~gametheory_af.trees.result.TreeEquilibriumResult` whose regrets are
computed in the tree. :func:`to_agent_form` gives Selten's agent normal form.

References
----------
Kuhn, H. W. (1953). Extensive games and the problem of information. In
*Contributions to the Theory of Games II*, 193-216.
Selten, R. (1975). Reexamination of the perfectness concept for equilibrium
points in extensive games. *International Journal of Game Theory* 4, 25-55.
von Stengel, B. (2002). Computing equilibria for two-person games. In
*Handbook of Game Theory* 3, ch. 45, sec. 3 (the reduced strategic form).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from fractions import Fraction
from math import gcd
from typing import Any

import numpy as np

from .._limits import check_bytes, check_count
from .._tolerance import DEFAULT_TOL
from .._validation import _short, check_bool, to_fraction
from ..exceptions import DroppedEquilibriumWarning as DroppedEquilibriumWarning
from ..exceptions import GameError
from ..game import NormalFormGame
from ..result import Equilibrium, EquilibriumResult
from .game import ExtensiveFormGame
from .profiles import as_behavior, as_exact_behavior, check_tree
from .result import BehaviorEquilibrium, TreeEquilibriumResult, make_behavior_equilibrium
from .sequence import chance_reach

__all__ = [
    "strategy_plans",
    "n_strategies",
    "plan_names",
    "to_normal_form",
    "to_agent_form",
    "mixed_to_behavior",
    "behavior_to_mixed",
    "behavior_result",
    "DroppedEquilibriumWarning",
]

#: The name of the one (empty) plan of a player who never moves.
NO_MOVE = "(no move)"
_SIMPLEX_TOL = 1e-9


# ----------------------------------------------------------------------------- plans
def _require_perfect_recall(game: ExtensiveFormGame, caller: str) -> None:
    game.require_perfect_recall(caller)


def _own_infosets(game: ExtensiveFormGame, i: int) -> np.ndarray:
    return game.player_infosets(i)


def _plan_parents(game: ExtensiveFormGame, i: int, hs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each own information set (column), the column and action of the sequence leading to it (-1, -1 at the start).

    Needs perfect recall (every node of an information set has the same sequence).
    """
    off = game.sequence_offsets(i)
    iseq = game.infoset_sequences(i)
    n_seq = game.n_sequences(i)
    seq_col = np.full(n_seq, -1, dtype=np.int64)
    seq_act = np.full(n_seq, -1, dtype=np.int64)
    for c, h in enumerate(hs.tolist()):
        k = len(game.infoset_actions[h])
        seq_col[1 + off[h] : 1 + off[h] + k] = c
        seq_act[1 + off[h] : 1 + off[h] + k] = np.arange(k)
    s = iseq[hs]
    return seq_col[s], seq_act[s]


def _count_reduced(ks: list[int], pcol: list[int], pact: list[int]) -> int:
    """Number of reduced plans: a product over start sets of sums over actions of products over the sets they lead to."""
    K = len(ks)
    kids: list[dict[int, list[int]]] = [{} for _ in range(K)]
    for c in range(K):
        if pcol[c] >= 0:
            kids[pcol[c]].setdefault(pact[c], []).append(c)
    count = [0] * K
    for c in range(K - 1, -1, -1):  # a set's parent always comes first in information-set order
        total = 0
        for a in range(ks[c]):
            prod = 1
            for d in kids[c].get(a, ()):
                prod *= count[d]
            total += prod
        count[c] = total
    out = 1
    for c in range(K):
        if pcol[c] < 0:
            out *= count[c]
    return out


def n_strategies(game: ExtensiveFormGame, player: int | str, *, reduced: bool = True) -> int:
    """The number of a player's pure strategies in the reduced (or full) normal form, without listing them.

    Parameters
    ----------
    game : ExtensiveFormGame
    player : int or str
    reduced : bool, default True
        Count the reduced plans (perfect recall needed) or every plan.

    Returns
    -------
    int

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.convert import n_strategies
    >>> g = gt.catalog.kuhn_poker()
    >>> n_strategies(g, 0), n_strategies(g, 0, reduced=False)
    (27, 64)
    """
    caller = "n_strategies"
    check_tree(game, caller)
    reduced = check_bool(reduced, "reduced", caller)
    i = game.player_index(player)
    if reduced and _own_infosets(game, i).size:
        _require_perfect_recall(game, caller)
    return _plan_structure(game, i, reduced)[4]


def _plan_structure(
    game: ExtensiveFormGame, i: int, reduced: bool
) -> tuple[np.ndarray, list[int], np.ndarray, np.ndarray, int]:
    """Player *i*'s information sets, their action counts, each set's parent set and action in her
    plans (-1 for none; all -1 for the full form), and the number of plans."""
    hs = _own_infosets(game, i)
    K = int(hs.size)
    ks = [len(game.infoset_actions[h]) for h in hs.tolist()]
    if reduced and K:
        pcol, pact = _plan_parents(game, i, hs)
        return hs, ks, pcol, pact, _count_reduced(ks, pcol.tolist(), pact.tolist())
    pcol = np.full(K, -1, dtype=np.int64)
    total = 1
    for k in ks:
        total *= k
    return hs, ks, pcol, pcol, total


def _plans(game: ExtensiveFormGame, i: int, reduced: bool, caller: str) -> np.ndarray:
    """The plans of player *i* as an int64 array (n_plans, n_own_infosets), lexicographic, -1 for unspecified."""
    hs, ks, pcol, pact, total = _plan_structure(game, i, reduced)
    K = int(hs.size)
    check_count(total, "max_entries", f"pure strategies of {game.players[i]!r}", caller)
    check_bytes(total * max(K, 1), 8, f"plan entries of {game.players[i]!r}", caller)
    plans = np.zeros((1, 0), dtype=np.int64)
    for c in range(K):
        k = ks[c]
        if pcol[c] < 0:
            live = np.ones(plans.shape[0], dtype=bool)
        else:
            live = plans[:, pcol[c]] == pact[c]
        reps = np.where(live, k, 1)
        rows = np.repeat(np.arange(plans.shape[0]), reps)
        starts = np.concatenate(([0], np.cumsum(reps)[:-1]))
        within = np.arange(rows.size) - np.repeat(starts, reps)
        col = np.where(live[rows], within, -1)
        plans = np.column_stack((plans[rows], col)).astype(np.int64)
    return plans


def strategy_plans(game: ExtensiveFormGame, player: int | str, *, reduced: bool = True) -> tuple[tuple[int, ...], ...]:
    """A player's pure strategies in a tree, as action indices at her information sets.

    Parameters
    ----------
    game : ExtensiveFormGame
    player : int or str
        The player, by index or name.
    reduced : bool, default True
        List the plans of the reduced normal form: an information set that
        the plan's own earlier choices make unreachable gets ``-1`` and plans
        differing only there are one plan. ``False`` lists every combination
        of actions (the full strategic form).

    Returns
    -------
    tuple of tuple of int
        One tuple per plan, one action index per information set of the
        player in :meth:`~ExtensiveFormGame.player_infosets` order. Plans are
        in lexicographic order of these tuples (``-1`` first), i.e. the first
        information set's action changes slowest. A player who never moves
        has one empty plan.

    Raises
    ------
    GameError
        If ``reduced=True`` and the game lacks perfect recall, or when the
        number of plans exceeds the ``max_entries`` limit.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.convert import strategy_plans
    >>> g = gt.catalog.entry_deterrence()
    >>> strategy_plans(g, "Entrant"), strategy_plans(g, "Incumbent")
    (((0,), (1,)), ((0,), (1,)))
    """
    caller = "strategy_plans"
    check_tree(game, caller)
    reduced = check_bool(reduced, "reduced", caller)
    i = game.player_index(player)
    if reduced:
        _require_perfect_recall(game, caller)
    return tuple(tuple(int(x) for x in row) for row in _plans(game, i, reduced, caller).tolist())


def _names_for(game: ExtensiveFormGame, i: int, plans: np.ndarray) -> tuple[str, ...]:
    hs = _own_infosets(game, i).tolist()
    if not hs:
        return (NO_MOVE,)
    acts = [game.infoset_actions[h] for h in hs]
    names = ["/".join(acts[c][a] if a >= 0 else "*" for c, a in enumerate(row)) for row in plans.tolist()]
    return _distinct(names)


def _distinct(names: list[str]) -> tuple[str, ...]:
    """Make names distinct: a repeated name gets ``~2``, ``~3``, ... in order (the first keeps its name)."""
    if len(set(names)) == len(names):
        return tuple(names)
    taken = set(names)
    seen: set[str] = set()
    out = []
    for name in names:
        if name not in seen:
            seen.add(name)
            out.append(name)
            continue
        k = 2
        while f"{name}~{k}" in taken:
            k += 1
        new = f"{name}~{k}"
        taken.add(new)
        seen.add(new)
        out.append(new)
    return tuple(out)


def plan_names(game: ExtensiveFormGame, player: int | str, *, reduced: bool = True) -> tuple[str, ...]:
    """The names :func:`~gametheory_af.trees.to_normal_form` gives a player's plans.

    A plan's name joins its actions at the player's information sets with
    ``"/"``, in information-set order, with ``"*"`` where a reduced plan
    leaves the choice unspecified. Should two plans spell the same text
    (action names that contain ``"/"``), the later ones get ``"~2"``,
    ``"~3"``, ... appended in plan order. A player who never moves has the one
    plan ``"(no move)"``.

    Parameters
    ----------
    game : ExtensiveFormGame
    player : int or str
    reduced : bool, default True

    Returns
    -------
    tuple of str
        In the order of :func:`strategy_plans`.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees import Decision
    >>> from gametheory_af.trees.convert import plan_names
    >>> g = gt.ExtensiveFormGame(Decision("A", {"L": Decision("A", {"x": (1,), "y": (2,)}), "R": (0,)}))
    >>> plan_names(g, "A"), plan_names(g, "A", reduced=False)
    (('L/x', 'L/y', 'R/*'), ('L/x', 'L/y', 'R/x', 'R/y'))
    """
    caller = "plan_names"
    check_tree(game, caller)
    reduced = check_bool(reduced, "reduced", caller)
    i = game.player_index(player)
    if reduced:
        _require_perfect_recall(game, caller)
    return _names_for(game, i, _plans(game, i, reduced, caller))


# ----------------------------------------------------------------------------- own histories
def _histories(game: ExtensiveFormGame, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Player *i*'s own history at every node: the sequence of her (information set, action) pairs so far.

    Returns ``hid`` (n_nodes,), and per history its parent history, the plan
    column of its last information set and its last action (history 0 is the
    empty one). With perfect recall histories are her sequences; without, a
    history keeps every earlier move of hers, which the full strategic form
    needs.
    """
    hs = _own_infosets(game, i)
    col_of = np.full(max(game.n_infosets, 1), -1, dtype=np.int64)
    col_of[hs] = np.arange(hs.size)
    kmax = max((len(game.infoset_actions[h]) for h in hs.tolist()), default=1)
    stride = np.int64(hs.size * kmax + 1)
    hid = np.zeros(game.n_nodes, dtype=np.int64)
    keys: dict[int, int] = {}
    h_parent = [-1]
    h_col = [-1]
    h_act = [-1]
    par = game.parents
    who = game.node_players
    hsets = game.node_infosets
    acts_in = game.actions_in
    for lo, hi in game.levels[1:]:
        p = par[lo:hi]
        ids = hid[p].copy()
        own = who[p] == i
        if own.any():
            cols = col_of[hsets[p[own]]]
            a = acts_in[lo:hi][own]
            key = ids[own] * stride + cols * kmax + a
            uk, inv = np.unique(key, return_inverse=True)
            mapped = np.empty(uk.size, dtype=np.int64)
            for j, kk in enumerate(uk.tolist()):
                got = keys.get(kk)
                if got is None:
                    got = keys[kk] = len(h_parent)
                    h_parent.append(kk // int(stride))
                    rest = kk % int(stride)
                    h_col.append(rest // kmax)
                    h_act.append(rest % kmax)
                mapped[j] = got
            ids[own] = mapped[inv.ravel()]
        hid[lo:hi] = ids
    return (
        hid,
        np.asarray(h_parent, dtype=np.int64),
        np.asarray(h_col, dtype=np.int64),
        np.asarray(h_act, dtype=np.int64),
    )


def _consistent(
    plans: np.ndarray, h_parent: np.ndarray, h_col: np.ndarray, h_act: np.ndarray, caller: str
) -> np.ndarray:
    """Boolean (n_histories, n_plans): which plans play every move of each history."""
    n_h = h_parent.size
    check_bytes(n_h * plans.shape[0], 1, "history-plan entries", caller)
    out = np.empty((n_h, plans.shape[0]), dtype=bool)
    out[0] = True
    for j in range(1, n_h):  # a history's parent was created before it
        out[j] = out[h_parent[j]] & (plans[:, h_col[j]] == h_act[j])
    return out


# ----------------------------------------------------------------------------- normal form
def to_normal_form(game: ExtensiveFormGame, *, reduced: bool = True) -> NormalFormGame:
    """The strategic form of a tree: one strategy per plan, payoffs expected over chance.

    Parameters
    ----------
    game : ExtensiveFormGame
    reduced : bool, default True
        The reduced normal form (plans that differ only where they exclude
        themselves are merged; needs perfect recall). ``False`` gives the full
        strategic form, every combination of actions (any recall).

    Returns
    -------
    NormalFormGame
        Players as in the tree; player ``i``'s strategies are
        :func:`strategy_plans` in that order, named by :func:`plan_names`
        (e.g. ``"In/Accommodate"``, ``"Out/*"``). Exact (Fraction) payoffs
        when the tree is exact (:attr:`ExtensiveFormGame.is_exact`), so the
        exact solvers apply.

    Raises
    ------
    TypeError
        If *game* is not an ExtensiveFormGame.
    GameError
        If ``reduced=True`` and the game lacks perfect recall, or if the
        plans or the payoff tensor exceed the limits
        (:func:`gametheory_af.set_limits`); checked before allocating.

    Notes
    -----
    For each terminal node and each player, the plans consistent with it are
    those that play every move of the player on its path (her sequence, with
    perfect recall). Terminals are grouped by these histories and the payoff
    tensor accumulates chance probability times payoff over each group's
    block of consistent plans: for two players in float arithmetic as one
    sparse matrix product per player, ``C1.T @ W @ C2``.

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information.
    von Stengel, B. (2002). Computing equilibria for two-person games, sec. 3.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.entry_deterrence().to_normal_form()
    >>> g.strategies
    (('Out', 'In'), ('Fight', 'Accommodate'))
    >>> g.payoffs[0].tolist()
    [[0.0, 0.0], [-1.0, 1.0]]
    """
    caller = "to_normal_form"
    check_tree(game, caller)
    reduced = check_bool(reduced, "reduced", caller)
    if reduced:
        _require_perfect_recall(game, caller)
    n = game.n_players
    plans = [_plans(game, i, reduced, caller) for i in range(n)]
    shape = tuple(p.shape[0] for p in plans)
    n_profiles = 1
    for s in shape:
        n_profiles *= s
    exact = game.is_exact
    check_bytes(n * n_profiles, 8 if not exact else 64, "normal-form payoff entries", caller)
    names = [_names_for(game, i, plans[i]) for i in range(n)]
    floats, fractions = _payoff_tensor(game, plans, shape, exact, caller)
    out = NormalFormGame(floats, players=game.players, strategies=names)
    if fractions is not None:
        # the float game checked the names; attach the exact payoffs without re-reading every entry
        out = out._new(floats, fractions, out.players, out.strategies)
    return out


def _payoff_tensor(
    game: ExtensiveFormGame, plans: list[np.ndarray], shape: tuple[int, ...], exact: bool, caller: str
) -> tuple[np.ndarray, np.ndarray | None]:
    """The float payoff tensor (n, *shape) and, for an exact tree, the exact one (object array of Fractions)."""
    n = game.n_players
    terms = game.terminals
    reach = chance_reach(game, exact=exact)[terms]
    pay = game.exact_terminal_payoffs() if exact else game.terminal_payoffs
    if exact:
        keep = np.flatnonzero(np.array([r != 0 for r in reach.tolist()], dtype=bool))
    else:
        keep = np.flatnonzero(reach != 0)
    w = pay[keep] * reach[keep][:, None]  # (terminals kept, players)
    hist = []
    cons = []
    for i in range(n):
        hid, hp, hc, ha = _histories(game, i)
        hist.append(hid[terms[keep]])
        cons.append(_consistent(plans[i], hp, hc, ha, caller))
    # chance probabilities sum to one, so some terminal node is kept
    keys, inv = np.unique(np.column_stack(hist), axis=0, return_inverse=True)
    inv = inv.ravel()
    G = keys.shape[0]
    if not exact:
        T = np.zeros((n, *shape), dtype=np.float64)
        for k in range(n):
            T[k] = _accumulate(np.bincount(inv, weights=w[:, k], minlength=G), keys, cons, shape)
        return T, None
    W = np.empty((G, n), dtype=object)
    W[:] = Fraction(0)
    np.add.at(W, inv, w)
    Tf = np.zeros((n, *shape), dtype=np.float64)
    Tx = np.empty((n, *shape), dtype=object)
    for k in range(n):
        scaled = _integer_scale(W[:, k].tolist())
        if scaled is None:
            ex = _accumulate(W[:, k], keys, cons, shape)
            Tx[k] = ex
            Tf[k] = np.array([float(x) for x in ex.ravel().tolist()], dtype=np.float64).reshape(shape)
        else:
            ints, den = scaled
            Tk = np.rint(_accumulate(ints, keys, cons, shape)).astype(np.int64)
            uniq, where = np.unique(Tk, return_inverse=True)
            fr = [Fraction(int(u), den) for u in uniq.tolist()]
            Tx[k] = np.array(fr + [None], dtype=object)[:-1][where.ravel()].reshape(shape)
            Tf[k] = np.array([float(f) for f in fr], dtype=np.float64)[where.ravel()].reshape(shape)
    return Tf, Tx


_FLOAT_INT = 2**53


def _integer_scale(values: list[Fraction]) -> tuple[np.ndarray, int] | None:
    """Values as float64 integers over one common denominator, when every sum of them stays exact in float64.

    Any sum of a subset of integers whose absolute values total at most 2**53
    is computed exactly in float64 in any order, so the float products below
    give exact results, which are then divided by the denominator exactly.
    """
    den = 1
    for d in {v.denominator for v in values}:
        den = den * d // gcd(den, d)
        if den > _FLOAT_INT:
            return None
    ints = [v.numerator * (den // v.denominator) for v in values]
    if sum(abs(x) for x in ints) > _FLOAT_INT:
        return None
    return np.array(ints, dtype=np.float64), den


def _accumulate(w: np.ndarray, keys: np.ndarray, cons: list[np.ndarray], shape: tuple[int, ...]) -> np.ndarray:
    """One player's payoff tensor: the sum over history groups g of w[g] on the block of plans consistent with g."""
    n = len(shape)
    if n == 2 and w.dtype != object:
        return _two_player(w, keys, cons)
    T = np.zeros(shape, dtype=w.dtype)
    if w.dtype == object:
        T[...] = Fraction(0)
    cache: list[dict[int, np.ndarray]] = [{} for _ in range(n)]
    for g in range(keys.shape[0]):
        idx = []
        for i in range(n):
            h = int(keys[g, i])
            lst = cache[i].get(h)
            if lst is None:
                lst = cache[i][h] = np.flatnonzero(cons[i][h])
            idx.append(lst)
        T[np.ix_(*idx)] += w[g]
    return T


def _two_player(w: np.ndarray, keys: np.ndarray, cons: list[np.ndarray]) -> np.ndarray:
    """``C1.T @ W @ C2`` with W sparse (histories x histories) and the consistency matrices C sparse."""
    from scipy import sparse

    H1, H2 = cons[0].shape[0], cons[1].shape[0]
    C1t = sparse.csr_matrix(cons[0].T.astype(np.float64))
    C2 = sparse.csr_matrix(cons[1].astype(np.float64))
    Wk = sparse.csr_matrix((w, (keys[:, 0], keys[:, 1])), shape=(H1, H2))
    out: np.ndarray = (C1t @ (Wk @ C2)).toarray()
    return out


# ----------------------------------------------------------------------------- Kuhn's theorem
def _mixed_vectors(
    game: ExtensiveFormGame, mixed: Any, plans: list[np.ndarray], exact: bool, caller: str
) -> list[np.ndarray]:
    """Check a mixed profile (one vector per player over her plans, or an Equilibrium)."""
    if isinstance(mixed, Equilibrium):
        mixed = mixed.exact if (exact and mixed.exact is not None) else mixed.profile
    if isinstance(mixed, (str, bytes)) or not isinstance(mixed, (Sequence, np.ndarray)):
        raise TypeError(
            f"{caller}: mixed must be a sequence of probability vectors, one per player, or an Equilibrium; got {_short(mixed)}."
        )
    entries = list(mixed)
    if len(entries) != game.n_players:
        raise GameError(f"{caller}: mixed has {len(entries)} entries; the game has {game.n_players} players.")
    out = []
    for i, v in enumerate(entries):
        m = plans[i].shape[0]
        if isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)):
            if not 0 <= int(v) < m:
                raise GameError(f"{caller}: mixed[{i}] = {int(v)} is not a plan of {game.players[i]!r} (0..{m - 1}).")
            vec = np.zeros(m, dtype=object if exact else np.float64)
            vec[:] = Fraction(0) if exact else 0.0
            vec[int(v)] = Fraction(1) if exact else 1.0
            out.append(vec)
            continue
        try:
            f = np.asarray(v, dtype=np.float64)
        except (TypeError, ValueError):
            raise GameError(f"{caller}: mixed[{i}] must be a probability vector; got {_short(v)}.") from None
        if f.shape != (m,):
            raise GameError(
                f"{caller}: mixed[{i}] must have {m} probabilities (the plans of {game.players[i]!r}); got shape {f.shape}."
            )
        if (
            not np.isfinite(f).all()
            or (f < -_SIMPLEX_TOL).any()
            or abs(float(f.sum()) - 1.0) > _SIMPLEX_TOL * max(1, m)
        ):
            raise GameError(f"{caller}: mixed[{i}] must be a probability vector; got {_short(f.tolist())}.")
        if exact:
            vals = [to_fraction(x) for x in (v.tolist() if isinstance(v, np.ndarray) else list(v))]
            if any(x < 0 for x in vals) or sum(vals, Fraction(0)) != 1:
                raise GameError(
                    f"{caller}: mixed[{i}] must be exact probabilities summing to 1 in exact mode; got {_short([str(x) for x in vals])}."
                )
            vec = np.empty(m, dtype=object)
            vec[:] = vals
        else:
            vec = np.clip(f, 0.0, None)
            vec = vec / vec.sum()
        out.append(vec)
    return out


def mixed_to_behavior(
    game: ExtensiveFormGame, mixed: Any, *, reduced: bool = True, exact: bool = False
) -> tuple[np.ndarray, ...]:
    """A behaviour profile realization-equivalent to a mixed profile of the normal form (Kuhn's theorem).

    Parameters
    ----------
    game : ExtensiveFormGame
        A game with perfect recall.
    mixed : sequence of array_like, or Equilibrium
        One probability vector per player over her plans in
        :func:`~gametheory_af.trees.to_normal_form` ``(game, reduced=reduced)`` order (a plan index
        is a pure strategy), or an :class:`~gametheory_af.Equilibrium` of that
        game (its exact profile is used when *exact* and it has one).
    reduced : bool, default True
        Whether *mixed* refers to the reduced or the full normal form.
    exact : bool, default False
        Compute in rational arithmetic: Fraction vectors in, Fraction vectors out.

    Returns
    -------
    tuple of numpy.ndarray
        One probability vector per information set, in game order (float64,
        or object arrays of Fractions when *exact*).

    Raises
    ------
    TypeError
        For a *game* that is not an ExtensiveFormGame or a *mixed* that is not a sequence.
    GameError
        If the game lacks perfect recall, or *mixed* does not fit the plans.

    Notes
    -----
    At an information set ``h`` of player ``i`` that her own plans in the
    support reach with positive probability, the behaviour is the
    conditional frequency ``P(plays a at h) / P(reaches h)``, both over her
    mixed strategy (Kuhn 1953); the resulting profile gives every terminal
    node the same probability as the mixed profile. At an information set
    her mixed strategy never reaches the behaviour is irrelevant to
    realization; by convention it is the marginal of the mixed strategy over
    the plans that specify an action there (always defined in the full
    form), else uniform (a reduced form whose plans in the support all
    leave it unspecified, ``*``).

    References
    ----------
    Kuhn, H. W. (1953). Extensive games and the problem of information.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.convert import mixed_to_behavior
    >>> g = gt.catalog.entry_deterrence()
    >>> [b.tolist() for b in mixed_to_behavior(g, ([0.0, 1.0], [0.25, 0.75]))]
    [[0.0, 1.0], [0.25, 0.75]]
    """
    caller = "mixed_to_behavior"
    check_tree(game, caller)
    reduced = check_bool(reduced, "reduced", caller)
    exact = check_bool(exact, "exact", caller)
    _require_perfect_recall(game, caller)
    plans = [_plans(game, i, reduced, caller) for i in range(game.n_players)]
    sigma = _mixed_vectors(game, mixed, plans, exact, caller)
    out: list[np.ndarray | None] = [None] * game.n_infosets
    first = game.first_child
    for i in range(game.n_players):
        hs = _own_infosets(game, i)
        if hs.size == 0:
            continue
        hid, hp, hc, ha = _histories(game, i)
        C = _consistent(plans[i], hp, hc, ha, caller)
        s = sigma[i]
        if exact:
            real = np.array(
                [sum((x for x, c in zip(s.tolist(), row) if c), Fraction(0)) for row in C.tolist()], dtype=object
            )
        else:
            real = C.astype(np.float64) @ s
        for c, h in enumerate(hs.tolist()):
            k = len(game.infoset_actions[h])
            node = int(game.infoset_nodes(h)[0])
            into = real[hid[node]]
            child = hid[int(first[node]) : int(first[node]) + k]
            if into > 0:
                vec = np.array([real[x] / into for x in child.tolist()], dtype=object) if exact else real[child] / into
            else:
                col = plans[i][:, c]
                if exact:
                    marg = np.array(
                        [sum((x for x, p in zip(s.tolist(), col.tolist()) if p == a), Fraction(0)) for a in range(k)],
                        dtype=object,
                    )
                    tot = sum(marg.tolist(), Fraction(0))
                else:
                    marg = np.array([float(s[col == a].sum()) for a in range(k)])
                    tot = float(marg.sum())
                if tot > 0:
                    vec = marg / tot
                else:
                    vec = np.array([Fraction(1, k)] * k, dtype=object) if exact else np.full(k, 1.0 / k)
            if exact:
                vec = np.array([Fraction(x) for x in vec.tolist()], dtype=object)
            else:
                vec = np.asarray(vec, dtype=np.float64)
            vec.setflags(write=False)
            out[h] = vec
    return tuple(v for v in out if v is not None)


def behavior_to_mixed(
    game: ExtensiveFormGame, behavior: Any, *, reduced: bool = True, exact: bool = False
) -> tuple[np.ndarray, ...]:
    """The mixed profile of the normal form that a behaviour profile induces (a product over information sets).

    Parameters
    ----------
    game : ExtensiveFormGame
    behavior : behaviour profile
        See :mod:`gametheory_af.trees.profiles`.
    reduced : bool, default True
        Give the profile over the plans of the reduced normal form (needs
        perfect recall); ``False``: over the full strategic form's plans.
    exact : bool, default False
        Compute in rational arithmetic (object arrays of Fractions).

    Returns
    -------
    tuple of numpy.ndarray
        One probability vector per player over her plans in
        :func:`strategy_plans` order.

    Raises
    ------
    GameError
        For a behaviour profile that does not fit, or ``reduced=True`` without perfect recall.

    Notes
    -----
    A plan's probability is the product of the behaviour probabilities of
    its actions at the information sets it specifies (those a reduced plan
    leaves at ``*`` do not count). The result is realization-equivalent to
    *behavior* (Kuhn 1953).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.convert import behavior_to_mixed
    >>> g = gt.catalog.matching_pennies_tree()
    >>> [v.tolist() for v in behavior_to_mixed(g, [[0.5, 0.5], "T"])]
    [[0.5, 0.5], [0.0, 1.0]]
    """
    caller = "behavior_to_mixed"
    check_tree(game, caller)
    reduced = check_bool(reduced, "reduced", caller)
    exact = check_bool(exact, "exact", caller)
    if reduced:
        _require_perfect_recall(game, caller)
    beh = as_exact_behavior(game, behavior, caller) if exact else as_behavior(game, behavior, caller)
    out = []
    for i in range(game.n_players):
        P = _plans(game, i, reduced, caller)
        hs = _own_infosets(game, i).tolist()
        if exact:
            probs = []
            for row in P.tolist():
                p = Fraction(1)
                for c, a in enumerate(row):
                    if a >= 0:
                        p *= beh[hs[c]][a]
                probs.append(p)
            vec = np.empty(len(probs), dtype=object)
            vec[:] = probs
        else:
            vec = np.ones(P.shape[0], dtype=np.float64)
            for c, h in enumerate(hs):
                col = P[:, c]
                vec *= np.where(col >= 0, beh[h][np.maximum(col, 0)], 1.0)
        vec.setflags(write=False)
        out.append(vec)
    return tuple(out)


# ----------------------------------------------------------------------------- agent form
def _agent_names(game: ExtensiveFormGame) -> tuple[str, ...]:
    names = []
    for h in range(game.n_infosets):
        who = game.players[int(game.infoset_players[h])]
        label = game.infoset_labels[h]
        if label:
            names.append(f"{who} [{label}]")
        else:
            path = game.path(int(game.infoset_nodes(h)[0]))
            names.append(f"{who} @ {'/'.join(path) if path else 'root'}")
    return _distinct(names)


def to_agent_form(game: ExtensiveFormGame) -> NormalFormGame:
    """Selten's agent normal form: one player (an *agent*) per information set.

    Parameters
    ----------
    game : ExtensiveFormGame

    Returns
    -------
    NormalFormGame
        One player per information set, in game order, named
        ``"<player> [<label>]"`` (or ``"<player> @ <path>"``, the moves that
        lead to its first node, for an unlabelled set; repeats get ``~2``,
        ...), with that information set's actions as strategies. Every agent
        of a player receives that player's expected payoff. Exact payoffs
        when the tree is exact.

    Raises
    ------
    TypeError
        If *game* is not an ExtensiveFormGame.
    GameError
        If the tree has no information set, or the payoff tensor (one entry
        per agent and combination of actions) exceeds the limits.

    Notes
    -----
    A profile of the agent form is a pure behaviour profile of the tree, and
    a mixed profile of it is a behaviour profile: a Nash equilibrium of the
    agent form is a profile where no player gains by changing her behaviour
    at one information set alone (with perfect recall every Nash
    equilibrium of the tree is one, not conversely). Any recall is allowed.

    References
    ----------
    Selten, R. (1975). Reexamination of the perfectness concept for
    equilibrium points in extensive games. *IJGT* 4, 25-55.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.convert import to_agent_form
    >>> a = to_agent_form(gt.catalog.entry_deterrence())
    >>> a.players, a.strategies
    (('Entrant @ root', 'Incumbent @ In'), (('Out', 'In'), ('Fight', 'Accommodate')))
    """
    caller = "to_agent_form"
    check_tree(game, caller)
    H = game.n_infosets
    if H == 0:
        raise GameError(
            f"{caller}: the game has no information set (no player moves), so its agent form has no players."
        )
    shape = tuple(len(a) for a in game.infoset_actions)
    size = 1
    for s in shape:
        size *= s
    exact = game.is_exact
    check_bytes(max(H, game.n_players) * size, 8 if not exact else 64, "agent-form payoff entries", caller)
    terms = game.terminals
    reach = chance_reach(game, exact=exact)[terms]
    pay = game.exact_terminal_payoffs() if exact else game.terminal_payoffs
    n = game.n_players
    if exact:
        T = np.empty((n, *shape), dtype=object)
        T[...] = Fraction(0)
    else:
        T = np.zeros((n, *shape), dtype=np.float64)
    par = game.parents.tolist()
    act_in = game.actions_in.tolist()
    hset = game.node_infosets.tolist()
    who = game.node_players.tolist()
    for r, t in enumerate(terms.tolist()):
        if reach[r] == 0:
            continue
        idx: list[Any] = [slice(None)] * H
        node = t
        while node > 0:
            p = par[node]
            if who[p] >= 0:
                idx[hset[p]] = act_in[node]
            node = p
        for k in range(n):
            T[(k, *idx)] += pay[r, k] * reach[r]
    agents = T[game.infoset_players]
    return NormalFormGame(agents, players=_agent_names(game), strategies=[list(a) for a in game.infoset_actions])


# ----------------------------------------------------------------------------- results
def behavior_result(
    game: ExtensiveFormGame, result: EquilibriumResult, *, reduced: bool = True
) -> TreeEquilibriumResult:
    """Turn a normal-form solver's result on ``to_normal_form(game)`` into a tree result.

    This is how every normal-form solver applies to a tree: convert, solve,
    map each mixed equilibrium to a realization-equivalent behaviour profile
    (:func:`mixed_to_behavior`) and certify it in the tree
    (:func:`~gametheory_af.trees.result.make_behavior_equilibrium`).

    Parameters
    ----------
    game : ExtensiveFormGame
        A game with perfect recall.
    result : EquilibriumResult
        A result of a solver run on ``to_normal_form(game, reduced=reduced)``.
    reduced : bool, default True
        Which normal form *result* refers to.

    Returns
    -------
    TreeEquilibriumResult
        The same ``method``, ``complete``, ``converged`` and ``n_iter``; the
        ``parameters`` plus ``reduced``. Equilibria carrying an exact profile
        are mapped and certified exactly. Equilibria with the same behaviour
        profile (mixed strategies that differ only off the path, or between
        plans one reduced plan merges) are listed once.

    Raises
    ------
    TypeError
        For arguments of the wrong type.
    GameError
        If the game lacks perfect recall or *result* does not fit its normal form.

    Warns
    -----
    DroppedEquilibriumWarning
        When a behaviour profile's relative regret in the tree exceeds the
        solver's ``tol`` (it cannot, up to rounding, since the tree's payoff
        ranges contain the normal form's); such profiles are left out.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.convert import behavior_result
    >>> tree = gt.catalog.entry_deterrence()
    >>> res = behavior_result(tree, gt.pure_nash(tree.to_normal_form()))
    >>> res.describe()
    ['Entrant: Out; Incumbent: Fight', 'Entrant: In; Incumbent: Accommodate']
    """
    caller = "behavior_result"
    check_tree(game, caller)
    reduced = check_bool(reduced, "reduced", caller)
    if not isinstance(result, EquilibriumResult):
        raise TypeError(
            f"{caller}: result must be an EquilibriumResult; got {_short(result)} ({type(result).__name__})."
        )
    _require_perfect_recall(game, caller)
    if result.game is not None:
        shape = tuple(_plans(game, i, reduced, caller).shape[0] for i in range(game.n_players))
        if result.game.shape != shape:
            form = "reduced" if reduced else "full"
            raise GameError(
                f"{caller}: result is for a game of shape {result.game.shape}; the {form} normal form of the tree "
                f"has shape {shape}."
            )
    tol = result.parameters.get("tol", DEFAULT_TOL)
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not tol >= 0:
        tol = DEFAULT_TOL
    eqs: list[BehaviorEquilibrium] = []
    seen: list[BehaviorEquilibrium] = []
    for k, eq in enumerate(result.equilibria):
        ex = eq.exact is not None
        beh = mixed_to_behavior(game, eq, reduced=reduced, exact=ex)
        be = make_behavior_equilibrium(game, beh, exact=ex)
        if be.relative_regret > tol * (1 + 1e-6) + 1e-12:
            warnings.warn(
                f"{caller}: equilibrium {k} of {result.method!r} has relative regret {be.relative_regret:.3g} in the tree, "
                f"over tol={tol}; left out.",
                DroppedEquilibriumWarning,
                stacklevel=2,
            )
            continue
        if any(_same_behavior(be, o) for o in seen):
            continue
        seen.append(be)
        eqs.append(be)
    params = dict(result.parameters)
    params["reduced"] = reduced
    return TreeEquilibriumResult(
        tuple(eqs),
        result.method,
        result.complete,
        parameters=params,
        converged=result.converged,
        n_iter=result.n_iter,
        game=game,
    )


def _same_behavior(a: BehaviorEquilibrium, b: BehaviorEquilibrium) -> bool:
    if a.exact is not None and b.exact is not None:
        return a.exact == b.exact
    return all(np.allclose(x, y, rtol=0, atol=1e-12) for x, y in zip(a.behavior, b.behavior))
