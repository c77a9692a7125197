"""Bad input to ParametricTree, spe_thresholds and spe_sweep: GameErrors naming the parameter, node or point."""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.sensitivity import grid
from gametheory_af.sensitivity.trees import spe_sweep, spe_thresholds
from gametheory_af.trees import Chance, Decision
from gametheory_af.trees.parametric import ParametricTree

F = [gt.Parameter("f", -1, lower=-5, upper=5)]


def entry(f="f", params=F):
    return ParametricTree(
        Decision("Entrant", {"Out": (0, 2), "In": Decision("Incumbent", {"Fight": (-1, f), "Accommodate": (1, 1)})}),
        parameters=params,
    )


def coin(p="p", q="1 - p"):
    return ParametricTree(
        Decision("A", {"Safe": (1,), "Risky": Chance({"good": (p, (3,)), "bad": (q, (0,))})}),
        parameters=[gt.Parameter("p", "1/2", lower=-1, upper=2)],
    )


# ---------------------------------------------------------------------------- construction
def test_undeclared_parameter_is_named_with_the_node():
    with pytest.raises(gt.GameError, match=r"payoff of 'Incumbent' at node In/Fight .*unknown name 'g'"):
        entry("g")
    import sympy as sp

    with pytest.raises(gt.GameError, match=r"payoff of 'Incumbent' at node In/Fight uses undeclared parameter\(s\) \['g'\]"):
        entry(sp.Symbol("g"))


def test_unsafe_text_is_refused_by_the_parser():
    with pytest.raises(gt.GameError, match="not an accepted expression"):
        entry("__import__('os').system('true')")


def test_probabilities_that_do_not_sum_to_one_identically():
    with pytest.raises(gt.GameError, match=r"chance probabilities at node Risky sum to p \+ 1/2.*not 1 for every"):
        coin(q="1/2")


def test_constant_probabilities_checked():
    with pytest.raises(gt.GameError, match=r"node Risky sum to 3/4, not 1"):
        coin(p="1/4", q="1/2")
    with pytest.raises(gt.GameError, match=r"'good' at node Risky is -1/2; probabilities must be >= 0"):
        coin(p="-1/2", q="3/2")
    with pytest.raises(gt.GameError, match=r"node Risky sum to 0.75, not 1"):
        coin(p=0.25, q=0.5)


def test_non_finite_constant_payoff():
    with pytest.raises(gt.GameError, match=r"payoff of 'Incumbent' at node In/Fight must be real and finite"):
        entry(float("inf"))


def test_bad_structure_is_reported_by_from_tree():
    with pytest.raises(gt.GameError, match="has no payoffs"):
        ParametricTree(Decision("A", {"x": None}), parameters={"c": 0})
    with pytest.raises(TypeError, match="must be a Decision, a Chance, a Terminal"):
        ParametricTree(Decision("A", {"x": object()}), parameters={"c": 0})
    with pytest.raises(gt.GameError, match="has 1 payoffs"):
        ParametricTree(Decision("A", {"x": ("c",), "y": (1, 2)}), parameters={"c": 0}, players=["A", "B"])
    loop = Decision("A", {"x": (1,)})
    object.__setattr__(loop, "actions", (("x", loop),))
    with pytest.raises(gt.GameError, match="cycle"):
        ParametricTree(loop, parameters={"c": 0})


def test_bad_parameters():
    with pytest.raises(gt.GameError, match="duplicate parameter name 'f'"):
        entry(params=[gt.Parameter("f", 0), gt.Parameter("f", 1)])
    with pytest.raises(TypeError, match="must be a number, a sympy expression or an expression string"):
        entry(True)


