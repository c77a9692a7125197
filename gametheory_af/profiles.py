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

from ._tolerance import normalize_game
from ._validation import _short, check_bool, check_tol, is_rational_scalar, to_fraction
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


def as_profile(
    game: NormalFormGame, profile: ProfileLike, *, name: str = "profile", caller: str = "as_profile"
) -> tuple[np.ndarray, ...]:
    """Check a profile and return it as a tuple of probability vectors.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence
        One entry per player: a strategy index or name, or a probability vector.
    name : str
        What to call the profile in error messages.
    caller : str
        The function named in error messages.

    Returns
    -------
    tuple of numpy.ndarray
        One float64 vector per player, each on the simplex.

    Raises
    ------
    TypeError
        If *game* is not a :class:`~gametheory_af.NormalFormGame`.
    GameError
        If the profile has the wrong length, names an unknown strategy, or a
        vector has the wrong length, is not finite or is off the simplex
        (negative beyond ``1e-9`` or summing to 1 only within more than
        ``1e-9`` per entry); the message names the entry and its value.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.prisoners_dilemma()
    >>> gt.profiles.as_profile(g, ("Defect", [0.25, 0.75]))
    (array([0., 1.]), array([0.25, 0.75]))
    """
    _check_game(game, caller)
    entries = _entries(game, profile, name, caller)
    out = []
    for k, entry in enumerate(entries):
        if _is_pure_entry(entry):
            vec = np.zeros(game.shape[k])
            vec[_pure_index(game, k, entry, name, caller)] = 1.0
        else:
            vec = _mixed_vector(game, k, entry, name, caller)
        out.append(vec)
    return tuple(out)


def as_exact_profile(
    game: NormalFormGame, profile: ProfileLike, *, name: str = "profile", caller: str = "as_exact_profile"
) -> tuple[np.ndarray, ...]:
    """Like :func:`~gametheory_af.profiles.as_profile`, with object vectors of :class:`~fractions.Fraction`.

    The probabilities must sum to exactly one.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    profile : profile-like
        A strategy profile (see :func:`~gametheory_af.profiles.as_profile`), with exact probabilities.
    name : str, default "profile"
        What to call the argument in error messages.
    caller : str, default "as_exact_profile"
        The function named in error messages.

    Returns
    -------
    tuple of numpy.ndarray
        One object vector of :class:`~fractions.Fraction` per player.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> import gametheory_af as gt
    >>> g = gt.catalog.matching_pennies()
    >>> gt.profiles.as_exact_profile(g, ([F(1, 2), F(1, 2)], 0))[0].tolist()
    [Fraction(1, 2), Fraction(1, 2)]
    """
    _check_game(game, caller)
    entries = _entries(game, profile, name, caller)
    out = []
    for k, entry in enumerate(entries):
        vec = np.empty(game.shape[k], dtype=object)
        if _is_pure_entry(entry):
            vec[:] = [Fraction(0)] * game.shape[k]
            vec[_pure_index(game, k, entry, name, caller)] = Fraction(1)
        else:
            _mixed_vector(game, k, entry, name, caller)  # shape, finiteness, simplex checks
            values = [to_fraction(x) for x in np.asarray(entry, dtype=object).ravel()]
            if any(v < 0 for v in values):
                raise GameError(f"{caller}: {name}[{k}] has a negative probability; got {_short(entry)}.")
            if sum(values) != 1:
                raise GameError(
                    f"{caller}: {name}[{k}] must sum to exactly 1 in exact mode; got {_short(entry)}, "
                    f"which sums to {sum(values)}."
                )
            vec[:] = values
        out.append(vec)
    return tuple(out)


