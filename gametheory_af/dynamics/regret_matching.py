"""Regret matching (Hart and Mas-Colell 2000): adaptive play whose empirical joint play approaches the correlated equilibria."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .._limits import check_bytes
from .._validation import check_real, check_rng
from ..exceptions import GameError
from ..game import NormalFormGame
from ..result import json_value
from ._core import DynamicsResult, Recorder, check_steps, initial_profiles, step_range
from ._payoffs import column_cumsum, payoff_matrices, payoff_ranges

__all__ = ["RegretMatchingResult", "regret_matching"]


@dataclass(frozen=True, eq=False)
class RegretMatchingResult(DynamicsResult):
    """A :class:`DynamicsResult` that also holds the empirical joint distribution of play.

    Parameters
    ----------
    dynamic, game, parameters, times, states : see :class:`DynamicsResult`
    joint : numpy.ndarray of shape (B, s_1, ..., s_n)
        Sets the attribute of the same name.

    Attributes
    ----------
    joint : numpy.ndarray of shape (B, s_1, ..., s_n)
        Per start, the empirical joint distribution of the pure profiles played in rounds
        1..steps (the product of the initial profile when ``steps == 0``).
    """

    joint: np.ndarray

    def __post_init__(self) -> None:
        super().__post_init__()
        joint = np.array(self.joint, dtype=np.float64)
        want = (self.n_starts, *self.game.shape)
        if joint.shape != want:
            raise GameError(f"{type(self).__name__}: joint must have shape (B, s_1, ..., s_n) = {want}; got {joint.shape}.")
        joint.setflags(write=False)
        object.__setattr__(self, "joint", joint)

    def correlated_regret(self) -> np.ndarray:
        r"""Per start, how far the empirical joint distribution is from a correlated equilibrium.

        The largest expected gain, over players *i*, of a deviation rule (replace each
        recommended strategy *j* by a strategy *d(j)*) against the joint distribution *q*:

        .. math:: \max_i \sum_j \max\Bigl(0, \max_k \sum_{a_{-i}} q(j, a_{-i})
                  \bigl[u_i(k, a_{-i}) - u_i(j, a_{-i})\bigr]\Bigr),

        in payoff units; 0 exactly at a correlated equilibrium (Aumann 1974).

        Returns
        -------
        numpy.ndarray of shape (B,)
        """
        from ..solvers.correlated import best_rule_gains

        out: np.ndarray = best_rule_gains(self.game.payoffs, self.joint).max(axis=1)
        return out

    def to_dict(self) -> dict[str, Any]:
        """As :meth:`DynamicsResult.to_dict`, with ``joint`` (nested lists of shape (B, s_1, ..., s_n)).

        Returns
        -------
        dict
            The result's fields as plain JSON data.
        """
        out = super().to_dict()
        out["joint"] = json_value(self.joint)
        return out


def regret_matching(
    game: NormalFormGame,
    initial: Any = None,
    *,
    steps: int = 1000,
    rng: None | int | np.random.Generator = None,
    progress: bool = False,
    record_every: int = 1,
    mu: float | None = None,
) -> RegretMatchingResult:
    r"""Regret matching with inertia (Hart and Mas-Colell 2000), n-player, from a batch of starts.

    This is the paper's *conditional* (internal-regret) procedure. In round 1 each player draws
    its action from its initial mixed strategy. After round *t* player *i*, who played *j* last,
    computes for every other strategy *k* the average regret of not having played *k* whenever
    it played *j*,

    .. math:: D_i^t(j, k) = \frac{1}{t} \sum_{\tau \le t:\, a_i^\tau = j}
              \bigl[u_i(k, a_{-i}^\tau) - u_i(a^\tau)\bigr],

    and plays *k* in round *t + 1* with probability :math:`\max(D_i^t(j,k), 0)/\mu_i`, keeping
    *j* with the remaining probability (the inertia). Actions are drawn with *rng*, for the whole
    batch at once. With probability one the empirical joint distribution of play approaches the
    set of correlated equilibria (Hart and Mas-Colell 2000, Main Theorem); the empirical
    marginals need not converge.

    Parameters
    ----------
    game : NormalFormGame
    initial : None, int, profile or batch, optional
        The mixed strategies of round 1 (see :func:`fictitious_play` for the forms).
    steps : int, default 1000
        Rounds of play (``>= 0``).
    rng : None, int or numpy.random.Generator, optional
        Draws the actions (and the starting points when *initial* is an int).
    progress : bool, default False
        Show a :mod:`tqdm` progress bar.
    record_every : int, default 1
        Record every k-th state (state 0 and the last always).
    mu : float, optional
        The inertia constant, in payoff units, the same for every player; it must exceed
        :math:`(s_i - 1)\,r_i` for each player (:math:`r_i` the range of *i*'s payoffs) so that the
        probability of repeating stays positive. Default: :math:`\mu_i = 2 (s_i - 1) r_i` per
        player (1 for a player with a single strategy or constant payoffs).

    Returns
    -------
    RegretMatchingResult
        ``states``: the empirical marginal frequencies of play after each round (the initial
        profile at time 0); ``joint``: the empirical joint distribution after the last round;
        :meth:`~RegretMatchingResult.correlated_regret` measures its distance from a
        correlated equilibrium.

    Raises
    ------
    GameError
        For initial profiles off the simplex, negative steps, ``record_every < 1``, a *mu* too
        small or not finite, or a joint-count array beyond the limits.

    References
    ----------
    S. Hart and A. Mas-Colell (2000), A simple adaptive procedure leading to correlated
    equilibrium, Econometrica 68(5), 1127-1150. R. J. Aumann (1974), Subjectivity and
    correlation in randomized strategies, J. Math. Econ. 1.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics.regret_matching import regret_matching
    >>> res = regret_matching(gt.catalog.chicken(), 20, steps=3000, rng=0, record_every=1000)
    >>> res.joint.shape, res.times.tolist()
    ((20, 2, 2), [0.0, 1000.0, 2000.0, 3000.0])
    >>> bool(res.correlated_regret().max() < 0.1)
    True
    """
    caller = "regret_matching"
    steps = check_steps(steps, caller)
    gen = check_rng(rng, caller)
    x0 = initial_profiles(game, initial, gen, caller)
    shape = game.shape
    ranges = payoff_ranges(game)
    if mu is None:
        mus = np.array([2.0 * max(s - 1, 1) * r for s, r in zip(shape, ranges)])
    else:
        m = check_real(mu, "mu", caller, minimum=0, strict_min=True)
        need = max((s - 1) * r for s, r in zip(shape, ranges))
        if m <= need:
            raise GameError(f"{caller}: mu must exceed (s_i - 1) * (payoff range of i) = {need!r} for every player; got {mu!r}.")
        mus = np.full(len(shape), m)
    n_b = x0[0].shape[0]
    n_prof = int(np.prod(shape))
    check_bytes(n_b * (n_prof + sum(s * s for s in shape)), 8, "joint-count and regret entries", caller)
    rec = Recorder(shape, n_b, steps, record_every, caller)
    bar = step_range(steps, progress, caller)
    mats = payoff_matrices(game)
    rows = np.arange(n_b)
    regret = [np.zeros(s * s * n_b) for s in shape]  # D_i summed, flat index (j * s_i + k) * B + b
    counts = [np.zeros((s, n_b)) for s in shape]
    joint = np.zeros(n_prof * n_b)
    probs = [x.T.copy() for x in x0]  # (s_i, B): the mixed strategies of the next round
    actions = [np.zeros(n_b, dtype=np.intp) for _ in shape]
    rec.record(0, x0)
    for t in bar:
        if t > 1:
            for i, s in enumerate(shape):
                idx = (actions[i][None, :] * s + np.arange(s)[:, None]) * n_b + rows  # row a_i of D_i
                p = np.clip(regret[i][idx], 0.0, None) / ((t - 1) * mus[i])
                p.reshape(-1)[actions[i] * n_b + rows] += 1.0 - p.sum(axis=0)
                probs[i] = p
        for i in range(len(shape)):
            cum = column_cumsum(probs[i])
            actions[i] = np.minimum(np.sum(cum <= gen.random(n_b) * cum[-1], axis=0), shape[i] - 1)
        flat = np.zeros(n_b, dtype=np.intp)
        for i, s in enumerate(shape):
            flat = flat * s + actions[i]
        joint[flat * n_b + rows] += 1.0
        for i, s in enumerate(shape):
            others = np.zeros(n_b, dtype=np.intp)
            for j, s_j in enumerate(shape):
                if j != i:
                    others = others * s_j + actions[j]
            v = mats[i][:, others]  # (s_i, B): i's payoff of each strategy against the others' play
            v -= v.reshape(-1)[actions[i] * n_b + rows]
            regret[i][(actions[i][None, :] * s + np.arange(s)[:, None]) * n_b + rows] += v
            counts[i].reshape(-1)[actions[i] * n_b + rows] += 1.0
        if rec.wants(t):
            rec.record(t, [c.T / t for c in counts])
    if steps:
        q = joint.reshape(n_prof, n_b).T.reshape(n_b, *shape) / steps
    else:
        q = np.ones((n_b, *([1] * len(shape))))
        for i, x in enumerate(x0):
            q = q * x.reshape(n_b, *[s if j == i else 1 for j, s in enumerate(shape)])
    params = {"steps": steps, "record_every": rec.record_every, "mu": tuple(float(m) for m in mus)}
    return RegretMatchingResult(caller, game, params, rec.times, rec.states, q)
