"""lemke_howson: every label on catalog games, degenerate games, both kernels, exact mode, errors."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
from hypothesis import given, settings

import gametheory_af as gt
from gametheory_af.solvers.lemke_howson import _exact_path, _pivot_numpy, iter_lemke_howson, lemke_howson
from gametheory_af.solvers.vertex import vertex_enumeration
from tests.solvers._two_player import check_certificates, quiet, random_bimatrix, same_set, vectors
from tests.strategies import bimatrix_games

# The package re-exports the function under the module's name, so fetch the module itself.
lh_mod = importlib.import_module("gametheory_af.solvers.lemke_howson")

TWO_PLAYER = [e for e in gt.catalog.entries() if e.game.n_players == 2]


@pytest.fixture(params=["compiled", "numpy"])
def kernel(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with the default kernel (numba if installed) and with the numpy fallback."""
    if request.param == "numpy":
        monkeypatch.setattr(lh_mod, "_COMPILED", [_pivot_numpy, None])
    return str(request.param)


def _in(vec: np.ndarray, vecs: list[np.ndarray], tol: float = 1e-9) -> bool:
    return any(np.abs(vec - v).max() <= tol for v in vecs)


@pytest.mark.parametrize("entry", TWO_PLAYER, ids=[f"lemke_howson-{e.name}" for e in TWO_PLAYER])
def test_catalog_every_label_finds_a_known_equilibrium(entry: gt.catalog.CatalogEntry, kernel: str) -> None:
    known = [np.array([float(p) for s in eq for p in s]) for eq in entry.equilibria]
    m, n = entry.game.shape
    for k in range(m + n):
        res = lemke_howson(entry.game, initial_label=k)
        assert res.method == "lemke_howson" and not res.complete and res.converged
        assert len(res) == 1 and res.n_iter >= 1
        check_certificates(entry.game, res)
        assert _in(vectors(res)[0], known, tol=1e-12)


@pytest.mark.parametrize("entry", TWO_PLAYER, ids=[e.name for e in TWO_PLAYER])
def test_catalog_exact(entry: gt.catalog.CatalogEntry) -> None:
    res = lemke_howson(entry.game, initial_label="all", exact=True)
    assert {eq.exact for eq in res} <= set(entry.equilibria)
    check_certificates(entry.game, res)


@pytest.mark.parametrize("size", [(3, 3), (5, 7), (8, 8), (10, 6)])
@pytest.mark.parametrize("seed", range(3))
def test_random_games_end_at_extreme_equilibria(size: tuple[int, int], seed: int, kernel: str) -> None:
    game = random_bimatrix(seed, *size)
    extreme = vectors(vertex_enumeration(game))
    res = lemke_howson(game, initial_label="all")
    check_certificates(game, res)
    assert all(_in(v, extreme) for v in vectors(res))


@pytest.mark.parametrize("size", [(3, 3), (4, 4), (6, 6), (8, 8)])
@pytest.mark.parametrize("seed", range(4))
def test_degenerate_games_do_not_cycle(size: tuple[int, int], seed: int, kernel: str) -> None:
    # Integer payoffs 0..2 are degenerate more often than not; lexicographic pivoting still ends
    # every path at a completely labelled vertex pair, an extreme equilibrium.
    game = random_bimatrix(100 + seed, *size, kind="small")
    extreme = vectors(quiet(vertex_enumeration, game))
    res = lemke_howson(game, initial_label="all", max_iter=10_000)
    assert res.converged
    check_certificates(game, res)
    assert all(_in(v, extreme) for v in vectors(res))


@pytest.mark.parametrize("seed", range(3))
def test_agrees_with_quantecon(seed: int) -> None:
    qg = pytest.importorskip("quantecon.game_theory")
    game = random_bimatrix(seed, 12, 12)
    A, B = game.payoffs
    q = qg.NormalFormGame((qg.Player(A.copy()), qg.Player(B.T.copy())))
    for k in (0, 5, 13):
        ours = vectors(lemke_howson(game, initial_label=k))[0]
        theirs = np.concatenate(qg.lemke_howson(q, init_pivot=k))
        assert np.abs(ours - theirs).max() < 1e-9


@pytest.mark.parametrize("seed", range(3))
def test_agrees_with_gambit_lcp_on_the_equilibrium_set(seed: int) -> None:
    gbt = pytest.importorskip("pygambit")
    game = random_bimatrix(seed, 6, 6)
    A, B = game.payoffs
    theirs = gbt.nash.lcp_solve(gbt.Game.from_arrays(A, B), rational=False).equilibria
    extreme = vectors(vertex_enumeration(game))
    for eq in theirs:  # both methods end at extreme equilibria
        vec = np.array([float(eq[s]) for p in eq.game.players for s in p.strategies])
        assert _in(vec, extreme, tol=1e-6)
    assert all(_in(v, extreme) for v in vectors(lemke_howson(game, initial_label="all")))


def test_large_games_and_large_payoffs() -> None:
    game = random_bimatrix(0, 60, 40, kind="large")
    res = lemke_howson(game)
    check_certificates(game, res)
    res = lemke_howson(random_bimatrix(1, 100, 100))
    check_certificates(random_bimatrix(1, 100, 100), res)


