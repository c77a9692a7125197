"""Equilibria over many parameter points: chunked, vectorized, on a chosen backend.

:func:`~gametheory_af.sensitivity.sweep` gathers the whole result in memory (and refuses, before any
work, a result beyond the limits of :func:`gametheory_af.set_limits`);
:func:`iter_sweep` streams it, one :class:`SweepResult` per chunk, so that the
number of points is bounded by nothing but time.
"""

from __future__ import annotations

import copy
import hashlib
import math
import os
import pickle
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._limits import check_bytes, check_count
from .._progress import check_progress, progress_bar
from .._validation import (
    FrozenMapping,
    _short,
    check_bool,
    check_choice,
    check_int,
    check_real,
    check_tol,
    float_array,
)
from ..exceptions import GameError
from ..game import NormalFormGame
from ..parametric import ParametricGame
from ..result import EquilibriumResult, ResultMixin, same_value
from ..solvers.pure import pure_nash_batch
from ._common import all_profiles, check_pgame, profile_indices, profile_label
from .backends import BACKENDS, check_n_jobs, n_workers, run_tasks

__all__ = ["Grid", "grid", "UniformSample", "uniform_sample", "SweepResult", "sweep", "iter_sweep", "default_chunk_size"]

#: Points a grid or sample may have: chunk offsets are int64.
_MAX_POINTS = 2**62


