"""Basins of attraction: which equilibrium a learning dynamic carries each starting point to.

:func:`basins` runs one of the dynamics of :mod:`gametheory_af.dynamics` from a
batch of starting points at once (a random sample, a batch given by the caller,
or a regular grid), and attributes each end state to the nearest equilibrium
found by the library's certified solvers, or to none ("unassigned": cycles,
slow convergence, rest points that are not equilibria).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._limits import check_bytes
from .._validation import FrozenMapping, _short, check_bool, check_int, check_rng, check_tol
from ..exceptions import GameError
from ..game import NormalFormGame
from ..result import Equilibrium, EquilibriumResult, ResultMixin, json_value, make_equilibrium
from ._core import DynamicsResult, initial_profiles

__all__ = ["BasinsResult", "basins", "DYNAMICS"]

#: The dynamics :func:`basins` runs by name: name -> (module of gametheory_af.dynamics, function).
DYNAMICS: Mapping[str, tuple[str, str]] = FrozenMapping(
    {
        "fictitious_play": ("fictitious_play", "fictitious_play"),
        "stochastic_fictitious_play": ("fictitious_play", "stochastic_fictitious_play"),
        "regret_matching": ("regret_matching", "regret_matching"),
        "replicator": ("replicator", "replicator"),
        "best_response": ("best_response", "best_response_dynamics"),
        "logit": ("best_response", "logit_dynamics"),
    }
)

#: Starting points drawn when neither ``initial`` nor ``grid`` is given.
DEFAULT_STARTS = 1000


@dataclass(frozen=True, eq=False)
class BasinsResult(ResultMixin):
    """Where a learning dynamic ends from each of a batch of starting points.

    Parameters
    ----------
    dynamic, game, equilibria, labels, distances, initial, final, tol, parameters : see Attributes
        Each sets the attribute of the same name; arrays are copied and made read-only.

    Attributes
    ----------
    dynamic : str
        The dynamic that ran (``"replicator"``, ``"fictitious_play"``, ...).
    game : NormalFormGame
        The game played.
    equilibria : EquilibriumResult
        The equilibria the end states are attributed to (``method="given"`` when the
        caller supplied them).
    labels : numpy.ndarray of shape (B,)
        For each start, the index into ``equilibria`` of the equilibrium its end state
        reached, or -1 (unassigned).
    distances : numpy.ndarray of shape (B,)
        For each start, the distance of its end state to the nearest equilibrium: the
        largest, over players, of the largest difference of a strategy's probability
        (``inf`` when there are no equilibria).
    initial, final : tuple of numpy.ndarray
        Per player, the (B, s_i) starting points and end states.
    tol : float
        The largest distance at which an end state is attributed to an equilibrium.
    parameters : mapping
        The run's options: ``steps``, ``grid`` (k or None) and the dynamic's own options.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics.basins import basins
    >>> res = basins(gt.catalog.stag_hunt(), "replicator", grid=4, t_max=40)
    >>> res.labels.tolist()
    [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0]
    >>> res.describe()[0]
    'Row: Stag; Column: Stag: 18.8% of 16 starts'
    """

    dynamic: str
    game: NormalFormGame
    equilibria: EquilibriumResult
    labels: np.ndarray
    distances: np.ndarray
    initial: tuple[np.ndarray, ...]
    final: tuple[np.ndarray, ...]
    tol: float
    parameters: Mapping[str, Any]

    def __post_init__(self) -> None:
        name = type(self).__name__
        if not isinstance(self.game, NormalFormGame):
            raise TypeError(f"{name}: game must be a NormalFormGame; got {_short(self.game)} ({type(self.game).__name__}).")
        if not isinstance(self.equilibria, EquilibriumResult):
            raise TypeError(f"{name}: equilibria must be an EquilibriumResult; got {type(self.equilibria).__name__}.")
        labels = np.array(self.labels, dtype=np.int64)
        n_starts = labels.shape[0] if labels.ndim == 1 else 0
        if n_starts == 0 or labels.min() < -1 or labels.max() >= len(self.equilibria):
            raise GameError(
                f"{name}: labels must be a non-empty 1-d array of equilibrium indices or -1; got {_short(self.labels)}."
            )
        distances = np.array(self.distances, dtype=np.float64)
        if distances.shape != labels.shape:
            raise GameError(f"{name}: distances must have shape {labels.shape}; got {distances.shape}.")
        arrays = {}
        for field_name in ("initial", "final"):
            value = tuple(np.array(x, dtype=np.float64) for x in getattr(self, field_name))
            want = tuple((n_starts, s) for s in self.game.shape)
            if tuple(x.shape for x in value) != want:
                raise GameError(
                    f"{name}: {field_name} must hold per player an array of shape (B, s_i) = {want}; "
                    f"got {tuple(x.shape for x in value)}."
                )
            arrays[field_name] = value
        for v in (labels, distances, *arrays["initial"], *arrays["final"]):
            v.setflags(write=False)
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "distances", distances)
        object.__setattr__(self, "initial", arrays["initial"])
        object.__setattr__(self, "final", arrays["final"])
        object.__setattr__(self, "tol", check_tol(self.tol, name))
        object.__setattr__(self, "parameters", FrozenMapping(self.parameters))

    @property
    def n_starts(self) -> int:
        """The number B of starting points."""
        return int(self.labels.shape[0])

    @property
    def counts(self) -> np.ndarray:
        """How many starts reached each equilibrium, in the order of ``equilibria``."""
        return np.bincount(self.labels[self.labels >= 0], minlength=len(self.equilibria))

    @property
    def shares(self) -> np.ndarray:
        """The share of the starts that reached each equilibrium, in the order of ``equilibria``."""
        return self.counts / self.n_starts

    @property
    def unassigned(self) -> float:
        """The share of the starts whose end state is farther than ``tol`` from every equilibrium."""
        return float(np.count_nonzero(self.labels < 0) / self.n_starts)

    def describe(self, *, digits: int = 1) -> list[str]:
        """Each equilibrium with the share of starts that reach it, then the unassigned share.

        Parameters
        ----------
        digits : int, default 1
            Decimals of the percentages.

        Returns
        -------
        list of str
            One line per equilibrium (``"Row: Stag; Column: Stag: 41.2% of 1000 starts"``) and a
            last line for the unassigned starts.
        """
        digits = check_int(digits, "digits", "BasinsResult.describe", minimum=0, maximum=17)
        n = self.n_starts
        lines = [
            f"{e.describe(self.game)}: {100 * s:.{digits}f}% of {n} starts"
            for e, s in zip(self.equilibria, self.shares)
        ]
        lines.append(f"unassigned: {100 * self.unassigned:.{digits}f}% of {n} starts")
        return lines

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON data (``json.dumps(..., allow_nan=False)`` accepts it).

        Returns
        -------
        dict
            Keys ``dynamic``, ``game``, ``equilibria``, ``tol``, ``parameters``, ``n_starts``,
            ``shares``, ``unassigned``, ``labels``, ``distances``, ``initial`` and ``final``.
        """
        return {
            "dynamic": self.dynamic,
            "game": self.game.to_dict(),
            "equilibria": self.equilibria.to_dict(self.game),
            "tol": self.tol,
            "parameters": json_value(dict(self.parameters)),
            "n_starts": self.n_starts,
            "shares": json_value(self.shares),
            "unassigned": self.unassigned,
            "labels": json_value(self.labels),
            "distances": json_value(self.distances),
            "initial": [json_value(x) for x in self.initial],
            "final": [json_value(x) for x in self.final],
        }

    def to_pandas(self) -> Any:
        """A :class:`pandas.DataFrame` with one row per start.

        Returns
        -------
        pandas.DataFrame
            Columns ``label`` (int, -1 unassigned), ``equilibrium`` (its description or
            ``"unassigned"``), ``distance``, then ``initial:<player>:<strategy>`` and
            ``final:<player>:<strategy>`` for every player and strategy.

        Raises
        ------
        GameError
            If pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - pandas is installed in the test environment
            raise GameError("BasinsResult.to_pandas() needs pandas; install it with `pip install pandas`.") from None
        names = np.array([*(e.describe(self.game) for e in self.equilibria), "unassigned"], dtype=object)
        columns: dict[str, Any] = {
            "label": self.labels,
            "equilibrium": names[self.labels],  # -1 picks the last name, "unassigned"
            "distance": self.distances,
        }
        for which, arrays in (("initial", self.initial), ("final", self.final)):
            for i, x in enumerate(arrays):
                for j, strategy in enumerate(self.game.strategies[i]):
                    columns[f"{which}:{self.game.players[i]}:{strategy}"] = x[:, j]
        return pd.DataFrame(columns, index=pd.RangeIndex(self.n_starts, name="start"))

    def __repr__(self) -> str:
        shares = ", ".join(f"{s:.3f}" for s in self.shares)
        return (
            f"BasinsResult(dynamic={self.dynamic!r}, n_starts={self.n_starts}, shares=[{shares}], "
            f"unassigned={self.unassigned:.3f})"
        )


# ------------------------------------------------------------------------------------------ inputs
def _resolve(dynamic: Any, caller: str) -> tuple[Callable[..., Any], str]:
    """The dynamic's function and name, from a name in :data:`DYNAMICS` or a callable."""
    if isinstance(dynamic, str):
        if dynamic not in DYNAMICS:
            listed = ", ".join(repr(k) for k in DYNAMICS)
            raise GameError(f"{caller}: dynamic must be one of {listed} or a callable; got {_short(dynamic)}.")
        module, function = DYNAMICS[dynamic]
        fn: Callable[..., Any] = getattr(importlib.import_module(f"gametheory_af.dynamics.{module}"), function)
        return fn, dynamic
    if callable(dynamic):
        return dynamic, str(getattr(dynamic, "__name__", type(dynamic).__name__))
    raise TypeError(f"{caller}: dynamic must be a name or a callable; got {_short(dynamic)} ({type(dynamic).__name__}).")


