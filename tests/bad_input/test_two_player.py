"""Bad input to the pure and two-player solvers and to the profile functions.

Every case asserts the exception type and that the message names the argument and the value.
"""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.profiles import as_exact_profile, as_profile, strategy_payoffs
from gametheory_af.solvers.dominance import dominated_strategies
from gametheory_af.solvers.pure import pure_regret_tensor
from tests.bad_input._check import case, run_case

GameError = gt.GameError
PD = gt.catalog.prisoners_dilemma()
MP = gt.catalog.matching_pennies()
BOS = gt.catalog.battle_of_the_sexes()
THREE = gt.NormalFormGame(np.zeros((3, 2, 2, 2)))
NAN = float("nan")

TWO_PLAYER = [
    ("support_enumeration", gt.support_enumeration),
    ("vertex_enumeration", gt.vertex_enumeration),
    ("lemke_howson", gt.lemke_howson),
    ("zero_sum", gt.zero_sum),
]

CASES = [
    # ---- pure_nash / pure_nash_batch / pure_regret_tensor
    case(lambda: gt.pure_nash("x"), TypeError, ("pure_nash", "game", "str"), id="pure-game-str"),
    case(lambda: gt.pure_nash(PD.payoffs), TypeError, ("game", "ndarray"), id="pure-game-array"),
    case(lambda: gt.pure_nash(PD, tol=NAN), GameError, ("pure_nash", "tol", "nan"), id="pure-tol-nan"),
    case(lambda: gt.pure_nash(PD, tol=-1e-9), GameError, ("tol", "-1e-09"), id="pure-tol-negative"),
    case(lambda: gt.pure_nash(PD, tol="1e-9"), TypeError, ("tol", "'1e-9'"), id="pure-tol-str"),
    case(lambda: gt.pure_nash(PD, tol=True), TypeError, ("tol", "True"), id="pure-tol-bool"),
    case(lambda: gt.pure_nash(PD, tol=float("inf")), GameError, ("tol", "inf"), id="pure-tol-inf"),
    case(lambda: gt.pure_nash_batch(np.stack([PD.payoffs]), tol=-1), GameError, ("pure_nash_batch", "tol", "-1"), id="batch-tol-negative"),
    case(lambda: gt.pure_nash_batch(np.stack([PD.payoffs]), tol=None), TypeError, ("tol", "None"), id="batch-tol-none"),
    case(lambda: gt.pure_nash_batch(PD.payoffs), GameError, ("payoffs", "(2, 2, 2)"), id="batch-not-a-batch"),
    case(lambda: gt.pure_nash_batch(np.zeros((1, 2, 2, 0))), GameError, ("payoffs", "(1, 2, 2, 0)"), id="batch-no-strategies"),
    case(lambda: gt.pure_nash_batch(np.full((1, 2, 2, 2), np.nan)), GameError, ("payoffs", "nan"), id="batch-nan"),
    case(lambda: gt.pure_nash_batch([[[["a"]]]]), GameError, ("payoffs", "a"), id="batch-strings"),
    case(lambda: gt.pure_nash_batch([[1, 2], [3]]), GameError, ("payoffs", "ragged"), id="batch-ragged"),
    case(lambda: pure_regret_tensor(PD.payoffs, batch="no"), TypeError, ("batch", "'no'"), id="regret-tensor-batch-str"),
    case(lambda: pure_regret_tensor(np.zeros(3)), GameError, ("payoffs", "(3,)"), id="regret-tensor-shape"),
    # ---- eliminate_dominated / dominated_strategies
    case(lambda: gt.eliminate_dominated("PD"), TypeError, ("eliminate_dominated", "game", "str"), id="elim-game-str"),
    case(lambda: gt.eliminate_dominated(PD, tol=NAN), GameError, ("tol", "nan"), id="elim-tol-nan"),
    case(lambda: gt.eliminate_dominated(PD, tol=-0.5), GameError, ("tol", "-0.5"), id="elim-tol-negative"),
    case(lambda: gt.eliminate_dominated(PD, tol="0"), TypeError, ("tol", "'0'"), id="elim-tol-str"),
    case(lambda: gt.eliminate_dominated(PD, strict="yes"), TypeError, ("strict", "'yes'"), id="elim-strict-str"),
    case(lambda: gt.eliminate_dominated(PD, mixed=1), TypeError, ("mixed", "1"), id="elim-mixed-int"),
    case(lambda: gt.eliminate_dominated(PD, strict=None), TypeError, ("strict", "None"), id="elim-strict-none"),
    case(lambda: dominated_strategies(None, 0), TypeError, ("dominated_strategies", "game", "NoneType"), id="dom-game-none"),
    case(lambda: dominated_strategies(PD, "Nobody"), GameError, ("player", "'Nobody'"), id="dom-player-unknown"),
    case(lambda: dominated_strategies(PD, 5), GameError, ("player", "5"), id="dom-player-range"),
    case(lambda: dominated_strategies(PD, 1.0), TypeError, ("player", "1.0"), id="dom-player-float"),
    case(lambda: dominated_strategies(PD, 0, tol=-1), GameError, ("tol", "-1"), id="dom-tol-negative"),
    case(lambda: dominated_strategies(PD, 0, strict="no"), TypeError, ("strict", "'no'"), id="dom-strict-str"),
    case(lambda: dominated_strategies(PD, 0, mixed=0), TypeError, ("mixed", "0"), id="dom-mixed-int"),
    # ---- support / vertex enumeration: bounds
    case(lambda: gt.support_enumeration(PD, max_time=-1), GameError, ("support_enumeration", "max_time", "-1"), id="support-max-time-negative"),
    case(lambda: gt.support_enumeration(PD, max_time=NAN), GameError, ("max_time", "nan"), id="support-max-time-nan"),
    case(lambda: gt.support_enumeration(PD, max_time=0), GameError, ("max_time", "0"), id="support-max-time-zero"),
    case(lambda: gt.support_enumeration(PD, max_time="5"), TypeError, ("max_time", "'5'"), id="support-max-time-str"),
    case(lambda: gt.support_enumeration(PD, max_supports=0), GameError, ("max_supports", "0"), id="support-max-supports-zero"),
    case(lambda: gt.support_enumeration(PD, max_supports=True), TypeError, ("max_supports", "True"), id="support-max-supports-bool"),
    case(lambda: gt.support_enumeration(PD, max_supports=2.5), TypeError, ("max_supports", "2.5"), id="support-max-supports-float"),
    case(lambda: gt.vertex_enumeration(PD, max_time=-0.1), GameError, ("vertex_enumeration", "max_time", "-0.1"), id="vertex-max-time-negative"),
    case(lambda: gt.vertex_enumeration(PD, max_time=float("inf")), GameError, ("max_time", "inf"), id="vertex-max-time-inf"),
    case(lambda: gt.vertex_enumeration(PD, max_time=True), TypeError, ("max_time", "True"), id="vertex-max-time-bool"),
    case(lambda: gt.vertex_enumeration(PD, max_vertices=-3), GameError, ("max_vertices", "-3"), id="vertex-max-vertices-negative"),
    case(lambda: gt.vertex_enumeration(PD, max_vertices="10"), TypeError, ("max_vertices", "'10'"), id="vertex-max-vertices-str"),
    case(
        lambda: gt.vertex_enumeration(gt.NormalFormGame(np.zeros((2, 14, 14)))),
        GameError,
        ("vertex_enumeration", "40,116,600", "max_calls", "max_time"),
        id="vertex-too-large-unbounded",
    ),
    case(
        lambda: gt.support_enumeration(gt.NormalFormGame(np.zeros((2, 13, 14)))),
        GameError,
        ("support_enumeration", "support pairs", "max_calls", "max_time"),
        id="support-too-large-unbounded",
    ),
    # ---- Lemke-Howson
    case(lambda: gt.lemke_howson(PD, max_iter=True), TypeError, ("lemke_howson", "max_iter", "True"), id="lh-max-iter-bool"),
    case(lambda: gt.lemke_howson(PD, max_iter=-5), GameError, ("max_iter", "-5"), id="lh-max-iter-negative"),
    case(lambda: gt.lemke_howson(PD, max_iter=10.0), TypeError, ("max_iter", "10.0"), id="lh-max-iter-float"),
    case(lambda: gt.lemke_howson(PD, initial_label=4), GameError, ("initial_label", "4"), id="lh-label-range"),
    case(lambda: gt.lemke_howson(PD, initial_label=-1), GameError, ("initial_label", "-1"), id="lh-label-negative"),
    case(lambda: gt.lemke_howson(PD, initial_label="first"), GameError, ("initial_label", "'first'"), id="lh-label-str"),
    case(lambda: gt.lemke_howson(PD, initial_label=1.0), TypeError, ("initial_label", "1.0"), id="lh-label-float"),
    case(lambda: gt.lemke_howson(PD, initial_label=True), TypeError, ("initial_label", "True"), id="lh-label-bool"),
    case(lambda: next(gt.iter_lemke_howson(PD, initial_labels=3)), TypeError, ("initial_labels", "3"), id="iter-lh-labels-int"),
    case(lambda: next(gt.iter_lemke_howson(PD, initial_labels="ab")), TypeError, ("initial_labels", "'ab'"), id="iter-lh-labels-str"),
    case(lambda: next(gt.iter_lemke_howson(PD, initial_labels=[0, 9])), GameError, ("initial_labels", "9"), id="iter-lh-label-range"),
    case(lambda: next(gt.iter_lemke_howson(PD, max_iter=0)), GameError, ("iter_lemke_howson", "max_iter", "0"), id="iter-lh-max-iter-zero"),
    case(lambda: next(gt.iter_lemke_howson(PD, tol=-1)), GameError, ("iter_lemke_howson", "tol", "-1"), id="iter-lh-tol"),
    case(lambda: next(gt.iter_lemke_howson(PD, exact="yes")), TypeError, ("exact", "'yes'"), id="iter-lh-exact-str"),
    case(lambda: next(gt.iter_lemke_howson("PD")), TypeError, ("game", "str"), id="iter-lh-game-str"),
    # ---- zero-sum
    case(lambda: gt.zero_sum(PD), GameError, ("zero_sum", "game", "not zero-sum"), id="zero-sum-not-zero-sum"),
    # ---- profiles
    case(lambda: gt.regrets("x", (0, 0)), TypeError, ("regrets", "game", "'x'"), id="regrets-game-str"),
    case(lambda: gt.max_regret(None, (0, 0)), TypeError, ("max_regret", "game", "None"), id="max-regret-game-none"),
    case(lambda: gt.expected_payoffs([1, 2], (0, 0)), TypeError, ("expected_payoffs", "game", "list"), id="expected-game-list"),
    case(lambda: gt.best_responses("g", (0, 0), 0), TypeError, ("best_responses", "game"), id="best-game-str"),
    case(lambda: gt.is_nash(3, (0, 0)), TypeError, ("is_nash", "game", "int"), id="is-nash-game-int"),
    case(lambda: as_profile("g", (0, 0)), TypeError, ("as_profile", "game"), id="as-profile-game-str"),
    case(lambda: gt.expected_payoffs(PD, (0, 0), exact="yes"), TypeError, ("exact", "'yes'"), id="expected-exact-str"),
    case(lambda: gt.regrets(PD, (0, 0), exact=1), TypeError, ("regrets", "exact", "1"), id="regrets-exact-int"),
    case(lambda: gt.max_regret(PD, (0, 0), exact=None), TypeError, ("exact", "None"), id="max-regret-exact-none"),
    case(lambda: strategy_payoffs(PD, (0, 0), 0, exact="no"), TypeError, ("exact", "'no'"), id="strategy-payoffs-exact"),
    case(lambda: strategy_payoffs(PD, (0, 0), "Nobody"), GameError, ("player", "'Nobody'"), id="strategy-payoffs-player"),
    case(lambda: gt.best_responses(PD, (0, 0), 0, tol=NAN), GameError, ("best_responses", "tol", "nan"), id="best-tol-nan"),
    case(lambda: gt.best_responses(PD, (0, 0), 7), GameError, ("player", "7"), id="best-player-range"),
    case(lambda: gt.is_nash(PD, (0, 0), tol=-1), GameError, ("is_nash", "tol", "-1"), id="is-nash-tol-negative"),
    case(lambda: gt.is_nash(PD, (0, 0), tol="small"), TypeError, ("tol", "'small'"), id="is-nash-tol-str"),
    case(lambda: gt.regrets(PD, ([0.5, 0.6], 0)), GameError, ("profile[0]", "off the simplex", "[0.5, 0.6]"), id="profile-sum"),
    case(lambda: gt.regrets(PD, ([1.5, -0.5], 0)), GameError, ("profile[0]", "negative", "[1.5, -0.5]"), id="profile-negative"),
    case(lambda: gt.regrets(PD, (0, [0.5, 0.25, 0.25])), GameError, ("profile[1]", "length 2", "[0.5, 0.25, 0.25]"), id="profile-length"),
    case(lambda: gt.regrets(PD, ([NAN, 1.0], 0)), GameError, ("profile[0]", "finite", "nan"), id="profile-nan"),
    case(lambda: gt.regrets(PD, ([float("inf"), 0.0], 0)), GameError, ("profile[0]", "finite", "inf"), id="profile-inf"),
    case(lambda: gt.regrets(PD, ("Nope", 0)), GameError, ("profile[0]", "'Nope'"), id="profile-unknown-name"),
    case(lambda: gt.regrets(PD, (0, 5)), GameError, ("profile[1]", "5"), id="profile-index-range"),
    case(lambda: gt.regrets(PD, (0, -1)), GameError, ("profile[1]", "-1"), id="profile-index-negative"),
    case(lambda: gt.regrets(PD, (0,)), GameError, ("profile", "(0,)", "one entry per player"), id="profile-too-short"),
    case(lambda: gt.regrets(PD, (0, 0, 0)), GameError, ("profile", "(0, 0, 0)"), id="profile-too-long"),
    case(lambda: gt.regrets(PD, "ab"), GameError, ("profile", "'ab'"), id="profile-string"),
    case(lambda: gt.regrets(PD, 0), GameError, ("profile", "0"), id="profile-int"),
    case(lambda: gt.regrets(PD, (0.5, 0)), GameError, ("profile[0]", "0.5"), id="profile-float-entry"),
    case(lambda: gt.regrets(PD, (True, 0)), GameError, ("profile[0]", "True"), id="profile-bool-entry"),
    case(lambda: gt.regrets(PD, (None, 0)), GameError, ("profile[0]", "None"), id="profile-none-entry"),
    case(lambda: gt.regrets(PD, (["a", "b"], 0)), GameError, ("profile[0]", "['a', 'b']"), id="profile-strings-vector"),
    case(lambda: gt.regrets(PD, ([[0.5, 0.5]], 0)), GameError, ("profile[0]", "[[0.5, 0.5]]"), id="profile-matrix-entry"),
    case(lambda: gt.is_nash(PD, ([0.2, 0.2], 0)), GameError, ("is_nash", "profile[0]", "[0.2, 0.2]"), id="is-nash-profile"),
    case(lambda: gt.best_responses(MP, ([1.0], 0), 1), GameError, ("best_responses", "profile[0]", "[1.0]"), id="best-profile"),
    case(lambda: gt.expected_payoffs(BOS, (0, "Ballet")), GameError, ("profile[1]", "'Ballet'"), id="expected-unknown-name"),
    case(lambda: gt.max_regret(PD, ([0.3, 0.3], 0), exact=True), GameError, ("profile[0]", "[0.3, 0.3]"), id="max-regret-exact-sum"),
    case(lambda: as_exact_profile(PD, ([0.5, 0.5000000001], 0)), GameError, ("as_exact_profile", "profile[0]", "exactly 1", "0.5000000001"), id="exact-profile-sum"),
    case(lambda: as_profile(PD, ([0.5, 0.6], 0), name="sigma"), GameError, ("sigma[0]", "[0.5, 0.6]"), id="as-profile-name"),
]

for _name, _solver in TWO_PLAYER:
    CASES += [
        case(lambda s=_solver: s("game"), TypeError, ("game", "str"), id=f"{_name}-game-str"),
        case(lambda s=_solver: s(THREE), GameError, ("game", "2 players", "3"), id=f"{_name}-three-players"),
        case(lambda s=_solver: s(MP, tol=NAN), GameError, ("tol", "nan"), id=f"{_name}-tol-nan"),
        case(lambda s=_solver: s(MP, tol=-1), GameError, ("tol", "-1"), id=f"{_name}-tol-negative"),
        case(lambda s=_solver: s(MP, tol="1e-9"), TypeError, ("tol", "'1e-9'"), id=f"{_name}-tol-str"),
        case(lambda s=_solver: s(MP, exact="yes"), TypeError, ("exact", "'yes'"), id=f"{_name}-exact-str"),
        case(lambda s=_solver: s(MP, exact=1), TypeError, ("exact", "1"), id=f"{_name}-exact-int"),
        case(lambda s=_solver: s(MP, exact=None), TypeError, ("exact", "None"), id=f"{_name}-exact-none"),
    ]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call, exc, names) -> None:  # type: ignore[no-untyped-def]
    run_case(call, exc, names)


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 60
