"""nash_equilibria: method choice, option passing and errors."""

from __future__ import annotations

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.solvers.dispatch import METHOD_ALIASES, METHODS, nash_equilibria


def test_auto_two_player_small_is_vertex_enumeration():
    res = nash_equilibria(gt.catalog.battle_of_the_sexes())
    assert res.method == "vertex_enumeration"
    assert len(res) == 3 and res.complete


def test_auto_two_player_large_is_lemke_howson():
    rng = np.random.default_rng(0)
    game = gt.NormalFormGame(rng.normal(size=(2, 25, 25)))
    res = nash_equilibria(game)
    assert res.method == "lemke_howson"
    assert len(res) >= 1 and res.relative_regret <= 1e-9


def test_auto_small_n_player_is_polynomial():
    res = nash_equilibria(gt.catalog.volunteers_dilemma())
    assert res.method == "polynomial_enumeration" and len(res) == 7 and res.complete


def test_auto_large_n_player_is_logit():
    rng = np.random.default_rng(1)
    game = gt.NormalFormGame(rng.normal(size=(3, 5, 5, 5)))
    res = nash_equilibria(game)
    assert res.method == "logit" and res.converged and res.max_regret <= 1e-8


def test_named_methods_and_options():
    g = gt.catalog.jordan_game()
    assert len(nash_equilibria(g, method="pure")) == 0  # Jordan's game has no pure equilibrium
    for m in ["polynomial_enumeration", "logit", "global_newton"]:
        res = nash_equilibria(g, method=m)  # its one equilibrium is mixed
        assert res.method == m and len(res) == 1 and res.relative_regret <= 1e-9
    res = nash_equilibria(g, method="polynomial_enumeration", tol=1e-7, max_boxes=64)
    assert res.parameters["tol"] == 1e-7 and res.parameters["max_boxes"] == 64


def test_exact():
    entry = gt.catalog.get("volunteers_dilemma")
    res = nash_equilibria(entry.game, exact=True)
    assert {eq.exact for eq in res} == set(entry.equilibria)
    with pytest.raises(gt.GameError, match="exact"):
        nash_equilibria(gt.catalog.jordan_game(), method="logit", exact=True)


def test_errors():
    g = gt.catalog.jordan_game()
    with pytest.raises(gt.GameError, match="valid methods are 'auto', 'pure'"):
        nash_equilibria(g, method="simplex")
    with pytest.raises(gt.GameError, match="no option 'bogus'"):
        nash_equilibria(g, method="logit", bogus=1)
    with pytest.raises(TypeError):
        nash_equilibria([[1]])
    assert "polynomial_enumeration" in METHODS


def test_function_names_are_method_names():
    g = gt.catalog.jordan_game()
    assert nash_equilibria(g, method="pure_nash") == nash_equilibria(g, method="pure")
    assert nash_equilibria(g, method="logit_qre").method == "logit"
    for name, fn in METHODS.items():
        assert METHOD_ALIASES.get(fn.__name__, fn.__name__) == name


def test_cli_solve_prints_mixed(tmp_path, capsys):
    from gametheory_af.__main__ import main

    path = tmp_path / "v.nfg"
    path.write_text(gt.catalog.volunteers_dilemma().to_nfg())
    assert main(["solve", str(path)]) == 0
    out = capsys.readouterr().out
    assert "pure: 3 equilibria" in out
    assert "polynomial_enumeration: 7 equilibria (all of their kind)" in out
    assert out.index("pure:") < out.index("polynomial_enumeration:")


# ---------------------------------------------------------------------- issue 9
def test_fallback_when_a_method_finds_nothing(monkeypatch):
    import gametheory_af.solvers.dispatch as d
    from gametheory_af.exceptions import ConvergenceWarning
    from gametheory_af.result import EquilibriumResult

    def failing_logit(game, *, tol=None, max_time=None, **kw):
        import warnings

        warnings.warn("logit: no luck", ConvergenceWarning)  # noqa: B028 - stands in for a solver
        return EquilibriumResult(equilibria=(), method="logit", complete=False, converged=False)

    monkeypatch.setitem(d.METHODS, "logit", failing_logit)
    game = gt.NormalFormGame(np.random.default_rng(1).normal(size=(3, 5, 5, 5)))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)  # the failed method's warning is not passed on
        res = nash_equilibria(game)
    assert res.method == "global_newton" and res.converged and res.relative_regret <= 1e-9


def test_max_time_passes_through_and_bounds_auto(monkeypatch):
    # A deadline that has always passed, whatever the machine's speed (a real 1e-6 s budget is
    # rounded up to a millisecond, in which the compiled logit tracer can finish a small game).
    from gametheory_af._limits import Clock

    game = gt.NormalFormGame(np.random.default_rng(1).normal(size=(3, 5, 5, 5)))
    with monkeypatch.context() as m:
        m.setattr(Clock, "expired", lambda self: self.end is not None)
        with pytest.warns(gt.ConvergenceWarning):
            res = nash_equilibria(game, max_time=1e-6)
    assert len(res) == 0 and not res.converged and np.isnan(res.max_regret)
    res = nash_equilibria(gt.catalog.jordan_game(), method="global_newton", max_time=60)
    assert res.parameters["max_time"] == 60.0


def test_unknown_options_are_named():
    g = gt.catalog.jordan_game()
    with pytest.raises(gt.GameError, match="'bogus'.*'other'"):
        nash_equilibria(g, method="simpdiv", bogus=1, other=2)
    with pytest.raises(TypeError, match="exact"):
        nash_equilibria(g, exact="yes")
