"""The sequence-form LP (zero-sum trees) and Lemke's algorithm on the sequence-form LCP (general-sum trees)."""

from __future__ import annotations

import dataclasses
import glob
import json
import os
import pickle
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.exceptions import ConvergenceWarning
from gametheory_af.solvers import sequence_form as sfm
from gametheory_af.solvers.sequence_form import SequenceFormLPResult, sequence_form_lcp, sequence_form_lp
from gametheory_af.trees import Chance, Decision, ExtensiveFormGame, Terminal
from gametheory_af.trees.catalog import kuhn_poker
from gametheory_af.trees.profiles import behavior_regrets
from gametheory_af.trees.result import TreeEquilibriumResult, make_behavior_equilibrium
from gametheory_af.trees.sequence import realization_plan
from tests.trees.test_sequence import random_tree

SEEDS = st.integers(0, 10**6)
EFG_DIR = os.path.join(os.path.dirname(__file__), "..", "data", "efg")


# ----------------------------------------------------------------------------- the LP: known answers
def test_kuhn_poker_value_is_minus_one_eighteenth_exactly():
    res = sequence_form_lp(kuhn_poker(), exact=True)
    assert res.exact_value == Fraction(-1, 18)
    assert res.value == pytest.approx(-1 / 18, abs=1e-15)
    eq = res[0]
    assert eq.exact is not None and eq.max_regret == 0.0
    assert behavior_regrets(kuhn_poker(), [list(v) for v in eq.exact], exact=True).tolist() == [0, 0]
    assert eq.payoffs.tolist() == pytest.approx([-1 / 18, 1 / 18])
    # Kuhn (1950): the second player always calls with the King and never with the Jack after a bet
    g = kuhn_poker()
    called = {g.infoset_labels[h]: eq.behavior[h] for h in range(g.n_infosets)}
    assert isinstance(res, TreeEquilibriumResult) and res.method == "sequence_form_lp"
    assert not res.complete and res.converged
    assert len(called) == 12


def test_kuhn_poker_float():
    res = sequence_form_lp(kuhn_poker())
    assert res.value == pytest.approx(-1 / 18, abs=1e-12)
    assert res.exact_value is None and res[0].exact is None
    assert res.relative_regret <= 1e-9


def test_matching_pennies_tree():
    res = sequence_form_lp(gt.catalog.matching_pennies_tree(), exact=True)
    assert res.exact_value == 0
    assert res[0].exact == ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))


def test_constant_sum_tree_value_is_player_zeros():
    g = ExtensiveFormGame(Decision("A", {"L": Decision("B", {"l": (7, 3), "r": (2, 8)}), "R": (4, 6)}))
    res = sequence_form_lp(g, exact=True)
    assert res.exact_value == 4 and res.value == 4.0


def test_float_payoffs_zero_sum_tree():
    g = random_tree(11, zero_sum=True, exact=False)
    res = sequence_form_lp(g)
    assert res.relative_regret <= 1e-9
    assert res[0].payoffs[0] == pytest.approx(res.value, abs=1e-9)


def test_result_round_trips_and_serialises():
    res = sequence_form_lp(kuhn_poker(), exact=True)
    assert pickle.loads(pickle.dumps(res)) == res
    d = res.to_dict()
    assert d["exact_value"] == "-1/18" and d["value"] == pytest.approx(-1 / 18)
    json.dumps(d, allow_nan=False)
    assert repr(res).startswith("SequenceFormLPResult(") and "value=-0.0555556" in repr(res)
    assert dataclasses.is_dataclass(res) and isinstance(res, SequenceFormLPResult)


