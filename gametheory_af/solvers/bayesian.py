"""Bayesian Nash equilibria of Bayesian games, and a check of perfect Bayesian equilibrium in game trees.

:func:`bayes_nash` solves a :class:`~gametheory_af.trees.bayesian.BayesianGame`
through its Harsanyi transformation with the library's normal-form solvers and
reports every equilibrium type by type, with each type's interim payoff and
interim regret as the certificate. :func:`make_bayes_equilibrium` certifies a
profile given by hand.

:func:`is_perfect_bayesian` checks a behaviour profile and a system of beliefs
of an :class:`~gametheory_af.ExtensiveFormGame` (typically a signalling game
from :func:`~gametheory_af.trees.bayesian.signaling_game`) for weak perfect
Bayesian equilibrium: beliefs given by Bayes' rule on the path of play, and
sequential rationality at every information set given the beliefs.

References
----------
Harsanyi, J. C. (1967-68). Games with incomplete information played by
"Bayesian" players, parts I-III. *Management Science* 14.

Fudenberg, D. and Tirole, J. (1991). *Game Theory*, ch. 6 and 8. MIT Press.

Mas-Colell, A., Whinston, M. D. and Green, J. R. (1995). *Microeconomic
Theory*, sec. 9.C (weak perfect Bayesian equilibrium). Oxford UP.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .._limits import MAX_TIME_LIMIT
from .._validation import (
    _short,
    check_bool,
    check_choice,
    check_int,
    check_tol,
    is_rational_scalar,
    parse_number,
    to_fraction,
)
from ..exceptions import GameError
from ..result import EquilibriaMixin, ResultMixin, json_value
from ..trees.bayesian import BayesianGame
from ..trees.game import ExtensiveFormGame
from ..trees.profiles import as_behavior, as_exact_behavior, check_tree, flatten_behavior, infoset_offsets, reach_flat
from ..trees.profiles import beliefs as bayes_beliefs
from .dispatch import nash_equilibria

__all__ = [
    "BayesNashEquilibrium",
    "BayesNashResult",
    "bayes_nash",
    "make_bayes_equilibrium",
    "PBECheck",
    "is_perfect_bayesian",
]

#: Default tolerance of :func:`bayes_nash` on an equilibrium's relative interim regret.
BNE_TOL = 1e-8
#: Default tolerance of :func:`is_perfect_bayesian` (relative gains; belief differences).
PBE_TOL = 1e-9
_SIMPLEX_TOL = 1e-9


# ============================================================================ Bayesian Nash equilibria
@dataclass(frozen=True, eq=False)
class BayesNashEquilibrium(ResultMixin):
    """One Bayesian Nash equilibrium, type by type, with its interim certificate.

    Parameters
    ----------
    strategy, interim_payoffs, interim_regrets, payoffs, max_regret, relative_regret, exact, exact_interim_payoffs : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    strategy : tuple of tuple of numpy.ndarray
        ``strategy[i][k]``: player ``i``'s mixed action (a read-only float64
        probability vector over her actions) when her type is ``k``.
    interim_payoffs : tuple of numpy.ndarray
        ``interim_payoffs[i][k]``: player ``i``'s expected payoff given her
        type ``k`` (expected over her posterior on the others' types and their
        actions); NaN for a type of prior probability zero.
    interim_regrets : tuple of numpy.ndarray
        ``interim_regrets[i][k]``: what type ``k`` of player ``i`` would gain
        by its best action instead (zero for a type of prior probability zero:
        any action is optimal for it).
    payoffs : numpy.ndarray of shape (n_players,)
        Ex-ante expected payoffs.
    max_regret : float
        The largest interim regret over all players and types: the certificate.
    relative_regret : float
        The largest interim regret divided by the player's payoff range (over
        type profiles of positive probability).
    exact : tuple of tuple of tuple of Fraction, or None
        The strategy in rationals when computed exactly (its interim regrets are
        then exactly zero).
    exact_interim_payoffs : tuple of tuple of (Fraction or None), or None
        The interim payoffs in rationals when computed exactly.

    Examples
    --------
    >>> from gametheory_af.trees.bayesian import BayesianGame
    >>> from gametheory_af.solvers.bayesian import make_bayes_equilibrium
    >>> g = BayesianGame([0.5, 0.5], [[[1, 0], [0, 1]]], types=[["L", "H"]], actions=[["x", "y"]])
    >>> eq = make_bayes_equilibrium(g, [["x", "y"]])
    >>> eq.max_regret, eq.describe(g)
    (0.0, 'Player 1: L -> x, H -> y')
    """

    strategy: tuple[tuple[np.ndarray, ...], ...]
    interim_payoffs: tuple[np.ndarray, ...]
    interim_regrets: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    max_regret: float
    relative_regret: float
    exact: tuple[tuple[tuple[Fraction, ...], ...], ...] | None = None
    exact_interim_payoffs: tuple[tuple[Fraction | None, ...], ...] | None = None

    @property
    def is_pure(self) -> bool:
        """True when every type of every player plays one action."""
        return all(int(np.count_nonzero(s > 1e-12)) == 1 for per in self.strategy for s in per)

    @property
    def pure_actions(self) -> tuple[tuple[int, ...], ...] | None:
        """Per player, per type, the action index of a pure equilibrium; else ``None``."""
        if not self.is_pure:
            return None
        return tuple(tuple(int(np.argmax(s)) for s in per) for per in self.strategy)

    def action(self, game: BayesianGame, player: int | str, type: int | str) -> np.ndarray:
        """The mixed action of *player* when her type is *type* (names or indices).

        Parameters
        ----------
        game : BayesianGame
        player : int or str
        type : int or str

        Returns
        -------
        numpy.ndarray
        """
        _check_fit(self, game, "BayesNashEquilibrium.action")
        i = game.player_index(player)
        return self.strategy[i][_type(game, i, type, "BayesNashEquilibrium.action")]

    def describe(self, game: BayesianGame, *, digits: int = 4) -> str:
        """Who does what, type by type, using the game's names.

        Parameters
        ----------
        game : BayesianGame
        digits : int, default 4
            Significant digits of mixed probabilities.

        Returns
        -------
        str
            ``"player: type -> action, ...; ..."``.
        """
        _check_fit(self, game, "BayesNashEquilibrium.describe")
        digits = check_int(digits, "digits", "BayesNashEquilibrium.describe", minimum=1, maximum=17)
        parts = []
        for i, per in enumerate(self.strategy):
            acts = game.actions[i]
            items = []
            for k, s in enumerate(per):
                sup = np.flatnonzero(s > 1e-12)
                if sup.size == 1:
                    what = acts[int(sup[0])]
                else:
                    what = "mix(" + ", ".join(f"{acts[int(j)]} {s[j]:.{digits}g}" for j in sup) + ")"
                items.append(f"{game.types[i][k]} -> {what}")
            parts.append(f"{game.players[i]}: " + ", ".join(items))
        return "; ".join(parts)

    def to_dict(self, game: BayesianGame | None = None) -> dict[str, Any]:
        """A JSON-ready dict (Fractions as strings, NaN as ``None``); names from *game* if given.

        Parameters
        ----------
        game : BayesianGame, optional

        Returns
        -------
        dict
        """
        data: dict[str, Any] = {
            "strategy": json_value(self.strategy),
            "interim_payoffs": json_value(self.interim_payoffs),
            "interim_regrets": json_value(self.interim_regrets),
            "payoffs": json_value(self.payoffs),
            "max_regret": json_value(self.max_regret),
            "relative_regret": json_value(self.relative_regret),
            "is_pure": self.is_pure,
        }
        if self.exact is not None:
            data["exact"] = json_value(self.exact)
            data["exact_interim_payoffs"] = json_value(self.exact_interim_payoffs)
        if game is not None:
            data["description"] = self.describe(game)
        return data

    def __repr__(self) -> str:
        per = "; ".join(", ".join(np.array2string(s, precision=4, separator=", ") for s in p) for p in self.strategy)
        return f"BayesNashEquilibrium(strategy=({per}), max_regret={self.max_regret:.2e})"


def _check_game(game: Any, caller: str) -> BayesianGame:
    if not isinstance(game, BayesianGame):
        raise TypeError(f"{caller}: game must be a BayesianGame; got {_short(game)} ({type(game).__name__}).")
    return game


def _plans(n_actions: int, n_types: int) -> np.ndarray:
    """All maps types -> actions as rows of action indices, the first type varying slowest (the ex-ante form's order)."""
    return np.asarray(np.indices((n_actions,) * n_types).reshape(n_types, -1).T, dtype=np.int64).reshape(-1, n_types)


def _type(game: BayesianGame, i: int, type: Any, caller: str) -> int:
    try:
        return game.type_index(i, type)
    except (GameError, TypeError) as err:
        raise err.__class__(f"{caller}: {str(err).split(': ', 1)[1]}") from None


def _check_fit(eq: BayesNashEquilibrium, game: Any, caller: str) -> None:
    g = _check_game(game, caller)
    shape = tuple(len(p) for p in eq.strategy)
    if shape != g.type_shape or any(len(s) != a for per, a in zip(eq.strategy, g.action_shape) for s in per):
        raise GameError(f"{caller}: the equilibrium does not fit this game (types {g.type_shape}, actions {g.action_shape}).")


@dataclass(frozen=True, eq=False)
class BayesNashResult(EquilibriaMixin[BayesNashEquilibrium]):
    """The Bayesian Nash equilibria found, how, and what is guaranteed.

    Parameters
    ----------
    equilibria, method, complete, parameters, converged, game : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    equilibria : tuple of BayesNashEquilibrium
        Distinct equilibria (as type-by-type profiles).
    method : str
        ``"<form>/<solver>"``, e.g. ``"ex_ante/vertex_enumeration"``.
    complete : bool
        True when the normal-form solver guarantees that it found every
        equilibrium of its kind (e.g. all extreme equilibria of the ex-ante
        form, whose type-by-type images span every Bayesian Nash equilibrium).
    parameters : mapping
        The options used.
    converged : bool
        False when the solver stopped early.
    game : BayesianGame or None
        The game solved.

    Examples
    --------
    >>> from gametheory_af.trees.bayesian import BayesianGame
    >>> from gametheory_af.solvers.bayesian import bayes_nash
    >>> g = BayesianGame([0.5, 0.5], [[[1, 0], [0, 1]]], types=[["L", "H"]], actions=[["x", "y"]])
    >>> res = bayes_nash(g)
    >>> len(res), res.describe()
    (1, ['Player 1: L -> x, H -> y'])
    """

    equilibria: tuple[BayesNashEquilibrium, ...]
    method: str
    complete: bool
    parameters: Mapping[str, Any] = field(default_factory=dict)
    converged: bool = True
    game: BayesianGame | None = None

    def __post_init__(self) -> None:
        self.check_fields(BayesNashEquilibrium, BayesianGame, _check_fit)

    def describe(self, game: BayesianGame | None = None, *, digits: int = 4) -> list[str]:
        """Each equilibrium in words (:meth:`BayesNashEquilibrium.describe`).

        Parameters
        ----------
        game : BayesianGame, optional
            Default: the stored game.
        digits : int, default 4

        Returns
        -------
        list of str
        """
        g = self.game if game is None else game
        if g is None:
            raise GameError("BayesNashResult.describe: the result stores no game; pass game=.")
        return [e.describe(g, digits=digits) for e in self.equilibria]

    def to_dict(self, game: BayesianGame | None = None) -> dict[str, Any]:
        """A JSON-ready dict of the result.

        Parameters
        ----------
        game : BayesianGame, optional
            Default: the stored game.

        Returns
        -------
        dict
        """
        g = self.game if game is None else game
        return {
            "method": self.method,
            "complete": self.complete,
            "converged": self.converged,
            "parameters": [[k, json_value(v)] for k, v in self.parameters.items()],
            "max_regret": json_value(self.max_regret),
            "relative_regret": json_value(self.relative_regret),
            "equilibria": [e.to_dict(g) for e in self.equilibria],
        }

    def __repr__(self) -> str:
        return (
            f"BayesNashResult(method={self.method!r}, n_equilibria={len(self.equilibria)}, "
            f"complete={self.complete}, max_regret={self.max_regret:.2e})"
        )


def _as_strategy(game: BayesianGame, strategy: Any, exact: bool, caller: str) -> list[list[np.ndarray]]:
    """Per player, per type, a probability vector (float64, or Fractions when *exact*)."""
    n = game.n_players
    if isinstance(strategy, (str, bytes)) or not isinstance(strategy, (Sequence, np.ndarray)) or len(strategy) != n:
        raise GameError(f"{caller}: strategy must have one entry per player ({n}); got {_short(strategy)}.")
    out: list[list[np.ndarray]] = []
    for i, per in enumerate(strategy):
        T, A = game.type_shape[i], game.action_shape[i]
        if isinstance(per, Mapping):
            entries: list[Any] = [None] * T
            for key, v in per.items():
                entries[_type(game, i, key, caller)] = v
            missing = [k for k, v in enumerate(entries) if v is None]
            if missing:
                raise GameError(f"{caller}: strategy gives type {game.types[i][missing[0]]!r} of player {game.players[i]!r} no action.")
        elif isinstance(per, (str, bytes)) or not isinstance(per, (Sequence, np.ndarray)) or len(per) != T:
            raise GameError(f"{caller}: strategy[{i}] must have one entry per type of player {game.players[i]!r} ({T}); got {_short(per)}.")
        else:
            entries = list(per)
        vecs = []
        for k, v in enumerate(entries):
            where = f"type {game.types[i][k]!r} of player {game.players[i]!r}"
            if isinstance(v, str) or (isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))):
                if isinstance(v, str):
                    if v not in game.actions[i]:
                        raise GameError(f"{caller}: {v!r} is not an action of {where}; actions are {game.actions[i]!r}.")
                    j = game.actions[i].index(v)
                else:
                    if not 0 <= int(v) < A:
                        raise GameError(f"{caller}: action index {int(v)} of {where} is out of range 0..{A - 1}.")
                    j = int(v)
                vec = np.zeros(A, dtype=object if exact else np.float64)
                vec[:] = [Fraction(int(a == j)) for a in range(A)] if exact else [float(a == j) for a in range(A)]
            else:
                if isinstance(v, (bytes, Mapping)) or not isinstance(v, (Sequence, np.ndarray)) or len(v) != A:
                    raise GameError(f"{caller}: the mixed action of {where} must have {A} probabilities; got {_short(v)}.")
                items = list(np.asarray(v, dtype=object).ravel()) if isinstance(v, np.ndarray) else list(v)
                if exact:
                    vals = [parse_number(x, "probability", caller) if isinstance(x, str) else to_fraction(x) for x in items]
                    if any(x < 0 for x in vals) or sum(vals, Fraction(0)) != 1:
                        raise GameError(f"{caller}: the mixed action of {where} must be exact probabilities summing to 1; got {_short(v)}.")
                    vec = np.empty(A, dtype=object)
                    vec[:] = vals
                else:
                    try:
                        vec = np.array([float(parse_number(x, "probability", caller)) if isinstance(x, str) else float(x) for x in items])
                    except (TypeError, ValueError) as err:
                        raise GameError(f"{caller}: the mixed action of {where} must hold numbers; got {_short(v)}.") from err
                    if not np.isfinite(vec).all() or (vec < -_SIMPLEX_TOL).any() or abs(float(vec.sum()) - 1.0) > _SIMPLEX_TOL:
                        raise GameError(f"{caller}: the mixed action of {where} must be probabilities summing to 1; got {_short(v)}.")
                    vec = np.clip(vec, 0.0, None)
            vecs.append(vec)
        out.append(vecs)
    return out


