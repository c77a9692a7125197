"""Rubinstein alternating-offers bargaining with outside options and risk of breakdown."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._validation import _short, check_int
from ..exceptions import GameError
from ..result import json_value
from ._checks import number

__all__ = ["RubinsteinResult", "rubinstein", "rubinstein_limit"]


@dataclass(frozen=True)
class RubinsteinResult:
    """The subgame-perfect agreement of an alternating-offers bargaining game over a unit pie.

    Numbers are :class:`fractions.Fraction` when every input was an exact
    rational (``exact`` is True), else floats.

    Parameters
    ----------
    shares, proposer, proposer_share, responder_share, proposer_shares : see Attributes
    outside_option_binds, immediate_agreement, exact, parameters : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    shares : tuple of two numbers
        Each player's share of the pie in the agreement reached in period 0.
    proposer : int
        The player (0 or 1) who makes the first offer.
    proposer_share, responder_share : number
        The first proposer's share and the first responder's share.
    proposer_shares : tuple of two numbers
        ``proposer_shares[i]`` is what player ``i`` keeps in any period in which
        ``i`` proposes (the stationary strategies).
    outside_option_binds : tuple of two bools
        Whether player ``i``'s outside option determines what ``i`` is offered
        as responder (the outside-option principle).
    immediate_agreement : bool
        Always True: in the unique SPE the first offer is accepted.
    exact : bool
    parameters : tuple of (str, value) pairs
        The inputs: discount factors (or rates), breakdown probability (or
        rate), disagreement payoffs, outside options, and for a limit the
        asymmetric Nash weights it converges to.
    """

    shares: tuple[Any, Any]
    proposer: int
    proposer_share: Any
    responder_share: Any
    proposer_shares: tuple[Any, Any]
    outside_option_binds: tuple[bool, bool]
    immediate_agreement: bool
    exact: bool
    parameters: tuple[tuple[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field: exact numbers as strings (``"1/2"``), tuples as lists.

        Returns
        -------
        dict
            The result's fields, ready for :func:`json.dumps`.
        """
        return {f.name: json_value(getattr(self, f.name)) for f in dataclasses.fields(self)}


def _pair(x: Any, name: str, caller: str) -> tuple[Any, Any] | None:
    if x is None:
        return None
    if isinstance(x, (str, bytes, dict)):
        raise GameError(f"{caller}: {name} must be a pair of numbers (one per player); got {_short(x)}.")
    try:
        items = list(x)
    except TypeError as err:
        raise GameError(f"{caller}: {name} must be a pair of numbers (one per player); got {_short(x)}.") from err
    if len(items) != 2:
        raise GameError(f"{caller}: {name} must be a pair of numbers (one per player); got {_short(x)}.")
    return (number(items[0], f"{name}[0]", caller), number(items[1], f"{name}[1]", caller))


def _unify(values: list[Any]) -> tuple[list[Any], bool]:
    exact = all(isinstance(v, Fraction) for v in values)
    return (values if exact else [float(v) for v in values]), exact


def _solve(e: tuple[Any, Any], p: Any, b: tuple[Any, Any], w: tuple[Any, Any]) -> tuple[list[Any], list[bool]]:
    """Fixed point ``x_i = 1 - max(w_j, p b_j + e_j x_j)`` of the stationary proposals.

    The map is a contraction (slope ``e_1 e_2 < 1``), so exactly one of the four
    cases (which outside options bind) is consistent.
    """
    for bind in ((False, False), (True, False), (False, True), (True, True)):
        # responder j's price y_j: w_j if bind[j] else p b_j + e_j x_j
        if bind[0] and bind[1]:
            x = [1 - w[1], 1 - w[0]]
        elif bind[0]:  # player 0's option binds: x_1 = 1 - w_0; x_0 = 1 - p b_1 - e_1 x_1
            x1 = 1 - w[0]
            x = [1 - p * b[1] - e[1] * x1, x1]
        elif bind[1]:
            x0 = 1 - w[1]
            x = [x0, 1 - p * b[0] - e[0] * x0]
        else:
            x0 = (1 - e[1] - p * b[1] + e[1] * p * b[0]) / (1 - e[0] * e[1])
            x = [x0, 1 - p * b[0] - e[0] * x0]
        ok = True
        for j in (0, 1):
            cont = p * b[j] + e[j] * x[j]
            if bind[j] != (w[j] > cont):
                ok = False
        if ok:
            return x, list(bind)
    raise AssertionError("no consistent case")  # pragma: no cover - contraction has a fixed point


