"""A sweep of one million leverage points for pure equilibria, beside per-point loops.

Run the full workload (one million points; a few minutes in all)::

    python -m pytest benchmarks/bench_sweep.py --benchmark-only -s

Quick mode (CI smoke test, a few seconds): ``--benchmark-disable`` or the
environment variable ``QUICK=1`` shrink the sweep to 20,000 points and the
per-point loops to 50 points.

``test_sweep_vs_numpy_floor`` times the sweep with default settings against
the floor: a hand-written numpy evaluation of the same payoffs (at the
defaults they are affine in ``leverage`` but for ``Min`` kinks, whose
coefficients are read once from the expressions) followed by the same
``pure_nash_batch`` test, at one and ten million points (20,000 and 200,000
in quick mode); run it alone with::

    python -m pytest benchmarks/bench_sweep.py -k floor --benchmark-only -s

``test_streamed_sweep_memory`` compares the peak traced memory of a sweep of
ten million points streamed with ``iter_sweep`` (each chunk dropped once
summarized) or written to disk with ``sweep(..., out=directory)`` with the
same sweep gathered in memory (200,000 points in quick mode); run it alone with::

    python -m pytest benchmarks/bench_sweep.py -k streamed --benchmark-only -s

The game is the flagship (``gametheory_af.scenarios.afghanistan``, four players
with two strategies each) when it is importable, else a seeded random
four-player, two-strategy game linear in ``leverage``. Recorded in
``extra_info``: time, points per second, peak traced memory (``tracemalloc``)
and, for the loops, the time per point extrapolated to the sweep's size. Every
loop's equilibria are checked against the sweep's on the points it solves.
nashpy solves two-player games only, so it runs on the two-player subgame
between the Afghan government and the Taliban (Pakistan and the US fixed at
their first strategies), beside our sweep of the same subgame.
"""

from __future__ import annotations

import itertools
import os
import time
import tracemalloc

import numpy as np
import pytest
import sympy as sp

import gametheory_af as gt
from benchmarks.conftest import tag
from gametheory_af.sensitivity import grid, iter_sweep, sweep

CHUNK = 100_000
_RESULTS: dict[str, float] = {}


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


@pytest.fixture(scope="module")
def sizes(request: pytest.FixtureRequest) -> tuple[int, int]:
    """(points in the sweep, points in each per-point loop)."""
    return (20_000, 50) if _quick(request.config) else (1_000_000, 2_000)


@pytest.fixture(scope="module")
def pgame() -> gt.ParametricGame:
    try:
        from gametheory_af.scenarios import afghanistan

        return afghanistan.parametric_game()
    except ImportError:  # pragma: no cover - before the flagship exists
        L = sp.Symbol("leverage")
        rng = np.random.default_rng(20260611)
        pay = np.empty((4, 2, 2, 2, 2), dtype=object)
        for idx in itertools.product(range(4), *(range(2),) * 4):
            a, b = (int(v) for v in rng.integers(-3, 4, 2))
            pay[idx] = a * L + b
        return gt.ParametricGame(pay, parameters=[gt.Parameter("leverage", 0, lower=0, upper=2)])


def _axis(pgame: gt.ParametricGame, n: int) -> np.ndarray:
    p = pgame.parameters["leverage"]
    return np.linspace(float(p.lower), float(p.upper), n)


def _profiles(mask: np.ndarray) -> set[tuple[int, ...]]:
    return {tuple(int(i) for i in r) for r in np.argwhere(mask)}


def test_sweep_ours(benchmark, pgame, sizes):
    """The sweep with default settings (the chunk size chosen from the game's size)."""
    n, _ = sizes
    pts = grid(leverage=_axis(pgame, n))
    tag(benchmark, f"sweep: pure equilibria of the flagship over leverage ({n:,} points)", method="sweep", units=n, unit="point")
    start = time.perf_counter()
    res = benchmark.pedantic(sweep, args=(pgame, pts), rounds=1, iterations=1)
    seconds = time.perf_counter() - start
    _RESULTS["ours_per_point"] = seconds / n
    assert len(res) == n and res.equilibria.shape == (n, *pgame.shape)
    benchmark.extra_info.update(
        workload=f"sweep-{n}-leverage-points", library="gametheory_af", seconds=seconds,
        points_per_second=n / seconds, n_equilibria_total=int(res.n_equilibria.sum()), chunk_size=res.chunk_size,
    )
    print(f"\nours: {n} points in {seconds:.2f} s ({n / seconds:,.0f} points/s, chunk {res.chunk_size:,})")


