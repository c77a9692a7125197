"""Contract: every solver on every catalog game (and random games) returns only certified equilibria,
and methods that claim completeness find every known equilibrium."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import gametheory_af as gt

TOL = 1e-9


SOLVERS = {
    "pure": (gt.pure_nash, False),
    "support_enumeration": (gt.support_enumeration, True),
    "vertex_enumeration": (gt.vertex_enumeration, True),
    "lemke_howson": (gt.lemke_howson, True),
    "zero_sum": (gt.zero_sum, True),
    "polynomial_enumeration": (gt.polynomial_enumeration, False),
    "logit": (gt.logit_qre, False),
    "global_newton": (gt.global_newton, False),
    "simpdiv": (gt.simpdiv, False),
    "nash_equilibria": (gt.nash_equilibria, False),
}
# solvers limited to two players (and zero_sum to zero-sum games)
TWO_PLAYER = {"support_enumeration", "vertex_enumeration", "lemke_howson", "zero_sum"}


def _known(entry):
    return [np.array([float(x) for p in prof for x in p]) for prof in entry.equilibria]


def _applicable(solver, game):
    if solver in TWO_PLAYER and game.n_players != 2:
        return False
    if solver == "zero_sum" and not game.is_zero_sum:
        return False
    return True


@pytest.mark.parametrize("entry", gt.catalog.entries(), ids=lambda e: e.name)
@pytest.mark.parametrize("solver", list(SOLVERS))
def test_catalog_contract(solver, entry):
    fn, _ = SOLVERS[solver]
    game = entry.game
    if not _applicable(solver, game):
        with pytest.raises(gt.GameError):
            fn(game)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        res = fn(game)
    assert isinstance(res, gt.EquilibriumResult)
    assert isinstance(res.method, str) and res.method
    assert res.game is game  # every solver stores the game it solved
    known = _known(entry)
    for eq in res:
        for p, s in zip(eq.profile, game.shape):
            assert p.shape == (s,) and p.min() >= 0 and abs(p.sum() - 1) < 1e-12
        assert eq.max_regret <= TOL
        assert gt.profiles.max_regret(game, eq.profile) <= TOL
        # every equilibrium found is one of the known ones (all catalog games have finitely many)
        assert any(np.abs(np.concatenate(eq.profile) - k).max() < 1e-8 for k in known)
    flats = [np.concatenate(eq.profile) for eq in res]
    for a in range(len(flats)):  # duplicates merged
        for b in range(a):
            assert np.abs(flats[a] - flats[b]).max() > 1e-8
    if res.complete:
        if solver == "pure":
            known = [k for k in known if set(np.unique(k)) <= {0.0, 1.0}]
        for k in known:
            assert any(np.abs(f - k).max() < 1e-8 for f in flats), f"{solver} missed {k}"
    else:
        assert len(res) >= 1 or not res.converged


@pytest.mark.parametrize("solver", ["polynomial_enumeration", "logit", "global_newton", "simpdiv", "nash_equilibria"])
@pytest.mark.parametrize(("shape", "seed"), [((3, 3, 3), 7), ((2, 2, 2, 2), 5), ((3, 3), 2)])
def test_random_game_contract(solver, shape, seed):
    fn, _ = SOLVERS[solver]
    rng = np.random.default_rng(seed)
    game = gt.NormalFormGame(rng.integers(-50, 51, size=(len(shape), *shape)).tolist())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = fn(game)
    if res.converged:
        assert len(res) >= 1
    else:  # an iterative method may fail on a degenerate game, but must say so
        assert len(res) == 0
        assert any(issubclass(w.category, gt.ConvergenceWarning) for w in caught)
    for eq in res:
        assert eq.max_regret <= 1e-9 * 50
        assert gt.profiles.max_regret(game, eq.profile) <= 1e-9 * 50


def test_result_stores_its_game_and_survives_pickling():
    import pickle

    g = gt.catalog.battle_of_the_sexes()
    res = gt.vertex_enumeration(g)
    back = pickle.loads(pickle.dumps(res))
    assert back == res and back.game == g and hash(back) == hash(res)
    assert res.describe() == [eq.describe(g) for eq in res]
    assert res.to_dict() == res.to_dict(g) and "description" in res.to_dict()["equilibria"][0]
    bare = gt.EquilibriumResult(equilibria=res.equilibria, method=res.method, complete=res.complete)
    assert bare.game is None and bare != res and "description" not in bare.to_dict()["equilibria"][0]
    with pytest.raises(gt.GameError, match="stores no game"):
        bare.describe()
    with pytest.raises(gt.GameError, match="shape"):
        gt.EquilibriumResult(equilibria=res.equilibria, method="x", complete=False, game=gt.catalog.rock_paper_scissors())
    with pytest.raises(TypeError, match="game must be a NormalFormGame"):
        gt.EquilibriumResult(equilibria=(), method="x", complete=False, game="g")