@pytest.mark.parametrize("seed", range(3))
def test_exact_mode_matches_float_mode(seed: int) -> None:
    game = random_bimatrix(seed, 6, 5, kind="large")
    for k in (0, 7):
        ex = lemke_howson(game, initial_label=k, exact=True)
        fl = lemke_howson(game, initial_label=k)
        check_certificates(game, ex)
        assert ex[0].max_regret == 0.0
        assert same_set(vectors(ex), vectors(fl), tol=1e-9)


@pytest.mark.parametrize("seed", range(3))
def test_rational_pivoting_follows_the_same_path(seed: int) -> None:
    game = random_bimatrix(seed, 5, 5, kind="small")
    for k in range(10):
        exact = _exact_path(game, k, 10_000)
        assert len(exact) == 1 and exact[0].exact is not None
        assert same_set(vectors(gt.EquilibriumResult(tuple(exact), "x", False)), vectors(lemke_howson(game, initial_label=k)))


def test_iter_lemke_howson_yields_one_equilibrium_per_label() -> None:
    game = gt.catalog.stag_hunt()
    pairs = list(iter_lemke_howson(game))
    assert [k for k, _ in pairs] == [0, 1, 2, 3]
    assert [eq.support for _, eq in pairs] == [eq.support for k in range(4) for eq in lemke_howson(game, initial_label=k)]
    assert [k for k, _ in iter_lemke_howson(game, initial_label=[3, 1])] == [3, 1]


def test_all_labels_merges_duplicates() -> None:
    res = lemke_howson(gt.catalog.battle_of_the_sexes(), initial_label="all")
    assert [eq.support for eq in res] == [((0,), (0,)), ((1,), (1,))]
    assert res.parameters["initial_label"] == "all"


def test_max_iter_reached_warns_and_returns_nothing() -> None:
    game = random_bimatrix(2, 8, 8)
    with pytest.warns(gt.ConvergenceWarning, match="exceeded max_iter=1"):
        res = lemke_howson(game, max_iter=1)
    assert not res.converged and len(res) == 0 and res.n_iter == 1
    with pytest.warns(gt.ConvergenceWarning):
        assert list(iter_lemke_howson(game, initial_label=[0], max_iter=1)) == []


@settings(max_examples=25)
@given(bimatrix_games(max_strategies=5))
def test_every_label_gives_an_extreme_equilibrium(game: gt.NormalFormGame) -> None:
    extreme = vectors(quiet(vertex_enumeration, game))
    res = lemke_howson(game, initial_label="all")
    assert res.converged
    check_certificates(game, res)
    assert all(_in(v, extreme) for v in vectors(res))


@settings(max_examples=15)
@given(bimatrix_games(max_strategies=4))
def test_exact_mode_gives_zero_regret(game: gt.NormalFormGame) -> None:
    res = lemke_howson(game, initial_label="all", exact=True)
    assert res and all(eq.exact is not None and eq.max_regret == 0.0 for eq in res)


# ---------------------------------------------------------------------------- errors
def test_rejects_games_without_two_players() -> None:
    with pytest.raises(gt.GameError, match=r"lemke_howson: game must have 2 players; got 3 \(shape \(2, 2, 2\)\)"):
        lemke_howson(gt.catalog.jordan_game())
    with pytest.raises(gt.GameError, match="iter_lemke_howson: game must have 2 players"):
        next(iter_lemke_howson(gt.catalog.jordan_game()))


def test_rejects_bad_labels_and_options() -> None:
    g = gt.catalog.chicken()
    with pytest.raises(gt.GameError, match=r"initial_label must be in \[0, 4\) for a 2 x 2 game"):
        lemke_howson(g, initial_label=4)
    with pytest.raises(gt.GameError, match="initial_label must be an int in"):
        lemke_howson(g, initial_label="first")
    with pytest.raises(TypeError, match="initial_label must be an int or 'all'"):
        lemke_howson(g, initial_label=1.0)  # type: ignore[arg-type]
    with pytest.raises(gt.GameError, match="max_iter must be an integer >= 1; got 0"):
        lemke_howson(g, max_iter=0)
    with pytest.raises(TypeError, match="iter_lemke_howson: initial_labels must be an iterable of ints; got int 3"):
        next(iter_lemke_howson(g, initial_labels=3))
    with pytest.raises(gt.GameError, match="lemke_howson: tol"):
        lemke_howson(g, tol=-1)


def test_iter_lemke_howson_initial_label_and_its_deprecated_plural():
    g = gt.catalog.battle_of_the_sexes()
    assert [k for k, _ in iter_lemke_howson(g, initial_label=2)] == [2]
    assert [k for k, _ in iter_lemke_howson(g, initial_label="all")] == [0, 1, 2, 3]
    with pytest.warns(DeprecationWarning, match="use initial_label=... instead"):
        assert [k for k, _ in iter_lemke_howson(g, initial_labels=[3, 1])] == [3, 1]
    with pytest.raises(TypeError, match="initial_label must be an int, 'all' or an iterable of ints; got float"):
        next(iter_lemke_howson(g, initial_label=1.0))
    with pytest.raises(gt.GameError, match="initial_label entry must be in"):
        next(iter_lemke_howson(g, initial_label=[0, 9]))
