"""The weighted median and mean, and Bueno de Mesquita's expected-utility model (issue 15, item 4)."""

from __future__ import annotations

import json
import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory_af.bargaining.forecasting import (
    Actor,
    ForecastResult,
    Issue,
    expected_utility_model,
    weighted_mean,
    weighted_median,
)
from gametheory_af.exceptions import GameError


def _issue(rows: list[tuple[str, object, object, object]], lo: object = 0, hi: object = 1) -> Issue:
    return Issue("test", lo, hi, tuple(Actor(*row) for row in rows))  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- median and mean by hand
def test_weighted_median_by_hand() -> None:
    # weights 3, 2, 4 * 1/2 = 2 (total 7, half 7/2): cumulative 3 at 20, 5 at 50 -> 50.
    issue = _issue([("a", 20, 3, 1), ("b", 50, 2, 1), ("c", 90, 4, "1/2")], 0, 100)
    assert weighted_median(issue) == F(50)
    # mean (3*20 + 2*50 + 2*90)/7 = 340/7
    assert weighted_mean(issue) == F(340, 7)
    assert isinstance(weighted_median(issue), F) and isinstance(weighted_mean(issue), F)


def test_weighted_median_tie_is_the_midpoint_and_order_free() -> None:
    # weights 1 and 1 at 10 and 70: the cumulative weight is exactly half at 10 -> (10 + 70)/2.
    issue = _issue([("b", 70, 2, "1/2"), ("a", 10, 1, 1)], 0, 100)
    assert weighted_median(issue) == F(40)
    # weights 1, 1, 2 at 0, 30, 60: half = 2 reached exactly at 30 -> (30 + 60)/2 = 45.
    assert weighted_median(_issue([("a", 0, 1, 1), ("b", 30, 1, 1), ("c", 60, 2, 1)], 0, 100)) == F(45)


def test_weighted_median_ignores_zero_weight_and_goes_float() -> None:
    # c has salience 0: weights 1 (at 0.2) and 3 (at 0.9); cumulative 1 < 2 then 4 > 2 -> 0.9.
    issue = _issue([("a", 0.2, 1, 1), ("b", 0.9, 3, 1), ("c", 0.5, 100, 0)])
    assert weighted_median(issue) == 0.9 and isinstance(weighted_median(issue), float)
    # mean (0.2 + 2.7) / 4 = 0.725
    assert weighted_mean(issue) == pytest.approx(0.725, rel=1e-15)


def test_median_beats_every_position_in_a_weighted_pairwise_vote() -> None:
    # Black's theorem with weights: the median wins (or ties) every pairwise vote.
    rng = np.random.default_rng(15)
    for _ in range(40):
        n = int(rng.integers(1, 9))
        rows = [(f"a{k}", int(rng.integers(0, 101)), int(rng.integers(1, 10)), F(int(rng.integers(1, 5)), 4)) for k in range(n)]
        issue = _issue(rows, 0, 100)  # type: ignore[arg-type]
        m = weighted_median(issue)
        for y in range(0, 101, 5):
            for_m = sum(a.weight for a in issue.actors if abs(a.position - m) < abs(a.position - y))
            for_y = sum(a.weight for a in issue.actors if abs(a.position - y) < abs(a.position - m))
            assert for_m >= for_y


