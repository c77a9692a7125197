"""Bad input to the sensitivity layer and its figures: each refused before any work, naming the argument and the value."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import gametheory_af as gt
from gametheory_af.sensitivity import (
    comparative_statics,
    equilibrium_conditions,
    grid,
    iter_sweep,
    load_sweep,
    morris,
    prim,
    profile_threshold,
    regions,
    run_tasks,
    sobol,
    sweep,
    thresholds,
    tornado,
)

from ._check import case, run_case

L, c, a_ = sp.symbols("L c a")
GE = gt.GameError
NAN, INF = float("nan"), float("inf")


def pg() -> gt.ParametricGame:
    return gt.ParametricGame(
        [[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
        parameters=[gt.Parameter("L", 1, lower=0, upper=4), gt.Parameter("c", 1, lower=0, upper=2)],
        strategies=[["C", "D"], ["C", "D"]],
    )


def mixed_pg() -> gt.ParametricGame:
    return gt.ParametricGame([[[a_, -1], [-1, 1]], [[-a_, 1], [1, -1]]], parameters={"a": 1})


def f(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a + 2 * b


B = {"a": (0.0, 1.0), "b": (0.0, 1.0)}
PTS = {"L": [1.0, 2.0]}


def _sweep(**kw: object) -> object:
    return sweep(pg(), kw.pop("points", PTS), **kw)  # type: ignore[arg-type]


def _plot(name: str):  # type: ignore[no-untyped-def]
    from gametheory_af import plotting

    return getattr(plotting, name)


def _tornado_table():  # type: ignore[no-untyped-def]
    return tornado(f, None, B)


def _model():  # type: ignore[no-untyped-def]
    from gametheory_af.scenarios import afghanistan

    return afghanistan.model()


CASES = [
    # ------------------------------------------------------------------ grid
    case(lambda: grid(a=[1.0, NAN]), GE, ("'a'", "nan", "finite"), id="grid-nan"),
    case(lambda: grid(a=[1.0, INF]), GE, ("'a'", "inf"), id="grid-inf"),
    case(lambda: grid(a=["x", 1]), GE, ("'a'", "'x'"), id="grid-text"),
    case(lambda: grid(a="12"), GE, ("'a'", "'12'"), id="grid-string-axis"),
    case(lambda: grid(a=[[1.0, 2.0]]), GE, ("'a'", "1-D", "(1, 2)"), id="grid-2d"),
    case(lambda: grid(a=[]), GE, ("'a'", "empty"), id="grid-empty-axis"),
    case(lambda: grid(), GE, ("at least one axis",), id="grid-no-axis"),
    case(lambda: grid(**{f"a{k}": np.arange(1000.0) for k in range(7)}), GE, ("1,000,000,000,000,000,000,000",), id="grid-too-many-points"),
    # ------------------------------------------------------------------ sweep
    case(lambda: _sweep(chunk_size=0), GE, ("chunk_size", "0"), id="sweep-chunk-zero"),
    case(lambda: _sweep(chunk_size=-5), GE, ("chunk_size", "-5"), id="sweep-chunk-negative"),
    case(lambda: _sweep(chunk_size=2.5), TypeError, ("chunk_size", "2.5"), id="sweep-chunk-float"),
    case(lambda: _sweep(chunk_size=True), TypeError, ("chunk_size", "True"), id="sweep-chunk-bool"),
    case(lambda: _sweep(backend="gpu"), GE, ("backend", "'gpu'"), id="sweep-backend-unknown"),
    case(lambda: _sweep(backend=None), GE, ("backend", "None"), id="sweep-backend-none"),
    case(lambda: _sweep(n_jobs=0), GE, ("n_jobs", "0"), id="sweep-n-jobs-zero"),
    case(lambda: _sweep(n_jobs=-2), GE, ("n_jobs", "-2"), id="sweep-n-jobs-minus-two"),
    case(lambda: _sweep(n_jobs=1.5), TypeError, ("n_jobs", "1.5"), id="sweep-n-jobs-float"),
    case(lambda: _sweep(progress="yes"), TypeError, ("progress", "'yes'"), id="sweep-progress-text"),
    case(lambda: _sweep(keep_equilibria=1), TypeError, ("keep_equilibria", "1"), id="sweep-keep-int"),
    case(lambda: _sweep(tol=-1), GE, ("tol", "-1"), id="sweep-tol-negative"),
    case(lambda: _sweep(tol=NAN), GE, ("tol", "nan"), id="sweep-tol-nan"),
    case(lambda: _sweep(tol="1e-9"), TypeError, ("tol", "'1e-9'"), id="sweep-tol-text"),
    case(lambda: _sweep(points={"z": [1.0]}), GE, ("parameter", "'z'"), id="sweep-unknown-parameter"),
    case(lambda: _sweep(points={"L": [1.0, NAN]}), GE, ("'L'", "nan"), id="sweep-point-nan"),
    case(lambda: _sweep(points={"L": [5.0]}), GE, ("'L'", "5.0", "upper bound"), id="sweep-point-out-of-bounds"),
    case(lambda: _sweep(points={"L": [1.0, 2.0], "c": [1.0]}), GE, ("common length", "'c': 1"), id="sweep-ragged"),
    case(lambda: _sweep(points=[1.0, 2.0]), GE, ("points", "list"), id="sweep-points-list"),
    case(lambda: _sweep(solver="nope"), GE, ("solver", "'nope'"), id="sweep-solver-unknown"),
    case(lambda: _sweep(solver=5), TypeError, ("solver", "5"), id="sweep-solver-int"),
    case(lambda: _sweep(measures=[(0, 0)]), TypeError, ("measures", "[(0, 0)]"), id="sweep-measures-list"),
    case(lambda: _sweep(measures={"n_equilibria": (0, 0)}), GE, ("measure names", "'n_equilibria'"), id="sweep-measure-reserved"),
    case(lambda: _sweep(measures={"m": (0, 5)}), GE, ("measures['m']", "5"), id="sweep-measure-bad-profile"),
    case(lambda: _sweep(client=object()), GE, ("client=", "'serial'"), id="sweep-client-without-dask"),
    case(lambda: sweep(gt.catalog.prisoners_dilemma(), PTS), TypeError, ("pgame", "NormalFormGame"), id="sweep-not-parametric"),
    case(lambda: _sweep(out=5), TypeError, ("out", "5"), id="sweep-out-int"),
    case(lambda: _sweep(out=__file__), GE, ("out", "test_sensitivity.py"), id="sweep-out-file"),
    case(lambda: _sweep(solver=gt.pure_nash, out="/tmp/gt-never-created"), GE, ("out=", "'pure_nash'", "keep_equilibria=False"), id="sweep-out-objects"),
    case(lambda: load_sweep(5), TypeError, ("directory", "5"), id="load-sweep-int"),
    case(lambda: load_sweep("/nonexistent/gt-sweep"), GE, ("'/nonexistent/gt-sweep'", "index.json"), id="load-sweep-missing"),
    case(lambda: iter_sweep(pg(), PTS, chunk_size=0), GE, ("iter_sweep", "chunk_size", "0"), id="iter-sweep-chunk-zero"),
    case(lambda: iter_sweep(pg(), PTS, backend="gpu"), GE, ("iter_sweep", "backend", "'gpu'"), id="iter-sweep-backend"),
    case(lambda: iter_sweep(pg(), {"L": [NAN]}), GE, ("iter_sweep", "'L'", "nan"), id="iter-sweep-nan"),
    # ------------------------------------------------------------------ run_tasks
    case(lambda: run_tasks(5, [1]), TypeError, ("func", "5"), id="run-tasks-func"),
    case(lambda: run_tasks(abs, 5), TypeError, ("tasks", "5"), id="run-tasks-tasks"),
    case(lambda: run_tasks(abs, [1], backend="gpu"), GE, ("backend", "'gpu'"), id="run-tasks-backend"),
    case(lambda: run_tasks(abs, [1], n_jobs="2"), TypeError, ("n_jobs", "'2'"), id="run-tasks-n-jobs-text"),
    case(lambda: run_tasks(abs, [1], on_result=3), TypeError, ("on_result", "3"), id="run-tasks-on-result"),
    # ------------------------------------------------------------------ sobol
    case(lambda: sobol(f, None, B, n=1000), GE, ("n", "1000", "power of 2", "512 or 1024"), id="sobol-n-not-power-of-two"),
    case(lambda: sobol(f, None, B, n=1), GE, ("n", "1"), id="sobol-n-one"),
    case(lambda: sobol(f, None, B, n=1024.0), TypeError, ("n", "1024.0"), id="sobol-n-float"),
    case(lambda: sobol(f, None, B, n=True), TypeError, ("n", "True"), id="sobol-n-bool"),
    case(lambda: sobol(f, None, B, rng="abc"), TypeError, ("rng", "'abc'"), id="sobol-rng-text"),
    case(lambda: sobol(f, None, B, rng=1.5), TypeError, ("rng", "1.5"), id="sobol-rng-float"),
    case(lambda: sobol(f, None, B, rng=-1), GE, ("rng", "-1"), id="sobol-rng-negative"),
    case(lambda: sobol(f, None, B, confidence=1.5), GE, ("confidence", "1.5"), id="sobol-confidence-high"),
    case(lambda: sobol(f, None, B, confidence=0), GE, ("confidence", "0"), id="sobol-confidence-zero"),
    case(lambda: sobol(f, None, B, confidence=NAN), GE, ("confidence", "nan"), id="sobol-confidence-nan"),
    case(lambda: sobol(f, None, B, n_bootstrap=0), GE, ("n_bootstrap", "0"), id="sobol-bootstrap-zero"),
    case(lambda: sobol(f, None, {"a": (1, 0)}), GE, ("bounds['a']", "(1, 0)"), id="sobol-bounds-reversed"),
    case(lambda: sobol(f, None, {"a": (1, 1)}), GE, ("bounds['a']", "(1, 1)"), id="sobol-bounds-equal"),
    case(lambda: sobol(f, None, {"a": (0, NAN)}), GE, ("bounds['a']", "nan"), id="sobol-bounds-nan"),
    case(lambda: sobol(f, None, {"a": ("0", 1)}), TypeError, ("bounds['a']", "'0'"), id="sobol-bounds-text"),
    case(lambda: sobol(f, None, {"a": 5}), GE, ("bounds['a']", "5"), id="sobol-bounds-scalar"),
    case(lambda: sobol(f, None, [("a", (0, 1))]), TypeError, ("bounds", "[('a', (0, 1))]"), id="sobol-bounds-list"),
    case(lambda: sobol(f, None, {}), GE, ("bounds", "{}"), id="sobol-bounds-empty"),
    case(lambda: sobol(pg(), (0, 0), {"z": (0, 1)}), GE, ("parameter", "'z'"), id="sobol-bounds-unknown"),
    case(lambda: sobol(pg(), (0, 0), {"L": (0, 9)}), GE, ("bounds['L']", "(0, 9)"), id="sobol-bounds-outside"),
    case(lambda: sobol(pg(), (0, 0), sweep_options={"gpu": True}), GE, ("sweep_options", "'gpu'"), id="sobol-sweep-option-unknown"),
    case(lambda: sobol(pg(), (0, 0), sweep_options={"measures": {}}), GE, ("sweep_options", "'measures'"), id="sobol-sweep-option-reserved"),
    case(lambda: sobol(pg(), (0, 0), sweep_options=[1]), TypeError, ("sweep_options", "[1]"), id="sobol-sweep-options-list"),
    case(lambda: sobol(pg(), None), GE, ("outcome",), id="sobol-no-outcome"),
    case(lambda: sobol(pg(), (0, 7)), GE, ("outcome[1]", "7"), id="sobol-outcome-bad-profile"),
    case(lambda: sobol(f, 5, B), GE, ("outcome", "5"), id="sobol-outcome-callable-model"),
    case(lambda: sobol("model", None, B), TypeError, ("model", "str"), id="sobol-model-text"),
    # ------------------------------------------------------------------ morris
    case(lambda: morris(f, None, B, r=1), GE, ("r", "1"), id="morris-r-one"),
    case(lambda: morris(f, None, B, r="5"), TypeError, ("r", "'5'"), id="morris-r-text"),
    case(lambda: morris(f, None, B, levels=3), GE, ("levels", "3", "even"), id="morris-levels-odd"),
    case(lambda: morris(f, None, B, levels=4.0), TypeError, ("levels", "4.0"), id="morris-levels-float"),
    case(lambda: morris(f, None, B, rng=-1), GE, ("rng", "-1"), id="morris-rng-negative"),
    # ------------------------------------------------------------------ tornado
    case(lambda: tornado(f, None, B, base={"a": NAN}), GE, ("base['a']", "nan"), id="tornado-base-nan"),
    case(lambda: tornado(f, None, B, base=[1]), TypeError, ("base", "[1]"), id="tornado-base-list"),
    case(lambda: tornado(f, None, B, base={"z": 1}), GE, ("base", "'z'"), id="tornado-base-unknown"),
    case(lambda: tornado(f, None, B, base={"a": "x"}), TypeError, ("base['a']", "'x'"), id="tornado-base-text"),
    # ------------------------------------------------------------------ prim
    case(lambda: prim(f, None, B, peel_alpha=0.6), GE, ("peel_alpha", "0.6"), id="prim-alpha-high"),
    case(lambda: prim(f, None, B, peel_alpha=0), GE, ("peel_alpha", "0"), id="prim-alpha-zero"),
    case(lambda: prim(f, None, B, min_support=1), GE, ("min_support", "1"), id="prim-support-one"),
    case(lambda: prim(f, None, B, min_density=2), GE, ("min_density", "2"), id="prim-density-two"),
    case(lambda: prim(f, None, B, n=5), GE, ("n", "5"), id="prim-n-small"),
    case(lambda: prim(f, None, B, n=100.0), TypeError, ("n", "100.0"), id="prim-n-float"),
    case(lambda: prim(f, None, B, rng="seed"), TypeError, ("rng", "'seed'"), id="prim-rng-text"),
    # ------------------------------------------------------------------ thresholds, regions, conditions
    case(lambda: thresholds(pg(), "q"), GE, ("parameter", "'q'"), id="thresholds-unknown-parameter"),
    case(lambda: thresholds(pg(), 5), GE, ("parameter", "5"), id="thresholds-parameter-int"),
    case(lambda: thresholds(pg(), "L", over=(3, 1)), GE, ("over", "(3, 1)"), id="thresholds-over-reversed"),
    case(lambda: thresholds(pg(), "L", over=(0, NAN)), GE, ("over", "nan"), id="thresholds-over-nan"),
    case(lambda: thresholds(pg(), "L", over="ab"), GE, ("over", "'ab'"), id="thresholds-over-text"),
    case(lambda: thresholds(pg(), "L", over=(0, "1")), GE, ("over", "'1'"), id="thresholds-over-text-item"),
    case(lambda: thresholds(pg(), "L", fixed={"c": NAN}), GE, ("fixed['c']", "nan"), id="thresholds-fixed-nan"),
    case(lambda: thresholds(pg(), "L", fixed=[1]), TypeError, ("fixed", "[1]"), id="thresholds-fixed-list"),
    case(lambda: thresholds(pg(), "L", fixed={"c": 100}), GE, ("fixed['c']", "100"), id="thresholds-fixed-out-of-bounds"),
    case(lambda: thresholds(pg(), "L", fixed={"z": 1}), GE, ("fixed", "'z'"), id="thresholds-fixed-unknown"),
    case(lambda: thresholds(pg(), "L", fixed={"L": 1}), GE, ("fixed", "'L'", "varied"), id="thresholds-fixed-varied"),
    case(lambda: profile_threshold(pg(), (0, 5), "L"), GE, ("profile[1]", "5"), id="profile-threshold-index"),
    case(lambda: profile_threshold(pg(), (True, 0), "L"), GE, ("profile[0]", "True"), id="profile-threshold-bool"),
    case(lambda: profile_threshold(pg(), ("X", "C"), "L"), GE, ("strategy", "'X'"), id="profile-threshold-name"),
    case(lambda: equilibrium_conditions(pg(), (0,)), GE, ("profile", "(0,)"), id="conditions-short-profile"),
    case(lambda: equilibrium_conditions(pg(), "CC"), GE, ("profile", "'CC'"), id="conditions-text-profile"),
    case(lambda: regions(pg(), "L", "c", resolution=1), GE, ("resolution", "1"), id="regions-resolution-one"),
    case(lambda: regions(pg(), "L", "c", resolution=100_000), GE, ("100,000 x 100,000 points", "max_entries"), id="regions-resolution-huge"),
    case(lambda: regions(pg(), "L", "c", resolution=2.5), TypeError, ("resolution", "2.5"), id="regions-resolution-float"),
    case(lambda: regions(pg(), "L", "c", resolution=(5,)), GE, ("resolution", "(5,)"), id="regions-resolution-short"),
    case(lambda: regions(pg(), "L", "c", resolution=(5, True)), TypeError, ("resolution[1]", "True"), id="regions-resolution-bool"),
    case(lambda: regions(pg(), "L", "L"), GE, ("'L'", "different"), id="regions-same-axes"),
    case(lambda: regions(pg(), "L", "c", x_range=(1, 1)), GE, ("x_range", "(1, 1)"), id="regions-x-range-empty"),
    case(lambda: regions(pg(), "L", "zz"), GE, ("parameter y", "'zz'"), id="regions-unknown-y"),
    case(lambda: comparative_statics(mixed_pg(), ([0.5, 0.5], [0.5, 0.5]), tol=-1), GE, ("tol", "-1"), id="statics-tol-negative"),
    case(lambda: comparative_statics(mixed_pg(), ([0.5, 0.5], [0.5, 0.5]), at=[1]), TypeError, ("at", "[1]"), id="statics-at-list"),
    case(lambda: comparative_statics(mixed_pg(), ([0.5, 0.5], [0.5, 0.5]), at={"a": NAN}), GE, ("at['a']", "nan"), id="statics-at-nan"),
    case(lambda: comparative_statics(mixed_pg(), "mixed"), GE, ("equilibrium", "'mixed'"), id="statics-profile-text"),
    # ------------------------------------------------------------------ figures
    case(lambda: _plot("plot_regions")("x"), TypeError, ("result", "'x'"), id="plot-regions-not-result"),
    case(lambda: _plot("plot_regions")(regions(pg(), "L", "c", resolution=3), boundaries="yes"), TypeError, ("boundaries", "'yes'"), id="plot-regions-boundaries"),
    case(lambda: _plot("plot_tornado")(_tornado_table(), max_rows=0), GE, ("max_rows", "0"), id="plot-tornado-rows-zero"),
    case(lambda: _plot("plot_tornado")(_tornado_table(), max_rows=1.5), TypeError, ("max_rows", "1.5"), id="plot-tornado-rows-float"),
    case(lambda: _plot("plot_tornado")({"a": 1}), TypeError, ("table", "{'a': 1}"), id="plot-tornado-not-table"),
    case(lambda: _plot("plot_sobol")(None), TypeError, ("result", "None"), id="plot-sobol-none"),
    case(lambda: _plot("plot_threshold")(pg(), (0, 0), "L", "c", [0, NAN]), GE, ("values", "nan"), id="plot-threshold-nan"),
    case(lambda: _plot("plot_threshold")(pg(), (0, 0), "L", "c", [0]), GE, ("values", "[0]"), id="plot-threshold-one-value"),
    case(lambda: _plot("plot_threshold")(pg(), (0, 0), "L", "L", [0, 1]), GE, ("'L'", "different"), id="plot-threshold-same"),
    case(lambda: _plot("plot_threshold")(pg(), (0, 0), "L", "c", [0, 5]), GE, ("values", "5.0", "upper bound"), id="plot-threshold-out-of-bounds"),
    case(lambda: _plot("plot_threshold")(pg(), (0, 0), "L", "zz", [0, 1]), GE, ("policy", "'zz'"), id="plot-threshold-unknown-policy"),
    case(lambda: _plot("plot_threshold")(pg(), (0, 9), "L", "c", [0, 1]), GE, ("profile[1]", "9"), id="plot-threshold-profile"),
    case(lambda: _plot("flagship_figures")(_model(), "/tmp/x", n_sobol=100), GE, ("n_sobol", "100"), id="flagship-n-sobol"),
    case(lambda: _plot("flagship_figures")(_model(), "/tmp/x", resolution=1), GE, ("resolution", "1"), id="flagship-resolution"),
    case(lambda: _plot("flagship_figures")(_model(), 5), TypeError, ("directory", "5"), id="flagship-directory"),
    case(lambda: _plot("flagship_figures")("m", "/tmp/x"), TypeError, ("model", "'m'"), id="flagship-model"),
    case(lambda: _plot("flagship_figures")(_model(), "/tmp/x", rng="abc"), TypeError, ("rng", "'abc'"), id="flagship-rng"),
]


@pytest.mark.parametrize("call, exc, names", CASES)
def test_bad_input(call, exc, names) -> None:  # type: ignore[no-untyped-def]
    run_case(call, exc, names)


def test_limits_on_designs_are_checked_before_any_model_run() -> None:
    calls: list[int] = []

    def model(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        calls.append(len(a))
        return a + b

    with gt.limits(max_entries=10_000):
        with pytest.raises(GE, match=r"sobol: this asks for 65,536 Saltelli design entries"):
            sobol(model, None, B, n=8192)
        with pytest.raises(GE, match=r"morris: this asks for .* trajectory points"):
            morris(model, None, B, r=5_000)
        with pytest.raises(GE, match=r"prim: this asks for 20,000 sampled cases"):
            prim(model, None, B, n=10_000)
    with gt.limits(max_calls=100):
        with pytest.raises(GE, match=r"sobol: this asks for 200 bootstrap resamples"):
            sobol(model, None, B, n=64, n_bootstrap=200)
        with pytest.raises(GE, match=r"prim: this asks for .* candidate peels"):
            prim(model, None, B, n=2000, peel_alpha=1e-3)
        with pytest.raises(GE, match=r"thresholds: this asks for .* equilibrium conditions"):
            big = gt.ParametricGame(np.full((2, 12, 12), L, dtype=object), parameters={"L": 0})
            thresholds(big, "L")
    assert calls == []
