"""The one module of exact rational linear algebra (gametheory_af._exact)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory_af._exact import solve_square_floats, solve_unique

floats = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=200)
@given(st.integers(1, 6).flatmap(lambda n: st.tuples(st.lists(st.lists(floats, min_size=n, max_size=n), min_size=n, max_size=n),
                                                      st.lists(floats, min_size=n, max_size=n))))
def test_fraction_free_solve_equals_gauss_jordan_on_the_exact_binary_values(system) -> None:
    rows, rhs = system
    expected = solve_unique([[Fraction(v) for v in r] for r in rows], [Fraction(v) for v in rhs])
    assert solve_square_floats(rows, rhs) == expected


def test_singular_and_nearly_singular_systems_are_told_apart_exactly() -> None:
    eps = 2.0**-50
    assert solve_square_floats([[1.0, 1.0], [1.0, 1.0]], [1.0, 2.0]) is None
    # float64 cannot trust this one (determinant ~1e-15 of its scale), but its exact solution exists.
    x = solve_square_floats([[1.0, 1.0], [1.0, 1.0 + eps]], [1.0, 1.0])
    assert x == [Fraction(1), Fraction(0)]
    A = np.array([[1.0, 1.0], [1.0, 1.0 + eps]])
    assert [Fraction(v) for v in (A @ np.array([float(v) for v in x]))] == [Fraction(1), Fraction(1)]