def _certificate(game: BayesianGame, strat: list[list[np.ndarray]], exact: bool) -> BayesNashEquilibrium:
    """Interim values of every action of every type, and from them payoffs and regrets."""
    n = game.n_players
    u = game.exact_payoffs() if exact else game.payoffs
    prior = game.exact_prior() if exact else game.prior
    zero: Any = Fraction(0) if exact else 0.0
    values: list[list[Any]] = [[None] * game.type_shape[i] for i in range(n)]
    for t in np.ndindex(*game.type_shape):
        p = prior[t]
        if p == 0:
            continue
        for i in range(n):
            block = u[(i,) + t]
            for j in range(n - 1, -1, -1):
                if j != i:
                    block = np.tensordot(block, strat[j][t[j]], axes=([j], [0]))
            v = values[i][t[i]]
            values[i][t[i]] = p * block if v is None else v + p * block
    marg = [game.marginal(i, exact=exact) for i in range(n)]
    pay_f, reg_f, pay_x = [], [], []
    ex_ante = [zero] * n
    span = _ranges(game)
    rel = 0.0
    for i in range(n):
        pf = np.full(game.type_shape[i], np.nan)
        rf = np.zeros(game.type_shape[i])
        px: list[Fraction | None] = []
        for k in range(game.type_shape[i]):
            v = values[i][k]
            if v is None:
                px.append(None)
                continue
            v = v / marg[i][k]
            own = sum((a * b for a, b in zip(strat[i][k].tolist(), v.tolist())), zero)
            best = max(v.tolist())
            ex_ante[i] = ex_ante[i] + marg[i][k] * own
            pf[k] = float(own)
            rf[k] = max(float(best - own), 0.0) if not exact else float(best - own)
            px.append(own if exact else None)
        rel = max(rel, float(rf.max(initial=0.0)) / span[i])
        pf.setflags(write=False)
        rf.setflags(write=False)
        pay_f.append(pf)
        reg_f.append(rf)
        pay_x.append(tuple(px))
    sigma = tuple(tuple(_ro(np.array([float(x) for x in s.tolist()], dtype=np.float64)) for s in per) for per in strat)
    payoffs = _ro(np.array([float(x) for x in ex_ante], dtype=np.float64))
    return BayesNashEquilibrium(
        strategy=sigma,
        interim_payoffs=tuple(pay_f),
        interim_regrets=tuple(reg_f),
        payoffs=payoffs,
        max_regret=float(max((float(r.max(initial=0.0)) for r in reg_f), default=0.0)),
        relative_regret=rel,
        exact=tuple(tuple(tuple(s.tolist()) for s in per) for per in strat) if exact else None,
        exact_interim_payoffs=tuple(pay_x) if exact else None,
    )


