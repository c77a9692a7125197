"""The catalog of game trees: structure, the literature's answers, and pygambit cross-checks."""

from __future__ import annotations

import io
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af._validation import FrozenMapping
from gametheory_af.exceptions import GameError
from gametheory_af.trees.catalog import (
    TreeCatalogEntry,
    beer_quiche,
    centipede,
    chain_store,
    get_tree,
    kuhn_poker,
    leduc_poker,
    seltens_horse,
    stackelberg,
    tree_entries,
    tree_names,
    ultimatum,
)
from gametheory_af.trees.game import CHANCE, TERMINAL, ExtensiveFormGame
from gametheory_af.trees.profiles import behavior_payoffs, behavior_regrets
from gametheory_af.trees.result import make_behavior_equilibrium


# ----------------------------------------------------------------------------- helpers
def walk(game: ExtensiveFormGame, *moves: str) -> int:
    """The node reached from the root by the named actions (chance outcomes included)."""
    node = 0
    for m in moves:
        acts = game.node_actions(node)
        assert m in acts, (m, acts, game.path(node))
        node = int(game.first_child[node]) + acts.index(m)
    return node


def payoffs_at(game: ExtensiveFormGame, *moves: str) -> tuple[Any, ...]:
    node = walk(game, *moves)
    assert int(game.node_players[node]) == TERMINAL
    return tuple(game.exact_terminal_payoffs()[int(game.terminal_index[node])].tolist())


Outcome = tuple[tuple[Any, ...], tuple[str, ...]]  # (exact payoffs, path of action names)


def spe_outcomes(game: ExtensiveFormGame, node: int = 0) -> set[Outcome]:
    """Every outcome of a pure subgame-perfect equilibrium of a perfect-information tree without chance.

    Backward induction with ties: an outcome of the subtree after action a survives
    when its mover's payoff is at least, for every other action b, the worst payoff
    she can be held to by some equilibrium of b's subtree.
    """
    who = int(game.node_players[node])
    if who == TERMINAL:
        return {(tuple(game.exact_terminal_payoffs()[int(game.terminal_index[node])].tolist()), ())}
    assert who >= 0
    kids = game.children(node).tolist()
    acts = game.node_actions(node)
    subs = [spe_outcomes(game, c) for c in kids]
    floors = [min(o[0][who] for o in sub) for sub in subs]
    out: set[Outcome] = set()
    for a, sub in enumerate(subs):
        bar = max((f for b, f in enumerate(floors) if b != a), default=None)
        out |= {(pay, (acts[a], *path)) for pay, path in sub if bar is None or pay[who] >= bar}
    return out


def pure_profiles(game: ExtensiveFormGame) -> list[tuple[int, ...]]:
    import itertools

    return list(itertools.product(*(range(len(a)) for a in game.infoset_actions)))


def gambit_terminals(gg: Any) -> dict[tuple[str, ...], tuple[Any, ...]]:
    players = list(gg.players)
    out = {}
    for n in gg.nodes:
        if n.is_terminal:
            path: list[str] = []
            m = n
            while m.parent is not None:
                path.append(m.prior_action.label)
                m = m.parent
            out[tuple(reversed(path))] = tuple(F(n.outcome[p]) for p in players)
    return out


def our_terminals(game: ExtensiveFormGame) -> dict[tuple[str, ...], tuple[Any, ...]]:
    pay = game.exact_terminal_payoffs()
    return {game.path(int(t)): tuple(pay[r].tolist()) for r, t in enumerate(game.terminals.tolist())}


def _q(s: str) -> str:
    return '"' + s.replace('"', '\\"') + '"'


def efg_text(game: ExtensiveFormGame) -> str:
    """Gambit .efg text for a game, written here so the cross-checks do not depend on the library's writer."""
    pay = game.exact_terminal_payoffs() if game.is_exact else game.terminal_payoffs
    lines = ["EFG 2 R " + _q(game.title) + " { " + " ".join(_q(p) for p in game.players) + " }", '""']
    numbers: dict[int, int] = {}
    counts: dict[int, int] = {}
    chance = 0
    for n in game.preorder().tolist():
        who = int(game.node_players[n])
        if who == TERMINAL:
            r = int(game.terminal_index[n])
            lines.append(f't "" {r + 1} "" {{ ' + " ".join(str(v) for v in pay[r].tolist()) + " }")
        elif who == CHANCE:
            chance += 1
            probs = game.chance_probabilities(n, exact=game.is_exact)
            body = " ".join(f"{_q(a)} {p}" for a, p in zip(game.node_actions(n), probs))
            lines.append(f'c "" {chance} "" {{ {body} }} 0')
        else:
            h = int(game.node_infosets[n])
            if h not in numbers:
                counts[who] = counts.get(who, 0) + 1
                numbers[h] = counts[who]
            body = " ".join(_q(a) for a in game.infoset_actions[h])
            lines.append(f'p "" {who + 1} {numbers[h]} {_q(game.infoset_labels[h])} {{ {body} }} 0')
    return "\n".join(lines) + "\n"


