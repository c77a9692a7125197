"""Bayesian games (games of incomplete information), the Harsanyi transformation, signalling games.

A :class:`BayesianGame` has, per player, a finite set of **types** and a finite
set of **actions**; a **common prior** over type profiles; and payoffs that
depend on the whole type profile and the action profile (interdependent values
are allowed). Each player learns her own type, then all choose simultaneously.

Its Harsanyi (1967-68) transformation is

* :meth:`BayesianGame.to_tree`: a game tree in which chance draws the type
  profile and each player then moves at an information set that reveals her
  own type only;
* :meth:`BayesianGame.to_normal_form`: the ex-ante strategic form, whose
  strategies are maps from types to actions and whose payoffs are expected
  under the prior;
* :meth:`BayesianGame.to_agent_form`: the type-agent form, one player per
  (player, type) pair with interim expected payoffs.

The Bayesian Nash equilibria are computed by
:func:`gametheory_af.solvers.bayesian.bayes_nash`. :func:`signaling_game` builds
the tree of a sender-receiver signalling game, whose perfect Bayesian equilibria
:func:`gametheory_af.solvers.bayesian.is_perfect_bayesian` checks.

References
----------
Harsanyi, J. C. (1967-68). Games with incomplete information played by
"Bayesian" players, parts I-III. *Management Science* 14, 159-182, 320-334,
486-502.

Osborne, M. J. (2004). *An Introduction to Game Theory*, ch. 9. Oxford UP.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from .._limits import check_bytes, check_count
from .._validation import _short, is_rational_scalar, to_float, to_fraction, unique_names
from ..exceptions import GameError
from .game import Chance, Decision, ExtensiveFormGame, Terminal

if TYPE_CHECKING:  # pragma: no cover
    from ..game import NormalFormGame

__all__ = ["BayesianGame", "posterior", "signaling_game"]

_CALLER = "BayesianGame"
_PRIOR_TOL = 1e-9  # float priors must sum to one within this


# ----------------------------------------------------------------------------- parsing helpers
def _flat(x: Any) -> list[Any]:
    if isinstance(x, np.ndarray):
        return list(x.ravel().tolist()) if x.dtype != object else list(x.ravel())
    if isinstance(x, (list, tuple)):
        out: list[Any] = []
        for v in x:
            out.extend(_flat(v))
        return out
    return [x]


def _numbers(value: Any, name: str, caller: str, *, allow_nan: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
    """A float64 array and, when every entry is an exact rational, an object array of Fractions."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{caller}: {name} must be an array of numbers; got {_short(value)}.")
    try:
        arr = np.asarray(value)
    except ValueError as err:
        raise GameError(f"{caller}: {name} is ragged (nested sequences of unequal length): {_short(value)}.") from err
    if arr.dtype == object:
        items = _flat(value) if not isinstance(value, np.ndarray) else list(arr.ravel())
        vals = []
        for x in items:
            if allow_nan and isinstance(x, float) and x != x:
                vals.append(x)
                continue
            if isinstance(x, str) or not isinstance(x, (int, float, np.number)) and not is_rational_scalar(x):
                raise GameError(f"{caller}: {name} must contain numbers only; got {_short(x)}.")
            vals.append(to_float(x, f"{name} entry", caller))
        if len(vals) != arr.size:  # pragma: no cover - numpy refuses ragged input first
            raise GameError(f"{caller}: {name} is ragged (nested sequences of unequal length): {_short(value)}.")
        f = np.array(vals, dtype=np.float64).reshape(arr.shape)
    elif np.issubdtype(arr.dtype, np.number) or arr.dtype == np.bool_:
        if np.iscomplexobj(arr):
            raise GameError(f"{caller}: {name} must be real; got complex values.")
        with np.errstate(over="ignore"):
            f = arr.astype(np.float64)
    else:
        raise GameError(f"{caller}: {name} must contain numbers; got dtype {arr.dtype} in {_short(value)}.")
    bad = ~np.isfinite(f) if not allow_nan else np.isinf(f)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        raise GameError(f"{caller}: {name} must be finite; found {f[idx]} at {idx}.")
    exact: np.ndarray | None = None
    raw = _flat(value) if not (isinstance(value, np.ndarray) and value.dtype != object) else None
    if raw is not None and len(raw) == f.size and all(is_rational_scalar(x) for x in raw):
        exact = np.empty(f.size, dtype=object)
        exact[:] = [to_fraction(x) for x in raw]
        exact = exact.reshape(f.shape)
    elif isinstance(value, np.ndarray) and (np.issubdtype(value.dtype, np.integer) or value.dtype == np.bool_):
        exact = np.empty(f.size, dtype=object)
        exact[:] = [Fraction(int(x)) for x in value.ravel().tolist()]
        exact = exact.reshape(f.shape)
    return f, exact


def _frozen(arr: np.ndarray) -> np.ndarray:
    out = np.array(arr, copy=True)
    out.setflags(write=False)
    return out


def _names(values: Any, expected: int, name: str, caller: str, default: str) -> tuple[str, ...]:
    if values is None:
        return tuple(f"{default}{k + 1}" for k in range(expected))
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise TypeError(f"{caller}: {name} must be a sequence of names; got {_short(values)} ({type(values).__name__}).")
    return unique_names(list(values), expected, name, caller)


def _name_lists(values: Any, shape: Sequence[int], name: str, caller: str, default: str) -> tuple[tuple[str, ...], ...]:
    n = len(shape)
    if values is None:
        return tuple(tuple(f"{default}{k + 1}" for k in range(s)) for s in shape)
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise TypeError(f"{caller}: {name} must be a sequence of {n} sequences of names; got {_short(values)}.")
    if len(values) != n:
        raise GameError(f"{caller}: {name} must have one sequence of names per player ({n}); got {len(values)}: {_short(values)}.")
    return tuple(_names(v, s, f"{name}[{i}]", caller, default) for i, (v, s) in enumerate(zip(values, shape)))


