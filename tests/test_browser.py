"""The built site in a real browser: Debian's Chromium driven by Playwright, offline but for localhost.

`make test` builds the book first and installs Debian's `chromium` package when /usr/bin/chromium
is missing; Playwright (from PyPI) drives that browser and never downloads one of its own. The site
is served from the build on 127.0.0.1 (the `site`, `browser` and `visit` fixtures of tests/conftest.py), and
every request to any other host is aborted and recorded, so a page that needs the internet fails
here. The test also writes what a reader would see: `_build/screenshots/<page>-desktop.png` and
`<page>-phone.png` for every chapter.
"""

import re
from pathlib import Path

import pytest
import yaml

from tests.notebooks import BUILD_DIR, ROOT
from tests.site_browser import CHAPTERS, DESKTOP, EDITIONS, PAGES, PHONE, wait_for_widgets

pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")

SCREENSHOTS = BUILD_DIR / "screenshots"
#: The editions' front doors besides the table of contents' pages.
FRONT_DOORS = [edition + "index.html" for edition in EDITIONS]


def config():
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", PAGES + FRONT_DOORS)
def test_page_loads_from_this_host_alone_without_errors(visit, path):
    opened = visit()
    page = opened.open(path)
    wait_for_widgets(page)
    page.wait_for_load_state("networkidle")
    opened.assert_clean(path)


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_widget_renders_its_controls_and_figure(visit, path):
    opened = visit()
    page = opened.open(path)
    views = wait_for_widgets(page)
    assert views, f"{path} has no saved widgets"
    roots = page.locator(".cell_output .jupyter-widgets.widget-vbox:not(.widget-vbox .widget-vbox)")  # not the frames
    assert roots.count() == views, "every saved widget view is rendered"
    for index in range(views):
        root = roots.nth(index)
        controls = root.locator(".widget-slider, .widget-dropdown, .widget-hslider")
        assert controls.count() > 0, f"widget {index} on {path} shows no controls"
        figure = root.locator(".widget-image").first
        size = figure.evaluate("image => [image.naturalWidth, image.naturalHeight]")
        assert min(size) > 100, f"widget {index} on {path} shows no figure ({size})"
    opened.assert_clean(path)


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(visit, path):
    opened = visit(PHONE, mobile=True)
    page = opened.open(path)
    wait_for_widgets(page)
    width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert viewport == PHONE["width"], f"{path}: the page widened the phone's layout viewport to {viewport}px"
    assert width <= PHONE["width"], f"{path} is {width}px wide on a {PHONE['width']}px phone"


@pytest.mark.parametrize("path", CHAPTERS)
def test_screenshots_of_each_chapter(visit, path):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = Path(path).stem
    for label, viewport, mobile in (("desktop", DESKTOP, False), ("phone", PHONE, True)):
        opened = visit(viewport, mobile)
        page = opened.open(path)
        wait_for_widgets(page)
        target = SCREENSHOTS / f"{name}-{label}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(("viewport", "mobile"), [(DESKTOP, False), (PHONE, True)], ids=["desktop", "phone"])
def test_a_typed_query_starts_after_the_magnifier(visit, edition, viewport, mobile):
    page = visit(viewport, mobile).open(f"{edition}search.html?q=生产力")
    field = page.locator("main form.bd-search input")
    icon_right = page.locator("main form.bd-search i.fa-magnifying-glass").evaluate("icon => icon.getBoundingClientRect().right")
    text_left = field.evaluate("f => f.getBoundingClientRect().left + parseFloat(getComputedStyle(f).paddingLeft)")
    assert field.input_value() == "生产力"
    assert text_left >= icon_right + 4, f"the query starts at {text_left}px, under the magnifier (to {icon_right}px)"


@pytest.mark.parametrize(
    ("edition", "query"),
    [("", "residual"), ("", "misallocation"), ("", "全要素生产率"),
     ("zh/", "全要素生产率"), ("zh/", "新质生产力"), ("zh/", "劳动资料"), ("zh/", "shēngchǎnlì")],
)
def test_search_finds_glossary_terms(visit, edition, query):
    opened = visit()
    page = opened.open(f"{edition}search.html?q={query}", wait_until="load")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15_000)
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("book/glossary.html" in href for href in hrefs), f"searching {query!r} found {hrefs}"
    opened.assert_clean("the search page")


