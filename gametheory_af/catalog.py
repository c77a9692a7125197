"""Textbook games with their known Nash equilibria, for tests, docs and examples.

Each game is available as a function returning a :class:`~gametheory_af.NormalFormGame`
(``catalog.prisoners_dilemma()``), and as a :class:`CatalogEntry` that also
carries every Nash equilibrium of the game in exact arithmetic
(``catalog.get("prisoners_dilemma").equilibria``).

Examples
--------
>>> import gametheory_af as gt
>>> sorted(gt.catalog.names())[:3]
['battle_of_the_sexes', 'chicken', 'jordan_game']
>>> gt.catalog.get("chicken").equilibria[2]
((Fraction(9, 10), Fraction(1, 10)), (Fraction(9, 10), Fraction(1, 10)))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction as F
from typing import TYPE_CHECKING, Any

from .exceptions import GameError
from .game import NormalFormGame

if TYPE_CHECKING:
    from .trees.catalog import (
        TreeCatalogEntry,
        beer_quiche,
        centipede,
        chain_store,
        entry_deterrence,
        get_tree,
        kuhn_poker,
        leduc_poker,
        matching_pennies_tree,
        seltens_horse,
        stackelberg,
        tree_entries,
        tree_names,
        ultimatum,
    )

#: The game trees of :mod:`gametheory_af.trees.catalog`, re-exported here on first use
#: (PEP 562): importing the trees costs more than the normal-form games need.
_TREE_NAMES = frozenset(
    {
        "TreeCatalogEntry",
        "beer_quiche",
        "centipede",
        "chain_store",
        "entry_deterrence",
        "get_tree",
        "kuhn_poker",
        "leduc_poker",
        "matching_pennies_tree",
        "seltens_horse",
        "stackelberg",
        "tree_entries",
        "tree_names",
        "ultimatum",
    }
)


def __getattr__(name: str) -> Any:
    """Import a game tree of :mod:`gametheory_af.trees.catalog` on first use (PEP 562)."""
    if name in _TREE_NAMES:
        from .trees import catalog as trees_catalog

        value = getattr(trees_catalog, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The module's names, the game trees included before their first use."""
    return sorted(set(globals()) | _TREE_NAMES)


__all__ = [
    "CatalogEntry",
    "get",
    "names",
    "entries",
    "prisoners_dilemma",
    "battle_of_the_sexes",
    "matching_pennies",
    "rock_paper_scissors",
    "chicken",
    "stag_hunt",
    "volunteers_dilemma",
    "jordan_game",
    # game trees (gametheory_af.trees.catalog)
    "entry_deterrence",
    "matching_pennies_tree",
    "kuhn_poker",
    "leduc_poker",
    "chain_store",
    "centipede",
    "ultimatum",
    "stackelberg",
    "seltens_horse",
    "beer_quiche",
    "TreeCatalogEntry",
    "tree_names",
    "get_tree",
    "tree_entries",
]

ExactProfile = tuple[tuple[F, ...], ...]


@dataclass(frozen=True)
class CatalogEntry:
    """A catalog game with its complete set of Nash equilibria.

    Parameters
    ----------
    name, game, equilibria, source : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    name : str
        Identifier, as accepted by :func:`get`.
    game : NormalFormGame
    equilibria : tuple of exact profiles
        Every Nash equilibrium (all games here have finitely many), each a
        tuple of per-player tuples of :class:`~fractions.Fraction`.
    source : str
        Where the game and its equilibria are described.
    """

    name: str
    game: NormalFormGame
    equilibria: tuple[ExactProfile, ...]
    source: str


def _pure(shape: tuple[int, ...], *idx: int) -> ExactProfile:
    return tuple(tuple(F(int(j == a)) for j in range(s)) for s, a in zip(shape, idx))


def prisoners_dilemma() -> NormalFormGame:
    """The prisoner's dilemma: (Defect, Defect) is the unique equilibrium.

    Returns
    -------
    NormalFormGame
        The two-player game.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> print(gt.catalog.prisoners_dilemma())
    Row \\ Column  Cooperate  Defect
    Cooperate          3, 3    0, 5
    Defect             5, 0    1, 1
    """
    return NormalFormGame.from_bimatrix(
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        players=["Row", "Column"],
        strategies=[["Cooperate", "Defect"], ["Cooperate", "Defect"]],
    )


