"""Frozen result types returned by the solvers."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Generic, Protocol, TypeVar

import numpy as np

from ._tolerance import normalized_payoffs, payoff_ranges, relative_regrets
from ._validation import FrozenMapping, _short, check_bool, check_int
from .exceptions import GameError
from .game import NormalFormGame
from .profiles import as_exact_profile, as_profile, profile_regrets


class HasRegret(Protocol):
    """What a result's equilibria all carry: their regret certificate."""

    @property
    def max_regret(self) -> float: ...

    @property
    def relative_regret(self) -> float: ...


E = TypeVar("E", bound=HasRegret)

__all__ = ["Equilibrium", "EquilibriumResult", "make_equilibrium"]

#: Probabilities at or below this are outside the support.
SUPPORT_TOL = 1e-12


def require_pandas(caller: str) -> Any:
    """Import pandas for *caller*'s ``to_pandas``, or raise an ImportError naming what to install.

    pandas stays optional: the ``to_pandas`` methods import it only when called.

    Parameters
    ----------
    caller : str
        The method, e.g. ``"EquilibriumResult.to_pandas"``.

    Returns
    -------
    module
        The :mod:`pandas` module.

    Raises
    ------
    ImportError
        When pandas is not installed.
    """
    try:
        import pandas as pd
    except ImportError as err:
        raise ImportError(
            f"{caller}() needs pandas; install it with `pip install pandas` "
            "(it is part of gametheory_af's `test` extra)."
        ) from err
    return pd


# ---------------------------------------------------------------------------- value semantics
def same_value(a: Any, b: Any) -> bool:
    """Whether two result values are equal: arrays element-wise (NaN equal to NaN), containers recursively.

    Examples
    --------
    >>> import numpy as np
    >>> same_value((np.array([1.0, np.nan]), {"k": 1}), (np.array([1.0, np.nan]), {"k": 1}))
    True
    >>> same_value(np.array([1, 2]), np.array([1.0, 2.0]))
    False
    """
    if a is b:
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return False
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if a.dtype == object:
            return all(same_value(x, y) for x, y in zip(a.ravel().tolist(), b.ravel().tolist()))
        return bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return len(a) == len(b) and all(k in b and same_value(a[k], b[k]) for k in a)
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # pragma: no cover - exotic values
        return False


def _freeze_arrays(value: Any) -> None:
    """Make every numpy array in *value* (and in its tuples, lists and mappings) read-only."""
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    elif isinstance(value, (tuple, list)):
        for v in value:
            _freeze_arrays(v)
    elif isinstance(value, Mapping):
        for v in value.values():
            _freeze_arrays(v)


def _hash_part(v: Any) -> Any:
    """A hashable stand-in for *v* consistent with :func:`same_value` (equal values, equal parts)."""
    if isinstance(v, np.generic) and not isinstance(v, np.ndarray):
        v = v.item()
    if v is None or isinstance(v, (str, bool, int)):
        return v
    if isinstance(v, (float, Fraction)):
        return v if v == v else "nan"  # Python hashes equal numbers of any type equally
    if isinstance(v, tuple) and len(v) <= 64:
        return tuple(_hash_part(x) for x in v)
    return type(v).__name__


class ResultMixin:
    """Value equality and pickling for the frozen result dataclasses.

    Two results are equal when every field is (:func:`same_value`: arrays
    element-wise), so a result equals its pickled round trip; after unpickling
    its arrays are read-only again, as when it was made.
    """

    __slots__ = ()

    def __eq__(self, other: Any) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        import dataclasses

        return all(
            same_value(getattr(self, f.name), getattr(other, f.name)) for f in dataclasses.fields(self)  # type: ignore[arg-type]
        )

    def __hash__(self) -> int:
        import dataclasses

        return hash((type(self).__name__, *(_hash_part(getattr(self, f.name)) for f in dataclasses.fields(self))))  # type: ignore[arg-type]

    def __setstate__(self, state: Any) -> None:
        slots = None
        if isinstance(state, tuple) and len(state) == 2:
            state, slots = state
        for k, v in {**(state or {}), **(slots or {})}.items():
            object.__setattr__(self, k, v)
            _freeze_arrays(v)


