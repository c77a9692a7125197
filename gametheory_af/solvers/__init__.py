"""Equilibrium solvers: one module per algorithm, one result type.

Every solver is a function ``solver(game, *, options) -> EquilibriumResult``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
from .correlated import CorrelatedResult, correlated_equilibria, correlation_gains, is_correlated

#: The solvers for game trees and Bayesian games, imported on first use (PEP 562): they import
#: the trees, which solvers of normal-form games never need.  Name -> module of this package.
_TREE_SOLVERS: dict[str, str] = {
    "backward_induction_batch": "backward_induction",
    "subgame_perfect": "backward_induction",
    "SequenceFormLPResult": "sequence_form",
    "sequence_form_lcp": "sequence_form",
    "sequence_form_lp": "sequence_form",
    "AgentEquilibriumResult": "agent",
    "agent_regrets": "agent",
    "pure_agent_equilibria": "agent",
    "AgentQREPoint": "agent_qre",
    "AgentQREResult": "agent_qre",
    "agent_logit_qre": "agent_qre",
    "agent_logit_qre_at": "agent_qre",
    "BayesNashEquilibrium": "bayesian",
    "BayesNashResult": "bayesian",
    "PBECheck": "bayesian",
    "bayes_nash": "bayesian",
    "is_perfect_bayesian": "bayesian",
    "make_bayes_equilibrium": "bayesian",
}

if TYPE_CHECKING:  # the same names, for type checkers and IDEs
    from .backward_induction import backward_induction_batch, subgame_perfect
    from .sequence_form import SequenceFormLPResult, sequence_form_lcp, sequence_form_lp
    from .agent import AgentEquilibriumResult, agent_regrets, pure_agent_equilibria
    from .agent_qre import AgentQREPoint, AgentQREResult, agent_logit_qre, agent_logit_qre_at
    from .bayesian import (
        BayesNashEquilibrium,
        BayesNashResult,
        PBECheck,
        bayes_nash,
        is_perfect_bayesian,
        make_bayes_equilibrium,
    )


def __getattr__(name: str) -> Any:
    """Import a solver for game trees or Bayesian games on first use (PEP 562) and cache it."""
    try:
        module = _TREE_SOLVERS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the lazy solvers included before their first use."""
    return sorted(set(globals()) | set(_TREE_SOLVERS))


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
    # game trees
    "subgame_perfect",
    "backward_induction_batch",
    "sequence_form_lp",
    "SequenceFormLPResult",
    "sequence_form_lcp",
    "pure_agent_equilibria",
    "agent_regrets",
    "AgentEquilibriumResult",
    "agent_logit_qre",
    "agent_logit_qre_at",
    "AgentQREResult",
    "AgentQREPoint",
    # correlated equilibria
    "correlated_equilibria",
    "CorrelatedResult",
    "correlation_gains",
    "is_correlated",
    # Bayesian games
    "bayes_nash",
    "make_bayes_equilibrium",
    "BayesNashResult",
    "BayesNashEquilibrium",
    "is_perfect_bayesian",
    "PBECheck",
]
