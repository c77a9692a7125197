"""The flagship scenario: the op-ed's claims as properties, at the defaults and over the parameter box."""

from __future__ import annotations

import json
import pathlib
import random
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.scenarios import afghanistan as af
from tests.strategies import afghan_box_points as box_points

BOUNDS = af.Parameters.bounds()
# Points of the box on a fine grid (1/1000 of each range), as exact rationals.
GRID = 1000


def _grid_point(rng: random.Random) -> dict[str, Fraction]:
    return {k: lo + (hi - lo) * Fraction(rng.randint(0, GRID), GRID) for k, (lo, hi) in BOUNDS.items()}


def _sample(n: int, seed: int) -> list[dict[str, Fraction]]:
    rng = random.Random(seed)
    return [_grid_point(rng) for _ in range(n)]


def closed_form(p: af.Parameters, withdrawal: str) -> Fraction:
    """The threshold of the module docstring, before flooring at zero."""
    beta = p.government_discount_rate / (p.government_discount_rate + p.taliban_discount_rate)
    shift = 1 if withdrawal == "calendar" else 1 - p.conditions_credibility
    stakes = 1 - p.decentralisation
    surplus0 = p.government_war_cost + p.taliban_war_cost + p.china_inducement_taliban + p.aid_value * p.airport_security
    taliban = (shift * (p.taliban_win_after - p.taliban_win_before) + p.taliban_surprise) * stakes / beta
    government = p.government_surprise * stakes / (1 - beta)
    return max(taliban, government) - surplus0


# ---------------------------------------------------------------------------- the game
def test_game_shape_names_and_parameters() -> None:
    pg = af.parametric_game()
    assert pg.players == af.PLAYERS
    assert pg.strategies == af.STRATEGIES
    assert pg.shape == (2, 2, 2, 2)
    assert set(pg.parameters) == set(af.Parameters.names())
    for name, info in af.Parameters.info().items():
        assert pg.parameters[name].bounds == (info.lower, info.upper)


def test_payoffs_are_linear_in_leverage() -> None:
    pg = af.parametric_game()
    lev = pg.symbols["leverage"]
    cap = sp.Min(1, lev / pg.symbols["guarantee_leverage"])
    for e in pg.payoffs.ravel():
        # linear on each side of the guarantee's kink (leverage = guarantee_leverage)
        for piece in (e.subs(cap, 1), e.subs(cap, cap.args[1])):
            assert not piece.has(sp.Min)
            assert sp.degree(sp.expand(sp.together(piece).as_numer_denom()[0]), lev) <= 1
            assert lev not in sp.together(piece).as_numer_denom()[1].free_symbols


def test_exact_evaluation_matches_parametric_game() -> None:
    m = af.model(decentralisation=Fraction(1, 4), airport_security=1)
    assert m.normal_form().is_exact
    assert (m.game.at(**m.params.as_dict()).exact_payoffs() == m.normal_form().exact_payoffs()).all()


def test_china_is_parameters_acting_on_pakistan_and_taliban() -> None:
    # China is not a player; raising its inducements raises the deal payoffs of Pakistan and the Taliban.
    assert "China" not in af.PLAYERS
    base = af.model().split(leverage=1)
    rich = af.model(china_inducement_taliban=Fraction(1, 10), china_inducement_pakistan=Fraction(1, 10)).split(leverage=1)
    assert rich.payoffs["Pakistan"] > base.payoffs["Pakistan"]
    assert rich.payoffs["Taliban"] > base.payoffs["Taliban"]


# ---------------------------------------------------------------------------- parameters and files
def test_every_parameter_is_documented() -> None:
    for _name, info in af.Parameters.info().items():
        assert info.source in ("op-ed", "modelling assumption")
        assert len(info.claim) > 20 and info.unit
        assert info.lower <= info.default <= info.upper
        assert isinstance(info.default, Fraction)


def test_toml_round_trip_defaults_and_custom() -> None:
    p = af.Parameters()
    assert af.Parameters.from_toml(p.to_toml()) == p
    q = p.replace(decentralisation=Fraction(1, 3), refugee_cost=0.7, leverage="5/7")
    text = q.to_toml(scenario="test", description='quote "this"')
    assert af.Parameters.from_toml(text) == q
    assert q.refugee_cost == Fraction(7, 10)


def test_shipped_scenario_file_is_the_defaults(tmp_path) -> None:
    assert af.Parameters.from_toml(af.default_scenario_path()) == af.Parameters()
    path = tmp_path / "s.toml"
    path.write_text(af.Parameters(refugee_cost=1).to_toml())
    assert af.Parameters.from_toml(path).refugee_cost == 1
    assert af.Parameters.from_toml(str(path)).refugee_cost == 1


