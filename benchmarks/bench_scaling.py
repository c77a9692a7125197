"""Scaling: time against the number of points, players and strategies, ours beside the peers.

Three axes (the cases are the module-level list :data:`CASES`, which ``benchmarks/scaling_plot.py``
times itself to draw ``docs/_static/scaling.png``):

* **points**: pure equilibria of the flagship (``scenarios.afghanistan``) over ``leverage``:
  our ``sensitivity.sweep`` at 10^3 ... 10^6 points, beside per-point loops (pygambit's
  ``enumpure_solve`` and our own ``pure_nash``, one game per point) at 10^2 and 10^3 points;
* **players**: a seeded random game with 2 ... 6 players of 2 strategies: pure equilibria (ours
  ``pure_nash``, pygambit ``enumpure_solve``, quantecon ``pure_nash_brute``) and one mixed
  equilibrium by simplicial subdivision (ours ``simpdiv``, pygambit ``simpdiv_solve``);
* **strategies**: a seeded random two-player k x k game: one equilibrium by Lemke-Howson from
  label 0 for k = 4 ... 200 (ours, quantecon, pygambit ``lcp_solve`` up to 64; the seeded games'
  paths have 30,294 pivots at 128 x 128 and 78,486 at 200 x 200), every equilibrium by vertex
  enumeration for k = 4 ... 14 (ours, quantecon, pygambit ``enummixed_solve`` up to 10).

Games come from :func:`gametheory_af.generators.random_game` with ``seed=SEED`` (the same arrays
as ``benchmarks.conftest.random_game_payoffs``). Quick mode (``QUICK=1`` or ``--benchmark-disable``
as in CI) keeps the smallest sizes of each axis.

Run: ``python -m pytest benchmarks/bench_scaling.py --benchmark-only``; the plot:
``python benchmarks/scaling_plot.py`` (a few minutes).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import SEED, tag
from gametheory_af.generators import random_game

POINTS = (10**3, 10**4, 10**5, 10**6)
LOOP_POINTS = (10**2, 10**3)
PLAYERS = (2, 3, 4, 5, 6)
LH_SIZES = (4, 8, 16, 32, 64, 128, 200)
VE_SIZES = (4, 6, 8, 10, 12, 14)
#: Largest k x k game on which pygambit's enummixed_solve runs here (12 x 12 takes several seconds).
GAMBIT_VE_MAX = 10
#: Largest k x k game on which pygambit's lcp_solve runs here (0.15 s at 64 x 64, growing about 6x per doubling).
GAMBIT_LH_MAX = 64


@dataclass(frozen=True)
class Case:
    """One timed call: *setup* builds the game (outside the timing) and returns the call to time."""

    axis: str  # "points", "players" or "strategies"
    workload: str  # the curve within the axis, e.g. "Lemke-Howson"
    x: int
    library: str
    method: str
    setup: Callable[[], Callable[[], object]]

    @property
    def id(self) -> str:
        return f"{self.axis}-{self.workload}-{self.x}-{self.library}-{self.method}".replace(" ", "_")

    @property
    def group(self) -> str:
        unit = {"points": "points", "players": "players x 2 strategies", "strategies": "x k strategies"}[self.axis]
        size = f"{self.x}x{self.x}" if self.axis == "strategies" else f"{self.x:,} {unit}"
        workload = self.workload.removesuffix(", per-point loops")  # the loops share the sweep's table row
        return f"scaling: {workload}, {size}"


# ------------------------------------------------------------------------------ points
def _flagship() -> gt.ParametricGame:
    from gametheory_af.scenarios import afghanistan

    return afghanistan.parametric_game()


def _leverage(pgame: gt.ParametricGame, n: int) -> np.ndarray:
    p = pgame.parameters["leverage"]
    return np.linspace(float(p.lower), float(p.upper), n)


def _sweep(n: int) -> Callable[[], object]:
    from gametheory_af.sensitivity import grid, sweep

    pgame = _flagship()
    pts = grid(leverage=_leverage(pgame, n))
    sweep(pgame, grid(leverage=_leverage(pgame, 10)))  # compile the payoff functions outside the timing
    return lambda: sweep(pgame, pts)


def _stack(n: int) -> np.ndarray:
    pgame = _flagship()
    return np.asarray(pgame.batch(leverage=_leverage(pgame, n)))


def _ours_loop(n: int) -> Callable[[], object]:
    stack = _stack(n)
    return lambda: [gt.pure_nash(gt.NormalFormGame(u)) for u in stack]


def _gambit_loop(n: int) -> Callable[[], object]:
    gbt = pytest.importorskip("pygambit")
    stack = _stack(n)
    return lambda: [gbt.nash.enumpure_solve(gbt.Game.from_arrays(*u)) for u in stack]


# ------------------------------------------------------------------------------ players and strategies
def _payoffs(shape: tuple[int, ...]) -> np.ndarray:
    return np.array(random_game(shape, seed=SEED).payoffs)


def _ours(fn: Callable[..., object], shape: tuple[int, ...], **kw: object) -> Callable[[], Callable[[], object]]:
    def setup() -> Callable[[], object]:
        game = gt.NormalFormGame(_payoffs(shape))

        def call() -> object:
            # vertex enumeration of a 14 x 14 game visits C(28, 14) = 4e7 bases, over the default
            # max_calls limit (4,194,304) that guards interactive use: the benchmark lifts it.
            with gt.limits(max_calls=2**40):
                return fn(game, **kw)

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            call()  # compile numba kernels / warm caches outside the timing
        return call

    return setup


def _gambit(name: str, shape: tuple[int, ...], **kw: object) -> Callable[[], Callable[[], object]]:
    def setup() -> Callable[[], object]:
        gbt = pytest.importorskip("pygambit")
        u = _payoffs(shape)
        G = gbt.Game.from_arrays(*u)
        fn = getattr(gbt.nash, name)
        if name == "simpdiv_solve":
            return lambda: fn(G.mixed_strategy_profile(rational=True))
        return lambda: fn(G, **kw)

    return setup


def _quantecon(name: str, shape: tuple[int, ...], **kw: object) -> Callable[[], Callable[[], object]]:
    def setup() -> Callable[[], object]:
        qe = pytest.importorskip("quantecon.game_theory")
        G = qe.NormalFormGame(np.moveaxis(_payoffs(shape), 0, -1))
        fn = getattr(qe, name)
        fn(G, **kw)  # compile outside the timing
        return lambda: fn(G, **kw)

    return setup


def _cases() -> list[Case]:
    from gametheory_af.solvers.simpdiv import simpdiv

    cases: list[Case] = []
    for n in POINTS:
        cases.append(Case("points", "pure equilibria of the flagship", n, "gametheory_af", "sweep", lambda n=n: _sweep(n)))
    for n in LOOP_POINTS:
        # a workload of their own: timed interleaved with each other, not with the sweep, whose
        # millisecond calls right after a second-long loop are disturbed by the loop's aftermath
        cases.append(Case("points", "pure equilibria of the flagship, per-point loops", n,
                          "gametheory_af (per-point loop)", "pure_nash loop", lambda n=n: _ours_loop(n)))
        cases.append(Case("points", "pure equilibria of the flagship, per-point loops", n, "pygambit",
                          "enumpure_solve loop", lambda n=n: _gambit_loop(n)))
    for p in PLAYERS:
        shape = (2,) * p
        cases += [
            Case("players", "pure equilibria", p, "gametheory_af", "pure_nash", _ours(gt.pure_nash, shape)),
            Case("players", "pure equilibria", p, "pygambit", "enumpure_solve", _gambit("enumpure_solve", shape)),
            Case("players", "pure equilibria", p, "quantecon", "pure_nash_brute", _quantecon("pure_nash_brute", shape)),
            Case("players", "simplicial subdivision", p, "gametheory_af", "simpdiv", _ours(simpdiv, shape)),
            Case("players", "simplicial subdivision", p, "pygambit", "simpdiv_solve", _gambit("simpdiv_solve", shape)),
        ]
    for k in LH_SIZES:
        shape = (k, k)
        cases += [
            Case("strategies", "Lemke-Howson", k, "gametheory_af", "lemke_howson", _ours(gt.lemke_howson, shape)),
            Case("strategies", "Lemke-Howson", k, "quantecon", "lemke_howson", _quantecon("lemke_howson", shape)),
        ]
        if k <= GAMBIT_LH_MAX:
            cases.append(Case("strategies", "Lemke-Howson", k, "pygambit", "lcp_solve",
                              _gambit("lcp_solve", shape, rational=False, stop_after=1)))
    for k in VE_SIZES:
        shape = (k, k)
        cases += [
            Case("strategies", "vertex enumeration", k, "gametheory_af", "vertex_enumeration",
                 _ours(gt.vertex_enumeration, shape)),
            Case("strategies", "vertex enumeration", k, "quantecon", "vertex_enumeration",
                 _quantecon("vertex_enumeration", shape)),
        ]
        if k <= GAMBIT_VE_MAX:
            cases.append(Case("strategies", "vertex enumeration", k, "pygambit", "enummixed_solve",
                              _gambit("enummixed_solve", shape, rational=False)))
    return cases


CASES = _cases()
#: Quick mode: the smallest two sizes of each curve.
QUICK_X = {"points": (10**2, 10**3), "players": (2, 3), "strategies": (4, 8)}


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_scaling(benchmark, case: Case, request: pytest.FixtureRequest) -> None:
    if _quick(request.config) and case.x not in QUICK_X[case.axis]:
        pytest.skip("quick mode: the smallest sizes only")
    call = case.setup()
    tag(benchmark, case.group, case.library, case.method, workload=case.id, axis=case.axis, x=case.x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if case.axis == "points":
            out = benchmark.pedantic(call, rounds=1, iterations=1)
        else:
            out = benchmark(call)
    if case.library == "gametheory_af" and isinstance(out, gt.EquilibriumResult):
        benchmark.extra_info.update(n_equilibria=len(out), max_regret=out.max_regret)
        assert not len(out) or out.max_regret <= 1e-6  # a random game may have no pure equilibrium
