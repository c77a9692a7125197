"""Kept for compatibility: the global analyses now live in sobol.py, morris.py, tornado.py and prim.py."""

from __future__ import annotations

from .morris import MorrisResult, morris
from .prim import PrimResult, prim
from .sobol import SobolResult, sobol
from .tornado import TornadoTable, tornado

__all__ = [
    "SobolResult",
    "MorrisResult",
    "TornadoTable",
    "PrimResult",
    "sobol",
    "morris",
    "tornado",
    "prim",
]