# ----------------------------------------------------------------------------- the model by hand
def test_two_actor_capitulation_by_hand() -> None:
    # A at 0 with capability 3, B at 1 with capability 1, both salience 1, Q = 1.
    # Votes on A vs B: A votes +3, B votes -1 -> P_AB = 3/4, P_BA = 1/4.
    # Risk-neutral (r = 1), d = 1: U^s = 2, U^f = -2, U^sq = 0, so
    # EU_A(AB) = 3/4*2 + 1/4*(-2) = 1 and EU_B(BA) = 1/4*2 - 3/4*2 = -1:
    # S = (1, -1), R = (1, -1), r = ((1 - 1/3)/(1 + 1/3), (1 + 1/3)/(1 - 1/3)) = (1/2, 2).
    # With r_A = 1/2: U^s = 2, U^f = -2, U^sq = 2 - 4/sqrt(2) = 2 - 2 sqrt(2):
    # EU_A(AB) = 1 - (2 - 2 sqrt 2) = 2 sqrt 2 - 1; A's estimate of EU_B(BA) = -1 - (2 - 2 sqrt 2) = 2 sqrt 2 - 3 < 0.
    # 2 sqrt 2 - 1 > |2 sqrt 2 - 3|: capitulation, B moves to 0. With r_B = 2, U^sq = 1 and
    # EU_B(BA) = -1 - 1 = -2 < 0: B makes no offer. Then both stand at 0: converged.
    res = expected_utility_model(_issue([("A", 0, 3, 1), ("B", 1, 1, 1)]))
    assert res.rounds[0].risk == pytest.approx((0.5, 2.0), rel=1e-15)
    (offer,) = res.rounds[0].offers
    assert (offer.proposer, offer.target, offer.kind, offer.accepted) == ("A", "B", "capitulation", True)
    assert offer.eu_proposer == pytest.approx(2 * math.sqrt(2) - 1, rel=1e-14)
    assert offer.eu_target == pytest.approx(2 * math.sqrt(2) - 3, rel=1e-13)
    assert res.positions == {"A": 0.0, "B": 0.0}
    assert res.forecasts == (0.0, 0.0) and res.converged and res.n_rounds == 1
    # initial mean (3*0 + 1*1)/4
    assert res.rounds[0].mean == 0.25 and res.rounds[1].mean == 0.0


def test_equal_actors_do_not_move() -> None:
    # Two equal actors at the ends: P = 1/2, EU = 1/2*2 + 1/2*(-2) - 0 = 0 for both: no challenge.
    res = expected_utility_model(_issue([("A", 0, 1, 1), ("B", 100, 1, 1)], 0, 100))
    assert res.rounds[0].offers == () and res.converged and res.n_rounds == 0
    assert res.forecast == 50.0 and res.rounds[0].risk == (1.0, 1.0)


def test_target_without_salience_gives_in() -> None:
    # B does not care (s_B = 0); A has the only weight, so R_A = 0 and r_A = 1; d = 1/2.
    # EU_A(AB) = U^s - U^sq = (2 - 4(1/2 - 1/4)) - 0 = 1.
    # A's estimate of B's EU: only A votes, against B, so P_BA = 0; s_A = 1: U^f - U^sq = 2 - 4(3/4) = -1.
    # EU_A(AB) = |E_B| = 1: a compromise of fraction 1/1, all the way to A.
    res = expected_utility_model(_issue([("A", 0.25, 1, 1), ("B", 0.75, 5, 0)]))
    (offer,) = res.rounds[0].offers
    assert offer.kind == "compromise" and offer.eu_proposer == pytest.approx(1.0) and offer.eu_target == pytest.approx(-1.0)
    assert res.positions == {"A": 0.25, "B": 0.25}


def test_compromise_moves_the_stated_fraction() -> None:
    rng = np.random.default_rng(1)
    seen: set[str] = set()
    for _ in range(60):
        res = expected_utility_model(_random_issue(rng, int(rng.integers(3, 8))), max_rounds=5)
        for rnd in res.rounds:
            for o in rnd.offers:
                seen.add(o.kind)
                frac = (o.to_position - o.from_position)
                if o.kind == "compromise":
                    src = rnd.positions[res.issue.names.index(o.proposer)]
                    assert abs(frac) <= abs(src - o.from_position) + 1e-12
                    assert o.eu_target < 0 < o.eu_proposer <= -o.eu_target
                    assert frac == pytest.approx((src - o.from_position) * o.eu_proposer / -o.eu_target, abs=1e-12)
                elif o.kind == "conflict":
                    assert o.eu_proposer > o.eu_target > 0
                else:
                    assert o.eu_proposer > -o.eu_target and o.eu_target <= 0
    assert seen == {"conflict", "compromise", "capitulation"}


