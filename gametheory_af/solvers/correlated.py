"""Correlated equilibria of n-player normal-form games, by linear programming.

A *correlated equilibrium* (Aumann 1974, 1987) is a joint distribution ``p`` over
strategy profiles such that no player gains by disobeying the recommendation a
mediator draws from ``p``: for every player ``i`` and every pair of her
strategies ``s != t``,

``sum_{a : a_i = s} p(a) * (u_i(t, a_-i) - u_i(s, a_-i)) <= 0``.

These incentive constraints are linear in ``p``, so the correlated equilibria form
a polytope and a welfare-maximising one is a linear programme (Hart and
Schmeidler 1989; Papadimitriou and Roughgarden 2008).

- :func:`correlation_gains`: the certificate, each player's largest gain from a
  deviation rule ``s -> t`` (0 for obeying);
- :func:`is_correlated`: the certificate against a relative tolerance;
- :func:`correlated_equilibria`: a welfare-maximising correlated equilibrium (HiGHS,
  or exactly in rationals) or every vertex of the polytope of a small game.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations, islice
from typing import Any

import numpy as np

from .._exact import solve_particular, solve_unique
from .._limits import check_bytes, check_count
from .._tolerance import DEFAULT_TOL, payoff_ranges
from .._validation import _short, check_bool, check_int, check_tol, float_array, to_fraction
from ..exceptions import GameError, GameWarning
from ..game import NormalFormGame
from ..result import ResultMixin, json_value

__all__ = ["CorrelatedResult", "correlated_equilibria", "correlation_gains", "is_correlated"]

#: Probabilities beyond this below zero, or a total this far from one (per entry), are off the simplex.
_SIMPLEX_TOL = 1e-9
#: Thresholds (on the normalised float LP) at which a float optimum's active sets are read.
_ACTIVE_THRESHOLDS = (1e-9, 1e-7, 1e-5)
_HIGHS_TOL = 1e-10


# ---------------------------------------------------------------------------- validation
def _check_game(game: Any, caller: str) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"{caller}: game must be a NormalFormGame; got {type(game).__name__}.")
    return game


def _as_distribution(game: NormalFormGame, distribution: Any, exact: bool, caller: str) -> np.ndarray:
    """A float (or, with *exact*, a Fraction object) array of ``game.shape`` on the simplex."""
    arr = float_array(distribution, "distribution", caller)
    if arr.shape != game.shape:
        raise GameError(
            f"{caller}: distribution must be an array of shape {game.shape} (one probability per strategy profile); "
            f"got shape {arr.shape}: {_short(distribution)}."
        )
    bad = ~np.isfinite(arr)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        raise GameError(f"{caller}: distribution must be finite; found {arr[idx]} at {idx}.")
    neg = arr < (0.0 if exact else -_SIMPLEX_TOL)
    if neg.any():
        idx = tuple(int(i) for i in np.argwhere(neg)[0])
        raise GameError(f"{caller}: distribution is off the simplex: negative probability {arr[idx]!r} at {idx}.")
    if not exact:
        total = float(arr.sum())
        if abs(total - 1.0) > _SIMPLEX_TOL * max(1, arr.size):
            raise GameError(f"{caller}: distribution is off the simplex: probabilities sum to {total!r}, not 1.")
        out = np.clip(arr, 0.0, None)
        normalized: np.ndarray = out / out.sum()
        return normalized
    values = [to_fraction(v) for v in np.asarray(distribution, dtype=object).reshape(-1).tolist()]
    total_q = sum(values, Fraction(0))
    if total_q != 1:
        raise GameError(
            f"{caller}: distribution must sum to exactly 1 in exact mode; it sums to {total_q} "
            f"(pass Fractions, e.g. Fraction(1, 3), rather than floats)."
        )
    exact_arr = np.empty(game.shape, dtype=object)
    exact_arr.reshape(-1)[:] = values
    return exact_arr


def _exact_payoffs(game: NormalFormGame) -> np.ndarray:
    out: np.ndarray = np.asarray(game.exact_payoffs(), dtype=object)
    return out


# ---------------------------------------------------------------------------- the certificate
def _gain_matrices(u_i: np.ndarray, p: np.ndarray, i: int) -> np.ndarray:
    """``G[s, t] = sum_{a_-i} p(s, a_-i) (u_i(t, a_-i) - u_i(s, a_-i))`` for player *i* (float or object arrays)."""
    s_i = u_i.shape[i]
    U = np.moveaxis(u_i, i, 0).reshape(s_i, -1)
    P = np.moveaxis(p, i, 0).reshape(s_i, -1)
    cross = P.dot(U.T)  # cross[s, t] = sum_r P[s, r] U[t, r]
    own = (P * U).sum(axis=1)  # own[s] = cross[s, s]
    out: np.ndarray = cross - own[:, None]
    return out


def _best_rule_gain(G: np.ndarray) -> Any:
    """``sum_s max_t G[s, t]``: the gain of the best deviation rule (the diagonal is 0, so each term is >= 0)."""
    return sum(G.max(axis=1).tolist(), G.dtype.type(0) if G.dtype != object else Fraction(0))


def best_rule_gains(payoffs: np.ndarray, joints: np.ndarray) -> np.ndarray:
    """The gain of each player's best deviation rule against each of a batch of joint distributions.

    The unchecked float kernel of :func:`correlation_gains`, for callers that hold many
    distributions at once (regret matching's empirical play): ``joints`` of shape
    ``(B, s_1, ..., s_n)``, ``payoffs`` of shape ``(n, s_1, ..., s_n)``; returns ``(B, n)``,
    each entry ``sum_s max(0, max_t G[s, t])``.
    """
    B = joints.shape[0]
    out = np.zeros((B, payoffs.shape[0]))
    for i in range(payoffs.shape[0]):
        s_i = payoffs.shape[1 + i]
        U = np.moveaxis(payoffs[i], i, 0).reshape(s_i, -1)  # (t, a_-i)
        P = np.moveaxis(joints, 1 + i, 1).reshape(B, s_i, -1)  # (B, s, a_-i)
        G = P @ U.T - np.einsum("bsr,sr->bs", P, U)[:, :, None]  # (B, s, t)
        out[:, i] = np.clip(G.max(axis=2), 0.0, None).sum(axis=1)
    return out


def correlation_gains(game: NormalFormGame, distribution: Any, *, exact: bool = False) -> np.ndarray:
    """Each player's largest gain from disobeying a correlating device: the certificate of a correlated equilibrium.

    For player ``i``, switching from a recommended ``s`` to ``t`` gains
    ``G[s, t] = sum_{a : a_i = s} p(a) (u_i(t, a_-i) - u_i(s, a_-i))``. A deviation rule
    ``d`` (play ``d(s)`` when told ``s``) gains ``sum_s G[s, d(s)]``; the certificate is
    the gain of the best rule, ``sum_s max_t G[s, t]``, which is at least 0 (``d(s) = s``:
    obey). A distribution is a correlated equilibrium exactly when every player's
    certificate is 0 (Aumann 1987). Computed with one matrix product per player.

    Parameters
    ----------
    game : NormalFormGame
        An n-player game.
    distribution : array_like of shape ``game.shape``
        A joint distribution over strategy profiles: non-negative, summing to 1.
    exact : bool, default False
        Compute in rationals from the exact payoffs (:meth:`NormalFormGame.exact_payoffs`);
        the distribution must then sum to exactly 1 (pass Fractions).

    Returns
    -------
    numpy.ndarray of shape (n_players,)
        The gains in each player's payoff units: float64, or Fractions (object dtype)
        with ``exact=True``.

    Raises
    ------
    GameError
        When *distribution* has the wrong shape, is not finite or is off the simplex.

    References
    ----------
    Aumann, R. J. (1987). Correlated equilibrium as an expression of Bayesian rationality.
    *Econometrica* 55(1), 1-18.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])   # chicken
    >>> correlation_gains(g, [[1/3, 1/3], [1/3, 0]]).round(12).tolist()
    [0.0, 0.0]
    >>> correlation_gains(g, [[1, 0], [0, 0]]).tolist()     # both told "dare not": each gains 1 by daring
    [1.0, 1.0]
    >>> from fractions import Fraction as F
    >>> correlation_gains(g, [[F(1, 2), F(1, 2)], [0, 0]], exact=True).tolist()  # column, told "swerve", dares
    [Fraction(0, 1), Fraction(1, 2)]
    """
    caller = "correlation_gains"
    game = _check_game(game, caller)
    exact = check_bool(exact, "exact", caller)
    p = _as_distribution(game, distribution, exact, caller)
    u = _exact_payoffs(game) if exact else game.payoffs
    if not exact:
        floats: np.ndarray = best_rule_gains(u, np.asarray(p, dtype=np.float64)[None])[0]
        return floats
    gains = [_best_rule_gain(_gain_matrices(u[i], p, i)) for i in range(game.n_players)]
    out = np.empty(game.n_players, dtype=object)
    out[:] = [max(Fraction(g), Fraction(0)) for g in gains]
    return out


def is_correlated(game: NormalFormGame, distribution: Any, *, tol: float = DEFAULT_TOL) -> bool:
    """Whether *distribution* is a correlated equilibrium, within a tolerance relative to each payoff range.

    Parameters
    ----------
    game : NormalFormGame
    distribution : array_like of shape ``game.shape``
        A joint distribution over strategy profiles.
    tol : float, default 1e-9
        Largest accepted gain (:func:`correlation_gains`) divided by the player's
        payoff range (``max - min``; 1 for a constant player), as every regret of
        the library (:ref:`tolerances`).

    Returns
    -------
    bool

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> is_correlated(g, [[1/3, 1/3], [1/3, 0]]), is_correlated(g, [[1/2, 1/2], [0, 0]])
    (True, False)
    """
    caller = "is_correlated"
    game = _check_game(game, caller)
    tol = check_tol(tol, caller)
    gains = correlation_gains(game, distribution)
    return bool(np.all(gains / payoff_ranges(game.payoffs) <= tol))


# ---------------------------------------------------------------------------- the LP
def _incentive_rows(game: NormalFormGame, u: np.ndarray) -> np.ndarray:
    """The incentive constraints ``rows @ vec(p) <= 0``: one row per player ``i`` and pair ``s != t``.

    Row ``(i, s, t)`` holds ``u_i(t, a_-i) - u_i(s, a_-i)`` at the profiles ``a`` with
    ``a_i = s`` and 0 elsewhere. Works on float or object (Fraction) payoffs.
    """
    shape = game.shape
    blocks = []
    for i, s_i in enumerate(shape):
        U = np.moveaxis(u[i], i, 0).reshape(s_i, -1)
        D = U[None, :, :] - U[:, None, :]  # D[s, t, r] = U[t, r] - U[s, r]
        block = np.zeros((s_i, s_i, s_i, U.shape[1]), dtype=u.dtype)
        idx = np.arange(s_i)
        block[idx, :, idx, :] = D  # row (s, t) lives on the slice a_i = s
        others = shape[:i] + shape[i + 1 :]
        block = block.reshape((s_i * s_i, s_i) + others)
        block = np.moveaxis(block, 1, i + 1).reshape(s_i * s_i, -1)
        keep = (idx[:, None] != idx[None, :]).ravel()
        blocks.append(block[keep])
    return np.concatenate(blocks, axis=0)


def _row_count(game: NormalFormGame) -> int:
    return sum(s * (s - 1) for s in game.shape)


def _objective_vector(game: NormalFormGame, u: np.ndarray, weights: list[Any]) -> np.ndarray:
    """``c(a) = sum_i w_i u_i(a)`` flattened over profiles."""
    flat = u.reshape(game.n_players, -1)
    c = flat[0] * weights[0]
    for i in range(1, game.n_players):
        c = c + flat[i] * weights[i]
    out: np.ndarray = c
    return out


def _solve_lp(c: np.ndarray, A_ub: np.ndarray) -> Any:
    """``max c.p`` over ``{p >= 0, sum p = 1, A_ub p <= 0}`` by HiGHS's dual simplex (a basic optimum)."""
    from scipy.optimize import linprog

    n = c.shape[0]
    scale = float(np.abs(c).max()) or 1.0
    res = linprog(
        -c / scale,
        A_ub=A_ub if A_ub.shape[0] else None,
        b_ub=np.zeros(A_ub.shape[0]) if A_ub.shape[0] else None,
        A_eq=np.ones((1, n)),
        b_eq=np.ones(1),
        bounds=(0, None),
        method="highs-ds",
        options={"primal_feasibility_tolerance": _HIGHS_TOL, "dual_feasibility_tolerance": _HIGHS_TOL},
    )
    if res.status != 0:  # pragma: no cover - the polytope is non-empty (Hart and Schmeidler 1989) and bounded
        raise GameError(f"correlated_equilibria: HiGHS failed on the correlated-equilibrium LP: {res.message}")
    return res


