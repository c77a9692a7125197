"""vertex_enumeration: known answers, pygambit/nashpy agreement (degenerate games included), properties."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.solvers import vertex as vertex_mod
from gametheory_af.solvers._vertices import basis_vertices
from gametheory_af.solvers.vertex import polytope_vertices, vertex_enumeration
from tests.solvers._two_player import (
    check_certificates,
    exact_set,
    gambit_enummixed,
    quiet,
    random_bimatrix,
    same_set,
    vectors,
)
from tests.strategies import bimatrix_games, permutations_of

TWO_PLAYER = [e for e in gt.catalog.entries() if e.game.n_players == 2]


@pytest.mark.parametrize("entry", TWO_PLAYER, ids=[f"vertex_enumeration-{e.name}" for e in TWO_PLAYER])
def test_catalog_known_equilibria(entry: gt.catalog.CatalogEntry) -> None:
    res = vertex_enumeration(entry.game)
    assert res.method == "vertex_enumeration" and res.complete and res.converged
    check_certificates(entry.game, res)
    known = [np.array([float(p) for s in eq for p in s]) for eq in entry.equilibria]
    assert same_set(vectors(res), known, tol=1e-12)


@pytest.mark.parametrize("entry", TWO_PLAYER, ids=[e.name for e in TWO_PLAYER])
def test_catalog_exact(entry: gt.catalog.CatalogEntry) -> None:
    res = vertex_enumeration(entry.game, exact=True)
    assert exact_set(res) == set(entry.equilibria)
    assert all(isinstance(p, Fraction) for eq in res for s in eq.exact for p in s)
    check_certificates(entry.game, res)
    assert res.parameters["exact"] is True


@pytest.mark.parametrize("size", [(2, 2), (3, 3), (4, 4), (3, 5), (6, 6), (8, 8), (7, 4)])
@pytest.mark.parametrize("seed", range(3))
def test_agrees_with_gambit_on_random_games(size: tuple[int, int], seed: int) -> None:
    pytest.importorskip("pygambit")
    game = random_bimatrix(seed, *size, kind="float")
    res = vertex_enumeration(game)
    check_certificates(game, res)
    assert same_set(vectors(res), gambit_enummixed(game))


@pytest.mark.parametrize("size", [(2, 3), (3, 3), (4, 4), (5, 3), (5, 5), (6, 6), (8, 8)])
@pytest.mark.parametrize("seed", range(4))
def test_agrees_with_gambit_on_degenerate_games(size: tuple[int, int], seed: int) -> None:
    pytest.importorskip("pygambit")
    game = random_bimatrix(100 + seed, *size, kind="small")
    res = quiet(vertex_enumeration, game)
    assert res.complete
    check_certificates(game, res)
    assert same_set(vectors(res), gambit_enummixed(game))


@pytest.mark.parametrize("seed", range(4))
def test_agrees_with_nashpy_on_nondegenerate_games(seed: int) -> None:
    nashpy = pytest.importorskip("nashpy")
    game = random_bimatrix(200 + seed, 4, 5, kind="float")
    A, B = game.payoffs
    theirs = [np.concatenate(eq) for eq in nashpy.Game(A, B).vertex_enumeration()]
    assert same_set(vectors(vertex_enumeration(game)), theirs)


@pytest.mark.parametrize("size", [(4, 4), (6, 6)])
@pytest.mark.parametrize("seed", range(3))
def test_large_integer_payoffs_exact(size: tuple[int, int], seed: int) -> None:
    pytest.importorskip("pygambit")
    game = random_bimatrix(300 + seed, *size, kind="large")
    res = quiet(vertex_enumeration, game, exact=True)
    check_certificates(game, res)
    assert all(eq.max_regret == 0.0 for eq in res)
    floats = quiet(vertex_enumeration, game)
    assert same_set(vectors(res), vectors(floats), tol=1e-9)
    assert same_set(vectors(res), gambit_enummixed(game))


def test_degenerate_game_warns_and_returns_extreme_points() -> None:
    # The column player is indifferent everywhere: a continuum of equilibria.
    game = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 0], [0, 0]])
    with pytest.warns(gt.DegenerateGameWarning, match="degenerate"):
        res = vertex_enumeration(game, exact=True)
    half = Fraction(1, 2)
    expected = {
        ((Fraction(1), Fraction(0)), (Fraction(1), Fraction(0))),
        ((Fraction(0), Fraction(1)), (Fraction(0), Fraction(1))),
        ((Fraction(1), Fraction(0)), (half, half)),
        ((Fraction(0), Fraction(1)), (half, half)),
    }
    assert exact_set(res) == expected


def test_nondegenerate_game_does_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        vertex_enumeration(random_bimatrix(1, 5, 5))


@pytest.mark.parametrize("shape", [(1, 1), (1, 4), (4, 1), (2, 1)])
def test_games_with_a_single_strategy(shape: tuple[int, int]) -> None:
    game = random_bimatrix(7, *shape)
    res = quiet(vertex_enumeration, game)
    assert same_set(vectors(res), vectors(gt.pure_nash(game)))


def test_transposed_game_gives_transposed_equilibria() -> None:
    game = random_bimatrix(11, 3, 6)
    A, B = game.payoffs
    swapped = gt.NormalFormGame.from_bimatrix(B.T, A.T)
    ours = [np.concatenate([eq.profile[1], eq.profile[0]]) for eq in vertex_enumeration(swapped)]
    assert same_set(vectors(vertex_enumeration(game)), ours, tol=1e-12)


def test_qhull_failure_falls_back_to_basis_enumeration(monkeypatch: pytest.MonkeyPatch) -> None:
    game = random_bimatrix(5, 4, 4, kind="small")
    expected = vectors(quiet(vertex_enumeration, game))
    import gametheory_af.solvers._vertices as vertices_mod

    monkeypatch.setattr(vertices_mod, "hull_vertices", lambda C: None)
    assert same_set(vectors(quiet(vertex_enumeration, game)), expected, tol=1e-12)


@pytest.mark.parametrize("kind", ["float", "small"])
@pytest.mark.parametrize("seed", range(3))
def test_polytope_vertices_match_basis_enumeration(kind: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    C = rng.random((5, 4)) + 1 if kind == "float" else rng.integers(1, 3, (5, 4)).astype(float)
    V, L = polytope_vertices(C)
    W = basis_vertices(C, 1e-9)
    assert same_set(list(V), list(W), tol=1e-9)
    assert L.shape == (len(V), 4 + 5)
    assert np.array_equal(L[:, :4], V <= 1e-9)


def test_result_ordering_and_metadata() -> None:
    res = vertex_enumeration(gt.catalog.battle_of_the_sexes(), tol=1e-8)
    assert [eq.support for eq in res] == [((0,), (0,)), ((1,), (1,)), ((0, 1), (0, 1))]
    assert dict(res.parameters) == {"tol": 1e-8, "exact": False, "max_time": None, "max_vertices": None}
    assert res.n_iter is not None and res.n_iter > 0


# ---------------------------------------------------------------------------- properties
@settings(max_examples=25)
@given(bimatrix_games(max_strategies=4), st.floats(0.5, 20), st.floats(-10, 10), st.floats(0.5, 20), st.floats(-10, 10))
def test_positive_affine_transformations_keep_equilibria(
    game: gt.NormalFormGame, a0: float, b0: float, a1: float, b1: float
) -> None:
    A, B = game.payoffs
    other = gt.NormalFormGame.from_bimatrix(a0 * A + b0, a1 * B + b1)
    assert same_set(vectors(quiet(vertex_enumeration, game)), vectors(quiet(vertex_enumeration, other)))


@settings(max_examples=25)
@given(bimatrix_games(max_strategies=4), st.data())
def test_relabelling_strategies_permutes_equilibria(game: gt.NormalFormGame, data: st.DataObject) -> None:
    m, n = game.shape
    pr = data.draw(permutations_of(m))
    pc = data.draw(permutations_of(n))
    A, B = game.payoffs
    permuted = gt.NormalFormGame.from_bimatrix(A[np.ix_(pr, pc)], B[np.ix_(pr, pc)])
    expected = [np.concatenate([eq.profile[0][pr], eq.profile[1][pc]]) for eq in quiet(vertex_enumeration, game)]
    assert same_set(vectors(quiet(vertex_enumeration, permuted)), expected)


@settings(max_examples=20)
@given(bimatrix_games(max_strategies=4))
def test_exact_mode_agrees_with_float_mode(game: gt.NormalFormGame) -> None:
    exact = quiet(vertex_enumeration, game, exact=True)
    check_certificates(game, exact)
    assert same_set(vectors(exact), vectors(quiet(vertex_enumeration, game)))


@settings(max_examples=20)
@given(bimatrix_games(max_strategies=4))
def test_swapping_players_swaps_equilibria(game: gt.NormalFormGame) -> None:
    A, B = game.payoffs
    swapped = gt.NormalFormGame.from_bimatrix(B.T, A.T)
    expected = [np.concatenate([eq.profile[1], eq.profile[0]]) for eq in quiet(vertex_enumeration, swapped)]
    assert same_set(vectors(quiet(vertex_enumeration, game)), expected)


# ---------------------------------------------------------------------------- errors
def test_rejects_games_without_two_players() -> None:
    with pytest.raises(gt.GameError, match=r"vertex_enumeration: game must have 2 players; got 3 \(shape \(2, 2, 2\)\)"):
        vertex_enumeration(gt.catalog.jordan_game())


def test_rejects_non_games_and_bad_options() -> None:
    with pytest.raises(TypeError, match="vertex_enumeration: game must be a NormalFormGame"):
        vertex_enumeration([[1, 2], [3, 4]])  # type: ignore[arg-type]
    with pytest.raises(gt.GameError, match="vertex_enumeration: tol must be >= 0; got -1.0"):
        vertex_enumeration(gt.catalog.chicken(), tol=-1.0)
    with pytest.raises(TypeError, match="exact must be True or False"):
        vertex_enumeration(gt.catalog.chicken(), exact="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", range(3))
def test_nondegenerate_games_enumerate_one_polytope_only(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # The fast path (partners of P's vertices, one convex hull) must hold on random games;
    # enumerating Q as well is the fallback for degenerate ones. Both routes count: the compiled
    # one reads Qhull's facets (hull_facets), the numpy one calls polytope_vertices.
    calls = []
    original = vertex_mod.polytope_vertices
    original_facets = vertex_mod.hull_facets

    def counting(C: np.ndarray, *, tol: float = 1e-9) -> tuple[np.ndarray, np.ndarray]:
        calls.append(C.shape)
        return original(C, tol=tol)

    def counting_facets(C: np.ndarray) -> tuple[np.ndarray, float] | None:
        calls.append(C.shape)
        return original_facets(C)

    monkeypatch.setattr(vertex_mod, "polytope_vertices", counting)
    monkeypatch.setattr(vertex_mod, "hull_facets", counting_facets)
    game = gt.NormalFormGame(np.random.default_rng(seed).standard_normal((2, 10, 10)))
    res = vertex_enumeration(game)
    assert len(calls) == 1 and len(res) >= 1
    calls.clear()
    monkeypatch.setattr(vertex_mod, "_COMPILED", [None])
    assert len(vertex_enumeration(game)) == len(res) and len(calls) == 1
