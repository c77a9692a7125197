"""Backward induction and subgame perfection: known answers, a naive reference, properties."""

from __future__ import annotations

import glob
import os
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.solvers.backward_induction import backward_induction_batch, subgame_perfect
from gametheory_af.trees import Chance, Decision
from gametheory_af.trees.game import CHANCE, ExtensiveFormGame
from gametheory_af.trees.result import make_behavior_equilibrium
from gametheory_af.trees.subgames import proper_subgames, subgame
from tests.trees.test_subgames import bos_after_entry

EFG_DIR = os.path.join(os.path.dirname(__file__), "..", "data", "efg")


def random_pi_tree(
    n: int, *, players: int = 2, chance: float = 0.1, seed: int = 0, integer: bool = True
) -> ExtensiveFormGame:
    """A random perfect-information tree of *n* nodes (random recursive attachment), seeded."""
    rng = np.random.default_rng(seed)
    par = np.empty(n, dtype=np.int64)
    par[0] = -1
    par[1:] = (rng.random(n - 1) * np.arange(1, n)).astype(np.int64)
    has = np.bincount(par[1:], minlength=n) > 0
    who = rng.integers(0, players, n)
    who[rng.random(n) < chance] = -1
    nt = int((~has).sum())
    pay = rng.integers(0, 10, (nt, players)).astype(float) if integer else rng.standard_normal((nt, players))
    w = rng.random(n) + 0.1
    s = np.bincount(par[1:], weights=w[1:], minlength=n)
    prob = np.ones(n)
    prob[1:] = w[1:] / s[par[1:]]
    return ExtensiveFormGame.from_arrays(par, who, pay, probabilities=prob)


