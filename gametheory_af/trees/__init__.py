"""Game trees: extensive-form games, their conversions and Bayesian games.

Examples
--------
>>> import gametheory_af as gt
>>> g = gt.catalog.entry_deterrence()
>>> g.players
('Entrant', 'Incumbent')
"""

from __future__ import annotations

from .game import CHANCE as CHANCE
from .game import TERMINAL as TERMINAL
from .game import Chance, Decision, ExtensiveFormGame, InformationSet, Node, Terminal

__all__ = [
    "ExtensiveFormGame",
    "Decision",
    "Chance",
    "Terminal",
    "Node",
    "InformationSet",
]
