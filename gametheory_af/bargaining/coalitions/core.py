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

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

import numpy as np

from ..._exact import solve_tall
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
#: The same for the nucleolus's sequence of LPs (measured: about 3.5 KB per coalition at 14-16 players).
NUCLEOLUS_BYTES_PER_COALITION = 4096

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
        game = game._expand("nucleolus")
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
    num, den = game._num, game._den
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
    sol = solve_tall([c for c, _ in rows], [b for _, b in rows], n + n_stages)
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


# ============================================================================ nucleolus by constraint generation
#: The excess scan works on blocks of 2**_BLOCK_BITS coalitions (8 MiB of float64 each), so it needs no
#: array of 2**n values besides the game's own.
_BLOCK_BITS = 20
#: Violated coalitions added to a stage's working set per round (at most).
_ADD_PER_ROUND = 32
#: A coalition's indicator vector counts as in the span of the fixed ones when its dot product with each of
#: two unit vectors drawn from the orthogonal complement is below this.
_SPAN_TOL = 1e-9


def _nucleolus_generated(game: CoalitionGame, tol: float) -> Allocation:
    r"""The nucleolus by lexicographic LPs on working sets of coalitions, grown by a separation oracle.

    Stage :math:`k` of Maschler, Peleg & Shapley (1979) minimises the largest excess over the coalitions not
    yet fixed. Here it is solved on a working set: solve the LP on the set, scan every coalition for the
    largest excess above the LP's :math:`\varepsilon`, add the most violated, repeat until none is above
    (Hallefjord, Helming & Jornsten 1995). The LP solution is then optimal for the stage over all
    coalitions and its dual prices (zero on the coalitions outside the set) are an optimal dual solution,
    so fixing the coalitions with positive dual prices is sound as in :func:`_nucleolus_lp`.
    """
    n = game.n_players
    v = game.values
    single = _check_imputations(game, tol)
    if n == 1:
        return _finish_nucleolus(game, np.array([v[-1]]), [], [], [])
    scale = max(1.0, float(np.abs(v).max()))
    viol_tol = max(tol, 1e-7) * scale  # HiGHS's own primal feasibility tolerance is 1e-7
    eps_floor = -(n + 2) * scale - 1.0  # below every excess at an imputation (keeps each LP bounded)
    full = (1 << n) - 1
    rng = np.random.default_rng(20260512)  # fixed: the span test's random directions, reproducible
    work: list[int] = sorted({full ^ (1 << i) for i in range(n)} | {1 << i for i in range(n)})
    fixed_masks: list[int] = []
    fixed_stage: list[int] = []
    stage_eps: list[float] = []
    ir_fixed: list[int] = []
    basis = np.ones((1, n)) / np.sqrt(n)
    x = np.full(n, v[-1] / n)
    while basis.shape[0] < n:
        probes = _complement_probes(basis, rng)
        work = [m for m in work if not _in_span(m, basis, n)]
        while True:
            x, eps, res = _stage_lp(v, n, work, fixed_masks, fixed_stage, stage_eps, ir_fixed, single, eps_floor)
            added = _most_violated(v, n, x, eps + viol_tol, probes, basis, _ADD_PER_ROUND)
            if not added:
                break
            work.extend(added)
        duals = -np.asarray(res.ineqlin.marginals)
        dual_tol = tol * max(1.0, float(duals.max()))
        work_arr = np.array(work, dtype=np.int64)
        newly = work_arr[duals > dual_tol]
        stage_eps.append(eps)
        fixed_masks.extend(int(m) for m in newly)
        fixed_stage.extend([len(stage_eps) - 1] * newly.size)
        lower_duals = np.asarray(res.lower.marginals)
        vecs = [_indicator_matrix(newly, n)]
        for i in range(n):
            if i not in ir_fixed and lower_duals[i] > dual_tol:
                ir_fixed.append(i)
                vecs.append(np.eye(n)[i : i + 1])
        grown = _extend_basis(basis, np.concatenate(vecs), tol)
        if grown.shape[0] == basis.shape[0]:  # pragma: no cover - positive duals lie on free (independent) rows
            raise GameError("nucleolus: a stage fixed no new coalition; the linear programmes are degenerate.")
        basis = grown
    Af = _indicator_matrix(np.array(fixed_masks, dtype=np.int64), n)
    rows = np.vstack([np.ones((1, n)), Af, np.eye(n)[ir_fixed]])
    rhs = np.concatenate(
        [[v[-1]], v[fixed_masks] - np.array([stage_eps[s] for s in fixed_stage]), single[ir_fixed]]
    )
    x = np.linalg.lstsq(rows, rhs, rcond=None)[0]
    return _finish_nucleolus(game, x, fixed_masks, fixed_stage, ir_fixed)


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
    v: np.ndarray, n: int, work: list[int], fixed_masks: list[int], fixed_stage: list[int],
    stage_eps: list[float], ir_fixed: list[int], single: np.ndarray, eps_floor: float,
) -> tuple[np.ndarray, float, Any]:
    """One stage's LP on the working set: minimise eps with x(S) + eps >= v(S) for S in *work*."""
    from scipy.optimize import linprog

    masks = np.array(work, dtype=np.int64)
    A_ub = np.concatenate([-_indicator_matrix(masks, n), -np.ones((masks.size, 1))], axis=1)
    eq_rows = [np.concatenate([np.ones(n), [0.0]])]
    b_eq = [float(v[-1])]
    if fixed_masks:
        Af = _indicator_matrix(np.array(fixed_masks, dtype=np.int64), n)
        eq_rows.extend(np.concatenate([Af, np.zeros((len(fixed_masks), 1))], axis=1))
        b_eq.extend(v[fixed_masks] - np.array([stage_eps[s] for s in fixed_stage]))
    bounds: list[tuple[float | None, float | None]] = [(float(single[i]), None) for i in range(n)]
    bounds.append((eps_floor, None))
    for i in ir_fixed:
        bounds[i] = (float(single[i]), float(single[i]))
    c = np.zeros(n + 1)
    c[-1] = 1.0
    res = linprog(c, A_ub=A_ub if masks.size else None, b_ub=-v[masks] if masks.size else None,
                  A_eq=np.array(eq_rows), b_eq=b_eq, bounds=bounds, method="highs")
    if res.status != 0:  # pragma: no cover - feasible (the previous stage's x) and bounded (eps_floor)
        raise GameError(f"nucleolus: a stage linear programme failed: {res.message}")
    sol = cast(np.ndarray, res.x)
    if not masks.size:
        res.ineqlin.marginals = np.zeros(0)
    return np.asarray(sol[:n], dtype=np.float64), float(sol[-1]), res


def _complement_probes(basis: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Two random unit vectors orthogonal to the rows of *basis* (orthonormal), as rows."""
    n = basis.shape[1]
    g = rng.standard_normal((2, n))
    g = g - (g @ basis.T) @ basis
    return np.asarray(g / np.linalg.norm(g, axis=1, keepdims=True))


def _in_span(mask: int, basis: np.ndarray, n: int) -> bool:
    vec = _indicator_matrix(np.array([mask], dtype=np.int64), n)[0]
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
