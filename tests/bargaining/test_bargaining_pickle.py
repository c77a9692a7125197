"""Every public result and value class of gametheory_af.bargaining pickles and round-trips equal (issue 9, part 7)."""

from __future__ import annotations

import dataclasses
import pickle
from concurrent.futures import ProcessPoolExecutor
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af._validation import FrozenMapping
from gametheory_af.bargaining import (
    BargainingProblem,
    BargainingSolution,
    baron_ferejohn,
    egalitarian,
    kalai_smorodinsky,
    nash_solution,
    rubinstein,
    rubinstein_limit,
    utilitarian,
)


def _frontier(u: float) -> float:  # module level, so a problem built on it pickles
    return 1 - u**2


def _state(obj: Any) -> dict[str, Any]:
    """The fields of a dataclass or of a slotted class."""
    if dataclasses.is_dataclass(obj):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    return {name: getattr(obj, name) for name in type(obj).__slots__}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    if isinstance(a, (tuple, list)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float):
        return type(b) is float and (a == b or (a != a and b != b))  # nan epsilon of a large voting game
    if a is None or isinstance(a, (str, bool, int, F)):
        return type(a) is type(b) and a == b
    if callable(a):
        return a is b  # a module-level function unpickles as itself
    return bool(a == b)


def _round_trip(obj: Any) -> Any:
    back = pickle.loads(pickle.dumps(obj))
    assert type(back) is type(obj)
    fields, got = _state(obj), _state(back)
    assert fields.keys() == got.keys()
    for name, value in fields.items():
        assert _same(value, got[name]), name
        if isinstance(value, np.ndarray):
            assert not value.flags.writeable and not got[name].flags.writeable, name
    return back


PROBLEM = BargainingProblem([[3, 0], [1, 2], [0, 3]], [0, 0], outcomes=["left", "middle", "right"])
PROBLEM3 = BargainingProblem([[1, 0, 0], [0, 1, 0], [0, 0, 1], [F(1, 2), F(1, 2), F(1, 2)]], [0, 0, 0])
FLOAT_PROBLEM = BargainingProblem(np.array([[1.5, 0.25], [0.1, 2.0]]), np.array([0.0, 0.0]))
FRONTIER = BargainingProblem(_frontier, [0, 0], domain=(0, 1))
MAJORITY = gt.CoalitionGame([0, 0, 0, 1, 0, 1, 1, 1], players=["a", "b", "c"])
GLOVES = gt.CoalitionGame([0, 0, 0, 1, 0, 1, 0, 1], players=["L", "R1", "R2"])
FLOAT_GAME = gt.CoalitionGame(np.array([0.0, 0.5, 0.25, 1.5]))
UNSC = gt.WeightedVotingGame(39, [7] * 5 + [1] * 10)


@pytest.mark.parametrize(
    "make",
    [
        lambda: PROBLEM,
        lambda: PROBLEM3,
        lambda: FLOAT_PROBLEM,
        lambda: FRONTIER,
        lambda: nash_solution(PROBLEM),
        lambda: nash_solution(PROBLEM, weights=[2, 1]),
        lambda: nash_solution(PROBLEM3),
        lambda: nash_solution(FLOAT_PROBLEM),
        lambda: nash_solution(FRONTIER),
        lambda: kalai_smorodinsky(PROBLEM),
        lambda: egalitarian(PROBLEM3),
        lambda: utilitarian(PROBLEM),
        lambda: rubinstein(F(9, 10), F(4, 5), outside_options=(0, F(2, 5))),
        lambda: rubinstein(0.9, 0.8, breakdown=0.1),
        lambda: rubinstein_limit(1, 3),
        lambda: baron_ferejohn(5, F(4, 5), 3),
        lambda: baron_ferejohn(3, 0.5, 2, recognition=[0.5, 0.25, 0.25]),
        lambda: MAJORITY,
        lambda: FLOAT_GAME,
        lambda: UNSC,
        lambda: gt.shapley_value(MAJORITY),
        lambda: gt.shapley_value(FLOAT_GAME),
        lambda: gt.banzhaf(UNSC, normalized=True),
        lambda: gt.shapley_shubik(UNSC),
        lambda: gt.nucleolus(GLOVES),
        lambda: gt.core(GLOVES),
        lambda: gt.core(MAJORITY),
        lambda: gt.core(UNSC),
        lambda: gt.bargaining_range(F(1, 2), F(1, 10), F(1, 5)),
        lambda: gt.bargaining_range(0.6, 0.1, 0.1, risk_aversion=0.5),
        lambda: gt.optimal_offer(F(1, 2), F(1, 10), (0, F(2, 5))),
        lambda: gt.commitment_problem(F(7, 10), F(3, 10), F(1, 20), F(1, 20), delta=F(9, 10)),
    ],
    ids=lambda f: "",
)
def test_round_trip(make: Any) -> None:
    _round_trip(make())


