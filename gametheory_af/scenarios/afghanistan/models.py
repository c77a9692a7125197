"""The Afghan scenario's model: the analyst's questions (equilibria, split, thresholds, policies) as methods."""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Mapping
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np
import sympy as sp

from ..._validation import FrozenMapping, _short, to_fraction
from ..._validation import fraction_text as _fmt
from ..._validation import number_text as _parse_text
from ...exceptions import ConvergenceWarning, DegenerateGameWarning, GameError, GameWarning
from ...game import NormalFormGame
from ...parametric import ParametricGame
from ...solvers.dispatch import nash_equilibria
from ...solvers.pure import pure_nash
from ...solvers.qre import logit_select
from .claims import leverage_sets
from .parameters import Parameters, _check_names
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
    USA,
    WITHDRAWALS,
    _agreement,
    _base_game,
    _base_subgames,
    _exact_payoffs,
    _withdrawal_index,
    parametric_game,
)
from .results import (
    SELECTION_CAVEAT,
    Continuum,
    DescribedEquilibrium,
    EquilibriaResult,
    LeverageThreshold,
    PakistanWillingness,
    PolicyComparison,
    PolicyRow,
    PowerSharingSplit,
    _q,
)

# POLICY_LEVERS is public through the package, whose __all__ lists it (here too, the API reference
# would show it twice).
__all__ = ["Model", "model"]

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

        Parameters
        ----------
        **overrides
            New parameter values, by name.

        Returns
        -------
        Model
            A new model; this one is unchanged.

        Examples
        --------
        >>> from gametheory_af.scenarios import afghanistan
        >>> afghanistan.model().replace(leverage=1).params.leverage
        Fraction(1, 1)
        """
        return Model(self._params.replace(**overrides))

    def normal_form(self) -> NormalFormGame:
        """The game at :attr:`params`, with exact (rational) payoffs.

        Returns
        -------
        NormalFormGame
            The four-player game.

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
        """The equilibria at :attr:`params`, named in words, with continua described as sets.

        Parameters
        ----------
        mixed : bool, default True
            Also look for mixed equilibria with
            :func:`gametheory_af.solvers.dispatch.nash_equilibria` (when that
            solver is available).
        select : bool, default True
            When there are several equilibria (or a continuum), pick one by
            following the logit quantal-response path
            (:func:`gametheory_af.solvers.qre.logit_select`, when available);
            ``EquilibriaResult.selection`` says it is a selection.

        Returns
        -------
        EquilibriaResult

        Notes
        -----
        Where a player is indifferent at a pure equilibrium (an exact tie in
        its payoffs), the equilibria form a continuum: the player may mix over
        a range. Such sets are found exactly from the payoffs and reported in
        ``EquilibriaResult.continua`` as sets in words; the mixed solver's
        samples of them are not listed among ``EquilibriaResult.mixed``.

        Examples
        --------
        >>> from gametheory_af.scenarios import afghanistan
        >>> res = afghanistan.model().equilibria(mixed=False, select=False)
        >>> [e.outcome for e in res.pure]
        ['war']
        >>> [e.outcome for e in afghanistan.model(leverage=0.5).equilibria(mixed=False).pure]
        ['power-sharing agreement', 'war']
        """
        game = self.normal_form()
        u = _exact_payoffs(self._params)
        found = pure_nash(game)
        pure = tuple(DescribedEquilibrium.from_equilibrium(e) for e in found)
        pure_set = {tuple(e.equilibrium.pure_profile) for e in pure if e.equilibrium.pure_profile is not None}
        continua = _continua(u, [e.equilibrium.pure_profile for e in pure])
        notes: list[str] = _joint(continua, pure_set)
        mixed_eqs: tuple[DescribedEquilibrium, ...] | None = None
        complete = not mixed
        if mixed:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", GameWarning)
                res = nash_equilibria(game)
            all_mixed = [DescribedEquilibrium.from_equilibrium(e) for e in res if not e.is_pure]
            mixed_eqs = tuple(e for e in all_mixed if not _in_continuum(e.equilibrium, continua, pure_set))
            degenerate = any(issubclass(w.category, DegenerateGameWarning) for w in caught)
            complete = bool(res.complete) and not degenerate
            if degenerate and mixed_eqs:
                notes.append(
                    "the game is degenerate (exact ties in some payoffs): the mixed equilibria listed may be "
                    "points of larger sets of equilibria that are not described here"
                )
            elif not res.complete and not degenerate:
                notes.append(f"mixed equilibria: method {res.method!r} does not guarantee all were found")
        selected = None
        selection = None
        n_found = len(pure) + (len(mixed_eqs) if mixed_eqs else 0)
        if select and (n_found > 1 or continua):
            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always", GameWarning)
                    selected = DescribedEquilibrium.from_equilibrium(logit_select(game))
                selection = SELECTION_CAVEAT
                if any(issubclass(w.category, ConvergenceWarning) for w in caught):
                    selection += " (the logit path did not converge: the equilibrium nearest its end)"
            except (GameError, ArithmeticError) as err:
                notes.append(f"no equilibrium selected: {err}")
        elif n_found == 1 and not continua:
            selected = pure[0] if pure else (mixed_eqs[0] if mixed_eqs else None)
            selection = "the only equilibrium" if complete and mixed else (
                "the only pure equilibrium (mixed equilibria not computed)" if not mixed
                else "the only equilibrium found (the mixed-equilibrium method does not guarantee all were found)"
            )
        return EquilibriaResult(
            pure=pure,
            mixed=mixed_eqs,
            selected=selected,
            notes=tuple(notes),
            parameters=self._params,
            continua=continua,
            selection=selection,
        )

    def is_power_sharing_equilibrium(
        self, withdrawal: str = "calendar", *, full: bool = False, sense: str | None = None
    ) -> bool:
        """Whether power sharing is an equilibrium at :attr:`params` (exact).

        Parameters
        ----------
        withdrawal : {"calendar", "conditions"}
        full : bool, default False
            Shorthand: True is ``sense="full"``, False ``sense="narrow"``.
        sense : {"narrow", "full", "nash"}, optional
            Who must be best-responding at (share power, negotiate, press,
            *withdrawal*): ``"narrow"`` the government and the Taliban (the
            sense of :meth:`leverage_threshold`); ``"full"`` Pakistan too, its
            pressing its own best response (the op-ed's sense, with the US
            policy the lever being compared; see
            :mod:`~gametheory_af.scenarios.afghanistan.claims`); ``"nash"`` all
            four, the US included. At a deal the US prefers its calendar (by
            ``us_verification_cost``), so under a calendar withdrawal
            ``"nash"`` is ``"full"``, and under a conditions-based one it never
            holds: a conditions-based withdrawal is a commitment (see the
            sequential version), not a best response.

        Returns
        -------
        bool
            Whether power sharing is an equilibrium in the chosen sense.

        Notes
        -----
        The full sense is not monotone in every parameter. For example, at
        ``leverage=0.85`` it holds at ``decentralisation=0`` and fails at
        ``0.5``: decentralisation lowers the leverage the Taliban need (from
        29/60 to 7/60) but also lowers the greatest leverage at which pressing
        pays Pakistan (from 737/840 to about 0.614), because Pakistan's
        influence is proportional to the Taliban's share of the divisible
        power, which pressing cuts faster when less power is at stake.

        Examples
        --------
        >>> from gametheory_af.scenarios import afghanistan
        >>> m = afghanistan.model(leverage=0)
        >>> m.is_power_sharing_equilibrium("calendar"), m.is_power_sharing_equilibrium("conditions")
        (False, False)
        >>> m = afghanistan.model(leverage=0.85)
        >>> m.is_power_sharing_equilibrium(sense="full"), m.replace(decentralisation=0.5).is_power_sharing_equilibrium(sense="full")
        (True, False)
        >>> m.is_power_sharing_equilibrium("conditions", sense="full"), m.is_power_sharing_equilibrium("conditions", sense="nash")
        (True, False)
        """
        caller = "is_power_sharing_equilibrium"
        w = _withdrawal_index(withdrawal, caller)
        if sense is None:
            sense = "full" if full else "narrow"
        players = {"narrow": (GOV, TAL), "full": (GOV, TAL, PAK), "nash": (GOV, TAL, PAK, USA)}.get(str(sense))
        if players is None:
            raise GameError(f"{caller}: sense must be 'narrow', 'full' or 'nash'; got {sense!r}.")
        u = _exact_payoffs(self._params)
        prof = [SHARE, NEGOTIATE, PRESS, w]
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
        beta = _bargaining_weight(p)
        if surplus > 0:
            x_g, x_t = _nash_split(d_g, d_t, surplus, p)
            method = "nash_solution"
        else:  # nothing to divide: the closed form leaves each side its war payoff
            x_g, x_t = _agreement(d_g, d_t, value, p.government_discount_rate, p.taliban_discount_rate)
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
        press_set = _press_set(p, w)
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
            How far above the threshold ``LeverageThreshold.split_above``
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
        from ...sensitivity.thresholds import profile_threshold

        caller = "leverage_threshold"
        w = _withdrawal_index(withdrawal, caller)
        step = _q(_fraction(above, caller, "above"))
        key = (w, bool(symbolic), step)
        cache: dict[tuple[int, bool, Any], LeverageThreshold] = self.__dict__.setdefault("_threshold_cache", {})
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
            both = th.set.intersect(_press_set(self._params, w))
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


