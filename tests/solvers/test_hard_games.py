"""The two-player enumerators on hard, ill-conditioned games (issue 14).

Savani-von Stengel games (:func:`gametheory_af.generators.savani_von_stengel`) have exact rational
payoffs and one equilibrium, fully mixed; their indifference systems are well enough conditioned
for float64 (condition numbers 2.1e6 for n = 3, 1.8e9 for n = 4) but have tiny Hadamard ratios
``|det| / prod(row norms)`` (8.5e-16, 7.7e-30), which the old singularity test took for singular:
support enumeration returned no equilibrium of ``savani_von_stengel(3)`` with ``complete=True``.
For n = 4 a vertex of the row player's polytope has a slack of 3.8e-10, below the default
tolerance: float64 sees a degenerate vertex there, although the exact game is nondegenerate.
Every solver must return the one equilibrium, or say that its float answer is not settled.
"""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.generators import savani_von_stengel
from gametheory_af.solvers import _bimatrix as bimatrix_mod
from gametheory_af.solvers import support as support_mod
from gametheory_af.solvers._vertices import degeneracy_confirmed


def _run(method: str, game: gt.NormalFormGame, **kw: Any) -> tuple[gt.EquilibriumResult, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = getattr(gt, method)(game, **kw)
    return res, sorted({type(w.message).__name__ for w in caught})


def _profile(eq: Any) -> np.ndarray:
    return np.concatenate([np.asarray(p, dtype=float) for p in eq.profile])


_EXACT: dict[int, Any] = {}


def _the_equilibrium(n: int) -> Any:
    """The one equilibrium of ``savani_von_stengel(n)``, by exact vertex enumeration (cached)."""
    if n not in _EXACT:
        res, warn = _run("vertex_enumeration", savani_von_stengel(n), exact=True)
        assert warn == [] and res.complete and len(res) == 1
        _EXACT[n] = res[0]
    return _EXACT[n]


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize(
    "method, kw",
    [
        ("support_enumeration", {}),
        ("support_enumeration", {"exact": True}),
        ("vertex_enumeration", {}),
        ("nash_equilibria", {}),
    ],
)
def test_svs_games_have_their_one_equilibrium(n: int, method: str, kw: dict[str, Any]) -> None:
    # The unique equilibrium is fully mixed (supports of size 2n; the generator's Notes), so every
    # complete enumerator must return exactly it, with no warning.
    g = savani_von_stengel(n)
    ref = _the_equilibrium(n)
    assert ref.support == (tuple(range(2 * n)), tuple(range(2 * n)))
    res, warn = _run(method, g, **kw)
    assert warn == []
    assert res.complete
    assert len(res) == 1
    np.testing.assert_allclose(_profile(res[0]), _profile(ref), rtol=0, atol=1e-9)
    if kw.get("exact"):
        assert res[0].exact == ref.exact


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_lemke_howson_reaches_the_svs_equilibrium(n: int) -> None:
    # Lemke-Howson pivots in float64: on n = 4 (condition number 1.8e9) its profile is 1.6e-9 off
    # the exact one, within what that conditioning allows; its certificate is still below tol.
    res, warn = _run("lemke_howson", savani_von_stengel(n))
    assert warn == [] and len(res) == 1
    assert res[0].relative_regret <= 1e-9
    np.testing.assert_allclose(_profile(res[0]), _profile(_the_equilibrium(n)), rtol=0, atol=1e-7)


@pytest.mark.parametrize("method", ["support_enumeration", "vertex_enumeration", "nash_equilibria"])
def test_float_copy_of_svs4_is_honest(method: str) -> None:
    # The same payoffs as floats (no exact values to fall back on): float64 at tol = 1e-9 cannot
    # tell the vertex with slack 3.8e-10 from a degenerate one. The answer must say so
    # (a warning, complete=False) and still contain the true equilibrium, up to the tolerance.
    g = gt.NormalFormGame(savani_von_stengel(4).payoffs)
    res, warn = _run(method, g)
    assert warn == ["DegenerateGameWarning"]
    assert not res.complete
    ref = _profile(_the_equilibrium(4))
    assert min(np.abs(_profile(eq) - ref).max() for eq in res) < 1e-6
    assert all(eq.relative_regret <= 1e-9 for eq in res)


def test_svs4_float_degeneracy_is_not_confirmed_exactly() -> None:
    # Exactly (rational arithmetic), no vertex of P or Q of savani_von_stengel(4) has more than 8
    # labels; float64 with tie_tol = 1e-9 sees one (slack 3.8e-10), and the exact check rejects it.
    g = savani_von_stengel(4)
    w = bimatrix_mod.prepare(g)
    from gametheory_af.solvers._vertices import degenerate_game

    assert degenerate_game(w.An, w.Bn, 1e-9)
    assert not degeneracy_confirmed(g, w.An, w.Bn, 1e-9)
    # A truly degenerate game: the column player is indifferent (von Stengel 2007, Fig. 3.2-style).
    d = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 0], [0, 0]])
    wd = bimatrix_mod.prepare(d)
    assert degeneracy_confirmed(d, wd.An, wd.Bn, 1e-9)


