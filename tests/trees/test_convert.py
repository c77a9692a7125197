"""Conversions of trees: reduced and full normal forms, agent form, Kuhn's theorem, results mapped back."""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.trees import Chance, Decision, ExtensiveFormGame
from gametheory_af.trees.convert import (
    behavior_result,
    behavior_to_mixed,
    mixed_to_behavior,
    plan_names,
    strategy_plans,
    to_agent_form,
    to_normal_form,
)
from gametheory_af.trees.profiles import behavior_payoffs, behavior_regrets, reach_probabilities


# ----------------------------------------------------------------------------- random trees
@st.composite
def random_trees(
    draw: Any, *, n_players: int = 2, max_depth: int = 3, chance: bool = True, exact: bool = True
) -> ExtensiveFormGame:
    """A random small tree with perfect recall; some nodes of a player with the same own history share an information set."""
    uid = itertools.count()
    groups: dict[Any, list[dict[str, Any]]] = {}

    def gen(depth: int, hist: tuple[tuple[Any, ...], ...]) -> Any:
        if depth >= max_depth or (depth > 0 and draw(st.integers(0, 3)) == 0):
            return {"kind": "t", "pay": tuple(draw(st.integers(-4, 4)) for _ in range(n_players))}
        kinds = list(range(n_players)) + (["c"] if chance and depth > 0 else [])
        kind = draw(st.sampled_from(kinds))
        k = draw(st.integers(2, 3))
        if kind == "c":
            w = [draw(st.integers(1, 3)) for _ in range(k)]
            probs = [F(x, sum(w)) for x in w] if exact else [x / sum(w) for x in w]
            return {"kind": "c", "probs": probs, "kids": [gen(depth + 1, hist) for _ in range(k)]}
        me = next(uid)
        spec: dict[str, Any] = {"kind": "d", "player": kind, "label": None}
        kids = []
        for a in range(k):
            h2 = list(hist)
            h2[kind] = hist[kind] + ((me, a),)
            kids.append(gen(depth + 1, tuple(h2)))
        spec["kids"] = kids
        groups.setdefault((kind, hist[kind], k), []).append(spec)
        return spec

    root = gen(0, tuple(() for _ in range(n_players)))
    for g, (_key, members) in enumerate(sorted(groups.items(), key=lambda kv: str(kv[0]))):
        if len(members) > 1 and draw(st.booleans()):
            for m in members:
                m["label"] = f"h{g}"

    def build(spec: dict[str, Any]) -> Any:
        if spec["kind"] == "t":
            pay = spec["pay"]
            return pay if exact else tuple(float(x) + 0.5 for x in pay)
        if spec["kind"] == "c":
            return Chance([(f"c{a}", p, build(s)) for a, (p, s) in enumerate(zip(spec["probs"], spec["kids"]))])
        return Decision(
            f"P{spec['player'] + 1}", [(f"a{a}", build(s)) for a, s in enumerate(spec["kids"])], infoset=spec["label"]
        )

    return ExtensiveFormGame(build(root), players=[f"P{i + 1}" for i in range(n_players)])


def random_behavior(game: ExtensiveFormGame, seed: int, *, pure_share: float = 0.3) -> list[list[F]]:
    """An exact behaviour profile, some entries pure (so some information sets are never reached)."""
    rng = np.random.default_rng(seed)
    out = []
    for acts in game.infoset_actions:
        k = len(acts)
        if rng.random() < pure_share:
            v = [F(0)] * k
            v[int(rng.integers(k))] = F(1)
        else:
            w = rng.integers(1, 5, size=k).tolist()
            v = [F(x, sum(w)) for x in w]
        out.append(v)
    return out