#: Points per chunk of the numpy floor (the fastest of 4,096 ... 100,000 on the flagship).
FLOOR_CHUNK = 8_192


def _affine_coefficients(pgame: gt.ParametricGame):  # type: ignore[no-untyped-def]
    """The payoffs at the defaults as ``a + b * leverage + sum_k c_k * m_k``, each ``m_k`` a Min/Max of affine terms.

    Returns ``(a, b, c, kinks)`` (``a``, ``b`` of shape (entries, 1), ``c`` (k, entries, 1), ``kinks`` a list of
    ``(numpy.minimum or numpy.maximum, [(coefficient, slope), ...])``), or None when a payoff is not of that form.
    """
    fixed = {k: v for k, v in pgame.defaults.items() if k != "leverage"}
    sub = pgame.substitute(**fixed)
    L = sub.symbols["leverage"]
    atoms = sorted({m for e in sub.payoffs.ravel() for m in e.atoms(sp.Min, sp.Max)}, key=str)
    ms = sp.symbols(f"m0:{len(atoms)}")
    kinks = []
    for atom in atoms:
        terms = []
        for arg in atom.args:
            p = sp.Poly(arg, L)
            if p.degree() > 1:
                return None
            terms.append((float(p.coeff_monomial(1)), float(p.coeff_monomial(L))))
        kinks.append((np.minimum if isinstance(atom, sp.Min) else np.maximum, terms))
    a, b, c = [], [], []
    for e in sub.payoffs.ravel():
        p = sp.Poly(sp.expand(e.xreplace(dict(zip(atoms, ms)))), L, *ms)
        if p.total_degree() > 1:
            return None
        a.append(float(p.coeff_monomial(1)))
        b.append(float(p.coeff_monomial(L)))
        c.append([float(p.coeff_monomial(m)) for m in ms])
    return np.array(a)[:, None], np.array(b)[:, None], np.array(c).T[:, :, None], kinks


