"""Two-player mixed equilibria: ours beside quantecon, pygambit and nashpy on the same seeded games.

Workloads:

* ``all-5x5`` and ``all-10x10``: every (extreme) equilibrium of a random game (standard-normal
  payoffs): our vertex and support enumeration; quantecon's ``vertex_enumeration``; pygambit's
  ``enummixed_solve`` (floating point); nashpy's vertex enumeration on 5 x 5 only (it takes
  over a second from 6 x 6 on).
* ``lh-50x50`` and ``lh-100x100``: one equilibrium by Lemke-Howson from label 0: ours, quantecon's
  ``lemke_howson`` (same path, so the same equilibrium), pygambit's ``lcp_solve`` (its own path).
  nashpy's Lemke-Howson is not run: it does not return an equilibrium on these sizes.

Run: ``python -m pytest benchmarks/bench_two_player.py --benchmark-only``
(``--benchmark-disable`` runs each case once, as CI does). Each row records
``n_equilibria`` and ``max_regret`` in ``extra_info``; peers' equilibrium sets are
asserted to match ours within 1e-6.
"""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import SEED, random_game_payoffs, tag, to_pygambit, to_quantecon

ALL_SIZES = {"all-5x5": (5, 5), "all-10x10": (10, 10)}
#: Largest size on which nashpy's vertex enumeration stays under a second (6 x 6 takes about 1.3 s).
NASHPY_MAX = 5
LH_SIZES = {"lh-50x50": (50, 50), "lh-100x100": (100, 100)}


def _game(shape: tuple[int, int]) -> gt.NormalFormGame:
    return gt.NormalFormGame(random_game_payoffs(shape, seed=SEED))


def _certify(game: gt.NormalFormGame, profiles: list[tuple[np.ndarray, np.ndarray]]) -> float:
    return max((gt.max_regret(game, p) for p in profiles), default=0.0)


def _same_set(ours: list[np.ndarray], theirs: list[np.ndarray], tol: float = 1e-6) -> bool:
    uniq: list[np.ndarray] = []
    for v in theirs:
        if not any(np.abs(v - u).max() <= tol for u in uniq):
            uniq.append(v)
    return len(uniq) == len(ours) and all(any(np.abs(v - u).max() <= tol for u in uniq) for v in ours)


def _group(name: str) -> str:
    kind, size = name.split("-", 1)
    return f"two-player: {'all equilibria' if kind == 'all' else 'Lemke-Howson'} {size}"


@pytest.fixture(params=list(ALL_SIZES), scope="module")
def all_case(request):
    game = _game(ALL_SIZES[request.param])
    ours = [np.concatenate(eq.profile) for eq in gt.vertex_enumeration(game)]
    return request.param, game, ours


@pytest.fixture(params=list(LH_SIZES), scope="module")
def lh_case(request):
    game = _game(LH_SIZES[request.param])
    ours = np.concatenate(gt.lemke_howson(game)[0].profile)
    return request.param, game, ours


# ---------------------------------------------------------------------------- all equilibria
def test_ours_vertex_enumeration(benchmark, all_case):
    name, game, ours = all_case
    tag(benchmark, _group(name), "gametheory_af", "vertex_enumeration")
    res = benchmark(gt.vertex_enumeration, game)
    benchmark.extra_info.update(
        workload=name, library="gametheory_af", method="vertex_enumeration",
        n_equilibria=len(res), max_regret=res.max_regret,
    )
    assert _same_set(ours, [np.concatenate(eq.profile) for eq in res])


def test_ours_support_enumeration(benchmark, all_case):
    name, game, ours = all_case
    tag(benchmark, _group(name), "gametheory_af", "support_enumeration")
    res = benchmark(gt.support_enumeration, game)
    benchmark.extra_info.update(
        workload=name, library="gametheory_af", method="support_enumeration",
        n_equilibria=len(res), max_regret=res.max_regret,
    )
    assert res.complete and _same_set(ours, [np.concatenate(eq.profile) for eq in res])