# ---------------------------------------------------------------------------- evaluation
def test_unknown_and_out_of_bounds_values():
    pt = entry()
    with pytest.raises(gt.GameError, match=r"at: unknown parameter\(s\) \['g'\]; parameters are \['f'\]"):
        pt.at(g=1)
    with pytest.raises(gt.GameError, match=r"at: parameter 'f': value 7 is above its upper bound 5"):
        pt.at(f=7)
    with pytest.raises(gt.GameError, match=r"payoffs_batch: unknown parameter 'g'"):
        pt.payoffs_batch(g=[1.0])
    with pytest.raises(gt.GameError, match=r"payoffs_batch: parameter 'f': value .*-6\.0\)? is below its lower bound -5"):
        pt.payoffs_batch(f=[0.0, -6.0])
    with pytest.raises(gt.GameError, match="must be numbers, not text"):
        pt.payoffs_batch(f=["1"])
    with pytest.raises(gt.GameError, match="given twice"):
        pt.payoffs_batch({"f": [1.0]}, f=[2.0])
    with pytest.raises(TypeError, match="points must be a mapping"):
        pt.payoffs_batch([1.0])
    with pytest.raises(TypeError, match="the point must be a mapping"):
        pt.resolve([("f", 1)])


def test_negative_probability_at_a_point_names_node_and_point():
    pt = coin()
    with pytest.raises(gt.GameError, match=r"at: chance probability 'bad' at node Risky is -1 at \{'p': 2\}"):
        pt.at(p=2)
    with pytest.raises(gt.GameError, match=r"chance probability 'good' at node Risky is -0.5 at point 1 \{'p': -0.5\}"):
        pt.probabilities_batch(p=[0.5, -0.5])
    with pytest.raises(gt.GameError, match=r"at: chance probability 'good' at node Risky is -0.5"):
        pt.at(p=-0.5)


def test_non_finite_payoff_at_a_point():
    pt = entry("1/f")
    with pytest.raises(gt.GameError, match=r"at: the payoff of 'Incumbent' at node In/Fight = 1/f is zoo at \{'f': 0\}"):
        pt.at(f=0)
    with pytest.raises(gt.GameError, match=r"payoffs_batch: the payoff of 'Incumbent' at node In/Fight = 1/f is not finite at point 0"):
        pt.payoffs_batch(f=[0.0])


# ---------------------------------------------------------------------------- sensitivity
def test_thresholds_bad_arguments():
    pt = entry()
    with pytest.raises(TypeError, match="ptree must be a ParametricTree"):
        spe_thresholds(gt.catalog.entry_deterrence(), "f")
    with pytest.raises(gt.GameError, match=r"unknown parameter 'g'; parameters are \['f'\]"):
        spe_thresholds(pt, "g")
    with pytest.raises(gt.GameError, match="is varied, so it cannot also be in at"):
        spe_thresholds(pt, "f", at={"f": 1})
    with pytest.raises(TypeError, match="at must be a mapping"):
        spe_thresholds(pt, "f", at=[1])
    with pytest.raises(gt.GameError, match=r"spe_thresholds: parameter 'f': hi 9 is above its upper bound 5"):
        spe_thresholds(pt, "f", hi=9)
    with pytest.raises(gt.GameError, match=r"must have lo < hi; got \(2, 1\)"):
        spe_thresholds(pt, "f", lo=2, hi=1)
    two = ParametricTree(Decision("A", {"x": ("a", 0), "y": ("b", 1)}), players=["A", "B"],
                         parameters=[gt.Parameter("a", 0), gt.Parameter("b", 0, lower=0, upper=1)])
    with pytest.raises(gt.GameError, match=r"unknown parameter\(s\) \['z'\]"):
        spe_thresholds(two, "a", at={"z": 1})
    with pytest.raises(gt.GameError, match=r"parameter 'b': value 3 is above its upper bound 1"):
        spe_thresholds(two, "a", at={"b": 3})


def test_thresholds_refuse_what_sympy_cannot_solve():
    pt = ParametricTree(Decision("A", {"x": ("sin(c)", 0), "y": (0, 1)}), players=["A", "B"], parameters={"c": 0})
    with pytest.raises(gt.GameError, match="cannot find the zeros of sin\\(c\\) in c exactly.*use spe_sweep"):
        spe_thresholds(pt, "c")


def test_thresholds_invalid_probability_inside_the_range():
    with pytest.raises(gt.GameError, match=r"spe_thresholds: chance probability 'bad' at node Risky is -1/2 at \{'p': '3/2'\}"):
        spe_thresholds(coin(), "p", lo=1, hi=2)


