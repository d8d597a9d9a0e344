"""The teaching guide (book/teaching_guide.md) plans five 90-minute sessions, covers every discussion question, and prints cleanly.

From the sources: one session per chapter, whose timetable runs from minute 0 to minute 90 with
no gap or overlap, and, for every discussion question of every chapter, the question itself,
notes and a model answer. In Chromium: the guide printed to PDF (as a browser's "Print" makes
it) holds the guide's text in both editions and none of the site's navigation, and each timetable
fits the printed page's width.
"""

import io
import re
import unicodedata

import nbformat
import pytest

from tests.site_browser import ROOT, Reader

playwright_api = pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")
pypdf = pytest.importorskip("pypdf", reason="`make test` installs pypdf")

GUIDE = ROOT / "book" / "teaching_guide.md"
CHAPTERS = sorted((ROOT / "book").glob("ch*.ipynb"))
#: Text from the printed guide in each edition, and words from the navigation that must not print.
PRINTED = {
    "": (["Teaching guide: five 90-minute sessions", "Session 5: Chapter 5", "A model answer."],
         ["Instructor guide: grading", "Glossary", "Search", "Previous", "Next", "Download"]),
    "zh/": (["教学指南：五次90分钟的课", "第5次课：第五章", "参考答案。"],
            ["教师指南：练习评分", "术语表", "搜索", "上一页", "下一页"]),
}


def sessions():
    """{session heading: its Markdown}, in order."""
    parts = re.split(r"(?m)^## (Session \d.*)$", GUIDE.read_text(encoding="utf-8"))
    return dict(zip(parts[1::2], parts[2::2]))


def discussion_questions(chapter):
    """The chapter's discussion questions, each as one line of Markdown."""
    text = "\n\n".join(cell.source for cell in nbformat.read(chapter, as_version=4).cells if cell.cell_type == "markdown")
    section = re.search(r"(?ms)^## Discussion questions\n(.*?)(?=^## |\Z)", text).group(1)
    return [" ".join(item.split()) for item in re.split(r"(?m)^\d+\. ", section)[1:]]


def test_there_is_a_session_per_chapter_and_each_timetable_fills_90_minutes():
    found = sessions()
    assert [re.search(r"Chapter (\d)", heading).group(1) for heading in found] == ["1", "2", "3", "4", "5"]
    for heading, text in found.items():
        spans = [tuple(map(int, row)) for row in re.findall(r"(?m)^\| (\d+)–(\d+) \|", text)]
        assert spans and spans[0][0] == 0 and spans[-1][1] == 90, f"{heading}: {spans}"
        assert all(end == start for (_, end), (start, _) in zip(spans, spans[1:])), f"{heading}: gap or overlap in {spans}"
        assert "**On the projector:" in text and "**The quiz.**" in text, heading


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_every_discussion_question_has_notes_and_a_model_answer(chapter):
    number = int(chapter.stem[2])
    session = next(text for heading, text in sessions().items() if f"Chapter {number}" in heading)
    questions = discussion_questions(chapter)
    assert len(questions) >= 4, chapter.stem
    for index, question in enumerate(questions, 1):
        block = re.search(rf"(?ms)^\*\*{index}\. (.*?)\*\*\n\n\*Notes\.\* (.+?)\n\n\*A model answer\.\* (.+?)$", session)
        assert block, f"{chapter.stem}: no notes and model answer for question {index}"
        assert " ".join(block.group(1).split()) == question, f"{chapter.stem}, question {index} differs from the chapter's"
        assert len(block.group(3).split()) >= 40, f"{chapter.stem}, question {index}: the model answer is too short"


@pytest.mark.parametrize("edition", list(PRINTED))
def test_the_printed_guide_holds_its_text_and_no_navigation(browser, site, edition):
    wanted, navigation = PRINTED[edition]
    reader = Reader(browser, site)
    try:
        page = reader.open(f"{edition}book/teaching_guide.html")
        page.emulate_media(media="print")
        hidden = page.evaluate(
            """() => ['.bd-header', '.bd-sidebar-primary', '.bd-sidebar-secondary', '.article-header-buttons', '.prev-next-area']
                     .map(s => [...document.querySelectorAll(s)].every(e => !e.offsetParent && getComputedStyle(e).display === 'none'
                                                                       || e.getBoundingClientRect().height === 0))"""
        )
        tables = page.evaluate(
            "() => [...document.querySelectorAll('.bd-article table')].map(t => [t.scrollWidth, t.closest('.bd-article').clientWidth])"
        )
        pdf = page.pdf(format="A4")
    finally:
        reader.close()
    assert all(hidden), f"navigation shows in print: {hidden}"
    assert len(tables) == 5 and all(width <= room for width, room in tables), f"a timetable is wider than the page: {tables}"
    text = unicodedata.normalize("NFKC", "\n".join(sheet.extract_text() for sheet in pypdf.PdfReader(io.BytesIO(pdf)).pages))
    flat = "".join(text.split())
    for phrase in wanted:
        assert "".join(unicodedata.normalize("NFKC", phrase).split()) in flat, f"the printed guide lacks {phrase!r}"
    for word in navigation:
        assert word not in text, f"the printed guide shows the site's navigation ({word!r})"
