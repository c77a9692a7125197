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
    assert after["schema"] == "urn:gametheory-af:schema:catalog:1.0" and after["schema_version"] == "1.0"
    assert {entry["game"] for entry in after["games"]} == set(gt.catalog.names())


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
        [sys.executable, "-m", "gametheory_af", "solve", str(path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert "beyond the float64 range" in _one_line_error(proc.stderr)


def test_usage_errors_one_line_exit_2(capsys):
    for argv in (["--bogus"], ["solve"], ["solve", "a", "b"], ["nosuchcommand"], ["catalog", "--nope"]):
        assert main(argv) == 2, argv
        line = _one_line_error(capsys.readouterr().err)
        assert "--help" in line


def test_help_documents_exit_codes(capsys):
    for argv in (["--help"], ["solve", "--help"], ["catalog", "--help"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "exit status:" in out, argv
        assert "  2  input refused" in out and "  1  the run failed" in out, argv


def test_runtime_failure_exit_1(tmp_path, capsys, monkeypatch):
    import gametheory_af.__main__ as cli

    def broken(game):
        raise RuntimeError("solver exploded\nwith two lines")

    monkeypatch.setattr(cli, "_solve_game", lambda game, *options: broken(game))
    path = tmp_path / "pd.nfg"
    gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    assert main(["solve", str(path)]) == 1
    line = _one_line_error(capsys.readouterr().err)
    assert "internal failure (RuntimeError): solver exploded with two lines" in line


def test_solver_refusal_is_input_error(tmp_path, capsys, monkeypatch):
    import gametheory_af.__main__ as cli

    def refuses(game):
        raise gt.GameError("nash_equilibria: this asks for too much")

    monkeypatch.setattr(cli, "_solve_game", lambda game, *options: refuses(game))
    path = tmp_path / "pd.nfg"
    gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    assert main(["solve", str(path)]) == 2
    assert "this asks for too much" in _one_line_error(capsys.readouterr().err)


def test_solve_gambit_file_with_empty_names(capsys):
    import pathlib

    path = pathlib.Path(__file__).parent / "data" / "nfg" / "sww1.nfg"
    assert main(["solve", str(path)]) == 0
    assert "_1" in capsys.readouterr().out


# ---------------------------------------------------------------------------------- --help is plain text
def test_help_is_plain_text(capsys):
    import re

    for argv in (["--help"], ["solve", "--help"], ["catalog", "--help"]):
        assert main(argv) == 0
        out = capsys.readouterr().out
        assert "``" not in out, argv
        # no reST roles (:func:`x`), no interpreted text, no reST directives
        assert not re.search(r":[a-z]+:`|`[^`\s][^`]*`|^\.\. ", out, flags=re.M), (argv, out)
    assert main(["solve", "--help"]) == 0
    out = capsys.readouterr().out
    # the methods are listed, and "-" for standard input is documented
    for name in ("auto", "pure", "support_enumeration", "lemke_howson", "simpdiv"):
        assert name in out
    assert "- to read it from standard input" in " ".join(out.split())


# ---------------------------------------------------------------------------------- solve - (standard input)
def _stdin(monkeypatch, data: bytes):
    import io

    raw = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding="utf-8"))
    return raw


def test_solve_stdin(monkeypatch, capsys):
    _stdin(monkeypatch, gt.io.to_nfg(gt.catalog.battle_of_the_sexes()).encode())
    assert main(["solve", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<stdin>: 2 players, strategies (2, 2)")
    assert "Row: Opera; Column: Opera" in out and "Row: Football; Column: Football" in out


def test_solve_stdin_same_as_file(monkeypatch, capsys, tmp_path):
    # the same game, from a file and from standard input: the same JSON but for "file"
    game = gt.catalog.volunteers_dilemma()
    path = tmp_path / "v.nfg"
    gt.io.write_nfg(game, path)
    assert main(["solve", str(path), "--json"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    _stdin(monkeypatch, path.read_bytes())
    assert main(["solve", "-", "--json"]) == 0
    from_stdin = json.loads(capsys.readouterr().out)
    assert from_file.pop("file") == str(path) and from_stdin.pop("file") == "-"
    assert from_file == from_stdin


def test_solve_stdin_without_trailing_newline_is_text_not_a_path(monkeypatch, capsys):
    # one line, no newline, no brace: read_nfg would take such a str for a path; stdin is always text
    _stdin(monkeypatch, b"garbage")
    assert main(["solve", "-"]) == 2
    assert "must start with 'NFG'" in _one_line_error(capsys.readouterr().err)


class _CountingStream:
    """A binary stream of *size* bytes of .nfg-looking text that counts what is read from it."""

    def __init__(self, size: int):
        self.size = size
        self.read_bytes = 0

    def read(self, n: int = -1) -> bytes:
        n = self.size - self.read_bytes if n < 0 else min(n, self.size - self.read_bytes)
        self.read_bytes += n
        return b" " * n


def test_solve_stdin_over_the_size_limit_refused_before_reading_it_all(monkeypatch, capsys):
    import types

    stream = _CountingStream(10_000_000)
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=stream))
    with gt.limits(max_bytes=1000):
        assert main(["solve", "-"]) == 2
    line = _one_line_error(capsys.readouterr().err)
    assert "standard input holds more than 1,000 bytes" in line and "max_bytes=1,000" in line
    # it stopped one byte past the limit, not after ten million
    assert stream.read_bytes == 1001


def test_solve_stdin_at_the_size_limit_is_read(monkeypatch, capsys):
    # padded to 4096 bytes (the reader's own arrays of 8 payoffs, 1,024 bytes, fit too)
    text = gt.io.to_nfg(gt.catalog.prisoners_dilemma()).encode().ljust(4096, b"\n")
    _stdin(monkeypatch, text)
    with gt.limits(max_bytes=4096):
        assert main(["solve", "-"]) == 0
    assert "Row: Defect; Column: Defect" in capsys.readouterr().out


def test_solve_stdin_text_stream_without_buffer(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(gt.io.to_nfg(gt.catalog.prisoners_dilemma())))
    assert main(["solve", "-"]) == 0
    assert "Row: Defect; Column: Defect" in capsys.readouterr().out


def test_solve_stdin_errors_exit_2(monkeypatch, capsys):
    _stdin(monkeypatch, b'NFG 1 R "caf\xe9" { "A" "B" } { 1 1 } 1 2\n')
    assert main(["solve", "-"]) == 2
    assert "standard input is not UTF-8 text: byte 0xe9 at offset 12" in _one_line_error(capsys.readouterr().err)
    _stdin(monkeypatch, b"")
    assert main(["solve", "-"]) == 2
    assert "must start with 'NFG'" in _one_line_error(capsys.readouterr().err)
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["solve", "-"]) == 2
    assert "no standard input" in _one_line_error(capsys.readouterr().err)

    class Broken:
        def read(self, n):
            raise OSError(5, "Input/output error")

    import types

    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=Broken()))
    assert main(["solve", "-"]) == 2
    assert "cannot read standard input: Input/output error" in _one_line_error(capsys.readouterr().err)


def test_solve_stdin_subprocess(tmp_path):
    text = gt.io.to_nfg(gt.catalog.prisoners_dilemma())
    proc = subprocess.run(
        [sys.executable, "-m", "gametheory_af", "solve", "-", "--json"],
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["file"] == "-" and data["results"][0]["equilibria"][0]["description"] == "Row: Defect; Column: Defect"


def test_solve_file_name_with_a_brace_is_a_path(tmp_path, capsys):
    # read_nfg takes a str holding a brace for .nfg text; solve always means a path
    path = tmp_path / "odd{name}.nfg"
    gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    assert main(["solve", str(path)]) == 0
    assert "Row: Defect; Column: Defect" in capsys.readouterr().out


# ---------------------------------------------------------------------------------- --method, --exact, --max-equilibria
def _solve_json(capsys, path, *options):
    assert main(["solve", str(path), "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)


def test_solve_method_runs_that_method_alone(tmp_path, capsys):
    path = tmp_path / "bos.nfg"
    gt.io.write_nfg(gt.catalog.battle_of_the_sexes(), path)
    from gametheory_af.solvers.dispatch import METHODS

    for method in ("support_enumeration", "vertex_enumeration", "lemke_howson", "pure", "pure_nash"):
        data = _solve_json(capsys, path, "--method", method)
        assert data["options"]["method"] == method
        (res,) = data["results"]
        assert res["method"] == {"pure_nash": "pure"}.get(method, method)
        assert res["method"] in METHODS
    # battle of the sexes has three equilibria: (O, O), (F, F) and the mix (3/5, 2/5), (2/5, 3/5)
    (res,) = _solve_json(capsys, path, "--method", "support_enumeration")["results"]
    assert len(res["equilibria"]) == 3 and res["complete"] is True
    (res,) = _solve_json(capsys, path, "--method", "lemke_howson")["results"]
    assert len(res["equilibria"]) == 1


def test_solve_unknown_method_lists_the_methods(tmp_path, capsys):
    assert main(["solve", str(tmp_path / "any.nfg"), "--method", "nope"]) == 2
    line = _one_line_error(capsys.readouterr().err)
    assert "invalid choice: 'nope'" in line
    for name in ("'auto'", "'support_enumeration'", "'polynomial_enumeration'", "'logit'", "'simpdiv'"):
        assert name in line


def test_solve_exact(tmp_path, capsys):
    # matching pennies: the one equilibrium is (1/2, 1/2) for both players, exact
    path = tmp_path / "mp.nfg"
    gt.io.write_nfg(gt.catalog.matching_pennies(), path)
    data = _solve_json(capsys, path, "--exact")
    assert data["options"]["exact"] is True
    pure, mixed = data["results"]
    assert pure["equilibria"] == []
    assert [e["exact"] for e in mixed["equilibria"]] == [[["1/2", "1/2"], ["1/2", "1/2"]]]
    assert main(["solve", str(path), "--exact"]) == 0
    assert "exact: Matcher: (1/2, 1/2); Mismatcher: (1/2, 1/2)" in capsys.readouterr().out
    # without --exact there are no fractions
    assert "exact" not in _solve_json(capsys, path)["results"][1]["equilibria"][0]


def test_solve_exact_with_a_method_that_cannot_is_refused(tmp_path, capsys):
    path = tmp_path / "mp.nfg"
    gt.io.write_nfg(gt.catalog.matching_pennies(), path)
    assert main(["solve", str(path), "--exact", "--method", "logit"]) == 2
    assert "cannot compute exact equilibria" in _one_line_error(capsys.readouterr().err)


def test_solve_max_equilibria(tmp_path, capsys):
    # the volunteer's dilemma (3 players) has 7 equilibria, 3 of them pure
    path = tmp_path / "v.nfg"
    gt.io.write_nfg(gt.catalog.volunteers_dilemma(), path)
    data = _solve_json(capsys, path, "--max-equilibria", "1")
    (res,) = data["results"]
    assert data["options"]["max_equilibria"] == 1 and len(res["equilibria"]) == 1 and res["complete"] is False
    (res,) = _solve_json(capsys, path, "--max-equilibria", "7", "--method", "polynomial_enumeration")["results"]
    assert len(res["equilibria"]) == 7 and res["complete"] is True
    for bad in ("0", "-1", "two", "1.5"):
        assert main(["solve", str(path), "--max-equilibria", bad]) == 2
        assert "must be a positive integer" in _one_line_error(capsys.readouterr().err)


def test_solve_max_time_bad_values(tmp_path, capsys):
    for bad in ("0", "-1", "inf", "nan", "soon"):
        assert main(["solve", str(tmp_path / "x.nfg"), "--max-time", bad]) == 2
        assert "must be a positive number of seconds" in _one_line_error(capsys.readouterr().err)


def test_solve_max_time_with_a_method_without_one_is_refused(tmp_path, capsys):
    path = tmp_path / "pd.nfg"
    gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    assert main(["solve", str(path), "--method", "pure", "--max-time", "5"]) == 2
    assert "takes no max_time option" in _one_line_error(capsys.readouterr().err)


# ---------------------------------------------------------------------------------- runtime failures: exit 1
def _hard_game(tmp_path):
    import numpy as np

    game = gt.NormalFormGame(np.random.default_rng(1).random((4, 6, 6, 6, 6)))
    path = tmp_path / "hard.nfg"
    gt.io.write_nfg(game, path)
    return path


def test_solver_out_of_time_exit_1(tmp_path, capsys):
    # simpdiv cannot finish a random 6x6x6x6 game in a millisecond: it returns no equilibrium, converged False
    path = _hard_game(tmp_path)
    assert main(["solve", str(path), "--method", "simpdiv", "--max-time", "0.001"]) == 1
    captured = capsys.readouterr()
    assert "simpdiv: 0 equilibria" in captured.out
    lines = captured.err.strip().splitlines()
    assert lines[0].startswith("warning: ConvergenceWarning: simpdiv: no equilibrium") and "time limit" in lines[0]
    assert lines[-1] == f"error: solve: simpdiv found no equilibrium of {path} (see the warning above)."
    assert "Traceback" not in captured.err


def test_solver_out_of_time_json_still_printed_exit_1(tmp_path, capsys):
    path = _hard_game(tmp_path)
    assert main(["solve", str(path), "--json", "--method", "simpdiv", "--max-time", "0.001"]) == 1
    captured = capsys.readouterr()
    (res,) = json.loads(captured.out)["results"]
    assert res["equilibria"] == [] and res["converged"] is False
    assert captured.err.strip().splitlines()[-1].startswith("error: solve: simpdiv found no equilibrium")


def test_no_pure_equilibrium_is_an_answer_not_a_failure(tmp_path, capsys):
    # matching pennies has no pure equilibrium: pure returns none, complete and converged: exit 0
    path = tmp_path / "mp.nfg"
    gt.io.write_nfg(gt.catalog.matching_pennies(), path)
    assert main(["solve", str(path), "--method", "pure"]) == 0
    assert "pure: 0 equilibria (all of their kind)" in capsys.readouterr().out


def test_out_of_memory_exit_1(tmp_path, capsys, monkeypatch):
    import gametheory_af.__main__ as cli

    def hungry(*args):
        raise MemoryError

    monkeypatch.setattr(cli, "_solve_game", hungry)
    path = tmp_path / "pd.nfg"
    gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    assert main(["solve", str(path)]) == 1
    assert "out of memory" in _one_line_error(capsys.readouterr().err)


def test_solver_failure_subprocess_exit_1(tmp_path):
    path = _hard_game(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "gametheory_af", "solve", str(path), "--method", "simpdiv", "--max-time", "0.001"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and proc.stderr.strip().splitlines()[-1].startswith("error: ")


def test_solve_json_is_stamped(tmp_path, capsys):
    path = tmp_path / "pd.nfg"
    gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    data = _solve_json(capsys, path)
    assert list(data)[:2] == ["schema", "schema_version"]
    assert data["schema"] == "urn:gametheory-af:schema:solve:1.0" and data["schema_version"] == "1.0"
    assert data["players"] == ["Row", "Column"] and data["strategies"] == [["Cooperate", "Defect"]] * 2
    assert data["options"] == {"method": None, "exact": False, "max_equilibria": None, "max_time": None}


def test_interrupt_and_broken_pipe(tmp_path, capsys, monkeypatch):
    import gametheory_af.__main__ as cli

    path = tmp_path / "pd.nfg"
    gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    for exc, status in ((KeyboardInterrupt, 130), (BrokenPipeError, 1)):

        def raising(*args, exc=exc):
            raise exc

        monkeypatch.setattr(cli, "_solve_game", raising)
        assert main(["solve", str(path)]) == status
    assert "error: interrupted" in capsys.readouterr().err


def test_repeated_warnings_are_printed_once(tmp_path, capsys, monkeypatch):
    import warnings

    import gametheory_af.__main__ as cli

    def noisy(game, *options):
        for _ in range(3):
            warnings.warn("the same\nthing", RuntimeWarning, stacklevel=1)
        warnings.warn("another", UserWarning, stacklevel=1)
        return [gt.pure_nash(game)]

    monkeypatch.setattr(cli, "_solve_game", noisy)
    path = tmp_path / "pd.nfg"
    gt.io.write_nfg(gt.catalog.prisoners_dilemma(), path)
    assert main(["solve", str(path)]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "warning: RuntimeWarning: the same thing",
        "warning: UserWarning: another",
    ]