def _validate_common(
    caller: str, breakdown_name: str, b: Any, w: Any
) -> tuple[tuple[Any, Any], tuple[Any, Any] | None]:
    bb = _pair(b, "disagreement", caller) or (Fraction(0), Fraction(0))
    ww = _pair(w, "outside_options", caller)
    if bb[0] + bb[1] >= 1:
        raise GameError(
            f"{caller}: disagreement payoffs must sum to less than the pie (1); got {tuple(bb)}: no gains from agreement."
        )
    if ww is not None and ww[0] + ww[1] >= 1:
        raise GameError(
            f"{caller}: outside_options must sum to less than the pie (1); got {tuple(ww)}: no gains from agreement."
        )
    return bb, ww


def rubinstein(
    delta1: Any,
    delta2: Any,
    *,
    proposer: int = 0,
    outside_options: Any = None,
    breakdown: Any = 0,
    disagreement: Any = (0, 0),
) -> RubinsteinResult:
    r"""The subgame-perfect equilibrium of alternating-offers bargaining over a unit pie.

    Two players alternate proposals; a rejection costs a period (each player
    discounts by ``delta_i`` per period) and, with probability ``breakdown``,
    ends the negotiation with the ``disagreement`` payoffs (Binmore, Rubinstein
    and Wolinsky 1986). A responder may instead take an outside option ``w_i``
    (Binmore, Shaked and Sutton 1989). In the unique SPE the first offer is
    accepted; player ``i`` proposing keeps ``x_i`` with

    .. math:: x_i = 1 - \max\{w_j,\; p\, b_j + (1 - p)\, \delta_j x_j\},

    which without options or breakdown gives Rubinstein's (1982, Theorem)
    ``x_1 = (1 - \delta_2) / (1 - \delta_1 \delta_2)``.

    Parameters
    ----------
    delta1, delta2 : float or Fraction in [0, 1]
        Per-period discount factors of players 0 and 1.
    proposer : {0, 1}, default 0
        Who makes the first offer.
    outside_options : pair of numbers, optional
        ``(w_0, w_1)``: what each player gets by opting out when responding.
        Default: no outside options.
    breakdown : float or Fraction in [0, 1), default 0
        Probability ``p`` that negotiations break down after a rejection.
    disagreement : pair of numbers, default (0, 0)
        ``(b_0, b_1)``: payoffs on breakdown.

    Returns
    -------
    RubinsteinResult
        Exact (Fractions) when all inputs are exact rationals.

    Raises
    ------
    TypeError
        If a number is given as a string, a bool or another non-number, or
        ``proposer`` is not an integer.
    GameError
        If a number is NaN or infinite, a discount factor is outside [0, 1],
        both are 1 with no breakdown (no SPE is unique), ``breakdown`` is
        outside [0, 1), ``proposer`` is not 0 or 1, a pair is not a pair, or
        the disagreement payoffs or outside options sum to 1 or more. The
        model's cost does not grow with its input: no size limit applies.

    Notes
    -----
    *Outside-option principle* (Binmore, Shaked and Sutton 1989; Osborne and
    Rubinstein 1990, Sec. 3.12): an outside option changes the outcome only if
    it is worth more than what the responder would get by rejecting and
    continuing, ``p b_j + (1 - p) delta_j x_j``; it then pins the responder's
    share at exactly ``w_j``. Only responders can opt out (the options are
    collected immediately, undiscounted).

    References
    ----------
    Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
    *Econometrica* 50(1), 97-109.
    Binmore, K., Rubinstein, A. and Wolinsky, A. (1986). The Nash bargaining
    solution in economic modelling. *RAND Journal of Economics* 17(2), 176-188.
    Binmore, K., Shaked, A. and Sutton, J. (1989). An outside option experiment.
    *Quarterly Journal of Economics* 104(4), 753-770.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory_af.bargaining import rubinstein
    >>> r = rubinstein(F(9, 10), F(4, 5))
    >>> r.shares
    (Fraction(5, 7), Fraction(2, 7))

    An outside option of 2/5 for the responder binds (it beats 2/7):

    >>> r = rubinstein(F(9, 10), F(4, 5), outside_options=(0, F(2, 5)))
    >>> r.shares, r.outside_option_binds
    ((Fraction(3, 5), Fraction(2, 5)), (False, True))
    """
    caller = "rubinstein"
    d1 = number(delta1, "delta1", caller, minimum=0, maximum=1, what="a discount factor in [0, 1]")
    d2 = number(delta2, "delta2", caller, minimum=0, maximum=1, what="a discount factor in [0, 1]")
    p = number(breakdown, "breakdown", caller, minimum=0, maximum=1, strict_max=True, what="a probability in [0, 1)")
    proposer = check_int(proposer, "proposer", caller)
    if proposer not in (0, 1):
        raise GameError(f"{caller}: proposer must be 0 or 1; got {proposer!r}.")
    bb, ww = _validate_common(caller, "breakdown", disagreement, outside_options)
    e1, e2 = (1 - p) * d1, (1 - p) * d2
    if e1 * e2 >= 1:
        raise GameError(
            f"{caller}: delta1 = delta2 = 1 with breakdown = 0 makes every division an SPE; "
            "give a discount factor below 1 or a positive breakdown probability."
        )
    wv = ww if ww is not None else (-math.inf, -math.inf)
    vals, exact = _unify([d1, d2, p, *bb] + ([*ww] if ww is not None else []))
    if exact:
        e = ((1 - p) * d1, (1 - p) * d2)
        pp, b = p, bb
    else:
        e = (float(e1), float(e2))
        pp, b = float(p), (float(bb[0]), float(bb[1]))
        if ww is not None:
            wv = (float(ww[0]), float(ww[1]))
    x, bind = _solve(e, pp, b, wv)
    shares = (x[0], 1 - x[0]) if proposer == 0 else (1 - x[1], x[1])
    params = (("delta", (d1, d2)), ("breakdown", p), ("disagreement", bb), ("outside_options", ww))
    return RubinsteinResult(
        shares=shares,
        proposer=proposer,
        proposer_share=shares[proposer],
        responder_share=shares[1 - proposer],
        proposer_shares=(x[0], x[1]),
        outside_option_binds=(bind[0], bind[1]),
        immediate_agreement=True,
        exact=exact,
        parameters=params,
    )


