"""polynomial_enumeration: all isolated equilibria of small n-player games."""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.solvers.polynomial import polynomial_enumeration


def _flat(eq):
    return np.concatenate(eq.profile)


def _same_set(ours, theirs, tol=1e-6):
    return all(any(np.abs(a - b).max() < tol for b in theirs) for a in ours) and all(
        any(np.abs(a - b).max() < tol for a in ours) for b in theirs
    )


def _random_game(shape, seed):
    rng = np.random.default_rng(seed)
    return gt.NormalFormGame(rng.normal(size=(len(shape), *shape)))


def test_volunteers_dilemma_all_seven_exact():
    entry = gt.catalog.get("volunteers_dilemma")
    res = polynomial_enumeration(entry.game, exact=True)
    assert res.method == "polynomial_enumeration" and res.complete
    assert len(res) == 7
    assert {eq.exact for eq in res} == set(entry.equilibria)
    assert all(eq.max_regret == 0.0 for eq in res)


def test_jordan_game_unique():
    res = polynomial_enumeration(gt.catalog.jordan_game())
    assert len(res) == 1 and res.complete
    assert np.allclose(_flat(res[0]), 0.5)


def test_two_player_catalog_games_too():
    for name in ["battle_of_the_sexes", "chicken", "rock_paper_scissors"]:
        entry = gt.catalog.get(name)
        res = polynomial_enumeration(entry.game, exact=True)
        assert res.complete
        assert {eq.exact for eq in res} == set(entry.equilibria)


def test_irrational_equilibrium_is_reported_as_float():
    # volunteer's dilemma with cost 2: all abstain with probability sqrt(1/2) in the symmetric equilibrium
    u = np.zeros((3, 2, 2, 2), dtype=int)
    for a in np.ndindex(2, 2, 2):
        for i in range(3):
            u[(i, *a)] = (4 if 0 in a else 0) - (2 if a[i] == 0 else 0)
    game = gt.NormalFormGame(u.tolist())
    res = polynomial_enumeration(game, exact=True)
    assert res.complete and len(res) == 7
    sym = [eq for eq in res if all(len(s) == 2 for s in eq.support)]
    assert len(sym) == 1
    assert sym[0].exact is None
    assert np.allclose(sym[0].profile[0], [1 - np.sqrt(0.5), np.sqrt(0.5)], atol=1e-12)
    rational = [eq for eq in res if eq is not sym[0]]
    assert all(eq.exact is not None for eq in rational)
    assert any(F(1, 2) in eq.exact[1] + eq.exact[2] for eq in rational)


def test_five_players_two_strategies():
    game = _random_game((2, 2, 2, 2, 2), 3)
    res = polynomial_enumeration(game)
    assert res.complete
    assert res.max_regret <= 1e-9
    # A generic game has an odd number of equilibria (Wilson 1971, Harsanyi 1973), and each
    # equilibrium a one-equilibrium method finds is among those enumerated.
    assert len(res) % 2 == 1
    ours = [_flat(e) for e in res]
    for other in (gt.global_newton(game), gt.simpdiv(game), gt.logit_qre(game)):
        assert other.converged
        assert any(np.abs(_flat(other[0]) - o).max() < 1e-7 for o in ours)


def test_degenerate_game_warns_and_is_incomplete():
    # player 0 has two identical strategies: a continuum of equilibria
    u = np.zeros((3, 2, 2, 2))
    u[1] = 1.0
    u[2, :, :, 0] = 1.0
    with pytest.warns(gt.DegenerateGameWarning):
        res = polynomial_enumeration(gt.NormalFormGame(u))
    assert not res.complete
    assert len(res) >= 1 and res.max_regret <= 1e-9
    # Player 2 strictly prefers its first strategy; the other two are indifferent among everything.
    for eq in res:
        assert eq.profile[2].tolist() == [1.0, 0.0]
    assert {tuple(eq.support[:2]) for eq in res} >= {((0,), (0,)), ((0,), (1,)), ((1,), (0,)), ((1,), (1,))}


def test_errors():
    g = gt.catalog.jordan_game()
    with pytest.raises(gt.GameError, match="tol"):
        polynomial_enumeration(g, tol=-1.0)
    with pytest.raises(gt.GameError, match="max_boxes"):
        polynomial_enumeration(g, max_boxes=0)
    with pytest.raises(gt.GameError, match="support profiles"):
        polynomial_enumeration(_random_game((6, 6, 6), 0))
    with pytest.raises(TypeError, match="NormalFormGame"):
        polynomial_enumeration(np.zeros((2, 2, 2)))


