"""Pakistan chooses how hard to press (issue 13, item 3): exact values by hand, properties over the box,
the vectorized route against the exact one, the figure."""

from __future__ import annotations

import json
import pickle
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory_af.exceptions import GameError
from gametheory_af.scenarios.afghanistan import Parameters, model
from gametheory_af.scenarios.afghanistan.pakistan import (
    LEVERAGE_RANGE,
    PakistanChoice,
    _choose,
    _lines,
    pakistan_choice,
    pakistan_choice_arrays,
    pakistan_choices,
)
from gametheory_af.scenarios.afghanistan.payoffs import (
    CALENDAR,
    CONDITIONS,
    FIGHT,
    GOV,
    NEGOTIATE,
    OFFENSIVE,
    PAK,
    PRESS,
    SHARE,
    TAL,
    _payoff_tensor,
)

F = Fraction
INFO = Parameters.info()
NAMES = [k for k in Parameters.names() if k != "leverage"]
W_INDEX = {"calendar": CALENDAR, "conditions": CONDITIONS}


@st.composite
def box_points(draw: st.DrawFn) -> Parameters:
    """A point of the documented box on a grid of 20 steps per parameter (corners included), exact."""
    kw = {}
    for k in NAMES:
        i = INFO[k]
        kw[k] = i.lower + F(draw(st.integers(0, 20)), 20) * (i.upper - i.lower)
    return Parameters(**kw)


def tensor_at(p: Parameters, ell: Fraction) -> np.ndarray:
    """The static tensor at leverage *ell* (Fractions; bypasses the bounds so any ell works)."""
    return _payoff_tensor({**p.as_dict(), "leverage": ell})


def realized(p: Parameters, w: int, ell: Fraction) -> tuple[bool, Fraction]:
    """Directly from the tensor: whether the deal is an equilibrium of the 2x2 at ell, and Pakistan's payoff."""
    u = tensor_at(p, ell)
    deal = u[(GOV, SHARE, NEGOTIATE, PRESS, w)] >= u[(GOV, FIGHT, NEGOTIATE, PRESS, w)] and u[
        (TAL, SHARE, NEGOTIATE, PRESS, w)
    ] >= u[(TAL, SHARE, OFFENSIVE, PRESS, w)]
    cell = (SHARE, NEGOTIATE) if deal else (FIGHT, OFFENSIVE)
    return bool(deal), u[(PAK, *cell, PRESS, w)]


# ------------------------------------------------------------------------------------ exact values by hand
def test_defaults_by_hand() -> None:
    # Defaults: stakes 1, no provinces, value 1 + 1/10 * 1/2 = 21/20, beta = 1/2, e = 1/40.
    # War now: q = 2/5 - l/40; d_G = 1/2 + l/40; d_T = q - 1/10 - l = 3/10 - 41 l/40; S = 1/4 + l.
    # Deal: x_T = d_T + S/2 = 17/40 - 21 l/40, x_G = 5/8 + 21 l/40; Taliban share x_T / (21/20) = 17/42 - l/2.
    # Pakistan at the deal: D(l) = 1/5 (17/42 - l/2) - l/10 = 17/210 - l/5.
    # Pakistan in the war now: V(l) = -1/4 + q (1/5 - 1/4) - l/10 = -27/100 - 79 l/800 (falls: W = V(0)).
    # Government margin: x_G - (1 - (q - 1/20) - 1/10) = 3/40 + l/2 > 0.
    # Taliban margin, calendar: x_T - (2/3 + 1/10 - l/40 - 1/10 - l) = -29/120 + l/2 -> l* = 29/60.
    # Taliban margin, conditions (shift 1/4): x_T - (17/30 - l/40 - 1/10 - l) = -1/24 + l/2 -> l* = 1/12.
    # D(29/60) = 17/210 - 29/300 = -11/700 >= -27/100: the deal. D(1/12) = 9/140.
    # willing: 17/210 - l/5 = -27/100 -> l = 737/420 (the sequential model's threshold where Pakistan shelters).
    cal = pakistan_choice(withdrawal="calendar")
    assert cal.deal_line == (F(17, 210), F(-1, 5))
    assert cal.war_line == (F(-27, 100), F(-79, 800))
    assert (cal.needed, cal.best_leverage, cal.outcome, cal.attained, cal.reaches) == (
        F(29, 60), F(29, 60), "power-sharing agreement", True, True,
    )
    assert (cal.deal_payoff, cal.war_payoff, cal.war_leverage, cal.payoff) == (F(-11, 700), F(-27, 100), 0, F(-11, 700))
    assert cal.willing_up_to == F(737, 420)
    assert cal.gap == F(29, 60) - F(737, 420) == F(-89, 70)
    con = pakistan_choice(withdrawal="conditions-based")
    assert (con.needed, con.best_leverage, con.deal_payoff, con.willing_up_to, con.gap) == (
        F(1, 12), F(1, 12), F(9, 140), F(737, 420), F(-117, 70),
    )
    both = pakistan_choices()
    assert both["calendar"] == cal and both["conditions"] == con
    assert all(isinstance(v, Fraction) for v in (cal.needed, cal.gap, cal.payoff, *cal.deal_line))


