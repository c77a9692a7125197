r"""Pakistan chooses how hard to press (issue 13, item 3).

In the static model (:mod:`gametheory_af.scenarios.afghanistan`) Pakistan's
leverage is a parameter. Here it is Pakistan's decision, taken first: Pakistan
commits to a leverage :math:`\ell \in [0, 2]` (the bounds of the parameter
``leverage``; :math:`\ell = 0` is sheltering the Taliban), then the Afghan
government and the Taliban play their 2x2 game (share power or fight;
negotiate or launch an offensive) with the US withdrawal given. Pakistan is a
Stackelberg leader (von Stackelberg 1934) against the pair.

Every payoff is a cell of the static model's tensor
(``_payoff_tensor``) with
Pakistan pressing at :math:`\ell`: its costs are those of the static model
(pressing its ally ``pressing_cost`` per unit of leverage, refugees in a war
``refugee_cost``, isolation beside a Taliban regime ``isolation_cost`` times
the chance the Taliban win, influence ``pakistan_influence`` times the
Taliban's share of power, China's inducement ``china_inducement_pakistan``
when power is shared). No new number enters.

Which equilibrium of the 2x2 game is played
-------------------------------------------
Over the documented parameter box the war now (fight, offensive) is *always*
an equilibrium of the government-Taliban game: the government loses by sharing
power against an offensive (the Taliban's chance rises by
:math:`s_w(p_a - p_b) + a_T > 0`), and the Taliban gain nothing by negotiating
with a government that fights (:math:`a_G \ge 0`). The power-sharing deal
(share power, negotiate) is an equilibrium exactly on the *narrow* set of
:meth:`~gametheory_af.scenarios.afghanistan.Model.leverage_threshold`: both
sides' margins rise linearly in :math:`\ell` (the government's with slope
:math:`1 - \beta`, the Taliban's with slope :math:`\beta`, where
:math:`\beta \in [1/3, 2/3]` is the Taliban's bargaining weight), so the set is
an interval :math:`[\ell^*, 2]` or empty. Where both are equilibria this
module takes the **deal**: it gives both sides at least their war payoff (the
surplus :math:`S = \text{value} - 1 + c_G + c_T + \ell` is never negative), so
it payoff-dominates the war (Harsanyi and Selten 1988), and it is the op-ed's
focal agreement ("all parties return to the negotiating table"). Below
:math:`\ell^*` the war now is played.

Pakistan's problem, exactly
---------------------------
Every payoff is linear in :math:`\ell` (the kink at ``guarantee_leverage`` is
in the shelter cell only, which does not enter: a leverage chosen is a
leverage applied). With :math:`D(\ell)` Pakistan's payoff at the deal and
:math:`V(\ell)` its payoff in the war now:

* :math:`D` never rises in :math:`\ell` (the Taliban's share falls and pressing
  costs), so on the deal branch the best leverage is :math:`\ell^*` itself;
* :math:`V` is linear, so on the war branch :math:`[0, \ell^*)` the best is an
  end point: :math:`\ell = 0` when :math:`V` does not rise, otherwise the
  supremum at :math:`\ell^*`, *approached but not attained* (at :math:`\ell^*`
  the deal is played): the result says so with ``attained=False``. With no
  :math:`\ell^*` the war branch is all of :math:`[0, 2]`.

The best war payoff :math:`W` is the supremum of :math:`V` over the war branch
(:math:`\max(V(0), V(\ell^*))`; :math:`V(0)` when the deal holds even at
:math:`\ell^* = 0`). Pakistan presses for the deal when :math:`D(\ell^*) \ge
W`. **Ties** go to the deal (the op-ed's recommendation, as the sequential
model breaks ties) and, within a branch, to the least leverage (Pakistan
applies no pressure it does not need).

``willing_up_to`` is the greatest :math:`\ell \le 2` with :math:`D(\ell) \ge
W` (``None`` when Pakistan prefers the war even to a deal at no pressure), and
``gap = needed - willing_up_to``: positive, peace needs more pressure than
Pakistan wants to apply (the op-ed's central tension). Whenever
:math:`\ell^* > 0`, Pakistan's choice reaches :math:`\ell^*` exactly when the
gap is at most 0.

At the defaults (derived by hand in ``tests/scenarios/test_pakistan_choice.py``):
:math:`D(\ell) = 17/210 - \ell/5` and :math:`V(\ell) = -27/100 - 79\ell/800`,
so :math:`W = -27/100` (war at no pressure), ``willing_up_to`` = 737/420 (the
sequential model's threshold above which Pakistan shelters); peace needs 29/60
under a calendar withdrawal and 1/12 under a conditions-based one, and
Pakistan applies exactly that.

Limits: Pakistan commits to its leverage before the others move and its
pressure is observed; the US policy is given (compare both with
:func:`pakistan_choices`); the selection of the deal where both outcomes are
equilibria is an assumption (the war is always an equilibrium too: a
pessimist's selection would give war at every leverage).

References
----------
von Stackelberg, H. (1934). *Marktform und Gleichgewicht*. Springer.
Harsanyi, J. C. and Selten, R. (1988). *A General Theory of Equilibrium
Selection in Games*. MIT Press.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..._validation import FrozenMapping, check_int, float_array
from ..._validation import fraction_text as _fmt
from ...exceptions import GameError
from ...result import ResultMixin
from .parameters import Parameters
from .payoffs import (
    CALENDAR,
    FIGHT,
    GOV,
    NEGOTIATE,
    OFFENSIVE,
    PAK,
    PRESS,
    SHARE,
    TAL,
    WITHDRAWALS,
    _payoff_tensor,
    _withdrawal_index,
)

__all__ = ["PakistanChoice", "pakistan_choice", "pakistan_choices", "pakistan_choice_arrays"]

#: The range of leverage Pakistan chooses from: the bounds of the parameter ``leverage``.
LEVERAGE_RANGE: tuple[Fraction, Fraction] = (Parameters.info()["leverage"].lower, Parameters.info()["leverage"].upper)

DEAL, WAR = "power-sharing agreement", "war"


def _lines(s: Mapping[str, Any], w: int) -> dict[str, tuple[Any, Any]]:
    """Intercept and slope in the leverage of the four payoffs Pakistan's problem needs.

    ``gov`` and ``tal``: the government's and the Taliban's margins of the deal
    over their deviation (share power -> fight, negotiate -> offensive);
    ``deal`` and ``war``: Pakistan's payoff at the deal and in the war now. All
    are read from the static tensor with Pakistan pressing, at leverage 0 and
    1 (every cell with Pakistan pressing is linear in the leverage). *s* holds
    Fractions (exact) or numpy arrays of one shape (vectorized).
    """
    zero = 0 * s["leverage"]
    u0 = _payoff_tensor({**s, "leverage": zero})
    u1 = _payoff_tensor({**s, "leverage": zero + 1})

    def line(i: int, a: tuple[int, int], b: tuple[int, int] | None = None) -> tuple[Any, Any]:
        def f(u: np.ndarray) -> Any:
            v = u[(i, *a, PRESS, w)]
            return v if b is None else v - u[(i, *b, PRESS, w)]

        c = f(u0)
        return c, f(u1) - c

    return {
        "gov": line(GOV, (SHARE, NEGOTIATE), (FIGHT, NEGOTIATE)),
        "tal": line(TAL, (SHARE, NEGOTIATE), (SHARE, OFFENSIVE)),
        "deal": line(PAK, (SHARE, NEGOTIATE)),
        "war": line(PAK, (FIGHT, OFFENSIVE)),
    }


@dataclass(frozen=True, eq=False)
class PakistanChoice(ResultMixin):
    """Pakistan's choice of leverage under one US withdrawal, exactly.

    Parameters
    ----------
    withdrawal, best_leverage, outcome, attained, needed, reaches : see Attributes
    willing_up_to, gap, payoff, deal_payoff, war_payoff, war_leverage : see Attributes
    deal_line, war_line, parameters : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    withdrawal : str
        ``"calendar"`` or ``"conditions"``.
    best_leverage : Fraction
        Pakistan's optimal leverage (ties: the deal, then the least leverage).
        When ``attained`` is False, the supremum it approaches from below.
    outcome : str
        ``"power-sharing agreement"`` or ``"war"``: what Pakistan's choice leads to.
    attained : bool
        False in the one case where Pakistan has no best leverage: its war
        payoff rises up to :math:`\\ell^*` and beats the deal there, so it
        presses as close to :math:`\\ell^*` as it can without reaching it.
    needed : Fraction or None
        The least leverage at which the deal is an equilibrium of the
        government-Taliban game (:math:`\\ell^*`); None: never up to 2.
    reaches : bool
        Whether Pakistan's choice reaches ``needed`` (the deal is played).
    willing_up_to : Fraction or None
        The greatest leverage at which Pakistan's deal payoff is still at least
        its best war payoff (capped at 2); None: not even at no pressure.
    gap : Fraction or None
        ``needed - willing_up_to`` (positive: peace needs more pressure than
        Pakistan wants to apply); None when either is None.
    payoff : Fraction
        Pakistan's payoff at its choice (its supremum when not attained).
    deal_payoff : Fraction or None
        Pakistan's payoff at the deal with leverage ``needed`` (the deal
        branch's best); None when the deal is never an equilibrium.
    war_payoff : Fraction
        Its best war payoff :math:`W` (the supremum over the war branch).
    war_leverage : Fraction
        Where the war branch's best lies: 0, ``needed`` (approached) or 2.
    deal_line, war_line : tuple of Fraction
        ``(intercept, slope)``: Pakistan's payoff at the deal and in the war
        now as lines in the leverage (the deal line is played only from ``needed``).
    parameters : Parameters
        The other parameters (``leverage`` is replaced by Pakistan's choice).

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.pakistan import pakistan_choice
    >>> c = pakistan_choice(withdrawal="calendar")
    >>> c.needed, c.best_leverage, c.outcome, c.willing_up_to, c.gap
    (Fraction(29, 60), Fraction(29, 60), 'power-sharing agreement', Fraction(737, 420), Fraction(-89, 70))
    """

    withdrawal: str
    best_leverage: Fraction
    outcome: str
    attained: bool
    needed: Fraction | None
    reaches: bool
    willing_up_to: Fraction | None
    gap: Fraction | None
    payoff: Fraction
    deal_payoff: Fraction | None
    war_payoff: Fraction
    war_leverage: Fraction
    deal_line: tuple[Fraction, Fraction]
    war_line: tuple[Fraction, Fraction]
    parameters: Parameters

    def curve(self, n: int = 201) -> dict[str, np.ndarray]:
        """Pakistan's payoff over a grid of leverages, for a figure.

        Parameters
        ----------
        n : int, default 201
            Number of grid points on ``[0, 2]`` (2 to 100000).

        Returns
        -------
        dict of str to numpy.ndarray
            ``"leverage"`` (the grid), ``"deal"`` and ``"war"`` (Pakistan's
            payoff on each branch's line, everywhere), ``"deal_holds"`` (the
            deal is an equilibrium of the government-Taliban game there) and
            ``"payoff"`` (what Pakistan gets: the deal where it holds, the war
            elsewhere).

        Raises
        ------
        GameError
            For *n* that is not an integer from 2 to 100000.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan.pakistan import pakistan_choice
        >>> cv = pakistan_choice().curve(5)
        >>> cv["leverage"].tolist(), cv["deal_holds"].tolist()
        ([0.0, 0.5, 1.0, 1.5, 2.0], [False, True, True, True, True])
        """
        n = check_int(n, "n", "PakistanChoice.curve", minimum=2, maximum=100_000)
        lo, hi = LEVERAGE_RANGE
        grid = np.linspace(float(lo), float(hi), n)
        deal = float(self.deal_line[0]) + float(self.deal_line[1]) * grid
        war = float(self.war_line[0]) + float(self.war_line[1]) * grid
        holds = np.zeros(n, dtype=bool) if self.needed is None else grid >= float(self.needed)
        return {"leverage": grid, "deal": deal, "war": war, "deal_holds": holds, "payoff": np.where(holds, deal, war)}

    def describe(self) -> str:
        """Pakistan's choice in words: 2 to 4 lines for the report.

        Returns
        -------
        str

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan.pakistan import pakistan_choice
        >>> print(pakistan_choice(withdrawal="conditions").describe())
        Pakistan's choice of leverage, conditions-based withdrawal: peace needs leverage 1/12 (0.083); Pakistan would press for the deal up to 737/420 (1.755).
        It presses at 1/12 (0.083) and power is shared (its payoff 9/140 = 0.064, against -27/100 = -0.270 at best in the war).
        Gap (needed - willing) = -117/70 (-1.671) <= 0: Pakistan is willing to press harder than peace needs.
        """
        head = f"Pakistan's choice of leverage, {self.withdrawal}-based withdrawal: "
        if self.needed is None:
            head += "no leverage up to 2 makes power sharing an equilibrium of the government-Taliban game"
        else:
            head += f"peace needs leverage {_num(self.needed)}"
        if self.willing_up_to is None:
            head += "; Pakistan prefers the war even to a deal at no pressure."
        else:
            head += f"; Pakistan would press for the deal up to {_num(self.willing_up_to)}."
        war = f"{_fmt(self.war_payoff)} = {float(self.war_payoff):.3f}"
        if self.outcome == DEAL:
            what = "presses" if self.best_leverage > 0 else "applies no pressure"
            at = f" at {_num(self.best_leverage)}" if self.best_leverage > 0 else ""
            assert self.deal_payoff is not None
            second = (
                f"It {what}{at} and power is shared (its payoff {_fmt(self.deal_payoff)} = "
                f"{float(self.deal_payoff):.3f}, against {war} at best in the war)."
            )
        elif not self.attained:
            second = (
                f"Its war payoff rises with leverage and beats the deal at {_num(self.best_leverage)}: it presses "
                f"just short of it, so there is no best leverage, and the war goes on (payoff approaching {war})."
            )
        else:
            what = "shelters the Taliban (leverage 0)" if self.best_leverage == 0 else f"presses at {_num(self.best_leverage)}"
            deal = "" if self.deal_payoff is None else f", against {_fmt(self.deal_payoff)} for the deal"
            second = f"It {what} and the war goes on (its payoff {war}{deal})."
        lines = [head, second]
        if self.gap is not None:
            if self.gap > 0:
                lines.append(
                    f"Gap (needed - willing) = {_num(self.gap)} > 0: peace needs more pressure than Pakistan wants "
                    "to apply (the op-ed's central tension)."
                )
            else:
                lines.append(
                    f"Gap (needed - willing) = {_num(self.gap)} <= 0: Pakistan is willing to press harder than "
                    "peace needs."
                )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (numbers as floats, with exact strings alongside; None stays None).

        Returns
        -------
        dict
            The fields, ready for :func:`json.dumps`.

        Examples
        --------
        >>> import json
        >>> from gametheory_af.scenarios.afghanistan.pakistan import pakistan_choice
        >>> d = pakistan_choice().to_dict()
        >>> d["needed"], d["needed_exact"], d["reaches"], len(json.dumps(d)) > 0
        (0.48333333333333334, '29/60', True, True)
        """
        out: dict[str, Any] = {"withdrawal": self.withdrawal, "outcome": self.outcome, "attained": self.attained}
        out["reaches"] = self.reaches
        for name in ("best_leverage", "needed", "willing_up_to", "gap", "payoff", "deal_payoff", "war_payoff", "war_leverage"):
            v = getattr(self, name)
            out[name] = None if v is None else float(v)
            out[f"{name}_exact"] = None if v is None else _fmt(v)
        for name in ("deal_line", "war_line"):
            a, b = getattr(self, name)
            out[name] = {"intercept": float(a), "slope": float(b), "exact": [_fmt(a), _fmt(b)]}
        out["parameters"] = {k: _fmt(v) for k, v in self.parameters.as_dict().items() if k != "leverage"}
        return out


def _num(x: Fraction) -> str:
    return f"{_fmt(x)} ({float(x):.3f})"


def _params(params: Parameters | None, caller: str) -> Parameters:
    params = Parameters() if params is None else params
    if not isinstance(params, Parameters):
        raise TypeError(f"{caller}: params must be Parameters or None; got {type(params).__name__}.")
    return params


def pakistan_choice(params: Parameters | None = None, withdrawal: str = "calendar") -> PakistanChoice:
    """Pakistan's best leverage, the leverage peace needs, and the gap between them, exactly.

    Pakistan chooses its leverage in ``[0, 2]`` first; the government and the
    Taliban then reach the deal where it is an equilibrium of their 2x2 game,
    and fight the war now otherwise (the module docstring gives the model, the
    selection and the tie rule).

    Parameters
    ----------
    params : Parameters, optional
        The scenario (default :class:`Parameters`); its ``leverage`` is ignored
        (it is Pakistan's choice here).
    withdrawal : {"calendar", "conditions"}, default "calendar"
        The US withdrawal, given.

    Returns
    -------
    PakistanChoice

    Raises
    ------
    TypeError
        For *params* that is not a :class:`Parameters`.
    GameError
        For an unknown *withdrawal*.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan import Parameters
    >>> from gametheory_af.scenarios.afghanistan.pakistan import pakistan_choice
    >>> c = pakistan_choice(Parameters(pressing_cost="1/2", refugee_cost=0))
    >>> c.outcome, c.best_leverage, c.needed, c.gap > 0
    ('war', Fraction(0, 1), Fraction(29, 60), True)
    """
    caller = "pakistan_choice"
    p = _params(params, caller)
    w = _withdrawal_index(withdrawal, caller)
    lines = _lines(p.as_dict(), w)
    return _choose(lines, p, WITHDRAWALS[0] if w == CALENDAR else WITHDRAWALS[1])


def _choose(lines: Mapping[str, tuple[Any, Any]], p: Parameters, withdrawal: str) -> PakistanChoice:
    """The exact decision from the four lines (the logic :func:`pakistan_choice_arrays` vectorizes)."""
    lo, hi = LEVERAGE_RANGE
    (g0, g1), (t0, t1) = lines["gov"], lines["tal"]
    d0, d1 = lines["deal"]
    v0, v1 = lines["war"]
    # Both margins rise strictly in the leverage (slopes 1 - beta and beta): the deal set is [l*, 2] or empty.
    start = max(lo, -g0 / g1, -t0 / t1)
    needed = start if start <= hi else None
    end = hi if needed is None else needed
    war_at = end if v1 > 0 else lo
    best_war = v0 + v1 * war_at
    deal_best = None if needed is None else d0 + d1 * needed
    if needed is not None and (needed == lo or deal_best >= best_war):
        outcome, best, attained, payoff = DEAL, needed, True, deal_best
    else:
        outcome, best, payoff = WAR, war_at, best_war
        attained = not (needed is not None and war_at == needed)
    if d0 < best_war:
        willing = None
    elif d1 == 0:
        willing = hi
    else:
        willing = min(hi, (d0 - best_war) / -d1)
    gap = None if needed is None or willing is None else needed - willing
    assert payoff is not None
    return PakistanChoice(
        withdrawal=withdrawal,
        best_leverage=best,
        outcome=outcome,
        attained=attained,
        needed=needed,
        reaches=outcome == DEAL,
        willing_up_to=willing,
        gap=gap,
        payoff=payoff,
        deal_payoff=deal_best,
        war_payoff=best_war,
        war_leverage=war_at,
        deal_line=(d0, d1),
        war_line=(v0, v1),
        parameters=p,
    )


def pakistan_choices(params: Parameters | None = None) -> Mapping[str, PakistanChoice]:
    """:func:`~gametheory_af.scenarios.afghanistan.pakistan_choice` under both US withdrawals.

    Parameters
    ----------
    params : Parameters, optional
        The scenario (default :class:`Parameters`).

    Returns
    -------
    mapping of str to PakistanChoice
        Keys ``"calendar"`` and ``"conditions"`` (read-only).

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.pakistan import pakistan_choices
    >>> {w: str(c.needed) for w, c in pakistan_choices().items()}
    {'calendar': '29/60', 'conditions': '1/12'}
    """
    p = _params(params, "pakistan_choices")
    return FrozenMapping({w: pakistan_choice(p, w) for w in WITHDRAWALS})


def pakistan_choice_arrays(values: Mapping[str, Any], withdrawal: str = "calendar") -> dict[str, np.ndarray]:
    """:func:`~gametheory_af.scenarios.afghanistan.pakistan_choice` over a sample of the parameter box, vectorized with numpy (floats).

    The same decision as the exact route, in float64 with :func:`numpy.where`:
    no per-point Python loop. Ties the exact route breaks (Pakistan's deal
    payoff at :math:`\\ell^*` equal to its best war payoff; :math:`\\ell^* = 0`)
    are recognised within 1e-12 of the payoffs' scale and broken the same way.

    Parameters
    ----------
    values : mapping of str to array_like
        Parameter name -> values (arrays broadcast together; a missing
        parameter takes its default). ``leverage`` is ignored: it is
        Pakistan's choice. Values are used as given (the documented box is
        where the model's statements hold).
    withdrawal : {"calendar", "conditions"}, default "calendar"

    Returns
    -------
    dict of str to numpy.ndarray
        Arrays of the broadcast shape: ``"best_leverage"``, ``"needed"``
        (``inf``: never up to 2), ``"reaches"`` (bool), ``"willing_up_to"``
        (``-inf``: not even at no pressure), ``"gap"`` (``inf`` when either is
        missing), ``"payoff"`` (Pakistan's, at its choice) and ``"attained"`` (bool).

    Raises
    ------
    TypeError
        For *values* that is not a mapping.
    GameError
        For an unknown parameter name, values that are not finite numbers,
        shapes that do not broadcast, or an unknown *withdrawal*.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_af.scenarios.afghanistan.pakistan import pakistan_choice_arrays
    >>> out = pakistan_choice_arrays({"pressing_cost": np.array([0.1, 0.5]), "refugee_cost": 0.0})
    >>> out["needed"].round(4).tolist(), out["reaches"].tolist(), out["best_leverage"].round(4).tolist()
    ([0.4833, 0.4833], [True, False], [0.4833, 0.0])
    """
    caller = "pakistan_choice_arrays"
    if not isinstance(values, Mapping):
        raise TypeError(f"{caller}: values must be a mapping of parameter names to arrays; got {type(values).__name__}.")
    w = _withdrawal_index(withdrawal, caller)
    Parameters._check_names(values, caller)
    arrays: dict[str, np.ndarray] = {}
    for name, default in Parameters().as_dict().items():
        arr = float_array(values[name], name, caller) if name in values else np.array(float(default))
        if not np.all(np.isfinite(arr)):
            raise GameError(f"{caller}: {name} must be finite; got {float(arr[~np.isfinite(arr)].ravel()[0])!r}.")
        arrays[name] = arr
    try:
        shaped = np.broadcast_arrays(*arrays.values())
    except ValueError as err:
        shapes = {k: v.shape for k, v in arrays.items() if v.shape}
        raise GameError(f"{caller}: the value arrays must broadcast together; got shapes {shapes}.") from err
    s = {k: np.array(v, dtype=np.float64) for k, v in zip(arrays, shaped)}
    lines = _lines(s, w)
    return _choose_arrays(lines)


def _choose_arrays(lines: Mapping[str, tuple[np.ndarray, np.ndarray]]) -> dict[str, np.ndarray]:
    lo, hi = (float(x) for x in LEVERAGE_RANGE)
    (g0, g1), (t0, t1) = lines["gov"], lines["tal"]
    d0, d1 = lines["deal"]
    v0, v1 = lines["war"]
    # Float64 cannot see the exact route's ties (D(l*) = W, l* = 0): within 1e-12 of the payoffs' (or the
    # leverage range's) scale they go as the exact route's tie rule says, to the deal and the least leverage.
    tie = 1e-12 * (1.0 + np.abs(d0) + np.abs(d1) * hi + np.abs(v0) + np.abs(v1) * hi)
    start = np.maximum(lo, np.maximum(-g0 / g1, -t0 / t1))
    start = np.where(start <= lo + 1e-12 * (hi - lo), lo, start)
    never = start > hi
    needed = np.where(never, np.inf, start)
    end = np.where(never, hi, start)
    war_at = np.where(v1 > 0, end, lo)
    best_war = v0 + v1 * war_at
    deal_best = d0 + d1 * end
    deal = ~never & ((start == lo) | (deal_best >= best_war - tie))
    best = np.where(deal, end, war_at)
    attained = deal | never | (war_at != end)
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = np.where(d1 == 0, hi, (d0 - best_war) / -d1)
    willing = np.where(d0 < best_war - tie, -np.inf, np.clip(raw, lo, hi))
    gap = np.where(never | np.isneginf(willing), np.inf, needed - willing)
    return {
        "best_leverage": best,
        "needed": needed,
        "reaches": deal,
        "willing_up_to": willing,
        "gap": gap,
        "payoff": np.where(deal, deal_best, best_war),
        "attained": attained,
    }