def to_gambit(game: ExtensiveFormGame) -> Any:
    gbt = pytest.importorskip("pygambit")
    return gbt.read_efg(io.StringIO(efg_text(game)))


def from_gambit_behavior(game: ExtensiveFormGame, gg: Any, profile: Any) -> dict[str, list[Any]]:
    """A pygambit behaviour profile as ours, matched by information-set label."""
    out: dict[str, list[Any]] = {}
    for player in gg.players:
        for infoset in player.infosets:
            out[infoset.label] = [profile[a] for a in infoset.actions]
    assert set(out) == set(game.infoset_labels)
    return out


def kuhn_equilibrium(alpha: F) -> dict[str, Any]:
    """Kuhn's (1950) optimal strategies: player 1's family in alpha, player 2's unique strategy."""
    third = F(1, 3)
    return {
        "P1 J: -": [1 - alpha, alpha],
        "P1 Q: -": "Check",
        "P1 K: -": [1 - 3 * alpha, 3 * alpha],
        "P1 J: kb": "Fold",
        "P1 Q: kb": [1 - alpha - third, alpha + third],
        "P1 K: kb": "Call",
        "P2 J: k": [1 - third, third],
        "P2 J: b": "Fold",
        "P2 Q: k": "Check",
        "P2 Q: b": [1 - third, third],
        "P2 K: k": "Bet",
        "P2 K: b": "Call",
    }


# ----------------------------------------------------------------------------- Kuhn poker
def test_kuhn_structure() -> None:
    g = kuhn_poker()
    assert (g.n_nodes, g.n_terminals, g.n_infosets) == (55, 30, 12)
    assert g.players == ("Player 1", "Player 2")
    assert g.is_zero_sum and g.has_perfect_recall and g.is_exact and not g.is_perfect_information
    assert g.chance_probabilities(0, exact=True) == (F(1, 6),) * 6
    assert g.node_actions(0) == ("JQ", "JK", "QJ", "QK", "KJ", "KQ")
    for h in range(g.n_infosets):
        assert len(g.infoset_nodes(h)) == 2  # each card is dealt with either of the two others
    assert sorted(g.infoset_labels) == sorted(kuhn_equilibrium(F(0)))


def test_kuhn_payoffs() -> None:
    g = kuhn_poker()
    assert payoffs_at(g, "KJ", "Check", "Check") == (1, -1)
    assert payoffs_at(g, "JQ", "Check", "Bet", "Fold") == (-1, 1)
    assert payoffs_at(g, "JQ", "Check", "Bet", "Call") == (-2, 2)
    assert payoffs_at(g, "QJ", "Bet", "Fold") == (1, -1)
    assert payoffs_at(g, "QK", "Bet", "Call") == (-2, 2)


@pytest.mark.parametrize("alpha", [F(0), F(1, 9), F(1, 6), F(1, 3)])
def test_kuhn_equilibrium_family(alpha: F) -> None:
    g = kuhn_poker()
    b = kuhn_equilibrium(alpha)
    assert behavior_regrets(g, b, exact=True).tolist() == [0, 0]
    assert behavior_payoffs(g, b, exact=True).tolist() == [F(-1, 18), F(1, 18)]
    eq = make_behavior_equilibrium(g, b, exact=True)
    assert eq.max_regret == 0.0 and eq.exact is not None
    assert eq.payoffs[0] == pytest.approx(-1 / 18, rel=1e-15)


def test_kuhn_outside_the_family_has_regret() -> None:
    g = kuhn_poker()
    b = kuhn_equilibrium(F(1, 2))  # alpha beyond 1/3: bets the King with probability 3/2: not a profile
    with pytest.raises(GameError, match="P1 K: -"):
        behavior_regrets(g, b, exact=True)
    b = kuhn_equilibrium(F(1, 6))
    b["P2 Q: b"] = "Call"  # player 2 calls too often with the Queen: still a best reply, but exploitable
    reg = behavior_regrets(g, b, exact=True)
    assert reg[0] > 0 and reg[1] == 0