def test_parameters_recorded():
    res = polynomial_enumeration(gt.catalog.jordan_game(), tol=1e-8)
    assert res.parameters["tol"] == 1e-8 and res.parameters["exact"] is False
    assert res.n_iter >= 1


@pytest.mark.parametrize(("shape", "seed"), [((3, 3, 3), s) for s in range(4)] + [((2, 2, 2, 2), s) for s in range(4)])
def test_agrees_with_gambit_enumpoly(shape, seed):
    gbt = pytest.importorskip("pygambit")
    game = _random_game(shape, seed)
    res = polynomial_enumeration(game)
    assert res.complete
    gg = gbt.Game.from_arrays(*[game.payoffs[i] for i in range(game.n_players)])
    theirs = gbt.nash.enumpoly_solve(gg).equilibria
    their_flat = [np.array([float(e[p][s]) for p in gg.players for s in p.strategies]) for e in theirs]
    ours = [_flat(eq) for eq in res]
    # every equilibrium Gambit finds is ours (within 1e-6) ...
    assert all(any(np.abs(a - b).max() < 1e-6 for a in ours) for b in their_flat)
    # ... and each of ours is an equilibrium by Gambit's own regret computation too
    for eq in res:
        prof = gg.mixed_strategy_profile()
        for k, p in enumerate(gg.players):
            for j, s in enumerate(p.strategies):
                prof[s] = float(eq.profile[k][j])
        assert prof.max_regret() < 1e-8


# ---------------------------------------------------------------------- properties
@settings(max_examples=12)
@given(
    seed=st.integers(0, 10_000),
    a=st.floats(0.1, 10.0),
    b=st.floats(-5.0, 5.0),
    player=st.integers(0, 2),
)
def test_affine_change_of_one_players_payoffs(seed, a, b, player):
    game = _random_game((2, 2, 3), seed)
    u = game.payoffs.copy()
    u[player] = a * u[player] + b
    base = polynomial_enumeration(game)
    moved = polynomial_enumeration(gt.NormalFormGame(u), tol=1e-9 * max(1.0, a) * 20)
    assert base.complete and moved.complete
    assert _same_set([_flat(e) for e in base], [_flat(e) for e in moved])


@settings(max_examples=12)
@given(seed=st.integers(0, 10_000), perm=st.permutations([0, 1, 2]), sperm=st.permutations([0, 1, 2]))
def test_relabelling_players_and_strategies(seed, perm, sperm):
    game = _random_game((2, 3, 3), seed)
    base = polynomial_enumeration(game)
    g2 = game.permute_players(perm)
    k = perm.index(1)  # the old player 1 (3 strategies) is now player k
    g2 = g2.permute_strategies(k, sperm)
    moved = polynomial_enumeration(g2)

    def mapped(eq):
        prof = [eq.profile[p] for p in perm]
        prof[k] = prof[k][list(sperm)]
        return np.concatenate(prof)

    assert _same_set([mapped(e) for e in base], [_flat(e) for e in moved])


@pytest.mark.parametrize(("shape", "seed"), [((2, 2, 2), 0), ((3, 3, 2), 1), ((2, 2, 2, 2), 2), ((3, 3, 3), 3)])
def test_direct_solutions_match_interval_solver(shape, seed):
    # the systems settled in closed form (pure, linear, 2x2x2 bilinear) have exactly the
    # solutions that interval subdivision finds for them, and nothing is left unresolved
    from gametheory_af.solvers import polynomial as poly

    u = _random_game(shape, seed).payoffs
    u = u / np.abs(u).max()
    sups = poly._admissible_supports(u, shape)
    direct, rest = poly._solve_direct(u, shape, sups)
    settled = np.setdiff1d(np.arange(sups[0].shape[0]), rest)
    assert settled.size > 0
    boxed, singular, budget, _ = poly._solve_boxes(u, shape, [m[settled] for m in sups], 1e-9, 512)
    assert singular == 0 and budget == 0

    def equilibria(points):
        # the interval solver also prunes on profitable deviations outside the support; compare equilibria
        reg = poly._batched_regret(u, [np.stack([p[k] for p in points]) for k in range(len(shape))])
        return [np.concatenate(p) for p, r in zip(points, reg) if r <= 1e-9]

    assert _same_set(equilibria(direct), equilibria(boxed), tol=1e-9)


