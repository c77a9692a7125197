"""The catalog of game trees: structure, the literature's answers, and pygambit cross-checks."""

from __future__ import annotations

import io
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.exceptions import GameError
from gametheory_af.trees.catalog import kuhn_poker, leduc_poker
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