class EquilibriaMixin(ResultMixin, Generic[E]):
    """What every result holding equilibria shares: the sequence protocol, the regrets, the field checks.

    Used by :class:`EquilibriumResult`, the tree results and the Bayesian
    results; each names its equilibrium and game types in :meth:`check_fields`.
    """

    equilibria: tuple[E, ...]
    method: str
    complete: bool
    parameters: Mapping[str, Any]
    converged: bool

    def check_fields(self, item: type, game_type: type, fits: Callable[[Any, Any, str], None]) -> None:
        """Check and freeze the common fields (called by each subclass's ``__post_init__``).

        Parameters
        ----------
        item : type
            The type every equilibrium must have.
        game_type : type
            The type of the stored game, when one is stored.
        fits : callable
            ``fits(equilibrium, game, caller)`` raises when an equilibrium does not fit the game.

        Raises
        ------
        TypeError
            For fields of the wrong type.
        GameError
            For an equilibrium that does not fit the stored game, or a negative ``n_iter``.
        """
        caller = type(self).__name__
        eqs_in: Any = self.equilibria
        if isinstance(eqs_in, (str, bytes)) or not hasattr(eqs_in, "__iter__"):
            raise TypeError(f"{caller}: equilibria must be a sequence of {item.__name__}; got {_short(eqs_in)}.")
        eqs = tuple(eqs_in)
        for k, e in enumerate(eqs):
            if not isinstance(e, item):
                raise TypeError(f"{caller}: equilibria[{k}] must be a {item.__name__}; got {_short(e)} ({type(e).__name__}).")
        method = self.method
        if not isinstance(method, str):
            raise TypeError(f"{caller}: method must be a string; got {_short(method)} ({type(method).__name__}).")
        parameters = self.parameters
        if not isinstance(parameters, Mapping):
            raise TypeError(f"{caller}: parameters must be a mapping; got {_short(parameters)}.")
        object.__setattr__(self, "equilibria", eqs)
        object.__setattr__(self, "complete", check_bool(self.complete, "complete", caller))
        object.__setattr__(self, "converged", check_bool(self.converged, "converged", caller))
        n_iter = getattr(self, "n_iter", None)
        if n_iter is not None:
            object.__setattr__(self, "n_iter", check_int(n_iter, "n_iter", caller, minimum=0))
        object.__setattr__(self, "parameters", FrozenMapping(parameters))
        game = getattr(self, "game", None)
        if game is not None:
            if not isinstance(game, game_type):
                raise TypeError(
                    f"{caller}: game must be a {game_type.__name__} or None; got {_short(game)} ({type(game).__name__})."
                )
            for e in eqs:
                fits(e, game, caller)

    @property
    def max_regret(self) -> float:
        """The largest regret over all equilibria found, in payoff units (NaN when none were found)."""
        return max((e.max_regret for e in self.equilibria), default=float("nan"))

    @property
    def relative_regret(self) -> float:
        """The largest relative regret over all equilibria found (NaN when none were found)."""
        return max((e.relative_regret for e in self.equilibria), default=float("nan"))

    def __iter__(self) -> Iterator[E]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, index: int) -> E:
        return self.equilibria[index]

    def __bool__(self) -> bool:
        return bool(self.equilibria)


