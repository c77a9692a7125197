"""The flagship report tells the truth: its verdicts, thresholds, sets and labels against independent computations.

The truth here is computed from the exact payoff tensor alone (``_exact_payoffs``), not through the report's
route (``leverage_threshold``, ``_press_set``): every best-response margin of the government, the Taliban and
Pakistan at the power-sharing profile is linear in the leverage on ``[0, guarantee_leverage]`` and on
``[guarantee_leverage, 2]`` (only Pakistan's has the kink), so the set of leverages where they all hold is a
finite union of closed intervals whose end points lie among 0, ``guarantee_leverage``, 2 and the margins'
roots on each piece. Checking those candidate points exactly decides whether the set is empty, and its least
element is the threshold.
"""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
from hypothesis import given, settings

from gametheory_af.scenarios import _report
from gametheory_af.scenarios import afghanistan as af
from gametheory_af.scenarios.afghanistan.claims import VERDICTS, check_claims, claims_over_box
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
    SHELTER,
    TAL,
    _exact_payoffs,
)
from tests.strategies import afghan_box_points as box_points

BOUNDS = af.Parameters.bounds()
GRID = 1000
W = {"calendar": CALENDAR, "conditions": CONDITIONS}
DEVIATIONS = {GOV: (FIGHT, NEGOTIATE, PRESS), TAL: (SHARE, OFFENSIVE, PRESS), PAK: (SHARE, NEGOTIATE, SHELTER)}


# ------------------------------------------------------------------------------------------- the independent truth
def _margins(p: af.Parameters, w: int, ell: Fraction, players: tuple[int, ...]) -> list[Fraction]:
    u = _exact_payoffs(p.replace(leverage=ell))
    return [u[(i, SHARE, NEGOTIATE, PRESS, w)] - u[(i, *DEVIATIONS[i], w)] for i in players]


def _candidates(p: af.Parameters, w: int, players: tuple[int, ...]) -> list[Fraction]:
    hi = BOUNDS["leverage"][1]
    kink = min(p.guarantee_leverage, hi)
    pieces = [(Fraction(0), kink), (kink, hi)]
    out = {Fraction(0), kink, hi}
    for a, b in pieces:
        if a == b:
            continue
        fa, fb = _margins(p, w, a, players), _margins(p, w, b, players)
        for x, y in zip(fa, fb):
            if x != y:
                root = a + (b - a) * x / (x - y)
                if a <= root <= b:
                    out.add(root)
    return sorted(out)


def _full_set(p: af.Parameters, withdrawal: str, *, full: bool) -> list[Fraction]:
    """The candidate points (end points of the pieces) where the players best-respond at power sharing."""
    w = W[withdrawal]
    players = (GOV, TAL, PAK) if full else (GOV, TAL)
    return [x for x in _candidates(p, w, players) if all(m >= 0 for m in _margins(p, w, x, players))]


def least_leverage(p: af.Parameters, withdrawal: str, *, full: bool) -> Fraction | None:
    """The least leverage in [0, 2] where the players best-respond at power sharing (None: never), exact."""
    ok = _full_set(p, withdrawal, full=full)
    return min(ok) if ok else None


def _le(a: Fraction | None, b: Fraction | None) -> bool:
    return a is not None and (b is None or a <= b)