def mixed_terminal_probabilities(game: ExtensiveFormGame, mixed: Any, *, reduced: bool = True) -> list[Any]:
    """The probability of each terminal node under a mixed profile, by brute force over pure profiles."""
    plans = [strategy_plans(game, i, reduced=reduced) for i in range(game.n_players)]
    own = [game.player_infosets(i).tolist() for i in range(game.n_players)]
    out: list[Any] = [0] * game.n_terminals
    for prof in itertools.product(*[range(len(p)) for p in plans]):
        weight: Any = 1
        for i, j in enumerate(prof):
            weight = weight * mixed[i][j]
        if weight == 0:
            continue
        choice = {}
        for i, j in enumerate(prof):
            for c, h in enumerate(own[i]):
                choice[h] = plans[i][j][c]
        beh = []
        for h, acts in enumerate(game.infoset_actions):
            a = choice[h]
            beh.append([F(int(b == a)) for b in range(len(acts))] if a >= 0 else [F(1, len(acts))] * len(acts))
        reach = reach_probabilities(game, beh, exact=True)[game.terminals]
        for r, p in enumerate(reach.tolist()):
            out[r] += weight * p
    return out


# ----------------------------------------------------------------------------- known answers
def test_entry_deterrence_normal_form() -> None:
    g = to_normal_form(gt.catalog.entry_deterrence())
    assert g.players == ("Entrant", "Incumbent")
    assert g.strategies == (("Out", "In"), ("Fight", "Accommodate"))
    assert g.is_exact
    assert g.exact_payoffs().tolist() == [[[0, 0], [-1, 1]], [[2, 2], [-1, 1]]]
    assert gt.catalog.entry_deterrence().to_normal_form() == g


def test_reduced_plans_and_names() -> None:
    # A moves, then B, then A again only after L: A's plans R/* merge R/x and R/y.
    tree = ExtensiveFormGame(
        Decision("A", {"L": Decision("B", {"l": Decision("A", {"x": (3, 0), "y": (0, 1)}), "r": (1, 1)}), "R": (2, 2)})
    )
    assert strategy_plans(tree, "A") == ((0, 0), (0, 1), (1, -1))
    assert strategy_plans(tree, "A", reduced=False) == ((0, 0), (0, 1), (1, 0), (1, 1))
    assert plan_names(tree, "A") == ("L/x", "L/y", "R/*")
    nf = to_normal_form(tree)
    assert nf.strategies == (("L/x", "L/y", "R/*"), ("l", "r"))
    assert nf.exact_payoffs()[0].tolist() == [[3, 1], [0, 1], [2, 2]]
    full = to_normal_form(tree, reduced=False)
    assert full.strategies[0] == ("L/x", "L/y", "R/x", "R/y")
    assert full.payoffs[1].tolist() == [[0, 1], [1, 1], [2, 2], [2, 2]]


def test_chance_expected_payoffs_exact() -> None:
    # Nature picks a card; the player bets or folds without seeing it (one information set).
    tree = ExtensiveFormGame(
        Chance(
            {
                "high": ("1/3", Decision("P", {"bet": (2,), "fold": (-1,)}, infoset="h")),
                "low": ("2/3", Decision("P", {"bet": (-2,), "fold": (-1,)}, infoset="h")),
            }
        )
    )
    nf = to_normal_form(tree)
    assert nf.strategies == (("bet", "fold"),)
    assert nf.exact_payoffs()[0].tolist() == [F(-2, 3), F(-1)]


def test_player_who_never_moves_has_one_plan() -> None:
    tree = ExtensiveFormGame(Decision("A", {"x": (1, 0), "y": (0, 1)}), players=["A", "B"])
    nf = to_normal_form(tree)
    assert nf.strategies == (("x", "y"), ("(no move)",))
    assert strategy_plans(tree, "B") == ((),)


def test_tree_without_moves() -> None:
    tree = ExtensiveFormGame(Chance({"a": ("1/4", (4, 0)), "b": ("3/4", (0, 4))}), players=["A", "B"])
    nf = to_normal_form(tree)
    assert nf.strategies == (("(no move)",), ("(no move)",))
    assert nf.exact_payoffs().ravel().tolist() == [1, 3]
    assert mixed_to_behavior(tree, ([1], [1])) == ()
    assert [v.tolist() for v in behavior_to_mixed(tree, [])] == [[1.0], [1.0]]


