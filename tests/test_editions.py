"""Both editions of the built book: every page exists in each, says its language, and links to
the same page in the other edition. tests/test_browser.py follows the switch in a browser.
"""

import re

import pytest

from tests.notebooks import BUILD_DIR
from tests.test_site import HTML_PAGES, built

EDITIONS = {"": "en", "zh/": "zh-CN"}
SWITCH = re.compile(r'<a class="btn btn-sm course-edition-switch" href="([^"]+)"\s+hreflang="([^"]+)"')
CJK = re.compile(r"[\u4e00-\u9fff]")


def main_text(html):
    """The article's text without tags, scripts and styles."""
    article = html[html.find('<article'):html.rfind('</article>')]
    article = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", article)
    return re.sub(r"<[^>]+>", " ", article)


#: The site's title in each edition: the sidebar's brand and the end of every page's <title>.
SITE_TITLE = {"": "Innovation and New Quality Productive Forces", "zh/": "创新与新质生产力"}


@pytest.mark.parametrize("folder", EDITIONS)
@pytest.mark.parametrize("page", HTML_PAGES)
def test_every_page_names_the_site_in_its_editions_language(folder, page):
    html = built(folder + page).read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title.endswith(SITE_TITLE[folder]), f"{folder}{page}: <title>{title}</title>"
    assert f'<p class="title logo__title">{SITE_TITLE[folder]}</p>' in html


@pytest.mark.parametrize("folder", EDITIONS)
@pytest.mark.parametrize("page", HTML_PAGES)
def test_every_page_states_its_language_and_links_to_itself_in_the_other_edition(folder, page):
    html = built(folder + page).read_text(encoding="utf-8")
    assert f'<html lang="{EDITIONS[folder]}"' in html
    if page in ("search.html", "genindex.html"):
        return
    switch = SWITCH.search(html)
    assert switch, f"{folder}{page} has no edition switch"
    href, language = switch.groups()
    other = "zh/" if folder == "" else ""
    assert language == EDITIONS[other]
    target = (built(folder + page).parent / href).resolve()
    assert target == (BUILD_DIR / "html" / (other + page)).resolve(), f"{href} is not {other}{page}"
    assert target.exists()


@pytest.mark.parametrize("page", [p for p in HTML_PAGES if p.startswith("book/")])
def test_chinese_pages_are_written_in_chinese(page):
    text = main_text(built("zh/" + page).read_text(encoding="utf-8"))
    chinese = len(CJK.findall(text))
    latin = len(re.findall(r"\b[a-z]{4,}\b", text))
    assert chinese > 300, f"zh/{page} has only {chinese} Chinese characters"
    assert chinese > 2 * latin, f"zh/{page}: {latin} English words against {chinese} Chinese characters"


@pytest.mark.parametrize("page", [p for p in HTML_PAGES if p.startswith("book/ch")])
def test_chinese_pages_show_chinese_tables_and_verdict_free_outputs(page):
    """Tables and printed lines under the chapters' code come from the package, in Chinese."""
    html = built("zh/" + page).read_text(encoding="utf-8")
    captions = re.findall(r"<caption>(.*?)</caption>", html, re.S)
    for caption in captions:
        assert CJK.search(caption), f"zh/{page} has an English table caption: {caption[:80]}"
    for output in re.findall(r'<div class="output stream highlight-myst-ansi notranslate"><div class="highlight"><pre><span></span>(.*?)</pre>', html, re.S):
        assert CJK.search(output), f"zh/{page} prints English: {output[:80]}"
