"""Backward induction on large perfect-information trees, beside pygambit on smaller ones.

Run the full workload::

    python -m pytest benchmarks/bench_backward_induction.py --benchmark-only

Quick mode (CI smoke test): ``--benchmark-disable`` or ``QUICK=1`` shrink the
trees (10^4 nodes instead of 10^6; pygambit's trees 200 and 60 nodes instead
of 1,000 and 150; the batch 500 points instead of 10^4).

Workloads (all seeded random trees built with ``ExtensiveFormGame.from_arrays``;
random recursive attachment, two players, 10% chance nodes, standard-normal
payoffs):

* ``backward_induction_batch`` and ``subgame_perfect`` on a tree of 10^6 nodes
  (``subgame_perfect`` adds the regret certificate computed in the tree by
  ``make_behavior_equilibrium``, which dominates its time);
* a batch: 10^4 payoff vectors of a 10^3-node tree at once, checked against
  one-at-a-time runs on a sample of points.

pygambit has **no backward induction**: its tree solvers compute Nash (not
subgame-perfect) equilibria of the sequence form. For an honest comparison on
the same trees: on a two-player **zero-sum** tree (no chance) the value of the
game is unique, so ``lp_solve(use_strategic=False)`` must give our root value
(asserted); on a general-sum tree ``lcp_solve(use_strategic=False)`` finds one
Nash equilibrium, and our SPE must pass pygambit's own regret check (asserted)
while the two equilibria may differ off (or even on) the path. Their times are
recorded beside ours; they solve a harder problem (an LP/LCP over sequences),
so their trees are small: pygambit's tree LCP took 5 s at 150 nodes and ran
out of memory at 200 (measured on this machine), its LP 4 s at 1,000 nodes.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

from benchmarks.conftest import SEED, tag
from gametheory_af.solvers.backward_induction import backward_induction_batch, subgame_perfect
from gametheory_af.trees.game import CHANCE, ExtensiveFormGame


def _quick(config: pytest.Config) -> bool:
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


@pytest.fixture(scope="module")
def sizes(request: pytest.FixtureRequest) -> dict[str, int]:
    if _quick(request.config):
        return {"big": 10_000, "gambit_lp": 200, "gambit_lcp": 60, "batch_tree": 1_000, "batch_points": 500}
    return {"big": 1_000_000, "gambit_lp": 1_000, "gambit_lcp": 150, "batch_tree": 1_000, "batch_points": 10_000}


def random_pi_tree(n: int, *, seed: int = SEED, chance: float = 0.1, zero_sum: bool = False) -> ExtensiveFormGame:
    """A seeded random perfect-information tree of *n* nodes."""
    rng = np.random.default_rng(seed)
    par = np.empty(n, dtype=np.int64)
    par[0] = -1
    par[1:] = (rng.random(n - 1) * np.arange(1, n)).astype(np.int64)
    leaf = np.bincount(par[1:], minlength=n) == 0
    who = rng.integers(0, 2, n)
    who[rng.random(n) < chance] = -1
    pay = rng.standard_normal((int(leaf.sum()), 2))
    if zero_sum:
        pay[:, 1] = -pay[:, 0]
    w = rng.random(n) + 0.1
    s = np.bincount(par[1:], weights=w[1:], minlength=n)
    prob = np.ones(n)
    prob[1:] = w[1:] / s[par[1:]]
    return ExtensiveFormGame.from_arrays(par, who, pay, probabilities=prob)


def to_efg_text(game: ExtensiveFormGame) -> str:
    """Gambit .efg text of a tree (information set h labelled "h<h>"), for pygambit."""
    lines = ['EFG 2 R "bench" { "P1" "P2" }', '""']
    outcome = 0
    chance_id = 0
    for x in game.preorder().tolist():
        who = int(game.node_players[x])
        if who >= 0:
            h = int(game.node_infosets[x])
            acts = " ".join(f'"{a}"' for a in game.node_actions(x))
            lines.append(f'p "" {who + 1} {h + 1} "h{h}" {{ {acts} }} 0')
        elif who == CHANCE:
            chance_id += 1
            probs = game.chance_probabilities(x, exact=True)
            body = " ".join(f'"{a}" {p}' for a, p in zip(game.node_actions(x), probs))
            lines.append(f'c "" {chance_id} "" {{ {body} }} 0')
        else:
            outcome += 1
            u = game.terminal_payoffs[int(game.terminal_index[x])]
            lines.append(f't "" {outcome} "" {{ {float(u[0])!r} {float(u[1])!r} }}')
    return "\n".join(lines) + "\n"


def _gambit(game: ExtensiveFormGame, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN202 - peer object
    gbt = pytest.importorskip("pygambit")
    path = tmp_path_factory.mktemp("efg") / "tree.efg"
    path.write_text(to_efg_text(game))
    return gbt, gbt.read_efg(str(path))


def _gambit_profile(gbt, g, game: ExtensiveFormGame, eq):  # noqa: ANN001, ANN202 - peer objects
    prof = g.mixed_behavior_profile(rational=False)
    for H in g.infosets:
        h = int(H.label[1:])
        for a, p in zip(list(H.actions), eq.behavior[h].tolist()):
            prof[a] = float(p)
    return prof


# ----------------------------------------------------------------------------- one huge tree
@pytest.fixture(scope="module")
def big(sizes):  # noqa: ANN001, ANN201
    return random_pi_tree(sizes["big"])


def test_backward_induction_batch_big(benchmark, big):
    tag(benchmark, f"backward induction: one tree of {big.n_nodes} nodes", method="backward_induction_batch")
    values, choices = benchmark(backward_induction_batch, big)
    benchmark.extra_info.update(
        workload=f"{big.n_nodes} nodes",
        library="gametheory_af",
        root_value=values[0, 0].tolist(),
        depth=len(big.levels),
    )
    # spot check the sweep: every decision node's value is its chosen child's, and the best for the mover
    dec = np.flatnonzero(big.node_players >= 0)[:2000]
    kids = big.first_child[dec] + choices[0, dec]
    assert np.array_equal(values[0, dec], values[0, kids])


def test_subgame_perfect_big(benchmark, big):
    tag(benchmark, f"backward induction: one tree of {big.n_nodes} nodes", method="subgame_perfect")
    res = benchmark.pedantic(subgame_perfect, args=(big,), rounds=1, iterations=1)
    values, _ = backward_induction_batch(big)
    benchmark.extra_info.update(
        workload=f"{big.n_nodes} nodes", library="gametheory_af", n_equilibria=len(res), max_regret=res.max_regret
    )
    assert res.complete and len(res) == 1  # standard-normal payoffs: no ties
    assert np.allclose(res[0].payoffs, values[0, 0], rtol=1e-9, atol=1e-9)


# ----------------------------------------------------------------------------- beside pygambit
@pytest.fixture(scope="module")
def zero_sum_tree(sizes):  # noqa: ANN001, ANN201
    return random_pi_tree(sizes["gambit_lp"], chance=0.0, zero_sum=True, seed=SEED + 1)


@pytest.fixture(scope="module")
def general_tree(sizes):  # noqa: ANN001, ANN201
    return random_pi_tree(sizes["gambit_lcp"], chance=0.0, seed=SEED + 2)


def test_ours_zero_sum(benchmark, zero_sum_tree):
    tag(benchmark, f"backward induction: zero-sum tree of {zero_sum_tree.n_nodes} nodes", method="subgame_perfect")
    res = benchmark(subgame_perfect, zero_sum_tree)
    benchmark.extra_info.update(
        workload=f"zero-sum {zero_sum_tree.n_nodes} nodes", library="gametheory_af", value=res[0].payoffs[0]
    )


def test_pygambit_lp_zero_sum(benchmark, zero_sum_tree, tmp_path_factory):
    gbt, g = _gambit(zero_sum_tree, tmp_path_factory)
    tag(benchmark, f"backward induction: zero-sum tree of {zero_sum_tree.n_nodes} nodes", "pygambit", "lp_solve")
    res = benchmark.pedantic(
        gbt.nash.lp_solve, args=(g,), kwargs={"rational": False, "use_strategic": False}, rounds=1, iterations=1
    )
    theirs = float(res.equilibria[0].payoff(list(g.players)[0]))
    ours = subgame_perfect(zero_sum_tree)[0].payoffs[0]
    benchmark.extra_info.update(
        workload=f"zero-sum {zero_sum_tree.n_nodes} nodes", library="pygambit", value=theirs,
        match=theirs == pytest.approx(ours, rel=1e-6, abs=1e-6),
    )
    assert theirs == pytest.approx(ours, rel=1e-6, abs=1e-6)


def test_ours_general_sum(benchmark, general_tree):
    tag(benchmark, f"backward induction: general-sum tree of {general_tree.n_nodes} nodes", method="subgame_perfect")
    res = benchmark(subgame_perfect, general_tree)
    benchmark.extra_info.update(
        workload=f"general {general_tree.n_nodes} nodes", library="gametheory_af", payoffs=res[0].payoffs.tolist()
    )


def test_pygambit_lcp_general_sum(benchmark, general_tree, tmp_path_factory):
    gbt, g = _gambit(general_tree, tmp_path_factory)
    tag(benchmark, f"backward induction: general-sum tree of {general_tree.n_nodes} nodes", "pygambit", "lcp_solve")
    res = benchmark.pedantic(
        gbt.nash.lcp_solve, args=(g,), kwargs={"rational": False, "use_strategic": False}, rounds=1, iterations=1
    )
    players = list(g.players)
    ours = subgame_perfect(general_tree)[0]
    prof = _gambit_profile(gbt, g, general_tree, ours)
    benchmark.extra_info.update(
        workload=f"general {general_tree.n_nodes} nodes",
        library="pygambit",
        payoffs=[float(res.equilibria[0].payoff(p)) for p in players],
        our_spe_regret_by_pygambit=float(prof.max_regret()),
    )
    assert float(prof.max_regret()) <= 1e-9  # pygambit certifies our SPE as a Nash equilibrium


# ----------------------------------------------------------------------------- the batch
def test_batch_of_parameter_points(benchmark, sizes):
    g = random_pi_tree(sizes["batch_tree"], seed=SEED + 3)
    rng = np.random.default_rng(SEED + 4)
    B = sizes["batch_points"]
    pay = g.terminal_payoffs[None, :, :] + 0.5 * rng.standard_normal((B, g.n_terminals, g.n_players))
    tag(benchmark, f"backward induction: {B} payoff points x {g.n_nodes} nodes", method="backward_induction_batch")
    values, choices = benchmark(backward_induction_batch, g, pay)
    benchmark.extra_info.update(
        workload=f"{B} points x {g.n_nodes} nodes",
        library="gametheory_af",
        distinct_root_choices=int(np.unique(choices[:, 0]).size),
    )
    for b in rng.choice(B, 5, replace=False).tolist():
        v1, c1 = backward_induction_batch(g, pay[b : b + 1])
        assert np.array_equal(c1[0], choices[b]) and np.array_equal(v1[0], values[b])
