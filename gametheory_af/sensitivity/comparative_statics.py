"""Comparative statics: how a regular equilibrium's strategies and payoffs move with each parameter."""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from .._limits import check_count
from .._validation import FrozenMapping, check_tol, is_rational_scalar
from ..exceptions import DegenerateGameWarning, GameError
from ..game import NormalFormGame
from ..parametric import ParametricGame
from ..result import Equilibrium, ResultMixin
from ._common import (
    check_pgame,
    exact_value,
    resolve_fixed,
)
from .thresholds import _exact_number

__all__ = ["ComparativeStatics", "comparative_statics"]


# ---------------------------------------------------------------------------- comparative statics
@dataclass(frozen=True, eq=False)
class ComparativeStatics(ResultMixin):
    """Derivatives of an equilibrium with respect to each parameter.

    Parameters
    ----------
    profile, support, payoffs, at, d_strategies, d_payoffs, exact : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    profile : tuple of numpy.ndarray
        The equilibrium (float).
    support : tuple of tuple of int
    payoffs : numpy.ndarray of shape (n_players,)
        The equilibrium payoffs (float).
    at : mapping
        The parameter values.
    d_strategies : mapping
        Parameter name -> tuple of one vector per player: the derivative of
        each strategy's probability (zero outside the support).
    d_payoffs : mapping
        Parameter name -> vector of each player's equilibrium payoff derivative.
    exact : bool
        True when computed in rational arithmetic; the vectors then hold
        :class:`~fractions.Fraction` objects (dtype object), else float64.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import comparative_statics
    >>> a = sp.Symbol("a")
    >>> pg = gt.ParametricGame([[[a, -1], [-1, 1]], [[-a, 1], [1, -1]]], parameters={"a": 1})
    >>> cs = comparative_statics(pg, ([F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)]))
    >>> cs.d_strategies["a"][1].tolist(), cs.d_payoffs["a"].tolist()
    ([Fraction(-1, 8), Fraction(1, 8)], [Fraction(1, 4), Fraction(-1, 4)])
    """

    profile: tuple[np.ndarray, ...]
    support: tuple[tuple[int, ...], ...]
    payoffs: np.ndarray
    at: Mapping[str, Any]
    d_strategies: Mapping[str, tuple[np.ndarray, ...]]
    d_payoffs: Mapping[str, np.ndarray]
    exact: bool

    def __post_init__(self) -> None:
        for k in ("at", "d_strategies", "d_payoffs"):
            object.__setattr__(self, k, FrozenMapping(getattr(self, k)))

    def __repr__(self) -> str:
        return f"ComparativeStatics(support={self.support}, parameters={list(self.d_payoffs)}, exact={self.exact})"


def _is_exact_entry(entry: Any) -> bool:
    if isinstance(entry, (str, int, np.integer)):
        return True
    try:
        vals = np.asarray(entry, dtype=object).ravel().tolist()
    except (TypeError, ValueError):  # pragma: no cover - rejected later
        return False
    return all(is_rational_scalar(v) for v in vals)


