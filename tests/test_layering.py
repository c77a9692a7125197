"""The layering of the package, read from its import statements (issue 10).

Every ``import`` and ``from ... import`` of a package module is parsed with :mod:`ast`,
inside functions too (a function-level import is a dependency all the same), but not
under ``if TYPE_CHECKING:`` (annotations only). Three rules:

1. The core modules import no solver, bargaining, sensitivity, scenario, io, catalog,
   plotting or command-line module.
2. A module imports a ``_``-prefixed name only from a designated shared private module
   (``_validation``, ...) or from a sibling inside its own subpackage (a package split into
   modules by concern shares its private helpers); private helpers of any other module stay
   in that module's package.
3. The import graph has no cycle, apart from the few function-level imports listed in
   ``ALLOWED_BACK_EDGES`` with their reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "gametheory_af"

CORE = {"game", "profiles", "result", "_validation", "_limits", "_tolerance", "exceptions", "_formats", "_deprecation"}
UPPER = ("solvers", "bargaining", "sensitivity", "scenarios", "io", "catalog", "plotting", "__main__")

#: Modules whose ``_``-prefixed names other modules may import.
SHARED_PRIVATE = {"_validation", "_limits", "_tolerance", "_exact", "_expr", "_jit"}

#: Function-level imports that go back up the graph, each with why it stays.
ALLOWED_BACK_EDGES = {
    ("_limits", "_validation"): "check_max_time checks its argument; _validation's text checks read the limits",
    ("game", "profiles"): "the deprecated NormalFormGame.payoff calls profiles.expected_payoffs",
    ("solvers.qre", "solvers.dispatch"): "logit_select falls back on nash_equilibria when the logit path fails",
    ("trees.game", "trees.efg"): "ExtensiveFormGame.to_efg delegates to the .efg writer, which builds games with _build",
    ("trees.game", "trees.convert"): "ExtensiveFormGame.to_normal_form delegates to trees.convert, which reads the game",
    ("sensitivity.sweep", "sensitivity.store"): "sweep(out=DIR) writes its chunks through the on-disk store, "
    "which reads them back as SweepResults; load_sweep stays importable from sweep",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def imports(module: str) -> list[tuple[str, str | None]]:
    """``(imported module, imported name or None)`` for each package import of *module*."""
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    if module == "":
        package = []
    out: list[tuple[str, str | None]] = []
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name.removeprefix("gametheory_af").lstrip("."), None) for a in node.names if a.name.split(".")[0] == "gametheory_af"]
            continue
        if node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
        elif node.module and node.module.split(".")[0] == "gametheory_af":
            target = node.module.removeprefix("gametheory_af").lstrip(".")
        else:
            continue
        for alias in node.names:
            sub = f"{target}.{alias.name}" if target else alias.name
            out.append((sub, None) if sub in MODULES else (target, alias.name))
    return out


def _top(module: str) -> str:
    return module.split(".")[0]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m in CORE))
def test_core_imports_nothing_above_it(module):
    upward = sorted({t for t, _ in imports(module) if _top(t) in UPPER})
    assert not upward, f"core module {module} imports {upward}"


def test_game_does_not_import_io():
    assert "io" not in {t for t, _ in imports("game")}


def _subpackage(module: str) -> str:
    """The subpackage a module belongs to ("" for the package's top-level modules)."""
    if (PACKAGE / module.replace(".", "/") / "__init__.py").exists():
        return module
    return module.rpartition(".")[0]


def _same_subpackage(module: str, target: str) -> bool:
    pkg = _subpackage(module)
    return bool(pkg) and (target == pkg or target.startswith(pkg + "."))


@pytest.mark.parametrize("module", sorted(MODULES))
def test_private_names_come_only_from_shared_private_modules(module):
    bad = [
        f"{name} from {target or 'gametheory_af'}"
        for target, name in imports(module)
        if name
        and name.startswith("_")
        and not name.startswith("__")
        and target.split(".")[-1] not in SHARED_PRIVATE
        and not _same_subpackage(module, target)
    ]
    assert not bad, f"{module} imports private helpers: {bad}"


def test_no_import_cycles():
    graph = {m: {t for t, _ in imports(m) if t in MODULES and t != m} for m in MODULES}
    for a, b in ALLOWED_BACK_EDGES:
        assert b in graph[a], f"allowed back edge {a} -> {b} no longer exists: drop it from ALLOWED_BACK_EDGES"
        graph[a].discard(b)
    packages = {m for m, p in MODULES.items() if p.name == "__init__.py"}
    # a package's __init__ re-exports its modules, which import siblings through it: skip those edges
    for m in graph:
        graph[m] -= packages
    done: set[str] = set()
    path: list[str] = []

    def visit(m: str) -> None:
        if m in path:
            raise AssertionError("import cycle: " + " -> ".join(path[path.index(m) :] + [m]))
        if m in done:
            return
        path.append(m)
        for t in sorted(graph[m]):
            visit(t)
        path.pop()
        done.add(m)

    for m in sorted(graph):
        visit(m)


def test_the_parser_sees_function_level_imports():
    # regression guard for the checker itself: logit_select's import inside a function is found
    assert ("solvers.dispatch", None) in [(t, None) for t, _ in imports("solvers.qre")]