def test_reluctant_pakistan_by_hand() -> None:
    # pressing_cost 1/2, refugee_cost 0: D(l) = 17/210 - l/10 - l/2 = 17/210 - 3 l/5;
    # V(l) = -q/20 - l/2 = -1/50 + l/800 - l/2 (falls), W = -1/50. Needed unchanged (29/60, 1/12).
    # Calendar: D(29/60) = 17/210 - 29/100 = -439/2100 < -1/50: Pakistan shelters, war.
    # willing: 17/210 - 3l/5 = -1/50 -> l = 53/315; gap = 29/60 - 53/315 = 397/1260 > 0 (the op-ed's tension).
    # Conditions: D(1/12) = 17/210 - 1/20 = 13/420 >= -1/50: it presses at 1/12.
    p = Parameters(pressing_cost="1/2", refugee_cost=0)
    cal = pakistan_choice(p, "calendar")
    assert (cal.outcome, cal.best_leverage, cal.payoff, cal.deal_payoff) == ("war", 0, F(-1, 50), F(-439, 2100))
    assert (cal.willing_up_to, cal.gap, cal.reaches, cal.attained) == (F(53, 315), F(397, 1260), False, True)
    con = pakistan_choice(p, "conditions")
    assert (con.outcome, con.best_leverage, con.payoff, con.gap) == (
        "power-sharing agreement", F(1, 12), F(13, 420), F(1, 12) - F(53, 315),
    )
    text = cal.describe().splitlines()
    assert len(text) == 3
    assert "shelters the Taliban (leverage 0)" in text[1] and "central tension" in text[2]


def test_no_pressure_needed_by_hand() -> None:
    # conditions_credibility 1, conditions: the offensive's chance is 2/5 + 1/10 - l/40, the Taliban get
    # 2/5 - 41 l/40 from it, so their margin is 17/40 - 2/5 + l/2 = 1/40 + l/2 > 0: l* = 0, the deal at no pressure.
    c = pakistan_choice(Parameters(conditions_credibility=1), "conditions")
    assert (c.needed, c.best_leverage, c.outcome, c.payoff) == (0, 0, "power-sharing agreement", F(17, 210))
    assert (c.willing_up_to, c.gap, c.war_leverage) == (F(737, 420), F(-737, 420), 0)
    assert "applies no pressure and power is shared" in c.describe()


