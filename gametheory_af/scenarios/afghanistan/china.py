r"""China as an optional fifth player of the Afghan scenario (issue 13, item 8).

In the four-player model (:mod:`gametheory_af.scenarios.afghanistan`) China is
two parameters: ``china_inducement_taliban`` (added to the value of a
power-sharing agreement, so to the surplus the government and the Taliban
divide) and ``china_inducement_pakistan`` (paid to Pakistan when power is
shared). Here China *chooses* them. Its strategies are a finite menu of
conditional offers: ``"no offer"`` and ``"offer"`` (both inducements of
:class:`ChinaParameters`, paid only when power is shared), or any menu of
levels ``0 = λ_0 < λ_1 < ... <= 1`` (offering the share ``λ`` of both).
Fixing China's action gives exactly the four-player game with those
inducement values (the tests check it cell by cell).

China's payoff (the op-ed, quoting the International Crisis Group: China,
"Pakistan's closest foreign partner, prefers peace negotiations and
power-sharing to a monopolistic Taliban rule"), in its own utility units, one
for one with what it pays:

* power shared (the deal holds): ``peace_value`` minus what it pays,
  :math:`v_C - i_T - i_P`;
* a war the Taliban win with probability :math:`q`:
  :math:`-w_C - r_C q` (``instability_cost`` :math:`w_C`: war next to its
  investments in Pakistan; ``taliban_rule_cost`` :math:`r_C`, negative if
  China would rather deal with a Taliban emirate), and nothing paid: the
  offer is conditional;
* a deal Pakistan does not underwrite: the mixture of the two with the
  four-player model's collapse probability
  ``guarantee_failure * min(1, leverage / guarantee_leverage)`` (China pays
  only if the deal survives, as the others are paid only then).

Every :math:`q` is the one the four-player payoffs use (the same
``_Components``).

What the model says (the tests check each exactly)
--------------------------------------------------
*The threshold.* Under the narrow sense (the government and the Taliban
best-respond with Pakistan pressing at :math:`\ell`), the Taliban accept iff
:math:`\beta(i_T + As + c_G + c_T + \ell) \ge (s_w(p_a-p_b)+a_T)(1-\delta)`
and the government iff :math:`(1-\beta)(i_T + As + c_G + c_T + \ell) \ge
a_G(1-\delta)`: both thresholds, hence the narrow leverage threshold, fall
**one for one** with China's offer to the Taliban while they lie above the
lower bound 0 (:math:`\partial\ell^*/\partial i_T = -1`). China's offer to
Pakistan does not enter them. It enters Pakistan's choice to press: pressing
rather than sheltering gains :math:`f\, i_P`, with :math:`f = g\min(1,
\ell/\ell_g)` the chance that a deal Pakistan does not underwrite collapses,
so where Pakistan's *ceiling* (the most leverage at which it still presses)
lies above ``guarantee_leverage`` and below the bound, it rises by

.. math::

   \Delta\bar\ell = \frac{g\, i_P}{c_P + \pi\,(e(1-\delta) + 1 - \beta)/(V - \delta)},

:math:`c_P` the pressing cost, :math:`\pi` Pakistan's influence, :math:`e` the
sanctuary effect, :math:`V = 1 + i_T + As` the agreement's value (the
denominator is how fast Pakistan's margin for pressing falls with leverage;
``ChinaThresholdShift.ceiling_rate`` is this rate with the offer to
Pakistan alone, :math:`i_T = 0`). At the defaults
(:math:`g = 1/2`, denominator :math:`1/5`) that is :math:`5/2` per unit of
:math:`i_P`.

*Equilibria of the simultaneous game.* Once power is shared, a positive
offer costs China and changes nothing it takes as given, so in no pure Nash
equilibrium of the five-player game does China pay: its offer works only as
a commitment made before the others choose. :meth:`ChinaModel.best_offer`
therefore lets China move first: for each offer it asks whether power
sharing is then an equilibrium (narrow and full sense) and what China gets,
against the war now (the government fights, the Taliban attack, Pakistan
shelters) when it is not.

Limits: China's menu scales both inducements together; its payoff is linear
and known to all; it does not bargain with Pakistan over the split of its
offer; the Belt-and-Road stake (``instability_cost``) is an assumption, not a
claim of the op-ed.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..._validation import FrozenMapping, fraction_text
from ...exceptions import GameError
from ...game import NormalFormGame
from ...parameter_set import ParameterSet, parameter_field
from ...parametric import ParametricGame
from ...result import ResultMixin
from .claims import leverage_sets
from .models import _fraction
from .parameters import Parameters
from .payoffs import (
    CALENDAR,
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
    WITHDRAWALS,
    _cap,
    _Components,
    _payoff_tensor,
    _symbols,
    _withdrawal_index,
)
from .results import _PHRASES

__all__ = [
    "CHINA_PLAYERS",
    "ChinaBestOffer",
    "ChinaEquilibria",
    "ChinaEquilibrium",
    "ChinaModel",
    "ChinaOfferRow",
    "ChinaParameters",
    "ChinaThresholdShift",
    "china_model",
]

#: Players of the five-player game, in tensor-axis order (China last).
CHINA_PLAYERS: tuple[str, ...] = (*PLAYERS, "China")
CHINA = 4
_INDUCEMENTS = ("china_inducement_taliban", "china_inducement_pakistan")

OPED = "op-ed"
ASSUMPTION = "modelling assumption"


def _p(default: str, lower: str, upper: str, unit: str, source: str, claim: str) -> Any:
    return parameter_field(default, lower, upper, unit=unit, source=source, description=claim)


@dataclass(frozen=True)
class ChinaParameters(ParameterSet):
    """China's parameters: what it values and what it offers (exact, bounded, documented).

    Same conventions as :class:`~gametheory_af.scenarios.afghanistan.Parameters`
    (exact Fractions, :meth:`info`, :meth:`replace`, TOML files); kept apart
    so that the four-player parameter box stays as it is.

    Parameters
    ----------
    peace_value, taliban_rule_cost, instability_cost, offer_taliban, offer_pakistan : number or str, optional
        Any subset; the others take their defaults.

    Raises
    ------
    GameError
        For a value that is not a real number or lies outside its bounds.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.china import ChinaParameters
    >>> c = ChinaParameters(peace_value="1/4")
    >>> c.peace_value, c.offer_taliban
    (Fraction(1, 4), Fraction(1, 10))
    >>> ChinaParameters.info()["offer_pakistan"].bounds
    (Fraction(0, 1), Fraction(1, 5))
    """

    peace_value: Fraction = _p(
        "1/5", "0", "1", "China's utility", OPED,
        'China "prefers peace negotiations and power-sharing to a monopolistic Taliban rule": what a '
        "power-sharing Afghanistan is worth to it.",
    )
    taliban_rule_cost: Fraction = _p(
        "1/5", "-1/2", "1", "China's utility per unit of probability", OPED,
        "The same preference against \"a monopolistic Taliban rule\": what a Taliban victory costs China, "
        "in proportion to its probability (negative: China would rather deal with a Taliban emirate).",
    )
    instability_cost: Fraction = _p(
        "1/10", "0", "1/2", "China's utility", ASSUMPTION,
        "A war next door to its investments in Pakistan (its Belt-and-Road stake in stability) costs China "
        "this much whoever wins; the op-ed names the stake only for Pakistan (\"the most to lose from an "
        "unstable Afghanistan\").",
    )
    offer_taliban: Fraction = _p(
        "1/10", "0", "1/10", "share of the prize", OPED,
        "China's full offer to a power-sharing Afghanistan (the four-player model's "
        "``china_inducement_taliban`` when China offers; same bounds).",
    )
    offer_pakistan: Fraction = _p(
        "1/10", "0", "1/5", "Pakistan's utility", OPED,
        "China is \"Pakistan's closest foreign partner\": its full offer to Pakistan when power is shared (the "
        "four-player model's ``china_inducement_pakistan`` when China offers; same bounds).",
    )

    toml_header = (
        "# gametheory_af parameter file: China in the Afghan scenario (gametheory_af.scenarios.afghanistan.china).",
        "# Values are decimals or exact fractions in quotes; omitted parameters take their defaults.",
    )


class _Recorder(_Components):
    """The scenario's payoff components, remembering the Taliban's chance of winning of the last war priced."""

    q: Any = None

    def war(self, q: Any, ell: Any, cond: bool) -> list[Any]:
        self.q = q
        return super().war(q, ell, cond)


def _china_payoffs(s: Mapping[str, Any], c: Mapping[str, Any]) -> np.ndarray:
    """China's payoffs at the 16 profiles of the four others, its inducements already set in *s*.

    *s* as :func:`.payoffs._payoff_tensor` (symbols, Fractions or arrays),
    *c* maps China's parameter names to values of the same kind.
    """
    comp = _Recorder(s)
    paid = s[_INDUCEMENTS[0]] + s[_INDUCEMENTS[1]]
    peace = c["peace_value"] - paid

    def war(q: Any) -> Any:
        return -c["instability_cost"] - c["taliban_rule_cost"] * q

    zero = 0 * s["leverage"]
    fail = s["guarantee_failure"] * _cap(s["leverage"] / s["guarantee_leverage"])
    pb, e, ag = s["taliban_win_before"], s["sanctuary_effect"], s["government_surprise"]
    u = np.empty((2, 2, 2, 2), dtype=object)
    for w in (0, 1):
        cond = w != CALENDAR
        for pk in (PRESS, SHELTER):
            ell = s["leverage"] if pk == PRESS else zero
            comp.war_now(ell, cond)
            u[FIGHT, OFFENSIVE, pk, w] = war(comp.q)
            u[FIGHT, NEGOTIATE, pk, w] = war(pb - e * ell - ag)
            comp.war_after(ell, cond)
            u[SHARE, OFFENSIVE, pk, w] = war(comp.q)
            u[SHARE, NEGOTIATE, pk, w] = peace if pk == PRESS else (1 - fail) * peace + fail * war(pb)
    return u


def _five_tensor(s: Mapping[str, Any], c: Mapping[str, Any], levels: Sequence[Any]) -> np.ndarray:
    """Payoffs of the five players, shape (5, 2, 2, 2, 2, len(levels)): China's action sets the inducements."""
    u = np.empty((5, 2, 2, 2, 2, len(levels)), dtype=object)
    for k, lam in enumerate(levels):
        sk = dict(s)
        sk[_INDUCEMENTS[0]] = lam * c["offer_taliban"]
        sk[_INDUCEMENTS[1]] = lam * c["offer_pakistan"]
        u[:4, ..., k] = _payoff_tensor(sk)
        u[CHINA, ..., k] = _china_payoffs(sk, c)
    return u


