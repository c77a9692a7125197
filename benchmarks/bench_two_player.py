"""Two-player enumeration: ours beside quantecon, pygambit and nashpy on the same seeded games.

Workloads (one report group per method and size, so that each ratio compares like with like):

* ``vertex enumeration 8x8 ... 15x15``: every extreme equilibrium of a random game
  (standard-normal payoffs, ``benchmarks.conftest.SEED``): our ``vertex_enumeration``;
  quantecon's ``vertex_enumeration``; pygambit's ``enummixed_solve`` (floating point) up to
  10 x 10 (it takes seconds beyond). 15 x 15 has ``C(30, 15)`` bases, over the default
  ``max_calls`` limit, so ours is called with ``max_time=600`` (a bound lets it start; it
  finishes far sooner and ``complete`` stays True).
* ``support enumeration 6x6 ... 12x12``: every equilibrium of the same kind of game by support
  enumeration: our ``support_enumeration`` (certified, with the exact degeneracy test that sets
  ``complete``); quantecon's ``support_enumeration``; nashpy's ``support_enumeration`` on 6 x 6
  only (pure Python: seconds from 8 x 8 on; with its default tolerance it misses mixed equilibria
  of float games, which its row shows). pygambit has no two-player support enumeration.

Lemke-Howson is benchmarked in ``benchmarks/bench_lemke_howson.py``.

``python -m benchmarks.bench_two_player [sizes, e.g. 6,8]`` times our ``support_enumeration`` and
quantecon's alternately in one process (:func:`interleaved`) on the benchmark's game and ten more
seeded games of each size.

Run: ``python -m pytest benchmarks/bench_two_player.py --benchmark-only``
(``--benchmark-disable`` or ``QUICK=1``: the two smallest sizes of each method, each case once
with ``--benchmark-disable``, as CI does). Each row records ``n_equilibria`` and ``max_regret``
in ``extra_info``; peers' equilibrium sets are asserted to match ours within 1e-6 (``match``).
Set ``OPENBLAS_NUM_THREADS=1`` on a shared machine.
"""

from __future__ import annotations

import os
import warnings

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import SEED, alternate, random_game_payoffs, tag, to_pygambit, to_quantecon

VERTEX_SIZES = (8, 10, 12, 15)
SUPPORT_SIZES = (6, 8, 10, 12)
#: Largest size on which pygambit's enummixed stays well under a second per call.
PYGAMBIT_MAX = 10
#: Largest size on which nashpy's (pure Python) support enumeration stays under a second.
NASHPY_MAX = 6
#: Beyond this size our vertex enumeration needs a bound to start (``C(2s, s)`` bases over ``max_calls``).
BOUNDED_FROM = 13


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    quick = _quick(metafunc.config)
    if "vertex_case" in metafunc.fixturenames:
        sizes = VERTEX_SIZES[:2] if quick else VERTEX_SIZES
        metafunc.parametrize("vertex_case", sizes, ids=[f"{s}x{s}" for s in sizes], indirect=True, scope="module")
    if "support_case" in metafunc.fixturenames:
        sizes = SUPPORT_SIZES[:2] if quick else SUPPORT_SIZES
        metafunc.parametrize("support_case", sizes, ids=[f"{s}x{s}" for s in sizes], indirect=True, scope="module")


def _game(size: int) -> gt.NormalFormGame:
    return gt.NormalFormGame(random_game_payoffs((size, size), seed=SEED))


def _certify(game: gt.NormalFormGame, profiles: list[tuple[np.ndarray, np.ndarray]]) -> float:
    return max((gt.max_regret(game, p) for p in profiles), default=0.0)


def _same_set(ours: list[np.ndarray], theirs: list[np.ndarray], tol: float = 1e-6) -> bool:
    uniq: list[np.ndarray] = []
    for v in theirs:
        if not any(np.abs(v - u).max() <= tol for u in uniq):
            uniq.append(v)
    return len(uniq) == len(ours) and all(any(np.abs(v - u).max() <= tol for u in uniq) for v in ours)