def test_unwilling_by_hand() -> None:
    # refugee_cost 0, isolation_cost 0, taliban_war_cost 1/5: d_T = 1/5 - 41 l/40, d_G = 1/2 + l/40, S = 7/20 + l,
    # x_T = 3/8 - 21 l/40, share = 5/14 - l/2, D(l) = 1/14 - l/5; V(l) = q/5 - l/10 = 2/25 - 21 l/200.
    # D(0) = 1/14 < 2/25 = W: Pakistan prefers the war even to a deal at no pressure (willing None).
    # Taliban margin (calendar): 3/8 - 21l/40 - (17/30 - 41 l/40) = -23/120 + l/2 -> l* = 23/60;
    # D(23/60) = 1/14 - 23/300 = -11/2100.
    c = pakistan_choice(Parameters(refugee_cost=0, isolation_cost=0, taliban_war_cost="1/5"), "calendar")
    assert (c.needed, c.willing_up_to, c.gap) == (F(23, 60), None, None)
    assert (c.outcome, c.best_leverage, c.payoff, c.deal_payoff) == ("war", 0, F(2, 25), F(-11, 2100))
    assert "prefers the war even to a deal at no pressure" in c.describe()
    assert len(c.describe().splitlines()) == 2


def test_supremum_not_attained_by_hand() -> None:
    # A corner of the box: p_b 1/4, p_a 3/4, a_T 1/20, a_G 3/20, kappa 0, c_T 1/5, c_G 0, e 1/20, no pressing
    # cost, no refugees, isolation 1, influence 1/2, airport closed (value 1), beta 1/2.
    # q = 1/4 - l/20; d_G = 3/4 + l/20; d_T = 1/20 - 21 l/20; S = 1/5 + l; x_T = 3/20 - 11 l/20 = share.
    # D(l) = share/2 = 3/40 - 11 l/40; V(l) = q (1/2 - 1) = -1/8 + l/40: the war payoff RISES with leverage.
    # Taliban margin: x_T - (4/5 - l/20 - 1/5 - l) = -9/20 + l/2 -> l* = 9/10 (government's: -1/20 + l/2).
    # V(9/10) = -41/400 > D(9/10) = -69/400: Pakistan wants to press just short of 9/10: no maximum.
    # willing: 3/40 - 11 l/40 = -41/400 -> l = 71/110; gap = 9/10 - 71/110 = 14/55.
    p = Parameters(
        taliban_win_before="1/4", taliban_win_after="3/4", taliban_surprise="1/20", government_surprise="3/20",
        conditions_credibility=0, taliban_war_cost="1/5", government_war_cost=0, sanctuary_effect="1/20",
        pressing_cost=0, refugee_cost=0, isolation_cost=1, pakistan_influence="1/2", airport_security=0,
    )
    c = pakistan_choice(p, "calendar")
    assert c.deal_line == (F(3, 40), F(-11, 40)) and c.war_line == (F(-1, 8), F(1, 40))
    assert (c.needed, c.best_leverage, c.outcome, c.attained, c.reaches) == (F(9, 10), F(9, 10), "war", False, False)
    assert (c.payoff, c.deal_payoff, c.willing_up_to, c.gap) == (F(-41, 400), F(-69, 400), F(71, 110), F(14, 55))
    assert "no best leverage" in c.describe()
    # Just below l*, Pakistan's realized payoff approaches the supremum from below, never reaching it.
    for eps in (F(1, 10), F(1, 1000)):
        holds, pay = realized(p, CALENDAR, c.needed - eps)
        assert not holds and pay < c.payoff
        assert c.payoff - pay == eps / 40


