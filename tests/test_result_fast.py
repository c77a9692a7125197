"""The solvers' private construction path of results against the public constructor (issue 14).

``EquilibriumResult._trusted`` and ``Equilibrium._trusted`` skip the checks of the
public constructors (true by construction in the calling solver): the results they
build must be the public constructor's, field for field and type for type.
"""

from __future__ import annotations

import dataclasses
import pickle
import warnings

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af._validation import FrozenMapping
from gametheory_af.result import Equilibrium, EquilibriumResult


def _public(res: EquilibriumResult) -> EquilibriumResult:
    """The same result rebuilt through the public constructor (every check)."""
    fields = {f.name: getattr(res, f.name) for f in dataclasses.fields(res)}
    fields["parameters"] = dict(res.parameters)
    fields["equilibria"] = [
        Equilibrium(**{f.name: getattr(e, f.name) for f in dataclasses.fields(e)}) for e in res.equilibria
    ]
    return EquilibriumResult(**fields)


def _assert_identical(a: EquilibriumResult, b: EquilibriumResult) -> None:
    assert type(a) is type(b) and a == b and hash(a) == hash(b)
    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        assert type(x) is type(y), f.name
    assert type(a.parameters) is FrozenMapping
    for e, d in zip(a.equilibria, b.equilibria):
        assert e == d
        for f in dataclasses.fields(e):
            assert type(getattr(e, f.name)) is type(getattr(d, f.name)), f.name
        assert all(not p.flags.writeable for p in e.profile) and not e.payoffs.flags.writeable


def _lh_results() -> list[EquilibriumResult]:
    out = []
    for seed in range(12):
        m, n = 2 + seed % 5, 3 + seed % 4
        game = gt.NormalFormGame(np.random.default_rng(seed).standard_normal((2, m, n)))
        out.append(gt.lemke_howson(game, initial_label=seed % (m + n)))
    out.append(gt.lemke_howson(gt.catalog.battle_of_the_sexes(), initial_label="all"))
    out.append(gt.lemke_howson(gt.catalog.rock_paper_scissors(), exact=True))
    return out


@pytest.mark.parametrize("res", _lh_results(), ids=lambda r: f"lh-{r.n_iter}")
def test_lemke_howson_results_equal_the_public_constructors(res: EquilibriumResult) -> None:
    _assert_identical(res, _public(res))
    back = pickle.loads(pickle.dumps(res))
    _assert_identical(back, res)


@pytest.mark.parametrize("seed", range(4))
def test_polynomial_results_equal_the_public_constructors(seed: int) -> None:
    game = gt.NormalFormGame(np.random.default_rng(seed).standard_normal((3, 2, 2, 2)))
    res = gt.polynomial_enumeration(game)
    assert len(res) >= 1
    _assert_identical(res, _public(res))


def test_trusted_result_is_frozen_and_copies_its_parameters() -> None:
    game = gt.catalog.prisoners_dilemma()
    eq = gt.pure_nash(game)[0]
    params = {"tol": 1e-9}
    res = EquilibriumResult._trusted(game, (eq,), "x", True, params, True, 0)
    params["tol"] = 1.0  # the result keeps its own copy
    assert res.parameters["tol"] == 1e-9
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.method = "y"  # type: ignore[misc]
    assert res == EquilibriumResult(game=game, equilibria=(eq,), method="x", complete=True, parameters={"tol": 1e-9}, n_iter=0)


