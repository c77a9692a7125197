"""Variance-based global sensitivity: Sobol' first-order and total indices.

The *model*, *outcome* and *bounds* arguments are those of every global
analysis of :mod:`gametheory_af.sensitivity`: ``model`` a
:class:`~gametheory_af.ParametricGame` with ``outcome`` a pure profile,
``"n_equilibria"`` or a callable of the :class:`~gametheory_af.sensitivity.SweepResult`,
or a vectorized callable ``model(**arrays)``; ``bounds`` maps each uncertain
parameter to a uniform range ``(lo, hi)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._limits import check_bytes, check_count
from .._progress import check_progress, progress_bar
from .._validation import check_int, check_real
from ..exceptions import GameError
from ..parametric import ParametricGame
from ..result import ResultMixin
from ._model import Model, _bounds, _check_design, _evaluate, _evaluator, _pandas, _rng

__all__ = ["SobolResult", "sobol"]


# ---------------------------------------------------------------------------- Sobol'
@dataclass(frozen=True, eq=False)
class SobolResult(ResultMixin):
    """First- and total-order Sobol' indices with bootstrap confidence intervals.

    Parameters
    ----------
    names, first_order, total_order, first_order_interval : see Attributes
    total_order_interval, confidence, n, variance : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    names : tuple of str
    first_order, total_order : numpy.ndarray of shape (d,)
        Estimates (Saltelli et al. 2010 first order, Jansen 1999 total order,
        through :func:`scipy.stats.sobol_indices`).
    first_order_interval, total_order_interval : numpy.ndarray of shape (d, 2)
        Percentile bootstrap intervals at level ``confidence``.
    confidence : float
    n : int
        Base sample size; the model was evaluated ``n * (d + 2)`` times.
    variance : float
        The outcome's variance over the sample (0: the indices are all 0).

    Examples
    --------
    >>> import numpy as np
    >>> from gametheory_af.sensitivity import sobol
    >>> res = sobol(lambda a, b: a + 0 * b, None, {"a": (0, 1), "b": (0, 1)}, n=256, rng=0)
    >>> np.round(res.first_order, 2)
    array([1., 0.])
    """

    names: tuple[str, ...]
    first_order: np.ndarray
    total_order: np.ndarray
    first_order_interval: np.ndarray
    total_order_interval: np.ndarray
    confidence: float
    n: int
    variance: float

    def to_pandas(self) -> Any:
        """A :class:`pandas.DataFrame` indexed by parameter.

        Returns
        -------
        pandas.DataFrame
            The table.
        """
        pd = _pandas("SobolResult.to_pandas")
        return pd.DataFrame(
            {
                "S1": self.first_order,
                "S1_lo": self.first_order_interval[:, 0],
                "S1_hi": self.first_order_interval[:, 1],
                "ST": self.total_order,
                "ST_lo": self.total_order_interval[:, 0],
                "ST_hi": self.total_order_interval[:, 1],
            },
            index=list(self.names),
        )

    def __repr__(self) -> str:
        rows = ", ".join(f"{k}: S1={a:.3f} ST={b:.3f}" for k, a, b in zip(self.names, self.first_order, self.total_order))
        return f"SobolResult({rows}; n={self.n})"


#: How many times a bar over a loop of cheap items advances (per block of items).
_BAR_UPDATES = 50


def _progress_options(model: Any, sweep_options: Any, progress: bool) -> Any:
    """*sweep_options* with the sweep's bar on when *progress* is true and the model is a game."""
    if progress and isinstance(model, ParametricGame) and (sweep_options is None or isinstance(sweep_options, Mapping)):
        return {**(sweep_options or {}), "progress": True}
    return sweep_options


def _run_model(f: Any, model: Any, names: list[str], X: np.ndarray, progress: bool, caller: str) -> np.ndarray:
    """The outcome at the rows of *X*; a callable model runs in one call, under a bar of all its runs.

    A game's runs are a sweep, which shows its own bar (per chunk) when *progress* is true.
    """
    on = progress and not isinstance(model, ParametricGame)
    with progress_bar(on, caller, X.shape[0], unit="run", desc=f"{caller}: model runs") as bar:
        y = _evaluate(f, names, X, caller)
        bar.update(X.shape[0])
    return y


