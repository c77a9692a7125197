"""Holler, Deegan-Packel and Johnston indices at scale (issue 15 item 1): the sweeps over weights.

A :class:`~gametheory_af.WeightedVotingGame` is counted by generating functions (one dynamic
programme over the players in decreasing weight, counts modulo primes rebuilt exactly), never by
listing coalitions. Every test compares with a route that lists them (the enumeration of the
2**n coalitions kept in ``voting.py``) or with counts derived by hand.
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.bargaining.coalitions.voting import (
    MultiQuotaVotingGame,
    _critical_counts,
    _critical_loops,
    _dp_scores,
    _johnston_counts,
    _minimal_winning_counts,
    _normalised,
    _scores_from_counts,
    _simple_table,
    deegan_packel,
    holler,
    johnston,
)

INDICES = {"holler": holler, "deegan_packel": deegan_packel, "johnston": johnston}


def enumerated(game: gt.WeightedVotingGame, index: str) -> tuple[F, ...]:
    """The index by listing the 2**n coalitions: the same game as a simple CoalitionGame."""
    return INDICES[index](game.to_coalition_game()).exact


# ============================================================================ published and hand-derived values
def test_published_deegan_packel_holler_illing() -> None:
    # Holler & Illing (2006), Einfuehrung in die Spieltheorie, 6th ed., section 6.3.3 (pp. 323-324; also the
    # example of CoopGame's deeganPackelIndex): [51; 35, 20, 15, 15, 15] has DP = (18, 9, 11, 11, 11) / 60.
    # By hand: minimal winning AB, ACD, ACE, ADE, BCDE; A: 1/2 + 3/3, B: 1/2 + 1/4, C: 2/3 + 1/4 (sum 5).
    # Holler: A in 4, B in 2, C, D, E in 3 each (15 in all).
    g = gt.WeightedVotingGame(51, [35, 20, 15, 15, 15])
    assert deegan_packel(g).exact == (F(18, 60), F(9, 60), F(11, 60), F(11, 60), F(11, 60))
    assert holler(g).exact == (F(4, 15), F(2, 15), F(1, 5), F(1, 5), F(1, 5))


def test_published_johnston_chakravarty_mitra_sarkar() -> None:
    # Chakravarty, Mitra & Sarkar (2015), A Course on Cooperative Game Theory, p. 124: [4; 3, 2, 1] has
    # Johnston index (2/3, 1/6, 1/6). By hand: AB and AC have 2 critical members each, ABC only A.
    assert johnston(gt.WeightedVotingGame(4, [3, 2, 1])).exact == (F(2, 3), F(1, 6), F(1, 6))


def test_unsc_and_eec_by_the_sweeps() -> None:
    # The hand counts of tests/bargaining/test_voting.py, now from the sweeps (no coalition listed):
    # UNSC Holler 1/9, 2/45; Johnston 283/1590, 7/636. EEC 1958: Holler 1/5 (Luxembourg 0).
    unsc = gt.WeightedVotingGame(39, [7] * 5 + [1] * 10)
    h = _normalised(_dp_scores(unsc, "holler", "test"), unsc.players, "holler")
    j = _normalised(_dp_scores(unsc, "johnston", "test"), unsc.players, "johnston")
    assert h.exact[0] == F(1, 9) and h.exact[5] == F(2, 45)
    assert j.exact[0] == F(283, 1590) and j.exact[5] == F(7, 636)
    eec = gt.WeightedVotingGame(12, [4, 4, 4, 2, 2, 1])
    assert _dp_scores(eec, "holler", "test") == [F(3)] * 5 + [F(0)]
    # Johnston of the EEC by hand (large states F G I weigh 4, B N 2, L 1; a member is critical when the
    # coalition's weight less its own is below 12): FGI (12), FGIL (13), FGIB and FGIN (14), FGIBL and
    # FGINL (15) have the three large states critical (c = 3); FGIBN (16) and FGIBNL (17) none; the three
    # coalitions of two large states with B and N (12) and the three with L too (13) all four but L
    # (c = 4). A large state: 6 / 3 + 4 / 4 = 3; B: 6 / 4 = 3/2; L: 0. Total 3 * 3 + 2 * 3/2 = 12.
    assert johnston(eec).exact == (F(1, 4),) * 3 + (F(1, 8),) * 2 + (F(0),)
    assert johnston(eec).exact == enumerated(eec, "johnston")


def chair_game(m: int = 60, c: int = 20, q: int = 41) -> gt.WeightedVotingGame:
    """A chair of weight c and m members of weight 1, quota q (c < q <= m)."""
    return gt.WeightedVotingGame(q, [c] + [1] * m)


def test_chair_and_sixty_members_beyond_enumeration() -> None:
    # 61 players: 2**61 coalitions could not be listed. With the chair (weight 20) and k members the weight
    # is 20 + k >= 41 for k >= 21; the chair is critical iff k < 41, a member iff 20 + k - 1 < 41 (k = 21).
    # Without the chair, k >= 41 members win, each critical iff k = 41.
    # Minimal winning: chair + 21 members (C(60, 21), size 22) and 41 members (C(60, 41), size 41).
    m, comb = 60, math.comb
    g = chair_game()
    h = _dp_scores(g, "holler", "test")
    assert h[0] == comb(m, 21) and h[1] == comb(m - 1, 20) + comb(m - 1, 40)
    dp = _dp_scores(g, "deegan_packel", "test")
    assert dp[0] == F(comb(m, 21), 22) and dp[1] == F(comb(m - 1, 20), 22) + F(comb(m - 1, 40), 41)
    # Johnston: chair + 21 members has 22 critical members; chair + 22..40 members only the chair; chair +
    # 41 or more, and 42 or more members, nobody; 41 members all 41.
    jo = _dp_scores(g, "johnston", "test")
    assert jo[0] == F(comb(m, 21), 22) + sum(comb(m, k) for k in range(22, 41))
    assert jo[1] == F(comb(m - 1, 20), 22) + F(comb(m - 1, 40), 41)
    # the public functions normalise the same scores
    total = jo[0] + m * jo[1]
    assert johnston(g).exact[0] == jo[0] / total and set(johnston(g).exact[1:]) == {jo[1] / total}
    assert holler(g).method == "holler" and sum(deegan_packel(g).exact) == 1


def test_exact_beyond_int64() -> None:
    # 120 members of weight 1 and quota 61: the minimal winning coalitions are the C(120, 61) ~ 2**115
    # 61-member sets, each member in C(119, 60) of them; Johnston: only the 61-member coalitions have
    # critical members. So all three indices are 1/120, from counts far beyond int64.
    g = gt.WeightedVotingGame(61, [1] * 120)
    assert _dp_scores(g, "holler", "test")[0] == math.comb(119, 60)
    assert _dp_scores(g, "deegan_packel", "test")[0] == F(math.comb(119, 60), 61)
    assert _dp_scores(g, "johnston", "test")[0] == F(math.comb(119, 60), 61)
    assert all(INDICES[i](g).exact == (F(1, 120),) * 120 for i in INDICES)


# ============================================================================ sweeps == enumeration
@st.composite
def weighted_games(draw: st.DrawFn) -> gt.WeightedVotingGame:
    # zero weights, equal weights, weights at or above the quota and quotas from 1 to the total
    w = draw(st.lists(st.integers(0, 15), min_size=1, max_size=11).filter(lambda x: sum(x) > 0))
    q = draw(st.integers(1, sum(w)))
    return gt.WeightedVotingGame(q, w)


@given(weighted_games())
def test_sweeps_equal_enumeration(g: gt.WeightedVotingGame) -> None:
    for index in INDICES:
        assert INDICES[index](g).exact == enumerated(g, index), index


@pytest.mark.parametrize("seed", range(10))
def test_sweeps_equal_enumeration_seeded(seed: int) -> None:
    # 14-18 players, weights 1-60 (many distinct), the quota anywhere from a sixth to all of the total
    rng = np.random.default_rng(seed)
    n = int(rng.integers(14, 19))
    w = rng.integers(1, 61, n).tolist()
    q = int(rng.integers(sum(w) // 6, sum(w) + 1))
    g = gt.WeightedVotingGame(q, w)
    for index in INDICES:
        assert INDICES[index](g).exact == enumerated(g, index), (seed, index)


@given(weighted_games())
def test_holler_totals_equal_the_counts_by_size(g: gt.WeightedVotingGame) -> None:
    # two routes of the same sweep: without the size dimension and summed over it
    by_size = _minimal_winning_counts(g, True)
    total = _minimal_winning_counts(g, False)
    assert all(sum(int(c) for c in by_size[x]) == int(total[x][0]) for x in total)


@given(weighted_games(), st.sampled_from([F(1, 3), F(7), F(1000)]))
def test_properties(g: gt.WeightedVotingGame, c: F) -> None:
    scaled = gt.WeightedVotingGame(g.exact_quota * c, [x * c for x in g.exact_weights])
    twin = gt.WeightedVotingGame(g.exact_quota, [*g.exact_weights, g.exact_weights[0]])
    null = gt.WeightedVotingGame(g.exact_quota, [*g.exact_weights, 0])
    for f in INDICES.values():
        r = f(g)
        assert sum(r.exact) == 1 and all(x >= 0 for x in r.exact)
        assert f(scaled).exact == r.exact  # the game depends on the weights' ratios only
        assert f(twin).exact[0] == f(twin).exact[-1]  # equal weights, equal power
        assert f(null).exact[-1] == 0 and f(null).exact[:-1] == r.exact  # a null player changes nothing


def test_weights_at_or_above_the_quota_and_zeros() -> None:
    # [5; 7, 5, 2, 0]: A and B win alone (minimal winning {A}, {B}); C and D are null. Johnston: the winning
    # coalitions containing A or B: {A}: A; {B}: B; {A,C}, {B,C}: the big one; {A,B} (12, 12 - 5 = 7 >= 5:
    # nobody critical), so A and B get 1 + 1 (+ 2 with D) each: 1/2, 1/2.
    g = gt.WeightedVotingGame(5, [7, 5, 2, 0])
    for f in INDICES.values():
        assert f(g).exact == (F(1, 2), F(1, 2), F(0), F(0))
    assert set(_johnston_counts(g)) == {7, 5, 2}


# ============================================================================ limits and routes
def test_huge_quota_falls_back_to_enumeration() -> None:
    # weights of about 10**9 (gcd 1): the sweep's table would have 5 * 10**9 cells, over the limits; 10
    # players are enumerated instead, with the same answer as the coalition game
    w = [1_000_000_007 + 7 * k for k in range(10)]
    g = gt.WeightedVotingGame(sum(w) // 2 + 1, w)
    with pytest.raises(gt.GameError, match="cells of the coalition-counting tables"):
        _dp_scores(g, "holler", "holler")
    for index in INDICES:
        assert INDICES[index](g).exact == enumerated(g, index)


def test_refused_when_neither_route_fits() -> None:
    w = [10_000_019 + 7 * k for k in range(40)]
    g = gt.WeightedVotingGame(sum(w) // 2 + 1, w)
    for index in INDICES:
        with pytest.raises(gt.GameError, match=rf"{index}: this asks for .* Nor do the other routes fit: this asks for .*2\*\*40"):
            INDICES[index](g)
    # the time budget is checked as well as the memory: 40,200 cells, but 3 * 300 * 40,200 * 10 primes updates
    with gt.limits(max_entries=100_000), pytest.raises(gt.GameError, match="thousand cell updates"):
        _dp_scores(gt.WeightedVotingGame(200, [1] * 300), "johnston", "johnston")


def test_multi_quota_and_coalition_games_still_enumerate() -> None:
    # the sweeps serve WeightedVotingGame; a multi-quota or coalition game lists its coalitions
    mq = MultiQuotaVotingGame([4], [[3, 2, 1]])
    assert johnston(mq).exact == (F(2, 3), F(1, 6), F(1, 6))
    win, players = _simple_table(mq, "test")
    assert win.sum() == 3 and players == ("Player 1", "Player 2", "Player 3")


# ============================================================================ multi-quota: the compiled enumeration
@st.composite
def multi_quota_games(draw: st.DrawFn) -> MultiQuotaVotingGame:
    n = draw(st.integers(1, 8))
    rows = [draw(st.lists(st.integers(0, 6), min_size=n, max_size=n)) for _ in range(draw(st.integers(1, 3)))]
    rows = [r if sum(r) else [1] * n for r in rows]
    rules = []
    for _ in range(draw(st.integers(1, 2))):
        rule = [draw(st.integers(0, sum(r))) for r in rows]
        rule[0] = rule[0] or 1  # no rule without a positive quota
        rules.append(rule)
    return MultiQuotaVotingGame(rules, rows)


@given(multi_quota_games())
def test_multi_quota_equals_the_coalition_table(g: MultiQuotaVotingGame) -> None:
    # the compiled loops, the same loops run by Python, and the 2**n table of the coalition game
    cg = g.to_coalition_game()
    plain = _critical_counts(g, "test", _critical_loops)
    assert all((a == b).all() for a, b in zip(plain, _critical_counts(g, "test")))
    for index, f in INDICES.items():
        assert f(g).exact == f(cg).exact == _normalised(_scores_from_counts(index, *plain), g.players, index).exact


#: EU27 populations on 1 January 2020 in persons (Eurostat, demo_pjan), Germany to Malta: the figures of
#: tests/bargaining/test_voting.py, whose brute force over all 2**27 coalitions checks the swing counts.
EU27_2020 = (83166711, 67320216, 59641488, 47332614, 37958138, 19328838, 17407585, 11522440, 10718565,
             10693939, 10327589, 10295909, 9769526, 8901064, 6951482, 5822763, 5525292, 5457873, 4964440,
             4058165, 2794090, 2095861, 1907675, 1328976, 888005, 626108, 514564)
EU27_NAMES = ("Germany", "France", "Italy", "Spain", "Poland", "Romania", "Netherlands", "Belgium", "Greece",
              "Czechia", "Sweden", "Portugal", "Hungary", "Austria", "Bulgaria", "Denmark", "Finland", "Slovakia",
              "Ireland", "Croatia", "Lithuania", "Slovenia", "Latvia", "Estonia", "Cyprus", "Luxembourg", "Malta")


def eu27_lisbon() -> MultiQuotaVotingGame:
    """55% of the states (15 of 27) and 65% of the population; or fewer than four states against (24 for)."""
    return MultiQuotaVotingGame([[15, F(65, 100) * sum(EU27_2020)], [24, 0]], [[1] * 27, list(EU27_2020)],
                                players=EU27_NAMES)


def test_eu27_lisbon_all_five_indices() -> None:
    # 2**27 coalitions visited once (compiled), the three indices from the same counts. Cross-check with the
    # independent meeting-in-the-middle swing counts: a player is critical in S exactly when S - {j} is a
    # swing for j, so sum_c joh[j, c] equals j's raw Banzhaf swings for every state.
    g = eu27_lisbon()
    mwc, joh = _critical_counts(g, "test")
    swings = [int(x * 2**26) for x in gt.banzhaf(g).exact]
    assert joh.sum(axis=1).tolist() == swings
    # a minimal winning coalition of size s is a winning one with s critical members: never more of them
    assert (mwc <= joh).all() and mwc.sum() > 0
    h, dp, jo = holler(g), deegan_packel(g), johnston(g)
    for r in (h, dp, jo):
        assert sum(r.exact) == 1 and all(x > 0 for x in r.exact)
    # Johnston follows population here (distinct, decreasing in the dict); Holler and Deegan-Packel do not:
    # the smallest states belong to nearly as many minimal winning coalitions as the largest
    assert all(jo.exact[k] > jo.exact[k + 1] for k in range(26))
    assert max(h.exact) / min(h.exact) < 3 < max(jo.exact) / min(jo.exact)
    assert round(jo["Germany"], 4) == 0.2518 and round(jo["Malta"], 4) == 0.0084  # ours, cross-checked above


def test_counts_are_kept_per_game_and_read_only() -> None:
    g = MultiQuotaVotingGame([[2, 5]], [[1, 1, 1], [4, 1, 1]])
    first = _critical_counts(g, "test")
    assert _critical_counts(g, "test")[0] is first[0] and not first[0].flags.writeable
    for k in range(5):  # older games leave the cache
        _critical_counts(MultiQuotaVotingGame([k + 1], [[1] * 6]), "test")
    assert _critical_counts(g, "test")[0] is not first[0]
    assert (_critical_counts(g, "test")[0] == first[0]).all()


def test_without_numba_the_coalitions_are_tabled(monkeypatch: pytest.MonkeyPatch) -> None:
    # as if numba were missing: multi-quota games and weighted games with a huge quota table their
    # 2**n coalitions (the former route), with the same answers
    from gametheory_af.bargaining.coalitions import voting

    g = MultiQuotaVotingGame([[3, 5], [2, 8]], [[1, 2, 1, 1, 0], [2, 1, 3, 1, 4]])
    huge = gt.WeightedVotingGame(2_000_000_041, [1_000_000_007 + 7 * k for k in range(6)])
    expected = {(f, h): f(h).exact for f in INDICES.values() for h in (g, huge)}
    monkeypatch.setattr(voting, "_COMPILED", [None])
    monkeypatch.setattr(voting, "_CRITICAL_CACHE", {})
    for (f, h), value in expected.items():
        assert f(h).exact == value
    assert voting._CRITICAL_CACHE == {}  # the compiled visit did not run
