"""Backward induction and subgame perfection in game trees.

:func:`backward_induction_batch` computes one subgame-perfect equilibrium of a
perfect-information tree for a whole batch of payoff vectors at once, sweeping
the breadth-first levels of the tree bottom-up with array operations (no
recursion, no Python loop over nodes).

References
----------
Kuhn, H. W. (1953). Extensive games and the problem of information. In
*Contributions to the Theory of Games II*, 193-216. Princeton University Press.

Zermelo, E. (1913). Über eine Anwendung der Mengenlehre auf die Theorie des
Schachspiels. *Proceedings of the Fifth International Congress of
Mathematicians* 2, 501-504.
"""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction
from typing import Any

import numpy as np

from .._limits import MAX_TIME_LIMIT, Clock, check_bytes, check_max_time
from .._tolerance import DEFAULT_TOL, float_resolves, payoff_ranges
from .._validation import _short, check_bool, check_int, check_tol
from ..exceptions import GameError, GameWarning
from ..trees.game import CHANCE, ExtensiveFormGame
from ..trees.profiles import behavior_payoffs, check_tree
from ..trees.result import BehaviorEquilibrium, TreeEquilibriumResult, make_behavior_equilibrium
from ..trees.subgames import proper_subgames, subgame
from ._bimatrix import unresolved_message

__all__ = ["backward_induction_batch", "subgame_perfect", "DEFAULT_MAX_EQUILIBRIA"]

#: Default bound on the number of equilibria :func:`subgame_perfect` lists.
DEFAULT_MAX_EQUILIBRIA = 1000


def _require_perfect_information(game: ExtensiveFormGame, caller: str) -> None:
    """Refuse a game with an information set of several nodes, naming it."""
    if game.is_perfect_information:
        return
    dec = game.node_infosets[game.node_players >= 0]
    h = int(np.flatnonzero(np.bincount(dec, minlength=game.n_infosets) > 1)[0])
    raise GameError(
        f"{caller}: the game has imperfect information: information set {game.infoset_name(h)} holds "
        f"{int(game.infoset_nodes(h).size)} nodes; backward induction needs perfect information "
        "(use subgame_perfect, which decomposes into proper subgames)."
    )


