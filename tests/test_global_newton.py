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
