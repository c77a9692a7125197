"""Parametric game trees: terminal payoffs and chance probabilities as expressions of named parameters.

A :class:`ParametricTree` is built like :meth:`ExtensiveFormGame.from_tree
<gametheory_af.ExtensiveFormGame.from_tree>` (nested :class:`~gametheory_af.trees.Decision`,
:class:`~gametheory_af.trees.Chance` and :class:`~gametheory_af.trees.Terminal` data), except that
every terminal payoff and every chance probability may be an expression in declared
:class:`~gametheory_af.Parameter` objects: a sympy expression, or text such as ``"2 - f"`` read by
the safe parser of ``gametheory_af._expr`` (nothing is executed; never :func:`sympy.sympify`).

The tree's structure (players, actions, information sets) is fixed; only numbers vary. The
structure is built once, with placeholder numbers, by :meth:`ExtensiveFormGame.from_tree
<gametheory_af.ExtensiveFormGame.from_tree>` (so every structural check applies), and the
expressions are kept per terminal and player, and per chance edge, in the breadth-first order of
:mod:`gametheory_af.trees.game`.

:meth:`ParametricTree.at` gives the :class:`~gametheory_af.ExtensiveFormGame` at one parameter
point (exact when the values are rational); :meth:`ParametricTree.payoffs_batch` and
:meth:`ParametricTree.probabilities_batch` evaluate many points at once through one
:func:`sympy.lambdify`-compiled numpy function (the one :meth:`ParametricGame.batch
<gametheory_af.ParametricGame.batch>` uses). Thresholds and sweeps of the subgame-perfect outcome
are in :mod:`gametheory_af.sensitivity.trees`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from .._expr import sympy_number, to_expr
from .._limits import check_count
from .._validation import _short, is_rational_scalar
from ..exceptions import GameError
from ..parametric import Parameter, ParametricGame
from .game import CHANCE, Chance, Decision, ExtensiveFormGame, Terminal, _check_acyclic, _path_text

__all__ = ["ParametricTree"]

_CALLER = "ParametricTree"
_PROB_TOL = 1e-9  # float chance probabilities must sum to one within this (as in ExtensiveFormGame)


def _payoff_row(obj: Any) -> tuple[Any, ...] | None:
    """The payoffs of a terminal node of nested data, or ``None`` when *obj* is not a terminal."""
    if isinstance(obj, Terminal):
        return obj.payoffs
    if isinstance(obj, np.ndarray):
        return tuple(np.asarray(obj, dtype=object).ravel().tolist())
    if isinstance(obj, (tuple, list)):
        return tuple(obj)
    return None


class ParametricTree:
    """A game tree whose terminal payoffs and chance probabilities are expressions of named parameters.

    Parameters
    ----------
    tree : Decision, Chance or Terminal
        The root, nested as for :meth:`ExtensiveFormGame.from_tree
        <gametheory_af.ExtensiveFormGame.from_tree>`. Each payoff and chance
        probability is a number, a sympy expression in the parameters' symbols,
        or an expression string such as ``"1 - p"`` (read by the safe parser of
        ``gametheory_af._expr``).
    parameters : sequence of Parameter, or mapping name -> default / Parameter
        As for :class:`~gametheory_af.ParametricGame`: names, defaults and
        bounds. Every free symbol of an expression must be declared.
    players : sequence of str, optional
        Player names, as for :meth:`ExtensiveFormGame.from_tree
        <gametheory_af.ExtensiveFormGame.from_tree>`.
    title : str, default ""

    Raises
    ------
    GameError
        For any malformed structure (as :meth:`ExtensiveFormGame.from_tree
        <gametheory_af.ExtensiveFormGame.from_tree>`), an expression that uses an
        undeclared parameter (named), text that is not an accepted expression,
        a payoff that is a non-finite constant, or the chance probabilities of
        a node whose sum is not identically 1 (naming the node and the sum).
        Probabilities that are negative at some parameter values are refused
        where they are evaluated (:meth:`at`, the batches), naming the node and
        the point.
    TypeError
        For a node or value of an unknown type.

    Notes
    -----
    A ParametricTree is an immutable value: it compares by value (the same
    structure and parameters, and expressions whose difference simplifies to
    zero), hashes by structure and parameter names, and pickles.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees import Decision
    >>> from gametheory_af.trees.parametric import ParametricTree
    >>> pt = ParametricTree(
    ...     Decision("Entrant", {"Out": (0, 2),
    ...                          "In": Decision("Incumbent", {"Fight": (-1, "f"), "Accommodate": (1, 1)})}),
    ...     parameters=[gt.Parameter("f", -1, lower=-5, upper=5, description="incumbent's payoff from fighting")],
    ... )
    >>> pt.payoffs[:, 1].tolist()
    [2, f, 1]
    >>> pt.at(f=2).exact_terminal_payoffs()[1].tolist()
    [Fraction(-1, 1), Fraction(2, 1)]
    >>> pt.payoffs_batch({"f": [0.0, 3.0]})[:, 1, 1]
    array([0., 3.])
    """

    __slots__ = (
        "_structure",
        "_params",
        "_symbols",
        "_payoffs",
        "_chance_edges",
        "_probs",
        "_parametric_chance",
        "_engine",
        "_rebuild",
    )
    _structure: ExtensiveFormGame
    _params: dict[str, Parameter]
    _symbols: dict[str, sp.Symbol]
    _payoffs: np.ndarray
    _chance_edges: np.ndarray
    _probs: tuple[sp.Expr, ...]
    _parametric_chance: tuple[int, ...]
    _engine: ParametricGame
    _rebuild: dict[str, Any]

    def __init__(
        self,
        tree: Any,
        *,
        parameters: Sequence[Parameter] | Mapping[str, Any],
        players: Sequence[str] | None = None,
        title: str = "",
    ) -> None:
        params = _parameters(parameters)
        symbols = {name: sp.Symbol(name, real=True) for name in params}
        _check_acyclic(tree, _CALLER)
        # Breadth-first walk, in the order of ExtensiveFormGame.from_tree: collect the raw payoffs
        # and chance probabilities, then rebuild the same tree with placeholder numbers.
        queue: list[Any] = [tree]
        kids: list[list[int]] = []
        rows: list[tuple[Any, ...]] = []
        raw_probs: list[tuple[Any, ...]] = []
        head = 0
        while head < len(queue):
            obj = queue[head]
            head += 1
            if head % 65536 == 0:
                check_count(head, "max_entries", "tree nodes", _CALLER)
            children: list[Any] = []
            if isinstance(obj, Decision):
                children = [c for _, c in obj.actions]
            elif isinstance(obj, Chance):
                children = [c for _, _, c in obj.outcomes]
                raw_probs.append(tuple(p for _, p, _ in obj.outcomes))
            else:
                row = _payoff_row(obj)
                if row is not None:
                    rows.append(row)
            kids.append(list(range(len(queue), len(queue) + len(children))))
            queue.extend(children)
        placeholder: list[Any] = [None] * len(queue)
        for n in range(len(queue) - 1, -1, -1):
            obj = queue[n]
            if isinstance(obj, Decision):
                placeholder[n] = Decision(
                    obj.player, tuple((a, placeholder[c]) for (a, _), c in zip(obj.actions, kids[n])),
                    infoset=obj.infoset, label=obj.label,
                )
            elif isinstance(obj, Chance):
                ps = [Fraction(1, max(1, len(obj.outcomes)))] * len(obj.outcomes)
                placeholder[n] = Chance(
                    tuple((a, p, placeholder[c]) for (a, _, _), p, c in zip(obj.outcomes, ps, kids[n])), label=obj.label
                )
            else:
                row = _payoff_row(obj)
                if row is None:
                    placeholder[n] = obj  # from_tree names what is wrong with it
                else:
                    placeholder[n] = Terminal(tuple(0 for _ in row), label=obj.label if isinstance(obj, Terminal) else "")
        structure = ExtensiveFormGame.from_tree(placeholder[0], players=players, title=title)
        names = structure.players
        n_players = structure.n_players
        terminals = structure.terminals.tolist()
        flat: list[sp.Expr] = []
        for row, node in zip(rows, terminals):
            where = _path_text(structure.path(node))
            for i, v in enumerate(row):
                e = _expr(v, symbols, params, f"payoff of {names[i]!r} at {where}")
                if e.is_number and not (e.is_real and e.is_finite):
                    raise GameError(f"{_CALLER}: the payoff of {names[i]!r} at {where} must be real and finite; got {e}.")
                flat.append(e)
        flat_arr = np.empty(len(flat), dtype=object)
        flat_arr[:] = flat
        pay: np.ndarray = flat_arr.reshape(len(terminals), n_players)
        pay.setflags(write=False)
        chance_nodes = np.flatnonzero(structure.node_players == CHANCE)
        edges: list[int] = []
        probs: list[sp.Expr] = []
        parametric: list[int] = []
        for node, raw in zip(chance_nodes.tolist(), raw_probs):
            where = _path_text(structure.path(node))
            acts = structure.node_actions(node)
            es = [_expr(p, symbols, params, f"chance probability {a!r} at {where}") for a, p in zip(acts, raw)]
            first = int(structure.first_child[node])
            edges.extend(range(first, first + len(es)))
            probs.extend(es)
            if all(e.is_number for e in es):
                _check_constant_probabilities(es, acts, where)
                continue
            parametric.append(node)
            total = sp.Add(*es)
            if total != 1 and sp.cancel(total - 1) != 0 and sp.simplify(total - 1) != 0:
                raise GameError(
                    f"{_CALLER}: the chance probabilities at {where} sum to {total}, which is not 1 for every "
                    "parameter value."
                )
        rebuild = _rebuild_args(structure)
        if any(e.is_number for e in probs):
            # the structure carries the parameter-free chance probabilities (uniform ones where they vary)
            edge = np.array(structure.edge_probabilities)
            exact: list[Fraction] | None = list(structure.exact_edge_probabilities())
            for node, e in zip(edges, probs):
                if e.is_number:
                    edge[node] = float(e)
                    if exact is not None:
                        if e.is_Rational:
                            exact[node] = Fraction(int(e.p), int(e.q))
                        else:
                            exact = None
            structure = ExtensiveFormGame._build(
                edge_prob=edge, exact_prob=exact, payoffs=np.zeros((len(terminals), n_players)),
                exact_payoffs=[[Fraction(0)] * n_players for _ in terminals], caller=_CALLER, **rebuild,
            )
        object.__setattr__(self, "_structure", structure)
        object.__setattr__(self, "_params", params)
        object.__setattr__(self, "_symbols", symbols)
        object.__setattr__(self, "_payoffs", pay)
        object.__setattr__(self, "_chance_edges", _readonly(np.asarray(edges, dtype=np.int64)))
        object.__setattr__(self, "_probs", tuple(probs))
        object.__setattr__(self, "_parametric_chance", tuple(parametric))
        object.__setattr__(self, "_engine", _engine(pay, probs, params))
        object.__setattr__(self, "_rebuild", rebuild)

    # ------------------------------------------------------------------ properties
    @property
    def structure(self) -> ExtensiveFormGame:
        """The tree's structure as a game: payoffs 0, the chance probabilities that are constant, uniform ones where they vary.

        Its node arrays (``parents``, ``node_players``, ``terminals``, ...) are
        those of every game :meth:`at` returns.
        """
        return self._structure

    @property
    def payoffs(self) -> np.ndarray:
        """Read-only object array of sympy expressions, shape ``(n_terminals, n_players)`` (rows as ``structure.terminals``)."""
        return self._payoffs

    @property
    def chance_edges(self) -> np.ndarray:
        """The nodes whose parent is a chance node (breadth-first order), one per entry of :attr:`probabilities`."""
        return self._chance_edges

    @property
    def probabilities(self) -> tuple[sp.Expr, ...]:
        """The chance probability of the edge into each node of :attr:`chance_edges`, as expressions."""
        return self._probs

    @property
    def has_parametric_chance(self) -> bool:
        """True when some chance probability depends on a parameter."""
        return bool(self._parametric_chance)

    @property
    def parametric_chance_nodes(self) -> tuple[int, ...]:
        """The chance nodes whose probabilities depend on a parameter."""
        return self._parametric_chance

    @property
    def parameters(self) -> dict[str, Parameter]:
        """Parameter name -> :class:`~gametheory_af.Parameter`."""
        return dict(self._params)

    @property
    def symbols(self) -> dict[str, sp.Symbol]:
        """Parameter name -> sympy symbol (declared real)."""
        return dict(self._symbols)

    @property
    def defaults(self) -> dict[str, Any]:
        """Parameter name -> default value."""
        return {k: p.default for k, p in self._params.items()}

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._structure.players

    @property
    def n_players(self) -> int:
        """Number of players."""
        return self._structure.n_players

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return self._structure.n_nodes

    @property
    def n_terminals(self) -> int:
        """Number of terminal nodes."""
        return self._structure.n_terminals

    @property
    def title(self) -> str:
        """The title."""
        return self._structure.title

    def payoff_expr(self, node: int, player: int | str) -> sp.Expr:
        """The payoff expression of *player* at terminal *node*.

        Parameters
        ----------
        node : int
            A terminal node (breadth-first number).
        player : int or str
            The player (index or name).

        Returns
        -------
        sympy.Expr

        Raises
        ------
        GameError
            If *node* is not a terminal node or *player* is unknown.

        Examples
        --------
        >>> from gametheory_af.trees import Decision
        >>> from gametheory_af.trees.parametric import ParametricTree
        >>> pt = ParametricTree(Decision("A", {"x": ("c", 0), "y": (1, 1)}), parameters={"c": 0}, players=["A", "B"])
        >>> pt.payoff_expr(1, "A")
        c
        """
        i = self._structure.player_index(player)
        if isinstance(node, bool) or not isinstance(node, (int, np.integer)) or not 0 <= int(node) < self.n_nodes:
            raise GameError(f"payoff_expr: node must be a node number in 0..{self.n_nodes - 1}; got {_short(node)}.")
        row = int(self._structure.terminal_index[int(node)])
        if row < 0:
            raise GameError(f"payoff_expr: node {int(node)} ({_path_text(self._structure.path(int(node)))}) is not terminal.")
        return self._payoffs[row, i]

    # ------------------------------------------------------------------ values
    def resolve(self, values: Mapping[str, Any], caller: str = "at") -> dict[str, Any]:
        """Every parameter's value: those of *values* (checked against bounds), defaults for the rest.

        Parameters
        ----------
        values : mapping
            Parameter name -> number (or text read by the safe parser).
        caller : str, default "at"
            The name used in error messages.

        Returns
        -------
        dict
            Parameter name -> value, in declaration order.

        Raises
        ------
        GameError
            For an unknown parameter name or a value outside its bounds.
        TypeError
            When *values* is not a mapping.

        Examples
        --------
        >>> from gametheory_af.trees.parametric import ParametricTree
        >>> ParametricTree(("c",), parameters={"c": 1, "d": 2}).resolve({"d": "1/2"})
        {'c': 1, 'd': Fraction(1, 2)}
        """
        if not isinstance(values, Mapping):
            raise TypeError(f"{caller}: the point must be a mapping parameter name -> value; got {_short(values)}.")
        unknown = [k for k in values if k not in self._params]
        if unknown:
            raise GameError(f"{caller}: unknown parameter(s) {unknown}; parameters are {sorted(self._params)}.")
        out = {}
        for name, p in self._params.items():
            try:
                out[name] = p.check(values[name]) if name in values else p.default
            except GameError as err:
                raise GameError(f"{caller}: {err}") from None
        return out

    def at(self, point: Mapping[str, Any] | None = None, /, **values: Any) -> ExtensiveFormGame:
        """The game at one parameter point (defaults for parameters not given).

        Exact when every value is rational (``int``, ``Fraction``, sympy
        ``Rational``, text such as ``"1/3"``) and every expression evaluates to
        a rational there: the game then keeps exact payoffs and probabilities.

        Parameters
        ----------
        point : mapping, optional
            Parameter name -> value.
        **values
            Parameter values by name (merged with *point*).

        Returns
        -------
        ExtensiveFormGame
            With the structure of :attr:`structure`.

        Raises
        ------
        GameError
            For an unknown parameter, a value outside its bounds, a payoff that
            is not finite at the point, or chance probabilities that are
            negative or do not sum to one there (naming the node and the point).

        Examples
        --------
        >>> from gametheory_af.trees import Chance
        >>> from gametheory_af.trees.parametric import ParametricTree
        >>> pt = ParametricTree(Chance({"H": ("p", (1,)), "T": ("1 - p", (0,))}), parameters={"p": "1/2"})
        >>> pt.at(p="1/3").chance_probabilities(0, exact=True)
        (Fraction(1, 3), Fraction(2, 3))
        >>> pt.at(p=2)
        Traceback (most recent call last):
        ...
        gametheory_af.exceptions.GameError: at: chance probability 'T' at the root is -1 at {'p': 2}; probabilities must be >= 0.
        """
        merged = dict(point or {})
        merged.update(values)
        vals = self.resolve(merged, "at")
        if all(is_rational_scalar(v) for v in vals.values()):
            subs = {self._symbols[k]: sympy_number(v) for k, v in vals.items()}
            pay = [self._exact_at(e, subs, j, vals) for j, e in enumerate(self._payoffs.ravel().tolist())]
            k0 = self._payoffs.size
            pr = [self._exact_at(e, subs, k0 + j, vals) for j, e in enumerate(self._probs)]
            if all(isinstance(x, Fraction) for x in pay + pr):
                self._check_exact_probabilities(pr, vals)
                return self._game(np.array(pay, dtype=np.float64), pay, np.array(pr, dtype=np.float64), pr)
        payf, probf = self._evaluate({k: np.asarray([float(v)]) for k, v in vals.items()}, "at")
        return self._game(payf[:, :, 0].ravel(), None, probf[self._chance_edges, 0], None)

    def _exact_at(self, e: sp.Expr, subs: Mapping[sp.Symbol, sp.Expr], j: int, vals: Mapping[str, Any]) -> Any:
        r = e.xreplace(subs) if e.free_symbols else e
        if not (r.is_number and r.is_finite and r.is_real):
            raise GameError(f"at: {self._entry_name(j)} = {e} is {r} at {dict(vals)}, not a finite real number.")
        return Fraction(int(r.p), int(r.q)) if r.is_Rational else float(r)

    def _check_exact_probabilities(self, pr: list[Any], vals: Mapping[str, Any]) -> None:
        st = self._structure
        edges = self._chance_edges.tolist()
        for j, p in enumerate(pr):
            if p < 0:
                node = int(st.parents[edges[j]])
                a = st.node_actions(node)[int(st.actions_in[edges[j]])]
                raise GameError(
                    f"at: chance probability {a!r} at {_path_text(st.path(node))} is {p} at {dict(vals)}; "
                    "probabilities must be >= 0."
                )

    def _game(self, pay: np.ndarray, exact_pay: list[Any] | None, prob: np.ndarray, exact_prob: list[Any] | None) -> ExtensiveFormGame:
        st = self._structure
        n = st.n_nodes
        edge = np.ones(n, dtype=np.float64)
        edge[self._chance_edges] = prob
        ex: list[Fraction] | None = None
        if exact_prob is not None:
            ex = [Fraction(1)] * n
            for node, p in zip(self._chance_edges.tolist(), exact_prob):
                ex[node] = p
        rows = None
        if exact_pay is not None:
            k = st.n_players
            rows = [exact_pay[r * k:(r + 1) * k] for r in range(st.n_terminals)]
        return ExtensiveFormGame._build(
            edge_prob=edge,
            exact_prob=ex,
            payoffs=np.asarray(pay, dtype=np.float64).reshape(st.n_terminals, st.n_players),
            exact_payoffs=rows,
            caller="ParametricTree.at",
            **self._rebuild,
        )

    def _entry_name(self, j: int) -> str:
        """The name of entry *j* of the evaluation engine (payoffs row-major, then chance edges)."""
        st = self._structure
        k = self._payoffs.size
        if j < k:
            r, i = divmod(j, st.n_players)
            return f"the payoff of {st.players[i]!r} at {_path_text(st.path(int(st.terminals[r])))}"
        child = int(self._chance_edges[j - k])
        node = int(st.parents[child])
        a = st.node_actions(node)[int(st.actions_in[child])]
        return f"chance probability {a!r} at {_path_text(st.path(node))}"

    def _evaluate(self, cols: Mapping[str, Any], caller: str) -> tuple[np.ndarray, np.ndarray]:
        """Payoffs ``(n_terminals, n_players, B)`` and edge probabilities ``(n_nodes, B)`` (points last), checked."""
        try:
            out = self._engine.batch(**cols)[:, 0, :]
        except GameError as err:
            msg = re.sub(r"^batch:", f"{caller}:", str(err))
            if not msg.startswith(f"{caller}:"):
                msg = f"{caller}: {msg}"
            m = re.search(r"payoff\[0, (\d+)\]", msg)
            if m is not None:
                msg = msg.replace(m.group(0), self._entry_name(int(m.group(1))), 1)
            raise GameError(msg) from None
        entries = out.T  # (K, B): each entry contiguous over the points (ParametricGame.batch's own layout)
        B = entries.shape[1]
        st = self._structure
        k = self._payoffs.size
        pay = entries[:k].reshape(st.n_terminals, st.n_players, B)
        prob = np.ones((st.n_nodes, B), dtype=np.float64)
        if self._probs:
            prob[self._chance_edges] = entries[k:]
            if self._parametric_chance:
                self._check_batch_probabilities(prob, cols, caller)
        return pay, prob

    def _check_batch_probabilities(self, prob: np.ndarray, cols: Mapping[str, Any], caller: str) -> None:
        st = self._structure
        names = list(self._params)

        def point(b: int) -> dict[str, float]:
            return {
                k: float(np.broadcast_to(np.asarray(cols[k], dtype=np.float64), (prob.shape[1],))[b])
                if k in cols else float(self._params[k].default)
                for k in names
            }

        edges = self._chance_edges
        neg = prob[edges] < 0
        if neg.any():
            b = int(np.flatnonzero(neg.any(axis=0))[0])
            j = int(np.flatnonzero(neg[:, b])[0])
            child = int(edges[j])
            node = int(st.parents[child])
            a = st.node_actions(node)[int(st.actions_in[child])]
            raise GameError(
                f"{caller}: chance probability {a!r} at {_path_text(st.path(node))} is {float(prob[child, b])!r} "
                f"at point {b} {point(b)}; probabilities must be >= 0."
            )
        for node in self._parametric_chance:
            a0 = int(st.first_child[node])
            total = prob[a0:a0 + int(st.n_children[node])].sum(axis=0)
            bad = np.abs(total - 1.0) > _PROB_TOL
            if bad.any():  # pragma: no cover - the sum is checked to be identically 1 at construction
                b = int(np.flatnonzero(bad)[0])
                raise GameError(
                    f"{caller}: the chance probabilities at {_path_text(st.path(node))} sum to {float(total[b])!r} "
                    f"at point {b} {point(b)}, not 1."
                )

    def _columns(self, points: Any, arrays: Mapping[str, Any], caller: str) -> dict[str, Any]:
        if points is None:
            cols = dict(arrays)
        elif isinstance(points, Mapping):
            cols = dict(points)
            for k in arrays:
                if k in cols:
                    raise GameError(f"{caller}: parameter {k!r} is given twice (in points and by keyword).")
            cols.update(arrays)
        else:
            raise TypeError(f"{caller}: points must be a mapping parameter name -> 1-D array; got {_short(points)}.")
        return cols

    def payoffs_batch(self, points: Mapping[str, Any] | None = None, /, **arrays: Any) -> np.ndarray:
        """Terminal payoffs at many parameter points at once (float64).

        Parameters
        ----------
        points : mapping, optional
            Parameter name -> 1-D array of values (a common length ``B``; scalars
            broadcast). Parameters not given take their defaults.
        **arrays : array_like
            More parameter arrays by keyword.

        Returns
        -------
        numpy.ndarray of shape (B, n_terminals, n_players)
            Rows in the order of ``structure.terminals``, ready for
            :func:`~gametheory_af.solvers.backward_induction.backward_induction_batch`.

        Raises
        ------
        GameError
            For an unknown parameter, text values, mismatched lengths, values
            outside bounds, a payoff that is not finite at a point, or chance
            probabilities that are negative at a point (each named, with the point).

        Examples
        --------
        >>> from gametheory_af.trees.parametric import ParametricTree
        >>> pt = ParametricTree(("c", "1/c"), parameters={"c": 1})
        >>> pt.payoffs_batch(c=[1.0, 2.0])[:, 0, :]
        array([[1. , 1. ],
               [2. , 0.5]])
        >>> pt.payoffs_batch(c=[0.0])
        Traceback (most recent call last):
        ...
        gametheory_af.exceptions.GameError: payoffs_batch: the payoff of 'Player 2' at the root = 1/c is not finite at point 0 {'c': 0.0}; it depends on parameter(s) ['c'].
        """
        caller = "payoffs_batch"
        return np.moveaxis(self._evaluate(self._columns(points, arrays, caller), caller)[0], -1, 0)

    def probabilities_batch(self, points: Mapping[str, Any] | None = None, /, **arrays: Any) -> np.ndarray:
        """The chance probability of the edge into every node, at many parameter points at once.

        Parameters
        ----------
        points, **arrays : mapping, optional; arrays
            As for :meth:`payoffs_batch`.

        Returns
        -------
        numpy.ndarray of shape (B, n_nodes)
            1.0 on edges out of decision nodes (and at the root), as
            :attr:`ExtensiveFormGame.edge_probabilities <gametheory_af.ExtensiveFormGame.edge_probabilities>`.

        Raises
        ------
        GameError
            As :meth:`payoffs_batch`.

        Examples
        --------
        >>> from gametheory_af.trees import Chance
        >>> from gametheory_af.trees.parametric import ParametricTree
        >>> pt = ParametricTree(Chance({"H": ("p", (1,)), "T": ("1 - p", (0,))}), parameters={"p": "1/2"})
        >>> pt.probabilities_batch(p=[0.25, 1.0])
        array([[1.  , 0.25, 0.75],
               [1.  , 1.  , 0.  ]])
        """
        caller = "probabilities_batch"
        return self._evaluate(self._columns(points, arrays, caller), caller)[1].T

    def evaluate_batch(self, points: Mapping[str, Any] | None = None, /, **arrays: Any) -> tuple[np.ndarray, np.ndarray]:
        """Payoffs and edge probabilities at many points, from one evaluation.

        Parameters
        ----------
        points, **arrays : mapping, optional; arrays
            As for :meth:`payoffs_batch`.

        Returns
        -------
        payoffs : numpy.ndarray of shape (B, n_terminals, n_players)
        probabilities : numpy.ndarray of shape (B, n_nodes)

        Examples
        --------
        >>> from gametheory_af.trees.parametric import ParametricTree
        >>> u, p = ParametricTree(("c",), parameters={"c": 1}).evaluate_batch(c=[1.0, 2.0])
        >>> u.shape, p.shape
        ((2, 1, 1), (2, 1))
        """
        caller = "evaluate_batch"
        pay, prob = self._evaluate(self._columns(points, arrays, caller), caller)
        return np.moveaxis(pay, -1, 0), prob.T

    def evaluate_nodes(self, points: Mapping[str, Any] | None = None, /, **arrays: Any) -> tuple[np.ndarray, np.ndarray]:
        """Payoffs and edge probabilities at many points, points last (each entry contiguous over the points).

        The layout batch algorithms over a tree read fastest: per level of the
        tree, the rows of consecutive nodes are contiguous blocks.

        Parameters
        ----------
        points, **arrays : mapping, optional; arrays
            As for :meth:`payoffs_batch`.

        Returns
        -------
        payoffs : numpy.ndarray of shape (n_terminals, n_players, B)
        probabilities : numpy.ndarray of shape (n_nodes, B)

        Raises
        ------
        GameError
            As :meth:`payoffs_batch`.

        Examples
        --------
        >>> from gametheory_af.trees.parametric import ParametricTree
        >>> u, p = ParametricTree(("c",), parameters={"c": 1}).evaluate_nodes(c=[1.0, 2.0])
        >>> u.shape, p.shape, u[0, 0].tolist()
        ((1, 1, 2), (1, 2), [1.0, 2.0])
        """
        caller = "evaluate_nodes"
        return self._evaluate(self._columns(points, arrays, caller), caller)

    def substitute(self, **values: Any) -> ParametricTree:
        """Fix some parameters, returning a tree in the remaining ones (rational values stay exact).

        Parameters
        ----------
        **values
            Values of some parameters, by name.

        Returns
        -------
        ParametricTree

        Examples
        --------
        >>> from gametheory_af.trees.parametric import ParametricTree
        >>> pt = ParametricTree(("a + b",), parameters={"a": 1, "b": 2}).substitute(a="1/2")
        >>> sorted(pt.parameters), pt.payoffs[0, 0]
        (['b'], b + 1/2)
        """
        vals = self.resolve(values, "substitute")
        subs = {self._symbols[k]: sympy_number(vals[k]) for k in values}
        return self._with_exprs(
            np.vectorize(lambda e: e.xreplace(subs), otypes=[object])(self._payoffs),
            [e.xreplace(subs) for e in self._probs],
            {k: p for k, p in self._params.items() if k not in values},
        )

    def _with_exprs(self, pay: np.ndarray, probs: Sequence[sp.Expr], params: dict[str, Parameter]) -> ParametricTree:
        obj = object.__new__(ParametricTree)
        pay = pay.copy()
        pay.setflags(write=False)
        for slot, v in (
            ("_structure", self._structure),
            ("_params", params),
            ("_symbols", {k: self._symbols[k] for k in params}),
            ("_payoffs", pay),
            ("_chance_edges", self._chance_edges),
            ("_probs", tuple(probs)),
            ("_parametric_chance", tuple(
                n for n in self._parametric_chance if not all(
                    probs[j].is_number for j, c in enumerate(self._chance_edges.tolist())
                    if int(self._structure.parents[c]) == n
                )
            )),
            ("_engine", _engine(pay, list(probs), params)),
            ("_rebuild", self._rebuild),
        ):
            object.__setattr__(obj, slot, v)
        return obj

    # ------------------------------------------------------------------ value semantics
    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"ParametricTree is immutable; cannot set {name!r}.")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ParametricTree):
            return NotImplemented
        if self._structure != other._structure or self._params != other._params:
            return False
        mine = [*self._payoffs.ravel().tolist(), *self._probs]
        theirs = [*other._payoffs.ravel().tolist(), *other._probs]
        return all(a == b or sp.simplify(a - b) == 0 for a, b in zip(mine, theirs))

    def __hash__(self) -> int:
        return hash((self._structure, tuple(self._params)))

    def __getstate__(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        for k, v in state.items():
            if isinstance(v, np.ndarray):
                v.setflags(write=False)
            object.__setattr__(self, k, v)

    def __repr__(self) -> str:
        return (
            f"<ParametricTree players={self.players!r} nodes={self.n_nodes} terminals={self.n_terminals} "
            f"parameters={sorted(self._params)!r}>"
        )


# ----------------------------------------------------------------------------- helpers
def _parameters(parameters: Any) -> dict[str, Parameter]:
    """The declared parameters, read (and checked) as ParametricGame reads them."""
    try:
        return ParametricGame([[0]], parameters=parameters).parameters
    except GameError as err:
        raise GameError(str(err).replace("ParametricGame:", f"{_CALLER}:", 1)) from None


def _readonly(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


def _expr(value: Any, symbols: Mapping[str, sp.Symbol], params: Mapping[str, Parameter], name: str) -> sp.Expr:
    """One payoff or probability as a sympy expression in the declared (real) symbols, as ParametricGame reads them."""
    e = to_expr(value, symbols, name=name, caller=_CALLER)
    plain = {sp.Symbol(k): s for k, s in symbols.items()}
    e = e.xreplace({p: s for p, s in plain.items() if p in e.free_symbols})
    unknown = sorted({s.name for s in e.free_symbols} - set(params))
    if unknown:
        raise GameError(f"{_CALLER}: {name} uses undeclared parameter(s) {unknown}; declared: {sorted(params)}.")
    return e


def _check_constant_probabilities(es: Sequence[sp.Expr], acts: Sequence[str], where: str) -> None:
    """Parameter-free chance probabilities: finite, non-negative, summing to 1 (exactly when rational)."""
    for e, a in zip(es, acts):
        if not (e.is_real and e.is_finite):
            raise GameError(f"{_CALLER}: chance probability {a!r} at {where} must be a finite real number; got {e}.")
        if e.is_negative:
            raise GameError(f"{_CALLER}: chance probability {a!r} at {where} is {e}; probabilities must be >= 0.")
    if all(e.is_Rational for e in es):
        total = sum((Fraction(int(e.p), int(e.q)) for e in es), Fraction(0))
        if total != 1:
            raise GameError(f"{_CALLER}: the chance probabilities at {where} sum to {total}, not 1.")
    elif abs(float(sum(float(e) for e in es)) - 1.0) > _PROB_TOL:
        raise GameError(f"{_CALLER}: the chance probabilities at {where} sum to {float(sum(float(e) for e in es))!r}, not 1.")


def _engine(pay: np.ndarray, probs: Sequence[sp.Expr], params: Mapping[str, Parameter]) -> ParametricGame:
    """Every expression as one row of a one-player ParametricGame: its batch() is the vectorized evaluator."""
    row = [*pay.ravel().tolist(), *probs]
    return ParametricGame([row], parameters=list(params.values()), strategies=[[f"e{j}" for j in range(len(row))]])


def _rebuild_args(g: ExtensiveFormGame) -> dict[str, Any]:
    """The structural arguments of ExtensiveFormGame._build, read once from the structure."""
    chance = np.flatnonzero(g.node_players == CHANCE).tolist()
    labelled = {n: g.node_label(n) for n in range(g.n_nodes)}
    return {
        "players": g.players,
        "title": g.title,
        "parents": np.array(g.parents),
        "actions_in": np.array(g.actions_in),
        "node_players": np.array(g.node_players),
        "node_infosets": np.array(g.node_infosets),
        "infoset_players": g.infoset_players.tolist(),
        "infoset_labels": g.infoset_labels,
        "infoset_actions": g.infoset_actions,
        "chance_actions": {n: g.node_actions(n) for n in chance},
        "node_labels": {n: v for n, v in labelled.items() if v},
    }