# ----------------------------------------------------------------------------- the LP: properties
@given(SEEDS)
def test_lp_value_equals_normal_form_value(seed):
    g = random_tree(seed, zero_sum=True, max_depth=3)
    assume(g.n_infosets > 0)  # the core's node_sequences fails on a tree without decisions (reported)
    nf = g.to_normal_form()
    assume(int(np.prod(nf.shape)) <= 400)
    want = gt.zero_sum(nf, exact=True).exact_value
    res = sequence_form_lp(g, exact=True)
    assert res.exact_value == want
    assert res[0].max_regret == 0.0
    assert sequence_form_lp(g).value == pytest.approx(float(want), abs=1e-9 * max(1.0, abs(float(want))))


@given(SEEDS, st.sampled_from([(Fraction(1, 3), 5), (7, -2), (Fraction(1, 1000), Fraction(1, 7))]))
def test_lp_value_under_affine_maps(seed, ab):
    a, b = ab
    g = random_tree(seed, zero_sum=True)
    h = random_tree(seed, zero_sum=True, scale=(a, a), shift=(b, -b))
    v = sequence_form_lp(g, exact=True).exact_value
    assert sequence_form_lp(h, exact=True).exact_value == a * v + b
    assert sequence_form_lp(h).value == pytest.approx(float(a * v + b), abs=1e-9 * float(a) * 10 + 1e-12)


@given(SEEDS)
def test_exact_and_float_lp_agree(seed):
    g = random_tree(seed, zero_sum=True)
    ex = sequence_form_lp(g, exact=True)
    fl = sequence_form_lp(g)
    span = float(np.ptp(g.terminal_payoffs[:, 0])) or 1.0
    assert fl.value == pytest.approx(float(ex.exact_value), abs=1e-9 * span)
    assert fl.relative_regret <= 1e-9 and ex[0].max_regret == 0.0


# ----------------------------------------------------------------------------- the LP: fallbacks
def test_lp_falls_back_to_exact_lemke_when_no_active_set_verifies(monkeypatch):
    monkeypatch.setattr(sfm, "_exact_lp", lambda *a, **k: None)
    res = sequence_form_lp(kuhn_poker(), exact=True)
    assert res.exact_value == Fraction(-1, 18) and res[0].max_regret == 0.0


def test_lp_active_set_thresholds_are_tried_in_turn(monkeypatch):
    calls = []
    real = sfm._verify

    def first_fails(*args):
        calls.append(1)
        return False if len(calls) == 1 else real(*args)

    monkeypatch.setattr(sfm, "_verify", first_fails)
    assert sequence_form_lp(kuhn_poker(), exact=True).exact_value == Fraction(-1, 18)
    assert len(calls) == 2


def _inflating(real, n_bad):
    """make_behavior_equilibrium whose first *n_bad* float results report a large regret."""
    count = [0]

    def wrapped(game, behavior, *, exact=False):
        eq = real(game, behavior, exact=exact)
        if not exact and count[0] < n_bad:
            count[0] += 1
            return dataclasses.replace(eq, relative_regret=1.0, max_regret=1.0)
        return eq

    return wrapped


def test_lp_polishes_a_float_solution_that_does_not_certify(monkeypatch):
    monkeypatch.setattr(sfm, "make_behavior_equilibrium", _inflating(make_behavior_equilibrium, 1))
    res = sequence_form_lp(random_tree(4, zero_sum=True, exact=False))
    assert res.converged and res.relative_regret <= 1e-9


def test_lp_settles_a_float_failure_exactly_when_payoffs_are_exact(monkeypatch):
    monkeypatch.setattr(sfm, "make_behavior_equilibrium", _inflating(make_behavior_equilibrium, 2))
    res = sequence_form_lp(kuhn_poker())
    assert res.converged and res.exact_value is None and res[0].exact is None
    assert res.value == pytest.approx(-1 / 18, abs=1e-15) and res.max_regret <= 1e-15


def test_lp_warns_when_float_fails_without_exact_payoffs(monkeypatch):
    monkeypatch.setattr(sfm, "make_behavior_equilibrium", _inflating(make_behavior_equilibrium, 2))
    with pytest.warns(ConvergenceWarning, match="relative regret exceeds"):
        res = sequence_form_lp(random_tree(4, zero_sum=True, exact=False))
    assert not res.converged and len(res) == 0