def _level_name(lam: Fraction) -> str:
    if lam == 0:
        return "no offer"
    return "offer" if lam == 1 else f"offer {fraction_text(lam)}"


def _levels(levels: Any, caller: str) -> tuple[Fraction, ...]:
    if levels is None:
        return (Fraction(0), Fraction(1))
    if isinstance(levels, (str, bytes)) or not isinstance(levels, Sequence):
        raise GameError(f"{caller}: levels must be a sequence of numbers in [0, 1]; got {levels!r}.")
    out = tuple(_fraction(x, caller, "levels") for x in levels)
    if len(out) < 2 or out[0] != 0 or any(b <= a for a, b in zip(out, out[1:])) or out[-1] > 1:
        raise GameError(
            f"{caller}: levels must increase from 0 (no offer) to at most 1 (the full offer), at least two; "
            f"got {tuple(fraction_text(x) for x in out)!r}."
        )
    return out


def _text(x: Fraction | None) -> str:
    return "never" if x is None else fraction_text(x)


def _exact(x: Any) -> Fraction:
    """An exact payoff (Fraction or int) as a Fraction."""
    return Fraction(x)


def _jsonable(x: Any) -> Any:
    if isinstance(x, Fraction):
        return {"value": float(x), "exact": fraction_text(x)}
    return x