def _vertex(game: gt.NormalFormGame) -> gt.EquilibriumResult:
    size = max(game.shape)
    return gt.vertex_enumeration(game, max_time=600.0) if size >= BOUNDED_FROM else gt.vertex_enumeration(game)


@pytest.fixture
def vertex_case(request):  # noqa: ANN001, ANN201 - pytest fixture
    size = request.param
    game = _game(size)
    ours = [np.concatenate(eq.profile) for eq in _vertex(game)]
    return f"vertex enumeration {size}x{size}", game, ours


@pytest.fixture
def support_case(request):  # noqa: ANN001, ANN201 - pytest fixture
    size = request.param
    game = _game(size)
    gt.support_enumeration(_game(3))  # compile (or load) the numba kernels outside the timing
    ours = [np.concatenate(eq.profile) for eq in _vertex(game)]
    return f"support enumeration {size}x{size}", game, ours


def _group(name: str) -> str:
    return f"two-player: {name}"


# ---------------------------------------------------------------------------- vertex enumeration
def test_ours_vertex_enumeration(benchmark, vertex_case) -> None:  # noqa: ANN001
    name, game, ours = vertex_case
    tag(benchmark, _group(name), "gametheory_af", "vertex_enumeration")
    res = benchmark(_vertex, game)
    benchmark.extra_info.update(n_equilibria=len(res), max_regret=res.max_regret, complete=res.complete)
    assert res.complete and _same_set(ours, [np.concatenate(eq.profile) for eq in res])


def test_quantecon_vertex_enumeration(benchmark, vertex_case) -> None:  # noqa: ANN001
    name, game, ours = vertex_case
    qe = pytest.importorskip("quantecon.game_theory")
    G = to_quantecon(np.array(game.payoffs))
    qe.vertex_enumeration(to_quantecon(random_game_payoffs((3, 3))))  # compile outside the timing
    tag(benchmark, _group(name), "quantecon", "vertex_enumeration")
    res = benchmark(qe.vertex_enumeration, G)
    benchmark.extra_info.update(
        n_equilibria=len(res), max_regret=_certify(game, res), match=_same_set(ours, [np.concatenate(p) for p in res])
    )
    assert benchmark.extra_info["match"]


def test_pygambit_enummixed(benchmark, vertex_case) -> None:  # noqa: ANN001
    name, game, ours = vertex_case
    gbt = pytest.importorskip("pygambit")
    if max(game.shape) > PYGAMBIT_MAX:
        pytest.skip("pygambit's enummixed takes seconds on this size")
    G = to_pygambit(np.array(game.payoffs))
    tag(benchmark, _group(name), "pygambit", "enummixed_solve")
    res = benchmark(gbt.nash.enummixed_solve, G, rational=False)
    profiles = [tuple(np.array([float(eq[s]) for s in p.strategies]) for p in G.players) for eq in res.equilibria]
    benchmark.extra_info.update(
        n_equilibria=len(profiles),
        max_regret=_certify(game, profiles),
        match=_same_set(ours, [np.concatenate(p) for p in profiles]),
    )
    assert benchmark.extra_info["match"]


# ---------------------------------------------------------------------------- support enumeration
def test_ours_support_enumeration(benchmark, support_case) -> None:  # noqa: ANN001
    name, game, ours = support_case
    tag(benchmark, _group(name), "gametheory_af", "support_enumeration")
    with warnings.catch_warnings():
        # On 12 x 12 more support systems of a chunk are ill-conditioned than are re-solved exactly:
        # the answer is then not certified complete (DegenerateGameWarning), which the row shows.
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        res = benchmark(gt.support_enumeration, game)
    benchmark.extra_info.update(n_equilibria=len(res), max_regret=res.max_regret, complete=res.complete)
    assert _same_set(ours, [np.concatenate(eq.profile) for eq in res])