def test_duplicate_plan_names_are_disambiguated() -> None:
    # actions "a/b" then "c" spell the same as "a" then "b/c"
    tree = ExtensiveFormGame(
        Chance(
            {
                "u": ("1/2", Decision("P", {"a/b": (1,), "a": (2,)}, infoset="h1")),
                "v": ("1/2", Decision("P", {"c": (3,), "b/c": (4,)}, infoset="h2")),
            }
        )
    )
    names = plan_names(tree, "P")
    assert names == ("a/b/c", "a/b/b/c", "a/c", "a/b/c~2")
    assert len(set(names)) == 4


@pytest.mark.parametrize("entry", gt.catalog.entries(), ids=lambda e: e.name)
def test_from_normal_form_round_trip(entry: Any) -> None:
    g = entry.game
    assert ExtensiveFormGame.from_normal_form(g).to_normal_form() == g
    assert ExtensiveFormGame.from_normal_form(g).to_normal_form(reduced=False) == g


def test_matching_pennies_tree_equals_matching_pennies() -> None:
    nf = to_normal_form(gt.catalog.matching_pennies_tree())
    assert np.array_equal(nf.payoffs, gt.catalog.matching_pennies().payoffs)


def test_imperfect_recall_full_form() -> None:
    # absent-minded driver style forgetting (without absent-mindedness): P forgets her first move
    tree = ExtensiveFormGame(
        Decision(
            "P",
            {
                "L": Decision("P", {"x": (1,), "y": (0,)}, infoset="forget"),
                "R": Decision("P", {"x": (0,), "y": (2,)}, infoset="forget"),
            },
        )
    )
    assert not tree.has_perfect_recall
    with pytest.raises(gt.GameError, match="perfect recall"):
        to_normal_form(tree)
    full = to_normal_form(tree, reduced=False)
    assert full.strategies == (("L/x", "L/y", "R/x", "R/y"),)
    assert full.payoffs[0].tolist() == [1.0, 0.0, 0.0, 2.0]
    assert behavior_to_mixed(tree, ["L", [0.5, 0.5]], reduced=False)[0].tolist() == [0.5, 0.5, 0.0, 0.0]


def test_float_tree_gives_float_game() -> None:
    tree = ExtensiveFormGame(
        Chance({"a": (0.25, (1.5, 0.0)), "b": (0.75, Decision("Q", {"x": (0.0, 1.0), "y": (2.0, 0.5)}))}),
        players=["P", "Q"],
    )
    nf = to_normal_form(tree)
    assert not nf.is_exact
    assert nf.payoffs[:, 0, :].tolist() == [[0.375, 1.875], [0.75, 0.375]]


# ----------------------------------------------------------------------------- Kuhn's theorem
def test_mixed_to_behavior_conditional_frequencies() -> None:
    tree = ExtensiveFormGame(
        Decision("A", {"L": Decision("B", {"l": Decision("A", {"x": (3, 0), "y": (0, 1)}), "r": (1, 1)}), "R": (2, 2)})
    )
    # A: L/x 1/4, L/y 1/4, R/* 1/2 -> at the root L 1/2; at the second set x 1/2
    b = mixed_to_behavior(tree, ([F(1, 4), F(1, 4), F(1, 2)], [F(1), F(0)]), exact=True)
    assert [v.tolist() for v in b] == [[F(1, 2), F(1, 2)], [F(1), F(0)], [F(1, 2), F(1, 2)]]
    # unreached second set: the plans that specify it are all outside the support -> uniform
    b = mixed_to_behavior(tree, (2, 0))
    assert [v.tolist() for v in b] == [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]]
    # full form: the unreached set gets the marginal of the plans specifying it
    b = mixed_to_behavior(tree, ([0, 0, 0.25, 0.75], [0, 1]), reduced=False)
    assert [v.tolist() for v in b] == [[0.0, 1.0], [0.0, 1.0], [0.25, 0.75]]


