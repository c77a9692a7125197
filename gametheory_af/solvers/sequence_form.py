"""Two-player game trees in sequence form: the LP for zero-sum trees and Lemke's algorithm for one equilibrium.

Both work on realization plans (:mod:`gametheory_af.trees.sequence`): player 0
plays ``x >= 0`` with ``E x = e``, player 1 plays ``y >= 0`` with ``F y = f``,
and the payoffs are ``x^T A y`` and ``x^T B y``. The problem has the size of
the tree, not of its normal form, which can be exponentially larger
(Koller, Megiddo & von Stengel 1996; von Stengel 1996).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._limits import MAX_TIME_LIMIT, Clock, check_bytes, check_max_time
from .._tolerance import float_resolves
from .._validation import check_bool, check_tol
from ..exceptions import ConvergenceWarning, GameError
from ..trees.game import ExtensiveFormGame
from ..trees.profiles import check_tree
from ..trees.result import BehaviorEquilibrium, TreeEquilibriumResult, make_behavior_equilibrium
from ..trees.sequence import SequenceForm, chance_reach, infoset_slices, plans_to_behavior, sequence_form

__all__ = ["sequence_form_lp", "sequence_form_lcp", "SequenceFormLPResult"]

#: Tolerances passed to HiGHS (the smallest it accepts), on payoffs normalised to [0, 1].
_HIGHS_TOL = 1e-10
#: Thresholds (on normalised payoffs) tried in turn to read the active constraints of a float LP solution.
_ACTIVE_THRESHOLDS = (1e-9, 1e-7, 1e-11, 1e-5)
#: Pivot elements at or below this are treated as zero in float Lemke pivoting; ratios closer than _TIE are ties.
_PIVOT_EPS = 1e-12
_TIE = 1e-11


@dataclass(frozen=True, eq=False)
class SequenceFormLPResult(TreeEquilibriumResult):
    """A :class:`~gametheory_af.trees.result.TreeEquilibriumResult` that also carries the value of a zero-sum tree.

    Parameters
    ----------
    equilibria, method, complete, parameters, converged, n_iter, game, value, exact_value : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    value : float
        Player 0's equilibrium payoff, the same at every equilibrium. In a
        constant-sum tree with ``u_0 + u_1 = c`` player 1 gets ``c - value``.
    exact_value : fractions.Fraction or None
        The value in rational arithmetic, verified by a primal and a dual
        solution of equal exact objective, when solved with ``exact=True``.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.sequence_form import sequence_form_lp
    >>> res = sequence_form_lp(gt.catalog.matching_pennies_tree(), exact=True)
    >>> res.value, res.exact_value, res.method
    (0.0, Fraction(0, 1), 'sequence_form_lp')
    """

    value: float = float("nan")
    exact_value: Fraction | None = None

    def to_dict(self, game: ExtensiveFormGame | None = None) -> dict[str, Any]:
        """A JSON-ready dict of the result, with ``value`` (and ``exact_value`` as a string).

        Parameters
        ----------
        game : ExtensiveFormGame, optional
            Default the stored :attr:`game`.

        Returns
        -------
        dict
        """
        data = super().to_dict(game)
        data["value"] = self.value
        data["exact_value"] = None if self.exact_value is None else str(self.exact_value)
        return data

    def __repr__(self) -> str:
        base = super().__repr__()
        return "SequenceFormLPResult" + base[base.index("(") : -1] + f", value={self.value:.6g})"


# ----------------------------------------------------------------------------- checks
def _two_player(game: Any, caller: str) -> ExtensiveFormGame:
    check_tree(game, caller)
    if game.n_players != 2:
        raise GameError(f"{caller}: game must have 2 players; got {game.n_players} ({', '.join(map(repr, game.players))}).")
    game.require_perfect_recall(caller)
    return game  # type: ignore[no-any-return]


def _constant_sum(game: ExtensiveFormGame, caller: str) -> Any:
    """The constant ``c`` with ``u_0 + u_1 = c`` at every terminal node (exact when the game is), or a GameError naming two sums."""
    if game.n_terminals == 0:  # pragma: no cover - every finite tree has a terminal node
        return 0
    if game.is_exact:
        sums = [a + b for a, b in game.exact_terminal_payoffs().tolist()]
        bad = next((k for k, s in enumerate(sums) if s != sums[0]), None)
    else:
        sums_f = game.terminal_payoffs.sum(axis=1)
        span = float(np.abs(game.terminal_payoffs).max())
        far = np.flatnonzero(np.abs(sums_f - sums_f[0]) > 1e-12 * max(span, 1.0))
        bad = int(far[0]) if far.size else None
        sums = sums_f.tolist()
    if bad is not None:
        t0, t1 = int(game.terminals[0]), int(game.terminals[bad])
        raise GameError(
            f"{caller}: game must be two-player zero-sum (or constant-sum); the payoffs sum to {sums[0]} at "
            f"{_where(game, t0)} but to {sums[bad]} at {_where(game, t1)}."
        )
    return sums[0]


def _where(game: ExtensiveFormGame, node: int) -> str:
    path = game.path(node)
    return f"node {node} ({'/'.join(path) if path else 'the root'})"


# ----------------------------------------------------------------------------- the LP
def sequence_form_lp(game: ExtensiveFormGame, *, exact: bool = False, tol: float = 1e-9) -> SequenceFormLPResult:
    r"""The value and optimal behaviour strategies of a two-player zero-sum tree, by the sequence-form LP.

    With player 0's realization plans ``x`` (``E x = e, x >= 0``), player 1's
    ``y`` (``F y = f, y >= 0``) and player 0's sequence-form payoff matrix
    ``A``, player 1's best reply to ``x`` solves ``min_y x^T A y`` over her
    plans, whose LP dual is ``max_q f^T q`` subject to ``F^T q <= A^T x``.
    Player 0 therefore solves (Koller, Megiddo & von Stengel 1996, Thm. 3.2;
    von Stengel 1996, sec. 4)

    .. math::

        \max_{x, q}\ f^T q \quad\text{s.t.}\quad F^T q - A^T x \le 0,\ E x = e,\ x \ge 0,

    and, symmetrically, player 1 solves its LP dual

    .. math::

        \min_{y, p}\ e^T p \quad\text{s.t.}\quad E^T p - A y \ge 0,\ F y = f,\ y \ge 0,

    with ``q`` and ``p`` free (one entry per information set and one for the
    empty sequence). Both optima equal the value of the game. Each LP is
    solved in floating point with HiGHS (:func:`scipy.optimize.linprog`) on
    payoffs normalised to ``[0, 1]``.

    Parameters
    ----------
    game : ExtensiveFormGame
        A two-player tree with perfect recall whose payoffs sum to the same
        constant at every terminal node (zero-sum or constant-sum).
    exact : bool, default False
        Also find an exact optimal solution: the constraints active at the
        float solution (a vertex) are solved in rational arithmetic, and the
        pair is **verified** exactly (both plans feasible, both dual
        constraints satisfied, equal objective values) before ``exact_value``
        and the exact behaviour are returned. If no reading of the active
        constraints verifies, an exact equilibrium is computed by Lemke's
        algorithm in rational arithmetic (:func:`sequence_form_lcp`; in a
        zero-sum game its payoff is the value), so an unverified exact answer
        is never returned.
    tol : float, default 1e-9
        The returned equilibrium's ``relative_regret`` (regret over each
        player's payoff range, computed in the tree) is at most *tol*.

    Returns
    -------
    SequenceFormLPResult
        One equilibrium (both players' optimal behaviour, from their plans by
        :func:`~gametheory_af.trees.sequence.behavior_from_realization`: uniform
        where a player's own plan reaches an information set with probability
        zero), ``value`` and, when *exact*, ``exact_value``; ``complete=False``
        (other optimal strategies may exist; the value is unique),
        ``n_iter`` the simplex iterations.

    Raises
    ------
    TypeError
        For a *game* that is not an ExtensiveFormGame.
    GameError
        For a game without two players, without perfect recall, or whose
        payoff sums differ between terminal nodes (the message names two).

    Warns
    -----
    ConvergenceWarning
        When HiGHS fails or its float solution does not certify within *tol*
        and no exact payoffs are available to settle it (the result is then
        empty with ``converged=False``).

    Notes
    -----
    The LPs have one variable per sequence and one constraint per sequence
    and information set, so their size is linear in the tree. Exact mode
    does Gauss-Jordan elimination in Fractions on systems of that size: meant
    for trees of up to a few hundred sequences.

    References
    ----------
    Koller, D., Megiddo, N., & von Stengel, B. (1996). Efficient computation of
    equilibria for extensive two-person games. *Games and Economic Behavior*
    14, 247-259.

    von Stengel, B. (1996). Efficient computation of behavior strategies.
    *Games and Economic Behavior* 14, 220-246.

    Examples
    --------
    A tree of matching pennies has value 0:

    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.sequence_form import sequence_form_lp
    >>> res = sequence_form_lp(gt.catalog.matching_pennies_tree(), exact=True)
    >>> res.exact_value, res[0].exact
    (Fraction(0, 1), ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2))))
    """
    caller = "sequence_form_lp"
    game = _two_player(game, caller)
    exact = check_bool(exact, "exact", caller)
    tol = check_tol(tol, caller)
    _constant_sum(game, caller)
    sf = sequence_form(game, exact=False)
    params = {"exact": exact, "tol": tol}
    u0 = game.terminal_payoffs[:, 0]
    lo = float(u0.min())
    span = float(u0.max()) - lo
    span = span if span > 0 else 1.0
    reach = chance_reach(game)[game.terminals]
    An = _sparse_matrix(sf, reach * (u0 - lo) / span)
    E, e = sf.constraints[0], sf.rhs[0]
    F, f = sf.constraints[1], sf.rhs[1]
    sol = _solve_lps(An, E, e, F, f)
    if sol is None:  # pragma: no cover - the LPs are feasible and bounded
        warnings.warn(f"{caller}: HiGHS did not solve the sequence-form LP; no equilibrium returned.", ConvergenceWarning, stacklevel=2)
        return SequenceFormLPResult((), caller, False, params, converged=False, n_iter=0, game=game)
    x, q, y, p, value_n, nit = sol
    value = lo + span * value_n
    eq: BehaviorEquilibrium | None = None
    exact_value: Fraction | None = None
    can_exact = exact or _has_exact_payoffs(game)
    if not exact:
        cand = make_behavior_equilibrium(game, plans_to_behavior(game, [x, y], False))
        if cand.relative_regret > tol:  # re-solve the active constraints (round-off only)
            cand = make_behavior_equilibrium(game, plans_to_behavior(game, _polish(An, E, e, F, f, x, q, y, p), False))
        if cand.relative_regret <= tol:
            eq = cand
    if eq is None and can_exact:
        found = _exact_lp(game, sequence_form(game, exact=True), An, x, q, y, p)
        if found is None:
            found = _exact_by_lemke(game)
        plans_ex, exact_value = found
        eq = make_behavior_equilibrium(game, plans_to_behavior(game, plans_ex, True), exact=True)
        if not exact:
            eq = make_behavior_equilibrium(game, eq.behavior)
            exact_value = None
        value = float(exact_value) if exact_value is not None else value
    if eq is None:
        warnings.warn(
            f"{caller}: the LP solution's relative regret exceeds tol={tol:.3g} and the payoffs are not exact; "
            "no equilibrium returned.",
            ConvergenceWarning,
            stacklevel=2,
        )
        return SequenceFormLPResult((), caller, False, params, converged=False, n_iter=nit, game=game, value=value)
    return SequenceFormLPResult(
        (eq,), caller, False, params, converged=True, n_iter=nit, game=game, value=value, exact_value=exact_value
    )


def _has_exact_payoffs(game: ExtensiveFormGame) -> bool:
    return game.is_exact


def _sparse_matrix(sf: SequenceForm, weights: np.ndarray) -> Any:
    import scipy.sparse as sp

    n1, n2 = sf.n_sequences
    s = sf.terminal_sequences
    return sp.csr_array(sp.coo_array((weights, (s[:, 0], s[:, 1])), shape=(n1, n2)))


def _solve_lps(An: Any, E: np.ndarray, e: np.ndarray, F: np.ndarray, f: np.ndarray) -> tuple[Any, ...] | None:
    """Both LPs in floats: ``(x, q, y, p, value, iterations)`` or None when HiGHS fails.

    Hands HiGHS the very model and options that :func:`scipy.optimize.linprog`
    (``method="highs-ds"``) builds from :func:`_solve_lps_linprog`'s arguments,
    without linprog's per-call input checks and sparse block assembly (most of
    the time on small trees); falls back to linprog where scipy's HiGHS core is
    not importable. The answers are bitwise those of the linprog route (tested).
    """
    core = _highs_core()
    if core is None:  # pragma: no cover - scipy >= 1.15 ships its HiGHS core
        return _solve_lps_linprog(An, E, e, F, f)
    n1, n2 = An.shape
    m1, m2 = E.shape[0], F.shape[0]
    coo = An.tocoo()
    ar, ac, av = coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data
    er, ec = np.nonzero(E)
    fr, fc = np.nonzero(F)
    ev, fv = E[er, ec].astype(np.float64), F[fr, fc].astype(np.float64)
    # player 0: rows [-A^T x + F^T q <= 0 (n2 rows); E x = e (m1 rows)], columns [x (n1); q (m2)]
    r1 = core.run(
        np.concatenate([ac, fc, n2 + er]), np.concatenate([ar, n1 + fr, ec]), np.concatenate([-av, fv, ev]),
        n2 + m1, n1 + m2, np.concatenate([np.zeros(n1), -f.astype(np.float64)]),
        np.concatenate([np.full(n2, -np.inf), e.astype(np.float64)]), np.concatenate([np.zeros(n2), e.astype(np.float64)]),
        np.concatenate([np.zeros(n1), np.full(m2, -np.inf)]),
    )
    # player 1: rows [A y - E^T p <= 0 (n1 rows); F y = f (m2 rows)], columns [y (n2); p (m1)]
    r2 = core.run(
        np.concatenate([ar, ec, n1 + fr]), np.concatenate([ac, n2 + er, fc]), np.concatenate([av, -ev, fv]),
        n1 + m2, n2 + m1, np.concatenate([np.zeros(n2), e.astype(np.float64)]),
        np.concatenate([np.full(n1, -np.inf), f.astype(np.float64)]), np.concatenate([np.zeros(n1), f.astype(np.float64)]),
        np.concatenate([np.zeros(n2), np.full(m1, -np.inf)]),
    )
    if r1 is None or r2 is None:  # pragma: no cover - the LPs are feasible and bounded
        return None
    x1, fun1, nit1 = r1
    x2, fun2, nit2 = r2
    return x1[:n1], x1[n1:], x2[:n2], x2[n2:], 0.5 * (float(-fun1) + float(fun2)), nit1 + nit2


class _HighsCore:
    """scipy's bundled HiGHS, called as :func:`scipy.optimize.linprog` calls it for ``method="highs-ds"``."""

    def __init__(self, h: Any, inf: float) -> None:
        self.h = h
        self.inf = inf

    def run(
        self, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, n_rows: int, n_cols: int,
        c: np.ndarray, lhs: np.ndarray, rhs: np.ndarray, lb: np.ndarray,
    ) -> tuple[np.ndarray, float, int] | None:
        """Minimise ``c.x`` s.t. ``lhs <= M x <= rhs``, ``lb <= x`` (*M* from triplets, no duplicates): ``(x, objective, iterations)``."""
        h = self.h
        order = np.lexsort((rows, cols))  # column-wise, rows ascending: scipy's canonical CSC
        lp = h.HighsLp()
        lp.num_col_ = n_cols
        lp.num_row_ = n_rows
        lp.a_matrix_.num_col_ = n_cols
        lp.a_matrix_.num_row_ = n_rows
        lp.a_matrix_.format_ = h.MatrixFormat.kColwise
        lp.col_cost_ = c
        lp.col_lower_ = np.where(np.isinf(lb), -self.inf, lb)
        lp.col_upper_ = np.full(n_cols, self.inf)
        lp.row_lower_ = np.where(np.isinf(lhs), -self.inf, lhs)
        lp.row_upper_ = rhs
        lp.a_matrix_.start_ = np.concatenate(([0], np.cumsum(np.bincount(cols, minlength=n_cols)))).astype(np.int32)
        lp.a_matrix_.index_ = rows[order].astype(np.int32)
        lp.a_matrix_.value_ = vals[order]
        highs = h._Highs()
        opts = h.HighsOptions()
        opts.presolve = "on"
        opts.solver = "simplex"
        opts.highs_debug_level = int(h.HighsDebugLevel.kHighsDebugLevelNone)
        opts.dual_feasibility_tolerance = _HIGHS_TOL
        opts.primal_feasibility_tolerance = _HIGHS_TOL
        opts.log_to_console = False
        opts.output_flag = False
        opts.simplex_strategy = int(h.simplex_constants.SimplexStrategy.kSimplexStrategyDual)
        if highs.passOptions(opts) == h.HighsStatus.kError or highs.passModel(lp) == h.HighsStatus.kError:  # pragma: no cover
            return None
        if highs.run() == h.HighsStatus.kError or highs.getModelStatus() != h.HighsModelStatus.kOptimal:  # pragma: no cover
            return None
        info = highs.getInfo()
        return np.array(highs.getSolution().col_value), float(info.objective_function_value), int(info.simplex_iteration_count)