def grid_profiles(game: NormalFormGame, k: Any, caller: str = "basins") -> tuple[np.ndarray, ...]:
    """The starts of ``grid=k``: the centres of a regular k x ... x k grid of cells.

    Every player must have exactly two strategies; the grid then spans each player's
    probability of their first strategy, at the cell centres ``(j + 1/2) / k`` (never on a
    face of the simplex, where the replicator cannot leave). The ``k**n`` starts are listed
    in C order: start ``b`` has player 0's coordinate varying slowest, so
    ``labels.reshape((k,) * n)[a, c]`` belongs to the point ((a + 1/2)/k, (c + 1/2)/k).

    Parameters
    ----------
    game : NormalFormGame
        A game whose players all have 2 strategies.
    k : int
        Grid points per player (>= 1); there are ``k**n`` starts.
    caller : str, default "basins"
        The function named in error messages.

    Returns
    -------
    tuple of numpy.ndarray
        Per player, the (k**n, 2) starting mixed strategies.

    Raises
    ------
    GameError
        For ``k < 1``, a player without exactly 2 strategies, or a grid beyond the memory limits.

    Examples
    --------
    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics.basins import grid_profiles
    >>> [x[:, 0].tolist() for x in grid_profiles(gt.catalog.stag_hunt(), 2)]
    [[0.25, 0.25, 0.75, 0.75], [0.25, 0.75, 0.25, 0.75]]
    """
    k = check_int(k, "grid", caller, minimum=1)
    shape = tuple(game.shape)
    if any(s != 2 for s in shape):
        raise GameError(
            f"{caller}: grid={k} spans each player's probability of their first strategy, so every player needs "
            f"exactly 2 strategies; the game has shape {shape}. Pass initial=<number of starts> for a uniform "
            "sample of the simplices, or a batch of profiles."
        )
    n = len(shape)
    check_bytes(k**n * 2 * n, 8, f"grid starting-point entries ({k}^{n} starts)", caller)
    axis = (np.arange(k, dtype=np.float64) + 0.5) / k
    mesh = np.meshgrid(*([axis] * n), indexing="ij")
    return tuple(np.stack([m.ravel(), 1.0 - m.ravel()], axis=1) for m in mesh)


