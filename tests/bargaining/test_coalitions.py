"""Coalition games: known power indices, Shapley axioms, core and nucleolus."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.bargaining.coalitions.power import _enumerated_swings, _swings_by_size

EEC_NAMES = ["France", "Germany", "Italy", "Belgium", "Netherlands", "Luxembourg"]


def eec() -> gt.WeightedVotingGame:
    """Council of Ministers of the EEC, 1958 (Treaty of Rome, art. 148): quota 12 of 17."""
    return gt.WeightedVotingGame(12, [4, 4, 4, 2, 2, 1], players=EEC_NAMES)


def unsc() -> gt.WeightedVotingGame:
    """UN Security Council after 1965: 5 permanent members with veto, 10 elected, 9 votes."""
    return gt.WeightedVotingGame(39, [7] * 5 + [1] * 10)


# ----------------------------------------------------------------------------- strategies
@st.composite
def exact_games(draw: st.DrawFn, min_players: int = 1, max_players: int = 5) -> gt.CoalitionGame:
    n = draw(st.integers(min_players, max_players))
    vals = [0] + draw(st.lists(st.integers(-20, 20), min_size=2**n - 1, max_size=2**n - 1))
    return gt.CoalitionGame(vals)


@st.composite
def convex_games(draw: st.DrawFn, max_players: int = 5) -> gt.CoalitionGame:
    """Non-negative combinations of unanimity games u_T (each convex), as exact games."""
    n = draw(st.integers(1, max_players))
    coeffs = draw(st.lists(st.integers(0, 6), min_size=2**n - 1, max_size=2**n - 1))
    vals = [0] * 2**n
    for t, c in enumerate(coeffs, start=1):
        for s in range(2**n):
            if s & t == t:
                vals[s] += c
    return gt.CoalitionGame(vals)


def unanimity_shapley(n: int, coeffs: list[int]) -> list[F]:
    out = [F(0)] * n
    for t, c in enumerate(coeffs, start=1):
        members = [i for i in range(n) if t >> i & 1]
        for i in members:
            out[i] += F(c, len(members))
    return out


# ----------------------------------------------------------------------------- known answers
def test_eec_shapley_shubik() -> None:
    ss = gt.shapley_shubik(eec()).as_dict()
    assert ss == {
        "France": F(14, 60),
        "Germany": F(14, 60),
        "Italy": F(14, 60),
        "Belgium": F(9, 60),
        "Netherlands": F(9, 60),
        "Luxembourg": F(0),
    }


def test_eec_banzhaf() -> None:
    raw = gt.banzhaf(eec())
    assert raw.exact == (F(10, 32),) * 3 + (F(6, 32),) * 2 + (F(0),)
    norm = gt.banzhaf(eec(), normalized=True)
    assert norm.exact == (F(10, 42),) * 3 + (F(6, 42),) * 2 + (F(0),)
    assert norm.method == "banzhaf_normalized"


def test_luxembourg_is_a_null_player() -> None:
    g = eec().to_coalition_game()
    lux = 1 << 5
    v = g.values
    assert all(v[s | lux] == v[s] for s in range(2**6) if not s & lux)
    assert gt.shapley_value(g)["Luxembourg"] == 0.0


def test_unsc_shapley_shubik_matches_shapley_shubik_1954() -> None:
    ss = gt.shapley_shubik(unsc())
    assert ss.exact[:5] == (F(421, 2145),) * 5
    assert ss.exact[5:] == (F(4, 2145),) * 10
    assert sum(ss.exact) == 1
    # Shapley & Shubik (1954) report 0.1963 per permanent member and 0.001865 per elected member.
    assert ss[0] == pytest.approx(0.1963, abs=5e-5)
    assert ss[7] == pytest.approx(0.001865, abs=5e-7)


def test_unsc_banzhaf() -> None:
    raw = gt.banzhaf(unsc())
    assert raw.exact[0] == F(848, 2**14) and raw.exact[5] == F(84, 2**14)
    norm = gt.banzhaf(unsc(), normalized=True)
    assert norm[0] == pytest.approx(0.1669, abs=1e-4)
    assert norm[5] == pytest.approx(0.0165, abs=1e-4)


def test_weighted_voting_agrees_with_characteristic_function() -> None:
    for game in (eec(), unsc()):
        cg = game.to_coalition_game()
        assert gt.shapley_value(cg).exact == gt.shapley_shubik(game).exact
        assert gt.banzhaf(cg).exact == gt.banzhaf(game).exact
        assert gt.shapley_shubik(cg).exact == gt.shapley_value(game).exact


@given(
    st.lists(st.integers(0, 7), min_size=1, max_size=8).filter(lambda w: sum(w) > 0),
    st.floats(0.01, 1.0),
)
def test_swing_counting_matches_enumeration(weights: list[int], frac: float) -> None:
    quota = max(1, math.ceil(frac * sum(weights)))
    g = gt.WeightedVotingGame(quota, weights)
    assert (_swings_by_size(g) == _enumerated_swings(g)).all()


def test_hundreds_of_players_without_enumeration() -> None:
    rng = np.random.default_rng(7)
    weights = rng.integers(1, 10, size=120).tolist()
    quota = sum(weights) // 2 + 1
    g = gt.WeightedVotingGame(quota, weights)
    ss = gt.shapley_shubik(g)
    assert sum(ss.exact) == 1
    order = np.argsort(weights)
    assert all(ss.values[order[k]] <= ss.values[order[k + 1]] + 1e-15 for k in range(119))
    by_weight: dict[int, set[F]] = {}
    for w, x in zip(weights, ss.exact):
        by_weight.setdefault(w, set()).add(x)
    assert all(len(s) == 1 for s in by_weight.values())
    assert gt.banzhaf(g, normalized=True).values.sum() == pytest.approx(1.0)


def test_rational_and_float_weights() -> None:
    a = gt.shapley_shubik(gt.WeightedVotingGame(F(1, 2), [F(3, 10), F(3, 10), F(2, 5)]))
    b = gt.shapley_shubik(gt.WeightedVotingGame(0.5, [0.3, 0.3, 0.4]))
    c = gt.shapley_shubik(gt.WeightedVotingGame(5, [3, 3, 4]))
    assert a.exact == b.exact == c.exact == (F(1, 3),) * 3


def test_weighted_voting_game_accessors() -> None:
    g = eec()
    assert g.n_players == 6 and g.quota == 12.0 and g.weights.tolist() == [4, 4, 4, 2, 2, 1]
    assert g.exact_quota == 12 and g.exact_weights[5] == 1 and g.is_exact
    assert g.is_winning(["France", "Germany", "Italy"]) and not g.is_winning(["France", "Germany", "Luxembourg"])
    assert g.value("France") == 0 and g.veto_players() == ()
    assert g == eec() and hash(g) == hash(eec()) and g != unsc()
    assert "quota=12" in repr(g)
    with pytest.raises(ValueError):
        g.weights[0] = 3


# ----------------------------------------------------------------------------- Shapley axioms
@given(exact_games())
def test_shapley_efficiency(g: gt.CoalitionGame) -> None:
    phi = gt.shapley_value(g)
    assert sum(phi.exact) == g.value(range(g.n_players), exact=True)


@given(exact_games(min_players=2), st.randoms(use_true_random=False))
def test_shapley_symmetry_and_relabelling(g: gt.CoalitionGame, rnd: object) -> None:
    n = g.n_players
    perm = list(range(n))
    rnd.shuffle(perm)  # type: ignore[attr-defined]
    # w(pi(S)) = v(S): player perm[i] in the new game plays player i's role.
    new = [0] * 2**n
    for s in range(2**n):
        t = sum(1 << perm[i] for i in range(n) if s >> i & 1)
        new[t] = g.value([i for i in range(n) if s >> i & 1], exact=True)
    phi, psi = gt.shapley_value(g).exact, gt.shapley_value(gt.CoalitionGame(new)).exact
    assert all(psi[perm[i]] == phi[i] for i in range(n))


@given(exact_games(min_players=2))
def test_shapley_null_player(g: gt.CoalitionGame) -> None:
    # make the last player null: v(S + last) = v(S)
    n = g.n_players
    last = 1 << (n - 1)
    vals = [g.value([i for i in range(n) if (s & ~last) >> i & 1], exact=True) for s in range(2**n)]
    phi = gt.shapley_value(gt.CoalitionGame(vals))
    assert phi.exact[-1] == 0


@given(st.integers(1, 4).flatmap(lambda n: st.tuples(*[st.lists(st.integers(-9, 9), min_size=2**n - 1, max_size=2**n - 1)] * 2)))
def test_shapley_additivity(pair: tuple[list[int], list[int]]) -> None:
    a, b = pair
    ga, gb = gt.CoalitionGame([0, *a]), gt.CoalitionGame([0, *b])
    gab = gt.CoalitionGame([0, *(x + y for x, y in zip(a, b))])
    sa, sb, sab = (gt.shapley_value(g).exact for g in (ga, gb, gab))
    assert sab == tuple(x + y for x, y in zip(sa, sb))


@given(st.integers(1, 5).flatmap(lambda n: st.tuples(st.just(n), st.lists(st.integers(0, 5), min_size=2**n - 1, max_size=2**n - 1))))
def test_shapley_of_unanimity_combinations(case: tuple[int, list[int]]) -> None:
    n, coeffs = case
    vals = [sum(c for t, c in enumerate(coeffs, start=1) if s & t == t) for s in range(2**n)]
    assert list(gt.shapley_value(gt.CoalitionGame(vals)).exact) == unanimity_shapley(n, coeffs)


@given(exact_games())
def test_float_and_exact_paths_agree(g: gt.CoalitionGame) -> None:
    fg = gt.CoalitionGame(np.asarray(g.values, dtype=float))
    assert not fg.is_exact
    np.testing.assert_allclose(gt.shapley_value(fg).values, gt.shapley_value(g).values, atol=1e-9)
    np.testing.assert_allclose(gt.banzhaf(fg).values, gt.banzhaf(g).values, atol=1e-9)


def test_shapley_matches_permutation_definition() -> None:
    rng = np.random.default_rng(3)
    vals = [0, *rng.integers(-5, 10, size=15).tolist()]
    g = gt.CoalitionGame(vals)
    brute = [F(0)] * 4
    for order in itertools.permutations(range(4)):
        s = 0
        for i in order:
            brute[i] += F(vals[s | 1 << i] - vals[s])
            s |= 1 << i
    assert list(gt.shapley_value(g).exact) == [b / 24 for b in brute]


def test_exact_shapley_with_huge_integers_uses_python_ints() -> None:
    big = 10**20
    g = gt.CoalitionGame([0, big, big, 3 * big])
    assert gt.shapley_value(g).exact == (F(3 * big, 2), F(3 * big, 2))
    assert gt.banzhaf(g).exact == (F(3 * big, 2), F(3 * big, 2))


def test_banzhaf_of_general_game_and_normalisation() -> None:
    g = gt.CoalitionGame([0, 1, 2, 4])
    assert gt.banzhaf(g).exact == (F(3, 2), F(5, 2))
    assert gt.banzhaf(g, normalized=True).exact == (F(3, 8), F(5, 8))
    fg = gt.CoalitionGame(np.array([0.0, 1.0, 2.0, 4.0]))
    np.testing.assert_allclose(gt.banzhaf(fg, normalized=True).values, [3 / 8, 5 / 8])


# ----------------------------------------------------------------------------- core and nucleolus
def test_core_of_majority_game_is_empty() -> None:
    res = gt.core(gt.CoalitionGame([0, 0, 0, 1, 0, 1, 1, 1]))
    assert res.is_empty and res.point is None and res.epsilon == pytest.approx(1 / 3)


@settings(max_examples=20)
@given(convex_games())
def test_convex_game_core_contains_shapley_value(g: gt.CoalitionGame) -> None:
    assert g.is_convex()
    phi = gt.shapley_value(g)
    assert gt.in_core(g, phi)  # exact test
    res = gt.core(g)
    assert not res.is_empty and gt.in_core(g, res.point, tol=1e-7)
    nu = gt.nucleolus(g)
    assert nu.exact is not None and gt.in_core(g, nu)


@settings(max_examples=20)
@given(exact_games(max_players=4))
def test_nucleolus_in_core_when_core_nonempty(g: gt.CoalitionGame) -> None:
    single = sum(g.value([i], exact=True) for i in range(g.n_players))
    if single > g.value(range(g.n_players), exact=True):
        with pytest.raises(gt.GameError, match="imputation set is empty"):
            gt.nucleolus(g)
        return
    nu = gt.nucleolus(g)
    assert sum(nu.values) == pytest.approx(g.grand_coalition_value)
    assert all(nu[i] >= g.value([i]) - 1e-9 for i in range(g.n_players))
    if not gt.core(g).is_empty:
        assert gt.in_core(g, nu.values, tol=1e-7)


def _sorted_excesses(g: gt.CoalitionGame, x: np.ndarray) -> np.ndarray:
    n = g.n_players
    v = g.values
    sums = np.array([sum(x[i] for i in range(n) if s >> i & 1) for s in range(1, 2**n - 1)])
    return np.sort(v[1:-1] - sums)[::-1]


def _lex_leq(a: np.ndarray, b: np.ndarray, tol: float = 1e-7) -> bool:
    for x, y in zip(a, b):
        if abs(x - y) > tol:
            return bool(x < y)
    return True


@settings(max_examples=20)
@given(exact_games(min_players=2, max_players=4), st.integers(0, 2**32 - 1))
def test_nucleolus_lexicographically_minimises_excesses(g: gt.CoalitionGame, seed: int) -> None:
    n = g.n_players
    single = np.array([g.value([i]) for i in range(n)])
    slack = g.grand_coalition_value - single.sum()
    if slack < 0:
        return
    x = gt.nucleolus(g).values
    ex = _sorted_excesses(g, x)
    rng = np.random.default_rng(seed)
    for y in single + slack * rng.dirichlet(np.ones(n), size=30):
        assert _lex_leq(ex, _sorted_excesses(g, y))
    for k in range(n):  # small moves from x within the imputation set
        for j in range(n):
            if j != k:
                y = x.copy()
                d = min(1e-3, y[k] - single[k])
                y[k] -= d
                y[j] += d
                assert _lex_leq(ex, _sorted_excesses(g, y))


@pytest.mark.parametrize(
    ("estate", "expected"),
    [
        (100, (F(100, 3), F(100, 3), F(100, 3))),
        (200, (F(50), F(75), F(75))),
        (300, (F(50), F(100), F(150))),
    ],
    ids=["talmud-100", "talmud-200", "talmud-300"],
)
def test_nucleolus_of_talmud_bankruptcy_games(estate: int, expected: tuple[F, ...]) -> None:
    """Aumann & Maschler (1985): the Talmud's divisions are the nucleoli of the bankruptcy games."""
    claims = (100, 200, 300)
    g = gt.CoalitionGame.from_function(
        lambda s: max(0, estate - sum(d for i, d in enumerate(claims) if i not in s)), 3
    )
    assert gt.nucleolus(g).exact == expected


