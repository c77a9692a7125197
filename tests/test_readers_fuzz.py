"""Fuzzing the readers: mutated .nfg files and random JSON documents.

Every example either reads as a valid game or raises GameError (``game_from_dict``
on a decoded document may also raise TypeError, for a value of the wrong JSON type),
never another exception and never a hang: inputs are small by construction, and a
per-example ``signal.alarm`` watchdog fails an example that runs for 10 s.
"""

from __future__ import annotations

import contextlib
import io as _io
import json
import pathlib
import signal
import tempfile
from collections.abc import Iterator
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af import io

DATA = pathlib.Path(__file__).parent / "data" / "nfg"
SEEDS = [
    (DATA / name).read_text()
    for name in ("sww1.nfg", "pd.nfg", "e04.nfg", "2x2x2.nfg", "coord3.nfg", "mixdom.nfg", "todd1.nfg")
] + [
    gt.catalog.battle_of_the_sexes().to_nfg(),
    gt.NormalFormGame.from_bimatrix([[Fraction(1, 3), 2]], [[-5, Fraction(7, 2)]]).to_nfg(),
    'NFG 1 R "t" { "A" "B" } { { "a" "b" } { "c" } } "comment"\n{ { "x" 1, 2 } { "" -.5 3e2 } } 1 2\n',
]
#: Pieces that the readers must handle: syntax, limits, and characters Gambit refuses.
PIECES = list('0123456789{}",.-+/eE \t\n\r\x0b\x0c\\_') + [
    "\x00", "\x01", "\x1c", "\x7f", "\u00a0", "\u0661", "\uff11", "é", "\ufeff", "NFG", "R", "D", '""',
    "1e400", "1e99999999", "9" * 5000, "99999999", "{ }", "1/0", "inf", "nan", "-0", "\\\"",
]  # fmt: skip

WATCHDOG_SECONDS = 10


@contextlib.contextmanager
def watchdog(seconds: int = WATCHDOG_SECONDS) -> Iterator[None]:
    """Fail the example if it runs for *seconds* (Linux; a no-op where SIGALRM is missing)."""
    if not hasattr(signal, "SIGALRM"):  # pragma: no cover
        yield
        return

    def expired(signum, frame):
        raise AssertionError(f"a reader ran for {seconds} s on one small example: a hang")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@st.composite
def mutated_text(draw) -> str:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "duplicate", "truncate"]))
        i = draw(st.integers(0, len(text)))
        j = min(len(text), i + draw(st.integers(0, 12)))
        if op == "insert":
            text = text[:i] + draw(st.sampled_from(PIECES)) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        elif op == "replace":
            text = text[:i] + draw(st.sampled_from(PIECES)) + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i]
    return text


@st.composite
def mutated_bytes(draw) -> bytes:
    data = bytearray(draw(mutated_text()).encode("utf-8"))
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(data)))
        data[i:i] = draw(st.binary(min_size=1, max_size=3))
    return bytes(data)


def _check_against_pygambit(text: str, g: gt.NormalFormGame) -> None:
    """When pygambit also reads the text, it must see the same game."""
    gbt = pytest.importorskip("pygambit")
    try:
        G = gbt.read_nfg(_io.StringIO(text))
        arrays = G.to_arrays(dtype=Fraction)
    except Exception:  # noqa: BLE001 - pygambit refuses it (a documented divergence, see test_io)
        return
    assert [p.label for p in G.players] == list(g.players)
    assert [[s.label for s in p.strategies] for p in G.players] == [list(s) for s in g.strategies]
    ex = g.exact_payoffs()
    for i in range(g.n_players):
        assert (np.array(arrays[i], dtype=object) == ex[i]).all()


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_text())
def test_read_nfg_mutated_text(text):
    with watchdog():
        try:
            g = io.read_nfg(text)
        except gt.GameError:
            return
    assert isinstance(g, gt.NormalFormGame)
    assert np.isfinite(g.payoffs).all() and not g.payoffs.flags.writeable
    assert len(set(g.players)) == g.n_players and all(g.players)
    # what we read, we write and read back
    assert io.read_nfg(g.to_nfg()) == g
    if text.lstrip().startswith("NFG"):
        _check_against_pygambit(text, g)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated_bytes())