def _check_fits(game: NormalFormGame, e: Equilibrium, name: str, caller: str) -> None:
    shape = tuple(len(p) for p in e.profile)
    if shape != tuple(game.shape):
        raise GameError(f"{caller}: {name} has a profile of shape {shape}, but the game has shape {tuple(game.shape)}.")


def _equilibria(game: NormalFormGame, equilibria: Any, caller: str) -> EquilibriumResult:
    if equilibria is None:
        from ..solvers.dispatch import nash_equilibria

        return nash_equilibria(game)
    if isinstance(equilibria, EquilibriumResult):
        for k, e in enumerate(equilibria):
            _check_fits(game, e, f"equilibria[{k}]", caller)
        return equilibria
    if isinstance(equilibria, (str, bytes, Mapping)) or not hasattr(equilibria, "__iter__"):
        raise TypeError(
            f"{caller}: equilibria must be an EquilibriumResult or a sequence of equilibria or profiles; "
            f"got {_short(equilibria)} ({type(equilibria).__name__})."
        )
    eqs = []
    for k, e in enumerate(equilibria):
        if isinstance(e, Equilibrium):
            _check_fits(game, e, f"equilibria[{k}]", caller)
            eqs.append(e)
            continue
        try:
            eqs.append(make_equilibrium(game, e))
        except (GameError, TypeError) as err:
            raise GameError(f"{caller}: equilibria[{k}] is not a profile of the game: {err}") from None
    return EquilibriumResult(tuple(eqs), method="given", complete=False, game=game)


