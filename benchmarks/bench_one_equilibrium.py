"""One (or three) equilibria of an n-player game: ours beside pygambit's gnm, ipa and simpdiv.

Workloads (seeded standard-normal games of ``benchmarks/conftest.py``): four players with three
strategies (seeds 20260611 and 3 have pure equilibria, seeds 1 and 6 have none), 3 x 3 x 3,
2^5 and 5 x 5 x 5 (seed 20260611).

Ours: ``nash_equilibria(game, max_equilibria=1)`` (the documented way: pure equilibria, then
simplicial subdivision and global Newton, polished to relative regret <= 1e-12), and the two
path followers alone (``global_newton``, ``simpdiv``). Peers: pygambit's ``gnm_solve`` (every
equilibrium its one path crosses), ``ipa_solve`` and ``simpdiv_solve`` (rational start). The
group ``three equilibria`` times ``max_equilibria=3`` beside ``gnm_solve`` (which returns all the
equilibria on its path: compare the counts). The group ``global newton`` times ``global_newton``
beside ``gnm_solve`` on five small games of seeds 0-2 (``GN_GAMES``), with our continuation steps.

Peer runs that do not finish are skipped (listed in ``PEER_SKIP``): on the 4 x 3 game of seed 1
pygambit 16.7's ``gnm_solve`` dies with a bus error, and its rational ``simpdiv_solve`` takes
more than 20 s on the 4 x 3 games of seeds 20260611 and 6.

Run: ``python -m pytest benchmarks/bench_one_equilibrium.py --benchmark-only``; quick mode
(``--benchmark-disable`` or ``QUICK=1``, as CI runs it) runs each case once on the two smallest
workloads.
"""

from __future__ import annotations

import os
import warnings

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import SEED, random_game_payoffs, tag
from gametheory_af.solvers.dispatch import nash_equilibria
from gametheory_af.solvers.global_newton import global_newton
from gametheory_af.solvers.simpdiv import simpdiv

gbt = pytest.importorskip("pygambit")

GAMES = {
    f"4x3-s{SEED}": ((3, 3, 3, 3), SEED),
    "4x3-s1": ((3, 3, 3, 3), 1),
    "4x3-s6": ((3, 3, 3, 3), 6),
    "4x3-s3": ((3, 3, 3, 3), 3),
    "3x3x3": ((3, 3, 3), SEED),
    "2^5": ((2, 2, 2, 2, 2), SEED),
    "5x5x5": ((5, 5, 5), SEED),
}
QUICK_GAMES = ("3x3x3", "2^5")
#: (peer method, workload) pairs that crash or run for minutes with pygambit 16.7.
PEER_SKIP = {
    ("gnm_solve", "4x3-s1"): "pygambit gnm_solve dies with a bus error on this game",
    ("simpdiv_solve", f"4x3-s{SEED}"): "pygambit simpdiv_solve takes more than 20 s",
    ("simpdiv_solve", "4x3-s6"): "pygambit simpdiv_solve takes more than 20 s",
}


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


def _keys(config: pytest.Config) -> list[str]:
    return [k for k in GAMES if k in QUICK_GAMES] if _quick(config) else list(GAMES)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "key" in metafunc.fixturenames:
        metafunc.parametrize("key", _keys(metafunc.config))


def _game(key: str) -> gt.NormalFormGame:
    shape, seed = GAMES[key]
    return gt.NormalFormGame(random_game_payoffs(shape, seed))


def _gambit(game: gt.NormalFormGame):  # noqa: ANN202 - peer object
    return gbt.Game.from_arrays(*[game.payoffs[i] for i in range(game.n_players)])


def _relative(game: gt.NormalFormGame, regret: float) -> float:
    """An upper bound on the relative regret of a peer's answer: its absolute regret over the smallest payoff range."""
    span = np.ptp(game.payoffs.reshape(game.n_players, -1), axis=1)
    return float(regret / span.min())


def _ours(benchmark, key: str, method: str, fn, **info: object):  # noqa: ANN001, ANN202
    game = _game(key)
    tag(benchmark, f"one equilibrium: {key}", "gametheory_af", method, workload=key)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)
        res = benchmark(fn, game)
    benchmark.extra_info.update(
        n_equilibria=len(res), max_regret=res.max_regret, relative_regret=res.relative_regret, converged=res.converged
    )
    return res


