"""Bad input to game trees: the builder, from_arrays, behaviour profiles, equilibrium records."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af import GameError
from gametheory_af.trees import Chance, Decision, ExtensiveFormGame, Terminal
from gametheory_af.trees.profiles import as_behavior, as_exact_behavior, behavior_regrets
from gametheory_af.trees.result import TreeEquilibriumResult, make_behavior_equilibrium

from ._check import case, run_case

T = ExtensiveFormGame
ENTRY = gt.catalog.entry_deterrence()


def _cyclic() -> Decision:
    d = Decision("P", {"a": (1,), "b": (0,)})
    # a tree that contains itself: only reachable by defeating the frozen dataclass
    object.__setattr__(d, "actions", (("a", (1,)), ("b", d)))
    return d


def _descendant_in_infoset() -> Decision:
    return Decision("P", {"a": Decision("P", {"a": (1,), "b": (0,)}, infoset="h"), "b": (0,)}, infoset="h")


CASES = [
    # the nested builder
    case(lambda: T(_cyclic()), GameError, ("cycle",), id="tree-cycle"),
    case(lambda: T(Decision("P", {"a": None})), GameError, ("node a", "no payoffs"), id="node-without-payoffs"),
    case(lambda: T(Decision("P", {"a": ()})), GameError, ("node a", "no payoffs"), id="node-empty-payoffs"),
    case(lambda: T(Decision("P", {})), GameError, ("the root", "no actions"), id="decision-without-actions"),
    case(lambda: T(Decision("P", {"a": (1, 2), "b": (1,)})), GameError, ("node a", "2 payoffs", "1 players"), id="payoff-length"),
    case(lambda: T(Decision("P", {"a": (1, "x")}), players=["P", "Q"]), GameError, ("payoff of 'Q'", "node a", "'x'"), id="payoff-text"),
    case(lambda: T(Decision("P", {"a": (np.nan,)})), GameError, ("payoff", "nan"), id="payoff-nan"),
    case(lambda: T(Decision("P", {"a": (10**400,)})), GameError, ("payoff", "float64"), id="payoff-overflow"),
    case(lambda: T(Decision("P", {"a": ("1e999999",)})), GameError, ("exponent", "max_exponent"), id="payoff-huge-exponent"),
    case(
        lambda: T(Chance({"h": ("1/2", (1,)), "t": ("1/3", (0,))})),
        GameError,
        ("chance probabilities", "the root", "5/6", "not 1"),
        id="chance-exact-sum",
    ),
    case(lambda: T(Chance({"h": (0.5, (1,)), "t": (0.4, (0,))})), GameError, ("sum to 0.9", "not 1"), id="chance-float-sum"),
    case(lambda: T(Chance({"h": (-0.5, (1,)), "t": (1.5, (0,))})), GameError, ("'h'", "-0.5", ">= 0"), id="chance-negative"),
    case(lambda: T(Chance({"h": ("x", (1,))})), GameError, ("chance probability 'h'", "'x'"), id="chance-text"),
    case(lambda: T(Chance({"h": (1,)})), GameError, ("'h'", "(probability, subtree)"), id="chance-shape"),
    case(
        lambda: T(Decision("P", {"a": Decision("Q", {"x": (1, 1)}, infoset="h"), "b": Decision("P", {"x": (0, 0)}, infoset="h")})),
        GameError,
        ("information set 'h'", "mixes players", "'Q'", "'P'"),
        id="infoset-mixes-players",
    ),
    case(
        lambda: T(Decision("P", {"a": Decision("Q", {"x": (1, 1)}, infoset="h"), "b": Decision("Q", {"y": (0, 0)}, infoset="h")})),
        GameError,
        ("information set 'h'", "mixes action sets", "('x',)", "('y',)"),
        id="infoset-mixes-actions",
    ),
    case(lambda: T(_descendant_in_infoset()), GameError, ("information set 'h'", "the root", "descendant", "node a"), id="infoset-descendant"),
    case(lambda: T(Decision("P", {"a": (1,), "b": (0,)}), players=["Q"]), GameError, ("unknown player 'P'", "('Q',)"), id="unknown-player"),
    case(lambda: T(Decision(3, {"a": (1,)}), players=["Q"]), GameError, ("player index 3", "1 players"), id="player-index-range"),
    case(lambda: T(Decision(0, {"a": (1,)})), GameError, ("by index 0", "players="), id="player-index-without-names"),
    case(lambda: T(Decision(1.5, {"a": (1,)})), TypeError, ("player", "1.5"), id="player-type"),
    case(lambda: T(Decision("P", {"a": (1,), "": (0,)})), GameError, ("action names", "''"), id="action-empty-name"),
    case(lambda: T(Decision("P", [("a", (1,)), ("a", (0,))])), GameError, ("the root", "'a' twice"), id="action-duplicate"),
    case(lambda: T(Decision("P", [("a",)])), GameError, ("(name, subtree)",), id="action-pair-shape"),
    case(lambda: T(Decision("P", 5)), TypeError, ("actions", "5"), id="actions-type"),
    case(lambda: T(Decision("P", {"a": 7})), TypeError, ("node a", "7"), id="subtree-type"),
    case(lambda: T(Decision("P", {"a": (1,)}, infoset=3)), TypeError, ("information set label", "3"), id="infoset-label-type"),
    case(lambda: T(Decision("P", {"a": (1,)}), players=["P", "P"]), GameError, ("players", "duplicate", "'P'"), id="players-duplicate"),
    case(lambda: T(Decision("P", {"a": (1,)}), title=5), TypeError, ("title", "5"), id="title-type"),
    case(lambda: Terminal(5), GameError, ("payoffs", "5"), id="terminal-scalar"),
    # from_arrays
    case(lambda: T.from_arrays([], [], np.zeros((0, 1))), GameError, ("parents", "empty"), id="arrays-empty"),
    case(lambda: T.from_arrays([-1, -1], [0, 0], [[1], [2]]), GameError, ("exactly one root", "2"), id="arrays-two-roots"),
    case(lambda: T.from_arrays([1, 2, 1, -1], [0, 0, 0, 0], [[1]]), GameError, ("cycle",), id="arrays-cycle"),
    case(lambda: T.from_arrays([-1, 1], [0, 0], [[1]]), GameError, ("node 1", "its own parent"), id="arrays-self-loop"),
    case(lambda: T.from_arrays([-1, 5], [0, 0], [[1]]), GameError, ("parents[1] = 5", "0..1"), id="arrays-parent-range"),
    case(lambda: T.from_arrays([[-1]], [0], [[1]]), GameError, ("parents", "1-D"), id="arrays-parents-2d"),
    case(lambda: T.from_arrays([-1, 0.5], [0, 0], [[1]]), GameError, ("parents", "integers"), id="arrays-parents-float"),
    case(lambda: T.from_arrays([-1, 0], [0], [[1]]), GameError, ("node_players", "1 entries", "2"), id="arrays-players-length"),
    case(lambda: T.from_arrays([-1, 0], [5, 0], [[1]], players=["A"]), GameError, ("node_players[0] = 5", "0..0"), id="arrays-player-range"),
    case(lambda: T.from_arrays([-1, 0], [0, 0], [[1, 2]], players=["A"]), GameError, ("payoffs", "(1, 1)", "(1, 2)"), id="arrays-payoff-shape"),
    case(lambda: T.from_arrays([-1, 0], [0, 0], [[np.inf]]), GameError, ("payoffs", "finite", "row 0"), id="arrays-payoff-inf"),
    case(lambda: T.from_arrays([-1, 0, 0], [-1, 0, 0], [[1], [2]]), GameError, ("chance nodes", "probabilities="), id="arrays-chance-no-probs"),
    case(
        lambda: T.from_arrays([-1, 0, 0], [-1, 0, 0], [[1], [2]], probabilities=[0, 0.5, 0.6]),
        GameError,
        ("node 0", "sum to 1.1", "not 1"),
        id="arrays-chance-sum",
    ),
    case(
        lambda: T.from_arrays([-1, 0, 0], [-1, 0, 0], [[1], [2]], probabilities=[0, 0.5]),
        GameError,
        ("probabilities", "(3,)", "(2,)"),
        id="arrays-probs-shape",
    ),
    case(
        lambda: T.from_arrays([-1, 0, 0], [-1, 0, 0], [[1], [2]], probabilities=[0, -0.5, 1.5]),
        GameError,
        ("probabilities[1]", "-0.5"),
        id="arrays-probs-negative",
    ),
    case(
        lambda: T.from_arrays([-1, 0, 0, 1, 2, 2], [0, 1, 0, 0, 0, 0], [[1, 1], [1, 1], [1, 1]], infosets=[0, 5, 5, 0, 0, 0]),
        GameError,
        ("information set 5", "mixes players"),
        id="arrays-infoset-mixes-players",
    ),
    case(
        lambda: T.from_arrays([-1, 0, 0, 1, 2, 2], [0, 1, 1, 0, 0, 0], [[1, 1], [1, 1], [1, 1]], infosets=[0, 5, 5, 0, 0, 0]),
        GameError,
        ("information set 5", "mixes action sets"),
        id="arrays-infoset-mixes-actions",
    ),
    case(lambda: T.from_arrays([-1, 0], [0, 0], [[1]], infosets=[0]), GameError, ("infosets", "1 entries"), id="arrays-infosets-length"),
    # limits
    case(lambda: _too_big(), GameError, ("tree node", "max_entries"), id="arrays-beyond-limits"),
    # behaviour profiles
    case(lambda: as_behavior(ENTRY, ["In"]), GameError, ("1 entries", "2 information sets"), id="behavior-length"),
    case(lambda: as_behavior(ENTRY, ["In", "Run"]), GameError, ("'Run'", "('Fight', 'Accommodate')"), id="behavior-unknown-action"),
    case(lambda: as_behavior(ENTRY, ["In", 4]), GameError, ("action index 4", "0..1"), id="behavior-index"),
    case(lambda: as_behavior(ENTRY, ["In", [0.5, 0.6]]), GameError, ("probability vector", "0.6"), id="behavior-off-simplex"),
    case(lambda: as_behavior(ENTRY, ["In", [np.nan, 1]]), GameError, ("probability vector", "nan"), id="behavior-nan"),
    case(lambda: as_behavior(ENTRY, ["In", [1, 0, 0]]), GameError, ("2 probabilities", "(3,)"), id="behavior-shape"),
    case(lambda: as_behavior(ENTRY, ["In", ["a", "b"]]), GameError, ("must be numbers",), id="behavior-text"),
    case(lambda: as_behavior(ENTRY, "In"), TypeError, ("behavior", "'In'"), id="behavior-str"),
    case(lambda: as_behavior(ENTRY, {0: "In"}), GameError, ("no strategy", "information set 1"), id="behavior-mapping-missing"),
    case(lambda: as_behavior(ENTRY, {"zz": "In"}), GameError, ("unknown information set 'zz'",), id="behavior-mapping-label"),
    case(lambda: as_behavior(ENTRY, {7: "In"}), GameError, ("behavior key 7",), id="behavior-mapping-key"),
    case(lambda: as_behavior("tree", ["In"]), TypeError, ("ExtensiveFormGame", "'tree'"), id="behavior-game-type"),
    case(
        lambda: as_exact_behavior(ENTRY, ["In", ["1/2", "1/3"]]),
        GameError,
        ("summing to 1", "1/3"),
        id="exact-behavior-sum",
    ),
    case(lambda: as_exact_behavior(ENTRY, ["In", [1]]), GameError, ("2 probabilities",), id="exact-behavior-length"),
    case(lambda: as_exact_behavior(ENTRY, ["In", [None, 1]]), GameError, ("must be numbers", "None"), id="exact-behavior-none"),
    case(
        lambda: behavior_regrets(
            T(Decision("A", {"L": Decision("A", {"l": (1,), "r": (0,)}, infoset="x"), "R": Decision("A", {"l": (0,), "r": (1,)}, infoset="x")})),
            [[1, 0], [1, 0]],
        ),
        GameError,
        ("lacks perfect recall", "information set 'x'"),
        id="regrets-imperfect-recall",
    ),
    case(lambda: make_behavior_equilibrium(ENTRY, ["In", "Fight"], exact="yes"), TypeError, ("exact", "'yes'"), id="make-exact-flag"),
    case(lambda: TreeEquilibriumResult(("x",), "m", True), TypeError, ("equilibria[0]", "'x'"), id="result-equilibria-type"),
    case(lambda: TreeEquilibriumResult((), 5, True), TypeError, ("method", "5"), id="result-method-type"),
    case(lambda: TreeEquilibriumResult((), "m", True, game="g"), TypeError, ("game", "'g'"), id="result-game-type"),
    case(
        lambda: TreeEquilibriumResult((make_behavior_equilibrium(ENTRY, ["In", "Fight"]),), "m", True, game=gt.catalog.matching_pennies_tree()).describe(
            gt.catalog.prisoners_dilemma()
        ),
        TypeError,
        ("ExtensiveFormGame",),
        id="result-describe-nfg",
    ),
    case(lambda: TreeEquilibriumResult((), "m", True).describe(), GameError, ("stores no game", "game="), id="result-describe-no-game"),
]


def _too_big() -> None:
    with gt.limits(max_entries=100):
        T.from_arrays(np.r_[-1, np.zeros(50, dtype=np.int64)], np.zeros(51, dtype=np.int64), np.zeros((50, 1)))


@pytest.mark.parametrize(("call", "exc", "names"), CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)


def test_a_shared_subtree_is_not_a_cycle():
    leaf = Decision("P", {"a": (1,), "b": (Fraction(1, 2),)})
    g = T(Decision("P", {"x": leaf, "y": leaf}))
    assert g.n_nodes == 7 and g.n_infosets == 3
