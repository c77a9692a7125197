"""Sweeps on disk: the ``.npy`` files and index written by ``sweep(..., out=directory)``, and :func:`load_sweep`.

Each array of the result (equilibrium flags, measures, the points) is one
``.npy`` file written chunk by chunk; ``index.json``, written last, describes
them, so a directory without it is an unfinished sweep. :func:`load_sweep`
reopens the result as read-only memory maps.
"""

from __future__ import annotations

import json
import math
import os
import pathlib
import shutil
from typing import Any

import numpy as np

from .._validation import _short
from ..exceptions import GameError
from .sweep import Grid, SweepResult, _Plan, _Sample

__all__ = ["load_sweep"]

_INDEX = "index.json"
_FORMAT = "gametheory_af.sweep"


class _Store:
    """The ``.npy`` files of a sweep written with ``out=``, and their index."""

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path
        self.files: dict[str, str] = {}
        self.arrays: dict[str, np.ndarray] = {}

    @staticmethod
    def create(out: Any, plan: _Plan, caller: str) -> _Store:
        """Check *out* (a new or empty directory with room for the result) before any work."""
        if not isinstance(out, (str, os.PathLike)):
            raise TypeError(f"{caller}: out must be a directory path; got {_short(out)} ({type(out).__name__}).")
        path = pathlib.Path(out)
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise GameError(f"{caller}: out must be a new or empty directory; got {str(path)!r}, which is not empty.")
        if plan.keep and plan.solver_fn != "pure":
            raise GameError(
                f"{caller}: out= stores arrays, not the per-point EquilibriumResult objects of solver "
                f"{plan.solver_name!r}; pass keep_equilibria=False (and measures) or solver='pure'."
            )
        need = plan.n * (1 + len(plan.measures)) * 8
        if plan.keep:
            need += plan.n * math.prod(plan.pgame.shape)
        path.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(path).free
        if need > free:
            raise GameError(
                f"{caller}: out={str(path)!r} has {free:,} bytes free, but this sweep needs about {need:,} bytes."
            )
        return _Store(path)

    def array(self, key: str, shape: tuple[int, ...], dtype: Any) -> np.ndarray:
        if np.dtype(dtype) == object:
            raise GameError(
                f"sweep: measure {key.split('/', 1)[-1]!r} returns Python objects (dtype object), which out= cannot "
                "store; return numbers or booleans."
            )
        name = "equilibria.npy" if key == "equilibria" else f"measure_{len(self.files)}.npy"
        arr = np.lib.format.open_memmap(self.path / name, mode="w+", dtype=dtype, shape=shape)
        self.files[key] = name
        self.arrays[key] = arr
        return arr

    def flush(self) -> None:
        for a in self.arrays.values():
            a.flush()  # type: ignore[attr-defined]

    def finish(self, plan: _Plan) -> SweepResult:
        self.flush()
        self.arrays.clear()
        src = plan.src
        kind = "grid" if isinstance(src, Grid) else "sample"
        cols = src.axes if isinstance(src, Grid) else src.to_arrays()
        point_files = {}
        for j, (k, a) in enumerate(cols.items()):
            point_files[k] = f"points_{j}.npy"
            np.save(self.path / point_files[k], a, allow_pickle=False)
        index = {
            "format": _FORMAT,
            "version": 1,
            "n_points": plan.n,
            "parameters": list(src.names),
            "solver": plan.solver_name,
            "backend": plan.backend,
            "chunk_size": plan.chunk_size,
            "grid_shape": list(src.shape) if kind == "grid" else None,
            "players": list(plan.pgame.players),
            "strategies": [list(s) for s in plan.pgame.strategies],
            "equilibria": self.files.get("equilibria"),
            "measures": {k.split("/", 1)[1]: v for k, v in self.files.items() if k.startswith("measures/")},
            "points": {"kind": kind, "files": point_files},
        }
        # Written last: a directory without an index is an unfinished sweep.
        (self.path / _INDEX).write_text(json.dumps(index, indent=1), encoding="utf-8")
        return load_sweep(self.path)


