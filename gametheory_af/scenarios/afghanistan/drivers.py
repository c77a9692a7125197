r"""What drives the leverage threshold, and how much Pakistan's leverage decides the outcome.

Two questions of the flagship, each answered by one call over the whole
documented parameter box (every parameter independent and uniform over its
bounds, :meth:`Parameters.info`):

:func:`threshold_drivers`
    which parameters move the least leverage at which power sharing is an
    equilibrium (in the narrow or the full sense of
    :mod:`~gametheory_af.scenarios.afghanistan.claims`), with "never" (no
    leverage in :math:`[0, 2]` suffices) kept as its own outcome: its
    probability, the Sobol' indices of the indicator "never", the Sobol'
    indices of the threshold with "never" counted as the top of the leverage
    range, and a tornado from a base point, exact, that says "never" in words.
:func:`leverage_decides`
    the probability that power sharing is an equilibrium in the full sense as a
    function of Pakistan's leverage, over the uncertainty about the other 24
    parameters, with a Wilson band, beside the narrow sense; and leverage's
    share of the variance of the outcome "power sharing is a full-sense
    equilibrium", ranked among all 25 parameters.

Both evaluate the leverage sets of
:func:`~gametheory_af.scenarios.afghanistan.claims.sets_over_box` on whole
samples at once (no loop over points) and estimate the Sobol' indices with the
library's own estimator, :func:`gametheory_af.sensitivity.sobol` (Saltelli
2010 first order, Jansen 1999 total order, percentile bootstrap intervals).

Examples
--------
>>> from gametheory_af.scenarios.afghanistan.drivers import leverage_decides
>>> res = leverage_decides(n=2000, grid=5, n_sobol=256, n_bootstrap=20)
>>> res.leverage.tolist()
[0.0, 0.5, 1.0, 1.5, 2.0]
>>> bool((res.narrow_probability >= res.full_probability).all())
True
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..._validation import check_int, check_real, check_rng
from ..._validation import fraction_text as _fmt
from ...exceptions import GameError
from ...result import ResultMixin
from ...sensitivity import SobolResult, sobol
from .claims import leverage_sets, sample_box, sets_over_box
from .parameters import Parameters
from .payoffs import _withdrawal_index

__all__ = ["ThresholdDrivers", "LeverageDecides", "threshold_drivers", "leverage_decides", "wilson_interval"]

#: The two senses of "power sharing is an equilibrium" (see :mod:`~gametheory_af.scenarios.afghanistan.claims`).
SENSES: tuple[str, str] = ("narrow", "full")

_SENSE_WORDS = {
    "narrow": "the government and the Taliban accept (Pakistan pressing)",
    "full": "the government and the Taliban accept and pressing is Pakistan's own best response",
}


# ---------------------------------------------------------------------------- helpers
def wilson_interval(successes: Any, n: int, confidence: float = 0.95) -> np.ndarray:
    """Wilson's score interval for a binomial proportion (vectorized over *successes*).

    Parameters
    ----------
    successes : array_like of int
        Counts of successes, each in ``0..n``.
    n : int
        Trials (the same for every count), at least 1.
    confidence : float, default 0.95
        Level, in (0, 1).

    Returns
    -------
    numpy.ndarray of shape (..., 2)
        Lower and upper ends, within ``[0, 1]``.

    Notes
    -----
    Unlike the Wald interval it never leaves ``[0, 1]`` and keeps its coverage
    near 0 and 1, where the probability of power sharing often lies (Brown,
    Cai & DasGupta 2001 recommend it for that reason).

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and
    statistical inference. *J. Amer. Statist. Assoc.* 22, 209-212.

    Brown, L. D., Cai, T. T., DasGupta, A. (2001). Interval estimation for a
    binomial proportion. *Statist. Sci.* 16, 101-133.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.drivers import wilson_interval
    >>> wilson_interval(0, 100).round(4).tolist()
    [0.0, 0.037]
    >>> wilson_interval([50], 100).round(4).tolist()
    [[0.4038, 0.5962]]
    """
    from scipy.stats import norm

    caller = "wilson_interval"
    n = check_int(n, "n", caller, minimum=1)
    confidence = check_real(confidence, "confidence", caller, minimum=0, maximum=1, strict_min=True, strict_max=True)
    k = np.asarray(successes, dtype=float)
    if not np.all((k >= 0) & (k <= n)):
        raise GameError(f"{caller}: successes must lie in 0..n = 0..{n}; got {successes!r}.")
    z = float(norm.ppf(0.5 + confidence / 2))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return np.clip(np.stack([centre - half, centre + half], axis=-1), 0.0, 1.0)


def _power_of_two(n: Any, name: str, caller: str) -> int:
    k = int(check_int(n, name, caller, minimum=2))
    if k & (k - 1):
        raise GameError(f"{caller}: {name} must be a power of 2 (the Sobol' sequence needs it); got {k}.")
    return k


def _sense(sense: Any, caller: str) -> str:
    if sense not in SENSES:
        raise GameError(f"{caller}: sense must be 'narrow' or 'full'; got {sense!r}.")
    return str(sense)


def _withdrawal(withdrawal: Any, caller: str) -> str:
    _withdrawal_index(withdrawal, caller)
    return "calendar" if str(withdrawal).lower().startswith("calendar") else "conditions"


def _box(exclude: tuple[str, ...] = ()) -> dict[str, tuple[float, float]]:
    return {k: (float(p.lower), float(p.upper)) for k, p in Parameters.info().items() if k not in exclude}


def _top() -> float:
    return float(Parameters.info()["leverage"].upper)


def _indicators(values: dict[str, Any], leverage: Any, withdrawal: str) -> tuple[np.ndarray, np.ndarray]:
    """(full, narrow) membership of every leverage of *leverage* at every point: boolean ``(len(leverage), n)``."""
    s = sets_over_box(values, withdrawal)
    x = np.asarray(leverage, dtype=float)[:, None, None]
    full = np.any((s["full_lo"][None] <= x) & (x <= s["full_hi"][None]), axis=1)
    narrow = (s["narrow_lo"][None] <= x[:, 0]) & (x[:, 0] <= s["narrow_hi"][None])
    return full, narrow


def _full_at_own_leverage(withdrawal: str) -> Any:
    def f(**values: np.ndarray) -> np.ndarray:
        s = sets_over_box(values, withdrawal)
        x = values["leverage"]
        inside: np.ndarray = np.any((s["full_lo"] <= x) & (x <= s["full_hi"]), axis=0)
        return inside.astype(np.float64)

    return f


def _ranking(res: SobolResult) -> list[dict[str, Any]]:
    order = np.lexsort((-res.first_order, -res.total_order))
    return [
        {
            "parameter": res.names[i],
            "first_order": float(res.first_order[i]),
            "first_order_interval": [float(v) for v in res.first_order_interval[i]],
            "total_order": float(res.total_order[i]),
            "total_order_interval": [float(v) for v in res.total_order_interval[i]],
        }
        for i in order
    ]


def _sobol_dict(res: SobolResult) -> dict[str, Any]:
    return {"n": res.n, "confidence": res.confidence, "variance": res.variance, "indices": _ranking(res)}


def _top_text(res: SobolResult, k: int = 3) -> str:
    rows = _ranking(res)[:k]
    return ", ".join(f"{r['parameter']} ({r['total_order']:.2f})" for r in rows)


def _thr_text(x: Fraction | None) -> str:
    if x is None:
        return "never"
    return _fmt(x) if len(_fmt(x)) <= 7 else f"{float(x):.3f}"


# ---------------------------------------------------------------------------- what drives the threshold
@dataclass(frozen=True, eq=False)
class ThresholdDrivers(ResultMixin):
    """What moves the least leverage at which power sharing is an equilibrium, "never" kept apart.

    Parameters
    ----------
    withdrawal, sense, p_never, p_never_interval, n_sample, never, threshold, cap : see Attributes
    never_share, reachable_quantiles, base, base_threshold, tornado : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    withdrawal : str
        ``"calendar"`` or ``"conditions"``.
    sense : str
        ``"narrow"`` or ``"full"``.
    p_never : float
        The share of the box (24 parameters, ``leverage`` excluded) at which no
        leverage in ``[0, 2]`` makes power sharing an equilibrium in this sense.
    p_never_interval : tuple of float
        Its Wilson interval at the level of the Sobol' intervals.
    n_sample : int
        The independent uniform points behind ``p_never``,
        ``never_share`` and ``reachable_quantiles``.
    never : SobolResult
        Sobol' indices of the indicator "never" (1 never, 0 reachable).
    threshold : SobolResult
        Sobol' indices of the threshold with "never" counted as ``cap``.
    cap : float
        The top of the leverage range (2): the value "never" takes in ``threshold``.
    never_share : float
        The share of the variance of the capped threshold that is the split
        between "never" and "reachable" alone (law of total variance:
        ``p (1 - p) (cap - E[threshold | reachable])**2 / Var``); the rest is
        the spread of the threshold where it exists. ``nan`` if the capped
        threshold does not vary.
    reachable_quantiles : mapping
        ``"5%"``, ``"50%"``, ``"95%"`` and ``"mean"`` of the threshold over the
        points where it exists (``nan`` if none).
    base : Parameters
        The base point of the tornado.
    base_threshold : Fraction or None
        The exact threshold there (``None``: never).
    tornado : tuple of dict
        One row per parameter, largest effect first: ``parameter``, ``low``,
        ``high`` (its bounds, exact), ``threshold_low``, ``threshold_high``
        (exact, ``None`` for never) and ``effect`` (the larger move from the
        base, "never" counted as ``cap``).
    """

    withdrawal: str
    sense: str
    p_never: float
    p_never_interval: tuple[float, float]
    n_sample: int
    never: SobolResult
    threshold: SobolResult
    cap: float
    never_share: float
    reachable_quantiles: Any
    base: Parameters
    base_threshold: Fraction | None
    tornado: tuple[dict[str, Any], ...]

    def ranking(self, which: str = "threshold") -> list[dict[str, Any]]:
        """The Sobol' indices of one outcome, largest total order first.

        Parameters
        ----------
        which : {"threshold", "never"}
            The capped threshold (``threshold``) or the indicator "never" (``never``).

        Returns
        -------
        list of dict
            ``parameter``, ``first_order``, ``first_order_interval``,
            ``total_order``, ``total_order_interval``.

        Examples
        --------
        >>> from gametheory_af.scenarios.afghanistan.drivers import threshold_drivers
        >>> d = threshold_drivers(sense="narrow", n=128, n_bootstrap=10, n_sample=100)
        >>> [r["total_order"] for r in d.ranking() if r["parameter"] == "refugee_cost"]
        [0.0]
        """
        if which not in ("threshold", "never"):
            raise GameError(f"ThresholdDrivers.ranking: which must be 'threshold' or 'never'; got {which!r}.")
        return _ranking(self.threshold if which == "threshold" else self.never)

    def tornado_rows(self) -> list[str]:
        """The tornado in words, one line per parameter (largest effect first).

        Returns
        -------
        list of str
        """
        out = []
        for r in self.tornado:
            lo, hi = r["threshold_low"], r["threshold_high"]
            if lo == hi == self.base_threshold:
                move = "no effect"
            else:
                move = f"{_thr_text(lo)} at {_fmt(r['low'])}, {_thr_text(hi)} at {_fmt(r['high'])}"
                if None in (lo, hi) and self.base_threshold is not None:
                    move += " (reaches never)"
            out.append(f"{r['parameter']}: {move}")
        return out

    def describe(self) -> str:
        """A few lines for the report.

        Returns
        -------
        str
        """
        lo, hi = self.p_never_interval
        q = self.reachable_quantiles
        reach = (
            f"where it exists it lies between {q['5%']:.2f} and {q['95%']:.2f} (90% of the points; median {q['50%']:.2f})"
            if self.p_never < 1
            else "it exists nowhere in the sample"
        )
        moved = [r for r in self.tornado_rows() if not r.endswith("no effect")][:3]
        return "\n".join(
            [
                f"Least leverage for power sharing ({self.sense} sense: {_SENSE_WORDS[self.sense]}; "
                f"{self.withdrawal}-based withdrawal), over the whole box:",
                f"  never reached (no leverage up to {self.cap:g} suffices) at {self.p_never:.1%} of the box "
                f"[{lo:.1%}, {hi:.1%}]; {reach}.",
                (f"  Whether it is reached depends most on (total Sobol' index): {_top_text(self.never)}."
                 if self.never.variance > 0 else
                 "  It is reached at every point of the Sobol' sample, so nothing there decides whether it is."
                 if self.p_never < 1 else "  It is reached at no point of the Sobol' sample."),
                f"  Its value (never counted as {self.cap:g}) depends most on: {_top_text(self.threshold)}; "
                + (f"{self.never_share:.0%} of that variance is the split between never and reachable."
                   if self.never_share == self.never_share else "it does not vary."),
                f"  One at a time from the base point (threshold {_thr_text(self.base_threshold)}): "
                + ("; ".join(moved) if moved else "no parameter moves it")
                + ".",
            ]
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (exact tornado values as strings, "never" as ``None``).

        Returns
        -------
        dict
        """

        def ex(x: Fraction | None) -> str | None:
            return None if x is None else _fmt(x)

        return {
            "withdrawal": self.withdrawal,
            "sense": self.sense,
            "p_never": self.p_never,
            "p_never_interval": list(self.p_never_interval),
            "n_sample": self.n_sample,
            "never": _sobol_dict(self.never),
            "threshold": _sobol_dict(self.threshold),
            "cap": self.cap,
            "never_share": None if self.never_share != self.never_share else self.never_share,
            "reachable_quantiles": {k: (None if v != v else v) for k, v in self.reachable_quantiles.items()},
            "base": {k: _fmt(v) for k, v in self.base.as_dict().items()},
            "base_threshold": ex(self.base_threshold),
            "tornado": [
                {
                    "parameter": r["parameter"],
                    "low": ex(r["low"]),
                    "high": ex(r["high"]),
                    "threshold_low": ex(r["threshold_low"]),
                    "threshold_high": ex(r["threshold_high"]),
                    "effect": float(r["effect"]),
                    "text": t,
                }
                for r, t in zip(self.tornado, self.tornado_rows())
            ],
        }


