"""lemke_howson's compact compiled route against the full-tableau reference route and quantecon (issue 14).

The compact route (``_solve``/``_solve01``) must return what the reference route
(``_reference_path``, the route of every release before it) returns: the same pivot
count, the same profile bit for bit, the same support, and a certificate equal up to
the summation order of its dot products (round-off, below 1e-15 of the payoff range).
"""

from __future__ import annotations

import importlib
import warnings

import numpy as np
import pytest
from hypothesis import given, settings

import gametheory_af as gt
from gametheory_af.solvers._bimatrix import prepare
from tests.solvers._two_player import check_certificates, random_bimatrix
from tests.strategies import bimatrix_games

lh_mod = importlib.import_module("gametheory_af.solvers.lemke_howson")

pytest.importorskip("numba")


def _reference(game: gt.NormalFormGame, k: int, max_iter: int = 100_000) -> tuple[gt.Equilibrium | None, int]:
    pivot, fast = lh_mod._kernels()
    work = prepare(game, resolves_if_inexact=True)
    return lh_mod._reference_path(game, work, k, pivot, fast, tol=1e-9, exact=False, max_iter=max_iter)  # type: ignore[no-any-return]


def _assert_same(game: gt.NormalFormGame, k: int) -> None:
    res = lh_mod.lemke_howson(game, initial_label=k, max_iter=100_000)
    ref, ref_piv = _reference(game, k)
    assert ref is not None and len(res) == 1
    eq = res[0]
    assert res.n_iter == ref_piv
    for p, q in zip(eq.profile, ref.profile):
        np.testing.assert_array_equal(p, q)  # bit for bit
    assert eq.support == ref.support
    span = gt._tolerance.payoff_ranges(game.payoffs)
    assert abs(eq.relative_regret - ref.relative_regret) <= 1e-15
    assert abs(eq.max_regret - ref.max_regret) <= 1e-15 * span.max()
    np.testing.assert_allclose(eq.payoffs, ref.payoffs, rtol=0, atol=4e-16 * span.max() + 1e-300)


@pytest.mark.parametrize("size", [(2, 2), (3, 7), (9, 4), (12, 12), (30, 30), (40, 25)])
@pytest.mark.parametrize("seed", range(6))
def test_compact_route_matches_the_reference_on_random_games(size: tuple[int, int], seed: int) -> None:
    # Standard-normal payoffs, as the benchmarks draw them: the kernel normalises them itself.
    m, n = size
    game = gt.NormalFormGame(np.random.default_rng(seed).standard_normal((2, m, n)))
    for k in sorted({0, m - 1, m, m + n - 1, seed % (m + n)}):
        _assert_same(game, k)


@pytest.mark.parametrize("size", [(3, 3), (5, 5), (8, 8), (7, 10)])
@pytest.mark.parametrize("seed", range(5))
def test_compact_route_matches_the_reference_on_degenerate_games(size: tuple[int, int], seed: int) -> None:
    # Integer payoffs 0..2: ties in the ratio test on most paths; both routes break them by the same
    # lexicographic rule on the same numbers. The games are exact (integers), so the kernel gets
    # the tolerance policy's normalisation (prepare) and runs _solve01.
    game = random_bimatrix(200 + seed, *size, kind="small")
    for k in range(sum(size)):
        _assert_same(game, k)


@pytest.mark.parametrize("seed", range(4))
def test_compact_route_matches_the_reference_on_integer_valued_float_games(seed: int) -> None:
    # Float payoffs that are integers (not is_exact): the kernel reports them (status 1) and the
    # tolerance policy decides; float64 resolves these, so the compact route runs on prepare's arrays.
    rng = np.random.default_rng(seed)
    game = gt.NormalFormGame(rng.integers(-3, 4, (2, 6, 6)).astype(float))
    assert not game.is_exact
    for k in range(12):
        _assert_same(game, k)


@settings(max_examples=40)
@given(bimatrix_games(max_strategies=6, integer=False))
def test_compact_route_matches_the_reference_on_generated_games(game: gt.NormalFormGame) -> None:
    for k in range(sum(game.shape)):
        _assert_same(game, k)