def test_nucleolus_textbook_games() -> None:
    majority = gt.CoalitionGame([0, 0, 0, 1, 0, 1, 1, 1])
    assert gt.nucleolus(majority).exact == (F(1, 3),) * 3
    glove = gt.CoalitionGame.from_function(lambda s: min(len(s & {"L"}), len(s & {"R1", "R2"})), ["L", "R1", "R2"])
    assert gt.nucleolus(glove).exact == (F(1), F(0), F(0))
    single = gt.CoalitionGame([0, 7])
    assert gt.nucleolus(single).exact == (F(7),)
    assert gt.core(single).epsilon == float("-inf") and gt.core(single).point.tolist() == [7.0]


def test_nucleolus_float_game_and_covariance() -> None:
    vals = np.array([0.0, 0.2, 0.1, 1.0, 0.0, 0.5, 0.7, 1.3])
    g = gt.CoalitionGame(vals)
    x = gt.nucleolus(g)
    assert x.exact is None
    # strategic equivalence: w(S) = 2 v(S) + b(S) moves the nucleolus to 2 x + b
    b = np.array([1.0, -2.0, 0.5])
    sums = np.array([sum(b[i] for i in range(3) if s >> i & 1) for s in range(8)])
    y = gt.nucleolus(gt.CoalitionGame(2 * vals + sums))
    np.testing.assert_allclose(y.values, 2 * x.values + b, atol=1e-8)


