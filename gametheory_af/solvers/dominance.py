"""Iterated elimination of dominated strategies, by pure or mixed strategies."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

import numpy as np

from .._tolerance import normalize_game
from .._validation import check_bool, check_tol
from ..game import NormalFormGame
from ..profiles import player_argument
from ..result import ResultMixin

__all__ = ["DominanceResult", "eliminate_dominated", "dominated_strategies"]


@dataclass(frozen=True, eq=False)
class DominanceResult(ResultMixin):
    """The outcome of iterated elimination of dominated strategies.

    Parameters
    ----------
    game, survivors, eliminated, strict, mixed : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    game : NormalFormGame
        The reduced game (strategy names are kept, so survivors stay recognisable).
    survivors : tuple of tuple of int
        For each player, the indices in the *original* game of the strategies
        that survive.
    eliminated : tuple of (int, int, int)
        ``(round, player, original strategy index)`` for each removal, in order.
    strict : bool
    mixed : bool

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.eliminate_dominated(gt.catalog.prisoners_dilemma()).survivors
    ((1,), (1,))
    """

    game: NormalFormGame
    survivors: tuple[tuple[int, ...], ...]
    eliminated: tuple[tuple[int, int, int], ...]
    strict: bool
    mixed: bool

    @property
    def solved(self) -> bool:
        """True when a single strategy survives for every player (dominance solvable)."""
        return all(len(s) == 1 for s in self.survivors)


def _player_matrix(u: np.ndarray, player: int) -> np.ndarray:
    """Player's payoffs as a matrix: one row per own strategy, one column per opponents' profile."""
    matrix: np.ndarray = np.moveaxis(u[player], player, 0).reshape(u.shape[player + 1], -1)
    return matrix


class _Payoffs:
    """A player's payoffs normalised to ``[0, 1]`` (so ``tol`` is relative to the range) and, when
    float64 cannot resolve them but they are exact, the exact payoffs for exact comparisons."""

    def __init__(self, game: NormalFormGame) -> None:
        un, _, _, resolves, exact_ok = normalize_game(game, resolves_if_inexact=True)
        self.un = un
        self.exact = game.exact_payoffs() if (not resolves and exact_ok) else None


def _dominated_by_pure(M: np.ndarray, s: int, alive: list[int], strict: bool, tol: float) -> bool:
    """Pure dominance; *M* is float (differences compared with *tol*) or exact (compared with 0)."""
    for t in alive:
        if t == s:
            continue
        diff = M[t] - M[s]
        if strict:
            if np.all(diff > tol):
                return True
        elif np.all(diff >= -tol) and np.any(diff > tol):
            return True
    return False


def _dominated_by_mixed(M: np.ndarray, s: int, alive: list[int], strict: bool, tol: float, Mex: Any = None) -> bool:
    """Mixed dominance by linear programming on the normalised payoffs *M*.

    With exact payoffs *Mex*, the LP's mixture is rounded to rationals and the
    dominance is verified in exact arithmetic (and pure dominance tested exactly).
    """
    others = [t for t in alive if t != s]
    if not others:
        return False
    if Mex is not None and _dominated_by_pure(Mex, s, alive, strict, 0):
        return True
    from scipy.optimize import linprog  # here, not at the top: scipy.optimize stays off `import gametheory_af`

    D = M[others] - M[s]  # (k, m): gain of each other strategy over s at each opponents' profile
    k, m = D.shape
    scale = max(1.0, float(np.abs(D).max()))
    if strict:
        # maximise eps s.t. sum_t p_t D[t, c] >= eps for all c, p on the simplex.
        c = np.zeros(k + 1)
        c[-1] = -1.0
        A_ub = np.hstack([-D.T, np.ones((m, 1))])
        b_ub = np.zeros(m)
        A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
        bounds = [(0, None)] * k + [(None, scale)]
        res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=bounds, method="highs")
        # x and fun are None only when the LP failed, and res.status is tested before they are read.
        x, fun = cast(np.ndarray, res.x), cast(float, res.fun)
        if Mex is not None:
            return bool(res.status == 0 and _verify_exact(Mex, s, others, x[:k], strict))
        return bool(res.status == 0 and -fun > tol)
    # weak: sum_t p_t D[t, c] >= 0 for all c, maximise sum_c sum_t p_t D[t, c].
    c = -D.sum(axis=1)
    res = linprog(c, A_ub=-D.T, b_ub=np.full(m, tol), A_eq=np.ones((1, k)), b_eq=[1.0], bounds=[(0, None)] * k, method="highs")
    x, fun = cast(np.ndarray, res.x), cast(float, res.fun)  # None only when res.status != 0, tested first
    if Mex is not None:
        return bool(res.status == 0 and _verify_exact(Mex, s, others, x, strict))
    if res.status != 0 or -fun <= tol:
        return False
    # Verify the certificate in plain arithmetic before trusting it.
    p = np.clip(x, 0, None)
    p /= p.sum()
    gain = p @ D
    return bool(np.all(gain >= -tol) and np.any(gain > tol))


def _verify_exact(Mex: np.ndarray, s: int, others: list[int], p: np.ndarray, strict: bool) -> bool:
    """Exact check that the mixture *p* (rounded to rationals) of *others* dominates *s*."""
    q = [Fraction(float(v)).limit_denominator(10**12) if v > 0 else Fraction(0) for v in np.asarray(p).tolist()]
    total = sum(q, Fraction(0))
    if total <= 0:
        return False
    q = [v / total for v in q]
    gain = [sum((qt * (Mex[t, c] - Mex[s, c]) for qt, t in zip(q, others) if qt), Fraction(0)) for c in range(Mex.shape[1])]
    if strict:
        return all(g > 0 for g in gain)
    return all(g >= 0 for g in gain) and any(g > 0 for g in gain)


def _matrices(pay: _Payoffs, sub: tuple[Any, ...] | None, i: int) -> tuple[np.ndarray, Any]:
    """Player *i*'s normalised (and, if needed, exact) payoff matrices in the subgame *sub*."""
    M = _player_matrix(pay.un if sub is None else pay.un[sub], i)
    Mex = None
    if pay.exact is not None:
        Mex = _player_matrix(pay.exact if sub is None else pay.exact[sub], i)
    return M, Mex


