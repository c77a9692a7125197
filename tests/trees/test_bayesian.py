"""BayesianGame: the data model, the Harsanyi tree, the ex-ante and agent forms, posteriors, signalling trees."""

from __future__ import annotations

import itertools
import pickle
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af.trees.bayesian import BayesianGame, posterior, signaling_game
from gametheory_af.trees.profiles import behavior_payoffs, beliefs

HALF = F(1, 2)
U1 = [[[2, 0], [0, 1]], [[2, 0], [0, 1]]]
U2 = [[[1, 0], [0, 2]], [[0, 2], [1, 0]]]


def osborne() -> BayesianGame:
    """Osborne (2004), Example 273.2: BoS where player 2 wishes to meet or to avoid player 1."""
    return BayesianGame(
        [[HALF, HALF]],
        [[U1], [U2]],
        players=["P1", "P2"],
        types=[["one"], ["meet", "avoid"]],
        actions=[["B", "S"], ["B", "S"]],
    )


def two_sided() -> BayesianGame:
    """Two players with two types each, correlated prior, interdependent payoffs (exact)."""
    prior = [[F(1, 4), F(1, 8)], [F(1, 8), F(1, 2)]]
    rng = np.random.default_rng(3)
    u = rng.integers(-3, 4, size=(2, 2, 2, 2, 3)).tolist()
    return BayesianGame(prior, u, types=[["lo", "hi"], ["x", "y"]])


# ----------------------------------------------------------------------------- construction
def test_osborne_game_facts() -> None:
    g = osborne()
    assert g.players == ("P1", "P2")
    assert g.types == (("one",), ("meet", "avoid"))
    assert g.actions == (("B", "S"), ("B", "S"))
    assert g.type_shape == (1, 2) and g.action_shape == (2, 2) and g.n_players == 2
    assert g.is_exact
    assert g.exact_prior().tolist() == [[HALF, HALF]]
    assert g.exact_payoffs()[1, 0, 1].tolist() == [[0, 2], [1, 0]]
    assert g.prior.flags.writeable is False and g.payoffs.flags.writeable is False
    assert "BayesianGame" in repr(g) and "exact" in repr(g)
    assert g.player_index("P2") == 1 and g.player_index(0) == 0
    assert g.type_index("P2", "avoid") == 1 and g.type_index(1, 0) == 0


def test_default_names_and_float_prior() -> None:
    g = BayesianGame(np.array([0.3, 0.7]), np.zeros((1, 2, 3)))
    assert g.players == ("Player 1",) and g.types == (("t1", "t2"),) and g.actions == (("a1", "a2", "a3"),)
    assert not g.is_exact
    assert g.exact_prior().tolist() == [F(3, 10), F(7, 10)]
    assert g.exact_payoffs().shape == (1, 2, 3)


def test_value_semantics_and_pickle() -> None:
    g = osborne()
    h = osborne()
    assert g == h and hash(g) == hash(h)
    back = pickle.loads(pickle.dumps(g))
    assert back == g and back.is_exact and back.payoffs.flags.writeable is False
    other = BayesianGame([[HALF, HALF]], [[U1], [U1]], players=["P1", "P2"], types=[["one"], ["meet", "avoid"]], actions=[["B", "S"], ["B", "S"]])
    assert g != other
    assert (g == 3) is False
    # same floats, different exact prior
    a = BayesianGame([F(1, 3), F(2, 3)], np.zeros((1, 2, 1)))
    b = BayesianGame([F(1, 3), F(2, 3)], np.zeros((1, 2, 1)))
    assert a == b
    # equal floats, different exact priors
    c = BayesianGame([F(1, 3), F(2, 3)], np.zeros((1, 2, 1)))
    d = BayesianGame([F(333333333333333333, 10**18), 1 - F(333333333333333333, 10**18)], np.zeros((1, 2, 1)))
    assert c.prior.tobytes() == d.prior.tobytes() and c != d
    f = BayesianGame(np.array([1 / 3, 2 / 3]), np.zeros((1, 2, 1)))
    assert pickle.loads(pickle.dumps(f)) == f


def test_nan_payoffs_allowed_at_zero_prior_profiles() -> None:
    u = np.ones((1, 2, 2))
    u[0, 1, :] = np.nan
    g = BayesianGame([1.0, 0.0], u)
    assert g.payoffs[0, 1].tolist() == [0.0, 0.0]
    # object arrays with NaN too
    g2 = BayesianGame([1, 0], [[[1, 2], [float("nan"), float("nan")]]])
    assert g2.payoffs[0, 1].tolist() == [0.0, 0.0] and not g2.is_exact
    g3 = BayesianGame([1, 0], [[[F(1, 3), 2], [float("nan"), 1]]])
    assert g3.payoffs[0, 1].tolist() == [0.0, 1.0] and not g3.is_exact


