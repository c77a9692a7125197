"""The core and the nucleolus (linear programming), and their results :class:`Allocation`, :class:`CoreResult`.

References
----------
.. [1] Schmeidler, D. (1969). The nucleolus of a characteristic function game.
   *SIAM Journal on Applied Mathematics* 17(6), 1163-1170.
.. [2] Maschler, M., Peleg, B. and Shapley, L. S. (1979). Geometric properties
   of the kernel, nucleolus, and related solution concepts. *Mathematics of
   Operations Research* 4(4), 303-338.
.. [3] Maschler, M., Solan, E. and Zamir, S. (2013). *Game Theory*. Cambridge
   University Press.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

import numpy as np

from ..._exact import solve_square_floats, solve_tall
from ..._limits import check_bytes, check_count
from ..._validation import (
    _short,
    check_tol,
    float_array,
    is_rational_scalar,
    to_fraction,
)
from ...exceptions import GameError
from ...result import ResultMixin
from .._checks import no_bools
from .games import (
    CoalitionGame,
    WeightedVotingGame,
    _check_coalitions,
    _check_game,
    _indicator_matrix,
    _lcm,
    _player_index,
    _subset_sums,
)

__all__ = ["Allocation", "CoreResult", "core", "in_core", "nucleolus"]

#: Estimated bytes per coalition constraint of the least-core LP in HiGHS (measured: about 2.8 KB
#: per coalition at 16-18 players), used to check :func:`core` against ``max_bytes`` up front.
LP_BYTES_PER_COALITION = 3072
#: The same for the former nucleolus LPs over all coalitions (about 3.5 KB per coalition at 14-16 players);
#: no longer used (:func:`nucleolus` solves its LPs on small working sets of coalitions) and deprecated:
#: reading ``NUCLEOLUS_BYTES_PER_COALITION`` warns (module ``__getattr__`` below).
_NUCLEOLUS_BYTES_PER_COALITION = 4096


def _deprecated_nucleolus_bytes() -> int:
    """``NUCLEOLUS_BYTES_PER_COALITION``, with its DeprecationWarning (for a module ``__getattr__`` to return)."""
    import warnings

    warnings.warn(
        "NUCLEOLUS_BYTES_PER_COALITION is deprecated and no longer used: nucleolus() solves its LPs on "
        "small working sets of coalitions, not on all of them; it will be removed.",
        DeprecationWarning,
        stacklevel=3,  # the line that read the name, past the module __getattr__
    )
    return _NUCLEOLUS_BYTES_PER_COALITION


def __getattr__(name: str) -> Any:
    if name == "NUCLEOLUS_BYTES_PER_COALITION":
        return _deprecated_nucleolus_bytes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# ============================================================================ results
@dataclass(frozen=True, eq=False)
class Allocation(ResultMixin):
    """One number per player: a value (Shapley, nucleolus) or a power index.

    Parameters
    ----------
    values, players, method, exact : see Attributes
        Each sets the attribute of the same name.

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
        """True when ``exact`` holds rational values."""
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
        """``{player: value}``, with exact :class:`~fractions.Fraction` values when available.

        Returns
        -------
        dict
            Player name -> value.
        """
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

    Parameters
    ----------
    is_empty, point, epsilon, players, exact : see Attributes
        Each sets the attribute of the same name.

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


