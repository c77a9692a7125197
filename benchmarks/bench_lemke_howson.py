"""Lemke-Howson from label 0: ours beside quantecon (same path) and pygambit (its own path), issue 14.

Path lengths vary 10^4-fold between random games of one size, so each workload is a fixed
set of seeded games (standard-normal payoffs, ``random_game_payoffs((s, s), seed=SEED + k)``
for ``k = 0..9``) and one timed call solves the whole set:

* ``random 50x50``, ``random 100x100``, ``random 200x200`` (10 games each): ours
  (``lemke_howson``), quantecon's ``lemke_howson`` (``init_pivot=0``: the same path, so the
  same equilibrium and pivot count on these nondegenerate games), pygambit's ``lcp_solve``
  (``stop_after=1``; 50x50 and 100x100 only: its own path, so another equilibrium);
* ``50x50 game +k`` (``k = 0..9``): ours and quantecon on each game of the 50x50 set alone,
  where the fixed cost of a call (checks, normalisation, certificate, result objects)
  weighs most;
* ``first call``: ``import`` and the first ``lemke_howson`` of a 50x50 game in a new process,
  with numba's on-disk cache warm (compiled once per machine, ``cache=True``) and cold
  (``NUMBA_CACHE_DIR`` a fresh temporary directory: the one-off compilation).

Quality in ``extra_info``: ``n_equilibria`` (one per game), ``max_regret`` (the largest over
the set), ``pivots`` (their sum), ``match`` (a peer's equilibrium is ours within 1e-9 on
every game; pygambit's is not expected to be).

Run: ``python -m pytest benchmarks/bench_lemke_howson.py --benchmark-only``; ours and quantecon
alternated in one process (the fairer comparison on a shared machine):
``python -m benchmarks.bench_lemke_howson 50,100,200``.
Quick mode (CI smoke test: ``QUICK=1`` or ``--benchmark-disable``): 3 games per set, no
200x200 set, no cold compilation.
"""

from __future__ import annotations

import os
import sys

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import SEED, alternate, random_game_payoffs, tag, time_first_call, to_pygambit, to_quantecon

N_GAMES = 10
SIZES = (50, 100, 200)
#: pygambit's lcp_solve takes seconds per game from 200 x 200 on.
PYGAMBIT_MAX = 100
GROUP = "Lemke-Howson"


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


def _games(size: int, count: int) -> list[np.ndarray]:
    return [random_game_payoffs((size, size), seed=SEED + k) for k in range(count)]


def _ours_set(games: list[gt.NormalFormGame]) -> list[gt.EquilibriumResult]:
    return [gt.lemke_howson(g) for g in games]


def _same(ours: gt.EquilibriumResult, theirs: tuple[np.ndarray, ...]) -> bool:
    return bool(np.abs(np.concatenate(ours[0].profile) - np.concatenate(theirs)).max() <= 1e-9)


@pytest.fixture(params=SIZES, scope="module")
def random_set(request):  # type: ignore[no-untyped-def]
    size = request.param
    quick = _quick(request.config)
    if quick and size > 100:
        pytest.skip("quick mode: the 200x200 set takes seconds")
    payoffs = _games(size, 3 if quick else N_GAMES)
    games = [gt.NormalFormGame(p) for p in payoffs]
    ours = _ours_set(games)  # compiles (or loads) the kernels outside the timing
    return size, payoffs, games, ours


def _rounds(size: int, quick: bool) -> int:
    return 1 if quick else (3 if size >= 200 else 7)


def test_ours_random_set(benchmark, request, random_set):  # type: ignore[no-untyped-def]
    size, _, games, ours = random_set
    tag(benchmark, f"{GROUP}: random {size}x{size} ({len(games)} games)", "gametheory_af", "lemke_howson")
    res = benchmark.pedantic(_ours_set, args=(games,), rounds=_rounds(size, _quick(request.config)), warmup_rounds=0)
    benchmark.extra_info.update(
        n_equilibria=sum(len(r) for r in res), max_regret=max(r.max_regret for r in res),
        pivots=sum(r.n_iter for r in res), games=len(games),
    )
    assert all(r.converged and len(r) == 1 for r in res)
    assert all(np.array_equal(np.concatenate(a[0].profile), np.concatenate(b[0].profile)) for a, b in zip(res, ours))


def test_quantecon_random_set(benchmark, request, random_set):  # type: ignore[no-untyped-def]
    size, payoffs, games, ours = random_set
    qe = pytest.importorskip("quantecon.game_theory")
    Gs = [to_quantecon(p) for p in payoffs]
    qe.lemke_howson(Gs[0])  # compile outside the timing

    def run() -> list[tuple[tuple[np.ndarray, ...], object]]:
        return [qe.lemke_howson(G, init_pivot=0, full_output=True) for G in Gs]

    tag(benchmark, f"{GROUP}: random {size}x{size} ({len(games)} games)", "quantecon", "lemke_howson")
    res = benchmark.pedantic(run, rounds=_rounds(size, _quick(request.config)), warmup_rounds=0)
    profiles = [ne for ne, _ in res]
    benchmark.extra_info.update(
        n_equilibria=len(profiles), max_regret=max(gt.max_regret(g, p) for g, p in zip(games, profiles)),
        pivots=sum(info.num_iter for _, info in res), games=len(games),
        match=all(_same(o, p) for o, p in zip(ours, profiles)),
    )
    assert benchmark.extra_info["match"]


