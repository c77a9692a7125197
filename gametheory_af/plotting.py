"""Figures for sensitivity analyses and game trees (optional: needs matplotlib, the ``plot`` extra).

Each function draws on the axes it is given (``ax=``; a new figure when
omitted) and returns them, so figures compose. matplotlib is imported only
when a function is called.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from ._limits import check_count
from ._validation import _short, check_bool, check_int, float_array, fraction_text
from .exceptions import GameError

__all__ = [
    "plot_regions",
    "plot_threshold",
    "plot_tornado",
    "plot_sobol",
    "flagship_figures",
    "plot_tree",
    "plot_basins",
    "plot_leverage_decides",
    "plot_threshold_drivers",
    "plot_pakistan_choice",
]


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as err:
        raise ImportError(
            "gametheory_af.plotting needs matplotlib; install it with `pip install gametheory_af[plot]`."
        ) from err
    return plt


def _check_result(result: Any, cls_name: str, module: str, name: str, caller: str) -> None:
    import importlib

    cls = getattr(importlib.import_module(module), cls_name)
    if not isinstance(result, cls):
        raise TypeError(f"{caller}: {name} must be a {cls_name}; got {_short(result)} ({type(result).__name__}).")


def _axes(ax: Any) -> Any:
    if ax is None:
        plt = _pyplot()
        _, ax = plt.subplots(figsize=(6.4, 4.2))
    return ax


def plot_regions(
    result: Any,
    ax: Any = None,
    *,
    boundaries: bool = True,
    legend: bool = True,
    names: Callable[[tuple[int, ...]], str] | None = None,
) -> Any:
    """The equilibrium map of :func:`~gametheory_af.sensitivity.regions`, with its boundaries.

    Parameters
    ----------
    result : RegionsResult
    ax : matplotlib.axes.Axes, optional
    boundaries : bool, default True
        Draw the exact boundary curves (thresholds) as dashed lines.
    legend : bool, default True
        Name the set of equilibria of each coloured region.
    names : callable, optional
        The legend's name of a pure profile, given its strategy indices (for
        the flagship: :func:`gametheory_af.scenarios.afghanistan.names.profile_label`);
        a region's equilibria are then listed one per line. Default: the
        profile's strategy names in parentheses (:meth:`~gametheory_af.sensitivity.RegionsResult.label_names`).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        For a *result* that is not a RegionsResult, non-bool *boundaries*/*legend*,
        a *names* that is not callable or does not return a str.

    Examples
    --------
    >>> import pytest; plt = pytest.importorskip("matplotlib.pyplot")
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.sensitivity import regions
    >>> from gametheory_af.plotting import plot_regions
    >>> L, c = sp.symbols("L c")
    >>> pg = gt.ParametricGame([[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
    ...     parameters=[gt.Parameter("L", 0, lower=0, upper=4), gt.Parameter("c", 0, lower=0, upper=2)])
    >>> ax = plot_regions(regions(pg, "L", "c", resolution=101))
    >>> len(ax.collections) >= 1
    True
    >>> ax = plot_regions(regions(pg, "L", "c", resolution=11), names=lambda p: "deal" if p == (0, 0) else "war")
    >>> [t.get_text().split("  [")[0].splitlines() for t in ax.get_legend().get_texts()]
    [['war'], ['• deal', '• war'], ['exact boundary']]
    >>> plt.close("all")
    """
    import sympy as sp

    _check_result(result, "RegionsResult", "gametheory_af.sensitivity.thresholds", "result", "plot_regions")
    boundaries = check_bool(boundaries, "boundaries", "plot_regions")
    legend = check_bool(legend, "legend", "plot_regions")
    if names is not None and not callable(names):
        raise TypeError(f"plot_regions: names must be a callable (profile -> str); got {_short(names)}.")
    plt = _pyplot()
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ax = _axes(ax)
    xs, ys = result.xs, result.ys
    first = True  # no boundary drawn yet
    k = len(result.sets)
    base = plt.get_cmap("tab10" if k <= 10 else "tab20")
    colors = [base(i % base.N) for i in range(k)]
    cmap = ListedColormap(colors)
    norm = BoundaryNorm(np.arange(-0.5, k + 0.5), k)
    ax.pcolormesh(xs, ys, result.labels, cmap=cmap, norm=norm, shading="nearest", alpha=0.55, rasterized=True)
    if boundaries:
        sx, sy = sp.Symbol(result.x, real=True), sp.Symbol(result.y, real=True)
        for b in result.boundaries:
            style = dict(color="black", lw=1.4, ls="--", label="exact threshold" if first else None)
            drawn = False
            if b.solved_for == "y":
                for sol in b.solutions:
                    with np.errstate(all="ignore"):
                        yv = np.broadcast_to(np.asarray(sp.lambdify(sx, sol, "numpy")(xs), dtype=complex), xs.shape)
                    yr = np.where(np.abs(yv.imag) < 1e-12, yv.real, np.nan)
                    yr = np.where((yr >= ys[0]) & (yr <= ys[-1]), yr, np.nan)
                    if np.isfinite(yr).any():
                        ax.plot(xs, yr, **style)
                        drawn = True
            elif b.solved_for == "x":
                for sol in b.solutions:
                    with np.errstate(all="ignore"):
                        xv = np.broadcast_to(np.asarray(sp.lambdify(sy, sol, "numpy")(ys), dtype=complex), ys.shape)
                    xr = np.where(np.abs(xv.imag) < 1e-12, xv.real, np.nan)
                    xr = np.where((xr >= xs[0]) & (xr <= xs[-1]), xr, np.nan)
                    if np.isfinite(xr).any():
                        ax.plot(xr, ys, **style)
                        drawn = True
            else:
                XX, YY = np.meshgrid(xs, ys)
                G = np.broadcast_to(sp.lambdify((sx, sy), b.expression, "numpy")(XX, YY), XX.shape)
                ax.contour(XX, YY, G, levels=[0.0], colors="black", linewidths=1.4, linestyles="--")
                drawn = True
            first = first and not drawn
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(ys[0], ys[-1])
    ax.set_xlabel(result.x)
    ax.set_ylabel(result.y)
    ax.set_title("Pure Nash equilibria" + ("" if result.method == "grid" else " (exact boundaries dashed)"))
    if legend:
        texts = result.label_names() if names is None else [_set_names(s, names) for s in result.sets]
        share = np.bincount(result.labels.ravel(), minlength=k) / result.labels.size
        handles: list[Any] = [
            Patch(facecolor=colors[i], alpha=0.55, label=(_wrap if names is None else str)(f"{texts[i]}  [{share[i]:.0%} of the map]"))
            for i in range(k)
        ]
        if boundaries and not first:
            handles.append(Line2D([], [], color="black", lw=1.4, ls="--", label="exact boundary"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="x-small",
                  frameon=False, title="pure equilibria", title_fontsize="small", labelspacing=0.9)
    return ax


def _set_names(profiles: Sequence[tuple[int, ...]], names: Callable[[tuple[int, ...]], str]) -> str:
    """A region's set of equilibria named by *names*, one per line (each wrapped), or 'no pure equilibrium'."""
    lines = []
    for p in profiles:
        text = names(tuple(p))
        if not isinstance(text, str):
            raise TypeError(f"plot_regions: names must return a str; got {_short(text)} for the profile {tuple(p)!r}.")
        lines.append(text)
    if len(lines) > 1:  # one bullet per equilibrium, continuation lines indented
        return "\n".join(_wrap("• " + t, 60).replace("\n", "\n   ") for t in lines)
    return _wrap(lines[0], 60) if lines else "no pure equilibrium"


def _check_text(value: Any, name: str, caller: str) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{caller}: {name} must be a str; got {_short(value)} ({type(value).__name__}).")


def _wrap(text: str, width: int = 48) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text.replace("; ", " ; "), width=width)) or text


