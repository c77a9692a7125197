"""global_newton: one equilibrium by Govindan-Wilson path following."""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers.global_newton import global_newton


@pytest.mark.parametrize("name", gt.catalog.names())
def test_catalog(name):
    entry = gt.catalog.get(name)
    res = global_newton(entry.game)
    assert res.converged and len(res) == 1 and res.method == "global_newton" and not res.complete
    flat = np.concatenate(res[0].profile)
    known = [np.array([float(x) for p in prof for x in p]) for prof in entry.equilibria]
    assert any(np.abs(flat - k).max() < 1e-9 for k in known)


@pytest.mark.parametrize(("shape", "seed"), [((3, 3, 3), 4), ((2, 2, 2, 2), 0), ((2, 2, 2, 2), 2), ((4, 4), 1)])
def test_random_games_certified(shape, seed):
    rng = np.random.default_rng(seed)
    game = gt.NormalFormGame(rng.normal(size=(len(shape), *shape)))
    res = global_newton(game)
    assert res.converged and res.max_regret <= 1e-9
    for p in res[0].profile:
        assert p.min() >= 0 and abs(p.sum() - 1) < 1e-12
    # The certificate recomputed from the profile alone, and the equilibrium among all of them.
    assert gt.result.make_equilibrium(game, res[0].profile).relative_regret <= 1e-9
    from gametheory_af.solvers.polynomial import polynomial_enumeration

    everything = polynomial_enumeration(game)
    assert everything.complete
    flat = np.concatenate(res[0].profile)
    assert any(np.abs(flat - np.concatenate(e.profile)).max() < 1e-7 for e in everything)


def test_bonus_choice_and_errors():
    g = gt.catalog.battle_of_the_sexes()
    res = global_newton(g, bonus=["Football", "Football"])
    assert res.parameters["bonus"] == (1, 1)
    assert res[0].pure_profile == (1, 1)
    with pytest.raises(gt.GameError, match="bonus"):
        global_newton(g, bonus=[0])
    with pytest.raises(gt.GameError, match="restarts"):
        global_newton(g, restarts=-1)
    with pytest.raises(gt.GameError, match="tol"):
        global_newton(g, tol=-1)


def test_failure_warns():
    rng = np.random.default_rng(0)
    game = gt.NormalFormGame(rng.normal(size=(3, 3, 3, 3)))
    with pytest.warns(gt.ConvergenceWarning):
        res = global_newton(game, max_steps=2, restarts=0)
    assert not res.converged and len(res) == 0


# ---------------------------------------------------------------------- issue 9
@pytest.mark.parametrize("seed", [7, 10, 14])
def test_random_3x3x3_found(seed):
    """These games (integers 0..99) gave nothing: the path stalled at a sharp kink between support cells."""
    from gametheory_af.solvers.polynomial import polynomial_enumeration

    game = gt.NormalFormGame(np.random.default_rng(seed).integers(0, 100, size=(3, 3, 3, 3)))
    res = global_newton(game, restarts=0)
    assert res.converged and res[0].relative_regret <= 1e-9
    everything = polynomial_enumeration(game)
    assert everything.complete
    flat = np.concatenate(res[0].profile)
    assert any(np.abs(flat - np.concatenate(e.profile)).max() < 1e-7 for e in everything)


def test_random_3x3x3_agrees_with_gambit_gnm():
    """Cross-check: what Gambit's global Newton finds on the game of seed 7 is one of the equilibria we enumerate."""
    gbt = pytest.importorskip("pygambit")
    from gametheory_af.solvers.polynomial import polynomial_enumeration

    game = gt.NormalFormGame(np.random.default_rng(7).integers(0, 100, size=(3, 3, 3, 3)))
    gg = gbt.Game.from_arrays(*[game.payoffs[i] for i in range(3)])
    theirs = [np.array([float(e[p][s]) for p in gg.players for s in p.strategies]) for e in gbt.nash.gnm_solve(gg).equilibria]
    ours = [np.concatenate(e.profile) for e in polynomial_enumeration(game)]
    assert theirs and all(any(np.abs(a - b).max() < 1e-6 for a in ours) for b in theirs)


def test_random_6x6x6x6_found():
    game = gt.NormalFormGame(np.random.default_rng(2).integers(0, 100, size=(4, 6, 6, 6, 6)))
    res = global_newton(game, restarts=0)
    assert res.converged and res[0].relative_regret <= 1e-9
    # the certificate recomputed from the profile alone (every payoff range is at most 99)
    regrets = gt.regrets(game, res[0].profile)
    assert float(regrets.max()) <= 1e-9 * 99


def test_empty_result_reports_nan_and_validation():
    game = gt.NormalFormGame(np.random.default_rng(0).normal(size=(3, 3, 3, 3)))
    with pytest.warns(gt.ConvergenceWarning):
        res = global_newton(game, max_steps=1, restarts=0)
    assert not res and np.isnan(res.max_regret) and np.isnan(res.relative_regret)
    with pytest.raises(gt.GameError, match="max_steps"):
        global_newton(game, max_steps=-1)
    with pytest.raises(TypeError, match="rng"):
        global_newton(game, rng="abc")


def test_max_time_stops():
    game = gt.NormalFormGame(np.random.default_rng(1).integers(0, 100, size=(4, 6, 6, 6, 6)))
    with pytest.warns(gt.ConvergenceWarning, match="time limit"):
        res = global_newton(game, max_time=1e-6)
    assert not res.converged and len(res) == 0 and res.parameters["max_time"] == 1e-6


def test_same_rng_same_answer():
    game = gt.catalog.rock_paper_scissors()
    a, b = global_newton(game, rng=3), global_newton(game, rng=3)
    assert a.converged and np.array_equal(np.concatenate(a[0].profile), np.concatenate(b[0].profile))