@dataclass(frozen=True, eq=False)
class Equilibrium(ResultMixin):
    """One equilibrium with its own certificate.

    Parameters
    ----------
    profile, payoffs, support, max_regret, exact, relative_regret : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    profile : tuple of numpy.ndarray
        One read-only float64 probability vector per player.
    payoffs : numpy.ndarray of shape (n_players,)
        Each player's expected payoff.
    support : tuple of tuple of int
        The strategies each player uses with positive probability.
    max_regret : float
        The largest gain any player could make by deviating, in the caller's
        payoff units: the certificate.
    relative_regret : float
        The largest regret of any player divided by that player's payoff range
        (see :ref:`tolerances`): unchanged when a player's payoffs
        are scaled or shifted. A solver never returns an equilibrium whose
        ``relative_regret`` exceeds its tolerance.
    exact : tuple of tuple of Fraction or None
        The profile in rational arithmetic when a solver ran in exact mode (its
        exact regret is then zero), else ``None``.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.result import make_equilibrium
    >>> eq = make_equilibrium(gt.catalog.prisoners_dilemma(), (1, 1))
    >>> eq.support, eq.is_pure, eq.max_regret, eq.relative_regret
    (((1,), (1,)), True, 0.0, 0.0)
    """

    profile: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    support: tuple[tuple[int, ...], ...]
    max_regret: float
    exact: tuple[tuple[Fraction, ...], ...] | None = None
    relative_regret: float = float("nan")

    @property
    def is_pure(self) -> bool:
        """True when every player uses a single strategy."""
        return all(len(s) == 1 for s in self.support)

    @property
    def pure_profile(self) -> tuple[int, ...] | None:
        """The strategy indices of a pure equilibrium, else ``None``."""
        return tuple(s[0] for s in self.support) if self.is_pure else None

    def describe(self, game: NormalFormGame, *, digits: int = 4) -> str:
        """Who does what, in words, using the game's names.

        Parameters
        ----------
        game : NormalFormGame
            The game whose names to use.
        digits : int, default 4
            Significant digits of mixed probabilities.

        Returns
        -------
        str
            One ``player: strategy`` clause per player, separated by semicolons.

        Raises
        ------
        TypeError
            For a *game* that is not a NormalFormGame or non-integer *digits*.
        GameError
            For a game whose shape is not the profile's, or *digits* outside 1..17.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.catalog.prisoners_dilemma()
        >>> gt.pure_nash(g).equilibria[0].describe(g)
        'Row: Defect; Column: Defect'
        """
        _check_game_for(self, game, "Equilibrium.describe")
        digits = check_int(digits, "digits", "Equilibrium.describe", minimum=1, maximum=17)
        parts = []
        for k, (p, sup) in enumerate(zip(self.profile, self.support)):
            names = game.strategies[k]
            if len(sup) == 1:
                parts.append(f"{game.players[k]}: {names[sup[0]]}")
            else:
                mix = ", ".join(f"{names[j]} {p[j]:.{digits}g}" for j in sup)
                parts.append(f"{game.players[k]}: mix({mix})")
        return "; ".join(parts)

    def to_dict(self, game: NormalFormGame | None = None) -> dict[str, Any]:
        """A JSON-ready dict of the equilibrium (names taken from *game* if given; NaN regrets as ``None``).

        Parameters
        ----------
        game : NormalFormGame, optional
            The game whose names to use.

        Returns
        -------
        dict
            The equilibrium's fields, ready for :func:`json.dumps`.
        """
        if game is not None:
            _check_game_for(self, game, "Equilibrium.to_dict")
        data: dict[str, Any] = {
            "profile": [p.tolist() for p in self.profile],
            "payoffs": self.payoffs.tolist(),
            "support": [list(s) for s in self.support],
            "max_regret": _jsonable(self.max_regret),
            "relative_regret": _jsonable(self.relative_regret),
            "is_pure": self.is_pure,
        }
        if self.exact is not None:
            data["exact"] = [[str(x) for x in p] for p in self.exact]
        if game is not None:
            data["description"] = self.describe(game)
        return data

    @classmethod
    def _trusted(
        cls,
        profile: tuple[np.ndarray, ...],
        payoffs: np.ndarray,
        support: tuple[tuple[int, ...], ...],
        max_regret: float,
        relative_regret: float,
        exact: tuple[tuple[Fraction, ...], ...] | None = None,
    ) -> Equilibrium:
        """The equilibrium the public constructor builds from these fields, without its per-field ``__setattr__``.

        For the library's own solvers, whose fields are already of the stored
        types (read-only float64 arrays, tuples of ints, Python floats); the
        public constructor checks nothing either, so the two agree field for field.
        """
        self = object.__new__(cls)
        self.__dict__.update(
            profile=profile, payoffs=payoffs, support=support, max_regret=max_regret, exact=exact,
            relative_regret=relative_regret,
        )
        return self

    def __repr__(self) -> str:
        prof = ", ".join(np.array2string(p, precision=4, separator=", ") for p in self.profile)
        return f"Equilibrium(profile=({prof}), payoffs={np.array2string(self.payoffs, precision=4, separator=', ')}, max_regret={self.max_regret:.2e})"


def _check_game_for(eq: Equilibrium, game: Any, caller: str) -> None:
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"{caller}: game must be a NormalFormGame; got {_short(game)} ({type(game).__name__}).")
    shape = tuple(len(p) for p in eq.profile)
    if tuple(game.shape) != shape:
        raise GameError(f"{caller}: game has shape {tuple(game.shape)}, but the equilibrium's profile has shape {shape}.")