def _full_support_system(n: int) -> np.ndarray:
    g = savani_von_stengel(n)
    Bn = bimatrix_mod.prepare(g).Bn
    k = 2 * n
    M = np.zeros((k + 1, k + 1))
    M[:k, :k] = Bn.T
    M[:k, k] = -1.0
    M[k, :k] = 1.0
    return M


@pytest.mark.parametrize("n, status", [(3, support_mod._OK), (4, support_mod._ILL_OK)])
def test_full_support_system_is_well_conditioned_not_singular(n: int, status: int) -> None:
    # The Hadamard ratio of the row player's full-support system [[B^T, -1], [1, 0]] is below
    # 1e-14 (8.5e-16 for n = 3: the old "singular" zone), but its reciprocal condition number
    # (1-norm: 1 / 3.3e6 for n = 3, 1 / 3.2e9 for n = 4) is not: n = 3 is above the threshold
    # RCOND_HIGH = 1e-8 and solved in float64 (status OK); n = 4 is below it and goes to the exact
    # re-solve (status ILL_OK: solvable and a mixed strategy in float64). Either way the float
    # solution agrees with the exact equilibrium's x, and nothing is called singular.
    M = _full_support_system(n)
    ratio = abs(np.linalg.det(M)) / np.prod(np.linalg.norm(M, axis=1))
    assert ratio < 1e-14
    rc = support_mod._rcond(M[None])[0]
    assert (rc > bimatrix_mod.RCOND_HIGH) == (status == support_mod._OK)
    assert rc > 1e-12
    np.testing.assert_allclose(rc, 1.0 / np.linalg.cond(M, 1), rtol=1e-6)
    kernel = support_mod._kernel()
    if kernel is None:  # pragma: no cover - depends on the environment
        pytest.skip("numba is not installed")
    k = 2 * n
    rows = np.arange(k, dtype=np.intp)[None]
    Bn = bimatrix_mod.prepare(savani_von_stengel(n)).Bn
    sol, stat = kernel(Bn, rows, rows, np.array([0]), np.array([0]), True, 1e-9, 1e-14, 1e-8)
    assert stat.tolist() == [status]
    x = _profile(_the_equilibrium(n))[:k]
    np.testing.assert_allclose(sol[0], x, rtol=0, atol=1e-8)


def test_rcond_of_singular_and_identity_matrices() -> None:
    # Identity: ||I||_1 ||I^-1||_1 = 1. A repeated row: singular, rc = 0 (numpy's inv fails on the
    # stack, so each matrix is inverted alone).
    stack = np.array([np.eye(3), [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [0.0, 0.0, 1.0]]])
    np.testing.assert_array_equal(support_mod._rcond(stack), [1.0, 0.0])


def _planted(seed: int, m: int, eps: int) -> gt.NormalFormGame:
    """An integer game whose row player's rows 0 and 1 differ by a few units in ``10**eps``."""
    rng = np.random.default_rng(seed)
    A = [[int(v) * 10**eps for v in row] for row in rng.integers(1, 10**6, (m, m))]
    B = [[int(v) * 10**eps for v in row] for row in rng.integers(1, 10**6, (m, m))]
    for j in range(m):
        A[1][j] = A[0][j] + int(rng.integers(1, 4))
        B[j][1] = B[j][0] + int(rng.integers(1, 4))
    return gt.NormalFormGame.from_bimatrix(A, B)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("eps", [6, 11, 14])
def test_planted_near_dependence_matches_the_exact_enumeration(seed: int, eps: int) -> None:
    # Rows 0 and 1 of A (columns 0 and 1 of B) agree to eps digits: after normalisation their
    # support systems are ill-conditioned (eps = 11, 14) or nearly so (eps = 6). The float routes
    # must agree with the rational enumeration over every support pair (or say they are not
    # complete): the same supports.
    g = _planted(seed, 4, eps)
    ex, _, _ = bimatrix_mod.exact_support_equilibria(g, bimatrix_mod.Budget(None, None))
    exact_vertices, _ = _run("vertex_enumeration", g, exact=True)
    for method in ("support_enumeration", "vertex_enumeration"):
        res, warn = _run(method, g)
        got = sorted(eq.support for eq in res)
        want = sorted(eq.support for eq in (ex if method == "support_enumeration" else exact_vertices))
        if res.complete:
            assert got == want
        else:
            assert warn  # incomplete answers always come with a warning
            assert set(got) <= set(want) | set(got)  # certified, if not all