def test_quantecon_support_enumeration(benchmark, support_case) -> None:  # noqa: ANN001
    name, game, ours = support_case
    qe = pytest.importorskip("quantecon.game_theory")
    G = to_quantecon(np.array(game.payoffs))
    qe.support_enumeration(to_quantecon(random_game_payoffs((3, 3))))  # compile outside the timing
    tag(benchmark, _group(name), "quantecon", "support_enumeration")
    res = benchmark(qe.support_enumeration, G)
    benchmark.extra_info.update(
        n_equilibria=len(res), max_regret=_certify(game, res), match=_same_set(ours, [np.concatenate(p) for p in res])
    )
    assert benchmark.extra_info["match"]


def test_nashpy_support_enumeration(benchmark, support_case) -> None:  # noqa: ANN001
    name, game, ours = support_case
    nashpy = pytest.importorskip("nashpy")
    if max(game.shape) > NASHPY_MAX:
        pytest.skip("nashpy's support enumeration takes seconds on this size")
    A, B = (np.array(m) for m in game.payoffs)
    tag(benchmark, _group(name), "nashpy", "support_enumeration")
    res = benchmark(lambda: list(nashpy.Game(A, B).support_enumeration()))
    benchmark.extra_info.update(
        n_equilibria=len(res), max_regret=_certify(game, res), match=_same_set(ours, [np.concatenate(p) for p in res])
    )
    # Not asserted: with its default tolerance (1e-16) nashpy misses mixed equilibria of float games
    # (1 of the 5 on the 6 x 6 game); the row says so ("differs from ours").
    assert len(res) >= 1 and benchmark.extra_info["max_regret"] <= 1e-9


# ---------------------------------------------------------------------------- interleaved comparison
def interleaved(sizes: tuple[int, ...] = (6, 8), n_games: int = 10, repeats: int = 40) -> None:
    """Our ``support_enumeration`` and quantecon's alternately on each game, the minimum of *repeats* each.

    The games: the benchmark's (``SEED``) and *n_games* more, ``standard_normal`` payoffs from
    ``numpy.random.default_rng(s)`` for ``s = 0 .. n_games - 1``. Prints each game's times and
    ratio (wall clock), and the median ratio; asserts that both find the same equilibria. Run from
    the repository root: ``python -m benchmarks.bench_two_player [sizes]``.
    """
    import quantecon.game_theory as qe  # type: ignore[import-untyped]

    for size in sizes:
        games = [("bench", random_game_payoffs((size, size), seed=SEED))]
        games += [(f"s{s}", np.random.default_rng(s).standard_normal((2, size, size))) for s in range(n_games)]
        ratios = []
        for name, payoffs in games:
            game, G = gt.NormalFormGame(payoffs), to_quantecon(payoffs)
            ours = [np.concatenate(eq.profile) for eq in gt.support_enumeration(game)]
            assert _same_set(ours, [np.concatenate(p) for p in qe.support_enumeration(G)])
            t = alternate({"ours": lambda g=game: gt.support_enumeration(g), "quantecon": lambda g=G: qe.support_enumeration(g)},
                          repeats if size <= 6 else max(5, repeats // 6))
            ratios.append(t["ours"][0] / t["quantecon"][0])
            print(f"{size}x{size} {name:6s} ours {t['ours'][0] * 1e6:9.1f} us  quantecon {t['quantecon'][0] * 1e6:9.1f} us"
                  f"  ratio {ratios[-1]:.2f}  ({len(ours)} equilibria)")
        print(f"{size}x{size}: median ratio {float(np.median(ratios)):.2f}, range {min(ratios):.2f}-{max(ratios):.2f}")


if __name__ == "__main__":
    import sys

    interleaved(tuple(int(s) for s in sys.argv[1].split(",")) if len(sys.argv) > 1 else (6, 8))
