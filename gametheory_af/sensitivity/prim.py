"""PRIM scenario discovery: boxes of parameter space where an outcome is likely.

The *model*, *outcome* and *bounds* arguments are as for :func:`~gametheory_af.sensitivity.sobol`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._limits import check_bytes, check_count
from .._validation import FrozenMapping, check_int, check_real
from ..exceptions import GameError
from ..parametric import ParametricGame
from ..result import ResultMixin, require_pandas
from ._model import Model, _bounds, _check_design, _evaluate, _evaluator, _pandas, _rng
from .sweep import SweepResult

__all__ = ["PrimResult", "prim"]


# ---------------------------------------------------------------------------- PRIM
@dataclass(frozen=True, eq=False)
class PrimResult(ResultMixin):
    """A box of parameter ranges where an outcome holds (PRIM scenario discovery).

    Parameters
    ----------
    box, restricted, coverage, density, support, trajectory, selected, n : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    box : mapping
        Parameter -> ``(lo, hi)``: the selected box.
    restricted : tuple of str
        The parameters whose range the box narrows.
    coverage : float
        Share of all cases with the outcome that fall in the box.
    density : float
        Share of the cases in the box that have the outcome.
    support : float
        Share of all cases in the box.
    trajectory : tuple of dict
        The peeling trajectory: each step's ``box``, ``coverage``, ``density``
        and ``support``, from the full range to the smallest box.
    selected : int
        Index of the selected step in ``trajectory``.
    n : int
        Number of cases.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_af.sensitivity import prim
    >>> res = prim(lambda a, b: (a > 0.7) * 1.0, None, {"a": (0, 1), "b": (0, 1)},
    ...            n=2000, rng=0, min_density=1.0)
    >>> res.restricted, round(res.box["a"][0], 1), res.density
    (('a',), 0.7, 1.0)
    """

    box: Mapping[str, tuple[float, float]]
    restricted: tuple[str, ...]
    coverage: float
    density: float
    support: float
    trajectory: tuple[Mapping[str, Any], ...]
    selected: int
    n: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "box", FrozenMapping(self.box))

    def describe(self) -> str:
        """The box in words.

        Returns
        -------
        str
            The box's restrictions, coverage, density and support.
        """
        parts = [f"{lo:.4g} <= {k} <= {hi:.4g}" for k, (lo, hi) in self.box.items() if k in self.restricted]
        return (
            f"{' and '.join(parts) or 'the whole range'}: coverage {self.coverage:.0%}, "
            f"density {self.density:.0%}, support {self.support:.0%}"
        )

    def trajectory_to_pandas(self) -> Any:
        """The peeling trajectory as a :class:`pandas.DataFrame`.

        Returns
        -------
        pandas.DataFrame
            One row per peeling step.
        """
        pd = _pandas("PrimResult.trajectory_to_pandas")
        return pd.DataFrame([{k: v for k, v in s.items() if k != "box"} for s in self.trajectory])


    def to_pandas(self) -> Any:
        """The peeling trajectory as a :class:`pandas.DataFrame`, one row per box, with its bounds.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``step`` (0 is the full range). Columns: ``coverage``,
            ``density``, ``support`` (float: the share of all cases in the box,
            its *mass*), ``n_in_box`` (int), ``selected`` (bool: the step of
            ``box``), then ``<parameter>_lo`` and ``<parameter>_hi`` (float)
            for every parameter.

        Raises
        ------
        ImportError
            When pandas is not installed.

        Examples
        --------
        >>> from gametheory_af.sensitivity import prim
        >>> res = prim(lambda a, b: (a > 0.7) * 1.0, None, {"a": (0, 1), "b": (0, 1)},
        ...            n=2000, rng=0, min_density=1.0)
        >>> df = res.to_pandas()
        >>> row = df[df["selected"]]
        >>> row.index.tolist() == [res.selected], round(float(row["a_lo"].iloc[0]), 1), float(row["density"].iloc[0])
        (True, 0.7, 1.0)
        >>> df.loc[0, ["coverage", "support", "n_in_box"]].tolist()
        [1.0, 1.0, 2000.0]
        """
        pd = require_pandas("PrimResult.to_pandas")
        steps = self.trajectory
        cols: dict[str, Any] = {
            "coverage": np.array([float(s["coverage"]) for s in steps], dtype=np.float64),
            "density": np.array([float(s["density"]) for s in steps], dtype=np.float64),
            "support": np.array([float(s["support"]) for s in steps], dtype=np.float64),
        }
        if all("n_in_box" in s for s in steps):
            cols["n_in_box"] = np.array([int(s["n_in_box"]) for s in steps], dtype=np.int64)
        cols["selected"] = np.arange(len(steps)) == self.selected
        for name in self.box:
            cols[f"{name}_lo"] = np.array([float(s["box"][name][0]) for s in steps], dtype=np.float64)
            cols[f"{name}_hi"] = np.array([float(s["box"][name][1]) for s in steps], dtype=np.float64)
        return pd.DataFrame(cols, index=pd.RangeIndex(len(steps), name="step"))


def prim(
    model: ParametricGame | Model | SweepResult,
    outcome: Any = None,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    *,
    n: int = 2000,
    rng: None | int | np.random.Generator = None,
    peel_alpha: float = 0.05,
    min_support: float = 0.05,
    min_density: float = 0.8,
    sweep_options: Mapping[str, Any] | None = None,
) -> PrimResult:
    """Scenario discovery: a box of parameter ranges where the outcome holds.

    Parameters
    ----------
    model : ParametricGame, callable or SweepResult
        As for :func:`sobol`; or a finished sweep, whose points are the cases
        (then *outcome* is a measure name, a pure profile, or an array of
        one value per point).
    outcome
        As for :func:`sobol` (0/1 or real; PRIM maximizes its mean in the box).
    bounds : mapping, optional
        The ranges to sample (ignored for a sweep, whose points' ranges are used).
    n : int, default 2000
        Cases to sample uniformly (not used for a sweep).
    rng : None, int or numpy.random.Generator
    peel_alpha : float, default 0.05
        Share of the box's cases removed at each peel.
    min_support : float, default 0.05
        Peeling stops when the box holds fewer cases than this share.
    min_density : float, default 0.8
        The selected box is the first on the trajectory (the largest) whose
        density reaches this; when none does, the densest.
    sweep_options : mapping, optional
        Passed to :func:`~gametheory_af.sensitivity.sweep` for a game.

    Returns
    -------
    PrimResult

    Raises
    ------
    GameError
        Before any model run: for *peel_alpha* outside (0, 0.5), *min_support*
        outside (0, 1), *min_density* outside [0, 1], ``n < 10``, bad bounds,
        a negative seed, a bad outcome; for ``n * d`` sampled entries beyond
        ``max_entries``/``max_bytes``, or a trajectory of
        ``ceil(log(min_support) / log(1 - peel_alpha))`` boxes whose
        ``2 d`` candidate peels each exceed ``max_calls``.
    TypeError
        For arguments of the wrong type.

    Notes
    -----
    Top-down peeling only (no pasting): at each step, for every parameter,
    remove the ``peel_alpha`` share of the box's cases with the lowest or
    the highest values, and keep the peel that leaves the highest mean
    outcome. The trajectory shows the trade-off between coverage and
    density from which an analyst may prefer another box.

    References
    ----------
    Friedman, J. H., Fisher, N. I. (1999). Bump hunting in high-dimensional data.
    *Statistics and Computing* 9, 123-143.

    Bryant, B. P., Lempert, R. J. (2010). Thinking inside the box: a participatory,
    computer-assisted approach to scenario discovery. *Technol. Forecast. Soc.
    Change* 77, 34-49.

    Examples
    --------
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import prim
    >>> L, c = sp.symbols("L c")
    >>> pg = gt.ParametricGame([[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
    ...     parameters=[gt.Parameter("L", 1, lower=0, upper=4), gt.Parameter("c", 1, lower=0, upper=2)])
    >>> res = prim(pg, (0, 0), n=4000, rng=0)
    >>> "L" in res.restricted and res.density >= 0.8
    True
    """
    caller = "prim"
    peel_alpha = check_real(peel_alpha, "peel_alpha", caller, minimum=0, maximum=0.5, strict_min=True, strict_max=True)
    min_support = check_real(min_support, "min_support", caller, minimum=0, maximum=1, strict_min=True, strict_max=True)
    min_density = check_real(min_density, "min_density", caller, minimum=0, maximum=1)
    if isinstance(model, SweepResult):
        pts = model.points
        names = list(pts)
        X = np.column_stack([pts[k] for k in names])
        if isinstance(outcome, str):
            if outcome not in model.measures:
                raise GameError(f"{caller}: unknown measure {outcome!r}; measures are {list(model.measures)}.")
            y = np.asarray(model.measures[outcome], dtype=np.float64)
        elif isinstance(outcome, np.ndarray) or (isinstance(outcome, list) and len(outcome) == len(model)):
            y = np.asarray(outcome, dtype=np.float64)
        else:
            y = model.is_equilibrium(outcome).astype(np.float64)
        if y.shape != (X.shape[0],):
            raise GameError(f"{caller}: outcome must have one value per point ({X.shape[0]}); got shape {y.shape}.")
    else:
        names, B = _bounds(model, bounds, caller)
        n = check_int(n, "n", caller, minimum=10)
        _check_design(n, len(names), "sampled cases", caller)
        _check_peels(n, len(names), peel_alpha, min_support, caller)
        f = _evaluator(model, outcome, caller, sweep_options)
        gen = _rng(rng, caller)
        X = B[:, 0] + gen.random((int(n), len(names))) * (B[:, 1] - B[:, 0])
        y = _evaluate(f, names, X, caller)
    N, d = X.shape
    if isinstance(model, SweepResult):
        _check_peels(N, d, peel_alpha, min_support, caller)
    total = y.sum()
    if total <= 0:
        raise GameError(f"{caller}: the outcome never holds in the sample; there is no box to find.")
    lo = X.min(axis=0)
    hi = X.max(axis=0)
    box_lo, box_hi = lo.copy(), hi.copy()
    inside = np.ones(N, dtype=bool)

    def record() -> dict[str, Any]:
        k = int(inside.sum())
        return {
            "box": {nm: (float(box_lo[j]), float(box_hi[j])) for j, nm in enumerate(names)},
            "coverage": float(y[inside].sum() / total),
            "density": float(y[inside].mean()),
            "support": k / N,
            "n_in_box": k,
        }

    traj = [record()]
    while inside.sum() > min_support * N:
        best = None
        Xin = X[inside]
        yin = y[inside]
        for j in range(d):
            col = Xin[:, j]
            for side in (0, 1):
                if side == 0:
                    cut = np.quantile(col, peel_alpha)
                    keep = col > cut if (col <= cut).sum() < col.size else col >= cut
                else:
                    cut = np.quantile(col, 1 - peel_alpha)
                    keep = col < cut if (col >= cut).sum() < col.size else col <= cut
                k = int(keep.sum())
                if k == col.size or k < min_support * N:
                    continue
                mean = float(yin[keep].mean())
                if best is None or mean > best[0] + 1e-12 or (abs(mean - best[0]) <= 1e-12 and k > best[1]):
                    best = (mean, k, j, side, cut, keep)
        if best is None:
            break
        _, _, j, side, cut, keep = best
        idx = np.flatnonzero(inside)
        inside[idx[~keep]] = False
        remaining = X[inside, j]
        if side == 0:
            box_lo[j] = float(remaining.min())
        else:
            box_hi[j] = float(remaining.max())
        traj.append(record())
    dens = np.array([s["density"] for s in traj])
    ok = np.flatnonzero(dens >= min_density)
    sel = int(ok[0]) if ok.size else int(np.argmax(dens))
    chosen = traj[sel]
    restricted = tuple(
        nm for j, nm in enumerate(names) if chosen["box"][nm][0] > lo[j] or chosen["box"][nm][1] < hi[j]
    )
    return PrimResult(
        box=chosen["box"],
        restricted=restricted,
        coverage=chosen["coverage"],
        density=chosen["density"],
        support=chosen["support"],
        trajectory=tuple(FrozenMapping({**s, "box": FrozenMapping(s["box"])}) for s in traj),
        selected=sel,
        n=N,
    )


def _check_peels(n: int, d: int, peel_alpha: float, min_support: float, caller: str) -> None:
    """Refuse a peeling trajectory whose work (boxes x candidate peels x cases) is beyond the limits."""
    steps = min(n, math.ceil(math.log(min_support) / math.log1p(-peel_alpha)) + 1)
    check_count(steps * 2 * d, "max_calls", f"candidate peels ({steps:,} boxes x {2 * d} sides)", caller)
    check_bytes(steps * (2 * d + 4), 8, "trajectory entries (boxes x box bounds)", caller)
