"""The sequence form of a game tree: realization plans, their constraints and the sequence-form payoffs.

A player's **realization plan** (von Stengel 1996) gives every one of her
sequences (:meth:`~gametheory_af.ExtensiveFormGame.node_sequences`: the empty
sequence 0 and one per pair (information set ``h``, action ``a``), numbered
``1 + sequence_offset(h) + a``) the probability that she plays all of its moves
when the others let her. Under perfect recall the plans are exactly the
nonnegative vectors ``x`` with ``E x = e``: one row ``x[0] = 1`` for the empty
sequence and one row per information set ``h``,
``x[parent(h)] = sum_a x[(h, a)]`` (flow conservation). Expected payoffs are
multilinear in the plans: a terminal node contributes its chance probability
times its payoff times the product of the plans' entries at the players'
sequences there. For two players this is ``x^T A y`` with the sequence-form
payoff matrices ``A``, ``B`` of :meth:`SequenceForm.payoff_matrices`.

Examples
--------
>>> import gametheory_af as gt
>>> from gametheory_af.trees.sequence import sequence_form
>>> sf = sequence_form(gt.catalog.matching_pennies_tree())
>>> sf.constraints[0].tolist(), sf.rhs[0].tolist()
([[1, 0, 0], [-1, 1, 1]], [1, 0])
>>> sf.payoff_matrices()[0].tolist()
[[0, 0, 0], [0, 1, -1], [0, -1, 1]]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._limits import check_bytes
from .._validation import _short, check_bool
from ..exceptions import GameError
from ..result import ResultMixin
from .game import ExtensiveFormGame
from .profiles import as_behavior, as_exact_behavior, check_tree

__all__ = ["SequenceForm", "sequence_form", "realization_plan", "behavior_from_realization", "chance_reach"]

#: A float realization plan must satisfy ``E x = e`` within this (per entry, plans lie in [0, 1]).
PLAN_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class SequenceForm(ResultMixin):
    """The sequence form of a game tree with perfect recall (von Stengel 1996).

    Parameters
    ----------
    players, constraints, rhs, parent_sequences, terminal_sequences, weighted_payoffs, exact : see Attributes
        Each sets the attribute of the same name; build one with :func:`sequence_form`.

    Attributes
    ----------
    players : tuple of str
        The players' names.
    constraints : tuple of numpy.ndarray of int64
        Per player ``i`` the matrix ``E_i`` of shape ``(1 + n_infosets_i, n_sequences_i)``:
        row 0 is ``x[0] = 1``; row ``k + 1`` belongs to the player's ``k``-th
        information set ``h`` (game order) and reads
        ``-x[parent(h)] + sum_a x[(h, a)] = 0``.
    rhs : tuple of numpy.ndarray of int64
        Per player the right-hand side ``e_i = (1, 0, ..., 0)``.
    parent_sequences : tuple of numpy.ndarray of int64
        Per player the sequence leading to each of her information sets (in
        the order of the rows of ``E_i``).
    terminal_sequences : numpy.ndarray of int64, shape (n_terminals, n_players)
        Each player's sequence at each terminal node (the sparse payoff form).
    weighted_payoffs : numpy.ndarray, shape (n_terminals, n_players)
        Each terminal node's payoffs times its chance probability (the product
        of the chance moves on its path): float64, or Fractions (object) when
        ``exact``.
    exact : bool
        True when the game's payoffs and chance probabilities are exact rationals.

    Notes
    -----
    A realization plan ``x_i`` of every player gives player ``j`` the expected
    payoff ``sum_t weighted_payoffs[t, j] * prod_i x_i[terminal_sequences[t, i]]``.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees.sequence import sequence_form
    >>> sf = sequence_form(gt.catalog.entry_deterrence())
    >>> sf.n_sequences, sf.terminal_sequences.tolist()
    ((3, 3), [[1, 0], [2, 1], [2, 2]])
    """

    players: tuple[str, ...]
    constraints: tuple[np.ndarray, ...]
    rhs: tuple[np.ndarray, ...]
    parent_sequences: tuple[np.ndarray, ...]
    terminal_sequences: np.ndarray
    weighted_payoffs: np.ndarray
    exact: bool

    @property
    def n_sequences(self) -> tuple[int, ...]:
        """Each player's number of sequences (the empty one included)."""
        return tuple(int(E.shape[1]) for E in self.constraints)

    def payoff_matrices(self, *, sparse: bool = False) -> tuple[Any, ...]:
        """The two-player sequence-form payoff matrices ``A`` and ``B``.

        ``A[s1, s2]`` sums, over the terminal nodes where player 0's sequence
        is ``s1`` and player 1's is ``s2``, the chance probability times
        player 0's payoff (``B`` likewise for player 1), so a pair of plans
        ``x, y`` gives payoffs ``x @ A @ y`` and ``x @ B @ y``.

        Parameters
        ----------
        sparse : bool, default False
            Return :class:`scipy.sparse.csr_array` matrices (float64; most
            entries of a large tree's matrices are zero) instead of dense arrays.

        Returns
        -------
        (A, B)
            Dense arrays of shape ``(n_sequences_0, n_sequences_1)``: int64 when
            every entry is an integer, Fractions (object) for other exact
            games, float64 otherwise; or sparse float64 matrices.

        Raises
        ------
        GameError
            For a game that does not have two players, or dense matrices
            beyond the memory limit.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> from gametheory_af.trees.sequence import sequence_form
        >>> A, B = sequence_form(gt.catalog.entry_deterrence()).payoff_matrices()
        >>> A.tolist(), B.tolist()
        ([[0, 0, 0], [0, 0, 0], [0, -1, 1]], [[0, 0, 0], [2, 0, 0], [0, -1, 1]])
        """
        caller = "SequenceForm.payoff_matrices"
        sparse = check_bool(sparse, "sparse", caller)
        if len(self.players) != 2:
            raise GameError(f"{caller}: the game must have 2 players for payoff matrices; got {len(self.players)}.")
        n1, n2 = self.n_sequences
        s1 = self.terminal_sequences[:, 0]
        s2 = self.terminal_sequences[:, 1]
        if sparse:
            import scipy.sparse as sp

            w = np.asarray(self.weighted_payoffs, dtype=np.float64) if not self.exact else np.array(
                [[float(v) for v in row] for row in self.weighted_payoffs.tolist()], dtype=np.float64
            ).reshape(self.weighted_payoffs.shape)
            return tuple(sp.csr_array(sp.coo_array((w[:, j], (s1, s2)), shape=(n1, n2))) for j in range(2))
        check_bytes(2 * n1 * n2, 8, "sequence-form payoff entries", caller)
        out = []
        for j in range(2):
            col = self.weighted_payoffs[:, j]
            if self.exact:
                M = np.empty((n1, n2), dtype=object)
                M.fill(Fraction(0))
                np.add.at(M, (s1, s2), col)
                if all(v.denominator == 1 for v in M.ravel().tolist()):
                    M = np.array([[int(v) for v in row] for row in M.tolist()], dtype=np.int64).reshape(n1, n2)
            else:
                M = np.zeros((n1, n2), dtype=np.float64)
                np.add.at(M, (s1, s2), col)
            M.setflags(write=False)
            out.append(M)
        return tuple(out)