def battle_of_the_sexes() -> NormalFormGame:
    """Battle of the sexes: two pure equilibria and one mixed, ((3/5, 2/5), (2/5, 3/5)).

    Returns
    -------
    NormalFormGame
        The two-player game.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.catalog.battle_of_the_sexes().strategies[0]
    ('Opera', 'Football')
    """
    return NormalFormGame.from_bimatrix(
        [[3, 0], [0, 2]],
        [[2, 0], [0, 3]],
        players=["Row", "Column"],
        strategies=[["Opera", "Football"], ["Opera", "Football"]],
    )


def matching_pennies() -> NormalFormGame:
    """Matching pennies: zero-sum, the unique equilibrium is uniform mixing.

    Returns
    -------
    NormalFormGame
        The two-player game.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.catalog.matching_pennies().is_zero_sum
    True
    """
    return NormalFormGame.from_zero_sum(
        [[1, -1], [-1, 1]],
        players=["Matcher", "Mismatcher"],
        strategies=[["Heads", "Tails"], ["Heads", "Tails"]],
    )


def rock_paper_scissors() -> NormalFormGame:
    """Rock-paper-scissors: zero-sum, the unique equilibrium is uniform mixing.

    Returns
    -------
    NormalFormGame
        The two-player game.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.catalog.rock_paper_scissors().shape
    (3, 3)
    """
    names = ["Rock", "Paper", "Scissors"]
    return NormalFormGame.from_zero_sum(
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], players=["Row", "Column"], strategies=[names, names]
    )


def chicken() -> NormalFormGame:
    """Chicken (hawk-dove): two asymmetric pure equilibria and a symmetric mixed one.

    Returns
    -------
    NormalFormGame
        The two-player game.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> len(gt.catalog.get("chicken").equilibria)
    3
    """
    return NormalFormGame.from_bimatrix(
        [[0, -1], [1, -10]],
        [[0, 1], [-1, -10]],
        players=["Row", "Column"],
        strategies=[["Swerve", "Straight"], ["Swerve", "Straight"]],
    )


def stag_hunt() -> NormalFormGame:
    """Stag hunt: payoff-dominant (Stag, Stag), risk-dominant (Hare, Hare), and a mixed one.

    Returns
    -------
    NormalFormGame
        The two-player game.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.catalog.stag_hunt().is_symmetric
    True
    """
    return NormalFormGame.from_bimatrix(
        [[4, 0], [3, 3]],
        [[4, 3], [0, 3]],
        players=["Row", "Column"],
        strategies=[["Stag", "Hare"], ["Stag", "Hare"]],
    )


def volunteers_dilemma() -> NormalFormGame:
    """Three-player volunteer's dilemma (benefit 4, cost 1): seven equilibria.

    Everyone gets 4 if at least one player volunteers, less 1 for a
    volunteer; nobody gets anything if nobody volunteers. The equilibria: each
    of the three profiles with exactly one volunteer; for each player, the
    profile in which that player abstains and the other two abstain with
    probability 1/4; and the symmetric one in which all abstain with
    probability 1/2 (Diekmann 1985).

    Returns
    -------
    NormalFormGame
        The three-player game.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.catalog.volunteers_dilemma().shape
    (2, 2, 2)
    """
    import itertools

    import numpy as np

    u = np.zeros((3, 2, 2, 2), dtype=object)
    for prof in itertools.product(range(2), repeat=3):
        someone = any(a == 0 for a in prof)
        for i in range(3):
            u[(i, *prof)] = (4 if someone else 0) - (1 if prof[i] == 0 else 0)
    names = ["Volunteer", "Abstain"]
    return NormalFormGame(
        [[[[int(x) for x in row] for row in mat] for mat in u[i]] for i in range(3)],
        players=["A", "B", "C"],
        strategies=[names, names, names],
    )


def jordan_game() -> NormalFormGame:
    """Jordan's three-player matching pennies: unique equilibrium, everyone mixes 1/2-1/2.

    Player A wants to match B, B wants to match C, and C wants to mismatch A
    (Jordan 1993); fictitious play cycles on it.

    Returns
    -------
    NormalFormGame
        The three-player game.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.catalog.jordan_game().n_players
    3
    """
    import itertools

    u = [[[[0, 0], [0, 0]], [[0, 0], [0, 0]]] for _ in range(3)]
    for a, b, c in itertools.product(range(2), repeat=3):
        u[0][a][b][c] = 1 if a == b else -1
        u[1][a][b][c] = 1 if b == c else -1
        u[2][a][b][c] = 1 if c != a else -1
    names = ["Heads", "Tails"]
    return NormalFormGame(u, players=["A", "B", "C"], strategies=[names, names, names])


