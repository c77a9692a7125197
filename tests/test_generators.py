"""Game generators: seeded random games, covariant games and the hard families (Savani-von Stengel, unit vector)."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af import generators
from gametheory_af.generators import (
    MAX_SVS_N,
    covariant_game,
    imitation_game,
    random_game,
    savani_von_stengel,
    unit_vector_game,
)

shapes = st.lists(st.integers(1, 4), min_size=1, max_size=4).map(tuple)
seeds = st.integers(0, 2**32)


# ---------------------------------------------------------------------------------------- random_game
@given(shape=shapes, seed=seeds, distribution=st.sampled_from(["normal", "uniform", "integer"]))
def test_random_game_shape_and_determinism(shape, seed, distribution):
    g = random_game(shape, seed=seed, distribution=distribution)
    assert g.shape == shape and g.n_players == len(shape)
    assert g == random_game(shape, seed=seed, distribution=distribution)
    assert g == random_game(list(shape), seed=np.random.default_rng(seed), distribution=distribution)


def test_random_game_normal_is_the_benchmarks_seeded_game():
    # benchmarks.conftest.random_game_payoffs(shape, seed) draws rng.standard_normal((n, *shape)).
    expected = np.random.default_rng(20260611).standard_normal((2, 5, 4))
    assert np.array_equal(random_game((5, 4), seed=20260611).payoffs, expected)


def test_random_game_distributions():
    u = random_game((30, 30), seed=3, distribution="uniform").payoffs
    assert u.min() >= 0 and u.max() < 1 and abs(u.mean() - 0.5) < 0.03  # 1800 draws: sd of the mean 0.007
    g = random_game((30, 30), seed=3, distribution="integer")
    assert g.is_exact
    exact = g.exact_payoffs()
    assert all(isinstance(v, (int, Fraction)) and v == int(v) for v in exact.ravel())
    assert g.payoffs.min() >= -100 and g.payoffs.max() <= 100
    assert len(np.unique(g.payoffs)) > 150  # 1800 draws over 201 values: nearly all appear
    n = random_game((30, 30), seed=3).payoffs
    assert abs(n.mean()) < 0.1 and abs(n.std() - 1) < 0.1
    assert not np.array_equal(n, random_game((30, 30), seed=4).payoffs)


def test_random_game_bad_input():
    with pytest.raises(TypeError, match="random_game: shape must be a sequence of integers; got 3"):
        random_game(3, seed=0)
    with pytest.raises(TypeError, match="random_game: shape must be a sequence"):
        random_game("22", seed=0)
    with pytest.raises(gt.GameError, match=r"random_game: shape\[1\] must be an integer >= 1; got 0"):
        random_game((2, 0), seed=0)
    with pytest.raises(TypeError, match=r"shape\[0\] must be an integer; got 2.0"):
        random_game((2.0, 2), seed=0)
    with pytest.raises(gt.GameError, match="at least 1 entries"):
        random_game((), seed=0)
    with pytest.raises(TypeError, match="random_game: seed must be a non-negative integer .* got None"):
        random_game((2, 2), seed=None)
    with pytest.raises(gt.GameError, match="random_game: seed must be a non-negative integer seed; got -1"):
        random_game((2, 2), seed=-1)
    with pytest.raises(gt.GameError, match="distribution must be one of 'normal', 'uniform', 'integer'; got 'cauchy'"):
        random_game((2, 2), seed=0, distribution="cauchy")
    with gt.limits(max_entries=100), pytest.raises(gt.GameError, match="random_game: this asks for 200 payoff entries"):
        random_game((10, 10), seed=0)


# ---------------------------------------------------------------------------------------- covariant_game
@pytest.mark.parametrize("shape", [(3, 4), (2, 3, 2), (2, 2, 2, 2)])
def test_covariant_game_ends_of_the_range(shape):
    n = len(shape)
    common = covariant_game(shape, 1.0, seed=5).payoffs
    assert all(np.array_equal(common[0], common[i]) for i in range(n))  # common interest
    zero = covariant_game(shape, -1.0 / (n - 1), seed=5).payoffs
    assert np.abs(zero.sum(axis=0)).max() < 1e-12  # zero-sum: the common component vanishes
    assert abs(zero.std() - 1) < 0.5


@pytest.mark.parametrize("rho", [-0.45, 0.0, 0.3, 0.8])
def test_covariant_game_correlation_and_variance(rho):
    # 3 players, 27,000 profiles: the sample correlation has sd (1 - rho^2)/sqrt(27000) < 0.007.
    p = covariant_game((30, 30, 30), rho, seed=11).payoffs.reshape(3, -1)
    corr = np.corrcoef(p)
    off = corr[~np.eye(3, dtype=bool)]
    assert np.abs(off - rho).max() < 0.03
    assert np.abs(p.var(axis=1) - 1).max() < 0.05
    assert np.abs(p.mean(axis=1)).max() < 0.05


@given(shape=st.lists(st.integers(1, 3), min_size=2, max_size=4).map(tuple), seed=seeds, t=st.floats(0, 1))
def test_covariant_game_property(shape, seed, t):
    n = len(shape)
    rho = -1 / (n - 1) + t * (1 + 1 / (n - 1))  # anywhere in [-1/(n-1), 1]
    g = covariant_game(shape, rho, seed=seed)
    assert g.shape == shape and np.isfinite(g.payoffs).all()
    assert g == covariant_game(shape, rho, seed=seed)


def test_covariant_game_bad_input():
    with pytest.raises(gt.GameError, match=r"covariant_game: rho must be <= 1.0; got 1.5"):
        covariant_game((2, 2), 1.5, seed=0)
    with pytest.raises(gt.GameError, match=r"covariant_game: rho must be >= -0.5; got -0.6"):
        covariant_game((2, 2, 2), -0.6, seed=0)
    with pytest.raises(gt.GameError, match="covariant_game: shape must have at least 2 entries"):
        covariant_game((3,), 0.0, seed=0)
    with pytest.raises(TypeError, match="covariant_game: rho must be a number"):
        covariant_game((2, 2), "0.5", seed=0)
    with pytest.raises(TypeError, match="covariant_game: seed must be"):
        covariant_game((2, 2), 0.5, seed="x")


# ---------------------------------------------------------------------------------------- Savani-von Stengel
def _gale_vertices(d: int) -> list[frozenset[int]]:
    """The d-subsets of 0..2d-1 satisfying Gale's evenness condition on the circle (d even)."""
    out = []
    for s in itertools.combinations(range(2 * d), d):
        bits = [i in s for i in range(2 * d)]
        start = bits.index(False)
        runs, run = [], 0
        for b in bits[start + 1:] + bits[: start + 1]:
            if b:
                run += 1
            else:
                runs.append(run)
                run = 0
        if all(r % 2 == 0 for r in runs):
            out.append(frozenset(s))
    return out


