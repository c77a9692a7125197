"""`python -m gametheory_af`: the flagship report, its JSON, scenario files and plots."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

from gametheory_af.__main__ import main
from gametheory_af.scenarios import afghanistan as af


@pytest.fixture(scope="module")
def default_json() -> dict:
    import io
    from contextlib import redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["--json"]) == 0
    return json.loads(buf.getvalue())


def test_default_report_text(capsys) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Afghan peace negotiations" in out
    assert "Assumptions" in out and "refugee_cost" in out
    # At the defaults only the war is an equilibrium (calendar withdrawal, leverage 1/4 < 29/60), and it is the
    # only one: no selection, so no logit caveat.
    war = "the Afghan government fights, the Taliban launch an offensive, Pakistan keeps sheltering the Taliban"
    assert war in out
    assert "The only equilibrium: the war above." in out and "logit" not in out
    # The US's choice, exact: at a deal it prefers its calendar by us_verification_cost = 1/20; in the war now
    # by conditions_credibility * us_staying_cost = 3/4 * 1/5 = 3/20; after an attack on a sharing government
    # conditions lowers the Taliban's chance by 3/4 * (2/3 - 2/5) = 1/5, worth 1/2 * 1/5 = 1/10 < 3/20.
    assert "At a deal Pakistan underwrites it prefers its calendar by 1/20" in out
    assert "In the war now it\n" in out or "In the war now it prefers its calendar by 3/20" in " ".join(out.split())
    assert "calendar-based is strictly dominant for the US" in " ".join(out.split())
    # thresholds, both senses, labelled, per withdrawal
    assert "the government and the Taliban accept, Pakistan pressing: from leverage 29/60" in out
    assert (
        "and pressing is Pakistan's own best response: from leverage 29/60 = 0.483 (leverage in [29/60, 737/840])"
        in out
    )
    assert "the government and the Taliban accept, Pakistan pressing: from leverage 1/12" in out
    assert "Pakistan is WILLING to pay for the deal" in out
    assert "Taliban share of power" in out
    assert "calendar + decentralisation" in out and "43/180" in out
    # the claims: five verdicts with reasons, never the old "[holds]"
    assert "[holds]" not in out and "FAILS" not in out
    flat = " ".join(out.split())
    assert flat.count(": HOLDS.") == 5 and flat.count("Why: ") == 5
    # sequential and incomplete-information sections
    assert "Sequential game" in out and "1/12, 29/60, 737/420" in out
    assert "Incomplete information" in out and "149/480" in out


def test_default_report_json(default_json) -> None:
    data = default_json
    assert data["thresholds"]["calendar"]["value_exact"] == "29/60"
    assert data["thresholds"]["conditions"]["value_exact"] == "1/12"
    assert data["thresholds"]["calendar"]["full_threshold_exact"] == "29/60"
    assert data["thresholds"]["calendar"]["full_set"] == [["29/60", "737/840"]]
    assert data["thresholds"]["calendar"]["pakistan"]["willing"] is True
    assert data["thresholds"]["calendar"]["split"]["taliban_share_exact"] == "137/840"
    assert data["thresholds"]["calendar"]["split"]["share_note"] is None
    assert set(data["parameters"]) == set(af.Parameters.names())
    assert data["parameters"]["refugee_cost"]["source"] == "op-ed"
    assert [e["outcome"] for e in data["equilibria"]["pure"]] == ["war"]
    assert data["equilibria"]["continua"] == [] and data["equilibria"]["selection"] == "the only equilibrium"
    assert data["us_choice"]["conditions_minus_calendar"]["deal"]["exact"] == "-1/20"
    assert data["us_choice"]["conditions_minus_calendar"]["war_now"]["exact"] == "-3/20"
    assert data["us_choice"]["conditions_minus_calendar"]["offensive_after_deal"]["exact"] == "-1/20"
    assert data["us_choice"]["dominant"] == "calendar-based, strictly"
    assert len(data["policies"]) == 6
    assert [c["verdict"] for c in data["claims"]] == ["holds"] * 5
    assert all(c["holds"] and c["narrow"] and c["full"] and c["reason"] for c in data["claims"])
    # the sequential game: the US commits to conditions, Pakistan presses and the deal holds at leverage 1/4
    seq = data["sequential"]
    assert seq["path"] == ["conditions", "press", "share power", "accept", "keep"]
    assert seq["thresholds"] == ["1/12", "29/60", "737/420"]
    assert seq["static"]["calendar"] == {"narrow": "29/60", "full": "29/60"}
    info = data["information"]
    assert info["exact_values"]["offer"] == "149/480" and info["gamble"] is False


def test_params_file_runs_another_scenario(tmp_path, capsys) -> None:
    path = tmp_path / "decentralised.toml"
    path.write_text(af.Parameters(decentralisation="1/3").to_toml(scenario="decentralised"))
    assert main(["--params", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["thresholds"]["calendar"]["value_exact"] == "43/180"
    assert data["scenario"] == str(path)
    assert main(["--params", str(path)]) == 0
    assert "Pakistan pressing: from leverage 43/180" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("sanctuary = 1\n", "unknown parameter 'sanctuary'"),
        ("refugee_cost = 5\n", "refugee_cost = 5 is outside its bounds"),
        ("refugee_cost = \n", "not valid TOML"),
    ],
)
def test_bad_params_file_clear_message_nonzero_exit(tmp_path, capsys, content, message) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content)
    assert main(["--params", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and str(path) in err


def test_missing_params_file(tmp_path, capsys) -> None:
    assert main(["--params", str(tmp_path / "nope.toml")]) == 2
    assert "cannot read scenario file" in capsys.readouterr().err


def test_plot_option(tmp_path, capsys) -> None:
    """--plot DIR writes the flagship figures as PNG files."""
    pytest.importorskip("matplotlib")
    code = main(["--plot", str(tmp_path / "figs")])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    written = [line.removeprefix("wrote ") for line in captured.out.splitlines() if line.startswith("wrote ")]
    assert sorted(pathlib.Path(p).name for p in written) == [
        "leverage_decides.png",
        "pakistan_choice.png",
        "regions.png",
        "sobol.png",
        "threshold.png",
        "threshold_drivers.png",
        "tornado.png",
    ]
    for path in written:
        data = pathlib.Path(path).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_plot_without_matplotlib_is_a_clear_error(tmp_path, capsys, monkeypatch) -> None:
    import gametheory_af.plotting as plotting

    def no_matplotlib():
        raise ImportError("gametheory_af.plotting needs matplotlib")

    monkeypatch.setattr(plotting, "_pyplot", no_matplotlib)
    assert main(["--plot", str(tmp_path / "figs")]) == 2
    err = capsys.readouterr().err
    assert "error: --plot needs matplotlib" in err and "Traceback" not in err


def test_catalog_and_solve_still_work(tmp_path, capsys) -> None:
    assert main(["catalog"]) == 0
    assert "equilibria of the catalog games" in capsys.readouterr().out
    import gametheory_af as gt

    path = tmp_path / "pd.nfg"
    gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    assert main(["solve", str(path)]) == 0
    assert "Row: Defect; Column: Defect" in capsys.readouterr().out


def test_module_entry_point_bad_params(tmp_path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("leverage = 9\n")
    proc = subprocess.run(
        [sys.executable, "-m", "gametheory_af", "--params", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2
    assert "leverage = 9 is outside its bounds" in proc.stderr


# ---------------------------------------------------------------------------------- bad scenario files: one line, exit 2
def _one_line_error(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'refugee_cost = "\xff"\n', "is not UTF-8 text"),
        (b"\xff\xfe\x00\x00", "is not UTF-8 text"),
        (b'leverage = "abc"\n', "leverage"),
        (b"leverage = [1, 2]\n", "leverage"),
        (b"leverage = nan\n", "leverage"),
        (b"leverage = inf\n", "leverage"),
        (b"leverage = true\n", "leverage"),
        (b"[leverage]\nx = 1\n", "leverage"),
        (b"= = =\n", "TOML"),
    ],
    ids=["non-utf8-value", "utf16-bom", "text", "list", "nan", "inf", "bool", "table", "garbage"],
)
def test_bad_params_files_one_line_exit_2(tmp_path, capsys, content, message) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    assert main(["--params", str(path)]) == 2
    assert message in _one_line_error(capsys.readouterr().err)


def test_params_directory_and_missing(tmp_path, capsys) -> None:
    assert main(["--params", str(tmp_path)]) == 2
    _one_line_error(capsys.readouterr().err)
    assert main(["--params", str(tmp_path / "nope.toml")]) == 2
    _one_line_error(capsys.readouterr().err)


def test_params_values_rejected_by_checkers_exit_2(tmp_path, capsys, monkeypatch) -> None:
    # from_toml may raise TypeError/ValueError/OSError as it is hardened: all are input errors.
    from gametheory_af.scenarios.afghanistan import Parameters

    for exc in (TypeError("from_toml: leverage must be a number"), ValueError("bad value"), OSError(5, "I/O error")):

        def raising(source, exc=exc):
            raise exc

        monkeypatch.setattr(Parameters, "from_toml", classmethod(lambda cls, source, r=raising: r(source)))
        assert main(["--params", str(tmp_path / "x.toml")]) == 2
        _one_line_error(capsys.readouterr().err)


def test_plot_into_a_file_is_one_line(tmp_path, capsys) -> None:
    pytest.importorskip("matplotlib")
    target = tmp_path / "file.txt"
    target.write_text("x")
    assert main(["--plot", str(target / "figs")]) == 2
    _one_line_error(capsys.readouterr().err)


def test_module_entry_point_non_utf8_params(tmp_path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(b'scenario = "caf\xe9"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "gametheory_af", "--params", str(path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2
    assert "not UTF-8" in _one_line_error(proc.stderr)


def test_report_json_is_stamped_with_its_schema(default_json) -> None:
    # the first two keys name the schema (gametheory_af/schemas/report-1.0.json) and its version
    assert list(default_json)[:2] == ["schema", "schema_version"]
    assert default_json["schema"] == "urn:gametheory-af:schema:report:1.0"
    assert default_json["schema_version"] == "1.0"
    assert default_json["figures"] == []


def test_report_warnings_and_errors_never_reach_stdout_as_json_noise(default_json) -> None:
    # the JSON on stdout is the whole document: every top-level section of the schema is present
    from gametheory_af.schemas import load_schema

    assert set(default_json) == set(load_schema("report")["properties"])


def test_report_refused_by_the_model_exit_2(capsys, monkeypatch) -> None:
    from gametheory_af.exceptions import GameError
    from gametheory_af.scenarios import _report

    def refuses(params, scenario):
        raise GameError("flagship_report: refused")

    monkeypatch.setattr(_report, "flagship_report", refuses)
    assert main(["--json"]) == 2
    assert _one_line_error(capsys.readouterr().err) == "error: flagship_report: refused"


def test_unicode_error_and_unwritable_figures_exit_2(tmp_path, capsys, monkeypatch) -> None:
    from gametheory_af.scenarios import _report
    from gametheory_af.scenarios.afghanistan import Parameters

    def undecodable(source):
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr(Parameters, "from_toml", staticmethod(undecodable))
    assert main(["--params", str(tmp_path / "x.toml")]) == 2
    assert "is not UTF-8 text: byte at offset 0" in _one_line_error(capsys.readouterr().err)
    monkeypatch.undo()

    def unwritable(params, plot_dir):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(_report, "flagship_report", lambda params, scenario: {})
    monkeypatch.setattr(_report, "write_plots", unwritable)
    assert main(["--plot", str(tmp_path / "figs")]) == 2
    assert "cannot write the figures to" in _one_line_error(capsys.readouterr().err)
