"""Sensitivity analysis of equilibria in payoff parameters.

- Exact answers: thresholds in one parameter (:mod:`~gametheory_af.sensitivity.thresholds`),
  equilibrium maps in two (:mod:`~gametheory_af.sensitivity.regions`) and comparative
  statics (:mod:`~gametheory_af.sensitivity.comparative_statics`).
- At scale: vectorized sweeps on a chosen backend (:mod:`~gametheory_af.sensitivity.sweep`,
  :mod:`~gametheory_af.sensitivity.backends`), gathered (:func:`sweep`), streamed one chunk
  at a time (:func:`iter_sweep`) or written to disk chunk by chunk
  (``sweep(..., out=directory)``, reopened by :func:`load_sweep`:
  :mod:`~gametheory_af.sensitivity.store`).
- Global analyses: Sobol' indices (:mod:`~gametheory_af.sensitivity.sobol`), Morris
  screening (:mod:`~gametheory_af.sensitivity.morris`), tornado tables
  (:mod:`~gametheory_af.sensitivity.tornado`) and PRIM scenario discovery
  (:mod:`~gametheory_af.sensitivity.prim`).
- Game trees: exact parameter values where the subgame-perfect equilibrium of a
  :class:`~gametheory_af.ParametricTree` changes, and vectorized sweeps of it
  (:mod:`~gametheory_af.sensitivity.trees`).

Every function checks its arguments and the size of what it would allocate
(against :func:`gametheory_af.set_limits`) before any work, and every result
pickles and compares by value.
"""

from __future__ import annotations

# The functions thresholds, regions, comparative_statics, sobol, morris, tornado and prim shadow
# the modules of the same names as attributes of this package, on purpose:
# ``gametheory_af.sensitivity.thresholds`` is the function (``from
# gametheory_af.sensitivity.thresholds import ...`` still reads the module).
from .backends import BACKENDS, run_tasks
from .comparative_statics import ComparativeStatics, comparative_statics
from .morris import MorrisResult, morris
from .prim import PrimResult, prim
from .regions import RegionBoundary, RegionsResult, regions
from .sobol import SobolResult, sobol
from .store import load_sweep
from .sweep import Grid, SweepResult, UniformSample, default_chunk_size, grid, iter_sweep, sweep, uniform_sample
from .thresholds import (
    Boundary,
    EquilibriumCondition,
    ProfileThreshold,
    ThresholdResult,
    equilibrium_conditions,
    profile_threshold,
    thresholds,
)
from .tornado import TornadoTable, tornado
from .trees import SPEInterval, TreeSweepResult, TreeThresholdResult, spe_sweep, spe_thresholds

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
    "UniformSample",
    "uniform_sample",
    "iter_sweep",
    "default_chunk_size",
    "load_sweep",
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
    # game trees
    "SPEInterval",
    "TreeSweepResult",
    "TreeThresholdResult",
    "spe_sweep",
    "spe_thresholds",
]
