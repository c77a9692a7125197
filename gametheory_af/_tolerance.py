"""The tolerance policy, in one place.

Equilibria do not change when a player's payoffs go through a positive affine
map ``a * u + b`` (``a > 0``), so no answer of the library may either. Every
tolerance on regrets, ties and payoff differences is therefore **relative to
each player's payoff range** ``max u_i - min u_i`` over all profiles:

* a profile is accepted as an equilibrium when its *relative regret*
  ``max_i regret_i / range_i`` is at most ``tol`` (default :data:`DEFAULT_TOL`);
* solvers work on payoffs normalised per player to ``[0, 1]``
  (:func:`normalized_payoffs`) and map their answers back, so the certificate
  :attr:`~gametheory_af.Equilibrium.max_regret` is in the caller's units and
  :attr:`~gametheory_af.Equilibrium.relative_regret` relative to the range;
* a player whose payoffs are all equal (range 0) is indifferent everywhere:
  his regret is zero at every profile, and his range counts as 1.

Where float64 cannot resolve a game (:func:`float_resolves` is false: the
typical gap between a player's distinct payoffs is below :data:`RESOLUTION`
times the gap they would have if spread evenly over his range),
solvers that have an exact mode switch to it for games with exact payoffs, and
otherwise return ``complete=False`` with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = [
    "DEFAULT_TOL",
    "RESOLUTION",
    "BLUR",
    "payoff_ranges",
    "normalized_payoffs",
    "relative_regrets",
    "float_resolves",
    "exact_values_resolve",
    "has_exact_payoffs",
    "normalize_game",
]

#: Default tolerance on relative regret (regret over the player's payoff range).
DEFAULT_TOL = 1e-9

#: A player's payoffs squeezed by more than ``1 / RESOLUTION`` (the typical gap
#: between his distinct payoffs against the gap of an even spread over his range)
#: are beyond what float64 solvers resolve reliably: their linear systems lose
#: about as many digits as the squeeze has, and his ordinary payoff differences
#: approach the tolerance. With ``k`` distinct payoffs and a squeeze ``S`` the
#: float error is about ``S * 2e-16`` against differences of ``1 / (S * k)``.
RESOLUTION = 1e-6

#: Two exact payoffs of a player closer than this, relative to his range, differ
#: by less than ten times the default tolerance: float solvers would blur them.
BLUR = 10 * DEFAULT_TOL


def payoff_ranges(u: np.ndarray) -> np.ndarray:
    """Each player's payoff range ``max - min`` over all profiles; 1.0 for a constant player.

    Parameters
    ----------
    u : numpy.ndarray of shape (n_players, s_1, ..., s_n)
        Float payoffs, or a batch ``(B, n_players, s_1, ..., s_n)`` with ``batch=True``
        semantics left to the caller (pass ``u`` reshaped).

    Examples
    --------
    >>> import numpy as np
    >>> payoff_ranges(np.array([[[0.0, 10.0]], [[3.0, 3.0]]]))
    array([10.,  1.])
    """
    flat = u.reshape(u.shape[0], -1)
    span = flat.max(axis=1) - flat.min(axis=1)
    return np.where(span > 0, span, 1.0)


def normalized_payoffs(u: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Payoffs mapped per player onto ``[0, 1]``: ``(u_norm, low, span)`` with ``u = low + span * u_norm``.

    A constant player's payoffs become all zeros.

    Examples
    --------
    >>> import numpy as np
    >>> un, lo, span = normalized_payoffs(np.array([[[1e9, 2e9]], [[-5.0, 5.0]]]))
    >>> un.tolist(), lo.tolist(), span.tolist()
    ([[[0.0, 1.0]], [[0.0, 1.0]]], [1000000000.0, -5.0], [1000000000.0, 10.0])
    """
    n = u.shape[0]
    flat = u.reshape(n, -1)
    low = flat.min(axis=1)
    span = payoff_ranges(u)
    shape = (n,) + (1,) * (u.ndim - 1)
    un = (u - low.reshape(shape)) / span.reshape(shape)
    return un, low, span


def relative_regrets(regrets: Any, span: np.ndarray) -> np.ndarray:
    """Regrets divided by each player's payoff range.

    Examples
    --------
    >>> import numpy as np
    >>> relative_regrets(np.array([5.0, 0.0]), np.array([10.0, 1.0]))
    array([0.5, 0. ])
    """
    out: np.ndarray = np.asarray(regrets, dtype=np.float64) / span
    return out


