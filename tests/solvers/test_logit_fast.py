"""The fast routes of logit_qre (gathered contractions, bordered LU, numba) against the reference route.

The reference route is the generic tracer of ``_nplayer`` (``trace_path``, ``polish``, tensor
contractions) that ``logit_qre`` ran before issue 14; ``qre._logit_qre(route=...)`` runs either.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af._limits import Clock
from gametheory_af._tolerance import normalized_payoffs
from gametheory_af.solvers import qre
from gametheory_af.solvers._nplayer import polish, support_newton

KW = {"tol": None, "lambda_max": None, "first_step": 0.03, "max_accel": 1.5, "max_time": None}
ROUTES = ["numpy"] + (["fast"] if qre._compiled_segment() is not None else [])


def _game(shape, seed):
    return gt.NormalFormGame(np.random.default_rng(seed).normal(size=(len(shape), *shape)))


def _run(game, route, max_steps=600):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)
        return qre._logit_qre(game, route=route, max_steps=max_steps, **KW)


CASES = [(shape, seed) for shape in [(2, 2), (3, 3), (5, 5), (2, 3), (3, 2, 2), (3, 3, 3), (2, 2, 2, 2),
                                     (2, 2, 2, 2, 2), (4, 4, 4), (2, 4, 3), (1, 3, 2)] for seed in range(4)]


#: CASES on which the reference route (dot-product orientation, no corrector-distance test) leaves the
#: principal branch: past a turning point it jumps onto the branch's own earlier arm and runs toward
#: lambda -> -inf (below, test_turning_points_are_passed).
REFERENCE_LEAVES = {((3, 3, 3), 3)}


@pytest.mark.parametrize(("shape", "seed"), CASES)
def test_compiled_route_takes_the_numpy_route_steps(shape, seed):
    if "fast" not in ROUTES:
        pytest.skip("numba is not installed")
    game = _game(shape, seed)
    ref, fast = _run(game, "numpy"), _run(game, "fast")
    assert fast.converged == ref.converged
    # the same step decisions: the same number of steps and the same points up to rounding
    assert fast.n_iter == ref.n_iter and fast.lambdas.size == ref.lambdas.size
    assert np.allclose(fast.lambdas, ref.lambdas, rtol=1e-7, atol=1e-7)
    for a, b in zip(fast.profiles, ref.profiles):
        assert np.abs(a - b).max() <= 1e-7
    if ref.converged:
        assert fast[0].support == ref[0].support
        assert max(float(np.abs(a - b).max()) for a, b in zip(fast[0].profile, ref[0].profile)) <= 1e-10


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(("shape", "seed"), CASES)
def test_fast_route_reaches_the_reference_equilibrium(shape, seed, route):
    # the step control differs (the fast routes also reject steps whose corrector starts too far, and
    # keep the orientation by the determinant): the points differ, the branch and its limit do not
    game = _game(shape, seed)
    ref, fast = _run(game, "reference"), _run(game, route)
    assert fast.converged
    assert fast[0].relative_regret <= 1e-12
    if (shape, seed) in REFERENCE_LEAVES:
        assert not ref.converged
    else:
        assert ref.converged
        assert fast[0].support == ref[0].support
        assert max(float(np.abs(a - b).max()) for a, b in zip(fast[0].profile, ref[0].profile)) <= 1e-10
        assert fast[0].relative_regret <= 1e-12


# Selected equilibria recorded from the reference route (issue 13's logit_qre) on the games of
# benchmarks/bench_logit.py's construction: rng = default_rng(seed), standard-normal payoffs.
RECORDED = {
    ((3, 3, 3), 1): ((0, 1), (1,), (1, 2)),
    ((2, 2, 2, 2), 0): ((0,), (1,), (0,), (0,)),
    ((5, 5), 0): ((4,), (1,)),
}


def test_recorded_selections():
    from benchmarks.conftest import SEED, random_game_payoffs

    for (shape, d), support in RECORDED.items():
        res = qre.logit_qre(gt.NormalFormGame(random_game_payoffs(shape, seed=SEED + d)))
        assert res.converged and res[0].support == support and res[0].relative_regret <= 1e-12


@pytest.mark.parametrize(("shape", "seed"), [((3, 3, 3), 1), ((3, 3, 3), 2), ((2, 2, 2, 2), 0), ((5, 5), 0)])
def test_agrees_with_pygambit(shape, seed):
    gbt = pytest.importorskip("pygambit")
    from benchmarks.conftest import SEED, random_game_payoffs

    payoffs = random_game_payoffs(shape, seed=SEED + seed)
    res = qre.logit_qre(gt.NormalFormGame(payoffs))
    gg = gbt.Game.from_arrays(*payoffs)
    e = gbt.nash.logit_solve(gg).equilibria[0]
    theirs = np.array([float(e[s]) for p in gg.players for s in p.strategies])
    # pygambit stops at an approximate equilibrium (regret about 1e-8); ours is exact on its support
    assert np.abs(np.concatenate(res[0].profile) - theirs).max() < 1e-5


@pytest.mark.parametrize("shape", [(3,), (2, 2), (3, 4), (2, 3, 2), (3, 3, 3), (2, 2, 2, 2), (1, 3, 2), (2, 1, 2, 2)])
def test_fast_system_is_the_reference_system(shape, monkeypatch):
    game = _game(shape, 7)
    un = normalized_payoffs(game.payoffs)[0]
    ref = qre._Logit(un, game.shape)
    rng = np.random.default_rng(1)
    for gather in (True, False):
        if not gather:
            monkeypatch.setattr(qre, "_GATHER_MAX", 0)  # the player-by-player contractions
        fast = qre._FastLogit(un, game.shape)
        assert fast.gather == (gather and len(shape) > 1)
        for _ in range(5):
            w = np.concatenate([rng.normal(size=ref.N) - 1.0, [rng.uniform(0, 50)]])
            H0, J0 = ref(w)
            H1, J1 = fast(w)
            assert np.allclose(H1, H0, rtol=1e-12, atol=1e-12) and np.allclose(J1, J0, rtol=1e-12, atol=1e-12)


def test_bordered_gives_kernel_and_minimum_norm_step():
    rng = np.random.default_rng(3)
    J = rng.normal(size=(4, 5))
    H = rng.normal(size=4)
    A = np.vstack([J, np.zeros(5)])
    k, dw = qre._bordered(A, H, np.ones(5))
    assert np.allclose(J @ k, 0.0, atol=1e-12) and np.isclose(np.linalg.norm(k), 1.0) and k.sum() > 0
    assert np.allclose(dw, np.linalg.pinv(J) @ H, atol=1e-12)
    # t orthogonal to the kernel: the bordered matrix is singular
    J = np.array([[0.0, 1.0]])
    with np.errstate(invalid="ignore", divide="ignore"):
        assert qre._bordered(np.vstack([J, np.zeros(2)]), np.array([1.0]), np.array([0.0, 1.0])) is None


def test_first_tangent_falls_back_on_qr():
    class Flat:
        """J = [0, 1]: the kernel is the first axis, orthogonal to the lambda direction."""

        def bordered_system(self, w):
            return np.zeros(1), np.array([[0.0, 1.0], [0.0, 0.0]])

    t = qre._first_tangent(Flat(), np.zeros(2))
    assert np.allclose(np.abs(t), [1.0, 0.0])


@pytest.mark.parametrize(("shape", "seed"), [((3, 3, 3), 0), ((2, 2, 2, 2), 1), ((5, 5), 2), ((4, 4, 4), 3)])
def test_fast_polish_is_the_reference_polish(shape, seed):
    game = _game(shape, seed)
    un = normalized_payoffs(game.payoffs)[0]
    kern = qre._FastLogit(un, game.shape)
    res = _run(game, "reference")
    for i in range(0, res.lambdas.size, 3):
        sig = [p[i] for p in res.profiles]
        lam = max(float(res.lambdas[i]), 1e-3)
        a = polish(un, sig, 1e-9, near=max(1e-2, 50.0 / lam))
        b = qre._polish_fast(kern, sig, 1e-9, near=max(1e-2, 50.0 / lam))
        assert (a is None) == (b is None)
        if a is not None and b is not None:
            assert max(float(np.abs(x - y).max()) for x, y in zip(a, b)) <= 1e-12


def test_fast_support_newton_is_the_reference_one():
    game = _game((3, 3, 2), 5)
    un = normalized_payoffs(game.payoffs)[0]
    kern = qre._FastLogit(un, game.shape)
    sig = [np.full(3, 1 / 3), np.array([0.5, 0.0, 0.5]), np.array([0.2, 0.8])]
    for sup in ([np.array([0, 1]), np.array([0, 2]), np.array([0, 1])], [np.array([2]), np.array([1]), np.array([0, 1])]):
        mask = np.zeros(kern.N, dtype=bool)
        for k in range(3):
            mask[kern.off[k] + sup[k]] = True
        a = support_newton(un, sig, sup)
        b = qre._support_newton_fast(kern, np.concatenate(sig), mask)
        assert a is not None and b is not None
        assert np.abs(np.concatenate(a) - b).max() <= 1e-12


def test_numpy_route_time_limit_and_step_underflow(monkeypatch):
    game = _game((3, 3, 3), 1)
    with pytest.warns(gt.ConvergenceWarning, match="time limit"):
        res = qre._logit_qre(game, route="numpy", max_steps=100, **{**KW, "max_time": 1e-9})
    assert not res.converged and res.n_iter == 0
    monkeypatch.setattr(qre, "_bordered", lambda A, H, t: None)  # no corrector step ever succeeds
    with pytest.warns(gt.ConvergenceWarning, match="path tracing failed"):
        res = qre._logit_qre(game, route="numpy", max_steps=1000, **KW)
    assert not res.converged and res.lambdas.size == 1


def test_compiled_driver_reads_every_code():
    game = _game((2, 2), 0)
    kern = qre._FastLogit(normalized_payoffs(game.payoffs)[0], game.shape)
    w0 = kern.start()

    def segment(code):
        def run(w, t, h, accel, steps, max_steps, lam_stop, budget, pts, npts, *rest):
            return code, h, steps + 1, npts

        return run

    kw = {"first_step": 0.03, "accel": 1.5, "max_steps": 10, "clock": Clock(None)}
    tr = qre._trace_compiled(segment(1), kern, w0, lambda a, b: True, lambda: 1.0, **kw)
    assert not tr.ok and tr.reason == "step size underflow" and tr.steps == 1
    tr = qre._trace_compiled(segment(2), kern, w0, lambda a, b: True, lambda: 1.0, **kw)
    assert not tr.ok and tr.reason.startswith("no end after 10")
    codes = iter([3, 0, 0])
    seen = []

    def mixed(w, t, h, accel, steps, max_steps, lam_stop, budget, pts, npts, *rest):
        pts[npts] = w
        return next(codes), h, steps + 1, npts + 1

    tr = qre._trace_compiled(mixed, kern, w0, lambda a, b: seen.append(b) or len(seen) == 2, lambda: 1.0, **kw)
    assert tr.ok and tr.steps == 3 and len(tr.points) == 4 and len(seen) == 2


@pytest.mark.skipif("fast" not in ROUTES, reason="numba is not installed")
def test_compiled_route_is_used_and_agrees_with_numpy_on_a_long_path():
    game = _game((20, 20), 0)
    a, b = _run(game, "fast"), _run(game, "numpy")
    assert a.converged and b.converged and a.n_iter == b.n_iter
    assert np.allclose(a.lambdas, b.lambdas, rtol=1e-9, atol=1e-9)
    assert a[0].support == b[0].support


@pytest.mark.parametrize("first_step", [5.0, 1e3, 1e6])
def test_wild_first_steps_are_shortened_alike(first_step):
    # a long first predictor overflows exp (non-finite system) or lands far from the curve: both
    # routes halve the step the same way, and reach the reference route's equilibrium
    game = _game((3, 3, 3), 2)
    kw = {**KW, "first_step": first_step}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)
        runs = [qre._logit_qre(game, route=r, max_steps=3000, **kw) for r in ROUTES]
        ref = qre._logit_qre(game, route="reference", max_steps=3000, **kw)
    assert runs[0].converged and ref.converged and runs[0][0].support == ref[0].support
    for res in runs[1:]:
        assert res.n_iter == runs[0].n_iter and res.converged == runs[0].converged
        assert np.allclose(res.lambdas, runs[0].lambdas, rtol=1e-7, atol=1e-7)


@pytest.mark.parametrize(("shape", "seed"), [((3, 2, 2), 1), ((4, 4), 2), ((2, 2, 2, 2), 3)])
def test_qre_at_on_the_fast_system_is_the_reference_point(shape, seed):
    from gametheory_af.solvers._nplayer import point_at_lambda

    game = _game(shape, seed)
    ref = qre._Logit(game.payoffs, game.shape)
    for lam in (0.5, 4.0):
        y = point_at_lambda(ref, ref.start(), lam, "t", first_step=0.03, max_accel=1.5)
        want = ref.profile(np.concatenate([y, [lam]]))
        got = qre.logit_qre_at(game, lam)
        assert max(float(np.abs(a - b).max()) for a, b in zip(got, want)) <= 1e-10


def test_default_steps_stay_on_the_principal_branch_of_the_bench_3x3x3_game():
    # issue 14: the old step control (first_step 0.03, max_accel 1.5) jumped to another branch here and
    # selected ((1, 2), (0,), (0, 2)); the corrector-distance test keeps the trace on the principal branch
    from benchmarks.conftest import SEED, random_game_payoffs

    game = gt.NormalFormGame(random_game_payoffs((3, 3, 3), seed=SEED))
    careful = qre.logit_qre(game, first_step=0.01, max_accel=1.1)
    default = qre.logit_qre(game)
    assert default[0].support == careful[0].support == ((2,), (0, 1), (0, 2))
    assert max(float(np.abs(a - b).max()) for a, b in zip(default[0].profile, careful[0].profile)) <= 1e-10


def _gambit_on_normalised(payoffs):
    """pygambit's logit solution of the game with each player's payoffs mapped onto [0, 1] (the
    correspondence logit_qre traces), stacked; None when it does not reach regret 1e-6."""
    gbt = pytest.importorskip("pygambit")
    gg = gbt.Game.from_arrays(*normalized_payoffs(np.asarray(payoffs, dtype=float))[0])
    res = gbt.nash.logit_solve(gg)
    if not res.equilibria or float(res.equilibria[0].max_regret()) > 1e-6:
        return None
    return np.array([float(res.equilibria[0][s]) for p in gg.players for s in p.strategies])


# issue 14: the old tracer ran all 20,000 steps toward lambda -> -inf on these (past a turning point in
# lambda it was corrected onto the far arm of the turn, and the dot-product orientation made it go
# back along the branch); the determinant keeps the orientation, so the turn is passed.
TURNING = {((3, 3, 3), 3): ((2,), (0, 1), (0, 1)), ((2, 2, 2, 2, 2), 4): ((0, 1), (1,), (0, 1), (0,), (0, 1))}


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(("shape", "seed"), list(TURNING))
def test_turning_points_are_passed(shape, seed, route):
    game = _game(shape, seed)
    res = _run(game, route, max_steps=20_000)
    assert res.converged and res[0].support == TURNING[shape, seed] and res[0].relative_regret <= 1e-12
    # lambda does decrease on the way (a turning point), and never goes below 0
    assert (np.diff(res.lambdas) < 0).any() and res.lambdas.min() == 0.0
    assert not _run(game, "reference").converged  # the old route's failure, kept as the reference


@pytest.mark.parametrize(("shape", "seed"), list(TURNING))
def test_turning_point_games_agree_with_pygambit(shape, seed):
    game = _game(shape, seed)
    theirs = _gambit_on_normalised(game.payoffs)
    assert theirs is not None
    assert np.abs(np.concatenate(qre.logit_qre(game)[0].profile) - theirs).max() < 1e-5


# Seeded regression set (issue 14 survey: 30 seeds per shape of benchmarks.conftest.random_game_payoffs,
# SEED + d): the old step control selected another equilibrium than pygambit's (on the normalised
# payoffs) or did not converge on these; the supports below are pygambit's.
REGRESSION = {
    ((3, 3, 3), 15): ((1,), (1,), (1,)),
    ((2, 2, 2, 2, 2), 5): ((0,), (0, 1), (0, 1), (1,), (0, 1)),
    ((4, 4, 4, 4), 7): ((0, 1, 2, 3), (0, 1, 3), (0, 1, 2, 3), (0, 1, 2)),
    ((4, 4, 4, 4), 9): ((0, 2), (0, 3), (2, 3), (3,)),
    ((4, 4, 4, 4), 26): ((0, 1), (0, 1, 3), (0, 1, 3), (0, 1, 2)),
    ((10, 10), 4): ((6, 8, 9), (0, 1, 7)),
}


@pytest.mark.parametrize(("shape", "d"), list(REGRESSION))
def test_regression_set_selects_the_principal_branch_limit(shape, d):
    from benchmarks.conftest import SEED, random_game_payoffs

    res = qre.logit_qre(gt.NormalFormGame(random_game_payoffs(shape, seed=SEED + d)))
    assert res.converged and res[0].support == REGRESSION[shape, d] and res[0].relative_regret <= 1e-12


@pytest.mark.parametrize(("shape", "d"), [((3, 3, 3), 15), ((2, 2, 2, 2, 2), 5), ((10, 10), 4)])
def test_regression_set_agrees_with_pygambit(shape, d):
    from benchmarks.conftest import SEED, random_game_payoffs

    payoffs = random_game_payoffs(shape, seed=SEED + d)
    theirs = _gambit_on_normalised(payoffs)
    assert theirs is not None
    assert np.abs(np.concatenate(qre.logit_qre(gt.NormalFormGame(payoffs))[0].profile) - theirs).max() < 1e-5


@pytest.mark.parametrize("name", ["battle_of_the_sexes", "chicken"])
def test_bifurcation_points_are_passed_alike_by_every_route(name):
    # symmetric games: the principal branch meets a bifurcation point, where det([J; t]) changes sign;
    # the trace keeps its direction (the symmetric branch: the mixed equilibrium, as the reference does)
    game = gt.catalog.get(name).game
    runs = [_run(game, r, max_steps=2000) for r in ["reference", *ROUTES]]
    for res in runs:
        assert res.converged and all(len(s) == 2 for s in res[0].support)
    for res in runs[2:]:
        assert res.n_iter == runs[1].n_iter and np.allclose(res.lambdas, runs[1].lambdas, rtol=1e-7, atol=1e-7)
    for res in runs[1:]:
        assert max(float(np.abs(a - b).max()) for a, b in zip(res[0].profile, runs[0][0].profile)) <= 1e-10


def test_orientation_of_a_singular_augmented_jacobian_is_positive():
    class Flat:
        def bordered_system(self, w):
            return np.zeros(1), np.zeros((2, 2))

    assert qre._orientation(Flat(), np.zeros(2), np.array([1.0, 0.0])) == 1.0


def test_a_curve_back_to_lambda_zero_is_not_followed_below_it():
    # the toy curve lambda = y (1 - y) leaves (0, 0) upward and comes back to lambda = 0 at y = 1; the
    # principal branch of a game meets lambda = 0 only at its start, so the tracer rejects every step
    # that ends below 0 and stops there (step size underflow) instead of following the curve down
    class Arch:
        def bordered_system(self, w):
            y, lam = w
            return np.array([lam - y * (1.0 - y)]), np.array([[-(1.0 - 2.0 * y), 1.0], [0.0, 0.0]])

    tr = qre._trace_fast(Arch(), np.zeros(2), lambda a, b: False, lambda: np.inf, first_step=0.03, accel=1.5,
                         max_steps=500, clock=Clock(None))
    pts = np.array(tr.points)
    assert not tr.ok and tr.reason == "step size underflow"
    assert pts[:, 1].min() >= 0.0 and pts[-1, 0] > 0.99 and 0.2 < pts[:, 1].max() <= 0.25