_HALF = (F(1, 2), F(1, 2))

_ENTRIES: dict[str, tuple[Callable[[], NormalFormGame], tuple[ExactProfile, ...], str]] = {
    "prisoners_dilemma": (
        prisoners_dilemma,
        (_pure((2, 2), 1, 1),),
        "Tucker (1950); Osborne & Rubinstein (1994), A Course in Game Theory, Example 16.2.",
    ),
    "battle_of_the_sexes": (
        battle_of_the_sexes,
        (_pure((2, 2), 0, 0), _pure((2, 2), 1, 1), ((F(3, 5), F(2, 5)), (F(2, 5), F(3, 5)))),
        "Luce & Raiffa (1957), Games and Decisions, sec. 5.3.",
    ),
    "matching_pennies": (
        matching_pennies,
        ((_HALF, _HALF),),
        "von Neumann & Morgenstern (1944); Osborne & Rubinstein (1994), Example 17.1.",
    ),
    "rock_paper_scissors": (
        rock_paper_scissors,
        (((F(1, 3),) * 3, (F(1, 3),) * 3),),
        "Osborne (2004), An Introduction to Game Theory, Exercise 125.2.",
    ),
    "chicken": (
        chicken,
        (_pure((2, 2), 0, 1), _pure((2, 2), 1, 0), ((F(9, 10), F(1, 10)), (F(9, 10), F(1, 10)))),
        "Rapoport & Chammah (1966), The game of chicken. American Behavioral Scientist 10(3).",
    ),
    "stag_hunt": (
        stag_hunt,
        (_pure((2, 2), 0, 0), _pure((2, 2), 1, 1), ((F(3, 4), F(1, 4)), (F(3, 4), F(1, 4)))),
        "Skyrms (2004), The Stag Hunt and the Evolution of Social Structure.",
    ),
    "volunteers_dilemma": (
        volunteers_dilemma,
        (
            _pure((2, 2, 2), 0, 1, 1),
            _pure((2, 2, 2), 1, 0, 1),
            _pure((2, 2, 2), 1, 1, 0),
            ((F(0), F(1)), (F(3, 4), F(1, 4)), (F(3, 4), F(1, 4))),
            ((F(3, 4), F(1, 4)), (F(0), F(1)), (F(3, 4), F(1, 4))),
            ((F(3, 4), F(1, 4)), (F(3, 4), F(1, 4)), (F(0), F(1))),
            (_HALF, _HALF, _HALF),
        ),
        "Diekmann (1985), Volunteer's dilemma. Journal of Conflict Resolution 29(4), 605-610.",
    ),
    "jordan_game": (
        jordan_game,
        ((_HALF, _HALF, _HALF),),
        "Jordan (1993), Three problems in learning mixed-strategy Nash equilibria. GEB 5, 368-386.",
    ),
}


def names() -> tuple[str, ...]:
    """Names of the catalog games.

    Returns
    -------
    tuple of str
        The names :func:`get` accepts, in catalog order.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> "stag_hunt" in gt.catalog.names()
    True
    """
    return tuple(_ENTRIES)


def get(name: str) -> CatalogEntry:
    """The catalog entry called *name*, with its game and known equilibria.

    Parameters
    ----------
    name : str
        One of :func:`names`.

    Returns
    -------
    CatalogEntry
        The game, its known equilibria and their source.

    Raises
    ------
    GameError
        For an unknown name.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> len(gt.catalog.get("volunteers_dilemma").equilibria)
    7
    """
    try:
        factory, eqs, source = _ENTRIES[name]
    except KeyError:
        raise GameError(f"catalog.get: unknown game {name!r}; known games are {sorted(_ENTRIES)}.") from None
    return CatalogEntry(name=name, game=factory(), equilibria=eqs, source=source)


def entries() -> tuple[CatalogEntry, ...]:
    """Every catalog entry.

    Returns
    -------
    tuple of CatalogEntry
        One entry per name of :func:`names`, in the same order.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> len(gt.catalog.entries()) == len(gt.catalog.names())
    True
    """
    return tuple(get(n) for n in _ENTRIES)
