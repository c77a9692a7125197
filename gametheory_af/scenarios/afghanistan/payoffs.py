"""The payoffs of the Afghan scenario: the four-player parametric game.

:func:`_payoff_tensor` writes every payoff from the structural primitives of
:mod:`gametheory_af.scenarios.afghanistan` (its docstring derives them);
:func:`_agreement` is the one closed form of the power-sharing split, checked
against :func:`gametheory_af.bargaining.nash_solution` by the tests.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import numpy as np
import sympy as sp

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
        x_g, x_t = _agreement(d_g, d_t, value, r_g, r_t)
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
        out[("pak", w)] = g.fix_strategies({GOV: SHARE, TAL: NEGOTIATE, USA: w})
    return out
