"""Agent-form solvers for game trees: pure agent equilibria and the agent logit QRE.

Known answers (entry deterrence, matching pennies, Selten's horse, a one-player tree whose agent
equilibrium is not Nash), an independent brute-force check on random trees, cross-checks against
pygambit (``enumpure_agent_solve`` and ``logit_solve(use_strategic=False)``) on Gambit's own .efg
files, invariance under positive affine payoff maps, exact vs float agreement.
"""

from __future__ import annotations

import itertools
import json
import math
import pickle
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.exceptions import ConvergenceWarning
from gametheory_af.solvers.agent import AgentEquilibriumResult, agent_regrets, pure_agent_equilibria
from gametheory_af.solvers.agent_qre import AgentQREResult, agent_logit_qre, agent_logit_qre_at
from gametheory_af.solvers.qre import logit_qre_at
from gametheory_af.trees import Chance, Decision, ExtensiveFormGame
from gametheory_af.trees.profiles import behavior_payoffs

EFG = Path(__file__).resolve().parent.parent / "data" / "efg"


# ----------------------------------------------------------------------------- helpers
def pure_set(res):
    return {e.pure_actions for e in res}


def brute_force(game, exact=False):
    """Pure agent equilibria by definition: every single-information-set switch, payoffs from behavior_payoffs.

    Float arithmetic is exact for the small integer payoffs and dyadic probabilities of random_tree.
    """
    out = set()
    ks = [len(a) for a in game.infoset_actions]
    for prof in itertools.product(*[range(k) for k in ks]):
        base = behavior_payoffs(game, list(prof), exact=exact)
        ok = True
        for h, k in enumerate(ks):
            i = int(game.infoset_players[h])
            for a in range(k):
                dev = list(prof)
                dev[h] = a
                if behavior_payoffs(game, dev, exact=exact)[i] > base[i]:
                    ok = False
                    break
            if not ok:
                break
        if ok:
            out.add(prof)
    return out


def horse():
    """Selten's (1975) horse, as in Gambit's catalog/journals/ijgt/selten1975/fig1.efg."""
    p3 = lambda a, b: Decision("P3", {"L": a, "R": b}, infoset="h3")  # noqa: E731
    return ExtensiveFormGame(
        Decision(
            "P1",
            {"C": Decision("P2", {"c": (1, 1, 1), "d": p3((4, 4, 0), (0, 0, 1))}), "D": p3((3, 2, 2), (0, 0, 0))},
        ),
        title="Selten's horse",
    )


def not_nash_tree():
    """One player moving twice: (L, L') is an agent equilibrium but not a Nash equilibrium."""
    return ExtensiveFormGame(Decision("P", {"L": (1,), "R": Decision("P", {"L'": (0,), "R'": (2,)})}))


def random_tree(seed, n_players=3, n_inner=7):
    """A random perfect-information tree with chance nodes (exact payoffs and probabilities)."""
    rng = np.random.default_rng(seed)
    parents = [-1]
    players = []
    frontier = [0]
    inner = 0
    while frontier and inner < n_inner:
        node = frontier.pop(int(rng.integers(len(frontier))))
        inner += 1
        who = int(rng.integers(-1, n_players)) if node else int(rng.integers(n_players))
        players.append((node, who))
        for _ in range(int(rng.integers(2, 4))):
            parents.append(node)
            frontier.append(len(parents) - 1)
    who_arr = np.full(len(parents), 0)
    for node, who in players:
        who_arr[node] = who
    inner_nodes = {n for n, _ in players}
    leaves = [n for n in range(len(parents)) if n not in inner_nodes]
    payoffs = rng.integers(-5, 6, size=(len(leaves), n_players))
    probs = np.zeros(len(parents))
    for node, who in players:
        if who == -1:
            kids = [k for k, p in enumerate(parents) if p == node]
            # dyadic probabilities: exact in float64, so the exact brute force sees the same ties
            w = rng.integers(1, 4, size=len(kids)).astype(float)
            w = np.floor(w / w.sum() * 8) / 8
            w[-1] = 1.0 - w[:-1].sum()
            probs[kids] = w
    names = [f"P{i}" for i in range(n_players)]
    return ExtensiveFormGame.from_arrays(parents, who_arr, payoffs, probabilities=probs, players=names)


