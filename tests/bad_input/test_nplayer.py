"""Bad input to the n-player solvers and the dispatcher: refused before any work, naming the argument and value."""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers.dispatch import nash_equilibria
from gametheory_af.solvers.global_newton import global_newton
from gametheory_af.solvers.polynomial import polynomial_enumeration
from gametheory_af.solvers.qre import logit_qre, logit_qre_at, logit_select
from gametheory_af.solvers.simpdiv import simpdiv

from ._check import case, run_case

GameError = gt.GameError
G3 = gt.catalog.jordan_game()  # 2 x 2 x 2
G2 = gt.catalog.matching_pennies()
NAN = float("nan")
INF = float("inf")

CASES = [
    # ------------------------------------------------------------ polynomial_enumeration
    case(lambda: polynomial_enumeration(G3, tol=-1), GameError, ("polynomial_enumeration", "tol", "-1"), id="poly-tol-negative"),
    case(lambda: polynomial_enumeration(G3, tol=NAN), GameError, ("tol", "nan"), id="poly-tol-nan"),
    case(lambda: polynomial_enumeration(G3, tol=INF), GameError, ("tol", "inf"), id="poly-tol-inf"),
    case(lambda: polynomial_enumeration(G3, tol="0.1"), TypeError, ("tol", "'0.1'"), id="poly-tol-text"),
    case(lambda: polynomial_enumeration(G3, exact="yes"), TypeError, ("exact", "'yes'"), id="poly-exact-yes"),
    case(lambda: polynomial_enumeration(G3, exact=1), TypeError, ("exact", "1"), id="poly-exact-int"),
    case(lambda: polynomial_enumeration(G3, exact=None), TypeError, ("exact", "None"), id="poly-exact-none"),
    case(lambda: polynomial_enumeration(G3, max_boxes=0), GameError, ("max_boxes", "0"), id="poly-max-boxes-zero"),
    case(lambda: polynomial_enumeration(G3, max_boxes=1.5), TypeError, ("max_boxes", "1.5"), id="poly-max-boxes-float"),
    case(lambda: polynomial_enumeration(G3, max_boxes=True), TypeError, ("max_boxes", "True"), id="poly-max-boxes-bool"),
    case(lambda: polynomial_enumeration(G3, max_supports=-3), GameError, ("max_supports", "-3"), id="poly-max-supports-negative"),
    case(lambda: polynomial_enumeration(G3, max_supports=2), GameError, ("max_supports=2", "27"), id="poly-too-many-supports"),
    case(lambda: polynomial_enumeration(G3, max_time=0), GameError, ("max_time", "0"), id="poly-max-time-zero"),
    case(lambda: polynomial_enumeration(G3, max_time=-1), GameError, ("max_time", "-1"), id="poly-max-time-negative"),
    case(lambda: polynomial_enumeration(G3, max_time="fast"), TypeError, ("max_time", "'fast'"), id="poly-max-time-text"),
    case(lambda: polynomial_enumeration(G3, max_time=NAN), GameError, ("max_time", "nan"), id="poly-max-time-nan"),
    case(lambda: polynomial_enumeration("game"), TypeError, ("game", "str"), id="poly-game-text"),
    # ------------------------------------------------------------ logit_qre, logit_select, logit_qre_at
    case(lambda: logit_qre(G3, max_steps=0), GameError, ("logit_qre", "max_steps", "0"), id="qre-max-steps-zero"),
    case(lambda: logit_qre(G3, max_steps=-1), GameError, ("max_steps", "-1"), id="qre-max-steps-negative"),
    case(lambda: logit_qre(G3, max_steps=2.0), TypeError, ("max_steps", "2.0"), id="qre-max-steps-float"),
    case(lambda: logit_qre(G3, lambda_max=0), GameError, ("lambda_max", "0"), id="qre-lambda-max-zero"),
    case(lambda: logit_qre(G3, lambda_max=-5), GameError, ("lambda_max", "-5"), id="qre-lambda-max-negative"),
    case(lambda: logit_qre(G3, lambda_max=INF), GameError, ("lambda_max", "inf"), id="qre-lambda-max-inf"),
    case(lambda: logit_qre(G3, first_step=0), GameError, ("first_step", "0"), id="qre-first-step-zero"),
    case(lambda: logit_qre(G3, first_step="a"), TypeError, ("first_step", "'a'"), id="qre-first-step-text"),
    case(lambda: logit_qre(G3, max_accel=0.5), GameError, ("max_accel", "0.5"), id="qre-max-accel-below-one"),
    case(lambda: logit_qre(G3, tol=-1e-3), GameError, ("tol", "-0.001"), id="qre-tol-negative"),
    case(lambda: logit_qre(G3, max_time=-2), GameError, ("max_time", "-2"), id="qre-max-time-negative"),
    case(lambda: logit_qre(None), TypeError, ("game", "NoneType"), id="qre-game-none"),
    case(lambda: logit_select(G3, max_steps=0), GameError, ("max_steps", "0"), id="select-max-steps-zero"),
    case(lambda: logit_select(G3, bogus=1), TypeError, ("bogus",), id="select-unknown-option"),
    case(lambda: logit_qre_at(G2, -1.0), GameError, ("lam", "-1.0"), id="logit-qre-at-lam-negative"),
    case(lambda: logit_qre_at(G2, NAN), GameError, ("lam", "nan"), id="logit-qre-at-lam-nan"),
    case(lambda: logit_qre_at(G2, "1"), TypeError, ("lam", "'1'"), id="logit-qre-at-lam-text"),
    case(lambda: logit_qre_at(G2, 1.0, first_step=0), GameError, ("first_step", "0"), id="logit-qre-at-first-step-zero"),
    case(lambda: logit_qre_at(G2, 1.0, max_accel=0), GameError, ("max_accel", "0"), id="logit-qre-at-max-accel-zero"),
    # ------------------------------------------------------------ simpdiv
    case(lambda: simpdiv(G3, grid=0), GameError, ("simpdiv", "grid", "0"), id="simpdiv-grid-zero"),
    case(lambda: simpdiv(G3, grid=2.5), TypeError, ("grid", "2.5"), id="simpdiv-grid-float"),
    case(lambda: simpdiv(G3, refinements=-1), GameError, ("refinements", "-1"), id="simpdiv-refinements-negative"),
    case(lambda: simpdiv(G3, refinements=1000), GameError, ("refinements", "1000"), id="simpdiv-refinements-huge"),
    case(lambda: simpdiv(G3, max_iter=0), GameError, ("max_iter", "0"), id="simpdiv-max-iter-zero"),
    case(lambda: simpdiv(G3, max_iter=True), TypeError, ("max_iter", "True"), id="simpdiv-max-iter-bool"),
    case(lambda: simpdiv(G3, start="random", rng="abc"), TypeError, ("rng", "'abc'"), id="simpdiv-rng-text"),
    case(lambda: simpdiv(G3, rng=1.5), TypeError, ("rng", "1.5"), id="simpdiv-rng-float"),
    case(lambda: simpdiv(G3, rng=-1), GameError, ("rng", "-1"), id="simpdiv-rng-negative"),
    case(lambda: simpdiv(G3, start="middle"), GameError, ("start", "'middle'"), id="simpdiv-start-unknown"),
    case(lambda: simpdiv(G3, tol=-1), GameError, ("tol", "-1"), id="simpdiv-tol-negative"),
    case(lambda: simpdiv(G3, max_time=0), GameError, ("max_time", "0"), id="simpdiv-max-time-zero"),
    case(lambda: simpdiv(G3, max_time=[1]), TypeError, ("max_time", "[1]"), id="simpdiv-max-time-list"),
    # ------------------------------------------------------------ global_newton
    case(lambda: global_newton(G3, max_steps=-1), GameError, ("global_newton", "max_steps", "-1"), id="gn-max-steps-negative"),
    case(lambda: global_newton(G3, max_steps=0), GameError, ("max_steps", "0"), id="gn-max-steps-zero"),
    case(lambda: global_newton(G3, restarts=-1), GameError, ("restarts", "-1"), id="gn-restarts-negative"),
    case(lambda: global_newton(G3, restarts=1.0), TypeError, ("restarts", "1.0"), id="gn-restarts-float"),
    case(lambda: global_newton(G3, rng="abc"), TypeError, ("rng", "'abc'"), id="gn-rng-text"),
    case(lambda: global_newton(G3, rng=1.5), TypeError, ("rng", "1.5"), id="gn-rng-float"),
    case(lambda: global_newton(G3, rng=-1), GameError, ("rng", "-1"), id="gn-rng-negative"),
    case(lambda: global_newton(G3, bonus=[0]), GameError, ("bonus", "[0]"), id="gn-bonus-short"),
    case(lambda: global_newton(G3, bonus="ab"), GameError, ("bonus", "'ab'"), id="gn-bonus-text"),
    case(lambda: global_newton(G3, bonus=5), GameError, ("bonus", "5"), id="gn-bonus-scalar"),
    case(lambda: global_newton(G3, tol=NAN), GameError, ("tol", "nan"), id="gn-tol-nan"),
    case(lambda: global_newton(G3, max_time="1"), TypeError, ("max_time", "'1'"), id="gn-max-time-text"),
    case(lambda: global_newton([[1, 2]]), TypeError, ("game", "list"), id="gn-game-list"),
    # ------------------------------------------------------------ nash_equilibria
    case(lambda: nash_equilibria(G3, method="simplex"), GameError, ("method", "'simplex'", "'auto'"), id="dispatch-method-unknown"),
    case(
        lambda: nash_equilibria(gt.NormalFormGame(np.zeros((3, 5, 5, 5), dtype=np.int64)), exact=True),
        GameError,
        ("no method computes exactly", "(5, 5, 5)", "exact=False"),
        id="dispatch-exact-none-applies",
    ),
    case(lambda: nash_equilibria(G3, method=3), GameError, ("method", "3"), id="dispatch-method-int"),
    case(lambda: nash_equilibria(G3, method="Logit"), GameError, ("method", "'Logit'"), id="dispatch-method-case"),
    case(lambda: nash_equilibria(G3, method="logit", bogus=1), GameError, ("'logit'", "option", "'bogus'"), id="dispatch-option-unknown"),
    case(lambda: nash_equilibria(G3, bogus=2, other=3), GameError, ("'bogus'", "'other'"), id="dispatch-auto-options-unknown"),
    case(lambda: nash_equilibria(G3, tol=-1), GameError, ("nash_equilibria", "tol", "-1"), id="dispatch-tol-negative"),
    case(lambda: nash_equilibria(G3, tol="small"), TypeError, ("tol", "'small'"), id="dispatch-tol-text"),
    case(lambda: nash_equilibria(G3, exact="yes"), TypeError, ("exact", "'yes'"), id="dispatch-exact-yes"),
    case(lambda: nash_equilibria(G3, max_time=0), GameError, ("max_time", "0"), id="dispatch-max-time-zero"),
    case(lambda: nash_equilibria(G3, method="logit", exact=True), GameError, ("'logit'", "exact"), id="dispatch-exact-logit"),
    case(lambda: nash_equilibria(G3, method="simpdiv", max_iter=0), GameError, ("max_iter", "0"), id="dispatch-passes-bad-option"),
    case(lambda: nash_equilibria(G3, method="global_newton", rng="x"), TypeError, ("rng", "'x'"), id="dispatch-passes-bad-rng"),
    case(lambda: nash_equilibria("game"), TypeError, ("game", "str"), id="dispatch-game-text"),
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)


def test_enough_cases():
    assert len(CASES) >= 50
