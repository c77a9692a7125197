"""All equilibria of small n-player games: our ``polynomial_enumeration`` beside pygambit's ``enumpoly_solve``.

Workloads (the seeded random games ``np.random.default_rng(seed).normal``, standard-normal payoffs, plus Gambit's
own degenerate coordination game):

* ``random-3x3x3-s0/s1/s2``, ``random-2x2x2x2-s0``, ``random-2x2x2x2x2-s0``: ``np.random.default_rng(seed)``.
* ``coord333``: ``tests/data/nfg/coord333.nfg`` (Gambit's contrib games): three players, three
  strategies, payoff 1 to all when all match. 13 isolated equilibria; most support profiles have a
  positive-dimensional solution set of their indifference equations that holds no equilibrium.

Each row records ``n_equilibria``, ``max_regret`` and ``complete`` (ours) or ``match`` (the peer's
set is ours, within 1e-6) in ``extra_info``. pygambit misses equilibria on ``random-2x2x2x2x2-s0``
(it finds 3 of our 5, each of which it also certifies).

* ``first call``: ``import`` and the first ``polynomial_enumeration`` of ``random-2x2x2x2-s0`` in a
  new process, numba's on-disk cache warm (the kernels of ``solvers/_poly_kernels.py`` are compiled
  once per machine, ``cache=True``), beside pygambit's ``enumpoly_solve`` likewise; and ours with
  the cache cold (``NUMBA_CACHE_DIR`` a fresh temporary directory: the one-off compilation; not in
  quick mode).

Run: ``python -m pytest benchmarks/bench_polynomial.py --benchmark-only``
(``--benchmark-disable`` or ``QUICK=1`` run each case once, as CI does). Ours and pygambit's
alternated in one process (the fairer comparison on a shared machine):
``python -m benchmarks.bench_polynomial [workload,...]``.
"""

from __future__ import annotations

import functools
import os
import pathlib
import sys
import warnings

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import alternate, tag, time_first_call
from gametheory_af.solvers.polynomial import polynomial_enumeration

gbt = pytest.importorskip("pygambit")

COORD333 = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "nfg" / "coord333.nfg"

GAMES = {
    "random-3x3x3-s0": ((3, 3, 3), 0),
    "random-3x3x3-s1": ((3, 3, 3), 1),
    "random-3x3x3-s2": ((3, 3, 3), 2),
    "random-2x2x2x2-s0": ((2, 2, 2, 2), 0),
    "random-2x2x2x2x2-s0": ((2, 2, 2, 2, 2), 0),
    "coord333": None,
}


@functools.cache
def _game(key: str) -> gt.NormalFormGame:
    spec = GAMES[key]
    if spec is None:
        return gt.read_nfg(COORD333)
    shape, seed = spec
    return gt.NormalFormGame(np.random.default_rng(seed).normal(size=(len(shape), *shape)))


def _gambit(game: gt.NormalFormGame):  # noqa: ANN202 - peer object
    return gbt.Game.from_arrays(*[game.payoffs[i] for i in range(game.n_players)])


@functools.cache
def _ours_all(key: str) -> list[np.ndarray]:
    """Our equilibria of a workload (outside the timing), for the peer's set to be compared with."""
    return [np.concatenate(eq.profile) for eq in polynomial_enumeration(_game(key))]


def _same_set(gg, res, ours, tol=1e-6):  # noqa: ANN001, ANN202
    theirs = [np.array([float(e[s]) for p in gg.players for s in p.strategies]) for e in res.equilibria]
    return len(theirs) == len(ours) and all(any(np.abs(t - o).max() <= tol for o in ours) for t in theirs)


@pytest.mark.parametrize("key", list(GAMES))
def test_polynomial_enumeration(benchmark, key):  # noqa: ANN001
    game = _game(key)
    tag(benchmark, f"n-player: all equilibria {key}", method="polynomial_enumeration", workload=key)
    _ours_all(key)  # compiles (or loads) the kernels outside the timing
    with warnings.catch_warnings():
        warnings.simplefilter("error", gt.DegenerateGameWarning)  # every workload is resolved completely
        res = benchmark(polynomial_enumeration, game)
    benchmark.extra_info.update(n_equilibria=len(res), max_regret=res.max_regret, complete=res.complete)
    assert res.complete and res.max_regret <= 1e-9