def make_equilibrium(
    game: NormalFormGame,
    profile: Sequence[Any],
    *,
    exact: bool = False,
) -> Equilibrium:
    """Build an :class:`Equilibrium` with its payoffs, support and regret computed from *profile*.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence of probability vectors or pure strategies
    exact : bool, default False
        Treat *profile* as exact rationals (which must sum exactly to one) and
        compute the regret in rational arithmetic.

    Returns
    -------
    Equilibrium
        Whether or not it is an equilibrium is recorded in ``max_regret``;
        callers check it against their tolerance.

    Raises
    ------
    TypeError
        For a *game* that is not a NormalFormGame or a non-bool *exact*.
    GameError
        For a profile that does not fit the game.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.result import make_equilibrium
    >>> make_equilibrium(gt.catalog.matching_pennies(), ([0.5, 0.5], [0.5, 0.5])).max_regret
    0.0
    """
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"make_equilibrium: game must be a NormalFormGame; got {_short(game)} ({type(game).__name__}).")
    exact = check_bool(exact, "exact", "make_equilibrium")
    exact_t: tuple[tuple[Fraction, ...], ...] | None = None
    span = payoff_ranges(game.payoffs)
    if exact:
        ex = as_exact_profile(game, profile)
        u = game.exact_payoffs()
        reg = profile_regrets(u, ex)
        exact_t = tuple(tuple(v.tolist()) for v in ex)
        sigma = tuple(np.array([float(x) for x in v], dtype=np.float64) for v in ex)
        reg_f = np.array([float(r) for r in reg.tolist()], dtype=np.float64)
        pay = u
        for s in reversed(ex):
            pay = pay @ s
        payoffs = np.array([float(x) for x in np.asarray(pay).tolist()], dtype=np.float64)
    else:
        sigma = as_profile(game, profile)
        un, _, _ = normalized_payoffs(game.payoffs)
        reg_f = profile_regrets(un, sigma) * span
        pay = game.payoffs
        for s in reversed(sigma):
            pay = pay @ s
        payoffs = np.asarray(pay, dtype=np.float64)
    regret = float(reg_f.max())
    relative = float(relative_regrets(reg_f, span).max())
    for s in sigma:
        s.setflags(write=False)
    payoffs.setflags(write=False)
    support = tuple(tuple(int(j) for j in np.flatnonzero(s > SUPPORT_TOL)) for s in sigma)
    return Equilibrium(
        profile=sigma, payoffs=payoffs, support=support, max_regret=regret, exact=exact_t, relative_regret=relative
    )