_CORE: list[_HighsCore | None] = []


def _highs_core() -> _HighsCore | None:
    """The HiGHS core bundled with scipy (imported once), or None where it is missing."""
    if not _CORE:
        try:
            import scipy.optimize._highspy._core as h  # type: ignore[import-not-found,import-untyped,unused-ignore]

            for name in ("HighsLp", "_Highs", "HighsOptions", "MatrixFormat", "HighsStatus", "HighsModelStatus", "HighsDebugLevel"):
                getattr(h, name)  # the names this route uses: a missing one falls back to linprog
            h.simplex_constants.SimplexStrategy.kSimplexStrategyDual  # noqa: B018
            _CORE.append(_HighsCore(h, float(h.kHighsInf)))
        except (ImportError, AttributeError):  # pragma: no cover - older or newer scipy layouts
            _CORE.append(None)
    return _CORE[0]


def _solve_lps_linprog(An: Any, E: np.ndarray, e: np.ndarray, F: np.ndarray, f: np.ndarray) -> tuple[Any, ...] | None:
    """Both LPs through :func:`scipy.optimize.linprog`: the reference route of :func:`_solve_lps`."""
    import scipy.sparse as sp
    from scipy.optimize import linprog as _linprog

    linprog: Any = _linprog  # scipy's overloads do not cover sparse constraint matrices
    n1, n2 = An.shape
    m1, m2 = E.shape[0], F.shape[0]
    opts = {"primal_feasibility_tolerance": _HIGHS_TOL, "dual_feasibility_tolerance": _HIGHS_TOL}
    Es, Fs = sp.csr_array(E.astype(np.float64)), sp.csr_array(F.astype(np.float64))
    # player 0: max f.q  s.t.  -A^T x + F^T q <= 0,  E x = e,  x >= 0,  q free
    c1 = np.zeros(n1 + m2)
    c1[n1:] = -f
    r1 = linprog(
        c1,
        A_ub=sp.hstack([-An.T, Fs.T], format="csr"),
        b_ub=np.zeros(n2),
        A_eq=sp.hstack([Es, sp.csr_array((m1, m2))], format="csr"),
        b_eq=e.astype(np.float64),
        bounds=[(0, None)] * n1 + [(None, None)] * m2,
        method="highs-ds",
        options=opts,
    )
    # player 1: min e.p  s.t.  A y - E^T p <= 0,  F y = f,  y >= 0,  p free
    c2 = np.zeros(n2 + m1)
    c2[n2:] = e
    r2 = linprog(
        c2,
        A_ub=sp.hstack([An, -Es.T], format="csr"),
        b_ub=np.zeros(n1),
        A_eq=sp.hstack([Fs, sp.csr_array((m2, m1))], format="csr"),
        b_eq=f.astype(np.float64),
        bounds=[(0, None)] * n2 + [(None, None)] * m1,
        method="highs-ds",
        options=opts,
    )
    if r1.status != 0 or r2.status != 0:  # pragma: no cover - the LPs are feasible and bounded
        return None
    x, q = r1.x[:n1], r1.x[n1:]
    y, p = r2.x[:n2], r2.x[n2:]
    return x, q, y, p, 0.5 * (float(-r1.fun) + float(r2.fun)), int(r1.nit) + int(r2.nit)


