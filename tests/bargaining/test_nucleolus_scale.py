"""The nucleolus beyond a dozen players: constraint generation against the full LP sequence and closed forms.

The reference route is ``_nucleolus_lp`` (the lexicographic LPs over all 2^n - 2 coalitions); the
fast routes are ``_nucleolus_generated`` (working sets grown by a scan of the 2^n worths) and
``_nucleolus_voting`` (working sets grown by a knapsack oracle over a weighted voting game's weights).
"""

from __future__ import annotations

import importlib
import math
from fractions import Fraction as F

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.bargaining.coalitions.core import _nucleolus_generated, _nucleolus_lp, _nucleolus_voting

core_mod = importlib.import_module("gametheory_af.bargaining.coalitions.core")  # the package's `core` is the function


# ----------------------------------------------------------------------------- games
def random_game(seed: int) -> gt.CoalitionGame:
    """One of three kinds, 3-10 players: exact integer worths, sparse 0/1/2 worths (many ties), float worths."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 11))
    kind = seed % 3
    singles = [1 << i for i in range(n)]
    if kind == 0:
        vals = rng.integers(0, 20, 2**n)
        vals[0] = 0
        vals[-1] = max(vals[-1], vals[singles].sum())
    elif kind == 1:
        vals = rng.integers(0, 3, 2**n) * rng.integers(0, 2, 2**n)
        vals[0] = 0
        vals[singles] = 0
        vals[-1] = max(vals[-1], 1)
    else:
        vals = rng.standard_normal(2**n)
        vals[0] = 0.0
        vals[-1] = abs(vals[-1]) + vals[singles].sum()
    return gt.CoalitionGame(vals)


def airport_savings(costs: list[int]) -> gt.CoalitionGame:
    """The savings game of an airport problem: v(S) = sum_{i in S} c_i - max_{i in S} c_i (exact integers)."""
    sums = np.zeros(1, dtype=np.int64)
    tops = np.zeros(1, dtype=np.int64)
    for c in costs:
        sums = np.concatenate([sums, sums + c])
        tops = np.concatenate([tops, np.maximum(tops, c)])
    return gt.CoalitionGame(sums - tops)


def littlechild(costs: list[int]) -> list[F]:
    r"""Cost shares of the nucleolus of the airport cost game c(S) = max_{i in S} c_i (Littlechild 1974).

    Players sorted c_1 <= ... <= c_n. With i_0 = 0, stage m sets
    r_m = min over i_{m-1} < k <= n - 1 of (c_k - x_1 - ... - x_{i_{m-1}}) / (k - i_{m-1} + 1),
    i_m = the largest k attaining it, and x_j = r_m for i_{m-1} < j <= i_m; once i_m = n - 1 the
    last (largest) player pays the rest, x_n = c_n - sum_{j < n} x_j. The ratio balances the
    k - i_{m-1} coalitions N \ {j} (cost-game excess -x_j) against {1, ..., k} (excess x(1..k) - c_k).
    """
    c = [F(x) for x in costs]
    n = len(c)
    x: list[F] = []
    start, paid_to = 0, F(0)
    while start < n - 1:
        ratios = [((c[k] - paid_to) / (k - start + 2), k) for k in range(start, n - 1)]
        best = min(r for r, _ in ratios)
        last = max(k for r, k in ratios if r == best)
        x.extend([best] * (last - start + 1))
        paid_to, start = sum(x, F(0)), last + 1
    x.append(c[-1] - sum(x, F(0)))
    return x


def airport_nucleolus(costs: list[int]) -> tuple[F, ...]:
    """The savings game's nucleolus: c_i minus the cost share (strategic equivalence), costs sorted."""
    return tuple(F(ci) - xi for ci, xi in zip(costs, littlechild(costs)))


# ----------------------------------------------------------------------------- fast route = reference route
@pytest.mark.parametrize("seed", range(150))
def test_constraint_generation_matches_full_lps(seed: int) -> None:
    g = random_game(seed)
    ref = _nucleolus_lp(g, 1e-9)
    fast = _nucleolus_generated(g, 1e-9)
    assert (fast.exact is None) == (ref.exact is None)
    if ref.exact is not None:
        assert fast.exact == ref.exact
    np.testing.assert_allclose(fast.values, ref.values, atol=1e-8)
    assert gt.nucleolus(g).exact == fast.exact