# ------------------------------------------------------------------------------------ results
@dataclass(frozen=True, eq=False)
class ChinaEquilibrium(ResultMixin):
    """A pure equilibrium of the five-player game, named in words.

    Parameters
    ----------
    profile, sentence, strategies, outcome, payoffs : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    profile : tuple of int
        Strategy indices (government, Taliban, Pakistan, US, China).
    sentence : str
        Who does what, one clause per player.
    strategies : mapping
        Player -> strategy name.
    outcome : str
        ``"power-sharing agreement"`` or ``"war"``.
    payoffs : mapping
        Player -> exact payoff (Fraction).
    """

    profile: tuple[int, ...]
    sentence: str
    strategies: Mapping[str, str]
    outcome: str
    payoffs: Mapping[str, Fraction]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (exact payoffs as ``{"value": float, "exact": "p/q"}``).

        Returns
        -------
        dict
        """
        return {
            "profile": list(self.profile),
            "sentence": self.sentence,
            "strategies": dict(self.strategies),
            "outcome": self.outcome,
            "payoffs": {k: _jsonable(v) for k, v in self.payoffs.items()},
        }


@dataclass(frozen=True, eq=False)
class ChinaEquilibria(ResultMixin):
    """All pure Nash equilibria of the five-player game (exact).

    Parameters
    ----------
    equilibria, levels : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    equilibria : tuple of ChinaEquilibrium
        Every pure equilibrium, in lexicographic order of profiles.
    levels : tuple of Fraction
        China's menu (0 is no offer, 1 the full offer).
    """

    equilibria: tuple[ChinaEquilibrium, ...]
    levels: tuple[Fraction, ...]

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, i: int) -> ChinaEquilibrium:
        return self.equilibria[i]

    @property
    def china_pays(self) -> bool:
        """Whether China makes a positive offer at some pure equilibrium where power is shared."""
        return any(e.outcome != "war" and e.profile[CHINA] != 0 for e in self.equilibria)

    def describe(self) -> str:
        """The equilibria in words, one a line.

        Returns
        -------
        str
        """
        if not self.equilibria:
            return "The five-player game has no pure equilibrium."
        lines = [f"{len(self.equilibria)} pure equilibria of the five-player game (China moving with the others):"]
        lines += [f"- {e.outcome}: {e.sentence}" for e in self.equilibria]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict.

        Returns
        -------
        dict
        """
        return {
            "levels": [fraction_text(x) for x in self.levels],
            "equilibria": [e.to_dict() for e in self.equilibria],
            "china_pays": self.china_pays,
        }