def plot_threshold(
    pgame: Any,
    profile: Sequence[Any],
    parameter: str,
    policy: str,
    values: Any,
    *,
    fixed: Mapping[str, Any] | None = None,
    over: tuple[Any, Any] | None = None,
    ax: Any = None,
    label: str | None = None,
    color: Any = None,
    legend: bool = True,
) -> Any:
    """The threshold of *parameter* for a profile to be an equilibrium, as *policy* varies.

    Parameters
    ----------
    pgame : ParametricGame
    profile : sequence
        The pure profile (strategy indices or names).
    parameter : str
        The parameter whose threshold is drawn (e.g. leverage), on the y axis.
    policy : str
        The policy parameter on the x axis.
    values : array_like
        Values of *policy*.
    fixed : mapping, optional
        Other parameters' values (defaults otherwise).
    over : (lo, hi), optional
        The range of *parameter*; defaults to its bounds.
    ax : matplotlib.axes.Axes, optional
    label : str, optional
        The legend's name of the shaded region (say, "power sharing is an
        equilibrium"). Its boundary lines then share its colour and have no
        legend entry of their own, so that several profiles or senses can be
        drawn on the same axes. Default: ``"(<strategy names>) is an
        equilibrium"``, the least value green, the greatest red.
    color : matplotlib color, optional
        The colour of the region and its lines (with a *label*; default green).
    legend : bool, default True
        Draw the legend below the axes.

    Returns
    -------
    matplotlib.axes.Axes
        The lower (and upper) thresholds as lines, the region where the
        profile is an equilibrium shaded, and the policy values at which no
        value of *parameter* makes it one marked ``x`` on the lower edge.

    Raises
    ------
    GameError
        Before drawing: for unknown or equal parameter names, a bad profile,
        fewer than 2 policy values or values that are not finite, values
        outside the policy's bounds, and more policy values (one exact
        threshold computation each) than the limit ``max_calls``.
    TypeError
        For a *pgame* that is not a ParametricGame, a *fixed* that is not a
        mapping, a *label* that is not a str or a non-bool *legend*.

    Notes
    -----
    The other parameters are substituted before each threshold is derived
    (:meth:`~gametheory_af.ParametricGame.substitute`), so every policy value costs one
    threshold in *parameter* alone, exact when the values are.

    Examples
    --------
    >>> import pytest; plt = pytest.importorskip("matplotlib.pyplot")
    >>> import sympy as sp, gametheory_af as gt
    >>> from gametheory_af.plotting import plot_threshold
    >>> L, c = sp.symbols("L c")
    >>> pg = gt.ParametricGame([[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
    ...     parameters=[gt.Parameter("L", 0, lower=0, upper=4), gt.Parameter("c", 0, lower=0, upper=2)])
    >>> ax = plot_threshold(pg, (0, 0), "L", "c", [0, 0.5, 1, 1.5, 2])
    >>> ax.lines[0].get_ydata().tolist()
    [1.0, 1.5, 2.0, 2.5, 3.0]
    >>> ax = plot_threshold(pg, (0, 0), "L", "c", [0, 1, 2], label="both share", color="tab:blue")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['both share']
    >>> plt.close("all")
    """
    from .sensitivity._common import check_parameter, check_pgame, profile_label, resolve_fixed
    from .sensitivity.thresholds import profile_threshold

    caller = "plot_threshold"
    check_pgame(pgame, caller)
    check_parameter(pgame, parameter, caller)
    check_parameter(pgame, policy, caller, what="policy parameter")
    if parameter == policy:
        raise GameError(f"{caller}: parameter and policy must be different parameters; got {parameter!r} twice.")
    prof = _indices(pgame, profile)
    others = resolve_fixed(pgame, fixed, caller, free=(parameter, policy))
    if label is not None and not isinstance(label, str):
        raise TypeError(f"{caller}: label must be a str; got {_short(label)} ({type(label).__name__}).")
    legend = check_bool(legend, "legend", caller)
    if isinstance(values, (str, bytes)):
        raise GameError(f"{caller}: values must be numbers; got {_short(values)}.")
    vals = float_array(values, "values", caller).ravel()
    if vals.size < 2:
        raise GameError(f"{caller}: values must hold at least 2 policy values; got {_short(values)}.")
    bad = ~np.isfinite(vals)
    if bad.any():
        raise GameError(f"{caller}: values must be finite; got {float(vals[bad][0])!r} in {_short(values)}.")
    try:
        pgame.parameters[policy].check_array(vals)
    except GameError as err:
        raise GameError(f"{caller}: values: {err}") from None
    check_count(vals.size, "max_calls", "exact threshold computations (one per policy value)", caller)
    ax = _axes(ax)
    lower = np.full(vals.size, np.nan)
    upper = np.full(vals.size, np.nan)
    never = np.zeros(vals.size, dtype=bool)
    lo_hi = None
    # substitute first: a threshold in `parameter` alone is far cheaper than one in every parameter
    reduced = pgame.substitute(**{k: _exactish(v) if isinstance(v, float) else v for k, v in others.items()})
    for k, v in enumerate(vals):
        t = profile_threshold(reduced.substitute(**{policy: _exactish(v)}), prof, parameter, over=over)
        lo_hi = t.over
        never[k] = t.status == "never"
        if t.lower_value is not None:
            lower[k] = float(t.lower_value)
        if t.upper_value is not None:
            upper[k] = float(t.upper_value)
        if t.status == "always":
            lower[k] = np.nan
    assert lo_hi is not None
    p_lo = float(lo_hi[0]) if lo_hi[0].is_finite else np.nanmin(np.r_[lower, upper, 0.0]) - 1
    p_hi = float(lo_hi[1]) if lo_hi[1].is_finite else np.nanmax(np.r_[lower, upper, 0.0]) + 1
    bottom = np.where(np.isnan(lower), p_lo, lower)
    top = np.where(np.isnan(upper), p_hi, upper)
    ok = ~never
    region = f"({profile_label(pgame, prof)}) is an equilibrium" if label is None else label
    low_color, high_color = ("tab:green", "tab:red") if color is None or label is None else (color, color)
    fill_color = "tab:green" if color is None else color
    ax.fill_between(vals, bottom, top, where=ok, color=fill_color, alpha=0.25, step=None, label=region)
    if np.isfinite(lower).any():
        ax.plot(vals, lower, color=low_color, lw=2, label=f"least {parameter}" if label is None else None)
    if np.isfinite(upper).any():
        ax.plot(vals, upper, color=high_color, lw=2, ls="-" if label is None else "--",
                label=f"greatest {parameter}" if label is None else None)
    if never.any():
        ax.plot(vals[never], np.full(int(never.sum()), p_lo), ls="none", marker="x", ms=7, color=fill_color,
                clip_on=False, label=f"no {parameter} works" + ("" if label is None else f" ({label})"))
    ax.set_xlim(vals[0], vals[-1])
    ax.set_ylim(p_lo, p_hi)
    ax.set_xlabel(policy)
    ax.set_ylabel(parameter)
    ax.set_title(f"Threshold of {parameter} as {policy} varies")
    if legend:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize="small", ncol=1, frameon=False)
    return ax


