"""The extensive-form game (a game tree), an immutable value.

Layout of the data (what every tree algorithm in the library reads)
-------------------------------------------------------------------
Nodes are numbered ``0 .. n_nodes - 1`` in **breadth-first order**: the root is
node 0, every node's children are numbered consecutively (in the order of its
actions), and the nodes of one depth form one contiguous range
(:attr:`ExtensiveFormGame.levels`). So a parent always has a smaller number than
its children, and an algorithm can sweep the tree level by level with array
operations, bottom-up for backward induction and top-down for reach
probabilities, without recursion.

Per node (read-only ``int64``/``float64`` arrays of length ``n_nodes``):

``parents``       the parent (-1 for the root);
``actions_in``    the index of the action at the parent that leads here (-1 for the root);
``first_child``   the first child (children are ``first_child[n] .. first_child[n] + n_children[n] - 1``);
``n_children``    the number of actions (0 at a terminal node);
``node_players``  the player who moves (0-based), ``CHANCE`` (-1) or ``TERMINAL`` (-2);
``node_infosets`` the information set of a decision node (-1 at chance and terminal nodes);
``edge_probabilities`` the chance probability of the edge into the node (1.0 unless the parent is a chance node);
``depths``        the depth (the root has depth 0);
``terminal_index`` the row of a terminal node in :attr:`~gametheory_af.ExtensiveFormGame.terminal_payoffs` (-1 elsewhere).

Information sets are numbered ``0 .. n_infosets - 1`` in order of first
appearance in breadth-first order; :attr:`~gametheory_af.ExtensiveFormGame.infoset_players`,
:meth:`~gametheory_af.ExtensiveFormGame.infoset_nodes` and
:attr:`~gametheory_af.ExtensiveFormGame.infoset_actions` describe them. Terminal nodes are listed in :attr:`~gametheory_af.ExtensiveFormGame.terminals` (breadth-first order) and their payoffs in
:attr:`~gametheory_af.ExtensiveFormGame.terminal_payoffs` (shape ``(n_terminals, n_players)``).

A **behaviour profile** is a tuple with one probability vector per information
set (in information-set order); see :mod:`gametheory_af.trees.profiles`.

**Sequences** (von Stengel 1996): player ``i``'s sequences are the empty
sequence (number 0) and one per pair (information set ``h`` of ``i``, action
``a``), numbered ``1 + sequence_offset(h) + a``. :meth:`~gametheory_af.ExtensiveFormGame.node_sequences` gives the
sequence of a player at every node; in a game with perfect recall every node of
an information set has the same one (:meth:`~gametheory_af.ExtensiveFormGame.infoset_sequences`).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from .._limits import check_bytes, check_count
from .._validation import _short, is_rational_scalar, parse_number, to_float, to_fraction, unique_names
from ..exceptions import GameError

if TYPE_CHECKING:  # pragma: no cover
    from ..game import NormalFormGame

__all__ = [
    "ExtensiveFormGame",
    "Decision",
    "Chance",
    "Terminal",
    "Node",
    "InformationSet",
]

CHANCE = -1
TERMINAL = -2
_CALLER = "ExtensiveFormGame"
_PROB_TOL = 1e-9  # float chance probabilities must sum to one within this


# ----------------------------------------------------------------------------- nested data
def _pairs(value: Any, what: str, caller: str) -> tuple[tuple[Any, ...], ...]:
    if isinstance(value, Mapping):
        return tuple((k, *((v,) if what == "actions" else _prob_child(v, k, caller))) for k, v in value.items())
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{caller}: {what} must be a mapping or a sequence of pairs; got {_short(value)}.")
    out = []
    for item in value:
        if not isinstance(item, (tuple, list)) or len(item) != (2 if what == "actions" else 3):
            shape = "(name, subtree)" if what == "actions" else "(name, probability, subtree)"
            raise GameError(f"{caller}: each of {what} must be a {shape} tuple; got {_short(item)}.")
        out.append(tuple(item))
    return tuple(out)


def _prob_child(v: Any, name: Any, caller: str) -> tuple[Any, Any]:
    if not isinstance(v, (tuple, list)) or len(v) != 2:
        raise GameError(f"{caller}: chance outcome {name!r} must map to (probability, subtree); got {_short(v)}.")
    return v[0], v[1]


@dataclass(frozen=True)
class Terminal:
    """A terminal node: one payoff per player.

    Parameters
    ----------
    payoffs : sequence of numbers
        One payoff per player (exact rationals are kept exactly).
    label : str, default ""
        An optional name for the outcome.

    Examples
    --------
    >>> from gametheory_af.trees import Terminal
    >>> Terminal((1, 2), label="peace").payoffs
    (1, 2)
    """

    payoffs: tuple[Any, ...]
    label: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.payoffs, (str, bytes)) or not isinstance(self.payoffs, Iterable):
            raise GameError(f"Terminal: payoffs must be a sequence of numbers; got {_short(self.payoffs)}.")
        object.__setattr__(self, "payoffs", tuple(self.payoffs))


@dataclass(frozen=True)
class Decision:
    """A decision node of a player, for :meth:`ExtensiveFormGame.from_tree`.

    Parameters
    ----------
    player : str or int
        The player who moves (name or 0-based index).
    actions : mapping of str to subtree, or sequence of (str, subtree) pairs
        The actions in order, each with the subtree it leads to: a
        :class:`Decision`, a :class:`Chance`, a :class:`Terminal`, or a plain
        sequence of payoffs (a terminal node).
    infoset : str, optional
        Decision nodes of the same player that share this label form one
        information set (the player cannot tell them apart); they must offer
        the same actions. By default a node is its own information set.
    label : str, default ""
        An optional name for the node.

    Examples
    --------
    >>> from gametheory_af.trees import Decision
    >>> Decision("Entrant", {"Out": (0, 2), "In": (1, 1)}).actions[0]
    ('Out', (0, 2))
    """

    player: str | int
    actions: Any
    infoset: str | None = None
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", _pairs(self.actions, "actions", "Decision"))


@dataclass(frozen=True)
class Chance:
    """A chance node, for :meth:`ExtensiveFormGame.from_tree`.

    Parameters
    ----------
    outcomes : mapping of str to (probability, subtree), or sequence of (str, probability, subtree)
        The chance moves in order. Probabilities are numbers or text such as
        ``"1/3"``; exact rationals are kept exactly and must sum to exactly
        one, floats to one within 1e-9.
    label : str, default ""
        An optional name for the node.

    Examples
    --------
    >>> from gametheory_af.trees import Chance
    >>> Chance({"heads": ("1/2", (1,)), "tails": ("1/2", (-1,))}).outcomes[1][1]
    '1/2'
    """

    outcomes: Any
    label: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "outcomes", _pairs(self.outcomes, "outcomes", "Chance"))


# ----------------------------------------------------------------------------- records
@dataclass(frozen=True)
class InformationSet:
    """One information set, as returned by :attr:`ExtensiveFormGame.infosets`.

    Parameters
    ----------
    index, player, label, actions, nodes : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    index : int
        Its number in the game.
    player : int
        The player who moves there.
    label : str
        Its label (``""`` when it has none).
    actions : tuple of str
        The actions available at each of its nodes.
    nodes : tuple of int
        Its nodes, in breadth-first order.
    """

    index: int
    player: int
    label: str
    actions: tuple[str, ...]
    nodes: tuple[int, ...]


@dataclass(frozen=True)
class Node:
    """A view of one node, as returned by :meth:`ExtensiveFormGame.node`.

    Parameters
    ----------
    index, kind, player, infoset, label, actions, children, parent, path, payoffs, probabilities : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    index : int
    kind : str
        ``"decision"``, ``"chance"`` or ``"terminal"``.
    player : int or None
        The player who moves at a decision node.
    infoset : int or None
        Its information set at a decision node.
    label : str
    actions : tuple of str
        Action (or chance outcome) names, empty at a terminal node.
    children : tuple of int
    parent : int or None
    path : tuple of str
        The actions from the root to the node.
    payoffs : tuple or None
        The payoffs at a terminal node (exact when the game is exact).
    probabilities : tuple or None
        The chance probabilities at a chance node (exact when given exactly).
    """

    index: int
    kind: str
    player: int | None
    infoset: int | None
    label: str
    actions: tuple[str, ...]
    children: tuple[int, ...]
    parent: int | None
    path: tuple[str, ...]
    payoffs: tuple[Any, ...] | None
    probabilities: tuple[Any, ...] | None


# ----------------------------------------------------------------------------- helpers
def _frozen(arr: Any, dtype: Any) -> np.ndarray:
    out = np.ascontiguousarray(arr, dtype=dtype)
    return np.frombuffer(out.tobytes(), dtype=dtype).reshape(out.shape)


def _number(value: Any, name: Any, caller: str) -> tuple[float, Fraction | None]:
    """A payoff or probability: its float and, when exact, its Fraction.

    *name* may be a callable that builds the name, called only for an error message.
    """
    kind = type(value)
    if kind is int and -(2**53) <= value <= 2**53:
        return float(value), Fraction(value)
    if kind is Fraction:
        try:
            x = float(value)
        except OverflowError:
            x = float("inf")
        if abs(x) < float("inf"):
            return x, value
    if kind is float and abs(value) < float("inf"):
        return value, None
    text = name() if callable(name) else name
    if isinstance(value, str):
        f = parse_number(value, text, caller)
        return to_float(f, text, caller), f
    if isinstance(value, (bool, np.bool_)) or not (
        isinstance(value, (numbers.Real, np.integer, np.floating)) or is_rational_scalar(value)
    ):
        raise GameError(f"{caller}: {text} must be a number; got {_short(value)} ({type(value).__name__}).")
    x = to_float(value, text, caller)
    return x, (to_fraction(value) if is_rational_scalar(value) else None)


def _path_text(path: Sequence[str]) -> str:
    return "the root" if not path else "node " + "/".join(path)


def _levels(depths: np.ndarray) -> tuple[tuple[int, int], ...]:
    if depths.size == 0:
        return ()
    bounds = np.flatnonzero(np.diff(depths)) + 1
    starts = np.concatenate(([0], bounds))
    stops = np.concatenate((bounds, [depths.size]))
    return tuple((int(a), int(b)) for a, b in zip(starts.tolist(), stops.tolist()))


# ----------------------------------------------------------------------------- the game
class ExtensiveFormGame:
    r"""A finite game in extensive form: a game tree with chance moves and information sets.

    Build one with :meth:`from_tree` (nested :class:`Decision`, :class:`Chance`
    and :class:`Terminal` data), :meth:`from_normal_form` (simultaneous moves),
    :meth:`from_arrays` (large trees from parent arrays) or
    :func:`~gametheory_af.read_efg` (Gambit files). The layout of the data is
    described in :mod:`gametheory_af.trees.game`.

    Parameters
    ----------
    tree : Decision, Chance or Terminal
        The root of the tree, as for :meth:`from_tree`.
    players : sequence of str, optional
        Player names, as for :meth:`from_tree`.
    title : str, default ""
        A title (kept by :meth:`to_efg`).

    Raises
    ------
    GameError
        For a malformed tree; see :meth:`from_tree`.

    Notes
    -----
    A game is an immutable value: its arrays are read-only copies, it compares
    and hashes by value and pickles to an equal game. Two games are equal when
    their trees, players, action names, information sets, payoffs and chance
    probabilities are; node and information-set labels and the title describe a
    game and are not compared. Payoffs and chance
    probabilities given as exact rationals (``int``, :class:`~fractions.Fraction`,
    text such as ``"1/3"``) are kept exactly and used by solvers run with
    ``exact=True``.

    Information sets must not contain a node and one of its descendants
    (absent-mindedness), and every node of an information set must offer the
    same actions. Perfect recall (:attr:`has_perfect_recall`) is not required
    to build a game, but every algorithm that needs it checks it and refuses a
    game without it.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees import Decision
    >>> g = gt.ExtensiveFormGame(
    ...     Decision("Entrant", {"Out": (0, 2), "In": Decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (1, 1)})}),
    ... )
    >>> g.players, g.n_nodes, g.n_infosets, g.is_perfect_information
    (('Entrant', 'Incumbent'), 5, 2, True)
    >>> print(g.draw())
    Entrant
    ├─ Out: (0, 2)
    └─ In: Incumbent
       ├─ Fight: (-1, -1)
       └─ Accommodate: (1, 1)
    """

    __slots__ = (
        "_players",
        "_title",
        "_parents",
        "_actions_in",
        "_first_child",
        "_n_children",
        "_node_players",
        "_node_infosets",
        "_edge_prob",
        "_exact_prob",
        "_depths",
        "_terminals",
        "_terminal_index",
        "_payoffs",
        "_exact_payoffs",
        "_infoset_players",
        "_infoset_labels",
        "_infoset_actions",
        "_chance_actions",
        "_node_labels",
        "_infoset_order",
        "_infoset_ptr",
        "_cache",
    )
    _players: tuple[str, ...]
    _title: str
    _parents: np.ndarray
    _actions_in: np.ndarray
    _first_child: np.ndarray
    _n_children: np.ndarray
    _node_players: np.ndarray
    _node_infosets: np.ndarray
    _edge_prob: np.ndarray
    _exact_prob: tuple[Fraction, ...] | None
    _depths: np.ndarray
    _terminals: np.ndarray
    _terminal_index: np.ndarray
    _payoffs: np.ndarray
    _exact_payoffs: np.ndarray | None
    _infoset_players: np.ndarray
    _infoset_labels: tuple[str, ...]
    _infoset_actions: tuple[tuple[str, ...], ...]
    _chance_actions: dict[int, tuple[str, ...]]
    _node_labels: dict[int, str]
    _infoset_order: np.ndarray
    _infoset_ptr: np.ndarray
    _cache: dict[Any, Any]  # derived structure (sequences, recall witness), computed once: the game is immutable

    def __init__(self, tree: Any, *, players: Sequence[str] | None = None, title: str = "") -> None:
        other = type(self).from_tree(tree, players=players, title=title)
        for slot in self.__slots__:
            object.__setattr__(self, slot, getattr(other, slot))

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_tree(cls, tree: Any, *, players: Sequence[str] | None = None, title: str = "") -> ExtensiveFormGame:
        """Build a game from nested :class:`Decision`, :class:`Chance` and :class:`Terminal` data.

        Parameters
        ----------
        tree : Decision, Chance, Terminal or sequence of numbers
            The root. A plain sequence of numbers anywhere in the tree is a
            terminal node with those payoffs.
        players : sequence of str, optional
            Player names. By default the names used by the decision nodes, in
            breadth-first order of first appearance (then every decision node
            must name its player).
        title : str, default ""
            A title for the game.

        Returns
        -------
        ExtensiveFormGame

        Raises
        ------
        GameError
            For a terminal node whose payoffs are missing or of the wrong
            length, a decision or chance node without actions, duplicate action
            names at a node, chance probabilities that are negative or do not
            sum to one, an unknown player, an information set that mixes
            players or action sets or contains a node and its descendant, a
            tree that contains itself (a cycle), or a tree beyond the limits.
        TypeError
            For a node of an unknown type.

        Examples
        --------
        >>> from gametheory_af.trees import Chance, Decision, ExtensiveFormGame
        >>> g = ExtensiveFormGame.from_tree(
        ...     Chance({"H": ("1/2", Decision("P", {"a": (1,), "b": (0,)}, infoset="h")),
        ...             "T": ("1/2", Decision("P", {"a": (0,), "b": (1,)}, infoset="h"))}))
        >>> g.n_infosets, g.node(0).probabilities
        (1, (Fraction(1, 2), Fraction(1, 2)))
        """
        caller = "ExtensiveFormGame.from_tree"
        if not isinstance(title, str):
            raise TypeError(f"{caller}: title must be a string; got {_short(title)}.")
        names: list[str] | None = None
        if players is not None:
            names = list(unique_names(players, len(players) if isinstance(players, Sequence) else -1, "players", caller))
        _check_acyclic(tree, caller)
        # Breadth-first walk; each entry: (object, parent id, action index, path of action names)
        limit_nodes = 0
        one: tuple[float, Fraction | None] = (1.0, Fraction(1))
        queue: list[tuple[Any, int, int, tuple[float, Fraction | None]]] = [(tree, -1, -1, one)]
        parents: list[int] = []
        actions_in: list[int] = []
        kinds: list[int] = []  # player index, CHANCE or TERMINAL
        infoset_keys: list[Any] = []
        node_actions: list[tuple[str, ...]] = []
        probs: list[tuple[float, Fraction | None]] = []
        terminal_rows: list[tuple[Any, ...]] = []
        labels: dict[int, str] = {}
        player_of_name: dict[str, int] = {n: k for k, n in enumerate(names or [])}
        head = 0
        while head < len(queue):
            obj, parent, act, prob = queue[head]
            node = head
            head += 1
            limit_nodes += 1
            if limit_nodes > 1 and limit_nodes % 65536 == 0:
                check_count(limit_nodes, "max_entries", "tree nodes", caller)
            parents.append(parent)
            actions_in.append(act)
            probs.append(prob)
            if isinstance(obj, Decision):
                who = obj.player
                if isinstance(who, str):
                    if who not in player_of_name:
                        if names is not None:
                            raise GameError(
                                f"{caller}: {_path_text(_path_of(parents, actions_in, node_actions, node))} names an unknown "
                                f"player {who!r}; the players are {tuple(names)!r}."
                            )
                        player_of_name[who] = len(player_of_name)
                    pidx = player_of_name[who]
                elif isinstance(who, (int, np.integer)) and not isinstance(who, bool):
                    if names is None:
                        raise GameError(f"{caller}: decision nodes name players by index {who!r}; pass players= with their names.")
                    if not 0 <= int(who) < len(names):
                        raise GameError(
                            f"{caller}: {_path_text(_path_of(parents, actions_in, node_actions, node))} has player index {who!r}; "
                            f"there are {len(names)} players."
                        )
                    pidx = int(who)
                else:
                    raise TypeError(f"{caller}: a decision node's player must be a name or an index; got {_short(who)}.")
                acts = tuple(a for a, _ in obj.actions)
                _check_action_names(acts, parents, actions_in, node_actions, node, caller)
                kinds.append(pidx)
                if obj.infoset is not None and not isinstance(obj.infoset, str):
                    raise TypeError(f"{caller}: an information set label must be a string; got {_short(obj.infoset)}.")
                infoset_keys.append(("label", obj.infoset) if obj.infoset is not None else ("node", node))
                node_actions.append(acts)
                for k, (_, child) in enumerate(obj.actions):
                    queue.append((child, node, k, one))
                if obj.label:
                    labels[node] = str(obj.label)
            elif isinstance(obj, Chance):
                acts = tuple(a for a, _, _ in obj.outcomes)
                _check_action_names(acts, parents, actions_in, node_actions, node, caller)
                kinds.append(CHANCE)
                infoset_keys.append(None)
                node_actions.append(acts)
                def where(node: int = node) -> tuple[str, ...]:
                    return _path_of(parents, actions_in, node_actions, node)

                ps = [_number(p, lambda a=a: f"chance probability {a!r} at {_path_text(where())}", caller) for a, p, _ in obj.outcomes]
                _check_probabilities(ps, acts, where, caller)
                for k, (_, _, child) in enumerate(obj.outcomes):
                    queue.append((child, node, k, ps[k]))
                if obj.label:
                    labels[node] = str(obj.label)
            else:
                if isinstance(obj, Terminal):
                    pay, lab = obj.payoffs, obj.label
                elif isinstance(obj, (tuple, list, np.ndarray)):
                    pay, lab = tuple(np.asarray(obj, dtype=object).ravel().tolist()) if isinstance(obj, np.ndarray) else tuple(obj), ""
                elif obj is None:
                    raise GameError(
                        f"{caller}: {_path_text(_path_of(parents, actions_in, node_actions, node))} has no payoffs (got None)."
                    )
                else:
                    raise TypeError(
                        f"{caller}: {_path_text(_path_of(parents, actions_in, node_actions, node))} must be a Decision, a Chance, "
                        f"a Terminal or a sequence of payoffs; got {_short(obj)} ({type(obj).__name__})."
                    )
                if len(pay) == 0:
                    raise GameError(f"{caller}: {_path_text(_path_of(parents, actions_in, node_actions, node))} has no payoffs.")
                kinds.append(TERMINAL)
                infoset_keys.append(None)
                node_actions.append(())
                terminal_rows.append(pay)
                if lab:
                    labels[node] = str(lab)
        if names is None:
            names = list(player_of_name)
            if not names:
                names = ["Player 1"] if not terminal_rows else [f"Player {k + 1}" for k in range(len(terminal_rows[0]))]
        n_players = len(names)
        # payoffs
        pay_f = np.empty((len(terminal_rows), n_players), dtype=np.float64)
        exact_rows: list[list[Fraction]] | None = []
        terms = [n for n, k in enumerate(kinds) if k == TERMINAL]
        for r, (row, node) in enumerate(zip(terminal_rows, terms)):
            if len(row) != n_players:
                raise GameError(
                    f"{caller}: {_path_text(_path_of(parents, actions_in, node_actions, node))} has {len(row)} payoffs "
                    f"{_short(row)}; the game has {n_players} players {tuple(names)!r}."
                )
            ex_row: list[Fraction] = []
            for i, v in enumerate(row):
                f, ex = _number(
                    v,
                    lambda i=i, node=node: f"payoff of {names[i]!r} at {_path_text(_path_of(parents, actions_in, node_actions, node))}",
                    caller,
                )
                pay_f[r, i] = f
                if ex is None:
                    exact_rows = None
                elif exact_rows is not None:
                    ex_row.append(ex)
            if exact_rows is not None:
                exact_rows.append(ex_row)
        # information sets by key
        key_to_h: dict[Any, int] = {}
        node_infoset = np.full(len(kinds), -1, dtype=np.int64)
        h_players: list[int] = []
        h_labels: list[str] = []
        h_actions: list[tuple[str, ...]] = []
        for n, key in enumerate(infoset_keys):
            if key is None:
                continue
            h = key_to_h.get(key)
            if h is None:
                h = key_to_h[key] = len(h_players)
                h_players.append(kinds[n])
                h_labels.append(key[1] if key[0] == "label" else "")
                h_actions.append(node_actions[n])
            else:
                if kinds[n] != h_players[h]:
                    raise GameError(
                        f"{caller}: information set {h_labels[h]!r} mixes players {names[h_players[h]]!r} and "
                        f"{names[kinds[n]]!r} (at {_path_text(_path_of(parents, actions_in, node_actions, n))})."
                    )
                if node_actions[n] != h_actions[h]:
                    raise GameError(
                        f"{caller}: information set {h_labels[h]!r} mixes action sets {h_actions[h]!r} and "
                        f"{node_actions[n]!r} (at {_path_text(_path_of(parents, actions_in, node_actions, n))})."
                    )
            node_infoset[n] = h
        chance_actions = {n: node_actions[n] for n, k in enumerate(kinds) if k == CHANCE}
        exact_prob = [p[1] for p in probs]
        return cls._build(
            players=tuple(names),
            title=title,
            parents=np.asarray(parents, dtype=np.int64),
            actions_in=np.asarray(actions_in, dtype=np.int64),
            node_players=np.asarray(kinds, dtype=np.int64),
            node_infosets=node_infoset,
            edge_prob=np.asarray([p[0] for p in probs], dtype=np.float64),
            exact_prob=None if any(p is None for p in exact_prob) else [p for p in exact_prob if p is not None],
            payoffs=pay_f,
            exact_payoffs=exact_rows,
            infoset_players=h_players,
            infoset_labels=h_labels,
            infoset_actions=h_actions,
            chance_actions=chance_actions,
            node_labels=labels,
            caller=caller,
        )

    @classmethod
    def _build(
        cls,
        *,
        players: tuple[str, ...],
        title: str,
        parents: np.ndarray,
        actions_in: np.ndarray,
        node_players: np.ndarray,
        node_infosets: np.ndarray,
        edge_prob: np.ndarray,
        exact_prob: Sequence[Fraction] | None,
        payoffs: np.ndarray,
        exact_payoffs: Sequence[Sequence[Fraction]] | None,
        infoset_players: Sequence[int],
        infoset_labels: Sequence[str],
        infoset_actions: Sequence[tuple[str, ...]],
        chance_actions: Mapping[int, tuple[str, ...]],
        node_labels: Mapping[int, str],
        caller: str,
    ) -> ExtensiveFormGame:
        """Assemble a game from breadth-first arrays (the layout in the module docstring) and check it."""
        n = parents.size
        check_bytes(n * 10, 8, "tree node entries", caller)
        obj = object.__new__(cls)
        obj._cache = {}
        obj._players = players
        obj._title = title
        depths = np.zeros(n, dtype=np.int64)
        n_children = np.bincount(parents[1:], minlength=n).astype(np.int64) if n > 1 else np.zeros(n, dtype=np.int64)
        first_child = np.full(n, -1, dtype=np.int64)
        if n > 1:
            firsts = np.flatnonzero(np.r_[True, parents[2:] != parents[1:-1]]) + 1
            first_child[parents[firsts]] = firsts
        # depths level by level: in breadth-first order depth[n] = depth[parent[n]] + 1, parents first
        if n > 1:
            d = depths
            lo, hi = 0, 1
            level = 0
            while lo < n:
                d[lo:hi] = level
                kids = n_children[lo:hi].sum()
                lo, hi = hi, hi + int(kids)
                level += 1
        obj._parents = _frozen(parents, np.int64)
        obj._actions_in = _frozen(actions_in, np.int64)
        obj._first_child = _frozen(first_child, np.int64)
        obj._n_children = _frozen(n_children, np.int64)
        obj._node_players = _frozen(node_players, np.int64)
        obj._node_infosets = _frozen(node_infosets, np.int64)
        obj._edge_prob = _frozen(edge_prob, np.float64)
        obj._exact_prob = None if exact_prob is None else tuple(exact_prob)
        obj._depths = _frozen(depths, np.int64)
        terminals = np.flatnonzero(node_players == TERMINAL).astype(np.int64)
        tindex = np.full(n, -1, dtype=np.int64)
        tindex[terminals] = np.arange(terminals.size, dtype=np.int64)
        obj._terminals = _frozen(terminals, np.int64)
        obj._terminal_index = _frozen(tindex, np.int64)
        obj._payoffs = _frozen(payoffs.reshape(terminals.size, len(players)), np.float64)
        if exact_payoffs is not None:
            ex = np.empty((terminals.size, len(players)), dtype=object)
            for r, row in enumerate(exact_payoffs):
                ex[r, :] = list(row)
            ex.setflags(write=False)
            obj._exact_payoffs = ex
        else:
            obj._exact_payoffs = None
        obj._infoset_players = _frozen(np.asarray(infoset_players, dtype=np.int64), np.int64)
        obj._infoset_labels = tuple(infoset_labels)
        obj._infoset_actions = tuple(tuple(a) for a in infoset_actions)
        obj._chance_actions = dict(chance_actions)
        obj._node_labels = {int(k): v for k, v in node_labels.items() if v}
        order = np.argsort(node_infosets, kind="stable")
        dec = order[node_infosets[order] >= 0]
        obj._infoset_order = _frozen(dec, np.int64)
        obj._infoset_ptr = _frozen(
            np.searchsorted(node_infosets[dec], np.arange(len(infoset_players) + 1)), np.int64
        )
        obj._check_structure(caller)
        return obj

    def _check_structure(self, caller: str) -> None:
        """Checks that need the whole tree: no node and its descendant in one information set."""
        if self._infoset_order.size == self.n_infosets:
            return  # every information set is a single node
        pre, size = self.preorder_intervals()
        order = self._infoset_order
        hs = self._node_infosets[order]
        # sort the decision nodes by (infoset, preorder); a node whose subtree holds the next one is an ancestor
        key = np.lexsort((pre[order], hs))
        o = order[key]
        h_sorted = hs[key]
        same = h_sorted[1:] == h_sorted[:-1]
        contains = pre[o[1:]] < pre[o[:-1]] + size[o[:-1]]
        bad = np.flatnonzero(same & contains)
        if bad.size:
            a, b = int(o[bad[0]]), int(o[bad[0] + 1])
            h = int(h_sorted[bad[0]])
            raise GameError(
                f"{caller}: information set {self._infoset_name(h)} contains {_path_text(self.path(a))} and its "
                f"descendant {_path_text(self.path(b))}; a player who cannot tell them apart could not know she had moved."
            )

    @classmethod
    def from_normal_form(cls, game: NormalFormGame) -> ExtensiveFormGame:
        """The simultaneous-move tree of a normal-form game.

        Player 0 moves at the root; each later player moves at one information
        set holding every node of her depth, so nobody sees an earlier move.
        Strategy names become action names, and exact payoffs stay exact.

        Parameters
        ----------
        game : NormalFormGame

        Returns
        -------
        ExtensiveFormGame

        Raises
        ------
        TypeError
            If *game* is not a NormalFormGame.
        GameError
            If the tree would exceed the limits.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> t = gt.ExtensiveFormGame.from_normal_form(gt.catalog.prisoners_dilemma())
        >>> t.n_infosets, t.n_terminals, t.to_normal_form() == gt.catalog.prisoners_dilemma()
        (2, 4, True)
        """
        from ..game import NormalFormGame

        caller = "ExtensiveFormGame.from_normal_form"
        if not isinstance(game, NormalFormGame):
            raise TypeError(f"{caller}: game must be a NormalFormGame; got {_short(game)} ({type(game).__name__}).")
        shape = game.shape
        sizes = [1]
        for s in shape:
            sizes.append(sizes[-1] * s)
        total = sum(sizes)
        check_count(total, "max_entries", "tree nodes", caller)
        parents = [-1]
        actions_in = [-1]
        node_players: list[int] = []
        node_infosets: list[int] = []
        start = 0
        for level, s in enumerate(shape):
            width = sizes[level]
            node_players += [level] * width
            node_infosets += [level] * width
            for p in range(start, start + width):
                parents += [p] * s
                actions_in += list(range(s))
            start += width
        node_players += [TERMINAL] * sizes[-1]
        node_infosets += [-1] * sizes[-1]
        pay = game.payoffs.reshape(game.n_players, -1).T.copy()
        exact = None
        if game.is_exact:
            exact = game.exact_payoffs().reshape(game.n_players, -1).T.tolist()
        return cls._build(
            players=game.players,
            title="",
            parents=np.asarray(parents, dtype=np.int64),
            actions_in=np.asarray(actions_in, dtype=np.int64),
            node_players=np.asarray(node_players, dtype=np.int64),
            node_infosets=np.asarray(node_infosets, dtype=np.int64),
            edge_prob=np.ones(total, dtype=np.float64),
            exact_prob=[Fraction(1)] * total,
            payoffs=pay,
            exact_payoffs=exact,
            infoset_players=list(range(game.n_players)),
            infoset_labels=list(game.players),
            infoset_actions=list(game.strategies),
            chance_actions={},
            node_labels={},
            caller=caller,
        )

    @classmethod
    def from_arrays(
        cls,
        parents: Any,
        node_players: Any,
        payoffs: Any,
        *,
        players: Sequence[str] | None = None,
        infosets: Any = None,
        probabilities: Any = None,
        title: str = "",
    ) -> ExtensiveFormGame:
        """Build a (large) game from a parent array, without nested Python objects.

        Parameters
        ----------
        parents : array_like of int, shape (n_nodes,)
            The parent of each node, ``-1`` for the one root. Nodes may be
            numbered in any order; a node's actions are its children in
            increasing number, named ``"1"``, ``"2"``, ...
        node_players : array_like of int, shape (n_nodes,)
            The player who moves at each node with children (0-based), or
            ``-1`` for chance; ignored at nodes without children.
        payoffs : array_like of shape (n_terminals, n_players)
            The payoffs at the nodes without children, in increasing node number.
            They are read as float64 (this constructor is for large trees);
            build exact games with :meth:`from_tree`.
        players : sequence of str, optional
            Player names; default ``"Player 1"``, ...
        infosets : array_like of int, shape (n_nodes,), optional
            Decision nodes with the same (non-negative) number form one
            information set; by default each decision node is its own.
        probabilities : array_like of float, shape (n_nodes,), optional
            The chance probability of the edge into each child of a chance
            node (entries elsewhere are ignored), read as float64. Required
            when there are chance nodes.
        title : str, default ""
            A title for the game.

        Returns
        -------
        ExtensiveFormGame
            The game, renumbered in breadth-first order.

        Raises
        ------
        GameError
            For arrays of the wrong shape, no root or several roots, a cycle,
            a parent out of range, a player out of range, payoffs of the wrong
            shape or not finite, chance probabilities that do not sum to one, or
            information sets that mix players or numbers of actions.

        Examples
        --------
        >>> from gametheory_af.trees import ExtensiveFormGame
        >>> g = ExtensiveFormGame.from_arrays([-1, 0, 0, 1, 1], [0, 1, 0, 0, 0], [[0, 2], [-1, -1], [1, 1]])
        >>> g.n_nodes, g.node(1).kind, g.terminal_payoffs.tolist()
        (5, 'decision', [[0.0, 2.0], [-1.0, -1.0], [1.0, 1.0]])
        """
        caller = "ExtensiveFormGame.from_arrays"
        par = _int_vector(parents, "parents", caller)
        n = par.size
        if n == 0:
            raise GameError(f"{caller}: parents is empty; a tree needs at least a root.")
        check_bytes(n * 10, 8, "tree node entries", caller)
        roots = np.flatnonzero(par == -1)
        if roots.size != 1:
            raise GameError(f"{caller}: parents must have exactly one root (-1); found {roots.size}.")
        bad = np.flatnonzero((par < -1) | (par >= n))
        if bad.size:
            raise GameError(f"{caller}: parents[{int(bad[0])}] = {int(par[bad[0]])} is not a node (0..{n - 1}) or -1.")
        selfloop = np.flatnonzero(par == np.arange(n))
        if selfloop.size:
            raise GameError(f"{caller}: node {int(selfloop[0])} is its own parent (a cycle).")
        root = int(roots[0])
        # breadth-first order: a level sweep from the root over the children lists
        order_children = np.argsort(par, kind="stable")
        counts = np.bincount(par[par >= 0], minlength=n)
        starts = np.concatenate(([0], np.cumsum(counts)))
        ch_sorted = order_children[n - int((par >= 0).sum()) :] if n > 1 else np.zeros(0, dtype=np.int64)
        # ch_sorted lists children grouped by parent in increasing parent, each group by node number
        bfs = np.empty(n, dtype=np.int64)
        bfs[0] = root
        filled = 1
        lo = 0
        while lo < filled:
            level = bfs[lo:filled]
            cnt = counts[level]
            total = int(cnt.sum())
            if total:
                if filled + total > n:
                    raise GameError(f"{caller}: parents contain a cycle.")
                st = starts[level]
                idx = np.repeat(st - np.concatenate(([0], np.cumsum(cnt)[:-1])), cnt) + np.arange(total)
                bfs[filled : filled + total] = ch_sorted[idx]
            lo, filled = filled, filled + total
        if filled != n:
            seen = np.zeros(n, dtype=bool)
            seen[bfs[:filled]] = True
            missing = int(np.flatnonzero(~seen)[0])
            raise GameError(f"{caller}: node {missing} does not descend from the root {root} (parents contain a cycle).")
        rank = np.empty(n, dtype=np.int64)
        rank[bfs] = np.arange(n)
        new_par = np.where(par[bfs] >= 0, rank[np.maximum(par[bfs], 0)], -1)
        kids = counts[bfs]
        # action index: position among siblings (children stay in increasing original number)
        act = np.full(n, -1, dtype=np.int64)
        if n > 1:
            grp_first = np.flatnonzero(np.r_[True, new_par[2:] != new_par[1:-1]]) + 1
            pos = np.arange(1, n) - np.repeat(grp_first, np.diff(np.r_[grp_first, n]))
            act[1:] = pos
        np_arr = _int_vector(node_players, "node_players", caller)
        if np_arr.size != n:
            raise GameError(f"{caller}: node_players has {np_arr.size} entries; parents has {n}.")
        who = np_arr[bfs].copy()
        names = (
            tuple(f"Player {k + 1}" for k in range(int(max(who[kids > 0].max(initial=-1), 0)) + 1))
            if players is None
            else unique_names(players, len(players) if isinstance(players, Sequence) else -1, "players", caller)
        )
        inner = kids > 0
        bad = np.flatnonzero(inner & ((who < -1) | (who >= len(names))))
        if bad.size:
            raise GameError(
                f"{caller}: node_players[{int(bfs[bad[0]])}] = {int(who[bad[0]])} is not a player (0..{len(names) - 1}) or -1 (chance)."
            )
        who[~inner] = TERMINAL
        pay = np.asarray(payoffs, dtype=np.float64) if not isinstance(payoffs, np.ndarray) else payoffs.astype(np.float64)
        n_term = int((~inner).sum())
        if pay.shape != (n_term, len(names)):
            raise GameError(f"{caller}: payoffs must have shape ({n_term}, {len(names)}) (terminal nodes, players); got {pay.shape}.")
        if not np.isfinite(pay).all():
            r = int(np.argwhere(~np.isfinite(pay))[0][0])
            raise GameError(f"{caller}: payoffs must be finite; row {r} is {pay[r].tolist()}.")
        # terminal rows are given in increasing original number; map them to breadth-first order
        orig_terms = np.flatnonzero(counts == 0)
        row_of = np.empty(n, dtype=np.int64)
        row_of[orig_terms] = np.arange(n_term)
        pay_bfs = pay[row_of[bfs[~inner]]]
        # information sets
        dec = np.flatnonzero(inner & (who >= 0))
        if infosets is None:
            hs_raw = np.arange(n, dtype=np.int64)[bfs]
        else:
            hs_in = _int_vector(infosets, "infosets", caller)
            if hs_in.size != n:
                raise GameError(f"{caller}: infosets has {hs_in.size} entries; parents has {n}.")
            hs_raw = hs_in[bfs]
        uniq, first_pos, inv = np.unique(hs_raw[dec], return_index=True, return_inverse=True)
        # number information sets by first appearance in breadth-first order
        by_first = np.argsort(first_pos, kind="stable")
        renum = np.empty(uniq.size, dtype=np.int64)
        renum[by_first] = np.arange(uniq.size)
        node_h = np.full(n, -1, dtype=np.int64)
        node_h[dec] = renum[inv]
        h_first = dec[first_pos[by_first]]
        h_players = who[h_first]
        h_k = kids[h_first]
        mismatch = np.flatnonzero((who[dec] != h_players[node_h[dec]]) | (kids[dec] != h_k[node_h[dec]]))
        if mismatch.size:
            m = dec[mismatch[0]]
            h = int(node_h[m])
            what = "players" if who[m] != h_players[h] else "action sets"
            raise GameError(
                f"{caller}: information set {int(hs_raw[m])} mixes {what} (node {int(bfs[m])} and node {int(bfs[h_first[h]])})."
            )
        # chance
        edge = np.ones(n, dtype=np.float64)
        chance_nodes = np.flatnonzero(inner & (who == CHANCE))
        if chance_nodes.size:
            if probabilities is None:
                raise GameError(f"{caller}: the tree has chance nodes; pass probabilities=.")
            pr = np.asarray(probabilities, dtype=np.float64)
            if pr.shape != (n,):
                raise GameError(f"{caller}: probabilities must have shape ({n},); got {pr.shape}.")
            pr = pr[bfs]
            is_chance_child = np.zeros(n, dtype=bool)
            is_chance_child[1:] = who[new_par[1:]] == CHANCE
            edge[is_chance_child] = pr[is_chance_child]
            if not np.isfinite(edge).all() or (edge < 0).any():
                b = int(np.flatnonzero(~np.isfinite(edge) | (edge < 0))[0])
                raise GameError(f"{caller}: probabilities[{int(bfs[b])}] = {pr[b]} must be a number >= 0.")
            sums = np.bincount(new_par[1:][is_chance_child[1:]], weights=edge[1:][is_chance_child[1:]], minlength=n)
            off = np.flatnonzero(np.abs(sums[chance_nodes] - 1.0) > _PROB_TOL)
            if off.size:
                c = chance_nodes[off[0]]
                raise GameError(f"{caller}: the chance probabilities at node {int(bfs[c])} sum to {float(sums[c])!r}, not 1.")
        names_of: dict[int, tuple[str, ...]] = {}  # one shared tuple per action count (pickles once)
        for kk in np.unique(kids[inner]).tolist():
            names_of[int(kk)] = tuple(str(k + 1) for k in range(int(kk)))
        h_actions = [names_of[kk] for kk in h_k.tolist()]
        chance_actions = {int(c): names_of[int(kids[c])] for c in chance_nodes.tolist()}
        return cls._build(
            players=tuple(names),
            title=title,
            parents=new_par.astype(np.int64),
            actions_in=act,
            node_players=who,
            node_infosets=node_h,
            edge_prob=edge,
            exact_prob=None,
            payoffs=pay_bfs,
            exact_payoffs=None,
            infoset_players=h_players.tolist(),
            infoset_labels=[""] * uniq.size,
            infoset_actions=h_actions,
            chance_actions=chance_actions,
            node_labels={},
            caller=caller,
        )

    # ------------------------------------------------------------------ basic facts
    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def n_players(self) -> int:
        """Number of players (chance is not a player)."""
        return len(self._players)

    @property
    def title(self) -> str:
        """The game's title."""
        return self._title

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return int(self._parents.size)

    @property
    def n_terminals(self) -> int:
        """Number of terminal nodes."""
        return int(self._terminals.size)

    @property
    def n_infosets(self) -> int:
        """Number of information sets of the players (chance nodes have none)."""
        return int(self._infoset_players.size)

    @property
    def parents(self) -> np.ndarray:
        """The parent of each node (-1 for the root), read-only."""
        return self._parents

    @property
    def actions_in(self) -> np.ndarray:
        """The index of the action at the parent that leads to each node (-1 for the root)."""
        return self._actions_in

    @property
    def first_child(self) -> np.ndarray:
        """The first child of each node (-1 at terminal nodes)."""
        return self._first_child

    @property
    def n_children(self) -> np.ndarray:
        """The number of actions at each node (0 at terminal nodes)."""
        return self._n_children

    @property
    def node_players(self) -> np.ndarray:
        """The player at each node: 0-based, ``CHANCE`` (-1) or ``TERMINAL`` (-2)."""
        return self._node_players

    @property
    def node_infosets(self) -> np.ndarray:
        """The information set of each decision node (-1 elsewhere)."""
        return self._node_infosets

    @property
    def edge_probabilities(self) -> np.ndarray:
        """The chance probability of the edge into each node (1.0 unless its parent is a chance node)."""
        return self._edge_prob

    @property
    def depths(self) -> np.ndarray:
        """The depth of each node (root 0)."""
        return self._depths

    @property
    def levels(self) -> tuple[tuple[int, int], ...]:
        """``(start, stop)`` node ranges of each depth, root first."""
        return _levels(self._depths)

    @property
    def terminals(self) -> np.ndarray:
        """The terminal nodes, in breadth-first order."""
        return self._terminals

    @property
    def terminal_index(self) -> np.ndarray:
        """The row of each terminal node in :attr:`~gametheory_af.ExtensiveFormGame.terminal_payoffs` (-1 elsewhere)."""
        return self._terminal_index

    @property
    def terminal_payoffs(self) -> np.ndarray:
        """Read-only float64 payoffs, shape ``(n_terminals, n_players)``."""
        return self._payoffs

    @property
    def infoset_players(self) -> np.ndarray:
        """The player of each information set."""
        return self._infoset_players

    @property
    def infoset_actions(self) -> tuple[tuple[str, ...], ...]:
        """The action names of each information set."""
        return self._infoset_actions

    @property
    def infoset_sizes(self) -> np.ndarray:
        """The number of actions of each information set (read-only)."""
        if "sizes" not in self._cache:
            k = np.array([len(a) for a in self._infoset_actions], dtype=np.int64)
            k.setflags(write=False)
            self._cache["sizes"] = k
        sizes: np.ndarray = self._cache["sizes"]
        return sizes

    @property
    def infoset_labels(self) -> tuple[str, ...]:
        """The label of each information set (``""`` when it has none)."""
        return self._infoset_labels

    def infoset_nodes(self, h: int) -> np.ndarray:
        """The nodes of information set *h*, in breadth-first order.

        Parameters
        ----------
        h : int
            An information set number.

        Returns
        -------
        numpy.ndarray of int64
        """
        h = self._check_infoset(h, "infoset_nodes")
        return self._infoset_order[self._infoset_ptr[h] : self._infoset_ptr[h + 1]]

    @property
    def infosets(self) -> tuple[InformationSet, ...]:
        """Every information set as an :class:`InformationSet` record."""
        return tuple(
            InformationSet(
                index=h,
                player=int(self._infoset_players[h]),
                label=self._infoset_labels[h],
                actions=self._infoset_actions[h],
                nodes=tuple(int(x) for x in self.infoset_nodes(h)),
            )
            for h in range(self.n_infosets)
        )

    def player_infosets(self, player: int | str) -> np.ndarray:
        """The information sets of one player, in order.

        Parameters
        ----------
        player : int or str

        Returns
        -------
        numpy.ndarray of int64
        """
        i = self.player_index(player)
        return np.flatnonzero(self._infoset_players == i).astype(np.int64)

    def player_index(self, player: int | str) -> int:
        """Index of a player given by index or by name.

        Parameters
        ----------
        player : int or str

        Returns
        -------
        int

        Raises
        ------
        GameError
            For an unknown player.
        """
        from .._lookup import player_index

        return player_index(self._players, player, "ExtensiveFormGame")

    def node_actions(self, node: int) -> tuple[str, ...]:
        """The action (or chance outcome) names at *node* (empty at a terminal node).

        Parameters
        ----------
        node : int

        Returns
        -------
        tuple of str
        """
        node = self._check_node(node, "node_actions")
        who = int(self._node_players[node])
        if who >= 0:
            return self._infoset_actions[int(self._node_infosets[node])]
        if who == CHANCE:
            return self._chance_actions[node]
        return ()

    def chance_probabilities(self, node: int, *, exact: bool = False) -> tuple[Any, ...]:
        """The probabilities of the chance moves at *node*.

        Parameters
        ----------
        node : int
            A chance node.
        exact : bool, default False
            Return Fractions (exact inputs exactly; floats as their shortest decimals).

        Returns
        -------
        tuple of float or Fraction

        Raises
        ------
        GameError
            If *node* is not a chance node.
        """
        node = self._check_node(node, "chance_probabilities")
        if int(self._node_players[node]) != CHANCE:
            raise GameError(f"ExtensiveFormGame.chance_probabilities: node {node} is not a chance node.")
        a = int(self._first_child[node])
        kids = range(a, a + int(self._n_children[node]))
        if exact:
            return tuple(self._exact_prob[c] if self._exact_prob is not None else to_fraction(float(self._edge_prob[c])) for c in kids)
        return tuple(float(self._edge_prob[c]) for c in kids)

    def exact_terminal_payoffs(self) -> np.ndarray:
        """The terminal payoffs as an object array of Fractions, shape ``(n_terminals, n_players)``.

        Returns
        -------
        numpy.ndarray of object
            Exact inputs exactly; a float payoff as the shortest decimal that prints as it.
        """
        if self._exact_payoffs is not None:
            return self._exact_payoffs.copy()
        out = np.empty(self._payoffs.shape, dtype=object)
        out.ravel()[:] = [to_fraction(x) for x in self._payoffs.ravel().tolist()]
        return out

    def exact_edge_probabilities(self) -> tuple[Fraction, ...]:
        """The chance probability of the edge into each node as a Fraction (1 where the parent is not chance).

        Returns
        -------
        tuple of Fraction
        """
        if self._exact_prob is not None:
            return self._exact_prob
        return tuple(Fraction(1) if p == 1.0 else to_fraction(p) for p in self._edge_prob.tolist())

    @property
    def is_exact(self) -> bool:
        """True when every payoff and chance probability was given as an exact rational."""
        return self._exact_payoffs is not None and self._exact_prob is not None

    @property
    def has_chance(self) -> bool:
        """True when the tree has a chance node."""
        return bool((self._node_players == CHANCE).any())

    @property
    def is_perfect_information(self) -> bool:
        """True when every information set is a single node."""
        return bool(self.n_infosets == int((self._node_players >= 0).sum()))

    @property
    def is_zero_sum(self) -> bool:
        """True for two players whose payoffs sum to zero at every terminal node (exactly, when exact)."""
        if self.n_players != 2:
            return False
        if self._exact_payoffs is not None:
            return all(a + b == 0 for a, b in self._exact_payoffs.tolist())
        return bool(np.all(self._payoffs.sum(axis=1) == 0))

    @property
    def has_perfect_recall(self) -> bool:
        """True when no player ever forgets what she knew or did (Kuhn 1953).

        Every node of an information set must have the same sequence of the
        player's own earlier information sets and actions.
        """
        return self.imperfect_recall_witness() is None

    def imperfect_recall_witness(self) -> tuple[int, int, int] | None:
        """A witness of imperfect recall: ``(information set, node a, node b)`` whose own histories differ.

        Returns
        -------
        tuple of int or None
            ``None`` when the game has perfect recall.
        """
        if "recall" in self._cache:
            witness: tuple[int, int, int] | None = self._cache["recall"]
            return witness
        self._cache["recall"] = self._recall_witness()
        return self.imperfect_recall_witness()

    def _recall_witness(self) -> tuple[int, int, int] | None:
        order, ptr = self._infoset_order, self._infoset_ptr
        if order.size == self.n_infosets:
            return None  # every information set is one node
        first = np.repeat(order[ptr[:-1]], np.diff(ptr))  # the first node of each node's information set
        hs = self._node_infosets[order]
        for i in range(self.n_players):
            seq = self.node_sequences(i)
            bad = np.flatnonzero((self._infoset_players[hs] == i) & (seq[order] != seq[first]))
            if bad.size:
                k = int(bad[0])
                return int(hs[k]), int(first[k]), int(order[k])
        return None

    def require_perfect_recall(self, caller: str) -> None:
        """Raise a :class:`GameError` naming the information set when the game lacks perfect recall.

        Parameters
        ----------
        caller : str
            The name of the algorithm that needs it, for the message.

        Raises
        ------
        GameError
            If the game does not have perfect recall.
        """
        w = self.imperfect_recall_witness()
        if w is not None:
            h, a, b = w
            raise GameError(
                f"{caller}: the game lacks perfect recall, which this algorithm needs: information set "
                f"{self._infoset_name(h)} of {self._players[int(self._infoset_players[h])]!r} holds "
                f"{_path_text(self.path(a))} and {_path_text(self.path(b))}, reached by different moves of her own."
            )

    # ------------------------------------------------------------------ sequences
    def sequence_offsets(self, player: int | str) -> np.ndarray:
        """Offsets of each information set's sequences: sequence ``1 + offset[h] + a`` is (h, a).

        Parameters
        ----------
        player : int or str

        Returns
        -------
        numpy.ndarray of int64, shape (n_infosets,)
            Offsets for the player's information sets, -1 for the others'.
        """
        i = self.player_index(player)
        own = self._infoset_players == i
        k = self.infoset_sizes
        k_own = np.where(own, k, 0)
        off = np.concatenate(([0], np.cumsum(k_own)[:-1])) if k.size else np.zeros(0, dtype=np.int64)
        return np.where(own, off, -1).astype(np.int64)

    def n_sequences(self, player: int | str) -> int:
        """Number of sequences of a player, the empty one included.

        Parameters
        ----------
        player : int or str

        Returns
        -------
        int
        """
        i = self.player_index(player)
        return 1 + int(self.infoset_sizes[self._infoset_players == i].sum())

    def node_sequences(self, player: int | str) -> np.ndarray:
        """The player's sequence (her last own information set and action) at every node.

        Parameters
        ----------
        player : int or str

        Returns
        -------
        numpy.ndarray of int64, shape (n_nodes,)
            0 for the empty sequence.
        """
        i = self.player_index(player)
        key = ("node_sequences", i)
        cached = self._cache.get(key)
        if cached is not None:
            out: np.ndarray = cached
            return out
        seq = np.zeros(self.n_nodes, dtype=np.int64)
        if (self._infoset_players == i).any():
            off = self.sequence_offsets(i)
            par = self._parents
            for lo, hi in self.levels[1:]:
                p = par[lo:hi]
                own = self._node_players[p] == i
                h = self._node_infosets[p]
                seq[lo:hi] = np.where(own, 1 + off[np.maximum(h, 0)] + self._actions_in[lo:hi], seq[p])
        seq.setflags(write=False)
        self._cache[key] = seq
        return seq

    def infoset_sequences(self, player: int | str) -> np.ndarray:
        """The sequence that leads to each of the player's information sets (perfect recall assumed).

        Parameters
        ----------
        player : int or str

        Returns
        -------
        numpy.ndarray of int64, shape (n_infosets,)
            -1 for other players' information sets.
        """
        i = self.player_index(player)
        seq = self.node_sequences(i)
        out = np.full(self.n_infosets, -1, dtype=np.int64)
        hs = self.player_infosets(i)
        out[hs] = seq[self._infoset_order[self._infoset_ptr[hs]]]
        return out

    def sequence_layers(self, player: int | str) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], ...]:
        """The player's information sets grouped by how many of her own moves precede them, deepest first.

        Best responses and realization plans sweep these layers: every
        information set of a layer has its continuation sequences in deeper
        layers. Computed once per game and player (the game is immutable).

        Parameters
        ----------
        player : int or str

        Returns
        -------
        tuple of (infosets, sequences, starts, counts)
            Per layer: its information sets; the sequence numbers of their
            actions, concatenated in information-set order; where each
            information set's run starts in that array; and its number of actions.
        """
        i = self.player_index(player)
        key = ("sequence_layers", i)
        if key in self._cache:
            cached: tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], ...] = self._cache[key]
            return cached
        hs = self.player_infosets(i)
        layers: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        if hs.size:
            own = np.zeros(self.n_nodes, dtype=np.int64)  # own moves on the path to each node
            par = self._parents
            for lo, hi in self.levels[1:]:
                p = par[lo:hi]
                own[lo:hi] = own[p] + (self._node_players[p] == i)
            hdepth = own[self._infoset_order[self._infoset_ptr[hs]]]
            off = self.sequence_offsets(i)
            k_all = self.infoset_sizes
            for d in range(int(hdepth.max()), -1, -1):
                layer = hs[hdepth == d]
                if layer.size == 0:
                    continue
                ks = k_all[layer]
                starts = np.concatenate(([0], np.cumsum(ks)[:-1])).astype(np.int64)
                idx = np.repeat(1 + off[layer] - starts, ks) + np.arange(int(ks.sum()), dtype=np.int64)
                for arr in (layer, idx, starts, ks):
                    arr.setflags(write=False)
                layers.append((layer, idx, starts, ks))
        out = tuple(layers)
        self._cache[key] = out
        return out

    # ------------------------------------------------------------------ traversal
    def preorder_intervals(self) -> tuple[np.ndarray, np.ndarray]:
        """Depth-first (preorder) numbers and subtree sizes of every node.

        Node ``b`` descends from ``a`` exactly when
        ``pre[a] < pre[b] < pre[a] + size[a]``.

        Returns
        -------
        pre : numpy.ndarray of int64
            Each node's position in a depth-first walk (root 0).
        size : numpy.ndarray of int64
            The number of nodes in each node's subtree, itself included.
        """
        n = self.n_nodes
        size = np.ones(n, dtype=np.int64)
        par = self._parents
        levels = self.levels
        for (plo, phi), (lo, hi) in zip(reversed(levels[:-1]), reversed(levels[1:])):
            # the parents of a level are the previous level, a contiguous range
            size[plo:phi] += np.bincount(par[lo:hi] - plo, weights=size[lo:hi], minlength=phi - plo).astype(np.int64)
        pre = np.zeros(n, dtype=np.int64)
        for lo, hi in levels[1:]:
            s = size[lo:hi]
            p = par[lo:hi]
            csum = np.cumsum(s) - s  # exclusive, across the whole level
            first = self._first_child[p]
            pre[lo:hi] = pre[p] + 1 + csum - csum[first - lo]
        return pre, size

    def preorder(self) -> np.ndarray:
        """The nodes in depth-first (preorder) order, as in a Gambit file.

        Returns
        -------
        numpy.ndarray of int64
        """
        pre, _ = self.preorder_intervals()
        out = np.empty(self.n_nodes, dtype=np.int64)
        out[pre] = np.arange(self.n_nodes)
        return out

    def children(self, node: int) -> np.ndarray:
        """The children of *node*, in the order of its actions.

        Parameters
        ----------
        node : int

        Returns
        -------
        numpy.ndarray of int64
        """
        node = self._check_node(node, "children")
        a = int(self._first_child[node])
        return np.arange(a, a + int(self._n_children[node]), dtype=np.int64)

    def path(self, node: int) -> tuple[str, ...]:
        """The actions (and chance outcomes) from the root to *node*.

        Parameters
        ----------
        node : int

        Returns
        -------
        tuple of str
        """
        node = self._check_node(node, "path")
        out: list[str] = []
        while node > 0:
            p = int(self._parents[node])
            out.append(self.node_actions(p)[int(self._actions_in[node])])
            node = p
        return tuple(reversed(out))

    def node(self, node: int) -> Node:
        """A :class:`Node` record describing one node.

        Parameters
        ----------
        node : int

        Returns
        -------
        Node

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.catalog.entry_deterrence()
        >>> n = g.node(2)
        >>> n.kind, n.path, n.actions
        ('decision', ('In',), ('Fight', 'Accommodate'))
        """
        node = self._check_node(node, "node")
        who = int(self._node_players[node])
        kind = "decision" if who >= 0 else "chance" if who == CHANCE else "terminal"
        payoffs = None
        if who == TERMINAL:
            r = int(self._terminal_index[node])
            payoffs = tuple(self._exact_payoffs[r].tolist()) if self._exact_payoffs is not None else tuple(self._payoffs[r].tolist())
        probs = None
        if who == CHANCE:
            probs = self.chance_probabilities(node, exact=self._exact_prob is not None)
        return Node(
            index=node,
            kind=kind,
            player=who if who >= 0 else None,
            infoset=int(self._node_infosets[node]) if who >= 0 else None,
            label=self._node_labels.get(node, ""),
            actions=self.node_actions(node),
            children=tuple(self.children(node).tolist()),
            parent=int(self._parents[node]) if node else None,
            path=self.path(node),
            payoffs=payoffs,
            probabilities=probs,
        )

    def node_label(self, node: int) -> str:
        """The label of *node* (``""`` when it has none).

        Parameters
        ----------
        node : int

        Returns
        -------
        str
        """
        return self._node_labels.get(self._check_node(node, "node_label"), "")

    # ------------------------------------------------------------------ conversions
    def to_normal_form(self, *, reduced: bool = True) -> NormalFormGame:
        """The strategic form: one strategy per plan of actions (see :func:`gametheory_af.trees.to_normal_form`).

        Parameters
        ----------
        reduced : bool, default True
            Merge plans that differ only at information sets the plan itself
            excludes (the reduced normal form); ``False`` lists every plan.

        Returns
        -------
        NormalFormGame
        """
        from .convert import to_normal_form

        return to_normal_form(self, reduced=reduced)

    def to_efg(self) -> str:
        """The game as Gambit ``.efg`` text (see :func:`gametheory_af.trees.to_efg`).

        Returns
        -------
        str
        """
        from .efg import to_efg

        return to_efg(self)

    def draw(self, *, max_nodes: int = 500) -> str:
        """The tree as indented text, one line per node, information sets marked.

        Parameters
        ----------
        max_nodes : int, default 500
            Stop after this many lines (a final line says how many were left out).

        Returns
        -------
        str

        Examples
        --------
        >>> import gametheory_af as gt
        >>> print(gt.catalog.matching_pennies_tree().draw())
        Player 1 [h1]
        ├─ H: Player 2 [h2]
        │  ├─ H: (1, -1)
        │  └─ T: (-1, 1)
        └─ T: Player 2 [h2]
           ├─ H: (-1, 1)
           └─ T: (1, -1)
        """
        from .._validation import check_int

        max_nodes = check_int(max_nodes, "max_nodes", "ExtensiveFormGame.draw", minimum=1)
        perfect = self.is_perfect_information
        lines: list[str] = []
        stack: list[tuple[int, str, str]] = [(0, "", "")]
        count = 0
        while stack:
            node, prefix, head = stack.pop()
            if count >= max_nodes:
                lines.append(f"... ({self.n_nodes - count} more nodes)")
                break
            count += 1
            lines.append(prefix + head + self._node_text(node, perfect))
            kids = self.children(node).tolist()
            acts = self.node_actions(node)
            who = int(self._node_players[node])
            child_prefix = prefix + ("" if not head else ("│  " if head.startswith("├") else "   "))
            items = []
            for k, c in enumerate(kids):
                last = k == len(kids) - 1
                name = acts[k]
                if who == CHANCE:
                    p = self.chance_probabilities(node, exact=self._exact_prob is not None)[k]
                    name = f"{name} ({p})"
                items.append((c, child_prefix, ("└─ " if last else "├─ ") + name + ": "))
            stack.extend(reversed(items))
        return "\n".join(lines)

    def _node_text(self, node: int, perfect: bool) -> str:
        who = int(self._node_players[node])
        label = self._node_labels.get(node, "")
        if who == TERMINAL:
            r = int(self._terminal_index[node])
            vals = self._exact_payoffs[r].tolist() if self._exact_payoffs is not None else self._payoffs[r].tolist()
            text = "(" + ", ".join(_fmt(v) for v in vals) + ")"
        elif who == CHANCE:
            text = "Chance"
        else:
            text = self._players[who]
            if not perfect:
                h = int(self._node_infosets[node])
                text += f" [{self._infoset_labels[h] or f'h{h + 1}'}]"
        return f"{text} {label!r}" if label else text

    # ------------------------------------------------------------------ checks
    def _check_node(self, node: Any, caller: str) -> int:
        if isinstance(node, (bool, np.bool_)) or not isinstance(node, (int, np.integer)):
            raise TypeError(f"ExtensiveFormGame.{caller}: node must be an integer; got {_short(node)}.")
        out = int(node)
        if not 0 <= out < self.n_nodes:
            raise GameError(f"ExtensiveFormGame.{caller}: node {out} is not in the tree (0..{self.n_nodes - 1}).")
        return out

    def _check_infoset(self, h: Any, caller: str) -> int:
        if isinstance(h, (bool, np.bool_)) or not isinstance(h, (int, np.integer)):
            raise TypeError(f"ExtensiveFormGame.{caller}: information set must be an integer; got {_short(h)}.")
        out = int(h)
        if not 0 <= out < self.n_infosets:
            raise GameError(f"ExtensiveFormGame.{caller}: information set {out} does not exist (0..{self.n_infosets - 1}).")
        return out

    def _infoset_name(self, h: int) -> str:
        label = self._infoset_labels[h]
        return f"{label!r}" if label else f"{h} (at {_path_text(self.path(int(self.infoset_nodes(h)[0])))})"

    def infoset_name(self, h: int) -> str:
        """A readable name for information set *h*: its label, or its number and first node.

        Parameters
        ----------
        h : int

        Returns
        -------
        str
        """
        return self._infoset_name(self._check_infoset(h, "infoset_name"))

    # ------------------------------------------------------------------ value semantics
    def _key(self) -> tuple[Any, ...]:
        return (
            self._players,
            self._parents.tobytes(),
            self._actions_in.tobytes(),
            self._node_players.tobytes(),
            self._node_infosets.tobytes(),
            self._edge_prob.tobytes(),
            self._payoffs.tobytes(),
            self._infoset_actions,
            tuple(sorted(self._chance_actions.items())),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ExtensiveFormGame):
            return NotImplemented
        if self._key() != other._key():
            return False
        if self._exact_payoffs is not None and other._exact_payoffs is not None:
            if not bool(np.all(self._exact_payoffs == other._exact_payoffs)):
                return False
        if self._exact_prob is not None and other._exact_prob is not None:
            return self._exact_prob == other._exact_prob
        return True

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[Any, ...]:
        state = {}
        for slot in self.__slots__:
            if slot == "_cache":
                continue
            v = getattr(self, slot)
            state[slot] = (v.dtype.str, v.shape, v.tobytes()) if isinstance(v, np.ndarray) and v.dtype != object else v
        return (_unpickle, (state,))

    def __repr__(self) -> str:
        return (
            f"<ExtensiveFormGame players={self._players!r} nodes={self.n_nodes} "
            f"infosets={self.n_infosets} terminals={self.n_terminals}>"
        )

    def __str__(self) -> str:
        return self.draw(max_nodes=60)


