"""Private plumbing of the global sensitivity analyses: bounds, designs and the model evaluator.

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

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from .._limits import check_bytes
from .._validation import _short, check_real, check_rng
from ..exceptions import GameError
from ..parametric import ParametricGame
from .sweep import sweep

#: A vectorized callable ``model(**arrays) -> array (N,)``.
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


def _pandas(caller: str) -> Any:
    try:
        import pandas as pd
    except ImportError as err:
        raise ImportError(f"{caller}() needs pandas; install it with `pip install pandas`.") from err
    return pd
