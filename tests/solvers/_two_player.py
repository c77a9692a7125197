"""Shared helpers for the two-player solver tests: seeded games and peer cross-checks."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np

import gametheory_af as gt


def random_bimatrix(seed: int, m: int, n: int, kind: str = "float") -> gt.NormalFormGame:
    """A seeded random game: ``float`` (nondegenerate almost surely), ``small`` (integers 0..2,
    degenerate more often than not) or ``large`` (integers in +-10**6)."""
    rng = np.random.default_rng(seed)
    if kind == "float":
        A, B = rng.random((m, n)), rng.random((m, n))
    elif kind == "small":
        A, B = rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n))
    elif kind == "large":
        A, B = rng.integers(-(10**6), 10**6, (m, n)), rng.integers(-(10**6), 10**6, (m, n))
    else:  # pragma: no cover
        raise ValueError(kind)
    return gt.NormalFormGame.from_bimatrix(A, B)


def vectors(result: gt.EquilibriumResult) -> list[np.ndarray]:
    """Each equilibrium as one concatenated probability vector."""
    return [np.concatenate(eq.profile) for eq in result]


def dedupe(vecs: list[np.ndarray], tol: float = 1e-9) -> list[np.ndarray]:
    out: list[np.ndarray] = []
    for v in vecs:
        if not any(np.abs(v - u).max() <= tol for u in out):
            out.append(v)
    return out


def same_set(ours: list[np.ndarray], theirs: list[np.ndarray], tol: float = 1e-6) -> bool:
    """True when the two lists hold the same set of vectors within *tol* (duplicates ignored)."""
    a, b = dedupe(ours, tol / 10), dedupe(theirs, tol / 10)
    return (
        len(a) == len(b)
        and all(any(np.abs(x - y).max() <= tol for y in b) for x in a)
        and all(any(np.abs(x - y).max() <= tol for x in a) for y in b)
    )


def gambit_enummixed(game: gt.NormalFormGame) -> list[np.ndarray]:
    """The extreme equilibria pygambit's enummixed reports (float mode), as concatenated vectors."""
    import pygambit as gbt

    A, B = game.payoffs
    if np.all(A == np.round(A)) and np.all(B == np.round(B)):
        A, B = A.astype(np.int64), B.astype(np.int64)
    g = gbt.Game.from_arrays(A, B)
    res = gbt.nash.enummixed_solve(g, rational=False)
    return [np.array([float(eq[s]) for p in g.players for s in p.strategies]) for eq in res.equilibria]


def exact_set(result: gt.EquilibriumResult) -> set[tuple[tuple[Fraction, ...], ...]]:
    return {eq.exact for eq in result}  # type: ignore[misc]


def quiet(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Call *fn* with DegenerateGameWarning silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        return fn(*args, **kwargs)


def check_certificates(game: gt.NormalFormGame, result: gt.EquilibriumResult, tol: float = 1e-9) -> None:
    """Every equilibrium is on the simplex and its stored regrets are right and within tolerance
    (relative to each player's payoff range, as the tolerance policy of issue 9 says)."""
    scale = max(1.0, float(np.abs(game.payoffs).max()))
    span = gt._tolerance.payoff_ranges(game.payoffs)
    for eq in result:
        for p in eq.profile:
            assert np.all(p >= 0) and abs(p.sum() - 1) < 1e-12
        assert eq.relative_regret <= tol
        assert eq.max_regret <= tol * span.max() * (1 + 1e-12)
        assert abs(gt.max_regret(game, eq.profile) - eq.max_regret) <= 1e-12 * scale
        assert abs(float((gt.regrets(game, eq.profile) / span).max()) - eq.relative_regret) <= 1e-12 * scale
        assert np.allclose(gt.expected_payoffs(game, eq.profile), eq.payoffs, atol=1e-12 * scale)
        if eq.exact is not None:
            assert eq.max_regret == 0.0
            assert gt.profiles.max_regret(game, eq.exact, exact=True) == 0
