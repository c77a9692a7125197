"""Bad input to the bargaining models: problems and their solutions, Rubinstein, Baron-Ferejohn, war.

Each case names the exception type and the fragments (the argument and the offending value, or
the size asked and the limit) that the message must contain.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.bargaining import (
    BargainingProblem,
    baron_ferejohn,
    egalitarian,
    ideal_point,
    kalai_smorodinsky,
    maxmin_values,
    nash_solution,
    rubinstein,
    rubinstein_limit,
    utilitarian,
)
from gametheory_af.exceptions import GameError

from ._check import case, run_case

NAN, INF = float("nan"), float("inf")
SPLIT = BargainingProblem([[1, 0], [0, 1]], [0, 0])
THREE = BargainingProblem([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0])


def limited(call: Callable[[], Any], **changes: Any) -> Callable[[], Any]:
    """*call* run under tighter limits."""

    def run() -> Any:
        with gt.limits(**changes):
            return call()

    return run


def bp(feasible: Any = ((1, 0), (0, 1)), disagreement: Any = (0, 0), **kw: Any) -> Callable[[], Any]:
    return lambda: BargainingProblem(feasible, disagreement, **kw)


def rub(delta1: Any = 0.9, delta2: Any = 0.8, **kw: Any) -> Callable[[], Any]:
    return lambda: rubinstein(delta1, delta2, **kw)


def bf(n: Any = 3, delta: Any = 0.5, quota: Any = 2, **kw: Any) -> Callable[[], Any]:
    return lambda: baron_ferejohn(n, delta, quota, **kw)


def br(p: Any = 0.5, cost_a: Any = 0.1, cost_b: Any = 0.1, **kw: Any) -> Callable[[], Any]:
    return lambda: gt.bargaining_range(p, cost_a, cost_b, **kw)


def offer(p: Any = 0.5, cost_a: Any = 0.1, cost_b: Any = (0, 0.4), **kw: Any) -> Callable[[], Any]:
    return lambda: gt.optimal_offer(p, cost_a, cost_b, **kw)


def commit(**kw: Any) -> Callable[[], Any]:
    args = {"p_now": 0.7, "p_next": 0.3, "cost_a": 0.05, "cost_b": 0.05, "delta": 0.9, **kw}
    return lambda: gt.commitment_problem(
        args.pop("p_now"), args.pop("p_next"), args.pop("cost_a"), args.pop("cost_b"), **args
    )


CASES = [
    # ------------------------------------------------------------------ BargainingProblem
    case(bp(disagreement=[True, False]), TypeError, ("disagreement", "True"), id="problem-bool-disagreement"),
    case(bp(feasible=[[True, 0], [0, 1]]), TypeError, ("feasible", "True"), id="problem-bool-point"),
    case(bp(disagreement=[0, NAN]), GameError, ("disagreement", "nan"), id="problem-nan-disagreement"),
    case(bp(feasible=[[1, INF], [0, 1]]), GameError, ("feasible", "inf"), id="problem-inf-point"),
    case(bp(disagreement=["a", "b"]), GameError, ("disagreement", "'a'"), id="problem-string-disagreement"),
    case(bp(disagreement=[0]), GameError, ("disagreement", "[0]"), id="problem-one-player"),
    case(bp(feasible="abc"), GameError, ("feasible", "'abc'"), id="problem-string-feasible"),
    case(bp(feasible=[[1, 0, 0], [0, 1, 0]]), GameError, ("feasible", "3 payoffs"), id="problem-dimension-mismatch"),
    case(bp(disagreement=[1, 1]), GameError, ("disagreement point", "[1.0, 1.0]"), id="problem-nothing-dominates-d"),
    case(bp(disagreement=[F(1, 2), F(1, 2)]), GameError, ("disagreement point", "[0.5, 0.5]"),
         id="problem-d-on-the-frontier"),
    case(bp(outcomes=["a", "a"]), GameError, ("outcomes", "'a'"), id="problem-duplicate-outcomes"),
    case(bp(outcomes=[[1], [2]]), GameError, ("outcomes", "[1]"), id="problem-unhashable-outcome"),
    case(bp(outcomes=["a"]), GameError, ("outcomes", "got 1"), id="problem-too-few-outcomes"),
    case(bp(feasible=lambda u: 1 - u, domain=(0, INF)), GameError, ("domain", "inf"), id="problem-unbounded-domain"),
    case(bp(feasible=lambda u: 1 - u, domain=(1, 0)), GameError, ("domain", "(1, 0)"), id="problem-empty-domain"),
    case(bp(feasible=lambda u: 1 - u, domain=(True, 1)), TypeError, ("domain", "True"), id="problem-bool-domain"),
    case(bp(feasible=lambda y: 1 - float(np.sum(y)), disagreement=[0] * 25, domain=[(0, 1)] * 24), GameError,
         ("frontier-function calls", "59,604,644,775,390,625", "max_calls=4,194,304"), id="problem-frontier-5**24-calls"),
    case(limited(bp(feasible=[[1, 0]] * 6 + [[0, 1]]), max_entries=10), GameError,
         ("payoff entries", "14", "max_entries=10"), id="problem-too-many-points"),
    case(lambda: BargainingProblem.from_game([[1]]), TypeError, ("game", "list"), id="from-game-not-a-game"),
    case(lambda: BargainingProblem.from_game(gt.catalog.prisoners_dilemma(), disagreement="nash"), GameError,
         ("disagreement", "'nash'"), id="from-game-unknown-disagreement"),
    case(lambda: maxmin_values("x"), TypeError, ("game", "str"), id="maxmin-not-a-game"),
    # ------------------------------------------------------------------ solutions
    case(lambda: nash_solution(SPLIT, weights=[1, 0]), GameError, ("weights", "[1, 0]"), id="nash-zero-weight"),
    case(lambda: nash_solution(SPLIT, weights=[1, NAN]), GameError, ("weights", "nan"), id="nash-nan-weight"),
    case(lambda: nash_solution(SPLIT, weights=[True, 1]), TypeError, ("weights", "True"), id="nash-bool-weight"),
    case(lambda: nash_solution(SPLIT, weights=[1, 1, 1]), GameError, ("weights", "(3,)"), id="nash-three-weights"),
    case(lambda: nash_solution(SPLIT, weights="ab"), GameError, ("weights", "'ab'"), id="nash-string-weights"),
    case(lambda: nash_solution("p"), TypeError, ("problem", "str"), id="nash-not-a-problem"),
    case(lambda: kalai_smorodinsky(None), TypeError, ("problem", "NoneType"), id="ks-not-a-problem"),
    case(lambda: egalitarian(5), TypeError, ("problem", "int"), id="egalitarian-not-a-problem"),
    case(lambda: utilitarian([1]), TypeError, ("problem", "list"), id="utilitarian-not-a-problem"),
    case(lambda: ideal_point({}), TypeError, ("problem", "dict"), id="ideal-not-a-problem"),
    case(limited(lambda: nash_solution(THREE), max_entries=20), GameError, ("SLSQP", "49", "max_entries=20"),
         id="nash-slsqp-matrices-over-limit"),
    # ------------------------------------------------------------------ Rubinstein
    case(rub("0.9", 0.9), TypeError, ("delta1", "'0.9'"), id="rubinstein-string-delta"),
    case(rub(0.9, True), TypeError, ("delta2", "True"), id="rubinstein-bool-delta"),
    case(rub(NAN, 0.5), GameError, ("delta1", "nan"), id="rubinstein-nan-delta"),
    case(rub(1.2, 0.5), GameError, ("delta1", "1.2"), id="rubinstein-delta-above-1"),
    case(rub(0.5, -0.1), GameError, ("delta2", "-0.1"), id="rubinstein-negative-delta"),
    case(rub(1, 1), GameError, ("delta1 = delta2 = 1", "breakdown = 0"), id="rubinstein-no-discounting"),
    case(rub(breakdown=1), GameError, ("breakdown", "1"), id="rubinstein-certain-breakdown"),
    case(rub(breakdown=INF), GameError, ("breakdown", "inf"), id="rubinstein-inf-breakdown"),
    case(rub(proposer=2), GameError, ("proposer", "2"), id="rubinstein-proposer-2"),
    case(rub(proposer=1.0), TypeError, ("proposer", "1.0"), id="rubinstein-float-proposer"),
    case(rub(proposer=True), TypeError, ("proposer", "True"), id="rubinstein-bool-proposer"),
    case(rub(outside_options=3), GameError, ("outside_options", "3"), id="rubinstein-scalar-options"),
    case(rub(outside_options=("a", 0)), TypeError, ("outside_options[0]", "'a'"), id="rubinstein-string-option"),
    case(rub(outside_options="ab"), GameError, ("outside_options", "'ab'"), id="rubinstein-string-options"),
    case(rub(disagreement=(0.6, 0.5)), GameError, ("disagreement", "(0.6, 0.5)"), id="rubinstein-no-gains"),
    case(rub(disagreement=(NAN, 0)), GameError, ("disagreement[0]", "nan"), id="rubinstein-nan-disagreement"),
    case(lambda: rubinstein_limit(-1, 1), GameError, ("r1", "-1"), id="limit-negative-rate"),
    case(lambda: rubinstein_limit("1", 1), TypeError, ("r1", "'1'"), id="limit-string-rate"),
    case(lambda: rubinstein_limit(1, 1, breakdown_rate=NAN), GameError, ("breakdown_rate", "nan"), id="limit-nan-rate"),
    case(lambda: rubinstein_limit(0, 0), GameError, ("r1 + r2 + breakdown_rate", "0"), id="limit-all-zero"),
    # ------------------------------------------------------------------ Baron-Ferejohn
    case(bf(n=10**9), GameError, ("inclusion matrix", "1,000,000,000,000,000,000", "max_entries"), id="bf-1e9-legislators"),
    case(limited(bf(n=20, quota=11), max_calls=10), GameError, ("equilibrium structures", "110", "max_calls=10"),
         id="bf-structures-over-limit"),
    case(bf(n=1, quota=1), GameError, ("n", "1"), id="bf-one-legislator"),
    case(bf(n=2.5), TypeError, ("n", "2.5"), id="bf-float-n"),
    case(bf(n=True), TypeError, ("n", "True"), id="bf-bool-n"),
    case(bf(delta="0.5"), TypeError, ("delta", "'0.5'"), id="bf-string-delta"),
    case(bf(delta=1.5), GameError, ("delta", "1.5"), id="bf-delta-above-1"),
    case(bf(delta=NAN), GameError, ("delta", "nan"), id="bf-nan-delta"),
    case(bf(quota=0), GameError, ("quota", "0"), id="bf-zero-quota"),
    case(bf(quota=4), GameError, ("quota", "4"), id="bf-quota-above-n"),
    case(bf(quota=2.0), TypeError, ("quota", "2.0"), id="bf-float-quota"),
    case(bf(recognition=[0.5, 0.5]), GameError, ("recognition", "[0.5, 0.5]"), id="bf-short-recognition"),
    case(bf(recognition=[0.5, 0.6, -0.1]), GameError, ("recognition", "-0.1"), id="bf-negative-probability"),
    case(bf(recognition=[True, False, False]), TypeError, ("recognition", "True"), id="bf-bool-recognition"),
    case(bf(recognition="abc"), GameError, ("recognition", "'abc'"), id="bf-string-recognition"),
    # ------------------------------------------------------------------ war
    case(br(p=1.5), GameError, ("p", "1.5"), id="range-probability-above-1"),
    case(br(cost_a=-0.1), GameError, ("cost_a", "-0.1"), id="range-negative-cost"),
    case(br(cost_b="high"), TypeError, ("cost_b", "'high'"), id="range-string-cost"),
    case(br(p=True), TypeError, ("p", "True"), id="range-bool-probability"),
    case(br(cost_b=NAN), GameError, ("cost_b", "nan"), id="range-nan-cost"),
    case(br(risk_aversion=1), GameError, ("risk_aversion", "1"), id="range-power-risk-aversion-1"),
    case(br(risk_aversion=(0.1, 0.2, 0.3)), GameError, ("risk_aversion", "(0.1, 0.2, 0.3)"), id="range-three-attitudes"),
    case(br(risk_aversion="0.5"), TypeError, ("risk_aversion", "'0.5'"), id="range-string-risk-aversion"),
    case(br(utility="log"), GameError, ("utility", "'log'"), id="range-unknown-utility"),
    case(br(utility=(math.exp, math.exp)), GameError, ("utility of A", "u(0) = 1.0"), id="range-unnormalised-utility"),
    case(lambda: gt.bargaining_range(0.5, 0.1, 0.1).contains("x"), TypeError, ("x", "'x'"), id="range-contains-string"),
    case(offer(n_grid=0), GameError, ("n_grid", "0"), id="offer-zero-grid"),
    case(offer(n_grid=2.5), TypeError, ("n_grid", "2.5"), id="offer-float-grid"),
    case(offer(n_grid=10**12), GameError, ("grid entries", "4,000,000,000,000", "max_entries"), id="offer-huge-grid"),
    case(offer(cost_b=(0.5, 0.25)), GameError, ("cost_b", "(0.5, 0.25)"), id="offer-reversed-interval"),
    case(offer(cost_b="uniform"), GameError, ("cost_b", "'uniform'"), id="offer-string-belief"),
    case(offer(cost_b=(-0.1, 0.2)), GameError, ("cost_b low", "-0.1"), id="offer-negative-low"),
    case(offer(p=INF), GameError, ("p", "inf"), id="offer-inf-probability"),
    case(commit(delta=1), GameError, ("delta", "1"), id="commitment-delta-1"),
    case(commit(delta=0), GameError, ("delta", "0"), id="commitment-delta-0"),
    case(commit(delta="0.9"), TypeError, ("delta", "'0.9'"), id="commitment-string-delta"),
    case(commit(p_next=-0.1), GameError, ("p_next", "-0.1"), id="commitment-negative-probability"),
    case(commit(players=("A", "A")), GameError, ("players", "'A'"), id="commitment-duplicate-players"),
    case(commit(players=("A",)), GameError, ("players", "('A',)"), id="commitment-one-player"),
    case(commit(players=("", "B")), GameError, ("players", "''"), id="commitment-empty-name"),
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call: Callable[[], Any], exc: type[BaseException], names: tuple[str, ...]) -> None:
    run_case(call, exc, names)
