"""Exact thresholds and vectorized sweeps of the subgame-perfect equilibrium of parametric trees."""

from __future__ import annotations

import json
import pickle
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

import gametheory_af as gt
from gametheory_af.sensitivity import grid
from gametheory_af.sensitivity.trees import spe_sweep, spe_thresholds
from gametheory_af.solvers.backward_induction import backward_induction_batch, subgame_perfect
from gametheory_af.trees import Chance, Decision
from gametheory_af.trees.parametric import ParametricTree


def entry():
    return ParametricTree(
        Decision("Entrant", {"Out": (0, 2), "In": Decision("Incumbent", {"Fight": (-1, "f"), "Accommodate": (1, 1)})}),
        parameters=[gt.Parameter("f", -1, lower=-5, upper=5, description="incumbent's payoff from fighting")],
    )


def lottery():
    return ParametricTree(
        Decision("A", {"Safe": (1, 0), "Risky": Chance({"good": ("p", (3, 1)), "bad": ("1 - p", (0, 1))})}),
        parameters=[gt.Parameter("p", "1/2", lower=0, upper=1)], players=["A", "B"],
    )


def centipede():
    """Four moves; P2's payoff from taking last is 4a, P2's from taking first 2a."""
    return ParametricTree(
        Decision("P1", {"take": (1, 0), "pass": Decision("P2", {"take": (0, "2*a"), "pass": Decision("P1", {
            "take": (3, 1), "pass": Decision("P2", {"take": (2, "4*a"), "pass": (4, 5)})})})}),
        parameters=[gt.Parameter("a", 1, lower=0, upper=3)],
    )


# ---------------------------------------------------------------------------- known answers
def test_entry_deterrence_switches_at_f_equal_one():
    res = spe_thresholds(entry(), "f")
    assert res.thresholds == (sp.Integer(1),)
    assert res.outcome_thresholds == (1,)
    below, above = res.intervals
    assert (below.lo, below.hi, above.lo, above.hi) == (-5, 1, 1, 5)
    assert below.actions == ("In", "Accommodate") and above.actions == ("Out", "Fight")
    assert below.paths == (("In", "Accommodate"),) and above.paths == (("Out",),)
    assert below.values == (1, 1) and above.values == (0, 2)
    assert res.decision_nodes == (0, 2)
    assert res.node_names == ("Entrant at the root", "Incumbent at node In")
    assert res.changes(0) == (("Entrant at the root", "In", "Out"), ("Incumbent at node In", "Accommodate", "Fight"))
    assert res.floats.tolist() == [1.0]
    # narrower range, other side only
    assert spe_thresholds(entry(), "f", lo=2, hi="9/2").thresholds == ()
    assert spe_thresholds(entry(), "f", lo="1/2", hi=2).thresholds == (1,)


def test_entry_deterrence_pointwise_agrees_exactly():
    pt = entry()
    res = spe_thresholds(pt, "f")
    for f, iv in ((Fraction(99, 100), 0), (Fraction(101, 100), 1)):
        spe = subgame_perfect(pt.at(f=f))
        assert spe.equilibria[0].payoffs.tolist() == [float(v) for v in res.intervals[iv].values]
    # at the threshold both of the incumbent's actions are best; the lowest index (Fight) is the batch's choice
    _, c = backward_induction_batch(pt.at(f=1))
    assert c[0, 2] == 0 and len(subgame_perfect(pt.at(f=1)).equilibria) == 2


def test_result_describe_to_dict_pickle():
    res = spe_thresholds(entry(), "f")
    text = res.describe()
    assert "f in (-5, 1): outcome In/Accommodate" in text
    assert "at f = 1: Entrant at the root: In -> Out; Incumbent at node In: Accommodate -> Fight" in text
    d = res.to_dict()
    json.dumps(d)
    assert d["thresholds"] == [{"exact": "1", "float": 1.0}]
    assert d["intervals"][1]["choices"] == {"Entrant at the root": "Out", "Incumbent at node In": "Fight"}
    assert pickle.loads(pickle.dumps(res)) == res
    assert "TreeThresholdResult" in repr(res)
    assert res.fixed == {}


def test_centipede_threshold():
    res = spe_thresholds(centipede(), "a")
    assert res.thresholds == (sp.Rational(5, 4),)
    low, high = res.intervals
    assert low.paths == (("pass", "pass", "pass", "pass"),) and low.values == (4, 5)
    assert high.paths == (("take",),) and high.values == (1, 0)
    assert low.actions == ("pass", "pass", "pass", "pass")
    assert high.actions == ("take", "take", "take", "take")