def _typical_gap_resolves(gaps: Sequence[Any], span: Any, resolution: float | Fraction) -> bool:
    """The criterion of :func:`float_resolves` on one player's gaps between consecutive distinct payoffs."""
    k = len(gaps)
    if k == 0:
        return True
    typical = sorted(gaps)[(k - 1) // 2]  # the lower median gap
    return bool(typical * k >= resolution * span)


def float_resolves(u: np.ndarray, resolution: float = RESOLUTION) -> bool:
    """True when float64 resolves every player's payoffs.

    A player's payoffs are unresolved when the typical (lower median) gap between
    his consecutive distinct payoff values is below *resolution* times the gap
    they would have if spread evenly over his range. A game such as payoffs
    0..99 with one entry 1e12 fails: its ordinary payoffs lie 1e-12 of the range
    apart, and solvers working in floats cannot tell their differences from
    round-off. Random payoffs pass at every size (their typical gap is about
    0.7 of the even one), however close two of them happen to be.

    Examples
    --------
    >>> import numpy as np
    >>> float_resolves(np.array([[[0.0, 1.0], [2.0, 3.0]], [[0.0, 1.0], [2.0, 3.0]]]))
    True
    >>> float_resolves(np.array([[[0.0, 1.0], [2.0, 1e12]], [[0.0, 1.0], [2.0, 3.0]]]))
    False
    >>> float_resolves(np.random.default_rng(0).random((2, 100, 100)))
    True
    """
    n = u.shape[0]
    ordered = np.sort(u.reshape(n, -1), axis=1)
    for i in range(n):
        gaps = np.diff(ordered[i])
        gaps = gaps[gaps > 0]  # gaps between consecutive distinct values
        k = gaps.size
        if k == 0:
            continue
        typical = float(np.partition(gaps, (k - 1) // 2)[(k - 1) // 2])
        if typical * k < resolution * float(ordered[i, -1] - ordered[i, 0]):
            return False
    return True


def clearly_unblurred(u: np.ndarray) -> bool:
    """True when every player's float payoffs are at least ``2 * BLUR`` of his range apart.

    For the float image of exact payoffs this settles :func:`exact_values_resolve`'s
    gap test without rational arithmetic (the floats are accurate to far better
    than the margin); when it is false, the exact test decides.

    Examples
    --------
    >>> import numpy as np
    >>> clearly_unblurred(np.array([[[0.0, 1.0], [2.0, 3.0]]]))
    True
    >>> clearly_unblurred(np.array([[[0.0, 1.0], [5e11, 1e12]]]))
    False
    """
    flat = u.reshape(u.shape[0], -1)
    for row in flat:
        vals = np.unique(row)
        if vals.size >= 2 and float(np.diff(vals).min()) < 2 * BLUR * float(vals[-1] - vals[0]):
            return False
    return True


def exact_values_resolve(values: Sequence[Any], resolution: float = RESOLUTION) -> bool:
    """:func:`float_resolves` for one player's exact payoffs (Fractions), decided exactly, and stricter.

    Besides the squeeze criterion of :func:`float_resolves`, exact payoffs fail
    when two of them differ by less than :data:`BLUR` of the range: float64
    solvers would treat such a difference as a tie within their tolerance,
    while the exact data says which is larger, so exact arithmetic decides.
    (Float payoffs carry no such information, so for them only the squeeze
    counts: in a large random float game some two payoffs are always close.)

    Examples
    --------
    >>> from fractions import Fraction
    >>> exact_values_resolve([Fraction(0), Fraction(1), Fraction(2), Fraction(3)])
    True
    >>> exact_values_resolve([0, 1, 2, 10**12])
    False
    >>> exact_values_resolve([0, 1, 5 * 10**11, 10**12])
    False
    """
    from fractions import Fraction

    distinct = sorted(set(values))
    if len(distinct) < 2:
        return True
    gaps = [b - a for a, b in zip(distinct, distinct[1:])]
    span = distinct[-1] - distinct[0]
    return min(gaps) >= Fraction(BLUR) * span and _typical_gap_resolves(gaps, span, Fraction(resolution))


def scaled_tolerance(tol: float, span: Sequence[float] | np.ndarray) -> np.ndarray:
    """Per-player absolute tolerances ``tol * range_i`` (for code that works in the caller's units).

    Examples
    --------
    >>> scaled_tolerance(1e-9, [1e9, 2.0]).tolist()
    [1.0, 2e-09]
    """
    return float(tol) * np.asarray(span, dtype=np.float64)


def has_exact_payoffs(game: Any) -> bool:
    """True when the payoffs are known exactly: rational input, or integer-valued floats below 2**53."""
    if game.is_exact:
        return True
    u = game.payoffs
    return bool(np.all(u == np.round(u)) and float(np.abs(u).max(initial=0.0)) < 2.0**53)


def normalize_game(
    game: Any, *, resolves_if_inexact: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool, bool]:
    """``(u01, lo, span, resolves, exact_ok)`` for an n-player game, by the tolerance policy.

    ``u01`` holds each player's payoffs mapped onto ``[0, 1]`` (``u = lo + span * u01``),
    computed in rational arithmetic for exact games so that nothing is lost to
    float64 before the normalisation; ``resolves`` tells whether float64 resolves
    them (:func:`gametheory_af._tolerance.float_resolves`, decided exactly for exact
    games) and ``exact_ok`` whether exact payoffs are available to fall back on.
    With ``resolves_if_inexact``, callers that only act on ``resolves`` when
    ``exact_ok`` skip the test (a sort of each player's payoffs) for other games.
    """
    if not game.is_exact:
        un, low, width = normalized_payoffs(game.payoffs)
        exact_ok = has_exact_payoffs(game)
        resolves = True if (resolves_if_inexact and not exact_ok) else float_resolves(game.payoffs)
        return un, low, width, resolves, exact_ok
    u = game.payoffs
    flat = u.reshape(game.n_players, -1)
    width_f = flat.max(axis=1) - flat.min(axis=1)
    if np.all(width_f > 1e-6 * np.abs(flat).max(axis=1)) and float_resolves(u) and clearly_unblurred(u):
        # The floats carry the exact payoffs to far better than the resolution: no need for rationals.
        un, low, width = normalized_payoffs(u)
        return un, low, width, True, True
    U = game.exact_payoffs()
    norm, lo, span = [], [], []
    resolves = True
    for i in range(game.n_players):
        vals = U[i].ravel().tolist()
        low, high = min(vals), max(vals)
        width = high - low
        lo.append(float(low))
        if width == 0:
            norm.append(np.zeros(U[i].shape))
            span.append(1.0)
            continue
        if not exact_values_resolve(vals):
            resolves = False
        norm.append(np.array([float((v - low) / width) for v in vals]).reshape(U[i].shape))
        span.append(float(width))
    return np.stack(norm), np.array(lo), np.array(span), resolves, True
