"""Subgame-perfect outcomes of a parametric game tree: exact thresholds and vectorized sweeps.

- :func:`spe_thresholds`: the exact values of one parameter where the
  subgame-perfect equilibrium found by backward induction (ties to the lowest
  action index) changes, at any decision node, with the equilibrium, its
  outcome and its root values (as functions of the parameter) on every
  interval between them.
- :func:`spe_sweep`: the same equilibrium at many parameter points (a sample or
  a :func:`~gametheory_af.sensitivity.grid`), computed chunk by chunk with
  array operations: one compiled evaluation of the payoffs
  (:meth:`ParametricTree.evaluate_nodes
  <gametheory_af.trees.parametric.ParametricTree.evaluate_nodes>`) and one
  level-by-level backward induction (the algorithm of
  :func:`~gametheory_af.solvers.backward_induction.backward_induction_batch`,
  on a points-last layout) per chunk, with no Python loop over points.

Both need perfect information (chance nodes allowed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from .._limits import check_bytes, check_count
from .._progress import check_progress, progress_bar
from .._validation import FrozenMapping, _short, check_bool, check_int
from ..exceptions import GameError
from ..result import ResultMixin
from ..solvers.backward_induction import induction_points_last
from ..trees.game import CHANCE, ExtensiveFormGame
from ..trees.parametric import ParametricTree
from ._common import exact_value
from ._conditions import _cmp
from .sweep import Grid, _Sample

__all__ = ["SPEInterval", "TreeThresholdResult", "TreeSweepResult", "spe_thresholds", "spe_sweep"]


def _check_ptree(ptree: Any, caller: str) -> ParametricTree:
    """A ParametricTree with perfect information (chance allowed), else TypeError / GameError naming an information set."""
    if not isinstance(ptree, ParametricTree):
        raise TypeError(f"{caller}: ptree must be a ParametricTree; got {_short(ptree)} ({type(ptree).__name__}).")
    st = ptree.structure
    if not st.is_perfect_information:
        sizes = np.bincount(st.node_infosets[st.node_players >= 0], minlength=st.n_infosets)
        h = int(np.flatnonzero(sizes > 1)[0])
        raise GameError(
            f"{caller}: the tree has imperfect information: information set {st.infoset_name(h)} holds "
            f"{int(sizes[h])} nodes; backward induction needs perfect information."
        )
    return ptree


def _path_text(path: tuple[str, ...]) -> str:
    return "the root" if not path else "node " + "/".join(path)


def _decision_names(st: ExtensiveFormGame, nodes: np.ndarray) -> tuple[str, ...]:
    return tuple(f"{st.players[int(st.node_players[n])]} at {_path_text(st.path(int(n)))}" for n in nodes.tolist())


def _paths(st: ExtensiveFormGame, terminals: tuple[int, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(st.path(t) for t in terminals)


def _path_label(paths: tuple[tuple[str, ...], ...]) -> str:
    return " | ".join("/".join(p) or "(root)" for p in paths)


# ============================================================================ thresholds
@dataclass(frozen=True, eq=False)
class SPEInterval(ResultMixin):
    """One open interval of the parameter on which the subgame-perfect equilibrium is the same.

    Parameters
    ----------
    lo, hi, sample, choices, actions, outcome, paths, values : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    lo, hi : sympy.Expr
        The ends (exact; possibly infinite).
    sample : sympy.Rational
        The exact point inside where the equilibrium was computed.
    choices : tuple of int
        The action index chosen at each decision node (in the order of
        ``TreeThresholdResult.decision_nodes``).
    actions : tuple of str
        The same as action names.
    outcome : tuple of int
        The terminal nodes reached with positive probability (one without chance moves).
    paths : tuple of tuple of str
        The actions leading to each of them.
    values : tuple of sympy.Expr
        Each player's subgame-perfect payoff at the root, as an expression of
        the parameter valid on the interval.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees import Decision
    >>> from gametheory_af.trees.parametric import ParametricTree
    >>> from gametheory_af.sensitivity.trees import spe_thresholds
    >>> pt = ParametricTree(Decision("A", {"x": ("c", 0), "y": (1, 1)}), players=["A", "B"],
    ...                     parameters=[gt.Parameter("c", 0, lower=-3, upper=3)])
    >>> first = spe_thresholds(pt, "c").intervals[0]
    >>> first.lo, first.hi, first.paths, first.values
    (-3, 1, (('y',),), (1, 1))
    """

    lo: sp.Expr
    hi: sp.Expr
    sample: sp.Expr
    choices: tuple[int, ...]
    actions: tuple[str, ...]
    outcome: tuple[int, ...]
    paths: tuple[tuple[str, ...], ...]
    values: tuple[sp.Expr, ...]


@dataclass(frozen=True, eq=False)
class TreeThresholdResult(ResultMixin):
    """The exact thresholds of one parameter where the subgame-perfect equilibrium of a tree changes.

    Parameters
    ----------
    parameter, over, fixed, thresholds, intervals, decision_nodes, node_names, players : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    parameter : str
    over : tuple of sympy.Expr
        The range scanned, ``(lo, hi)`` (exact, possibly infinite).
    fixed : mapping
        The values of the other parameters.
    thresholds : tuple of sympy.Expr
        Increasing, strictly inside ``over``: the values where the choice at
        some decision node changes. Exact: rationals when rational, radicals or
        :class:`sympy.CRootOf` algebraic numbers otherwise.
    intervals : tuple of SPEInterval
        The ``len(thresholds) + 1`` open intervals between them, each with its
        equilibrium.
    decision_nodes : tuple of int
        The decision nodes, in breadth-first order (the order of
        ``SPEInterval.choices``).
    node_names : tuple of str
        "player at node path" for each decision node.
    players : tuple of str

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees import Decision
    >>> from gametheory_af.trees.parametric import ParametricTree
    >>> from gametheory_af.sensitivity.trees import spe_thresholds
    >>> pt = ParametricTree(Decision("A", {"x": ("c**2", 0), "y": (2, 1)}), players=["A", "B"],
    ...                     parameters=[gt.Parameter("c", 0, lower=0, upper=3)])
    >>> res = spe_thresholds(pt, "c")
    >>> res.thresholds, res.floats.round(4).tolist()
    ((sqrt(2),), [1.4142])
    """

    parameter: str
    over: tuple[sp.Expr, sp.Expr]
    fixed: Mapping[str, Any]
    thresholds: tuple[sp.Expr, ...]
    intervals: tuple[SPEInterval, ...]
    decision_nodes: tuple[int, ...]
    node_names: tuple[str, ...]
    players: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "fixed", FrozenMapping(self.fixed))

    @property
    def floats(self) -> np.ndarray:
        """The thresholds as a float array."""
        return np.array([float(v) for v in self.thresholds], dtype=np.float64)

    def changes(self, k: int) -> tuple[tuple[str, str, str], ...]:
        """What changes at threshold *k*: ``(decision node, action below, action above)`` per node.

        Parameters
        ----------
        k : int
            The index of the threshold.

        Returns
        -------
        tuple of (str, str, str)
        """
        k = check_int(k, "k", "TreeThresholdResult.changes", minimum=0, maximum=max(0, len(self.thresholds) - 1))
        if not self.thresholds:
            raise GameError("TreeThresholdResult.changes: there is no threshold.")
        a, b = self.intervals[k], self.intervals[k + 1]
        return tuple(
            (name, x, y) for name, x, y in zip(self.node_names, a.actions, b.actions) if x != y
        )

    @property
    def outcome_thresholds(self) -> tuple[sp.Expr, ...]:
        """The thresholds where the outcome (the terminal nodes reached) changes, not only an off-path choice."""
        return tuple(
            v for v, a, b in zip(self.thresholds, self.intervals[:-1], self.intervals[1:]) if a.outcome != b.outcome
        )

    def describe(self) -> str:
        """The intervals, their outcomes and root values, and what changes at each threshold.

        Returns
        -------
        str
        """
        lines = []
        for k, iv in enumerate(self.intervals):
            vals = ", ".join(f"{p}: {v}" for p, v in zip(self.players, iv.values))
            lines.append(f"{self.parameter} in ({iv.lo}, {iv.hi}): outcome {_path_label(iv.paths)}; values {vals}")
            if k < len(self.thresholds):
                what = "; ".join(f"{n}: {x} -> {y}" for n, x, y in self.changes(k))
                lines.append(f"  at {self.parameter} = {self.thresholds[k]}: {what}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (exact numbers as text, with floats).

        Returns
        -------
        dict
        """
        def num(v: sp.Expr) -> Any:
            return {"exact": str(v), "float": float(v) if v.is_finite else str(v)}

        return {
            "parameter": self.parameter,
            "over": [str(self.over[0]), str(self.over[1])],
            "fixed": {k: str(v) for k, v in self.fixed.items()},
            "thresholds": [num(v) for v in self.thresholds],
            "outcome_thresholds": [str(v) for v in self.outcome_thresholds],
            "intervals": [
                {
                    "lo": str(iv.lo),
                    "hi": str(iv.hi),
                    "outcome": ["/".join(p) for p in iv.paths],
                    "choices": dict(zip(self.node_names, iv.actions)),
                    "values": dict(zip(self.players, (str(v) for v in iv.values))),
                }
                for iv in self.intervals
            ],
        }

    def __repr__(self) -> str:
        return f"TreeThresholdResult(parameter={self.parameter!r}, thresholds={list(self.thresholds)})"