def test_weighted_voting_core_and_nucleolus() -> None:
    res = gt.core(unsc())
    assert not res.is_empty and res.exact == (F(1, 5),) * 5 + (F(0),) * 10
    assert gt.nucleolus(unsc()).exact == res.exact
    assert gt.in_core(unsc(), res.exact) and gt.in_core(unsc(), res.point)
    assert not gt.in_core(unsc(), [F(1, 15)] * 15) and not gt.in_core(unsc(), [1 / 15] * 15)
    e = gt.core(eec())
    assert e.is_empty and e.epsilon == pytest.approx(0.25)
    # no veto player: nucleolus through the characteristic function, matches the expanded game
    assert gt.nucleolus(eec()).exact == gt.nucleolus(eec().to_coalition_game()).exact
    vetoed = gt.WeightedVotingGame(3, [2, 1, 1])
    assert gt.nucleolus(vetoed).exact == gt.nucleolus(vetoed.to_coalition_game()).exact == (F(1), F(0), F(0))


def test_in_core_exact_and_float() -> None:
    g = gt.CoalitionGame([0, 0, 0, 1])
    assert gt.in_core(g, [F(1, 3), F(2, 3)]) and not gt.in_core(g, [F(1, 3), F(1, 3)])
    assert gt.in_core(g, np.array([0.5, 0.5])) and gt.in_core(g, [0.5 + 1e-12, 0.5])
    assert not gt.in_core(g, [0.5 + 1e-6, 0.5])