def test_independent_prior_is_the_product() -> None:
    g = BayesianGame.independent([[F(1, 3), F(2, 3)], [F(1, 4), F(3, 4)]], np.zeros((2, 2, 2, 1, 1)))
    assert g.exact_prior().tolist() == [[F(1, 12), F(1, 4)], [F(1, 6), F(1, 2)]]
    gf = BayesianGame.independent([[0.2, 0.8], [0.5, 0.5]], np.zeros((2, 2, 2, 1, 1)), types=[["a", "b"], ["c", "d"]])
    np.testing.assert_allclose(gf.prior, [[0.1, 0.1], [0.4, 0.4]])
    assert not gf.is_exact
    # posterior of an independent prior is the other's marginal
    assert posterior(gf, 0, "b").tolist() == pytest.approx([0.5, 0.5])
    assert posterior(g, 1, 0, exact=True).tolist() == [F(1, 3), F(2, 3)]


def test_from_function_matches_the_array() -> None:
    g = osborne()

    def pay(types: tuple[str, ...], acts: tuple[str, ...]) -> list[int]:
        t = g.types[1].index(types[1])
        a = (g.actions[0].index(acts[0]), g.actions[1].index(acts[1]))
        return [U1[t][a[0]][a[1]], U2[t][a[0]][a[1]]]

    h = BayesianGame.from_function([[HALF, HALF]], pay, types=g.types, actions=g.actions, players=g.players)
    assert h == g and h.is_exact


def test_from_function_skips_zero_prior_profiles() -> None:
    calls = []

    def pay(types: tuple[str, ...], acts: tuple[str, ...]) -> tuple[int]:
        calls.append(types)
        return (1,)

    g = BayesianGame.from_function([1, 0], pay, types=[["a", "b"]], actions=[["x"]])
    assert set(calls) == {("a",)}
    assert g.payoffs.tolist() == [[[1.0], [0.0]]]


def test_from_games() -> None:
    pd, sh = gt.catalog.prisoners_dilemma(), gt.catalog.stag_hunt()
    g = BayesianGame.from_games([[HALF, HALF]], {("t1", "t1"): pd, (0, 1): sh}, types=None)
    assert g.players == pd.players and g.actions == pd.strategies
    np.testing.assert_array_equal(g.payoffs[:, 0, 0], pd.payoffs)
    np.testing.assert_array_equal(g.payoffs[:, 0, 1], sh.payoffs)
    # a zero-prior profile needs no game
    g0 = BayesianGame.from_games([[1, 0]], {("a", "x"): pd}, types=[["a"], ["x", "y"]])
    assert g0.payoffs[:, 0, 1].tolist() == np.zeros((2, 2, 2)).tolist()
    # float games give a float Bayesian game
    fg = gt.NormalFormGame(pd.payoffs * 0.5)
    g1 = BayesianGame.from_games([1.0], {("t1",): gt.NormalFormGame(np.array([[0.5, 1.5]]))})
    assert not g1.is_exact and fg.shape == (2, 2)


def test_marginal() -> None:
    g = two_sided()
    assert g.marginal(0, exact=True).tolist() == [F(3, 8), F(5, 8)]
    assert g.marginal("Player 2").tolist() == pytest.approx([3 / 8, 5 / 8])
    one = BayesianGame([0.25, 0.75], np.zeros((1, 2, 1)))
    assert one.marginal(0).tolist() == [0.25, 0.75]


# ----------------------------------------------------------------------------- posteriors
def test_posterior_correlated_prior() -> None:
    g = two_sided()
    assert posterior(g, 0, "lo", exact=True).tolist() == [F(2, 3), F(1, 3)]
    assert posterior(g, 1, "y", exact=True).tolist() == [F(1, 5), F(4, 5)]
    assert g.posterior(0, 1).tolist() == pytest.approx([0.2, 0.8])


def test_posterior_of_a_zero_type_is_refused() -> None:
    g = BayesianGame([[0.5, 0.0], [0.5, 0.0]], np.zeros((2, 2, 2, 1, 1)), types=[["a", "b"], ["c", "d"]])
    with pytest.raises(gt.GameError, match="'d' of player 'Player 2' has prior probability 0"):
        posterior(g, 1, "d")