def _exact_constant(e: sp.Expr) -> sp.Expr:
    """Floats in an expression as the rationals they print as (0.1 -> 1/10), so roots stay exact."""
    if not e.has(sp.Float):
        return e
    from .._validation import to_fraction

    reps = {}
    for f in e.atoms(sp.Float):
        q = to_fraction(float(f))
        reps[f] = sp.Rational(q.numerator, q.denominator)
    return e.xreplace(reps)


def _rational_inside(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """An exact rational strictly between *a* and *b* (either may be infinite): the midpoint when both are rational."""
    if a.is_finite and b.is_finite:
        if a.is_Rational and b.is_Rational:
            return (a + b) / 2
        mid = sp.nsimplify(sp.N((a + b) / 2, 40), rational=True)
        if _cmp(mid, a) > 0 and _cmp(mid, b) < 0:
            return mid
        width = sp.N(b - a, 60)  # pragma: no cover - the 40-digit midpoint is inside unless the interval is tiny
        return sp.nsimplify(sp.N(a + width / 2, 80), rational=True)  # pragma: no cover
    if a.is_finite:
        return sp.floor(a) + 1
    if b.is_finite:
        return sp.ceiling(b) - 1
    return sp.S.Zero


def _number(x: sp.Expr) -> Any:
    """A sympy number as a Fraction when rational (fast exact comparisons), else itself."""
    return Fraction(int(x.p), int(x.q)) if x.is_Rational else x


def _greater(x: Any, y: Any) -> bool:
    if isinstance(x, Fraction) and isinstance(y, Fraction):
        return x > y
    return _cmp(_as_sympy(x), _as_sympy(y)) > 0


def _as_sympy(x: Any) -> sp.Expr:
    return sp.Rational(x.numerator, x.denominator) if isinstance(x, Fraction) else x


class _SymbolicTree:
    """A parametric tree reduced to one parameter: expressions in ``t``, exact backward induction."""

    def __init__(self, ptree: ParametricTree, t: sp.Symbol, subs: Mapping[sp.Symbol, sp.Expr], caller: str) -> None:
        st = ptree.structure
        self.st = st
        self.t = t
        self.caller = caller
        self.n = st.n_nodes
        self.who = st.node_players.tolist()
        self.first = st.first_child.tolist()
        self.kids = st.n_children.tolist()
        self.tindex = st.terminal_index.tolist()
        self.pay = [[_exact_constant(e.xreplace(subs)) for e in row] for row in ptree.payoffs.tolist()]
        self.prob: list[sp.Expr] = [sp.S.One] * self.n
        for node, e in zip(ptree.chance_edges.tolist(), ptree.probabilities):
            self.prob[node] = _exact_constant(e.xreplace(subs))
        self.decision = [n for n in range(self.n) if self.who[n] >= 0]
        self._roots: dict[sp.Expr, list[sp.Expr]] = {}

    def spe_at(self, m: sp.Expr, point: Mapping[str, Any]) -> tuple[list[int], list[tuple[Any, ...]], list[Any]]:
        """Exact backward induction at ``t = m``: choices per node (-1 off decision nodes), values, edge probabilities."""
        rep = {self.t: m}
        prob = [_number(p.xreplace(rep)) if p is not sp.S.One else Fraction(1) for p in self.prob]
        vals: list[tuple[Any, ...]] = [()] * self.n
        choice = [-1] * self.n
        for node in range(self.n - 1, -1, -1):
            w = self.who[node]
            if w == -2:
                row = []
                for i, e in enumerate(self.pay[self.tindex[node]]):
                    x = e.xreplace(rep)
                    if not (x.is_number and x.is_finite and x.is_real):
                        raise GameError(
                            f"{self.caller}: the payoff of {self.st.players[i]!r} at {_path_text(self.st.path(node))} "
                            f"is {x} at {dict(point)}, not a finite real number."
                        )
                    row.append(_number(x))
                vals[node] = tuple(row)
                continue
            a = self.first[node]
            kids = range(a, a + self.kids[node])
            if w == CHANCE:
                for c in kids:
                    if _greater(Fraction(0), prob[c]):
                        act = self.st.node_actions(node)[c - a]
                        raise GameError(
                            f"{self.caller}: chance probability {act!r} at {_path_text(self.st.path(node))} is "
                            f"{prob[c]} at {dict(point)}; probabilities must be >= 0."
                        )
                tot = [sum((prob[c] * vals[c][i] for c in kids), Fraction(0)) for i in range(len(vals[a]))]
                vals[node] = tuple(tot)
                continue
            best = a
            for c in kids:
                if _greater(vals[c][w], vals[best][w]):
                    best = c
            choice[node] = best - a
            vals[node] = vals[best]
        return choice, vals, prob

    def values_under(self, choice: list[int]) -> list[tuple[sp.Expr, ...]]:
        """Each node's continuation values as expressions of ``t`` when every decision node plays *choice*."""
        vals: list[tuple[sp.Expr, ...]] = [()] * self.n
        for node in range(self.n - 1, -1, -1):
            w = self.who[node]
            if w == -2:
                vals[node] = tuple(self.pay[self.tindex[node]])
            elif w == CHANCE:
                a = self.first[node]
                kids = range(a, a + self.kids[node])
                vals[node] = tuple(sp.Add(*(self.prob[c] * vals[c][i] for c in kids)) for i in range(len(vals[a])))
            else:
                vals[node] = vals[self.first[node] + choice[node]]
        return vals

    def margins(self, choice: list[int], vals: list[tuple[sp.Expr, ...]]) -> list[sp.Expr]:
        """The mover's margin of the chosen action over each other action, at every decision node (those in ``t``)."""
        out = []
        for node in self.decision:
            w = self.who[node]
            a = self.first[node]
            chosen = vals[a + choice[node]][w]
            for c in range(a, a + self.kids[node]):
                if c != a + choice[node]:
                    d = chosen - vals[c][w]
                    if self.t in d.free_symbols:
                        out.append(d)
        return out

    def roots(self, d: sp.Expr) -> list[sp.Expr]:
        """The real zeros (and poles) of a margin, exactly; cached."""
        got = self._roots.get(d)
        if got is None:
            got = self._roots[d] = _real_zeros(d, self.t, self.caller)
        return got

    def outcome(self, choice: list[int], prob: list[Any]) -> tuple[int, ...]:
        """The terminal nodes reached with positive probability."""
        reach = [False] * self.n
        reach[0] = True
        for node in range(self.n):
            if not reach[node] or self.who[node] == -2:
                continue
            a = self.first[node]
            if self.who[node] == CHANCE:
                for c in range(a, a + self.kids[node]):
                    reach[c] = _greater(prob[c], Fraction(0))
            else:
                reach[a + choice[node]] = True
        return tuple(n for n in range(self.n) if reach[n] and self.who[n] == -2)


def _real_zeros(d: sp.Expr, t: sp.Symbol, caller: str) -> list[sp.Expr]:
    """Real zeros and poles of ``d`` in ``t``: exact for rational functions (radicals to degree 2, CRootOf beyond)."""
    num, den = sp.together(d).as_numer_denom()
    out: list[sp.Expr] = []
    for part in (num, den):
        if t not in part.free_symbols:
            continue
        try:
            poly = sp.Poly(part, t)
        except sp.PolynomialError:
            poly = None
        if poly is not None and poly.domain.is_Exact and poly.domain in (sp.ZZ, sp.QQ):
            for f, _ in sp.factor_list(poly.as_expr(), t)[1]:
                fp = sp.Poly(f, t)  # factor_list keeps the constant apart: every factor has degree >= 1
                if fp.degree() <= 2:
                    out.extend(r for r in sp.roots(fp, t) if r.is_real)
                else:
                    out.extend(fp.real_roots())
            continue
        try:
            sol = sp.solveset(part, t, sp.S.Reals)
        except (NotImplementedError, TypeError, ValueError):  # pragma: no cover - sympy gives up differently by version
            sol = None
        if sol is sp.S.EmptySet:  # solved, with no zero (e.g. a piecewise-linear Min/Max that keeps its sign)
            continue
        if not isinstance(sol, sp.FiniteSet):
            raise GameError(
                f"{caller}: cannot find the zeros of {_short(d)} in {t} exactly (sympy returned {_short(sol)}); "
                "use spe_sweep for a numerical answer."
            )
        out.extend(r for r in sol if r.is_real)
    return out


def _sorted_unique(values: list[sp.Expr]) -> list[sp.Expr]:
    values = sorted(values, key=lambda v: float(sp.N(v, 30)))
    out: list[sp.Expr] = []
    for v in values:
        if not out or _cmp(v, out[-1]) != 0:
            out.append(v)
    return out


def _range(ptree: ParametricTree, parameter: str, lo: Any, hi: Any, caller: str) -> tuple[sp.Expr, sp.Expr]:
    p = ptree.parameters[parameter]
    ends = []
    for what, v, bound, inf in (("lo", lo, p.lower, sp.S.NegativeInfinity), ("hi", hi, p.upper, sp.S.Infinity)):
        if v is None:
            ends.append(inf if bound is None else exact_value(bound))
            continue
        try:
            v = p.check(v, what=what)
        except GameError as err:
            raise GameError(f"{caller}: {err}") from None
        ends.append(exact_value(v))
    if _cmp(ends[0], ends[1]) >= 0:
        raise GameError(f"{caller}: the range of {parameter!r} must have lo < hi; got ({ends[0]}, {ends[1]}).")
    return ends[0], ends[1]


def spe_thresholds(
    ptree: ParametricTree,
    parameter: str,
    *,
    at: Mapping[str, Any] | None = None,
    lo: Any = None,
    hi: Any = None,
) -> TreeThresholdResult:
    """The exact values of one parameter where the subgame-perfect equilibrium changes.

    The equilibrium is the one backward induction finds with ties broken
    towards the lowest action index (as
    :func:`~gametheory_af.solvers.backward_induction.backward_induction_batch`);
    a threshold is a value where the choice at some decision node changes (on
    or off the equilibrium path; :attr:`TreeThresholdResult.outcome_thresholds`
    keeps those where the outcome changes).

    Parameters
    ----------
    ptree : ParametricTree
        A tree with perfect information (chance nodes allowed, their
        probabilities may depend on the parameter).
    parameter : str
        The parameter to vary.
    at : mapping, optional
        Values of the other parameters (defaults for those not given). Rational
        values keep the answer exact.
    lo, hi : number or str, optional
        The range to scan; default the parameter's bounds (an unbounded side is
        scanned to infinity). Must lie within the bounds.

    Returns
    -------
    TreeThresholdResult

    Raises
    ------
    GameError
        For an unknown parameter (in *parameter* or *at*), *parameter* also
        given in *at*, values outside the bounds, ``lo >= hi``, a tree with
        imperfect information, payoffs or probabilities that are not valid at
        an evaluated point (naming the node and the point), margins whose zeros
        sympy cannot find exactly (not rational functions of the parameter), or
        more work than the limit ``max_calls``.
    TypeError
        For a *ptree* that is not a ParametricTree or an *at* that is not a mapping.

    Notes
    -----
    The method refines a partition of the range. On an open interval, the
    equilibrium is computed exactly at a rational point inside (backward
    induction in rational arithmetic). With those choices fixed, every node's
    continuation value is an expression of the parameter, and so is each
    mover's *margin*: the value of her chosen action minus that of each other
    action. The zeros (and poles) of all margins inside the interval are found
    exactly; if there are none, every margin keeps the sign it has at the
    sample point throughout the interval, so (by induction from the deepest
    nodes) the same choices are the lowest-index subgame-perfect equilibrium on
    the whole interval. Otherwise the interval is split at these zeros and
    each part is treated the same way. Adjacent intervals with the same
    choices are merged; the remaining break points are the thresholds.

    Guarantee: when every payoff and probability is a rational function of the
    parameter (with rational coefficients at the fixed values of the others),
    the margins are rational functions, their zeros are found exactly (as
    rationals, square roots, or :class:`sympy.CRootOf` algebraic numbers), the
    refinement ends after finitely many steps (each break point is a zero of
    one of finitely many margins), and the thresholds and choices are exact.
    Floats in the expressions are read as the decimals they print as. Other
    expressions (``exp``, ``log``) are solved by :func:`sympy.solveset` when it
    returns a finite set, and refused otherwise. At a threshold itself ties
    are broken towards the lowest action index, which may match either side.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees import Decision
    >>> from gametheory_af.trees.parametric import ParametricTree
    >>> from gametheory_af.sensitivity.trees import spe_thresholds
    >>> entry = ParametricTree(
    ...     Decision("Entrant", {"Out": (0, 2),
    ...                          "In": Decision("Incumbent", {"Fight": (-1, "f"), "Accommodate": (1, 1)})}),
    ...     parameters=[gt.Parameter("f", -1, lower=-5, upper=5)])
    >>> res = spe_thresholds(entry, "f")
    >>> res.thresholds
    (1,)
    >>> print(res.describe())
    f in (-5, 1): outcome In/Accommodate; values Entrant: 1, Incumbent: 1
      at f = 1: Entrant at the root: In -> Out; Incumbent at node In: Accommodate -> Fight
    f in (1, 5): outcome Out; values Entrant: 0, Incumbent: 2
    """
    caller = "spe_thresholds"
    _check_ptree(ptree, caller)
    params = ptree.parameters
    if not isinstance(parameter, str) or parameter not in params:
        raise GameError(f"{caller}: unknown parameter {parameter!r}; parameters are {sorted(params)}.")
    if at is not None and not isinstance(at, Mapping):
        raise TypeError(f"{caller}: at must be a mapping parameter name -> value; got {_short(at)}.")
    at = dict(at or {})
    if parameter in at:
        raise GameError(f"{caller}: parameter {parameter!r} is varied, so it cannot also be in at.")
    fixed = ptree.resolve(at, caller)
    del fixed[parameter]
    a0, b0 = _range(ptree, parameter, lo, hi, caller)
    t = ptree.symbols[parameter]
    subs = {ptree.symbols[k]: exact_value(v) for k, v in fixed.items()}
    tree = _SymbolicTree(ptree, t, subs, caller)
    limit = 0
    work = [(a0, b0)]
    done: list[tuple[sp.Expr, sp.Expr, sp.Expr, list[int], list[Any]]] = []
    while work:
        limit += 1
        check_count(limit * max(1, len(tree.decision)), "max_calls", "interval refinements x decision nodes", caller)
        a, b = work.pop()
        m = _rational_inside(a, b)
        choice, _, prob = tree.spe_at(m, {**{k: str(v) for k, v in fixed.items()}, parameter: str(m)})
        vals = tree.values_under(choice)
        cuts = []
        for d in tree.margins(choice, vals):
            for r in tree.roots(d):
                if _cmp(r, a) > 0 and _cmp(r, b) < 0:
                    cuts.append(r)
        if not cuts:
            done.append((a, b, m, choice, prob))
            continue
        edges = [a, *_sorted_unique(cuts), b]
        work.extend(reversed(list(zip(edges[:-1], edges[1:]))))
    done.sort(key=lambda iv: float(sp.N(iv[2], 30)))
    merged: list[list[Any]] = []
    for a, b, m, choice, prob in done:
        if merged and merged[-1][3] == choice:
            merged[-1][1] = b
        else:
            merged.append([a, b, m, choice, prob])
    st = ptree.structure
    dec = np.flatnonzero(st.node_players >= 0)
    intervals = []
    for a, b, m, choice, prob in merged:
        root = tree.values_under(choice)[0]
        outcome = tree.outcome(choice, prob)
        intervals.append(
            SPEInterval(
                lo=a,
                hi=b,
                sample=m,
                choices=tuple(choice[n] for n in dec.tolist()),
                actions=tuple(st.node_actions(n)[choice[n]] for n in dec.tolist()),
                outcome=outcome,
                paths=_paths(st, outcome),
                values=tuple(sp.simplify(v) if v.free_symbols else v for v in root),
            )
        )
    return TreeThresholdResult(
        parameter=parameter,
        over=(a0, b0),
        fixed=fixed,
        thresholds=tuple(iv.lo for iv in intervals[1:]),
        intervals=tuple(intervals),
        decision_nodes=tuple(dec.tolist()),
        node_names=_decision_names(st, dec),
        players=st.players,
    )


# ============================================================================ sweeps
@dataclass(frozen=True, eq=False)
class TreeSweepResult(ResultMixin):
    """The subgame-perfect equilibrium of a parametric tree at every point of a sweep.

    Parameters
    ----------
    parameters, values, outcome, outcomes, paths, choices, decision_nodes : see Attributes
    node_names, players, grid_shape, chunk_size : see Attributes
        Each sets the attribute of the same name.
    _points : object, optional
        Internal: the sweep's points, read by :attr:`points`.

    Attributes
    ----------
    parameters : tuple of str
        The parameters varied (the others were at their defaults).
    values : numpy.ndarray of float64, shape (N, n_players)
        Each player's subgame-perfect payoff at the root.
    outcome : numpy.ndarray of int64, shape (N,)
        The outcome at each point, as an index into ``outcomes``.
    outcomes : tuple of tuple of int
        The distinct outcomes met: the terminal nodes reached with positive
        probability (one node when there is no chance move on the path).
    paths : tuple of tuple of tuple of str
        For each outcome, the action names leading to each of its terminal nodes.
    choices : numpy.ndarray or None, shape (N, n_decision_nodes)
        The action index chosen at each decision node (the smallest integer
        type that holds them); ``None`` with ``keep_choices=False``.
    decision_nodes : tuple of int
        The decision nodes (columns of ``choices``).
    node_names : tuple of str
        "player at node path" for each decision node.
    players : tuple of str
    grid_shape : tuple of int or None
        The axis lengths when the points were a :func:`~gametheory_af.sensitivity.grid`.
    chunk_size : int

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees import Decision
    >>> from gametheory_af.trees.parametric import ParametricTree
    >>> from gametheory_af.sensitivity.trees import spe_sweep
    >>> pt = ParametricTree(Decision("A", {"x": ("c", 0), "y": (1, 1)}), players=["A", "B"],
    ...                     parameters=[gt.Parameter("c", 0, lower=-3, upper=3)])
    >>> res = spe_sweep(pt, {"c": [0.0, 2.0, 3.0]})
    >>> res.outcome.tolist(), res.paths, res.values[:, 0].tolist()
    ([0, 1, 1], ((('y',),), (('x',),)), [1.0, 2.0, 3.0])
    """

    parameters: tuple[str, ...]
    values: np.ndarray
    outcome: np.ndarray
    outcomes: tuple[tuple[int, ...], ...]
    paths: tuple[tuple[tuple[str, ...], ...], ...]
    choices: np.ndarray | None
    decision_nodes: tuple[int, ...]
    node_names: tuple[str, ...]
    players: tuple[str, ...]
    grid_shape: tuple[int, ...] | None = None
    chunk_size: int = 0
    _points: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for v in (self.values, self.outcome, self.choices):
            if v is not None:
                v.setflags(write=False)

    def __len__(self) -> int:
        return int(self.outcome.shape[0])

    @property
    def points(self) -> dict[str, np.ndarray]:
        """Parameter name -> values at each point (materialized on access for a grid, within the limits)."""
        points: dict[str, np.ndarray] = self._points.to_arrays()
        return points

    @property
    def terminal(self) -> np.ndarray:
        """The terminal node reached at each point, -1 where chance makes it uncertain."""
        single = np.array([o[0] if len(o) == 1 else -1 for o in self.outcomes], dtype=np.int64)
        out: np.ndarray = single[self.outcome]
        return out

    def counts(self) -> dict[str, int]:
        """Outcome (as its paths) -> the number of points where it is the equilibrium outcome.

        Returns
        -------
        dict of str to int
        """
        n = np.bincount(self.outcome, minlength=len(self.outcomes))
        return {_path_label(p): int(k) for p, k in zip(self.paths, n.tolist())}

    def choice(self, node: int) -> np.ndarray:
        """The action index chosen at decision *node* at every point.

        Parameters
        ----------
        node : int
            A decision node (breadth-first number).

        Returns
        -------
        numpy.ndarray of shape (N,)

        Raises
        ------
        GameError
            If *node* is not a decision node, or the sweep did not keep its choices.
        """
        if self.choices is None:
            raise GameError("TreeSweepResult.choice: this sweep ran with keep_choices=False.")
        if node not in self.decision_nodes:
            raise GameError(f"TreeSweepResult.choice: node {node!r} is not a decision node; they are {self.decision_nodes}.")
        return np.asarray(self.choices[:, self.decision_nodes.index(node)])

    def describe(self) -> str:
        """Each outcome met, with its share of the points.

        Returns
        -------
        str
        """
        n = len(self)
        return "\n".join(f"{label}: {k} of {n} points ({k / n:.1%})" for label, k in self.counts().items())

    def __repr__(self) -> str:
        return f"TreeSweepResult(n_points={len(self)}, parameters={list(self.parameters)}, n_outcomes={len(self.outcomes)})"


def _points_source(ptree: ParametricTree, points: Any, caller: str) -> Any:
    if isinstance(points, Grid):
        src: Any = points
    elif isinstance(points, Mapping):
        src = _Sample(points, caller)
    else:
        raise GameError(f"{caller}: points must be a mapping name -> 1-D array or a grid(...); got {type(points).__name__}.")
    params = ptree.parameters
    unknown = [k for k in src.names if k not in params]
    if unknown:
        raise GameError(f"{caller}: unknown parameter(s) {unknown} in points; parameters are {sorted(params)}.")
    arrays = src.axes if isinstance(src, Grid) else src.to_arrays()
    for k, a in arrays.items():
        try:
            params[k].check_array(a)
        except GameError as err:
            raise GameError(f"{caller}: points[{k!r}]: {err}") from None
    return src


def _reached_terminals(game: ExtensiveFormGame, choices: np.ndarray, prob: np.ndarray) -> np.ndarray:
    """Boolean ``(n_terminals, B)``: the terminal nodes reached with positive probability, level by level."""
    reach = np.zeros(choices.shape, dtype=bool)
    reach[0] = True
    par, acts, who = game.parents, game.actions_in, game.node_players
    for lo, hi in game.levels[1:]:
        p = par[lo:hi]
        ok = np.where((who[p] >= 0)[:, None], choices[p] == acts[lo:hi][:, None], prob[lo:hi] > 0)
        reach[lo:hi] = reach[p] & ok
    out: np.ndarray = reach[game.terminals]
    return out


def _outcome_codes(reached: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group the points by their set of reached terminals: ``(group per point, first point of each group)``.

    Each column is hashed by a random 64-bit linear form (wrapping), grouped by
    the hash, and every point is then checked against its group's first point:
    a collision (never seen) falls back to sorting the columns themselves.
    """
    weights = np.asarray(np.random.default_rng(0x5EED).integers(1, 2**63, size=reached.shape[0]), dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = (weights[:, None] * reached).sum(axis=0, dtype=np.uint64)
    _, first, inverse = np.unique(h, return_index=True, return_inverse=True)
    inverse = np.asarray(inverse).ravel()
    if not np.array_equal(reached, reached[:, first[inverse]]):  # pragma: no cover - a 64-bit hash collision
        packed = np.packbits(reached, axis=0).T
        _, first, inverse = np.unique(packed, axis=0, return_index=True, return_inverse=True)
        inverse = np.asarray(inverse).ravel()
    return inverse, first


def spe_sweep(
    ptree: ParametricTree,
    points: Mapping[str, Any] | Grid,
    *,
    chunk_size: int | None = None,
    keep_choices: bool = True,
    progress: bool = False,
) -> TreeSweepResult:
    """The subgame-perfect equilibrium of a parametric tree at many parameter points, vectorized.

    Parameters
    ----------
    ptree : ParametricTree
        A tree with perfect information (chance nodes allowed).
    points : mapping name -> 1-D array, or Grid
        A sample (equal-length arrays of finite values within the parameters'
        bounds; parameters not given take their defaults) or the cartesian
        product built by :func:`~gametheory_af.sensitivity.grid`.
    chunk_size : int, optional
        Points per chunk (>= 1); by default as many as keep one chunk's node
        values (``chunk_size * n_nodes * (n_players + 1)`` numbers) near 2^21 entries.
        The answer does not depend on it.
    keep_choices : bool, default True
        Keep the choice at every decision node and point (``N * n_decision_nodes``
        small integers); with False only the outcomes and root values are kept.
    progress : bool, default False
        Show a :mod:`tqdm` bar over the points, advanced per chunk (the
        ``progress`` extra).

    Returns
    -------
    TreeSweepResult

    Raises
    ------
    GameError
        For unknown parameters, values that are not finite or outside bounds,
        mismatched lengths, empty points, a tree with imperfect information,
        a payoff that is not finite or a probability that is negative at a
        point (naming the node and the point), or a result or chunk beyond the
        limits (:func:`gametheory_af.set_limits`), all before the first chunk
        is computed except the point-wise ones; ``progress=True`` without tqdm installed.
    TypeError
        For a *ptree* that is not a ParametricTree or a bad *chunk_size* / *keep_choices* / *progress*.

    Notes
    -----
    Each chunk is one call of :meth:`ParametricTree.evaluate_nodes
    <gametheory_af.trees.parametric.ParametricTree.evaluate_nodes>` (the
    payoffs compiled once by :func:`sympy.lambdify`) and one backward
    induction over the whole chunk: no Python loop over points. The induction
    is that of
    :func:`~gametheory_af.solvers.backward_induction.backward_induction_batch`
    (level by level, ties to the lowest action index on exactly equal float64
    values, the same choices and values), run with the points on the last
    axis, where each node's values are contiguous over the points (3 to 5
    times faster on batches than the points-first layout), and with one
    vector of chance probabilities per point, so probabilities may depend on
    the parameters. Float ties at a threshold are decided by float64
    arithmetic; :func:`spe_thresholds` gives the exact values.

    Examples
    --------
    >>> import numpy as np, gametheory_af as gt
    >>> from gametheory_af.trees import Decision
    >>> from gametheory_af.trees.parametric import ParametricTree
    >>> from gametheory_af.sensitivity import grid
    >>> from gametheory_af.sensitivity.trees import spe_sweep
    >>> entry = ParametricTree(
    ...     Decision("Entrant", {"Out": (0, 2),
    ...                          "In": Decision("Incumbent", {"Fight": (-1, "f"), "Accommodate": (1, 1)})}),
    ...     parameters=[gt.Parameter("f", -1, lower=-5, upper=5)])
    >>> res = spe_sweep(entry, grid(f=np.linspace(-5, 5, 11)))
    >>> print(res.describe())
    In/Accommodate: 6 of 11 points (54.5%)
    Out: 5 of 11 points (45.5%)
    >>> res.choice(2).tolist()
    [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    """
    caller = "spe_sweep"
    _check_ptree(ptree, caller)
    src = _points_source(ptree, points, caller)
    keep = check_bool(keep_choices, "keep_choices", caller)
    progress = check_progress(progress, caller)
    st = ptree.structure
    n_nodes, P = st.n_nodes, st.n_players
    if chunk_size is None:
        chunk = max(1, (1 << 21) // max(1, n_nodes * (P + 1)))
    else:
        chunk = check_int(chunk_size, "chunk_size", caller, minimum=1)
    N = src.size
    if N == 0:  # pragma: no cover - _Sample and Grid refuse empty axes
        raise GameError(f"{caller}: points are empty.")
    B = min(chunk, N)
    try:
        check_bytes(B * n_nodes * (P + 2) + B * ptree.n_terminals * P, 8, "node values in one chunk", caller)
    except GameError as err:
        raise GameError(f"{err} Or lower chunk_size (got {chunk:,}).") from None
    dec = np.flatnonzero(st.node_players >= 0)
    widest = int(st.n_children.max(initial=1))
    ctype = np.int8 if widest <= 127 else (np.int16 if widest <= 32767 else np.int32)
    check_bytes(N * (P + 1), 8, "root values and outcomes, one per point", caller)
    if keep:
        check_bytes(N * dec.size, np.dtype(ctype).itemsize, "choices, one per point and decision node", caller)
    values = np.empty((N, P), dtype=np.float64)
    outcome = np.empty(N, dtype=np.int64)
    choices = np.empty((N, dec.size), dtype=ctype) if keep else None
    codes: dict[bytes, int] = {}
    outcomes: list[tuple[int, ...]] = []
    terms = st.terminals
    bar = progress_bar(progress, caller, N, unit="pt")
    for start in range(0, N, chunk):
        stop = min(N, start + chunk)
        pay, prob = ptree.evaluate_nodes(src.chunk(start, stop))
        v, c = induction_points_last(st, pay, prob)
        values[start:stop] = v[0].T
        if choices is not None:
            choices[start:stop] = c[dec].T
        reached = _reached_terminals(st, c, prob)
        group, first = _outcome_codes(reached)
        local = np.empty(first.size, dtype=np.int64)
        for k in np.argsort(first).tolist():  # codes in order of first appearance
            col = reached[:, int(first[k])]
            key = np.packbits(col).tobytes()
            if key not in codes:
                codes[key] = len(outcomes)
                outcomes.append(tuple(int(x) for x in terms[col].tolist()))
            local[k] = codes[key]
        outcome[start:stop] = local[group]
        bar.update(stop - start)
    bar.close()
    return TreeSweepResult(
        parameters=src.names,
        values=values,
        outcome=outcome,
        outcomes=tuple(outcomes),
        paths=tuple(_paths(st, o) for o in outcomes),
        choices=choices,
        decision_nodes=tuple(dec.tolist()),
        node_names=_decision_names(st, dec),
        players=st.players,
        grid_shape=src.shape if isinstance(src, Grid) else None,
        chunk_size=chunk,
        _points=src,
    )