def test_solution_lottery_survives_and_stays_read_only() -> None:
    sol = nash_solution(PROBLEM)
    back = _round_trip(sol)
    assert isinstance(back.lottery, FrozenMapping) and isinstance(back.exact_lottery, FrozenMapping)
    assert back.exact_lottery == sol.exact_lottery and back.lottery == sol.lottery and len(back.lottery) >= 1
    assert back.is_exact and back.exact_payoffs == sol.exact_payoffs
    with pytest.raises(TypeError):
        back.lottery["left"] = 1.0  # type: ignore[index]
    with pytest.raises(ValueError):
        back.payoffs[0] = 9.0


def test_unpickled_games_behave_like_the_originals() -> None:
    g = pickle.loads(pickle.dumps(GLOVES))
    assert g == GLOVES and hash(g) == hash(GLOVES) and g.is_exact
    assert gt.nucleolus(g).exact == gt.nucleolus(GLOVES).exact == (F(1), F(0), F(0))
    w = pickle.loads(pickle.dumps(UNSC))
    assert w == UNSC and gt.shapley_shubik(w).exact == gt.shapley_shubik(UNSC).exact
    p = pickle.loads(pickle.dumps(PROBLEM))
    assert nash_solution(p).exact_payoffs == nash_solution(PROBLEM).exact_payoffs
    with pytest.raises(ValueError):
        g.values[1] = 5.0
    with pytest.raises(ValueError):
        p.points[0, 0] = 5.0


def test_frozen_mapping() -> None:
    m = FrozenMapping({"a": F(1, 2), "b": 0.5})
    assert m == {"a": F(1, 2), "b": 0.5} and m != {"a": 1} and dict(m) == {"a": F(1, 2), "b": 0.5}
    assert pickle.loads(pickle.dumps(m)) == m and len(m) == 2 and list(m) == ["a", "b"]
    assert "FrozenMapping" in repr(m)
    with pytest.raises(TypeError):
        m["c"] = 1  # type: ignore[index]


def _solve_in_worker(k: int) -> tuple[BargainingSolution, Any, Any]:
    problem = BargainingProblem([[k, 0], [0, 1]], [0, 0])
    game = gt.WeightedVotingGame(k + 1, [k, 1, 1])
    return nash_solution(problem), gt.shapley_shubik(game), baron_ferejohn(3, F(1, 2), 2)


def test_results_travel_through_a_process_pool() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        remote = list(pool.map(_solve_in_worker, [2, 3]))
    for k, (sol, ss, bf) in zip([2, 3], remote):
        local = _solve_in_worker(k)
        assert sol.exact_payoffs == local[0].exact_payoffs and sol.lottery == local[0].lottery
        assert not sol.payoffs.flags.writeable
        assert ss.exact == local[1].exact and not ss.values.flags.writeable
        assert bf == local[2]


@given(
    n=st.integers(1, 4),
    data=st.data(),
)
def test_random_games_and_their_values_round_trip(n: int, data: Any) -> None:
    worths = data.draw(st.lists(st.fractions(-5, 5, max_denominator=7), min_size=(1 << n) - 1, max_size=(1 << n) - 1))
    game = gt.CoalitionGame([0, *worths])
    back = _round_trip(game)
    assert back == game and back.is_exact
    phi = gt.shapley_value(game)
    assert _round_trip(phi).exact == phi.exact == gt.shapley_value(back).exact
    weights = data.draw(st.lists(st.integers(0, 9), min_size=n, max_size=n).filter(lambda w: sum(w) > 0))
    wvg = gt.WeightedVotingGame(data.draw(st.integers(1, sum(weights))), weights)
    assert _round_trip(wvg) == wvg
    assert _round_trip(gt.banzhaf(wvg)).exact == gt.banzhaf(wvg).exact


@given(points=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), min_size=2, max_size=6))
def test_random_problems_and_solutions_round_trip(points: list[tuple[int, int]]) -> None:
    try:
        problem = BargainingProblem(points, [0, 0])
    except gt.GameError:
        return  # nothing dominates (0, 0)
    back = _round_trip(problem)
    for solve in (nash_solution, kalai_smorodinsky, egalitarian, utilitarian):
        sol = solve(problem)
        again = _round_trip(sol)
        assert again.exact_payoffs == solve(back).exact_payoffs == sol.exact_payoffs