@pytest.mark.parametrize("seed", range(80))
def test_voting_oracle_matches_full_lps(seed: int) -> None:
    rng = np.random.default_rng(1000 + seed)
    n = int(rng.integers(2, 10))
    w = [int(a) for a in rng.integers(1, 10, n)]
    q = int(rng.integers(sum(w) // 2 + 1, sum(w) + 1)) if seed % 2 else int(rng.integers(1, sum(w) + 1))
    g = gt.WeightedVotingGame(q, w)
    if g.veto_players() or sum(wi >= q for wi in w) > 1:
        return  # closed form, or no imputation (both tested below)
    assert _nucleolus_voting(g, 1e-9).exact == _nucleolus_lp(g.to_coalition_game(), 1e-9).exact


@pytest.mark.parametrize("seed", range(3))
def test_voting_oracle_matches_scan_at_18_voters(seed: int) -> None:
    rng = np.random.default_rng(2000 + seed)
    w = [int(a) for a in rng.integers(1, 30, 18)]
    g = gt.WeightedVotingGame(sum(w) // 2 + 1, w)
    assert not g.veto_players()
    by_knapsack = _nucleolus_voting(g, 1e-9)
    assert by_knapsack.exact is not None
    assert by_knapsack.exact == _nucleolus_generated(g.to_coalition_game(), 1e-9).exact


# ----------------------------------------------------------------------------- known answers
def test_littlechild_formula_by_hand() -> None:
    # costs 1, 2, 3, 4: r_1 = min(1/2, 2/3, 3/4) = 1/2 at k = 1; r_2 = min((2 - 1/2)/2, (3 - 1/2)/3) = 3/4
    # at k = 2; r_3 = (3 - 5/4)/2 = 7/8; the last pays 4 - 17/8 = 15/8. Savings c_i - x_i: 1/2, 5/4, 17/8, 17/8.
    assert littlechild([1, 2, 3, 4]) == [F(1, 2), F(3, 4), F(7, 8), F(15, 8)]
    expected = (F(1, 2), F(5, 4), F(17, 8), F(17, 8))
    g = airport_savings([1, 2, 3, 4])
    assert _nucleolus_lp(g, 1e-9).exact == expected
    assert gt.nucleolus(g).exact == expected


@pytest.mark.parametrize("seed", range(20))
def test_airport_games_small_against_formula(seed: int) -> None:
    rng = np.random.default_rng(3000 + seed)
    n = int(rng.integers(2, 9))
    costs = sorted(int(c) for c in rng.integers(1, 12, n))  # small range: ties among costs
    g = airport_savings(costs)
    assert _nucleolus_lp(g, 1e-9).exact == airport_nucleolus(costs)
    assert gt.nucleolus(g).exact == airport_nucleolus(costs)


@pytest.mark.parametrize("n", [20, 22])
def test_airport_games_at_20_players_and_more(n: int) -> None:
    costs = sorted(int(c) for c in np.random.default_rng(n).integers(1, 1000, n))
    g = airport_savings(costs)
    nu = gt.nucleolus(g)
    assert nu.exact == airport_nucleolus(costs)
    # the savings game is convex: its core is nonempty and holds the nucleolus (exact test at 20 players)
    assert gt.in_core(g, nu if n == 20 else nu.values)


def test_symmetric_majority_games_split_equally() -> None:
    # every player is symmetric and the nucleolus is unique, so it is the equal split
    assert gt.nucleolus(gt.WeightedVotingGame(16, [1] * 31)).exact == (F(1, 31),) * 31  # knapsack oracle
    maj = gt.WeightedVotingGame(11, [1] * 21).to_coalition_game()
    assert gt.nucleolus(maj).exact == (F(1, 21),) * 21  # scan of the 2^21 worths


def test_veto_players_share_everything_without_the_closed_form() -> None:
    # two vetoes: weights 10, 10 and eighteen 1s (total 38), quota 29: a coalition without either veto
    # weighs at most 28 < 29, so every winning coalition holds both; the core gives them everything, and
    # the losing coalitions holding one of them (excess -x_1, -x_2) even it out: 1/2 each
    w = [10, 10] + [1] * 18
    g = gt.WeightedVotingGame(29, w)
    assert set(g.veto_players()) == {"Player 1", "Player 2"}
    expected = (F(1, 2), F(1, 2)) + (F(0),) * 18
    assert gt.nucleolus(g).exact == expected  # closed form
    assert _nucleolus_generated(g.to_coalition_game(), 1e-9).exact == expected  # constraint generation


def test_strategic_equivalence_at_16_players() -> None:
    # w(S) = 3 v(S) + b(S) moves the nucleolus to 3 x + b (Schmeidler 1969: covariance)
    rng = np.random.default_rng(16)
    n = 16
    vals = rng.integers(0, 50, 2**n)
    vals[0] = 0
    vals[[1 << i for i in range(n)]] = 0
    vals[-1] = 25 * n
    g = gt.CoalitionGame(vals)
    b = [int(a) for a in rng.integers(-5, 6, n)]
    sums = np.zeros(1, dtype=np.int64)
    for bi in b:
        sums = np.concatenate([sums, sums + bi])
    x = gt.nucleolus(g).exact
    y = gt.nucleolus(gt.CoalitionGame(3 * vals + sums)).exact
    assert x is not None and y == tuple(3 * xi + bi for xi, bi in zip(x, b))


@pytest.mark.parametrize("unit", [F(10) ** 30, F(1, 10**30)])
def test_talmud_in_any_units(unit: F) -> None:
    # Aumann & Maschler (1985): estate 200, claims 100, 200, 300 -> (50, 75, 75); the nucleolus scales
    # with the worths, so in units of 10^30 or 10^-30 it is the same times the unit (the LPs work in units of
    # the largest worth: the route over all coalitions returned (50, 50, 50) x 10^-30 for the tiny game)
    claims = {"a": 100, "b": 200, "c": 300}
    g = gt.CoalitionGame.from_function(
        lambda s: unit * max(0, 200 - sum(d for p, d in claims.items() if p not in s)), list(claims))
    assert gt.nucleolus(g).exact == (50 * unit, 75 * unit, 75 * unit)
    tiny_float = gt.CoalitionGame(np.array(g.values, dtype=float))  # the same game, inexact
    np.testing.assert_allclose(gt.nucleolus(tiny_float).values / float(unit), [50, 75, 75], rtol=1e-9)


def test_one_player_games_on_both_routes() -> None:
    g = gt.CoalitionGame([0, 7])
    assert _nucleolus_lp(g, 1e-9).exact == _nucleolus_generated(g, 1e-9).exact == (F(7),)


# ----------------------------------------------------------------------------- Kohlberg's criterion
def kohlberg_holds(g: gt.CoalitionGame, x: tuple[F, ...]) -> bool:
    """Kohlberg's (1971) criterion, an independent check that the imputation *x* is the nucleolus.

    Group the coalitions other than the empty set and N by their exact excess, largest first; the union
    B_k of the first k classes must be weakly balanced relative to D_0 = {{i} : x_i = v({i})}: some
    weights lambda_S >= 1 on B_k and mu_i >= 0 on D_0 sum to a positive multiple of the indicator of N
    (an LP, solved by HiGHS). Checked for each k until B_k with N spans R^n: then any move d from x
    (d(N) = 0, d_i >= 0 on D_0) with d(S) = 0 on B_{k-1} and d(S) not all zero on class k has d(S) < 0
    for some S in class k (the weights give sum lambda_S d(S) <= 0), so it raises that excess: x is
    lexicographically optimal.
    """
    from scipy.optimize import linprog

    n = g.n_players
    vals = g.exact_values()
    if sum(x, F(0)) != vals[-1] or any(x[i] < vals[1 << i] for i in range(n)):
        return False
    # exact excesses as integers: everything times the common denominator
    den = math.lcm(*(f.denominator for f in x), *(f.denominator for f in vals))
    sums = np.zeros(1, dtype=object)
    for xi in x:
        sums = np.concatenate([sums, sums + int(xi * den)])
    scaled = np.array([int(f * den) for f in vals], dtype=object) - sums
    masks = np.arange(1, (1 << n) - 1)
    levels = scaled[1:-1]
    d0 = [i for i in range(n) if x[i] == vals[1 << i]]
    union: list[int] = []
    for level in sorted(set(levels.tolist()), reverse=True):
        union.extend(int(m) for m in masks[levels == level])
        A = np.array([[m >> i & 1 for m in union] for i in range(n)], dtype=float)
        # columns: lambda_S (>= 1), mu_i (>= 0), c (>= 0); rows: sum lambda_S 1_S + sum mu_i e_i - c 1_N = 0
        A_eq = np.hstack([A, np.eye(n)[:, d0], -np.ones((n, 1))])
        bounds = [(1, None)] * len(union) + [(0, None)] * (len(d0) + 1)
        res = linprog(np.zeros(A_eq.shape[1]), A_eq=A_eq, b_eq=np.zeros(n), bounds=bounds, method="highs")
        if res.status != 0:
            return False
        if np.linalg.matrix_rank(np.vstack([A.T, np.ones(n)])) == n:
            return True
    return False  # pragma: no cover - all coalitions together span R^n


@pytest.mark.parametrize("seed", range(8))
def test_kohlberg_criterion_at_11_to_14_players(seed: int) -> None:
    rng = np.random.default_rng(4000 + seed)
    n = 11 + seed % 4
    vals = rng.integers(0, 40, 2**n)
    vals[0] = 0
    vals[[1 << i for i in range(n)]] = rng.integers(0, 3, n)
    vals[-1] = int(rng.integers(5, 25)) * n // 2  # some cores empty, some not
    g = gt.CoalitionGame(vals)
    nu = gt.nucleolus(g)
    assert nu.exact is not None and kohlberg_holds(g, nu.exact)
    # the criterion can fail: move 1/100 from the richest player to the poorest
    hi, lo = int(np.argmax(nu.values)), int(np.argmin(nu.values))
    moved = list(nu.exact)
    moved[hi] -= F(1, 100)
    moved[lo] += F(1, 100)
    assert not kohlberg_holds(g, tuple(moved))


def test_kohlberg_criterion_on_a_voting_game_of_14() -> None:
    w = [int(a) for a in np.random.default_rng(14).integers(1, 20, 14)]
    g = gt.WeightedVotingGame(sum(w) // 2 + 1, w)
    nu = gt.nucleolus(g)
    assert nu.exact is not None and kohlberg_holds(g.to_coalition_game(), nu.exact)


# ----------------------------------------------------------------------------- limits and errors
def test_voting_oracle_refuses_an_empty_imputation_set() -> None:
    # players 1 and 2 each win alone (weight 5 >= quota 5) and neither is a veto player: x_1, x_2 >= 1
    g = gt.WeightedVotingGame(5, [5, 5, 1])
    assert not g.veto_players()
    with pytest.raises(gt.GameError, match=r"imputation set is empty.*sum to 2"):
        _nucleolus_voting(g, 1e-9)
    with pytest.raises(gt.GameError, match=r"imputation set is empty"):
        gt.nucleolus(g)


def test_voting_oracle_states_its_enumeration_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core_mod, "_VOTING_ENUMERATION_CAP", 3)
    with pytest.raises(gt.GameError, match=r"listed 3 coalitions.*to_coalition_game"):
        _nucleolus_voting(gt.WeightedVotingGame(6, [1] * 11), 1e-9)


def test_nucleolus_bytes_per_coalition_is_deprecated() -> None:
    # No longer used by nucleolus(); reading it from either module still gives 4096, with a
    # DeprecationWarning pointing at the reader's line.
    import sys

    import gametheory_af.bargaining.coalitions as coalitions

    core_module = sys.modules["gametheory_af.bargaining.coalitions.core"]
    for module in (coalitions, core_module):
        with pytest.warns(DeprecationWarning, match="no longer used") as caught:
            assert module.NUCLEOLUS_BYTES_PER_COALITION == 4096
        assert caught[0].filename == __file__
    assert core_module.LP_BYTES_PER_COALITION == 3072  # still used by core(), not deprecated
    with pytest.raises(AttributeError, match="no attribute 'NO_SUCH_NAME'"):
        coalitions.NO_SUCH_NAME  # noqa: B018