def test_pygambit_random_set(benchmark, request, random_set):  # type: ignore[no-untyped-def]
    size, payoffs, games, _ = random_set
    gbt = pytest.importorskip("pygambit")
    if size > PYGAMBIT_MAX:
        pytest.skip("pygambit's lcp_solve takes seconds per game on this size")
    Gs = [to_pygambit(p) for p in payoffs]

    def run() -> list[object]:
        return [gbt.nash.lcp_solve(G, rational=False, stop_after=1) for G in Gs]

    tag(benchmark, f"{GROUP}: random {size}x{size} ({len(games)} games)", "pygambit", "lcp_solve")
    res = benchmark.pedantic(run, rounds=1 if _quick(request.config) else 3, warmup_rounds=0)
    regrets = []
    for g, G, r in zip(games, Gs, res):
        eq = r.equilibria[0]
        profile = tuple(np.array([float(eq[s]) for s in p.strategies]) for p in G.players)
        regrets.append(gt.max_regret(g, profile))
    benchmark.extra_info.update(n_equilibria=len(res), max_regret=max(regrets), games=len(games))
    assert max(regrets) <= 1e-6


# ---------------------------------------------------------------------------- per game (50 x 50)
@pytest.fixture(params=range(N_GAMES), scope="module")
def one_game(request):  # type: ignore[no-untyped-def]
    k = request.param
    if _quick(request.config) and k >= 3:
        pytest.skip("quick mode: three games")
    payoffs = random_game_payoffs((50, 50), seed=SEED + k)
    game = gt.NormalFormGame(payoffs)
    return k, payoffs, game, gt.lemke_howson(game)


def test_ours_one_game(benchmark, one_game):  # type: ignore[no-untyped-def]
    k, _, game, ours = one_game
    tag(benchmark, f"{GROUP}: 50x50 game +{k} ({ours.n_iter} pivots)", "gametheory_af", "lemke_howson")
    res = benchmark(gt.lemke_howson, game)
    benchmark.extra_info.update(n_equilibria=len(res), max_regret=res.max_regret, pivots=res.n_iter)
    assert np.array_equal(np.concatenate(res[0].profile), np.concatenate(ours[0].profile))


def test_quantecon_one_game(benchmark, one_game):  # type: ignore[no-untyped-def]
    k, payoffs, game, ours = one_game
    qe = pytest.importorskip("quantecon.game_theory")
    G = to_quantecon(payoffs)
    qe.lemke_howson(G)
    tag(benchmark, f"{GROUP}: 50x50 game +{k} ({ours.n_iter} pivots)", "quantecon", "lemke_howson")
    res = benchmark(qe.lemke_howson, G)
    benchmark.extra_info.update(n_equilibria=1, max_regret=gt.max_regret(game, res), match=_same(ours, res))
    assert benchmark.extra_info["match"]


# ---------------------------------------------------------------------------- first call in a new process
FIRST_CALL = {
    "gametheory_af": (
        "import gametheory_af as gt\n"
        "from benchmarks.conftest import random_game_payoffs\n"
        "g = gt.NormalFormGame(random_game_payoffs((50, 50)))\n"
        "_t1 = time.perf_counter()\n"
        "gt.lemke_howson(g)\n"
    ),
    "quantecon": (
        "import quantecon.game_theory as qe\n"
        "import numpy as np\n"
        "from benchmarks.conftest import random_game_payoffs\n"
        "g = qe.NormalFormGame(np.moveaxis(random_game_payoffs((50, 50)), 0, -1))\n"
        "_t1 = time.perf_counter()\n"
        "qe.lemke_howson(g)\n"
    ),
}


@pytest.mark.parametrize("cache", ["warm", "cold"])
@pytest.mark.parametrize("library", list(FIRST_CALL))
def test_first_call(benchmark, request, library, cache):  # type: ignore[no-untyped-def]
    if library == "quantecon":
        pytest.importorskip("quantecon")
    quick = _quick(request.config)
    if cache == "cold" and quick:
        pytest.skip("quick mode: no cold compilation (tens of seconds)")
    tag(benchmark, f"{GROUP}: first call in a new process ({cache} numba cache)", library, "lemke_howson")
    time_first_call(benchmark, FIRST_CALL[library], cache, rounds=1 if (quick or cache == "cold") else 5)


# ---------------------------------------------------------------------------- interleaved comparison
def interleaved(sizes: tuple[int, ...] = SIZES, n_games: int = N_GAMES, repeats: int = 7) -> None:
    """Ours and quantecon's on each game alternately (A, B, A, B, ...), the minimum of *repeats* each.

    On a shared machine, alternating the two in one process exposes both to the same load,
    which separate pytest-benchmark rows do not. Prints the set's total and each game's ratio.
    Run from the repository root: ``python -m benchmarks.bench_lemke_howson [sizes, e.g. 50,100]``.
    """
    import quantecon.game_theory as qe  # type: ignore[import-untyped]

    for size in sizes:
        tot_ours = tot_qe = 0.0
        rows = []
        for k, payoffs in enumerate(_games(size, n_games)):
            game, G = gt.NormalFormGame(payoffs), to_quantecon(payoffs)
            res = gt.lemke_howson(game)
            assert _same(res, qe.lemke_howson(G))
            t = alternate({"ours": lambda g=game: gt.lemke_howson(g), "quantecon": lambda g=G: qe.lemke_howson(g)}, repeats)
            ours, theirs = t["ours"][0], t["quantecon"][0]
            tot_ours += ours
            tot_qe += theirs
            rows.append(f"+{k}:{res.n_iter}:{ours / theirs:.2f}")
        print(f"{size}x{size}: ours {tot_ours * 1e3:.2f} ms, quantecon {tot_qe * 1e3:.2f} ms, ratio {tot_ours / tot_qe:.2f}")
        print("   per game (+seed:pivots:ratio):", " ".join(rows))


if __name__ == "__main__":
    interleaved(tuple(int(s) for s in sys.argv[1].split(",")) if len(sys.argv) > 1 else SIZES)