@pytest.mark.parametrize("size", [(10, 10), (25, 20), (50, 50)])
@pytest.mark.parametrize("seed", range(10))
def test_same_equilibrium_as_quantecon(size: tuple[int, int], seed: int) -> None:
    qg = pytest.importorskip("quantecon.game_theory")
    m, n = size
    payoffs = np.random.default_rng(1000 + seed).standard_normal((2, m, n))
    game = gt.NormalFormGame(payoffs)
    q = qg.NormalFormGame(np.moveaxis(payoffs, 0, -1))
    for k in (0, m + n - 1):
        ours = lh_mod.lemke_howson(game, initial_label=k)
        check_certificates(game, ours)
        theirs, info = qg.lemke_howson(q, init_pivot=k, full_output=True)
        # Same path (same label, nondegenerate game): same pivot count, same equilibrium.
        assert info.converged and ours.n_iter == info.num_iter
        np.testing.assert_allclose(np.concatenate(ours[0].profile), np.concatenate(theirs), rtol=0, atol=1e-12)


def test_pairwise_sum_is_numpys_sum() -> None:
    # numpy sums a contiguous run pairwise (eight running sums per block of 128, halves beyond);
    # the kernel's copy must give the same bits, or the profiles would differ from the reference's.
    lh_mod._compact_kernels()
    rng = np.random.default_rng(7)
    for size in [1, 2, 7, 8, 9, 15, 16, 17, 127, 128, 129, 136, 255, 256, 257, 300, 513, 1000, 4099]:
        for _ in range(20):
            v = rng.random(size) * 10.0 ** rng.integers(-8, 8, size)
            v[rng.random(size) < 0.3] = 0.0
            assert lh_mod._pairwise_sum_jit(v) == v[None].sum(axis=1, keepdims=True)[0, 0]


def test_payoff_range_and_normalisation_are_the_tolerance_policys() -> None:
    lh_mod._compact_kernels()
    rng = np.random.default_rng(3)
    for shape in [(1, 1), (1, 3), (3, 5), (7, 9)]:
        U = rng.standard_normal((2, *shape))
        un, low, span = gt._tolerance.normalized_payoffs(U)
        for p in range(2):
            assert lh_mod._payoff_range_jit(U, p) == (U[p].min(), U[p].max())
            out, T = np.empty(shape), np.empty((shape[1], shape[0] + 1))
            assert lh_mod._normalise_jit(U, p, out, T, True) == (low[p], span[p])
            np.testing.assert_array_equal(out, un[p])  # the tolerance policy's numbers, bit for bit
            np.testing.assert_array_equal(T[:, :-1], un[p].T + 1.0)


def test_constant_player_and_one_by_one_game() -> None:
    # A constant player (range 0: his span counts as 1) is indifferent everywhere.
    game = gt.NormalFormGame(np.stack([np.random.default_rng(0).random((3, 4)), np.full((3, 4), 0.5)]))
    for k in range(7):
        _assert_same(game, k)
    res = lh_mod.lemke_howson(gt.NormalFormGame(np.array([[[0.25]], [[0.5]]])))
    # 1 x 1: x_0 (label 0) enters P's tableau and s_0 (label 1) leaves; y_0 (label 1) enters Q's
    # and r_0 (label 0, the missing label) leaves: 2 pivots, at the only profile.
    assert res.n_iter == 2 and res[0].support == ((0,), (0,)) and res.max_regret == 0.0


def test_unresolved_integer_game_goes_exact() -> None:
    # Integer payoffs 0..8 with one entry 1e12: float64 cannot resolve them (their gaps are 1e-12 of
    # the range), so the tolerance policy pivots in rational arithmetic: the exact equilibrium.
    A = np.arange(9.0).reshape(3, 3)
    A[2, 2] = 1e12
    game = gt.NormalFormGame(np.stack([A, A.T.copy()]))
    res = lh_mod.lemke_howson(game)
    assert res[0].exact is not None and res.max_regret == 0.0


