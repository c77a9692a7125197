"""read_efg / to_efg: Gambit's own .efg files read by us and by pygambit, compared node by node; round trips."""

from __future__ import annotations

import decimal
import os
import pathlib
from fractions import Fraction

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af import GameError
from gametheory_af.trees import Chance, Decision, ExtensiveFormGame, Terminal
from gametheory_af.trees.efg import read_efg, to_efg

DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "efg"
FILES = sorted(p.name for p in DATA.glob("*.efg"))

#: Files our game model refuses: an information set holding a node and its descendant
#: (absent-mindedness, which the model excludes). pygambit reads them all.
ABSENT_MINDED = {
    "catalog_books_shohamleytonbrown2008_fig5_12.efg",
    "catalog_journals_geb_gilboa1997_fig1.efg",
    "holdout.efg",
    "t_AM-driver-one-infoset.efg",
    "t_AM-driver-subgame.efg",
    "t_AM-subgames.efg",
    "t_AM-unary-branches.efg",
    "t_AM-unary-hops.efg",
    "t_noPR-AM-driver-one-player.efg",
    "t_noPR-AM-driver-two-players.efg",
    "t_noPR-action-AM-three-chain.efg",
    "t_noPR-action-AM-two-hops.efg",
    "t_noPR-action-AM.efg",
    "t_noPR-action-AM2.efg",
    "t_not_perfect_recall.efg",
}
#: Files pygambit 16.7 refuses (a node label or an information set label used twice, which
#: Gambit 16.7 requires to be unique); the format does not, and we read them.
PYGAMBIT_REFUSES = {
    "4cards.efg",
    "caro2.efg",
    "coord2ts.efg",
    "e10.efg",
    "e10a.efg",
    "holdout.efg",
    "nim.efg",
    "nim7.efg",
}


def _fraction(x: object) -> Fraction:
    if isinstance(x, (Fraction, decimal.Decimal, int)):
        return Fraction(x)
    return Fraction(str(x))


def _ours(game: ExtensiveFormGame) -> dict[tuple[int, ...], dict[str, object]]:
    """Every node of our game by its path of action indices from the root."""
    paths: list[tuple[int, ...]] = [()] * game.n_nodes
    par = game.parents.tolist()
    act = game.actions_in.tolist()
    for v in range(1, game.n_nodes):
        paths[v] = paths[par[v]] + (act[v],)
    pay = game.exact_terminal_payoffs()
    out: dict[tuple[int, ...], dict[str, object]] = {}
    for v in range(game.n_nodes):
        who = int(game.node_players[v])
        rec: dict[str, object] = {"label": game.node_label(v)}
        if who == gt.trees.TERMINAL:
            rec["payoffs"] = tuple(pay[int(game.terminal_index[v])].tolist())
        elif who == gt.trees.CHANCE:
            rec["chance"] = tuple(game.chance_probabilities(v, exact=True))
            rec["actions"] = game.node_actions(v)
        else:
            h = int(game.node_infosets[v])
            rec.update(player=who, infoset=h, actions=game.node_actions(v), infoset_label=game.infoset_labels[h])
        out[paths[v]] = rec
    return out


def _theirs(G: object) -> dict[tuple[int, ...], dict[str, object]]:
    """Every node of a pygambit game by its path; terminal payoffs are the sums of the outcomes on the path."""
    players = list(G.players)  # type: ignore[attr-defined]
    out: dict[tuple[int, ...], dict[str, object]] = {}
    stack = [(G.root, (), (Fraction(0),) * len(players))]  # type: ignore[attr-defined]
    while stack:
        node, path, acc = stack.pop()
        try:  # pygambit's NodeOutcome proxy raises KeyError for a node without an outcome
            acc = tuple(a + _fraction(node.outcome[p]) for a, p in zip(acc, players))
        except KeyError:
            pass
        rec: dict[str, object] = {"label": node.label}
        if node.is_terminal:
            rec["payoffs"] = acc
        else:
            I = node.infoset
            actions = list(I.actions)
            rec["actions"] = tuple(a.label for a in actions)
            if I.is_chance:
                rec["chance"] = tuple(_fraction(a.prob) for a in actions)
            else:
                rec.update(
                    player=players.index(I.player), infoset=(players.index(I.player), I.number), infoset_label=I.label
                )
            for k, child in enumerate(node.children):
                stack.append((child, path + (k,), acc))
        out[path] = rec
    return out


def _chance_absent_minded(G: object) -> bool:
    """pygambit counts a chance information set holding a node and its descendant as imperfect recall."""
    for I in G.players.chance.infosets:  # type: ignore[attr-defined]
        members = list(I.members)
        if any(a.is_successor_of(b) for a in members for b in members if a != b):
            return True
    return False


