"""gametheory_af: game-theoretic modelling of multi-party negotiations.

Games as payoff tensors for any number of players, certified equilibrium
solvers, bargaining and coalition models, and sensitivity analysis of
equilibria in payoff parameters, with the Afghan peace negotiations as the
flagship scenario.

Examples
--------
>>> import gametheory_af as gt
>>> g = gt.catalog.prisoners_dilemma()
>>> gt.pure_nash(g).describe()
['Row: Defect; Column: Defect']

Only the core (games, profiles, results, errors and limits) is imported with the
package; every other public name is imported on first use (PEP 562), so
``import gametheory_af`` loads neither sympy nor ``scipy.optimize``.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Silent by default: the solvers log diagnostics to "gametheory_af.<module>" loggers, shown once the application configures logging.
logging.getLogger(__name__).addHandler(logging.NullHandler())

# Games, profiles and results: the core every other module builds on, imported eagerly.
from . import profiles
from ._limits import Limits, get_limits, limits, set_limits
from .exceptions import ConvergenceWarning, DegenerateGameWarning, GameError, GameWarning
from .game import NormalFormGame
from .profiles import best_responses, expected_payoffs, is_nash, max_regret, regrets
from .result import Equilibrium, EquilibriumResult

#: Every other public name: the module (relative to this package) it is imported from on
#: first use, or None for a subpackage or module exported under its own name.  Solvers,
#: trees, bargaining and sensitivity analysis import scipy.optimize or sympy, which cost
#: several times ``import numpy``; a user who only builds and solves games never pays it.
_LAZY: dict[str, str | None] = {
    # Catalog, readers and parametric games and trees.
    "catalog": None,
    "generators": None,
    "read_nfg": "io",
    "Parameter": "parametric",
    "ParametricGame": "parametric",
    "trees": None,
    "BayesianGame": "trees",
    "ExtensiveFormGame": "trees",
    "ParametricTree": "trees",
    "read_efg": "trees",
    "signaling_game": "trees",
    "BehaviorEquilibrium": "trees.result",
    "TreeEquilibriumResult": "trees.result",
    # Equilibrium solvers (one module per algorithm) and the dispatcher.
    "DominanceResult": "solvers",
    "eliminate_dominated": "solvers",
    "pure_nash": "solvers",
    "pure_nash_batch": "solvers",
    "nash_equilibria": "solvers.dispatch",
    "global_newton": "solvers.global_newton",
    "iter_lemke_howson": "solvers.lemke_howson",
    "lemke_howson": "solvers.lemke_howson",
    "polynomial_enumeration": "solvers.polynomial",
    "LogitQREResult": "solvers.qre",
    "logit_qre": "solvers.qre",
    "logit_qre_at": "solvers.qre",
    "logit_select": "solvers.qre",
    "qre_at": "solvers.qre",
    "simpdiv": "solvers.simpdiv",
    "support_enumeration": "solvers.support",
    "vertex_enumeration": "solvers.vertex",
    "ZeroSumResult": "solvers.zero_sum",
    "zero_sum": "solvers.zero_sum",
    # Game trees and Bayesian games: backward induction and subgame decomposition, agent-form
    # solvers, Bayesian Nash and perfect Bayesian equilibria.
    "AgentEquilibriumResult": "solvers.agent",
    "pure_agent_equilibria": "solvers.agent",
    "AgentQREResult": "solvers.agent_qre",
    "agent_logit_qre": "solvers.agent_qre",
    "backward_induction_batch": "solvers.backward_induction",
    "subgame_perfect": "solvers.backward_induction",
    "BayesNashResult": "solvers.bayesian",
    "PBECheck": "solvers.bayesian",
    "bayes_nash": "solvers.bayesian",
    "is_perfect_bayesian": "solvers.bayesian",
    "SequenceFormLPResult": "solvers.sequence_form",
    "sequence_form_lcp": "solvers.sequence_form",
    "sequence_form_lp": "solvers.sequence_form",
    # Correlated equilibria and learning dynamics.
    "CorrelatedResult": "solvers.correlated",
    "correlated_equilibria": "solvers.correlated",
    "correlation_gains": "solvers.correlated",
    "is_correlated": "solvers.correlated",
    "dynamics": None,
    "BasinsResult": "dynamics",
    "DynamicsResult": "dynamics",
    "basins": "dynamics",
    "best_response_dynamics": "dynamics",
    "fictitious_play": "dynamics",
    "logit_dynamics": "dynamics",
    "regret_matching": "dynamics",
    "replicator": "dynamics",
    "stochastic_fictitious_play": "dynamics",
    # Bargaining, coalitions and the bargaining model of war.
    "bargaining": None,
    "BargainingProblem": "bargaining",
    "BargainingSolution": "bargaining",
    "BaronFerejohnResult": "bargaining",
    "RubinsteinResult": "bargaining",
    "baron_ferejohn": "bargaining",
    "egalitarian": "bargaining",
    "kalai_smorodinsky": "bargaining",
    "nash_solution": "bargaining",
    "rubinstein": "bargaining",
    "rubinstein_limit": "bargaining",
    "utilitarian": "bargaining",
    "Allocation": "bargaining.coalitions",
    "CoalitionGame": "bargaining.coalitions",
    "CoreResult": "bargaining.coalitions",
    "WeightedVotingGame": "bargaining.coalitions",
    "MultiQuotaVotingGame": "bargaining.coalitions",
    "holler": "bargaining.coalitions",
    "deegan_packel": "bargaining.coalitions",
    "johnston": "bargaining.coalitions",
    "banzhaf": "bargaining.coalitions",
    "core": "bargaining.coalitions",
    "in_core": "bargaining.coalitions",
    "nucleolus": "bargaining.coalitions",
    "shapley_shubik": "bargaining.coalitions",
    "shapley_value": "bargaining.coalitions",
    "Actor": "bargaining.forecasting",
    "Issue": "bargaining.forecasting",
    "ForecastResult": "bargaining.forecasting",
    "expected_utility_model": "bargaining.forecasting",
    "weighted_median": "bargaining.forecasting",
    "weighted_mean": "bargaining.forecasting",
    "BargainingRange": "bargaining.war",
    "CommitmentResult": "bargaining.war",
    "OfferResult": "bargaining.war",
    "bargaining_range": "bargaining.war",
    "commitment_problem": "bargaining.war",
    "fearon_ultimatum": "bargaining.war",
    "UltimatumResult": "bargaining.war",
    "optimal_offer": "bargaining.war",
    # Sensitivity analysis and the flagship scenario, which build on all of the above.
    "scenarios": None,
    "sensitivity": None,
}

if TYPE_CHECKING:  # the same names, for type checkers and IDEs
    # Catalog, readers and parametric games and trees.
    from . import catalog
    from . import generators
    from .io import read_nfg
    from .parametric import Parameter, ParametricGame
    from . import trees
    from .trees import BayesianGame, ExtensiveFormGame, ParametricTree, read_efg, signaling_game
    from .trees.result import BehaviorEquilibrium, TreeEquilibriumResult

    # Equilibrium solvers (one module per algorithm) and the dispatcher.
    from .solvers import DominanceResult, eliminate_dominated, pure_nash, pure_nash_batch
    from .solvers.dispatch import nash_equilibria
    from .solvers.global_newton import global_newton
    from .solvers.lemke_howson import iter_lemke_howson, lemke_howson
    from .solvers.polynomial import polynomial_enumeration
    from .solvers.qre import LogitQREResult, logit_qre, logit_qre_at, logit_select
    from .solvers.qre import qre_at as qre_at  # deprecated alias of logit_qre_at, kept out of __all__
    from .solvers.simpdiv import simpdiv
    from .solvers.support import support_enumeration
    from .solvers.vertex import vertex_enumeration
    from .solvers.zero_sum import ZeroSumResult, zero_sum

    # Game trees and Bayesian games: backward induction and subgame decomposition, agent-form
    # solvers, Bayesian Nash and perfect Bayesian equilibria.
    from .solvers.agent import AgentEquilibriumResult, pure_agent_equilibria
    from .solvers.agent_qre import AgentQREResult, agent_logit_qre
    from .solvers.backward_induction import backward_induction_batch, subgame_perfect
    from .solvers.bayesian import BayesNashResult, PBECheck, bayes_nash, is_perfect_bayesian
    from .solvers.sequence_form import SequenceFormLPResult, sequence_form_lcp, sequence_form_lp

    # Correlated equilibria and learning dynamics.
    from .solvers.correlated import CorrelatedResult, correlated_equilibria, correlation_gains, is_correlated
    from . import dynamics
    from .dynamics import (
        BasinsResult,
        DynamicsResult,
        basins,
        best_response_dynamics,
        fictitious_play,
        logit_dynamics,
        regret_matching,
        replicator,
        stochastic_fictitious_play,
    )

    # Bargaining, coalitions and the bargaining model of war.
    from . import bargaining
    from .bargaining import (
        BargainingProblem,
        BargainingSolution,
        BaronFerejohnResult,
        RubinsteinResult,
        baron_ferejohn,
        egalitarian,
        kalai_smorodinsky,
        nash_solution,
        rubinstein,
        rubinstein_limit,
        utilitarian,
    )
    from .bargaining.coalitions import (
        Allocation,
        CoalitionGame,
        CoreResult,
        MultiQuotaVotingGame,
        WeightedVotingGame,
        banzhaf,
        core,
        deegan_packel,
        holler,
        johnston,
        in_core,
        nucleolus,
        shapley_shubik,
        shapley_value,
    )
    from .bargaining.forecasting import (
        Actor,
        ForecastResult,
        Issue,
        expected_utility_model,
        weighted_mean,
        weighted_median,
    )
    from .bargaining.war import (
        BargainingRange,
        CommitmentResult,
        OfferResult,
        UltimatumResult,
        bargaining_range,
        commitment_problem,
        fearon_ultimatum,
        optimal_offer,
    )

    # Sensitivity analysis and the flagship scenario, which build on all of the above.
    from . import scenarios, sensitivity


def __getattr__(name: str) -> Any:
    """Import a lazily exported name on first access (PEP 562) and cache it."""
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    if module is None:
        value: Any = importlib.import_module(f"{__name__}.{name}")
    else:
        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The eager names and the lazy ones, as ``dir(gametheory_af)`` shows them."""
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "__version__",
    # games, profiles, results, errors
    "NormalFormGame",
    "ExtensiveFormGame",
    "ParametricGame",
    "Parameter",
    "Equilibrium",
    "EquilibriumResult",
    "BehaviorEquilibrium",
    "TreeEquilibriumResult",
    "DominanceResult",
    "GameError",
    "GameWarning",
    "DegenerateGameWarning",
    "ConvergenceWarning",
    "catalog",
    "generators",
    "profiles",
    "sensitivity",
    "scenarios",
    "read_nfg",
    "read_efg",
    # limits on sizes, time and parsing
    "Limits",
    "get_limits",
    "set_limits",
    "limits",
    "expected_payoffs",
    "best_responses",
    "regrets",
    "max_regret",
    "is_nash",
    # pure equilibria and dominance
    "pure_nash",
    "pure_nash_batch",
    "eliminate_dominated",
    # coalitions and war
    "CoalitionGame",
    "WeightedVotingGame",
    "MultiQuotaVotingGame",
    "holler",
    "deegan_packel",
    "johnston",
    "Actor",
    "Issue",
    "ForecastResult",
    "expected_utility_model",
    "weighted_median",
    "weighted_mean",
    "Allocation",
    "CoreResult",
    "shapley_value",
    "banzhaf",
    "shapley_shubik",
    "core",
    "in_core",
    "nucleolus",
    "BargainingRange",
    "OfferResult",
    "CommitmentResult",
    "bargaining_range",
    "optimal_offer",
    "commitment_problem",
    "fearon_ultimatum",
    "UltimatumResult",
    # two-player mixed equilibria
    "support_enumeration",
    "vertex_enumeration",
    "lemke_howson",
    "iter_lemke_howson",
    "zero_sum",
    "ZeroSumResult",
    # n-player equilibria and the dispatcher
    "nash_equilibria",
    "polynomial_enumeration",
    "logit_qre",
    "logit_qre_at",
    "logit_select",
    "LogitQREResult",
    "global_newton",
    "simpdiv",
    # bargaining
    "bargaining",
    "BargainingProblem",
    "BargainingSolution",
    "nash_solution",
    "kalai_smorodinsky",
    "egalitarian",
    "utilitarian",
    "RubinsteinResult",
    "rubinstein",
    "rubinstein_limit",
    "BaronFerejohnResult",
    "baron_ferejohn",
    # game trees and Bayesian games
    "trees",
    "ParametricTree",
    "BayesianGame",
    "signaling_game",
    "subgame_perfect",
    "backward_induction_batch",
    "sequence_form_lp",
    "SequenceFormLPResult",
    "sequence_form_lcp",
    "pure_agent_equilibria",
    "AgentEquilibriumResult",
    "agent_logit_qre",
    "AgentQREResult",
    "bayes_nash",
    "BayesNashResult",
    "is_perfect_bayesian",
    "PBECheck",
    # correlated equilibria and learning dynamics
    "correlated_equilibria",
    "CorrelatedResult",
    "correlation_gains",
    "is_correlated",
    "dynamics",
    "DynamicsResult",
    "fictitious_play",
    "stochastic_fictitious_play",
    "regret_matching",
    "replicator",
    "best_response_dynamics",
    "logit_dynamics",
    "basins",
    "BasinsResult",
]