def _continua(u: np.ndarray, profiles: list[tuple[int, ...] | None]) -> tuple[Continuum, ...]:
    """The sets of equilibria where one player is indifferent at a pure equilibrium (exact).

    At a pure equilibrium *s* where player *i* gets the same from both its
    strategies, the mix putting ``t`` on *i*'s other strategy keeps every
    other player *j* at a best response while its gain from deviating,
    linear in ``t``, stays ``<= 0``: ``t <= max_weight``. A set reaching
    ``t = 1`` joins two pure equilibria and is listed once.
    """
    out: list[Continuum] = []
    seen: set[tuple[int, frozenset[tuple[int, ...]]]] = set()
    for s in profiles:
        if s is None:  # pragma: no cover - pure_nash returns pure profiles
            continue
        for i in range(4):
            d = tuple(1 - x if k == i else x for k, x in enumerate(s))
            if u[(i, *s)] != u[(i, *d)]:
                continue
            t, binding = Fraction(1), None
            for j in range(4):
                if j == i:
                    continue
                g0 = u[(j, *_flip(s, j))] - u[(j, *s)]
                g1 = u[(j, *_flip(d, j))] - u[(j, *d)]
                if g1 > 0 and -g0 / (g1 - g0) < t:
                    t, binding = -g0 / (g1 - g0), j
            if t == 0:
                continue
            key = (i, frozenset({tuple(s), d} if t == 1 else {tuple(s)}))
            if key in seen:
                continue
            seen.add(key)
            out.append(Continuum.at(s, i, t, u[(i, *s)], binding))
    return tuple(out)