@dataclass(frozen=True, eq=False)
class EquilibriumResult(EquilibriaMixin[Equilibrium]):
    """What a solver found, how, and what it guarantees.

    Parameters
    ----------
    equilibria, method, complete, parameters, converged, n_iter, game : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    equilibria : tuple of Equilibrium
    method : str
        The algorithm that produced them, e.g. ``"pure"``.
    complete : bool
        True when the method guarantees that every equilibrium of the kind it
        looks for was found (all pure equilibria, all extreme equilibria, ...).
    parameters : mapping
        The options the solver ran with (read-only).
    converged : bool
        False when an iterative method stopped early.
    n_iter : int or None
        Iterations (or pivots, or supports) the method used, where meaningful.
    game : NormalFormGame or None
        The game that was solved (every solver sets it; optional when a result
        is built by hand). :meth:`describe` and :meth:`to_dict` use it for
        strategy names.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> res = gt.pure_nash(gt.catalog.battle_of_the_sexes())
    >>> len(res), res.method, res.complete
    (2, 'pure', True)

    Results compare by value and survive pickling (to a process pool, to disk):

    >>> import pickle
    >>> back = pickle.loads(pickle.dumps(res))
    >>> back == res, back.equilibria[0].payoffs.flags.writeable
    (True, False)
    >>> res.describe()
    ['Row: Opera; Column: Opera', 'Row: Football; Column: Football']
    """

    equilibria: tuple[Equilibrium, ...]
    method: str
    complete: bool
    parameters: Mapping[str, Any] = field(default_factory=dict)
    converged: bool = True
    n_iter: int | None = None
    game: NormalFormGame | None = None

    def __post_init__(self) -> None:
        self.check_fields(Equilibrium, NormalFormGame, _check_game_for)

    @classmethod
    def _trusted(
        cls,
        game: NormalFormGame,
        equilibria: tuple[Equilibrium, ...],
        method: str,
        complete: bool,
        parameters: Mapping[str, Any],
        converged: bool,
        n_iter: int | None,
    ) -> EquilibriumResult:
        """The result of one of the library's own solvers, built without :meth:`check_fields`.

        The public constructor (``EquilibriumResult(...)``) keeps every check,
        for results built by hand. A solver calling this private path
        guarantees what those checks establish, each true by construction:

        * *game* is the :class:`NormalFormGame` that was solved (the solver
          checked its type on entry);
        * *equilibria* is a tuple (not any iterable) of :class:`Equilibrium`
          whose profiles have the game's shape (each was built from the game's
          own strategy counts);
        * *method* is a ``str`` constant, *complete* and *converged* are Python
          ``bool`` values and *n_iter* a Python ``int >= 0`` or ``None``.

        *parameters* is still copied into a :class:`FrozenMapping`, as the
        public constructor does, so the stored result aliases nothing of the
        caller. The two paths give equal results, field by field and type by
        type (``tests/test_result_fast.py``).
        """
        self = object.__new__(cls)
        self.__dict__.update(
            equilibria=equilibria, method=method, complete=complete, parameters=FrozenMapping(parameters),
            converged=converged, n_iter=n_iter, game=game,
        )
        return self

    def describe(self, game: NormalFormGame | None = None, *, digits: int = 4) -> list[str]:
        """Each equilibrium in words (:meth:`Equilibrium.describe`), using the stored game's names.

        Parameters
        ----------
        game : NormalFormGame, optional
            The game whose names to use; default the stored :attr:`game`.
        digits : int, default 4
            Significant digits of mixed probabilities.

        Returns
        -------
        list of str
            One description per equilibrium.

        Raises
        ------
        GameError
            When no game is stored and none is given.
        """
        g = self.game if game is None else game
        if g is None:
            raise GameError("EquilibriumResult.describe: the result stores no game; pass game=.")
        return [e.describe(g, digits=digits) for e in self.equilibria]

    def to_dict(self, game: NormalFormGame | None = None) -> dict[str, Any]:
        """A JSON-ready dict of the result: ``json.dumps(..., allow_nan=False)`` accepts it.

        NaN regrets (an empty result has none) become ``None``. Each
        equilibrium carries a ``description`` when a game is stored (or given).

        Parameters
        ----------
        game : NormalFormGame, optional
            The game whose names to use; default the stored :attr:`game`.

        Returns
        -------
        dict
            The result's fields, ready for :func:`json.dumps`.

        Examples
        --------
        >>> import json, gametheory_af as gt
        >>> d = gt.pure_nash(gt.catalog.matching_pennies()).to_dict()
        >>> d["max_regret"], json.dumps(d["equilibria"], allow_nan=False)
        (None, '[]')
        """
        game = self.game if game is None else game
        return {
            "method": self.method,
            "complete": self.complete,
            "converged": self.converged,
            "n_iter": self.n_iter,
            "parameters": {k: _jsonable(v) for k, v in self.parameters.items()},
            "max_regret": _jsonable(self.max_regret),
            "relative_regret": _jsonable(self.relative_regret),
            "equilibria": [e.to_dict(game) for e in self.equilibria],
        }

    def to_pandas(self, game: NormalFormGame | None = None) -> Any:
        """The equilibria as a :class:`pandas.DataFrame`, one row per equilibrium.

        Parameters
        ----------
        game : NormalFormGame, optional
            The game whose player and strategy names label the columns; default
            the stored :attr:`game` (without either, players and strategies are
            named by their indices ``"0"``, ``"1"``, ...).

        Returns
        -------
        pandas.DataFrame
            Indexed by ``equilibrium`` (0, 1, ...), in the order of
            ``equilibria``. Columns: ``prob:<player>:<strategy>`` (float) for
            every player and strategy, ``payoff:<player>`` (float),
            ``support:<player>`` (the tuple of strategy names used with positive
            probability), ``max_regret``, ``relative_regret`` (float),
            ``is_pure`` and ``exact`` (bool: the solver ran in exact mode); when
            some equilibrium is exact, also ``exact:<player>:<strategy>``
            (object: :class:`~fractions.Fraction`, ``None`` for the others); and
            ``description`` (str) when a game is known. An empty result gives
            the same columns and no rows.

        Raises
        ------
        ImportError
            When pandas is not installed.
        TypeError
            For a *game* that is not a NormalFormGame.
        GameError
            For a game whose shape is not the equilibria's.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> df = gt.pure_nash(gt.catalog.battle_of_the_sexes()).to_pandas()
        >>> df[["prob:Row:Opera", "payoff:Row", "support:Column", "exact"]]
                     prob:Row:Opera  payoff:Row support:Column  exact
        equilibrium
        0                       1.0         3.0       (Opera,)  False
        1                       0.0         2.0    (Football,)  False
        """
        caller = "EquilibriumResult.to_pandas"
        pd = require_pandas(caller)
        g = self.game if game is None else game
        eqs = self.equilibria
        if g is not None:
            for e in eqs:
                _check_game_for(e, g, caller)
            players = [str(p) for p in g.players]
            strategies = [[str(s) for s in ss] for ss in g.strategies]
        else:
            shape = [len(p) for p in eqs[0].profile] if eqs else []
            players = [str(i) for i in range(len(shape))]
            strategies = [[str(j) for j in range(m)] for m in shape]
        cols: dict[str, Any] = {}
        for i, player in enumerate(players):
            for j, strategy in enumerate(strategies[i]):
                cols[f"prob:{player}:{strategy}"] = np.array([float(e.profile[i][j]) for e in eqs], dtype=np.float64)
        for i, player in enumerate(players):
            cols[f"payoff:{player}"] = np.array([float(e.payoffs[i]) for e in eqs], dtype=np.float64)
        for i, player in enumerate(players):
            cols[f"support:{player}"] = _objects([tuple(strategies[i][j] for j in e.support[i]) for e in eqs])
        cols["max_regret"] = np.array([e.max_regret for e in eqs], dtype=np.float64)
        cols["relative_regret"] = np.array([e.relative_regret for e in eqs], dtype=np.float64)
        cols["is_pure"] = np.array([e.is_pure for e in eqs], dtype=bool)
        cols["exact"] = np.array([e.exact is not None for e in eqs], dtype=bool)
        if any(e.exact is not None for e in eqs):
            for i, player in enumerate(players):
                for j, strategy in enumerate(strategies[i]):
                    cols[f"exact:{player}:{strategy}"] = _objects(
                        [None if e.exact is None else e.exact[i][j] for e in eqs]
                    )
        if g is not None:
            cols["description"] = _objects([e.describe(g) for e in eqs])
        return pd.DataFrame(cols, index=pd.RangeIndex(len(eqs), name="equilibrium"))

    def __repr__(self) -> str:
        return (
            f"EquilibriumResult(method={self.method!r}, n_equilibria={len(self.equilibria)}, "
            f"complete={self.complete}, converged={self.converged}, max_regret={self.max_regret:.2e})"
        )


