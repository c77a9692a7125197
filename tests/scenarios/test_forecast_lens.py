"""The forecasting lens on the Afghan actors (issue 15, item 4)."""

from __future__ import annotations

import json
import pathlib
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gametheory_af.bargaining.forecasting import Actor, Issue, weighted_median
from gametheory_af.exceptions import GameError
from gametheory_af.scenarios.afghanistan import forecast as fc
from gametheory_af.scenarios.afghanistan.parameters import scenario_names

OPED = pathlib.Path("/work/shared/seed/op-ed.txt")


def test_shipped_file_documents_every_number() -> None:
    from gametheory_af.parameter_set import tomllib

    data = tomllib.loads(fc.actors_path().read_text(encoding="utf-8"))
    assert data["lo_why"] and data["hi_why"]
    for row in data["actor"]:
        for key in ("position", "capability", "salience"):
            assert len(row[f"{key}_why"]) > 20, (row["name"], key)
        assert row["source"]
    rows = fc.assumptions()
    assert len(rows) == 2 + 3 * len(data["actor"]) and all(r["why"] and r["source"] for r in rows)
    # The op-ed names these actors (and no others of the kind: India, Iran, Russia are not mentioned).
    assert set(fc.load_actors().names) == {"Afghan government", "Taliban", "Pakistan", "United States", "China", "NATO allies"}


def test_quotations_are_in_the_op_ed() -> None:
    if not OPED.exists():  # pragma: no cover - the seed text lives outside the package
        pytest.skip("op-ed text not available")
    # Quotations are in straight quotes; apostrophes inside them are typographic, as in the op-ed.
    text = " ".join(OPED.read_text(encoding="utf-8").split())
    for row in fc.assumptions():
        for part in row["why"].split("'")[1::2]:  # the quoted fragments
            if len(part) > 12:
                fragment = " ".join(part.replace(" ... ", " ").split()[:4])
                assert fragment in text, (row["actor"], row["field"], part)


def test_the_actors_file_is_not_a_scenario_of_the_game() -> None:
    assert "actors" not in scenario_names() and fc.actors_path().name == "afghanistan_actors.toml"


def test_forecast_by_hand() -> None:
    # weights: government 30*1, Taliban 35*1, Pakistan 30*4/5 = 24, US 40*3/10 = 12, China 20*3/10 = 6,
    # NATO 10*3/10 = 3; total 110, half 55. From 0: Taliban (10) 35 < 55, Pakistan (40) 59 > 55 -> 40.
    # mean (35*10 + 24*40 + 6*50 + 12*65 + 3*70 + 30*85)/110 = 5150/110 = 515/11.
    f = fc.afghan_forecast()
    assert f.median == F(40) and f.mean == F(515, 11) and f.median_actor == ("Pakistan",)
    assert f.eu_forecast == 40.0 and f.eu.converged and f.eu.n_rounds == 3
    assert all(v == 40.0 for v in f.eu.positions.values())
    assert repr(f).startswith("AfghanForecast('Afghan power-sharing (2021)': median 40 (Pakistan), mean 46.82")
    data = json.loads(json.dumps(f.to_dict()))
    assert data["median"] == "40" and data["mean"] == "515/11" and data["median_actor"] == ["Pakistan"]


def test_forecast_takes_an_issue_or_a_file(tmp_path: pathlib.Path) -> None:
    issue = fc.load_actors().replace_actor("Taliban", capability=100)
    # Taliban weight 100 of 175 > half: the median is the Taliban's 10.
    assert fc.afghan_forecast(issue).median == 10
    path = tmp_path / "two.toml"
    path.write_text('name = "x"\nlo = 0\nhi = 10\n[[actor]]\nname = "Pakistan"\nposition = 2\ncapability = 1\nsalience = 1\n'
                    '[[actor]]\nname = "b"\nposition = 8\ncapability = 1\nsalience = 1\n', encoding="utf-8")
    f = fc.afghan_forecast(str(path))
    assert f.median == 5 and f.median_actor == ()  # a tie: the midpoint, where nobody stands
    assert "between actors" in repr(f)
    assert fc.load_actors(path).names == ("Pakistan", "b")
    # a float input gives float forecasts, written as floats
    floaty = fc.afghan_forecast(fc.load_actors().replace_actor("China", position=50.5))
    assert floaty.to_dict()["median"] == "40.0" and isinstance(floaty.mean, float)