def test_chance_probability_threshold_one_third():
    res = spe_thresholds(lottery(), "p")
    assert res.thresholds == (sp.Rational(1, 3),)
    safe, risky = res.intervals
    assert safe.paths == (("Safe",),)
    assert risky.paths == (("Risky", "good"), ("Risky", "bad"))
    assert risky.values[0] == 3 * lottery().symbols["p"] and risky.values[1] == 1
    # the sweep agrees on either side, and reaches only 'good' at p = 1
    sw = spe_sweep(lottery(), {"p": [0.0, 0.3, 0.34, 1.0]})
    assert [sw.paths[k] for k in sw.outcome.tolist()] == [
        (("Safe",),), (("Safe",),), (("Risky", "good"), ("Risky", "bad")), (("Risky", "good"),),
    ]
    assert sw.terminal.tolist() == [1, 1, -1, 3]
    np.testing.assert_allclose(sw.values[:, 0], [1.0, 1.0, 1.02, 3.0])


def test_chance_probability_rational_function_threshold():
    # p enters quadratically: 4 p^2 > 1 above p = 1/2
    pt = ParametricTree(
        Decision("A", {"Safe": (1,), "Risky": Chance({"good": ("p**2", (4,)), "bad": ("1 - p**2", (0,))})}),
        parameters=[gt.Parameter("p", "1/4", lower=0, upper=1)],
    )
    assert spe_thresholds(pt, "p").thresholds == (sp.Rational(1, 2),)


def test_irrational_threshold_is_exact():
    pt = ParametricTree(Decision("A", {"x": ("c**2", 0), "y": (2, 1)}), players=["A", "B"],
                        parameters=[gt.Parameter("c", 0, lower=-3, upper=3)])
    res = spe_thresholds(pt, "c")
    assert res.thresholds == (-sp.sqrt(2), sp.sqrt(2))
    assert [iv.actions for iv in res.intervals] == [("x",), ("y",), ("x",)]
    cubic = ParametricTree(Decision("A", {"x": ("c**3 - c - 1", 0), "y": (0, 1)}), players=["A", "B"],
                           parameters=[gt.Parameter("c", 0, lower=-3, upper=3)])
    (r,) = spe_thresholds(cubic, "c").thresholds
    assert isinstance(r, sp.CRootOf) and sp.simplify(r**3 - r - 1) == 0
    assert float(r) == pytest.approx(1.324717957244746)


def test_other_parameters_fixed_and_unbounded_ranges():
    pt = ParametricTree(Decision("A", {"x": ("a - b", 0), "y": (0, 1)}), players=["A", "B"],
                        parameters=[gt.Parameter("a", 0), gt.Parameter("b", 1)])
    assert spe_thresholds(pt, "a").thresholds == (1,)
    res = spe_thresholds(pt, "a", at={"b": "-7/2"})
    assert res.thresholds == (sp.Rational(-7, 2),) and res.over == (-sp.oo, sp.oo)
    assert res.fixed == {"b": Fraction(-7, 2)}
    assert spe_thresholds(pt, "b", lo=-10).thresholds == (0,)
    assert spe_thresholds(pt, "b", hi=10).thresholds == (0,)
    # floats in the expressions are read as the decimals they print as
    fl = ParametricTree(Decision("A", {"x": (sp.Float(0.1) * sp.Symbol("a"), 0), "y": (0.3, 1)}), players=["A", "B"],
                        parameters=[gt.Parameter("a", 0)])
    assert spe_thresholds(fl, "a").thresholds == (3,)


def test_pole_is_a_break_point_and_exp_is_solved():
    pt = ParametricTree(Decision("A", {"x": ("1/(c - 1)", 0), "y": (0, 1)}), players=["A", "B"],
                        parameters=[gt.Parameter("c", 0, lower=-3, upper=3)])
    res = spe_thresholds(pt, "c")
    assert res.thresholds == (1,) and [iv.actions for iv in res.intervals] == [("y",), ("x",)]
    ex = ParametricTree(Decision("A", {"x": ("exp(c) - 2", 0), "y": (0, 1)}), players=["A", "B"],
                        parameters=[gt.Parameter("c", 0, lower=-3, upper=3)])
    assert spe_thresholds(ex, "c").thresholds == (sp.log(2),)


def test_off_path_threshold_is_reported_but_not_an_outcome_threshold():
    # B's choice after 'y' flips at c = 2, but A never plays 'y'
    pt = ParametricTree(
        Decision("A", {"x": (10, 0), "y": Decision("B", {"l": (0, "c"), "r": (0, 2)})}),
        parameters=[gt.Parameter("c", 0, lower=0, upper=4)],
    )
    res = spe_thresholds(pt, "c")
    assert res.thresholds == (2,) and res.outcome_thresholds == ()
    assert res.changes(0) == (("B at node y", "r", "l"),)


