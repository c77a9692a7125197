"""Bad input to basins and plot_basins.

Every case asserts the exception type and that the message names the argument and the value.
"""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.dynamics.basins import basins, grid_profiles
from tests.bad_input._check import case, run_case
from tests.dynamics.test_basins import euler_replicator

GameError = gt.GameError
STAG = gt.catalog.stag_hunt()
RPS = gt.catalog.rock_paper_scissors()
NAN = float("nan")
R = euler_replicator


def _not_a_result(game, initial=None, **kw):
    return "done"


def _wrong_size(game, initial=None, **kw):
    return euler_replicator(game, 1, **kw)


def _plot(result, **kw):
    pytest.importorskip("matplotlib")
    from gametheory_af.plotting import plot_basins

    return plot_basins(result, **kw)


def _res(game=STAG):
    return basins(game, R, grid=2, steps=1) if game is STAG else basins(game, R, 4, rng=0, steps=1)


ONE_STRATEGY = gt.NormalFormGame.from_bimatrix([[1], [2]], [[1], [0]])

CASES = [
    case(lambda: basins("g"), TypeError, ("basins", "game", "'g'"), id="game-str"),
    case(lambda: basins(STAG, "replicatr"), GameError, ("dynamic", "'replicatr'", "'replicator'", "'logit'"), id="dynamic-unknown"),
    case(lambda: basins(STAG, 3), TypeError, ("dynamic", "3", "int"), id="dynamic-int"),
    case(lambda: basins(STAG, R, ([[0.5, 0.6]], [[1, 0]])), GameError, ("initial", "off the simplex", "0.6"), id="initial-off-simplex"),
    case(lambda: basins(STAG, R, ([[-0.5, 1.5]], [[1, 0]])), GameError, ("initial", "negative", "-0.5"), id="initial-negative"),
    case(lambda: basins(STAG, R, 0), GameError, ("initial", "0"), id="initial-zero-starts"),
    case(lambda: basins(STAG, R, "many"), TypeError, ("initial", "'many'"), id="initial-str"),
    case(lambda: basins(STAG, R, 3, grid=4), GameError, ("initial", "grid", "not both"), id="initial-and-grid"),
    case(lambda: basins(STAG, R, steps=-1), GameError, ("steps", "-1"), id="steps-negative"),
    case(lambda: basins(STAG, R, steps=2.5), TypeError, ("steps", "2.5"), id="steps-float"),
    case(lambda: basins(STAG, R, tol=NAN), GameError, ("tol", "nan"), id="tol-nan"),
    case(lambda: basins(STAG, R, tol=-0.1), GameError, ("tol", "-0.1"), id="tol-negative"),
    case(lambda: basins(STAG, R, rng="seed"), TypeError, ("rng", "'seed'"), id="rng-str"),
    case(lambda: basins(STAG, R, progress="yes"), TypeError, ("progress", "'yes'"), id="progress-str"),
    case(lambda: basins(STAG, R, grid=0), GameError, ("grid", "0"), id="grid-zero"),
    case(lambda: basins(STAG, R, grid=2.0), TypeError, ("grid", "2.0"), id="grid-float"),
    case(lambda: basins(RPS, R, grid=5), GameError, ("grid=5", "2 strategies", "(3, 3)", "initial="), id="grid-3x3"),
    case(lambda: grid_profiles(gt.NormalFormGame(np.zeros((8,) + (2,) * 8)), 10**4), GameError,
         ("grid", "max_entries"), id="grid-too-large"),
    case(lambda: basins(STAG, R, grid=2, record_every=5), GameError, ("record_every", "5"), id="record-every"),
    case(lambda: basins(STAG, _not_a_result, grid=2), TypeError, ("_not_a_result", "DynamicsResult", "str"), id="callable-returns-str"),
    case(lambda: basins(STAG, _wrong_size, grid=2, steps=1), GameError, ("_wrong_size", "1 end states", "expected 4"),
         id="callable-wrong-size"),
    case(lambda: basins(STAG, R, grid=2, equilibria="all"), TypeError, ("equilibria", "'all'"), id="equilibria-str"),
    case(lambda: basins(STAG, R, grid=2, equilibria=[([0.5, 0.6], [1, 0])]), GameError, ("equilibria[0]", "0.6"),
         id="equilibria-off-simplex"),
    case(lambda: basins(STAG, R, grid=2, equilibria=gt.nash_equilibria(RPS)), GameError, ("equilibria[0]", "(3, 3)", "(2, 2)"),
         id="equilibria-other-game"),
    case(lambda: basins(STAG, R, grid=2, equilibria=list(gt.nash_equilibria(RPS))), GameError, ("equilibria[0]", "(3, 3)"),
         id="equilibria-other-game-list"),
    case(lambda: _res().describe(digits=-1), GameError, ("digits", "-1"), id="describe-digits"),
    # ---- plot_basins
    case(lambda: _plot("r"), TypeError, ("plot_basins", "result", "BasinsResult", "'r'"), id="plot-not-a-result"),
    case(lambda: _plot(_res(), players=0), TypeError, ("players", "pair", "0"), id="plot-players-int"),
    case(lambda: _plot(_res(), strategies=(0, 0, 0)), TypeError, ("strategies", "pair"), id="plot-strategies-triple"),
    case(lambda: _plot(_res(), players=(0, 2)), GameError, ("players[1]", "2"), id="plot-player-out-of-range"),
    case(lambda: _plot(_res(), strategies=(0, "Fish")), GameError, ("strategies[1]", "Fish"), id="plot-unknown-strategy"),
    case(lambda: _plot(_res(), players=(0, 0), strategies=(0, 1)), GameError, ("sum to one", "no two-dimensional slice"),
         id="plot-two-strategies-of-one-player"),
    case(lambda: _plot(_res(RPS), players=(1, 1), strategies=(2, 2)), GameError, ("same coordinate twice",),
         id="plot-same-coordinate"),
    case(lambda: _plot(basins(ONE_STRATEGY, R, 3, rng=0, steps=1)), GameError, ("'Player 2'", "single strategy"),
         id="plot-single-strategy"),
]


@pytest.mark.parametrize(("call", "exc", "names"), CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)