def test_kuhn_value_matches_pygambit_lp() -> None:
    g = kuhn_poker()
    gg = to_gambit(g)
    gbt = pytest.importorskip("pygambit")
    res = gbt.nash.lp_solve(gg, rational=True, use_strategic=False)
    eq = res.equilibria[0]
    assert eq.payoff("Player 1") == F(-1, 18)
    ours = from_gambit_behavior(g, gg, eq)
    assert behavior_regrets(g, ours, exact=True).tolist() == [0, 0]
    assert behavior_payoffs(g, ours, exact=True).tolist() == [F(-1, 18), F(1, 18)]


# ----------------------------------------------------------------------------- Leduc hold'em
def test_leduc_structure() -> None:
    g = leduc_poker()
    assert (g.n_nodes, g.n_terminals, g.n_infosets) == (9457, 5520, 288)
    assert g.is_zero_sum and g.has_perfect_recall and g.is_exact
    p1 = g.player_infosets("Player 1")
    assert len(p1) == 144 and len(g.player_infosets("Player 2")) == 144
    # 3 ranks x 3 round-one histories, 3 x 3 x 5 x 3 in round two
    assert max(g.depths.tolist()) == 2 + 4 + 1 + 4  # two deals, up to 4 moves, the public card, up to 4 moves
    s = leduc_poker(suits=True)
    assert (s.n_nodes, s.n_terminals, s.n_infosets) == (9457, 5520, 936)
    assert s.has_perfect_recall
    assert np.array_equal(s.terminal_payoffs, g.terminal_payoffs)
    assert g.chance_probabilities(0, exact=True) == (F(1, 6),) * 6
    assert g.chance_probabilities(1, exact=True) == (F(1, 5),) * 5


def test_leduc_payoffs() -> None:
    g = leduc_poker()
    # round one: bets of 2, at most a bet and a raise
    assert payoffs_at(g, "Kh", "Qs", "Bet", "Fold") == (1, -1)
    assert payoffs_at(g, "Kh", "Qs", "Bet", "Raise", "Fold") == (-3, 3)
    assert g.node_actions(walk(g, "Kh", "Qs", "Bet", "Raise")) == ("Fold", "Call")
    assert payoffs_at(g, "Kh", "Qs", "Check", "Bet", "Raise", "Fold") == (3, -3)
    # round two: bets of 4; a pair with the public card beats a higher card
    r2 = ("Kh", "Qs", "Bet", "Raise", "Call")  # stakes 5 each
    assert payoffs_at(g, *r2, "Qh", "Check", "Check") == (-5, 5)
    assert payoffs_at(g, *r2, "Jh", "Check", "Check") == (5, -5)
    assert payoffs_at(g, *r2, "Ks", "Bet", "Raise", "Call") == (13, -13)
    assert payoffs_at(g, *r2, "Jh", "Bet", "Raise", "Fold") == (-9, 9)
    assert payoffs_at(g, "Kh", "Ks", "Check", "Check", "Qh", "Bet", "Call") == (0, 0)  # equal ranks split
    assert g.node_actions(walk(g, "Kh", "Ks")) == ("Check", "Bet")
    assert g.infoset_name(int(g.node_infosets[walk(g, *r2, "Qh", "Check", "Bet")])) == "'P1 K Q: brc/kb'"


def test_leduc_against_pygambit_structure() -> None:
    g = leduc_poker()
    gg = to_gambit(g)
    assert len(gg.infosets) == g.n_infosets
    assert sum(1 for _ in gg.nodes) == g.n_nodes
    # the uniform profile's payoffs agree (pygambit's default behaviour profile is uniform)
    gbt = pytest.importorskip("pygambit")
    prof = gg.mixed_behavior_profile(rational=True)
    uniform = [[F(1, len(a))] * len(a) for a in g.infoset_actions]
    ours = behavior_payoffs(g, uniform, exact=True).tolist()
    assert ours == [prof.payoff("Player 1"), prof.payoff("Player 2")]
    assert ours[0] != 0 and isinstance(gbt.__version__, str)


