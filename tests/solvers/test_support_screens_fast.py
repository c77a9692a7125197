"""support_enumeration's two screens change no answer: conditional dominance, and equal lines for singular systems.

A pair ``(I, J)`` is dropped before its systems are solved when a row in ``I`` is beaten by another
row, against every column of ``J``, by more than the margin of ``support._prune_margin`` (or a column
in ``J`` on the rows of ``I``). The claim is that the deviation tests would reject every such pair
anyway, so the results with and without the screen are the same bit for bit: equilibria, order,
profiles, ``n_iter``, ``complete`` and warnings. Checked on seeded and hypothesis-drawn games, games
with integer ties, games built with dominance margins on either side of the threshold, and on both
the compiled and the numpy route.
"""

from __future__ import annotations

import warnings
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.solvers import _bimatrix as bm
from gametheory_af.solvers import support as support_mod
from gametheory_af.solvers.support import support_enumeration

pytest.importorskip("numba")


def _run(game: gt.NormalFormGame, prune: bool, compiled: bool = True, **kw: object):  # type: ignore[no-untyped-def]
    saved = support_mod._PRUNE, list(support_mod._COMPILED)
    support_mod._kernel()
    try:
        support_mod._PRUNE = prune
        if not compiled:
            support_mod._COMPILED[:] = [None]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = support_enumeration(game, **kw)  # type: ignore[arg-type]
    finally:
        support_mod._PRUNE = saved[0]
        support_mod._COMPILED[:] = saved[1]
    return res, sorted({w.category.__name__ for w in caught})


def _assert_identical(game: gt.NormalFormGame, compiled: bool = True, **kw: object) -> gt.EquilibriumResult:
    on, on_warn = _run(game, True, compiled, **kw)
    off, off_warn = _run(game, False, compiled, **kw)
    assert on_warn == off_warn
    assert (on.complete, on.converged, on.n_iter) == (off.complete, off.converged, off.n_iter)
    assert [eq.support for eq in on] == [eq.support for eq in off]
    for a, b in zip(on, off):
        for p, q in zip(a.profile, b.profile):
            assert p.tobytes() == q.tobytes()
        assert a.exact == b.exact
        assert a.relative_regret == b.relative_regret
    return on


def _brute_dominated(U: np.ndarray, supports: np.ndarray, trans: bool, margin: float) -> np.ndarray:
    """The definition of ``_dominated_loops``, one entry at a time."""
    V = U.T if trans else U
    D = np.zeros((len(supports), V.shape[0]), dtype=bool)
    for s, S in enumerate(supports.tolist()):
        for i in range(V.shape[0]):
            D[s, i] = any(all(V[i2, o] - V[i, o] > margin for o in S) for i2 in range(V.shape[0]) if i2 != i)
    return D


@pytest.mark.parametrize("seed", range(10))
def test_dominance_tables_match_the_definition(seed: int) -> None:
    support_mod._kernel()
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(1, 7)), int(rng.integers(1, 7))
    U = rng.standard_normal((m, n)) if seed % 2 else rng.integers(0, 3, (m, n)).astype(float)
    margin = [0.0, 1e-9, 0.3][seed % 3]
    for k in range(1, min(m, n) + 1):
        cols = np.array(list(combinations(range(n), k)), dtype=np.intp)
        rows = np.array(list(combinations(range(m), k)), dtype=np.intp)
        for supports, trans in ((cols, False), (rows, True)):
            want = _brute_dominated(U, supports, trans, margin)
            assert support_mod._dominated_jit(U, supports, trans, margin).tolist() == want.tolist()
            assert support_mod._dominated_numpy(U, supports, trans, margin).tolist() == want.tolist()


def test_dominance_tables_of_the_prisoners_dilemma() -> None:
    # Defecting beats cooperating by 1 against either column (payoffs normalised to [0, 1]: by 1/5
    # and 1/3), for each player: every support pair with a cooperation in it is ruled out, and the
    # one left, (defect, defect), is the equilibrium.
    work = bm.prepare(gt.catalog.prisoners_dilemma())
    for k in (1, 2):
        rows = cols = np.array(list(combinations(range(2), k)), dtype=np.intp)
        rowdom, coldom = support_mod._dominance_tables(work.An, work.Bn, rows, cols, 1e-9, True)
        assert rowdom[:, 0].all() and not rowdom[:, 1].any()
        assert coldom[:, 0].all() and not coldom[:, 1].any()
    res = _assert_identical(gt.catalog.prisoners_dilemma())
    assert [eq.support for eq in res] == [((1,), (1,))]