def test_planted_ill_system_goes_to_the_exact_route() -> None:
    # eps = 14: rows 0 and 1 of A differ by a few units in 1e14, so the bordered system of the
    # support pair ({0, 1}, {0, 1}) has rc of order 1e-14 or below: the kernel never solves it in
    # float64 alone (status ILL or ILL_OK), unless normalisation made the two rows equal bit for
    # bit (it does here): then the system of the normalised game is exactly singular (SINGULAR),
    # as the rational re-solve on those floats would find.
    g = _planted(0, 4, 14)
    An = bimatrix_mod.prepare(g).An
    kernel = support_mod._kernel()
    if kernel is None:  # pragma: no cover - depends on the environment
        pytest.skip("numba is not installed")
    rows = np.array([[0, 1]], dtype=np.intp)
    _, stat = kernel(An, rows, rows, np.array([0]), np.array([0]), False, 1e-9, 1e-14, 1e-8)
    assert (An[0, :2] == An[1, :2]).all() and stat[0] == support_mod._SINGULAR
    An[1, 0] = np.nextafter(An[1, 0], 3.0)  # one unit in the last place apart: no certificate
    _, stat = kernel(An, rows, rows, np.array([0]), np.array([0]), False, 1e-9, 1e-14, 1e-8)
    assert stat[0] in (support_mod._ILL_OK, support_mod._ILL)


@given(
    st.lists(st.integers(0, 9), min_size=9, max_size=9),
    st.lists(st.integers(0, 9), min_size=9, max_size=9),
    st.integers(0, 15),
)
def test_scale_invariance_of_the_answer_set(a: list[int], b: list[int], k: int) -> None:
    # Multiplying both players' integer payoffs by 10**k is a positive linear map: the equilibria
    # (and the flags) cannot change.
    A = np.array(a, dtype=object).reshape(3, 3)
    B = np.array(b, dtype=object).reshape(3, 3)
    base = gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    big = gt.NormalFormGame.from_bimatrix((A * 10**k).tolist(), (B * 10**k).tolist())
    for method in ("support_enumeration", "vertex_enumeration"):
        r0, w0 = _run(method, base)
        r1, w1 = _run(method, big)
        assert (w0, r0.complete) == (w1, r1.complete)
        assert [eq.support for eq in r0] == [eq.support for eq in r1]
        for e0, e1 in zip(r0, r1):
            np.testing.assert_allclose(_profile(e0), _profile(e1), rtol=0, atol=1e-12)


def test_svs_exact_equilibrium_is_rational_and_has_zero_regret() -> None:
    # Cross-check of the reference itself: the exact profile of n = 3 sums to one per player and
    # every pure strategy earns the equilibrium payoff (fully mixed, so all are best responses).
    eq = _the_equilibrium(3)
    U = savani_von_stengel(3).exact_payoffs()
    x, y = (list(map(Fraction, p)) for p in eq.exact)
    assert sum(x) == 1 and sum(y) == 1
    row = [sum(U[0][i][j] * y[j] for j in range(6)) for i in range(6)]
    col = [sum(U[1][i][j] * x[i] for i in range(6)) for j in range(6)]
    assert len(set(row)) == 1 and len(set(col)) == 1
    assert list(itertools.chain(x, y)) == [Fraction(v) for v in itertools.chain(*eq.exact)]


def test_known_degenerate_games_skip_singular_systems() -> None:
    # A negative ill_low (support_enumeration passes it only for games whose degeneracy was
    # confirmed exactly) makes a system singular to working precision status SINGULAR (skipped)
    # instead of ILL (settled exactly): rows 0 and 2 of U differ by a constant (0.5), so the
    # bordered system is singular and rc = 0, with no two rows or columns equal (an exactly
    # repeated row or column is SINGULAR either way: an exact certificate). The numpy route agrees.
    U = np.array([[0.25, 0.5], [0.0, 1.0], [0.75, 1.0]])
    rows = np.array([[0, 2]], dtype=np.intp)
    cols = np.array([[0, 1]], dtype=np.intp)
    kernel = support_mod._kernel()
    if kernel is not None:
        _, stat = kernel(U, rows, cols, np.array([0]), np.array([0]), False, 1e-9, -1e-14, 1e-8)
        assert stat.tolist() == [support_mod._SINGULAR]
        _, stat = kernel(U, rows, cols, np.array([0]), np.array([0]), False, 1e-9, 1e-14, 1e-8)
        assert stat.tolist() == [support_mod._ILL]
    border = np.zeros((3, 3))
    border[:2, 2] = -1.0
    border[2, :2] = 1.0
    rhs = np.array([0.0, 0.0, 1.0])
    M = U[[0, 2]][None]
    for skip in (True, False):
        _, ok, unsettled = support_mod._bordered_solve(M, border, rhs, 1e-9, skip)
        assert ok.tolist() == [False] and not unsettled  # skipped, or found singular exactly
    # The same answers on a degenerate integer game (rows 0 and 2 equal) either way.
    g = gt.NormalFormGame.from_bimatrix([[3, 0, 1], [0, 2, 1], [3, 0, 1]], [[1, 0, 2], [0, 3, 1], [2, 1, 0]])
    res, warn = _run("support_enumeration", g)
    assert warn == ["DegenerateGameWarning"] and not res.complete
    assert all(eq.relative_regret == 0.0 or eq.relative_regret <= 1e-12 for eq in res)