@given(random_trees(), st.integers(0, 2**16))
def test_kuhn_round_trip_realization(tree: ExtensiveFormGame, seed: int) -> None:
    beh = random_behavior(tree, seed)
    want = reach_probabilities(tree, beh, exact=True)[tree.terminals].tolist()
    for reduced in (True, False):
        mixed = behavior_to_mixed(tree, beh, reduced=reduced, exact=True)
        assert all(sum(v.tolist()) == 1 for v in mixed)
        assert mixed_terminal_probabilities(tree, mixed, reduced=reduced) == want
        back = mixed_to_behavior(tree, mixed, reduced=reduced, exact=True)
        assert reach_probabilities(tree, back, exact=True)[tree.terminals].tolist() == want
        # payoffs of the normal form at the mixed profile equal the tree's
        nf = to_normal_form(tree, reduced=reduced)
        assert gt.expected_payoffs(nf, mixed, exact=True).tolist() == behavior_payoffs(tree, beh, exact=True).tolist()
        # float mode agrees with exact
        mf = behavior_to_mixed(tree, beh, reduced=reduced)
        assert all(np.allclose(a, np.array(b, dtype=float)) for a, b in zip(mf, mixed))
        bf = mixed_to_behavior(tree, mf, reduced=reduced)
        assert all(np.allclose(a, np.array(b, dtype=float)) for a, b in zip(bf, back))


@given(random_trees(), st.integers(0, 2**16))
def test_mixed_to_behavior_realization_equivalent(tree: ExtensiveFormGame, seed: int) -> None:
    # a random mixed profile that is not a product: the behaviour profile still realizes the same terminal distribution
    rng = np.random.default_rng(seed)
    mixed = []
    for i in range(tree.n_players):
        m = len(strategy_plans(tree, i))
        w = rng.integers(0, 4, size=m).tolist()
        if sum(w) == 0:
            w[0] = 1
        mixed.append([F(x, sum(w)) for x in w])
    want = mixed_terminal_probabilities(tree, mixed)
    beh = mixed_to_behavior(tree, mixed, exact=True)
    assert reach_probabilities(tree, beh, exact=True)[tree.terminals].tolist() == want


@given(random_trees(exact=False))
def test_float_normal_form_matches_exact_brute_force(tree: ExtensiveFormGame) -> None:
    nf = to_normal_form(tree)
    plans = [strategy_plans(tree, i) for i in range(tree.n_players)]
    for prof in itertools.product(*[range(len(p)) for p in plans]):
        pure = [[1.0 if j == k else 0.0 for k in range(len(plans[i]))] for i, j in enumerate(prof)]
        beh = mixed_to_behavior(tree, pure)
        assert np.allclose(nf.payoffs[(slice(None), *prof)], behavior_payoffs(tree, beh))


@given(random_trees(n_players=3, max_depth=3))
def test_three_player_normal_form(tree: ExtensiveFormGame) -> None:
    nf = to_normal_form(tree)
    assert nf.is_exact and nf.n_players == 3
    plans = [strategy_plans(tree, i) for i in range(3)]
    for prof in itertools.product(*[range(len(p)) for p in plans]):
        beh = mixed_to_behavior(tree, list(prof), exact=True)
        assert nf.exact_payoffs()[(slice(None), *prof)].tolist() == behavior_payoffs(tree, beh, exact=True).tolist()


def test_plan_counts() -> None:
    tree = ExtensiveFormGame(
        Decision(
            "A",
            {
                "L": Decision("B", {"l": Decision("A", {"x": (3, 0), "y": (0, 1), "z": (0, 0)}), "r": (1, 1)}),
                "R": Decision("A", {"u": (1, 1), "v": (0, 0)}),
            },
        )
    )
    assert len(strategy_plans(tree, "A")) == 3 + 2
    assert len(strategy_plans(tree, "A", reduced=False)) == 2 * 3 * 2


