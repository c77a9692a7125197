"""China as a fifth player of the Afghan scenario (issue 13, item 8): special case, exact values, properties."""

from __future__ import annotations

import json
import pickle
from fractions import Fraction

import numpy as np
import pytest

from gametheory_af.exceptions import GameError
from gametheory_af.scenarios.afghanistan import Parameters, model
from gametheory_af.scenarios.afghanistan.china import (
    CHINA_PLAYERS,
    ChinaModel,
    ChinaParameters,
    _ceiling_rate,
    china_model,
)
from gametheory_af.scenarios.afghanistan.models import _press_set
from gametheory_af.scenarios.afghanistan.payoffs import (
    CALENDAR,
    CONDITIONS,
    FIGHT,
    NEGOTIATE,
    OFFENSIVE,
    PAK,
    PRESS,
    SHARE,
    SHELTER,
    _exact_payoffs,
)
from gametheory_af.solvers.pure import pure_nash

F = Fraction
USA, CHN = 3, 4


def random_points(n: int, seed: int) -> list[tuple[Parameters, ChinaParameters]]:
    """Points of the box (both parameter sets) on a grid of twentieths, fixed seed."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        vals = {}
        for cls in (Parameters, ChinaParameters):
            for name, info in cls.info().items():
                t = F(int(rng.integers(0, 21)), 20)
                vals[name] = info.lower + t * (info.upper - info.lower)
        four = {k: v for k, v in vals.items() if k in Parameters.names()}
        five = {k: v for k, v in vals.items() if k in ChinaParameters.names()}
        out.append((Parameters(**four), ChinaParameters(**five)))
    return out


POINTS = random_points(40, seed=13)


# ------------------------------------------------------------------ parameters
def test_china_parameters_defaults_bounds_and_errors():
    c = ChinaParameters()
    assert (c.peace_value, c.taliban_rule_cost, c.instability_cost) == (F(1, 5), F(1, 5), F(1, 10))
    assert (c.offer_taliban, c.offer_pakistan) == (F(1, 10), F(1, 10))
    info = ChinaParameters.info()
    # The offers have the four-player inducements' bounds: any offer is a valid four-player point.
    assert info["offer_taliban"].bounds == Parameters.info()["china_inducement_taliban"].bounds
    assert info["offer_pakistan"].bounds == Parameters.info()["china_inducement_pakistan"].bounds
    assert info["taliban_rule_cost"].lower == F(-1, 2)  # China may value Taliban rule
    assert {i.source for i in info.values()} == {"op-ed", "modelling assumption"}
    with pytest.raises(GameError, match="offer_pakistan"):
        ChinaParameters(offer_pakistan="1/2")
    with pytest.raises(GameError, match="peace_value"):
        c.replace(peace_value=-1)
    assert ChinaParameters.from_toml(c.replace(peace_value="1/3").to_toml()) == c.replace(peace_value="1/3")


# ------------------------------------------------------------------ the special case
@pytest.mark.parametrize("levels", [None, (0, "1/2", 1), (0, "1/3")])
def test_fixing_china_gives_the_four_player_game(levels):
    """China's action k fixed: the four others' payoffs are exactly the four-player game's."""
    for params, china in [(Parameters(), ChinaParameters()), *POINTS[:8]]:
        cm = ChinaModel(params, china, levels)
        u = cm.normal_form().exact_payoffs()
        for k in range(len(cm.levels)):
            four = _exact_payoffs(cm.four_player_params(k))
            assert four.shape == (4, 2, 2, 2, 2)
            for idx in np.ndindex(four.shape):
                assert u[(*idx, k)] == four[idx]  # exact Fractions


def test_four_player_params_by_name_and_index():
    cm = china_model(levels=(0, "1/2", 1))
    p = cm.four_player_params("offer 1/2")
    assert (p.china_inducement_taliban, p.china_inducement_pakistan) == (F(1, 20), F(1, 20))
    assert cm.four_player_params(0) == Parameters()
    assert cm.strategies[CHN] == ("no offer", "offer 1/2", "offer")
    assert cm.normal_form().players == CHINA_PLAYERS
    # The four-player inducement values of params are not used: China's action sets them.
    other = china_model(china_inducement_taliban="1/20")
    assert other.four_player_params("no offer").china_inducement_taliban == 0


