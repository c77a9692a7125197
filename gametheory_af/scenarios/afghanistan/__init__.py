r"""The flagship scenario: Pakistan's leverage and the Afghan peace negotiations (2021).

Source text: Julia Jacobson, *Pakistan's Necessary Role In Afghan Peace
Negotiations* (op-ed, July 2021). The op-ed argues that, as the United States
leaves on a calendar deadline, a power-sharing agreement between the Afghan
government and the Taliban is the only non-violent outcome; that Pakistan,
which shelters the Taliban's leadership, has "the greatest ability to ensure
the success of a power-sharing agreement"; that Pakistan has reasons of its
own to want one (refugees from a civil war, isolation alongside a condemned
Taliban regime, China's preference for power-sharing); and that a
conditions-based withdrawal, a decentralised constitution and a secure Kabul
airport would all help. This module turns that argument into a four-player
parametric game whose equilibria, thresholds and comparative statics can be
checked exactly.

The game
--------
Four players, two strategies each, moving simultaneously:

=====================  ======================  =======================
player                 strategy 0              strategy 1
=====================  ======================  =======================
Afghan government      ``share power``         ``fight``
Taliban                ``negotiate``           ``offensive``
Pakistan               ``press``               ``shelter``
United States          ``conditions-based``    ``calendar-based``
=====================  ======================  =======================

A power-sharing agreement is reached when the government shares power and the
Taliban negotiates; every other combination is a war. Pakistan "presses" by
denying the Taliban sanctuary (with intensity ``leverage``) or keeps
sheltering it. The United States withdraws on a fixed date or makes its
withdrawal conditional on the violence ending.

**China** enters as parameters in this four-player game (:mod:`~gametheory_af.scenarios.afghanistan.china` makes
it an optional fifth player choosing its conditional offer, with this game as
the special case of a fixed offer): the op-ed gives China
a preference ("prefers peace negotiations and power-sharing to a monopolistic
Taliban rule") but no action of its own beyond rewarding the outcome it
prefers. Modelling it as inducements paid to the Taliban (through the
power-sharing surplus) and to Pakistan when power is shared captures exactly
that, keeps the game at 16 profiles, and leaves China's offer as a policy
lever whose effect on the leverage threshold is exact.

Payoffs from structural primitives
----------------------------------
Utilities are in units of the value of controlling the Afghan state (the
*prize*, worth 1). A share ``decentralisation`` (:math:`\delta`) of power is
devolved to the provinces and held half by each side's constituencies
whatever happens at the centre, so a war decides only the centre, worth
:math:`1-\delta`: decentralisation shrinks the winner-takes-all stakes.

*War.* If the Taliban wins with probability :math:`q`, the government gets
:math:`(1-q)(1-\delta) + \delta/2 - c_G`, the Taliban
:math:`q(1-\delta) + \delta/2 - c_T - \ell`, where :math:`\ell` is the
leverage Pakistan applies (0 when it shelters): denying sanctuary raises the
Taliban's cost of war by :math:`\ell` and lowers its chance of winning by
``sanctuary_effect`` :math:`\times\,\ell`. Which war is fought depends on who
fights:

* both fight (``fight``, ``offensive``): a war now, :math:`q = p_b - e\ell`,
  where :math:`p_b` is ``taliban_win_before``;
* the government attacks a negotiating Taliban: :math:`q = p_b - e\ell - a_G`
  (``government_surprise``);
* the Taliban attacks a government that has begun to share power: the
  Taliban chooses when to strike. Under a **calendar-based** withdrawal the
  date is fixed whatever it does, so it strikes after the Americans have gone,
  at ``taliban_win_after`` :math:`p_a`, with a surprise advantage :math:`a_T`:
  :math:`q = p_a - e\ell + a_T`. Under a **conditions-based** withdrawal
  renewed violence halts the withdrawal with probability :math:`\kappa`
  (``conditions_credibility``), so only the share :math:`1-\kappa` of the
  post-withdrawal shift in power :math:`p_a - p_b` is available:
  :math:`q = p_b + (1-\kappa)(p_a-p_b) - e\ell + a_T`. This is Powell's (2006)
  commitment problem: a bargain struck now reflects today's balance of power,
  and nothing binds a Taliban that expects to be stronger tomorrow.

*Power sharing.* The split comes from a bargaining model whose disagreement
point is the war now, :math:`d = (d_G, d_T)` (with Pakistan's pressure, if
any). The agreement is worth :math:`V = 1 + i_T + A s` to the two Afghan
sides together: the state, China's inducement :math:`i_T`, and international
aid :math:`A` that keeps flowing while the Kabul airport operates (probability
``airport_security`` :math:`s`). The surplus over war is therefore

.. math:: S = V - d_G - d_T = c_G + c_T + \ell + i_T + A s,

and the Rubinstein (1982) alternating-offers split in its continuous-time
limit, the asymmetric Nash solution with weights :math:`1/r_i` (Binmore,
Rubinstein and Wolinsky 1986), gives the Taliban :math:`x_T = d_T + \beta S`
and the government :math:`x_G = d_G + (1-\beta) S`, with
:math:`\beta = r_G / (r_G + r_T)`. Leverage moves both whether a deal is
reached (through :math:`S`) and what it gives each side (through
:math:`d_T`).

*Pakistan* gains political influence :math:`\iota` in proportion to the
Taliban's share of power (all of it if the Taliban wins a war), suffers the
``refugee_cost`` :math:`\rho` in any war and the ``isolation_cost``
:math:`\nu` if the Taliban wins one, receives China's inducement
:math:`\chi_P` when power is shared and pays ``pressing_cost``
:math:`\times\,\ell` to press. A deal Pakistan does not underwrite (it keeps
sheltering) collapses into war with probability
:math:`\varphi\min(1, \ell/\ell_g)` (``guarantee_failure`` :math:`\varphi`,
``guarantee_leverage`` :math:`\ell_g`): its ability to ensure the deal comes
from its sway over the Taliban, so with no leverage sheltering and pressing
are the same. The payoffs are linear in :math:`\ell` on each side of
:math:`\ell_g`.

*The United States* loses ``us_taliban_rule_cost`` times the probability of
Taliban rule, and, under a conditions-based withdrawal, pays
``us_staying_cost`` (with probability :math:`\kappa`) while violence
continues and ``us_verification_cost`` when power is shared (it stays until
the conditions are verified). Its choice is therefore strict: at a deal it
prefers to leave on its calendar, in a war it weighs the staying cost against
the lower chance of Taliban rule.

All payoffs are linear in ``leverage`` on each side of the guarantee's kink
(and the government's and the Taliban's payoffs at the deal are linear
throughout), so every threshold is an exact rational function of the other
parameters.

The op-ed's claims as properties
--------------------------------
The equilibrium conditions of power sharing (with Pakistan pressing at
leverage :math:`\ell`) are, for the Taliban and the government,

.. math::

   \beta S \ge (s_w (p_a - p_b) + a_T)(1-\delta), \qquad
   (1-\beta) S \ge a_G (1-\delta),

with :math:`s_w = 1` (calendar) or :math:`1-\kappa` (conditions). Hence the
least leverage at which power sharing is an equilibrium is

.. math::

   \ell^* = \max\left(\frac{(s_w (p_a-p_b) + a_T)(1-\delta)}{\beta},
                      \frac{a_G(1-\delta)}{1-\beta}\right)
            - (c_G + c_T + i_T + A s),

floored at zero. At the defaults it is **29/60 ≈ 0.483** under a
calendar-based withdrawal and **1/12 ≈ 0.083** under a conditions-based one.
The five properties (each a test in ``tests/scenarios/test_afghanistan.py``, at the
defaults and over the whole parameter box):

1. *Without Pakistan's pressure and with a calendar-based withdrawal, power
   sharing is not an equilibrium.* Holds at the defaults and wherever the
   Taliban's gain from defecting exceeds its share of the surplus of peace,
   :math:`(p_a-p_b+a_T)(1-\delta) > \beta (c_G+c_T+i_T+As)` (or the
   government's condition fails). **Not reproduced everywhere:** where war is
   very costly to both sides, or China's inducements and aid are large,
   the cost of war alone makes power sharing self-enforcing, as Fearon (1995)
   predicts, and Pakistan's pressure is not needed. On a seeded uniform
   sample of the parameter box the property holds at roughly four points in
   five; the op-ed implicitly assumes the world is in that region.
2. *With enough leverage, it is.* Holds over the whole box: the bounds keep
   :math:`\ell^*` below the upper bound of ``leverage`` (2).
3. *The leverage needed is no higher under a conditions-based withdrawal.*
   Holds everywhere: :math:`s_w` is smaller and :math:`p_a \ge p_b` on the
   box (strictly lower whenever :math:`\kappa > 0`, :math:`p_a > p_b` and the
   Taliban's condition binds).
4. *Pakistan's willingness to press grows with the refugee cost and the
   isolation cost of a Taliban regime.* Holds everywhere: both the margin by
   which pressing is a best response at the deal and Pakistan's gain from the
   deal over the war without pressure increase in :math:`\rho` (slopes
   :math:`\varphi` and 1) and in :math:`\nu` (slopes :math:`\varphi p_b` and
   :math:`p_b`). Note that the *threshold* itself does not depend on them:
   they decide whether Pakistan will supply the leverage, not how much is
   needed.
5. *Decentralisation lowers the leverage needed.* Holds everywhere (weakly;
   strictly while a condition binds), since both gains from defecting scale
   with the stakes :math:`1-\delta`.

Likewise airport security and China's inducements lower :math:`\ell^*` one
for one through the surplus.

Limitations
-----------
* One shot and complete information: the timing story (strike after the
  withdrawal) is folded into the payoffs rather than modelled as a dynamic
  game, and the balance of power is common knowledge.
* Transferable utility: the split may pay one side less than its provincial
  base when war would be very bad for it; ``taliban_share`` can then fall
  outside ``[0, 1]``, meaning side payments beyond power itself.
* The United States' payoffs are modelling assumptions. Since it prefers its
  calendar once power is shared, a conditions-based withdrawal is a
  commitment the simultaneous game cannot express: the sequential version
  (:mod:`~gametheory_af.scenarios.afghanistan.sequential`), where the US
  announces first, can.
* Parameter values and bounds not quoted from the op-ed (see
  :meth:`Parameters.info`) are modelling assumptions, chosen to be plausible,
  not estimated.

References
----------
Fearon, J. D. (1995). Rationalist explanations for war. *International
Organization* 49(3), 379-414.
Powell, R. (2006). War as a commitment problem. *International Organization*
60(1), 169-203.
Rubinstein, A. (1982). Perfect equilibrium in a bargaining model.
*Econometrica* 50(1), 97-109.
Binmore, K., Rubinstein, A. and Wolinsky, A. (1986). The Nash bargaining
solution in economic modelling. *RAND Journal of Economics* 17(2), 176-188.

Examples
--------
>>> from gametheory_af.scenarios import afghanistan
>>> m = afghanistan.model()
>>> th = m.leverage_threshold("calendar")
>>> th.value, th.pakistan.willing
(29/60, True)
>>> m.leverage_threshold("conditions").value
1/12
>>> [e.sentence for e in m.equilibria(mixed=False).pure]
['the Afghan government fights, the Taliban launch an offensive, Pakistan keeps sheltering the Taliban, the United States withdraws on a calendar']
>>> [e.outcome for e in m.replace(leverage=0.5).equilibria(mixed=False).pure]
['power-sharing agreement', 'war']
"""