@dataclass(frozen=True, eq=False)
class ChinaOfferRow(ResultMixin):
    """One of China's offers, with what it does (China moving first).

    Parameters
    ----------
    action, level, inducement_taliban, inducement_pakistan, narrow, full, outcome, china_payoff : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    action : str
        China's strategy name (``"no offer"``, ``"offer"``, ``"offer 1/2"``).
    level : Fraction
        The share of the full offer.
    inducement_taliban, inducement_pakistan : Fraction
        The four-player model's inducements this offer sets.
    narrow : bool
        Power sharing is an equilibrium in the narrow sense: with Pakistan
        pressing at the leverage and the US policy fixed, neither the
        government nor the Taliban gains by leaving the agreement.
    full : bool
        In the full sense (the op-ed's): Pakistan's pressing is a best
        response too (the US policy fixed).
    outcome : str
        ``"power sharing"`` when *full*, else ``"war"`` (the war now: the
        government fights, the Taliban attack, Pakistan shelters).
    china_payoff : Fraction
        China's payoff at that outcome (it pays only if power is shared).
    """

    action: str
    level: Fraction
    inducement_taliban: Fraction
    inducement_pakistan: Fraction
    narrow: bool
    full: bool
    outcome: str
    china_payoff: Fraction

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict.

        Returns
        -------
        dict
        """
        return {
            "action": self.action,
            "level": _jsonable(self.level),
            "inducement_taliban": _jsonable(self.inducement_taliban),
            "inducement_pakistan": _jsonable(self.inducement_pakistan),
            "narrow": self.narrow,
            "full": self.full,
            "outcome": self.outcome,
            "china_payoff": _jsonable(self.china_payoff),
        }


@dataclass(frozen=True, eq=False)
class ChinaBestOffer(ResultMixin):
    """China's best offer when it moves first, given the withdrawal and Pakistan's leverage.

    Parameters
    ----------
    withdrawal, leverage, rows, best : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    withdrawal : str
        ``"calendar"`` or ``"conditions"``.
    leverage : Fraction
    rows : tuple of ChinaOfferRow
        Every offer on the menu, from no offer up.
    best : ChinaOfferRow
        The offer that maximises China's payoff (ties to the cheaper offer).

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.china import china_model
    >>> b = china_model(leverage="2/5").best_offer("calendar")
    >>> b.best.action, b.best.outcome, b.offer_makes_peace, b.worth_it
    ('offer', 'power sharing', True, True)
    """

    withdrawal: str
    leverage: Fraction
    rows: tuple[ChinaOfferRow, ...]
    best: ChinaOfferRow

    @property
    def offer_makes_peace(self) -> bool:
        """Power sharing is an equilibrium in the full sense with China's best offer and not without any offer."""
        return self.best.full and not self.rows[0].full

    @property
    def offer_makes_peace_narrow(self) -> bool:
        """Some offer on the menu makes power sharing an equilibrium in the narrow sense, which no offer does not."""
        return any(r.narrow for r in self.rows) and not self.rows[0].narrow

    @property
    def worth_it(self) -> bool:
        """China's best offer is positive and strictly better for China than no offer."""
        return self.best.level > 0 and self.best.china_payoff > self.rows[0].china_payoff

    @property
    def verdict(self) -> str:
        """Why China chooses ``best``, in words."""
        if self.worth_it:  # a positive offer beats no offer only by bringing power sharing
            return "it makes power sharing an equilibrium in the full sense and is worth its cost to China"
        if self.rows[0].full:
            return "power sharing is an equilibrium in the full sense without an offer"
        if any(r.full for r in self.rows):
            return "an offer would make power sharing an equilibrium, but costs China more than the war"
        return "no offer on the menu makes power sharing an equilibrium in the full sense"

    def describe(self) -> str:
        """The offers and China's choice in words.

        Returns
        -------
        str
        """
        lines = [f"China moving first, {self.withdrawal}-based withdrawal, Pakistan's leverage {_text(self.leverage)}:"]
        for r in self.rows:
            sense = (
                "is an equilibrium in the full sense" if r.full
                else "is an equilibrium only in the narrow sense" if r.narrow
                else "is not an equilibrium"
            )
            lines.append(
                f"- {r.action} ({_text(r.inducement_taliban)} to a power-sharing Afghanistan, "
                f"{_text(r.inducement_pakistan)} to Pakistan): power sharing {sense}; China gets "
                f"{_text(r.china_payoff)} ({r.outcome})"
            )
        lines.append(f"China's best choice: {self.best.action} ({self.verdict}).")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict.

        Returns
        -------
        dict
        """
        return {
            "withdrawal": self.withdrawal,
            "leverage": _jsonable(self.leverage),
            "rows": [r.to_dict() for r in self.rows],
            "best": self.best.action,
            "offer_makes_peace": self.offer_makes_peace,
            "offer_makes_peace_narrow": self.offer_makes_peace_narrow,
            "worth_it": self.worth_it,
        }


@dataclass(frozen=True, eq=False)
class ChinaThresholdShift(ResultMixin):
    """How China's full offer moves the leverage threshold and Pakistan's ceiling (exact).

    Each mapping is keyed by the offer made: ``"none"``, ``"taliban"`` (the
    offer to a power-sharing Afghanistan alone), ``"pakistan"`` (the offer to
    Pakistan alone), ``"both"``.

    Parameters
    ----------
    withdrawal, offer_taliban, offer_pakistan, narrow, ceiling, full_range, ceiling_rate : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    withdrawal : str
    offer_taliban, offer_pakistan : Fraction
        China's full offer.
    narrow : mapping
        The narrow leverage threshold (government and Taliban accept with
        Pakistan pressing); ``None``: never on the bounds.
    ceiling : mapping
        Pakistan's ceiling: the most leverage at which pressing is its best
        response at the agreement (``None``: pressing never is).
    full_range : mapping
        The leverages where power sharing holds in the full sense, as
        ``(low, high)``, or ``None``.
    ceiling_rate : Fraction
        The closed-form rise of the ceiling per unit of the offer to
        Pakistan, valid where the ceiling lies in ``[guarantee_leverage,
        upper bound)`` (module docstring).

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.china import china_model
    >>> sh = china_model().threshold_shift("calendar")
    >>> sh.narrow["none"], sh.narrow["taliban"], sh.narrow["pakistan"]
    (Fraction(29, 60), Fraction(23, 60), Fraction(29, 60))
    >>> sh.ceiling["none"], sh.ceiling["pakistan"], sh.ceiling_rate
    (Fraction(737, 840), Fraction(947, 840), Fraction(5, 2))
    """

    withdrawal: str
    offer_taliban: Fraction
    offer_pakistan: Fraction
    narrow: Mapping[str, Fraction | None]
    ceiling: Mapping[str, Fraction | None]
    full_range: Mapping[str, tuple[Fraction, Fraction] | None]
    ceiling_rate: Fraction

    def __post_init__(self) -> None:
        for name in ("narrow", "ceiling", "full_range"):
            object.__setattr__(self, name, FrozenMapping(getattr(self, name)))

    def describe(self) -> str:
        """The shift in words: two or three lines for the report.

        Returns
        -------
        str
        """
        n, c = self.narrow, self.ceiling
        lines = [
            f"China's offer of {_text(self.offer_taliban)} to a power-sharing Afghanistan moves the narrow leverage "
            f"threshold ({self.withdrawal}-based withdrawal) from {_text(n['none'])} to {_text(n['taliban'])} "
            "(one for one while above 0); its offer to Pakistan leaves it unchanged.",
            f"Its offer of {_text(self.offer_pakistan)} to Pakistan raises Pakistan's ceiling from {_text(c['none'])} "
            f"to {_text(c['pakistan'])} ({_text(self.ceiling_rate)} per unit below the bound); with both offers "
            f"power sharing holds in the full sense over {_range_text(self.full_range['both'])} "
            f"(without: {_range_text(self.full_range['none'])}).",
        ]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict.

        Returns
        -------
        dict
        """
        return {
            "withdrawal": self.withdrawal,
            "offer_taliban": _jsonable(self.offer_taliban),
            "offer_pakistan": _jsonable(self.offer_pakistan),
            "narrow": {k: _jsonable(v) for k, v in self.narrow.items()},
            "ceiling": {k: _jsonable(v) for k, v in self.ceiling.items()},
            "full_range": {
                k: None if v is None else [_jsonable(v[0]), _jsonable(v[1])] for k, v in self.full_range.items()
            },
            "ceiling_rate": _jsonable(self.ceiling_rate),
        }


