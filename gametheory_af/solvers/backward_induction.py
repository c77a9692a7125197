"""Backward induction and subgame perfection in game trees.

:func:`backward_induction_batch` computes one subgame-perfect equilibrium of a
perfect-information tree for a whole batch of payoff vectors at once, sweeping
the breadth-first levels of the tree bottom-up with array operations (no
recursion, no Python loop over nodes).

References
----------
Kuhn, H. W. (1953). Extensive games and the problem of information. In
*Contributions to the Theory of Games II*, 193-216. Princeton University Press.

Zermelo, E. (1913). Über eine Anwendung der Mengenlehre auf die Theorie des
Schachspiels. *Proceedings of the Fifth International Congress of
Mathematicians* 2, 501-504.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._limits import check_bytes
from .._validation import _short
from ..exceptions import GameError
from ..trees.game import CHANCE, ExtensiveFormGame
from ..trees.profiles import check_tree

__all__ = ["backward_induction_batch"]


def _require_perfect_information(game: ExtensiveFormGame, caller: str) -> None:
    """Refuse a game with an information set of several nodes, naming it."""
    if game.is_perfect_information:
        return
    dec = game.node_infosets[game.node_players >= 0]
    h = int(np.flatnonzero(np.bincount(dec, minlength=game.n_infosets) > 1)[0])
    raise GameError(
        f"{caller}: the game has imperfect information: information set {game.infoset_name(h)} holds "
        f"{int(game.infoset_nodes(h).size)} nodes; backward induction needs perfect information "
        "(use subgame_perfect, which decomposes into proper subgames)."
    )


def _batch_payoffs(game: ExtensiveFormGame, payoffs: Any, caller: str) -> np.ndarray:
    if payoffs is None:
        return np.asarray(game.terminal_payoffs, dtype=np.float64)[None, :, :]
    if isinstance(payoffs, (str, bytes)):
        raise TypeError(f"{caller}: payoffs must be an array of numbers; got {_short(payoffs)}.")
    try:
        arr = np.asarray(payoffs, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{caller}: payoffs must be an array of numbers; got {_short(payoffs)}.") from err
    want = (game.n_terminals, game.n_players)
    if arr.ndim != 3 or arr.shape[1:] != want:
        raise GameError(
            f"{caller}: payoffs must have shape (B, {want[0]}, {want[1]}) (batch, terminal nodes, players); got {arr.shape}."
        )
    if arr.shape[0] == 0:
        raise GameError(f"{caller}: payoffs has an empty batch (shape {arr.shape}).")
    if not np.isfinite(arr).all():
        b, t, i = (int(x) for x in np.argwhere(~np.isfinite(arr))[0])
        raise GameError(f"{caller}: payoffs must be finite; payoffs[{b}, {t}, {i}] is {arr[b, t, i]!r}.")
    return arr


def backward_induction_batch(game: ExtensiveFormGame, payoffs: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """One subgame-perfect equilibrium of a perfect-information tree, for a batch of payoffs at once.

    At each decision node the mover picks an action that maximises her own
    continuation value; a chance node's value is the probability-weighted sum
    of its children's. The tree is swept level by level from the deepest, each
    level (and the whole batch) at once.

    Parameters
    ----------
    game : ExtensiveFormGame
        A game with perfect information (chance nodes are allowed).
    payoffs : array_like of shape (B, n_terminals, n_players), optional
        ``B`` payoff vectors for the terminal nodes (rows in the order of
        :attr:`~ExtensiveFormGame.terminals`). Default: the game's own float
        payoffs, ``B = 1``.

    Returns
    -------
    values : numpy.ndarray of float64, shape (B, n_nodes, n_players)
        Each node's subgame-perfect continuation value for every player.
    choices : numpy.ndarray of int64, shape (B, n_nodes)
        The action index chosen at each decision node; -1 at chance and
        terminal nodes.

    Raises
    ------
    TypeError
        For a *game* that is not an ExtensiveFormGame or *payoffs* that are not numbers.
    GameError
        For a game with imperfect information (naming an information set with
        several nodes), payoffs of the wrong shape or not finite, or a batch
        beyond the memory limits.

    Notes
    -----
    Ties are broken towards the **lowest action index**: among the actions
    whose float64 values are exactly equal to the maximum, the first is
    chosen. The result is therefore one subgame-perfect equilibrium; use
    :func:`subgame_perfect` for all of them (and for ties decided in exact
    arithmetic). The cost is ``O(B * n_nodes * n_players)`` time and memory.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.backward_induction import backward_induction_batch
    >>> values, choices = backward_induction_batch(gt.catalog.entry_deterrence())
    >>> values[0, 0].tolist(), choices[0].tolist()
    ([1.0, 1.0], [1, -1, 1, -1, -1])
    """
    caller = "backward_induction_batch"
    check_tree(game, caller)
    _require_perfect_information(game, caller)
    pay = _batch_payoffs(game, payoffs, caller)
    B = pay.shape[0]
    n, P = game.n_nodes, game.n_players
    check_bytes(B * n * (P + 1), 8, "backward-induction values and choices", caller)
    values = np.empty((B, n, P), dtype=np.float64)
    choices = np.full((B, n), -1, dtype=np.int64)
    values[:, game.terminals, :] = pay
    who = game.node_players
    first = game.first_child
    kids = game.n_children
    prob = game.edge_probabilities
    for lo, hi in reversed(game.levels):
        inner = lo + np.flatnonzero(kids[lo:hi] > 0)
        if inner.size == 0:
            continue
        c_lo = int(first[inner[0]])
        c_hi = int(first[inner[-1]] + kids[inner[-1]])
        counts = kids[inner]
        starts = first[inner] - c_lo  # segment starts inside the children range
        block = values[:, c_lo:c_hi, :]  # (B, m, P)
        movers = who[inner]
        dec = movers >= 0
        if dec.any():
            # each child's value for the player who moves at its parent
            mover_of_child = np.repeat(np.where(dec, movers, 0), counts)
            v = np.take_along_axis(block, mover_of_child[None, :, None], axis=2)[:, :, 0]  # (B, m)
            best = np.maximum.reduceat(v, starts, axis=1)  # (B, k)
            local = np.arange(c_hi - c_lo, dtype=np.int64) - np.repeat(starts, counts)
            cand = np.where(v == np.repeat(best, counts, axis=1), local, np.iinfo(np.int64).max)
            arg = np.minimum.reduceat(cand, starts, axis=1)  # (B, k) lowest maximising action
            d_nodes = inner[dec]
            d_arg = arg[:, dec]
            choices[:, d_nodes] = d_arg
            chosen = first[d_nodes][None, :] + d_arg  # (B, k_dec) absolute child numbers
            values[:, d_nodes, :] = values[np.arange(B)[:, None], chosen]
        ch = movers == CHANCE
        if ch.any():
            weighted = block * prob[c_lo:c_hi][None, :, None]
            sums = np.add.reduceat(weighted, starts, axis=1)  # (B, k, P)
            values[:, inner[ch], :] = sums[:, ch, :]
    return values, choices