def _ro(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


def _ranges(game: BayesianGame) -> list[float]:
    """Each player's payoff range over type profiles of positive probability (1.0 when constant)."""
    pos = game.prior > 0
    out = []
    for i in range(game.n_players):
        vals = game.payoffs[i][pos]
        span = float(vals.max() - vals.min()) if vals.size else 0.0
        out.append(span if span > 0 else 1.0)
    return out


def make_bayes_equilibrium(game: BayesianGame, strategy: Any, *, exact: bool = False) -> BayesNashEquilibrium:
    """Certify a type-by-type profile: its interim payoffs and regrets.

    Parameters
    ----------
    game : BayesianGame
    strategy : sequence
        Per player, per type (a sequence in type order, or a mapping keyed by
        type name): an action name, an action index or a probability vector.
    exact : bool, default False
        Compute in rationals (probabilities must then be exact and sum to one).

    Returns
    -------
    BayesNashEquilibrium
        Whether it is an equilibrium is recorded in ``max_regret`` (zero, or
        within a tolerance, at a Bayesian Nash equilibrium).

    Raises
    ------
    GameError
        For a strategy that does not fit the game.

    Examples
    --------
    >>> from gametheory_af.trees.bayesian import BayesianGame
    >>> from gametheory_af.solvers.bayesian import make_bayes_equilibrium
    >>> g = BayesianGame([0.5, 0.5], [[[1, 0], [0, 1]]], types=[["L", "H"]], actions=[["x", "y"]])
    >>> make_bayes_equilibrium(g, [{"L": "y", "H": "y"}]).interim_regrets[0].tolist()
    [1.0, 0.0]
    """
    caller = "make_bayes_equilibrium"
    g = _check_game(game, caller)
    exact = check_bool(exact, "exact", caller)
    return _certificate(g, _as_strategy(g, strategy, exact, caller), exact)


def bayes_nash(
    game: BayesianGame,
    *,
    form: str = "auto",
    method: str = "auto",
    exact: bool = False,
    tol: float | None = None,
    max_time: float | None = MAX_TIME_LIMIT,
    **options: Any,
) -> BayesNashResult:
    """Bayesian Nash equilibria, reported type by type with their interim certificates.

    The game goes through its Harsanyi transformation (Harsanyi 1967-68) to a
    normal-form game that :func:`~gametheory_af.nash_equilibria` solves; each
    equilibrium is read back type by type and certified by its interim regrets
    (what each type would gain by deviating, given its posterior over the
    others' types).

    Parameters
    ----------
    game : BayesianGame
    form : {"auto", "ex_ante", "agent"}, default "auto"
        ``"ex_ante"``: the ex-ante strategic form
        (:meth:`~gametheory_af.trees.bayesian.BayesianGame.to_normal_form`),
        whose mixed strategies are turned into behaviour type by type (Kuhn);
        ``"agent"``: the type-agent form
        (:meth:`~gametheory_af.trees.bayesian.BayesianGame.to_agent_form`).
        ``"auto"`` takes the ex-ante form for two players (so two-player games
        get complete enumeration when small) and the agent form otherwise.
    method : str, default "auto"
        The normal-form method, as for :func:`~gametheory_af.nash_equilibria`.
    exact : bool, default False
        Exact (Fraction) equilibria and certificates.
    tol : float, optional
        Largest relative interim regret (regret over the player's payoff
        range) of a returned equilibrium; default 1e-8. Ignored when *exact*
        (exact equilibria have zero regret).
    max_time : float or None, optional
        Seconds for the normal-form solver (as for ``nash_equilibria``).
    **options
        Further options for the normal-form solver.

    Returns
    -------
    BayesNashResult

    Raises
    ------
    TypeError
        For a game that is not a BayesianGame.
    GameError
        For an unknown form or method, bad options, or a transformed game
        beyond the limits.

    Notes
    -----
    A type of prior probability zero has no beliefs (Bayes' rule is silent),
    so any action is optimal for it: its interim payoff is NaN, its regret
    zero, and its reported action is whatever the solver left there.

    ``complete`` is the normal-form solver's: with ``"ex_ante"`` and vertex
    enumeration it means every extreme equilibrium of the ex-ante form was
    found; several of them may read as the same type-by-type profile, and
    such duplicates are reported once.

    Examples
    --------
    Osborne (2004, Example 273.2): player 2 wishes to meet player 1 or to
    avoid her, each with probability 1/2; player 1 plays B and player 2's two
    types play B and S (the unique pure equilibrium):

    >>> from fractions import Fraction
    >>> from gametheory_af.trees.bayesian import BayesianGame
    >>> from gametheory_af.solvers.bayesian import bayes_nash
    >>> half = Fraction(1, 2)
    >>> g = BayesianGame([[half, half]], [[[[[2, 0], [0, 1]], [[2, 0], [0, 1]]]], [[[[1, 0], [0, 2]], [[0, 2], [1, 0]]]]],
    ...                  players=["P1", "P2"], types=[["one"], ["meet", "avoid"]], actions=[["B", "S"], ["B", "S"]])
    >>> res = bayes_nash(g, exact=True)
    >>> [e.describe(g) for e in res if e.is_pure]
    ['P1: one -> B; P2: meet -> B, avoid -> S']
    >>> res.max_regret
    0.0
    """
    caller = "bayes_nash"
    g = _check_game(game, caller)
    form = check_choice(form, ("auto", "ex_ante", "agent"), "form", caller)
    exact = check_bool(exact, "exact", caller)
    tol_v = BNE_TOL if tol is None else check_tol(tol, caller)
    if form == "auto":
        form = "ex_ante" if g.n_players == 2 else "agent"
    nfg = g.to_normal_form() if form == "ex_ante" else g.to_agent_form()
    res = nash_equilibria(nfg, method=method, exact=exact, max_time=max_time, **options)
    n = g.n_players
    plans = [_plans(a, t) for a, t in zip(g.action_shape, g.type_shape)]
    starts = np.cumsum([0, *g.type_shape]).tolist()
    found: list[BayesNashEquilibrium] = []
    seen: set[Any] = set()
    for eq in res.equilibria:
        prof: Sequence[Any] = eq.exact if (exact and eq.exact is not None) else eq.profile
        strat: list[list[np.ndarray]] = []
        for i in range(n):
            per = []
            for k in range(g.type_shape[i]):
                if form == "ex_ante":
                    vec = np.zeros(g.action_shape[i], dtype=object if exact else np.float64)
                    if exact:
                        vec[:] = [Fraction(0)] * g.action_shape[i]
                    for r, pr in enumerate(prof[i]):
                        if pr != 0:
                            vec[int(plans[i][r, k])] += pr
                else:
                    vec = np.array(list(prof[starts[i] + k]), dtype=object if exact else np.float64)
                per.append(vec)
            strat.append(per)
        if not exact:
            strat = [[np.clip(v, 0.0, None) / np.clip(v, 0.0, None).sum() for v in per] for per in strat]
        cert = _certificate(g, strat, exact)
        if exact and cert.max_regret != 0:  # pragma: no cover - exact solvers return exact equilibria
            continue
        if not exact and not cert.relative_regret <= tol_v:
            continue
        key = tuple(tuple(s.tolist()) for per in strat for s in per) if exact else tuple(
            np.round(np.concatenate([s for per in cert.strategy for s in per]), 9).tolist()
        )
        if key in seen:
            continue
        seen.add(key)
        found.append(cert)
    params = {"form": form, "method": method, "exact": exact, "tol": tol_v, **{k: v for k, v in options.items()}}
    return BayesNashResult(
        equilibria=tuple(found),
        method=f"{form}/{res.method}",
        complete=res.complete,
        parameters=params,
        converged=res.converged,
        game=g,
    )


# ============================================================================ perfect Bayesian equilibrium
@dataclass(frozen=True, eq=False)
class PBECheck(ResultMixin):
    """The outcome of :func:`is_perfect_bayesian`: which condition holds where.

    Parameters
    ----------
    ok, beliefs, belief_sources, on_path, consistent, gains, relative_gains, failures, tol : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    ok : bool
        True when every information set passes both conditions (also
        ``bool(check)``).
    beliefs : tuple of numpy.ndarray
        Per information set, the belief used over its nodes (in
        :meth:`~gametheory_af.ExtensiveFormGame.infoset_nodes` order); NaN
        where unspecified.
    belief_sources : tuple of str
        Per information set: ``"bayes"`` (Bayes' rule), ``"given"`` (supplied)
        or ``"unspecified"`` (off the path and not supplied).
    on_path : tuple of bool
        Per information set: reached with positive probability by the profile.
    consistent : tuple of bool
        Per information set: the belief meets Bayes' rule where weak PBE asks
        for it (on the path); True off the path when a belief is given (any
        belief is allowed there), False when it is unspecified.
    gains : numpy.ndarray of shape (n_infosets,)
        What the mover would gain at each information set, given the belief
        and the others' behaviour, by her best continuation (her later moves
        re-optimised too) over the profile's; NaN where the belief is
        unspecified.
    relative_gains : numpy.ndarray of shape (n_infosets,)
        ``gains`` over the mover's payoff range.
    failures : tuple of str
        One message per failed condition, naming the information set.
    tol : float
        The tolerance used.
    """

    ok: bool
    beliefs: tuple[np.ndarray, ...]
    belief_sources: tuple[str, ...]
    on_path: tuple[bool, ...]
    consistent: tuple[bool, ...]
    gains: np.ndarray
    relative_gains: np.ndarray
    failures: tuple[str, ...]
    tol: float

    def __bool__(self) -> bool:
        return self.ok

    def describe(self, game: ExtensiveFormGame, *, digits: int = 4) -> list[str]:
        """One line per information set: belief, where it comes from, and the gain.

        Parameters
        ----------
        game : ExtensiveFormGame
        digits : int, default 4

        Returns
        -------
        list of str
        """
        check_tree(game, "PBECheck.describe")
        if game.n_infosets != len(self.beliefs):
            raise GameError(f"PBECheck.describe: the game has {game.n_infosets} information sets; the check has {len(self.beliefs)}.")
        digits = check_int(digits, "digits", "PBECheck.describe", minimum=1, maximum=17)
        out = []
        for h in range(game.n_infosets):
            b = ", ".join(f"{x:.{digits}g}" for x in self.beliefs[h].tolist())
            status = "ok" if self.consistent[h] and self.relative_gains[h] <= self.tol else "FAILS"
            out.append(
                f"{game.infoset_name(h)}: belief [{b}] ({self.belief_sources[h]}, {'on' if self.on_path[h] else 'off'} path), "
                f"gain {self.gains[h]:.{digits}g}: {status}"
            )
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the check.

        Returns
        -------
        dict
        """
        return {
            "ok": self.ok,
            "beliefs": json_value(self.beliefs),
            "belief_sources": list(self.belief_sources),
            "on_path": list(self.on_path),
            "consistent": list(self.consistent),
            "gains": json_value(self.gains),
            "relative_gains": json_value(self.relative_gains),
            "failures": list(self.failures),
            "tol": self.tol,
        }

    def __repr__(self) -> str:
        return f"PBECheck(ok={self.ok}, failures={len(self.failures)})"


def _user_beliefs(game: ExtensiveFormGame, value: Any, exact: bool, caller: str) -> list[np.ndarray | None]:
    H = game.n_infosets
    out: list[Any] = [None] * H
    if value is None:
        return out
    if isinstance(value, Mapping):
        labels = {lab: h for h, lab in enumerate(game.infoset_labels) if lab}
        items = []
        for key, v in value.items():
            if isinstance(key, str):
                if key not in labels:
                    raise GameError(f"{caller}: beliefs name an unknown information set {key!r}.")
                items.append((labels[key], v))
            elif isinstance(key, (int, np.integer)) and not isinstance(key, bool) and 0 <= int(key) < H:
                items.append((int(key), v))
            else:
                raise GameError(f"{caller}: beliefs key {_short(key)} is not an information set (0..{H - 1} or a label).")
    elif isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{caller}: beliefs must be a mapping or a sequence with one entry (or None) per information set; got {_short(value)}.")
    else:
        if len(value) != H:
            raise GameError(f"{caller}: beliefs has {len(value)} entries; the game has {H} information sets.")
        items = [(h, v) for h, v in enumerate(value) if v is not None]
    for h, v in items:
        k = game.infoset_nodes(h).size
        where = f"the belief at information set {game.infoset_name(h)}"
        if isinstance(v, (str, bytes)) or not isinstance(v, (Sequence, np.ndarray)) or len(v) != k:
            raise GameError(f"{caller}: {where} must be {k} probabilities (one per node); got {_short(v)}.")
        raw = list(np.asarray(v, dtype=object).ravel()) if isinstance(v, np.ndarray) else list(v)
        try:
            vals = [parse_number(x, "belief", caller) if isinstance(x, str) else (to_fraction(x) if is_rational_scalar(x) else float(x)) for x in raw]
        except (TypeError, ValueError) as err:
            raise GameError(f"{caller}: {where} must hold numbers; got {_short(v)}.") from err
        if exact:
            fr = [to_fraction(x) for x in vals]
            if any(x < 0 for x in fr) or sum(fr, Fraction(0)) != 1:
                raise GameError(f"{caller}: {where} must be probabilities summing to exactly 1; got {_short(v)}.")
            vec = np.empty(k, dtype=object)
            vec[:] = fr
        else:
            vec = np.array([float(x) for x in vals], dtype=np.float64)
            if not np.isfinite(vec).all() or (vec < -_SIMPLEX_TOL).any() or abs(float(vec.sum()) - 1.0) > _SIMPLEX_TOL:
                raise GameError(f"{caller}: {where} must be probabilities summing to 1; got {_short(v)}.")
        out[h] = vec
    return out


def _edge_factors(game: ExtensiveFormGame, flat: np.ndarray, player: int, exact: bool, own: bool) -> np.ndarray:
    """Per node, the probability of the edge into it: chance, the others' behaviour, and the player's own if *own*."""
    n = game.n_nodes
    fac = np.empty(n, dtype=object if exact else np.float64)
    if exact:
        probs = game.exact_edge_probabilities()
        fac[:] = list(probs)
    else:
        fac[:] = game.edge_probabilities
    par = game.parents[1:]
    who = game.node_players[par]
    hs = game.node_infosets[par]
    off = infoset_offsets(game)
    dec = np.flatnonzero(who >= 0) + 1
    mask = game.node_players[game.parents[dec]] != player if not own else np.ones(dec.size, dtype=bool)
    sel = dec[mask]
    if sel.size:
        fac[sel] = flat[off[hs[sel - 1]] + game.actions_in[sel]]
    fac[0] = Fraction(1) if exact else 1.0
    return fac


def _continuation(game: ExtensiveFormGame, flat: np.ndarray, h: int, mu: np.ndarray, exact: bool) -> tuple[Any, Any]:
    """The mover's expected continuation payoff at *h* under the profile, and her best one, given belief *mu*."""
    i = int(game.infoset_players[h])
    nodes = game.infoset_nodes(h)
    zero: Any = Fraction(0) if exact else 0.0
    u = game.exact_terminal_payoffs()[:, i] if exact else game.terminal_payoffs[:, i]
    par = game.parents
    results = []
    for own in (True, False):
        fac = _edge_factors(game, flat, i, exact, own)
        seed = np.empty(game.n_nodes, dtype=object if exact else np.float64)
        seed[:] = zero
        seed[nodes] = mu
        w = seed.copy()
        for lo, hi in game.levels[1:]:
            w[lo:hi] = seed[lo:hi] + w[par[lo:hi]] * fac[lo:hi]
        results.append(w)
    w_cur, w_br = results
    term = game.terminals
    current = (w_cur[term] * u).sum() if term.size else zero
    # best continuation: bottom-up over the player's sequences that start at h
    seq = game.node_sequences(i)
    n_seq = game.n_sequences(i)
    val = np.empty(n_seq, dtype=object if exact else np.float64)
    val[:] = zero
    np.add.at(val, seq[term], w_br[term] * u)
    off = game.sequence_offsets(i)
    parent_seq = game.infoset_sequences(i)
    mine = game.player_infosets(i)
    order = sorted(mine.tolist(), key=lambda x: int(game.depths[game.infoset_nodes(x)].min()))
    below = {h}
    desc_seqs = set(range(1 + int(off[h]), 1 + int(off[h]) + len(game.infoset_actions[h])))
    for x in order:
        if x != h and int(parent_seq[x]) in desc_seqs:
            below.add(x)
            desc_seqs.update(range(1 + int(off[x]), 1 + int(off[x]) + len(game.infoset_actions[x])))
    best_h: Any = zero
    for x in reversed(order):
        if x not in below:
            continue
        k = len(game.infoset_actions[x])
        s0 = 1 + int(off[x])
        b = max(val[s0 : s0 + k].tolist())
        if x == h:
            best_h = b
        else:
            val[int(parent_seq[x])] = val[int(parent_seq[x])] + b
    return current, best_h


def is_perfect_bayesian(
    game: ExtensiveFormGame,
    behavior: Any,
    beliefs: Any = None,
    *,
    tol: float = PBE_TOL,
    exact: bool = False,
) -> PBECheck:
    """Check a behaviour profile and beliefs for (weak) perfect Bayesian equilibrium.

    Two conditions, at every information set:

    * **Bayes consistency on the path**: where the profile reaches the set with
      positive probability, the belief is the conditional probability of its
      nodes given that it is reached (Bayes' rule).
    * **Sequential rationality**: given the belief over the set's nodes and
      the others' behaviour below it, the mover's behaviour from there on (at
      this set and her later ones) is a best response; the gain of her best
      continuation (her later moves re-optimised too) over the profile's must
      be at most *tol* times her payoff range.

    Parameters
    ----------
    game : ExtensiveFormGame
        A game with perfect recall (a signalling game from
        :func:`~gametheory_af.trees.bayesian.signaling_game`, for one).
    behavior : behaviour profile
        As for :func:`~gametheory_af.trees.profiles.as_behavior`: per
        information set a probability vector, an action name or index, or a
        mapping keyed by label.
    beliefs : sequence or mapping, optional
        Per information set (a sequence with ``None`` for sets left to Bayes'
        rule, or a mapping keyed by number or label): probabilities over its
        nodes in :meth:`~gametheory_af.ExtensiveFormGame.infoset_nodes` order.
        Sets not given get Bayes' beliefs where the others and chance reach
        them with positive probability; an off-path set that Bayes' rule
        leaves open and that is not given is reported ``"unspecified"`` (and
        the check fails there).
    tol : float, default 1e-9
        Tolerance on relative gains, and on differences between given and
        Bayes beliefs on the path.
    exact : bool, default False
        Compute in rationals (gains must be exactly zero, given beliefs must
        equal Bayes' exactly on the path).

    Returns
    -------
    PBECheck

    Raises
    ------
    TypeError
        For a game that is not an ExtensiveFormGame.
    GameError
        For a game without perfect recall, a profile or beliefs that do not
        fit it (beliefs must be probabilities summing to one).

    Notes
    -----
    This is **weak** perfect Bayesian equilibrium (Mas-Colell, Whinston and
    Green 1995, Def. 9.C.3): Bayes' rule is imposed on the path only; off the
    path any belief is accepted, with no consistency between information sets
    (as sequential equilibrium would ask) and no refinement such as the
    Intuitive Criterion (Cho and Kreps 1987). The cost is one sweep of the
    tree per information set.

    Examples
    --------
    Beer-quiche: both types drink beer; the receiver, believing a
    quiche-eater is weak, would duel after quiche:

    >>> from fractions import Fraction
    >>> from gametheory_af.trees.bayesian import signaling_game
    >>> from gametheory_af.solvers.bayesian import is_perfect_bayesian
    >>> uS = [[[1, 3], [0, 2]], [[0, 2], [1, 3]]]
    >>> uR = [[[0, 1], [0, 1]], [[1, 0], [1, 0]]]
    >>> g = signaling_game([Fraction(9, 10), Fraction(1, 10)], uS, uR, types=["strong", "weak"],
    ...                    messages=["beer", "quiche"], actions=["duel", "not"])
    >>> behavior = {"Sender: strong": "beer", "Sender: weak": "beer", "Receiver: beer": "not", "Receiver: quiche": "duel"}
    >>> check = is_perfect_bayesian(g, behavior, {"Receiver: quiche": [0, 1]}, exact=True)
    >>> check.ok, check.belief_sources
    (True, ('bayes', 'bayes', 'bayes', 'given'))
    """
    caller = "is_perfect_bayesian"
    check_tree(game, caller)
    game.require_perfect_recall(caller)
    tol = check_tol(tol, caller)
    exact = check_bool(exact, "exact", caller)
    b = as_exact_behavior(game, behavior, caller) if exact else as_behavior(game, behavior, caller)
    flat = flatten_behavior(b)
    given = _user_beliefs(game, beliefs, exact, caller)
    reach = reach_flat(game, flat, None, exact)
    bayes = bayes_beliefs(game, b, exact=exact)
    u = game.terminal_payoffs
    spans = []
    for i in range(game.n_players):
        col = u[:, i] if u.size else np.zeros(1)
        s = float(col.max() - col.min()) if col.size else 0.0
        spans.append(s if s > 0 else 1.0)
    H = game.n_infosets
    used: list[np.ndarray] = []
    sources: list[str] = []
    on_path: list[bool] = []
    consistent: list[bool] = []
    gains = np.full(H, np.nan)
    rel = np.full(H, np.nan)
    failures: list[str] = []
    for h in range(H):
        nodes = game.infoset_nodes(h)
        name = game.infoset_name(h)
        on = bool(sum(reach[nodes].tolist(), Fraction(0) if exact else 0.0) > 0)
        on_path.append(on)
        bay = bayes[h]
        bay_defined = not exact and not np.isnan(bay).any() or exact and all(x is not None for x in bay.tolist())
        mu: np.ndarray | None
        if given[h] is not None:
            mu = given[h]
            sources.append("given")
            if on:
                if exact:
                    ok_b = all(x == y for x, y in zip(mu.tolist(), bay.tolist()))  # type: ignore[union-attr]
                else:
                    ok_b = bool(np.max(np.abs(np.asarray(mu, dtype=np.float64) - bay)) <= max(tol, _SIMPLEX_TOL))
                consistent.append(ok_b)
                if not ok_b:
                    failures.append(
                        f"information set {name} is on the path but the belief {_vec(mu)} is not Bayes' {_vec(bay)}"
                    )
            else:
                consistent.append(True)
        elif bay_defined:
            mu = bay
            sources.append("bayes")
            consistent.append(True)
        else:
            mu = None
            sources.append("unspecified")
            consistent.append(False)
            failures.append(f"information set {name} is off the path and no belief is given there (Bayes' rule is silent)")
        if mu is None:
            used.append(_ro(np.full(nodes.size, np.nan)))
            continue
        used.append(_ro(np.array([float(x) for x in mu.tolist()], dtype=np.float64)))
        cur, best = _continuation(game, flat, h, mu, exact)
        gain = best - cur
        player = int(game.infoset_players[h])
        gains[h] = max(float(gain), 0.0) if not exact else float(gain)
        rel[h] = gains[h] / spans[player]
        bad = gain > 0 if exact else rel[h] > tol
        if bad:
            failures.append(
                f"at information set {name} player {game.players[player]!r} gains {float(gain):.6g} by deviating "
                f"(sequential rationality fails given the belief {_vec(mu)})"
            )
    gains.setflags(write=False)
    rel.setflags(write=False)
    return PBECheck(
        ok=not failures,
        beliefs=tuple(used),
        belief_sources=tuple(sources),
        on_path=tuple(on_path),
        consistent=tuple(consistent),
        gains=gains,
        relative_gains=rel,
        failures=tuple(failures),
        tol=tol,
    )


def _vec(v: Any) -> str:
    return "[" + ", ".join(str(x) if isinstance(x, Fraction) else f"{float(x):.6g}" for x in np.asarray(v, dtype=object).tolist()) + "]"

