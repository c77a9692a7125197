"""Axiomatic bargaining solutions besides Nash's: Kalai-Smorodinsky, egalitarian and utilitarian, and the ideal point."""

from __future__ import annotations

from fractions import Fraction
from typing import Any, cast

import numpy as np
from scipy.optimize import linprog

from ..exceptions import GameError
from . import _frontier, _polytope
from .problem import BargainingProblem, BargainingSolution, check_problem, make_solution

__all__ = ["kalai_smorodinsky", "egalitarian", "utilitarian", "ideal_point"]


def _two(problem: BargainingProblem) -> tuple[list[Any], Any, bool]:
    exact = problem.is_exact
    if exact:
        pts: Any = problem.exact_points()
        d: Any = problem.exact_disagreement()
    else:
        assert problem.points is not None
        pts, d = problem.points.tolist(), problem.disagreement.tolist()
    return _polytope.ir_frontier(pts, d), d, exact


def ideal_point(problem: BargainingProblem) -> np.ndarray:
    """The ideal (utopia) point of the individually rational part of the feasible set.

    ``a_i = max {u_i : u in S, u >= d}``: the most player ``i`` can get in any
    agreement the others would accept rather than disagree.

    Parameters
    ----------
    problem : BargainingProblem

    Returns
    -------
    numpy.ndarray of shape (n,)

    Raises
    ------
    TypeError
        If *problem* is not a :class:`BargainingProblem`. (The problem's size
        was checked against the limits when it was built.)

    Examples
    --------
    >>> from gametheory_af.bargaining import BargainingProblem, ideal_point
    >>> ideal_point(BargainingProblem([[2, 0], [0, 1]], [0, 0]))
    array([2., 1.])
    """
    check_problem(problem, "ideal_point")
    if problem.points is None:
        return _frontier.ideal(problem)
    if problem.n_players == 2:
        chain, _, _ = _two(problem)
        return np.array([float(chain[-1][0]), float(chain[0][1])])
    return _polytope.ideal_point(problem.points, problem.disagreement)


def kalai_smorodinsky(problem: BargainingProblem) -> BargainingSolution:
    r"""The Kalai-Smorodinsky bargaining solution.

    The maximal point of the feasible set on the segment from the disagreement
    point ``d`` to the ideal point ``a`` (see :func:`ideal_point`): every player
    gets the same fraction of his or her ideal gain,
    ``(u_i - d_i) / (a_i - d_i) = t`` for the largest feasible ``t``
    (Kalai and Smorodinsky 1975, definition on p. 515).

    Parameters
    ----------
    problem : BargainingProblem

    Returns
    -------
    BargainingSolution
        With ``method="kalai_smorodinsky"``.

    Raises
    ------
    TypeError
        If *problem* is not a :class:`BargainingProblem`. (The problem's size
        was checked against the limits when it was built.)

    Notes
    -----
    For two players the point is strongly Pareto optimal; with exact finite
    point sets it is computed exactly (the intersection of the segment with an
    edge of the frontier polyline). For ``n >= 3`` players the segment point can
    be only weakly Pareto optimal; the lexicographic extension of Imai (1983) is
    returned instead: after the common ratio ``t`` is maximised, players who can
    still gain keep being raised lexicographically. It coincides with the
    segment point whenever that is Pareto optimal. This is computed by linear
    programs in floating point. For frontier functions the segment point is
    found by root finding and then raised onto the frontier's domain.

    References
    ----------
    Kalai, E. and Smorodinsky, M. (1975). Other solutions to Nash's bargaining
    problem. *Econometrica* 43(3), 513-518.
    Imai, H. (1983). Individual monotonicity and lexicographic maxmin solution.
    *Econometrica* 51(2), 389-401.

    Examples
    --------
    Ideal point (2, 1): each player gets the same share of it.

    >>> from gametheory_af.bargaining import BargainingProblem, kalai_smorodinsky
    >>> kalai_smorodinsky(BargainingProblem([[2, 0], [0, 1]], [0, 0])).exact_payoffs
    (Fraction(1, 1), Fraction(1, 2))
    """
    check_problem(problem, "kalai_smorodinsky")
    n = problem.n_players
    if problem.points is None:
        a = _frontier.ideal(problem)
        return make_solution(problem, "kalai_smorodinsky", _frontier.ray(problem, a - problem.disagreement))
    if n == 2:
        chain, d, exact = _two(problem)
        direction = [chain[-1][0] - d[0], chain[0][1] - d[1]]
        node = _polytope.ray_chain(chain, d, direction)
        return make_solution(problem, "kalai_smorodinsky", node[:2], lottery=node[2], exact=exact)
    d_arr = problem.disagreement
    a = _polytope.ideal_point(problem.points, d_arr)
    x, lam = _polytope.lex_maxmin(problem.points, d_arr, a - d_arr)
    return make_solution(problem, "kalai_smorodinsky", x, lottery=dict(enumerate(lam.tolist())))