def _batch_payoffs(game: ExtensiveFormGame, payoffs: Any, caller: str) -> np.ndarray:
    if payoffs is None:
        return np.asarray(game.terminal_payoffs, dtype=np.float64)[None, :, :]
    if isinstance(payoffs, (str, bytes)):
        raise TypeError(f"{caller}: payoffs must be an array of numbers; got {_short(payoffs)}.")
    try:
        arr = np.asarray(payoffs, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{caller}: payoffs must be an array of numbers; got {_short(payoffs)}.") from err
    want = (game.n_terminals, game.n_players)
    if arr.ndim != 3 or arr.shape[1:] != want:
        raise GameError(
            f"{caller}: payoffs must have shape (B, {want[0]}, {want[1]}) (batch, terminal nodes, players); got {arr.shape}."
        )
    if arr.shape[0] == 0:
        raise GameError(f"{caller}: payoffs has an empty batch (shape {arr.shape}).")
    if not np.isfinite(arr).all():
        b, t, i = (int(x) for x in np.argwhere(~np.isfinite(arr))[0])
        raise GameError(f"{caller}: payoffs must be finite; payoffs[{b}, {t}, {i}] is {arr[b, t, i]!r}.")
    return arr


def backward_induction_batch(game: ExtensiveFormGame, payoffs: Any = None) -> tuple[np.ndarray, np.ndarray]:
    """One subgame-perfect equilibrium of a perfect-information tree, for a batch of payoffs at once.

    At each decision node the mover picks an action that maximises her own
    continuation value; a chance node's value is the probability-weighted sum
    of its children's. The tree is swept level by level from the deepest, each
    level (and the whole batch) at once.

    Parameters
    ----------
    game : ExtensiveFormGame
        A game with perfect information (chance nodes are allowed).
    payoffs : array_like of shape (B, n_terminals, n_players), optional
        ``B`` payoff vectors for the terminal nodes (rows in the order of
        :attr:`~ExtensiveFormGame.terminals`). Default: the game's own float
        payoffs, ``B = 1``.

    Returns
    -------
    values : numpy.ndarray of float64, shape (B, n_nodes, n_players)
        Each node's subgame-perfect continuation value for every player.
    choices : numpy.ndarray of int64, shape (B, n_nodes)
        The action index chosen at each decision node; -1 at chance and
        terminal nodes.

    Raises
    ------
    TypeError
        For a *game* that is not an ExtensiveFormGame or *payoffs* that are not numbers.
    GameError
        For a game with imperfect information (naming an information set with
        several nodes), payoffs of the wrong shape or not finite, or a batch
        beyond the memory limits.

    Notes
    -----
    Ties are broken towards the **lowest action index**: among the actions
    whose float64 values are exactly equal to the maximum, the first is
    chosen. The result is therefore one subgame-perfect equilibrium; use
    :func:`subgame_perfect` for all of them (and for ties decided in exact
    arithmetic). The cost is ``O(B * n_nodes * n_players)`` time and memory.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.backward_induction import backward_induction_batch
    >>> values, choices = backward_induction_batch(gt.catalog.entry_deterrence())
    >>> values[0, 0].tolist(), choices[0].tolist()
    ([1.0, 1.0], [1, -1, 1, -1, -1])
    """
    caller = "backward_induction_batch"
    check_tree(game, caller)
    _require_perfect_information(game, caller)
    pay = _batch_payoffs(game, payoffs, caller)
    n, P = game.n_nodes, game.n_players
    check_bytes(pay.shape[0] * n * (P + 1), 8, "backward-induction values and choices", caller)
    B = pay.shape[0]
    prob = np.broadcast_to(np.asarray(game.edge_probabilities)[:, None], (n, B))
    v, c = induction_points_last(game, np.ascontiguousarray(pay.transpose(1, 2, 0)), prob)
    return np.ascontiguousarray(v.transpose(2, 0, 1)), np.ascontiguousarray(c.T)


def induction_points_last(game: ExtensiveFormGame, pay: np.ndarray, prob: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The float kernel of :func:`backward_induction_batch`, on a batch stored points last.

    ``pay`` has shape ``(n_terminals, P, B)`` and ``prob`` ``(n_nodes, B)``
    (the chance probability of the edge into each node, at each point). Level
    by level from the deepest: a maximum per decision node over its actions,
    ties to the lowest action index on exactly equal float64 values; chance
    nodes as probability-weighted sums. The points are the last axis: every
    node's values are contiguous over the points, so each level's segmented
    reductions run over contiguous rows, and chance probabilities may differ
    from point to point. Returns values ``(n_nodes, P, B)`` and choices
    ``(n_nodes, B)`` (-1 off decision nodes).
    """
    B = pay.shape[-1]
    n, P = game.n_nodes, game.n_players
    values = np.empty((n, P, B), dtype=np.float64)
    choices = np.full((n, B), -1, dtype=np.int64)
    values[game.terminals] = pay
    who, first, kids = game.node_players, game.first_child, game.n_children
    for lo, hi in reversed(game.levels):
        level = np.arange(lo, hi)
        d_nodes = level[who[lo:hi] >= 0]
        if d_nodes.size:
            f, k, w = first[d_nodes], kids[d_nodes], who[d_nodes]
            best = values[f, w]  # (k_dec, B): the first action's value for the mover
            arg = np.zeros(best.shape, dtype=np.int64)
            for j in range(1, int(k.max())):  # a few actions per node: one pass per action rank
                sel = np.flatnonzero(k > j)
                whole = sel.size == d_nodes.size
                vj = values[f + j, w] if whole else values[f[sel] + j, w[sel]]
                cur = best if whole else best[sel]
                better = vj > cur  # strictly: ties stay with the lower action index
                if whole:
                    np.copyto(best, vj, where=better)
                    arg[better] = j
                else:
                    best[sel] = np.where(better, vj, cur)
                    arg[sel] = np.where(better, j, arg[sel])
            choices[d_nodes] = arg
            c_lo = int(f.min())
            rel = (f - c_lo)[:, None] + arg  # (k_dec, B) rows of the children block
            values[d_nodes] = np.take_along_axis(values[c_lo:int((f + k).max())], rel[:, None, :], axis=0)
        c_nodes = level[who[lo:hi] == CHANCE]
        if c_nodes.size:
            f, k = first[c_nodes], kids[c_nodes]
            acc = values[f] * prob[f][:, None, :]
            for j in range(1, int(k.max())):
                sel = np.flatnonzero(k > j)
                rows = f[sel] + j
                acc[sel] += values[rows] * prob[rows][:, None, :]
            values[c_nodes] = acc
    return values, choices


def _sweep(
    game: ExtensiveFormGame, pay: np.ndarray, prob: np.ndarray, atol: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Bottom-up sweep over the levels for a batch ``pay`` (B, n_terminals, P), float64 or object (Fractions).

    Returns ``values`` (B, n, P), ``choices`` (B, n) (the lowest maximising action) and ``n_best``
    (B, n), the number of maximising actions at each decision node: actions whose value for the
    mover is equal to the best (``atol`` None) or within ``atol[mover]`` of it.
    """
    B = pay.shape[0]
    n, P = game.n_nodes, game.n_players
    values = np.empty((B, n, P), dtype=pay.dtype)
    choices = np.full((B, n), -1, dtype=np.int64)
    n_best = np.zeros((B, n), dtype=np.int64)
    values[:, game.terminals, :] = pay
    who = game.node_players
    first = game.first_child
    kids = game.n_children
    rows = np.arange(B)[:, None]
    for lo, hi in reversed(game.levels):
        inner = lo + np.flatnonzero(kids[lo:hi] > 0)
        if inner.size == 0:
            continue
        c_lo = int(first[inner[0]])
        c_hi = int(first[inner[-1]] + kids[inner[-1]])
        counts = kids[inner]
        starts = first[inner] - c_lo  # segment starts inside the children range
        block = values[:, c_lo:c_hi, :]  # (B, m, P)
        movers = who[inner]
        dec = movers >= 0
        if dec.any():
            # each child's value for the player who moves at its parent
            mover_of_child = np.repeat(np.where(dec, movers, 0), counts)
            v = np.take_along_axis(block, mover_of_child[None, :, None], axis=2)[:, :, 0]  # (B, m)
            best = np.repeat(np.maximum.reduceat(v, starts, axis=1), counts, axis=1)  # (B, m)
            near = (v == best) if atol is None else (v >= best - atol[mover_of_child][None, :])
            local = np.arange(c_hi - c_lo, dtype=np.int64) - np.repeat(starts, counts)
            cand = np.where(near, local, np.iinfo(np.int64).max)
            arg = np.minimum.reduceat(cand, starts, axis=1)  # (B, k) lowest maximising action
            d_nodes = inner[dec]
            d_arg = arg[:, dec]
            choices[:, d_nodes] = d_arg
            n_best[:, d_nodes] = np.add.reduceat(near.astype(np.int64), starts, axis=1)[:, dec]
            chosen = first[d_nodes][None, :] + d_arg  # (B, k_dec) absolute child numbers
            values[:, d_nodes, :] = values[rows, chosen]
        ch = movers == CHANCE
        if ch.any():
            weighted = block * prob[c_lo:c_hi][None, :, None]
            sums = np.add.reduceat(weighted, starts, axis=1)  # (B, k, P)
            values[:, inner[ch], :] = sums[:, ch, :]
    return values, choices, n_best


# ----------------------------------------------------------------------------- all pure SPE of a perfect-information tree
# An entry is one subgame-perfect play of a subtree: (value tuple, node, action, child entries).
# Nodes whose subtree has no tie keep the single choice of the sweep and appear as (value, -1, -1, ()).
_Entry = tuple[tuple[Any, ...], int, int, tuple[Any, ...]]


def _pi_node_of_infoset(game: ExtensiveFormGame) -> np.ndarray:
    dec = np.flatnonzero(game.node_players >= 0)
    out = np.empty(game.n_infosets, dtype=np.int64)
    out[game.node_infosets[dec]] = dec
    return out


def _pi_solutions(
    game: ExtensiveFormGame, *, exact_arith: bool, tol: float, max_equilibria: int, clock: Clock
) -> tuple[list[tuple[tuple[Any, ...], np.ndarray]], bool]:
    """Every pure subgame-perfect profile of a perfect-information game: ``[(root value, choices)], cut``.

    Ties are exact in rational arithmetic (``exact_arith``), else within ``tol`` of each player's
    payoff range. At most ``max_equilibria`` profiles; ``cut`` is True when some were left out.
    """
    atol: np.ndarray | None
    if exact_arith:
        pay = game.exact_terminal_payoffs()[None, :, :]
        prob = np.array(game.exact_edge_probabilities(), dtype=object)
        atol = None
    else:
        pay = np.asarray(game.terminal_payoffs, dtype=np.float64)[None, :, :]
        prob = game.edge_probabilities
        atol = float(tol) * payoff_ranges(game.terminal_payoffs.T)
    values3, choices2, nbest2 = _sweep(game, pay, prob, atol)
    values, choices = values3[0], choices2[0]
    tie = nbest2[0] > 1
    if not tie.any():
        return [(tuple(values[0].tolist()), choices)], False
    flag = tie.copy()
    par = game.parents
    for lo, hi in reversed(game.levels[1:]):
        flag[par[lo:hi][flag[lo:hi]]] = True
    first, nk, who = game.first_child, game.n_children, game.node_players
    entries: dict[int, list[_Entry]] = {}
    cut = False
    for x in np.flatnonzero(flag)[::-1].tolist():
        kids = list(range(int(first[x]), int(first[x] + nk[x])))
        lists = [entries.pop(c) if flag[c] else [(tuple(values[c].tolist()), -1, -1, ())] for c in kids]
        out: list[_Entry] = []
        mover = int(who[x])
        for combo in itertools.product(*lists):
            if len(out) > max_equilibria or clock.expired():
                cut = True
                break
            if mover == CHANCE:
                val = tuple(
                    sum((prob[c] * e[0][i] for c, e in zip(kids, combo)), start=0 * prob[kids[0]])
                    for i in range(game.n_players)
                )
                out.append((val, x, -1, combo))
                continue
            vs = [e[0][mover] for e in combo]
            best = max(vs)
            for a, v in enumerate(vs):
                if v == best if atol is None else v >= best - atol[mover]:
                    out.append((combo[a][0], x, a, combo))
        if len(out) > max_equilibria:
            cut = True
            del out[max_equilibria:]
        entries[x] = out
    solutions = []
    for entry in entries[0]:
        ch = choices.copy()
        stack: list[_Entry] = [entry]
        while stack:
            e = stack.pop()
            if e[2] >= 0:
                ch[e[1]] = e[2]
            stack.extend(e[3])
        solutions.append((entry[0], ch))
    return solutions, cut


# ----------------------------------------------------------------------------- subgame perfection
def subgame_perfect(
    game: ExtensiveFormGame,
    *,
    exact: bool = False,
    tol: float = DEFAULT_TOL,
    solver: str = "auto",
    max_equilibria: int = DEFAULT_MAX_EQUILIBRIA,
    max_time: float | None = MAX_TIME_LIMIT,
) -> TreeEquilibriumResult:
    """Subgame-perfect equilibria: backward induction, or subgame decomposition for imperfect information.

    With **perfect information** (chance nodes allowed), every pure
    subgame-perfect equilibrium is listed: where a player has several best
    actions, each gives equilibria of its own (and may change the values, and
    so the choices, above it). With **imperfect information**, the proper
    subgames (:func:`~gametheory_af.trees.subgames.proper_subgames`) are solved
    bottom-up (Selten 1965, 1975): each one, with the subgames below it already
    replaced by terminal nodes carrying their equilibrium payoffs, is converted
    to its reduced normal form and solved by a normal-form solver; its
    equilibria give the behaviour at its information sets, and one choice of
    equilibrium per subgame gives one subgame-perfect equilibrium. Parts of
    the tree with perfect information are solved by backward induction.

    Parameters
    ----------
    game : ExtensiveFormGame
        Any game; with imperfect information it needs perfect recall.
    exact : bool, default False
        Compute in rational arithmetic and return exact equilibria (each with
        exact zero regret). Games given in exact rationals have their ties
        decided exactly in any case.
    tol : float, default 1e-9
        Relative tolerance (of each player's payoff range): in float mode,
        actions within it of the best count as tied; no returned equilibrium
        has a larger relative regret.
    solver : str, default "auto"
        The normal-form method for the subgames with imperfect information
        (see :func:`~gametheory_af.solvers.dispatch.nash_equilibria`).
        ``"auto"`` finds all extreme equilibria of small two-player subgames
        (vertex enumeration, up to 400 pure profiles) and all isolated
        equilibria of small n-player ones (polynomial enumeration), otherwise
        one equilibrium (then ``complete`` is False); a larger two-player
        zero-sum (or constant-sum) subgame is solved by the sequence-form LP
        (:func:`~gametheory_af.sequence_form_lp`), whose size is linear in the
        tree: its value, and one optimal pair of behaviour strategies.
    max_equilibria : int, default 1000
        List at most this many equilibria (``complete`` is then False and a
        warning says so).
    max_time : float or None, optional
        Seconds to spend; default the ``max_time`` limit. When it runs out the
        equilibria found so far are returned with ``complete=False``.

    Returns
    -------
    TreeEquilibriumResult
        ``method`` is ``"backward_induction"`` (perfect information) or
        ``"subgame_decomposition"``. ``complete`` is True when every pure
        subgame-perfect equilibrium (perfect information) was listed, or when
        every subgame's solver was complete and nothing was cut. Each
        equilibrium carries its Nash certificate computed in the whole tree
        (an SPE is a Nash equilibrium: ``relative_regret <= tol``).

    Raises
    ------
    TypeError
        For a *game* that is not an ExtensiveFormGame or options of the wrong type.
    GameError
        For invalid options, or a game with imperfect information and
        imperfect recall (naming the information set).

    Warns
    -----
    GameWarning
        When ``max_equilibria`` or ``max_time`` cut the enumeration, or float64
        cannot resolve payoffs that are not exact.

    Notes
    -----
    With perfect information only **pure** equilibria are listed (mixtures
    over tied actions are subgame perfect too, and not listed). The sweep is
    vectorized over the levels of the tree; only the nodes whose subtree holds
    a tie are enumerated one by one. For one equilibrium of a huge tree (or of
    many payoff vectors), :func:`backward_induction_batch` is faster still.

    References
    ----------
    Selten, R. (1965). Spieltheoretische Behandlung eines Oligopolmodells mit
    Nachfrageträgheit. *Zeitschrift für die gesamte Staatswissenschaft* 121.

    Selten, R. (1975). Reexamination of the perfectness concept for
    equilibrium points in extensive games. *International Journal of Game
    Theory* 4, 25-55.

    Kuhn, H. W. (1953). Extensive games and the problem of information.
    *Contributions to the Theory of Games II*, 193-216.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.backward_induction import subgame_perfect
    >>> g = gt.catalog.entry_deterrence()
    >>> res = subgame_perfect(g)
    >>> res.describe(), res.complete, res[0].payoffs.tolist()
    (['Entrant: In; Incumbent: Accommodate'], True, [1.0, 1.0])
    """
    caller = "subgame_perfect"
    check_tree(game, caller)
    exact = check_bool(exact, "exact", caller)
    tol = check_tol(tol, caller)
    if not isinstance(solver, str):
        raise TypeError(f"{caller}: solver must be a method name (str); got {_short(solver)}.")
    from .dispatch import METHOD_ALIASES, METHODS

    solver = METHOD_ALIASES.get(solver, solver)
    if solver != "auto" and solver not in METHODS:
        valid = ", ".join(repr(m) for m in ["auto", *METHODS])
        raise GameError(f"{caller}: unknown solver {solver!r}; valid solvers are {valid}.")
    max_equilibria = check_int(max_equilibria, "max_equilibria", caller, minimum=1)
    budget = check_max_time(max_time, caller)
    clock = Clock(budget)
    params = {"exact": exact, "tol": tol, "solver": solver, "max_equilibria": max_equilibria, "max_time": budget}
    resolves = True
    if not (exact or game.is_exact):
        resolves = float_resolves(np.asarray(game.terminal_payoffs).T)
    exact_arith = exact or game.is_exact or not resolves
    if game.is_perfect_information:
        sols, cut = _pi_solutions(game, exact_arith=exact_arith, tol=tol, max_equilibria=max_equilibria, clock=clock)
        node_of_h = _pi_node_of_infoset(game)
        profiles: list[Any] = [ch[node_of_h].tolist() for _, ch in sols]
        method = "backward_induction"
        complete = True
    else:
        game.require_perfect_recall(caller)
        profiles, cut, complete = _decompose(
            game,
            exact=exact,
            exact_arith=exact_arith,
            tol=tol,
            solver=solver,
            max_equilibria=max_equilibria,
            clock=clock,
        )
        method = "subgame_decomposition"
    eqs = []
    dropped = 0
    inexact = 0
    for prof in profiles:
        ex = exact and all(_is_exact_entry(b) for b in prof)
        inexact += exact and not ex
        eq = _equilibrium(game, prof, ex)
        if eq.relative_regret <= tol or (ex and eq.max_regret == 0):
            eqs.append(eq)
        else:  # pragma: no cover - a float tie accumulated over several nodes beyond tol
            dropped += 1
    if cut:
        warnings.warn(
            f"{caller}: stopped after {len(eqs)} equilibria (max_equilibria={max_equilibria}"
            + (f", max_time={budget}" if budget is not None else "")
            + "); the list is not complete.",
            GameWarning,
            stacklevel=2,
        )
    if inexact:
        warnings.warn(
            f"{caller}: {inexact} equilibria could not be computed exactly (a subgame's solver returned float "
            "probabilities, e.g. an irrational equilibrium of a subgame with three or more players); they are "
            "returned in floating point with exact=None.",
            GameWarning,
            stacklevel=2,
        )
    if dropped:  # pragma: no cover
        warnings.warn(
            f"{caller}: {dropped} candidate(s) exceeded tol={tol} and were dropped.", GameWarning, stacklevel=2
        )
    if not resolves and not exact_arith:  # pragma: no cover - exact_arith is set whenever floats do not resolve
        warnings.warn(unresolved_message(caller), GameWarning, stacklevel=2)
    return TreeEquilibriumResult(
        tuple(eqs),
        method,
        complete and not cut and not dropped,
        parameters=params,
        converged=True,
        n_iter=None,
        game=game,
    )


def _reduced_solutions(
    G: ExtensiveFormGame, *, exact: bool, exact_arith: bool, tol: float, solver: str, max_equilibria: int, clock: Clock
) -> tuple[list[tuple[tuple[Any, ...], list[Any]]], bool]:
    """Equilibria of one reduced subgame: ``[(value, behaviour per information set of G)], complete``."""
    if G.is_perfect_information:
        sols, cut = _pi_solutions(G, exact_arith=exact_arith, tol=tol, max_equilibria=max_equilibria, clock=clock)
        node_of_h = _pi_node_of_infoset(G)
        return [(v, ch[node_of_h].tolist()) for v, ch in sols], not cut
    from ..trees.convert import mixed_to_behavior, n_strategies, to_normal_form
    from .dispatch import VERTEX_MAX_PROFILES, nash_equilibria

    if solver == "auto" and _constant_sum_pair(G):
        profiles = n_strategies(G, 0) * n_strategies(G, 1)
        if profiles > VERTEX_MAX_PROFILES:
            # A large two-player zero-sum subgame: its value and one optimal pair from the
            # sequence-form LP (size linear in the tree), not its (exponential) normal form.
            from .sequence_form import sequence_form_lp

            lp = sequence_form_lp(G, exact=exact, tol=tol)
            best = lp.equilibria[0]
            if best.exact is not None:
                lp_beh = [np.array(v, dtype=object) for v in best.exact]
            else:
                lp_beh = [np.asarray(b) for b in best.behavior]
            lp_value = behavior_payoffs(G, lp_beh, exact=best.exact is not None)
            return [(tuple(lp_value.tolist()), lp_beh)], False
    nfg = to_normal_form(G, reduced=True)
    res = nash_equilibria(
        nfg, method=solver, tol=tol, exact=exact and _exact_possible(nfg, solver), max_time=clock.remaining()
    )
    out: list[tuple[tuple[Any, ...], list[Any]]] = []
    seen: set[Any] = set()
    for eq in res.equilibria:
        ex = eq.exact is not None
        mixed = eq.exact if ex else eq.profile
        beh = mixed_to_behavior(G, mixed, reduced=True, exact=ex)
        key = tuple(
            tuple(b.tolist()) if ex else tuple(np.round(np.asarray(b, dtype=np.float64), 9).tolist()) for b in beh
        )
        if key in seen:
            continue
        seen.add(key)
        value = behavior_payoffs(G, beh, exact=ex)
        out.append((tuple(value.tolist()), [np.asarray(b) for b in beh]))
    return out, bool(res.complete)


def _constant_sum_pair(G: ExtensiveFormGame) -> bool:
    """Two players whose payoffs sum to the same constant at every terminal node."""
    if G.n_players != 2 or G.n_terminals == 0:
        return False
    sums = G.exact_terminal_payoffs().sum(axis=1) if G.is_exact else G.terminal_payoffs.sum(axis=1)
    return bool(np.all(sums == sums[0]))


def _decompose(
    game: ExtensiveFormGame,
    *,
    exact: bool,
    exact_arith: bool,
    tol: float,
    solver: str,
    max_equilibria: int,
    clock: Clock,
) -> tuple[list[list[Any]], bool, bool]:
    """Subgame decomposition: ``(behaviour profiles, cut, every subgame solver complete)``."""
    n = game.n_nodes
    par = game.parents
    levels = game.levels
    dec = np.flatnonzero(game.node_players >= 0)
    multi = np.bincount(game.node_infosets[dec], minlength=game.n_infosets) > 1
    imperfect = np.zeros(n, dtype=bool)
    imperfect[dec] = multi[game.node_infosets[dec]]
    for lo, hi in reversed(levels[1:]):  # subtree holds a node of a multi-node information set
        imperfect[par[lo:hi][imperfect[lo:hi]]] = True
    is_root = np.zeros(n, dtype=bool)
    is_root[proper_subgames(game)] = True
    # nearest strict ancestor that starts a subgame, then keep only the roots below an imperfect one:
    # a perfect-information subgame is solved whole by backward induction
    owner = np.where(is_root, np.arange(n), -1)
    for lo, hi in levels[1:]:
        owner[lo:hi] = np.where(is_root[lo:hi], np.arange(lo, hi), owner[par[lo:hi]])
    enclosing = np.full(n, -1, dtype=np.int64)
    enclosing[1:] = owner[par[1:]]
    kept = is_root.copy()
    kept[1:] &= imperfect[np.maximum(enclosing[1:], 0)]
    owner = np.where(kept, np.arange(n), -1)
    for lo, hi in levels[1:]:
        owner[lo:hi] = np.where(kept[lo:hi], np.arange(lo, hi), owner[par[lo:hi]])
    roots = np.flatnonzero(kept).tolist()
    direct: dict[int, list[int]] = {r: [] for r in roots}
    for r in roots[1:]:
        direct[int(owner[par[r]])].append(r)
    pre, size = game.preorder_intervals()
    entries: dict[int, list[Any]] = {}
    cache: dict[Any, tuple[list[Any], Any]] = {}
    cut = False
    complete = True
    for r in reversed(roots):  # descendants first
        kids = direct[r]
        lists = [entries.pop(c) for c in kids]
        keep = np.zeros(n, dtype=bool)  # in preorder numbering
        keep[int(pre[r]) : int(pre[r] + size[r])] = True
        for c in kids:
            keep[int(pre[c]) + 1 : int(pre[c] + size[c])] = False
        nodes = np.flatnonzero(keep[pre])  # the reduced subgame's nodes, in its breadth-first order
        out: list[Any] = []
        for combo in itertools.product(*lists):
            if len(out) > max_equilibria or clock.expired():
                cut = True
                break
            vals = tuple(e[0] for e in combo)
            key = (r, vals)
            if key not in cache:
                G = subgame(game, r, replace=dict(zip(kids, vals)))
                hmap = np.empty(G.n_infosets, dtype=np.int64)
                gd = np.flatnonzero(G.node_players >= 0)
                hmap[G.node_infosets[gd]] = game.node_infosets[nodes[gd]]
                sols, ok = _reduced_solutions(
                    G,
                    exact=exact,
                    exact_arith=exact_arith,
                    tol=tol,
                    solver=solver,
                    max_equilibria=max_equilibria,
                    clock=clock,
                )
                complete &= ok
                cache[key] = (sols, hmap)
            sols, hmap = cache[key]
            for value, beh in sols:
                out.append((value, hmap, beh, combo))
        if len(out) > max_equilibria:
            cut = True
            del out[max_equilibria:]
        entries[r] = out
    profiles: list[list[Any]] = []
    for entry in entries[0]:
        prof: list[Any] = [None] * game.n_infosets
        stack = [entry]
        while stack:
            _, hmap, beh, combo = stack.pop()
            for k, b in enumerate(beh):
                prof[int(hmap[k])] = b
            stack.extend(combo)
        profiles.append(prof)
    return profiles, cut, complete


def _is_exact_entry(b: Any) -> bool:
    """A behaviour entry usable in exact mode: an action index or a vector of rationals."""
    if isinstance(b, (int, np.integer)):
        return True
    return all(
        isinstance(x, (int, Fraction)) and not isinstance(x, bool) for x in np.asarray(b, dtype=object).ravel().tolist()
    )


def _exact_possible(nfg: Any, solver: str) -> bool:
    """Whether ``nash_equilibria(nfg, method=solver, exact=True)`` has a method to run.

    (With ``"auto"`` and a large n-player game no exact method is in the automatic order; the
    float result is then used and reported as inexact.)
    """
    if solver != "auto":
        return True
    import inspect

    from .dispatch import METHODS, _auto_choice

    return any("exact" in inspect.signature(METHODS[m]).parameters for m in _auto_choice(nfg)[0])


def _equilibrium(game: ExtensiveFormGame, profile: list[Any], exact: bool) -> BehaviorEquilibrium:
    """The certified equilibrium of a behaviour profile (a game with no information set has the empty one)."""
    return make_behavior_equilibrium(game, profile, exact=exact)
