"""Bad input to the tree conversions: normal form, agent form, Kuhn's theorem, results mapped back."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import pytest

import gametheory_af as gt
from gametheory_af import GameError
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

from ._check import case, run_case

ENTRY = gt.catalog.entry_deterrence()
FORGETFUL = ExtensiveFormGame(
    Decision(
        "P",
        {
            "L": Decision("P", {"x": (1,), "y": (0,)}, infoset="forget"),
            "R": Decision("P", {"x": (0,), "y": (2,)}, infoset="forget"),
        },
    )
)
NOBODY = ExtensiveFormGame(Chance({"a": ("1/2", (1,)), "b": ("1/2", (0,))}))
# four plans each: (two sets of two actions) x (two sets of two actions)
WIDE = ExtensiveFormGame(
    Chance(
        {
            "u": (
                "1/2",
                Decision(
                    "A", {"a": Decision("B", {"c": (1, 0), "d": (0, 1)}, infoset="b1"), "b": (0, 0)}, infoset="a1"
                ),
            ),
            "v": (
                "1/2",
                Decision(
                    "A", {"a": Decision("B", {"c": (0, 1), "d": (1, 0)}, infoset="b2"), "b": (0, 0)}, infoset="a2"
                ),
            ),
        }
    )
)


def _limited(call: Any, **lim: int) -> Any:
    def run() -> Any:
        with gt.limits(**lim):
            return call()

    return run


CASES = [
    # the game and the switches
    case(lambda: to_normal_form("tree"), TypeError, ("to_normal_form", "game", "'tree'"), id="nf-not-a-tree"),
    case(lambda: to_normal_form(ENTRY, reduced="yes"), TypeError, ("reduced", "'yes'"), id="nf-reduced-not-bool"),
    case(lambda: to_normal_form(FORGETFUL), GameError, ("perfect recall", "'forget'", "'P'"), id="nf-imperfect-recall"),
    case(
        lambda: strategy_plans(FORGETFUL, "P"),
        GameError,
        ("strategy_plans", "perfect recall", "'forget'"),
        id="plans-imperfect-recall",
    ),
    case(lambda: plan_names(FORGETFUL, 0), GameError, ("plan_names", "perfect recall"), id="names-imperfect-recall"),
    case(lambda: strategy_plans(ENTRY, "Nobody"), GameError, ("'Nobody'",), id="plans-unknown-player"),
    case(lambda: strategy_plans(ENTRY, 0, reduced=1), TypeError, ("reduced", "1"), id="plans-reduced-not-bool"),
    case(lambda: plan_names([1], 0), TypeError, ("plan_names", "game"), id="names-not-a-tree"),
    # limits, checked before allocating
    case(
        _limited(lambda: to_normal_form(WIDE, reduced=False), max_entries=3),
        GameError,
        ("pure strategies of 'A'", "4", "max_entries=3"),
        id="nf-too-many-plans",
    ),
    case(
        _limited(lambda: to_normal_form(WIDE), max_entries=20),
        GameError,
        ("normal-form payoff entries", "32", "max_entries=20"),
        id="nf-tensor-too-big",
    ),
    case(
        _limited(lambda: to_agent_form(WIDE), max_entries=20),
        GameError,
        ("agent-form payoff entries", "max_entries=20"),
        id="agent-too-big",
    ),
    case(lambda: to_agent_form(NOBODY), GameError, ("to_agent_form", "no information set"), id="agent-no-moves"),
    case(lambda: to_agent_form(None), TypeError, ("to_agent_form", "None"), id="agent-not-a-tree"),
    # mixed profiles
    case(lambda: mixed_to_behavior(ENTRY, "In"), TypeError, ("mixed", "'In'"), id="m2b-text"),
    case(lambda: mixed_to_behavior(ENTRY, [[1, 0]]), GameError, ("mixed", "1 entries", "2 players"), id="m2b-too-few"),
    case(
        lambda: mixed_to_behavior(ENTRY, [[1, 0, 0], [1, 0]]),
        GameError,
        ("mixed[0]", "2 probabilities", "'Entrant'"),
        id="m2b-length",
    ),
    case(
        lambda: mixed_to_behavior(ENTRY, [[0.7, 0.7], [1, 0]]),
        GameError,
        ("mixed[0]", "probability vector", "0.7"),
        id="m2b-sum",
    ),
    case(lambda: mixed_to_behavior(ENTRY, [[1.5, -0.5], [1, 0]]), GameError, ("mixed[0]", "-0.5"), id="m2b-negative"),
    case(lambda: mixed_to_behavior(ENTRY, [[1, 0], ["a", "b"]]), GameError, ("mixed[1]", "'a'"), id="m2b-text-entries"),
    case(lambda: mixed_to_behavior(ENTRY, [5, 0]), GameError, ("mixed[0] = 5", "'Entrant'", "0..1"), id="m2b-index"),
    case(
        lambda: mixed_to_behavior(ENTRY, [[F(1, 3), F(1, 3)], [1, 0]], exact=True),
        GameError,
        ("mixed[0]", "probability vector"),
        id="m2b-exact-sum",
    ),
    case(
        lambda: mixed_to_behavior(ENTRY, [[0.3, 0.6999999999], [1, 0]], exact=True),
        GameError,
        ("mixed[0]", "exact probabilities summing to 1", "6999999999/10000000000"),
        id="m2b-exact-not-exact",
    ),
    case(lambda: mixed_to_behavior(ENTRY, [0, 0], exact="no"), TypeError, ("exact", "'no'"), id="m2b-exact-not-bool"),
    case(
        lambda: mixed_to_behavior(FORGETFUL, [0], reduced=False),
        GameError,
        ("mixed_to_behavior", "perfect recall"),
        id="m2b-imperfect-recall",
    ),
    # behaviour profiles
    case(
        lambda: behavior_to_mixed(ENTRY, ["In"]),
        GameError,
        ("behavior", "1 entries", "2 information sets"),
        id="b2m-length",
    ),
    case(lambda: behavior_to_mixed(ENTRY, ["In", "Run"]), GameError, ("'Run'",), id="b2m-unknown-action"),
    case(lambda: behavior_to_mixed(ENTRY, ["In", [0.5, 0.6]]), GameError, ("probability vector", "0.6"), id="b2m-sum"),
    case(
        lambda: behavior_to_mixed(FORGETFUL, ["L", "x"]),
        GameError,
        ("behavior_to_mixed", "perfect recall"),
        id="b2m-imperfect-recall",
    ),
    case(
        lambda: behavior_to_mixed(ENTRY, ["In", "Fight"], reduced=None),
        TypeError,
        ("reduced", "None"),
        id="b2m-reduced-not-bool",
    ),
    # results
    case(
        lambda: behavior_result(ENTRY, [1, 2]),
        TypeError,
        ("behavior_result", "EquilibriumResult", "[1, 2]"),
        id="result-type",
    ),
    case(
        lambda: behavior_result(ENTRY, gt.pure_nash(gt.NormalFormGame([[[0, 0, 0]], [[0, 0, 0]]]))),
        GameError,
        ("behavior_result", "(1, 3)", "(2, 2)"),
        id="result-other-game",
    ),
]


@pytest.mark.parametrize(("call", "exc", "names"), CASES)
def test_bad_input(call: Any, exc: type[BaseException], names: tuple[str, ...]) -> None:
    run_case(call, exc, names)