def test_read_nfg_mutated_files(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "fuzz.nfg"
        path.write_bytes(data)
        with watchdog():
            try:
                g = io.read_nfg(path)
            except gt.GameError:
                return
    assert isinstance(g, gt.NormalFormGame)
    assert g == io.read_nfg(data.decode("utf-8"))


# ---------------------------------------------------------------------------------- JSON documents
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(["1/3", "-2.5", "1e-3", "1/0", "abc", "1e99999999", "1e400", "", " 7 ", "nan", "1_0", "\u0661"])
    | st.text(max_size=8)
)
json_values = st.recursive(
    json_scalars, lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=6), c, max_size=4), max_leaves=20
)


@st.composite
def game_documents(draw) -> dict:
    n = draw(st.integers(1, 3))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n, max_size=n)))
    exact = draw(st.sampled_from([True, True, False, False, None, "no", 1, "true"]))
    leaf = draw(st.sampled_from(["int", "int", "float", "str", "mixed"]))
    leaves = {
        "int": st.integers(-(2**64), 2**64),
        "float": st.floats(allow_nan=True, allow_infinity=True),
        "str": st.sampled_from(["1/3", "-2.5", "1e-3", "7", "1/0", "x", "1e400", "1e99999999"]),
        "mixed": json_scalars,
    }[leaf]

    def build(dims):
        if not dims:
            return draw(leaves)
        return [build(dims[1:]) for _ in range(dims[0])]

    payoffs = build((n, *shape))
    if draw(st.integers(0, 3)) == 0 and isinstance(payoffs, list) and payoffs:
        # sometimes make it ragged or mis-shaped
        target = payoffs
        while draw(st.booleans()) and isinstance(target[0], list) and len(target[0]) > 0:
            target = target[0]
        target.append(draw(json_values))
    doc: dict = {"payoffs": payoffs}
    if exact is not None:
        doc["exact"] = exact
    if draw(st.booleans()):
        doc["players"] = draw(
            st.one_of(st.just([f"P{i}" for i in range(n)]), st.lists(st.text(max_size=4), max_size=4), json_values)
        )
    if draw(st.booleans()):
        doc["strategies"] = draw(
            st.one_of(
                st.just([[f"s{j}" for j in range(k)] for k in shape]),
                st.lists(st.lists(st.text(max_size=3), max_size=3), max_size=4),
                json_values,
            )
        )
    if draw(st.integers(0, 9)) == 0:
        doc[draw(st.text(max_size=5))] = draw(json_values)
    return doc


def _from_document(doc) -> gt.NormalFormGame | None:
    with watchdog():
        try:
            g = io.game_from_dict(doc)
        except (gt.GameError, TypeError):
            g = None
        try:
            h = io.from_json(json.dumps(doc))
        except gt.GameError:
            h = None
    assert (g is None) == (h is None)
    if g is not None:
        assert g == h
        assert np.isfinite(g.payoffs).all()
    return g


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(game_documents())
def test_game_documents(doc):
    g = _from_document(doc)
    if g is not None:
        assert io.game_from_dict(io.game_to_dict(g)) == g


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(json_values)
def test_random_json_values(value):
    _from_document(value)
    _from_document({"payoffs": value})
    _from_document({"payoffs": value, "exact": True})


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_mutated_json_text(data):
    doc = data.draw(game_documents())
    text = json.dumps(doc)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(text)))
        text = text[:i] + data.draw(st.sampled_from(list('[]{}",:0123456789.eE-+ ') + ["1e99999999", "9" * 5000, "NaN", "[" * 50])) + text[i + data.draw(st.integers(0, 3)):]
    with watchdog():
        try:
            g = io.from_json(text)
        except gt.GameError:
            return
    assert isinstance(g, gt.NormalFormGame)
