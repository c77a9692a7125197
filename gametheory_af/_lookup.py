"""Player and strategy lookup by index or name, shared by the game classes.

:class:`~gametheory_af.NormalFormGame` and :class:`~gametheory_af.ParametricGame`
both accept a player or a strategy as an index or a name; both resolve it here,
so the two raise the same errors for the same bad input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ._validation import _short
from .exceptions import GameError


def player_index(players: Sequence[str], player: Any, caller: str | None, name: str = "player") -> int:
    """The index of *player* (an index, negative counting from the end, or a name) in *players*.

    Parameters
    ----------
    players : sequence of str
        The players' names.
    player : int or str
        The player to look up.
    caller : str or None
        Prefix of error messages (``"caller: ..."``); None for none.
    name : str, default "player"
        What to call *player* in error messages.

    Returns
    -------
    int
        The index, in ``0..len(players) - 1``.

    Raises
    ------
    TypeError
        For anything but an int (not a bool) or a str.
    GameError
        For an unknown name or an index out of range.
    """
    pre = f"{caller}: " if caller else ""
    n = len(players)
    if isinstance(player, str):
        try:
            return list(players).index(player)
        except ValueError:
            raise GameError(f"{pre}unknown {name} {_short(player)}; players are {players!r}.") from None
    if isinstance(player, (bool, np.bool_)) or not isinstance(player, (int, np.integer)):
        raise TypeError(f"{pre}{name} must be an int index or a player name; got {_short(player)} ({type(player).__name__}).")
    p = int(player)
    if not -n <= p < n:
        raise GameError(f"{pre}{name} index {p} out of range for {n} players.")
    return p % n


def strategy_index(
    players: Sequence[str],
    strategies: Sequence[Sequence[str]],
    i: int,
    strategy: Any,
    caller: str | None,
    name: str = "strategy",
) -> int:
    """The index of *strategy* (an index or a name) among player *i*'s strategies.

    Parameters
    ----------
    players : sequence of str
        The players' names (for error messages).
    strategies : sequence of sequences of str
        Each player's strategy names.
    i : int
        The player's index.
    strategy : int or str
        The strategy to look up.
    caller : str or None
        Prefix of error messages (``"caller: ..."``); None for none.
    name : str, default "strategy"
        What to call *strategy* in error messages.

    Returns
    -------
    int
        The index, in ``0..len(strategies[i]) - 1``.

    Raises
    ------
    TypeError
        For anything but an int (not a bool) or a str.
    GameError
        For an unknown name or an index out of range.
    """
    pre = f"{caller}: " if caller else ""
    names = strategies[i]
    if isinstance(strategy, str):
        try:
            return list(names).index(strategy)
        except ValueError:
            raise GameError(
                f"{pre}unknown {name} {_short(strategy)} for player {players[i]!r}; strategies are {names!r}."
            ) from None
    if isinstance(strategy, (bool, np.bool_)) or not isinstance(strategy, (int, np.integer)):
        raise TypeError(
            f"{pre}{name} must be an int index or a strategy name; got {_short(strategy)} ({type(strategy).__name__})."
        )
    s = int(strategy)
    if not 0 <= s < len(names):
        raise GameError(f"{pre}{name} index {s} out of range for player {players[i]!r} with {len(names)} strategies.")
    return s
