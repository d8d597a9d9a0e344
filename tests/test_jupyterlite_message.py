"""When the Python host is blocked, the JupyterLite notebook says so within 20 s, in the edition's language.

The browser here reaches no host but localhost, as on a school network that blocks the Pyodide
host: the notebook must say what failed, that a school network may block that host, and offer
Binder (and the school's hub when one is set) and the README's way of serving Pyodide from the site.
"""

import re

import pytest

from tests.site_browser import ROOT, Reader, serve

playwright_api = pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")

WITHIN_MS = 20_000
#: Edition: (what failed, that a school network may block it, the README's way), as the reader sees it.
EXPECTED = {
    "": ("could not download", "school", "serve Python from the site itself"),
    "zh/": ("未能从", "学校", "放在本网站上提供"),
}


@pytest.mark.parametrize("edition", list(EXPECTED))
def test_blocked_python_host_is_explained_with_the_ways_out(browser, site, edition):
    notebook = sorted((ROOT / "book").glob("*.ipynb"))[0].name
    reader = Reader(browser, site)
    try:
        page = reader.open(f"{edition}lite/lab/index.html?path=book/{notebook}", wait_until="commit")
        notice = page.locator(".course-python-unavailable")
        notice.wait_for(state="visible", timeout=WITHIN_MS)
        text = notice.inner_text()
        for phrase in EXPECTED[edition]:
            assert phrase in text, f"the notice lacks {phrase!r}: {text}"
        if edition:
            assert re.search(r"[\u4e00-\u9fff]{10}", text) and "could not" not in text, "the Chinese notice is in Chinese"
        links = {a.inner_text(): a.get_attribute("href") for a in notice.locator("a").all()}
        binder = [href for href in links.values() if "mybinder.org" in href]
        assert binder and f"book/{notebook}" in binder[0], f"Binder opens this notebook: {links}"
        assert any("#hosting-python-for-the-browser-yourself" in href for href in links.values()), links
        assert reader.blocked, "the Python host was asked for, and blocked"
        box = notice.bounding_box()
        assert box["width"] > 200 and box["y"] >= 0, "the notice is on screen"
    finally:
        reader.close()