def test_quantecon_vertex_enumeration(benchmark, all_case):
    name, game, ours = all_case
    qe = pytest.importorskip("quantecon.game_theory")
    G = to_quantecon(np.array(game.payoffs))
    tag(benchmark, _group(name), "quantecon", "vertex_enumeration")
    res = benchmark(qe.vertex_enumeration, G)
    benchmark.extra_info.update(
        workload=name, library="quantecon", method="vertex_enumeration",
        n_equilibria=len(res), max_regret=_certify(game, res),
        match=_same_set(ours, [np.concatenate(p) for p in res]),
    )
    assert benchmark.extra_info["match"]


def test_pygambit_enummixed(benchmark, all_case):
    name, game, ours = all_case
    gbt = pytest.importorskip("pygambit")
    G = to_pygambit(np.array(game.payoffs))
    tag(benchmark, _group(name), "pygambit", "enummixed_solve")
    res = benchmark(gbt.nash.enummixed_solve, G, rational=False)
    profiles = [
        tuple(np.array([float(eq[s]) for s in p.strategies]) for p in G.players) for eq in res.equilibria
    ]
    benchmark.extra_info.update(
        workload=name, library="pygambit", method="enummixed_solve",
        n_equilibria=len(profiles), max_regret=_certify(game, profiles),
        match=_same_set(ours, [np.concatenate(p) for p in profiles]),
    )
    assert benchmark.extra_info["match"]


def test_nashpy_vertex_enumeration(benchmark, all_case):
    name, game, ours = all_case
    nashpy = pytest.importorskip("nashpy")
    if max(game.shape) > NASHPY_MAX:
        pytest.skip("nashpy's vertex enumeration takes far more than a second on this size")
    A, B = (np.array(m) for m in game.payoffs)
    tag(benchmark, _group(name), "nashpy", "vertex_enumeration")
    res = benchmark(lambda: list(nashpy.Game(A, B).vertex_enumeration()))
    benchmark.extra_info.update(
        workload=name, library="nashpy", method="vertex_enumeration",
        n_equilibria=len(res), max_regret=_certify(game, res),
        match=_same_set(ours, [np.concatenate(p) for p in res]),
    )
    assert benchmark.extra_info["match"]


# ---------------------------------------------------------------------------- Lemke-Howson
def test_ours_lemke_howson(benchmark, lh_case):
    name, game, ours = lh_case
    gt.lemke_howson(game)  # compile the numba kernel outside the timing
    tag(benchmark, _group(name), "gametheory_af", "lemke_howson")
    res = benchmark(gt.lemke_howson, game)
    benchmark.extra_info.update(
        workload=name, library="gametheory_af", method="lemke_howson",
        n_equilibria=len(res), max_regret=res.max_regret, pivots=res.n_iter,
    )
    assert np.abs(np.concatenate(res[0].profile) - ours).max() <= 1e-9


def test_quantecon_lemke_howson(benchmark, lh_case):
    name, game, ours = lh_case
    qe = pytest.importorskip("quantecon.game_theory")
    G = to_quantecon(np.array(game.payoffs))
    qe.lemke_howson(G)  # compile outside the timing
    tag(benchmark, _group(name), "quantecon", "lemke_howson")
    res = benchmark(qe.lemke_howson, G)
    benchmark.extra_info.update(
        workload=name, library="quantecon", method="lemke_howson",
        n_equilibria=1, max_regret=_certify(game, [res]),
        match=bool(np.abs(np.concatenate(res) - ours).max() <= 1e-6),
    )
    assert benchmark.extra_info["match"]


def test_pygambit_lcp(benchmark, lh_case):
    name, game, _ = lh_case
    gbt = pytest.importorskip("pygambit")
    G = to_pygambit(np.array(game.payoffs))
    tag(benchmark, _group(name), "pygambit", "lcp_solve")
    res = benchmark(gbt.nash.lcp_solve, G, rational=False, stop_after=1)
    profiles = [
        tuple(np.array([float(eq[s]) for s in p.strategies]) for p in G.players) for eq in res.equilibria
    ]
    regret = _certify(game, profiles)
    benchmark.extra_info.update(
        workload=name, library="pygambit", method="lcp_solve", n_equilibria=len(profiles), max_regret=regret,
    )
    assert len(profiles) >= 1 and regret <= 1e-6