def _unpickle(state: dict[str, Any]) -> ExtensiveFormGame:
    obj = object.__new__(ExtensiveFormGame)
    obj._cache = {}
    for slot, v in state.items():
        if isinstance(v, tuple) and len(v) == 3 and isinstance(v[2], bytes):
            dtype, shape, data = v
            v = np.frombuffer(bytes(data), dtype=np.dtype(dtype)).reshape(shape)
        elif isinstance(v, np.ndarray):
            v = v.copy()
            v.setflags(write=False)
        object.__setattr__(obj, slot, v)
    return obj


def _subtrees(obj: Any) -> list[Any]:
    if isinstance(obj, Decision):
        return [c for _, c in obj.actions]
    if isinstance(obj, Chance):
        return [c for _, _, c in obj.outcomes]
    return []


def _check_acyclic(tree: Any, caller: str) -> None:
    """Refuse a tree that contains itself, by a depth-first search over its distinct node objects."""
    state: dict[int, int] = {}  # id -> 1 on the current path, 2 done
    stack: list[tuple[Any, int]] = [(tree, 0)]
    while stack:
        obj, k = stack.pop()
        kids = _subtrees(obj)
        if k == 0:
            if state.get(id(obj)) == 2:
                continue
            state[id(obj)] = 1
        if k < len(kids):
            stack.append((obj, k + 1))
            child = kids[k]
            if isinstance(child, (Decision, Chance)):
                st = state.get(id(child))
                if st == 1:
                    raise GameError(f"{caller}: the tree contains itself (a cycle) at a node {_short(child, 60)}.")
                if st is None:
                    stack.append((child, 0))
        else:
            state[id(obj)] = 2


