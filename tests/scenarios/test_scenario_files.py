"""The scenario files shipped with the package, ``--params NAME`` and ``--list-scenarios``.

The shipped files ``gametheory_af/scenarios/afghanistan-<name>.toml`` are
generated from :data:`SPECS` below (a comment block with the question and its
sources, then :meth:`Parameters.to_toml`, which documents every parameter);
``test_files_are_generated_from_specs`` fails when a file and its spec part.
Regenerate them with ``python tests/scenarios/test_scenario_files.py --write``.
"""

from __future__ import annotations

import json
import pathlib
import re
import sys
from fractions import Fraction

import pytest

from gametheory_af.__main__ import main
from gametheory_af.exceptions import GameError
from gametheory_af.scenarios import afghanistan as af
from gametheory_af.scenarios.afghanistan.parameters import (
    default_scenario_path,
    scenario_description,
    scenario_names,
    scenario_path,
)

F = Fraction
DEFAULT_DESCRIPTION = (
    "The op-ed as written: calendar-based US withdrawal, centralised presidency, airport commitment half "
    "delivered, no Chinese offer on the table, Pakistan pressing lightly."
)

#: name -> (overrides of the defaults, one-line description, comment block: the question and its sources).
SPECS: dict[str, tuple[dict[str, Fraction], str, tuple[str, ...]]] = {
    "op-ed": (
        {},
        DEFAULT_DESCRIPTION + " The same values as the default afghanistan.toml.",
        (
            "Question: what does the op-ed's own world look like? The same values as the default",
            "afghanistan.toml, shipped under a name so that every scenario runs the same way.",
            "Source: Julia Jacobson, \"Pakistan's Necessary Role In Afghan Peace Negotiations\" (op-ed, July",
            "2021); each parameter's comment below quotes the claim it encodes or says it is an assumption.",
        ),
    ),
    "taliban-stronger": (
        {"taliban_win_before": F(9, 20), "taliban_win_after": F(3, 4)},
        "The Taliban stronger, as in July 2021: taliban_win_before 2/5 -> 9/20 and taliban_win_after "
        "2/3 -> 3/4; everything else as in the op-ed.",
        (
            "Question: what if the Taliban is stronger than the op-ed's defaults, as it was by July 2021?",
            "Sources: the op-ed: \"Since May ... Taliban forces have seized 50 of the nation's 370 districts\"",
            "(one district in seven in two months, before the withdrawal is complete), against the Pentagon's",
            "claim (John Kirby) that the Afghan forces \"have the advantages\": an Air Force, modern weaponry,",
            "superior numbers. We keep the Pentagon's claim that the Taliban is the underdog in a war fought",
            "now, but less so (taliban_win_before 2/5 -> 9/20), and read the districts and Qureshi's \"meltdown\"",
            "of the Afghan forces as a post-withdrawal balance at the top of its range (taliban_win_after",
            "2/3 -> 3/4). Both values are judgements within the documented bounds, not estimates.",
            "Note: the leverage threshold depends on the shift taliban_win_after - taliban_win_before, not on",
            "the level: a Taliban as strong now as later (1/2 and 3/4) would need less leverage (9/20).",
        ),
    ),
    "pakistan-reluctant": (
        {"pressing_cost": F(3, 10), "refugee_cost": F(1, 10)},
        "Pakistan reluctant: pressing its ally costs it three times as much (pressing_cost 1/10 -> 3/10) and "
        "it fears a civil war's refugees less (refugee_cost 1/4 -> 1/10); everything else as in the op-ed.",
        (
            "Question: what if Pakistan is less willing to press the Taliban than the defaults assume?",
            "Sources: the op-ed says Pakistan facilitates the talks \"largely for their own benefit\", sees them",
            "as \"an expedited route to power with international legitimacy for the Taliban\", its long-time ally,",
            "and has sheltered the Taliban's leadership since 2001 (International Crisis Group); the Durand Line",
            "divides Pashtun communities, so pressing the Taliban has a domestic price. Hence a higher",
            "pressing_cost (1/10 -> 3/10). Qureshi's \"Can we be held responsible for that? No, we cannot\"",
            "disowns the consequences of the Afghan collapse; we read it as a Pakistan that weighs the refugees",
            "of a civil war less (refugee_cost 1/4 -> 1/10). Both values are modelling judgements.",
        ),
    ),
    "refugees-doubled": (
        {"refugee_cost": F(1, 2)},
        "Refugees doubled: a civil war's refugee cost to Pakistan doubled (refugee_cost 1/4 -> 1/2); "
        "everything else as in the op-ed.",
        (
            "Question: what if a civil war's refugees weigh twice as much on Pakistan?",
            "Source: the op-ed: \"a failed peace process will likely spark a full-scale civil war in",
            "Afghanistan, exacerbating what is already a mass exodus of refugees into Pakistani territory\";",
            "Qureshi argued that Pakistan \"had the most to lose from an unstable Afghanistan\". The doubling",
            "(refugee_cost 1/4 -> 1/2) is a what-if, not an estimate.",
        ),
    ),
    "conditions-airport": (
        {"conditions_credibility": F(1), "airport_security": F(1)},
        "Conditions-based withdrawal with the airport secured: renewed violence surely halts the withdrawal "
        "(conditions_credibility 3/4 -> 1) and Kabul airport stays open (airport_security 1/2 -> 1). "
        "The withdrawal is not a parameter: read the report's conditions-based rows; its calendar-based "
        "rows show the airport alone.",
        (
            "Question: what if the US follows the op-ed's advice and NATO keeps its airport commitment?",
            "Sources: the op-ed: the U.S. \"needs to legitimately consider pursuing a conditions-based",
            "withdrawal deadline over a calendar-based one in order to minimize violent attacks by the",
            "Taliban\"; NATO allies must \"follow through on their commitment to increase security measures",
            "for Kabul's international airport, such that it can maintain operation and safely transport",
            "humanitarian aid workers\". A legitimate conditions-based withdrawal is one renewed violence",
            "surely halts (conditions_credibility 3/4 -> 1); a secured airport stays open (airport_security",
            "1/2 -> 1). The withdrawal itself is a strategy of the United States, not a parameter: the report",
            "shows both withdrawals, and this scenario is read in its conditions-based rows.",
        ),
    ),
}

