"""polynomial_enumeration's compiled kernels (issue 14: its fixed cost) against their numpy routes.

Each numba kernel of :mod:`gametheory_af.solvers._poly_kernels` replaces a numpy route that
stays in :mod:`gametheory_af.solvers.polynomial` (the route without numba). The kernels must
make the same decisions: the same admissible support profiles, the same closed-form systems
settled with the same roots, the same equilibria, completeness flags and certificates.
"""

from __future__ import annotations

import importlib.util
import pathlib
import warnings

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers import polynomial as poly
from gametheory_af.solvers._nplayer import check_game_and_tol

DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "nfg"

needs_numba = pytest.mark.skipif(importlib.util.find_spec("numba") is None, reason="numba is not installed")

SHAPES = [(2, 2, 2), (2, 2, 2, 2), (2, 2, 2, 2, 2), (3, 3, 3), (2, 2, 3), (2, 3, 4)]


def _game(shape, seed):
    """Seeded game: standard-normal payoffs, or (every third seed) payoffs in {0, 1, 2} with ties everywhere."""
    rng = np.random.default_rng(seed)
    if seed % 3 == 0:
        return gt.NormalFormGame(rng.integers(0, 3, size=(len(shape), *shape)).astype(float))
    return gt.NormalFormGame(rng.normal(size=(len(shape), *shape)))


def _numpy_routes(monkeypatch):
    """Make polynomial_enumeration take its numpy routes, as without numba."""
    monkeypatch.setattr(poly, "kernels", lambda: None)


