"""The catalog: every listed equilibrium is one, exactly; the listed sets are complete."""

from __future__ import annotations

import pytest

import gametheory_af as gt
from gametheory_af.result import make_equilibrium


@pytest.mark.parametrize("entry", gt.catalog.entries(), ids=lambda e: e.name)
def test_known_equilibria_have_exact_zero_regret(entry):
    assert entry.equilibria, entry.name
    for prof in entry.equilibria:
        eq = make_equilibrium(entry.game, prof, exact=True)
        assert eq.max_regret == 0
        assert eq.exact == prof
    assert entry.source


@pytest.mark.parametrize("entry", gt.catalog.entries(), ids=lambda e: e.name)
def test_known_equilibria_match_pygambit(entry):
    gbt = pytest.importorskip("pygambit")
    G = gbt.Game.from_arrays(*[entry.game.exact_payoffs()[i].astype(object) for i in range(entry.game.n_players)])
    if entry.game.n_players == 2:
        res = gbt.nash.enummixed_solve(G, rational=True)
    else:
        res = gbt.nash.enumpoly_solve(G)
    theirs = set()
    for e in res.equilibria:
        theirs.add(tuple(tuple(round(float(e[s]), 9) for s in p.strategies) for p in G.players))
    ours = {tuple(tuple(round(float(x), 9) for x in p) for p in prof) for prof in entry.equilibria}
    assert ours == theirs


def test_unknown_name():
    with pytest.raises(gt.GameError, match="unknown game 'poker'"):
        gt.catalog.get("poker")


def test_names_and_entries_align():
    assert [e.name for e in gt.catalog.entries()] == list(gt.catalog.names())
