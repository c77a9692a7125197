"""ParametricTree: expressions per terminal and chance edge, exact at(), vectorized batches, value semantics."""

from __future__ import annotations

import pickle
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

import gametheory_af as gt
from gametheory_af.trees import Chance, Decision, ExtensiveFormGame, Terminal
from gametheory_af.trees.parametric import ParametricTree


def entry(f="f"):
    return ParametricTree(
        Decision("Entrant", {"Out": (0, 2), "In": Decision("Incumbent", {"Fight": (-1, f), "Accommodate": (1, 1)})}),
        parameters=[gt.Parameter("f", -1, lower=-5, upper=5, description="incumbent's payoff from fighting")],
        title="Entry",
    )


def lottery():
    """A decision between a sure 1 and a lottery 3 with probability p (chance probabilities in p)."""
    return ParametricTree(
        Decision("A", {"Safe": (1, "c"), "Risky": Chance({"good": ("p", (3, 0)), "bad": ("1 - p", (0, "c"))})}),
        parameters=[gt.Parameter("p", "1/2", lower=0, upper=1), gt.Parameter("c", 0, lower=-1, upper=1)],
        players=["A", "B"],
    )


def test_structure_matches_from_tree_with_numbers():
    pt = entry()
    g = ExtensiveFormGame(
        Decision("Entrant", {"Out": (0, 2), "In": Decision("Incumbent", {"Fight": (-1, -1), "Accommodate": (1, 1)})}),
        title="Entry",
    )
    assert pt.at() == g  # defaults: f = -1
    assert pt.at().title == "Entry"
    np.testing.assert_array_equal(pt.structure.parents, g.parents)
    assert pt.players == ("Entrant", "Incumbent") and pt.n_nodes == 5 and pt.n_terminals == 3
    assert pt.payoff_expr(3, "Incumbent") == sp.Symbol("f", real=True)
    assert str(pt.payoffs[1, 1]) == "f" and pt.payoffs[0, 0] == 0
    assert not pt.has_parametric_chance and pt.parametric_chance_nodes == ()
    assert pt.defaults == {"f": -1} and list(pt.symbols) == ["f"] and pt.title == "Entry"
    assert "ParametricTree" in repr(pt)


def test_at_is_exact_for_rational_values_and_float_otherwise():
    pt = entry("f**2 - 1/3")
    g = pt.at(f=Fraction(1, 2))
    assert g.is_exact
    assert g.exact_terminal_payoffs()[1, 1] == Fraction(1, 4) - Fraction(1, 3)
    g2 = pt.at({"f": "1/2"})
    assert g2 == g
    gf = pt.at(f=0.5)
    assert not gf.is_exact
    assert gf.terminal_payoffs[1, 1] == pytest.approx(0.25 - 1 / 3)
    # an irrational payoff at a rational point gives a float game
    gs = entry("sqrt(2) * f").at(f=1)
    assert gs.terminal_payoffs[1, 1] == pytest.approx(2**0.5) and not gs.is_exact


def test_at_matches_payoffs_batch_at_many_points():
    pt = lottery()
    rng = np.random.default_rng(3)
    p = rng.uniform(0, 1, 20)
    c = rng.uniform(-1, 1, 20)
    pay, prob = pt.evaluate_batch({"p": p}, c=c)
    np.testing.assert_array_equal(pt.payoffs_batch(p=p, c=c), pay)
    np.testing.assert_array_equal(pt.probabilities_batch({"p": p, "c": c}), prob)
    for b in range(20):
        g = pt.at(p=float(p[b]), c=float(c[b]))
        np.testing.assert_allclose(g.terminal_payoffs, pay[b], rtol=0, atol=1e-15)
        np.testing.assert_allclose(g.edge_probabilities, prob[b], rtol=0, atol=1e-15)


def test_parametric_chance_probabilities_exact():
    pt = lottery()
    assert pt.has_parametric_chance and pt.parametric_chance_nodes == (2,)
    assert pt.chance_edges.tolist() == [3, 4]
    assert [str(e) for e in pt.probabilities] == ["p", "1 - p"]
    g = pt.at(p="1/3", c=1)
    assert g.is_exact and g.chance_probabilities(2, exact=True) == (Fraction(1, 3), Fraction(2, 3))
    # the structure carries uniform placeholders where probabilities vary
    assert pt.structure.chance_probabilities(2, exact=True) == (Fraction(1, 2), Fraction(1, 2))


