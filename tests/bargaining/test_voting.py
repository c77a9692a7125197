"""Voting power at scale (issue 15 items 1-2): the fast single-quota counts, multi-quota games, Holler,
Deegan-Packel and Johnston indices.

Every fast route is compared with a reference route on many seeded games: the former object-array
DP (``_swings_by_size_reference``) and the enumeration of all coalitions.
"""

from __future__ import annotations

import math
import pickle
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.bargaining.coalitions.games import _popcount, _subset_sums
from gametheory_af.bargaining.coalitions.power import (
    _enumerated_swings,
    _primes_for,
    _swings_by_size,
    _swings_by_size_reference,
    _wvg_swings,
)
from gametheory_af.bargaining.coalitions.voting import (
    MultiQuotaVotingGame,
    _game_swings,
    _win_table,
    deegan_packel,
    holler,
    johnston,
)

UNSC_NAMES = ["China", "France", "Russia", "UK", "US"] + [f"E{k}" for k in range(1, 11)]

#: EU27 populations on 1 January 2020, persons (Eurostat, demo_pjan; the figures of Council
#: Decision (EU) 2020/... fixing the population for the Council's 2021 voting rules total 447,319,916).
EU27_2020 = {
    "Germany": 83166711, "France": 67320216, "Italy": 59641488, "Spain": 47332614, "Poland": 37958138,
    "Romania": 19328838, "Netherlands": 17407585, "Belgium": 11522440, "Greece": 10718565, "Czechia": 10693939,
    "Sweden": 10327589, "Portugal": 10295909, "Hungary": 9769526, "Austria": 8901064, "Bulgaria": 6951482,
    "Denmark": 5822763, "Finland": 5525292, "Slovakia": 5457873, "Ireland": 4964440, "Croatia": 4058165,
    "Lithuania": 2794090, "Slovenia": 2095861, "Latvia": 1907675, "Estonia": 1328976, "Cyprus": 888005,
    "Luxembourg": 626108, "Malta": 514564,
}  # fmt: skip


def lisbon(pop: dict[str, int]) -> MultiQuotaVotingGame:
    """55% of the states (15 of 27) and 65% of the population; or a blocking minority under four states."""
    n, total = len(pop), sum(pop.values())
    states = math.ceil(F(55, 100) * n)
    return MultiQuotaVotingGame(
        [[states, F(65, 100) * total], [n - 3, 0]], [[1] * n, list(pop.values())], players=list(pop)
    )


def brute_swings(game: MultiQuotaVotingGame | gt.WeightedVotingGame) -> np.ndarray:
    """Swings by size from the 2**n win table (the reference route)."""
    win = _win_table(game)
    n = game.n_players
    sizes = _popcount(n)
    out = np.zeros((n, n), dtype=np.int64)
    for i in range(n):
        w = win.reshape(-1, 2, 1 << i)
        s = sizes.reshape(-1, 2, 1 << i)[:, 0, :]
        out[i] = np.bincount(s[w[:, 1, :] & ~w[:, 0, :]], minlength=n)[:n]
    return out


# ============================================================================ single quota: fast == reference
@pytest.mark.parametrize("seed", range(12))
def test_fast_single_quota_counts_equal_the_reference_dp(seed: int) -> None:
    # random weights (zeros and weights above the quota included) and quotas from 1 to the total
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 60))
    w = rng.integers(0, 40, n).tolist()
    w[0] = max(w[0], 1)
    if seed % 3 == 0:
        w[-1] = sum(w)  # a dictator
    q = int(rng.integers(1, sum(w) + 1))
    g = gt.WeightedVotingGame(q, w)
    ref = _swings_by_size_reference(g)
    assert (_swings_by_size(g) == ref).all()
    totals = _wvg_swings(g, "banzhaf", sizes=False)[:, 0]
    assert (totals == ref.sum(axis=1)).all()


