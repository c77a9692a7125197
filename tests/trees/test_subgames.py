"""Proper subgames: the O(n) test against a brute-force definition, cutting subgames out, replacing them."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.trees import Chance, Decision, ExtensiveFormGame
from gametheory_af.trees.subgames import is_subgame_root, proper_subgames, replace_subgames, subgame


def bos_after_entry(out=(2, 2)) -> ExtensiveFormGame:
    """Player 1 stays out or enters a battle of the sexes played simultaneously."""
    def p2(a, b):
        return Decision("P2", {"F": a, "O": b}, infoset="p2")

    bos = Decision("P1", {"F": p2((3, 1), (0, 0)), "O": p2((0, 0), (1, 3))}, infoset="p1 bos", label="bos")
    return ExtensiveFormGame(Decision("P1", {"Out": out, "In": bos}, label="start"), title="BoS after entry")


def brute_force_roots(game: ExtensiveFormGame) -> list[int]:
    """Definition: x starts a subgame when every information set is inside or outside its subtree."""
    out = []
    for x in range(game.n_nodes):
        if game.node_players[x] == gt.trees.TERMINAL:
            continue
        inside = np.zeros(game.n_nodes, dtype=bool)
        for y in range(game.n_nodes):
            z = y
            while z >= 0 and z != x:
                z = int(game.parents[z])
            inside[y] = z == x
        ok = all(inside[game.infoset_nodes(h)].all() or not inside[game.infoset_nodes(h)].any() for h in range(game.n_infosets))
        if ok:
            out.append(x)
    return out


def random_imperfect_tree(seed: int, n: int = 40) -> ExtensiveFormGame:
    """A random tree whose information sets group nodes of one depth, player and number of children."""
    rng = np.random.default_rng(seed)
    par = np.empty(n, dtype=np.int64)
    par[0] = -1
    par[1:] = (rng.random(n - 1) * np.arange(1, n)).astype(np.int64)
    g0 = ExtensiveFormGame.from_arrays(par, rng.integers(0, 2, n), np.zeros((int((np.bincount(par[1:], minlength=n) == 0).sum()), 2)))
    # g0 is breadth-first; group its decision nodes at random within (depth, player, n_children)
    who = g0.node_players
    keys = np.stack([g0.depths, who, g0.n_children], axis=1)
    infosets = np.full(g0.n_nodes, -1, dtype=np.int64)
    dec = np.flatnonzero(who >= 0)
    for x in dec.tolist():
        infosets[x] = x
    for x in dec.tolist():
        same = [y for y in dec.tolist() if y < x and (keys[y] == keys[x]).all()]
        if same and rng.random() < 0.5:
            infosets[x] = infosets[same[int(rng.integers(len(same)))]]
    pay = rng.integers(0, 5, (g0.n_terminals, 2))
    return ExtensiveFormGame.from_arrays(g0.parents, np.where(who >= 0, who, 0), pay, infosets=infosets)


def test_entry_deterrence_and_matching_pennies():
    assert proper_subgames(gt.catalog.entry_deterrence()).tolist() == [0, 2]
    assert proper_subgames(gt.catalog.matching_pennies_tree()).tolist() == [0]
    assert is_subgame_root(gt.catalog.entry_deterrence(), 2)
    assert not is_subgame_root(gt.catalog.entry_deterrence(), 1)  # terminal


def test_simultaneous_subgame():
    g = bos_after_entry()
    assert proper_subgames(g).tolist() == [0, 2]
    sub = subgame(g, 2)
    assert sub.players == ("P1", "P2")
    assert sub.infoset_labels == ("p1 bos", "p2")
    assert sub.n_nodes == 7 and sub.n_terminals == 4
    assert sub.node_label(0) == "bos"
    assert sub.exact_terminal_payoffs().tolist() == [[3, 1], [0, 0], [0, 0], [1, 3]]


def test_from_normal_form_only_root():
    g = ExtensiveFormGame.from_normal_form(gt.catalog.battle_of_the_sexes())
    assert proper_subgames(g).tolist() == [0]


def test_chance_root_and_exact_probabilities():
    g = ExtensiveFormGame(
        Decision(
            "A",
            {
                "stop": (0, 0),
                "go": Chance({"h": ("1/3", Decision("B", {"l": (1, 2), "r": (2, 1)})), "t": ("2/3", (Fraction(1, 7), 5))}, label="coin"),
            },
        )
    )
    assert proper_subgames(g).tolist() == [0, 2, 3]
    sub = subgame(g, 2)
    assert sub.is_exact and sub.node(0).probabilities == (Fraction(1, 3), Fraction(2, 3))
    assert sub.node_label(0) == "coin"
    assert sub.node(0).actions == ("h", "t")
    assert subgame(g, 0) == g


def test_subgame_of_root_is_the_game():
    g = bos_after_entry()
    assert subgame(g, 0) == g


def test_subgame_refuses_non_roots():
    g = gt.catalog.matching_pennies_tree()
    with pytest.raises(gt.GameError, match=r"node 1 .*does not start a proper subgame.*'h2'"):
        subgame(g, 1)
    with pytest.raises(gt.GameError, match="terminal"):
        subgame(g, 3)
    with pytest.raises(gt.GameError, match=r"root 99 is not a node"):
        subgame(g, 99)
    with pytest.raises(TypeError, match="root"):
        subgame(g, "1")
    with pytest.raises(TypeError, match="game"):
        subgame("g", 0)


def test_replace_subgames():
    g = bos_after_entry()
    r = replace_subgames(g, {2: (Fraction(3, 4), Fraction(3, 4))})
    assert r.n_nodes == 3 and r.is_exact
    assert r.exact_terminal_payoffs().tolist() == [[2, 2], [Fraction(3, 4), Fraction(3, 4)]]
    assert r.node_label(0) == "start"
    r2 = replace_subgames(g, {2: (0.75, 0.75)})
    assert not r2.is_exact and r2.terminal_payoffs.tolist() == [[2, 2], [0.75, 0.75]]
    assert replace_subgames(g, {}) == g


def test_replace_several_subgames_keeps_order():
    inner = Decision("B", {"l": (1, 0), "r": (0, 1)})
    g = ExtensiveFormGame(Decision("A", {"a": inner, "b": (5, 5), "c": Decision("B", {"x": (2, 2), "y": (3, 3)})}))
    r = replace_subgames(g, {1: (1, 0), 3: ("3", "3")})
    assert r.terminal_payoffs.tolist() == [[1, 0], [5, 5], [3, 3]]
    assert r.n_infosets == 1 and r.is_exact


def test_replace_subgames_errors():
    g = bos_after_entry()
    with pytest.raises(gt.GameError, match="root"):
        replace_subgames(g, {0: (1, 1)})
    with pytest.raises(gt.GameError, match="3 entries"):
        replace_subgames(g, {2: (1, 1, 1)})
    with pytest.raises(gt.GameError, match="does not start a proper subgame"):
        replace_subgames(g, {3: (1, 1)})
    with pytest.raises(TypeError, match="mapping"):
        replace_subgames(g, [(2, (1, 1))])
    with pytest.raises(TypeError, match="sequence of numbers"):
        replace_subgames(g, {2: "11"})
    with pytest.raises(gt.GameError, match="must be a number"):
        replace_subgames(g, {2: (None, 1)})
    h = gt.catalog.entry_deterrence()
    nested = ExtensiveFormGame(Decision("A", {"a": Decision("B", {"b": Decision("A", {"c": (1, 1), "d": (0, 0)}), "e": (2, 2)}), "f": (0, 0)}))
    with pytest.raises(gt.GameError, match="inside the subgame"):
        replace_subgames(nested, {1: (1, 1), 3: (0, 0)})
    assert replace_subgames(h, {2: (1, 1)}).n_nodes == 3


@given(st.integers(0, 100_000))
def test_proper_subgames_match_the_definition(seed):
    g = random_imperfect_tree(seed)
    assert proper_subgames(g).tolist() == brute_force_roots(g)
    for x in proper_subgames(g).tolist():
        sub = subgame(g, x)
        pre, size = g.preorder_intervals()
        assert sub.n_nodes == int(size[x])
        assert sorted(sub.terminal_payoffs.tolist()) == sorted(
            g.terminal_payoffs[g.terminal_index[[t for t in g.terminals.tolist() if pre[x] <= pre[t] < pre[x] + size[x]]]].tolist()
        )
