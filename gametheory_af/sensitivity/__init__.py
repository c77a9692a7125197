"""Sensitivity analysis of equilibria in payoff parameters.

Exact thresholds and equilibrium maps (:mod:`~gametheory_af.sensitivity.thresholds`),
vectorized sweeps on a chosen backend (:mod:`~gametheory_af.sensitivity.sweep`,
:mod:`~gametheory_af.sensitivity.backends`) and global sensitivity indices
(:mod:`~gametheory_af.sensitivity.global_`).
"""

from __future__ import annotations

from .thresholds import (
    Boundary,
    EquilibriumCondition,
    ProfileThreshold,
    ThresholdResult,
    equilibrium_conditions,
    profile_threshold,
    thresholds,
)

__all__ = [
    "Boundary",
    "EquilibriumCondition",
    "ProfileThreshold",
    "ThresholdResult",
    "equilibrium_conditions",
    "profile_threshold",
    "thresholds",
]