# ----------------------------------------------------------------------------- a second route
def _reference(issue: Issue, q: float = 1.0, t: float = 1.0, max_rounds: int = 100) -> list[list[float]]:
    """The model written out with scalar loops straight from the docstring's formulas."""
    names = list(issue.names)
    lo, hi = float(issue.lo), float(issue.hi)
    c = [float(a.capability) for a in issue.actors]
    cmax = max(c)
    c = [v / cmax for v in c]
    s = [float(a.salience) for a in issue.actors]
    w = [ci * si for ci, si in zip(c, s)]
    x = [float(a.position) for a in issue.actors]
    n = len(x)
    out = [list(x)]

    def med(z: list[float]) -> float:
        pairs = sorted((zi, wi) for zi, wi in zip(z, w) if wi > 0)
        tot = sum(p[1] for p in pairs)
        acc = 0.0
        for k, (p, wk) in enumerate(pairs):
            acc += wk
            if acc > tot / 2:
                return p
            if acc == tot / 2:
                return (p + pairs[k + 1][0]) / 2
        raise AssertionError

    def util(v: float, r: float) -> float:
        return 2 - 4 * (0.5 + v) ** r

    def eu(d: float, dm: float, p: float, st_: float, r: float) -> float:
        ch = st_ * (p * util(-d / 2, r) + (1 - p) * util(d / 2, r)) + (1 - st_) * util(-d / 2, r)
        return ch - q * util(0, r) - (1 - q) * (t * util(-(dm + d) / 4, r) + (1 - t) * util((dm + d) / 4, r))

    for _ in range(max_rounds):
        z = [(v - lo) / (hi - lo) for v in x]
        m = med(z)
        prob = [[0.5] * n for _ in range(n)]
        for i in range(n):
            for j in range(n):
                fav = sum(max(w[k] * (abs(z[k] - z[j]) - abs(z[k] - z[i])), 0) for k in range(n))
                tot = sum(abs(w[k] * (abs(z[k] - z[j]) - abs(z[k] - z[i]))) for k in range(n))
                if tot > 0:
                    prob[i][j] = fav / tot
        sec = [sum(eu(abs(z[i] - z[j]), abs(z[i] - m), prob[i][j], s[j], 1.0) for j in range(n) if j != i and w[j] > 0)
               for i in range(n)]
        act = [sec[i] for i in range(n) if w[i] > 0]
        r = [1.0] * n
        for i in range(n):
            if w[i] > 0 and max(act) > min(act):
                big = (2 * sec[i] - max(act) - min(act)) / (max(act) - min(act))
                r[i] = (1 - big / 3) / (1 + big / 3)
        best: dict[int, tuple[float, float, str]] = {}
        for i in range(n):
            for j in range(n):
                if i == j or x[i] == x[j] or w[i] == 0:
                    continue
                d = abs(z[i] - z[j])
                own = eu(d, abs(z[i] - m), prob[i][j], s[j], r[i])
                other = eu(d, abs(z[j] - m), prob[j][i], s[i], r[i])
                if own <= 0:
                    continue
                if other > 0:
                    if own <= other:
                        continue
                    to = x[i]
                elif own > -other:
                    to = x[i]
                else:
                    to = x[j] + own / -other * (x[i] - x[j])
                cand = (abs(to - x[j]), -own, names[i])
                if j not in best or cand < (abs(best[j][0] - x[j]), best[j][1], best[j][2]):
                    best[j] = (to, -own, names[i])
        new = list(x)
        for j, (to, _o, _nm) in best.items():
            new[j] = to
        if max(abs(a - b) for a, b in zip(new, x)) <= 1e-9 * (hi - lo):
            break
        x = new
        out.append(list(x))
    return out


def _random_issue(rng: np.random.Generator, n: int) -> Issue:
    return _issue(
        [(f"a{k}", float(rng.uniform(0, 100)), float(rng.uniform(0.1, 10)), float(rng.uniform(0.05, 1))) for k in range(n)],
        0,
        100,
    )


