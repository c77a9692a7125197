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