def _flip(s: tuple[int, ...], j: int) -> tuple[int, ...]:
    return tuple(1 - x if k == j else x for k, x in enumerate(s))


def _joint(continua: tuple[Continuum, ...], pure: set[tuple[int, ...]]) -> list[str]:
    """Sentences for players whose continua combine: every corner of their joint mixes is a pure equilibrium."""
    full = [c for c in continua if c.max_weight == 1]
    out = []
    for a_i, a in enumerate(full):
        for b in full[a_i + 1 :]:
            i, k = PLAYERS.index(a.player), PLAYERS.index(b.player)
            if i == k or a.profile[k] != b.profile[k] and a.profile[i] != b.profile[i]:
                continue
            base = a.profile
            corners = {_flip(base, i), _flip(base, k), _flip(_flip(base, i), k), tuple(base)}
            if corners <= pure:
                x, y = sorted((i, k))
                text = (
                    f"{PLAYERS[x]} and {PLAYERS[y]} may mix at the same time: every combination of the mixes "
                    "described is an equilibrium too"
                )
                if text not in out:
                    out.append(text)
    return out


def _in_continuum(eq: Any, continua: tuple[Continuum, ...], pure: set[tuple[int, ...]]) -> bool:
    """Whether a mixed equilibrium lies in one of *continua*, or in a product of them (all corners pure equilibria)."""
    mixing = [i for i, sup in enumerate(eq.support) if len(sup) > 1]
    rest0 = tuple(sup[0] for sup in eq.support)
    corners = {tuple(rest0)}
    for i in mixing:
        corners |= {_flip(c, i) for c in corners}
    if len(mixing) > 1:
        return corners <= pure
    if not mixing:  # pragma: no cover - only mixed equilibria are passed
        return False
    i = mixing[0]
    rest = tuple(sup[0] for k, sup in enumerate(eq.support) if k != i)
    return any(
        c.player == PLAYERS[i] and tuple(x for k, x in enumerate(c.profile) if k != i) == rest for c in continua
    )


def _bargaining_weight(p: Parameters) -> Any:
    """The Taliban's share of the surplus: the Rubinstein limit with the two discount rates."""
    from ...bargaining import rubinstein_limit

    return rubinstein_limit(p.taliban_discount_rate, p.government_discount_rate).shares[0]


def _nash_split(d_g: Fraction, d_t: Fraction, surplus: Fraction, p: Parameters) -> tuple[Any, Any]:
    """Asymmetric Nash solution over the agreement's value (transferable utility), exact."""
    from ...bargaining import BargainingProblem, nash_solution

    problem = BargainingProblem(
        [[d_g + surplus, d_t], [d_g, d_t + surplus]], [d_g, d_t], outcomes=("all to government", "all to Taliban")
    )
    sol = nash_solution(problem, weights=[1 / p.government_discount_rate, 1 / p.taliban_discount_rate])
    if sol.exact_payoffs is not None:
        return sol.exact_payoffs[0], sol.exact_payoffs[1]
    return sol.payoffs[0], sol.payoffs[1]  # pragma: no cover - inputs are exact


def _press_set(p: Parameters, w: int) -> sp.Set:
    """Leverages at which pressing is Pakistan's best response at the agreement (exact set)."""
    return _press_set_at(p.replace(leverage=0), w)


@functools.lru_cache(maxsize=256)
def _press_set_at(p: Parameters, w: int) -> sp.Set:
    # The one route for Pakistan's set: claims.leverage_sets (exact end points of the linear pieces).
    press = leverage_sets(p, WITHDRAWALS[0] if w == CALENDAR else WITHDRAWALS[1]).press
    return sp.Union(*(sp.Interval(_q(a), _q(b)) for a, b in press))


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
