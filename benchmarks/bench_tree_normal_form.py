"""The reduced normal form of a tree with 10^4 terminal nodes: ours beside pygambit's strategic form.

Run: ``python -m pytest benchmarks/bench_tree_normal_form.py --benchmark-only``.

The tree (:func:`signal_tree`) is a two-player game of incomplete information:
chance draws one of ``n_states`` equally likely states; player 1 observes a
signal ``state % c`` and plays ``a0``/``a1``; player 2 observes
``(state // c) % d`` and player 1's move, and plays ``b0``/``b1``; player 1,
remembering her signal and seeing player 2's move, plays ``c0``/``c1``;
payoffs are seeded random integers. With 1250 states the tree has 10^4
terminal nodes and its reduced normal form has ``(2 * 2**2)**c`` by
``2**(2 d)`` strategies (the full form: ``2**(c + 4 c)`` for player 1). The
``c=3, d=4`` case (512 x 256 = 131,072 profiles) is ours alone: pygambit
evaluates the tree once per profile (about 20 ms a profile here), so it runs
beside us on ``c=2, d=1`` (64 x 4 profiles, same 10^4 terminals).

Each row records the shape and checks the answers: the same number of
strategies per player, and the same payoff values (as multisets; the
strategy orders differ) as pygambit's.
"""

from __future__ import annotations

import os
import tempfile

import numpy as np
import pytest

import gametheory_af as gt
from benchmarks.conftest import SEED, tag
from gametheory_af.trees import Chance, Decision, ExtensiveFormGame

CASES = {"10k-terminals-64x4": (1250, 2, 1), "10k-terminals-512x256": (1250, 3, 4)}
PEER_CASES = ("10k-terminals-64x4",)


def signal_tree(n_states: int, c: int, d: int, *, exact: bool = False, seed: int = SEED) -> tuple[ExtensiveFormGame, str]:
    """The tree and the same tree as Gambit ``.efg`` text."""
    pay = np.random.default_rng(seed).integers(-5, 6, size=(n_states, 2, 2, 2, 2))
    prob: object = f"1/{n_states}" if exact else 1.0 / n_states
    lines = ['EFG 2 R "signals" { "P1" "P2" }', '""', ""]
    lines.append('c "" 1 "" { ' + " ".join(f'"s{s}" 1/{n_states}' for s in range(n_states)) + " } 0")
    outcomes = []
    out_no = 0
    for s in range(n_states):
        s1, s2 = s % c, (s // c) % d
        lines.append(f'p "" 1 {1 + s1} "" {{ "a0" "a1" }} 0')
        acts_a = []
        for a in range(2):
            lines.append(f'p "" 2 {1 + s2 * 2 + a} "" {{ "b0" "b1" }} 0')
            acts_b = []
            for b in range(2):
                lines.append(f'p "" 1 {1 + c + (s1 * 2 + a) * 2 + b} "" {{ "c0" "c1" }} 0')
                acts_c = []
                for k in range(2):
                    out_no += 1
                    u0, u1 = (int(x) for x in pay[s, a, b, k])
                    lines.append(f't "" {out_no} "" {{ {u0}, {u1} }}')
                    acts_c.append((f"c{k}", (u0, u1)))
                acts_b.append((f"b{b}", Decision("P1", acts_c, infoset=f"p1:{s1}:{a}:{b}")))
            acts_a.append((f"a{a}", Decision("P2", acts_b, infoset=f"p2:{s2}:{a}")))
        outcomes.append((f"s{s}", prob, Decision("P1", acts_a, infoset=f"p1:{s1}")))
    tree = ExtensiveFormGame(Chance(outcomes), players=["P1", "P2"], title="signals")
    return tree, "\n".join(lines) + "\n"


@pytest.fixture(params=list(CASES), scope="module")
def case(request):  # noqa: ANN001, ANN201 - pytest fixture
    n_states, c, d = CASES[request.param]
    tree, efg = signal_tree(n_states, c, d)
    assert tree.n_terminals == 8 * n_states
    return request.param, tree, efg, (8**c, 4**d)


def test_ours(benchmark, case) -> None:  # noqa: ANN001
    name, tree, _, shape = case
    tag(benchmark, f"tree normal form: {name}", method="to_normal_form")
    nf = benchmark(tree.to_normal_form)
    benchmark.extra_info.update(
        workload=name, library="gametheory_af", n_terminals=tree.n_terminals, shape=list(nf.shape), profiles=nf.n_profiles
    )
    assert nf.shape == shape


def test_ours_exact(benchmark, case) -> None:  # noqa: ANN001
    name, _, _, shape = case
    tree, _ = signal_tree(*CASES[name], exact=True)
    tag(benchmark, f"tree normal form: {name}", "gametheory_af (exact)", "to_normal_form")
    nf = benchmark(tree.to_normal_form)
    benchmark.extra_info.update(workload=name, library="gametheory_af (exact)", shape=list(nf.shape))
    assert nf.is_exact and nf.shape == shape


def test_pygambit_strategic_form(benchmark, case) -> None:  # noqa: ANN001
    name, tree, efg, shape = case
    if name not in PEER_CASES:
        pytest.skip("pygambit evaluates the tree once per profile: too slow for 131,072 profiles")
    gbt = pytest.importorskip("pygambit")
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "signals.efg")
    with open(path, "w") as f:
        f.write(efg)
    game = gbt.read_efg(path)
    tag(benchmark, f"tree normal form: {name}", "pygambit", "to_nfg")
    text = benchmark(game.to_nfg)
    theirs = gt.read_nfg(text)
    ours = tree.to_normal_form()
    same = theirs.shape == ours.shape and all(
        np.allclose(np.sort(theirs.payoffs[i].ravel()), np.sort(ours.payoffs[i].ravel())) for i in range(2)
    )
    benchmark.extra_info.update(workload=name, library="pygambit", shape=list(theirs.shape), match=same)
    assert theirs.shape == ours.shape == shape
    for i in range(2):
        assert np.allclose(np.sort(theirs.payoffs[i].ravel()), np.sort(ours.payoffs[i].ravel()))
