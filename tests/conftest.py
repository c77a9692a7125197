"""Shared test configuration: hypothesis profiles without wall-clock deadlines; numba kernels compiled once."""

from __future__ import annotations

import importlib.util
import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session", autouse=True)
def _numba_kernels_compiled() -> None:
    """Compile Lemke-Howson's numba kernels once, before the first test, not inside it.

    With numba installed (the ``fast`` extra), the first ``lemke_howson`` call of a
    process compiles its kernels (about 5 s) or loads them from numba's on-disk cache
    (``cache=True``: about 0.3 s). One tiny game here pays that once per session, so
    no test's own time (or a hypothesis deadline) includes it. Without numba nothing
    is compiled and this does nothing.
    """
    if importlib.util.find_spec("numba") is None:  # pragma: no cover - depends on the environment
        return
    import gametheory_af as gt

    gt.lemke_howson(gt.catalog.battle_of_the_sexes())