def test_lp_falls_back_when_no_active_system_solves(monkeypatch):
    monkeypatch.setattr(sfm, "_solve_active", lambda *a, **k: None)
    assert sequence_form_lp(kuhn_poker(), exact=True).exact_value == Fraction(-1, 18)


def test_exact_verification_rejects_each_kind_of_violation():
    g = kuhn_poker()
    sf = sfm.sequence_form(g, exact=True)
    A = sfm._exact_matrix(sf)
    E, e, F, f = sf.constraints[0], sf.rhs[0], sf.constraints[1], sf.rhs[1]
    u0 = g.terminal_payoffs[:, 0]
    An = sfm._sparse_matrix(sf, sfm.chance_reach(g)[g.terminals] * (u0 - u0.min()) / np.ptp(u0))
    x, q, y, p, _, _ = sfm._solve_lps(An, E, e, F, f)
    sx, t1, sy, t2 = sfm._active_sets(An, E, F, x, q, y, p, 1e-9)
    xe, qe = sfm._solve_active(E, e, F, A.T, sx, t1)
    ye, pe = sfm._solve_active(F, f, E, A, sy, t2)
    assert sfm._verify(A, E, e, F, f, xe, qe, ye, pe)
    assert sfm._solve_active(E, e, F, A.T, np.array([], dtype=np.int64), t1) is None  # x = 0 cannot meet x[0] = 1

    def bumped(v, k, d):
        out = v.copy()
        out[k] = out[k] + d
        return out

    assert not sfm._verify(A, E, e, F, f, bumped(xe, 1, Fraction(-2)), qe, ye, pe)  # negative
    assert not sfm._verify(A, E, e, F, f, bumped(xe, 1, Fraction(1, 3)), qe, ye, pe)  # E x != e
    assert not sfm._verify(A, E, e, F, f, xe, bumped(qe, 0, Fraction(1)), ye, pe)  # dual of player 0's LP
    assert not sfm._verify(A, E, e, F, f, xe, qe, ye, bumped(pe, 0, Fraction(-1)))  # dual of player 1's LP
    assert not sfm._verify(A, E, e, F, f, xe, qe, ye, bumped(pe, 0, Fraction(1)))  # objectives differ


def test_lemke_gives_up_after_every_starting_profile_ends_in_a_ray(monkeypatch):
    monkeypatch.setattr(sfm, "_lemke_from", lambda game, *, exact, clock, prior: (None, 2, "ray"))
    plans, piv, status = sfm._lemke(kuhn_poker(), exact=True, clock=sfm.Clock(None))
    assert plans is None and status == "ray" and piv == 2 * len(sfm._PRIORS)
    with pytest.warns(ConvergenceWarning, match="ended off an equilibrium"):
        res = sequence_form_lcp(kuhn_poker())
    assert not res.converged


def test_polish_keeps_highs_plans_when_least_squares_is_worse():
    g = kuhn_poker()
    sf = sfm.sequence_form(g, exact=False)
    u0 = g.terminal_payoffs[:, 0]
    An = sfm._sparse_matrix(sf, sfm.chance_reach(g)[g.terminals] * (u0 - u0.min()) / np.ptp(u0))
    E, e, F, f = sf.constraints[0], sf.rhs[0], sf.constraints[1], sf.rhs[1]
    x, q, y, p, _, _ = sfm._solve_lps(An, E, e, F, f)
    plans = sfm._polish(An, E, e, F, f, x, q, y, p)
    np.testing.assert_allclose(E @ plans[0], e, atol=1e-12)
    # a "solution" whose active sets are empty: the least-squares re-solve cannot beat it
    bad = sfm._polish(An, E, e, F, f, np.zeros_like(x), q * 0 + 1e3, np.zeros_like(y), p * 0 - 1e3)
    assert [b.tolist() for b in bad] == [np.zeros_like(x).tolist(), np.zeros_like(y).tolist()]