def _threshold_of(withdrawal: str, sense: str) -> Any:
    key = f"{sense}_threshold"

    def f(**values: np.ndarray) -> np.ndarray:
        return np.asarray(sets_over_box(values, withdrawal)[key], dtype=np.float64)

    return f


def _spread(t: np.ndarray, cap: float) -> tuple[float, dict[str, float], float]:
    """P(never), the quantiles of the threshold where it exists, and the never/reachable share of the capped variance."""
    is_never = np.isinf(t)
    p = float(is_never.mean())
    reach = t[~is_never]
    var = float(np.var(np.minimum(t, cap)))
    nan = float("nan")
    if not reach.size:
        return p, {"5%": nan, "50%": nan, "95%": nan, "mean": nan}, nan
    quant = {"5%": float(np.quantile(reach, 0.05)), "50%": float(np.quantile(reach, 0.5)),
             "95%": float(np.quantile(reach, 0.95)), "mean": float(reach.mean())}
    split = p * (1 - p) * (cap - quant["mean"]) ** 2
    return p, quant, (split / var if var > 0 else nan)


def _exact_threshold(params: Parameters, withdrawal: str, sense: str) -> Fraction | None:
    s = leverage_sets(params, withdrawal)
    return s.full_threshold if sense == "full" else s.narrow_threshold


