"""Scale invariance of the pure and two-player solvers (issue 9, part 1).

Equilibria do not change when a player's payoffs go through a positive affine map
``a * u + b``; neither may the answers of the solvers. Each property draws a small
integer game and one map per player with ``a`` log-uniform in ``[1e-12, 1e12]``,
solves both games and compares: same profiles (within 1e-6), same count, and for
complete methods the same set and the same ``complete`` flag.

Two families of maps:

* **float maps**: the mapped game is stored in float64. A shift ``b`` far larger
  than ``a`` times the range wipes the payoffs' differences out of float64 (no
  solver could recover them), so here ``|b| <= 1e4 * a``.
* **exact maps**: ``a`` and ``b`` (``|b|`` up to ``1e12``) are rationals and the
  mapped game is built from Fractions. Its float copy may not resolve the
  payoffs; the solvers must then switch to exact arithmetic. The exact modes
  (``exact=True``) must return exactly the original exact equilibria.

Also: the scale samples of the issue, with known answers, and a cross-check of
the exact enumeration against pygambit on an ill-conditioned game.
"""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt

# ---------------------------------------------------------------------------- strategies


@st.composite
def int_games(draw, max_size: int = 3, zero_sum: bool = False):  # type: ignore[no-untyped-def]
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(2 if m == 1 else 1, max_size))
    entries = st.integers(-4, 4)
    A = np.array(draw(st.lists(entries, min_size=m * n, max_size=m * n)), dtype=np.int64).reshape(m, n)
    B = -A if zero_sum else np.array(draw(st.lists(entries, min_size=m * n, max_size=m * n)), dtype=np.int64).reshape(m, n)
    return A, B


log_a = st.floats(min_value=-12, max_value=12, allow_nan=False)
unit = st.floats(min_value=-1, max_value=1, allow_nan=False)


def float_map(A: np.ndarray, B: np.ndarray, ea: tuple[float, float], t: tuple[float, float]) -> gt.NormalFormGame:
    a0, a1 = 10.0 ** ea[0], 10.0 ** ea[1]
    return gt.NormalFormGame.from_bimatrix(a0 * A + 1e4 * a0 * t[0], a1 * B + 1e4 * a1 * t[1])


def exact_map(A: np.ndarray, B: np.ndarray, ea: tuple[float, float], t: tuple[float, float]) -> gt.NormalFormGame:
    a0, a1 = F(10.0 ** ea[0]), F(10.0 ** ea[1])
    b0, b1 = F(1e12 * t[0]), F(1e12 * t[1])
    return gt.NormalFormGame.from_bimatrix(
        [[a0 * int(v) + b0 for v in row] for row in A], [[a1 * int(v) + b1 for v in row] for row in B]
    )


def original(A: np.ndarray, B: np.ndarray) -> gt.NormalFormGame:
    return gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())


maps = st.sampled_from([float_map, exact_map])

# ---------------------------------------------------------------------------- comparisons


