"""The built site in a real browser: Debian's Chromium driven by Playwright, offline but for localhost.

`make test` builds the book first and installs Debian's `chromium` package when /usr/bin/chromium
is missing; Playwright (from PyPI) drives that browser and never downloads one of its own. The site
is served from `_build/html` on 127.0.0.1, and every request to any other host is aborted and
recorded, so a page that needs the internet fails here.

Besides the checks, the tests write what a reader would see and download:

- `_build/screenshots/<page>-desktop.png` and `<page>-phone.png` for every chapter;
- `_build/page_weights.json`: for each page, the bytes the browser fetched on a first visit, and
  the same files gzip-compressed, as most web servers send them.
"""

import functools
import gzip
import http.server
import json
import os
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from tests.notebooks import BUILD_DIR, ROOT

playwright_api = pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")

BUILD = BUILD_DIR / "html"
SCREENSHOTS = BUILD_DIR / "screenshots"
WEIGHTS = BUILD_DIR / "page_weights.json"
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # A second guard behind the request routing: no host name but localhost resolves, so not even
    # a service worker's request can leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def toc_pages():
    """Every page of the table of contents, as a path under _build/html."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    entries = [toc["root"]]
    stack = list(toc.get("chapters", [])) + [c for part in toc.get("parts", []) for c in part["chapters"]]
    while stack:
        entry = stack.pop(0)
        entries.append(entry["file"])
        stack.extend(entry.get("sections", []))
    return [f"{entry}.html" for entry in entries]


#: The folder of each edition in the site: English at the root, Chinese under zh/.
EDITIONS = ("", "zh/")
PAGES = [edition + page for edition in EDITIONS for page in toc_pages() + ["search.html", "genindex.html", "index.html"]]
CHAPTERS = [edition + page for edition in EDITIONS for page in toc_pages() if (ROOT / page).with_suffix(".ipynb").exists()]


def config():
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript",
                      ".wasm": "application/wasm", ".json": "application/json"}

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    if not (BUILD / "index.html").exists():
        pytest.fail("_build/html is missing: `make test` builds the book first (or run `make book`)")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=BUILD))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def weights():
    record = {}
    yield record
    if record:
        WEIGHTS.parent.mkdir(parents=True, exist_ok=True)
        WEIGHTS.write_text(json.dumps(record, indent=2, sort_keys=True), encoding="utf-8")


class Visit:
    """One page in a fresh browser context, with every request to another host aborted."""

    def __init__(self, browser, site, viewport, mobile=False):
        self.site = site
        self.context = browser.new_context(
            viewport=viewport, is_mobile=mobile, has_touch=mobile, device_scale_factor=1,
        )
        self.blocked, self.failed, self.errors = [], [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        self.page.on("requestfailed", lambda request: self._failed(request.url, request.failure))
        self.page.on("response", lambda response: response.status >= 400 and self._failed(response.url, response.status))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.site + "/") or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def _failed(self, url, why):
        if url not in self.blocked:
            self.failed.append(f"{url} ({why})")

    def open(self, path, wait_until="networkidle"):
        self.page.goto(f"{self.site}/{path}", wait_until=wait_until)
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return self.page

    def assert_clean(self, what):
        assert not self.blocked, f"{what} asked another host for {self.blocked}"
        assert not self.failed, f"{what} had failed requests: {self.failed}"
        assert not self.errors, f"{what} logged console errors: {self.errors}"

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, site):
    visits = []

    def open_visit(viewport=DESKTOP, mobile=False):
        visits.append(Visit(browser, site, viewport, mobile))
        return visits[-1]

    yield open_visit
    for opened in visits:
        opened.close()


def page_weight(page, site):
    """Bytes fetched for the page and everything it loaded, as sent and as gzip would send them."""
    entries = page.evaluate(
        """() => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
                 .map(e => ({url: e.name, bytes: e.encodedBodySize}))"""
    )
    total = compressed = 0
    for entry in entries:
        total += entry["bytes"]
        path = unquote(urlsplit(entry["url"]).path).lstrip("/")
        local = BUILD / path
        if local.is_dir():
            local = local / "index.html"
        compressed += len(gzip.compress(local.read_bytes(), 6)) if local.is_file() else entry["bytes"]
    return {"requests": len(entries), "bytes": total, "gzip_bytes": compressed}


def wait_for_widgets(page):
    """Wait until the html-manager has rendered every saved widget view and its figure has loaded."""
    views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
    if views:
        page.wait_for_function(
            """n => [...document.querySelectorAll('.widget-image')].filter(i => i.complete && i.naturalWidth > 0).length >= n""",
            arg=views, timeout=30_000,
        )
    return views


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_from_this_host_alone_without_errors(visit, site, weights, path):
    opened = visit()
    page = opened.open(path)
    wait_for_widgets(page)
    page.wait_for_load_state("networkidle")
    opened.assert_clean(path)
    weights[path] = page_weight(page, site)


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


@pytest.mark.parametrize("path", [page for page in PAGES if not page.endswith(("search.html", "genindex.html", "index.html"))])
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
    errors = [error for error in opened.errors if "ERR_BLOCKED_BY_CLIENT" not in error]  # that probe, blocked
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