def _morris_path_lengths(d: int, labels: list[int]) -> list[int]:
    """Lemke paths in the labelled dual cyclic polytope from the vertex {0..d-1}, one per missing label.

    Pure combinatorics (Morris 1994): a vertex is a Gale string; dropping facet s leads to the
    one other vertex that contains the d-1 others.
    """
    verts = _gale_vertices(d)
    by_ridge: dict[frozenset[int], list[frozenset[int]]] = {}
    for v in verts:
        for f in v:
            by_ridge.setdefault(v - {f}, []).append(v)
    lengths = []
    for k in range(d):
        v, drop, steps = frozenset(range(d)), k, 0
        while True:
            ridge = v - {drop}
            (w,) = [u for u in by_ridge[ridge] if u != v]
            steps += 1
            (new,) = w - v
            if labels[new] == k:
                break
            (drop,) = [f for f in w if f != new and labels[f] == labels[new]]
            v = w
        lengths.append(steps)
    return lengths


def test_svs_n1_by_hand():
    # d = 2, t = -3, -1, 1, 3 on (t, t^2), centroid (0, 5): a_k = (-3, 4), (-1, -4), (1, -4), (3, 4).
    # Slacks of the first two facets: c_j solves [[-3, -1], [4, -4]] c = a_{2+j}: c_0 = (-1/2, 1/2)
    # (slack 1), c_1 = (-1/2, -3/2) (slack 3), so B = [[1/2, 1/6], [-1/2, 1/2]]; rows over their
    # largest |entry|: [[1, 1/3], [-1, 1]]. Labels (1, 0): U = [[0, 1], [1, 0]].
    g = savani_von_stengel(1)
    assert g.exact_payoffs().tolist() == [[[0, 1], [1, 0]], [[1, Fraction(1, 3)], [-1, 1]]]
    # The unique equilibrium: y makes rows indifferent, y = (1/2, 1/2); x makes columns
    # indifferent, x0 - x1 = x0/3 + x1, x = (3/4, 1/4).
    (eq,) = gt.vertex_enumeration(g, exact=True)
    assert eq.exact == ((Fraction(3, 4), Fraction(1, 4)), (Fraction(1, 2), Fraction(1, 2)))


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_svs_unique_equilibrium_reached_from_every_label(n):
    g = savani_von_stengel(n)
    d = 2 * n
    assert g.shape == (d, d) and g.is_exact
    u = g.exact_payoffs()[0]
    assert (u.sum(axis=0) == 1).all() and (u.sum(axis=1) == 1).all()  # a permutation matrix
    assert np.abs(g.payoffs[1]).max(axis=1).tolist() == [1.0] * d  # rows scaled to max |entry| 1
    (eq,) = gt.lemke_howson(g, initial_label=0, exact=True)
    if n <= 3:  # one equilibrium (n = 4: the Gale-string count of test_svs_path_lengths_are_twice_morris_paths)
        (only,) = gt.vertex_enumeration(g, exact=True)
        assert only.exact == eq.exact
    for k in range(2 * d):
        res = gt.lemke_howson(g, initial_label=k)
        assert len(res) == 1 and res.max_regret <= 1e-9
        # float pivots on coordinates down to 1e-4 (n = 4): agreement to 1e-7
        assert np.abs(np.concatenate(res[0].profile) - np.concatenate(eq.profile)).max() < 1e-7


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_svs_path_lengths_are_twice_morris_paths(n):
    d = 2 * n
    labels = list(range(d)) + generators._morris_labels(d)
    morris = _morris_path_lengths(d, labels)
    g = savani_von_stengel(n)
    rows = [gt.lemke_howson(g, initial_label=k).n_iter for k in range(d)]
    cols = [gt.lemke_howson(g, initial_label=d + j).n_iter for j in range(d)]
    assert rows == [2 * m for m in morris]
    assert cols == [rows[labels[d + j]] for j in range(d)]
    # the labelling has exactly two completely labelled vertices: the start and the equilibrium
    assert sum(len({labels[f] for f in v}) == d for v in _gale_vertices(d)) == 2