def _numpy_floor(pgame: gt.ParametricGame, coefficients, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    """Hand-written numpy: the affine payoffs per chunk, then the same pure-equilibrium test, into preallocated outputs."""
    a, b, c, kinks = coefficients
    n, shape = len(xs), pgame.shape
    eq = np.empty((n, *shape), dtype=bool)
    count = np.empty(n, dtype=np.int64)
    buf = np.empty((a.shape[0], FLOOR_CHUNK))  # payoffs, entry-major, reused by every chunk
    tmp = np.empty_like(buf)
    for start in range(0, n, FLOOR_CHUNK):
        x = xs[start : start + FLOOR_CHUNK]
        u, t = buf[:, : len(x)], tmp[:, : len(x)]
        np.multiply(b, x, out=u)
        u += a
        for ck, (op, terms) in zip(c, kinks):
            m = terms[0][0] + terms[0][1] * x
            for k0, k1 in terms[1:]:
                m = op(m, k0 + k1 * x)
            np.multiply(ck, m, out=t)
            u += t
        mask = gt.pure_nash_batch(np.moveaxis(u.reshape(pgame.n_players, *shape, len(x)), -1, 0))
        count[start : start + len(x)] = mask.reshape(len(x), -1).sum(axis=1)
        eq[start : start + len(x)] = mask
    return count, eq


@pytest.mark.parametrize("scale", [1, 10], ids=["N", "10N"])
def test_sweep_vs_numpy_floor(benchmark, pgame, sizes, scale):
    """Default sweep against a hand-written numpy evaluation of the same payoffs with the same pure test.

    N is 10^6 points (10^7 for 10N) in full mode, 20,000 (200,000) in quick mode; three rounds each,
    alternating, reported as min and max; equilibria kept by both and checked equal.
    """
    coefficients = _affine_coefficients(pgame)
    if coefficients is None:  # pragma: no cover - a game with payoffs that are not (piecewise) affine
        pytest.skip("payoffs not affine in leverage (with Min/Max kinks) at the defaults")
    n = sizes[0] * scale
    xs = _axis(pgame, n)
    pts = grid(leverage=xs)
    sweep(pgame, grid(leverage=xs[:100]))  # compiles the payoffs once per game (as the floor's coefficients are read)
    ours_s, floor_s = [], []
    with gt.limits(max_entries=max(n * int(np.prod(pgame.shape)), gt.get_limits().max_entries)):
        for _ in range(3):
            t = time.perf_counter()
            count, eq = _numpy_floor(pgame, coefficients, xs)
            floor_s.append(time.perf_counter() - t)
            del eq
            t = time.perf_counter()
            res = sweep(pgame, pts)
            ours_s.append(time.perf_counter() - t)
            assert np.array_equal(res.n_equilibria, count)
            del res
        benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    ratios = sorted(o / f for o, f in zip(ours_s, floor_s))
    benchmark.extra_info.update(
        workload=f"sweep-vs-numpy-floor-{n}-points", ours_seconds_min=min(ours_s), ours_seconds_max=max(ours_s),
        floor_seconds_min=min(floor_s), floor_seconds_max=max(floor_s), ratio_of_minima=min(ours_s) / min(floor_s),
        ratio_range=(ratios[0], ratios[-1]), floor_chunk=FLOOR_CHUNK,
    )
    print(
        f"\n{n:,} points: sweep (default settings) {min(ours_s):.3f}-{max(ours_s):.3f} s; numpy floor "
        f"{min(floor_s):.3f}-{max(floor_s):.3f} s (chunks of {FLOOR_CHUNK:,}); ratio of minima "
        f"{min(ours_s) / min(floor_s):.2f}, per round {ratios[0]:.2f}-{ratios[-1]:.2f}"
    )


def test_sweep_memory_bounded_by_chunk(benchmark, pgame, sizes):
    """Peak traced memory with keep_equilibria=False: grows with chunk_size, not with the number of points."""
    n, _ = sizes

    def peak(n_points: int, chunk: int) -> float:
        tracemalloc.start()
        try:
            sweep(pgame, grid(leverage=_axis(pgame, n_points)), chunk_size=chunk, keep_equilibria=False)
            return tracemalloc.get_traced_memory()[1] / 1e6
        finally:
            tracemalloc.stop()

    small_chunk = max(1_000, n // 100)
    big = benchmark.pedantic(peak, args=(n, small_chunk), rounds=1, iterations=1)
    tenth = peak(n // 10, small_chunk)
    bigger_chunk = peak(n, small_chunk * 10)
    # Output kept: 8 bytes per point (n_equilibria), plus the 8-byte grid axis.
    output_mb = 16 * n / 1e6
    benchmark.extra_info.update(
        peak_mb=big, peak_mb_tenth_of_points=tenth, peak_mb_10x_chunk=bigger_chunk, output_mb=output_mb,
        chunk_size=small_chunk,
    )
    print(
        f"\npeak memory: {big:.1f} MB for {n} points (chunk {small_chunk}); {tenth:.1f} MB for {n // 10} points; "
        f"{bigger_chunk:.1f} MB with chunk {small_chunk * 10}; output alone {output_mb:.1f} MB"
    )
    assert big - output_mb < bigger_chunk  # working memory follows the chunk size


def _grid_of(pgame: gt.ParametricGame, n: int):  # type: ignore[no-untyped-def]
    """n points: leverage x decentralisation (small axes, so the input is not what fills memory)."""
    params = pgame.parameters
    if "decentralisation" in params and n >= 1000:
        d = params["decentralisation"]
        return grid(
            leverage=_axis(pgame, n // 1000),
            decentralisation=np.linspace(float(d.lower), float(d.upper), 1000),
        )
    return grid(leverage=_axis(pgame, n))


def test_streamed_sweep_memory(benchmark, pgame, request):
    """Peak traced memory of a streamed sweep (iter_sweep) vs the same sweep in memory, equilibria kept."""
    n = 200_000 if _quick(request.config) else 10_000_000

    def peak(run, m: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
        g = _grid_of(pgame, m)
        tracemalloc.start()
        start = time.perf_counter()
        try:
            total = run(g)
            return tracemalloc.get_traced_memory()[1] / 1e6, time.perf_counter() - start, total
        finally:
            tracemalloc.stop()

    def streamed(g) -> int:  # type: ignore[no-untyped-def]
        total = 0
        for part in iter_sweep(pgame, g, chunk_size=CHUNK):
            total += int(part.n_equilibria.sum()) + int(part.equilibria[:, 0, 0, 0, 0].sum())
        return total

    def in_memory(g) -> int:  # type: ignore[no-untyped-def]
        res = sweep(pgame, g, chunk_size=CHUNK)
        return int(res.n_equilibria.sum()) + int(res.equilibria[:, 0, 0, 0, 0].sum())

    def measures_only(g) -> int:  # type: ignore[no-untyped-def]
        return int(sweep(pgame, g, chunk_size=CHUNK, keep_equilibria=False).n_equilibria.sum())

    def on_disk(g) -> int:  # type: ignore[no-untyped-def]
        import tempfile

        with tempfile.TemporaryDirectory() as d:
            res = sweep(pgame, g, chunk_size=CHUNK, out=os.path.join(d, "sweep"))
            total = 0
            for a in range(0, len(res), CHUNK):  # read back chunk by chunk from the memory maps
                total += int(res.n_equilibria[a : a + CHUNK].sum()) + int(res.equilibria[a : a + CHUNK, 0, 0, 0, 0].sum())
            del res
            return total

    s_mb, s_sec, s_total = benchmark.pedantic(peak, args=(streamed, n), rounds=1, iterations=1)
    tenth_mb, _, _ = peak(streamed, n // 10)
    flags = n * int(np.prod(pgame.shape))
    with gt.limits(max_entries=max(flags, gt.get_limits().max_entries)):  # 1.6e8 flags at 10^7 points
        m_mb, m_sec, m_total = peak(in_memory, n)
    lean_mb, _, _ = peak(measures_only, n)
    disk_mb, disk_sec, disk_total = peak(on_disk, n)
    assert s_total == m_total == disk_total  # the streamed chunks hold exactly the in-memory result
    benchmark.extra_info.update(
        workload=f"streamed-sweep-{n}-points", chunk_size=CHUNK, streamed_peak_mb=s_mb, streamed_seconds=s_sec,
        streamed_peak_mb_tenth_of_points=tenth_mb, in_memory_peak_mb=m_mb, in_memory_seconds=m_sec,
        measures_only_peak_mb=lean_mb, out_directory_peak_mb=disk_mb, out_directory_seconds=disk_sec,
    )
    print(
        f"\nstreamed sweep of {n:,} points (chunk {CHUNK:,}): peak {s_mb:.1f} MB in {s_sec:.1f} s "
        f"({tenth_mb:.1f} MB for {n // 10:,} points); in memory with equilibria: peak {m_mb:.1f} MB in {m_sec:.1f} s; "
        f"in memory, measures only: peak {lean_mb:.1f} MB; written to disk with out=: peak {disk_mb:.1f} MB "
        f"in {disk_sec:.1f} s (traced heap; the memory maps are the OS's page cache)"
    )
    # Bounded by the chunk, not by the number of points: ten times the points, (nearly) the same peak
    # (checked when both runs have full chunks, i.e. not in quick mode).
    if n // 10 >= CHUNK:
        assert s_mb < 1.2 * tenth_mb + 10


def test_loop_pygambit_enumpure(benchmark, pgame, sizes):
    gbt = pytest.importorskip("pygambit")
    n, m = sizes
    xs = _axis(pgame, n)[:: max(1, n // m)][:m]
    stack = pgame.batch(leverage=xs)

    def loop() -> list[set[tuple[int, ...]]]:
        out = []
        for u in stack:
            G = gbt.Game.from_arrays(*[u[i] for i in range(u.shape[0])])
            res = gbt.nash.enumpure_solve(G)
            out.append(
                {tuple(next(j for j, s in enumerate(p.strategies) if eq[s] == 1) for p in G.players) for eq in res.equilibria}
            )
        return out

    tag(benchmark, f"sweep: pure equilibria of the flagship over leverage ({n:,} points)", "pygambit", "enumpure_solve loop", units=len(xs), unit="point")
    start = time.perf_counter()
    theirs = benchmark.pedantic(loop, rounds=1, iterations=1)
    per_point = (time.perf_counter() - start) / len(xs)
    ours = gt.pure_nash_batch(stack)
    assert theirs == [_profiles(mk) for mk in ours]
    ratio = per_point / _RESULTS["ours_per_point"] if "ours_per_point" in _RESULTS else float("nan")
    benchmark.extra_info.update(
        workload=f"loop-{len(xs)}-points", library="pygambit", seconds_per_point=per_point,
        extrapolated_seconds=per_point * n, speedup_of_sweep=ratio,
    )
    print(f"\npygambit enumpure loop: {per_point * 1e6:.0f} us/point -> {per_point * n:.0f} s for {n} points; sweep is {ratio:.0f}x faster")


def test_loop_ours_pure_nash(benchmark, pgame, sizes):
    """Our own one-game-at-a-time solver in a Python loop (what the sweep avoids)."""
    n, m = sizes
    xs = _axis(pgame, n)[:: max(1, n // m)][:m]
    stack = pgame.batch(leverage=xs)

    def loop() -> list[set[tuple[int, ...]]]:
        return [{eq.pure_profile for eq in gt.pure_nash(gt.NormalFormGame(u))} for u in stack]

    tag(benchmark, f"sweep: pure equilibria of the flagship over leverage ({n:,} points)", "gametheory_af (per-point loop)", "pure_nash loop", units=len(xs), unit="point")
    start = time.perf_counter()
    got = benchmark.pedantic(loop, rounds=1, iterations=1)
    per_point = (time.perf_counter() - start) / len(xs)
    assert got == [_profiles(mk) for mk in gt.pure_nash_batch(stack)]
    ratio = per_point / _RESULTS["ours_per_point"] if "ours_per_point" in _RESULTS else float("nan")
    benchmark.extra_info.update(seconds_per_point=per_point, extrapolated_seconds=per_point * n, speedup_of_sweep=ratio)
    print(f"\ngametheory_af pure_nash loop: {per_point * 1e6:.0f} us/point; sweep is {ratio:.0f}x faster")


def test_loop_nashpy_two_player_subgame(benchmark, pgame, sizes):
    nash = pytest.importorskip("nashpy")
    n, m = sizes
    sub = gt.ParametricGame(
        pgame.payoffs[(slice(0, 2), slice(None), slice(None), 0, 0)],
        parameters=list(pgame.parameters.values()),
        players=pgame.players[:2],
        strategies=pgame.strategies[:2],
    )
    start = time.perf_counter()
    res = sweep(sub, grid(leverage=_axis(pgame, n)), chunk_size=CHUNK)
    ours_per_point = (time.perf_counter() - start) / n
    xs = _axis(pgame, n)[:: max(1, n // m)][:m]
    stack = sub.batch(leverage=xs)

    def loop() -> list[set[tuple[int, ...]]]:
        out = []
        for u in stack:
            eqs = nash.Game(u[0], u[1]).support_enumeration()
            out.append({(int(np.argmax(a)), int(np.argmax(b))) for a, b in eqs if a.max() == 1 and b.max() == 1})
        return out

    start = time.perf_counter()
    theirs = benchmark.pedantic(loop, rounds=1, iterations=1)
    per_point = (time.perf_counter() - start) / len(xs)
    assert theirs == [_profiles(mk) for mk in gt.pure_nash_batch(stack)]
    assert res.equilibria.shape == (n, 2, 2)
    benchmark.extra_info.update(
        workload="2-player subgame", library="nashpy", seconds_per_point=per_point,
        ours_seconds_per_point=ours_per_point, speedup_of_sweep=per_point / ours_per_point,
    )
    print(
        f"\nnashpy support_enumeration loop (2-player subgame): {per_point * 1e6:.0f} us/point; "
        f"our sweep of the subgame {ours_per_point * 1e9:.0f} ns/point ({per_point / ours_per_point:.0f}x)"
    )


def test_streamed_sweep_memory_default_chunk(benchmark, pgame, request):
    """Peak traced memory of iter_sweep with default settings (equilibria kept per chunk), at N and 10N points."""
    n = 200_000 if _quick(request.config) else 1_000_000

    def peak(m: int) -> tuple[float, int]:
        g = _grid_of(pgame, m)
        tracemalloc.start()
        try:
            chunk = 0
            for part in iter_sweep(pgame, g):
                chunk = part.chunk_size
                assert part.equilibria.shape[0] == len(part)
            return tracemalloc.get_traced_memory()[1] / 1e6, chunk
        finally:
            tracemalloc.stop()

    mb, chunk = benchmark.pedantic(peak, args=(n,), rounds=1, iterations=1)
    mb10, _ = peak(10 * n)
    benchmark.extra_info.update(peak_mb=mb, peak_mb_10x_points=mb10, chunk_size=chunk)
    print(f"\niter_sweep, default chunk {chunk:,}: peak {mb:.1f} MB for {n:,} points, {mb10:.1f} MB for {10 * n:,}")
    assert mb10 < 1.2 * mb + 2  # bounded by the chunk, not by the number of points
