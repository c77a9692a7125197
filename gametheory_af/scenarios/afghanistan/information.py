r"""Incomplete information in the Afghan scenario: war by miscalculation, and Pakistan as monitor.

The Taliban knows its own strength; the government does not. Two types, as
the op-ed's two readings of the balance of power: a **weak** Taliban (the
Pentagon's view that the Afghan forces "have the advantages"; winning
probability ``taliban_win_before``) and a **strong** one (the "emboldened
Taliban" of July 2021; ``taliban_win_after``), the strong type with prior
probability ``prior_strong``.

The model is Fearon's (1995) take-it-or-leave-it bargaining over a prize of
size 1, with the flagship's parameters:

* a Taliban of type :math:`\theta` wins a war with probability
  :math:`q_\theta - e\ell` (``sanctuary_effect`` :math:`e` per unit of
  Pakistan's ``leverage`` :math:`\ell`, clipped at 0) and pays
  ``taliban_war_cost`` :math:`c_T` plus :math:`\ell` (Pakistan denies it
  sanctuary); the government pays ``government_war_cost`` :math:`c_G`;
* the government offers the Taliban a share :math:`s`; the Taliban accepts iff
  :math:`s \ge r_\theta = \max(0,\ q_\theta - e\ell - c_T - \ell)`, its value of war.

Against each type alone the government offers exactly :math:`r_\theta`
(:func:`gametheory_af.bargaining.war.optimal_offer` with a known cost). Not
knowing the type, it either offers :math:`r_s` (both accept: peace) or the
smaller :math:`r_w` (only the weak type accepts; the strong type fights with
probability :math:`\pi`, the prior). This is the risk-return trade-off with a
two-point belief. Offering :math:`r_w` gains

.. math::

    G(\pi) = (r_s - r_w) - \pi\,(q_s - e\ell + c_G - r_w)

over offering :math:`r_s`, so the government risks war iff :math:`G > 0`, i.e. iff
:math:`\pi < \pi^* = (r_s - r_w) / (q_s - e\ell + c_G - r_w)`; without clipping
:math:`\pi^* = \Delta / (\Delta + c_T + c_G + \ell)` with
:math:`\Delta = q_s - q_w`. At a tie it offers :math:`r_s` (peace). War by
miscalculation then has probability :math:`\pi` when :math:`\pi < \pi^*` and 0
otherwise. Leverage raises the war costs and so lowers :math:`\pi^*`: pressure
makes the safe offer cheaper relative to the gamble.

**Pakistan as monitor** (Bapat 2006): a third party with access to the
insurgents can verify their strength and guarantee their compliance.
``monitoring="information"`` removes the information asymmetry (the
government learns the type: no war by miscalculation); ``"commitment"``
removes the commitment problem (an accepted deal no longer collapses; without
it, it collapses into war with the flagship's ``guarantee_failure``);
``"both"`` removes both; ``"none"`` neither.

Assumptions (beyond the flagship's parameters): the prior (default 1/2, the
op-ed gives both readings and no odds); the two types' strengths default to
the flagship's ``taliban_win_after`` and ``taliban_win_before``; decentralisation,
aid and China's inducements are left out (the prize is 1); the government
chooses its offer as if an accepted deal holds, and the breakdown of an
unguaranteed deal is layered afterwards, so the total probability of war is
:math:`m + (1 - m)\varphi` with :math:`m` the miscalculation probability and
:math:`\varphi` the breakdown probability.

References
----------
.. [1] Fearon, J. D. (1995). Rationalist explanations for war. *International
   Organization* 49(3), 379-414 (private information and the risk-return trade-off).
.. [2] Bapat, N. A. (2006). State bargaining with transnational terrorist groups.
   *International Studies Quarterly* 50(1), 213-229 (third parties that monitor
   and make an insurgent's commitment credible).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ...bargaining._checks import number
from ...bargaining.war import optimal_offer
from ...exceptions import GameError
from ...result import ResultMixin
from .parameters import Parameters

__all__ = ["InformationResult", "war_by_miscalculation"]

Number = Any  # Fraction when exact, else float

MONITORING: tuple[str, ...] = ("none", "information", "commitment", "both")


def _default_grid() -> tuple[Fraction, ...]:
    return tuple(Fraction(k, 8) for k in range(17))


@dataclass(frozen=True)
class _Point:
    offer: Number  # the Taliban's share offered
    gamble: bool  # the offer is calibrated to the weak type
    miscalculation: Number  # probability of war by miscalculation
    critical_prior: Number  # pi*: the government gambles iff prior_strong < pi*


def _critical_leverage(params: Parameters, prior: Number, strong: Number, weak: Number) -> Number | None:
    """The least leverage at which the government stops gambling (None if it never gambles, or no root is found).

    The gain of the gamble :math:`G` falls strictly in the leverage while it is
    positive (module docstring), so the root is unique: in the unclipped
    regime :math:`\\ell^* = \\Delta(1 - \\pi)/\\pi - c_T - c_G`; once the weak
    type's value of war is clipped at 0,
    :math:`\\ell^* = ((1 - \\pi) q_s - c_T - \\pi c_G) / (1 + (1 - \\pi) e)`.
    Each candidate is verified with :func:`_solve`, in exact arithmetic (a
    float input is taken at its exact binary value and the root returned as a float).
    """
    if not all(isinstance(v, Fraction) for v in (prior, strong, weak)):
        root = _critical_leverage(params, Fraction(prior), Fraction(strong), Fraction(weak))
        return None if root is None else float(root)
    zero = 0 * prior
    if not _solve(params, prior, strong, weak, zero).gamble:
        return None
    if prior == 0:
        return None  # the gamble never stops, but it risks no war
    e, c_t, c_g = params.sanctuary_effect, params.taliban_war_cost, params.government_war_cost
    candidates = [
        (strong - weak) * (1 - prior) / prior - c_t - c_g,
        ((1 - prior) * strong - c_t - prior * c_g) / (1 + (1 - prior) * e),
    ]
    for ell in candidates:  # the government gambles at 0, so the root is positive
        if ell > 0 and not _solve(params, prior, strong, weak, ell).gamble and _solve(
            params, prior, strong, weak, ell * (1 - Fraction(1, 10**9))
        ).gamble:
            return ell
    return None  # pragma: no cover - clipping of the winning probabilities at 0 (outside the documented box)


def _solve(params: Parameters, prior: Number, strong: Number, weak: Number, leverage: Number) -> _Point:
    """The government's offer and the war probability at one leverage (exact for exact inputs)."""
    e, c_t, c_g = params.sanctuary_effect, params.taliban_war_cost, params.government_war_cost
    q_s = max(strong - e * leverage, 0 * strong)
    q_w = max(weak - e * leverage, 0 * weak)
    cost_b = c_t + leverage
    # Against a known type the government offers that type's value of war (Fearon's complete-information offer).
    r_s = 1 - optimal_offer(1 - q_s, c_g, (cost_b, cost_b)).settlement
    r_w = 1 - optimal_offer(1 - q_w, c_g, (cost_b, cost_b)).settlement
    loss = q_s + c_g - r_w  # what the gamble costs the government if the Taliban is strong (> 0 as c_g >= 0, r_w <= q_s)
    critical = (r_s - r_w) / loss if loss > 0 else 0 * loss
    gamble = prior < critical
    return _Point(r_w if gamble else r_s, gamble, prior if gamble else 0 * prior, critical)


