"""Exceptions and warnings raised by :mod:`gametheory_af`.

Every problem with user input raises :class:`GameError`, a subclass of
:class:`ValueError`, whose message names the argument and the offending value.
Numerical trouble that still lets a computation return (a degenerate game, a
solver that did not converge) is reported by a warning that subclasses
:class:`RuntimeWarning`.
"""

from __future__ import annotations

__all__ = [
    "DroppedEquilibriumWarning",
    "GameError",
    "GameWarning",
    "DegenerateGameWarning",
    "ConvergenceWarning",
]


class GameError(ValueError):
    """Invalid input to a game, a profile, a solver or a model.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> try:
    ...     gt.NormalFormGame([[1, 2], [3]])
    ... except gt.GameError as err:
    ...     print("rejected")
    rejected
    """


class GameWarning(RuntimeWarning):
    """Base class of the warnings issued by :mod:`gametheory_af`."""


class DegenerateGameWarning(GameWarning):
    """The game is degenerate, so a method's guarantees are weakened.

    For example, support enumeration is complete only for nondegenerate
    bimatrix games; on a degenerate game it still returns only equilibria, but
    may miss components of equilibria.
    """


class ConvergenceWarning(GameWarning):
    """An iterative method stopped before meeting its convergence criterion."""


class DroppedEquilibriumWarning(GameWarning):
    """An equilibrium of a normal form dropped because its behaviour profile's regret in the tree exceeds the tolerance."""
