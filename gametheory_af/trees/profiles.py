"""Behaviour strategies in game trees: checking them, reach probabilities, payoffs, regrets, beliefs.

A **behaviour profile** is a tuple with one probability vector per information
set, in the game's information-set order (:attr:`ExtensiveFormGame.infosets`).
Every function here also accepts, per information set, an action name or
index (a pure choice), and a mapping ``{information set: vector or action}``
keyed by number or label covering every information set.

Internally a profile is also used **flat**: one entry per (information set,
action) pair, at ``infoset_offsets(game)[h] + a``.

All sweeps run level by level over the breadth-first layout (no recursion), in
float64 or, with ``exact=True``, in rational arithmetic (object arrays of
:class:`~fractions.Fraction`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .._validation import _short, is_rational_scalar, parse_number, to_fraction
from ..exceptions import GameError
from .game import CHANCE, ExtensiveFormGame

__all__ = [
    "as_behavior",
    "as_exact_behavior",
    "infoset_offsets",
    "flatten_behavior",
    "unflatten_behavior",
    "reach_probabilities",
    "behavior_payoffs",
    "behavior_regrets",
    "best_response_values",
    "beliefs",
]

BehaviorLike = Any
SIMPLEX_TOL = 1e-9


def check_tree(game: Any, caller: str) -> ExtensiveFormGame:
    """Raise TypeError unless *game* is an :class:`ExtensiveFormGame`."""
    if not isinstance(game, ExtensiveFormGame):
        raise TypeError(f"{caller}: game must be an ExtensiveFormGame; got {_short(game)} ({type(game).__name__}).")
    return game


def infoset_offsets(game: ExtensiveFormGame) -> np.ndarray:
    """Start of each information set's actions in a flat profile; the last entry is the total.

    Parameters
    ----------
    game : ExtensiveFormGame

    Returns
    -------
    numpy.ndarray of int64, shape (n_infosets + 1,)
    """
    return np.concatenate(([0], np.cumsum(game.infoset_sizes))).astype(np.int64)


def _entries(game: ExtensiveFormGame, profile: Any, caller: str) -> list[Any]:
    H = game.n_infosets
    if isinstance(profile, Mapping):
        out: list[Any] = [None] * H
        labels = {lab: h for h, lab in enumerate(game.infoset_labels) if lab}
        for key, v in profile.items():
            if isinstance(key, str):
                if key not in labels:
                    raise GameError(f"{caller}: behavior names an unknown information set {key!r}.")
                h = labels[key]
            elif isinstance(key, (int, np.integer)) and not isinstance(key, bool) and 0 <= int(key) < H:
                h = int(key)
            else:
                raise GameError(f"{caller}: behavior key {_short(key)} is not an information set (0..{H - 1} or a label).")
            out[h] = v
        missing = [h for h, v in enumerate(out) if v is None]
        if missing:
            raise GameError(f"{caller}: behavior gives no strategy at information set {game.infoset_name(missing[0])}.")
        return out
    if isinstance(profile, (str, bytes)) or not isinstance(profile, (Sequence, np.ndarray)):
        raise TypeError(f"{caller}: behavior must be a sequence with one entry per information set; got {_short(profile)}.")
    out = list(profile)
    if len(out) != H:
        raise GameError(f"{caller}: behavior has {len(out)} entries; the game has {H} information sets.")
    return out


def _pure_index(game: ExtensiveFormGame, h: int, v: Any, caller: str) -> int | None:
    acts = game.infoset_actions[h]
    if isinstance(v, str):
        if v not in acts:
            raise GameError(f"{caller}: {v!r} is not an action at information set {game.infoset_name(h)}; actions are {acts!r}.")
        return acts.index(v)
    if isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)):
        if not 0 <= int(v) < len(acts):
            raise GameError(f"{caller}: action index {int(v)} at information set {game.infoset_name(h)} is out of range 0..{len(acts) - 1}.")
        return int(v)
    return None


def as_behavior(game: ExtensiveFormGame, profile: BehaviorLike, caller: str = "as_behavior") -> tuple[np.ndarray, ...]:
    """Check a behaviour profile and return one read-only float64 vector per information set.

    Parameters
    ----------
    game : ExtensiveFormGame
    profile : sequence or mapping or numpy.ndarray
        Per information set: a probability vector, an action name or an action
        index. Or the flat layout: a 1-D float array with one entry per
        (information set, action) pair (see :func:`infoset_offsets`), checked
        in one vectorized pass, which large trees need.
    caller : str, default "as_behavior"
        Name for error messages.

    Returns
    -------
    tuple of numpy.ndarray

    Raises
    ------
    GameError
        For a wrong number of entries, an unknown action, or a vector that is
        not on the simplex (negative, NaN, or not summing to one within 1e-9).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.profiles import as_behavior
    >>> as_behavior(gt.catalog.entry_deterrence(), ["In", [0, 1]])
    (array([0., 1.]), array([0., 1.]))
    """
    check_tree(game, caller)
    if _is_flat(game, profile):
        return unflatten_behavior(game, _check_flat(game, np.asarray(profile, dtype=np.float64), caller))
    pure = _pure_indices(game, profile)
    if pure is not None:  # one action index per information set: one vectorized pass
        flat = np.zeros(int(game.infoset_sizes.sum()))
        flat[infoset_offsets(game)[:-1] + pure] = 1.0
        return unflatten_behavior(game, flat)
    out = []
    for h, v in enumerate(_entries(game, profile, caller)):
        k = len(game.infoset_actions[h])
        j = _pure_index(game, h, v, caller)
        if j is not None:
            vec = np.zeros(k)
            vec[j] = 1.0
        else:
            try:
                vec = np.asarray(v, dtype=np.float64)
            except (TypeError, ValueError):
                raise GameError(f"{caller}: behavior at information set {game.infoset_name(h)} must be numbers; got {_short(v)}.") from None
            if vec.shape != (k,):
                raise GameError(
                    f"{caller}: behavior at information set {game.infoset_name(h)} must have {k} probabilities; got shape {vec.shape}."
                )
            if not np.isfinite(vec).all() or (vec < -SIMPLEX_TOL).any() or abs(float(vec.sum()) - 1.0) > SIMPLEX_TOL:
                raise GameError(
                    f"{caller}: behavior at information set {game.infoset_name(h)} must be a probability vector; got {vec.tolist()}."
                )
            vec = np.clip(vec, 0.0, None)
            vec = vec / vec.sum()
        vec.setflags(write=False)
        out.append(vec)
    return tuple(out)


def _pure_indices(game: ExtensiveFormGame, profile: Any) -> np.ndarray | None:
    """The action indices of a profile given as one in-range integer per information set, else None."""
    if isinstance(profile, np.ndarray):
        if profile.ndim != 1 or not np.issubdtype(profile.dtype, np.integer):
            return None
        idx = profile.astype(np.int64)
    elif isinstance(profile, (list, tuple)) and all(type(v) is int for v in profile):
        idx = np.array(profile, dtype=np.int64)
    else:
        return None
    if idx.size != game.n_infosets or ((idx < 0) | (idx >= game.infoset_sizes)).any():
        return None  # the per-entry path names the problem
    return idx


def _is_flat(game: ExtensiveFormGame, profile: Any) -> bool:
    """A 1-D float array with one entry per (information set, action): the flat layout."""
    return (
        isinstance(profile, np.ndarray)
        and profile.ndim == 1
        and np.issubdtype(profile.dtype, np.floating)
        and profile.size == int(game.infoset_sizes.sum())
        and (profile.size != game.n_infosets or game.n_infosets == 0)
    )


def _check_flat(game: ExtensiveFormGame, flat: np.ndarray, caller: str) -> np.ndarray:
    off = infoset_offsets(game)
    if flat.size == 0:
        return flat.copy()
    bad_entry = ~np.isfinite(flat) | (flat < -SIMPLEX_TOL)
    sums = np.add.reduceat(np.where(bad_entry, 0.0, flat), off[:-1])
    bad = np.flatnonzero(np.add.reduceat(bad_entry.astype(np.int64), off[:-1]) | (np.abs(sums - 1.0) > SIMPLEX_TOL))
    if bad.size:
        h = int(bad[0])
        raise GameError(
            f"{caller}: behavior at information set {game.infoset_name(h)} must be a probability vector; "
            f"got {flat[off[h] : off[h + 1]].tolist()}."
        )
    out: np.ndarray = np.clip(flat, 0.0, None)
    out = out / np.repeat(np.add.reduceat(out, off[:-1]), game.infoset_sizes)
    return out


def as_exact_behavior(game: ExtensiveFormGame, profile: BehaviorLike, caller: str = "as_exact_behavior") -> tuple[np.ndarray, ...]:
    """Check a behaviour profile of exact rationals; one object vector of Fractions per information set.

    Parameters
    ----------
    game : ExtensiveFormGame
    profile : sequence or mapping
        Per information set: exact probabilities (ints, Fractions, text such as
        ``"1/3"``; floats are read as their shortest decimals), an action name
        or an action index.
    caller : str, default "as_exact_behavior"
        Name for error messages.

    Returns
    -------
    tuple of numpy.ndarray of object

    Raises
    ------
    GameError
        For a vector that is negative or does not sum to exactly one.
    """
    check_tree(game, caller)
    out = []
    for h, v in enumerate(_entries(game, profile, caller)):
        k = len(game.infoset_actions[h])
        j = _pure_index(game, h, v, caller)
        vals: list[Fraction]
        if j is not None:
            vals = [Fraction(int(a == j)) for a in range(k)]
        else:
            items = list(v) if isinstance(v, (Sequence, np.ndarray)) and not isinstance(v, str) else None
            if items is None or len(items) != k:
                raise GameError(f"{caller}: behavior at information set {game.infoset_name(h)} must have {k} probabilities; got {_short(v)}.")
            vals = []
            for x in items:
                if isinstance(x, str):
                    vals.append(parse_number(x, "a behavior probability", caller))
                elif is_rational_scalar(x) or isinstance(x, (float, np.floating)):
                    vals.append(to_fraction(x))
                else:
                    raise GameError(f"{caller}: behavior at information set {game.infoset_name(h)} must be numbers; got {_short(x)}.")
            if any(x < 0 for x in vals) or sum(vals, Fraction(0)) != 1:
                raise GameError(
                    f"{caller}: behavior at information set {game.infoset_name(h)} must be exact probabilities summing to 1; "
                    f"got {[str(x) for x in vals]}."
                )
        arr = np.empty(k, dtype=object)
        arr[:] = vals
        arr.setflags(write=False)
        out.append(arr)
    return tuple(out)


def flatten_behavior(behavior: Sequence[np.ndarray]) -> np.ndarray:
    """Concatenate per-information-set vectors into one flat vector (keeping the dtype).

    Parameters
    ----------
    behavior : sequence of numpy.ndarray

    Returns
    -------
    numpy.ndarray
    """
    if not behavior:
        return np.zeros(0)
    return np.concatenate([np.asarray(b) for b in behavior])


def unflatten_behavior(game: ExtensiveFormGame, flat: np.ndarray) -> tuple[np.ndarray, ...]:
    """Split a flat vector into one read-only vector per information set.

    Parameters
    ----------
    game : ExtensiveFormGame
    flat : numpy.ndarray

    Returns
    -------
    tuple of numpy.ndarray
    """
    off = infoset_offsets(game)
    whole = np.array(flat)
    whole.setflags(write=False)
    return tuple(whole[a:b] for a, b in zip(off[:-1].tolist(), off[1:].tolist()))


def _edge_factors(game: ExtensiveFormGame, flat: np.ndarray, exclude: int | None, exact: bool) -> np.ndarray:
    """The probability of the edge into each node: chance, or the mover's behaviour (1 for *exclude*)."""
    n = game.n_nodes
    par = game.parents[1:]
    who = game.node_players[par]
    h = game.node_infosets[par]
    off = infoset_offsets(game)
    if exact:
        fac = np.empty(n, dtype=object)
        fac[:] = game.exact_edge_probabilities()
        one = Fraction(1)
    else:
        fac = np.array(game.edge_probabilities, dtype=np.float64)
        one = 1.0  # type: ignore[assignment]
    dec = np.flatnonzero(who >= 0) + 1
    if dec.size:
        fac[dec] = flat[off[h[dec - 1]] + game.actions_in[dec]]
    if exclude is not None:
        mine = np.flatnonzero(who == exclude) + 1
        fac[mine] = one
    fac[0] = one
    return fac


