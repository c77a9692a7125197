"""Bad input to result types and their methods: each refused naming the argument and the value."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import gametheory_af as gt
from gametheory_af._validation import FrozenMapping
from gametheory_af.result import EquilibriumResult, make_equilibrium
from gametheory_af.sensitivity import grid, profile_threshold, regions, sweep, thresholds

from ._check import case, run_case

L, c = sp.symbols("L c")
GE = gt.GameError
NAN = float("nan")


def pg() -> gt.ParametricGame:
    return gt.ParametricGame(
        [[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
        parameters=[gt.Parameter("L", 1, lower=0, upper=4), gt.Parameter("c", 1, lower=0, upper=2)],
    )


def bos() -> gt.NormalFormGame:
    return gt.catalog.battle_of_the_sexes()


def eq0() -> gt.Equilibrium:
    return gt.pure_nash(bos()).equilibria[0]


def swept(**kw: object):  # type: ignore[no-untyped-def]
    return sweep(pg(), {"L": [0.5, 3.0]}, **kw)  # type: ignore[arg-type]


def _setitem(m: FrozenMapping) -> None:
    m["a"] = 2  # type: ignore[index]


def _setattr(m: FrozenMapping) -> None:
    m._data = {}  # type: ignore[misc]


CASES = [
    # ------------------------------------------------------------------ EquilibriumResult / Equilibrium
    case(lambda: EquilibriumResult(equilibria=5, method="x", complete=True), TypeError, ("equilibria", "5"), id="result-equilibria-int"),
    case(lambda: EquilibriumResult(equilibria=("e",), method="x", complete=True), TypeError, ("equilibria[0]", "'e'"), id="result-equilibria-item"),
    case(lambda: EquilibriumResult(equilibria=(), method=3, complete=True), TypeError, ("method", "3"), id="result-method-int"),
    case(lambda: EquilibriumResult(equilibria=(), method="x", complete="yes"), TypeError, ("complete", "'yes'"), id="result-complete-text"),
    case(lambda: EquilibriumResult(equilibria=(), method="x", complete=True, converged=None), TypeError, ("converged", "None"), id="result-converged-none"),
    case(lambda: EquilibriumResult(equilibria=(), method="x", complete=True, n_iter=-1), GE, ("n_iter", "-1"), id="result-n-iter-negative"),
    case(lambda: EquilibriumResult(equilibria=(), method="x", complete=True, n_iter=2.5), TypeError, ("n_iter", "2.5"), id="result-n-iter-float"),
    case(lambda: EquilibriumResult(equilibria=(), method="x", complete=True, parameters=[1]), TypeError, ("parameters", "[1]"), id="result-parameters-list"),
    case(lambda: eq0().describe("game"), TypeError, ("game", "'game'"), id="describe-game-text"),
    case(lambda: eq0().describe(gt.catalog.rock_paper_scissors()), GE, ("game", "(3, 3)", "(2, 2)"), id="describe-game-shape"),
    case(lambda: eq0().describe(bos(), digits=0), GE, ("digits", "0"), id="describe-digits-zero"),
    case(lambda: eq0().describe(bos(), digits=2.0), TypeError, ("digits", "2.0"), id="describe-digits-float"),
    case(lambda: eq0().to_dict(game=5), TypeError, ("game", "5"), id="to-dict-game-int"),
    case(lambda: make_equilibrium("g", ([1, 0], [1, 0])), TypeError, ("game", "'g'"), id="make-equilibrium-game"),
    case(lambda: make_equilibrium(bos(), ([1, 0], [1, 0]), exact="no"), TypeError, ("exact", "'no'"), id="make-equilibrium-exact"),
    # ------------------------------------------------------------------ read-only mapping
    case(lambda: _setitem(FrozenMapping({"a": 1})), TypeError, ("FrozenMapping", "item assignment"), id="frozen-mapping-setitem"),
    case(lambda: _setattr(FrozenMapping({"a": 1})), AttributeError, ("read-only", "'_data'"), id="frozen-mapping-setattr"),
    case(lambda: FrozenMapping({"a": 1})["b"], KeyError, ("'b'",), id="frozen-mapping-missing-key"),
    # ------------------------------------------------------------------ SweepResult and Grid
    case(lambda: swept().to_pandas(profiles="yes"), TypeError, ("profiles", "'yes'"), id="sweep-to-pandas-profiles"),
    case(lambda: swept().is_equilibrium((0, 9)), GE, ("profile[1]", "9"), id="sweep-is-equilibrium-index"),
    case(lambda: swept().is_equilibrium(("Z", 0)), GE, ("strategy", "'Z'"), id="sweep-is-equilibrium-name"),
    case(lambda: swept().is_equilibrium((0,)), GE, ("profile", "(0,)"), id="sweep-is-equilibrium-short"),
    case(lambda: swept(keep_equilibria=False).is_equilibrium((0, 0)), GE, ("keep_equilibria=False",), id="sweep-is-equilibrium-not-kept"),
    case(lambda: grid(a=[1.0, 2.0]).chunk(-1, 2), GE, ("start", "-1"), id="grid-chunk-negative"),
    case(lambda: grid(a=[1.0, 2.0]).chunk(0, 5), GE, ("stop", "5"), id="grid-chunk-past-end"),
    case(lambda: grid(a=[1.0, 2.0]).chunk(2, 1), GE, ("stop", "1"), id="grid-chunk-reversed"),
    case(lambda: grid(a=[1.0, 2.0]).chunk(0.5, 1), TypeError, ("start", "0.5"), id="grid-chunk-float"),
    case(lambda: grid(a=np.arange(10_000.0), b=np.arange(10_000.0)).to_arrays(), GE, ("200,000,000 grid coordinates", "max_entries"), id="grid-to-arrays-huge"),
    # ------------------------------------------------------------------ ThresholdResult / ProfileThreshold / RegionsResult
    case(lambda: thresholds(pg(), "L").equilibria_at("abc"), TypeError, ("value", "'abc'"), id="equilibria-at-text"),
    case(lambda: thresholds(pg(), "L").equilibria_at(NAN), GE, ("value", "nan"), id="equilibria-at-nan"),
    case(lambda: thresholds(pg(), "L").equilibria_at(100), GE, ("100", "over"), id="equilibria-at-outside"),
    case(lambda: thresholds(pg(), "L").equilibria_at(None), TypeError, ("value", "None"), id="equilibria-at-none"),
    case(lambda: profile_threshold(pg(), (0, 0), "L").contains("1"), TypeError, ("value", "'1'"), id="contains-text"),
    case(lambda: profile_threshold(pg(), (0, 0), "L").contains(float("inf")), GE, ("value", "inf"), id="contains-inf"),
    case(lambda: regions(pg(), "L", "c", resolution=3).is_equilibrium((0, 2)), GE, ("profile[1]", "2"), id="regions-is-equilibrium-index"),
    case(lambda: regions(pg(), "L", "c", resolution=3).is_equilibrium("00"), GE, ("profile", "'00'"), id="regions-is-equilibrium-text"),
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call, exc, names) -> None:  # type: ignore[no-untyped-def]
    run_case(call, exc, names)