# ----------------------------------------------------------------------------- construction
def test_constructors_agree() -> None:
    arr = gt.CoalitionGame([0, 1, 2, 5], players=["x", "y"])
    d = gt.CoalitionGame.from_dict({("x",): 1, frozenset({"y"}): 2, ("x", "y"): 5})
    d2 = gt.CoalitionGame.from_dict({0: 1, 1: 2, (0, 1): 5}, players=["x", "y"])
    f = gt.CoalitionGame.from_function(lambda s: {frozenset(): 0, frozenset("x"): 1, frozenset("y"): 2}.get(s, 5), ["x", "y"])
    a2 = gt.CoalitionGame.from_array(np.array([0, 1, 2, 5]), players=["x", "y"])
    assert arr == d == d2 == f == a2 and hash(arr) == hash(d)
    assert all(g.is_exact for g in (arr, d, d2, f, a2))
    idx = gt.CoalitionGame.from_dict({(0,): 1, (1,): 2, (0, 1): 5})
    assert idx.players == ("Player 1", "Player 2")
    filled = gt.CoalitionGame.from_dict({(0, 1, 2): 3}, players=3, default=0)
    assert filled.values.tolist() == [0, 0, 0, 0, 0, 0, 0, 3]
    byfn = gt.CoalitionGame.from_function(len, 3)
    assert byfn.values.tolist() == [0, 1, 1, 2, 1, 2, 2, 3]