# ------------------------------------------------------------------ China's payoffs, by hand
def test_china_payoffs_at_the_defaults_by_hand():
    u = china_model().normal_form().exact_payoffs()[CHN]
    no, offer = 0, 1
    # Deal with Pakistan pressing: peace_value 1/5, minus 1/10 + 1/10 when China offers.
    for w in (CALENDAR, CONDITIONS):
        assert u[SHARE, NEGOTIATE, PRESS, w, no] == F(1, 5)
        assert u[SHARE, NEGOTIATE, PRESS, w, offer] == 0
    # War now, Pakistan sheltering: q = 2/5, China -1/10 - (1/5)(2/5) = -9/50, whatever its offer (conditional).
    for k in (no, offer):
        assert u[FIGHT, OFFENSIVE, SHELTER, CALENDAR, k] == F(-9, 50)
    # War now with Pakistan pressing at 1/4: q = 2/5 - (1/40)(1/4) = 63/160; -1/10 - 63/800 = -143/800.
    assert u[FIGHT, OFFENSIVE, PRESS, CALENDAR, no] == F(-143, 800)
    # Taliban offensive after a calendar exit, pressing at 1/4: q = 2/3 + 1/10 - 1/160 = 73/96;
    # -1/10 - (1/5)(73/96) = -121/480.
    assert u[SHARE, OFFENSIVE, PRESS, CALENDAR, no] == F(-121, 480)
    # Government surprise on a negotiating Taliban, sheltering: q = 2/5 - 1/20 = 7/20; -1/10 - 7/100 = -17/100.
    assert u[FIGHT, NEGOTIATE, SHELTER, CALENDAR, offer] == F(-17, 100)
    # A deal Pakistan does not underwrite fails with 1/2 * min(1, (1/4)/(1/4)) = 1/2 into the war at q = 2/5:
    # no offer 1/2 * 1/5 + 1/2 * (-9/50) = 1/100; offer 1/2 * 0 + 1/2 * (-9/50) = -9/100.
    assert u[SHARE, NEGOTIATE, SHELTER, CALENDAR, no] == F(1, 100)
    assert u[SHARE, NEGOTIATE, SHELTER, CALENDAR, offer] == F(-9, 100)


def test_china_war_payoffs_use_the_us_chance_of_taliban_rule():
    """Cross-check of q by a second route: at every war cell, China's and the US's payoffs imply the same q."""
    for params, china in POINTS:
        if params.us_taliban_rule_cost == 0 or china.taliban_rule_cost == 0:
            continue
        u = ChinaModel(params, china).normal_form().exact_payoffs()
        for w in (CALENDAR, CONDITIONS):
            stay = params.conditions_credibility * params.us_staying_cost if w == CONDITIONS else 0
            for pk in (PRESS, SHELTER):
                for g, t in ((FIGHT, OFFENSIVE), (FIGHT, NEGOTIATE), (SHARE, OFFENSIVE)):
                    for k in (0, 1):
                        q_us = -(u[USA, g, t, pk, w, k] + stay) / params.us_taliban_rule_cost
                        q_cn = -(u[CHN, g, t, pk, w, k] + china.instability_cost) / china.taliban_rule_cost
                        assert q_us == q_cn


def test_parametric_game_matches_the_exact_game():
    for params, china in [(Parameters(), ChinaParameters()), *POINTS[:3]]:
        cm = ChinaModel(params, china, (0, "1/2", 1))
        pg = cm.parametric_game()
        assert "china_inducement_taliban" not in pg.parameters and "peace_value" in pg.parameters
        at = pg.at().exact_payoffs()
        exact = cm.normal_form().exact_payoffs()
        assert at.shape == exact.shape == (5, 2, 2, 2, 2, 3)
        assert all(a == b for a, b in zip(at.flat, exact.flat))


