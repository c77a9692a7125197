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


# ------------------------------------------------------------------ options of the generic plots


def test_plot_threshold_label_color_never_and_no_legend() -> None:
    # L - c >= 1/2 with L in [0, 1]: the least L is c + 1/2, and for c > 1/2 no L in [0, 1] works
    L, c = sp.symbols("L c")
    pg = gt.ParametricGame(
        [[[L - c - sp.Rational(1, 2), 0], [0, 1]], [[1, 0], [0, 1]]],
        parameters=[gt.Parameter("L", 1, lower=0, upper=1), gt.Parameter("c", 0, lower=0, upper=1)],
    )
    ax = plot_threshold(pg, (0, 0), "L", "c", [0, 0.25, 0.5, 0.75, 1], label="deal holds", color="tab:blue")
    lower, never = ax.lines
    assert np.allclose(lower.get_ydata()[:3], [0.5, 0.75, 1.0]) and np.isnan(lower.get_ydata()[3:]).all()
    assert never.get_xdata().tolist() == [0.75, 1.0] and never.get_marker() == "x"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["deal holds", "no L works (deal holds)"]
    assert lower.get_color() == "tab:blue"
    ax = plot_threshold(pg, (0, 0), "L", "c", [0, 0.25], legend=False)
    assert ax.get_legend() is None
    assert ax.lines[0].get_label() == "least L"
    with pytest.raises(TypeError, match="label must be a str; got 3"):
        plot_threshold(pg, (0, 0), "L", "c", [0, 0.25], label=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="legend"):
        plot_threshold(pg, (0, 0), "L", "c", [0, 0.25], legend="no")  # type: ignore[arg-type]