# ----------------------------------------------------------------------------- the LCP
def test_lcp_entry_deterrence_exact():
    res = sequence_form_lcp(gt.catalog.entry_deterrence(), exact=True)
    assert res.describe() == ["Entrant: In; Incumbent: Accommodate"]
    assert res[0].max_regret == 0.0 and res.method == "sequence_form_lcp" and not res.complete


def test_lcp_kuhn_poker_is_an_optimal_profile():
    for exact in (False, True):
        res = sequence_form_lcp(kuhn_poker(), exact=exact)
        assert res[0].payoffs[0] == pytest.approx(-1 / 18, abs=1e-12)
        assert res.relative_regret <= 1e-9
    assert res[0].exact is not None and res[0].max_regret == 0.0


@settings(max_examples=20)
@given(SEEDS)
def test_lcp_finds_a_certified_equilibrium(seed):
    g = random_tree(seed)
    res = sequence_form_lcp(g)
    assert res.converged and len(res) == 1
    assert res.relative_regret <= 1e-9
    ex = sequence_form_lcp(g, exact=True)
    assert ex[0].exact is not None
    assert behavior_regrets(g, [list(v) for v in ex[0].exact], exact=True).tolist() == [0, 0]


@given(SEEDS)
def test_lcp_float_tree_with_chance(seed):
    g = random_tree(seed, exact=False)
    res = sequence_form_lcp(g)
    assert res.converged and res.relative_regret <= 1e-9


@settings(max_examples=15)
@given(SEEDS, st.sampled_from([((3, Fraction(1, 2)), (-4, 9)), ((Fraction(1, 100), 1000), (0, 0))]))
def test_lcp_path_is_invariant_under_affine_maps(seed, maps):
    g = random_tree(seed, max_depth=3)
    scale, shift = maps
    a = sequence_form_lcp(g, exact=True)[0].exact
    b = sequence_form_lcp(random_tree(seed, max_depth=3, scale=scale, shift=shift), exact=True)[0].exact
    assert a == b


@pytest.mark.parametrize("seed", range(12))
def test_lcp_on_simultaneous_trees_matches_normal_form_solvers(seed):
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(2, 5)), int(rng.integers(2, 5))
    nf = gt.NormalFormGame.from_bimatrix(rng.normal(size=(m, n)), rng.normal(size=(m, n)))
    tree = ExtensiveFormGame.from_normal_form(nf)
    eq = sequence_form_lcp(tree)[0]
    x, y = eq.behavior
    all_eqs = gt.support_enumeration(nf)
    assert any(np.allclose(x, e.profile[0], atol=1e-8) and np.allclose(y, e.profile[1], atol=1e-8) for e in all_eqs)
    lh = gt.lemke_howson(nf)[0]
    assert any(np.allclose(lh.profile[0], e.profile[0], atol=1e-8) for e in all_eqs)


def test_lcp_pivots_exactly_when_floats_cannot_resolve_the_payoffs():
    big = 10**12
    g = ExtensiveFormGame(
        Decision("A", {"L": Decision("B", {"l": (0, 1), "r": (1, 0)}, infoset="b"), "R": Decision("B", {"l": (1, 2), "r": (big, 3)}, infoset="b")}),
    )
    assert not sfm.float_resolves(np.ascontiguousarray(g.terminal_payoffs.T))
    res = sequence_form_lcp(g)
    assert res.converged and res[0].exact is None and res[0].max_regret == 0.0


def test_lcp_restarts_from_another_prior_when_a_degenerate_start_ends_in_a_ray():
    # Gambit's sh3.efg: uniform play makes the starting best responses tie; the exact path from it ends in a ray
    A = [[0, 3, 0], [2, 2, 0], [3, 0, 1]]
    B = [[0, 2, 3], [3, 2, 0], [0, 0, 1]]
    tree = ExtensiveFormGame.from_normal_form(gt.NormalFormGame.from_bimatrix(A, B))
    assert sfm._lemke_from(tree, exact=True, clock=sfm.Clock(None), prior=None)[2] == "ray"
    res = sequence_form_lcp(tree, exact=True)
    assert res.converged and res[0].max_regret == 0.0 and res[0].exact is not None