def test_falls_back_to_the_reference_route(monkeypatch: pytest.MonkeyPatch) -> None:
    solve, solve01 = lh_mod._compact_kernels()
    game = gt.NormalFormGame(np.random.default_rng(5).standard_normal((2, 6, 6)))
    expected = lh_mod.lemke_howson(game, initial_label=3)
    calls: list[int] = []

    def trouble(*args: object) -> tuple[object, ...]:  # status 2: numerical trouble
        calls.append(1)
        return (2, 5, np.inf, np.inf, 0.0, 0.0)

    def noisy(*args: object) -> tuple[object, ...]:  # a certificate above round-off level
        calls.append(1)
        out = solve(*args)
        return (*out[:2], 1e-6, 1e-6, *out[4:])

    for fake in (trouble, noisy):
        monkeypatch.setattr(lh_mod, "_COMPACT", [fake, solve01])
        res = lh_mod.lemke_howson(game, initial_label=3)
        assert res.n_iter == expected.n_iter
        for p, q in zip(res[0].profile, expected[0].profile):
            np.testing.assert_array_equal(p, q)
    assert len(calls) == 2
    # The reference route past max_iter (after trouble on the compact route) warns at the caller's line.
    monkeypatch.setattr(lh_mod, "_COMPACT", [trouble, solve01])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = lh_mod.lemke_howson(game, initial_label=3, max_iter=1)
    assert not res.converged and len(res) == 0
    [w] = caught
    assert "exceeded max_iter=1" in str(w.message) and w.filename == __file__


def test_reference_route_polishes_a_certificate_above_round_off(monkeypatch: pytest.MonkeyPatch) -> None:
    # The compact route reports a certificate of 1e-6 and the reference kernel a profile 1e-11 off
    # (a certificate above round-off level, within the tolerance): the reference route hands it to
    # accept, which polishes on the final bases and certifies the two pure equilibria of chicken.
    solve, solve01 = lh_mod._compact_kernels()
    pivot, fast = lh_mod._kernels()

    def noisy_compact(*args: object) -> tuple[object, ...]:
        out = solve01(*args)
        return (*out[:2], 1e-6, 1e-6, *out[4:])

    def noisy_fast(*args: object) -> tuple[object, ...]:  # a profile 1e-11 off the equilibrium
        piv, x, y, regret, u0, u1, b1, b2 = fast(*args)
        return piv, (1 - 1e-11) * x + 1e-11 / x.size, y, regret, u0, u1, b1, b2

    monkeypatch.setattr(lh_mod, "_COMPACT", [solve, noisy_compact])
    monkeypatch.setattr(lh_mod, "_COMPILED", [pivot, noisy_fast])
    game = gt.catalog.chicken()
    res = lh_mod.lemke_howson(game, initial_label="all")  # exact game: _solve01
    assert len(res) == 2 and res.converged
    check_certificates(game, res)
    assert sorted(eq.support for eq in res) == [((0,), (1,)), ((1,), (0,))]


def test_max_iter_warns_at_the_callers_line() -> None:
    game = gt.NormalFormGame(np.random.default_rng(2).standard_normal((2, 8, 8)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = lh_mod.lemke_howson(game, max_iter=1)
    assert not res.converged and len(res) == 0 and res.n_iter == 1
    [w] = caught
    assert issubclass(w.category, gt.ConvergenceWarning) and "exceeded max_iter=1" in str(w.message)
    assert w.filename == __file__


def test_every_label_and_iter_use_the_compact_route() -> None:
    game = gt.NormalFormGame(np.random.default_rng(4).standard_normal((2, 5, 4)))
    res = lh_mod.lemke_howson(game, initial_label="all")
    check_certificates(game, res)
    pairs = list(lh_mod.iter_lemke_howson(game))
    assert [k for k, _ in pairs] == list(range(9))
    for k, eq in pairs:
        ref, _ = _reference(game, k)
        assert ref is not None
        np.testing.assert_array_equal(np.concatenate(eq.profile), np.concatenate(ref.profile))
        assert not eq.profile[0].flags.writeable and not eq.payoffs.flags.writeable
