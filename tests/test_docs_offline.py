"""The built documentation works offline: nothing is loaded from another host.

Issue 16: mathematics was loaded from a CDN, so offline it showed raw TeX. The
docs now serve MathJax from a copy installed from PyPI (``sphinx-mathjax-offline``,
see docs/conf.py). These tests scan a built site for any script, style sheet,
font, image or frame loaded from an absolute URL (``http:``, ``https:`` or
protocol-relative ``//``), and check that each page with mathematics loads the
local MathJax, whose files are present.

Building the docs takes minutes, so the tests do not build: they scan the site
in ``$GAMETHEORY_AF_DOCS_HTML`` or, failing that, ``docs/_build/html``, and are
skipped when neither exists. CI runs them after its docs build::

    sphinx-build -W -n --keep-going -q -b html docs docs/_build/html
    python -m pytest tests/test_docs_offline.py -q -p no:cacheprovider

The scanner itself is tested on small documents written here, so that these
tests can fail.

References to Python, NumPy, SciPy, SymPy and pandas resolve offline through
the intersphinx inventories in ``docs/_intersphinx/`` (written from a table by
``docs/_intersphinx/make_inventories.py``): the tests check that the committed
files are what the table gives, and that a built page links to those projects
with plain ``<a href>`` links, which load nothing.
"""

from __future__ import annotations

import importlib.util
import os
import re
import zlib
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Attributes through which a page loads a resource (a plain ``<a href>`` is a
#: link the reader may follow, not a load, and is allowed to point anywhere).
_LOADING = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "source": ("src", "srcset"),
    "embed": ("src",),
    "object": ("data",),
}
#: ``<link rel=...>`` values that make the browser fetch the target.
_LINK_LOADS = {"stylesheet", "preload", "modulepreload", "icon", "shortcut", "apple-touch-icon", "manifest", "prefetch"}

_ABSOLUTE = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def _is_remote(url: str) -> bool:
    """True for an absolute URL with a host (``https://x``, ``//x``); False for
    relative paths, ``data:`` URIs and fragments."""
    return bool(_ABSOLUTE.match(url))


class _Loads(HTMLParser):
    """Collect (tag, url) for every resource a page loads, and whether it has maths."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[tuple[str, str]] = []
        self.has_math = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link":
            rels = set(a.get("rel", "").lower().split())
            if rels & _LINK_LOADS and a.get("href"):
                self.loads.append((tag, a["href"]))
        for name in _LOADING.get(tag, ()):
            if a.get(name):
                # srcset: "url 1x, url 2x"
                urls = [part.strip().split()[0] for part in a[name].split(",") if part.strip()] if name == "srcset" else [a[name]]
                self.loads.extend((tag, u) for u in urls)
        if "math" in a.get("class", "").split():
            self.has_math = True
        if a.get("style"):
            self.loads.extend(("style", u) for u in css_urls(a["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.loads.extend(("style", u) for u in css_urls(data))


def css_urls(css: str) -> list[str]:
    """The URLs a style sheet loads (``url(...)`` and ``@import``), comments removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [m.group(1) or m.group(2) for m in _CSS_URL.finditer(css)]


#: The parts of a page that can load something or mark mathematics: style blocks, the start
#: tags of loading elements, tags with an inline style that has ``url(`` or with the class
#: ``math``. Only these are parsed, which keeps the scan of a large site (the reference and
#: the highlighted sources are tens of MB) fast.
_FRAGMENTS = re.compile(
    r"<style\b[^>]*>.*?</style>"
    r"|<(?:script|link|img|iframe|audio|video|source|embed|object)\b[^>]*>"
    r"|<[a-zA-Z][^<>]*\sstyle=[^<>]*url\([^<>]*>"
    r"|<[a-zA-Z][^<>]*\sclass=[\"'][^\"'<>]*\bmath\b[^<>]*>",
    re.S | re.I,
)


def _closed(fragment: str) -> str:
    return fragment + "</script>" if fragment[:7].lower() == "<script" else fragment


def page_loads(html: str) -> tuple[list[tuple[str, str]], bool]:
    """Every (tag, url) an HTML page loads, and whether it contains mathematics."""
    p = _Loads()
    # A script's start tag alone would make the parser read the rest as the script's text.
    p.feed("\n".join(_closed(m.group(0)) for m in _FRAGMENTS.finditer(html)))
    p.close()
    return p.loads, p.has_math


def remote_loads(html: str) -> list[tuple[str, str]]:
    """The resources of an HTML page loaded from another host."""
    return [(tag, url) for tag, url in page_loads(html)[0] if _is_remote(url)]


# -- the scanner, on documents written here ------------------------------------------------


