"""Bad input to the replicator, best-response and logit dynamics: each a GameError (or TypeError) naming the argument."""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af import GameError
from gametheory_af.dynamics.best_response import best_response_dynamics, logit_dynamics
from gametheory_af.dynamics.replicator import replicator

from ._check import case, run_case

PD = gt.catalog.prisoners_dilemma()
BOS = gt.catalog.battle_of_the_sexes()  # not symmetric
THREE = gt.NormalFormGame(np.zeros((3, 2, 2, 2)))


def rep(game=PD, initial=None, **kw):
    return lambda: replicator(game, initial, **kw)


def br(initial=None, **kw):
    return lambda: best_response_dynamics(PD, initial, **kw)


def lg(initial=None, **kw):
    return lambda: logit_dynamics(PD, initial, **kw)


def _with_limits(call, **limits):
    def run():
        with gt.limits(**limits):
            call()

    return run


CASES = [
    # replicator
    case(rep(steps=-1), GameError, ("replicator", "steps", "-1"), id="rep-steps-negative"),
    case(rep(steps=2.5), TypeError, ("replicator", "steps", "2.5"), id="rep-steps-float"),
    case(rep(t_max=0), GameError, ("replicator", "t_max", "0"), id="rep-t_max-zero"),
    case(rep(t_max=float("nan")), GameError, ("replicator", "t_max", "nan"), id="rep-t_max-nan"),
    case(rep(t_max=float("inf")), GameError, ("replicator", "t_max", "inf"), id="rep-t_max-inf"),
    case(rep(rtol=0), GameError, ("replicator", "rtol", "0"), id="rep-rtol-zero"),
    case(rep(atol=-1e-9), GameError, ("replicator", "atol", "-1e-09"), id="rep-atol-negative"),
    case(rep(population="both"), GameError, ("replicator", "population", "'both'", "'single'"), id="rep-population"),
    case(rep(method="Euler"), GameError, ("replicator", "method", "'Euler'", "'RK45'"), id="rep-method"),
    case(rep(normalize="yes"), TypeError, ("replicator", "normalize", "'yes'"), id="rep-normalize-type"),
    case(rep(progress="yes"), TypeError, ("replicator", "progress", "'yes'"), id="rep-progress-type"),
    case(rep(record_every=0), GameError, ("replicator", "record_every", "0"), id="rep-record_every"),
    case(rep(rng="seed", initial=3), TypeError, ("replicator", "rng", "'seed'"), id="rep-rng"),
    case(rep(BOS, population="single"), GameError, ("replicator", "population='single'", "symmetric", "(2, 2)"),
         id="rep-single-not-symmetric"),
    case(rep(THREE, population="single"), GameError, ("population='single'", "3-player"), id="rep-single-three-players"),
    case(rep(initial=([0.2, 0.8], [0.5, 0.5]), population="single"), GameError,
         ("initial", "population='single'", "row 0", "0.2", "0.5"), id="rep-single-rows-differ"),
    case(rep(initial=([0.5, 0.6], [0.5, 0.5])), GameError, ("replicator", "initial[0]", "simplex", "0.6"),
         id="rep-initial-off-simplex"),
    case(rep(initial=([[0.5, 0.5], [1.5, -0.5]], [[1, 0], [0, 1]])), GameError,
         ("replicator", "initial[0]", "row 1", "-0.5"), id="rep-batch-negative"),
    case(lambda: replicator("PD"), TypeError, ("replicator", "game", "str"), id="rep-game-type"),
    case(_with_limits(rep(initial=1000, steps=1000), max_entries=10**6), GameError,
         ("replicator", "recorded state entries", "max_entries"), id="rep-recording-too-large"),
    case(_with_limits(rep(initial=2000, method="LSODA", steps=1), max_entries=10**6), GameError,
         ("replicator", "LSODA", "max_entries"), id="rep-lsoda-jacobian-too-large"),
    # best-response dynamics
    case(br(steps=-2), GameError, ("best_response_dynamics", "steps", "-2"), id="br-steps-negative"),
    case(br(dt=0), GameError, ("best_response_dynamics", "dt", "0"), id="br-dt-zero"),
    case(br(dt=1.5), GameError, ("best_response_dynamics", "dt", "1.5"), id="br-dt-above-one"),
    case(br(dt=float("inf")), GameError, ("best_response_dynamics", "dt", "inf"), id="br-dt-inf"),
    case(br(dt=float("nan")), GameError, ("best_response_dynamics", "dt", "nan"), id="br-dt-nan"),
    case(br(ties="random"), GameError, ("best_response_dynamics", "ties", "'random'", "'uniform'"), id="br-ties"),
    case(br(tol=-1), GameError, ("best_response_dynamics", "tol", "-1"), id="br-tol-negative"),
    case(br(record_every=-1), GameError, ("best_response_dynamics", "record_every", "-1"), id="br-record_every"),
    case(br(progress=1), TypeError, ("best_response_dynamics", "progress", "1"), id="br-progress-type"),
    case(br(initial=([0.5, 0.5], [np.nan, 1.0])), GameError, ("best_response_dynamics", "initial[1]", "nan"),
         id="br-initial-nan"),
    case(br(initial=0), GameError, ("best_response_dynamics", "initial", "0"), id="br-initial-zero-starts"),
    case(lambda: best_response_dynamics(None), TypeError, ("best_response_dynamics", "game", "NoneType"), id="br-game-type"),
    case(_with_limits(br(initial=1000, steps=1000), max_entries=10**6), GameError,
         ("best_response_dynamics", "recorded state entries", "max_entries"), id="br-recording-too-large"),
    # logit dynamics
    case(lg(lam=-1), GameError, ("logit_dynamics", "lam", "-1"), id="logit-lam-negative"),
    case(lg(lam=float("nan")), GameError, ("logit_dynamics", "lam", "nan"), id="logit-lam-nan"),
    case(lg(lam="2"), TypeError, ("logit_dynamics", "lam", "'2'"), id="logit-lam-text"),
    case(lg(steps=-5), GameError, ("logit_dynamics", "steps", "-5"), id="logit-steps-negative"),
    case(lg(dt=-0.1), GameError, ("logit_dynamics", "dt", "-0.1"), id="logit-dt-negative"),
    case(lg(initial=([0.5, 0.3, 0.2], [0.5, 0.5])), GameError, ("logit_dynamics", "initial[0]", "(3,)"),
         id="logit-initial-length"),
    case(_with_limits(lg(initial=10**5, steps=1), max_entries=10**5), GameError,
         ("logit_dynamics", "max_entries"), id="logit-batch-too-large"),
]


@pytest.mark.parametrize(("call", "exc", "names"), CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)
