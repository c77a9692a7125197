"""Equilibrium solvers: one module per algorithm, one result type.

Every solver is a function ``solver(game, *, options) -> EquilibriumResult``.
"""

from __future__ import annotations

from .dominance import DominanceResult, eliminate_dominated
from .pure import pure_nash, pure_nash_batch, pure_regret_tensor
from .lemke_howson import iter_lemke_howson, lemke_howson
from .support import support_enumeration
from .vertex import vertex_enumeration
from .zero_sum import ZeroSumResult, zero_sum

__all__ = [
    "pure_nash",
    "pure_nash_batch",
    "pure_regret_tensor",
    "eliminate_dominated",
    "DominanceResult",
    "support_enumeration",
    "vertex_enumeration",
    "lemke_howson",
    "iter_lemke_howson",
    "zero_sum",
    "ZeroSumResult",
]
