"""Issue 10: one name per idea; the renamed names keep working with a DeprecationWarning."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

import gametheory_af as gt
from gametheory_af.bargaining import BargainingProblem


@pytest.mark.parametrize(
    "result",
    [
        pytest.param(lambda: gt.nash_solution(BargainingProblem([[1, 0], [0, 1], [F(1, 3), F(1, 3)]], [0, 0])), id="nash"),
        pytest.param(lambda: gt.kalai_smorodinsky(BargainingProblem([[2, 0], [0, 1]], [0, 0])), id="ks"),
        pytest.param(lambda: gt.nash_solution(BargainingProblem([[1.5, 0.1], [0.2, 1.0]], [0, 0])), id="nash-float"),
        pytest.param(lambda: gt.rubinstein(F(1, 2), 0.9), id="rubinstein"),
        pytest.param(lambda: gt.baron_ferejohn(5, F(4, 5), 3), id="baron-ferejohn"),
        pytest.param(lambda: gt.vertex_enumeration(gt.catalog.battle_of_the_sexes(), exact=True), id="equilibria"),
    ],
)
def test_to_dict_is_json_everywhere(result):
    d = result().to_dict()
    assert isinstance(d, dict)
    assert json.loads(json.dumps(d, allow_nan=False)) == d


def test_bargaining_to_dict_values():
    sol = gt.nash_solution(BargainingProblem([[1, 0], [0, 1]], [0, 0]))
    d = sol.to_dict()
    assert d["method"] == sol.method and d["payoffs"] == [0.5, 0.5] and d["exact_payoffs"] == ["1/2", "1/2"]
    assert d["lottery"] == [[0, 0.5], [1, 0.5]] and d["weights"] == (None if sol.weights is None else list(sol.weights))
    r = gt.baron_ferejohn(3, F(1, 2), 2).to_dict()
    assert r["continuation_values"] == ["1/3"] * 3 and r["quota"] == 2 and r["exact"] is True


def test_as_dict_is_a_value_mapping():
    phi = gt.shapley_value(gt.CoalitionGame([0, 0, 0, 1], players=["a", "b"]))
    assert phi.as_dict() == {"a": F(1, 2), "b": F(1, 2)}
