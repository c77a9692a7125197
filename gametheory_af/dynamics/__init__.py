"""Learning dynamics on normal-form games, each vectorized over a batch of starting points.

- Belief-based: fictitious play and stochastic (smoothed) fictitious play
  (:mod:`~gametheory_af.dynamics.fictitious_play`).
- Regret-based: regret matching, whose empirical joint play approaches the set of
  correlated equilibria (:mod:`~gametheory_af.dynamics.regret_matching`).
- Where they lead: :func:`basins`, the share of starting points each dynamic carries to
  each equilibrium (:mod:`~gametheory_af.dynamics.basins`).
- Evolutionary and myopic: the replicator dynamic, one population per player or one
  population for symmetric games (:mod:`~gametheory_af.dynamics.replicator`), and the
  best-response and logit dynamics (:mod:`~gametheory_af.dynamics.best_response`).

Every dynamic takes the game, a batch of starting points (``initial``: ``None``, a count
drawn with ``rng``, one mixed profile, or per-player arrays of shape ``(B, s_i)``) and
keyword-only options, advances the whole batch with one array operation per step, and
returns a :class:`DynamicsResult` holding the recorded trajectories (``to_pandas`` for a
long table).

The functions ``replicator`` and the others shadow the modules of the same names as
attributes of this package, on purpose; ``from gametheory_af.dynamics.replicator import
...`` still reads the module.

Examples
--------
>>> import gametheory_af as gt
>>> res = gt.dynamics.fictitious_play(gt.catalog.prisoners_dilemma(), steps=50)
>>> res.final[0].round(2).tolist()
[[0.01, 0.99]]
"""

from __future__ import annotations

from ._core import DynamicsResult
from .basins import BasinsResult, basins
from .best_response import best_response_dynamics, logit_dynamics
from .fictitious_play import fictitious_play, stochastic_fictitious_play
from .regret_matching import RegretMatchingResult, regret_matching
from .replicator import ReplicatorResult, replicator

__all__ = [
    "DynamicsResult",
    "ReplicatorResult",
    "RegretMatchingResult",
    "fictitious_play",
    "stochastic_fictitious_play",
    "regret_matching",
    "replicator",
    "best_response_dynamics",
    "logit_dynamics",
    "basins",
    "BasinsResult",
]