# ------------------------------------------------------------------ equilibria
def test_equilibria_at_the_defaults_and_with_more_leverage():
    res = china_model().equilibria()
    # At leverage 1/4 under either withdrawal the Taliban would attack a government sharing power
    # (thresholds 29/60 and 1/12, but the US prefers its calendar at a deal), so only the war now remains;
    # China's conditional offer costs nothing there, so both its actions are equilibria.
    assert [e.profile for e in res] == [(1, 1, 1, 1, 0), (1, 1, 1, 1, 1)]
    assert not res.china_pays
    assert res[0].payoffs["China"] == F(-9, 50)
    assert "China offers nothing" in res[0].sentence
    assert "China offers 1/10 to a power-sharing Afghanistan and 1/10 to Pakistan" in res[1].sentence
    res = china_model(leverage="3/5").equilibria()
    assert res[0].outcome == "power-sharing agreement"
    assert res[0].strategies == {
        "Afghan government": "share power",
        "Taliban": "negotiate",
        "Pakistan": "press",
        "United States": "calendar-based",
        "China": "no offer",
    }
    assert res.describe().splitlines()[0] == "3 pure equilibria of the five-player game (China moving with the others):"
    json.dumps(res.to_dict())


def test_equilibria_agree_with_pure_nash_and_china_never_pays_at_a_deal():
    """Two routes to the pure equilibria; and a positive conditional offer is never a best response at a deal."""
    for params, china in POINTS:
        cm = ChinaModel(params, china, (0, "1/2", 1))
        mine = {e.profile for e in cm.equilibria()}
        theirs = {tuple(e.pure_profile) for e in pure_nash(cm.normal_form())}
        assert mine == theirs
        if china.offer_taliban + china.offer_pakistan > 0:
            assert not cm.equilibria().china_pays


def test_no_pure_equilibrium_is_described():
    from gametheory_af.scenarios.afghanistan.china import ChinaEquilibria

    assert ChinaEquilibria(equilibria=(), levels=(F(0), F(1))).describe() == (
        "The five-player game has no pure equilibrium."
    )


# ------------------------------------------------------------------ China's best offer
def test_best_offer_tips_the_calendar_deal_at_leverage_two_fifths():
    # Calendar: narrow threshold 29/60 without the offer, 29/60 - 1/10 = 23/60 with it; 23/60 <= 2/5 < 29/60.
    # Pakistan presses up to 1041/880 with both offers (>= 2/5). China: 0 at the deal, -9/50 at the war.
    b = china_model(leverage="2/5").best_offer("calendar")
    no, offer = b.rows
    assert (no.narrow, no.full, no.outcome, no.china_payoff) == (False, False, "war", F(-9, 50))
    assert (offer.narrow, offer.full, offer.outcome, offer.china_payoff) == (True, True, "power sharing", F(0))
    assert b.best is offer and b.offer_makes_peace and b.offer_makes_peace_narrow and b.worth_it
    assert b.describe().splitlines()[-1] == (
        "China's best choice: offer (it makes power sharing an equilibrium in the full sense and is worth its cost to China)."
    )
    d = b.to_dict()
    assert d["best"] == "offer" and d["rows"][1]["china_payoff"] == {"value": 0.0, "exact": "0"}
    json.dumps(d)


def test_best_offer_not_worth_it_and_already_peace():
    # China indifferent to the outcome: paying 1/5 for peace is worse than the war's 0.
    b = china_model(leverage="2/5", peace_value=0, taliban_rule_cost=0, instability_cost=0).best_offer("calendar")
    assert b.rows[1].full and b.rows[1].china_payoff == F(-1, 5)
    assert b.best.action == "no offer" and not b.worth_it and not b.offer_makes_peace
    assert b.verdict == "an offer would make power sharing an equilibrium, but costs China more than the war"
    # Conditions-based withdrawal at 1/4: power sharing holds without China (threshold 1/12).
    b = china_model().best_offer("conditions")
    assert b.rows[0].full and b.best.action == "no offer" and b.rows[0].china_payoff == F(1, 5)
    assert not b.offer_makes_peace_narrow
    assert b.verdict == "power sharing is an equilibrium in the full sense without an offer"
    # Leverage 19/20 (calendar): the government and the Taliban accept without the offer (19/20 >= 29/60), but
    # Pakistan's ceiling is 737/840 without it and 1041/880 with it: the offer makes peace only by moving Pakistan.
    b = china_model(leverage="19/20").best_offer("calendar")
    assert (b.rows[0].narrow, b.rows[0].full, b.rows[1].full) == (True, False, True)
    assert b.offer_makes_peace and not b.offer_makes_peace_narrow
    # A menu: the cheapest offer that tips the deal. Half the offer moves the threshold to 29/60 - 1/20 = 13/30.
    b = china_model(leverage="13/30", levels=(0, "1/2", 1)).best_offer("calendar")
    assert [r.full for r in b.rows] == [False, True, True]
    assert b.best.action == "offer 1/2" and b.best.china_payoff == F(1, 10)
    # Leverage given explicitly overrides params.leverage.
    assert china_model().best_offer("calendar", leverage="2/5").best.action == "offer"