# ---------------------------------------------------------------------------- points
class Grid:
    """The cartesian product of parameter axes, generated chunk by chunk.

    Use :func:`grid` to build one. Points are ordered as by
    :func:`numpy.meshgrid` with ``indexing="ij"`` (the last axis varies
    fastest), and are never all materialized by :func:`~gametheory_af.sensitivity.sweep`.

    Parameters
    ----------
    axes : mapping of str to array_like
        Parameter name -> the values along that axis (non-empty, 1-D).

    Notes
    -----
    An axis of 1,024 values or more that :func:`numpy.linspace` would give
    bit for bit (checked when the grid is built) is sent to the workers of a
    sweep as its two ends, step and length, and they make its values; so a
    task of a sweep on Dask is a range of point indices whatever the grid's
    size.

    Examples
    --------
    >>> from gametheory_af.sensitivity import grid
    >>> g = grid(a=[0.0, 1.0], b=[10.0, 20.0, 30.0])
    >>> len(g), g.shape
    (6, (2, 3))
    >>> g.chunk(1, 4)
    {'a': array([0., 0., 1.]), 'b': array([20., 30., 10.])}
    """

    __slots__ = ("_axes", "_spans")

    def __init__(self, axes: Mapping[str, Any]) -> None:
        if not isinstance(axes, Mapping):
            raise TypeError(f"grid: axes must be a mapping name -> values; got {_short(axes)} ({type(axes).__name__}).")
        if not axes:
            raise GameError("grid: give at least one axis, e.g. grid(leverage=np.linspace(0, 1, 101)).")
        out = {}
        for k, v in axes.items():
            if not isinstance(k, str) or not k:
                raise GameError(f"grid: axis names must be non-empty strings; got {k!r}.")
            a = _float_1d(v, k, "grid")
            if a.size == 0:
                raise GameError(f"grid: axis {k!r} is empty.")
            a.setflags(write=False)
            out[k] = a
        self._axes: dict[str, Any] = out
        self._spans: dict[str, _Span] = {k: sp for k, a in out.items() if (sp := _Span.of(a)) is not None}
        if self.size > _MAX_POINTS:
            raise GameError(f"grid: this grid has {self.size:,} points, beyond the {_MAX_POINTS:,} a sweep can index.")

    @property
    def axes(self) -> dict[str, np.ndarray]:
        """Axis name -> values."""
        return {k: a.values() if isinstance(a, _Span) else a for k, a in self._axes.items()}

    @property
    def names(self) -> tuple[str, ...]:
        """The axis names."""
        return tuple(self._axes)

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of values along each axis."""
        return tuple(a.size for a in self._axes.values())

    @property
    def size(self) -> int:
        """The number of points (an exact Python int)."""
        return math.prod(self.shape)

    def __len__(self) -> int:
        return self.size

    def chunk(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """The points ``start:stop`` as a mapping name -> 1-D array.

        Parameters
        ----------
        start, stop : int
            The point indices, as in a slice.

        Returns
        -------
        dict of str to numpy.ndarray
            One float array of length ``stop - start`` per parameter.

        Raises
        ------
        GameError
            For bounds outside ``0 <= start <= stop <= len(grid)``, or more
            coordinates than the limits ``max_entries``/``max_bytes`` allow.
        """
        start = check_int(start, "start", "Grid.chunk", minimum=0, maximum=self.size)
        stop = check_int(stop, "stop", "Grid.chunk", minimum=start, maximum=self.size)
        check_bytes((stop - start) * len(self._axes), 8, "grid coordinates", "Grid.chunk")
        return self._chunk(start, stop)

    def _chunk(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """:meth:`chunk` without the checks: what a sweep's workers call, on bounds checked once."""
        idx = np.unravel_index(np.arange(start, stop, dtype=np.int64), self.shape)
        return {k: a[i] for (k, a), i in zip(self._axes.items(), idx)}

    def _nbytes(self) -> int:
        """Bytes of this grid's description once pickled (about): 8 per stored axis value."""
        return sum(8 * (1 if isinstance(a, _Span) else a.size) for a in self._axes.values())

    def _compact(self) -> Grid:
        """The same grid, its evenly spaced axes kept as ``(first, step, last, n)`` (what a worker receives)."""
        g = object.__new__(Grid)
        g._axes = {k: self._spans.get(k, a) for k, a in self._axes.items()}
        g._spans = dict(self._spans)
        return g

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Every point (materialized; refused beyond the limits, see :meth:`chunk`).

        Returns
        -------
        dict of str to numpy.ndarray
            One float array of length ``len(grid)`` per parameter.
        """
        return self.chunk(0, self.size)

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, Grid):
            return NotImplemented
        return same_value(self.axes, other.axes) and self.names == other.names

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        if any(isinstance(a, _Span) for a in self._axes.values()):
            return (_compact_grid, (self._axes,))
        return (Grid, (self._axes,))

    def __repr__(self) -> str:
        return f"Grid({', '.join(f'{k}: {a.size}' for k, a in self._axes.items())}; {self.size} points)"


def _compact_grid(axes: dict[str, Any]) -> Grid:
    """Unpickle a compact grid (evenly spaced axes as :class:`_Span`): values are made per chunk."""
    g = object.__new__(Grid)
    g._axes = dict(axes)
    g._spans = {k: a for k, a in axes.items() if isinstance(a, _Span)}
    return g


class _Span:
    """An evenly spaced axis as four numbers, its values made on demand, bit for bit those of the array it stands for.

    ``value[i] = i * step + first`` for ``i < n - 1`` and ``value[n - 1] = last``:
    the formula of :func:`numpy.linspace`. :meth:`of` keeps a span only when
    the formula gives the array back exactly, so a grid built from any
    evenly spaced array (:func:`numpy.linspace` or not) is sent to a sweep's
    workers as a few numbers per axis, not as its values, and they make
    the same values.
    """

    __slots__ = ("first", "step", "last", "size")

    #: Shorter axes are sent as their values.
    MIN_SIZE = 1_024
    #: Values compared at a time by :meth:`of`.
    BLOCK = 1 << 16

    def __init__(self, first: float, step: float, last: float, size: int) -> None:
        self.first, self.step, self.last, self.size = first, step, last, size

    @staticmethod
    def of(a: np.ndarray) -> _Span | None:
        """The span that gives *a* back exactly, or None (short or not evenly spaced, to the bit)."""
        n = a.size
        if n < _Span.MIN_SIZE:
            return None
        first, last = float(a[0]), float(a[-1])
        span = _Span(first, (last - first) / (n - 1), last, n)
        if span.step == 0.0:
            return None
        for lo in range(0, n, _Span.BLOCK):  # in blocks: no temporary the size of the axis
            hi = min(n, lo + _Span.BLOCK)
            if not np.array_equal(span[np.arange(lo, hi, dtype=np.int64)], a[lo:hi]):
                return None
        return span

    def __getitem__(self, i: np.ndarray) -> np.ndarray:
        v = i.astype(np.float64)
        v *= self.step
        v += self.first
        v[i == self.size - 1] = self.last
        return v

    def values(self) -> np.ndarray:
        """Every value (read-only)."""
        v = self[np.arange(self.size, dtype=np.int64)]
        v.setflags(write=False)
        return v

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Span, (self.first, self.step, self.last, self.size))


def grid(**axes: Any) -> Grid:
    """The cartesian product of parameter axes, for :func:`~gametheory_af.sensitivity.sweep`.

    Parameters
    ----------
    **axes : array_like
        Values of each parameter (1-D, finite, at least one).

    Returns
    -------
    Grid
        A lazy product: ``len(grid)`` points, generated per chunk.

    Raises
    ------
    GameError
        For no axis, an empty axis, values that are not finite numbers, an
        axis that is not 1-D, or more than 2**62 points.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_af.sensitivity import grid
    >>> len(grid(leverage=np.linspace(0, 1, 101), cost=[1.0, 2.0]))
    202
    >>> grid(cost=[1.0, float("nan")])
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: grid: values of 'cost' must be finite; found nan at index 1.
    """
    return Grid(axes)


class UniformSample:
    """Points drawn uniformly at random from a box, made chunk by chunk from a seed.

    Use :func:`uniform_sample` to build one. Point ``k`` is made of draws
    ``k * d ... k * d + d - 1`` (``d`` parameters) of one PCG64 stream seeded
    with ``numpy.random.SeedSequence(seed)``: a chunk jumps to its first point
    (:meth:`numpy.random.PCG64.advance`), so the points depend on the seed
    and their index only, not on the chunk size or the backend, and a sweep's
    workers make their chunks from the seed (a task carries no points).

    Parameters
    ----------
    n : int
        The number of points.
    seed : int
        A non-negative integer.
    ranges : mapping of str to (float, float)
        Parameter name -> ``(lo, hi)``, with ``lo < hi``, both finite.

    Examples
    --------
    >>> from gametheory_af.sensitivity.sweep import uniform_sample
    >>> s = uniform_sample(5, seed=1, a=(0.0, 1.0), b=(10.0, 20.0))
    >>> len(s), s.names
    (5, ('a', 'b'))
    >>> s.chunk(1, 3)["b"].round(3)
    array([19.486, 14.233])
    >>> bool((s.chunk(0, 5)["a"][1:3] == s.chunk(1, 3)["a"]).all())  # the same points, whatever the chunk
    True
    """

    __slots__ = ("_n", "_seed", "_ranges")

    def __init__(self, n: int, seed: int, ranges: Mapping[str, Any]) -> None:
        caller = "uniform_sample"
        self._n = check_int(n, "n", caller, minimum=1, maximum=_MAX_POINTS)
        self._seed = check_int(seed, "seed", caller, minimum=0)
        if not isinstance(ranges, Mapping):
            raise TypeError(f"{caller}: ranges must be a mapping name -> (lo, hi); got {_short(ranges)}.")
        if not ranges:
            raise GameError(f"{caller}: give at least one range, e.g. uniform_sample(1000, seed=0, leverage=(0, 2)).")
        out = {}
        for k, r in ranges.items():
            if isinstance(r, (str, bytes)) or not isinstance(r, Sequence) or len(r) != 2:
                raise GameError(f"{caller}: the range of {k!r} must be a pair (lo, hi); got {_short(r)}.")
            lo = check_real(r[0], f"the lower end of {k!r}", caller)
            hi = check_real(r[1], f"the upper end of {k!r}", caller)
            if not lo < hi:
                raise GameError(f"{caller}: the range of {k!r} must have lo < hi; got {tuple(r)!r}.")
            out[k] = (lo, hi)
        self._ranges = out

    @property
    def names(self) -> tuple[str, ...]:
        """The parameter names."""
        return tuple(self._ranges)

    @property
    def ranges(self) -> dict[str, tuple[float, float]]:
        """Parameter name -> ``(lo, hi)``."""
        return dict(self._ranges)

    @property
    def seed(self) -> int:
        """The seed of the random stream."""
        return self._seed

    @property
    def size(self) -> int:
        """The number of points."""
        return self._n

    def __len__(self) -> int:
        return self._n

    def chunk(self, start: int, stop: int) -> dict[str, np.ndarray]:
        """The points ``start:stop`` as a mapping name -> 1-D array.

        Parameters
        ----------
        start, stop : int
            The point indices, as in a slice.

        Returns
        -------
        dict of str to numpy.ndarray

        Raises
        ------
        GameError
            For bounds outside ``0 <= start <= stop <= len(sample)``, or more
            coordinates than the limits ``max_entries``/``max_bytes`` allow.
        """
        start = check_int(start, "start", "UniformSample.chunk", minimum=0, maximum=self._n)
        stop = check_int(stop, "stop", "UniformSample.chunk", minimum=start, maximum=self._n)
        check_bytes((stop - start) * len(self._ranges), 8, "sample coordinates", "UniformSample.chunk")
        return self._chunk(start, stop)

    def _chunk(self, start: int, stop: int) -> dict[str, np.ndarray]:
        d = len(self._ranges)
        bits = np.random.PCG64(np.random.SeedSequence(self._seed))
        bits.advance(start * d)  # one 64-bit draw per float64 of Generator.random
        u = np.random.Generator(bits).random((stop - start, d))
        return {k: lo + u[:, j] * (hi - lo) for j, (k, (lo, hi)) in enumerate(self._ranges.items())}

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Every point (materialized; refused beyond the limits, see :meth:`chunk`).

        Returns
        -------
        dict of str to numpy.ndarray
            One float array of length ``len(sample)`` per parameter.
        """
        return self.chunk(0, self._n)

    def _nbytes(self) -> int:
        return 8 * (2 + 2 * len(self._ranges))

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, UniformSample):
            return NotImplemented
        return (self._n, self._seed, list(self._ranges.items())) == (other._n, other._seed, list(other._ranges.items()))

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (UniformSample, (self._n, self._seed, self._ranges))

    def __repr__(self) -> str:
        box = ", ".join(f"{k}: [{lo!r}, {hi!r})" for k, (lo, hi) in self._ranges.items())
        return f"UniformSample({self._n} points; {box}; seed={self._seed})"


