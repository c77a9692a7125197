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
from .polynomial import polynomial_enumeration
from .qre import LogitQREResult, logit_qre, logit_qre_at, logit_select
from .qre import qre_at as qre_at  # deprecated alias of logit_qre_at, kept out of __all__
from .global_newton import global_newton
from .simpdiv import simpdiv
from .dispatch import nash_equilibria

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
    "polynomial_enumeration",
    "logit_qre",
    "logit_qre_at",
    "logit_select",
    "LogitQREResult",
    "global_newton",
    "simpdiv",
    "nash_equilibria",
]
