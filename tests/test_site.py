"""The built website serves everything itself, stays light, and offers every way to run a notebook.

These checks read `_build/html` (which `make test` builds first); tests/test_browser.py checks the
same site in a real browser.
"""

import json
import re
import subprocess
import tomllib
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import nbformat
import pytest
import yaml

from tests.notebooks import BUILD_DIR, ROOT

BUILD = BUILD_DIR / "html"
LITE = BUILD / "lite"
PAGE_LIMIT = 1.5 * 1024 * 1024  # bytes: a chapter page with its saved widget state
WIDGET_SCRIPT = "_static/widgets/embed.js"
NOTEBOOK_FOLDERS = ("book", "exercises")


def config():
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def toc_entries():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    entries, stack = [toc["root"]], list(toc.get("chapters", []))
    stack += [c for part in toc.get("parts", []) for c in part["chapters"]]
    while stack:
        entry = stack.pop(0)
        entries.append(entry["file"])
        stack.extend(entry.get("sections", []))
    return entries


CHAPTERS = [entry for entry in toc_entries() if (ROOT / f"{entry}.ipynb").exists()]
HTML_PAGES = [f"{entry}.html" for entry in toc_entries()] + ["search.html", "genindex.html"]
PAGES_WITHOUT_NOTEBOOKS = [page for page in HTML_PAGES if page.removesuffix(".html") not in CHAPTERS]
NOTEBOOKS = [f"{folder}/{path.name}" for folder in NOTEBOOK_FOLDERS for path in sorted((ROOT / folder).glob("*.ipynb"))]


def built(path):
    page = BUILD / path
    assert page.exists(), f"{page} is missing: `make test` builds the book first (or run `make book`)"
    return page


class Assets(HTMLParser):
    """What a page loads (scripts, stylesheets, images, frames, fonts) and where it links."""

    def __init__(self):
        super().__init__()
        self.loads, self.links, self.scripts = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.loads.append(attrs["src"])
            self.scripts.append(attrs["src"])
        elif tag in ("img", "iframe", "audio", "video", "source", "embed") and attrs.get("src"):
            self.loads.append(attrs["src"])
        elif tag == "link" and attrs.get("href"):
            rel = attrs.get("rel", "")
            if any(kind in rel for kind in ("stylesheet", "preload", "icon", "modulepreload", "manifest")):
                self.loads.append(attrs["href"])
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def assets(path):
    parser = Assets()
    parser.feed(built(path).read_text(encoding="utf-8"))
    return parser


def is_remote(url):
    return url.startswith(("http://", "https://", "//"))


# --------------------------------------------------------------------------- served from this host


@pytest.mark.parametrize("edition", ["", "zh/"])
@pytest.mark.parametrize("page", HTML_PAGES + ["lite/lab/index.html", "lite/notebooks/index.html"])
def test_pages_load_nothing_from_another_host(edition, page):
    path = edition + page
    remote = [url for url in assets(path).loads if is_remote(url)]
    assert not remote, f"{path} loads {remote}"


@pytest.mark.parametrize("chapter", CHAPTERS + [f"zh/{chapter}" for chapter in CHAPTERS])
def test_chapter_page_with_its_widget_state_weighs_under_the_limit(chapter):
    size = built(f"{chapter}.html").stat().st_size
    assert size < PAGE_LIMIT, f"{chapter}.html weighs {size / 1e6:.2f} MB"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_widget_pages_load_the_renderer_from_the_site_after_the_text(chapter):
    html = built(f"{chapter}.html").read_text(encoding="utf-8")
    if "application/vnd.jupyter.widget-state+json" not in html:
        pytest.skip("no widgets on this page")
    tags = re.findall(r"<script[^>]*src=\"(?:\.\./)*" + re.escape(WIDGET_SCRIPT) + r"[^>]*>", html)
    assert len(tags) == 1, "the renderer, once"
    assert "defer" in tags[0], "the renderer waits for the page's text (deferred)"
    assert (BUILD / WIDGET_SCRIPT).stat().st_size > 100


@pytest.mark.parametrize("path", PAGES_WITHOUT_NOTEBOOKS)
def test_pages_without_widgets_do_not_load_the_renderer(path):
    assert "application/vnd.jupyter.widget-state+json" not in built(path).read_text(encoding="utf-8")
    scripts = " ".join(assets(path).scripts)
    assert "widgets/" not in scripts and "require" not in scripts


def test_no_root_static_folder_adds_scripts_to_every_page():
    # Jupyter Book adds every .js and .css file under a root _static/ to every page.
    assert not (ROOT / "_static").exists(), "keep site files in book/_static or site/static"


