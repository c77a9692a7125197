"""Progress bars on long computations and solver logging (issue 16).

Bars: shown on standard error when ``progress=True`` (the tqdm text ``k/k`` once done),
nothing when off, the same answers either way, a TypeError for a non-bool and a GameError
naming the ``progress`` extra when tqdm is missing (the import monkeypatched away), before
any work. Logging: ``gametheory_af.<module>`` loggers with DEBUG/INFO diagnostics, silent by
default (a NullHandler on the package logger, nothing at WARNING or above).
"""

from __future__ import annotations

import importlib
import logging
import subprocess
import sys
from typing import Any

import numpy as np
import pytest
import sympy as sp

import gametheory_af as gt
from gametheory_af import _progress
from gametheory_af._progress import NO_BAR, check_progress, progress_bar, progress_range
from gametheory_af.dynamics import fictitious_play
from gametheory_af.dynamics._core import step_range
from gametheory_af.result import EquilibriumResult
from gametheory_af.sensitivity import morris, regions, sobol, sweep, thresholds
from gametheory_af.sensitivity.trees import spe_sweep
from gametheory_af.solvers import dispatch
from gametheory_af.solvers.polynomial import polynomial_enumeration
from gametheory_af.trees import Decision
from gametheory_af.trees.parametric import ParametricTree

pytest.importorskip("tqdm")

L, C, T = sp.symbols("L c t")


def coordination() -> gt.ParametricGame:
    """(A, A) is an equilibrium iff L - c >= 1 (row's deviation to B pays 1), (B, B) always: one boundary, c = L - 1."""
    return gt.ParametricGame(
        [[[L - C, 0], [1, 1]], [[1, 0], [0, 1]]],
        parameters=[gt.Parameter("L", 0, lower=0, upper=4), gt.Parameter("c", 0, lower=0, upper=2)],
    )


def threshold_game() -> gt.ParametricGame:
    """Thresholds' docstring game: (C, C) is an equilibrium iff 3 + L >= t, i.e. L >= 2 at t = 5."""
    return gt.ParametricGame(
        [[[3 + L, 0], [T, 1]], [[3 + L, T], [0, 1]]],
        parameters=[gt.Parameter("L", 0, lower=0, upper=10), gt.Parameter("t", 5)],
        strategies=[["C", "D"], ["C", "D"]],
    )


def entry_tree() -> ParametricTree:
    """Entry deterrence: the incumbent fights iff f > 1, then the entrant stays out (payoff 0 > -1)."""
    return ParametricTree(
        Decision("Entrant", {"Out": (0, 2), "In": Decision("Incumbent", {"Fight": (-1, "f"), "Accommodate": (1, 1)})}),
        parameters=[gt.Parameter("f", -1, lower=-5, upper=5)],
    )


def ishigami(x1: Any, x2: Any, x3: Any) -> Any:
    return np.sin(x1) + 7 * np.sin(x2) ** 2 + 0.1 * x3**4 * np.sin(x1)


ISHIGAMI_BOUNDS = {k: (-np.pi, np.pi) for k in ("x1", "x2", "x3")}


@pytest.fixture
def no_tqdm(monkeypatch: pytest.MonkeyPatch) -> None:
    """``import tqdm.auto`` raises ImportError (a None entry in sys.modules blocks the import)."""
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)


# ----------------------------------------------------------------------------- the shared helper
def test_helper_off_is_the_no_op_bar_and_a_plain_range() -> None:
    assert check_progress(False, "demo") is False
    bar = progress_bar(False, "demo", 10, unit="pt")
    assert bar is NO_BAR and repr(bar) == "NO_BAR"
    with bar as b:
        assert b.update(3) is None
    assert bar.close() is None
    assert progress_range(2, 5, False, "demo", unit="step") == range(2, 5)
    assert step_range(3, False, "demo") == range(1, 4)


