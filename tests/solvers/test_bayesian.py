"""Bayesian Nash equilibria (bayes_nash, make_bayes_equilibrium) and the perfect-Bayesian check."""

from __future__ import annotations

import json
import pickle
import warnings
from fractions import Fraction as F

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers.bayesian import (
    BayesNashEquilibrium,
    BayesNashResult,
    PBECheck,
    bayes_nash,
    is_perfect_bayesian,
    make_bayes_equilibrium,
)
from gametheory_af.trees import Chance, Decision, ExtensiveFormGame
from gametheory_af.trees.bayesian import BayesianGame, signaling_game
from gametheory_af.trees.profiles import behavior_regrets

pytestmark = pytest.mark.filterwarnings("ignore::gametheory_af.exceptions.DegenerateGameWarning")

HALF = F(1, 2)
THIRD = F(1, 3)


def osborne() -> BayesianGame:
    """Osborne (2004), Example 273.2: BoS where player 2 wishes to meet (1/2) or to avoid (1/2) player 1."""
    u1 = [[[2, 0], [0, 1]], [[2, 0], [0, 1]]]
    u2 = [[[1, 0], [0, 2]], [[0, 2], [1, 0]]]
    return BayesianGame(
        [[HALF, HALF]], [[u1], [u2]], players=["P1", "P2"], types=[["one"], ["meet", "avoid"]], actions=[["B", "S"], ["B", "S"]]
    )


def auction() -> BayesianGame:
    """First-price auction: values 1 or 3 (iid, 1/2 each), bids 0, 1, 2, ties split evenly."""
    values, bids = [1, 3], [0, 1, 2]
    u = np.empty((2, 2, 2, 3, 3), dtype=object)
    for t0 in range(2):
        for t1 in range(2):
            for b0 in bids:
                for b1 in bids:
                    share0 = F(1) if b0 > b1 else (HALF if b0 == b1 else F(0))
                    u[0, t0, t1, b0, b1] = share0 * (values[t0] - b0)
                    u[1, t0, t1, b0, b1] = (1 - share0) * (values[t1] - b1)
    return BayesianGame.independent(
        [[HALF, HALF], [HALF, HALF]], u, players=["A", "B"], types=[["low", "high"]] * 2, actions=[["0", "1", "2"]] * 2
    )


def dominant() -> BayesianGame:
    """Entry with private costs: the 'high cost' entrant never enters (Out strictly dominant); 'low' enters unless fought."""
    # entrant types low/high cost (prior 1/3, 2/3); incumbent one type; actions Entrant: In/Out, Incumbent: Fight/Accommodate
    ue = [[[[-1, 2], [0, 0]]], [[[-3, -1], [0, 0]]]]  # entrant: [type][inc type][entrant action][incumbent action]
    ui = [[[[-1, 1], [3, 3]]], [[[1, 1], [3, 3]]]]
    return BayesianGame(
        [[THIRD], [2 * THIRD]],
        [ue, ui],
        players=["Entrant", "Incumbent"],
        types=[["low", "high"], ["only"]],
        actions=[["In", "Out"], ["Fight", "Accommodate"]],
    )


def _exact_set(res: BayesNashResult) -> set[tuple[tuple[F, ...], ...]]:
    assert all(e.exact is not None for e in res)
    return {tuple(s for per in e.exact for s in per) for e in res}  # type: ignore[union-attr]


def _rounded_set(res: BayesNashResult) -> set[tuple[float, ...]]:
    return {tuple(np.round(np.concatenate([s for per in e.strategy for s in per]), 7).tolist()) for e in res}


# ----------------------------------------------------------------------------- known answers
def test_osborne_equilibria_exact() -> None:
    res = bayes_nash(osborne(), exact=True)
    assert res.complete and res.method == "ex_ante/vertex_enumeration"
    got = _exact_set(res)
    one, two = (F(1), F(0)), (F(0), F(1))
    mix_b = (2 * THIRD, THIRD)
    mix_s = (THIRD, 2 * THIRD)
    assert got == {
        (one, one, two),  # the pure equilibrium: P1 B; meet B, avoid S
        (mix_b, mix_b, two),  # P1 and the meeting type mix 2/3 on B, the avoiding type plays S
        (mix_s, two, mix_b),
    }
    for e in res:
        assert e.max_regret == 0 and e.relative_regret == 0
        assert all(r.tolist() == [0.0] * len(r) for r in e.interim_regrets)
    pure = [e for e in res if e.is_pure]
    assert len(pure) == 1 and pure[0].pure_actions == ((0,), (0, 1))
    assert pure[0].exact_interim_payoffs == ((F(1),), (F(1), F(2)))
    assert pure[0].payoffs.tolist() == [1.0, 1.5]
    assert [e.is_pure for e in res].count(False) == 2 and all(e.pure_actions is None for e in res if not e.is_pure)