def test_scanner_finds_a_cdn_script_and_style_sheet() -> None:
    html = """<html><head>
    <script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>
    <link rel="stylesheet" href="//fonts.example.org/css?family=Lato">
    <link rel="canonical" href="https://example.org/page.html">
    <script src="_static/doctools.js"></script>
    </head><body><a href="https://numpy.org">numpy</a>
    <img src="data:image/png;base64,AAAA"><img srcset="a.png 1x, HTTPS://x.org/b.png 2x">
    <div style="background: url('https://x.org/bg.png')"></div>
    <style>@import "https://x.org/font.css"; /* url(https://commented.out) */ p { }</style>
    </body></html>"""
    assert remote_loads(html) == [
        ("script", "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"),
        ("link", "//fonts.example.org/css?family=Lato"),
        ("img", "HTTPS://x.org/b.png"),
        ("style", "https://x.org/bg.png"),
        ("style", "https://x.org/font.css"),
    ]


def test_scanner_accepts_local_pages_and_sees_maths() -> None:
    html = """<script defer="defer" src="../_static/mathjax/tex-chtml.js"></script>
    <link rel="stylesheet" href="../_static/styles/theme.css?digest=1">
    <p>A link away is fine: <a href="https://www.sphinx-doc.org/">Sphinx</a>.</p>
    <span class="math notranslate nohighlight">\\(x^2\\)</span>"""
    loads, has_math = page_loads(html)
    assert [u for _, u in loads] == ["../_static/mathjax/tex-chtml.js", "../_static/styles/theme.css?digest=1"]
    assert has_math
    assert remote_loads(html) == []
    assert page_loads("<p>no maths</p>") == ([], False)


@pytest.mark.parametrize(
    ("url", "remote"),
    [("https://a.org/x.js", True), ("http://a.org", True), ("//a.org/x", True), (" HTTPS://A.ORG", True),
     ("_static/x.js", False), ("../x.css", False), ("data:font/woff2;base64,AA", False), ("#top", False),
     ("/_static/x.js", False)],
)
def test_is_remote(url: str, remote: bool) -> None:
    assert _is_remote(url) is remote


def test_css_urls() -> None:
    css = "@font-face{src:url(../webfonts/fa.woff2) format('woff2'),url(\"https://x/y.woff\")} /* url(z) */ @import 'a.css';"
    assert css_urls(css) == ["../webfonts/fa.woff2", "https://x/y.woff", "a.css"]


# -- the offline intersphinx inventories ------------------------------------------------------

_INTERSPHINX = ROOT / "docs" / "_intersphinx"


def _make_inventories() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_inventories", _INTERSPHINX / "make_inventories.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _entries(data: bytes) -> tuple[list[str], list[str]]:
    """The four header lines and the entry lines of an ``objects.inv`` (version 2)."""
    lines = data.split(b"\n", 4)
    return [x.decode() for x in lines[:4]], zlib.decompress(lines[4]).decode().splitlines()


def test_committed_inventories_are_the_table() -> None:
    make = _make_inventories()
    assert set(make.BASE_URLS) == {"python", "numpy", "scipy", "sympy", "pandas"}
    for project in make.BASE_URLS:
        committed = (_INTERSPHINX / f"{project}.inv").read_bytes()
        assert _entries(committed) == _entries(make.inventory(project)), (
            f"docs/_intersphinx/{project}.inv is stale: run python docs/_intersphinx/make_inventories.py")


def test_inventory_format() -> None:
    make = _make_inventories()
    header, entries = _entries(make.inventory("python"))
    assert header == ["# Sphinx inventory version 2", "# Project: python", "# Version: ",
                      "# The remainder of this file is compressed using zlib."]
    # One line per name: "name domain:role priority uri dispname", "-" meaning the name itself.
    assert "fractions.Fraction py:class 1 library/fractions.html#fractions.Fraction -" in entries
    assert len(entries) == sum(1 for p, *_ in make.NAMES if p == "python")
    # Every entry: a known project, a Python object type, an anchored URI without spaces, no duplicate name.
    roles = {"py:class", "py:function", "py:method", "py:module", "py:data", "py:attribute", "py:exception"}
    for project, name, role, uri in make.NAMES:
        assert project in make.BASE_URLS and role in roles, (project, name, role)
        assert "#" in uri and " " not in uri and not uri.startswith(("http:", "https:", "/")), uri
    names = [(p, n) for p, n, *_ in make.NAMES]
    assert len(names) == len(set(names))


