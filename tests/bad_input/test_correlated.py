"""Bad input to the correlated-equilibrium functions: every case names the argument and the value."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers.correlated import correlated_equilibria, correlation_gains, is_correlated
from tests.bad_input._check import case, run_case

GameError = gt.GameError
G = gt.catalog.chicken()
BIG = gt.NormalFormGame(np.random.default_rng(0).standard_normal((2, 4, 4)))

CASES = [
    case(lambda: correlation_gains(G, [[0.5, 0.5], [0.5, 0.0]]), GameError, ["distribution", "off the simplex", "sum to 1.5"], id="gains-sum"),
    case(lambda: correlation_gains(G, [[1.5, -0.5], [0, 0]]), GameError, ["distribution", "negative", "-0.5", "(0, 1)"], id="gains-negative"),
    case(lambda: correlation_gains(G, [0.25] * 4), GameError, ["distribution", "shape (2, 2)", "got shape (4,)"], id="gains-shape"),
    case(lambda: correlation_gains(G, [[np.nan, 0.5], [0.5, 0]]), GameError, ["distribution", "finite", "nan", "(0, 0)"], id="gains-nan"),
    case(lambda: correlation_gains(G, [["a", "b"], ["c", "d"]]), GameError, ["distribution", "numbers"], id="gains-text"),
    case(lambda: correlation_gains(G, [[1 / 3, 1 / 3], [1 / 3, 0]], exact=True), GameError, ["distribution", "exactly 1", "Fraction"], id="gains-exact-floats"),
    case(lambda: correlation_gains(G, [[F(1, 2), F(1, 2)], [F(1, 2), F(-1, 2)]], exact=True), GameError, ["distribution", "negative", "-0.5"], id="gains-exact-negative"),
    case(lambda: correlation_gains("chicken", [[1, 0], [0, 0]]), TypeError, ["game", "NormalFormGame", "str"], id="gains-game"),
    case(lambda: correlation_gains(G, [[1, 0], [0, 0]], exact="yes"), TypeError, ["exact", "'yes'"], id="gains-exact-flag"),
    case(lambda: is_correlated(G, [[1, 0], [0, 0]], tol=-1), GameError, ["tol", "-1"], id="is-correlated-tol"),
    case(lambda: is_correlated(G, [[1, 0], [0]]), GameError, ["distribution", "ragged"], id="is-correlated-ragged"),
    case(lambda: correlated_equilibria(G, objective="utilitarian"), GameError, ["objective", "'utilitarian'", "'welfare'", "'extreme'"], id="objective-unknown"),
    case(lambda: correlated_equilibria(G, objective=[1, 2, 3]), GameError, ["objective", "2 numbers", "[1, 2, 3]"], id="objective-weights-length"),
    case(lambda: correlated_equilibria(G, objective=[[1, 2]]), GameError, ["objective", "2 numbers"], id="objective-weights-2d"),
    case(lambda: correlated_equilibria(G, objective=[1, float("inf")]), GameError, ["objective", "finite", "inf"], id="objective-weights-inf"),
    case(lambda: correlated_equilibria(G, objective=None), GameError, ["objective"], id="objective-none"),
    case(lambda: correlated_equilibria(G, max_vertices=0), GameError, ["max_vertices", ">= 1", "0"], id="max-vertices"),
    case(lambda: correlated_equilibria(G, tol=float("nan")), GameError, ["tol", "nan"], id="tol-nan"),
    case(lambda: correlated_equilibria(G, exact=1), TypeError, ["exact", "1"], id="exact-flag"),
    case(lambda: correlated_equilibria([[1, 2], [3, 4]]), TypeError, ["game", "NormalFormGame", "list"], id="game-type"),
    case(
        lambda: correlated_equilibria(BIG, objective="extreme"),
        GameError,
        ["bases of the correlated-equilibrium polytope", "max_calls", "set_limits"],
        id="extreme-too-large",
    ),
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)


def test_memory_limit_on_the_constraint_matrix():
    with gt.limits(max_entries=10):
        run_case(lambda: correlated_equilibria(G), GameError, ["incentive-constraint entries", "max_entries"])


def test_welfare_of_a_large_game_is_not_refused():
    assert correlated_equilibria(BIG).complete
