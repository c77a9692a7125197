"""Hypothesis strategies for games and profiles, shared by the test suite."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import gametheory_af as gt


@st.composite
def shapes(draw: st.DrawFn, min_players: int = 1, max_players: int = 4, max_strategies: int = 4) -> tuple[int, ...]:
    """Strategy counts of a game, kept small enough to enumerate."""
    n = draw(st.integers(min_players, max_players))
    return tuple(draw(st.lists(st.integers(1, max_strategies), min_size=n, max_size=n)))


@st.composite
def games(
    draw: st.DrawFn,
    min_players: int = 1,
    max_players: int = 4,
    max_strategies: int = 4,
    integer: bool = True,
    low: int = -5,
    high: int = 5,
) -> gt.NormalFormGame:
    """Random games; integer payoffs make ties (degeneracy) common, which is the point."""
    shape = draw(shapes(min_players, max_players, max_strategies))
    full = (len(shape), *shape)
    if integer:
        arr = draw(hnp.arrays(np.int64, full, elements=st.integers(low, high)))
    else:
        arr = draw(hnp.arrays(np.float64, full, elements=st.floats(low, high, allow_nan=False, width=64)))
    return gt.NormalFormGame(arr)


@st.composite
def bimatrix_games(draw: st.DrawFn, max_strategies: int = 5, integer: bool = True) -> gt.NormalFormGame:
    """Random two-player games."""
    return draw(games(min_players=2, max_players=2, max_strategies=max_strategies, integer=integer))


@st.composite
def mixed_profiles(draw: st.DrawFn, game: gt.NormalFormGame) -> tuple[np.ndarray, ...]:
    """A random mixed profile of *game*."""
    out = []
    for s in game.shape:
        w = np.array(draw(st.lists(st.integers(0, 10), min_size=s, max_size=s)), dtype=float)
        if w.sum() == 0:
            w[0] = 1.0
        out.append(w / w.sum())
    return tuple(out)


@st.composite
def permutations_of(draw: st.DrawFn, n: int) -> list[int]:
    """A permutation of range(n)."""
    return draw(st.permutations(list(range(n))))


@st.composite
def afghan_box_points(draw: st.DrawFn, grid: int = 1000) -> dict:
    """A point of the Afghan scenario's parameter box, exact: each coordinate on a grid of 1/*grid* of its range."""
    from fractions import Fraction

    from gametheory_af.scenarios.afghanistan import Parameters

    return {k: lo + (hi - lo) * Fraction(draw(st.integers(0, grid)), grid) for k, (lo, hi) in Parameters.bounds().items()}
