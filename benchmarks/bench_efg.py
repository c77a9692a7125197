"""Reading a 10^5-node Gambit ``.efg`` file: ours beside pygambit's reader.

Run: ``python -m pytest benchmarks/bench_efg.py --benchmark-only -o addopts="" -o testpaths=benchmarks``.
The file is generated deterministically: a seeded random tree of 100,001 nodes
(decision nodes of two players, chance nodes with probabilities 1/2 or
1/4, 1/4, 1/2, information sets grouping nodes of one depth) written by our
``to_efg``. Each row records the node and terminal counts
(``extra_info``), and both readers must report the same ones (asserted); ours
must also read back the game that was written.
"""

from __future__ import annotations

import pathlib

import numpy as np
import pytest

from benchmarks.conftest import SEED, tag
from gametheory_af.trees import ExtensiveFormGame
from gametheory_af.trees.efg import read_efg, to_efg

N_NODES = 100_001


def random_tree(n_nodes: int = N_NODES, seed: int = SEED) -> ExtensiveFormGame:
    """A seeded random tree numbered breadth first: inner node v has 2 or 3 children."""
    rng = np.random.default_rng(seed)
    k = rng.integers(2, 4, size=n_nodes)
    total = np.cumsum(k)
    m = int(np.searchsorted(total, n_nodes - 1)) + 1  # inner nodes needed
    k = k[:m]
    k[-1] -= int(total[m - 1]) - (n_nodes - 1)  # the last inner node takes what is left
    if k[-1] == 0:  # pragma: no cover - depends on the seed
        k, m = k[:-1], m - 1
    parents = np.r_[-1, np.repeat(np.arange(m), k)]
    n = parents.size
    kids = np.bincount(parents[1:], minlength=n)
    who = rng.integers(-1, 2, size=n)
    starts = np.r_[0, np.cumsum(k)[:-1]]
    pos = np.arange(n - 1) - np.repeat(starts, k)
    count = np.repeat(k, k)
    probs = np.r_[0.0, np.where(count == 1, 1.0, np.where(count == 2, 0.5, np.where(pos == 2, 0.5, 0.25)))]
    pay = rng.integers(-10, 11, size=(int((kids == 0).sum()), 2)).astype(np.float64)
    plain = ExtensiveFormGame.from_arrays(parents, who, pay, probabilities=probs, players=["Alice", "Bob"])
    # information sets: decision nodes of one depth, player and number of actions, in 7 groups
    key = ((plain.depths * 3 + (who + 1)) * 4 + kids) * 7 + np.arange(n) % 7
    return ExtensiveFormGame.from_arrays(
        parents, who, pay, probabilities=probs, players=["Alice", "Bob"], infosets=key, title="random tree"
    )


@pytest.fixture(scope="module")
def efg_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[pathlib.Path, str, ExtensiveFormGame]:
    game = random_tree()
    text = to_efg(game)
    path = tmp_path_factory.mktemp("efg") / "random.efg"
    path.write_text(text, encoding="utf-8")
    return path, text, game


def test_read_efg_ours(benchmark, efg_file):  # type: ignore[no-untyped-def]
    path, _, game = efg_file
    tag(benchmark, "efg files: read a 10^5-node .efg", method="read_efg")
    g = benchmark.pedantic(read_efg, args=(path,), rounds=3, iterations=1)
    benchmark.extra_info.update(
        workload="efg-1e5-nodes", library="gametheory_af", n_nodes=g.n_nodes, n_terminals=g.n_terminals
    )
    assert g == game
    assert (g.n_nodes, g.n_terminals) == (N_NODES, game.n_terminals)


def test_read_efg_pygambit(benchmark, efg_file):  # type: ignore[no-untyped-def]
    gbt = pytest.importorskip("pygambit")
    path, _, game = efg_file
    tag(benchmark, "efg files: read a 10^5-node .efg", "pygambit", "read_efg")
    G = benchmark.pedantic(gbt.read_efg, args=(str(path),), rounds=3, iterations=1)
    nodes = list(G.nodes)
    n_terminals = sum(1 for v in nodes if v.is_terminal)
    benchmark.extra_info.update(
        workload="efg-1e5-nodes", library="pygambit", n_nodes=len(nodes), n_terminals=n_terminals,
        match=(len(nodes), n_terminals) == (game.n_nodes, game.n_terminals),
    )
    assert (len(nodes), n_terminals) == (game.n_nodes, game.n_terminals)
    assert sum(len(list(p.infosets)) for p in G.players) == game.n_infosets


def test_to_efg_ours(benchmark, efg_file):  # type: ignore[no-untyped-def]
    _, text, game = efg_file
    tag(benchmark, "efg files: write a 10^5-node .efg", method="to_efg")
    out = benchmark.pedantic(to_efg, args=(game,), rounds=3, iterations=1)
    benchmark.extra_info.update(workload="efg-1e5-nodes", library="gametheory_af", n_bytes=len(out))
    assert out == text


def test_to_efg_pygambit(benchmark, efg_file):  # type: ignore[no-untyped-def]
    gbt = pytest.importorskip("pygambit")
    path, _, game = efg_file
    G = gbt.read_efg(str(path))
    tag(benchmark, "efg files: write a 10^5-node .efg", "pygambit", "Game.to_efg")
    out = benchmark.pedantic(G.to_efg, rounds=3, iterations=1)
    benchmark.extra_info.update(workload="efg-1e5-nodes", library="pygambit", n_bytes=len(out))
    benchmark.extra_info["match"] = read_efg(out) == game
    assert benchmark.extra_info["match"]
