"""Issue 14's fast paths of two-player enumeration against the answers they replaced, and their routes.

``data/enum2p_reference.json.gz`` holds the answers of :func:`vertex_enumeration` and
:func:`support_enumeration` at commit afc4779 (before the speed-ups), frozen by :func:`_freeze` on the
games of :func:`_cases`: seeded random float games (nondegenerate), small-integer games (mostly
degenerate), large-integer games and the standard-normal games of the benchmarks. Every answer
must stay the same: same warnings, ``complete`` and ``n_iter``, the same equilibria in the same
order with the same supports, profiles and certificates equal to round-off (1e-13; the solves are
now factorised in compiled loops, not by LAPACK).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import random_game_payoffs
from gametheory_af.solvers import _bimatrix as bimatrix_mod
from gametheory_af.solvers import _vertices as vertices_mod
from gametheory_af.solvers import support as support_mod
from gametheory_af.solvers import vertex as vertex_mod
from tests.solvers._two_player import random_bimatrix

#: The route tests compare compiled kernels with their numpy routes: they need numba.
needs_numba = pytest.mark.skipif(importlib.util.find_spec("numba") is None, reason="numba is not installed")

REFERENCE = Path(__file__).with_name("data") / "enum2p_reference.json.gz"


def _cases() -> list[tuple[str, str, int, int, int]]:
    """``(method, kind, seed, m, n)`` of every frozen answer."""
    out = []
    for method in ("vertex_enumeration", "support_enumeration"):
        for seed in range(12):
            for m, n in [(2, 2), (3, 3), (4, 6), (6, 4), (5, 5), (6, 6), (7, 7), (8, 8)]:
                out.append((method, "float", seed, m, n))
            for m, n in [(3, 3), (4, 4), (5, 5), (6, 6), (4, 6), (7, 5)]:
                out.append((method, "small", seed, m, n))
            for m, n in [(4, 4), (5, 3)]:
                out.append((method, "large", seed, m, n))
        for seed in range(6):
            for s in (6, 8, 10):
                out.append((method, "normal", seed, s, s))
    return out


def _game(kind: str, seed: int, m: int, n: int) -> gt.NormalFormGame:
    if kind == "normal":
        return gt.NormalFormGame(random_game_payoffs((m, n), seed=seed))
    return random_bimatrix(seed, m, n, kind)


def _answer(method: str, game: gt.NormalFormGame) -> dict[str, Any]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = getattr(gt, method)(game)
    return {
        "warnings": sorted({w.category.__name__ for w in caught}),
        "complete": res.complete,
        "n_iter": res.n_iter,
        "equilibria": [
            {
                "support": [list(s) for s in eq.support],
                "profile": [[float(v).hex() for v in p] for p in eq.profile],
                "payoffs": [float(v).hex() for v in eq.payoffs],
                "max_regret": float(eq.max_regret).hex(),
                "relative_regret": float(eq.relative_regret).hex(),
            }
            for eq in res
        ],
    }


def _freeze(path: Path = REFERENCE) -> None:  # pragma: no cover - run once, by hand, to write the file
    out = [dict(method=c[0], kind=c[1], seed=c[2], m=c[3], n=c[4], **_answer(c[0], _game(*c[1:]))) for c in _cases()]
    with gzip.open(path, "wt") as fh:
        json.dump(out, fh, separators=(",", ":"))


def _reference() -> dict[tuple[str, str, int, int, int], dict[str, Any]]:
    with gzip.open(REFERENCE, "rt") as fh:
        return {(r["method"], r["kind"], r["seed"], r["m"], r["n"]): r for r in json.load(fh)}


_REF = _reference()


def _floats(values: list[str]) -> np.ndarray:
    return np.array([float.fromhex(v) for v in values])


def test_the_reference_covers_every_case() -> None:
    assert sorted(_REF) == sorted(_cases())
    # Degenerate games are among them (a test that cannot see degeneracy could not fail on it).
    assert sum("DegenerateGameWarning" in r["warnings"] for r in _REF.values()) >= 40


@pytest.mark.parametrize("case", _cases(), ids=lambda c: "-".join(map(str, c)))
def test_same_answers_as_before_the_speed_ups(case: tuple[str, str, int, int, int]) -> None:
    ref = dict(_REF[case], **_FIXED.get(case, {}))
    new = _answer(case[0], _game(*case[1:]))
    assert new["warnings"] == ref["warnings"]
    assert (new["complete"], new["n_iter"]) == (ref["complete"], ref["n_iter"])
    assert [e["support"] for e in new["equilibria"]] == [e["support"] for e in ref["equilibria"]]
    # Issue 14 (compiled certification): regrets are rounded sums taken in another order than BLAS's,
    # so max_regret may move by a few ulps of the payoff range (8 allowed; large games: ulp ~ 2e-10).
    span = np.ptp(np.asarray(_game(*case[1:]).payoffs, dtype=np.float64).reshape(2, -1), axis=1).max()
    regret_bound = {"max_regret": max(1e-13, 8 * float(np.spacing(span))), "relative_regret": 1e-13}
    for a, b in zip(new["equilibria"], ref["equilibria"]):
        for p, q in zip(a["profile"], b["profile"]):
            np.testing.assert_allclose(_floats(p), _floats(q), rtol=0, atol=1e-13)
        np.testing.assert_allclose(_floats(a["payoffs"]), _floats(b["payoffs"]), rtol=1e-12, atol=1e-12)
        for key in ("max_regret", "relative_regret"):
            assert abs(float.fromhex(a[key]) - float.fromhex(b[key])) <= regret_bound[key]


#: Answers that changed on purpose since the reference was frozen. ``normal-1-10-10``: the old
#: Hadamard-ratio test (|det| / product of row norms) called more than 64 of its support systems
#: ill-conditioned, so the result warned and was not complete; their reciprocal condition numbers
#: are all above 1e-8 (issue 14), so the same equilibria now come certified complete.
_FIXED: dict[tuple[str, str, int, int, int], dict[str, Any]] = {
    ("support_enumeration", "normal", 1, 10, 10): {"warnings": [], "complete": True},
}


# ---------------------------------------------------------------------------- routes of the fast paths

ROUTE_GAMES = [("float", s, m, n) for s in range(8) for m, n in [(3, 3), (4, 5), (6, 6), (8, 7)]] + [
    ("small", s, m, n) for s in range(8) for m, n in [(3, 3), (4, 4), (5, 6), (6, 6)]
]


def _run(game: gt.NormalFormGame, method: str, **kw: Any) -> tuple[gt.EquilibriumResult, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = getattr(gt, method)(game, **kw)
    return res, sorted({w.category.__name__ for w in caught})


def _assert_same(a: tuple[gt.EquilibriumResult, list[str]], b: tuple[gt.EquilibriumResult, list[str]], atol: float = 1e-13) -> None:
    (ra, wa), (rb, wb) = a, b
    assert wa == wb
    assert (ra.complete, ra.converged, ra.n_iter) == (rb.complete, rb.converged, rb.n_iter)
    assert [eq.support for eq in ra] == [eq.support for eq in rb]
    for x, y in zip(ra, rb):
        for p, q in zip(x.profile, y.profile):
            np.testing.assert_allclose(p, q, rtol=0, atol=atol)
        assert abs(x.relative_regret - y.relative_regret) <= atol


@needs_numba
@pytest.mark.parametrize("case", ROUTE_GAMES, ids=lambda c: "-".join(map(str, c)))
def test_vertex_compiled_partners_match_the_numpy_route(case: tuple[str, int, int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    game = _game(*case)
    fast = _run(game, "vertex_enumeration")
    monkeypatch.setattr(vertex_mod, "_COMPILED", [None])
    _assert_same(fast, _run(game, "vertex_enumeration"))


@needs_numba
@pytest.mark.parametrize("case", ROUTE_GAMES, ids=lambda c: "-".join(map(str, c)))
def test_vertex_matching_by_codes_matches_the_matrix_product(case: tuple[str, int, int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    game = _game(*case)
    # Force the matching of both polytopes (as for singular partner systems), keyed and not.
    monkeypatch.setattr(vertex_mod, "_partners", lambda *a: None)
    keyed = _run(game, "vertex_enumeration")
    monkeypatch.setattr(vertex_mod, "_KEYED_LABELS", 0)
    _assert_same(keyed, _run(game, "vertex_enumeration"), atol=0.0)


@needs_numba
def test_matching_by_codes_finds_the_same_index_pairs_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Label matrices with simple and degenerate rows and columns, matched chunk by chunk (2 rows at a time).
    rng = np.random.default_rng(7)
    m, n = 3, 4
    LX = rng.random((40, m + n)) < 0.5
    LY = rng.random((50, m + n)) < 0.55
    LX[:10] = False
    LX[:10, :m] = True  # simple rows: exactly m labels ...
    LY[:10] = ~LX[:10]  # ... whose complements are simple vertices of Q
    monkeypatch.setattr(vertex_mod, "_MATCH_ROWS", 2)
    budget = bimatrix_mod.Budget(None, None)
    ii, jj, stopped = vertex_mod._match(LX, LY, m, n, budget)
    want = [(i, j) for i in range(len(LX)) for j in range(len(LY)) if (LX[i] | LY[j]).all()]
    assert not stopped and list(zip(ii.tolist(), jj.tolist())) == want and len(want) >= 10
    monkeypatch.setattr(vertex_mod, "_KEYED_LABELS", 0)
    ii2, jj2, _ = vertex_mod._match(LX, LY, m, n, budget)
    assert list(zip(ii2.tolist(), jj2.tolist())) == want


@needs_numba
def test_matching_stops_at_the_time_bound() -> None:
    LX = np.ones((5, 4), dtype=bool)
    budget = bimatrix_mod.Budget(1e-9, None)
    time.sleep(1e-3)
    ii, jj, stopped = vertex_mod._match(LX, LX, 2, 2, budget)
    assert stopped and ii.size == 0 and budget.stopped == "max_time was reached"


@needs_numba
@pytest.mark.parametrize("compiled", [True, False])
@pytest.mark.parametrize("seed", range(6))
def test_ill_conditioned_partner_systems_are_settled_exactly(compiled: bool, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Call every partner system ill-conditioned: each is then solved in rational arithmetic, and the
    # equilibria must be those of the float route (to round-off).
    game = _game("float", seed, 5, 6)
    ref = _run(game, "vertex_enumeration")
    if not compiled:
        monkeypatch.setattr(vertex_mod, "_COMPILED", [None])
    monkeypatch.setattr(vertex_mod, "ILL_HIGH", 1e6)
    monkeypatch.setattr(vertex_mod, "_MAX_EXACT_RESOLVES", 10**6)
    calls = []
    original = vertex_mod._exact_partner
    monkeypatch.setattr(vertex_mod, "_exact_partner", lambda *a: calls.append(1) or original(*a))
    _assert_same(ref, _run(game, "vertex_enumeration"), atol=1e-12)
    assert len(calls) >= 10
    # More ill-conditioned systems than may be re-solved: both polytopes are matched instead.
    monkeypatch.setattr(vertex_mod, "_MAX_EXACT_RESOLVES", 3)
    _assert_same(ref, _run(game, "vertex_enumeration"), atol=1e-12)


@needs_numba
def test_exact_partner_rejects_singular_and_infeasible_systems() -> None:
    A0 = np.array([[0.0, 1.0], [0.0, 1.0]])  # identical rows: the system of S = {0, 1} is singular
    assert vertex_mod._exact_partner(A0, np.array([False, False, True, True]), 1e-9) is None
    # Labels (x_0 = 0, x_1 = 0, column 0 tight, column 1 tight); S = support of x, T = tight columns.
    A0 = np.array([[0.0, 1.0], [1.0, 0.0]])
    # S = T = {0}: y = (1, 0) with u = A0[0, 0] = 0, but row 1 earns A0[1, 0] = 1 > u.
    ok, y = vertex_mod._exact_partner(A0, np.array([False, True, True, False]), 1e-9)  # type: ignore[misc]
    assert not ok and y.tolist() == [1.0, 0.0]
    # S = {1}, T = {0}: y = (1, 0) with u = A0[1, 0] = 1; row 0 earns 0 <= u.
    ok, y = vertex_mod._exact_partner(A0, np.array([True, False, True, False]), 1e-9)  # type: ignore[misc]
    assert ok and y.tolist() == [1.0, 0.0]


@needs_numba
@pytest.mark.parametrize("case", ROUTE_GAMES, ids=lambda c: "-".join(map(str, c)))
def test_support_one_call_sweep_matches_the_chunked_route(case: tuple[str, int, int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    game = _game(*case)
    support_mod._kernel()
    fast = _run(game, "support_enumeration")
    monkeypatch.setattr(support_mod, "_COMPILED", support_mod._COMPILED[:2])  # the chunked compiled route
    _assert_same(fast, _run(game, "support_enumeration"), atol=0.0)


@needs_numba
def test_support_one_call_sweep_falls_back_when_not_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    # A chunk with an ill-conditioned system: the one-call sweep gives way to the chunked route, which
    # settles it; the pairs it counted are given back, so n_iter is that of the chunked route.
    support_mod._kernel()
    game = _game("float", 3, 4, 4)
    ref = _run(game, "support_enumeration")
    monkeypatch.setattr(support_mod, "ILL_HIGH", 1e6)
    monkeypatch.setattr(support_mod, "_MAX_EXACT_RESOLVES", 10**6)
    res = _run(game, "support_enumeration")
    _assert_same(ref, res, atol=1e-12)
    assert res[0].n_iter == 69  # C(8, 4) - 1 support pairs


@needs_numba
def test_support_one_call_sweep_is_skipped_when_it_does_not_apply(monkeypatch: pytest.MonkeyPatch) -> None:
    support_mod._kernel()
    An, Bn = np.ones((3, 3)) + np.eye(3), np.ones((3, 3)) + np.eye(3)
    assert support_mod._sweep_small(An, Bn, 1e-9, bimatrix_mod.Budget(None, 5)) is None  # a count bound
    big = np.ones((10, 10))
    assert support_mod._sweep_small(big, big, 1e-9, bimatrix_mod.Budget(None, None)) is None  # 252**2 pairs > a chunk
    budget = bimatrix_mod.Budget(1e-9, None)
    time.sleep(1e-3)
    assert support_mod._sweep_small(An, Bn, 1e-9, budget) is None  # time is up: nothing spent
    assert budget.count == 0 and budget.stopped is None


@needs_numba
@pytest.mark.parametrize("n, k", [(1, 1), (4, 2), (6, 3), (7, 7), (9, 4)])
def test_combinations_in_itertools_order(n: int, k: int) -> None:
    from itertools import combinations

    assert support_mod._combinations(n, k).tolist() == [list(c) for c in combinations(range(n), k)]


def _degenerate_by_labels(An: np.ndarray, Bn: np.ndarray, tol: float) -> bool:
    """The degeneracy test as it was: label matrices of both polytopes."""
    m, n = An.shape
    _, LX = vertices_mod.polytope_vertices(Bn.T, tol=tol)
    _, LY = vertices_mod.polytope_vertices(An, tol=tol)
    return bool((LX.sum(axis=1) > m).any() or (LY.sum(axis=1) > n).any())


@needs_numba
@pytest.mark.parametrize("kind", ["float", "small"])
def test_degenerate_game_counts_labels_as_the_label_matrices_do(kind: str) -> None:
    found = []
    for seed in range(30):
        for m, n in [(1, 3), (2, 2), (3, 4), (5, 5)]:
            w = bimatrix_mod.prepare(random_bimatrix(seed, m, n, kind))
            got = vertices_mod.degenerate_game(w.An, w.Bn, 1e-9)
            assert got == _degenerate_by_labels(w.An, w.Bn, 1e-9)
            found.append(got)
    # Both answers occur (float games are nondegenerate, most small-integer ones degenerate).
    assert (kind == "small") == (sum(found) > len(found) // 2)


@needs_numba
def test_degenerate_pairs_in_one_batch_agree_with_one_by_one() -> None:
    assert not support_mod._degenerate_pairs(np.ones((2, 2)), np.ones((2, 2)), [], 1e-9)
    seen = set()
    for seed in range(40):
        game = random_bimatrix(seed, 4, 4, "small")
        w = bimatrix_mod.prepare(game)
        eqs = list(_run(game, "vertex_enumeration")[0])
        for eq in eqs:
            one = bimatrix_mod.is_degenerate_pair(w.An, w.Bn, eq.profile[0], eq.profile[1], 1e-9)
            assert support_mod._degenerate_pairs(w.An, w.Bn, [eq], 1e-9) == one
            seen.add(one)
        assert support_mod._degenerate_pairs(w.An, w.Bn, eqs, 1e-9) == any(
            bimatrix_mod.is_degenerate_pair(w.An, w.Bn, eq.profile[0], eq.profile[1], 1e-9) for eq in eqs
        )
    assert seen == {True, False}


@needs_numba
@pytest.mark.parametrize("d", [2, 3, 5, 8])
def test_hull_equations_are_those_of_convexhull(d: int) -> None:
    from scipy.spatial import ConvexHull

    points = np.random.default_rng(d).standard_normal((3 * d, d))
    np.testing.assert_array_equal(vertices_mod.hull_equations(points), ConvexHull(points).equations)


@needs_numba
@pytest.mark.parametrize("kind", ["float", "small"])
def test_simple_vertices_are_those_of_polytope_vertices(kind: str) -> None:
    vertex_mod._kernel()
    seen = set()
    for seed in range(20):
        w = bimatrix_mod.prepare(random_bimatrix(seed, 4, 5, kind))
        C = w.Bn.T
        got = vertex_mod._simple_vertices(C, 1e-9)
        Z, L = vertices_mod.polytope_vertices(C, tol=1e-9)
        keep = Z.sum(axis=1) > 1e-9
        Z, L = Z[keep], L[keep]
        simple = bool((L.sum(axis=1) == C.shape[1]).all())
        seen.add(simple)
        if not simple:
            assert got is None  # a degenerate vertex: the general route
            continue
        assert got is not None
        np.testing.assert_array_equal(got[0], Z)
        np.testing.assert_array_equal(got[1], L)
    # Float games are nondegenerate; integer payoffs 0..2 tie, and their polytope P is degenerate.
    assert seen == ({True} if kind == "float" else {False})
    assert vertex_mod._simple_vertices(np.ones((3, 1)), 1e-9) is None  # one dimension: no hull


@needs_numba
def test_support_one_call_sweep_hands_over_at_an_ill_conditioned_size(monkeypatch: pytest.MonkeyPatch) -> None:
    # With the threshold raised to rc <= 1e-3, the benchmarks' 8 x 8 game of seed 2 has an
    # ill-conditioned support system of some size k > 1 (none of size 1: [[a, -1], [1, 0]] with
    # a in [1, 2] has rc >= 1/9): the compiled call returns the sizes before it, the chunked
    # route does the rest.
    support_mod._kernel()
    monkeypatch.setattr(support_mod, "ILL_HIGH", 1e-3)
    game = _game("normal", 2, 8, 8)
    w = bimatrix_mod.prepare(game)
    _, _, first = support_mod._sweep_small(w.An, w.Bn, 1e-9, bimatrix_mod.Budget(None, None))
    assert 1 < first <= 8
    fast = _run(game, "support_enumeration")
    monkeypatch.setattr(support_mod, "_COMPILED", support_mod._COMPILED[:2])
    _assert_same(fast, _run(game, "support_enumeration"), atol=0.0)
    assert fast[0].n_iter == 12869  # C(16, 8) - 1: every pair counted once
