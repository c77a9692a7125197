"""support_enumeration's compiled route (numba) against the numpy reference route and against nashpy.

The compiled kernel factorises each bordered support system in explicit loops; the reference route
stacks them into :func:`numpy.linalg.det` / :func:`numpy.linalg.solve`. Both must return the same
equilibria (same supports, in the same order, same profiles after certification), the same
``n_iter``, ``complete`` flag and warnings, on many seeded games, degenerate and ill-conditioned
ones included.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers import support as support_mod
from gametheory_af.solvers.support import support_enumeration
from tests.solvers._two_player import check_certificates, random_bimatrix, same_set, vectors

pytest.importorskip("numba")


def _run(game: gt.NormalFormGame, compiled: bool, monkeypatch: pytest.MonkeyPatch, **kw: object):  # type: ignore[no-untyped-def]
    """``(result, warning categories)`` on the compiled route or on the numpy reference route."""
    with monkeypatch.context() as mp:
        if not compiled:
            mp.setattr(support_mod, "_COMPILED", [None])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = support_enumeration(game, **kw)  # type: ignore[arg-type]
    return res, sorted({w.category.__name__ for w in caught})


def _assert_same(game: gt.NormalFormGame, monkeypatch: pytest.MonkeyPatch, **kw: object) -> gt.EquilibriumResult:
    fast, fast_warn = _run(game, True, monkeypatch, **kw)
    ref, ref_warn = _run(game, False, monkeypatch, **kw)
    assert fast_warn == ref_warn
    assert (fast.complete, fast.converged, fast.n_iter) == (ref.complete, ref.converged, ref.n_iter)
    assert [eq.support for eq in fast] == [eq.support for eq in ref]
    for a, b in zip(fast, ref):
        for p, q in zip(a.profile, b.profile):
            np.testing.assert_allclose(p, q, rtol=0, atol=1e-13)
        assert a.exact == b.exact
    check_certificates(game, fast)
    return fast


def test_the_kernel_is_compiled() -> None:
    assert support_mod._kernel() is not None


@pytest.mark.parametrize("size", [(2, 2), (3, 5), (5, 5), (6, 6), (7, 4), (8, 8)])
@pytest.mark.parametrize("seed", range(6))
def test_compiled_route_matches_reference_on_random_games(
    size: tuple[int, int], seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    _assert_same(random_bimatrix(seed, *size), monkeypatch)


@pytest.mark.parametrize("seed", range(4))
def test_compiled_route_matches_reference_on_normal_payoffs(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(20260611 + seed)
    game = gt.NormalFormGame.from_bimatrix(rng.standard_normal((9, 9)), rng.standard_normal((9, 9)))
    _assert_same(game, monkeypatch)


@pytest.mark.parametrize("kind", ["small", "large"])
@pytest.mark.parametrize("seed", range(6))
def test_compiled_route_matches_reference_on_integer_games(
    kind: str, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small integer payoffs are degenerate more often than not (singular systems, exact zero pivots).
    _assert_same(random_bimatrix(seed, 5, 5, kind), monkeypatch)
    _assert_same(random_bimatrix(seed, 4, 6, kind), monkeypatch, exact=True)


def test_compiled_route_matches_reference_with_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    game = random_bimatrix(3, 6, 6)
    res = _assert_same(game, monkeypatch, max_supports=100)
    # The 36 pure pairs, then 64 of the C(6, 2)**2 = 225 pairs of size 2.
    assert res.n_iter == 100 and not res.complete


def _nearly_repeated_rows(seed: int, m: int, eps: float) -> gt.NormalFormGame:
    """Row 1 of both matrices equals row 0 plus ``eps`` noise: supports holding both rows are ill-conditioned."""
    rng = np.random.default_rng(seed)
    A, B = rng.random((m, m)), rng.random((m, m))
    A[1] = A[0] + eps * rng.random(m)
    B[:, 1] = B[:, 0] + eps * rng.random(m)
    return gt.NormalFormGame.from_bimatrix(A, B)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("eps", [1e-11, 1e-12])
def test_compiled_route_matches_reference_on_ill_conditioned_games(
    seed: int, eps: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A few ill-conditioned systems per chunk: re-solved in rational arithmetic on both routes.
    game = _nearly_repeated_rows(seed, 5, eps)
    _assert_same(game, monkeypatch)


@pytest.mark.parametrize("seed", range(2))
def test_many_ill_conditioned_systems_keep_float_answers(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # 8 x 8 with a near-repeated row and column: hundreds of ill systems in one chunk, more than
    # _MAX_EXACT_RESOLVES, so both routes keep the float answers and flag the game (same warnings).
    game = _nearly_repeated_rows(seed, 8, 1e-11)
    monkeypatch.setattr(support_mod, "_MAX_EXACT_RESOLVES", 2)
    _assert_same(game, monkeypatch)


def test_small_chunks_give_the_same_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    game = _nearly_repeated_rows(5, 6, 1e-11)
    expected = _run(game, True, monkeypatch)[0]
    monkeypatch.setattr(support_mod, "_CHUNK", 5)
    _assert_same(game, monkeypatch)
    assert same_set(vectors(_run(game, True, monkeypatch)[0]), vectors(expected), tol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_agrees_with_nashpy(seed: int) -> None:
    nashpy = pytest.importorskip("nashpy")
    rng = np.random.default_rng(seed)
    A, B = rng.standard_normal((5, 5)), rng.standard_normal((5, 5))
    res = support_enumeration(gt.NormalFormGame.from_bimatrix(A, B))
    assert res.complete
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # nashpy's own support enumeration misses equilibria of these games at any tolerance
        # (seed 0: none found); its vertex enumeration finds them.
        theirs = [np.concatenate(eq) for eq in nashpy.Game(A, B).vertex_enumeration()]
    assert same_set(vectors(res), theirs, tol=1e-9)


def test_kernel_statuses_on_a_hand_game() -> None:
    # A = [[1, 0], [0, 1]] (matching pennies for the row player up to scale). For I = J = {0, 1}
    # the bordered system [[1, 0, -1], [0, 1, -1], [1, 1, 0]] gives y = (1/2, 1/2): status OK.
    # For I = {0, 0'} with a repeated row, the system is singular: float64 does not decide that from
    # a small pivot (a nearly singular system may carry an equilibrium), but two rows equal bit for
    # bit are an exact certificate: status SINGULAR, no rational re-solve.
    # A pure pair I = {1}, J = {0}: [[0, -1], [1, 0]] gives y = (1,), status OK.
    kernel = support_mod._kernel()
    U = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    rows = np.array([[0, 1], [0, 2]], dtype=np.intp)
    cols = np.array([[0, 1]], dtype=np.intp)
    sol, stat = kernel(U, rows, cols, np.array([0, 1]), np.array([0, 0]), False, 1e-9, 1e-14, 1e-10)
    assert stat.tolist() == [support_mod._OK, support_mod._SINGULAR]
    np.testing.assert_allclose(sol[0], [0.5, 0.5], rtol=0, atol=1e-15)
    # The row differs from row 0 in the last bit: no certificate, ILL (settled exactly).
    U_near = U.copy()
    U_near[2, 0] = np.nextafter(1.0, 2.0)
    _, stat = kernel(U_near, rows, cols, np.array([1]), np.array([0]), False, 1e-9, 1e-14, 1e-10)
    assert stat.tolist() == [support_mod._ILL]
    # Two equal columns (of the transposed matrix: equal rows of U[I, J]) certify it as well.
    _, stat = kernel(U, rows, cols, np.array([1]), np.array([0]), True, 1e-9, 1e-14, 1e-10)
    assert stat.tolist() == [support_mod._SINGULAR]
    # Transposed (the row player's system on U[I, J].T): A negative probability.
    # U[{0,1},{0,1}] with U = [[2, 0], [1, 1]]: U.T = [[2, 1], [0, 1]]; 2 x0 + x1 = w, x1 = w,
    # x0 + x1 = 1 gives x0 = 0, x1 = 1 (boundary, OK); with U = [[2, 0], [3, 1]]: U.T = [[2, 3], [0, 1]]
    # gives 2 x0 + 3 x1 = x1, so x0 = -x1 and x0 + x1 = 1 is impossible: singular.
    U2 = np.array([[2.0, 0.0], [1.0, 1.0], [2.0, 0.0]])
    U3 = np.array([[1.0, 0.0], [3.0, 2.0], [2.0, 0.0]])
    sol, stat = kernel(U2, rows[:1], cols, np.array([0]), np.array([0]), True, 1e-9, 1e-14, 1e-10)
    assert stat.tolist() == [support_mod._OK]
    np.testing.assert_allclose(sol[0], [0.0, 1.0], rtol=0, atol=1e-15)
    # U3[I, J].T = [[1, 3], [0, 2]]: x0 + 3 x1 = w = 2 x1, so x0 = -x1: singular with the sum row
    # (an exactly zero pivot): ILL, for the exact re-solve to settle.
    _, stat = kernel(U3, rows[:1], cols, np.array([0]), np.array([0]), True, 1e-9, 1e-14, 1e-10)
    assert stat.tolist() == [support_mod._ILL]
    # U4[I, J] = [[1, 0], [3, 1]]: y0 = w, 3 y0 + y1 = w, so y1 = -2 y0, y0 + y1 = 1: y = (-1, 2).
    U4 = np.array([[1.0, 0.0], [3.0, 1.0]])
    sol, stat = kernel(U4, rows[:1], cols, np.array([0]), np.array([0]), False, 1e-9, 1e-14, 1e-10)
    assert stat.tolist() == [support_mod._NEGATIVE]
    np.testing.assert_allclose(sol[0], [-1.0, 2.0], rtol=0, atol=1e-14)


@pytest.mark.parametrize("seed", range(4))
def test_routes_agree_when_every_system_is_settled_exactly(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every nonzero determinant counts as ill-conditioned, so every system goes through the
    # rational re-solve (some of them exactly singular: rounding left a tiny float determinant),
    # and on the compiled route the ``x`` system decides first whether the ``y`` one is re-solved.
    monkeypatch.setattr(support_mod, "ILL_LOW", 0.0)
    monkeypatch.setattr(support_mod, "ILL_HIGH", 1e300)
    monkeypatch.setattr(support_mod, "_MAX_EXACT_RESOLVES", 10**6)
    rng = np.random.default_rng(seed)
    A, B = rng.integers(0, 4, (4, 4)) / 3, rng.integers(0, 4, (4, 4)) / 7
    _assert_same(gt.NormalFormGame.from_bimatrix(A, B), monkeypatch)
    _assert_same(random_bimatrix(seed, 4, 5), monkeypatch)
