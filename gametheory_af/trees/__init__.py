"""Game trees: extensive-form games, their conversions, Bayesian games and parametric trees.

The solvers for trees live with the other solvers
(:func:`~gametheory_af.subgame_perfect`, :func:`~gametheory_af.sequence_form_lp`,
:func:`~gametheory_af.sequence_form_lcp`, :func:`~gametheory_af.pure_agent_equilibria`,
:func:`~gametheory_af.agent_logit_qre`, :func:`~gametheory_af.bayes_nash`), and
the thresholds of parametric trees with the sensitivity tools
(:func:`~gametheory_af.sensitivity.spe_thresholds`).

Examples
--------
>>> import gametheory_af as gt
>>> g = gt.catalog.entry_deterrence()
>>> g.players
('Entrant', 'Incumbent')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .bayesian import BayesianGame, posterior, signaling_game
from .convert import behavior_result, behavior_to_mixed, mixed_to_behavior, strategy_plans, to_agent_form, to_normal_form
from .efg import read_efg, to_efg
from .game import CHANCE as CHANCE
from .game import TERMINAL as TERMINAL
from .game import Chance, Decision, ExtensiveFormGame, InformationSet, Node, Terminal
from .sequence import SequenceForm, behavior_from_realization, realization_plan, sequence_form
from .result import BehaviorEquilibrium, TreeEquilibriumResult, make_behavior_equilibrium
from .subgames import proper_subgames, replace_subgames, subgame

if TYPE_CHECKING:
    from .parametric import ParametricTree


def __getattr__(name: str) -> Any:
    """Import ``ParametricTree`` on first use (PEP 562): its module imports sympy."""
    if name == "ParametricTree":
        from .parametric import ParametricTree

        globals()[name] = ParametricTree
        return ParametricTree
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The module's names, ``ParametricTree`` included before its first use."""
    return sorted(set(globals()) | {"ParametricTree"})


__all__ = [
    "ExtensiveFormGame",
    "Decision",
    "Chance",
    "Terminal",
    "Node",
    "InformationSet",
    "read_efg",
    "to_efg",
    "to_normal_form",
    "to_agent_form",
    "strategy_plans",
    "mixed_to_behavior",
    "behavior_to_mixed",
    "behavior_result",
    "BehaviorEquilibrium",
    "TreeEquilibriumResult",
    "make_behavior_equilibrium",
    "SequenceForm",
    "sequence_form",
    "realization_plan",
    "behavior_from_realization",
    "proper_subgames",
    "subgame",
    "replace_subgames",
    "BayesianGame",
    "posterior",
    "signaling_game",
    "ParametricTree",
]
