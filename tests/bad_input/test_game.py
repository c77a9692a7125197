"""Bad input to NormalFormGame: constructor, names, lookups, restrict/subgame/relabel/permute."""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af import GameError

from ._check import case, run_case

Z = np.zeros((2, 2, 2))
PD = gt.catalog.prisoners_dilemma()  # players Row, Column; strategies Cooperate, Defect
G = gt.NormalFormGame

CASES = [
    # constructor: payoffs
    case(lambda: G(5), GameError, ("payoffs", "5"), id="payoffs-scalar"),
    case(lambda: G("abc"), GameError, ("payoffs", "'abc'"), id="payoffs-str"),
    case(lambda: G([[1, 2], [3]]), GameError, ("payoffs[1]", "(1,)"), id="payoffs-mismatched"),
    case(lambda: G([[[np.nan, 1]], [[1, 1]]]), GameError, ("payoffs", "nan"), id="payoffs-nan"),
    case(lambda: G([[[np.inf, 1]], [[1, 1]]]), GameError, ("payoffs", "inf"), id="payoffs-inf"),
    case(lambda: G([[10**400]]), GameError, ("payoffs", "1000", "float64"), id="payoffs-beyond-float64"),
    case(lambda: G([["a", "b"]]), GameError, ("payoffs[0]", "'a'"), id="payoffs-text"),
    case(lambda: G(np.zeros((2, 0, 2))), GameError, ("payoffs", "(2, 0, 2)"), id="payoffs-zero-strategies"),
    case(lambda: G(np.zeros((2, 2))), GameError, ("payoffs", "(2, 2)"), id="payoffs-too-few-axes"),
    case(lambda: G([]), GameError, ("payoffs", "empty"), id="payoffs-empty"),
    case(lambda: G.from_bimatrix([[1, 2]], [[1], [2]]), GameError, ("A and B", "(1, 2)", "(2, 1)"), id="bimatrix-shapes"),
    case(lambda: G.from_bimatrix([1, 2], [1, 2]), GameError, ("A", "(2,)"), id="bimatrix-1d"),
    # constructor: names
    case(lambda: G(Z, players=["A", "A"]), GameError, ("players", "'A'"), id="players-duplicate"),
    case(lambda: G(Z, players=["A"]), GameError, ("players", "2", "1"), id="players-count"),
    case(lambda: G(Z, players="AB"), TypeError, ("players", "'AB'"), id="players-str"),
    case(lambda: G(Z, players=["A", 3]), TypeError, ("players", "3", "int"), id="players-non-str"),
    case(lambda: G(Z, players=["", "B"]), GameError, ("players", "''"), id="players-empty-name"),
    case(lambda: G(Z, players=7), TypeError, ("players", "7"), id="players-int"),
    case(lambda: G(Z, strategies=[["a", "b"]]), GameError, ("strategies", "2", "1"), id="strategies-count"),
    case(lambda: G(Z, strategies=[["a", "a"], ["x", "y"]]), GameError, ("strategies[0]", "'a'"), id="strategies-dup"),
    case(lambda: G(Z, strategies="ab"), TypeError, ("strategies", "'ab'"), id="strategies-str"),
    case(lambda: G(Z, strategies=[["a", "b"], "xy"]), TypeError, ("strategies[1]", "'xy'"), id="strategies-inner-str"),
    case(lambda: G(Z, strategies=[["a", "b"], ["x"]]), GameError, ("strategies[1]", "2", "1"), id="strategies-inner-count"),
    # lookups
    case(lambda: PD.player_index("Nobody"), GameError, ("player", "'Nobody'"), id="player-unknown"),
    case(lambda: PD.player_index(5), GameError, ("player", "5"), id="player-out-of-range"),
    case(lambda: PD.player_index(1.5), TypeError, ("player", "1.5"), id="player-float"),
    case(lambda: PD.player_index(True), TypeError, ("player", "True"), id="player-bool"),
    case(lambda: PD.strategy_index(0, "Betray"), GameError, ("strategy", "'Betray'"), id="strategy-unknown"),
    case(lambda: PD.strategy_index(0, 7), GameError, ("strategy", "7"), id="strategy-out-of-range"),
    case(lambda: PD.strategy_index(0, None), TypeError, ("strategy", "None"), id="strategy-none"),
    case(lambda: PD.strategy_index("Nobody", 0), GameError, ("player", "'Nobody'"), id="strategy-player-unknown"),
    # restrict, subgame
    case(lambda: PD.restrict(0, "Cooperate"), TypeError, ("restrict", "strategies", "'Cooperate'"), id="restrict-str"),
    case(lambda: PD.restrict(0, []), GameError, ("restrict", "strategies", "empty"), id="restrict-empty"),
    case(lambda: PD.restrict(0, [0, 0]), GameError, ("restrict", "strategies", "[0, 0]"), id="restrict-repeat"),
    case(lambda: PD.restrict(0, ["Nope"]), GameError, ("restrict", "strategies", "'Nope'"), id="restrict-unknown"),
    case(lambda: PD.restrict("Nobody", [0]), GameError, ("restrict", "player", "'Nobody'"), id="restrict-player"),
    case(lambda: PD.restrict(0, 5), TypeError, ("restrict", "strategies", "5"), id="restrict-int"),
    case(lambda: PD.subgame(5), TypeError, ("subgame", "subsets", "5"), id="subgame-int"),
    case(lambda: PD.subgame([None]), GameError, ("subgame", "subsets", "1"), id="subgame-count"),
    case(lambda: PD.subgame([[], None]), GameError, ("subgame", "subsets[0]", "empty"), id="subgame-empty"),
    case(lambda: PD.subgame(["ab", None]), TypeError, ("subgame", "subsets[0]", "'ab'"), id="subgame-str"),
    case(lambda: PD.subgame([None, [9]]), GameError, ("subgame", "subsets[1]", "9"), id="subgame-index"),
    # relabel
    case(lambda: PD.relabel(players={"Nobody": "x"}), GameError, ("relabel", "player", "'Nobody'"), id="relabel-unknown"),
    case(lambda: PD.relabel(players=["A"]), GameError, ("relabel", "players", "1"), id="relabel-count"),
    case(lambda: PD.relabel(players=["A", "A"]), GameError, ("relabel", "players", "'A'"), id="relabel-dup"),
    case(lambda: PD.relabel(players=7), TypeError, ("relabel", "players", "7"), id="relabel-int"),
    case(lambda: PD.relabel(strategies={"Row": "AB"}), TypeError, ("relabel", "strategies[0]", "'AB'"), id="relabel-str"),
    case(lambda: PD.relabel(strategies={"Nobody": ["a", "b"]}), GameError, ("relabel", "strategies key", "'Nobody'"), id="relabel-key"),
    case(lambda: PD.relabel(players={"Row": 5}), TypeError, ("relabel", "players", "5"), id="relabel-value"),
    # permute
    case(lambda: PD.permute_players([0, 0]), GameError, ("permute_players", "order", "[0, 0]"), id="permute-repeat"),
    case(lambda: PD.permute_players("01"), TypeError, ("permute_players", "order", "'01'"), id="permute-str"),
    case(lambda: PD.permute_players([0, 5]), GameError, ("permute_players", "order", "5"), id="permute-range"),
    case(lambda: PD.permute_strategies(0, [1]), GameError, ("permute_strategies", "order", "[1]"), id="permute-strategies-short"),
    case(lambda: PD.permute_strategies(0, 3), TypeError, ("permute_strategies", "order", "3"), id="permute-strategies-int"),
    case(lambda: PD.permute_strategies(0, ["Cooperate", "x"]), GameError, ("permute_strategies", "order", "'x'"), id="permute-strategies-name"),
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)