def test_best_offer_agrees_with_the_four_player_model():
    """Narrow sense: the four-player model at the chosen inducements; full sense: the exact range of leverage."""
    for params, china in POINTS[:6]:
        cm = ChinaModel(params, china)
        for w in ("calendar", "conditions"):
            b = cm.best_offer(w)
            for k, row in enumerate(b.rows):
                m = model(params=cm.four_player_params(k))
                assert row.narrow == m.is_power_sharing_equilibrium(w, full=False)
                th = m.leverage_threshold(w, symbolic=False)
                r = th.equilibrium_range
                in_range = r is not None and F(str(r[0])) <= params.leverage <= F(str(r[1]))
                assert row.full == in_range
            assert b.best.china_payoff == max(r.china_payoff for r in b.rows)


# ------------------------------------------------------------------ the threshold's shift
def test_threshold_shift_at_the_defaults_by_hand():
    sh = china_model().threshold_shift("calendar")
    # Taliban: (1/2)(1/10 + 1/10 + 1/20 + i_T + l) >= (2/3 - 2/5 + 1/10), so l* = 11/15 - 1/4 - i_T = 29/60 - i_T.
    assert dict(sh.narrow) == {"none": F(29, 60), "taliban": F(23, 60), "pakistan": F(29, 60), "both": F(23, 60)}
    # Pakistan, l >= guarantee_leverage: margin 17/420 + 27/200 - l/5 + i_P/2, so the ceiling is 737/840 + (5/2) i_P.
    assert sh.ceiling["none"] == F(737, 840)
    assert sh.ceiling["pakistan"] == F(737, 840) + F(5, 2) * F(1, 10) == F(947, 840)
    assert sh.ceiling_rate == F(5, 2)
    # The offer to the Taliban alone: V = 23/20, share (19 - 21 l)/46, margin 19/460 + 27/200 - 22 l/115,
    # so the ceiling is (811/4600)(115/22) = 811/880.
    assert sh.ceiling["taliban"] == F(811, 880)
    assert sh.full_range["none"] == (F(29, 60), F(737, 840))
    assert sh.full_range["both"][0] == F(23, 60)
    d = sh.to_dict()
    assert d["narrow"]["taliban"]["exact"] == "23/60"
    json.dumps(d)
    assert len(sh.describe().splitlines()) == 2
    # Under conditions the threshold 1/12 falls to the bound 0.
    sh = china_model().threshold_shift("conditions")
    assert (sh.narrow["none"], sh.narrow["taliban"]) == (F(1, 12), F(0))


def test_threshold_shift_properties_over_the_box():
    """One for one in the offer to the Taliban (down to 0); the offer to Pakistan does not move the threshold."""
    for params, china in POINTS[:5]:
        for w in ("calendar", "conditions"):
            sh = ChinaModel(params, china).threshold_shift(w)
            n, c = sh.narrow, sh.ceiling
            assert n["pakistan"] == n["none"] and n["both"] == n["taliban"]
            if n["none"] is not None:
                assert n["taliban"] == max(F(0), n["none"] - china.offer_taliban)
            if c["none"] is not None and c["pakistan"] is not None:
                assert c["pakistan"] >= c["none"]  # the offer never lowers the ceiling


def _press_margin(p: Parameters, w: int) -> Fraction:
    """Pakistan's gain from pressing rather than sheltering at the agreement, exact (the four-player payoffs)."""
    u = _exact_payoffs(p)
    return u[PAK, SHARE, NEGOTIATE, PRESS, w] - u[PAK, SHARE, NEGOTIATE, SHELTER, w]