def _range_text(r: tuple[Fraction, Fraction] | None) -> str:
    return "no leverage" if r is None else f"leverage {_text(r[0])} to {_text(r[1])}"


# ------------------------------------------------------------------------------------ the model
class ChinaModel:
    """The Afghan scenario with China as a fifth player choosing its conditional offer.

    Build one with :func:`china_model`. Immutable.

    Parameters
    ----------
    params : Parameters, optional
        The four-player parameters; their ``china_inducement_*`` values are
        not used (China's action sets them).
    china : ChinaParameters, optional
    levels : sequence of numbers, optional
        China's menu: shares of the full offer, increasing from 0 (no offer)
        to at most 1; default ``(0, 1)`` (``"no offer"``, ``"offer"``).

    Attributes
    ----------
    params : Parameters
    china : ChinaParameters
    levels : tuple of Fraction
    strategies : tuple of tuple of str
        The four players' strategies, then China's.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.china import china_model
    >>> cm = china_model(levels=(0, "1/2", 1))
    >>> cm.strategies[-1]
    ('no offer', 'offer 1/2', 'offer')
    """

    def __init__(
        self, params: Parameters | None = None, china: ChinaParameters | None = None, levels: Any = None
    ) -> None:
        params = Parameters() if params is None else params
        china = ChinaParameters() if china is None else china
        if not isinstance(params, Parameters):
            raise GameError(f"ChinaModel: params must be Parameters; got {type(params).__name__}.")
        if not isinstance(china, ChinaParameters):
            raise GameError(f"ChinaModel: china must be ChinaParameters; got {type(china).__name__}.")
        self._params = params
        self._china = china
        self._levels = _levels(levels, "ChinaModel")

    @property
    def params(self) -> Parameters:
        """The four-player parameters."""
        return self._params

    @property
    def china(self) -> ChinaParameters:
        """China's parameters."""
        return self._china

    @property
    def levels(self) -> tuple[Fraction, ...]:
        """China's menu, as shares of the full offer."""
        return self._levels

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """Strategy names of the five players."""
        return (*STRATEGIES, tuple(_level_name(x) for x in self._levels))

    def _tensor(self) -> np.ndarray:
        cached = self.__dict__.get("_u")
        if cached is None:
            cached = _five_tensor(self._params.as_dict(), self._china.as_dict(), self._levels)
            self.__dict__["_u"] = cached
        return cached

    def four_player_params(self, action: int | str) -> Parameters:
        """The four-player parameters once China has chosen *action*.

        Parameters
        ----------
        action : int or str
            Index into :attr:`levels` or a strategy name (``"offer"``).

        Returns
        -------
        Parameters
            :attr:`params` with ``china_inducement_taliban`` and
            ``china_inducement_pakistan`` set by the action.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan.china import china_model
        >>> p = china_model().four_player_params("offer")
        >>> p.china_inducement_taliban, p.china_inducement_pakistan
        (Fraction(1, 10), Fraction(1, 10))
        """
        k = self._action(action, "four_player_params")
        lam = self._levels[k]
        return self._params.replace(
            china_inducement_taliban=lam * self._china.offer_taliban,
            china_inducement_pakistan=lam * self._china.offer_pakistan,
        )

    def _action(self, action: Any, caller: str) -> int:
        names = self.strategies[CHINA]
        if isinstance(action, str) and action in names:
            return names.index(action)
        if isinstance(action, (int, np.integer)) and not isinstance(action, bool) and 0 <= action < len(names):
            return int(action)
        raise GameError(f"{caller}: action must be one of {names} or an index below {len(names)}; got {action!r}.")

    def normal_form(self) -> NormalFormGame:
        """The five-player game with exact payoffs.

        Returns
        -------
        NormalFormGame
            Players :data:`CHINA_PLAYERS`; China's strategies from
            :attr:`levels`.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan.china import china_model
        >>> g = china_model().normal_form()
        >>> g.shape, g.is_exact
        ((2, 2, 2, 2, 2), True)
        """
        u = self._tensor()
        return NormalFormGame([u[i] for i in range(5)], players=CHINA_PLAYERS, strategies=self.strategies)

    def parametric_game(self) -> ParametricGame:
        """The five-player game as a :class:`~gametheory_af.ParametricGame`.

        Its parameters are those of :class:`Parameters` but the two
        inducements (China's action sets them), then :class:`ChinaParameters`.

        Returns
        -------
        ParametricGame

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan.china import china_model
        >>> pg = china_model().parametric_game()
        >>> len(pg.parameters)
        28
        >>> pg.payoff_expr("China", ("share power", "negotiate", "press", "calendar-based", "offer"))
        -offer_pakistan - offer_taliban + peace_value
        """
        sym = _symbols()
        for k in _INDUCEMENTS:
            del sym[k]
        csym = {k: sp.Symbol(k, real=True) for k in ChinaParameters.names()}
        levels = [sp.Rational(x.numerator, x.denominator) for x in self._levels]
        u = _five_tensor(sym, csym, levels)
        decl = [p for p in self._params.to_parameters() if p.name not in _INDUCEMENTS]
        return ParametricGame(
            u, parameters=decl + self._china.to_parameters(), players=CHINA_PLAYERS, strategies=self.strategies
        )

    # ------------------------------------------------------------------ queries
    def equilibria(self) -> ChinaEquilibria:
        """All pure Nash equilibria of the five-player game, exact, named in words.

        Returns
        -------
        ChinaEquilibria

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan.china import china_model
        >>> res = china_model().equilibria()
        >>> [(e.outcome, e.strategies["United States"], e.strategies["China"]) for e in res]
        [('war', 'calendar-based', 'no offer'), ('war', 'calendar-based', 'offer')]
        >>> [(e.outcome, e.strategies["China"]) for e in china_model(leverage="3/5").equilibria()]
        [('power-sharing agreement', 'no offer'), ('war', 'no offer'), ('war', 'offer')]
        >>> res.china_pays
        False
        """
        u = self._tensor()
        shape = u.shape[1:]
        found = []
        for prof in itertools.product(*(range(n) for n in shape)):
            if all(
                u[(i, *prof)] >= u[(i, *prof[:i], j, *prof[i + 1:])] for i in range(5) for j in range(shape[i])
            ):
                found.append(self._describe(prof))
        return ChinaEquilibria(equilibria=tuple(found), levels=self._levels)

    def _describe(self, prof: tuple[int, ...]) -> ChinaEquilibrium:
        u = self._tensor()
        names = self.strategies
        lam = self._levels[prof[CHINA]]
        if lam == 0:
            china = "China offers nothing"
        else:
            china = (
                f"China offers {fraction_text(lam * self._china.offer_taliban)} to a power-sharing Afghanistan and "
                f"{fraction_text(lam * self._china.offer_pakistan)} to Pakistan if power is shared"
            )
        sentence = ", ".join([*(_PHRASES[i][prof[i]] for i in range(4)), china])
        deal = prof[GOV] == SHARE and prof[TAL] == NEGOTIATE
        return ChinaEquilibrium(
            profile=tuple(int(x) for x in prof),
            sentence=sentence,
            strategies=FrozenMapping({CHINA_PLAYERS[i]: names[i][prof[i]] for i in range(5)}),
            outcome="power-sharing agreement" if deal else "war",
            payoffs=FrozenMapping({CHINA_PLAYERS[i]: _exact(u[(i, *prof)]) for i in range(5)}),
        )

    def best_offer(self, withdrawal: str = "calendar", *, leverage: Any = None) -> ChinaBestOffer:
        """China's best offer when it commits first, given the withdrawal and Pakistan's leverage.

        For each offer on the menu: is power sharing then an equilibrium, in
        the narrow sense (government and Taliban, Pakistan pressing at the
        leverage, the US policy fixed) and in the full sense (Pakistan's
        pressing a best response too); China's payoff at the outcome (the
        deal in the full sense, else the war now with Pakistan sheltering).

        Parameters
        ----------
        withdrawal : {"calendar", "conditions"}
        leverage : number, optional
            Default ``params.leverage``.

        Returns
        -------
        ChinaBestOffer

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan.china import china_model
        >>> b = china_model().best_offer("calendar")       # leverage 1/4: the offer is not enough
        >>> [(r.action, r.narrow, r.china_payoff) for r in b.rows]
        [('no offer', False, Fraction(-9, 50)), ('offer', False, Fraction(-9, 50))]
        >>> b.best.action
        'no offer'
        """
        caller = "best_offer"
        w = _withdrawal_index(withdrawal, caller)
        m = self if leverage is None else ChinaModel(
            self._params.replace(leverage=_fraction(leverage, caller, "leverage")), self._china, self._levels
        )
        u = m._tensor()
        rows = []
        for k, lam in enumerate(self._levels):
            deal = (SHARE, NEGOTIATE, PRESS, w, k)

            def keeps(i: int, prof: tuple[int, ...] = deal) -> bool:
                dev = list(prof)
                dev[i] = 1 - prof[i]
                return bool(u[(i, *prof)] >= u[(i, *dev)])

            narrow = keeps(GOV) and keeps(TAL)
            full = narrow and keeps(PAK)
            at = deal if full else (FIGHT, OFFENSIVE, SHELTER, w, k)
            rows.append(
                ChinaOfferRow(
                    action=_level_name(lam),
                    level=lam,
                    inducement_taliban=lam * self._china.offer_taliban,
                    inducement_pakistan=lam * self._china.offer_pakistan,
                    narrow=narrow,
                    full=full,
                    outcome="power sharing" if full else "war",
                    china_payoff=_exact(u[(CHINA, *at)]),
                )
            )
        best = max(rows, key=lambda r: (r.china_payoff, -r.level))
        return ChinaBestOffer(
            withdrawal=WITHDRAWALS[0] if w == CALENDAR else WITHDRAWALS[1],
            leverage=m.params.leverage,
            rows=tuple(rows),
            best=best,
        )

    def threshold_shift(self, withdrawal: str = "calendar") -> ChinaThresholdShift:
        """How China's full offer moves the leverage threshold and Pakistan's ceiling (exact).

        Parameters
        ----------
        withdrawal : {"calendar", "conditions"}

        Returns
        -------
        ChinaThresholdShift

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan.china import china_model
        >>> print(china_model().threshold_shift("calendar").describe())  # doctest: +NORMALIZE_WHITESPACE
        China's offer of 1/10 to a power-sharing Afghanistan moves the narrow leverage threshold
        (calendar-based withdrawal) from 29/60 to 23/60 (one for one while above 0); its offer to Pakistan
        leaves it unchanged.
        Its offer of 1/10 to Pakistan raises Pakistan's ceiling from 737/840 to 947/840 (5/2 per unit below
        the bound); with both offers power sharing holds in the full sense over leverage 23/60 to 1041/880
        (without: leverage 29/60 to 737/840).
        """
        caller = "threshold_shift"
        w = _withdrawal_index(withdrawal, caller)
        name = WITHDRAWALS[0] if w == CALENDAR else WITHDRAWALS[1]
        ct, cp = self._china.offer_taliban, self._china.offer_pakistan
        offers = {"none": (0, 0), "taliban": (ct, 0), "pakistan": (0, cp), "both": (ct, cp)}
        narrow: dict[str, Fraction | None] = {}
        ceiling: dict[str, Fraction | None] = {}
        full_range: dict[str, tuple[Fraction, Fraction] | None] = {}
        for key, (it, ip) in offers.items():
            sets = leverage_sets(self._params.replace(china_inducement_taliban=it, china_inducement_pakistan=ip), name)
            narrow[key] = sets.narrow_threshold
            ceiling[key] = sets.press[-1][1] if sets.press else None
            full_range[key] = (sets.full[0][0], sets.full[-1][1]) if sets.full else None
        return ChinaThresholdShift(
            withdrawal=name,
            offer_taliban=ct,
            offer_pakistan=cp,
            narrow=narrow,
            ceiling=ceiling,
            full_range=full_range,
            ceiling_rate=_ceiling_rate(self._params),
        )

    def summary(self, withdrawal: str = "calendar") -> str:
        """Two or three lines for the report: the threshold's shift and China's best offer.

        Parameters
        ----------
        withdrawal : {"calendar", "conditions"}

        Returns
        -------
        str

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan.china import china_model
        >>> print(china_model().summary().splitlines()[-1])
        At leverage 1/4, China's best choice is no offer: no offer on the menu makes power sharing an equilibrium in the full sense.
        """
        shift = self.threshold_shift(withdrawal).describe()
        b = self.best_offer(withdrawal)
        return f"{shift}\nAt leverage {_text(b.leverage)}, China's best choice is {b.best.action}: {b.verdict}."

    def __repr__(self) -> str:
        return f"<afghanistan.ChinaModel levels={tuple(fraction_text(x) for x in self._levels)}>"