def comparative_statics(
    pgame: ParametricGame,
    equilibrium: Equilibrium | Sequence[Any],
    *,
    at: Mapping[str, Any] | None = None,
    tol: float = 1e-9,
) -> ComparativeStatics:
    """How a regular equilibrium's strategies and payoffs move with each parameter.

    Parameters
    ----------
    pgame : ParametricGame
    equilibrium : Equilibrium or profile
        An equilibrium of ``pgame.at(**at)`` (as a solver returns it; its exact
        profile is used when present) or a profile: one entry per player, a
        strategy (index or name) or a probability vector.
    at : mapping, optional
        Parameter values (defaults otherwise).
    tol : float, default 1e-9
        Tolerance on the profile's regret.

    Returns
    -------
    ComparativeStatics
        ``d_strategies[p]`` and ``d_payoffs[p]`` for every parameter ``p``.
        Exact (Fractions) when the profile and the values are rational.

    Raises
    ------
    GameError
        If the profile is not an equilibrium at the values, or the
        equilibrium is not regular (the Jacobian of its indifference system is
        singular); for unknown names or bad values in *at*, a negative or
        non-finite *tol*; for more payoff terms (``n_players * s_1 * ... * s_n``)
        than the limit ``max_calls``.
    TypeError
        For a *pgame* that is not a ParametricGame, an *at* that is not a
        mapping, or a *tol* that is not a number.

    Warns
    -----
    DegenerateGameWarning
        When a strategy outside the support is also a best response (the
        equilibrium is not quasi-strict): the derivatives are then valid only
        while the support stays an equilibrium support.

    Notes
    -----
    On its support ``S``, an equilibrium solves the indifference system
    ``U_i(j, sigma_{-i}) - v_i = 0`` for ``j`` in ``S_i`` and
    ``sum_j sigma_i(j) = 1``: as many equations as unknowns
    ``(sigma_S, v)``. When its Jacobian ``J_z`` in the unknowns is
    nonsingular (a regular equilibrium), the implicit function theorem gives
    ``dz/dtheta = -J_z^{-1} J_theta``. For a pure strict equilibrium the
    strategies do not move and ``dv_i/dtheta = du_i/dtheta``.

    References
    ----------
    van Damme, E. (1991). *Stability and Perfection of Nash Equilibria*, 2nd ed.,
    Springer, ch. 2.5 (regular equilibria).

    Examples
    --------
    A pure strict equilibrium: payoffs move with the partial derivatives.

    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import comparative_statics
    >>> L = sp.Symbol("L")
    >>> pg = gt.ParametricGame([[[3 + 2 * L, 0], [1, 1]], [[3, 1], [0, 1]]], parameters={"L": 1})
    >>> cs = comparative_statics(pg, (0, 0))
    >>> cs.d_payoffs["L"].tolist(), cs.d_strategies["L"][0].tolist()
    ([Fraction(2, 1), Fraction(0, 1)], [Fraction(0, 1), Fraction(0, 1)])
    """
    caller = "comparative_statics"
    check_pgame(pgame, caller)
    tol = check_tol(tol, caller)
    values = resolve_fixed(pgame, at, caller, name="at")
    check_count(
        pgame.n_players * math.prod(pgame.shape), "max_calls", "payoff terms of the indifference system", caller
    )
    game: NormalFormGame = pgame.at(**values)
    sigma_f, sigma, support, exact = _checked_equilibrium(game, equilibrium, values, tol, caller)
    _warn_unless_quasi_strict(pgame, game, sigma_f, support, tol, caller)
    eqs, svars, vvars = _indifference_system(pgame, support)
    Jz0, Jt0, v_exact = _jacobians_at(pgame, eqs, svars, vvars, support, sigma, values, exact)
    D, conv, dtype = _solve_implicit(Jz0, Jt0, exact, caller)
    d_strat, d_pay = _derivatives_by_parameter(pgame, support, D, conv, dtype, exact)
    payoffs = np.array([float(v) for v in v_exact], dtype=np.float64)
    return ComparativeStatics(
        profile=tuple(np.asarray(s, dtype=np.float64) for s in sigma_f),
        support=support,
        payoffs=payoffs,
        at=values,
        d_strategies=d_strat,
        d_payoffs=d_pay,
        exact=exact,
    )


# ---------------------------------------------------------------------------- the steps of comparative_statics
def _checked_equilibrium(
    game: NormalFormGame, equilibrium: Any, values: Mapping[str, Any], tol: float, caller: str
) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...], tuple[tuple[int, ...], ...], bool]:
    """The profile as floats and as used (exact when it and the values are rational), its support, and exactness.

    Raises GameError when the profile is not an equilibrium of *game* within *tol*.
    """
    from ..profiles import as_exact_profile, as_profile, max_regret

    if isinstance(equilibrium, Equilibrium):
        prof_in: Any = equilibrium.exact if equilibrium.exact is not None else equilibrium.profile
    else:
        prof_in = equilibrium
    if isinstance(prof_in, (str, bytes)) or not isinstance(prof_in, Sequence):
        raise GameError(f"{caller}: equilibrium must be an Equilibrium or a profile; got {equilibrium!r}.")
    exact = all(_is_exact_entry(e) for e in prof_in) and all(is_rational_scalar(v) for v in values.values())
    sigma_f = as_profile(game, prof_in, name="equilibrium")
    reg = float(max_regret(game, sigma_f))
    if reg > tol:
        raise GameError(
            f"{caller}: the profile is not an equilibrium at {dict(values)}: its max regret is {reg:.3g} > tol={tol}."
        )
    sigma: tuple[np.ndarray, ...]
    if exact:
        sigma = as_exact_profile(game, prof_in, name="equilibrium")
        support = tuple(tuple(int(j) for j, p in enumerate(s) if p != 0) for s in sigma)
    else:
        sigma = sigma_f
        support = tuple(tuple(int(j) for j in np.flatnonzero(s > 1e-12)) for s in sigma)
    return sigma_f, sigma, support, exact


def _warn_unless_quasi_strict(
    pgame: ParametricGame,
    game: NormalFormGame,
    sigma_f: tuple[np.ndarray, ...],
    support: tuple[tuple[int, ...], ...],
    tol: float,
    caller: str,
) -> None:
    """Warn (for the caller of comparative_statics) when an unused strategy is also a best response."""
    from ..profiles import strategy_payoffs

    for i in range(pgame.n_players):
        sp_i = strategy_payoffs(game, sigma_f, i)
        best = float(np.max(sp_i))
        unused = [j for j in range(pgame.shape[i]) if j not in support[i]]
        if any(float(sp_i[j]) >= best - tol for j in unused):
            warnings.warn(
                f"{caller}: player {pgame.players[i]!r} has a best response outside the support "
                "(the equilibrium is not quasi-strict); derivatives hold only while the support is kept.",
                DegenerateGameWarning,
                stacklevel=3,
            )