def _compare(game: ExtensiveFormGame, G: object) -> None:
    ours, theirs = _ours(game), _theirs(G)
    assert game.players == tuple(p.label for p in G.players)  # type: ignore[attr-defined]
    assert set(ours) == set(theirs)
    assert game.n_nodes == len(theirs)
    to_theirs: dict[object, object] = {}
    to_ours: dict[object, object] = {}
    for path, a in ours.items():
        b = theirs[path]
        assert a["label"] == b["label"], path
        for key in ("payoffs", "chance", "actions", "player", "infoset_label"):
            assert a.get(key) == b.get(key), (path, key, a.get(key), b.get(key))
        if "infoset" in a:  # the partition into information sets: a bijection between the numberings
            assert to_theirs.setdefault(a["infoset"], b["infoset"]) == b["infoset"], path
            assert to_ours.setdefault(b["infoset"], a["infoset"]) == a["infoset"], path
    assert len(to_ours) == game.n_infosets
    recall = game.has_perfect_recall
    if _chance_absent_minded(G):  # our chance nodes have no information sets: only the probabilities are shared
        assert recall and not G.is_perfect_recall  # type: ignore[attr-defined]
    else:
        assert recall == G.is_perfect_recall  # type: ignore[attr-defined]


def test_the_data_folder_is_complete() -> None:
    assert len(FILES) == 174
    assert ABSENT_MINDED <= set(FILES) and PYGAMBIT_REFUSES <= set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_gambit_file_against_pygambit(name: str) -> None:
    gbt = pytest.importorskip("pygambit")
    path = DATA / name
    if name in ABSENT_MINDED:
        with pytest.raises(GameError, match="contains .* and its descendant"):
            read_efg(path)
        if name not in PYGAMBIT_REFUSES:
            assert not gbt.read_efg(str(path)).is_perfect_recall
        return
    game = read_efg(path)
    assert game.is_exact
    if name in PYGAMBIT_REFUSES:
        with pytest.raises(ValueError, match="unique"):
            gbt.read_efg(str(path))
    else:
        _compare(game, gbt.read_efg(str(path)))
    # round trip: ours reads our text back to the same game, and so does pygambit
    text = to_efg(game)
    back = read_efg(text)
    assert back == game
    assert back.title == game.title and back.infoset_labels == game.infoset_labels
    assert {v: back.node_label(v) for v in range(back.n_nodes)} == {v: game.node_label(v) for v in range(game.n_nodes)}
    if name not in PYGAMBIT_REFUSES:
        _compare(game, gbt.read_efg(_tmp_file(text)))


_TMP: list[str] = []


def _tmp_file(text: str) -> str:
    import tempfile

    fd, path = tempfile.mkstemp(suffix=".efg")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    _TMP.append(path)
    return path


@pytest.fixture(autouse=True, scope="module")
def _cleanup():  # type: ignore[no-untyped-def]
    yield
    for p in _TMP:
        os.unlink(p)


# ----------------------------------------------------------------------------- the format's features
H = 'EFG 2 R "t" { "A" "B" } ""\n'


def test_interior_outcomes_add_to_every_terminal_below() -> None:
    g = read_efg(
        H + 'p "" 1 1 "" { "a" "b" } 1 "o" { 5 1/2 }\n p "" 2 1 "" { "x" "y" } 2 "q" { 1 1 }\n'
        't "" 3 "r" { 1/3 0 }\n t "" 0\n t "" 3\n'
    )
    # a/x: 5 + 1 + 1/3; a/y: 5 + 1; b: 5 + 1/3
    assert g.exact_terminal_payoffs().tolist() == [
        [Fraction(16, 3), Fraction(1, 2)],
        [Fraction(19, 3), Fraction(3, 2)],
        [Fraction(6), Fraction(3, 2)],
    ]


def test_terminal_without_outcome_pays_zero() -> None:
    g = read_efg(H + 'p "" 1 1 "" { "a" "b" } 0 t "" 0 t "" 1 "o" { 2 3 }')
    assert g.terminal_payoffs.tolist() == [[0.0, 0.0], [2.0, 3.0]]


def test_bayes2a_two_stage_payoffs() -> None:
    g = read_efg(DATA / "bayes2a.efg")
    # the first terminal: stage-one outcome 1 (10, 2) plus terminal outcome 1 (10, 2)
    first = g.preorder()[g.node_players[g.preorder()] == gt.trees.TERMINAL][0]
    assert g.node(int(first)).payoffs == (Fraction(20), Fraction(4))


