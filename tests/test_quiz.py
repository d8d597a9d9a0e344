"""Quizzes answer on the page, in Chromium, with no kernel and no other host (site/course_site/quiz.py).

On a chapter page of each edition, at desktop width and on a phone (390 × 844, tapped), a reader
who chooses a wrong option reads "Not quite." (不太对。) and the explanation, and may choose again;
the right option then reads "Right." (答对了。). Options are buttons that report which one is
pressed, and they work from the keyboard. Every quiz on the page answers. In JupyterLab (the live
copies of both editions), each quiz shows its question and options with the answer folded away.
"""

import re

import nbformat
import pytest

from tests.site_browser import BUILD, DESKTOP, PHONE, ROOT, Reader

playwright_api = pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")

#: A chapter page whose quizzes a class meets (chapter 3 is where the course's argument turns).
CHAPTER = "book/ch3_tfp.html"
#: The verdicts each edition shows: (right, wrong).
VERDICTS = {"": ("Right.", "Not quite."), "zh/": ("答对了。", "不太对。")}
CASES = [(edition, width) for edition in VERDICTS for width in ("desktop", "phone")]


def pressed(quiz):
    return [option.get_attribute("aria-pressed") for option in quiz.locator(".quiz-option").all()]


def choose(option, width):
    """As a reader would: a tap on a phone, a click at a desk."""
    option.scroll_into_view_if_needed()
    option.tap() if width == "phone" else option.click()


@pytest.mark.parametrize("edition, width", CASES)
def test_a_wrong_choice_says_not_quite_and_explains_and_the_right_one_says_right(browser, site, edition, width):
    right_label, wrong_label = VERDICTS[edition]
    reader = Reader(browser, site, PHONE, phone=True) if width == "phone" else Reader(browser, site, DESKTOP)
    try:
        page = reader.open(edition + CHAPTER)
        quiz = page.locator(".quiz").first
        options = quiz.locator(".quiz-option")
        answer = int(quiz.get_attribute("data-answer"))
        wrong_number = 1 if answer != 1 else 2
        wrong = options.nth(wrong_number - 1)
        verdict, explanation = quiz.locator(".quiz-verdict"), quiz.locator(".quiz-explanation")
        assert explanation.is_hidden() and verdict.inner_text() == ""
        unchosen_look = wrong.evaluate("b => getComputedStyle(b).backgroundColor")

        choose(wrong, width)
        page.wait_for_function("v => v.textContent.length > 0", arg=verdict.element_handle())
        assert verdict.inner_text() == wrong_label
        assert explanation.is_visible() and len(explanation.inner_text().strip()) > 20
        assert pressed(quiz) == ["true" if i == wrong_number - 1 else "false" for i in range(options.count())]
        assert wrong.evaluate("b => getComputedStyle(b).backgroundColor") != unchosen_look, "a wrong choice looks chosen"

        choose(options.nth(answer - 1), width)
        page.wait_for_function("([v, label]) => v.textContent === label", arg=[verdict.element_handle(), right_label])
        assert pressed(quiz) == ["true" if i == answer - 1 else "false" for i in range(options.count())]
        box = quiz.bounding_box()
        viewport = PHONE if width == "phone" else DESKTOP
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], "the quiz fits the screen"
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], "no sideways scrolling"
    finally:
        reader.close()
    assert not reader.errors and not reader.blocked, (reader.errors, reader.blocked)


@pytest.mark.parametrize("edition", list(VERDICTS))
def test_every_quiz_on_the_page_answers_from_the_keyboard(browser, site, edition):
    right_label, wrong_label = VERDICTS[edition]
    reader = Reader(browser, site)
    try:
        page = reader.open(edition + CHAPTER)
        quizzes = page.locator(".quiz").all()
        assert quizzes, f"{edition + CHAPTER} has no quiz"
        for quiz in quizzes:
            options = quiz.locator(".quiz-option").all()
            answer = int(quiz.get_attribute("data-answer"))
            verdict = quiz.locator(".quiz-verdict")
            for number, option in enumerate(options, 1):
                option.focus()
                page.keyboard.press("Enter" if number % 2 else "Space")
                label = right_label if number == answer else wrong_label
                page.wait_for_function("([v, label]) => v.textContent === label", arg=[verdict.element_handle(), label])
                assert option.get_attribute("aria-pressed") == "true"
            assert quiz.locator(".quiz-explanation").is_visible()
    finally:
        reader.close()
    assert not reader.errors, reader.errors


LIVE_CHAPTERS = [
    BUILD / edition / "lite" / "files" / "book" / path.name
    for edition in ("", "zh") for path in sorted((ROOT / "book").glob("*.ipynb"))
]
RAW_DIRECTIVE = re.compile(r"^\s*(>\s*)?(```+|:::+)\s*\{(quiz|admonition|dropdown)\}|^\s*(>\s*)?:(class|answer|open):", re.M)


@pytest.mark.parametrize("path", LIVE_CHAPTERS, ids=lambda path: str(path.relative_to(BUILD)))
def test_live_copies_show_each_quiz_with_its_answer_folded_and_no_raw_directive(path):
    copy = nbformat.read(path, as_version=4)
    source = nbformat.read(ROOT / "book" / path.name, as_version=4)
    markdown = "\n".join(cell.source for cell in copy.cells if cell.cell_type == "markdown")
    raw = [match.group(0) for match in RAW_DIRECTIVE.finditer(markdown)]
    assert not raw, f"{path.name} shows raw MyST in JupyterLab: {raw}"
    quizzes = sum(cell.source.count("```{quiz}") for cell in source.cells if cell.cell_type == "markdown")
    label = "答案" if path.is_relative_to(BUILD / "zh") else "Answer"
    assert markdown.count(f"<details>\n<summary>{label}</summary>") == quizzes
