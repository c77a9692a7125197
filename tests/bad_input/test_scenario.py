"""Bad input to the flagship scenario: Parameters, scenario files, the model's text arguments, the report."""

from __future__ import annotations

import pathlib

import pytest

import gametheory_af as gt
from gametheory_af.scenarios import _report
from gametheory_af.scenarios import afghanistan as af

from ._check import case, run_case

GE = gt.GameError
P = af.Parameters
T = af.Parameters.from_toml


def _file(tmp: pathlib.Path, name: str, data: bytes) -> pathlib.Path:
    path = tmp / name
    path.write_bytes(data)
    return path


def non_utf8(tmp: pathlib.Path) -> pathlib.Path:
    return _file(tmp, "latin1.toml", "description = \"caf\u00e9\"\nleverage = 1\n".encode("latin-1"))


def huge_file(tmp: pathlib.Path) -> pathlib.Path:
    return _file(tmp, "huge.toml", b"# " + b"x" * 500_000 + b"\nleverage = 1\n")


def evil_file(tmp: pathlib.Path) -> pathlib.Path:
    return _file(tmp, "evil.toml", b'leverage = "1e-99999999"\n')


def scenario_int_file(tmp: pathlib.Path) -> pathlib.Path:
    return _file(tmp, "int.toml", b"scenario = 5\nleverage = 1\n")


# Cases that need a file take the pytest tmp_path through this marker value.
TMP = object()