def true_verdicts(p: af.Parameters) -> list[str]:
    """The five verdicts from the definitions, computed from the payoff tensor."""
    narrow = {w: least_leverage(p, w, full=False) for w in W}
    full = {w: least_leverage(p, w, full=True) for w in W}
    dec = p.replace(decentralisation=BOUNDS["decentralisation"][1])
    c1 = not all(m >= 0 for m in _margins(p, CALENDAR, Fraction(0), (GOV, TAL)))
    lev = p.leverage if narrow["calendar"] is None else narrow["calendar"]

    def pak_margins(q: af.Parameters) -> tuple[Fraction, Fraction]:
        u = _exact_payoffs(q.replace(leverage=lev))
        deal = u[(PAK, SHARE, NEGOTIATE, PRESS, CALENDAR)]
        return deal - u[(PAK, SHARE, NEGOTIATE, SHELTER, CALENDAR)], deal - u[(PAK, FIGHT, OFFENSIVE, SHELTER, CALENDAR)]

    base = pak_margins(p)
    raised = [p.replace(**{k: BOUNDS[k][1]}) for k in ("refugee_cost", "isolation_cost")]
    c4 = all(all(b >= a for a, b in zip(base, pak_margins(q))) for q in raised)
    # In the full sense: raising either cost never shrinks the full calendar set at either end (claims.py's
    # definition: its least element no higher, its greatest no lower; an empty set imposes nothing).
    here = _full_set(p, "calendar", full=True)
    c4_full = all(
        not here or (bool(there := _full_set(q, "calendar", full=True)) and min(there) <= min(here) and max(there) >= max(here))
        for q in raised
    )
    rows = [
        (c1, c1),
        (narrow["calendar"] is not None, full["calendar"] is not None),
        (_le(narrow["conditions"], narrow["calendar"]), _le(full["conditions"], full["calendar"])),
        (c4, c4_full),
        (
            _le(least_leverage(dec, "calendar", full=False), narrow["calendar"]),
            _le(least_leverage(dec, "calendar", full=True), full["calendar"]),
        ),
    ]
    return [VERDICTS[0] if f else VERDICTS[1] if n else VERDICTS[2] for n, f in rows]


# ------------------------------------------------------------------------------------------- reading the text
VERDICT_RE = re.compile(r"(\d)\. [^:]*: (HOLDS ONLY WITHOUT PAKISTAN'S OWN INCENTIVE|HOLDS|DOES NOT HOLD)\. Why: ")
FULL_RE = re.compile(r"and pressing is Pakistan's own best response: (?:from leverage (\S+) =|(never))")
NARROW_RE = re.compile(r"the government and the Taliban accept, Pakistan pressing: (?:from leverage (\S+) =|(never))")


def printed(text: str) -> tuple[list[str], list[Fraction | None], list[Fraction | None]]:
    """The verdicts and the (narrow, full) thresholds per withdrawal, read out of the report's text."""
    flat = " ".join(text.split())
    verdicts = [{v.upper(): v for v in VERDICTS}[v] for _, v in VERDICT_RE.findall(flat)]
    assert [int(n) for n, _ in VERDICT_RE.findall(flat)] == [1, 2, 3, 4, 5]

    def values(rx: re.Pattern[str]) -> list[Fraction | None]:
        return [None if never else Fraction(v) for v, never in rx.findall(flat)]

    return verdicts, values(NARROW_RE), values(FULL_RE)


# ------------------------------------------------------------------------------------------- known values
def test_truth_at_the_defaults_by_hand() -> None:
    # Calendar, defaults: the Taliban's condition binds at
    # 2 (p_a - p_b + a_T) - (c_G + c_T + aid * airport) = 2 (4/15 + 1/10) - 1/4 = 29/60.
    # Pakistan's press margin for leverage >= guarantee_leverage = 1/4: its deal payoff 17/210 - l/5 against
    # sheltering (17/210 - 27/100) / 2 = -397/4200, so pressing is a best response up to 737/840 > 29/60.
    p = af.Parameters()
    assert least_leverage(p, "calendar", full=False) == Fraction(29, 60)
    assert least_leverage(p, "calendar", full=True) == Fraction(29, 60)
    assert least_leverage(p, "conditions", full=True) == Fraction(1, 12)
    assert max(x for x in _candidates(p, CALENDAR, (PAK,)) if _margins(p, CALENDAR, x, (PAK,))[0] >= 0) == Fraction(737, 840)
    assert true_verdicts(p) == ["holds"] * 5