def _dominated(M: np.ndarray, Mex: Any, s: int, alive: list[int], strict: bool, mixed: bool, tol: float) -> bool:
    if mixed:
        return _dominated_by_mixed(M, s, alive, strict, tol, Mex)
    if Mex is not None:
        return _dominated_by_pure(Mex, s, alive, strict, 0)
    return _dominated_by_pure(M, s, alive, strict, tol)


def dominated_strategies(
    game: NormalFormGame, player: int | str, *, strict: bool = True, mixed: bool = True, tol: float = 1e-9
) -> tuple[int, ...]:
    """The strategies of *player* dominated in *game* (one round, no iteration).

    Parameters
    ----------
    game : NormalFormGame
    player : int or str
    strict : bool, default True
        Strict dominance (worse against every opponents' profile) or weak
        (never better, somewhere worse).
    mixed : bool, default True
        Also test domination by mixed strategies (a linear program per strategy).
    tol : float, default 1e-9
        A payoff difference must exceed *tol* times the player's payoff range
        to count (see :func:`eliminate_dominated`).

    Returns
    -------
    tuple of int

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.dominance import dominated_strategies
    >>> dominated_strategies(gt.catalog.prisoners_dilemma(), 0)
    (0,)
    """
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"dominated_strategies: game must be a NormalFormGame; got {type(game).__name__}.")
    tol = check_tol(tol, "dominated_strategies")
    strict = check_bool(strict, "strict", "dominated_strategies")
    mixed = check_bool(mixed, "mixed", "dominated_strategies")
    i = player_argument(game, player, "dominated_strategies")
    pay = _Payoffs(game)
    alive = list(range(game.shape[i]))
    M, Mex = _matrices(pay, None, i)
    return tuple(s for s in alive if _dominated(M, Mex, s, alive, strict, mixed, tol))


