"""nash_equilibria: the method it picks for each documented case, the answers it returns, and
options that visibly change what the chosen solver does.

Written to replace the weak tests of ``tests/test_dispatch.py`` (a tautological
``test_named_methods_and_options``, two ``test_auto_*`` tests that accepted other
methods than the one in their names, and a ``test_exact`` that only checked
``exact is not None``).
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers import dispatch
from gametheory_af.solvers.dispatch import METHODS, nash_equilibria


def _vectors(result) -> list[np.ndarray]:  # type: ignore[no-untyped-def]
    return [np.concatenate(eq.profile) for eq in result]


def _same_set(result, expected, tol: float = 1e-9) -> bool:  # type: ignore[no-untyped-def]
    """The result's equilibria are the expected exact profiles, each once."""
    want = [np.array([float(x) for s in p for x in s]) for p in expected]
    got = _vectors(result)
    return len(got) == len(want) and all(any(np.abs(g - w).max() <= tol for g in got) for w in want)


def _dominant_row_game(m: int, n: int) -> gt.NormalFormGame:
    """Row 0 strictly dominates and the column player's best reply to it is the last column:
    the unique equilibrium is pure, ((0,), (n - 1,))."""
    rng = np.random.default_rng(m * 1000 + n)
    A = np.vstack([np.ones(n), 0.5 * rng.random((m - 1, n))])
    B = rng.random((m, n))
    B[0] = np.arange(n) / n
    return gt.NormalFormGame.from_bimatrix(A, B)


# --------------------------------------------------------------------------- the automatic choice
def test_auto_two_player_small_is_vertex_enumeration():
    entry = gt.catalog.get("battle_of_the_sexes")
    res = nash_equilibria(entry.game)
    assert res.method == "vertex_enumeration" and res.complete
    assert _same_set(res, entry.equilibria)


@pytest.mark.parametrize(
    ("shape", "method"),
    [
        ((2, 200), "vertex_enumeration"),  # 400 pure profiles: the largest enumerated
        ((2, 201), "lemke_howson"),  # 402 profiles
        ((12, 12), "vertex_enumeration"),  # C(24, 12) = 2,704,156 bases, within max_calls = 2**22
        ((13, 13), "lemke_howson"),  # C(26, 13) = 10,400,600 bases: over max_calls
    ],
)
def test_auto_two_player_size_boundaries(shape, method):
    game = _dominant_row_game(*shape)
    res = nash_equilibria(game)
    assert res.method == method
    assert [eq.support for eq in res] == [((0,), (shape[1] - 1,))]
    assert res == getattr(gt, method)(game)  # the dispatcher adds nothing to the solver's own answer


def test_auto_bases_bound_follows_max_calls():
    rps = gt.catalog.rock_paper_scissors()  # C(6, 3) = 20 bases
    with gt.limits(max_calls=19):
        res = nash_equilibria(rps, exact=True)
    assert res.method == "lemke_howson"
    assert res[0].exact == ((Fraction(1, 3),) * 3, (Fraction(1, 3),) * 3)
    with gt.limits(max_calls=20):
        assert nash_equilibria(rps).method == "vertex_enumeration"


def test_auto_two_player_large_is_lemke_howson():
    game = gt.NormalFormGame(np.random.default_rng(0).normal(size=(2, 25, 25)))
    res = nash_equilibria(game)
    assert res.method == "lemke_howson" and not res.complete
    assert len(res) == 1 and res.relative_regret <= 1e-9
    assert res == gt.lemke_howson(game, initial_label=0)


@pytest.mark.parametrize(
    ("shape", "method"),
    [
        ((2,) * 7, "polynomial_enumeration"),  # 3**7 = 2187 support profiles
        ((2,) * 8, "logit"),  # 3**8 = 6561, over 4096
        ((3, 3, 3), "polynomial_enumeration"),  # 343
        ((4, 4, 4), "polynomial_enumeration"),  # 3375
        ((4, 4, 5), "logit"),  # 15 * 15 * 31 = 6975
    ],
)
def test_auto_n_player_first_method_by_support_count(shape, method):
    game = gt.NormalFormGame(np.zeros((len(shape), *shape)))
    order = dispatch._auto_order(game)
    assert order[0] == method
    assert order[1:] == (["logit", "global_newton", "simpdiv"] if method == "polynomial_enumeration" else ["global_newton", "simpdiv"])


def test_auto_small_n_player_finds_every_known_equilibrium():
    entry = gt.catalog.get("volunteers_dilemma")
    res = nash_equilibria(entry.game)
    assert res.method == "polynomial_enumeration" and res.complete
    assert _same_set(res, entry.equilibria)


def test_auto_fallback_gets_only_the_options_it_takes():
    game = gt.NormalFormGame(np.random.default_rng(1).normal(size=(3, 5, 5, 5)))
    with warnings.catch_warnings():
        warnings.simplefilter("error", gt.ConvergenceWarning)  # logit's failure is not passed on
        res = nash_equilibria(game, lambda_max=1.0)  # logit cannot reach a Nash equilibrium by lambda = 1
    assert res.method == "global_newton" and res.converged and res.relative_regret <= 1e-9
    assert "lambda_max" not in res.parameters


# ----------------------------------------------------------------------------- exact answers
@pytest.mark.parametrize(("name", "method"), [("battle_of_the_sexes", "vertex_enumeration"), ("chicken", "vertex_enumeration"),
                                              ("volunteers_dilemma", "polynomial_enumeration"), ("jordan_game", "polynomial_enumeration")])
