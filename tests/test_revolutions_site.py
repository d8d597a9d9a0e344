"""Chapter 4 on the built site, in Chromium: its static R&D figure is legible, described and captioned.

Uses the `site`, `browser` and `visit` fixtures of tests/conftest.py (the site under
COURSE_BUILD_DIR, served from localhost, every other host blocked). "Smallest text" is the
figure's smallest drawn text (TEXT_PIXELS image pixels) times the scale at which it is shown.
"""

import re

import pytest

from productive_forces.widgets.base import TEXT_PIXELS
from tests.site_browser import DESKTOP, PHONE

SMALLEST = {"desktop": 11, "phone": 9}
EXPECTED = {
    "": ("from 0.56% in 1996 to 2.43% in 2021", "2023 at 2.65%", "UNESCO Institute for Statistics",
         "NBS, MOST and MOF, 2 October 2024"),
    "zh/": ("从1996年的0.56%升至2021年的2.43%", "2023年为2.65%", "联合国教科文组织统计研究所",
            "《2023年全国科技经费投入统计公报》"),
}


def rd_figure(page):
    """The R&D figure's image (natural and shown widths, alt text) and its caption's text."""
    return page.locator("figure.course-figure").evaluate(
        """figure => { const image = figure.querySelector('img');
                       return {natural: image.naturalWidth, shown: image.getBoundingClientRect().width,
                               alt: image.alt, caption: figure.querySelector('figcaption').innerText}; }"""
    )


@pytest.mark.parametrize("edition", EXPECTED)
@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_the_rd_figure_is_legible_and_says_what_it_shows_and_its_sources(visit, edition, screen):
    opened = visit(DESKTOP if screen == "desktop" else PHONE, mobile=screen == "phone")
    page = opened.open(f"{edition}book/ch4_revolutions.html")
    assert page.locator("figure.course-figure").count() == 1
    page.locator("figure.course-figure img").scroll_into_view_if_needed()
    figure = rd_figure(page)
    assert figure["natural"] > 0, "the image did not decode"
    smallest = TEXT_PIXELS * figure["shown"] / figure["natural"]
    assert smallest >= SMALLEST[screen], f"text {smallest:.1f} CSS px on a {screen}"
    trend, latest, first_source, second_source = EXPECTED[edition]
    assert trend in figure["alt"] and latest in figure["alt"]
    assert first_source in figure["caption"] and second_source in figure["caption"]
    assert ".png" not in figure["alt"] and "/" not in figure["alt"].split("(")[0], "alt text is a file name"
    opened.assert_clean(edition + "book/ch4_revolutions.html")


TEACHING = {
    "": {"tally": "Of the article's six figures on China, three are confirmed", "words": True},
    "zh/": {"tally": "原文关于中国的六个数字中，三个已由二手来源证实", "words": False},
}


@pytest.mark.parametrize("edition", TEACHING)
def test_the_chapter_reads_without_the_maths_in_both_editions(visit, edition):
    opened = visit(PHONE, mobile=True)
    page = opened.open(f"{edition}book/ch4_revolutions.html")
    article = page.locator(".bd-article")
    points = article.locator(".key-points li")
    assert 4 <= points.count() <= 6
    policy = article.locator(".policy").inner_text()
    if TEACHING[edition]["words"]:
        assert 150 <= len(policy.split()) - len("What this means for policy work".split()) <= 250
    else:
        assert len([char for char in policy if "\u4e00" <= char <= "\u9fff"]) > 250
    assert TEACHING[edition]["tally"] in " ".join(article.inner_text().replace("\u2019", "'").split())
    # Derivations are folded: closed until the reader taps their title, then the maths shows.
    dropdowns = article.locator("details.sd-dropdown")
    assert dropdowns.count() >= 3
    first = dropdowns.first
    assert not first.evaluate("d => d.open")
    assert not first.locator(".katex").first.is_visible()
    first.locator("summary").tap()
    assert first.evaluate("d => d.open") and first.locator(".katex").first.is_visible()
    # No markup reaches the reader: bold after Chinese punctuation or a citation role left as text.
    text = article.inner_text()
    assert "**" not in text and "{cite}" not in text
    opened.assert_clean(edition + "book/ch4_revolutions.html")


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_chinas_milestones_appear_when_the_timeline_year_reaches_them(visit, edition):
    opened = visit()
    page = opened.open(f"{edition}book/ch4_revolutions.html")
    root = page.locator(".cell_output .jupyter-widgets.widget-vbox").filter(has=page.locator(".course-frames")).first
    root.wait_for()
    handle = root.locator(".widget-hslider .noUi-target:not([disabled]) .noUi-handle").first
    handle.focus()
    handle.press("End")  # the last saved year, 2022
    page.wait_for_timeout(500)
    readout = root.locator(".course-frames .widget-html:visible").first.inner_text()
    expected = "2021: Hualong One" if not edition else "2021年：中国自主设计的华龙一号"
    assert expected in readout, readout
    opened.assert_clean(edition + "book/ch4_revolutions.html")


QUIZ = {
    "": ("how many could this book confirm", "Three", "All six", "Three are confirmed by secondary reports"),
    "zh/": ("本书能够证实几个", "三个", "全部六个", "三个已由二手来源证实"),
}


@pytest.mark.parametrize("edition", QUIZ)
def test_the_tally_quiz_answers_a_tap_on_a_phone(visit, edition):
    question, right, wrong, explanation = QUIZ[edition]
    opened = visit(PHONE, mobile=True)
    page = opened.open(f"{edition}book/ch4_revolutions.html")
    assert 5 <= page.locator(".bd-article .quiz").count() <= 8
    quiz = page.locator(".quiz").filter(has_text=question)
    assert quiz.count() == 1
    assert not quiz.locator(".quiz-explanation").is_visible()
    quiz.locator(".quiz-option", has_text=wrong).tap()
    verdict = quiz.locator(".quiz-verdict")
    page.wait_for_function("v => v.textContent.length > 0", arg=verdict.element_handle())
    wrong_verdict = verdict.inner_text()
    quiz.locator(".quiz-option").filter(has_text=re.compile(f"^{right}$")).tap()
    page.wait_for_function("([v, before]) => v.textContent.length > 0 && v.textContent !== before",
                           arg=[verdict.element_handle(), wrong_verdict])
    assert explanation in quiz.locator(".quiz-explanation").inner_text()
    assert "quiz-answered-right" in quiz.get_attribute("class")
    opened.assert_clean(edition + "book/ch4_revolutions.html")