def _solve(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        return poly.polynomial_enumeration(game)


# ---------------------------------------------------------------------- the kernels, one by one
@needs_numba
@pytest.mark.parametrize("shape", [*SHAPES, (3,), (4, 2), (1, 3, 2)])
def test_dominance_kernel_keeps_the_same_supports(shape):
    for seed in range(12):
        game = _game(shape, seed)
        prep = check_game_and_tol(game, None, "test")
        for raw in (None, prep.u):
            fast = poly._admissible_supports(prep.un, shape, raw)
            ref = poly._admissible_supports_numpy(prep.un, shape, raw)
            assert len(fast) == len(ref) == len(shape)
            assert all(np.array_equal(a, b) for a, b in zip(fast, ref))


def test_dominance_by_hand_prisoners_dilemma():
    # defect (strategy 1) strictly dominates cooperate for both: only the pure profile (D, D) survives
    game = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    prep = check_game_and_tol(game, None, "test")
    for route in (poly._admissible_supports, poly._admissible_supports_numpy):
        sups = route(prep.un, (2, 2), prep.u)
        assert [m.tolist() for m in sups] == [[[False, True]], [[False, True]]]


def _trilinear_systems():
    """The coefficients of every 3-mixer, 2-strategy support system of a few seeded games."""
    out = []
    for shape in [(2, 2, 2), (2, 2, 2, 2), (2, 2, 2, 2, 2), (2, 2, 3)]:
        for seed in range(10):
            game = _game(shape, seed)
            prep = check_game_and_tol(game, None, "test")
            sups = poly._admissible_supports_numpy(prep.un, shape)
            sizes = np.stack([m.sum(axis=1) for m in sups], axis=1)
            rows = np.flatnonzero(((sizes > 1).sum(axis=1) == 3) & (sizes <= 2).all(axis=1))
            for b in rows:
                key = tuple(int(v) for v in sizes[b])
                mixers = [k for k in range(len(shape)) if key[k] > 1]
                perms = [poly._support_first(m[[b]]) for m in sups]
                out.append(poly._trilinear_coefficients(prep.un, perms, key, mixers))
    return out


@needs_numba
def test_trilinear_kernel_settles_the_same_systems_with_the_same_roots():
    systems = _trilinear_systems()
    assert len(systems) > 200
    settled = 0
    for coef in systems:
        ok, X, sel = poly._trilinear(coef)
        ok_r, X_r, sel_r = poly._trilinear_numpy(coef)
        assert np.array_equal(ok, ok_r) and np.array_equal(sel, sel_r)
        assert np.allclose(X[sel], X_r[sel_r], rtol=0.0, atol=1e-13)
        settled += int(ok.sum())
    assert settled > 100
    # all of them in one batch, as _solve_direct calls it
    batch = tuple(np.concatenate(c) for c in zip(*systems))
    ok, X, sel = poly._trilinear(batch)
    ok_r, X_r, sel_r = poly._trilinear_numpy(batch)
    assert np.array_equal(ok, ok_r) and np.array_equal(sel, sel_r)
    assert np.allclose(X[sel], X_r[sel_r], rtol=0.0, atol=1e-13)


def _hand_system(c0):
    # Ei = y + z - 1, Ej = x - z, Ek = x y + c0: y = 1 - z, x = z, so z (1 - z) = -c0
    one = np.ones(1)
    return tuple(v * one for v in (-1.0, 1.0, 1.0, 0.0, 0.0, 1.0, -1.0, 0.0, c0, 0.0, 0.0, 1.0))


@pytest.mark.parametrize("route", ["compiled", "numpy"])
def test_trilinear_by_hand(route):
    if route == "compiled" and importlib.util.find_spec("numba") is None:  # pragma: no cover
        pytest.skip("numba is not installed")
    solve = poly._trilinear if route == "compiled" else poly._trilinear_numpy
    # z (1 - z) = 2/9: z = 1/3 or 2/3, so the solutions (x, y, z) are (1/3, 2/3, 1/3) and (2/3, 1/3, 2/3)
    ok, X, sel = solve(_hand_system(-2.0 / 9.0))
    assert ok.tolist() == [True] and sel[:, 0].all()
    got = sorted(tuple(r) for r in X[:, 0])
    assert np.allclose(got, [(1 / 3, 2 / 3, 1 / 3), (2 / 3, 1 / 3, 2 / 3)], rtol=0.0, atol=1e-15)
    # z (1 - z) = 1/4: the double root z = 1/2 is a singular solution, left to the interval solver
    ok, _, sel = solve(_hand_system(-0.25))
    assert ok.tolist() == [False] and not sel.any()
    # z (1 - z) = 1: no real root, settled with no solution
    ok, _, sel = solve(_hand_system(-1.0))
    assert ok.tolist() == [True] and not sel.any()


@needs_numba
def test_square_linear_kernel_same_as_numpy():
    count = 0
    for shape in [(2, 2, 2), (3, 3, 3), (2, 3, 4), (3, 3), (4, 4, 2)]:
        for seed in range(10):
            game = _game(shape, seed)
            prep = check_game_and_tol(game, None, "test")
            sups = poly._admissible_supports_numpy(prep.un, shape)
            sizes = np.stack([m.sum(axis=1) for m in sups], axis=1)
            for b in np.flatnonzero((sizes > 1).sum(axis=1) == 2):
                key = tuple(int(v) for v in sizes[b])
                i, j = [k for k in range(len(shape)) if key[k] > 1]
                if key[i] != key[j]:
                    continue
                perms = [poly._support_first(m[[b]]) for m in sups]
                Ki, Kj = poly._linear_matrices(prep.un, perms, key, [i, j])
                fast = poly._linear(Ki, Kj, key[i], key[j])
                ref = poly._linear(Ki, Kj, key[i], key[j], compiled=False)
                assert np.array_equal(fast[0], ref[0])
                assert (fast[1] is None) == (ref[1] is None)
                if fast[1] is not None:
                    assert np.allclose(fast[1], ref[1], rtol=0.0, atol=1e-13)
                    assert np.allclose(fast[2], ref[2], rtol=0.0, atol=1e-13)
                count += 1
    assert count > 300


def test_square_linear_by_hand_matching_pennies():
    # matching pennies: row's indifference (1 - 2q) - (2q - 1) = 0 and the sum q0 + q1 = 1 give q = (1/2, 1/2)
    Ki = np.array([[[-2.0, 2.0], [1.0, 1.0]]])
    Kj = np.array([[[2.0, -2.0], [1.0, 1.0]]])
    for compiled in (True, False):
        ok, si, sj = poly._linear(Ki, Kj, 2, 2, compiled=compiled)
        assert ok.tolist() == [True]
        assert si is not None and sj is not None
        assert np.allclose(si, [[0.5, 0.5]], atol=1e-15) and np.allclose(sj, [[0.5, 0.5]], atol=1e-15)
    # a singular matrix (two equal rows) is not settled by either route
    Ks = np.array([[[1.0, 1.0], [1.0, 1.0]]])
    for compiled in (True, False):
        ok, si, sj = poly._linear(Ks, Kj, 2, 2, compiled=compiled)
        assert ok.tolist() == [False] and si is None and sj is None


@pytest.mark.parametrize("shape", [(2, 2, 2), (2, 2, 2, 2, 2), (3, 3, 3), (2, 3, 4), (4,), (3, 2)])
def test_batched_regret_routes_agree(shape):
    rng = np.random.default_rng(7)
    u = rng.normal(size=(len(shape), *shape))
    sig = [rng.dirichlet(np.ones(s), size=9) for s in shape]
    fast = poly._batched_regret(u, sig)
    ref = poly._batched_regret_numpy(u, sig)
    assert fast.shape == (9,) and np.allclose(fast, ref, rtol=0.0, atol=1e-13)


def test_batched_regret_by_hand():
    # matching pennies (payoffs +-1): at (1/2, 1/2) both are indifferent (regret 0); at the pure profile
    # (H, H) the column player loses 1 and would win 1 by switching (regret 2)
    u = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]])
    sig = [np.array([[0.5, 0.5], [1.0, 0.0]]), np.array([[0.5, 0.5], [1.0, 0.0]])]
    for route in (poly._batched_regret, poly._batched_regret_numpy):
        assert route(u, sig).tolist() == [0.0, 2.0]