def test_pakistan_shift_by_hand() -> None:
    # Pakistan at 40 holds the median iff 30 s > |51 - 35| - 0 = 16, s > 8/15; at 8/15 the weight splits:
    # (40 + 50)/2 = 45. Below, China's 50 is the median while 35 + 30 s + 6 > (86 + 30 s)/2, s > 2/15,
    # and the US's 65 below that.
    shift = fc.pakistan_salience_shift([0, F(2, 15), F(1, 7), F(1, 2), F(8, 15), F(3, 5), 1])
    assert shift.pivot_salience == F(8, 15)
    assert [r["median"] for r in shift.rows] == [65, F(115, 2), 50, 50, 45, 40, 40]
    # (at 2/15 the cumulative weight through China is exactly half: (50 + 65)/2 = 115/2)
    assert [r["eu_forecast"] for r in shift.rows][-3:] == [40.0, 40.0, 40.0]
    assert shift.rows[3]["eu_forecast"] == 10.0  # salience 1/2: the Taliban's challenges win
    text = repr(shift)
    assert text.startswith("PakistanShift(7 point(s); Pakistan is the median voter above salience 8/15")
    assert json.loads(json.dumps(shift.to_dict()))["pivot_salience"] == "8/15"


def test_default_grid_and_capabilities() -> None:
    shift = fc.pakistan_salience_shift(capabilities=[0, 30, 60], max_rounds=5)
    assert len(shift.rows) == 33 and shift.rows[0]["salience"] == 0 and shift.rows[-1]["salience"] == 1
    # capability 0: Pakistan has no weight whatever its salience. The others' weights 35 (at 10), 6 (50),
    # 12 (65), 3 (70), 30 (85): total 86, half 43; cumulative 35, 41, 53 > 43 -> the US's 65.
    assert {r["median"] for r in shift.rows[:11]} == {65}
    # capability 60 at salience 1: Pakistan's weight 60 of 146, cumulative 95 > 73 -> 40.
    assert shift.rows[-1]["median"] == 40


@given(st.fractions(0, 1), st.integers(0, 100), st.integers(1, 60))
def test_pivot_salience_matches_the_median(s: F, pos: int, cap: int) -> None:
    issue = fc.load_actors().replace_actor("Pakistan", position=pos, capability=cap)
    pivot = fc.pakistan_salience_shift([s], params=issue, max_rounds=1).pivot_salience
    median = weighted_median(issue.replace_actor("Pakistan", salience=s))
    if pivot is not None and s > pivot:
        assert median == pos
    elif pivot is None or s < pivot:
        others = [a for a in issue.actors if a.name != "Pakistan"]
        if not any(a.position == pos for a in others):
            assert median != pos


def test_pivot_without_capability() -> None:
    issue = fc.load_actors().replace_actor("Pakistan", capability=0)
    assert fc.pakistan_salience_shift([1], params=issue).pivot_salience is None
    # someone else at Pakistan's position with enough weight makes it the median at any salience
    at = Issue("x", 0, 1, (Actor("Pakistan", 0.5, 0, 1), Actor("a", 0.5, 3, 1), Actor("b", 0, 1, 1), Actor("c", 1, 1, 1)))
    assert fc.pakistan_salience_shift([1], params=at).pivot_salience == 0


def test_lens_refuses() -> None:
    with pytest.raises(GameError, match=r"pakistan_salience_shift: Actor: salience must be in \[0, 1\]; got 2"):
        fc.pakistan_salience_shift([2])
    with pytest.raises(GameError, match="saliences must be a non-empty sequence of numbers; got"):
        fc.pakistan_salience_shift([])
    with pytest.raises(GameError, match="capabilities must be a non-empty sequence"):
        fc.pakistan_salience_shift(capabilities="30")
    with pytest.raises(GameError, match="beyond the limit of 10,000"):
        fc.pakistan_salience_shift([0.5] * 101, capabilities=[1] * 100)
    with pytest.raises(TypeError, match="params must be None, an Issue or a path"):
        fc.afghan_forecast(3)
    with pytest.raises(TypeError, match="path must be a file path; got 3"):
        fc.load_actors(3)
    with pytest.raises(GameError, match="path must be an existing TOML file"):
        fc.load_actors("/nonexistent/actors.toml")
    with pytest.raises(GameError, match="no actor called 'Pakistan'"):
        fc.pakistan_salience_shift(params=Issue("x", 0, 1, (Actor("a", 0, 1, 1),)))


def test_bad_files(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("name = \n", encoding="utf-8")
    with pytest.raises(GameError, match="is not valid TOML"):
        fc.load_actors(bad)
    monkeypatch.setattr(fc, "_MAX_BYTES", 10)
    with pytest.raises(GameError, match="bytes, beyond the limit of 10"):
        fc.load_actors()


def test_actors_file_with_a_huge_integer_is_refused(tmp_path: pathlib.Path) -> None:
    # An integer literal beyond Python's 4300-digit conversion limit: a GameError, not a ValueError.
    path = tmp_path / "huge.toml"
    path.write_text("lo = " + "9" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(GameError, match="load_actors: .*huge.toml.* is not valid TOML"):
        fc.load_actors(path)


def test_actors_file_that_is_not_utf8_is_refused(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b"lo = 0\nname = '\xe9'\n")
    with pytest.raises(GameError, match=r"load_actors: .*latin1.toml.* is not UTF-8 text \(byte 0xe9 at offset 15\)"):
        fc.load_actors(path)