def test_renderer_matches_ipywidgets_8_and_ships_with_its_licences():
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    manager = lock["node_modules/@jupyter-widgets/html-manager"]["version"]
    assert manager.startswith("1."), "html-manager 1.x renders ipywidgets 8 state"
    assert metadata.version("ipywidgets").startswith("8.")
    for licence in ("widgets/LICENSE.html-manager.txt", "katex/LICENSE"):
        assert (BUILD / "_static" / licence).stat().st_size > 100
    embed = (BUILD / WIDGET_SCRIPT).read_text(encoding="utf-8")
    assert "@jupyter-widgets/controls" in embed and "sourceMappingURL" not in embed.split("\n")[-1]


def test_maths_is_typeset_at_build_time_with_local_fonts():
    katex = BUILD / "_static" / "katex"
    assert list((katex / "fonts").glob("KaTeX_Main-Regular.woff2"))
    html = built(f"{CHAPTERS[0]}.html").read_text(encoding="utf-8")
    assert 'class="katex"' in html and "_static/katex/katex.min.css" in html
    assert "_static/mathjax/" not in html and "\\(" not in html, "no maths left for a script to typeset"
    assert "katex" not in built("book/intro.html").read_text(encoding="utf-8"), "no maths, no maths stylesheet"


# --------------------------------------------------------------------------- JupyterLite