def test_inventories_are_written_where_conf_reads_them(tmp_path: Path) -> None:
    make = _make_inventories()
    make.main(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{p}.inv" for p in make.BASE_URLS)
    assert (tmp_path / "numpy.inv").read_bytes() == make.inventory("numpy")


# -- the built site ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site() -> Path:
    env = os.environ.get("GAMETHEORY_AF_DOCS_HTML")
    path = Path(env) if env else ROOT / "docs" / "_build" / "html"
    if not (path / "index.html").is_file():
        pytest.skip(f"no built documentation at {path} (build it with sphinx-build, or set GAMETHEORY_AF_DOCS_HTML)")
    return path


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[Path, tuple[list[tuple[str, str]], bool]]:
    """Each built page, parsed once: what it loads and whether it has mathematics."""
    return {page: page_loads(page.read_text(encoding="utf-8", errors="replace")) for page in sorted(site.rglob("*.html"))}


def test_built_pages_load_nothing_from_another_host(site: Path, pages: dict[Path, tuple[list[tuple[str, str]], bool]]) -> None:
    assert len(pages) > 50, f"only {len(pages)} pages in {site}"
    found = {}
    for page, (loads, _) in pages.items():
        bad = [(tag, url) for tag, url in loads if _is_remote(url)]
        if bad:
            found[str(page.relative_to(site))] = bad
    assert found == {}


def test_built_style_sheets_load_nothing_from_another_host(site: Path) -> None:
    found = {}
    for sheet in sorted((site / "_static").rglob("*.css")):
        bad = [u for u in css_urls(sheet.read_text(encoding="utf-8", errors="replace")) if _is_remote(u)]
        if bad:
            found[str(sheet.relative_to(site))] = bad
    assert found == {}


def test_pages_with_maths_load_the_local_mathjax(site: Path, pages: dict[Path, tuple[list[tuple[str, str]], bool]]) -> None:
    mathjax = site / "_static" / "mathjax" / "tex-chtml.js"
    assert mathjax.is_file(), f"{mathjax} missing: MathJax is not served with the pages"
    # CommonHTML output draws with MathJax's own web fonts, loaded relative to the script.
    fonts = list((site / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").glob("MathJax_Main-Regular.woff"))
    assert fonts, "MathJax's fonts are missing"
    with_maths = 0
    for page, (loads, has_math) in pages.items():
        if not has_math:
            continue
        with_maths += 1
        scripts = [u for tag, u in loads if tag == "script" and "mathjax" in u.lower()]
        assert scripts, f"{page.relative_to(site)} has mathematics but loads no MathJax"
        for u in scripts:
            target = (page.parent / u.split("?")[0]).resolve()
            assert target == mathjax.resolve(), f"{page.relative_to(site)} loads {u}, not the local copy"
    # The flagship explanation, the replicator reference, the limits page ... have maths.
    assert with_maths >= 5


def test_figures_are_rendered_into_the_pages(site: Path, pages: dict[Path, tuple[list[tuple[str, str]], bool]]) -> None:
    # Figures drawn at build time by ``.. plot::`` (docs/conf.py), one per page below.
    for page in ["tutorial/index.html", "tutorial/trees.html", "explanation/afghanistan-scenario.html",
                 "explanation/learning-dynamics.html", "how-to/sobol-indices.html", "how-to/plot-equilibrium-map.html"]:
        loads, _ = pages[site / page]
        images = [u for tag, u in loads if tag == "img" and u.endswith(".png")]
        assert images, f"{page} shows no figure"
        for u in images:
            png = (site / page).parent / u
            assert png.is_file() and png.stat().st_size > 5_000, f"{page}: figure {u} missing or empty"


def test_external_references_are_plain_links(site: Path, pages: dict[Path, tuple[list[tuple[str, str]], bool]]) -> None:
    # Intersphinx turned :class:`fractions.Fraction` and the like into links to the projects' sites
    # (one page each below references them): links a reader may follow, not resources the page loads.
    expected = {
        "explanation/concepts.html": "https://docs.python.org/3/library/fractions.html#fractions.Fraction",
        "how-to/dask-sweep.html": "https://numpy.org/doc/stable/reference/generated/numpy.linspace.html#numpy.linspace",
        "reference/generated/gametheory_af.replicator.html":
            "https://docs.scipy.org/doc/scipy/reference/generated/scipy.integrate.solve_ivp.html#scipy.integrate.solve_ivp",
        "reference/generated/gametheory_af.ParametricGame.html":
            "https://docs.sympy.org/latest/modules/utilities/lambdify.html#sympy.utilities.lambdify.lambdify",
        "reference/generated/gametheory_af.sensitivity.SweepResult.html":
            "https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.html#pandas.DataFrame",
    }
    for page, url in expected.items():
        html = (site / page).read_text(encoding="utf-8")
        assert f'href="{url}"' in html, f"{page} does not link to {url}"
        assert all(u != url for _, u in pages[site / page][0])
