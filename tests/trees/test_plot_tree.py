"""plot_tree: a matplotlib figure of a game tree (Agg backend), checked through its artists."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af import GameError
from gametheory_af.trees import ExtensiveFormGame
from gametheory_af.trees.efg import read_efg

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")

from gametheory_af.plotting import _tree_layout, plot_tree  # noqa: E402

DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "efg"


@pytest.fixture(autouse=True)
def _close() -> object:
    yield
    plt.close("all")


def _collections(ax: object) -> dict[str, object]:
    return {c.get_gid(): c for c in ax.collections}  # type: ignore[attr-defined]


def test_markers_edges_and_infoset_links() -> None:
    g = read_efg(DATA / "t_2_player_chance.efg")
    ax = plot_tree(g)
    cols = _collections(ax)
    assert len(cols["decision"].get_offsets()) == int((g.node_players >= 0).sum()) == 8
    assert len(cols["chance"].get_offsets()) == 1
    assert len(cols["terminal"].get_offsets()) == g.n_terminals == 12
    assert len(cols["edges"].get_segments()) == g.n_nodes - 1
    # player 2 has three information sets of two nodes each: three dashed links
    links = cols["infosets"].get_segments()
    assert len(links) == sum(len(g.infoset_nodes(h)) - 1 for h in range(g.n_infosets)) == 3
    assert cols["infosets"].get_linestyle()[0][1] is not None  # dashed
    texts = [t.get_text() for t in ax.texts]
    assert "H (1/2)" in texts and "L (1/2)" in texts  # chance probabilities, exact
    assert "(0, 0)" in texts and texts.count("(1, -1)") == 6  # payoffs at the leaves
    assert ax.get_title() == g.title


def test_links_join_the_members_of_each_information_set() -> None:
    g = gt.catalog.matching_pennies_tree()
    ax = plot_tree(g)
    x, y = _tree_layout(g)
    (link,) = _collections(ax)["infosets"].get_segments()
    members = g.infoset_nodes(1)
    ends = {tuple(link[0]), tuple(link[-1])}
    assert ends == {(x[v], y[v]) for v in members.tolist()}


def test_layout_leaves_in_order_and_parents_centred() -> None:
    g = gt.catalog.entry_deterrence()
    x, y = _tree_layout(g)
    assert sorted(x[g.terminals].tolist()) == [0.0, 1.0, 2.0]
    assert y.tolist() == (-g.depths).tolist()
    for v in range(g.n_nodes):
        kids = g.children(v)
        if kids.size:
            assert x[v] == pytest.approx((x[kids[0]] + x[kids[-1]]) / 2)


def test_perfect_information_has_no_links_and_flags_hide_text() -> None:
    g = gt.catalog.entry_deterrence()
    _, ax = plt.subplots()
    out = plot_tree(g, ax=ax, payoffs=False, actions=False)
    assert out is ax
    assert len(_collections(ax)["infosets"].get_segments()) == 0
    assert {t.get_text() for t in ax.texts} == set(g.players)


def test_float_game() -> None:
    g = ExtensiveFormGame.from_arrays([-1, 0, 0], [-1, 0, 0], [[0.25], [1.5]], probabilities=[0, 0.3, 0.7])
    ax = plot_tree(g)
    texts = {t.get_text() for t in ax.texts}
    assert {"1 (0.3)", "2 (0.7)", "(0.25)", "(1.5)"} <= texts


def test_refuses_large_trees_and_bad_arguments() -> None:
    parents = np.r_[-1, np.zeros(500, dtype=int)]
    big = ExtensiveFormGame.from_arrays(parents, np.zeros(501, dtype=int), np.zeros((500, 1)))
    with pytest.raises(GameError, match="501 nodes, more than max_nodes=400"):
        plot_tree(big)
    assert len(_collections(plot_tree(big, max_nodes=600))["terminal"].get_offsets()) == 500
    with pytest.raises(TypeError, match="game must be an ExtensiveFormGame"):
        plot_tree(gt.catalog.prisoners_dilemma())
    with pytest.raises(TypeError, match="payoffs"):
        plot_tree(gt.catalog.entry_deterrence(), payoffs="yes")  # type: ignore[arg-type]
    with pytest.raises(GameError, match="max_nodes"):
        plot_tree(gt.catalog.entry_deterrence(), max_nodes=0)
