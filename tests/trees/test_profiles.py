"""Behaviour profiles in trees: reach, payoffs, regrets computed in the tree, beliefs, equilibrium records."""

from __future__ import annotations

import json
import pickle
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.trees import Chance, Decision, ExtensiveFormGame
from gametheory_af.trees.profiles import (
    as_behavior,
    as_exact_behavior,
    behavior_payoffs,
    behavior_regrets,
    beliefs,
    best_response_values,
    flatten_behavior,
    reach_probabilities,
    unflatten_behavior,
)
from gametheory_af.trees.result import BehaviorEquilibrium, TreeEquilibriumResult, make_behavior_equilibrium
from tests.strategies import games, mixed_profiles

ENTRY = gt.catalog.entry_deterrence()
MP = gt.catalog.matching_pennies_tree()


def test_entry_deterrence_regrets_known():
    # (Out, Fight) is Nash: the threat is never tested. (In, Fight) is not: both gain by deviating.
    assert behavior_regrets(ENTRY, ["Out", "Fight"]).tolist() == [0.0, 0.0]
    assert behavior_regrets(ENTRY, ["In", "Fight"]).tolist() == [1.0, 2.0]
    assert behavior_regrets(ENTRY, ["In", "Accommodate"]).tolist() == [0.0, 0.0]
    assert behavior_regrets(ENTRY, ["Out", "Accommodate"]).tolist() == [1.0, 0.0]
    assert behavior_regrets(ENTRY, ["In", "Fight"], exact=True).tolist() == [Fraction(1), Fraction(2)]


def test_best_response_actions():
    value, acts = best_response_values(ENTRY, ["In", "Fight"], "Incumbent")
    assert value == 1.0 and acts.tolist() == [-1, 1]
    value0, acts0 = best_response_values(ENTRY, ["Out", "Fight"], 0)
    assert value0 == 0.0 and acts0.tolist() == [0, -1]  # Out (0) beats In-then-Fight (-1)
    v, _ = best_response_values(ENTRY, ["Out", [Fraction(1, 2), Fraction(1, 2)]], 0, exact=True)
    assert v == Fraction(0)


def test_matching_pennies_tree():
    half = [[0.5, 0.5], [0.5, 0.5]]
    assert behavior_regrets(MP, half).tolist() == [0.0, 0.0]
    assert behavior_payoffs(MP, half).tolist() == [0.0, 0.0]
    r = behavior_regrets(MP, [[1, 0], [0.5, 0.5]])
    assert r[0] == 0.0 and r[1] == 1.0
    assert reach_probabilities(MP, [[0.25, 0.75], "T"]).tolist() == [1, 0.25, 0.75, 0, 0.25, 0, 0.75]
    assert reach_probabilities(MP, [[0.25, 0.75], "T"], exclude=1).tolist() == [1, 0.25, 0.75, 0.25, 0.25, 0.75, 0.75]


def test_beliefs_bayes_and_undefined():
    b = beliefs(MP, [[0.25, 0.75], [0.5, 0.5]])
    assert b[0].tolist() == [1.0] and b[1].tolist() == [0.25, 0.75]
    # a chance move then a player who cannot see it, reached only on one side
    g = ExtensiveFormGame(
        Chance(
            {
                "l": ("1/3", Decision("A", {"go": Decision("B", {"x": (1, 0), "y": (0, 1)}, infoset="b"), "stop": (0, 0)}, infoset="al")),
                "r": ("2/3", Decision("A", {"go": Decision("B", {"x": (0, 1), "y": (1, 0)}, infoset="b"), "stop": (0, 0)}, infoset="ar")),
            }
        )
    )
    bel = beliefs(g, {"al": "go", "ar": "stop", "b": "x"}, exact=True)
    assert bel[2].tolist() == [Fraction(1), Fraction(0)]
    dead = beliefs(g, {"al": "stop", "ar": "stop", "b": "x"})
    assert np.isnan(dead[2]).all()
    assert beliefs(g, {"al": "stop", "ar": "stop", "b": "x"}, exact=True)[2].tolist() == [None, None]


def test_mapping_and_pure_entries():
    assert [v.tolist() for v in as_behavior(MP, {"h1": "T", "h2": [0.5, 0.5]})] == [[0, 1], [0.5, 0.5]]
    ex = as_exact_behavior(MP, {0: 1, 1: ["1/3", Fraction(2, 3)]})
    assert ex[1].tolist() == [Fraction(1, 3), Fraction(2, 3)] and ex[0].tolist() == [0, 1]
    flat = flatten_behavior(as_behavior(MP, ["H", "T"]))
    assert flat.tolist() == [1, 0, 0, 1]
    assert [v.tolist() for v in unflatten_behavior(MP, flat)] == [[1, 0], [0, 1]]
    assert flatten_behavior(()).size == 0