def test_lcp_stops_at_max_time(monkeypatch):
    class Expired:
        def __init__(self, budget):
            pass

        def expired(self):
            return True

    monkeypatch.setattr(sfm, "Clock", Expired)
    with pytest.warns(ConvergenceWarning, match="max_time=5.0 was reached"):
        res = sequence_form_lcp(kuhn_poker(), max_time=5)
    assert not res.converged and len(res) == 0 and res.parameters["max_time"] == 5.0


def test_lcp_reruns_exactly_when_a_float_path_fails(monkeypatch):
    real = sfm._lemke
    calls = []

    def flaky(game, *, exact, clock):
        calls.append(exact)
        return (None, 4, "ray") if not exact else real(game, exact=exact, clock=clock)

    monkeypatch.setattr(sfm, "_lemke", flaky)
    res = sequence_form_lcp(kuhn_poker())
    assert calls == [False, True] and res.converged and res[0].exact is None and res.n_iter > 4
    res = sequence_form_lcp(kuhn_poker(), exact=True)
    assert res[0].exact is not None


def test_lcp_warns_when_a_float_path_fails_without_exact_payoffs(monkeypatch):
    monkeypatch.setattr(sfm, "_lemke", lambda game, *, exact, clock: (None, 4, "ray"))
    with pytest.warns(ConvergenceWarning, match="ended off an equilibrium"):
        res = sequence_form_lcp(random_tree(2, exact=False))
    assert not res.converged and res.n_iter == 4


def test_lcp_drops_a_float_end_that_does_not_certify(monkeypatch):
    monkeypatch.setattr(sfm, "make_behavior_equilibrium", _inflating(make_behavior_equilibrium, 1))
    res = sequence_form_lcp(kuhn_poker())  # exact payoffs: pivoted again exactly
    assert res.converged and res.max_regret <= 1e-15


def test_tree_without_moves_for_one_player():
    g = ExtensiveFormGame(Chance({"a": ("1/2", Decision("A", {"x": (1, 0), "y": (0, 0)})), "b": ("1/2", (3, 3))}), players=["A", "B"])
    res = sequence_form_lcp(g, exact=True)
    assert res[0].exact == ((Fraction(1), Fraction(0)),)
    h = ExtensiveFormGame(Chance({"a": ("1/2", Decision("A", {"x": (1, -1)})), "b": ("1/2", (3, -3))}), players=["A", "B"])
    assert sequence_form_lp(h, exact=True).exact_value == 2


# ----------------------------------------------------------------------------- pygambit
def _num(v):
    return Fraction(str(v))


def from_gambit(g):
    """Our tree from a pygambit game (outcomes summed along each path), and our information set labels -> theirs."""
    players = [p.label or f"Player {k + 1}" for k, p in enumerate(g.players)]
    gplayers = list(g.players)
    labels = {}

    def build(node, acc):
        try:
            add = [_num(node.outcome[p]) for p in gplayers]
        except (KeyError, ValueError):
            add = None
        if add is not None:
            acc = [a + b for a, b in zip(acc, add)]
        if node.is_terminal:
            return Terminal(tuple(acc))
        acts = [f"{k}:{a.label}" for k, a in enumerate(node.infoset.actions)]
        kids = [build(c, acc) for c in node.children]
        if node.player.is_chance:
            return Chance([(a, _num(act.prob), kid) for a, act, kid in zip(acts, node.infoset.actions, kids)])
        who = players[gplayers.index(node.player)]
        lab = f"{who}/{node.infoset.number}"
        labels[lab] = node.infoset
        return Decision(who, list(zip(acts, kids)), infoset=lab)

    return ExtensiveFormGame(build(g.root, [Fraction(0)] * len(players)), players=players), labels


