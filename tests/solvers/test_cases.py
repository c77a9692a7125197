"""Every solver against the known-answer table of ``tests/cases.py``.

A complete method must find exactly the expected equilibria (each once); any
other method must find at least one, and only expected ones. Methods with an
exact mode must give the same equilibria as Fractions.
"""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest

import gametheory_af as gt
from gametheory_af.result import make_equilibrium
from tests.cases import CASES, EXACT, GAMES, SOLVERS, Case, equilibria_of


def _run(case: Case, **extra):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", gt.DegenerateGameWarning)
        return case.run(**extra)


def _distance(eq: gt.Equilibrium, expected) -> float:  # type: ignore[no-untyped-def]
    found = np.concatenate(eq.profile)
    want = np.array([float(x) for s in expected for x in s])
    return float(np.abs(found - want).max())


def _matches(case: Case, found: tuple[gt.Equilibrium, ...]) -> list[int]:
    """For each found equilibrium, the index of the expected one it matches (fails if none)."""
    idx = []
    for eq in found:
        dist = [_distance(eq, e) for e in case.expected]
        assert dist and min(dist) <= case.tol, (
            f"{case.id}: found {[p.tolist() for p in eq.profile]}, not among the expected equilibria "
            f"(nearest at distance {min(dist, default=float('inf')):.3g})"
        )
        idx.append(int(np.argmin(dist)))
    return idx


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_known_answer(case: Case) -> None:
    out = _run(case)
    found = equilibria_of(out)
    idx = _matches(case, found)
    if case.complete:
        assert sorted(idx) == list(range(len(case.expected))), f"{case.id}: found {len(found)}, expected {len(case.expected)}"
        assert out.complete
    else:
        assert found, f"{case.id}: no equilibrium found"
        assert len(set(idx)) == len(idx), f"{case.id}: an equilibrium is returned twice"
    for eq in found:
        assert eq.relative_regret <= max(case.tol, 1e-9)
    if case.value is not None:
        assert out.value == pytest.approx(float(case.value), abs=1e-12)


@pytest.mark.parametrize("case", [c for c in CASES if c.solver in EXACT], ids=lambda c: c.id)
def test_known_answer_exact(case: Case) -> None:
    out = _run(case, exact=True)
    found = [eq.exact for eq in equilibria_of(out)]
    assert found and all(f is not None for f in found)
    if case.complete:
        assert sorted(found) == sorted(case.expected)
    else:
        assert all(f in case.expected for f in found), f"{case.id}: {found} not in {case.expected}"
        assert len(set(found)) == len(found)
    if case.value is not None:
        assert out.exact_value == case.value and isinstance(out.exact_value, Fraction)


# ---------------------------------------------------------------------------- the table itself
@pytest.mark.parametrize("name", list(GAMES))
def test_table_equilibria_are_exact_equilibria(name: str) -> None:
    """Each expected profile has zero regret in rational arithmetic, and no two are equal."""
    known = GAMES[name]
    assert len(set(known.equilibria)) == len(known.equilibria)
    for prof in known.equilibria:
        assert all(sum(s) == 1 and min(s) >= 0 for s in prof)
        assert gt.profiles.max_regret(known.game, prof, exact=True) == 0


@pytest.mark.parametrize("name", list(GAMES))
def test_table_pure_equilibria_are_all_of_them(name: str) -> None:
    """The table's pure equilibria are exactly the pure profiles with zero regret (checked by brute force)."""
    known = GAMES[name]
    game = known.game
    brute = set()
    for idx in itertools.product(*(range(s) for s in game.shape)):
        eq = make_equilibrium(game, idx, exact=True)
        if eq.max_regret == 0:
            brute.add(eq.exact)
    assert brute == set(known.pure)


def test_table_covers_every_solver_and_catalog_game() -> None:
    assert {c.solver for c in CASES} == set(SOLVERS)
    assert set(gt.catalog.names()) <= {c.game_name for c in CASES}
    assert len({c.id for c in CASES}) == len(CASES)
    for case in CASES:
        assert case.expected or case.solver == "pure", case.id  # only games without pure equilibria expect nothing


def test_zero_sum_values_are_the_payoff_at_the_expected_equilibrium() -> None:
    for case in CASES:
        if case.value is not None:
            (x, y) = case.expected[0]
            A = case.game.exact_payoffs()[0]
            assert sum(A[i, j] * x[i] * y[j] for i in range(len(x)) for j in range(len(y))) == case.value
