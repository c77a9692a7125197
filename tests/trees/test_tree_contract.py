"""The contract of every tree solver on every catalog tree: certified answers, the result type, value semantics.

Each solver that applies to a catalog tree must return a TreeEquilibriumResult whose equilibria
all carry a regret (computed in the tree) within the solver's tolerance; results pickle and
compare by value; and the catalog's stated answers (values, subgame-perfect outcomes) agree
with what the solvers find.
"""

from __future__ import annotations

import pickle
import warnings
from fractions import Fraction

import pytest

import gametheory_af as gt
from gametheory_af.trees import TreeEquilibriumResult

TOL = 1e-9
SMALL = [e.name for e in gt.catalog.tree_entries() if e.game.n_nodes <= 60]


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.GameWarning)
        return fn(*args, **kwargs)


def _check(res, game, attr="relative_regret"):
    assert isinstance(res, TreeEquilibriumResult)
    assert res.game == game
    for eq in res:
        assert len(eq.behavior) == game.n_infosets
        assert getattr(eq, attr) <= TOL
    assert pickle.loads(pickle.dumps(res)) == res


@pytest.mark.parametrize("name", SMALL)
def test_subgame_perfect_is_certified_and_matches_the_catalog(name):
    entry = gt.catalog.get_tree(name)
    res = _quiet(gt.subgame_perfect, entry.game)
    assert len(res) >= 1
    _check(res, entry.game)
    outcomes = entry.answers.get("spe_outcomes")
    if outcomes is not None and entry.game.is_perfect_information:
        # the terminal each SPE reaches, as the path of actions from the root
        from gametheory_af.trees.profiles import reach_probabilities

        found = set()
        for eq in res:
            reach = reach_probabilities(entry.game, eq.behavior)
            term = [int(t) for t in entry.game.terminals if reach[t] > 0.5]
            found.add(entry.game.path(term[0]))
        assert found == {tuple(o) for o in outcomes}


@pytest.mark.parametrize("name", SMALL)
def test_pure_agent_equilibria_contract(name):
    game = gt.catalog.get_tree(name).game
    res = _quiet(gt.pure_agent_equilibria, game)
    assert isinstance(res, TreeEquilibriumResult) and res.complete
    for eq, agent in zip(res, res.agent_regrets):
        assert eq.is_pure and agent <= TOL * 10
    # every pure SPE is an agent equilibrium
    spe = _quiet(gt.subgame_perfect, game)
    pure_spe = {eq.pure_actions for eq in spe if eq.is_pure}
    assert pure_spe <= {eq.pure_actions for eq in res}


@pytest.mark.parametrize("name", [n for n in SMALL if gt.catalog.get_tree(n).game.n_players == 2])
def test_sequence_form_lcp_contract(name):
    game = gt.catalog.get_tree(name).game
    res = _quiet(gt.sequence_form_lcp, game)
    assert len(res) == 1
    _check(res, game)


@pytest.mark.parametrize("name", [n for n in SMALL if gt.catalog.get_tree(n).game.is_zero_sum])
def test_sequence_form_lp_value_matches_the_catalog(name):
    entry = gt.catalog.get_tree(name)
    res = gt.sequence_form_lp(entry.game, exact=True)
    _check(res, entry.game)
    if "value" in entry.answers:
        assert res.exact_value == entry.answers["value"]


def test_leduc_value():
    entry = gt.catalog.get_tree("leduc_poker")
    res = gt.sequence_form_lp(entry.game)
    assert res.value == pytest.approx(float(entry.answers["value_approx"]), abs=1e-5)
    assert res.relative_regret <= 1e-7


def test_kuhn_value_is_minus_one_eighteenth():
    assert gt.sequence_form_lp(gt.catalog.kuhn_poker(), exact=True).exact_value == Fraction(-1, 18)


@pytest.mark.parametrize("name", ["entry_deterrence", "matching_pennies_tree", "centipede", "seltens_horse"])
def test_agent_logit_limit_is_certified(name):
    game = gt.catalog.get_tree(name).game
    res = _quiet(gt.agent_logit_qre, game)
    assert res.converged
    _check(res, game)


def test_large_zero_sum_subgames_are_solved_by_the_sequence_form_lp():
    """Leduc's reduced normal form has ~10^14 profiles: subgame_perfect must not build it."""
    entry = gt.catalog.get_tree("leduc_poker")
    res = _quiet(gt.subgame_perfect, entry.game)
    assert len(res) == 1 and not res.complete
    assert res[0].payoffs[0] == pytest.approx(float(entry.answers["value_approx"]), abs=1e-5)
    assert res.relative_regret <= 1e-7
    kuhn = _quiet(gt.subgame_perfect, gt.catalog.kuhn_poker(), exact=True)
    assert kuhn[0].exact is not None and kuhn[0].max_regret == 0


def test_n_strategies_counts_without_listing():
    from gametheory_af.trees.convert import n_strategies, strategy_plans

    for entry in gt.catalog.tree_entries():
        if entry.game.n_nodes > 60:
            continue
        for i in range(entry.game.n_players):
            assert n_strategies(entry.game, i) == len(strategy_plans(entry.game, i))
            assert n_strategies(entry.game, i, reduced=False) == len(strategy_plans(entry.game, i, reduced=False))