def _indices(pgame: Any, profile: Sequence[Any]) -> tuple[int, ...]:
    from .sensitivity._common import profile_indices

    return profile_indices(pgame, profile, "plot_threshold")


def _exactish(v: float) -> Any:
    """A float that is a short decimal as an exact Fraction (so thresholds stay exact)."""
    from fractions import Fraction

    f = Fraction(repr(float(v)))
    return f if f.denominator <= 10**6 else float(v)


def plot_tornado(table: Any, ax: Any = None, *, max_rows: int | None = None, outcome: str | None = None) -> Any:
    """A tornado chart of a :class:`~gametheory_af.sensitivity.TornadoTable`.

    Parameters
    ----------
    table : TornadoTable
    ax : matplotlib.axes.Axes, optional
    max_rows : int, optional
        Show only the parameters with the largest swings.
    outcome : str, optional
        What the outcome is, in words: the horizontal axis's label
        (default ``"outcome"``).

    Returns
    -------
    matplotlib.axes.Axes
        One horizontal bar per parameter from the base outcome to the outcome
        at its low value (blue) and at its high value (orange), largest swing on top.

    Raises
    ------
    TypeError
        For a *table* that is not a TornadoTable, a non-integer *max_rows* or
        an *outcome* that is not a str.
    GameError
        For ``max_rows < 1``.

    Examples
    --------
    >>> import pytest; plt = pytest.importorskip("matplotlib.pyplot")
    >>> from gametheory_af.sensitivity import tornado
    >>> from gametheory_af.plotting import plot_tornado
    >>> ax = plot_tornado(tornado(lambda a, b: a + 3 * b, None, {"a": (0, 1), "b": (0, 1)}))
    >>> len(ax.patches)
    4
    >>> plt.close("all")
    """
    _check_result(table, "TornadoTable", "gametheory_af.sensitivity.global_", "table", "plot_tornado")
    if max_rows is not None:
        max_rows = check_int(max_rows, "max_rows", "plot_tornado", minimum=1)
    _check_text(outcome, "outcome", "plot_tornado")
    ax = _axes(ax)
    rows = len(table.names) if max_rows is None else min(max_rows, len(table.names))
    y = np.arange(rows)[::-1].astype(float)
    base = table.base_outcome
    lo = table.outcome_low[:rows] - base
    hi = table.outcome_high[:rows] - base
    # Low and high side by side (not stacked), so that both show when they coincide.
    ax.barh(y + 0.18, lo, left=base, height=0.36, color="tab:blue", alpha=0.85, label="parameter at low value")
    ax.barh(y - 0.18, hi, left=base, height=0.36, color="tab:orange", alpha=0.85, label="parameter at high value")
    ax.axvline(base, color="black", lw=1)
    labels = [f"{n}  [{a:.3g}, {b:.3g}]" for n, a, b in zip(table.names[:rows], table.low[:rows], table.high[:rows])]
    ax.set_yticks(y, labels)
    span = np.r_[table.outcome_low[:rows], table.outcome_high[:rows], base]
    pad = 0.08 * max(float(np.ptp(span)), 1e-9)
    ax.set_xlim(float(span.min()) - pad, float(span.max()) + pad)
    ax.set_xlabel("outcome" if outcome is None else outcome)
    ax.set_title(f"One-at-a-time sensitivity (base outcome {base:.3g})")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize="small", frameon=False)
    return ax


def plot_sobol(result: Any, ax: Any = None, *, outcome: str | None = None) -> Any:
    """Bars of first- and total-order Sobol' indices with their confidence intervals.

    Parameters
    ----------
    result : SobolResult
    ax : matplotlib.axes.Axes, optional
    outcome : str, optional
        What the outcome is, in words: named in the vertical axis's label
        (``"Sobol' index of <outcome>"``).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        For a *result* that is not a SobolResult or an *outcome* that is not a str.

    Examples
    --------
    >>> import pytest; plt = pytest.importorskip("matplotlib.pyplot")
    >>> from gametheory_af.sensitivity import sobol
    >>> from gametheory_af.plotting import plot_sobol
    >>> res = sobol(lambda a, b: a + 2 * b, None, {"a": (0, 1), "b": (0, 1)}, n=256, rng=0, n_bootstrap=20)
    >>> ax = plot_sobol(res)
    >>> len(ax.patches)
    4
    >>> plt.close("all")
    """
    _check_result(result, "SobolResult", "gametheory_af.sensitivity.global_", "result", "plot_sobol")
    _check_text(outcome, "outcome", "plot_sobol")
    ax = _axes(ax)
    d = len(result.names)
    x = np.arange(d)
    w = 0.38
    for off, vals, ci, label, color in (
        (-w / 2, result.first_order, result.first_order_interval, "first order $S_i$", "tab:blue"),
        (w / 2, result.total_order, result.total_order_interval, "total order $S_{Ti}$", "tab:orange"),
    ):
        err = np.vstack([np.clip(vals - ci[:, 0], 0, None), np.clip(ci[:, 1] - vals, 0, None)])
        ax.bar(x + off, vals, width=w, color=color, alpha=0.85, label=label, yerr=err, capsize=4,
               error_kw={"elinewidth": 1.2})
    ax.set_xticks(x, list(result.names), rotation=30, ha="right")
    ax.axhline(0, color="black", lw=0.8)
    ax.set_ylabel("Sobol' index" if outcome is None else _wrap(f"Sobol' index of {outcome}", 60))
    ax.set_ylim(min(0.0, float(np.min(result.first_order_interval)) - 0.05), max(1.0, float(np.max(result.total_order_interval)) + 0.05))
    ax.set_title(f"Sobol' indices ({result.confidence:.0%} bootstrap intervals, n={result.n})")
    ax.legend(fontsize="small")
    return ax


