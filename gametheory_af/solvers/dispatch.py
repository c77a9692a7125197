"""``nash_equilibria``: one entry point that picks a sound solver by game size and player count."""

from __future__ import annotations

import inspect
import logging
import warnings
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .._limits import MAX_TIME_LIMIT, Clock, check_max_time
from .._validation import check_bool, check_int, check_tol
from ..exceptions import ConvergenceWarning, GameError
from ..game import NormalFormGame
from ..result import EquilibriumResult
from ._few import few_equilibria
from .global_newton import global_newton
from .lemke_howson import lemke_howson
from .polynomial import polynomial_enumeration
from .pure import pure_nash
from .qre import logit_qre
from .simpdiv import simpdiv
from .support import support_enumeration
from .vertex import vertex_enumeration
from .zero_sum import zero_sum

__all__ = ["nash_equilibria", "METHODS", "METHOD_ALIASES"]

_log = logging.getLogger(__name__)

#: Method name (the ``method`` its results report) -> solver function.
METHODS: dict[str, Callable[..., EquilibriumResult]] = {
    "pure": pure_nash,
    "support_enumeration": support_enumeration,
    "vertex_enumeration": vertex_enumeration,
    "lemke_howson": lemke_howson,
    "zero_sum": zero_sum,
    "polynomial_enumeration": polynomial_enumeration,
    "logit": logit_qre,
    "global_newton": global_newton,
    "simpdiv": simpdiv,
}

#: Function names accepted as method names where they differ from the method a result reports.
METHOD_ALIASES: dict[str, str] = {"pure_nash": "pure", "logit_qre": "logit"}

#: Two-player games with at most this many pure profiles get all extreme equilibria.
VERTEX_MAX_PROFILES = 400
#: n-player games with at most this many support profiles get all isolated equilibria.
POLY_MAX_SUPPORTS = 4096


def _n_supports(game: NormalFormGame) -> int:
    total = 1
    for s in game.shape:
        total *= 2**s - 1
    return total


