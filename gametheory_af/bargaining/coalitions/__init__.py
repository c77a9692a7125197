r"""Coalition games with transferable utility, weighted voting, and their solutions.

A transferable-utility (TU) game on players :math:`N = \{0, \dots, n-1\}` is a
characteristic function :math:`v: 2^N \to \mathbb{R}` with :math:`v(\emptyset) = 0`;
:math:`v(S)` is what coalition :math:`S` can secure for its members by itself.
:class:`CoalitionGame` stores :math:`v` as a dense vector of length :math:`2^n`
indexed by bitmask (bit :math:`i` set when player :math:`i` is in the coalition),
so every solution concept below is a vectorised pass over that vector.
:class:`WeightedVotingGame` is a simple game given by a quota and weights; its
power indices are computed by counting swings with a dynamic programme over
weight sums (generating functions), never by enumerating :math:`2^n` coalitions,
so parliaments with hundreds of members are fine.

Solutions: :func:`shapley_value`, :func:`banzhaf`, :func:`shapley_shubik`
(one number per player, as an :class:`Allocation`), :func:`core` and
:func:`in_core` (linear programming), :func:`nucleolus` (a sequence of linear
programmes). Exact rational characteristic functions (ints,
:class:`~fractions.Fraction`, sympy rationals) give exact answers.

The modules: :mod:`.games` (the two game classes), :mod:`.power` (values and
power indices) and :mod:`.core` (core, nucleolus and their results); each
cites its sources.

Examples
--------
>>> import gametheory_af as gt
>>> eec = gt.WeightedVotingGame(12, [4, 4, 4, 2, 2, 1],
...     players=["France", "Germany", "Italy", "Belgium", "Netherlands", "Luxembourg"])
>>> gt.shapley_shubik(eec).as_dict()["Luxembourg"]
Fraction(0, 1)
"""

from __future__ import annotations

from typing import Any

from .core import LP_BYTES_PER_COALITION as LP_BYTES_PER_COALITION
from .core import Allocation, CoreResult, core, in_core, nucleolus
from .core import _deprecated_nucleolus_bytes
from .games import CoalitionGame, WeightedVotingGame
from .power import _enumerated_swings as _enumerated_swings  # noqa: I001 - kept for callers of the one module
from .power import _swings_by_size as _swings_by_size
from .power import banzhaf, shapley_shubik, shapley_value
from .voting import MultiQuotaVotingGame, deegan_packel, holler, johnston


def __getattr__(name: str) -> Any:
    if name == "NUCLEOLUS_BYTES_PER_COALITION":
        return _deprecated_nucleolus_bytes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CoalitionGame",
    "WeightedVotingGame",
    "MultiQuotaVotingGame",
    "holler",
    "deegan_packel",
    "johnston",
    "Allocation",
    "CoreResult",
    "shapley_value",
    "banzhaf",
    "shapley_shubik",
    "core",
    "in_core",
    "nucleolus",
]
