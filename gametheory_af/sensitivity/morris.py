"""Morris elementary-effects screening of the parameters that move an outcome.

The *model*, *outcome* and *bounds* arguments are as for :func:`~gametheory_af.sensitivity.sobol`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._limits import check_count
from .._progress import check_progress
from .._validation import check_int
from ..exceptions import GameError
from ..parametric import ParametricGame
from ..result import ResultMixin
from ._model import Model, _bounds, _check_design, _evaluator, _pandas, _rng
from .sobol import _progress_options, _run_model

__all__ = ["MorrisResult", "morris"]


# ---------------------------------------------------------------------------- Morris
@dataclass(frozen=True, eq=False)
class MorrisResult(ResultMixin):
    """Morris elementary effects: mean, mean absolute value and spread per parameter.

    Parameters
    ----------
    names, mu, mu_star, sigma, elementary_effects, levels, delta : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    names : tuple of str
    mu, mu_star, sigma : numpy.ndarray of shape (d,)
        Mean, mean of absolute values (Campolongo et al. 2007) and standard
        deviation of the elementary effects.
    elementary_effects : numpy.ndarray of shape (r, d)
        Change of the outcome per unit of the *normalized* range (each
        parameter's range scaled to [0, 1]), one row per trajectory.
    levels : int
    delta : float
        The step, as a fraction of each range.

    Examples
    --------
    >>> from gametheory_af.sensitivity import morris
    >>> res = morris(lambda a, b: 3 * a + 0 * b, None, {"a": (0, 1), "b": (0, 1)}, r=5, rng=0)
    >>> res.mu_star.round(6).tolist(), res.sigma.round(6).tolist()
    ([3.0, 0.0], [0.0, 0.0])
    """

    names: tuple[str, ...]
    mu: np.ndarray
    mu_star: np.ndarray
    sigma: np.ndarray
    elementary_effects: np.ndarray
    levels: int
    delta: float

    def to_pandas(self) -> Any:
        """A :class:`pandas.DataFrame` indexed by parameter, sorted as given.

        Returns
        -------
        pandas.DataFrame
            The table.
        """
        pd = _pandas("MorrisResult.to_pandas")
        return pd.DataFrame({"mu": self.mu, "mu_star": self.mu_star, "sigma": self.sigma}, index=list(self.names))


def morris(
    model: ParametricGame | Model,
    outcome: Any = None,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    *,
    r: int = 20,
    levels: int = 4,
    rng: None | int | np.random.Generator = None,
    sweep_options: Mapping[str, Any] | None = None,
    progress: bool = False,
) -> MorrisResult:
    """Morris elementary-effects screening.

    Parameters
    ----------
    model, outcome, bounds
        As for :func:`sobol`.
    r : int, default 20
        Trajectories; the model runs ``r * (d + 1)`` times.
    levels : int, default 4
        Grid levels ``p`` (even); the step is ``p / (2 (p - 1))`` of each range.
    rng : None, int or numpy.random.Generator
    sweep_options : mapping, optional
        Passed to :func:`~gametheory_af.sensitivity.sweep` for a game.
    progress : bool, default False
        Show :mod:`tqdm` progress bars (the ``progress`` extra): the model
        runs (for a game, the bar of :func:`~gametheory_af.sensitivity.sweep`,
        advanced per chunk; a callable model runs in one vectorized call).

    Returns
    -------
    MorrisResult

    Raises
    ------
    GameError
        Before any model run: for bad bounds, ``r < 2``, odd or small
        *levels*, a negative seed, a bad outcome; for ``r * (d + 1) * d``
        design entries beyond ``max_entries``/``max_bytes`` or ``r * d``
        elementary effects beyond ``max_calls`` (:func:`gametheory_af.set_limits`);
        ``progress=True`` without tqdm installed.
    TypeError
        For arguments of the wrong type (``progress="yes"``, ...).

    Notes
    -----
    Each trajectory starts at a random grid point and moves one parameter
    at a time (in random order, up or down at random) by the step; the
    elementary effect of a parameter is the change of the outcome divided by
    the step. Large ``mu_star`` flags influential parameters, large ``sigma``
    interactions or nonlinearity.

    References
    ----------
    Morris, M. D. (1991). Factorial sampling plans for preliminary computational
    experiments. *Technometrics* 33(2), 161-174.

    Campolongo, F., Cariboni, J., Saltelli, A. (2007). An effective screening
    design for sensitivity analysis of large models. *Environ. Model. Softw.*
    22, 1509-1518.

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_af.sensitivity import morris
    >>> res = morris(lambda a, b: a * b, None, {"a": (0, 1), "b": (0, 1)}, r=50, rng=1)
    >>> bool(res.sigma[0] > 0)
    True
    """
    caller = "morris"
    names, B = _bounds(model, bounds, caller)
    r = check_int(r, "r", caller, minimum=2)
    levels = check_int(levels, "levels", caller, minimum=2)
    if levels % 2:
        raise GameError(f"{caller}: levels must be an even integer >= 2; got {levels}.")
    d = len(names)
    _check_design(r * (d + 1), d, "trajectory points, r * (d + 1) rows", caller)
    check_count(r * d, "max_calls", "elementary effects (r x d)", caller)
    progress = check_progress(progress, caller)
    f = _evaluator(model, outcome, caller, _progress_options(model, sweep_options, progress))
    gen = _rng(rng, caller)
    delta = levels / (2 * (levels - 1))
    starts = np.arange(levels // 2) / (levels - 1)  # grid values x with x + delta <= 1
    pts = np.empty((r, d + 1, d))
    orders = np.empty((r, d), dtype=np.int64)
    signs = np.empty((r, d))
    for t in range(r):
        x = gen.choice(starts, size=d)
        s = gen.choice([-1.0, 1.0], size=d)
        x = np.where(s < 0, x + delta, x)
        order = gen.permutation(d)
        pts[t, 0] = x
        for k, j in enumerate(order):
            x = x.copy()
            x[j] += s[j] * delta
            pts[t, k + 1] = x
        orders[t], signs[t] = order, s
    X = B[:, 0] + pts.reshape(-1, d) * (B[:, 1] - B[:, 0])
    y = _run_model(f, model, names, X, progress, caller).reshape(r, d + 1)
    ee = np.empty((r, d))
    for t in range(r):
        for k, j in enumerate(orders[t]):
            ee[t, j] = (y[t, k + 1] - y[t, k]) / (signs[t, j] * delta)
    mu, mu_star = ee.mean(axis=0), np.abs(ee).mean(axis=0)
    sigma = ee.std(axis=0, ddof=1)
    for arr in (mu, mu_star, sigma, ee):
        arr.setflags(write=False)
    return MorrisResult(tuple(names), mu, mu_star, sigma, ee, int(levels), float(delta))