def test_two_nodes_switching_at_the_same_value():
    def b():
        return Decision("B", {"l": (0, "c"), "r": (0, 1)})

    pt = ParametricTree(Decision("A", {"x": b(), "y": b()}), parameters=[gt.Parameter("c", 0, lower=0, upper=4)])
    res = spe_thresholds(pt, "c")
    assert res.thresholds == (1,)
    assert res.changes(0) == (("B at node x", "r", "l"), ("B at node y", "r", "l"))


# ---------------------------------------------------------------------------- random trees
def _random_tree(rng, depth, *, chance=True, n_players=2):
    counter = [0]

    def build(d):
        counter[0] += 1
        if d == 0 or (d < depth and rng.random() < 0.25):
            # generic coefficients: exact ties (which float64 may break either way) are improbable
            return tuple(f"{rng.integers(-40, 41)}*t + {rng.integers(-40, 41)}" for _ in range(n_players))
        if chance and rng.random() < 0.2:
            if rng.random() < 0.5:
                return Chance({"u": ("t", build(d - 1)), "v": ("1 - t", build(d - 1))})
            return Chance({"u": ("1/3", build(d - 1)), "v": ("2/3", build(d - 1))})
        k = int(rng.integers(2, 4))
        return Decision(f"P{int(rng.integers(0, n_players)) + 1}", {f"a{j}": build(d - 1) for j in range(k)})

    tree = build(depth)
    return ParametricTree(tree, parameters=[gt.Parameter("t", "1/2", lower=0, upper=1)],
                          players=[f"P{i + 1}" for i in range(n_players)])


@pytest.mark.parametrize("seed", range(8))
def test_random_trees_thresholds_agree_with_pointwise_backward_induction(seed):
    rng = np.random.default_rng(seed)
    pt = _random_tree(rng, 4)
    if not (pt.structure.node_players >= 0).any():
        pytest.skip("no decision node")
    res = spe_thresholds(pt, "t")
    dec = list(res.decision_nodes)
    # every interval: the choices at random rational points inside are the interval's
    for iv in res.intervals:
        lo, hi = float(iv.lo), float(iv.hi)
        for _ in range(3):
            x = Fraction(lo + (hi - lo) * float(rng.uniform(0.05, 0.95))).limit_denominator(10**6)
            _, c = backward_induction_batch(pt.at(t=x))
            assert tuple(c[0, dec].tolist()) == iv.choices, (x, iv)
    # every threshold separates different choices
    for a, b in zip(res.intervals[:-1], res.intervals[1:]):
        assert a.choices != b.choices
    # the sweep on a fine grid never changes choices inside an interval
    xs = np.linspace(0, 1, 401)
    sw = spe_sweep(pt, {"t": xs})
    th = res.floats
    for k, x in enumerate(xs):
        if th.size and np.min(np.abs(th - x)) < 1e-9:
            continue
        iv = res.intervals[int(np.searchsorted(th, x))]
        assert tuple(sw.choices[k].tolist()) == iv.choices


@pytest.mark.parametrize("seed", range(4))
def test_sweep_agrees_with_at_and_backward_induction_per_point(seed):
    rng = np.random.default_rng(100 + seed)
    pt = _random_tree(rng, 5)
    xs = rng.uniform(0, 1, 60)
    sw = spe_sweep(pt, {"t": xs}, chunk_size=7)
    dec = np.asarray(sw.decision_nodes, dtype=np.int64)
    for k, x in enumerate(xs.tolist()):
        g = pt.at(t=x)
        v, c = backward_induction_batch(g)
        np.testing.assert_allclose(sw.values[k], v[0, 0], rtol=1e-12, atol=1e-12)
        np.testing.assert_array_equal(sw.choices[k], c[0, dec])
        # the subgame-perfect equilibria of the game at the point include one with these payoffs
        assert any(np.allclose(eq.payoffs, v[0, 0]) for eq in subgame_perfect(g).equilibria)
    # the chunk size does not change the answer
    other = spe_sweep(pt, {"t": xs}, chunk_size=13)
    assert other.chunk_size == 13
    for name in ("values", "outcome", "outcomes", "choices", "paths"):
        assert np.array_equal(getattr(other, name), getattr(sw, name)) if name in ("values", "outcome", "choices") \
            else getattr(other, name) == getattr(sw, name)