def flagship_figures(model: Any, directory: Any, *, resolution: int = 121, n_sobol: int = 512, rng: Any = 0) -> list[Any]:
    """Write the flagship analysis figures for an Afghan scenario model to *directory*.

    Four PNG files, drawn with the functions above from the general
    sensitivity tools, every profile named in words
    (:mod:`gametheory_af.scenarios.afghanistan.names`: "power sharing,
    Pakistan presses, calendar-based withdrawal", never a tuple of strategy
    names), each saying in which sense power sharing is an equilibrium:

    * *narrow*: the government and the Taliban accept it with Pakistan
      pressing at the given leverage (the US policy fixed);
    * *full* (the op-ed's): Pakistan's pressing is also its own best response.

    ``regions.png``
        The pure equilibria of the four-player game (every player, Pakistan
        and the US included, best-responds: the full sense) over leverage and
        decentralisation, with the exact boundaries and the scenario's point.
    ``threshold.png``
        For each withdrawal (calendar-based, conditions-based), the leverages
        at which power sharing is an equilibrium as decentralisation varies,
        in both senses: narrow (from the least leverage up) and full (a band:
        beyond its top Pakistan would rather shelter), with the scenario's
        exact thresholds written at its decentralisation.
    ``tornado.png``
        One-at-a-time effect of each parameter, over its bounds, on whether
        power sharing under a calendar-based withdrawal is an equilibrium of
        the four-player game (full sense).
    ``sobol.png``
        First- and total-order Sobol' indices of the same outcome over the
        whole parameter box (``n_sobol`` base samples, seeded by ``rng``).

    Parameters
    ----------
    model : gametheory_af.scenarios.afghanistan.Model
    directory : str or path-like
        Created if missing.
    resolution : int, default 121
        Grid points per axis of the region map; the threshold figure takes
        ``min(21, max(5, resolution // 6 + 1))`` decentralisation values (one
        exact threshold per value, sense and withdrawal).
    n_sobol : int, default 512
        Base sample size of the Sobol' estimate (a power of two).
    rng : None, int or numpy.random.Generator, default 0

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    GameError
        Before anything is computed or written: for ``resolution < 2``,
        *n_sobol* not a power of 2, a negative seed, and sizes beyond the
        limits (see :func:`~gametheory_af.sensitivity.regions` and
        :func:`~gametheory_af.sensitivity.sobol`).
    TypeError
        For a *model* that is not an Afghan scenario model (a parametric game
        with the scenario's players and strategies), a *directory* that is not
        a path, or arguments of the wrong type.

    Examples
    --------
    >>> import tempfile, pytest; plt = pytest.importorskip("matplotlib.pyplot")
    >>> from gametheory_af.scenarios import afghanistan
    >>> from gametheory_af.plotting import flagship_figures
    >>> [p.name for p in flagship_figures(afghanistan.model(), tempfile.mkdtemp(), resolution=21, n_sobol=64)]
    ['regions.png', 'threshold.png', 'tornado.png', 'sobol.png']
    """
    import os
    import pathlib

    from ._validation import check_rng
    from .parametric import ParametricGame
    from .scenarios.afghanistan.names import outcome_name, profile_label
    from .scenarios.afghanistan.payoffs import PLAYERS, STRATEGIES
    from .sensitivity import regions, sobol, tornado

    caller = "flagship_figures"
    pg = getattr(model, "game", None)
    if (
        not isinstance(pg, ParametricGame)
        or tuple(pg.players) != PLAYERS
        or tuple(tuple(x) for x in pg.strategies) != STRATEGIES
        or not callable(getattr(model, "leverage_threshold", None))
    ):
        raise TypeError(f"{caller}: model must be an Afghan scenario model (with its ParametricGame .game); got {_short(model)}.")
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(f"{caller}: directory must be a path; got {_short(directory)} ({type(directory).__name__}).")
    resolution = check_int(resolution, "resolution", caller, minimum=2)
    n_sobol = check_int(n_sobol, "n_sobol", caller, minimum=2)
    if n_sobol & (n_sobol - 1):
        raise GameError(f"{caller}: n_sobol must be a power of 2 (at least 2); got {n_sobol}.")
    rng = check_rng(rng, caller)
    plt = _pyplot()
    out_dir = pathlib.Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    params = pg.parameters
    deal = ("share power", "negotiate", "press", "calendar-based")
    deal_idx = _indices(pg, deal)
    deal_name = outcome_name(deal_idx)
    written: list[pathlib.Path] = []

    def save(fig: Any, name: str) -> None:
        path = out_dir / name
        fig.savefig(path, dpi=120, bbox_inches="tight")
        plt.close(fig)
        written.append(path)

    lev, dec = params["leverage"], params["decentralisation"]
    lev_label = "leverage (Pakistan's pressure on the Taliban, share of the prize)"
    dec_label = "decentralisation (share of power devolved to the provinces)"
    here = (float(lev.default), float(dec.default))

    # --- regions.png: the four-player game, every player best-responding (the full sense)
    fig, ax = plt.subplots(figsize=(11, 6))
    reg = regions(pg, "leverage", "decentralisation", x_range=(lev.lower, lev.upper), y_range=(dec.lower, dec.upper),
                  resolution=resolution)
    plot_regions(reg, ax=ax, names=profile_label)
    ax.plot(*here, marker="*", ms=16, color="gold", mec="black", ls="none", zorder=5, clip_on=False)
    ax.annotate("this scenario", here, xytext=(8, 8), textcoords="offset points", fontsize="small")
    ax.set_xlabel(lev_label)
    ax.set_ylabel(dec_label)
    ax.set_title("Pure equilibria of the four-player game over leverage and decentralisation\n"
                 "(full sense: every player best-responds, Pakistan's pressing and the US policy included)",
                 fontsize="medium")
    ax.text(0.0, -0.13, _wrap(
        "Where the government and the Taliban would accept power sharing with Pakistan pressing (the narrow "
        "sense) but Pakistan would rather keep sheltering the Taliban, power sharing is not an equilibrium "
        "here: pressing harder costs Pakistan more than the deal is worth to it.", 130),
        transform=ax.transAxes, va="top", fontsize="small")
    save(fig, "regions.png")

    # --- threshold.png: both senses, both withdrawals
    n_values = min(21, max(5, resolution // 6 + 1))
    values = np.union1d(np.linspace(float(dec.lower), float(dec.upper), n_values), [here[1]])
    fig, axes = plt.subplots(1, 2, figsize=(12, 5.2), sharey=True)
    senses = (
        ("narrow sense: the government and the Taliban accept, with Pakistan pressing at this leverage", "tab:blue"),
        ("full sense (the op-ed's): Pakistan's pressing is also its own best response", "tab:green"),
    )
    for ax, us in zip(axes, ("calendar-based", "conditions-based")):
        narrow = pg.fix_strategies({"Pakistan": "press", "United States": us})
        full = pg.fix_strategies({"United States": us})
        plot_threshold(narrow, ("share power", "negotiate"), "leverage", "decentralisation", values, ax=ax,
                       label=senses[0][0], color=senses[0][1], legend=False)
        for line in ax.lines:  # wider, so that it shows under the full sense's edge where the two coincide
            line.set_linewidth(5)
        plot_threshold(full, ("share power", "negotiate", "press"), "leverage", "decentralisation", values, ax=ax,
                       label=senses[1][0], color=senses[1][1], legend=False)
        th = model.leverage_threshold(us.split("-")[0], symbolic=False)
        ax.axvline(here[1], color="0.4", lw=1, ls=":")
        ax.text(0.98, 0.97, _threshold_note(th.value, th.equilibrium_range), transform=ax.transAxes, ha="right", va="top", fontsize="small",
                bbox={"boxstyle": "round", "fc": "white", "ec": "0.6", "alpha": 0.9})
        ax.set_title(outcome_name(("share power", "negotiate", "press", us)), fontsize="medium")
        ax.set_xlabel(_wrap(dec_label, 40))
        ax.set_ylabel(_wrap(lev_label, 40) if ax is axes[0] else "")
    handles, labels = [], []
    for ax in axes:
        for h, t in zip(*ax.get_legend_handles_labels()):
            if t not in labels:
                handles.append(h)
                labels.append(t)
    handles.append(plt.Line2D([], [], color="0.4", lw=1, ls=":"))
    labels.append("this scenario's decentralisation")
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.02), ncol=1, fontsize="small", frameon=False)
    fig.suptitle("Leverage at which power sharing is an equilibrium, as decentralisation varies\n"
                 "(solid: least leverage; dashed: greatest, beyond which Pakistan would rather shelter the Taliban)",
                 fontsize="medium")
    fig.tight_layout()
    save(fig, "threshold.png")

    # --- tornado.png and sobol.png: whether power sharing (calendar) is an equilibrium, full sense
    question = f"whether {deal_name} is an equilibrium (full sense: 1 yes, 0 no)"
    bounds = {k: (float(p.lower), float(p.upper)) for k, p in params.items() if p.lower is not None and p.upper is not None and p.lower != p.upper}
    fig, ax = plt.subplots(figsize=(9, 7))
    table = tornado(pg, deal_idx, bounds)
    plot_tornado(table, ax=ax, max_rows=15, outcome=_wrap(question, 70))
    verdict = "it is" if table.base_outcome >= 0.5 else "it is not"
    ax.set_title(_wrap(f"Is {deal_name} an equilibrium (full sense)? Each parameter moved alone to the ends of its "
                       f"range, the others at the scenario's values, at which {verdict}", 80), fontsize="medium")
    ax.text(0.0, -0.2, _wrap(
        "A parameter shows no bar when both ends of its range give the scenario's answer, even if values in "
        "between change it: power sharing is an equilibrium only in a band of leverage (threshold.png), so "
        "leverage's ends, 0 and its upper bound, can both lie outside it.", 110),
        transform=ax.transAxes, va="top", fontsize="small")
    save(fig, "tornado.png")

    fig, ax = plt.subplots(figsize=(12, 5))
    res = sobol(pg, deal_idx, bounds, n=n_sobol, rng=rng)
    plot_sobol(res, ax=ax)
    ax.set_title(_wrap(f"What decides whether {deal_name} is an equilibrium (full sense), all parameters varying over "
                       f"their bounds: Sobol' indices ({res.confidence:.0%} bootstrap intervals, n={res.n})", 110),
                 fontsize="medium")
    save(fig, "sobol.png")
    return written


