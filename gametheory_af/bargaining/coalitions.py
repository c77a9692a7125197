r"""Coalition games with transferable utility, weighted voting, and their solutions.

A transferable-utility (TU) game on players :math:`N = \{0, \dots, n-1\}` is a
characteristic function :math:`v: 2^N \to \mathbb{R}` with :math:`v(\emptyset) = 0`;
:math:`v(S)` is what coalition :math:`S` can secure for its members by itself.
:class:`CoalitionGame` stores :math:`v` as a dense vector of length :math:`2^n`
indexed by bitmask (bit :math:`i` set when player :math:`i` is in the coalition),
so every solution concept below is a vectorised pass over that vector.
:class:`WeightedVotingGame` is a simple game given by a quota and weights; its
power indices are computed by counting swings with a dynamic programme over
weight sums (generating functions), never by enumerating :math:`2^n` coalitions,
so parliaments with hundreds of members are fine.

Solutions: :func:`shapley_value`, :func:`banzhaf`, :func:`shapley_shubik`
(one number per player, as an :class:`Allocation`), :func:`core` and
:func:`in_core` (linear programming), :func:`nucleolus` (a sequence of linear
programmes). Exact rational characteristic functions (ints,
:class:`~fractions.Fraction`, sympy rationals) give exact answers.

References
----------
.. [1] Shapley, L. S. (1953). A value for n-person games. In *Contributions to
   the Theory of Games II*, Annals of Mathematics Studies 28, 307-317.
.. [2] Shapley, L. S. and Shubik, M. (1954). A method for evaluating the
   distribution of power in a committee system. *American Political Science
   Review* 48(3), 787-792.
.. [3] Banzhaf, J. F. (1965). Weighted voting doesn't work: a mathematical
   analysis. *Rutgers Law Review* 19, 317-343.
.. [4] Schmeidler, D. (1969). The nucleolus of a characteristic function game.
   *SIAM Journal on Applied Mathematics* 17(6), 1163-1170.
.. [5] Maschler, M., Peleg, B. and Shapley, L. S. (1979). Geometric properties
   of the kernel, nucleolus, and related solution concepts. *Mathematics of
   Operations Research* 4(4), 303-338.
.. [6] Maschler, M., Solan, E. and Zamir, S. (2013). *Game Theory*. Cambridge
   University Press.

Examples
--------
>>> import gametheory_af as gt
>>> eec = gt.WeightedVotingGame(12, [4, 4, 4, 2, 2, 1],
...     players=["France", "Germany", "Italy", "Belgium", "Netherlands", "Luxembourg"])
>>> gt.shapley_shubik(eec).as_dict()["Luxembourg"]
Fraction(0, 1)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Union

import numpy as np

from .._limits import check_bytes, check_count
from .._validation import (
    _short,
    check_bool,
    check_real,
    check_tol,
    float_array,
    is_rational_scalar,
    to_fraction,
    unique_names,
)
from ..exceptions import GameError
from ._checks import no_bools, not_astronomical
from ..result import ResultMixin

__all__ = [
    "CoalitionGame",
    "WeightedVotingGame",
    "Allocation",
    "CoreResult",
    "shapley_value",
    "banzhaf",
    "shapley_shubik",
    "core",
    "in_core",
    "nucleolus",
]

#: Estimated bytes per coalition constraint of the least-core LP in HiGHS (measured: about 2.8 KB
#: per coalition at 16-18 players), used to check :func:`core` against ``max_bytes`` up front.
LP_BYTES_PER_COALITION = 3072
#: The same for the nucleolus's sequence of LPs (measured: about 3.5 KB per coalition at 14-16 players).
NUCLEOLUS_BYTES_PER_COALITION = 4096

Game = Union["CoalitionGame", "WeightedVotingGame"]


# ============================================================================ results
@dataclass(frozen=True, eq=False)
class Allocation(ResultMixin):
    """One number per player: a value (Shapley, nucleolus) or a power index.

    Attributes
    ----------
    values : numpy.ndarray of shape (n_players,)
        Read-only float64 values, in player order.
    players : tuple of str
        Player names.
    method : str
        The solution concept: ``"shapley"``, ``"banzhaf"``,
        ``"banzhaf_normalized"``, ``"shapley_shubik"`` or ``"nucleolus"``.
    exact : tuple of Fraction or None
        The same values in exact rational arithmetic when the game was exact
        (rational characteristic function, or rational weights and quota),
        else ``None``.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.CoalitionGame([0, 0, 0, 1], players=["a", "b"])
    >>> phi = gt.shapley_value(g)
    >>> phi["a"], phi.exact
    (0.5, (Fraction(1, 2), Fraction(1, 2)))
    >>> phi.as_dict()
    {'a': Fraction(1, 2), 'b': Fraction(1, 2)}
    """

    values: np.ndarray
    players: tuple[str, ...]
    method: str
    exact: tuple[Fraction, ...] | None = None

    def __post_init__(self) -> None:
        vals = np.array(self.values, dtype=np.float64)
        vals.setflags(write=False)
        object.__setattr__(self, "values", vals)
        object.__setattr__(self, "players", tuple(self.players))
        if self.exact is not None:
            object.__setattr__(self, "exact", tuple(self.exact))

    def __setstate__(self, state: dict[str, Any]) -> None:
        # unpickling: restore the fields and keep the values read-only
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.values.setflags(write=False)

    @property
    def is_exact(self) -> bool:
        """True when :attr:`exact` holds rational values."""
        return self.exact is not None

    def __getitem__(self, player: int | str) -> float:
        """The value of one player, by index or name, as a float."""
        return float(self.values[_player_index(self.players, player, "Allocation")])

    def __len__(self) -> int:
        return len(self.players)

    def __iter__(self) -> Iterator[float]:
        return iter(float(v) for v in self.values)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return np.array(self.values, dtype=dtype)

    def as_dict(self) -> dict[str, Fraction | float]:
        """``{player: value}``, with exact :class:`~fractions.Fraction` values when available."""
        vals: Sequence[Fraction | float] = self.exact if self.exact is not None else [float(v) for v in self.values]
        return dict(zip(self.players, vals))

    def __repr__(self) -> str:
        body = ", ".join(
            f"{p}: {e}" if self.exact is not None else f"{p}: {v:.6g}"
            for p, v, e in zip(self.players, self.values, self.exact or [None] * len(self.players))
        )
        return f"Allocation({self.method}; {body})"


@dataclass(frozen=True, eq=False)
class CoreResult(ResultMixin):
    """The outcome of :func:`core`.

    Attributes
    ----------
    is_empty : bool
        True when no efficient allocation satisfies every coalition.
    point : numpy.ndarray or None
        A read-only point of the core (``None`` when it is empty): a point of
        the least core, which lies in the core whenever the core is nonempty.
    epsilon : float
        The least-core value: the smallest :math:`\\varepsilon` for which some
        efficient :math:`x` has :math:`x(S) \\ge v(S) - \\varepsilon` for every
        coalition other than the empty set and :math:`N`. The core is
        nonempty exactly when :math:`\\varepsilon \\le 0`. ``-inf`` for a
        one-player game (no such coalition); ``nan`` (not computed) for a
        weighted voting game with more than 12 players.
    players : tuple of str
    exact : tuple of Fraction or None
        An exact core point when one is known in closed form (simple games with
        veto players), else ``None``.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> res = gt.core(gt.CoalitionGame([0, 0, 0, 1]))
    >>> res.is_empty, res.epsilon
    (False, -0.5)
    """

    is_empty: bool
    point: np.ndarray | None
    epsilon: float
    players: tuple[str, ...]
    exact: tuple[Fraction, ...] | None = None

    def __post_init__(self) -> None:
        if self.point is not None:
            pt = np.array(self.point, dtype=np.float64)
            pt.setflags(write=False)
            object.__setattr__(self, "point", pt)

    def __setstate__(self, state: dict[str, Any]) -> None:
        # unpickling: restore the fields and keep the point read-only
        for name, value in state.items():
            object.__setattr__(self, name, value)
        if self.point is not None:
            self.point.setflags(write=False)

    def __repr__(self) -> str:
        pt = "None" if self.point is None else np.array2string(self.point, precision=6, separator=", ")
        return f"CoreResult(is_empty={self.is_empty}, point={pt}, epsilon={self.epsilon:.6g})"


# ============================================================================ helpers
def _player_index(players: tuple[str, ...], player: Any, caller: str) -> int:
    if isinstance(player, str):
        try:
            return players.index(player)
        except ValueError:
            raise GameError(f"{caller}: unknown player {player!r}; players are {players!r}.") from None
    if isinstance(player, (bool, np.bool_)) or not isinstance(player, (numbers.Integral, np.integer)):
        raise GameError(f"{caller}: a player is a name or an index; got {player!r}.")
    k = int(player)
    if not -len(players) <= k < len(players):
        raise GameError(f"{caller}: player index {k} out of range for {len(players)} players.")
    return k % len(players)


def _coalition_mask(players: tuple[str, ...], coalition: Any, caller: str) -> int:
    """Bitmask of a coalition given as an iterable of names/indices (a lone name or index is a singleton)."""
    if isinstance(coalition, (str, numbers.Integral, np.integer)):
        members: Iterable[Any] = [coalition]
    else:
        try:
            members = list(coalition)
        except TypeError:
            raise GameError(f"{caller}: a coalition is an iterable of player names or indices; got {coalition!r}.") from None
    mask = 0
    for m in members:
        mask |= 1 << _player_index(players, m, caller)
    return mask


def _popcount(n: int) -> np.ndarray:
    """Number of players in every coalition, indexed by bitmask."""
    sizes = np.zeros(1, dtype=np.int64)
    for _ in range(n):
        sizes = np.concatenate([sizes, sizes + 1])
    return sizes


def _subset_sums(x: np.ndarray) -> np.ndarray:
    """``out[mask] = sum(x[i] for i in mask)`` for every bitmask (any dtype, incl. object)."""
    out = np.zeros(1, dtype=x.dtype)
    if x.dtype == object:
        out[0] = 0
    for xi in x:
        out = np.concatenate([out, out + xi])
    return out


def _indicator_matrix(masks: np.ndarray, n: int) -> np.ndarray:
    return ((masks[:, None] >> np.arange(n)) & 1).astype(np.float64)


def _lcm(values: Iterable[int]) -> int:
    out = 1
    for v in values:
        out = out * v // math.gcd(out, v)
    return out


def _names(players: Any, n: int, caller: str) -> tuple[str, ...]:
    if players is None:
        return tuple(f"Player {i + 1}" for i in range(n))
    return unique_names(players, n, "players", caller)


def _given_names(players: Any, caller: str) -> tuple[str, ...]:
    """Player names given as a sequence of distinct names, or as a number of players (at least 1)."""
    if isinstance(players, (bool, np.bool_)):
        raise TypeError(f"{caller}: players must be a sequence of names or a number of players; got {players!r}.")
    if isinstance(players, (numbers.Integral, np.integer)):
        if int(players) < 1:
            raise GameError(f"{caller}: the number of players must be at least 1; got players={int(players)}.")
        return _names(None, int(players), caller)
    if isinstance(players, str) or not isinstance(players, Sequence):
        raise GameError(f"{caller}: players must be a sequence of names or a number of players; got {_short(players)}.")
    if len(players) == 0:
        raise GameError(f"{caller}: a game needs at least one player; got players={_short(players)}.")
    return unique_names(players, len(players), "players", caller)


def _bools_as_simple_game(values: Any, caller: str) -> Any:
    """All bools: a bool array (a simple game's 0/1 worths); bools mixed with numbers: a TypeError."""
    if isinstance(values, np.ndarray) and values.dtype != object:
        return values
    try:
        flat = np.asarray(values, dtype=object).ravel()
    except (TypeError, ValueError):
        return values  # ragged or strange: float_array reports it
    is_bool = [isinstance(x, (bool, np.bool_)) for x in flat]
    if flat.size and all(is_bool):
        return np.array([bool(x) for x in flat], dtype=bool).reshape(np.shape(values))
    if any(is_bool):
        first = flat[is_bool.index(True)]
        raise TypeError(
            f"{caller}: values must be numbers (or all True/False for a simple game); got {first!r} among numbers "
            f"in {_short(values)}."
        )
    return values


def _check_coalitions(n: int, caller: str, itemsize: int = 8) -> None:
    """Refuse 2**n coalition values beyond the ``max_entries``/``max_bytes`` limits."""
    not_astronomical(n, "players", caller)
    if n > 128:  # do not even write 2**n out
        raise _too_many(n, "max_entries", f"coalition values (2**{n})", caller)
    check_bytes(1 << n, itemsize, f"coalition values (2**{n})", caller)


def _check_calls(n: int, caller: str) -> None:
    """Refuse 2**n calls of a characteristic function beyond the ``max_calls`` limit."""
    not_astronomical(n, "players", caller, "max_calls")
    if n > 128:
        raise _too_many(n, "max_calls", "characteristic-function calls", caller)
    check_count(1 << n, "max_calls", "characteristic-function calls", caller)


def _too_many(n: int, limit: str, what: str, caller: str) -> GameError:
    from .._limits import get_limits

    cap = getattr(get_limits(), limit)
    return GameError(
        f"{caller}: this asks for 2**{n} {what}, over the limit {limit}={cap:,}; "
        f"raise it with gametheory_af.set_limits({limit}=...) if you mean it."
    )


# ============================================================================ CoalitionGame
class CoalitionGame:
    r"""A transferable-utility coalition game, stored as a dense characteristic function.

    Parameters
    ----------
    values : array_like of shape (2**n,)
        ``values[mask]`` is :math:`v(S)` for the coalition :math:`S` whose
        members are the set bits of ``mask`` (player ``i`` is bit ``i``, so
        ``values[0b101]`` is the worth of players 0 and 2). ``values[0]``
        (the empty coalition) must be 0.
    players : sequence of str, optional
        Distinct player names; default ``"Player 1", "Player 2", ...``.

    Attributes
    ----------
    values : numpy.ndarray of shape (2**n,)
        Read-only float64 copy of the characteristic function.

    Raises
    ------
    TypeError
        If *values* mixes ``True``/``False`` with numbers (all bools, or a
        numpy array of dtype ``bool``, are the 0/1 worths of a simple game).
    GameError
        If *values* is not one-dimensional, its length is not a power of two
        (at least 2), an entry is not finite, :math:`v(\emptyset) \ne 0`, or
        the player names are wrong; or, before it is copied, when its length
        exceeds the ``max_entries``/``max_bytes`` limits (see
        :func:`gametheory_af.set_limits`; by default about 26 players).

    See Also
    --------
    CoalitionGame.from_dict, CoalitionGame.from_function : other constructors.
    WeightedVotingGame : simple games given by a quota and weights.

    Notes
    -----
    Memory is :math:`2^n` numbers, so about 25 players fit comfortably. When
    every value is an exact rational (``int``, :class:`~fractions.Fraction`,
    numpy integers, sympy rationals) the game is *exact*: it keeps integer
    numerators over a common denominator and :func:`shapley_value`,
    :func:`banzhaf` and :func:`nucleolus` return exact
    :class:`~fractions.Fraction` values. The game is immutable.

    Examples
    --------
    The three-player majority game: any two players can share 1.

    >>> import gametheory_af as gt
    >>> g = gt.CoalitionGame([0, 0, 0, 1, 0, 1, 1, 1], players=["a", "b", "c"])
    >>> g.n_players, g.value(["a", "c"])
    (3, 1.0)
    >>> gt.shapley_value(g).exact
    (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3))
    """

    __slots__ = ("_v", "_num", "_den", "_players")

    def __init__(self, values: Any, *, players: Sequence[str] | None = None) -> None:
        caller = "CoalitionGame"
        if isinstance(values, Mapping):
            raise GameError(f"{caller}: values must be an array of length 2**n; use CoalitionGame.from_dict for a mapping.")
        if isinstance(values, (str, bytes)) or np.isscalar(values):
            raise GameError(f"{caller}: values must be an array of length 2**n indexed by bitmask; got {values!r}.")
        if hasattr(values, "__len__"):
            check_bytes(len(values), 8, "coalition values", caller)
        values = _bools_as_simple_game(values, caller)
        arr = float_array(values, "values", caller)
        if arr.ndim != 1:
            raise GameError(f"{caller}: values must be one-dimensional (indexed by bitmask); got shape {arr.shape}.")
        size = arr.shape[0]
        if size < 2 or size & (size - 1):
            raise GameError(
                f"{caller}: values must have length 2**n for n >= 1 players (one entry per coalition); got length {size}."
            )
        bad = np.flatnonzero(~np.isfinite(arr))
        if bad.size:
            raise GameError(f"{caller}: values must be finite; found {float(arr[bad[0]])} at coalition mask {int(bad[0])}.")
        if arr[0] != 0:
            raise GameError(f"{caller}: v(empty coalition) must be 0; got values[0] = {arr[0]!r}.")
        n = size.bit_length() - 1
        self._players = _names(players, n, caller)
        arr.setflags(write=False)
        self._v = arr
        self._num: np.ndarray | None = None
        self._den = 1
        if isinstance(values, np.ndarray) and values.dtype != object:
            if np.issubdtype(values.dtype, np.integer) or values.dtype == np.bool_:
                self._num = np.array(values, dtype=np.int64)
        else:
            flat = list(values) if not isinstance(values, np.ndarray) else values.tolist()
            if all(is_rational_scalar(x) for x in flat):
                fr = [to_fraction(x) for x in flat]
                den = _lcm(f.denominator for f in fr)
                nums = [int(f.numerator * (den // f.denominator)) for f in fr]
                big = max(abs(x) for x in nums) >= 2**62
                self._num = np.array(nums, dtype=object if big else np.int64)
                self._den = den
        if self._num is not None:
            self._num.setflags(write=False)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_array(cls, values: Any, *, players: Sequence[str] | None = None) -> CoalitionGame:
        """Build a game from its characteristic function indexed by bitmask (same as the constructor).

        Examples
        --------
        >>> import gametheory_af as gt
        >>> gt.CoalitionGame.from_array([0, 1, 1, 3]).value([0, 1])
        3.0
        """
        return cls(values, players=players)

    @classmethod
    def from_dict(
        cls,
        values: Mapping[Any, Any],
        *,
        players: Sequence[str] | int | None = None,
        default: Any = None,
    ) -> CoalitionGame:
        """Build a game from ``{coalition: worth}``.

        Parameters
        ----------
        values : mapping
            Keys are coalitions: iterables (``frozenset``, ``tuple``, ...) of
            player names or of player indices; a bare name or index stands for
            a singleton. The empty coalition may be omitted (its worth is 0).
        players : sequence of str or int, optional
            The player names, or the number of players when keys use indices.
            By default the players are inferred from the keys: indices
            ``0 .. max`` when the keys hold integers, else the names in sorted
            order.
        default : number, optional
            Worth of every coalition missing from *values*. By default a missing
            coalition is an error.

        Returns
        -------
        CoalitionGame

        Raises
        ------
        TypeError
            If *players* is a bool or *default* is not a number.
        GameError
            If a coalition is missing (and no *default*), a key names an
            unknown player, or two keys denote the same coalition; or, before
            the table of :math:`2^n` worths is built, when it exceeds the
            ``max_entries``/``max_bytes`` limits (see
            :func:`gametheory_af.set_limits`).

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.CoalitionGame.from_dict(
        ...     {("US",): 1, ("Taliban",): 0, ("US", "Taliban"): 4})
        >>> g.players
        ('Taliban', 'US')
        >>> gt.shapley_value(g).as_dict()
        {'Taliban': Fraction(3, 2), 'US': Fraction(5, 2)}
        """
        caller = "CoalitionGame.from_dict"
        if not isinstance(values, Mapping):
            raise GameError(f"{caller}: values must be a mapping from coalitions to worths; got {type(values).__name__}.")
        keys = [k if not isinstance(k, (str, numbers.Integral, np.integer)) else (k,) for k in values]
        try:
            members = [m for k in keys for m in k]
        except TypeError:
            raise GameError(f"{caller}: every key must be a coalition (an iterable of players); got {list(values)!r}.") from None
        if default is not None:
            check_real(default, "default", caller)
        if players is None:
            if members and all(
                isinstance(m, (numbers.Integral, np.integer)) and not isinstance(m, (bool, np.bool_)) for m in members
            ):
                top = max(int(m) for m in members)
                if top < 0:
                    raise GameError(f"{caller}: cannot infer the players from negative indices {list(values)!r}; pass players=.")
                _check_coalitions(top + 1, caller)
                names = _names(None, top + 1, caller)
            elif all(isinstance(m, str) for m in members) and members:
                names = tuple(sorted(set(members)))
            else:
                raise GameError(f"{caller}: cannot infer the players from the keys {_short(list(values))}; pass players=.")
        else:
            if isinstance(players, (numbers.Integral, np.integer)) and not isinstance(players, (bool, np.bool_)):
                _check_coalitions(int(players), caller)
            names = _given_names(players, caller)
        n = len(names)
        _check_coalitions(n, caller)
        table: list[Any] = [None] * (1 << n)
        for key, worth in zip(keys, values.values()):
            mask = _coalition_mask(names, key, caller)
            if table[mask] is not None:
                raise GameError(f"{caller}: coalition {sorted(key, key=str)!r} is given twice.")
            table[mask] = worth
        if table[0] is None:
            table[0] = 0
        for mask, worth in enumerate(table):
            if worth is None:
                if default is None:
                    missing = [names[i] for i in range(n) if mask >> i & 1]
                    raise GameError(f"{caller}: no worth given for coalition {missing!r}; pass default= to fill gaps.")
                table[mask] = default
        return cls(table, players=names)

    @classmethod
    def from_function(cls, func: Callable[[frozenset[Any]], Any], players: Sequence[str] | int) -> CoalitionGame:
        """Build a game by evaluating ``func(coalition)`` on every coalition.

        Parameters
        ----------
        func : callable
            Receives each coalition as a ``frozenset`` of the items of *players*
            (names), or of ``range(players)`` when *players* is an int, and
            returns its worth. It is called :math:`2^n` times, on the empty
            coalition too (which must be worth 0).
        players : sequence of str or int

        Returns
        -------
        CoalitionGame

        Raises
        ------
        GameError
            If *func* is not callable or *players* is not a sequence of distinct
            names or a positive number; or, before the first call, when the
            :math:`2^n` calls exceed the ``max_calls`` limit (by default
            :math:`2^{22}`, 22 players) or their table the
            ``max_entries``/``max_bytes`` limits (see
            :func:`gametheory_af.set_limits`).

        Examples
        --------
        A glove market: ``L`` holds a left glove, ``R1`` and ``R2`` right ones;
        a pair is worth 1.

        >>> import gametheory_af as gt
        >>> def pairs(s):
        ...     return min(len(s & {"L"}), len(s & {"R1", "R2"}))
        >>> g = gt.CoalitionGame.from_function(pairs, ["L", "R1", "R2"])
        >>> gt.nucleolus(g).exact
        (Fraction(1, 1), Fraction(0, 1), Fraction(0, 1))
        """
        caller = "CoalitionGame.from_function"
        if not callable(func):
            raise GameError(f"{caller}: func must be callable; got {_short(func)}.")
        if isinstance(players, (numbers.Integral, np.integer)) and not isinstance(players, (bool, np.bool_)):
            if int(players) >= 1:
                _check_calls(int(players), caller)
            names = _given_names(players, caller)
            items: Sequence[Any] = range(int(players))
        else:
            names = _given_names(players, caller)
            items = names
        n = len(names)
        _check_calls(n, caller)
        _check_coalitions(n, caller)
        table = [func(frozenset(items[i] for i in range(n) if mask >> i & 1)) for mask in range(1 << n)]
        return cls(table, players=names)

    # ------------------------------------------------------------------ properties
    @property
    def values(self) -> np.ndarray:
        """Read-only float64 characteristic function, indexed by bitmask."""
        return self._v

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def is_exact(self) -> bool:
        """True when the game was built from exact rational values."""
        return self._num is not None

    @property
    def grand_coalition_value(self) -> float:
        """:math:`v(N)`, the worth of all players together."""
        return float(self._v[-1])

    def mask(self, coalition: Any) -> int:
        """The bitmask of a coalition given as an iterable of names or indices.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> gt.CoalitionGame([0] * 8, players=["a", "b", "c"]).mask(["a", "c"])
        5
        """
        return _coalition_mask(self._players, coalition, "CoalitionGame.mask")

    def value(self, coalition: Any, *, exact: bool = False) -> float | Fraction:
        """The worth :math:`v(S)` of a coalition (iterable of names or indices).

        Parameters
        ----------
        coalition : iterable of str or int
        exact : bool, default False
            Return a :class:`~fractions.Fraction` (a float value is read as the
            shortest decimal that prints as it).

        Raises
        ------
        TypeError
            If *exact* is not True or False.
        GameError
            If the coalition names an unknown player or an index out of range.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> from fractions import Fraction
        >>> g = gt.CoalitionGame([0, 0, 0, Fraction(1, 3)])
        >>> g.value([0, 1]), g.value([0, 1], exact=True)
        (0.333333..., Fraction(1, 3))
        """
        exact = check_bool(exact, "exact", "CoalitionGame.value")
        m = self.mask(coalition)
        if not exact:
            return float(self._v[m])
        if self._num is not None:
            return Fraction(int(self._num[m]), self._den)
        return to_fraction(float(self._v[m]))

    def exact_values(self) -> np.ndarray:
        """The characteristic function as an object array of :class:`~fractions.Fraction`.

        Exact games return their exact values; a float value is read as the
        shortest decimal that prints as it. This builds :math:`2^n` Python objects.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> gt.CoalitionGame([0, 0.5, 0.25, 1]).exact_values()[1]
        Fraction(1, 2)
        """
        out = np.empty(self._v.shape[0], dtype=object)
        if self._num is not None:
            out[:] = [Fraction(int(x), self._den) for x in self._num.tolist()]
        else:
            out[:] = [to_fraction(x) for x in self._v.tolist()]
        return out

    def _exact_ints(self) -> tuple[np.ndarray, int] | None:
        """Integer numerators (int64 when sums over 2**n entries cannot overflow, else object) and denominator."""
        if self._num is None:
            return None
        num = self._num
        if num.dtype != object:
            peak = int(np.abs(num).max()) if num.size else 0
            if peak * (1 << self.n_players) >= 2**62:
                _check_coalitions(self.n_players, "CoalitionGame", itemsize=40)  # Python integers
                num = num.astype(object)
        return num, self._den

    def is_convex(self, *, tol: float = 0.0) -> bool:
        r"""True when the game is convex (supermodular).

        That is, :math:`v(S \cup \{i\}) - v(S) \le v(T \cup \{i\}) - v(T)` whenever
        :math:`S \subseteq T \not\ni i`, checked by the equivalent local condition
        :math:`v(S \cup i) + v(S \cup j) \le v(S \cup \{i, j\}) + v(S)`
        (Shapley 1971, "Cores of convex games"). Convex games have a nonempty
        core that contains the Shapley value.

        Raises
        ------
        TypeError, GameError
            If *tol* is not a finite number ``>= 0``.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> gt.CoalitionGame([0, 0, 0, 1]).is_convex()
        True
        >>> gt.CoalitionGame([0, 0, 0, 1, 0, 1, 1, 1]).is_convex()
        False
        """
        tol = check_tol(tol, "CoalitionGame.is_convex")
        n = self.n_players
        v = self._num if self._num is not None else self._v
        masks = np.arange(1 << n)
        for i in range(n):
            for j in range(i + 1, n):
                base = masks[((masks >> i) & 1 == 0) & ((masks >> j) & 1 == 0)]
                lhs = v[base | (1 << i)] + v[base | (1 << j)]
                rhs = v[base | (1 << i) | (1 << j)] + v[base]
                if self._num is not None:
                    if np.any(lhs > rhs):
                        return False
                elif np.any(lhs > rhs + tol):
                    return False
        return True

    def __getstate__(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        # unpickling: restore the fields and keep the arrays read-only
        for name, value in state.items():
            object.__setattr__(self, name, value)
        for arr in (self._v, self._num):
            if arr is not None:
                arr.setflags(write=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CoalitionGame):
            return NotImplemented
        return self._players == other._players and np.array_equal(self._v, other._v)

    def __hash__(self) -> int:
        return hash((self._players, self._v.tobytes()))

    def __repr__(self) -> str:
        n = self.n_players
        if n <= 3:
            body = ", ".join(
                "{" + ",".join(self._players[i] for i in range(n) if m >> i & 1) + f"}}: {self._v[m]:g}"
                for m in range(1, 1 << n)
            )
            return f"CoalitionGame({body})"
        return f"CoalitionGame(n_players={n}, v(N)={self._v[-1]:g}, exact={self.is_exact})"


# ============================================================================ WeightedVotingGame
class WeightedVotingGame:
    r"""A weighted voting game :math:`[q; w_1, \dots, w_n]`: a coalition wins when its weight reaches the quota.

    The characteristic function is :math:`v(S) = 1` if :math:`\sum_{i \in S} w_i \ge q`
    and 0 otherwise. Nothing of size :math:`2^n` is stored.

    Parameters
    ----------
    quota : number
        Positive quota :math:`q`, at most the total weight.
    weights : sequence of numbers
        Non-negative weights, one per player.
    players : sequence of str, optional
        Distinct player names; default ``"Player 1", ...``.

    Raises
    ------
    TypeError
        If the quota or a weight is ``True``/``False``, or the quota is not a
        number (a string).
    GameError
        If the weights are empty, negative or not finite, or the quota is not
        positive or exceeds the total weight (so that no coalition wins).

    Notes
    -----
    Weights and quota are read as exact rationals (a float as the shortest
    decimal that prints as it; a float quota that exceeds the total weight
    only by rounding, as ``sum(weights)`` of float weights can, is the total
    weight) and scaled to integers, so :func:`shapley_shubik`
    and :func:`banzhaf` count swings exactly with Python integers, by a dynamic
    programme over weight sums in :math:`O(n^2 q)` operations for integer
    weights [1]_. Its tables hold about :math:`2 (n + 1) q + n^2` counts; when
    they would exceed the ``max_entries``/``max_bytes`` limits (weights whose
    common denominator makes the scaled quota huge) the indices fall back to
    enumerating the :math:`2^n` coalitions when those fit the limits, and are
    otherwise refused up front (see :func:`gametheory_af.set_limits`).

    References
    ----------
    .. [1] Matsui, T. and Matsui, Y. (2000). A survey of algorithms for
       calculating power indices of weighted majority games. *Journal of the
       Operations Research Society of Japan* 43(1), 71-86.

    Examples
    --------
    The UN Security Council: five permanent members with a veto, ten elected
    members, nine votes needed.

    >>> import gametheory_af as gt
    >>> unsc = gt.WeightedVotingGame(39, [7] * 5 + [1] * 10)
    >>> unsc.veto_players()
    ('Player 1', 'Player 2', 'Player 3', 'Player 4', 'Player 5')
    >>> unsc.is_winning(range(9))
    True
    """

    __slots__ = ("_w", "_q", "_players", "_int_w", "_int_q")

    def __init__(self, quota: Any, weights: Any, *, players: Sequence[str] | None = None) -> None:
        caller = "WeightedVotingGame"
        if isinstance(weights, (str, bytes)) or np.isscalar(weights) or weights is None:
            raise GameError(f"{caller}: weights must be a sequence of numbers, one per player; got {_short(weights)}.")
        no_bools(weights, "weights", caller)
        arr = float_array(weights, "weights", caller)
        if arr.ndim != 1 or arr.size == 0:
            raise GameError(f"{caller}: weights must be a non-empty 1-D sequence; got shape {arr.shape}.")
        bad = np.flatnonzero(~np.isfinite(arr) | (arr < 0))
        if bad.size:
            raise GameError(f"{caller}: weights must be finite and non-negative; got {float(arr[bad[0]])} at index {int(bad[0])}.")
        if isinstance(weights, np.ndarray):
            w_list = weights.tolist()
        else:
            w_list = list(weights)
        if isinstance(quota, (float, np.floating)) and not np.isfinite(quota):
            raise GameError(f"{caller}: quota must be positive and finite; got {quota!r}.")
        q = check_real(quota, "quota", caller)
        if q <= 0:
            raise GameError(f"{caller}: quota must be positive and finite; got {quota!r}.")
        self._w = tuple(to_fraction(x) for x in w_list)
        self._q = to_fraction(quota)
        total = sum(self._w, Fraction(0))
        if self._q > total and not is_rational_scalar(quota) and self._q - total <= 1e-12 * total:
            self._q = total  # a float quota of sum(weights), off by rounding: unanimity, as meant
        if self._q > total:
            raise GameError(
                f"{caller}: quota {quota!r} exceeds the total weight {float(total):g}; no coalition could win."
            )
        self._players = _names(players, len(self._w), caller)
        den = _lcm([f.denominator for f in self._w] + [self._q.denominator])
        self._int_w = tuple(int(f * den) for f in self._w)
        self._int_q = math.ceil(self._q * den)

    # ------------------------------------------------------------------ properties
    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._w)

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def weights(self) -> np.ndarray:
        """The weights as a read-only float64 array."""
        out = np.array([float(w) for w in self._w], dtype=np.float64)
        out.setflags(write=False)
        return out

    @property
    def quota(self) -> float:
        """The quota."""
        return float(self._q)

    @property
    def exact_weights(self) -> tuple[Fraction, ...]:
        """The weights as exact rationals."""
        return self._w

    @property
    def exact_quota(self) -> Fraction:
        """The quota as an exact rational."""
        return self._q

    @property
    def is_exact(self) -> bool:
        """Always True: weights and quota are held as exact rationals."""
        return True

    def is_winning(self, coalition: Any) -> bool:
        """True when the coalition's total weight reaches the quota.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.WeightedVotingGame(3, [2, 1, 1], players=["a", "b", "c"])
        >>> g.is_winning(["a", "b"]), g.is_winning(["b", "c"])
        (True, False)
        """
        m = _coalition_mask(self._players, coalition, "WeightedVotingGame.is_winning")
        return sum(self._int_w[i] for i in range(self.n_players) if m >> i & 1) >= self._int_q

    def value(self, coalition: Any) -> int:
        """1 for a winning coalition, 0 for a losing one.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> gt.WeightedVotingGame(3, [2, 1, 1]).value([0, 2])
        1
        """
        return int(self.is_winning(coalition))

    def veto_players(self) -> tuple[str, ...]:
        """Players without whom no coalition wins (the total weight less theirs is below quota).

        Examples
        --------
        >>> import gametheory_af as gt
        >>> gt.WeightedVotingGame(3, [2, 1, 1], players=["a", "b", "c"]).veto_players()
        ('a',)
        """
        total = sum(self._int_w)
        return tuple(p for p, w in zip(self._players, self._int_w) if total - w < self._int_q)

    def to_coalition_game(self) -> CoalitionGame:
        """The same game as a :class:`CoalitionGame` (an exact 0/1 characteristic function).

        Raises
        ------
        GameError
            If the :math:`2^n` values exceed the ``max_entries``/``max_bytes``
            limits (by default, more than 26 players; see
            :func:`gametheory_af.set_limits`). Checked before any work.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> gt.WeightedVotingGame(3, [2, 1, 1]).to_coalition_game().values
        array([0., 0., 0., 1., 0., 1., 0., 1.])
        """
        return self._expand("WeightedVotingGame.to_coalition_game")

    def _expand(self, caller: str) -> CoalitionGame:
        n = self.n_players
        _check_coalitions(n, caller)
        w = np.array(self._int_w, dtype=object if max(self._int_w) >= 2**40 else np.int64)
        sums = _subset_sums(w)
        return CoalitionGame((sums >= self._int_q).astype(np.int64), players=self._players)

    def __getstate__(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WeightedVotingGame):
            return NotImplemented
        return (self._q, self._w, self._players) == (other._q, other._w, other._players)

    def __hash__(self) -> int:
        return hash((self._q, self._w, self._players))

    def __repr__(self) -> str:
        ws = ", ".join(str(w) for w in self._w)
        return f"WeightedVotingGame(quota={self._q}, weights=[{ws}])"


# ============================================================================ swing counting (weighted voting)
def _dp_entries(game: WeightedVotingGame) -> tuple[int, int]:
    """Entries and bytes per entry of the swing-counting tables: two (n + 1) x q tables and n x n counts."""
    n, q = game.n_players, game._int_q
    return 2 * (n + 1) * q + n * n, (8 if n <= 62 else 40)


def _swings_by_size(game: WeightedVotingGame) -> np.ndarray:
    """``out[i, k]``: number of coalitions S of size k without i that lose but win with i.

    Counts by dynamic programming over weight sums below the quota: ``C[k, s]`` is
    the number of coalitions of size ``k`` and weight ``s < q`` (the coefficients
    of ``prod_j (1 + y z**w_j)`` truncated at ``z**q``); removing a player from the
    product is a deconvolution. The caller checks the tables' size first.
    """
    n, w, q = game.n_players, game._int_w, game._int_q
    dtype: Any = np.int64 if n <= 62 else object
    C = np.zeros((n + 1, q), dtype=dtype)
    C[0, 0] = 1
    for wj in w:
        if wj < q:
            C[1:, wj:] = C[1:, wj:] + C[:-1, : q - wj]
    out = np.zeros((n, n), dtype=object)
    cache: dict[int, np.ndarray] = {}
    for i, wi in enumerate(w):
        if wi == 0:
            out[i, :] = 0  # a zero-weight player never swings
            continue
        if wi not in cache:
            if wi >= q:
                D = C  # coalitions containing i are never below quota
            else:
                D = C.copy()
                for start in range(wi, q, wi):
                    stop = min(start + wi, q)
                    D[1:, start:stop] = C[1:, start:stop] - D[:-1, start - wi : stop - wi]
            lo = max(0, q - wi)
            cache[wi] = np.array([int(x) for x in D[:n, lo:q].sum(axis=1).tolist()], dtype=object)
        out[i, :] = cache[wi]
    return out


def _enumerated_swings(game: WeightedVotingGame, caller: str = "shapley_shubik") -> np.ndarray:
    cg = game._expand(caller)
    n = cg.n_players
    v = np.asarray(cg._num, dtype=np.int64)
    sizes = _popcount(n)
    masks = np.arange(1 << n)
    out = np.zeros((n, n), dtype=object)
    for i in range(n):
        without = masks[(masks >> i) & 1 == 0]
        swing = (v[without | (1 << i)] - v[without]) > 0
        counts = np.bincount(sizes[without][swing], minlength=n)
        out[i, :] = [int(c) for c in counts[:n]]
    return out


def _wvg_swings(game: WeightedVotingGame, caller: str) -> np.ndarray:
    """Swing counts by the generating-function DP, or by enumeration when only that fits the limits."""
    entries, itemsize = _dp_entries(game)
    try:
        check_bytes(entries, itemsize, f"entries of the swing-counting tables ({game.n_players} players, "
                    f"integer quota {game._int_q:,})", caller)
    except GameError as err:
        try:
            _check_coalitions(game.n_players, caller)
        except GameError:
            fractional = any(f.denominator != 1 for f in (*game._w, game._q))
            hint = " Rounding the weights to fewer decimals makes the integer quota smaller." if fractional else ""
            raise GameError(
                f"{err} Enumerating the 2**{game.n_players} coalitions instead is over the limits too.{hint}"
            ) from None
        return _enumerated_swings(game, caller)
    return _swings_by_size(game)


# ============================================================================ vectorised sums for CoalitionGame
def _size_sums(v: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-size sums: ``total[k] = sum_{|S|=k} v(S)`` and ``inc[i, k] = sum_{|S|=k, i in S} v(S)``."""
    sizes = _popcount(n)
    order = np.argsort(sizes, kind="stable")
    starts = np.concatenate([[0], np.cumsum([math.comb(n, k) for k in range(n)])]).astype(np.int64)
    sv = v[order]
    total = np.add.reduceat(sv, starts)
    inc = np.empty((n, n + 1), dtype=v.dtype)
    for i in range(n):
        bit = ((order >> i) & 1).astype(np.int64 if v.dtype == object else v.dtype)
        inc[i] = np.add.reduceat(sv * bit, starts)
    inc[:, 0] = 0  # reduceat of the empty-coalition block (v = 0)
    return total, inc


def _check_game(game: Any, caller: str) -> None:
    if not isinstance(game, (CoalitionGame, WeightedVotingGame)):
        raise TypeError(f"{caller}: game must be a CoalitionGame or WeightedVotingGame; got {type(game).__name__}.")


def _allocation_from_fractions(vals: Sequence[Fraction], players: tuple[str, ...], method: str) -> Allocation:
    return Allocation(np.array([float(x) for x in vals]), players, method, tuple(vals))


# ============================================================================ Shapley value
def shapley_value(game: CoalitionGame | WeightedVotingGame) -> Allocation:
    r"""The Shapley value: each player's average marginal contribution over all orderings.

    .. math::

        \phi_i(v) = \sum_{S \subseteq N \setminus \{i\}}
            \frac{|S|!\,(n - |S| - 1)!}{n!}\,\bigl(v(S \cup \{i\}) - v(S)\bigr)

    (Shapley 1953; Maschler, Solan & Zamir 2013, chapter on the Shapley value).

    Parameters
    ----------
    game : CoalitionGame or WeightedVotingGame
        For a weighted voting game this is the Shapley-Shubik index
        (:func:`shapley_shubik`).

    Returns
    -------
    Allocation
        ``method="shapley"``; exact when the game is exact.

    Raises
    ------
    TypeError
        If *game* is not a coalition game.
    GameError
        For a weighted voting game, as :func:`shapley_shubik`; for an exact
        game whose sums could overflow int64, when its :math:`2^n` values as
        Python integers (counted at 40 bytes) exceed the
        ``max_entries``/``max_bytes`` limits. Checked before any work.

    Notes
    -----
    Vectorised over bitmasks: per player and coalition size it sums the worths
    of coalitions with and without the player, then applies the size weights,
    :math:`O(n\,2^n)` operations. Exact games are summed in integer arithmetic
    (int64 when it cannot overflow, Python integers otherwise) and divided once.
    The value is efficient, symmetric, gives null players zero and is additive
    (the axioms that characterise it).

    References
    ----------
    Shapley, L. S. (1953). A value for n-person games. *Contributions to the
    Theory of Games II*, 307-317.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.CoalitionGame([0, 1, 2, 4])      # v(1)=1, v(2)=2, v(12)=4
    >>> gt.shapley_value(g).exact
    (Fraction(3, 2), Fraction(5, 2))
    """
    _check_game(game, "shapley_value")
    if isinstance(game, WeightedVotingGame):
        res = shapley_shubik(game)
        return Allocation(res.values, res.players, "shapley", res.exact)
    n = game.n_players
    ex = game._exact_ints()
    if ex is not None:
        num, den = ex
        total, inc = _size_sums(num, n)
        out = []
        for i in range(n):
            acc = Fraction(0)
            for k in range(n):
                diff = int(inc[i, k + 1]) - int(total[k]) + int(inc[i, k])
                acc += Fraction(diff, n * math.comb(n - 1, k))
            out.append(acc / den)
        return _allocation_from_fractions(out, game.players, "shapley")
    total, inc = _size_sums(game.values, n)
    weights = np.array([1.0 / (n * math.comb(n - 1, k)) for k in range(n)])
    diffs = inc[:, 1:] - total[None, :n] + inc[:, :n]
    return Allocation(diffs @ weights, game.players, "shapley")


def _simple_coalition_game(game: CoalitionGame, caller: str) -> None:
    v = game.values
    if not np.all((v == 0) | (v == 1)) or v[-1] != 1:
        raise GameError(f"{caller}: game must be a simple game (every worth 0 or 1, v(N) = 1).")


def shapley_shubik(game: WeightedVotingGame | CoalitionGame) -> Allocation:
    r"""The Shapley-Shubik power index of a simple game: the Shapley value of its 0/1 characteristic function.

    Player :math:`i`'s index is the probability that, in a uniformly random order
    of voting, :math:`i` is pivotal (turns a losing coalition into a winning one):

    .. math::

        \phi_i = \sum_{k=0}^{n-1} \frac{k!\,(n-k-1)!}{n!}\,
            \#\{S \not\ni i : |S| = k,\ S \text{ loses},\ S \cup \{i\} \text{ wins}\}

    (Shapley & Shubik 1954).

    Parameters
    ----------
    game : WeightedVotingGame or CoalitionGame
        A coalition game must be simple (every worth 0 or 1, :math:`v(N) = 1`).

    Returns
    -------
    Allocation
        ``method="shapley_shubik"``, always exact.

    Raises
    ------
    GameError
        If a :class:`CoalitionGame` is not simple; for a weighted voting game,
        before any work, when neither the swing-counting tables (about
        :math:`2 (n + 1) q + n^2` counts for the integer quota :math:`q`) nor
        the :math:`2^n` coalitions fit the ``max_entries``/``max_bytes`` limits
        (see :func:`gametheory_af.set_limits`).

    Notes
    -----
    For weighted voting games the swing counts come from generating functions
    (a dynamic programme over weight sums and coalition sizes, then removal of
    each player by deconvolution), :math:`O(n^2 q)` integer operations for
    integer weights and quota :math:`q`, with no :math:`2^n` enumeration.

    References
    ----------
    Shapley, L. S. and Shubik, M. (1954). A method for evaluating the
    distribution of power in a committee system. *American Political Science
    Review* 48(3), 787-792.

    Examples
    --------
    The UN Security Council (Shapley & Shubik 1954): five permanent members
    (weight 7, veto) and ten elected members (weight 1); quota 39.

    >>> import gametheory_af as gt
    >>> ss = gt.shapley_shubik(gt.WeightedVotingGame(39, [7] * 5 + [1] * 10))
    >>> ss.exact[0], ss.exact[5]
    (Fraction(421, 2145), Fraction(4, 2145))
    >>> round(ss[0], 4), round(ss[5], 6)
    (0.1963, 0.001865)
    """
    _check_game(game, "shapley_shubik")
    if isinstance(game, CoalitionGame):
        _simple_coalition_game(game, "shapley_shubik")
        res = shapley_value(game)
        return Allocation(res.values, res.players, "shapley_shubik", res.exact)
    n = game.n_players
    swings = _wvg_swings(game, "shapley_shubik")
    fact_n = math.factorial(n)
    weights = [math.factorial(k) * math.factorial(n - k - 1) for k in range(n)]
    out = [Fraction(sum(int(swings[i, k]) * weights[k] for k in range(n)), fact_n) for i in range(n)]
    return _allocation_from_fractions(out, game.players, "shapley_shubik")


# ============================================================================ Banzhaf
def banzhaf(game: CoalitionGame | WeightedVotingGame, *, normalized: bool = False) -> Allocation:
    r"""The Banzhaf value (raw) or the normalised Banzhaf power index.

    Raw: :math:`\beta_i = 2^{-(n-1)} \sum_{S \subseteq N \setminus \{i\}} (v(S \cup \{i\}) - v(S))`,
    the average marginal contribution over coalitions (Banzhaf 1965; Penrose
    1946 for simple games, where it is the probability of being decisive).
    Normalised: :math:`\beta_i / \sum_j \beta_j`, which for a simple game is
    player :math:`i`'s share of all swings.

    Parameters
    ----------
    game : CoalitionGame or WeightedVotingGame
    normalized : bool, default False
        Rescale to sum to 1.

    Returns
    -------
    Allocation
        ``method="banzhaf"`` or ``"banzhaf_normalized"``; exact for exact games
        and for every weighted voting game.

    Raises
    ------
    TypeError
        If *normalized* is not True or False.
    GameError
        If ``normalized=True`` and the raw values sum to zero; for a weighted
        voting game, before any work, when neither the swing-counting tables
        (about :math:`2 (n + 1) q + n^2` counts for the integer quota
        :math:`q`) nor the :math:`2^n` coalitions fit the
        ``max_entries``/``max_bytes`` limits (see :func:`gametheory_af.set_limits`).

    Notes
    -----
    Raw Banzhaf values are not efficient in general. For weighted voting games
    the swings are counted by generating functions (see :func:`shapley_shubik`).

    References
    ----------
    Banzhaf, J. F. (1965). Weighted voting doesn't work: a mathematical
    analysis. *Rutgers Law Review* 19, 317-343.

    Examples
    --------
    The 1958 EEC Council of Ministers: 42 swings in all, 10 for each large
    state, 6 for Belgium and the Netherlands, none for Luxembourg.

    >>> import gametheory_af as gt
    >>> eec = gt.WeightedVotingGame(12, [4, 4, 4, 2, 2, 1])
    >>> gt.banzhaf(eec, normalized=True).exact
    (Fraction(5, 21), Fraction(5, 21), Fraction(5, 21), Fraction(1, 7), Fraction(1, 7), Fraction(0, 1))
    >>> gt.banzhaf(eec).exact[0]
    Fraction(5, 16)
    """
    _check_game(game, "banzhaf")
    normalized = check_bool(normalized, "normalized", "banzhaf")
    n = game.n_players
    method = "banzhaf_normalized" if normalized else "banzhaf"
    half = 1 << (n - 1)
    if isinstance(game, WeightedVotingGame):
        swings = _wvg_swings(game, "banzhaf")
        counts = [sum(int(x) for x in swings[i, :]) for i in range(n)]
        vals = [Fraction(c, half) for c in counts]
    else:
        ex = game._exact_ints()
        if ex is not None:
            num, den = ex
            total, inc = _size_sums(num, n)
            grand = sum(int(t) for t in total)
            vals = [Fraction(2 * sum(int(x) for x in inc[i]) - grand, half * den) for i in range(n)]
        else:
            v = game.values
            masks = np.arange(1 << n)
            out = np.empty(n)
            for i in range(n):
                without = masks[(masks >> i) & 1 == 0]
                out[i] = (v[without | (1 << i)] - v[without]).sum() / half
            if not normalized:
                return Allocation(out, game.players, method)
            s = out.sum()
            if abs(s) <= 1e-15 * max(1.0, float(np.abs(out).max())):
                raise GameError("banzhaf: the raw Banzhaf values sum to zero; they cannot be normalized.")
            return Allocation(out / s, game.players, method)
    if normalized:
        s = sum(vals, Fraction(0))
        if s == 0:
            raise GameError("banzhaf: the raw Banzhaf values sum to zero; they cannot be normalized.")
        vals = [x / s for x in vals]
    return _allocation_from_fractions(vals, game.players, method)


# ============================================================================ core
def _as_point(game: CoalitionGame | WeightedVotingGame, x: Any, caller: str) -> tuple[np.ndarray, list[Fraction] | None]:
    n = game.n_players
    exact: list[Fraction] | None = None
    if isinstance(x, Allocation):
        arr = x.values
        exact = list(x.exact) if x.exact is not None else None
    else:
        if isinstance(x, (str, bytes)) or np.isscalar(x) or x is None:
            raise GameError(f"{caller}: x must be an allocation, one number per player; got {_short(x)}.")
        no_bools(x, "x", caller)
        arr = float_array(x, "x", caller)
        flat: list[Any] | None = None
        if arr.ndim == 1:
            if not isinstance(x, np.ndarray):
                flat = list(x)
            elif x.dtype == object or np.issubdtype(x.dtype, np.integer):
                flat = x.tolist()
        if flat is not None and all(is_rational_scalar(e) for e in flat):
            exact = [to_fraction(e) for e in flat]
    if arr.shape != (n,):
        raise GameError(f"{caller}: x must have one entry per player ({n}); got shape {arr.shape}.")
    if not np.all(np.isfinite(arr)):
        raise GameError(f"{caller}: x must be finite; got {_short(x)}.")
    return arr, exact


def in_core(game: CoalitionGame | WeightedVotingGame, x: Any, *, tol: float = 1e-9) -> bool:
    r"""Whether an allocation lies in the core: :math:`x(N) = v(N)` and :math:`x(S) \ge v(S)` for all :math:`S`.

    Parameters
    ----------
    game : CoalitionGame or WeightedVotingGame
    x : array_like of shape (n_players,) or Allocation
    tol : float, default 1e-9
        Absolute tolerance of the float test. Ignored when both the game and
        *x* are exact: the test is then exact.

    Returns
    -------
    bool

    Raises
    ------
    TypeError
        If *game* is not a coalition game, *x* holds ``True``/``False`` or
        *tol* is not a number.
    GameError
        If *x* is not one finite number per player or *tol* is negative or not
        finite; or, before any work, when the exact test's :math:`2^n` Python
        integers (counted at 40 bytes) exceed the ``max_entries``/``max_bytes``
        limits (see :func:`gametheory_af.set_limits`).

    Notes
    -----
    Checks all :math:`2^n` coalitions with one vectorised subset-sum pass. For a
    weighted voting game it uses the closed form (the core of a simple game is
    the set of imputations that give everything to the veto players;
    Maschler, Solan & Zamir 2013, chapter on the core).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.CoalitionGame([0, 0, 0, 1])
    >>> gt.in_core(g, [0.3, 0.7]), gt.in_core(g, [1.2, -0.2])
    (True, False)
    """
    _check_game(game, "in_core")
    tol = check_tol(tol, "in_core")
    arr, exact = _as_point(game, x, "in_core")
    if isinstance(game, WeightedVotingGame):
        veto = {game.players.index(p) for p in game.veto_players()}
        if exact is not None:
            return sum(exact, Fraction(0)) == 1 and all(
                e >= 0 and (e == 0 or i in veto) for i, e in enumerate(exact)
            )
        return bool(
            abs(arr.sum() - 1) <= tol
            and np.all(arr >= -tol)
            and all(abs(arr[i]) <= tol for i in range(game.n_players) if i not in veto)
        )
    ex = game._exact_ints()
    if exact is not None and ex is not None:
        _check_coalitions(game.n_players, "in_core", itemsize=40)  # Python integers
        num, den = ex
        lcd = _lcm(f.denominator for f in exact)
        xi = np.array([int(f * lcd) for f in exact], dtype=object)
        sums = _subset_sums(xi)  # x(S) * lcd
        lhs = sums * den
        rhs = num.astype(object) * lcd
        return bool(lhs[-1] == rhs[-1] and np.all(lhs >= rhs))
    sums = _subset_sums(arr)
    v = game.values
    return bool(abs(sums[-1] - v[-1]) <= tol and np.all(sums >= v - tol))


def core(game: CoalitionGame | WeightedVotingGame) -> CoreResult:
    r"""Decide whether the core is empty and, if not, return a point of it.

    The core is :math:`\{x \in \mathbb{R}^n : x(N) = v(N),\ x(S) \ge v(S)\ \forall S\}`
    (Gillies 1959). This solves the least-core linear programme

    .. math::

        \min_{x, \varepsilon} \varepsilon \quad\text{s.t.}\quad
        x(N) = v(N),\quad x(S) + \varepsilon \ge v(S)\ \ (\emptyset \ne S \ne N)

    with HiGHS (scipy.optimize.linprog). The core is nonempty exactly when the
    optimum :math:`\varepsilon^*` is at most 0 (within ``1e-9`` times the
    largest worth), and the optimal :math:`x` then lies in it (Maschler, Peleg
    & Shapley 1979, on the least core).

    Parameters
    ----------
    game : CoalitionGame or WeightedVotingGame

    Returns
    -------
    CoreResult

    Raises
    ------
    TypeError
        If *game* is not a coalition game.
    GameError
        Before any work, when the least-core LP's :math:`2^n - 2` coalition
        constraints exceed the ``max_calls`` limit, or their memory in HiGHS
        (estimated at ``LP_BYTES_PER_COALITION`` = 3 KB each, measured) the
        ``max_bytes`` limit: by default, more than 20 players (see
        :func:`gametheory_af.set_limits`).

    Notes
    -----
    The LP has :math:`2^n - 2` constraints on :math:`n + 1` variables. The
    emptiness decision is numerical (to the tolerance above); use
    :func:`in_core` for an exact membership test of a given point. For a
    weighted voting game the answer is in closed form: the core is nonempty
    exactly when there are veto players, and the returned point splits the
    worth equally among them (exact).

    References
    ----------
    Gillies, D. B. (1959). Solutions to general non-zero-sum games. In
    *Contributions to the Theory of Games IV*, 47-85.
    Bondareva, O. N. (1963); Shapley, L. S. (1967): the core is nonempty iff
    the game is balanced.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> majority = gt.CoalitionGame([0, 0, 0, 1, 0, 1, 1, 1])
    >>> res = gt.core(majority)
    >>> res.is_empty, round(res.epsilon, 6)
    (True, 0.333333)
    >>> unsc = gt.core(gt.WeightedVotingGame(39, [7] * 5 + [1] * 10))
    >>> unsc.exact[:6], unsc.epsilon
    ((Fraction(1, 5), Fraction(1, 5), Fraction(1, 5), Fraction(1, 5), Fraction(1, 5), Fraction(0, 1)), nan)
    """
    _check_game(game, "core")
    n = game.n_players
    if isinstance(game, WeightedVotingGame):
        ex = _veto_split(game)
        eps = _simple_least_core(game)
        if ex is None:
            # every player i is outside the winning coalition N \ {i}, so x(N \ {i}) >= 1 for all i
            # would force x(N) >= n / (n - 1) > 1: the core is empty.
            return CoreResult(True, None, eps, game.players)
        return CoreResult(False, np.array([float(e) for e in ex]), eps, game.players, ex)
    v = game.values
    if n == 1:
        return CoreResult(False, np.array([v[-1]]), float("-inf"), game.players)
    _check_lp(n, 1, LP_BYTES_PER_COALITION, "the least-core LP", "core")
    eps, x = _least_core_lp(game)
    x = x + 0.0  # no negative zeros
    eps += 0.0
    scale = max(1.0, float(np.abs(v).max()))
    empty = eps > 1e-9 * scale
    return CoreResult(bool(empty), None if empty else x, float(eps), game.players)


def _veto_split(game: WeightedVotingGame) -> tuple[Fraction, ...] | None:
    """Equal split among the veto players (None when there are none)."""
    veto = {game.players.index(p) for p in game.veto_players()}
    if not veto:
        return None
    share = Fraction(1, len(veto))
    return tuple(share if i in veto else Fraction(0) for i in range(game.n_players))


def _simple_least_core(game: WeightedVotingGame) -> float:
    if game.n_players == 1:  # no proper coalition constrains the lone player (as for a CoalitionGame)
        return float("-inf")
    if game.n_players <= 12:
        eps, _ = _least_core_lp(game.to_coalition_game())
        return float(eps) + 0.0
    return float("nan")


def _check_lp(n: int, stages: int, per_coalition: int, what: str, caller: str) -> None:
    """Refuse LPs over the 2**n - 2 proper coalitions beyond the ``max_calls`` and ``max_bytes`` limits."""
    rows = (1 << n) - 2
    check_count(rows * stages, "max_calls", f"coalition constraints over {stages} stage(s) of {what}", caller)
    check_bytes(rows, per_coalition, f"coalition constraints of {what} (about {per_coalition:,} bytes each in HiGHS)",
                caller)


def _least_core_lp(game: CoalitionGame) -> tuple[float, np.ndarray]:
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix, hstack

    n = game.n_players
    v = game.values
    masks = np.arange(1, (1 << n) - 1)
    A = _sparse_indicators(masks, n)
    A_ub = hstack([-A, csr_matrix(-np.ones((masks.size, 1)))]).tocsr()
    b_ub = -v[masks]
    A_eq = np.concatenate([np.ones(n), [0.0]])[None, :]
    c = np.zeros(n + 1)
    c[-1] = 1.0
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[v[-1]], bounds=[(None, None)] * (n + 1), method="highs")
    if res.status != 0:  # pragma: no cover - the least-core LP is always feasible and bounded for n >= 2
        raise GameError(f"core: the least-core linear programme failed: {res.message}")
    return float(res.x[-1]), np.asarray(res.x[:n], dtype=np.float64)


def _sparse_indicators(masks: np.ndarray, n: int) -> Any:
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for i in range(n):
        r = np.flatnonzero((masks >> i) & 1)
        rows.append(r)
        cols.append(np.full(r.size, i))
    rr = np.concatenate(rows)
    cc = np.concatenate(cols)
    return csr_matrix((np.ones(rr.size), (rr, cc)), shape=(masks.size, n))


# ============================================================================ nucleolus
def nucleolus(game: CoalitionGame | WeightedVotingGame, *, tol: float = 1e-9) -> Allocation:
    r"""The nucleolus: the imputation that lexicographically minimises the sorted vector of excesses.

    The excess of coalition :math:`S` at :math:`x` is :math:`e(S, x) = v(S) - x(S)`.
    The nucleolus (Schmeidler 1969) is the unique imputation
    (:math:`x(N) = v(N)`, :math:`x_i \ge v(\{i\})`) whose excess vector, sorted
    in decreasing order, is lexicographically smallest. It lies in the core
    whenever the core is nonempty.

    Parameters
    ----------
    game : CoalitionGame or WeightedVotingGame
    tol : float, default 1e-9
        Tolerance for positive dual prices and linear dependence.

    Returns
    -------
    Allocation
        ``method="nucleolus"``; exact (rational) when the game is exact and
        the exact linear system of the final stage reproduces the LP solution.

    Raises
    ------
    TypeError
        If *game* is not a coalition game or *tol* is not a number.
    GameError
        If *tol* is negative or not finite, or the imputation set is empty
        (:math:`\sum_i v(\{i\}) > v(N)`); or, before any work, when the
        :math:`n` stages of LPs over the :math:`2^n - 2` coalitions,
        :math:`n (2^n - 2)` constraints in all, exceed the ``max_calls`` limit,
        or one stage's memory in HiGHS (estimated at
        ``NUCLEOLUS_BYTES_PER_COALITION`` = 4 KB per coalition, measured) the
        ``max_bytes`` limit: by default, more than 17 players (see
        :func:`gametheory_af.set_limits`). A weighted voting game without veto
        players is expanded to :math:`2^n` values first, checked likewise.

    Notes
    -----
    Sequence of linear programmes of Maschler, Peleg & Shapley (1979): at stage
    :math:`k` minimise the largest excess :math:`\varepsilon_k` over the coalitions
    not yet fixed, keeping the excesses fixed at earlier stages. Coalitions
    whose constraint has a positive dual price are tight at *every* optimum
    (complementary slackness), so they are fixed at :math:`\varepsilon_k`, as
    are binding individual-rationality bounds; coalitions whose indicator
    vector becomes a linear combination of fixed ones are dropped, since their
    excess is then constant. Fixing by dual prices avoids the classic error of
    fixing every coalition tight at one optimal solution (Guajardo & Jornsten
    2015). Each stage raises the rank of the fixed set, so at most :math:`n`
    stages run, each an LP with up to :math:`2^n` rows. For exact games the
    final stage's equalities are solved again in rational arithmetic and
    checked exactly against every fixed coalition.

    For a weighted voting game with veto players the nucleolus is the equal
    split among the veto players (returned exactly without any LP); otherwise
    the game is expanded to its characteristic function.

    References
    ----------
    Schmeidler, D. (1969). The nucleolus of a characteristic function game.
    *SIAM J. Appl. Math.* 17(6), 1163-1170.
    Maschler, M., Peleg, B. and Shapley, L. S. (1979). Geometric properties of
    the kernel, nucleolus, and related solution concepts. *Math. Oper. Res.*
    4(4), 303-338.
    Guajardo, M. and Jornsten, K. (2015). Common mistakes in computing the
    nucleolus. *European Journal of Operational Research* 241(3), 931-935.
    Aumann, R. J. and Maschler, M. (1985). Game theoretic analysis of a
    bankruptcy problem from the Talmud. *J. Econ. Theory* 36(2), 195-213.

    Examples
    --------
    The Talmud's estate of 200 with claims 100, 200, 300 (Aumann & Maschler
    1985): :math:`v(S) = \max(0, E - \sum_{i \notin S} d_i)`.

    >>> import gametheory_af as gt
    >>> claims = {"a": 100, "b": 200, "c": 300}
    >>> talmud = gt.CoalitionGame.from_function(
    ...     lambda s: max(0, 200 - sum(d for p, d in claims.items() if p not in s)), list(claims))
    >>> gt.nucleolus(talmud).exact
    (Fraction(50, 1), Fraction(75, 1), Fraction(75, 1))
    """
    _check_game(game, "nucleolus")
    tol = check_tol(tol, "nucleolus")
    if isinstance(game, WeightedVotingGame):
        split = _veto_split(game)
        if split is not None:
            return _allocation_from_fractions(split, game.players, "nucleolus")
        if game.n_players > 1:
            _check_lp(game.n_players, game.n_players, NUCLEOLUS_BYTES_PER_COALITION, "the nucleolus LPs", "nucleolus")
        game = game._expand("nucleolus")
    elif game.n_players > 1:
        _check_lp(game.n_players, game.n_players, NUCLEOLUS_BYTES_PER_COALITION, "the nucleolus LPs", "nucleolus")
    return _nucleolus_lp(game, tol)


def _nucleolus_lp(game: CoalitionGame, tol: float) -> Allocation:
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix, hstack

    n = game.n_players
    v = game.values
    single = v[[1 << i for i in range(n)]]
    scale = max(1.0, float(np.abs(v).max()))
    if single.sum() > v[-1] + tol * scale:
        raise GameError(
            f"nucleolus: the imputation set is empty: the players' stand-alone worths sum to {single.sum():g} "
            f"> v(N) = {v[-1]:g}."
        )
    if n == 1:
        return _finish_nucleolus(game, np.array([v[-1]]), [], [], [])
    full = (1 << n) - 1
    free = np.arange(1, full)
    fixed_masks: list[int] = []  # coalitions fixed, with the stage index
    fixed_stage: list[int] = []
    stage_eps: list[float] = []
    ir_fixed: list[int] = []
    basis = np.ones((1, n)) / np.sqrt(n)  # orthonormal rows spanning the fixed vectors (starts with N)
    x = np.full(n, v[-1] / n)
    for stage in range(n + 1):
        if basis.shape[0] >= n or free.size == 0:
            break
        A_free = _sparse_indicators(free, n)
        A_ub = hstack([-A_free, csr_matrix(-np.ones((free.size, 1)))]).tocsr()
        b_ub = -v[free]
        eq_rows = [np.concatenate([np.ones(n), [0.0]])]
        b_eq = [v[-1]]
        if fixed_masks:
            Af = _indicator_matrix(np.array(fixed_masks), n)
            eq_rows.extend(np.concatenate([Af, np.zeros((len(fixed_masks), 1))], axis=1))
            b_eq.extend(v[fixed_masks] - np.array([stage_eps[s] for s in fixed_stage]))
        bounds = [(single[i], None) for i in range(n)] + [(None, None)]
        for i in ir_fixed:
            bounds[i] = (single[i], single[i])
        c = np.zeros(n + 1)
        c[-1] = 1.0
        res = linprog(
            c, A_ub=A_ub, b_ub=b_ub, A_eq=np.array(eq_rows), b_eq=b_eq,
            bounds=bounds, method="highs",
        )
        if res.status != 0:  # pragma: no cover - feasible and bounded by construction
            raise GameError(f"nucleolus: stage {stage} linear programme failed: {res.message}")
        eps = float(res.x[-1])
        x = np.asarray(res.x[:n], dtype=np.float64)
        duals = -np.asarray(res.ineqlin.marginals)
        dual_tol = tol * max(1.0, float(duals.max()))
        newly = free[duals > dual_tol]
        if newly.size == 0:  # pragma: no cover - duals of the free rows sum to 1
            excess = v[free] - _indicator_matrix(free, n) @ x
            newly = free[excess >= eps - tol * scale]
        stage_eps.append(eps)
        fixed_masks.extend(int(m) for m in newly)
        fixed_stage.extend([len(stage_eps) - 1] * newly.size)
        lower_duals = np.asarray(res.lower.marginals)
        vecs = [_indicator_matrix(newly, n)]
        for i in range(n):
            if i not in ir_fixed and lower_duals[i] > dual_tol:
                ir_fixed.append(i)
                vecs.append(np.eye(n)[i : i + 1])
        basis = _extend_basis(basis, np.concatenate(vecs), tol)
        remaining = free[~np.isin(free, newly)]
        if remaining.size:
            M = _indicator_matrix(remaining, n)
            resid = M - (M @ basis.T) @ basis
            remaining = remaining[np.abs(resid).max(axis=1) > 1e-7]
        free = remaining
    if basis.shape[0] >= n and fixed_masks:
        # Solve the fixed equalities for x (least squares of a consistent, full-rank system).
        Af = _indicator_matrix(np.array(fixed_masks), n)
        rows = np.vstack([np.ones((1, n)), Af, np.eye(n)[ir_fixed]])
        rhs = np.concatenate(
            [[v[-1]], v[fixed_masks] - np.array([stage_eps[s] for s in fixed_stage]), single[ir_fixed]]
        )
        x = np.linalg.lstsq(rows, rhs, rcond=None)[0]
    return _finish_nucleolus(game, x, fixed_masks, fixed_stage, ir_fixed)


def _extend_basis(basis: np.ndarray, vecs: np.ndarray, tol: float) -> np.ndarray:
    rows = list(basis)
    for vec in vecs:
        r = vec - sum((vec @ b) * b for b in rows)
        norm = float(np.linalg.norm(r))
        if norm > 1e-7:
            rows.append(r / norm)
    return np.array(rows)


def _finish_nucleolus(
    game: CoalitionGame, x: np.ndarray, fixed_masks: list[int], fixed_stage: list[int], ir_fixed: list[int]
) -> Allocation:
    n = game.n_players
    if not game.is_exact:
        return Allocation(x, game.players, "nucleolus")
    num, den = game._num, game._den  # type: ignore[misc]
    vals = _LazyExact(num, den)
    if n == 1:
        return _allocation_from_fractions([vals[-1]], game.players, "nucleolus")
    n_stages = max(fixed_stage, default=-1) + 1
    # Unknowns: x_0..x_{n-1}, eps_0..eps_{K-1}. Rows: x(N) = v(N); x(S) + eps_k = v(S); x_i = v({i}).
    rows: list[tuple[list[int], Fraction]] = [([1] * n + [0] * n_stages, vals[-1])]
    for m, k in zip(fixed_masks, fixed_stage):
        coeffs = [(m >> i) & 1 for i in range(n)] + [1 if j == k else 0 for j in range(n_stages)]
        rows.append((coeffs, vals[m]))
    for i in ir_fixed:
        rows.append(([1 if j == i else 0 for j in range(n)] + [0] * n_stages, vals[1 << i]))
    sol = _solve_exact(rows, n + n_stages)
    if sol is None:
        return Allocation(x, game.players, "nucleolus")
    xs = sol[:n]
    if max(abs(float(a) - b) for a, b in zip(xs, x)) > 1e-6 * max(1.0, float(np.abs(x).max())):
        return Allocation(x, game.players, "nucleolus")  # pragma: no cover - numerical misidentification
    return _allocation_from_fractions(xs, game.players, "nucleolus")


class _LazyExact:
    """``vals[mask]`` as a Fraction, computed on demand from integer numerators."""

    def __init__(self, num: Any, den: int) -> None:
        self._num, self._den = num, den

    def __getitem__(self, mask: int) -> Fraction:
        return Fraction(int(self._num[mask]), self._den)


def _solve_exact(rows: list[tuple[list[int], Fraction]], m: int) -> list[Fraction] | None:
    """Solve a consistent linear system of full column rank exactly; None if singular or inconsistent."""
    # choose m independent rows greedily (floats), solve them exactly, then verify every row exactly.
    chosen: list[int] = []
    basis: list[np.ndarray] = []
    for idx, (coeffs, _) in enumerate(rows):
        vec = np.array(coeffs, dtype=np.float64)
        r = vec - sum((vec @ b) * b for b in basis) if basis else vec
        norm = float(np.linalg.norm(r))
        if norm > 1e-9:
            basis.append(r / norm)
            chosen.append(idx)
            if len(chosen) == m:
                break
    if len(chosen) < m:
        return None
    aug = [[Fraction(c) for c in rows[i][0]] + [Fraction(rows[i][1])] for i in chosen]
    for col in range(m):
        piv = next((r for r in range(col, m) if aug[r][col] != 0), None)
        if piv is None:  # pragma: no cover - rows chosen independent
            return None
        aug[col], aug[piv] = aug[piv], aug[col]
        p = aug[col][col]
        aug[col] = [a / p for a in aug[col]]
        for r in range(m):
            if r != col and aug[r][col] != 0:
                f = aug[r][col]
                aug[r] = [a - f * b for a, b in zip(aug[r], aug[col])]
    sol = [aug[r][m] for r in range(m)]
    for coeffs, rhs in rows:
        if sum((Fraction(c) * s for c, s in zip(coeffs, sol) if c), Fraction(0)) != rhs:
            return None
    return sol