# pygambit adapter (until gametheory_af reads .efg files itself): outcomes along a path are summed at its terminal
def from_gambit(g, scale=None, shift=None):
    players = list(g.players)
    n = len(players)
    scale = scale or [1] * n
    shift = shift or [0] * n

    def frac(x):
        return Fraction(str(x))

    def build(node, acc):
        acc = list(acc)
        if not (node.outcome == None):  # noqa: E711 - pygambit's NodeOutcome compares equal to None when absent
            for k, p in enumerate(players):
                acc[k] += frac(node.outcome[p])
        if node.is_terminal:
            return tuple(Fraction(scale[k]) * acc[k] + Fraction(shift[k]) for k in range(n))
        inf = node.infoset
        kids = list(node.children)
        acts = list(inf.actions)
        if inf.player.is_chance:
            return Chance([(f"{a}:{act.label}", frac(act.prob), build(c, acc)) for a, (act, c) in enumerate(zip(acts, kids))])
        k = players.index(inf.player)
        j = list(inf.player.infosets).index(inf)
        return Decision(f"P{k}", [(f"{a}:{act.label}", build(c, acc)) for a, (act, c) in enumerate(zip(acts, kids))], infoset=f"P{k}-{j}")

    return ExtensiveFormGame(build(g.root, [Fraction(0)] * n), players=[f"P{k}" for k in range(n)])


def gambit_pure_set(G, game):
    """pygambit's pure agent equilibria as action tuples in our information-set order."""
    gbt = pytest.importorskip("pygambit")
    pos = {lab: h for h, lab in enumerate(game.infoset_labels)}
    out = set()
    for e in gbt.nash.enumpure_agent_solve(G).equilibria:
        prof = [0] * game.n_infosets
        for k, p in enumerate(G.players):
            for j, inf in enumerate(p.infosets):
                prof[pos[f"P{k}-{j}"]] = [int(e[a]) for a in inf.actions].index(1)
        out.add(tuple(prof))
    return out


def gambit_behavior(G, game, prof):
    pos = {lab: h for h, lab in enumerate(game.infoset_labels)}
    out = [None] * game.n_infosets
    for k, p in enumerate(G.players):
        for j, inf in enumerate(p.infosets):
            out[pos[f"P{k}-{j}"]] = np.array([float(prof[a]) for a in inf.actions])
    return out


def efg_games(max_profiles):
    """(name, pygambit game, our game) for the Gambit files with perfect recall and few pure profiles."""
    gbt = pytest.importorskip("pygambit")
    out = []
    for path in sorted(EFG.glob("*.efg")):
        try:
            G = gbt.read_efg(str(path))
        except Exception:  # noqa: BLE001 - a few files are refused by pygambit itself
            continue
        if not G.is_perfect_recall:
            continue
        if any(len(p.infosets) == 0 for p in G.players):
            continue  # core bug (ExtensiveFormGame.node_sequences for a player without moves); reported
        if math.prod(len(i.actions) for p in G.players for i in p.infosets) > max_profiles:
            continue
        out.append((path.name, G, from_gambit(G)))
    return out


# ----------------------------------------------------------------------------- pure agent equilibria: known answers
def test_entry_deterrence_both_pure_agent_equilibria():
    g = gt.catalog.entry_deterrence()
    res = pure_agent_equilibria(g)
    assert isinstance(res, AgentEquilibriumResult) and res.complete and res.method == "pure_agent"
    assert res.describe() == ["Entrant: Out; Incumbent: Fight", "Entrant: In; Incumbent: Accommodate"]
    assert all(e.max_regret == 0.0 for e in res)  # both are Nash: Fight is unreached under Out
    assert res.agent_regrets == (0.0, 0.0) and len(res.nash) == 2
    assert res.n_iter == 4


def test_matching_pennies_tree_has_no_pure_agent_equilibrium():
    res = pure_agent_equilibria(gt.catalog.matching_pennies_tree())
    assert len(res) == 0 and res.complete and math.isnan(res.max_agent_regret)


def test_selten_horse():
    g = horse()
    res = pure_agent_equilibria(g)
    # (C, c, R): player 3 unreached; (D, c, L): player 2 unreached (his d would make C pay 4 > 3)
    assert pure_set(res) == {(0, 0, 1), (1, 0, 0)}
    assert all(e.max_regret == 0.0 for e in res)


def test_agent_equilibrium_that_is_not_nash():
    g = not_nash_tree()
    res = pure_agent_equilibria(g)
    assert pure_set(res) == {(0, 0), (1, 1)}
    by = {e.pure_actions: e for e in res}
    assert by[(0, 0)].max_regret == 1.0  # the joint change (R, R') pays 2 > 1
    assert by[(1, 1)].max_regret == 0.0
    assert [e.pure_actions for e in res.nash] == [(1, 1)]
    assert res.agent_regrets == (0.0, 0.0)