@pytest.mark.parametrize("seed", range(25))
def test_vectorised_model_matches_scalar_reference(seed: int) -> None:
    rng = np.random.default_rng(seed)
    issue = _random_issue(rng, int(rng.integers(2, 9)))
    q = 1.0 if seed % 3 else 0.5
    # 10 rounds: later, actors a few 1e-9 apart can make the two routes' roundings take different branches.
    res = expected_utility_model(issue, status_quo_probability=q, max_rounds=10)
    ref = _reference(issue, q=q, max_rounds=10)
    got = [list(r.positions) for r in res.rounds]
    assert len(got) == len(ref)
    np.testing.assert_allclose(np.array(got), np.array(ref), rtol=0, atol=1e-9)


# ----------------------------------------------------------------------------- properties
actor_rows = st.lists(
    st.tuples(
        st.integers(0, 100),
        st.integers(1, 50),
        st.sampled_from([F(1, 4), F(1, 2), F(3, 4), F(1)]),
    ),
    min_size=1,
    max_size=6,
)


def _from_rows(rows: list[tuple[int, int, F]]) -> Issue:
    return _issue([(f"actor{k}", p, c, s) for k, (p, c, s) in enumerate(rows)], 0, 100)


@given(actor_rows)
def test_forecasts_stay_on_the_scale(rows: list[tuple[int, int, F]]) -> None:
    issue = _from_rows(rows)
    assert 0 <= weighted_median(issue) <= 100 and 0 <= weighted_mean(issue) <= 100
    res = expected_utility_model(issue, max_rounds=20)
    for rnd in res.rounds:
        assert all(0 <= v <= 100 for v in rnd.positions)
        assert 0 <= rnd.median <= 100 and 0 <= rnd.mean <= 100
        assert all(0.5 - 1e-15 <= r <= 2 + 1e-15 for r in rnd.risk)


@given(actor_rows, st.integers(-6, 6))
def test_scaling_capabilities_changes_nothing(rows: list[tuple[int, int, F]], k: int) -> None:
    issue = _from_rows(rows)
    scaled = _from_rows([(p, c * F(2) ** k, s) for p, c, s in rows])
    assert weighted_median(scaled) == weighted_median(issue)
    assert weighted_mean(scaled) == weighted_mean(issue)
    a, b = expected_utility_model(issue, max_rounds=20), expected_utility_model(scaled, max_rounds=20)
    assert [r.positions for r in a.rounds] == [r.positions for r in b.rounds]
    assert [r.offers for r in a.rounds] == [r.offers for r in b.rounds]


@given(actor_rows, st.integers(0, 100), st.integers(0, 1000))
def test_zero_salience_actor_moves_no_one(rows: list[tuple[int, int, F]], pos: int, cap: int) -> None:
    issue = _from_rows(rows)
    with_bystander = Issue("test", 0, 100, (*issue.actors, Actor("zz-bystander", pos, cap, 0)))
    assert weighted_median(with_bystander) == weighted_median(issue)
    a, b = expected_utility_model(issue, max_rounds=20), expected_utility_model(with_bystander, max_rounds=20)
    assert all(o.proposer != "zz-bystander" for r in b.rounds for o in r.offers)
    n = len(rows)
    assert [r.positions for r in a.rounds] == [r.positions[:n] for r in b.rounds[: len(a.rounds)]]


@given(actor_rows, st.randoms(use_true_random=False))
def test_permuting_actors_permutes_the_answer(rows: list[tuple[int, int, F]], random: object) -> None:
    issue = _from_rows(rows)
    perm = list(range(len(rows)))
    random.shuffle(perm)  # type: ignore[attr-defined]
    shuffled = Issue("test", 0, 100, tuple(issue.actors[i] for i in perm))
    assert weighted_median(shuffled) == weighted_median(issue) and weighted_mean(shuffled) == weighted_mean(issue)
    a, b = expected_utility_model(issue, max_rounds=20), expected_utility_model(shuffled, max_rounds=20)
    assert a.forecasts == b.forecasts
    assert [r.positions for r in b.rounds] == [tuple(r.positions[i] for i in perm) for r in a.rounds]
    assert [r.offers for r in a.rounds] == [r.offers for r in b.rounds]


