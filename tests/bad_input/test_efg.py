"""Bad input to read_efg and to_efg: each a GameError (or TypeError) naming what is wrong and where."""

from __future__ import annotations

import pathlib

import pytest

import gametheory_af as gt
from gametheory_af import GameError
from gametheory_af.trees.efg import read_efg, to_efg

from ._check import case, run_case

H = 'EFG 2 R "t" { "A" "B" } ""\n'
P2 = 'p "" 1 1 "" { "a" "b" } 0\n'


def _limited(text: str, **limits: int) -> object:
    with gt.limits(**limits):
        return read_efg(text)


def _many_nodes(n: int) -> str:
    """A chain of *n* decision nodes, each with a terminal sibling: 2n + 1 nodes."""
    return H + "".join(f'p "" 1 {k + 1} "" {{ "a" "b" }} 0 t "" 0\n' for k in range(n)) + 't "" 0\n'


CASES = [
    # the source
    case(lambda: read_efg(5), TypeError, ("source", "5"), id="source-int"),  # type: ignore[arg-type]
    case(lambda: read_efg("/nonexistent/x.efg"), GameError, ("no such file", "/nonexistent/x.efg"), id="missing-file"),
    case(lambda: read_efg("/"), GameError, ("not a file", "'/'"), id="directory"),
    # the header
    case(
        lambda: read_efg('NFG 1 R "t" { "A" } { 1 } 0'),
        GameError,
        ("must start with 'EFG'", "'NFG'"),
        id="wrong-header",
    ),
    case(lambda: read_efg("\ufeff" + H + 't "" 0'), GameError, ("'EFG'", "byte-order mark"), id="bom"),
    case(lambda: read_efg('EFG 3 R "t" { "A" } t "" 0'), GameError, ("version 2", "'3'"), id="version"),
    case(lambda: read_efg('EFG 2 X "t" { "A" } t "" 0'), GameError, ("'R' or 'D'", "'X'"), id="data-type"),
    case(lambda: read_efg('EFG 2 R t { "A" } t "" 0'), GameError, ("the title", "'t'"), id="title-unquoted"),
    case(lambda: read_efg('EFG 2 R "t" { } t "" 0'), GameError, ("no players",), id="no-players"),
    case(
        lambda: read_efg('EFG 2 R "t" { "A" 1 } t "" 0'),
        GameError,
        ("close the player names", "'1'"),
        id="player-unquoted",
    ),
    # sizes read from the file, bounded before the arrays are built
    case(
        lambda: _limited(_many_nodes(600), max_entries=1000),
        GameError,
        ("1,201 tree nodes", "max_entries=1,000"),
        id="too-many-nodes",
    ),
    case(
        lambda: _limited(_many_nodes(33_000), max_entries=1000),
        GameError,
        ("65,536 tree nodes", "max_entries=1,000"),
        id="too-many-nodes-while-reading",
    ),
    case(
        lambda: _limited(H + 't "" 0', max_bytes=10),
        GameError,
        ("characters of .efg text", "max_bytes=10"),
        id="text-beyond-max-bytes",
    ),
    case(
        lambda: read_efg(H + 'p "" 1000000000 1 "" { "a" } 0 t "" 0'),
        GameError,
        ("player number 1000000000", "1..2"),
        id="player-1e9",
    ),
    case(
        lambda: read_efg(H + 'p "" 1 1 "" { "a" } 0 t "" ' + "9" * 40),
        GameError,
        ("outcome number", "18 digits", "line 2"),
        id="outcome-40-digits",
    ),
    case(
        lambda: read_efg(H + 't "" 1000000000'),
        GameError,
        ("outcome 1000000000", "referenced before it is described"),
        id="unknown-outcome-1e9",
    ),
    case(
        lambda: read_efg(H + 'p "" 1 ' + "1" * 30 + ' "" { "a" } 0 t "" 0'),
        GameError,
        ("information set number", "18 digits"),
        id="infoset-30-digits",
    ),
    # numbers
    case(
        lambda: read_efg(H + 't "" 1 "" { 1e' + "9" * 1_000_000 + " 2 }"),
        GameError,
        ("payoff 1 of outcome 1", "max_digits"),
        id="million-digit-exponent",
    ),
    case(
        lambda: read_efg(H + 't "" 1 "" { 1e99999999 2 }'),
        GameError,
        ("payoff 1 of outcome 1", "99,999,999", "max_exponent"),
        id="huge-exponent",
    ),
    case(
        lambda: read_efg(H + 't "" 1 "" { ' + "9" * 5000 + " 2 }"),
        GameError,
        ("payoff 1 of outcome 1", "5,000 digits"),
        id="many-digits",
    ),
    case(lambda: read_efg(H + 't "" 1 "" { 1e400 2 }'), GameError, ("'1e400'", "float64"), id="beyond-float64"),
    case(lambda: read_efg(H + 't "" 1 "" { +5 2 }'), GameError, ("payoff 1 of outcome 1", "'+5'"), id="plus-sign"),
    case(
        lambda: read_efg(H + 't "" 1 "" { 1/0 2 }'),
        GameError,
        ("payoff 1 of outcome 1", "divides by zero"),
        id="divide-by-zero",
    ),
    case(
        lambda: read_efg(H + 't "" 1 "" { x 2 }'), GameError, ("payoff 1 of outcome 1", "'x'"), id="payoff-not-a-number"
    ),
    # chance probabilities
    case(
        lambda: read_efg(H + 'c "" 1 "" { "x" 1/2 "y" 1/3 } 0 t "" 0 t "" 0'),
        GameError,
        ("chance information set 1", "sum to 5/6, not 1"),
        id="probabilities-sum",
    ),
    case(
        lambda: read_efg(H + 'c "" 1 "" { "x" 3/2 "y" -1/2 } 0 t "" 0 t "" 0'),
        GameError,
        ("chance information set 1", "-1/2", ">= 0"),
        id="negative-probability",
    ),
    case(
        lambda: read_efg(H + 'c "" 1 "" { "x" 1/2 "y" 1/2 } 0 c "" 1 "" { "x" 1/3 "y" 2/3 } 0 t "" 0 t "" 0 t "" 0'),
        GameError,
        ("chance information set 1", "restated", "probabilities"),
        id="chance-restated-other-probabilities",
    ),
    case(
        lambda: read_efg(H + 'c "" 7 0 t "" 0'),
        GameError,
        ("chance information set 7", "referenced before it is described"),
        id="chance-undefined",
    ),
    case(lambda: read_efg(H + 'c "" 1 "" { } 0'), GameError, ("chance action label", "'}'"), id="chance-no-actions"),
    # information sets
    case(
        lambda: read_efg(
            H
            + 'p "" 1 1 "" { "x" "y" } 0 p "" 2 1 "" { "a" "b" } 0 t "" 0 t "" 0 p "" 2 1 "" { "a" "c" } 0 t "" 0 t "" 0'
        ),
        GameError,
        ("information set 1 of player 2", "restated", "['a', 'c']", "['a', 'b']"),
        id="infoset-mixes-action-sets",
    ),
    case(
        lambda: read_efg(
            H
            + 'p "" 1 1 "I" { "x" "y" } 0 p "" 2 1 "" { "a" "b" } 0 t "" 0 t "" 0 p "" 1 1 "J" { "x" "y" } 0 t "" 0 t "" 0'
        ),
        GameError,
        ("information set 1 of player 1", "another label", "'J'"),
        id="infoset-restated-other-label",
    ),
    case(
        lambda: read_efg(H + 'p "" 2 4 0 t "" 0'),
        GameError,
        ("information set 4 of player 2", "referenced before it is described"),
        id="infoset-undefined",
    ),
    case(
        lambda: read_efg(H + 'p "" 3 1 "" { "a" } 0 t "" 0'),
        GameError,
        ("player number 3", "('A', 'B')"),
        id="infoset-unknown-player",
    ),
    case(lambda: read_efg(H + 'p "" 0 1 "" { "a" } 0 t "" 0'), GameError, ("player number 0",), id="player-zero"),
    case(lambda: read_efg(H + 'p "" 1 1 "" { } 0'), GameError, ("action label", "line 2"), id="no-actions"),
    case(
        lambda: read_efg(H + 'p "" 1 1 "" { "a" "b" } 0 p "" 1 1 0 t "" 0 t "" 0 t "" 0'),
        GameError,
        ("information set", "the root", "descendant"),
        id="absent-minded",
    ),
    # outcomes
    case(
        lambda: read_efg(H + 'p "" 1 1 "" { "a" "b" } 0 t "" 3 t "" 0'),
        GameError,
        ("outcome 3", "referenced before it is described", "line 2"),
        id="unknown-outcome",
    ),
    case(
        lambda: read_efg(H + 't "" 0 "o" { 1 2 }'),
        GameError,
        ("null outcome 0", "'\"o\"'"),
        id="null-outcome-with-payoffs",
    ),
    case(
        lambda: read_efg(H + P2 + 't "" 1 "o" { 1 2 } t "" 1 "o" { 1 3 }'),
        GameError,
        ("outcome 1", "restated", "payoffs"),
        id="outcome-restated-other-payoffs",
    ),
    case(
        lambda: read_efg(H + P2 + 't "" 1 "o" { 1 2 } t "" 1 "q" { 1 2 }'),
        GameError,
        ("outcome 1", "restated", "label"),
        id="outcome-restated-other-label",
    ),
    case(lambda: read_efg(H + 't "" 1 "o" { 1 }'), GameError, ("payoff 2 of outcome 1", "'}'"), id="too-few-payoffs"),
    case(
        lambda: read_efg(H + 't "" 1 "o" { 1 2 3 }'),
        GameError,
        ("'}' after the 2 payoffs of outcome 1", "'3'"),
        id="too-many-payoffs",
    ),
    # structure
    case(lambda: read_efg(H + P2 + 't "" 0'), GameError, ("the file ends after 2 nodes",), id="truncated"),
    case(
        lambda: read_efg(H + 't "" 0 t "" 0'),
        GameError,
        ("complete after 1 nodes", "'t'", "line 2"),
        id="trailing-nodes",
    ),
    case(lambda: read_efg(H + 'x "" 0'), GameError, ("node type", "'x'"), id="unknown-node-type"),
    case(lambda: read_efg(H + 't "abc 0'), GameError, ("never closed", "line 2"), id="unclosed-label"),
    case(lambda: read_efg(H + 't "a\x01b" 0'), GameError, ("node label", "control character"), id="control-character"),
    case(lambda: read_efg(H + "t x 0"), GameError, ("node label", "'x'"), id="label-unquoted"),
    # to_efg
    case(
        lambda: to_efg(gt.catalog.prisoners_dilemma()), TypeError, ("game", "ExtensiveFormGame"), id="to-efg-not-a-tree"
    ),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call, exc, names):  # type: ignore[no-untyped-def]
    run_case(call, exc, names)


def test_file_beyond_max_bytes_is_refused_before_reading(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "big.efg"
    p.write_text(_many_nodes(50))
    with gt.limits(max_bytes=100), pytest.raises(GameError, match="bytes of .efg text"):
        read_efg(p)


def test_not_utf8(tmp_path) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "latin.efg"
    p.write_bytes(H.encode() + b't "\xe9" 0')
    with pytest.raises(GameError, match="not UTF-8 text: byte 0xe9"):
        read_efg(p)


def test_unreadable_path(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(GameError, match="no such file"):
        read_efg(pathlib.Path("bad\x00path.efg"))
    p = tmp_path / "x.efg"
    p.write_text(H + 't "" 0')

    def refuse(self):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse)
    with pytest.raises(GameError, match="cannot read .*Permission denied"):
        read_efg(p)