def test_never_outside_the_box() -> None:
    # Outside the box (the Taliban sure to win after the exit, and then some), no leverage up to 2 buys the deal:
    # the exact decision on the same lines and the vectorized route agree.
    vals = {**Parameters().as_dict(), "taliban_win_after": F(10)}
    for w in ("calendar", "conditions"):
        lines = _lines(vals, W_INDEX[w])
        c = _choose(lines, Parameters(), w)
        out = pakistan_choice_arrays({"taliban_win_after": 10.0}, w)
        assert c.needed is None and c.gap is None and c.deal_payoff is None and c.outcome == "war"
        assert (c.best_leverage, c.war_leverage) == (0, 0)  # the war payoff falls: no pressure
        assert np.isinf(out["needed"]) and np.isinf(out["gap"]) and not out["reaches"]
        assert float(out["payoff"]) == pytest.approx(float(c.payoff), abs=1e-12)
        assert "no leverage up to 2 makes power sharing an equilibrium" in c.describe()
        assert not c.curve(5)["deal_holds"].any()
    # A war payoff that rises with leverage and no deal: the war branch is all of [0, 2], its best at 2 (attained).
    vals = {**vals, "pressing_cost": F(0), "isolation_cost": F(1), "pakistan_influence": F(0)}
    c = _choose(_lines(vals, CALENDAR), Parameters(), "calendar")
    out = pakistan_choice_arrays({"taliban_win_after": 10.0, "pressing_cost": 0.0, "isolation_cost": 1.0,
                                  "pakistan_influence": 0.0})
    assert (c.best_leverage, c.attained, c.outcome) == (2, True, "war")
    assert float(out["best_leverage"]) == 2.0 and bool(out["attained"])
    assert "presses at 2 (2.000) and the war goes on" in c.describe()


def test_flat_deal_line() -> None:
    # No influence and no pressing cost: Pakistan's deal payoff does not depend on the leverage, so it would
    # press for the deal all the way (willing = 2), and the tie within the deal branch goes to the least leverage.
    p = Parameters(pakistan_influence=0, pressing_cost=0)
    c = pakistan_choice(p)
    assert c.deal_line == (0, 0)
    assert (c.best_leverage, c.willing_up_to, c.outcome) == (c.needed, 2, "power-sharing agreement")
    out = pakistan_choice_arrays({"pakistan_influence": 0.0, "pressing_cost": 0.0})
    assert float(out["willing_up_to"]) == 2.0


# ------------------------------------------------------------------------------------ cross-checks
@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"taliban_win_before": "1/2", "taliban_win_after": "3/4", "taliban_surprise": "3/20", "pressing_cost": "3/10"},
        {"decentralisation": "1/3"},
        {"taliban_discount_rate": "1/2", "aid_value": 0, "conditions_credibility": "1/3"},
    ],
)
def test_needed_matches_leverage_threshold(overrides: dict[str, str]) -> None:
    # Two routes to l*: the lines read off the tensor, and profile_threshold on the sympy game (models.py).
    p = Parameters(**overrides)
    for w in ("calendar", "conditions"):
        th = model(params=p).leverage_threshold(w, symbolic=False).value
        assert pakistan_choice(p, w).needed == (None if th is None else Fraction(str(th)))


@given(box_points())
def test_choice_is_optimal_over_a_grid(p: Parameters) -> None:
    # Brute force on an exact grid of leverages, through the tensor directly: no leverage gives Pakistan more
    # than the reported payoff, and the reported choice realizes it (or approaches it, when not attained).
    for w in ("calendar", "conditions"):
        wi, c = W_INDEX[w], pakistan_choice(p, w)
        grid = [F(k, 5) for k in range(11)] + [x for x in (c.needed, c.willing_up_to) if x is not None]
        for ell in grid:
            assert realized(p, wi, ell)[1] <= c.payoff
        holds, pay = realized(p, wi, c.best_leverage)
        if c.attained:
            assert (holds, pay) == (c.reaches, c.payoff)
        else:  # the war payoff rises up to l*, where the (worse) deal is played: approached from below
            assert holds and c.best_leverage == c.needed and c.war_leverage == c.needed
            holds_below, pay_below = realized(p, wi, c.needed - F(1, 10**6))
            assert not holds_below and c.payoff - pay_below == c.war_line[1] * F(1, 10**6) > 0