# ----------------------------------------------------------------------------- options and output
def test_max_rounds_stops_and_says_not_converged() -> None:
    issue = _random_issue(np.random.default_rng(3), 6)
    res = expected_utility_model(issue, max_rounds=1)
    assert res.n_rounds == 1 and len(res.rounds) == 2 and res.rounds[-1].offers == ()
    full = expected_utility_model(issue, max_rounds=200)
    assert not res.converged and full.converged
    assert res.rounds[1].positions == full.rounds[1].positions


def test_status_quo_and_improvement_probabilities_matter() -> None:
    # Equal actors at the ends, Q = 0, T = 1, r = 1, median 1/2 (tie midpoint): d = 1, |z_A - mu| = 1/2:
    # U^b = 2 - 4(1/2 - 3/8) = 3/2, so EU = 0 - 3/2 < 0: no challenge. With T = 0, U^w = 2 - 4(7/8) = -3/2:
    # EU = 3/2 > 0 for both, so both would challenge; A's estimate of B's EU is also 3/2: neither exceeds
    # the other, so no conflict offer either.
    issue = _issue([("A", 0, 1, 1), ("B", 1, 1, 1)])
    better = expected_utility_model(issue, status_quo_probability=0, improvement_probability=1)
    worse = expected_utility_model(issue, status_quo_probability=0, improvement_probability=0)
    assert better.rounds[0].offers == () and worse.rounds[0].offers == ()
    assert (better.status_quo_probability, worse.improvement_probability) == (0.0, 0.0)
    # A third actor breaks the symmetry under T = 0 and offers appear.
    three = _issue([("A", 0, 1, 1), ("B", 1, 1, 1), ("C", "3/5", 1, "1/2")])
    assert expected_utility_model(three, status_quo_probability="1/2", improvement_probability=0).rounds[0].offers


def test_result_repr_and_json() -> None:
    res = expected_utility_model(_random_issue(np.random.default_rng(7), 5))
    text = repr(res)
    assert text.startswith("ForecastResult('test': forecast") and "round 1:" in text
    data = json.loads(json.dumps(res.to_dict()))
    assert data["forecast"] == res.forecast and len(data["rounds"]) == len(res.rounds)
    assert data["issue"]["actor"][0]["name"] == "a0"
    o = next(o for r in res.rounds for o in r.offers)
    assert repr(o).startswith(f"Offer({o.proposer} -> {o.target}: {o.kind},")
    assert isinstance(res, ForecastResult) and set(res.positions) == set(res.issue.names)
    declined = [o for r in res.rounds for o in r.offers if not o.accepted]
    assert all("declined" in repr(o) for o in declined)
    unconverged = expected_utility_model(_random_issue(np.random.default_rng(3), 6), max_rounds=1)
    assert "not converged" in repr(unconverged)


def test_actor_and_issue_helpers() -> None:
    a = Actor("US", "70", 40, "0.3")
    assert a.position == 70 and a.salience == F(3, 10) and a.weight == 12
    assert a.replace(salience=1).weight == 40
    issue = Issue("i", "0", 100.0, [a, Actor("T", 5.5, 35, 1)])  # type: ignore[arg-type]
    assert issue.lo == 0 and issue.hi == 100.0 and issue.positions == (70, 5.5)
    assert issue.replace_actor("T", position=10).actor("T").position == 10
    back = Issue.from_dict(issue.to_dict())
    assert back.positions == issue.positions and back.weights == issue.weights and back.names == issue.names


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("args", "err", "match"),
    [
        (("", 1, 1, 1), GameError, "name must be non-empty"),
        ((3, 1, 1, 1), TypeError, "name must be a string; got 3"),
        (("a", 1, 1, 2), GameError, r"salience must be in \[0, 1\]; got 2"),
        (("a", 1, 1, -0.5), GameError, r"salience must be in \[0, 1\]; got -0.5"),
        (("a", float("nan"), 1, 1), GameError, "position must be finite; got nan"),
        (("a", "x", 1, 1), GameError, "position must be a number such as"),
        (("a", None, 1, 1), TypeError, "position must be a number; got None"),
    ],
)
def test_actor_refuses(args: tuple[object, ...], err: type[Exception], match: str) -> None:
    with pytest.raises(err, match=match):
        Actor(*args)  # type: ignore[arg-type]