def exact_lp_solution(
    c: np.ndarray,
    A_ub: np.ndarray,
    b_ub: np.ndarray,
    A_eq: np.ndarray,
    b_eq: np.ndarray,
    x: np.ndarray,
    lam: np.ndarray,
    mu: np.ndarray,
    reduced: np.ndarray,
    *,
    thresholds: tuple[float, ...] = _ACTIVE_THRESHOLDS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """An exact, verified optimum of ``max c.x s.t. A_ub x <= b_ub, A_eq x = b_eq, x >= 0`` from a float one.

    The data are object arrays of Fractions; ``x`` (primal), ``lam >= 0`` (duals of
    the inequalities) and ``mu`` (of the equalities) are a float optimum of the same
    LP, and ``reduced`` its reduced costs ``A_ub^T lam + A_eq^T mu - c`` (HiGHS's
    ``lower.marginals``), possibly with rows and objective scaled by positive
    factors: only their supports are read.
    At each threshold the active sets are read off the float solution, the primal
    ``x`` is solved on its support with the tight rows binding and the dual on the
    tight columns, and the pair is returned only when it is verified exactly:
    primal and dual feasibility and equal objectives (so both are optimal by weak
    duality). None when no threshold verifies.

    Shared helper: any LP of the library in this form can reuse it.

    Examples
    --------
    >>> import numpy as np
    >>> from fractions import Fraction as F
    >>> obj = lambda v: np.vectorize(F, otypes=[object])(np.array(v))
    >>> # max x0 + 2 x1  s.t.  x0 + 3 x1 <= 1,  x0 + x1 = 1  ->  x = (1, 0), value 1
    >>> sol = exact_lp_solution(obj([1, 2]), obj([[1, 3]]), obj([1]), obj([[1, 1]]), obj([1]),
    ...                         np.array([1.0, 0.0]), np.array([0.5]), np.array([0.5]), np.array([0.0, 0.0]))
    >>> [str(v) for v in sol[0]], [str(v) for v in sol[1]], [str(v) for v in sol[2]]
    (['1', '0'], ['1/2'], ['1/2'])
    """
    n = c.shape[0]
    m_ub, m_eq = A_ub.shape[0], A_eq.shape[0]
    zero = Fraction(0)
    A_ub_f = A_ub.astype(np.float64) if m_ub else np.zeros((0, n))
    for thr in thresholds:
        supp = np.flatnonzero(x > thr)
        slack = A_ub_f @ x - b_ub.astype(np.float64) if m_ub else np.zeros(0)
        tight = np.flatnonzero(np.abs(slack) <= thr * max(1.0, float(np.abs(A_ub_f).max(initial=0.0))))
        rows = [list(A_eq[r, supp]) for r in range(m_eq)] + [list(A_ub[r, supp]) for r in tight.tolist()]
        rhs = list(b_eq) + [b_ub[r] for r in tight.tolist()]
        xs = solve_particular(rows, rhs) if supp.size else None
        if xs is None:
            continue
        xe = np.full(n, zero, dtype=object)
        xe[supp] = xs
        lam_supp = np.flatnonzero(lam > thr)
        cols = sorted(set(supp.tolist()) | set(np.flatnonzero(np.abs(reduced) <= thr).tolist()))
        drows = [[A_ub[k, j] for k in lam_supp.tolist()] + [A_eq[r, j] for r in range(m_eq)] for j in cols]
        sol = solve_particular(drows, [c[j] for j in cols]) if cols else None
        if sol is None:
            continue
        le = np.full(m_ub, zero, dtype=object)
        le[lam_supp] = sol[: lam_supp.size]
        me = np.empty(m_eq, dtype=object)
        me[:] = sol[lam_supp.size :]
        if _verify_lp(c, A_ub, b_ub, A_eq, b_eq, xe, le, me):
            return xe, le, me
    return None


def _verify_lp(
    c: np.ndarray, A_ub: np.ndarray, b_ub: np.ndarray, A_eq: np.ndarray, b_eq: np.ndarray, x: np.ndarray, lam: np.ndarray, mu: np.ndarray
) -> bool:
    """Exact primal feasibility, dual feasibility and a zero duality gap."""
    if any(v < 0 for v in x.tolist()) or any(v < 0 for v in lam.tolist()):
        return False
    if any(v != 0 for v in (A_eq.dot(x) - b_eq).tolist()):
        return False
    if A_ub.shape[0] and any(v > 0 for v in (A_ub.dot(x) - b_ub).tolist()):
        return False
    dual = A_eq.T.dot(mu) + (A_ub.T.dot(lam) if A_ub.shape[0] else 0)
    if any(v < 0 for v in (dual - c).tolist()):
        return False
    primal_value = c.dot(x)
    dual_value = b_eq.dot(mu) + (b_ub.dot(lam) if A_ub.shape[0] else 0)
    return bool(primal_value == dual_value)


# ---------------------------------------------------------------------------- vertices
def _vertices_float(H: np.ndarray, max_vertices: int, chunk: int = 1 << 12) -> tuple[np.ndarray, bool]:
    """Vertices of ``{p : H p <= 0, sum p = 1}`` (``H`` includes ``-I``) by enumerating bases; ``(V, complete)``."""
    n = H.shape[1]
    if n == 1:
        return np.ones((1, 1)), True
    ones = np.ones((1, n))
    rhs = np.zeros(n)
    rhs[-1] = 1.0
    norms_h = np.linalg.norm(H, axis=1)
    found: dict[bytes, np.ndarray] = {}
    combos = combinations(range(H.shape[0]), n - 1)
    while True:
        block = np.array(list(islice(combos, chunk)), dtype=np.intp).reshape(-1, n - 1)
        if block.shape[0] == 0:
            return _sorted_vertices(found, n), True
        M = np.concatenate([H[block], np.broadcast_to(ones, (block.shape[0], 1, n))], axis=1)
        det = np.linalg.det(M)
        scale = np.prod(norms_h[block], axis=1) * math.sqrt(n)
        ok = np.abs(det) > 1e-10 * scale
        if not ok.any():
            continue
        z = np.linalg.solve(M[ok], np.broadcast_to(rhs, (int(ok.sum()), n))[:, :, None])[:, :, 0]
        feas = (z @ H.T <= 1e-9 * norms_h).all(axis=1)
        for v in z[feas]:
            v = np.clip(v, 0.0, None)
            v = v / v.sum()
            key = np.round(v, 9).tobytes()
            if key not in found:
                found[key] = v
                if len(found) > max_vertices:
                    found.pop(key)
                    return _sorted_vertices(found, n), False


def _sorted_vertices(found: dict[bytes, np.ndarray], n: int) -> np.ndarray:
    if not found:  # pragma: no cover - the polytope is non-empty
        return np.zeros((0, n))
    V = np.array(list(found.values()))
    order = np.lexsort(np.round(V, 9).T[::-1])[::-1]
    out: np.ndarray = V[order]
    return out


def _exact_vertex(Hx: np.ndarray, Hf: np.ndarray, v: np.ndarray) -> np.ndarray | None:
    """The exact vertex whose binding constraints *v* shows, verified feasible; None if none verifies."""
    n = v.shape[0]
    slack = Hf @ v
    norms = np.linalg.norm(Hf, axis=1)
    for thr in _ACTIVE_THRESHOLDS:
        tight = np.flatnonzero(np.abs(slack) <= thr * norms)
        rows = [list(Hx[k]) for k in tight.tolist()] + [[Fraction(1)] * n]
        sol = solve_unique(rows, [Fraction(0)] * tight.size + [Fraction(1)], n)
        if sol is None:
            continue
        out = np.empty(n, dtype=object)
        out[:] = sol
        if all(val <= 0 for val in Hx.dot(out).tolist()):
            return out
    return None


# ---------------------------------------------------------------------------- the result
@dataclass(frozen=True, eq=False)
class CorrelatedResult(ResultMixin):
    """Correlated equilibria found by :func:`correlated_equilibria`, with their certificates.

    Parameters
    ----------
    distributions, payoffs, gains, exact, objective, complete, method, game, value, parameters : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    distributions : tuple of numpy.ndarray of shape ``game.shape``
        Joint distributions over strategy profiles (float64, read-only).
    payoffs : numpy.ndarray of shape (k, n_players)
        Each distribution's expected payoffs.
    gains : numpy.ndarray of shape (k, n_players)
        The certificate (:func:`correlation_gains`) of each distribution, in payoff units.
    exact : tuple of numpy.ndarray or None
        With ``exact=True``, the distributions as object arrays of Fractions, verified
        exactly (every gain exactly 0; the welfare optimum certified by a dual solution).
    objective : str or tuple of float
        ``"welfare"``, ``"extreme"`` or the per-player weights of a weighted welfare.
    complete : bool
        For ``"extreme"``: every vertex was found (False when ``max_vertices`` cut the
        enumeration). For a welfare objective: an optimum was found (and, in exact mode,
        verified).
    method : str
        ``"linprog-highs"`` or ``"vertex-enumeration"``.
    game : NormalFormGame
    value : float or None
        The optimal (weighted) welfare, for a welfare objective.
    parameters : mapping
        The options the solver ran with.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.correlated import correlated_equilibria
    >>> res = correlated_equilibria(gt.catalog.matching_pennies())
    >>> res.distributions[0].round(9).tolist(), res.complete
    ([[0.25, 0.25], [0.25, 0.25]], True)
    >>> import pickle; pickle.loads(pickle.dumps(res)) == res
    True
    """

    distributions: tuple[np.ndarray, ...]
    payoffs: np.ndarray
    gains: np.ndarray
    exact: tuple[np.ndarray, ...] | None
    objective: Any
    complete: bool
    method: str
    game: NormalFormGame
    value: float | None = None
    parameters: Any = field(default_factory=dict)

    def __post_init__(self) -> None:
        for arr in (*self.distributions, self.payoffs, self.gains, *(self.exact or ())):
            arr.setflags(write=False)

    def __len__(self) -> int:
        return len(self.distributions)

    @property
    def max_gain(self) -> float:
        """The largest certificate over all distributions and players (NaN when there are none)."""
        return float(self.gains.max()) if self.gains.size else float("nan")

    def describe(self, *, digits: int = 4) -> list[str]:
        """Each distribution in words: the profiles it recommends with their probabilities, and the payoffs.

        Parameters
        ----------
        digits : int, default 4
            Significant digits of the probabilities and payoffs.

        Returns
        -------
        list of str
            One line per distribution.

        Examples
        --------
        >>> import gametheory_af as gt
        >>> g = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
        >>> from gametheory_af.solvers.correlated import correlated_equilibria
        >>> print(correlated_equilibria(g).describe()[0])
        (s1, s1): 0.5; (s1, s2): 0.25; (s2, s1): 0.25 -> payoffs (5.25, 5.25)
        """
        digits = check_int(digits, "digits", "CorrelatedResult.describe", minimum=1)
        names = self.game.strategies
        lines = []
        for k, p in enumerate(self.distributions):
            parts = []
            for idx in zip(*np.nonzero(p > 1e-12)):
                key = tuple(int(a) for a in idx)
                label = ", ".join(names[i][a] for i, a in enumerate(key))
                text = str(self.exact[k][key]) if self.exact is not None else f"{p[key]:.{digits}g}"
                parts.append(f"({label}): {text}")
            pay = ", ".join(f"{v:.{digits}g}" for v in self.payoffs[k])
            lines.append("; ".join(parts) + f" -> payoffs ({pay})")
        return lines

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``json.dumps(..., allow_nan=False)`` accepts it (Fractions as strings).

        Returns
        -------
        dict
            The result's fields as plain JSON data.

        Examples
        --------
        >>> import json, gametheory_af as gt
        >>> from gametheory_af.solvers.correlated import correlated_equilibria
        >>> d = correlated_equilibria(gt.catalog.matching_pennies(), exact=True).to_dict()
        >>> d["exact"], d["objective"]
        ([[['1/4', '1/4'], ['1/4', '1/4']]], 'welfare')
        >>> _ = json.dumps(d, allow_nan=False)
        """
        return {
            "method": self.method,
            "objective": json_value(self.objective),
            "complete": self.complete,
            "value": json_value(self.value),
            "shape": list(self.game.shape),
            "distributions": json_value(list(self.distributions)),
            "payoffs": json_value(self.payoffs),
            "gains": json_value(self.gains),
            "exact": None if self.exact is None else json_value(list(self.exact)),
            "parameters": json_value(dict(self.parameters)),
        }

    def __repr__(self) -> str:
        return (
            f"CorrelatedResult(method={self.method!r}, objective={self.objective!r}, n={len(self.distributions)}, "
            f"complete={self.complete}, max_gain={self.max_gain:.2e})"
        )


# ---------------------------------------------------------------------------- the solver
def _check_objective(objective: Any, n: int, caller: str) -> Any:
    if isinstance(objective, str):
        if objective in ("welfare", "extreme"):
            return objective
        raise GameError(f"{caller}: objective must be 'welfare', 'extreme' or a sequence of {n} weights; got {objective!r}.")
    w = float_array(objective, "objective", caller)
    if w.ndim != 1 or w.shape[0] != n:
        raise GameError(f"{caller}: objective weights must be a sequence of {n} numbers (one per player); got {_short(objective)}.")
    if not np.all(np.isfinite(w)):
        raise GameError(f"{caller}: objective weights must be finite; got {_short(objective)}.")
    return tuple(objective.tolist() if isinstance(objective, np.ndarray) else objective)


def correlated_equilibria(
    game: NormalFormGame,
    *,
    objective: Any = "welfare",
    exact: bool = False,
    tol: float = DEFAULT_TOL,
    max_vertices: int = 10_000,
) -> CorrelatedResult:
    """Correlated equilibria by linear programming: a welfare maximiser, or every vertex of the polytope.

    The variables are the probabilities ``p(a)`` of the strategy profiles: ``p >= 0``,
    ``sum p = 1``, and one incentive constraint per player ``i`` and pair ``s != t``
    (see :mod:`gametheory_af.solvers.correlated`). The feasible set is a non-empty
    polytope (Hart and Schmeidler 1989): it contains every Nash equilibrium's product
    distribution.

    Parameters
    ----------
    game : NormalFormGame
        An n-player game.
    objective : {"welfare", "extreme"} or sequence of float, default "welfare"
        ``"welfare"``: one correlated equilibrium maximising the sum of expected payoffs;
        a sequence of ``n_players`` weights: maximising ``sum_i w_i E[u_i]``;
        ``"extreme"``: every vertex of the polytope (small games only).
    exact : bool, default False
        Recover the answer in rationals from the float optimum and verify it exactly:
        the distribution is feasible with every gain exactly 0, and for a welfare
        objective a dual solution with the same value certifies optimality.
    tol : float, default 1e-9
        Relative tolerance on the float certificate (gains over payoff ranges): a
        distribution whose certificate exceeds it raises a warning.
    max_vertices : int, default 10000
        For ``"extreme"``: stop after this many vertices (``complete=False``).

    Returns
    -------
    CorrelatedResult

    Raises
    ------
    GameError
        For an unknown objective, weights of the wrong length or not finite, or a
        game whose basis enumeration exceeds the ``max_calls`` limit
        (:func:`gametheory_af.set_limits`).

    Notes
    -----
    A welfare objective may have many maximisers; the one returned is a vertex of the
    polytope (HiGHS's dual simplex returns a basic optimum). Vertex enumeration tries
    every choice of ``N - 1`` binding constraints among the ``N`` non-negativity and
    ``sum_i s_i (s_i - 1)`` incentive constraints (``N`` profiles): cheap for 2x2, 3x3
    and 2x2x2 games, refused (with the count) beyond the ``max_calls`` limit. In exact
    mode a float optimum that cannot be read exactly at any threshold gives a
    :class:`~gametheory_af.exceptions.GameWarning` and ``complete=False``.

    References
    ----------
    Aumann, R. J. (1974). Subjectivity and correlation in randomized strategies.
    *Journal of Mathematical Economics* 1, 67-96.
    Hart, S., and Schmeidler, D. (1989). Existence of correlated equilibria.
    *Mathematics of Operations Research* 14(1), 18-25.
    Papadimitriou, C. H., and Roughgarden, T. (2008). Computing correlated equilibria
    in multi-player games. *Journal of the ACM* 55(3), 14.

    Examples
    --------
    The game of chicken: a mediator who recommends (dare, chicken), (chicken, dare) and
    (chicken, chicken) with probabilities 1/4, 1/4, 1/2 gives each driver 21/4, more
    than any Nash equilibrium's symmetric payoff (14/3):

    >>> import gametheory_af as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> res = correlated_equilibria(g, exact=True)
    >>> [[str(x) for x in row] for row in res.exact[0]], res.payoffs[0].tolist()
    ([['1/2', '1/4'], ['1/4', '0']], [5.25, 5.25])
    >>> len(correlated_equilibria(g, objective="extreme"))
    5
    """
    caller = "correlated_equilibria"
    game = _check_game(game, caller)
    exact = check_bool(exact, "exact", caller)
    tol = check_tol(tol, caller)
    max_vertices = check_int(max_vertices, "max_vertices", caller, minimum=1)
    objective = _check_objective(objective, game.n_players, caller)
    n_prof = int(np.prod(game.shape))
    k_rows = _row_count(game)
    check_bytes(k_rows * n_prof, 8, "incentive-constraint entries", caller)
    span = payoff_ranges(game.payoffs)
    u_norm = game.payoffs / span.reshape((-1,) + (1,) * game.n_players)
    G = _incentive_rows(game, u_norm)
    Gx = _incentive_rows(game, _exact_payoffs(game)) if exact else None
    params = {"exact": exact, "tol": tol, "max_vertices": max_vertices}
    if objective == "extreme":
        return _extreme(game, G, Gx, max_vertices, tol, params, caller)
    weights = [1.0] * game.n_players if objective == "welfare" else list(objective)
    c = _objective_vector(game, game.payoffs, weights)
    res = _solve_lp(c, G)
    p = np.clip(np.asarray(res.x, dtype=np.float64), 0.0, None)
    p = p / p.sum()
    complete = True
    exact_out: tuple[np.ndarray, ...] | None = None
    if exact:
        assert Gx is not None
        cx = _objective_vector(game, _exact_payoffs(game), [to_fraction(w) for w in weights])
        one = Fraction(1)
        lam = -np.asarray(res.ineqlin.marginals, dtype=np.float64) if G.shape[0] else np.zeros(0)
        mu = -np.asarray(res.eqlin.marginals, dtype=np.float64)
        sol = exact_lp_solution(
            cx,
            Gx,
            np.full(Gx.shape[0], Fraction(0), dtype=object),
            np.full((1, n_prof), one, dtype=object),
            np.array([one], dtype=object),
            p,
            lam,
            mu,
            np.asarray(res.lower.marginals, dtype=np.float64),
        )
        if sol is None:  # pragma: no cover - HiGHS's basic optima of these LPs are read at the first threshold
            warnings.warn(f"{caller}: the float optimum could not be verified exactly; complete=False.", GameWarning, stacklevel=2)
            complete = False
        else:
            pe = sol[0].reshape(game.shape)
            exact_out = (pe,)
            p = np.array([float(v) for v in sol[0].tolist()])
    return _result(game, [p.reshape(game.shape)], exact_out, objective, complete, "linprog-highs", float(c @ p), tol, params, caller)


def _extreme(
    game: NormalFormGame, G: np.ndarray, Gx: np.ndarray | None, max_vertices: int, tol: float, params: dict[str, Any], caller: str
) -> CorrelatedResult:
    n_prof = int(np.prod(game.shape))
    nonzero = np.flatnonzero(np.abs(G).max(axis=1) > 0) if G.shape[0] else np.zeros(0, dtype=np.intp)
    H = np.concatenate([-np.eye(n_prof), G[nonzero]], axis=0)
    check_count(math.comb(H.shape[0], n_prof - 1), "max_calls", "bases of the correlated-equilibrium polytope", caller)
    V, complete = _vertices_float(H, max_vertices)
    if not complete:
        warnings.warn(
            f"{caller}: stopped after max_vertices={max_vertices} vertices of the correlated-equilibrium polytope; complete=False.",
            GameWarning,
            stacklevel=3,
        )
    exact_out: tuple[np.ndarray, ...] | None = None
    if Gx is not None:
        Hx = np.concatenate([-np.eye(n_prof, dtype=np.int64).astype(object), Gx[nonzero]], axis=0)
        Hx = np.vectorize(Fraction, otypes=[object])(Hx) if Hx.size else Hx
        exact_list = []
        for v in V:
            e = _exact_vertex(Hx, H, v)
            if e is None:  # pragma: no cover - see _exact_vertex
                complete = False
                continue
            exact_list.append(e.reshape(game.shape))
        exact_out = tuple(exact_list)
        V = np.array([[float(x) for x in e.ravel().tolist()] for e in exact_list]).reshape(-1, n_prof)
    dists = [v.reshape(game.shape) for v in V]
    return _result(game, dists, exact_out, "extreme", complete, "vertex-enumeration", None, tol, params, caller)


def _result(
    game: NormalFormGame,
    dists: list[np.ndarray],
    exact_out: tuple[np.ndarray, ...] | None,
    objective: Any,
    complete: bool,
    method: str,
    value: float | None,
    tol: float,
    params: dict[str, Any],
    caller: str,
) -> CorrelatedResult:
    n = game.n_players
    flat_u = game.payoffs.reshape(n, -1)
    payoffs = np.array([flat_u @ d.ravel() for d in dists]).reshape(-1, n)
    if exact_out is not None:
        gains = np.array([[float(g) for g in correlation_gains(game, e, exact=True)] for e in exact_out]).reshape(-1, n)
    else:
        gains = np.array([correlation_gains(game, d) for d in dists]).reshape(-1, n)
    span = payoff_ranges(game.payoffs)
    if gains.size and float((gains / span).max()) > tol:  # pragma: no cover - HiGHS's tolerances are far below tol
        warnings.warn(f"{caller}: a distribution's relative gain {float((gains / span).max()):.2e} exceeds tol={tol:g}.", GameWarning, stacklevel=3)
    from .._validation import FrozenMapping

    return CorrelatedResult(
        tuple(dists), payoffs, gains, exact_out, objective, complete, method, game, value=value, parameters=FrozenMapping(params)
    )
