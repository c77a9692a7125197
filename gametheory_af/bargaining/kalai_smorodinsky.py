"""Kept for compatibility: these solutions now live in :mod:`gametheory_af.bargaining.axiomatic`."""

from __future__ import annotations

from .axiomatic import egalitarian, ideal_point, kalai_smorodinsky, utilitarian

__all__ = ["kalai_smorodinsky", "egalitarian", "utilitarian", "ideal_point"]