def test_thresholds_pole_at_the_sample_point():
    pt = entry("1/f")
    with pytest.raises(gt.GameError, match=r"payoff of 'Incumbent' at node In/Fight is zoo at \{'f': '0'\}"):
        spe_thresholds(pt, "f")


def test_imperfect_information_is_refused():
    def p2(a, b):
        return Decision("P2", {"H": (a, -1), "T": (b, 1)}, infoset="h2")

    pt = ParametricTree(Decision("P1", {"H": p2("s", 1), "T": p2(-1, 1)}, infoset="h1"), parameters={"s": 1})
    with pytest.raises(gt.GameError, match="imperfect information: information set 'h2' holds 2 nodes"):
        spe_sweep(pt, {"s": [1.0]})
    with pytest.raises(gt.GameError, match="imperfect information"):
        spe_thresholds(pt, "s")


def test_sweep_bad_points():
    pt = entry()
    with pytest.raises(gt.GameError, match=r"spe_sweep: unknown parameter\(s\) \['g'\] in points"):
        spe_sweep(pt, {"g": [1.0]})
    with pytest.raises(gt.GameError, match=r"spe_sweep: points\['f'\]: parameter 'f': value .*6\.0\)? is above its upper bound 5"):
        spe_sweep(pt, grid(f=[0.0, 6.0]))
    with pytest.raises(gt.GameError, match="points must be a mapping name -> 1-D array or a grid"):
        spe_sweep(pt, [1.0])
    with pytest.raises(gt.GameError, match="must be finite"):
        spe_sweep(pt, {"f": [np.nan]})
    with pytest.raises(TypeError, match="keep_choices"):
        spe_sweep(pt, {"f": [1.0]}, keep_choices="yes")
    with pytest.raises(gt.GameError, match="chunk_size"):
        spe_sweep(pt, {"f": [1.0]}, chunk_size=0)
    with pytest.raises(gt.GameError, match="Or lower chunk_size"):
        with gt.limits(max_entries=1000):
            spe_sweep(pt, {"f": np.zeros(500)}, chunk_size=500)
    with pytest.raises(gt.GameError, match=r"chance probability 'good' at node Risky is -0.5 at point 0"):
        spe_sweep(coin(), {"p": [-0.5]})
    with pytest.raises(TypeError, match="ptree must be a ParametricTree"):
        spe_sweep("tree", {"f": [1.0]})


def test_sweep_result_lookups():
    res = spe_sweep(entry(), {"f": [0.0, 2.0]}, keep_choices=False)
    with pytest.raises(gt.GameError, match="keep_choices=False"):
        res.choice(0)
    res = spe_sweep(entry(), {"f": [0.0, 2.0]})
    with pytest.raises(gt.GameError, match="node 1 is not a decision node"):
        res.choice(1)
    th = spe_thresholds(ParametricTree(Decision("A", {"x": (1, 0), "y": (0, 1)}), players=["A", "B"],
                                       parameters=[gt.Parameter("c", 0, lower=0, upper=1)]), "c")
    with pytest.raises(gt.GameError, match="there is no threshold"):
        th.changes(0)


def test_payoff_expr_lookups():
    pt = entry()
    with pytest.raises(gt.GameError, match=r"node 2 \(node In\) is not terminal"):
        pt.payoff_expr(2, 0)
    with pytest.raises(gt.GameError, match=r"node must be a node number in 0..4; got 9"):
        pt.payoff_expr(9, 0)
    with pytest.raises(gt.GameError, match="unknown player"):
        pt.payoff_expr(1, "Nobody")
    assert pt.n_players == 2


def test_non_finite_probabilities():
    with pytest.raises(gt.GameError, match=r"chance probability 'good' at node Risky must be a finite real number"):
        coin(p="1/0", q="1")
    pt = ParametricTree(
        Decision("A", {"Safe": (1,), "Risky": Chance({"good": ("1/(2*p)", (3,)), "bad": ("1 - 1/(2*p)", (0,))})}),
        parameters=[gt.Parameter("p", 1, lower=0, upper=1)],
    )
    with pytest.raises(gt.GameError, match=r"probabilities_batch: chance probability 'good' at node Risky = 1/\(2\*p\) is not finite at point 1"):
        pt.probabilities_batch(p=[1.0, 0.0])
