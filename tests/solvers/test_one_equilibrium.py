"""One (or k) equilibria fast: nash_equilibria(max_equilibria=k), and global_newton's fast kernels against the reference ones."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers._nplayer import offsets_of, values_and_jacobian
from gametheory_af.solvers.dispatch import nash_equilibria
from gametheory_af.solvers.global_newton import _GW, _project, global_newton
from gametheory_af.solvers.polynomial import polynomial_enumeration


def _random(shape, seed):
    return gt.NormalFormGame(np.random.default_rng(seed).normal(size=(len(shape), *shape)))


def _flat(eq):
    return np.concatenate([np.asarray(p, dtype=float) for p in eq.profile])


# ---------------------------------------------------------------------- fast kernels = reference kernels
def _project_reference(z):
    """The numpy formulation global_newton used before (sort, cumsum, last positive index)."""
    if not np.isfinite(z).all():
        return np.full(z.size, np.nan), np.ones(z.size, dtype=bool)
    s = np.sort(z)[::-1]
    css = np.cumsum(s) - 1.0
    k = np.arange(1, z.size + 1)
    pos = np.nonzero(s - css / k > 0)[0]
    rho = int(pos[-1]) + 1 if pos.size else 1
    v = css[rho - 1] / rho
    sig = np.maximum(z - v, 0.0)
    mask = z - v > 0
    if not mask.any():
        mask[int(np.argmax(z))] = True
        sig = mask.astype(np.float64)
    return sig, mask


def test_projection_is_bitwise_the_reference():
    rng = np.random.default_rng(14)
    for _ in range(5000):
        n = int(rng.integers(1, 7))
        z = rng.normal(size=n) * 10.0 ** int(rng.integers(-3, 18))
        if rng.random() < 0.2:
            z[int(rng.integers(n))] = z[0]  # ties
        sig, mask = _project(z)
        ref_sig, ref_mask = _project_reference(z)
        assert np.array_equal(sig, ref_sig) and np.array_equal(mask, ref_mask)
    # known values: (0.2, 0.5) projects to itself shifted by (0.7 - 1)/2 = -0.15 -> (0.35, 0.65)
    assert _project(np.array([0.2, 0.5]))[0].tolist() == pytest.approx([0.35, 0.65])
    # (3, 0, 0) is beyond the vertex e_1; a vector with inf maps to nan
    assert _project(np.array([3.0, 0.0, 0.0]))[0].tolist() == [1.0, 0.0, 0.0]
    assert np.isnan(_project(np.array([np.inf, 0.0]))[0]).all()
    # the rounding branch: at |z| ~ 1e300 nothing is left above the threshold but the argmax
    sig, mask = _project(np.array([1e300, 1e300 * (1 - 1e-16)]))
    assert sig.sum() == 1.0 and mask.sum() >= 1


@pytest.mark.parametrize(("shape", "seed"), [((3, 3, 3), 0), ((2, 2, 2, 2), 1), ((2, 3, 4), 2), ((2, 2, 2, 2, 2), 3), ((4, 5), 4), ((3,), 5)])
def test_jacobian_kernel_matches_reference(shape, seed):
    rng = np.random.default_rng(seed)
    u = rng.normal(size=(len(shape), *shape))
    gw = _GW(u, tuple(shape), np.ones(sum(shape)))
    off = offsets_of(shape)
    for _ in range(5):
        sig = [rng.dirichlet(np.ones(s)) for s in shape]
        V, DV = gw.values_and_jacobian(sig)
        V0, DV0 = values_and_jacobian(u, sig, off)
        np.testing.assert_allclose(V, V0, rtol=0, atol=1e-13)
        np.testing.assert_allclose(DV, DV0, rtol=0, atol=1e-13)


def test_einsum_kernel_for_big_games_gives_the_same_answer(monkeypatch):
    import importlib

    gn = importlib.import_module("gametheory_af.solvers.global_newton")  # the module, not the function

    game = _random((3, 3, 3), 2)
    fast = global_newton(game)
    monkeypatch.setattr(gn, "BIG_MATRIX", 0)
    gw = gn._GW(game.payoffs, game.shape, np.ones(9))
    assert not gw.small
    sig = [np.array([0.2, 0.3, 0.5]), np.array([1.0, 0.0, 0.0]), np.array([0.1, 0.1, 0.8])]
    V0, DV0 = values_and_jacobian(game.payoffs, sig, offsets_of(game.shape))
    V, DV = gw.values_and_jacobian(sig)
    np.testing.assert_allclose(DV, DV0, rtol=0, atol=1e-13)
    np.testing.assert_allclose(V, V0, rtol=0, atol=1e-13)
    slow = gn.global_newton(game)
    assert slow.n_iter == fast.n_iter
    assert np.abs(_flat(slow[0]) - _flat(fast[0])).max() < 1e-12


def test_jacobian_of_F_matches_finite_differences():
    game = _random((3, 3, 3), 0)
    u = game.payoffs
    b = np.linspace(0.1, 1.0, 9)
    gw = _GW(u, game.shape, b)
    w = np.concatenate([np.random.default_rng(1).normal(size=9), [0.3]])
    F, J = gw(w)
    _, sup = gw.sigma(w[:-1])
    h = 1e-7
    for j in range(10):
        e = np.zeros(10)
        e[j] = h
        Fp, _ = gw(w + e, sup)
        Fm, _ = gw(w - e, sup)
        np.testing.assert_allclose((Fp - Fm) / (2 * h), J[:, j], atol=1e-6)


@pytest.mark.parametrize(("shape", "seed"), [((3, 3, 3), s) for s in range(4)] + [((2, 2, 2, 2), s) for s in range(3)])
def test_global_newton_answer_is_an_enumerated_equilibrium(shape, seed):
    game = _random(shape, seed)
    res = global_newton(game)
    assert res.converged and res.max_regret <= 1e-12
    every = [_flat(e) for e in polynomial_enumeration(game)]
    assert any(np.abs(_flat(res[0]) - e).max() < 1e-8 for e in every)


# ---------------------------------------------------------------------- max_equilibria
def test_one_equilibrium_of_volunteers_dilemma_is_pure():
    # exactly one volunteer is a pure equilibrium (the volunteer gets 3, each other 4; a second
    # volunteer would drop from 4 to 3, the volunteer who stops gets 0 instead of 3): three of them
    game = gt.catalog.volunteers_dilemma()
    one = nash_equilibria(game, max_equilibria=1)
    assert one.method == "pure" and len(one) == 1 and one.max_regret == 0.0 and not one.complete
    three = nash_equilibria(game, max_equilibria=3)
    assert sorted(e.pure_profile for e in three) == [(0, 1, 1), (1, 0, 1), (1, 1, 0)]
    assert three.parameters["attempts"] == 0  # no path was followed
    known = {tuple(float(x) for p in prof for x in p) for prof in gt.catalog.get("volunteers_dilemma").equilibria}
    every = nash_equilibria(game, max_equilibria=7)
    assert len(every) == 7 and every.parameters["attempts"] == 0  # no path followed
    assert every.method == "pure+two_mixing+three_mixing"
    assert {tuple(_flat(e).round(12).tolist()) for e in every} == known
    # the two-mixing step: two players volunteer with probability q while the third abstains;
    # volunteering pays 3, abstaining 4 q (0 if nobody volunteers), so 3 = 4 q and q = 3/4.
    # the three-mixing step: abstaining pays 4 (1 - (1 - q)^2) against two volunteers with
    # probability q each, so 3 = 4 (2 q - q^2), q^2 - 2 q + 3/4 = 0 and q = 1/2 (or 3/2)
    mixed = [e for e in every if e.pure_profile is None]
    probs = sorted(sorted(float(p[0]) for p in e.profile) for e in mixed)
    assert sum(probs, []) == pytest.approx([0.0, 0.75, 0.75] * 3 + [0.5, 0.5, 0.5], abs=1e-15)


@pytest.mark.parametrize(("shape", "seed", "expected"), [((3, 3, 3), 0, 1), ((3, 3, 3), 5, 0), ((2, 2, 2, 2), 3, 1), ((2, 3, 4), 1, 2)])
def test_two_mixing_step_finds_exactly_the_enumerated_two_mixing_equilibria(shape, seed, expected):
    # completeness of the step against the enumeration: every equilibrium in which exactly two
    # players mix two strategies each (the others pure) is yielded, and everything yielded that
    # passes the regret test is an enumerated equilibrium (expected: how many the enumeration has)
    from gametheory_af._tolerance import normalized_payoffs
    from gametheory_af.solvers._few import _two_mixing
    from gametheory_af.solvers._nplayer import regret

    game = _random(shape, seed)
    un = normalized_payoffs(game.payoffs)[0]
    got = [np.concatenate(p) for p in _two_mixing(un, 1e-12) if regret(un, p) <= 1e-12]
    every = [_flat(e) for e in polynomial_enumeration(game)]
    pattern = sorted([1] * (len(shape) - 2) + [2, 2])
    want = [f for f, e in zip(every, polynomial_enumeration(game)) if sorted(len(s) for s in e.support) == pattern]
    assert len(got) == len(want) == expected
    assert all(any(np.abs(g - w).max() < 1e-9 for w in want) for g in got)


@pytest.mark.parametrize(
    ("shape", "seed", "expected"), [((2, 2, 2), 1, 1), ((2, 2, 2), 0, 0), ((3, 3, 3), 6, 1), ((3, 3, 3), 0, 0), ((2, 2, 2, 2), 3, 3), ((2, 2, 2, 2), 8, 2)]
)
def test_three_mixing_step_finds_exactly_the_enumerated_three_mixing_equilibria(shape, seed, expected):
    # as for two: every equilibrium with three players mixing two strategies each (others pure)
    # is yielded, once (expected: how many the enumeration has)
    from gametheory_af._tolerance import normalized_payoffs
    from gametheory_af.solvers._few import _three_mixing
    from gametheory_af.solvers._nplayer import regret

    game = _random(shape, seed)
    un = normalized_payoffs(game.payoffs)[0]
    got = [np.concatenate(p) for p in _three_mixing(un) if regret(un, p) <= 1e-12]
    enumerated = polynomial_enumeration(game)
    pattern = sorted([1] * (len(shape) - 3) + [2, 2, 2])
    want = [_flat(e) for e in enumerated if sorted(len(s) for s in e.support) == pattern]
    assert len(got) == len(want) == expected
    assert all(any(np.abs(g - w).max() < 1e-9 for w in want) for g in got)


def test_unique_mixed_equilibrium_found_once():
    # Jordan's game: a unique equilibrium, every player mixing 1/2 - 1/2 (no pure one)
    res = nash_equilibria(gt.catalog.jordan_game(), max_equilibria=3, max_attempts=5)
    assert len(res) == 1 and res.converged and res.parameters["attempts"] == 5
    assert _flat(res[0]).tolist() == pytest.approx([0.5] * 6, abs=1e-15)
    # not by the three-mixing step: each player's payoff depends on one other player only, so player
    # j's indifference fixes r alone and says nothing of p, and the elimination of p divides by 0;
    # a path follower finds it
    assert res.method in ("simpdiv", "global_newton", "simpdiv+global_newton", "global_newton+simpdiv")


@pytest.mark.parametrize("seed", [1, 6])
def test_four_players_three_strategies_without_pure_equilibrium(seed):
    # these seeded 4 x 3 games have no pure equilibrium: the answer is mixed, certified at 1e-12
    game = _random((3, 3, 3, 3), seed)
    assert len(gt.pure_nash(game)) == 0
    res = nash_equilibria(game, max_equilibria=1)
    assert len(res) == 1 and res.parameters["tol"] == 1e-12
    # the certificate recomputed independently from the profile and the raw payoffs
    span = np.ptp(game.payoffs.reshape(4, -1), axis=1)
    assert float((gt.regrets(game, res[0].profile) / span).max()) <= 1e-12
    assert max(int((p > 0).sum()) for p in res[0].profile) >= 2


def test_k_equilibria_distinct_and_reproducible():
    game = _random((3, 3, 3, 3), 6)
    a = nash_equilibria(game, max_equilibria=2, rng=5)
    b = nash_equilibria(game, max_equilibria=2, rng=5)
    assert len(a) == 2 and a.max_regret <= 1e-12 * 10
    fa = [_flat(e) for e in a]
    assert np.abs(fa[0] - fa[1]).max() > 1e-9
    assert all(np.array_equal(x, _flat(y)) for x, y in zip(fa, b))


def test_two_players_lemke_howson_labels():
    game = _random((25, 25), 0)
    res = nash_equilibria(game, max_equilibria=2)
    assert len(res) == 2 and res.method in ("lemke_howson", "pure+lemke_howson")
    assert np.abs(_flat(res[0]) - _flat(res[1])).max() > 1e-9
    assert res.relative_regret <= 1e-12


def test_tol_scales_with_payoffs():
    # relative tolerance: scaling a player's payoffs by 1e6 and shifting them finds the same equilibrium
    game = _random((3, 3, 3, 3), 1)
    pay = game.payoffs.copy()
    pay[2] = 1e6 * pay[2] - 7.0
    a = nash_equilibria(game, max_equilibria=1)
    b = nash_equilibria(gt.NormalFormGame(pay), max_equilibria=1)
    assert np.abs(_flat(a[0]) - _flat(b[0])).max() < 1e-9
    loose = nash_equilibria(game, max_equilibria=1, tol=1e-6)
    assert loose.parameters["tol"] == 1e-6 and len(loose) == 1


def test_named_method_and_exact_keep_the_first_k():
    game = gt.catalog.volunteers_dilemma()
    every = nash_equilibria(game, method="polynomial_enumeration")
    two = nash_equilibria(game, method="polynomial_enumeration", max_equilibria=2)
    assert len(two) == 2 and not two.complete and two.equilibria == every.equilibria[:2]
    all7 = nash_equilibria(game, method="polynomial_enumeration", max_equilibria=10)
    assert len(all7) == 7 and all7.complete
    exact = nash_equilibria(game, exact=True, max_equilibria=1)
    assert len(exact) == 1 and all(isinstance(x, Fraction) for p in exact[0].exact for x in p)


def test_none_found_warns():
    with pytest.warns(gt.ConvergenceWarning, match="no equilibrium"):
        res = nash_equilibria(gt.catalog.jordan_game(), max_equilibria=1, max_time=1e-9)
    assert len(res) == 0 and not res.converged and res.parameters["attempts"] == 0


def test_errors_name_the_argument():
    g = gt.catalog.jordan_game()
    with pytest.raises(gt.GameError, match="max_equilibria"):
        nash_equilibria(g, max_equilibria=0)
    with pytest.raises(TypeError, match="max_equilibria"):
        nash_equilibria(g, max_equilibria="one")
    with pytest.raises(gt.GameError, match="'max_boxes'"):
        nash_equilibria(g, max_equilibria=1, max_boxes=3)
    with pytest.raises(gt.GameError, match="max_attempts"):
        nash_equilibria(g, max_equilibria=1, max_attempts=0)
    with pytest.raises(TypeError, match="rng"):
        nash_equilibria(g, max_equilibria=1, rng="seed")


def test_two_players_every_label_tried_then_stop():
    # matching pennies: the unique equilibrium is (1/2, 1/2) for both; Lemke-Howson from each of
    # the four labels finds it again, so asking for three gives one after four attempts
    res = nash_equilibria(gt.catalog.matching_pennies(), max_equilibria=3)
    assert len(res) == 1 and res.parameters["attempts"] == 4 and res.method == "lemke_howson"
    assert _flat(res[0]).tolist() == pytest.approx([0.5] * 4, abs=1e-15)


def test_player_with_one_strategy_is_skipped_by_the_two_mixing_step():
    # matching pennies between players 1 and 2, beside a player with a single strategy: no pure
    # equilibrium; the pairs with player 0 cannot mix two of its strategies, pair (1, 2) gives (1/2, 1/2)
    mp = gt.catalog.matching_pennies().payoffs  # (2, 2, 2)
    pay = np.zeros((3, 1, 2, 2))
    pay[1, 0], pay[2, 0] = mp[0], mp[1]
    res = nash_equilibria(gt.NormalFormGame(pay), max_equilibria=1)
    assert res.method == "two_mixing"
    assert _flat(res[0]).tolist() == [1.0, 0.5, 0.5, 0.5, 0.5]
