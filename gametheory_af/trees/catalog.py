"""Textbook game trees with their answers from the literature.

Each function returns an :class:`~gametheory_af.ExtensiveFormGame` with exact
payoffs; they are also available from :mod:`gametheory_af.catalog`.

Examples
--------
>>> import gametheory_af as gt
>>> gt.catalog.entry_deterrence().players
('Entrant', 'Incumbent')
"""

from __future__ import annotations

from .game import Decision, ExtensiveFormGame

__all__ = ["entry_deterrence", "matching_pennies_tree"]


def entry_deterrence() -> ExtensiveFormGame:
    """Selten's one-shot entry game: a threat to fight that is not credible.

    The entrant stays out (0, 2) or enters; the incumbent then fights
    (-1, -1) or accommodates (1, 1). The unique subgame-perfect equilibrium is
    (In, Accommodate); (Out, Fight) is a Nash equilibrium resting on an
    incredible threat.

    Returns
    -------
    ExtensiveFormGame

    References
    ----------
    Selten, R. (1978). The chain store paradox. Theory and Decision 9, 127-159.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.catalog.entry_deterrence().n_terminals
    3
    """
    return ExtensiveFormGame(
        Decision("Entrant", {"Out": (0, 2), "In": Decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (1, 1)})}),
        title="Entry deterrence",
    )


def matching_pennies_tree() -> ExtensiveFormGame:
    """Matching pennies as a tree: player 2 moves without seeing player 1's coin.

    Returns
    -------
    ExtensiveFormGame
        Two information sets, ``h1`` and ``h2``; the unique equilibrium mixes 1/2-1/2.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.catalog.matching_pennies_tree().is_perfect_information
    False
    """
    def p2(a: int, b: int) -> Decision:
        return Decision("Player 2", {"H": (a, b), "T": (b, a)}, infoset="h2")

    return ExtensiveFormGame(
        Decision("Player 1", {"H": p2(1, -1), "T": p2(-1, 1)}, infoset="h1"),
        title="Matching pennies (tree)",
    )