def test_leduc_bad_input() -> None:
    with pytest.raises(TypeError, match="suits"):
        leduc_poker(suits="yes")  # type: ignore[arg-type]


def test_catalog_reexports() -> None:
    assert gt.catalog.kuhn_poker() == kuhn_poker()


# ----------------------------------------------------------------------------- chain store
@pytest.mark.parametrize("n", [1, 2, 3])
def test_chain_store_structure_and_spe(n: int) -> None:
    g = chain_store(n)
    assert g.n_nodes == 2 * 3**n - 1 and g.n_terminals == 3**n
    assert g.players == ("Incumbent", *(f"Entrant {k + 1}" for k in range(n)))
    assert g.is_perfect_information and g.has_perfect_recall and g.is_exact
    ((pay, path),) = spe_outcomes(g)  # unique
    assert path == ("In", "Accommodate") * n
    assert pay == (2 * n, *([2] * n))


def test_chain_store_payoffs_and_labels() -> None:
    g = chain_store(2)
    assert payoffs_at(g, "Out", "Out") == (10, 1, 1)
    assert payoffs_at(g, "In", "Fight", "Out") == (5, 0, 1)
    assert payoffs_at(g, "Out", "In", "Accommodate") == (7, 1, 2)
    node = walk(g, "In", "Fight", "In")
    assert g.infoset_name(int(g.node_infosets[node])) == "'Incumbent 2: F'"
    # the incredible threat: (Out, Fight) is a Nash equilibrium of the one-market game, not subgame perfect
    one = chain_store(1)
    assert behavior_regrets(one, {"Entrant 1: -": "Out", "Incumbent 1: -": "Fight"}, exact=True).tolist() == [0, 0]


def test_chain_store_spe_profile_has_zero_regret() -> None:
    g = chain_store(3)
    prof = {lab: ("In" if lab.startswith("Entrant") else "Accommodate") for lab in g.infoset_labels}
    assert behavior_regrets(g, prof, exact=True).tolist() == [0, 0, 0, 0]
    prof["Incumbent 3: AA"] = "Fight"  # fighting on the path costs the incumbent
    assert behavior_regrets(g, prof, exact=True)[0] > 0


def test_chain_store_bad_input() -> None:
    with pytest.raises(GameError, match="n must be an integer >= 1; got 0"):
        chain_store(0)
    with pytest.raises(GameError, match="<= 8; got 9"):
        chain_store(9)
    with pytest.raises(TypeError, match="n must be an integer"):
        chain_store(2.0)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- centipede
def test_centipede_structure_and_spe() -> None:
    g = centipede()
    assert (g.n_nodes, g.n_terminals, g.n_infosets) == (9, 5, 4)
    assert g.is_perfect_information
    assert spe_outcomes(g) == {((F(2, 5), F(1, 10)), ("Take",))}
    assert payoffs_at(g, "Pass", "Take") == (F(1, 5), F(4, 5))
    assert payoffs_at(g, "Pass", "Pass", "Pass", "Pass") == (F(32, 5), F(8, 5))
    assert [int(g.node_players[walk(g, *["Pass"] * k)]) for k in range(4)] == [0, 1, 0, 1]
    big = centipede(1000)
    assert big.n_nodes == 2001 and big.exact_terminal_payoffs()[-1, 1] == F(1, 10) * 2**1000
    for n in (1, 5, 12):
        assert {p for _, p in spe_outcomes(centipede(n))} == {("Take",)}


def test_centipede_matches_gambit_cent4_doubled() -> None:
    gbt = pytest.importorskip("pygambit")
    from pathlib import Path

    gg = gbt.read_efg(str(Path(__file__).parents[1] / "data" / "efg" / "cent4.efg"))
    theirs = sorted(gambit_terminals(gg).values())
    ours = sorted(tuple(2 * x for x in v) for v in our_terminals(centipede(4)).values())
    assert ours == theirs


def test_centipede_bad_input() -> None:
    with pytest.raises(GameError, match="<= 1000; got 1001"):
        centipede(1001)
    with pytest.raises(GameError, match=">= 1"):
        centipede(0)
    with pytest.raises(TypeError, match="n must be an integer"):
        centipede("4")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- ultimatum
