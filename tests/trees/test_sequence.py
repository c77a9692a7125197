"""The sequence form: constraints, realization plans, sequence-form payoffs (gametheory_af.trees.sequence)."""

from __future__ import annotations

import itertools
import pickle
from fractions import Fraction

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.trees import Chance, Decision, ExtensiveFormGame, Terminal
from gametheory_af.trees.catalog import kuhn_poker
from gametheory_af.trees.profiles import behavior_payoffs
from gametheory_af.trees.sequence import (
    SequenceForm,
    behavior_from_realization,
    chance_reach,
    realization_plan,
    sequence_form,
)


# ----------------------------------------------------------------------------- random trees
def random_tree(
    seed: int, *, n_players: int = 2, zero_sum: bool = False, exact: bool = True, max_depth: int = 4, scale=None, shift=None
) -> ExtensiveFormGame:
    """A random tree with perfect recall: decision nodes, chance nodes and simultaneous-move blocks
    (a mover followed by another player who does not see the move: one information set).
    With *scale* and *shift*, player i's payoffs are mapped to ``scale[i] * u + shift[i]`` (same tree)."""
    rng = np.random.default_rng(seed)
    names = [f"P{k + 1}" for k in range(n_players)]
    counter = itertools.count()

    def payoffs() -> tuple:
        u = raw()
        if scale is None:
            return u
        return tuple(scale[i] * u[i] + shift[i] for i in range(n_players))

    def raw() -> tuple:
        if zero_sum:
            a = int(rng.integers(-5, 6)) if exact else float(rng.normal())
            return (a, -a)
        if exact:
            return tuple(int(v) for v in rng.integers(-5, 6, size=n_players))
        return tuple(float(v) for v in rng.normal(size=n_players))

    def node(depth: int):
        if depth >= max_depth or (depth > 0 and rng.random() < 0.25):
            return Terminal(payoffs())
        r = rng.random()
        if r < 0.15:
            k = int(rng.integers(2, 4))
            w = rng.integers(1, 5, size=k)
            probs = [Fraction(int(v), int(w.sum())) for v in w] if exact else [float(v) / float(w.sum()) for v in w]
            return Chance([(f"c{j}", probs[j], node(depth + 1)) for j in range(k)])
        p = int(rng.integers(n_players))
        k = int(rng.integers(2, 4))
        if r < 0.45 and n_players > 1:
            q = (p + 1 + int(rng.integers(n_players - 1))) % n_players
            k2 = int(rng.integers(2, 4))
            label = f"s{next(counter)}"
            kids = [Decision(names[q], [(f"b{j}", node(depth + 2)) for j in range(k2)], infoset=label) for _ in range(k)]
            return Decision(names[p], [(f"a{j}", kids[j]) for j in range(k)])
        return Decision(names[p], [(f"a{j}", node(depth + 1)) for j in range(k)])

    root = node(0)
    if isinstance(root, (Terminal, Chance)):  # the core's node_sequences needs an information set (reported)
        root = Decision(names[0], [("a0", root), ("a1", Terminal(payoffs()))])
    return ExtensiveFormGame(root, players=names)