# ---------------------------------------------------------------------- the whole solver, both routes
def _flat(res):
    return [np.concatenate(eq.profile) for eq in res]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", range(6))
def test_compiled_and_numpy_routes_same_result(shape, seed, monkeypatch):
    game = _game(shape, seed)
    fast = _solve(game)
    _numpy_routes(monkeypatch)
    ref = _solve(game)
    assert fast.complete == ref.complete and fast.n_iter == ref.n_iter
    assert len(fast) == len(ref)
    for a, b in zip(fast, ref):  # the same order
        assert a.support == b.support
        assert np.allclose(np.concatenate(a.profile), np.concatenate(b.profile), rtol=0.0, atol=1e-12)
        assert a.max_regret <= 1e-9 and b.max_regret <= 1e-9
    if seed % 3:  # generic: complete, an odd number of equilibria (Wilson 1971)
        assert fast.complete and len(fast) % 2 == 1


@pytest.mark.parametrize("name", ["2x2x2.nfg", "3x3x3.nfg", "coord333.nfg", "e04.nfg", "8x2x2.nfg"])
def test_gambit_files_both_routes(name, monkeypatch):
    game = gt.read_nfg(DATA / name)
    fast = _solve(game)
    _numpy_routes(monkeypatch)
    ref = _solve(game)
    assert fast.complete == ref.complete and len(fast) == len(ref)
    assert all(np.allclose(a, b, atol=1e-12) for a, b in zip(_flat(fast), _flat(ref)))


@pytest.mark.parametrize(("shape", "seed"), [((2, 2, 2, 2), s) for s in range(4)] + [((3, 3, 3), 0)])
def test_agrees_with_gambit_enumpoly(shape, seed):
    gbt = pytest.importorskip("pygambit")
    game = gt.NormalFormGame(np.random.default_rng(seed).normal(size=(len(shape), *shape)))
    res = _solve(game)
    ours = _flat(res)
    gg = gbt.Game.from_arrays(*[game.payoffs[i] for i in range(len(shape))])
    theirs = gbt.nash.enumpoly_solve(gg)
    flat = [np.array([float(e[s]) for p in gg.players for s in p.strategies]) for e in theirs.equilibria]
    # every equilibrium pygambit finds is ours; it misses some (seed 2: 4 of our 5, and a generic game
    # has an odd number, Wilson 1971), ours are complete and each certified
    assert all(any(np.abs(t - o).max() < 1e-6 for o in ours) for t in flat)
    assert res.complete and len(ours) % 2 == 1 and len(ours) >= len(flat) and res.max_regret <= 1e-9


