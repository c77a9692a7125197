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

Where float64 cannot resolve a game (:func:`float_resolves` is false: two
distinct payoffs of a player closer than :data:`RESOLUTION` times its range),
solvers that have an exact mode switch to it for games with exact payoffs, and
otherwise return ``complete=False`` with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = [
    "DEFAULT_TOL",
    "RESOLUTION",
    "payoff_ranges",
    "normalized_payoffs",
    "relative_regrets",
    "float_resolves",
]

#: Default tolerance on relative regret (regret over the player's payoff range).
DEFAULT_TOL = 1e-9

#: Two distinct payoffs of a player closer than this, relative to the player's
#: range, are beyond what float64 solvers resolve reliably (their linear systems
#: lose about as many digits as the spread has).
RESOLUTION = 1e-7


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
    return np.asarray(regrets, dtype=np.float64) / span


def float_resolves(u: np.ndarray, resolution: float = RESOLUTION) -> bool:
    """True when float64 resolves every player's payoffs: distinct values are at least
    *resolution* times the player's range apart.

    A game such as payoffs 0..99 with one entry 1e12 fails: its ordinary payoffs
    are 1e-12 of the range apart, and solvers working in floats cannot tell their
    differences from round-off.

    Examples
    --------
    >>> import numpy as np
    >>> float_resolves(np.array([[[0.0, 1.0], [2.0, 3.0]], [[0.0, 1.0], [2.0, 3.0]]]))
    True
    >>> float_resolves(np.array([[[0.0, 1.0], [2.0, 1e12]], [[0.0, 1.0], [2.0, 3.0]]]))
    False
    """
    n = u.shape[0]
    flat = u.reshape(n, -1)
    for i in range(n):
        vals = np.unique(flat[i])
        if vals.size < 2:
            continue
        span = float(vals[-1] - vals[0])
        if float(np.diff(vals).min()) < resolution * span:
            return False
    return True


def scaled_tolerance(tol: float, span: Sequence[float] | np.ndarray) -> np.ndarray:
    """Per-player absolute tolerances ``tol * range_i`` (for code that works in the caller's units).

    Examples
    --------
    >>> scaled_tolerance(1e-9, [1e9, 2.0]).tolist()
    [1.0, 2e-09]
    """
    return float(tol) * np.asarray(span, dtype=np.float64)