CASES = [
    # ---- Parameters(...): values
    case(lambda: P(leverage="1e-99999999"), GE, ("leverage", "1e-99999999", "max_exponent"), id="text-huge-exponent"),
    case(lambda: P(leverage="1" * 5000), GE, ("leverage", "5,000 digits"), id="text-too-many-digits"),
    case(lambda: P(leverage="1/0"), GE, ("leverage", "1/0", "divides by zero"), id="text-division-by-zero"),
    case(lambda: P(leverage="a lot"), GE, ("leverage", "a lot"), id="text-not-a-number"),
    case(lambda: P(leverage="__import__('os')"), GE, ("leverage", "__import__"), id="text-exploit"),
    case(lambda: P(leverage="1_0"), GE, ("leverage", "1_0"), id="text-underscore"),
    case(lambda: P(leverage="\uff11"), GE, ("leverage", "\uff11"), id="text-fullwidth-digit"),
    case(lambda: P(leverage=3), GE, ("leverage", "3", "[0, 2]"), id="above-bounds"),
    case(lambda: P(leverage=-1), GE, ("leverage", "-1", "[0, 2]"), id="below-bounds"),
    case(lambda: P(leverage="5/2"), GE, ("leverage", "5/2", "[0, 2]"), id="text-above-bounds"),
    case(lambda: P(leverage=10**5000), GE, ("leverage", "5,000 digits"), id="huge-int"),
    case(lambda: P(leverage=True), GE, ("leverage", "True"), id="bool"),
    case(lambda: P(leverage=None), GE, ("leverage", "None"), id="none"),
    case(lambda: P(leverage=[1]), GE, ("leverage", "[1]"), id="list"),
    case(lambda: P(leverage=float("nan")), GE, ("leverage", "nan"), id="nan"),
    case(lambda: P(leverage=float("inf")), GE, ("leverage", "inf"), id="inf"),
    case(lambda: P(sanctuary=1), TypeError, ("sanctuary",), id="unknown-constructor"),
    case(lambda: P().replace(sanctuary=1), GE, ("sanctuary",), id="unknown-replace"),
    case(lambda: af.model(sanctuary=1), GE, ("sanctuary",), id="unknown-model"),
    case(lambda: af.model(leverage="1e99999999"), GE, ("leverage", "1e99999999"), id="model-huge-text"),
    case(lambda: af.model(params=5), TypeError, ("params", "int"), id="model-params-type"),
    case(lambda: af.Model(5), TypeError, ("params", "int"), id="Model-params-type"),
    # ---- the model's number arguments given as text
    case(lambda: af.model().split(leverage="x"), GE, ("leverage", "'x'"), id="split-text"),
    case(lambda: af.model().split(leverage="1e-99999999"), GE, ("leverage", "1e-99999999"), id="split-huge-text"),
    case(lambda: af.model().split(leverage=float("nan")), GE, ("leverage", "nan"), id="split-nan"),
    case(lambda: af.model().split(leverage=5), GE, ("leverage", "5", "[0, 2]"), id="split-out-of-bounds"),
    case(lambda: af.model().pakistan_willingness(leverage="1e99999999"), GE, ("leverage", "1e99999999"), id="willingness-huge-text"),
    case(lambda: af.model().leverage_threshold(above="abc"), GE, ("above", "abc"), id="threshold-above-text"),
    case(lambda: af.model().leverage_threshold(above=[1]), GE, ("above", "[1]"), id="threshold-above-list"),
    case(lambda: af.model().split("never"), GE, ("withdrawal", "never"), id="split-withdrawal"),
    # ---- TOML text
    case(lambda: T("scenario = 5\n"), TypeError, ("scenario", "5", "int"), id="toml-scenario-int"),
    case(lambda: T("description = [1]\n"), TypeError, ("description", "[1]"), id="toml-description-list"),
    case(lambda: T('leverage = "1e-99999999"\n'), GE, ("leverage", "1e-99999999"), id="toml-huge-exponent-string"),
    case(lambda: T("leverage = 1e99999\n"), GE, ("leverage", "inf"), id="toml-huge-float-literal"),
    case(lambda: T("leverage = " + "9" * 5000 + "\n"), GE, ("TOML", "5000 digits"), id="toml-huge-integer-literal"),
    case(lambda: T("sanctuary = 1\n"), GE, ("sanctuary",), id="toml-unknown-key"),
    case(lambda: T("leverage = true\n"), GE, ("leverage", "True"), id="toml-bool"),
    case(lambda: T("leverage = [1]\n"), GE, ("leverage", "[1]"), id="toml-array"),
    case(lambda: T("[leverage]\nx = 1\n"), GE, ("leverage", "table"), id="toml-table"),
    case(lambda: T("leverage = 1979-05-27\n"), GE, ("leverage", "1979"), id="toml-date"),
    case(lambda: T("refugee_cost = 2\n"), GE, ("refugee_cost", "2", "[0, 1]"), id="toml-out-of-bounds"),
    case(lambda: T('refugee_cost = "__import__(\'os\')"\n'), GE, ("refugee_cost", "__import__"), id="toml-exploit"),
    case(lambda: T("leverage = = 1\n"), GE, ("TOML", "line 1"), id="toml-syntax"),
    case(lambda: T("a = " + "[" * 5000 + "\n"), GE, ("TOML", "nested"), id="toml-deep-nesting"),
    case(lambda: T("x = 1\n" * 20_000), GE, ("scenario", "100,000"), id="toml-text-too-long"),
    case(lambda: T(5), TypeError, ("source", "int"), id="toml-source-type"),
    case(lambda: P().to_toml(scenario=5), TypeError, ("scenario", "5"), id="to-toml-scenario-int"),
    case(lambda: P().to_toml(description=None), TypeError, ("description", "None"), id="to-toml-description-none"),
    # ---- the report
    case(lambda: _report.flagship_report(scenario=5), TypeError, ("scenario", "5"), id="report-scenario-int"),
    case(lambda: _report.flagship_report(5), TypeError, ("params", "int"), id="report-params-int"),
]

FILE_CASES = [
    case(lambda tmp: T(non_utf8(tmp)), GE, ("latin1.toml", "UTF-8", "0xe9"), id="file-not-utf8"),
    case(lambda tmp: T(huge_file(tmp)), GE, ("huge.toml", "max_text"), id="file-too-long"),
    case(lambda tmp: T(evil_file(tmp)), GE, ("leverage", "1e-99999999", "evil.toml"), id="file-huge-exponent"),
    case(lambda tmp: T(scenario_int_file(tmp)), TypeError, ("scenario", "5", "int.toml"), id="file-scenario-int"),
    case(lambda tmp: T(tmp / "missing.toml"), GE, ("missing.toml", "cannot read"), id="file-missing"),
    case(lambda tmp: T(tmp), GE, ("cannot read", "directory"), id="file-is-a-directory"),
    case(lambda tmp: T(str(tmp / "missing.toml")), GE, ("missing.toml",), id="file-missing-str"),
    case(lambda tmp: T(pathlib.Path("/dev/zero")), GE, ("/dev/zero", "max_text"), id="file-endless"),
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call, exc, names):
    run_case(call, exc, names)


@pytest.mark.parametrize("call, exc, names", FILE_CASES)
def test_bad_file(call, exc, names, tmp_path):
    run_case(lambda: call(tmp_path), exc, names)
