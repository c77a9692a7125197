"""Bad input to Bayesian games, bayes_nash, make_bayes_equilibrium, signaling_game and is_perfect_bayesian."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af import GameError
from gametheory_af.solvers.bayesian import BayesNashResult, bayes_nash, is_perfect_bayesian, make_bayes_equilibrium
from gametheory_af.trees import Decision, ExtensiveFormGame
from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game

from ._check import case, run_case

B = BayesianGame
H = F(1, 2)
Z = np.zeros((2, 1, 2, 2, 2))  # two players, types (1, 2), actions (2, 2)
P = [[H, H]]
G = B(P, Z, players=["A", "B"], types=[["t"], ["x", "y"]], actions=[["u", "d"], ["l", "r"]])
PD = gt.catalog.prisoners_dilemma()
US = [[[1, 3], [0, 2]], [[0, 2], [1, 3]]]
UR = [[[0, 1], [0, 1]], [[1, 0], [1, 0]]]
SG = signaling_game([F(9, 10), F(1, 10)], US, UR, types=["strong", "weak"], messages=["beer", "quiche"], actions=["duel", "not"])
POOL = {"Sender: strong": "beer", "Sender: weak": "beer", "Receiver: beer": "not", "Receiver: quiche": "duel"}

# a game without perfect recall: the player forgets her own first move
FORGET = ExtensiveFormGame(
    Decision("P", {"a": Decision("P", {"c": (1,), "d": (0,)}, infoset="J"), "b": Decision("P", {"c": (0,), "d": (1,)}, infoset="J")}),
)


def _nan_at_positive_prior() -> BayesianGame:
    u = Z.copy()
    u[1, 0, 1, 0, 1] = np.nan
    return B(P, u, types=[["t"], ["x", "y"]])


CASES = [
    # the prior
    case(lambda: B([[F(1, 2), F(1, 3)]], Z), GameError, ("prior", "sum to exactly 1", "5/6"), id="prior-exact-sum"),
    case(lambda: B(np.array([[0.5, 0.6]]), Z), GameError, ("prior", "sum to 1", "1.1"), id="prior-float-sum"),
    case(lambda: B([[F(3, 2), F(-1, 2)]], Z, types=[["t"], ["x", "y"]]), GameError, ("('t', 'y')", "-1/2", ">= 0"), id="prior-negative"),
    case(lambda: B([[0.5, np.nan]], Z), GameError, ("prior", "nan"), id="prior-nan"),
    case(lambda: B(np.zeros((0,)), Z), GameError, ("prior", "(0,)"), id="prior-empty"),
    case(lambda: B("1", Z), TypeError, ("prior", "'1'"), id="prior-str"),
    case(lambda: B([[0.5, "a"]], Z), GameError, ("prior", "'a'"), id="prior-text"),
    case(lambda: B([[0.5, None]], Z), GameError, ("prior", "None"), id="prior-none-entry"),
    case(lambda: B([[0.5], [0.5, 0.5]], Z), GameError, ("prior", "ragged"), id="prior-ragged"),
    case(lambda: B(np.array([[0.5, 0.5j]]), Z), GameError, ("prior", "real"), id="prior-complex"),
    case(lambda: B(np.array([["a", "b"]]), Z), GameError, ("prior", "dtype"), id="prior-dtype"),
    case(lambda: B([[H, H]], [[[[[10**400]]]]]), GameError, ("payoffs", "float64"), id="payoff-beyond-float64"),
    # payoffs: a type without payoffs, shapes
    case(lambda: B([[H, H]], np.zeros((2, 1, 1, 2, 2)), players=["A", "B"], types=[["t"], ["x", "y"]]), GameError, ("'B'", "type 'y' has no payoffs"), id="type-without-payoffs"),
    case(lambda: B([[H, H]], np.zeros((2, 1, 3, 2, 2))), GameError, ("3 types", "prior has 2"), id="payoffs-extra-type"),
    case(lambda: B(P, np.zeros((2, 1, 2, 2))), GameError, ("payoffs", "(2, 1, 2, 2)", "5 axes"), id="payoffs-axes"),
    case(lambda: B(P, np.zeros((3, 1, 2, 2, 2))), GameError, ("payoffs", "(3, 1, 2, 2, 2)"), id="payoffs-players"),
    case(lambda: B(P, np.zeros((2, 1, 2, 0, 2)), players=["A", "B"]), GameError, ("'A'", "no actions"), id="payoffs-no-actions"),
    case(_nan_at_positive_prior, GameError, ("'Player 2'", "no payoff (nan)", "('t', 'y')", "1/2"), id="payoffs-nan-positive-prior"),
    case(lambda: B(P, np.full((2, 1, 2, 2, 2), np.inf)), GameError, ("payoffs", "inf"), id="payoffs-inf"),
    # names
    case(lambda: B(P, Z, players=["A", "A"]), GameError, ("players", "'A'"), id="players-duplicate"),
    case(lambda: B(P, Z, players="AB"), TypeError, ("players", "'AB'"), id="players-str"),
    case(lambda: B(P, Z, types=[["t"], ["x", "x"]]), GameError, ("types[1]", "'x'"), id="types-duplicate"),
    case(lambda: B(P, Z, types=[["t"], ["x"]]), GameError, ("types[1]", "2", "1"), id="types-count"),
    case(lambda: B(P, Z, types=[["t"]]), GameError, ("types", "one sequence of names per player"), id="types-players"),
    case(lambda: B(P, Z, types="tx"), TypeError, ("types", "'tx'"), id="types-str"),
    case(lambda: B(P, Z, actions=[["u", "u"], ["l", "r"]]), GameError, ("actions[0]", "'u'"), id="actions-duplicate"),
    case(lambda: B(P, Z, actions=[["u", ""], ["l", "r"]]), GameError, ("actions[0]", "''"), id="actions-empty-name"),
    # independent
    case(lambda: B.independent([[0.5, 0.6], [1.0]], Z), GameError, ("marginals[0]", "sum to 1", "1.1"), id="independent-sum"),
    case(lambda: B.independent([[F(3, 2), F(-1, 2)]], np.zeros((1, 2, 1))), GameError, ("marginals[0]", "-1/2"), id="independent-negative"),
    case(lambda: B.independent([[[0.5, 0.5]]], np.zeros((1, 2, 1))), GameError, ("marginals[0]", "vector"), id="independent-shape"),
    case(lambda: B.independent("ab", Z), TypeError, ("marginals", "'ab'"), id="independent-str"),
    case(lambda: B.independent([], Z), TypeError, ("marginals", "[]"), id="independent-empty"),
    # from_function
    case(lambda: B.from_function([1], "f", types=[["t"]], actions=[["a"]]), TypeError, ("payoff", "'f'"), id="function-not-callable"),
    case(lambda: B.from_function([1], lambda t, a: [1, 2], types=[["t"]], actions=[["a"]]), GameError, ("payoff", "1 payoffs", "[1, 2]"), id="function-wrong-count"),
    case(lambda: B.from_function([1], lambda t, a: [1], types=[["t"]], actions="a"), GameError, ("actions", "'a'"), id="function-actions"),
    # from_games
    case(lambda: B.from_games([[H, H]], {("t1", "t1"): PD}), GameError, ("('t1', 't2')", "1/2", "no game"), id="games-missing-profile"),
    case(lambda: B.from_games([[H, H]], {("t1", "zz"): PD}), GameError, ("'zz'", "not a type of player 1"), id="games-unknown-type"),
    case(lambda: B.from_games([[H, H]], {("t1",): PD}), GameError, ("key", "('t1',)"), id="games-key-length"),
    case(lambda: B.from_games([[H, H]], {("t1", "t1"): PD, ("t1", "t2"): gt.catalog.rock_paper_scissors()}), GameError, ("('t1', 't2')", "(3, 3)", "(2, 2)"), id="games-shapes"),
    case(lambda: B.from_games([[H, H]], {("t1", "t1"): PD, ("t1", "t2"): "x"}), TypeError, ("('t1', 't2')", "NormalFormGame"), id="games-not-game"),
    case(lambda: B.from_games([[H, H]], {("t1", "t1"): 3}), TypeError, ("NormalFormGame", "3"), id="games-first-not-game"),
    case(lambda: B.from_games([[H, H]], {}), TypeError, ("games", "{}"), id="games-empty"),
    case(lambda: B.from_games([H, H], {("t1",): PD}), GameError, ("1 players", "2"), id="games-player-count"),
    # lookups and posterior
    case(lambda: G.player_index("Z"), GameError, ("'Z'", "players"), id="player-unknown"),
    case(lambda: G.player_index(5), GameError, ("player index 5", "0..1"), id="player-range"),
    case(lambda: G.player_index(1.5), TypeError, ("player", "1.5"), id="player-type"),
    case(lambda: G.type_index("B", "q"), GameError, ("'q'", "not a type of player 'B'"), id="type-unknown"),
    case(lambda: G.type_index("B", 9), GameError, ("type index 9", "'B'"), id="type-range"),
    case(lambda: G.type_index("B", None), TypeError, ("type", "None"), id="type-type"),
    case(lambda: posterior("g", 0, 0), TypeError, ("posterior", "BayesianGame"), id="posterior-not-game"),
    # bayes_nash and certificates
    case(lambda: bayes_nash(PD), TypeError, ("bayes_nash", "BayesianGame"), id="bne-not-game"),
    case(lambda: bayes_nash(G, form="tree"), GameError, ("form", "'tree'"), id="bne-form"),
    case(lambda: bayes_nash(G, method="nope"), GameError, ("method", "'nope'"), id="bne-method"),
    case(lambda: bayes_nash(G, tol=-1), GameError, ("tol", "-1"), id="bne-tol"),
    case(lambda: bayes_nash(G, exact="yes"), TypeError, ("exact", "'yes'"), id="bne-exact"),
    case(lambda: make_bayes_equilibrium(G, [["u"]]), GameError, ("strategy", "2"), id="strategy-players"),
    case(lambda: make_bayes_equilibrium(G, [["u"], ["l"]]), GameError, ("strategy[1]", "'B'", "2"), id="strategy-types"),
    case(lambda: make_bayes_equilibrium(G, [["u"], ["l", "zz"]]), GameError, ("'zz'", "type 'y' of player 'B'"), id="strategy-action-name"),
    case(lambda: make_bayes_equilibrium(G, [["u"], ["l", 7]]), GameError, ("action index 7", "type 'y'"), id="strategy-action-index"),
    case(lambda: make_bayes_equilibrium(G, [["u"], ["l", [0.5, 0.6]]]), GameError, ("type 'y'", "summing to 1", "0.6"), id="strategy-sum"),
    case(lambda: make_bayes_equilibrium(G, [["u"], ["l", [0.5]]]), GameError, ("type 'y'", "2 probabilities"), id="strategy-length"),
    case(lambda: make_bayes_equilibrium(G, [["u"], ["l", [None, 1]]]), GameError, ("type 'y'", "numbers"), id="strategy-non-number"),
    case(lambda: make_bayes_equilibrium(G, [["u"], ["l", [0.3, 0.6]]], exact=True), GameError, ("type 'y'", "exact", "summing to 1"), id="strategy-exact-inexact"),
    case(lambda: make_bayes_equilibrium(G, [["u"], {"x": "l"}]), GameError, ("type 'y' of player 'B'", "no action"), id="strategy-mapping-missing"),
    case(lambda: make_bayes_equilibrium(G, "ul"), GameError, ("strategy", "'ul'"), id="strategy-str"),
    case(lambda: make_bayes_equilibrium(G, [["u"], ["l", "r"]]).describe(PD), TypeError, ("describe", "BayesianGame"), id="describe-wrong-game"),
    case(lambda: make_bayes_equilibrium(G, [["u"], ["l", "r"]]).describe(B([1], np.zeros((1, 1, 3)))), GameError, ("does not fit",), id="describe-other-game"),
    case(lambda: BayesNashResult(equilibria=("x",), method="m", complete=True), TypeError, ("equilibria[0]", "'x'"), id="result-equilibria"),
    # signaling_game
    case(lambda: signaling_game([0.5, 0.6], US, UR), GameError, ("prior", "sum to 1"), id="signal-prior-sum"),
    case(lambda: signaling_game([[0.5, 0.5]], US, UR), GameError, ("prior", "vector"), id="signal-prior-shape"),
    case(lambda: signaling_game([0.5, 0.5], US, np.zeros((2, 2, 3))), GameError, ("receiver_payoffs", "(2, 2, 3)", "(2, 2, 2)"), id="signal-shapes"),
    case(lambda: signaling_game([1.0], US, UR), GameError, ("sender_payoffs", "n_types=1"), id="signal-types"),
    case(lambda: signaling_game([0.5, 0.5], np.zeros((2, 0, 2)), np.zeros((2, 0, 2))), GameError, ("message", "(2, 0, 2)"), id="signal-no-messages"),
    case(lambda: signaling_game([0.5, 0.5], US, UR, messages=["m", "m"]), GameError, ("messages", "'m'"), id="signal-duplicate-message"),
    # is_perfect_bayesian
    case(lambda: is_perfect_bayesian(PD, POOL), TypeError, ("is_perfect_bayesian", "ExtensiveFormGame"), id="pbe-not-tree"),
    case(lambda: is_perfect_bayesian(FORGET, ["a", "c"]), GameError, ("is_perfect_bayesian", "perfect recall"), id="pbe-imperfect-recall"),
    case(lambda: is_perfect_bayesian(SG, POOL, [None]), GameError, ("beliefs", "1 entries", "4"), id="pbe-beliefs-length"),
    case(lambda: is_perfect_bayesian(SG, POOL, {"Receiver: tea": [1, 0]}), GameError, ("'Receiver: tea'",), id="pbe-beliefs-label"),
    case(lambda: is_perfect_bayesian(SG, POOL, {9: [1, 0]}), GameError, ("beliefs key 9",), id="pbe-beliefs-key"),
    case(lambda: is_perfect_bayesian(SG, POOL, {"Receiver: quiche": [0.5, 0.6]}), GameError, ("'Receiver: quiche'", "summing to 1"), id="pbe-beliefs-sum"),
    case(lambda: is_perfect_bayesian(SG, POOL, {"Receiver: quiche": [H, H + 1]}, exact=True), GameError, ("'Receiver: quiche'", "exactly 1"), id="pbe-beliefs-exact-sum"),
    case(lambda: is_perfect_bayesian(SG, POOL, {"Receiver: quiche": [1]}), GameError, ("'Receiver: quiche'", "2 probabilities"), id="pbe-beliefs-size"),
    case(lambda: is_perfect_bayesian(SG, POOL, {"Receiver: quiche": [None, 1]}), GameError, ("'Receiver: quiche'", "numbers"), id="pbe-beliefs-values"),
    case(lambda: is_perfect_bayesian(SG, POOL, "beliefs"), TypeError, ("beliefs", "'beliefs'"), id="pbe-beliefs-str"),
    case(lambda: is_perfect_bayesian(SG, POOL, tol=-1.0), GameError, ("tol", "-1"), id="pbe-tol"),
    case(lambda: is_perfect_bayesian(SG, {"Sender: strong": "wine"}), GameError, ("Sender: weak",), id="pbe-behavior-missing"),
    case(lambda: is_perfect_bayesian(SG, POOL).describe(PD), TypeError, ("describe", "ExtensiveFormGame"), id="pbe-describe-not-tree"),
    case(lambda: is_perfect_bayesian(SG, POOL).describe(FORGET), GameError, ("information sets",), id="pbe-describe-other-tree"),
]


@pytest.mark.parametrize(("call", "exc", "names"), CASES)
def test_bad_input(call, exc, names) -> None:  # type: ignore[no-untyped-def]
    run_case(call, exc, names)


def test_limits_on_sizes() -> None:
    with gt.limits(max_entries=5):
        with pytest.raises(GameError, match="type profiles"):
            B(np.full((2, 2, 2), 1 / 8), np.zeros((3, 2, 2, 2, 1, 1, 1)))
        with pytest.raises(GameError, match="tree nodes"):
            signaling_game([0.5, 0.5], US, UR)