def nash_equilibria(
    game: NormalFormGame,
    *,
    method: str = "auto",
    tol: float | None = None,
    exact: bool = False,
    max_time: float | None = MAX_TIME_LIMIT,
    max_equilibria: int | None = None,
    **options: Any,
) -> EquilibriumResult:
    """Nash equilibria of a game by a method chosen for its size, or by the named method.

    Parameters
    ----------
    game : NormalFormGame
    method : str, default "auto"
        ``"auto"`` or one of ``"pure"``, ``"support_enumeration"``,
        ``"vertex_enumeration"``, ``"lemke_howson"``, ``"zero_sum"``,
        ``"polynomial_enumeration"``, ``"logit"``, ``"global_newton"``,
        ``"simpdiv"``: the ``method`` each solver's results report. The
        solver function names ``"pure_nash"`` and ``"logit_qre"`` are accepted
        for ``"pure"`` and ``"logit"``.
    tol : float, optional
        Largest regret of a returned equilibrium; passed to the solver
        (each solver's own default when None). The n-player solvers take it
        relative to each player's payoff range.
    exact : bool, default False
        Ask for exact (Fraction) equilibria; passed to solvers that support
        it. A :class:`~gametheory_af.GameError` if the named method does not.
    max_time : float or None, optional
        Seconds to spend, over all methods ``"auto"`` tries; passed to every
        solver that takes it (a named method that does not take it refuses an
        explicit value). Default: the ``max_time`` limit
        (:func:`gametheory_af.get_limits`); None means no time limit.
    max_equilibria : int, optional
        Ask for at most this many equilibria (at least 1), found fast instead
        of enumerated: see *Asking for one or a few equilibria* below. None
        (the default) keeps the behaviour described under *Notes*.
    **options
        Further keyword options for the chosen solver (with ``"auto"``: for
        the first method tried; a fallback gets those of them it takes). With
        ``"auto"`` and *max_equilibria*: only ``rng`` (for the random
        restarts) and ``max_attempts`` (default ``4 * max_equilibria + 2``).

    Returns
    -------
    EquilibriumResult
        From the solver that ran; ``result.method`` names it.

    Raises
    ------
    GameError
        For an unknown method (the message lists the valid ones) or option,
        ``exact=True`` with a
        method that cannot compute exactly, or an invalid tol or max_time
        (TypeError for an argument of the wrong type).

    Warns
    -----
    ConvergenceWarning
        When ``"auto"`` found no equilibrium with any method (the result is
        then the last method's, empty and ``converged=False``).

    Notes
    -----
    ``"auto"`` chooses:

    * two players, at most 400 pure profiles and at most ``max_calls``
      polytope bases ``C(m + n, m)`` (up to ``12 x 12``): ``vertex_enumeration``
      (all extreme equilibria, degenerate games included);
    * two players, larger: ``lemke_howson`` (one equilibrium);
    * more players, at most 4096 support profiles (3 x 3 x 3 has 343,
      five players with two strategies 243): ``polynomial_enumeration``
      (all isolated equilibria);
    * more players, larger: ``logit`` (the logit-selected equilibrium; its
      path is smooth and robust).

    A method that returns no equilibrium (it did not converge, or its
    payoffs defeated it) hands over to the next: ``logit``, then
    ``global_newton``, then ``simpdiv``, while *max_time* lasts.
    ``exact=True`` keeps only the methods that compute exactly.

    **Asking for one or a few equilibria.** Enumerating every equilibrium of
    an n-player game costs seconds from four players with three strategies
    on; ``max_equilibria=k`` with ``"auto"`` returns up to ``k`` distinct
    equilibria fast instead, each with relative regret at most *tol*
    (default ``1e-12``, not the solvers' ``1e-9``):

    =========================  ===============================================
    step                       what it does
    =========================  ===============================================
    ``pure``                   every pure equilibrium (one vectorized pass;
                               exact, regret 0); the first ``k`` are kept
    ``two_mixing``             more players: profiles where two players mix
                               two strategies each and the others are pure
                               (linear indifference equations, vectorized;
                               Porter, Nudelman & Shoham 2008)
    ``three_mixing``           then three players mixing two strategies each
                               (a quadratic per candidate, vectorized)
    ``lemke_howson``           two players: from initial labels 0, 1, ...
    ``simpdiv``                more players: from the centroid (at most
                               20,000 path steps), polished by Newton's
                               method on the support's indifference equations
    ``global_newton``          from the best replies to the centroid, then
                               random bonuses (*rng*), alternating with
                               ``simpdiv`` from random starts
    =========================  ===============================================

    It stops at ``k`` equilibria, after ``max_attempts`` path-following
    attempts, or when *max_time* runs out, and returns those it found
    (``complete=False``; ``method`` names the steps that contributed, e.g.
    ``"pure+two_mixing"``); a ConvergenceWarning when it found none. Two
    equilibria are the same when no probability differs by more than
    ``1e-9``. With a named method or ``exact=True``, *max_equilibria* just
    keeps the first ``k`` equilibria of the usual result (``complete`` stays
    True only when nothing was cut).

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.solvers.dispatch import nash_equilibria
    >>> res = nash_equilibria(gt.catalog.volunteers_dilemma())
    >>> res.method, len(res), res.complete
    ('polynomial_enumeration', 7, True)

    One equilibrium, fast: the volunteer's dilemma has pure equilibria.

    >>> one = nash_equilibria(gt.catalog.volunteers_dilemma(), max_equilibria=1)
    >>> one.method, len(one), one.max_regret
    ('pure', 1, 0.0)
    """
    caller = "nash_equilibria"
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"nash_equilibria: game must be a NormalFormGame; got {type(game).__name__}.")
    if isinstance(method, str):
        method = METHOD_ALIASES.get(method, method)
    if not isinstance(method, str) or (method != "auto" and method not in METHODS):
        valid = ", ".join(repr(m) for m in ["auto", *METHODS])
        raise GameError(f"nash_equilibria: unknown method {method!r}; valid methods are {valid}.")
    if tol is not None:
        tol = check_tol(tol, caller)
    exact = check_bool(exact, "exact", caller)
    explicit_time = max_time is not MAX_TIME_LIMIT
    budget = check_max_time(max_time, caller)
    if max_equilibria is not None:
        k = check_int(max_equilibria, "max_equilibria", caller, minimum=1)
        if method == "auto" and not exact:
            extra = [name for name in options if name not in ("rng", "max_attempts")]
            if extra:
                raise GameError(
                    f"nash_equilibria: with max_equilibria, method 'auto' takes the options 'rng' and "
                    f"'max_attempts' only; got {extra[0]!r}."
                )
            attempts = options.get("max_attempts")
            if attempts is not None:
                attempts = check_int(attempts, "max_attempts", caller, minimum=1)
            _log.debug("nash_equilibria: max_equilibria=%d: searching for a few equilibria (few_equilibria)", k)
            return few_equilibria(game, k, tol=tol, max_time=budget, rng=options.get("rng"), max_attempts=attempts)
        whole = nash_equilibria(game, method=method, tol=tol, exact=exact, max_time=max_time, **options)
        if len(whole) <= k:
            return whole
        return replace(whole, equilibria=whole.equilibria[:k], complete=False)
    if method != "auto":
        fn = METHODS[method]
        kwargs = dict(options)
        if "max_time" in inspect.signature(fn).parameters:
            kwargs["max_time"] = budget
        elif explicit_time and budget is not None:
            raise GameError(f"nash_equilibria: method {method!r} takes no max_time option; got max_time={budget!r}.")
        _log.debug("nash_equilibria: method %r named by the caller for a game of shape %s", method, game.shape)
        return _call(fn, method, game, tol, exact, kwargs)
    clock = Clock(budget)
    order = _auto_order(game)
    if exact:
        full = order
        order = [name for name in order if "exact" in inspect.signature(METHODS[name]).parameters]
        if not order:
            raise GameError(
                f"nash_equilibria: no method computes exactly for a game of shape {game.shape}: the automatic "
                f"order for it is {', '.join(full)}, none exact (exact enumeration stops at "
                f"{POLY_MAX_SUPPORTS:,} support profiles); pass exact=False, or name an exact method."
            )
        _log.debug("nash_equilibria: exact=True keeps the exact methods of that order: %s", ", ".join(order))
    last: EquilibriumResult | None = None
    tried: list[str] = []
    for pos, name in enumerate(order):
        fn = METHODS[name]
        params = inspect.signature(fn).parameters
        kwargs = dict(options) if pos == 0 else {k: v for k, v in options.items() if k in params}
        if "max_time" in params:
            kwargs["max_time"] = clock.remaining()
        final = pos == len(order) - 1
        _log.debug("nash_equilibria: trying %s (%d of %d in the order)", name, pos + 1, len(order))
        if final:
            return _call(fn, name, game, tol, exact, kwargs)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = _call(fn, name, game, tol, exact, kwargs)
        if res.equilibria or clock.expired():
            for w in caught:
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            if res.equilibria:
                _log.debug("nash_equilibria: %s found %d equilibria (complete=%s)", name, len(res), res.complete)
                return res
            _log.info("nash_equilibria: %s found no equilibrium and the time limit ran out", name)
            last = res
            tried.append(name)
            break
        for w in caught:
            if not issubclass(w.category, ConvergenceWarning):
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        _log.info("nash_equilibria: %s found no equilibrium; falling back on the next method", name)
        last = res
        tried.append(name)
    assert last is not None
    warnings.warn(
        f"nash_equilibria: no equilibrium found by {', '.join(tried)} before the time limit max_time={budget} s ran out.",
        ConvergenceWarning,
        stacklevel=2,
    )
    return last


