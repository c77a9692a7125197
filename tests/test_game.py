"""NormalFormGame: construction, validation, immutability, transformations."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given

import gametheory_af as gt
from tests.strategies import games


def test_bimatrix_layout_axis_k_plus_1_is_player_k():
    g = gt.NormalFormGame.from_bimatrix([[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]])
    assert g.payoffs.shape == (2, 2, 3)
    assert g.shape == (2, 3) and g.n_players == 2
    # payoffs[i][row, col]
    assert g.payoffs[0, 1, 2] == 6 and g.payoffs[1, 1, 2] == 12


def test_default_names():
    g = gt.NormalFormGame(np.zeros((3, 2, 1, 3)))
    assert g.players == ("Player 1", "Player 2", "Player 3")
    assert g.strategies == (("s1", "s2"), ("s1",), ("s1", "s2", "s3"))


def test_sequence_of_arrays_and_one_array_agree():
    a = np.arange(8.0).reshape(2, 2, 2)
    assert gt.NormalFormGame([a[0], a[1]]) == gt.NormalFormGame(a)


def test_payoffs_are_read_only_copy():
    a = np.ones((2, 2, 2))
    g = gt.NormalFormGame(a)
    a[0, 0, 0] = 99
    assert g.payoffs[0, 0, 0] == 1
    with pytest.raises(ValueError):
        g.payoffs[0, 0, 0] = 5
    assert g.payoffs.dtype == np.float64


def test_exact_payoffs_kept():
    g = gt.NormalFormGame.from_bimatrix([[Fraction(1, 3), 1]], [[2, Fraction(-5, 7)]])
    assert g.is_exact
    assert g.exact_payoffs()[0, 0, 0] == Fraction(1, 3)
    assert g.exact_payoffs()[1, 0, 1] == Fraction(-5, 7)
    assert g.payoffs[0, 0, 0] == pytest.approx(1 / 3)
    # float games give the decimal that prints as the float
    assert gt.NormalFormGame([[0.1, 0.2]]).exact_payoffs()[0, 0] == Fraction(1, 10)


@pytest.mark.parametrize(
    "payoffs, match",
    [
        ([[[1, 2], [3]], [[1, 2], [3, 4]]], r"payoffs\[0\] is ragged"),
        ([[1, 2], [3]], r"payoffs\[1\] has shape \(1,\) but payoffs\[0\] has shape \(2,\)"),
        ([[[1, 2]], [[1, 2], [3, 4]]], r"payoffs\[1\] has shape"),
        ([[[np.nan, 1]], [[1, 1]]], "must be finite; found nan at"),
        ([[[np.inf, 1]], [[1, 1]]], "must be finite; found inf"),
        (np.zeros((2, 2)), "describe 2 players but have 1 strategy axes"),
        (np.zeros((2, 0, 2)), "zero strategies"),
        ([], "empty"),
        (5, "must be an array"),
        ([["a", "b"]], "numbers"),
    ],
)
def test_bad_payoffs_raise_game_error(payoffs, match):
    with pytest.raises(gt.GameError, match=match):
        gt.NormalFormGame(payoffs)


def test_bad_names():
    p = np.zeros((2, 2, 2))
    with pytest.raises(gt.GameError, match="duplicate name 'A'"):
        gt.NormalFormGame(p, players=["A", "A"])
    with pytest.raises(gt.GameError, match="must have 2 names; got 3"):
        gt.NormalFormGame(p, players=["A", "B", "C"])
    with pytest.raises(gt.GameError, match=r"strategies\[1\] has a duplicate name 'x'"):
        gt.NormalFormGame(p, strategies=[["a", "b"], ["x", "x"]])
    with pytest.raises(gt.GameError, match="non-empty strings"):
        gt.NormalFormGame(p, players=["", "B"])
    with pytest.raises(gt.GameError, match="one sequence of names per player"):
        gt.NormalFormGame(p, strategies=[["a", "b"]])


def test_from_bimatrix_shape_mismatch():
    with pytest.raises(gt.GameError, match="same shape"):
        gt.NormalFormGame.from_bimatrix([[1, 2]], [[1], [2]])
    with pytest.raises(gt.GameError, match="2-D matrix"):
        gt.NormalFormGame.from_bimatrix([1, 2], [1, 2])


def test_lookup_errors():
    g = gt.catalog.prisoners_dilemma()
    with pytest.raises(gt.GameError, match="unknown player 'Nobody'"):
        g.player_index("Nobody")
    with pytest.raises(gt.GameError, match="unknown strategy 'Betray'"):
        g.strategy_index(0, "Betray")
    with pytest.raises(gt.GameError, match="out of range"):
        g.strategy_index(0, 2)
    with pytest.raises(TypeError):
        g.player_index(1.5)


def test_restrict_and_subgame_keep_names():
    g = gt.catalog.rock_paper_scissors()
    r = g.restrict("Column", ["Scissors", "Rock"])
    assert r.strategies[1] == ("Scissors", "Rock")
    assert r.payoffs[0, 0].tolist() == [1.0, 0.0]  # Rock vs Scissors, Rock vs Rock
    with pytest.raises(gt.GameError, match="empty"):
        g.restrict({0: []})
    with pytest.raises(gt.GameError, match="repeats"):
        g.restrict({"Row": [0, 0]})


def test_relabel():
    g = gt.catalog.prisoners_dilemma().relabel(players=["Kabul", "Taliban"], strategies={"Row": ["Share", "Fight"]})
    assert g.players == ("Kabul", "Taliban") and g.strategies[0] == ("Share", "Fight")
    with pytest.raises(gt.GameError, match="unknown player"):
        g.relabel(players={"Nobody": "x"})


def test_permute_players_moves_payoffs():
    g = gt.catalog.volunteers_dilemma()
    u = np.random.default_rng(0).integers(-3, 4, size=(3, 2, 3, 4))
    h = gt.NormalFormGame(u)
    p = h.permute_players([2, 0, 1])
    assert p.shape == (4, 2, 3)
    # new player 0 is old player 2: its payoff at new profile (c, a, b) equals old u[2][a, b, c]
    assert p.payoffs[0, 3, 1, 2] == u[2, 1, 2, 3]
    assert p.payoffs[1, 3, 1, 2] == u[0, 1, 2, 3]
    assert g.permute_players([0, 1, 2]) == g
    with pytest.raises(gt.GameError, match="permutation"):
        h.permute_players([0, 0, 1])


def test_equality_hash_repr_str():
    a, b = gt.catalog.chicken(), gt.catalog.chicken()
    assert a == b and hash(a) == hash(b)
    assert a != gt.catalog.stag_hunt()
    assert (a == 3) is False
    assert "from_bimatrix" in repr(a)
    assert "Swerve" in str(a) and "Straight" in str(a)
    assert "3-player game" in str(gt.catalog.volunteers_dilemma())


def test_derived_facts():
    assert gt.catalog.matching_pennies().is_zero_sum
    assert not gt.catalog.prisoners_dilemma().is_zero_sum
    assert gt.catalog.prisoners_dilemma().is_symmetric
    assert not gt.catalog.battle_of_the_sexes().is_symmetric
    assert gt.NormalFormGame.from_bimatrix([[1, 2]], [[2, 1]]).is_constant_sum


def test_nashpy_round_trip():
    g = gt.catalog.battle_of_the_sexes()
    h = gt.NormalFormGame.from_nashpy(g.to_nashpy())
    assert np.array_equal(h.payoffs, g.payoffs)
    with pytest.raises(gt.GameError, match="must have 2 players; got 3"):
        gt.catalog.jordan_game().to_nashpy()


@given(games())
def test_payoff_of_pure_profile_is_tensor_entry(g):
    prof = tuple(s - 1 for s in g.shape)
    assert np.array_equal(gt.expected_payoffs(g, prof), g.payoffs[(slice(None), *prof)])


@given(games(max_players=3))
def test_dict_round_trip(g):
    assert gt.NormalFormGame.from_dict(g.to_dict()) == g


# ---------------------------------------------------------------------------------- immutability, pickling
def test_payoffs_cannot_be_made_writeable():
    for g in (gt.catalog.prisoners_dilemma(), gt.NormalFormGame(np.ones((2, 2, 2))), gt.catalog.volunteers_dilemma()):
        with pytest.raises(ValueError):
            g.payoffs.setflags(write=True)
        with pytest.raises(ValueError):
            g.payoffs[0].setflags(write=True)  # nor a view of them
        with pytest.raises(ValueError):
            g.payoffs[0, 0, 0] = 7.0
    # derived games are protected the same way
    g = gt.catalog.rock_paper_scissors()
    for h in (g.restrict(0, [0, 1]), g.relabel(players=["a", "b"]), g.permute_players([1, 0]), g.restrict({1: [2, 1]})):
        with pytest.raises(ValueError):
            h.payoffs.setflags(write=True)


def test_exact_payoffs_are_a_copy():
    g = gt.NormalFormGame.from_bimatrix([[Fraction(1, 3)]], [[2]])
    ex = g.exact_payoffs()
    ex[0, 0, 0] = Fraction(99)
    assert g.exact_payoffs()[0, 0, 0] == Fraction(1, 3)


@pytest.mark.parametrize("protocol", [2, 4, 5])
@pytest.mark.parametrize("name", ["prisoners_dilemma", "volunteers_dilemma", "rock_paper_scissors"])
def test_pickle_round_trip(name, protocol):
    import pickle

    g = getattr(gt.catalog, name)()
    h = pickle.loads(pickle.dumps(g, protocol=protocol))
    assert h == g and hash(h) == hash(g)
    assert h.players == g.players and h.strategies == g.strategies and h.is_exact == g.is_exact
    assert np.array_equal(h.exact_payoffs(), g.exact_payoffs())
    with pytest.raises(ValueError):
        h.payoffs.setflags(write=True)
    with pytest.raises(ValueError):
        h.payoffs[(0,) * (h.n_players + 1)] = 1.0


@given(games(max_players=3))
def test_pickle_round_trip_random(g):
    import pickle

    h = pickle.loads(pickle.dumps(g))
    assert h == g and np.array_equal(h.payoffs, g.payoffs)
    assert not h.payoffs.flags.writeable


def test_copy_and_deepcopy():
    import copy

    g = gt.NormalFormGame.from_bimatrix([[Fraction(1, 3)]], [[2]])
    for h in (copy.copy(g), copy.deepcopy(g)):
        assert h == g and h.is_exact
        with pytest.raises(ValueError):
            h.payoffs.setflags(write=True)


# ---------------------------------------------------------------------------------- integers beyond 2**53
BIG = 2**60 + 1


@pytest.mark.parametrize(
    "payoffs",
    [[[BIG, 3]], np.array([[BIG, 3]], dtype=np.int64), [np.array([BIG, 3], dtype=np.int64)], np.array([[-BIG, 3]])],
    ids=["python-int", "int64-array", "list-of-int64", "negative"],
)
def test_big_integers_kept_exact(payoffs):
    g = gt.NormalFormGame(payoffs)
    assert g.is_exact
    first = g.exact_payoffs()[0, 0]
    assert abs(first) == BIG and isinstance(first, Fraction)
    assert float(g.payoffs[0, 0]) == float(first)  # the nearest float
    # not equal to the game whose float payoffs are the same
    assert g != gt.NormalFormGame([[int(np.sign(float(first))) * (BIG - 1), 3]])


def test_small_int_arrays_stay_float_games():
    # integers up to 2**53 are exact in float64: such games are not marked exact (unchanged behaviour)
    g = gt.NormalFormGame(np.array([[2**53, -3]], dtype=np.int64))
    assert not g.is_exact and g.exact_payoffs()[0, 0] == 2**53


def test_exact_solver_sees_big_integers():
    from gametheory_af.solvers.support import support_enumeration

    # In floats both rows pay the same (2**60); exactly, the top row is strictly better.
    g = gt.NormalFormGame.from_bimatrix(np.array([[BIG], [BIG - 1]]), [[0], [0]])
    assert g.payoffs[0, 0, 0] == g.payoffs[0, 1, 0]
    res = support_enumeration(g, exact=True)  # exactly, the game is nondegenerate: no warning
    assert len(res) == 1 and res.complete
    assert res[0].profile[0].tolist() == [1.0, 0.0]


@pytest.mark.parametrize(
    "make",
    [
        lambda: gt.NormalFormGame([[10**400]]),
        lambda: gt.NormalFormGame([[Fraction(10**400, 3)]]),
        lambda: gt.NormalFormGame(np.array([[10**400, 1]], dtype=object)),
        lambda: gt.NormalFormGame.from_bimatrix([[-(10**400)]], [[1]]),
        lambda: gt.NormalFormGame.from_zero_sum([[10**309]]),
    ],
    ids=["int", "fraction", "object-array", "bimatrix", "zero-sum"],
)
def test_beyond_float64_is_a_game_error(make):
    with pytest.raises(gt.GameError, match="beyond the float64 range"):
        make()


def test_restrict_takes_a_mapping_and_subgame_payoff_are_deprecated():
    g = gt.catalog.rock_paper_scissors()
    both = g.restrict({"Row": ["Paper"], 1: [2, 0]})
    assert both.strategies == (("Paper",), ("Scissors", "Rock"))
    with pytest.warns(DeprecationWarning, match="use NormalFormGame.restrict"):
        assert g.subgame([["Paper"], [2, 0]]) == both
    with pytest.warns(DeprecationWarning, match="use gametheory_af.expected_payoffs"):
        assert g.payoff((0, 1)).tolist() == gt.expected_payoffs(g, (0, 1)).tolist()
    with pytest.raises(gt.GameError, match="appears twice"):
        g.restrict({0: [0], "Row": [1]})
    with pytest.raises(TypeError, match="strategies must be left out"):
        g.restrict({0: [0]}, [1])
    with pytest.raises(TypeError, match="strategies is required"):
        g.restrict(0)
    with pytest.raises(gt.GameError, match="strategies of player 1 is empty"):
        g.restrict({1: []})
