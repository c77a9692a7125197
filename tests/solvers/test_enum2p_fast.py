"""Issue 14's fast paths of two-player enumeration against the answers they replaced, and their routes.

``data/enum2p_reference.json.gz`` holds the answers of :func:`vertex_enumeration` and
:func:`support_enumeration` at commit afc4779 (before the speed-ups), frozen by :func:`_freeze` on the
games of :func:`_cases`: seeded random float games (nondegenerate), small-integer games (mostly
degenerate), large-integer games and the standard-normal games of the benchmarks. Every answer
must stay the same: same warnings, ``complete`` and ``n_iter``, the same equilibria in the same
order with the same supports, profiles and certificates equal to round-off (1e-13; the solves are
now factorised in compiled loops, not by LAPACK).
"""

from __future__ import annotations

import gzip
import json
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import random_game_payoffs
from tests.solvers._two_player import random_bimatrix

REFERENCE = Path(__file__).with_name("data") / "enum2p_reference.json.gz"


def _cases() -> list[tuple[str, str, int, int, int]]:
    """``(method, kind, seed, m, n)`` of every frozen answer."""
    out = []
    for method in ("vertex_enumeration", "support_enumeration"):
        for seed in range(12):
            for m, n in [(2, 2), (3, 3), (4, 6), (6, 4), (5, 5), (6, 6), (7, 7), (8, 8)]:
                out.append((method, "float", seed, m, n))
            for m, n in [(3, 3), (4, 4), (5, 5), (6, 6), (4, 6), (7, 5)]:
                out.append((method, "small", seed, m, n))
            for m, n in [(4, 4), (5, 3)]:
                out.append((method, "large", seed, m, n))
        for seed in range(6):
            for s in (6, 8, 10):
                out.append((method, "normal", seed, s, s))
    return out


def _game(kind: str, seed: int, m: int, n: int) -> gt.NormalFormGame:
    if kind == "normal":
        return gt.NormalFormGame(random_game_payoffs((m, n), seed=seed))
    return random_bimatrix(seed, m, n, kind)


def _answer(method: str, game: gt.NormalFormGame) -> dict[str, Any]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = getattr(gt, method)(game)
    return {
        "warnings": sorted({w.category.__name__ for w in caught}),
        "complete": res.complete,
        "n_iter": res.n_iter,
        "equilibria": [
            {
                "support": [list(s) for s in eq.support],
                "profile": [[float(v).hex() for v in p] for p in eq.profile],
                "payoffs": [float(v).hex() for v in eq.payoffs],
                "max_regret": float(eq.max_regret).hex(),
                "relative_regret": float(eq.relative_regret).hex(),
            }
            for eq in res
        ],
    }


def _freeze(path: Path = REFERENCE) -> None:  # pragma: no cover - run once, by hand, to write the file
    out = [dict(method=c[0], kind=c[1], seed=c[2], m=c[3], n=c[4], **_answer(c[0], _game(*c[1:]))) for c in _cases()]
    with gzip.open(path, "wt") as fh:
        json.dump(out, fh, separators=(",", ":"))


def _reference() -> dict[tuple[str, str, int, int, int], dict[str, Any]]:
    with gzip.open(REFERENCE, "rt") as fh:
        return {(r["method"], r["kind"], r["seed"], r["m"], r["n"]): r for r in json.load(fh)}


_REF = _reference()


def _floats(values: list[str]) -> np.ndarray:
    return np.array([float.fromhex(v) for v in values])


def test_the_reference_covers_every_case() -> None:
    assert sorted(_REF) == sorted(_cases())
    # Degenerate games are among them (a test that cannot see degeneracy could not fail on it).
    assert sum("DegenerateGameWarning" in r["warnings"] for r in _REF.values()) >= 40


@pytest.mark.parametrize("case", _cases(), ids=lambda c: "-".join(map(str, c)))
def test_same_answers_as_before_the_speed_ups(case: tuple[str, str, int, int, int]) -> None:
    ref = _REF[case]
    new = _answer(case[0], _game(*case[1:]))
    assert new["warnings"] == ref["warnings"]
    assert (new["complete"], new["n_iter"]) == (ref["complete"], ref["n_iter"])
    assert [e["support"] for e in new["equilibria"]] == [e["support"] for e in ref["equilibria"]]
    for a, b in zip(new["equilibria"], ref["equilibria"]):
        for p, q in zip(a["profile"], b["profile"]):
            np.testing.assert_allclose(_floats(p), _floats(q), rtol=0, atol=1e-13)
        np.testing.assert_allclose(_floats(a["payoffs"]), _floats(b["payoffs"]), rtol=1e-12, atol=1e-12)
        for key in ("max_regret", "relative_regret"):
            assert abs(float.fromhex(a[key]) - float.fromhex(b[key])) <= 1e-13