ISSUE_POINT = {"taliban_win_before": "1/2", "taliban_win_after": "3/4", "taliban_surprise": "3/20", "pressing_cost": "3/10"}


def test_issue_point_no_longer_prints_holds_for_everything() -> None:
    # The issue's point: the government and the Taliban accept from 2 (1/4 + 3/20) - 1/4 = 11/20 under a calendar,
    # but pressing is Pakistan's best response only up to 15/32 < 11/20: claim 2 holds only without Pakistan's
    # own incentive, and the text says so.
    p = af.Parameters(**ISSUE_POINT)
    text = _report.format_report(_report.flagship_report(p, extensions=False))
    verdicts, narrow, full = printed(text)
    assert verdicts == true_verdicts(p)
    assert verdicts[1] == "holds only without Pakistan's own incentive"
    assert narrow == [Fraction(11, 20), Fraction(7, 40)] and full == [None, Fraction(7, 40)]
    assert "pressing is Pakistan's best response only for leverage in [0, 15/32]" in " ".join(text.split())
    assert "[holds]" not in text


def test_a_claim_that_does_not_hold_is_printed_so() -> None:
    # Leverage 0 costs nothing and the war stays: with decentralisation at its bound the calendar threshold is
    # max(0, closed form); pick a point where claim 1 fails: the Taliban gain nothing from attacking (surprise
    # 1/20, p_a - p_b = 1/10 ... ) and the surplus is large: 2 (1/10 + 1/20) - (1/5 + 1/5 + 1/10 + 1/5) < 0.
    p = af.Parameters(
        taliban_win_before="9/20", taliban_win_after="11/20", taliban_surprise="1/20", taliban_war_cost="1/5",
        government_war_cost="1/5", china_inducement_taliban="1/10", aid_value="1/5", airport_security=1,
    )
    assert least_leverage(p, "calendar", full=False) == 0
    text = _report.format_report(_report.flagship_report(p, extensions=False))
    verdicts, _, _ = printed(text)
    assert verdicts == true_verdicts(p)
    assert verdicts[0] == "does not hold"


@settings(max_examples=30)
@given(box_points())
def test_printed_verdicts_and_thresholds_equal_the_truth_over_the_box(v) -> None:
    p = af.Parameters(**v)
    text = _report.format_report(_report.flagship_report(p, extensions=False))
    verdicts, narrow, full = printed(text)
    truth = true_verdicts(p)
    assert verdicts == truth
    assert verdicts == [c.verdict for c in check_claims(p)]
    # the vectorized route (floats) gives the same verdicts at the same point: codes 2 holds, 1 narrow only, 0 not
    box = claims_over_box({k: [float(x)] for k, x in v.items()})
    assert [VERDICTS[2 - int(c)] for c in box.verdicts[0]] == truth
    assert narrow == [least_leverage(p, w, full=False) for w in W]
    assert full == [least_leverage(p, w, full=True) for w in W]
    assert "[holds]" not in text


def test_vectorized_claims_equal_the_exact_truth_on_a_sample() -> None:
    # The same truth on 60 more grid points (fixed seed), through claims_over_box in one call: a cross-check of
    # the vectorized route against this file's exact computation.
    import random

    rng = random.Random(13)
    pts = [{k: lo + (hi - lo) * Fraction(rng.randint(0, GRID), GRID) for k, (lo, hi) in BOUNDS.items()} for _ in range(60)]
    box = claims_over_box({k: [float(pt[k]) for pt in pts] for k in BOUNDS})
    for row, pt in zip(box.verdicts, pts):
        assert [VERDICTS[2 - int(c)] for c in row] == true_verdicts(af.Parameters(**pt))


