"""What drives the threshold and how much leverage decides: vectorized sets against direct checks, properties."""

from __future__ import annotations

import json
import pickle
import re
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given

from gametheory_af.exceptions import GameError
from gametheory_af.scenarios import afghanistan as af
from gametheory_af.scenarios.afghanistan.claims import claims_over_box, sample_box, sets_over_box
from gametheory_af.scenarios.afghanistan.drivers import (
    LeverageDecides,
    ThresholdDrivers,
    _indicators,
    leverage_decides,
    threshold_drivers,
    wilson_interval,
)
from gametheory_af.scenarios.afghanistan.payoffs import CALENDAR, CONDITIONS, _exact_payoffs
from tests.strategies import afghan_box_points as box_points

BOUNDS = {k: (v.lower, v.upper) for k, v in af.Parameters.info().items()}
#: Leverages off every grid of the box (so float and exact arithmetic agree away from ties).
PROBE = [Fraction(1237, 10**4) + Fraction(k, 4) for k in range(8)]  # 0.1237 .. 1.8737


@pytest.fixture(scope="module")
def decides() -> LeverageDecides:
    return leverage_decides(n=4000, grid=21, n_sobol=512, n_bootstrap=50, rng=3)


@pytest.fixture(scope="module")
def drivers_full() -> ThresholdDrivers:
    return threshold_drivers(n=512, n_bootstrap=50, n_sample=4000, rng=4)


@pytest.fixture(scope="module")
def drivers_narrow() -> ThresholdDrivers:
    return threshold_drivers(sense="narrow", n=256, n_bootstrap=20, n_sample=2000, rng=5)


def direct(params: af.Parameters, w: int, players: tuple[int, ...]) -> bool:
    """No player in *players* gains by leaving (share, negotiate, press, w): exact payoffs, no sets."""
    u = _exact_payoffs(params)
    prof = (0, 0, 0, w)
    for i in players:
        dev = list(prof)
        dev[i] = 1
        if u[(i, *prof)] < u[(i, *dev)]:
            return False
    return True


# ---------------------------------------------------------------------------- Wilson
def test_wilson_matches_scipy() -> None:
    from scipy.stats import binomtest

    for k, n, c in [(0, 50, 0.95), (7, 50, 0.9), (25, 50, 0.95), (50, 50, 0.99), (1, 1, 0.95)]:
        ci = binomtest(k, n).proportion_ci(confidence_level=c, method="wilson")
        assert wilson_interval(k, n, c).tolist() == pytest.approx([ci.low, ci.high], abs=1e-12)
    # hand value: k = 0, n = 100, z = 1.96: upper end z^2 / (n + z^2) = 3.8415 / 103.8415 = 0.03699
    assert wilson_interval(0, 100)[1] == pytest.approx(3.841458820694124 / 103.841458820694124)
    assert wilson_interval(np.array([[0, 5], [9, 10]]), 10).shape == (2, 2, 2)


