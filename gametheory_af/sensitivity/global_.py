"""Global sensitivity of equilibrium outcomes: Sobol' indices, Morris screening, tornado, PRIM.

Every function takes a *model* and an *outcome*:

- ``model`` a :class:`~gametheory_af.ParametricGame` and ``outcome`` a pure
  profile (the outcome is 1 where the profile is an equilibrium, else 0),
  ``"n_equilibria"``, or a callable ``outcome(sweep_result) -> array (N,)``
  receiving a :class:`~gametheory_af.sensitivity.SweepResult`; the model is
  evaluated with :func:`~gametheory_af.sensitivity.sweep` (pure equilibria,
  vectorized);
- or ``model`` a vectorized callable ``model(**arrays) -> array (N,)`` of the
  named parameters, with ``outcome`` ``None`` or a callable applied to its output.

``bounds`` maps each uncertain parameter to ``(lo, hi)``; the parameters
are uniform on these ranges and independent. For a parametric game
``bounds=None`` takes every parameter with finite bounds; the others stay at
their defaults.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._limits import check_bytes, check_count
from .._validation import FrozenMapping, _short, check_int, check_real, check_rng
from ..exceptions import GameError
from ..parametric import ParametricGame
from ..result import ResultMixin
from .sweep import SweepResult, sweep

__all__ = [
    "SobolResult",
    "MorrisResult",
    "TornadoTable",
    "PrimResult",
    "sobol",
    "morris",
    "tornado",
    "prim",
]

Model = Callable[..., Any]


# ---------------------------------------------------------------------------- model plumbing
def _bounds(model: Any, bounds: Mapping[str, Any] | None, caller: str) -> tuple[list[str], np.ndarray]:
    if bounds is None:
        if not isinstance(model, ParametricGame):
            raise GameError(f"{caller}: bounds are required for a callable model, e.g. bounds={{'x': (0, 1)}}.")
        bounds = {
            k: (p.lower, p.upper) for k, p in model.parameters.items() if p.lower is not None and p.upper is not None
        }
        if not bounds:
            raise GameError(f"{caller}: no parameter of the game has finite bounds; give bounds={{name: (lo, hi)}}.")
    if not isinstance(bounds, Mapping):
        raise TypeError(f"{caller}: bounds must be a mapping name -> (lo, hi); got {_short(bounds)} ({type(bounds).__name__}).")
    if not bounds:
        raise GameError(f"{caller}: bounds must be a non-empty mapping name -> (lo, hi); got {bounds!r}.")
    names = list(bounds)
    arr = np.empty((len(names), 2))
    for j, k in enumerate(names):
        if not isinstance(k, str) or not k:
            raise GameError(f"{caller}: bounds must be keyed by parameter names (strings); got key {k!r}.")
        if isinstance(model, ParametricGame) and k not in model.parameters:
            raise GameError(f"{caller}: unknown parameter {k!r} in bounds; parameters are {sorted(model.parameters)}.")
        v = bounds[k]
        if isinstance(v, (str, bytes)) or not isinstance(v, Sequence) or len(v) != 2:
            raise GameError(f"{caller}: bounds[{k!r}] must be a pair (lo, hi); got {_short(v)}.")
        lo = check_real(v[0], f"bounds[{k!r}] low", caller)
        hi = check_real(v[1], f"bounds[{k!r}] high", caller)
        if lo >= hi:
            raise GameError(f"{caller}: bounds[{k!r}] must have lo < hi; got {tuple(v)!r}.")
        if isinstance(model, ParametricGame):
            p = model.parameters[k]
            if (p.lower is not None and lo < float(p.lower)) or (p.upper is not None and hi > float(p.upper)):
                raise GameError(
                    f"{caller}: bounds[{k!r}]={tuple(v)!r} are outside the bounds of {k!r} ({p.lower!r}, {p.upper!r})."
                )
        arr[j] = lo, hi
    return names, arr


#: The options of sweep() that sweep_options may set (the others are set by the analysis).
_SWEEP_OPTIONS = ("chunk_size", "backend", "progress", "client", "n_jobs", "tol")


def _check_sweep_options(model: Any, sweep_options: Any, caller: str) -> dict[str, Any]:
    if sweep_options is None:
        return {}
    if not isinstance(sweep_options, Mapping):
        raise TypeError(f"{caller}: sweep_options must be a mapping of sweep() options; got {_short(sweep_options)}.")
    for k in sweep_options:
        if k not in _SWEEP_OPTIONS:
            raise GameError(
                f"{caller}: sweep_options has an unknown or reserved option {k!r}; the options are {list(_SWEEP_OPTIONS)}."
            )
    if not isinstance(model, ParametricGame) and sweep_options:
        raise GameError(f"{caller}: sweep_options apply to a ParametricGame model only; got {dict(sweep_options)!r}.")
    return dict(sweep_options)


def _check_design(rows: int, d: int, what: str, caller: str) -> None:
    """Refuse a design of *rows* points in *d* parameters beyond the limits (before sampling)."""
    check_bytes(rows * d, 8, f"{what} ({rows:,} model runs x {d} parameters)", caller)


def _evaluator(
    model: Any, outcome: Any, caller: str, sweep_options: Mapping[str, Any] | None
) -> Callable[[dict[str, np.ndarray]], np.ndarray]:
    opts = _check_sweep_options(model, sweep_options, caller)
    if isinstance(model, ParametricGame):
        if outcome is None:
            raise GameError(f"{caller}: give an outcome for a game: a pure profile, 'n_equilibria' or a callable.")
        if isinstance(outcome, str) and outcome == "n_equilibria":

            def f(pts: dict[str, np.ndarray]) -> np.ndarray:
                return sweep(model, pts, keep_equilibria=False, **opts).n_equilibria.astype(np.float64)

        elif callable(outcome):

            def f(pts: dict[str, np.ndarray]) -> np.ndarray:
                return np.asarray(outcome(sweep(model, pts, **opts)), dtype=np.float64)

        else:
            from ._common import profile_indices

            prof = profile_indices(model, outcome, caller, name="outcome")

            def f(pts: dict[str, np.ndarray]) -> np.ndarray:
                res = sweep(model, pts, keep_equilibria=False, measures={"outcome": prof}, **opts)
                return res.measures["outcome"].astype(np.float64)

        return f
    if not callable(model):
        raise TypeError(f"{caller}: model must be a ParametricGame or a callable; got {type(model).__name__}.")
    if outcome is not None and not callable(outcome):
        raise GameError(f"{caller}: for a callable model, outcome must be None or a callable; got {outcome!r}.")

    def g(pts: dict[str, np.ndarray]) -> np.ndarray:
        y = model(**pts)
        if outcome is not None:
            y = outcome(y)
        return np.asarray(y, dtype=np.float64)

    return g


def _evaluate(f: Callable[[dict[str, np.ndarray]], np.ndarray], names: list[str], X: np.ndarray, caller: str) -> np.ndarray:
    y = np.asarray(f({k: X[:, j] for j, k in enumerate(names)}), dtype=np.float64)
    if y.shape != (X.shape[0],):
        y = np.broadcast_to(y, (X.shape[0],)) if y.ndim == 0 else y
    if y.shape != (X.shape[0],):
        raise GameError(f"{caller}: the outcome must have one value per point ({X.shape[0]}); got shape {y.shape}.")
    if not np.isfinite(y).all():
        raise GameError(f"{caller}: the outcome is not finite at some points.")
    return y


def _rng(rng: Any, caller: str) -> np.random.Generator:
    return check_rng(rng, caller)


# ---------------------------------------------------------------------------- Sobol'
@dataclass(frozen=True, eq=False)
class SobolResult(ResultMixin):
    """First- and total-order Sobol' indices with bootstrap confidence intervals.

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
        """A :class:`pandas.DataFrame` indexed by parameter."""
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
        outputs beyond ``max_entries``/``max_bytes``.
    TypeError
        For arguments of the wrong type (``n=1024.0``, ``rng="abc"``, ...).

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
    f = _evaluator(model, outcome, caller, sweep_options)
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
    y = _evaluate(f, names, X, caller)
    fA, fB, fAB = y[:n], y[n : 2 * n], y[2 * n :].reshape(d, n)
    s1, st = _sobol_estimates(fA, fB, fAB)
    boot1 = np.empty((n_bootstrap, d))
    boott = np.empty((n_bootstrap, d))
    for r in range(n_bootstrap):
        idx = gen.integers(0, n, n)
        boot1[r], boott[r] = _sobol_estimates(fA[idx], fB[idx], fAB[:, idx])
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


