"""Bad input to the sequence form and its solvers: every case names the argument and the value."""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers.sequence_form import sequence_form_lcp, sequence_form_lp
from gametheory_af.trees import Decision, ExtensiveFormGame
from gametheory_af.trees.sequence import behavior_from_realization, realization_plan, sequence_form
from tests.bad_input._check import case, run_case

GameError = gt.GameError
ED = gt.catalog.entry_deterrence()
THREE = ExtensiveFormGame(Decision("A", {"x": Decision("B", {"y": Decision("C", {"z": (1, 2, 3), "w": (0, 0, 0)})})}))
# A forgets her own first move: both of her second-stage nodes share one information set.
FORGETFUL = ExtensiveFormGame(
    Decision(
        "A",
        {
            "L": Decision("B", {"l": Decision("A", {"x": (1, 0), "y": (0, 1)}, infoset="late")}),
            "R": Decision("B", {"l": Decision("A", {"x": (2, 0), "y": (0, 2)}, infoset="late")}),
        },
    )
)
GENERAL_SUM = ExtensiveFormGame(Decision("A", {"L": (1, 1), "R": (2, -1)}), players=["A", "B"])
TWO_SEQ = ED  # entry deterrence: 3 sequences each

CASES = [
    case(lambda: sequence_form("game"), TypeError, ["game must be an ExtensiveFormGame", "'game'"], id="sequence_form-type"),
    case(lambda: sequence_form(FORGETFUL), GameError, ["lacks perfect recall", "'late'"], id="sequence_form-imperfect-recall"),
    case(lambda: sequence_form(ED, exact="yes"), TypeError, ["exact", "'yes'"], id="sequence_form-exact"),
    case(lambda: sequence_form(THREE).payoff_matrices(), GameError, ["2 players", "3"], id="payoff_matrices-three"),
    case(lambda: sequence_form(ED).payoff_matrices(sparse=1), TypeError, ["sparse", "1"], id="payoff_matrices-sparse"),
    case(lambda: realization_plan(ED, ["In", "Fight"], 2), GameError, ["2"], id="realization_plan-player"),
    case(lambda: realization_plan(ED, ["In", "Fight"], 0, exact=None), TypeError, ["exact", "None"], id="realization_plan-exact"),
    case(lambda: realization_plan(ED, [[0.5, 0.6], "Fight"], 0), GameError, ["probability vector", "0.6"], id="realization_plan-behavior"),
    case(lambda: realization_plan(FORGETFUL, ["L", "l", "x"], 0), GameError, ["perfect recall"], id="realization_plan-recall"),
    case(lambda: behavior_from_realization(ED, "plans"), TypeError, ["plans must be a sequence", "'plans'"], id="from_realization-type"),
    case(lambda: behavior_from_realization(ED, [[1, 0, 1]]), GameError, ["1 entries", "2 players"], id="from_realization-count"),
    case(lambda: behavior_from_realization(ED, [[1, 0, 1], [1, 1]]), GameError, ["'Incumbent'", "3 entries", "(2,)"], id="from_realization-length"),
    case(lambda: behavior_from_realization(ED, [[1, 0, 1], [1, 1]], exact=True), GameError, ["'Incumbent'", "3 entries"], id="from_realization-length-exact"),
    case(lambda: behavior_from_realization(ED, [[1, -0.5, 1.5], [1, 1, 0]]), GameError, ["'Entrant'", "negative", "-0.5", "sequence 1"], id="from_realization-negative"),
    case(lambda: behavior_from_realization(ED, [[1, 0.5, 0.25], [1, 1, 0]]), GameError, ["'Entrant'", "flow at information set", "-0.25"], id="from_realization-flow"),
    case(lambda: behavior_from_realization(ED, [[2, 1, 1], [1, 1, 0]]), GameError, ["'Entrant'", "x[0] = 1", "1.0"], id="from_realization-root"),
    case(lambda: behavior_from_realization(ED, [[1, "1/3", "1/3"], [1, 1, 0]], exact=True), GameError, ["'Entrant'", "flow", "-1/3"], id="from_realization-flow-exact"),
    case(lambda: behavior_from_realization(ED, [[1, 0, None], [1, 1, 0]], exact=True), GameError, ["'Entrant'", "numbers", "None"], id="from_realization-entry-exact"),
    case(lambda: behavior_from_realization(ED, [[1, 0, "x"], [1, 1, 0]]), GameError, ["'Entrant'", "numbers"], id="from_realization-entry"),
    case(lambda: behavior_from_realization(ED, [[1, 0, np.nan], [1, 1, 0]]), GameError, ["'Entrant'", "finite", "nan"], id="from_realization-nan"),
    case(lambda: sequence_form_lp(ED.players), TypeError, ["game must be an ExtensiveFormGame"], id="lp-type"),
    case(lambda: sequence_form_lp(THREE), GameError, ["2 players", "got 3", "'C'"], id="lp-three"),
    case(lambda: sequence_form_lp(FORGETFUL), GameError, ["lacks perfect recall", "'late'"], id="lp-recall"),
    case(lambda: sequence_form_lp(GENERAL_SUM), GameError, ["zero-sum", "sum to 2", "but to 1", "node 1 (L)", "node 2 (R)"], id="lp-general-sum"),
    case(
        lambda: sequence_form_lp(ExtensiveFormGame(Decision("A", {"L": (0.5, -0.5), "R": (0.25, 0.0)}), players=["A", "B"])),
        GameError,
        ["sum to 0.0", "but to 0.25"],
        id="lp-general-sum-float",
    ),
    case(lambda: sequence_form_lp(ED, tol=-1), GameError, ["tol", "-1"], id="lp-tol"),
    case(lambda: sequence_form_lp(ED, exact=1), TypeError, ["exact", "1"], id="lp-exact"),
    case(lambda: sequence_form_lcp(3), TypeError, ["game must be an ExtensiveFormGame", "3"], id="lcp-type"),
    case(lambda: sequence_form_lcp(THREE), GameError, ["2 players", "got 3"], id="lcp-three"),
    case(lambda: sequence_form_lcp(FORGETFUL), GameError, ["lacks perfect recall", "'late'"], id="lcp-recall"),
    case(lambda: sequence_form_lcp(ED, max_time=0), GameError, ["max_time", "0"], id="lcp-max_time"),
    case(lambda: sequence_form_lcp(ED, tol=float("nan")), GameError, ["tol", "nan"], id="lcp-tol"),
    case(lambda: sequence_form_lcp(ED, exact="no"), TypeError, ["exact", "'no'"], id="lcp-exact"),
]


@pytest.mark.parametrize(("call", "exc", "names"), CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)


def test_lcp_tableau_beyond_the_memory_limit():
    from gametheory_af.trees.catalog import leduc_poker

    game = leduc_poker()
    sf = sequence_form(game)
    with gt.limits(max_bytes=10**6), pytest.raises(GameError, match="sequence-form LCP tableau entries"):
        sequence_form_lcp(game)
    with gt.limits(max_bytes=10**4), pytest.raises(GameError, match="sequence-form payoff entries"):
        sf.payoff_matrices()
