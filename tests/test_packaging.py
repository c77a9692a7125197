"""Packaging: the metadata in pyproject.toml, CITATION.cff, and what the source distribution holds.

Building the distributions takes minutes (a fresh build environment, then a venv for the wheel),
so that is a step of ``.ci/run`` ("packaging"); these tests check, without building, that the
files say what the build will use: the version in one place, the licence as an SPDX expression
(PEP 639), and a ``MANIFEST.in`` that puts every file the test suite needs into the sdist, read
with setuptools' own template reader, the one ``python -m build --sdist`` runs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

import gametheory_af as gt
from gametheory_af.parameter_set import tomllib

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
CITATION = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))

#: The Python versions the package supports and says it supports (classifiers, requires-python).
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
#: Extras-only packages: none may become a core dependency (the wheel step of .ci/run installs the
#: core dependencies alone and runs the main job with them).
#: The generated docs sources (.gitignore): build products a docs build leaves in a checkout.
_GENERATED = re.compile(r"docs/(reference/_api_.*|explanation/_.*)\.rst")
OPTIONAL_ONLY = {"matplotlib", "dask", "tqdm", "pandas", "numba", "pygambit", "quantecon", "salib", "sphinx"}


def _requirement_names(reqs: list[str]) -> set[str]:
    return {Requirement(r).name.lower() for r in reqs}


# ------------------------------------------------------------------------------------ version, citation


def test_version_is_one_string_in_the_package() -> None:
    assert PROJECT["dynamic"] == ["version"] and "version" not in PROJECT
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "gametheory_af.__version__"}
    assert str(Version(gt.__version__)) == gt.__version__  # a normalised PEP 440 version


def test_citation_agrees_with_the_package() -> None:
    # CFF 1.2.0 required keys: cff-version, message, title, authors.
    assert CITATION["cff-version"] == "1.2.0"
    assert isinstance(CITATION["message"], str) and "cite" in CITATION["message"]
    assert CITATION["type"] == "software"
    # YAML would read an unquoted 0.1 as a float: the version must be the package's string.
    assert CITATION["version"] == gt.__version__ and isinstance(CITATION["version"], str)
    assert CITATION["title"].startswith(PROJECT["name"] + ":")
    assert CITATION["authors"] == [{"name": a["name"]} for a in PROJECT["authors"]]
    assert CITATION["authors"] == [{"name": "The gametheory_af developers"}]
    assert CITATION["license"] == PROJECT["license"]
    assert CITATION["repository-code"] == PROJECT["urls"]["Source"]


def test_citation_fields_have_the_schema_types() -> None:
    # The shapes the CFF 1.2.0 schema requires of the fields used here (`cffconvert --validate`
    # checks the whole schema in .ci/run); an unknown key would fail that schema.
    known = {"cff-version", "message", "type", "title", "abstract", "authors", "version", "license",
             "repository-code", "url", "keywords", "date-released", "doi", "identifiers", "references",
             "preferred-citation", "contact", "commit", "license-url", "repository", "repository-artifact"}
    assert set(CITATION) <= known
    assert isinstance(CITATION["authors"], list) and CITATION["authors"]
    for author in CITATION["authors"]:  # an entity has a name, a person family-names
        assert set(author) & {"name", "family-names"}
    assert all(isinstance(k, str) and k for k in CITATION["keywords"])
    for key in ("repository-code", "url"):
        assert re.fullmatch(r"https://\S+", CITATION[key])


# ------------------------------------------------------------------------------------- pyproject.toml


def test_build_requires_a_setuptools_that_reads_spdx_licences() -> None:
    # PEP 639 `license = "<SPDX>"` with `license-files` needs setuptools >= 77.
    (req,) = [Requirement(r) for r in PYPROJECT["build-system"]["requires"] if Requirement(r).name == "setuptools"]
    assert "77.0" in req.specifier and "76.9" not in req.specifier
    assert PYPROJECT["build-system"]["build-backend"] == "setuptools.build_meta"


def test_licence_is_an_spdx_expression_with_its_file() -> None:
    from packaging.licenses import canonicalize_license_expression

    assert PROJECT["license"] == canonicalize_license_expression(PROJECT["license"]) == "BSD-3-Clause"
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Redistribution and use in source and binary forms" in text
    assert "Neither the name of the copyright holder" in text  # the third clause: BSD-3, not BSD-2
    # PEP 639: a licence classifier beside a licence expression is an error for build tools.
    assert not [c for c in PROJECT["classifiers"] if c.startswith("License ::")]


def test_classifiers_state_the_supported_pythons() -> None:
    classifiers = PROJECT["classifiers"]
    assert all(" :: " in c and c == c.strip() for c in classifiers)
    assert len(set(classifiers)) == len(classifiers)
    stated = tuple(c.rsplit(" :: ", 1)[1] for c in classifiers
                   if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c))
    assert stated == PYTHONS
    spec = SpecifierSet(PROJECT["requires-python"])
    assert all(v in spec for v in PYTHONS) and "3.9" not in spec
    for c in ("Development Status :: 4 - Beta", "Operating System :: OS Independent", "Typing :: Typed",
              "Programming Language :: Python :: 3 :: Only"):
        assert c in classifiers


def test_typed_package_ships_its_marker() -> None:
    assert "py.typed" in PYPROJECT["tool"]["setuptools"]["package-data"]["gametheory_af"]
    assert (ROOT / "gametheory_af" / "py.typed").is_file()


def test_urls_are_the_five_and_https() -> None:
    urls = PROJECT["urls"]
    assert set(urls) == {"Homepage", "Documentation", "Source", "Issues", "Changelog"}
    assert all(re.fullmatch(r"https://\S+", u) for u in urls.values())
    assert urls["Changelog"].endswith("/CHANGELOG.md") and (ROOT / "CHANGELOG.md").is_file()


def test_core_dependencies_exclude_the_extras() -> None:
    core = _requirement_names(PROJECT["dependencies"])
    assert {"numpy", "scipy", "sympy", "nashpy"} <= core
    assert not core & OPTIONAL_ONLY
    extras = PROJECT["optional-dependencies"]
    everything = {f"gametheory_af[{','.join(sorted(set(extras) - {'dev'}))}]"}
    assert {str(Requirement(r)) for r in extras["dev"]} == {str(Requirement(r)) for r in everything}


def test_console_script_is_the_main_job() -> None:
    from gametheory_af.__main__ import main

    assert PROJECT["scripts"] == {"gametheory-af": "gametheory_af.__main__:main"}
    assert callable(main)


def test_package_data_covers_every_data_file_of_the_package() -> None:
    # The wheel holds gametheory_af's .py files and the package-data globs: a data file the globs
    # miss (a new scenario, a schema) is in the checkout but not in an installed package.
    globs = PYPROJECT["tool"]["setuptools"]["package-data"]["gametheory_af"]
    package = ROOT / "gametheory_af"
    data = [p.relative_to(package) for p in package.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert Path("scenarios/afghanistan.toml") in data
    missed = [str(p) for p in data if not any(p.match(g) and len(p.parts) == len(Path(g).parts) for g in globs)]
    assert missed == []


# ----------------------------------------------------------------------------------- the sdist's files


def _manifest_selects(root: Path, files: list[str]) -> set[str]:
    """The files among *files* (relative to *root*) that MANIFEST.in puts in the sdist.

    setuptools' ``FileList`` is the template reader ``sdist`` runs; it keeps only existing files,
    so it runs in *root*.
    """
    from setuptools.command.egg_info import FileList

    old = Path.cwd()
    os.chdir(root)
    try:
        fl = FileList()
        fl.allfiles = list(files)
        for line in (root / "MANIFEST.in").read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                fl.process_template_line(line)
        return {f.replace(os.sep, "/") for f in fl.files}
    finally:
        os.chdir(old)


def _tree(root: Path, top: str) -> list[str]:
    """Every file under *top*, relative to *root*, without caches and build products."""
    skip = {"__pycache__", ".hypothesis", ".benchmarks", "_build", "generated", ".pytest_cache"}
    out = []
    for dirpath, dirnames, filenames in os.walk(root / top):
        dirnames[:] = [d for d in dirnames if d not in skip]
        for name in filenames:
            if not name.endswith((".pyc", ".pyo")):
                out.append(Path(dirpath, name).relative_to(root).as_posix())
    return out


def test_sdist_holds_what_the_tests_need() -> None:
    needed = [f for top in ("tests", "docs", "benchmarks") for f in _tree(ROOT, top) if not _GENERATED.fullmatch(f)]
    top_files = ["README.md", "CHANGELOG.md", "CONTRIBUTING.md", "CITATION.cff", "LICENSE", "MANIFEST.in"]
    selected = _manifest_selects(ROOT, needed + top_files)
    # The files issue 16 found missing from the sdist (ten collection errors), by name.
    for f in ("tests/__init__.py", "tests/conftest.py", "tests/strategies.py", "tests/cases.py",
              "tests/solvers/__init__.py", "tests/solvers/data/enum2p_reference.json.gz",
              "tests/data/efg/README.md", "docs/conftest.py", "benchmarks/conftest.py", "benchmarks/report.py"):
        assert f in selected, f
    assert sorted(set(needed) - selected) == []
    assert set(top_files) - {"MANIFEST.in"} <= selected  # setuptools adds MANIFEST.in itself


def test_every_testpath_is_in_the_sdist() -> None:
    # `python -m pytest` in the unpacked sdist collects these paths; the package comes with setuptools.
    for path in PYPROJECT["tool"]["pytest"]["ini_options"]["testpaths"]:
        if path == "gametheory_af":
            continue
        files = [f for f in (_tree(ROOT, path) if (ROOT / path).is_dir() else [path]) if not _GENERATED.fullmatch(f)]
        assert files and set(files) <= _manifest_selects(ROOT, files), path


def test_sdist_leaves_out_build_products_and_caches(tmp_path: Path) -> None:
    # A developer's checkout holds these after a docs build, a test run or a benchmark run.
    (tmp_path / "MANIFEST.in").write_text((ROOT / "MANIFEST.in").read_text(encoding="utf-8"), encoding="utf-8")
    kept = ["tests/test_x.py", "tests/data/nfg/a.nfg", "docs/index.rst", "docs/_static/a.png", "benchmarks/bench_x.py",
            "README.md", "CITATION.cff"]
    dropped = ["docs/_build/html/index.html", "docs/reference/generated/gametheory_af.x.rst",
               "docs/reference/_api_solvers.rst", "docs/explanation/_scenario_table.rst",
               "tests/__pycache__/test_x.cpython-311.pyc", "benchmarks/.benchmarks/run.json", "tests/.coverage",
               "gametheory_af/junk.txt", "scratch.py"]
    for f in kept + dropped:
        (tmp_path / f).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / f).write_text("x", encoding="utf-8")
    assert _manifest_selects(tmp_path, kept + dropped) == set(kept)


@pytest.mark.parametrize("name", ["README.md", "CONTRIBUTING.md", "CITATION.cff", "CHANGELOG.md"])
def test_top_level_documents_exist(name: str) -> None:
    assert (ROOT / name).is_file() and (ROOT / name).stat().st_size > 0