def reach_probabilities(
    game: ExtensiveFormGame, behavior: BehaviorLike, *, exclude: int | None = None, exact: bool = False
) -> np.ndarray:
    """The probability of reaching every node under a behaviour profile.

    Parameters
    ----------
    game : ExtensiveFormGame
    behavior : behaviour profile
    exclude : int, optional
        Leave this player's own probabilities out (her "counterfactual" reach:
        chance times the others' moves), as regrets and beliefs need.
    exact : bool, default False
        Compute in rational arithmetic.

    Returns
    -------
    numpy.ndarray of shape (n_nodes,)
        Floats, or Fractions (an object array) when *exact*.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.profiles import reach_probabilities
    >>> g = gt.catalog.entry_deterrence()
    >>> reach_probabilities(g, ["In", "Accommodate"]).tolist()
    [1.0, 0.0, 1.0, 0.0, 1.0]
    """
    caller = "reach_probabilities"
    check_tree(game, caller)
    b = as_exact_behavior(game, behavior, caller) if exact else as_behavior(game, behavior, caller)
    return reach_flat(game, flatten_behavior(b), exclude, exact)


def reach_flat(game: ExtensiveFormGame, flat: np.ndarray, exclude: int | None, exact: bool) -> np.ndarray:
    fac = _edge_factors(game, flat, exclude, exact)
    reach = fac.copy()
    par = game.parents
    for lo, hi in game.levels[1:]:
        reach[lo:hi] = reach[par[lo:hi]] * fac[lo:hi]
    return reach