def test_svs_paths_grow_exponentially():
    # Label 0: 4, 12, 32, 80, 196 pivots; the shortest path over all 4n labels: 4, 8, 16, 24, 44.
    first, shortest = [], []
    for n in range(1, 6):
        g = savani_von_stengel(n)
        lengths = [gt.lemke_howson(g, initial_label=k).n_iter for k in range(4 * n)]
        first.append(lengths[0])
        shortest.append(min(lengths))
    assert first == [4, 12, 32, 80, 196]
    assert shortest == [4, 8, 16, 24, 44]
    assert all(b > 2 * a for a, b in zip(first[1:], first[2:]))


def test_svs_exact_pivoting_beyond_float():
    g = savani_von_stengel(6)
    res = gt.lemke_howson(g, initial_label=0, exact=True)
    assert res.max_regret == 0 and res.n_iter == 476


def test_svs_bad_input():
    with pytest.raises(gt.GameError, match="savani_von_stengel: n must be an integer >= 1; got 0"):
        savani_von_stengel(0)
    with pytest.raises(gt.GameError, match=f"savani_von_stengel: n must be an integer <= {MAX_SVS_N}; got 33"):
        savani_von_stengel(MAX_SVS_N + 1)
    with pytest.raises(TypeError, match="savani_von_stengel: n must be an integer; got 1.5"):
        savani_von_stengel(1.5)


