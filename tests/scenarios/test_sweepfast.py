"""Issue 14, fast sweeps: ParametricGame.batch with constants evaluated once, and the default chunk size.

The fast path must give the same bits as the reference path: every payoff
expression evaluated with every parameter broadcast to one value per point
(the evaluation ``batch`` did before), and the same equilibria as
``pure_nash_batch`` over that reference stack, whatever the chunk size.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.sensitivity import grid, iter_sweep, sweep
from gametheory_af.sensitivity.sweep import default_chunk_size


def _reference_batch(pg: gt.ParametricGame, **arrays: np.ndarray) -> np.ndarray:
    """The reference evaluation: every parameter broadcast to one value per point, entry by entry."""
    cols = {k: np.asarray(v, dtype=np.float64) for k, v in arrays.items()}
    B = max((a.shape[0] for a in cols.values() if a.ndim == 1), default=1)
    args = [np.broadcast_to(cols.get(k, np.asarray(float(p.default))), (B,)) for k, p in pg.parameters.items()]
    with np.errstate(all="ignore"):
        values = pg._compiled()(*args)  # noqa: SLF001 - the same compiled function, the old calling convention
    out = np.empty((pg.payoffs.size, B))
    for j, v in enumerate(values):
        out[j] = v
    return np.moveaxis(out.reshape(*pg.payoffs.shape, B), -1, 0)


def _flagship() -> gt.ParametricGame:
    from gametheory_af.scenarios import afghanistan

    return afghanistan.parametric_game()


def _random_game(seed: int) -> gt.ParametricGame:
    """A seeded 3-player game (2x3x2) whose payoffs mix arithmetic, Min/Max, Piecewise and transcendental functions."""
    x, y, z = (sp.Symbol(s, real=True) for s in "xyz")
    rng = np.random.default_rng(seed)
    forms = [
        lambda a, b: a * x + b,
        lambda a, b: a * x * y - b * z,
        lambda a, b: sp.Min(1, x / (z + 1)) * a + b,
        lambda a, b: sp.Max(x, y, b) - a * z,
        lambda a, b: sp.Piecewise((a * x, x < y), (b * z + x, True)),
        lambda a, b: sp.exp(a * x / 4) - sp.log(z + 2) * b,
        lambda a, b: sp.sqrt(x + z + 3) * a + sp.Abs(x - y) * b,
        lambda a, b: (a * x + b) / (y + z + 1),
        lambda a, b: sp.Rational(int(a), 7) + b,  # a constant entry
    ]
    pay = np.empty((3, 2, 3, 2), dtype=object)
    for idx in itertools.product(range(3), range(2), range(3), range(2)):
        a, b = (int(v) for v in rng.integers(-5, 6, 2))
        pay[idx] = forms[int(rng.integers(len(forms)))](a, b)
    params = [
        gt.Parameter("x", 1, lower=-3, upper=3),
        gt.Parameter("y", "1/3", lower=0, upper=2),
        gt.Parameter("z", "2/7", lower=0, upper=5),
    ]
    return gt.ParametricGame(pay, parameters=params)


# ---------------------------------------------------------------------------- batch: same bits
def test_flagship_batch_same_bits_as_reference_over_leverage() -> None:
    pg = _flagship()
    p = pg.parameters["leverage"]
    xs = np.random.default_rng(14).uniform(float(p.lower), float(p.upper), 5_000)
    xs[:3] = [float(p.lower), float(p.upper), 0.25]  # the kink of Min(1, leverage / guarantee_leverage) at 1/4
    fast, ref = pg.batch(leverage=xs), _reference_batch(pg, leverage=xs)
    assert fast.shape == (5_000, 4, 2, 2, 2, 2)
    assert np.array_equal(fast.view(np.uint64), ref.view(np.uint64))


def test_flagship_batch_same_bits_with_two_parameters_and_a_scalar() -> None:
    pg = _flagship()
    rng = np.random.default_rng(1414)
    lev = rng.uniform(0, 2, 2_000)
    dec = rng.uniform(float(pg.parameters["decentralisation"].lower), float(pg.parameters["decentralisation"].upper), 2_000)
    cost = float(pg.parameters["pressing_cost"].default) / 2
    fast = pg.batch(leverage=lev, decentralisation=dec, pressing_cost=cost)
    ref = _reference_batch(pg, leverage=lev, decentralisation=dec, pressing_cost=np.full(2_000, cost))
    assert np.array_equal(fast.view(np.uint64), ref.view(np.uint64))


@pytest.mark.parametrize("seed", range(12))
def test_random_games_batch_same_bits(seed: int) -> None:
    pg = _random_game(seed)
    rng = np.random.default_rng(seed)
    x = rng.uniform(-3, 3, 3_000)
    y = rng.uniform(0, 2, 3_000)
    for given_ in ({"x": x}, {"x": x, "y": y}, {"y": y}, {"x": x, "z": 1.5}, {}):
        fast = pg.batch(**given_)
        ref = _reference_batch(pg, **given_)
        assert fast.shape == ref.shape
        assert np.array_equal(fast.view(np.uint64), ref.view(np.uint64)), given_


@given(st.lists(st.floats(-3, 3, allow_nan=False), min_size=1, max_size=40), st.integers(0, 5))
def test_batch_rows_equal_at_points(xs: list[float], seed: int) -> None:
    """Each row of batch() is the game at() gives at that point (at() of a float goes through batch, B = 1)."""
    pg = _random_game(seed)
    stack = pg.batch(x=np.array(xs))
    for b, v in enumerate(xs):
        assert np.array_equal(stack[b], pg.at(x=v).payoffs)


def test_batch_of_constants_only_has_one_point() -> None:
    # No array given: one point at the defaults; x = 1, y = 1/3, z = 2/7 (exact at() agrees up to rounding).
    pg = _random_game(3)
    one = pg.batch()
    assert one.shape == (1, 3, 2, 3, 2)
    assert np.allclose(one[0], pg.at().payoffs.astype(float), rtol=1e-15, atol=1e-15)
    assert np.array_equal(pg.batch(x=0.5)[0], pg.batch(x=np.array([0.5]))[0])


def test_batch_output_is_fresh_and_writable() -> None:
    pg = _random_game(0)
    a = pg.batch(x=np.array([0.0, 1.0]))
    b = pg.batch(x=np.array([0.0, 1.0]))
    a[...] = 0.0  # constant entries were broadcast into the output, not shared with anything
    assert not np.array_equal(a, b)


def test_batch_not_finite_names_the_point_with_a_default_parameter() -> None:
    # 1 / (x - y) with y at its default 1/2 is infinite at x = 0.5 (point 1).
    x, y = sp.symbols("x y", real=True)
    pg = gt.ParametricGame([[1 / (x - y), 0]], parameters={"x": 0, "y": sp.Rational(1, 2)})
    with pytest.raises(gt.GameError, match=r"not finite at point 1 \{'x': 0.5, 'y': 0.5\}"):
        pg.batch(x=np.array([0.0, 0.5, 1.0]))


# ---------------------------------------------------------------------------- default chunk size
def test_default_chunk_size_by_hand() -> None:
    # Flagship: 4 players x 16 profiles x 8 bytes = 512 bytes a point; 2**22 / 512 = 8,192.
    assert default_chunk_size(_flagship()) == 8_192
    # 3 x (2*3*2) x 8 = 288 bytes; 2**22 / 288 = 14,563.5 -> largest power of two below: 8,192.
    assert default_chunk_size(_random_game(0)) == 8_192
    # One player, one strategy: 8 bytes; 2**19 points capped at 100,000.
    assert default_chunk_size(gt.ParametricGame([[sp.Symbol("x")]], parameters={"x": 0})) == 100_000


def test_default_chunk_size_floor_and_one_point_for_huge_games() -> None:
    x = sp.Symbol("x")
    # 2 players, 30x30: 1,800 entries x 8 = 14,400 bytes; 2**22 / 14,400 = 291 -> 256, raised to 1,024.
    pay = np.full((2, 30, 30), x, dtype=object)
    assert default_chunk_size(gt.ParametricGame(pay, parameters={"x": 0})) == 1_024
    # 2 players, 600x600: 5,760,000 bytes a point, beyond 4 MiB: one point per chunk.
    big = np.zeros((2, 600, 600), dtype=object)
    big[0, 0, 0] = x
    assert default_chunk_size(gt.ParametricGame(big, parameters={"x": 0})) == 1


def test_default_chunk_size_rejects_a_non_game() -> None:
    with pytest.raises(TypeError, match=r"default_chunk_size: pgame must be a ParametricGame; got 3"):
        default_chunk_size(3)  # type: ignore[arg-type]


def test_sweep_records_the_default_chunk_size() -> None:
    pg = _flagship()
    res = sweep(pg, grid(leverage=np.linspace(0, 2, 20_000)), keep_equilibria=False)
    assert res.chunk_size == 8_192
    parts = list(iter_sweep(pg, grid(leverage=np.linspace(0, 2, 20_000)), keep_equilibria=False))
    assert [p.start for p in parts] == [0, 8_192, 16_384]  # chunks of 8,192 points, the last one shorter


# ---------------------------------------------------------------------------- sweeps: same answers
def test_flagship_sweep_same_as_reference_path_for_every_chunk_size() -> None:
    pg = _flagship()
    xs = np.linspace(0, 2, 30_001)  # includes the kink at 1/4 (index 3,750) and the thresholds' neighbourhoods
    ref = gt.pure_nash_batch(_reference_batch(pg, leverage=xs))
    assert 0 < int(ref.reshape(len(xs), -1).sum(axis=1).min())  # the flagship has a pure equilibrium throughout
    results = [sweep(pg, grid(leverage=xs), chunk_size=c, measures={"first": (0, 0, 0, 0)}) for c in (None, 100_000, 777)]
    for res in results:
        assert np.array_equal(res.equilibria, ref)
        assert np.array_equal(res.n_equilibria, ref.reshape(len(xs), -1).sum(axis=1))
        assert np.array_equal(res.measures["first"], ref[:, 0, 0, 0, 0])
    streamed = np.concatenate([p.equilibria for p in iter_sweep(pg, grid(leverage=xs))])
    assert np.array_equal(streamed, ref)


@pytest.mark.parametrize("seed", range(6))
def test_random_game_sweep_same_as_reference_path(seed: int) -> None:
    pg = _random_game(seed)
    g = grid(x=np.linspace(-3, 3, 61), y=np.linspace(0, 2, 41))
    pts = g.to_arrays()
    ref = gt.pure_nash_batch(_reference_batch(pg, **pts))
    for chunk in (None, 100, 2_501):
        res = sweep(pg, g, chunk_size=chunk)
        assert np.array_equal(res.equilibria, ref)
    # The random games are not trivial: some points have no pure equilibrium or several, over the seeds.
    assert ref.shape == (61 * 41, 2, 3, 2)


def test_sweep_names_a_point_where_a_payoff_is_not_finite_in_a_later_chunk() -> None:
    # 1 / (x - 3/4): infinite at x = 0.75, the 4th point of the sample, in the second chunk of 3 points
    # (its index within that chunk is 0).
    x = sp.Symbol("x", real=True)
    pg = gt.ParametricGame([[1 / (x - sp.Rational(3, 4)), 0]], parameters={"x": 0})
    with pytest.raises(gt.GameError, match=r"^sweep: batch: payoff\[0, 0\] = .* is not finite at point 0 \{'x': 0.75\}"):
        sweep(pg, {"x": [0.0, 0.25, 0.5, 0.75, 1.0]}, chunk_size=3)
    # Fine elsewhere: the first chunk alone gives one equilibrium per point (a single player always has one).
    assert sweep(pg, {"x": [0.0, 0.25, 0.5]}).n_equilibria.tolist() == [1, 1, 1]