@pytest.mark.parametrize("form", ["ex_ante", "agent"])
def test_forms_agree_float_and_exact(form: str) -> None:
    ref = _exact_set(bayes_nash(osborne(), exact=True))
    exact = bayes_nash(osborne(), form=form, exact=True)
    assert exact.method.startswith(form) and _exact_set(exact) == ref
    flt = bayes_nash(osborne(), form=form)
    assert _rounded_set(flt) == {tuple(round(float(x), 7) for s in prof for x in s) for prof in ref}
    assert flt.max_regret <= 1e-9


def test_dominant_type_never_enters() -> None:
    g = dominant()
    res = bayes_nash(g, exact=True)
    assert len(res) >= 1
    for e in res:
        assert e.exact is not None
        assert e.exact[0][1] == (F(0), F(1))  # the high-cost entrant stays out
    # the low-cost entrant enters and the incumbent accommodates: a pure BNE with known payoffs
    pure = {e.pure_actions for e in res if e.is_pure}
    assert ((0, 1), (1,)) in pure


def test_first_price_auction_low_type_never_overbids() -> None:
    g = auction()
    res = bayes_nash(g, exact=True)
    assert res.complete and len(res) >= 1
    for e in res:
        assert e.exact is not None
        for i in range(2):
            assert e.exact[i][0][2] == 0  # bidding 2 with value 1 is strictly dominated
        assert e.max_regret == 0


def test_equilibria_have_zero_regret_in_the_harsanyi_tree() -> None:
    for g in (osborne(), auction(), dominant()):
        t = g.to_tree()
        for e in bayes_nash(g, exact=True):
            assert e.exact is not None
            beh = {label: list(e.exact[g.player_index(label.split(": ")[0])][g.type_index(g.player_index(label.split(": ")[0]), label.split(": ")[1])]) for label in t.infoset_labels}
            assert behavior_regrets(t, beh, exact=True).tolist() == [0] * g.n_players


def test_tree_normal_form_is_the_ex_ante_form() -> None:
    """Cross-check with the tree's own strategic form (trees.convert, another part of the issue)."""
    convert = pytest.importorskip("gametheory_af.trees.convert")
    for g in (osborne(), auction(), dominant()):
        ours = g.to_normal_form()
        for reduced in (False, True):
            nf = convert.to_normal_form(g.to_tree(), reduced=reduced)
            # the same plans in the same order (the tree spells them "B/S", we "meet:B/avoid:S"), the same exact payoffs
            assert nf.shape == ours.shape and (nf.exact_payoffs() == ours.exact_payoffs()).all()
        theirs = gt.nash_equilibria(nf, exact=True)
        assert sorted(tuple(tuple(p) for p in e.exact) for e in gt.nash_equilibria(ours, exact=True)) == sorted(  # type: ignore[union-attr]
            tuple(tuple(p) for p in e.exact) for e in theirs  # type: ignore[union-attr]
        )


def test_against_pygambit_enummixed_on_the_ex_ante_form() -> None:
    gbt = pytest.importorskip("pygambit")
    for g in (osborne(), auction()):
        nf = g.to_normal_form()
        u = nf.exact_payoffs()
        pg = gbt.Game.from_arrays(*(np.array(u[i].tolist(), dtype=object).astype(float) for i in range(2)))
        for i, player in enumerate(pg.players):
            for j, s in enumerate(player.strategies):
                s.label = nf.strategies[i][j]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sol = gbt.nash.enummixed_solve(pg, rational=True)
        theirs = set()
        for prof in sol.equilibria:
            per_player = [[F(str(prof[s])) for s in pl.strategies] for pl in pg.players]
            vec = []
            for i in range(2):
                names = nf.strategies[i]
                for k in range(g.type_shape[i]):
                    acts = [F(0)] * g.action_shape[i]
                    for r, p in enumerate(per_player[i]):
                        plan = names[r].split("/")
                        act = plan[k].split(":")[-1] if g.type_shape[i] > 1 else plan[0]
                        acts[g.actions[i].index(act)] += p
                    vec.append(tuple(acts))
            theirs.add(tuple(vec))
        assert _exact_set(bayes_nash(g, exact=True)) == theirs