def _threshold_note(value: Any, equilibrium_range: Any) -> str:
    """The scenario's exact thresholds in both senses, as the report states them (3 decimals)."""
    if value is None:
        return "this scenario:\nno leverage works"
    note = f"this scenario:\nnarrow: leverage ≥ {float(value):.3f}"
    if equilibrium_range is None:
        return note + "\nfull: no leverage works"
    return note + f"\nfull: [{float(equilibrium_range[0]):.3f}, {float(equilibrium_range[1]):.3f}]"


def _tree_layout(game: Any) -> tuple[np.ndarray, np.ndarray]:
    """Node positions: leaves at 0, 1, 2, ... in preorder; a parent centred over its first and last child; y = -depth."""
    pre, _ = game.preorder_intervals()
    x = np.zeros(game.n_nodes, dtype=np.float64)
    terms = game.terminals
    x[terms[np.argsort(pre[terms], kind="stable")]] = np.arange(terms.size, dtype=np.float64)
    fc, nc = game.first_child, game.n_children
    for lo, hi in reversed(game.levels):
        inner = np.arange(lo, hi)[nc[lo:hi] > 0]
        x[inner] = (x[fc[inner]] + x[fc[inner] + nc[inner] - 1]) / 2
    return x, -game.depths.astype(np.float64)


def _number_text(v: Any) -> str:
    from fractions import Fraction

    if isinstance(v, Fraction):
        return str(v)
    f = float(v)
    return str(int(f)) if f.is_integer() and abs(f) < 1e15 else f"{f:.4g}"


