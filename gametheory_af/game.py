"""The n-player normal-form game, an immutable value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from ._deprecation import warn_deprecated
from ._formats import game_dict, nashpy_bimatrix, nashpy_game, nfg_text, parse_game_dict
from ._lookup import player_index, strategy_index
from ._validation import (
    _short,
    check_finite,
    float_array,
    is_rational_scalar,
    to_float,
    to_fraction,
    unique_names,
)
from .exceptions import GameError

if TYPE_CHECKING:  # pragma: no cover
    import nashpy

    from .profiles import ProfileLike

__all__ = ["NormalFormGame"]

_CALLER = "NormalFormGame"


class NormalFormGame:
    r"""A finite game in normal (strategic) form with any number of players.

    Parameters
    ----------
    payoffs : array_like of shape (n, s_1, ..., s_n), or sequence of n array_likes of shape (s_1, ..., s_n)
        ``payoffs[i][a_1, ..., a_n]`` is player ``i``'s payoff when player ``k``
        plays strategy ``a_k``. Axis ``k + 1`` is player ``k``'s strategy, for
        every player (there is no per-player rotation of axes).
    players : sequence of str, optional
        Distinct player names; default ``"Player 1", "Player 2", ...``.
    strategies : sequence of sequences of str, optional
        Distinct strategy names for each player; default ``"s1", "s2", ...``.

    Attributes
    ----------
    payoffs : numpy.ndarray
        Read-only float64 copy of the payoff tensor, shape ``(n, s_1, ..., s_n)``.

    Raises
    ------
    GameError
        If the payoffs are ragged, of mismatched shapes, not finite (or beyond
        float64), or give a player no strategy, or if names are empty, of the
        wrong number or duplicated.
    TypeError
        If names are not sequences of strings.

    Notes
    -----
    A game is an immutable value: it copies its input, and methods such as
    :meth:`restrict` and :meth:`relabel` return new games. Its payoff array
    is a view of an immutable ``bytes`` buffer, so it cannot be written to
    and numpy refuses even ``g.payoffs.setflags(write=True)``; the exact
    payoffs are kept privately and :meth:`exact_payoffs` returns a copy. A
    game pickles (and unpickles) to an equal game with the same protections.

    When every payoff is an exact rational (``int``,
    :class:`fractions.Fraction`, a sympy ``Rational``) the exact values are kept
    and used by solvers run with ``exact=True``. Integers are never silently
    rounded: a Python ``int`` is always kept exactly, and an integer numpy
    array (exact in float64 only up to 2**53) is kept exactly as soon as one
    entry lies beyond 2**53 (then :attr:`is_exact` is true, :attr:`payoffs`
    holds the nearest floats and :meth:`exact_payoffs` the integers
    themselves). A payoff beyond the float64 range (``10**400``) is refused
    with a :class:`GameError`.

    Player and strategy names must be distinct non-empty strings, so that a
    name always identifies one player or one strategy. :func:`read_nfg`
    reads Gambit files whose labels are empty or repeated by renaming them as
    Gambit itself does (``""`` becomes ``"_1"``, a repeated ``"x"`` becomes
    ``"x_1"``, ``"x_2"``).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> g.payoffs.shape
    (2, 2, 2)
    >>> gt.expected_payoffs(g, (0, 1))
    array([0., 5.])
    >>> g.n_players, g.shape
    (2, (2, 2))
    """

    __slots__ = ("_payoffs", "_players", "_strategies", "_exact")

    def __init__(
        self,
        payoffs: Any,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
    ) -> None:
        arr, exact = _parse_payoffs(payoffs)
        players_t, strategies_t = _check_names(players, strategies, arr.shape[0], arr.shape[1:], _CALLER)
        self._payoffs = _frozen(arr)
        self._players = players_t
        self._strategies = strategies_t
        if exact is not None:
            exact.setflags(write=False)
        self._exact = exact

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_bimatrix(
        cls,
        A: Any,
        B: Any,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
    ) -> NormalFormGame:
        """Build a two-player game from the row player's and column player's matrices.

        Parameters
        ----------
        A, B : array_like of shape (m, n)
            Payoffs of the row player (player 0) and the column player (player 1).
        players, strategies : optional
            Names, as for :class:`NormalFormGame`.

        Returns
        -------
        NormalFormGame

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> g.is_zero_sum
        True
        """
        a = _matrix(A, "A")
        b = _matrix(B, "B")
        if np.shape(a) != np.shape(b):
            raise GameError(f"from_bimatrix: A and B must have the same shape; got {np.shape(a)} and {np.shape(b)}.")
        return cls([a, b], players=players, strategies=strategies)

    @classmethod
    def from_zero_sum(
        cls,
        A: Any,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
    ) -> NormalFormGame:
        """Build the two-player zero-sum game in which the row player gets ``A``.

        Parameters
        ----------
        A : array_like
            The row player's payoff matrix; the column player gets ``-A``.
        players : sequence of str, optional
            The two players' names.
        strategies : sequence of sequences of str, optional
            Each player's strategy names.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> gt.NormalFormGame.from_zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]).shape
        (3, 3)
        """
        a = _matrix(A, "A")
        neg: np.ndarray | list[list[Any]]
        if isinstance(a, np.ndarray) and a.dtype != object:
            neg = -a
        else:
            neg = [[-x for x in row] for row in a]
        return cls([a, neg], players=players, strategies=strategies)

    # ------------------------------------------------------------------ properties
    @property
    def payoffs(self) -> np.ndarray:
        """Read-only float64 payoff tensor of shape ``(n_players, s_1, ..., s_n)``."""
        return self._payoffs

    @property
    def n_players(self) -> int:
        """Number of players."""
        return int(self._payoffs.shape[0])

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(int(s) for s in self._payoffs.shape[1:])

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """Strategy names, one tuple per player."""
        return self._strategies

    @property
    def n_profiles(self) -> int:
        """Number of pure-strategy profiles."""
        return int(np.prod(self.shape, dtype=np.int64))

    @property
    def is_exact(self) -> bool:
        """True when the game was built from exact rational payoffs."""
        return self._exact is not None

    @property
    def is_zero_sum(self) -> bool:
        """True when the payoffs sum to zero at every profile (computed, not cached)."""
        total = self._payoffs.sum(axis=0)
        scale = max(1.0, float(np.abs(self._payoffs).max(initial=0.0)))
        return bool(np.all(np.abs(total) <= 1e-12 * scale))

    @property
    def is_constant_sum(self) -> bool:
        """True when the payoffs sum to the same constant at every profile."""
        total = self._payoffs.sum(axis=0)
        scale = max(1.0, float(np.abs(self._payoffs).max(initial=0.0)))
        return bool(np.ptp(total) <= 1e-12 * scale)

    @property
    def is_symmetric(self) -> bool:
        """True when all players have the same strategies and permuting players permutes payoffs."""
        from itertools import permutations

        n = self.n_players
        if len(set(self.shape)) > 1:
            return False
        for perm in permutations(range(n)):
            axes = [0] + [p + 1 for p in perm]
            permuted = np.transpose(self._payoffs, axes)[list(perm)]
            if not np.array_equal(permuted, self._payoffs):
                return False
        return True

    def exact_payoffs(self) -> np.ndarray:
        """The payoffs as an object array of :class:`fractions.Fraction`.

        Exact rational inputs are returned exactly; a float payoff is read as the
        shortest decimal that prints as it (``0.1`` is ``1/10``).

        Returns
        -------
        numpy.ndarray of object, shape ``(n_players, s_1, ..., s_n)``

        Examples
        --------
        >>> from fractions import Fraction
        >>> import gametheory_af as gt
        >>> g = gt.NormalFormGame([[Fraction(1, 3)]])
        >>> g.exact_payoffs()[0, 0]
        Fraction(1, 3)
        """
        if self._exact is not None:
            return self._exact.copy()
        flat = [to_fraction(x) for x in self._payoffs.ravel().tolist()]
        out = np.empty(len(flat), dtype=object)
        out[:] = flat
        return out.reshape(self._payoffs.shape)

    # ------------------------------------------------------------------ lookups
    def player_index(self, player: int | str) -> int:
        """Index of a player given by index or by name.

        Parameters
        ----------
        player : int or str
            A player index or name.

        Returns
        -------
        int
            The player's index.

        Raises
        ------
        GameError
            For an unknown name or an index out of range.
        TypeError
            For anything but an int or a str.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> gt.NormalFormGame.from_bimatrix([[1]], [[1]], players=["Row", "Col"]).player_index("Col")
        1
        """
        return self._player(player, None)

    def strategy_index(self, player: int | str, strategy: int | str) -> int:
        """Index of one of *player*'s strategies given by index or by name.

        Parameters
        ----------
        player : int or str
            A player index or name.
        strategy : int or str
            One of that player's strategies, by index or name.

        Returns
        -------
        int
            The strategy's index among *player*'s strategies.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.NormalFormGame.from_bimatrix([[1, 2]], [[1, 2]], strategies=[["U"], ["L", "R"]])
        >>> g.strategy_index(1, "R")
        1
        """
        # No caller prefix: callers such as the profile parser prefix these messages themselves.
        return self._strategy(self._player(player, None), strategy, None)

    def _player(self, player: Any, caller: str | None, name: str = "player") -> int:
        return player_index(self._players, player, caller, name)

    def _strategy(self, i: int, strategy: Any, caller: str | None, name: str = "strategy") -> int:
        return strategy_index(self._players, self._strategies, i, strategy, caller, name)

    # ------------------------------------------------------------------ payoffs of profiles
    def payoff(self, profile: ProfileLike) -> np.ndarray:
        """Deprecated: use :func:`gametheory_af.expected_payoffs` (``expected_payoffs(game, profile)``).

        Every player's expected payoff at a pure or mixed profile.

        Parameters
        ----------
        profile : tuple
            One entry per player: a strategy index or name (pure), or a
            probability vector (mixed).

        Returns
        -------
        numpy.ndarray of shape (n_players,)

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> gt.expected_payoffs(g, ([0.5, 0.5], [0.5, 0.5]))  # was g.payoff(...)
        array([0., 0.])
        """
        from .profiles import expected_payoffs  # the deprecated method only: profiles builds on game

        warn_deprecated("NormalFormGame.payoff(profile)", "gametheory_af.expected_payoffs(game, profile)")
        return expected_payoffs(self, profile)

    # ------------------------------------------------------------------ new games
    def restrict(
        self,
        player: int | str | Mapping[int | str, Iterable[int | str]],
        strategies: Iterable[int | str] | None = None,
    ) -> NormalFormGame:
        """The game in which players may only use some of their strategies (kept in the order given).

        Parameters
        ----------
        player : int, str or mapping
            The player whose strategies are restricted (index or name), with
            *strategies*; or a mapping ``{player: strategies}`` restricting
            several players at once (players left out keep all strategies).
        strategies : iterable of int or str, optional
            The strategies *player* keeps (indices or names); required with a
            single player, not allowed with a mapping.

        Returns
        -------
        NormalFormGame
            A new game; this one is unchanged.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.NormalFormGame.from_bimatrix([[1, 2, 3]], [[4, 5, 6]])
        >>> g.restrict(1, [0, 2]).payoffs[1]
        array([[4., 6.]])
        >>> g = gt.NormalFormGame.from_bimatrix([[1, 2], [3, 4]], [[5, 6], [7, 8]])
        >>> g.restrict({0: [1], 1: [1, 0]}).payoffs.tolist()
        [[[4.0, 3.0]], [[8.0, 7.0]]]
        """
        subsets: list[list[int] | None] = [None] * self.n_players
        if isinstance(player, Mapping):
            if strategies is not None:
                raise TypeError("restrict: strategies must be left out when player is a mapping {player: strategies}.")
            labels: dict[int, str] = {}
            for key, chosen_k in player.items():
                i = self._player(key, "restrict")
                if subsets[i] is not None:
                    raise GameError(f"restrict: player {self._players[i]!r} appears twice in the mapping.")
                label = f"strategies of player {key!r}"
                chosen = _strategy_list(chosen_k, label, "restrict")
                subsets[i] = [self._strategy(i, s, "restrict", f"{label} entry") for s in chosen]
                labels[i] = label
            return self._subgame(subsets, "restrict", lambda k: labels[k])
        i = self._player(player, "restrict")
        if strategies is None:
            raise TypeError("restrict: strategies is required when player is a single player.")
        chosen = _strategy_list(strategies, "strategies", "restrict")
        subsets[i] = [self._strategy(i, s, "restrict", "strategies entry") for s in chosen]
        return self._subgame(subsets, "restrict", lambda k: "strategies")

    def subgame(self, subsets: Sequence[Iterable[int | str] | None]) -> NormalFormGame:
        """Deprecated: use :meth:`restrict` with a mapping ``{player: strategies}``.

        Parameters
        ----------
        subsets : sequence of n iterables of strategies, or None
            ``subsets[k]`` lists the strategies player ``k`` keeps (indices or
            names); ``None`` keeps them all.

        Returns
        -------
        NormalFormGame
            The restricted game, as :meth:`restrict` returns it.

        Warns
        -----
        DeprecationWarning
            Always: "subgame" names a different idea (a subtree of an
            extensive-form game).

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.NormalFormGame.from_bimatrix([[1, 2], [3, 4]], [[5, 6], [7, 8]])
        >>> g.restrict({0: [1]}).payoffs.tolist()  # was g.subgame([[1], None])
        [[[3.0, 4.0]], [[7.0, 8.0]]]
        """
        warn_deprecated("NormalFormGame.subgame(subsets)", "NormalFormGame.restrict({player: strategies})")
        if isinstance(subsets, (str, bytes)) or not isinstance(subsets, Sequence):
            raise TypeError(
                f"subgame: subsets must be a sequence with one entry per player; got {_short(subsets)} ({type(subsets).__name__})."
            )
        if len(subsets) != self.n_players:
            raise GameError(f"subgame: subsets must have one entry per player ({self.n_players}); got {len(subsets)}.")
        idx: list[list[int] | None] = []
        for k, sub in enumerate(subsets):
            if sub is None:
                idx.append(None)
                continue
            chosen = _strategy_list(sub, f"subsets[{k}]", "subgame")
            idx.append([self._strategy(k, s, "subgame", f"subsets[{k}] entry") for s in chosen])
        return self._subgame(idx, "subgame", lambda k: f"subsets[{k}]")

    def _subgame(self, subsets: Sequence[list[int] | None], caller: str, label: Any) -> NormalFormGame:
        idx: list[list[int]] = []
        for k, chosen in enumerate(subsets):
            if chosen is None:
                idx.append(list(range(self.shape[k])))
                continue
            if not chosen:
                raise GameError(f"{caller}: {label(k)} is empty; every player needs at least one strategy.")
            if len(set(chosen)) != len(chosen):
                raise GameError(f"{caller}: {label(k)} repeats a strategy: {chosen!r}.")
            idx.append(chosen)
        grid = np.ix_(range(self.n_players), *idx)
        new = self._payoffs[grid]
        exact = self._exact[grid] if self._exact is not None else None
        strategies = [[self._strategies[k][j] for j in ids] for k, ids in enumerate(idx)]
        return self._new(new, exact, self._players, strategies)

    def relabel(
        self,
        *,
        players: Sequence[str] | Mapping[str, str] | None = None,
        strategies: Sequence[Sequence[str]] | Mapping[str, Sequence[str]] | None = None,
    ) -> NormalFormGame:
        """The same game with new player and/or strategy names.

        Parameters
        ----------
        players : sequence of str or mapping old -> new, optional
        strategies : sequence of sequences of str, or mapping player name -> names, optional

        Returns
        -------
        NormalFormGame
            A new game with the same payoffs; this one is unchanged.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.NormalFormGame.from_bimatrix([[1]], [[2]])
        >>> g.relabel(players={"Player 1": "Kabul"}).players
        ('Kabul', 'Player 2')
        """
        new_players: Any
        if players is None:
            new_players = self._players
        elif isinstance(players, Mapping):
            unknown = [p for p in players if p not in self._players]
            if unknown:
                raise GameError(f"relabel: unknown player {_short(unknown[0])} in players; players are {self._players!r}.")
            new_players = [players.get(p, p) for p in self._players]
        else:
            new_players = players
        new_strats: Any
        if strategies is None:
            new_strats = self._strategies
        elif isinstance(strategies, Mapping):
            lst: list[Any] = list(self._strategies)
            for p, names in strategies.items():
                lst[self._player(p, "relabel", "strategies key")] = names
            new_strats = lst
        else:
            new_strats = strategies
        players_t, strategies_t = _check_names(new_players, new_strats, self.n_players, self.shape, "relabel")
        return self._new(self._payoffs, self._exact, players_t, strategies_t)

    def permute_players(self, order: Sequence[int | str]) -> NormalFormGame:
        """The same game with the players listed in a new order.

        ``order[k]`` is the old player who becomes player ``k``.

        Parameters
        ----------
        order : sequence of int or str
            A permutation of the players (indices or names).

        Returns
        -------
        NormalFormGame
            A new game; this one is unchanged.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.NormalFormGame.from_bimatrix([[1, 2]], [[3, 4]])
        >>> g.permute_players([1, 0]).payoffs[0].tolist()
        [[3.0], [4.0]]
        """
        items = _strategy_list(order, "order", "permute_players")
        perm = [self._player(p, "permute_players", "order entry") for p in items]
        if sorted(perm) != list(range(self.n_players)):
            raise GameError(
                f"permute_players: order must be a permutation of the {self.n_players} players; got {_short(list(items))}."
            )
        axes = [0] + [p + 1 for p in perm]
        new = np.transpose(self._payoffs, axes)[perm]
        exact = np.transpose(self._exact, axes)[perm] if self._exact is not None else None
        return self._new(new, exact, [self._players[p] for p in perm], [self._strategies[p] for p in perm])

    def permute_strategies(self, player: int | str, order: Sequence[int | str]) -> NormalFormGame:
        """The same game with *player*'s strategies listed in a new order.

        ``order[j]`` is the old strategy that becomes strategy ``j``.

        Parameters
        ----------
        player : int or str
            The player (index or name).
        order : sequence of int or str
            A permutation of *player*'s strategies (indices or names).

        Returns
        -------
        NormalFormGame
            A new game; this one is unchanged.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.NormalFormGame.from_bimatrix([[1], [2]], [[3], [4]])
        >>> g.permute_strategies(0, [1, 0]).payoffs[0].tolist()
        [[2.0], [1.0]]
        """
        i = self._player(player, "permute_strategies")
        items = _strategy_list(order, "order", "permute_strategies")
        perm = [self._strategy(i, s, "permute_strategies", "order entry") for s in items]
        if sorted(perm) != list(range(self.shape[i])):
            raise GameError(
                f"permute_strategies: order must be a permutation of player {i}'s {self.shape[i]} strategies; "
                f"got {_short(list(items))}."
            )
        subsets: list[list[int] | None] = [None] * self.n_players
        subsets[i] = perm
        return self._subgame(subsets, "permute_strategies", lambda k: "order")

    def _new(
        self,
        payoffs: np.ndarray,
        exact: np.ndarray | None,
        players: Sequence[str],
        strategies: Sequence[Sequence[str]],
    ) -> NormalFormGame:
        obj = object.__new__(NormalFormGame)
        obj._payoffs = _frozen(payoffs)
        obj._players = tuple(players)
        obj._strategies = tuple(tuple(s) for s in strategies)
        if exact is not None:
            exact = np.array(exact, dtype=object)
            exact.setflags(write=False)
        obj._exact = exact
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        exact = None if self._exact is None else list(self._exact.ravel())
        return (_unpickle, (self._payoffs.tobytes(), self._payoffs.shape, exact, self._players, self._strategies))

    # ------------------------------------------------------------------ conversions
    def to_nashpy(self) -> nashpy.Game:
        """Convert a two-player game to a :class:`nashpy.Game`.

        Returns
        -------
        nashpy.Game
            The game with float payoff matrices.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> gt.NormalFormGame.from_bimatrix([[1, 0]], [[0, 1]]).to_nashpy().payoff_matrices[0]
        array([[1., 0.]])
        """
        return nashpy_game(self)

    @classmethod
    def from_nashpy(cls, game: nashpy.Game) -> NormalFormGame:
        """Build a game from a :class:`nashpy.Game`.

        Parameters
        ----------
        game : nashpy.Game
            A two-player nashpy game.

        Examples
        --------
        >>> import nashpy, gametheory_af as gt
        >>> gt.NormalFormGame.from_nashpy(nashpy.Game([[1, 2]], [[3, 4]])).shape
        (1, 2)
        """
        return cls.from_bimatrix(*nashpy_bimatrix(game))

    def to_nfg(self, title: str = "gametheory_af game") -> str:
        """The game in Gambit's ``.nfg`` outcome-free (payoff) text format.

        Parameters
        ----------
        title : str, default "gametheory_af game"
            The title written in the file's header.

        Returns
        -------
        str
            The ``.nfg`` text.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> print(gt.NormalFormGame.from_bimatrix([[1]], [[2]]).to_nfg().splitlines()[0])
        NFG 1 R "gametheory_af game" { "Player 1" "Player 2" }
        """
        return nfg_text(self, title)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with players, strategies and payoffs.

        Exact games store payoffs as strings such as ``"1/3"``.

        Returns
        -------
        dict
            Keys ``players``, ``strategies``, ``payoffs`` and ``exact``; :meth:`from_dict`
            reads it back.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> gt.NormalFormGame.from_bimatrix([[1]], [[2]]).to_dict()["payoffs"]
        [[[1]], [[2]]]
        """
        return game_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NormalFormGame:
        """Inverse of :meth:`to_dict`.

        Parameters
        ----------
        data : mapping
            A dict as :meth:`to_dict` writes (see :func:`gametheory_af.io.game_from_dict`).

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.NormalFormGame.from_bimatrix([[1]], [[2]])
        >>> gt.NormalFormGame.from_dict(g.to_dict()) == g
        True
        """
        payoffs, players, strategies = parse_game_dict(data)
        return cls(payoffs, players=players, strategies=strategies)

    # ------------------------------------------------------------------ dunder
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        same = (
            self._players == other._players
            and self._strategies == other._strategies
            and self._payoffs.shape == other._payoffs.shape
            and bool(np.array_equal(self._payoffs, other._payoffs))
        )
        if same and self._exact is not None and other._exact is not None:
            # Exact payoffs can differ where their nearest floats agree (beyond 2**53).
            same = bool(np.all(self._exact == other._exact))
        return same

    def __hash__(self) -> int:
        return hash((self._players, self._strategies, self._payoffs.shape, self._payoffs.tobytes()))

    def __repr__(self) -> str:
        if self.n_players == 2 and self.n_profiles <= 16:
            a = self._payoffs[0].tolist()
            b = self._payoffs[1].tolist()
            return f"NormalFormGame.from_bimatrix({_fmt_nested(a)}, {_fmt_nested(b)}, players={self._players!r})"
        return f"<NormalFormGame players={self._players!r} shape={self.shape!r}>"

    def __str__(self) -> str:
        if self.n_players != 2:
            lines = [f"{self.n_players}-player game, strategies {self.shape}"]
            for i, p in enumerate(self._players):
                lines.append(f"  {p}: {', '.join(self._strategies[i])}")
            return "\n".join(lines)
        rows, cols = self._strategies
        cells = [[f"{_fmt(self._payoffs[0, r, c])}, {_fmt(self._payoffs[1, r, c])}" for c in range(len(cols))] for r in range(len(rows))]
        head = [f"{self._players[0]} \\ {self._players[1]}"] + list(cols)
        body = [[rows[r]] + cells[r] for r in range(len(rows))]
        widths = [max(len(line[k]) for line in [head, *body]) for k in range(len(head))]
        out = ["  ".join(h.ljust(w) if k == 0 else h.rjust(w) for k, (h, w) in enumerate(zip(head, widths)))]
        for line in body:
            out.append("  ".join(x.ljust(w) if k == 0 else x.rjust(w) for k, (x, w) in enumerate(zip(line, widths))))
        return "\n".join(out)