# ------------------------------------------------------------------------------------------- sets, labels, shares
def test_continuum_at_zero_leverage_is_a_set_in_words_not_samples() -> None:
    # At leverage 0 pressing and sheltering are the same act: Pakistan gets -1/4 + (2/5)(1/5 - 1/4) = -27/100
    # either way in the war, so every mix is an equilibrium; the solver's samples (0.999, 0.000252) are not printed.
    r = _report.flagship_report(af.Parameters(leverage=0), extensions=False)
    text = _report.format_report(r)
    flat = " ".join(text.split())
    assert "A set of equilibria: War, where the Afghan government fights" in flat
    assert "Pakistan gets -27/100 whether pressing the Taliban or sheltering them, so every mix" in flat
    assert "0.999" not in text and "Isolated mixed equilibria" not in text
    assert r["equilibria"]["mixed"] == []
    assert _report.SELECTION_CAVEAT if hasattr(_report, "SELECTION_CAVEAT") else True
    assert "a selection, not a prediction of which equilibrium is played" in flat
    assert "McKelvey-Palfrey 1995; Turocy 2005" in flat


def test_partial_continuum_at_the_threshold_and_the_isolated_mixed_equilibrium() -> None:
    # At leverage 29/60 the Taliban are indifferent (137/800 either way); the government keeps sharing while the
    # Taliban put at most 19/41 on the offensive: its gain from fighting is linear in that weight, zero at 19/41.
    res = af.model(leverage="29/60").equilibria()
    (c,) = res.continua
    assert (c.player, c.other, c.max_weight, c.payoff) == ("Taliban", "offensive", Fraction(19, 41), Fraction(137, 800))
    assert c.power_sharing == (1, Fraction(22, 41))
    assert "the Afghan government would switch to fighting" in c.sentence
    # At leverage 1/2 the game is not degenerate: its one mixed equilibrium is isolated and listed.
    res = af.model(leverage="1/2").equilibria()
    assert res.continua == () and len(res.mixed) == 1 and res.selection.startswith("selected by following")
    flat = " ".join(_report.format_report(_report.flagship_report(af.Parameters(leverage="1/2"), extensions=False)).split())
    assert "Isolated mixed equilibria found: * Afghan government mixes (share power 0.857" in flat
    assert "Selected equilibrium: the Afghan government fights" in flat and "a selection, not a prediction" in flat


def test_us_indifferent_in_the_war_without_credibility() -> None:
    # conditions_credibility 0: staying costs the US 0 in the war, the Taliban's chance is the same: a set.
    r = _report.flagship_report(af.Parameters(conditions_credibility=0), extensions=False)
    (c,) = r["equilibria"]["continua"]
    assert c["player"] == "United States" and c["max_weight_exact"] == "1"
    us = r["us_choice"]
    assert us["conditions_minus_calendar"]["war_now"]["exact"] == "0" and us["dominant"] == "calendar-based, weakly"
    assert "In the war now it is indifferent between its policies" in " ".join(_report.format_report(r).split())


def test_joint_continua_of_pakistan_and_the_us() -> None:
    res = af.model(leverage=0, us_staying_cost=0).equilibria()
    assert len(res.continua) == 4 and res.mixed == ()
    assert res.notes == (
        "Pakistan and United States may mix at the same time: every combination of the mixes described is an "
        "equilibrium too",
    )


def test_us_prefers_conditions_when_taliban_rule_costs_it_enough() -> None:
    # us_taliban_rule_cost 1, p_a - p_b = 1/3, staying cost 1/10, credibility 1: after an attack on a sharing
    # government conditions lower the Taliban's chance by 1/3, worth 1/3 > 1/10: +7/30 for conditions.
    p = af.Parameters(us_taliban_rule_cost=1, taliban_win_before="2/5", taliban_win_after="11/15",
                      us_staying_cost="1/10", conditions_credibility=1)
    us = _report._us_choice(p)
    assert us["conditions_minus_calendar"]["offensive_after_deal"]["exact"] == "7/30"
    assert us["dominant"] is None
    assert "depends on what the others do" in " ".join(_report._us_lines(us))