@needs_numba
@pytest.mark.parametrize("shape", [(2, 2, 2), (2, 2, 2, 2), (2, 2, 2, 2, 2), (3, 3, 3), (2, 3, 4), (3, 1, 2), (1, 3)])
def test_ranges_kernel_same_as_numpy(shape):
    rng = np.random.default_rng(11)
    game = gt.NormalFormGame(rng.normal(size=(len(shape), *shape)))
    prep = check_game_and_tol(game, None, "test")
    sysm = poly._Systems(prep.un, shape, poly._admissible_supports_numpy(prep.un, shape))
    rows = rng.integers(0, sysm.active.shape[0], size=40)
    act = sysm.active[rows]
    lo = np.where(act, rng.random((40, sysm.d)) * 0.6 - 0.1, 0.0)
    hi = np.where(act, lo + rng.random((40, sysm.d)) * 0.5, 0.0)
    for centre in (False, True):
        fast = sysm.ranges(rows, lo, hi, centre=centre, fast=True)
        ref = sysm.ranges(rows, lo, hi, centre=centre)
        assert len(fast) == len(ref) == (5 if centre else 4)
        for a, b in zip(fast, ref):
            assert a.shape == b.shape and np.allclose(a, b, rtol=0.0, atol=1e-14)
    # at points (every vertex the point itself): values and Jacobians
    for a, b in zip(sysm.residual(rows, lo, fast=True), sysm.residual(rows, lo)):
        assert np.allclose(a, b, rtol=0.0, atol=1e-14)
    assert np.allclose(sysm.values(rows, lo, fast=True), sysm.values(rows, lo), rtol=0.0, atol=1e-14)


def test_ranges_by_hand_matching_pennies():
    # matching pennies, both players mixing (the only support system): with x = P(row plays 1) and
    # y = P(column plays 1), row's equation is u(1) - u(0) = (2y - 1) - (1 - 2y) = 4y - 2 and
    # column's is 2 - 4x. On the box x in [0.1, 0.3], y in [0.5, 0.9]: row's range [0, 1.6],
    # column's [0.8, 1.6]; the Jacobian is exact: [[0, 4], [-4, 0]]
    u = np.array([[[1.0, -1.0], [-1.0, 1.0]], [[-1.0, 1.0], [1.0, -1.0]]])
    prep = check_game_and_tol(gt.NormalFormGame(u), None, "test")
    sups = [np.array([[True, True]]), np.array([[True, True]])]
    sysm = poly._Systems(prep.un, (2, 2), sups)
    lo, hi = np.array([[0.1, 0.5]]), np.array([[0.3, 0.9]])
    for fast in (True, False):
        gmin, gmax, Jmin, Jmax, gc = sysm.ranges(np.array([0]), lo, hi, centre=True, fast=fast)
        # normalised payoffs: u -> (u + 1) / 2, so every value is halved
        assert np.allclose(gmin, [[0.0, 0.4]]) and np.allclose(gmax, [[0.8, 0.8]])
        assert np.allclose(Jmin, [[[0.0, 2.0], [-2.0, 0.0]]]) and np.allclose(Jmax, Jmin)
        assert np.allclose(gc, [[0.4, 0.6]])  # at the centre (0.2, 0.7): 2 * 0.7 - 1, 1 - 2 * 0.2


@needs_numba
@pytest.mark.parametrize("shape", [(2, 2, 2, 2, 2), (3, 3, 3), (2, 3, 4)])
def test_step_with_pruning_kernel_same_as_numpy(shape):
    # one round of the interval solver on every support's starting box and on the boxes it leaves:
    # the compiled route skips the Jacobian of the boxes the values exclude; the same boxes survive
    game = gt.NormalFormGame(np.random.default_rng(5).normal(size=(len(shape), *shape)))
    prep = check_game_and_tol(game, None, "test")
    sups = poly._admissible_supports_numpy(prep.un, shape)
    sysm = poly._Systems(prep.un, shape, sups)
    rows = np.arange(sups[0].shape[0])
    lo = np.where(sysm.active, -poly._MARGIN, 0.0)
    hi = np.where(sysm.active, 1.0 + poly._MARGIN, 0.0)
    for _ in range(3):
        fast = poly._step(sysm, rows, lo.copy(), hi.copy(), prep.tol, fast=True)
        kernel, sysm.kernel = sysm.kernel, None
        ref = poly._step(sysm, rows, lo.copy(), hi.copy(), prep.tol, fast=True)
        sysm.kernel = kernel
        for a, b in zip(fast, ref):
            for x, y in zip(a, b):
                assert x.shape == y.shape and np.allclose(x, y, rtol=0.0, atol=1e-12)
        rows, lo, hi = fast[1]
        assert rows.size


def _clean_row_by_row(sig):
    """The feasibility filter as it was: one candidate, one player at a time."""
    ok = np.ones(sig[0].shape[0], dtype=bool)
    for s in sig:
        ok &= np.isfinite(s).all(axis=1) & (s.min(axis=1) >= -1e-9)
    out = []
    for b in np.flatnonzero(ok):
        prof = []
        for s in sig:
            v = np.clip(s[b], 0.0, None)
            v[v < 1e-13] = 0.0
            prof.append(v / v.sum())
        out.append(tuple(prof))
    return out


