"""ExtensiveFormGame: construction, layout invariants, perfect recall, sequences, value semantics."""

from __future__ import annotations

import pickle
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af import GameError
from gametheory_af.trees import CHANCE, TERMINAL, Chance, Decision, ExtensiveFormGame, Terminal
from tests.strategies import games


def entry() -> ExtensiveFormGame:
    return gt.catalog.entry_deterrence()


def forgetful() -> ExtensiveFormGame:
    """Player 1 moves, then moves again without remembering her first move: imperfect recall."""
    return ExtensiveFormGame(
        Decision(
            "A",
            {
                "L": Decision("A", {"l": (1,), "r": (0,)}, infoset="x"),
                "R": Decision("A", {"l": (0,), "r": (1,)}, infoset="x"),
            },
        )
    )


# ----------------------------------------------------------------------------- layout
def check_layout(g: ExtensiveFormGame) -> None:
    """The invariants the module docstring promises."""
    n = g.n_nodes
    par = g.parents
    assert par[0] == -1 and (par[1:] < np.arange(1, n)).all()
    assert (np.diff(g.depths) >= 0).all()
    for node in range(n):
        kids = g.children(node)
        assert (par[kids] == node).all()
        assert (g.actions_in[kids] == np.arange(kids.size)).all()
        assert g.depths[kids].tolist() == [g.depths[node] + 1] * kids.size
        assert len(g.node_actions(node)) == kids.size
        who = g.node_players[node]
        assert (kids.size == 0) == (who == TERMINAL)
    assert g.terminals.tolist() == np.flatnonzero(g.node_players == TERMINAL).tolist()
    assert g.terminal_payoffs.shape == (g.n_terminals, g.n_players)
    # chance probabilities sum to one at every chance node
    for c in np.flatnonzero(g.node_players == CHANCE).tolist():
        assert abs(sum(g.chance_probabilities(c)) - 1) < 1e-12
    # preorder is a permutation; descendants lie within their ancestors' intervals
    pre, size = g.preorder_intervals()
    assert sorted(pre.tolist()) == list(range(n))
    assert size[0] == n
    for node in range(1, n):
        p = par[node]
        assert pre[p] < pre[node] < pre[p] + size[p]


def test_entry_deterrence_layout():
    g = entry()
    check_layout(g)
    assert g.players == ("Entrant", "Incumbent")
    assert g.node_players.tolist() == [0, TERMINAL, 1, TERMINAL, TERMINAL]
    assert g.terminal_payoffs.tolist() == [[0, 2], [-1, -1], [1, 1]]
    assert g.is_perfect_information and g.has_perfect_recall and g.is_exact and not g.has_chance
    assert g.path(3) == ("In", "Fight")
    assert g.levels == ((0, 1), (1, 3), (3, 5))
    assert g.infosets[1].nodes == (2,) and g.infosets[1].actions == ("Fight", "Accommodate")
    assert g.node(1).payoffs == (0, 2) and g.node(0).parent is None


def test_builder_forms_agree():
    a = ExtensiveFormGame(Decision("P", {"x": (1, 0), "y": Terminal((0, 1), label="end")}), players=["P", "Q"])
    b = ExtensiveFormGame(Decision("P", [("x", [1, 0]), ("y", np.array([0, 1]))]), players=["P", "Q"])
    assert a == b and hash(a) == hash(b)
    assert a.node_label(2) == "end" and b.node_label(2) == ""
    c = ExtensiveFormGame(Decision(0, {"x": (1, 0), "y": (0, 1)}), players=["P", "Q"])
    assert c == a


def test_players_default_order_and_default_names():
    g = ExtensiveFormGame(Decision("B", {"x": Decision("A", {"u": (1, 2)}), "y": (0, 0)}))
    assert g.players == ("B", "A")
    solo = ExtensiveFormGame(Terminal((3, 4)))
    assert solo.players == ("Player 1", "Player 2") and solo.n_nodes == 1 and solo.n_infosets == 0


def test_exact_values_kept_and_floats_not():
    g = ExtensiveFormGame(Chance({"a": ("1/3", (Fraction(1, 7),)), "b": (Fraction(2, 3), (2,))}))
    assert g.is_exact
    assert g.chance_probabilities(0, exact=True) == (Fraction(1, 3), Fraction(2, 3))
    assert g.exact_terminal_payoffs()[0, 0] == Fraction(1, 7)
    h = ExtensiveFormGame(Chance({"a": (0.25, (0.5,)), "b": (0.75, (2,))}))
    assert not h.is_exact
    assert h.chance_probabilities(0) == (0.25, 0.75)
    assert h.exact_terminal_payoffs()[0, 0] == Fraction(1, 2)
    assert h.exact_edge_probabilities()[1] == Fraction(1, 4)


