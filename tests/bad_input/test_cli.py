"""Bad input to the command line: each is one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import contextlib
import io
import pathlib
import tempfile

import pytest

from gametheory_af.__main__ import main

from ._check import case, run_case


class CliExit(Exception):
    """The command line ended with a non-zero status: ``"exit <status>: <stderr>"``."""


def cli(argv: list[str]) -> None:
    """Run ``main(argv)``; raise CliExit when it fails, after checking the error is one clean line."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(argv)
    text = err.getvalue()
    assert "Traceback" not in text
    if status:
        lines = text.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), text
        raise CliExit(f"exit {status}: {lines[0]}")


TMP = pathlib.Path(tempfile.mkdtemp(prefix="gametheory_af_bad_cli_"))


def _file(name: str, data: bytes) -> str:
    path = TMP / name
    path.write_bytes(data)
    return str(path)


BIG = _file("big.nfg", b'NFG 1 R "t" { "A" "B" } { 1 1 } 1e400 2\n')
LATIN = _file("latin.nfg", b'NFG 1 R "caf\xe9" { "A" "B" } { 1 1 } 1 2\n')
HUGE = _file("huge.nfg", b'NFG 1 R "t" { "A" "B" "C" } { 1000 1000 1000 } 0\n')
EMPTY = _file("empty.nfg", b"")
COMMA = _file("comma.nfg", b'NFG 1 R "t" { "A" "B" } { 1 1 } 1, 2\n')
TOML_LATIN = _file("latin.toml", b'scenario = "caf\xe9"\n')
TOML_BAD = _file("bad.toml", b'leverage = "abc"\n')
TOML_BOUNDS = _file("bounds.toml", b"leverage = 9\n")
TOML_UNKNOWN = _file("unknown.toml", b"sanctuary = 1\n")
TOML_SYNTAX = _file("syntax.toml", b"leverage = \n")
MISSING = str(TMP / "missing.nfg")

CASES = [
    case(lambda: cli(["solve", MISSING]), CliExit, ("exit 2", "no such file", MISSING), id="solve-missing"),
    case(lambda: cli(["solve", str(TMP)]), CliExit, ("exit 2", "not a file", str(TMP)), id="solve-directory"),
    case(lambda: cli(["solve", LATIN]), CliExit, ("exit 2", "not UTF-8", "0xe9"), id="solve-non-utf8"),
    case(lambda: cli(["solve", BIG]), CliExit, ("exit 2", "payoff 1", "'1e400'", "float64"), id="solve-1e400"),
    case(lambda: cli(["solve", HUGE]), CliExit, ("exit 2", "{ 1000 1000 1000 }", "max_entries"), id="solve-huge-header"),
    case(lambda: cli(["solve", EMPTY]), CliExit, ("exit 2", "'NFG'", "end of the file"), id="solve-empty"),
    case(lambda: cli(["solve", COMMA]), CliExit, ("exit 2", "payoff 2", "','"), id="solve-comma"),
    case(lambda: cli(["--params", TOML_LATIN]), CliExit, ("exit 2", "not UTF-8", TOML_LATIN), id="params-non-utf8"),
    case(lambda: cli(["--params", TOML_BAD]), CliExit, ("exit 2", "leverage", "'abc'"), id="params-text-value"),
    case(lambda: cli(["--params", TOML_BOUNDS]), CliExit, ("exit 2", "leverage", "9"), id="params-out-of-bounds"),
    case(lambda: cli(["--params", TOML_UNKNOWN]), CliExit, ("exit 2", "'sanctuary'"), id="params-unknown"),
    case(lambda: cli(["--params", TOML_SYNTAX]), CliExit, ("exit 2", "TOML", TOML_SYNTAX), id="params-syntax"),
    case(lambda: cli(["--params", str(TMP)]), CliExit, ("exit 2", str(TMP)), id="params-directory"),
    case(lambda: cli(["--params", MISSING]), CliExit, ("exit 2", MISSING), id="params-missing"),
    case(lambda: cli(["--bogus"]), CliExit, ("exit 2", "--bogus", "--help"), id="unknown-option"),
    case(lambda: cli(["solve"]), CliExit, ("exit 2", "file", "--help"), id="solve-no-file"),
    case(lambda: cli(["frobnicate"]), CliExit, ("exit 2", "'frobnicate'", "--help"), id="unknown-command"),
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)
