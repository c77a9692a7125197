"""Two-parameter equilibrium maps: where each set of pure equilibria holds in a plane of parameters."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy as sp

from .._limits import check_bytes
from .._progress import NO_BAR, Bar, check_progress, progress_bar
from .._validation import FrozenMapping, _short, check_int
from ..exceptions import GameError
from ..parametric import ParametricGame
from ..result import ResultMixin, require_pandas
from ..solvers.pure import pure_nash_batch
from ._common import (
    all_profiles,
    check_parameter,
    check_pgame,
    exact_value,
    profile_indices,
    profile_label,
    resolve_fixed,
    resolve_range,
)
from .thresholds import EquilibriumCondition, _check_conditions, equilibrium_conditions

__all__ = ["RegionBoundary", "RegionsResult", "regions"]


# ---------------------------------------------------------------------------- 2-D regions
@dataclass(frozen=True, eq=False)
class RegionBoundary(ResultMixin):
    """One exact boundary curve of a 2-D equilibrium map.

    Parameters
    ----------
    expression, solved_for, solutions, conditions : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    expression : sympy.Expr
        The curve is ``expression == 0`` (an implicit equation in the two
        parameters, with the others at their fixed values).
    solved_for : str or None
        ``"y"`` when the curve was solved as ``y = f(x)``, ``"x"`` when it is
        ``x = f(y)`` (for instance a vertical line), ``None`` when sympy could
        not solve it (the implicit form is then the exact answer).
    solutions : tuple of sympy.Expr
        The explicit branches (``y`` as functions of ``x``, or the reverse).
    conditions : tuple of EquilibriumCondition
        The equilibrium conditions this curve bounds (one per profile).
    """

    expression: sp.Expr
    solved_for: str | None
    solutions: tuple[sp.Expr, ...]
    conditions: tuple[EquilibriumCondition, ...]

    @property
    def profiles(self) -> tuple[tuple[int, ...], ...]:
        """The profiles whose equilibrium status changes across the curve."""
        return tuple(sorted({c.profile for c in self.conditions}))


@dataclass(frozen=True, eq=False)
class RegionsResult(ResultMixin):
    """Which pure profiles are equilibria over a plane of two parameters.

    Parameters
    ----------
    x, y, xs, ys, equilibria, labels, sets, boundaries, exact, method, fixed : see Attributes
    players, strategies : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    x, y : str
        The two parameters (``x`` along columns, ``y`` along rows).
    xs, ys : numpy.ndarray
        The grid coordinates.
    equilibria : numpy.ndarray of bool, shape (len(ys), len(xs), s_1, ..., s_n)
        ``equilibria[r, c, a]``: profile ``a`` is an equilibrium at ``(xs[c], ys[r])``.
    labels : numpy.ndarray of int, shape (len(ys), len(xs))
        Index into ``sets`` of the set of equilibria at each grid point.
    sets : tuple of tuple of profiles
        The distinct sets of pure equilibria on the grid.
    boundaries : tuple of RegionBoundary
        The exact curves across which some profile's status changes in the window.
    exact : bool
        True when every boundary was derived symbolically *and* solved in closed
        form; False when some curve is only implicit (or none could be derived),
        so that the grid is the map to rely on.
    method : str
        ``"exact+grid"`` or ``"grid"``.
    fixed : mapping
        The values of the other parameters.

    Examples
    --------
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import regions
    >>> x, y = sp.symbols("x y")
    >>> pg = gt.ParametricGame([[[x, 0], [1, 1]], [[y - 1, 0], [0, 1]]],
    ...                        parameters={"x": 0, "y": 0})
    >>> r = regions(pg, "x", "y", x_range=(0, 2), y_range=(0, 2), resolution=5)
    >>> r.method, [(b.solved_for, b.solutions) for b in r.boundaries]
    ('exact+grid', [('x', (1,)), ('y', (1,))])
    >>> r.is_equilibrium((0, 0)).astype(int)
    array([[0, 0, 0, 0, 0],
           [0, 0, 0, 0, 0],
           [0, 0, 1, 1, 1],
           [0, 0, 1, 1, 1],
           [0, 0, 1, 1, 1]])
    """

    x: str
    y: str
    xs: np.ndarray
    ys: np.ndarray
    equilibria: np.ndarray
    labels: np.ndarray
    sets: tuple[tuple[tuple[int, ...], ...], ...]
    boundaries: tuple[RegionBoundary, ...]
    exact: bool
    method: str
    fixed: Mapping[str, Any]
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "fixed", FrozenMapping(self.fixed))
        for a in (self.xs, self.ys, self.equilibria, self.labels):
            a.setflags(write=False)

    def is_equilibrium(self, profile: Sequence[int | str]) -> np.ndarray:
        """Boolean map ``(len(ys), len(xs))`` of where *profile* is an equilibrium.

        Parameters
        ----------
        profile : sequence of int or str
            One pure strategy per player (indices or names).

        Returns
        -------
        numpy.ndarray
            Boolean array of shape ``(len(ys), len(xs))``.
        """
        # duck-typed: profile_indices reads only n_players, players and strategies, which the map has
        prof = profile_indices(self, profile, "is_equilibrium")  # type: ignore[arg-type]
        index: tuple[Any, ...] = (slice(None), slice(None), *prof)
        return np.asarray(self.equilibria[index])

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self.players)

    def label_names(self) -> list[str]:
        """A readable name for each set in ``sets``.

        Returns
        -------
        list of str
            One name per set: its equilibria, or ``"none"``.
        """
        return ["; ".join(f"({profile_label(self, p)})" for p in s) or "none" for s in self.sets]

    def to_pandas(self) -> Any:
        """The regions as a :class:`pandas.DataFrame`, one row per distinct set of pure equilibria.

        A region is every grid point where the same set of pure profiles are
        equilibria (``labels == k``); it need not be connected.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``label`` (the index into ``sets``). Columns:
            ``equilibria`` (str, :meth:`label_names`), ``profiles`` (the tuple of
            pure profiles, as index tuples), ``n_equilibria`` and ``n_points``
            (int), ``share`` (float: ``n_points`` over the grid's points), and
            ``<x>_min``, ``<x>_max``, ``<y>_min``, ``<y>_max`` (float: the
            bounding box of the region's grid points).

        Raises
        ------
        ImportError
            When pandas is not installed.

        Examples
        --------
        >>> import sympy as sp, gametheory_af as gt
        >>> from gametheory_af.sensitivity import regions
        >>> x, y = sp.symbols("x y")
        >>> pg = gt.ParametricGame([[[x, 0], [1, 1]], [[y - 1, 0], [0, 1]]],
        ...                        parameters={"x": 0, "y": 0})
        >>> df = regions(pg, "x", "y", x_range=(0, 2), y_range=(0, 2), resolution=5).to_pandas()
        >>> df[["equilibria", "n_points", "share", "x_min", "y_min"]]
                       equilibria  n_points  share  x_min  y_min
        label
        0                (s2, s2)        16   0.64    0.0    0.0
        1      (s1, s1); (s2, s2)         9   0.36    1.0    1.0
        """
        pd = require_pandas("RegionsResult.to_pandas")
        n_sets = len(self.sets)
        gx, gy = np.meshgrid(np.asarray(self.xs, dtype=np.float64), np.asarray(self.ys, dtype=np.float64))
        counts = np.bincount(self.labels.ravel(), minlength=n_sets)
        bounds: dict[str, list[float]] = {f"{self.x}_min": [], f"{self.x}_max": [], f"{self.y}_min": [], f"{self.y}_max": []}
        for k in range(n_sets):
            mask = self.labels == k
            for name, grid in ((self.x, gx), (self.y, gy)):
                vals = grid[mask]
                bounds[f"{name}_min"].append(float(vals.min()) if vals.size else float("nan"))
                bounds[f"{name}_max"].append(float(vals.max()) if vals.size else float("nan"))
        profiles = np.empty(n_sets, dtype=object)
        for k, st in enumerate(self.sets):
            profiles[k] = tuple(st)
        cols: dict[str, Any] = {
            "equilibria": np.array(self.label_names(), dtype=object),
            "profiles": profiles,
            "n_equilibria": np.array([len(st) for st in self.sets], dtype=np.int64),
            "n_points": counts.astype(np.int64),
            "share": counts / max(self.labels.size, 1),
        }
        cols.update({k: np.array(v, dtype=np.float64) for k, v in bounds.items()})
        return pd.DataFrame(cols, index=pd.RangeIndex(n_sets, name="label"))

    def __repr__(self) -> str:
        return (
            f"RegionsResult(x={self.x!r}, y={self.y!r}, grid={self.labels.shape}, n_sets={len(self.sets)}, "
            f"n_boundaries={len(self.boundaries)}, method={self.method!r})"
        )


def _grid_equilibria(
    pgame: ParametricGame, cols: Mapping[str, np.ndarray], chunk: int = 50_000, bar: Bar = NO_BAR
) -> np.ndarray:
    n = len(next(iter(cols.values())))
    out = np.empty((n, *pgame.shape), dtype=bool)
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        out[start:stop] = pure_nash_batch(pgame.batch(**{k: v[start:stop] for k, v in cols.items()}))
        bar.update(stop - start)
    return out


def regions(
    pgame: ParametricGame,
    x: str,
    y: str,
    *,
    fixed: Mapping[str, Any] | None = None,
    x_range: tuple[Any, Any] | None = None,
    y_range: tuple[Any, Any] | None = None,
    resolution: int | tuple[int, int] = 201,
    progress: bool = False,
) -> RegionsResult:
    """Map which pure profiles are equilibria over a plane of two parameters.

    Parameters
    ----------
    pgame : ParametricGame
    x, y : str
        The two parameters: *x* along the horizontal axis, *y* the vertical.
    fixed : mapping, optional
        Values of the other parameters (defaults otherwise).
    x_range, y_range : (lo, hi), optional
        The window; default to the parameters' bounds, which must then be finite.
    resolution : int or (nx, ny), default 201
        Grid points along each axis.
    progress : bool, default False
        Show :mod:`tqdm` progress bars (the ``progress`` extra): over the
        grid points (advanced per chunk of 50,000), the profiles whose
        conditions are examined, and the boundary curves solved by sympy.

    Returns
    -------
    RegionsResult
        The grid map (always) and the exact boundary curves (where sympy can
        derive and solve them); ``method`` says which.

    Raises
    ------
    GameError
        Before any work: for unknown or equal parameter names, ranges outside
        bounds or with ``lo >= hi``, a resolution below 2; for a map beyond the
        limits (:func:`gametheory_af.set_limits`): ``nx * ny`` points times
        ``2 + (other parameters)`` coordinates (8 bytes each) or times
        ``s_1 * ... * s_n`` equilibrium flags (1 byte each) beyond
        ``max_entries``/``max_bytes``, or more conditions than ``max_calls``;
        ``progress=True`` without tqdm installed.
    TypeError
        For a resolution that is not an int or a pair of ints, a *progress* that is not a bool.

    Notes
    -----
    The grid is evaluated with :meth:`ParametricGame.batch` and
    :func:`~gametheory_af.pure_nash_batch` in chunks, so it costs a few array
    operations. The exact curves are the zero sets of the equilibrium
    conditions (:func:`equilibrium_conditions`) with the other parameters
    substituted; only those across which some profile's status changes inside
    the window are kept.

    Examples
    --------
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import regions
    >>> L, c = sp.symbols("L c")
    >>> pg = gt.ParametricGame([[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
    ...                        parameters={"L": 0, "c": 0})
    >>> r = regions(pg, "L", "c", x_range=(0, 4), y_range=(0, 2), resolution=9)
    >>> r.boundaries[0].solutions
    (L - 1,)
    """
    caller = "regions"
    check_pgame(pgame, caller)
    check_parameter(pgame, x, caller, what="parameter x")
    check_parameter(pgame, y, caller, what="parameter y")
    if x == y:
        raise GameError(f"{caller}: x and y must be different parameters; got {x!r} twice.")
    values = resolve_fixed(pgame, fixed, caller, free=(x, y))
    xlo, xhi = resolve_range(pgame, x, x_range, caller, name="x_range", finite=True)
    ylo, yhi = resolve_range(pgame, y, y_range, caller, name="y_range", finite=True)
    if isinstance(resolution, (str, bytes)) or not isinstance(resolution, Sequence):
        nx = ny = check_int(resolution, "resolution", caller, minimum=2)
    elif len(resolution) == 2:
        nx = check_int(resolution[0], "resolution[0] (nx)", caller, minimum=2)
        ny = check_int(resolution[1], "resolution[1] (ny)", caller, minimum=2)
    else:
        raise GameError(f"{caller}: resolution must be an int or a pair (nx, ny); got {_short(resolution)}.")
    pts = nx * ny
    check_bytes(pts * (2 + len(values)), 8, f"grid coordinates ({nx:,} x {ny:,} points)", caller)
    check_bytes(pts * math.prod(pgame.shape), 1, f"equilibrium flags ({nx:,} x {ny:,} points x profiles)", caller)
    _check_conditions(pgame, caller)
    progress = check_progress(progress, caller)
    xs = np.linspace(float(xlo), float(xhi), nx)
    ys = np.linspace(float(ylo), float(yhi), ny)
    XX, YY = np.meshgrid(xs, ys)
    cols = {x: XX.ravel(), y: YY.ravel(), **{k: np.full(XX.size, float(v)) for k, v in values.items()}}
    with progress_bar(progress, caller, pts, unit="pt", desc=f"{caller}: grid") as bar:
        eq = _grid_equilibria(pgame, cols, bar=bar).reshape(ny, nx, *pgame.shape)
    flat = eq.reshape(ny * nx, -1)
    uniq, inv = np.unique(flat, axis=0, return_inverse=True)
    profiles = all_profiles(pgame.shape)
    sets = tuple(tuple(profiles[j] for j in np.flatnonzero(row)) for row in uniq)
    labels = np.asarray(inv, dtype=np.int64).reshape(ny, nx)

    # Exact boundary curves.
    syms = pgame.symbols
    sx, sy = syms[x], syms[y]
    subs = {syms[k]: exact_value(v) for k, v in values.items()}
    curves: list[tuple[sp.Expr, list[EquilibriumCondition]]] = []
    bar = progress_bar(progress, caller, len(profiles), unit="profile", desc=f"{caller}: conditions")
    for prof in profiles:
        bar.update(1)  # a profile's conditions cost sympy work, far above the bar's
        index: tuple[Any, ...] = (slice(None), slice(None), *prof)
        status = eq[index]
        if status.all() or not status.any():
            continue
        for c in equilibrium_conditions(pgame, prof):
            g = sp.expand(c.expression.xreplace(subs))
            if not ({sx, sy} & g.free_symbols):
                continue
            try:
                G = np.broadcast_to(sp.lambdify((sx, sy), g, modules="numpy")(XX, YY), XX.shape)
            except (TypeError, ValueError, NameError):  # pragma: no cover - exotic expressions
                G = None
            if G is not None and not ((G > 0).any() and (G < 0).any()):
                continue
            for expr, conds in curves:
                if sp.expand(expr - g) == 0 or sp.expand(expr + g) == 0:
                    conds.append(c)
                    break
            else:
                curves.append((g, [c]))
    bar.close()
    boundaries = []
    bar = progress_bar(progress, caller, len(curves), unit="curve", desc=f"{caller}: boundaries")
    for g, conds in curves:
        bar.update(1)  # one sympy solve per curve
        target = sy if sy in g.free_symbols else sx
        try:
            sols = tuple(sp.solve(g, target))
        except (NotImplementedError, TypeError, ValueError):
            sols = ()
        solved = ("y" if target is sy else "x") if sols else None
        boundaries.append(RegionBoundary(expression=g, solved_for=solved, solutions=sols, conditions=tuple(conds)))
    bar.close()
    exact = all(b.solved_for is not None for b in boundaries)
    return RegionsResult(
        x=x,
        y=y,
        xs=xs,
        ys=ys,
        equilibria=eq,
        labels=labels,
        sets=sets,
        boundaries=tuple(boundaries),
        exact=exact,
        method="exact+grid" if exact else "grid",
        fixed=values,
        players=pgame.players,
        strategies=pgame.strategies,
    )
