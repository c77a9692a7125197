"""Bad input to the readers and writers: read_nfg, game_from_dict, from_json, to_nfg and friends."""

from __future__ import annotations

import pytest

import gametheory_af as gt
from gametheory_af import GameError, io

from ._check import case, run_case

H = 'NFG 1 R "t" { "A" "B" } { 1 1 } '
PD = gt.catalog.prisoners_dilemma()
BAD_NAME = gt.NormalFormGame([[[1]], [[2]]], players=["a\\\\b", "B"])
TAB_NAME = gt.NormalFormGame([[[1]], [[2]]], players=["a\tb", "B"])
read = io.read_nfg
fd = io.game_from_dict

CASES = [
    # read_nfg: the source
    case(lambda: read(5), TypeError, ("source", "5"), id="source-int"),
    case(lambda: read(None), TypeError, ("source", "None"), id="source-none"),
    case(lambda: read("/nonexistent/x.nfg"), GameError, ("no such file", "/nonexistent/x.nfg"), id="missing-file"),
    # read_nfg: numbers
    case(lambda: read(H + "1_0 2"), GameError, ("payoff 2", "'_0'"), id="underscore"),
    case(lambda: read(H + "+5 2"), GameError, ("payoff 1", "'+5'"), id="plus-sign"),
    case(lambda: read(H + "1e+2 2"), GameError, ("payoff 1", "'1e+2'"), id="exponent-plus"),
    case(lambda: read(H + "1e99999999 2"), GameError, ("payoff 1", "99,999,999", "max_exponent"), id="huge-exponent"),
    case(lambda: read(H + "9" * 5000 + " 2"), GameError, ("payoff 1", "5,000 digits", "max_digits"), id="many-digits"),
    case(lambda: read(H + "1e400 2"), GameError, ("payoff 1", "'1e400'", "float64"), id="beyond-float64"),
    case(lambda: read(H + "1/0 2"), GameError, ("payoff 1", "'1/0'"), id="zero-denominator"),
    case(lambda: read(H + "\u0661 2"), GameError, ("payoff 1", "'\u0661'"), id="arabic-indic-digit"),
    case(lambda: read(H + "inf 2"), GameError, ("payoff 1", "'inf'"), id="inf"),
    case(lambda: read(H + "1, 2"), GameError, ("payoff 2", "','"), id="stray-comma"),
    case(lambda: read(H + "1\x01 2"), GameError, ("payoff 2", "'\\x01'"), id="control-character"),
    # read_nfg: structure and sizes
    case(lambda: read('NFG 1 R "t" { "A" "B" "C" } { 1000 1000 1000 } 0'), GameError, ("{ 1000 1000 1000 }", "3,000,000,000", "max_entries"), id="huge-header"),
    case(lambda: read('NFG 1 R "t" { "A" "B" } { 0 1 }'), GameError, ("number of strategies", "'0'"), id="zero-count"),
    case(lambda: read('NFG 1 R "t" { "A" "B" } { 1.5 1 } 1 2'), GameError, ("number of strategies", "'1.5'"), id="decimal-count"),
    case(lambda: read('NFG 1 R "t" { "A" "B" } { 2 2 } 1 2 3'), GameError, ("{ 2 2 }", "8 payoffs", "ends after 3"), id="too-few-payoffs"),
    case(lambda: read(H + "1 2 3 4"), GameError, ("{ 1 1 }", "2 payoffs", "2 more", "'3'"), id="too-many-payoffs"),
    case(lambda: read('NFG 1 R "t" { "A\x01" "B" } { 1 1 } 1 2'), GameError, ("player 1's name", "'\\x01'"), id="label-control"),
    case(lambda: read(H + '{ { "x" 1 2 } } 2'), GameError, ("outcome number of profile 1", "got 2"), id="outcome-index"),
    case(lambda: read(H + '{ { "x" 1 } } 1'), GameError, ("outcome 1's payoff 2", "'}'"), id="outcome-short"),
    case(lambda: read('\ufeffNFG 1 R "t" { "A" } { 1 } 1'), GameError, ("'NFG'", "byte-order mark"), id="bom"),
    case(lambda: read('NFG 2 R "t" { "A" } { 1 } 1'), GameError, ("version", "'2'"), id="version"),
    case(lambda: read('NFG 1 R "t" { } { } 1'), GameError, ("no players", "{ }"), id="no-players"),
    case(lambda: read('NFG 1 R "t" { "A" "B } { 1 1 } 1 2'), GameError, ("never closed", "line 1"), id="unterminated-label"),
    # game_from_dict
    case(lambda: fd(5), TypeError, ("data", "5"), id="dict-int"),
    case(lambda: fd({"payoffs": 5, "exact": True}), GameError, ("data['payoffs']", "5"), id="dict-payoffs-scalar"),
    case(lambda: fd({"payoffs": [[1]], "exact": "no"}), TypeError, ("data['exact']", "'no'"), id="dict-exact-str"),
    case(lambda: fd({"payoffs": [[1]], "exact": 1}), TypeError, ("data['exact']", "1"), id="dict-exact-int"),
    case(lambda: fd({"exact": True}), GameError, ("'payoffs'", "'exact'"), id="dict-no-payoffs"),
    case(lambda: fd({"payoffs": [[1]], "colour": 1}), GameError, ("unknown keys", "'colour'"), id="dict-unknown-key"),
    case(lambda: fd({"payoffs": [["abc"]], "exact": True}), GameError, ("data['payoffs']", "'abc'"), id="dict-junk-string"),
    case(lambda: fd({"payoffs": [["1e99999999"]], "exact": True}), GameError, ("data['payoffs']", "99,999,999"), id="dict-huge-exponent"),
    case(lambda: fd({"payoffs": [[True]], "exact": True}), TypeError, ("data['payoffs']", "True"), id="dict-bool-payoff"),
    case(lambda: fd({"payoffs": [["1/3"]]}), TypeError, ("data['payoffs']", "'1/3'", "exact"), id="dict-string-not-exact"),
    case(lambda: fd({"payoffs": [[1, 2], [1]]}), GameError, ("data['payoffs']", "ragged", "[1, 2]"), id="dict-ragged"),
    case(lambda: fd({"payoffs": [[float("nan")]]}), GameError, ("data['payoffs']", "nan"), id="dict-nan"),
    case(lambda: fd({"payoffs": [[10**400]], "exact": True}), GameError, ("payoffs", "float64"), id="dict-beyond-float64"),
    case(lambda: fd({"payoffs": [[[1]]]}), GameError, ("data['payoffs']", "(1, 1, 1)"), id="dict-wrong-depth"),
    case(lambda: fd({"payoffs": [[1]], "players": "A"}), TypeError, ("players", "'A'"), id="dict-players-str"),
    # from_json
    case(lambda: io.from_json(None), TypeError, ("text", "None"), id="json-none"),
    case(lambda: io.from_json("{"), GameError, ("text", "JSON"), id="json-invalid"),
    case(lambda: io.from_json('{"payoffs": [[1]], "exact": "yes"}'), GameError, ("exact", "'yes'"), id="json-exact-str"),
    # writers
    case(lambda: io.to_nfg(None), TypeError, ("to_nfg", "game", "None"), id="to-nfg-none"),
    case(lambda: io.to_nfg(PD, title=3), TypeError, ("to_nfg", "title", "3"), id="to-nfg-title"),
    case(lambda: io.to_nfg(BAD_NAME), GameError, ("player name", "'a\\\\\\\\b'"), id="to-nfg-backslashes"),
    case(lambda: io.to_nfg(TAB_NAME), GameError, ("player name", "'\\t'"), id="to-nfg-control"),
    case(lambda: io.write_nfg(PD, 3), TypeError, ("write_nfg", "path", "3"), id="write-nfg-path"),
    case(lambda: io.write_nfg([1], "x.nfg"), TypeError, ("write_nfg", "game", "[1]"), id="write-nfg-game"),
    case(lambda: io.game_to_dict("x"), TypeError, ("game_to_dict", "game", "'x'"), id="to-dict-str"),
    case(lambda: io.to_json(3), TypeError, ("to_json", "game", "3"), id="to-json-int"),
    case(lambda: io.to_nashpy(gt.catalog.volunteers_dilemma()), GameError, ("game", "3"), id="to-nashpy-3-players"),
    case(lambda: io.from_nashpy(5), TypeError, ("from_nashpy", "game", "5"), id="from-nashpy-int"),
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)