def lite_settings():
    data = json.loads((LITE / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    return data["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]


def test_jupyterlite_is_built_without_sourcemaps():
    assert (LITE / "lab" / "index.html").exists()
    assert not list(LITE.rglob("*.map")), "no sourcemaps in the JupyterLite build"


def test_pyodide_location_is_the_one_setting_in_config():
    url = config()["sphinx"]["config"]["pyodide_url"]
    if url.startswith(("http://", "https://", "/", "./")):
        assert lite_settings()["pyodideUrl"] == url
    else:  # a local Pyodide archive or folder: the build serves it from the site itself
        assert lite_settings()["pyodideUrl"].startswith("./")


def test_the_course_wheel_is_bundled_for_the_browser():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    index = json.loads((LITE / "pypi" / "all.json").read_text(encoding="utf-8"))
    assert version in index["productive-forces"]["releases"]
    wheel = LITE / "pypi" / f"productive_forces-{version}-py3-none-any.whl"
    assert wheel.exists()
    assert "./pypi/all.json" in " ".join(lite_settings()["pipliteUrls"])
    for dependency in ("ipywidgets", "nbformat"):  # pure-Python needs that Pyodide does not ship
        assert dependency in index, f"{dependency} is not bundled"


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_every_chapter_and_exercise_is_in_jupyterlite_installing_the_course_first(path):
    lite = nbformat.read(LITE / "files" / path, as_version=4)
    source = nbformat.read(ROOT / path, as_version=4)
    code = [cell for cell in lite.cells if cell.cell_type == "code"]
    assert code[0].id == "jupyterlite-install" and "piplite.install" in code[0].source
    cells = [cell for cell in lite.cells if cell.id != "jupyterlite-install"]
    assert [cell.id for cell in cells] == [cell.id for cell in source.cells]
    assert [cell for cell in cells if cell.cell_type == "code"] == [cell for cell in source.cells if cell.cell_type == "code"]
    markdown = "\n".join(cell.source for cell in cells if cell.cell_type == "markdown")
    assert not re.search(r"\{(cite|doc|term|bibliography)\}", markdown), "MyST roles are written out for JupyterLab"
    if "{cite}" in "".join(cell.source for cell in source.cells):
        assert re.search(r"\[[A-Z][A-Za-z+]*\d\d\]", markdown) and "\n- [" in markdown, "citation labels and a reference list"


ZH_NOTEBOOKS = [f"book/{p.name}" for p in sorted((ROOT / "book").glob("*.ipynb"))] + [
    f"exercises/zh/{p.name}" for p in sorted((ROOT / "exercises" / "zh").glob("*.ipynb"))
]


@pytest.mark.parametrize("path", ZH_NOTEBOOKS)
def test_chinese_jupyterlite_holds_chinese_copies_that_speak_chinese(path):
    lite = nbformat.read(BUILD / "zh" / "lite" / "files" / path, as_version=4)
    source = nbformat.read(ROOT / path, as_version=4)
    install = next(cell for cell in lite.cells if cell.cell_type == "code")
    assert install.id == "jupyterlite-install" and 'use_language("zh_CN")' in install.source
    cells = [cell for cell in lite.cells if cell.id != "jupyterlite-install"]
    assert [cell.id for cell in cells] == [cell.id for cell in source.cells]
    for copy, original in zip(cells, source.cells):
        if copy.cell_type == "code":
            assert copy.source == original.source
        elif re.search(r"[A-Za-z]{3}", original.source) and not original.source.lstrip().startswith("$$"):
            assert re.search(r"[\u4e00-\u9fff]", copy.source), f"{path}: cell {copy.id} is in English"


def test_solutions_are_not_published():
    assert not (LITE / "files" / "solutions").exists()
    assert not list(BUILD.rglob("_downloads/*/*solution*"))


# --------------------------------------------------------------------------- launching


def test_launch_links_come_from_the_repository_setting():
    repo_url = config()["repository"]["url"].rstrip("/")
    org, repo = repo_url.split("github.com/")[1].split("/")[:2]
    launch = config()["launch_buttons"]
    for chapter in CHAPTERS:
        links = assets(f"{chapter}.html").links
        notebook = f"{chapter}.ipynb"
        assert f"{launch['binderhub_url']}/v2/gh/{org}/{repo}/main?urlpath=lab/tree/{notebook}" in links
        hub = [link for link in links if "git-pull" in link]
        if launch["jupyterhub_url"]:
            assert any(link.startswith(launch["jupyterhub_url"]) for link in hub)
        else:
            assert not hub, "no JupyterHub entry until launch_buttons.jupyterhub_url is set"
        assert f"{launch['colab_url']}/github/{org}/{repo}/blob/main/{notebook}" in links
        assert f"../lite/lab/index.html?path={notebook}" in links
        assert f"../_sources/{notebook}" in links, "download button for the notebook"


def test_student_guide_opens_every_chapter_and_exercise_every_way():
    page = "book/student_guide.html"
    links = assets(page).links
    for notebook in NOTEBOOKS:
        lite = [link for link in links if link.endswith(f"?path={notebook}")]
        assert lite, f"no JupyterLite link for {notebook}"
        target = parse_qs(urlsplit(lite[0]).query)["path"][0]
        assert (LITE / "files" / target).exists()
        hosts = ("mybinder.org", "git-pull", "colab.research.google.com")
        for host in hosts if config()["launch_buttons"]["jupyterhub_url"] else hosts[::2]:
            assert any(host in link and notebook in unquote(link) for link in links), f"{host} for {notebook}"
        downloads = [link for link in links if "_downloads/" in link and link.endswith(Path(notebook).name)]
        assert any((BUILD / "book" / link).resolve().exists() for link in downloads), f"download of {notebook}"


def test_jupyterlite_build_artefacts_stay_out_of_git():
    try:
        tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    for artefact in ("_build/", "node_modules/", "_contents/", ".jupyterlite.doit.db", "lite/"):
        assert not [line for line in tracked.splitlines() if line.startswith(artefact)], artefact
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8")
    for pattern in ("_build/", "node_modules/", ".jupyterlite.doit.db"):
        assert pattern in ignored


# --------------------------------------------------------------------------- glossary


REQUIRED_TERMS = {
    "new quality productive forces": ("新质生产力", "xīn zhì shēngchǎnlì"),
    "total factor productivity": ("全要素生产率", "quán yàosù shēngchǎnlǜ"),
    "sci-tech innovation": ("科技创新", "kējì chuàngxīn"),
    "productive forces": ("生产力", None),
    "labourers": ("劳动者", None),
    "means of labour": ("劳动资料", None),
    "subjects of labour": ("劳动对象", None),
    "new development philosophy": ("新发展理念", None),
    "growth accounting": (None, None),
    "Solow residual": (None, None),
    "capital deepening": (None, None),
    "human capital": (None, None),
    "misallocation": (None, None),
    "industrial revolution": (None, None),
}


def test_glossary_defines_the_key_terms_in_english_chinese_and_pinyin():
    html = built("book/glossary.html").read_text(encoding="utf-8")
    terms = {re.sub(r"<[^>]+>", "", term).strip() for term in re.findall(r'<dt id="term-[^"]*">(.*?)<a class="headerlink"', html, re.S)}
    for english, (chinese, pinyin) in REQUIRED_TERMS.items():
        assert english in terms, f"{english!r} is not a glossary term"
        if chinese:
            assert chinese in terms, f"{chinese!r} is not a glossary term"
        if pinyin:
            assert pinyin in html
    search_index = (BUILD / "searchindex.js").read_text(encoding="utf-8")
    assert "residual" in search_index and "glossary" in search_index