@pytest.mark.parametrize("key", list(GAMES))
def test_gambit_enumpoly(benchmark, key):  # noqa: ANN001
    gg = _gambit(_game(key))
    tag(benchmark, f"n-player: all equilibria {key}", "pygambit", "enumpoly_solve", workload=key)
    res = benchmark(gbt.nash.enumpoly_solve, gg)
    regret = max((float(e.max_regret()) for e in res.equilibria), default=0.0)
    benchmark.extra_info.update(
        n_equilibria=len(res.equilibria), max_regret=regret, match=_same_set(gg, res, _ours_all(key))
    )


# ---------------------------------------------------------------------------- first call in a new process
_SETUP = (
    "import numpy as np\n"
    "g = np.random.default_rng(0).normal(size=(4, 2, 2, 2, 2))\n"
)
FIRST_CALL = {
    "gametheory_af": (
        "import gametheory_af as gt\n"
        "from gametheory_af.solvers.polynomial import polynomial_enumeration\n"
        + _SETUP
        + "g = gt.NormalFormGame(g)\n_t1 = time.perf_counter()\npolynomial_enumeration(g)\n"
    ),
    "pygambit": (
        "import pygambit as gbt\n"
        + _SETUP
        + "g = gbt.Game.from_arrays(*g)\n_t1 = time.perf_counter()\ngbt.nash.enumpoly_solve(g)\n"
    ),
}


@pytest.mark.parametrize("cache", ["warm", "cold"])
@pytest.mark.parametrize("library", list(FIRST_CALL))
def test_first_call(benchmark, request, library, cache):  # noqa: ANN001
    quick = bool(os.environ.get("QUICK")) or request.config.getoption("benchmark_disable", False)
    if cache == "cold" and (quick or library == "pygambit"):
        pytest.skip("cold numba cache: ours only, not in quick mode (tens of seconds)")
    method = "polynomial_enumeration" if library == "gametheory_af" else "enumpoly_solve"
    tag(benchmark, f"n-player: all equilibria, first call in a new process ({cache} numba cache)", library, method)
    time_first_call(benchmark, FIRST_CALL[library], cache, rounds=1 if (quick or cache == "cold") else 3)


# ---------------------------------------------------------------------------- interleaved comparison
def interleaved(keys: tuple[str, ...] = tuple(GAMES), repeats: int = 9) -> None:
    """Ours and pygambit's ``enumpoly_solve`` on each workload alternately (A, B, A, B, ...), the minimum of each.

    On a shared machine, alternating the two in one process exposes both to the same load.
    Prints each workload's times (CPU time of this process, ``time.process_time``: less
    disturbed by other processes than wall-clock time) and their ratio. Run from the
    repository root: ``python -m benchmarks.bench_polynomial [workload,...]``.
    """
    for key in keys:
        game, gg = _game(key), _gambit(_game(key))
        with warnings.catch_warnings():
            warnings.simplefilter("error", gt.DegenerateGameWarning)
            res = polynomial_enumeration(game)
        match = _same_set(gg, gbt.nash.enumpoly_solve(gg), _ours_all(key))
        t = alternate({"ours": lambda g=game: polynomial_enumeration(g), "pygambit": lambda g=gg: gbt.nash.enumpoly_solve(g)}, repeats)
        ours, theirs = t["ours"][1], t["pygambit"][1]
        print(
            f"{key:22s} ours {ours * 1e3:8.2f} ms  pygambit {theirs * 1e3:8.2f} ms  "
            f"ratio {ours / theirs:.2f}  (ours: {len(res)} equilibria, complete={res.complete}; "
            f"pygambit's set the same: {match})"
        )


if __name__ == "__main__":
    interleaved(tuple(sys.argv[1].split(",")) if len(sys.argv) > 1 else tuple(GAMES))
