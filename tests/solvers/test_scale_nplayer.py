"""The n-player solvers do not depend on the units of each player's payoffs (issue 9, part 1).

Equilibria are invariant to a positive affine map ``a_i * u_i + b_i`` of each player's payoffs;
so must the answers be: every solver works on payoffs normalised per player and accepts an
equilibrium by its *relative* regret (:mod:`gametheory_af._tolerance`).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import gametheory_af as gt
from gametheory_af._tolerance import float_resolves, normalized_payoffs
from gametheory_af.solvers.dispatch import nash_equilibria
from gametheory_af.solvers.global_newton import global_newton
from gametheory_af.solvers.polynomial import polynomial_enumeration
from gametheory_af.solvers.qre import logit_qre, logit_select
from gametheory_af.solvers.simpdiv import simpdiv

SHAPES = [(2, 2, 2), (3, 2, 2)]


@st.composite
def mapped_games(draw):
    """An integer game, and the same game under a random positive affine map per player.

    ``a`` is log-uniform in [1e-12, 1e12] and ``|b| <= 1e12``. Maps that float64 cannot carry
    out faithfully (``b = 1e12`` swamps payoffs scaled by ``1e-12``: the image is a different,
    often constant, game) are discarded: they change the game, not its units.
    """
    shape = draw(st.sampled_from(SHAPES))
    n = len(shape)
    size = n * int(np.prod(shape))
    vals = draw(st.lists(st.integers(0, 99), min_size=size, max_size=size))
    u = np.array(vals, dtype=np.float64).reshape((n, *shape))
    a = [10.0 ** draw(st.floats(-12, 12)) for _ in range(n)]
    b = [draw(st.floats(-1e12, 1e12)) for _ in range(n)]
    v = np.stack([a[i] * u[i] + b[i] for i in range(n)])
    un, _, _ = normalized_payoffs(u)
    vn, _, _ = normalized_payoffs(v)
    assume(np.abs(un - vn).max() < 1e-9 and float_resolves(v))
    return gt.NormalFormGame(u), gt.NormalFormGame(v)


def _flat(eq):
    return np.concatenate(eq.profile)


def _same_set(r1, r2):
    a = sorted((_flat(e) for e in r1), key=tuple)
    b = sorted((_flat(e) for e in r2), key=tuple)
    assert len(a) == len(b)
    for x in a:
        assert min(np.abs(x - y).max() for y in b) < 1e-6


def _quiet(fn, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return fn(*args, **kw)


def _isolated(game):
    """Whether the game has finitely many equilibria, all found (else "the same profile" is ill-posed:
    a solver may land anywhere on a continuum, and rounding decides where)."""
    return _quiet(polynomial_enumeration, game).complete


def _is_equilibrium_of(game, eq, tol=1e-9):
    assert eq.relative_regret <= tol
    assert gt.result.make_equilibrium(game, eq.profile).relative_regret <= 1e-7


@settings(max_examples=40)
@given(mapped_games())
def test_polynomial_enumeration_same_set(pair):
    g, h = pair
    r1 = _quiet(polynomial_enumeration, g)
    r2 = _quiet(polynomial_enumeration, h)
    for e in r2:
        _is_equilibrium_of(g, e)
    if r1.complete:
        assert r2.complete
        _same_set(r1, r2)


@settings(max_examples=30)
@given(mapped_games())
def test_logit_end_point(pair):
    g, h = pair
    r1 = _quiet(logit_qre, g)
    r2 = _quiet(logit_qre, h)
    assert r1.converged == r2.converged
    if r1.converged:
        _is_equilibrium_of(g, r2[0])
        if _isolated(g):
            assert np.abs(_flat(r1[0]) - _flat(r2[0])).max() < 1e-6
            assert np.abs(_flat(_quiet(logit_select, h)) - _flat(r1[0])).max() < 1e-6


@settings(max_examples=30)
@given(mapped_games())
def test_simpdiv(pair):
    g, h = pair
    r1 = _quiet(simpdiv, g)
    r2 = _quiet(simpdiv, h)
    assert r1.converged and r2.converged
    _is_equilibrium_of(g, r2[0])
    if _isolated(g):
        assert np.abs(_flat(r1[0]) - _flat(r2[0])).max() < 1e-6


@settings(max_examples=30)
@given(mapped_games())
def test_global_newton(pair):
    g, h = pair
    r1 = _quiet(global_newton, g, rng=0)
    r2 = _quiet(global_newton, h, rng=0)
    assert r1.converged == r2.converged
    if r2.converged:
        _is_equilibrium_of(g, r2[0])
        if _isolated(g):
            assert np.abs(_flat(r1[0]) - _flat(r2[0])).max() < 1e-6


@settings(max_examples=30)
@given(mapped_games())
def test_nash_equilibria(pair):
    g, h = pair
    r1 = _quiet(nash_equilibria, g)
    r2 = _quiet(nash_equilibria, h)
    assert r1.method == r2.method and len(r2) >= 1
    for e in r2:
        _is_equilibrium_of(g, e)
    if r1.complete:
        assert r2.complete
        _same_set(r1, r2)


# ----------------------------------------------------------------- the samples of the issue
def test_polynomial_tiny_payoffs():
    """Payoffs times 1e-300 returned 82 profiles (incomplete) instead of the 7 equilibria."""
    g = gt.catalog.volunteers_dilemma()
    res = polynomial_enumeration(gt.NormalFormGame(g.payoffs * 1e-300))
    assert res.complete and len(res) == 7
    _same_set(res, polynomial_enumeration(g))


def test_simpdiv_large_offset():
    """A 4x4 game plus 1e9 returned a profile with regret 0.875 (its tolerance had grown to 1.0)."""
    u = np.random.default_rng(7).integers(0, 100, size=(2, 4, 4)).astype(float)
    res = simpdiv(gt.NormalFormGame(u + 1e9))
    assert res.converged and res[0].relative_regret <= 1e-9 and res[0].max_regret < 1e-6
    assert res.parameters["tol"] == 1e-9
    _is_equilibrium_of(gt.NormalFormGame(u), res[0])


@pytest.mark.parametrize("scale, shift", [(1e9, 0.0), (1.0, 1e9), (1e-9, 0.0), (1e-9, 1e3)])
def test_global_newton_units(scale, shift):
    """global_newton found nothing at times 1e9, at +1e9 and at times 1e-9."""
    g = gt.catalog.jordan_game()
    res = global_newton(gt.NormalFormGame(g.payoffs * scale + shift))
    assert res.converged
    assert np.abs(_flat(res[0]) - _flat(global_newton(g)[0])).max() < 1e-9


def test_unresolvable_payoffs_are_incomplete():
    """Payoffs 0..99 with one entry 1e12: float64 cannot certify the search, so it says so."""
    u = np.random.default_rng(3).integers(0, 100, size=(3, 2, 2, 2)).astype(float)
    u[0, 0, 0, 0] = 1e12
    g = gt.NormalFormGame(u)
    with pytest.warns(gt.DegenerateGameWarning, match="resolve"):
        res = polynomial_enumeration(g)
    assert not res.complete
    assert all(e.relative_regret <= 1e-9 for e in res)


def test_per_player_tolerance_is_relative():
    """One player's payoffs in the billions, the other's in units: each is judged on its own range."""
    u = np.random.default_rng(5).integers(0, 100, size=(3, 3, 3, 3)).astype(float)
    base = polynomial_enumeration(gt.NormalFormGame(u))
    v = u.copy()
    v[0] *= 1e9
    res = polynomial_enumeration(gt.NormalFormGame(v))
    assert base.complete and res.complete
    _same_set(res, base)