def test_from_arrays_renumbers_to_breadth_first():
    # the entry game, numbered in an arbitrary order: 4 = root, 0 = incumbent's node
    parents = [4, 0, 4, 0, -1]
    players = [1, 0, 0, 0, 0]
    # terminals in increasing node number: 1 (Fight), 2 (Out), 3 (Accommodate)
    g = ExtensiveFormGame.from_arrays(parents, players, [[-1, -1], [0, 2], [1, 1]], players=["Entrant", "Incumbent"])
    check_layout(g)
    # root's children in increasing original number: 0 (incumbent) then 2 (Out)
    assert g.node_players.tolist() == [0, 1, TERMINAL, TERMINAL, TERMINAL]
    assert g.terminal_payoffs.tolist() == [[0, 2], [-1, -1], [1, 1]]


def test_from_arrays_large_random_tree_is_fast_and_consistent():
    rng = np.random.default_rng(3)
    n = 20_000
    parents = np.concatenate(([-1], rng.integers(0, np.arange(1, n))))
    kids = np.bincount(parents[1:], minlength=n)
    players = rng.integers(0, 2, n)
    pay = rng.standard_normal((int((kids == 0).sum()), 2))
    g = ExtensiveFormGame.from_arrays(parents, players, pay)
    assert g.n_nodes == n and g.n_terminals == pay.shape[0] and g.is_perfect_information
    pre, size = g.preorder_intervals()
    assert size[0] == n and sorted(pre.tolist()) == list(range(n))
    assert g.preorder()[0] == 0


def test_from_arrays_infosets_and_chance():
    # chance root with two children, each a decision of player 0 in one information set
    parents = [-1, 0, 0, 1, 1, 2, 2]
    players = [-1, 0, 0, 0, 0, 0, 0]
    g = ExtensiveFormGame.from_arrays(
        parents, players, [[1], [0], [0], [1]], infosets=[0, 7, 7, 0, 0, 0, 0], probabilities=[0, 0.5, 0.5, 0, 0, 0, 0]
    )
    assert g.n_infosets == 1 and g.infoset_nodes(0).tolist() == [1, 2]
    assert g.chance_probabilities(0) == (0.5, 0.5)


def test_from_normal_form_round_trip_shape():
    pd = gt.catalog.prisoners_dilemma()
    t = ExtensiveFormGame.from_normal_form(pd)
    check_layout(t)
    assert t.n_infosets == 2 and not t.is_perfect_information and t.has_perfect_recall
    assert t.infoset_actions == pd.strategies
    assert t.is_exact
    three = ExtensiveFormGame.from_normal_form(gt.catalog.volunteers_dilemma())
    assert three.n_terminals == 8 and three.n_infosets == 3


def test_perfect_recall_detection():
    g = forgetful()
    assert not g.has_perfect_recall
    h, a, b = g.imperfect_recall_witness()
    assert {a, b} == {1, 2}
    with pytest.raises(GameError, match="lacks perfect recall"):
        g.require_perfect_recall("some_solver")
    assert gt.catalog.matching_pennies_tree().has_perfect_recall


def test_sequences():
    g = gt.catalog.matching_pennies_tree()
    assert g.n_sequences(0) == 3 and g.n_sequences("Player 2") == 3
    seq1 = g.node_sequences(0)
    # Player 1's sequence at the terminals: H, H, T, T -> 1, 1, 2, 2
    assert seq1[g.terminals].tolist() == [1, 1, 2, 2]
    seq2 = g.node_sequences(1)
    assert seq2[g.terminals].tolist() == [1, 2, 1, 2]
    assert g.infoset_sequences(1).tolist() == [-1, 0]
    assert g.sequence_offsets(1).tolist() == [-1, 0]


