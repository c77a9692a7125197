"""Plots of sensitivity results (gametheory_af.plotting); run with MPLBACKEND=Agg."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import gametheory_af as gt
from gametheory_af.sensitivity import regions, sobol, tornado

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")

from gametheory_af.plotting import plot_regions, plot_sobol, plot_threshold, plot_tornado  # noqa: E402


@pytest.fixture(autouse=True)
def _close() -> object:
    yield
    plt.close("all")


def game() -> gt.ParametricGame:
    L, c = sp.symbols("L c")
    return gt.ParametricGame(
        [[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
        parameters=[gt.Parameter("L", 1, lower=0, upper=4), gt.Parameter("c", 1, lower=0, upper=2)],
        strategies=[["share", "fight"], ["share", "fight"]],
    )


def test_plot_regions_draws_map_boundaries_and_legend() -> None:
    res = regions(game(), "L", "c", resolution=41)
    fig, ax = plt.subplots()
    out = plot_regions(res, ax=ax)
    assert out is ax
    assert len(ax.collections) == 1  # the pcolormesh map
    (line,) = ax.lines  # the exact threshold c = L - 1
    x, y = line.get_data()
    ok = np.isfinite(y)
    assert np.allclose(y[ok], x[ok] - 1)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("(share, share)" in t for t in labels)
    assert ax.get_xlabel() == "L" and ax.get_ylabel() == "c"


def test_plot_regions_vertical_and_implicit_curves() -> None:
    x, y = sp.symbols("x y")
    pg = gt.ParametricGame(
        [[[x - 1, 0], [0, 1]], [[sp.exp(y) - 2 + 0 * x, 0], [0, 1]]],
        parameters=[gt.Parameter("x", 0, lower=0, upper=2), gt.Parameter("y", 0, lower=0, upper=2)],
    )
    res = regions(pg, "x", "y", resolution=21)
    ax = plot_regions(res, legend=False)
    assert len(ax.lines) == 2  # x = 1 (vertical) and y = log 2
    assert ax.get_legend() is None


def test_plot_threshold_lines_and_shading() -> None:
    ax = plot_threshold(game(), ("share", "share"), "L", "c", np.linspace(0, 2, 5))
    assert ax.lines[0].get_ydata().tolist() == [1.0, 1.5, 2.0, 2.5, 3.0]
    assert len(ax.collections) == 1  # the shaded equilibrium region
    assert ax.get_xlabel() == "c"
    with pytest.raises(gt.GameError, match="at least 2"):
        plot_threshold(game(), (0, 0), "L", "c", [1.0])


def test_plot_tornado_bars() -> None:
    t = tornado(lambda a, b: a + 3 * b, None, {"a": (0, 1), "b": (0, 1)})
    fig, ax = plt.subplots()
    assert plot_tornado(t, ax=ax) is ax
    assert len(ax.patches) == 4
    ticks = [tk.get_text() for tk in ax.get_yticklabels()]
    assert ticks[0].startswith("b") or ticks[-1].startswith("b")
    assert len(plot_tornado(t, max_rows=1).patches) == 2


def test_plot_sobol_bars_with_intervals() -> None:
    res = sobol(lambda a, b: a + 2 * b, None, {"a": (0, 1), "b": (0, 1)}, n=128, rng=0, n_bootstrap=10)
    fig, ax = plt.subplots()
    assert plot_sobol(res, ax=ax) is ax
    assert len(ax.patches) == 4
    assert len(ax.containers) == 4  # two bar containers + two error-bar containers
    assert [tk.get_text() for tk in ax.get_xticklabels()] == ["a", "b"]


def test_missing_matplotlib_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def fake(name: str, *args: object, **kw: object) -> object:
        if name.startswith("matplotlib"):
            raise ImportError("no matplotlib")
        return real(name, *args, **kw)

    t = tornado(lambda a: a, None, {"a": (0, 1)})
    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(ImportError, match=r"gametheory_af\[plot\]"):
        plot_tornado(t)