@given(box_points())
def test_structure_over_the_box(p: Parameters) -> None:
    for w in ("calendar", "conditions"):
        wi = W_INDEX[w]
        c = pakistan_choice(p, w)
        # l* exists in the box (the latest corner is below 2) and is exactly where the deal starts to hold.
        assert c.needed is not None and LEVERAGE_RANGE[0] <= c.needed <= LEVERAGE_RANGE[1]
        assert realized(p, wi, c.needed)[0]
        assert model(params=p.replace(leverage=c.needed)).is_power_sharing_equilibrium(w)
        if c.needed > 0:
            assert not realized(p, wi, c.needed - F(1, 10**6))[0]
        # The war now is an equilibrium of the 2x2 at every leverage (so "the war otherwise" is well defined).
        for ell in (F(0), c.needed, F(2)):
            u = tensor_at(p, ell)
            assert u[(GOV, FIGHT, OFFENSIVE, PRESS, wi)] >= u[(GOV, SHARE, OFFENSIVE, PRESS, wi)]
            assert u[(TAL, FIGHT, OFFENSIVE, PRESS, wi)] >= u[(TAL, FIGHT, NEGOTIATE, PRESS, wi)]
        # Every cell Pakistan's problem uses is linear in the leverage: the lines are the tensor at ell = 3/2.
        u = tensor_at(p, F(3, 2))
        assert u[(PAK, SHARE, NEGOTIATE, PRESS, wi)] == c.deal_line[0] + c.deal_line[1] * F(3, 2)
        assert u[(PAK, FIGHT, OFFENSIVE, PRESS, wi)] == c.war_line[0] + c.war_line[1] * F(3, 2)
        # The deal never gets better for Pakistan as it presses harder.
        assert c.deal_line[1] <= 0
        # Reaching l* is having the gap at most 0, whenever some pressure is needed.
        if c.needed > 0:
            assert c.reaches == (c.gap is not None and c.gap <= 0)
        assert c.reaches == (c.outcome == "power-sharing agreement")


@given(box_points())
def test_conditions_never_worse_for_peace(p: Parameters) -> None:
    # Pakistan's payoffs do not depend on the withdrawal, and a conditions-based withdrawal lowers l*:
    # the deal it reaches under a calendar it reaches under conditions too.
    cal, con = pakistan_choice(p, "calendar"), pakistan_choice(p, "conditions")
    assert con.needed is not None and cal.needed is not None and con.needed <= cal.needed
    assert (cal.deal_line, cal.war_line) == (con.deal_line, con.war_line)
    assert not cal.reaches or con.reaches


@given(box_points(), st.integers(1, 20))
def test_refugees_never_lower_willingness(p: Parameters, step: int) -> None:
    # Refugees cost Pakistan only in a war: raising refugee_cost never lowers the leverage it would apply for
    # the deal (None, not even at no pressure, counts as the lowest), and never turns a deal it chose into war.
    hi = min(INFO["refugee_cost"].upper, p.refugee_cost + F(step, 20))
    for w in ("calendar", "conditions"):
        a, b = pakistan_choice(p, w), pakistan_choice(p.replace(refugee_cost=hi), w)
        if a.willing_up_to is not None:
            assert b.willing_up_to is not None and b.willing_up_to >= a.willing_up_to
        assert not a.reaches or b.reaches
        assert b.war_payoff <= a.war_payoff


@given(box_points(), st.integers(1, 20))
def test_pressing_cost_never_raises_willingness(p: Parameters, step: int) -> None:
    # Where Pakistan's best war is at no pressure (its war payoff does not rise), a costlier pressure lowers the
    # deal line and leaves its best war payoff alone: the leverage it would apply never rises. (Where the war
    # payoff rises, the best war also pays the cost, at l*, and willingness can rise: not claimed.)
    hi = min(INFO["pressing_cost"].upper, p.pressing_cost + F(step, 40))
    a, b = pakistan_choice(p), pakistan_choice(p.replace(pressing_cost=hi))
    assert a.needed == b.needed
    if a.war_leverage != 0:
        return
    assert b.war_leverage == 0 and b.war_payoff == a.war_payoff
    if b.willing_up_to is not None:
        assert a.willing_up_to is not None and a.willing_up_to >= b.willing_up_to


