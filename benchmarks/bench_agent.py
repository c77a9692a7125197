"""Agent-form tree solvers beside pygambit: pure agent equilibria and the agent logit QRE.

Run: ``python -m pytest benchmarks/bench_agent.py --benchmark-only`` (CI smoke-runs it with
``--benchmark-disable``). On a shared machine set ``OPENBLAS_NUM_THREADS=1``: the logit trace
solves many small dense systems, which multi-threaded BLAS slows down under load.

Pure agent equilibria: ours (:func:`gametheory_af.solvers.agent.pure_agent_equilibria`) against
``pygambit.nash.enumpure_agent_solve`` (formerly ``enumpure_solve(use_strategic=False)``) on
Gambit files and on a seeded random 3-player tree with chance moves; the two sets must be equal.
Agent logit QRE: ours (:func:`gametheory_af.solvers.agent_qre.agent_logit_qre`) against
``pygambit.nash.logit_solve(use_strategic=False)`` on medium trees; both limits must be
equilibria, and they must agree where the game is generic.
"""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from benchmarks.conftest import tag
from gametheory_af.solvers.agent import pure_agent_equilibria
from gametheory_af.solvers.agent_qre import agent_logit_qre
from gametheory_af.trees import Chance, Decision, ExtensiveFormGame

gbt = pytest.importorskip("pygambit")

EFG = Path(__file__).resolve().parent.parent / "tests" / "data" / "efg"
PURE_FILES = ["bcp3.efg", "e13.efg", "w_ex2.efg", "catalog_books_shohamleytonbrown2008_fig6_2.efg"]
QRE_FILES = ["condjury.efg", "montyhal.efg", "jury_mr.efg", "t_chance_in_middle.efg"]


# ----------------------------------------------------------------------------- adapters
def from_gambit(G):
    """Our tree from a pygambit game (outcomes along a path summed at its terminal; exact numbers)."""
    players = list(G.players)
    n = len(players)

    def build(node, acc):
        acc = list(acc)
        if not (node.outcome == None):  # noqa: E711 - pygambit's empty NodeOutcome compares equal to None
            for k, p in enumerate(players):
                acc[k] += Fraction(str(node.outcome[p]))
        if node.is_terminal:
            return tuple(acc)
        inf = node.infoset
        pairs = list(zip(inf.actions, node.children))
        if inf.player.is_chance:
            return Chance([(f"{a}:{act.label}", Fraction(str(act.prob)), build(c, acc)) for a, (act, c) in enumerate(pairs)])
        k = players.index(inf.player)
        j = list(inf.player.infosets).index(inf)
        return Decision(f"P{k}", [(f"{a}:{act.label}", build(c, acc)) for a, (act, c) in enumerate(pairs)], infoset=f"P{k}-{j}")

    return ExtensiveFormGame(build(G.root, [Fraction(0)] * n), players=[f"P{k}" for k in range(n)])


def to_gambit(game):
    """A pygambit game from our tree, through .efg text (every information set a separate Gambit infoset)."""
    lines = ["EFG 2 R \"bench\" { " + " ".join(f'"{p}"' for p in game.players) + " }", '""', ""]
    pl_count = [0] * game.n_players
    gb_inf = {}
    for h in range(game.n_infosets):
        i = int(game.infoset_players[h])
        pl_count[i] += 1
        gb_inf[h] = pl_count[i]
    n_chance = 0
    outcome = 0
    for node in game.preorder().tolist():
        kind = int(game.node_players[node])
        if game.n_children[node] == 0:
            outcome += 1
            pay = ", ".join(str(x) for x in game.exact_terminal_payoffs()[game.terminal_index[node]].tolist())
            lines.append(f't "" {outcome} "" {{ {pay} }}')
        elif kind >= 0:
            h = int(game.node_infosets[node])
            acts = " ".join(f'"{a}"' for a in game.infoset_actions[h])
            lines.append(f'p "" {kind + 1} {gb_inf[h]} "" {{ {acts} }} 0')
        else:
            n_chance += 1
            probs = game.chance_probabilities(node, exact=True)
            acts = " ".join(f'"{a}" {p}' for a, p in zip(game.node_actions(node), probs))
            lines.append(f'c "" {n_chance} "" {{ {acts} }} 0')
    return gbt.read_efg(io.StringIO("\n".join(lines) + "\n"))