def _allocation_from_fractions(vals: Sequence[Fraction], players: tuple[str, ...], method: str) -> Allocation:
    return Allocation(np.array([float(x) for x in vals]), players, method, tuple(vals))


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
    sol = cast(np.ndarray, res.x)
    return float(sol[-1]), np.asarray(sol[:n], dtype=np.float64)


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
        (:math:`\sum_i v(\{i\}) > v(N)`); for a weighted voting game without
        veto players, before any work, when the smaller of its :math:`2^n`
        worths and the oracle's :math:`(n + 1)(q + 1)` knapsack table exceeds
        the ``max_entries``/``max_bytes`` limits (see
        :func:`gametheory_af.set_limits`), or when the oracle lists 200,000
        coalitions in one call without finding enough outside the span of the
        fixed ones (never seen on the games tested).

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
    stages run.

    Each stage's LP is solved by constraint generation (Hallefjord, Helming &
    Jornsten 1995): on a working set of coalitions (first the :math:`n`
    singletons and the :math:`n` coalitions :math:`N \setminus \{i\}`), grown
    by a separation oracle that returns the coalitions outside the span of the
    fixed ones whose excess exceeds the LP's :math:`\varepsilon` by more than
    ``max(tol, 1e-7)`` times the largest worth, until there are none. The LPs
    thus have a few dozen to a few hundred rows instead of :math:`2^n - 2`.

    * For a :class:`CoalitionGame` the oracle is one vectorised pass over the
      stored :math:`2^n` worths, in blocks of :math:`2^{20}` coalitions
      (8 MiB each), so it needs no memory beyond the game's own :math:`2^n`
      values (16 bytes each for an exact game): the limit is the game's storage,
      about 25 players by default. Measured on a shared 2-core machine
      (``benchmarks/bench_nucleolus.py``): 14 players in 10-25 ms, 20 in
      0.2-0.45 s, 25 in 1.3-2.2 s; the former LPs over all coalitions took
      0.5-0.9 s at 14 players and ran out of memory from about 20.
    * For a :class:`WeightedVotingGame` the oracle lists coalitions in
      decreasing order of excess by Lawler's (1972) partition, each part solved
      by a covering-knapsack dynamic programme over the integer weights
      (winning coalitions by increasing :math:`x(S)` subject to
      :math:`w(S) \ge q`; losing ones through their complements), so no table
      of :math:`2^n` worths is built: :math:`O(n q)` operations per programme
      on :math:`(n + 1)(q + 1)` floats. Measured: random weights 1-100 and a
      simple majority, 50 voters in 2-2.3 s, 75 in 4-4.5 s, 100 in 11-13 s.
      When :math:`2^n` is the smaller table, the
      game is expanded to its worths and scanned instead. A game with veto
      players takes the closed form below without any LP.

    For exact games the final stage's equalities are solved again in rational
    arithmetic and checked exactly against every fixed coalition, so the
    answer is exact (:class:`~fractions.Fraction`) whenever the fixed sets
    were identified correctly in floating point; otherwise the float answer is
    returned with ``exact=None``.

    For a weighted voting game with veto players the nucleolus is the equal
    split among the veto players (returned exactly without any LP).

    References
    ----------
    Schmeidler, D. (1969). The nucleolus of a characteristic function game.
    *SIAM J. Appl. Math.* 17(6), 1163-1170.
    Maschler, M., Peleg, B. and Shapley, L. S. (1979). Geometric properties of
    the kernel, nucleolus, and related solution concepts. *Math. Oper. Res.*
    4(4), 303-338.
    Guajardo, M. and Jornsten, K. (2015). Common mistakes in computing the
    nucleolus. *European Journal of Operational Research* 241(3), 931-935.
    Hallefjord, A., Helming, R. and Jornsten, K. (1995). Computing the
    nucleolus when the characteristic function is given implicitly: a
    constraint generation approach. *International Journal of Game Theory*
    24(4), 357-372.
    Lawler, E. L. (1972). A procedure for computing the K best solutions to
    discrete optimization problems and its application to the shortest path
    problem. *Management Science* 18(7), 401-405.
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

    A council of 30 without veto players (five members with 3 votes, 25 with
    1, quota 26 of 40), solved without its :math:`2^{30}` coalitions; here the
    nucleolus is proportional to the votes:

    >>> council = gt.WeightedVotingGame(26, [3] * 5 + [1] * 25)
    >>> nu = gt.nucleolus(council)
    >>> nu.exact[0], nu.exact[-1]
    (Fraction(3, 40), Fraction(1, 40))
    """
    _check_game(game, "nucleolus")
    tol = check_tol(tol, "nucleolus")
    if isinstance(game, WeightedVotingGame):
        split = _veto_split(game)
        if split is not None:
            return _allocation_from_fractions(split, game.players, "nucleolus")
        if 1 << game.n_players <= _knapsack_entries(game):  # the 2**n worths are the smaller table
            return _nucleolus_generated(game._expand("nucleolus"), tol)
        return _nucleolus_voting(game, tol)
    return _nucleolus_generated(game, tol)


def _nucleolus_lp(game: CoalitionGame, tol: float) -> Allocation:
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix, hstack

    n = game.n_players
    v = game.values
    single = _check_imputations(game, tol)
    scale = max(1.0, float(np.abs(v).max()))
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
        sol = cast(np.ndarray, res.x)
        eps = float(sol[-1])
        x = np.asarray(sol[:n], dtype=np.float64)
        duals = -np.asarray(res.ineqlin.marginals)
        dual_tol = tol * max(1.0, float(duals.max()))
        newly = free[duals > dual_tol]
        if newly.size == 0:  # pragma: no cover - duals of the free rows sum to 1
            excess = v[free] - _indicator_matrix(free, n) @ x
            newly = free[excess >= eps - tol * scale]
        stage_eps.append(eps)
        fixed_masks.extend(int(m) for m in newly)
        fixed_stage.extend([len(stage_eps) - 1] * newly.size)
        vecs = [_indicator_matrix(newly, n), _fix_bounds(res, dual_tol, ir_fixed, n)]
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


def _fix_bounds(res: Any, dual_tol: float, ir_fixed: list[int], n: int) -> np.ndarray:
    """Add to *ir_fixed* the players whose individual-rationality bound has a positive dual price; their unit rows."""
    lower_duals = np.asarray(res.lower.marginals)
    newly = [i for i in range(n) if i not in ir_fixed and lower_duals[i] > dual_tol]
    ir_fixed.extend(newly)
    return np.eye(n)[newly]


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
    if not game.is_exact:
        return Allocation(x, game.players, "nucleolus")
    num, den = game._num, game._den
    vals = _LazyExact(num, den)
    if game.n_players == 1:
        return _allocation_from_fractions([vals[-1]], game.players, "nucleolus")
    return _exact_nucleolus(game.players, vals.__getitem__, x, fixed_masks, fixed_stage, ir_fixed)


def _exact_nucleolus(
    players: tuple[str, ...], worth: Callable[[int], Fraction], x: np.ndarray, fixed_masks: list[int],
    fixed_stage: list[int], ir_fixed: list[int],
) -> Allocation:
    """The final stage's equalities solved in rational arithmetic (*worth*: exact worth of a bitmask).

    The equalities are ``x(N) = v(N)``, ``x(S) + eps_k = v(S)`` for the coalitions fixed at stage ``k``
    and ``x_i = v({i})`` for the fixed bounds. Subtracting the first coalition of each stage from the
    others eliminates the ``eps_k``; the resulting system in ``x`` alone has the same unique solution
    for ``x``. ``n`` independent rows are picked in floating point, solved exactly by fraction-free
    elimination (:func:`~gametheory_af._exact.solve_square_floats`: all coefficients are 0 or 1 and the
    right-hand sides integers over one denominator), and every row is then checked exactly. Falls
    back to the float *x* (``exact=None``) when that check fails: a fixed set misidentified in floating
    point.
    """
    n = len(players)
    first: dict[int, int] = {}
    rows: list[list[int]] = [[1] * n]
    rhs: list[Fraction] = [worth((1 << n) - 1)]
    for m, k in zip(fixed_masks, fixed_stage):
        if k not in first:
            first[k] = m
            continue
        f = first[k]
        rows.append([((m >> i) & 1) - ((f >> i) & 1) for i in range(n)])
        rhs.append(worth(m) - worth(f))
    for i in ir_fixed:
        rows.append([1 if j == i else 0 for j in range(n)])
        rhs.append(worth(1 << i))
    den = _lcm(b.denominator for b in rhs)
    ints = [int(b * den) for b in rhs]
    chosen = _independent_rows(np.array(rows, dtype=np.float64), n)
    if len(chosen) == n and max(abs(v) for v in ints) < 2**53:  # exact in float64
        sol = solve_square_floats([rows[r] for r in chosen], [float(ints[r]) for r in chosen])
        xs = None if sol is None else [v / den for v in sol]
    else:  # huge worths: Gauss-Jordan on Fractions
        xs = solve_tall(rows, rhs, n)
    if xs is None:
        return Allocation(x, players, "nucleolus")  # pragma: no cover - singular: misidentified fixed sets
    lcd = _lcm(v.denominator for v in xs)
    xi = [int(v * lcd) for v in xs]
    if any(sum(c * p for c, p in zip(row, xi)) * den != b * lcd for row, b in zip(rows, ints)):
        return Allocation(x, players, "nucleolus")  # pragma: no cover - inconsistent: misidentified fixed sets
    if max(abs(float(a) - b) for a, b in zip(xs, x)) > 1e-6 * max(1.0, float(np.abs(x).max())):
        return Allocation(x, players, "nucleolus")  # pragma: no cover - numerical misidentification
    return _allocation_from_fractions(xs, players, "nucleolus")


def _independent_rows(rows: np.ndarray, n: int) -> list[int]:
    """Indices of up to *n* linearly independent rows, picked greedily (Gram-Schmidt in floating point)."""
    basis: list[np.ndarray] = []
    chosen: list[int] = []
    for idx, vec in enumerate(rows):
        r = vec - sum((vec @ b) * b for b in basis) if basis else vec
        norm = float(np.linalg.norm(r))
        if norm > 1e-9 * max(1.0, float(np.linalg.norm(vec))):
            basis.append(r / norm)
            chosen.append(idx)
            if len(chosen) == n:
                break
    return chosen


class _LazyExact:
    """``vals[mask]`` as a Fraction, computed on demand from integer numerators."""

    def __init__(self, num: Any, den: int) -> None:
        self._num, self._den = num, den

    def __getitem__(self, mask: int) -> Fraction:
        return Fraction(int(self._num[mask]), self._den)


# ============================================================================ nucleolus by constraint generation
#: The excess scan works on blocks of 2**_BLOCK_BITS coalitions (8 MiB of float64 each), so it needs no
#: array of 2**n values besides the game's own.
_BLOCK_BITS = 20
#: Violated coalitions added to a stage's working set per round (at most), for the scan of 2**n worths and for
#: the weighted-voting oracle. Measured (CPU): the 25-player airport game of the benchmarks takes 0.7 s with 32
#: and 3.6 s with 64 (more stages); 75 and 100 random voters take 1.7 s and 5.6 s with 64, 2.3 s and 15.6 s
#: with 32, and more again with 128 or 256.
_ADD_PER_ROUND = 32
_ADD_PER_ROUND_VOTING = 64
#: A coalition's indicator vector counts as in the span of the fixed ones when its dot product with each of
#: two unit vectors drawn from the orthogonal complement is below this.
_SPAN_TOL = 1e-9


def _nucleolus_generated(game: CoalitionGame, tol: float) -> Allocation:
    """The nucleolus of a game given by its :math:`2^n` worths, the oracle a blockwise scan of them."""
    n = game.n_players
    v = game.values
    single = _check_imputations(game, tol)
    if n == 1:
        return _finish_nucleolus(game, np.array([v[-1]]), [], [], [])
    rng = np.random.default_rng(20260512)  # fixed: the span test's random directions, reproducible

    def worth(masks: list[int]) -> np.ndarray:
        return np.asarray(v[np.array(masks, dtype=np.int64)], dtype=np.float64)

    def oracle(x: np.ndarray, threshold: float, basis: np.ndarray, limit: int) -> list[int]:
        return _most_violated(v, n, x, threshold, _complement_probes(basis, rng), basis, limit)

    scale = float(np.abs(v).max()) or 1.0  # the LPs work in units of the largest worth: tolerances are relative
    x, fixed_masks, fixed_stage, ir_fixed = _generated_stages(n, worth, oracle, single, scale, tol)
    return _finish_nucleolus(game, x, fixed_masks, fixed_stage, ir_fixed)


def _generated_stages(
    n: int,
    worth: Callable[[list[int]], np.ndarray],
    oracle: Callable[[np.ndarray, float, np.ndarray, int], list[int]],
    single: np.ndarray,
    scale: float,
    tol: float,
    add_per_round: int = _ADD_PER_ROUND,
) -> tuple[np.ndarray, list[int], list[int], list[int]]:
    r"""The lexicographic LPs on working sets of coalitions, grown by a separation oracle.

    Stage :math:`k` of Maschler, Peleg & Shapley (1979) minimises the largest excess over the coalitions
    not yet fixed. Here it is solved on a working set: solve the LP on the set, ask *oracle* for the
    coalitions outside the span of the fixed ones whose excess exceeds the LP's :math:`\varepsilon`, add
    them, repeat until there are none (Hallefjord, Helming & Jornsten 1995). The LP solution is then
    optimal for the stage over all coalitions, and its dual prices (zero outside the set) are an optimal
    dual solution, so fixing the coalitions with positive dual prices is sound, as in
    :func:`_nucleolus_lp`. Each stage raises the rank of the fixed set: at most :math:`n` stages.

    The LPs see the worths divided by *scale* (the largest absolute worth, at least 1), so that HiGHS
    works on numbers near 1 whatever the game's units. Returns x, the fixed coalitions with their
    stage indices, and the players whose individual rationality bound was fixed.
    """
    viol_tol = max(tol, 1e-7)  # HiGHS's own primal feasibility tolerance is 1e-7
    eps_floor = -(n + 2) - 1.0  # below every excess at an imputation (keeps each LP bounded)
    single = single / scale
    full = (1 << n) - 1
    work: list[int] = sorted({full ^ (1 << i) for i in range(n)} | {1 << i for i in range(n)})
    work_v = list(worth(work) / scale)
    fixed_masks: list[int] = []
    fixed_v: list[float] = []
    fixed_stage: list[int] = []
    stage_eps: list[float] = []
    ir_fixed: list[int] = []
    basis = np.ones((1, n)) / np.sqrt(n)
    v_full = float(worth([full])[0]) / scale
    x = np.full(n, v_full / n)
    while True:
        # keep the rows outside the span, and of those only the 4 n with the largest excess at the last x:
        # the oracle brings back any other that the next LP violates (constraint dropping)
        M = _indicators(work, n)
        outside = np.abs(M - (M @ basis.T) @ basis).max(axis=1) > 1e-7
        keep = np.flatnonzero(outside)
        if keep.size > 4 * n and stage_eps:
            excess = np.array(work_v)[keep] - M[keep] @ x
            keep = keep[np.argsort(-excess, kind="stable")[: 4 * n]]
        work, work_v = [work[k] for k in keep], [work_v[k] for k in keep]
        while True:
            fixed_rhs = [fv - stage_eps[s] for fv, s in zip(fixed_v, fixed_stage)]
            x, eps, res = _stage_lp(n, v_full, work, work_v, fixed_masks, fixed_rhs, ir_fixed, single, eps_floor)
            added = oracle(x * scale, (eps + viol_tol) * scale, basis, add_per_round)
            if not added:
                break
            work.extend(added)
            work_v.extend(worth(added) / scale)
        duals = -np.asarray(res.ineqlin.marginals)
        dual_tol = tol * max(1.0, float(duals.max()))
        newly = [m for m, d in zip(work, duals) if d > dual_tol]
        stage_eps.append(eps)
        fixed_masks.extend(newly)
        fixed_v.extend(fv for fv, d in zip(work_v, duals) if d > dual_tol)
        fixed_stage.extend([len(stage_eps) - 1] * len(newly))
        vecs = [_indicators(newly, n), _fix_bounds(res, dual_tol, ir_fixed, n)]
        grown = _extend_basis(basis, np.concatenate(vecs), tol)
        if grown.shape[0] == basis.shape[0]:  # pragma: no cover - positive duals lie on free (independent) rows
            raise GameError("nucleolus: a stage fixed no new coalition; the linear programmes are degenerate.")
        basis = grown
        if basis.shape[0] >= n:
            break
    rows = np.vstack([np.ones((1, n)), _indicators(fixed_masks, n), np.eye(n)[ir_fixed]])
    rhs = np.concatenate([[v_full], [fv - stage_eps[s] for fv, s in zip(fixed_v, fixed_stage)], single[ir_fixed]])
    x = np.linalg.lstsq(rows, rhs, rcond=None)[0] * scale
    return x, fixed_masks, fixed_stage, ir_fixed


def _indicators(masks: Sequence[int], n: int) -> np.ndarray:
    """Indicator rows of coalitions given as Python integers (any number of players)."""
    nbytes = (n + 7) // 8
    raw = np.frombuffer(b"".join(m.to_bytes(nbytes, "little") for m in masks), dtype=np.uint8)
    bits = np.unpackbits(raw.reshape(len(masks), nbytes), axis=1, bitorder="little")
    return bits[:, :n].astype(np.float64)


def _check_imputations(game: CoalitionGame, tol: float) -> np.ndarray:
    """The stand-alone worths; refuse a game whose imputation set is empty."""
    n = game.n_players
    v = game.values
    single = v[[1 << i for i in range(n)]]
    scale = max(1.0, float(np.abs(v).max()))
    if single.sum() > v[-1] + tol * scale:
        raise GameError(
            f"nucleolus: the imputation set is empty: the players' stand-alone worths sum to {single.sum():g} "
            f"> v(N) = {v[-1]:g}."
        )
    return np.asarray(single, dtype=np.float64)


def _stage_lp(
    n: int, v_full: float, work: list[int], work_v: list[float], fixed_masks: list[int], fixed_rhs: list[float],
    ir_fixed: list[int], single: np.ndarray, eps_floor: float,
) -> tuple[np.ndarray, float, Any]:
    """One stage's LP on the working set: minimise eps with x(S) + eps >= v(S) for S in *work*."""
    from scipy.optimize import linprog

    A_ub = np.concatenate([-_indicators(work, n), -np.ones((len(work), 1))], axis=1)
    eq_rows = np.concatenate([np.ones((1, n)), _indicators(fixed_masks, n)])
    A_eq = np.concatenate([eq_rows, np.zeros((eq_rows.shape[0], 1))], axis=1)
    bounds: list[tuple[float | None, float | None]] = [(float(single[i]), None) for i in range(n)]
    bounds.append((eps_floor, None))
    for i in ir_fixed:
        bounds[i] = (float(single[i]), float(single[i]))
    c = np.zeros(n + 1)
    c[-1] = 1.0
    res = linprog(c, A_ub=A_ub if work else None, b_ub=-np.array(work_v) if work else None,
                  A_eq=A_eq, b_eq=[v_full, *fixed_rhs], bounds=bounds, method="highs")
    if res.status != 0:  # pragma: no cover - feasible (the previous stage's x) and bounded (eps_floor)
        raise GameError(f"nucleolus: a stage linear programme failed: {res.message}")
    sol = cast(np.ndarray, res.x)
    return np.asarray(sol[:n], dtype=np.float64), float(sol[-1]), res