def test_draw_and_truncation():
    g = entry()
    text = g.draw()
    assert text.splitlines()[0] == "Entrant" and "Accommodate: (1, 1)" in text
    assert "more nodes" in g.draw(max_nodes=2)
    assert str(g) == text
    assert "ExtensiveFormGame" in repr(g)
    chance = ExtensiveFormGame(Chance({"a": ("1/2", (1,)), "b": ("1/2", (2,))}, label="deal"))
    assert chance.draw().splitlines()[0] == "Chance 'deal'" and "a (1/2)" in chance.draw()


def test_value_semantics_and_pickle():
    g = gt.catalog.matching_pennies_tree()
    back = pickle.loads(pickle.dumps(g))
    assert back == g and hash(back) == hash(g)
    assert not back.parents.flags.writeable and not back.terminal_payoffs.flags.writeable
    with pytest.raises(ValueError):
        g.terminal_payoffs[0, 0] = 5
    assert g != entry() and g.__eq__(3) is NotImplemented
    exact = ExtensiveFormGame(Decision("P", {"a": (Fraction(1, 3),)}))
    floaty = ExtensiveFormGame(Decision("P", {"a": (1 / 3,)}))
    assert exact == floaty  # same floats; only one side is exact


def test_node_and_infoset_lookups_refuse_bad_indices():
    g = entry()
    with pytest.raises(GameError, match="node 9 is not in the tree"):
        g.node(9)
    with pytest.raises(TypeError, match="node must be an integer"):
        g.children("root")
    with pytest.raises(GameError, match="information set 5 does not exist"):
        g.infoset_nodes(5)
    with pytest.raises(TypeError):
        g.infoset_nodes(True)
    with pytest.raises(GameError, match="not a chance node"):
        g.chance_probabilities(0)
    assert g.player_infosets("Incumbent").tolist() == [1]
    assert g.infoset_name(1) == "1 (at node In)"


def test_zero_sum_and_labels():
    mp = gt.catalog.matching_pennies_tree()
    assert mp.is_zero_sum and mp.infoset_labels == ("h1", "h2")
    assert not entry().is_zero_sum
    floaty = ExtensiveFormGame(Decision("A", {"x": (0.5, -0.5)}), players=["A", "B"])
    assert floaty.is_zero_sum
    three = ExtensiveFormGame.from_normal_form(gt.catalog.volunteers_dilemma())
    assert not three.is_zero_sum


@given(games(max_players=3, max_strategies=3))
def test_from_normal_form_keeps_every_payoff(g):
    t = ExtensiveFormGame.from_normal_form(g)
    check_layout(t)
    # the terminal reached by a strategy profile carries the profile's payoffs
    for idx in np.ndindex(*g.shape):
        node = 0
        for a in idx:
            node = int(t.first_child[node]) + a
        row = t.terminal_index[node]
        assert t.terminal_payoffs[row].tolist() == g.payoffs[(slice(None), *idx)].tolist()


@st.composite
def random_trees(draw: st.DrawFn) -> ExtensiveFormGame:
    """Small random trees with perfect information and chance nodes, built from nested data."""
    budget = [draw(st.integers(1, 25))]

    def node(depth: int) -> object:
        if depth >= 4 or budget[0] <= 0 or draw(st.booleans()) and depth > 0:
            return tuple(draw(st.integers(-3, 3)) for _ in range(2))
        budget[0] -= 1
        k = draw(st.integers(1, 3))
        if draw(st.integers(0, 3)) == 0:
            ws = [draw(st.integers(1, 4)) for _ in range(k)]
            return Chance({f"c{j}": (Fraction(w, sum(ws)), node(depth + 1)) for j, w in enumerate(ws)})
        return Decision(draw(st.sampled_from(["A", "B"])), {f"a{j}": node(depth + 1) for j in range(k)})

    return ExtensiveFormGame(node(0), players=["A", "B"])


@given(random_trees())
def test_random_trees_keep_layout_and_round_trip_through_arrays(g):
    check_layout(g)
    inner = g.n_children > 0
    # rebuild from arrays (breadth-first numbering is a fixed point)
    who = np.where(inner, g.node_players, 0)
    probs = g.edge_probabilities
    h = ExtensiveFormGame.from_arrays(g.parents, who, g.terminal_payoffs, players=g.players, probabilities=probs)
    assert np.array_equal(h.parents, g.parents)
    assert np.array_equal(h.node_players, g.node_players)
    assert np.array_equal(h.terminal_payoffs, g.terminal_payoffs)
    assert np.allclose(h.edge_probabilities, g.edge_probabilities)
    assert pickle.loads(pickle.dumps(g)) == g
