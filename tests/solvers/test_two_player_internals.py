"""Internal helpers of the two-player solvers: exact reconstruction, fallbacks and rare branches."""

from __future__ import annotations

import importlib
import warnings
from fractions import Fraction as F

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers._bimatrix import accept, exact_equilibrium, exact_mixed, normalized, solve_exact
from gametheory_af.solvers._vertices import basis_vertices, degenerate_game
from gametheory_af.solvers.support import support_enumeration
from gametheory_af.solvers.vertex import polytope_vertices, vertex_enumeration
from tests.solvers._two_player import quiet, same_set, vectors

lh_mod = importlib.import_module("gametheory_af.solvers.lemke_howson")
zs_mod = importlib.import_module("gametheory_af.solvers.zero_sum")


def test_solve_exact_unique_inconsistent_and_underdetermined() -> None:
    assert solve_exact([[F(1), F(1)], [F(1), F(-1)]], [F(2), F(0)], 2) == [F(1), F(1)]
    # Overdetermined but consistent.
    assert solve_exact([[F(1)], [F(2)]], [F(3), F(6)], 1) == [F(3)]
    assert solve_exact([[F(1)], [F(2)]], [F(3), F(5)], 1) is None
    assert solve_exact([[F(1), F(1)]], [F(1)], 2) is None


def test_exact_mixed_rejects_negative_and_non_unique_solutions() -> None:
    M = np.array([[F(1), F(0)], [F(0), F(1)]], dtype=object)
    assert exact_mixed(M, [0, 1], [0, 1]) == [F(1, 2), F(1, 2)]
    assert exact_mixed(M, [0, 1], [0]) is None  # one equation short: not unique
    N = np.array([[F(3), F(1)], [F(2), F(1)]], dtype=object)
    assert exact_mixed(N, [0, 1], [0, 1]) is None  # x = (-1, 2) is not a probability vector
    assert exact_mixed(np.array([[F(2), F(0)], [F(3), F(1)]], dtype=object), [0, 1], [0, 1]) is None  # none


def test_exact_equilibrium_rejects_wrong_supports() -> None:
    game = gt.catalog.battle_of_the_sexes()
    U = game.exact_payoffs()
    A, B = U[0], U[1]
    assert exact_equilibrium(game, A, B, ([0, 1], [0, 1], [0, 1], [0, 1])) is not None
    assert exact_equilibrium(game, A, B, ([0, 1], [0], [0, 1], [0, 1])) is None  # x not unique
    assert exact_equilibrium(game, A, B, ([0], [0], [0, 1], [0])) is None  # y not unique
    # Both pure, but mismatched: (Opera, Football) is not an equilibrium.
    assert exact_equilibrium(game, A, B, ([0], [0], [1], [1])) is None


def test_accept_exact_merges_duplicates_and_drops_non_equilibria() -> None:
    game = gt.catalog.battle_of_the_sexes()
    An, Bn = normalized(game.payoffs[0]), normalized(game.payoffs[1])
    e0 = (np.array([1.0, 0.0]), np.array([1.0, 0.0]))
    bad = (np.array([1.0, 0.0]), np.array([0.0, 1.0]))
    found = accept(game, [e0, e0, bad], An=An, Bn=Bn, tol=1e-9, tie_tol=1e-9, exact=True)
    assert [eq.exact for eq in found] == [((F(1), F(0)), (F(1), F(0)))]
    assert accept(game, [], An=An, Bn=Bn, tol=1e-9, tie_tol=1e-9, exact=False) == []


def test_degeneracy_of_the_column_players_polytope_only() -> None:
    # Only the row player's payoffs tie (against the pure column strategy 0): P is simple, Q is not.
    A = np.array([[1.0, 0.0], [1.0, 2.0]])
    B = np.array([[3.0, 1.0], [0.0, 2.0]])
    An, Bn = normalized(A), normalized(B)
    _, LX = polytope_vertices(Bn.T)
    assert (LX.sum(axis=1) <= 2).all()
    assert degenerate_game(An, Bn, 1e-9)
    with pytest.warns(gt.DegenerateGameWarning):
        assert not support_enumeration(gt.NormalFormGame.from_bimatrix(A, B)).complete