def test_the_margin_grows_with_the_tolerance_and_the_support() -> None:
    assert support_mod._prune_margin(1, 1e-9) < support_mod._prune_margin(3, 1e-9) < support_mod._prune_margin(3, 1e-6)
    assert support_mod._prune_margin(6, 1e-9) > 8 * 1e-9


def test_oversized_tables_rule_nothing_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(support_mod, "_MAX_TABLE", 3)
    work = bm.prepare(gt.catalog.prisoners_dilemma())
    rows = np.array([[0], [1]], dtype=np.intp)
    rowdom, coldom = support_mod._dominance_tables(work.An, work.Bn, rows, rows, 1e-9, True)
    assert rowdom.shape == (0, 2) and coldom.shape == (0, 2)


@pytest.mark.parametrize("size", [(2, 2), (3, 3), (4, 6), (6, 6), (7, 3), (8, 8)])
@pytest.mark.parametrize("seed", range(5))
def test_the_screen_changes_no_answer_on_random_games(size: tuple[int, int], seed: int) -> None:
    rng = np.random.default_rng(1000 * seed + size[0] * 10 + size[1])
    res = _assert_identical(gt.NormalFormGame(rng.standard_normal((2, *size))))
    assert len(res) >= 1


@pytest.mark.parametrize("seed", range(8))
def test_the_screen_changes_no_answer_on_games_with_ties(seed: int) -> None:
    # Integer payoffs from a small range: ties, degenerate games, singular systems settled exactly.
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    _assert_identical(gt.NormalFormGame(rng.integers(0, 3, (2, m, n))))
    _assert_identical(gt.NormalFormGame(rng.integers(0, 3, (2, m, n)).astype(float)))


@pytest.mark.parametrize("tol", [1e-9, 1e-4, 1e-2])
@pytest.mark.parametrize("factor", [0.0, 0.1, 0.25, 0.5, 0.999, 1.0, 1.001, 2.0])
@pytest.mark.parametrize("seed", range(3))
def test_the_screen_changes_no_answer_at_the_threshold(tol: float, factor: float, seed: int) -> None:
    # Row 1 is row 0 plus ``factor`` times the margin on every column (on the normalised scale):
    # just inside, at and just outside the threshold, with tolerances that make it macroscopic.
    rng = np.random.default_rng(seed)
    A = rng.uniform(0.1, 0.9, (5, 5))
    B = rng.uniform(0.1, 0.9, (5, 5))
    A[:, 0], A[:, 1] = 0.0, 1.0  # the row player's range is exactly [0, 1]: no rescaling
    A[2, :] = rng.uniform(0.1, 0.9, 5)
    B[0, :], B[1, :] = 0.0, 1.0
    for k in (1, 2, 3):
        delta = factor * support_mod._prune_margin(k, max(tol, bm.MIN_TIE_TOL))
        A2 = A.copy()
        A2[4, 2:] = A2[3, 2:] + delta  # dominance on the columns {2, 3, 4} only
        B2 = B.copy()
        B2[2:, 4] = B2[2:, 3] + delta
        if factor > 1.0 and k == 3:  # not vacuous: the screen sees the dominance built in
            work = bm.prepare(gt.NormalFormGame([A2, B2]))
            supp = np.array([[2, 3, 4]], dtype=np.intp)
            margin = support_mod._prune_margin(k, max(tol, bm.MIN_TIE_TOL))
            assert support_mod._dominated_jit(work.An, supp, False, margin)[0, 3]
            assert support_mod._dominated_jit(work.Bn, supp, True, margin)[0, 3]
        _assert_identical(gt.NormalFormGame([A2, B2]), tol=tol)
        _assert_identical(gt.NormalFormGame([A2, B2]), compiled=False, tol=tol)


@pytest.mark.parametrize("seed", range(4))
def test_the_screen_changes_no_answer_on_the_numpy_and_chunked_routes(seed: int) -> None:
    rng = np.random.default_rng(seed)
    game = gt.NormalFormGame(rng.standard_normal((2, 5, 6)))
    _assert_identical(game, compiled=False)
    saved = support_mod._CHUNK
    try:
        support_mod._CHUNK = 7  # many chunks per size, on the staged (chunked) route
        _assert_identical(game)
    finally:
        support_mod._CHUNK = saved