def test_direct_leaves_degenerate_systems_to_the_boxes():
    # identical strategies make every support system of player 0 singular
    u = np.zeros((3, 2, 2, 2))
    u[1] = 1.0
    u[2, :, :, 0] = 1.0
    from gametheory_af.solvers import polynomial as poly

    sups = poly._admissible_supports(u, (2, 2, 2))
    _, rest = poly._solve_direct(u, (2, 2, 2), sups)
    mixing0 = np.flatnonzero(sups[0].sum(axis=1) == 2)
    assert np.isin(mixing0, rest).all()


def test_box_budget_is_reported_and_the_default_suffices_for_generic_games():
    """A generic game whose supports need more boxes than allowed is incomplete and says why."""
    g = gt.NormalFormGame(np.random.default_rng(0).standard_normal((6,) + (2,) * 6))
    with pytest.warns(gt.DegenerateGameWarning, match="needed more than max_boxes=64 live boxes"):
        small = gt.polynomial_enumeration(g, max_boxes=64)
    assert not small.complete
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        full = gt.polynomial_enumeration(g)
    assert full.complete
    assert all(eq.max_regret <= 1e-9 * max(1, np.abs(g.payoffs).max()) for eq in full)


# ---------------------------------------------------------------------- issue 9: defects, time, validation
#: Nau, Gomez Canovas & Hansen (2004), section 5 (Gambit's catalog, journals/ijgt/nau2004/sec5.nfg):
#: 2 x 2 x 2, three pure equilibria, two partly mixed ones and a continuum of completely mixed ones.
NAU2004_SEC5 = [
    [[[0, 1], [0, 0]], [[3, 0], [0, 0]]],
    [[[0, 1], [3, 0]], [[0, 0], [0, 0]]],
    [[[2, 0], [0, 0]], [[0, 0], [0, 3]]],
]


def test_exact_on_a_continuum_nau2004():
    """exact=True raised TypeError from inside mpmath: Newton's LU on the singular Jacobian of a continuum."""
    game = gt.NormalFormGame(NAU2004_SEC5)
    with pytest.warns(gt.DegenerateGameWarning):
        res = polynomial_enumeration(game, exact=True)
    with pytest.warns(gt.DegenerateGameWarning):
        floats = polynomial_enumeration(game)
    assert not res.complete and len(res) == len(floats)
    pure = {eq.pure_profile for eq in res if eq.is_pure}
    assert pure == {(0, 1, 0), (1, 0, 0), (1, 1, 1)}
    for prof in [((1, 0), (0, 1), (F(1, 4), F(3, 4))), ((0, 1), (1, 0), (F(1, 4), F(3, 4)))]:
        hit = [eq for eq in res if eq.exact is not None and eq.exact == tuple(tuple(F(x) for x in p) for p in prof)]
        assert len(hit) == 1
    for eq in res:
        assert eq.relative_regret <= 1e-9
        if eq.exact is not None:
            assert gt.result.make_equilibrium(game, eq.exact, exact=True).max_regret == 0.0


def test_max_time_stops_and_certifies():
    game = _random_game((3, 3, 3), 1)
    with pytest.warns(gt.ConvergenceWarning, match="max_time"):
        res = polynomial_enumeration(game, max_time=1e-6)
    assert not res.complete and not res.converged and res.parameters["max_time"] == 1e-6
    full = polynomial_enumeration(game)
    assert full.complete and full.parameters["max_time"] is None
    for eq in res:  # what it found is certified, and among the full set
        assert eq.relative_regret <= 1e-9
        assert any(np.abs(_flat(eq) - _flat(f)).max() < 1e-9 for f in full)


def test_max_time_default_is_the_limit():
    game = _random_game((3, 3, 3), 1)
    with gt.limits(max_time=1e-6), pytest.warns(gt.ConvergenceWarning):
        res = polynomial_enumeration(game)
    assert not res.complete and res.parameters["max_time"] == 1e-6
    assert polynomial_enumeration(game, max_time=None).complete


def test_validation_of_new_arguments():
    g = gt.catalog.jordan_game()
    with pytest.raises(TypeError, match="exact"):
        polynomial_enumeration(g, exact="yes")
    with pytest.raises(gt.GameError, match="max_time"):
        polynomial_enumeration(g, max_time=0)
    with pytest.raises(gt.GameError, match="max_boxes"):
        polynomial_enumeration(g, max_boxes=0)