@given(
    st.lists(st.integers(0, 9), min_size=1, max_size=9).filter(lambda w: sum(w) > 0),
    st.floats(0.01, 1.0),
)
def test_fast_single_quota_counts_equal_enumeration(weights: list[int], frac: float) -> None:
    g = gt.WeightedVotingGame(max(1, math.ceil(frac * sum(weights))), weights)
    assert (_swings_by_size(g) == _enumerated_swings(g)).all()
    assert (_wvg_swings(g, "banzhaf", sizes=False)[:, 0] == _enumerated_swings(g).sum(axis=1)).all()


def test_counts_beyond_int64_are_exact() -> None:
    # 130 equal players, majority 66: a player swings in the C(129, 65) coalitions of 65 others,
    # about 2**125, far beyond int64: the CRT rebuild over 5 primes must give it exactly.
    g = gt.WeightedVotingGame(66, [1] * 130)
    assert len(_primes_for(131)) == 5
    assert int(_wvg_swings(g, "banzhaf", sizes=False)[0, 0]) == math.comb(129, 65)
    by_size = _swings_by_size(g)
    assert int(by_size[0, 65]) == math.comb(129, 65) and sum(int(x) for x in by_size[0]) == math.comb(129, 65)
    assert gt.shapley_shubik(g).exact[0] == F(1, 130)
    assert gt.banzhaf(g).exact[0] == F(math.comb(129, 65), 2**129)