def _frozen(values: Any) -> np.ndarray:
    """A float64 copy of *values* over an immutable ``bytes`` buffer.

    numpy refuses to make an array over ``bytes`` writeable, so neither the
    game's payoffs nor any view of them can be changed in place.
    """
    arr = np.ascontiguousarray(values, dtype=np.float64)
    return np.frombuffer(arr.tobytes(), dtype=np.float64).reshape(arr.shape)


def _unpickle(
    data: bytes,
    shape: tuple[int, ...],
    exact: list[Fraction] | None,
    players: tuple[str, ...],
    strategies: tuple[tuple[str, ...], ...],
) -> NormalFormGame:
    """Rebuild a pickled game (see ``NormalFormGame.__reduce__``) with read-only payoffs."""
    obj = object.__new__(NormalFormGame)
    arr = np.frombuffer(bytes(data), dtype=np.float64)
    if arr.size != int(np.prod(shape, dtype=object)):
        raise GameError(f"NormalFormGame: a pickled game holds {arr.size} payoffs for shape {shape}.")
    obj._payoffs = arr.reshape(shape)
    obj._players = tuple(players)
    obj._strategies = tuple(tuple(x) for x in strategies)
    if exact is not None:
        ex = np.empty(len(exact), dtype=object)
        ex[:] = exact
        ex = ex.reshape(shape)
        ex.setflags(write=False)
        obj._exact = ex
    else:
        obj._exact = None
    return obj