def _indifference_system(
    pgame: ParametricGame, support: tuple[tuple[int, ...], ...]
) -> tuple[list[sp.Expr], list[list[sp.Symbol]], list[sp.Symbol]]:
    """The indifference system on *support*: its equations, the strategy and the payoff unknowns.

    For each player ``i``, in order: ``U_i(j, sigma_{-i}) - v_i`` for each ``j`` in
    ``S_i``, then ``sum_j sigma_i(j) - 1``.
    """
    n = pgame.n_players
    svars = [[sp.Symbol(f"_s_{i}_{j}") for j in support[i]] for i in range(n)]
    vvars = [sp.Symbol(f"_v_{i}") for i in range(n)]
    u = pgame.payoffs
    eqs = []
    for i in range(n):
        others = [k for k in range(n) if k != i]
        for j in support[i]:
            total = sp.S.Zero
            for combo in itertools.product(*(range(len(support[k])) for k in others)):
                idx = [0] * n
                idx[i] = j
                w = sp.S.One
                for k, c in zip(others, combo):
                    idx[k] = support[k][c]
                    w = w * svars[k][c]
                total += w * u[(i, *idx)]
            eqs.append(total - vvars[i])
        eqs.append(sum(svars[i]) - 1)
    return eqs, svars, vvars


def _jacobians_at(
    pgame: ParametricGame,
    eqs: list[sp.Expr],
    svars: list[list[sp.Symbol]],
    vvars: list[sp.Symbol],
    support: tuple[tuple[int, ...], ...],
    sigma: tuple[np.ndarray, ...],
    values: Mapping[str, Any],
    exact: bool,
) -> tuple[sp.Matrix, sp.Matrix, list[sp.Expr]]:
    """The Jacobians in the unknowns and in the parameters at the equilibrium, and its payoffs ``v_i``."""
    n = pgame.n_players
    syms = pgame.symbols
    theta = [syms[k] for k in pgame.parameters]
    z = [s for row in svars for s in row] + vvars
    F = sp.Matrix(eqs)
    Jz = F.jacobian(z)
    Jt = F.jacobian(theta)
    point: dict[sp.Symbol, sp.Expr] = {syms[k]: exact_value(v) for k, v in values.items()}
    for i in range(n):
        for c, j in enumerate(support[i]):
            point[svars[i][c]] = exact_value(sigma[i][j]) if exact else sp.Float(float(sigma[i][j]))
    # v_i = U_i(j) for the first strategy j of player i's support.
    v_exact = [eqs[sum(len(support[k]) + 1 for k in range(i))].xreplace({**point, vvars[i]: 0}) for i in range(n)]
    for i in range(n):
        point[vvars[i]] = v_exact[i]
    return Jz.xreplace(point), Jt.xreplace(point), v_exact


def _solve_implicit(Jz0: sp.Matrix, Jt0: sp.Matrix, exact: bool, caller: str) -> tuple[Any, Any, Any]:
    """``D = -Jz0^{-1} Jt0`` (rational or float), the converter of its entries and their dtype.

    Raises GameError when the equilibrium is not regular (``Jz0`` singular).
    """
    if exact:
        Jz0 = Jz0.applyfunc(_exact_number)
        Jt0 = Jt0.applyfunc(_exact_number)
        if Jz0.det() == 0:
            raise GameError(f"{caller}: the equilibrium is not regular (singular Jacobian of its indifference system).")
        D = -Jz0.LUsolve(Jt0)
        D = D.applyfunc(_exact_number)

        def conv(e: sp.Expr) -> Any:
            return Fraction(int(e.p), int(e.q)) if e.is_Rational else float(e)

        return D, conv, object
    A = np.array(Jz0.evalf(), dtype=np.float64)
    Bm = np.array(Jt0.evalf(), dtype=np.float64)
    if np.linalg.cond(A) > 1e12:
        raise GameError(f"{caller}: the equilibrium is not regular (singular Jacobian of its indifference system).")
    return -np.linalg.solve(A, Bm), float, np.float64


def _derivatives_by_parameter(
    pgame: ParametricGame, support: tuple[tuple[int, ...], ...], D: Any, conv: Any, dtype: Any, exact: bool
) -> tuple[dict[str, tuple[np.ndarray, ...]], dict[str, np.ndarray]]:
    """Unpack the columns of *D* into each parameter's strategy and payoff derivatives."""
    n = pgame.n_players
    d_strat: dict[str, tuple[np.ndarray, ...]] = {}
    d_pay: dict[str, np.ndarray] = {}
    n_s = sum(len(s) for s in support)
    for col, name in enumerate(pgame.parameters):
        vecs = []
        row = 0
        for i in range(n):
            vec = np.empty(pgame.shape[i], dtype=dtype)
            vec[:] = [Fraction(0) if exact else 0.0] * pgame.shape[i]
            for j in support[i]:
                vec[j] = conv(D[row, col])
                row += 1
            vecs.append(vec)
        d_strat[name] = tuple(vecs)
        pv = np.empty(n, dtype=dtype)
        pv[:] = [conv(D[n_s + i, col]) for i in range(n)]
        d_pay[name] = pv
    return d_strat, d_pay