def test_ceiling_rises_at_the_closed_form_rate_over_the_box():
    """Where Pakistan's ceiling lies in [guarantee_leverage, 2), China's offer to it raises it at the closed-form rate.

    Above ``guarantee_leverage`` the margin is linear in the leverage, so its root comes from two exact
    evaluations (at ``guarantee_leverage`` and at 2); the threshold machinery (``_press_set``) is checked
    against that root at a few points (it is the slow route).
    """
    checked = slow_checked = 0
    hi = Parameters.info()["leverage"].upper
    for n, (params, china) in enumerate(POINTS):
        for w in (CALENDAR, CONDITIONS):
            roots = []
            for ip in (0, china.offer_pakistan):
                p = params.replace(china_inducement_taliban=0, china_inducement_pakistan=ip)
                a, b = params.guarantee_leverage, hi
                ma, mb = _press_margin(p.replace(leverage=a), w), _press_margin(p.replace(leverage=b), w)
                roots.append(a + ma * (b - a) / (ma - mb) if ma >= 0 > mb else None)
                if n < 6 and roots[-1] is not None:
                    assert F(str(_press_set(p, w).sup)) == roots[-1]
                    slow_checked += 1
            if None not in roots:
                assert roots[1] - roots[0] == _ceiling_rate(params) * china.offer_pakistan
                checked += 1
    assert checked >= 10 and slow_checked >= 2


def test_summary_lines():
    text = china_model(leverage="2/5").summary()
    assert len(text.splitlines()) == 3
    assert text.splitlines()[-1] == (
        "At leverage 2/5, China's best choice is offer: it makes power sharing an equilibrium in the full sense and is "
        "worth its cost to China."
    )


# ------------------------------------------------------------------ results and errors
def test_text_helpers_and_no_equilibrium_range():
    from gametheory_af.scenarios.afghanistan.china import ChinaThresholdShift, _text

    assert (_text(None), _text(F(3, 4))) == ("never", "3/4")
    none = {"none": None, "taliban": None, "pakistan": None, "both": None}
    sh = ChinaThresholdShift("calendar", F(1, 10), F(1, 10), none, none, none, F(5, 2))
    assert sh.describe().count("never") == 4 and "over no leverage (without: no leverage)" in sh.describe()
    assert sh.to_dict()["full_range"]["both"] is None
    assert len(china_model().equilibria()) == 2


def test_results_compare_by_value_and_pickle():
    cm = china_model(leverage="2/5")
    for res in (cm.equilibria(), cm.best_offer(), cm.threshold_shift()):
        assert pickle.loads(pickle.dumps(res)) == res
    assert cm.equilibria()[0].to_dict()["payoffs"]["China"]["exact"] == "-9/50"
    assert repr(china_model(levels=(0, "1/2"))) == "<afghanistan.ChinaModel levels=('0', '1/2')>"


@pytest.mark.parametrize(
    ("levels", "match"),
    [
        ("01", "levels must be a sequence"),
        (5, "levels must be a sequence"),
        ((0,), "at least two"),
        ((F(1, 2), 1), "increase from 0"),
        ((0, 1, 1), "increase from 0"),
        ((0, 2), "at most 1"),
        ((0, "x"), "levels"),
    ],
)
def test_bad_levels(levels, match):
    with pytest.raises(GameError, match=match):
        china_model(levels=levels)


def test_bad_arguments_name_the_argument_and_value():
    cm = china_model()
    with pytest.raises(GameError, match="withdrawal must be 'calendar' or 'conditions'; got 'soon'"):
        cm.best_offer("soon")
    with pytest.raises(GameError, match="withdrawal must be 'calendar' or 'conditions'; got 'soon'"):
        cm.threshold_shift("soon")
    with pytest.raises(GameError, match="leverage"):
        cm.best_offer(leverage=5)
    with pytest.raises(GameError, match="action must be one of .* got 'pay'"):
        cm.four_player_params("pay")
    with pytest.raises(GameError, match="got 2"):
        cm.four_player_params(2)
    with pytest.raises(GameError, match="got True"):
        cm.four_player_params(True)
    with pytest.raises(GameError, match="unknown parameter 'generosity'"):
        china_model(generosity=1)
    with pytest.raises(GameError, match="params must be Parameters; got dict"):
        china_model(params={})
    with pytest.raises(GameError, match="china must be ChinaParameters; got dict"):
        china_model(china={})
    with pytest.raises(GameError, match="params must be Parameters; got int"):
        ChinaModel(1)
    with pytest.raises(GameError, match="china must be ChinaParameters; got int"):
        ChinaModel(None, 1)