def test_toml_errors_name_the_key(tmp_path) -> None:
    with pytest.raises(gt.GameError, match="unknown parameter 'sanctuary'"):
        af.Parameters.from_toml("sanctuary = 1\n")
    with pytest.raises(gt.GameError, match="refugee_cost = 2 is outside its bounds"):
        af.Parameters.from_toml("refugee_cost = 2\n")
    with pytest.raises(gt.GameError, match="not valid TOML"):
        af.Parameters.from_toml("refugee_cost = = 2\n")
    with pytest.raises(gt.GameError, match="'leverage' .* must be a number"):
        af.Parameters.from_toml("leverage = true\n")
    with pytest.raises(gt.GameError, match="cannot read scenario file"):
        af.Parameters.from_toml(tmp_path / "missing.toml")
    with pytest.raises(gt.GameError, match="fraction"):
        af.Parameters.from_toml('leverage = "a lot"\n')


def test_unknown_and_out_of_bounds_parameters() -> None:
    with pytest.raises(gt.GameError, match="model: unknown parameter 'sanctuary'"):
        af.model(sanctuary=1)
    with pytest.raises(gt.GameError, match="leverage = 3 is outside its bounds \\[0, 2\\]"):
        af.model(leverage=3)
    with pytest.raises(gt.GameError, match="must be finite"):
        af.model(refugee_cost=float("nan"))
    with pytest.raises(gt.GameError, match="must be a real number"):
        af.model(refugee_cost=True)
    with pytest.raises(gt.GameError, match="unknown parameter"):
        af.Parameters().replace(nope=1)
    with pytest.raises(gt.GameError, match="withdrawal must be 'calendar' or 'conditions'"):
        af.model().leverage_threshold("never")


# ---------------------------------------------------------------------------- equilibria in words
def test_equilibria_at_defaults_in_words() -> None:
    res = af.model().equilibria(mixed=False, select=False)
    sentences = [e.sentence for e in res.pure]
    # The op-ed as written: a calendar withdrawal and light pressure (1/4 < 29/60) leave only the war; the
    # conditions-based deal is not an equilibrium because, once power is shared, the US strictly prefers to
    # leave on its calendar (us_verification_cost > 0).
    assert sentences == [
        "the Afghan government fights, the Taliban launch an offensive, Pakistan keeps sheltering the Taliban, "
        "the United States withdraws on a calendar",
    ]
    assert [e.outcome for e in res.pure] == ["war"]
    u = af.model().normal_form().exact_payoffs()
    assert u[3][0, 0, 0, 1] - u[3][0, 0, 0, 0] == af.Parameters().us_verification_cost
    res = af.model(leverage=Fraction(1, 2)).equilibria(mixed=False, select=False)
    assert [e.outcome for e in res.pure] == ["power-sharing agreement", "war"]
    assert res.pure[0].strategies["United States"] == "calendar-based"
    assert res.pure[-1].strategies == {
        "Afghan government": "fight",
        "Taliban": "offensive",
        "Pakistan": "shelter",
        "United States": "calendar-based",
    }
    assert all(e.equilibrium.max_regret == 0 for e in res.pure)
    json.dumps(res.to_dict())


def test_equilibria_mixed_and_selection_degrade_gracefully() -> None:
    res = af.model(leverage=Fraction(1, 2)).equilibria()
    assert len(res.pure) == 2
    if res.mixed is None:
        assert any("mixed equilibria" in n for n in res.notes)
    if res.selected is None:
        assert res.notes
    else:
        assert res.selected.equilibrium.max_regret <= 1e-6


# ---------------------------------------------------------------------------- property 1
def test_p1_without_pressure_and_calendar_no_power_sharing_at_defaults() -> None:
    m = af.model(leverage=0)
    assert not m.is_power_sharing_equilibrium("calendar")
    res = m.equilibria(mixed=False, select=False)
    assert not any(
        e.strategies["United States"] == "calendar-based" and e.outcome == "power-sharing agreement" for e in res.pure
    )
    # Sheltering (no pressure at all) does not make it an equilibrium either.
    u = m.normal_form().exact_payoffs()
    sn_shelter_cal = (0, 0, 1, 1)
    assert u[(1, *sn_shelter_cal)] < u[(1, 0, 1, 1, 1)]