def test_two_hundred_players_exact() -> None:
    # the benchmark's workload: 200 players, weights 1-100; efficiency and equal weights, equal power
    rng = np.random.default_rng(20260611)
    w = rng.integers(1, 101, 200).tolist()
    g = gt.WeightedVotingGame(sum(w) // 2 + 1, w)
    ss = gt.shapley_shubik(g)
    assert sum(ss.exact) == 1
    bz = gt.banzhaf(g)
    by_w: dict[int, set[F]] = {}
    for wi, x, y in zip(w, ss.exact, bz.exact):
        by_w.setdefault(wi, set()).add((x, y))
    assert all(len(v) == 1 for v in by_w.values())
    order = np.argsort(w, kind="stable")
    assert all(bz.exact[order[k]] <= bz.exact[order[k + 1]] for k in range(199))  # more weight, no less power


def test_gcd_reduction_keeps_the_game() -> None:
    # populations in persons: weights 3e8, 2e8, 1e8 with quota 3.5e8 are the game [4; 3, 2, 1] (gcd 1e8,
    # ceil(3.5) = 4): {1, 2} and {1, 3} win, {2, 3} (3e8) loses.
    g = gt.WeightedVotingGame(350_000_000, [300_000_000, 200_000_000, 100_000_000])
    assert (g._int_w, g._int_q) == ((3, 2, 1), 4)
    assert gt.shapley_shubik(g).exact == gt.shapley_shubik(gt.WeightedVotingGame(4, [3, 2, 1])).exact
    assert gt.shapley_shubik(g).exact == (F(2, 3), F(1, 6), F(1, 6))


def test_coprime_populations_use_meet_in_the_middle() -> None:
    # EU populations, 65% quota, one row: the quota is 290,757,946 persons, far too many cells for the
    # table; the indices come from meeting in the middle and equal the enumeration of 2**12 coalitions.
    pops = list(EU27_2020.values())[:12]
    g = gt.WeightedVotingGame(F(65, 100) * sum(pops), pops)
    assert (_wvg_swings(g, "shapley_shubik") == _enumerated_swings(g)).all()
    assert gt.banzhaf(g).exact == gt.banzhaf(g.to_coalition_game()).exact


def test_refused_when_no_route_fits() -> None:
    pops = list(EU27_2020.values())
    g = gt.WeightedVotingGame(F(65, 100) * sum(pops), pops)
    with gt.limits(max_entries=10_000), pytest.raises(gt.GameError, match=r"max_entries=10,000.*Neither meeting"):
        gt.banzhaf(g)
    with pytest.raises(gt.GameError, match="shapley_shubik and gametheory_af.banzhaf compute the indices"):
        gt.WeightedVotingGame(30, [1] * 30).to_coalition_game()


# ============================================================================ multi-quota: known answers
def unsc2() -> MultiQuotaVotingGame:
    return MultiQuotaVotingGame([5, 9], [[1] * 5 + [0] * 10, [1] * 15], players=UNSC_NAMES)


def test_unsc_two_quota_equals_the_weighted_form() -> None:
    # all five permanent members and nine votes == [39; 7 x 5, 1 x 10] (Shapley & Shubik 1954):
    # SSI 421/2145 = 0.19627 and 4/2145 = 0.001865; raw Banzhaf 848 and 84 swings out of 2**14.
    two = unsc2()
    one = gt.WeightedVotingGame(39, [7] * 5 + [1] * 10, players=UNSC_NAMES)
    ss = gt.shapley_shubik(two)
    assert ss.exact[0] == F(421, 2145) and ss.exact[5] == F(4, 2145)
    assert round(ss[0], 5) == 0.19627 and round(ss[5], 6) == 0.001865
    assert ss.exact == gt.shapley_shubik(one).exact and ss.method == "shapley_shubik"
    assert gt.banzhaf(two).exact == gt.banzhaf(one).exact
    assert gt.banzhaf(two).exact[0] == F(848, 2**14) and gt.banzhaf(two).exact[5] == F(84, 2**14)
    assert gt.banzhaf(two, normalized=True).exact == gt.banzhaf(one, normalized=True).exact
    assert gt.shapley_value(two).exact == ss.exact and gt.shapley_value(two).method == "shapley"
    assert two.veto_players() == ("China", "France", "Russia", "UK", "US")


def test_unsc_holler_deegan_packel_johnston() -> None:
    # Minimal winning coalitions: P5 + exactly 4 elected, C(10, 4) = 210; each elected member is in
    # C(9, 3) = 84. Holler: 210 : 84 -> 1/9 and 2/45 (5/9 + 10 * 2/45 = 1). All have 9 members, so
    # Deegan-Packel is the same. Johnston: the 210 coalitions with 4 elected have 9 critical members,
    # the 638 with 5-10 elected have 5 (the P5): P gets 210/9 + 638/5 = 6792/45, an elected member
    # 84/9 = 420/45; shares 6792/38160 = 283/1590 and 420/38160 = 7/636.
    for game in (unsc2(), gt.WeightedVotingGame(39, [7] * 5 + [1] * 10)):
        h = holler(game)
        assert h.exact[0] == F(1, 9) and h.exact[5] == F(2, 45) and h.method == "holler"
        assert deegan_packel(game).exact == h.exact
        j = johnston(game)
        assert j.exact[0] == F(283, 1590) and j.exact[5] == F(7, 636) and sum(j.exact) == 1


def test_eec_holler_and_deegan_packel() -> None:
    # [12; 4, 4, 4, 2, 2, 1]: minimal winning FGI, FGBN, FIBN, GIBN. Holler: 3 each for F, G, I, B, N,
    # 0 for L -> 1/5. Deegan-Packel: F 1/3 + 1/4 + 1/4 = 5/6, B 3/4, over 4 coalitions -> 5/24, 3/16.
    eec = gt.WeightedVotingGame(12, [4, 4, 4, 2, 2, 1])
    assert holler(eec).exact == (F(1, 5),) * 5 + (F(0),)
    assert deegan_packel(eec).exact == (F(5, 24),) * 3 + (F(3, 16),) * 2 + (F(0),)
    cg = eec.to_coalition_game()
    assert holler(cg).exact == holler(eec).exact and johnston(cg).exact == johnston(eec).exact


def eu_brute_swings(pop: list[int]) -> np.ndarray:
    """Lisbon swings by size over all 2**n coalitions, in row chunks (int8 sizes, one bool table)."""
    n, total = len(pop), sum(pop)
    lo = n // 2 + 1
    pl, ph = _subset_sums(np.array(pop[:lo], dtype=np.int64)), _subset_sums(np.array(pop[lo:], dtype=np.int64))
    cl, ch = _popcount(lo).astype(np.int8), _popcount(n - lo).astype(np.int8)
    cnt = (ch[:, None] + cl[None, :]).ravel()
    win = np.empty(cnt.shape[0], dtype=bool)
    step = 1024
    for r in range(0, ph.shape[0], step):
        pop_sum = ph[r : r + step, None] + pl[None, :]
        c = cnt[r * pl.shape[0] : (r + step) * pl.shape[0]].reshape(pop_sum.shape)
        # 55% of 27 states is 14.85 -> 15; 65% of the population exactly: 20 * pop >= 13 * total
        win[r * pl.shape[0] : (r + step) * pl.shape[0]] = (((c >= 15) & (20 * pop_sum >= 13 * total)) | (c >= n - 3)).ravel()
    out = np.zeros((n, n), dtype=np.int64)
    for i in range(n):
        w = win.reshape(-1, 2, 1 << i)
        sw = w[:, 1, :] & ~w[:, 0, :]
        out[i] = np.bincount(cnt.reshape(-1, 2, 1 << i)[:, 0, :][sw], minlength=n)[:n]
    return out


def test_eu27_lisbon_equals_brute_force_over_all_coalitions() -> None:
    # 2**27 coalitions enumerated (vectorised, about 15 s, 300 MB) against meeting in the middle:
    # every swing count by size equal, for the Lisbon rule with populations in persons.
    g = lisbon(EU27_2020)
    assert g._int_q == ((15, 290757946), (24, 0))  # ceil(0.65 * 447,319,916) = 290,757,945.4 -> 290,757,946
    assert (_game_swings(g, "test") == eu_brute_swings(list(EU27_2020.values()))).all()


def test_eu27_lisbon_indices() -> None:
    g = lisbon(EU27_2020)
    ss, bz = gt.shapley_shubik(g), gt.banzhaf(g, normalized=True)
    assert sum(ss.exact) == 1 and sum(bz.exact) == 1
    # more population, no less power (the populations are distinct and decreasing in the dict);
    # the rounded values are ours, their exact counts checked by the brute force above
    assert all(ss.exact[k] >= ss.exact[k + 1] and bz.exact[k] >= bz.exact[k + 1] for k in range(26))
    assert round(ss["Germany"], 3) == 0.177 and round(bz["Germany"], 3) == 0.121
    assert round(ss["Malta"], 4) == 0.0085 and round(bz["Malta"], 4) == 0.0173
    # the blocking-minority clause matters: without it coalitions of 24 states below 65% lose
    no_clause = MultiQuotaVotingGame([15, F(65, 100) * sum(EU27_2020.values())], g.exact_weights, players=g.players)
    assert gt.shapley_shubik(no_clause).exact != ss.exact
    assert g.is_winning(list(EU27_2020)[3:]) and not no_clause.is_winning(list(EU27_2020)[3:])


def us_federal(house: int = 435, senate: int = 100) -> MultiQuotaVotingGame:
    """President with veto, overridden by two thirds of both chambers."""
    n = house + senate + 1
    rows = [[1] * house + [0] * (n - house), [0] * house + [1] * senate + [0], [0] * (n - 1) + [1]]
    major = [house // 2 + 1, senate // 2 + 1, 1]
    override = [math.ceil(F(2, 3) * house), math.ceil(F(2, 3) * senate), 0]
    return MultiQuotaVotingGame([major, override], rows)


def test_us_federal_legislature() -> None:
    # The classical figures (Shapley-Shubik index, vice president ignored): President 16%, Senate 44%,
    # House 40% (e.g. Taylor & Pacelli 2008, Mathematics and Politics, ch. 9).
    g = us_federal()
    ss = gt.shapley_shubik(g)
    assert sum(ss.exact) == 1
    assert len(set(ss.exact[:435])) == 1 and len(set(ss.exact[435:535])) == 1
    assert round(ss[535], 2) == 0.16 and round(100 * ss[435], 2) == 0.44 and round(435 * ss[0], 2) == 0.40
    assert g.veto_players() == ()  # the veto can be overridden


def test_small_legislature_matches_enumeration() -> None:
    g = us_federal(7, 5)
    assert (_game_swings(g, "test") == brute_swings(g)).all()


# ============================================================================ multi-quota: properties
@st.composite
def multi_quota_games(draw: st.DrawFn) -> MultiQuotaVotingGame:
    n = draw(st.integers(1, 8))
    k = draw(st.integers(1, 3))
    rows = [draw(st.lists(st.integers(0, 6), min_size=n, max_size=n)) for _ in range(k)]
    rows = [r if sum(r) else [1] * n for r in rows]
    rules = []
    for _ in range(draw(st.integers(1, 2))):
        rule = [draw(st.integers(0, sum(r))) for r in rows]
        if not any(rule):
            rule[0] = 1
        rules.append(rule)
    return MultiQuotaVotingGame(rules, rows)


@given(multi_quota_games())
def test_multi_quota_counts_equal_enumeration(g: MultiQuotaVotingGame) -> None:
    assert (_game_swings(g, "test") == brute_swings(g)).all()
    cg = g.to_coalition_game()
    assert gt.shapley_shubik(g).exact == gt.shapley_value(cg).exact
    assert gt.banzhaf(g).exact == gt.banzhaf(cg).exact


@given(multi_quota_games())
def test_multi_quota_efficiency_null_and_symmetric_players(g: MultiQuotaVotingGame) -> None:
    ss = gt.shapley_shubik(g)
    assert sum(ss.exact) == 1
    # a player with zero weight in every row is null: appended, it gets 0 and changes no one's Banzhaf
    rows = [[*r, 0] for r in g.exact_weights]
    g0 = MultiQuotaVotingGame(g.exact_quotas, rows)
    assert gt.shapley_shubik(g0).exact[-1] == 0 and gt.banzhaf(g0).exact[-1] == 0
    assert gt.shapley_shubik(g0).exact[:-1] == ss.exact
    # a copy of player 0 (equal columns) has equal power
    rows = [[*r, r[0]] for r in g.exact_weights]
    twin = MultiQuotaVotingGame(g.exact_quotas, rows)
    assert gt.shapley_shubik(twin).exact[0] == gt.shapley_shubik(twin).exact[-1]
    assert gt.banzhaf(twin).exact[0] == gt.banzhaf(twin).exact[-1]


@given(
    st.lists(st.integers(0, 9), min_size=1, max_size=9).filter(lambda w: sum(w) > 0),
    st.floats(0.01, 1.0),
    st.sampled_from([F(1, 7), F(3), 1000, F(22, 7)]),
)
def test_single_quota_multi_quota_equals_weighted_game_and_scaling(weights: list[int], frac: float, c: F) -> None:
    q = max(1, math.ceil(frac * sum(weights)))
    wvg = gt.WeightedVotingGame(q, weights)
    mq = MultiQuotaVotingGame([q], [weights])
    scaled = MultiQuotaVotingGame([q * c], [[x * c for x in weights]])
    assert gt.shapley_shubik(mq).exact == gt.shapley_shubik(wvg).exact == gt.shapley_shubik(scaled).exact
    assert gt.banzhaf(mq).exact == gt.banzhaf(wvg).exact == gt.banzhaf(scaled).exact
    assert holler(mq).exact == holler(wvg).exact and johnston(scaled).exact == johnston(wvg).exact


def test_multiplicities_beyond_int64() -> None:
    # 80 equal players and one chair who must agree with 41 of them: types merge terms whose
    # multiplicities are binomials up to C(79, 40) ~ 2**76, counted in Python integers.
    g = MultiQuotaVotingGame([41, 1], [[1] * 80 + [0], [0] * 80 + [1]])
    ss = gt.shapley_shubik(g)
    assert sum(ss.exact) == 1 and len(set(ss.exact[:80])) == 1
    # the chair pivots when it comes after at least 41 of the 80: probability 40/81
    assert ss.exact[80] == F(40, 81)
    assert gt.banzhaf(g).exact[0] == F(math.comb(79, 40), 2**80)  # the chair in and exactly 40 others


# ============================================================================ the class
def test_accessors_and_value_semantics() -> None:
    g = MultiQuotaVotingGame([2, 5], [[1, 1, 1], [4, 1, 1]], players=["a", "b", "c"])
    assert g.n_players == 3 and g.players == ("a", "b", "c") and g.is_exact
    assert g.weights.shape == (2, 3) and not g.weights.flags.writeable
    assert g.quotas.tolist() == [[2.0, 5.0]] and g.exact_quotas == ((F(2), F(5)),)
    assert g.exact_weights[1] == (F(4), F(1), F(1))
    assert g.value(["a", "c"]) == 1 and g.value(["b", "c"]) == 0 and g.veto_players() == ("a",)
    assert pickle.loads(pickle.dumps(g)) == g and hash(pickle.loads(pickle.dumps(g))) == hash(g)
    assert g != MultiQuotaVotingGame([2, 5], [[1, 1, 1], [4, 1, 1]]) and (g == 3) is False
    assert repr(g) == "MultiQuotaVotingGame(n_players=3, rows=2, quotas=[2, 5])"
    one_row = MultiQuotaVotingGame([3], [2, 1, 1])
    assert one_row.weights.shape == (1, 3) and one_row.veto_players() == ("Player 1",)
    assert MultiQuotaVotingGame(np.array([0.5]), np.array([0.3, 0.3, 0.4])).exact_weights == ((F(3, 10), F(3, 10), F(2, 5)),)


@pytest.mark.parametrize(
    ("quotas", "weights", "exc", "message"),
    [
        ([1], "abc", gt.GameError, "weights must be an array of shape"),
        ([1], None, gt.GameError, "weights must be an array of shape"),
        ([1], [[True, 1]], TypeError, "weights"),
        ([1], [[[1]]], gt.GameError, r"got shape \(1, 1, 1\)"),
        ([1], [[1, -1]], gt.GameError, "finite and non-negative; got -1.0 at row 0, column 1"),
        ([1, 2], [[1, 1]], gt.GameError, r"quotas must have shape \(1,\) or \(rules, 1\)"),
        ([[[1]]], [[1, 1]], gt.GameError, "quotas must have shape"),
        ([float("nan")], [[1, 1]], gt.GameError, "quotas must be finite"),
        ([0], [[1, 1]], gt.GameError, "rule 0 has no positive quota"),
        ([[1, -1]], [[1, 1], [1, 1]], gt.GameError, "non-negative; got -1 in rule 0, row 1"),
        ([3], [[1, 1]], gt.GameError, "quota 3 of rule 0 exceeds the total weight 2 of row 0"),
    ],
)
def test_constructor_errors(quotas: object, weights: object, exc: type, message: str) -> None:
    with pytest.raises(exc, match=message):
        MultiQuotaVotingGame(quotas, weights)


def test_limits_and_unit_errors() -> None:
    with pytest.raises(gt.GameError, match="shapley_shubik and gametheory_af.banzhaf compute the indices"):
        MultiQuotaVotingGame([15], [[1] * 30]).to_coalition_game()
    with pytest.raises(gt.GameError, match=r"holler: this asks for .* member checks of the 2\*\*30 coalitions.*"
                       r"Nor do the other routes fit: this asks for 1,073,741,824 coalition values \(2\*\*30\)"):
        holler(MultiQuotaVotingGame([15], [[1] * 30]))
    huge = MultiQuotaVotingGame([2**61 + 1], [[2**61, 2**61, 1]])
    with pytest.raises(gt.GameError, match="weight row 0 totals .* give the weights in coarser units"):
        gt.banzhaf(huge)
    many = MultiQuotaVotingGame([30, 30], [list(range(1, 61)), list(range(60, 0, -1))])
    with pytest.raises(gt.GameError, match="terms of the halves' generating functions"):
        gt.shapley_shubik(many)


def test_index_argument_errors() -> None:
    with pytest.raises(TypeError, match="holler: game must be a WeightedVotingGame, MultiQuotaVotingGame"):
        holler([1, 2])
    with pytest.raises(gt.GameError, match="johnston: game must be a simple game"):
        johnston(gt.CoalitionGame([0, 1, 1, 3]))
    assert deegan_packel(gt.CoalitionGame([0, 0, 0, 1])).exact == (F(1, 2), F(1, 2))


def test_brute_helper_agrees_with_the_reference_enumeration() -> None:
    # the test's own brute force equals the module's enumeration on a weighted game
    g = gt.WeightedVotingGame(12, [4, 4, 4, 2, 2, 1])
    assert (brute_swings(g) == _enumerated_swings(g)).all()
    assert (_subset_sums(np.array([1, 2])) == [0, 1, 2, 3]).all()