def test_game_accessors() -> None:
    g = gt.CoalitionGame([0, F(1, 2), 0.25, 1], players=["a", "b"])
    assert not g.is_exact  # a float entry makes it a float game
    assert g.value(["a"], exact=True) == F(1, 2) and g.exact_values()[2] == F(1, 4)
    h = gt.CoalitionGame([0, F(1, 2), F(1, 4), 1], players=["a", "b"])
    assert h.is_exact and h.value("b", exact=True) == F(1, 4) and h.exact_values()[3] == 1
    assert h.mask(["b", "a"]) == 3 and h.mask([-1]) == 2
    assert h.grand_coalition_value == 1.0
    assert "{a,b}: 1" in repr(h) and "n_players=4" in repr(gt.CoalitionGame([0] * 16))
    with pytest.raises(ValueError):
        h.values[1] = 3
    assert h != gt.CoalitionGame([0, F(1, 2), F(1, 4), 1]) and (h == 3) is False


def test_allocation_behaviour() -> None:
    phi = gt.shapley_value(gt.CoalitionGame([0, 0, 0, 1], players=["a", "b"]))
    assert phi["b"] == phi[1] == 0.5 and len(phi) == 2 and list(phi) == [0.5, 0.5]
    assert np.asarray(phi).tolist() == [0.5, 0.5] and phi.is_exact
    assert "a: 1/2" in repr(phi)
    fl = gt.shapley_value(gt.CoalitionGame(np.array([0.0, 0.0, 0.0, 1.0])))
    assert fl.as_dict() == {"Player 1": 0.5, "Player 2": 0.5} and "0.5" in repr(fl)
    with pytest.raises(gt.GameError, match="unknown player 'z'"):
        phi["z"]
    with pytest.raises(gt.GameError, match="out of range"):
        phi[5]
    with pytest.raises(gt.GameError, match="a name or an index"):
        phi[1.5]  # type: ignore[index]
    assert "epsilon" in repr(gt.core(gt.CoalitionGame([0, 0, 0, 1])))


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([0, 1, 2], "length 2\\*\\*n"),
        ([0], "length 2\\*\\*n"),
        ([1, 0], "v\\(empty coalition\\) must be 0"),
        ([0, float("nan")], "must be finite; found nan at coalition mask 1"),
        ([[0, 1], [1, 2]], "one-dimensional"),
        ({(): 0}, "use CoalitionGame.from_dict"),
        (3, "array of length 2\\*\\*n"),
        (["a", "b"], "numbers"),
    ],
)
def test_coalition_game_errors(values: object, message: str) -> None:
    with pytest.raises(gt.GameError, match=message):
        gt.CoalitionGame(values)