def test_plot_regions_names_one_line_each_and_no_equilibrium() -> None:
    # P1 matches, P2 mismatches: for x > 0 no pure equilibrium; for x < 0 (fight, share) is one
    x, y = sp.symbols("x y")
    pg = gt.ParametricGame(
        [[[x + 0 * y, 0], [0, 1]], [[0, 1], [1, 0]]],
        parameters=[gt.Parameter("x", 0, lower=-1, upper=1), gt.Parameter("y", 0, lower=0, upper=1)],
        strategies=[["share", "fight"], ["share", "fight"]],
    )
    res = regions(pg, "x", "y", resolution=11)
    ax = plot_regions(res, names=lambda p: {(1, 0): "a war"}.get(p, "other"))
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    # x <= 0 (6 of 11 columns, P1 indifferent at x = 0): (fight, share); x > 0: none
    assert sorted(texts) == ["a war  [55% of the map]", "exact boundary", "no pure equilibrium  [45% of the map]"]
    with pytest.raises(TypeError, match="names must be a callable"):
        plot_regions(res, names="abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"names must return a str; got 1 for the profile \(1, 0\)"):
        plot_regions(res, names=lambda p: 1)  # type: ignore[arg-type, return-value]


def test_plot_tornado_and_sobol_name_their_outcome() -> None:
    t = tornado(lambda a, b: a + 3 * b, None, {"a": (0, 1), "b": (0, 1)})
    assert plot_tornado(t, outcome="deaths").get_xlabel() == "deaths"
    assert plot_tornado(t).get_xlabel() == "outcome"
    res = sobol(lambda a, b: a + 2 * b, None, {"a": (0, 1), "b": (0, 1)}, n=64, rng=0, n_bootstrap=10)
    assert plot_sobol(res, outcome="deaths").get_ylabel() == "Sobol' index of deaths"
    with pytest.raises(TypeError, match="outcome must be a str; got 1"):
        plot_tornado(t, outcome=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="outcome must be a str"):
        plot_sobol(res, outcome=b"x")  # type: ignore[arg-type]


# ------------------------------------------------------------------ the flagship figures


@pytest.fixture(scope="module")
def flagship(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The four flagship figures of a scenario off the defaults, kept open (plt.close is recorded, not run)."""
    from fractions import Fraction

    from gametheory_af.plotting import flagship_figures
    from gametheory_af.scenarios import afghanistan as af

    figs: list[object] = []
    real_close = plt.close
    plt.close = figs.append  # type: ignore[assignment]
    try:
        m = af.model(leverage=Fraction(3, 5), decentralisation=Fraction(1, 10))
        paths = flagship_figures(m, tmp_path_factory.mktemp("flagship"), resolution=25, n_sobol=16)
    finally:
        plt.close = real_close
    assert [p.name for p in paths] == ["regions.png", "threshold.png", "tornado.png", "sobol.png"]
    assert all(p.stat().st_size > 10_000 for p in paths)
    return {"model": m, **{p.stem: f for p, f in zip(paths, figs)}}


def _texts(fig) -> list[str]:  # type: ignore[no-untyped-def]
    """Every text a reader sees: titles, axis labels, tick labels, legends, annotations."""
    out = [t.get_text() for t in fig.texts]
    if fig._suptitle is not None:
        out.append(fig._suptitle.get_text())
    for leg in fig.legends:
        out += [t.get_text() for t in leg.get_texts()]
    for ax in fig.axes:
        out += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        out += [t.get_text() for t in ax.texts]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        if ax.get_legend() is not None:
            out += [t.get_text() for t in ax.get_legend().get_texts()]
            out.append(ax.get_legend().get_title().get_text())
    return [t for t in out if t]


@pytest.mark.parametrize("name", ["regions", "threshold", "tornado", "sobol"])
def test_flagship_figures_use_names_not_tuples(flagship: dict[str, object], name: str) -> None:
    from gametheory_af.scenarios.afghanistan import STRATEGIES

    texts = _texts(flagship[name])
    assert texts
    joined = " ".join(texts)
    assert "('" not in joined and "(share power" not in joined and "calendar-based)" not in joined
    for a, b in zip(STRATEGIES[0], STRATEGIES[1]):
        assert f"{a}, {b}" not in joined  # no 'share power, negotiate, ...' strategy lists
    # every figure says in which sense power sharing is an equilibrium
    assert "full sense" in joined


def test_flagship_regions_legend_names_and_scenario_point(flagship: dict[str, object]) -> None:
    from gametheory_af.scenarios.afghanistan.names import profile_label

    (ax,) = flagship["regions"].axes  # type: ignore[attr-defined]
    legend = [" ".join(t.get_text().replace("• ", "").split()) for t in ax.get_legend().get_texts()]
    deal = profile_label((0, 0, 0, 1))  # power sharing, Pakistan presses, calendar-based withdrawal
    assert any(deal in t for t in legend)
    assert any(t.startswith(profile_label((1, 1, 1, 1))) for t in legend)  # war now, Pakistan shelters
    assert legend[-1] == "exact boundary"
    assert "full sense" in ax.get_title()
    star = [ln for ln in ax.lines if ln.get_marker() == "*"]
    assert [tuple(ln.get_xydata()[0]) for ln in star] == [(0.6, 0.1)]


def test_flagship_threshold_draws_both_senses_as_the_text(flagship: dict[str, object]) -> None:
    """The lines of threshold.png equal the model's exact thresholds (narrow) and ranges (full), and a third
    route (the exact payoffs) confirms the band just inside and outside its edges."""
    from fractions import Fraction

    m = flagship["model"]
    fig = flagship["threshold"]
    cal, con = fig.axes  # type: ignore[attr-defined]
    labels = [t.get_text() for t in fig.legends[0].get_texts()]  # type: ignore[attr-defined]
    assert labels[0].startswith("narrow sense: the government and the Taliban accept")
    assert labels[1].startswith("full sense (the op-ed's): Pakistan's pressing is also its own best response")
    assert cal.get_title() == "power sharing under a calendar-based withdrawal"
    assert con.get_title() == "power sharing under a conditions-based withdrawal"
    for ax, w in ((cal, "calendar"), (con, "conditions")):
        narrow_low, full_low, full_high = ax.lines[0], ax.lines[1], ax.lines[2]
        assert narrow_low.get_linewidth() > full_low.get_linewidth()
        x = narrow_low.get_xdata()
        k = int(np.flatnonzero(np.isclose(x, 0.1))[0])  # the scenario's decentralisation is among the values
        th = m.replace(decentralisation=Fraction(1, 10)).leverage_threshold(w, symbolic=False)  # type: ignore[attr-defined]
        want_low = float(th.value) if th.value > 0 else np.nan
        assert np.isclose(narrow_low.get_ydata()[k], want_low, equal_nan=True)
        assert np.isclose(full_low.get_ydata()[k], max(float(th.equilibrium_range[0]), 0.0) or np.nan, equal_nan=True)
        assert np.isclose(full_high.get_ydata()[k], float(th.equilibrium_range[1]))
        note = [t.get_text() for t in ax.texts][0]
        assert f"narrow: leverage ≥ {float(th.value):.3f}" in note
        assert f"full: [{float(th.equilibrium_range[0]):.3f}, {float(th.equilibrium_range[1]):.3f}]" in note
    # calendar, at decentralisation 1/4 (a grid value): inside the full band power sharing is an equilibrium of
    # the four-player game; just above its top Pakistan would rather shelter (narrow still holds); below its
    # bottom the Taliban or the government defect
    x = cal.lines[0].get_xdata()
    k = int(np.flatnonzero(np.isclose(x, 0.25))[0])
    lo, hi = cal.lines[1].get_ydata()[k], cal.lines[2].get_ydata()[k]
    at = m.replace(decentralisation=Fraction(1, 4))  # type: ignore[attr-defined]
    for lev, narrow, full in ((lo - 1e-3, False, False), ((lo + hi) / 2, True, True), (hi + 1e-3, True, False)):
        point = at.replace(leverage=Fraction(lev).limit_denominator(10**6))
        assert point.is_power_sharing_equilibrium("calendar") is narrow
        assert point.is_power_sharing_equilibrium("calendar", full=True) is full


def test_flagship_tornado_and_sobol_say_what_they_measure(flagship: dict[str, object]) -> None:
    (ax,) = flagship["tornado"].axes  # type: ignore[attr-defined]
    assert "power sharing under a calendar-based withdrawal" in ax.get_xlabel().replace("\n", " ")
    # at leverage 3/5 and decentralisation 1/10 power sharing is inside the full band: the base outcome is 1
    assert "at which it is" in " ".join(ax.get_title().split()) and "it is not" not in ax.get_title()
    sob = flagship["sobol"].axes[0]  # type: ignore[attr-defined]
    assert "full sense" in sob.get_title().replace("\n", " ")
    assert "leverage" in [t.get_text() for t in sob.get_xticklabels()]


def test_flagship_figures_refuse_other_models(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gametheory_af.plotting import flagship_figures

    class NotAfghan:
        game = game()

        def leverage_threshold(self) -> None: ...

    with pytest.raises(TypeError, match="Afghan scenario model"):
        flagship_figures(NotAfghan(), tmp_path)


def test_threshold_note_and_always_and_regions_without_boundaries() -> None:
    from fractions import Fraction

    from gametheory_af.plotting import _threshold_note

    assert _threshold_note(None, None) == "this scenario:\nno leverage works"
    assert _threshold_note(Fraction(29, 60), None) == "this scenario:\nnarrow: leverage ≥ 0.483\nfull: no leverage works"
    assert _threshold_note(0, (0, Fraction(1, 2))).endswith("full: [0.000, 0.500]")
    # a profile that is an equilibrium whatever L: no threshold line, the whole range shaded
    L, c = sp.symbols("L c")
    pg = gt.ParametricGame(
        [[[1 + L + c, 0], [0, 1]], [[1, 0], [0, 1]]],
        parameters=[gt.Parameter("L", 1, lower=0, upper=4), gt.Parameter("c", 0, lower=0, upper=2)],
    )
    ax = plot_threshold(pg, (0, 0), "L", "c", [0, 1, 2])
    assert len(ax.lines) == 0 and len(ax.collections) == 1
    assert ax.get_ylim() == (0.0, 4.0)
    # legend names without any boundary drawn: no 'exact boundary' entry
    ax = plot_regions(regions(game(), "L", "c", resolution=9), boundaries=False, names=lambda p: "x")
    assert "exact boundary" not in [t.get_text() for t in ax.get_legend().get_texts()]
