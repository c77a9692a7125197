"""The value and optimal strategies of a two-player zero-sum (or constant-sum) game by linear programming."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from fractions import Fraction
from typing import cast

import numpy as np

from ..exceptions import GameError
from ..game import NormalFormGame
from ..result import EquilibriumResult
from ._bimatrix import (
    MIN_TIE_TOL,
    Budget,
    accept,
    bimatrix,
    check_options,
    exact_extreme_equilibria,
    prepare,
    tight_sets,
)

__all__ = ["zero_sum", "ZeroSumResult"]

_log = logging.getLogger(__name__)

_METHOD = "zero_sum"


@dataclass(frozen=True, eq=False)
class ZeroSumResult(EquilibriumResult):
    """An :class:`~gametheory_af.EquilibriumResult` that also carries the value of the game.

    Parameters
    ----------
    equilibria, method, complete, parameters, converged, n_iter, game, value : see Attributes
    exact_value : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    value : float
        The row player's (player 0's) equilibrium payoff, the same at every
        equilibrium of a zero-sum game. In a constant-sum game with
        ``u_0 + u_1 = c`` the column player gets ``c - value``.
    exact_value : fractions.Fraction or None
        The value in rational arithmetic when solved with ``exact=True``.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> res = gt.zero_sum(gt.catalog.matching_pennies())
    >>> isinstance(res, gt.EquilibriumResult), res.value
    (True, 0.0)
    """

    value: float = 0.0
    exact_value: Fraction | None = None

    def to_dict(self, game: NormalFormGame | None = None) -> dict:  # type: ignore[type-arg]
        """A JSON-ready dict of the result, with ``value`` (and ``exact_value`` as a string).

        Parameters
        ----------
        game : NormalFormGame, optional
            The game whose names to use; default the stored :attr:`game`.

        Returns
        -------
        dict
            The result's fields, ready for :func:`json.dumps`.
        """
        data = super().to_dict(game)
        data["value"] = self.value
        data["exact_value"] = None if self.exact_value is None else str(self.exact_value)
        return data

    def __repr__(self) -> str:
        base = super().__repr__()
        return "ZeroSumResult" + base[base.index("(") : -1] + f", value={self.value:.6g})"


def zero_sum(game: NormalFormGame, *, tol: float = 1e-9, exact: bool = False) -> ZeroSumResult:
    """Value and optimal (maximin) strategies of a two-player zero-sum or constant-sum game.

    The row player's optimal strategy solves the linear program

    ``maximise v  subject to  sum_i A[i, j] x_i >= v for every column j,
    sum_i x_i = 1,  x >= 0``

    (von Neumann's minimax theorem; Dantzig 1951), solved by HiGHS through
    :func:`scipy.optimize.linprog`; the column player's optimal strategy is the
    dual solution of the same program. The pair is an equilibrium, and every
    equilibrium of a zero-sum game gives the row player the same payoff, the
    value.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game in which ``u_0 + u_1`` is the same at every profile
        (checked up to ``1e-12`` times the largest payoff; exactly in exact mode).
    tol : float, default 1e-9
        Tolerance relative to each player's payoff range
        (:ref:`tolerances`): the optimal pair is returned only
        if its ``relative_regret <= tol``; the LP is solved on payoffs
        normalised to ``[0, 1]`` to feasibility tolerances tighter than that,
        and the strategies are polished by solving their supports'
        indifference systems.
    exact : bool, default False
        Rebuild the optimal strategies and the value in rational arithmetic
        from the supports found by the LP, verified to have zero regret.
        Games that float64 cannot resolve
        (``float_resolves``) and that have exact
        (integer or Fraction) payoffs are solved in rational arithmetic (by
        exact vertex enumeration) even when ``exact=False``.

    Returns
    -------
    ZeroSumResult
        An :class:`~gametheory_af.EquilibriumResult` (``method="zero_sum"``,
        ``complete=False``: one optimal pair, not every one) with one
        equilibrium, plus ``value`` (and ``exact_value`` in exact mode).

    Raises
    ------
    GameError
        If the game does not have two players or is not zero-sum or
        constant-sum.

    Notes
    -----
    The set of optimal strategies of each player is a polytope, and any
    optimal row strategy paired with any optimal column strategy is an
    equilibrium; the LP returns a vertex of each. Use
    :func:`vertex_enumeration` to list all extreme optimal pairs.

    References
    ----------
    von Neumann, J. (1928). Zur Theorie der Gesellschaftsspiele.
    *Mathematische Annalen* 100, 295-320.

    Dantzig, G. B. (1951). A proof of the equivalence of the programming
    problem and the game problem. In Koopmans (ed.), *Activity Analysis of
    Production and Allocation*, 330-335. Wiley.

    Huangfu, Q., & Hall, J. A. J. (2018). Parallelizing the dual revised
    simplex method. *Mathematical Programming Computation* 10, 119-142.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> res = gt.zero_sum(gt.catalog.rock_paper_scissors())
    >>> res.value
    0.0
    >>> res[0].profile[0]
    array([0.3333, 0.3333, 0.3333])

    A game with a saddle point, solved exactly:

    >>> g = gt.NormalFormGame.from_zero_sum([[3, 1], [4, 2]])
    >>> res = gt.zero_sum(g, exact=True)
    >>> res.exact_value, res[0].support
    (Fraction(2, 1), ((1,), (1,)))

    Games that are not zero-sum are rejected:

    >>> gt.zero_sum(gt.catalog.prisoners_dilemma())
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: zero_sum: game is not zero-sum or constant-sum; ...
    """
    from scipy.optimize import linprog

    A, B = bimatrix(game, _METHOD)
    tol = check_options(tol, exact, _METHOD)
    _check_constant_sum(game, bool(exact))
    m, n = A.shape
    work = prepare(game)
    if work.use_exact or (exact and not work.resolves):
        # float64 cannot resolve the payoffs: every equilibrium of a zero-sum game is optimal,
        # so take the first extreme equilibrium found in rational arithmetic.
        _log.debug("zero_sum: solving in rational arithmetic (float64 cannot resolve the payoffs, or exact=True)")
        eqs, _, _ = exact_extreme_equilibria(game, Budget(None, None))
        res = None
    else:
        As = work.A01  # an equivalent game with payoffs in [0, 1]
        # Variables (x_1..x_m, v): minimise -v s.t. v - (A^T x)_j <= 0, sum x = 1, x >= 0.
        c = np.zeros(m + 1)
        c[-1] = -1.0
        A_ub = np.concatenate([-As.T, np.ones((n, 1))], axis=1)
        A_eq = np.concatenate([np.ones((1, m)), np.zeros((1, 1))], axis=1)
        bounds = [(0.0, None)] * m + [(None, None)]
        res = linprog(
            c,
            A_ub=A_ub,
            b_ub=np.zeros(n),
            A_eq=A_eq,
            b_eq=[1.0],
            bounds=bounds,
            method="highs",
            options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10},
        )
        if res.status != 0:  # pragma: no cover - a bounded feasible LP; HiGHS does not fail on it
            raise GameError(f"{_METHOD}: the linear program failed: {res.message}")
        x = np.asarray(cast(np.ndarray, res.x)[:m], dtype=np.float64)  # not None: res.status == 0 here
        y = -np.asarray(res.ineqlin.marginals, dtype=np.float64)
        An, Bn = work.An, work.Bn
        tie_tol = max(tol, MIN_TIE_TOL)
        x = np.clip(x, 0.0, None)
        y = np.clip(y, 0.0, None)
        x, y = x / x.sum(), y / y.sum()
        sets = tight_sets(An, Bn, x, y, max(tie_tol, 1e-9))
        eqs = accept(game, [(x, y)], An=An, Bn=Bn, tol=tol, tie_tol=tie_tol, exact=bool(exact), sets=[sets], work=work)
        if not eqs:
            # The LP's supports were misread at this tolerance: fall back to an exact method.
            from .vertex import vertex_enumeration

            eqs = list(vertex_enumeration(game, tol=tol, exact=bool(exact), max_time=None).equilibria[:1])
    if not eqs:  # pragma: no cover - every finite game has an equilibrium
        raise GameError(f"{_METHOD}: no optimal pair within relative tolerance {tol:.3g}; try a larger tol.")
    eq = eqs[0]
    exact_value = None
    if eq.exact is not None:
        U = game.exact_payoffs()[0]
        xs, ys = eq.exact
        exact_value = sum((U[i, j] * xs[i] * ys[j] for i in range(m) for j in range(n)), Fraction(0))
    return ZeroSumResult(
        equilibria=(eq,),
        method=_METHOD,
        complete=False,
        parameters={"tol": tol, "exact": bool(exact)},
        n_iter=int(getattr(res, "nit", 0)) if res is not None else 0,
        value=float(exact_value) if exact_value is not None else float(eq.payoffs[0]),
        exact_value=exact_value,
        game=game,
    )


def _check_constant_sum(game: NormalFormGame, exact: bool) -> None:
    total = game.payoffs.sum(axis=0)
    bad = not game.is_constant_sum
    if not bad and exact:
        ex = game.exact_payoffs()
        tot = (ex[0] + ex[1]).ravel().tolist()
        bad = any(t != tot[0] for t in tot)
    if bad:
        lo, hi = float(total.min()), float(total.max())
        where_lo = tuple(int(i) for i in np.unravel_index(int(np.argmin(total)), total.shape))
        where_hi = tuple(int(i) for i in np.unravel_index(int(np.argmax(total)), total.shape))
        raise GameError(
            f"{_METHOD}: game is not zero-sum or constant-sum; the players' payoffs sum to {lo:g} at "
            f"profile {where_lo} but {hi:g} at {where_hi}. Use lemke_howson or vertex_enumeration "
            "for general two-player games."
        )