# ---------------------------------------------------------------------------------------- unit vector games
@given(m=st.integers(1, 4), n=st.integers(1, 5), data=st.data())
def test_unit_vector_game_layout(m, n, data):
    labels = data.draw(st.lists(st.integers(0, m - 1), min_size=n, max_size=n))
    b = data.draw(st.lists(st.lists(st.fractions(-5, 5, max_denominator=7), min_size=n, max_size=n),
                           min_size=m, max_size=m))
    g = unit_vector_game(b, labels)
    assert g.shape == (m, n) and g.is_exact
    u, bb = g.exact_payoffs()
    for j in range(n):
        assert [u[i, j] for i in range(m)] == [int(i == labels[j]) for i in range(m)]
    assert bb.tolist() == b


@pytest.mark.parametrize("seed", range(8))
def test_imitation_game_equilibria_are_symmetric_equilibria(seed):
    # McLennan & Tourky (2010): (x, y) solves (I, B) iff (x, x) is a symmetric equilibrium of
    # (B^T, B); in a nondegenerate game y is then uniform on the support of x.
    n = 4 + seed % 3
    b = np.random.default_rng(seed).standard_normal((n, n))
    imitation = gt.vertex_enumeration(imitation_game(b))
    symmetric = gt.vertex_enumeration(gt.NormalFormGame.from_bimatrix(b.T, b))
    sym_x = sorted(tuple(np.round(e.profile[0], 9)) for e in symmetric
                   if np.abs(e.profile[0] - e.profile[1]).max() < 1e-9)
    imi_x = sorted(tuple(np.round(e.profile[0], 9)) for e in imitation)
    assert imi_x == sym_x and len(imi_x) >= 1
    for e in imitation:
        x, y = e.profile
        support = x > 1e-12
        assert np.allclose(y[support], 1 / support.sum()) and np.allclose(y[~support], 0)


def test_unit_vector_bad_input():
    with pytest.raises(gt.GameError, match=r"unit_vector_game: B must be a nonempty rectangular matrix; got shape \(2,\)"):
        unit_vector_game([[1, 2], [3]], [0, 0])
    with pytest.raises(gt.GameError, match=r"unit_vector_game: B must be a nonempty rectangular matrix; got shape \(3,\)"):
        unit_vector_game([1, 2, 3], [0, 0, 0])
    with pytest.raises(gt.GameError, match="labels must have one entry per column of B \\(2\\); got 3"):
        unit_vector_game([[1, 2]], [0, 0, 0])
    with pytest.raises(gt.GameError, match=r"unit_vector_game: labels\[1\] must be an integer <= 0; got 1"):
        unit_vector_game([[1, 2]], [0, 1])
    with pytest.raises(TypeError, match=r"labels\[0\] must be an integer; got 'a'"):
        unit_vector_game([[1, 2]], ["a", 0])
    with pytest.raises(TypeError, match="unit_vector_game: labels must be a sequence of integers; got 3"):
        unit_vector_game([[1, 2]], 3)
    with pytest.raises(gt.GameError, match="payoffs must be finite"):
        unit_vector_game([[1, float("nan")]], [0, 0])
    with gt.limits(max_entries=10), pytest.raises(gt.GameError, match="this asks for 12 payoff entries"):
        unit_vector_game(np.ones((2, 3)), [0, 1, 1])
    assert unit_vector_game(np.ones((2, 3)), np.array([0, 1, 1])).shape == (2, 3)
    with pytest.raises(gt.GameError, match=r"imitation_game: B must be a nonempty square matrix; got shape \(2, 3\)"):
        imitation_game(np.ones((2, 3)))
    with pytest.raises(gt.GameError, match=r"imitation_game: B must be a nonempty square matrix; got shape \(2,\)"):
        imitation_game([[1, 2], [3]])


def test_support_enumeration_finds_the_svs_equilibrium():
    # Every game has an equilibrium, and this one has exactly one (vertex enumeration, exact):
    # support enumeration must find it, with full supports 6 and 6.
    g = savani_von_stengel(3)
    (eq,) = gt.vertex_enumeration(g, exact=True)
    res = gt.support_enumeration(g)
    assert len(res) == 1 and np.abs(np.concatenate(res[0].profile) - np.concatenate(eq.profile)).max() < 1e-9
