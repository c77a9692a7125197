"""Bad input to the agent-form tree solvers: refused before any work, naming the argument and value."""

from __future__ import annotations

import pytest

import gametheory_af as gt
from gametheory_af.solvers.agent import AgentEquilibriumResult, agent_regrets, pure_agent_equilibria
from gametheory_af.solvers.agent_qre import agent_logit_qre, agent_logit_qre_at
from gametheory_af.trees import Decision, ExtensiveFormGame

from ._check import case, run_case

GameError = gt.GameError
G = gt.catalog.entry_deterrence()
NAN = float("nan")
INF = float("inf")
# imperfect recall: player A forgets her first move
FORGETFUL = ExtensiveFormGame(
    Decision(
        "A",
        {
            "x": Decision("A", {"l": (1, 0), "r": (0, 1)}, infoset="later"),
            "y": Decision("A", {"l": (0, 1), "r": (1, 0)}, infoset="later"),
        },
    ),
    players=["A", "B"],
)

CASES = [
    # ------------------------------------------------------------ pure_agent_equilibria
    case(lambda: pure_agent_equilibria("tree"), TypeError, ("pure_agent_equilibria", "game", "str"), id="pure-game-text"),
    case(lambda: pure_agent_equilibria(gt.catalog.matching_pennies()), TypeError, ("game", "NormalFormGame"), id="pure-game-nfg"),
    case(lambda: pure_agent_equilibria(G, tol=-1), GameError, ("tol", "-1"), id="pure-tol-negative"),
    case(lambda: pure_agent_equilibria(G, tol=NAN), GameError, ("tol", "nan"), id="pure-tol-nan"),
    case(lambda: pure_agent_equilibria(G, tol="0.1"), TypeError, ("tol", "'0.1'"), id="pure-tol-text"),
    case(lambda: pure_agent_equilibria(G, exact="yes"), TypeError, ("exact", "'yes'"), id="pure-exact-text"),
    case(lambda: pure_agent_equilibria(G, max_time=0), GameError, ("max_time", "0"), id="pure-max-time-zero"),
    case(lambda: pure_agent_equilibria(G, max_time="soon"), TypeError, ("max_time", "'soon'"), id="pure-max-time-text"),
    case(lambda: pure_agent_equilibria(FORGETFUL), GameError, ("pure_agent_equilibria", "perfect recall"), id="pure-imperfect-recall"),
    # ------------------------------------------------------------ agent_regrets
    case(lambda: agent_regrets(G, ["In"]), GameError, ("agent_regrets", "1 entries", "2 information sets"), id="regrets-short"),
    case(lambda: agent_regrets(G, ["In", "Run"]), GameError, ("'Run'", "actions"), id="regrets-unknown-action"),
    case(lambda: agent_regrets(G, ["In", [0.7, 0.7]]), GameError, ("probability vector", "0.7"), id="regrets-not-simplex"),
    case(lambda: agent_regrets(G, ["In", "Fight"], exact=1), TypeError, ("exact", "1"), id="regrets-exact-int"),
    case(lambda: agent_regrets(3, ["In", "Fight"]), TypeError, ("game", "int"), id="regrets-game-int"),
    # ------------------------------------------------------------ agent_logit_qre
    case(lambda: agent_logit_qre(None), TypeError, ("agent_logit_qre", "game", "None"), id="qre-game-none"),
    case(lambda: agent_logit_qre(G, tol=-0.5), GameError, ("tol", "-0.5"), id="qre-tol-negative"),
    case(lambda: agent_logit_qre(G, max_lambda=0), GameError, ("max_lambda", "0"), id="qre-max-lambda-zero"),
    case(lambda: agent_logit_qre(G, max_lambda=NAN), GameError, ("max_lambda", "nan"), id="qre-max-lambda-nan"),
    case(lambda: agent_logit_qre(G, first_step=-1), GameError, ("first_step", "-1"), id="qre-first-step-negative"),
    case(lambda: agent_logit_qre(G, max_accel=0.5), GameError, ("max_accel", "0.5"), id="qre-max-accel-small"),
    case(lambda: agent_logit_qre(G, max_steps=0), GameError, ("max_steps", "0"), id="qre-max-steps-zero"),
    case(lambda: agent_logit_qre(G, max_steps=2.5), TypeError, ("max_steps", "2.5"), id="qre-max-steps-float"),
    case(lambda: agent_logit_qre(G, max_time=-2), GameError, ("max_time", "-2"), id="qre-max-time-negative"),
    case(lambda: agent_logit_qre(G, normalize="yes"), TypeError, ("normalize", "'yes'"), id="qre-normalize-text"),
    case(lambda: agent_logit_qre(FORGETFUL), GameError, ("agent_logit_qre", "perfect recall"), id="qre-imperfect-recall"),
    # ------------------------------------------------------------ agent_logit_qre_at
    case(lambda: agent_logit_qre_at(G, -1.0), GameError, ("agent_logit_qre_at", "lam", "-1"), id="at-lam-negative"),
    case(lambda: agent_logit_qre_at(G, INF), GameError, ("lam", "inf"), id="at-lam-inf"),
    case(lambda: agent_logit_qre_at(G, "big"), TypeError, ("lam", "'big'"), id="at-lam-text"),
    case(lambda: agent_logit_qre_at(G, 1.0, first_step=0), GameError, ("first_step", "0"), id="at-first-step-zero"),
    case(lambda: agent_logit_qre_at(G, 1.0, max_accel=0.9), GameError, ("max_accel", "0.9"), id="at-max-accel-small"),
    case(lambda: agent_logit_qre_at(G, 1.0, max_steps=-1), GameError, ("max_steps", "-1"), id="at-max-steps-negative"),
    case(lambda: agent_logit_qre_at(G, 1e6, max_steps=1), GameError, ("could not follow", "lambda = 1000000"), id="at-too-few-steps"),
    case(lambda: agent_logit_qre_at(FORGETFUL, 1.0), GameError, ("perfect recall",), id="at-imperfect-recall"),
    case(lambda: agent_logit_qre_at("g", 1.0), TypeError, ("game", "str"), id="at-game-text"),
    # ------------------------------------------------------------ results
    case(
        lambda: AgentEquilibriumResult((), "x", True, agent_regrets=(0.0,)),
        GameError,
        ("agent_regrets", "1 entries", "0 equilibria"),
        id="result-regrets-length",
    ),
    case(lambda: agent_logit_qre(G).behavior_at(10**6), GameError, ("k", "1000000"), id="result-behavior-at-range"),
]


@pytest.mark.parametrize(("call", "exc", "names"), CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)