def _check_prior(f: np.ndarray, exact: np.ndarray | None, types: Sequence[Sequence[str]], caller: str) -> None:
    neg = np.argwhere(f < 0)
    if neg.size:
        idx = tuple(int(k) for k in neg[0])
        raise GameError(
            f"{caller}: the prior of type profile {_profile_text(types, idx)} is {_num(exact[idx] if exact is not None else f[idx])}; "
            "probabilities must be >= 0."
        )
    if exact is not None:
        total = sum(exact.ravel().tolist(), Fraction(0))
        if total != 1:
            raise GameError(f"{caller}: the prior must sum to exactly 1; it sums to {total}.")
    else:
        total_f = float(f.sum())
        if abs(total_f - 1.0) > _PRIOR_TOL:
            raise GameError(f"{caller}: the prior must sum to 1 (within {_PRIOR_TOL:g}); it sums to {total_f!r}.")


def _num(x: Any) -> str:
    return str(x) if isinstance(x, Fraction) else repr(float(x))


def _profile_text(types: Sequence[Sequence[str]], idx: Sequence[int]) -> str:
    return "(" + ", ".join(repr(types[i][k]) for i, k in enumerate(idx)) + ")"


# ----------------------------------------------------------------------------- the game
class BayesianGame:
    r"""A finite Bayesian game: types, a common prior, type-dependent payoffs.

    Parameters
    ----------
    prior : array_like of shape (t_1, ..., t_n)
        ``prior[k_1, ..., k_n]`` is the probability that player ``i`` has type
        ``k_i`` for every ``i``. Non-negative; exact rationals (``int``,
        :class:`~fractions.Fraction`) are kept and must sum to exactly one,
        floats to one within 1e-9. The number of axes is the number of players.
    payoffs : array_like of shape (n, t_1, ..., t_n, a_1, ..., a_n)
        ``payoffs[i][k_1, ..., k_n, j_1, ..., j_n]`` is player ``i``'s payoff at
        type profile ``k`` and action profile ``j``. Payoffs may depend on every
        player's type (interdependent values). Exact rationals are kept. A type
        profile of prior probability zero may have any payoffs, NaN included
        (stored as 0); a NaN at a profile of positive probability is a type
        without payoffs and an error.
    players : sequence of str, optional
        Distinct player names; default ``"Player 1", ...``.
    types : sequence of sequences of str, optional
        Each player's distinct type names; default ``"t1", "t2", ...``.
    actions : sequence of sequences of str, optional
        Each player's distinct action names; default ``"a1", "a2", ...``.

    Raises
    ------
    GameError
        For a prior that is negative somewhere or does not sum to one, payoffs
        whose shape does not match the prior (a type without payoffs), a NaN
        payoff at a type profile of positive probability, and empty, missing or
        duplicate names; each message names the type profile, type or entry and
        its value.
    TypeError
        For names or arrays of the wrong kind.

    Notes
    -----
    Every type of a player has the same actions (model a type-specific action
    set by giving the other types' extra actions very low payoffs). A type of
    prior probability zero is allowed: Bayes' rule says nothing about what it
    believes, so any action is optimal for it (:func:`posterior` refuses it).

    Like :class:`~gametheory_af.NormalFormGame`, a Bayesian game is an
    immutable value: its arrays are read-only copies, it compares and hashes
    by value and pickles to an equal game.

    Examples
    --------
    Osborne's (2004, Example 273.2) Bach or Stravinsky in which player 1 does
    not know whether player 2 wishes to meet her or to avoid her:

    >>> import gametheory_af as gt
    >>> import numpy as np
    >>> from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game
    >>> from fractions import Fraction
    >>> half = Fraction(1, 2)
    >>> u1 = [[[2, 0], [0, 1]], [[2, 0], [0, 1]]]
    >>> u2 = [[[1, 0], [0, 2]], [[0, 2], [1, 0]]]
    >>> g = BayesianGame(
    ...     [[half, half]], [[u1], [u2]],
    ...     players=["P1", "P2"], types=[["one"], ["meet", "avoid"]], actions=[["B", "S"], ["B", "S"]],
    ... )
    >>> g.type_shape, g.action_shape, g.is_exact
    ((1, 2), (2, 2), True)
    >>> g.to_normal_form().strategies[1]
    ('meet:B/avoid:B', 'meet:B/avoid:S', 'meet:S/avoid:B', 'meet:S/avoid:S')
    """

    __slots__ = ("_players", "_types", "_actions", "_prior", "_exact_prior", "_payoffs", "_exact_payoffs")

    def __init__(
        self,
        prior: Any,
        payoffs: Any,
        *,
        players: Sequence[str] | None = None,
        types: Sequence[Sequence[str]] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
    ) -> None:
        caller = _CALLER
        pf, pe = _numbers(prior, "prior", caller)
        if pf.ndim < 1 or 0 in pf.shape:
            raise GameError(f"{caller}: prior must have one axis per player, each with at least one type; got shape {pf.shape}.")
        n = pf.ndim
        tshape = tuple(int(s) for s in pf.shape)
        check_count(int(pf.size), "max_entries", "type profiles", caller)
        players_t = _names(players, n, "players", caller, "Player ")
        types_t = _name_lists(types, tshape, "types", caller, "t")
        _check_prior(pf, pe, types_t, caller)
        uf, ue = _numbers(payoffs, "payoffs", caller, allow_nan=True)
        if uf.ndim != 1 + 2 * n or uf.shape[0] != n:
            raise GameError(
                f"{caller}: payoffs must have shape (n_players, t_1, ..., t_n, a_1, ..., a_n) = ({n}, {', '.join(map(str, tshape))}, ...) "
                f"with {2 * n + 1} axes for the prior's {n} players; got shape {uf.shape}."
            )
        for i in range(n):
            got = uf.shape[1 + i]
            if got != tshape[i]:
                if got < tshape[i]:
                    raise GameError(
                        f"{caller}: payoffs give player {players_t[i]!r} {got} type(s) but the prior has {tshape[i]}: "
                        f"type {types_t[i][got]!r} has no payoffs (payoffs shape {uf.shape})."
                    )
                raise GameError(
                    f"{caller}: payoffs give player {players_t[i]!r} {got} types but the prior has {tshape[i]} "
                    f"(payoffs shape {uf.shape}, prior shape {tshape})."
                )
        ashape = tuple(int(s) for s in uf.shape[1 + n :])
        if 0 in ashape:
            k = ashape.index(0)
            raise GameError(f"{caller}: player {players_t[k]!r} has no actions (payoffs shape {uf.shape}); each needs at least one.")
        actions_t = _name_lists(actions, ashape, "actions", caller, "a")
        check_bytes(int(uf.size), 8, "payoff entries", caller)
        nan = np.isnan(uf)
        if nan.any():
            pos = np.asarray(pf > 0)
            # a NaN where the type profile has positive prior: that type has no payoffs
            mask = nan & pos.reshape((1,) + tshape + (1,) * n)
            if mask.any():
                idx = tuple(int(k) for k in np.argwhere(mask)[0])
                t = idx[1 : 1 + n]
                raise GameError(
                    f"{caller}: player {players_t[idx[0]]!r} has no payoff (nan) at type profile {_profile_text(types_t, t)} "
                    f"(prior {_num(pe[t] if pe is not None else pf[t])}) and actions "
                    f"({', '.join(repr(actions_t[i][a]) for i, a in enumerate(idx[1 + n :]))}); "
                    "only type profiles of prior probability zero may lack payoffs."
                )
            uf = np.where(nan, 0.0, uf)
        self._players = players_t
        self._types = types_t
        self._actions = actions_t
        self._prior = _frozen(pf)
        self._exact_prior = None if pe is None else _frozen(pe)
        self._payoffs = _frozen(uf)
        self._exact_payoffs = None if ue is None else _frozen(ue)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def independent(
        cls,
        marginals: Sequence[Any],
        payoffs: Any,
        *,
        players: Sequence[str] | None = None,
        types: Sequence[Sequence[str]] | None = None,
        actions: Sequence[Sequence[str]] | None = None,
    ) -> BayesianGame:
        """A Bayesian game whose players' types are independent, from one marginal distribution per player.

        Parameters
        ----------
        marginals : sequence of array_like
            Player ``i``'s distribution over her types (each sums to one); the
            prior is their product.
        payoffs, players, types, actions : see BayesianGame
            As for :class:`BayesianGame`.

        Returns
        -------
        BayesianGame

        Raises
        ------
        GameError
            For a marginal that is negative or does not sum to one, and as for
            :class:`BayesianGame`.

        Examples
        --------
        >>> from fractions import Fraction
        >>> import numpy as np
        >>> from gametheory_af.trees.bayesian import BayesianGame
        >>> g = BayesianGame.independent([[Fraction(1, 3), Fraction(2, 3)], [1]], np.zeros((2, 2, 1, 1, 1)))
        >>> g.exact_prior().tolist()
        [[Fraction(1, 3)], [Fraction(2, 3)]]
        """
        caller = "BayesianGame.independent"
        if isinstance(marginals, (str, bytes)) or not isinstance(marginals, Sequence) or not marginals:
            raise TypeError(f"{caller}: marginals must be a non-empty sequence of probability vectors; got {_short(marginals)}.")
        fs, es = [], []
        for i, m in enumerate(marginals):
            f, e = _numbers(m, f"marginals[{i}]", caller)
            if f.ndim != 1 or f.size == 0:
                raise GameError(f"{caller}: marginals[{i}] must be a non-empty vector; got shape {f.shape}.")
            names = None if types is None or i >= len(types) else types[i]
            _check_prior(f, e, [list(names) if names is not None and len(names) == f.size else [f"t{k + 1}" for k in range(f.size)]], f"{caller}: marginals[{i}]")
            fs.append(f)
            es.append(e)
        check_count(int(np.prod([f.size for f in fs], dtype=np.float64)), "max_entries", "type profiles", caller)
        prior: Any
        if all(e is not None for e in es):
            prior = np.empty(tuple(f.size for f in fs), dtype=object)
            for idx in itertools.product(*(range(f.size) for f in fs)):
                p = Fraction(1)
                for i, k in enumerate(idx):
                    p *= es[i][k]  # type: ignore[index]
                prior[idx] = p
        else:
            prior = fs[0]
            for f in fs[1:]:
                prior = np.multiply.outer(prior, f)
            prior = prior / prior.sum()
        return cls(prior, payoffs, players=players, types=types, actions=actions)

    @classmethod
    def from_function(
        cls,
        prior: Any,
        payoff: Callable[[tuple[str, ...], tuple[str, ...]], Sequence[Any]],
        *,
        types: Sequence[Sequence[str]],
        actions: Sequence[Sequence[str]],
        players: Sequence[str] | None = None,
    ) -> BayesianGame:
        """A Bayesian game whose payoffs come from a function of the type and action profiles (by name).

        Parameters
        ----------
        prior : array_like of shape (t_1, ..., t_n)
            As for :class:`BayesianGame`.
        payoff : callable
            ``payoff(types, actions)`` with tuples of type names and action
            names returns one payoff per player. It is called only at type
            profiles of positive prior probability.
        types, actions : sequences of sequences of str
            Each player's type names and action names.
        players : sequence of str, optional

        Returns
        -------
        BayesianGame

        Examples
        --------
        A one-player decision with a private state:

        >>> from gametheory_af.trees.bayesian import BayesianGame
        >>> g = BayesianGame.from_function(
        ...     [1], lambda t, a: [1 if a[0] == "go" else 0],
        ...     types=[["x"]], actions=[["go", "stay"]],
        ... )
        >>> g.payoffs.tolist()
        [[[1.0, 0.0]]]
        """
        caller = "BayesianGame.from_function"
        if not callable(payoff):
            raise TypeError(f"{caller}: payoff must be callable; got {_short(payoff)}.")
        pf, pe = _numbers(prior, "prior", caller)
        n = pf.ndim
        tshape = pf.shape
        types_t = _name_lists(types, tshape, "types", caller, "t")
        if isinstance(actions, (str, bytes)) or not isinstance(actions, Sequence) or len(actions) != n:
            raise GameError(f"{caller}: actions must have one sequence of names per player ({n}); got {_short(actions)}.")
        ashape = tuple(len(a) for a in actions)
        actions_t = _name_lists(actions, ashape, "actions", caller, "a")
        total = n * int(np.prod(tshape, dtype=np.float64)) * int(np.prod(ashape, dtype=np.float64))
        check_bytes(total, 8, "payoff entries", caller)
        out = np.zeros((n,) + tuple(tshape) + ashape, dtype=object)
        out[...] = 0
        for t in itertools.product(*(range(s) for s in tshape)):
            if pf[t] <= 0:
                continue
            tn = tuple(types_t[i][k] for i, k in enumerate(t))
            for a in itertools.product(*(range(s) for s in ashape)):
                an = tuple(actions_t[i][k] for i, k in enumerate(a))
                vals = payoff(tn, an)
                if isinstance(vals, (str, bytes)) or not isinstance(vals, (Sequence, np.ndarray)) or len(vals) != n:
                    raise GameError(f"{caller}: payoff{(tn, an)!r} must return {n} payoffs; got {_short(vals)}.")
                for i in range(n):
                    out[(i,) + t + a] = vals[i]
        return cls(prior, out, players=players, types=types_t, actions=actions_t)

    @classmethod
    def from_games(
        cls,
        prior: Any,
        games: Mapping[Any, NormalFormGame],
        *,
        types: Sequence[Sequence[str]] | None = None,
    ) -> BayesianGame:
        """A Bayesian game from one normal-form game per type profile.

        Parameters
        ----------
        prior : array_like of shape (t_1, ..., t_n)
            As for :class:`BayesianGame`.
        games : mapping
            ``{type profile: NormalFormGame}``, a type profile being a tuple of
            type names (or indices); every profile of positive prior
            probability needs a game, all of the same shape. Players and action
            names are taken from the first game.
        types : sequence of sequences of str, optional
            Each player's type names; default ``"t1", "t2", ...``.

        Returns
        -------
        BayesianGame

        Raises
        ------
        GameError
            For a type profile of positive probability without a game (the
            message names it), an unknown type, or games of different shapes.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> import numpy as np
        >>> from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game
        >>> pd, sh = gt.catalog.prisoners_dilemma(), gt.catalog.stag_hunt()
        >>> g = BayesianGame.from_games([[0.5, 0.5]], {("t1", "t1"): pd, ("t1", "t2"): sh})
        >>> g.type_shape
        (1, 2)
        """
        from ..game import NormalFormGame

        caller = "BayesianGame.from_games"
        if not isinstance(games, Mapping) or not games:
            raise TypeError(f"{caller}: games must be a non-empty mapping {{type profile: NormalFormGame}}; got {_short(games)}.")
        pf, pe = _numbers(prior, "prior", caller)
        n = pf.ndim
        types_t = _name_lists(types, pf.shape, "types", caller, "t")
        first = next(iter(games.values()))
        if not isinstance(first, NormalFormGame):
            raise TypeError(f"{caller}: every game must be a NormalFormGame; got {_short(first)} ({type(first).__name__}).")
        if first.n_players != n:
            raise GameError(f"{caller}: the prior has {n} players (axes) but the games have {first.n_players}.")
        ashape = first.shape
        check_bytes(n * int(pf.size) * first.n_profiles, 8, "payoff entries", caller)
        by_profile: dict[tuple[int, ...], NormalFormGame] = {}
        for key, gm in games.items():
            if not isinstance(gm, NormalFormGame):
                raise TypeError(f"{caller}: the game for {key!r} must be a NormalFormGame; got {_short(gm)} ({type(gm).__name__}).")
            if gm.shape != ashape:
                raise GameError(f"{caller}: the game for {key!r} has shape {gm.shape}; the first game has {ashape}.")
            if not isinstance(key, tuple) or len(key) != n:
                raise GameError(f"{caller}: each key must be a tuple of {n} types; got {key!r}.")
            idx = []
            for i, k in enumerate(key):
                if isinstance(k, str) and k in types_t[i]:
                    idx.append(types_t[i].index(k))
                elif isinstance(k, (int, np.integer)) and not isinstance(k, bool) and 0 <= int(k) < len(types_t[i]):
                    idx.append(int(k))
                else:
                    raise GameError(f"{caller}: {k!r} in key {key!r} is not a type of player {i}; types are {types_t[i]!r}.")
            by_profile[tuple(idx)] = gm
        exact = all(g.is_exact for g in by_profile.values())
        out = np.empty((n,) + pf.shape + ashape, dtype=object if exact else np.float64)
        out[...] = Fraction(0) if exact else 0.0
        for t in itertools.product(*(range(s) for s in pf.shape)):
            gm_t = by_profile.get(t)
            if gm_t is None:
                if pf[t] > 0:
                    raise GameError(
                        f"{caller}: type profile {_profile_text(types_t, t)} has prior {_num(pe[t] if pe is not None else pf[t])} but no game; "
                        "every type profile of positive probability needs payoffs."
                    )
                continue
            u = gm_t.exact_payoffs() if exact else gm_t.payoffs
            for i in range(n):
                out[(i,) + t] = u[i]
        return cls(prior, out, players=first.players, types=types_t, actions=first.strategies)

    # ------------------------------------------------------------------ properties
    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def types(self) -> tuple[tuple[str, ...], ...]:
        """Each player's type names."""
        return self._types

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """Each player's action names (the same for all her types)."""
        return self._actions

    @property
    def type_shape(self) -> tuple[int, ...]:
        """Number of types of each player."""
        return tuple(int(s) for s in self._prior.shape)

    @property
    def action_shape(self) -> tuple[int, ...]:
        """Number of actions of each player."""
        return tuple(int(s) for s in self._payoffs.shape[1 + self.n_players :])

    @property
    def prior(self) -> np.ndarray:
        """Read-only float64 prior of shape ``type_shape``."""
        return self._prior

    @property
    def payoffs(self) -> np.ndarray:
        """Read-only float64 payoffs of shape ``(n_players, *type_shape, *action_shape)``."""
        return self._payoffs

    @property
    def is_exact(self) -> bool:
        """True when both the prior and the payoffs are exact rationals."""
        return self._exact_prior is not None and self._exact_payoffs is not None

    def exact_prior(self) -> np.ndarray:
        """The prior as an object array of Fractions (a float read as its shortest decimal).

        Returns
        -------
        numpy.ndarray of object
            The prior over type profiles, shape ``(t_1, ..., t_n)``.
        """
        if self._exact_prior is not None:
            return self._exact_prior.copy()
        return _to_fractions(self._prior)

    def exact_payoffs(self) -> np.ndarray:
        """The payoffs as an object array of Fractions (a float read as its shortest decimal).

        Returns
        -------
        numpy.ndarray of object
            Shape ``(n_players, t_1, ..., t_n, a_1, ..., a_n)``.
        """
        if self._exact_payoffs is not None:
            return self._exact_payoffs.copy()
        return _to_fractions(self._payoffs)

    def player_index(self, player: int | str) -> int:
        """Index of a player given by index or name.

        Parameters
        ----------
        player : int or str

        Returns
        -------
        int

        Examples
        --------
        >>> import gametheory_af as gt
        >>> import numpy as np
        >>> from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game
        >>> BayesianGame([1], [[[0]]], players=["Ann"]).player_index("Ann")
        0
        """
        return _player(self, player, "BayesianGame.player_index")

    def type_index(self, player: int | str, type: int | str) -> int:
        """Index of one of *player*'s types given by index or name.

        Parameters
        ----------
        player : int or str
        type : int or str

        Returns
        -------
        int

        Examples
        --------
        >>> import gametheory_af as gt
        >>> import numpy as np
        >>> from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game
        >>> BayesianGame([0.5, 0.5], [[[0], [1]]], types=[["lo", "hi"]]).type_index(0, "hi")
        1
        """
        i = _player(self, player, "BayesianGame.type_index")
        return _type(self, i, type, "BayesianGame.type_index")

    def marginal(self, player: int | str, *, exact: bool = False) -> np.ndarray:
        """The prior probability of each of *player*'s types.

        Parameters
        ----------
        player : int or str
        exact : bool, default False
            Return Fractions.

        Returns
        -------
        numpy.ndarray of shape (t_i,)

        Examples
        --------
        >>> import gametheory_af as gt
        >>> import numpy as np
        >>> from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game
        >>> BayesianGame([[0.1, 0.2], [0.3, 0.4]], np.zeros((2, 2, 2, 1, 1))).marginal(1).round(3).tolist()
        [0.4, 0.6]
        """
        i = _player(self, player, "BayesianGame.marginal")
        p = self.exact_prior() if exact else self._prior
        axes = tuple(k for k in range(self.n_players) if k != i)
        out: np.ndarray = p.sum(axis=axes) if axes else p.copy()
        return out

    def posterior(self, player: int | str, type: int | str, *, exact: bool = False) -> np.ndarray:
        """*player*'s belief about the others' types given her own (see :func:`posterior`).

        Parameters
        ----------
        player : int or str
        type : int or str
        exact : bool, default False

        Returns
        -------
        numpy.ndarray of shape (t_1, ..., t_{i-1}, t_{i+1}, ..., t_n)
        """
        return posterior(self, player, type, exact=exact)

    # ------------------------------------------------------------------ Harsanyi transformation
    def to_tree(self) -> ExtensiveFormGame:
        """The Harsanyi transformation as a game tree.

        Chance draws the type profile (profiles of prior probability zero are
        left out); then the players move in order, each at an information set
        labelled ``"<player>: <type>"`` that reveals her own type only (she
        sees neither the others' types nor their moves: the moves are
        simultaneous). Chance outcomes are named by the type profile, e.g.
        ``"meet, avoid"``. Exact priors and payoffs stay exact.

        Returns
        -------
        ExtensiveFormGame

        Raises
        ------
        GameError
            If the tree would exceed the limits (:func:`gametheory_af.get_limits`).

        Examples
        --------
        >>> import gametheory_af as gt
        >>> import numpy as np
        >>> from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game
        >>> g = BayesianGame([0.25, 0.75], [[[1, 0], [0, 1]]], types=[["L", "H"]], actions=[["x", "y"]])
        >>> t = g.to_tree()
        >>> t.infoset_labels, t.n_terminals
        (('Player 1: L', 'Player 1: H'), 4)
        """
        caller = "BayesianGame.to_tree"
        n = self.n_players
        support = [t for t in itertools.product(*(range(s) for s in self.type_shape)) if self._prior[t] > 0]
        per = 1
        nodes = 1
        for s in self.action_shape:
            nodes += per
            per *= s
        check_count(len(support) * (nodes + per) + 1, "max_entries", "tree nodes", caller)
        exact = self.is_exact
        prior = self.exact_prior() if self._exact_prior is not None else self._prior
        u = self._exact_payoffs if exact else self._payoffs
        assert u is not None

        def subtree(t: tuple[int, ...], i: int, acts: tuple[int, ...]) -> Any:
            if i == n:
                return Terminal(tuple(u[(k,) + t + acts] for k in range(n)))
            return Decision(
                i,
                [(name, subtree(t, i + 1, acts + (a,))) for a, name in enumerate(self._actions[i])],
                infoset=f"{self._players[i]}: {self._types[i][t[i]]}",
            )

        outcomes = [
            (", ".join(self._types[i][k] for i, k in enumerate(t)), prior[t] if self._exact_prior is not None else float(prior[t]), subtree(t, 0, ()))
            for t in support
        ]
        return ExtensiveFormGame.from_tree(Chance(outcomes), players=self._players)

    def strategy_names(self, player: int | str) -> tuple[str, ...]:
        """Names of *player*'s ex-ante strategies (maps from her types to actions), in :meth:`~gametheory_af.BayesianGame.to_normal_form` order.

        A strategy is named ``"type1:action/type2:action/..."``; a player with
        a single type has her action names. The first type varies slowest.

        Parameters
        ----------
        player : int or str

        Returns
        -------
        tuple of str

        Examples
        --------
        >>> import gametheory_af as gt
        >>> import numpy as np
        >>> from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game
        >>> BayesianGame([0.5, 0.5], [[[0, 0], [0, 0]]], types=[["H", "L"]], actions=[["a", "b"]]).strategy_names(0)
        ('H:a/L:a', 'H:a/L:b', 'H:b/L:a', 'H:b/L:b')
        """
        i = _player(self, player, "BayesianGame.strategy_names")
        return _strategy_names(self, i)

    def to_normal_form(self) -> NormalFormGame:
        """The ex-ante strategic form (the Harsanyi transformation's normal form).

        Player ``i``'s strategies are all maps from her types to her actions
        (:meth:`strategy_names`); the payoff of a strategy profile is the
        payoff expected under the prior. Its Nash equilibria, read type by
        type, are the Bayesian Nash equilibria.

        Returns
        -------
        NormalFormGame
            Exact when the Bayesian game is.

        Raises
        ------
        GameError
            If the strategic form would exceed the limits: player ``i`` has
            ``a_i ** t_i`` strategies.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> import numpy as np
        >>> from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game
        >>> g = BayesianGame([0.25, 0.75], [[[1, 0], [0, 1]]], types=[["L", "H"]], actions=[["x", "y"]])
        >>> g.to_normal_form().payoffs.tolist()
        [[0.25, 1.0, 0.0, 0.75]]
        """
        from ..game import NormalFormGame

        caller = "BayesianGame.to_normal_form"
        n = self.n_players
        counts = [a**t for a, t in zip(self.action_shape, self.type_shape)]
        for c in counts:
            check_count(c, "max_entries", "ex-ante strategies", caller)
        total = n
        for c in counts:
            total *= c
        check_bytes(total, 8, "strategic-form payoff entries", caller)
        plans = [_plans(a, t) for a, t in zip(self.action_shape, self.type_shape)]
        exact = self.is_exact
        u = self.exact_payoffs() if exact else self._payoffs
        prior = self.exact_prior() if exact else self._prior
        out: Any = np.zeros((n, *counts), dtype=object if exact else np.float64)
        if exact:
            out[...] = Fraction(0)
        for t in itertools.product(*(range(s) for s in self.type_shape)):
            p = prior[t]
            if p == 0:
                continue
            block = u[(slice(None),) + t]
            out = out + p * block[(slice(None),) + np.ix_(*(pl[:, t[i]] for i, pl in enumerate(plans)))]
        return NormalFormGame(out, players=self._players, strategies=[_strategy_names(self, i) for i in range(n)])

    def agents(self) -> tuple[tuple[int, int], ...]:
        """The (player, type) pairs of the agent form, in :meth:`to_agent_form` order.

        Returns
        -------
        tuple of (int, int)

        Examples
        --------
        >>> import gametheory_af as gt
        >>> import numpy as np
        >>> from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game
        >>> BayesianGame([[0.5, 0.5]], np.zeros((2, 1, 2, 1, 1))).agents()
        ((0, 0), (1, 0), (1, 1))
        """
        return tuple((i, k) for i in range(self.n_players) for k in range(self.type_shape[i]))

    def to_agent_form(self) -> NormalFormGame:
        """The type-agent form: one player per (player, type), with interim payoffs.

        Agent ``(i, k)`` (named ``"<player>: <type>"``) chooses player ``i``'s
        action when her type is ``k``; its payoff is player ``i``'s expected
        payoff given type ``k`` (its posterior over the others' types), which
        depends only on the agents of the others' types. An agent whose type
        has prior probability zero gets payoff 0 everywhere (any action is
        optimal). Its Nash equilibria are exactly the Bayesian Nash equilibria
        (Harsanyi 1967-68).

        Returns
        -------
        NormalFormGame
            With ``sum(type_shape)`` players; exact when the Bayesian game is.

        Raises
        ------
        GameError
            If the agent form would exceed the limits.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> import numpy as np
        >>> from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game
        >>> g = BayesianGame([0.25, 0.75], [[[1, 0], [0, 1]]], types=[["L", "H"]], actions=[["x", "y"]])
        >>> a = g.to_agent_form()
        >>> a.players, a.payoffs[0].tolist(), a.payoffs[1].tolist()
        (('Player 1: L', 'Player 1: H'), [[1.0, 1.0], [0.0, 0.0]], [[0.0, 1.0], [0.0, 1.0]])
        """
        from ..game import NormalFormGame

        caller = "BayesianGame.to_agent_form"
        n = self.n_players
        agents = self.agents()
        shape = [self.action_shape[i] for i, _ in agents]
        total = len(agents)
        for s in shape:
            total *= s
        check_bytes(total, 8, "agent-form payoff entries", caller)
        exact = self.is_exact
        u = self.exact_payoffs() if exact else self._payoffs
        prior = self.exact_prior() if exact else self._prior
        start = np.cumsum([0, *self.type_shape]).tolist()
        out: Any = np.zeros((len(agents), *shape), dtype=object if exact else np.float64)
        if exact:
            out[...] = Fraction(0)
        marg = [self.marginal(i, exact=exact) for i in range(n)]
        for t in itertools.product(*(range(s) for s in self.type_shape)):
            p = prior[t]
            if p == 0:
                continue
            bshape = [1] * len(agents)
            for i in range(n):
                bshape[start[i] + t[i]] = self.action_shape[i]
            for i in range(n):
                w = p / marg[i][t[i]]
                a = start[i] + t[i]
                out[a] = out[a] + w * u[(i,) + t].reshape(bshape)
        names = [f"{self._players[i]}: {self._types[i][k]}" for i, k in agents]
        return NormalFormGame(out, players=names, strategies=[self._actions[i] for i, _ in agents])

    # ------------------------------------------------------------------ value semantics
    def _key(self) -> tuple[Any, ...]:
        return (self._players, self._types, self._actions, self._prior.tobytes(), self._payoffs.tobytes())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BayesianGame):
            return NotImplemented
        if self._key() != other._key():
            return False
        for a, b in ((self._exact_prior, other._exact_prior), (self._exact_payoffs, other._exact_payoffs)):
            if a is not None and b is not None and not bool(np.all(a == b)):
                return False
        return True

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[Any, ...]:
        prior = self._exact_prior if self._exact_prior is not None else self._prior
        pay = self._exact_payoffs if self._exact_payoffs is not None else self._payoffs
        return (_rebuild, (np.array(prior), np.array(pay), self._players, self._types, self._actions))

    def __repr__(self) -> str:
        return (
            f"<BayesianGame players={self._players!r} types={self.type_shape} actions={self.action_shape}"
            f"{' exact' if self.is_exact else ''}>"
        )


