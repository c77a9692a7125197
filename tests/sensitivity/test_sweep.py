"""Sweeps over parameter points (gametheory_af.sensitivity.sweep, .backends)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.sensitivity import grid, iter_sweep, load_sweep, run_tasks, sweep, thresholds

L, c = sp.symbols("L c")


def four_player_game(seed: int = 0) -> gt.ParametricGame:
    rng = np.random.default_rng(seed)
    pay = np.empty((4, 2, 2, 2, 2), dtype=object)
    for idx in itertools.product(range(4), *(range(2),) * 4):
        a, b, d = (int(v) for v in rng.integers(-3, 4, 3))
        pay[idx] = a * L + b * c + d
    return gt.ParametricGame(
        pay, parameters=[gt.Parameter("L", 1, lower=0, upper=10), gt.Parameter("c", 1, lower=0, upper=5)]
    )


def n_profile0(mask: np.ndarray) -> np.ndarray:
    """A vectorized user measure: is the first profile an equilibrium."""
    return mask.reshape(mask.shape[0], -1)[:, 0]


def test_pure_sweep_matches_batch_and_pure_nash_batch() -> None:
    pg = four_player_game()
    rng = np.random.default_rng(1)
    pts = {"L": rng.uniform(0, 10, 500), "c": rng.uniform(0, 5, 500)}
    res = sweep(pg, pts, chunk_size=64, measures={"all_first": (0, 0, 0, 0), "f": n_profile0})
    expected = gt.pure_nash_batch(pg.batch(**pts))
    assert np.array_equal(res.equilibria, expected)
    assert np.array_equal(res.n_equilibria, expected.reshape(500, -1).sum(1))
    assert np.array_equal(res.measures["all_first"], expected[:, 0, 0, 0, 0])
    assert np.array_equal(res.measures["f"], expected[:, 0, 0, 0, 0])
    assert np.array_equal(res.is_equilibrium((0, 0, 0, 0)), expected[:, 0, 0, 0, 0])
    assert np.array_equal(res.points["L"], pts["L"])
    assert len(res) == 500 and "n_points=500" in repr(res)


def test_chunk_size_does_not_change_results() -> None:
    pg = four_player_game(2)
    g = grid(L=np.linspace(0, 10, 37), c=np.linspace(0, 5, 11))
    a = sweep(pg, g, chunk_size=7)
    b = sweep(pg, g, chunk_size=10_000)
    assert np.array_equal(a.equilibria, b.equilibria)
    assert a.grid_shape == (37, 11)
    LL, CC = np.meshgrid(np.linspace(0, 10, 37), np.linspace(0, 5, 11), indexing="ij")
    assert np.array_equal(a.points["L"], LL.ravel()) and np.array_equal(a.points["c"], CC.ravel())


def test_sweep_agrees_with_exact_thresholds() -> None:
    pg = four_player_game(3)
    res = sweep(pg, {"L": np.linspace(0, 10, 1001)})
    th = thresholds(pg, "L")
    b = th.floats
    for k, x in enumerate(res.points["L"]):
        if b.size and np.min(np.abs(b - x)) < 1e-9:
            continue
        lo_hi = [(float(lo), float(hi), eqs) for lo, hi, eqs in th.intervals]
        eqs = next(e for lo, hi, e in lo_hi if lo <= x <= hi)
        got = tuple(tuple(int(i) for i in r) for r in np.argwhere(res.equilibria[k]))
        assert got == eqs


def test_keep_equilibria_false_keeps_measures_only() -> None:
    pg = four_player_game()
    res = sweep(pg, {"L": np.linspace(0, 10, 50)}, keep_equilibria=False, measures={"p": (1, 1, 1, 1)})
    assert res.equilibria is None and set(res.measures) == {"n_equilibria", "p"}
    with pytest.raises(gt.GameError, match="keep_equilibria=False"):
        res.is_equilibrium((0, 0, 0, 0))


def test_mixed_solver_maps_over_points() -> None:
    a = sp.Symbol("a")
    pg = gt.ParametricGame([[[a, 0], [0, 1]], [[1, 0], [0, a]]], parameters={"a": 1})
    res = sweep(pg, {"a": [-1.0, 2.0]}, solver=gt.pure_nash, measures={"top": (0, 0), "k": len})
    assert res.solver == "pure_nash"
    assert [len(r) for r in res.equilibria] == [1, 2]  # a = -1: only (1, 0)
    assert res.measures["top"].tolist() == [False, True]
    assert res.measures["k"].tolist() == [1, 2]
    assert res.is_equilibrium((1, 1)).tolist() == [False, True]


def test_backends_give_identical_results() -> None:
    distributed = pytest.importorskip("distributed")
    pg = four_player_game(4)
    g = grid(L=np.linspace(0, 10, 101), c=np.linspace(0, 5, 21))
    kw = dict(chunk_size=400, measures={"p": (0, 1, 0, 1), "f": n_profile0})
    serial = sweep(pg, g, **kw)
    procs = sweep(pg, g, backend="processes", n_jobs=2, **kw)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cl:
        with distributed.Client(cl) as client:
            dask = sweep(pg, g, backend="dask", client=client, **kw)
    own = sweep(pg, g, backend="dask", n_jobs=1, **kw)  # starts and closes its own cluster
    for other in (procs, dask, own):
        assert np.array_equal(serial.equilibria, other.equilibria)
        for k in serial.measures:
            assert np.array_equal(serial.measures[k], other.measures[k])
    assert dask.backend == "dask"


def test_progress_bar_and_pandas(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    pd = pytest.importorskip("pandas")
    pg = four_player_game()
    res = sweep(pg, {"L": np.linspace(0, 10, 30)}, chunk_size=10, progress=True, measures={"p": (0, 0, 0, 0)})
    assert "30/30" in capsys.readouterr().err
    df = res.to_pandas(profiles=True)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns[:3]) == ["L", "n_equilibria", "p"]
    assert df.shape == (30, 3 + 16)


def test_to_pandas_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def fake(name: str, *args: object, **kw: object) -> object:
        if name == "pandas":
            raise ImportError("no pandas")
        return real(name, *args, **kw)

    res = sweep(four_player_game(), {"L": [1.0]})
    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(ImportError, match="needs pandas"):
        res.to_pandas()


def test_errors() -> None:
    pg = four_player_game()
    with pytest.raises(gt.GameError, match="unknown parameter 'z'"):
        sweep(pg, {"z": [1.0]})
    with pytest.raises(gt.GameError, match="above its upper bound"):
        sweep(pg, {"L": [11.0]})
    with pytest.raises(gt.GameError, match="below its lower bound"):
        sweep(pg, grid(L=[-1.0]))
    with pytest.raises(gt.GameError, match="common length"):
        sweep(pg, {"L": [1.0, 2.0], "c": [1.0]})
    with pytest.raises(gt.GameError, match="chunk_size"):
        sweep(pg, {"L": [1.0]}, chunk_size=0)
    with pytest.raises(gt.GameError, match="backend must be one of"):
        sweep(pg, {"L": [1.0]}, backend="gpu")
    with pytest.raises(gt.GameError, match="client= is only used"):
        sweep(pg, {"L": [1.0]}, client=object())
    with pytest.raises(gt.GameError, match="n_equilibria"):
        sweep(pg, {"L": [1.0]}, measures={"n_equilibria": (0, 0, 0, 0)})
    with pytest.raises(gt.GameError, match="one value per point"):
        sweep(pg, {"L": [1.0, 2.0]}, measures={"bad": lambda m: np.zeros(5)})
    with pytest.raises(gt.GameError, match="1-D"):
        sweep(pg, {"L": [[1.0]]})
    with pytest.raises(gt.GameError, match="points must be"):
        sweep(pg, [1.0, 2.0])  # type: ignore[arg-type]
    with pytest.raises(gt.GameError, match="axis 'L' is empty"):
        grid(L=[])
    with pytest.raises(gt.GameError, match="n_jobs"):
        list(run_tasks(abs, [1], backend="processes", n_jobs=0))
    x = sp.Symbol("x")
    inv = gt.ParametricGame([[[1 / x, 0]], [[0, 1]]], parameters={"x": 1})
    with pytest.raises(gt.GameError, match="not finite"):
        sweep(inv, {"x": [0.0]})


# ---------------------------------------------------------------------------- streaming and limits
def _concat(parts: list) -> tuple[np.ndarray | None, dict[str, np.ndarray], list[int]]:  # type: ignore[type-arg]
    eq = np.concatenate([p.equilibria for p in parts]) if parts[0].equilibria is not None else None
    meas = {k: np.concatenate([p.measures[k] for p in parts]) for k in parts[0].measures}
    return eq, meas, [p.start for p in parts]


def test_iter_sweep_and_out_equal_sweep_on_every_backend(tmp_path) -> None:  # type: ignore[no-untyped-def]
    distributed = pytest.importorskip("distributed")
    pg = four_player_game(4)
    g = grid(L=np.linspace(0, 10, 31), c=np.linspace(0, 5, 13))
    kw = dict(chunk_size=100, measures={"p": (0, 1, 0, 1), "f": n_profile0})
    whole = sweep(pg, g, **kw)
    runs = {
        "serial": list(iter_sweep(pg, g, **kw)),
        "processes": list(iter_sweep(pg, g, backend="processes", n_jobs=2, **kw)),
        "dask-own": list(iter_sweep(pg, g, backend="dask", n_jobs=1, **kw)),
    }
    stored = {
        "serial": sweep(pg, g, out=tmp_path / "serial", **kw),
        "processes": sweep(pg, g, backend="processes", n_jobs=2, out=tmp_path / "processes", **kw),
    }
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cl:
        with distributed.Client(cl) as client:
            runs["dask-client"] = list(iter_sweep(pg, g, backend="dask", client=client, **kw))
            stored["dask"] = sweep(pg, g, backend="dask", client=client, out=tmp_path / "dask", **kw)
    for name, res in stored.items():
        assert isinstance(res.equilibria, np.memmap) and not res.equilibria.flags.writeable, name
        assert np.array_equal(res.equilibria, whole.equilibria), name
        for k in whole.measures:
            assert np.array_equal(res.measures[k], whole.measures[k]), (name, k)
        assert res.grid_shape == whole.grid_shape and res.points["c"].tolist() == whole.points["c"].tolist()
        assert load_sweep(tmp_path / name) == res
    assert stored["serial"] == whole  # same fields, arrays equal (memory maps or not)
    for name, parts in runs.items():
        eq, meas, starts = _concat(parts)
        assert starts == list(range(0, len(g), 100)), name
        assert [len(p) for p in parts] == [100, 100, 100, 100, 3], name
        assert np.array_equal(eq, whole.equilibria), name
        for k in whole.measures:
            assert np.array_equal(meas[k], whole.measures[k]), (name, k)
        pts = np.concatenate([p.points["L"] for p in parts])
        assert np.array_equal(pts, whole.points["L"]), name


def test_iter_sweep_other_solver_and_no_equilibria() -> None:
    pg = four_player_game()
    pts = {"L": np.linspace(0, 10, 7)}
    whole = sweep(pg, pts, solver=gt.pure_nash, measures={"k": len})
    parts = list(iter_sweep(pg, pts, solver=gt.pure_nash, measures={"k": len}, chunk_size=3))
    assert sum((p.equilibria for p in parts), ()) == whole.equilibria
    assert np.concatenate([p.measures["k"] for p in parts]).tolist() == whole.measures["k"].tolist()
    lean = list(iter_sweep(pg, pts, keep_equilibria=False, chunk_size=4))
    assert all(p.equilibria is None for p in lean)
    assert np.concatenate([p.n_equilibria for p in lean]).tolist() == sweep(pg, pts).n_equilibria.tolist()


def test_iter_sweep_checks_before_the_first_chunk() -> None:
    pg = four_player_game()
    with pytest.raises(gt.GameError, match="iter_sweep: chunk_size must be an integer >= 1; got 0"):
        iter_sweep(pg, {"L": [1.0]}, chunk_size=0)  # raised at the call, not at next()
    with pytest.raises(gt.GameError, match="unknown parameter 'z'"):
        iter_sweep(pg, {"z": [1.0]})


def test_iter_sweep_closed_early_releases_its_game() -> None:
    import importlib

    sweep_module = importlib.import_module("gametheory_af.sensitivity.sweep")

    before = set(sweep_module._GAMES)
    it = iter_sweep(four_player_game(), {"L": np.linspace(0, 10, 50)}, chunk_size=10)
    first = next(it)
    assert len(first) == 10 and first.start == 0
    it.close()
    assert set(sweep_module._GAMES) == before


def test_sweep_refuses_a_result_beyond_the_limits_and_names_iter_sweep() -> None:
    pg = four_player_game()
    g = grid(L=np.linspace(0, 10, 100), c=np.linspace(0, 5, 100))  # 10,000 points x 16 profiles
    with gt.limits(max_entries=100_000):
        with pytest.raises(gt.GameError, match=r"160,000 equilibrium flags.*max_entries=100,000.*iter_sweep"):
            sweep(pg, g, chunk_size=1_000)
        lean = sweep(pg, g, keep_equilibria=False, chunk_size=1_000)  # 10,000 measure values fit
        parts = list(iter_sweep(pg, g, chunk_size=1_000))  # streamed: each chunk fits
    assert np.array_equal(np.concatenate([p.n_equilibria for p in parts]), lean.n_equilibria)
    with gt.limits(max_entries=5_000), pytest.raises(gt.GameError, match="measure values.*iter_sweep"):
        sweep(pg, g, keep_equilibria=False, chunk_size=10)
    with gt.limits(max_calls=5), pytest.raises(gt.GameError, match="EquilibriumResult objects.*max_calls=5"):
        sweep(pg, {"L": np.linspace(0, 1, 6)}, solver=gt.pure_nash)


def test_a_billion_points_are_refused_before_any_work() -> None:
    pg = four_player_game()
    g = grid(L=np.linspace(0, 10, 100_000), c=np.linspace(0, 5, 10_000))
    assert len(g) == 10**9
    with pytest.raises(gt.GameError, match=r"sweep: this asks for 1,000,000,000 measure values"):
        sweep(pg, g)
    with pytest.raises(gt.GameError, match=r"Grid.chunk: this asks for 2,000,000,000 grid coordinates"):
        g.to_arrays()


def test_chunk_working_memory_is_limited() -> None:
    pg = four_player_game()
    with gt.limits(max_entries=1_000), pytest.raises(gt.GameError, match=r"payoff entries in one chunk.*lower chunk_size"):
        iter_sweep(pg, {"L": np.linspace(0, 1, 100)}, chunk_size=100)  # 100 x 4 x 16 = 6,400 entries


def test_grid_sizes_are_exact() -> None:
    g = grid(**{f"a{k}": np.arange(1000.0) for k in range(6)})
    assert g.size == 10**18 and len(g) == 10**18
    with pytest.raises(gt.GameError, match="beyond the 4,611,686,018,427,387,904 a sweep can index"):
        grid(**{f"a{k}": np.arange(1000.0) for k in range(7)})
    assert g.chunk(10**18 - 2, 10**18)["a5"].tolist() == [998.0, 999.0]


@given(
    n_l=st.integers(1, 12),
    n_c=st.integers(1, 6),
    chunk=st.integers(1, 40),
    seed=st.integers(0, 5),
)
@settings(max_examples=25)
def test_iter_sweep_concatenates_to_sweep_for_any_chunking(n_l: int, n_c: int, chunk: int, seed: int) -> None:
    pg = four_player_game(seed)
    g = grid(L=np.linspace(0, 10, n_l), c=np.linspace(0, 5, n_c))
    whole = sweep(pg, g, chunk_size=7, measures={"p": (1, 0, 1, 0)})
    parts = list(iter_sweep(pg, g, chunk_size=chunk, measures={"p": (1, 0, 1, 0)}))
    eq, meas, starts = _concat(parts)
    assert starts == list(range(0, n_l * n_c, chunk))
    assert np.array_equal(eq, whole.equilibria)
    assert np.array_equal(meas["p"], whole.measures["p"])
    assert np.array_equal(meas["n_equilibria"], whole.n_equilibria)


def test_out_writes_chunks_to_disk_beyond_the_memory_limits(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import pickle

    pg = four_player_game()
    pts = {"L": np.linspace(0, 10, 3000), "c": np.linspace(0, 5, 3000)}
    whole = sweep(pg, pts, chunk_size=100, measures={"p": (0, 0, 0, 0)})
    with gt.limits(max_entries=10_000):  # 48,000 flags: too many for memory, not for out=
        with pytest.raises(gt.GameError, match="iter_sweep"):
            sweep(pg, pts, chunk_size=100, measures={"p": (0, 0, 0, 0)})
        res = sweep(pg, pts, chunk_size=100, measures={"p": (0, 0, 0, 0)}, out=tmp_path / "big")
    assert res == whole and res.grid_shape is None
    index = json.loads((tmp_path / "big" / "index.json").read_text())
    assert index["n_points"] == 3000 and set(index["measures"]) == {"n_equilibria", "p"}
    back = pickle.loads(pickle.dumps(res))
    assert back == res and not back.measures["p"].flags.writeable
    lean = sweep(pg, pts, solver=gt.pure_nash, keep_equilibria=False, measures={"k": len}, out=tmp_path / "lean")
    assert lean.equilibria is None and lean.measures["k"].tolist() == whole.n_equilibria.tolist()


def test_out_and_load_sweep_refuse_bad_directories(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    pg = four_player_game()
    full = tmp_path / "full"
    full.mkdir()
    (full / "x.txt").write_text("x")
    with pytest.raises(gt.GameError, match="out must be a new or empty directory"):
        sweep(pg, {"L": [1.0]}, out=full)
    with pytest.raises(gt.GameError, match="out must be a new or empty directory"):
        sweep(pg, {"L": [1.0]}, out=full / "x.txt")
    with pytest.raises(gt.GameError, match="keep_equilibria=False"):
        sweep(pg, {"L": [1.0]}, solver=gt.pure_nash, out=tmp_path / "objects")
    with pytest.raises(gt.GameError, match=r"measure 'o' returns Python objects"):
        sweep(pg, {"L": [1.0]}, measures={"o": lambda m: np.array([None] * len(m))}, out=tmp_path / "o")
    with pytest.raises(gt.GameError, match="no complete sweep"):
        load_sweep(tmp_path)
    sweep(pg, {"L": [1.0, 2.0]}, out=tmp_path / "ok")
    index = json.loads((tmp_path / "ok" / "index.json").read_text())
    index["measures"]["n_equilibria"] = "../../etc/passwd.npy"
    (tmp_path / "ok" / "index.json").write_text(json.dumps(index))
    with pytest.raises(gt.GameError, match="bad file name"):
        load_sweep(tmp_path / "ok")
    (tmp_path / "ok" / "index.json").write_text("[1, 2]")
    with pytest.raises(gt.GameError, match="not a gametheory_af sweep index"):
        load_sweep(tmp_path / "ok")