def test_payoff_scaling_and_shift_leave_equilibria_unchanged() -> None:
    g = osborne()
    u = g.exact_payoffs()
    u[0] = 3 * u[0] + 7
    u[1] = F(1, 5) * u[1] - 2
    h = BayesianGame(g.exact_prior(), u, players=g.players, types=g.types, actions=g.actions)
    assert _exact_set(bayes_nash(h, exact=True)) == _exact_set(bayes_nash(g, exact=True))
    assert _rounded_set(bayes_nash(h)) == _rounded_set(bayes_nash(g))


def test_three_players_use_the_agent_form() -> None:
    rng = np.random.default_rng(7)
    u = rng.integers(0, 5, size=(3, 2, 1, 1, 2, 2, 2))
    g = BayesianGame.independent([[0.5, 0.5], [1.0], [1.0]], u)
    res = bayes_nash(g)
    assert res.method.startswith("agent/") and len(res) >= 1
    assert res.relative_regret <= 1e-8


def test_zero_probability_type_any_action_is_optimal() -> None:
    # player 2 has a type 'ghost' of prior zero
    u = np.zeros((2, 1, 2, 2, 2), dtype=np.int64)
    u[0, 0, 0] = [[3, 0], [0, 1]]
    u[1, 0, 0] = [[1, 0], [0, 3]]
    u[:, 0, 1] = 5
    g = BayesianGame([[1, 0]], u, types=[["only"], ["real", "ghost"]])
    res = bayes_nash(g, exact=True)
    assert len(res) >= 2
    for e in res:
        assert np.isnan(e.interim_payoffs[1][1]) and e.interim_regrets[1][1] == 0
        assert e.exact_interim_payoffs is not None and e.exact_interim_payoffs[1][1] is None
    assert len(bayes_nash(g)) >= 2


def test_one_player_bayesian_decision() -> None:
    g = BayesianGame([0.25, 0.75], [[[1, 0], [0, 1]]], types=[["L", "H"]], actions=[["x", "y"]])
    res = bayes_nash(g, exact=True)
    assert [e.pure_actions for e in res] == [((0, 1),)]


def test_tol_filters_and_parameters_are_recorded() -> None:
    res = bayes_nash(osborne(), tol=1e-6, method="support_enumeration")
    assert res.parameters["tol"] == 1e-6 and res.parameters["method"] == "support_enumeration"
    assert res.method == "ex_ante/support_enumeration" and len(res) == 3
    strict = bayes_nash(osborne(), tol=0.0, form="agent")
    assert len(strict) <= 3 and all(e.relative_regret == 0 for e in strict)


# ----------------------------------------------------------------------------- certificates of given profiles
def test_make_bayes_equilibrium_inputs() -> None:
    g = osborne()
    a = make_bayes_equilibrium(g, [["B"], ["B", "S"]])
    b = make_bayes_equilibrium(g, [{"one": 0}, {"avoid": [0, 1], "meet": np.array([1.0, 0.0])}])
    c = make_bayes_equilibrium(g, [[["2/3", "1/3"]], [[F(2, 3), THIRD], "S"]], exact=True)
    d = make_bayes_equilibrium(g, [[["1/2", "1/2"]], ["S", "S"]])
    assert a.max_regret == 0 and b.max_regret == 0 and c.max_regret == 0
    assert c.exact is not None and c.exact[0][0] == (2 * THIRD, THIRD)
    # P1 mixing 1/2: the meeting type prefers S (1/2 * 2 = 1 > 1/2): no regret there; P1 gains by B
    assert d.interim_regrets[0][0] == pytest.approx(0.5) and d.interim_regrets[1].tolist() == [0.0, 0.0]
    assert d.relative_regret == pytest.approx(0.25)
    assert a.action(g, "P2", "avoid").tolist() == [0.0, 1.0]