def _active_sets(An: Any, E: np.ndarray, F: np.ndarray, x: np.ndarray, q: np.ndarray, y: np.ndarray, p: np.ndarray, thr: float) -> tuple[np.ndarray, ...]:
    """Supports of x and y and the tight rows of player 0's and player 1's inequalities, at threshold *thr*."""
    slack1 = An.T @ x - F.T @ q  # >= 0, one per sequence of player 1
    slack2 = E.T @ p - An @ y  # >= 0, one per sequence of player 0
    return np.flatnonzero(x > thr), np.flatnonzero(np.abs(slack1) <= thr), np.flatnonzero(y > thr), np.flatnonzero(np.abs(slack2) <= thr)


def _polish(An: Any, E: np.ndarray, e: np.ndarray, F: np.ndarray, f: np.ndarray, x: np.ndarray, q: np.ndarray, y: np.ndarray, p: np.ndarray) -> list[np.ndarray]:
    """Re-solve the active constraints of the float vertex by least squares (round-off only); keep HiGHS's plans if that is worse."""
    Ad = An.toarray()
    sx, t1, sy, t2 = _active_sets(An, E, F, x, q, y, p, _ACTIVE_THRESHOLDS[0])
    out = []
    for M, rhs, Mt, other_T, supp, tight, plan, dual in ((E, e, F, Ad.T, sx, t1, x, q), (F, f, E, Ad, sy, t2, y, p)):
        n, m = M.shape[1], Mt.shape[0]
        rows = [np.hstack([M[:, supp], np.zeros((M.shape[0], m))]), np.hstack([-other_T[np.ix_(tight, supp)], Mt.T[tight]])]
        sys_ = np.vstack(rows)
        b = np.concatenate([rhs.astype(np.float64), np.zeros(tight.size)])
        sol = np.linalg.lstsq(sys_, b, rcond=None)[0]
        new = np.zeros(n)
        new[supp] = sol[: supp.size]
        resid_new = float(np.abs(M @ new - rhs).max()) if new.min() >= -1e-12 else np.inf
        resid_old = float(np.abs(M @ plan - rhs).max())
        out.append(np.clip(new, 0.0, None) if resid_new <= resid_old else plan)
        del dual
    return out


