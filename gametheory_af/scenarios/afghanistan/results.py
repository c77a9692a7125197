"""The results of the Afghan scenario's queries, and the words that describe its profiles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from ..._validation import FrozenMapping, to_fraction
from ...exceptions import GameError
from ...result import Equilibrium, ResultMixin, require_pandas
from .parameters import Parameters, _check_names
from .payoffs import (
    GOV,
    NEGOTIATE,
    PLAYERS,
    SHARE,
    STRATEGIES,
    TAL,
)

__all__ = [
    "Continuum",
    "DescribedEquilibrium",
    "EquilibriaResult",
    "PowerSharingSplit",
    "PakistanWillingness",
    "LeverageThreshold",
    "PolicyRow",
    "PolicyComparison",
    "describe_profile",
]

_PHRASES: tuple[tuple[str, ...], ...] = (
    ("the Afghan government shares power", "the Afghan government fights"),
    ("the Taliban negotiate", "the Taliban launch an offensive"),
    ("Pakistan presses the Taliban", "Pakistan keeps sheltering the Taliban"),
    (
        "the United States makes its withdrawal conditions-based",
        "the United States withdraws on a calendar",
    ),
)


_GERUNDS: tuple[tuple[str, ...], ...] = (
    ("sharing power", "fighting"),
    ("negotiating", "launching an offensive"),
    ("pressing the Taliban", "sheltering them"),
    ("making its withdrawal conditions-based", "withdrawing on a calendar"),
)


_SUBJECTS: tuple[str, ...] = ("the Afghan government", "the Taliban", "Pakistan", "the United States")


def describe_profile(profile: Sequence[int]) -> str:
    """A pure profile (strategy indices) of the scenario in words.

    Parameters
    ----------
    profile : sequence of int
        Four strategy indices, 0 or 1: government, Taliban, Pakistan, United States.

    Returns
    -------
    str
        One clause per player, separated by commas.

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

    Parameters
    ----------
    sentence, strategies, outcome, power_sharing_probability, payoffs : see Attributes
    equilibrium : see Attributes
        Each sets the attribute of the same name.

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
    >>> e = afghanistan.model().equilibria(mixed=False).pure[0]
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
        """Describe a certified equilibrium of the scenario game.

        Parameters
        ----------
        eq : Equilibrium
            An equilibrium of the scenario's four-player game.

        Returns
        -------
        DescribedEquilibrium
            The equilibrium with its description.
        """
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
        """A JSON-ready dict.

        Returns
        -------
        dict
            The fields, ready for :func:`json.dumps`.
        """
        return {
            "sentence": self.sentence,
            "strategies": dict(self.strategies),
            "outcome": self.outcome,
            "power_sharing_probability": self.power_sharing_probability,
            "payoffs": dict(self.payoffs),
            "max_regret": self.equilibrium.max_regret,
        }


SELECTION_CAVEAT = (
    "selected by following the logit quantal-response path from uniform play (McKelvey-Palfrey 1995; "
    "Turocy 2005); a selection, not a prediction of which equilibrium is played"
)


