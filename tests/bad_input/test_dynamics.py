"""Bad input to the learning dynamics: starting points, step counts, step sizes, record_every, rng."""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af import GameError
from gametheory_af.dynamics._core import Recorder, check_positive, check_steps, initial_profiles, step_range
from gametheory_af.dynamics.fictitious_play import fictitious_play, stochastic_fictitious_play
from gametheory_af.dynamics.regret_matching import regret_matching

from ._check import case, run_case

PD = gt.catalog.prisoners_dilemma()  # players Row, Column; strategies Cooperate, Defect


def ip(initial, rng=None):
    return lambda: initial_profiles(PD, initial, rng, "fictitious_play")


CASES = [
    # initial: the starting points
    case(ip(([0.5, 0.6], [0.5, 0.5])), GameError, ("fictitious_play", "initial[0]", "simplex", "0.6"), id="initial-sum"),
    case(ip(([1.2, -0.2], [0.5, 0.5])), GameError, ("initial[0]", "simplex", "-0.2"), id="initial-negative"),
    case(ip(([0.5, 0.5], [np.nan, 1.0])), GameError, ("initial[1]", "finite", "nan"), id="initial-nan"),
    case(ip(([0.5, 0.5],)), GameError, ("initial", "one entry per player", "1"), id="initial-players"),
    case(ip(([0.5, 0.3, 0.2], [0.5, 0.5])), GameError, ("initial[0]", "length 2", "(3,)"), id="initial-length"),
    case(ip(([[0.5, 0.5], [0.2, 0.9]], [[1, 0], [0, 1]])), GameError,
         ("initial[0]", "'Row'", "row 1", "simplex", "1.1", "0.9"), id="batch-row-sum"),
    case(ip(([[0.5, 0.5], [1.5, -0.5]], [[1, 0], [0, 1]])), GameError, ("initial[0]", "row 1", "-0.5"), id="batch-negative"),
    case(ip(([[0.5, 0.5]], [[np.inf, 0.0]])), GameError, ("initial[1]", "row 0", "finite", "inf"), id="batch-inf"),
    case(ip(([[0.5, 0.5]], [[np.nan, 1.0]])), GameError, ("initial[1]", "row 0", "nan"), id="batch-nan"),
    case(ip(([[0.5, 0.5], [1, 0]], [[1, 0]])), GameError, ("initial[1]", "1 rows", "2"), id="batch-rows-differ"),
    case(ip((np.full((2, 3), 1 / 3), np.full((2, 2), 0.5))), GameError, ("initial[0]", "(B, 2)", "(2, 3)"), id="batch-width"),
    case(ip((np.zeros((0, 2)), np.zeros((0, 2)))), GameError, ("initial[0]", "(0, 2)"), id="batch-empty"),
    case(ip(([["a", "b"]], [[1, 0]])), GameError, ("initial[0]", "'a'"), id="batch-text"),
    case(ip(([[0.5, 0.5]], [0.5, 0.5])), GameError, ("initial[1]", "(B, 2)", "(2,)"), id="batch-mixed-ndim"),
    case(ip(0), GameError, ("initial", "1", "0"), id="initial-zero-starts"),
    case(ip(-3), GameError, ("initial", "-3"), id="initial-negative-starts"),
    case(ip(True), TypeError, ("initial", "True"), id="initial-bool"),
    case(ip(2.5), TypeError, ("initial", "2.5"), id="initial-float"),
    case(ip("uniform"), TypeError, ("initial", "'uniform'"), id="initial-str"),
    case(ip(("Betray", 0)), GameError, ("initial[0]", "'Betray'"), id="initial-unknown-strategy"),
    case(lambda: initial_profiles("game", None, None, "fictitious_play"), TypeError, ("game", "str"), id="game-str"),
    # rng
    case(ip(3, rng="seed"), TypeError, ("rng", "'seed'"), id="rng-str"),
    case(ip(3, rng=-1), GameError, ("rng", "-1"), id="rng-negative"),
    case(ip(3, rng=1.5), TypeError, ("rng", "1.5"), id="rng-float"),
    # steps, step sizes, record_every, progress
    case(lambda: check_steps(-1, "fictitious_play"), GameError, ("steps", "-1"), id="steps-negative"),
    case(lambda: check_steps(2.5, "fictitious_play"), TypeError, ("steps", "2.5"), id="steps-float"),
    case(lambda: check_steps(True, "fictitious_play"), TypeError, ("steps", "True"), id="steps-bool"),
    case(lambda: check_positive(float("nan"), "dt", "logit_dynamics"), GameError, ("dt", "nan"), id="dt-nan"),
    case(lambda: check_positive(float("inf"), "dt", "logit_dynamics"), GameError, ("dt", "inf"), id="dt-inf"),
    case(lambda: check_positive(-0.1, "dt", "logit_dynamics"), GameError, ("dt", "-0.1"), id="dt-negative"),
    case(lambda: Recorder((2, 2), 1, 10, 0, "fictitious_play"), GameError, ("record_every", "0"), id="record-every-zero"),
    case(lambda: Recorder((2, 2), 1, 10, 1.0, "fictitious_play"), TypeError, ("record_every", "1.0"), id="record-every-float"),
    case(lambda: step_range(3, "yes", "fictitious_play"), TypeError, ("progress", "'yes'"), id="progress-str"),
    # fictitious play and stochastic fictitious play, through the public functions
    case(lambda: fictitious_play(PD, steps=-5), GameError, ("fictitious_play", "steps", "-5"), id="fp-steps-negative"),
    case(lambda: fictitious_play(PD, steps=10.5), TypeError, ("steps", "10.5"), id="fp-steps-float"),
    case(lambda: fictitious_play(PD, ([0.5, 0.6], [1, 0])), GameError, ("initial[0]", "1.1"), id="fp-initial-off"),
    case(lambda: fictitious_play(PD, tie_break="last"), GameError, ("tie_break", "'last'"), id="fp-tie-break"),
    case(lambda: fictitious_play(PD, initial_weight=0), GameError, ("initial_weight", "0"), id="fp-weight-zero"),
    case(lambda: fictitious_play(PD, initial_weight=np.inf), GameError, ("initial_weight", "inf"), id="fp-weight-inf"),
    case(lambda: fictitious_play(PD, record_every=0), GameError, ("record_every", "0"), id="fp-record-every"),
    case(lambda: fictitious_play(PD, rng="x"), TypeError, ("rng", "'x'"), id="fp-rng"),
    case(lambda: fictitious_play(PD, progress=1), TypeError, ("progress", "1"), id="fp-progress"),
    case(lambda: fictitious_play("PD"), TypeError, ("game", "str"), id="fp-game"),
    case(lambda: stochastic_fictitious_play(PD, lam=np.nan), GameError, ("lam", "nan"), id="sfp-lam-nan"),
    case(lambda: stochastic_fictitious_play(PD, lam=-1), GameError, ("lam", "-1"), id="sfp-lam-negative"),
    case(lambda: stochastic_fictitious_play(PD, steps=-1), GameError, ("steps", "-1"), id="sfp-steps"),
    case(lambda: regret_matching(PD, steps=-2), GameError, ("regret_matching", "steps", "-2"), id="rm-steps"),
    case(lambda: regret_matching(PD, mu=1.0), GameError, ("mu", "1.0", "5.0"), id="rm-mu-small"),
    case(lambda: regret_matching(PD, mu=np.inf), GameError, ("mu", "inf"), id="rm-mu-inf"),
    case(lambda: regret_matching(PD, mu="big"), TypeError, ("mu", "'big'"), id="rm-mu-str"),
    case(lambda: regret_matching(PD, ([[0.5, 0.5]], [[0.7, 0.7]])), GameError, ("initial[1]", "row 0", "1.4"), id="rm-initial"),
    case(lambda: regret_matching(PD, 3, rng=-4), GameError, ("rng", "-4"), id="rm-rng"),
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)