def test_feasibility_filter_same_as_row_by_row():
    rng = np.random.default_rng(3)
    kept = 0
    for _ in range(100):
        sizes = rng.integers(1, 10, size=rng.integers(1, 5))
        sig = [rng.normal(size=(15, s)) * rng.choice([1e-14, 1.0]) + rng.choice([0.0, 0.5, 2.0]) for s in sizes]
        sig[0][rng.integers(0, 15)] = np.nan
        with np.errstate(invalid="ignore"):
            fast, ref = poly._clean(sig), _clean_row_by_row(sig)
        assert len(fast) == len(ref)
        for a, b in zip(fast, ref):
            assert all(np.array_equal(x, y, equal_nan=True) for x, y in zip(a, b))
        kept += len(fast)
    assert kept > 100
    # by hand: (-1e-10, 1 + 1e-10) is a probability vector up to rounding and is clipped to (0, 1);
    # (-0.1, 1.1) is not
    out = poly._clean([np.array([[-1e-10, 1.0 + 1e-10], [-0.1, 1.1]])])
    assert len(out) == 1 and out[0][0].tolist() == [0.0, 1.0]


def test_gather_all_players_at_once_by_hand():
    # u[p, a, b] = 100 p + 10 a + b; support-first permutations (1, 0) and (0, 2, 1); the first
    # take = (1, 2) permuted strategies of each player: a in (1,), b in (0, 2)
    u = np.array([[[100 * p + 10 * a + b for b in range(3)] for a in range(2)] for p in range(2)], dtype=float)
    perms = [np.array([[1, 0]]), np.array([[0, 2, 1]])]
    got = poly._gather(u, perms, [1, 2], [1, 0])
    assert got.shape == (2, 1, 1, 2)
    assert got[:, 0, 0].tolist() == [[110.0, 112.0], [10.0, 12.0]]


@needs_numba
def test_krawczyk_kernel_same_as_numpy():
    rng = np.random.default_rng(9)
    B, d = 300, 4
    lo = rng.random((B, d)) * 0.5
    hi = lo + rng.random((B, d)) * rng.choice([1e-10, 1e-3, 0.3], size=(B, 1))
    act = rng.random((B, d)) < 0.8
    Jc = rng.normal(size=(B, d, d)) + 3 * np.eye(d)
    Jw = np.abs(rng.normal(size=(B, d, d))) * rng.choice([0.0, 1e-3, 1.0], size=(B, 1, 1))
    Jmin, Jmax = Jc - Jw, Jc + Jw
    Jmin[:10], Jmax[:10] = 0.0, 0.0  # singular midpoints: not tested, bisected or shrunk
    gc = rng.normal(size=(B, d)) * rng.choice([1e-6, 1e-2, 1.0], size=(B, 1))
    c, rad = (lo + hi) / 2, (hi - lo) / 2
    for split in (True, False):
        fast = poly.kernels()["krawczyk"](lo, hi, act, gc, Jmin, Jmax, split, poly._MIN_WIDTH, poly._INV_MAX)
        ref = poly._krawczyk_numpy(lo, hi, act, c, rad, gc, Jmin, Jmax, split)
        for a, b in zip(fast[1:5], ref[1:5]):  # the same decisions
            assert np.array_equal(a, b)
        for a, b in zip((fast[0], *fast[5:]), (ref[0], *ref[5:])):
            assert np.allclose(a, b, rtol=1e-12, atol=1e-14)
        assert fast[1].any() and (fast[3].any() if split else fast[2].any())  # verified; bisected or tiny


def test_krawczyk_by_hand_one_variable():
    # g(x) = x - 0.3: Jacobian 1, so Y = 1 and K = c - g(c) + [0, 0] = {0.3} for every box.
    # On [0.2, 0.5] K lies inside the box: verified. On [0.4, 0.5] K is disjoint from it: discarded
    # (neither verified nor kept: not tiny, bisected or shrunk).
    J = np.ones((1, 1, 1))
    act = np.array([[True]])
    for lo_, hi_, verified in ((0.2, 0.5, True), (0.4, 0.5, False)):
        lo, hi = np.array([[lo_]]), np.array([[hi_]])
        c, rad = (lo + hi) / 2, (hi - lo) / 2
        routes = [poly._krawczyk_numpy(lo, hi, act, c, rad, c - 0.3, J, J, True)]
        if importlib.util.find_spec("numba") is not None:
            routes.append(poly.kernels()["krawczyk"](lo, hi, act, c - 0.3, J, J, True, poly._MIN_WIDTH, poly._INV_MAX))
        for out in routes:
            assert out[0].tolist() == [[[1.0]]]
            assert out[1].tolist() == [verified]
            assert not any(flag.any() for flag in out[2:5])