def test_p1_over_the_box_exactly_where_documented() -> None:
    held = 0
    points = _sample(40, seed=11)
    for v in points:
        p = af.Parameters(**v)
        m = af.Model(p.replace(leverage=0))
        fails = not m.is_power_sharing_equilibrium("calendar")
        assert fails == (closed_form(p, "calendar") > 0)
        held += fails
    # The module docstring: the property holds at roughly four points in five.
    assert held / len(points) > 0.6


# ---------------------------------------------------------------------------- property 2
def test_p2_enough_leverage_at_defaults() -> None:
    m = af.model()
    th = m.leverage_threshold("calendar")
    assert (th.status, th.value, th.binding) == ("above", sp.Rational(29, 60), "Taliban -> offensive")
    assert m.replace(leverage=th.value).is_power_sharing_equilibrium("calendar")
    assert not m.replace(leverage=th.value - sp.Rational(1, 1000)).is_power_sharing_equilibrium("calendar")
    assert m.replace(leverage=th.value).is_power_sharing_equilibrium("calendar", full=True)


@settings(max_examples=12)
@given(box_points())
def test_p2_enough_leverage_over_the_box(v) -> None:
    m = af.model(**v)
    th = m.leverage_threshold("calendar", symbolic=False)
    assert th.value is not None and 0 <= th.value <= 2
    assert th.value == max(0, closed_form(m.params, "calendar"))
    assert m.replace(leverage=th.value).is_power_sharing_equilibrium("calendar")
    assert m.replace(leverage=2).is_power_sharing_equilibrium("calendar")
    if th.value > 0:
        assert not m.replace(leverage=th.value - sp.Rational(1, 10**6)).is_power_sharing_equilibrium("calendar")


# ---------------------------------------------------------------------------- property 3
def test_p3_conditions_based_needs_no_more_leverage_at_defaults() -> None:
    m = af.model()
    cal, con = m.leverage_threshold("calendar"), m.leverage_threshold("conditions")
    assert con.value == sp.Rational(1, 12) < cal.value


@settings(max_examples=12)
@given(box_points())
def test_p3_conditions_based_needs_no_more_leverage_over_the_box(v) -> None:
    m = af.model(**v)
    cal = m.leverage_threshold("calendar", symbolic=False)
    con = m.leverage_threshold("conditions", symbolic=False)
    assert con.value <= cal.value


# ---------------------------------------------------------------------------- property 4
def test_p4_willingness_grows_with_refugee_and_isolation_cost_at_defaults() -> None:
    m = af.model()
    lev = m.leverage_threshold().value
    base = m.pakistan_willingness(leverage=lev)
    assert base.willing and base.press_is_best_response
    for name in ("refugee_cost", "isolation_cost"):
        more = m.replace(**{name: 1}).pakistan_willingness(leverage=lev)
        assert more.press_margin > base.press_margin
        assert more.participation_margin > base.participation_margin
        assert more.ceiling > base.ceiling
    syms = af.parametric_game().symbols
    for expr in (base.press_margin_expression, base.participation_margin_expression):
        for name in ("refugee_cost", "isolation_cost"):
            d = sp.diff(expr, syms[name])
            assert d.xreplace({syms[k]: sp.Rational(v.numerator, v.denominator) for k, v in m.params.as_dict().items()}) > 0


@settings(max_examples=15)
@given(box_points(), st.sampled_from(["refugee_cost", "isolation_cost"]), st.sampled_from(["calendar", "conditions"]))
def test_p4_willingness_grows_over_the_box(v, name, withdrawal) -> None:
    lo, hi = BOUNDS[name]
    m_lo = af.model(**{**v, name: lo})
    m_hi = af.model(**{**v, name: hi})
    lev = v["leverage"]
    a = m_lo.pakistan_willingness(withdrawal, leverage=lev)
    b = m_hi.pakistan_willingness(withdrawal, leverage=lev)
    # With no sway (leverage 0) pressing and sheltering are the same, so the press margin is 0 at both.
    assert b.press_margin > a.press_margin if lev > 0 else b.press_margin == a.press_margin == 0
    assert b.participation_margin > a.participation_margin
    assert b.willing >= a.willing


# ---------------------------------------------------------------------------- property 5
def test_p5_decentralisation_lowers_leverage_needed_at_defaults() -> None:
    m = af.model()
    assert m.replace(decentralisation=Fraction(1, 3)).leverage_threshold().value == sp.Rational(43, 180)
    assert m.replace(decentralisation=Fraction(1, 3)).leverage_threshold().value < m.leverage_threshold().value