def test_degeneracy_of_the_row_players_polytope_only() -> None:
    A = np.array([[3.0, 0.0], [1.0, 2.0]])  # the transpose of the game above, players swapped
    B = np.array([[1.0, 1.0], [0.0, 2.0]])
    assert degenerate_game(normalized(A), normalized(B), 1e-9)


def test_qhull_errors_fall_back(monkeypatch: pytest.MonkeyPatch) -> None:
    import scipy.spatial

    game = gt.NormalFormGame.from_bimatrix([[3, 1, 0], [0, 2, 4]], [[2, 0, 1], [1, 3, 0]])
    expected = vectors(quiet(vertex_enumeration, game))

    def broken(*args: object, **kwargs: object) -> None:
        raise scipy.spatial.QhullError("simulated")

    monkeypatch.setattr(scipy.spatial, "ConvexHull", broken)
    assert same_set(vectors(quiet(vertex_enumeration, game)), expected, tol=1e-12)


def test_basis_enumeration_skips_all_singular_chunks() -> None:
    C = np.array([[1.0, 1.0], [1.0, 1.0], [2.0, 1.0]])
    V = basis_vertices(C, 1e-9, chunk=1)
    W, _ = polytope_vertices(C)
    assert same_set(list(V), list(W), tol=1e-12)


def test_lemke_howson_recertifies_when_the_compiled_certificate_is_not_at_round_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pivot, fast = lh_mod._kernels()
    if fast is None:  # pragma: no cover - numba not installed
        pytest.skip("needs the compiled kernel")

    def noisy(*args: object):  # type: ignore[no-untyped-def]
        piv, x, y, regret, u0, u1, b1, b2 = fast(*args)
        return piv, x, y, regret + 1e-6, u0, u1, b1, b2

    monkeypatch.setattr(lh_mod, "_COMPILED", [pivot, noisy])
    game = gt.catalog.chicken()
    res = lh_mod.lemke_howson(game, initial_label="all")
    assert res.max_regret == 0.0 and len(res) == 2


def test_exact_lemke_howson_with_a_constant_payoff_matrix() -> None:
    game = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[5, 5], [5, 5]])
    for k in range(4):
        [eq] = lh_mod._exact_path(game, k, 100)
        assert eq.max_regret == 0.0
    assert lh_mod._normalized_exact(np.array([[F(5), F(5)]], dtype=object)).tolist() == [[F(1), F(1)]]


def test_zero_sum_falls_back_to_vertex_enumeration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zs_mod, "accept", lambda *a, **k: [])
    res = zs_mod.zero_sum(gt.catalog.rock_paper_scissors(), exact=True)
    assert res[0].exact == ((F(1, 3),) * 3, (F(1, 3),) * 3) and res.exact_value == 0


def test_numpy_kernel_reports_max_iter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lh_mod, "_COMPILED", [lh_mod._pivot_numpy, None])
    with pytest.warns(gt.ConvergenceWarning, match="exceeded max_iter=1"):
        res = lh_mod.lemke_howson(gt.NormalFormGame(np.random.default_rng(0).random((2, 6, 6))), max_iter=1)
    assert not res.converged and len(res) == 0


def test_exact_lemke_howson_reruns_in_rationals_when_the_float_basis_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lh_mod, "accept", lambda *a, **k: [])
    res = lh_mod.lemke_howson(gt.catalog.battle_of_the_sexes(), initial_label=2, exact=True)
    assert res[0].exact == ((F(1), F(0)), (F(1), F(0)))


# ---------------------------------------------------------------------------- exact enumeration (issue 9)
from itertools import combinations  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from gametheory_af.solvers._bimatrix import (  # noqa: E402
    Budget,
    exact_polytope_vertices,
    exact_support_equilibria,
    normalized_exact,
)


@st.composite
def small_int_games(draw):  # type: ignore[no-untyped-def]
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    vals = st.integers(-3, 3)
    A = np.array(draw(st.lists(vals, min_size=m * n, max_size=m * n))).reshape(m, n)
    B = np.array(draw(st.lists(vals, min_size=m * n, max_size=m * n))).reshape(m, n)
    return gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())


