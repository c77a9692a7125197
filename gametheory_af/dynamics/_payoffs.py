"""Payoffs of each pure strategy against the others' mixed strategies, for a whole batch at once.

Inside the dynamics a batch of mixed strategies of player i is held as an array of shape
(s_i, B), strategies first: numpy's element-wise operations and reductions over the leading axis
then run over long contiguous rows of B entries, which is what makes a step cheap.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..game import NormalFormGame

#: Above this many strategies, the first true entry of a column is found with numpy's argmax.
_LOOP_MAX = 16


def payoff_matrices(game: NormalFormGame) -> tuple[np.ndarray, ...]:
    """Per player i, its payoffs as a matrix of shape (s_i, prod of the others' s_j).

    Columns run over the others' pure profiles in player order (C order), rows over i's strategies.
    """
    u = game.payoffs
    return tuple(
        np.ascontiguousarray(np.moveaxis(u[i], i, 0).reshape(game.shape[i], -1)) for i in range(game.n_players)
    )


def others_joint(beliefs: Sequence[np.ndarray], i: int) -> np.ndarray:
    """The product distribution of the players other than *i*: shape (prod of their s_j, B), C order."""
    joint: np.ndarray | None = None
    for j, b in enumerate(beliefs):
        if j == i:
            continue
        joint = b if joint is None else (joint[:, None, :] * b[None, :, :]).reshape(-1, b.shape[1])
    if joint is None:  # a one-player game: the others' profile is empty
        return np.ones((1, beliefs[0].shape[1]))
    return joint


def strategy_values(mats: Sequence[np.ndarray], beliefs: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Per player, the (s_i, B) expected payoffs of its pure strategies against the others' *beliefs*."""
    return [m @ others_joint(beliefs, i) for i, m in enumerate(mats)]


def first_true(mask: np.ndarray) -> np.ndarray:
    """Per column of the (s, B) boolean *mask*, the lowest row index that is true (0 if none)."""
    s = mask.shape[0]
    if s > _LOOP_MAX:
        out: np.ndarray = np.argmax(mask, axis=0)
        return out
    a = np.zeros(mask.shape[1], dtype=np.intp)
    for k in range(s - 1, 0, -1):
        a[mask[k]] = k
    a[mask[0]] = 0
    return a


def payoff_ranges(game: NormalFormGame) -> np.ndarray:
    """Per player, max minus min of its payoffs (1 where they are all equal)."""
    u = game.payoffs.reshape(game.n_players, -1)
    r = u.max(axis=1) - u.min(axis=1)
    out: np.ndarray = np.where(r > 0, r, 1.0)
    return out


def column_cumsum(x: np.ndarray) -> np.ndarray:
    """The cumulative sums down the leading axis of the (s, B) array *x* (row by row when s is small)."""
    if x.shape[0] > _LOOP_MAX:
        out: np.ndarray = np.cumsum(x, axis=0)
        return out
    cum = x.copy()
    for k in range(1, x.shape[0]):
        cum[k] += cum[k - 1]
    return cum
