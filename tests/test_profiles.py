"""Profiles: expected payoffs, best responses, regret, is_nash, and profile validation."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af import profiles as pr
from tests.strategies import games, mixed_profiles


def test_pure_and_named_profiles_agree():
    g = gt.catalog.prisoners_dilemma()
    assert np.array_equal(gt.expected_payoffs(g, (0, 1)), gt.expected_payoffs(g, ("Cooperate", "Defect")))
    assert np.array_equal(gt.expected_payoffs(g, (0, 1)), gt.expected_payoffs(g, ([1, 0], [0, 1])))


def test_mixed_expected_payoff_known_answer():
    g = gt.catalog.battle_of_the_sexes()
    # At the mixed equilibrium both players get 6/5.
    assert np.allclose(gt.expected_payoffs(g, ([0.6, 0.4], [0.4, 0.6])), [1.2, 1.2])


def test_exact_regret_is_zero_at_exact_equilibrium():
    g = gt.catalog.battle_of_the_sexes()
    r = pr.regrets(g, ([F(3, 5), F(2, 5)], [F(2, 5), F(3, 5)]), exact=True)
    assert list(r) == [0, 0]
    assert pr.max_regret(g, ([F(3, 5), F(2, 5)], [F(2, 5), F(3, 5)]), exact=True) == 0
    assert pr.expected_payoffs(g, ([F(3, 5), F(2, 5)], [F(2, 5), F(3, 5)]), exact=True).tolist() == [F(6, 5), F(6, 5)]


def test_best_responses_and_is_nash():
    g = gt.catalog.matching_pennies()
    assert pr.best_responses(g, (0, "Heads"), 0) == (0,)
    assert pr.best_responses(g, (0, "Tails"), "Matcher") == (1,)
    assert gt.is_nash(g, ([0.5, 0.5], [0.5, 0.5]))
    assert not gt.is_nash(g, (0, 0))
    assert gt.is_nash(g, ([0.5 + 1e-12, 0.5 - 1e-12], [0.5, 0.5]))


@pytest.mark.parametrize(
    "profile, match",
    [
        ((0,), "one entry per player \\(2\\); got 1"),
        ((0, 0, 0), "one entry per player \\(2\\); got 3"),
        (("Nope", 0), r"profile\[0\]: unknown strategy 'Nope'"),
        ((0, 5), r"profile\[1\]: strategy index 5 out of range"),
        (([0.5, 0.6], 0), r"profile\[0\] is off the simplex: probabilities sum to"),
        (([1.5, -0.5], 0), r"profile\[0\] is off the simplex: negative probability"),
        (([np.nan, 1.0], 0), r"profile\[0\] must be finite"),
        (([1.0, 0, 0], 0), r"profile\[0\] must be a probability vector of length 2"),
        ((0.5, 0), r"profile\[0\] must be a strategy index, a strategy name or a probability vector"),
        ("ab", "must be a sequence"),
    ],
)
def test_bad_profiles(profile, match):
    with pytest.raises(gt.GameError, match=match):
        gt.expected_payoffs(gt.catalog.prisoners_dilemma(), profile)


def test_exact_profile_must_sum_to_one_exactly():
    g = gt.catalog.matching_pennies()
    with pytest.raises(gt.GameError, match="exactly 1"):
        pr.regrets(g, ([F(1, 2), F(1, 2) + F(1, 10**12)], [F(1, 2), F(1, 2)]), exact=True)


def test_tol_validation():
    with pytest.raises(gt.GameError, match="is_nash: tol must be >= 0; got -1"):
        gt.is_nash(gt.catalog.matching_pennies(), (0, 0), tol=-1)


@given(st.data())
def test_expected_payoff_is_multilinear_average(data):
    """Expected payoff equals the probability-weighted sum over pure profiles."""
    g = data.draw(games(max_players=3, max_strategies=3))
    prof = data.draw(mixed_profiles(g))
    joint = prof[0]
    for p in prof[1:]:
        joint = np.multiply.outer(joint, p)
    want = np.array([(g.payoffs[i] * joint).sum() for i in range(g.n_players)])
    assert np.allclose(gt.expected_payoffs(g, prof), want)


@given(st.data())
def test_regret_nonnegative_and_zero_iff_best_response(data):
    g = data.draw(games(max_players=3, max_strategies=3))
    prof = data.draw(mixed_profiles(g))
    r = pr.regrets(g, prof)
    assert (r >= 0).all()
    for i in range(g.n_players):
        br = pr.best_responses(g, prof, i)
        support = np.flatnonzero(prof[i] > 0)
        if set(support) <= set(br):
            assert r[i] <= 1e-9
        else:
            assert r[i] > 0