def test_equilibrium_record_and_result():
    eq = make_behavior_equilibrium(ENTRY, ["In", "Accommodate"])
    assert eq.is_pure and eq.pure_actions == (1, 1) and eq.max_regret == 0.0
    assert eq.describe(ENTRY) == "Entrant: In; Incumbent: Accommodate"
    bad = make_behavior_equilibrium(ENTRY, ["In", "Fight"])
    assert bad.max_regret == 2.0 and bad.relative_regret == pytest.approx(2 / 3)
    mixed = make_behavior_equilibrium(MP, [["1/2", "1/2"], ["1/2", "1/2"]], exact=True)
    assert mixed.exact == ((Fraction(1, 2), Fraction(1, 2)),) * 2 and mixed.pure_actions is None
    assert mixed.describe(MP) == "Player 1: mix(H 0.5, T 0.5); Player 2: mix(H 0.5, T 0.5)"
    res = TreeEquilibriumResult((eq, bad), "by hand", False, parameters={"tol": 1e-9}, game=ENTRY, n_iter=2)
    assert len(res) == 2 and res[0] is eq and res.max_regret == 2.0 and bool(res)
    assert res.describe() == ["Entrant: In; Incumbent: Accommodate", "Entrant: In; Incumbent: Fight"]
    d = json.loads(json.dumps(res.to_dict(), allow_nan=False))
    assert d["equilibria"][0]["description"] == "Entrant: In; Incumbent: Accommodate"
    empty = TreeEquilibriumResult((), "none", True)
    assert np.isnan(empty.max_regret) and empty.to_dict()["max_regret"] is None and not empty
    back = pickle.loads(pickle.dumps(res))
    assert back == res and not back[0].behavior[0].flags.writeable
    assert "BehaviorEquilibrium" in repr(eq) and "TreeEquilibriumResult" in repr(res)
    assert "exact" in mixed.to_dict(MP)
    assert isinstance(eq, BehaviorEquilibrium)


def test_describe_names_information_sets_of_a_player_with_several():
    g = ExtensiveFormGame(Decision("A", {"x": Decision("A", {"u": (1,), "v": (0,)}), "y": Decision("A", {"u": (0,), "v": (1,)}, infoset="late")}))
    eq = make_behavior_equilibrium(g, ["x", "u", "v"])
    assert eq.describe(g) == "A at the root: x; A after x: u; A [late]: v"


@given(games(min_players=2, max_players=3, max_strategies=3), st.data())
def test_regret_in_the_tree_equals_normal_form_regret(g, data):
    """A simultaneous-move tree: behaviour = mixed strategy, so the tree regret is the matrix regret."""
    t = ExtensiveFormGame.from_normal_form(g)
    sigma = data.draw(mixed_profiles(g))
    assert np.allclose(behavior_regrets(t, sigma), gt.regrets(g, sigma), atol=1e-9)
    assert np.allclose(behavior_payoffs(t, sigma), gt.expected_payoffs(g, sigma), atol=1e-9)


@given(games(min_players=2, max_players=2, max_strategies=3), st.data())
def test_exact_regret_agrees_with_exact_matrix_regret(g, data):
    t = ExtensiveFormGame.from_normal_form(g)
    sigma = data.draw(mixed_profiles(g))
    exact = [[Fraction(x).limit_denominator(1000) for x in s] for s in sigma]
    exact = [[x / sum(s) for x in s] for s in exact]
    assert behavior_regrets(t, exact, exact=True).tolist() == gt.regrets(g, exact, exact=True).tolist()


@given(st.floats(0.1, 10), st.floats(-5, 5))
def test_relative_regret_invariant_to_payoff_scaling(scale, shift):
    base = make_behavior_equilibrium(ENTRY, ["In", "Fight"])
    pay = ENTRY.terminal_payoffs * scale + shift
    g = ExtensiveFormGame(
        Decision("Entrant", {"Out": tuple(pay[0]), "In": Decision("Incumbent", {"Fight": tuple(pay[1]), "Accommodate": tuple(pay[2])})})
    )
    eq = make_behavior_equilibrium(g, ["In", "Fight"])
    assert eq.relative_regret == pytest.approx(base.relative_regret, rel=1e-9)
    assert eq.max_regret == pytest.approx(base.max_regret * scale, rel=1e-9)