def _sobol_estimates(fA: np.ndarray, fB: np.ndarray, fAB: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from scipy.stats import sobol_indices

    n, d = fA.shape[0], fAB.shape[0]
    if d == 1:
        # scipy squeezes a single index to a scalar and then fails; add an inert
        # second parameter (its AB runs equal the A runs, so its indices are 0).
        fAB = np.concatenate([fAB, fA[None, :]])
    res = sobol_indices(func={"f_A": fA[None, :], "f_B": fB[None, :], "f_AB": fAB[:, None, :]}, n=n)
    s1 = np.atleast_1d(np.asarray(res.first_order, dtype=np.float64)).reshape(-1)[:d].copy()
    st = np.atleast_1d(np.asarray(res.total_order, dtype=np.float64)).reshape(-1)[:d].copy()
    return s1, st


def sobol(
    model: ParametricGame | Model,
    outcome: Any = None,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    *,
    n: int = 1024,
    rng: None | int | np.random.Generator = None,
    confidence: float = 0.95,
    n_bootstrap: int = 200,
    sweep_options: Mapping[str, Any] | None = None,
    progress: bool = False,
) -> SobolResult:
    """First- and total-order Sobol' indices of an outcome, with confidence intervals.

    Parameters
    ----------
    model : ParametricGame or callable
        See the module notes.
    outcome : profile, "n_equilibria", callable or None
        See the module notes.
    bounds : mapping name -> (lo, hi), optional
        The uncertain parameters (independent uniforms).
    n : int, default 1024
        Base sample size, a power of 2 (a scrambled Sobol' sequence is used).
    rng : None, int or numpy.random.Generator
        Seeds the scrambling and the bootstrap.
    confidence : float, default 0.95
        Level of the percentile bootstrap intervals.
    n_bootstrap : int, default 200
        Bootstrap resamples (of the ``n`` rows of the design).
    sweep_options : mapping, optional
        Passed to :func:`~gametheory_af.sensitivity.sweep` for a game
        (``backend``, ``chunk_size``, ...).
    progress : bool, default False
        Show :mod:`tqdm` progress bars (the ``progress`` extra): the model
        runs (for a game, the bar of :func:`~gametheory_af.sensitivity.sweep`,
        advanced per chunk; a callable model runs in one vectorized call) and the bootstrap resamples.

    Returns
    -------
    SobolResult

    Raises
    ------
    GameError
        Before any model run: for bad bounds (unknown names, not finite,
        ``lo >= hi``, outside a game's parameter bounds), *n* not a power of 2,
        *confidence* outside (0, 1), ``n_bootstrap < 1``, a negative seed, an
        unknown ``sweep_options`` key or a bad outcome; for a design beyond
        the limits (:func:`gametheory_af.set_limits`): ``n * (d + 2) * d``
        sample entries beyond ``max_entries``/``max_bytes``, *n_bootstrap*
        beyond ``max_calls``, or ``n_bootstrap * n * (d + 2)`` resampled
        outputs beyond ``max_entries``/``max_bytes``; ``progress=True``
        without tqdm installed.
    TypeError
        For arguments of the wrong type (``n=1024.0``, ``rng="abc"``,
        ``progress="yes"``, ...).

    Notes
    -----
    The design is Saltelli's: two independent ``(n, d)`` matrices ``A`` and
    ``B`` and the ``d`` matrices ``AB_i`` (``A`` with column ``i`` from
    ``B``), ``n (d + 2)`` model runs in one vectorized call. The estimates
    are computed by :func:`scipy.stats.sobol_indices` from these runs; the
    intervals by resampling the ``n`` rows with replacement and recomputing.
    For a 0/1 outcome ("is the profile an equilibrium") the indices
    decompose the variance ``p (1 - p)`` of the indicator.

    References
    ----------
    Sobol', I. M. (2001). Global sensitivity indices for nonlinear mathematical
    models and their Monte Carlo estimates. *Math. Comput. Simul.* 55, 271-280.

    Saltelli, A. (2002). Making best use of model evaluations to compute
    sensitivity indices. *Comput. Phys. Commun.* 145, 280-297.

    Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M., Tarantola, S.
    (2010). Variance based sensitivity analysis of model output. *Comput. Phys.
    Commun.* 181, 259-270.

    Jansen, M. J. W. (1999). Analysis of variance designs for model output.
    *Comput. Phys. Commun.* 117, 35-43.

    Examples
    --------
    The Ishigami function, whose indices are known analytically
    (``S1 = 0.314, 0.442, 0``):

    >>> import numpy as np
    >>> from gametheory_af.sensitivity import sobol
    >>> def ishigami(x1, x2, x3):
    ...     return np.sin(x1) + 7 * np.sin(x2) ** 2 + 0.1 * x3**4 * np.sin(x1)
    >>> b = {k: (-np.pi, np.pi) for k in ("x1", "x2", "x3")}
    >>> res = sobol(ishigami, None, b, n=4096, rng=1, n_bootstrap=50)
    >>> np.round(res.first_order, 1)
    array([0.3, 0.4, 0. ])
    """
    caller = "sobol"
    names, B = _bounds(model, bounds, caller)
    n = check_int(n, "n", caller)
    if n < 2 or (n & (n - 1)):
        below = 1 << max(1, n.bit_length() - 1) if n >= 2 else 2
        raise GameError(
            f"{caller}: n must be a power of 2 (at least 2), as the Sobol' sequence needs; got {n} "
            f"(try {below} or {2 * below if n >= 2 else 4})."
        )
    confidence = check_real(confidence, "confidence", caller, minimum=0, maximum=1, strict_min=True, strict_max=True)
    n_bootstrap = check_int(n_bootstrap, "n_bootstrap", caller, minimum=1)
    d = len(names)
    _check_design(n * (d + 2), d, "Saltelli design entries, n * (d + 2) rows", caller)
    check_count(n_bootstrap, "max_calls", "bootstrap resamples", caller)
    check_bytes(n_bootstrap * n * (d + 2), 8, "resampled model outputs (n_bootstrap x n x (d + 2))", caller)
    progress = check_progress(progress, caller)
    f = _evaluator(model, outcome, caller, _progress_options(model, sweep_options, progress))
    gen = _rng(rng, caller)
    from scipy.stats import qmc

    base = qmc.Sobol(d=2 * d, scramble=True, rng=gen).random(int(n))
    lo, width = B[:, 0], B[:, 1] - B[:, 0]
    A = lo + base[:, :d] * width
    Bm = lo + base[:, d:] * width
    AB = np.repeat(A[None], d, axis=0)
    for i in range(d):
        AB[i, :, i] = Bm[:, i]
    X = np.concatenate([A, Bm, AB.reshape(d * n, d)])
    y = _run_model(f, model, names, X, progress, caller)
    fA, fB, fAB = y[:n], y[n : 2 * n], y[2 * n :].reshape(d, n)
    s1, st = _sobol_estimates(fA, fB, fAB)
    boot1 = np.empty((n_bootstrap, d))
    boott = np.empty((n_bootstrap, d))
    block = max(1, n_bootstrap // _BAR_UPDATES)  # the bar advances per block of resamples, not per resample
    with progress_bar(progress, caller, n_bootstrap, unit="resample", desc=f"{caller}: bootstrap") as bar:
        for first in range(0, n_bootstrap, block):
            last = min(n_bootstrap, first + block)
            for r in range(first, last):
                idx = gen.integers(0, n, n)
                boot1[r], boott[r] = _sobol_estimates(fA[idx], fB[idx], fAB[:, idx])
            bar.update(last - first)
    a = (1 - confidence) / 2
    ci1 = np.quantile(boot1, [a, 1 - a], axis=0).T
    cit = np.quantile(boott, [a, 1 - a], axis=0).T
    for arr in (s1, st, ci1, cit):
        arr.setflags(write=False)
    return SobolResult(
        names=tuple(names),
        first_order=s1,
        total_order=st,
        first_order_interval=ci1,
        total_order_interval=cit,
        confidence=float(confidence),
        n=int(n),
        variance=float(np.var(np.concatenate([fA, fB]))),
    )