def test_sweep_with_constant_and_varying_chance_uses_the_same_answers():
    # same tree, chance probabilities constant (backward_induction_batch) or a parameter fixed at that value
    const = ParametricTree(
        Decision("A", {"Safe": (1, 0), "Risky": Chance({"good": ("1/3", ("2 + t", 1)), "bad": ("2/3", (0, 1))})}),
        parameters=[gt.Parameter("t", 0, lower=0, upper=3), gt.Parameter("p", "1/3", lower=0, upper=1)],
        players=["A", "B"],
    )
    varying = ParametricTree(
        Decision("A", {"Safe": (1, 0), "Risky": Chance({"good": ("p", ("2 + t", 1)), "bad": ("1 - p", (0, 1))})}),
        parameters=[gt.Parameter("t", 0, lower=0, upper=3), gt.Parameter("p", "1/3", lower=0, upper=1)],
        players=["A", "B"],
    )
    xs = np.linspace(0, 3, 31)
    a = spe_sweep(const, {"t": xs})
    b = spe_sweep(varying, {"t": xs, "p": np.full(31, 1 / 3)})
    np.testing.assert_allclose(a.values, b.values, rtol=1e-12)
    np.testing.assert_array_equal(a.choices, b.choices)
    assert a.outcomes == b.outcomes
    assert spe_thresholds(const, "t").thresholds == spe_thresholds(varying, "t").thresholds == (1,)


def test_sweep_grid_and_result_api():
    pt = ParametricTree(Decision("A", {"x": ("a - b", 0), "y": (0, 1)}), players=["A", "B"],
                        parameters=[gt.Parameter("a", 0, lower=-1, upper=1), gt.Parameter("b", 0, lower=-1, upper=1)])
    g = grid(a=np.linspace(-1, 1, 5), b=np.linspace(-1, 1, 3))
    res = spe_sweep(pt, g, keep_choices=False)
    assert res.grid_shape == (5, 3) and len(res) == 15 and res.choices is None
    x_chosen = res.terminal.reshape(5, 3) == 1
    aa, bb = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-1, 1, 3), indexing="ij")
    np.testing.assert_array_equal(x_chosen, aa - bb >= 0)  # ties to the lowest index, x
    assert res.points["a"].shape == (15,) and res.parameters == ("a", "b")
    assert sum(res.counts().values()) == 15 and set(res.counts()) == {"x", "y"}
    assert "of 15 points" in res.describe()
    assert pickle.loads(pickle.dumps(res)) == res
    assert "TreeSweepResult" in repr(res)
    full = spe_sweep(pt, g)
    assert full.choice(0).tolist() == (~x_chosen.ravel()).astype(int).tolist()
    assert full.choices.dtype == np.int8


@pytest.mark.parametrize("seed", range(4))
def test_float_kernel_matches_the_exact_tie_counting_sweep(seed):
    """Small integer payoffs (many exact ties) and constant chance: the batch kernel (points last) and
    the sweep behind subgame_perfect (batch first, exact-capable) give the same choices and values."""
    from gametheory_af.solvers.backward_induction import _sweep

    rng = np.random.default_rng(200 + seed)
    pt = _random_tree(rng, 5, chance=True)
    game = pt.at(t="1/2")
    B = 40
    pay = rng.integers(-2, 3, size=(B, game.n_terminals, game.n_players)).astype(np.float64)
    v, c = backward_induction_batch(game, pay)
    v_ref, c_ref, _ = _sweep(game, pay, game.edge_probabilities, None)
    np.testing.assert_array_equal(c, c_ref)
    np.testing.assert_allclose(v, v_ref, rtol=1e-13, atol=1e-13)


def test_algebraic_coefficients_and_trees_without_decisions():
    pt = ParametricTree(Decision("A", {"x": ("sqrt(2)*c", 0), "y": (1, 1)}), players=["A", "B"],
                        parameters=[gt.Parameter("c", 0, lower=0, upper=3)])
    assert spe_thresholds(pt, "c").thresholds == (sp.sqrt(2) / 2,)
    only_chance = ParametricTree(Chance({"H": ("p", ("p",)), "T": ("1 - p", (0,))}),
                                 parameters=[gt.Parameter("p", "1/2", lower=0, upper=1)])
    res = spe_thresholds(only_chance, "p")
    assert res.thresholds == () and res.decision_nodes == () and res.intervals[0].values == (only_chance.symbols["p"] ** 2,)
    sw = spe_sweep(only_chance, {"p": [0.0, 0.5, 1.0]})
    assert sw.choices.shape == (3, 0) and sw.values[:, 0].tolist() == [0.0, 0.25, 1.0]
    assert [len(o) for o in (sw.outcomes[k] for k in sw.outcome.tolist())] == [1, 2, 1]