def _auto_order(game: NormalFormGame) -> list[str]:
    order, why = _auto_choice(game)
    _log.debug("nash_equilibria: method 'auto' for a game of shape %s: %s; order %s", game.shape, why, ", ".join(order))
    return order


def _auto_choice(game: NormalFormGame) -> tuple[list[str], str]:
    """The automatic order of methods for *game*, and why (logged at DEBUG)."""
    if game.n_players == 2:
        from math import comb

        from .._limits import get_limits

        # Enumeration also needs its bases within max_calls (about 12 x 12), or it would be refused.
        bases = comb(sum(game.shape), game.shape[0])
        if game.n_profiles <= VERTEX_MAX_PROFILES and bases <= get_limits().max_calls:
            why = (
                f"two players, {game.n_profiles} pure profiles <= {VERTEX_MAX_PROFILES} and {bases:,} bases "
                "within max_calls: all extreme equilibria by enumeration"
            )
            return ["vertex_enumeration", "support_enumeration", "polynomial_enumeration", "lemke_howson", "logit"], why
        why = f"two players, {game.n_profiles:,} pure profiles or {bases:,} bases too many to enumerate: a path follower"
        return ["lemke_howson", "logit", "global_newton", "simpdiv"], why
    supports = _n_supports(game)
    if supports <= POLY_MAX_SUPPORTS:
        why = f"{game.n_players} players, {supports:,} support profiles <= {POLY_MAX_SUPPORTS:,}: exact enumeration"
        return ["polynomial_enumeration", "logit", "global_newton", "simpdiv"], why
    why = f"{game.n_players} players, {supports:,} support profiles > {POLY_MAX_SUPPORTS:,}: path followers"
    return ["logit", "global_newton", "simpdiv"], why


def _call(
    fn: Callable[..., EquilibriumResult],
    name: str,
    game: NormalFormGame,
    tol: float | None,
    exact: bool,
    options: dict[str, Any],
) -> EquilibriumResult:
    params = inspect.signature(fn).parameters
    kwargs = dict(options)
    if tol is not None:
        if "tol" not in params:
            raise GameError(f"nash_equilibria: method {name!r} takes no tol option; got tol={tol!r}.")
        kwargs["tol"] = tol
    if exact:
        if "exact" not in params:
            raise GameError(f"nash_equilibria: method {name!r} cannot compute exact equilibria; exact=True is not allowed.")
        kwargs["exact"] = True
    unknown = [k for k in kwargs if k not in params or k == "game"]
    if unknown and not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        raise GameError(
            f"nash_equilibria: method {name!r} has no option {unknown[0]!r}"
            + (f" (nor {', '.join(repr(k) for k in unknown[1:])})" if len(unknown) > 1 else "")
            + f"; its options are {[p for p in params if p != 'game']}."
        )
    return fn(game, **kwargs)