def _rebuild(prior: Any, payoffs: Any, players: Any, types: Any, actions: Any) -> BayesianGame:
    return BayesianGame(prior, payoffs, players=players, types=types, actions=actions)


def _to_fractions(arr: np.ndarray) -> np.ndarray:
    out = np.empty(arr.size, dtype=object)
    out[:] = [to_fraction(x) for x in arr.ravel().tolist()]
    return out.reshape(arr.shape)


def _plans(n_actions: int, n_types: int) -> np.ndarray:
    """All maps types -> actions as rows of action indices, the first type varying slowest."""
    grids = np.indices((n_actions,) * n_types).reshape(n_types, -1).T
    return np.asarray(grids, dtype=np.int64).reshape(-1, n_types)


def _strategy_names(game: BayesianGame, i: int) -> tuple[str, ...]:
    plans = _plans(game.action_shape[i], game.type_shape[i])
    acts, types = game.actions[i], game.types[i]
    if len(types) == 1:
        return tuple(acts[int(r[0])] for r in plans)
    return tuple("/".join(f"{types[k]}:{acts[int(a)]}" for k, a in enumerate(r)) for r in plans)


def _check_game(game: Any, caller: str) -> BayesianGame:
    if not isinstance(game, BayesianGame):
        raise TypeError(f"{caller}: game must be a BayesianGame; got {_short(game)} ({type(game).__name__}).")
    return game