def behavior_payoffs(game: ExtensiveFormGame, behavior: BehaviorLike, *, exact: bool = False) -> np.ndarray:
    """Each player's expected payoff under a behaviour profile.

    Parameters
    ----------
    game : ExtensiveFormGame
    behavior : behaviour profile
    exact : bool, default False
        Compute in rational arithmetic (Fractions).

    Returns
    -------
    numpy.ndarray of shape (n_players,)

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.profiles import behavior_payoffs
    >>> behavior_payoffs(gt.catalog.entry_deterrence(), ["In", "Accommodate"]).tolist()
    [1.0, 1.0]
    """
    caller = "behavior_payoffs"
    check_tree(game, caller)
    b = as_exact_behavior(game, behavior, caller) if exact else as_behavior(game, behavior, caller)
    reach = reach_flat(game, flatten_behavior(b), None, exact)
    u = game.exact_terminal_payoffs() if exact else game.terminal_payoffs
    out: np.ndarray = reach[game.terminals] @ u
    return out


def best_response_values(
    game: ExtensiveFormGame, behavior: BehaviorLike, player: int | str, *, exact: bool = False
) -> tuple[Any, np.ndarray]:
    """A player's best-response value against the others' behaviour, and her best action at each of her information sets.

    Computed bottom-up over her sequences (perfect recall needed): the value of
    an information set is the best, over its actions, of the payoff collected
    at terminal nodes right after the action plus the values of her next
    information sets, each weighted by the others' and chance's reach.

    Parameters
    ----------
    game : ExtensiveFormGame
    behavior : behaviour profile
        The player's own entries are ignored.
    player : int or str
    exact : bool, default False

    Returns
    -------
    value : float or Fraction
        Her best-response payoff.
    actions : numpy.ndarray of int64, shape (n_infosets,)
        A best action at each of her information sets (-1 at others').

    Raises
    ------
    GameError
        If the game lacks perfect recall.
    """
    caller = "best_response_values"
    check_tree(game, caller)
    i = game.player_index(player)
    game.require_perfect_recall(caller)
    b = as_exact_behavior(game, behavior, caller) if exact else as_behavior(game, behavior, caller)
    return best_response_flat(game, flatten_behavior(b), i, exact)


