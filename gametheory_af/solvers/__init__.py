"""Equilibrium solvers: one module per algorithm, one result type.

Every solver is a function ``solver(game, *, options) -> EquilibriumResult``.
"""

from __future__ import annotations

from .dominance import DominanceResult, eliminate_dominated
from .pure import pure_nash, pure_nash_batch, pure_regret_tensor

__all__ = [
    "pure_nash",
    "pure_nash_batch",
    "pure_regret_tensor",
    "eliminate_dominated",
    "DominanceResult",
]
