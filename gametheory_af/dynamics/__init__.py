"""Learning dynamics on normal-form games, each vectorized over a batch of starting points.

Fictitious play, stochastic fictitious play and regret matching (:mod:`.fictitious_play`,
:mod:`.regret_matching`); replicator, best-response and logit dynamics. Every dynamic returns a
:class:`~gametheory_af.dynamics._core.DynamicsResult`. (The public exports are set at merge time.)
"""

__all__: list[str] = []