def _name_list(values: Any, expected: int, name: str, caller: str) -> tuple[str, ...]:
    """*expected* distinct non-empty strings (TypeError for a wrong type, GameError for wrong values)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise TypeError(
            f"{caller}: {name} must be a sequence of {expected} names; got {_short(values)} ({type(values).__name__})."
        )
    for v in values:
        if not isinstance(v, str):
            raise TypeError(f"{caller}: {name} must hold strings; got {_short(v)} ({type(v).__name__}).")
    return unique_names(values, expected, name, caller)


def _check_names(
    players: Any, strategies: Any, n: int, shape: Sequence[int], caller: str
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Checked player and strategy names (defaults for ``None``)."""
    if players is None:
        players_t = tuple(f"Player {i + 1}" for i in range(n))
    else:
        players_t = _name_list(players, n, "players", caller)
    if strategies is None:
        return players_t, tuple(tuple(f"s{j + 1}" for j in range(s)) for s in shape)
    if isinstance(strategies, (str, bytes)) or not isinstance(strategies, Sequence):
        raise TypeError(
            f"{caller}: strategies must be a sequence of {n} sequences of names; "
            f"got {_short(strategies)} ({type(strategies).__name__})."
        )
    if len(strategies) != n:
        raise GameError(
            f"{caller}: strategies must have one sequence of names per player ({n}); got {len(strategies)}: {_short(strategies)}."
        )
    strategies_t = tuple(_name_list(names, shape[i], f"strategies[{i}]", caller) for i, names in enumerate(strategies))
    return players_t, strategies_t