def test_describe_repr_dict_and_pickle() -> None:
    g = osborne()
    res = bayes_nash(g, exact=True)
    text = res.describe()
    assert "P1: one -> B; P2: meet -> B, avoid -> S" in text
    assert any("mix(B 0.6667, S 0.3333)" in t for t in text)
    assert res.describe(g, digits=2)[1].count("0.67") >= 1 or res.describe(g, digits=2)[2].count("0.67") >= 1
    d = res.to_dict()
    json.dumps(d, allow_nan=False)
    assert d["equilibria"][0]["exact"][0][0] in (["1", "0"], ["2/3", "1/3"], ["1/3", "2/3"])
    assert "description" in d["equilibria"][0]
    assert "BayesNashResult" in repr(res) and "BayesNashEquilibrium" in repr(res[0])
    back = pickle.loads(pickle.dumps(res))
    assert back == res and back[0].strategy[0][0].flags.writeable is False
    assert len(res) == 3 and bool(res) and list(res)[0] == res[0]
    assert res.relative_regret == 0.0
    # a float result's dict has no exact part
    fd = bayes_nash(g).to_dict(g)
    assert "exact" not in fd["equilibria"][0]
    eq = bayes_nash(g)[0]
    assert "exact" not in eq.to_dict() and "description" not in eq.to_dict()


def test_empty_result() -> None:
    r = BayesNashResult(equilibria=(), method="x", complete=False)
    assert not r and np.isnan(r.max_regret) and np.isnan(r.relative_regret)
    assert r.to_dict()["max_regret"] is None
    with pytest.raises(gt.GameError, match="stores no game"):
        r.describe()


# ----------------------------------------------------------------------------- perfect Bayesian equilibrium
def beer_quiche() -> ExtensiveFormGame:
    """Cho and Kreps (1987): strong (9/10) or weak (1/10) sender; +1 for the preferred breakfast, +2 if not fought."""
    us = [[[1, 3], [0, 2]], [[0, 2], [1, 3]]]
    ur = [[[0, 1], [0, 1]], [[1, 0], [1, 0]]]  # the receiver wants to duel the weak type only
    return signaling_game([F(9, 10), F(1, 10)], us, ur, types=["strong", "weak"], messages=["beer", "quiche"], actions=["duel", "not"])


POOL_BEER = {"Sender: strong": "beer", "Sender: weak": "beer", "Receiver: beer": "not", "Receiver: quiche": "duel"}
POOL_QUICHE = {"Sender: strong": "quiche", "Sender: weak": "quiche", "Receiver: beer": "duel", "Receiver: quiche": "not"}
SEPARATE = {"Sender: strong": "beer", "Sender: weak": "quiche", "Receiver: beer": "not", "Receiver: quiche": "duel"}


@pytest.mark.parametrize("exact", [False, True])
def test_beer_quiche_pooling_on_beer(exact: bool) -> None:
    c = is_perfect_bayesian(beer_quiche(), POOL_BEER, {"Receiver: quiche": [0, 1]}, exact=exact)
    assert c.ok and bool(c) and c.failures == ()
    assert c.on_path == (True, True, True, False)
    assert c.belief_sources == ("bayes", "bayes", "bayes", "given")
    assert c.beliefs[2].tolist() == pytest.approx([0.9, 0.1])
    assert c.gains.tolist() == [0.0] * 4


@pytest.mark.parametrize("exact", [False, True])
def test_beer_quiche_pooling_on_quiche(exact: bool) -> None:
    g = beer_quiche()
    assert is_perfect_bayesian(g, POOL_QUICHE, {"Receiver: beer": ["1/2", "1/2"]}, exact=exact).ok
    # believing the beer drinker strong, the receiver would not duel: not sequentially rational
    bad = is_perfect_bayesian(g, POOL_QUICHE, {3 - 1: [1, 0]}, exact=exact)
    assert not bad.ok and bad.gains[2] == pytest.approx(1.0)
    assert "'Receiver: beer'" in bad.failures[0] and "gains 1" in bad.failures[0]
    # without an off-path belief the check cannot conclude
    open_ = is_perfect_bayesian(g, POOL_QUICHE, exact=exact)
    assert not open_.ok and open_.belief_sources[2] == "unspecified" and not open_.consistent[2]
    assert np.isnan(open_.gains[2]) and np.isnan(open_.beliefs[2]).all()
    assert "no belief is given" in open_.failures[0]


