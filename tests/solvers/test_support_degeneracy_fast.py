"""Issue 14: the compiled degeneracy test (a pivoting walk over the best-response polytopes) gives
the verdict of the Qhull route it replaced, on every kind of game, and falls back to Qhull where
it does not apply.

``degenerate_game`` decides whether :func:`support_enumeration` may call its answer complete; the
walk (:func:`~gametheory_af.solvers._vertices._pivot_degenerate`) must say "degenerate" exactly
when the Qhull route (:func:`~gametheory_af.solvers._vertices._has_degenerate_vertex`) does.
"""

from __future__ import annotations

import importlib.util
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gametheory_af as gt
from benchmarks.conftest import random_game_payoffs
from gametheory_af.solvers import _vertices as vertices_mod
from gametheory_af.solvers._bimatrix import prepare

pytestmark = pytest.mark.skipif(importlib.util.find_spec("numba") is None, reason="the walk is compiled by numba")

TOL = 1e-9


def _polytopes(game: gt.NormalFormGame) -> list[np.ndarray]:
    """The constraint matrices of ``P`` (``B^T``) and ``Q`` (``A``), payoffs normalised to [1, 2]."""
    w = prepare(game)
    return [np.ascontiguousarray(w.Bn.T), np.ascontiguousarray(w.An)]


def _check(game: gt.NormalFormGame) -> bool:
    """Walk and Qhull agree on each polytope (the walk decides: it is never undecided here); the verdict."""
    verdicts = []
    for C in _polytopes(game):
        walk = vertices_mod._pivot_degenerate(C, TOL)
        assert walk is not None
        assert walk == vertices_mod._has_degenerate_vertex(C, TOL), C
        verdicts.append(walk)
    w = prepare(game)
    got = vertices_mod.degenerate_game(w.An, w.Bn, TOL)
    assert got == any(verdicts)
    return got


def _bimatrix(A: np.ndarray, B: np.ndarray) -> gt.NormalFormGame:
    return gt.NormalFormGame.from_bimatrix(A, B)


# --- exact values derived by hand -----------------------------------------------------------------


def test_a_triangle_is_simple() -> None:
    # {z >= 0 : z1 + z2 <= 1}: vertices (0,0), (1,0), (0,1), each with exactly 2 binding constraints.
    assert vertices_mod._pivot_degenerate(np.array([[1.0, 1.0]]), TOL) is False


def test_a_repeated_constraint_is_a_degenerate_vertex() -> None:
    # Two copies of z1 + z2 <= 1: the vertex (1, 0) has z2 = 0 and both rows binding, 3 labels > 2.
    assert vertices_mod._pivot_degenerate(np.array([[1.0, 1.0], [1.0, 1.0]]), TOL) is True


def test_three_facets_through_one_vertex_of_a_square() -> None:
    # z1 <= 1/2, z2 <= 1/2 (rows 2 z1 <= 1 and 2 z2 <= 1) and z1 + z2 <= 1 all bind at (1/2, 1/2):
    # a 2-dimensional vertex with 3 labels. Entries 2 and 1 (with a tiny 1e-9 * 0 change none).
    C = np.array([[2.0, 1e-300], [1e-300, 2.0], [1.0, 1.0]])
    assert vertices_mod._pivot_degenerate(C, TOL) is True
    # Move the diagonal facet inwards (z1 + z2 <= 1/1.1): it cuts the corner, the vertices are simple.
    C[2] = [1.1, 1.1]
    assert vertices_mod._pivot_degenerate(C, TOL) is False


def test_a_slack_within_the_tolerance_counts_as_a_label() -> None:
    # The diagonal facet 1 - 1e-11 from the corner: a slack of about 1e-11 at (1/2, 1/2), below TOL
    # (degenerate up to it, as the Qhull route says), above a tolerance of 1e-13.
    C = np.array([[2.0, 1e-300], [1e-300, 2.0], [1.0 + 1e-11, 1.0 + 1e-11]])
    assert vertices_mod._pivot_degenerate(C, TOL) is True
    assert vertices_mod._has_degenerate_vertex(C, TOL) is True
    assert vertices_mod._pivot_degenerate(C, 1e-13) is False
    assert vertices_mod._has_degenerate_vertex(C, 1e-13) is False