def test_ultimatum_two_spe_outcomes() -> None:
    g = ultimatum()
    assert (g.n_nodes, g.n_infosets) == (34, 12) and g.is_perfect_information
    assert spe_outcomes(g) == {((10, 0), ("0", "Accept")), ((9, 1), ("1", "Accept"))}
    half = ultimatum(1, step="1/2")
    assert half.node_actions(0) == ("0", "1/2", "1")
    assert spe_outcomes(half) == {((1, 0), ("0", "Accept")), ((F(1, 2), F(1, 2)), ("1/2", "Accept"))}
    assert ultimatum(2.5, step=0.5).node_actions(0) == ("0", "1/2", "1", "3/2", "2", "5/2")
    assert ultimatum(F(3), step=F(3)).node_actions(0) == ("0", "3")


def test_ultimatum_equilibria_regret() -> None:
    g = ultimatum(4)
    accept_all = {f"offer {x}": "Accept" for x in range(5)}
    assert behavior_regrets(g, {"proposal": "0", **accept_all}, exact=True).tolist() == [0, 0]
    reject_zero = {**accept_all, "offer 0": "Reject"}
    assert behavior_regrets(g, {"proposal": "1", **reject_zero}, exact=True).tolist() == [0, 0]
    # a Nash equilibrium that is not subgame perfect: offer 2, threaten to reject less
    threat = {**accept_all, "offer 0": "Reject", "offer 1": "Reject"}
    assert behavior_regrets(g, {"proposal": "2", **threat}, exact=True).tolist() == [0, 0]
    assert spe_outcomes(g) == {((4, 0), ("0", "Accept")), ((3, 1), ("1", "Accept"))}


def test_ultimatum_bad_input() -> None:
    with pytest.raises(GameError, match="step 3 must divide pie 10"):
        ultimatum(10, step=3)
    with pytest.raises(GameError, match="pie must be > 0; got 0"):
        ultimatum(0)
    with pytest.raises(GameError, match="step must be > 0"):
        ultimatum(10, step=-1)
    with pytest.raises(GameError, match="10001 offers"):
        ultimatum(10_000)
    with pytest.raises(GameError, match="finite"):
        ultimatum(float("nan"))
    with pytest.raises(GameError, match="pie"):
        ultimatum("ten")
    with pytest.raises(TypeError, match="pie must be a number"):
        ultimatum(None)
    with pytest.raises(TypeError, match="step must be a number"):
        ultimatum(10, step=True)


# ----------------------------------------------------------------------------- Stackelberg
def test_stackelberg_commitment() -> None:
    g = stackelberg()
    assert g.is_perfect_information and (g.n_nodes, g.n_infosets) == (13, 4)
    assert spe_outcomes(g) == {((18, 9), ("6", "3"))}
    sim = stackelberg(simultaneous=True)
    assert not sim.is_perfect_information and sim.has_perfect_recall
    assert sim.infoset_labels == ("Leader", "Follower")
    nash = [p for p in pure_profiles(sim) if behavior_regrets(sim, list(p), exact=True).tolist() == [0, 0]]
    assert [(sim.infoset_actions[0][a], sim.infoset_actions[1][b]) for a, b in nash] == [("4", "4")]
    cournot = behavior_payoffs(sim, list(nash[0]), exact=True).tolist()
    assert cournot == [16, 16]
    ((commitment, _),) = spe_outcomes(g)
    assert commitment[0] > cournot[0] and commitment[1] < cournot[1]  # leading pays, following costs


def test_stackelberg_theory_on_other_grids() -> None:
    # a - c = 24: monopoly/leader 12, follower 6, Cournot 8
    g = stackelberg(quantities=(6, 8, 12), intercept=30, cost=6)
    assert spe_outcomes(g) == {((72, 36), ("12", "6"))}
    sim = stackelberg(simultaneous=True, quantities=(6, 8, 12), intercept=30, cost=6)
    assert behavior_regrets(sim, ["8", "8"], exact=True).tolist() == [0, 0]
    assert behavior_payoffs(sim, ["8", "8"], exact=True).tolist() == [64, 64]
    # the price never falls below zero
    flooded = stackelberg(quantities=(10, "15/2"), intercept=12)
    assert payoffs_at(flooded, "10", "10") == (0, 0)
    assert payoffs_at(flooded, "15/2", "10") == (0, 0)