def uniform_sample(n: int, *, seed: int, **ranges: Any) -> UniformSample:
    """*n* points drawn uniformly from a box, for :func:`~gametheory_af.sensitivity.sweep`: made per chunk from *seed*, on the workers.

    Parameters
    ----------
    n : int
        The number of points (>= 1).
    seed : int
        A non-negative integer: the same seed gives the same points.
    **ranges : (float, float)
        The range ``(lo, hi)`` of each parameter (finite, ``lo < hi``).

    Returns
    -------
    UniformSample
        A lazy sample: chunk ``start:stop`` is made on demand, the same
        whatever the chunking (see :class:`UniformSample`).

    Raises
    ------
    GameError
        For ``n < 1``, a negative seed, no range, or a range that is not a
        pair of finite numbers with ``lo < hi``.
    TypeError
        For a *n* or *seed* that is not an integer.

    Examples
    --------
    >>> import numpy as np, sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity.sweep import sweep, uniform_sample
    >>> x = sp.Symbol("x")
    >>> pg = gt.ParametricGame([[[x, 0], [1, 1]], [[1, 0], [0, 1]]], parameters={"x": 0})
    >>> s = uniform_sample(1_000, seed=7, x=(0.0, 2.0))
    >>> res = sweep(pg, s, chunk_size=256)
    >>> bool(np.array_equal(res.n_equilibria, 1 + (res.points["x"] >= 1)))  # (0, 0) an equilibrium when x >= 1
    True
    >>> uniform_sample(10, seed=0, x=(1.0, 1.0))
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: uniform_sample: the range of 'x' must have lo < hi; got (1.0, 1.0).
    """
    return UniformSample(n, seed, ranges)


class _Sample:
    """Equal-length 1-D arrays of parameter values (a sample)."""

    __slots__ = ("_cols", "_n")

    def __init__(self, points: Mapping[str, Any], caller: str = "sweep") -> None:
        if not points:
            raise GameError(f"{caller}: points must name at least one parameter.")
        cols = {}
        for k, v in points.items():
            if not isinstance(k, str):
                raise GameError(f"{caller}: points must be keyed by parameter names; got key {k!r}.")
            cols[k] = _float_1d(v, k, caller)
        lengths = {k: a.size for k, a in cols.items()}
        if len(set(lengths.values())) != 1:
            raise GameError(f"{caller}: point arrays must have one common length; got {lengths}.")
        self._cols = cols
        self._n = next(iter(lengths.values()))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._cols)

    @property
    def size(self) -> int:
        return int(self._n)

    def __len__(self) -> int:
        return int(self._n)

    def chunk(self, start: int, stop: int) -> dict[str, np.ndarray]:
        return {k: a[start:stop] for k, a in self._cols.items()}

    _chunk = chunk

    def _nbytes(self) -> int:
        return 8 * self._n * len(self._cols)

    def to_arrays(self) -> dict[str, np.ndarray]:
        return dict(self._cols)

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, _Sample):
            return NotImplemented
        return self.names == other.names and same_value(self._cols, other._cols)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Sample, (self._cols,))


