"""Bargaining problems (feasible set and disagreement point) and their solutions."""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from scipy.optimize import linprog

from .._exact import solve_particular
from .._limits import check_bytes, check_count
from .._validation import FrozenMapping, check_finite, float_array, is_rational_scalar, to_fraction
from ..exceptions import GameError
from ..result import ResultMixin, json_value
from ._checks import labels, no_bools, over_limit
from ._polytope import no_dominance_error

if TYPE_CHECKING:  # pragma: no cover
    from ..game import NormalFormGame

__all__ = ["BargainingProblem", "BargainingSolution", "maxmin_values"]

_CALLER = "BargainingProblem"


class BargainingProblem:
    r"""A bargaining problem :math:`(S, d)` for any number of players (Nash 1950).

    Parameters
    ----------
    feasible : array_like of shape (m, n), or callable
        Either a finite set of ``m`` payoff vectors (row ``k`` is outcome ``k``),
        taken with all lotteries over them, or a Pareto frontier function.
        For two players the function gives ``u2 = f(u1)`` for ``u1`` in
        ``domain``; for ``n > 2`` players it gives ``u_n = f(u_1, ..., u_{n-1})``
        (called with a float array of length ``n - 1``) on the box ``domain``.
        The function must be concave and non-increasing in each argument.
    disagreement : array_like of shape (n,)
        The disagreement point ``d``: what each player gets if bargaining fails.
    domain : sequence of two floats, or sequence of ``n - 1`` pairs, optional
        Required with a frontier function: the interval ``(lo, hi)`` of ``u1``
        (two players) or one interval per argument of ``f``.
    outcomes : sequence, optional
        Labels of the ``m`` payoff vectors (default ``0, ..., m - 1``); solutions
        report their lotteries with these labels.

    Attributes
    ----------
    n_players : int
    disagreement : numpy.ndarray
        Read-only float64 copy of ``d``.
    points : numpy.ndarray or None
        Read-only float64 copy of the payoff vectors (``None`` for a frontier).
    outcomes : tuple or None
        Labels of the points.
    frontier : callable or None
    domain : tuple of tuple of float or None
    is_exact : bool
        True when the points and ``d`` are exact rationals; they are then kept
        (see :meth:`exact_points`, :meth:`exact_disagreement`) and the solutions
        are computed exactly where the method allows.

    Raises
    ------
    TypeError
        If a payoff or a domain bound is ``True``/``False`` (not a number).
    GameError
        If the inputs are not numbers or not finite, have the wrong dimensions,
        the domain is infinite (the set is unbounded), the frontier is not
        non-increasing and concave, the outcome labels are not distinct and
        hashable, one per point, or no feasible point strictly dominates the
        disagreement point (nothing to bargain over). Also, before any work,
        when the points hold more payoff entries (``m * n``) than the
        ``max_entries``/``max_bytes`` limits allow, or when checking a frontier
        of ``n > 2`` players would call it ``5**(n - 1)`` times, more than the
        ``max_calls`` limit (see :func:`gametheory_af.set_limits`).

    Notes
    -----
    **Free disposal.** The feasible set ``S`` is taken *comprehensive*: with a
    finite set of points it is ``{x : x <= y for some lottery payoff y}``; with
    a frontier it is ``{u : u_{-n} <= hi, u_n <= f(max(u_{-n}, lo))}``. Free
    disposal changes no solution that is Pareto optimal (Nash, utilitarian,
    two-player Kalai-Smorodinsky); it lets the egalitarian and n-player
    Kalai-Smorodinsky solutions be defined on every problem, which are then
    made strongly Pareto optimal lexicographically (see their docstrings).
    Every solution is a point of the original set: a lottery over the outcomes.

    **Pickling.** Problems and their solutions pickle (to save them or send
    them to another process) with their arrays still read-only; a problem
    given by a frontier function pickles when the function does (a
    module-level function, not a lambda).

    The disagreement point need not be feasible; only the individually
    rational part ``{x in S : x >= d}`` matters to the solutions, and it is
    always bounded for finite point sets (and bounded frontier domains).

    Examples
    --------
    Split a dollar: the two extreme divisions and all lotteries over them.

    >>> from gametheory_af.bargaining import BargainingProblem
    >>> p = BargainingProblem([[1, 0], [0, 1]], [0, 0])
    >>> p.n_players, p.is_exact
    (2, True)

    A concave frontier ``u2 = 1 - u1**2`` on ``[0, 1]``:

    >>> q = BargainingProblem(lambda u: 1 - u**2, [0, 0], domain=(0, 1))
    >>> q.frontier(0.5)
    0.75
    """

    __slots__ = ("_points", "_exact_points", "_d", "_exact_d", "_frontier", "_domain", "_outcomes")

    def __init__(
        self,
        feasible: Any,
        disagreement: Any,
        *,
        domain: Any = None,
        outcomes: Sequence[Any] | None = None,
    ) -> None:
        no_bools(disagreement, "disagreement", _CALLER)
        d = float_array(disagreement, "disagreement", _CALLER)
        if d.ndim != 1 or d.shape[0] < 2:
            raise GameError(
                f"{_CALLER}: disagreement must be a vector of at least 2 payoffs; got shape {d.shape}: {disagreement!r}."
            )
        check_finite(d, "disagreement", _CALLER)
        n = d.shape[0]
        d_list = list(np.asarray(disagreement, dtype=object).ravel())
        self._exact_d: tuple[Fraction, ...] | None = (
            tuple(to_fraction(x) for x in d_list) if all(is_rational_scalar(x) for x in d_list) else None
        )
        self._points: np.ndarray | None = None
        self._exact_points: tuple[tuple[Fraction, ...], ...] | None = None
        self._frontier: Callable[..., Any] | None = None
        self._domain: tuple[tuple[float, float], ...] | None = None
        self._outcomes: tuple[Any, ...] | None = None
        if callable(feasible):
            if outcomes is not None:
                raise GameError(f"{_CALLER}: outcomes label finite point sets only; got outcomes with a frontier function.")
            self._frontier = feasible
            self._domain = _parse_domain(domain, n)
            self._exact_d = None
            _check_frontier(feasible, self._domain, n)
        else:
            if domain is not None:
                raise GameError(f"{_CALLER}: domain is only used with a frontier function; got domain={domain!r}.")
            if isinstance(feasible, (str, bytes)) or np.isscalar(feasible) or feasible is None:
                raise GameError(
                    f"{_CALLER}: feasible must be an (m, n) array of payoff vectors or a frontier function; "
                    f"got {feasible!r}."
                )
            if hasattr(feasible, "__len__"):
                check_bytes(len(feasible) * n, 8, "payoff entries of the feasible points", _CALLER)
            no_bools(feasible, "feasible", _CALLER)
            pts = float_array(feasible, "feasible", _CALLER)
            if pts.ndim != 2 or pts.shape[0] < 1:
                raise GameError(
                    f"{_CALLER}: feasible must be an (m, n) array of payoff vectors or a frontier function; "
                    f"got shape {pts.shape}."
                )
            if pts.shape[1] != n:
                raise GameError(
                    f"{_CALLER}: feasible points have {pts.shape[1]} payoffs but disagreement has {n}; "
                    "they must agree (one per player)."
                )
            check_finite(pts, "feasible", _CALLER)
            pts.setflags(write=False)
            self._points = pts
            raw = np.asarray(feasible, dtype=object).reshape(pts.shape)
            if self._exact_d is not None and all(is_rational_scalar(x) for x in raw.ravel()):
                self._exact_points = tuple(tuple(to_fraction(x) for x in row) for row in raw)
            if outcomes is None:
                self._outcomes = tuple(range(pts.shape[0]))
            else:
                self._outcomes = labels(outcomes, pts.shape[0], "outcomes", _CALLER)
        d.setflags(write=False)
        self._d = d
        self._check_dominance()

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_game(cls, game: NormalFormGame, *, disagreement: Any = "maxmin") -> BargainingProblem:
        """The bargaining problem over the outcomes of a game, with correlated randomisation.

        Parameters
        ----------
        game : NormalFormGame
        disagreement : ``"maxmin"`` or array_like of shape (n_players,), default ``"maxmin"``
            ``"maxmin"`` takes each player's security level: the most the player
            can guarantee with a mixed strategy when all other players jointly
            (and correlatedly) try to hold the player down (von Neumann 1928).
            Or give the payoff vector directly (e.g. a Nash equilibrium's payoffs).

        Returns
        -------
        BargainingProblem
            Its points are the payoff vectors of the pure profiles, labelled by
            the profile (a tuple of strategy indices); a lottery over them is a
            correlated randomisation of the players' actions.

        Raises
        ------
        TypeError
            If *game* is not a NormalFormGame.
        GameError
            If *disagreement* is neither ``"maxmin"`` nor a payoff vector, or the
            game has more pure profiles times players than the
            ``max_entries``/``max_bytes`` limits allow.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> from gametheory_af.bargaining import BargainingProblem, nash_solution
        >>> pd = gt.catalog.prisoners_dilemma()
        >>> p = BargainingProblem.from_game(pd)
        >>> [float(x) for x in p.disagreement]
        [1.0, 1.0]
        >>> nash_solution(p).payoffs
        array([3., 3.])
        """
        from ..game import NormalFormGame

        if not isinstance(game, NormalFormGame):
            raise TypeError(f"from_game: game must be a NormalFormGame; got {type(game).__name__}.")
        n = game.n_players
        check_bytes(math.prod(game.shape) * n, 40, "payoff entries of the bargaining set (Python numbers)", "from_game")
        profiles = list(itertools.product(*(range(s) for s in game.shape)))
        src = game.exact_payoffs() if game.is_exact else game.payoffs
        pts = [[src[(i, *prof)] for i in range(n)] for prof in profiles]
        if isinstance(disagreement, str):
            if disagreement != "maxmin":
                raise GameError(f"from_game: disagreement must be 'maxmin' or a payoff vector; got {disagreement!r}.")
            d: Any = maxmin_values(game)
        else:
            d = disagreement
        return cls(pts, d, outcomes=profiles)

    # ------------------------------------------------------------------ properties
    @property
    def n_players(self) -> int:
        """Number of players."""
        return int(self._d.shape[0])

    @property
    def disagreement(self) -> np.ndarray:
        """Read-only float64 disagreement point."""
        return self._d

    @property
    def points(self) -> np.ndarray | None:
        """Read-only float64 payoff vectors, shape ``(m, n)``, or None for a frontier."""
        return self._points

    @property
    def outcomes(self) -> tuple[Any, ...] | None:
        """Labels of the points, or None for a frontier."""
        return self._outcomes

    @property
    def frontier(self) -> Callable[..., Any] | None:
        """The frontier function, or None for a finite point set."""
        return self._frontier

    @property
    def domain(self) -> tuple[tuple[float, float], ...] | None:
        """The frontier's domain, one ``(lo, hi)`` per argument, or None."""
        return self._domain

    @property
    def is_exact(self) -> bool:
        """True when the points and disagreement point are exact rationals."""
        return self._exact_points is not None

    def exact_points(self) -> tuple[tuple[Fraction, ...], ...] | None:
        """The points as Fractions when the problem is exact, else None.

        Returns
        -------
        tuple of tuples of Fraction, or None
            One payoff tuple per point, or None.
        """
        return self._exact_points

    def exact_disagreement(self) -> tuple[Fraction, ...] | None:
        """The disagreement point as Fractions when it was given exactly, else None.

        Returns
        -------
        tuple of Fraction or None
            The disagreement payoffs, or None.
        """
        return self._exact_d

    # ------------------------------------------------------------------ internals
    def _frontier_value(self, y: np.ndarray) -> float:
        """``f`` at the clipped point (free disposal below the domain)."""
        assert self._frontier is not None and self._domain is not None
        lo = np.array([a for a, _ in self._domain])
        yy = np.maximum(np.asarray(y, dtype=float), lo)
        if self.n_players == 2:
            return float(self._frontier(float(yy[0])))
        return float(self._frontier(yy))

    def _contains(self, u: np.ndarray) -> bool:
        """Membership of a point in the comprehensive frontier set (tolerant)."""
        assert self._domain is not None
        hi = np.array([b for _, b in self._domain])
        head = u[:-1]
        if np.any(head > hi + 1e-12 * (1 + np.abs(hi))):
            return False
        return bool(u[-1] <= self._frontier_value(np.minimum(head, hi)) + 1e-12)

    def _check_dominance(self) -> None:
        d = self._d
        if self._points is not None:
            pts = self._points
            if self._exact_points is not None and self.n_players == 2:
                from ._polytope import ir_frontier

                assert self._exact_d is not None  # exact points are only kept with an exact d
                ir_frontier(self._exact_points, self._exact_d)  # raises if nothing dominates d
                return
            m, n = pts.shape
            # maximise t subject to P^T lam >= d + t, sum lam = 1
            c = np.zeros(m + 1)
            c[-1] = -1.0
            a_ub = np.hstack([-pts.T, np.ones((n, 1))])
            b_ub = -d
            a_eq = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
            res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0], bounds=[(0, None)] * m + [(None, None)],
                          method="highs")
            scale = 1.0 + float(np.abs(pts).max()) + float(np.abs(d).max())
            if res.status != 0 or -cast(float, res.fun) <= 1e-9 * scale:
                raise no_dominance_error(d)
        else:
            assert self._domain is not None
            lo = np.array([a for a, _ in self._domain])
            hi = np.array([b for _, b in self._domain])
            start = np.maximum(d[:-1], lo)
            if np.any(d[:-1] >= hi) or not self._frontier_value(start) > d[-1]:
                raise no_dominance_error(d)

    def __getstate__(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        for arr in (self._points, self._d):
            if arr is not None:
                arr.setflags(write=False)

    def __repr__(self) -> str:
        d = np.array2string(self._d, precision=4, separator=", ")
        if self._points is not None:
            return f"BargainingProblem(n_players={self.n_players}, n_points={self._points.shape[0]}, disagreement={d})"
        return f"BargainingProblem(n_players={self.n_players}, frontier={self._frontier!r}, domain={self._domain}, disagreement={d})"


def check_problem(problem: Any, caller: str) -> None:
    """Raise TypeError unless *problem* is a :class:`BargainingProblem`."""
    if not isinstance(problem, BargainingProblem):
        raise TypeError(f"{caller}: problem must be a BargainingProblem; got {type(problem).__name__}.")




def _parse_domain(domain: Any, n: int) -> tuple[tuple[float, float], ...]:
    if domain is None:
        raise GameError(f"{_CALLER}: a frontier function needs domain=(lo, hi) for its argument(s); got domain=None.")
    no_bools(domain, "domain", _CALLER)
    arr = float_array(domain, "domain", _CALLER)
    if n == 2 and arr.shape == (2,):
        arr = arr.reshape(1, 2)
    if arr.shape != (n - 1, 2):
        raise GameError(
            f"{_CALLER}: domain must give (lo, hi) for each of the {n - 1} arguments of the frontier; got {domain!r}."
        )
    if np.isnan(arr).any():
        raise GameError(f"{_CALLER}: domain must not contain nan; got {domain!r}.")
    if not np.isfinite(arr).all():
        raise GameError(f"{_CALLER}: the feasible set is unbounded: domain must be finite; got {domain!r}.")
    if np.any(arr[:, 0] >= arr[:, 1]):
        raise GameError(f"{_CALLER}: domain must have lo < hi; got {domain!r}.")
    return tuple((float(a), float(b)) for a, b in arr)


def _check_frontier(f: Callable[..., Any], domain: tuple[tuple[float, float], ...], n: int) -> None:
    k = 33 if n == 2 else 5
    if n > 60:  # 5**(n - 1) is beyond any call limit; do not compute it
        raise over_limit(_CALLER, f"checking a frontier of {n} players asks for 5**{n - 1} frontier-function calls", "max_calls")
    check_count(k ** (n - 1) + (k if n == 2 else 0), "max_calls", "frontier-function calls", _CALLER)
    grids = [np.linspace(a, b, k) for a, b in domain]
    for y in itertools.product(*grids):
        try:
            v = float(f(y[0]) if n == 2 else f(np.array(y)))
        except Exception as err:  # noqa: BLE001 - report any failure of the user's function
            raise GameError(f"{_CALLER}: frontier must return a number; at {list(y)} it raised {err!r}.") from err
        if not np.isfinite(v):
            raise GameError(f"{_CALLER}: frontier must be finite on its domain; got {v} at {list(y)}.")
    if n == 2:
        xs = grids[0]
        vals = np.array([float(f(x)) for x in xs])
        scale = 1e-9 * (1.0 + np.abs(vals).max())
        if np.any(np.diff(vals) > scale):
            raise GameError(f"{_CALLER}: frontier must be non-increasing (a Pareto frontier); it increases on {domain[0]}.")
        if np.any(vals[:-2] + vals[2:] - 2 * vals[1:-1] > scale):
            raise GameError(f"{_CALLER}: frontier must be concave (a convex feasible set); it is not on {domain[0]}.")


def maxmin_values(game: NormalFormGame) -> tuple[Any, ...]:
    """Each player's security level (maxmin value in mixed strategies).

    Player ``i`` picks a mixed strategy; all other players jointly pick the
    (correlated) profile that minimises ``i``'s payoff. The value is found by
    linear programming and, for exact games, recovered and verified exactly.

    Parameters
    ----------
    game : NormalFormGame

    Returns
    -------
    tuple
        Fractions for an exact game (when the exact recovery succeeds), else floats.

    Raises
    ------
    TypeError
        If *game* is not a NormalFormGame.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.bargaining import maxmin_values
    >>> maxmin_values(gt.catalog.matching_pennies())
    (Fraction(0, 1), Fraction(0, 1))
    """
    from ..game import NormalFormGame

    if not isinstance(game, NormalFormGame):
        raise TypeError(f"maxmin_values: game must be a NormalFormGame; got {type(game).__name__}.")
    out: list[Any] = []
    exact = game.exact_payoffs() if game.is_exact else None
    for i in range(game.n_players):
        mat = np.moveaxis(game.payoffs[i], i, 0).reshape(game.shape[i], -1)
        s, cols = mat.shape
        c = np.zeros(s + 1)
        c[-1] = -1.0
        a_ub = np.hstack([-mat.T, np.ones((cols, 1))])
        res = linprog(c, A_ub=a_ub, b_ub=np.zeros(cols), A_eq=[[1.0] * s + [0.0]], b_eq=[1.0],
                      bounds=[(0, None)] * s + [(None, None)], method="highs-ds")
        sol = cast(np.ndarray, res.x)
        x, v = sol[:s], float(sol[-1])
        value: Any = v
        if exact is not None:
            emat = np.moveaxis(exact[i], i, 0).reshape(s, -1)
            value = _exact_maxmin(emat, x, mat, v)
            if value is None:
                value = v
        out.append(value)
    if any(isinstance(v, float) for v in out):
        out = [float(v) for v in out]
    return tuple(out)


def _exact_maxmin(emat: np.ndarray, x: np.ndarray, mat: np.ndarray, v: float) -> Fraction | None:
    s, cols = emat.shape
    support = [r for r in range(s) if x[r] > 1e-9]
    tight = [c for c in range(cols) if abs(float(x @ mat[:, c]) - v) <= 1e-8 * (1 + abs(v))]
    rows = [[Fraction(emat[r, c]) for r in support] + [Fraction(-1)] for c in tight]
    rows.append([Fraction(1)] * len(support) + [Fraction(0)])
    sol = solve_particular(rows, [Fraction(0)] * len(tight) + [Fraction(1)])
    if sol is None:
        return None  # pragma: no cover - the LP basis is consistent
    xs, val = sol[:-1], sol[-1]
    if any(p < 0 for p in xs):
        return None  # pragma: no cover
    for c in range(cols):
        if sum(p * emat[r, c] for p, r in zip(xs, support)) < val:
            return None  # pragma: no cover
    return val


@dataclass(frozen=True, eq=False)
class BargainingSolution(ResultMixin):
    """A solution of a bargaining problem, with the lottery that achieves it.

    Parameters
    ----------
    payoffs, gains, disagreement, method, weights, lottery, exact_payoffs : see Attributes
    exact_lottery : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    payoffs : numpy.ndarray of shape (n,)
        Read-only float64 payoffs of the agreement.
    gains : numpy.ndarray of shape (n,)
        ``payoffs - disagreement``: each player's gain from agreeing.
    disagreement : numpy.ndarray of shape (n,)
    method : str
        ``"nash"``, ``"kalai_smorodinsky"``, ``"egalitarian"`` or ``"utilitarian"``.
    weights : tuple of float or None
        The bargaining weights (normalised to sum to one) of an asymmetric Nash
        solution; None for the other methods.
    lottery : mapping or None
        Outcome label -> probability (floats) of a lottery whose expected payoff
        is ``payoffs``, when the problem is a finite set of points or a game;
        None for a frontier function. A read-only
        ``FrozenMapping``, so the solution pickles.
    exact_payoffs : tuple of Fraction or None
        The payoffs in exact arithmetic when they were computed exactly.
    exact_lottery : mapping or None
        The lottery with Fraction probabilities, when computed exactly.

    Examples
    --------
    >>> from gametheory_af.bargaining import BargainingProblem, nash_solution
    >>> sol = nash_solution(BargainingProblem([[1, 0], [0, 1]], [0, 0]))
    >>> sol.exact_payoffs
    (Fraction(1, 2), Fraction(1, 2))
    >>> dict(sol.exact_lottery)
    {0: Fraction(1, 2), 1: Fraction(1, 2)}
    """

    payoffs: np.ndarray
    gains: np.ndarray
    disagreement: np.ndarray
    method: str
    weights: tuple[float, ...] | None = None
    lottery: Mapping[Any, float] | None = None
    exact_payoffs: tuple[Fraction, ...] | None = None
    exact_lottery: Mapping[Any, Fraction] | None = None

    @property
    def is_exact(self) -> bool:
        """True when the payoffs were computed in exact arithmetic."""
        return self.exact_payoffs is not None

    def __setstate__(self, state: dict[str, Any]) -> None:
        # unpickling: restore the fields and keep the arrays read-only
        for name, value in state.items():
            object.__setattr__(self, name, value)
        for name in ("payoffs", "gains", "disagreement"):
            getattr(self, name).setflags(write=False)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: floats, exact values as strings (``"1/2"``), lotteries as ``[outcome, probability]`` pairs.

        Returns
        -------
        dict
            The solution's fields, ready for :func:`json.dumps`.

        Examples
        --------
        >>> import json
        >>> from gametheory_af.bargaining import BargainingProblem, nash_solution
        >>> d = nash_solution(BargainingProblem([[1, 0], [0, 1]], [0, 0])).to_dict()
        >>> d["payoffs"], d["exact_lottery"]
        ([0.5, 0.5], [[0, '1/2'], [1, '1/2']])
        >>> _ = json.dumps(d, allow_nan=False)
        """
        return {f.name: json_value(getattr(self, f.name)) for f in dataclasses.fields(self)}

    def __repr__(self) -> str:
        pay = np.array2string(self.payoffs, precision=6, separator=", ")
        return f"BargainingSolution(method={self.method!r}, payoffs={pay}, exact={self.is_exact})"


def make_solution(
    problem: BargainingProblem,
    method: str,
    payoffs: Sequence[Any] | np.ndarray,
    *,
    weights: Sequence[Any] | None = None,
    lottery: Mapping[int, Any] | None = None,
    exact: bool = False,
) -> BargainingSolution:
    """Assemble a frozen :class:`BargainingSolution` (lottery keyed by point index)."""
    pay = np.array([float(x) for x in payoffs], dtype=np.float64)
    gains = pay - problem.disagreement
    pay.setflags(write=False)
    gains.setflags(write=False)
    lot = ex_lot = None
    if lottery is not None and problem.outcomes is not None:
        items = [(problem.outcomes[j], p) for j, p in sorted(lottery.items()) if p != 0]
        lot = FrozenMapping({k: float(p) for k, p in items})
        if exact:
            ex_lot = FrozenMapping({k: Fraction(p) for k, p in items})
    w = None if weights is None else tuple(float(x) for x in weights)
    return BargainingSolution(
        payoffs=pay,
        gains=gains,
        disagreement=problem.disagreement,
        method=method,
        weights=w,
        lottery=lot,
        exact_payoffs=tuple(Fraction(x) for x in payoffs) if exact else None,
        exact_lottery=ex_lot,
    )
