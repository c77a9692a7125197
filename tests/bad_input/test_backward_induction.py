"""Bad input to backward induction, proper subgames and subgame_perfect: refused naming the argument and value."""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers.backward_induction import backward_induction_batch, subgame_perfect
from gametheory_af.trees import Decision
from gametheory_af.trees.subgames import proper_subgames, replace_subgames, subgame

from ._check import case, run_case

GameError = gt.GameError
ED = gt.catalog.entry_deterrence()
MP = gt.catalog.matching_pennies_tree()
NO_RECALL = gt.ExtensiveFormGame(
    Decision(
        "A",
        {
            "L": Decision("A", {"a": (1, 0), "b": (0, 0)}, infoset="x"),
            "R": Decision("A", {"a": (0, 0), "b": (1, 0)}, infoset="x"),
        },
    ),
    players=("A", "B"),
)

CASES = [
    case(
        lambda: backward_induction_batch("game"),
        TypeError,
        ("backward_induction_batch", "game", "str"),
        id="bi-game-text",
    ),
    case(
        lambda: backward_induction_batch(MP), GameError, ("imperfect information", "'h2'", "2 nodes"), id="bi-imperfect"
    ),
    case(
        lambda: backward_induction_batch(ED, np.zeros((3, 2))),
        GameError,
        ("payoffs", "(B, 3, 2)", "(3, 2)"),
        id="bi-payoffs-2d",
    ),
    case(
        lambda: backward_induction_batch(ED, np.zeros((1, 3, 3))),
        GameError,
        ("payoffs", "(1, 3, 3)"),
        id="bi-payoffs-shape",
    ),
    case(
        lambda: backward_induction_batch(ED, np.zeros((0, 3, 2))),
        GameError,
        ("payoffs", "empty"),
        id="bi-payoffs-empty",
    ),
    case(
        lambda: backward_induction_batch(ED, np.array([[[0, 1], [np.nan, 1], [1, 1]]])),
        GameError,
        ("payoffs[0, 1, 0]", "nan"),
        id="bi-payoffs-nan",
    ),
    case(lambda: backward_induction_batch(ED, "payoffs"), TypeError, ("payoffs", "'payoffs'"), id="bi-payoffs-text"),
    case(lambda: backward_induction_batch(ED, [[["a", 1]]]), TypeError, ("payoffs",), id="bi-payoffs-letters"),
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)


def test_batch_memory_limit():
    with gt.limits(max_entries=10):
        run_case(
            lambda: backward_induction_batch(ED, np.zeros((4, 3, 2))), GameError, ("max_entries", "backward-induction")
        )


SP_CASES = [
    case(lambda: subgame_perfect("game"), TypeError, ("subgame_perfect", "game", "str"), id="sp-game-text"),
    case(lambda: subgame_perfect(ED, exact="yes"), TypeError, ("exact", "'yes'"), id="sp-exact-text"),
    case(lambda: subgame_perfect(ED, tol=-1), GameError, ("tol", "-1"), id="sp-tol-negative"),
    case(lambda: subgame_perfect(ED, tol=float("nan")), GameError, ("tol", "nan"), id="sp-tol-nan"),
    case(lambda: subgame_perfect(ED, solver=3), TypeError, ("solver", "3"), id="sp-solver-int"),
    case(
        lambda: subgame_perfect(ED, solver="magic"),
        GameError,
        ("solver", "'magic'", "vertex_enumeration"),
        id="sp-solver-unknown",
    ),
    case(lambda: subgame_perfect(ED, max_equilibria=0), GameError, ("max_equilibria", "0"), id="sp-max-eq-zero"),
    case(lambda: subgame_perfect(ED, max_equilibria=1.5), TypeError, ("max_equilibria", "1.5"), id="sp-max-eq-float"),
    case(lambda: subgame_perfect(ED, max_time=0), GameError, ("max_time", "0"), id="sp-max-time-zero"),
    case(lambda: subgame_perfect(ED, max_time="soon"), TypeError, ("max_time", "'soon'"), id="sp-max-time-text"),
    case(lambda: subgame_perfect(NO_RECALL), GameError, ("perfect recall", "'x'"), id="sp-imperfect-recall"),
    case(lambda: proper_subgames([1, 2]), TypeError, ("proper_subgames", "game"), id="ps-game-list"),
    case(
        lambda: subgame(MP, 1), GameError, ("node 1", "does not start a proper subgame", "'h2'"), id="subgame-not-root"
    ),
    case(lambda: subgame(MP, -1), GameError, ("root -1", "not a node"), id="subgame-negative"),
    case(lambda: subgame(MP, True), TypeError, ("root", "True"), id="subgame-bool"),
    case(lambda: replace_subgames(ED, {2: (1,)}), GameError, ("node 2", "1 entries", "2 players"), id="replace-short"),
    case(lambda: replace_subgames(ED, {2: (1, float("inf"))}), GameError, ("node 2", "inf"), id="replace-inf"),
    case(lambda: replace_subgames(ED, {0: (1, 1)}), GameError, ("node 0", "root"), id="replace-root"),
    case(
        lambda: subgame(ED, 2, replace={1: (0, 0)}),
        GameError,
        ("node 1", "not inside", "node 2"),
        id="subgame-replace-outside",
    ),
    case(
        lambda: subgame(ED, 0, replace=[(2, (0, 0))]), TypeError, ("replacements", "mapping"), id="subgame-replace-list"
    ),
    case(lambda: replace_subgames(ED, {"2": (1, 1)}), TypeError, ("node", "'2'"), id="replace-node-text"),
]


@pytest.mark.parametrize("call, exc, names", SP_CASES)
def test_bad_input_subgame_perfect(call, exc, names):
    run_case(call, exc, names)
