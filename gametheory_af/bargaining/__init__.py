"""Bargaining and coalitions: axiomatic and strategic bargaining, power indices, war.

Axiomatic bargaining (:mod:`.problem`, :mod:`.nash`, :mod:`.axiomatic`),
strategic bargaining (:mod:`.rubinstein`, :mod:`.baron_ferejohn`), coalition games
(``coalitions``) and the bargaining range of war (:mod:`.war`).
"""

from __future__ import annotations

__all__: list[str] = []

# --- axiomatic and strategic bargaining (problem, nash, axiomatic, rubinstein, baron_ferejohn)
# The compatibility module kalai_smorodinsky is loaded before the function of that name is bound
# here, so that importing it later cannot replace the function by the module (as it would if the
# import system loaded it only then).
from . import kalai_smorodinsky as _kalai_smorodinsky_module  # noqa: F401
from .axiomatic import egalitarian, ideal_point, kalai_smorodinsky, utilitarian
from .baron_ferejohn import BaronFerejohnResult, baron_ferejohn
from .nash import nash_solution
from .problem import BargainingProblem, BargainingSolution, maxmin_values
from .rubinstein import RubinsteinResult, rubinstein, rubinstein_limit

del _kalai_smorodinsky_module

__all__ += [
    "BargainingProblem",
    "BargainingSolution",
    "maxmin_values",
    "nash_solution",
    "kalai_smorodinsky",
    "egalitarian",
    "utilitarian",
    "ideal_point",
    "RubinsteinResult",
    "rubinstein",
    "rubinstein_limit",
    "BaronFerejohnResult",
    "baron_ferejohn",
]

# --- coalitions and war
from .coalitions import (
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
from .forecasting import (
    Actor,
    ForecastResult,
    ForecastRound,
    Issue,
    Offer,
    expected_utility_model,
    weighted_mean,
    weighted_median,
)
from .war import (
    BargainingRange,
    CommitmentResult,
    OfferResult,
    UltimatumResult,
    bargaining_range,
    commitment_problem,
    fearon_ultimatum,
    optimal_offer,
)

__all__ += [
    "CoalitionGame",
    "WeightedVotingGame",
    "MultiQuotaVotingGame",
    "holler",
    "deegan_packel",
    "johnston",
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
]

__all__ += [
    "Actor",
    "Issue",
    "Offer",
    "ForecastRound",
    "ForecastResult",
    "weighted_median",
    "weighted_mean",
    "expected_utility_model",
]