def test_exact_auto_gives_the_known_fractions(name, method):
    entry = gt.catalog.get(name)
    res = nash_equilibria(entry.game, exact=True)
    assert res.method == method and res.complete
    found = [eq.exact for eq in res]
    assert sorted(found) == sorted(entry.equilibria)
    assert all(type(x) is Fraction for prof in found for s in prof for x in s)


def test_exact_named_methods():
    res = nash_equilibria(gt.catalog.battle_of_the_sexes(), method="lemke_howson", initial_label=1, exact=True)
    assert res[0].exact == ((Fraction(0), Fraction(1)), (Fraction(0), Fraction(1)))
    odd_or_even = gt.NormalFormGame.from_zero_sum([[-2, 3], [3, -4]])  # Ferguson, Game Theory, Part II
    res = nash_equilibria(odd_or_even, method="zero_sum", exact=True)
    assert res.exact_value == Fraction(1, 12)
    assert res[0].exact == ((Fraction(7, 12), Fraction(5, 12)), (Fraction(7, 12), Fraction(5, 12)))
    with pytest.raises(gt.GameError, match="'logit' cannot compute exact equilibria"):
        nash_equilibria(gt.catalog.jordan_game(), method="logit", exact=True)


# ----------------------------------------------------------------------------- named methods
_GAME_FOR = {
    "pure": "battle_of_the_sexes",
    "support_enumeration": "battle_of_the_sexes",
    "vertex_enumeration": "chicken",
    "lemke_howson": "stag_hunt",
    "zero_sum": "rock_paper_scissors",
    "polynomial_enumeration": "volunteers_dilemma",
    "logit": "jordan_game",
    "global_newton": "volunteers_dilemma",
    "simpdiv": "jordan_game",
}


@pytest.mark.parametrize("method", list(METHODS))
def test_named_method_runs_that_solver_and_finds_known_equilibria(method):
    entry = gt.catalog.get(_GAME_FOR[method])
    res = nash_equilibria(entry.game, method=method)
    assert res.method == method
    assert len(res) >= 1 and res.relative_regret <= 1e-9
    for v in _vectors(res):
        assert any(np.abs(v - np.array([float(x) for s in p for x in s])).max() <= 1e-8 for p in entry.equilibria)
    if method == "pure":
        assert {eq.pure_profile for eq in res} == {(0, 0), (1, 1)}
    if method in ("support_enumeration", "vertex_enumeration", "polynomial_enumeration"):
        assert res.complete and len(res) == len(entry.equilibria)


# --------------------------------------------------------------------- options reach the solver
def test_tol_reaches_the_solver():
    pd = gt.catalog.prisoners_dilemma()
    assert [eq.pure_profile for eq in nash_equilibria(pd, method="pure")] == [(1, 1)]
    # (C, D) and (D, C): the cooperator's regret is 1 of its payoff range 5, relative 0.2.
    loose = nash_equilibria(pd, method="pure", tol=0.25)
    assert sorted(eq.pure_profile for eq in loose) == [(0, 1), (1, 0), (1, 1)]
    assert loose.parameters["tol"] == 0.25


def test_initial_label_reaches_lemke_howson():
    bos = gt.catalog.battle_of_the_sexes()
    assert nash_equilibria(bos, method="lemke_howson", initial_label=0)[0].support == ((0,), (0,))
    assert nash_equilibria(bos, method="lemke_howson", initial_label=1)[0].support == ((1,), (1,))
    assert len(nash_equilibria(bos, method="lemke_howson", initial_label="all")) == 2


def test_start_reaches_simpdiv():
    vd = gt.catalog.volunteers_dilemma()  # strategy 0 is Volunteer
    assert nash_equilibria(vd, method="simpdiv", start=(0, 1, 1))[0].pure_profile == (0, 1, 1)
    assert nash_equilibria(vd, method="simpdiv", start=(1, 1, 0))[0].pure_profile == (1, 1, 0)


def test_bounds_reach_the_enumerators():
    bos = gt.catalog.battle_of_the_sexes()
    with pytest.warns(gt.ConvergenceWarning, match="stopped early"):
        res = nash_equilibria(bos, method="vertex_enumeration", max_vertices=1)
    assert len(res) == 1 and not res.complete and res.parameters["max_vertices"] == 1
    with pytest.warns(gt.ConvergenceWarning):
        res = nash_equilibria(bos, method="support_enumeration", max_supports=2)
    assert not res.complete and res.n_iter == 2
    with pytest.raises(gt.GameError, match="27 support profiles, more than max_supports=5"):
        nash_equilibria(gt.catalog.volunteers_dilemma(), method="polynomial_enumeration", max_supports=5)
    res = nash_equilibria(gt.catalog.jordan_game(), method="polynomial_enumeration", tol=1e-7, max_boxes=64)
    assert res.parameters["tol"] == 1e-7 and res.parameters["max_boxes"] == 64 and len(res) == 1


def test_auto_passes_options_to_its_first_method():
    with pytest.warns(gt.ConvergenceWarning, match="stopped early"):
        res = nash_equilibria(gt.catalog.battle_of_the_sexes(), max_vertices=1)
    assert res.method == "vertex_enumeration" and len(res) == 1 and not res.complete


def test_lambda_max_reaches_logit():
    with pytest.warns(gt.ConvergenceWarning, match="reached lambda"):
        res = nash_equilibria(gt.catalog.volunteers_dilemma(), method="logit", lambda_max=1.0)
    assert len(res) == 0 and not res.converged
    assert 1.0 <= res.lambdas[-1] < 2.0
