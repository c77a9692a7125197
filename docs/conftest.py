"""pytest configuration for running the documentation's examples.

``python -m pytest --doctest-glob='*.rst' docs -q`` runs every ``>>>`` block of
the hand-written pages; each page is one doctest, so later blocks see the names
earlier blocks defined.
"""

from __future__ import annotations

import os

os.environ.setdefault("MPLBACKEND", "Agg")

collect_ignore = ["conf.py", "_apiref.py", "_scenario.py", "_intersphinx/make_inventories.py"]
collect_ignore_glob = ["_build/*", "reference/generated/*", "reference/_api_*.rst", "explanation/_*.rst", "_templates/*"]