def _exact_lp(
    game: ExtensiveFormGame, sf: SequenceForm, An: Any, x: np.ndarray, q: np.ndarray, y: np.ndarray, p: np.ndarray
) -> tuple[list[np.ndarray], Fraction] | None:
    """Exact optimal plans from the active constraints of the float solution, verified exactly; None if none verifies."""
    A = _exact_matrix(sf)
    E, e = sf.constraints[0], sf.rhs[0]
    F, f = sf.constraints[1], sf.rhs[1]
    for thr in _ACTIVE_THRESHOLDS:
        sx, t1, sy, t2 = _active_sets(An, E, F, x, q, y, p, thr)
        xq = _solve_active(E, e, F, A.T, sx, t1)
        yp = _solve_active(F, f, E, A, sy, t2)
        if xq is None or yp is None:
            continue
        xe, qe = xq
        ye, pe = yp
        if _verify(A, E, e, F, f, xe, qe, ye, pe):
            return [xe, ye], sum((Fraction(int(v)) * w for v, w in zip(f.tolist(), qe.tolist())), Fraction(0))
    return None


def _exact_matrix(sf: SequenceForm) -> np.ndarray:
    A: np.ndarray = sf.payoff_matrices()[0]
    if A.dtype == object:
        return A
    out = np.empty(A.shape, dtype=object)
    out[:] = [[Fraction(v) for v in row] for row in A.tolist()] if A.size else out
    return out


