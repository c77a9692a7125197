"""Names of the Afghan scenario's outcomes, for every figure legend and table.

A pure profile of the four-player game is four strategies (government,
Taliban, Pakistan, United States). An analyst does not read
``('share power', 'negotiate', 'press', 'calendar-based')``: she reads
"power sharing under a calendar-based withdrawal". This module gives each of
the 16 profiles its name at three levels of detail
(:func:`~gametheory_af.scenarios.afghanistan.outcome_name`), a compact legend label that tells all 16 apart
(:func:`profile_label`), the label of a set of equilibria
(:func:`set_label`), and the binding incentive of a threshold in words
(:func:`binding_name`).

The wars are told apart by who fights (see the payoffs in
:mod:`gametheory_af.scenarios.afghanistan`): both sides fighting is the *war
now*, before the withdrawal; a government attacking a negotiating Taliban is
the government's surprise attack; a Taliban offensive against a government
that has begun to share power is the strike the Taliban time for after the
US exit (Powell's commitment problem). A deal that Pakistan does not
underwrite (it keeps sheltering the Taliban) may collapse, so it is named
apart from the guaranteed one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ..._validation import _short
from ...exceptions import GameError
from .payoffs import CALENDAR, FIGHT, NEGOTIATE, OFFENSIVE, PLAYERS, PRESS, SHARE, STRATEGIES

__all__ = ["outcome_name", "profile_label", "set_label", "binding_name", "DETAILS"]

#: The levels of detail of :func:`~gametheory_af.scenarios.afghanistan.outcome_name`.
DETAILS: tuple[str, ...] = ("outcome", "kind", "full")

# aliases accepted for the US strategy, as the ``withdrawal=`` arguments of the model take them
_US_ALIASES = {"calendar": CALENDAR, "conditions": 1 - CALENDAR}


def _profile(profile: Any, caller: str) -> tuple[int, int, int, int]:
    """Four strategy indices from indices or names (one per player, in player order)."""
    if isinstance(profile, (str, bytes)) or not isinstance(profile, (Sequence, np.ndarray)):
        raise TypeError(
            f"{caller}: profile must be a sequence of 4 strategies (government, Taliban, Pakistan, United States); "
            f"got {_short(profile)} ({type(profile).__name__})."
        )
    items = list(profile)
    if len(items) != len(PLAYERS):
        raise GameError(
            f"{caller}: profile must hold 4 strategies (government, Taliban, Pakistan, United States); "
            f"got {len(items)} in {_short(profile)}."
        )
    out: list[int] = []
    for k, s in enumerate(items):
        names = STRATEGIES[k]
        if isinstance(s, str):
            key = s.strip().lower()
            if key in names:
                out.append(names.index(key))
                continue
            if k == len(PLAYERS) - 1 and key in _US_ALIASES:
                out.append(_US_ALIASES[key])
                continue
            raise GameError(
                f"{caller}: profile[{k}] must be a strategy of {PLAYERS[k]} {names!r} or its index; got {s!r}."
            )
        if isinstance(s, (int, np.integer)) and not isinstance(s, (bool, np.bool_)) and 0 <= int(s) < len(names):
            out.append(int(s))
            continue
        raise GameError(f"{caller}: profile[{k}] must be a strategy of {PLAYERS[k]} {names!r} or its index; got {s!r}.")
    return out[0], out[1], out[2], out[3]


def _withdrawal(us: int) -> str:
    return f"a {STRATEGIES[3][us]} withdrawal"


def outcome_name(profile: Sequence[Any], *, detail: str = "outcome") -> str:
    """The name of the outcome of a pure profile of the four-player game.

    Parameters
    ----------
    profile : sequence of 4 int or str
        One strategy per player (government, Taliban, Pakistan, United
        States), as an index (0 or 1) or its name (``"share power"``,
        ``"offensive"``, ...; the US strategy also as ``"calendar"`` or
        ``"conditions"``).
    detail : {"outcome", "kind", "full"}, default "outcome"
        ``"outcome"``: ``"war"`` or ``"power sharing under a calendar-based
        withdrawal"`` (or conditions-based): what the op-ed asks about.
        ``"kind"``: which war (the war now, the government's surprise attack,
        the Taliban's strike against a government sharing power) and whether
        Pakistan guarantees the deal. ``"full"``: also Pakistan's strategy and
        the withdrawal, so that the 16 profiles have 16 different names.

    Returns
    -------
    str

    Raises
    ------
    GameError
        For a profile of the wrong length, an unknown strategy or an index
        out of range, or an unknown *detail*.
    TypeError
        For a profile that is not a sequence.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.names import outcome_name
    >>> outcome_name(("share power", "negotiate", "press", "calendar-based"))
    'power sharing under a calendar-based withdrawal'
    >>> outcome_name((0, 1, 0, 1))
    'war'
    >>> outcome_name((0, 1, 0, 1), detail="kind")
    'war (the Taliban strike a government sharing power)'
    >>> outcome_name((1, 1, 1, 0), detail="full")
    'war now (both sides fight) under a conditions-based withdrawal, Pakistan sheltering the Taliban'
    """
    caller = "outcome_name"
    gov, tal, pak, us = _profile(profile, caller)
    if not isinstance(detail, str) or detail not in DETAILS:
        raise GameError(f"{caller}: detail must be one of {DETAILS!r}; got {_short(detail)}.")
    deal = gov == SHARE and tal == NEGOTIATE
    if detail == "outcome":
        return f"power sharing under {_withdrawal(us)}" if deal else "war"
    if deal:
        name = f"power sharing under {_withdrawal(us)}"
        if pak == PRESS:
            return name if detail == "kind" else f"{name}, Pakistan pressing the Taliban"
        tail = "not guaranteed by Pakistan" if detail == "kind" else "Pakistan sheltering the Taliban (no guarantee)"
        return f"{name}, {tail}"
    if gov == FIGHT and tal == OFFENSIVE:
        kind = "war now (both sides fight)"
    elif gov == FIGHT:
        kind = "war (the government strikes a negotiating Taliban)"
    else:
        kind = "war (the Taliban strike a government sharing power)"
    if detail == "kind":
        return kind
    return f"{kind} under {_withdrawal(us)}, Pakistan {'pressing' if pak == PRESS else 'sheltering'} the Taliban"


_SHORT_KIND = {
    (SHARE, NEGOTIATE): "power sharing",
    (FIGHT, OFFENSIVE): "war now",
    (FIGHT, NEGOTIATE): "war (government strikes first)",
    (SHARE, OFFENSIVE): "war (Taliban strike a power-sharing government)",
}


def profile_label(profile: Sequence[Any]) -> str:
    """A compact label of a pure profile for figure legends: distinct for each of the 16 profiles.

    Parameters
    ----------
    profile : sequence of 4 int or str
        As in :func:`~gametheory_af.scenarios.afghanistan.outcome_name`.

    Returns
    -------
    str
        The outcome, then Pakistan's strategy, then the withdrawal.

    Raises
    ------
    GameError, TypeError
        As :func:`~gametheory_af.scenarios.afghanistan.outcome_name`.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.names import profile_label
    >>> profile_label(("share power", "negotiate", "press", "calendar-based"))
    'power sharing, Pakistan presses, calendar-based withdrawal'
    >>> profile_label((1, 1, 1, 1))
    'war now, Pakistan shelters, calendar-based withdrawal'
    """
    gov, tal, pak, us = _profile(profile, "profile_label")
    presses = "Pakistan presses" if pak == PRESS else "Pakistan shelters"
    if (gov, tal) == (SHARE, NEGOTIATE) and pak != PRESS:
        presses += " (no guarantee)"
    return f"{_SHORT_KIND[(gov, tal)]}, {presses}, {STRATEGIES[3][us]} withdrawal"


def set_label(profiles: Iterable[Sequence[Any]], *, sep: str = "; ", empty: str = "no pure equilibrium") -> str:
    """The label of a set of pure equilibria: the profiles' labels joined by *sep*.

    Parameters
    ----------
    profiles : iterable of profiles
        Each as in :func:`~gametheory_af.scenarios.afghanistan.outcome_name`.
    sep : str, default "; "
        Put between two labels (``"\\n"`` gives one line each in a legend).
    empty : str, default "no pure equilibrium"
        The label of the empty set.

    Returns
    -------
    str

    Raises
    ------
    GameError, TypeError
        As :func:`~gametheory_af.scenarios.afghanistan.outcome_name`; TypeError also when *sep* or *empty* is not a str.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.names import set_label
    >>> set_label([(0, 0, 0, 1), (1, 1, 1, 1)], sep=" | ")
    'power sharing, Pakistan presses, calendar-based withdrawal | war now, Pakistan shelters, calendar-based withdrawal'
    >>> set_label([])
    'no pure equilibrium'
    """
    for name, value in (("sep", sep), ("empty", empty)):
        if not isinstance(value, str):
            raise TypeError(f"set_label: {name} must be a str; got {_short(value)} ({type(value).__name__}).")
    if isinstance(profiles, (str, bytes)):
        raise TypeError(f"set_label: profiles must be an iterable of profiles; got {_short(profiles)}.")
    labels = [profile_label(p) for p in profiles]
    return sep.join(labels) if labels else empty


_WOULD_RATHER: tuple[tuple[str, ...], ...] = (
    ("the government would rather share power", "the government would rather fight"),
    ("the Taliban would rather negotiate", "the Taliban would rather launch an offensive"),
    ("Pakistan would rather press the Taliban", "Pakistan would rather keep sheltering the Taliban"),
    (
        "the United States would rather make its withdrawal conditions-based",
        "the United States would rather withdraw on its calendar",
    ),
)


def binding_name(binding: str) -> str:
    """The binding incentive of a threshold (``"Taliban -> offensive"``) in words.

    Parameters
    ----------
    binding : str
        ``"<player> -> <strategy>"``, as in ``LeverageThreshold.binding``:
        the deviation that stops being profitable at the threshold.

    Returns
    -------
    str

    Raises
    ------
    GameError
        For a text that is not ``"<player> -> <strategy>"`` with a player and
        one of its strategies.
    TypeError
        For a *binding* that is not a str.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.names import binding_name
    >>> binding_name("Taliban -> offensive")
    'the Taliban would rather launch an offensive'
    >>> binding_name("Afghan government -> fight")
    'the government would rather fight'
    """
    caller = "binding_name"
    if not isinstance(binding, str):
        raise TypeError(f"{caller}: binding must be a str; got {_short(binding)} ({type(binding).__name__}).")
    player, sep, strategy = binding.partition("->")
    player, strategy = player.strip(), strategy.strip()
    if sep and player in PLAYERS:
        i = PLAYERS.index(player)
        if strategy in STRATEGIES[i]:
            return _WOULD_RATHER[i][STRATEGIES[i].index(strategy)]
    raise GameError(
        f"{caller}: binding must be '<player> -> <strategy>' with a player of {PLAYERS!r} and one of its "
        f"strategies; got {binding!r}."
    )