def test_share_below_zero_is_explained_and_the_constrained_split_checked() -> None:
    # Heavy pressing: leverage 1, calendar, pressing costless. The Taliban's war payoff 3/10 - 41/40 = -29/40, the
    # split gives them 17/40 - 21/40 = -1/10 < 0: share (-1/10)(20/21) = -2/21. Constrained to 0 the Taliban get
    # 0 and the government 21/20, which beats fighting a negotiating Taliban (1 - (2/5 - 1/40 - 1/20) - 1/10 =
    # 23/40): the constrained split is still an equilibrium, and pressing too (Pakistan gets 0 > sheltering).
    m = af.model(pressing_cost=0)
    note = _report._share_note(m, m.split("calendar", leverage=1).to_dict() | {
        "disagreement_exact": [str(x) for x in m.split("calendar", leverage=1).disagreement],
    }, "calendar")
    assert note is not None and "-2/21" in note and "below 0" in note
    assert "the constrained agreement is an equilibrium at this leverage" in note
    split = m.split("calendar", leverage=Fraction(1, 2)).to_dict()
    assert _report._share_note(m, split, "calendar") is None


def test_share_note_when_the_constrained_split_is_not_an_equilibrium() -> None:
    # Government surprise at its bound 3/20: fighting a negotiating Taliban at leverage 2 gives the government
    # 1 - (2/5 - 1/20 - 3/20) - 1/10 = 7/10 ... the constrained split must beat it; with aid 0 and no China the
    # divisible value is 1: the government gets 1 > 7/10 at share 0, so make the Taliban's offensive pay instead.
    m = af.model(pressing_cost="1/2", pakistan_influence="1/2")
    s = m.split("calendar", leverage=2)
    d = s.to_dict() | {"disagreement_exact": [str(x) for x in s.disagreement]}
    assert float(s.taliban_share) < 0
    note = _report._share_note(m, d, "calendar")
    # Pakistan gets 1/2 * 0 - 1/2 * 2 = -1 at the constrained deal, less than sheltering: not an equilibrium.
    assert "the constrained agreement is not an equilibrium at this leverage" in note
    assert "Pakistan would rather shelter them" in note


def test_share_above_one_wording() -> None:
    m = af.model()
    d = m.split("calendar").to_dict() | {"taliban_share_exact": "5/4", "disagreement_exact": ["0", "0"]}
    note = _report._share_note(m, d, "calendar")
    assert "above 1" in note and "side payments beyond power" in note


def test_flagship_report_errors() -> None:
    with pytest.raises(TypeError, match="extensions must be True or False; got 'yes'"):
        _report.flagship_report(extensions="yes")
    with pytest.raises(TypeError, match="flagship_report: scenario must be a string; got 5"):
        _report.flagship_report(scenario=5)


def test_share_below_zero_in_the_printed_report() -> None:
    # Taliban strong after the exit (p_a - p_b = 1/2, surprise 3/20), war costless otherwise: the calendar
    # threshold is 2 (1/2 + 3/20) - 1/20 = 5/4; there the Taliban's war payoff is 1/4 - 5/4 / 40 - 5/4 = -33/32
    # and the split leaves them 17/168 - ... : share -61/168 < 0, explained in words.
    p = af.Parameters(
        taliban_win_before="1/4", taliban_win_after="3/4", taliban_surprise="3/20", pressing_cost=0,
        taliban_war_cost=0, government_war_cost=0,
    )
    r = _report.flagship_report(p, extensions=False)
    assert r["thresholds"]["calendar"]["value_exact"] == "5/4"
    assert r["thresholds"]["calendar"]["split"]["taliban_share_exact"] == "-61/168"
    flat = " ".join(_report.format_report(r).split())
    assert "Note: the Taliban's share -61/168 = -0.363 is below 0" in flat
    assert "war payoff -33/32 = -1.031" in flat