def _player(game: BayesianGame, player: Any, caller: str) -> int:
    if isinstance(player, str):
        if player not in game.players:
            raise GameError(f"{caller}: unknown player {player!r}; players are {game.players!r}.")
        return game.players.index(player)
    if isinstance(player, (int, np.integer)) and not isinstance(player, (bool, np.bool_)):
        if not 0 <= int(player) < game.n_players:
            raise GameError(f"{caller}: player index {int(player)} is out of range 0..{game.n_players - 1}.")
        return int(player)
    raise TypeError(f"{caller}: player must be an index or a name; got {_short(player)} ({type(player).__name__}).")


def _type(game: BayesianGame, i: int, type: Any, caller: str) -> int:
    names = game.types[i]
    if isinstance(type, str):
        if type not in names:
            raise GameError(f"{caller}: {type!r} is not a type of player {game.players[i]!r}; types are {names!r}.")
        return names.index(type)
    if isinstance(type, (int, np.integer)) and not isinstance(type, (bool, np.bool_)):
        if not 0 <= int(type) < len(names):
            raise GameError(f"{caller}: type index {int(type)} of player {game.players[i]!r} is out of range 0..{len(names) - 1}.")
        return int(type)
    raise TypeError(f"{caller}: type must be an index or a name; got {_short(type)} ({type.__class__.__name__}).")