# ---------------------------------------------------------------------------- Morris
@dataclass(frozen=True, eq=False)
class MorrisResult(ResultMixin):
    """Morris elementary effects: mean, mean absolute value and spread per parameter.

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
        """A :class:`pandas.DataFrame` indexed by parameter, sorted as given."""
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

    Returns
    -------
    MorrisResult

    Raises
    ------
    GameError
        Before any model run: for bad bounds, ``r < 2``, odd or small
        *levels*, a negative seed, a bad outcome; for ``r * (d + 1) * d``
        design entries beyond ``max_entries``/``max_bytes`` or ``r * d``
        elementary effects beyond ``max_calls`` (:func:`gametheory_af.set_limits`).
    TypeError
        For arguments of the wrong type.

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
    f = _evaluator(model, outcome, caller, sweep_options)
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
    y = _evaluate(f, names, X, caller).reshape(r, d + 1)
    ee = np.empty((r, d))
    for t in range(r):
        for k, j in enumerate(orders[t]):
            ee[t, j] = (y[t, k + 1] - y[t, k]) / (signs[t, j] * delta)
    mu, mu_star = ee.mean(axis=0), np.abs(ee).mean(axis=0)
    sigma = ee.std(axis=0, ddof=1)
    for arr in (mu, mu_star, sigma, ee):
        arr.setflags(write=False)
    return MorrisResult(tuple(names), mu, mu_star, sigma, ee, int(levels), float(delta))


# ---------------------------------------------------------------------------- tornado
@dataclass(frozen=True, eq=False)
class TornadoTable(ResultMixin):
    """One-at-a-time sensitivity: the outcome at each parameter's low and high value.

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
        """A :class:`pandas.DataFrame`, one row per parameter."""
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


# ---------------------------------------------------------------------------- PRIM
@dataclass(frozen=True, eq=False)
class PrimResult(ResultMixin):
    """A box of parameter ranges where an outcome holds (PRIM scenario discovery).

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
        """The box in words."""
        parts = [f"{lo:.4g} <= {k} <= {hi:.4g}" for k, (lo, hi) in self.box.items() if k in self.restricted]
        return (
            f"{' and '.join(parts) or 'the whole range'}: coverage {self.coverage:.0%}, "
            f"density {self.density:.0%}, support {self.support:.0%}"
        )

    def trajectory_to_pandas(self) -> Any:
        """The peeling trajectory as a :class:`pandas.DataFrame`."""
        pd = _pandas("PrimResult.trajectory_to_pandas")
        return pd.DataFrame([{k: v for k, v in s.items() if k != "box"} for s in self.trajectory])


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


def _pandas(caller: str) -> Any:
    try:
        import pandas as pd
    except ImportError as err:
        raise ImportError(f"{caller}() needs pandas; install it with `pip install pandas`.") from err
    return pd

