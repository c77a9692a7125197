"""gametheory_af: game-theoretic modelling of multi-party negotiations.

Games as payoff tensors for any number of players, certified equilibrium
solvers, bargaining and coalition models, and sensitivity analysis of
equilibria in payoff parameters, with the Afghan peace negotiations as the
flagship scenario.

Examples
--------
>>> import gametheory_af as gt
>>> g = gt.catalog.prisoners_dilemma()
>>> [eq.describe(g) for eq in gt.pure_nash(g)]
['Row: Defect; Column: Defect']
"""

from __future__ import annotations

from . import catalog, profiles
from .exceptions import ConvergenceWarning, DegenerateGameWarning, GameError, GameWarning
from .game import NormalFormGame
from .io import read_nfg
from .parametric import Parameter, ParametricGame
from .profiles import best_responses, expected_payoffs, is_nash, max_regret, regrets
from .result import Equilibrium, EquilibriumResult
from .solvers import DominanceResult, eliminate_dominated, pure_nash, pure_nash_batch
from . import sensitivity  # noqa: E402  (after the core it builds on)
from . import scenarios  # noqa: E402  (the flagship scenario builds on all of the above)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "NormalFormGame",
    "ParametricGame",
    "Parameter",
    "Equilibrium",
    "EquilibriumResult",
    "DominanceResult",
    "GameError",
    "GameWarning",
    "DegenerateGameWarning",
    "ConvergenceWarning",
    "catalog",
    "profiles",
    "sensitivity",
    "scenarios",
    "read_nfg",
    "expected_payoffs",
    "best_responses",
    "regrets",
    "max_regret",
    "is_nash",
    "pure_nash",
    "pure_nash_batch",
    "eliminate_dominated",
]

# --- coalitions and the bargaining model of war (bargaining/coalitions.py, bargaining/war.py)
from .bargaining.coalitions import (  # noqa: E402
    Allocation,
    CoalitionGame,
    CoreResult,
    WeightedVotingGame,
    banzhaf,
    core,
    in_core,
    nucleolus,
    shapley_shubik,
    shapley_value,
)
from .bargaining.war import (  # noqa: E402
    BargainingRange,
    CommitmentResult,
    OfferResult,
    bargaining_range,
    commitment_problem,
    optimal_offer,
)

__all__ += [
    "CoalitionGame",
    "WeightedVotingGame",
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
]

# --- two-player mixed equilibria (solvers/support.py, vertex.py, lemke_howson.py, zero_sum.py)
from .solvers.lemke_howson import iter_lemke_howson, lemke_howson  # noqa: E402
from .solvers.support import support_enumeration  # noqa: E402
from .solvers.vertex import vertex_enumeration  # noqa: E402
from .solvers.zero_sum import ZeroSumResult, zero_sum  # noqa: E402

__all__ += [
    "support_enumeration",
    "vertex_enumeration",
    "lemke_howson",
    "iter_lemke_howson",
    "zero_sum",
    "ZeroSumResult",
]

# --- n-player mixed equilibria and the dispatcher (solvers/polynomial.py, qre.py, global_newton.py, dispatch.py)
from .solvers.dispatch import nash_equilibria  # noqa: E402
from .solvers.global_newton import global_newton  # noqa: E402
from .solvers.polynomial import polynomial_enumeration  # noqa: E402
from .solvers.qre import LogitQREResult, logit_qre, logit_select, qre_at  # noqa: E402
from .solvers.simpdiv import simpdiv  # noqa: E402

__all__ += [
    "nash_equilibria",
    "polynomial_enumeration",
    "logit_qre",
    "qre_at",
    "logit_select",
    "LogitQREResult",
    "global_newton",
    "simpdiv",
]

# --- axiomatic and strategic bargaining (bargaining/problem.py, nash.py, kalai_smorodinsky.py, rubinstein.py,
# baron_ferejohn.py)
from . import bargaining  # noqa: E402
from .bargaining.baron_ferejohn import BaronFerejohnResult, baron_ferejohn  # noqa: E402
from .bargaining.kalai_smorodinsky import egalitarian, kalai_smorodinsky, utilitarian  # noqa: E402
from .bargaining.nash import nash_solution  # noqa: E402
from .bargaining.problem import BargainingProblem, BargainingSolution  # noqa: E402
from .bargaining.rubinstein import RubinsteinResult, rubinstein, rubinstein_limit  # noqa: E402

__all__ += [
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
]
