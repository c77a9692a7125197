"""Gambit .nfg and JSON input/output, and round trips with pygambit."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given

import gametheory_af as gt
from gametheory_af import io
from tests.strategies import games

PAYOFF_FORM = 'NFG 1 R "PD" { "Row" "Col" } { 2 2 }\n\n3 3 5 0 0 5 1 1\n'
OUTCOME_FORM = """NFG 1 R "two" { "A" "B" }

{ { "u" "d" }
{ "l" "r" }
}
""

{
{ "first" 1, 1/2 }
{ "" 2.5, -3 }
}
1 2 0 1
"""


def test_read_payoff_form():
    g = gt.read_nfg(PAYOFF_FORM)
    assert g.players == ("Row", "Col")
    assert g.payoffs[0].tolist() == [[3, 0], [5, 1]]
    assert g.payoffs[1].tolist() == [[3, 5], [0, 1]]


def test_read_outcome_form_exact():
    g = gt.read_nfg(OUTCOME_FORM)
    assert g.strategies == (("u", "d"), ("l", "r"))
    ex = g.exact_payoffs()
    # profiles in order (u,l), (d,l), (u,r), (d,r) -> outcomes 1, 2, 0, 1
    assert ex[:, 0, 0].tolist() == [1, Fraction(1, 2)]
    assert ex[:, 1, 0].tolist() == [Fraction(5, 2), -3]
    assert ex[:, 0, 1].tolist() == [0, 0]


@pytest.mark.parametrize("entry", gt.catalog.entries(), ids=lambda e: e.name)
def test_nfg_round_trip_catalog(entry, tmp_path):
    path = tmp_path / "g.nfg"
    io.write_nfg(entry.game, path)
    assert gt.read_nfg(path) == entry.game
    assert gt.read_nfg(str(path)) == entry.game


@given(games(max_players=3, integer=False))
def test_nfg_round_trip_floats(g):
    assert np.array_equal(gt.read_nfg(g.to_nfg()).payoffs, g.payoffs)


@pytest.mark.parametrize(
    "text, match",
    [
        ("XFG 1 R { }", "must start with 'NFG'"),
        ('NFG 2 R "t" { "A" } { 1 } 0', "version 1"),
        ('NFG 1 R "t" { "A" "B" } { 2 2 } 1 2 3', "asks for 8 payoffs; the file ends after 3"),
        ('NFG 1 R "t" { "A" "B" } { 2 2 } 1 2 3 4 5 6 7 x', r"expected payoff 8 \(player 2, profile 4\) \(a number\) at line 1; found 'x'"),
        ('NFG 1 R "t" { "A" "B" } { 2 2 } 1 2 3 4 5 6 7 8 9', r"asks for 8 payoffs; the file has 1 more token\(s\), starting with '9'"),
        ('NFG 1 R "t" { "A" "B" } { 2 0 }', "must be a whole number >= 1"),
        ('NFG 1 R "t" { "A" } { 1 } { { "" 1 } } 2', "must be one of 0..1; got 2"),
        ('NFG 1 R "t" { "A" "B" } { 1 1 } { { "" 1 } } 1', "expected outcome 1's payoff 2 \\(a number\\) at line 1; found '}'"),
    ],
)
def test_malformed_nfg(text, match):
    with pytest.raises(gt.GameError, match=match):
        gt.read_nfg(text)


def test_missing_file():
    with pytest.raises(gt.GameError, match="no such file"):
        gt.read_nfg("/nonexistent/game.nfg")


def test_json_round_trip():
    g = gt.NormalFormGame.from_bimatrix([[Fraction(1, 3), 2]], [[0, Fraction(-7, 2)]])
    h = io.from_json(io.to_json(g))
    assert h.is_exact and (h.exact_payoffs() == g.exact_payoffs()).all()
    with pytest.raises(gt.GameError, match="not valid JSON"):
        io.from_json("{")
    with pytest.raises(gt.GameError, match="unknown keys"):
        io.game_from_dict({"payoffs": [[1]], "colour": "red"})


@pytest.mark.parametrize(
    "payoffs, match",
    [
        ([["1/0"]], "divides by zero"),
        ([["abc"]], "must be a number such as 3, -2.5, 1e-3 or 2/3; got 'abc'"),
        ([["nan"]], "got 'nan'"),
        ([[1, 2], [1]], "ragged"),
        ([[[1, 2], [1]]], "ragged"),
        (5, r"must be nested lists of shape \(n_players, s_1, ..., s_n\); got 5"),
        ([[["1/3"]]], r"of shape \(1, 1, 1\) describes 1 players but has 2 strategy axes"),
    ],
    ids=["zero-denominator", "junk", "nan", "ragged", "ragged-deep", "scalar", "wrong-depth"],
)
def test_exact_dict_with_bad_payoffs(payoffs, match):
    with pytest.raises(gt.GameError, match="game_from_dict: .*" + match):
        io.game_from_dict({"payoffs": payoffs, "exact": True})


@pytest.mark.parametrize("func", [io.to_nfg, io.to_nashpy, io.game_to_dict, io.to_json])
def test_writers_reject_non_games(func):
    with pytest.raises(TypeError, match=r"game must be a NormalFormGame; got None \(NoneType\)"):
        func(None)
    with pytest.raises(TypeError, match=r"to_nfg: title must be a string; got 3 \(int\)"):
        io.to_nfg(gt.catalog.chicken(), title=3)


def test_nfg_exponents_have_no_plus_sign():
    # Gambit's .nfg reader fails on "1.5e+20"; payoffs of 2**53 and beyond are written "1.5e20".
    g = gt.NormalFormGame.from_bimatrix([[1.5e20, -2.5e-12]], [[1e-7, -3e300]])
    text = io.to_nfg(g)
    assert "e+" not in text and "1.5e20" in text and "-3e300" in text
    assert io.read_nfg(text) == g


class TestPygambit:
    gbt = pytest.importorskip("pygambit")

    def test_pygambit_reads_large_and_small_floats(self):
        g = gt.NormalFormGame.from_bimatrix([[1.5e20, -2.5e-12]], [[1e-7, -3e300]])
        G = self.gbt.read_nfg(__import__("io").StringIO(g.to_nfg()))
        assert all(np.array_equal(np.array(a, dtype=float), g.payoffs[i]) for i, a in enumerate(G.to_arrays()))

    @pytest.mark.parametrize("entry", gt.catalog.entries(), ids=lambda e: e.name)
    def test_pygambit_reads_our_nfg(self, entry, tmp_path):
        path = tmp_path / "g.nfg"
        io.write_nfg(entry.game, path)
        G = self.gbt.read_nfg(str(path))
        arrays = G.to_arrays()
        for i in range(entry.game.n_players):
            assert np.array_equal(np.array(arrays[i], dtype=float), entry.game.payoffs[i])
        assert [p.label for p in G.players] == list(entry.game.players)
        assert [[s.label for s in p.strategies] for p in G.players] == [list(s) for s in entry.game.strategies]

    @pytest.mark.parametrize("seed", range(5))
    def test_we_read_pygambits_nfg(self, seed):
        rng = np.random.default_rng(seed)
        shape = tuple(rng.integers(1, 4, size=rng.integers(2, 4)))
        u = rng.integers(-9, 10, size=(len(shape), *shape))
        G = self.gbt.Game.from_arrays(*[u[i] for i in range(len(shape))])
        g = gt.read_nfg(G.to_nfg())
        assert np.array_equal(g.payoffs, u)
        # ... and back: pygambit reads what we write of it.
        H = self.gbt.read_nfg(__import__("io").StringIO(g.to_nfg()))
        assert all(np.array_equal(np.array(a, dtype=float), u[i]) for i, a in enumerate(H.to_arrays()))