@given(small_int_games())
def test_exact_polytope_vertices_match_the_float_ones(game) -> None:  # type: ignore[no-untyped-def]
    C = normalized_exact(game.exact_payoffs()[1]).T
    ours, stopped = exact_polytope_vertices(C, Budget(None, None))
    assert not stopped
    V, L = polytope_vertices(np.array(C, dtype=np.float64))
    keep = V.sum(axis=1) > 1e-12
    assert same_set([np.array([float(v) for v in z]) for z, _ in ours], list(V[keep]), tol=1e-9)
    labels = {tuple(round(float(v), 9) for v in z): lab for z, lab in ours}
    for z, lab in zip(V[keep], L[keep]):
        assert labels[tuple(round(float(v), 9) for v in z)] == frozenset(np.flatnonzero(lab).tolist())


@given(small_int_games())
def test_pruned_exact_support_enumeration_equals_trying_every_pair(game) -> None:  # type: ignore[no-untyped-def]
    U = game.exact_payoffs()
    m, n = game.shape
    brute = set()
    for k in range(1, min(m, n) + 1):
        for I in combinations(range(m), k):
            for J in combinations(range(n), k):
                eq = exact_equilibrium(game, U[0], U[1], (list(I), list(J), list(J), list(I)))
                if eq is not None:
                    brute.add(eq.exact)
    eqs, stopped, _ = exact_support_equilibria(game, Budget(None, None))
    assert not stopped
    assert {e.exact for e in eqs} == brute


def test_ill_conditioned_support_systems_are_settled_exactly(monkeypatch: pytest.MonkeyPatch) -> None:
    support_mod = importlib.import_module("gametheory_af.solvers.support")
    monkeypatch.setattr(support_mod, "ILL_HIGH", 1e300)  # every system counts as ill-conditioned
    float_game = gt.NormalFormGame(gt.catalog.battle_of_the_sexes().payoffs + 0.25)
    with warnings.catch_warnings():
        warnings.simplefilter("error", gt.DegenerateGameWarning)
        res = support_mod.support_enumeration(float_game)  # each system re-solved in rationals: no doubt left
    assert res.complete and len(res) == 3
    # A random game whose systems are all re-solved exactly gives the float answer's set.
    game = gt.NormalFormGame(np.random.default_rng(5).normal(size=(2, 5, 5)))
    monkeypatch.undo()
    expected = vectors(support_mod.support_enumeration(game))
    monkeypatch.setattr(support_mod, "ILL_HIGH", 1e300)
    monkeypatch.setattr(support_mod, "_MAX_EXACT_RESOLVES", 10**6)  # every one of them, exactly
    with warnings.catch_warnings():
        warnings.simplefilter("error", gt.DegenerateGameWarning)
        assert same_set(vectors(support_mod.support_enumeration(game)), expected, tol=1e-12)


def test_too_many_ill_conditioned_systems_are_redone_exactly_or_flagged(monkeypatch: pytest.MonkeyPatch) -> None:
    support_mod = importlib.import_module("gametheory_af.solvers.support")
    monkeypatch.setattr(support_mod, "ILL_HIGH", 1e300)
    monkeypatch.setattr(support_mod, "_MAX_EXACT_RESOLVES", 0)  # none may be settled one by one
    exact_game = gt.catalog.battle_of_the_sexes()
    res = support_mod.support_enumeration(exact_game)
    assert res.complete and all(eq.exact is not None for eq in res) and len(res) == 3
    float_game = gt.NormalFormGame(exact_game.payoffs + 0.25)
    with pytest.warns(gt.DegenerateGameWarning, match="ill-conditioned"):
        res = support_mod.support_enumeration(float_game)
    assert not res.complete and len(res) == 3


def test_ill_conditioned_partner_systems_fall_back_to_matching(monkeypatch: pytest.MonkeyPatch) -> None:
    vertex_mod = importlib.import_module("gametheory_af.solvers.vertex")
    game = gt.NormalFormGame(np.random.default_rng(3).random((2, 4, 4)))
    expected = vectors(vertex_mod.vertex_enumeration(game))
    monkeypatch.setattr(vertex_mod, "ILL_HIGH", 1e300)
    assert same_set(vectors(vertex_mod.vertex_enumeration(game)), expected, tol=1e-12)