def threshold_drivers(
    params: Parameters | None = None,
    *,
    withdrawal: str = "calendar",
    sense: str = "full",
    n: int = 1024,
    rng: Any = 0,
    confidence: float = 0.95,
    n_bootstrap: int = 200,
    n_sample: int = 8192,
) -> ThresholdDrivers:
    """Global and one-at-a-time sensitivity of the least leverage for power sharing, "never" apart.

    Parameters
    ----------
    params : Parameters, optional
        The base point of the tornado (defaults: ``Parameters()``). The
        Sobol' indices do not depend on it: they cover the whole box.
    withdrawal : {"calendar", "conditions"}
    sense : {"full", "narrow"}
        ``"full"``: Pakistan's pressing is its own best response too (the
        op-ed's sense); ``"narrow"``: the government and the Taliban accept
        with Pakistan pressing.
    n : int, default 1024
        Base sample of the Sobol' design (a power of 2; ``n * 26`` evaluations each).
    rng : None, int or numpy.random.Generator, default 0
    confidence : float, default 0.95
        Level of the bootstrap intervals and of the Wilson interval of ``p_never``.
    n_bootstrap : int, default 200
    n_sample : int, default 8192
        Independent uniform points for the probability of "never" and the
        spread of the threshold where it exists.

    Returns
    -------
    ThresholdDrivers

    Raises
    ------
    GameError
        For a bad *withdrawal*, *sense*, *n*, *confidence*, *n_bootstrap* or *n_sample* (named in the message).
    TypeError
        For *params* that are not :class:`Parameters`.

    Notes
    -----
    The threshold does not depend on ``leverage`` (it is the least leverage),
    so the box has 24 dimensions here. Where no leverage in ``[0, 2]`` makes
    power sharing an equilibrium the threshold does not exist. That outcome is
    reported on its own (``p_never`` and the Sobol'
    indices of its indicator: the variance-based counterpart of Monte Carlo
    filtering into reachable and not, Saltelli et al. 2008, ch. 5). For the
    indices of the *value* the threshold is *capped*: "never" counts as the top
    of the leverage range, 2 (no leverage Pakistan can have suffices). Sobol'
    indices are defined for independent inputs; the alternative, indices of
    the threshold conditional on its existing, would restrict the box to the
    region where it exists, which is not a product of intervals, so the inputs
    would be dependent and the ANOVA decomposition neither unique nor
    estimable by the Saltelli design (Chastaing, Gamboa & Prieur 2012). The
    price of capping: where "never" is frequent, the capped threshold's
    variance is mostly the split between never and reachable, so its indices
    resemble those of the indicator; ``never_share``
    says how much, and ``reachable_quantiles`` gives the
    spread where it exists. The value 2 is a convention (the bound of the
    documented range), not a leverage at which peace arrives.

    The tornado is exact (:func:`~gametheory_af.scenarios.afghanistan.claims.leverage_sets`
    at each parameter's bounds, the others at *params*) and sorted as
    :func:`gametheory_af.sensitivity.tornado` sorts: by the larger move from
    the base, then by the swing, "never" counted as the cap. It misses
    interactions, which the Sobol' indices show (Saltelli et al. 2008, ch. 1.2).

    References
    ----------
    Saltelli, A., Ratto, M., Andres, T., Campolongo, F., Cariboni, J., Gatelli, D.,
    Saisana, M., Tarantola, S. (2008). *Global Sensitivity Analysis: The Primer*. Wiley.

    Chastaing, G., Gamboa, F., Prieur, C. (2012). Generalized Hoeffding-Sobol
    decomposition for dependent variables: application to sensitivity analysis.
    *Electron. J. Statist.* 6, 2420-2448.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.drivers import threshold_drivers
    >>> d = threshold_drivers(n=256, n_bootstrap=20, n_sample=2000)
    >>> d.base_threshold, round(d.p_never, 2)
    (Fraction(29, 60), 0.41)
    >>> for row in d.tornado_rows()[:2]:
    ...     print(row)
    government_discount_rate: never at 1/2, 29/60 at 1 (reaches never)
    pressing_cost: 29/60 at 0, never at 1/2 (reaches never)
    >>> d.never.names == d.threshold.names and "leverage" not in d.never.names
    True
    """
    caller = "threshold_drivers"
    if params is None:
        params = Parameters()
    if not isinstance(params, Parameters):
        raise TypeError(f"{caller}: params must be Parameters or None; got {type(params).__name__}.")
    withdrawal = _withdrawal(withdrawal, caller)
    sense = _sense(sense, caller)
    n = _power_of_two(n, "n", caller)
    n_bootstrap = check_int(n_bootstrap, "n_bootstrap", caller, minimum=1)
    n_sample = check_int(n_sample, "n_sample", caller, minimum=1)
    confidence = check_real(confidence, "confidence", caller, minimum=0, maximum=1, strict_min=True, strict_max=True)
    gen = check_rng(rng, caller)
    cap = _top()
    box = _box(exclude=("leverage",))
    f = _threshold_of(withdrawal, sense)
    never = sobol(lambda **v: np.isinf(f(**v)).astype(np.float64), None, box,
                  n=n, rng=gen, confidence=confidence, n_bootstrap=n_bootstrap)
    capped = sobol(lambda **v: np.minimum(f(**v), cap), None, box,
                   n=n, rng=gen, confidence=confidence, n_bootstrap=n_bootstrap)
    # probability of never and the spread where the threshold exists, on an independent uniform sample
    p, quant, never_share = _spread(f(**sample_box(n_sample, rng=gen)), cap)
    lo_hi = wilson_interval(round(p * n_sample), n_sample, confidence)
    # the tornado, exact
    base_t = _exact_threshold(params, withdrawal, sense)
    info = Parameters.info()

    def val(x: Fraction | None) -> float:
        return cap if x is None else float(x)

    rows: list[dict[str, Any]] = []
    for name in box:
        lo, hi = Fraction(info[name].lower), Fraction(info[name].upper)
        t_lo = _exact_threshold(params.replace(**{name: lo}), withdrawal, sense)
        t_hi = _exact_threshold(params.replace(**{name: hi}), withdrawal, sense)
        effect = max(abs(val(t_lo) - val(base_t)), abs(val(t_hi) - val(base_t)))
        rows.append({"parameter": name, "low": lo, "high": hi, "threshold_low": t_lo, "threshold_high": t_hi,
                     "effect": effect, "_swing": abs(val(t_hi) - val(t_lo))})
    rows.sort(key=lambda r: (-float(r["effect"]), -float(r.pop("_swing"))))
    return ThresholdDrivers(
        withdrawal=withdrawal,
        sense=sense,
        p_never=p,
        p_never_interval=(float(lo_hi[0]), float(lo_hi[1])),
        n_sample=n_sample,
        never=never,
        threshold=capped,
        cap=cap,
        never_share=never_share,
        reachable_quantiles=quant,
        base=params,
        base_threshold=base_t,
        tornado=tuple(rows),
    )