def _ceiling_rate(p: Parameters) -> Fraction:
    """The rise of Pakistan's ceiling per unit of China's offer to it, where the ceiling is in [guarantee_leverage, bound).

    ``g / (c_P + pi (e (1 - delta) + 1 - beta) / (V - delta))`` with ``V = 1 + A s``
    (no offer to the Taliban) and ``beta = r_G / (r_G + r_T)`` the Taliban's share of the surplus.
    0 when the margin does not fall with leverage (no pressing cost, no influence): the ceiling is
    then never inside ``[guarantee_leverage, bound)``.
    """
    beta = p.government_discount_rate / (p.government_discount_rate + p.taliban_discount_rate)
    value = 1 + p.aid_value * p.airport_security
    d = p.decentralisation
    slope = p.pressing_cost + p.pakistan_influence * (p.sanctuary_effect * (1 - d) + 1 - beta) / (value - d)
    return Fraction(p.guarantee_failure) / slope if slope else Fraction(0)


def china_model(
    params: Parameters | None = None,
    china: ChinaParameters | None = None,
    *,
    levels: Any = None,
    **overrides: Any,
) -> ChinaModel:
    """The Afghan scenario with China as a fifth player.

    Parameters
    ----------
    params : Parameters, optional
        The four-player parameters (default :class:`Parameters`).
    china : ChinaParameters, optional
        China's parameters (default :class:`ChinaParameters`).
    levels : sequence of numbers, optional
        China's menu (default ``(0, 1)``: no offer, the full offer).
    **overrides
        Parameter values changed from *params* or *china*, by name (each
        name belongs to one of the two sets).

    Returns
    -------
    ChinaModel

    Raises
    ------
    GameError
        For an unknown name, a value out of bounds or a bad menu.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.china import china_model
    >>> cm = china_model(leverage="2/5", peace_value="1/10")
    >>> cm.params.leverage, cm.china.peace_value
    (Fraction(2, 5), Fraction(1, 10))
    """
    params = Parameters() if params is None else params
    china = ChinaParameters() if china is None else china
    if not isinstance(params, Parameters):
        raise GameError(f"china_model: params must be Parameters; got {type(params).__name__}.")
    if not isinstance(china, ChinaParameters):
        raise GameError(f"china_model: china must be ChinaParameters; got {type(china).__name__}.")
    four = {k: v for k, v in overrides.items() if k in Parameters.names()}
    five = {k: v for k, v in overrides.items() if k not in four}
    unknown = [k for k in five if k not in ChinaParameters.names()]
    if unknown:
        raise GameError(
            f"china_model: unknown parameter {unknown[0]!r}; parameters are those of Parameters and "
            f"{list(ChinaParameters.names())}."
        )
    return ChinaModel(params.replace(**four), china.replace(**five), levels)
