"""No raw MyST markup or TeX source reaches a reader, on any page or in a search snippet.

Pages: the text of every page of both editions (what a reader sees) holds no MyST role such as
``{term}`…` `` or ``{cite}`…` ``, and no bold left as literal ``**`` (CommonMark will not close
``**粗体。**`` before a Chinese character; the catalogue check catches it earlier). Search: in Chromium, the snippet of a page found near a formula
shows the typeset formula once and no TeX (site/static/theme/search-snippets.js).
"""

import html
import re

import pytest

from tests.site_browser import BUILD, EDITIONS, PAGES, Reader

playwright_api = pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")

MYST_ROLE = re.compile(r"\{[a-z][a-z:-]*\}`")
TEX = re.compile(r"\\[a-zA-Z]+|[_^]\{")


def reader_text(path):
    """The page's article as text: KaTeX's MathML (read aloud, not shown), scripts and tags dropped."""
    page = (BUILD / path).read_text(encoding="utf-8")
    main = page[page.find('<main'):page.rfind('</main>')]
    main = re.sub(r'<span class="katex-mathml">.*?</math></span>|<script.*?</script>|<style.*?</style>', "", main, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", main))


@pytest.mark.parametrize("path", PAGES)
def test_no_page_shows_raw_myst_markup(path):
    text = reader_text(path)
    assert text.strip(), f"{path} has no article text"
    raw = [text[max(0, m.start() - 40):m.end() + 40] for m in MYST_ROLE.finditer(text)]
    assert not raw, f"{path} shows raw MyST markup: {raw}"
    asterisks = [text[max(0, m.start() - 30):m.end() + 30] for m in re.finditer(r"\*\*", text)]
    assert not asterisks, f"{path} shows bold markers as text: {asterisks}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_search_snippet_shows_a_formula_once_and_no_tex(browser, site, edition):
    reader = Reader(browser, site)
    try:
        page = reader.open(f"{edition}search.html?q=Cobb")
        glossary = page.locator("#search-results ul.search li").filter(has=page.locator('a[href*="glossary"]'))
        snippet = glossary.locator("p.context").first
        snippet.wait_for(timeout=15_000)
        text = snippet.inner_text()
    finally:
        reader.close()
    assert "Y=AKα(hL)1−α" in text, text
    assert text.count("Y=AK") == 1, f"the formula shows more than once: {text}"
    assert not TEX.search(text) and not MYST_ROLE.search(text), f"raw markup in the snippet: {text}"
