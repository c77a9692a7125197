"""Strategy profiles: expected payoffs, best responses and regret.

A *profile* has one entry per player. Each entry is either a pure strategy
(an index or a strategy name) or a mixed strategy (a probability vector over the
player's strategies). Functions here accept any mix of the two and return float
results; ``exact=True`` computes in rational arithmetic with
:class:`fractions.Fraction`.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Union

import numpy as np

from ._validation import is_rational_scalar, to_fraction
from .exceptions import GameError

if TYPE_CHECKING:  # pragma: no cover
    from .game import NormalFormGame

__all__ = [
    "ProfileLike",
    "as_profile",
    "as_exact_profile",
    "expected_payoffs",
    "strategy_payoffs",
    "best_responses",
    "regrets",
    "max_regret",
    "is_nash",
]

ProfileLike = Sequence[Union[int, str, Sequence[float], np.ndarray, Any]]

#: Tolerance on a mixed strategy's sum and on negative probabilities.
SIMPLEX_TOL = 1e-9


def as_profile(game: NormalFormGame, profile: ProfileLike, *, name: str = "profile") -> tuple[np.ndarray, ...]:
    """Check a profile and return it as a tuple of probability vectors.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence
        One entry per player: a strategy index or name, or a probability vector.
    name : str
        What to call the profile in error messages.

    Returns
    -------
    tuple of numpy.ndarray
        One float64 vector per player, each on the simplex.

    Raises
    ------
    GameError
        If the profile has the wrong length, names an unknown strategy, or a
        vector has the wrong length, is not finite or is off the simplex.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.prisoners_dilemma()
    >>> gt.profiles.as_profile(g, ("Defect", [0.25, 0.75]))
    (array([0., 1.]), array([0.25, 0.75]))
    """
    entries = _entries(game, profile, name)
    out = []
    for k, entry in enumerate(entries):
        if _is_pure_entry(entry):
            vec = np.zeros(game.shape[k])
            vec[_pure_index(game, k, entry, name)] = 1.0
        else:
            vec = _mixed_vector(game, k, entry, name)
        out.append(vec)
    return tuple(out)


def as_exact_profile(game: NormalFormGame, profile: ProfileLike, *, name: str = "profile") -> tuple[np.ndarray, ...]:
    """Like :func:`as_profile`, with object vectors of :class:`~fractions.Fraction`.

    The probabilities must sum to exactly one.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> import gametheory_af as gt
    >>> g = gt.catalog.matching_pennies()
    >>> gt.profiles.as_exact_profile(g, ([F(1, 2), F(1, 2)], 0))[0].tolist()
    [Fraction(1, 2), Fraction(1, 2)]
    """
    entries = _entries(game, profile, name)
    out = []
    for k, entry in enumerate(entries):
        vec = np.empty(game.shape[k], dtype=object)
        if _is_pure_entry(entry):
            vec[:] = [Fraction(0)] * game.shape[k]
            vec[_pure_index(game, k, entry, name)] = Fraction(1)
        else:
            _mixed_vector(game, k, entry, name)  # shape, finiteness, simplex checks
            values = [to_fraction(x) for x in np.asarray(entry, dtype=object).ravel()]
            if any(v < 0 for v in values):
                raise GameError(f"{name}[{k}] has a negative probability: {values!r}.")
            if sum(values) != 1:
                raise GameError(f"{name}[{k}] must sum to exactly 1 in exact mode; sums to {sum(values)}.")
            vec[:] = values
        out.append(vec)
    return tuple(out)


def expected_payoffs(game: NormalFormGame, profile: ProfileLike, *, exact: bool = False) -> np.ndarray:
    """Every player's expected payoff at a profile.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence
        Pure or mixed, as for :func:`as_profile`.
    exact : bool, default False
        Compute with Fractions and return an object array.

    Returns
    -------
    numpy.ndarray of shape (n_players,)

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.profiles.expected_payoffs(gt.catalog.prisoners_dilemma(), ("Cooperate", "Defect"))
    array([0., 5.])
    """
    if exact:
        sigma = as_exact_profile(game, profile)
        v: Any = game.exact_payoffs()
    else:
        sigma = as_profile(game, profile)
        v = game.payoffs
    for s in reversed(sigma):
        v = v @ s  # contracts the last strategy axis
    return np.asarray(v)


def strategy_payoffs(
    game: NormalFormGame, profile: ProfileLike, player: int | str, *, exact: bool = False
) -> np.ndarray:
    """Payoff to each of *player*'s pure strategies against the others' part of *profile*.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence
        Pure or mixed; the player's own entry is ignored but must be valid.
    player : int or str
    exact : bool, default False

    Returns
    -------
    numpy.ndarray of shape (s_player,)

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.matching_pennies()
    >>> gt.profiles.strategy_payoffs(g, (0, [0.75, 0.25]), 0)
    array([ 0.5, -0.5])
    """
    i = game.player_index(player)
    if exact:
        sigma = as_exact_profile(game, profile)
        u: Any = game.exact_payoffs()[i]
    else:
        sigma = as_profile(game, profile)
        u = game.payoffs[i]
    return _strategy_payoffs(u, sigma, i)


def _strategy_payoffs(u: Any, sigma: Sequence[np.ndarray], i: int) -> np.ndarray:
    u = np.moveaxis(u, i, 0)
    others = [k for k in range(len(sigma)) if k != i]
    for k in reversed(others):
        u = u @ sigma[k]
    return np.asarray(u)


def best_responses(
    game: NormalFormGame, profile: ProfileLike, player: int | str, *, tol: float = 1e-9
) -> tuple[int, ...]:
    """Indices of *player*'s pure best responses to the others' part of *profile*.

    A strategy is a best response when its payoff is within *tol* of the best.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.matching_pennies()
    >>> gt.profiles.best_responses(g, (0, [0.5, 0.5]), 0)
    (0, 1)
    """
    _check_tol(tol)
    values = strategy_payoffs(game, profile, player)
    return tuple(int(j) for j in np.flatnonzero(values >= values.max() - tol))


def regrets(game: NormalFormGame, profile: ProfileLike, *, exact: bool = False) -> np.ndarray:
    """Each player's regret: the best pure payoff against the others minus the payoff received.

    Regret is zero for every player exactly at a Nash equilibrium.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence
    exact : bool, default False
        Compute in rational arithmetic; returns an object array of Fractions.

    Returns
    -------
    numpy.ndarray of shape (n_players,)

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.profiles.regrets(gt.catalog.prisoners_dilemma(), ("Cooperate", "Cooperate"))
    array([2., 2.])
    """
    if exact:
        sigma = as_exact_profile(game, profile)
        u: Any = game.exact_payoffs()
    else:
        sigma = as_profile(game, profile)
        u = game.payoffs
    return profile_regrets(u, sigma)


def profile_regrets(u: Any, sigma: Sequence[np.ndarray]) -> np.ndarray:
    """Regrets from a payoff tensor and a checked profile (no validation; internal use)."""
    out = []
    for i in range(len(sigma)):
        vals = _strategy_payoffs(u[i], sigma, i)
        got = vals @ sigma[i]
        best = max(vals.tolist())
        out.append(best - got)
    if u.dtype == object:
        res = np.empty(len(out), dtype=object)
        res[:] = out
        return res
    return np.maximum(np.asarray(out, dtype=np.float64), 0.0)


def max_regret(game: NormalFormGame, profile: ProfileLike, *, exact: bool = False) -> Any:
    """The largest regret of any player at *profile*: the certificate of an equilibrium.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.profiles.max_regret(gt.catalog.matching_pennies(), ([0.5, 0.5], [0.5, 0.5]))
    0.0
    """
    r = regrets(game, profile, exact=exact)
    return max(r.tolist()) if exact else float(r.max())


def is_nash(game: NormalFormGame, profile: ProfileLike, *, tol: float = 1e-9) -> bool:
    """True when no player can gain more than *tol* by a unilateral deviation.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.prisoners_dilemma()
    >>> gt.is_nash(g, ("Defect", "Defect")), gt.is_nash(g, ("Cooperate", "Cooperate"))
    (True, False)
    """
    _check_tol(tol)
    return bool(max_regret(game, profile) <= tol)


# ---------------------------------------------------------------------- helpers
def _check_tol(tol: float) -> None:
    if not isinstance(tol, (int, float, np.floating, np.integer)) or not np.isfinite(tol) or tol < 0:
        raise GameError(f"tol must be a finite non-negative number; got {tol!r}.")


def _entries(game: NormalFormGame, profile: Any, name: str) -> list[Any]:
    if isinstance(profile, (str, bytes)) or not isinstance(profile, (Sequence, np.ndarray)):
        raise GameError(f"{name} must be a sequence with one entry per player ({game.n_players}); got {profile!r}.")
    entries = list(profile)
    if len(entries) != game.n_players:
        raise GameError(f"{name} must have one entry per player ({game.n_players}); got {len(entries)}.")
    return entries


def _is_pure_entry(entry: Any) -> bool:
    if isinstance(entry, str):
        return True
    if isinstance(entry, np.ndarray):
        return entry.ndim == 0 and np.issubdtype(entry.dtype, np.integer)
    return isinstance(entry, (int, np.integer)) and not isinstance(entry, bool)


def _pure_index(game: NormalFormGame, k: int, entry: Any, name: str) -> int:
    if isinstance(entry, np.ndarray):
        entry = int(entry)
    try:
        return game.strategy_index(k, entry)
    except GameError as err:
        raise GameError(f"{name}[{k}]: {err}") from None


def _mixed_vector(game: NormalFormGame, k: int, entry: Any, name: str) -> np.ndarray:
    if isinstance(entry, (float, np.floating)) or is_rational_scalar(entry) and not isinstance(entry, (Sequence, np.ndarray)):
        raise GameError(
            f"{name}[{k}] must be a strategy index, a strategy name or a probability vector; got {entry!r}."
        )
    try:
        vec = np.asarray(entry, dtype=np.float64)
    except (TypeError, ValueError):
        raise GameError(f"{name}[{k}] must be a probability vector of numbers; got {entry!r}.") from None
    if vec.ndim != 1 or vec.shape[0] != game.shape[k]:
        raise GameError(
            f"{name}[{k}] must be a probability vector of length {game.shape[k]} (player {game.players[k]!r}); "
            f"got shape {vec.shape}."
        )
    if not np.all(np.isfinite(vec)):
        raise GameError(f"{name}[{k}] must be finite; got {vec.tolist()!r}.")
    if np.any(vec < -SIMPLEX_TOL):
        raise GameError(f"{name}[{k}] is off the simplex: negative probability in {vec.tolist()!r}.")
    total = float(vec.sum())
    if abs(total - 1.0) > SIMPLEX_TOL * max(1, vec.shape[0]):
        raise GameError(f"{name}[{k}] is off the simplex: probabilities sum to {total!r}, not 1.")
    vec = np.clip(vec, 0.0, None)
    return vec / vec.sum()
