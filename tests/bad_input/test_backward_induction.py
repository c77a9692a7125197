"""Bad input to backward induction, proper subgames and subgame_perfect: refused naming the argument and value."""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers.backward_induction import backward_induction_batch

from ._check import case, run_case

GameError = gt.GameError
ED = gt.catalog.entry_deterrence()
MP = gt.catalog.matching_pennies_tree()

CASES = [
    case(lambda: backward_induction_batch("game"), TypeError, ("backward_induction_batch", "game", "str"), id="bi-game-text"),
    case(lambda: backward_induction_batch(MP), GameError, ("imperfect information", "'h2'", "2 nodes"), id="bi-imperfect"),
    case(lambda: backward_induction_batch(ED, np.zeros((3, 2))), GameError, ("payoffs", "(B, 3, 2)", "(3, 2)"), id="bi-payoffs-2d"),
    case(lambda: backward_induction_batch(ED, np.zeros((1, 3, 3))), GameError, ("payoffs", "(1, 3, 3)"), id="bi-payoffs-shape"),
    case(lambda: backward_induction_batch(ED, np.zeros((0, 3, 2))), GameError, ("payoffs", "empty"), id="bi-payoffs-empty"),
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
        run_case(lambda: backward_induction_batch(ED, np.zeros((4, 3, 2))), GameError, ("max_entries", "backward-induction"))