from __future__ import annotations

# Private names kept importable from here for code written against the old single module.
from ..._validation import fraction_text as _fmt  # noqa: F401
from ...parameter_set import ParameterInfo  # noqa: F401
from .models import (  # noqa: F401
    POLICY_LEVERS,
    Model,
    _bargaining_weight,
    _fraction,
    _nash_split,
    _press_set,
    _tidy,
    model,
)
from .parameters import (  # noqa: F401
    _SCENARIO_FILE,
    ASSUMPTION,
    OPED,
    Parameters,
    _check_names,
    default_scenario_path,
    scenario_description,
    scenario_names,
    scenario_path,
)
from .payoffs import (  # noqa: F401
    CALENDAR,
    CONDITIONS,
    FIGHT,
    GOV,
    NEGOTIATE,
    OFFENSIVE,
    PAK,
    PLAYERS,
    PRESS,
    SHARE,
    SHELTER,
    STRATEGIES,
    TAL,
    USA,
    WITHDRAWALS,
    _agreement,
    _base_game,
    _base_subgames,
    _exact_payoffs,
    _payoff_tensor,
    _symbols,
    parametric_game,
    _withdrawal_index,
)
from .results import (  # noqa: F401
    _PHRASES,
    Continuum,
    DescribedEquilibrium,
    EquilibriaResult,
    LeverageThreshold,
    PakistanWillingness,
    PolicyComparison,
    PolicyRow,
    PowerSharingSplit,
    _describe_mixed,
    _exact_str,
    _q,
    describe_profile,
)