def posterior(game: BayesianGame, player: int | str, type: int | str, *, exact: bool = False) -> np.ndarray:
    """A player's posterior belief about the others' types given her own (Bayes' rule on the common prior).

    Parameters
    ----------
    game : BayesianGame
    player : int or str
        The player (index or name).
    type : int or str
        Her type (index or name).
    exact : bool, default False
        Compute in Fractions.

    Returns
    -------
    numpy.ndarray
        Shape: the others' type counts in player order (a 0-d array for a
        one-player game); entries sum to one.

    Raises
    ------
    GameError
        For an unknown player or type, or a type of prior probability zero
        (Bayes' rule says nothing about its beliefs).

    Examples
    --------
    >>> from fractions import Fraction
    >>> import gametheory_af as gt
    >>> import numpy as np
    >>> from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game
    >>> g = BayesianGame([[Fraction(1, 2), Fraction(1, 6)], [0, Fraction(1, 3)]], np.zeros((2, 2, 2, 1, 1)))
    >>> posterior(g, 0, 0, exact=True).tolist()
    [Fraction(3, 4), Fraction(1, 4)]
    """
    caller = "posterior"
    g = _check_game(game, caller)
    i = _player(g, player, caller)
    k = _type(g, i, type, caller)
    p = g.exact_prior() if exact else g.prior
    slab = np.take(p, k, axis=i)
    total = slab.sum()
    if total == 0:
        raise GameError(
            f"{caller}: type {g.types[i][k]!r} of player {g.players[i]!r} has prior probability 0; "
            "Bayes' rule gives it no posterior (any belief, and any action, is consistent)."
        )
    out: np.ndarray = slab / total
    return out