def test_matching_pennies_is_nondegenerate_and_a_dominated_tie_is_not() -> None:
    assert _check(gt.catalog.matching_pennies()) is False
    # Row 2 duplicates row 1 for the column player (B has two equal rows): x = (1/2, 1/2, 0)-type
    # points of P have 2 labels from z and both copies of the binding column: degenerate.
    A = np.array([[1, 0], [1, 0], [0, 1]])
    B = np.array([[0, 1], [0, 1], [1, 0]])
    assert _check(_bimatrix(A, B)) is True


# --- the walk's own exits ---------------------------------------------------------------------------


def test_too_many_vertices_is_undecided_and_qhull_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    C = _polytopes(gt.NormalFormGame(random_game_payoffs((6, 6), seed=3)))[1]
    assert vertices_mod._pivot_degenerate(C, TOL, max_vertices=5) is None
    assert vertices_mod._pivot_degenerate(C, TOL) is False
    calls = []
    original = vertices_mod._has_degenerate_vertex

    def counting(C: np.ndarray, tol: float) -> bool:
        calls.append(C.shape)
        return original(C, tol)

    monkeypatch.setattr(vertices_mod, "_has_degenerate_vertex", counting)
    monkeypatch.setattr(vertices_mod, "_MAX_WALK_VERTICES", 5)
    monkeypatch.setattr(vertices_mod._pivot_degenerate, "__defaults__", (5,))
    assert vertices_mod._degenerate_polytope(C, TOL) is False
    assert calls == [(6, 6)]


def test_too_many_constraints_go_to_qhull(monkeypatch: pytest.MonkeyPatch) -> None:
    # 62 constraints of one variable: c + d = 63 labels do not fit the int64 mask of a basis.
    walked = []
    monkeypatch.setattr(vertices_mod, "_pivot_degenerate", lambda C, tol: walked.append(C.shape) or None)
    C = np.linspace(1.0, 2.0, 62)[:, None]
    assert vertices_mod._degenerate_polytope(C, TOL) is False  # z <= 1/2 binds alone at z = 1/2
    assert vertices_mod._degenerate_polytope(np.ones((62, 1)), TOL) is True  # 62 copies of z <= 1
    assert walked == []
    assert vertices_mod._degenerate_polytope(C[:61], TOL) is False
    assert walked == [(61, 1)]


def test_the_walk_itself_on_one_dimension_and_on_62_constraints() -> None:
    # d = 1: the segment [0, 1 / max C]; simple unless the largest entry is repeated.
    assert vertices_mod._pivot_degenerate(np.array([[1.0], [2.0], [1.5]]), TOL) is False
    assert vertices_mod._pivot_degenerate(np.array([[1.0], [2.0], [2.0]]), TOL) is True
    # 31 + 31 labels fit: a 31 x 31 diagonal-dominant box cut by nothing else is a cube, simple.
    C = np.eye(31) + 1e-300
    assert vertices_mod._pivot_degenerate(C, TOL, max_vertices=10) is None  # 2**31 vertices: gives up


def test_a_singular_basis_and_an_unbounded_edge_are_undecided() -> None:
    # With tol = -1 no slack counts as a label, so the walk goes on past (1, 0), where both rows bind
    # (slack 0): along the first row's edge the second row's rate is -1e-13, its ratio 0, and the basis
    # of the two rows has the pivot 1e-13 after elimination: no vertex to compute.
    assert vertices_mod._pivot_degenerate(np.array([[1.0, 1.0], [1.0, 1.0 + 1e-13]]), -1.0) is None
    # A zero column: z2 grows without bound along the edge leaving z2 = 0 (no constraint blocks it).
    assert vertices_mod._pivot_degenerate(np.array([[1.0, 0.0]]), TOL) is None


def test_the_hash_table_and_the_stack_grow() -> None:
    # A 9 x 9 random polytope has hundreds of vertices: the table (64 slots at first) is doubled
    # several times and the verdict is still the Qhull route's.
    C = _polytopes(gt.NormalFormGame(random_game_payoffs((9, 9), seed=0)))[0]
    assert len(vertices_mod.hull_vertices(C)) > 200
    assert vertices_mod._pivot_degenerate(C, TOL) is False
    assert vertices_mod._has_degenerate_vertex(C, TOL) is False


# --- the same verdict as the Qhull route, on many games ----------------------------------------------


