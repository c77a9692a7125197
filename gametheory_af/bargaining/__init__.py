"""Bargaining and coalitions: axiomatic and strategic bargaining, power indices, war.

Axiomatic bargaining (:mod:`.problem`, :mod:`.nash`, :mod:`.kalai_smorodinsky`),
strategic bargaining (:mod:`.rubinstein`, :mod:`.baron_ferejohn`), coalition games
(:mod:`.coalitions`) and the bargaining range of war (:mod:`.war`).
"""

from __future__ import annotations

__all__: list[str] = []

# --- axiomatic and strategic bargaining (problem, nash, kalai_smorodinsky, rubinstein, baron_ferejohn)
from .baron_ferejohn import BaronFerejohnResult, baron_ferejohn
from .kalai_smorodinsky import egalitarian, ideal_point, kalai_smorodinsky, utilitarian
from .nash import nash_solution
from .problem import BargainingProblem, BargainingSolution, maxmin_values
from .rubinstein import RubinsteinResult, rubinstein, rubinstein_limit

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
    WeightedVotingGame,
    banzhaf,
    core,
    in_core,
    nucleolus,
    shapley_shubik,
    shapley_value,
)
from .war import BargainingRange, CommitmentResult, OfferResult, bargaining_range, commitment_problem, optimal_offer

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
