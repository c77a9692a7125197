"""Write the offline intersphinx inventories of the documentation.

Used by ``docs/conf.py``; not part of the package. The build has no network,
so it cannot download the ``objects.inv`` of Python, NumPy, SciPy, SymPy and
pandas. Instead, ``NAMES`` below lists each name of theirs that the
documentation references, with its page in that project's documentation,
and this script writes one inventory per project (Sphinx's version-2
format: four header lines, then ``name domain:role priority uri dispname``
lines compressed with zlib) beside itself::

    python docs/_intersphinx/make_inventories.py

The written files are committed; ``tests/test_docs_offline.py`` checks that
they are what this table gives. A new reference to one of these projects
that ``sphinx-build -n`` reports as not found goes into ``NAMES``.
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: Each project's documentation root: the inventories' URIs are relative to it.
BASE_URLS = {
    "python": "https://docs.python.org/3",
    "numpy": "https://numpy.org/doc/stable",
    "scipy": "https://docs.scipy.org/doc/scipy",
    "sympy": "https://docs.sympy.org/latest",
    "pandas": "https://pandas.pydata.org/docs",
}


def _generated(project: str, name: str, role: str) -> tuple[str, str, str, str]:
    # NumPy, SciPy and pandas document one object per page, named after it.
    where = {"numpy": "reference/generated", "scipy": "reference/generated", "pandas": "reference/api"}[project]
    return project, name, role, f"{where}/{name}.html#{name}"


#: (project, referenced name, Sphinx object type, URI relative to the project's root).
NAMES: list[tuple[str, str, str, str]] = [
    ("python", "fractions.Fraction", "py:class", "library/fractions.html#fractions.Fraction"),
    ("python", "json.dumps", "py:function", "library/json.html#json.dumps"),
    ("python", "collections.abc.Sequence", "py:class", "library/collections.abc.html#collections.abc.Sequence"),
    ("python", "concurrent.futures.ProcessPoolExecutor", "py:class",
     "library/concurrent.futures.html#concurrent.futures.ProcessPoolExecutor"),
    ("python", "logging", "py:module", "library/logging.html#module-logging"),
    ("python", "logging.NullHandler", "py:class", "library/logging.handlers.html#logging.NullHandler"),
    ("python", "warnings", "py:module", "library/warnings.html#module-warnings"),
    _generated("numpy", "numpy.argwhere", "py:function"),
    _generated("numpy", "numpy.linalg.solve", "py:function"),
    _generated("numpy", "numpy.linspace", "py:function"),
    _generated("numpy", "numpy.meshgrid", "py:function"),
    _generated("numpy", "numpy.where", "py:function"),
    _generated("numpy", "numpy.ndarray", "py:class"),
    ("numpy", "numpy.random.PCG64.advance", "py:method",
     "reference/random/bit_generators/generated/numpy.random.PCG64.advance.html#numpy.random.PCG64.advance"),
    _generated("scipy", "scipy.integrate.solve_ivp", "py:function"),
    _generated("scipy", "scipy.linalg.solve", "py:function"),
    _generated("scipy", "scipy.optimize.linprog", "py:function"),
    _generated("scipy", "scipy.sparse.csr_array", "py:class"),
    _generated("scipy", "scipy.stats.sobol_indices", "py:function"),
    ("scipy", "scipy.stats", "py:module", "reference/stats.html#module-scipy.stats"),
    # SymPy documents its top-level names under their defining modules.
    ("sympy", "sympy.sympify", "py:function", "modules/core.html#sympy.core.sympify.sympify"),
    ("sympy", "sympy.lambdify", "py:function", "modules/utilities/lambdify.html#sympy.utilities.lambdify.lambdify"),
    ("sympy", "sympy.CRootOf", "py:class", "modules/polys/reference.html#sympy.polys.rootoftools.ComplexRootOf"),
    ("sympy", "sympy.solveset", "py:function", "modules/solvers/solveset.html#sympy.solvers.solveset.solveset"),
    ("sympy", "sympy.solve_univariate_inequality", "py:function",
     "modules/solvers/inequalities.html#sympy.solvers.inequalities.solve_univariate_inequality"),
    _generated("pandas", "pandas.DataFrame", "py:class"),
]


def inventory(project: str) -> bytes:
    """The ``objects.inv`` content of *project*, from ``NAMES``."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        "# Version: \n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    body = "".join(
        f"{name} {role} 1 {uri} -\n" for p, name, role, uri in sorted(NAMES) if p == project
    )
    return header.encode() + zlib.compress(body.encode(), 9)


def main(out: Path = HERE) -> None:
    """Write ``<project>.inv`` into *out* for each project of ``BASE_URLS``."""
    for project in BASE_URLS:
        (out / f"{project}.inv").write_bytes(inventory(project))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
