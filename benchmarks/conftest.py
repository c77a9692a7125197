"""Shared benchmark helpers: seeded games and peer-library adapters."""

from __future__ import annotations

import numpy as np
import pytest

SEED = 20260611


def random_game_payoffs(shape: tuple[int, ...], seed: int = SEED) -> np.ndarray:
    """A seeded random game with standard-normal payoffs, shape (n, *shape)."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal((len(shape), *shape))


def to_pygambit(payoffs: np.ndarray):  # noqa: ANN201 - peer object
    gbt = pytest.importorskip("pygambit")
    return gbt.Game.from_arrays(*[payoffs[i] for i in range(payoffs.shape[0])])


def to_quantecon(payoffs: np.ndarray):  # noqa: ANN201 - peer object
    qe = pytest.importorskip("quantecon.game_theory")
    return qe.NormalFormGame(np.moveaxis(payoffs, 0, -1))