def test_shared_chance_information_set() -> None:
    g = read_efg(H + 'c "" 1 "nature" { "h" 1/3 "t" 2/3 } 0\n c "" 1 0\n t "" 0\n t "" 0\n t "" 0\n')
    chance = [v for v in range(g.n_nodes) if g.node(v).kind == "chance"]
    assert len(chance) == 2
    assert all(g.chance_probabilities(v, exact=True) == (Fraction(1, 3), Fraction(2, 3)) for v in chance)
    assert all(g.node_actions(v) == ("h", "t") for v in chance)


def test_infoset_referenced_by_number_and_restated() -> None:
    text = H + (
        'c "" 1 "" { "L" 1/2 "R" 1/2 } 0\n p "" 1 1 "I" { "a" "b" } 0\n t "" 0\n t "" 0\np "" 1 1 0\n t "" 0\n t "" 0\n'
    )
    g = read_efg(text)
    assert g.n_infosets == 1 and g.infoset_labels == ("I",)
    assert g.infoset_nodes(0).tolist() == [1, 2]
    again = text.replace('p "" 1 1 0', 'p "" 1 1 "I" { "a" "b" } 0')
    assert read_efg(again) == g


def test_outcome_referenced_by_number_and_restated() -> None:
    a = read_efg(H + 'p "" 1 1 "" { "a" "b" } 0 t "" 1 "o" { 1, 2 } t "" 1')
    b = read_efg(H + 'p "" 1 1 "" { "a" "b" } 0 t "" 1 "o" { 1 2 } t "" 1 "o" { 1, 2, }')
    assert a == b and a.terminal_payoffs.tolist() == [[1.0, 2.0], [1.0, 2.0]]


def test_empty_and_repeated_labels_are_renamed_as_gambit_does() -> None:
    g = read_efg('EFG 2 R "" { "" "" } p "" 1 1 "" { "a" "a" "" } 0 t "" 0 t "" 0 t "" 0')
    assert g.players == ("_1", "_2")
    assert g.infoset_actions == (("a_1", "a_2", "_1"),)


def test_node_and_infoset_labels_are_kept() -> None:
    g = read_efg(H + 'p "root" 1 1 "first" { "a" "b" } 0 t "end" 0 t "end" 0')
    assert [g.node_label(v) for v in range(3)] == ["root", "end", "end"]
    assert g.infoset_labels == ("first",)
    assert g.title == "t"


def test_numbers_exact() -> None:
    g = read_efg(H + 't "" 1 "" { 2.5e-1 .5 }')
    assert g.exact_terminal_payoffs().tolist() == [[Fraction(1, 4), Fraction(1, 2)]]
    g = read_efg(H + 't "" 1 "" { 5. -1/3 }')
    assert g.exact_terminal_payoffs().tolist() == [[Fraction(5), Fraction(-1, 3)]]


def test_escaped_quote_in_label() -> None:
    g = read_efg('EFG 2 R "say \\"hi\\"" { "A" } t "" 0')
    assert g.title == 'say "hi"'


def test_source_as_path_pathlike_and_text() -> None:
    p = DATA / "cent2.efg"
    assert read_efg(str(p)) == read_efg(p) == read_efg(p.read_text())


def test_deep_tree_reads_without_recursion() -> None:
    depth = 5000
    text = H + "".join(f'p "" {k % 2 + 1} {k + 1} "" {{ "a" "b" }} 0 t "" 0\n' for k in range(depth)) + 't "" 0\n'
    g = read_efg(text)
    assert g.n_nodes == 2 * depth + 1 and g.levels[-1] == (2 * depth - 1, 2 * depth + 1)


def test_result_agrees_with_nested_builder() -> None:
    g = read_efg(
        H + 'c "" 1 "" { "H" 1/2 "T" 1/2 } 0\n p "" 1 1 "" { "a" "b" } 0\n t "" 1 "" { 1 -1 }\n'
        't "" 2 "" { -1 1 }\n p "" 1 1 0\n t "" 2\n t "" 1\n'
    )
    built = ExtensiveFormGame.from_tree(
        Chance(
            {
                "H": ("1/2", Decision("A", {"a": (1, -1), "b": (-1, 1)}, infoset="h")),
                "T": ("1/2", Decision("A", {"a": (-1, 1), "b": (1, -1)}, infoset="h")),
            }
        ),
        players=["A", "B"],
    )
    assert g == built


# ----------------------------------------------------------------------------- writing
def test_to_efg_method_and_catalog_round_trip() -> None:
    for g in (gt.catalog.entry_deterrence(), gt.catalog.matching_pennies_tree()):
        assert g.to_efg() == to_efg(g)
        assert read_efg(g.to_efg()) == g


def test_normal_form_tree_round_trip() -> None:
    g = ExtensiveFormGame.from_normal_form(gt.catalog.battle_of_the_sexes())
    back = read_efg(to_efg(g))
    assert back == g and back.players == ("Row", "Column") and back.infoset_actions == g.infoset_actions


