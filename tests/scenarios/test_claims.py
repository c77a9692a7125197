"""The op-ed's claims in both senses: exact sets against direct equilibrium checks, vectorized against exact."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.scenarios import afghanistan as af
from gametheory_af.scenarios.afghanistan.claims import (
    CLAIMS,
    VERDICTS,
    check_claims,
    claims_over_box,
    leverage_sets,
    sample_box,
)
from gametheory_af.scenarios.afghanistan.payoffs import _exact_payoffs
from tests.strategies import afghan_box_points as box_points

BOUNDS = {k: (v.lower, v.upper) for k, v in af.Parameters.info().items()}
TOP = BOUNDS["leverage"][1]


def nash_among(params: af.Parameters, w: int, players: tuple[int, ...]) -> bool:
    """Direct check: no player in *players* gains by leaving (share, negotiate, press, w)."""
    u = _exact_payoffs(params)
    prof = (0, 0, 0, w)
    for i in players:
        dev = list(prof)
        dev[i] = 1
        if u[(i, *prof)] < u[(i, *dev)]:
            return False
    return True


def inside(x: Fraction, ivs) -> bool:
    return any(a <= x <= b for a, b in ivs)


def candidates(sets) -> list[Fraction]:
    """End points of every set, points just beside them, and a coarse grid of [0, 2]."""
    ends = {Fraction(0), TOP}
    for ivs in (sets.press, sets.full, (sets.narrow,) if sets.narrow else ()):
        for a, b in ivs:
            ends |= {a, b}
    eps = Fraction(1, 10**6)
    pts = {x + d for x in ends for d in (-eps, 0, eps)} | {Fraction(k, 8) for k in range(17)}
    return sorted(x for x in pts if 0 <= x <= TOP)


# ---------------------------------------------------------------------------- known values
def test_defaults_exact() -> None:
    # calendar: the Taliban's condition binds at 29/60 (module docstring); Pakistan's press margin at the
    # deal is 737/840 - l times 1/5 for l >= guarantee_leverage = 1/4 (the ceiling of pakistan_willingness).
    cal = leverage_sets(af.Parameters(), "calendar")
    assert cal.narrow == (Fraction(29, 60), TOP)
    assert cal.full == ((Fraction(29, 60), Fraction(737, 840)),)
    assert cal.press == ((Fraction(0), Fraction(737, 840)),)
    con = leverage_sets(af.Parameters(), "conditions")
    assert (con.narrow_threshold, con.full_threshold) == (Fraction(1, 12), Fraction(1, 12))
    assert [c.verdict for c in check_claims(af.model())] == ["holds"] * 5
    assert af.model().leverage_threshold("calendar").pakistan.ceiling == Fraction(737, 840)


def test_issue_point_is_narrow_only() -> None:
    # The issue's example: the report printed [holds] here although no power sharing with Pakistan pressing
    # exists. Here pressing is Pakistan's best response only below 737/2520-ish levels; the Taliban need more.
    m = af.model(taliban_win_before=0.5, taliban_win_after=0.75, taliban_surprise=0.15, pressing_cost=0.3)
    c = check_claims(m)
    assert c[1].verdict == VERDICTS[1] and c[1].narrow and not c[1].full
    s = leverage_sets(m.params, "calendar")
    assert s.narrow is not None and s.full == ()
    assert "Pakistan's best response only for" in c[1].reason
    assert all(c_.claim == text for c_, text in zip(c, CLAIMS))


def test_no_pressure_needed_reason_cites_fearon() -> None:
    m = af.model(taliban_war_cost=0.2, government_war_cost=0.2, taliban_surprise=0.05, taliban_win_after=0.5)
    c = check_claims(m)
    assert c[0].verdict == "does not hold" and "Fearon" in c[0].reason


def test_guarantee_needs_sway() -> None:
    # With no leverage, sheltering and pressing are the same: Pakistan's press margin is exactly 0 there.
    s = leverage_sets(af.Parameters(pressing_cost=0), "calendar")
    assert s.press[0][0] == 0
    u = _exact_payoffs(af.Parameters(leverage=0))
    assert (u[:, :, :, 0, :] == u[:, :, :, 1, :]).all()


# ---------------------------------------------------------------------------- the sets are the truth
@settings(max_examples=40)
@given(box_points(), st.sampled_from([0, 1]))
def test_sets_equal_direct_equilibrium_checks(v, w) -> None:
    params = af.Parameters(**v)
    name = "conditions" if w == 0 else "calendar"
    s = leverage_sets(params, name)
    th = af.Model(params).leverage_threshold(name, symbolic=False)
    assert s.narrow_threshold == (None if th.value is None else Fraction(str(th.value)))
    for x in candidates(s):
        p = params.replace(leverage=x)
        narrow = nash_among(p, w, (0, 1))
        full = nash_among(p, w, (0, 1, 2))
        assert narrow == (s.narrow is not None and s.narrow[0] <= x <= s.narrow[1]), x
        assert full == inside(x, s.full), x
        assert nash_among(p, w, (2,)) == inside(x, s.press), x


@settings(max_examples=25)
@given(box_points())
def test_vectorized_verdicts_equal_exact(v) -> None:
    exact = check_claims(af.Parameters(**v))
    box = claims_over_box({k: np.array([float(x)]) for k, x in v.items()})
    codes = [2 if c.full else 1 if c.narrow else 0 for c in exact]
    assert box.verdicts[0].tolist() == codes
    for name in ("calendar", "conditions"):
        s = leverage_sets(af.Parameters(**v), name)
        for got, want in ((box.narrow_threshold[name][0], s.narrow_threshold), (box.full_threshold[name][0], s.full_threshold)):
            assert got == pytest.approx(np.inf if want is None else float(want), abs=1e-9)


@settings(max_examples=25)
@given(box_points())
def test_claim_verdicts_follow_from_the_sets(v) -> None:
    params = af.Parameters(**v)
    c = check_claims(params)
    cal, con = leverage_sets(params, "calendar"), leverage_sets(params, "conditions")
    inf = float("inf")

    def t(x):
        return inf if x is None else x

    assert c[0].narrow == c[0].full == (cal.narrow is None or cal.narrow[0] > 0)
    assert c[1].narrow == (cal.narrow is not None) and c[1].full == bool(cal.full)
    assert c[2].full == (con.full_threshold is not None and t(con.full_threshold) <= t(cal.full_threshold))
    dec = leverage_sets(params.replace(decentralisation=BOUNDS["decentralisation"][1]), "calendar")
    assert c[4].full == (dec.full_threshold is not None and t(dec.full_threshold) <= t(cal.full_threshold))
    for x in c:
        assert x.verdict == VERDICTS[0 if x.full else 1 if x.narrow else 2]


def test_over_the_box_shares() -> None:
    res = claims_over_box(sample_box(4000, rng=1))
    shares = res.shares()
    # Claim 4 is a theorem of the model (margins rise with both costs); claim 2 holds fully at only part of it.
    assert shares[CLAIMS[3]]["holds"] == 1.0
    assert 0.3 < shares[CLAIMS[1]]["holds"] < 0.8
    assert shares[CLAIMS[1]]["does not hold"] == 0.0  # the bounds keep the narrow threshold below 2
    assert res.to_dict()["n"] == 4000
    assert set(shares[CLAIMS[0]]) == set(VERDICTS)


def test_sample_box_is_seeded_and_fixed() -> None:
    a, b = sample_box(10, rng=3), sample_box(10, rng=3)
    assert all((a[k] == b[k]).all() for k in a)
    for k, (lo, hi) in BOUNDS.items():
        assert (a[k] >= float(lo)).all() and (a[k] <= float(hi)).all()
    assert (sample_box(4, rng=0, fixed={"decentralisation": 0.25})["decentralisation"] == 0.25).all()


def test_defaults_fill_missing_and_broadcast() -> None:
    res = claims_over_box({"leverage": np.array([0.3, 0.6]), "pressing_cost": [0.1]})
    assert res.n == 2
    assert res.narrow_threshold["calendar"] == pytest.approx([29 / 60, 29 / 60])


@pytest.mark.parametrize(
    ("values", "match"),
    [
        ({"nope": [1.0]}, "unknown parameter 'nope'"),
        ({"leverage": [0.1, float("nan")]}, r"values\['leverage'\]\[1\] = nan"),
        ({"leverage": [3.0]}, "outside the bounds"),
        ({"leverage": [0.1, 0.2], "refugee_cost": [0.1, 0.2, 0.3]}, "has 3 entries"),
        ({"leverage": [[0.1]]}, "one-dimensional"),
        ({"leverage": ["x"]}, "array of numbers"),
        ([1, 2], "must be a mapping"),
    ],
)
def test_bad_values(values, match) -> None:
    with pytest.raises(gt.GameError, match=match):
        claims_over_box(values)


def test_bad_arguments() -> None:
    with pytest.raises(gt.GameError, match="sample_box"):
        sample_box(0)
    with pytest.raises(gt.GameError, match="unknown parameter 'x' in fixed"):
        sample_box(3, fixed={"x": 1})
    with pytest.raises(gt.GameError, match="params must be Parameters"):
        leverage_sets({"leverage": 1}, "calendar")
    with pytest.raises(gt.GameError, match="withdrawal must be"):
        leverage_sets(af.Parameters(), "soon")
    with pytest.raises(gt.GameError, match="model must be a Model or Parameters"):
        check_claims(3)
    with pytest.raises(gt.GameError, match="max_entries"):
        claims_over_box({"leverage": np.zeros(10**6)})


def test_results_json_and_text() -> None:
    import json

    s = leverage_sets(af.Parameters(), "calendar")
    d = s.to_dict()
    assert d["full_threshold_exact"] == "29/60" and d["full"][0]["hi_exact"] == "737/840"
    json.dumps(d)
    assert "both (the full sense) for leverage in [29/60, 737/840]" in s.describe()
    never = leverage_sets(af.Parameters(pressing_cost=0.5), "calendar")
    assert never.to_dict()["full_threshold"] is None and "no leverage" in never.describe()
    json.dumps([c.to_dict() for c in check_claims(af.model())])


@settings(max_examples=15)
@given(box_points(), st.sampled_from(["calendar", "conditions"]))
def test_sets_over_box_equal_exact_sets(v, name) -> None:
    from gametheory_af.scenarios.afghanistan.claims import sets_over_box

    s = leverage_sets(af.Parameters(**v), name)
    arr = sets_over_box({k: [float(x)] for k, x in v.items()}, name)
    got = sorted((float(a), float(b)) for a, b in zip(arr["full_lo"][:, 0], arr["full_hi"][:, 0]) if a <= b)
    want = [(float(a), float(b)) for a, b in s.full]
    # adjacent pieces are merged on the exact side: compare the covered leverages
    assert sum(b - a for a, b in got) == pytest.approx(sum(b - a for a, b in want), abs=1e-9)
    if want:
        assert min(a for a, _ in got) == pytest.approx(want[0][0], abs=1e-9)
        assert max(b for _, b in got) == pytest.approx(want[-1][1], abs=1e-9)


def test_model_senses() -> None:
    m = af.model(leverage=Fraction(1, 2))
    assert m.is_power_sharing_equilibrium("calendar", sense="full") == m.is_power_sharing_equilibrium("calendar", full=True)
    # at a deal the US prefers its calendar: under conditions the four-player (nash) sense never holds
    assert m.is_power_sharing_equilibrium("conditions", sense="full")
    assert not m.is_power_sharing_equilibrium("conditions", sense="nash")
    assert m.is_power_sharing_equilibrium("conditions", full=True)  # full=True is the full sense, not nash
    with pytest.raises(gt.GameError, match="sense must be 'narrow', 'full' or 'nash'; got 'all'"):
        m.is_power_sharing_equilibrium(sense="all")
