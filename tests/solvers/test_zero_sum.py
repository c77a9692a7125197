"""zero_sum: values of known games, agreement with the other solvers, constant-sum games, errors."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import gametheory_af as gt
from gametheory_af.solvers.lemke_howson import lemke_howson
from gametheory_af.solvers.support import support_enumeration
from gametheory_af.solvers.vertex import vertex_enumeration
from gametheory_af.solvers.zero_sum import ZeroSumResult, zero_sum
from tests.solvers._two_player import check_certificates, quiet

ZERO_SUM = [e for e in gt.catalog.entries() if e.game.n_players == 2 and e.game.is_zero_sum]


@st.composite
def zero_sum_games(draw: st.DrawFn, max_strategies: int = 5, constant: int = 0) -> gt.NormalFormGame:
    m = draw(st.integers(1, max_strategies))
    n = draw(st.integers(1, max_strategies))
    A = draw(hnp.arrays(np.int64, (m, n), elements=st.integers(-6, 6)))
    return gt.NormalFormGame.from_bimatrix(A, constant - A)


@pytest.mark.parametrize("entry", ZERO_SUM, ids=[f"zero_sum-{e.name}" for e in ZERO_SUM])
def test_catalog_zero_sum_games(entry: gt.catalog.CatalogEntry) -> None:
    res = zero_sum(entry.game, exact=True)
    assert isinstance(res, ZeroSumResult) and isinstance(res, gt.EquilibriumResult)
    assert res.method == "zero_sum" and len(res) == 1 and not res.complete
    assert res[0].exact in set(entry.equilibria)
    assert res.exact_value == 0 and res.value == 0.0
    check_certificates(entry.game, res)


def test_saddle_point_and_mixed_values() -> None:
    saddle = gt.NormalFormGame.from_zero_sum([[3, 1], [4, 2]])
    res = zero_sum(saddle)
    assert res.value == pytest.approx(2.0) and res[0].support == ((1,), (1,))
    # Morra-like 2x2: value (ad - bc) / (a + d - b - c) = (2*1 - (-1)(-3)) / (2 + 1 + 1 + 3) = -1/7.
    mixed = gt.NormalFormGame.from_zero_sum([[2, -1], [-3, 1]])
    res = zero_sum(mixed, exact=True)
    assert res.exact_value == Fraction(-1, 7)
    assert res[0].exact == ((Fraction(4, 7), Fraction(3, 7)), (Fraction(2, 7), Fraction(5, 7)))


def test_constant_sum_game_reports_row_value() -> None:
    A = np.array([[6, 2], [3, 5]])
    game = gt.NormalFormGame.from_bimatrix(A, 10 - A)
    res = zero_sum(game, exact=True)
    assert res.exact_value == Fraction(4)  # (6*5 - 2*3) / (6 + 5 - 2 - 3)
    assert res[0].payoffs[1] == pytest.approx(10 - res.value)


def test_large_game_with_large_payoffs() -> None:
    rng = np.random.default_rng(0)
    game = gt.NormalFormGame.from_zero_sum(rng.integers(-(10**6), 10**6, (40, 30)))
    res = zero_sum(game)
    check_certificates(game, res)
    ex = zero_sum(game, exact=True)
    assert abs(float(ex.exact_value) - res.value) <= 1e-9 * 10**6
    assert ex[0].max_regret == 0.0


def test_result_serialises_value() -> None:
    res = zero_sum(gt.catalog.matching_pennies(), exact=True)
    data = res.to_dict()
    assert data["value"] == 0.0 and data["exact_value"] == "0" and data["method"] == "zero_sum"
    assert repr(res).startswith("ZeroSumResult(method='zero_sum'") and "value=0" in repr(res)
    assert zero_sum(gt.catalog.matching_pennies()).to_dict()["exact_value"] is None


# ---------------------------------------------------------------------------- properties
@settings(max_examples=30)
@given(zero_sum_games())
def test_value_equals_equilibrium_payoff_of_other_methods(game: gt.NormalFormGame) -> None:
    res = zero_sum(game)
    check_certificates(game, res)
    for other in (quiet(vertex_enumeration, game), quiet(support_enumeration, game), lemke_howson(game)):
        for eq in other:
            assert eq.payoffs[0] == pytest.approx(res.value, abs=1e-9)


@settings(max_examples=20)
@given(zero_sum_games(constant=3), st.floats(0.5, 10), st.floats(-10, 10))
def test_affine_change_maps_the_value(game: gt.NormalFormGame, a: float, b: float) -> None:
    A, B = game.payoffs
    scaled = gt.NormalFormGame.from_bimatrix(a * A + b, a * B - b)
    assert zero_sum(scaled).value == pytest.approx(a * zero_sum(game).value + b, abs=1e-7 * (1 + abs(b)))


@settings(max_examples=20)
@given(zero_sum_games())
def test_exact_value_matches_float_value(game: gt.NormalFormGame) -> None:
    ex = zero_sum(game, exact=True)
    assert ex.exact_value is not None and float(ex.exact_value) == pytest.approx(zero_sum(game).value, abs=1e-9)
    check_certificates(game, ex)


# ---------------------------------------------------------------------------- errors
def test_rejects_general_sum_games() -> None:
    with pytest.raises(gt.GameError, match=r"zero_sum: game is not zero-sum or constant-sum; .* sum to 2 at profile \(1, 1\) but 6 at \(0, 0\)"):
        zero_sum(gt.catalog.prisoners_dilemma())


def test_rejects_games_that_are_constant_sum_only_in_floating_point() -> None:
    tenth = Fraction(1, 10)
    game = gt.NormalFormGame.from_bimatrix([[tenth, 2 * tenth]], [[-tenth + Fraction(1, 10**20), -2 * tenth]])
    assert game.is_exact
    assert game.is_constant_sum
    zero_sum(game)  # fine in floating point
    with pytest.raises(gt.GameError, match="not zero-sum or constant-sum"):
        zero_sum(game, exact=True)


def test_rejects_games_without_two_players() -> None:
    with pytest.raises(gt.GameError, match=r"zero_sum: game must have 2 players; got 3 \(shape \(2, 2, 2\)\)"):
        zero_sum(gt.catalog.jordan_game())
    with pytest.raises(TypeError, match="zero_sum: game must be a NormalFormGame"):
        zero_sum(np.zeros((2, 2, 2)))  # type: ignore[arg-type]