def random_tree(seed, n_players=3, n_inner=9):
    """A seeded random perfect-information tree with chance moves and integer payoffs."""
    rng = np.random.default_rng(seed)
    parents, movers, frontier = [-1], {}, [0]
    while frontier and len(movers) < n_inner:
        node = frontier.pop(int(rng.integers(len(frontier))))
        movers[node] = int(rng.integers(-1, n_players)) if node else 0
        for _ in range(int(rng.integers(2, 4))):
            parents.append(node)
            frontier.append(len(parents) - 1)
    who = np.array([movers.get(k, 0) for k in range(len(parents))])
    leaves = [k for k in range(len(parents)) if k not in movers]
    probs = np.zeros(len(parents))
    for node, w in movers.items():
        if w == -1:
            kids = [k for k, p in enumerate(parents) if p == node]
            probs[kids] = 1.0 / len(kids) if len(kids) in (2, 4) else [0.25, 0.25, 0.5][: len(kids)]
    payoffs = rng.integers(-9, 10, size=(len(leaves), n_players))
    return ExtensiveFormGame.from_arrays(parents, who, payoffs, probabilities=probs, players=[f"P{i}" for i in range(n_players)])


def gambit_set(G, game):
    pos = {lab: h for h, lab in enumerate(game.infoset_labels)}
    out = set()
    for e in gbt.nash.enumpure_agent_solve(G).equilibria:
        prof = [0] * game.n_infosets
        for k, p in enumerate(G.players):
            for j, inf in enumerate(p.infosets):
                prof[pos[f"P{k}-{j}"]] = [int(e[a]) for a in inf.actions].index(1)
        out.add(tuple(prof))
    return out


def our_set(res):
    return {e.pure_actions for e in res}


# ----------------------------------------------------------------------------- pure agent equilibria
def _pure_cases():
    cases = {name: gbt.read_efg(str(EFG / name)) for name in PURE_FILES}
    tree = random_tree(7)
    G = to_gambit(tree)
    cases["random-3p-tree"] = G
    return cases


PURE = _pure_cases()


@pytest.mark.parametrize("name", list(PURE))
def test_pure_agent_ours(benchmark, name):
    G = PURE[name]
    game = from_gambit(G)
    tag(benchmark, f"agent form: pure agent equilibria {name}", method="pure_agent_equilibria")
    res = benchmark(pure_agent_equilibria, game)
    benchmark.extra_info.update(workload=name, library="gametheory_af", n_equilibria=len(res), n_profiles=res.n_iter)
    assert our_set(res) == gambit_set(G, game)


@pytest.mark.parametrize("name", list(PURE))
def test_pure_agent_pygambit(benchmark, name):
    G = PURE[name]
    tag(benchmark, f"agent form: pure agent equilibria {name}", "pygambit", "enumpure_agent_solve")
    res = benchmark(gbt.nash.enumpure_agent_solve, G)
    game = from_gambit(G)
    benchmark.extra_info.update(
        workload=name, library="pygambit", n_equilibria=len(res.equilibria),
        match=gambit_set(G, game) == our_set(pure_agent_equilibria(game)),
    )


# ----------------------------------------------------------------------------- agent logit QRE
def _behavior_of(G, game, prof):
    pos = {lab: h for h, lab in enumerate(game.infoset_labels)}
    out = [None] * game.n_infosets
    for k, p in enumerate(G.players):
        for j, inf in enumerate(p.infosets):
            out[pos[f"P{k}-{j}"]] = np.array([float(prof[a]) for a in inf.actions])
    return out


@pytest.mark.parametrize("name", QRE_FILES)
def test_agent_logit_ours(benchmark, name):
    G = gbt.read_efg(str(EFG / name))
    game = from_gambit(G)
    tag(benchmark, f"agent form: agent logit QRE {name}", method="agent_logit_qre")
    res = benchmark(agent_logit_qre, game)
    theirs = _behavior_of(G, game, gbt.nash.logit_solve(G, use_strategic=False).equilibria[0])
    dist = max(float(np.abs(a - b).max()) for a, b in zip(res[0].behavior, theirs))
    benchmark.extra_info.update(
        workload=name, library="gametheory_af", relative_regret=res.relative_regret, steps=res.n_iter, distance_to_pygambit=dist
    )
    assert res.converged and res.relative_regret <= 1e-9
    assert dist < 1e-4


@pytest.mark.parametrize("name", QRE_FILES)
def test_agent_logit_pygambit(benchmark, name):
    G = gbt.read_efg(str(EFG / name))
    tag(benchmark, f"agent form: agent logit QRE {name}", "pygambit", "logit_solve(use_strategic=False)")
    res = benchmark(gbt.nash.logit_solve, G, use_strategic=False)
    eq = res.equilibria[0]
    benchmark.extra_info.update(workload=name, library="pygambit", max_regret=float(eq.max_regret()))
