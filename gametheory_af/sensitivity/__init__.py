"""Sensitivity analysis of equilibria in payoff parameters.

Exact thresholds and equilibrium maps (:mod:`~gametheory_af.sensitivity.thresholds`),
vectorized sweeps on a chosen backend (:mod:`~gametheory_af.sensitivity.sweep`,
:mod:`~gametheory_af.sensitivity.backends`) and global sensitivity indices
(:mod:`~gametheory_af.sensitivity.global_`).
"""

from __future__ import annotations

from .backends import BACKENDS, run_tasks
from .global_ import MorrisResult, PrimResult, SobolResult, TornadoTable, morris, prim, sobol, tornado
from .sweep import Grid, SweepResult, grid, iter_sweep, sweep
from .thresholds import (
    Boundary,
    ComparativeStatics,
    EquilibriumCondition,
    ProfileThreshold,
    RegionBoundary,
    RegionsResult,
    ThresholdResult,
    comparative_statics,
    equilibrium_conditions,
    profile_threshold,
    regions,
    thresholds,
)

__all__ = [
    # exact
    "Boundary",
    "ComparativeStatics",
    "EquilibriumCondition",
    "ProfileThreshold",
    "RegionBoundary",
    "RegionsResult",
    "ThresholdResult",
    "comparative_statics",
    "equilibrium_conditions",
    "profile_threshold",
    "regions",
    "thresholds",
    # at scale
    "BACKENDS",
    "Grid",
    "SweepResult",
    "grid",
    "iter_sweep",
    "run_tasks",
    "sweep",
    # global
    "MorrisResult",
    "PrimResult",
    "SobolResult",
    "TornadoTable",
    "morris",
    "prim",
    "sobol",
    "tornado",
]