def plot_tree(
    game: Any,
    *,
    ax: Any = None,
    max_nodes: int = 400,
    payoffs: bool = True,
    actions: bool = True,
) -> Any:
    """A figure of a game tree: nodes by depth and leaf order, actions on the edges, information sets dashed.

    Leaves are spaced evenly in depth-first order and each other node is
    centred over its first and last child, the root at the top. Decision nodes
    are circles coloured by player and named by their player, chance nodes grey
    diamonds, terminal nodes small black dots. Each edge carries its action's
    name (and, below a chance node, its probability), each leaf its payoffs,
    and the nodes of an information set with more than one node are joined by
    a dashed line.

    Parameters
    ----------
    game : ExtensiveFormGame
        The tree to draw.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure, sized to the tree, when omitted.
    max_nodes : int, default 400
        Refuse larger trees (their labels would overlap beyond reading); use
        :meth:`~gametheory_af.ExtensiveFormGame.draw` for a text view of a large tree.
    payoffs : bool, default True
        Write the payoffs under the leaves.
    actions : bool, default True
        Write the action names (and chance probabilities) on the edges.

    Returns
    -------
    matplotlib.axes.Axes
        With the node markers as three scatter collections whose ``gid`` is
        ``"decision"``, ``"chance"`` and ``"terminal"``, the edges as a line
        collection ``"edges"`` and the information-set links as a dashed line
        collection ``"infosets"``.

    Raises
    ------
    TypeError
        If *game* is not an ExtensiveFormGame, or for flags that are not bools.
    GameError
        If the tree has more than *max_nodes* nodes.

    Examples
    --------
    >>> import pytest; plt = pytest.importorskip("matplotlib.pyplot")
    >>> import gametheory_af as gt
    >>> from gametheory_af.plotting import plot_tree
    >>> ax = plot_tree(gt.catalog.matching_pennies_tree())
    >>> [(c.get_gid(), len(c.get_offsets())) for c in ax.collections if c.get_gid() in ("decision", "terminal")]
    [('decision', 3), ('terminal', 4)]
    >>> plt.close("all")
    """
    from .trees.game import CHANCE, TERMINAL, ExtensiveFormGame

    caller = "plot_tree"
    if not isinstance(game, ExtensiveFormGame):
        raise TypeError(f"{caller}: game must be an ExtensiveFormGame; got {_short(game)} ({type(game).__name__}).")
    max_nodes = check_int(max_nodes, "max_nodes", caller, minimum=1)
    payoffs = check_bool(payoffs, "payoffs", caller)
    actions = check_bool(actions, "actions", caller)
    if game.n_nodes > max_nodes:
        raise GameError(
            f"{caller}: the tree has {game.n_nodes:,} nodes, more than max_nodes={max_nodes:,} can show legibly; "
            "raise max_nodes, or use game.draw() for a text view."
        )
    from matplotlib.collections import LineCollection

    x, y = _tree_layout(game)
    if ax is None:
        plt = _pyplot()
        width = min(4.0 + 0.9 * game.n_terminals, 40.0)
        height = min(2.5 + 1.3 * len(game.levels), 30.0)
        _, ax = plt.subplots(figsize=(width, height))
    who = game.node_players
    par = game.parents
    kids = np.arange(1, game.n_nodes)
    edges = np.stack([np.stack([x[par[kids]], y[par[kids]]], axis=1), np.stack([x[kids], y[kids]], axis=1)], axis=1)
    ax.add_collection(LineCollection(list(edges), colors="0.35", linewidths=1.0, zorder=1, gid="edges"))
    # information sets: consecutive members (left to right) joined by a dashed arc, one colour per set,
    # sagging by an amount that differs between sets so that interleaved sets stay apart
    links: list[np.ndarray] = []
    link_colors: list[Any] = []
    palette = _pyplot().get_cmap("Dark2")
    t = np.linspace(0.0, 1.0, 17)
    shown = 0
    for h in range(game.n_infosets):
        nodes = game.infoset_nodes(h)
        if nodes.size < 2:
            continue
        nodes = nodes[np.argsort(x[nodes], kind="stable")]
        sag = 0.08 + 0.07 * (shown % 4)
        for a, b in zip(nodes[:-1].tolist(), nodes[1:].tolist()):
            px = x[a] + (x[b] - x[a]) * t
            py = y[a] + (y[b] - y[a]) * t - sag * 4 * t * (1 - t)
            links.append(np.stack([px, py], axis=1))
            link_colors.append(palette(shown % 8))
        shown += 1
    ax.add_collection(
        LineCollection(links, colors=link_colors or "none", linestyles="dashed", linewidths=1.3, zorder=1.5, gid="infosets")
    )
    cmap = _pyplot().get_cmap("tab10")
    dec = np.flatnonzero(who >= 0)
    ax.scatter(x[dec], y[dec], s=90, c=[cmap(int(p) % 10) for p in who[dec]], edgecolors="black", zorder=3, gid="decision")
    chance = np.flatnonzero(who == CHANCE)
    ax.scatter(x[chance], y[chance], s=90, marker="D", c="0.7", edgecolors="black", zorder=3, gid="chance")
    terms = np.flatnonzero(who == TERMINAL)
    ax.scatter(x[terms], y[terms], s=14, c="black", zorder=3, gid="terminal")
    for v in dec.tolist():
        ax.annotate(game.players[int(who[v])], (x[v], y[v]), xytext=(0, 9), textcoords="offset points", ha="center", fontsize=8)
    if actions:
        exact = game.is_exact
        for v in kids.tolist():
            p = int(par[v])
            text = game.node_actions(p)[int(game.actions_in[v])]
            if who[p] == CHANCE:
                prob = game.chance_probabilities(p, exact=exact)[int(game.actions_in[v])]
                text += f" ({_number_text(prob)})"
            ax.text((x[p] + x[v]) / 2, (y[p] + y[v]) / 2, text, fontsize=7, ha="center", va="center",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8}, zorder=2)
    if payoffs:
        values = game.exact_terminal_payoffs() if game.is_exact else game.terminal_payoffs
        for v in terms.tolist():
            row = values[int(game.terminal_index[v])].tolist()
            ax.text(x[v], y[v] - 0.18, "(" + ", ".join(_number_text(u) for u in row) + ")", fontsize=7, ha="center", va="top")
    ax.set_xlim(float(x.min()) - 0.8, float(x.max()) + 0.8)
    ax.set_ylim(float(y.min()) - 0.6, 0.5)
    ax.set_axis_off()
    if game.title:
        ax.set_title(game.title)
    return ax


def _slice_axis(game: Any, player: Any, strategy: Any, name: str, caller: str) -> tuple[int, int]:
    """One coordinate of a basin slice: (player index, strategy index), by index or name."""
    try:
        i = game.player_index(player)
        j = game.strategy_index(i, strategy)
    except (GameError, TypeError) as err:
        raise type(err)(f"{caller}: {name}: {err}") from None
    return i, j


def plot_basins(
    result: Any,
    *,
    ax: Any = None,
    players: Sequence[Any] = (0, 1),
    strategies: Sequence[Any] = (0, 0),
) -> Any:
    """A two-dimensional slice of the basins of :func:`~gametheory_af.dynamics.basins.basins`.

    Each start is a dot at (probability that ``players[0]`` plays ``strategies[0]``,
    probability that ``players[1]`` plays ``strategies[1]``), coloured by the equilibrium its
    dynamic reached (grey: unassigned); each equilibrium is a star of its basin's colour at
    its own coordinates. For games larger than 2x2 the figure is a projection: starts that
    differ in the other coordinates fall on the same point.

    Parameters
    ----------
    result : BasinsResult
        The basins to draw.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.
    players : pair of int or str, default (0, 1)
        The players of the horizontal and vertical axes (indices or names); the same player
        twice is allowed when that player has at least 3 strategies.
    strategies : pair of int or str, default (0, 0)
        The strategy of each of them whose probability is shown.

    Returns
    -------
    matplotlib.axes.Axes
        With one scatter collection per basin (``gid`` ``"basin-<k>"``, ``"unassigned"``) and
        one of the equilibria (``gid`` ``"equilibria"``).

    Raises
    ------
    TypeError
        For a *result* that is not a BasinsResult, or players or strategies of the wrong type.
    GameError
        When the slice is not two-dimensional: a player with a single strategy, the same
        coordinate twice, or one player's two strategies when that player has only two (their
        probabilities sum to one); unknown players or strategies.

    Examples
    --------
    >>> import pytest; plt = pytest.importorskip("matplotlib.pyplot")
    >>> import gametheory_af as gt
    >>> from gametheory_af.dynamics.basins import basins
    >>> from gametheory_af.plotting import plot_basins
    >>> ax = plot_basins(basins(gt.catalog.stag_hunt(), "replicator", grid=12, t_max=40))
    >>> sorted(c.get_gid() for c in ax.collections)
    ['basin-0', 'basin-1', 'equilibria']
    >>> plt.close("all")
    """
    caller = "plot_basins"
    _check_result(result, "BasinsResult", "gametheory_af.dynamics.basins", "result", caller)
    game = result.game
    coords = []
    for name, value in (("players", players), ("strategies", strategies)):
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2:
            raise TypeError(f"{caller}: {name} must be a pair; got {_short(value)} ({type(value).__name__}).")
    for k in range(2):
        coords.append(_slice_axis(game, players[k], strategies[k], f"players[{k}], strategies[{k}]", caller))
    (a, i), (b, j) = coords
    for p in {a, b}:
        if game.shape[p] < 2:
            raise GameError(
                f"{caller}: player {game.players[p]!r} has a single strategy, so its probability is always 1: "
                "no two-dimensional slice; choose other players."
            )
    if a == b and (i == j or game.shape[a] < 3):
        why = "the same coordinate twice" if i == j else "two probabilities that sum to one"
        raise GameError(
            f"{caller}: players={tuple(players)!r}, strategies={tuple(strategies)!r} give {why}: "
            "no two-dimensional slice; choose two players, or two strategies of a player with at least 3."
        )
    plt = _pyplot()
    ax = _axes(ax)
    x, y = result.initial[a][:, i], result.initial[b][:, j]
    n_eq = len(result.equilibria)
    base = plt.get_cmap("tab10" if n_eq <= 10 else "tab20")
    colors = [base(k % base.N) for k in range(n_eq)]
    size = float(np.clip(20000.0 / max(result.n_starts, 1), 2.0, 40.0))
    for k, (eq, share) in enumerate(zip(result.equilibria, result.shares)):
        mask = result.labels == k
        if mask.any():
            ax.scatter(x[mask], y[mask], s=size, color=colors[k], marker="s", linewidths=0, gid=f"basin-{k}",
                       label=f"{eq.describe(game)} ({100 * share:.1f}%)")
    mask = result.labels < 0
    if mask.any():
        ax.scatter(x[mask], y[mask], s=size, color="0.75", marker="s", linewidths=0, gid="unassigned",
                   label=f"unassigned ({100 * result.unassigned:.1f}%)")
    if n_eq:
        ex = [e.profile[a][i] for e in result.equilibria]
        ey = [e.profile[b][j] for e in result.equilibria]
        ax.scatter(ex, ey, s=220, marker="*", c=colors, edgecolors="black", linewidths=1.2, zorder=4, clip_on=False,
                   gid="equilibria")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(f"P({game.players[a]} plays {game.strategies[a][i]})")
    ax.set_ylabel(f"P({game.players[b]} plays {game.strategies[b][j]})")
    ax.set_title(f"basins of {result.dynamic}, {result.n_starts} starts")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize=8, frameon=False)
    return ax


