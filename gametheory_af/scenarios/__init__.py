"""Scenarios: worked models of real negotiations, each with a documented parameter file.

:mod:`~gametheory_af.scenarios.afghanistan` is the flagship: the Afghan peace
negotiations of 2021 as a four-party parametric game, with Pakistan's leverage
over the Taliban as the parameter of interest.

Examples
--------
>>> from gametheory_af.scenarios import afghanistan
>>> afghanistan.PLAYERS
('Afghan government', 'Taliban', 'Pakistan', 'United States')
"""

from __future__ import annotations

from . import afghanistan

__all__ = ["afghanistan"]