# ---------------------------------------------------------------------------- how much leverage decides
@dataclass(frozen=True, eq=False)
class LeverageDecides(ResultMixin):
    """The probability of power sharing as a function of Pakistan's leverage, and leverage's share of the variance.

    Parameters
    ----------
    withdrawal, leverage, full_probability, full_interval, narrow_probability, narrow_interval : see Attributes
    n, confidence, sobol : see Attributes
        Each sets the attribute of the same name.

    Attributes
    ----------
    withdrawal : str
    leverage : numpy.ndarray
        The grid of leverages, in ``[0, 2]``.
    full_probability, narrow_probability : numpy.ndarray
        At each leverage, the share of the box (the other 24 parameters,
        uniform and independent) at which power sharing is an equilibrium in
        the full and in the narrow sense.
    full_interval, narrow_interval : numpy.ndarray of shape (len(leverage), 2)
        Wilson score intervals at level *confidence* (pointwise: each leverage's
        interval holds on its own, not the whole curve at once).
    n : int
        The sample behind the curves (the same points at every leverage).
    confidence : float
    sobol : SobolResult
        Sobol' indices of the indicator "power sharing is an equilibrium in
        the full sense" over all 25 parameters, leverage included, in the
        order of :meth:`Parameters.names` (see :meth:`ranking`).
    """

    withdrawal: str
    leverage: np.ndarray
    full_probability: np.ndarray
    full_interval: np.ndarray
    narrow_probability: np.ndarray
    narrow_interval: np.ndarray
    n: int
    confidence: float
    sobol: SobolResult

    def ranking(self) -> list[dict[str, Any]]:
        """Every parameter's Sobol' indices, largest total order first.

        Returns
        -------
        list of dict
            ``parameter``, ``first_order``, ``first_order_interval``,
            ``total_order``, ``total_order_interval``.
        """
        return _ranking(self.sobol)

    @property
    def leverage_rank(self) -> int:
        """Leverage's rank by total-order index (1: the largest).

        Returns
        -------
        int
        """
        return 1 + [r["parameter"] for r in self.ranking()].index("leverage")

    def probability_at(self, leverage: float, sense: str = "full") -> tuple[float, float, float]:
        """The probability and its interval at the grid point nearest *leverage*.

        Parameters
        ----------
        leverage : float
        sense : {"full", "narrow"}

        Returns
        -------
        tuple of float
            ``(probability, low, high)``.
        """
        x = check_real(leverage, "leverage", "LeverageDecides.probability_at")
        sense = _sense(sense, "LeverageDecides.probability_at")
        i = int(np.argmin(np.abs(self.leverage - x)))
        p, iv = (self.full_probability, self.full_interval) if sense == "full" else (
            self.narrow_probability, self.narrow_interval)
        return float(p[i]), float(iv[i, 0]), float(iv[i, 1])

    def describe(self) -> str:
        """A few lines for the report.

        Returns
        -------
        str
        """
        r = next(x for x in self.ranking() if x["parameter"] == "leverage")
        d = len(self.sobol.names)
        top = self.ranking()[0]
        i = int(np.argmax(self.full_probability))
        pk, lo, hi = self.probability_at(float(self.leverage[i]))
        n0, n1 = self.probability_at(0.0)[0], self.probability_at(float(self.leverage[-1]))[0]
        j = int(np.argmax(self.narrow_probability))
        lines = [
            f"How much Pakistan's leverage decides power sharing ({self.withdrawal}-based withdrawal, the other "
            f"{d - 1} parameters uniform over the box, {self.n} points):",
            f"  Leverage alone explains {max(r['first_order'], 0):.0%} of the variance of whether power sharing is an "
            f"equilibrium in the full sense (with its interactions {r['total_order']:.0%}); it ranks {self.leverage_rank} "
            f"of {d} by total index"
            + ("." if top["parameter"] == "leverage" else
               f", after {', '.join(x['parameter'] for x in self.ranking()[: self.leverage_rank - 1][:3])}"
               + (" and others" if self.leverage_rank > 4 else "") + "."),
            f"  P(power sharing, full sense) is {n0:.2f} at leverage 0, at most {pk:.2f} [{lo:.2f}, {hi:.2f}] at "
            f"leverage {self.leverage[i]:.2f}, and {n1:.2f} at leverage {self.leverage[-1]:.2f}; in the narrow sense "
            f"(Pakistan's own incentive ignored) it reaches {self.narrow_probability[j]:.2f} at leverage "
            f"{self.leverage[j]:.2f}.",
        ]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict.

        Returns
        -------
        dict
        """
        return {
            "withdrawal": self.withdrawal,
            "n": self.n,
            "confidence": self.confidence,
            "interval": "Wilson score, pointwise",
            "leverage": self.leverage.tolist(),
            "full_probability": self.full_probability.tolist(),
            "full_interval": self.full_interval.tolist(),
            "narrow_probability": self.narrow_probability.tolist(),
            "narrow_interval": self.narrow_interval.tolist(),
            "leverage_rank": self.leverage_rank,
            "sobol": _sobol_dict(self.sobol),
        }


def _grid(grid: Any, caller: str) -> np.ndarray:
    top = _top()
    if isinstance(grid, (int, np.integer)) and not isinstance(grid, bool):
        g = check_int(grid, "grid", caller, minimum=2)
        return np.linspace(0.0, top, g)
    try:
        x = np.asarray(grid, dtype=float)
    except (TypeError, ValueError):
        raise GameError(f"{caller}: grid must be a number of points (>= 2) or leverages in [0, {top:g}]; got {grid!r}.") from None
    if x.ndim != 1 or x.size < 1 or not np.all(np.isfinite(x)) or np.any((x < 0) | (x > top)):
        raise GameError(f"{caller}: grid must be a number of points (>= 2) or leverages in [0, {top:g}]; got {grid!r}.")
    return x.copy()


def leverage_decides(
    *,
    withdrawal: str = "calendar",
    n: int = 10_000,
    grid: Any = 81,
    rng: Any = 0,
    confidence: float = 0.95,
    n_sobol: int = 1024,
    n_bootstrap: int = 200,
) -> LeverageDecides:
    """How much Pakistan's leverage decides whether power sharing is an equilibrium.

    Parameters
    ----------
    withdrawal : {"calendar", "conditions"}
        The US policy (fixed: it is the policy being compared).
    n : int, default 10000
        Uniform points of the other 24 parameters behind the curves.
    grid : int or array_like, default 81
        Number of evenly spaced leverages in ``[0, 2]``, or the leverages themselves.
    rng : None, int or numpy.random.Generator, default 0
    confidence : float, default 0.95
        Level of the Wilson bands and of the bootstrap intervals of the indices.
    n_sobol : int, default 1024
        Base sample of the Sobol' design (a power of 2; ``n_sobol * 27`` evaluations).
    n_bootstrap : int, default 200

    Returns
    -------
    LeverageDecides

    Raises
    ------
    GameError
        For a bad *withdrawal*, *n*, *grid*, *confidence*, *n_sobol* or *n_bootstrap* (named in the message).

    Notes
    -----
    The leverage sets of each sampled point are computed once
    (:func:`~gametheory_af.scenarios.afghanistan.claims.sets_over_box`) and
    every leverage of the grid is tested against them, so the curves use the
    same points at every leverage (common random numbers: their differences
    are less noisy than the bands suggest). The bands are Wilson score
    intervals (Wilson 1927), pointwise. The indices decompose the variance
    ``p (1 - p)`` of the indicator of power sharing over all 25 parameters;
    leverage's first-order index is the share it explains alone, its total
    index the share including its interactions with the others. The narrow
    curve is at least the full one at every leverage (the full set is part of
    the narrow one); at leverage 0 they coincide (pressing and sheltering are
    then the same to Pakistan, and its indifference counts as pressing). At
    any positive leverage pressing costs Pakistan something, so the full curve
    can jump down just above 0 (it does: from about 0.15 to about 0.08 under a
    calendar withdrawal) before it rises.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and
    statistical inference. *J. Amer. Statist. Assoc.* 22, 209-212.

    Saltelli, A., et al. (2010). Variance based sensitivity analysis of model
    output. *Comput. Phys. Commun.* 181, 259-270.

    Examples
    --------
    >>> from gametheory_af.scenarios.afghanistan.drivers import leverage_decides
    >>> res = leverage_decides(n=4000, grid=[0, 0.5, 1], n_sobol=256, n_bootstrap=20)
    >>> res.full_probability.round(2).tolist(), res.narrow_probability.round(2).tolist()
    ([0.14, 0.43, 0.4], [0.14, 0.86, 1.0])
    >>> res.ranking()[0]["parameter"]
    'guarantee_failure'
    """
    caller = "leverage_decides"
    withdrawal = _withdrawal(withdrawal, caller)
    n = check_int(n, "n", caller, minimum=1)
    x = _grid(grid, caller)
    n_sobol = _power_of_two(n_sobol, "n_sobol", caller)
    n_bootstrap = check_int(n_bootstrap, "n_bootstrap", caller, minimum=1)
    confidence = check_real(confidence, "confidence", caller, minimum=0, maximum=1, strict_min=True, strict_max=True)
    gen = check_rng(rng, caller)
    res = sobol(_full_at_own_leverage(withdrawal), None, _box(), n=n_sobol, rng=gen, confidence=confidence,
                n_bootstrap=n_bootstrap)
    full, narrow = _indicators(sample_box(n, rng=gen), x, withdrawal)
    kf, kn = full.sum(axis=1), narrow.sum(axis=1)
    out = [x, kf / n, wilson_interval(kf, n, confidence), kn / n, wilson_interval(kn, n, confidence)]
    for a in out:
        a.setflags(write=False)
    return LeverageDecides(
        withdrawal=withdrawal,
        leverage=out[0],
        full_probability=out[1],
        full_interval=out[2],
        narrow_probability=out[3],
        narrow_interval=out[4],
        n=n,
        confidence=float(confidence),
        sobol=res,
    )