def _sample(n: int, seed: int, corners: bool) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    out = {}
    for k in NAMES:
        lo, hi = float(INFO[k].lower), float(INFO[k].upper)
        # Values on a grid of 1/1000 of each range (their Fractions are what the floats print as).
        u = rng.integers(0, 2, n) if corners else rng.integers(0, 1001, n) / 1000
        out[k] = np.array([float(str(round(lo + x * (hi - lo), 6))) for x in u])
    return out


@pytest.mark.parametrize("corners", [False, True], ids=["uniform", "corners"])
def test_vectorized_matches_exact(corners: bool) -> None:
    # The numpy route over a sample against the exact route point by point (uniform points and the box's corners,
    # where the unwilling and not-attained cases live).
    n = 400
    vals = _sample(n, seed=13, corners=corners)
    counts = {"war": 0, "unwilling": 0, "not attained": 0}
    for w in ("calendar", "conditions"):
        out = pakistan_choice_arrays(vals, w)
        assert all(v.shape == (n,) for v in out.values())
        for j in range(n):
            c = pakistan_choice(Parameters(**{k: vals[k][j] for k in NAMES}), w)
            assert bool(out["reaches"][j]) == c.reaches
            assert bool(out["attained"][j]) == c.attained
            assert out["best_leverage"][j] == pytest.approx(float(c.best_leverage), abs=1e-9)
            assert out["needed"][j] == pytest.approx(float(c.needed), abs=1e-9)  # type: ignore[arg-type]
            assert out["payoff"][j] == pytest.approx(float(c.payoff), abs=1e-9)
            if c.willing_up_to is None:
                assert np.isneginf(out["willing_up_to"][j]) and np.isinf(out["gap"][j])
                counts["unwilling"] += 1
            else:
                assert out["willing_up_to"][j] == pytest.approx(float(c.willing_up_to), abs=1e-9)
                assert out["gap"][j] == pytest.approx(float(c.gap), abs=1e-9)  # type: ignore[arg-type]
            counts["war"] += not c.reaches
            counts["not attained"] += not c.attained
    assert counts["war"] > 0
    if corners:  # the rare branches are exercised, so the comparison can fail there too
        assert counts["unwilling"] > 0 and counts["not attained"] > 0


def test_arrays_broadcast_and_defaults() -> None:
    out = pakistan_choice_arrays({"pressing_cost": np.array([[0.1], [0.5]]), "refugee_cost": np.array([0.0, 0.25])})
    assert out["best_leverage"].shape == (2, 2)
    assert out["reaches"].tolist() == [[True, True], [False, True]]
    # At the defaults, the arrays equal the exact route in floats; the leverage given is ignored.
    d = pakistan_choice_arrays({"leverage": np.array([0.0, 2.0])}, "conditions")
    assert d["needed"] == pytest.approx([1 / 12, 1 / 12], abs=1e-15) and d["best_leverage"] == pytest.approx(1 / 12)


# ------------------------------------------------------------------------------------ result, errors, figure
def test_result_value_semantics() -> None:
    c = pakistan_choice()
    assert pickle.loads(pickle.dumps(c)) == c
    assert c != pakistan_choice(withdrawal="conditions")
    with pytest.raises(AttributeError):
        c.needed = F(1)  # type: ignore[misc]
    d = json.loads(json.dumps(c.to_dict()))
    assert d["needed_exact"] == "29/60" and d["gap_exact"] == "-89/70" and d["willing_up_to"] == 737 / 420
    assert d["deal_line"] == {"intercept": 17 / 210, "slope": -0.2, "exact": ["17/210", "-1/5"]}
    assert "leverage" not in d["parameters"] and d["parameters"]["refugee_cost"] == "1/4"
    u = pakistan_choice(Parameters(refugee_cost=0, isolation_cost=0, taliban_war_cost="1/5")).to_dict()
    assert u["willing_up_to"] is None and u["gap_exact"] is None