def best_response_flat(game: ExtensiveFormGame, flat: np.ndarray, i: int, exact: bool) -> tuple[Any, np.ndarray]:
    reach = reach_flat(game, flat, i, exact)
    u = game.exact_terminal_payoffs()[:, i] if exact else game.terminal_payoffs[:, i]
    seq = game.node_sequences(i)
    n_seq = game.n_sequences(i)
    val = np.zeros(n_seq, dtype=object if exact else np.float64)
    if exact:
        val[:] = [Fraction(0)] * n_seq
    np.add.at(val, seq[game.terminals], reach[game.terminals] * u)
    actions = np.full(game.n_infosets, -1, dtype=np.int64)
    parent_seq = game.infoset_sequences(i)
    for layer, idx, seg, ks in game.sequence_layers(i):  # deepest own moves first
        vals = val[idx]
        if vals.dtype != object:
            best = np.maximum.reduceat(vals, seg)
        else:
            best = np.array([max(vals[a : a + k]) for a, k in zip(seg.tolist(), ks.tolist())], dtype=object)
        # the first maximiser of each information set's run
        hit = np.flatnonzero(vals == np.repeat(best, ks))
        seg_of = np.repeat(np.arange(layer.size), ks)[hit]
        first = np.full(layer.size, -1, dtype=np.int64)
        first[seg_of[::-1]] = (hit - seg[seg_of])[::-1]
        actions[layer] = first
        np.add.at(val, parent_seq[layer], best)
    return val[0], actions