def test_constant_chance_probabilities_are_kept_in_the_structure():
    pt = ParametricTree(
        Chance({"H": ("1/3", ("x",)), "T": ("2/3", (1,))}), parameters=[gt.Parameter("x", 0, lower=-1, upper=1)]
    )
    assert not pt.has_parametric_chance
    assert pt.structure.chance_probabilities(0, exact=True) == (Fraction(1, 3), Fraction(2, 3))
    assert pt.at(x=1).chance_probabilities(0, exact=True) == (Fraction(1, 3), Fraction(2, 3))
    # float constants: kept as floats
    pf = ParametricTree(Chance({"H": (0.25, ("x",)), "T": (0.75, (1,))}), parameters={"x": 0})
    assert pf.structure.chance_probabilities(0) == (0.25, 0.75)
    assert pf.at(x=1).chance_probabilities(0) == (0.25, 0.75)


def test_sympy_expressions_and_plain_symbols_unify():
    x = sp.Symbol("x")  # declared without assumptions by the caller
    pt = ParametricTree(Decision("A", {"a": Terminal((x + 1, 2 * x)), "b": (0, 0)}), parameters={"x": 1}, players=["A", "B"])
    assert pt.payoffs[0, 0].free_symbols == {pt.symbols["x"]}
    assert pt.at(x=2).exact_terminal_payoffs()[0].tolist() == [3, 4]


def test_terminal_labels_infosets_and_numpy_terminals_survive():
    pt = ParametricTree(
        Decision("A", {"a": Terminal(("x", 0), label="left"), "b": np.array([1, 2])}, label="start"),
        parameters={"x": 0}, players=["A", "B"],
    )
    g = pt.at(x=3)
    assert g.node_label(1) == "left" and g.node_label(0) == "start"
    assert g.exact_terminal_payoffs().tolist() == [[3, 0], [1, 2]]


def test_imperfect_information_structure_is_kept():
    def p2(a, b):
        return Decision("P2", {"H": (a, "-" + a if isinstance(a, str) else -a), "T": (b, -b)}, infoset="h2")

    pt = ParametricTree(Decision("P1", {"H": p2("s", 1), "T": p2(-1, 1)}, infoset="h1"), parameters={"s": 1})
    assert not pt.structure.is_perfect_information
    assert pt.at(s=1) == gt.catalog.matching_pennies_tree().__class__(
        Decision("P1", {"H": Decision("P2", {"H": (1, -1), "T": (1, -1)}, infoset="h2"),
                        "T": Decision("P2", {"H": (-1, 1), "T": (1, -1)}, infoset="h2")}, infoset="h1")
    )


def test_substitute_fixes_parameters_exactly():
    pt = lottery().substitute(p="1/4")
    assert sorted(pt.parameters) == ["c"] and not pt.has_parametric_chance
    assert pt.at(c=1) == lottery().at(p="1/4", c=1)
    both = lottery().substitute(c=0)
    assert both.has_parametric_chance and both.at(p="1/2") == lottery().at(p="1/2", c=0)


def test_value_semantics_eq_hash_pickle_immutability():
    a, b = entry(), entry()
    assert a == b and hash(a) == hash(b)
    assert entry("f + 0") == a
    assert entry("2*f - f") == a
    assert entry("f + 1") != a
    assert a != lottery() and a != "tree"
    c = pickle.loads(pickle.dumps(a))
    assert c == a and hash(c) == hash(a)
    assert c.payoffs_batch(f=[2.0])[0, 1, 1] == 2.0
    with pytest.raises(AttributeError, match="immutable"):
        a._payoffs = None  # noqa: SLF001
    with pytest.raises(ValueError):
        a.payoffs[0, 0] = 1
    lt = pickle.loads(pickle.dumps(lottery()))
    assert lt == lottery() and lt.at(p="1/3") == lottery().at(p="1/3")


def test_batch_broadcasts_scalars_and_defaults():
    pt = lottery()
    u = pt.payoffs_batch(p=[0.1, 0.2, 0.3], c=0.5)
    assert u.shape == (3, 3, 2) and (u[:, 0, 1] == 0.5).all()
    u1 = pt.payoffs_batch()
    assert u1.shape == (1, 3, 2)


def test_no_eval_in_the_module_source():
    """Like _expr and parametric: no call in the module can evaluate text."""
    import ast
    import inspect

    from gametheory_af.sensitivity import trees as sens_trees
    from gametheory_af.trees import parametric

    banned = {"eval", "exec", "compile", "sympify", "parse_expr", "__import__"}
    for module in (parametric, sens_trees):
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
                assert name not in banned, (module.__name__, name, node.lineno)
