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

**China** enters as parameters, not as a fifth player: the op-ed gives China
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
sheltering) collapses into war with probability ``guarantee_failure``
:math:`\varphi`.

*The United States* loses ``us_taliban_rule_cost`` times the probability of
Taliban rule, and, under a conditions-based withdrawal, pays
``us_staying_cost`` (with probability :math:`\kappa`) while violence
continues.

All payoffs are linear in ``leverage``, so every threshold is an exact
rational function of the other parameters.

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
The five properties (each a test in ``tests/test_afghanistan.py``, at the
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
* The United States' payoffs are modelling assumptions; it is indifferent
  between the two policies whenever power is shared.
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
>>> [e.sentence for e in m.equilibria(mixed=False).pure][0]
'the Afghan government shares power, the Taliban negotiate, Pakistan presses the Taliban, the United States makes its withdrawal conditions-based'
"""

from __future__ import annotations

import dataclasses
import functools
import math
import pathlib
import sys
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

import numpy as np
import sympy as sp

from .._limits import get_limits
from .._validation import FrozenMapping, _short, check_text, is_rational_scalar, parse_number, to_fraction
from ..exceptions import DegenerateGameWarning, GameError, GameWarning
from ..game import NormalFormGame
from ..parametric import Parameter, ParametricGame
from ..result import Equilibrium, ResultMixin
from ..solvers.dispatch import nash_equilibria
from ..solvers.pure import pure_nash
from ..solvers.qre import logit_select

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
    "EquilibriaResult",
    "PowerSharingSplit",
    "PakistanWillingness",
    "LeverageThreshold",
    "PolicyRow",
    "PolicyComparison",
    "default_scenario_path",
    "describe_profile",
]

#: Player names, in tensor-axis order.
PLAYERS: tuple[str, ...] = ("Afghan government", "Taliban", "Pakistan", "United States")
#: Strategy names of each player (strategy 0 is the op-ed's recommendation).
STRATEGIES: tuple[tuple[str, ...], ...] = (
    ("share power", "fight"),
    ("negotiate", "offensive"),
    ("press", "shelter"),
    ("conditions-based", "calendar-based"),
)
#: The two US withdrawal policies, as accepted by ``withdrawal=`` arguments.
WITHDRAWALS: tuple[str, ...] = ("calendar", "conditions")

GOV, TAL, PAK, USA = 0, 1, 2, 3
SHARE, FIGHT = 0, 1
NEGOTIATE, OFFENSIVE = 0, 1
PRESS, SHELTER = 0, 1
CONDITIONS, CALENDAR = 0, 1

_PHRASES: tuple[tuple[str, ...], ...] = (
    ("the Afghan government shares power", "the Afghan government fights"),
    ("the Taliban negotiate", "the Taliban launch an offensive"),
    ("Pakistan presses the Taliban", "Pakistan keeps sheltering the Taliban"),
    (
        "the United States makes its withdrawal conditions-based",
        "the United States withdraws on a calendar",
    ),
)

_SCENARIO_FILE = pathlib.Path(__file__).with_name("afghanistan.toml")

# ------------------------------------------------------------------------------------ parameters
OPED = "op-ed"
ASSUMPTION = "modelling assumption"


def _p(default: str, lower: str, upper: str, unit: str, source: str, claim: str) -> Any:
    return field(
        default=Fraction(default),
        metadata={"lower": Fraction(lower), "upper": Fraction(upper), "unit": unit, "source": source, "claim": claim},
    )


@dataclass(frozen=True)
class ParameterInfo:
    """Documentation of one scenario parameter.

    Attributes
    ----------
    name : str
    default, lower, upper : Fraction
        Default value and closed bounds.
    unit : str
    source : str
        ``"op-ed"`` when the parameter encodes a claim of the op-ed, else
        ``"modelling assumption"``.
    claim : str
        The claim it encodes (quoted briefly or paraphrased), or what the
        assumption is.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan import Parameters
    >>> info = Parameters.info()["refugee_cost"]
    >>> info.source, info.lower, info.upper
    ('op-ed', Fraction(0, 1), Fraction(1, 1))
    """

    name: str
    default: Fraction
    lower: Fraction
    upper: Fraction
    unit: str
    source: str
    claim: str


@dataclass(frozen=True)
class Parameters:
    """The parameters of the Afghan scenario, with defaults, bounds, units and sources.

    Every value is stored as an exact :class:`~fractions.Fraction` (ints,
    Fractions and sympy Rationals exactly; a float as the shortest decimal that
    prints as it, so ``0.1`` is ``1/10``), which keeps thresholds exact.
    :meth:`info` documents each parameter: its unit, its bounds and the op-ed
    claim it encodes or the modelling assumption it is.

    Parameters
    ----------
    **values
        Any subset of the fields below; the others take their defaults.

    Raises
    ------
    GameError
        For a value that is not a real number or lies outside its bounds (the
        message names the parameter); unknown names raise :class:`TypeError`
        from the constructor, and :class:`GameError` from :meth:`replace`,
        :func:`model` and :meth:`from_toml`.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory_af.scenarios.afghanistan import Parameters
    >>> p = Parameters(refugee_cost=0.5)
    >>> p.refugee_cost, p.leverage
    (Fraction(1, 2), Fraction(1, 4))
    >>> len(Parameters.info())
    23
    """

    # --- balance of power
    taliban_win_before: Fraction = _p(
        "2/5", "1/4", "1/2", "probability", OPED,
        'Pentagon: the Afghan forces "have the advantages" (an Air Force, modern weaponry, superior '
        "numbers): in a war fought now, before the withdrawal, the Taliban is the underdog.",
    )
    taliban_win_after: Fraction = _p(
        "2/3", "1/2", "3/4", "probability", OPED,
        'An "emboldened Taliban" has seized "50 of the nation\'s 370 districts" as the U.S. departs; '
        'Qureshi speaks of the "meltdown" of Afghan forces: after the withdrawal the Taliban is the favourite.',
    )
    taliban_surprise: Fraction = _p(
        "1/10", "1/20", "3/20", "probability", ASSUMPTION,
        "A Taliban offensive against a government that has begun to share power (and stand down "
        "forces) gains this much chance of winning.",
    )
    government_surprise: Fraction = _p(
        "1/20", "0", "3/20", "probability", ASSUMPTION,
        "A government attack on a Taliban that has come to the table gains this much chance of winning.",
    )
    conditions_credibility: Fraction = _p(
        "3/4", "0", "1", "probability", OPED,
        'The U.S. should "legitimately consider pursuing a conditions-based withdrawal ... in order to '
        'minimize violent attacks by the Taliban": the probability that renewed violence really halts it.',
    )
    # --- costs of war
    taliban_war_cost: Fraction = _p(
        "1/10", "0", "1/5", "share of the prize", OPED,
        '"Combat will not be a viable, nor sustainable, solution": war is costly to the Taliban.',
    )
    government_war_cost: Fraction = _p(
        "1/10", "0", "1/5", "share of the prize", OPED,
        'War is costly to the government too ("the lack of will to fight, the capitulation").',
    )
    # --- bargaining
    taliban_discount_rate: Fraction = _p(
        "1", "1/2", "1", "relative rate", ASSUMPTION,
        "Impatience of the Taliban in Rubinstein bargaining; equal rates give the symmetric Nash split.",
    )
    government_discount_rate: Fraction = _p(
        "1", "1/2", "1", "relative rate", ASSUMPTION,
        "Impatience of the government in Rubinstein bargaining.",
    )
    decentralisation: Fraction = _p(
        "0", "0", "1/2", "share of power devolved", OPED,
        'Afghanistan is "highly centralized in a presidential system, intensifying the perception of a '
        'winner-takes-all scenario"; the op-ed recommends "delegating provincial power". 0 is today\'s '
        "centralised presidency.",
    )
    # --- Pakistan
    leverage: Fraction = _p(
        "1/4", "0", "2", "share of the prize", OPED,
        'Pakistan "continues to shelter the Taliban\'s top military and political leadership" and "has the '
        'greatest ability to ensure the success of a power-sharing agreement": the extra cost of war to the '
        "Taliban when Pakistan denies it sanctuary. The default (today's pressure) is an assumption.",
    )
    sanctuary_effect: Fraction = _p(
        "1/40", "0", "1/20", "probability per unit of leverage", ASSUMPTION,
        "Denying sanctuary also lowers the Taliban's chance of winning a war, by this much per unit of leverage.",
    )
    pressing_cost: Fraction = _p(
        "1/10", "0", "1/2", "Pakistan's utility per unit of leverage", ASSUMPTION,
        "Pressing its long-time ally (\"its historical alliance with the Taliban\") costs Pakistan this much "
        "per unit of leverage.",
    )
    refugee_cost: Fraction = _p(
        "1/4", "0", "1", "Pakistan's utility", OPED,
        '"A failed peace process will likely spark a full-scale civil war in Afghanistan, exacerbating what '
        'is already a mass exodus of refugees into Pakistani territory."',
    )
    isolation_cost: Fraction = _p(
        "1/4", "0", "1", "Pakistan's utility", OPED,
        "If the Taliban takes power by force, Pakistan is \"allied with a regime that is internationally "
        'condemned and receives minuscule financial backing."',
    )
    pakistan_influence: Fraction = _p(
        "1/5", "0", "1/2", "Pakistan's utility", OPED,
        "Pakistan wants its ally in power: \"If the Taliban achieves legitimate power, Pakistan gains yet "
        "another means of political influence\" (influence in proportion to the Taliban's share of power).",
    )
    guarantee_failure: Fraction = _p(
        "1/2", "1/10", "1", "probability", OPED,
        "Pakistan can \"ensure the success of a power-sharing agreement\": a deal it does not underwrite (it "
        "keeps sheltering the Taliban) collapses into war with this probability.",
    )
    # --- China
    china_inducement_taliban: Fraction = _p(
        "0", "0", "1/10", "share of the prize", OPED,
        "China \"prefers peace negotiations and power-sharing to a monopolistic Taliban rule\": what it offers a "
        "power-sharing Afghanistan (0: nothing on the table yet).",
    )
    china_inducement_pakistan: Fraction = _p(
        "0", "0", "1/5", "Pakistan's utility", OPED,
        "China is \"Pakistan's closest foreign partner\": what it offers Pakistan when power is shared "
        "(0: nothing on the table yet).",
    )
    # --- international
    airport_security: Fraction = _p(
        "1/2", "0", "1", "probability", OPED,
        "NATO should \"increase security measures for Kabul's international airport, such that it can maintain "
        'operation and safely transport humanitarian aid workers": the probability it stays open.',
    )
    aid_value: Fraction = _p(
        "1/10", "0", "1/5", "share of the prize", OPED,
        'International backing, "crucial during the pandemic", flows to "an internationally-backed power-'
        'sharing agreement" while the airport operates.',
    )
    # --- United States
    us_taliban_rule_cost: Fraction = _p(
        "1/2", "0", "1", "US utility", ASSUMPTION,
        "What a Taliban victory costs the United States (per unit of probability).",
    )
    us_staying_cost: Fraction = _p(
        "1/5", "0", "1", "US utility", OPED,
        'The U.S. "has no plans to reconsider", holding that "Afghan forces need to incite change for '
        'themselves": the cost of staying on while violence continues.',
    )

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            raw = getattr(self, f.name)
            object.__setattr__(self, f.name, _check_value(f.name, raw, f.metadata))

    # ------------------------------------------------------------------ metadata
    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The parameter names, in declaration order.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> Parameters.names()[:2]
        ('taliban_win_before', 'taliban_win_after')
        """
        return tuple(f.name for f in dataclasses.fields(cls))

    @classmethod
    def info(cls) -> dict[str, ParameterInfo]:
        """Name -> :class:`ParameterInfo` (default, bounds, unit, source, claim).

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> sum(i.source == "op-ed" for i in Parameters.info().values())
        16
        """
        out = {}
        for f in dataclasses.fields(cls):
            m = f.metadata
            out[f.name] = ParameterInfo(
                name=f.name, default=f.default, lower=m["lower"], upper=m["upper"],
                unit=m["unit"], source=m["source"], claim=m["claim"],
            )
        return out

    @classmethod
    def bounds(cls) -> dict[str, tuple[Fraction, Fraction]]:
        """Name -> ``(lower, upper)``: the parameter box.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> Parameters.bounds()["leverage"]
        (Fraction(0, 1), Fraction(2, 1))
        """
        return {k: (v.lower, v.upper) for k, v in cls.info().items()}

    # ------------------------------------------------------------------ values
    def as_dict(self) -> dict[str, Fraction]:
        """Name -> value (Fractions), in declaration order.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> Parameters().as_dict()["leverage"]
        Fraction(1, 4)
        """
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def replace(self, **overrides: Any) -> Parameters:
        """A copy with some values changed.

        Raises
        ------
        GameError
            For an unknown parameter name or a value out of bounds.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> Parameters().replace(decentralisation=0.25).decentralisation
        Fraction(1, 4)
        """
        _check_names(overrides, "Parameters.replace")
        return dataclasses.replace(self, **overrides)

    def to_parameters(self) -> list[Parameter]:
        """The values as :class:`~gametheory_af.Parameter` objects for a :class:`~gametheory_af.ParametricGame`.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> Parameters().to_parameters()[0].bounds
        (Fraction(1, 4), Fraction(1, 2))
        """
        info = self.info()
        return [
            Parameter(k, v, lower=info[k].lower, upper=info[k].upper, description=info[k].claim, unit=info[k].unit)
            for k, v in self.as_dict().items()
        ]

    # ------------------------------------------------------------------ TOML
    @classmethod
    def from_toml(cls, source: str | pathlib.Path) -> Parameters:
        """Read a scenario file (or TOML text).

        Parameters
        ----------
        source : str or pathlib.Path
            A path to a ``.toml`` file, or TOML text itself. Keys are parameter
            names (parameters not given keep their defaults), plus optional
            ``scenario`` and ``description`` strings. Values are numbers or
            strings holding an exact fraction such as ``"2/5"``.

        Returns
        -------
        Parameters

        Raises
        ------
        GameError
            For a missing or unreadable file, a file that is not UTF-8, longer
            than the ``max_text`` limit or not valid TOML, an unknown key, a
            value that is not a number, a number beyond the ``max_digits`` /
            ``max_exponent`` limits (``"1e-99999999"`` is refused at once, not
            computed), or a value out of bounds; the message names the key
            and the value.
        TypeError
            When *source* is neither text nor a path, or ``scenario`` /
            ``description`` is not a string.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> Parameters.from_toml('refugee_cost = "1/2"\\nleverage = 0.5').leverage
        Fraction(1, 2)
        """
        caller = "Parameters.from_toml"
        text, where = _read_source(source)
        check_text(text, f"scenario {where}", caller)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise GameError(f"{caller}: {where} is not valid TOML: {err}.") from None
        except ValueError as err:  # e.g. an integer literal beyond Python's 4300-digit limit
            raise GameError(f"{caller}: {where} is not valid TOML: {_short(str(err), 200)}.") from None
        except RecursionError:
            raise GameError(f"{caller}: {where} is not valid TOML: arrays or tables nested too deep.") from None
        for key in ("scenario", "description"):
            if key in data:
                check_text(data[key], key, f"{caller} ({where})")
        data = {k: v for k, v in data.items() if k not in ("scenario", "description")}
        names = set(cls.names())
        for k, v in data.items():
            if k not in names:
                raise GameError(
                    f"Parameters.from_toml: unknown parameter {k!r} in {where}; "
                    f"known parameters are {sorted(names)}."
                )
            if isinstance(v, dict):
                raise GameError(f"Parameters.from_toml: {k!r} in {where} must be a number, not a table.")
        values = {k: _parse_toml_value(k, v, where) for k, v in data.items()}
        try:
            return cls(**values)
        except GameError as err:
            raise GameError(f"Parameters.from_toml: {where}: {err}") from None

    def to_toml(self, *, scenario: str = "custom", description: str = "") -> str:
        """The parameters as a commented TOML scenario file.

        Fractions with a short decimal expansion are written as decimals
        (``0.4``), others as exact strings (``"1/3"``); both read back exactly.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan import Parameters
        >>> p = Parameters(decentralisation="1/3")
        >>> Parameters.from_toml(p.to_toml()) == p
        True
        """
        check_text(scenario, "scenario", "Parameters.to_toml")
        check_text(description, "description", "Parameters.to_toml")
        info = self.info()
        lines = ["# gametheory_af scenario file: the Afghan peace negotiations (see gametheory_af.scenarios.afghanistan).",
                 "# Values are decimals or exact fractions in quotes; omitted parameters take their defaults.",
                 f"scenario = {_toml_string(scenario)}"]
        if description:
            lines.append(f"description = {_toml_string(description)}")
        for k, v in self.as_dict().items():
            i = info[k]
            lines.append("")
            lines.append(f"# {i.claim}")
            lines.append(f"# [{i.source}; {i.unit}; bounds {_fmt(i.lower)} to {_fmt(i.upper)}; default {_fmt(i.default)}]")
            lines.append(f"{k} = {_toml_number(v)}")
        return "\n".join(lines) + "\n"


def _check_names(values: Mapping[str, Any], caller: str) -> None:
    names = Parameters.names()
    for k in values:
        if k not in names:
            raise GameError(f"{caller}: unknown parameter {k!r}; parameters are {sorted(names)}.")


def _parse_text(raw: str, name: str, caller: str) -> Fraction:
    """A number written as text, read by the bounded reader (never ``Fraction(str)``, which computes 10^99999999)."""
    try:
        return parse_number(raw.strip(), name, caller)
    except GameError as err:
        if "must be a number such as" not in str(err):
            raise  # a number beyond the limits: parse_number's message says which
        raise GameError(f"{caller}: {name} must be a number or a fraction such as '2/5'; got {_short(raw)}.") from None


def _check_value(name: str, raw: Any, meta: Mapping[str, Any]) -> Fraction:
    if isinstance(raw, str):
        value = _parse_text(raw, name, "Parameters")
    elif isinstance(raw, (bool, np.bool_)) or not (
        is_rational_scalar(raw) or isinstance(raw, (float, np.floating)) or (isinstance(raw, sp.Basic) and raw.is_number)
    ):
        raise GameError(f"Parameters: {name} must be a real number; got {raw!r}.")
    else:
        if isinstance(raw, sp.Basic) and not raw.is_Rational:
            raw = float(raw)
        if isinstance(raw, (float, np.floating)) and not math.isfinite(float(raw)):
            raise GameError(f"Parameters: {name} must be finite; got {raw!r}.")
        value = to_fraction(raw)
    lo, hi = meta["lower"], meta["upper"]
    if value < lo or value > hi:
        raise GameError(f"Parameters: {name} = {_fmt(value)} is outside its bounds [{_fmt(lo)}, {_fmt(hi)}].")
    return value


def _int_text(n: int) -> str:
    """An integer as text, or its size when it is too long to print (Python refuses str() beyond 4300 digits)."""
    if n.bit_length() > 1000:
        return f"<an integer of about {int(n.bit_length() * 0.30103):,} digits>"
    return str(n)


def _read_source(source: str | pathlib.Path) -> tuple[str, str]:
    if isinstance(source, pathlib.Path):
        path = source
    elif isinstance(source, str):
        if "\n" in source or "=" in source:
            return source, "the TOML text"
        path = pathlib.Path(source)
    else:
        raise TypeError(f"Parameters.from_toml: source must be a path or TOML text; got {type(source).__name__}.")
    cap = get_limits().max_text
    try:
        with open(path, "rb") as fh:
            data = fh.read(4 * cap + 1)  # never more than the limit allows, whatever the file is
    except OSError as err:
        raise GameError(f"Parameters.from_toml: cannot read scenario file {str(path)!r}: {err.strerror}.") from None
    if len(data) > 4 * cap:
        raise GameError(
            f"Parameters.from_toml: scenario file {str(path)!r} is longer than the limit max_text={cap:,} characters; "
            "raise it with gametheory_af.set_limits(max_text=...) if you mean it."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise GameError(
            f"Parameters.from_toml: scenario file {str(path)!r} is not UTF-8 text "
            f"(byte {data[err.start]:#04x} at offset {err.start})."
        ) from None
    return text, str(path)


def _parse_toml_value(key: str, v: Any, where: str) -> Any:
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise GameError(f"Parameters.from_toml: {key!r} in {where} must be a number or a fraction string; got {v!r}.")
    return v


def _fmt(x: Fraction) -> str:
    return _int_text(x.numerator) if x.denominator == 1 else f"{_int_text(x.numerator)}/{_int_text(x.denominator)}"


def _toml_number(x: Fraction) -> str:
    if x.denominator == 1:
        return str(x.numerator)
    d = x.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d == 1:
        s = repr(float(x))
        if "e" not in s and Fraction(s) == x:
            return s
    return f'"{_fmt(x)}"'


def _toml_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def default_scenario_path() -> pathlib.Path:
    """The path of the shipped default scenario file ``afghanistan.toml``.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan import Parameters, default_scenario_path
    >>> Parameters.from_toml(default_scenario_path()) == Parameters()
    True
    """
    return _SCENARIO_FILE


# ------------------------------------------------------------------------------------ payoffs
def _symbols() -> dict[str, sp.Symbol]:
    return {k: sp.Symbol(k, real=True) for k in Parameters.names()}


def _payoff_tensor(s: Mapping[str, Any]) -> np.ndarray:
    """Payoffs of all four players at all 16 profiles.

    *s* maps every parameter name to a sympy symbol (giving the expressions of
    :func:`parametric_game`) or to a number (Fractions give the exact payoffs
    at a point, with no symbolic work).
    """
    pb, pa = s["taliban_win_before"], s["taliban_win_after"]
    a_t, a_g = s["taliban_surprise"], s["government_surprise"]
    kappa = s["conditions_credibility"]
    c_t, c_g = s["taliban_war_cost"], s["government_war_cost"]
    r_t, r_g = s["taliban_discount_rate"], s["government_discount_rate"]
    dec = s["decentralisation"]
    lev, e, k = s["leverage"], s["sanctuary_effect"], s["pressing_cost"]
    rho, nu, iota, phi = s["refugee_cost"], s["isolation_cost"], s["pakistan_influence"], s["guarantee_failure"]
    i_t, chi_p = s["china_inducement_taliban"], s["china_inducement_pakistan"]
    air, aid = s["airport_security"], s["aid_value"]
    r_us, stay = s["us_taliban_rule_cost"], s["us_staying_cost"]

    beta = r_g / (r_g + r_t)
    stakes = 1 - dec
    prov = dec / 2
    value = 1 + i_t + aid * air

    def war(q: sp.Expr, ell: sp.Expr, cond: bool) -> list[sp.Expr]:
        return [
            (1 - q) * stakes + prov - c_g,
            q * stakes + prov - c_t - ell,
            -rho + q * (iota - nu) - k * ell,
            -r_us * q - (kappa * stay if cond else 0),
        ]

    def deal(ell: sp.Expr, cond: bool) -> list[sp.Expr]:
        d_g, d_t, _, _ = war(pb - e * ell, ell, cond)
        surplus = value - d_g - d_t
        x_t = d_t + beta * surplus
        x_g = d_g + (1 - beta) * surplus
        share = (x_t - prov) / (value - dec)
        return [x_g, x_t, iota * share + chi_p - k * ell, 0 * ell]

    u = np.empty((4, 2, 2, 2, 2), dtype=object)
    for w in (CONDITIONS, CALENDAR):
        cond = w == CONDITIONS
        shift = (1 - kappa) if cond else 1
        for pk in (PRESS, SHELTER):
            ell = lev if pk == PRESS else 0 * lev
            cells = {
                (FIGHT, OFFENSIVE): war(pb - e * ell, ell, cond),
                (FIGHT, NEGOTIATE): war(pb - e * ell - a_g, ell, cond),
                (SHARE, OFFENSIVE): war(pb + shift * (pa - pb) - e * ell + a_t, ell, cond),
            }
            if pk == PRESS:
                cells[(SHARE, NEGOTIATE)] = deal(ell, cond)
            else:
                ok, broken = deal(ell, cond), war(pb, ell, cond)
                cells[(SHARE, NEGOTIATE)] = [(1 - phi) * a + phi * b for a, b in zip(ok, broken)]
            for (g, t), pay in cells.items():
                for i in range(4):
                    u[i, g, t, pk, w] = pay[i]
    return u


def parametric_game(params: Parameters | None = None) -> ParametricGame:
    """The scenario as a four-player :class:`~gametheory_af.ParametricGame`.

    Parameters
    ----------
    params : Parameters, optional
        Default values of the parameters (default :class:`Parameters`).

    Returns
    -------
    ParametricGame
        Players :data:`PLAYERS`, strategies :data:`STRATEGIES`; one declared
        parameter per field of :class:`Parameters`, with its bounds and claim.

    Examples
    --------
    >>> from gametheory_af.scenarios import afghanistan
    >>> pg = afghanistan.parametric_game()
    >>> pg.shape, len(pg.parameters)
    ((2, 2, 2, 2), 23)
    >>> pg.payoff_expr("Taliban", ("fight", "offensive", "shelter", "calendar-based"))
    decentralisation/2 - taliban_war_cost + taliban_win_before*(1 - decentralisation)
    """
    params = Parameters() if params is None else params
    if not isinstance(params, Parameters):
        raise TypeError(f"parametric_game: params must be Parameters; got {type(params).__name__}.")
    return ParametricGame(
        _payoff_tensor(_symbols()), parameters=params.to_parameters(), players=PLAYERS, strategies=STRATEGIES
    )


def _exact_payoffs(params: Parameters) -> np.ndarray:
    """The payoff tensor at *params* in exact (Fraction) arithmetic."""
    return _payoff_tensor(params.as_dict())


def _subgame(pg: ParametricGame, fixed: Mapping[int, int]) -> ParametricGame:
    """The game among the players not in *fixed*, the others playing the given strategies."""
    keep = [i for i in range(pg.n_players) if i not in fixed]
    index: list[Any] = [keep]
    for i in range(pg.n_players):
        index.append(fixed[i] if i in fixed else slice(None))
    exprs = pg.payoffs[tuple(index)]
    return ParametricGame(
        exprs,
        parameters=list(pg.parameters.values()),
        players=[pg.players[i] for i in keep],
        strategies=[pg.strategies[i] for i in keep],
    )


# ------------------------------------------------------------------------------------ words
def describe_profile(profile: Sequence[int]) -> str:
    """A pure profile (strategy indices) of the scenario in words.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan import describe_profile
    >>> describe_profile((1, 1, 1, 1))
    'the Afghan government fights, the Taliban launch an offensive, Pakistan keeps sheltering the Taliban, the United States withdraws on a calendar'
    """
    if len(profile) != 4 or any(int(j) not in (0, 1) for j in profile):
        raise GameError(f"describe_profile: profile must be 4 strategy indices in {{0, 1}}; got {tuple(profile)!r}.")
    return ", ".join(_PHRASES[i][int(j)] for i, j in enumerate(profile))


def _describe_mixed(eq: Equilibrium, digits: int = 3) -> str:
    parts = []
    for i, (p, sup) in enumerate(zip(eq.profile, eq.support)):
        if len(sup) == 1:
            parts.append(_PHRASES[i][sup[0]])
        else:
            parts.append(f"{PLAYERS[i]} mixes ({', '.join(f'{STRATEGIES[i][j]} {p[j]:.{digits}g}' for j in sup)})")
    return ", ".join(parts)


def _withdrawal_index(withdrawal: str, caller: str) -> int:
    key = str(withdrawal).lower().replace("_", "-")
    if key in ("calendar", "calendar-based"):
        return CALENDAR
    if key in ("conditions", "conditions-based"):
        return CONDITIONS
    raise GameError(f"{caller}: withdrawal must be 'calendar' or 'conditions'; got {withdrawal!r}.")


def _q(x: Any) -> sp.Rational | sp.Expr:
    if isinstance(x, sp.Basic):
        return x
    f = to_fraction(x)
    return sp.Rational(f.numerator, f.denominator)


def _exact_str(x: Any) -> str:
    return str(_q(x)) if x is not None else "None"


# ------------------------------------------------------------------------------------ results
@dataclass(frozen=True, eq=False)
class DescribedEquilibrium(ResultMixin):
    """An equilibrium of the scenario, named in words.

    Attributes
    ----------
    sentence : str
        Who does what, e.g. ``"the Afghan government shares power, ..."``.
    strategies : mapping
        Player -> strategy name (pure) or strategy -> probability (mixed).
    outcome : str
        ``"power-sharing agreement"`` or ``"war"`` for a pure equilibrium,
        ``"mixed"`` otherwise.
    power_sharing_probability : float
        Probability that the government shares power and the Taliban negotiates.
    payoffs : mapping
        Player -> expected payoff (float).
    equilibrium : Equilibrium
        The certified equilibrium (profile, payoffs, regret).

    Examples
    --------
    >>> from gametheory_af.scenarios import afghanistan
    >>> e = afghanistan.model().equilibria(mixed=False).pure[1]
    >>> e.outcome, e.strategies["Pakistan"]
    ('war', 'shelter')
    """

    sentence: str
    strategies: Mapping[str, Any]
    outcome: str
    power_sharing_probability: float
    payoffs: Mapping[str, float]
    equilibrium: Equilibrium

    @classmethod
    def from_equilibrium(cls, eq: Equilibrium) -> DescribedEquilibrium:
        """Describe a certified equilibrium of the scenario game."""
        strategies: dict[str, Any] = {}
        for i, (p, sup) in enumerate(zip(eq.profile, eq.support)):
            if len(sup) == 1:
                strategies[PLAYERS[i]] = STRATEGIES[i][sup[0]]
            else:
                strategies[PLAYERS[i]] = {STRATEGIES[i][j]: float(p[j]) for j in range(len(p))}
        ps = float(eq.profile[GOV][SHARE] * eq.profile[TAL][NEGOTIATE])
        if eq.is_pure:
            prof = eq.pure_profile
            assert prof is not None
            sentence = describe_profile(prof)
            outcome = "power-sharing agreement" if prof[GOV] == SHARE and prof[TAL] == NEGOTIATE else "war"
        else:
            sentence = _describe_mixed(eq)
            outcome = "mixed"
        return cls(
            sentence=sentence,
            strategies=FrozenMapping(strategies),
            outcome=outcome,
            power_sharing_probability=ps,
            payoffs=FrozenMapping({PLAYERS[i]: float(v) for i, v in enumerate(eq.payoffs)}),
            equilibrium=eq,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "sentence": self.sentence,
            "strategies": dict(self.strategies),
            "outcome": self.outcome,
            "power_sharing_probability": self.power_sharing_probability,
            "payoffs": dict(self.payoffs),
            "max_regret": self.equilibrium.max_regret,
        }


@dataclass(frozen=True, eq=False)
class EquilibriaResult(ResultMixin):
    """The equilibria of the scenario at one parameter point.

    Attributes
    ----------
    pure : tuple of DescribedEquilibrium
        All pure equilibria (complete).
    mixed : tuple of DescribedEquilibrium or None
        Equilibria found by :func:`gametheory_af.solvers.dispatch.nash_equilibria`
        that are not pure, or ``None`` when that solver is unavailable or was
        not asked for.
    selected : DescribedEquilibrium or None
        The logit-selected equilibrium (the limit of the logit quantal-response
        path) when there are several equilibria and the selector is available.
    notes : tuple of str
        What could not be computed, and why.
    parameters : Parameters

    Examples
    --------
    >>> from gametheory_af.scenarios import afghanistan
    >>> res = afghanistan.model(leverage=0).equilibria(mixed=False)
    >>> res.power_sharing, len(res.pure)
    (False, 2)
    """

    pure: tuple[DescribedEquilibrium, ...]
    mixed: tuple[DescribedEquilibrium, ...] | None
    selected: DescribedEquilibrium | None
    notes: tuple[str, ...]
    parameters: Parameters

    @property
    def power_sharing(self) -> bool:
        """True when some pure equilibrium is a power-sharing agreement."""
        return any(e.outcome == "power-sharing agreement" for e in self.pure)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "pure": [e.to_dict() for e in self.pure],
            "mixed": None if self.mixed is None else [e.to_dict() for e in self.mixed],
            "selected": None if self.selected is None else self.selected.to_dict(),
            "power_sharing": self.power_sharing,
            "notes": list(self.notes),
        }


@dataclass(frozen=True, eq=False)
class PowerSharingSplit(ResultMixin):
    """The terms of a power-sharing agreement (Pakistan pressing at a given leverage).

    Attributes
    ----------
    withdrawal : str
        ``"calendar"`` or ``"conditions"``.
    leverage : sympy.Rational
    disagreement : tuple of sympy.Expr
        ``(government, Taliban)``: their payoffs from the war now (the
        disagreement point of the bargaining).
    surplus : sympy.Expr
        What the agreement adds to the two sides' war payoffs together.
    taliban_weight : sympy.Expr
        The Taliban's share of the surplus, from the Rubinstein limit.
    government_payoff, taliban_payoff : sympy.Expr
        Their payoffs from the agreement.
    taliban_share, government_share : sympy.Expr
        Their shares of what the agreement divides (central power, China's
        inducement and aid): ``taliban_share`` is the Taliban's share of power.
    payoffs : mapping
        Every player's payoff at the agreement (government shares, Taliban
        negotiates, Pakistan presses, the given withdrawal).
    method : str
        How the split was computed (``"nash_solution"`` from
        :mod:`gametheory_af.bargaining`, or ``"closed form"`` when the surplus
        is zero).

    Examples
    --------
    >>> from gametheory_af.scenarios import afghanistan
    >>> s = afghanistan.model().split("calendar", leverage=0)
    >>> s.taliban_weight, s.surplus, s.taliban_share
    (1/2, 1/4, 17/42)
    """

    withdrawal: str
    leverage: sp.Expr
    disagreement: tuple[sp.Expr, sp.Expr]
    surplus: sp.Expr
    taliban_weight: sp.Expr
    government_payoff: sp.Expr
    taliban_payoff: sp.Expr
    taliban_share: sp.Expr
    government_share: sp.Expr
    payoffs: Mapping[str, sp.Expr]
    method: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (numbers as floats, with exact strings alongside)."""
        return {
            "withdrawal": self.withdrawal,
            "leverage": float(self.leverage),
            "leverage_exact": str(self.leverage),
            "disagreement": {"government": float(self.disagreement[0]), "taliban": float(self.disagreement[1])},
            "surplus": float(self.surplus),
            "taliban_weight": float(self.taliban_weight),
            "government_payoff": float(self.government_payoff),
            "taliban_payoff": float(self.taliban_payoff),
            "taliban_share": float(self.taliban_share),
            "taliban_share_exact": str(self.taliban_share),
            "government_share": float(self.government_share),
            "payoffs": {k: float(v) for k, v in self.payoffs.items()},
            "method": self.method,
        }


@dataclass(frozen=True, eq=False)
class PakistanWillingness(ResultMixin):
    """Whether Pakistan is willing to pay for power sharing at a given leverage.

    Attributes
    ----------
    withdrawal : str
    leverage : sympy.Rational
    deal_payoff : sympy.Expr
        Pakistan's payoff when it presses and power is shared.
    shelter_deal_payoff : sympy.Expr
        Its payoff if it kept sheltering while the two sides share power (the
        unilateral deviation: the deal then collapses with probability
        ``guarantee_failure``).
    war_payoff : sympy.Expr
        Its payoff in the war it faces without pressing (both sides fight,
        Pakistan shelters).
    press_margin : sympy.Expr
        ``deal_payoff - shelter_deal_payoff``: pressing is a best response at
        the agreement iff it is ``>= 0``.
    participation_margin : sympy.Expr
        ``deal_payoff - war_payoff``: what paying for the agreement is worth to
        Pakistan compared with the war.
    press_is_best_response : bool
    willing : bool
        Both margins are non-negative: Pakistan prefers pressing for the deal to
        sheltering and war, and will not slip back to sheltering once it holds.
    press_margin_expression, participation_margin_expression : sympy.Expr
        The margins as expressions in all parameters (leverage included).
    ceiling : sympy.Expr or None
        The greatest leverage at which pressing is a best response at the
        agreement (the upper bound of ``leverage`` when it is one throughout;
        ``None`` when it never is).

    Examples
    --------
    >>> from gametheory_af.scenarios import afghanistan
    >>> w = afghanistan.model().pakistan_willingness("calendar", leverage=0.5)
    >>> w.willing, w.participation_margin > 0, w.ceiling
    (True, True, 737/840)
    """

    withdrawal: str
    leverage: sp.Expr
    deal_payoff: sp.Expr
    shelter_deal_payoff: sp.Expr
    war_payoff: sp.Expr
    press_margin: sp.Expr
    participation_margin: sp.Expr
    press_is_best_response: bool
    willing: bool
    press_margin_expression: sp.Expr
    participation_margin_expression: sp.Expr
    ceiling: sp.Expr | None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "withdrawal": self.withdrawal,
            "leverage": float(self.leverage),
            "deal_payoff": float(self.deal_payoff),
            "shelter_deal_payoff": float(self.shelter_deal_payoff),
            "war_payoff": float(self.war_payoff),
            "press_margin": float(self.press_margin),
            "participation_margin": float(self.participation_margin),
            "press_is_best_response": self.press_is_best_response,
            "willing": self.willing,
            "ceiling": None if self.ceiling is None else float(self.ceiling),
        }


@dataclass(frozen=True, eq=False)
class LeverageThreshold(ResultMixin):
    """The least leverage at which power sharing becomes an equilibrium.

    "Power sharing is an equilibrium" means: with Pakistan pressing at that
    leverage and the given US withdrawal, neither the government nor the
    Taliban gains by abandoning the agreement. Whether Pakistan will pay for
    it is reported separately in :attr:`pakistan`.

    Attributes
    ----------
    withdrawal : str
    status : str
        ``"above"`` (an equilibrium for every leverage ``>= value``),
        ``"always"`` (no leverage needed: ``value`` is 0) or ``"never"`` (not
        within the bounds of ``leverage``).
    value : sympy.Rational or None
        The exact least leverage.
    expression : sympy.Expr or None
        The same as an expression in the other parameters: the root of the
        binding condition (when ``status == "always"``, the largest root of
        all conditions, which is ``<= 0``).
    binding : str or None
        Which condition binds, e.g. ``"Taliban -> offensive"``.
    pakistan : PakistanWillingness or None
        Pakistan's willingness at the threshold.
    equilibrium_range : tuple or None
        ``(lo, hi)``: the leverages at which government sharing, Taliban
        negotiating *and* Pakistan pressing together form an equilibrium of
        the game among the three (with the US policy fixed); ``None`` if none.
    split : PowerSharingSplit or None
        The agreement at the threshold.
    split_above : PowerSharingSplit or None
        The agreement at a higher leverage (``value + above``, within bounds).
    parameters : Parameters

    Examples
    --------
    >>> from gametheory_af.scenarios import afghanistan
    >>> th = afghanistan.model().leverage_threshold("calendar")
    >>> th.status, th.value, th.binding
    ('above', 29/60, 'Taliban -> offensive')
    >>> th.evaluate(decentralisation=0.5) < th.value
    True
    """

    withdrawal: str
    status: str
    value: sp.Expr | None
    expression: sp.Expr | None
    binding: str | None
    pakistan: PakistanWillingness | None
    equilibrium_range: tuple[sp.Expr, sp.Expr] | None
    split: PowerSharingSplit | None
    split_above: PowerSharingSplit | None
    parameters: Parameters

    @property
    def value_float(self) -> float | None:
        """:attr:`value` as a float."""
        return None if self.value is None else float(self.value)

    def evaluate(self, **values: Any) -> sp.Expr:
        """:attr:`expression` at other parameter values (the rest as in :attr:`parameters`).

        Valid where the same condition binds; floored at zero like :attr:`value`.
        """
        if self.expression is None:
            raise GameError("LeverageThreshold.evaluate: there is no threshold expression (status 'never').")
        _check_names(values, "LeverageThreshold.evaluate")
        p = self.parameters.replace(**values).as_dict()
        syms = _symbols()
        r = self.expression.xreplace({syms[k]: _q(v) for k, v in p.items()})
        return sp.Max(r, 0)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "withdrawal": self.withdrawal,
            "status": self.status,
            "value": self.value_float,
            "value_exact": None if self.value is None else str(self.value),
            "expression": None if self.expression is None else str(self.expression),
            "binding": self.binding,
            "pakistan": None if self.pakistan is None else self.pakistan.to_dict(),
            "equilibrium_range": None
            if self.equilibrium_range is None
            else [float(self.equilibrium_range[0]), float(self.equilibrium_range[1])],
            "split": None if self.split is None else self.split.to_dict(),
            "split_above": None if self.split_above is None else self.split_above.to_dict(),
        }


@dataclass(frozen=True, eq=False)
class PolicyRow(ResultMixin):
    """One row of :class:`PolicyComparison`: a policy and the leverage it needs.

    Attributes
    ----------
    policy : str
    withdrawal : str
    overrides : mapping
        Parameter values the policy sets.
    threshold : LeverageThreshold
    """

    policy: str
    withdrawal: str
    overrides: Mapping[str, Fraction]
    threshold: LeverageThreshold

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        th = self.threshold
        return {
            "policy": self.policy,
            "withdrawal": self.withdrawal,
            "overrides": {k: float(v) for k, v in self.overrides.items()},
            "threshold": th.value_float,
            "threshold_exact": None if th.value is None else str(th.value),
            "status": th.status,
            "binding": th.binding,
            "pakistan_willing": None if th.pakistan is None else th.pakistan.willing,
            "taliban_share": None if th.split is None else float(th.split.taliban_share),
        }


@dataclass(frozen=True, eq=False)
class PolicyComparison(ResultMixin):
    """The leverage threshold under each policy of the op-ed.

    Attributes
    ----------
    rows : tuple of PolicyRow

    Examples
    --------
    >>> from gametheory_af.scenarios import afghanistan
    >>> pc = afghanistan.model().policy_comparison()
    >>> [str(r.threshold.value) for r in pc.rows]
    ['29/60', '1/12', '43/180', '13/30', '23/60', '0']
    """

    rows: tuple[PolicyRow, ...]

    def __getitem__(self, policy: str) -> PolicyRow:
        for r in self.rows:
            if r.policy == policy:
                return r
        raise KeyError(policy)

    def to_text(self) -> str:
        """A fixed-width table."""
        w = max(len(r.policy) for r in self.rows)
        out = [f"{'policy':<{w}}  {'leverage needed':>22}  {'binding':<22} {'Pakistan willing':<16} {'Taliban share':>13}"]
        for r in self.rows:
            th = r.threshold
            val = "not reachable" if th.value is None else f"{_exact_str(th.value)} = {float(th.value):.3f}"
            will = "-" if th.pakistan is None else ("yes" if th.pakistan.willing else "no")
            share = "-" if th.split is None else f"{float(th.split.taliban_share):.3f}"
            out.append(f"{r.policy:<{w}}  {val:>22}  {th.binding or '-':<22} {will:<16} {share:>13}")
        return "\n".join(out)

    def to_dict(self) -> list[dict[str, Any]]:
        """A JSON-ready list of rows."""
        return [r.to_dict() for r in self.rows]


#: The policy levers of :meth:`Model.policy_comparison` and the values they set.
POLICY_LEVERS: Mapping[str, Mapping[str, Fraction]] = FrozenMapping(
    {
        "decentralisation": FrozenMapping({"decentralisation": Fraction(1, 3)}),
        "airport security": FrozenMapping({"airport_security": Fraction(1)}),
        "China's inducements": FrozenMapping(
            {"china_inducement_taliban": Fraction(1, 10), "china_inducement_pakistan": Fraction(1, 10)}
        ),
    }
)


# ------------------------------------------------------------------------------------ the model
class Model:
    """The Afghan scenario at given parameters, with the analyst's questions as methods.

    Build one with :func:`model`. It is immutable: :meth:`replace` returns a
    new model.

    Parameters
    ----------
    params : Parameters, optional

    Attributes
    ----------
    params : Parameters
    game : ParametricGame
        The four-player parametric game (defaults: :attr:`params`).

    Examples
    --------
    >>> from gametheory_af.scenarios import afghanistan
    >>> m = afghanistan.model(refugee_cost=0.5)
    >>> m.params.refugee_cost
    Fraction(1, 2)
    >>> m.is_power_sharing_equilibrium("conditions")
    True
    """

    def __init__(self, params: Parameters | None = None) -> None:
        params = Parameters() if params is None else params
        if not isinstance(params, Parameters):
            raise TypeError(f"Model: params must be Parameters; got {type(params).__name__}.")
        self._params = params

    @property
    def params(self) -> Parameters:
        """The parameter values."""
        return self._params

    @cached_property
    def game(self) -> ParametricGame:
        """The four-player :class:`~gametheory_af.ParametricGame`."""
        return parametric_game(self._params)

    def replace(self, **overrides: Any) -> Model:
        """A model with some parameters changed (GameError for unknown names).

        Examples
        --------
        >>> from gametheory_af.scenarios import afghanistan
        >>> afghanistan.model().replace(leverage=1).params.leverage
        Fraction(1, 1)
        """
        return Model(self._params.replace(**overrides))

    def normal_form(self) -> NormalFormGame:
        """The game at :attr:`params`, with exact (rational) payoffs.

        Examples
        --------
        >>> from gametheory_af.scenarios import afghanistan
        >>> afghanistan.model().normal_form().is_exact
        True
        """
        u = _exact_payoffs(self._params)
        return NormalFormGame([u[i] for i in range(4)], players=PLAYERS, strategies=STRATEGIES)

    # ------------------------------------------------------------------ equilibria
    def equilibria(self, *, mixed: bool = True, select: bool = True) -> EquilibriaResult:
        """The equilibria at :attr:`params`, named in words.

        Parameters
        ----------
        mixed : bool, default True
            Also look for mixed equilibria with
            :func:`gametheory_af.solvers.dispatch.nash_equilibria` (when that
            solver is available).
        select : bool, default True
            When there are several equilibria, pick one by following the logit
            quantal-response path (:func:`gametheory_af.solvers.qre.logit_select`,
            when available).

        Returns
        -------
        EquilibriaResult

        Examples
        --------
        >>> from gametheory_af.scenarios import afghanistan
        >>> res = afghanistan.model().equilibria(mixed=False, select=False)
        >>> [e.outcome for e in res.pure]
        ['power-sharing agreement', 'war']
        """
        game = self.normal_form()
        pure = tuple(DescribedEquilibrium.from_equilibrium(e) for e in pure_nash(game))
        notes: list[str] = []
        mixed_eqs: tuple[DescribedEquilibrium, ...] | None = None
        if mixed:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", GameWarning)
                res = nash_equilibria(game)
            mixed_eqs = tuple(DescribedEquilibrium.from_equilibrium(e) for e in res if not e.is_pure)
            if any(issubclass(w.category, DegenerateGameWarning) for w in caught):
                notes.append(
                    "the game is degenerate: some support has a continuum of equilibria (for example, the US "
                    "is indifferent between its policies once power is shared), so the mixed equilibria listed "
                    "are samples from it, not a complete list"
                )
            elif not res.complete:
                notes.append(f"mixed equilibria: method {res.method!r} does not guarantee all were found")
        selected = None
        n_found = len(pure) + (len(mixed_eqs) if mixed_eqs else 0)
        if select and n_found > 1:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", GameWarning)
                    selected = DescribedEquilibrium.from_equilibrium(logit_select(game))
            except (GameError, ArithmeticError) as err:
                notes.append(f"no equilibrium selected: {err}")
        elif n_found == 1:
            selected = pure[0] if pure else (mixed_eqs[0] if mixed_eqs else None)
        return EquilibriaResult(
            pure=pure, mixed=mixed_eqs, selected=selected, notes=tuple(notes), parameters=self._params
        )

    def is_power_sharing_equilibrium(self, withdrawal: str = "calendar", *, full: bool = False) -> bool:
        """Whether power sharing is an equilibrium at :attr:`params` (exact).

        Parameters
        ----------
        withdrawal : {"calendar", "conditions"}
        full : bool, default False
            False: with Pakistan pressing at ``params.leverage``, neither the
            government nor the Taliban gains by abandoning the agreement (the
            sense of :meth:`leverage_threshold`). True: the whole profile
            (share, negotiate, press, withdrawal) is a Nash equilibrium of the
            four-player game, so Pakistan's pressing and the US policy are best
            responses too.

        Examples
        --------
        >>> from gametheory_af.scenarios import afghanistan
        >>> m = afghanistan.model(leverage=0)
        >>> m.is_power_sharing_equilibrium("calendar"), m.is_power_sharing_equilibrium("conditions")
        (False, False)
        """
        w = _withdrawal_index(withdrawal, "is_power_sharing_equilibrium")
        u = _exact_payoffs(self._params)
        prof = [SHARE, NEGOTIATE, PRESS, w]
        players = range(4) if full else (GOV, TAL)
        for i in players:
            dev = list(prof)
            dev[i] = 1 - prof[i]
            if u[(i, *prof)] < u[(i, *dev)]:
                return False
        return True

    # ------------------------------------------------------------------ split and Pakistan
    def _exact_at(self, leverage: Any, withdrawal: str, caller: str) -> tuple[np.ndarray, int, Parameters]:
        w = _withdrawal_index(withdrawal, caller)
        p = self._params if leverage is None else self._params.replace(leverage=_fraction(leverage, caller, "leverage"))
        return _exact_payoffs(p), w, p

    def split(self, withdrawal: str = "calendar", *, leverage: Any = None) -> PowerSharingSplit:
        """The power-sharing agreement with Pakistan pressing at *leverage*.

        The split is the Nash bargaining solution
        (:func:`gametheory_af.bargaining.nash_solution`) over the agreement's
        value with the war now as disagreement point and weights
        ``1 / discount rate`` (the Rubinstein limit,
        :func:`gametheory_af.bargaining.rubinstein_limit`).

        Parameters
        ----------
        withdrawal : {"calendar", "conditions"}
        leverage : number, optional
            Default ``params.leverage``.

        Returns
        -------
        PowerSharingSplit

        Examples
        --------
        >>> from gametheory_af.scenarios import afghanistan
        >>> m = afghanistan.model()
        >>> lo, hi = m.split(leverage=0), m.split(leverage=1)
        >>> hi.taliban_share < lo.taliban_share
        True
        """
        u, w, p = self._exact_at(leverage, withdrawal, "split")
        d_g = u[(GOV, FIGHT, OFFENSIVE, PRESS, w)]
        d_t = u[(TAL, FIGHT, OFFENSIVE, PRESS, w)]
        value = 1 + p.china_inducement_taliban + p.aid_value * p.airport_security
        surplus = value - d_g - d_t
        beta, method = _bargaining_weight(p)
        if surplus > 0:
            x_g, x_t, method = _nash_split(d_g, d_t, surplus, p)
        else:
            x_g, x_t = d_g, d_t
            method = "closed form"
        prov = p.decentralisation / 2
        divisible = value - p.decentralisation
        t_share = (x_t - prov) / divisible
        payoffs = {PLAYERS[i]: _q(u[(i, SHARE, NEGOTIATE, PRESS, w)]) for i in range(4)}
        return PowerSharingSplit(
            withdrawal=WITHDRAWALS[0] if w == CALENDAR else WITHDRAWALS[1],
            leverage=_q(p.leverage),
            disagreement=(_q(d_g), _q(d_t)),
            surplus=_q(surplus),
            taliban_weight=_q(beta),
            government_payoff=_q(x_g),
            taliban_payoff=_q(x_t),
            taliban_share=_q(t_share),
            government_share=_q(1 - t_share),
            payoffs=FrozenMapping(payoffs),
            method=method,
        )

    def pakistan_willingness(self, withdrawal: str = "calendar", *, leverage: Any = None) -> PakistanWillingness:
        """Whether Pakistan is willing to press at *leverage* for power sharing.

        Parameters
        ----------
        withdrawal : {"calendar", "conditions"}
        leverage : number, optional
            Default ``params.leverage``.

        Returns
        -------
        PakistanWillingness

        Examples
        --------
        >>> from gametheory_af.scenarios import afghanistan
        >>> m = afghanistan.model()
        >>> a = m.pakistan_willingness(leverage=1).participation_margin
        >>> b = m.replace(refugee_cost=1).pakistan_willingness(leverage=1).participation_margin
        >>> b > a
        True
        """
        u, w, p = self._exact_at(leverage, withdrawal, "pakistan_willingness")
        deal = u[(PAK, SHARE, NEGOTIATE, PRESS, w)]
        shelter_deal = u[(PAK, SHARE, NEGOTIATE, SHELTER, w)]
        war = u[(PAK, FIGHT, OFFENSIVE, SHELTER, w)]
        e = _base_game().payoffs
        press_expr = e[(PAK, SHARE, NEGOTIATE, PRESS, w)] - e[(PAK, SHARE, NEGOTIATE, SHELTER, w)]
        part_expr = e[(PAK, SHARE, NEGOTIATE, PRESS, w)] - e[(PAK, FIGHT, OFFENSIVE, SHELTER, w)]
        press_set = _press_set(_base_subgames(), p, w)
        ceiling = None if press_set.is_empty else press_set.sup
        return PakistanWillingness(
            withdrawal=WITHDRAWALS[0] if w == CALENDAR else WITHDRAWALS[1],
            leverage=_q(p.leverage),
            deal_payoff=_q(deal),
            shelter_deal_payoff=_q(shelter_deal),
            war_payoff=_q(war),
            press_margin=_q(deal - shelter_deal),
            participation_margin=_q(deal - war),
            press_is_best_response=bool(deal >= shelter_deal),
            willing=bool(deal >= shelter_deal and deal >= war),
            press_margin_expression=press_expr,
            participation_margin_expression=part_expr,
            ceiling=ceiling,
        )

    # ------------------------------------------------------------------ thresholds
    def leverage_threshold(
        self, withdrawal: str = "calendar", *, symbolic: bool = True, above: Any = Fraction(1, 4)
    ) -> LeverageThreshold:
        """The least leverage at which power sharing becomes an equilibrium, exactly.

        A thin use of :func:`gametheory_af.sensitivity.profile_threshold` on the
        game between the government and the Taliban, with Pakistan pressing
        and the US policy fixed. Pakistan's willingness is then checked at the
        threshold, and the range of leverage over which its pressing is also a
        best response comes from the same function on Pakistan's own choice.

        Parameters
        ----------
        withdrawal : {"calendar", "conditions"}
        symbolic : bool, default True
            Also return the threshold as an expression in the other
            parameters. False is faster (the exact value only).
        above : number, default 1/4
            How far above the threshold :attr:`LeverageThreshold.split_above`
            is evaluated (clipped to the upper bound of ``leverage``).

        Returns
        -------
        LeverageThreshold

        Examples
        --------
        >>> from gametheory_af.scenarios import afghanistan
        >>> th = afghanistan.model().leverage_threshold("conditions")
        >>> th.value, th.split.taliban_share
        (1/12, 61/168)
        >>> th.evaluate(conditions_credibility=0)  # no credibility: as under a calendar
        29/60
        """
        from ..sensitivity.thresholds import profile_threshold

        caller = "leverage_threshold"
        w = _withdrawal_index(withdrawal, caller)
        step = _q(_fraction(above, caller, "above"))
        key = (w, bool(symbolic), step)
        cache = self.__dict__.setdefault("_threshold_cache", {})
        if key in cache:
            return cache[key]
        name = WITHDRAWALS[0] if w == CALENDAR else WITHDRAWALS[1]
        fixed = {k: v for k, v in self._params.as_dict().items() if k != "leverage"}
        two = _base_subgames()[("gov-tal", w)]
        if symbolic:
            th = profile_threshold(two, ("share power", "negotiate"), "leverage", fixed=fixed)
        else:
            th = profile_threshold(two.substitute(**fixed), ("share power", "negotiate"), "leverage")
        lo, hi = th.over
        binding = None
        value: sp.Expr | None
        expression: sp.Expr | None
        if th.status == "never":
            value = expression = None
        elif th.lower_value is not None:
            value, expression = th.lower_value, th.lower
            c = th.lower_binding
            binding = None if c is None else f"{c.player_name} -> {c.deviation_name}"
        else:
            value, expression = lo, th.lower_general
        if not symbolic:
            expression = None
        elif expression is not None:
            expression = _tidy(expression)
        status = {"above": "above", "between": "above", "always": "always", "below": "always"}.get(th.status, th.status)
        pakistan = split = split_above = None
        eq_range = None
        if value is not None:
            pakistan = self.pakistan_willingness(name, leverage=value)
            split = self.split(name, leverage=value)
            split_above = self.split(name, leverage=sp.Min(value + step, hi))
            both = th.set.intersect(_press_set(_base_subgames(), self._params, w))
            if not both.is_empty:
                eq_range = (both.inf, both.sup)
        result = LeverageThreshold(
            withdrawal=name,
            status=status,
            value=value,
            expression=expression,
            binding=binding,
            pakistan=pakistan,
            equilibrium_range=eq_range,
            split=split,
            split_above=split_above,
            parameters=self._params,
        )
        cache[key] = result
        return result

    def policy_comparison(
        self, levers: Mapping[str, Mapping[str, Any]] | None = None, *, symbolic: bool = False
    ) -> PolicyComparison:
        """The leverage threshold under each of the op-ed's policies.

        Rows: the calendar-based withdrawal (status quo), a conditions-based
        withdrawal, then each lever of :data:`POLICY_LEVERS` (decentralisation,
        airport security, China's inducements) with the calendar-based
        withdrawal, and finally all of them together with a conditions-based
        withdrawal.

        Parameters
        ----------
        levers : mapping, optional
            Policy name -> parameter overrides, replacing :data:`POLICY_LEVERS`.
        symbolic : bool, default False
            Also compute each threshold as an expression (slower).

        Returns
        -------
        PolicyComparison

        Examples
        --------
        >>> from gametheory_af.scenarios import afghanistan
        >>> pc = afghanistan.model().policy_comparison()
        >>> pc["conditions-based withdrawal"].threshold.value <= pc["calendar-based withdrawal"].threshold.value
        True
        """
        levers = POLICY_LEVERS if levers is None else levers
        rows = [
            PolicyRow(
                "calendar-based withdrawal",
                "calendar",
                FrozenMapping({}),
                self.leverage_threshold("calendar", symbolic=symbolic),
            ),
            PolicyRow(
                "conditions-based withdrawal",
                "conditions",
                FrozenMapping({}),
                self.leverage_threshold("conditions", symbolic=symbolic),
            ),
        ]
        everything: dict[str, Any] = {}
        for policy, over in levers.items():
            m = self.replace(**over)
            everything.update(over)
            rows.append(
                PolicyRow(
                    f"calendar + {policy}",
                    "calendar",
                    FrozenMapping({k: m.params.as_dict()[k] for k in over}),
                    m.leverage_threshold("calendar", symbolic=symbolic),
                )
            )
        if levers:
            m = self.replace(**everything)
            rows.append(
                PolicyRow(
                    "conditions + all levers",
                    "conditions",
                    FrozenMapping({k: m.params.as_dict()[k] for k in everything}),
                    m.leverage_threshold("conditions", symbolic=symbolic),
                )
            )
        return PolicyComparison(rows=tuple(rows))

    def __repr__(self) -> str:
        changed = {k: v for k, v in self._params.as_dict().items() if v != Parameters.info()[k].default}
        inner = ", ".join(f"{k}={_fmt(v)}" for k, v in changed.items())
        return f"<afghanistan.Model {inner or 'defaults'}>"


def _fraction(x: Any, caller: str, name: str = "value") -> Fraction:
    if isinstance(x, sp.Basic):
        if not x.is_Rational:
            if not (x.is_number and x.is_real):
                raise GameError(f"{caller}: {name} must be a real number; got {_short(x)}.")
            x = float(x)
        else:
            return Fraction(int(x.p), int(x.q))
    if isinstance(x, str):
        return _parse_text(x, name, caller)
    if isinstance(x, bool) or not isinstance(x, (int, float, Fraction, np.integer, np.floating)):
        raise GameError(f"{caller}: {name} must be a number; got {_short(x)}.")
    if isinstance(x, (float, np.floating)) and not math.isfinite(float(x)):
        raise GameError(f"{caller}: {name} must be finite; got {x!r}.")
    return to_fraction(x)


def _bargaining_weight(p: Parameters) -> tuple[Any, str]:
    """The Taliban's share of the surplus: the Rubinstein limit with discount rates."""
    try:
        from ..bargaining import rubinstein_limit
    except ImportError:  # pragma: no cover - the bargaining package ships with the library
        return p.government_discount_rate / (p.government_discount_rate + p.taliban_discount_rate), "closed form"
    res = rubinstein_limit(p.taliban_discount_rate, p.government_discount_rate)
    return res.shares[0], "rubinstein_limit"


def _nash_split(d_g: Fraction, d_t: Fraction, surplus: Fraction, p: Parameters) -> tuple[Any, Any, str]:
    """Asymmetric Nash solution over the agreement's value (transferable utility)."""
    try:
        from ..bargaining import BargainingProblem, nash_solution
    except ImportError:  # pragma: no cover
        beta = p.government_discount_rate / (p.government_discount_rate + p.taliban_discount_rate)
        return d_g + (1 - beta) * surplus, d_t + beta * surplus, "closed form"
    problem = BargainingProblem(
        [[d_g + surplus, d_t], [d_g, d_t + surplus]], [d_g, d_t], outcomes=("all to government", "all to Taliban")
    )
    sol = nash_solution(problem, weights=[1 / p.government_discount_rate, 1 / p.taliban_discount_rate])
    if sol.exact_payoffs is not None:
        return sol.exact_payoffs[0], sol.exact_payoffs[1], "nash_solution"
    return sol.payoffs[0], sol.payoffs[1], "nash_solution"  # pragma: no cover - inputs are exact


@functools.lru_cache(maxsize=1)
def _base_game() -> ParametricGame:
    """The parametric game with default parameter values (its expressions serve every model)."""
    return parametric_game(Parameters())


@functools.lru_cache(maxsize=1)
def _base_subgames() -> dict[Any, ParametricGame]:
    """Sub-games used by the threshold queries, built once per process."""
    g = _base_game()
    out: dict[Any, ParametricGame] = {}
    for w in (CONDITIONS, CALENDAR):
        out[("gov-tal", w)] = _subgame(g, {PAK: PRESS, USA: w})
        out[("pak", w)] = _subgame(g, {GOV: SHARE, TAL: NEGOTIATE, USA: w})
    return out


def _press_set(subgames: Mapping[Any, ParametricGame], p: Parameters, w: int) -> sp.Set:
    """Leverages at which pressing is Pakistan's best response at the agreement (exact set)."""
    return _press_set_at(p.replace(leverage=0), w)


@functools.lru_cache(maxsize=256)
def _press_set_at(p: Parameters, w: int) -> sp.Set:
    from ..sensitivity.thresholds import profile_threshold

    fixed = {k: v for k, v in p.as_dict().items() if k != "leverage"}
    solo = _base_subgames()[("pak", w)].substitute(**fixed)
    return profile_threshold(solo, ("press",), "leverage").set


_MILITARY = (
    "decentralisation",
    "taliban_win_before",
    "taliban_win_after",
    "taliban_surprise",
    "government_surprise",
    "conditions_credibility",
)


def _tidy(expr: sp.Expr) -> sp.Expr:
    """Display form of a threshold: the factored gain from defecting, minus the surplus terms."""
    terms = sp.Add.make_args(sp.expand(expr))
    military = [t for t in terms if any(s.name in _MILITARY for s in t.free_symbols)]
    rest = [t for t in terms if t not in military]
    return sp.Add(*rest) + sp.factor(sp.Add(*military))


def model(**overrides: Any) -> Model:
    """The Afghan scenario with some parameters changed from their defaults.

    Parameters
    ----------
    **overrides
        Parameter values (see :class:`Parameters`); ``params=`` may instead
        pass a whole :class:`Parameters` (with further overrides applied on top).

    Returns
    -------
    Model

    Raises
    ------
    GameError
        For an unknown parameter name or a value out of bounds.

    Examples
    --------
    >>> from gametheory_af.scenarios import afghanistan
    >>> afghanistan.model(decentralisation="1/3").leverage_threshold().value
    43/180
    >>> afghanistan.model(sanctuary=1)
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: model: unknown parameter 'sanctuary'; parameters are [...].
    """
    base = overrides.pop("params", None)
    if base is not None and not isinstance(base, Parameters):
        raise TypeError(f"model: params must be Parameters; got {type(base).__name__}.")
    _check_names(overrides, "model")
    params = (base or Parameters()).replace(**overrides)
    return Model(params)
