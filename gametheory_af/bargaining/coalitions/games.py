r"""Coalition games: :class:`CoalitionGame` (transferable utility) and :class:`WeightedVotingGame`.

A transferable-utility (TU) game on players :math:`N = \{0, \dots, n-1\}` is a
characteristic function :math:`v: 2^N \to \mathbb{R}` with :math:`v(\emptyset) = 0`.
:class:`CoalitionGame` stores :math:`v` as a dense vector of length :math:`2^n`
indexed by bitmask (bit :math:`i` set when player :math:`i` is in the coalition).
:class:`WeightedVotingGame` is a simple game given by a quota and weights.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Union, cast

import numpy as np

from ..._limits import check_bytes, check_count
from ..._validation import (
    _short,
    check_bool,
    check_real,
    check_tol,
    float_array,
    is_rational_scalar,
    to_fraction,
    unique_names,
)
from ...exceptions import GameError
from .._checks import no_bools, not_astronomical, over_limit

__all__ = ["CoalitionGame", "WeightedVotingGame"]

Game = Union["CoalitionGame", "WeightedVotingGame"]


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


def _integer_form(weights: Sequence[Fraction], quota: Fraction) -> tuple[tuple[int, ...], int]:
    """Integer weights and quota of the same game: scaled by the common denominator, divided by the gcd.

    ``w(S) >= q`` if and only if ``w(S) / g >= ceil(q / g)`` for the integer weights'
    greatest common divisor ``g``, so the quota of the dynamic programmes is as small as
    the weights allow (populations in persons whose gcd is 1 stay as they are).
    """
    den = _lcm([f.denominator for f in weights] + [quota.denominator])
    ints = [int(f * den) for f in weights]
    g = math.gcd(*ints) or 1
    return tuple(x // g for x in ints), max(1, math.ceil(quota * den / g))


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
    return over_limit(caller, f"this asks for 2**{n} {what}", limit)


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

        Parameters
        ----------
        values : array_like
            The worth of every coalition, indexed by bitmask (length :math:`2^n`).
        players : sequence of str, optional
            The players' names.

        Returns
        -------
        CoalitionGame
            The game.

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
                names = tuple(sorted(set(cast("list[str]", members))))
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

        Parameters
        ----------
        coalition : iterable of str or int
            Player names or indices.

        Returns
        -------
        int
            The bitmask, bit ``i`` set for player ``i``.

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

        Returns
        -------
        float or Fraction
            The worth of the coalition.

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

        Returns
        -------
        numpy.ndarray
            Object array of length :math:`2^n`, indexed by coalition bitmask.

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

        Parameters
        ----------
        tol : float, default 0.0
            Absolute slack allowed in each inequality (float games; exact games
            are checked exactly).

        Returns
        -------
        bool
            Whether the game is convex.

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
    weight), scaled to integers by their common denominator and divided by the
    integer weights' greatest common divisor (weights in real units, such as
    populations in persons, are kept as given). :func:`banzhaf` and
    :func:`shapley_shubik` count swings exactly by one table of coalition
    counts for all players (a dynamic programme over weight sums below the
    integer quota :math:`q` [1]_): Banzhaf's table has :math:`q` counts, about
    :math:`16 q` bytes; Shapley-Shubik's adds the coalition size, about
    :math:`16 (n + 1) q` bytes (:math:`O(n^2 q)` operations). When that exceeds
    the ``max_entries``/``max_bytes`` limits (a huge quota), the indices are
    counted by meeting in the middle when about :math:`2^{n/2}` sums per half
    fit, else by enumerating the :math:`2^n` coalitions when those fit, and
    are otherwise refused up front (see :func:`gametheory_af.set_limits`).
    For several quotas see
    :class:`~gametheory_af.bargaining.coalitions.voting.MultiQuotaVotingGame`.

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
        self._int_w, self._int_q = _integer_form(self._w, self._q)

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

        Parameters
        ----------
        coalition : iterable of str or int
            Player names or indices.

        Returns
        -------
        bool
            Whether the coalition wins.

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

        Parameters
        ----------
        coalition : iterable of str or int
            Player names or indices.

        Returns
        -------
        int
            1 or 0.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> gt.WeightedVotingGame(3, [2, 1, 1]).value([0, 2])
        1
        """
        return int(self.is_winning(coalition))

    def veto_players(self) -> tuple[str, ...]:
        """Players without whom no coalition wins (the total weight less theirs is below quota).

        Returns
        -------
        tuple of str
            The veto players' names.

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

        Returns
        -------
        CoalitionGame
            The game's characteristic function.

        Raises
        ------
        GameError
            If the :math:`2^n` values exceed the ``max_entries``/``max_bytes``
            limits (by default, more than 26 players; see
            :func:`gametheory_af.set_limits`); the message points to the
            indices that do not need them. Checked before any work.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> gt.WeightedVotingGame(3, [2, 1, 1]).to_coalition_game().values
        array([0., 0., 0., 1., 0., 1., 0., 1.])
        """
        caller = "WeightedVotingGame.to_coalition_game"
        try:
            _check_coalitions(self.n_players, caller)
        except GameError as err:
            raise GameError(
                f"{err} gametheory_af.shapley_shubik and gametheory_af.banzhaf compute the indices of the "
                "weighted voting game itself without the 2**n coalitions."
            ) from None
        return self._expand(caller)

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


def _check_game(game: Any, caller: str) -> None:
    if not isinstance(game, (CoalitionGame, WeightedVotingGame)):
        raise TypeError(f"{caller}: game must be a CoalitionGame or WeightedVotingGame; got {type(game).__name__}.")