@settings(max_examples=12)
@given(box_points(), st.sampled_from(["calendar", "conditions"]))
def test_p5_decentralisation_lowers_leverage_needed_over_the_box(v, withdrawal) -> None:
    lo = af.model(**{**v, "decentralisation": 0}).leverage_threshold(withdrawal, symbolic=False)
    hi = af.model(**{**v, "decentralisation": Fraction(1, 2)}).leverage_threshold(withdrawal, symbolic=False)
    assert hi.value <= lo.value
    if lo.value > 0:
        assert hi.value < lo.value


# ---------------------------------------------------------------------------- thresholds, split, policies
def test_threshold_expression_is_exact_in_the_other_parameters() -> None:
    m = af.model()
    th = m.leverage_threshold("calendar")
    syms = af.parametric_game().symbols
    assert "leverage" not in {s.name for s in th.expression.free_symbols}
    at = {syms[k]: sp.Rational(v.numerator, v.denominator) for k, v in m.params.as_dict().items()}
    assert th.expression.xreplace(at) == th.value
    # The expression stays valid elsewhere while the same condition binds.
    assert th.evaluate(taliban_war_cost=Fraction(1, 5)) == af.model(taliban_war_cost=Fraction(1, 5)).leverage_threshold().value
    with pytest.raises(gt.GameError, match="unknown parameter"):
        th.evaluate(nope=1)
    json.dumps(th.to_dict())


def test_equilibrium_range_includes_pakistan() -> None:
    th = af.model().leverage_threshold("calendar")
    lo, hi = th.equilibrium_range
    assert lo == th.value and hi == th.pakistan.ceiling == sp.Rational(737, 840)
    m = af.model()
    assert m.replace(leverage=hi).is_power_sharing_equilibrium("calendar", full=True)
    assert not m.replace(leverage=hi + sp.Rational(1, 100)).is_power_sharing_equilibrium("calendar", full=True)


def test_split_is_nash_bargaining_with_war_as_disagreement() -> None:
    m = af.model(taliban_discount_rate=Fraction(1, 2))
    s = m.split("calendar", leverage=Fraction(1, 2))
    assert s.method == "nash_solution"
    assert s.taliban_weight == sp.Rational(2, 3)  # weights 1/r: the patient side gets more
    assert s.taliban_payoff - s.disagreement[1] == s.taliban_weight * s.surplus
    assert s.government_payoff - s.disagreement[0] == (1 - s.taliban_weight) * s.surplus
    assert s.payoffs["Taliban"] == s.taliban_payoff
    assert s.taliban_share + s.government_share == 1
    json.dumps(s.to_dict())


def test_leverage_moves_whether_and_what() -> None:
    m = af.model()
    shares = [m.split(leverage=lev).taliban_share for lev in (0, Fraction(1, 2), 1)]
    assert shares[0] > shares[1] > shares[2]
    th = m.leverage_threshold()
    assert th.split_above.leverage == th.value + sp.Rational(1, 4)
    assert th.split_above.taliban_share < th.split.taliban_share
    assert th.split_above.payoffs["Afghan government"] > th.split.payoffs["Afghan government"]


def test_zero_surplus_split() -> None:
    m = af.model(
        taliban_war_cost=0, government_war_cost=0, aid_value=0, china_inducement_taliban=0
    )
    s = m.split(leverage=0)
    assert s.surplus == 0 and s.method == "closed form"
    assert (s.government_payoff, s.taliban_payoff) == s.disagreement


def test_policy_comparison_table() -> None:
    pc = af.model().policy_comparison()
    values = {r.policy: r.threshold.value for r in pc.rows}
    cal = values["calendar-based withdrawal"]
    assert values["conditions-based withdrawal"] <= cal
    assert values["calendar + decentralisation"] < cal
    assert values["calendar + airport security"] < cal
    assert values["calendar + China's inducements"] < cal
    assert values["conditions + all levers"] == 0
    assert pc["calendar + airport security"].overrides == {"airport_security": 1}
    assert "leverage needed" in pc.to_text()
    json.dumps(pc.to_dict())
    with pytest.raises(KeyError):
        pc["no such policy"]
    custom = af.model().policy_comparison({"big devolution": {"decentralisation": Fraction(1, 2)}}, symbolic=True)
    assert len(custom.rows) == 4 and custom.rows[2].threshold.expression is not None


def test_pakistan_unwilling_when_pressing_is_expensive() -> None:
    # Expensive pressing: Pakistan is not willing to press at the threshold.
    m = af.model(pressing_cost=Fraction(1, 2), refugee_cost=0, isolation_cost=0, guarantee_failure=Fraction(1, 10))
    th = m.leverage_threshold()
    assert not th.pakistan.willing
    assert th.equilibrium_range is None