def test_constructor_errors() -> None:
    with pytest.raises(gt.GameError, match="players must have 2 names"):
        gt.CoalitionGame([0, 1, 1, 2], players=["a"])
    with pytest.raises(gt.GameError, match=r"no worth given for coalition \['b'\]"):
        gt.CoalitionGame.from_dict({("a",): 1, ("a", "b"): 2})
    with pytest.raises(gt.GameError, match="given twice"):
        gt.CoalitionGame.from_dict({("a",): 1, "a": 2, ("b",): 0, ("a", "b"): 2})
    with pytest.raises(gt.GameError, match="unknown player 'c'"):
        gt.CoalitionGame.from_dict({("c",): 1}, players=["a", "b"], default=0)
    with pytest.raises(gt.GameError, match="cannot infer the players"):
        gt.CoalitionGame.from_dict({("a", 1): 1})
    with pytest.raises(gt.GameError, match="must be a mapping"):
        gt.CoalitionGame.from_dict([1, 2])  # type: ignore[arg-type]
    with pytest.raises(gt.GameError, match="every key must be a coalition"):
        gt.CoalitionGame.from_dict({1.5: 1})
    with pytest.raises(gt.GameError, match="func must be callable"):
        gt.CoalitionGame.from_function(3, 2)  # type: ignore[arg-type]
    with pytest.raises(gt.GameError, match="at least 1"):
        gt.CoalitionGame.from_function(len, 0)
    with pytest.raises(gt.GameError, match="a coalition is an iterable"):
        gt.CoalitionGame([0, 1]).value(1.5)


@pytest.mark.parametrize(
    ("quota", "weights", "message"),
    [
        (3, [1, -1, 2], "finite and non-negative; got -1.0 at index 1"),
        (0, [1, 2], "quota must be positive"),
        (float("inf"), [1, 2], "quota must be positive and finite"),
        (4, [1, 2], "exceeds the total weight"),
        (1, [], "non-empty 1-D"),
        (1, 5, "sequence of numbers"),
    ],
)
def test_weighted_voting_errors(quota: object, weights: object, message: str) -> None:
    with pytest.raises(gt.GameError, match=message):
        gt.WeightedVotingGame(quota, weights)


