"""Sequence-form solvers on game trees: ours beside pygambit on the same trees.

Workloads:

* ``lp-kuhn`` and ``lp-leduc``: the value of Kuhn poker (55 nodes) and of Leduc hold'em
  (9,457 nodes, :func:`gametheory_af.trees.catalog.leduc_poker`) by the sequence-form LP:
  ours (:func:`~gametheory_af.solvers.sequence_form.sequence_form_lp`, float) beside
  pygambit's ``lp_solve(use_strategic=False, rational=False)``; the values must agree to 1e-6.
  ``lp-kuhn-exact`` adds our exact mode (value -1/18) beside pygambit's ``rational=True``.
* ``lcp-random``: one equilibrium of a seeded random two-player tree with chance moves and
  simultaneous-move blocks (261 nodes, 123 pivots; 107 nodes in the quick mode) by Lemke's algorithm on the sequence-form LCP:
  ours beside pygambit's ``lcp_solve(use_strategic=False, rational=False)``; both must be
  equilibria (relative regret below 1e-6, measured in our tree).

pygambit's Leduc LP and its LCP on the 261-node tree take about two minutes each, so the
quick mode (``--benchmark-disable`` or ``QUICK=1``, as CI runs it) skips the first and runs
the LCP pair on the smaller tree. The trees are handed to pygambit as ``.efg`` text written here (preorder, one outcome per
terminal node). Run: ``python -m pytest benchmarks/bench_sequence_form.py --benchmark-only``
(``--benchmark-disable`` runs each case once, as CI does). ``extra_info`` records the value or
the regret next to each time.
"""

from __future__ import annotations

import functools
import itertools
import os
from fractions import Fraction

import numpy as np
import pytest

from benchmarks.conftest import tag
from gametheory_af.solvers.sequence_form import sequence_form_lcp, sequence_form_lp
from gametheory_af.trees import CHANCE, TERMINAL, Chance, Decision, ExtensiveFormGame, Terminal
from gametheory_af.trees.catalog import kuhn_poker, leduc_poker
from gametheory_af.trees.result import make_behavior_equilibrium


def efg_text(game: ExtensiveFormGame) -> str:
    """The tree as Gambit ``.efg`` text (exact numbers where the game has them)."""
    U = game.exact_terminal_payoffs()
    local: dict[int, int] = {}
    for i in range(game.n_players):
        for k, h in enumerate(game.player_infosets(i).tolist()):
            local[h] = k + 1
    quote = lambda s: '"' + str(s).replace('"', "'") + '"'  # noqa: E731
    lines = [f"EFG 2 R {quote(game.title)} {{ {' '.join(quote(p) for p in game.players)} }}", '""']
    chance_no = itertools.count(1)
    for node in game.preorder().tolist():
        who = int(game.node_players[node])
        if who == TERMINAL:
            r = int(game.terminal_index[node])
            pay = ", ".join(str(v) for v in U[r].tolist())
            lines.append(f't "" {r + 1} "" {{ {pay} }}')
        elif who == CHANCE:
            probs = game.chance_probabilities(node, exact=True)
            body = " ".join(f"{quote(a)} {p}" for a, p in zip(game.node_actions(node), probs))
            lines.append(f'c "" {next(chance_no)} "" {{ {body} }} 0')
        else:
            h = int(game.node_infosets[node])
            acts = " ".join(quote(a) for a in game.infoset_actions[h])
            lines.append(f'p "" {who + 1} {local[h]} "h{h}" {{ {acts} }} 0')
    return "\n".join(lines) + "\n"


def to_pygambit(game: ExtensiveFormGame):  # noqa: ANN201 - peer object
    gbt = pytest.importorskip("pygambit")
    import io

    return gbt.read_efg(io.StringIO(efg_text(game)))


def random_tree(seed: int, depth: int = 6) -> ExtensiveFormGame:
    """A seeded two-player general-sum tree with chance moves and simultaneous-move blocks."""
    rng = np.random.default_rng(seed)
    counter = itertools.count()

    def node(d: int):
        if d >= depth or (d > 1 and rng.random() < 0.2):
            return Terminal(tuple(int(v) for v in rng.integers(-9, 10, size=2)))
        r = rng.random()
        if r < 0.1:
            return Chance([(f"c{j}", Fraction(1, 2), node(d + 1)) for j in range(2)])
        p = int(rng.integers(2))
        if r < 0.5:
            label = f"s{next(counter)}"
            kids = [Decision(("P1", "P2")[1 - p], [(f"b{j}", node(d + 2)) for j in range(2)], infoset=label) for _ in range(2)]
            return Decision(("P1", "P2")[p], [(f"a{j}", kids[j]) for j in range(2)])
        return Decision(("P1", "P2")[p], [(f"a{j}", node(d + 1)) for j in range(2)])

    return ExtensiveFormGame(node(0), players=["P1", "P2"])


