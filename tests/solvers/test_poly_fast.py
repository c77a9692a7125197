"""polynomial_enumeration's fast route (issue 14) against its reference route.

The reference route is the solver as it was: support profiles pruned by strict
conditional dominance only, every support system solved with the reference
arithmetic (``fast=False``). The fast route prunes by weak conditional
dominance too and takes the boxes' centre values from their vertex values; it
falls back to the reference route when some solution set is positive-dimensional.
"""

from __future__ import annotations

import pathlib
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.solvers import polynomial as poly
from gametheory_af.solvers._nplayer import check_game_and_tol

DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "nfg"


def _reference(game, max_boxes=2048):
    """Today's route: strict pruning, reference arithmetic; (equilibria, number of unresolved supports)."""
    prep = check_game_and_tol(game, None, "test")
    sups = poly._admissible_supports(prep.un, game.shape)
    points, singular, budget, timed = poly._solve_supports(prep.un, game.shape, sups, prep.tol, max_boxes)
    assert timed == 0
    return poly._certify(game, points, prep.tol, False), singular + budget


def _fast(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        return poly.polynomial_enumeration(game)


def _flat(eqs):
    return [np.concatenate(eq.profile) for eq in eqs]


def _same(a, b, tol=1e-9):
    return (
        len(a) == len(b)
        and all(any(np.abs(x - y).max() < tol for y in b) for x in a)
        and all(any(np.abs(x - y).max() < tol for x in a) for y in b)
    )


def _check_same_as_reference(game):
    ref, unresolved = _reference(game)
    res = _fast(game)
    assert _same(_flat(ref), _flat(res))
    if unresolved == 0:
        assert res.complete == game_resolves(game)
    if not res.complete:
        # the fallback is the reference route itself: the same points, in the same order
        assert len(res) == len(ref)
        assert all(np.array_equal(a, b) for a, b in zip(_flat(ref), _flat(res)))
    return ref, res


def game_resolves(game):
    return check_game_and_tol(game, None, "test").resolves


# ---------------------------------------------------------------------- same answers
@pytest.mark.parametrize("shape", [(3, 3, 3), (2, 2, 2, 2), (2, 2, 2, 2, 2), (2, 3, 4), (2, 2, 3)])
@pytest.mark.parametrize("seed", range(5))
def test_random_games_same_equilibria(shape, seed):
    game = gt.NormalFormGame(np.random.default_rng(1000 + seed).normal(size=(len(shape), *shape)))
    ref, res = _check_same_as_reference(game)
    assert res.complete and len(res) % 2 == 1  # generic: an odd number (Wilson 1971)


@pytest.mark.parametrize(
    ("shape", "seed"), [*[(s, seed) for s in [(2, 2, 2, 2), (2, 2, 3), (2, 3, 3)] for seed in range(3)]]
)
def test_degenerate_integer_games_same_equilibria(shape, seed):
    # payoffs in {0, 1, 2}: ties everywhere, weak dominance prunes, many games have continua
    game = gt.NormalFormGame(np.random.default_rng(seed).integers(0, 3, size=(len(shape), *shape)).astype(float))
    _check_same_as_reference(game)


@pytest.mark.parametrize(
    "name", ["2x2x2.nfg", "3x3x3.nfg", "sww1.nfg", "e04.nfg", "yamamoto.nfg", "wink3.nfg", "8x2x2.nfg"]
)
def test_gambit_files_same_equilibria(name):
    _check_same_as_reference(gt.read_nfg(DATA / name))


# ---------------------------------------------------------------------- coord333 by hand
def test_coord333_all_thirteen_and_complete():
    """Everyone gets 1 when all three match, else 0.

    Pure equilibria: all match (3), or all three different (6: nobody can make all three match
    alone). Mixed: if two players mix over the same pair {a, b} with (1/2, 1/2), the third is
    indifferent between a and b (1/4 each), so all three on (1/2, 1/2) over a pair is an
    equilibrium (3 pairs); all uniform (1/3, 1/3, 1/3) likewise (1/9 for each strategy). 13 in all,
    as Gambit's enumpoly finds. Every other support profile has a strategy that is weakly
    dominated given the others' supports: e.g. ({0}, {1}, {0, 2}): player 1's strategy 0 earns
    sigma_3(0) > 0 against it, strategy 1 earns 0. Pruning those, every support is resolved.
    """
    game = gt.read_nfg(DATA / "coord333.nfg")
    res = poly.polynomial_enumeration(game)
    assert res.complete and len(res) == 13
    # weak dominance leaves exactly the 13 equilibria's support profiles (strict: 289 of 343)
    prep = check_game_and_tol(game, None, "test")
    assert poly._admissible_supports(prep.un, game.shape)[0].shape[0] == 289
    weak = poly._admissible_supports(prep.un, game.shape, prep.u)
    assert {tuple(tuple(np.flatnonzero(m[b]).tolist()) for m in weak) for b in range(weak[0].shape[0])} == {
        eq.support for eq in res
    }
    pure = {eq.pure_profile for eq in res if eq.is_pure}
    assert pure == {(a, a, a) for a in range(3)} | {p for p in np.ndindex(3, 3, 3) if len(set(p)) == 3}
    mixed = sorted(tuple(eq.profile[0].round(12)) for eq in res if not eq.is_pure)
    third = round(1 / 3, 12)
    assert mixed == sorted([(0.0, 0.5, 0.5), (0.5, 0.0, 0.5), (0.5, 0.5, 0.0), (third, third, third)])
    assert all(np.allclose(eq.profile[0], eq.profile[k]) for eq in res if not eq.is_pure for k in (1, 2))
    assert res.max_regret <= 1e-12
    # the reference route finds the same 13 but cannot resolve the pruned supports (a small box
    # budget only makes it give up on them sooner: 8 s with the default)
    ref, unresolved = _reference(game, max_boxes=64)
    assert _same(_flat(ref), _flat(res)) and unresolved > 0


def test_coord333_agrees_with_gambit():
    gbt = pytest.importorskip("pygambit")
    game = gt.read_nfg(DATA / "coord333.nfg")
    gg = gbt.read_nfg(str(DATA / "coord333.nfg"))
    theirs = gbt.nash.enumpoly_solve(gg).equilibria
    their_flat = [np.array([float(e[s]) for p in gg.players for s in p.strategies]) for e in theirs]
    assert _same(_flat(poly.polynomial_enumeration(game)), their_flat, tol=1e-6)


# ---------------------------------------------------------------------- weak conditional dominance
def test_weak_dominance_prunes_only_with_the_raw_payoffs():
    # sww1: column player's strategy 1 earns (3, 2) against rows (0, 1), strategy 0 earns (3, 0):
    # weakly dominant once the row player mixes, so no equilibrium has both players mixing
    game = gt.read_nfg(DATA / "sww1.nfg")
    prep = check_game_and_tol(game, None, "test")
    strict = poly._admissible_supports(prep.un, game.shape)
    weak = poly._admissible_supports(prep.un, game.shape, prep.u)

    def profiles(sups):
        return {tuple(tuple(np.flatnonzero(m[b]).tolist()) for m in sups) for b in range(sups[0].shape[0])}

    assert ((0, 1), (0, 1)) in profiles(strict)
    assert profiles(weak) == profiles(strict) - {((0, 1), (0, 1))}


def test_weak_dominance_is_decided_on_exact_comparisons():
    # payoffs 1 and 1 + 2**-40 differ by far less than the rounding margin of strict dominance,
    # but they do differ: strategy 1 is weakly (not strictly) better, given any support of the other
    eps = 2.0**-40
    u = np.zeros((2, 2, 2))
    u[0] = [[1.0, 0.0], [1.0 + eps, 0.0]]  # row: strategy 1 ties against column 1, beats by eps against 0
    u[1] = [[0.0, 1.0], [1.0, 0.0]]
    game = gt.NormalFormGame(u)
    prep = check_game_and_tol(game, None, "test")
    weak = poly._admissible_supports(prep.un, (2, 2), prep.u)
    rows = {tuple(np.flatnonzero(weak[0][b]).tolist()) for b in range(weak[0].shape[0]) if weak[1][b].all()}
    assert (0, 1) not in rows  # against column's full support, row's strategy 0 is weakly dominated
    strict = poly._admissible_supports(prep.un, (2, 2))
    assert any(strict[0][b].all() and strict[1][b].all() for b in range(strict[0].shape[0]))


@settings(max_examples=10)
@given(seed=st.integers(0, 10_000))
def test_weak_pruning_keeps_every_exact_support_of_an_equilibrium(seed):
    # an equilibrium's exact support profile is never pruned (the lemma in _admissible_supports)
    game = gt.NormalFormGame(np.random.default_rng(seed).integers(0, 3, size=(3, 2, 2, 3)).astype(float))
    prep = check_game_and_tol(game, None, "test")
    weak = poly._admissible_supports(prep.un, game.shape, prep.u)
    kept = {tuple(tuple(np.flatnonzero(m[b]).tolist()) for m in weak) for b in range(weak[0].shape[0])}
    res = _fast(game)
    for eq in res:
        exact = tuple(tuple(int(j) for j in np.flatnonzero(p > 1e-12)) for p in eq.profile)
        if eq.max_regret == 0.0:
            assert exact in kept


# ---------------------------------------------------------------------- the pieces of the fast route
def test_stop_gives_up_at_the_first_unresolved_support():
    # player 0 has two identical strategies: a continuum, so the box solver cannot resolve it
    u = np.zeros((3, 2, 2, 2))
    u[1] = 1.0
    u[2, :, :, 0] = 1.0
    prep = check_game_and_tol(gt.NormalFormGame(u), None, "test")
    sups = poly._admissible_supports(prep.un, (2, 2, 2))
    points, singular, budget, timed = poly._solve_supports(prep.un, (2, 2, 2), sups, 1e-9, 64, stop=True)
    assert points == [] and singular + budget >= 1 and timed == 0
    full = poly._solve_supports(prep.un, (2, 2, 2), sups, 1e-9, 64)
    assert len(full[0]) > 0 and full[1] + full[2] >= 1


def test_continuum_falls_back_to_the_reference_route():
    # Nau, Gomez Canovas & Hansen (2004) sec. 5: three pure equilibria, two partly mixed, a continuum
    nau = [
        [[[0, 1], [0, 0]], [[3, 0], [0, 0]]],
        [[[0, 1], [3, 0]], [[0, 0], [0, 0]]],
        [[[2, 0], [0, 0]], [[0, 0], [0, 3]]],
    ]
    game = gt.NormalFormGame(nau)
    ref, unresolved = _reference(game)
    with pytest.warns(gt.DegenerateGameWarning):
        res = poly.polynomial_enumeration(game)
    assert unresolved > 0 and not res.complete
    assert len(res) == len(ref) >= 6
    assert all(np.array_equal(a, b) for a, b in zip(_flat(ref), _flat(res)))


@settings(max_examples=15)
@given(seed=st.integers(0, 10_000), shape=st.sampled_from([(3, 3, 3), (2, 2, 2, 2, 2), (2, 3, 4), (3, 2)]))
def test_centre_values_are_the_mean_of_the_vertex_values(seed, shape):
    # a multilinear polynomial's mean over a box's vertices is its value at the centre
    rng = np.random.default_rng(seed)
    un = rng.random((len(shape), *shape))
    sups = poly._admissible_supports(un, shape)
    sysm = poly._Systems(un, shape, sups)
    rows = rng.integers(0, sups[0].shape[0], 50)
    act = sysm.active[rows]
    a = rng.random((50, sysm.d)) * 0.8
    lo = np.where(act, a, 0.0)
    hi = np.where(act, a + rng.random((50, sysm.d)) * 0.2, 0.0)
    out = sysm.ranges(rows, lo, hi, centre=True)
    assert len(out) == 5
    np.testing.assert_allclose(out[4], sysm.values(rows, (lo + hi) / 2), rtol=0, atol=1e-14)
    for x, y in zip(out[:4], sysm.ranges(rows, lo, hi)):
        np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize(("shape", "seed"), [((2, 2, 2, 2, 2), 0), ((3, 3, 3), 2), ((2, 3, 4), 5)])
def test_batched_direct_solutions_are_those_of_each_group_alone(shape, seed):
    # the closed-form systems of all groups run in one batch; each group's points are those it has alone
    u = np.random.default_rng(seed).random((len(shape), *shape))
    sups = poly._admissible_supports(u, shape)
    points, rest = poly._solve_direct(u, shape, sups)
    sizes = np.stack([m.sum(axis=1) for m in sups], axis=1)
    alone: list = []
    for b in range(sups[0].shape[0]):
        p, r = poly._solve_direct(u, shape, [m[b : b + 1] for m in sups])
        alone.extend(p)
        assert (r.size == 0) == (b not in rest)
    assert (sizes > 1).sum(axis=1).max() >= 2
    assert _same([np.concatenate(p) for p in points], [np.concatenate(p) for p in alone], tol=1e-12)


def test_duplicates_are_skipped_before_they_are_built():
    game = gt.catalog.jordan_game()
    prof = (np.array([0.5, 0.5]),) * 3
    near = (np.array([0.5 + 1e-9, 0.5 - 1e-9]),) * 3
    eqs = poly._certify(game, [prof, near, prof], 1e-9, False)
    assert len(eqs) == 1 and np.array_equal(eqs[0].profile[0], [0.5, 0.5])


@pytest.mark.parametrize("shape", [(3, 3, 3), (2, 2, 2, 2, 2), (2, 3, 4), (2, 2, 1)])
def test_point_evaluation_uses_one_vertex_and_is_bitwise_the_same(shape):
    # at a point every vertex of the degenerate box is the point: one vertex gives the same numbers
    rng = np.random.default_rng(7)
    un = rng.random((len(shape), *shape))
    sups = poly._admissible_supports(un, shape)
    sysm = poly._Systems(un, shape, sups)
    rows = rng.integers(0, sups[0].shape[0], 40)
    x = np.where(sysm.active[rows], rng.random((40, sysm.d)), 0.0)
    one = sysm.ranges(rows, x, x)  # lo is hi: one vertex
    every = sysm.ranges(rows, x, x.copy())  # all 2^(s_k - 1) copies of the point
    for a, b in zip(one, every):
        np.testing.assert_array_equal(a, b)


def test_a_singular_support_stops_the_first_pass_too():
    # payoffs in {0, 1, 2} (np.random.default_rng(195)): a support system with a singular solution,
    # found by the interval solver before any support runs over its box budget
    u = np.random.default_rng(195).integers(0, 3, size=(3, 2, 2, 2)).astype(float)
    prep = check_game_and_tol(gt.NormalFormGame(u), None, "test")
    sups = poly._admissible_supports(prep.un, (2, 2, 2), prep.u)
    points, singular, budget, timed = poly._solve_supports(prep.un, (2, 2, 2), sups, 1e-9, 2048, stop=True)
    assert points == [] and singular == 1 and budget == 0 and timed == 0
    with pytest.warns(gt.DegenerateGameWarning, match="singular"):
        res = poly.polynomial_enumeration(gt.NormalFormGame(u))
    ref, unresolved = _reference(gt.NormalFormGame(u))
    assert unresolved >= 1 and not res.complete
    assert len(res) == len(ref) and all(np.array_equal(a, b) for a, b in zip(_flat(ref), _flat(res)))


def test_weak_dominance_needs_payoffs_float64_resolves(monkeypatch):
    # one payoff of 1e12 among payoffs 0..2: the others lie 1e-12 of the range apart, float64 does
    # not resolve them (the result is incomplete), and weak dominance is not used
    u = np.random.default_rng(3).integers(0, 3, size=(3, 2, 2, 2)).astype(float)
    u[0, 1, 1, 1] = 1e12
    game = gt.NormalFormGame(u)
    assert not game_resolves(game)
    raws = []
    real = poly._admissible_supports

    def spy(un, shape, raw=None):
        raws.append(raw)
        return real(un, shape, raw)

    monkeypatch.setattr(poly, "_admissible_supports", spy)
    with pytest.warns(gt.DegenerateGameWarning) as rec:
        res = poly.polynomial_enumeration(game)
    assert any("float64 cannot resolve" in str(w.message) for w in rec)
    assert raws and all(r is None for r in raws) and not res.complete
    raws.clear()
    poly.polynomial_enumeration(gt.catalog.jordan_game())
    assert raws[0] is not None  # a game float64 resolves: weak dominance is used


@pytest.mark.parametrize(
    ("shape", "seed"), [((3, 3, 3), 0), ((3, 3, 3), 1), ((3, 3, 3), 2), ((2, 2, 2, 2), 0), ((2, 3, 4), 4)]
)
def test_fast_route_agrees_with_gambit_enumpoly(shape, seed):
    # the benchmark workloads: where pygambit finds as many as we do, the sets are the same;
    # elsewhere (it misses some on 2^5) each of its equilibria is one of ours
    gbt = pytest.importorskip("pygambit")
    game = gt.NormalFormGame(np.random.default_rng(seed).normal(size=(len(shape), *shape)))
    gg = gbt.Game.from_arrays(*[game.payoffs[i] for i in range(game.n_players)])
    theirs = [
        np.array([float(e[s]) for p in gg.players for s in p.strategies])
        for e in gbt.nash.enumpoly_solve(gg).equilibria
    ]
    ours = _flat(poly.polynomial_enumeration(game))
    assert all(any(np.abs(t - o).max() < 1e-6 for o in ours) for t in theirs)
    if len(theirs) == len(ours):
        assert _same(ours, theirs, tol=1e-6)
    else:
        assert len(theirs) < len(ours)


@pytest.mark.parametrize("shape", [(2, 2, 2, 2, 2), (2, 3, 2, 3), (3, 2, 1, 2), (2, 2, 2, 2, 2, 2)])
def test_shared_contractions_are_those_of_each_block(shape):
    # _all_but_one gives, for each other player k, D_i contracted with everyone but i and k: the
    # same multiset of vertex values as _partial (another order of vertices and of the sums)
    rng = np.random.default_rng(11)
    un = rng.random((len(shape), *shape))
    sups = poly._admissible_supports(un, shape)
    sysm = poly._Systems(un, shape, sups)
    rows = rng.integers(0, sups[0].shape[0], 30)
    act = sysm.active[rows]
    a = rng.random((30, sysm.d)) * 0.8
    lo, hi = np.where(act, a, 0.0), np.where(act, a + 0.1, 0.0)
    V = [sysm.vertex_sigmas(lo.T, hi.T, k) for k in range(len(shape))]
    for i in [i for i in range(len(shape)) if shape[i] > 1]:  # (ranges skips a one-strategy player's rows)
        T = sysm.D[i][..., rows]
        others = [k for k in range(len(shape)) if k != i]
        shared = sysm._all_but_one(T, others, V)
        assert sorted(shared) == others
        for k in others:
            alone = sysm._partial(T, i, k, V)
            assert shared[k].shape == alone.shape
            np.testing.assert_allclose(np.sort(shared[k], axis=0), np.sort(alone, axis=0), rtol=0, atol=1e-14)
    fast, ref = sysm.ranges(rows, lo, hi, centre=True, fast=True), sysm.ranges(rows, lo, hi, centre=True)
    for x, y in zip(fast, ref):
        np.testing.assert_allclose(x, y, rtol=0, atol=1e-14)
