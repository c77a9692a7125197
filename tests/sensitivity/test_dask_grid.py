"""Sweeps whose chunks are made on the workers: compact grids, small tasks, identical results on every backend."""

from __future__ import annotations

import importlib
import itertools
import pickle
import time

import numpy as np
import pytest
import sympy as sp

import gametheory_af as gt
from gametheory_af.sensitivity import grid, iter_sweep, run_tasks, sweep

sweep_module = importlib.import_module("gametheory_af.sensitivity.sweep")
_Span = sweep_module._Span

L, c = sp.symbols("L c")


def four_player_game(seed: int = 0) -> gt.ParametricGame:
    """Payoffs a*L + b*c + d with small random integers: ties between strategies on many points of a grid."""
    rng = np.random.default_rng(seed)
    pay = np.empty((4, 2, 2, 2, 2), dtype=object)
    for idx in itertools.product(range(4), *(range(2),) * 4):
        a, b, d = (int(v) for v in rng.integers(-3, 4, 3))
        pay[idx] = a * L + b * c + d
    return gt.ParametricGame(
        pay, parameters=[gt.Parameter("L", 1, lower=0, upper=10), gt.Parameter("c", 1, lower=0, upper=5)]
    )


def first_profile(mask: np.ndarray) -> np.ndarray:
    return mask.reshape(mask.shape[0], -1)[:, 0]


# ---------------------------------------------------------------------------- evenly spaced axes
@pytest.mark.parametrize("seed", range(20))
def test_span_gives_numpy_linspace_back_bit_for_bit(seed: int) -> None:
    rng = np.random.default_rng(seed)
    lo = float(rng.uniform(-100, 100))
    hi = lo + float(rng.choice([1e-6, 0.3, 7.0, 1e4]))
    n = int(rng.integers(_Span.MIN_SIZE, 300_000))
    a = np.linspace(lo, hi, n)
    span = _Span.of(a)
    assert span is not None and span.size == n
    assert np.array_equal(span.values(), a)  # every value, the last one included, to the bit
    i = rng.integers(0, n, 1000)
    assert np.array_equal(span[i], a[i])
    assert pickle.loads(pickle.dumps(span)).values().tobytes() == a.tobytes()


def test_span_refuses_what_it_cannot_give_back() -> None:
    assert _Span.of(np.linspace(0, 1, _Span.MIN_SIZE - 1)) is None  # short: sent as values
    assert _Span.of(np.geomspace(1, 2, 5_000)) is None  # not evenly spaced
    assert _Span.of(np.full(5_000, 3.0)) is None  # step 0
    a = np.linspace(0, 1, 5_000)
    a[4_321] = np.nextafter(a[4_321], 2.0)  # one ulp off, in a block other than the first
    assert _Span.of(a) is None
    assert _Span.of(np.linspace(1, 0, 5_000)) is not None  # decreasing is fine
    rev = np.linspace(0, 1, 5_000)[::-1].copy()  # not the bits of linspace(1, 0): sent as values, or else exact
    assert _Span.of(rev) is None or np.array_equal(_Span.of(rev).values(), rev)  # type: ignore[union-attr]


def test_a_compact_grid_is_a_few_numbers_and_makes_the_same_chunks() -> None:
    g = grid(L=np.linspace(0, 10, 200_000), c=np.linspace(0, 5, 50), d=[0.0, 1.0, 3.0])
    small = g._compact()
    # L and c as spans (4 numbers each; c is short, so its 50 values), d as its 3 values.
    assert small._nbytes() == 8 * (1 + 50 + 3) < g._nbytes() == 8 * (200_000 + 50 + 3)
    wire = pickle.dumps(small)
    assert len(wire) < 2_000 and len(pickle.dumps(g)) > 1_600_000
    back = pickle.loads(wire)
    assert back == g and back.shape == g.shape and back.names == g.names
    rng = np.random.default_rng(5)
    for start in [0, len(g) - 7, *rng.integers(0, len(g) - 1000, 20).tolist()]:
        stop = min(len(g), start + int(rng.integers(1, 1000)))
        want, got = g.chunk(start, stop), back._chunk(start, stop)
        assert all(np.array_equal(want[k], got[k]) for k in g.names)
    assert np.array_equal(back.axes["L"], g.axes["L"])
    assert "200000" in repr(back)