def _objects(values: Sequence[Any]) -> np.ndarray:
    """A 1-D object array of *values* (tuples stay whole, as single cells)."""
    out = np.empty(len(values), dtype=object)
    for k, v in enumerate(values):
        out[k] = v
    return out


def _jsonable(v: Any) -> Any:
    if isinstance(v, float) and not np.isfinite(v):
        return None  # JSON has no NaN (an empty result has no regret) nor infinity
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    if isinstance(v, np.generic):
        return v.item()
    return repr(v)


def json_value(v: Any) -> Any:
    """*v* as plain JSON data: Fractions as strings (``"1/3"``), NaN and infinity as None,
    arrays, tuples and lists as lists, mappings as lists of ``[key, value]`` pairs (keys may
    be any label).

    Used by the ``to_dict`` methods of results whose values may be exact.

    Examples
    --------
    >>> from fractions import Fraction
    >>> import numpy as np
    >>> json_value({"a": (Fraction(1, 3), np.float64(0.5), float("nan"))})
    [['a', ['1/3', 0.5, None]]]
    """
    if isinstance(v, np.ndarray):
        return [json_value(x) for x in v.tolist()]
    if isinstance(v, np.generic):
        v = v.item()
    if v is None or isinstance(v, (str, bool, int)):
        return v
    if isinstance(v, float):
        return v if np.isfinite(v) else None
    if isinstance(v, Fraction):
        return str(v)
    if isinstance(v, Mapping):
        return [[json_value(k), json_value(x)] for k, x in v.items()]
    if isinstance(v, (tuple, list)):
        return [json_value(x) for x in v]
    return repr(v)