@functools.lru_cache(maxsize=None)
def _trees() -> dict[str, ExtensiveFormGame]:
    return {"lp-kuhn": kuhn_poker(), "lp-leduc": leduc_poker(), "lcp-random": random_tree(1, depth=8), "lcp-random-small": random_tree(1, depth=6)}


def _quick(config) -> bool:  # noqa: ANN001
    return bool(os.environ.get("QUICK")) or bool(config.getoption("benchmark_disable", default=False))


def _their_behavior(game: ExtensiveFormGame, G, profile) -> list[list[float]]:  # noqa: ANN001
    """pygambit's behaviour profile in our information-set order (the .efg names information set h "h{h}")."""
    out: list[list[float]] = [[] for _ in range(game.n_infosets)]
    for player in G.players:
        for infoset in player.infosets:
            out[int(infoset.label[1:])] = [float(profile[a]) for a in infoset.actions]
    return out


@pytest.mark.parametrize("name", ["lp-kuhn", "lp-leduc"])
def test_ours_lp(benchmark, name):
    game = _trees()[name]
    tag(benchmark, f"sequence form: {name}", method="sequence_form_lp")
    res = benchmark(sequence_form_lp, game)
    benchmark.extra_info.update(workload=name, library="gametheory_af", value=res.value, relative_regret=res.relative_regret)
    assert res.relative_regret <= 1e-9


def test_ours_lp_kuhn_exact(benchmark):
    tag(benchmark, "sequence form: lp-kuhn", "gametheory_af (exact)", "sequence_form_lp")
    res = benchmark(sequence_form_lp, kuhn_poker(), exact=True)
    benchmark.extra_info.update(workload="lp-kuhn-exact", library="gametheory_af (exact)", value=str(res.exact_value))
    assert res.exact_value == Fraction(-1, 18)


@pytest.mark.parametrize("name", ["lp-kuhn", "lp-leduc"])
def test_pygambit_lp(benchmark, name, pytestconfig):
    gbt = pytest.importorskip("pygambit")
    if name == "lp-leduc" and _quick(pytestconfig):
        pytest.skip("pygambit's lp_solve takes about two minutes on Leduc hold'em; run with --benchmark-only")
    game = _trees()[name]
    G = to_pygambit(game)
    tag(benchmark, f"sequence form: {name}", "pygambit", "lp_solve")
    res = benchmark(gbt.nash.lp_solve, G, use_strategic=False, rational=False)
    value = float(res.equilibria[0].payoff(list(G.players)[0]))
    match = value == pytest.approx(sequence_form_lp(game).value, abs=1e-6)
    benchmark.extra_info.update(workload=name, library="pygambit", value=value, match=match)
    assert match


def test_pygambit_lp_kuhn_rational(benchmark):
    """pygambit's exact sequence-form LP (``rational=True``) beside our exact mode on Kuhn poker."""
    gbt = pytest.importorskip("pygambit")
    G = to_pygambit(kuhn_poker())
    tag(benchmark, "sequence form: lp-kuhn", "pygambit (rational)", "lp_solve(rational=True)")
    res = benchmark(gbt.nash.lp_solve, G, use_strategic=False, rational=True)
    value = Fraction(str(res.equilibria[0].payoff(list(G.players)[0])))
    benchmark.extra_info.update(workload="lp-kuhn-exact", library="pygambit (rational)", value=str(value), match=value == Fraction(-1, 18))
    assert value == Fraction(-1, 18)


def _lcp_tree(config) -> tuple[str, ExtensiveFormGame]:  # noqa: ANN001
    name = "lcp-random-small" if _quick(config) else "lcp-random"
    return name, _trees()[name]


def test_ours_lcp(benchmark, pytestconfig):
    name, game = _lcp_tree(pytestconfig)
    tag(benchmark, f"sequence form: {name} ({game.n_nodes} nodes)", method="sequence_form_lcp")
    res = benchmark(sequence_form_lcp, game)
    benchmark.extra_info.update(
        workload=name, library="gametheory_af", n_nodes=game.n_nodes, pivots=res.n_iter, relative_regret=res.relative_regret
    )
    assert res.converged and res.relative_regret <= 1e-9


def test_pygambit_lcp(benchmark, pytestconfig):
    gbt = pytest.importorskip("pygambit")
    name, game = _lcp_tree(pytestconfig)
    G = to_pygambit(game)
    tag(benchmark, f"sequence form: {name} ({game.n_nodes} nodes)", "pygambit", "lcp_solve")
    res = benchmark(gbt.nash.lcp_solve, G, use_strategic=False, rational=False)
    eq = make_behavior_equilibrium(game, _their_behavior(game, G, res.equilibria[0]))
    benchmark.extra_info.update(workload=name, library="pygambit", n_nodes=game.n_nodes, relative_regret=eq.relative_regret)
    assert eq.relative_regret <= 1e-6
