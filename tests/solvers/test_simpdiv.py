"""simpdiv: one equilibrium by simplicial subdivision with restarts (van der Laan, Talman & van der Heyden)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers.simpdiv import simpdiv


def _random(shape, seed, integers=None):
    rng = np.random.default_rng(seed)
    if integers is None:
        return gt.NormalFormGame(rng.normal(size=(len(shape), *shape)))
    return gt.NormalFormGame(rng.integers(-integers, integers + 1, size=(len(shape), *shape)).tolist())


def _certified(game, res, tol=None):
    tol = 1e-9 if tol is None else tol
    assert res.converged and len(res) == 1 and res.method == "simpdiv" and not res.complete
    eq = res[0]
    for p, s in zip(eq.profile, game.shape):
        assert p.shape == (s,) and p.min() >= 0 and abs(p.sum() - 1) < 1e-12
    assert eq.relative_regret <= tol
    assert gt.profiles.max_regret(game, eq.profile) <= tol * float(np.ptp(game.payoffs))


@pytest.mark.parametrize("name", gt.catalog.names())
def test_catalog(name):
    entry = gt.catalog.get(name)
    res = simpdiv(entry.game)
    _certified(entry.game, res)
    flat = np.concatenate(res[0].profile)
    known = [np.array([float(x) for p in prof for x in p]) for prof in entry.equilibria]
    assert any(np.abs(flat - k).max() < 1e-9 for k in known)


@pytest.mark.parametrize(
    ("shape", "seed"), [((3, 3, 3), 0), ((3, 3, 3), 1), ((3, 3, 3), 2), ((2, 2, 2, 2, 2), 0), ((2, 2, 2, 2, 2), 2),
                        ((4, 4, 4, 4), 0), ((5, 5, 5), 1), ((4, 4), 3)]
)
def test_random_games_certified(shape, seed):
    game = _random(shape, seed)
    _certified(game, simpdiv(game))


@pytest.mark.parametrize(("shape", "seed"), [((3, 3, 3), 0), ((3, 3, 3), 3), ((2, 2, 2, 2), 1), ((2, 2, 2, 2, 2), 4), ((4, 4, 4), 2)])
def test_degenerate_integer_games(shape, seed):
    game = _random(shape, seed, integers=2)
    _certified(game, simpdiv(game))


def test_large_integer_payoffs_scale_tol():
    game = gt.NormalFormGame((_random((3, 3, 3), 5, integers=2).payoffs * 10_000).tolist())
    res = simpdiv(game)
    _certified(game, res)
    # the tolerance is relative to each player's payoff range (issue 9): its default does not grow with the payoffs
    assert res.parameters["tol"] == 1e-9
    assert res[0].relative_regret <= 1e-9


def test_start_profiles():
    g = gt.catalog.battle_of_the_sexes()
    res = simpdiv(g, start=[[0.0, 1.0], [0.0, 1.0]])
    _certified(g, res)
    res = simpdiv(g, start=["Football", "Football"])
    _certified(g, res)
    game = _random((3, 3, 3), 2)
    a = simpdiv(game, start="random", rng=3)
    b = simpdiv(game, start="random", rng=np.random.default_rng(3))
    _certified(game, a)
    assert np.allclose(np.concatenate(a[0].profile), np.concatenate(b[0].profile))


@pytest.mark.parametrize(("shape", "seed"), [((3, 3, 3), 0), ((3, 3, 3), 1), ((2, 2, 2, 2), 0)])
def test_agrees_with_pygambit(shape, seed):
    gbt = pytest.importorskip("pygambit")
    game = _random(shape, seed)
    gg = gbt.Game.from_arrays(*[game.payoffs[i] for i in range(game.n_players)])
    theirs = gbt.nash.simpdiv_solve(gg.mixed_strategy_profile(rational=True))
    ours = simpdiv(game)
    _certified(game, ours)
    assert len(theirs.equilibria) == 1
    # both are equilibria (possibly different ones): theirs to gambit's looser tolerance
    prof = [np.array([float(theirs.equilibria[0][p][s]) for s in p.strategies]) for p in gg.players]
    assert gt.profiles.max_regret(game, prof) <= 1e-6


def test_errors():
    g = gt.catalog.jordan_game()
    with pytest.raises(TypeError, match="NormalFormGame"):
        simpdiv([[1, 2]])
    with pytest.raises(gt.GameError, match="grid"):
        simpdiv(g, grid=0)
    with pytest.raises(gt.GameError, match="refinements"):
        simpdiv(g, refinements=-1)
    with pytest.raises(TypeError, match="max_iter"):
        simpdiv(g, max_iter=True)
    with pytest.raises(gt.GameError, match="tol"):
        simpdiv(g, tol=-1.0)
    with pytest.raises(gt.GameError):
        simpdiv(g, start=[[0.5, 0.5]])


def test_failure_warns():
    game = _random((3, 3, 3), 0)
    with pytest.warns(gt.ConvergenceWarning, match="simpdiv"):
        res = simpdiv(game, max_iter=1)
    assert not res.converged and len(res) == 0 and res.n_iter >= 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)
        res = simpdiv(game, grid=2, refinements=0, tol=1e-300)
    assert not res.converged and len(res) == 0


def test_dispatch_method():
    res = gt.nash_equilibria(gt.catalog.jordan_game(), method="simpdiv")
    assert res.method == "simpdiv" and res.converged


# ---------------------------------------------------------------------- issue 9
def test_random_6x6x6x6_found():
    """simpdiv gave up on this game: the indifference systems it polished never had the right support."""
    game = gt.NormalFormGame(np.random.default_rng(2).integers(0, 100, size=(4, 6, 6, 6, 6)))
    res = simpdiv(game)
    assert res.converged and res[0].relative_regret <= 1e-9


def test_agrees_with_gambit_simpdiv_on_a_generic_game():
    gbt = pytest.importorskip("pygambit")
    from gametheory_af.solvers.polynomial import polynomial_enumeration

    game = gt.NormalFormGame(np.random.default_rng(3).integers(0, 100, size=(3, 3, 3, 3)))
    everything = polynomial_enumeration(game)
    assert everything.complete
    ours = np.concatenate(simpdiv(game)[0].profile)
    gg = gbt.Game.from_arrays(*[game.payoffs[i] for i in range(3)])
    theirs = gbt.nash.simpdiv_solve(gg.mixed_strategy_profile(rational=True)).equilibria
    assert any(np.abs(ours - np.concatenate(e.profile)).max() < 1e-7 for e in everything)
    for e in theirs:  # Gambit's approximate answer is near one of the enumerated equilibria too
        flat = np.array([float(e[p][s]) for p in gg.players for s in p.strategies])
        assert min(np.abs(flat - np.concatenate(x.profile)).max() for x in everything) < 1e-3


def test_max_time_and_rng_validation():
    game = gt.NormalFormGame(np.random.default_rng(5).integers(0, 100, size=(4, 6, 6, 6, 6)))
    with pytest.warns(gt.ConvergenceWarning, match="time limit"):
        res = simpdiv(game, max_time=1e-6)
    assert not res.converged and np.isnan(res.max_regret)
    for bad in ("abc", 1.5):
        with pytest.raises(TypeError, match="rng"):
            simpdiv(game, start="random", rng=bad)
    with pytest.raises(gt.GameError, match="rng"):
        simpdiv(game, rng=-1)
