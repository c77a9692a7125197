"""Pure Nash equilibria: definition, invariances, batch agreement, known answers."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from tests.strategies import games, permutations_of


def brute_force_pure(g: gt.NormalFormGame, tol: float = 1e-9) -> set[tuple[int, ...]]:
    """The definition, checked profile by profile and deviation by deviation."""
    out = set()
    for prof in itertools.product(*[range(s) for s in g.shape]):
        ok = True
        for i in range(g.n_players):
            for d in range(g.shape[i]):
                dev = list(prof)
                dev[i] = d
                if g.payoffs[(i, *dev)] > g.payoffs[(i, *prof)] + tol:
                    ok = False
        if ok:
            out.add(prof)
    return out


def found(g: gt.NormalFormGame) -> set[tuple[int, ...]]:
    return {eq.pure_profile for eq in gt.pure_nash(g)}


@pytest.mark.parametrize("entry", gt.catalog.entries(), ids=lambda e: e.name)
def test_catalog_known_pure_equilibria(entry):
    known = {
        tuple(p.index(1) for p in prof) for prof in entry.equilibria if all(max(p) == 1 for p in prof)
    }
    res = gt.pure_nash(entry.game)
    assert found(entry.game) == known
    assert res.complete and res.method == "pure"
    for eq in res:
        assert eq.is_pure and eq.max_regret == 0
        assert np.array_equal(eq.payoffs, gt.expected_payoffs(entry.game, eq.pure_profile))


@given(games(max_players=4, max_strategies=3))
def test_pure_nash_equals_definition(g):
    assert found(g) == brute_force_pure(g)


@given(games(max_players=3, max_strategies=3), st.data())
def test_invariant_under_positive_affine_change(g, data):
    i = data.draw(st.integers(0, g.n_players - 1))
    a = data.draw(st.integers(1, 7))
    b = data.draw(st.integers(-5, 5))
    u = np.array(g.payoffs)
    u[i] = a * u[i] + b
    assert found(gt.NormalFormGame(u)) == found(g)


@given(games(min_players=2, max_players=3, max_strategies=3), st.data())
def test_equilibria_move_with_player_permutation(g, data):
    perm = data.draw(permutations_of(g.n_players))
    h = g.permute_players(perm)
    assert found(h) == {tuple(p[k] for k in perm) for p in found(g)}


@given(games(max_players=3, max_strategies=4), st.data())
def test_equilibria_move_with_strategy_permutation(g, data):
    i = data.draw(st.integers(0, g.n_players - 1))
    perm = data.draw(permutations_of(g.shape[i]))
    h = g.permute_strategies(i, perm)
    inverse = {old: new for new, old in enumerate(perm)}
    want = {tuple(inverse[a] if k == i else a for k, a in enumerate(p)) for p in found(g)}
    assert found(h) == want


@given(st.data())
def test_batch_agrees_with_pure_nash_game_by_game(data):
    shape = tuple(data.draw(st.lists(st.integers(1, 3), min_size=1, max_size=4)))
    B = data.draw(st.integers(1, 6))
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    stack = rng.integers(-3, 4, size=(B, len(shape), *shape)).astype(float)
    marks = gt.pure_nash_batch(stack)
    assert marks.shape == (B, *shape)
    for b in range(B):
        assert {tuple(int(x) for x in r) for r in np.argwhere(marks[b])} == found(gt.NormalFormGame(stack[b]))


def test_batch_errors():
    with pytest.raises(gt.GameError, match=r"shape \(B, n_players, s_1, ..., s_n\); got shape \(2, 2, 2\)"):
        gt.pure_nash_batch(np.zeros((2, 2, 2)))
    bad = np.zeros((1, 2, 2, 2))
    bad[0, 1, 0, 1] = np.nan
    with pytest.raises(gt.GameError, match="must be finite; found nan at \\(0, 1, 0, 1\\)"):
        gt.pure_nash_batch(bad)


def test_tolerance_and_large_payoffs():
    # A gain of 1 at payoffs of order 1e9 is still a gain; ties within tol count as equilibria.
    g = gt.NormalFormGame.from_bimatrix([[1e9, 0], [1e9 + 1, 0]], [[0, 0], [0, 0]])
    assert found(g) == {(1, 0), (0, 1), (1, 1)}
    assert found(gt.NormalFormGame.from_bimatrix([[1, 1 + 1e-12]], [[0, 0]])) == {(0, 0), (0, 1)}


def test_regret_tensor():
    from gametheory_af.solvers.pure import pure_regret_tensor

    r = pure_regret_tensor(gt.catalog.prisoners_dilemma().payoffs)
    assert r[:, 0, 0].tolist() == [2.0, 2.0]
    rb = pure_regret_tensor(np.stack([gt.catalog.prisoners_dilemma().payoffs] * 2), batch=True)
    assert np.array_equal(rb[1], r)
    with pytest.raises(gt.GameError, match="must have shape"):
        pure_regret_tensor(np.zeros((3, 2, 2)))
    # NaN payoffs and strategy-less players are input errors, not NaN regrets or numpy tracebacks.
    with pytest.raises(gt.GameError, match=r"pure_regret_tensor: payoffs must be finite; found nan at \(0, 1\)"):
        pure_regret_tensor(np.array([[1.0, np.nan]]))
    with pytest.raises(gt.GameError, match="pure_regret_tensor: every player needs at least one strategy"):
        pure_regret_tensor(np.zeros((1, 0)))
    with pytest.raises(gt.GameError, match="pure_regret_tensor: every player needs at least one strategy"):
        pure_regret_tensor(np.zeros((4, 1, 0)), batch=True)


def test_batch_of_no_games():
    marks = gt.pure_nash_batch(np.zeros((0, 2, 2, 3)))
    assert marks.shape == (0, 2, 3) and marks.dtype == bool


def test_large_n_player_game():
    rng = np.random.default_rng(7)
    u = rng.normal(size=(10, *([2] * 10)))
    g = gt.NormalFormGame(u)
    assert found(g) == brute_force_pure(g)


def test_type_errors():
    with pytest.raises(TypeError, match="NormalFormGame"):
        gt.pure_nash(np.zeros((2, 2, 2)))


def test_batch_tolerance_is_relative_to_each_games_range():
    # In game 0 the column player gains 5e-10 of its range (1e6) by deviating: within tol=1e-9.
    # In game 1 the gain is 2e-9 of the range: not within. Game 2 is game 0 scaled by 1e-12.
    base = np.zeros((2, 2, 2))
    base[0] = [[1e6, 0.0], [0.0, 0.0]]
    base[1] = [[1e6, 1e6 + 5e-4], [0.0, 0.0]]
    other = base.copy()
    other[1, 0, 1] = 1e6 + 2e-3
    out = gt.pure_nash_batch(np.stack([base, other, base * 1e-12]), tol=1e-9)
    assert out[0, 0, 0] and not out[1, 0, 0] and out[2, 0, 0]
    assert (0, 0) in [e.pure_profile for e in gt.pure_nash(gt.NormalFormGame(base), tol=1e-9)]
    assert (0, 0) not in [e.pure_profile for e in gt.pure_nash(gt.NormalFormGame(other), tol=1e-9)]
