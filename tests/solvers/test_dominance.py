"""Iterated elimination of dominated strategies."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.solvers.dominance import _dominated_by_mixed, _player_matrix, dominated_strategies
from tests.strategies import games, permutations_of


def test_prisoners_dilemma_is_dominance_solvable():
    res = gt.eliminate_dominated(gt.catalog.prisoners_dilemma())
    assert res.solved and res.survivors == ((1,), (1,))
    assert res.game.strategies == (("Defect",), ("Defect",))


def test_mixed_domination_needs_lp():
    # Row 3 (1, 1) is not dominated by a pure row but by (1/2, 1/2) on rows 1-2 -> (1.5, 1.5).
    g = gt.NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], np.zeros((3, 2)))
    assert gt.eliminate_dominated(g, mixed=True).survivors[0] == (0, 1)
    assert gt.eliminate_dominated(g, mixed=False).survivors[0] == (0, 1, 2)


def test_iterated_elimination_textbook():
    # Osborne & Rubinstein-style 3x3 solved by iterated strict dominance to (M, C).
    A = [[4, 5, 6], [2, 8, 3], [3, 9, 2]]
    B = [[3, 1, 2], [1, 4, 6], [0, 6, 8]]
    res = gt.eliminate_dominated(gt.NormalFormGame.from_bimatrix(A, B), mixed=True)
    assert res.survivors == ((0,), (0,))
    assert len(res.eliminated) == 4


def test_weak_dominance_removes_one_at_a_time():
    g = gt.NormalFormGame.from_bimatrix([[1, 1], [1, 0]], [[1, 1], [1, 0]])
    strict = gt.eliminate_dominated(g)
    weak = gt.eliminate_dominated(g, strict=False)
    assert strict.survivors == ((0, 1), (0, 1))
    # Row 2 is weakly dominated by row 1; once it is gone, the columns tie.
    assert weak.survivors == ((0,), (0, 1))
    assert weak.eliminated == ((1, 0, 1),)
    # Two rounds of weak elimination: column 2 goes first, then row 2.
    g2 = gt.NormalFormGame.from_bimatrix([[2, 0], [1, 1]], [[1, 0], [1, 1]])
    assert gt.eliminate_dominated(g2, strict=False).survivors == ((0,), (0,))


def test_errors():
    with pytest.raises(TypeError):
        gt.eliminate_dominated(np.zeros((2, 2, 2)))
    with pytest.raises(gt.GameError, match="tol"):
        gt.eliminate_dominated(gt.catalog.chicken(), tol=float("nan"))
    with pytest.raises(TypeError, match="strict must be True or False"):
        gt.eliminate_dominated(gt.catalog.chicken(), strict="yes")
    with pytest.raises(TypeError, match="dominated_strategies: game must be a NormalFormGame; got ndarray"):
        dominated_strategies(np.zeros((2, 2, 2)), 0)
    with pytest.raises(TypeError, match="dominated_strategies: mixed must be True or False"):
        dominated_strategies(gt.catalog.chicken(), 0, mixed="no")


@given(games(max_players=3, max_strategies=4), st.booleans())
def test_strict_elimination_never_removes_an_equilibrium_strategy(g, mixed):
    res = gt.eliminate_dominated(g, mixed=mixed)
    for eq in gt.pure_nash(g):
        for k, a in enumerate(eq.pure_profile):
            assert a in res.survivors[k]


@given(games(max_players=3, max_strategies=4), st.data())
def test_strict_elimination_is_order_independent(g, data):
    """Eliminating one dominated strategy at a time, in a random order, ends in the same game."""
    res = gt.eliminate_dominated(g, mixed=True)
    alive = [list(range(s)) for s in g.shape]
    rng = np.random.default_rng(data.draw(st.integers(0, 1000)))
    while True:
        sub = g.payoffs[np.ix_(range(g.n_players), *alive)]
        candidates = []
        for i in range(g.n_players):
            M = _player_matrix(sub, i)
            local = list(range(len(alive[i])))
            candidates += [(i, s) for s in local if _dominated_by_mixed(M, s, local, True, 1e-9)]
        if not candidates:
            break
        i, s = candidates[rng.integers(len(candidates))]
        del alive[i][s]
    assert tuple(tuple(a) for a in alive) == res.survivors


@given(games(min_players=2, max_players=3, max_strategies=3), st.data())
def test_survivors_move_with_strategy_permutation(g, data):
    i = data.draw(st.integers(0, g.n_players - 1))
    perm = data.draw(permutations_of(g.shape[i]))
    base = gt.eliminate_dominated(g).survivors
    moved = gt.eliminate_dominated(g.permute_strategies(i, perm)).survivors
    assert sorted(perm[j] for j in moved[i]) == sorted(base[i])


def test_dominated_strategies_single_round():
    assert dominated_strategies(gt.catalog.prisoners_dilemma(), "Column") == (0,)
    assert dominated_strategies(gt.catalog.matching_pennies(), 0, mixed=False) == ()