def test_helper_on_shows_a_bar_with_its_description(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_progress(True, "demo") is True
    with progress_bar(True, "demo", 7, unit="pt", desc="demo: stage") as bar:
        bar.update(3)
        bar.update(4)
    err = capsys.readouterr().err
    assert "demo: stage" in err and "7/7" in err
    assert list(progress_range(1, 4, True, "demo2", unit="step")) == [1, 2, 3]
    err = capsys.readouterr().err
    assert "demo2" in err and "3/3" in err


@pytest.mark.parametrize("bad", ["yes", 1, None, 0.0])
def test_helper_refuses_a_progress_that_is_not_a_bool(bad: Any) -> None:
    with pytest.raises(TypeError, match=rf"demo: progress must be True or False; got {bad!r}"):
        check_progress(bad, "demo")


def test_helper_names_the_extra_when_tqdm_is_missing(no_tqdm: None) -> None:
    assert check_progress(False, "demo") is False  # off: tqdm is not needed
    with pytest.raises(gt.GameError, match=r"demo\(progress=True\) needs tqdm.*gametheory_af\[progress\]"):
        check_progress(True, "demo")
    with pytest.raises(gt.GameError, match="needs tqdm"):
        progress_bar(True, "demo", 1, unit="pt")
    with pytest.raises(gt.GameError, match=r"step\(progress=True\) needs tqdm"):
        step_range(3, True, "step")


def test_import_does_not_load_tqdm_or_show_anything() -> None:
    code = "import sys, gametheory_af as gt; gt.nash_equilibria(gt.catalog.rock_paper_scissors()); print('tqdm' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    assert out.stdout.strip() == "False"
    assert out.stderr == ""  # silent by default: no log record reaches the last-resort handler


# ------------------------------------------------------------------------------- where bars are
CALLS: dict[str, Any] = {
    # name -> (call with progress=..., the texts its bar shows when on)
    "sobol-callable": (
        lambda p: sobol(ishigami, None, ISHIGAMI_BOUNDS, n=64, rng=3, n_bootstrap=123, progress=p),
        ["sobol: model runs", "320/320", "sobol: bootstrap", "123/123"],  # 64 * (3 + 2) runs; blocks of 2 + a last of 1
    ),
    "sobol-game": (
        lambda p: sobol(coordination(), (0, 0), {"L": (0, 4), "c": (0, 2)}, n=32, rng=1, n_bootstrap=7,
                        sweep_options={"chunk_size": 16}, progress=p),
        ["sweep", "128/128", "sobol: bootstrap", "7/7"],  # 32 * (2 + 2) points of the sweep
    ),
    "morris-callable": (
        lambda p: morris(lambda a, b: a * b, None, {"a": (0, 1), "b": (0, 1)}, r=10, rng=1, progress=p),
        ["morris: model runs", "30/30"],  # 10 trajectories of 2 + 1 points
    ),
    "morris-game": (
        lambda p: morris(coordination(), "n_equilibria", {"L": (0, 4), "c": (0, 2)}, r=6, rng=2, progress=p),
        ["sweep", "18/18"],
    ),
    "regions": (
        lambda p: regions(coordination(), "L", "c", x_range=(0, 4), y_range=(0, 2), resolution=(9, 5), progress=p),
        ["regions: grid", "45/45", "regions: conditions", "4/4", "regions: boundaries", "1/1"],
    ),
    "thresholds": (lambda p: thresholds(threshold_game(), "L", progress=p), ["thresholds", "4/4"]),
    "spe_sweep": (
        lambda p: spe_sweep(entry_tree(), {"f": np.linspace(-5, 5, 11)}, chunk_size=4, progress=p),
        ["spe_sweep", "11/11"],
    ),
    "sweep": (lambda p: sweep(coordination(), {"L": np.linspace(0, 4, 9)}, chunk_size=4, progress=p), ["sweep", "9/9"]),
    "fictitious_play": (lambda p: fictitious_play(gt.catalog.matching_pennies(), steps=12, progress=p), ["12/12"]),
    # 7 of the 27 support profiles of the three-player volunteer's dilemma survive dominance.
    "polynomial_enumeration": (
        lambda p: polynomial_enumeration(gt.catalog.volunteers_dilemma(), progress=p),
        ["polynomial_enumeration", "7/7"],
    ),
}


def _same(a: Any, b: Any) -> None:
    """Equal by value (the results compare by value; arrays field by field for those that hold some)."""
    assert type(a) is type(b)
    assert a == b


@pytest.mark.parametrize("name", list(CALLS))
def test_bar_shows_when_on_and_nothing_when_off_with_identical_results(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    call, texts = CALLS[name]
    capsys.readouterr()
    off = call(False)
    assert capsys.readouterr().err == ""
    on = call(True)
    err = capsys.readouterr().err
    for text in texts:
        assert text in err, (text, err)
    _same(off, on)


@pytest.mark.parametrize("name", list(CALLS))
def test_a_progress_that_is_not_a_bool_is_refused(name: str) -> None:
    call, _ = CALLS[name]
    with pytest.raises(TypeError, match=r"progress must be True or False; got 'yes'"):
        call("yes")


@pytest.mark.parametrize("name", list(CALLS))
def test_missing_tqdm_is_refused_before_any_work(name: str, no_tqdm: None, capsys: pytest.CaptureFixture[str]) -> None:
    call, _ = CALLS[name]
    with pytest.raises(gt.GameError, match=r"\(progress=True\) needs tqdm; install it with `pip install gametheory_af\[progress\]`"):
        call(True)
    call(False)  # off: works without tqdm


def test_sobol_sweep_options_progress_still_turns_on_the_sweep_bar(capsys: pytest.CaptureFixture[str]) -> None:
    res = sobol(coordination(), "n_equilibria", {"L": (0, 4)}, n=8, rng=1, n_bootstrap=2, sweep_options={"progress": True})
    err = capsys.readouterr().err
    assert "24/24" in err and "bootstrap" not in err  # 8 * (1 + 2) points; progress=False: no bootstrap bar
    _same(res, sobol(coordination(), "n_equilibria", {"L": (0, 4)}, n=8, rng=1, n_bootstrap=2))


def test_sobol_bar_on_the_process_backend(capsys: pytest.CaptureFixture[str]) -> None:
    kw: dict[str, Any] = {"n": 16, "rng": 5, "n_bootstrap": 3}
    serial = sobol(coordination(), (1, 1), {"L": (0, 4), "c": (0, 2)}, **kw)
    procs = sobol(coordination(), (1, 1), {"L": (0, 4), "c": (0, 2)}, **kw,
                  sweep_options={"backend": "processes", "n_jobs": 2, "chunk_size": 8}, progress=True)
    assert "64/64" in capsys.readouterr().err  # 16 * (2 + 2) points, counted per chunk as workers finish
    _same(serial, procs)


def test_regions_and_thresholds_answers_are_the_known_ones() -> None:
    # The bar changes nothing; the answers are those derived in the fixtures' docstrings.
    r = regions(coordination(), "L", "c", x_range=(0, 4), y_range=(0, 2), resolution=9, progress=True)
    assert [(b.solved_for, str(b.solutions)) for b in r.boundaries] == [("y", "(L - 1,)")]
    t = thresholds(threshold_game(), "L", progress=True)
    assert t.values == (2,)


# ------------------------------------------------------------------------------------- logging
def test_the_package_logger_has_a_null_handler_and_modules_log_below_it() -> None:
    top = logging.getLogger("gametheory_af")
    assert any(isinstance(h, logging.NullHandler) for h in top.handlers)
    assert dispatch._log.name == "gametheory_af.solvers.dispatch"
    assert dispatch._log.parent is not None


def _messages(caplog: pytest.LogCaptureFixture, logger: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == logger]


def test_auto_choice_says_why(caplog: pytest.LogCaptureFixture) -> None:
    small = gt.catalog.rock_paper_scissors()
    big = gt.NormalFormGame.from_bimatrix(np.eye(21), np.eye(21))  # 441 pure profiles > 400
    three = gt.NormalFormGame(np.zeros((3, 2, 2, 2)))  # 3^3 = 27 support profiles
    many = gt.NormalFormGame(np.zeros((3, 5, 5, 5)))  # 31^3 = 29,791 support profiles > 4,096
    assert dispatch._auto_choice(small)[0][0] == "vertex_enumeration"
    assert "9 pure profiles <= 400 and 20 bases" in dispatch._auto_choice(small)[1]  # C(6, 3) = 20
    assert dispatch._auto_choice(big)[0][0] == "lemke_howson"
    assert "441 pure profiles" in dispatch._auto_choice(big)[1]
    assert dispatch._auto_choice(three) == (
        ["polynomial_enumeration", "logit", "global_newton", "simpdiv"],
        "3 players, 27 support profiles <= 4,096: exact enumeration",
    )
    assert dispatch._auto_choice(many)[0][0] == "logit"
    assert "29,791 support profiles > 4,096" in dispatch._auto_choice(many)[1]
    with caplog.at_level(logging.DEBUG, logger="gametheory_af"):
        res = gt.nash_equilibria(small)
    msgs = _messages(caplog, "gametheory_af.solvers.dispatch")
    assert msgs[0].startswith("nash_equilibria: method 'auto' for a game of shape (3, 3): two players")
    assert "trying vertex_enumeration (1 of 5 in the order)" in msgs[1]
    assert msgs[-1] == f"nash_equilibria: vertex_enumeration found 1 equilibria (complete={res.complete})"
    assert any("1 extreme equilibria, degenerate=False" in m for m in _messages(caplog, "gametheory_af.solvers.vertex"))


def test_named_method_exact_filter_and_few(caplog: pytest.LogCaptureFixture) -> None:
    g = gt.catalog.rock_paper_scissors()
    with caplog.at_level(logging.DEBUG, logger="gametheory_af"):
        gt.nash_equilibria(g, method="lemke_howson")
        gt.nash_equilibria(g, exact=True)
        gt.nash_equilibria(g, max_equilibria=1, rng=0)  # no pure equilibrium: attempts by path followers
    msgs = _messages(caplog, "gametheory_af.solvers.dispatch")
    assert "nash_equilibria: method 'lemke_howson' named by the caller for a game of shape (3, 3)" in msgs
    assert any(m.startswith("nash_equilibria: exact=True keeps the exact methods of that order: vertex_enumeration") for m in msgs)
    assert any("max_equilibria=1" in m for m in msgs)
    few = _messages(caplog, "gametheory_af.solvers._few")
    assert few and few[0].startswith("few_equilibria: attempt 1 (lemke_howson") and few[0].endswith("1 new equilibria")
    lh = _messages(caplog, "gametheory_af.solvers.lemke_howson")
    # Rock-paper-scissors from label 0: 6 pivots (the count the result reports too).
    assert "lemke_howson: 1 path(s) from initial labels [0]: 6 pivots in all, 1 distinct equilibria" in lh


def test_fallback_and_time_limit_are_logged_at_info(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    g = gt.catalog.rock_paper_scissors()

    def nothing(game: gt.NormalFormGame, **kw: Any) -> EquilibriumResult:
        return EquilibriumResult(game=game, equilibria=(), method="vertex_enumeration", complete=False)

    monkeypatch.setitem(dispatch.METHODS, "vertex_enumeration", nothing)
    with caplog.at_level(logging.INFO, logger="gametheory_af"):
        res = gt.nash_equilibria(g)
    assert res.method == "support_enumeration" and len(res) == 1
    assert _messages(caplog, "gametheory_af.solvers.dispatch") == [
        "nash_equilibria: vertex_enumeration found no equilibrium; falling back on the next method"
    ]
    caplog.clear()

    class Expired(dispatch.Clock):  # type: ignore[misc,name-defined]
        def expired(self) -> bool:
            return True

    monkeypatch.setattr(dispatch, "Clock", Expired)
    with caplog.at_level(logging.INFO, logger="gametheory_af"), pytest.warns(gt.ConvergenceWarning):
        gt.nash_equilibria(g)
    assert _messages(caplog, "gametheory_af.solvers.dispatch") == [
        "nash_equilibria: vertex_enumeration found no equilibrium and the time limit ran out"
    ]


def test_path_followers_log_their_paths(caplog: pytest.LogCaptureFixture) -> None:
    g3 = gt.NormalFormGame(np.random.default_rng(1).random((3, 2, 2, 2)))
    g2 = gt.NormalFormGame.from_bimatrix(*np.random.default_rng(2).random((2, 4, 4)))  # a float game: compiled route
    with caplog.at_level(logging.DEBUG, logger="gametheory_af"):
        gn = gt.global_newton(g3)
        sd = gt.simpdiv(g3)
        qr = gt.logit_qre(g3)
        lh = gt.lemke_howson(g2)
    (m,) = _messages(caplog, "gametheory_af.solvers.global_newton")
    assert m.startswith("global_newton: trace from bonus strategies") and m.endswith(f": {gn.n_iter} steps, ended")
    sdm = _messages(caplog, "gametheory_af.solvers.simpdiv")
    assert sdm and all(s.startswith("simpdiv: grid ") for s in sdm)
    assert sum(int(s.split("path of ")[1].split(" ")[0]) for s in sdm if "path of" in s) == sd.n_iter
    (q,) = _messages(caplog, "gametheory_af.solvers.qre")
    assert q.startswith("logit_qre: principal branch traced") and f": {qr.n_iter} steps" in q
    lhm = _messages(caplog, "gametheory_af.solvers.lemke_howson")
    assert lhm and f"{lh.n_iter} pivots" in lhm[-1]


def test_degeneracy_verdict_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    g = gt.NormalFormGame.from_bimatrix([[1, 1], [1, 1]], [[1, 0], [0, 1]])  # the row player is indifferent
    with caplog.at_level(logging.DEBUG, logger="gametheory_af"), pytest.warns(gt.DegenerateGameWarning):
        gt.vertex_enumeration(g)
    (m,) = _messages(caplog, "gametheory_af.solvers.vertex")
    assert "degenerate=True, stopped=False" in m


def test_exact_routes_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    # Integer payoffs 0..3 beside 10^12: float64 cannot resolve the small ones once the range is
    # normalised (the tolerance policy), so the solvers work in rational arithmetic.
    g = gt.NormalFormGame([[[0, 1, 3], [2, 10**12, 1]], [[0, -1, -3], [-2, -(10**12), -1]]])
    with caplog.at_level(logging.DEBUG, logger="gametheory_af"):
        gt.vertex_enumeration(g)
        gt.zero_sum(g)
        gt.lemke_howson(g)
    assert any("rational arithmetic" in m for m in _messages(caplog, "gametheory_af.solvers.vertex"))
    assert any("rational arithmetic" in m for m in _messages(caplog, "gametheory_af.solvers.zero_sum"))
    assert any("rational arithmetic" in m for m in _messages(caplog, "gametheory_af.solvers.lemke_howson"))


def test_default_runs_log_nothing_at_warning(caplog: pytest.LogCaptureFixture) -> None:
    g3 = gt.NormalFormGame(np.random.default_rng(4).random((3, 2, 2, 2)))
    with caplog.at_level(logging.WARNING, logger="gametheory_af"):
        gt.nash_equilibria(gt.catalog.rock_paper_scissors())
        gt.nash_equilibria(g3)
        gt.nash_equilibria(g3, max_equilibria=2, rng=1)
        sobol(ishigami, None, ISHIGAMI_BOUNDS, n=16, rng=1, n_bootstrap=3)
    assert not [r for r in caplog.records if r.name.startswith("gametheory_af")]


def test_logging_does_not_change_answers(caplog: pytest.LogCaptureFixture) -> None:
    g3 = gt.NormalFormGame(np.random.default_rng(5).random((3, 2, 3, 2)))
    quiet = gt.nash_equilibria(g3)
    with caplog.at_level(logging.DEBUG, logger="gametheory_af"):
        loud = gt.nash_equilibria(g3)
    assert caplog.records
    assert quiet == loud


def test_progress_module_is_the_one_the_dynamics_and_sweep_use() -> None:
    # One helper, not three copies: the dynamics' step_range and the sweep both go through it.
    core = importlib.import_module("gametheory_af.dynamics._core")
    sw = importlib.import_module("gametheory_af.sensitivity.sweep")  # the attribute is the function

    assert core.progress_range is _progress.progress_range
    assert sw.progress_bar is _progress.progress_bar and sw.check_progress is _progress.check_progress


def test_polynomial_enumeration_logs_pruning_and_the_second_pass(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="gametheory_af.solvers.polynomial"):
        polynomial_enumeration(gt.catalog.volunteers_dilemma())
    assert "7 of 27 support profiles admissible after dominance" in caplog.text
    caplog.clear()
    # Every player indifferent everywhere: each support system's solution set is its whole face, so the
    # first (weak-dominance) pass gives up and the search runs again with strict dominance alone.
    flat = gt.NormalFormGame(np.zeros((3, 2, 2, 2)))
    with caplog.at_level(logging.INFO, logger="gametheory_af.solvers.polynomial"), pytest.warns(gt.DegenerateGameWarning):
        polynomial_enumeration(flat, progress=False)
    assert "solving again with strict dominance" in caplog.text
