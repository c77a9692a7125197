"""Hypothesis fuzzing of the scenario-file reader (``Parameters.from_toml``).

Every input, however mangled, either reads as a valid ``Parameters`` or is refused with a
``GameError`` or ``TypeError`` naming what is wrong: never another exception, never a hang,
never code run. Inputs are small (a few kB), so each example is cheap by construction; a
``signal.alarm`` watchdog turns a hang into a failure instead of a stuck run.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.scenarios.afghanistan import Parameters

SHIPPED = resources.files("gametheory_af.scenarios").joinpath("afghanistan.toml").read_text(encoding="utf-8")
NAMES = list(Parameters.names())

#: Tokens a hostile or careless file might hold in a value position.
NASTY = [
    "1e99999999", "-1e-99999999", '"1e-99999999"', '"9**9**9**9"', "nan", "inf", "-inf", '"nan"',
    "1_0", '"1_0"', '"١٢"', "0x10", '"__import__(\'os\')"', '"().__class__"', "true", "[1, 2]",
    "{a = 1}", '"2/0"', '"1/3"', "0.5", "-0.0", "1e400", '"1e400"', "12345678901234567890123", '""',
    "'2/5'", '"2/5 "', "1979-05-27", '"0.5\\u0000"',
]


@contextmanager
def watchdog(seconds: int = 10) -> Iterator[None]:
    """Fail the example (instead of hanging the run) when it takes more than *seconds*."""

    def _fire(signum: int, frame: object) -> None:
        raise AssertionError(f"from_toml did not return within {seconds} s")

    old = signal.signal(signal.SIGALRM, _fire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _read(text: str) -> None:
    with watchdog():
        try:
            params = Parameters.from_toml(text)
        except (gt.GameError, TypeError) as err:
            assert str(err), "an error must say what is wrong"
            return
    assert isinstance(params, Parameters)
    for name in NAMES:  # every value read is an in-bounds exact number
        getattr(params, name)


@settings(max_examples=150)
@given(st.data())
def test_mutated_shipped_file_parses_or_is_refused(data: st.DataObject) -> None:
    lines = SHIPPED.splitlines()
    n_edits = data.draw(st.integers(1, 4))
    for _ in range(n_edits):
        i = data.draw(st.integers(0, len(lines) - 1))
        kind = data.draw(st.sampled_from(["drop", "dup", "value", "bytes", "key"]))
        if kind == "drop":
            del lines[i]
        elif kind == "dup":
            lines.insert(i, lines[i])
        elif kind == "value" and "=" in lines[i]:
            key = lines[i].split("=", 1)[0]
            lines[i] = f"{key}= {data.draw(st.sampled_from(NASTY))}"
        elif kind == "key":
            lines.insert(i, f"{data.draw(st.sampled_from(NAMES + ['scenario', 'description', 'x', '__class__']))} = "
                            f"{data.draw(st.sampled_from(NASTY))}")
        else:
            junk = data.draw(st.text(alphabet=st.characters(codec="utf-8"), max_size=12))
            pos = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + junk + lines[i][pos:]
        if not lines:
            lines = [""]
    _read("\n".join(lines))


@settings(max_examples=150)
@given(st.dictionaries(st.sampled_from(NAMES), st.sampled_from(NASTY), max_size=4))
def test_hostile_values_are_refused_or_exact(values: dict[str, str]) -> None:
    _read("\n".join(f"{k} = {v}" for k, v in values.items()))


@settings(max_examples=100)
@given(st.binary(max_size=256))
def test_random_bytes_are_refused_or_read(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("toml") / "scenario.toml"
    path.write_bytes(raw)
    with watchdog():
        try:
            Parameters.from_toml(path)
        except (gt.GameError, TypeError) as err:
            assert str(err)


def test_the_fuzzer_can_fail() -> None:
    """The oracle is not vacuous: a value off its bounds is refused, a good one read exactly."""
    with pytest.raises(gt.GameError, match="leverage"):
        Parameters.from_toml("leverage = 7")
    assert Parameters.from_toml('leverage = "1/3"').leverage == __import__("fractions").Fraction(1, 3)