def test_stackelberg_bad_input() -> None:
    with pytest.raises(GameError, match="distinct"):
        stackelberg(quantities=(1, 1))
    with pytest.raises(GameError, match="1 to 50 entries; got 0"):
        stackelberg(quantities=())
    with pytest.raises(GameError, match="1 to 50 entries; got 51"):
        stackelberg(quantities=range(51))  # type: ignore[arg-type]
    with pytest.raises(GameError, match=r"quantities\[1\] must be >= 0"):
        stackelberg(quantities=(1, -2))
    with pytest.raises(GameError, match="intercept must be > 0"):
        stackelberg(intercept=0)
    with pytest.raises(GameError, match="cost must be >= 0"):
        stackelberg(cost=-1)
    with pytest.raises(TypeError, match="quantities must be a sequence"):
        stackelberg(quantities="346")
    with pytest.raises(TypeError, match="simultaneous"):
        stackelberg(simultaneous=1)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- Selten's horse
def test_horse_is_gambits_selten_figure_1() -> None:
    gbt = pytest.importorskip("pygambit")
    from pathlib import Path

    gg = gbt.read_efg(str(Path(__file__).parents[1] / "data" / "efg" / "catalog_journals_ijgt_selten1975_fig1.efg"))
    g = seltens_horse()
    assert our_terminals(g) == gambit_terminals(gg)
    assert len(g.infoset_nodes(2)) == 2 and not g.is_perfect_information and g.has_perfect_recall


def test_horse_equilibria() -> None:
    g = seltens_horse()
    for b in get_tree("seltens_horse").answers["equilibria"]:
        assert behavior_regrets(g, dict(b), exact=True).tolist() == [0, 0, 0]
    # the edges of the two components
    assert behavior_regrets(g, {"P1": "R", "P2": "R", "P3": ["3/10", "7/10"]}, exact=True)[1] > 0
    assert behavior_regrets(g, {"P1": "L", "P2": ["3/10", "7/10"], "P3": "R"}, exact=True)[0] > 0
    # player 2's across move in the imperfect equilibrium is not a best reply once her node is reached
    assert behavior_regrets(g, {"P1": "R", "P2": "R", "P3": "R"}, exact=True)[1] > 0
    pure = [p for p in pure_profiles(g) if behavior_regrets(g, list(p), exact=True).tolist() == [0, 0, 0]]
    named = {tuple(g.infoset_actions[h][a] for h, a in enumerate(p)) for p in pure}
    assert named == {("R", "R", "L"), ("L", "R", "R")}


def test_horse_against_pygambit_agent_equilibria() -> None:
    gbt = pytest.importorskip("pygambit")
    g = seltens_horse()
    gg = to_gambit(g)
    res = gbt.nash.enumpure_agent_solve(gg)
    found = set()
    for eq in res.equilibria:
        ours = from_gambit_behavior(g, gg, eq)
        assert behavior_regrets(g, ours, exact=True).tolist() == [0, 0, 0]
        found.add(tuple(g.infoset_actions[h][list(ours[lab]).index(1)] for h, lab in enumerate(g.infoset_labels)))
    assert found == {("R", "R", "L"), ("L", "R", "R")}


# ----------------------------------------------------------------------------- beer-quiche
def test_beer_quiche_structure() -> None:
    g = beer_quiche()
    assert (g.n_nodes, g.n_terminals, g.n_infosets) == (15, 8, 4)
    assert g.chance_probabilities(0, exact=True) == (F(9, 10), F(1, 10))
    assert [len(g.infoset_nodes(h)) for h in range(4)] == [1, 1, 2, 2]
    assert payoffs_at(g, "Strong", "Beer", "Not") == (3, 1)
    assert payoffs_at(g, "Weak", "Quiche", "Duel") == (1, 1)
    assert payoffs_at(g, "Weak", "Beer", "Not") == (2, 0)


def test_beer_quiche_pooling_equilibria() -> None:
    g = beer_quiche()
    entry = get_tree("beer_quiche")
    beer, quiche = (dict(b) for b in entry.answers["equilibria"])
    assert behavior_payoffs(g, beer, exact=True).tolist() == list(entry.answers["pooling_payoffs"]["Beer"])
    assert behavior_payoffs(g, quiche, exact=True).tolist() == list(entry.answers["pooling_payoffs"]["Quiche"])
    for b, off in ((beer, "after Quiche"), (quiche, "after Beer")):
        assert behavior_regrets(g, b, exact=True).tolist() == [0, 0]
        # the off-path threat must be a duel with probability at least 1/2
        assert behavior_regrets(g, {**b, off: ["1/2", "1/2"]}, exact=True).tolist() == [0, 0]
        assert behavior_regrets(g, {**b, off: ["2/5", "3/5"]}, exact=True)[0] > 0
    # no separating equilibrium: each type alone on its breakfast invites a profitable deviation
    for strong, weak in (("Beer", "Quiche"), ("Quiche", "Beer")):
        for r_beer in ("Duel", "Not"):
            for r_quiche in ("Duel", "Not"):
                prof = {"Strong": strong, "Weak": weak, "after Beer": r_beer, "after Quiche": r_quiche}
                assert max(behavior_regrets(g, prof, exact=True)) > 0