def rubinstein_limit(
    r1: Any,
    r2: Any,
    *,
    breakdown_rate: Any = 0,
    outside_options: Any = None,
    disagreement: Any = (0, 0),
) -> RubinsteinResult:
    r"""The limit of :func:`rubinstein` as the period length shrinks to zero.

    With period length ``dt``, discount factors ``delta_i = exp(-r_i dt)`` and
    breakdown probability ``p = 1 - exp(-lambda dt)``, the SPE shares converge
    (for either first proposer) to the asymmetric Nash bargaining solution with
    disagreement point ``d_i = lambda b_i / (lambda + r_i)`` and weights
    proportional to ``1 / (lambda + r_i)``, i.e. ``(lambda + r_2) / (2 lambda + r_1 + r_2)``
    for player 0: the more patient player has the larger weight (Binmore,
    Rubinstein and Wolinsky 1986, Sec. 4):

    .. math:: x_1 = \frac{\lambda + r_2 + \lambda (b_1 - b_2)}{2 \lambda + r_1 + r_2}.

    With no breakdown this is ``r_2 / (r_1 + r_2)``: the Nash solution with
    weights ``1/r_i``; with breakdown only it is the symmetric Nash solution
    with disagreement point ``b``. A binding outside option pins its owner's
    share at ``w_i`` (the outside-option principle).

    Parameters
    ----------
    r1, r2 : float or Fraction, >= 0
        Discount rates of players 0 and 1.
    breakdown_rate : float or Fraction, >= 0, default 0
        Hazard rate ``lambda`` of breakdown; ``r1 + r2 + breakdown_rate > 0``.
    outside_options, disagreement : pair of numbers, optional
        As for :func:`rubinstein`.

    Returns
    -------
    RubinsteinResult
        ``proposer`` is 0 (the limit does not depend on it) and
        ``proposer_shares`` equals ``shares``. ``parameters`` includes
        ``nash_weights`` (normalised to sum to one, as :func:`nash_solution`
        reports them) and ``nash_disagreement``.

    Raises
    ------
    TypeError
        If a number is given as a string, a bool or another non-number.
    GameError
        If a number is NaN or infinite, a rate is negative, all rates are
        zero, a pair is not a pair, or the disagreement payoffs or outside
        options sum to 1 or more.

    References
    ----------
    Binmore, K., Rubinstein, A. and Wolinsky, A. (1986). *RAND Journal of
    Economics* 17(2), 176-188.

    Examples
    --------
    >>> from gametheory_af.bargaining import rubinstein_limit
    >>> rubinstein_limit(1, 3).shares
    (Fraction(3, 4), Fraction(1, 4))
    >>> rubinstein_limit(0, 0, breakdown_rate=1, disagreement=(0, 0.5)).shares
    (0.25, 0.75)
    """
    caller = "rubinstein_limit"
    a = number(r1, "r1", caller, minimum=0, what="non-negative")
    c = number(r2, "r2", caller, minimum=0, what="non-negative")
    lam = number(breakdown_rate, "breakdown_rate", caller, minimum=0, what="non-negative")
    if a + c + lam <= 0:
        raise GameError(f"{caller}: r1 + r2 + breakdown_rate must be positive; got {a}, {c}, {lam}.")
    bb, ww = _validate_common(caller, "breakdown_rate", disagreement, outside_options)
    vals, exact = _unify([a, c, lam, *bb] + ([*ww] if ww is not None else []))
    a, c, lam, b0, b1 = vals[:5]
    w = (vals[5], vals[6]) if ww is not None else None
    x0 = (lam + c + lam * (b0 - b1)) / (2 * lam + a + c)
    shares = [x0, 1 - x0]
    bind = [False, False]
    if w is not None:
        for j in (0, 1):
            if w[j] > shares[j]:
                shares[j], shares[1 - j] = w[j], 1 - w[j]
                bind[j] = True
    # weights proportional to 1 / (lambda + r_i), normalised to sum to one as nash_solution reports them
    weights = ((lam + c) / (2 * lam + a + c), (lam + a) / (2 * lam + a + c))
    nash_d = (lam * b0 / (lam + a) if lam + a > 0 else b0, lam * b1 / (lam + c) if lam + c > 0 else b1)
    params = (
        ("rates", (a, c)),
        ("breakdown_rate", lam),
        ("disagreement", (b0, b1)),
        ("outside_options", w),
        ("nash_weights", weights),
        ("nash_disagreement", nash_d),
    )
    return RubinsteinResult(
        shares=(shares[0], shares[1]),
        proposer=0,
        proposer_share=shares[0],
        responder_share=shares[1],
        proposer_shares=(shares[0], shares[1]),
        outside_option_binds=(bind[0], bind[1]),
        immediate_agreement=True,
        exact=exact,
        parameters=params,
    )