def test_three_player_tree_with_chance_against_brute_force():
    for seed in range(6):
        g = random_tree(seed)
        assert pure_set(pure_agent_equilibria(g)) == brute_force(g), seed


@settings(max_examples=20)
@given(st.integers(0, 10_000))
def test_random_trees_against_brute_force(seed):
    g = random_tree(seed, n_players=int(seed % 3) + 2, n_inner=5)
    assert pure_set(pure_agent_equilibria(g)) == brute_force(g)


def test_simultaneous_moves_equal_pure_nash_of_the_normal_form():
    nfg = gt.catalog.jordan_game() if hasattr(gt.catalog, "jordan_game") else None
    if nfg is None:  # pragma: no cover
        pytest.skip("no 3-player catalog game")
    g = ExtensiveFormGame.from_normal_form(nfg)
    ours = pure_set(pure_agent_equilibria(g))
    theirs = {eq.pure_profile for eq in gt.pure_nash(nfg)}
    assert ours == theirs


def test_exact_mode_agrees_and_is_exact():
    g = horse()
    fl = pure_agent_equilibria(g)
    ex = pure_agent_equilibria(g, exact=True)
    assert pure_set(fl) == pure_set(ex)
    assert all(e.exact is not None for e in ex) and ex.parameters["exact_arithmetic"]
    assert all(e.exact is None for e in fl) and not fl.parameters["exact_arithmetic"]


def test_unresolved_exact_payoffs_switch_to_exact():
    # payoffs 10^12 apart from ordinary ones: float64 cannot tell 0 from 1 relative to the range
    big = 10**12
    g = ExtensiveFormGame(
        Decision("A", {"x": Decision("B", {"l": (0, 1), "r": (0, 2)}), "y": Decision("B", {"l": (big, 0), "r": (1, big)})})
    )
    res = pure_agent_equilibria(g)
    assert res.parameters["exact_arithmetic"]
    assert pure_set(res) == brute_force(g, exact=True)


@settings(max_examples=15)
@given(st.lists(st.sampled_from([Fraction(1, 3), Fraction(2), Fraction(7)]), min_size=3, max_size=3), st.integers(-3, 3))
def test_scaling_a_players_payoffs_keeps_the_pure_agent_equilibria(scales, shift):
    base = horse()
    U = base.exact_terminal_payoffs()
    scaled = ExtensiveFormGame.from_tree(_retree(base, [[s * x + shift for s, x in zip(scales, row)] for row in U.tolist()]))
    assert pure_set(pure_agent_equilibria(scaled)) == pure_set(pure_agent_equilibria(base))


def _retree(game, rows):
    """horse() with its terminal payoffs replaced by *rows* (terminal order)."""
    by_path = {game.path(int(t)): tuple(r) for t, r in zip(game.terminals.tolist(), rows)}
    p3 = lambda a, b: Decision("P3", {"L": a, "R": b}, infoset="h3")  # noqa: E731
    return Decision(
        "P1",
        {
            "C": Decision("P2", {"c": by_path[("C", "c")], "d": p3(by_path[("C", "d", "L")], by_path[("C", "d", "R")])}),
            "D": p3(by_path[("D", "L")], by_path[("D", "R")]),
        },
    )


def test_max_time_stops_with_complete_false():
    res = pure_agent_equilibria(horse(), max_time=1e-9)
    assert not res.complete and not res.converged and res.n_iter == 0 and len(res) == 0


def test_profile_count_is_bounded_before_work():
    with gt.limits(max_calls=4):
        with pytest.raises(gt.GameError, match="max_calls"):
            pure_agent_equilibria(horse())


def test_chunks_give_the_same_answer(monkeypatch):
    import gametheory_af.solvers.agent as agent

    g = random_tree(3)
    whole = pure_set(pure_agent_equilibria(g))
    monkeypatch.setattr(agent, "_CHUNK_ENTRIES", 1)
    assert pure_set(pure_agent_equilibria(g)) == whole


def test_tree_without_decisions():
    g = ExtensiveFormGame(Chance({"a": ("1/2", (1, 0)), "b": ("1/2", (0, 1))}), players=["A", "B"])
    res = pure_agent_equilibria(g)
    assert len(res) == 1 and res[0].behavior == ()


