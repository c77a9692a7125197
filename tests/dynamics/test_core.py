"""The shared pieces of the dynamics: DynamicsResult, initial_profiles, Recorder, step_range."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.dynamics._core import (
    DynamicsResult,
    Recorder,
    check_positive,
    check_steps,
    initial_profiles,
    step_range,
)

PD = gt.catalog.prisoners_dilemma()



def _result(b=2, t=3):
    rng = np.random.default_rng(1)
    states = []
    for s in PD.shape:
        x = rng.random((b, t, s))
        states.append(x / x.sum(axis=2, keepdims=True))
    return DynamicsResult("demo", PD, {"steps": 2, "lam": 0.5}, np.arange(t, dtype=float), tuple(states))


def test_result_fields_read_only_and_value_equality():
    res = _result()
    assert res.n_starts == 2 and res.n_players == 2
    assert res.final[1].shape == (2, 2)
    np.testing.assert_array_equal(res.final[0], res.states[0][:, -1, :])
    with pytest.raises(ValueError):
        res.states[0][0, 0, 0] = 3.0
    with pytest.raises(TypeError):
        res.parameters["steps"] = 3  # type: ignore[index]
    assert res == _result() and res != _result(b=3)
    assert pickle.loads(pickle.dumps(res)) == res
    assert hash(res) == hash(_result())
    assert "n_starts=2" in repr(res)


def test_profile_and_bad_indices():
    res = _result()
    p = res.profile(1, 0)
    np.testing.assert_array_equal(p[0], res.states[0][1, 0])
    np.testing.assert_array_equal(res.profile(-1)[1], res.states[1][1, -1])
    with pytest.raises(gt.GameError, match="b must"):
        res.profile(2)
    with pytest.raises(gt.GameError, match="t must"):
        res.profile(0, 3)


def test_to_pandas_long_form_matches_states():
    pytest.importorskip("pandas")
    res = _result()
    df = res.to_pandas()
    assert list(df.columns) == ["start", "time", "player", "strategy", "probability"]
    assert len(df) == 2 * 3 * (2 + 2)
    row = df[(df.start == 1) & (df.time == 2.0) & (df.player == "Column") & (df.strategy == "Defect")]
    assert row.probability.item() == res.states[1][1, 2, 1]
    sums = df.groupby(["start", "time", "player"]).probability.sum()
    np.testing.assert_allclose(sums.to_numpy(), 1.0)


def test_describe_and_to_dict():
    res = _result()
    text = res.describe(digits=2)
    assert text.startswith("demo: 2 start(s), 3 recorded state(s)") and "Row: Cooperate=" in text
    d = res.to_dict()
    json.dumps(d)
    assert d["dynamic"] == "demo" and d["times"] == [0.0, 1.0, 2.0]
    assert np.allclose(d["states"][0], res.states[0])
    assert gt.NormalFormGame.from_dict(d["game"]) == PD


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"game": "x"}, TypeError, "game must"),
        ({"times": np.zeros((0,))}, gt.GameError, "times must"),
        ({"states": (np.zeros((1, 1, 2)),)}, gt.GameError, "one array per player"),
        ({"states": (np.zeros((1, 1, 2)), np.zeros((1, 1, 3)))}, gt.GameError, r"states\[1\]"),
        ({"states": (np.zeros((1, 2)), np.zeros((1, 2)))}, gt.GameError, r"states\[0\]"),
    ],
)
def test_result_checks_its_fields(kwargs, exc, match):
    args = {"dynamic": "d", "game": PD, "parameters": {}, "times": np.zeros(1), "states": (np.zeros((1, 1, 2)),) * 2}
    args.update(kwargs)
    with pytest.raises(exc, match=match):
        DynamicsResult(**args)


def test_initial_none_is_uniform_and_int_draws_on_simplex():
    g = gt.NormalFormGame(np.zeros((3, 2, 3, 4)))
    u = initial_profiles(g, None, None, "f")
    assert [x.tolist() for x in u] == [[[0.5, 0.5]], [[1 / 3] * 3], [[0.25] * 4]]
    a = initial_profiles(g, 500, 7, "f")
    b = initial_profiles(g, np.int64(500), np.random.default_rng(7), "f")
    for x, y, s in zip(a, b, g.shape):
        assert x.shape == (500, s)
        np.testing.assert_array_equal(x, y)
        np.testing.assert_allclose(x.sum(axis=1), 1.0)
        assert (x >= 0).all()
        # flat Dirichlet: each coordinate has mean 1/s
        assert abs(x[:, 0].mean() - 1 / s) < 0.05


def test_initial_single_profile_and_batch():
    p = initial_profiles(PD, ("Defect", [0.25, 0.75]), None, "f")
    assert [x.tolist() for x in p] == [[[0.0, 1.0]], [[0.25, 0.75]]]
    batch = (np.array([[1.0, 0.0], [0.3, 0.7]]), [[0.5, 0.5], [1 + 1e-12, -1e-12]])
    q = initial_profiles(PD, batch, None, "f")
    assert q[0].shape == (2, 2) and q[1][1].tolist() == [1.0, 0.0]
    q[0][0, 0] = 5.0  # a fresh copy
    assert batch[0][0, 0] == 1.0


def test_recorder_schedule():
    rec = Recorder((2, 3), 4, 10, 3, "f")
    assert rec.times.tolist() == [0, 3, 6, 9, 10]
    assert rec.states[1].shape == (4, 5, 3)
    rec_all = Recorder((2,), 1, 0, 1, "f")
    assert rec_all.times.tolist() == [0.0]
    rec4 = Recorder((2,), 1, 8, 4, "f")
    assert rec4.times.tolist() == [0, 4, 8]
    assert [t for t in range(9) if rec4.wants(t)] == [0, 4, 8]


def test_recorder_refuses_huge_allocations():
    with pytest.raises(gt.GameError, match="recorded state entries"):
        Recorder((2, 2), 10**6, 10**6, 1, "f")


def test_step_range_and_checks():
    assert list(step_range(0, False, "f")) == []
    pytest.importorskip("tqdm")
    bar = step_range(4, True, "f")
    assert list(bar) == [1, 2, 3, 4]
    assert check_steps(0, "f") == 0
    assert check_positive(2, "dt", "f") == 2.0
    with pytest.raises(gt.GameError, match="dt"):
        check_positive(0, "dt", "f")