@dataclass(frozen=True, eq=False)
class Continuum(ResultMixin):
    """A set of equilibria: one player indifferent at a pure equilibrium, mixing freely over a range.

    At the pure equilibrium ``profile``, ``player`` gets the same
    payoff from both of its strategies, so every mix that puts probability
    ``t`` on its other strategy, ``0 <= t <= max_weight``, is also an
    equilibrium (the other players' strategies stay best responses up to
    ``max_weight``; exact). ``max_weight == 1`` joins two pure equilibria.

    Parameters
    ----------
    player, profile, other, max_weight, payoff, power_sharing, sentence : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    player : str
        The indifferent player.
    profile : tuple of int
        The pure equilibrium the set starts from (strategy indices).
    other : str
        The indifferent player's other strategy (the one it may mix in).
    max_weight : sympy.Rational
        The largest probability on ``other`` that is still an equilibrium.
    payoff : sympy.Rational
        The indifferent player's payoff, the same for both of its strategies.
    power_sharing : tuple of sympy.Rational
        The probability of power sharing at the two ends of the set (``t = 0``
        and ``t = max_weight``).
    sentence : str
        The set in words.

    Examples
    --------
    >>> from gametheory_af.scenarios import afghanistan
    >>> c = afghanistan.model(leverage=0).equilibria().continua[0]
    >>> c.player, c.other, c.max_weight
    ('Pakistan', 'shelter', 1)
    """

    player: str
    profile: tuple[int, ...]
    other: str
    max_weight: sp.Expr
    payoff: sp.Expr
    power_sharing: tuple[sp.Expr, sp.Expr]
    sentence: str

    @classmethod
    def at(
        cls, profile: Sequence[int], player: int, max_weight: Any, payoff: Any, binding: int | None = None
    ) -> Continuum:
        """The set at a pure equilibrium *profile* where *player* is indifferent (see the class).

        Parameters
        ----------
        profile : sequence of int
            The pure equilibrium.
        player : int
            Index of the indifferent player.
        max_weight : number
            The largest probability on its other strategy that keeps an equilibrium.
        payoff : number
            Its payoff (the same for both strategies).
        binding : int, optional
            The player whose strategy stops being a best response beyond
            *max_weight* (when it is below 1).

        Returns
        -------
        Continuum
        """
        prof = tuple(int(j) for j in profile)
        own, alt = prof[player], 1 - prof[player]
        t = _q(max_weight)
        ps0 = sp.Integer(int(prof[GOV] == SHARE and prof[TAL] == NEGOTIATE))
        moved = list(prof)
        moved[player] = alt
        ps1 = ps0 + t * (int(moved[GOV] == SHARE and moved[TAL] == NEGOTIATE) - ps0)
        name = PLAYERS[player]
        a, b = _GERUNDS[player][own], _GERUNDS[player][alt]
        if t == 1:
            mix = f"every mix of {a} and {b} is an equilibrium"
        else:
            mix = f"{'they' if player == TAL else 'it'} may put any probability up to {t} = {float(t):.3f} on {b}" + (
                "" if binding is None else f" (beyond that, {_SUBJECTS[binding]} would switch to {_GERUNDS[binding][1 - prof[binding]]})"
            )
        if ps0 == ps1:
            outcome = "Power sharing" if ps0 == 1 else "War"
        else:
            outcome = f"Power sharing with probability from {ps0} down to {ps1}"
        others = [_PHRASES[i][j] for i, j in enumerate(prof) if i != player]
        sentence = (
            f"{outcome}, where {', '.join(others[:-1])} and {others[-1]}: {_SUBJECTS[player]} "
            f"{'get' if player == TAL else 'gets'} {_q(payoff)} "
            f"whether {a} or {b}, so {mix}"
        )
        return cls(
            player=name,
            profile=prof,
            other=STRATEGIES[player][alt],
            max_weight=t,
            payoff=_q(payoff),
            power_sharing=(ps0, ps1),
            sentence=sentence,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict.

        Returns
        -------
        dict
            The fields, ready for :func:`json.dumps`.
        """
        return {
            "player": self.player,
            "profile": {PLAYERS[i]: STRATEGIES[i][j] for i, j in enumerate(self.profile)},
            "other": self.other,
            "max_weight": float(self.max_weight),
            "max_weight_exact": str(self.max_weight),
            "payoff": float(self.payoff),
            "payoff_exact": str(self.payoff),
            "power_sharing_probability": [float(x) for x in self.power_sharing],
            "sentence": self.sentence,
        }


@dataclass(frozen=True, eq=False)
class EquilibriaResult(ResultMixin):
    """The equilibria of the scenario at one parameter point.

    Parameters
    ----------
    pure, mixed, selected, notes, parameters, continua, selection : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    pure : tuple of DescribedEquilibrium
        All pure equilibria (complete).
    mixed : tuple of DescribedEquilibrium or None
        Equilibria found by :func:`gametheory_af.solvers.dispatch.nash_equilibria`
        that are not pure and do not lie in one of ``continua`` (the
        solver's samples of a continuum are described by the set instead), or
        ``None`` when that solver is unavailable or was not asked for.
    selected : DescribedEquilibrium or None
        The only equilibrium when there is one, else the logit-selected
        equilibrium (the limit of the logit quantal-response path) when the
        selector is available; see ``selection``.
    notes : tuple of str
        What could not be computed, and why.
    parameters : Parameters
    continua : tuple of Continuum
        The sets of equilibria where one player is indifferent at a pure
        equilibrium (exact), each described in words; one per set.
    selection : str or None
        How ``selected`` was chosen, in words: ``"the only equilibrium"``,
        or the logit selection with its caveat (``SELECTION_CAVEAT``).

    Examples
    --------
    >>> from gametheory_af.scenarios import afghanistan
    >>> res = afghanistan.model(leverage=0).equilibria(mixed=False)
    >>> res.power_sharing, len(res.pure), len(res.continua)
    (False, 2, 1)
    >>> print(res.continua[0].sentence)  # doctest: +NORMALIZE_WHITESPACE
    War, where the Afghan government fights, the Taliban launch an offensive and the United States
    withdraws on a calendar: Pakistan gets -27/100 whether pressing the Taliban or sheltering them,
    so every mix of pressing the Taliban and sheltering them is an equilibrium
    """

    pure: tuple[DescribedEquilibrium, ...]
    mixed: tuple[DescribedEquilibrium, ...] | None
    selected: DescribedEquilibrium | None
    notes: tuple[str, ...]
    parameters: Parameters
    continua: tuple[Continuum, ...] = ()
    selection: str | None = None

    @property
    def power_sharing(self) -> bool:
        """True when some pure equilibrium is a power-sharing agreement."""
        return any(e.outcome == "power-sharing agreement" for e in self.pure)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict.

        Returns
        -------
        dict
            The fields, ready for :func:`json.dumps`.
        """
        return {
            "pure": [e.to_dict() for e in self.pure],
            "mixed": None if self.mixed is None else [e.to_dict() for e in self.mixed],
            "continua": [c.to_dict() for c in self.continua],
            "selected": None if self.selected is None else self.selected.to_dict(),
            "selection": self.selection,
            "power_sharing": self.power_sharing,
            "notes": list(self.notes),
        }


@dataclass(frozen=True, eq=False)
class PowerSharingSplit(ResultMixin):
    """The terms of a power-sharing agreement (Pakistan pressing at a given leverage).

    Parameters
    ----------
    withdrawal, leverage, disagreement, surplus, taliban_weight : see Attributes
    government_payoff, taliban_payoff, taliban_share, government_share : see Attributes
    payoffs, method : see Attributes
        Each sets the attribute of the same name.

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
        """A JSON-ready dict (numbers as floats, with exact strings alongside).

        Returns
        -------
        dict
            The fields, ready for :func:`json.dumps`.
        """
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

    Parameters
    ----------
    withdrawal, leverage, deal_payoff, shelter_deal_payoff, war_payoff : see Attributes
    press_margin, participation_margin, press_is_best_response, willing : see Attributes
    press_margin_expression, participation_margin_expression, ceiling : see Attributes
        Each sets the attribute of the same name.

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
        """A JSON-ready dict.

        Returns
        -------
        dict
            The fields, ready for :func:`json.dumps`.
        """
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

    Parameters
    ----------
    withdrawal, status, value, expression, binding, pakistan : see Attributes
    equilibrium_range, split, split_above, parameters : see Attributes
        Each sets the attribute of the same name.

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
        """``value`` as a float."""
        return None if self.value is None else float(self.value)

    def evaluate(self, **values: Any) -> sp.Expr | None:
        """The threshold at other parameter values (the rest as in :attr:`parameters`), exactly.

        Not the ``expression`` blindly: where another condition binds, or
        where no leverage within the bounds works, the expression's value is
        not the threshold. This returns the true least leverage at those
        values (:func:`~gametheory_af.scenarios.afghanistan.claims.leverage_sets`,
        same sense as ``value``), and ``None`` for "never".

        Parameters
        ----------
        **values
            Parameter values by name.

        Returns
        -------
        sympy.Rational or None
            The threshold at those values; ``None`` when no leverage in the
            bounds makes power sharing an equilibrium.

        Examples
        --------
        >>> from gametheory_af.scenarios import afghanistan
        >>> th = afghanistan.model().leverage_threshold("calendar")
        >>> th.evaluate(decentralisation=0.5), th.evaluate(taliban_war_cost=0.2)
        (7/60, 23/60)
        """
        from .claims import leverage_sets

        _check_names(values, "LeverageThreshold.evaluate")
        t = leverage_sets(self.parameters.replace(**values), self.withdrawal).narrow_threshold
        return None if t is None else sp.Rational(t.numerator, t.denominator)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict.

        Returns
        -------
        dict
            The fields, ready for :func:`json.dumps`.
        """
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
    """One row of :class:`~gametheory_af.scenarios.afghanistan.PolicyComparison`: a policy and the leverage it needs.

    Parameters
    ----------
    policy, withdrawal, overrides, threshold : see Attributes
        Each sets the attribute of the same name.

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
        """A JSON-ready dict.

        Returns
        -------
        dict
            The fields, ready for :func:`json.dumps`.
        """
        th = self.threshold
        return {
            "policy": self.policy,
            "withdrawal": self.withdrawal,
            "overrides": {k: float(v) for k, v in self.overrides.items()},
            "threshold": th.value_float,
            "threshold_exact": None if th.value is None else str(th.value),
            "full_threshold": None if th.equilibrium_range is None else float(th.equilibrium_range[0]),
            "full_threshold_exact": None if th.equilibrium_range is None else str(th.equilibrium_range[0]),
            "status": th.status,
            "binding": th.binding,
            "pakistan_willing": None if th.pakistan is None else th.pakistan.willing,
            "taliban_share": None if th.split is None else float(th.split.taliban_share),
        }


@dataclass(frozen=True, eq=False)
class PolicyComparison(ResultMixin):
    """The leverage threshold under each policy of the op-ed.

    Parameters
    ----------
    rows : see Attributes
        Each sets the attribute of the same name.

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
        """A fixed-width table.

        Returns
        -------
        str
            The table: a header line, then one line per row.
        """
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
        """A JSON-ready list of rows.

        Returns
        -------
        list of dict
            One dict per row (see :meth:`PolicyRow.to_dict`).
        """
        return [r.to_dict() for r in self.rows]

    def to_pandas(self) -> Any:
        """The comparison as a :class:`pandas.DataFrame`, one row per policy.

        The same fields as :meth:`to_dict`, with each exact value both as a
        float and as a :class:`~fractions.Fraction` (object column).

        Returns
        -------
        pandas.DataFrame
            Indexed by ``policy``. Columns: ``withdrawal``, ``status``,
            ``binding`` (str, missing where none binds), ``threshold`` (float, NaN when not
            reachable) and ``threshold_exact`` (Fraction or None),
            ``full_threshold`` and ``full_threshold_exact`` (the least leverage
            of ``LeverageThreshold.equilibrium_range``), ``pakistan_willing``
            (bool or None), ``taliban_share`` (float) and ``taliban_share_exact``,
            then ``override:<parameter>`` (float, NaN where the policy leaves the
            parameter at its value) for every parameter some policy sets.

        Raises
        ------
        ImportError
            When pandas is not installed.

        Examples
        --------
        >>> from gametheory_af.scenarios import afghanistan
        >>> df = afghanistan.model().policy_comparison().to_pandas()
        >>> df.loc["conditions-based withdrawal", ["withdrawal", "threshold_exact", "binding"]].tolist()
        ['conditions', Fraction(1, 12), 'Taliban -> offensive']
        >>> df["override:airport_security"].tolist()
        [nan, nan, nan, 1.0, nan, 1.0]
        """
        pd = require_pandas("PolicyComparison.to_pandas")

        def exact(v: Any) -> Fraction | None:
            return None if v is None else to_fraction(v)

        def objects(values: list[Any]) -> Any:
            out = np.empty(len(values), dtype=object)
            out[:] = values
            return out

        ths = [r.threshold for r in self.rows]
        full = [None if th.equilibrium_range is None else th.equilibrium_range[0] for th in ths]
        share = [None if th.split is None else th.split.taliban_share for th in ths]
        cols: dict[str, Any] = {
            "withdrawal": objects([r.withdrawal for r in self.rows]),
            "status": objects([th.status for th in ths]),
            "binding": objects([th.binding for th in ths]),
            "threshold": np.array([np.nan if th.value is None else float(th.value) for th in ths], dtype=np.float64),
            "threshold_exact": objects([exact(th.value) for th in ths]),
            "full_threshold": np.array([np.nan if v is None else float(v) for v in full], dtype=np.float64),
            "full_threshold_exact": objects([exact(v) for v in full]),
            "pakistan_willing": objects([None if th.pakistan is None else bool(th.pakistan.willing) for th in ths]),
            "taliban_share": np.array([np.nan if v is None else float(v) for v in share], dtype=np.float64),
            "taliban_share_exact": objects([exact(v) for v in share]),
        }
        names = list(dict.fromkeys(k for r in self.rows for k in r.overrides))
        for k in names:
            cols[f"override:{k}"] = np.array(
                [float(r.overrides[k]) if k in r.overrides else np.nan for r in self.rows], dtype=np.float64
            )
        return pd.DataFrame(cols, index=pd.Index([r.policy for r in self.rows], name="policy"))