def test_agent_regrets_known_values_and_exact():
    g = gt.catalog.entry_deterrence()
    assert agent_regrets(g, ["In", "Fight"]).tolist() == [1.0, 2.0]
    assert agent_regrets(g, ["Out", "Fight"], exact=True).tolist() == [0, 0]
    mixed = agent_regrets(g, [["1/2", "1/2"], ["1/2", "1/2"]], exact=True)
    assert mixed.tolist() == [0, Fraction(1, 2)]
    # by definition: the most a single switch at the information set gains, from behavior_payoffs
    base = behavior_payoffs(g, [["1/2", "1/2"], ["1/2", "1/2"]], exact=True)
    dev = max(behavior_payoffs(g, [a, ["1/2", "1/2"]], exact=True)[0] for a in ("Out", "In"))
    dev2 = behavior_payoffs(g, [["1/2", "1/2"], "Accommodate"], exact=True)
    assert mixed[0] == max(dev - base[0], 0) and mixed[1] == max(dev2[1] - base[1], 0)


def test_result_serialises():
    res = pure_agent_equilibria(horse())
    d = res.to_dict()
    json.dumps(d, allow_nan=False)
    assert d["agent_regrets"] == [0.0, 0.0]
    assert pickle.loads(pickle.dumps(res)) == res


# ----------------------------------------------------------------------------- pygambit cross-check (pure)
def test_pure_agent_equilibria_equal_pygambit_on_gambit_files():
    games = efg_games(max_profiles=4096)
    assert len(games) > 80
    for name, G, g in games:
        assert pure_set(pure_agent_equilibria(g)) == gambit_pure_set(G, g), name


def test_exact_mode_equals_pygambit_on_some_files():
    for name, G, g in efg_games(max_profiles=256)[:25]:
        assert pure_set(pure_agent_equilibria(g, exact=True)) == gambit_pure_set(G, g), name


def test_scaled_gambit_game_keeps_pygambit_answer():
    gbt = pytest.importorskip("pygambit")
    G = gbt.read_efg(str(EFG / "bcp3.efg"))
    base = from_gambit(G)
    scaled = from_gambit(G, scale=[1000, Fraction(1, 7)], shift=[5, -3])
    assert pure_set(pure_agent_equilibria(scaled)) == pure_set(pure_agent_equilibria(base)) == gambit_pure_set(G, base)


# ----------------------------------------------------------------------------- agent logit QRE
def test_matching_pennies_qre_is_uniform_at_every_lambda():
    g = gt.catalog.matching_pennies_tree()
    for lam in (0.0, 0.5, 3.0, 40.0):
        pt = agent_logit_qre_at(g, lam)
        assert pt.lam == lam and pt.residual < 1e-12
        for b in pt.behavior:
            np.testing.assert_allclose(b, [0.5, 0.5], atol=1e-12)
    res = agent_logit_qre(g)
    assert res.converged and res.lambdas[0] == 0.0
    for b in res.behaviors:
        np.testing.assert_allclose(b, 0.5, atol=1e-9)
    np.testing.assert_allclose(res[0].behavior[0], [0.5, 0.5], atol=1e-9)


def test_entry_deterrence_selects_the_subgame_perfect_equilibrium():
    res = agent_logit_qre(gt.catalog.entry_deterrence())
    assert isinstance(res, AgentQREResult) and res.converged and res.method == "agent_logit"
    assert res.describe() == ["Entrant: In; Incumbent: Accommodate"]
    assert res.relative_regret <= 1e-9 and res.max_agent_regret <= 1e-9
    assert np.all(np.diff(res.lambdas) > 0)


def test_horse_limit_is_the_sequential_equilibrium():
    res = agent_logit_qre(horse())
    assert res.converged
    b = res[0].behavior
    assert b[0][0] > 1 - 1e-6 and b[1][0] > 1 - 1e-6  # C and c
    assert b[2][1] >= 0.75 - 1e-6  # player 3 plays R with probability at least 3/4
    assert res[0].relative_regret <= 1e-9


def test_simultaneous_moves_qre_equals_normal_form_qre():
    nfg = gt.catalog.jordan_game()
    g = ExtensiveFormGame.from_normal_form(nfg)
    for lam in (0.3, 1.7):
        pt = agent_logit_qre_at(g, lam, normalize=False)
        nf = logit_qre_at(nfg, lam)
        for a, b in zip(pt.behavior, nf):
            np.testing.assert_allclose(a, b, atol=1e-9)


