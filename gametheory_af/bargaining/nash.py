"""The Nash bargaining solution, symmetric and asymmetric."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from . import _frontier, _polytope
from ._lottery import exact_lottery, lottery_lp
from .problem import BargainingProblem, BargainingSolution, check_problem, make_solution

__all__ = ["nash_solution"]


def nash_solution(problem: BargainingProblem, *, weights: Any = None) -> BargainingSolution:
    r"""The (asymmetric) Nash bargaining solution.

    The unique maximiser over the individually rational feasible set of the
    weighted Nash product

    .. math:: \max_{u \in S,\ u \ge d} \ \sum_i w_i \log(u_i - d_i)

    (Nash 1950, eq. 8 for equal weights; Kalai 1977 and Roth 1979 for weights).

    Parameters
    ----------
    problem : BargainingProblem
    weights : array_like of shape (n,), optional
        Positive bargaining weights; default equal (the symmetric solution).
        Only their ratios matter; the result reports them normalised to sum to one.

    Returns
    -------
    BargainingSolution
        With ``method="nash"``.

    Raises
    ------
    TypeError
        If *problem* is not a BargainingProblem or a weight is ``True``/``False``.
    GameError
        If the weights are not positive and finite numbers, one per player; if a
        two-player frontier function increases, is not concave, raises or is not
        finite at a point of the dense scan (see Notes), naming the point; if
        that scan's ``2**14 + 1`` calls exceed the ``max_calls`` limit; for
        ``n >= 3`` players and a frontier function, if a sampled point of the
        box beats the maximum found (naming it) or the sample exceeds
        ``max_calls``; or,
        for ``n >= 3`` players and ``m`` points, before any work, when the
        concave program's dense working matrices, about ``(m + n + 1)**2``
        entries, exceed the ``max_entries``/``max_bytes`` limits (see
        :func:`gametheory_af.set_limits`).

    Notes
    -----
    *Finite point sets, two players*: the frontier of the individually rational
    part of the convex hull is a concave polyline; along it the objective is
    concave, so the maximiser is the stationary point of the first edge whose
    stationary point does not lie beyond it, clipped to that edge. On the edge
    ``A + s (B - A)`` it is

    .. math:: s = -\frac{w_1 \Delta_1 (A_2 - d_2) + w_2 \Delta_2 (A_1 - d_1)}{(w_1 + w_2) \Delta_1 \Delta_2},

    a rational function of the data: with exact (int/Fraction) points,
    disagreement point and weights, the payoffs and the lottery are exact.

    *Finite point sets, n players*: the concave program is solved over the
    lottery weights (SLSQP, started from the lexicographic egalitarian point),
    then polished on the optimal face by Newton's method. When that face is a
    facet ``nu . x = c`` with ``nu > 0`` and the data are exact, the closed form
    ``x_i = d_i + w_i (c - nu . d) / (W nu_i)`` is computed in Fractions and
    certified exactly (every point satisfies ``nu . p <= c`` and the lottery is
    exact); on lower-dimensional faces the answer is generally irrational and
    returned in floating point.

    *Frontier functions, two players*: let ``[a, b]`` be the individually
    rational range of ``u1``. The frontier is evaluated at ``2**14 + 1``
    equally spaced points of ``[a, b]``; the problem is refused (GameError
    naming ``u1`` where) if it increases there by more than ``1e-9 (1 + max|f|)``,
    or if a second difference ``f(x - s) + f(x + s) - 2 f(x)`` at any spacing
    ``s = 2**j (b - a) / 2**14`` (``j = 0, ..., 13``) exceeds that tolerance.
    Between the best scan point's neighbours, the first-order condition
    ``w1 (f(u1) - d2) + w2 (u1 - d1) f'(u1) = 0`` is solved by Brent's method
    to rounding, with ``f'`` by the complex step ``Im f(u1 + ih) / h``
    (Squire and Trapp 1998) when ``f`` accepts complex arguments and agrees
    with finite differences, else by Ridders' extrapolation of central
    differences. The product at the answer is compared with its values at
    ``u1 (1 +- 1e-9)``; if beaten (a kink at the optimum met by finite
    differences), a golden-section search on the product takes over.
    Accuracy: about 1e-14 relative with the complex step, 1e-13 to 1e-12 with
    Ridders' differences (the tests check the first-order condition to
    1e-12 relative). Guarantee: the frontier sampled on the scan grid is
    non-increasing and concave (to the tolerance above), so the answer is the
    Nash solution of the problem whose frontier is the given one on the grid
    and near the answer. A departure from concavity (a dent or a bump) that
    lies wholly between two adjacent scan points, i.e. narrower than
    ``(b - a) / 2**14``, or shallower than the tolerance, is not detected
    and may move the answer by up to its width.

    *Frontier functions, more players*: SLSQP on the frontier, then Newton's
    method on the first-order conditions (box edges as an active set; the
    gradient by complex step, else Ridders' differences; an Armijo line search
    that never lowers the product), to a relative residual at rounding (about
    1e-15 with the complex step, 1e-13 with differences; at a kink of the
    frontier SLSQP's 1e-8 is kept). The answer is refused if a seeded sample of
    about 2,000 points of the box has a larger product. Concavity in several
    variables is not checked exhaustively: a dent the sample misses can go
    unseen.

    References
    ----------
    Nash, J. F. (1950). The bargaining problem. *Econometrica* 18(2), 155-162.
    Kalai, E. (1977). Nonsymmetric Nash solutions and replications of 2-person
    bargaining. *International Journal of Game Theory* 6(3), 129-133.
    Squire, W. and Trapp, G. (1998). Using complex variables to estimate
    derivatives of real functions. *SIAM Review* 40(1), 110-112.
    Ridders, C. J. F. (1982). Accurate computation of F'(x) and F'(x)F''(x).
    *Advances in Engineering Software* 4(2), 75-76.

    Examples
    --------
    Split a dollar; with weights 2:1 the first player gets two thirds.

    >>> from gametheory_af.bargaining import BargainingProblem, nash_solution
    >>> p = BargainingProblem([[1, 0], [0, 1]], [0, 0])
    >>> nash_solution(p).exact_payoffs
    (Fraction(1, 2), Fraction(1, 2))
    >>> nash_solution(p, weights=[2, 1]).exact_payoffs
    (Fraction(2, 3), Fraction(1, 3))

    On the frontier ``u2 = 1 - u1**2`` the solution is ``u1 = 1/sqrt(3)``:

    >>> q = BargainingProblem(lambda u: 1 - u**2, [0, 0], domain=(0, 1))
    >>> u1 = float(nash_solution(q).payoffs[0])
    >>> abs(u1 - 3**-0.5) < 1e-15
    True

    A frontier with a dent between the construction samples is refused, not
    solved wrongly:

    >>> def dented(u):
    ...     return 1 - u - (0.02 if 22 / 32 < u < 23 / 32 else 0.0)
    >>> nash_solution(BargainingProblem(dented, [0, 0], domain=(0, 1)), weights=[0.7, 0.3])
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: nash_solution: frontier must be non-increasing (a Pareto frontier); it increases from u1 = 0.71868896484375 to 0.71875.
    """
    check_problem(problem, "nash_solution")
    n = problem.n_players
    w = _polytope.check_weights(weights, n, "nash_solution")
    total = sum(w)
    w_norm = [x / total for x in w]
    wf = np.array([float(x) for x in w])
    if problem.points is None:
        u = _frontier.nash_2(problem, wf) if n == 2 else _frontier.nash_n(problem, wf)
        return make_solution(problem, "nash", u, weights=w_norm)
    exact = problem.is_exact and all(isinstance(x, Fraction) for x in w)
    if n == 2:
        if exact:
            pts: Any = problem.exact_points()
            d: Any = problem.exact_disagreement()
            ww: Any = w
        else:
            pts, d, ww = problem.points.tolist(), problem.disagreement.tolist(), wf.tolist()
        node = _polytope.nash_chain(_polytope.ir_frontier(pts, d), d, ww)
        return make_solution(problem, "nash", node[:2], weights=w_norm, lottery=node[2], exact=exact)
    return _nash_many(problem, wf, w, w_norm, exact, method="nash")


def _nash_many(
    problem: BargainingProblem,
    wf: np.ndarray,
    w: list[Any],
    w_norm: list[Any] | None,
    exact: bool,
    *,
    method: str,
) -> BargainingSolution:
    pts = problem.points
    assert pts is not None
    d = problem.disagreement
    lam = _polytope.nash_points(pts, d, wf)
    x, lam = _polytope.polish_face(pts, d, wf, lam)
    if exact:
        ex = _exact_facet(problem, w, x)
        if ex is not None:
            xe, lot = ex
            return make_solution(problem, method, xe, weights=w_norm, lottery=dict(enumerate(lot)), exact=True)
    return make_solution(problem, method, x, weights=w_norm, lottery=dict(enumerate(lam.tolist())))


def _exact_facet(problem: BargainingProblem, w: list[Any], x: np.ndarray) -> tuple[list[Fraction], list[Fraction]] | None:
    pts = problem.points
    epts = problem.exact_points()
    ed = problem.exact_disagreement()
    assert pts is not None and epts is not None and ed is not None
    d = problem.disagreement
    nu = np.array([float(a) for a in w]) / (x - d)
    vals = pts @ nu
    top = float(vals.max())
    active = np.flatnonzero(vals >= top - 1e-6 * max(1.0, abs(top)))
    if len(active) == 1:  # the optimum is a vertex
        xe: list[Fraction] | None = list(epts[int(active[0])])
    else:
        xe = _polytope.facet_closed_form(epts, ed, w, active)
    if xe is None or any(a <= b for a, b in zip(xe, ed)):
        return None
    # certificate: the hyperplane through the face supports conv(points)
    n = len(ed)
    nu_e = [w[i] / (xe[i] - ed[i]) for i in range(n)]
    c = sum(a * b for a, b in zip(nu_e, xe))
    if any(sum(a * b for a, b in zip(nu_e, p)) > c for p in epts):
        return None
    face = [epts[j] for j in active]
    hint = lottery_lp(pts[active], np.array([float(v) for v in xe]))
    if hint is None:
        return None
    sub = exact_lottery(face, xe, hint)
    if sub is None:
        return None
    lot = [Fraction(0)] * len(epts)
    for j, p in zip(active, sub):
        lot[int(j)] = p
    return xe, lot
