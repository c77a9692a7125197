r"""A sequential version of the Afghan scenario, on a game tree (issue 13, item 4).

The static model (:mod:`gametheory_af.scenarios.afghanistan`) folds the
timing of the op-ed's story into its payoffs. Here the order of moves is the
tree itself, with perfect information:

1. the **United States** announces its withdrawal, ``calendar`` or
   ``conditions``;
2. **Pakistan**, seeing it, chooses ``press`` (deny the Taliban
   sanctuary at intensity ``leverage``) or ``shelter``;
3. the **Afghan government** chooses ``share power`` (an offer) or ``fight`` (war now);
4. the **Taliban** ``accept`` or ``reject`` a power-sharing offer;
5. once the deal is signed and the United States has left, the **Taliban**
   ``keep`` the deal or ``attack`` (renege). This last node is Powell's (2006)
   commitment problem in the tree: nothing binds a Taliban that will be
   stronger after the Americans are gone.

Every payoff is built from the flagship's own parameters
(:class:`~gametheory_af.scenarios.afghanistan.Parameters`, same names, bounds,
sources) and its own payoff components, so no new number enters:

=====================================  ==============================================================
leaf                                   payoffs (the static cell it reuses; the op-ed claim)
=====================================  ==============================================================
government ``fight``                   war now, Taliban win chance :math:`p_b - e\ell` (static cell
                                       fight/offensive): the Pentagon's "the Afghan forces have the
                                       advantages" before the withdrawal.
Taliban ``reject``                     the same war now: refusing the offer means fighting today.
Taliban ``attack`` (renege)            war after the withdrawal, :math:`p_b + s_w(p_a-p_b) - e\ell +
                                       a_T` with :math:`s_w = 1` under a calendar and
                                       :math:`1-\kappa` under conditions (static cell
                                       share/offensive): the "emboldened Taliban" once the US leaves,
                                       and a conditions-based withdrawal that "minimizes violent
                                       attacks" because violence may halt it.
Taliban ``keep``                       the power-sharing split (static cell share/negotiate, via the
                                       same ``_agreement``): Rubinstein/Nash split of
                                       the surplus :math:`c_G+c_T+\ell+i_T+As` (China's inducement and
                                       aid while the airport is secure); under ``shelter`` the deal
                                       fails with probability ``guarantee_failure`` times
                                       ``min(1, leverage / guarantee_leverage)`` (expected payoffs):
                                       Pakistan has "the greatest ability to ensure" the deal.
=====================================  ==============================================================

Pakistan's and the United States' payoffs at every leaf are those of the
same static cell (refugees, isolation, influence, pressing cost, China's
inducement; the US cost of Taliban rule and of staying). :math:`\ell` is
``leverage`` on the ``press`` branch and 0 on the ``shelter`` branch.

Left out, on purpose: the government's surprise attack on a negotiating
Taliban (``government_surprise`` does not enter: the government moves before
the Taliban here, so its option to fight is the war now); the Taliban's
``offensive`` before any offer is the ``reject`` leaf. Ties are broken
towards the first action listed (the op-ed's recommendation), as
:func:`gametheory_af.sensitivity.spe_thresholds` does.

Consequences (the tests check each): since :math:`p_a > p_b`, the Taliban
never prefer ``reject`` to an ``attack`` after the withdrawal, so the deal
survives exactly when the Taliban ``keep`` it, i.e. when the static model's
Taliban condition :math:`\beta S \ge (s_w(p_a-p_b)+a_T)(1-\delta)` holds;
the subgame-perfect leverage threshold under a calendar withdrawal is the
static Taliban threshold (29/60 at the defaults), but whether the deal is
*played* also needs Pakistan to find pressing worth it in the tree, which
the static narrow threshold does not ask.

At the defaults (:func:`sequential_thresholds`), the subgame-perfect
outcome changes at three exact leverages: below 1/12 Pakistan shelters, the
Taliban would renege under either withdrawal and the government fights at
once (war now, the US leaving on a calendar); from 1/12 to 29/60 the deal
holds only under a conditions-based withdrawal, so the US chooses it and
Pakistan presses; from 29/60 the deal holds under a calendar too and the US,
which pays ``us_verification_cost`` to stay under conditions, leaves on a
calendar; above 737/420 pressing costs Pakistan more than the deal gives it, it
shelters and the war comes back (the static model's "too much leverage"
region, now as Pakistan's own choice). At the default leverage 1/4 with a
calendar withdrawal the Taliban renege after the US exit.

References
----------
Powell, R. (2006). War as a commitment problem. *International Organization*
60(1), 169-203.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp

from ..._validation import FrozenMapping, fraction_text
from ...exceptions import GameError
from ...result import ResultMixin
from ...sensitivity.trees import TreeThresholdResult, spe_thresholds
from ...trees import Decision, ParametricTree
from .models import model
from .parameters import Parameters
from .payoffs import _Components, _symbols

__all__ = ["SEQUENTIAL_PLAYERS", "SequentialThresholds", "sequential_model", "sequential_thresholds"]

#: Players of the tree, in payoff order (the static model's order).
SEQUENTIAL_PLAYERS: tuple[str, ...] = ("Afghan government", "Taliban", "Pakistan", "United States")


def _leaves(s: Mapping[str, Any], cond: bool, press: bool) -> dict[str, list[Any]]:
    """The payoffs (government, Taliban, Pakistan, US) of the leaves below one (US, Pakistan) pair.

    The same components as :func:`.payoffs._payoff_tensor`: works on sympy
    symbols (the tree's expressions) and on Fractions (a direct check).
    """
    c = _Components(s)
    ell = s["leverage"] if press else 0
    now = c.war_now(ell, cond)
    deal = c.deal(ell, cond) if press else c.unguaranteed_deal(cond)
    after = c.war_after(ell, cond)
    return {"fight": now, "reject": now, "attack": after, "keep": deal}


def _subtree(s: Mapping[str, Any], cond: bool, press: bool) -> Decision:
    leaf = {
        k: tuple(sp.cancel(v) if isinstance(v, sp.Basic) else sp.Integer(v) for v in row)
        for k, row in _leaves(s, cond, press).items()
    }
    renege = Decision("Taliban", {"keep": leaf["keep"], "attack": leaf["attack"]})
    offer = Decision("Taliban", {"accept": renege, "reject": leaf["reject"]})
    return Decision("Afghan government", {"share power": offer, "fight": leaf["fight"]})


def _params(params: Parameters | None, overrides: dict[str, Any], caller: str) -> Parameters:
    params = Parameters() if params is None else params
    if not isinstance(params, Parameters):
        raise TypeError(f"{caller}: params must be Parameters; got {type(params).__name__}.")
    return params.replace(**overrides) if overrides else params


def sequential_model(params: Parameters | None = None, **overrides: Any) -> ParametricTree:
    """The sequential Afghan game as a :class:`~gametheory_af.ParametricTree`.

    Parameters
    ----------
    params : Parameters, optional
        The flagship's parameters (default :class:`Parameters`); they become
        the tree's declared parameters, with their defaults, bounds and claims.
    **overrides
        Parameter values changed from *params* (validated by
        :meth:`Parameters.replace`).

    Returns
    -------
    ParametricTree
        Players :data:`SEQUENTIAL_PLAYERS`; the root is the United States
        (``calendar``, ``conditions``), then Pakistan (``press``,
        ``shelter``), the government (``share power``, ``fight``), the
        Taliban (``accept``, ``reject``) and, after the US exit, the Taliban
        again (``keep``, ``attack``). ``.at()`` gives the exact
        :class:`~gametheory_af.ExtensiveFormGame` at the parameters' values.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.scenarios.afghanistan.sequential import sequential_model
    >>> tree = sequential_model()
    >>> tree.players
    ('Afghan government', 'Taliban', 'Pakistan', 'United States')
    >>> game = tree.at()                         # exact payoffs at the defaults
    >>> spe = gt.subgame_perfect(game)
    >>> spe.complete, len(spe)
    (True, 1)
    >>> spe.describe()[0].split("; ")[:2]     # the US leaves on conditions; after a calendar Pakistan would shelter
    ['United States: conditions', 'Pakistan after calendar: shelter']
    >>> spe[0].payoffs.round(4).tolist()       # the deal: government, Taliban, Pakistan, US
    [0.7562, 0.2938, 0.031, 0.0]
    """
    p = _params(params, overrides, "sequential_model")
    sym = _symbols()
    root = Decision(
        "United States",
        {
            w: Decision("Pakistan", {a: _subtree(sym, w == "conditions", a == "press") for a in ("press", "shelter")})
            for w in ("calendar", "conditions")
        },
    )
    return ParametricTree(
        root,
        parameters=p.to_parameters(),
        players=SEQUENTIAL_PLAYERS,
        title="Afghan peace negotiations, sequential (US, Pakistan, government, Taliban)",
    )


@dataclass(frozen=True, eq=False)
class SequentialThresholds(ResultMixin):
    """The exact subgame-perfect thresholds of one parameter, beside the static model's.

    Parameters
    ----------
    parameter, tree, static : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    parameter : str
        The parameter varied (the others at their values in *params*).
    tree : TreeThresholdResult
        The full answer of :func:`~gametheory_af.sensitivity.spe_thresholds`
        on :func:`~gametheory_af.scenarios.afghanistan.sequential_model`: every value where a choice changes
        (:attr:`TreeThresholdResult.outcome_thresholds` where the played
        outcome changes), with the equilibrium of each interval.
    static : mapping
        For ``parameter == "leverage"``: the static model's least leverage at
        which power sharing (government and Taliban, Pakistan pressing) is an
        equilibrium, by withdrawal (``"calendar"``, ``"conditions"``); the
        value ``None`` means never on the bounds. Empty for other parameters.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.sequential import sequential_thresholds
    >>> res = sequential_thresholds()
    >>> print(res.describe().splitlines()[-2])
    Static model, calendar-based withdrawal: power sharing from leverage = 29/60
    """

    parameter: str
    tree: TreeThresholdResult
    static: Mapping[str, Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "static", FrozenMapping(self.static))

    @property
    def thresholds(self) -> tuple[Any, ...]:
        """The exact values where the subgame-perfect equilibrium changes."""
        return self.tree.thresholds

    def describe(self) -> str:
        """The thresholds in words: the tree's intervals, then the static model's thresholds.

        Returns
        -------
        str
        """
        lines = [f"Sequential game (subgame perfect), {self.parameter}:", self.tree.describe()]
        for w, v in self.static.items():
            txt = "never on the bounds" if v is None else fraction_text(v) if isinstance(v, Fraction) else str(v)
            lines.append(f"Static model, {w}-based withdrawal: power sharing from {self.parameter} = {txt}")
        return "\n".join(lines)


def sequential_thresholds(params: Parameters | None = None, parameter: str = "leverage") -> SequentialThresholds:
    """Exact subgame-perfect thresholds of *parameter* in :func:`~gametheory_af.scenarios.afghanistan.sequential_model`, beside the static ones.

    Parameters
    ----------
    params : Parameters, optional
        Values of the other parameters (default :class:`Parameters`).
    parameter : str, default "leverage"
        A field of :class:`Parameters`, scanned over its bounds.

    Returns
    -------
    SequentialThresholds

    Raises
    ------
    GameError
        For an unknown parameter name.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.sequential import sequential_thresholds
    >>> res = sequential_thresholds()
    >>> res.thresholds
    (1/12, 29/60, 737/420)
    >>> res.static["calendar"], res.static["conditions"]
    (Fraction(29, 60), Fraction(1, 12))
    """
    p = _params(params, {}, "sequential_thresholds")
    if parameter not in Parameters.names():
        raise GameError(
            f"sequential_thresholds: unknown parameter {parameter!r}; expected one of {Parameters.names()}."
        )
    values = p.as_dict()
    fixed = {k: v for k, v in values.items() if k != parameter}
    tree = spe_thresholds(sequential_model(p), parameter, at=fixed)
    static: dict[str, Any] = {}
    if parameter == "leverage":
        m = model(**values)
        for w in ("calendar", "conditions"):
            v = m.leverage_threshold(w, symbolic=False).value
            static[w] = None if v is None else Fraction(str(v))
    return SequentialThresholds(parameter=parameter, tree=tree, static=static)