def test_beer_quiche_intuitive_criterion() -> None:
    """Cho-Kreps: remove types for whom the off-path message is equilibrium-dominated, then re-test."""
    g = beer_quiche()
    entry = get_tree("beer_quiche")

    def type_payoff(kind: str, breakfast: str, response: str) -> F:
        return F(payoffs_at(g, kind, breakfast, response)[0])

    surviving = {}
    for path, off in (("Beer", "Quiche"), ("Quiche", "Beer")):
        eq = {kind: type_payoff(kind, path, "Not") for kind in ("Strong", "Weak")}
        best_off = {kind: max(type_payoff(kind, off, r) for r in ("Duel", "Not")) for kind in eq}
        plausible = [kind for kind in eq if best_off[kind] > eq[kind]]  # types that might gain from the deviation
        # the receiver's best reply to the deviation given only plausible types; does some plausible type gain?
        if plausible:
            reply = max(("Duel", "Not"), key=lambda r: sum(F(payoffs_at(g, k, off, r)[1]) for k in plausible))
            broken = any(type_payoff(k, off, reply) > eq[k] for k in plausible)
        else:
            broken = False
        surviving[path] = not broken
    assert surviving == {"Beer": True, "Quiche": False}
    assert entry.answers["intuitive_outcome"] == "Beer"


def test_beer_quiche_against_pygambit_lcp() -> None:
    gbt = pytest.importorskip("pygambit")
    g = beer_quiche()
    gg = to_gambit(g)
    res = gbt.nash.lcp_solve(gg, rational=True, use_strategic=False)
    assert len(res.equilibria) >= 1
    for eq in res.equilibria:
        ours = from_gambit_behavior(g, gg, eq)
        assert behavior_regrets(g, ours, exact=True).tolist() == [0, 0]
        assert ours["Strong"] == ours["Weak"]  # pooling


# ----------------------------------------------------------------------------- registry
def test_registry_names_and_errors() -> None:
    names = tree_names()
    assert names[:2] == ("entry_deterrence", "matching_pennies_tree")
    assert {"kuhn_poker", "leduc_poker", "chain_store", "centipede", "ultimatum", "stackelberg",
            "stackelberg_simultaneous", "seltens_horse", "beer_quiche"} <= set(names)
    with pytest.raises(GameError, match="unknown game tree 'poker'"):
        get_tree("poker")
    with pytest.raises(TypeError, match="name must be a string"):
        get_tree(3)  # type: ignore[arg-type]
    e = get_tree("kuhn_poker")
    assert isinstance(e, TreeCatalogEntry) and isinstance(e.answers, FrozenMapping)
    with pytest.raises(TypeError):
        e.answers["value"] = 0  # type: ignore[index]
    assert gt.catalog.get_tree is get_tree and gt.catalog.tree_entries is tree_entries


@pytest.mark.parametrize("entry", tree_entries(), ids=lambda e: e.name)
def test_registry_answers_hold(entry: TreeCatalogEntry) -> None:
    g, ans = entry.game, entry.answers
    assert (g.n_nodes, g.n_infosets) == (ans["n_nodes"], ans["n_infosets"])
    assert g.has_perfect_recall and g.is_exact and entry.source
    if "spe_outcomes" in ans:
        found = spe_outcomes(g)
        assert {p for _, p in found} == set(ans["spe_outcomes"])
        for path, pay in zip(ans["spe_outcomes"], ans["spe_payoffs"]):
            assert payoffs_at(g, *path) == tuple(pay)
    for b in ans.get("equilibria", ()):
        assert all(r == 0 for r in behavior_regrets(g, dict(b), exact=True).tolist())
        if "value" in ans:
            assert behavior_payoffs(g, dict(b), exact=True)[0] == ans["value"]
    if "value" in ans or "value_approx" in ans:
        assert g.is_zero_sum
