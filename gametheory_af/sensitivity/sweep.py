"""Equilibria over many parameter points: chunked, vectorized, on a chosen backend."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from ..exceptions import GameError
from ..game import NormalFormGame
from ..parametric import ParametricGame
from ..result import EquilibriumResult
from ..solvers.pure import pure_nash_batch
from ._common import all_profiles, check_pgame, profile_indices, profile_label
from .backends import run_tasks

__all__ = ["Grid", "grid", "SweepResult", "sweep"]


# ---------------------------------------------------------------------------- points
class Grid:
    """The cartesian product of parameter axes, generated chunk by chunk.

    Use :func:`grid` to build one. Points are ordered as by
    :func:`numpy.meshgrid` with ``indexing="ij"`` (the last axis varies
    fastest), and are never all materialized by :func:`sweep`.

    Examples
    --------
    >>> from gametheory_af.sensitivity import grid
    >>> g = grid(a=[0.0, 1.0], b=[10.0, 20.0, 30.0])
    >>> len(g), g.shape
    (6, (2, 3))
    >>> g.chunk(1, 4)
    {'a': array([0., 0., 1.]), 'b': array([20., 30., 10.])}
    """

    __slots__ = ("_axes",)

    def __init__(self, axes: Mapping[str, Any]) -> None:
        if not axes:
            raise GameError("grid: give at least one axis, e.g. grid(leverage=np.linspace(0, 1, 101)).")
        out = {}
        for k, v in axes.items():
            a = _float_1d(v, k, "grid")
            if a.size == 0:
                raise GameError(f"grid: axis {k!r} is empty.")
            a.setflags(write=False)
            out[k] = a
        self._axes = out

    @property
    def axes(self) -> dict[str, np.ndarray]:
        """Axis name -> values."""
        return dict(self._axes)

    @property
    def names(self) -> tuple[str, ...]:
        """The axis names."""
        return tuple(self._axes)

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of values along each axis."""
        return tuple(a.size for a in self._axes.values())

    def __len__(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64))

    def chunk(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """The points ``start:stop`` as a mapping name -> 1-D array."""
        idx = np.unravel_index(np.arange(start, stop, dtype=np.int64), self.shape)
        return {k: a[i] for (k, a), i in zip(self._axes.items(), idx)}

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Every point (materialized)."""
        return self.chunk(0, len(self))

    def __repr__(self) -> str:
        return f"Grid({', '.join(f'{k}: {a.size}' for k, a in self._axes.items())}; {len(self)} points)"


def grid(**axes: Any) -> Grid:
    """The cartesian product of parameter axes, for :func:`sweep`.

    Parameters
    ----------
    **axes : array_like
        Values of each parameter (1-D).

    Returns
    -------
    Grid
        A lazy product: ``len(grid)`` points, generated per chunk.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_af.sensitivity import grid
    >>> len(grid(leverage=np.linspace(0, 1, 101), cost=[1.0, 2.0]))
    202
    """
    return Grid(axes)


class _Sample:
    """Equal-length 1-D arrays of parameter values (a sample)."""

    __slots__ = ("_cols", "_n")

    def __init__(self, points: Mapping[str, Any]) -> None:
        if not points:
            raise GameError("sweep: points must name at least one parameter.")
        cols = {k: _float_1d(v, k, "sweep") for k, v in points.items()}
        lengths = {k: a.size for k, a in cols.items()}
        if len(set(lengths.values())) != 1:
            raise GameError(f"sweep: point arrays must have one common length; got {lengths}.")
        self._cols = cols
        self._n = next(iter(lengths.values()))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._cols)

    def __len__(self) -> int:
        return int(self._n)

    def chunk(self, start: int, stop: int) -> dict[str, np.ndarray]:
        return {k: a[start:stop] for k, a in self._cols.items()}

    def to_arrays(self) -> dict[str, np.ndarray]:
        return dict(self._cols)


def _float_1d(v: Any, name: str, caller: str) -> np.ndarray:
    try:
        a = np.array(v, dtype=np.float64)
    except (TypeError, ValueError):
        raise GameError(f"{caller}: values of {name!r} must be numbers; got {v!r}.") from None
    if a.ndim != 1:
        raise GameError(f"{caller}: values of {name!r} must be 1-D; got shape {a.shape}.")
    return a


# ---------------------------------------------------------------------------- chunks (run on workers)
#: Per-process cache: sweep token -> game (which keeps its compiled payoff function).
_GAMES: dict[str, ParametricGame] = {}


def _portable(pgame: ParametricGame) -> ParametricGame:
    """A copy without its compiled (unpicklable) payoff function."""
    c = copy.copy(pgame)
    c._func = None  # noqa: SLF001 - recompiled on the worker
    return c


@dataclass(frozen=True)
class _Task:
    token: str
    pgame: ParametricGame
    points: dict[str, np.ndarray]  # this chunk's points
    start: int
    stop: int
    solver: Any  # "pure" or callable
    tol: float
    measures: tuple[tuple[str, Any], ...]
    keep: bool


def _run_chunk(task: _Task) -> dict[str, Any]:
    pg = _GAMES.get(task.token)
    if pg is None:
        if len(_GAMES) > 8:
            _GAMES.clear()
        # Kept per worker so the game's compiled payoff function serves every chunk.
        pg = _GAMES[task.token] = task.pgame
    try:
        u = pg.batch(**task.points)
    except GameError as err:
        raise GameError(f"sweep: {err}") from None
    B = u.shape[0]
    out: dict[str, Any] = {"measures": {}}
    if task.solver == "pure":
        mask = pure_nash_batch(u, tol=task.tol)
        out["measures"]["n_equilibria"] = mask.reshape(B, -1).sum(axis=1)
        for name, m in task.measures:
            if isinstance(m, tuple):
                out["measures"][name] = mask[(slice(None), *m)].copy()
            else:
                val = np.asarray(m(mask))
                if val.shape[:1] != (B,):
                    raise GameError(
                        f"sweep: measure {name!r} must return one value per point ({B}); got shape {val.shape}."
                    )
                out["measures"][name] = val
        out["equilibria"] = mask if task.keep else None
    else:
        results = []
        for b in range(B):
            game = NormalFormGame(np.ascontiguousarray(u[b]), players=pg.players, strategies=pg.strategies)
            res = task.solver(game)
            if not isinstance(res, EquilibriumResult):
                raise GameError(f"sweep: solver must return an EquilibriumResult; got {type(res).__name__}.")
            results.append(res)
        out["measures"]["n_equilibria"] = np.array([len(r) for r in results], dtype=np.int64)
        for name, m in task.measures:
            if isinstance(m, tuple):
                out["measures"][name] = np.array([any(e.pure_profile == m for e in r) for r in results])
            else:
                out["measures"][name] = np.array([m(r) for r in results])
        out["equilibria"] = tuple(results) if task.keep else None
    return out


# ---------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False)
class SweepResult:
    """Equilibria at every point of a sweep, with summary measures.

    Attributes
    ----------
    parameters : tuple of str
        The parameters varied (the others were at their defaults).
    equilibria : numpy.ndarray, tuple of EquilibriumResult, or None
        For ``solver="pure"``: a boolean array ``(N, s_1, ..., s_n)``,
        ``equilibria[k, a]`` true when profile ``a`` is a pure equilibrium at
        point ``k``. For other solvers: one :class:`EquilibriumResult` per
        point. ``None`` when the sweep ran with ``keep_equilibria=False``.
    measures : mapping
        Name -> array of length ``N``: always ``"n_equilibria"`` (the number
        of equilibria found at each point), plus the user's measures.
    solver : str
        ``"pure"`` or the name of the solver used.
    backend : str
    chunk_size : int
    grid_shape : tuple of int or None
        The axis lengths when the points were a :func:`grid`.
    players, strategies : tuple
        Names, for labels.

    Examples
    --------
    >>> import numpy as np, sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import sweep
    >>> x = sp.Symbol("x")
    >>> pg = gt.ParametricGame([[[x, 0], [1, 1]], [[1, 0], [0, 1]]], parameters={"x": 0})
    >>> res = sweep(pg, {"x": [0.0, 2.0]}, measures={"coop": (0, 0)})
    >>> res.measures["coop"], res.measures["n_equilibria"]
    (array([False,  True]), array([1, 2]))
    """

    parameters: tuple[str, ...]
    equilibria: Any
    measures: Mapping[str, np.ndarray]
    solver: str
    backend: str
    chunk_size: int
    grid_shape: tuple[int, ...] | None = None
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()
    _points: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for v in self.measures.values():
            v.setflags(write=False)
        if isinstance(self.equilibria, np.ndarray):
            self.equilibria.setflags(write=False)
        object.__setattr__(self, "measures", MappingProxyType(dict(self.measures)))

    def __len__(self) -> int:
        return int(next(iter(self.measures.values())).shape[0])

    @property
    def points(self) -> dict[str, np.ndarray]:
        """Parameter name -> values at each point (materialized on access for a grid)."""
        return self._points.to_arrays()

    @property
    def n_equilibria(self) -> np.ndarray:
        """The number of equilibria found at each point."""
        return self.measures["n_equilibria"]

    def is_equilibrium(self, profile: Sequence[int | str]) -> np.ndarray:
        """Boolean array (N,): whether a pure *profile* is an equilibrium at each point.

        Raises
        ------
        GameError
            When the sweep did not keep its equilibria.
        """
        if self.equilibria is None:
            raise GameError("is_equilibrium: this sweep ran with keep_equilibria=False; add the profile to measures.")
        prof = profile_indices(self, profile, "is_equilibrium")  # type: ignore[arg-type]
        if isinstance(self.equilibria, np.ndarray):
            return np.asarray(self.equilibria[(slice(None), *prof)])
        return np.array([any(e.pure_profile == prof for e in r) for r in self.equilibria])

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    def to_pandas(self, *, profiles: bool = False) -> Any:
        """The points and measures as a :class:`pandas.DataFrame` (one row per point).

        Parameters
        ----------
        profiles : bool, default False
            Add one boolean column per pure profile (named by its strategies)
            when the equilibria were kept.

        Raises
        ------
        ImportError
            When pandas is not installed.
        """
        try:
            import pandas as pd
        except ImportError as err:
            raise ImportError(
                "SweepResult.to_pandas() needs pandas; install it with `pip install pandas` "
                "(it is part of gametheory_af's `test` extra)."
            ) from err
        data: dict[str, Any] = dict(self.points)
        for k, v in self.measures.items():
            data[k] = v
        if profiles and self.equilibria is not None:
            for prof in all_profiles(tuple(len(s) for s in self.strategies)):
                data[f"({profile_label(self, prof)})"] = self.is_equilibrium(prof)
        return pd.DataFrame(data)

    def __repr__(self) -> str:
        return (
            f"SweepResult(n_points={len(self)}, parameters={list(self.parameters)}, solver={self.solver!r}, "
            f"backend={self.backend!r}, measures={list(self.measures)})"
        )


# ---------------------------------------------------------------------------- sweep
def _resolve_solver(solver: Any) -> tuple[Any, str]:
    if solver == "pure":
        return "pure", "pure"
    if callable(solver):
        return solver, getattr(solver, "__name__", type(solver).__name__)
    if isinstance(solver, str):
        try:
            from ..solvers.dispatch import nash_equilibria
        except ImportError:
            raise GameError(
                f"sweep: unknown solver {solver!r}; use 'pure' or pass a callable solver(game) -> EquilibriumResult."
            ) from None
        import functools

        return functools.partial(nash_equilibria, method=solver), solver
    raise GameError(f"sweep: solver must be 'pure', a method name or a callable; got {solver!r}.")


def _check_points(pgame: ParametricGame, points: Any) -> Any:
    if isinstance(points, Grid):
        src: Any = points
    elif isinstance(points, Mapping):
        src = _Sample(points)
    else:
        raise GameError(
            f"sweep: points must be a mapping name -> 1-D array or a grid(...); got {type(points).__name__}."
        )
    params = pgame.parameters
    for k in src.names:
        if k not in params:
            raise GameError(f"sweep: unknown parameter {k!r} in points; parameters are {sorted(params)}.")
    arrays = src.axes if isinstance(src, Grid) else src.to_arrays()
    for k, a in arrays.items():
        params[k].check_array(a)
    return src


def sweep(
    pgame: ParametricGame,
    points: Mapping[str, Any] | Grid,
    *,
    solver: str | Callable[[NormalFormGame], EquilibriumResult] = "pure",
    chunk_size: int = 100_000,
    backend: str = "serial",
    progress: bool = False,
    measures: Mapping[str, Any] | None = None,
    client: Any = None,
    n_jobs: int | None = None,
    tol: float = 1e-9,
    keep_equilibria: bool = True,
) -> SweepResult:
    """Equilibria of a parametric game at many parameter points.

    Parameters
    ----------
    pgame : ParametricGame
    points : mapping name -> 1-D array, or Grid
        A sample (equal-length arrays; parameters not given take their
        defaults) or the cartesian product built by :func:`grid`.
    solver : "pure", str or callable, default "pure"
        ``"pure"``: all pure equilibria, vectorized per chunk. A callable
        ``solver(game) -> EquilibriumResult`` (or a method name for
        :func:`gametheory_af.solvers.dispatch.nash_equilibria`, when that
        dispatcher is available) is mapped over the points.
    chunk_size : int, default 100_000
        Points per chunk: the working memory is proportional to it (about
        ``chunk_size * n_players * s_1 * ... * s_n * 8`` bytes for the payoff
        tensors), not to the number of points.
    backend : {"serial", "processes", "dask"}, default "serial"
        Where chunks run (see :mod:`gametheory_af.sensitivity.backends`).
        The result is identical on every backend.
    progress : bool, default False
        Show a :mod:`tqdm` progress bar, advanced per chunk.
    measures : mapping, optional
        Name -> measure, computed per chunk on the workers. A measure is a
        pure profile (strategy indices or names): "is this profile an
        equilibrium"; or a callable. For ``solver="pure"`` a callable receives
        the chunk's boolean equilibrium array ``(B, s_1, ..., s_n)`` and returns
        ``B`` values; for other solvers it receives one
        :class:`EquilibriumResult` and returns one value.
    client : dask.distributed.Client, optional
        For ``backend="dask"``; a local cluster is started (and closed) when omitted.
    n_jobs : int, optional
        Worker processes or local Dask workers.
    tol : float, default 1e-9
        Tolerance of the pure-equilibrium test.
    keep_equilibria : bool, default True
        Keep the per-point equilibrium sets (``N * s_1 * ... * s_n`` bytes for
        pure sweeps); with False only the measures are kept.

    Returns
    -------
    SweepResult

    Raises
    ------
    GameError
        For unknown parameters, values outside bounds, mismatched lengths,
        a bad chunk size, backend, solver or measure.
    ImportError
        For ``progress=True`` without tqdm, or ``backend="dask"`` without dask.

    Notes
    -----
    For pure equilibria each chunk is one call of
    :meth:`ParametricGame.batch` (the payoffs compiled once by
    :func:`sympy.lambdify`) and one of :func:`~gametheory_af.pure_nash_batch`:
    no Python loop over points.
    Chunks are combined in order, so results do not depend on the backend
    or on the chunk size.

    Examples
    --------
    >>> import numpy as np, sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import grid, sweep
    >>> L, c = sp.symbols("L c")
    >>> pg = gt.ParametricGame([[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
    ...                        parameters={"L": 0, "c": 0})
    >>> res = sweep(pg, grid(L=np.linspace(0, 3, 4), c=[0.0, 1.0]), chunk_size=3,
    ...             measures={"top": (0, 0)})
    >>> res.grid_shape, res.measures["top"].reshape(res.grid_shape).astype(int)
    ((4, 2), array([[0, 0],
           [1, 0],
           [1, 1],
           [1, 1]]))
    """
    check_pgame(pgame, "sweep")
    src = _check_points(pgame, points)
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1:
        raise GameError(f"sweep: chunk_size must be a positive int; got {chunk_size!r}.")
    solver_fn, solver_name = _resolve_solver(solver)
    ms: list[tuple[str, Any]] = []
    for name, m in (measures or {}).items():
        if not isinstance(name, str) or name == "n_equilibria":
            raise GameError(f"sweep: measure names must be strings other than 'n_equilibria'; got {name!r}.")
        if callable(m):
            ms.append((name, m))
        else:
            ms.append((name, profile_indices(pgame, m, "sweep", name=f"measures[{name!r}]")))
    n = len(src)
    if n == 0:
        raise GameError("sweep: points are empty.")
    bar = None
    if progress:
        try:
            from tqdm.auto import tqdm
        except ImportError as err:
            raise ImportError(
                "sweep(progress=True) needs tqdm; install it with `pip install gametheory_af[progress]`."
            ) from err
        bar = tqdm(total=n, unit="pt", desc="sweep")
    token = uuid.uuid4().hex
    portable = _portable(pgame) if backend != "serial" else pgame
    bounds = [(s, min(n, s + int(chunk_size))) for s in range(0, n, int(chunk_size))]
    # Generated lazily: the serial and process backends materialize one chunk
    # of points at a time (a few ahead for processes); Dask submits them all.
    tasks = (
        _Task(token, portable, src.chunk(a, b), a, b, solver_fn, tol, tuple(ms), keep_equilibria) for a, b in bounds
    )
    eq: Any = None
    if keep_equilibria and solver_fn == "pure":
        eq = np.empty((n, *pgame.shape), dtype=bool)
    eq_list: list[Any] = []
    meas: dict[str, np.ndarray] = {}

    def advance(r: dict[str, Any]) -> None:
        if bar is not None:
            bar.update(len(r["measures"]["n_equilibria"]))

    try:
        results = run_tasks(_run_chunk, tasks, backend=backend, n_jobs=n_jobs, client=client, on_result=advance)
        for (start, stop), r in zip(bounds, results):
            for k, v in r["measures"].items():
                if k not in meas:
                    meas[k] = np.empty((n, *v.shape[1:]), dtype=v.dtype)
                meas[k][start:stop] = v
            if keep_equilibria:
                if solver_fn == "pure":
                    eq[start:stop] = r["equilibria"]
                else:
                    eq_list.extend(r["equilibria"])
    finally:
        if bar is not None:
            bar.close()
        _GAMES.pop(token, None)
    if keep_equilibria and solver_fn != "pure":
        eq = tuple(eq_list)
    return SweepResult(
        parameters=src.names,
        equilibria=eq,
        measures=meas,
        solver=solver_name,
        backend=backend,
        chunk_size=int(chunk_size),
        grid_shape=src.shape if isinstance(src, Grid) else None,
        players=pgame.players,
        strategies=pgame.strategies,
        _points=src,
    )

