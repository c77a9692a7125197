r"""The bargaining model of war: Fearon's bargaining range and Powell's commitment problem.

Two sides, A and B, dispute a good of size 1 (territory, control of a
government, a flow of rents); a settlement :math:`x \in [0, 1]` gives A the share
:math:`x` and B the share :math:`1 - x`. Fighting instead gives A the whole good
with probability :math:`p` and B with probability :math:`1 - p`, at costs
:math:`c_A, c_B \ge 0` in utility units (Fearon 1995). Throughout this module
``p`` is **A's** probability of winning and ``x`` is **A's** share.

* :func:`bargaining_range`: the settlements both sides prefer to war, with
  risk-neutral or risk-averse (or risk-acceptant) utilities.
* :func:`optimal_offer`: A's take-it-or-leave-it demand when B's cost of war
  is private information, and the probability of war it accepts: the
  risk-return trade-off.
* :func:`commitment_problem`: whether an anticipated shift in power makes war
  rational although a bargaining range exists today (Powell 2006): the
  mechanism behind a calendar-based withdrawal that shifts power to one side.

Numbers are :class:`fractions.Fraction` when every input is an exact rational and
the model is linear (risk neutrality, uniform beliefs), else floats; each result
says which in its ``exact`` field.

References
----------
.. [1] Fearon, J. D. (1995). Rationalist explanations for war. *International
   Organization* 49(3), 379-414.
.. [2] Powell, R. (2006). War as a commitment problem. *International
   Organization* 60(1), 169-203.
.. [3] Powell, R. (1999). *In the Shadow of Power: States and Strategies in
   International Politics*. Princeton University Press (ch. 3, the
   risk-return trade-off).

Examples
--------
>>> import gametheory_af as gt
>>> from fractions import Fraction as F
>>> r = gt.bargaining_range(F(1, 2), F(1, 10), F(1, 5))
>>> r.lower, r.upper, r.width
(Fraction(2, 5), Fraction(7, 10), Fraction(3, 10))
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._limits import check_bytes
from .._validation import _short, check_int, unique_names
from ..exceptions import GameError
from ._checks import not_astronomical, number

__all__ = [
    "BargainingRange",
    "OfferResult",
    "CommitmentResult",
    "bargaining_range",
    "optimal_offer",
    "commitment_problem",
    "UltimatumResult",
    "fearon_ultimatum",
]

Number = Any  # Fraction when exact, else float


# ============================================================================ input helpers
def _probability(x: Any, name: str, caller: str) -> Number:
    return number(x, name, caller, minimum=0, maximum=1, what="a probability in [0, 1]")


def _cost(x: Any, name: str, caller: str) -> Number:
    return number(x, name, caller, minimum=0, what="non-negative (a cost of war)")


def _unify(values: list[Number]) -> tuple[list[Number], bool]:
    """All Fractions if every value is one, else all floats."""
    if all(isinstance(v, Fraction) for v in values):
        return values, True
    return [float(v) for v in values], False


# ============================================================================ utilities
def _utility_inverse(kind: Any, rho: Number, who: str, caller: str) -> Callable[[float], float]:
    """The inverse of a utility normalised to u(0) = 0, u(1) = 1."""
    if callable(kind):
        u = kind
        try:
            u0, u1 = float(u(0.0)), float(u(1.0))
        except Exception as err:  # noqa: BLE001 - report any failure of the user's function
            raise GameError(f"{caller}: utility of {who} failed at 0 or 1: {err}") from err
        if abs(u0) > 1e-9 or abs(u1 - 1) > 1e-9:
            raise GameError(
                f"{caller}: utility of {who} must be normalised to u(0) = 0 and u(1) = 1; got u(0) = {u0!r}, u(1) = {u1!r}."
            )

        def inv(y: float) -> float:
            from scipy.optimize import brentq

            return float(brentq(lambda t: float(u(t)) - y, 0.0, 1.0, xtol=1e-14))

        return inv
    r = float(rho)
    if kind == "power":
        if r >= 1:
            raise GameError(
                f"{caller}: risk_aversion of {who} must be below 1 for power utility u(x) = x**(1 - r); got {rho!r}."
            )
        theta = 1.0 - r
        return lambda y: float(y ** (1.0 / theta))
    if kind == "cara":
        if r == 0:
            return lambda y: float(y)
        if r > 0:
            k = math.expm1(-r)
            return lambda y: float(-math.log1p(y * k) / r)
        # risk acceptant: x = log(1 + y (e^s - 1)) / s with s = -r, written without e^s (no overflow)
        s = -r
        m = -math.expm1(-s)
        return lambda y: float(1.0 + math.log1p(-(1.0 - y) * m) / s) if y < 1 else 1.0
    raise GameError(f"{caller}: utility must be 'power', 'cara' or a pair of callables; got {kind!r}.")


# ============================================================================ Fearon's bargaining range
@dataclass(frozen=True)
class BargainingRange:
    """Settlements that both sides prefer to war (Fearon 1995).

    Numbers are :class:`fractions.Fraction` when ``exact`` is True, else floats.

    Parameters
    ----------
    lower, upper, width, is_empty, war_payoff_a, war_payoff_b, p, exact : see Attributes
    parameters : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    lower, upper : number
        A accepts a settlement :math:`x` (its share) iff :math:`x \\ge` ``lower``;
        B accepts iff :math:`x \\le` ``upper``. Both lie in [0, 1].
    width : number
        ``upper - lower``, or 0 when the range is empty.
    is_empty : bool
        True when ``lower > upper``: no settlement beats war for both (possible
        only with risk-acceptant utilities).
    war_payoff_a, war_payoff_b : number
        Expected utilities of war, :math:`p - c_A` and :math:`1 - p - c_B`.
    p : number
        A's probability of winning.
    exact : bool
    parameters : tuple of (str, value) pairs
        The inputs (costs, utility family, risk aversion).
    """

    lower: Number
    upper: Number
    width: Number
    is_empty: bool
    war_payoff_a: Number
    war_payoff_b: Number
    p: Number
    exact: bool
    parameters: tuple[tuple[str, Any], ...]

    def contains(self, x: Any) -> bool:
        """Whether settlement *x* (A's share) is weakly preferred to war by both sides.

        Parameters
        ----------
        x : float or Fraction
            A settlement: A's share of the good.

        Returns
        -------
        bool
            Whether *x* lies in the bargaining range.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> r = gt.bargaining_range(0.5, 0.1, 0.1)
        >>> r.contains(0.45), r.contains(0.7)
        (True, False)
        """
        xv = number(x, "x", "BargainingRange.contains")
        return bool(self.lower <= xv <= self.upper)


def bargaining_range(
    p: Any,
    cost_a: Any,
    cost_b: Any,
    *,
    risk_aversion: Any = 0,
    utility: Any = "power",
) -> BargainingRange:
    r"""Fearon's range of settlements that both sides prefer to war.

    With utilities normalised to :math:`u(0) = 0` and :math:`u(1) = 1`, war is
    worth :math:`p - c_A` to A and :math:`1 - p - c_B` to B (Fearon 1995,
    section "When will there exist bargains both sides prefer to war?"), so
    the range is

    .. math::

        \{x \in [0, 1] : u_A(x) \ge p - c_A,\ u_B(1 - x) \ge 1 - p - c_B\}
        = [\,u_A^{-1}(p - c_A),\ 1 - u_B^{-1}(1 - p - c_B)\,]

    (an inverse of a non-positive argument is 0). For risk-neutral sides this
    is :math:`[p - c_A,\ p + c_B] \cap [0, 1]`, of width :math:`c_A + c_B` away
    from the edges; concave (risk-averse) utilities widen it, since
    :math:`u^{-1}(y) \le y` (Fearon 1995, same section).

    Parameters
    ----------
    p : number in [0, 1]
        A's probability of winning a war.
    cost_a, cost_b : number >= 0
        Costs of war to A and B, in the same utility units (a cost of 0.1 is a
        tenth of the value of the whole good).
    risk_aversion : number or pair of numbers, default 0
        Risk attitude of A and B (one number applies to both). For
        ``utility="power"``, :math:`u(x) = x^{1 - r}` with :math:`r < 1`
        (constant relative risk aversion :math:`r`; :math:`r < 0` is risk
        acceptant). For ``utility="cara"``,
        :math:`u(x) = (1 - e^{-r x}) / (1 - e^{-r})` (constant absolute risk
        aversion :math:`r`, any real; linear at :math:`r = 0`).
    utility : {"power", "cara"} or pair of callables, default "power"
        The utility family, or A's and B's own increasing utilities of their
        share on [0, 1] with :math:`u(0) = 0, u(1) = 1` (then *risk_aversion*
        must be 0); these are inverted numerically.

    Returns
    -------
    BargainingRange
        Exact (:class:`~fractions.Fraction`) when both sides are risk neutral
        and *p* and the costs are exact rationals.

    Raises
    ------
    TypeError
        If a number is given as a string, a bool or another non-number.
    GameError
        If a number is NaN or infinite, *p* is not a probability, a cost is
        negative, a risk aversion is out of range for its family, or a utility
        is unknown or not normalised. The model's cost does not grow with its
        input: no size limit applies.

    Notes
    -----
    Fearon's argument assumes weakly concave utilities; with risk-acceptant
    utilities the range narrows and can be empty (``is_empty``), one of the
    cases his rationalist explanations set aside.

    References
    ----------
    Fearon, J. D. (1995). Rationalist explanations for war. *International
    Organization* 49(3), 379-414, section "When will there exist bargains
    both sides prefer to war?".

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from fractions import Fraction as F
    >>> r = gt.bargaining_range(F(3, 5), F(1, 10), F(1, 10))
    >>> r.lower, r.upper
    (Fraction(1, 2), Fraction(7, 10))

    Risk aversion widens the range:

    >>> ra = gt.bargaining_range(0.6, 0.1, 0.1, risk_aversion=0.5)
    >>> round(ra.lower, 4), round(ra.upper, 4)
    (0.25, 0.91)
    """
    caller = "bargaining_range"
    pv = _probability(p, "p", caller)
    ca = _cost(cost_a, "cost_a", caller)
    cb = _cost(cost_b, "cost_b", caller)
    if isinstance(risk_aversion, (tuple, list)):
        if len(risk_aversion) != 2:
            raise GameError(f"{caller}: risk_aversion must be a number or a pair (A, B); got {risk_aversion!r}.")
        ra = (number(risk_aversion[0], "risk_aversion[0]", caller), number(risk_aversion[1], "risk_aversion[1]", caller))
    else:
        r0 = number(risk_aversion, "risk_aversion", caller)
        ra = (r0, r0)
    if isinstance(utility, (tuple, list)):
        if len(utility) != 2 or not all(callable(u) for u in utility):
            raise GameError(f"{caller}: utility must be 'power', 'cara' or a pair of callables; got {utility!r}.")
        if ra != (0, 0):
            raise GameError(f"{caller}: risk_aversion must be 0 when utility functions are given; got {risk_aversion!r}.")
        kinds: tuple[Any, Any] = (utility[0], utility[1])
        neutral = False
    elif isinstance(utility, str) and utility in ("power", "cara"):
        kinds = (utility, utility)
        neutral = ra[0] == 0 and ra[1] == 0
    else:
        raise GameError(f"{caller}: utility must be 'power', 'cara' or a pair of callables; got {utility!r}.")
    inv_a = _utility_inverse(kinds[0], ra[0], "A", caller)
    inv_b = _utility_inverse(kinds[1], ra[1], "B", caller)
    (pv, ca, cb), exact = _unify([pv, ca, cb])
    exact = exact and neutral
    if not exact:
        pv, ca, cb = float(pv), float(ca), float(cb)
    wa = pv - ca
    wb = 1 - pv - cb
    zero: Number = Fraction(0) if exact else 0.0
    one: Number = Fraction(1) if exact else 1.0
    if neutral:
        lower = max(zero, wa)
        upper = min(one, 1 - max(zero, wb))
    else:
        lower = inv_a(wa) if wa > 0 else 0.0
        upper = 1.0 - inv_b(wb) if wb > 0 else 1.0
    empty = lower > upper
    width = zero if empty else upper - lower
    params = (
        ("cost_a", ca),
        ("cost_b", cb),
        ("utility", utility if isinstance(utility, str) else "custom"),
        ("risk_aversion", ra),
    )
    return BargainingRange(lower, upper, width, bool(empty), wa, wb, pv, exact, params)


# ============================================================================ risk-return trade-off
@dataclass(frozen=True)
class OfferResult:
    """A's optimal take-it-or-leave-it demand when B's cost of war is private.

    Numbers are :class:`fractions.Fraction` when ``exact`` is True, else floats.

    Parameters
    ----------
    settlement, prob_war, expected_payoff_a, cutoff_cost, p, exact : see Attributes
    parameters : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    settlement : number
        A's optimal demand :math:`x^*` (A's share); B is offered :math:`1 - x^*`.
    prob_war : number
        Probability that B rejects and fights: :math:`P(c_B < x^* - p)`.
    expected_payoff_a : number
        A's expected utility from the demand.
    cutoff_cost : number
        B accepts exactly when its cost is at least :math:`x^* - p`.
    p : number
    exact : bool
    parameters : tuple of (str, value) pairs
    """

    settlement: Number
    prob_war: Number
    expected_payoff_a: Number
    cutoff_cost: Number
    p: Number
    exact: bool
    parameters: tuple[tuple[str, Any], ...]


def optimal_offer(p: Any, cost_a: Any, cost_b: Any, *, n_grid: int = 2001) -> OfferResult:
    r"""A's optimal ultimatum when it does not know B's cost of war: Fearon's risk-return trade-off.

    A demands a settlement :math:`x` (its share) once; B, who knows its cost
    :math:`c_B`, accepts iff :math:`1 - x \ge 1 - p - c_B`, i.e. iff
    :math:`c_B \ge x - p`, and otherwise fights. Both are risk neutral. A
    maximises

    .. math::

        U_A(x) = P(c_B \ge x - p)\,x + P(c_B < x - p)\,(p - c_A):

    demanding more pays more if accepted but risks war more often (Fearon 1995,
    section "War due to private information and incentives to misrepresent";
    Powell 1999, ch. 3).

    With :math:`c_B` uniform on :math:`[\ell, h]` the optimum is in closed form:
    :math:`x^* = p + \min\bigl(\operatorname{clip}((h - c_A)/2,\ \ell,\ h),\ 1 - p\bigr)`,
    with probability of war :math:`(x^* - p - \ell)/(h - \ell)`; for an
    interior solution this is :math:`(h - c_A - 2\ell) / (2(h - \ell))`, positive
    whenever :math:`h - c_A > 2\ell`. (Derivation: :math:`U_A` is concave in
    :math:`y = x - p` on :math:`(-\infty, h]` with :math:`U_A'(y) \propto h - c_A - 2y`
    on :math:`[\ell, h]`, and constant beyond :math:`h`.)

    Parameters
    ----------
    p : number in [0, 1]
        A's probability of winning.
    cost_a : number >= 0
        A's cost of war (known).
    cost_b : pair (low, high) or distribution
        A's beliefs about B's cost: uniform on ``[low, high]`` with
        ``0 <= low <= high`` (closed form, exact for rationals), or any object
        with a ``cdf`` method, e.g. a frozen :mod:`scipy.stats` continuous
        distribution (numeric: a grid over :math:`x \in [0, 1]` refined by a
        bounded scalar search).
    n_grid : int, default 2001
        Grid size for a general distribution.

    Returns
    -------
    OfferResult

    Raises
    ------
    TypeError
        If a number is given as a string, a bool or another non-number, or
        *n_grid* is not an integer.
    GameError
        On a NaN or infinite number, a probability outside [0, 1], a negative
        cost, an interval with ``low > high`` or ``low < 0``, a *cost_b* that is
        neither, or ``n_grid < 3``. *n_grid* is checked whatever *cost_b* is,
        and before any work against the ``max_entries``/``max_bytes`` limits
        (the grid and its cdf values are float64 arrays of *n_grid* entries;
        see :func:`gametheory_af.set_limits`).

    References
    ----------
    Fearon, J. D. (1995). Rationalist explanations for war. *International
    Organization* 49(3), 379-414, section "War due to private information and
    incentives to misrepresent".
    Powell, R. (1999). *In the Shadow of Power*. Princeton University Press.

    Examples
    --------
    B's cost uniform on [0, 0.4], A's cost 0.1, even odds: A demands 0.65 and
    accepts a 3/8 chance of war.

    >>> import gametheory_af as gt
    >>> from fractions import Fraction as F
    >>> o = gt.optimal_offer(F(1, 2), F(1, 10), (0, F(2, 5)))
    >>> o.settlement, o.prob_war
    (Fraction(13, 20), Fraction(3, 8))

    The same with a general distribution (numeric):

    >>> from scipy import stats
    >>> o = gt.optimal_offer(0.5, 0.1, stats.uniform(0, 0.4))
    >>> round(o.settlement, 4), round(o.prob_war, 4)
    (0.65, 0.375)
    """
    caller = "optimal_offer"
    pv = _probability(p, "p", caller)
    ca = _cost(cost_a, "cost_a", caller)
    n_grid = check_int(n_grid, "n_grid", caller, minimum=3)
    not_astronomical(n_grid, "n_grid", caller)
    check_bytes(4 * n_grid, 8, "grid entries (4 float64 arrays of n_grid)", caller)
    if hasattr(cost_b, "cdf"):
        return _numeric_offer(float(pv), float(ca), cost_b, n_grid, caller)
    if isinstance(cost_b, (str, bytes)) or not isinstance(cost_b, (tuple, list)) or len(cost_b) != 2:
        raise GameError(
            f"{caller}: cost_b must be an interval (low, high) for a uniform belief or a distribution with a cdf; "
            f"got {_short(cost_b)}."
        )
    lo = _cost(cost_b[0], "cost_b low", caller)
    hi = _cost(cost_b[1], "cost_b high", caller)
    if lo > hi:
        raise GameError(f"{caller}: cost_b interval must have low <= high; got {cost_b!r}.")
    (pv, ca, lo, hi), exact = _unify([pv, ca, lo, hi])
    y = min(max((hi - ca) / 2, lo), hi)
    y = min(y, 1 - pv)
    x = pv + y
    if hi > lo:
        q = min(max((y - lo) / (hi - lo), 0 * y), 0 * y + 1)
    else:
        q = 0 * y
    eu = (1 - q) * x + q * (pv - ca)
    params = (("cost_a", ca), ("cost_b", ("uniform", lo, hi)))
    return OfferResult(x, q, eu, y, pv, exact, params)


def _numeric_offer(p: float, ca: float, dist: Any, n_grid: int, caller: str) -> OfferResult:
    from scipy.optimize import minimize_scalar

    def cdf(y: Any) -> np.ndarray:
        try:
            vals = np.asarray(dist.cdf(y), dtype=np.float64)
        except Exception as err:  # noqa: BLE001 - report any failure of the user's distribution
            raise GameError(f"{caller}: cost_b.cdf failed: {err!r}.") from err
        if vals.shape != np.shape(y) or not np.all(np.isfinite(vals)):
            raise GameError(f"{caller}: cost_b.cdf must return finite probabilities; got {vals!r}.")
        return np.clip(vals, 0.0, 1.0)

    def prob_war(x: float) -> float:
        return float(cdf(x - p))

    def eu(x: float) -> float:
        q = prob_war(x)
        return (1 - q) * x + q * (p - ca)

    grid = np.linspace(0.0, 1.0, n_grid)
    qs = cdf(grid - p)
    vals = (1 - qs) * grid + qs * (p - ca)
    k = int(np.argmax(vals))
    lo, hi = grid[max(k - 1, 0)], grid[min(k + 1, n_grid - 1)]
    best_x, best_v = float(grid[k]), float(vals[k])
    if hi > lo:
        res = minimize_scalar(lambda t: -eu(t), bounds=(lo, hi), method="bounded", options={"xatol": 1e-12})
        if -res.fun > best_v:
            best_x, best_v = float(res.x), float(-res.fun)
    q = prob_war(best_x)
    params = (("cost_a", ca), ("cost_b", repr(dist)))
    return OfferResult(best_x, q, best_v, best_x - p, p, False, params)


# ============================================================================ Powell's commitment problem
@dataclass(frozen=True)
class CommitmentResult:
    """Whether a shift in power makes preventive war rational (Powell 2006).

    All payoffs are average per-period values (the per-period good is worth 1).
    Numbers are :class:`fractions.Fraction` when ``exact`` is True, else floats.

    Parameters
    ----------
    war, declining, shift, threshold, surplus, war_payoff_declining : see Attributes
    best_peace_payoff, credible_share, required_share, commitment_gap, exact : see Attributes
    parameters, p_next_lower, p_next_upper : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    war : bool
        True when the declining side prefers fighting now to the best peace the
        rising side can credibly offer.
    declining : str or None
        The side whose probability of winning falls (``None`` without a shift;
        the fields below then describe the side closer to fighting).
    shift : number
        The discounted shift toward the rising side, :math:`\\delta (q_{t+1} - q_t)`,
        where :math:`q` is the rising side's probability of winning.
    threshold : number
        :math:`(1 - \\delta) q_t + c_D + \\delta c_R`: war occurs iff ``shift > threshold``.
    surplus : number
        The per-period bargaining surplus :math:`c_A + c_B` (the width of
        Fearon's range); as :math:`\\delta \\to 1` war occurs iff the shift
        exceeds it.
    war_payoff_declining : number
        The declining side's value of fighting now, :math:`1 - q_t - c_D`.
    best_peace_payoff : number
        The most the declining side can get in peace: all of today's good and
        the credible share from tomorrow, :math:`(1 - \\delta) + \\delta s_{max}`.
    credible_share : number
        :math:`s_{max} = \\min(1, 1 - q_{t+1} + c_R)`: the largest per-period share
        the rising side can credibly promise from tomorrow on (it will fight
        for anything less than its war value :math:`q_{t+1} - c_R`).
    required_share : number
        The smallest per-period share from tomorrow on that, with all of
        today's good, keeps the declining side at peace: the minimal transfer
        the rising side would have to commit to.
    commitment_gap : number
        ``required_share - credible_share``; positive exactly when ``war``.
    exact : bool
    parameters : tuple of (str, value) pairs
    p_next_lower, p_next_upper : number
        The thresholds on the next-period balance of power (A's probability of
        winning, ``p_next``), the other inputs fixed: peace holds exactly for
        ``p_next_lower <= p_next <= p_next_upper``. Below, A declines so far that it
        fights: :math:`p_{t+1} < 1 - c_B - (1 - p_t + c_A)/\\delta`; above, B does:
        :math:`p_{t+1} > (p_t + c_B)/\\delta + c_A` (the war condition solved for
        :math:`q_{t+1}`: :math:`q_{t+1} > (q_t + c_D)/\\delta + c_R`). A threshold
        outside [0, 1] means no shift that way leads to war.
    """

    war: bool
    declining: str | None
    shift: Number
    threshold: Number
    surplus: Number
    war_payoff_declining: Number
    best_peace_payoff: Number
    credible_share: Number
    required_share: Number
    commitment_gap: Number
    exact: bool
    parameters: tuple[tuple[str, Any], ...]
    p_next_lower: Number
    p_next_upper: Number


def commitment_problem(
    p_now: Any,
    p_next: Any,
    cost_a: Any,
    cost_b: Any,
    *,
    delta: Any,
    players: tuple[str, str] = ("A", "B"),
) -> CommitmentResult:
    r"""Powell's commitment problem: whether an anticipated shift in power makes war rational.

    The model (Powell 2006, on preventive war; Fearon 1995, section
    "Preventive war as a commitment problem"): A and B divide a good worth 1 in every period and discount
    by :math:`\delta`. In any period either may fight; war ends the game, the
    winner keeps the good for ever, and the costs :math:`c_A, c_B` are
    expressed, like all payoffs here, as average per-period values (a war is
    worth :math:`p - c_A` to A, as in :func:`bargaining_range`). A's
    probability of winning is ``p_now`` today and ``p_next`` from tomorrow on
    (one shift, after which power is stable).

    Let :math:`D` be the declining side, :math:`R` the rising one and
    :math:`q_t, q_{t+1}` R's probabilities of winning. From tomorrow on R can
    always secure its war value :math:`q_{t+1} - c_R`, and nothing it promises
    today can bind it to accept less, so D can credibly get at most
    :math:`s_{max} = \min(1, 1 - q_{t+1} + c_R)` per period from tomorrow. D
    therefore fights now iff its war value exceeds the best credible peace,

    .. math::

        1 - q_t - c_D \;>\; (1 - \delta)\cdot 1 + \delta\,s_{max}
        \iff
        \delta\,(q_{t+1} - q_t) \;>\; (1 - \delta)\,q_t + c_D + \delta\,c_R ,

    the two-period form of Powell's inefficiency condition: war when the
    shift in power is large relative to the bargaining surplus. As
    :math:`\delta \to 1` it reads :math:`q_{t+1} - q_t > c_A + c_B`: the shift
    exceeds the width of Fearon's bargaining range. If the condition fails,
    peace is sustainable (D takes enough today and R's promise from tomorrow
    is credible). R never wants to fight: its future only improves.

    Parameters
    ----------
    p_now, p_next : number in [0, 1]
        A's probability of winning a war fought today, and from tomorrow on.
    cost_a, cost_b : number >= 0
        Per-period (average-value) costs of war to A and B.
    delta : number in (0, 1)
        Common discount factor.
    players : pair of str, default ("A", "B")
        Names used in ``declining``.

    Returns
    -------
    CommitmentResult
        Exact when all inputs are exact rationals.

    Raises
    ------
    TypeError
        If a number is given as a string, a bool or another non-number.
    GameError
        On NaN or infinite numbers, probabilities outside [0, 1], negative
        costs, :math:`\delta \notin (0, 1)`, or *players* that are not two
        distinct non-empty names.

    Notes
    -----
    The condition is derived in full above from the stated model (Powell's
    general model allows many periods and shifts; this function treats one
    anticipated shift). Costs are in average per-period units; a lump-sum
    cost :math:`C` in present-value terms corresponds to :math:`c = (1-\delta) C`.

    References
    ----------
    Powell, R. (2006). War as a commitment problem. *International
    Organization* 60(1), 169-203.
    Fearon, J. D. (1995). Rationalist explanations for war. *International
    Organization* 49(3), 379-414, section "Preventive war as a commitment
    problem".

    Examples
    --------
    A withdrawal on a calendar deadline cuts the government's (A's) chance
    of prevailing against the insurgency (B) from 0.7 to 0.3:

    >>> import gametheory_af as gt
    >>> from fractions import Fraction as F
    >>> r = gt.commitment_problem(F(7, 10), F(3, 10), F(1, 20), F(1, 20), delta=F(9, 10),
    ...                           players=("Government", "Taliban"))
    >>> r.war, r.declining
    (True, 'Government')
    >>> r.shift, r.threshold
    (Fraction(9, 25), Fraction(1, 8))

    Peace would hold for a next-period balance in ``[p_next_lower, p_next_upper]``:
    A (the government) fights for any ``p_next`` below
    :math:`1 - 1/20 - (3/10 + 1/20) / (9/10) = 101/180`.

    >>> r.p_next_lower, r.p_next_upper
    (Fraction(101, 180), Fraction(53, 60))

    A small shift leaves room for a credible bargain:

    >>> gt.commitment_problem(0.7, 0.65, 0.05, 0.05, delta=0.9).war
    False
    """
    caller = "commitment_problem"
    p0 = _probability(p_now, "p_now", caller)
    p1 = _probability(p_next, "p_next", caller)
    ca = _cost(cost_a, "cost_a", caller)
    cb = _cost(cost_b, "cost_b", caller)
    d = number(delta, "delta", caller, minimum=0, maximum=1, strict_min=True, strict_max=True,
               what="a discount factor in (0, 1)")
    if not isinstance(players, (tuple, list)) or len(players) != 2 or not all(isinstance(s, str) for s in players):
        raise GameError(f"{caller}: players must be a pair of names; got {_short(players)}.")
    players = unique_names(players, 2, "players", caller)  # type: ignore[assignment]
    (p0, p1, ca, cb, d), exact = _unify([p0, p1, ca, cb, d])
    one: Number = Fraction(1) if exact else 1.0

    def side(q0: Number, q1: Number, c_d: Number, c_r: Number) -> tuple[Number, ...]:
        war_value = 1 - q0 - c_d
        credible = min(one, 1 - q1 + c_r)
        required = (war_value - (1 - d)) / d
        threshold = (1 - d) * q0 + c_d + d * c_r
        return war_value, credible, (1 - d) + d * credible, required, required - credible, threshold

    a_declines = side(1 - p0, 1 - p1, ca, cb)  # B's probability of winning is 1 - p
    b_declines = side(p0, p1, cb, ca)
    declining: str | None
    if p1 < p0:
        declining, (q0, q1), vals = players[0], (1 - p0, 1 - p1), a_declines
    elif p1 > p0:
        declining, (q0, q1), vals = players[1], (p0, p1), b_declines
    else:  # no shift: report the side closer to fighting (neither fights)
        declining, q0, q1 = None, p0, p1
        vals = max(a_declines, b_declines, key=lambda t: (t[4], t[5]))
    war_value, credible, best_peace, required, gap, threshold = vals
    war = bool(war_value > best_peace)
    params = (("p_now", p0), ("p_next", p1), ("cost_a", ca), ("cost_b", cb), ("delta", d))
    return CommitmentResult(
        war=war,
        declining=declining,
        shift=d * (q1 - q0),
        threshold=threshold,
        surplus=ca + cb,
        war_payoff_declining=war_value,
        best_peace_payoff=best_peace,
        credible_share=credible,
        required_share=required,
        commitment_gap=gap,
        exact=exact,
        parameters=params,
        p_next_lower=1 - cb - (1 - p0 + ca) / d,
        p_next_upper=(p0 + cb) / d + ca,
    )


# ============================================================================ Fearon's full-information ultimatum
@dataclass(frozen=True)
class UltimatumResult:
    """The full-information take-it-or-leave-it settlement of Fearon's (1995) bargaining model.

    Numbers are :class:`fractions.Fraction` when ``exact`` is True, else floats.

    Parameters
    ----------
    settlement, proposer, payoff_a, payoff_b, war_payoff_a, war_payoff_b, p, exact : see Attributes
    parameters : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    settlement : number
        A's share :math:`x` of the good in the proposer's demand, which the responder accepts.
    proposer : str
        ``"A"`` or ``"B"``.
    payoff_a, payoff_b : number
        The settlement's payoffs, :math:`x` and :math:`1 - x`.
    war_payoff_a, war_payoff_b : number
        The values of war, :math:`p - c_A` and :math:`1 - p - c_B`.
    p : number
        A's probability of winning.
    exact : bool
    parameters : tuple of (str, value) pairs
    """

    settlement: Number
    proposer: str
    payoff_a: Number
    payoff_b: Number
    war_payoff_a: Number
    war_payoff_b: Number
    p: Number
    exact: bool
    parameters: tuple[tuple[str, Any], ...]


def fearon_ultimatum(p: Any, cost_a: Any, cost_b: Any, *, proposer: str = "A") -> UltimatumResult:
    r"""Fearon's ultimatum with full information: the proposer leaves the responder its war value.

    The proposer demands a division of a good worth 1; the responder accepts or
    fights (A wins with probability :math:`p`, the costs :math:`c_A, c_B \ge 0`
    are in the good's units, both sides risk neutral; Fearon 1995, section
    "Rationalist explanations for war", the bargaining model and its
    take-it-or-leave-it game). With everything known, the responder accepts any
    share worth at least its war value (indifference resolved by accepting, as
    in the subgame-perfect equilibrium), so the proposer gives exactly that and
    keeps the rest of the bargaining range:

    * A proposes: :math:`x = \min(1, p + c_B)` (B keeps :math:`\max(0, 1 - p - c_B)`);
    * B proposes: :math:`x = \max(0, p - c_A)` (A gets its war value when non-negative).

    War never happens: the range :math:`[p - c_A, p + c_B]` is never empty for
    risk-neutral sides with non-negative costs. Compare :func:`optimal_offer`,
    where B's cost is private and war occurs with positive probability.

    Parameters
    ----------
    p : number in [0, 1]
        A's probability of winning a war.
    cost_a, cost_b : number >= 0
        The costs of war to A and B.
    proposer : {"A", "B"}, default "A"
        Who makes the take-it-or-leave-it demand.

    Returns
    -------
    UltimatumResult
        Exact when every number is an exact rational.

    Raises
    ------
    TypeError
        If a number is given as a string, a bool or another non-number.
    GameError
        On NaN or infinite numbers, ``p`` outside [0, 1], negative costs, or a
        *proposer* other than ``"A"`` or ``"B"``.

    References
    ----------
    Fearon, J. D. (1995). Rationalist explanations for war. *International
    Organization* 49(3), 379-414.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> import gametheory_af.bargaining.war as war
    >>> r = war.fearon_ultimatum(F(1, 2), F(1, 10), F(1, 5))
    >>> r.settlement, r.payoff_b, r.war_payoff_b
    (Fraction(7, 10), Fraction(3, 10), Fraction(3, 10))
    >>> war.fearon_ultimatum(F(1, 2), F(1, 10), F(1, 5), proposer="B").settlement
    Fraction(2, 5)
    """
    caller = "fearon_ultimatum"
    pv = _probability(p, "p", caller)
    ca = _cost(cost_a, "cost_a", caller)
    cb = _cost(cost_b, "cost_b", caller)
    if proposer not in ("A", "B"):
        raise GameError(f"{caller}: proposer must be 'A' or 'B'; got {_short(proposer)}.")
    (pv, ca, cb), exact = _unify([pv, ca, cb])
    zero: Number = Fraction(0) if exact else 0.0
    one: Number = Fraction(1) if exact else 1.0
    x = min(one, pv + cb) if proposer == "A" else max(zero, pv - ca)
    params = (("p", pv), ("cost_a", ca), ("cost_b", cb), ("proposer", proposer))
    return UltimatumResult(x, proposer, x, 1 - x, pv - ca, 1 - pv - cb, pv, exact, params)