@settings(max_examples=60)
@given(
    m=st.integers(1, 6),
    n=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
    integer=st.booleans(),
)
def test_the_screen_changes_no_answer_property(m: int, n: int, seed: int, integer: bool) -> None:
    rng = np.random.default_rng(seed)
    P = rng.integers(-2, 3, (2, m, n)) if integer else rng.standard_normal((2, m, n))
    _assert_identical(gt.NormalFormGame(P))


def test_the_screen_changes_no_answer_on_the_hard_families() -> None:
    from gametheory_af.generators import savani_von_stengel

    for n in (2, 3):
        _assert_identical(savani_von_stengel(n))
    _assert_identical(gt.catalog.rock_paper_scissors())
    _assert_identical(gt.catalog.rock_paper_scissors(), exact=True)


# --- singular systems certified by two equal rows or columns -------------------------------------


def _brute_repeated(M: np.ndarray) -> bool:
    k = M.shape[0]
    pairs = [(a, b) for a in range(k) for b in range(a + 1, k)]
    return any(M[a].tolist() == M[b].tolist() or M[:, a].tolist() == M[:, b].tolist() for a, b in pairs)


@pytest.mark.parametrize("seed", range(6))
def test_repeated_lines_match_the_definition(seed: int) -> None:
    support_mod._kernel()
    rng = np.random.default_rng(seed)
    U = rng.integers(0, 2, (6, 6)).astype(float)  # 0/1 entries: many repeated lines
    for k in (2, 3, 4):
        rows = np.array(list(combinations(range(6), k)), dtype=np.intp)
        for I in rows:
            for J in rows:
                want = _brute_repeated(U[np.ix_(I, J)])
                assert support_mod._repeated_jit(U, I, J, k) == want
    # -0.0 == 0.0: equal as numbers, so the rows are equal and the system singular.
    V = np.array([[0.0, 1.0], [-0.0, 1.0]])
    both = np.array([0, 1], dtype=np.intp)
    assert support_mod._repeated_jit(V, both, both, 2)


def _exact_supports(game: gt.NormalFormGame) -> list[tuple[tuple[int, ...], ...]]:
    eqs, _, _ = bm.exact_support_equilibria(game, bm.Budget(None, None))
    return sorted(eq.support for eq in eqs)


@pytest.mark.parametrize("compiled", [True, False])
def test_hard_families_agree_with_the_rational_enumeration(compiled: bool) -> None:
    # Imitation and Savani-von Stengel games have hundreds of exactly singular support systems
    # (repeated payoff rows): certified by two equal lines on both routes, with the same answers
    # as the enumeration in rational arithmetic over every support pair.
    from gametheory_af.generators import imitation_game, savani_von_stengel

    games = [savani_von_stengel(2), savani_von_stengel(3)]
    games += [imitation_game(np.random.default_rng(s).standard_normal((n, n))) for s, n in ((0, 5), (1, 6))]
    for game in games:
        res, warn = _run(game, True, compiled)
        assert res.complete and "DegenerateGameWarning" not in warn
        assert sorted(eq.support for eq in res) == _exact_supports(game)


def test_the_numpy_route_certifies_the_same_systems() -> None:
    # _bordered_solve (numpy) drops exactly the systems _repeated_lines certifies before any
    # rational re-solve: with the re-solve disabled, the certified ones are still settled.
    rng = np.random.default_rng(5)
    M = rng.integers(0, 2, (200, 3, 3)).astype(float)
    border = np.zeros((4, 4))
    border[:3, 3] = -1.0
    border[3, :3] = 1.0
    rhs = np.array([0.0, 0.0, 0.0, 1.0])
    saved = support_mod._MAX_EXACT_RESOLVES
    try:
        support_mod._MAX_EXACT_RESOLVES = 0  # any ill-conditioned system left would be "unsettled"
        certified = np.array([_brute_repeated(m) for m in M])
        _, ok, unsettled = support_mod._bordered_solve(M[certified], border, rhs, 1e-9)
        assert certified.sum() > 50 and not ok.any() and not unsettled
    finally:
        support_mod._MAX_EXACT_RESOLVES = saved