def test_outcomes_are_shared_in_the_written_file() -> None:
    g = gt.catalog.matching_pennies_tree()
    text = to_efg(g)
    assert text.count('"" { 1 -1 }') == 1 and 't "" 1\n' in text


def test_float_game_round_trip_and_pygambit() -> None:
    gbt = pytest.importorskip("pygambit")
    g = ExtensiveFormGame.from_arrays(
        [-1, 0, 0, 0, 1, 1],
        [-1, 0, 0, 0, 0, 0],
        [[0.1, -2.5], [1e-7, 3.0], [1.0, 2.0], [1e20, -0.3]],
        probabilities=[0, 0.1, 0.2, 0.7, 0, 0],
        players=["A", "B"],
    )
    assert not g.is_exact
    back = read_efg(to_efg(g))
    assert back == g
    _compare(back, gbt.read_efg(_tmp_file(to_efg(g))))


def test_float_probabilities_are_adjusted_to_sum_to_one() -> None:
    third = 1 / 3
    g = ExtensiveFormGame.from_arrays(
        [-1, 0, 0, 0], [-1, 0, 0, 0], [[1.0], [2.0], [3.0]], probabilities=[0, third, third, third]
    )
    back = read_efg(to_efg(g))
    ps = back.chance_probabilities(0, exact=True)
    assert sum(ps) == 1
    np.testing.assert_allclose(back.edge_probabilities, g.edge_probabilities, rtol=1e-15)


def test_labels_written_and_read_back() -> None:
    g = ExtensiveFormGame.from_tree(
        Decision("A", {'go "on"': Terminal((1, 2), label="done"), "stop": (0, 0)}, infoset="the set", label="start"),
        players=["A", "B"],
        title="a title",
    )
    back = read_efg(to_efg(g))
    assert back == g
    assert back.node_label(0) == "start" and back.node_label(1) == "done"
    assert back.infoset_labels == ("the set",) and back.title == "a title"


def test_to_efg_refuses_what_a_file_cannot_hold() -> None:
    with pytest.raises(TypeError, match="game must be an ExtensiveFormGame"):
        to_efg(gt.catalog.prisoners_dilemma())  # type: ignore[arg-type]
    g = ExtensiveFormGame.from_tree(Decision("A", {"a\nb": (1,), "c": (2,)}))
    with pytest.raises(GameError, match="control character"):
        to_efg(g)
    g = ExtensiveFormGame.from_tree(Decision("A", {"a\\": (1,), "c": (2,)}))
    with pytest.raises(GameError, match="backslash"):
        to_efg(g)


def test_backslashes_in_labels_as_gambit_reads_them() -> None:
    assert read_efg('EFG 2 R "a\\b" { "A" } t "" 0').title == "a\\b"  # kept before another character
    assert read_efg('EFG 2 R "a\\\\b" { "A" } t "" 0').title == "a\\\\\\b"  # a run: each after the first doubled
    assert read_efg('EFG 2 R "q\\\\\\"" { "A" } t "" 0').title == "q" + "\\" * 4 + '"'  # Gambit's lexer


def test_renaming_skips_names_in_use() -> None:
    g = read_efg('EFG 2 R "" { "A" } p "" 1 1 "" { "x" "x" "x_1" } 0 t "" 0 t "" 0 t "" 0')
    assert g.infoset_actions == (("x_2", "x_3", "x_1"),)


def test_chance_information_set_restated_identically() -> None:
    a = read_efg(H + 'c "" 1 "n" { "x" 1/2 "y" 1/2 } 0 c "" 1 "n" { "x" 1/2 "y" 1/2 } 0 t "" 0 t "" 0 t "" 0')
    b = read_efg(H + 'c "" 1 "n" { "x" 1/2 "y" 1/2 } 0 c "" 1 0 t "" 0 t "" 0 t "" 0')
    c = read_efg(H + 'c "" 1 "n" { "x" 1/2 "y" 1/2 } 0 c "" 2 "m" { "x" 1/2 "y" 1/2 } 0 t "" 0 t "" 0 t "" 0')
    assert a == b == c and a.n_nodes == 5


def test_chance_set_shared_down_a_path_is_not_imperfect_recall() -> None:
    """pygambit says a chance information set holding a node and its descendant breaks perfect recall;
    here chance nodes only share their probabilities, and the player's one node is her whole history."""
    gbt = pytest.importorskip("pygambit")
    text = H + 'c "" 1 "" { "x" 1/2 "y" 1/2 } 0\nc "" 1 0\np "" 1 1 "" { "a" "b" } 0\nt "" 0\nt "" 0\nt "" 0\nt "" 0\n'
    g = read_efg(text)
    assert g.has_perfect_recall
    _compare(g, gbt.read_efg(_tmp_file(text)))