def test_trusted_equilibrium_is_the_public_one() -> None:
    eq = gt.pure_nash(gt.catalog.prisoners_dilemma())[0]
    fields = {f.name: getattr(eq, f.name) for f in dataclasses.fields(eq)}
    t = Equilibrium._trusted(eq.profile, eq.payoffs, eq.support, eq.max_regret, eq.relative_regret, eq.exact)
    assert t == Equilibrium(**fields) and t.is_pure and t.pure_profile == (1, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.max_regret = 1.0  # type: ignore[misc]


def test_public_constructor_still_checks() -> None:
    # The public path keeps every check (what _trusted may skip only for solvers).
    game = gt.catalog.prisoners_dilemma()
    eq = gt.pure_nash(game)[0]
    with pytest.raises(TypeError, match="equilibria\\[0\\] must be a Equilibrium"):
        EquilibriumResult(equilibria=("x",), method="m", complete=True)  # type: ignore[arg-type]
    with pytest.raises(gt.GameError, match="n_iter must be an integer >= 0; got -1"):
        EquilibriumResult(equilibria=(eq,), method="m", complete=True, n_iter=-1)
    with pytest.raises(gt.GameError, match="game has shape \\(3, 3\\)"):
        EquilibriumResult(equilibria=(eq,), method="m", complete=True, game=gt.catalog.rock_paper_scissors())


# ---------------------------------------------------------------------------- lemke_howson's remembered options
def test_lemke_howson_options_are_checked_on_every_call_after_a_remembered_success() -> None:
    import importlib

    lh_mod = importlib.import_module("gametheory_af.solvers.lemke_howson")
    game = gt.NormalFormGame(np.random.default_rng(3).standard_normal((2, 4, 5)))
    ok = gt.lemke_howson(game, initial_label=2, tol=1e-8, max_iter=50)
    key = (int, 2, float, 1e-8, bool, False, int, 50, 4, 5)
    assert lh_mod._OPTIONS[key] == (1e-8, (2,), 50)
    assert gt.lemke_howson(game, initial_label=2, tol=1e-8, max_iter=50) == ok
    # Equal values of other types are other keys, checked again: True is not an int label here.
    with pytest.raises(TypeError, match="initial_label must be an int or 'all'; got bool True"):
        gt.lemke_howson(game, initial_label=True)
    with pytest.raises(gt.GameError, match="initial_label must be in \\[0, 9\\) for a 4 x 5 game"):
        gt.lemke_howson(game, initial_label=9)  # 9 labels: 0..8
    with pytest.raises(TypeError, match="initial_label must be an int or 'all'; got list"):
        gt.lemke_howson(game, initial_label=[0])  # type: ignore[arg-type]  # unhashable: checked, refused
    with pytest.raises(gt.GameError, match="tol must be a finite number; got nan"):
        gt.lemke_howson(game, tol=float("nan"))
    with pytest.raises(gt.GameError, match="max_iter must be an integer >= 1; got 0"):
        gt.lemke_howson(game, max_iter=0)
    # A zero tolerance keeps its sign in the parameters (0.0 and -0.0 are equal keys).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.ConvergenceWarning)  # a zero tolerance refuses round-off
        assert str(gt.lemke_howson(game, tol=-0.0).parameters["tol"]) == "-0.0"
        assert str(gt.lemke_howson(game, tol=0.0).parameters["tol"]) == "0.0"
    # The store is bounded.
    for t in range(300):
        gt.lemke_howson(game, tol=1e-9 + t * 1e-12)
    assert len(lh_mod._OPTIONS) <= 256
    with pytest.raises(gt.GameError, match="game must have 2 players; got 3"):
        gt.lemke_howson(gt.NormalFormGame(np.zeros((3, 2, 2, 2))))
    with pytest.raises(TypeError, match="game must be a NormalFormGame; got list"):
        gt.lemke_howson([[1]])  # type: ignore[arg-type]


def test_lemke_howson_single_path_past_max_iter_warns_at_the_callers_line() -> None:
    # This 6 x 6 game needs more than one pivot from label 3: max_iter=1 stops the compiled path.
    game = gt.NormalFormGame(np.random.default_rng(5).standard_normal((2, 6, 6)))
    full = gt.lemke_howson(game, initial_label=3)
    assert full.n_iter > 1
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = gt.lemke_howson(game, initial_label=3, max_iter=1)
    [w] = caught
    assert issubclass(w.category, gt.ConvergenceWarning) and w.filename == __file__
    assert "exceeded max_iter=1" in str(w.message)
    assert not res.converged and len(res) == 0 and res.n_iter == 1
    assert res == _public(res)
    # Several labels share one normalisation and each path past max_iter warns, at the caller's line too.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = gt.lemke_howson(game, initial_label="all", max_iter=1)
    assert caught and all(w.filename == __file__ and "exceeded max_iter=1" in str(w.message) for w in caught)
    assert not res.converged and res == _public(res)


def test_lemke_howson_integer_payoffs_take_the_prepared_route_once() -> None:
    # Integer payoffs (status 1 of the compiled call): the path runs on the prepared,
    # normalised payoffs, as for several labels; the answer is the one of "all" for that label.
    game = gt.NormalFormGame(np.random.default_rng(7).integers(-5, 6, size=(2, 5, 4)).astype(float))
    one = gt.lemke_howson(game, initial_label=4)
    ref = dict(gt.iter_lemke_howson(game, initial_label=[4]))[4]
    assert one[0] == ref and one.converged
