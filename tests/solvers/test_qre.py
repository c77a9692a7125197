"""logit_qre, logit_qre_at, logit_select: the principal branch of the logit QRE correspondence."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.solvers.qre import LogitQREResult, logit_qre, logit_qre_at, logit_select


def _random_game(shape, seed):
    rng = np.random.default_rng(seed)
    return gt.NormalFormGame(rng.normal(size=(len(shape), *shape)))


@pytest.mark.parametrize("name", gt.catalog.names())
def test_catalog_converges_to_a_known_equilibrium(name):
    entry = gt.catalog.get(name)
    res = logit_qre(entry.game)
    assert isinstance(res, LogitQREResult) and isinstance(res, gt.EquilibriumResult)
    assert res.converged and len(res) == 1 and res.method == "logit" and not res.complete
    eq = res[0]
    assert eq.max_regret <= 1e-9
    known = [np.concatenate([np.array([float(x) for x in p]) for p in prof]) for prof in entry.equilibria]
    assert any(np.abs(np.concatenate(eq.profile) - k).max() < 1e-9 for k in known)


def test_path_starts_at_centroid_and_stays_on_simplex():
    res = logit_qre(gt.catalog.volunteers_dilemma())
    assert res.lambdas[0] == 0.0
    assert np.all(np.diff(res.lambdas[:5]) > 0)
    for arr in res.profiles:
        assert arr.shape == (res.lambdas.size, 2)
        assert np.allclose(arr[0], 0.5)
        assert np.allclose(arr.sum(axis=1), 1.0) and (arr > 0).all()


def test_stag_hunt_selects_risk_dominant():
    assert logit_select(gt.catalog.stag_hunt()).pure_profile == (1, 1)


def test_qre_at_solves_the_logit_equations():
    game = _random_game((3, 2, 2), 1)
    lam = 3.7
    prof = logit_qre_at(game, lam)
    for i in range(game.n_players):
        v = gt.profiles.strategy_payoffs(game, prof, i)
        target = np.exp(lam * (v - v.max()))
        assert np.allclose(prof[i], target / target.sum(), atol=1e-10)
    assert [p.tolist() for p in logit_qre_at(game, 0)] == [[1 / 3] * 3, [0.5, 0.5], [0.5, 0.5]]


def test_qre_at_errors():
    with pytest.raises(gt.GameError, match=">= 0"):
        logit_qre_at(gt.catalog.matching_pennies(), -1.0)
    with pytest.raises(gt.GameError, match="finite"):
        logit_qre_at(gt.catalog.matching_pennies(), float("nan"))


def test_lambda_max_too_small_warns_and_returns_nothing():
    with pytest.warns(gt.ConvergenceWarning):
        res = logit_qre(gt.catalog.battle_of_the_sexes(), lambda_max=0.5)
    assert not res.converged and len(res) == 0
    assert res.lambdas[-1] >= 0.5


def test_errors():
    g = gt.catalog.matching_pennies()
    with pytest.raises(gt.GameError, match="lambda_max"):
        logit_qre(g, lambda_max=0)
    with pytest.raises(gt.GameError, match="first_step"):
        logit_qre(g, first_step=-1)
    with pytest.raises(gt.GameError, match="tol"):
        logit_qre(g, tol=-1)
    with pytest.raises(TypeError):
        logit_qre("game")


def test_single_profile_game():
    res = logit_qre(gt.NormalFormGame([[[1.0]], [[2.0]]]))
    assert res.converged and len(res) == 1
    (eq,) = res
    assert [p.tolist() for p in eq.profile] == [[1.0], [1.0]]
    assert eq.payoffs.tolist() == [1.0, 2.0] and eq.max_regret == 0.0


@pytest.mark.parametrize(("shape", "seed"), [((3, 3, 3), s) for s in range(3)] + [((2, 2, 2, 2), s) for s in range(3)])
def test_agrees_with_gambit_logit(shape, seed):
    gbt = pytest.importorskip("pygambit")
    game = _random_game(shape, seed)
    res = logit_qre(game)
    assert res.converged
    gg = gbt.Game.from_arrays(*[game.payoffs[i] for i in range(game.n_players)])
    e = gbt.nash.logit_solve(gg).equilibria[0]
    theirs = np.array([float(e[p][s]) for p in gg.players for s in p.strategies])
    # Gambit stops at an approximate equilibrium (regret ~1e-7); ours is polished
    assert np.abs(np.concatenate(res[0].profile) - theirs).max() < 1e-5


@settings(max_examples=10)
@given(seed=st.integers(0, 10_000), a=st.floats(0.2, 5.0), b=st.floats(-3, 3))
def test_selection_invariant_under_common_affine_change(seed, a, b):
    game = _random_game((2, 2, 2), seed)
    base = logit_qre(game)
    moved = logit_qre(gt.NormalFormGame(a * game.payoffs + b))
    assert base.converged and moved.converged
    assert np.abs(np.concatenate(base[0].profile) - np.concatenate(moved[0].profile)).max() < 1e-8


# ---------------------------------------------------------------------- issue 9
def test_max_steps_zero_refused_and_empty_result_is_nan():
    g = gt.catalog.battle_of_the_sexes()
    with pytest.raises(gt.GameError, match="max_steps"):
        logit_qre(g, max_steps=0)
    with pytest.warns(gt.ConvergenceWarning):
        res = logit_qre(g, max_steps=1)
    assert not res.converged and np.isnan(res.max_regret)


def test_max_time_stops():
    game = gt.NormalFormGame(np.random.default_rng(1).normal(size=(3, 5, 5, 5)))
    with pytest.warns(gt.ConvergenceWarning, match="time limit"):
        res = logit_qre(game, max_time=1e-6)
    assert not res.converged and len(res) == 0 and res.parameters["max_time"] == 1e-6


def test_lambdas_are_relative_to_payoff_ranges():
    g = gt.catalog.matching_pennies()
    a = logit_qre(g)
    b = logit_qre(gt.NormalFormGame(g.payoffs * 1000.0 + 5.0))
    assert np.allclose(a.lambdas[:10], b.lambdas[:10])


def test_qre_at_is_a_deprecated_alias():
    game = gt.catalog.prisoners_dilemma()
    with pytest.warns(DeprecationWarning, match="use logit_qre_at"):
        old = gt.qre_at(game, 2.0)
    assert [p.tolist() for p in old] == [p.tolist() for p in logit_qre_at(game, 2.0)]