SCENARIO_DIR = default_scenario_path().parent


def render(name: str) -> str:
    """The text of the shipped file *name*: the comment block, then ``Parameters.to_toml``."""
    overrides, description, block = SPECS[name]
    body = af.Parameters(**overrides).to_toml(scenario=name, description=description)
    return "\n".join(f"# {line}" for line in block) + "\n#\n" + body


def _changed(p: af.Parameters) -> set[str]:
    base = af.Parameters().as_dict()
    return {k for k, v in p.as_dict().items() if v != base[k]}


# ------------------------------------------------------------------------------------------ the files

def test_names_are_the_specs_and_the_default() -> None:
    assert scenario_names() == ("default", *sorted(SPECS))


@pytest.mark.parametrize("name", sorted(SPECS))
def test_files_are_generated_from_specs(name: str) -> None:
    assert scenario_path(name).read_text(encoding="utf-8") == render(name)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_file_reads_back_with_its_name_and_description(name: str) -> None:
    from gametheory_af.parameter_set import tomllib

    path = scenario_path(name)
    assert path.parent == SCENARIO_DIR and path.name == f"afghanistan-{name}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["scenario"] == name
    assert data["description"] == scenario_description(name) == SPECS[name][1]
    # every parameter is written, documented (its claim and bounds in the comment above it)
    text = path.read_text(encoding="utf-8")
    for k, info in af.Parameters.info().items():
        assert k in data
        assert f"# {info.claim}\n# [" in text
    p = af.Parameters.from_toml(path)
    assert p == af.Parameters(**SPECS[name][0])
    assert af.Parameters.from_toml(p.to_toml()) == p