def eliminate_dominated(
    game: NormalFormGame, *, strict: bool = True, mixed: bool = True, tol: float = 1e-9
) -> DominanceResult:
    """Iterated elimination of dominated strategies.

    Parameters
    ----------
    game : NormalFormGame
    strict : bool, default True
        Eliminate strictly dominated strategies (the result does not depend on
        the order of elimination) or weakly dominated ones (it may).
    mixed : bool, default True
        Also eliminate strategies dominated only by a mixed strategy, found by
        a linear program (``scipy.optimize.linprog``, HiGHS).
    tol : float, default 1e-9
        A payoff difference must exceed *tol* times the player's payoff range
        (in the original game) to count, so the result does not change when a
        player's payoffs are scaled or shifted. When float64 cannot resolve the
        payoffs (``float_resolves``) and they are
        exact (integers or Fractions), differences are compared exactly, and a
        dominating mixture found by the linear program is verified in
        rational arithmetic.

    Returns
    -------
    DominanceResult

    Notes
    -----
    With ``strict=True`` each round removes, for every player at once, all
    strategies that are strictly dominated in the current game; the final game
    is the same whatever the order (Gilboa, Kalai & Zemel 1990), and no
    strategy used with positive probability in any Nash equilibrium is
    removed. With ``strict=False`` each round removes one weakly dominated
    strategy (the lowest-indexed player first, then the lowest-indexed
    strategy): a documented convention, since weak elimination is
    order-dependent and can remove equilibria.

    References
    ----------
    Gilboa, I., Kalai, E., & Zemel, E. (1990). On the order of eliminating
    dominated strategies. *Operations Research Letters* 9(2), 85-89.
    Myerson, R. (1991). *Game Theory: Analysis of Conflict*, sec. 3.1.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]])
    >>> gt.eliminate_dominated(g).survivors     # row 3 is dominated by mixing rows 1 and 2
    ((0, 1), (0, 1))
    >>> gt.eliminate_dominated(g, mixed=False).survivors
    ((0, 1, 2), (0, 1))
    """
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"eliminate_dominated: game must be a NormalFormGame; got {type(game).__name__}.")
    tol = check_tol(tol, "eliminate_dominated")
    strict = check_bool(strict, "strict", "eliminate_dominated")
    mixed = check_bool(mixed, "mixed", "eliminate_dominated")
    alive = [list(range(s)) for s in game.shape]
    removed: list[tuple[int, int, int]] = []
    pay = _Payoffs(game)
    rnd = 0
    while True:
        rnd += 1
        sub = np.ix_(range(game.n_players), *alive)
        round_removed: list[tuple[int, int]] = []
        for i in range(game.n_players):
            if len(alive[i]) <= 1:
                continue
            local = list(range(len(alive[i])))
            M, Mex = _matrices(pay, sub, i)
            for s in local:
                if _dominated(M, Mex, s, local, strict, mixed, tol):
                    round_removed.append((i, s))
                    if not strict:
                        break
            if round_removed and not strict:
                break
        if not round_removed:
            break
        for i in range(game.n_players):
            drop = {s for (p, s) in round_removed if p == i}
            for s in sorted(drop):
                removed.append((rnd, i, alive[i][s]))
            alive[i] = [a for k, a in enumerate(alive[i]) if k not in drop]
    return DominanceResult(
        game=game.restrict(dict(enumerate(alive))),
        survivors=tuple(tuple(a) for a in alive),
        eliminated=tuple(removed),
        strict=strict,
        mixed=mixed,
    )