def _solve_active(M: np.ndarray, rhs: np.ndarray, Mt: np.ndarray, other_T: np.ndarray, supp: np.ndarray, tight: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Solve ``M[:, supp] z = rhs`` and ``-other_T[tight, supp] z + Mt^T[tight] d = 0`` exactly for ``(plan, dual)``."""
    n, m = M.shape[1], Mt.shape[0]
    zero = Fraction(0)
    rows: list[list[Fraction]] = []
    b: list[Fraction] = []
    for r in range(M.shape[0]):
        rows.append([Fraction(int(M[r, c])) for c in supp.tolist()] + [zero] * m)
        b.append(Fraction(int(rhs[r])))
    MtT = Mt.T
    for j in tight.tolist():
        rows.append([-Fraction(other_T[j, c]) for c in supp.tolist()] + [Fraction(int(v)) for v in MtT[j].tolist()])
        b.append(zero)
    sol = _solve_particular_sparse(rows, b)
    if sol is None:
        return None
    plan = np.empty(n, dtype=object)
    plan.fill(zero)
    plan[supp] = sol[: supp.size]
    dual = np.empty(m, dtype=object)
    dual[:] = sol[supp.size :]
    return plan, dual


def _solve_particular_sparse(a: list[list[Fraction]], b: list[Fraction]) -> list[Fraction] | None:
    """:func:`~gametheory_af._exact.solve_particular` (free variables zero; None if inconsistent) on rows kept sparse.

    Gauss-Jordan over the columns in order, touching only nonzero entries. The
    reduced row echelon form of a matrix is unique, so the pivot columns and the
    particular solution are those of the dense routine (tested); the sequence-form
    systems are mostly zeros, which the dense routine multiplies through.
    """
    n = len(a[0]) if a else 0
    rows = [{c: v for c, v in enumerate(r) if v != 0} for r in a]
    for row, bi in zip(rows, b):
        if bi != 0:
            row[n] = Fraction(bi)
    free = list(range(len(rows)))
    pivot_of: dict[int, dict[int, Fraction]] = {}
    for c in range(n + 1):
        k = next((k for k in free if c in rows[k]), None)
        if k is None:
            continue
        if c == n:
            return None  # a row 0 = b with b nonzero: inconsistent
        free.remove(k)
        prow = rows[k]
        inv = 1 / prow[c]
        for j in prow:
            prow[j] = prow[j] * inv
        for other in rows:
            f = other.get(c)
            if f is None or other is prow:
                continue
            for j, v in prow.items():
                w = other.get(j, 0) - f * v
                if w == 0:
                    other.pop(j, None)
                else:
                    other[j] = w
        pivot_of[c] = prow
        if not free:
            break
    x = [Fraction(0)] * n
    for c, prow in pivot_of.items():
        x[c] = Fraction(prow.get(n, 0))
    return x


def _verify(A: np.ndarray, E: np.ndarray, e: np.ndarray, F: np.ndarray, f: np.ndarray, x: np.ndarray, q: np.ndarray, y: np.ndarray, p: np.ndarray) -> bool:
    """Exact primal and dual feasibility of both LPs and equal objectives (so both are optimal).

    The products run over the nonzero entries only (:func:`_mat_vec`): exact
    sums, so the verdict is the dense one.
    """
    if any(v < 0 for v in x.tolist()) or any(v < 0 for v in y.tolist()):
        return False
    xs, ys, qs, ps = x.tolist(), y.tolist(), q.tolist(), p.tolist()
    if any(a != b for a, b in zip(_mat_vec(E, xs), e.tolist())) or any(a != b for a, b in zip(_mat_vec(F, ys), f.tolist())):
        return False
    if any(a > b for a, b in zip(_mat_vec(F.T, qs), _mat_vec(A.T, xs))):
        return False
    if any(a < b for a, b in zip(_mat_vec(E.T, ps), _mat_vec(A, ys))):
        return False
    return bool(sum((a * b for a, b in zip(f.tolist(), qs)), Fraction(0)) == sum((a * b for a, b in zip(e.tolist(), ps)), Fraction(0)))


def _mat_vec(M: np.ndarray, v: list[Any]) -> list[Any]:
    """``M @ v`` in exact arithmetic over the nonzero entries of *M* (ints or Fractions)."""
    out: list[Any] = [Fraction(0)] * M.shape[0]
    r, c = np.nonzero(M)
    for i, j, m in zip(r.tolist(), c.tolist(), M[r, c].tolist()):
        out[i] += m * v[j]
    return out


def _exact_by_lemke(game: ExtensiveFormGame) -> tuple[list[np.ndarray], Fraction]:
    """An exact equilibrium by Lemke's algorithm in rationals; in a zero-sum game its payoff is the value."""
    out = _lemke(game, exact=True, clock=Clock(None))
    plans = out[0]
    if plans is None:  # pragma: no cover - exact Lemke ends at an equilibrium (von Stengel et al. 2002)
        raise GameError("sequence_form_lp: exact Lemke pivoting found no equilibrium (please report this game).")
    sf = sequence_form(game)
    A = _exact_matrix(sf)
    return plans, Fraction(plans[0].dot(A).dot(plans[1]))


# ----------------------------------------------------------------------------- the LCP
def sequence_form_lcp(
    game: ExtensiveFormGame, *, exact: bool = False, max_time: float | None = MAX_TIME_LIMIT, tol: float = 1e-9
) -> TreeEquilibriumResult:
    r"""One Nash equilibrium of a two-player tree by Lemke's algorithm on the sequence-form LCP.

    An equilibrium in realization plans is a solution of the linear
    complementarity problem (Koller, Megiddo & von Stengel 1996)

    .. math::

        E x = e,\ F y = f,\quad
        0 \le x \perp E^T p - A y \ge 0,\quad 0 \le y \perp F^T q - B^T x \ge 0 .

    It is solved by Lemke's algorithm with the covering vector of von Stengel,
    van den Elzen & Talman (2002): with a starting profile ``(x~, y~)`` (the
    realization plans of uniform behaviour), the system is augmented to
    ``E x + e z0 = e``, ``F y + f z0 = f`` and the best-response conditions
    against ``y + y~ z0`` and ``x + x~ z0``. At ``z0 = 1`` each player plays a
    pure best response to the other's starting plan (found by backward
    induction over her sequences); complementary pivoting then traces a path
    on which ``z0`` falls to 0, where ``(x, y)`` is an equilibrium. Payoffs
    are first shifted to be negative (equilibria do not change). Pivoting is
    lexicographic (ties broken by the columns of the starting basis), so
    degenerate trees cannot cycle.

    Parameters
    ----------
    game : ExtensiveFormGame
        A two-player tree with perfect recall (general-sum).
    exact : bool, default False
        Pivot in rational arithmetic and return the exact equilibrium (its
        regret is then exactly zero). Trees with exact payoffs that float64
        cannot resolve (``float_resolves``) are
        pivoted exactly even when ``exact=False``, as are float paths whose
        end does not certify within *tol*.
    max_time : float or None, default the ``max_time`` limit
        Stop after this many seconds (the result is then empty with
        ``converged=False`` and a warning).
    tol : float, default 1e-9
        The returned equilibrium's ``relative_regret`` (computed in the tree)
        is at most *tol*.

    Returns
    -------
    TreeEquilibriumResult
        ``method="sequence_form_lcp"``, one equilibrium (behaviour from the
        plans, uniform at information sets a player's own plan excludes),
        ``complete=False``, ``n_iter`` the number of pivots.

    Raises
    ------
    TypeError
        For a *game* that is not an ExtensiveFormGame.
    GameError
        For a game without two players or without perfect recall, or a
        tableau beyond the memory limit.

    Warns
    -----
    ConvergenceWarning
        When *max_time* runs out, or a float path ends off an equilibrium and
        no exact payoffs are available.

    Notes
    -----
    When the starting best responses tie (a degenerate start, common with
    uniform play in symmetric games), the lexicographic path can end in a
    ray; it is then rerun from seeded random completely mixed starting
    profiles (up to seven), and a warning is issued only if every path fails.
    The tableau is dense, with one row per sequence and information set of
    both players: meant for trees of up to a few thousand sequences. The
    starting profile makes the equilibrium found a normal-form perfect one in
    nondegenerate games (von Stengel et al. 2002); which equilibrium is found
    depends on it, so it may differ from Gambit's ``lcp_solve``.

    References
    ----------
    Koller, D., Megiddo, N., & von Stengel, B. (1996). Efficient computation of
    equilibria for extensive two-person games. *Games and Economic Behavior*
    14, 247-259.

    von Stengel, B., van den Elzen, A., & Talman, D. (2002). Computing normal
    form perfect equilibria for extensive two-person games. *Econometrica*
    70(2), 693-715.

    Lemke, C. E. (1965). Bimatrix equilibrium points and mathematical
    programming. *Management Science* 11(7), 681-689.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.sequence_form import sequence_form_lcp
    >>> res = sequence_form_lcp(gt.catalog.entry_deterrence(), exact=True)
    >>> res.describe(), res[0].exact
    (['Entrant: In; Incumbent: Accommodate'], ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1))))
    """
    caller = "sequence_form_lcp"
    game = _two_player(game, caller)
    exact = check_bool(exact, "exact", caller)
    budget = check_max_time(max_time, caller)
    tol = check_tol(tol, caller)
    params = {"exact": exact, "max_time": budget, "tol": tol}
    clock = Clock(budget)
    pivot_exactly = exact or (game.is_exact and not float_resolves(np.ascontiguousarray(game.terminal_payoffs.T)))
    plans, piv, status = _lemke(game, exact=pivot_exactly, clock=clock)
    eq: BehaviorEquilibrium | None = None
    if plans is not None:
        eq = make_behavior_equilibrium(game, plans_to_behavior(game, plans, pivot_exactly), exact=pivot_exactly)
        if pivot_exactly and not exact:
            eq = make_behavior_equilibrium(game, eq.behavior)
        if eq.relative_regret > tol:
            eq = None
    if eq is None and status != "time" and not pivot_exactly and game.is_exact:
        plans, piv2, status = _lemke(game, exact=True, clock=clock)
        piv += piv2
        if plans is not None:
            eq = make_behavior_equilibrium(game, plans_to_behavior(game, plans, True), exact=True)
            eq = make_behavior_equilibrium(game, eq.behavior, exact=False) if not exact else eq
    if eq is None:
        why = (
            f"max_time={budget} was reached after {piv} pivots"
            if status == "time"
            else f"the path ended off an equilibrium within tol={tol:.3g} (numerical trouble)"
        )
        warnings.warn(f"{caller}: {why}; no equilibrium returned.", ConvergenceWarning, stacklevel=2)
        return TreeEquilibriumResult((), caller, False, params, converged=False, n_iter=piv, game=game)
    return TreeEquilibriumResult((eq,), caller, False, params, converged=True, n_iter=piv, game=game)


def _shifted_payoffs(game: ExtensiveFormGame, exact: bool) -> np.ndarray:
    """Terminal payoffs mapped per player onto ``[-2, -1]`` (exactly when *exact*): all negative, as Lemke needs."""
    if exact:
        u = game.exact_terminal_payoffs()
        out = np.empty(u.shape, dtype=object)
        for j in range(u.shape[1]):
            col = u[:, j].tolist()
            lo, hi = min(col), max(col)
            span = hi - lo if hi > lo else Fraction(1)
            out[:, j] = [(v - hi) / span - 1 for v in col]
        return out
    uf = game.terminal_payoffs
    lo_f, hi_f = uf.min(axis=0), uf.max(axis=0)
    span_f = np.where(hi_f > lo_f, hi_f - lo_f, 1.0)
    out_f: np.ndarray = (uf - hi_f) / span_f - 1.0
    return out_f


def _best_response_plan(c: np.ndarray, slices: list[tuple[int, int, int, int]]) -> list[int]:
    """Sequences of a pure best response at every information set, by backward induction on sequence values *c*."""
    c = c.copy()
    chosen = [0]
    for _, par, first, k in reversed(slices):  # children come after their parents in game order
        seg = c[first : first + k].tolist()
        best = max(range(k), key=lambda a: seg[a])
        c[par] = c[par] + seg[best]
        chosen.append(first + best)
    return chosen


#: Starting profiles tried in turn: uniform behaviour, then seeded random completely mixed ones.
_PRIORS: tuple[int | None, ...] = (None, 1, 2, 3, 4, 5, 6, 7)


def _lemke(game: ExtensiveFormGame, *, exact: bool, clock: Clock) -> tuple[list[np.ndarray] | None, int, str]:
    """Lemke's algorithm from the uniform starting profile; should its path end in a ray (possible
    when the starting best responses tie, a degenerate start), again from other completely mixed ones."""
    total = 0
    for prior in _PRIORS:
        plans, piv, status = _lemke_from(game, exact=exact, clock=clock, prior=prior)
        total += piv
        if status != "ray":
            break
    return plans, total, status


def _lemke_from(game: ExtensiveFormGame, *, exact: bool, clock: Clock, prior: int | None) -> tuple[list[np.ndarray] | None, int, str]:
    """Lemke's algorithm on the augmented sequence-form LCP; ``(plans or None, pivots, status)``.

    Columns: ``x`` (n1), ``y`` (n2), slacks ``w`` (n1) and ``v`` (n2), free
    ``p`` (m1) and ``q`` (m2), ``z0``, then the right-hand side. Rows:
    ``E x + e z0 = e``; ``F y + f z0 = f``; ``-A y + E^T p - (A y~) z0 - w = 0``;
    ``-B^T x + F^T q - (B^T x~) z0 - v = 0``.
    """
    sf = sequence_form(game)
    E, e = sf.constraints[0], sf.rhs[0]
    F, f = sf.constraints[1], sf.rhs[1]
    (m1, n1), (m2, n2) = E.shape, F.shape
    R = m1 + m2 + n1 + n2
    C = 2 * (n1 + n2) + m1 + m2 + 2
    check_bytes(R * C, 8 if not exact else 64, "sequence-form LCP tableau entries", "sequence_form_lcp")
    u = _shifted_payoffs(game, exact)
    reach = chance_reach(game, exact=exact)[game.terminals]
    s1, s2 = sf.terminal_sequences[:, 0], sf.terminal_sequences[:, 1]
    dtype: Any = object if exact else np.float64
    zero: Any = Fraction(0) if exact else 0.0
    A = np.full((n1, n2), zero, dtype=dtype)
    B = np.full((n1, n2), zero, dtype=dtype)
    np.add.at(A, (s1, s2), reach * u[:, 0])
    np.add.at(B, (s1, s2), reach * u[:, 1])
    sl1, sl2 = infoset_slices(game, 0), infoset_slices(game, 1)
    rng = None if prior is None else np.random.default_rng(prior)
    xt = _starting_plan(n1, sl1, exact, rng)
    yt = _starting_plan(n2, sl2, exact, rng)
    cx, cy, cw, cv = 0, n1, n1 + n2, 2 * n1 + n2
    cp, cq = 2 * (n1 + n2), 2 * (n1 + n2) + m1
    cz = cq + m2
    T = np.full((R, C), zero, dtype=dtype)
    r1, r2, r3, r4 = 0, m1, m1 + m2, m1 + m2 + n1
    T[r1:r2, cx : cx + n1] = E
    T[r1:r2, cz] = e
    T[r1:r2, -1] = e
    T[r2:r3, cy : cy + n2] = F
    T[r2:r3, cz] = f
    T[r2:r3, -1] = f
    T[r3:r4, cy : cy + n2] = -A
    T[r3:r4, cp : cp + m1] = E.T
    T[r3:r4, cz] = -A.dot(yt)
    T[r3:r4, cw : cw + n1] = -np.eye(n1, dtype=np.int64)
    T[r4:, cx : cx + n1] = -B.T
    T[r4:, cq : cq + m2] = F.T
    T[r4:, cz] = -B.T.dot(xt)
    T[r4:, cv : cv + n2] = -np.eye(n2, dtype=np.int64)
    if exact:  # ints in an object array divide to floats: make every entry a Fraction
        T = np.array([[Fraction(v) for v in row] for row in T.tolist()], dtype=object).reshape(R, C)
    S = _best_response_plan(A.dot(yt), sl1)
    Tset = _best_response_plan(B.T.dot(xt), sl2)
    notS = sorted(set(range(n1)) - set(S))
    notT = sorted(set(range(n2)) - set(Tset))
    start = (
        list(range(cp, cz + 1))
        + [cx + s for s in S if s != 0]
        + [cw + s for s in notS]
        + [cy + t for t in Tset]
        + [cv + t for t in notT]
    )
    basis = _make_basic(T, start, exact)
    if basis is None:  # pragma: no cover - the starting basis is nonsingular by construction
        return None, 0, "singular"
    # The free p and q stay basic for good: drop their rows and columns (their values are not needed).
    keep_rows = (basis < cp) | (basis >= cz)
    keep_cols = np.r_[0:cp, cz : C]
    T = np.ascontiguousarray(T[keep_rows][:, keep_cols])
    basis = basis[keep_rows]
    basis[basis >= cz] -= cz - cp
    cz = cp
    C = T.shape[1]
    if not exact:
        T[:, -1] = np.where(T[:, -1] < 0, 0.0, T[:, -1])  # round-off at the degenerate start
    lex = np.array(sorted(c if c < cp else c - (m1 + m2) for c in start if not cp <= c < cp + m1 + m2), dtype=np.int64)
    eps: Any = 0 if exact else _PIVOT_EPS
    tie: Any = 0 if exact else _TIE
    entering = cx  # x of the empty sequence: its pair (x_0, w_0) is the one left out at the start
    pivots = 0
    while True:
        if clock.expired():
            return None, pivots, "time"
        col = T[:, entering]
        cand = np.flatnonzero(col > eps)
        if cand.size == 0:
            return None, pivots, "ray"
        r = _lex_row(T, cand, entering, lex, tie)
        T[r] = T[r] / T[r, entering]
        fcol = T[:, entering].copy()
        fcol[r] = zero
        nz = np.flatnonzero(fcol != 0)
        if nz.size:
            T[nz] -= np.multiply.outer(fcol[nz], T[r])
        leaving = int(basis[r])
        basis[r] = entering
        pivots += 1
        if leaving == cz:
            break
        entering = leaving + (n1 + n2) if leaving < n1 + n2 else leaving - (n1 + n2)
    vals = np.full(C, zero, dtype=dtype)
    vals[basis] = T[:, -1]
    x = vals[cx : cx + n1].copy()
    y = vals[cy : cy + n2].copy()
    if not exact:
        x, y = np.clip(x, 0.0, None), np.clip(y, 0.0, None)
    return [x, y], pivots, "done"


def _starting_plan(n: int, slices: list[tuple[int, int, int, int]], exact: bool, rng: np.random.Generator | None) -> np.ndarray:
    """The realization plan of uniform behaviour, or (with *rng*) of random behaviour with weights 1..9."""
    x = np.full(n, Fraction(0) if exact else 0.0, dtype=object if exact else np.float64)
    x[0] = Fraction(1) if exact else 1.0
    for _, par, first, k in slices:
        w = [1] * k if rng is None else [int(v) for v in rng.integers(1, 10, size=k)]
        probs = [Fraction(v, sum(w)) for v in w]
        x[first : first + k] = [x[par] * (p if exact else float(p)) for p in probs]
    return x


def _make_basic(T: np.ndarray, cols: list[int], exact: bool) -> np.ndarray | None:
    """Gauss-Jordan: make *cols* the basic columns of tableau *T* (in place); ``basis[row]`` is the column basic there."""
    R = T.shape[0]
    basis = np.full(R, -1, dtype=np.int64)
    free_rows = np.ones(R, dtype=bool)
    for c in cols:
        col = T[:, c]
        if exact:
            cand = np.flatnonzero((col != 0) & free_rows)
            if cand.size == 0:  # pragma: no cover
                return None
            r = int(cand[0])
        else:
            mag = np.where(free_rows, np.abs(col.astype(np.float64)), 0.0)
            r = int(np.argmax(mag))
            if mag[r] <= 1e-12:  # pragma: no cover
                return None
        T[r] = T[r] / T[r, c]
        fcol = T[:, c].copy()
        fcol[r] = 0
        nz = np.flatnonzero(fcol != 0)
        if nz.size:
            T[nz] -= np.multiply.outer(fcol[nz], T[r])
        basis[r] = c
        free_rows[r] = False
    return basis


def _lex_row(T: np.ndarray, cand: np.ndarray, col: int, lex: np.ndarray, tie: Any) -> int:
    """The lexicographic minimum-ratio row among *cand* (ties broken by the starting basis's columns)."""
    a = T[cand, col]
    ratio = T[cand, -1] / a
    best = ratio.min()
    cand = cand[ratio <= best + tie]
    for c in lex.tolist():  # pragma: no branch - the rows of B^-1 B0 are independent: a winner emerges
        if cand.size == 1:
            break
        a = T[cand, col]
        ratio = T[cand, c] / a
        best = ratio.min()
        cand = cand[ratio <= best + tie]
    return int(cand[0])