def random_behavior(game: ExtensiveFormGame, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    out = []
    for acts in game.infoset_actions:
        v = rng.random(len(acts))
        v[rng.random(len(acts)) < 0.3] = 0.0
        if v.sum() == 0:
            v[0] = 1.0
        out.append(v / v.sum())
    return out


def exact_random_behavior(game: ExtensiveFormGame, seed: int) -> list[list[Fraction]]:
    rng = np.random.default_rng(seed)
    out = []
    for acts in game.infoset_actions:
        w = [int(v) for v in rng.integers(0, 4, size=len(acts))]
        if sum(w) == 0:
            w[0] = 1
        out.append([Fraction(v, sum(w)) for v in w])
    return out


SEEDS = st.integers(0, 10**6)


# ----------------------------------------------------------------------------- known values
def test_matching_pennies_constraints_and_payoffs():
    sf = sequence_form(gt.catalog.matching_pennies_tree())
    assert [E.tolist() for E in sf.constraints] == [[[1, 0, 0], [-1, 1, 1]]] * 2
    assert [e.tolist() for e in sf.rhs] == [[1, 0], [1, 0]]
    A, B = sf.payoff_matrices()
    assert A.tolist() == [[0, 0, 0], [0, 1, -1], [0, -1, 1]]
    assert (B == -A).all()
    assert sf.exact and sf.n_sequences == (3, 3)


def test_kuhn_poker_sizes_and_chance_weights():
    g = kuhn_poker()
    sf = sequence_form(g)
    assert sf.n_sequences == (13, 13)
    assert [E.shape for E in sf.constraints] == [(7, 13), (7, 13)]
    A, B = sf.payoff_matrices()
    assert A.dtype == object  # multiples of 1/6
    assert sum(A.ravel().tolist(), Fraction(0)) == sum(Fraction(1, 6) * u for u in g.exact_terminal_payoffs()[:, 0].tolist())
    assert all(a + b == 0 for a, b in zip(A.ravel().tolist(), B.ravel().tolist()))


def test_parent_sequences_of_a_second_move():
    # Alice moves, Bob moves, Alice moves again at one of two information sets
    g = ExtensiveFormGame(
        Decision("A", {"L": Decision("B", {"l": Decision("A", {"x": (1, 0), "y": (0, 1)}), "r": (2, 2)}), "R": (3, 3)}),
    )
    sf = sequence_form(g)
    assert sf.parent_sequences[0].tolist() == [0, 1]
    assert sf.constraints[0].tolist() == [[1, 0, 0, 0, 0], [-1, 1, 1, 0, 0], [0, -1, 0, 1, 1]]
    assert sf.terminal_sequences.tolist() == [[2, 0], [1, 2], [3, 1], [4, 1]]


def test_chance_reach_float_and_exact():
    g = kuhn_poker()
    r_ex = chance_reach(g, exact=True)
    r_f = chance_reach(g)
    assert r_ex[g.terminals].tolist() == [Fraction(1, 6)] * g.n_terminals
    np.testing.assert_allclose(r_f, [float(v) for v in r_ex.tolist()])


def test_float_game_gives_float_sequence_form():
    g = random_tree(3, exact=False)
    sf = sequence_form(g)
    assert not sf.exact and sf.weighted_payoffs.dtype == np.float64
    assert sequence_form(kuhn_poker(), exact=False).weighted_payoffs.dtype == np.float64
    A, _ = sf.payoff_matrices()
    assert A.dtype == np.float64


def test_value_semantics_and_pickle():
    a = sequence_form(kuhn_poker())
    b = sequence_form(kuhn_poker())
    assert isinstance(a, SequenceForm) and a == b and hash(a) == hash(b)
    c = pickle.loads(pickle.dumps(a))
    assert c == a and not c.constraints[0].flags.writeable
    assert a != sequence_form(gt.catalog.matching_pennies_tree())


def test_sparse_matrices_equal_dense():
    sf = sequence_form(kuhn_poker())
    dense = sf.payoff_matrices()
    sparse = sf.payoff_matrices(sparse=True)
    for d, s in zip(dense, sparse):
        np.testing.assert_allclose(s.toarray(), np.array(d, dtype=float))
    g = random_tree(5, exact=False)
    d, _ = sequence_form(g).payoff_matrices()
    s, _ = sequence_form(g).payoff_matrices(sparse=True)
    np.testing.assert_allclose(s.toarray(), d)


def test_integer_payoff_matrices_are_int64():
    A, B = sequence_form(gt.catalog.entry_deterrence()).payoff_matrices()
    assert A.dtype == np.int64 and not A.flags.writeable


def test_realization_plan_entry_deterrence():
    g = gt.catalog.entry_deterrence()
    assert realization_plan(g, [[0.25, 0.75], "Fight"], 0).tolist() == [1.0, 0.25, 0.75]
    assert realization_plan(g, [[0.25, 0.75], "Fight"], "Incumbent").tolist() == [1.0, 1.0, 0.0]
    ex = realization_plan(g, [["1/4", "3/4"], "Fight"], 0, exact=True)
    assert ex.tolist() == [1, Fraction(1, 4), Fraction(3, 4)]


def test_uniform_convention_where_the_plan_excludes_the_information_set():
    g = ExtensiveFormGame(Decision("A", {"L": Decision("A", {"x": (1,), "y": (0,)}), "R": (3,)}))
    beh = behavior_from_realization(g, [[1, 0, 1, 0, 0]])
    assert [b.tolist() for b in beh] == [[0.0, 1.0], [0.5, 0.5]]
    beh = behavior_from_realization(g, [[1, 0, 1, 0, 0]], exact=True)
    assert [b.tolist() for b in beh] == [[0, 1], [Fraction(1, 2), Fraction(1, 2)]]
    assert not beh[0].flags.writeable


# ----------------------------------------------------------------------------- properties
@given(SEEDS)
def test_plans_satisfy_constraints_and_payoffs_match(seed):
    g = random_tree(seed)
    sf = sequence_form(g)
    beh = random_behavior(g, seed + 1)
    plans = [realization_plan(g, beh, i) for i in range(2)]
    for E, e, x in zip(sf.constraints, sf.rhs, plans):
        np.testing.assert_allclose(E @ x, e, atol=1e-12)
        assert (x >= 0).all()
    A, B = sf.payoff_matrices()
    A = np.array(A, dtype=float)
    B = np.array(B, dtype=float)
    want = behavior_payoffs(g, beh)
    np.testing.assert_allclose([plans[0] @ A @ plans[1], plans[0] @ B @ plans[1]], want, atol=1e-10)


@given(SEEDS)
def test_exact_payoffs_match_exactly(seed):
    g = random_tree(seed)
    beh = exact_random_behavior(g, seed)
    plans = [realization_plan(g, beh, i, exact=True) for i in range(2)]
    A, B = sequence_form(g).payoff_matrices()
    got = [plans[0].dot(A).dot(plans[1]), plans[0].dot(B).dot(plans[1])]
    assert got == behavior_payoffs(g, beh, exact=True).tolist()


@given(SEEDS)
def test_three_players_sparse_form(seed):
    g = random_tree(seed, n_players=3, max_depth=3)
    sf = sequence_form(g)
    beh = random_behavior(g, seed)
    plans = [realization_plan(g, beh, i) for i in range(3)]
    reach = np.prod([plans[i][sf.terminal_sequences[:, i]] for i in range(3)], axis=0)
    w = np.array(sf.weighted_payoffs, dtype=float)
    np.testing.assert_allclose(reach @ w, behavior_payoffs(g, beh), atol=1e-10)


@given(SEEDS)
def test_round_trip_behaviour_plan_behaviour(seed):
    g = random_tree(seed)
    beh = exact_random_behavior(g, seed)
    plans = [realization_plan(g, beh, i, exact=True) for i in range(2)]
    back = behavior_from_realization(g, plans, exact=True)
    # equal wherever the player's own plan reaches the information set
    for i in range(2):
        parent = g.infoset_sequences(i)
        for h in g.player_infosets(i).tolist():
            if plans[i][parent[h]] != 0:
                assert back[h].tolist() == list(beh[h])
    again = [realization_plan(g, back, i, exact=True) for i in range(2)]
    assert [p.tolist() for p in again] == [p.tolist() for p in plans]
    f_back = behavior_from_realization(g, [np.array([float(v) for v in p]) for p in plans])
    for a, b in zip(f_back, back):
        np.testing.assert_allclose(a, [float(v) for v in b], atol=1e-12)


def test_perfect_information_tree_builds():
    g = ExtensiveFormGame(Chance({"h": ("1/2", Decision("A", {"x": (1, 0), "y": (0, 1)})), "t": ("1/2", (2, 2))}), players=["A", "B"])
    sf = sequence_form(g)
    assert sf.n_sequences == (3, 1)
    assert sf.weighted_payoffs.tolist() == [[1, 1], [Fraction(1, 2), 0], [0, Fraction(1, 2)]]
