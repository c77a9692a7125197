"""``import gametheory_af`` stays light (issue 14): sympy and scipy.optimize load on first use.

The package imports its core (games, profiles, results, errors, limits) eagerly and every
other public name through a PEP 562 module ``__getattr__``. These tests check, each in a
fresh interpreter where it matters (``sys.modules`` is shared inside one test process):

- the bare import loads neither sympy nor scipy.optimize (nor scipy at all);
- every name of ``__all__`` still resolves, to the very object its defining module holds;
- the lazy table and the ``TYPE_CHECKING`` imports (what mypy and IDEs see) list the same
  names, from the same modules;
- an unknown name is an ``AttributeError`` naming the name, and ``dir`` lists the lazy names.

Speed itself is measured in ``benchmarks/bench_import.py``, never asserted here.
"""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import gametheory_af as gt

INIT = Path(gt.__file__)
HEAVY = ("sympy", "scipy.optimize", "scipy")


def _fresh(code: str) -> dict[str, object]:
    """Run *code* in a fresh interpreter; it prints one JSON value, returned here."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    value: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return value


def _loaded_after(statements: str) -> dict[str, object]:
    code = f"import json, sys\n{statements}\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
    return _fresh(code)


def test_bare_import_loads_neither_sympy_nor_scipy():
    assert _loaded_after("import gametheory_af") == {"sympy": False, "scipy.optimize": False, "scipy": False}


def test_building_and_checking_games_stays_light():
    # the core a user builds and checks games with: NormalFormGame, profiles and results
    loaded = _loaded_after(
        "import gametheory_af as gt\n"
        "g = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])\n"
        "assert gt.is_nash(g, ([0, 1], [0, 1]))\n"
        "assert gt.max_regret(g, ([1, 0], [1, 0])) == 2.0\n"
        "gt.GameError, gt.Limits, gt.get_limits(), gt.EquilibriumResult"
    )
    assert loaded == {"sympy": False, "scipy.optimize": False, "scipy": False}


def test_the_heavy_names_still_load_their_modules_on_first_use():
    # the import machinery is real: asking for ParametricGame brings sympy in (a check that
    # the first test would catch an eager import, not a misspelt module name)
    loaded = _loaded_after("import gametheory_af as gt\ngt.ParametricGame")
    assert loaded["sympy"] is True
    loaded = _loaded_after("import gametheory_af as gt\ngt.BargainingProblem")
    assert loaded["scipy.optimize"] is True


def test_lazy_names_are_cached_after_first_use():
    code = (
        "import json, gametheory_af as gt\n"
        "before = 'subgame_perfect' in vars(gt)\n"
        "f = gt.subgame_perfect\n"
        "print(json.dumps({'before': before, 'after': vars(gt)['subgame_perfect'] is f}))"
    )
    assert _fresh(code) == {"before": False, "after": True}


def _lazy_table() -> dict[str, str | None]:
    table: dict[str, str | None] = gt._LAZY
    return table


@pytest.mark.parametrize("name", sorted(set(gt.__all__) | {"qre_at"}))
def test_every_public_name_resolves_to_its_defining_object(name):
    value = getattr(gt, name)
    module = _lazy_table().get(name)
    if name in _lazy_table() and module is None:
        assert value is importlib.import_module(f"gametheory_af.{name}")
    elif module is not None:
        assert value is getattr(importlib.import_module(f"gametheory_af.{module}"), name)
    else:
        assert name in vars(gt)  # an eager name


def test_the_examples_of_the_brief_work():
    assert gt.ParametricGame.__name__ == "ParametricGame"
    assert gt.subgame_perfect.__module__ == "gametheory_af.solvers.backward_induction"
    assert gt.trees.ExtensiveFormGame is gt.ExtensiveFormGame
    assert gt.pure_nash(gt.catalog.prisoners_dilemma()).describe() == ["Row: Defect; Column: Defect"]


def _eager_imports() -> set[str]:
    """Names the module-level imports of ``__init__.py`` bind (outside ``TYPE_CHECKING``)."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    return {a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) and n.level == 1 for a in n.names}


def test_lazy_and_eager_names_are_disjoint_and_cover_all():
    eager = _eager_imports()
    assert "NormalFormGame" in eager and "pure_nash" not in eager  # the parser reads the split
    assert not eager & set(_lazy_table())
    assert set(gt.__all__) == (eager | set(_lazy_table()) | {"__version__"}) - {"qre_at"}
    assert "qre_at" not in gt.__all__  # the deprecated alias stays out of __all__, reachable all the same