def _complement_probes(basis: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Two random unit vectors orthogonal to the rows of *basis* (orthonormal), as rows."""
    n = basis.shape[1]
    g = rng.standard_normal((2, n))
    g = g - (g @ basis.T) @ basis
    return np.asarray(g / np.linalg.norm(g, axis=1, keepdims=True))


def _in_span(mask: int, basis: np.ndarray, n: int) -> bool:
    vec = _indicators([mask], n)[0]
    resid = vec - (basis @ vec) @ basis
    return bool(np.abs(resid).max() <= 1e-7)


def _most_violated(
    v: np.ndarray, n: int, x: np.ndarray, threshold: float, probes: np.ndarray, basis: np.ndarray, limit: int
) -> list[int]:
    """Up to *limit* coalitions outside the span of *basis* whose excess at *x* exceeds *threshold*, largest first.

    One vectorised pass over the :math:`2^n` worths in blocks of :math:`2^{20}`: the sums :math:`x(S)` and the
    probes' sums are subset sums over the low bits plus one number for the high bits of the block. A
    coalition is outside the span when either probe's sum is nonzero (both vanish on the span; both vanish
    elsewhere with probability zero), and each returned coalition is checked against the basis itself.
    """
    low_bits = min(n, _BLOCK_BITS)
    size = 1 << low_bits
    lows = [_subset_sums(vec[:low_bits]) for vec in (x, probes[0], probes[1])]
    highs = [_subset_sums(vec[low_bits:]) for vec in (x, probes[0], probes[1])]
    found_masks: list[np.ndarray] = []
    found_exc: list[np.ndarray] = []
    for h in range(1 << (n - low_bits)):
        base = h << low_bits
        exc = v[base : base + size] - (lows[0] + highs[0][h])
        hit = np.flatnonzero(exc > threshold)
        if not hit.size:
            continue
        outside = (np.abs(lows[1][hit] + highs[1][h]) > _SPAN_TOL) | (np.abs(lows[2][hit] + highs[2][h]) > _SPAN_TOL)
        hit = hit[outside]
        if hit.size > limit:
            hit = hit[np.argpartition(-exc[hit], limit - 1)[:limit]]
        found_masks.append(hit + base)
        found_exc.append(exc[hit])
    if not found_masks:
        return []
    masks = np.concatenate(found_masks)
    order = np.argsort(-np.concatenate(found_exc), kind="stable")
    out = [int(m) for m in masks[order]]
    return [m for m in out if not _in_span(m, basis, n)][:limit]


# ============================================================================ weighted voting: a knapsack oracle
#: Coalitions the weighted-voting oracle may enumerate in one call (most of them are in the span of the
#: fixed coalitions when it runs long).
_VOTING_ENUMERATION_CAP = 200_000


def _nucleolus_voting(game: WeightedVotingGame, tol: float) -> Allocation:
    r"""The nucleolus of a weighted voting game without veto players, without its :math:`2^n` worths.

    The oracle lists coalitions in decreasing order of excess by Lawler's (1972) partition of the
    solution space, each part solved by a covering-knapsack dynamic programme over the integer
    weights: winning coalitions :math:`S` (excess :math:`1 - x(S)`) by increasing :math:`x(S)` subject to
    :math:`w(S) \ge q`, losing ones (excess :math:`-x(S)`) through their complements :math:`T = N \setminus S`,
    by increasing :math:`-x(T)` subject to :math:`w(T) \ge w(N) - q + 1`. One programme costs
    :math:`O(n q)` operations on :math:`(n + 1)(q + 1)` floats.
    """
    n = game.n_players
    w = list(game._int_w)
    q = game._int_q
    check_bytes(_knapsack_entries(game), 8, "entries of the knapsack tables of the nucleolus oracle", "nucleolus")
    single = np.array([1.0 if wi >= q else 0.0 for wi in w])
    if single.sum() > 1:
        raise GameError(
            f"nucleolus: the imputation set is empty: the players' stand-alone worths sum to {single.sum():g} "
            f"> v(N) = 1."
        )

    def weight(mask: int) -> int:
        return sum(w[i] for i in range(n) if mask >> i & 1)

    def worth(masks: list[int]) -> np.ndarray:
        return np.array([1.0 if weight(m) >= q else 0.0 for m in masks])

    def oracle(x: np.ndarray, threshold: float, basis: np.ndarray, limit: int) -> list[int]:
        return _voting_violated(w, q, x, threshold, basis, limit)

    x, fixed_masks, fixed_stage, ir_fixed = _generated_stages(n, worth, oracle, single, 1.0, tol,
                                                              _ADD_PER_ROUND_VOTING)
    return _exact_nucleolus(game.players, lambda m: Fraction(int(weight(m) >= q)), x, fixed_masks, fixed_stage,
                            ir_fixed)


def _knapsack_entries(game: WeightedVotingGame) -> int:
    """Entries of the oracle's largest dynamic-programming table: (n + 1) by (quota + 1), or its complement's."""
    q = game._int_q
    return (game.n_players + 1) * (max(q, sum(game._int_w) - q + 1) + 1)


def _voting_violated(w: list[int], q: int, x: np.ndarray, threshold: float, basis: np.ndarray,
                     limit: int) -> list[int]:
    """Up to *limit* coalitions outside the span of *basis* with excess above *threshold*, largest first."""
    import heapq

    n = len(w)
    full = (1 << n) - 1
    total = sum(w)
    x_total = float(x.sum())
    # family 0: winning S, cost x, excess 1 - x(S); family 1: T = N \ S for losing S, cost -x, excess x(T) - x(N)
    families = ((x, q, 1.0), (-x, total - q + 1, -x_total))
    heap: list[tuple[float, int, int, int, tuple[int, ...]]] = []
    counter = 0
    for fam, (cost, need, offset) in enumerate(families):  # both feasible: N weighs w(N) >= q >= 1
        value = float(_suffix_tables(cost, w, need, tuple(range(n)))[0, -1])
        heap.append((value - offset, counter, fam, 0, tuple(range(n))))
        counter += 1
    heapq.heapify(heap)
    out: list[int] = []
    popped = 0
    while heap and len(out) < limit:
        key, _, fam, inside, free = heapq.heappop(heap)
        if -key <= threshold:
            break
        popped += 1
        if popped > _VOTING_ENUMERATION_CAP:
            raise GameError(
                f"nucleolus: the weighted voting game's separation oracle listed {_VOTING_ENUMERATION_CAP:,} "
                "coalitions of equal or larger excess, nearly all spanned by the fixed ones; this game is beyond "
                "the constraint-generation method (use to_coalition_game() when n <= 25)."
            )
        cost, need, offset = families[fam]
        chosen, children = _cover_expand(cost, w, need, free, inside)
        mask = inside | chosen
        coalition = mask if fam == 0 else full ^ mask
        if coalition not in (0, full) and not _in_span(coalition, basis, n):
            out.append(coalition)
        for value, c_in, c_free in children:
            heapq.heappush(heap, (value - offset, counter, fam, c_in, c_free))
            counter += 1
    return out


def _suffix_tables(cost: np.ndarray, w: list[int], need: int, free: tuple[int, ...]) -> np.ndarray:
    """``G[k, t]``: least cost of a subset of ``free[k:]`` with weight at least ``t`` (``inf`` if none)."""
    G = np.full((len(free) + 1, need + 1), np.inf)
    G[-1, 0] = 0.0
    idx = np.arange(need + 1)
    for k in range(len(free) - 1, -1, -1):
        p = free[k]
        G[k] = np.minimum(G[k + 1], cost[p] + G[k + 1][np.maximum(0, idx - w[p])])
    return G


def _cover_expand(
    cost: np.ndarray, w: list[int], need: int, free: tuple[int, ...], inside: int,
) -> tuple[int, list[tuple[float, int, tuple[int, ...]]]]:
    """The best completion of a part of Lawler's partition, and its children with their values.

    Child ``k`` keeps the best completion's choices on ``free[:k]``, flips ``free[k]`` and leaves
    ``free[k+1:]`` free: the parts partition the rest of the part (Lawler 1972).
    """
    have = sum(w[i] for i in range(len(w)) if inside >> i & 1)
    rest = max(0, need - have)
    G = _suffix_tables(cost, w, rest, free)
    base = sum(float(cost[i]) for i in range(len(w)) if inside >> i & 1)
    chosen = 0
    t = rest
    prefix_cost = base
    children: list[tuple[float, int, tuple[int, ...]]] = []
    c_in = inside
    for k, p in enumerate(free):
        t_take = max(0, t - w[p])
        take = cost[p] + G[k + 1, t_take] <= G[k + 1, t]
        # the child that flips p: decided here, free[k+1:] left free
        if take:
            flip_value, child_in = prefix_cost + G[k + 1, t], c_in
        else:
            flip_value, child_in = prefix_cost + float(cost[p]) + G[k + 1, t_take], c_in | 1 << p
        if np.isfinite(flip_value):
            children.append((float(flip_value), child_in, free[k + 1 :]))
        if take:
            chosen |= 1 << p
            c_in |= 1 << p
            prefix_cost += float(cost[p])
            t = t_take
    return chosen, children