def behavior_of(game, labels, profile):
    out = [[float(profile[a]) for a in labels[lab].actions] for lab in game.infoset_labels]
    return [v if sum(v) > 0 else [1 / len(v)] * len(v) for v in out]  # pygambit leaves unreached sets at 0


def _two_player_files():
    gbt = pytest.importorskip("pygambit")
    out = []
    for path in sorted(glob.glob(os.path.join(EFG_DIR, "*.efg"))):
        try:
            g = gbt.read_efg(path)
        except Exception:  # files pygambit refuses
            continue
        if len(g.players) == 2 and g.is_perfect_recall:
            out.append(os.path.basename(path))
    return out


try:
    TWO_PLAYER_FILES = _two_player_files()
except pytest.skip.Exception:  # pragma: no cover - without pygambit
    TWO_PLAYER_FILES = []


@pytest.mark.parametrize("name", TWO_PLAYER_FILES)
def test_lcp_against_pygambit_lcp_solve(name):
    gbt = pytest.importorskip("pygambit")
    g = gbt.read_efg(os.path.join(EFG_DIR, name))
    ours, labels = from_gambit(g)
    mine = sequence_form_lcp(ours, exact=ours.n_nodes <= 60)
    assert mine.converged and mine.relative_regret <= 1e-9
    if mine[0].exact is not None:
        assert mine[0].max_regret == 0.0
    theirs = gbt.nash.lcp_solve(g, use_strategic=False, rational=False).equilibria
    their_eq = make_behavior_equilibrium(ours, behavior_of(ours, labels, theirs[0]))
    assert their_eq.relative_regret <= 1e-6
    if int(np.prod([len(p.strategies) for p in g.players])) <= 64:
        every = gbt.nash.enummixed_solve(g, rational=False).equilibria
        if len(every) == 1:  # a unique equilibrium: the same realization plans
            b = behavior_of(ours, labels, every[0].as_behavior())
            for i in range(2):
                np.testing.assert_allclose(
                    realization_plan(ours, list(mine[0].behavior), i), realization_plan(ours, b, i), atol=1e-6
                )


@pytest.mark.parametrize("name", ["e07.efg", "doc_poker.efg", "t_zerosum_efg_from_sequence_form_STOC94_paper.efg", "t_chance_in_middle.efg", "ttt.efg"])
def test_lp_against_pygambit_lp_solve(name):
    gbt = pytest.importorskip("pygambit")
    g = gbt.read_efg(os.path.join(EFG_DIR, name))
    ours, _ = from_gambit(g)
    assert ours.is_zero_sum or len({a + b for a, b in ours.exact_terminal_payoffs().tolist()}) == 1
    theirs = gbt.nash.lp_solve(g, use_strategic=False, rational=True).equilibria[0]
    want = Fraction(str(theirs.payoff(list(g.players)[0])))
    res = sequence_form_lp(ours, exact=True)
    assert res.exact_value == want
    assert sequence_form_lp(ours).value == pytest.approx(float(want), abs=1e-9)


def test_lcp_rational_pygambit_on_kuhn_agrees_on_payoffs():
    gbt = pytest.importorskip("pygambit")
    g = gbt.read_efg(os.path.join(EFG_DIR, "t_stripped_down_poker.efg"))
    ours, labels = from_gambit(g)
    theirs = gbt.nash.lcp_solve(g, use_strategic=False, rational=True).equilibria[0]
    mine = sequence_form_lcp(ours, exact=True)[0]
    assert [Fraction(str(theirs.payoff(p))) for p in g.players] == [
        Fraction(v) for v in mine.payoffs.tolist()
    ] or mine.max_regret == 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert make_behavior_equilibrium(ours, behavior_of(ours, labels, theirs)).relative_regret <= 1e-12