@pytest.mark.parametrize(
    "m, n", [(1, 1), (1, 5), (5, 1), (2, 2), (3, 4), (4, 3), (6, 6), (7, 5), (8, 8), (10, 10), (12, 12)]
)
def test_random_normal_games_are_nondegenerate_on_both_routes(m: int, n: int) -> None:
    seeds = range(6) if m * n < 100 else range(1)
    for seed in seeds:
        assert _check(gt.NormalFormGame(random_game_payoffs((m, n), seed=seed))) is False


@pytest.mark.parametrize("m, n", [(1, 3), (3, 1), (2, 2), (3, 3), (4, 5), (6, 6), (7, 7), (9, 9), (12, 12)])
def test_games_with_tied_integer_payoffs(m: int, n: int) -> None:
    rng = np.random.default_rng(1000 * m + n)
    count = 25 if m < 9 else 3
    verdicts = [_check(_bimatrix(rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n)))) for _ in range(count)]
    if m * n >= 9:
        assert any(verdicts)  # payoffs in {0, 1, 2}: ties are everywhere


@pytest.mark.parametrize("name", gt.catalog.names())
def test_catalog_games(name: str) -> None:
    game = gt.catalog.get(name).game
    if len(game.shape) != 2:
        pytest.skip("not a two-player game")
    _check(game)


def test_generator_families() -> None:
    for k in (1, 2, 3, 4):
        _check(gt.generators.savani_von_stengel(k))
    rng = np.random.default_rng(7)
    for n in (2, 3, 5, 7):
        B = rng.integers(0, 10, (n, n))
        _check(gt.generators.imitation_game(B))
        _check(gt.generators.unit_vector_game(B, list(rng.integers(0, n, n))))
        _check(gt.generators.imitation_game(rng.standard_normal((n, n))))
    for rho in (-0.999, -0.9, 0.0, 0.9, 0.999, 1.0):
        for s in (3, 6, 9):
            _check(gt.generators.covariant_game((s, s), rho, seed=s))


def test_duplicated_rows_or_columns() -> None:
    # A strategy copied for both players: a copied row of A is a repeated constraint of Q (and a
    # copied column of B one of P), degenerate wherever it binds; the copies of the other player's
    # payoffs only repeat a coordinate. Both routes must agree either way; the originals are simple.
    rng = np.random.default_rng(11)
    verdicts = []
    for m, n in [(1, 3), (2, 2), (3, 4), (6, 6), (8, 5)]:
        A, B = rng.standard_normal((m, n)), rng.standard_normal((m, n))
        verdicts.append(_check(_bimatrix(np.vstack([A, A[:1]]), np.vstack([B, B[:1]]))))
        verdicts.append(_check(_bimatrix(np.hstack([A, A[:, :1]]), np.hstack([B, B[:, :1]]))))
        assert _check(_bimatrix(A, B)) is False
    assert sum(verdicts) >= len(verdicts) // 2


def test_exact_payoffs_and_degenerate_confirmation_are_unchanged() -> None:
    # savani_von_stengel(4) has a near-tie (slack 3.8e-10 < TOL): both routes flag it, and the exact
    # confirmation (unchanged) says it is no degeneracy.
    g = gt.generators.savani_von_stengel(4)
    w = prepare(g)
    assert _check(g) is True
    assert not vertices_mod.degeneracy_confirmed(g, w.An, w.Bn, TOL)
    half = Fraction(1, 2)
    assert _check(_bimatrix(np.array([[half, 0], [0, half]], dtype=object), np.array([[1, 0], [0, 1]]))) is False


@given(
    arrays(np.int64, st.tuples(st.integers(1, 6), st.integers(1, 6)), elements=st.integers(0, 3)),
    st.integers(0, 2**32 - 1),
)
def test_hypothesis_integer_and_float_games(A: np.ndarray, seed: int) -> None:
    rng = np.random.default_rng(seed)
    B = rng.integers(0, 4, A.shape)
    _check(_bimatrix(A, B))
    _check(_bimatrix(A + rng.standard_normal(A.shape) * 1e-3, rng.standard_normal(A.shape)))


def test_support_enumeration_completeness_follows_the_verdict() -> None:
    # A nondegenerate random game: complete, no warning; a tied one: DegenerateGameWarning.
    g = gt.NormalFormGame(random_game_payoffs((6, 6), seed=5))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gt.support_enumeration(g).complete
    d = _bimatrix(np.array([[1, 1], [0, 0]]), np.array([[1, 1], [0, 0]]))
    with pytest.warns(gt.exceptions.DegenerateGameWarning):
        assert not gt.support_enumeration(d).complete