from .claims import (
    CLAIMS,
    VERDICTS,
    ClaimsOverBox,
    ClaimVerdict,
    LeverageSets,
    check_claims,
    claims_over_box,
    leverage_sets,
    sample_box,
    sets_over_box,
)
from .drivers import LeverageDecides, ThresholdDrivers, leverage_decides, threshold_drivers, wilson_interval
from .names import binding_name, outcome_name, profile_label, set_label
from .pakistan import PakistanChoice, pakistan_choice, pakistan_choice_arrays, pakistan_choices
from .china import (
    CHINA_PLAYERS,
    ChinaBestOffer,
    ChinaEquilibria,
    ChinaEquilibrium,
    ChinaModel,
    ChinaOfferRow,
    ChinaParameters,
    ChinaThresholdShift,
    china_model,
)
from .sequential import SEQUENTIAL_PLAYERS, SequentialThresholds, sequential_model, sequential_thresholds
from .information import InformationResult, war_by_miscalculation
from .forecast import (
    AfghanForecast,
    PakistanShift,
    actors_path,
    afghan_forecast,
    assumptions,
    load_actors,
    pakistan_salience_shift,
)

__all__ = [
    "PLAYERS",
    "STRATEGIES",
    "WITHDRAWALS",
    "POLICY_LEVERS",
    "ParameterInfo",
    "Parameters",
    "parametric_game",
    "model",
    "Model",
    "DescribedEquilibrium",
    "Continuum",
    "EquilibriaResult",
    "PowerSharingSplit",
    "PakistanWillingness",
    "LeverageThreshold",
    "PolicyRow",
    "PolicyComparison",
    "default_scenario_path",
    "scenario_names",
    "scenario_path",
    "scenario_description",
    "describe_profile",
    # the claims in both senses (claims.py)
    "VERDICTS",
    "CLAIMS",
    "ClaimVerdict",
    "LeverageSets",
    "ClaimsOverBox",
    "check_claims",
    "leverage_sets",
    "claims_over_box",
    "sets_over_box",
    "sample_box",
    # what drives the threshold, and how much leverage decides (drivers.py)
    "ThresholdDrivers",
    "LeverageDecides",
    "threshold_drivers",
    "leverage_decides",
    "wilson_interval",
    # names of outcomes (names.py)
    "outcome_name",
    "profile_label",
    "set_label",
    "binding_name",
    # Pakistan chooses its leverage (pakistan.py)
    "PakistanChoice",
    "pakistan_choice",
    "pakistan_choices",
    "pakistan_choice_arrays",
    # China as a fifth player (china.py)
    "CHINA_PLAYERS",
    "ChinaParameters",
    "ChinaModel",
    "china_model",
    "ChinaEquilibrium",
    "ChinaEquilibria",
    "ChinaOfferRow",
    "ChinaBestOffer",
    "ChinaThresholdShift",
    # the sequential and incomplete-information versions
    "SEQUENTIAL_PLAYERS",
    "SequentialThresholds",
    "sequential_model",
    "sequential_thresholds",
    "InformationResult",
    "war_by_miscalculation",
    # the forecasting lens (forecast.py)
    "AfghanForecast",
    "PakistanShift",
    "actors_path",
    "load_actors",
    "assumptions",
    "afghan_forecast",
    "pakistan_salience_shift",
]