def test_curve() -> None:
    c = pakistan_choice()
    cv = c.curve(41)  # step 1/20: 29/60 lies between 9/20 and 10/20
    assert cv["deal_holds"].tolist() == [k >= 10 for k in range(41)]
    for k in (0, 9, 10, 40):
        holds, pay = realized(c.parameters, CALENDAR, F(k, 20))
        assert bool(cv["deal_holds"][k]) == holds and cv["payoff"][k] == pytest.approx(float(pay), abs=1e-12)
    assert cv["war"][0] == pytest.approx(-0.27) and cv["deal"][-1] == pytest.approx(17 / 210 - 0.4)
    with pytest.raises(GameError, match="n"):
        c.curve(1)


def test_errors() -> None:
    with pytest.raises(TypeError, match="params must be Parameters or None; got dict"):
        pakistan_choice({"leverage": 1})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="pakistan_choices: params must be Parameters"):
        pakistan_choices("defaults")  # type: ignore[arg-type]
    with pytest.raises(GameError, match="withdrawal must be 'calendar' or 'conditions'; got 'later'"):
        pakistan_choice(withdrawal="later")
    with pytest.raises(GameError, match="withdrawal must be"):
        pakistan_choice_arrays({}, "later")
    with pytest.raises(TypeError, match="values must be a mapping"):
        pakistan_choice_arrays([0.1])  # type: ignore[arg-type]
    with pytest.raises(GameError, match="unknown parameter 'sanctuary'"):
        pakistan_choice_arrays({"sanctuary": 1.0})
    with pytest.raises(GameError, match="refugee_cost must be finite; got nan"):
        pakistan_choice_arrays({"refugee_cost": np.array([0.1, np.nan])})
    with pytest.raises(GameError, match="refugee_cost must contain numbers"):
        pakistan_choice_arrays({"refugee_cost": ["a"]})
    with pytest.raises(GameError, match="must broadcast together; got shapes"):
        pakistan_choice_arrays({"refugee_cost": np.zeros(2), "isolation_cost": np.zeros(3)})


def test_plot() -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    from gametheory_af.plotting import plot_pakistan_choice

    fig, axes = plt.subplots(1, 3)
    p = Parameters(
        taliban_win_before="1/4", taliban_win_after="3/4", taliban_surprise="1/20", government_surprise="3/20",
        conditions_credibility=0, taliban_war_cost="1/5", government_war_cost=0, sanctuary_effect="1/20",
        pressing_cost=0, refugee_cost=0, isolation_cost=1, pakistan_influence="1/2", airport_security=0,
    )
    choices = [
        pakistan_choice(),
        pakistan_choice(p),
        _choose(_lines({**Parameters().as_dict(), "taliban_win_after": F(10)}, CALENDAR), Parameters(), "calendar"),
    ]
    for ax, c in zip(axes, choices):
        assert plot_pakistan_choice(c, ax=ax) is ax
    labels = [[t.get_text() for t in ax.get_legend().get_texts()] for ax in axes]
    assert "leverage peace needs (29/60)" in labels[0] and "Pakistan's choice: leverage 29/60, power sharing" in labels[0]
    assert "Pakistan's supremum (not attained): leverage 9/10, war" in labels[1]
    assert not any(t.startswith("leverage peace needs") for t in labels[2])
    assert axes[0].get_title() == "Pakistan's choice of leverage (calendar-based withdrawal)"
    plt.close(fig)
    ax = plot_pakistan_choice(pakistan_choice(Parameters(refugee_cost=0, isolation_cost=0, taliban_war_cost="1/5")))
    assert not any(t.get_text().startswith("most Pakistan") for t in ax.get_legend().get_texts())
    plt.close(ax.figure)
    with pytest.raises(TypeError, match="choice must be a PakistanChoice"):
        plot_pakistan_choice("calendar")  # type: ignore[arg-type]


def test_result_type() -> None:
    assert isinstance(pakistan_choices()["calendar"], PakistanChoice)