@pytest.mark.parametrize("exact", [False, True])
def test_beer_quiche_separating_profile_is_not_a_pbe(exact: bool) -> None:
    c = is_perfect_bayesian(beer_quiche(), SEPARATE, exact=exact)
    assert not c.ok
    assert c.gains[1] == pytest.approx(1.0)  # the weak type would rather drink beer and not be fought
    assert c.gains[0] == 0 and c.gains[2] == 0 and c.gains[3] == 0
    assert len(c.failures) == 1 and "'Sender: weak'" in c.failures[0]


def test_on_path_beliefs_must_be_bayes() -> None:
    c = is_perfect_bayesian(beer_quiche(), POOL_BEER, [None, None, [HALF, HALF], [0, 1]])
    assert not c.ok and not c.consistent[2] and c.consistent[3]
    assert "not Bayes'" in c.failures[0]
    ce = is_perfect_bayesian(beer_quiche(), POOL_BEER, [None, None, [HALF, HALF], [0, 1]], exact=True)
    assert not ce.consistent[2]
    # a given belief equal to Bayes' on the path is fine
    ok = is_perfect_bayesian(beer_quiche(), POOL_BEER, {"Receiver: beer": [0.9, 0.1], "Receiver: quiche": np.array([0.0, 1.0])})
    assert ok.ok and ok.belief_sources[2] == "given"


def test_mixed_profile_beliefs() -> None:
    # the weak type mixes: posterior after beer is 0.9 / (0.9 + 0.1 * 0.5)
    beh = {"Sender: strong": "beer", "Sender: weak": [0.5, 0.5], "Receiver: beer": "not", "Receiver: quiche": "duel"}
    c = is_perfect_bayesian(beer_quiche(), beh)
    assert c.beliefs[2].tolist() == pytest.approx([0.9 / 0.95, 0.05 / 0.95])
    assert c.beliefs[3].tolist() == pytest.approx([0.0, 1.0])
    assert not c.ok and c.gains[1] == pytest.approx(0.5)  # beer (2) beats the mix (1.5) for the weak type


def job_market() -> ExtensiveFormGame:
    """Spence-style: high (1/3) or low ability; education costs 1 or 4; wage high (4) or low (1); the firm wants to match."""
    wage = [4, 1]
    cost = {("high", "edu"): 1, ("low", "edu"): 4, ("high", "none"): 0, ("low", "none"): 0}
    types, msgs = ["high", "low"], ["edu", "none"]
    us = [[[wage[a] - cost[(t, m)] for a in range(2)] for m in msgs] for t in types]
    ur = [[[1 if (a == 0) == (t == "high") else 0 for a in range(2)] for _ in msgs] for t in types]
    return signaling_game([THIRD, 2 * THIRD], us, ur, types=types, messages=msgs, actions=["high wage", "low wage"], players=("Worker", "Firm"))


@pytest.mark.parametrize("exact", [False, True])
def test_job_market_separating_pbe(exact: bool) -> None:
    g = job_market()
    sep = {"Worker: high": "edu", "Worker: low": "none", "Firm: edu": "high wage", "Firm: none": "low wage"}
    c = is_perfect_bayesian(g, sep, exact=exact)
    assert c.ok and c.belief_sources == ("bayes",) * 4
    assert c.beliefs[2].tolist() == [1.0, 0.0] and c.beliefs[3].tolist() == [0.0, 1.0]
    # the low type imitating the high one is not an equilibrium
    bad = dict(sep, **{"Worker: low": "edu"})
    assert not is_perfect_bayesian(g, bad, {"Firm: none": [0, 1]}, exact=exact).ok


def _two_moves(pooled: bool) -> ExtensiveFormGame:
    """A player moves at I (not knowing the state), then again after 'a' (at J, pooled or not)."""
    jx = "J" if pooled else "Jx"
    jy = "J" if pooled else "Jy"
    tree = Chance(
        {
            "x": (HALF, Decision("P", {"a": Decision("P", {"c": (4,), "d": (0,)}, infoset=jx), "b": (1,)}, infoset="I")),
            "y": (HALF, Decision("P", {"a": Decision("P", {"c": (0,), "d": (4,)}, infoset=jy), "b": (1,)}, infoset="I")),
        }
    )
    return ExtensiveFormGame(tree, players=["P"])


