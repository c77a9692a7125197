"""Proper subgames of a game tree: finding them, cutting them out, and replacing them by their values.

A **proper subgame** (Selten 1965) starts at a decision or chance node ``x``
such that every information set lies either wholly inside the subtree of ``x``
or wholly outside it: once ``x`` is reached, every player knows it. The root
always starts one. Subgame perfection asks for an equilibrium in every proper
subgame; :func:`~gametheory_af.solvers.backward_induction.subgame_perfect`
solves them bottom-up, replacing each solved subgame by a terminal node that
carries its equilibrium payoffs (:func:`replace_subgames`).

All three functions work on the breadth-first arrays of
:class:`~gametheory_af.trees.ExtensiveFormGame`: the test for every node at
once costs ``O(n_nodes)``, and cutting keeps the breadth-first order (a subtree
of a breadth-first numbering, and a tree with some subtrees removed, are
numbered breadth-first by the surviving nodes in increasing order).

References
----------
Selten, R. (1965). Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfrageträgheit. *Zeitschrift für die gesamte Staatswissenschaft* 121,
301-324 and 667-689.

Selten, R. (1975). Reexamination of the perfectness concept for equilibrium
points in extensive games. *International Journal of Game Theory* 4, 25-55.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .._validation import _short
from ..exceptions import GameError
from .game import TERMINAL, ExtensiveFormGame, _number, _path_text
from .profiles import check_tree

__all__ = ["proper_subgames", "is_subgame_root", "subgame", "replace_subgames"]


def _subgame_mask(game: ExtensiveFormGame) -> np.ndarray:
    """Boolean mask of the nodes that start a proper subgame (terminal nodes excluded)."""
    n = game.n_nodes
    pre, size = game.preorder_intervals()
    H = game.n_infosets
    big = np.iinfo(np.int64).max
    lo = np.full(n, big, dtype=np.int64)
    hi = np.full(n, -1, dtype=np.int64)
    if H:
        dec = np.flatnonzero(game.node_players >= 0)
        hs = game.node_infosets[dec]
        h_min = np.full(H, big, dtype=np.int64)
        h_max = np.full(H, -1, dtype=np.int64)
        np.minimum.at(h_min, hs, pre[dec])
        np.maximum.at(h_max, hs, pre[dec])
        lo[dec] = h_min[hs]
        hi[dec] = h_max[hs]
    # lo / hi over each subtree: the smallest and largest preorder number of any node sharing an
    # information set with some node of the subtree
    par = game.parents
    for a, b in reversed(game.levels[1:]):
        np.minimum.at(lo, par[a:b], lo[a:b])
        np.maximum.at(hi, par[a:b], hi[a:b])
    out: np.ndarray = (lo >= pre) & ((hi < pre + size) | (hi < 0)) & (game.node_players != TERMINAL)
    return out


def proper_subgames(game: ExtensiveFormGame) -> np.ndarray:
    """The nodes that start a proper subgame, in breadth-first order (the root first).

    A decision or chance node ``x`` starts a proper subgame when every
    information set is either inside the subtree of ``x`` or outside it.

    Parameters
    ----------
    game : ExtensiveFormGame

    Returns
    -------
    numpy.ndarray of int64
        The subgame roots; node 0 is always one (unless the root is terminal:
        then the array is empty).

    Raises
    ------
    TypeError
        For a *game* that is not an ExtensiveFormGame.

    Notes
    -----
    Every node gets the smallest and largest preorder number of the nodes of
    the information sets met in its subtree (one bottom-up sweep over the
    levels); the node starts a subgame exactly when both lie in its own
    preorder interval. Time and memory ``O(n_nodes)``.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.subgames import proper_subgames
    >>> proper_subgames(gt.catalog.entry_deterrence()).tolist()
    [0, 2]
    >>> proper_subgames(gt.catalog.matching_pennies_tree()).tolist()
    [0]
    """
    check_tree(game, "proper_subgames")
    return np.flatnonzero(_subgame_mask(game)).astype(np.int64)


def is_subgame_root(game: ExtensiveFormGame, node: int) -> bool:
    """True when *node* starts a proper subgame (see :func:`~gametheory_af.trees.proper_subgames`).

    Parameters
    ----------
    game : ExtensiveFormGame
    node : int

    Returns
    -------
    bool

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.subgames import is_subgame_root
    >>> is_subgame_root(gt.catalog.matching_pennies_tree(), 1)
    False
    """
    check_tree(game, "is_subgame_root")
    node = _check_node(game, node, "node", "is_subgame_root")
    return bool(_subgame_mask(game)[node])


def _check_node(game: ExtensiveFormGame, node: Any, name: str, caller: str) -> int:
    if isinstance(node, (bool, np.bool_)) or not isinstance(node, (int, np.integer)):
        raise TypeError(f"{caller}: {name} must be an integer node number; got {_short(node)}.")
    out = int(node)
    if not 0 <= out < game.n_nodes:
        raise GameError(f"{caller}: {name} {out} is not a node of the game (0..{game.n_nodes - 1}).")
    return out


def _rebuild(
    game: ExtensiveFormGame,
    keep: np.ndarray,
    new_terminals: Mapping[int, tuple[np.ndarray, list[Fraction] | None]],
    caller: str,
) -> tuple[ExtensiveFormGame, np.ndarray]:
    """The game on the nodes *keep* (a subtree closed under siblings, its root first), some made terminal.

    Returns the game and the original number of each of its nodes.
    """
    nodes = np.flatnonzero(keep).astype(np.int64)
    m = nodes.size
    rank = np.full(game.n_nodes, -1, dtype=np.int64)
    rank[nodes] = np.arange(m, dtype=np.int64)
    parents = rank[np.maximum(game.parents[nodes], 0)]
    parents[0] = -1
    actions_in = game.actions_in[nodes].copy()
    actions_in[0] = -1
    who = game.node_players[nodes].copy()
    hs_old = game.node_infosets[nodes].copy()
    cut = np.array(sorted(new_terminals), dtype=np.int64)
    if cut.size:
        who[rank[cut]] = TERMINAL
        hs_old[rank[cut]] = -1
    # information sets, renumbered by first appearance
    dec = np.flatnonzero(hs_old >= 0)
    uniq, first_pos, inv = np.unique(hs_old[dec], return_index=True, return_inverse=True)
    by_first = np.argsort(first_pos, kind="stable")
    renum = np.empty(uniq.size, dtype=np.int64)
    renum[by_first] = np.arange(uniq.size, dtype=np.int64)
    node_h = np.full(m, -1, dtype=np.int64)
    node_h[dec] = renum[inv]
    old_h = uniq[by_first]
    # probabilities
    edge = game.edge_probabilities[nodes].copy()
    edge[0] = 1.0
    ex_prob_all = game._exact_prob  # noqa: SLF001 - same package: exact probabilities when given exactly
    exact_prob = None
    if ex_prob_all is not None:
        exact_prob = [ex_prob_all[int(x)] for x in nodes.tolist()]
        exact_prob[0] = Fraction(1)
    # payoffs: terminal rows in breadth-first order
    terms = np.flatnonzero(who == TERMINAL)
    orig = nodes[terms]
    rows = game.terminal_index[orig]
    pay = np.empty((terms.size, game.n_players), dtype=np.float64)
    plain = rows >= 0
    pay[plain] = game.terminal_payoffs[rows[plain]]
    ex_all = game._exact_payoffs  # noqa: SLF001 - same package
    exact_rows: list[list[Fraction]] | None = None
    if ex_all is not None and all(v[1] is not None for v in new_terminals.values()):
        exact_rows = []
    for k, (x, r) in enumerate(zip(orig.tolist(), rows.tolist())):
        if r < 0:
            f, e = new_terminals[x]
            pay[k] = f
            if exact_rows is not None and e is not None:
                exact_rows.append(list(e))
        elif exact_rows is not None and ex_all is not None:
            exact_rows.append(list(ex_all[r]))
    chance_all = game._chance_actions  # noqa: SLF001 - same package
    chance_actions = {int(rank[c]): a for c, a in chance_all.items() if keep[c] and c not in new_terminals}
    labels_all = game._node_labels  # noqa: SLF001 - same package
    node_labels = {int(rank[x]): lab for x, lab in labels_all.items() if keep[x]}
    sub = ExtensiveFormGame._build(  # noqa: SLF001 - the trees package's breadth-first constructor
        players=game.players,
        title=game.title,
        parents=parents,
        actions_in=actions_in,
        node_players=who,
        node_infosets=node_h,
        edge_prob=edge,
        exact_prob=exact_prob,
        payoffs=pay,
        exact_payoffs=exact_rows,
        infoset_players=game.infoset_players[old_h].tolist(),
        infoset_labels=[game.infoset_labels[h] for h in old_h.tolist()],
        infoset_actions=[game.infoset_actions[h] for h in old_h.tolist()],
        chance_actions=chance_actions,
        node_labels=node_labels,
        caller=caller,
    )
    return sub, nodes


def _subtree_mask(game: ExtensiveFormGame, root: int, pre: np.ndarray, size: np.ndarray) -> np.ndarray:
    out: np.ndarray = (pre >= pre[root]) & (pre < pre[root] + size[root])
    return out


def subgame(
    game: ExtensiveFormGame, root: int, *, replace: Mapping[int, Sequence[Any]] | None = None
) -> ExtensiveFormGame:
    """The proper subgame that starts at *root*, as a game of its own.

    Parameters
    ----------
    game : ExtensiveFormGame
    root : int
        A node that starts a proper subgame (:func:`~gametheory_af.trees.proper_subgames`).
    replace : mapping of int to sequence of numbers, optional
        Proper subgames strictly inside this one (none inside another) to
        replace by terminal nodes with the given payoffs, as
        :func:`replace_subgames` does: the step of subgame decomposition.

    Returns
    -------
    ExtensiveFormGame
        The subtree, renumbered breadth-first from *root*; players, action
        names, information-set labels, node labels and exact payoffs and
        probabilities are kept. Its information sets are those of *game* met
        in the subtree, in order of first appearance.

    Raises
    ------
    TypeError
        For a *game* that is not an ExtensiveFormGame or a *root* that is not an integer.
    GameError
        For a node outside the tree, a terminal node, or a node that does not
        start a proper subgame (naming the information set that crosses its
        boundary).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.subgames import subgame
    >>> print(subgame(gt.catalog.entry_deterrence(), 2).draw())
    Incumbent
    ├─ Fight: (-1, -1)
    └─ Accommodate: (1, 1)
    """
    caller = "subgame"
    check_tree(game, caller)
    root = _check_node(game, root, "root", caller)
    mask = _subgame_mask(game)
    _require_root(game, root, caller, mask)
    return _cut(game, root, {} if replace is None else replace, mask, caller)


def _cut(game: ExtensiveFormGame, root: int, values: Any, mask: np.ndarray, caller: str) -> ExtensiveFormGame:
    """The subgame at *root* with the proper subgames in *values* replaced by terminal nodes."""
    if not isinstance(values, Mapping):
        raise TypeError(f"{caller}: the replacements must be a mapping of node to payoffs; got {_short(values)}.")
    pre, size = game.preorder_intervals()
    cuts: dict[int, tuple[np.ndarray, list[Fraction] | None]] = {}
    for key, pay in values.items():
        x = _check_node(game, key, "node", caller)
        if x == root:
            raise GameError(f"{caller}: node {x} is the root; replacing the whole game leaves no game.")
        if not pre[root] < pre[x] < pre[root] + size[root]:
            raise GameError(f"{caller}: node {x} is not inside the subgame of node {root}.")
        _require_root(game, x, caller, mask)
        cuts[x] = _payoff_row(game, pay, x, caller)
    keep = np.zeros(game.n_nodes, dtype=bool)  # in preorder numbering
    keep[int(pre[root]) : int(pre[root] + size[root])] = True
    order = sorted(cuts, key=lambda x: int(pre[x]))
    for a, b in zip(order, order[1:]):
        if pre[b] < pre[a] + size[a]:
            raise GameError(
                f"{caller}: node {b} lies inside the subgame of node {a}; replace nested subgames one at a time."
            )
    for x in order:
        keep[int(pre[x]) + 1 : int(pre[x] + size[x])] = False
    sub, _ = _rebuild(game, keep[pre], cuts, caller)
    return sub


def _require_root(game: ExtensiveFormGame, root: int, caller: str, mask: np.ndarray) -> None:
    if int(game.node_players[root]) == TERMINAL:
        raise GameError(
            f"{caller}: root {root} ({_path_text(game.path(root))}) is a terminal node, not the start of a subgame."
        )
    if not mask[root]:
        pre, size = game.preorder_intervals()
        inside = _subtree_mask(game, root, pre, size)
        dec = np.flatnonzero(inside & (game.node_players >= 0))
        for h in np.unique(game.node_infosets[dec]).tolist():
            nodes = game.infoset_nodes(h)
            if not inside[nodes].all():
                raise GameError(
                    f"{caller}: node {root} ({_path_text(game.path(root))}) does not start a proper subgame: "
                    f"information set {game.infoset_name(h)} has nodes inside and outside its subtree."
                )
        raise AssertionError("unreachable: a non-root without a crossing information set")  # pragma: no cover


def replace_subgames(game: ExtensiveFormGame, values: Mapping[int, Sequence[Any]]) -> ExtensiveFormGame:
    """Replace proper subgames by terminal nodes carrying the given payoffs.

    Parameters
    ----------
    game : ExtensiveFormGame
    values : mapping of int to sequence of numbers
        For each node that starts a proper subgame (other than the root, and
        none inside another), the payoffs of the terminal node that replaces
        its subtree: one number per player, exact rationals kept exactly
        (then the result is exact when *game* is and every replacement is).

    Returns
    -------
    ExtensiveFormGame
        The game with those subtrees cut off; the other nodes keep their
        order, names and labels.

    Raises
    ------
    TypeError
        For a *game* that is not an ExtensiveFormGame, *values* that are not a
        mapping, or a node that is not an integer.
    GameError
        For a node that does not start a proper subgame, the root, nested
        nodes, or payoffs of the wrong length or not numbers.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.subgames import replace_subgames
    >>> print(replace_subgames(gt.catalog.entry_deterrence(), {2: (1, 1)}).draw())
    Entrant
    ├─ Out: (0, 2)
    └─ In: (1, 1)
    """
    caller = "replace_subgames"
    check_tree(game, caller)
    return _cut(game, 0, values, _subgame_mask(game), caller)


def _payoff_row(game: ExtensiveFormGame, pay: Any, x: int, caller: str) -> tuple[np.ndarray, list[Fraction] | None]:
    if isinstance(pay, (str, bytes)) or not isinstance(pay, (Sequence, np.ndarray)):
        raise TypeError(f"{caller}: the payoffs for node {x} must be a sequence of numbers; got {_short(pay)}.")
    row = list(np.asarray(pay, dtype=object).ravel().tolist()) if isinstance(pay, np.ndarray) else list(pay)
    if len(row) != game.n_players:
        raise GameError(
            f"{caller}: the payoffs for node {x} have {len(row)} entries {_short(row)}; the game has {game.n_players} players."
        )
    floats = np.empty(game.n_players, dtype=np.float64)
    exact: list[Fraction] | None = []
    for i, v in enumerate(row):
        f, e = _number(v, f"payoff of {game.players[i]!r} for node {x}", caller)
        floats[i] = f
        if e is None:
            exact = None
        elif exact is not None:
            exact.append(e)
    return floats, exact