def test_posteriors_equal_tree_beliefs() -> None:
    """A player's belief at her information set in the Harsanyi tree is her posterior (for any profile)."""
    g = two_sided()
    t = g.to_tree()
    b = beliefs(t, [[F(1, len(a))] * len(a) for a in t.infoset_actions], exact=True)
    for h, label in enumerate(t.infoset_labels):
        player, typ = label.split(": ")
        i = g.player_index(player)
        post = posterior(g, i, typ, exact=True)
        # nodes of the set, in breadth-first order, are the type profiles with this type, others' types varying
        nodes = t.infoset_nodes(h)
        by_prior: dict[str, F] = {}
        for node, mu in zip(nodes.tolist(), b[h].tolist()):
            other = t.path(node)[0].split(", ")[1 - i]
            by_prior[other] = by_prior.get(other, F(0)) + mu
        assert [by_prior[o] for o in g.types[1 - i]] == post.tolist()


# ----------------------------------------------------------------------------- Harsanyi tree
def test_to_tree_structure() -> None:
    g = osborne()
    t = g.to_tree()
    assert t.players == g.players
    assert t.infoset_labels == ("P1: one", "P2: meet", "P2: avoid")
    assert t.chance_probabilities(0, exact=True) == (HALF, HALF)
    assert t.node_actions(0) == ("one, meet", "one, avoid")
    assert t.n_terminals == 8 and t.is_exact and t.has_perfect_recall


def test_to_tree_drops_zero_prior_profiles() -> None:
    g = BayesianGame([[F(1, 2), 0], [0, F(1, 2)]], np.ones((2, 2, 2, 2, 2), dtype=np.int64), types=[["a", "b"], ["c", "d"]])
    t = g.to_tree()
    assert t.node_actions(0) == ("a, c", "b, d")
    assert t.n_terminals == 8
    assert set(t.infoset_labels) == {"Player 1: a", "Player 1: b", "Player 2: c", "Player 2: d"}


def test_to_tree_float_game() -> None:
    g = BayesianGame(np.array([0.25, 0.75]), np.array([[[1.5, 0.0], [0.0, 1.0]]]))
    t = g.to_tree()
    assert not t.is_exact
    assert t.chance_probabilities(0) == (0.25, 0.75)


def test_normal_form_names_and_payoffs() -> None:
    g = osborne()
    nf = g.to_normal_form()
    assert nf.strategies == (("B", "S"), ("meet:B/avoid:B", "meet:B/avoid:S", "meet:S/avoid:B", "meet:S/avoid:S"))
    assert nf.is_exact
    # P1 plays B, P2's types play B and S: P1 gets (2 + 0)/2, P2 gets (1 + 2)/2
    assert nf.exact_payoffs()[:, 0, 1].tolist() == [1, F(3, 2)]


def _pure_behavior(g: BayesianGame, plan: tuple[tuple[int, ...], ...], t: gt.ExtensiveFormGame) -> dict[str, str]:
    out = {}
    for label in t.infoset_labels:
        player, typ = label.split(": ")
        i = g.player_index(player)
        out[label] = g.actions[i][plan[i][g.type_index(i, typ)]]
    return out


def test_normal_form_equals_tree_payoffs_for_every_plan() -> None:
    g = two_sided()
    t = g.to_tree()
    nf = g.to_normal_form()
    plans = [list(itertools.product(range(a), repeat=k)) for a, k in zip(g.action_shape, g.type_shape)]
    u = nf.exact_payoffs()
    for r0, p0 in enumerate(plans[0]):
        for r1, p1 in enumerate(plans[1]):
            got = behavior_payoffs(t, _pure_behavior(g, (p0, p1), t), exact=True)
            assert got.tolist() == u[:, r0, r1].tolist()
            assert nf.strategies[0][r0] == "/".join(f"{g.types[0][k]}:{g.actions[0][a]}" for k, a in enumerate(p0))


def test_agent_form_payoffs_are_interim() -> None:
    g = osborne()
    a = g.to_agent_form()
    assert a.players == ("P1: one", "P2: meet", "P2: avoid")
    assert a.strategies == (("B", "S"),) * 3
    u = a.exact_payoffs()
    # agent P1 playing B against meet->B, avoid->S: (2 + 0)/2
    assert u[0, 0, 0, 1] == 1
    # agent "P2: meet" depends only on P1 and itself: interim = full conditional
    assert u[1, 0, 0, 0] == 1 and u[1, 0, 0, 1] == 1 and u[1, 1, 1, 0] == 2
    assert g.agents() == ((0, 0), (1, 0), (1, 1))