def test_qre_is_scale_free_when_normalised():
    g = horse()
    U = g.exact_terminal_payoffs()
    scaled = ExtensiveFormGame.from_tree(_retree(g, [[3 * r[0] + 1, r[1], 10 * r[2] - 4] for r in U.tolist()]))
    a = agent_logit_qre_at(g, 4.0)
    b = agent_logit_qre_at(scaled, 4.0)
    for x, y in zip(a.behavior, b.behavior):
        np.testing.assert_allclose(x, y, atol=1e-10)
    c = agent_logit_qre_at(scaled, 4.0, normalize=False)
    assert not c.normalize and max(float(np.abs(x - y).max()) for x, y in zip(a.behavior, c.behavior)) > 1e-3


def test_qre_residual_small_and_beliefs_consistent_with_chance():
    gbt = pytest.importorskip("pygambit")
    g = from_gambit(gbt.read_efg(str(EFG / "condjury.efg")))
    pt = agent_logit_qre_at(g, 7.5)
    assert pt.residual < 1e-10
    assert all(np.all(b > 0) for b in pt.behavior)


@pytest.mark.parametrize(
    "name",
    ["bcp3.efg", "condjury.efg", "my_2-1.efg", "montyhal.efg", "e13.efg", "km6.efg", "palf.efg", "t_chance_in_middle.efg", "cent4.efg", "t_3_player.efg"],
)
def test_qre_limit_matches_pygambit_logit_solve(name):
    gbt = pytest.importorskip("pygambit")
    G = gbt.read_efg(str(EFG / name))
    g = from_gambit(G)
    res = agent_logit_qre(g)
    assert res.converged and res.relative_regret <= 1e-9
    theirs = gambit_behavior(G, g, gbt.nash.logit_solve(G, use_strategic=False).equilibria[0])
    dist = max(float(np.abs(a - b).max()) for a, b in zip(res[0].behavior, theirs))
    assert dist < 1e-4


def test_qre_limit_regret_small_on_gambit_files():
    games = [x for x in efg_games(max_profiles=10**7) if x[2].n_nodes <= 130][:40]
    assert len(games) >= 30
    for name, _, g in games:
        res = agent_logit_qre(g)
        assert res.converged and res.relative_regret <= 1e-9, name


def test_qre_path_accessors_and_serialisation():
    res = agent_logit_qre(horse())
    first = res.behavior_at(0)
    assert all(np.allclose(b, 1 / b.size) for b in first)
    assert [b.shape[0] for b in res.behaviors] == [res.lambdas.size] * 3
    assert res.behavior_at(-1)[0].shape == (2,)
    d = res.to_dict()
    json.dumps(d, allow_nan=False)
    assert len(d["lambdas"]) == res.lambdas.size
    assert pickle.loads(pickle.dumps(res)) == res
    assert not res.lambdas.flags.writeable


def test_qre_not_converged_warns_and_returns_no_equilibrium():
    with pytest.warns(ConvergenceWarning, match="agent_logit_qre"):
        res = agent_logit_qre(horse(), max_steps=2)
    assert not res.converged and len(res) == 0 and res.agent_regrets == ()
    with pytest.warns(ConvergenceWarning):
        res = agent_logit_qre(horse(), max_lambda=0.5)
    assert not res.converged


def test_qre_on_tree_without_choices():
    g = ExtensiveFormGame(Decision("A", {"only": Decision("B", {"one": (1, 2)})}))
    res = agent_logit_qre(g)
    assert res.converged and res.lambdas.tolist() == [0.0]
    pt = agent_logit_qre_at(g, 3.0)
    assert pt.behavior[0].tolist() == [1.0]


def test_qre_unreached_by_chance_uses_uniform_beliefs():
    # chance never reaches the left branch: the information set there has uniform beliefs, the trace still works
    g = ExtensiveFormGame(
        Chance(
            {
                "never": (0, Decision("B", {"l": (1, 0), "r": (0, 1)})),
                "always": (1, Decision("A", {"x": (2, 2), "y": (0, 0)})),
            }
        )
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = agent_logit_qre(g)
    assert res.converged
    pt = agent_logit_qre_at(g, 2.0)
    assert pt.residual < 1e-12


def test_qre_trace_ending_far_along_gets_a_last_polish():
    # tol=0 asks for an exactly zero regret: the checks along the way fail, the trace stops at max_lambda,
    # and the end of the branch is polished once more; whatever comes back honours tol exactly
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        res = agent_logit_qre(horse(), tol=0.0, max_lambda=150.0)
    assert res.lambdas[-1] >= 100.0
    assert all(e.relative_regret == 0.0 for e in res)