# ---------------------------------------------------------------------------- what each task carries
def _captured(monkeypatch: pytest.MonkeyPatch, pg: gt.ParametricGame, points, backend: str):  # type: ignore[no-untyped-def]
    """Run a sweep serially, recording the spec and the tasks the backend would have been given."""
    seen: dict = {}  # type: ignore[type-arg]

    def fake(func, tasks, *, backend, n_jobs, client, on_result, shared):  # type: ignore[no-untyped-def]
        seen["spec"], seen["tasks"] = shared, list(tasks)
        seen["compiled"] = shared.pgame._func is not None
        for t in seen["tasks"]:
            r = func(shared, t)
            on_result(r)
            yield r

    monkeypatch.setattr(sweep_module, "run_tasks", fake)
    res = sweep(pg, points, backend=backend, chunk_size=1_000, measures={"p": (0, 1, 0, 1)})
    assert seen["compiled"] == (backend == "serial")  # sent without its compiled payoffs, rebuilt on the worker
    return res, seen["spec"], seen["tasks"]


@pytest.mark.parametrize("n", [10_000, 300_000])
def test_dask_tasks_of_a_grid_are_ranges_of_constant_size(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    pg = four_player_game(1)
    g = grid(L=np.linspace(0, 10, n // 10), c=np.linspace(0, 5, 10))
    res, spec, tasks = _captured(monkeypatch, pg, g, "dask")
    assert all(t.points is None for t in tasks)
    sizes = {len(pickle.dumps(t)) for t in tasks}
    assert max(sizes) < 200  # two ints: the same size at 10^4 and 3 * 10^5 points
    assert len(pickle.dumps(spec)) < 30_000  # the game and four numbers per axis, sent once
    assert np.array_equal(res.equilibria, sweep(pg, g, chunk_size=1_000).equilibria)


def test_dask_tasks_of_a_sample_carry_their_points(monkeypatch: pytest.MonkeyPatch) -> None:
    pg = four_player_game(1)
    rng = np.random.default_rng(2)
    pts = {"L": rng.uniform(0, 10, 2_500), "c": rng.uniform(0, 5, 2_500)}
    res, spec, tasks = _captured(monkeypatch, pg, pts, "dask")
    assert spec.source is None and [len(t.points["L"]) for t in tasks] == [1_000, 1_000, 500]
    assert np.array_equal(tasks[2].points["c"], pts["c"][2_000:])
    assert np.array_equal(res.equilibria, sweep(pg, pts).equilibria)


def test_tasks_of_several_chunks_slice_their_points_per_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    pg = four_player_game(3)
    rng = np.random.default_rng(4)
    pts = {"L": rng.uniform(0, 10, 20_000), "c": rng.uniform(0, 5, 20_000)}
    res, spec, tasks = _captured(monkeypatch, pg, pts, "dask")
    # 20 chunks of 1,000 on 2 workers: 4 tasks per worker at least, so 3 chunks (3,000 points) per task.
    assert [t.stop - t.start for t in tasks] == [3_000] * 6 + [2_000]
    assert all(t.chunk_size == 1_000 and len(t.points["L"]) == t.stop - t.start for t in tasks)
    assert np.array_equal(res.equilibria, sweep(pg, pts, chunk_size=1_000).equilibria)
    assert res.chunk_size == 1_000


def test_chunks_per_task() -> None:
    pg = four_player_game()
    plan = sweep_module._prepare("sweep", pg, grid(L=np.linspace(0, 10, 10**7)), "pure", 8_192, "processes", False,
                                 None, None, 2, 1e-9, False)
    # 1,221 chunks; 64 chunks (524,288 points) per task at most.
    assert sweep_module._chunks_per_task(plan) == 64 == sweep_module._TASK_POINTS // 8_192
    plan.n = 100_000  # 13 chunks on 2 workers: 2 chunks per task, 7 tasks
    assert sweep_module._chunks_per_task(plan) == 2
    plan.solver_fn = gt.pure_nash  # a solver per point: one chunk per task
    assert sweep_module._chunks_per_task(plan) == 1
    plan.solver_fn, plan.backend = "pure", "serial"
    assert sweep_module._chunks_per_task(plan) == 1


def test_process_tasks_carry_whichever_is_smaller(monkeypatch: pytest.MonkeyPatch) -> None:
    pg = four_player_game(1)
    # 100 x 50 values: 1.2 kB of axes, less than one chunk's 16 kB of points: sent with the spec.
    _, spec, tasks = _captured(monkeypatch, pg, grid(L=np.geomspace(1, 10, 100), c=np.geomspace(1, 5, 50)), "processes")
    assert spec.source is not None and all(t.points is None for t in tasks)
    # 5,000 uneven values along one axis (40 kB): each task carries its 1,000 points instead.
    _, spec, tasks = _captured(monkeypatch, pg, grid(L=np.geomspace(1, 10, 5_000)), "processes")
    assert spec.source is None and all(len(t.points["L"]) == 1_000 for t in tasks)
    # The same axis evenly spaced is four numbers.
    _, spec, tasks = _captured(monkeypatch, pg, grid(L=np.linspace(1, 10, 5_000)), "processes")
    assert spec.source is not None and all(t.points is None for t in tasks)


# ---------------------------------------------------------------------------- identical results
def _same(a, b) -> None:  # type: ignore[no-untyped-def]
    assert np.array_equal(a.equilibria, b.equilibria)
    assert set(a.measures) == set(b.measures)
    for k in a.measures:
        assert np.array_equal(a.measures[k], b.measures[k]), k


def test_dask_worker_processes_give_the_serial_arrays() -> None:
    """Real worker processes: the grid is pickled compact, scattered once, and unpickled on each worker."""
    distributed = pytest.importorskip("distributed")
    pg = four_player_game(7)
    cases = [
        grid(L=np.linspace(0, 10, 4_001), c=[0.0, 0.5, 5.0]),  # evenly spaced axis with ties (L on a grid of 1/400)
        grid(L=np.geomspace(0.1, 10, 300), c=np.linspace(0, 5, 40)),  # one uneven axis
    ]
    rng = np.random.default_rng(3)
    sample = {"L": rng.uniform(0, 10, 3_000), "c": rng.uniform(0, 5, 3_000)}
    kw = dict(chunk_size=1_024, measures={"p": (0, 1, 0, 1), "f": first_profile})
    serial = [sweep(pg, g, **kw) for g in cases] + [sweep(pg, sample, **kw)]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        with distributed.Client(cl) as client:
            on_dask = [sweep(pg, g, backend="dask", client=client, **kw) for g in cases]
            on_dask.append(sweep(pg, sample, backend="dask", client=client, **kw))
            parts = list(iter_sweep(pg, cases[0], backend="dask", client=client, keep_equilibria=False, **kw))
            assert list(run_tasks(pow, [1, 2, 3], backend="dask", client=client, shared=10)) == [10, 100, 1000]
    for s, d in zip(serial, on_dask):
        _same(s, d)
    assert np.array_equal(np.concatenate([p.n_equilibria for p in parts]), serial[0].n_equilibria)
    # Ties exist on this grid (an equilibrium count above 1 somewhere), so the test can tell a wrong point apart.
    assert serial[0].n_equilibria.max() > 1


def test_processes_give_the_serial_arrays(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    pg = four_player_game(8)
    g = grid(L=np.linspace(0, 10, 2_001), c=np.linspace(0, 5, 3))
    kw = dict(chunk_size=700, measures={"p": (1, 1, 0, 0)})
    _same(sweep(pg, g, **kw), sweep(pg, g, backend="processes", n_jobs=2, progress=True, **kw))
    assert "6003/6003" in capsys.readouterr().err  # advanced per task of several chunks, to the end
    assert list(run_tasks(pow, [1, 2], backend="processes", n_jobs=2, shared=3)) == [3, 9]


def test_the_shared_data_is_released_after_a_dask_sweep() -> None:
    distributed = pytest.importorskip("distributed")
    pg = four_player_game(2)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cl:
        with distributed.Client(cl) as client:
            sweep(pg, grid(L=np.linspace(0, 10, 2_000)), backend="dask", client=client, chunk_size=500)
            # The scattered spec and every chunk's future are released (by a callback on the client's loop).
            for _ in range(200):
                if not client.futures:
                    break
                time.sleep(0.05)
            assert not client.futures


# ---------------------------------------------------------------------------- pure_nash_batch's checks
@pytest.mark.parametrize("tol", [0.0, 1e-9, 0.05])
def test_checked_pure_nash_batch_is_the_public_one(tol: float) -> None:
    rng = np.random.default_rng(11)
    for shape in [(2, 2), (3, 2), (2, 2, 2), (3, 3, 2)]:
        n = len(shape)
        # Integers 0..3: many ties, so tol matters; and a few games with a near tie.
        u = rng.integers(0, 4, (200, n, *shape)).astype(np.float64)
        u[::7] += rng.uniform(0, 1e-3, u[::7].shape)
        assert np.array_equal(gt.pure_nash_batch(u, tol=tol, check_finite=False), gt.pure_nash_batch(u, tol=tol))


def test_the_public_pure_nash_batch_still_refuses_non_finite_payoffs() -> None:
    u = np.zeros((3, 2, 2, 2))
    u[1, 0, 1, 1] = np.nan
    with pytest.raises(gt.GameError, match="payoffs"):
        gt.pure_nash_batch(u)


def test_a_non_finite_payoff_on_a_worker_names_the_point() -> None:
    x = sp.Symbol("x")
    pg = gt.ParametricGame([[[1 / x, 0], [1, 1]], [[1, 0], [0, 1]]], parameters={"x": 1})
    with pytest.raises(gt.GameError, match=r"sweep: batch: payoff\[0, 0, 0\] = 1/x is not finite at point 1"):
        sweep(pg, {"x": [1.0, 0.0]}, backend="processes", n_jobs=1)


# ---------------------------------------------------------------------------- seeded random samples
def test_uniform_sample_is_one_stream_whatever_the_chunks() -> None:
    from gametheory_af.sensitivity.sweep import UniformSample, uniform_sample

    s = uniform_sample(10_000, seed=42, L=(0.0, 10.0), c=(1.0, 5.0))
    # Point k is draws 2k, 2k + 1 of PCG64(SeedSequence(42)), scaled to its box: the stream, drawn in one go.
    u = np.random.Generator(np.random.PCG64(np.random.SeedSequence(42))).random((10_000, 2))
    whole = s.to_arrays()
    assert np.array_equal(whole["L"], 0.0 + u[:, 0] * 10.0) and np.array_equal(whole["c"], 1.0 + u[:, 1] * 4.0)
    rng = np.random.default_rng(0)
    for _ in range(20):
        a = int(rng.integers(0, 10_000))
        b = int(rng.integers(a, 10_001))
        part = s.chunk(a, b)
        assert np.array_equal(part["L"], whole["L"][a:b]) and np.array_equal(part["c"], whole["c"][a:b])
    assert whole["L"].min() >= 0 and whole["L"].max() < 10 and whole["c"].min() >= 1
    back = pickle.loads(pickle.dumps(s))
    assert back == s and len(pickle.dumps(s)) < 300 and isinstance(back, UniformSample)
    assert back != uniform_sample(10_000, seed=43, L=(0.0, 10.0), c=(1.0, 5.0)) and s != "s"
    assert (s.seed, s.size, len(s), s.ranges) == (42, 10_000, 10_000, {"L": (0.0, 10.0), "c": (1.0, 5.0)})
    assert repr(s) == "UniformSample(10000 points; L: [0.0, 10.0), c: [1.0, 5.0); seed=42)"


def test_uniform_sample_sweeps_identically_on_every_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    from gametheory_af.sensitivity.sweep import uniform_sample

    pg = four_player_game(5)
    s = uniform_sample(6_000, seed=9, L=(0.0, 10.0), c=(0.0, 5.0))
    kw = dict(chunk_size=1_000, measures={"p": (0, 1, 0, 1)})
    serial = sweep(pg, s, **kw)
    # The same as the same points given as arrays.
    _same(serial, sweep(pg, s.to_arrays(), **kw))
    assert np.array_equal(serial.points["c"], s.to_arrays()["c"])
    _same(serial, sweep(pg, s, backend="processes", n_jobs=2, **kw))
    # On Dask, the tasks carry no points: the sample (n, seed, box) goes once with the spec.
    res, spec, tasks = _captured(monkeypatch, pg, s, "dask")
    assert spec.source == s and all(t.points is None for t in tasks)
    _same(serial, res)
    parts = list(iter_sweep(pg, s, chunk_size=1_000, keep_equilibria=False))
    assert np.array_equal(np.concatenate([p.points["L"] for p in parts]), serial.points["L"])


def test_uniform_sample_errors() -> None:
    from gametheory_af.sensitivity.sweep import uniform_sample

    pg = four_player_game()
    with pytest.raises(gt.GameError, match=r"uniform_sample: n must be an integer >= 1; got 0"):
        uniform_sample(0, seed=0, L=(0, 1))
    with pytest.raises(gt.GameError, match=r"uniform_sample: seed must be an integer >= 0; got -1"):
        uniform_sample(5, seed=-1, L=(0, 1))
    with pytest.raises(TypeError, match=r"uniform_sample: n must be an integer; got 2.5"):
        uniform_sample(2.5, seed=0, L=(0, 1))  # type: ignore[arg-type]
    with pytest.raises(gt.GameError, match=r"give at least one range"):
        uniform_sample(5, seed=0)
    with pytest.raises(gt.GameError, match=r"the range of 'L' must be a pair \(lo, hi\); got 3"):
        uniform_sample(5, seed=0, L=3)
    with pytest.raises(gt.GameError, match=r"the range of 'L' must be a pair \(lo, hi\); got 'ab'"):
        uniform_sample(5, seed=0, L="ab")
    with pytest.raises(gt.GameError, match=r"uniform_sample: the upper end of 'L' must be a finite number; got inf"):
        uniform_sample(5, seed=0, L=(0, float("inf")))
    with pytest.raises(gt.GameError, match=r"the range of 'L' must have lo < hi; got \(2, 1\)"):
        uniform_sample(5, seed=0, L=(2, 1))
    with pytest.raises(TypeError, match=r"ranges must be a mapping"):
        sweep_module.UniformSample(5, 0, [("L", (0, 1))])
    with pytest.raises(gt.GameError, match=r"sweep: points\['L'\]: parameter 'L': value .*11\.0\)? is above its upper bound 10"):
        sweep(pg, uniform_sample(5, seed=0, L=(0, 11)))
    with pytest.raises(gt.GameError, match=r"sweep: unknown parameter 'z' in points"):
        sweep(pg, uniform_sample(5, seed=0, z=(0, 1)))
    s = uniform_sample(5, seed=0, L=(0, 1))
    with pytest.raises(gt.GameError, match=r"UniformSample.chunk: stop must be an integer <= 5; got 6"):
        s.chunk(0, 6)
    with gt.limits(max_entries=3):
        with pytest.raises(gt.GameError, match=r"sample coordinates"):
            s.chunk(0, 5)


def test_uniform_sample_written_to_disk_reads_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gametheory_af.sensitivity import load_sweep
    from gametheory_af.sensitivity.sweep import uniform_sample

    pg = four_player_game(6)
    s = uniform_sample(3_000, seed=2, L=(0.0, 10.0))
    whole = sweep(pg, s, chunk_size=700)
    stored = sweep(pg, s, chunk_size=700, out=tmp_path / "s")
    _same(whole, stored)
    assert np.array_equal(load_sweep(tmp_path / "s").points["L"], s.to_arrays()["L"])


def test_process_pool_is_kept_cancelled_early_and_closed() -> None:
    backends = importlib.import_module("gametheory_af.sensitivity.backends")
    pg = four_player_game(1)
    g = grid(L=np.linspace(0, 10, 3_000))
    whole = sweep(pg, g, chunk_size=100)
    it = iter_sweep(pg, g, backend="processes", n_jobs=2, chunk_size=100)
    first = next(it)
    assert np.array_equal(first.equilibria, whole.equilibria[:100])
    it.close()  # the tasks still in flight are cancelled
    pool = backends._POOLS.get(2)
    if pool is not None:  # the pool of the stdlib fallback (joblib keeps its own) is kept for the next call
        assert list(run_tasks(abs, [-1, 2], backend="processes", n_jobs=2)) == [1, 2]
        assert backends._POOLS[2] is pool
    backends._close_pools()  # what runs at exit
    assert not backends._POOLS
    assert list(run_tasks(abs, [-3], backend="processes", n_jobs=2)) == [3]  # a new pool


def test_run_tasks_on_dask_without_shared_data() -> None:
    pytest.importorskip("distributed")
    assert list(run_tasks(abs, [-1, 2, -3], backend="dask", n_jobs=1)) == [1, 2, 3]
    from gametheory_af.sensitivity.backends import n_workers

    assert (n_workers("serial"), n_workers("processes", 3), n_workers("dask"), n_workers("dask", 4)) == (1, 3, 2, 4)


def test_pure_nash_batch_check_finite_must_be_a_bool() -> None:
    with pytest.raises(TypeError, match="check_finite must be True or False; got 'no'"):
        gt.pure_nash_batch(np.zeros((1, 2, 2, 2)), check_finite="no")
