"""Global sensitivity: Sobol' indices, Morris, tornado, PRIM (gametheory_af.sensitivity.sobol, .morris, .tornado, .prim)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

import gametheory_af as gt
from gametheory_af.sensitivity import morris, prim, sobol, sweep, tornado

A_ISH, B_ISH = 7.0, 0.1
BOUNDS = {k: (-np.pi, np.pi) for k in ("x1", "x2", "x3")}


def ishigami(x1: np.ndarray, x2: np.ndarray, x3: np.ndarray) -> np.ndarray:
    return np.sin(x1) + A_ISH * np.sin(x2) ** 2 + B_ISH * x3**4 * np.sin(x1)


def ishigami_indices() -> tuple[np.ndarray, np.ndarray]:
    """Analytic first- and total-order indices (Ishigami & Homma 1990; Sobol' & Levitan 1999)."""
    a, b, pi = A_ISH, B_ISH, np.pi
    v1 = 0.5 * (1 + b * pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * pi**8 * (1 / 18 - 1 / 50)
    var = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / var, np.array([v1 + v13, v2, v13]) / var


def leverage_game() -> gt.ParametricGame:
    L, c = sp.symbols("L c")
    return gt.ParametricGame(
        [[[L - c, 0], [1, 1]], [[1, 0], [0, 1]]],
        parameters=[gt.Parameter("L", 1, lower=0, upper=4), gt.Parameter("c", 1, lower=0, upper=2)],
    )


def test_sobol_ishigami_within_sample_size_tolerance() -> None:
    n = 2**13
    res = sobol(ishigami, None, BOUNDS, n=n, rng=12345, n_bootstrap=100)
    s1, st = ishigami_indices()
    tol = 10 / np.sqrt(n)  # ~0.11 at n = 8192; the estimator's sd is ~1/sqrt(n)
    assert np.allclose(res.first_order, s1, atol=tol)
    assert np.allclose(res.total_order, st, atol=tol)
    # The intervals bracket the estimates and, at this size, the analytic values.
    lo, hi = res.first_order_interval.T
    assert (lo <= res.first_order).all() and (res.first_order <= hi).all()
    assert ((res.total_order_interval[:, 0] - tol <= st) & (st <= res.total_order_interval[:, 1] + tol)).all()
    assert res.names == ("x1", "x2", "x3") and res.n == n
    assert "S1=" in repr(res)


def test_sobol_is_reproducible_with_rng() -> None:
    a = sobol(ishigami, None, BOUNDS, n=256, rng=3, n_bootstrap=20)
    b = sobol(ishigami, None, BOUNDS, n=256, rng=np.random.default_rng(3), n_bootstrap=20)
    assert np.array_equal(a.first_order, b.first_order)
    assert np.array_equal(a.total_order_interval, b.total_order_interval)


def test_sobol_agrees_with_salib() -> None:
    pytest.importorskip("SALib")
    from SALib.analyze import sobol as salib_sobol
    from SALib.sample import sobol as salib_sample

    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}
    X = salib_sample.sample(problem, 2**12, calc_second_order=False, seed=7)
    Si = salib_sobol.analyze(problem, ishigami(*X.T), calc_second_order=False, seed=7)
    ours = sobol(ishigami, None, BOUNDS, n=2**12, rng=7, n_bootstrap=20)
    assert np.allclose(ours.first_order, Si["S1"], atol=0.08)
    assert np.allclose(ours.total_order, Si["ST"], atol=0.08)


def test_sobol_on_a_game_outcome() -> None:
    # Profile (0, 0) is an equilibrium iff L - c >= 1: L has the larger range, so the larger index.
    pg = leverage_game()
    res = sobol(pg, (0, 0), n=512, rng=0, n_bootstrap=20)
    assert res.names == ("L", "c")
    assert res.total_order[0] > res.total_order[1] > 0
    count = sobol(pg, "n_equilibria", {"L": (0, 4)}, n=64, rng=0, n_bootstrap=5)
    assert count.first_order[0] == pytest.approx(1.0)
    via_callable = sobol(pg, lambda r: r.is_equilibrium((0, 0)), n=512, rng=0, n_bootstrap=20)
    assert np.allclose(via_callable.first_order, res.first_order)


def test_sobol_constant_outcome_has_zero_indices() -> None:
    res = sobol(lambda a: np.ones_like(a), None, {"a": (0, 1)}, n=64, rng=0, n_bootstrap=5)
    assert res.variance == 0 and res.first_order.tolist() == [0.0]


def test_morris_linear_and_interaction() -> None:
    res = morris(lambda a, b, c: 2 * a - 5 * b + 0 * c, None, {"a": (0, 1), "b": (0, 2), "c": (0, 1)}, r=10, rng=0)
    # Effects are per normalized range: b's range is 2, so its effect is -10.
    assert np.allclose(res.mu, [2, -10, 0]) and np.allclose(res.mu_star, [2, 10, 0])
    assert np.allclose(res.sigma, 0)
    assert res.elementary_effects.shape == (10, 3)
    inter = morris(lambda a, b: a * b, None, {"a": (0, 1), "b": (0, 1)}, r=30, rng=1)
    assert (inter.sigma > 0).all()
    pg = leverage_game()
    g = morris(pg, (0, 0), r=20, rng=2)
    assert g.mu[0] > 0 > g.mu[1]


def test_tornado_on_game_and_callable() -> None:
    pg = leverage_game()
    t = tornado(pg, (0, 0))
    assert t.names == ("L", "c")
    assert t.outcome_low.tolist() == [0.0, 1.0] and t.outcome_high.tolist() == [1.0, 0.0]
    assert t.base == {"L": 1.0, "c": 1.0}
    t2 = tornado(lambda a, b: a - b, None, {"a": (0, 1), "b": (0, 3)}, base={"a": 0.5})
    assert t2.names == ("b", "a") and t2.swing.tolist() == [-3.0, 1.0]


def test_prim_recovers_the_equilibrium_region() -> None:
    pg = leverage_game()
    res = prim(pg, (0, 0), n=3000, rng=0, min_density=0.95)
    assert res.density >= 0.95
    lo_L = res.box["L"][0]
    assert "L" in res.restricted and lo_L > 1.0
    # The trajectory starts at the full sample, with coverage 1, and density never falls.
    assert res.trajectory[0]["coverage"] == 1.0
    dens = [s["density"] for s in res.trajectory]
    assert all(b >= a - 1e-12 for a, b in zip(dens, dens[1:]))
    assert "coverage" in res.describe()


def test_prim_on_a_sweep() -> None:
    pg = leverage_game()
    rng = np.random.default_rng(5)
    sw = sweep(pg, {"L": rng.uniform(0, 4, 2000), "c": rng.uniform(0, 2, 2000)}, measures={"top": (0, 0)})
    a = prim(sw, "top", min_density=0.95)
    b = prim(sw, (0, 0), min_density=0.95)
    assert a.box == b.box and a.n == 2000
    pd = pytest.importorskip("pandas")
    assert isinstance(a.trajectory_to_pandas(), pd.DataFrame)


def test_to_pandas_tables() -> None:
    pytest.importorskip("pandas")
    res = sobol(ishigami, None, BOUNDS, n=64, rng=0, n_bootstrap=5)
    assert list(res.to_pandas().columns) == ["S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi"]
    assert list(morris(ishigami, None, BOUNDS, r=4, rng=0).to_pandas().index) == ["x1", "x2", "x3"]
    assert tornado(ishigami, None, BOUNDS).to_pandas().shape == (3, 5)


def test_errors() -> None:
    pg = leverage_game()
    with pytest.raises(gt.GameError, match="power of 2"):
        sobol(ishigami, None, BOUNDS, n=1000)
    with pytest.raises(gt.GameError, match="bounds are required"):
        sobol(ishigami, None, None)
    with pytest.raises(gt.GameError, match="unknown parameter 'z'"):
        sobol(pg, (0, 0), {"z": (0, 1)})
    with pytest.raises(gt.GameError, match="outside the bounds of 'L'"):
        tornado(pg, (0, 0), {"L": (-1, 1)})
    with pytest.raises(gt.GameError, match="lo < hi"):
        morris(ishigami, None, {"x1": (1, 0)})
    with pytest.raises(gt.GameError, match="give an outcome"):
        tornado(pg)
    with pytest.raises(gt.GameError, match="levels"):
        morris(ishigami, None, BOUNDS, levels=3)
    with pytest.raises(gt.GameError, match="never holds"):
        prim(lambda a: 0 * a, None, {"a": (0, 1)}, n=100, rng=0)
    with pytest.raises(gt.GameError, match="one value per point"):
        tornado(lambda a: np.zeros(2), None, {"a": (0, 1)})
    with pytest.raises(TypeError, match="model must be"):
        tornado(3, None, {"a": (0, 1)})  # type: ignore[arg-type]
    with pytest.raises(gt.GameError, match="confidence"):
        sobol(ishigami, None, BOUNDS, n=64, confidence=1.5)