def test_never_is_said_in_words() -> None:
    # Within the box the government and the Taliban always accept at some leverage (test_afghanistan, property
    # 2), so "never" in the narrow sense is rendered from a report where it is so.
    import copy

    r = copy.deepcopy(_report.flagship_report(extensions=False))
    for key in ("value", "value_exact", "pakistan", "split", "split_above", "expression", "full_threshold"):
        r["thresholds"]["calendar"][key] = None
    r["equilibria"]["pure"] = []
    flat = " ".join(_report.format_report(r).split())
    assert "calendar-based withdrawal: the government and the Taliban accept, Pakistan pressing: never (no leverage" in flat
    assert "and pressing is Pakistan's own best response: never (pressing is Pakistan's best response only for" in flat
    assert "(no pure equilibrium)" in flat and "Exact threshold" not in flat
    assert _report._ivtext([]) == "no leverage in [0, 2]" and _report._words("") == []


def test_degenerate_with_isolated_looking_mixed_equilibria_says_so() -> None:
    # us_staying_cost 0: the US is indifferent in the war now (a set), and the solver also finds equilibria in
    # which the US mixes beside the government or the Taliban; the game is degenerate, so the report says these
    # may be points of larger sets.
    r = _report.flagship_report(af.Parameters(us_staying_cost=0), extensions=False)
    assert r["equilibria"]["mixed"] and r["equilibria"]["continua"]
    flat = " ".join(_report.format_report(r).split())
    assert "Other mixed equilibria found (the game is degenerate: see the note)" in flat
    assert "note: the game is degenerate (exact ties in some payoffs)" in flat


def test_sequential_path_below_the_first_threshold() -> None:
    # Leverage 1/24 < 1/12 (sequential.py's first threshold): the Taliban would renege after either exit, so
    # Pakistan does not pay to press and the government fights at once.
    seq = _report._sequential(af.Parameters(leverage="1/24"), {"calendar": {"narrow": "29/60", "full": "29/60"}})
    assert seq["path"] == ["calendar", "shelter", "fight"]
    assert seq["path_words"] == (
        "the US announces a calendar-based withdrawal, Pakistan keeps sheltering the Taliban, "
        "the government fights at once (war now)"
    )
    lines = " ".join(" ".join(_report._seq_lines(seq)).split())
    assert "leverage in (0, 1/12): the US announces a calendar-based withdrawal" in lines
    assert "calendar 29/60 (with Pakistan's own incentive 29/60)" in lines


def test_equilibria_selection_labels_and_fallbacks(monkeypatch) -> None:
    import warnings

    import gametheory_af.scenarios.afghanistan.models as models
    from gametheory_af.exceptions import ConvergenceWarning, GameError

    m = af.model(leverage="1/2")
    assert m.equilibria(mixed=False).selection.startswith("selected by following the logit")
    assert m.equilibria(select=False).selected is None
    assert af.model().equilibria(mixed=False).selection == "the only pure equilibrium (mixed equilibria not computed)"
    real = models.logit_select

    def not_converged(game):
        warnings.warn("did not converge", ConvergenceWarning, stacklevel=1)
        return real(game)

    monkeypatch.setattr(models, "logit_select", not_converged)
    assert m.equilibria().selection.endswith("(the logit path did not converge: the equilibrium nearest its end)")

    def fails(game):
        raise GameError("logit_select: no path")

    monkeypatch.setattr(models, "logit_select", fails)
    res = m.equilibria()
    assert res.selected is None and res.selection is None and res.notes == ("no equilibrium selected: logit_select: no path",)


def test_equilibria_incomplete_mixed_search_is_said(monkeypatch) -> None:
    import dataclasses

    import gametheory_af.scenarios.afghanistan.models as models

    real = models.nash_equilibria
    monkeypatch.setattr(models, "nash_equilibria", lambda game: dataclasses.replace(real(game), complete=False))
    res = af.model().equilibria()
    assert res.selection == "the only equilibrium found (the mixed-equilibrium method does not guarantee all were found)"
    assert any("does not guarantee all were found" in n for n in res.notes)