def expected_payoffs(game: NormalFormGame, profile: ProfileLike, *, exact: bool = False) -> np.ndarray:
    """Every player's expected payoff at a profile.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence
        Pure or mixed, as for :func:`~gametheory_af.profiles.as_profile`.
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
    _check_game(game, "expected_payoffs")
    if check_bool(exact, "exact", "expected_payoffs"):
        sigma = as_exact_profile(game, profile, caller="expected_payoffs")
        v: Any = game.exact_payoffs()
    else:
        sigma = as_profile(game, profile, caller="expected_payoffs")
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
    _check_game(game, "strategy_payoffs")
    i = player_argument(game, player, "strategy_payoffs")
    if check_bool(exact, "exact", "strategy_payoffs"):
        sigma = as_exact_profile(game, profile, caller="strategy_payoffs")
        u: Any = game.exact_payoffs()[i]
    else:
        sigma = as_profile(game, profile, caller="strategy_payoffs")
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

    A strategy is a best response when its payoff is within *tol* times the
    player's payoff range (:ref:`tolerances`) of the best.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    profile : profile-like
        A strategy profile (see :func:`~gametheory_af.profiles.as_profile`); only the other players' parts are used.
    player : int or str
        The player (index or name).
    tol : float, default 1e-9
        Relative tolerance.

    Returns
    -------
    tuple of int
        The best responses' strategy indices, in increasing order.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.matching_pennies()
    >>> gt.profiles.best_responses(g, (0, [0.5, 0.5]), 0)
    (0, 1)
    """
    _check_game(game, "best_responses")
    tol = _check_tol(tol, "best_responses")
    i = player_argument(game, player, "best_responses")
    un, _, _, _, _ = _normalized(game)
    sigma = as_profile(game, profile, caller="best_responses")
    values = _strategy_payoffs(un[i], sigma, i)
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
    _check_game(game, "regrets")
    if check_bool(exact, "exact", "regrets"):
        sigma = as_exact_profile(game, profile, caller="regrets")
        u: Any = game.exact_payoffs()
    else:
        sigma = as_profile(game, profile, caller="regrets")
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

    Parameters
    ----------
    game : NormalFormGame
        The game.
    profile : profile-like
        A strategy profile (see :func:`~gametheory_af.profiles.as_profile`).
    exact : bool, default False
        Compute in exact rational arithmetic (see :func:`as_exact_profile`).

    Returns
    -------
    float or Fraction
        The largest gain any player could get by a unilateral deviation; a
        :class:`~fractions.Fraction` when *exact*.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> gt.profiles.max_regret(gt.catalog.matching_pennies(), ([0.5, 0.5], [0.5, 0.5]))
    0.0
    """
    _check_game(game, "max_regret")
    exact = check_bool(exact, "exact", "max_regret")
    r = regrets(game, profile, exact=exact)
    return max(r.tolist()) if exact else float(r.max())


def is_nash(game: NormalFormGame, profile: ProfileLike, *, tol: float = 1e-9) -> bool:
    """True when no player can gain more than *tol* times its payoff range by a unilateral deviation.

    The regrets are computed on payoffs normalised per player to ``[0, 1]``
    (:ref:`tolerances`), so the answer does not change when a
    player's payoffs are scaled or shifted.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    profile : profile-like
        A strategy profile (see :func:`~gametheory_af.profiles.as_profile`).
    tol : float, default 1e-9
        Relative tolerance.

    Returns
    -------
    bool
        Whether *profile* is a Nash equilibrium within *tol*.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> g = gt.catalog.prisoners_dilemma()
    >>> gt.is_nash(g, ("Defect", "Defect")), gt.is_nash(g, ("Cooperate", "Cooperate"))
    (True, False)
    """
    _check_game(game, "is_nash")
    tol = _check_tol(tol, "is_nash")
    un, _, _, _, _ = _normalized(game)
    sigma = as_profile(game, profile, caller="is_nash")
    return bool(float(profile_regrets(un, sigma).max()) <= tol)


# ---------------------------------------------------------------------- helpers
def _check_tol(tol: Any, caller: str = "solver") -> float:
    """A tolerance: a finite number ``>= 0`` (see :func:`gametheory_af._validation.check_tol`)."""
    return check_tol(tol, caller)


def _check_game(game: Any, caller: str) -> None:
    from .game import NormalFormGame

    if not isinstance(game, NormalFormGame):
        raise TypeError(f"{caller}: game must be a NormalFormGame; got {type(game).__name__} {_short(game)}.")


def player_argument(game: NormalFormGame, player: Any, caller: str) -> int:
    """*player* (an index or a name) as an index, in an error message that names *caller*."""
    try:
        return game.player_index(player)
    except GameError as err:
        raise GameError(f"{caller}: player: {err}") from None
    except TypeError as err:
        raise TypeError(f"{caller}: {err}") from None


def _normalized(game: NormalFormGame) -> Any:
    return normalize_game(game, resolves_if_inexact=True)


def _entries(game: NormalFormGame, profile: Any, name: str, caller: str = "as_profile") -> list[Any]:
    if isinstance(profile, (str, bytes)) or not isinstance(profile, (Sequence, np.ndarray)):
        raise GameError(
            f"{caller}: {name} must be a sequence with one entry per player ({game.n_players}); got {_short(profile)}."
        )
    entries = list(profile)
    if len(entries) != game.n_players:
        raise GameError(
            f"{caller}: {name} must have one entry per player ({game.n_players}); got {len(entries)}: {_short(profile)}."
        )
    return entries


def _is_pure_entry(entry: Any) -> bool:
    if isinstance(entry, str):
        return True
    if isinstance(entry, np.ndarray):
        return entry.ndim == 0 and np.issubdtype(entry.dtype, np.integer)
    return isinstance(entry, (int, np.integer)) and not isinstance(entry, bool)


def _pure_index(game: NormalFormGame, k: int, entry: Any, name: str, caller: str = "as_profile") -> int:
    if isinstance(entry, np.ndarray):
        entry = int(entry)
    try:
        return game.strategy_index(k, entry)
    except GameError as err:
        raise GameError(f"{caller}: {name}[{k}]: {err}") from None


def _mixed_vector(game: NormalFormGame, k: int, entry: Any, name: str, caller: str = "as_profile") -> np.ndarray:
    where = f"{caller}: {name}[{k}]"
    if entry is None or isinstance(entry, (float, np.floating, bytes)) or (
        is_rational_scalar(entry) and not isinstance(entry, (Sequence, np.ndarray))
    ):
        raise GameError(f"{where} must be a strategy index, a strategy name or a probability vector; got {_short(entry)}.")
    try:
        vec = np.asarray(entry, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        raise GameError(f"{where} must be a probability vector of numbers; got {_short(entry)}.") from None
    if vec.ndim != 1 or vec.shape[0] != game.shape[k]:
        raise GameError(
            f"{where} must be a probability vector of length {game.shape[k]} (player {game.players[k]!r}); "
            f"got {_short(entry)} of shape {vec.shape}."
        )
    if not np.all(np.isfinite(vec)):
        raise GameError(f"{where} must be finite; got {_short(entry)}.")
    if np.any(vec < -SIMPLEX_TOL):
        raise GameError(f"{where} is off the simplex: negative probability in {_short(entry)}.")
    total = float(vec.sum())
    if abs(total - 1.0) > SIMPLEX_TOL * max(1, vec.shape[0]):
        raise GameError(f"{where} is off the simplex: probabilities sum to {total!r}, not 1; got {_short(entry)}.")
    vec = np.clip(vec, 0.0, None)
    normalized: np.ndarray = vec / vec.sum()
    return normalized