@dataclass(frozen=True, eq=False)
class InformationResult(ResultMixin):
    """The government's offer to a Taliban of unknown strength, the war it risks, and Pakistan's roles.

    Numbers are :class:`fractions.Fraction` when ``exact`` is True, else floats.

    Parameters
    ----------
    prior_strong, strong_win, weak_win, leverage, monitoring, offer, gamble : see Attributes
    critical_prior, miscalculation, breakdown, war_probability, by_monitoring, critical_leverage : see Attributes
    leverage_grid, miscalculation_by_leverage, offer_by_leverage, leverage_for_peace, exact : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    prior_strong : number
        The government's prior that the Taliban is the strong type.
    strong_win, weak_win : number
        The two types' probabilities of winning a war (before sanctuary denial).
    leverage : number
        Pakistan's leverage (the flagship's ``leverage``).
    monitoring : str
        What Pakistan's monitoring removes: ``"none"``, ``"information"``,
        ``"commitment"`` or ``"both"``.
    offer : number
        The Taliban's share of power the government offers (without monitoring).
    gamble : bool
        True when the offer is calibrated to the weak type, risking war with the strong one.
    critical_prior : number
        :math:`\\pi^*`: the government gambles iff ``prior_strong`` is below it.
    miscalculation : number
        Probability of war by miscalculation without monitoring (``prior_strong`` if gambling, else 0).
    breakdown : number
        Probability that an accepted deal collapses without Pakistan's guarantee (``guarantee_failure``).
    war_probability : number
        Total probability of war under ``monitoring``.
    by_monitoring : mapping
        The total probability of war under each of the four monitoring options.
    critical_leverage : number or None
        The least leverage at which the government offers the strong type's
        terms (no war by miscalculation), exact; None when no leverage is
        needed (it does not gamble even at leverage 0, or the prior is 0 and
        its gamble risks no war).
    leverage_grid, miscalculation_by_leverage, offer_by_leverage : tuple
        The leverage values swept, and the miscalculation probability and offer at each.
    leverage_for_peace : number or None
        The smallest leverage on the grid with no war by miscalculation (None if none).
    exact : bool
    """

    prior_strong: Number
    strong_win: Number
    weak_win: Number
    leverage: Number
    monitoring: str
    offer: Number
    gamble: bool
    critical_prior: Number
    miscalculation: Number
    breakdown: Number
    war_probability: Number
    by_monitoring: Mapping[str, Number]
    critical_leverage: Number | None
    leverage_grid: tuple[Number, ...]
    miscalculation_by_leverage: tuple[Number, ...]
    offer_by_leverage: tuple[Number, ...]
    leverage_for_peace: Number | None
    exact: bool

    def describe(self) -> str:
        """The result in words.

        Returns
        -------
        str
            A few sentences: the offer, the war it risks, the leverage that
            removes it, and what Pakistan's monitoring changes.
        """
        lines = [
            f"The Taliban is strong (wins a war with probability {self.strong_win}) with prior "
            f"{self.prior_strong}, else weak (wins with probability {self.weak_win}); Pakistan's leverage is "
            f"{self.leverage}.",
        ]
        if self.gamble:
            lines.append(
                f"The government offers the Taliban {self.offer} of power, enough only for the weak type: "
                f"it risks war by miscalculation with probability {self.miscalculation} (it gambles because the "
                f"prior is below {self.critical_prior})."
            )
        else:
            lines.append(
                f"The government offers the Taliban {self.offer} of power, enough for the strong type: no war by "
                f"miscalculation (the prior is at least {self.critical_prior}, so gambling does not pay)."
            )
        if self.critical_leverage is None:
            lines.append("Even without Pakistan's pressure there is no war by miscalculation.")
        else:
            lines.append(f"Pakistan's leverage removes the war by miscalculation from {self.critical_leverage} on.")
        if self.leverage_for_peace is None:
            lines.append("No leverage on the grid removes the war by miscalculation.")
        else:
            lines.append(f"From leverage {self.leverage_for_peace} on (on the grid) there is no war by miscalculation.")
        lines.append(
            f"An accepted deal without Pakistan's guarantee collapses with probability {self.breakdown}; "
            "total probability of war by Pakistan's monitoring: "
            + ", ".join(f"{k} {v}" for k, v in self.by_monitoring.items())
            + f" (selected: {self.monitoring}, {self.war_probability})."
        )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (numbers as floats, with exact strings alongside when exact).

        Returns
        -------
        dict
            The fields, ready for :func:`json.dumps`.
        """

        def f(x: Any) -> Any:
            return None if x is None else float(x)

        out: dict[str, Any] = {
            "prior_strong": f(self.prior_strong),
            "strong_win": f(self.strong_win),
            "weak_win": f(self.weak_win),
            "leverage": f(self.leverage),
            "monitoring": self.monitoring,
            "offer": f(self.offer),
            "gamble": self.gamble,
            "critical_prior": f(self.critical_prior),
            "miscalculation": f(self.miscalculation),
            "breakdown": f(self.breakdown),
            "war_probability": f(self.war_probability),
            "by_monitoring": {k: f(v) for k, v in self.by_monitoring.items()},
            "critical_leverage": f(self.critical_leverage),
            "leverage_grid": [f(x) for x in self.leverage_grid],
            "miscalculation_by_leverage": [f(x) for x in self.miscalculation_by_leverage],
            "offer_by_leverage": [f(x) for x in self.offer_by_leverage],
            "leverage_for_peace": f(self.leverage_for_peace),
            "exact": self.exact,
        }
        if self.exact:
            out["exact_values"] = {
                k: str(getattr(self, k))
                for k in ("offer", "critical_prior", "miscalculation", "war_probability", "critical_leverage")
            }
        return out


def war_by_miscalculation(
    params: Parameters | None = None,
    *,
    prior_strong: Any = Fraction(1, 2),
    strong_win: Any = None,
    weak_win: Any = None,
    monitoring: str = "none",
    leverage_grid: Iterable[Any] | None = None,
) -> InformationResult:
    r"""The government's offer to a Taliban of private strength, and the war by miscalculation it risks.

    See the module docstring for the model (Fearon 1995's risk-return trade-off
    with two types) and for Pakistan's monitoring (Bapat 2006).

    Parameters
    ----------
    params : Parameters, optional
        The flagship's parameters (default :class:`Parameters`); used are
        ``leverage``, ``sanctuary_effect``, ``taliban_war_cost``,
        ``government_war_cost``, ``guarantee_failure`` and, as default type
        strengths, ``taliban_win_after`` and ``taliban_win_before``.
    prior_strong : number in [0, 1], default 1/2
        The government's prior that the Taliban is strong (an assumption: the
        op-ed gives both readings and no odds).
    strong_win : number in [0, 1], optional
        The strong type's probability of winning (default ``params.taliban_win_after``,
        the "emboldened Taliban").
    weak_win : number in [0, 1], optional
        The weak type's (default ``params.taliban_win_before``, the Pentagon's
        "they have the advantages"); at most ``strong_win``.
    monitoring : {"none", "information", "commitment", "both"}, default "none"
        What Pakistan's monitoring removes (Bapat 2006).
    leverage_grid : iterable of numbers >= 0, optional
        Leverage values to sweep (default 0 to 2 in steps of 1/8, the flagship's bounds).

    Returns
    -------
    InformationResult

    Raises
    ------
    GameError
        For a prior or a strength outside [0, 1] (naming it), ``weak_win > strong_win``,
        an unknown *monitoring*, a negative or empty leverage grid.
    TypeError
        For *params* that are not :class:`Parameters`, or a non-number.

    References
    ----------
    Fearon, J. D. (1995). Rationalist explanations for war. *International Organization* 49(3), 379-414.
    Bapat, N. A. (2006). State bargaining with transnational terrorist groups.
    *International Studies Quarterly* 50(1), 213-229.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from gametheory_af.scenarios.afghanistan.information import war_by_miscalculation
    >>> r = war_by_miscalculation()
    >>> r.gamble, r.offer, r.critical_prior
    (False, Fraction(149, 480), Fraction(16, 43))
    >>> r.critical_leverage, r.leverage_for_peace, r.by_monitoring["none"]
    (Fraction(1, 15), Fraction(1, 8), Fraction(1, 2))
    >>> r0 = war_by_miscalculation(prior_strong=F(1, 5))
    >>> r0.gamble, r0.miscalculation, r0.by_monitoring["information"]
    (True, Fraction(1, 5), Fraction(1, 2))
    """
    caller = "war_by_miscalculation"
    params = Parameters() if params is None else params
    if not isinstance(params, Parameters):
        raise TypeError(f"{caller}: params must be Parameters; got {type(params).__name__}.")
    prob = "a probability in [0, 1]"
    prior = number(prior_strong, "prior_strong", caller, minimum=0, maximum=1, what=prob)
    strong = number(
        params.taliban_win_after if strong_win is None else strong_win, "strong_win", caller, minimum=0, maximum=1, what=prob
    )
    weak = number(
        params.taliban_win_before if weak_win is None else weak_win, "weak_win", caller, minimum=0, maximum=1, what=prob
    )
    if weak > strong:
        raise GameError(f"{caller}: weak_win must be at most strong_win; got {weak} > {strong}.")
    if not isinstance(monitoring, str) or monitoring not in MONITORING:
        raise GameError(f"{caller}: monitoring must be one of {MONITORING}; got {monitoring!r}.")
    grid_in = _default_grid() if leverage_grid is None else tuple(leverage_grid)
    if not grid_in:
        raise GameError(f"{caller}: leverage_grid must not be empty.")
    grid = tuple(number(x, "leverage_grid entry", caller, minimum=0, what="a leverage >= 0") for x in grid_in)

    here = _solve(params, prior, strong, weak, params.leverage)
    sweep = [_solve(params, prior, strong, weak, x) for x in grid]
    phi = params.guarantee_failure
    m = here.miscalculation
    by = {
        "none": m + (1 - m) * phi,
        "information": phi,
        "commitment": m,
        "both": 0 * phi,
    }
    peace = [x for x, pt in zip(grid, sweep) if pt.miscalculation == 0]
    values = [prior, strong, weak, *grid]
    exact = all(isinstance(v, Fraction) for v in values)
    return InformationResult(
        prior_strong=prior,
        strong_win=strong,
        weak_win=weak,
        leverage=params.leverage,
        monitoring=monitoring,
        offer=here.offer,
        gamble=here.gamble,
        critical_prior=here.critical_prior,
        miscalculation=m,
        breakdown=phi,
        war_probability=by[monitoring],
        by_monitoring=by,
        critical_leverage=_critical_leverage(params, prior, strong, weak),
        leverage_grid=grid,
        miscalculation_by_leverage=tuple(pt.miscalculation for pt in sweep),
        offer_by_leverage=tuple(pt.offer for pt in sweep),
        leverage_for_peace=min(peace) if peace else None,
        exact=exact,
    )
