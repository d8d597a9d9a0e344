"""Chapter 5 on a 390 px phone, in Chromium, in both editions: neither the page nor the chip
case's table scrolls sideways, a folded derivation opens when tapped, and the quiz on chip imports answers a tap with a verdict in
the edition's language and its explanation."""

import pytest

from tests.site_browser import PHONE, Reader

playwright_api = pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")

VERDICTS = {"": ("Not quite.", "Right."), "zh/": ("不太对。", "答对了。")}
EXPLANATION = {"": "stockpiling before new controls", "zh/": "囤货"}


@pytest.fixture
def phone(browser, site):
    reader = Reader(browser, site, PHONE, phone=True)
    yield reader
    assert not reader.errors and not reader.blocked
    reader.close()


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_chapter_5_fits_a_phone_and_its_derivations_open_on_a_tap(phone, edition):
    page = phone.open(f"{edition}book/ch5_practice.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    table = page.locator("#what-the-figures-say .pst-scrollable-table-container")
    assert table.evaluate("box => box.scrollWidth <= box.clientWidth"), "the import table scrolls sideways"
    dropdown = page.locator("details.sd-dropdown").first
    dropdown.scroll_into_view_if_needed()
    assert not dropdown.locator(".katex").first.is_visible()
    dropdown.locator("summary").tap()
    page.wait_for_function("() => document.querySelector('details.sd-dropdown').open")
    assert dropdown.locator(".katex").first.is_visible()


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_the_chip_imports_question_answers_a_tap(phone, edition):
    page = phone.open(f"{edition}book/ch5_practice.html")
    quiz = page.locator(".quiz").filter(has_text="15.4%")
    options = quiz.locator(".quiz-option")
    verdict, explanation = quiz.locator(".quiz-verdict"), quiz.locator(".quiz-explanation")
    quiz.scroll_into_view_if_needed()
    assert explanation.is_hidden()
    options.nth(0).tap()
    page.wait_for_function("q => q.querySelector('.quiz-verdict').textContent !== ''", arg=quiz.element_handle())
    assert verdict.inner_text() == VERDICTS[edition][0] and options.nth(0).get_attribute("aria-pressed") == "true"
    assert explanation.is_visible() and EXPLANATION[edition] in explanation.inner_text()
    options.nth(1).tap()
    page.wait_for_function(
        "([q, text]) => q.querySelector('.quiz-verdict').textContent === text", arg=[quiz.element_handle(), VERDICTS[edition][1]]
    )
    assert options.nth(0).get_attribute("aria-pressed") == "false"
