"""The JSON Schemas of the command line's outputs: valid draft 2020-12, documented, and met by real outputs."""

from __future__ import annotations

import copy
import io
import json
from contextlib import redirect_stdout

import pytest

import gametheory_af as gt
from gametheory_af.__main__ import _stamp, main
from gametheory_af.schemas import KINDS, SCHEMA_VERSION, load_schema, schema_id

jsonschema = pytest.importorskip("jsonschema")


def _validator(kind: str):
    schema = load_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _run(argv: list[str]) -> dict:
    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(argv) == 0
    return json.loads(buf.getvalue())


def _errors(kind: str, doc: dict) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in _validator(kind).iter_errors(doc)]


@pytest.fixture(scope="module")
def report() -> dict:
    return _run(["--json"])


# ---------------------------------------------------------------------------------- the schemas themselves
@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_2020_12_with_its_id(kind):
    schema = load_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == schema_id(kind) == f"urn:gametheory-af:schema:{kind}:{SCHEMA_VERSION}"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema"]["const"] == schema["$id"]
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert schema["required"][:2] == ["schema", "schema_version"]


def _properties(node, path="$"):
    """Every (path, subschema) of a named property, anywhere in *node*."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}.{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{path}[{i}]")


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_is_documented(kind):
    schema = load_schema(kind)
    assert schema.get("description") and schema.get("title")
    undocumented = [path for path, sub in _properties(schema) if not str(sub.get("description", "")).strip()]
    assert undocumented == []
    # and the top level of each document is closed: a new field needs a new schema version
    assert schema["additionalProperties"] is False


def test_solve_and_catalog_share_the_result_definition():
    assert load_schema("solve")["$defs"] == load_schema("catalog")["$defs"]


def test_unknown_kind_or_version_refused():
    with pytest.raises(gt.GameError, match="kind must be one of 'report', 'solve', 'catalog', 'scenarios'; got 'nope'"):
        load_schema("nope")
    with pytest.raises(gt.GameError, match="there is no version '0.9' of the 'solve' schema"):
        schema_id("solve", "0.9")
    with pytest.raises(gt.GameError, match="there is no version 1 of the 'report' schema"):
        load_schema("report", 1)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------- real outputs validate
def test_flagship_report_json_validates(report):
    assert report["schema"] == schema_id("report") and report["schema_version"] == SCHEMA_VERSION
    assert _errors("report", report) == []


def test_flagship_report_of_every_shipped_scenario_validates():
    # without the extensions (fast): those sections are null, which the schema allows
    from gametheory_af.scenarios._report import flagship_report
    from gametheory_af.scenarios.afghanistan import Parameters
    from gametheory_af.scenarios.afghanistan.parameters import scenario_names, scenario_path

    for name in scenario_names():
        data = flagship_report(Parameters.from_toml(scenario_path(name)), scenario=name, extensions=False)
        data["figures"] = []
        doc = json.loads(json.dumps(_stamp("report", data)))
        assert doc["sequential"] is None
        assert _errors("report", doc) == [], name


def test_params_and_list_scenarios_validate():
    doc = _run(["--list-scenarios", "--json"])
    assert _errors("scenarios", doc) == []
    from gametheory_af.scenarios.afghanistan.parameters import scenario_names

    assert [s["name"] for s in doc["scenarios"]] == list(scenario_names())


def test_catalog_json_validates():
    doc = _run(["catalog", "--json"])
    assert _errors("catalog", doc) == []
    assert {g["game"] for g in doc["games"]} == set(gt.catalog.names())


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--exact"],
        ["--method", "zero_sum"],
        ["--method", "lemke_howson"],
        ["--max-equilibria", "1"],
        ["--method", "logit"],
    ],
    ids=["default", "exact", "zero_sum", "lemke_howson", "max_equilibria", "logit"],
)
def test_solve_json_validates(tmp_path, options):
    path = tmp_path / "mp.nfg"
    gt.io.write_nfg(gt.catalog.matching_pennies(), path)
    doc = _run(["solve", str(path), "--json", *options])
    assert _errors("solve", doc) == []


def test_solve_json_of_a_three_player_game_validates(tmp_path):
    path = tmp_path / "v.nfg"
    gt.io.write_nfg(gt.catalog.volunteers_dilemma(), path)
    doc = _run(["solve", str(path), "--json", "--exact"])
    assert _errors("solve", doc) == []
    assert len(doc["results"][1]["equilibria"]) == 7


# ---------------------------------------------------------------------------------- the schemas can fail
def test_schemas_reject_broken_documents(report, tmp_path):
    # each mutation breaks one documented rule; the validator must see it
    broken = copy.deepcopy(report)
    broken["schema_version"] = "0.1"
    assert any("schema_version" in e for e in _errors("report", broken))
    broken = copy.deepcopy(report)
    del broken["thresholds"]
    assert any("'thresholds' is a required property" in e for e in _errors("report", broken))
    broken = copy.deepcopy(report)
    broken["thresholds"]["calendar"]["value_exact"] = "0.483"
    assert any("value_exact" in e for e in _errors("report", broken))
    broken = copy.deepcopy(report)
    broken["undocumented"] = 1
    assert any("Additional properties" in e for e in _errors("report", broken))

    path = tmp_path / "pd.nfg"
    gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    doc = _run(["solve", str(path), "--json"])
    broken = copy.deepcopy(doc)
    broken["results"][0]["equilibria"][0]["profile"][0] = [1.5, -0.5]
    assert len(_errors("solve", broken)) == 2  # above 1 and below 0
    broken = copy.deepcopy(doc)
    broken["schema"] = schema_id("catalog")
    assert any("schema" in e for e in _errors("solve", broken))
    broken = copy.deepcopy(doc)
    broken["results"][0]["complete"] = "yes"
    assert any("complete" in e for e in _errors("solve", broken))