def _type_checking_imports() -> dict[str, str | None]:
    """Name -> module of the imports under ``if TYPE_CHECKING:`` in ``__init__.py``."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    blocks = [
        n for n in tree.body if isinstance(n, ast.If) and isinstance(n.test, ast.Name) and n.test.id == "TYPE_CHECKING"
    ]
    assert len(blocks) == 1
    found: dict[str, str | None] = {}
    for node in blocks[0].body:
        assert isinstance(node, ast.ImportFrom) and node.level == 1
        for alias in node.names:
            found[alias.asname or alias.name] = node.module
    return found


def test_type_checking_imports_match_the_lazy_table():
    assert _type_checking_imports() == _lazy_table()


def test_unknown_attribute_is_an_attribute_error_naming_it():
    with pytest.raises(AttributeError, match="module 'gametheory_af' has no attribute 'no_such_solver'"):
        gt.no_such_solver  # noqa: B018
    assert not hasattr(gt, "sympy")


def test_dir_lists_the_lazy_names_and_the_eager_ones():
    listed = dir(gt)
    assert listed == sorted(listed)
    assert {"subgame_perfect", "ParametricGame", "sensitivity", "NormalFormGame", "__version__"} <= set(listed)
    assert set(gt.__all__) <= set(listed)


@pytest.mark.parametrize(
    "statements",
    [
        "gt.pure_nash(gt.catalog.chicken())",
        "gt.nash_equilibria(gt.catalog.chicken())",
        "gt.lemke_howson(gt.catalog.battle_of_the_sexes())",
        "gt.eliminate_dominated(gt.catalog.prisoners_dilemma())",
        "gt.subgame_perfect(gt.catalog.entry_deterrence())",
        "gt.trees.ExtensiveFormGame, gt.catalog.get_tree('centipede')",
    ],
)
def test_solving_games_without_parameters_loads_no_sympy(statements):
    # a user who solves games without parameters: the solvers, the catalog and the trees do
    # not bring sympy in (parametric games and trees do, on first use)
    loaded = _loaded_after(f"import gametheory_af as gt\n{statements}")
    assert loaded["sympy"] is False


def test_pure_dominance_needs_no_linear_program():
    # pure dominance (and the first solve of a small game) stays clear of scipy.optimize, which
    # eliminate_dominated imports only when it tests a strategy against a mixture
    loaded = _loaded_after(
        "import gametheory_af as gt\ngt.pure_nash(gt.catalog.chicken())\ngt.eliminate_dominated(gt.catalog.prisoners_dilemma(), mixed=False)"
    )
    assert loaded == {"sympy": False, "scipy.optimize": False, "scipy": False}


@pytest.mark.parametrize("name", sorted(gt.catalog._TREE_NAMES))
def test_catalog_tree_names_resolve_to_the_tree_catalog(name):
    from gametheory_af.trees import catalog as trees_catalog

    assert getattr(gt.catalog, name) is getattr(trees_catalog, name)
    assert name in gt.catalog.__all__ and name in dir(gt.catalog)


def test_catalog_tree_names_are_the_tree_catalog_exports():
    from gametheory_af.trees import catalog as trees_catalog

    assert gt.catalog._TREE_NAMES <= set(trees_catalog.__all__)
    assert {n for n in gt.catalog.__all__ if hasattr(trees_catalog, n)} == gt.catalog._TREE_NAMES


def test_parametric_tree_resolves_from_trees():
    from gametheory_af.trees.parametric import ParametricTree

    assert gt.trees.ParametricTree is ParametricTree
    assert gt.ParametricTree is ParametricTree
    assert "ParametricTree" in dir(gt.trees)


@pytest.mark.parametrize("module", [gt.catalog, gt.trees])
def test_unknown_attribute_of_lazy_submodules_is_an_attribute_error(module):
    with pytest.raises(AttributeError, match=f"module '{module.__name__}' has no attribute 'no_such_game'"):
        module.no_such_game  # noqa: B018


def test_normal_form_solvers_do_not_import_the_trees():
    code = (
        "import json, sys\nimport gametheory_af as gt\n"
        "gt.pure_nash(gt.catalog.chicken()); gt.lemke_howson(gt.catalog.chicken())\n"
        "print(json.dumps({'trees': 'gametheory_af.trees' in sys.modules}))"
    )
    assert _fresh(code) == {"trees": False}


@pytest.mark.parametrize("name", sorted(importlib.import_module("gametheory_af.solvers")._TREE_SOLVERS))
def test_lazy_tree_solvers_resolve_to_their_modules(name):
    solvers = importlib.import_module("gametheory_af.solvers")
    module = importlib.import_module(f"gametheory_af.solvers.{solvers._TREE_SOLVERS[name]}")
    assert getattr(solvers, name) is getattr(module, name)
    assert name in solvers.__all__ and name in dir(solvers)


def test_solvers_exports_are_the_eager_and_the_lazy_names():
    solvers = importlib.import_module("gametheory_af.solvers")
    assert {n for n in solvers.__all__ if n not in solvers._TREE_SOLVERS} <= set(vars(solvers))
    with pytest.raises(AttributeError, match="module 'gametheory_af.solvers' has no attribute 'no_such_solver'"):
        solvers.no_such_solver  # noqa: B018