def assign(
    final: tuple[np.ndarray, ...], equilibria: EquilibriumResult, tol: float, caller: str = "basins"
) -> tuple[np.ndarray, np.ndarray]:
    """Attribute each end state to the nearest equilibrium within *tol*.

    The distance of a profile x to an equilibrium e is ``max_i max_j |x_i[j] - e_i[j]|``;
    ties go to the equilibrium listed first.

    Parameters
    ----------
    final : tuple of numpy.ndarray
        Per player, the (B, s_i) end states.
    equilibria : EquilibriumResult
        The equilibria to attribute them to.
    tol : float
        The largest distance at which an end state is attributed.
    caller : str, default "basins"
        The function named in error messages.

    Returns
    -------
    labels : numpy.ndarray of shape (B,)
        The index of each end state's equilibrium, or -1 when the nearest is farther than *tol*
        (or the end state is not finite).
    distances : numpy.ndarray of shape (B,)
        The distance of each end state to its nearest equilibrium (``inf`` if none).

    Examples
    --------
    >>> import numpy as np, gametheory_af as gt
    >>> from gametheory_af.dynamics.basins import assign
    >>> eqs = gt.nash_equilibria(gt.catalog.stag_hunt())
    >>> final = (np.array([[0.999, 0.001], [0.5, 0.5]]), np.array([[1.0, 0.0], [0.5, 0.5]]))
    >>> labels, dist = assign(final, eqs, 0.01)
    >>> labels.tolist(), dist.round(3).tolist()
    ([0, -1], [0.001, 0.25])
    """
    n_starts = final[0].shape[0]
    n_eq = len(equilibria)
    if n_eq == 0:
        return np.full(n_starts, -1, dtype=np.int64), np.full(n_starts, np.inf)
    check_bytes(n_starts * n_eq * max(x.shape[1] for x in final), 8, "distance entries", caller)
    dist = np.zeros((n_starts, n_eq))
    for i, x in enumerate(final):
        points = np.stack([e.profile[i] for e in equilibria])  # (E, s_i)
        np.maximum(dist, np.abs(x[:, None, :] - points[None, :, :]).max(axis=2), out=dist)
    bad = ~np.isfinite(dist).all(axis=1)
    dist[bad] = np.inf
    nearest = dist.argmin(axis=1)
    best = dist[np.arange(n_starts), nearest]
    labels = np.where(best <= tol, nearest, -1).astype(np.int64)
    return labels, best