def behavior_regrets(game: ExtensiveFormGame, behavior: BehaviorLike, *, exact: bool = False) -> np.ndarray:
    """Each player's regret in the tree: her best-response payoff minus her payoff.

    Parameters
    ----------
    game : ExtensiveFormGame
    behavior : behaviour profile
    exact : bool, default False

    Returns
    -------
    numpy.ndarray of shape (n_players,)
        Zero for every player exactly at a Nash equilibrium of the tree.

    Raises
    ------
    GameError
        If the game lacks perfect recall.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.profiles import behavior_regrets
    >>> g = gt.catalog.entry_deterrence()
    >>> behavior_regrets(g, ["Out", "Fight"]).tolist(), behavior_regrets(g, ["In", "Fight"]).tolist()
    ([0.0, 0.0], [1.0, 2.0])
    """
    caller = "behavior_regrets"
    check_tree(game, caller)
    game.require_perfect_recall(caller)
    b = as_exact_behavior(game, behavior, caller) if exact else as_behavior(game, behavior, caller)
    flat = flatten_behavior(b)
    return regrets_flat(game, flat, exact)


def regrets_flat(game: ExtensiveFormGame, flat: np.ndarray, exact: bool) -> np.ndarray:
    reach = reach_flat(game, flat, None, exact)
    u = game.exact_terminal_payoffs() if exact else game.terminal_payoffs
    pay = reach[game.terminals] @ u
    out = np.empty(game.n_players, dtype=object if exact else np.float64)
    for i in range(game.n_players):
        br, _ = best_response_flat(game, flat, i, exact)
        r = br - pay[i]
        out[i] = r if exact else max(float(r), 0.0)
    return out


def beliefs(game: ExtensiveFormGame, behavior: BehaviorLike, *, exact: bool = False) -> tuple[np.ndarray, ...]:
    """Bayes-consistent beliefs at every information set: the probability of each of its nodes given that it is reached.

    Parameters
    ----------
    game : ExtensiveFormGame
    behavior : behaviour profile
    exact : bool, default False

    Returns
    -------
    tuple of numpy.ndarray
        One vector per information set over its nodes (in
        :meth:`~ExtensiveFormGame.infoset_nodes` order). The mover's own
        moves are left out of the reach (with perfect recall they are the same
        at every node of the set, so they cancel on the path, and beliefs stay
        defined after her own deviations); NaN (``None`` when exact) where
        chance and the other players reach the set with probability zero, where
        Bayes' rule says nothing.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.profiles import beliefs
    >>> g = gt.catalog.matching_pennies_tree()
    >>> beliefs(g, [[0.25, 0.75], [0.5, 0.5]])[1].tolist()
    [0.25, 0.75]
    """
    caller = "beliefs"
    check_tree(game, caller)
    b = as_exact_behavior(game, behavior, caller) if exact else as_behavior(game, behavior, caller)
    flat = flatten_behavior(b)
    by_player = {i: reach_flat(game, flat, i, exact) for i in set(game.infoset_players.tolist())}
    out = []
    for h in range(game.n_infosets):
        reach = by_player[int(game.infoset_players[h])]
        nodes = game.infoset_nodes(h)
        r = reach[nodes]
        total = r.sum()
        if exact:
            v = np.empty(r.size, dtype=object)
            v[:] = [x / total for x in r.tolist()] if total != 0 else [None] * r.size
        else:
            v = r / total if total > 0 else np.full(r.size, np.nan)
        v.setflags(write=False)
        out.append(v)
    return tuple(out)


def chance_node_mask(game: ExtensiveFormGame) -> np.ndarray:
    """Boolean mask of the chance nodes.

    Parameters
    ----------
    game : ExtensiveFormGame

    Returns
    -------
    numpy.ndarray of bool
    """
    return np.asarray(game.node_players == CHANCE)