def _float_1d(v: Any, name: str, caller: str) -> np.ndarray:
    """A finite 1-D float64 array, or a GameError naming the axis and the offending value."""
    if isinstance(v, (str, bytes)):
        raise GameError(f"{caller}: values of {name!r} must be numbers; got {_short(v)}.")
    try:
        a = float_array(v, f"values of {name!r}", caller)
    except GameError:
        raise GameError(f"{caller}: values of {name!r} must be numbers; got {_short(v)}.") from None
    if a.ndim != 1:
        raise GameError(f"{caller}: values of {name!r} must be 1-D; got shape {a.shape}.")
    bad = ~np.isfinite(a)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise GameError(f"{caller}: values of {name!r} must be finite; found {float(a[i])!r} at index {i}.")
    return a


# ---------------------------------------------------------------------------- chunk size
#: Bytes of payoffs per chunk aimed at by :func:`default_chunk_size` (within a typical L2/L3 cache).
_CHUNK_BYTES = 2**22
#: Bounds of the default chunk size.
_MIN_CHUNK, _MAX_CHUNK = 1_024, 100_000


def default_chunk_size(pgame: ParametricGame) -> int:
    """The chunk size a sweep of *pgame* uses when none is given.

    A power of two near ``4 MiB / (8 * n_players * s_1 * ... * s_n)`` points,
    so that one chunk's payoff tensors (and the temporaries of their
    evaluation, one float per point each) stay in the processor's cache;
    kept within 1,024 and 100,000 points (one point at a time for a game
    whose single payoff tensor exceeds 4 MiB).

    Parameters
    ----------
    pgame : ParametricGame

    Returns
    -------
    int
        Points per chunk.

    Raises
    ------
    TypeError
        When *pgame* is not a :class:`~gametheory_af.ParametricGame`.

    Examples
    --------
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity.sweep import default_chunk_size
    >>> x = sp.Symbol("x")
    >>> pg = gt.ParametricGame([[[x, 0], [1, 1]], [[1, 0], [0, 1]]], parameters={"x": 0})
    >>> default_chunk_size(pg)  # 8 payoffs of 8 bytes a point: 2**22 / 64 = 65,536
    65536
    """
    check_pgame(pgame, "default_chunk_size")
    per_point = 8 * pgame.n_players * math.prod(pgame.shape)
    if per_point > _CHUNK_BYTES:
        return 1
    size = 1 << ((_CHUNK_BYTES // per_point).bit_length() - 1)  # largest power of two that fits
    return max(_MIN_CHUNK, min(_MAX_CHUNK, size))


# ---------------------------------------------------------------------------- chunks (run on workers)
#: Per-process cache: sweep token or game key -> game (which keeps its compiled payoff function).
_GAMES: dict[str, ParametricGame] = {}


def _portable(pgame: ParametricGame) -> ParametricGame:
    """A copy without its compiled (unpicklable) payoff function."""
    c = copy.copy(pgame)
    c._func = None  # noqa: SLF001 - recompiled on the worker
    return c


@dataclass(frozen=True)
class _Spec:
    """What every chunk of a sweep shares: sent once to each worker (Dask) or with each task (processes)."""

    token: str
    pgame: ParametricGame
    source: Any  # the points' description (a compact Grid, ...), or None when each task carries its points
    solver: Any  # "pure" or callable
    tol: float
    measures: tuple[tuple[str, Any], ...]
    keep: bool


@dataclass(frozen=True)
class _Task:
    """Consecutive chunks: their point range, and their points only when the spec has no source to make them from."""

    start: int
    stop: int
    points: dict[str, np.ndarray] | None = None
    chunk_size: int = 0  # 0: one chunk


#: Points per task on the process and Dask backends for ``solver="pure"``: a task runs
#: several cache-sized chunks one after the other, so that the backend's cost per task
#: (scheduling, a round trip, tens of milliseconds on a busy machine) is paid once per
#: half a million points, not once per chunk of a few milliseconds.
_TASK_POINTS = 2**19


def _run_chunks(spec: _Spec, task: _Task) -> list[dict[str, Any]]:
    """:func:`_run_chunk` over the chunks of *task*, in order (what a worker runs)."""
    size = task.chunk_size or task.stop - task.start
    out = []
    for a in range(task.start, task.stop, size):
        b = min(task.stop, a + size)
        pts = None if task.points is None else {k: v[a - task.start : b - task.start] for k, v in task.points.items()}
        out.append(_run_chunk(spec, _Task(a, b, pts)))
    return out


def _run_chunk(spec: _Spec, task: _Task) -> dict[str, Any]:
    pg = _GAMES.get(spec.token)
    if pg is None:
        if len(_GAMES) > 8:
            _GAMES.clear()
        # Kept per worker so the game's compiled payoff function serves every chunk.
        pg = _GAMES[spec.token] = spec.pgame
    B = task.stop - task.start
    # The points were checked (types, finiteness, bounds) once, before the first chunk: the
    # chunk's points are made here, on the worker, from the sweep's description of them.
    points = task.points if task.points is not None else spec.source._chunk(task.start, task.stop)  # noqa: SLF001
    try:
        u = pg._evaluate(points, B)  # noqa: SLF001 - batch() without re-checking
    except GameError as err:
        raise GameError(f"sweep: {err}") from None
    out: dict[str, Any] = {"measures": {}}
    if spec.solver == "pure":
        # _evaluate refused non-finite payoffs: no second scan of the chunk.
        mask = pure_nash_batch(u, tol=spec.tol, check_finite=False)
        out["measures"]["n_equilibria"] = mask.reshape(B, -1).sum(axis=1)
        for name, m in spec.measures:
            if isinstance(m, tuple):
                out["measures"][name] = mask[(slice(None), *m)].copy()
            else:
                val = np.asarray(m(mask))
                if val.shape[:1] != (B,):
                    raise GameError(
                        f"sweep: measure {name!r} must return one value per point ({B}); got shape {val.shape}."
                    )
                out["measures"][name] = val
        out["equilibria"] = mask if spec.keep else None
    else:
        results = []
        for b in range(B):
            game = NormalFormGame(np.ascontiguousarray(u[b]), players=pg.players, strategies=pg.strategies)
            res = spec.solver(game)
            if not isinstance(res, EquilibriumResult):
                raise GameError(f"sweep: solver must return an EquilibriumResult; got {type(res).__name__}.")
            results.append(res)
        out["measures"]["n_equilibria"] = np.array([len(r) for r in results], dtype=np.int64)
        for name, m in spec.measures:
            if isinstance(m, tuple):
                out["measures"][name] = np.array([any(e.pure_profile == m for e in r) for r in results])
            else:
                out["measures"][name] = np.array([m(r) for r in results])
        out["equilibria"] = tuple(results) if spec.keep else None
    return out


# ---------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False)
class SweepResult(ResultMixin):
    """Equilibria at every point of a sweep (or of one chunk of it), with summary measures.

    Parameters
    ----------
    parameters, equilibria, measures, solver, backend, chunk_size : see Attributes
    grid_shape, players, strategies, start : see Attributes
        Each sets the attribute of the same name.
    _points : object, optional
        Internal: the sweep's points, read by :attr:`points`.

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
        The axis lengths when the points were a :func:`grid` (``None`` for
        the chunks of :func:`iter_sweep`).
    players, strategies : tuple
        Names, for labels.
    start : int
        The index of this result's first point in the whole sweep: 0 for
        :func:`~gametheory_af.sensitivity.sweep`, the chunk's offset for :func:`iter_sweep`.

    Results compare by value (``==``) and pickle.

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
    start: int = 0
    _points: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for v in self.measures.values():
            v.setflags(write=False)
        if isinstance(self.equilibria, np.ndarray):
            self.equilibria.setflags(write=False)
        object.__setattr__(self, "measures", FrozenMapping(self.measures))

    def __len__(self) -> int:
        return int(next(iter(self.measures.values())).shape[0])

    @property
    def points(self) -> dict[str, np.ndarray]:
        """Parameter name -> values at each point (materialized on access for a grid, within the limits)."""
        points: dict[str, np.ndarray] = self._points.to_arrays()
        return points

    @property
    def n_equilibria(self) -> np.ndarray:
        """The number of equilibria found at each point."""
        return self.measures["n_equilibria"]

    def is_equilibrium(self, profile: Sequence[int | str]) -> np.ndarray:
        """Boolean array (N,): whether a pure *profile* is an equilibrium at each point.

        Parameters
        ----------
        profile : sequence of int or str
            One pure strategy per player (indices or names).

        Returns
        -------
        numpy.ndarray
            Boolean array of shape ``(N,)``, one entry per point.

        Raises
        ------
        GameError
            When the sweep did not keep its equilibria, or for a bad profile.
        """
        if self.equilibria is None:
            raise GameError("is_equilibrium: this sweep ran with keep_equilibria=False; add the profile to measures.")
        prof = profile_indices(self, profile, "is_equilibrium")  # type: ignore[arg-type]
        if isinstance(self.equilibria, np.ndarray):
            key: tuple[Any, ...] = (slice(None), *prof)
            return np.asarray(self.equilibria[key])
        return np.array([any(e.pure_profile == prof for e in r) for r in self.equilibria])

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of strategies of each player (for profile checks)."""
        return tuple(len(s) for s in self.strategies)

    def to_pandas(self, *, profiles: bool = False) -> Any:
        """The points and measures as a :class:`pandas.DataFrame` (one row per point).

        Parameters
        ----------
        profiles : bool, default False
            Add one boolean column per pure profile (named by its strategies)
            when the equilibria were kept.

        Returns
        -------
        pandas.DataFrame
            One row per point.

        Raises
        ------
        TypeError
            When *profiles* is not a bool.
        ImportError
            When pandas is not installed.
        """
        check_bool(profiles, "profiles", "SweepResult.to_pandas")
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
        at = f", start={self.start}" if self.start else ""
        return (
            f"SweepResult(n_points={len(self)}, parameters={list(self.parameters)}, solver={self.solver!r}, "
            f"backend={self.backend!r}, measures={list(self.measures)}{at})"
        )


# ---------------------------------------------------------------------------- sweep
def _resolve_solver(solver: Any, caller: str) -> tuple[Any, str]:
    if isinstance(solver, str) and solver == "pure":
        return "pure", "pure"
    if callable(solver):
        return solver, getattr(solver, "__name__", type(solver).__name__)
    if isinstance(solver, str):
        try:
            from ..solvers.dispatch import METHODS, nash_equilibria
        except ImportError:
            raise GameError(
                f"{caller}: unknown solver {solver!r}; use 'pure' or pass a callable solver(game) -> EquilibriumResult."
            ) from None
        import functools

        check_choice(solver, ("pure", "auto", *METHODS), "solver", caller)
        return functools.partial(nash_equilibria, method=solver), solver
    raise TypeError(f"{caller}: solver must be 'pure', a method name or a callable; got {_short(solver)}.")


def _check_points(pgame: ParametricGame, points: Any, caller: str) -> Any:
    if isinstance(points, (Grid, UniformSample)):
        src: Any = points
    elif isinstance(points, Mapping):
        src = _Sample(points, caller)
    else:
        raise GameError(
            f"{caller}: points must be a mapping name -> 1-D array, a grid(...) or a uniform_sample(...); "
            f"got {type(points).__name__}."
        )
    params = pgame.parameters
    for k in src.names:
        if k not in params:
            raise GameError(f"{caller}: unknown parameter {k!r} in points; parameters are {sorted(params)}.")
    if isinstance(src, Grid):
        arrays = src.axes
    elif isinstance(src, UniformSample):
        arrays = {k: np.array(r) for k, r in src.ranges.items()}  # the box's corners bound every point
    else:
        arrays = src.to_arrays()
    for k, a in arrays.items():
        try:
            params[k].check_array(a)
        except GameError as err:
            raise GameError(f"{caller}: points[{k!r}]: {err}") from None
    return src


@dataclass
class _Plan:
    """A checked sweep, ready to run."""

    pgame: ParametricGame
    src: Any
    n: int
    solver_fn: Any
    solver_name: str
    chunk_size: int
    backend: str
    progress: bool
    measures: tuple[tuple[str, Any], ...]
    client: Any
    n_jobs: int | None
    tol: float
    keep: bool


def _prepare(
    caller: str,
    pgame: Any,
    points: Any,
    solver: Any,
    chunk_size: Any,
    backend: Any,
    progress: Any,
    measures: Any,
    client: Any,
    n_jobs: Any,
    tol: Any,
    keep_equilibria: Any,
) -> _Plan:
    """Check every argument of a sweep (and its chunk's working memory) before any work."""
    check_pgame(pgame, caller)
    src = _check_points(pgame, points, caller)
    chunk = default_chunk_size(pgame) if chunk_size is None else check_int(chunk_size, "chunk_size", caller, minimum=1)
    backend = check_choice(backend, BACKENDS, "backend", caller)
    if client is not None and backend != "dask":
        raise GameError(f"{caller}: client= is only used with backend='dask'; got backend={backend!r}.")
    n_jobs = check_n_jobs(n_jobs, caller)
    progress = check_progress(progress, caller)
    keep = check_bool(keep_equilibria, "keep_equilibria", caller)
    tol = check_tol(tol, caller)
    solver_fn, solver_name = _resolve_solver(solver, caller)
    if measures is not None and not isinstance(measures, Mapping):
        raise TypeError(f"{caller}: measures must be a mapping name -> profile or callable; got {_short(measures)}.")
    ms: list[tuple[str, Any]] = []
    for name, m in (measures or {}).items():
        if not isinstance(name, str) or name == "n_equilibria":
            raise GameError(f"{caller}: measure names must be strings other than 'n_equilibria'; got {name!r}.")
        if callable(m):
            ms.append((name, m))
        else:
            ms.append((name, profile_indices(pgame, m, caller, name=f"measures[{name!r}]")))
    n = src.size
    if n == 0:
        raise GameError(f"{caller}: points are empty.")
    per_point = pgame.n_players * math.prod(pgame.shape)
    try:
        check_bytes(min(chunk, n) * per_point, 8, "payoff entries in one chunk (chunk_size x players x profiles)", caller)
        check_bytes(min(chunk, n) * len(src.names), 8, "point coordinates in one chunk", caller)
    except GameError as err:
        raise GameError(f"{err} Or lower chunk_size (got {chunk:,}).") from None
    return _Plan(pgame, src, n, solver_fn, solver_name, chunk, backend, progress, tuple(ms), client, n_jobs, tol, keep)


def _check_total(plan: _Plan, caller: str) -> None:
    """Refuse an in-memory result beyond the limits, pointing to the streamed sweep."""
    hint = " Or stream it: iter_sweep(...) takes the same arguments and yields one result per chunk."
    try:
        check_bytes(plan.n * (1 + len(plan.measures)), 8, "measure values, one per point and measure", caller)
    except GameError as err:
        raise GameError(f"{err}{hint}") from None
    hint = hint[:-1] + ", or pass keep_equilibria=False to keep only the measures."
    try:
        if plan.keep and plan.solver_fn == "pure":
            check_bytes(plan.n * math.prod(plan.pgame.shape), 1, "equilibrium flags, one per point and profile", caller)
        elif plan.keep:
            check_count(plan.n, "max_calls", "EquilibriumResult objects kept in memory, one per point", caller)
    except GameError as err:
        raise GameError(f"{err}{hint}") from None


def _chunks_per_task(plan: _Plan) -> int:
    """Chunks per task: 1 serially and for per-point solvers; else up to :data:`_TASK_POINTS` points,
    keeping at least four tasks per worker (for balance)."""
    if plan.backend == "serial" or plan.solver_fn != "pure":
        return 1
    n_chunks = -(-plan.n // plan.chunk_size)
    workers = n_workers(plan.backend, plan.n_jobs, plan.client)
    return max(1, min(_TASK_POINTS // plan.chunk_size, -(-n_chunks // (4 * workers))))


def _stream(plan: _Plan) -> Iterator[tuple[int, int, dict[str, Any]]]:
    """Run the plan's chunks on its backend; yield ``(start, stop, chunk result)`` in order."""
    n, size = plan.n, plan.chunk_size
    bar = progress_bar(plan.progress, "sweep", n, unit="pt")
    token = uuid.uuid4().hex
    src = plan.src
    if plan.backend == "serial":
        spec = _Spec(token, plan.pgame, src, plan.solver_fn, plan.tol, plan.measures, plan.keep)
    else:
        # Tasks are a point range each, and the workers make the chunk's points from the
        # description of them in the spec (sent once to each Dask worker), so what a task
        # carries does not grow with the sweep. Points given one by one (a sample) are
        # sent with their task, by Dask, and by the process backend (which has no way to
        # send data once) unless they take less room than one task's points.
        compact = src._compact() if isinstance(src, Grid) else src  # noqa: SLF001
        task_bytes = 8 * min(n, size * _chunks_per_task(plan)) * len(src.names)
        small = compact._nbytes() <= task_bytes  # noqa: SLF001
        shared = small if plan.backend == "processes" else not isinstance(src, _Sample)
        portable = _portable(plan.pgame)
        # Keyed by the game's pickle: a worker keeps the compiled payoffs of a game from one
        # sweep to the next (compiling the flagship takes about 0.2 s per worker).
        try:
            token = "game-" + hashlib.sha256(pickle.dumps(portable)).hexdigest()
        except Exception:  # pragma: no cover - a game pickle cannot take (cloudpickle may): keyed by the sweep
            pass
        spec = _Spec(token, portable, compact if shared else None, plan.solver_fn, plan.tol, plan.measures, plan.keep)
    ship = spec.source is None
    step = size * _chunks_per_task(plan)
    # Generated lazily: every backend holds only a few tasks at a time (the process
    # and Dask backends keep a bounded number in flight).
    tasks = (
        _Task(a, min(n, a + step), src._chunk(a, min(n, a + step)) if ship else None, size)  # noqa: SLF001
        for a in range(0, n, step)
    )

    def advance(rs: list[dict[str, Any]]) -> None:
        bar.update(sum(len(r["measures"]["n_equilibria"]) for r in rs))

    results = run_tasks(
        _run_chunks, tasks, backend=plan.backend, n_jobs=plan.n_jobs, client=plan.client, on_result=advance,
        shared=spec,
    )
    try:
        a = 0
        for rs in results:  # to its end, so that the backend releases what it sent (and its own cluster) now
            for r in rs:
                yield a, min(n, a + size), r
                a += size
    finally:
        results.close()  # when the caller stops early (iter_sweep closed)
        bar.close()
        _GAMES.pop(token, None)  # in this process (a local Dask cluster's threads share it)


_SWEEP_PARAMETERS = """
    Parameters
    ----------
    pgame : ParametricGame
    points : mapping name -> 1-D array, Grid or UniformSample
        A sample (equal-length arrays of finite values within the parameters'
        bounds; parameters not given take their defaults), the cartesian
        product built by :func:`grid`, or a random sample made from a seed
        by :func:`uniform_sample`. The workers of the process and Dask
        backends make a grid's or a seeded sample's points themselves (a
        task is a range of point indices); arrays given point by point
        travel with their tasks.
    solver : "pure", str or callable, default "pure"
        ``"pure"``: all pure equilibria, vectorized per chunk. A callable
        ``solver(game) -> EquilibriumResult`` (or a method name of
        :func:`gametheory_af.solvers.dispatch.nash_equilibria`) is mapped
        over the points.
    chunk_size : int, optional
        Points per chunk (>= 1): the working memory is proportional to it
        (about ``chunk_size * n_players * s_1 * ... * s_n * 8`` bytes for the
        payoff tensors), not to the number of points. By default
        :func:`default_chunk_size`: a chunk's payoffs fill about 4 MiB, so that
        they stay in the processor's cache (8,192 points for a game of four
        players with two strategies each).
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
        Worker processes or local Dask workers (a positive int, or -1 for all CPUs).
    tol : float, default 1e-9
        Tolerance of the pure-equilibrium test (finite, >= 0).
    keep_equilibria : bool, default True
        Keep the per-point equilibrium sets (``N * s_1 * ... * s_n`` bytes for
        pure sweeps); with False only the measures are kept.
"""


def sweep(
    pgame: ParametricGame,
    points: Mapping[str, Any] | Grid,
    *,
    solver: str | Callable[[NormalFormGame], EquilibriumResult] = "pure",
    chunk_size: int | None = None,
    backend: str = "serial",
    progress: bool = False,
    measures: Mapping[str, Any] | None = None,
    client: Any = None,
    n_jobs: int | None = None,
    tol: float = 1e-9,
    keep_equilibria: bool = True,
    out: str | os.PathLike[str] | None = None,
) -> SweepResult:
    """Equilibria of a parametric game at many parameter points, gathered in memory or on disk.
    {parameters}    out : str or path-like, optional
        A new (or empty) directory: each chunk is written there as it is
        done, into one ``.npy`` file per array (``numpy.lib.format``) with
        an ``index.json`` describing them, and the result's arrays are
        read-only memory maps of these files, read lazily (reopen it later
        with :func:`load_sweep`). The number of points is then bounded by the
        disk, not by the limits on memory. Only arrays can be stored:
        with a solver other than ``"pure"``, pass ``keep_equilibria=False``.

    Returns
    -------
    SweepResult

    Raises
    ------
    GameError
        For unknown parameters, values that are not finite or outside bounds,
        mismatched lengths, a bad chunk size, backend, solver or measure,
        before any work. Also before any work, when the result would exceed the
        limits (:func:`gametheory_af.set_limits`): ``N * s_1 * ... * s_n``
        equilibrium flags (1 byte each, when kept) or ``N`` values of each
        measure (8 bytes each) beyond ``max_entries`` or ``max_bytes``;
        ``N`` kept :class:`EquilibriumResult` objects beyond ``max_calls``
        (other solvers); or one chunk's payoffs,
        ``chunk_size * n_players * s_1 * ... * s_n`` floats, beyond
        ``max_entries``/``max_bytes``. Stream a larger sweep with
        :func:`iter_sweep`, or write it to disk with ``out=``. With ``out=``:
        a path that is a file or a directory holding files, per-point
        EquilibriumResult objects to store, or more bytes than the disk has free.
    TypeError
        For arguments of the wrong type (``progress="yes"``, ``chunk_size=2.5``, ...).
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
    ...                        parameters={{"L": 0, "c": 0}})
    >>> res = sweep(pg, grid(L=np.linspace(0, 3, 4), c=[0.0, 1.0]), chunk_size=3,
    ...             measures={{"top": (0, 0)}})
    >>> res.grid_shape, res.measures["top"].reshape(res.grid_shape).astype(int)
    ((4, 2), array([[0, 0],
           [1, 0],
           [1, 1],
           [1, 1]]))

    A billion points do not fit in memory; the sweep says so before starting:

    >>> sweep(pg, grid(L=np.linspace(0, 3, 10**5), c=np.linspace(0, 1, 10**4)))
    Traceback (most recent call last):
    ...
    gametheory_af.exceptions.GameError: sweep: this asks for 1,000,000,000 measure values, one per point and measure (8,000,000,000 bytes), over the limit max_entries=100,000,000; raise it with gametheory_af.set_limits(max_entries=...) if you mean it. Or stream it: iter_sweep(...) takes the same arguments and yields one result per chunk.
    """
    caller = "sweep"
    plan = _prepare(caller, pgame, points, solver, chunk_size, backend, progress, measures, client, n_jobs, tol,
                    keep_equilibria)
    from .store import _Store  # the on-disk store reads results back as SweepResult

    store = None if out is None else _Store.create(out, plan, caller)
    if store is None:
        _check_total(plan, caller)
    n = plan.n

    def new_array(key: str, shape: tuple[int, ...], dtype: Any) -> np.ndarray:
        return np.empty(shape, dtype=dtype) if store is None else store.array(key, shape, dtype)

    eq: Any = None
    if plan.keep and plan.solver_fn == "pure":
        eq = new_array("equilibria", (n, *plan.pgame.shape), bool)
    eq_list: list[Any] = []
    meas: dict[str, np.ndarray] = {}
    for start, stop, r in _stream(plan):
        for k, v in r["measures"].items():
            if k not in meas:
                meas[k] = new_array(f"measures/{k}", (n, *v.shape[1:]), v.dtype)
            meas[k][start:stop] = v
        if plan.keep:
            if plan.solver_fn == "pure":
                eq[start:stop] = r["equilibria"]
            else:
                eq_list.extend(r["equilibria"])
        if store is not None:
            store.flush()
    if plan.keep and plan.solver_fn != "pure":
        eq = tuple(eq_list)
    src = plan.src
    if store is not None:
        del eq, meas
        return store.finish(plan)
    return SweepResult(
        parameters=src.names,
        equilibria=eq,
        measures=meas,
        solver=plan.solver_name,
        backend=plan.backend,
        chunk_size=plan.chunk_size,
        grid_shape=src.shape if isinstance(src, Grid) else None,
        players=plan.pgame.players,
        strategies=plan.pgame.strategies,
        _points=src,
    )


def iter_sweep(
    pgame: ParametricGame,
    points: Mapping[str, Any] | Grid,
    *,
    solver: str | Callable[[NormalFormGame], EquilibriumResult] = "pure",
    chunk_size: int | None = None,
    backend: str = "serial",
    progress: bool = False,
    measures: Mapping[str, Any] | None = None,
    client: Any = None,
    n_jobs: int | None = None,
    tol: float = 1e-9,
    keep_equilibria: bool = True,
) -> Iterator[SweepResult]:
    """Equilibria of a parametric game at many parameter points, streamed one chunk at a time.

    The same arguments and the same answers as :func:`~gametheory_af.sensitivity.sweep`, but nothing is
    gathered: each chunk's :class:`SweepResult` is yielded as it is done (in
    order), so memory is bounded by the chunk, not by the number of points.
    {parameters}
    Returns
    -------
    iterator of SweepResult
        One per chunk of ``chunk_size`` points (the last may be shorter);
        ``result.start`` is the index of its first point in the whole sweep.
        Concatenating the chunks' arrays gives :func:`~gametheory_af.sensitivity.sweep`'s result exactly.

    Raises
    ------
    GameError
        As :func:`~gametheory_af.sensitivity.sweep`, at the call (before the first chunk is computed),
        except that the total size of the result is not limited; one chunk's
        payoffs (``chunk_size * n_players * s_1 * ... * s_n`` floats) must
        still fit ``max_entries``/``max_bytes``.
    TypeError
        For arguments of the wrong type.
    ImportError
        For ``progress=True`` without tqdm, or ``backend="dask"`` without dask.

    Examples
    --------
    >>> import numpy as np, sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import grid, iter_sweep, sweep
    >>> L, c = sp.symbols("L c")
    >>> pg = gt.ParametricGame([[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
    ...                        parameters={{"L": 0, "c": 0}})
    >>> g = grid(L=np.linspace(0, 3, 4), c=[0.0, 1.0])
    >>> total = 0
    >>> for part in iter_sweep(pg, g, chunk_size=3, keep_equilibria=False):
    ...     total += int(part.n_equilibria.sum())
    ...     print(part.start, len(part))
    0 3
    3 3
    6 2
    >>> total == int(sweep(pg, g).n_equilibria.sum())
    True
    """
    caller = "iter_sweep"
    plan = _prepare(caller, pgame, points, solver, chunk_size, backend, progress, measures, client, n_jobs, tol,
                    keep_equilibria)
    return _iter_results(plan)


def _iter_results(plan: _Plan) -> Iterator[SweepResult]:
    src = plan.src
    for start, stop, r in _stream(plan):
        eq = r["equilibria"] if plan.keep else None
        yield SweepResult(
            parameters=src.names,
            equilibria=eq,
            measures=r["measures"],
            solver=plan.solver_name,
            backend=plan.backend,
            chunk_size=plan.chunk_size,
            grid_shape=None,
            players=plan.pgame.players,
            strategies=plan.pgame.strategies,
            start=start,
            _points=_Sample(src.chunk(start, stop), "iter_sweep"),
        )


sweep.__doc__ = sweep.__doc__.format(parameters=_SWEEP_PARAMETERS)  # type: ignore[union-attr]
iter_sweep.__doc__ = iter_sweep.__doc__.format(parameters=_SWEEP_PARAMETERS)  # type: ignore[union-attr]


def __getattr__(name: str) -> Any:
    # load_sweep lived here before the on-disk store moved to store.py; still importable from here.
    if name == "load_sweep":
        from .store import load_sweep

        return load_sweep
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