def test_one(benchmark, key):
    res = _ours(benchmark, key, "max_equilibria=1", lambda g: nash_equilibria(g, max_equilibria=1))
    assert len(res) == 1 and res.relative_regret <= 1e-12


def test_global_newton(benchmark, key):
    res = _ours(benchmark, key, "global_newton", global_newton)
    benchmark.extra_info.update(steps=res.n_iter)
    assert res.converged


#: global_newton beside gnm_solve on small games (``np.random.default_rng(seed).standard_normal``).
GN_GAMES = {
    "3x3x3-s0": ((3, 3, 3), 0),
    "3x3x3-s1": ((3, 3, 3), 1),
    "3x3x3-s2": ((3, 3, 3), 2),
    "2^4-s0": ((2, 2, 2, 2), 0),
    "2^5-s0": ((2, 2, 2, 2, 2), 0),
}


@pytest.mark.parametrize("gkey", list(GN_GAMES))
@pytest.mark.parametrize("library", ["gametheory_af", "pygambit"])
def test_global_newton_vs_gnm(benchmark, gkey, library, request):
    if _quick(request.config) and gkey != "3x3x3-s0":
        pytest.skip("quick mode: one game")
    shape, seed = GN_GAMES[gkey]
    game = gt.NormalFormGame(random_game_payoffs(shape, seed))
    if library == "gametheory_af":
        tag(benchmark, f"global newton: {gkey}", library, "global_newton", workload=gkey)
        res = benchmark(global_newton, game)
        benchmark.extra_info.update(
            n_equilibria=len(res), max_regret=res.max_regret, relative_regret=res.relative_regret, steps=res.n_iter
        )
        assert res.converged
        return
    gg = _gambit(game)
    tag(benchmark, f"global newton: {gkey}", library, "gnm_solve", workload=gkey)
    out = benchmark(gbt.nash.gnm_solve, gg)
    reg = max((float(e.max_regret()) for e in out.equilibria), default=float("nan"))
    benchmark.extra_info.update(n_equilibria=len(out.equilibria), max_regret=reg, relative_regret=_relative(game, reg))


def test_simpdiv(benchmark, key):
    _ours(benchmark, key, "simpdiv", simpdiv)


@pytest.mark.parametrize("peer", ["gnm_solve", "ipa_solve", "simpdiv_solve"])
def test_gambit(benchmark, key, peer):
    if (peer, key) in PEER_SKIP:
        pytest.skip(PEER_SKIP[peer, key])
    game = _game(key)
    gg = _gambit(game)
    fn = {
        "gnm_solve": lambda: gbt.nash.gnm_solve(gg),
        "ipa_solve": lambda: gbt.nash.ipa_solve(gg),
        "simpdiv_solve": lambda: gbt.nash.simpdiv_solve(gg.mixed_strategy_profile(rational=True)),
    }[peer]
    tag(benchmark, f"one equilibrium: {key}", "pygambit", peer, workload=key)
    res = benchmark(fn)
    reg = max((float(e.max_regret()) for e in res.equilibria), default=float("nan"))
    benchmark.extra_info.update(n_equilibria=len(res.equilibria), max_regret=reg, relative_regret=_relative(game, reg))


def test_three(benchmark, key):
    game = _game(key)
    tag(benchmark, f"three equilibria: {key}", "gametheory_af", "max_equilibria=3", workload=key)
    res = benchmark(lambda: nash_equilibria(game, max_equilibria=3, rng=0))
    benchmark.extra_info.update(n_equilibria=len(res), max_regret=res.max_regret, relative_regret=res.relative_regret)
    assert res.relative_regret <= 1e-12


def test_three_gambit_gnm(benchmark, key):
    if ("gnm_solve", key) in PEER_SKIP:
        pytest.skip(PEER_SKIP["gnm_solve", key])
    game = _game(key)
    gg = _gambit(game)
    tag(benchmark, f"three equilibria: {key}", "pygambit", "gnm_solve", workload=key)
    res = benchmark(gbt.nash.gnm_solve, gg)
    reg = max((float(e.max_regret()) for e in res.equilibria), default=float("nan"))
    benchmark.extra_info.update(n_equilibria=len(res.equilibria), max_regret=reg, relative_regret=_relative(game, reg))