def test_solution_errors() -> None:
    with pytest.raises(gt.GameError, match="raw Banzhaf values sum to zero"):
        gt.banzhaf(gt.CoalitionGame([0, 0, 0, 0]), normalized=True)
    with pytest.raises(gt.GameError, match="raw Banzhaf values sum to zero"):
        gt.banzhaf(gt.CoalitionGame(np.zeros(4)), normalized=True)
    with pytest.raises(gt.GameError, match="must be a simple game"):
        gt.shapley_shubik(gt.CoalitionGame([0, 1, 1, 3]))
    with pytest.raises(gt.GameError, match="imputation set is empty"):
        gt.nucleolus(gt.CoalitionGame([0, 1, 1, 1]))
    with pytest.raises(gt.GameError, match="one entry per player \\(2\\); got shape \\(3,\\)"):
        gt.in_core(gt.CoalitionGame([0, 0, 0, 1]), [1, 0, 0])
    with pytest.raises(gt.GameError, match="x must be finite"):
        gt.in_core(gt.CoalitionGame([0, 0, 0, 1]), [float("inf"), 0])
    with pytest.raises(TypeError, match="must be a CoalitionGame or WeightedVotingGame"):
        gt.shapley_value([0, 1])  # type: ignore[arg-type]
    # issue 9: the expansion is refused by the max_entries limit (it was a fixed 25-player cap)
    with pytest.raises(gt.GameError, match=r"1,073,741,824 coalition values \(2\*\*30\).*max_entries=100,000,000"):
        gt.WeightedVotingGame(30, [1] * 30).to_coalition_game()
    # a string quota is a TypeError (it was a GameError)
    with pytest.raises(TypeError, match="quota must be a number; got 'x'"):
        gt.WeightedVotingGame("x", [1, 2])


def test_core_of_a_one_player_weighted_voting_game():
    # regression: the least-core LP had no constraints and scipy reported it unbounded (GameError).
    res = gt.core(gt.WeightedVotingGame(1, [1]))
    assert not res.is_empty and res.exact == (1,) and res.epsilon == float("-inf")


def test_float_quota_equal_to_the_total_weight_is_unanimity():
    # regression: sum() of float weights rounds above their decimal total, which was rejected.
    w = [1.91, 0.908, 4.347]
    g = gt.WeightedVotingGame(sum(w), w)
    assert g.exact_quota == sum(F(str(x)) for x in w)
    assert gt.shapley_shubik(g).exact == (F(1, 3),) * 3
    with pytest.raises(gt.GameError, match="exceeds the total weight"):
        gt.WeightedVotingGame(7.166, w)


def test_size_limits_are_configurable() -> None:
    # issue 9: 2**n calls are checked against max_calls before the first call, and the limit can be raised
    calls: list[frozenset] = []

    def worth(s: frozenset) -> int:
        calls.append(s)
        return len(s) ** 2

    with gt.limits(max_calls=31), pytest.raises(gt.GameError, match="32 characteristic-function calls"):
        gt.CoalitionGame.from_function(worth, 5)
    assert calls == []  # refused before any call
    with gt.limits(max_calls=32):
        g = gt.CoalitionGame.from_function(worth, 5)
    assert len(calls) == 32 and g.value(range(5)) == 25


def test_swing_counting_falls_back_when_the_tables_do_not_fit() -> None:
    # decimal weights scale the quota to 167 (weights 41, 78, 100 after the gcd 3): the DP tables
    # (3 sizes x 168 weights = 504 cells) are over a tight max_entries; meeting in the middle (4 terms per half, 28 entries)
    # fits 100 but not 10, the 2**3 coalitions fit 10 but not 4. Every route gives the same exact indices.
    g = gt.WeightedVotingGame(0.5, [0.123, 0.234, 0.3])
    dp, bz = gt.shapley_shubik(g).exact, gt.banzhaf(g).exact
    assert sum(dp) == 1
    for cap in (100, 10):
        with gt.limits(max_entries=cap):
            assert gt.shapley_shubik(g).exact == dp and gt.banzhaf(g).exact == bz
    with gt.limits(max_entries=4), pytest.raises(gt.GameError, match="Neither meeting in the middle .* fits the limits"):
        gt.shapley_shubik(g)
