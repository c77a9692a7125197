"""Discrete fictitious play (Brown 1951) and stochastic fictitious play (Fudenberg and Kreps 1993)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._validation import check_choice, check_rng
from ..game import NormalFormGame
from ._core import DynamicsResult, Recorder, check_positive, check_steps, initial_profiles, step_range
from ._payoffs import column_cumsum, first_true, payoff_matrices, payoff_ranges, strategy_values

__all__ = ["fictitious_play", "stochastic_fictitious_play"]

#: Payoffs within this fraction of the player's payoff range (times the belief weight) of the
#: best one count as tied.
TIE_TOL = 1e-12


def fictitious_play(
    game: NormalFormGame,
    initial: Any = None,
    *,
    steps: int = 1000,
    rng: None | int | np.random.Generator = None,
    progress: bool = False,
    record_every: int = 1,
    tie_break: str = "first",
    initial_weight: float = 1.0,
) -> DynamicsResult:
    r"""Discrete simultaneous fictitious play, n-player, from a batch of initial beliefs.

    At each step every player plays a pure best response to the empirical frequencies of the
    others' past play (Brown 1951; Robinson 1951), all players at once. The initial profile is a
    prior: player *i*'s play counts start at ``initial_weight * initial[i]``, so after *t* steps
    its empirical frequency is

    .. math:: x_i^t = \frac{w\,x_i^0 + \sum_{\tau=1}^{t} e_{a_i^\tau}}{w + t},

    where :math:`a_i^\tau` is a best response to :math:`x_{-i}^{\tau-1}` (the others' beliefs as
    independent mixed strategies). With ``w = 1`` this is the decreasing-gain rule
    :math:`x^{t} = x^{t-1} + (e_{a^t} - x^{t-1})/(t+1)`.

    **Tie-breaking.** Strategies whose expected payoff is within ``1e-12`` times the player's
    payoff range (max minus min of its payoffs) of the best are tied. ``tie_break="first"`` takes
    the tied strategy of lowest index; ``"random"`` draws one uniformly with *rng*.

    Parameters
    ----------
    game : NormalFormGame
    initial : None, int, profile or batch, optional
        The initial beliefs: ``None`` (uniform, one start), an int B (B beliefs drawn uniformly on
        the simplices with *rng*), one mixed profile, or per player an array of shape (B, s_i).
    steps : int, default 1000
        The number of rounds of play (``>= 0``).
    rng : None, int or numpy.random.Generator, optional
        Draws the starting points when *initial* is an int and breaks ties when
        ``tie_break="random"``.
    progress : bool, default False
        Show a :mod:`tqdm` progress bar over the steps.
    record_every : int, default 1
        Record every k-th state (state 0 and the last are always recorded).
    tie_break : {"first", "random"}, default "first"
        The tie-breaking rule above.
    initial_weight : float, default 1.0
        The weight ``w > 0`` of the prior, in rounds of play.

    Returns
    -------
    DynamicsResult
        ``dynamic="fictitious_play"``; ``states`` are the empirical frequencies :math:`x_i^t`
        (B, T, s_i), ``times`` the step numbers.

    Raises
    ------
    GameError
        For initial beliefs off the simplex, negative steps, ``record_every < 1``, an unknown
        *tie_break*, a non-positive or non-finite *initial_weight*.
    TypeError
        For arguments of the wrong type.

    Notes
    -----
    In two-player zero-sum games the empirical frequencies approach the set of equilibria and
    the payoffs the value (Robinson 1951); in Shapley's 3x3 game they cycle without converging
    (Shapley 1964). Each step costs one matrix product per player for the whole batch.

    References
    ----------
    G. W. Brown (1951), Iterative solution of games by fictitious play. J. Robinson (1951), An
    iterative method of solving a game, Annals of Mathematics 54. L. S. Shapley (1964), Some
    topics in two-person games.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics.fictitious_play import fictitious_play
    >>> res = fictitious_play(gt.catalog.prisoners_dilemma(), steps=9)
    >>> [x.round(3).tolist() for x in res.profile(0)]
    [[0.05, 0.95], [0.05, 0.95]]
    >>> res = fictitious_play(gt.catalog.matching_pennies(), 100, steps=2000, rng=0, record_every=1000)
    >>> res.states[0].shape, bool(abs(res.final[0] - 0.5).max() < 0.05)
    ((100, 3, 2), True)
    """
    caller = "fictitious_play"
    steps = check_steps(steps, caller)
    tie_break = check_choice(tie_break, ("first", "random"), "tie_break", caller)
    w = check_positive(initial_weight, "initial_weight", caller)
    gen = check_rng(rng, caller)
    x0 = initial_profiles(game, initial, gen, caller)
    rec = Recorder(game.shape, x0[0].shape[0], steps, record_every, caller)
    bar = step_range(steps, progress, caller)
    mats = payoff_matrices(game)
    tol = TIE_TOL * payoff_ranges(game)
    counts = [w * x.T.copy() for x in x0]  # (s_i, B): strategies first, see _payoffs
    n_starts = x0[0].shape[0]
    rows = np.arange(n_starts)
    rec.record(0, x0)
    for t in bar:
        values = strategy_values(mats, counts)  # proportional to the payoffs against the beliefs
        for i, v in enumerate(values):
            tied = v >= v.max(axis=0) - tol[i] * (w + t - 1)
            if tie_break == "random":
                keys = np.where(tied, gen.random(v.shape), -1.0)
                tied = keys >= keys.max(axis=0)
            counts[i].reshape(-1)[first_true(tied) * n_starts + rows] += 1.0
        if rec.wants(t):
            rec.record(t, [c.T / (w + t) for c in counts])
    params = {"steps": steps, "record_every": rec.record_every, "tie_break": tie_break, "initial_weight": w}
    return DynamicsResult(caller, game, params, rec.times, rec.states)


def stochastic_fictitious_play(
    game: NormalFormGame,
    initial: Any = None,
    *,
    steps: int = 1000,
    lam: float = 1.0,
    rng: None | int | np.random.Generator = None,
    progress: bool = False,
    record_every: int = 1,
    initial_weight: float = 1.0,
) -> DynamicsResult:
    r"""Stochastic (smoothed) fictitious play with logit choice, sampled actions, n-player.

    As :func:`fictitious_play`, but each round every player *samples* its action from the logit
    response to the empirical frequencies of the others' play,

    .. math:: P(a_i^t = k) \propto \exp\bigl(\lambda\, u_i(k, x_{-i}^{t-1})\bigr),

    which is a best response to payoffs perturbed by i.i.d. Gumbel shocks of scale
    :math:`1/\lambda` (Fudenberg and Kreps 1993; Fudenberg and Levine 1998, ch. 4). The actions
    are drawn with *rng* (one uniform number per player and start, inverse CDF); the beliefs are the empirical frequencies of the
    sampled actions, with the initial profile as a prior of weight ``initial_weight``. The
    frequencies approach the logit quantal response equilibria (in 2x2 games, potential games and
    zero-sum games, Hofbauer and Sandholm 2002).

    Parameters
    ----------
    game : NormalFormGame
    initial : None, int, profile or batch, optional
        The initial beliefs, as for :func:`fictitious_play`.
    steps : int, default 1000
        Rounds of play (``>= 0``).
    lam : float, default 1.0
        The precision :math:`\lambda > 0` of the logit response, in inverse payoff units
        (large: close to fictitious play; small: close to uniform play).
    rng : None, int or numpy.random.Generator, optional
        Draws the actions (and the starting points when *initial* is an int).
    progress : bool, default False
        Show a :mod:`tqdm` progress bar.
    record_every : int, default 1
        Record every k-th state (state 0 and the last always).
    initial_weight : float, default 1.0
        The weight of the prior, in rounds of play.

    Returns
    -------
    DynamicsResult
        ``dynamic="stochastic_fictitious_play"``; ``states`` are the empirical frequencies.

    Raises
    ------
    GameError
        As :func:`fictitious_play`, and for a non-positive or non-finite *lam*.

    References
    ----------
    D. Fudenberg and D. M. Kreps (1993), Learning mixed equilibria, Games and Economic Behavior 5.
    D. Fudenberg and D. K. Levine (1998), The Theory of Learning in Games, MIT Press.
    J. Hofbauer and W. H. Sandholm (2002), On the global convergence of stochastic fictitious
    play, Econometrica 70.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics.fictitious_play import stochastic_fictitious_play
    >>> res = stochastic_fictitious_play(gt.catalog.matching_pennies(), 50, steps=3000, lam=2.0, rng=1, record_every=3000)
    >>> bool(abs(res.final[0].mean(axis=0) - 0.5).max() < 0.02)
    True
    """
    caller = "stochastic_fictitious_play"
    steps = check_steps(steps, caller)
    lam = check_positive(lam, "lam", caller)
    w = check_positive(initial_weight, "initial_weight", caller)
    gen = check_rng(rng, caller)
    x0 = initial_profiles(game, initial, gen, caller)
    rec = Recorder(game.shape, x0[0].shape[0], steps, record_every, caller)
    bar = step_range(steps, progress, caller)
    mats = payoff_matrices(game)
    counts = [w * x.T.copy() for x in x0]  # (s_i, B)
    n_starts = x0[0].shape[0]
    rows = np.arange(n_starts)
    rec.record(0, x0)
    for t in bar:
        values = strategy_values(mats, [c / (w + t - 1) for c in counts])
        for i, v in enumerate(values):
            weights = np.exp(lam * (v - v.max(axis=0)))  # the logit response, unnormalized
            cum = column_cumsum(weights)
            a = np.sum(cum <= gen.random(n_starts) * cum[-1], axis=0)  # inverse-CDF sampling
            counts[i].reshape(-1)[a * n_starts + rows] += 1.0
        if rec.wants(t):
            rec.record(t, [c.T / (w + t) for c in counts])
    params = {"steps": steps, "record_every": rec.record_every, "lam": lam, "initial_weight": w}
    return DynamicsResult(caller, game, params, rec.times, rec.states)