def _fields_identical(a, b):
    import dataclasses

    for f in dataclasses.fields(b):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if f.name == "profile":
            assert type(x) is tuple and len(x) == len(y)
            assert all(np.array_equal(u, v) and u.dtype == v.dtype and not u.flags.writeable for u, v in zip(x, y))
        elif f.name == "payoffs":
            assert np.array_equal(x, y) and x.dtype == y.dtype and not x.flags.writeable
        else:
            assert x == y and type(x) is type(y), (f.name, x, y)


@pytest.mark.parametrize("shape", [(2, 2, 2), (2, 2, 2, 2), (3, 3, 3), (2, 3, 4)])
def test_equilibria_built_as_make_equilibrium_builds_them(shape):
    from gametheory_af._tolerance import normalized_payoffs, payoff_ranges
    from gametheory_af.result import make_equilibrium

    count = 0
    for seed in range(4):
        game = gt.NormalFormGame(np.random.default_rng(seed).normal(size=(len(shape), *shape)) * 10.0**seed)
        un, span = normalized_payoffs(game.payoffs)[0], payoff_ranges(game.payoffs)
        for eq in _solve(game):
            for prof in (eq.profile, tuple(p * (1 + 1e-12) for p in eq.profile)):  # off the sum by rounding
                _fields_identical(poly._float_equilibrium(game, prof, un, span), make_equilibrium(game, prof))
                count += 1
    assert count >= 8


def test_equilibrium_builder_defers_to_make_equilibrium_off_the_simplex():
    from gametheory_af._tolerance import normalized_payoffs, payoff_ranges

    game = gt.catalog.matching_pennies()
    un, span = normalized_payoffs(game.payoffs)[0], payoff_ranges(game.payoffs)
    # (0.6, 0.6) sums to 1.2: make_equilibrium's own error, naming the entry
    with pytest.raises(gt.GameError, match="off the simplex"):
        poly._float_equilibrium(game, (np.array([0.6, 0.6]), np.array([0.5, 0.5])), un, span)
    # by hand: at (1/2, 1/2) both are indifferent, regret 0, payoffs 0, full supports
    eq = poly._float_equilibrium(game, (np.array([0.5, 0.5]), np.array([0.5, 0.5])), un, span)
    assert eq.max_regret == 0.0 and eq.payoffs.tolist() == [0.0, 0.0] and eq.support == ((0, 1), (0, 1))


@needs_numba
def test_bisect_kernel_by_hand():
    # box 7: widths (0.5, 0.2); box 9: one active side of width 1. S = _SPLIT ~ 0.46.
    # Round 1 splits both at S of their widest side: 7 at m0 = 0.5 S ~ 0.231, 9 at m1 = S (lower
    # halves first, then upper halves). Round 2 splits a box again when its widest side is at least
    # half its original width: 7-lower (0.231 < 0.25) and 9-lower (0.462 < 0.5) stay; 7-upper
    # (0.269) and 9-upper (0.538) are split at m0 + S (0.5 - m0) and m1 + S (1 - m1).
    rows = np.array([7, 9])
    lo = np.array([[0.0, 0.0], [0.0, 0.0]])
    hi = np.array([[0.5, 0.2], [1.0, 0.0]])
    act = np.array([[True, True], [True, False]])
    maxw = np.array([0.5, 1.0])
    r, blo, bhi = poly.kernels()["bisect"](rows, lo, hi, act, maxw, 2, poly._SPLIT)
    S = poly._SPLIT
    m0, m1 = 0.5 * S, S
    n0, n1 = m0 + S * (0.5 - m0), m1 + S * (1.0 - m1)
    assert r.tolist() == [7, 9, 7, 9, 7, 9]
    assert np.allclose(blo[:, 0], [0.0, 0.0, m0, m1, n0, n1]) and np.allclose(bhi[:, 0], [m0, m1, n0, n1, 0.5, 1.0])
    assert np.allclose(blo[:, 1], 0.0) and np.allclose(bhi[:, 1], [0.2, 0.0, 0.2, 0.0, 0.2, 0.0])