def test_issue_and_model_refuse() -> None:
    a, b = Actor("a", 1, 1, 1), Actor("b", 2, 1, 1)
    with pytest.raises(GameError, match="lo must be below hi; got lo=5, hi=5"):
        Issue("i", 5, 5, (a,))
    with pytest.raises(GameError, match="actors must hold 1 to"):
        Issue("i", 0, 5, ())
    with pytest.raises(GameError, match="actors must be a sequence of Actor"):
        Issue("i", 0, 5, a)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="actors must be Actor objects; got 3"):
        Issue("i", 0, 5, (a, 3))  # type: ignore[arg-type]
    with pytest.raises(GameError, match="'a' appears twice"):
        Issue("i", 0, 5, (a, a))
    with pytest.raises(GameError, match="every weight is 0"):
        Issue("i", 0, 5, (a.replace(salience=0),))
    with pytest.raises(TypeError, match="name must be a string"):
        Issue(None, 0, 5, (a,))  # type: ignore[arg-type]
    issue = Issue("i", 0, 5, (a, b))
    with pytest.raises(GameError, match="unknown field"):
        a.replace(colour=1)
    for kw, match in [
        ({"status_quo_probability": 1.5}, r"status_quo_probability must be a probability in \[0, 1\]; got 1.5"),
        ({"improvement_probability": -1}, r"improvement_probability must be a probability in \[0, 1\]; got -1"),
        ({"max_rounds": 0}, "max_rounds must be an integer >= 1; got 0"),
        ({"tol": -1.0}, "tol"),
    ]:
        with pytest.raises(GameError, match=match):
            expected_utility_model(issue, **kw)  # type: ignore[arg-type]
    for f in (weighted_median, weighted_mean, expected_utility_model):
        with pytest.raises(TypeError, match="issue must be an Issue; got"):
            f([a, b])  # type: ignore[operator]


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ([1], "data must be a mapping"),
        ({"name": "i", "lo": 0, "hi": 1, "actor": [], "colour": 1}, r"unknown key\(s\) \['colour'\]"),
        ({"name": "i", "lo": 0, "actor": []}, "missing key 'hi'"),
        ({"name": "i", "lo": 0, "hi": 1, "actor": {}}, "actor must be a list of tables"),
        ({"name": "i", "lo": 0, "hi": 1, "actor": [3]}, "each actor must be a table"),
        ({"name": "i", "lo": 0, "hi": 1, "actor": [{"name": "a", "position": 0, "capability": 1}]}, r"misses \['salience'\]"),
        ({"name": "i", "lo": 0, "hi": 1, "actor": [{"name": "a", "position": 0, "capability": 1, "salience": 1, "x": 1}]},
         r"unknown keys \['x'\]"),
    ],
)
def test_from_dict_refuses(data: object, match: str) -> None:
    with pytest.raises(GameError, match=match):
        Issue.from_dict(data)  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", range(20))
def test_prefix_sum_probabilities_match_the_votes(seed: int) -> None:
    # Integer positions on 0..10: ties between actors and voters exactly at a pair's midpoint.
    from gametheory_af.bargaining.forecasting import _success_probabilities

    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 12))
    z = rng.integers(0, 11, n) / 10
    w = rng.integers(0, 4, n).astype(float)
    dist = np.abs(z[:, None] - z[None, :])
    votes = w[:, None, None] * (dist[:, None, :] - dist[:, :, None])  # votes[k, i, j]
    favour, total = np.maximum(votes, 0).sum(axis=0), np.abs(votes).sum(axis=0)
    expected = np.where(total > 0, favour / np.where(total > 0, total, 1), 0.5)
    np.testing.assert_allclose(_success_probabilities(z, w), expected, rtol=0, atol=1e-12)


def test_results_pickle() -> None:
    import pickle

    res = expected_utility_model(_random_issue(np.random.default_rng(5), 4))
    back = pickle.loads(pickle.dumps(res))
    assert back.rounds == res.rounds and back.issue == res.issue and back.forecast == res.forecast
