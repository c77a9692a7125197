"""Generate the autosummary tables of the API reference from ``__all__``.

Used by ``conf.py``; not part of the package. Every public module of
``gametheory_af`` is imported and each name in its ``__all__`` becomes one
entry, documented under its *most public* path: ``gametheory_af.pure_nash``
rather than ``gametheory_af.solvers.pure_nash`` or
``gametheory_af.solvers.pure.pure_nash``. Each object appears once. The entry
goes on the reference page that owns the module *defining* the object
(``PAGES`` below), grouped by that module; objects from modules no page claims
go on the "Other" page, so nothing public is ever silently left out.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

PACKAGE = "gametheory_af"


@dataclass
class Page:
    slug: str
    prefixes: tuple[str, ...]
    packages: tuple[str, ...] = ()
    entries: dict[str, list[str]] = field(default_factory=dict)  # defining module -> public names


#: Reference pages, in the order their prefixes are tried (first match wins).
PAGES = [
    Page("games", ("gametheory_af.game", "gametheory_af.parametric", "gametheory_af.parameter_set")),
    Page("profiles", ("gametheory_af.profiles",), ("gametheory_af.profiles",)),
    Page("trees", ("gametheory_af.trees", "gametheory_af.solvers.backward_induction", "gametheory_af.solvers.sequence_form",
                   "gametheory_af.solvers.agent", "gametheory_af.solvers.bayesian", "gametheory_af.sensitivity.trees"),
         ("gametheory_af.trees",)),
    Page("results", ("gametheory_af.result",)),
    Page("solvers", ("gametheory_af.solvers",), ("gametheory_af.solvers",)),
    Page("dynamics", ("gametheory_af.dynamics", "gametheory_af.solvers.correlated"), ("gametheory_af.dynamics",)),
    Page("catalog", ("gametheory_af.catalog", "gametheory_af.generators")),
    Page("io", ("gametheory_af.io", "gametheory_af.schemas")),
    Page("exceptions", ("gametheory_af.exceptions", "gametheory_af._limits")),
    Page("bargaining", ("gametheory_af.bargaining",), ("gametheory_af.bargaining",)),
    Page("scenarios", ("gametheory_af.scenarios",), ("gametheory_af.scenarios",)),
    Page(
        "sensitivity",
        ("gametheory_af.sensitivity", "gametheory_af.plotting"),
        ("gametheory_af.sensitivity",),
    ),
    Page("other", ("gametheory_af",)),
]

#: Modules whose docstring is already shown by a hand-written page.
_NO_AUTOMODULE = {PACKAGE}

_SKIP_NAMES = {"__version__"}


def public_modules() -> tuple[list[ModuleType], list[str]]:
    """Import the package and every public (non-underscore) module below it."""
    pkg = importlib.import_module(PACKAGE)
    mods = [pkg]
    failed: list[str] = []
    for info in pkgutil.walk_packages(pkg.__path__, prefix=PACKAGE + "."):
        parts = info.name.split(".")
        if any(p.startswith("_") for p in parts[1:]):
            continue
        try:
            mods.append(importlib.import_module(info.name))
        except Exception as err:  # reported by write_tables
            failed.append(f"{info.name}: {type(err).__name__}: {err}")
    mods.sort(key=lambda m: (m.__name__.count("."), m.__name__ != PACKAGE, m.__name__))
    return mods, failed


def _public_names(mod: ModuleType) -> list[str]:
    names = getattr(mod, "__all__", None)
    if names is None:
        return []
    return [n for n in names if n not in _SKIP_NAMES]


def _page_for(module_name: str) -> Page:
    for page in PAGES:
        if any(module_name == p or module_name.startswith(p + ".") for p in page.prefixes):
            return page
    return PAGES[-1]


def collect() -> tuple[list[Page], list[str]]:
    """Assign every public object to a page, under its most public name."""
    for page in PAGES:
        page.entries = {}
    mods, failed = public_modules()
    seen: set[int] = set()
    seen_data: set[tuple[str, str]] = set()
    for mod in mods:
        for name in _public_names(mod):
            if not hasattr(mod, name):
                failed.append(f"{mod.__name__}.__all__ lists {name!r}, which the module does not define")
                continue
            obj = getattr(mod, name)
            if inspect.ismodule(obj):
                continue
            if inspect.isclass(obj) or inspect.isroutine(obj):
                if id(obj) in seen:
                    continue
                seen.add(id(obj))
                home = getattr(obj, "__module__", None) or mod.__name__
                if not home.startswith(PACKAGE):
                    home = mod.__name__
            else:
                key = (mod.__name__, name)
                if key in seen_data:
                    continue
                seen_data.add(key)
                home = mod.__name__
            _page_for(home).entries.setdefault(home, []).append(f"{mod.__name__}.{name}")
    return PAGES, failed


def _title(mod_name: str) -> str:
    mod = sys.modules.get(mod_name)
    doc = inspect.getdoc(mod) if mod is not None else None
    first = doc.strip().splitlines()[0].strip() if doc else mod_name
    return first.rstrip(".").replace("``", "").replace("*", "")


def render(page: Page, documented: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """The reStructuredText of one page's generated part.

    *documented* holds the full names of every documented object: a module
    whose name is also an object's (a function that shadows its own module in
    the package namespace) is shown without an index entry, to keep one target
    per name.
    """
    out = [
        ".. This file is generated by docs/_apiref.py at build time; do not edit.",
        "",
    ]
    for pkg in page.packages:
        if pkg in sys.modules and pkg not in _NO_AUTOMODULE:
            out += [f".. automodule:: {pkg}", "   :no-members:", ""]
    if not page.entries:
        out += ["*Nothing in this part of the public API yet.*", ""]
        return "\n".join(out)

    def order(mod_name: str) -> tuple[int, str]:
        for k, p in enumerate(page.prefixes):
            if mod_name == p or mod_name.startswith(p + "."):
                return (k, mod_name)
        return (len(page.prefixes), mod_name)

    for home in sorted(page.entries, key=order):
        shadowed = home in documented
        show_doc = home not in page.packages and home not in _NO_AUTOMODULE
        # The module's docstring follows (its first line says what it is), so
        # the heading is just the module's name.
        title = f"``{home}``" if show_doc else _title(home)
        out += [title, "-" * len(title), ""]
        if show_doc:
            out += [f".. automodule:: {home}", "   :no-members:"]
            out += ["   :no-index:", ""] if shadowed else [""]
        else:
            out += [f"Module ``{home}``.", ""]
        # Entries are written relative to the package, so that both
        # autosummary's source scanner and its directive resolve them the same
        # way whatever ``automodule`` came before.
        out += [f".. currentmodule:: {PACKAGE}", ""]
        out += [".. autosummary::", "   :toctree: generated/", "   :nosignatures:", ""]
        out += [f"   {name.removeprefix(PACKAGE + '.')}" for name in page.entries[home]]
        out.append("")
    return "\n".join(out)


def write_tables(directory: Path) -> list[str]:
    """Write ``_api_<slug>.rst`` for every page into *directory*; return problems found."""
    pages, failed = collect()
    documented = {name for page in pages for names in page.entries.values() for name in names}
    for page in pages:
        path = directory / f"_api_{page.slug}.rst"
        text = render(page, documented)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    prune_stubs(directory / "generated", documented)
    return failed


def prune_stubs(generated: Path, documented: set[str]) -> None:
    """Delete autosummary stubs left over from names no longer documented there.

    ``generated/`` is not under ``_build``, so it survives a clean build; a name
    that moved (say from ``gametheory_af.solvers.qre.qre_at`` to
    ``gametheory_af.qre_at`` when it was re-exported) would otherwise leave an
    orphan page, which ``-W`` turns into an error ("document isn't included in
    any toctree").
    """
    if not generated.is_dir():
        return
    for stub in generated.glob("*.rst"):
        if stub.stem not in documented:
            stub.unlink()