def _strategy_list(values: Any, name: str, caller: str) -> list[Any]:
    """A finite iterable of indices or names, not a single string."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(
            f"{caller}: {name} must be a list of indices or names; got {_short(values)} ({type(values).__name__})."
        )
    return list(values)


def _floats(value: Any, name: str, caller: str) -> np.ndarray:
    """:func:`float_array`, with a GameError (not OverflowError) for an entry beyond float64."""
    try:
        return float_array(value, name, caller)
    except OverflowError:
        for x in _flatten(value):
            to_float(x, f"{name} entry", caller)
        raise GameError(f"{caller}: {name} has an entry beyond the float64 range (about 1.8e308).") from None


#: Integers up to this magnitude are exact in float64.
_FLOAT_EXACT_INT = 2**53


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e15 else f"{x:.6g}"


def _fmt_nested(values: Any) -> str:
    if isinstance(values, list):
        return "[" + ", ".join(_fmt_nested(v) for v in values) + "]"
    return _fmt(values)


def _matrix(M: Any, name: str) -> Any:
    """Check a 2-D payoff matrix and return it unconverted (so exact values survive)."""
    arr = _floats(M, name, "from_bimatrix")
    if arr.ndim != 2:
        raise GameError(f"from_bimatrix: {name} must be a 2-D matrix; got an array of shape {arr.shape}.")
    if _all_rational(M):
        obj = np.empty(arr.shape, dtype=object)
        flat = [to_fraction(x) for x in _flatten(M)]
        obj.ravel()[:] = flat
        return obj
    return arr


def _flatten(x: Any) -> list[Any]:
    if isinstance(x, np.ndarray):
        return list(x.ravel().tolist()) if x.dtype != object else list(x.ravel())
    if isinstance(x, (list, tuple)):
        out: list[Any] = []
        for v in x:
            out.extend(_flatten(v))
        return out
    return [x]


def _all_rational(x: Any) -> bool:
    if isinstance(x, np.ndarray):
        if np.issubdtype(x.dtype, np.integer) or x.dtype == np.bool_:
            return True
        if x.dtype != object:
            return False
    try:
        return all(is_rational_scalar(v) for v in _flatten(x))
    except TypeError:
        return False


def _parse_payoffs(payoffs: Any) -> tuple[np.ndarray, np.ndarray | None]:
    """Return the float64 payoff tensor and, for exact input, an object tensor of Fractions."""
    if isinstance(payoffs, NormalFormGame):
        return payoffs.payoffs.copy(), (payoffs._exact.copy() if payoffs._exact is not None else None)
    if isinstance(payoffs, (str, bytes)) or np.isscalar(payoffs):
        raise GameError(f"{_CALLER}: payoffs must be an array of shape (n_players, s_1, ..., s_n); got {payoffs!r}.")
    if isinstance(payoffs, np.ndarray) and payoffs.dtype != object:
        arr = _floats(payoffs, "payoffs", _CALLER)
    else:
        # A sequence of per-player arrays: check each for a precise message.
        try:
            parts = list(payoffs)
        except TypeError:
            raise GameError(f"{_CALLER}: payoffs must be array_like; got {type(payoffs).__name__}.") from None
        if not parts:
            raise GameError(f"{_CALLER}: payoffs is empty; a game needs at least one player.")
        arrays = [_floats(p, f"payoffs[{i}]", _CALLER) for i, p in enumerate(parts)]
        for i, a in enumerate(arrays[1:], start=1):
            if a.shape != arrays[0].shape:
                raise GameError(
                    f"{_CALLER}: payoffs[{i}] has shape {a.shape} but payoffs[0] has shape {arrays[0].shape}; "
                    "every player's payoffs need the same shape."
                )
        arr = np.stack(arrays) if arrays[0].ndim > 0 else np.asarray(arrays, dtype=np.float64)
    if arr.ndim < 2:
        raise GameError(f"{_CALLER}: payoffs must have shape (n_players, s_1, ..., s_n); got shape {arr.shape}.")
    n = arr.shape[0]
    if arr.ndim != n + 1:
        raise GameError(
            f"{_CALLER}: payoffs of shape {arr.shape} describe {n} players but have {arr.ndim - 1} strategy axes; "
            f"expected shape (n_players, s_1, ..., s_n) with n_players = number of strategy axes."
        )
    if 0 in arr.shape[1:]:
        k = arr.shape[1:].index(0)
        raise GameError(f"{_CALLER}: player {k} has zero strategies (payoffs shape {arr.shape}); each needs at least one.")
    check_finite(arr, "payoffs", _CALLER)
    exact: np.ndarray | None = None
    if not (isinstance(payoffs, np.ndarray) and payoffs.dtype != object) and _all_rational(payoffs):
        flat = [to_fraction(v) for v in _flatten(payoffs)]
        if len(flat) == arr.size:
            exact = np.empty(arr.size, dtype=object)
            exact[:] = flat
            exact = exact.reshape(arr.shape)
    elif isinstance(payoffs, np.ndarray) and np.issubdtype(payoffs.dtype, np.integer) and payoffs.size:
        # Integers are exact in float64 up to 2**53 (and exact_payoffs() recovers them from
        # the floats); beyond that the exact integers are kept rather than silently rounded.
        if int(payoffs.max()) > _FLOAT_EXACT_INT or int(payoffs.min()) < -_FLOAT_EXACT_INT:
            exact = np.empty(payoffs.size, dtype=object)
            exact[:] = [Fraction(v) for v in payoffs.ravel().tolist()]
            exact = exact.reshape(arr.shape)
    return arr, exact