def naive_bi(game: ExtensiveFormGame, pay: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Recursive backward induction node by node (the reference), lowest index on ties."""
    n = game.n_nodes
    values = np.zeros((n, game.n_players))
    choices = np.full(n, -1, dtype=np.int64)

    def rec(x: int) -> np.ndarray:
        who = int(game.node_players[x])
        kids = game.children(x).tolist()
        if not kids:
            values[x] = pay[int(game.terminal_index[x])]
        elif who == CHANCE:
            values[x] = sum(game.edge_probabilities[c] * rec(c) for c in kids)
        else:
            vals = [rec(c) for c in kids]
            best = max(v[who] for v in vals)
            k = next(j for j, v in enumerate(vals) if v[who] == best)
            choices[x] = k
            values[x] = vals[k]
        return values[x]

    rec(0)
    return values, choices


# ----------------------------------------------------------------------------- backward_induction_batch
def test_batch_entry_deterrence():
    values, choices = backward_induction_batch(gt.catalog.entry_deterrence())
    assert values.shape == (1, 5, 2) and choices.shape == (1, 5) and choices.dtype == np.int64
    assert values[0, 0].tolist() == [1.0, 1.0]
    assert choices[0].tolist() == [1, -1, 1, -1, -1]  # In, Accommodate


def test_batch_several_payoff_vectors():
    g = gt.catalog.entry_deterrence()
    pay = np.stack([g.terminal_payoffs, [[0, 2], [1, 1], [-1, -1]], [[5, 0], [1, 1], [-1, -1]]])
    values, choices = backward_induction_batch(g, pay)
    assert choices[:, 0].tolist() == [1, 1, 0]
    assert choices[:, 2].tolist() == [1, 0, 0]
    assert values[:, 0].tolist() == [[1, 1], [1, 1], [5, 0]]


def test_batch_ties_lowest_index():
    g = ExtensiveFormGame(gt.trees.Decision("A", {"x": (1, 0), "y": (1, 5), "z": (0, 9)}), players=("A", "B"))
    values, choices = backward_induction_batch(g)
    assert choices[0, 0] == 0 and values[0, 0].tolist() == [1, 0]


def test_batch_chance_value():
    from gametheory_af.trees import Chance, Decision

    g = ExtensiveFormGame(
        Decision("A", {"safe": (1, 0), "risky": Chance({"good": ("1/4", (4, 1)), "bad": ("3/4", (0, 2))})}),
        players=("A", "B"),
    )
    values, choices = backward_induction_batch(g)
    assert values[0, 2].tolist() == pytest.approx([1.0, 1.75])
    assert choices[0].tolist() == [0, -1, -1, -1, -1]


@pytest.mark.parametrize("seed", range(6))
def test_batch_matches_naive_reference(seed):
    g = random_pi_tree(400, players=1 + seed % 3, seed=seed)
    rng = np.random.default_rng(seed)
    pay = rng.integers(0, 4, (3, g.n_terminals, g.n_players)).astype(float)  # many ties
    values, choices = backward_induction_batch(g, pay)
    for b in range(3):
        v_ref, c_ref = naive_bi(g, pay[b])
        np.testing.assert_allclose(values[b], v_ref, rtol=0, atol=1e-12)
        dec = g.node_players >= 0
        # with chance sums, float rounding may break exact ties differently only where values tie: compare values
        same = choices[b] == c_ref
        assert same[~dec].all()
        if not g.has_chance:
            assert same.all()


def test_batch_terminal_root():
    g = ExtensiveFormGame((3, 4))
    values, choices = backward_induction_batch(g)
    assert values.tolist() == [[[3.0, 4.0]]] and choices.tolist() == [[-1]]


@given(st.integers(0, 10_000), st.integers(1, 3))
def test_batch_values_are_a_best_response_everywhere(seed, players):
    g = random_pi_tree(60, players=players, seed=seed, integer=False)
    values, choices = backward_induction_batch(g)
    v = values[0]
    for x in np.flatnonzero(g.node_players >= 0).tolist():
        i = int(g.node_players[x])
        kids = g.children(x)
        assert v[x, i] == v[kids, i].max()
        assert v[x].tolist() == v[kids[choices[0, x]]].tolist()


# ----------------------------------------------------------------------------- subgame_perfect: known answers
def outcomes(res):
    return sorted((tuple(e.describe(res.game).split("; ")), tuple(e.payoffs.tolist())) for e in res)


def test_entry_deterrence_unique_spe_while_normal_form_has_incredible_threat():
    g = gt.catalog.entry_deterrence()
    res = subgame_perfect(g)
    assert res.method == "backward_induction" and res.complete
    assert res.describe() == ["Entrant: In; Incumbent: Accommodate"]
    assert res[0].payoffs.tolist() == [1.0, 1.0] and res[0].max_regret == 0.0
    nash = gt.pure_nash(g.to_normal_form())
    assert len(nash) == 2  # (In, Accommodate) and the threat (Out, Fight)
    ex = subgame_perfect(g, exact=True)
    assert ex[0].exact == ((Fraction(0), Fraction(1)), (Fraction(0), Fraction(1)))


def centipede(stages: int) -> ExtensiveFormGame:
    """McKelvey-Palfrey style: piles 4 and 1 double at each pass; the mover who takes gets the large pile."""
    # after the last pass the piles have doubled once more and the last mover gets the small one
    last = (stages - 1) % 2
    big, small = 4 * 2**stages, 2**stages
    node: object = (small, big) if last == 0 else (big, small)
    for k in reversed(range(stages)):
        mover = k % 2
        take = (4 * 2**k, 2**k) if mover == 0 else (2**k, 4 * 2**k)
        node = Decision(mover, {"take": take, "pass": node})
    return ExtensiveFormGame(node, players=("P1", "P2"))


@pytest.mark.parametrize("stages", [2, 4, 6, 9])
def test_centipede_take_at_once(stages):
    g = centipede(stages)
    res = subgame_perfect(g, exact=True)
    assert len(res) == 1 and res.complete
    assert res[0].pure_actions == (0,) * stages  # take at every node
    assert res[0].payoffs.tolist() == [4.0, 1.0]
    values, choices = backward_induction_batch(g)
    assert (choices[0][g.node_players >= 0] == 0).all()


def tie_game() -> ExtensiveFormGame:
    """P2 is indifferent after L; her choice decides P1's: two SPE with different root values."""
    return ExtensiveFormGame(Decision("P1", {"L": Decision("P2", {"a": (1, 0), "b": (3, 0)}), "R": (2, 2)}))


@pytest.mark.parametrize("exact", [False, True])
def test_ties_give_spe_with_different_values(exact):
    res = subgame_perfect(tie_game(), exact=exact)
    assert res.complete and res.method == "backward_induction"
    assert outcomes(res) == [(("P1: L", "P2: b"), (3.0, 0.0)), (("P1: R", "P2: a"), (2.0, 2.0))]
    assert all(e.max_regret == 0 for e in res)


def test_nested_ties_are_not_a_product():
    # P1 chooses between two P2 nodes; P2 indifferent at both; P1's choice depends on both
    g = ExtensiveFormGame(
        Decision(
            "P1", {"L": Decision("P2", {"a": (1, 0), "b": (3, 0)}), "R": Decision("P2", {"c": (2, 5), "d": (2, 5)})}
        )
    )
    res = subgame_perfect(g, exact=True)
    got = sorted(e.pure_actions for e in res)
    # (a, c/d): R (2 > 1); (b, c/d): L (3 > 2): four equilibria, P1's action tied to P2's at L
    assert got == [(0, 1, 0), (0, 1, 1), (1, 0, 0), (1, 0, 1)]
    assert res.complete


def test_chance_nodes_and_exact_ties():
    g = ExtensiveFormGame(
        Decision(
            "P1",
            {
                "L": Chance({"h": ("1/3", Decision("P2", {"a": (1, 0), "b": (3, 0)})), "t": ("2/3", (0, 1))}),
                "R": (1, 2),
            },
        )
    )
    res = subgame_perfect(g, exact=True)
    # b makes L worth exactly 1 = R: P1 is indifferent, so three SPE
    assert sorted(e.pure_actions for e in res) == [(0, 1), (1, 0), (1, 1)]
    res_f = subgame_perfect(g)
    assert sorted(e.pure_actions for e in res_f) == [(0, 1), (1, 0), (1, 1)]


def test_float_ties_from_chance_sums():
    # 0.1 + 0.2 is not 0.3 in float64: the tolerance treats them as tied
    g = ExtensiveFormGame(
        Decision("P1", {"x": Chance({"h": (0.5, (0.2, 0)), "t": (0.5, (0.4, 0))}), "y": (0.3, 1)}), players=("P1", "P2")
    )
    assert len(subgame_perfect(g)) == 2


def test_max_equilibria_cuts_with_warning():
    with pytest.warns(gt.GameWarning, match="max_equilibria=1"):
        res = subgame_perfect(tie_game(), max_equilibria=1)
    assert len(res) == 1 and not res.complete


def test_many_ties_bounded():
    # P1 indifferent among five P2 nodes, P2 indifferent at each: 5 * 2^5 SPE
    kids = {f"m{k}": Decision("P2", {"a": (0, 1), "b": (0, 1)}) for k in range(5)}
    g = ExtensiveFormGame(Decision("P1", {"go": Decision("P1", kids)}), players=("P1", "P2"))
    with pytest.warns(gt.GameWarning):
        res = subgame_perfect(g, max_equilibria=50)
    assert len(res) == 50 and not res.complete
    full = subgame_perfect(g)
    assert len(full) == 5 * 2**5 and full.complete


def test_max_time_cut():
    kids = {f"m{k}": Decision("P2", {"a": (0, 1), "b": (0, 1)}) for k in range(4)}
    g = ExtensiveFormGame(Decision("P1", kids), players=("P1", "P2"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = subgame_perfect(g, max_time=1e-9)
    assert not res.complete


def test_only_chance():
    g = ExtensiveFormGame(Chance({"h": ("1/4", (4, 0)), "t": ("3/4", (0, 4))}), players=("A", "B"))
    res = subgame_perfect(g, exact=True)
    assert len(res) == 1 and res[0].payoffs.tolist() == [1.0, 3.0] and res[0].behavior == ()
    assert subgame_perfect(g)[0].exact is None


def test_terminal_only_game():
    res = subgame_perfect(ExtensiveFormGame((1, 2)))
    assert len(res) == 1 and res[0].payoffs.tolist() == [1.0, 2.0]


def test_unresolved_float_payoffs_use_exact_ties():
    # payoffs 0..3 and 1e12: float64 cannot resolve them, so ties are decided in rationals
    g = ExtensiveFormGame.from_arrays([-1, 0, 0, 0, 1, 1], [0, 1, 0, 0, 0, 0], [[1e12, 0], [0, 1], [1, 1], [3, 1]])
    res = subgame_perfect(g)
    assert res.complete and len(res) == 2  # player 2 is indifferent at node 1


# ----------------------------------------------------------------------------- imperfect information
@pytest.mark.parametrize("exact", [False, True])
def test_battle_of_the_sexes_after_entry_three_spe(exact):
    res = subgame_perfect(bos_after_entry(), exact=exact)
    assert res.method == "subgame_decomposition" and res.complete
    got = sorted(tuple(round(x, 12) for x in e.payoffs.tolist()) for e in res)
    assert got == [(2.0, 2.0), (2.0, 2.0), (3.0, 1.0)]
    desc = set(res.describe())
    assert "P1 at the root: In; P1 [p1 bos]: F; P2: F" in desc
    assert "P1 at the root: Out; P1 [p1 bos]: O; P2: O" in desc
    assert "P1 at the root: Out; P1 [p1 bos]: mix(F 0.75, O 0.25); P2: mix(F 0.25, O 0.75)" in desc
    if exact:
        mixed = next(e for e in res if not e.is_pure)
        assert mixed.exact[1] == (Fraction(3, 4), Fraction(1, 4)) and mixed.max_regret == 0


def test_bos_after_entry_with_a_better_outside_option():
    res = subgame_perfect(bos_after_entry(out=(4, 0)), exact=True)
    # every subgame equilibrium gives P1 less than 4: Out in all three
    assert len(res) == 3 and all(e.pure_actions is None or e.pure_actions[0] == 0 for e in res)
    assert all(e.behavior[0].tolist() == [1.0, 0.0] for e in res)


def test_matching_pennies_tree_only_the_root():
    g = gt.catalog.matching_pennies_tree()
    assert proper_subgames(g).tolist() == [0]
    res = subgame_perfect(g, exact=True)
    assert len(res) == 1 and res.complete
    assert res[0].exact == ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))


def test_tree_from_normal_form_matches_the_normal_form_solver():
    nfg = gt.catalog.battle_of_the_sexes()
    res = subgame_perfect(ExtensiveFormGame.from_normal_form(nfg), exact=True)
    ref = gt.vertex_enumeration(nfg, exact=True)
    assert sorted(e.exact for e in res) == sorted(e.exact for e in ref)


def test_perfect_information_part_below_an_imperfect_one():
    # a simultaneous matching-pennies stage, then (after H,H) a perfect-information continuation with a tie
    def p2(a, b):
        return Decision("B", {"h": a, "t": b}, infoset="b")

    cont = Decision("A", {"x": Decision("B", {"u": (3, -3), "v": (3, -3)}), "y": (1, -1)})
    g = ExtensiveFormGame(Decision("A", {"H": p2(cont, (-1, 1)), "T": p2((-1, 1), (1, -1))}, infoset="a"))
    roots = proper_subgames(g).tolist()
    assert roots[0] == 0 and len(roots) == 3
    res = subgame_perfect(g, exact=True)
    assert len(res) == 2 and res.complete  # B's tie below is enumerated; the stage game has one equilibrium
    for e in res:
        assert e.max_regret == 0


def test_imperfect_recall_refused():
    g = ExtensiveFormGame(
        Decision(
            "A",
            {
                "L": Decision("A", {"a": (1, 0), "b": (0, 0)}, infoset="x"),
                "R": Decision("A", {"a": (0, 0), "b": (1, 0)}, infoset="x"),
            },
        ),
        players=("A", "B"),
    )
    with pytest.raises(gt.GameError, match="perfect recall"):
        subgame_perfect(g)


def test_named_solver():
    res = subgame_perfect(bos_after_entry(), solver="lemke_howson")
    assert len(res) >= 1 and res.parameters["solver"] == "lemke_howson"
    res2 = subgame_perfect(bos_after_entry(), solver="pure_nash")
    assert len(res2) == 2


def test_three_player_subgame_exact_request_falls_back_with_warning():
    # a 3-player simultaneous stage whose equilibria may be irrational: exact=True warns if it cannot deliver
    nfg = gt.catalog.jordan_game()
    g = ExtensiveFormGame.from_normal_form(nfg)
    res = subgame_perfect(g)
    assert len(res) >= 1 and all(e.relative_regret <= 1e-9 for e in res)


# ----------------------------------------------------------------------------- properties
@given(st.integers(0, 10_000), st.integers(1, 3))
def test_batch_spe_is_an_equilibrium_of_every_subgame(seed, players):
    g = random_pi_tree(30, players=players, seed=seed, chance=0.2)
    _, choices = backward_induction_batch(g)
    pre, size = g.preorder_intervals()
    for x in proper_subgames(g).tolist():
        sub = subgame(g, x)
        nodes = np.flatnonzero((pre >= pre[x]) & (pre < pre[x] + size[x]))
        dec = np.flatnonzero(sub.node_players >= 0)
        beh = [0] * sub.n_infosets
        for d in dec.tolist():
            beh[int(sub.node_infosets[d])] = int(choices[0, nodes[d]])
        if sub.n_infosets:
            assert make_behavior_equilibrium(sub, beh).relative_regret <= 1e-12


def _pure_set(res):
    return sorted(e.pure_actions for e in res)


@given(st.integers(0, 10_000), st.floats(0.1, 10), st.floats(-50, 50))
def test_invariant_to_scaling_and_shifting_a_player(seed, a, b):
    g = random_pi_tree(25, players=2, seed=seed, chance=0.0)
    pay = g.terminal_payoffs.copy()
    pay[:, 1] = a * pay[:, 1] + b
    h = ExtensiveFormGame.from_arrays(g.parents, np.where(g.node_players >= 0, g.node_players, 0), pay)
    assert _pure_set(subgame_perfect(g, max_equilibria=10_000)) == _pure_set(subgame_perfect(h, max_equilibria=10_000))


@given(st.integers(0, 10_000))
def test_exact_and_float_agree(seed):
    g = random_pi_tree(25, players=2, seed=seed, chance=0.0)
    f = subgame_perfect(g, max_equilibria=10_000)
    e = subgame_perfect(g, exact=True, max_equilibria=10_000)
    assert _pure_set(f) == _pure_set(e)
    assert all(x.max_regret == 0 for x in e)


@given(st.integers(0, 10_000))
def test_first_spe_is_the_batch_one_and_all_have_zero_regret(seed):
    g = random_pi_tree(40, players=2, seed=seed, chance=0.0)
    res = subgame_perfect(g, max_equilibria=10_000)
    _, choices = backward_induction_batch(g)
    dec = np.flatnonzero(g.node_players >= 0)
    batch = np.empty(g.n_infosets, dtype=np.int64)
    batch[g.node_infosets[dec]] = choices[0, dec]
    assert tuple(batch.tolist()) in {e.pure_actions for e in res}
    assert all(e.max_regret == 0 for e in res)
    assert len({e.pure_actions for e in res}) == len(res)


# ----------------------------------------------------------------------------- pygambit cross-checks
def _gambit_files():
    return sorted(glob.glob(os.path.join(EFG_DIR, "*.efg")))


PI_FILES = [
    "badgame1.efg",
    "cent4.efg",
    "cent6.efg",
    "centcs6.efg",
    "centcs10.efg",
    "sww1.efg",
    "catalog_journals_ijgt_selten1975_fig2.efg",
    "t_2_player_PI_2_dev_off_eq_path_const_sum.efg",
    "t_3_player_PI_2_dev_off_eq_path.efg",
    "t_3_player_perfect_info_1_move_each.efg",
    "t_perfect_info_with_chance.efg",
    "t_nature_leaves_nongeneric.efg",
    "t_two_player_perfect_info_win_lose.efg",
    "t_two_player_perfect_info_win_lose_with_nonterm_outcomes.efg",
]


def _gambit_key(g, ours, behavior):
    players = list(g.players)
    out = []
    for H in g.infosets:
        h = ours.infoset_labels.index(f"{players.index(H.player)}:{H.number}")
        out.append(tuple(str(x) for x in behavior[h]))
    return tuple(out)


@pytest.mark.parametrize("name", PI_FILES)
def test_pure_spe_among_pygambit_agent_equilibria(name):
    gbt = pytest.importorskip("pygambit")
    from tests.trees.test_subgames import from_gambit

    g = gbt.read_efg(os.path.join(EFG_DIR, name))
    ours = from_gambit(g)
    assert ours.is_perfect_information
    res = subgame_perfect(ours, exact=True)
    assert res.complete and len(res) >= 1
    theirs = {
        tuple(tuple(str(eq[a]) for a in H.actions) for H in g.infosets)
        for eq in gbt.nash.enumpure_agent_solve(g).equilibria
    }
    mine = {_gambit_key(g, ours, e.exact) for e in res}
    assert mine <= theirs


IMPERFECT_FILES = [
    "e04.efg",
    "km1.efg",
    "my_3-3b.efg",
    "sh3.efg",
    "coord3.efg",
    "bhg1.efg",
    "t_2_player_chance.efg",
    "e16.efg",
]


@pytest.mark.parametrize("name", IMPERFECT_FILES)
def test_decomposition_passes_pygambit_regret(name):
    gbt = pytest.importorskip("pygambit")
    from tests.trees.test_subgames import from_gambit

    g = gbt.read_efg(os.path.join(EFG_DIR, name))
    ours = from_gambit(g)
    res = subgame_perfect(ours, exact=True)
    assert len(res) >= 1
    players = list(g.players)
    for e in res:
        assert e.max_regret == 0
        prof = g.mixed_behavior_profile(rational=True)
        for H in g.infosets:
            h = ours.infoset_labels.index(f"{players.index(H.player)}:{H.number}")
            for act, p in zip(list(H.actions), e.exact[h]):
                prof[act] = gbt.Rational(str(p))
        assert prof.max_regret() == 0


def test_decomposition_cut_by_max_equilibria():
    with pytest.warns(gt.GameWarning, match="max_equilibria=2"):
        res = subgame_perfect(bos_after_entry(), max_equilibria=2)
    assert len(res) == 2 and not res.complete


def test_named_solver_exact():
    res = subgame_perfect(bos_after_entry(), solver="vertex_enumeration", exact=True)
    assert len(res) == 3 and all(e.exact is not None for e in res)


def test_exact_request_with_irrational_subgame_equilibria_warns():
    gbt = pytest.importorskip("pygambit")
    from tests.trees.test_subgames import from_gambit

    ours = from_gambit(gbt.read_efg(os.path.join(EFG_DIR, "2s2x2x2.efg")))
    with pytest.warns(gt.GameWarning, match="could not be computed exactly"):
        res = subgame_perfect(ours, exact=True)
    inexact = [e for e in res if e.exact is None]
    assert inexact and all(e.relative_regret <= 1e-9 for e in inexact)