def _fmt(v: Any) -> str:
    if isinstance(v, Fraction):
        return str(v)
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return f"{v:g}" if isinstance(v, float) else str(v)


def _int_vector(value: Any, name: str, caller: str) -> np.ndarray:
    arr = np.asarray(value)
    if arr.ndim != 1:
        raise GameError(f"{caller}: {name} must be a 1-D array of integers; got shape {arr.shape}.")
    if arr.size and not np.issubdtype(arr.dtype, np.integer):
        if np.issubdtype(arr.dtype, np.floating) and np.all(np.isfinite(arr)) and np.all(arr == np.round(arr)):
            return arr.astype(np.int64)
        raise GameError(f"{caller}: {name} must hold integers; got dtype {arr.dtype}.")
    return arr.astype(np.int64)


def _path_of(parents: list[int], actions_in: list[int], node_actions: list[tuple[str, ...]], node: int) -> tuple[str, ...]:
    out: list[str] = []
    while node > 0:
        p = parents[node]
        out.append(node_actions[p][actions_in[node]])
        node = p
    return tuple(reversed(out))


def _check_action_names(
    acts: tuple[Any, ...], parents: list[int], actions_in: list[int], node_actions: list[tuple[str, ...]], node: int, caller: str
) -> None:
    def where() -> str:
        return _path_text(_path_of(parents, actions_in, node_actions, node))

    if not acts:
        raise GameError(f"{caller}: {where()} has no actions and no payoffs.")
    for a in acts:
        if not isinstance(a, str) or not a:
            raise GameError(f"{caller}: action names must be non-empty strings; got {_short(a)} at {where()}.")
    if len(set(acts)) != len(acts):
        dup = next(a for a in acts if acts.count(a) > 1)
        raise GameError(f"{caller}: {where()} has the action {dup!r} twice.")


def _check_probabilities(
    ps: list[tuple[float, Fraction | None]], acts: tuple[str, ...], path: Callable[[], tuple[str, ...]], caller: str
) -> None:
    for (f, _), a in zip(ps, acts):
        if f < 0:
            raise GameError(f"{caller}: chance probability {a!r} at {_path_text(path())} is {f!r}; probabilities must be >= 0.")
    if all(ex is not None for _, ex in ps):
        total = sum((ex for _, ex in ps if ex is not None), Fraction(0))
        if total != 1:
            raise GameError(f"{caller}: the chance probabilities at {_path_text(path())} sum to {total}, not 1.")
    else:
        total_f = float(sum(f for f, _ in ps))
        if abs(total_f - 1.0) > _PROB_TOL:
            raise GameError(f"{caller}: the chance probabilities at {_path_text(path())} sum to {total_f!r}, not 1.")
