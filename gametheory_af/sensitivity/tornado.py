"""Tornado tables: the outcome's swing as each parameter moves alone over its range.

The *model*, *outcome* and *bounds* arguments are as for :func:`~gametheory_af.sensitivity.sobol`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._validation import FrozenMapping, _short, check_real
from ..exceptions import GameError
from ..parametric import ParametricGame
from ..result import ResultMixin
from ._model import Model, _bounds, _check_design, _evaluate, _evaluator, _pandas

__all__ = ["TornadoTable", "tornado"]


# ---------------------------------------------------------------------------- tornado
@dataclass(frozen=True, eq=False)
class TornadoTable(ResultMixin):
    """One-at-a-time sensitivity: the outcome at each parameter's low and high value.

    Parameters
    ----------
    names, low, high, outcome_low, outcome_high, swing, base, base_outcome : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    names : tuple of str
        Sorted by decreasing effect: the larger of ``|outcome_low - base_outcome|``
        and ``|outcome_high - base_outcome|`` (then ``|swing|``), so that a
        parameter whose extremes both move the outcome the same way still ranks.
    low, high : numpy.ndarray
        The parameter values used.
    outcome_low, outcome_high : numpy.ndarray
        The outcome with the parameter at its low (high) value, others at base.
    swing : numpy.ndarray
        ``outcome_high - outcome_low``.
    base : mapping
        The base point.
    base_outcome : float

    Examples
    --------
    >>> from gametheory_af.sensitivity import tornado
    >>> t = tornado(lambda a, b: a + 10 * b, None, {"a": (0, 1), "b": (0, 1)})
    >>> t.names, t.swing.tolist(), t.base_outcome
    (('b', 'a'), [10.0, 1.0], 5.5)
    """

    names: tuple[str, ...]
    low: np.ndarray
    high: np.ndarray
    outcome_low: np.ndarray
    outcome_high: np.ndarray
    swing: np.ndarray
    base: Mapping[str, float]
    base_outcome: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "base", FrozenMapping(self.base))

    def to_pandas(self) -> Any:
        """A :class:`pandas.DataFrame`, one row per parameter.

        Returns
        -------
        pandas.DataFrame
            One row per parameter.
        """
        pd = _pandas("TornadoTable.to_pandas")
        return pd.DataFrame(
            {
                "low": self.low,
                "high": self.high,
                "outcome_low": self.outcome_low,
                "outcome_high": self.outcome_high,
                "swing": self.swing,
            },
            index=list(self.names),
        )


def tornado(
    model: ParametricGame | Model,
    outcome: Any = None,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    *,
    base: Mapping[str, float] | None = None,
    sweep_options: Mapping[str, Any] | None = None,
) -> TornadoTable:
    """A one-at-a-time (tornado) table of an outcome over each parameter's range.

    Parameters
    ----------
    model, outcome, bounds
        As for :func:`sobol`.
    base : mapping, optional
        The base point; defaults to the game's defaults (midpoints of the
        bounds for a callable model).
    sweep_options : mapping, optional
        Passed to :func:`~gametheory_af.sensitivity.sweep` for a game.

    Returns
    -------
    TornadoTable
        Rows sorted by decreasing largest deviation from the base outcome.

    Raises
    ------
    GameError
        Before any model run: for bad bounds, base names not in the bounds,
        base values that are not finite, a bad outcome; for ``(2 d + 1) * d``
        design entries beyond ``max_entries``/``max_bytes``.
    TypeError
        For arguments of the wrong type.

    Notes
    -----
    ``2 d + 1`` model runs. One-at-a-time tables miss interactions; use
    :func:`sobol` for those.

    References
    ----------
    Saltelli, A., et al. (2008). *Global Sensitivity Analysis: The Primer*.
    Wiley, ch. 1.2 (one-at-a-time designs and their limits).

    Examples
    --------
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import tornado
    >>> L, c = sp.symbols("L c")
    >>> pg = gt.ParametricGame([[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
    ...     parameters=[gt.Parameter("L", 1, lower=0, upper=4), gt.Parameter("c", 1, lower=0, upper=2)])
    >>> t = tornado(pg, (0, 0))
    >>> t.names, t.outcome_low.tolist(), t.outcome_high.tolist()
    (('L', 'c'), [0.0, 1.0], [1.0, 0.0])
    """
    caller = "tornado"
    names, B = _bounds(model, bounds, caller)
    d = len(names)
    _check_design(2 * d + 1, d, "one-at-a-time points, 2 d + 1 rows", caller)
    if base is not None:
        if not isinstance(base, Mapping):
            raise TypeError(f"{caller}: base must be a mapping name -> value; got {_short(base)} ({type(base).__name__}).")
        for k, v in base.items():
            check_real(v, f"base[{k!r}]", caller)
    f = _evaluator(model, outcome, caller, sweep_options)
    if base is None:
        b0 = np.array(
            [float(model.parameters[k].default) for k in names]
            if isinstance(model, ParametricGame)
            else B.mean(axis=1)
        )
    else:
        unknown = [k for k in base if k not in names]
        if unknown:
            raise GameError(f"{caller}: base names {unknown} are not in bounds {names}.")
        b0 = np.array([float(base.get(k, B[j].mean())) for j, k in enumerate(names)])
    X = np.repeat(b0[None], 2 * d + 1, axis=0)
    for j in range(d):
        X[1 + 2 * j, j] = B[j, 0]
        X[2 + 2 * j, j] = B[j, 1]
    y = _evaluate(f, names, X, caller)
    lo_out, hi_out = y[1::2], y[2::2]
    swing = hi_out - lo_out
    reach = np.maximum(np.abs(lo_out - y[0]), np.abs(hi_out - y[0]))
    order = np.lexsort((-np.abs(swing), -reach))
    return TornadoTable(
        names=tuple(names[j] for j in order),
        low=B[order, 0].copy(),
        high=B[order, 1].copy(),
        outcome_low=lo_out[order],
        outcome_high=hi_out[order],
        swing=swing[order],
        base=dict(zip(names, b0.tolist())),
        base_outcome=float(y[0]),
    )