# ---------------------------------------------------------------------------- the flagship's drivers (issue 13)
def plot_leverage_decides(result: Any, ax: Any = None) -> Any:
    """The probability that power sharing is an equilibrium against Pakistan's leverage, with its bands.

    Parameters
    ----------
    result : LeverageDecides
        From :func:`~gametheory_af.scenarios.afghanistan.drivers.leverage_decides`.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Two curves with their shaded (Wilson, pointwise) bands: the full sense
        (Pakistan's pressing its own best response) and the narrow sense (the
        government and the Taliban accept); leverage's Sobol' indices in the
        corner.

    Raises
    ------
    TypeError
        For a *result* that is not a LeverageDecides.

    Examples
    --------
    >>> import pytest; plt = pytest.importorskip("matplotlib.pyplot")
    >>> from gametheory_af.scenarios.afghanistan.drivers import leverage_decides
    >>> from gametheory_af.plotting import plot_leverage_decides
    >>> ax = plot_leverage_decides(leverage_decides(n=500, grid=11, n_sobol=64, n_bootstrap=5))
    >>> sorted(line.get_gid() for line in ax.lines)
    ['full', 'narrow']
    >>> [t.get_text() for t in ax.get_legend().get_texts()][0]
    "power sharing is an equilibrium (full sense: pressing is Pakistan's own best response)"
    >>> plt.close("all")
    """
    _check_result(result, "LeverageDecides", "gametheory_af.scenarios.afghanistan.drivers", "result",
                  "plot_leverage_decides")
    ax = _axes(ax)
    x = result.leverage
    pct = f"{result.confidence:.0%}"
    for key, label, color in (
        ("full", "power sharing is an equilibrium (full sense: pressing is Pakistan's own best response)", "tab:green"),
        ("narrow", "the government and the Taliban accept (narrow sense: Pakistan's incentive ignored)", "tab:gray"),
    ):
        p = getattr(result, f"{key}_probability")
        band = getattr(result, f"{key}_interval")
        ax.plot(x, p, color=color, lw=2, label=label, gid=key, ls="-" if key == "full" else "--")
        ax.fill_between(x, band[:, 0], band[:, 1], color=color, alpha=0.25, lw=0, gid=f"{key}-band",
                        label=f"{pct} Wilson band ({key} sense)")
    lev = next(r for r in result.ranking() if r["parameter"] == "leverage")
    ax.text(
        0.98, 0.04,
        f"leverage explains {max(lev['first_order'], 0):.0%} of the variance alone,\n"
        f"{lev['total_order']:.0%} with its interactions (rank {result.leverage_rank} of {len(result.sobol.names)})",
        transform=ax.transAxes, ha="right", va="bottom", fontsize="small",
        bbox={"boxstyle": "round", "fc": "white", "ec": "0.7"},
    )
    ax.set_xlim(float(x.min()), float(x.max()) if x.max() > x.min() else float(x.min()) + 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("Pakistan's leverage over the Taliban (share of the prize)")
    ax.set_ylabel("probability over the other parameters")
    ax.set_title(f"How much Pakistan's leverage decides power sharing ({result.withdrawal}-based withdrawal)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize="small", frameon=False)
    return ax


def plot_threshold_drivers(result: Any, ax: Any = None, *, max_rows: int = 12) -> Any:
    """What drives the leverage threshold: Sobol' bars ("never" apart) and the tornado.

    Parameters
    ----------
    result : ThresholdDrivers
        From :func:`~gametheory_af.scenarios.afghanistan.drivers.threshold_drivers`.
    ax : pair of matplotlib.axes.Axes, optional
        The Sobol' panel and the tornado panel (a new figure with both if omitted).
    max_rows : int, default 12
        Parameters shown in each panel (the most influential).

    Returns
    -------
    tuple of matplotlib.axes.Axes
        ``(sobol_axes, tornado_axes)``. Left: total-order Sobol' indices (bars,
        with bootstrap intervals; first order as black ticks) of two outcomes:
        whether the threshold exists at all ("never" or not) and its value with
        "never" counted as the top of the leverage range. Right: the threshold
        with each parameter at its low and its high value, the others at the
        base point; a move to "never" is a hatched bar ending at the line
        "never", labelled as such.

    Raises
    ------
    TypeError
        For a *result* that is not a ThresholdDrivers, or *ax* not a pair of axes.
    GameError
        For ``max_rows < 1``.

    Examples
    --------
    >>> import pytest; plt = pytest.importorskip("matplotlib.pyplot")
    >>> from gametheory_af.scenarios.afghanistan.drivers import threshold_drivers
    >>> from gametheory_af.plotting import plot_threshold_drivers
    >>> d = threshold_drivers(n=64, n_bootstrap=5, n_sample=200)
    >>> left, right = plot_threshold_drivers(d, max_rows=6)
    >>> "never" in [t.get_text() for t in right.texts]
    True
    >>> plt.close("all")
    """
    caller = "plot_threshold_drivers"
    _check_result(result, "ThresholdDrivers", "gametheory_af.scenarios.afghanistan.drivers", "result", caller)
    max_rows = check_int(max_rows, "max_rows", caller, minimum=1)
    if ax is None:
        plt = _pyplot()
        _, axes = plt.subplots(1, 2, figsize=(13, 5.2))
        left, right = axes
    else:
        if isinstance(ax, (str, bytes)) or not isinstance(ax, Sequence) or len(ax) != 2:
            raise TypeError(f"{caller}: ax must be a pair of axes (Sobol', tornado); got {_short(ax)}.")
        left, right = ax
    cap = result.cap
    # -- Sobol' panel
    never = {r["parameter"]: r for r in result.ranking("never")}
    value = {r["parameter"]: r for r in result.ranking("threshold")}
    names = sorted(never, key=lambda k: -max(never[k]["total_order"], value[k]["total_order"]))[:max_rows]
    y = np.arange(len(names))[::-1].astype(float)
    h = 0.38
    for off, rows, label, color in (
        (h / 2, never, f"whether it exists at all (never at {result.p_never:.0%} of the box)", "tab:red"),
        (-h / 2, value, f"its value, never counted as {cap:g}", "tab:blue"),
    ):
        tot = np.array([rows[k]["total_order"] for k in names])
        first = np.array([rows[k]["first_order"] for k in names])
        ci = np.array([rows[k]["total_order_interval"] for k in names]).reshape(-1, 2)
        err = np.vstack([np.clip(tot - ci[:, 0], 0, None), np.clip(ci[:, 1] - tot, 0, None)])
        left.barh(y + off, tot, height=h, color=color, alpha=0.75, xerr=err, capsize=3, label=f"{label}: total order")
        left.plot(first, y + off, "|", color="black", ms=10, mew=2)
    left.plot([], [], "|", color="black", ms=10, mew=2, label="first order (alone)")
    left.set_yticks(y, names)
    left.axvline(0, color="black", lw=0.8)
    left.set_xlim(min(0.0, left.get_xlim()[0]), max(1.0, left.get_xlim()[1]))
    left.set_xlabel("Sobol' index (share of the variance)")
    left.set_title(f"What drives the least leverage for power sharing ({result.sense} sense)", fontsize="medium")
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize="small", frameon=False)
    # -- tornado panel
    rows_t = result.tornado[:max_rows]
    y = np.arange(len(rows_t))[::-1].astype(float)
    base = cap if result.base_threshold is None else float(result.base_threshold)

    def val(v: Any) -> float:
        return cap if v is None else float(v)

    from matplotlib.patches import Patch

    handles: list[Any] = []
    for side, off, color, label in (("low", 0.18, "tab:blue", "parameter at its low bound"),
                                    ("high", -0.18, "tab:orange", "parameter at its high bound")):
        ends = np.array([val(r[f"threshold_{side}"]) for r in rows_t])
        hatch_mask = np.array([r[f"threshold_{side}"] is None for r in rows_t])
        bars = right.barh(y + off, ends - base, left=base, height=0.36, color=color, alpha=0.85)
        for b, is_never in zip(bars, hatch_mask):
            if is_never and base < cap:
                b.set_hatch("//")
        handles.append(Patch(color=color, alpha=0.85, label=label))  # legend proxy without hatch
    right.axvline(base, color="black", lw=1)
    right.axvline(cap, color="tab:red", lw=1.2, ls="--")
    right.text(cap, float(len(rows_t)) - 0.4, "never", color="tab:red", ha="center", va="bottom", fontsize="small")
    handles.append(Patch(facecolor="white", edgecolor="black", hatch="//", label="never (no leverage up to the bound)"))
    right.set_yticks(y, [f"{r['parameter']}  [{float(r['low']):.3g}, {float(r['high']):.3g}]" for r in rows_t])
    right.set_xlim(-0.05, cap + 0.15)
    right.set_ylim(-0.8, len(rows_t) + 0.2)
    base_text = "never" if result.base_threshold is None else f"{base:.3g}"
    right.set_xlabel("least leverage for power sharing (hatched: never, no leverage up to the bound)")
    right.set_title(f"One at a time from the base point (threshold {base_text})", fontsize="medium")
    right.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize="small",
                 frameon=False)
    return left, right


