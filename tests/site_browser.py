"""The built site as a reader's browser meets it: served gzip-compressed from localhost, offline otherwise.

`serve(folder)` serves the build over HTTP on 127.0.0.1 and, like most web servers, compresses
text files with gzip for browsers that accept it. `launch(playwright)` starts Debian's Chromium
(never a downloaded browser) unable to resolve any host but localhost, and `Reader` opens pages in
a fresh context (desktop or phone, with touch) that aborts and records every request to another
host, and records failed requests and errors. `first_visit` measures what a first visit to a page costs: the bytes it transfers,
compressed and not, and, on an emulated slow link, when the chapter's text first shows. Used by
tests/test_phone.py, tests/test_page_budget.py, tests/test_accessibility.py,
tests/test_jupyterlite_message.py and bench/page_weight.py.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
#: The book's build folder: _build, unless COURSE_BUILD_DIR names another (as site/build_book.py does).
BUILD = Path(os.environ.get("COURSE_BUILD_DIR") or ROOT / "_build").resolve() / "html"
CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: The slow link of issue 10: 1.6 Mbit/s down, 150 ms round trip (CDP takes bytes per second).
SLOW_LINK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
#: The editions' folders in the site: English at the root, Chinese under zh/.
EDITIONS = ("", "zh/")
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
#: Set by the page before anything else runs: the moment a paragraph of the article is laid out
#: in a rendered frame (a requestAnimationFrame callback runs only when the browser renders).
FIRST_TEXT_PROBE = """
(() => {
  const probe = () => {
    const text = document.querySelector(".bd-article p");
    if (text && text.getBoundingClientRect().height > 0 && text.textContent.trim().length > 10) {
      window.courseFirstText = performance.now();
    } else {
      requestAnimationFrame(probe);
    }
  };
  requestAnimationFrame(probe);
})();
"""


def toc_pages():
    """Every page of the table of contents, as a path under the edition's folder."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    entries, stack = [toc["root"]], list(toc.get("chapters", []))
    stack += [c for part in toc.get("parts", []) for c in part["chapters"]]
    while stack:
        entry = stack.pop(0)
        entries.append(entry["file"])
        stack.extend(entry.get("sections", []))
    return [f"{entry}.html" for entry in entries]


#: Every page of both editions, and the chapter pages (those made from a notebook).
PAGES = [edition + page for edition in EDITIONS for page in toc_pages() + ["search.html", "genindex.html"]]
CHAPTERS = [edition + page for edition in EDITIONS for page in toc_pages() if (ROOT / page).with_suffix(".ipynb").exists()]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzip-compressed when the browser accepts it."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript",
                      ".wasm": "application/wasm", ".json": "application/json", ".js": "application/javascript"}

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not (path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(COMPRESSED_TYPES)):
            return super().do_GET()
        body = compressed(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A reader who leaves mid-download (as the slow-link visits do) is no error."""

    def handle_error(self, request, client_address):
        pass


@functools.lru_cache(maxsize=4096)
def compressed(path, _mtime):
    return gzip.compress(Path(path).read_bytes(), 6)


@contextlib.contextmanager
def serve(folder=BUILD):
    """The folder served on 127.0.0.1 at a free port: yields the site's address."""
    if not (folder / "index.html").exists():
        raise FileNotFoundError(f"{folder} holds no built site: build the book first (site/build_book.py)")
    server = QuietServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class Reader:
    """One fresh browser context at the site, desktop or phone; requests to other hosts are aborted."""

    def __init__(self, browser, site, viewport=DESKTOP, phone=False, locale="en-GB"):
        self.site = site
        self.context = browser.new_context(
            viewport=viewport, is_mobile=phone, has_touch=phone, device_scale_factor=1, locale=locale,
        )
        self.blocked, self.errors, self.console_errors, self.failed = [], [], [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        self.page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        self.page.on("requestfailed", lambda request: self._failed(request.url, request.failure))
        self.page.on("response", lambda response: response.status >= 400 and self._failed(response.url, response.status))

    def _route(self, route):
        url = route.request.url
        if url.startswith((self.site + "/", "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def _failed(self, url, why):
        if url not in self.blocked:
            self.failed.append(f"{url} ({why})")

    def open(self, path, wait_until="load"):
        self.page.goto(f"{self.site}/{path}", wait_until=wait_until)
        return self.page

    def assert_clean(self, what):
        """Nothing asked of another host, no failed request, no uncaught error, no console error."""
        assert not self.blocked, f"{what} asked another host for {self.blocked}"
        assert not self.failed, f"{what} had failed requests: {self.failed}"
        assert not self.errors and not self.console_errors, f"{what} logged errors: {self.errors + self.console_errors}"

    def close(self):
        self.context.close()


class Visit(Reader):
    """A reader who waits, on opening a page, until the network is idle and the fonts are loaded."""

    def open(self, path, wait_until="networkidle"):
        page = super().open(path, wait_until)
        page.evaluate("document.fonts.ready.then(() => true)")
        return page


def wait_for_widgets(page, timeout=60_000):
    """Wait until the renderer has drawn every saved widget view and its figure; the number of views."""
    views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
    if views:
        page.wait_for_function(
            """n => [...document.querySelectorAll('.widget-image')].filter(i => i.complete && i.naturalWidth > 0).length >= n""",
            arg=views, timeout=timeout,
        )
    return views


def transferred(page):
    """Bytes of the page and everything it fetched so far: as sent (gzip where text) and unpacked."""
    entries = page.evaluate(
        """() => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
                 .map(e => ({url: e.name, sent: e.encodedBodySize, raw: e.decodedBodySize}))"""
    )
    return {
        "requests": len(entries),
        "gzip_bytes": sum(entry["sent"] for entry in entries),
        "raw_bytes": sum(entry["raw"] for entry in entries),
    }


def first_visit_weight(browser, site, path):
    """What a first visit to `path` transfers once the page and its widgets are complete."""
    reader = Reader(browser, site)
    try:
        page = reader.open(path)
        wait_for_widgets(page)
        page.wait_for_load_state("networkidle")
        return transferred(page)
    finally:
        reader.close()


def first_text_on_slow_link(browser, site, path, viewport=PHONE, timeout=60_000):
    """Seconds from navigation to the chapter's first paragraph on screen, over SLOW_LINK."""
    reader = Reader(browser, site, viewport, phone=viewport is PHONE)
    try:
        reader.page.add_init_script(FIRST_TEXT_PROBE)
        session = reader.context.new_cdp_session(reader.page)
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        session.send("Network.emulateNetworkConditions", SLOW_LINK)
        reader.page.goto(f"{site}/{path}", wait_until="commit")
        reader.page.wait_for_function("window.courseFirstText !== undefined", timeout=timeout, polling=100)
        return reader.page.evaluate("window.courseFirstText") / 1000
    finally:
        reader.close()