def egalitarian(problem: BargainingProblem) -> BargainingSolution:
    r"""The egalitarian bargaining solution: equal absolute gains, as large as possible.

    The maximal point ``d + t (1, ..., 1)`` of the feasible set (Kalai 1977,
    the proportional solution with equal weights), made strongly Pareto optimal
    by the lexicographic (leximin) extension of Imai (1983).

    Parameters
    ----------
    problem : BargainingProblem

    Returns
    -------
    BargainingSolution
        With ``method="egalitarian"``.

    Raises
    ------
    TypeError
        If *problem* is not a :class:`BargainingProblem`. (The problem's size
        was checked against the limits when it was built.)

    Notes
    -----
    Because the feasible set is taken with free disposal, the point with equal
    gains always exists; when it is only weakly Pareto optimal (a player could
    gain at no cost to the others) the players who can gain are raised in turn,
    which is the leximin point of the gains. Exact for two-player exact point
    sets; LPs in floating point for more players. Unlike the Nash and
    Kalai-Smorodinsky solutions it is not invariant to rescaling utilities.

    References
    ----------
    Kalai, E. (1977). Proportional solutions to bargaining situations:
    interpersonal utility comparisons. *Econometrica* 45(7), 1623-1630.
    Imai, H. (1983). *Econometrica* 51(2), 389-401.

    Examples
    --------
    >>> from gametheory_af.bargaining import BargainingProblem, egalitarian
    >>> egalitarian(BargainingProblem([[2, 0], [0, 1]], [0, 0])).exact_payoffs
    (Fraction(2, 3), Fraction(2, 3))
    """
    check_problem(problem, "egalitarian")
    n = problem.n_players
    if problem.points is None:
        return make_solution(problem, "egalitarian", _frontier.ray(problem, np.ones(n)))
    if n == 2:
        chain, d, exact = _two(problem)
        one = Fraction(1) if exact else 1.0
        node = _polytope.ray_chain(chain, d, [one, one])
        return make_solution(problem, "egalitarian", node[:2], lottery=node[2], exact=exact)
    x, lam = _polytope.lex_maxmin(problem.points, problem.disagreement, np.ones(n))
    return make_solution(problem, "egalitarian", x, lottery=dict(enumerate(lam.tolist())))


def utilitarian(problem: BargainingProblem) -> BargainingSolution:
    r"""The utilitarian bargaining solution: the individually rational agreement of largest total payoff.

    Maximises :math:`\sum_i u_i` over ``{u in S : u >= d}`` (Harsanyi 1955;
    Thomson 1981 for its axiomatisation on bargaining problems).

    Parameters
    ----------
    problem : BargainingProblem

    Returns
    -------
    BargainingSolution
        With ``method="utilitarian"``.

    Raises
    ------
    TypeError
        If *problem* is not a :class:`BargainingProblem`. (The problem's size
        was checked against the limits when it was built.)

    Notes
    -----
    **Ties.** When the maximisers form a segment or face (part of the frontier
    orthogonal to ``(1, ..., 1)``), the point returned is the symmetric Nash
    solution among the maximisers, which is unique, Pareto optimal and treats
    symmetric players symmetrically; when individual rationality cuts that face
    (so that some maximiser gives a player no gain), the leximin point of the
    gains among the maximisers is returned instead. (For frontier functions with ``n >= 3``
    players ties are not broken: the optimiser's point is returned.) Exact for
    two-player exact point sets, and for n players when the tie-break reduces
    to an exact Nash problem on the maximal face; otherwise floating point.

    References
    ----------
    Harsanyi, J. C. (1955). Cardinal welfare, individualistic ethics, and
    interpersonal comparisons of utility. *Journal of Political Economy* 63(4), 309-321.
    Thomson, W. (1981). Nash's bargaining solution and utilitarian choice rules.
    *Econometrica* 49(2), 535-538.

    Examples
    --------
    >>> from gametheory_af.bargaining import BargainingProblem, utilitarian
    >>> utilitarian(BargainingProblem([[3, 0], [1, 1], [0, 2]], [0, 0])).exact_payoffs
    (Fraction(3, 1), Fraction(0, 1))

    Split the dollar: every division has the same total; the tie-break is the middle.

    >>> utilitarian(BargainingProblem([[1, 0], [0, 1]], [0, 0])).exact_payoffs
    (Fraction(1, 2), Fraction(1, 2))
    """
    check_problem(problem, "utilitarian")
    n = problem.n_players
    if problem.points is None:
        return make_solution(problem, "utilitarian", _frontier.utilitarian(problem, _frontier.nash_2))
    if n == 2:
        chain, d, exact = _two(problem)
        node = _polytope.utilitarian_chain(chain, d)
        return make_solution(problem, "utilitarian", node[:2], lottery=node[2], exact=exact)
    pts = problem.points
    d_arr = problem.disagreement
    m = pts.shape[0]
    sums = pts.sum(axis=1)
    res = linprog(-sums, A_ub=-pts.T, b_ub=-d_arr, A_eq=np.ones((1, m)), b_eq=[1.0], bounds=[(0, None)] * m,
                  method="highs")
    best = -float(cast(float, res.fun))
    tol = 1e-9 * (1.0 + abs(best))
    if problem.is_exact:
        epts = problem.exact_points()
        assert epts is not None
        esums = [sum(p) for p in epts]
        top_val = max(esums)
        top = [j for j, s in enumerate(esums) if s == top_val]
    else:
        top = [j for j in range(m) if sums[j] >= sums.max() - tol]
    if abs(float(sums[top[0]]) - best) <= tol:
        try:
            sub = BargainingProblem(
                [list(cast("tuple[tuple[Fraction, ...], ...]", epts)[j]) for j in top] if problem.is_exact else pts[top],
                list(problem.exact_disagreement() or []) if problem.is_exact else d_arr,
            )
        except GameError:
            sub = None
        if sub is not None:
            from .nash import nash_solution

            s = nash_solution(sub)
            lot = {top[int(k)]: p for k, p in (s.exact_lottery or s.lottery or {}).items()}
            payoffs = s.exact_payoffs if s.exact_payoffs is not None else s.payoffs
            return make_solution(problem, "utilitarian", payoffs, lottery=lot, exact=s.is_exact)
    # individual rationality cuts the maximal face: leximin of the gains among the maximisers
    x, lam = _polytope.lex_maxmin(pts, d_arr, np.ones(n), extra_eq=(sums, best))
    return make_solution(problem, "utilitarian", x, lottery=dict(enumerate(lam.tolist())))