def test_later_moves_are_reoptimised() -> None:
    g = _two_moves(pooled=False)
    # b at I with poor later moves: the best continuation a-then-(c at Jx, d at Jy) is worth 4
    c = is_perfect_bayesian(g, {"I": "b", "Jx": "d", "Jy": "c"}, {"Jx": [1], "Jy": [1]})
    assert c.gains[0] == pytest.approx(3.0)
    assert not c.ok
    ok = is_perfect_bayesian(g, {"I": "a", "Jx": "c", "Jy": "d"}, exact=True)
    assert ok.ok
    # pooled J: her later move cannot depend on the state, so a is worth 2 only
    gp = _two_moves(pooled=True)
    cp = is_perfect_bayesian(gp, {"I": "b", "J": "d"}, {"J": [HALF, HALF]}, exact=True)
    assert cp.gains[0] == pytest.approx(1.0) and cp.gains[1] == 0


def test_check_describe_dict_pickle() -> None:
    g = beer_quiche()
    c = is_perfect_bayesian(g, SEPARATE)
    lines = c.describe(g)
    assert len(lines) == 4 and "FAILS" in lines[1] and lines[0].endswith("ok")
    assert "(bayes, on path)" in lines[2]
    d = c.to_dict()
    json.dumps(d, allow_nan=False)
    assert d["ok"] is False and d["belief_sources"][0] == "bayes"
    assert pickle.loads(pickle.dumps(c)) == c
    assert "PBECheck(ok=False" in repr(c)
    assert isinstance(c, PBECheck) and isinstance(make_bayes_equilibrium(osborne(), [["B"], ["B", "S"]]), BayesNashEquilibrium)


def _to_pygambit_tree(gbt, t: ExtensiveFormGame):  # noqa: ANN001, ANN202 - peer objects
    """The same tree in pygambit, built node by node (breadth-first), exact payoffs and probabilities."""
    g = gbt.Game.new_tree(players=list(t.players))
    nodes = {0: g.root}
    infosets: dict[int, object] = {}
    players = list(g.players)
    for n in range(t.n_nodes):
        who, node = int(t.node_players[n]), nodes[n]
        if who == -2:
            row = t.exact_terminal_payoffs()[int(t.terminal_index[n])]
            g.set_outcome(node, g.add_outcome(f"z{n}", [gbt.Rational(str(x)) for x in row]))
            continue
        if who == -1:
            g.append_move(node, g.players.chance, list(t.node_actions(n)))
            g.set_chance_probs(node.infoset, [gbt.Rational(str(p)) for p in t.chance_probabilities(n, exact=True)])
        elif int(t.node_infosets[n]) in infosets:
            g.append_infoset(node, infosets[int(t.node_infosets[n])])
        else:
            g.append_move(node, players[who], list(t.node_actions(n)))
            infosets[int(t.node_infosets[n])] = node.infoset
            node.infoset.label = t.infoset_labels[int(t.node_infosets[n])]
        kids = list(node.children)
        for k in range(int(t.n_children[n])):
            nodes[int(t.first_child[n]) + k] = kids[k]
    return g


def test_pygambit_lcp_on_the_harsanyi_tree_finds_one_of_ours() -> None:
    gbt = pytest.importorskip("pygambit")
    for bg in (osborne(), auction(), dominant()):
        g = _to_pygambit_tree(gbt, bg.to_tree())
        res = gbt.nash.lcp_solve(g, use_strategic=False, rational=True)
        assert len(res.equilibria) >= 1
        ours = _exact_set(bayes_nash(bg, exact=True))
        for eq in res.equilibria:
            strat = [{inf.label.split(": ")[1]: [F(str(eq[a])) for a in inf.actions] for inf in pl.infosets} for pl in g.players]
            cert = make_bayes_equilibrium(bg, strat, exact=True)
            assert cert.max_regret == 0
            assert cert.exact is not None
            assert tuple(s for per in cert.exact for s in per) in ours