# ------------------------------------------------------------------------------------------ basins
def basins(
    game: NormalFormGame,
    dynamic: str | Callable[..., Any] = "replicator",
    initial: Any = None,
    *,
    grid: int | None = None,
    steps: int = 1000,
    equilibria: Any = None,
    tol: float = 1e-2,
    rng: None | int | np.random.Generator = None,
    progress: bool = False,
    **dynamic_options: Any,
) -> BasinsResult:
    """The share of a batch of starting points that a learning dynamic carries to each equilibrium.

    The dynamic runs once, vectorized over the whole batch; each start's end state is
    attributed to the nearest equilibrium within *tol*, or left unassigned.

    Parameters
    ----------
    game : NormalFormGame
        The game played.
    dynamic : str or callable, default "replicator"
        One of ``"fictitious_play"``, ``"stochastic_fictitious_play"``, ``"regret_matching"``,
        ``"replicator"``, ``"best_response"`` (:func:`best_response_dynamics`) and ``"logit"``
        (:func:`logit_dynamics`), or a function with the contract of the dynamics,
        ``f(game, initial, *, steps, rng, progress, record_every, **options)`` returning a
        :class:`~gametheory_af.dynamics._core.DynamicsResult`.
    initial : None, int or batch, optional
        The starting points: an int B (B points drawn uniformly on each player's simplex with
        *rng*), one mixed profile, or a batch (per player an array of shape (B, s_i)). For
        fictitious play and regret matching they are the initial beliefs / weights. Default:
        1000 random points, unless *grid* is given.
    grid : int, optional
        Start from the centres of a regular k x ... x k grid instead (every player must have
        exactly 2 strategies; see ``grid_profiles``): for a 2x2 game, the k x k grid over the
        two players' probabilities of their first strategies. Not together with *initial*.
    steps : int, default 1000
        Steps of the dynamic (output times of the replicator, whose horizon is its own
        ``t_max``). Only the end state is kept.
    equilibria : EquilibriumResult or sequence, optional
        The equilibria to attribute end states to: a solver's result, or a sequence of
        :class:`~gametheory_af.Equilibrium` or profiles. Default
        :func:`~gametheory_af.nash_equilibria` of the game.
    tol : float, default 0.01
        Largest distance from an end state to the equilibrium it is attributed to. The
        distance is in probability units, the largest over players of the largest
        difference of a strategy's probability (the L-infinity distance per player); it does
        not depend on the payoffs' scale.
    rng : None, int or numpy.random.Generator
        Draws the random starts, then drives the dynamic (stochastic ones use it).
    progress : bool, default False
        Passed to the dynamic (a :mod:`tqdm` bar over the steps).
    **dynamic_options
        The dynamic's own options (``t_max=``, ``lam=``, ``initial_weight=``, ...).
        ``record_every`` is set by :func:`basins` (only end states are kept); a dynamic's own
        ``tol`` option cannot be passed, *tol* being the attribution tolerance.

    Returns
    -------
    BasinsResult
        Labels, distances, start and end points, the equilibria and the shares.

    Raises
    ------
    TypeError
        For a *game* that is not a NormalFormGame, a *dynamic* that is neither a name nor a
        callable, or a callable that does not return a DynamicsResult.
    GameError
        For an unknown dynamic name (the message lists the valid ones), *initial* off the
        simplex, a negative *steps* or *tol*, *grid* for a game whose players do not all have
        2 strategies, both *initial* and *grid*, or *record_every* among the options.

    Notes
    -----
    An end state is "unassigned" when it is farther than *tol* from every equilibrium:
    the dynamic cycles (Shapley's game under fictitious play), converges slowly (empirical
    frequencies approach a mixed equilibrium at rate about 1/t), or stops at a rest point that
    is not an equilibrium (the replicator never leaves a face of the simplex). Conversely a
    start near a separatrix passes close to an unstable (mixed) equilibrium and lingers there:
    a run that ends during that passage is attributed to the unstable equilibrium. Raise
    *steps* (or the replicator's ``t_max``), tighten or loosen *tol*, and compare. Ties between equilibria closer than *tol* to one end state go
    to the nearest, then to the one listed first. Basins drawn from a sample estimate the
    share of the whole set of starts with a binomial error of about ``sqrt(p (1 - p) / B)``.

    References
    ----------
    Hofbauer, J. and Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*,
    Cambridge University Press, ch. 7 and 10.
    Kandori, M., Mailath, G. and Rob, R. (1993). Learning, mutation, and long run equilibria in
    games. *Econometrica* 61, 29-56.

    Examples
    --------
    In the stag hunt the mixed equilibrium (3/4 Stag) splits the square: hunting stag is
    reached only from starts where both are already fairly sure of each other.

    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics.basins import basins
    >>> res = basins(gt.catalog.stag_hunt(), "replicator", grid=20, t_max=40)
    >>> for line in res.describe():
    ...     print(line)
    Row: Stag; Column: Stag: 15.8% of 400 starts
    Row: Hare; Column: Hare: 84.2% of 400 starts
    Row: mix(Stag 0.75, Hare 0.25); Column: mix(Stag 0.75, Hare 0.25): 0.0% of 400 starts
    unassigned: 0.0% of 400 starts
    """
    caller = "basins"
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"{caller}: game must be a NormalFormGame; got {_short(game)} ({type(game).__name__}).")
    fn, name = _resolve(dynamic, caller)
    steps = check_int(steps, "steps", caller, minimum=0)
    tol = check_tol(tol, caller)
    progress = check_bool(progress, "progress", caller)
    gen = check_rng(rng, caller)
    if "record_every" in dynamic_options:
        raise GameError(
            f"{caller}: record_every is set by basins, which keeps only end states; "
            f"got record_every={_short(dynamic_options['record_every'])}."
        )
    if grid is not None:
        if initial is not None:
            raise GameError(f"{caller}: give initial or grid, not both; got initial={_short(initial)} and grid={_short(grid)}.")
        k = check_int(grid, "grid", caller, minimum=1)
        start = grid_profiles(game, k, caller)
    else:
        start = initial_profiles(game, DEFAULT_STARTS if initial is None else initial, gen, caller)
    eqs = _equilibria(game, equilibria, caller)
    run = fn(game, start, steps=steps, rng=gen, progress=progress, record_every=max(steps, 1), **dynamic_options)
    if not isinstance(run, DynamicsResult):
        raise TypeError(f"{caller}: the dynamic {name!r} must return a DynamicsResult; got {type(run).__name__}.")
    final = run.final
    if run.game.shape != game.shape or final[0].shape[0] != start[0].shape[0]:
        raise GameError(
            f"{caller}: the dynamic {name!r} returned {final[0].shape[0]} end states of a game of shape "
            f"{run.game.shape}; expected {start[0].shape[0]} of shape {game.shape}."
        )
    labels, distances = assign(final, eqs, tol, caller)
    parameters = {"steps": steps, "grid": None if grid is None else k, "n_starts": int(start[0].shape[0])}
    parameters.update({key: v for key, v in run.parameters.items() if key not in ("record_every",)})
    parameters.update(dynamic_options)
    return BasinsResult(
        dynamic=name,
        game=game,
        equilibria=eqs,
        labels=labels,
        distances=distances,
        initial=start,
        final=tuple(np.array(x) for x in final),
        tol=tol,
        parameters=parameters,
    )