# ----------------------------------------------------------------------------- signalling games
def signaling_game(
    prior: Any,
    sender_payoffs: Any,
    receiver_payoffs: Any,
    *,
    types: Sequence[str] | None = None,
    messages: Sequence[str] | None = None,
    actions: Sequence[str] | None = None,
    players: Sequence[str] = ("Sender", "Receiver"),
    title: str = "",
) -> ExtensiveFormGame:
    """The game tree of a sender-receiver signalling game.

    Chance draws the sender's type from *prior*; the sender, who knows her
    type, sends a message (information set ``"<sender>: <type>"``); the
    receiver sees the message but not the type and acts (information set
    ``"<receiver>: <message>"``, whose nodes are the types in order).

    Parameters
    ----------
    prior : array_like of shape (n_types,)
        The prior over the sender's types (exact rationals kept; sums to one).
    sender_payoffs, receiver_payoffs : array_like of shape (n_types, n_messages, n_actions)
        ``u_S(t, m, a)`` and ``u_R(t, m, a)``.
    types, messages, actions : sequence of str, optional
        Names; default ``"t1", ...``, ``"m1", ...``, ``"a1", ...``.
    players : pair of str, default ("Sender", "Receiver")
    title : str, default ""

    Returns
    -------
    ExtensiveFormGame

    Raises
    ------
    GameError
        For a prior that is negative or does not sum to one, payoff arrays of
        different or wrong shapes, and bad names.

    References
    ----------
    Cho, I.-K. and Kreps, D. M. (1987). Signaling games and stable equilibria.
    *Quarterly Journal of Economics* 102(2), 179-221.

    Examples
    --------
    Beer-quiche (Cho and Kreps 1987):

    >>> import gametheory_af as gt
    >>> import numpy as np
    >>> from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game
    >>> from fractions import Fraction
    >>> uS = [[[1, 3], [0, 2]], [[0, 2], [1, 3]]]   # types strong, weak; messages beer, quiche; actions duel, not
    >>> uR = [[[0, 1], [0, 1]], [[1, 0], [1, 0]]]
    >>> g = signaling_game([Fraction(9, 10), Fraction(1, 10)], uS, uR, types=["strong", "weak"],
    ...     messages=["beer", "quiche"], actions=["duel", "not"])
    >>> g.infoset_labels
    ('Sender: strong', 'Sender: weak', 'Receiver: beer', 'Receiver: quiche')
    """
    caller = "signaling_game"
    pf, pe = _numbers(prior, "prior", caller)
    if pf.ndim != 1 or pf.size == 0:
        raise GameError(f"{caller}: prior must be a non-empty vector over the sender's types; got shape {pf.shape}.")
    sf, se = _numbers(sender_payoffs, "sender_payoffs", caller)
    rf, re_ = _numbers(receiver_payoffs, "receiver_payoffs", caller)
    if sf.ndim != 3 or sf.shape[0] != pf.size:
        raise GameError(f"{caller}: sender_payoffs must have shape (n_types={pf.size}, n_messages, n_actions); got {sf.shape}.")
    if rf.shape != sf.shape:
        raise GameError(f"{caller}: receiver_payoffs has shape {rf.shape}; sender_payoffs has {sf.shape}.")
    if 0 in sf.shape:
        raise GameError(f"{caller}: every type needs at least one message and one action; payoffs have shape {sf.shape}.")
    T, M, A = (int(s) for s in sf.shape)
    check_count(1 + T * (1 + M * (1 + A)), "max_entries", "tree nodes", caller)
    types_t = _names(types, T, "types", caller, "t")
    msgs = _names(messages, M, "messages", caller, "m")
    acts = _names(actions, A, "actions", caller, "a")
    pl = _names(players, 2, "players", caller, "Player ")
    _check_prior(pf, pe, [types_t], caller)
    s_u = se if se is not None else sf
    r_u = re_ if re_ is not None else rf
    exact = se is not None and re_ is not None
    outcomes = []
    for t in range(T):
        branch = Decision(
            0,
            [
                (
                    msgs[m],
                    Decision(
                        1,
                        [(acts[a], Terminal((s_u[t, m, a], r_u[t, m, a]) if exact else (float(sf[t, m, a]), float(rf[t, m, a])))) for a in range(A)],
                        infoset=f"{pl[1]}: {msgs[m]}",
                    ),
                )
                for m in range(M)
            ],
            infoset=f"{pl[0]}: {types_t[t]}",
        )
        outcomes.append((types_t[t], pe[t] if pe is not None else float(pf[t]), branch))
    return ExtensiveFormGame.from_tree(Chance(outcomes), players=pl, title=title)