def plot_pakistan_choice(choice: Any, ax: Any = None, *, n: int = 401) -> Any:
    """Pakistan's payoff against the leverage it applies: the two branches, the leverage peace needs, its choice.

    Solid lines are what Pakistan gets (the war now below the leverage peace
    needs, the power-sharing deal from it); dotted lines continue each branch
    where it is not played. Vertical lines mark the leverage peace needs and
    the greatest leverage Pakistan would apply for the deal (where the deal
    line meets the horizontal line of its best war payoff); a dot marks its choice.

    Parameters
    ----------
    choice : PakistanChoice
        From :func:`~gametheory_af.scenarios.afghanistan.pakistan.pakistan_choice`.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (a new figure when omitted).
    n : int, default 401
        Grid points on the leverage axis.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        For *choice* that is not a :class:`~gametheory_af.scenarios.afghanistan.PakistanChoice`.
    ImportError
        When matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from gametheory_af.scenarios.afghanistan.pakistan import pakistan_choice
    >>> from gametheory_af.plotting import plot_pakistan_choice
    >>> ax = plot_pakistan_choice(pakistan_choice())
    >>> ax.get_xlabel()
    'leverage Pakistan applies (extra cost of war to the Taliban)'
    >>> [t.get_text() for t in ax.get_legend().get_texts()][-1]
    "Pakistan's choice: leverage 29/60, power sharing"
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    from .scenarios.afghanistan.pakistan import DEAL, PakistanChoice

    if not isinstance(choice, PakistanChoice):
        raise TypeError(
            f"plot_pakistan_choice: choice must be a PakistanChoice; got {_short(choice)} ({type(choice).__name__})."
        )
    cv = choice.curve(n)
    ax = _axes(ax)
    x, holds = cv["leverage"], cv["deal_holds"]
    ax.plot(x, np.where(holds, cv["deal"], np.nan), color="tab:green", lw=2, label="power sharing (the deal holds)")
    ax.plot(x, np.where(holds, np.nan, cv["deal"]), color="tab:green", ls=":", label="power sharing, were it an equilibrium")
    ax.plot(x, np.where(holds, np.nan, cv["war"]), color="tab:red", lw=2, label="war (the deal is not an equilibrium)")
    ax.plot(x, np.where(holds, cv["war"], np.nan), color="tab:red", ls=":", label="war, were it played")
    ax.axhline(
        float(choice.war_payoff), color="tab:red", ls="--", lw=0.8,
        label=f"Pakistan's best war payoff ({fraction_text(choice.war_payoff)})",
    )
    if choice.needed is not None:
        ax.axvline(float(choice.needed), color="black", ls="--", lw=1, label=f"leverage peace needs ({fraction_text(choice.needed)})")
    if choice.willing_up_to is not None:
        ax.axvline(
            float(choice.willing_up_to), color="tab:blue", ls="-.", lw=1,
            label=f"most Pakistan would apply for the deal ({fraction_text(choice.willing_up_to)})",
        )
    what = "power sharing" if choice.outcome == DEAL else "war"
    mark = "choice" if choice.attained else "supremum (not attained)"
    ax.plot(
        [float(choice.best_leverage)], [float(choice.payoff)], "o", color="black", ms=8,
        label=f"Pakistan's {mark}: leverage {fraction_text(choice.best_leverage)}, {what}",
    )
    ax.set_xlabel("leverage Pakistan applies (extra cost of war to the Taliban)")
    ax.set_ylabel("Pakistan's payoff")
    ax.set_title(f"Pakistan's choice of leverage ({choice.withdrawal}-based withdrawal)")
    ax.legend(fontsize="small", loc="best")
    return ax