# ---------------------------------------------------------------------------- text, files, pickling (issue 9)
def test_text_values_are_exact_and_bounded() -> None:
    assert af.Parameters(leverage="1/3").leverage == Fraction(1, 3)
    assert af.Parameters(leverage=" 2.5e-1 ").leverage == Fraction(1, 4)
    assert af.model().split(leverage="1/2").leverage == Fraction(1, 2)
    for text in ("1e-99999999", "1e99999999", "9" * 10_000):
        with pytest.raises(gt.GameError, match="leverage"):
            af.Parameters(leverage=text)
        with pytest.raises(gt.GameError, match="leverage"):
            af.Parameters.from_toml(f'leverage = "{text}"\n')


def test_from_toml_file_errors_name_the_file(tmp_path) -> None:
    bad = tmp_path / "latin.toml"
    bad.write_bytes('description = "caf\u00e9"\n'.encode("latin-1"))
    with pytest.raises(gt.GameError, match="latin.toml.*not UTF-8"):
        af.Parameters.from_toml(bad)
    typed = tmp_path / "typed.toml"
    typed.write_text("scenario = 5\n")
    with pytest.raises(TypeError, match="typed.toml.*scenario must be a string; got 5"):
        af.Parameters.from_toml(typed)
    with pytest.raises(gt.GameError, match="max_text"):
        af.Parameters.from_toml(pathlib.Path("/dev/zero"))
    # a file within the limits still reads, with a description
    good = tmp_path / "good.toml"
    good.write_text('scenario = "s"\ndescription = "d"\nleverage = "1/3"\n', encoding="utf-8")
    assert af.Parameters.from_toml(good).leverage == Fraction(1, 3)


def test_parameters_and_results_pickle() -> None:
    import pickle

    p = af.Parameters(leverage="1/3", refugee_cost=0.5)
    assert pickle.loads(pickle.dumps(p)) == p
    m = af.model(leverage="1/3")
    res = m.equilibria(mixed=False, select=False)
    back = pickle.loads(pickle.dumps(res))
    assert [e.sentence for e in back.pure] == [e.sentence for e in res.pure]
    assert dict(back.pure[0].payoffs) == dict(res.pure[0].payoffs)
    split = m.split("conditions")
    assert pickle.loads(pickle.dumps(split)).payoffs == split.payoffs
    th = m.leverage_threshold("conditions", symbolic=False)
    assert pickle.loads(pickle.dumps(th)).value == th.value
    assert pickle.loads(pickle.dumps(m.game)) == m.game
    assert pickle.loads(pickle.dumps(m)).params == m.params


# --------------------------------------------------------------------- one definition of the split
# Values of Model.split() recorded from the single-module scenario (before the split into a
# package, when the split was computed in three places): the defaults and 12 seeded points of the
# box on a 1/12 grid, under both withdrawals.
SPLIT_VALUES = json.loads((pathlib.Path(__file__).parent / "afghanistan_split_values.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", SPLIT_VALUES, ids=[f"point{i // 2}-{r['withdrawal']}" for i, r in enumerate(SPLIT_VALUES)])
def test_split_equals_the_recorded_values(row):
    s = af.model(**row["point"]).split(row["withdrawal"])
    for key in ("taliban_weight", "surplus", "government_payoff", "taliban_payoff", "taliban_share"):
        assert str(getattr(s, key)) == row[key], key
    assert s.method == row["method"]
    # the US payoff at a conditions-based deal is now its verification cost (it was 0: an indifference)
    us = str(-af.Parameters(**row["point"]).us_verification_cost) if row["withdrawal"] == "conditions" else "0"
    assert [str(v) for v in s.payoffs.values()] == [*row["payoffs"][:3], us]
    # the payoff tensor's closed form and the bargaining library agree
    assert s.payoffs["Afghan government"] == s.government_payoff and s.payoffs["Taliban"] == s.taliban_payoff


def test_closed_form_split_is_the_nash_solution_over_the_box():
    from gametheory_af.scenarios.afghanistan.models import _bargaining_weight, _nash_split
    from gametheory_af.scenarios.afghanistan.payoffs import _agreement

    for point in [{}, *_sample(40, 17)]:
        p = af.Parameters(**point)
        d_g, d_t = Fraction(p.government_war_cost), Fraction(p.taliban_war_cost) / 3
        value = 1 + p.china_inducement_taliban + p.aid_value * p.airport_security
        closed = _agreement(d_g, d_t, value, p.government_discount_rate, p.taliban_discount_rate)
        assert closed == _nash_split(d_g, d_t, value - d_g - d_t, p)
        beta = p.government_discount_rate / (p.government_discount_rate + p.taliban_discount_rate)
        assert _bargaining_weight(p) == beta
