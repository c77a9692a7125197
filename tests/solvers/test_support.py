"""support_enumeration: known answers, pygambit agreement, integer games with large payoffs, properties."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.solvers.support import support_enumeration
from gametheory_af.solvers.vertex import vertex_enumeration
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


@pytest.mark.parametrize("entry", TWO_PLAYER, ids=[f"support_enumeration-{e.name}" for e in TWO_PLAYER])
def test_catalog_known_equilibria(entry: gt.catalog.CatalogEntry) -> None:
    res = support_enumeration(entry.game)
    assert res.method == "support_enumeration" and res.complete
    check_certificates(entry.game, res)
    known = [np.array([float(p) for s in eq for p in s]) for eq in entry.equilibria]
    assert same_set(vectors(res), known, tol=1e-12)


@pytest.mark.parametrize("entry", TWO_PLAYER, ids=[e.name for e in TWO_PLAYER])
def test_catalog_exact(entry: gt.catalog.CatalogEntry) -> None:
    res = support_enumeration(entry.game, exact=True)
    assert exact_set(res) == set(entry.equilibria)
    check_certificates(entry.game, res)


@pytest.mark.parametrize("size", [(2, 2), (3, 4), (5, 5), (6, 6), (7, 5)])
@pytest.mark.parametrize("seed", range(3))
def test_agrees_with_gambit_on_random_games(size: tuple[int, int], seed: int) -> None:
    pytest.importorskip("pygambit")
    game = random_bimatrix(seed, *size)
    res = support_enumeration(game)
    assert res.complete
    check_certificates(game, res)
    assert same_set(vectors(res), gambit_enummixed(game))


@pytest.mark.parametrize("size", [(4, 4), (6, 6)])
@pytest.mark.parametrize("seed", range(8))
def test_integer_games_with_large_payoffs(size: tuple[int, int], seed: int) -> None:
    # Exact float comparisons (as in nashpy's support enumeration) lose equilibria of such games.
    pytest.importorskip("pygambit")
    game = random_bimatrix(seed, *size, kind="large")
    res = quiet(support_enumeration, game)
    check_certificates(game, res)
    if res.complete:
        assert same_set(vectors(res), gambit_enummixed(game))


@pytest.mark.parametrize("seed", range(3))
def test_exact_mode_on_large_integer_payoffs(seed: int) -> None:
    game = random_bimatrix(50 + seed, 5, 5, kind="large")
    res = quiet(support_enumeration, game, exact=True)
    check_certificates(game, res)
    assert all(all(isinstance(p, Fraction) for s in eq.exact for p in s) for eq in res)
    assert same_set(vectors(res), vectors(quiet(support_enumeration, game)), tol=1e-9)


def test_degenerate_game_warns_and_is_not_complete() -> None:
    # A pure strategy with two best responses: the game is degenerate.
    game = gt.NormalFormGame.from_bimatrix([[1, 1], [0, 2]], [[1, 1], [0, 2]])
    with pytest.warns(gt.DegenerateGameWarning, match="support_enumeration: the game is degenerate"):
        res = support_enumeration(game)
    assert not res.complete
    check_certificates(game, res)
    extreme = quiet(vertex_enumeration, game)
    assert all(any(np.abs(v - w).max() < 1e-9 for w in vectors(extreme)) for v in vectors(res))


def test_continuum_of_equilibria_is_reported() -> None:
    # Against the column mix (1/2, 1/2) all three rows are best responses (three best responses
    # to a support of two), and the row player may mix rows 0-2 along a segment of equilibria.
    game = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 2], [1, 1]], [[1, 0], [0, 1], [0, 0]])
    with pytest.warns(gt.DegenerateGameWarning):
        res = support_enumeration(game)
    assert not res.complete


def test_nondegenerate_game_is_complete_without_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = support_enumeration(random_bimatrix(3, 4, 4))
    assert res.complete
    assert res.n_iter == sum(math.comb(4, k) ** 2 for k in range(1, 5))


def test_chunking_gives_the_same_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from gametheory_af.solvers import support as support_mod

    game = random_bimatrix(9, 5, 5)
    expected = vectors(support_enumeration(game))
    monkeypatch.setattr(support_mod, "_CHUNK", 7)
    assert same_set(vectors(support_enumeration(game)), expected, tol=1e-12)


def test_singular_support_systems_are_skipped() -> None:
    # Identical rows make many indifference systems singular; the answer is still right.
    game = gt.NormalFormGame.from_bimatrix([[1, 0], [1, 0], [0, 1]], [[0, 1], [0, 1], [1, 0]])
    res = quiet(support_enumeration, game)
    check_certificates(game, res)
    assert len(res) >= 1


# ---------------------------------------------------------------------------- properties
@settings(max_examples=25)
@given(bimatrix_games(max_strategies=4, integer=False))
def test_agrees_with_vertex_enumeration_on_nondegenerate_games(game: gt.NormalFormGame) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", gt.DegenerateGameWarning)
        res = support_enumeration(game)
    if not res.complete:
        assert any(issubclass(w.category, gt.DegenerateGameWarning) for w in caught)
        return
    assert same_set(vectors(res), vectors(quiet(vertex_enumeration, game)))


@settings(max_examples=20)
@given(bimatrix_games(max_strategies=4), st.floats(0.5, 20), st.floats(-10, 10))
def test_positive_affine_transformation_keeps_equilibria(game: gt.NormalFormGame, a: float, b: float) -> None:
    A, B = game.payoffs
    other = gt.NormalFormGame.from_bimatrix(a * A + b, B - b)
    assert same_set(vectors(quiet(support_enumeration, game)), vectors(quiet(support_enumeration, other)))


@settings(max_examples=20)
@given(bimatrix_games(max_strategies=4), st.data())
def test_relabelling_strategies_permutes_equilibria(game: gt.NormalFormGame, data: st.DataObject) -> None:
    m, n = game.shape
    pr = data.draw(permutations_of(m))
    pc = data.draw(permutations_of(n))
    A, B = game.payoffs
    permuted = gt.NormalFormGame.from_bimatrix(A[np.ix_(pr, pc)], B[np.ix_(pr, pc)])
    expected = [np.concatenate([eq.profile[0][pr], eq.profile[1][pc]]) for eq in quiet(support_enumeration, game)]
    assert same_set(vectors(quiet(support_enumeration, permuted)), expected)


@settings(max_examples=20)
@given(bimatrix_games(max_strategies=4))
def test_only_equilibria_are_returned(game: gt.NormalFormGame) -> None:
    res = quiet(support_enumeration, game)
    check_certificates(game, res)
    assert len(res) >= 1 or not res.complete  # a nondegenerate game has an equilibrium


# ---------------------------------------------------------------------------- errors
def test_rejects_games_without_two_players() -> None:
    with pytest.raises(gt.GameError, match=r"support_enumeration: game must have 2 players; got 3 \(shape \(2, 2, 2\)\)\."):
        support_enumeration(gt.catalog.volunteers_dilemma())
    with pytest.raises(gt.GameError, match="must have 2 players; got 1"):
        support_enumeration(gt.NormalFormGame([[1.0, 2.0]]))


def test_rejects_bad_options() -> None:
    with pytest.raises(gt.GameError, match="support_enumeration: tol"):
        support_enumeration(gt.catalog.chicken(), tol=float("nan"))
    with pytest.raises(TypeError, match="support_enumeration: game must be a NormalFormGame"):
        support_enumeration(None)  # type: ignore[arg-type]
