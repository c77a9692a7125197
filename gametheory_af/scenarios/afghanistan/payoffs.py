"""The payoffs of the Afghan scenario: the four-player parametric game.

``_payoff_tensor`` writes every payoff from the structural primitives of
:mod:`gametheory_af.scenarios.afghanistan` (its docstring derives them);
``_agreement`` is the one closed form of the power-sharing split, checked
against :func:`gametheory_af.bargaining.nash_solution` by the tests.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy as sp

from ...exceptions import GameError
from ...parametric import ParametricGame
from .parameters import Parameters

# PLAYERS, STRATEGIES and WITHDRAWALS are public through the package (gametheory_af.scenarios.afghanistan),
# whose __all__ lists them: listed here too, the API reference would show them twice.
__all__ = ["parametric_game"]

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

def _withdrawal_index(withdrawal: str, caller: str) -> int:
    key = str(withdrawal).lower().replace("_", "-")
    if key in ("calendar", "calendar-based"):
        return CALENDAR
    if key in ("conditions", "conditions-based"):
        return CONDITIONS
    raise GameError(f"{caller}: withdrawal must be 'calendar' or 'conditions'; got {withdrawal!r}.")


def _symbols() -> dict[str, sp.Symbol]:
    return {k: sp.Symbol(k, real=True) for k in Parameters.names()}


def _agreement(d_g: Any, d_t: Any, value: Any, r_g: Any, r_t: Any) -> tuple[Any, Any]:
    """The power-sharing split ``(x_G, x_T)``: the one closed form of the scenario's bargaining.

    The asymmetric Nash solution with weights ``1 / r`` (the continuous-time
    limit of Rubinstein bargaining) over an agreement worth *value* to the two
    sides, with the war now ``(d_G, d_T)`` as disagreement point and
    transferable utility: the Taliban gets ``d_T + beta S`` and the government
    ``d_G + (1 - beta) S``, with ``S = value - d_G - d_T`` and
    ``beta = r_G / (r_G + r_T)``. Works on numbers (exact with Fractions) and
    on sympy expressions alike. ``tests/scenarios/test_afghanistan.py`` checks
    it against :func:`gametheory_af.bargaining.nash_solution` over the
    parameter box.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory_af.scenarios.afghanistan.payoffs import _agreement
    >>> _agreement(Fraction(1, 2), Fraction(1, 4), 1, Fraction(1), Fraction(1))
    (Fraction(5, 8), Fraction(3, 8))
    """
    beta = r_g / (r_g + r_t)
    surplus = value - d_g - d_t
    x_t = d_t + beta * surplus
    x_g = d_g + (1 - beta) * surplus
    return x_g, x_t


def _cap(x: Any) -> Any:
    """``min(1, x)`` on numbers (exact with Fractions), sympy expressions and numpy arrays alike."""
    if isinstance(x, sp.Basic):
        return sp.Min(1, x)
    if isinstance(x, np.ndarray):
        return np.minimum(1, x)
    return x if x < 1 else 1


class _Components:
    """The payoff components of the scenario, shared by the static game and the sequential tree.

    *s* maps every parameter name to a sympy symbol, a number (Fractions stay
    exact) or a numpy array of values (one per point of a sample: every
    component is then an array).
    """

    def __init__(self, s: Mapping[str, Any]) -> None:
        self.s = s
        self.stakes = 1 - s["decentralisation"]
        self.prov = s["decentralisation"] / 2
        self.value = 1 + s["china_inducement_taliban"] + s["aid_value"] * s["airport_security"]

    def war(self, q: Any, ell: Any, cond: bool) -> list[Any]:
        """Payoffs (government, Taliban, Pakistan, US) of a war the Taliban win with probability *q*."""
        s = self.s
        return [
            (1 - q) * self.stakes + self.prov - s["government_war_cost"],
            q * self.stakes + self.prov - s["taliban_war_cost"] - ell,
            -s["refugee_cost"] + q * (s["pakistan_influence"] - s["isolation_cost"]) - s["pressing_cost"] * ell,
            -s["us_taliban_rule_cost"] * q - (s["conditions_credibility"] * s["us_staying_cost"] if cond else 0),
        ]

    def war_now(self, ell: Any, cond: bool) -> list[Any]:
        """The war fought now, before the withdrawal, with Pakistan pressing at *ell*."""
        return self.war(self.s["taliban_win_before"] - self.s["sanctuary_effect"] * ell, ell, cond)

    def war_after(self, ell: Any, cond: bool) -> list[Any]:
        """The Taliban's offensive against a government sharing power: after the US exit (calendar) or
        with the withdrawal halted with probability ``conditions_credibility`` (conditions)."""
        s = self.s
        pb, pa, kappa = s["taliban_win_before"], s["taliban_win_after"], s["conditions_credibility"]
        shift = (1 - kappa) if cond else 1
        return self.war(pb + shift * (pa - pb) - s["sanctuary_effect"] * ell + s["taliban_surprise"], ell, cond)

    def deal(self, ell: Any, cond: bool) -> list[Any]:
        """The power-sharing agreement with Pakistan pressing at *ell* (it holds)."""
        s = self.s
        d_g, d_t, _, _ = self.war_now(ell, cond)
        x_g, x_t = _agreement(d_g, d_t, self.value, s["government_discount_rate"], s["taliban_discount_rate"])
        share = (x_t - self.prov) / (self.value - s["decentralisation"])
        us = -s["us_verification_cost"] if cond else 0 * ell
        return [x_g, x_t, s["pakistan_influence"] * share + s["china_inducement_pakistan"] - s["pressing_cost"] * ell, us]

    def unguaranteed_deal(self, cond: bool) -> list[Any]:
        """The agreement while Pakistan keeps sheltering: it collapses into the war now with probability
        ``guarantee_failure * min(1, leverage / guarantee_leverage)`` (the sway Pakistan withholds)."""
        s = self.s
        zero = 0 * s["leverage"]
        fail = s["guarantee_failure"] * _cap(s["leverage"] / s["guarantee_leverage"])
        ok, broken = self.deal(zero, cond), self.war(s["taliban_win_before"], zero, cond)
        return [(1 - fail) * a + fail * b for a, b in zip(ok, broken)]


def _payoff_tensor(s: Mapping[str, Any]) -> np.ndarray:
    """Payoffs of all four players at all 16 profiles.

    *s* maps every parameter name to a sympy symbol (giving the expressions of
    :func:`parametric_game`), to a number (Fractions give the exact payoffs
    at a point, with no symbolic work) or to a numpy array (each entry of the
    object tensor is then an array over the sample).
    """
    c = _Components(s)
    e, ag = s["sanctuary_effect"], s["government_surprise"]
    pb = s["taliban_win_before"]
    u = np.empty((4, 2, 2, 2, 2), dtype=object)
    for w in (CONDITIONS, CALENDAR):
        cond = w == CONDITIONS
        for pk in (PRESS, SHELTER):
            ell = s["leverage"] if pk == PRESS else 0 * s["leverage"]
            cells = {
                (FIGHT, OFFENSIVE): c.war_now(ell, cond),
                (FIGHT, NEGOTIATE): c.war(pb - e * ell - ag, ell, cond),
                (SHARE, OFFENSIVE): c.war_after(ell, cond),
                (SHARE, NEGOTIATE): c.deal(ell, cond) if pk == PRESS else c.unguaranteed_deal(cond),
            }
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
    ((2, 2, 2, 2), 25)
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
        out[("gov-tal", w)] = g.fix_strategies({PAK: PRESS, USA: w})
    return out
