"""Bad input to the coalition games: constructors, weighted voting, power indices, core, nucleolus.

Sizes that grow as 2**n (characteristic functions, LPs over coalitions) or as players x quota
(coalition-counting tables) are refused before any work, naming what was asked and the limit.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.exceptions import GameError

from ._check import case, run_case

NAN = float("nan")
MAJORITY = gt.CoalitionGame([0, 0, 0, 1, 0, 1, 1, 1], players=["a", "b", "c"])
PAIR = gt.CoalitionGame([0, 0, 0, 1], players=["a", "b"])
PHI = gt.shapley_value(PAIR)


def limited(call: Callable[[], Any], **changes: Any) -> Callable[[], Any]:
    """*call* run under tighter limits."""

    def run() -> Any:
        with gt.limits(**changes):
            return call()

    return run


def unanimity(n: int) -> gt.CoalitionGame:
    """v(N) = 1, every other coalition 0: a cheap game of n players."""
    v = np.zeros(1 << n)
    v[-1] = 1.0
    return gt.CoalitionGame(v)


CG = gt.CoalitionGame
FF = gt.CoalitionGame.from_function
FD = gt.CoalitionGame.from_dict
WVG = gt.WeightedVotingGame

CASES = [
    # ------------------------------------------------------------------ from_function / from_dict: 2**n
    case(lambda: FF(len, 40), GameError, ("characteristic-function calls", "1,099,511,627,776", "max_calls=4,194,304"),
         id="from-function-40-players"),
    case(lambda: FF(len, 10**9), GameError, ("2**1000000000", "characteristic-function calls", "max_calls"),
         id="from-function-1e9-players"),
    case(lambda: FF(len, [f"p{i}" for i in range(30)]), GameError, ("1,073,741,824", "max_calls"),
         id="from-function-30-names"),
    case(limited(lambda: FF(len, 5), max_calls=16), GameError, ("32 characteristic-function calls", "max_calls=16"),
         id="from-function-configured-limit"),
    case(lambda: FF(len, 0), GameError, ("players", "0"), id="from-function-zero-players"),
    case(lambda: FF(len, -3), GameError, ("players", "-3"), id="from-function-negative-players"),
    case(lambda: FF(len, True), TypeError, ("players", "True"), id="from-function-bool-players"),
    case(lambda: FF(len, []), GameError, ("players", "[]"), id="from-function-empty-players"),
    case(lambda: FF(len, ["a", "a"]), GameError, ("players", "'a'"), id="from-function-duplicate-players"),
    case(lambda: FF(len, "ab"), GameError, ("players", "'ab'"), id="from-function-string-players"),
    case(lambda: FF(3, 2), GameError, ("func", "3"), id="from-function-not-callable"),
    case(lambda: FD({}, players=40), GameError, ("coalition values (2**40)", "1,099,511,627,776", "max_entries"),
         id="from-dict-40-players"),
    case(lambda: FD({(10**6,): 1}), GameError, ("2**1000001", "max_entries"), id="from-dict-huge-index"),
    case(lambda: FD({(): 0}, players=0), GameError, ("players", "0"), id="from-dict-zero-players"),
    case(lambda: FD({(): 0}, players=[]), GameError, ("players", "[]"), id="from-dict-empty-players"),
    case(lambda: FD({("a",): 1}, players=["a"], default="x"), TypeError, ("default", "'x'"), id="from-dict-string-default"),
    case(lambda: FD({("c",): 1}, players=["a", "b"], default=0), GameError, ("unknown player", "'c'"),
         id="from-dict-unknown-player"),
    case(lambda: FD({("a",): 1, ("a", "b"): 2}), GameError, ("coalition", "['b']"), id="from-dict-missing-coalition"),
    case(lambda: FD([1, 2]), GameError, ("values", "list"), id="from-dict-not-a-mapping"),
    case(lambda: FD({(): 0, (True,): 1}), GameError, ("players", "True"), id="from-dict-bool-member"),
    # ------------------------------------------------------------------ CoalitionGame
    case(lambda: CG([0, 1, 2]), GameError, ("values", "length 3"), id="game-length-not-power-of-2"),
    case(lambda: CG([1, 0]), GameError, ("values[0]", "1"), id="game-empty-coalition-worth"),
    case(lambda: CG([0, NAN]), GameError, ("values", "nan"), id="game-nan-worth"),
    case(lambda: CG(["a", "b"]), GameError, ("values", "'a'"), id="game-string-worths"),
    case(lambda: CG([0, True, 1, 2]), TypeError, ("values", "True"), id="game-bool-among-worths"),
    case(lambda: CG([0, 1, 1, 2], players=["a"]), GameError, ("players", "got 1"), id="game-too-few-names"),
    case(limited(lambda: CG([0] * 8), max_entries=4), GameError, ("8 coalition values", "max_entries=4"),
         id="game-over-configured-limit"),
    case(lambda: PAIR.value([0], exact="yes"), TypeError, ("exact", "'yes'"), id="value-string-exact"),
    case(lambda: PAIR.value(["z"]), GameError, ("unknown player", "'z'"), id="value-unknown-player"),
    case(lambda: PAIR.value([5]), GameError, ("player index", "5"), id="value-index-out-of-range"),
    case(lambda: PAIR.value(1.5), GameError, ("coalition", "1.5"), id="value-float-coalition"),
    case(lambda: PAIR.is_convex(tol=NAN), GameError, ("tol", "nan"), id="convex-nan-tol"),
    case(lambda: PAIR.is_convex(tol=-1), GameError, ("tol", "-1"), id="convex-negative-tol"),
    case(lambda: PAIR.is_convex(tol="0"), TypeError, ("tol", "'0'"), id="convex-string-tol"),
    # ------------------------------------------------------------------ WeightedVotingGame
    case(lambda: WVG("x", [1, 2]), TypeError, ("quota", "'x'"), id="wvg-string-quota"),
    case(lambda: WVG(True, [1, 2]), TypeError, ("quota", "True"), id="wvg-bool-quota"),
    case(lambda: WVG(NAN, [1, 2]), GameError, ("quota", "nan"), id="wvg-nan-quota"),
    case(lambda: WVG(0, [1, 2]), GameError, ("quota", "0"), id="wvg-zero-quota"),
    case(lambda: WVG(4, [1, 2]), GameError, ("quota", "4"), id="wvg-quota-above-total"),
    case(lambda: WVG(3, [1, -1, 2]), GameError, ("weights", "-1.0"), id="wvg-negative-weight"),
    case(lambda: WVG(1, [True, 1]), TypeError, ("weights", "True"), id="wvg-bool-weight"),
    case(lambda: WVG(1, []), GameError, ("weights", "(0,)"), id="wvg-no-weights"),
    case(lambda: WVG(1, 5), GameError, ("weights", "5"), id="wvg-scalar-weights"),
    case(lambda: WVG(1, [1, NAN]), GameError, ("weights", "nan"), id="wvg-nan-weight"),
    case(lambda: WVG(1, [1, 1], players=["a", "a"]), GameError, ("players", "'a'"), id="wvg-duplicate-players"),
    case(lambda: WVG(30, [1] * 30).to_coalition_game(), GameError, ("2**30", "max_entries=100,000,000"),
         id="wvg-expand-30-players"),
    # ------------------------------------------------------------------ power indices
    case(lambda: gt.banzhaf(MAJORITY, normalized="x"), TypeError, ("normalized", "'x'"), id="banzhaf-string-normalized"),
    case(lambda: gt.banzhaf(MAJORITY, normalized=1), TypeError, ("normalized", "1"), id="banzhaf-int-normalized"),
    case(lambda: gt.banzhaf(WVG(50001, [1] * 100000)), GameError,
         ("coalition-counting tables", "100000 players", "max_entries=100,000,000"), id="banzhaf-players-x-quota"),
    # 300 distinct seven-decimal weights: no table, no meeting in the middle, no enumeration fits.
    case(lambda: gt.shapley_shubik(WVG(Fraction(185207475, 10**7), [Fraction(1234567 + i, 10**7) for i in range(300)])),
         GameError, ("quota 185,207,475", "300 players", "max_entries", "2**150", "2**300"),
         id="shapley-shubik-fractional-quota"),
    case(limited(lambda: gt.shapley_shubik(WVG(39, [7] * 5 + [1] * 10)), max_entries=100), GameError,
         ("coalition-counting tables", "max_entries=100"), id="shapley-shubik-configured-limit"),
    case(lambda: gt.banzhaf(CG([0, 0, 0, 0]), normalized=True), GameError, ("normalized", "zero"),
         id="banzhaf-zero-sum"),
    case(lambda: gt.shapley_shubik(CG([0, 1, 1, 3])), GameError, ("game", "simple game"), id="shapley-shubik-not-simple"),
    case(lambda: gt.shapley_value([0, 1]), TypeError, ("game", "list"), id="shapley-not-a-game"),
    # ------------------------------------------------------------------ core, in_core, nucleolus
    case(lambda: gt.nucleolus(MAJORITY, tol=NAN), GameError, ("tol", "nan"), id="nucleolus-nan-tol"),
    case(lambda: gt.nucleolus(MAJORITY, tol=-1), GameError, ("tol must be >= 0", "-1"), id="nucleolus-negative-tol"),
    case(lambda: gt.nucleolus(MAJORITY, tol="1e-9"), TypeError, ("tol", "'1e-9'"), id="nucleolus-string-tol"),
    case(lambda: gt.nucleolus(WVG(15 * 10**6, [10**6 + i for i in range(30)])), GameError,
         ("nucleolus", "knapsack tables", "max_entries=100,000,000"), id="nucleolus-30-voters-large-quota"),
    case(lambda: gt.nucleolus(WVG(15 * 10**7, [10**7 + i for i in range(30)])), GameError,
         ("nucleolus", "2**30", "max_entries=100,000,000"), id="nucleolus-30-voters-larger-quota"),
    case(lambda: gt.nucleolus(CG([0, 1, 1, 1])), GameError, ("imputation set is empty", "v(N) = 1"),
         id="nucleolus-empty-imputations"),
    case(lambda: gt.nucleolus("g"), TypeError, ("game", "str"), id="nucleolus-not-a-game"),
    case(lambda: gt.core(unanimity(21)), GameError, ("least-core LP", "2,097,150", "max_bytes=4,294,967,296"),
         id="core-21-players"),
    case(limited(lambda: gt.core(MAJORITY), max_calls=4), GameError, ("6 coalition constraints", "max_calls=4"),
         id="core-configured-limit"),
    case(lambda: gt.core("x"), TypeError, ("game", "str"), id="core-not-a-game"),
    case(lambda: gt.in_core(PAIR, [0.5, 0.5], tol=-1), GameError, ("tol", "-1"), id="in-core-negative-tol"),
    case(lambda: gt.in_core(PAIR, [0.5, 0.5], tol=NAN), GameError, ("tol", "nan"), id="in-core-nan-tol"),
    case(lambda: gt.in_core(PAIR, [1, 0, 0]), GameError, ("x", "(3,)"), id="in-core-wrong-length"),
    case(lambda: gt.in_core(PAIR, [float("inf"), 0]), GameError, ("x", "inf"), id="in-core-inf"),
    case(lambda: gt.in_core(PAIR, [True, False]), TypeError, ("x", "True"), id="in-core-bool-allocation"),
    case(lambda: gt.in_core(PAIR, "ab"), GameError, ("x", "'ab'"), id="in-core-string-allocation"),
    case(lambda: PHI["z"], GameError, ("unknown player", "'z'"), id="allocation-unknown-player"),
    case(lambda: PHI[5], GameError, ("player index", "5"), id="allocation-index-out-of-range"),
    case(lambda: PHI[1.5], GameError, ("player", "1.5"), id="allocation-float-player"),
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call: Callable[[], Any], exc: type[BaseException], names: tuple[str, ...]) -> None:
    run_case(call, exc, names)
