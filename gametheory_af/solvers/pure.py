"""All pure-strategy Nash equilibria, vectorized over profiles and over batches of games."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._tolerance import normalize_game
from .._validation import check_bool, check_tol, float_array
from .._validation import check_finite as finite_values
from ..exceptions import GameError
from ..game import NormalFormGame
from ..result import Equilibrium, EquilibriumResult

__all__ = ["pure_nash", "pure_nash_batch", "pure_regret_tensor"]


def pure_regret_tensor(payoffs: Any, *, batch: bool = False) -> np.ndarray:
    """Every player's regret at every pure profile, for one game or a batch.

    Parameters
    ----------
    payoffs : array_like of shape (n, s_1, ..., s_n), or (B, n, s_1, ..., s_n) with ``batch=True``
    batch : bool, default False
        Whether *payoffs* is a stack of games.

    Returns
    -------
    numpy.ndarray of the same shape
        ``out[..., i, a] = max_{b_i} u_i(b_i, a_{-i}) - u_i(a)``.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> r = gt.solvers.pure.pure_regret_tensor(gt.catalog.prisoners_dilemma().payoffs)
    >>> r[:, 1, 1]
    array([0., 0.])
    """
    check_bool(batch, "batch", "pure_regret_tensor")
    u = float_array(payoffs, "payoffs", "pure_regret_tensor")
    lead = 1 if batch else 0
    if u.ndim < 2 + lead or u.ndim != u.shape[lead] + 1 + lead:
        want = "(B, n, s_1, ..., s_n)" if batch else "(n, s_1, ..., s_n)"
        raise GameError(f"pure_regret_tensor: payoffs must have shape {want}; got {u.shape}.")
    if 0 in u.shape[1 + lead :]:
        raise GameError(f"pure_regret_tensor: every player needs at least one strategy; got payoffs of shape {u.shape}.")
    finite_values(u, "payoffs", "pure_regret_tensor")
    n_players = u.shape[lead]
    out = np.empty_like(u)
    for i in range(n_players):
        ui = u[:, i] if batch else u[i]
        axis = i + lead
        out_i = out[:, i] if batch else out[i]
        np.subtract(ui.max(axis=axis, keepdims=True), ui, out=out_i)
    return out


def pure_nash(game: NormalFormGame, *, tol: float = 1e-9) -> EquilibriumResult:
    """All pure-strategy Nash equilibria of an n-player game.

    A pure profile is an equilibrium when no player can gain more than *tol*
    times its payoff range by switching to another of its strategies. The
    check is one vectorized pass per player over the whole payoff tensor
    (normalised per player to ``[0, 1]``): the maximum of player ``i``'s
    payoffs along its own axis is compared with its payoff at every profile.

    Parameters
    ----------
    game : NormalFormGame
    tol : float, default 1e-9
        Tolerance on a player's gain from deviating, relative to each
        player's payoff range (:ref:`tolerances`): the answer
        does not change when a player's payoffs are scaled or shifted. When
        float64 cannot resolve the payoffs
        (``float_resolves``) and they are exact
        (integers or Fractions), equilibria are decided in exact arithmetic:
        regret exactly zero.

    Returns
    -------
    EquilibriumResult
        ``method="pure"``, ``complete=True``; equilibria in lexicographic
        order of their strategy indices.

    Notes
    -----
    Complete: every pure equilibrium is found. Work and memory are
    ``O(n * s_1 * ... * s_n)``.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> res = gt.pure_nash(gt.catalog.battle_of_the_sexes())
    >>> [eq.pure_profile for eq in res]
    [(0, 0), (1, 1)]
    """
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"pure_nash: game must be a NormalFormGame; got {type(game).__name__}.")
    tol = check_tol(tol, "pure_nash")
    u = game.payoffs
    shape = game.shape
    n = len(shape)
    flat_u = u.reshape(n, -1)
    hi, lo = flat_u.max(axis=1), flat_u.min(axis=1)
    span = np.where(hi > lo, hi - lo, 1.0)
    work = u
    if game.is_exact and np.any(hi - lo <= 1e-6 * np.maximum(np.abs(hi), np.abs(lo))):
        # The float copy of these exact payoffs may have lost their differences: normalise exactly.
        un, _, span, _, _ = normalize_game(game)
        work = un * span.reshape((n,) + (1,) * n)
    worst = np.zeros(flat_u.shape[1])  # largest relative regret at each profile
    worst_abs = np.zeros(flat_u.shape[1])
    before = 1
    for i, s_i in enumerate(shape):
        # View player i's payoffs as (before, s_i, after): a 3-D reduction is far
        # cheaper than a reduction along one axis of an n-D array.
        ui = work[i].reshape(before, s_i, -1)
        reg = (ui.max(axis=1, keepdims=True) - ui).reshape(-1)
        np.maximum(worst_abs, reg, out=worst_abs)
        reg /= span[i]
        np.maximum(worst, reg, out=worst)
        before *= s_i
    accepted = worst <= tol
    cand = np.flatnonzero(accepted)
    if cand.size and (game.is_exact or (worst[cand] > 0).any()):
        # The tolerance policy: where float64 does not resolve the payoffs and they are exact,
        # a profile is an equilibrium only with regret exactly zero (checked for candidates only).
        _, _, _, resolves, exact_ok = normalize_game(game, resolves_if_inexact=True)
        if not resolves and exact_ok:
            ex = game.exact_payoffs() if game.is_exact else u
            zero = np.array([_zero_regret(ex, np.unravel_index(int(f), shape)) for f in cand.tolist()], dtype=bool)
            accepted[cand[~zero]] = False
            worst[cand[zero]] = 0.0
            worst_abs[cand[zero]] = 0.0
    flat = np.flatnonzero(accepted)
    eqs = []
    if flat.size:
        rows = np.unravel_index(flat, shape)
        payoff_rows = u.reshape(len(shape), -1)[:, flat]
        for m, f in enumerate(flat.tolist()):
            pure = tuple(int(r[m]) for r in rows)
            profile = []
            for s_k, j in zip(shape, pure):
                v = np.zeros(s_k)
                v[j] = 1.0
                v.setflags(write=False)
                profile.append(v)
            pay = payoff_rows[:, m].copy()
            pay.setflags(write=False)
            eqs.append(
                Equilibrium(
                    profile=tuple(profile),
                    payoffs=pay,
                    support=tuple((j,) for j in pure),
                    max_regret=float(worst_abs[f]),
                    relative_regret=float(worst[f]),
                )
            )
    return EquilibriumResult(game=game, equilibria=tuple(eqs), method="pure", complete=True, parameters={"tol": tol})


def _zero_regret(ex: np.ndarray, profile: tuple[Any, ...]) -> bool:
    """True when no player gains anything (exactly) by deviating from the pure *profile*."""
    for i in range(len(profile)):
        idx = list(profile)
        idx[i] = slice(None)
        line = ex[(i, *idx)]
        if max(line.tolist()) != ex[(i, *profile)]:
            return False
    return True


def pure_nash_batch(payoffs: Any, *, tol: float = 1e-9, check_finite: bool = True) -> np.ndarray:
    """Mark the pure equilibria of each game in a stack of games.

    Parameters
    ----------
    payoffs : array_like of shape (B, n, s_1, ..., s_n)
        ``payoffs[b]`` is the payoff tensor of game ``b`` (as
        :attr:`NormalFormGame.payoffs`).
    tol : float, default 1e-9
        Tolerance on a player's gain from deviating, relative to that
        player's payoff range in each game.
    check_finite : bool, default True
        Whether to check that the payoffs are finite numbers (as in
        :func:`scipy.linalg.solve`). Turning it off saves one pass over the
        stack when the caller already knows, as a parameter sweep does (its
        payoffs are checked when they are evaluated); NaN or infinite payoffs
        then give meaningless marks.

    Returns
    -------
    numpy.ndarray of bool, shape (B, s_1, ..., s_n)
        ``out[b, a_1, ..., a_n]`` is True when the pure profile is an
        equilibrium of game ``b``.

    Notes
    -----
    A few array operations per player over the whole stack, with no Python
    loop over games or profiles, so a chunk of a parameter sweep costs about
    as much as ``n`` reductions over the chunk's payoffs.

    Examples
    --------
    >>> import numpy as np
    >>> import gametheory_af as gt
    >>> pd = gt.catalog.prisoners_dilemma().payoffs
    >>> bos = gt.catalog.battle_of_the_sexes().payoffs
    >>> gt.pure_nash_batch(np.stack([pd, bos])).astype(int)
    array([[[0, 0],
            [0, 1]],
    <BLANKLINE>
           [[1, 0],
            [0, 1]]])
    """
    tol = check_tol(tol, "pure_nash_batch")
    if isinstance(payoffs, np.ndarray) and payoffs.dtype == np.float64:
        u = payoffs
    else:
        u = float_array(payoffs, "payoffs", "pure_nash_batch")
    if u.ndim < 3 or u.ndim != u.shape[1] + 2:
        raise GameError(
            f"pure_nash_batch: payoffs must have shape (B, n_players, s_1, ..., s_n); got shape {u.shape}."
        )
    if 0 in u.shape[2:]:
        raise GameError(f"pure_nash_batch: every player needs at least one strategy; got payoffs of shape {u.shape}.")
    if check_bool(check_finite, "check_finite", "pure_nash_batch") and not np.isfinite(u).all():
        finite_values(u, "payoffs", "pure_nash_batch")
    return _pure_nash_batch_checked(u, tol)


def _pure_nash_batch_checked(u: np.ndarray, tol: float) -> np.ndarray:
    """:func:`pure_nash_batch` on payoffs the caller has checked: float64, shape ``(B, n, s_1, ..., s_n)``
    with every ``s_i >= 1``, all finite, and a checked *tol*.

    For callers that already guarantee these, once per sweep or per chunk
    (:func:`~gametheory_af.sensitivity.sweep` evaluates its payoffs with
    :meth:`ParametricGame._evaluate`, which refuses non-finite values), so the
    stack is not scanned a second time.
    """
    B, n = u.shape[0], u.shape[1]
    shape = u.shape[2:]
    if B == 0:
        return np.zeros(u.shape[:1] + shape, dtype=bool)
    ok = np.ones((B, int(np.prod(shape, dtype=np.int64))), dtype=bool)
    for i in range(n):
        before = int(np.prod(shape[:i], dtype=np.int64))
        ui = u[:, i].reshape(B, before, shape[i], -1)
        best = ui.max(axis=2, keepdims=True)
        good = ui >= best
        if tol > 0:
            # Within tol times the game's own range of player i's payoffs. Ranges are computed
            # only for the games with a near tie: the range over the whole batch bounds them all.
            whole = float(best.max()) - float(ui.min())
            near = ui >= best - tol * whole
            if np.count_nonzero(near) > np.count_nonzero(good):
                near &= ~good
                games = np.flatnonzero(near.reshape(B, -1).any(axis=1))
                sub = ui[games].reshape(len(games), -1)
                span = sub.max(axis=1) - sub.min(axis=1)
                span[span <= 0] = 1.0
                good[games] |= ui[games] >= best[games] - (tol * span)[:, None, None, None]
        ok &= good.reshape(B, -1)
    return ok.reshape(B, *shape)
