"""Sphinx configuration for the gametheory_af documentation.

Build (warnings are errors and every cross-reference must resolve, as in CI)::

    sphinx-build -W -n --keep-going -b html docs docs/_build/html

Run every ``>>>`` example in the pages::

    python -m pytest --doctest-glob='*.rst' docs -q

The API reference is generated. ``_apiref.py`` (beside this file) walks the
``__all__`` of the package and of its public subpackages and modules, and
writes one autosummary table per reference page into ``reference/_api_*.rst``
(ignored by git). Autosummary then writes a stub page per object into
``reference/generated/`` (also ignored). A name added to any ``__all__`` thus
appears in the reference without editing these files.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
# Build against the checkout even when the package is not installed.
sys.path.insert(0, str(HERE.parent))

os.environ.setdefault("MPLBACKEND", "Agg")

import _intersphinx.make_inventories as _intersphinx_make  # noqa: E402

import gametheory_af  # noqa: E402

import _apiref  # noqa: E402
import _scenario  # noqa: E402

# -- Project information -------------------------------------------------------
project = "gametheory_af"
author = "The gametheory_af developers"
copyright = "The gametheory_af developers, BSD-3-Clause"
release = gametheory_af.__version__
version = ".".join(release.split(".")[:2])

# -- General configuration -----------------------------------------------------
extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.doctest",
    "sphinx.ext.mathjax",
    # MathJax 3 served with the pages, from a copy installed from PyPI (no CDN):
    # see "Mathematics, offline" below.
    "sphinx-mathjax-offline",
    # ``[source]`` links to highlighted copies of the modules, built with the
    # pages (``sphinx.ext.linkcode`` would need the network to be read).
    "sphinx.ext.viewcode",
    # Figures drawn by running the package at build time (``.. plot::``).
    "matplotlib.sphinxext.plot_directive",
    "numpydoc",
]

templates_path = ["_templates"]
source_suffix = {".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "_templates",
    "Thumbs.db",
    ".DS_Store",
    # Generated autosummary tables, pulled into the reference pages by
    # ``.. include::``; they are not pages of their own.
    "reference/_api_*.rst",
    "explanation/_*.rst",
]
default_role = "literal"
# Module docstrings list their sources as reST citations (``.. [1] ...``) that
# the text does not always cite; an unreferenced citation is harmless.
suppress_warnings = ["ref.citation"]
# Every cross-reference must resolve (CI builds with ``-n``). References to
# the package's own objects written as Python would find them (``sweep`` in
# the module that defines it, ``gametheory_af.solvers.dispatch.nash_equilibria``
# for what the reference documents as ``gametheory_af.nash_equilibria``) are
# linked to the documented object by ``_resolve_internal`` below; anything else
# that does not resolve is a warning.
nitpicky = True
language = "en"

# -- API reference tables -------------------------------------------------------
# Write reference/_api_<page>.rst before Sphinx reads the sources.
_API_PROBLEMS = _apiref.write_tables(HERE / "reference")
# The flagship scenario's parameter table, from the code's own documentation.
_scenario.write(HERE / "explanation" / "_afghanistan_parameters.rst")

# Autosummary must scan the generated tables too, but they are excluded from
# the page list, so give it every source file explicitly instead of ``True``.
autosummary_generate = sorted(
    str(p.relative_to(HERE).with_suffix("")).replace(os.sep, "/")
    for p in HERE.rglob("*.rst")
    if "_build" not in p.parts and "generated" not in p.parts and "_templates" not in p.parts
)
autosummary_generate_overwrite = True
autosummary_imported_members = False
autosummary_ignore_module_all = False

# -- autodoc -------------------------------------------------------------------
autodoc_default_options = {
    "member-order": "bysource",
}
autodoc_typehints = "none"  # numpydoc docstrings carry the types
autodoc_class_signature = "mixed"
autodoc_inherit_docstrings = False

# -- numpydoc ------------------------------------------------------------------
numpydoc_show_class_members = False
numpydoc_show_inherited_class_members = False
numpydoc_class_members_toctree = False
numpydoc_attributes_as_param_list = True
numpydoc_xref_param_type = False
# numpydoc's own validation option cannot exempt one check for one object, so
# the gate below (``_validate_docstring``) runs the validator instead.
numpydoc_validation_checks: set[str] = set()

# -- numpydoc validation: a gate ---------------------------------------------------
# Every docstring the API reference shows (each name in an ``__all__`` and the
# members of each class) goes through ``numpydoc.validate``; a finding is a
# warning, so ``sphinx-build -W`` (CI) fails on it. Codes: numpydoc's
# "Validation" page. Module constants (ALL_CAPS names) have plain docstrings
# and are not checked.

#: Checks not enforced: style choices (ES01 extended summary, SA01 See Also,
#: EX01 Examples on every method and result class, SS05 infinitive verb) and
#: checks most of the API does not meet yet (PR07/RT03 each parameter and
#: return with a description). Everything else is.
DOCSTRING_CHECKS_OFF = {"ES01", "SA01", "EX01", "SS05", "PR07", "RT03"}

#: Known findings, by documented name: fix the docstring, then delete its line.
DOCSTRING_EXEMPT = {
    "gametheory_af.global_newton": {"GL07"},  # sections out of order
    "gametheory_af.logit_qre": {"GL07"},
    "gametheory_af.simpdiv": {"GL07"},
    "gametheory_af.polynomial_enumeration": {"PR09"},  # a parameter description without a final period
    "gametheory_af.iter_lemke_howson": {"PR04"},  # parameters without a type
    "gametheory_af.sensitivity.morris": {"PR04"},
    "gametheory_af.sensitivity.prim": {"PR04"},
    "gametheory_af.sensitivity.tornado": {"PR04"},
    "gametheory_af.CoalitionGame": {"SA03"},  # See Also descriptions not capitalized
}

_CONSTANT = re.compile(r"\.[A-Z][A-Z0-9_]*$")

# -- doctest (``sphinx-build -b doctest``) ----------------------------------------
import doctest as _doctest  # noqa: E402

doctest_default_flags = _doctest.ELLIPSIS | _doctest.NORMALIZE_WHITESPACE | _doctest.DONT_ACCEPT_TRUE_FOR_1
doctest_test_doctest_blocks = "default"

# -- intersphinx, offline -----------------------------------------------------------
# Builds run without network access, so the inventories are local files:
# ``_intersphinx/make_inventories.py`` writes one small ``objects.inv`` per
# project from the table of the names the documentation references and their
# documented URLs (a name missing from the table is a warning under ``-n``:
# add it there and rerun the script). The links themselves are plain links to
# the projects' sites; nothing is loaded from them.
extensions.append("sphinx.ext.intersphinx")
intersphinx_mapping = {
    project_: (url, str(HERE / "_intersphinx" / f"{project_}.inv"))
    for project_, url in _intersphinx_make.BASE_URLS.items()
}

#: External names with no inventory here (small projects; links would need
#: their sites' inventories). External only: the package's own names are
#: never listed, a broken internal reference is fixed where it is written.
nitpick_ignore = [
    ("py:mod", "tqdm"),
    ("py:mod", "numba"),
    ("py:mod", "nashpy"),
    ("py:class", "nashpy.Game"),
    ("py:mod", "joblib"),
    ("py:mod", "dask.distributed"),
    ("py:class", "dask.distributed.Client"),
    ("py:meth", "dask.distributed.Client.scatter"),
]

# -- Mathematics, offline ----------------------------------------------------------
# ``sphinx-mathjax-offline`` (the ``docs`` extra) ships MathJax 3 (CommonHTML
# output, its fonts, the TeX extensions it loads on demand), copies it to
# ``_static/mathjax/`` at the end of each build and points ``mathjax_path`` at
# it, so pages with mathematics render with no network. Sphinx only links the
# script from pages that contain mathematics. tests/test_docs_offline.py checks
# a built site: no script, style sheet or font is loaded from another host.

# -- Figures at build time ------------------------------------------------------
# ``.. plot::`` runs its code when the page is built (offline: the package and
# matplotlib only) and embeds the PNG; the code is shown when the page says
# ``:include-source: true``. One format, no high-resolution or PDF copies, to
# keep the build short. ``plot_pre_code`` is what every block starts with.
plot_pre_code = "import numpy as np\nimport matplotlib.pyplot as plt\n"
plot_include_source = False
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 96)]
plot_rcparams = {"figure.autolayout": False, "savefig.bbox": "tight"}
plot_apply_rcparams = True

# -- HTML output -----------------------------------------------------------------
# pydata-sphinx-theme (as numpy, SciPy, SALib and pygambit use): a top bar with
# the four parts of the documentation, the page tree on the left, the page's
# sections on the right, light and dark modes, and no icon or analytics loaded
# from another host. Its fonts and icons are bundled with it.
html_theme = "pydata_sphinx_theme"
html_title = f"gametheory_af {release}"
html_static_path = ["_static"]
html_css_files = ["gametheory_af.css"]
html_theme_options = {
    "navbar_align": "left",
    "header_links_before_dropdown": 5,
    "show_toc_level": 2,
    "navigation_depth": 3,
    "show_nav_level": 1,
    "collapse_navigation": True,  # the current section only: each page stays small
    "navigation_with_keys": False,
    "secondary_sidebar_items": ["page-toc", "sourcelink"],
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version", "theme-version"],
    "use_edit_page_button": False,
    "icon_links": [],
}
html_sidebars = {"index": []}
html_show_sourcelink = True
html_copy_source = True


_BORDER = re.compile(r"^(\s*)=+( +=+)+\s*$")


def _cells(row, ncols):
    """Split a simple-table row into cells: on runs of two or more spaces, and,
    if that gives too few, also between adjacent inline literals."""
    cells = re.split(r"\s{2,}", row.strip())
    if len(cells) < ncols:
        cells = [part for c in cells for part in re.split(r"(?<=``)\s+(?=``)", c)]
    return cells


def _widen_simple_tables(app, what, name, obj, options, lines):
    """Re-lay out reST simple tables in docstrings whose cells overflow a column.

    A cell wider than its ``====`` border is a docutils error ("Text in
    column margin"); widening the columns fixes it without changing the
    content. Tables whose rows cannot be split into the right number of cells
    are left alone.
    """
    i = 0
    while i < len(lines):
        m = _BORDER.match(lines[i])
        if not m:
            i += 1
            continue
        indent = m.group(1)
        ncols = len(lines[i].split())
        # A simple table ends at its third border (header, body, end) or at a blank line.
        j, borders = i, 0
        while j < len(lines) and lines[j].strip():
            borders += bool(_BORDER.match(lines[j]))
            j += 1
            if borders == 3:
                break
        block = lines[i:j]
        rows = [None if _BORDER.match(r) else _cells(r, ncols) for r in block]
        ends, pos = [], len(indent)
        for w in (len(x) for x in lines[i].split()):
            ends.append(pos + w)
            pos += w + 1
        overflow = any(
            r is not None and any(len(line) > ends[-1] or line[e : e + 1].strip() for e in ends[:-1])
            for r, line in zip(rows, block)
        )
        if overflow and all(r is None or len(r) == ncols for r in rows):
            widths = [max(len(r[k]) for r in rows if r is not None) for k in range(ncols)]
            border = indent + "  ".join("=" * w for w in widths)
            lines[i:j] = [
                border if r is None else indent + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
                for r in rows
            ]
        i = j


def setup(app):  # noqa: D103
    import inspect

    from numpydoc.docscrape import get_doc_object
    from numpydoc.validate import Validator, get_validation_checks, validate
    from sphinx.util import logging

    app.connect("autodoc-process-docstring", _widen_simple_tables, priority=400)

    logger = logging.getLogger(__name__)
    checks = get_validation_checks({"all", *DOCSTRING_CHECKS_OFF})
    validated: set[str] = set()
    exempt_used: set[tuple[str, str]] = set()

    def _validate_docstring(app, what, name, obj, options, lines):
        # Modules, constants and data attributes (documented by ``#:`` comments, not numpydoc
        # docstrings) are not validated.
        if what in ("module", "attribute", "data") or _CONSTANT.search(name) or name in validated:
            return
        validated.add(name)
        try:
            # A function that shadows its module (``gametheory_af.sensitivity.morris``)
            # would be loaded by name as the module: validate the documented object.
            report = validate(get_doc_object(obj) if inspect.ismodule(Validator._load_obj(name)) else name)
        except Exception as err:  # an object numpydoc cannot load by its name
            logger.warning("numpydoc validation: cannot validate %s: %s: %s", name, type(err).__name__, err)
            return
        found = []
        for code, message in report["errors"]:
            if code not in checks:
                continue
            if code in DOCSTRING_EXEMPT.get(name, ()):
                exempt_used.add((name, code))
                continue
            found.append(f"{code}: {message}")
        if found:
            logger.warning("numpydoc validation of %s:\n  %s", name, "\n  ".join(found))

    def _stale_exemptions(app, exception):
        if exception is None:
            for name, codes in DOCSTRING_EXEMPT.items():
                for code in sorted(set(codes) - {c for n, c in exempt_used if n == name}):
                    logger.info("numpydoc validation: %s now passes %s; delete its exemption in conf.py", name, code)

    app.connect("autodoc-process-docstring", _validate_docstring)
    app.connect("build-finished", _stale_exemptions)

    def _report(app):
        # A public module that does not import, or an __all__ naming something
        # missing, would silently drop names from the reference: make it a
        # warning (an error under -W).
        for problem in _API_PROBLEMS:
            logger.warning("API reference: %s", problem)

    app.connect("builder-inited", _report)

    def _offline_maths(app):
        # The pages must not load MathJax from a CDN (issue 16): if the offline
        # copy is not in use (the extension missing or overridden), say so.
        path = str(app.config.mathjax_path or "")
        if "://" in path or path.startswith("//"):
            logger.warning("mathjax_path %r is not served with the pages; install the docs extra", path)

    app.connect("builder-inited", _offline_maths)
    app.connect("missing-reference", _resolve_internal)


# -- internal references, resolved as Python would find them ------------------------

_PY_TYPES = {"func", "meth", "class", "attr", "mod", "data", "obj", "exc", "const", "prop"}
_by_id: dict[int, str] = {}


def _lookup(dotted, module=False):
    """The object a dotted name denotes, importing modules as needed, or None.

    Where a package has an attribute and a submodule of the same name
    (``gametheory_af.sensitivity.sweep``, function and module), the attribute
    is tried first, unless *module*, then the submodule.
    """
    import importlib

    if module and dotted in sys.modules:
        return sys.modules[dotted]
    parts = dotted.split(".")

    def walk(obj, i):
        if i == len(parts):
            return obj
        candidates = []
        try:
            candidates.append(inspect_getattr(obj, parts[i]))
        except AttributeError:
            pass
        try:
            sub = importlib.import_module(".".join(parts[: i + 1]))
        except ImportError:
            sub = None
        if sub is not None and all(sub is not c for c in candidates):
            candidates.append(sub)
        for candidate in candidates:
            found = walk(candidate, i + 1)
            if found is not None:
                return found
        return None

    try:
        return walk(importlib.import_module(parts[0]), 1)
    except ImportError:
        return None


def inspect_getattr(obj, attr):
    """``getattr`` that returns a property or a static method itself, not its value."""
    import inspect

    if inspect.isclass(obj):
        for klass in obj.__mro__:
            if attr in vars(klass):
                return vars(klass)[attr]
    return getattr(obj, attr)


def _documented(env):
    """id(object) -> the name under which the reference documents it."""
    if not _by_id:
        for name, entry in sorted(env.get_domain("py").objects.items(), key=lambda kv: (len(kv[0]), kv[0])):
            if entry.aliased or not name.startswith("gametheory_af"):
                continue
            obj = _lookup(name)
            # Only objects with an identity of their own: not numbers or strings.
            if obj is not None and not isinstance(obj, (int, float, str, bytes, tuple, frozenset)):
                _by_id.setdefault(id(obj), name)
    return _by_id


def _contexts(node):
    """Where a name written in *node* is looked up: the current class and module,
    then the module (and class) that defines the documented object."""
    out = []
    mod, cls = node.get("py:module"), node.get("py:class")
    if mod and cls:
        out.append(f"{mod}.{cls}")
    if mod:
        out.append(mod)
    source = node.source or ""
    if "docstring of " in source:
        owner = _lookup(source.split("docstring of ", 1)[1])
        if isinstance(owner, (property, staticmethod, classmethod)):
            owner = getattr(owner, "fget", None) or owner.__func__
        defining = getattr(owner, "__module__", None)
        qual = getattr(owner, "__qualname__", "")
        if defining:
            if "." in qual:
                out.append(f"{defining}.{qual.rsplit('.', 1)[0]}")
            elif isinstance(owner, type):
                out.append(f"{defining}.{qual}")
            out.append(defining)
    out.append("")
    return out


def _resolve_internal(app, env, node, contnode):
    """Link a reference to one of the package's objects to where it is documented.

    Handles two ways of writing a name that Python understands but Sphinx's
    lookup does not: a short name valid in the module (or class) whose
    docstring uses it, and a full path other than the documented one. The
    name must denote a documented object; otherwise the reference stays
    broken (a warning under ``-n``).
    """
    if node.get("refdomain") != "py" or node.get("reftype") not in _PY_TYPES:
        return None
    target = node["reftarget"].lstrip("~.")
    by_id = _documented(env)
    domain = env.get_domain("py")
    for ctx in _contexts(node):
        if not ctx.startswith("gametheory_af") and not target.startswith("gametheory_af"):
            continue
        scope = _lookup(ctx, module=True) if ctx else None
        obj = _lookup(target) if not ctx else None
        if scope is not None:
            obj = scope
            for attr in target.split("."):
                try:
                    obj = inspect_getattr(obj, attr)
                except AttributeError:
                    obj = None
                    break
        name = None if obj is None else by_id.get(id(obj))
        if name is None and scope is not None:
            # A member documented under its class's documented name.
            owner = scope
            owner_name = None if owner is None else by_id.get(id(owner))
            if owner_name and f"{owner_name}.{target}" in domain.objects:
                name = f"{owner_name}.{target}"
        if name is not None:
            return domain.resolve_xref(env, node["refdoc"], app.builder, "obj", name, node, contnode)
    return None