@pytest.mark.parametrize("name", sorted(SPECS))
def test_differs_from_the_default_only_where_the_description_says(name: str) -> None:
    p = af.Parameters.from_toml(scenario_path(name))
    description = scenario_description(name)
    mentioned = {k for k in af.Parameters.names() if re.search(rf"\b{k}\b", description)}
    assert _changed(p) == mentioned
    for k in mentioned:  # "old -> new", both exact
        old, new = af.Parameters.info()[k].default, p.as_dict()[k]
        assert f"{k} {_frac(old)} -> {_frac(new)}" in description


def _frac(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def test_op_ed_is_the_default() -> None:
    assert af.Parameters.from_toml(scenario_path("op-ed")) == af.Parameters.from_toml(scenario_path("default"))
    assert scenario_path("default") == default_scenario_path()
    assert scenario_description("default") == DEFAULT_DESCRIPTION
    assert scenario_description("op-ed").startswith(DEFAULT_DESCRIPTION)


def test_values_move_the_way_the_question_asks() -> None:
    d = af.Parameters()
    s = af.Parameters.from_toml(scenario_path("taliban-stronger"))
    assert s.taliban_win_before > d.taliban_win_before and s.taliban_win_after > d.taliban_win_after
    r = af.Parameters.from_toml(scenario_path("pakistan-reluctant"))
    assert r.pressing_cost > d.pressing_cost and r.refugee_cost < d.refugee_cost
    assert af.Parameters.from_toml(scenario_path("refugees-doubled")).refugee_cost == 2 * d.refugee_cost
    c = af.Parameters.from_toml(scenario_path("conditions-airport"))
    assert c.conditions_credibility == 1 and c.airport_security == 1


def test_only_well_named_files_are_scenarios(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gametheory_af.scenarios.afghanistan import parameters

    default = tmp_path / "afghanistan.toml"
    for name in ("afghanistan.toml", "afghanistan-ok-1.toml", "afghanistan-Bad_Name.toml",
                 "afghanistan-default.toml", "afghanistan-.toml", "other-x.toml"):
        (tmp_path / name).write_text('description = "d"\n', encoding="utf-8")
    (tmp_path / "afghanistan-odd.toml").write_text("description = 3\n", encoding="utf-8")
    monkeypatch.setattr(parameters, "_SCENARIO_FILE", default)
    assert parameters.scenario_names() == ("default", "odd", "ok-1")
    assert parameters.scenario_path("default") == default
    assert parameters.scenario_description("ok-1") == "d"
    assert parameters.scenario_description("odd") == ""  # not a string: no description
    with pytest.raises(GameError, match="'Bad_Name'"):
        parameters.scenario_path("Bad_Name")


# ------------------------------------------------------------------------------------ the answers

def test_answers_quoted_in_the_how_to() -> None:
    # The figures docs/how-to/flagship-scenarios.rst quotes, from the closed form of the package docstring:
    # l* = (s_w (p_a - p_b) + a_T)(1 - delta) / beta - (c_G + c_T + i_T + A s), beta = 1/2.
    def th(name: str, w: str) -> tuple[object, object]:
        t = af.Model(af.Parameters.from_toml(scenario_path(name))).leverage_threshold(w, symbolic=False)
        return t.value, t.equilibrium_range

    # taliban-stronger, calendar: 2 (3/4 - 9/20 + 1/10) - (1/5 + 1/20) = 4/5 - 1/4 = 11/20.
    assert th("taliban-stronger", "calendar")[0] == F(11, 20)
    # conditions: 2 ((1/4)(3/10) + 1/10) - 1/4 = 7/20 - 1/4 = 1/10.
    assert th("taliban-stronger", "conditions")[0] == F(1, 10)
    # Pakistan reluctant: the threshold does not move (it does not involve Pakistan's costs), but under a
    # calendar-based withdrawal there is no leverage at which Pakistan's pressing is a best response.
    assert th("pakistan-reluctant", "calendar") == (F(29, 60), None)
    assert th("pakistan-reluctant", "conditions") == (F(1, 12), (F(1, 12), F(211, 840)))
    # Refugees doubled: same thresholds, Pakistan willing to press up to a higher leverage.
    assert th("refugees-doubled", "calendar") == (F(29, 60), (F(29, 60), F(631, 420)))
    # conditions-airport: conditions threshold 2 (0 + 1/10) - (1/5 + 1/10) = -1/10, floored at 0;
    # calendar with the airport alone: 2 (4/15 + 1/10) - 3/10 = 13/30.
    assert th("conditions-airport", "conditions")[0] == 0
    assert th("conditions-airport", "calendar")[0] == F(13, 30)


# ------------------------------------------- docs/explanation/afghanistan-oped.rst: the mechanism

def _gain_closed_form(p: af.Parameters, w: int) -> Fraction:
    """Pakistan's gain from pressing at a deal, G(l, delta) of the op-ed page (for l >= guarantee_leverage)."""
    s = p.as_dict()
    d, ell, e = s["decentralisation"], s["leverage"], s["sanctuary_effect"]
    beta = s["government_discount_rate"] / (s["government_discount_rate"] + s["taliban_discount_rate"])
    value = 1 + s["china_inducement_taliban"] + s["aid_value"] * s["airport_security"]
    pb = s["taliban_win_before"]
    # the Taliban's share of the divisible power without pressure: x_T(0) - d/2 over V - d
    d_t0 = pb * (1 - d) + d / 2 - s["taliban_war_cost"]
    surplus0 = value - 1 + s["government_war_cost"] + s["taliban_war_cost"]
    sigma0 = (d_t0 + beta * surplus0 - d / 2) / (value - d)
    iota, chi, rho, nu = s["pakistan_influence"], s["china_inducement_pakistan"], s["refugee_cost"], s["isolation_cost"]
    guarantee = s["guarantee_failure"] * (iota * sigma0 + chi + rho + pb * (nu - iota))
    del w  # the gain is the same under either withdrawal: the deal's split does not depend on it
    return guarantee - ell * (s["pressing_cost"] + iota * (1 - beta + e * (1 - d)) / (value - d))


def test_oped_page_gain_from_pressing_matches_the_payoffs() -> None:
    import random

    from gametheory_af.scenarios.afghanistan.payoffs import (
        CALENDAR,
        CONDITIONS,
        NEGOTIATE,
        PAK,
        PRESS,
        SHARE,
        SHELTER,
        _exact_payoffs,
    )

    rng = random.Random(13)
    info = af.Parameters.info()
    for _ in range(200):
        values = {k: i.lower + (i.upper - i.lower) * F(rng.randrange(0, 21), 20) for k, i in info.items()}
        values["leverage"] = max(values["leverage"], values["guarantee_leverage"])  # the page's branch
        p = af.Parameters(**values)
        u = _exact_payoffs(p)
        for w in (CALENDAR, CONDITIONS):
            margin = u[PAK, SHARE, NEGOTIATE, PRESS, w] - u[PAK, SHARE, NEGOTIATE, SHELTER, w]
            assert margin == _gain_closed_form(p, w)


def test_oped_page_decentralisation_numbers() -> None:
    centralised = af.model(leverage=F(17, 20))
    devolved = centralised.replace(decentralisation=F(1, 2))
    # G = 737/4200 - (17/20)(1/5) and 387/2200 - (17/20)(63/220), as the page's table derives
    assert _gain_closed_form(centralised.params, 1) == F(737, 4200) - F(17, 20) * F(1, 5) == F(23, 4200)
    assert _gain_closed_form(devolved.params, 1) == F(387, 2200) - F(17, 20) * F(63, 220) == F(-27, 400)
    assert centralised.is_power_sharing_equilibrium("calendar", full=True)
    assert not devolved.is_power_sharing_equilibrium("calendar", full=True)
    assert devolved.is_power_sharing_equilibrium("calendar")  # the government and the Taliban still accept
    # the crossing at l = 0.85: G(delta) = (343 delta - 23) / (200 (20 delta - 21)) vanishes at 23/343
    crossing = centralised.replace(decentralisation=F(23, 343))
    assert _gain_closed_form(crossing.params, 1) == 0
    assert crossing.is_power_sharing_equilibrium("calendar", full=True)  # a tie counts as a best response
    assert not centralised.replace(decentralisation=F(24, 343)).is_power_sharing_equilibrium("calendar", full=True)


# ------------------------------------------------------------------------------------------ the CLI

def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_params_name_runs(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, ["--params", name, "--json"])
    p = af.Parameters.from_toml(scenario_path(name))
    assert {k: v.get("exact", v.get("value_exact")) for k, v in data["parameters"].items()} == {
        k: _frac(v) for k, v in p.as_dict().items()
    }
    assert name in json.dumps(data["scenario"])


def test_params_name_equals_params_path(capsys: pytest.CaptureFixture[str]) -> None:
    by_name = _json(capsys, ["--params", "refugees-doubled", "--json"])
    by_path = _json(capsys, ["--params", str(scenario_path("refugees-doubled")), "--json"])
    by_name.pop("scenario"), by_path.pop("scenario")
    assert by_name == by_path


def test_params_default_name_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    by_name = _json(capsys, ["--params", "default", "--json"])
    default = _json(capsys, ["--json"])
    by_name.pop("scenario"), default.pop("scenario")
    assert by_name == default


@pytest.mark.parametrize(
    "bad", ["taliban-weaker", "Op-ed", "op_ed", "op-ed-", "..", "../afghanistan", "afghanistan", "op-ed.toml"]
)
def test_bad_names_exit_2_naming_the_value_and_the_known_names(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--params", bad]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert repr(bad) in err or bad in err
    if "." not in bad:  # a bare word is a name: the known names are listed
        assert "taliban-stronger" in err and "conditions-airport" in err


@pytest.mark.parametrize("bad", ["nope", "../afghanistan", "..", "a/b", "", "op-ed.toml", "-x", 3, None])
def test_scenario_path_refuses_what_is_not_a_shipped_name(bad: object) -> None:
    with pytest.raises(GameError, match=r"scenario_path: name .* is not a shipped scenario; known names are "
                       r"default, conditions-airport, op-ed"):
        scenario_path(bad)  # type: ignore[arg-type]


def test_a_relative_path_with_a_dot_is_a_path(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mine.toml").write_text('refugee_cost = "1/2"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = _json(capsys, ["--params", "mine.toml", "--json"])
    assert data["parameters"]["refugee_cost"]["exact"] == "1/2"
    # A file whose name is a bare word is reached as ./NAME; the bare word is a scenario name.
    (tmp_path / "mine").write_text('refugee_cost = "1/2"\n', encoding="utf-8")
    assert main(["--params", "mine"]) == 2
    assert "./mine" in capsys.readouterr().err
    assert _json(capsys, ["--params", "./mine", "--json"])["parameters"]["refugee_cost"]["exact"] == "1/2"


def test_list_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-scenarios"]) == 0
    lines = capsys.readouterr().out.splitlines()
    names = [line for line in lines if line and not line.startswith(" ")]
    assert names[:-1] == list(scenario_names())
    assert names[-1] == "run one with: python -m gametheory_af --params NAME"
    text = "\n".join(lines)
    for name in scenario_names():
        assert scenario_description(name)[:40] in " ".join(text.split())


def test_list_scenarios_json(capsys: pytest.CaptureFixture[str]) -> None:
    doc = _json(capsys, ["--list-scenarios", "--json"])
    assert doc["schema"] == "urn:gametheory-af:schema:scenarios:1.0" and doc["schema_version"] == "1.0"
    data = doc["scenarios"]
    assert [d["name"] for d in data] == list(scenario_names())
    assert all(d["description"] == scenario_description(d["name"]) for d in data)
    assert all(pathlib.Path(d["path"]) == scenario_path(d["name"]) for d in data)


def test_help_mentions_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--list-scenarios" in out and "NAME" in out


if __name__ == "__main__":  # pragma: no cover - the generator of the shipped files
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python tests/scenarios/test_scenario_files.py --write")
    for scenario in SPECS:
        target = SCENARIO_DIR / f"afghanistan-{scenario}.toml"
        target.write_text(render(scenario), encoding="utf-8")
        print(f"wrote {target}")
