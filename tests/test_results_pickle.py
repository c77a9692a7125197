"""Every public result pickles, round-trips equal, and keeps its arrays read-only (issue 9, part 7)."""

from __future__ import annotations

import copy
import dataclasses
import json
import multiprocessing
import pickle
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

import gametheory_af as gt
from gametheory_af._validation import FrozenMapping
from gametheory_af.result import EquilibriumResult, same_value
from gametheory_af.sensitivity import (
    comparative_statics,
    equilibrium_conditions,
    grid,
    iter_sweep,
    morris,
    prim,
    profile_threshold,
    regions,
    sobol,
    sweep,
    thresholds,
    tornado,
)

L, c, x = sp.symbols("L c x")


def game_lc() -> gt.ParametricGame:
    return gt.ParametricGame(
        [[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
        parameters=[gt.Parameter("L", 1, lower=0, upper=4), gt.Parameter("c", 1, lower=0, upper=2)],
    )


def arrays_in(obj: object, seen: set[int] | None = None) -> list[np.ndarray]:
    """Every numpy array reachable through dataclass fields, tuples, lists and mappings."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return []
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        return [obj]
    out: list[np.ndarray] = []
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            out += arrays_in(getattr(obj, f.name), seen)
    elif isinstance(obj, (tuple, list)):
        for v in obj:
            out += arrays_in(v, seen)
    elif isinstance(obj, Mapping):
        for v in obj.values():
            out += arrays_in(v, seen)
    return out


def round_trip(obj: object) -> object:
    back = pickle.loads(pickle.dumps(obj))
    assert type(back) is type(obj)
    assert back == obj, f"{type(obj).__name__} does not round-trip equal"
    assert back is not obj
    for a in arrays_in(back):
        assert not a.flags.writeable, f"an array of {type(obj).__name__} is writeable after unpickling"
    return back


# ---------------------------------------------------------------------------- core results
def test_frozen_mapping_is_read_only_and_pickles() -> None:
    m = FrozenMapping({"a": 1, "b": (2, 3)})
    assert dict(m) == {"a": 1, "b": (2, 3)} and len(m) == 2 and "a" in m
    assert m == {"a": 1, "b": (2, 3)} and m != {"a": 2}
    with pytest.raises(TypeError):
        m["a"] = 5  # type: ignore[index]
    with pytest.raises(AttributeError):
        m._data = {}  # type: ignore[misc]
    back = pickle.loads(pickle.dumps(m))
    assert back == m and isinstance(back, FrozenMapping)
    assert repr(m) == "FrozenMapping({'a': 1, 'b': (2, 3)})"
    src = {"k": 1}
    m2 = FrozenMapping(src)
    src["k"] = 2  # a copy is kept
    assert m2["k"] == 1


@pytest.mark.parametrize(
    "make",
    [
        lambda: gt.pure_nash(gt.catalog.battle_of_the_sexes()),
        lambda: gt.pure_nash(gt.catalog.matching_pennies()),  # no pure equilibrium
        lambda: gt.support_enumeration(gt.catalog.matching_pennies(), exact=True),
        lambda: gt.zero_sum(gt.catalog.matching_pennies()),
        lambda: gt.zero_sum(gt.catalog.matching_pennies(), exact=True),
    ],
    ids=["pure", "empty", "exact", "zero_sum", "zero_sum_exact"],
)
def test_equilibrium_results_round_trip(make) -> None:  # type: ignore[no-untyped-def]
    res = make()
    back = round_trip(res)
    assert isinstance(back.parameters, FrozenMapping)
    assert back.to_dict() == res.to_dict()
    for a, b in zip(back, res):
        assert a == b and a.exact == b.exact


def test_results_equal_by_value_not_identity() -> None:
    g = gt.catalog.battle_of_the_sexes()
    a, b = gt.pure_nash(g), gt.pure_nash(g)
    assert a == b and hash(a) == hash(b)
    assert a != gt.pure_nash(gt.catalog.prisoners_dilemma())
    assert a.equilibria[0] != a.equilibria[1]


def test_logit_qre_result_round_trips() -> None:
    from gametheory_af.solvers.qre import logit_qre

    res = logit_qre(gt.catalog.matching_pennies())
    back = round_trip(res)
    assert np.array_equal(back.lambdas, res.lambdas)


def test_dominance_result_pickles() -> None:
    res = gt.eliminate_dominated(gt.catalog.prisoners_dilemma())
    back = pickle.loads(pickle.dumps(res))
    assert back.survivors == res.survivors and back.eliminated == res.eliminated
    assert np.array_equal(back.game.payoffs, res.game.payoffs)
    assert back == res


def _public_classes() -> list[type]:
    import importlib
    import inspect
    import pkgutil

    out = {}
    for info in pkgutil.walk_packages(gt.__path__, "gametheory_af."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]) or info.name.endswith("plotting"):
            continue
        mod = importlib.import_module(info.name)
        for name in getattr(mod, "__all__", ()):
            obj = getattr(mod, name, None)
            if inspect.isclass(obj) and obj.__module__.startswith("gametheory_af"):
                out[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return [out[k] for k in sorted(out)]


@pytest.mark.parametrize(
    "cls", [c for c in _public_classes() if dataclasses.is_dataclass(c)], ids=lambda c: c.__qualname__
)
def test_every_public_dataclass_compares_by_value(cls: type) -> None:
    """A frozen result compared by identity would not equal its own pickled round trip."""
    params = cls.__dataclass_params__  # type: ignore[attr-defined]
    assert params.eq or cls.__eq__ is not object.__eq__, f"{cls.__qualname__} compares by identity"


def test_empty_result_to_dict_is_json() -> None:
    res = gt.pure_nash(gt.catalog.matching_pennies())
    assert len(res) == 0 and np.isnan(res.max_regret)
    d = res.to_dict()
    assert d["max_regret"] is None and d["relative_regret"] is None
    text = json.dumps(d, allow_nan=False)  # raises on NaN
    assert json.loads(text)["equilibria"] == []


def test_equilibrium_to_dict_is_json_with_nan_regret() -> None:
    eq = gt.pure_nash(gt.catalog.prisoners_dilemma()).equilibria[0]
    odd = dataclasses.replace(eq, relative_regret=float("nan"))
    assert json.loads(json.dumps(odd.to_dict(), allow_nan=False))["relative_regret"] is None


def test_same_value_compares_arrays_and_nan() -> None:
    assert same_value({"a": np.array([np.nan, 1.0])}, FrozenMapping({"a": np.array([np.nan, 1.0])}))
    assert not same_value((1, 2), [1, 2])
    assert not same_value(np.zeros(2), np.zeros(3))
    assert same_value(float("nan"), float("nan"))


# ---------------------------------------------------------------------------- sensitivity results
def test_sweep_results_round_trip() -> None:
    pg = game_lc()
    g = grid(L=np.linspace(0, 4, 9), c=[0.0, 1.0, 2.0])
    res = sweep(pg, g, chunk_size=5, measures={"top": (0, 0)})
    back = round_trip(res)
    assert back.grid_shape == (9, 3)
    assert np.array_equal(back.points["L"], res.points["L"])
    sample = sweep(pg, {"L": [0.5, 3.0]}, solver=gt.pure_nash)
    back2 = round_trip(sample)
    assert [len(r) for r in back2.equilibria] == [len(r) for r in sample.equilibria]
    for part in iter_sweep(pg, g, chunk_size=10):
        round_trip(part)


def test_sweep_results_differ_when_values_differ() -> None:
    pg = game_lc()
    a = sweep(pg, {"L": [0.5, 3.0]})
    b = sweep(pg, {"L": [0.5, 3.5]})
    assert a != b and a == sweep(pg, {"L": [0.5, 3.0]})


def test_threshold_results_round_trip() -> None:
    pg = game_lc()
    res = thresholds(pg, "L", fixed={"c": Fraction(1, 2)})
    back = round_trip(res)
    assert back.values == res.values and back.equilibria_at(3) == res.equilibria_at(3)
    round_trip(profile_threshold(pg, (0, 0), "L"))
    for cond in equilibrium_conditions(pg, (0, 0)):
        round_trip(cond)


def test_regions_result_round_trips() -> None:
    res = regions(game_lc(), "L", "c", resolution=7)
    back = round_trip(res)
    assert np.array_equal(back.labels, res.labels) and back.boundaries == res.boundaries


def test_comparative_statics_round_trip() -> None:
    a = sp.Symbol("a")
    pg = gt.ParametricGame([[[a, -1], [-1, 1]], [[-a, 1], [1, -1]]], parameters={"a": 1})
    exact = comparative_statics(pg, ([Fraction(1, 2)] * 2, [Fraction(1, 2)] * 2))
    back = round_trip(exact)
    assert back.d_payoffs["a"].tolist() == [Fraction(1, 4), Fraction(-1, 4)]
    round_trip(comparative_statics(pg, ([0.5, 0.5], [0.5, 0.5])))


def test_global_results_round_trip() -> None:
    b = {"a": (0.0, 1.0), "b": (0.0, 1.0)}
    round_trip(sobol(lambda a, b: a + 2 * b, None, b, n=64, rng=0, n_bootstrap=10))
    round_trip(morris(lambda a, b: a * b, None, b, r=5, rng=0))
    round_trip(tornado(lambda a, b: a + 3 * b, None, b))
    res = prim(lambda a, b: (a > 0.7) * 1.0, None, b, n=500, rng=0)
    back = round_trip(res)
    assert isinstance(back.trajectory[0]["box"], FrozenMapping)
    assert back.describe() == res.describe()


# ---------------------------------------------------------------------------- across processes
def test_results_cross_a_process_pool() -> None:
    ctx = multiprocessing.get_context("spawn")
    pg = game_lc()
    swept = sweep(pg, {"L": [0.5, 3.0]}, measures={"top": (0, 0)})
    th = thresholds(pg, "L")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as ex:
        solved = ex.submit(gt.pure_nash, gt.catalog.battle_of_the_sexes()).result()
        echoed_sweep = ex.submit(copy.copy, swept).result()
        echoed_th = ex.submit(copy.copy, th).result()
    assert isinstance(solved, EquilibriumResult) and solved == gt.pure_nash(gt.catalog.battle_of_the_sexes())
    assert echoed_sweep == swept and not echoed_sweep.measures["top"].flags.writeable
    assert echoed_th == th


def test_non_pure_solver_sweeps_on_processes() -> None:
    """Per-point EquilibriumResults come back from worker processes (mappingproxy used to block this)."""
    pg = game_lc()
    pts = {"L": np.linspace(0, 4, 6), "c": np.linspace(0, 2, 6)}
    serial = sweep(pg, pts, solver=gt.pure_nash, chunk_size=2)
    procs = sweep(pg, pts, solver=gt.pure_nash, chunk_size=2, backend="processes", n_jobs=2)
    assert procs.equilibria == serial.equilibria
    assert np.array_equal(procs.n_equilibria, serial.n_equilibria)