def load_sweep(directory: str | os.PathLike[str]) -> SweepResult:
    """Reopen a sweep written with ``sweep(..., out=directory)``; its arrays are read lazily.

    Parameters
    ----------
    directory : str or path-like

    Returns
    -------
    SweepResult
        Its equilibria and measures are read-only memory maps of the stored
        ``.npy`` files (nothing is read until used); it equals the in-memory
        sweep of the same points.

    Raises
    ------
    TypeError
        For a *directory* that is not a path.
    GameError
        For a directory without a complete sweep (no ``index.json``, an index
        that is not this format, file names outside the directory, arrays whose
        shapes disagree with the index). Files are read with
        ``allow_pickle=False``: no code is run.

    Examples
    --------
    >>> import tempfile, numpy as np, sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import grid, load_sweep, sweep
    >>> L, c = sp.symbols("L c")
    >>> pg = gt.ParametricGame([[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
    ...                        parameters={"L": 0, "c": 0})
    >>> g = grid(L=np.linspace(0, 3, 4), c=[0.0, 1.0])
    >>> d = tempfile.mkdtemp()
    >>> on_disk = sweep(pg, g, chunk_size=3, measures={"top": (0, 0)}, out=d)
    >>> type(on_disk.equilibria).__name__, on_disk.equilibria.flags.writeable
    ('memmap', False)
    >>> on_disk == sweep(pg, g, chunk_size=3, measures={"top": (0, 0)}) == load_sweep(d)
    True
    """
    caller = "load_sweep"
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(f"{caller}: directory must be a path; got {_short(directory)} ({type(directory).__name__}).")
    path = pathlib.Path(directory)
    index_path = path / _INDEX
    if not index_path.is_file():
        raise GameError(f"{caller}: {str(path)!r} holds no complete sweep (no {_INDEX}).")
    if index_path.stat().st_size > 16 * 2**20:
        raise GameError(f"{caller}: {str(index_path)!r} is {index_path.stat().st_size:,} bytes, too large for a sweep index.")
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        if not isinstance(index, dict) or index.get("format") != _FORMAT or index.get("version") != 1:
            raise ValueError("not a gametheory_af sweep index (version 1)")
        n = index["n_points"]
        strategies = tuple(tuple(s) for s in index["strategies"])
        shape = tuple(len(s) for s in strategies)

        def load(name: Any, lead: tuple[int, ...] | None) -> np.ndarray:
            if not isinstance(name, str) or pathlib.Path(name).name != name or not name.endswith(".npy"):
                raise ValueError(f"bad file name {name!r}")
            arr: np.ndarray = np.load(path / name, mmap_mode="r", allow_pickle=False)
            if lead is not None and arr.shape[: len(lead)] != lead:
                raise ValueError(f"{name} has shape {arr.shape}, expected {lead} first")
            return arr

        eq = None if index["equilibria"] is None else load(index["equilibria"], (n, *shape))
        meas = {str(k): load(v, (n,)) for k, v in index["measures"].items()}
        pts = {str(k): load(v, None) for k, v in index["points"]["files"].items()}
        kind = index["points"]["kind"]
        if kind == "grid":
            src: Any = Grid({k: np.asarray(a) for k, a in pts.items()})
            if src.size != n:
                raise ValueError(f"the grid has {src.size} points, the index {n}")
        elif kind == "sample":
            src = _Sample.__new__(_Sample)
            src._cols = dict(pts)  # noqa: SLF001 - memory maps, read lazily
            src._n = n  # noqa: SLF001
            if any(a.shape != (n,) for a in pts.values()):
                raise ValueError("sample columns do not have one value per point")
        else:
            raise ValueError(f"unknown points kind {kind!r}")
        return SweepResult(
            parameters=tuple(index["parameters"]),
            equilibria=eq,
            measures=meas,
            solver=str(index["solver"]),
            backend=str(index["backend"]),
            chunk_size=int(index["chunk_size"]),
            grid_shape=None if index["grid_shape"] is None else tuple(index["grid_shape"]),
            players=tuple(index["players"]),
            strategies=strategies,
            _points=src,
        )
    except GameError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise GameError(f"{caller}: {str(path)!r} does not hold a readable sweep: {err}.") from None
