"""`python -m gametheory_af solve FILE.nfg`."""

from __future__ import annotations

import json
import subprocess
import sys

import gametheory_af as gt
from gametheory_af.__main__ import main


def test_solve_prints_equilibria(tmp_path, capsys):
    path = tmp_path / "bos.nfg"
    gt.io.write_nfg(gt.catalog.battle_of_the_sexes(), path)
    assert main(["solve", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Row: Opera; Column: Opera" in out
    assert "Row: Football; Column: Football" in out


def test_solve_json(tmp_path, capsys):
    path = tmp_path / "pd.nfg"
    gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    assert main(["solve", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    pure = [r for r in data["results"] if r["method"] == "pure"][0]
    assert pure["equilibria"][0]["description"] == "Row: Defect; Column: Defect"


def test_solve_missing_and_malformed_files(tmp_path, capsys):
    assert main(["solve", str(tmp_path / "missing.nfg")]) == 2
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "x" { "A" "B" } { 2 2 } 1 2 3\n')
    assert main(["solve", str(bad)]) == 2
    assert "read_nfg" in capsys.readouterr().err


def test_module_entry_point_exit_code(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "gametheory_af", "solve", str(tmp_path / "nope.nfg")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "error:" in proc.stderr


def test_catalog_json_either_side(capsys):
    assert main(["catalog", "--json"]) == 0
    after = json.loads(capsys.readouterr().out)
    assert main(["--json", "catalog"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert after == before
    assert {entry["game"] for entry in after} == set(gt.catalog.names())


# ---------------------------------------------------------------------------------- errors: one line, exit 2 or 1
def _one_line_error(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    return lines[0]


def _bad_files(tmp_path):
    big = tmp_path / "big.nfg"
    big.write_text('NFG 1 R "t" { "A" "B" } { 1 1 } 1e400 2\n')
    latin = tmp_path / "latin.nfg"
    latin.write_bytes(b'NFG 1 R "caf\xe9" { "A" "B" } { 1 1 } 1 2\n')
    huge = tmp_path / "huge.nfg"
    huge.write_text('NFG 1 R "t" { "A" "B" "C" } { 1000 1000 1000 }\n0\n')
    junk = tmp_path / "junk.nfg"
    junk.write_bytes(b"\x00\x01\x02garbage")
    empty = tmp_path / "empty.nfg"
    empty.write_text("")
    return {
        "1e400": (big, "beyond the float64 range"),
        "latin-1": (latin, "is not UTF-8 text"),
        "huge-header": (huge, "3,000,000,000 payoff entries"),
        "binary": (junk, "must start with 'NFG'"),
        "empty": (empty, "must start with 'NFG'"),
        "missing": (tmp_path / "missing.nfg", "no such file"),
        "directory": (tmp_path, "is not a file"),
    }


def test_solve_bad_files_one_line_exit_2(tmp_path, capsys):
    for name, (path, message) in _bad_files(tmp_path).items():
        assert main(["solve", str(path)]) == 2, name
        line = _one_line_error(capsys.readouterr().err)
        assert message in line, (name, line)


def test_solve_1e400_subprocess(tmp_path):
    path = tmp_path / "big.nfg"
    path.write_text('NFG 1 R "t" { "A" "B" } { 1 1 } 1e400 2\n')
    proc = subprocess.run(
        [sys.executable, "-m", "gametheory_af", "solve", str(path)], check=False, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert "beyond the float64 range" in _one_line_error(proc.stderr)


def test_usage_errors_one_line_exit_2(capsys):
    for argv in (["--bogus"], ["solve"], ["solve", "a", "b"], ["nosuchcommand"], ["catalog", "--nope"]):
        assert main(argv) == 2, argv
        line = _one_line_error(capsys.readouterr().err)
        assert "--help" in line


def test_help_documents_exit_codes(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "exit status" in out and "2 input refused" in out and "1 other failure" in out


def test_runtime_failure_exit_1(tmp_path, capsys, monkeypatch):
    import gametheory_af.__main__ as cli

    def broken(game):
        raise RuntimeError("solver exploded\nwith two lines")

    monkeypatch.setattr(cli, "_solve_all", broken)
    path = tmp_path / "pd.nfg"
    gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    assert main(["solve", str(path)]) == 1
    line = _one_line_error(capsys.readouterr().err)
    assert "internal failure (RuntimeError): solver exploded with two lines" in line


def test_solver_refusal_is_input_error(tmp_path, capsys, monkeypatch):
    import gametheory_af.__main__ as cli

    def refuses(game):
        raise gt.GameError("nash_equilibria: this asks for too much")

    monkeypatch.setattr(cli, "_solve_all", refuses)
    path = tmp_path / "pd.nfg"
    gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    assert main(["solve", str(path)]) == 2
    assert "this asks for too much" in _one_line_error(capsys.readouterr().err)


def test_solve_gambit_file_with_empty_names(capsys):
    import pathlib

    path = pathlib.Path(__file__).parent / "data" / "nfg" / "sww1.nfg"
    assert main(["solve", str(path)]) == 0
    assert "_1" in capsys.readouterr().out
