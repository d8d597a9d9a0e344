"""Pinyin typed without tone marks finds the glossary entry, in both editions' search.

A reader on a phone rarely types tone marks: "shengchanli" must find 生产力 as "shēngchǎnlì"
does. site/course_editions.py indexes every word with diacritics also without them.
"""

import pytest

from tests.site_browser import EDITIONS, Reader

playwright_api = pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("query", ["shengchanli", "xin zhi shengchanli", "quan yaosu shengchanlu"])
def test_toneless_pinyin_finds_the_glossary(browser, site, edition, query):
    reader = Reader(browser, site)
    try:
        page = reader.open(f"{edition}search.html?q={query}")
        results = page.locator("#search-results ul.search li a")
        results.first.wait_for(timeout=15_000)
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        assert any("book/glossary.html" in href for href in hrefs), f"searching {query!r} found {hrefs}"
    finally:
        reader.close()