@pytest.mark.parametrize(
    ("kw", "match"),
    [({"successes": 11, "n": 10}, "successes must lie in 0..n"), ({"successes": -1, "n": 10}, "successes"),
     ({"successes": 1, "n": 0}, "n"), ({"successes": 1, "n": 10, "confidence": 1}, "confidence")],
)
def test_wilson_errors(kw: dict[str, object], match: str) -> None:
    with pytest.raises(GameError, match=match):
        wilson_interval(**kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- the indicators, two routes
@given(box_points())
def test_indicators_match_direct_equilibrium_checks(point: dict[str, Fraction]) -> None:
    values = {k: np.array([float(v)]) for k, v in point.items()}
    for w, name in ((CALENDAR, "calendar"), (CONDITIONS, "conditions")):
        full, narrow = _indicators(values, np.array([float(x) for x in PROBE]), name)
        for j, x in enumerate(PROBE):
            p = af.Parameters(**{**point, "leverage": x})
            assert bool(narrow[j, 0]) == direct(p, w, (0, 1)), (name, x)
            assert bool(full[j, 0]) == direct(p, w, (0, 1, 2)), (name, x)


def test_at_leverage_zero_full_is_narrow_is_claim_one_failing() -> None:
    # At no leverage pressing and sheltering are the same to Pakistan, so the two senses coincide, and power
    # sharing holds exactly where claim 1 ("without pressure power sharing is not an equilibrium") fails.
    values = sample_box(3000, rng=11)
    full, narrow = _indicators(values, np.array([0.0, 0.5, 1.0, 2.0]), "calendar")
    claims = claims_over_box(values)
    assert np.array_equal(full[0], narrow[0])
    assert np.array_equal(full[0], claims.verdicts[:, 0] == 0)
    assert 0.05 < full[0].mean() < 0.3  # not 0: war is costly enough for self-enforcing power sharing at ~15%
    assert np.all(full <= narrow)  # the full set is part of the narrow one
    # some grid leverage works iff there is a threshold at all (claim 2 in each sense, from the claims route)
    fine = np.linspace(0, 2, 2001)
    f2, n2 = _indicators(values, fine, "calendar")
    assert np.array_equal(f2.any(axis=0), claims.verdicts[:, 1] == 2)
    assert np.array_equal(n2.any(axis=0), claims.verdicts[:, 1] >= 1)


# ---------------------------------------------------------------------------- the curve
def test_curve_properties(decides: LeverageDecides) -> None:
    r = decides
    assert r.leverage.tolist() == pytest.approx(np.linspace(0, 2, 21).tolist())
    assert np.all(r.narrow_probability >= r.full_probability)
    assert r.full_probability[0] == r.narrow_probability[0]
    for p, iv in ((r.full_probability, r.full_interval), (r.narrow_probability, r.narrow_interval)):
        assert np.all((0 <= iv[:, 0]) & (iv[:, 0] <= p) & (p <= iv[:, 1]) & (iv[:, 1] <= 1))
        assert np.all(iv[:, 1] - iv[:, 0] < 0.04)  # n = 4000: half-width <= 1.96 * 0.5 / sqrt(4000) = 0.0155
    # the narrow set is an interval [threshold, 2] in practice (the government's and Taliban's margins grow with
    # leverage), so the narrow curve never falls; the full one rises then falls (Pakistan stops pressing)
    assert np.all(np.diff(r.narrow_probability) >= 0)
    i = int(np.argmax(r.full_probability))
    assert 0 < i < len(r.leverage) - 1
    assert r.full_probability[-1] < r.full_probability[i] - 0.1
    assert not r.leverage.flags.writeable


def test_curve_matches_an_independent_sample(decides: LeverageDecides) -> None:
    # the probability at leverage 0 equals the share of the box where claim 1 fails; estimate that on another
    # sample of 20000 points and compare within 4 standard errors of the difference
    claims = claims_over_box(sample_box(20000, rng=99))
    q = float(np.mean(claims.verdicts[:, 0] == 0))
    se = np.sqrt(q * (1 - q) * (1 / 20000 + 1 / decides.n))
    assert abs(decides.full_probability[0] - q) < 4 * se


def test_sobol_of_the_outcome(decides: LeverageDecides) -> None:
    s = decides.sobol
    assert s.names == af.Parameters.names() or s.names == tuple(af.Parameters.names())
    tol = 0.08  # bootstrap half-widths at n_sobol = 512 are about 0.05
    assert np.all((s.first_order > -tol) & (s.first_order < 1 + tol))
    assert np.all((s.total_order > -tol) & (s.total_order < 1 + tol))
    assert s.first_order.sum() <= 1 + 0.15
    assert np.all(s.total_order >= s.first_order - tol)
    rank = decides.ranking()
    assert [r["total_order"] for r in rank] == sorted((r["total_order"] for r in rank), reverse=True)
    assert 1 <= decides.leverage_rank <= 5
    lev = next(r for r in rank if r["parameter"] == "leverage")
    assert lev["total_order"] > 0.2
    # the US's own costs and conditions_credibility do not enter the calendar margins of the government, the
    # Taliban or Pakistan: the outcome does not move with them, so Jansen's and Saltelli's estimators give 0 exactly
    for k in ("us_staying_cost", "us_verification_cost", "us_taliban_rule_cost", "conditions_credibility"):
        r = next(x for x in rank if x["parameter"] == k)
        assert r["first_order"] == 0 and r["total_order"] == 0
    # the indicator's variance is p (1 - p) of the probability over the whole box with leverage uniform
    p = float(np.mean(decides.full_probability))  # the grid is even, so this approximates E over leverage
    assert s.variance == pytest.approx(p * (1 - p), abs=0.03)


def test_probability_at_and_text(decides: LeverageDecides) -> None:
    p, lo, hi = decides.probability_at(0.51)
    assert p == decides.full_probability[5] and (lo, hi) == tuple(decides.full_interval[5])
    assert decides.probability_at(0.0, "narrow")[0] == decides.narrow_probability[0]
    text = decides.describe()
    assert "Leverage alone explains" in text and f"ranks {decides.leverage_rank} of 25" in text
    d = json.loads(json.dumps(decides.to_dict()))
    assert d["leverage_rank"] == decides.leverage_rank and len(d["sobol"]["indices"]) == 25
    assert d["full_probability"] == decides.full_probability.tolist()
    with pytest.raises(GameError, match="sense must be"):
        decides.probability_at(0.5, "wide")


def test_leverage_decides_reproducible() -> None:
    a = leverage_decides(n=500, grid=5, n_sobol=64, n_bootstrap=5, rng=1)
    b = leverage_decides(n=500, grid=5, n_sobol=64, n_bootstrap=5, rng=1)
    c = leverage_decides(n=500, grid=5, n_sobol=64, n_bootstrap=5, rng=2)
    assert a == b and a != c
    assert pickle.loads(pickle.dumps(a)) == a
    con = leverage_decides(withdrawal="conditions-based", n=500, grid=[0.25], n_sobol=64, n_bootstrap=5, rng=1)
    assert con.withdrawal == "conditions" and con.leverage.tolist() == [0.25]
    assert "after" in con.describe() or "ranks 1" in con.describe()


@pytest.mark.parametrize(
    ("kw", "match"),
    [
        ({"withdrawal": "never"}, "withdrawal must be"),
        ({"n": 0}, "n must be"),
        ({"grid": 1}, "grid must be"),
        ({"grid": [0.5, 3.0]}, r"grid must be .* leverages in \[0, 2\]"),
        ({"grid": "abc"}, "grid must be"),
        ({"grid": [[0.5]]}, "grid must be"),
        ({"n_sobol": 100}, "n_sobol must be a power of 2"),
        ({"n_bootstrap": 0}, "n_bootstrap must be"),
        ({"confidence": 1.0}, "confidence must be"),
    ],
)
def test_leverage_decides_errors(kw: dict[str, object], match: str) -> None:
    with pytest.raises(GameError, match=match):
        leverage_decides(**kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- what drives the threshold
def test_never_matches_claims(drivers_full: ThresholdDrivers, drivers_narrow: ThresholdDrivers) -> None:
    claims = claims_over_box(sample_box(20000, rng=98))
    q = float(np.mean(claims.verdicts[:, 1] < 2))  # claim 2 fails in the full sense = the full threshold is never
    d = drivers_full
    se = np.sqrt(q * (1 - q) * (1 / 20000 + 1 / d.n_sample))
    assert abs(d.p_never - q) < 4 * se
    assert d.p_never_interval[0] <= d.p_never <= d.p_never_interval[1]
    assert 0 <= d.never_share <= 1
    q5, q50, q95 = (d.reachable_quantiles[k] for k in ("5%", "50%", "95%"))
    assert 0 <= q5 <= q50 <= q95 <= d.cap == 2
    # narrow: never does not occur on the box (claim 2 holds narrowly everywhere in this sample too)
    assert float(np.mean(claims.verdicts[:, 1] == 0)) == 0 == drivers_narrow.p_never
    assert drivers_narrow.never.variance == 0 and drivers_narrow.never_share == 0
    assert "nothing there decides" in drivers_narrow.describe()


def test_sobol_of_the_threshold(drivers_full: ThresholdDrivers, drivers_narrow: ThresholdDrivers) -> None:
    for d in (drivers_full, drivers_narrow):
        assert "leverage" not in d.threshold.names and len(d.threshold.names) == 24
        for s in (d.threshold, d.never):
            assert np.all((s.first_order > -0.1) & (s.first_order < 1.1))
            assert np.all((s.total_order > -0.1) & (s.total_order < 1.1))
            assert s.first_order.sum() <= 1.2
    # Pakistan's costs cannot move the narrow threshold (only the government's and the Taliban's margins enter):
    # their indices are exactly 0, and the tornado says "no effect"
    for k in ("refugee_cost", "isolation_cost", "pressing_cost", "guarantee_leverage"):
        r = next(x for x in drivers_narrow.ranking() if x["parameter"] == k)
        assert r["first_order"] == 0 and r["total_order"] == 0
    assert "refugee_cost: no effect" in drivers_narrow.tornado_rows()
    # ... but they decide whether the full threshold exists at all
    top = {r["parameter"] for r in drivers_full.ranking("never")[:6]}
    assert {"refugee_cost", "pressing_cost"} <= top
    with pytest.raises(GameError, match="which must be"):
        drivers_full.ranking("value")


def test_tornado_exact_and_cross_checked(drivers_full: ThresholdDrivers, drivers_narrow: ThresholdDrivers) -> None:
    for d in (drivers_full, drivers_narrow):
        assert d.base_threshold == Fraction(29, 60)  # test_claims.test_defaults_exact: both senses, calendar
        eff = [r["effect"] for r in d.tornado]
        assert eff == sorted(eff, reverse=True) and len(d.tornado) == 24
        # the float route (sets_over_box at the 48 one-at-a-time points) agrees with the exact tornado
        base = {k: float(v) for k, v in d.base.as_dict().items()}
        pts = {k: np.array([base[k]] * 48) for k in base}
        for j, r in enumerate(d.tornado):
            pts[r["parameter"]][2 * j] = float(r["low"])
            pts[r["parameter"]][2 * j + 1] = float(r["high"])
        t = sets_over_box(pts, "calendar")[f"{d.sense}_threshold"]
        for j in range(len(d.tornado)):
            for v, x in ((d.tornado[j]["threshold_low"], t[2 * j]), (d.tornado[j]["threshold_high"], t[2 * j + 1])):
                assert (x == np.inf) if v is None else x == pytest.approx(float(v), abs=1e-12)
    # decentralisation at its bound lowers the narrow threshold from 29/60 to 7/60 (sets_over_box's example)
    dec = next(r for r in drivers_narrow.tornado if r["parameter"] == "decentralisation")
    assert (dec["threshold_low"], dec["threshold_high"]) == (Fraction(29, 60), Fraction(7, 60))
    # in the full sense, pressing_cost at 1/2 makes it "never" (check_claims' example), said in words
    row = next(x for x in drivers_full.tornado_rows() if x.startswith("pressing_cost"))
    assert row == "pressing_cost: 29/60 at 0, never at 1/2 (reaches never)"
    d = json.loads(json.dumps(drivers_full.to_dict()))
    pc = next(r for r in d["tornado"] if r["parameter"] == "pressing_cost")
    assert pc["threshold_high"] is None and pc["threshold_low"] == "29/60" and pc["effect"] == pytest.approx(2 - 29 / 60)


def test_tornado_from_a_never_base() -> None:
    p = af.Parameters(pressing_cost=Fraction(1, 2))
    d = threshold_drivers(p, n=64, n_bootstrap=5, n_sample=200, rng=0)
    assert d.base_threshold is None and d.base == p
    assert "threshold never" in d.describe()
    # from a never base, a row that stays never has no effect, and "(reaches never)" is not repeated
    assert all("reaches never" not in r for r in d.tornado_rows())
    out = json.loads(json.dumps(d.to_dict()))
    assert out["base_threshold"] is None and out["base"]["pressing_cost"] == "1/2"


def test_threshold_drivers_reproducible_and_text(drivers_full: ThresholdDrivers) -> None:
    a = threshold_drivers(n=64, n_bootstrap=5, n_sample=300, rng=7, withdrawal="conditions")
    b = threshold_drivers(n=64, n_bootstrap=5, n_sample=300, rng=7, withdrawal="conditions")
    assert a == b and pickle.loads(pickle.dumps(a)) == a and a.withdrawal == "conditions"
    assert a != threshold_drivers(n=64, n_bootstrap=5, n_sample=300, rng=8, withdrawal="conditions")
    text = drivers_full.describe()
    assert "never reached" in text and "full sense" in text and "(reaches never)" in text


@pytest.mark.parametrize(
    ("kw", "match"),
    [
        ({"sense": "wide"}, "sense must be 'narrow' or 'full'"),
        ({"withdrawal": 3}, "withdrawal must be"),
        ({"n": 1000}, "n must be a power of 2"),
        ({"n_sample": 0}, "n_sample must be"),
        ({"n_bootstrap": 0}, "n_bootstrap must be"),
        ({"confidence": 0}, "confidence must be"),
    ],
)
def test_threshold_drivers_errors(kw: dict[str, object], match: str) -> None:
    with pytest.raises(GameError, match=match):
        threshold_drivers(**kw)  # type: ignore[arg-type]


def test_threshold_drivers_params_type() -> None:
    with pytest.raises(TypeError, match="params must be Parameters"):
        threshold_drivers({"leverage": 1})  # type: ignore[arg-type]


def test_spread_hand_values() -> None:
    from gametheory_af.scenarios.afghanistan.drivers import _spread

    # t = (never, 0, 1, never), cap 2: P(never) = 1/2, mean where reachable 1/2; capped (2, 0, 1, 2) has mean 5/4
    # and variance (9/16 + 25/16 + 1/16 + 9/16) / 4 = 11/16; the split alone gives 1/4 * (2 - 1/2)^2 = 9/16,
    # so 9/11 of the capped variance is never against reachable
    p, q, share = _spread(np.array([np.inf, 0.0, 1.0, np.inf]), 2.0)
    assert (p, q["mean"], q["50%"]) == (0.5, 0.5, 0.5) and share == pytest.approx(9 / 11)
    p, q, share = _spread(np.array([np.inf, np.inf]), 2.0)
    assert p == 1 and np.isnan(q["5%"]) and np.isnan(share)
    p, q, share = _spread(np.array([0.5, 0.5]), 2.0)
    assert p == 0 and q["95%"] == 0.5 and np.isnan(share)  # nothing varies: no share to report


def test_degenerate_samples_described(drivers_narrow: ThresholdDrivers) -> None:
    # a box where the threshold never exists: describe and to_dict say so, no numbers invented
    from dataclasses import fields, replace

    assert {f.name for f in fields(ThresholdDrivers)} >= {"p_never", "never_share"}
    nan = float("nan")
    never = replace(drivers_narrow, p_never=1.0, never_share=nan,
                    reachable_quantiles={k: nan for k in ("5%", "50%", "95%", "mean")})
    text = never.describe()
    assert "it exists nowhere in the sample" in text and "reached at no point" in text and "does not vary" in text
    out = json.loads(json.dumps(never.to_dict()))
    assert out["never_share"] is None and out["reachable_quantiles"]["50%"] is None


# ---------------------------------------------------------------------------- figures
def test_plot_leverage_decides(decides: LeverageDecides) -> None:
    plt = pytest.importorskip("matplotlib.pyplot")
    from gametheory_af.plotting import plot_leverage_decides

    fig, ax = plt.subplots()
    assert plot_leverage_decides(decides, ax=ax) is ax
    full = next(line for line in ax.lines if line.get_gid() == "full")
    assert full.get_ydata().tolist() == decides.full_probability.tolist()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert not any(re.search(r"\(\d+, \d+", lab) for lab in labels)  # names in words, no profile tuples
    assert any("narrow sense" in lab for lab in labels) and any("full sense" in lab for lab in labels)
    one = leverage_decides(n=100, grid=[0.5], n_sobol=64, n_bootstrap=5)
    assert plot_leverage_decides(one).get_xlim() == (0.5, 1.5)  # one leverage: a unit-wide axis, no error
    with pytest.raises(TypeError, match="result must be a LeverageDecides"):
        plot_leverage_decides(decides.sobol)
    plt.close("all")


def test_plot_threshold_drivers(drivers_full: ThresholdDrivers) -> None:
    plt = pytest.importorskip("matplotlib.pyplot")
    from gametheory_af.plotting import plot_threshold_drivers

    fig, axes = plt.subplots(1, 2)
    left, right = plot_threshold_drivers(drivers_full, ax=list(axes), max_rows=5)
    assert (left, right) == tuple(axes)
    assert len(right.get_yticklabels()) == 5 and len(left.get_yticklabels()) == 5
    hatched = [p for p in right.patches if p.get_hatch() == "//"]
    n_never = sum((r["threshold_low"] is None) + (r["threshold_high"] is None) for r in drivers_full.tornado[:5])
    assert len(hatched) == n_never > 0  # every move to never is drawn as never
    legend = [t.get_text() for t in right.get_legend().get_texts()]
    assert "never (no leverage up to the bound)" in legend
    # from a base that is itself never, nothing is hatched (no bar: the threshold stays never)
    d = threshold_drivers(af.Parameters(pressing_cost=Fraction(1, 2)), n=64, n_bootstrap=5, n_sample=100)
    _, r2 = plot_threshold_drivers(d)
    assert not [p for p in r2.patches if p.get_hatch() == "//"] and "threshold never" in r2.get_title()
    with pytest.raises(TypeError, match="ax must be a pair"):
        plot_threshold_drivers(drivers_full, ax=axes[0])
    with pytest.raises(GameError, match="max_rows"):
        plot_threshold_drivers(drivers_full, max_rows=0)
    with pytest.raises(TypeError, match="result must be a ThresholdDrivers"):
        plot_threshold_drivers(drivers_full.never)
    plt.close("all")
