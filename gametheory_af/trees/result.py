"""Equilibria of game trees in behaviour strategies, each with its certificate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .._tolerance import payoff_ranges, relative_regrets
from .._validation import _short, check_bool, check_int
from ..exceptions import GameError
from ..result import EquilibriaMixin, ResultMixin, json_value
from .game import ExtensiveFormGame
from .profiles import as_behavior, as_exact_behavior, check_tree, flatten_behavior, reach_flat, regrets_flat

__all__ = ["BehaviorEquilibrium", "TreeEquilibriumResult", "make_behavior_equilibrium"]

SUPPORT_TOL = 1e-12


@dataclass(frozen=True, eq=False)
class BehaviorEquilibrium(ResultMixin):
    """One equilibrium of a game tree in behaviour strategies, with its certificate.

    Parameters
    ----------
    behavior, payoffs, max_regret, relative_regret, exact : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    behavior : tuple of numpy.ndarray
        One read-only probability vector per information set (the game's order).
    payoffs : numpy.ndarray of shape (n_players,)
        Each player's expected payoff.
    max_regret : float
        The largest gain any player could make by changing her whole strategy
        (computed in the tree), in payoff units: the Nash certificate.
    relative_regret : float
        Each player's regret divided by her payoff range, the largest of them.
    exact : tuple of tuple of Fraction or None
        The behaviour in rationals when a solver ran in exact mode (its exact
        regret is then zero), else ``None``.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.result import make_behavior_equilibrium
    >>> eq = make_behavior_equilibrium(gt.catalog.entry_deterrence(), ["In", "Accommodate"])
    >>> eq.is_pure, eq.max_regret, eq.describe(gt.catalog.entry_deterrence())
    (True, 0.0, 'Entrant: In; Incumbent: Accommodate')
    """

    behavior: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    max_regret: float
    relative_regret: float = float("nan")
    exact: tuple[tuple[Fraction, ...], ...] | None = None

    @property
    def is_pure(self) -> bool:
        """True when every information set has a single action played."""
        return all(int((b > SUPPORT_TOL).sum()) == 1 for b in self.behavior)

    @property
    def pure_actions(self) -> tuple[int, ...] | None:
        """The action index at each information set of a pure equilibrium, else ``None``."""
        if not self.is_pure:
            return None
        return tuple(int(np.argmax(b)) for b in self.behavior)

    def describe(self, game: ExtensiveFormGame, *, digits: int = 4) -> str:
        """Who does what at each information set, in words.

        Parameters
        ----------
        game : ExtensiveFormGame
            The game whose names to use.
        digits : int, default 4
            Significant digits of mixed probabilities.

        Returns
        -------
        str
            One ``player: action`` clause per information set (a player with
            several information sets has each named by its label, or by the
            moves that lead to it).

        Raises
        ------
        TypeError
            For a *game* that is not an ExtensiveFormGame.
        GameError
            For a game whose information sets do not match.
        """
        _check_game_for(self, game, "BehaviorEquilibrium.describe")
        digits = check_int(digits, "digits", "BehaviorEquilibrium.describe", minimum=1, maximum=17)
        counts = np.bincount(game.infoset_players, minlength=game.n_players)
        parts = []
        for h, b in enumerate(self.behavior):
            i = int(game.infoset_players[h])
            who = game.players[i]
            if counts[i] > 1:
                label = game.infoset_labels[h]
                if label:
                    who += f" [{label}]"
                else:
                    path = game.path(int(game.infoset_nodes(h)[0]))
                    who += f" after {'/'.join(path)}" if path else " at the root"
            acts = game.infoset_actions[h]
            sup = np.flatnonzero(b > SUPPORT_TOL)
            if sup.size == 1:
                parts.append(f"{who}: {acts[int(sup[0])]}")
            else:
                mix = ", ".join(f"{acts[j]} {b[j]:.{digits}g}" for j in sup.tolist())
                parts.append(f"{who}: mix({mix})")
        return "; ".join(parts)

    def to_dict(self, game: ExtensiveFormGame | None = None) -> dict[str, Any]:
        """A JSON-ready dict of the equilibrium (NaN regrets as ``None``; exact values as strings).

        Parameters
        ----------
        game : ExtensiveFormGame, optional
            The game whose names to use for a ``description``.

        Returns
        -------
        dict
        """
        data: dict[str, Any] = {
            "behavior": [b.tolist() for b in self.behavior],
            "payoffs": self.payoffs.tolist(),
            "max_regret": json_value(self.max_regret),
            "relative_regret": json_value(self.relative_regret),
            "is_pure": self.is_pure,
        }
        if self.exact is not None:
            data["exact"] = json_value(self.exact)
        if game is not None:
            data["description"] = self.describe(game)
        return data

    def __repr__(self) -> str:
        beh = ", ".join(np.array2string(b, precision=4, separator=", ") for b in self.behavior)
        return (
            f"BehaviorEquilibrium(behavior=({beh}), payoffs={np.array2string(self.payoffs, precision=4, separator=', ')}, "
            f"max_regret={self.max_regret:.2e})"
        )


def _check_game_for(eq: BehaviorEquilibrium, game: Any, caller: str) -> None:
    if not isinstance(game, ExtensiveFormGame):
        raise TypeError(f"{caller}: game must be an ExtensiveFormGame; got {_short(game)} ({type(game).__name__}).")
    shape = tuple(len(b) for b in eq.behavior)
    if tuple(len(a) for a in game.infoset_actions) != shape:
        raise GameError(f"{caller}: the game's information sets do not match the equilibrium's behaviour (sizes {shape}).")


def make_behavior_equilibrium(game: ExtensiveFormGame, behavior: Any, *, exact: bool = False) -> BehaviorEquilibrium:
    """Build a :class:`BehaviorEquilibrium` with its payoffs and regret computed in the tree.

    Parameters
    ----------
    game : ExtensiveFormGame
        A game with perfect recall.
    behavior : behaviour profile
        See :mod:`gametheory_af.trees.profiles`.
    exact : bool, default False
        Treat *behavior* as exact rationals and compute payoffs and regrets exactly.

    Returns
    -------
    BehaviorEquilibrium
        Whether it is an equilibrium is recorded in ``max_regret``; callers
        check it against their tolerance.

    Raises
    ------
    GameError
        For a profile that does not fit, or a game without perfect recall.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.result import make_behavior_equilibrium
    >>> make_behavior_equilibrium(gt.catalog.entry_deterrence(), ["In", "Fight"]).max_regret
    2.0
    """
    caller = "make_behavior_equilibrium"
    check_tree(game, caller)
    exact = check_bool(exact, "exact", caller)
    game.require_perfect_recall(caller)
    span = payoff_ranges(game.terminal_payoffs.T)
    exact_t = None
    if exact:
        b_ex = as_exact_behavior(game, behavior, caller)
        flat = flatten_behavior(b_ex)
        reg = regrets_flat(game, flat, True)
        reach = reach_flat(game, flat, None, True)
        pay = reach[game.terminals] @ game.exact_terminal_payoffs()
        payoffs = np.array([float(x) for x in pay.tolist()], dtype=np.float64)
        reg_f = np.array([float(x) for x in reg.tolist()], dtype=np.float64)
        exact_t = tuple(tuple(v.tolist()) for v in b_ex)
        beh = tuple(np.array([float(x) for x in v.tolist()], dtype=np.float64) for v in b_ex)
    else:
        beh = as_behavior(game, behavior, caller)
        flat = flatten_behavior(beh)
        reg_f = regrets_flat(game, flat, False)
        reach = reach_flat(game, flat, None, False)
        payoffs = np.asarray(reach[game.terminals] @ game.terminal_payoffs, dtype=np.float64)
    for v in beh:
        v.setflags(write=False)
    payoffs.setflags(write=False)
    return BehaviorEquilibrium(
        behavior=tuple(beh),
        payoffs=payoffs,
        max_regret=float(reg_f.max()) if reg_f.size else 0.0,
        relative_regret=float(relative_regrets(reg_f, span).max()) if reg_f.size else 0.0,
        exact=exact_t,
    )


@dataclass(frozen=True, eq=False)
class TreeEquilibriumResult(EquilibriaMixin[BehaviorEquilibrium]):
    """What a tree solver found, how, and what it guarantees.

    Parameters
    ----------
    equilibria, method, complete, parameters, converged, n_iter, game : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    equilibria : tuple of BehaviorEquilibrium
    method : str
        The algorithm, e.g. ``"backward_induction"``.
    complete : bool
        True when every equilibrium of the kind the method looks for was found.
    parameters : mapping
        The options the solver ran with (read-only).
    converged : bool
        False when an iterative method stopped early.
    n_iter : int or None
        Iterations or pivots, where meaningful.
    game : ExtensiveFormGame or None
        The game that was solved.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.result import TreeEquilibriumResult, make_behavior_equilibrium
    >>> g = gt.catalog.entry_deterrence()
    >>> res = TreeEquilibriumResult((make_behavior_equilibrium(g, ["In", "Accommodate"]),), "by hand", False, game=g)
    >>> res.describe(), res.max_regret
    (['Entrant: In; Incumbent: Accommodate'], 0.0)
    """

    equilibria: tuple[BehaviorEquilibrium, ...]
    method: str
    complete: bool
    parameters: Mapping[str, Any] = field(default_factory=dict)
    converged: bool = True
    n_iter: int | None = None
    game: ExtensiveFormGame | None = None

    def __post_init__(self) -> None:
        self.check_fields(BehaviorEquilibrium, ExtensiveFormGame, _check_game_for)

    def describe(self, game: ExtensiveFormGame | None = None, *, digits: int = 4) -> list[str]:
        """Each equilibrium in words (:meth:`BehaviorEquilibrium.describe`).

        Parameters
        ----------
        game : ExtensiveFormGame, optional
            Default the stored :attr:`game`.
        digits : int, default 4
            Significant digits of mixed probabilities.

        Returns
        -------
        list of str

        Raises
        ------
        GameError
            When no game is stored and none is given.
        """
        g = self.game if game is None else game
        if g is None:
            raise GameError("TreeEquilibriumResult.describe: the result stores no game; pass game=.")
        return [e.describe(g, digits=digits) for e in self.equilibria]

    def to_dict(self, game: ExtensiveFormGame | None = None) -> dict[str, Any]:
        """A JSON-ready dict of the result (``json.dumps(..., allow_nan=False)`` accepts it).

        Parameters
        ----------
        game : ExtensiveFormGame, optional
            Default the stored :attr:`game`.

        Returns
        -------
        dict
        """
        game = self.game if game is None else game
        return {
            "method": self.method,
            "complete": self.complete,
            "converged": self.converged,
            "n_iter": self.n_iter,
            "parameters": {k: json_value(v) for k, v in self.parameters.items()},
            "max_regret": json_value(self.max_regret),
            "relative_regret": json_value(self.relative_regret),
            "equilibria": [e.to_dict(game) for e in self.equilibria],
        }

    def __repr__(self) -> str:
        return (
            f"TreeEquilibriumResult(method={self.method!r}, n_equilibria={len(self.equilibria)}, "
            f"complete={self.complete}, converged={self.converged}, max_regret={self.max_regret:.2e})"
        )