def test_agent_form_zero_type_gets_zero_payoffs() -> None:
    g = BayesianGame([[0.5, 0.0], [0.5, 0.0]], np.ones((2, 2, 2, 2, 2)), types=[["a", "b"], ["c", "d"]])
    a = g.to_agent_form()
    assert a.players[3] == "Player 2: d"
    assert np.all(a.payoffs[3] == 0) and np.all(a.payoffs[0] == 1)


def test_strategy_names_single_type() -> None:
    g = osborne()
    assert g.strategy_names("P1") == ("B", "S")
    assert g.strategy_names(1)[1] == "meet:B/avoid:S"


def test_limits_are_checked_before_allocating() -> None:
    g = BayesianGame([[0.5, 0.5]], np.zeros((2, 1, 2, 3, 3)))
    with gt.limits(max_entries=10):
        with pytest.raises(gt.GameError, match="strategic-form payoff entries"):
            g.to_normal_form()
        with pytest.raises(gt.GameError, match="agent-form payoff entries"):
            g.to_agent_form()
        with pytest.raises(gt.GameError, match="tree nodes"):
            g.to_tree()


# ----------------------------------------------------------------------------- property: ex-ante form = tree
@st.composite
def small_bayesian(draw: st.DrawFn) -> BayesianGame:
    n = draw(st.integers(1, 2))
    tshape = tuple(draw(st.integers(1, 2)) for _ in range(n))
    ashape = tuple(draw(st.integers(1, 2)) for _ in range(n))
    weights = draw(st.lists(st.integers(0, 3), min_size=int(np.prod(tshape)), max_size=int(np.prod(tshape))))
    if sum(weights) == 0:
        weights[0] = 1
    total = sum(weights)
    prior = np.array([F(w, total) for w in weights], dtype=object).reshape(tshape)
    size = n * int(np.prod(tshape)) * int(np.prod(ashape))
    u = draw(st.lists(st.integers(-5, 5), min_size=size, max_size=size))
    pay = np.array([F(x) for x in u], dtype=object).reshape((n, *tshape, *ashape))
    return BayesianGame(prior, pay)


@given(small_bayesian())
def test_ex_ante_form_matches_tree_and_agent_form(g: BayesianGame) -> None:
    t = g.to_tree()
    nf = g.to_normal_form()
    u = nf.exact_payoffs()
    a = g.to_agent_form().exact_payoffs()
    plans = [list(itertools.product(range(a), repeat=k)) for a, k in zip(g.action_shape, g.type_shape)]
    for idx in itertools.product(*(range(len(p)) for p in plans)):
        plan = tuple(plans[i][r] for i, r in enumerate(idx))
        got = behavior_payoffs(t, _pure_behavior(g, plan, t), exact=True)
        assert got.tolist() == u[(slice(None), *idx)].tolist()
        # ex-ante payoff = sum over types of marginal x agent (interim) payoff
        acts = tuple(plan[i][k] for i, k in g.agents())
        for i in range(g.n_players):
            marg = g.marginal(i, exact=True)
            agents = [j for j, (p, _) in enumerate(g.agents()) if p == i]
            assert sum(marg[g.agents()[j][1]] * a[(j, *acts)] for j in agents) == got[i]


# ----------------------------------------------------------------------------- signalling games
def beer_quiche() -> gt.ExtensiveFormGame:
    us = [[[1, 3], [0, 2]], [[0, 2], [1, 3]]]
    ur = [[[0, 1], [0, 1]], [[1, 0], [1, 0]]]
    return signaling_game([F(9, 10), F(1, 10)], us, ur, types=["strong", "weak"], messages=["beer", "quiche"], actions=["duel", "not"])


def test_signaling_game_structure() -> None:
    g = beer_quiche()
    assert g.players == ("Sender", "Receiver")
    assert g.infoset_labels == ("Sender: strong", "Sender: weak", "Receiver: beer", "Receiver: quiche")
    assert g.is_exact and g.has_perfect_recall
    # the receiver's information set after a message holds one node per type, in type order
    for h in (2, 3):
        nodes = g.infoset_nodes(h)
        assert [g.path(int(x))[0] for x in nodes] == ["strong", "weak"]
    assert g.chance_probabilities(0, exact=True) == (F(9, 10), F(1, 10))


def test_signaling_game_float_and_defaults() -> None:
    g = signaling_game([0.5, 0.5], np.zeros((2, 1, 2)), np.ones((2, 1, 2)), players=("S", "R"), title="t")
    assert g.players == ("S", "R") and g.title == "t"
    assert g.infoset_labels == ("S: t1", "S: t2", "R: m1")
    assert not g.is_exact