# ----------------------------------------------------------------------------- solvers through the normal form
@pytest.mark.parametrize(
    "tree", [gt.catalog.entry_deterrence(), gt.catalog.matching_pennies_tree()], ids=["entry", "pennies"]
)
@pytest.mark.parametrize("solver", [gt.support_enumeration, gt.lemke_howson], ids=["support", "lemke_howson"])
def test_behavior_result_catalog(tree: ExtensiveFormGame, solver: Any) -> None:
    nf = tree.to_normal_form()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        res = solver(nf)
    tr = behavior_result(tree, res)
    assert tr.method == res.method and tr.complete == res.complete and tr.game is tree
    assert tr.parameters["reduced"] is True
    assert len(tr) >= 1
    for eq in tr:
        assert eq.max_regret <= 1e-9
        assert np.allclose(behavior_regrets(tree, eq.behavior), 0)


def test_behavior_result_entry_deterrence_sets() -> None:
    tree = gt.catalog.entry_deterrence()
    res = behavior_result(tree, gt.vertex_enumeration(tree.to_normal_form(), exact=True))
    pure = {e.pure_actions for e in res if e.is_pure}
    assert pure == {(0, 0), (1, 1)}
    assert all(e.exact is not None for e in res)


@given(random_trees(chance=True))
def test_equilibria_of_normal_form_have_zero_regret_in_tree(tree: ExtensiveFormGame) -> None:
    nf = tree.to_normal_form()
    res = gt.lemke_howson(nf)
    tr = behavior_result(tree, res)
    assert len(tr) == len({tuple(map(tuple, e.behavior)) for e in tr})
    for eq in tr:
        assert eq.relative_regret <= 1e-9
    ex = behavior_result(tree, gt.support_enumeration(nf, exact=True)) if nf.shape[0] * nf.shape[1] <= 64 else None
    if ex is not None:
        for eq in ex:
            assert eq.exact is not None and eq.max_regret == 0


# ----------------------------------------------------------------------------- agent form
def test_agent_form_entry_and_pennies() -> None:
    a = to_agent_form(gt.catalog.entry_deterrence())
    assert a == gt.NormalFormGame(
        [[[F(0), F(0)], [F(-1), F(1)]], [[F(2), F(2)], [F(-1), F(1)]]],
        players=["Entrant @ root", "Incumbent @ In"],
        strategies=[["Out", "In"], ["Fight", "Accommodate"]],
    )
    p = to_agent_form(gt.catalog.matching_pennies_tree())
    assert p.players == ("Player 1 [h1]", "Player 2 [h2]")
    assert np.array_equal(p.payoffs, gt.catalog.matching_pennies().payoffs)


def test_agent_form_agents_share_payoffs() -> None:
    tree = ExtensiveFormGame(
        Decision("A", {"L": Decision("B", {"l": Decision("A", {"x": (3, 0), "y": (0, 1)}), "r": (1, 1)}), "R": (2, 2)})
    )
    a = to_agent_form(tree)
    assert a.players == ("A @ root", "B @ L", "A @ L/l")
    assert a.shape == (2, 2, 2)
    assert np.array_equal(a.payoffs[0], a.payoffs[2])
    # (L, l, x) -> (3, 0); (R, *, *) -> (2, 2)
    assert a.payoffs[:, 0, 0, 0].tolist() == [3, 0, 3]
    assert a.payoffs[:, 1, 0, 1].tolist() == [2, 2, 2]


@given(random_trees())
def test_agent_form_pure_profiles_are_behavior_payoffs(tree: ExtensiveFormGame) -> None:
    a = to_agent_form(tree)
    for prof in itertools.product(*[range(len(x)) for x in tree.infoset_actions]):
        pay = behavior_payoffs(tree, list(prof), exact=True)
        assert a.exact_payoffs()[(slice(None), *prof)].tolist() == [pay[int(p)] for p in tree.infoset_players]