def chance_reach(game: ExtensiveFormGame, *, exact: bool = False) -> np.ndarray:
    """The product of the chance probabilities on the path to every node.

    Parameters
    ----------
    game : ExtensiveFormGame
    exact : bool, default False
        Fractions (object array) instead of float64.

    Returns
    -------
    numpy.ndarray of shape (n_nodes,)

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.trees import Chance, Decision
    >>> g = gt.ExtensiveFormGame(Chance({"a": ("1/3", (1,)), "b": ("2/3", Decision("P", {"x": (0,), "y": (2,)}))}))
    >>> chance_reach(g, exact=True).tolist()
    [Fraction(1, 1), Fraction(1, 3), Fraction(2, 3), Fraction(2, 3), Fraction(2, 3)]
    """
    caller = "chance_reach"
    check_tree(game, caller)
    exact = check_bool(exact, "exact", caller)
    if exact:
        reach = np.empty(game.n_nodes, dtype=object)
        reach[:] = game.exact_edge_probabilities()
    else:
        reach = np.array(game.edge_probabilities, dtype=np.float64)
    par = game.parents
    for lo, hi in game.levels[1:]:
        reach[lo:hi] = reach[par[lo:hi]] * reach[lo:hi]
    return reach


def _player_constraints(game: ExtensiveFormGame, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    hs = game.player_infosets(i)
    n = game.n_sequences(i)
    off = game.sequence_offsets(i)
    parent = game.infoset_sequences(i)[hs]
    E = np.zeros((1 + hs.size, n), dtype=np.int64)
    E[0, 0] = 1
    rows = np.arange(1, 1 + hs.size)
    E[rows, parent] = -1
    ks = np.array([len(game.infoset_actions[h]) for h in hs.tolist()], dtype=np.int64)
    if hs.size:
        r = np.repeat(rows, ks)
        c = 1 + np.repeat(off[hs], ks) + (np.arange(int(ks.sum())) - np.repeat(np.cumsum(ks) - ks, ks))
        E[r, c] = 1
    e = np.zeros(1 + hs.size, dtype=np.int64)
    e[0] = 1
    for a in (E, e, parent):
        a.setflags(write=False)
    return E, e, parent


def sequence_form(game: ExtensiveFormGame, *, exact: bool | None = None) -> SequenceForm:
    """The sequence form of a game tree with perfect recall.

    Parameters
    ----------
    game : ExtensiveFormGame
        A game with perfect recall (any number of players).
    exact : bool, optional
        Weighted payoffs in Fractions (``True``) or float64 (``False``); by
        default exact exactly when
        :attr:`~gametheory_af.ExtensiveFormGame.is_exact`.

    Returns
    -------
    SequenceForm

    Raises
    ------
    TypeError
        For a *game* that is not an ExtensiveFormGame.
    GameError
        If the game lacks perfect recall (the information set is named).

    References
    ----------
    von Stengel, B. (1996). Efficient computation of behavior strategies.
    *Games and Economic Behavior* 14, 220-246.

    Koller, D., Megiddo, N., & von Stengel, B. (1996). Efficient computation of
    equilibria for extensive two-person games. *Games and Economic Behavior*
    14, 247-259.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> sf = sequence_form(gt.catalog.entry_deterrence())
    >>> sf.constraints[1].tolist()
    [[1, 0, 0], [-1, 1, 1]]
    """
    caller = "sequence_form"
    check_tree(game, caller)
    game.require_perfect_recall(caller)
    exact = game.is_exact if exact is None else check_bool(exact, "exact", caller)
    Es, es, parents, seqs = [], [], [], []
    for i in range(game.n_players):
        E, e, parent = _player_constraints(game, i)
        Es.append(E)
        es.append(e)
        parents.append(parent)
        seqs.append(game.node_sequences(i)[game.terminals])
    reach = chance_reach(game, exact=exact)[game.terminals]
    if exact:
        w = game.exact_terminal_payoffs() * reach[:, None]
    else:
        w = game.terminal_payoffs * reach[:, None]
    tseq = np.stack(seqs, axis=1) if seqs else np.zeros((game.n_terminals, 0), dtype=np.int64)
    tseq = np.ascontiguousarray(tseq, dtype=np.int64)
    for a in (tseq, w):
        a.setflags(write=False)
    return SequenceForm(
        players=game.players,
        constraints=tuple(Es),
        rhs=tuple(es),
        parent_sequences=tuple(parents),
        terminal_sequences=tseq,
        weighted_payoffs=w,
        exact=exact,
    )


def infoset_slices(game: ExtensiveFormGame, i: int) -> list[tuple[int, int, int, int]]:
    """``(h, parent sequence, first sequence, n_actions)`` for each of player i's information sets, in game order."""
    off = game.sequence_offsets(i)
    parent = game.infoset_sequences(i)
    return [(h, int(parent[h]), 1 + int(off[h]), len(game.infoset_actions[h])) for h in game.player_infosets(i).tolist()]


def realization_plan(game: ExtensiveFormGame, behavior: Any, player: int | str, *, exact: bool = False) -> np.ndarray:
    """A player's realization plan under a behaviour profile: the product of her own move probabilities along each sequence.

    Parameters
    ----------
    game : ExtensiveFormGame
        A game with perfect recall.
    behavior : behaviour profile
        See :mod:`gametheory_af.trees.profiles` (only the player's own entries are read).
    player : int or str
    exact : bool, default False
        Compute in rationals (the behaviour must then be exact).

    Returns
    -------
    numpy.ndarray of shape (n_sequences,)
        Floats, or Fractions (an object array) when *exact*; entry 0 (the empty sequence) is 1.

    Raises
    ------
    GameError
        For a profile that does not fit or a game without perfect recall.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.entry_deterrence()
    >>> realization_plan(g, [[0.25, 0.75], "Fight"], 0).tolist()
    [1.0, 0.25, 0.75]
    """
    caller = "realization_plan"
    check_tree(game, caller)
    exact = check_bool(exact, "exact", caller)
    i = game.player_index(player)
    game.require_perfect_recall(caller)
    b = as_exact_behavior(game, behavior, caller) if exact else as_behavior(game, behavior, caller)
    n = game.n_sequences(i)
    if exact:
        x = np.empty(n, dtype=object)
        x.fill(Fraction(0))
        x[0] = Fraction(1)
    else:
        x = np.zeros(n, dtype=np.float64)
        x[0] = 1.0
    for h, par, first, k in infoset_slices(game, i):  # parents come before their information sets
        x[first : first + k] = x[par] * b[h]
    return x


def behavior_from_realization(game: ExtensiveFormGame, plans: Sequence[Any], *, exact: bool = False) -> tuple[np.ndarray, ...]:
    """The behaviour profile of one realization plan per player.

    At information set ``h`` the probability of action ``a`` is
    ``x[(h, a)] / x[parent(h)]``. Where the plan reaches ``h`` with
    probability zero (``x[parent(h)] = 0``, so the behaviour there does not
    matter for any payoff) the convention is the **uniform** distribution over
    the actions.

    Parameters
    ----------
    game : ExtensiveFormGame
        A game with perfect recall.
    plans : sequence of array_like
        One realization plan per player (``E_i x_i = e_i``, ``x_i >= 0``).
    exact : bool, default False
        Read the plans as exact rationals and return Fractions.

    Returns
    -------
    tuple of numpy.ndarray
        One read-only probability vector per information set (game order).

    Raises
    ------
    GameError
        For a plan of the wrong length, with a negative entry, or violating
        ``E x = e`` (beyond 1e-9 in floats; exactly when *exact*).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.entry_deterrence()
    >>> [v.tolist() for v in behavior_from_realization(g, [[1, 0, 1], [1, 0.25, 0.75]])]
    [[0.0, 1.0], [0.25, 0.75]]
    """
    caller = "behavior_from_realization"
    check_tree(game, caller)
    exact = check_bool(exact, "exact", caller)
    game.require_perfect_recall(caller)
    if isinstance(plans, (str, bytes)) or not isinstance(plans, (Sequence, np.ndarray)):
        raise TypeError(f"{caller}: plans must be a sequence with one realization plan per player; got {_short(plans)}.")
    if len(plans) != game.n_players:
        raise GameError(f"{caller}: plans has {len(plans)} entries; the game has {game.n_players} players.")
    return plans_to_behavior(game, [_check_plan(game, i, plan, exact, caller) for i, plan in enumerate(plans)], exact)


def plans_to_behavior(game: ExtensiveFormGame, plans: Sequence[np.ndarray], exact: bool) -> tuple[np.ndarray, ...]:
    """:func:`behavior_from_realization` on plans already checked (float64 or Fraction arrays), for the solvers."""
    out: list[np.ndarray | None] = [None] * game.n_infosets
    for i, x in enumerate(plans):
        for h, par, first, k in infoset_slices(game, i):
            seg = x[first : first + k]
            if exact:
                tot = x[par]
                v = np.array([Fraction(1, k)] * k if tot == 0 else [s / tot for s in seg.tolist()], dtype=object)
            else:
                seg = np.clip(np.asarray(seg, dtype=np.float64), 0.0, None)
                tot = float(seg.sum())
                v = np.full(k, 1.0 / k) if tot <= PLAN_TOL * 1e-3 else seg / tot
            v.setflags(write=False)
            out[h] = v
    return tuple(v for v in out if v is not None)


def _check_plan(game: ExtensiveFormGame, i: int, plan: Any, exact: bool, caller: str) -> np.ndarray:
    n = game.n_sequences(i)
    who = game.players[i]
    if exact:
        from .._validation import is_rational_scalar, parse_number, to_fraction

        items = list(plan) if isinstance(plan, (Sequence, np.ndarray)) and not isinstance(plan, str) else None
        if items is None or len(items) != n:
            raise GameError(f"{caller}: the plan of {who!r} must have {n} entries (one per sequence); got {_short(plan)}.")
        vals = []
        for v in items:
            if isinstance(v, str):
                vals.append(parse_number(v, "a plan entry", caller))
            elif is_rational_scalar(v) or isinstance(v, (float, np.floating)):
                vals.append(to_fraction(v))
            else:
                raise GameError(f"{caller}: the plan of {who!r} must hold numbers; got {_short(v)}.")
        x = np.empty(n, dtype=object)
        x[:] = vals
    else:
        try:
            x = np.asarray(plan, dtype=np.float64)
        except (TypeError, ValueError):
            raise GameError(f"{caller}: the plan of {who!r} must hold numbers; got {_short(plan)}.") from None
        if x.shape != (n,):
            raise GameError(f"{caller}: the plan of {who!r} must have {n} entries (one per sequence); got shape {x.shape}.")
        if not np.isfinite(x).all():
            raise GameError(f"{caller}: the plan of {who!r} must be finite; got {x.tolist()}.")
    E, e, _ = _player_constraints(game, i)
    neg = np.flatnonzero(x < (0 if exact else -PLAN_TOL))
    if neg.size:
        raise GameError(f"{caller}: the plan of {who!r} has the negative entry {x[neg[0]]} at sequence {int(neg[0])}.")
    resid = E.dot(x) - e
    bad = np.flatnonzero(resid != 0) if exact else np.flatnonzero(np.abs(resid) > PLAN_TOL)
    if bad.size:
        r = int(bad[0])
        what = "x[0] = 1" if r == 0 else f"the flow at information set {game.infoset_name(int(game.player_infosets(i)[r - 1]))}"
        raise GameError(f"{caller}: the plan of {who!r} violates {what} (E x - e = {resid[r]}).")
    if not exact:
        x = np.clip(x, 0.0, None)
    return x