@pytest.mark.parametrize("path", [page for page in PAGES if not page.endswith(("search.html", "genindex.html"))])
def test_the_language_switch_leads_to_the_same_page_in_the_other_edition(visit, site, path):
    opened = visit(PHONE, mobile=True)
    page = opened.open(path, wait_until="load")
    language = page.evaluate("document.documentElement.lang")
    assert language == ("zh-CN" if path.startswith("zh/") else "en")
    switch = page.locator("a.course-edition-switch")
    assert switch.is_visible(), f"{path}: the language switch is not visible on a phone"
    with page.expect_navigation(wait_until="load"):
        switch.tap()
    other = path.removeprefix("zh/") if path.startswith("zh/") else "zh/" + path
    assert page.url == f"{site}/{other}"
    assert page.evaluate("document.documentElement.lang") == ("en" if path.startswith("zh/") else "zh-CN")


@pytest.mark.parametrize("edition", EDITIONS)
def test_jupyterlite_loads_its_interface(visit, edition):
    opened = visit()
    page = opened.open(f"{edition}lite/lab/index.html", wait_until="load")
    page.locator("#jp-main-dock-panel").wait_for(timeout=60_000)
    page.locator(".jp-Launcher, .jp-DirListing").first.wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle")
    # The only other host is Python's own (pyodide_url), which the page probes to warn when it is blocked.
    pyodide = config()["sphinx"]["config"]["pyodide_url"]
    assert set(opened.blocked) <= {pyodide}, f"JupyterLite asked other hosts for {opened.blocked}"
    errors = [error for error in opened.errors + opened.console_errors if "ERR_BLOCKED_BY_CLIENT" not in error]  # that probe, blocked
    assert not opened.failed and not errors, (opened.failed, errors)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("folder", ["book", "exercises"])
def test_jupyterlite_opens_notebooks_and_asks_only_for_pyodide(visit, edition, folder):
    """A chapter or an exercise opens in JupyterLite, and only Python itself is missing.

    Running the notebook's code needs Pyodide, the Python interpreter compiled for the browser,
    which the kernel downloads from `pyodide_url` in _config.yml when it starts. These machines
    cannot reach that host (nor any other), so no cell is run here: the test checks that the
    notebook opens and that the Pyodide URL is the one thing the page asks of another host. That
    the notebook installs the bundled course package first is checked in tests/test_site.py.
    """
    if edition == "zh/" and folder == "exercises":
        folder = "exercises/zh"  # the Chinese edition offers the exercises' Chinese copies
    path = f"{folder}/{sorted((ROOT / folder).glob('*.ipynb'))[0].name}"
    pyodide = config()["sphinx"]["config"]["pyodide_url"]
    opened = visit()
    page = opened.open(f"{edition}lite/lab/index.html?path={path}", wait_until="load")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    page.wait_for_function("() => document.querySelectorAll('.jp-Notebook .jp-Cell').length > 3", timeout=30_000)
    if pyodide.startswith(("http://", "https://")):
        for _ in range(120):  # the kernel starts and asks for Pyodide, at the configured URL
            if pyodide in opened.blocked:
                break
            page.wait_for_timeout(250)
        assert pyodide in opened.blocked, "the kernel never asked for Pyodide at pyodide_url"
        assert set(opened.blocked) == {pyodide}, f"JupyterLite asked other hosts for {opened.blocked}"
    assert not opened.failed, opened.failed


@pytest.mark.parametrize("edition", EDITIONS)
def test_launch_menu_offers_jupyterlite_binder_jupyterhub_colab_and_download(visit, edition):
    opened = visit()
    page = opened.open(edition + CHAPTERS[0])
    links = {a.get_attribute("href") for a in page.locator(".dropdown-launch-buttons a, .dropdown-download-buttons a").all()}
    live = [href for href in links if "lite/lab/index.html?path=" in href]
    assert live, f"no JupyterLite launch link among {links}"
    assert any("mybinder.org" in href for href in links)
    hub = any("/hub/user-redirect/git-pull" in href for href in links)
    assert hub == bool(config()["launch_buttons"]["jupyterhub_url"]), "JupyterHub entry only when its address is set"
    assert any("colab.research.google.com" in href for href in links)
    assert any(href.endswith(".ipynb") for href in links), "no notebook download"
    # The JupyterLite link works from the page it is on.
    page.goto(re.sub(r"[^/]*$", "", page.url) + live[0], wait_until="load")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