def quiet(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        return fn(*args, **kwargs)


def vecs(res: gt.EquilibriumResult) -> list[np.ndarray]:
    return [np.concatenate(eq.profile) for eq in res]


def assert_same(res: gt.EquilibriumResult, ref: gt.EquilibriumResult, *, flags: bool = True) -> None:
    a, b = vecs(res), vecs(ref)
    assert len(a) == len(b), (a, b)
    for x in a:
        assert any(np.abs(x - y).max() <= 1e-6 for y in b), (x, b)
    for y in b:
        assert any(np.abs(x - y).max() <= 1e-6 for x in a), (y, a)
    for eq in res:
        assert eq.relative_regret <= 1e-9
    if flags:
        assert res.complete == ref.complete


# ---------------------------------------------------------------------------- properties


@given(int_games(), st.tuples(log_a, log_a), st.tuples(unit, unit), maps)
def test_pure_nash_and_dominance_are_scale_invariant(game, ea, t, mapping) -> None:  # type: ignore[no-untyped-def]
    A, B = game
    g, h = original(A, B), mapping(A, B, ea, t)
    assert [e.pure_profile for e in gt.pure_nash(h)] == [e.pure_profile for e in gt.pure_nash(g)]
    batch = gt.pure_nash_batch(np.stack([g.payoffs, h.payoffs])) if mapping is float_map else None
    if batch is not None:
        assert (batch[0] == batch[1]).all()
    for strict in (True, False):
        for mixed in (True, False):
            assert (
                gt.eliminate_dominated(h, strict=strict, mixed=mixed).survivors
                == gt.eliminate_dominated(g, strict=strict, mixed=mixed).survivors
            )


@given(int_games(), st.tuples(log_a, log_a), st.tuples(unit, unit), maps)
def test_enumerations_are_scale_invariant(game, ea, t, mapping) -> None:  # type: ignore[no-untyped-def]
    A, B = game
    g, h = original(A, B), mapping(A, B, ea, t)
    assert_same(quiet(gt.support_enumeration, h), quiet(gt.support_enumeration, g))
    assert_same(quiet(gt.vertex_enumeration, h), quiet(gt.vertex_enumeration, g))
    assert_same(quiet(gt.nash_equilibria, h), quiet(gt.nash_equilibria, g))


@given(int_games(), st.tuples(log_a, log_a), st.tuples(unit, unit), maps)
def test_lemke_howson_is_scale_invariant_for_every_label(game, ea, t, mapping) -> None:  # type: ignore[no-untyped-def]
    A, B = game
    g, h = original(A, B), mapping(A, B, ea, t)
    m, n = A.shape
    for k in range(m + n):
        assert_same(gt.lemke_howson(h, initial_label=k), gt.lemke_howson(g, initial_label=k))


@given(int_games(zero_sum=True), log_a, st.sampled_from([False, True]))
def test_zero_sum_is_scale_invariant(game, ea, exact_input) -> None:  # type: ignore[no-untyped-def]
    A, _ = game
    g = gt.NormalFormGame.from_zero_sum(A.tolist())
    a = F(10.0**ea)
    h = gt.NormalFormGame.from_zero_sum([[a * int(v) for v in row] for row in A]) if exact_input else (
        gt.NormalFormGame.from_zero_sum(float(a) * A)
    )
    rg, rh = gt.zero_sum(g), gt.zero_sum(h)
    assert rh.value == pytest.approx(float(a) * rg.value, rel=1e-9, abs=1e-9 * float(a))
    # The optimal pair need not be unique; the one found must be optimal in the original game.
    assert gt.is_nash(g, rh[0].profile)
    assert rh[0].relative_regret <= 1e-9
    if len(quiet(gt.vertex_enumeration, g)) == 1:  # a unique equilibrium: the same profile
        assert_same(rh, rg)


@given(int_games(), st.tuples(log_a, log_a), st.tuples(unit, unit))
def test_exact_modes_under_rational_maps(game, ea, t) -> None:  # type: ignore[no-untyped-def]
    A, B = game
    g, h = original(A, B), exact_map(A, B, ea, t)

    def exact_set(res: gt.EquilibriumResult) -> set:  # type: ignore[type-arg]
        return {eq.exact for eq in res}

    for solver in (gt.support_enumeration, gt.vertex_enumeration):
        rg, rh = quiet(solver, g, exact=True), quiet(solver, h, exact=True)
        assert exact_set(rh) == exact_set(rg)
        assert rh.complete == rg.complete
        assert all(eq.max_regret == 0.0 and eq.exact is not None for eq in rh)
    for k in range(sum(A.shape)):
        [eg] = gt.lemke_howson(g, initial_label=k, exact=True)
        [eh] = gt.lemke_howson(h, initial_label=k, exact=True)
        assert eh.exact == eg.exact


@given(int_games(max_size=3), st.tuples(log_a, log_a), st.tuples(unit, unit), maps)
def test_profile_functions_are_scale_invariant(game, ea, t, mapping) -> None:  # type: ignore[no-untyped-def]
    A, B = game
    g, h = original(A, B), mapping(A, B, ea, t)
    m, n = A.shape
    profile = (np.full(m, 1 / m), np.full(n, 1 / n))
    assert gt.is_nash(h, profile) == gt.is_nash(g, profile)
    for player in (0, 1):
        assert gt.best_responses(h, profile, player) == gt.best_responses(g, profile, player)


# ---------------------------------------------------------------------------- the samples of the issue


def big_entry_game(big: int = 10**12) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    A = rng.integers(0, 100, (4, 4))
    B = rng.integers(0, 100, (4, 4))
    A[0, 0] = big
    return A, B


def test_scaled_prisoners_dilemma_and_matching_pennies() -> None:
    pd = gt.NormalFormGame(gt.catalog.prisoners_dilemma().payoffs * 1e-9)
    mp = gt.NormalFormGame(gt.catalog.matching_pennies().payoffs * 1e-10)
    assert [e.pure_profile for e in gt.pure_nash(pd)] == [(1, 1)]
    assert len(gt.pure_nash(mp)) == 0
    assert gt.eliminate_dominated(pd).survivors == ((1,), (1,))
    [eq] = gt.support_enumeration(mp)
    assert np.allclose(np.concatenate(eq.profile), 0.5)


@pytest.mark.parametrize("exact", [False, True])
def test_a_huge_payoff_is_solved_exactly(exact: bool) -> None:
    A, B = big_entry_game()
    g = gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    ref = gt.support_enumeration(g, exact=True)
    assert ref.complete
    for solver in (gt.vertex_enumeration, gt.support_enumeration):
        res = solver(g, exact=exact)
        assert res.complete
        assert {e.exact for e in res} == {e.exact for e in ref}
        assert all(gt.max_regret(g, e.exact, exact=True) == 0 for e in res)
    assert {e.exact for e in gt.nash_equilibria(g)} == {e.exact for e in ref}
    for k in range(8):
        [eq] = gt.lemke_howson(g, initial_label=k)
        assert eq.exact in {e.exact for e in ref}


def test_a_huge_payoff_agrees_with_gambit() -> None:
    """pygambit's exact enummixed returns nothing at 10**12 (its integers overflow beyond
    2**31 - 1), so the cross-check uses 10**9, which float64 does not resolve either."""
    gbt = pytest.importorskip("pygambit")
    A, B = big_entry_game(10**9)
    g = gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    assert not gt._tolerance.float_resolves(g.payoffs)
    gg = gbt.Game.from_arrays(
        np.array([[F(int(v)) for v in r] for r in A], dtype=object),
        np.array([[F(int(v)) for v in r] for r in B], dtype=object),
    )
    theirs = {
        tuple(tuple(F(str(eq[s])) for s in p.strategies) for p in gg.players)
        for eq in gbt.nash.enummixed_solve(gg, rational=True).equilibria
    }
    assert len(theirs) == 5
    assert {e.exact for e in gt.vertex_enumeration(g)} == theirs
    assert {e.exact for e in gt.vertex_enumeration(g, exact=True)} == theirs


def gambit_exact(A: np.ndarray, B: np.ndarray) -> set:  # type: ignore[type-arg]
    gbt = pytest.importorskip("pygambit")
    gg = gbt.Game.from_arrays(
        np.array([[F(int(v)) for v in r] for r in A], dtype=object),
        np.array([[F(int(v)) for v in r] for r in B], dtype=object),
    )
    return {
        tuple(tuple(F(str(eq[s])) for s in p.strategies) for p in gg.players)
        for eq in gbt.nash.enummixed_solve(gg, rational=True).equilibria
    }


@settings(max_examples=25)
@given(int_games(max_size=4), st.integers(0, 15), st.sampled_from([10**8, 10**9, -(10**9)]))
def test_unresolved_integer_games_agree_with_gambit(game, where, big) -> None:  # type: ignore[no-untyped-def]
    """One payoff far beyond the others: float64 does not resolve the game, the solvers switch to
    exact enumeration and must find exactly pygambit's extreme equilibria (enummixed, rational)."""
    A, B = game
    A = A.copy()
    A.flat[where % A.size] = big
    g = gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    theirs = gambit_exact(A, B)
    for exact in (False, True):
        res = quiet(gt.vertex_enumeration, g, exact=exact)
        assert res.complete
        if exact or not gt._tolerance.float_resolves(g.payoffs):
            assert {e.exact for e in res} == theirs
        else:  # few distinct payoffs: float64 resolves them and the float path runs
            want = [np.array([float(v) for p in eq for v in p]) for eq in theirs]
            assert len(res) == len(want)
            assert all(any(np.abs(np.concatenate(e.profile) - w).max() < 1e-9 for w in want) for e in res)
    assert [e.pure_profile for e in gt.pure_nash(g)] == sorted(
        tuple(int(np.argmax(p)) for p in eq) for eq in theirs if all(max(p) == 1 for p in eq)
    )


def test_unresolved_float_game_is_not_complete() -> None:
    A, B = big_entry_game()
    g = gt.NormalFormGame.from_bimatrix(A + 0.5, B + 0.5)  # floats, not integers: no exact payoffs
    for solver in (gt.vertex_enumeration, gt.support_enumeration):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = solver(g)
        assert any(
            issubclass(w.category, gt.DegenerateGameWarning) and "float64 cannot resolve" in str(w.message) for w in caught
        )
        assert not res.complete
        assert all(e.relative_regret <= 1e-9 for e in res)


# ---------------------------------------------------------------------------- bounded time (part 5)


def test_large_vertex_enumeration_stops_at_max_time() -> None:
    rng = np.random.default_rng(1)
    g = gt.NormalFormGame.from_bimatrix(rng.random((20, 20)), rng.random((20, 20)))
    with pytest.warns(gt.ConvergenceWarning, match="stopped early"):
        res = gt.vertex_enumeration(g, max_time=0.5)
    assert not res.complete and not res.converged
    assert all(e.relative_regret <= 1e-9 for e in res)


def test_large_support_enumeration_stops_at_max_time_or_count() -> None:
    rng = np.random.default_rng(2)
    g = gt.NormalFormGame.from_bimatrix(rng.random((15, 15)), rng.random((15, 15)))
    with pytest.warns(gt.ConvergenceWarning, match="stopped early"):
        res = gt.support_enumeration(g, max_time=0.5)
    assert not res.complete and not res.converged
    with pytest.warns(gt.ConvergenceWarning, match="count bound 1,000"):
        res = gt.support_enumeration(g, max_supports=1000)
    assert res.n_iter == 1000 and not res.complete
    assert all(e.relative_regret <= 1e-9 for e in res)


def test_unbounded_large_enumerations_are_refused_up_front() -> None:
    g = gt.NormalFormGame(np.zeros((2, 20, 20)))
    with pytest.raises(gt.GameError, match="bases of a best-response polytope, over the limit max_calls"):
        gt.vertex_enumeration(g)
    with pytest.raises(gt.GameError, match="support pairs, over the limit max_calls"):
        gt.support_enumeration(g)
    with gt.limits(max_time=0.2), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert not gt.support_enumeration(g).complete  # the limit's max_time bounds it
    assert any(issubclass(w.category, gt.ConvergenceWarning) for w in caught)
    assert gt.nash_equilibria(g).method == "lemke_howson"


def test_small_count_bounds_and_exact_mode_bounds() -> None:
    g = gt.catalog.battle_of_the_sexes()
    with pytest.warns(gt.ConvergenceWarning):
        res = gt.vertex_enumeration(g, max_vertices=1)
    assert not res.complete and len(res) <= 1
    A, B = big_entry_game()
    h = gt.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    with pytest.warns(gt.ConvergenceWarning):
        res = gt.vertex_enumeration(h, max_vertices=3)
    assert not res.complete and all(e.max_regret == 0 for e in res)
    with pytest.warns(gt.ConvergenceWarning):
        res = gt.support_enumeration(h, max_supports=3)
    assert not res.complete and all(e.max_regret == 0 for e in res)


def test_dominance_by_a_tiny_margin_in_a_game_float64_cannot_resolve() -> None:
    # Row 1 beats row 0 by exactly 1 in a payoff range of 10**12: exact payoffs decide it.
    A = [[10**12, 0, 5], [10**12 + 1, 1, 6]]
    B = [[1, 0, 2], [0, 1, 2]]
    g = gt.NormalFormGame.from_bimatrix(A, B)
    assert gt.eliminate_dominated(g, mixed=False).survivors[0] == (1,)
    assert gt.eliminate_dominated(g).survivors[0] == (1,)
    assert [e.pure_profile for e in gt.pure_nash(g)] == [(1, 2)]
    # Mixed dominance verified exactly: row 2 is beaten by 1/2 row 0 + 1/2 row 1, by 1/2 or 1.
    C = [[10**12, 0, 0], [0, 10**12, 1], [5 * 10**11 - 1, 5 * 10**11 - 1, 0]]
    h = gt.NormalFormGame.from_bimatrix(C, [[0, 0, 0]] * 3)
    assert not gt._tolerance.exact_values_resolve(h.exact_payoffs()[0].ravel().tolist())
    assert gt.eliminate_dominated(h).survivors[0] == (0, 1)
    assert gt.eliminate_dominated(h, mixed=False).survivors[0] == (0, 1, 2)


def test_zero_sum_with_a_huge_payoff_is_solved_exactly() -> None:
    A = [[10**12, -3, 2], [-1, 4, -2], [0, -5, 3]]
    g = gt.NormalFormGame.from_zero_sum(A)
    assert not gt._tolerance.float_resolves(g.payoffs)
    res = gt.zero_sum(g)
    [eq] = res.equilibria
    assert eq.exact is not None and gt.max_regret(g, eq.exact, exact=True) == 0
    values = {gt.expected_payoffs(g, e.exact, exact=True)[0] for e in quiet(gt.vertex_enumeration, g)}
    assert values == {res.exact_value}
