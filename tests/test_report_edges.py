"""What the grader's report says, rendered from a class's results without running a notebook.

The report is written from results.json alone, so a hand-made set of results stands in for a
graded class here: one student right everywhere with a written answer to mark, one who wrote in
Chinese and got things wrong, one whose folder name and answer hold markup and who handed in one
exercise only, one who handed in nothing. Each test reads a file as its reader would (the
gradebook a spreadsheet opens, the text a student or instructor sees on a page) and checks what
it says: points, markers, verdicts, notes, marks and comments the instructor set, late
penalties, warnings, in the reader's language, with every student-written string shown as text.
The pages' markup is left to the templates (issue 11 may change it); only their words are read.
"""

import copy
import csv
import html.parser
import io
import json
import time

import nbformat
import pytest

from productive_forces.grade import gradebook, marking, output, pages, report, roster, written
from productive_forces.grade.capture import headline
from productive_forces.exercises.questions import QUESTIONS
from productive_forces.grade.marking import Mark, ManualScoresError, read_manual, read_marks
from productive_forces.grade.course import load_exercise
from productive_forces.i18n import speaking
from tests.notebooks import ROOT

EVE = 'eve<b>&"'  # a folder name with markup in it
EXERCISES = {
    "ch3_tfp": {
        "max_points": 6,
        "title": {"en": "Exercise 3: growth accounting", "zh_CN": "练习3：增长核算"},
        "questions": [
            {"id": "Q3.1", "kind": "check", "points": 3, "title": {"en": "Korea's residual", "zh_CN": "韩国的余值"}, "expression": "residual"},
            {"id": "Q3.4-hidden", "kind": "hidden", "points": 1, "title": {"en": "Doubling time", "zh_CN": "翻倍时间"}},
            {
                "id": "Q3.5", "kind": "written", "points": 2, "title": {"en": "What the residual tells", "zh_CN": "余值说明了什么"},
                "guide": {"en": "Full marks name **alpha**.", "zh_CN": "满分答案须提到**alpha**。"},
            },
        ],
    },
    "ch5_practice": {
        "max_points": 2,
        "title": {"en": "Exercise 5: chains"},
        "questions": [{"id": "Q5.1", "kind": "check", "points": 2, "title": {"en": "Chain output"}}],
    },
}  # fmt: skip


def question(qid, kind, status, points, max_points, detail="", language="en"):
    with speaking(language):
        message = headline(qid, status, points, max_points, detail)
    return {
        "question": qid, "kind": kind, "status": status, "points": points, "max_points": max_points, "detail": detail,
        "message": message,
    }  # fmt: skip


def result(student, exercise, state, questions, language="en", **extra):
    return {
        "student": student, "exercise": exercise, "file": f"{student}/{exercise}.ipynb", "sha256": "0" * 64, "state": state,
        "seconds": 1.0, "questions": questions, "written": [], "flags": [], "notes": [], "language": language, **extra,
    }  # fmt: skip


def class_state():
    results = [
        result("ada", "ch3_tfp", "graded", [
            question("Q3.1", "check", "correct", 3, 3),
            question("Q3.4-hidden", "hidden", "correct", 1, 1),
            question("Q3.5", "written", "manual", 0, 2, "Awaiting the instructor."),
        ], written=[{"question": "Q3.5", "max_points": 2, "text": "The residual *is* what inputs leave unexplained; it moves with alpha."}],
            answers={"Q3.1": {"shown": "0.0191"}, "Q3.4-hidden": {"shown": "hidden value"}}),
        result("ada", "ch5_practice", "graded", [question("Q5.1", "check", "correct", 2, 2)],
               answers={"Q5.1": {"shown": "function", "calls": [{"call": "chain((0.5, 0.5))", "returned": "0.25"}]}}),
        result("bo", "ch3_tfp", "graded", [
            question("Q3.1", "check", "wrong", 0, 3, "提示：把余值除以增长率。", "zh_CN"),
            question("Q3.4-hidden", "hidden", "error", 0, 1, "你的函数引发了ZeroDivisionError。", "zh_CN"),
            question("Q3.5", "written", "manual", 0, 2, "等待教师批阅。", "zh_CN"),
        ], language="zh_CN", written=[{"question": "Q3.5", "max_points": 2, "text": "余值是投入解释不了的部分。"}],
            flags=[{"kind": "suspicious-code", "cell": "q3-1-answer", "detail": "open (line 2: reads a file)"}],
            answers={"Q3.1": {"shown": "0.5"}}),
        result(EVE, "ch3_tfp", "graded", [
            question("Q3.1", "check", "timeout", 0, 3, "Calling it took longer than 5 s and was stopped."),
            question("Q3.4-hidden", "hidden", "missing", 0, 1, "Replace ... with your answer and run the cell again."),
            question("Q3.5", "written", "missing", 0, 2, "No answer."),
        ], notes=["1 code cell(s) you added <script>alert(1)</script> were not run."],
            answers={"Q3.1": {"shown": "<img src=x onerror=alert(1)>"}, "Q3.5": {"shown": "not shown: missing"}}),
        result(EVE, "ch5_practice", "not-submitted", [
            question("Q5.1", "check", "missing", 0, 2, "No notebook was handed in for this exercise."),
        ]),
    ]  # fmt: skip
    return {
        "format": report.FORMAT, "generated": "2026-03-01 10:00:00", "submissions": "/class",
        "exercises": copy.deepcopy(EXERCISES), "students": ["ada", "bo", EVE, "zoe"], "results": results,
        "unmatched": [{"student": "bo", "file": "notes.txt", "reason": "not an exercise notebook"}],
        "warnings": ["a warning from the run"], "language": "en", "roster": None, "sandbox": True,
    }  # fmt: skip


class Reader(html.parser.HTMLParser):
    """A page as its reader takes it in: blocks of text, and tables as rows of cell texts."""

    BLOCKS = {"p", "h1", "h2", "h3", "li", "div", "figcaption", "pre", "title", "br"}

    def __init__(self):
        super().__init__()
        self.blocks, self.rows, self.tags, self.images, self._text, self._row, self._hidden = [], [], [], [], [], None, 0

    def handle_starttag(self, tag, attributes):
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attributes).get("src", ""))
        if tag == "html":
            self.language = dict(attributes).get("lang")
        if self._row is not None and tag in self.BLOCKS:
            self._text.append(" ")  # a line break inside a cell reads as a space
        if tag in ("style", "script"):
            self._hidden += 1
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._flush()
        elif tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._hidden -= 1
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(self._take())
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self._hidden:
            self._text.append(data)

    def _take(self):
        text, self._text = " ".join("".join(self._text).split()), []
        return text

    def _flush(self):
        if self._row is None:
            text = self._take()
            if text:
                self.blocks.append(text)

    def close(self):
        super().close()
        self._flush()


def read_page(path):
    reader = Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader


def read_csv(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


WITH_PLOTS = {
    "test_the_overview_draws_the_class_and_names_the_commonest_wrong_answers",
    "test_the_class_picture_reads_in_the_instructors_language",
    "test_the_chinese_overview_uses_chinese_punctuation",
}


@pytest.fixture(autouse=True)
def no_plots(monkeypatch, request):
    """The class picture's plots take half a second a report; they are the plots' own tests' business."""
    if request.function.__name__ not in WITH_PLOTS:
        monkeypatch.setattr(report.plots, "class_picture", lambda state: ([], []))


@pytest.fixture
def rendered(tmp_path):
    """The report of the class, rendered anew for each test (so that every test sees every function run)."""
    state = class_state()
    warnings = report.render(tmp_path, state, {})
    return tmp_path, state, warnings


def test_the_gradebook_has_points_possible_markers_and_totals(rendered):
    folder, _state, warnings = rendered
    assert warnings == []
    assert read_csv(folder / "gradebook.csv") == [
        ["student", "ch3_tfp", "ch5_practice", "total", "awaiting_hand_marks", "late"],
        ["Points possible", "6", "2", "8", "", ""],
        ["ada", "4", "2", "6", "ch3_tfp (1)", ""],
        ["bo", "0", "NS", "0", "ch3_tfp (1)", ""],
        [EVE, "0", "NS", "0", "", ""],
        ["zoe", "NS", "NS", "0", "", ""],
    ]


def test_the_per_question_export_marks_what_awaits_marking_and_what_was_not_handed_in(rendered):
    folder, _state, _warnings = rendered
    assert read_csv(folder / "gradebook_questions.csv") == [
        ["student", "ch3_tfp Q3.1", "ch3_tfp Q3.4-hidden", "ch3_tfp Q3.5", "ch5_practice Q5.1", "total"],
        ["Points possible", "3", "1", "2", "2", "8"],
        ["ada", "3", "1", "AW", "2", "6"],
        ["bo", "0", "0", "AW", "NS", "0"],
        [EVE, "0", "0", "0", "NS", "0"],
        ["zoe", "NS", "NS", "NS", "NS", "0"],
    ]


def test_grades_hold_every_line_a_student_saw(rendered):
    folder, _state, _warnings = rendered
    rows = read_csv(folder / "grades.csv")
    assert rows[0] == ["student", "exercise", "question", "kind", "status", "points", "max_points", "message", "grader_points", "comment"]
    assert rows[1] == ["ada", "ch3_tfp", "Q3.1", "check", "correct", "3", "3", "Q3.1 correct — 3/3 points", "3", ""]
    assert ["bo", "ch3_tfp", "Q3.1", "check", "wrong", "0", "3", "Q3.1 尚不正确——得分0/3。提示：把余值除以增长率。", "0", ""] in rows
    assert [
        EVE, "ch3_tfp", "Q3.1", "check", "timeout", "0", "3",
        "Q3.1 ran too long — 0/3 points. Calling it took longer than 5 s and was stopped.", "0", "",
    ] in rows  # fmt: skip
    assert len(rows) == 1 + 11


def test_flags_list_every_finding_the_files_not_graded_and_the_runs_warnings(rendered):
    folder, _state, _warnings = rendered
    assert read_csv(folder / "flags.csv") == [
        ["student", "exercise", "kind", "cell", "detail"],
        ["bo", "ch3_tfp", "suspicious-code", "q3-1-answer", "open (line 2: reads a file)"],
        ["bo", "", "unmatched-file", "notes.txt", "not an exercise notebook"],
        ["", "", "warning", "", "a warning from the run"],
    ]


def test_the_marking_sheet_offers_a_row_for_each_written_answer_awaiting_marks(rendered):
    folder, _state, _warnings = rendered
    assert read_csv(folder / "manual_scores.csv") == [
        ["student", "exercise", "question", "max_points", "grader_points", "points", "comment"],
        ["ada", "ch3_tfp", "Q3.5", "2", "", "", ""],
        ["bo", "ch3_tfp", "Q3.5", "2", "", "", ""],
    ]


def test_a_students_feedback_says_their_score_and_each_verdict_with_answer_and_title(rendered):
    folder, _state, _warnings = rendered
    page = read_page(folder / "feedback" / "ada" / "ch3_tfp.html")
    assert page.blocks[:4] == [
        "Feedback: ch3_tfp — ada", "Feedback: ch3_tfp", "Exercise 3: growth accounting",
        "Student: ada. Score: 4 / 6 points. Written answers awaiting the instructor: 1.",
    ]  # fmt: skip
    assert page.rows == [
        ["Question", "Your answer", "Result", "Points", "Comment"],
        ["Q3.1 Korea's residual", "0.0191", "Correct", "3 / 3", ""],
        ["Q3.4-hidden (an extra check run only at grading) Doubling time", "hidden value", "Correct", "1 / 1", ""],
        ["Q3.5 (written answer) What the residual tells", "–", "Awaiting the instructor", "– / 2", ""],
    ]
    assert (
        "Each answer was checked by the course's grader from a fresh copy of the exercise, with your answer cells and the "
        "cells you added put in; edits to the check cells have no effect." in page.blocks
    )
    assert "All your exercises" in page.blocks[-1]


def test_a_function_answer_shows_what_it_returned_on_each_case(rendered):
    folder, _state, _warnings = rendered
    page = read_page(folder / "feedback" / "ada" / "ch5_practice.html")
    assert page.rows[1] == ["Q5.1 Chain output", "chain((0.5, 0.5)) → 0.25", "Correct", "2 / 2", ""]
    assert "Student: ada. Score: 2 / 2 points." in page.blocks


def test_a_chinese_notebooks_feedback_is_written_in_chinese(rendered):
    folder, _state, _warnings = rendered
    page = read_page(folder / "feedback" / "bo" / "ch3_tfp.html")
    assert "学生：bo。得分：0 / 6分。 等待教师批阅的书面回答：1题。" in page.blocks
    assert page.rows[1:] == [
        ["Q3.1 韩国的余值", "0.5", "尚不正确", "0 / 3", "提示：把余值除以增长率。"],
        ["Q3.4-hidden （只在评分时运行的附加检查） 翻倍时间", "–", "运行出错", "0 / 1", "你的函数引发了ZeroDivisionError。"],
        ["Q3.5 （书面回答） 余值说明了什么", "–", "等待教师批阅", "– / 2", ""],
    ]
    assert page.rows[0] == ["题目", "你的答案", "结果", "得分", "说明"]


def test_student_text_is_shown_as_text_on_every_page(rendered):
    folder, _state, _warnings = rendered
    page = read_page(folder / "feedback" / EVE / "ch3_tfp.html")
    assert f"Student: {EVE}. Score: 0 / 6 points." in page.blocks
    assert "1 code cell(s) you added <script>alert(1)</script> were not run." in page.blocks
    assert page.rows[1] == ["Q3.1 Korea's residual", "<img src=x onerror=alert(1)>", "Ran too long", "0 / 3",
                            "Calling it took longer than 5 s and was stopped."]  # fmt: skip
    assert page.rows[3][1] == "–"  # a missing answer shows no answer, whatever the record held
    for path in folder.rglob("*.html"):
        page = read_page(path)
        assert not {"script", "b"} & set(page.tags), path
        assert all(source.startswith("class/") for source in page.images), path  # only the class's own plots


def test_a_notebook_not_handed_in_says_so(rendered):
    folder, _state, _warnings = rendered
    page = read_page(folder / "feedback" / EVE / "ch5_practice.html")
    assert page.blocks.count("No notebook was handed in for this exercise.") == 1
    assert page.rows[1] == ["Q5.1 Chain output", "–", "Not answered", "0 / 2", "No notebook was handed in for this exercise."]


def test_each_students_summary_lists_every_exercise_in_their_language(rendered):
    folder, _state, _warnings = rendered
    ada = read_page(folder / "summary" / "ada.html")
    assert ada.blocks[:3] == ["Summary of your exercises — ada", "Summary of your exercises", "Student: ada."]
    assert ada.rows == [
        ["Exercise", "Points", "Handed in", "Notes"],
        ["ch3_tfp Exercise 3: growth accounting", "4 / 6", "–", "Written answers awaiting the instructor: 1."],
        ["ch5_practice Exercise 5: chains", "2 / 2", "–", ""],
        ["Total", "6 / 8", "", ""],
    ]
    bo = read_page(folder / "summary" / "bo.html")
    assert bo.rows[1:] == [
        ["ch3_tfp 练习3：增长核算", "0 / 6", "–", "等待教师批阅的书面回答：1题。"],
        ["ch5_practice Exercise 5: chains", "– / 2", "–", "未提交。"],
        ["合计", "0 / 8", "", ""],
    ]
    zoe = read_page(folder / "summary" / "zoe.html")
    assert zoe.rows[1][1:] == ["– / 6", "–", "Not handed in."]


def test_the_overview_gives_the_class_its_gradebook_and_what_to_look_at(rendered):
    folder, _state, _warnings = rendered
    page = read_page(folder / "index.html")
    assert "Graded 2026-03-01 10:00:00: 4 students, 2 exercise(s)." in page.blocks
    assert (
        "Question statuses: Correct 3, Raised an error 1, Awaiting the instructor 2, Not answered 3, Ran too long 1, "
        "Not yet right 1." in page.blocks
    )
    assert "No roster was given: the LMS files in lms/ name students by their folder names only (see lms/README.txt)." in page.blocks
    assert "gradebook.csv: points per exercise with a Points possible row, total, awaiting hand marks and lateness" in page.blocks
    gradebook_rows = page.rows[page.rows.index(["Student", "ch3_tfp (/6)", "ch5_practice (/2)", "Total"]) + 1 :][:4]
    assert gradebook_rows == [["ada", "4 AW", "2", "6"], ["bo", "0 AW", "NS", "0"], [EVE, "0", "NS", "0"], ["zoe", "NS", "NS", "0"]]
    assert "Points you set (0)" in page.blocks and "None: every question has the grader's points." in page.blocks
    assert "For the instructor to look at (3)" in page.blocks
    assert ["bo", "ch3_tfp", "suspicious-code", "q3-1-answer", "open (line 2: reads a file)"] in page.rows
    assert ["", "", "warning", "", "a warning from the run"] in page.rows


def test_the_overview_links_each_score_to_its_feedback_and_each_name_to_its_summary(rendered):
    folder, _state, _warnings = rendered
    text = (folder / "index.html").read_text(encoding="utf-8")
    assert 'href="feedback/ada/ch3_tfp.html"' in text and 'href="summary/ada.html"' in text
    assert 'href="feedback/eve%3Cb%3E%26%22/ch3_tfp.html"' in text  # the folder's name, quoted for a link
    assert 'href="feedback/zoe/' not in text  # nothing handed in: nothing to link to
    assert (folder / "feedback" / EVE / "ch3_tfp.html").is_file()


def test_the_marking_view_shows_each_written_answer_with_its_guide_and_word_count(rendered):
    folder, _state, _warnings = rendered
    page = read_page(folder / "written_answers.html")
    blocks = page.blocks
    start = blocks.index("ch3_tfp — Q3.5 (2 points)")
    assert blocks[start + 1 :] == [
        "What the residual tells", "Marking guide:", "Full marks name alpha.",
        "ada", "11 words", "The residual is what inputs leave unexplained; it moves with alpha.",
        "bo", "12 words", "余值是投入解释不了的部分。",
    ]  # fmt: skip
    assert f".venv/bin/python -m productive_forces.grade --out {folder}" in " ".join(blocks)
    assert f"make grade-merge OUT={folder}" in " ".join(blocks)
    assert "This page shows the marking guides: keep it to yourself. Only the pages in feedback/ and summary/ are for students." in blocks


def test_marking_guides_never_reach_a_students_page(rendered):
    folder, _state, _warnings = rendered
    for path in [*(folder / "feedback").rglob("*.html"), *(folder / "summary").rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        assert "Full marks" not in text and "满分" not in text and "Marking guide" not in text, path


def test_the_results_are_saved_for_the_next_run(rendered):
    folder, state, _warnings = rendered
    saved = report.load_state(folder)
    assert saved == json.loads(json.dumps(state))
    assert (folder / "results.json").read_text(encoding="utf-8").endswith("}\n")
    assert "练习3：增长核算" in (folder / "results.json").read_text(encoding="utf-8")  # written as text, not \u escapes


def test_results_from_another_grader_or_unreadable_are_refused(tmp_path):
    assert report.load_state(tmp_path) is None
    (tmp_path / "results.json").write_text('{"format": 99}', encoding="utf-8")
    with pytest.raises(marking.ManualScoresError, match="was not written by this version of the grader"):
        report.load_state(tmp_path)
    (tmp_path / "results.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(marking.ManualScoresError, match="cannot read the previous results in .*results.json"):
        report.load_state(tmp_path)


# -- the instructor's marks -------------------------------------------------------------------------


MARKS = {
    ("ada", "ch3_tfp", "Q3.5"): Mark(1.5, "Names alpha; say why.", 2),
    ("bo", "ch3_tfp", "Q3.1"): Mark(2.0, "Right method, a slip in units.", 3),
    ("bo", "ch3_tfp", "Q3.5"): Mark(None, "", 4),
    ("zoe", "ch3_tfp", "Q3.1"): Mark(1.0, "", 5),
    ("ada", "ch5_practice", "Q5.1"): Mark(3.0, "", 6),
    ("ada", "ch3_tfp", "Q3.1"): Mark("lots", "", 7),
}


@pytest.fixture
def marked(tmp_path):
    state = class_state()
    warnings = report.render(tmp_path / "marked", state, MARKS)
    return tmp_path / "marked", state, warnings


def test_marks_that_cannot_apply_are_warnings_naming_the_line(marked):
    _folder, _state, warnings = marked
    assert warnings == [
        "manual score for ada/ch5_practice/Q5.1 (line 6) ignored: 3 is outside 0 to 2",
        "manual score for zoe/ch3_tfp/Q3.1 (line 5) ignored: there is no such question",
    ]


def test_marks_and_overrides_reach_the_gradebook(marked):
    folder, _state, _warnings = marked
    rows = read_csv(folder / "gradebook.csv")
    assert rows[2] == ["ada", "5.5", "2", "7.5", "", ""]
    assert rows[3] == ["bo", "2", "NS", "2", "ch3_tfp (1)", ""]
    assert read_csv(folder / "gradebook_questions.csv")[2] == ["ada", "3", "1", "1.5", "2", "7.5"]


def test_grades_keep_the_graders_own_points_beside_the_instructors(marked):
    folder, _state, _warnings = marked
    rows = {tuple(row[:3]): row[3:] for row in read_csv(folder / "grades.csv")[1:]}
    assert rows[("bo", "ch3_tfp", "Q3.1")] == [
        "check", "wrong", "2", "3", "Q3.1 尚不正确——得分0/3。提示：把余值除以增长率。", "0", "Right method, a slip in units.",
    ]  # fmt: skip
    assert rows[("ada", "ch3_tfp", "Q3.5")] == [
        "written", "manual", "1.5", "2",
        "Q3.5 marked by the instructor — 1.5/2 points. Marked by the instructor. Names alpha; say why.", "0",
        "Names alpha; say why.",
    ]  # fmt: skip


def test_the_marking_sheet_keeps_what_the_instructor_typed_and_adds_the_graders_points(marked):
    folder, _state, _warnings = marked
    assert read_csv(folder / "manual_scores.csv") == [
        ["student", "exercise", "question", "max_points", "grader_points", "points", "comment"],
        ["ada", "ch3_tfp", "Q3.1", "3", "3", "lots", ""],
        ["ada", "ch3_tfp", "Q3.5", "2", "", "1.5", "Names alpha; say why."],
        ["ada", "ch5_practice", "Q5.1", "2", "2", "3", ""],
        ["bo", "ch3_tfp", "Q3.1", "3", "0", "2", "Right method, a slip in units."],
        ["bo", "ch3_tfp", "Q3.5", "2", "", "", ""],
        ["zoe", "ch3_tfp", "Q3.1", "", "", "1", ""],
    ]


def test_a_marked_written_answer_and_an_override_read_on_the_students_page(marked):
    folder, _state, _warnings = marked
    ada = read_page(folder / "feedback" / "ada" / "ch3_tfp.html")
    assert "Student: ada. Score: 5.5 / 6 points." in ada.blocks
    assert ada.rows[3] == [
        "Q3.5 (written answer) What the residual tells", "–", "Marked by the instructor", "1.5 / 2",
        "Instructor: Names alpha; say why.",
    ]  # fmt: skip
    bo = read_page(folder / "feedback" / "bo" / "ch3_tfp.html")
    assert bo.rows[1][:4] == ["Q3.1 韩国的余值", "0.5", "尚不正确", "2 / 3 由教师设定；评分程序给的是0分"]
    assert bo.rows[1][4].startswith("提示：把余值除以增长率。 教师") and bo.rows[1][4].endswith("Right method, a slip in units.")


def test_the_instructors_comment_is_introduced_with_chinese_punctuation_on_a_chinese_page(marked):
    folder, _state, _warnings = marked
    bo = read_page(folder / "feedback" / "bo" / "ch3_tfp.html")
    assert bo.rows[1][4] == "提示：把余值除以增长率。 教师：Right method, a slip in units."


def test_the_overview_lists_the_points_the_instructor_set(marked):
    folder, _state, _warnings = marked
    page = read_page(folder / "index.html")
    assert "Points you set (1)" in page.blocks
    assert ["bo", "ch3_tfp", "Q3.1", "0 / 3", "2 / 3", "Right method, a slip in units."] in page.rows


def test_the_marking_view_shows_the_mark_given(marked):
    folder, _state, _warnings = marked
    blocks = read_page(folder / "written_answers.html").blocks
    assert blocks[blocks.index("ada") + 1] == "11 words · marked 1.5 / 2"


def test_taking_a_mark_back_restores_the_graders_points(marked, tmp_path):
    _folder, state, _warnings = marked
    again = json.loads(json.dumps(state))
    report.render(tmp_path, again, {})
    rows = read_csv(tmp_path / "gradebook.csv")
    assert rows[2] == ["ada", "4", "2", "6", "ch3_tfp (1)", ""]
    assert rows[3] == ["bo", "0", "NS", "0", "ch3_tfp (1)", ""]
    assert read_page(tmp_path / "feedback" / "ada" / "ch3_tfp.html").rows[3][2:4] == ["Awaiting the instructor", "– / 2"]


# -- late work, the instructor's language, and the files' small rules --------------------------------


def test_late_work_loses_the_policys_share_and_every_page_says_so(tmp_path):
    state = class_state()
    state["late_policy"] = {"deadlines": {"": "2026-02-01T12:00:00+00:00"}, "penalty": 10, "cap": 100}
    state["results"][0]["submitted"] = "2026-02-03T12:30:00+00:00"  # ada's ch3: 3 started days late
    state["results"][1]["submitted"] = "2026-02-01T11:00:00+00:00"  # on time
    report.render(tmp_path, state, {("ada", "ch3_tfp", "Q3.5"): Mark(2.0, "", 2)})
    assert read_csv(tmp_path / "gradebook.csv")[2] == ["ada", "4.2", "2", "6.2", "", "ch3_tfp: 3 d, -30%"]
    sentence = (
        "Handed in 2026-02-03 12:30 +00:00, 3 day(s) after the deadline: 30% of your points were taken off (6 → 4.2)."
    )
    feedback = read_page(tmp_path / "feedback" / "ada" / "ch3_tfp.html")
    assert sentence in feedback.blocks and "Student: ada. Score: 4.2 / 6 points." in feedback.blocks
    summary = read_page(tmp_path / "summary" / "ada.html")
    assert summary.rows[1] == ["ch3_tfp Exercise 3: growth accounting", "4.2 / 6", "2026-02-03 12:30 +00:00", sentence]
    assert summary.rows[2][2] == "2026-02-01 11:00 +00:00"
    assert ["ada", "4.2 late 3 d", "2", "6.2"] in read_page(tmp_path / "index.html").rows


def test_late_work_without_a_penalty_is_only_flagged():
    standing = gradebook.Standing(6, "graded", 4, late={"days": 2, "percent": 0, "earned": 4, "after": 4}, submitted="2026-02-03T12:30:00+00:00")
    assert pages.late_sentence(standing) == "Handed in 2026-02-03 12:30 +00:00, 2 day(s) after the deadline."
    assert pages.late_sentence(gradebook.Standing(6)) == ""


def test_the_instructors_pages_follow_the_instructors_language(tmp_path):
    state = class_state()
    state["language"] = "zh_CN"
    state["sandbox"] = False
    report.render(tmp_path, state, {})
    index = read_page(tmp_path / "index.html")
    assert index.blocks[0] == "评分报告"
    (sandbox_warning,) = [block for block in index.blocks if "--no-sandbox" in block]
    assert not sandbox_warning.isascii()
    assert read_page(tmp_path / "feedback" / "ada" / "ch3_tfp.html").blocks[1] == "Feedback: ch3_tfp"  # students keep theirs
    written_page = read_page(tmp_path / "written_answers.html")
    assert "满分答案须提到alpha。" in written_page.blocks and "12字" in written_page.blocks


def test_a_sheet_warning_is_shown_at_the_top_of_the_overview(tmp_path):
    report.render(tmp_path, class_state(), {}, sheet_warnings=["manual_scores.csv, line 3: points must be a number"])
    assert "manual_scores.csv, line 3: points must be a number" in read_page(tmp_path / "index.html").blocks


@pytest.mark.parametrize("value, shown", [(3.0, 3), (2.5, 2.5), ("4", 4), (1.234, 1.23), (0.1 + 0.2, 0.3), (-0.0, 0)])
def test_points_are_numbers_a_spreadsheet_shows_plainly(value, shown):
    assert output.number(value) == shown and type(output.number(value)) is type(shown)


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1", "-1", "@cmd", "\tx"])
def test_a_value_that_starts_like_a_formula_is_kept_as_text(value):
    assert list(csv.reader(io.StringIO(output.csv_text([[value, 3]], ["a", "b"]), newline=""))) == [["a", "b"], ["'" + value, "3"]]
    assert list(csv.reader(io.StringIO(output.csv_text([[value]], ["a"], safe=False), newline=""))) == [["a"], [value]]
    assert output.csv_text([["plain", -2]], ["a", "b"]) == "a,b\nplain,-2\n"
    assert output.spreadsheet_safe("\rx") == "'\rx" and output.spreadsheet_safe("x=1") == "x=1"


def test_files_are_replaced_whole_with_nothing_left_beside_them(tmp_path):
    target = tmp_path / "deep" / "file.csv"
    output.write(target, "one\r\ntwo\n")
    output.write(target, "three\n")
    output.write(tmp_path / "picture.png", b"\x89PNG")
    assert target.read_bytes() == b"three\n" and (tmp_path / "picture.png").read_bytes() == b"\x89PNG"
    assert sorted(path.name for path in tmp_path.rglob("*")) == ["deep", "file.csv", "picture.png"]
    output.write(target, "a\r\nb")
    assert target.read_bytes() == b"a\r\nb"  # written as given: the CSV writer chose the line ends


def test_written_answers_are_rendered_safely_and_counted_as_read():
    assert written.render("**bold** <script>x</script> [link](http://x.org)") == (
        "<p><strong>bold</strong> &lt;script&gt;x&lt;/script&gt; [link](http://x.org)</p>\n"
    )
    assert written.word_count("Growth *is* 2% a year — 增长很快") == 9  # five English words, four characters


def test_each_page_is_marked_with_the_language_it_is_written_in(rendered):
    folder, _state, _warnings = rendered
    assert read_page(folder / "feedback" / "ada" / "ch3_tfp.html").language == "en-GB"
    assert read_page(folder / "feedback" / "bo" / "ch3_tfp.html").language == "zh-CN"
    assert read_page(folder / "summary" / "bo.html").language == "zh-CN"
    assert read_page(folder / "index.html").language == "en-GB"


def test_a_students_summary_is_in_the_language_of_most_of_their_notebooks():
    handed = lambda language, state="graded": {"language": language, "state": state}  # noqa: E731
    assert pages.summary_language([handed("zh_CN"), handed("en"), handed("zh_CN")]) == "zh_CN"
    assert pages.summary_language([handed("zh_CN"), *[handed("en", "not-submitted")] * 3]) == "zh_CN"
    assert pages.summary_language([]) == "en"


@pytest.mark.parametrize("status", ["partial", "close"])
def test_every_status_a_check_gives_reads_as_words_on_the_feedback_page(status):
    assert pages.status_word({"status": status}) != status


def test_the_marking_view_shows_the_instructors_comment(marked):
    folder, _state, _warnings = marked
    blocks = read_page(folder / "written_answers.html").blocks
    assert blocks[blocks.index("ada") + 1 : blocks.index("ada") + 4] == [
        "11 words · marked 1.5 / 2", "The residual is what inputs leave unexplained; it moves with alpha.",
        "Your comment: Names alpha; say why.",
    ]  # fmt: skip


def test_the_overview_draws_the_class_and_names_the_commonest_wrong_answers(tmp_path):
    state = class_state()
    percent = 100 * QUESTIONS["Q3.1"].expected()  # bo gave a percentage for a fraction
    state["results"][2]["answers"]["Q3.1"] = {"shown": f"{percent:.3g}", "key": f"{percent:.3g}", "number": percent}
    report.render(tmp_path, state, {})
    page = read_page(tmp_path / "index.html")
    assert page.images == ["class/scores.png", "class/success.png", "class/verdicts.png"]
    assert all((tmp_path / image).stat().st_size > 1000 for image in page.images)
    assert page.rows[:2] == [
        ["Question", "Right", "Most common wrong answers"], ["Q3.1 (ch3_tfp)", "1/3", f"{percent:.3g} × 1 (a percent for a fraction)"],
    ]  # fmt: skip
    assert any(block.startswith("Success rate per question. Q3.1 (ch3_tfp) was the hardest: 1 of 3 right.") for block in page.blocks)


@pytest.mark.parametrize(
    "markdown, words",
    [
        ("one\ntwo", 2),  # a line break inside a paragraph separates words
        ("one  \ntwo", 2),
        ("Text.\n\n```\nx = growth\n```", 3),  # code a student typed counts too
        ("Text.\n\n    indented code", 3),
        ("`inline` code and **bold**", 4),
    ],
)
def test_words_are_counted_across_line_breaks_and_in_code(markdown, words):
    assert written.word_count(markdown) == words


# -- the marking sheet as the instructor types it ------------------------------------------------


def sheet(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "marks.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_a_sheet_saved_by_a_spreadsheet_reads_whatever_its_blank_lines_and_byte_order_mark(tmp_path):
    text = "student,exercise,question,max_points,points,comment\nada,ch3_tfp,Q3.5,2,1.5,  Good  \n,,,,,\nbo,ch3_tfp,Q3.5,2,,\n"
    marks = read_manual(sheet(tmp_path, text, "utf-8-sig"))
    assert marks == {("ada", "ch3_tfp", "Q3.5"): Mark(1.5, "Good", 2), ("bo", "ch3_tfp", "Q3.5"): Mark(None, "", 4)}


def test_a_sheet_that_cannot_be_read_says_why(tmp_path):
    with pytest.raises(ManualScoresError, match=r"marks\.csv is not a UTF-8 CSV file \(save it as 'CSV UTF-8'\)$"):
        read_manual(sheet(tmp_path, "student,exercise,question,points\nadé,ch3_tfp,Q3.5,1\n", "latin-1"))
    with pytest.raises(ManualScoresError, match=r"^cannot read .*nowhere\.csv: No such file or directory$"):
        read_manual(tmp_path / "nowhere.csv")
    with pytest.raises(ManualScoresError, match=r"marks\.csv: the header needs the columns points, question$"):
        read_manual(sheet(tmp_path, "student,exercise\nada,ch3_tfp\n"))


def test_points_are_checked_against_the_sheets_own_maximum_when_the_course_has_none(tmp_path):
    path = sheet(tmp_path, "student,exercise,question,max_points,points\nada,ch9,Q9.1,2,3\n")
    with pytest.raises(ManualScoresError, match=r"marks\.csv, line 2: 3 points for ada/ch9/Q9\.1 is outside 0 to 2$"):
        read_manual(path)
    assert read_manual(path, maxima={("ch9", "Q9.1"): 4})[("ada", "ch9", "Q9.1")].points == 3.0  # the course's maximum wins
    unknown = sheet(tmp_path, "student,exercise,question,max_points,points\nada,ch9,Q9.1,two,-1\n")
    with pytest.raises(ManualScoresError, match=r"line 2: -1 points for ada/ch9/Q9\.1 is outside 0 to the maximum$"):
        read_manual(unknown)
    assert read_manual(sheet(tmp_path, "student,exercise,question,points\nada,ch9,Q9.1,12.5\n"))[("ada", "ch9", "Q9.1")].points == 12.5


def test_the_reports_own_sheet_comes_first_and_the_one_given_with_manual_on_top(tmp_path):
    report_folder = tmp_path / "report"
    report_folder.mkdir()
    (report_folder / "manual_scores.csv").write_text(
        "student,exercise,question,points,comment\nada,ch3_tfp,Q3.5,1,first\nbo,ch3_tfp,Q3.5,lots,\n", encoding="utf-8"
    )
    given = sheet(tmp_path, "student,exercise,question,points,comment\nada,ch3_tfp,Q3.5,2,second\n")
    marks, warnings = read_marks(report_folder, given)
    assert marks[("ada", "ch3_tfp", "Q3.5")] == Mark(2.0, "second", 2)
    assert marks[("bo", "ch3_tfp", "Q3.5")].points == "lots"  # kept as typed, applied to nothing
    assert warnings == [
        f"{report_folder / 'manual_scores.csv'}, line 3: points for bo/ch3_tfp/Q3.5 must be a number, got 'lots'; that line was not applied"
    ]
    assert read_marks(tmp_path / "no-report-yet") == ({}, [])
    assert read_marks(tmp_path / "no-report-yet", given) == ({("ada", "ch3_tfp", "Q3.5"): Mark(2.0, "second", 2)}, [])


def test_the_maximum_of_every_question_comes_from_the_reports_summary():
    assert marking.maxima_of(EXERCISES) == {
        ("ch3_tfp", "Q3.1"): 3, ("ch3_tfp", "Q3.4-hidden"): 1, ("ch3_tfp", "Q3.5"): 2, ("ch5_practice", "Q5.1"): 2,
    }  # fmt: skip


# -- what travels with the results, and what a run adds --------------------------------------------


def graded_notebook(nonce, records):
    """A graded notebook as the grader keeps it: a capture cell per record, named after the nonce."""
    cells = []
    for record in records:
        cell = nbformat.v4.new_code_cell("_pf_grader_run(0)", metadata={"tags": ["grader-capture"]})
        cell.id = f"grader-{nonce[:12]}-{record['index']}"
        cell.outputs = [nbformat.v4.new_output("display_data", data={capture_mime(): record})]
        cells.append(cell)
    return nbformat.writes(nbformat.v4.new_notebook(cells=cells))


def capture_mime():
    from productive_forces.grade.capture import MIME

    return MIME


def test_a_graded_notebook_is_kept_for_the_instructor_and_the_answer_shown_is_read_from_it(tmp_path):
    state = class_state()
    nonce = "abcdef123456" + "0" * 20
    record = {"nonce": nonce, "index": 0, "question": "Q3.1", "answer": {"t": "float", "v": "0.0123", "type": "float"}}
    notebook = graded_notebook(nonce, [record])
    state["results"][0]["notebook"] = notebook
    report.render(tmp_path, state, {})
    assert (tmp_path / "graded" / "ada" / "ch3_tfp.ipynb").read_text(encoding="utf-8") == notebook
    assert not (tmp_path / "graded" / "bo").exists()  # no notebook travelled with bo's results
    assert "notebook" not in json.dumps(report.load_state(tmp_path)["results"][0])
    assert read_page(tmp_path / "feedback" / "ada" / "ch3_tfp.html").rows[1][1] == "0.0123"


def test_looking_for_identical_code_says_when_there_is_none(tmp_path):
    state = class_state()
    report.render(tmp_path, state, {}, similarity_from=ROOT / "exercises")
    assert state["similarity"] == []
    blocks = read_page(tmp_path / "index.html").blocks
    assert "Nearly identical answer code (0)" in blocks and "No pair of students wrote nearly identical code." in blocks
    report.render(tmp_path / "again", class_state(), {})
    assert not any("identical" in block for block in read_page(tmp_path / "again" / "index.html").blocks)


def test_a_report_folder_is_made_however_deep(tmp_path):
    report.render(tmp_path / "term" / "week 3" / "report", class_state(), {})
    assert (tmp_path / "term" / "week 3" / "report" / "index.html").is_file()


def test_results_of_an_exercise_no_longer_in_the_course_still_render(tmp_path):
    state = class_state()
    state["results"].append(result("zoe", "ch9_old", "graded", [question("Q9.1", "check", "correct", 1, 1)]))
    report.render(tmp_path, state, {})
    page = read_page(tmp_path / "feedback" / "zoe" / "ch9_old.html")
    assert "Student: zoe. Score: 1 / 1 points." in page.blocks
    assert "This exercise is no longer part of the course: its points are kept here but count in no total." in page.blocks
    assert page.rows[1][2:4] == ["Correct", "1 / 1"]
    overview = read_page(tmp_path / "index.html")
    assert (
        "Results kept for exercises no longer in the course, shown on the students' feedback pages but counted in no total: "
        "ch9_old." in overview.blocks
    )
    assert ["zoe", "NS", "NS", "0"] in overview.rows  # the gradebook counts only the course's exercises
    assert read_csv(tmp_path / "gradebook.csv")[-1] == ["zoe", "NS", "NS", "0", "", ""]


def test_an_older_state_without_language_or_with_a_roster_reads_in_english_without_the_roster_warning(tmp_path):
    state = class_state()
    del state["language"]
    state["roster"] = {"ada": {**{field: "" for field in roster.FIELDS}, "name": "Ada L."}}
    report.render(tmp_path, state, {})
    blocks = read_page(tmp_path / "index.html").blocks
    assert blocks[0] == "Grading report"
    assert not any("No roster was given" in block for block in blocks)


def test_a_flag_without_a_cell_or_detail_is_listed_with_empty_columns(tmp_path):
    state = class_state()
    state["results"][0]["flags"] = [{"kind": "kernel-died"}]
    report.render(tmp_path, state, {})
    assert ["ada", "ch3_tfp", "kernel-died", "", ""] in read_csv(tmp_path / "flags.csv")


def test_a_new_run_starts_its_results_from_the_course_and_the_class():
    exercise = load_exercise("ch3_tfp", ROOT / "solutions" / "ch3_tfp.ipynb")
    before = time.strftime("%Y-%m-%d %H:%M:%S")
    state = report.new_state({"ch3_tfp": exercise}, ["bo", "ada"], [], [{"student": "bo"}], ["w"], ROOT / "subs", ROOT / "exercises")
    assert before <= state["generated"] <= time.strftime("%Y-%m-%d %H:%M:%S")
    assert {key: state[key] for key in ("format", "submissions", "students", "results", "unmatched", "warnings")} == {
        "format": report.FORMAT, "submissions": str(ROOT / "subs"), "students": ["ada", "bo"], "results": [],
        "unmatched": [{"student": "bo"}], "warnings": ["w"],
    }  # fmt: skip
    summary = state["exercises"]["ch3_tfp"]
    assert summary["max_points"] == exercise.max_points and summary["title"]["zh_CN"].startswith("练习")
    assert [q["id"] for q in summary["questions"]] == [q.id for q in exercise.questions]


def test_the_class_picture_reads_in_the_instructors_language(tmp_path):
    state = class_state()
    state["language"] = "zh_CN"
    report.render(tmp_path, state, {})
    blocks = read_page(tmp_path / "index.html").blocks
    assert any("Q3.1（ch3_tfp）是最难的一题：3人中只有1人答对。" in block for block in blocks)


def test_the_chinese_overview_uses_chinese_punctuation(tmp_path):
    state = class_state()
    state["language"] = "zh_CN"
    report.render(tmp_path, state, {})
    blocks = read_page(tmp_path / "index.html").blocks
    assert not [block for block in blocks if not block.isascii() and (", " in block or ". " in block)]


def test_pairs_of_nearly_identical_code_found_by_the_last_search_are_kept_and_listed(tmp_path):
    state = class_state()
    state["similarity"] = [{"exercise": "ch3_tfp", "students": ["ada", "bo"], "ratio": 0.934}]
    report.render(tmp_path, state, {})
    page = read_page(tmp_path / "index.html")
    assert "Nearly identical answer code (1)" in page.blocks
    assert ["ch3_tfp", "ada · bo", "93%"] in page.rows
    assert report.load_state(tmp_path)["similarity"] == state["similarity"]


def test_an_override_taken_back_gives_the_grader_its_points_again(tmp_path):
    state = class_state()
    report.render(tmp_path / "set", state, {("ada", "ch3_tfp", "Q3.1"): Mark(2.0, "Units missing.", 2)})
    assert read_csv(tmp_path / "set" / "gradebook.csv")[2] == ["ada", "3", "2", "5", "ch3_tfp (1)", ""]
    report.render(tmp_path / "back", json.loads(json.dumps(state)), {})
    assert read_csv(tmp_path / "back" / "gradebook.csv")[2] == ["ada", "4", "2", "6", "ch3_tfp (1)", ""]
    rows = {tuple(row[:3]): row[3:] for row in read_csv(tmp_path / "back" / "grades.csv")[1:]}
    assert rows[("ada", "ch3_tfp", "Q3.1")] == ["check", "correct", "3", "3", "Q3.1 correct — 3/3 points", "3", ""]


def test_a_mark_taken_back_puts_the_awaiting_line_back_in_the_students_language(tmp_path):
    state = class_state()
    marks = {("ada", "ch3_tfp", "Q3.5"): Mark(2.0, "", 2), ("bo", "ch3_tfp", "Q3.5"): Mark(1.0, "写得清楚。", 3)}
    report.render(tmp_path / "set", state, marks)
    rows = {tuple(row[:3]): row[3:] for row in read_csv(tmp_path / "set" / "grades.csv")[1:]}
    assert rows[("ada", "ch3_tfp", "Q3.5")][4] == "Q3.5 marked by the instructor — 2/2 points. Marked by the instructor."
    assert rows[("bo", "ch3_tfp", "Q3.5")][4].startswith("Q3.5 ") and rows[("bo", "ch3_tfp", "Q3.5")][4].endswith("写得清楚。")
    assert not rows[("bo", "ch3_tfp", "Q3.5")][4].isascii() and "marked by the instructor" not in rows[("bo", "ch3_tfp", "Q3.5")][4]
    report.render(tmp_path / "back", json.loads(json.dumps(state)), {})
    rows = {tuple(row[:3]): row[3:] for row in read_csv(tmp_path / "back" / "grades.csv")[1:]}
    assert rows[("ada", "ch3_tfp", "Q3.5")] == [
        "written", "manual", "0", "2", "Q3.5 awaiting the instructor — 0/2 points. Awaiting the instructor.", "0", "",
    ]  # fmt: skip
    assert rows[("bo", "ch3_tfp", "Q3.5")][4] == "Q3.5 等待教师批阅——得分0/2。等待教师批阅。"


def test_a_written_answer_marked_by_an_older_grader_starts_again_from_zero(tmp_path):
    state = class_state()
    written_answer = state["results"][0]["questions"][2]
    written_answer.update(points=2, marked=True)  # results.json of the grader before the marking sheet kept marks apart
    report.render(tmp_path, state, {})
    assert read_csv(tmp_path / "gradebook.csv")[2] == ["ada", "4", "2", "6", "ch3_tfp (1)", ""]
    assert "marked" not in report.load_state(tmp_path)["results"][0]["questions"][2]


def test_each_page_links_to_the_students_other_pages(rendered):
    folder, _state, _warnings = rendered
    summary = (folder / "summary" / "ada.html").read_text(encoding="utf-8")
    assert 'href="../feedback/ada/ch3_tfp.html"' in summary and 'href="../feedback/ada/ch5_practice.html"' in summary
    eve = (folder / "summary" / f"{EVE}.html").read_text(encoding="utf-8")
    assert 'href="../feedback/eve%3Cb%3E%26%22/ch3_tfp.html"' in eve
    assert 'href="../feedback/zoe' not in (folder / "summary" / "zoe.html").read_text(encoding="utf-8")  # nothing to link to
    feedback = (folder / "feedback" / EVE / "ch3_tfp.html").read_text(encoding="utf-8")
    assert 'href="../../summary/eve%3Cb%3E%26%22.html"' in feedback


def test_the_exercises_title_is_in_the_students_language(rendered):
    folder, _state, _warnings = rendered
    assert read_page(folder / "feedback" / "bo" / "ch3_tfp.html").blocks[2] == "练习3：增长核算"
    assert read_page(folder / "feedback" / "ada" / "ch3_tfp.html").blocks[2] == "Exercise 3: growth accounting"


def test_the_marking_view_is_titled_in_the_instructors_language(tmp_path):
    state = class_state()
    report.render(tmp_path / "en", state, {})
    page = read_page(tmp_path / "en" / "written_answers.html")
    assert page.blocks[:2] == ["Written answers", "Written answers"] and page.language == "en-GB"
    state = class_state()
    state["language"] = "zh_CN"
    report.render(tmp_path / "zh", state, {})
    page = read_page(tmp_path / "zh" / "written_answers.html")
    assert page.language == "zh-CN" and page.blocks[0] == page.blocks[1] and not page.blocks[0].isascii()
    assert "练习3：增长核算" not in page.blocks and "余值说明了什么" in page.blocks  # the question's title, in Chinese


def test_every_late_exercise_and_every_one_awaiting_marks_is_listed_in_the_gradebook(tmp_path):
    state = class_state()
    state["late_policy"] = {"deadlines": {"": "2026-02-01T12:00:00+00:00"}, "penalty": 10, "cap": 25}
    state["results"][0]["submitted"] = "2026-02-04T12:30:00+00:00"  # 4 started days: capped at 25%
    state["results"][1]["submitted"] = "2026-02-01T13:00:00+00:00"  # 1 started day
    state["results"][1]["questions"].append(question("Q5.2", "written", "manual", 0, 2, "Awaiting the instructor."))
    report.render(tmp_path, state, {})
    assert read_csv(tmp_path / "gradebook.csv")[2] == [
        "ada", "3", "1.8", "4.8", "ch3_tfp (1); ch5_practice (1)", "ch3_tfp: 4 d, -25%; ch5_practice: 1 d, -10%",
    ]  # fmt: skip


def test_marks_are_checked_against_the_courses_maximum_in_both_sheets(tmp_path):
    report_folder = tmp_path / "report"
    report_folder.mkdir()
    (report_folder / "manual_scores.csv").write_text("student,exercise,question,points\nada,ch3_tfp,Q3.5,3\n", encoding="utf-8")
    maxima = {("ch3_tfp", "Q3.5"): 2}
    marks, warnings = read_marks(report_folder, maxima=maxima)
    assert marks[("ada", "ch3_tfp", "Q3.5")].points == "3" and warnings == [
        f"{report_folder / 'manual_scores.csv'}, line 2: 3 points for ada/ch3_tfp/Q3.5 is outside 0 to 2; that line was not applied"
    ]
    given = sheet(tmp_path, "student,exercise,question,points\nada,ch3_tfp,Q3.5,2.5\n")
    with pytest.raises(ManualScoresError, match=r"line 2: 2\.5 points for ada/ch3_tfp/Q3\.5 is outside 0 to 2$"):
        read_marks(tmp_path / "elsewhere", given, maxima=maxima)


# -- what the answers half of issue 11 adds: partial and close, added cells, a verdict mismatch --------


def test_partly_right_and_nearly_right_read_as_words_in_the_students_and_the_instructors_language(tmp_path):
    state = class_state()
    state["results"][0]["questions"][0] = question("Q3.1", "check", "partial", 1.5, 3, "5 of 8 items are right.")
    state["results"][2]["questions"][0] = question("Q3.1", "check", "close", 0, 3, "请检查舍入或单位。", "zh_CN")
    report.render(tmp_path / "en", copy.deepcopy(state), {})
    assert read_page(tmp_path / "en" / "feedback" / "ada" / "ch3_tfp.html").rows[1][2:] == [
        "Partly right", "1.5 / 3", "5 of 8 items are right."
    ]
    assert read_page(tmp_path / "en" / "feedback" / "bo" / "ch3_tfp.html").rows[1][2:] == ["接近正确", "0 / 3", "请检查舍入或单位。"]
    statuses = [block for block in read_page(tmp_path / "en" / "index.html").blocks if block.startswith("Question statuses")]
    assert "Nearly right 1" in statuses[0] and "Partly right 1" in statuses[0]
    state["language"] = "zh_CN"
    report.render(tmp_path / "zh", state, {})
    (statuses,) = [block for block in read_page(tmp_path / "zh" / "index.html").blocks if block.startswith("各题状态")]
    assert "接近正确1、" in statuses and "部分正确1、" in statuses


ADDED = [
    {"index": 4, "id": "mine", "type": "code", "after": "q3-1-answer", "status": "ok", "source": "g = np.log(2) / 29"},
    {"index": 7, "id": None, "type": "code", "after": "q3-1-check", "status": "error", "error": "NameError: name '<b>x</b>' is not defined",
     "source": "print(<b>x</b>)"},
    {"index": 9, "id": "words", "type": "markdown", "after": "q3-5-answer", "source": "More, in <i>my</i> words."},
    {"index": 12, "id": "end", "type": "code", "after": "ch3ex-end", "status": "timeout", "source": "while True: pass"},
]  # fmt: skip


def with_added_cells(state, language_of_bo="zh_CN"):
    """ada (English) and bo (Chinese) each added the same four cells; the exercise says which cells are whose."""
    for question_info, cells in zip(state["exercises"]["ch3_tfp"]["questions"], (["q3-1-answer", "q3-1-check"], [], ["q3-5-answer"])):
        question_info["cells"] = cells
    for number in (0, 2):
        state["results"][number]["added_cells"] = copy.deepcopy(ADDED)
        state["results"][number]["written"][0]["added_cells"] = [9]
    return state


def test_the_cells_a_student_added_are_listed_on_their_feedback_page_with_what_happened(tmp_path):
    report.render(tmp_path, with_added_cells(class_state()), {})
    ada = read_page(tmp_path / "feedback" / "ada" / "ch3_tfp.html")
    assert "Cells you added" in ada.blocks
    assert ada.rows[-5:] == [
        ["Cell", "Where", "What you added", "What happened"],
        ["cell 5", "under Q3.1", "g = np.log(2) / 29", "ran without an error"],
        ["cell 8", "under Q3.1", "print(<b>x</b>)", "stopped with an error: NameError: name '<b>x</b>' is not defined"],
        ["cell 10", "under Q3.5", "More, in <i>my</i> words.", "part of the written answer to Q3.5"],
        ["cell 13", "after the exercise's cell ch3ex-end", "while True: pass", "ran too long and was stopped"],
    ]
    bo = read_page(tmp_path / "feedback" / "bo" / "ch3_tfp.html")
    assert "你添加的单元" in bo.blocks
    assert bo.rows[-3][1:] == ["位于Q3.1下方", "print(<b>x</b>)", "因错误而停止：NameError: name '<b>x</b>' is not defined"]
    assert bo.rows[-2][3] == "属于Q3.5的书面回答" and bo.rows[-1][1:4:2] == ["位于练习的单元ch3ex-end之后", "运行超时，已被终止"]
    assert not {"b", "i"} & (set(ada.tags) | set(bo.tags))
    assert "你添加的单元" not in read_page(tmp_path / "feedback" / EVE / "ch3_tfp.html").blocks  # added nothing: no section


def test_the_marking_view_lists_every_cell_the_students_added(tmp_path):
    state = with_added_cells(class_state())
    report.render(tmp_path / "en", copy.deepcopy(state), {})
    page = read_page(tmp_path / "en" / "written_answers.html")
    assert "Cells the students added" in page.blocks
    header = page.rows.index(["Student", "Exercise", "Cell", "Where", "What the student added", "What happened"])
    assert page.rows[header + 2] == [
        "ada", "ch3_tfp", "cell 8", "under Q3.1", "print(<b>x</b>)", "stopped with an error: NameError: name '<b>x</b>' is not defined",
    ]  # fmt: skip
    assert [row[0] for row in page.rows[header + 1 :]] == ["ada"] * 4 + ["bo"] * 4  # in the instructor's language, both
    assert page.rows[header + 6][5] == "stopped with an error: NameError: name '<b>x</b>' is not defined"
    state["language"] = "zh_CN"
    report.render(tmp_path / "zh", state, {})
    page = read_page(tmp_path / "zh" / "written_answers.html")
    assert "学生添加的单元" in page.blocks and ["ada", "ch3_tfp", "第13个单元", "位于练习的单元ch3ex-end之后", "while True: pass", "运行超时，已被终止"] in page.rows
    assert "Cells the students added" not in read_page(_render_plain(tmp_path)).blocks


def _render_plain(tmp_path):
    report.render(tmp_path / "plain", class_state(), {})
    return tmp_path / "plain" / "written_answers.html"


MISMATCH = {
    "kind": "verdict-mismatch", "cell": "q3-1-check", "question": "Q3.1", "student_line": "Q3.1 correct — 3/3 points <b>",
    "grader_line": "Q3.1 not yet right — 0/3 points. Hint: divide.",
    "detail": "the student's notebook shows 'Q3.1 correct — 3/3 points <b>'; the grader's verdict is 'Q3.1 not yet right — 0/3 points. Hint: divide.'",
}  # fmt: skip


def test_a_verdict_mismatch_shows_both_lines_to_the_instructor_and_to_the_student(tmp_path):
    state = class_state()
    state["results"][0]["flags"].append(dict(MISMATCH))
    report.render(tmp_path / "en", copy.deepcopy(state), {})
    index = read_page(tmp_path / "en" / "index.html")
    assert [
        "ada", "ch3_tfp", "verdict-mismatch", "q3-1-check",
        "The student's notebook showed: Q3.1 correct — 3/3 points <b> The grader's verdict: Q3.1 not yet right — 0/3 points. Hint: divide.",
    ] in index.rows  # fmt: skip
    said = [
        "For Q3.1, the notebook you handed in shows a different verdict from the grader's, and the grader's is the one that "
        "counts: perhaps the answer changed after its check last ran.",
        "Your notebook: Q3.1 correct — 3/3 points <b>", "The grader: Q3.1 not yet right — 0/3 points. Hint: divide.",
    ]  # fmt: skip
    blocks = read_page(tmp_path / "en" / "feedback" / "ada" / "ch3_tfp.html").blocks
    assert blocks[blocks.index(said[0]) :][:3] == said
    summary = read_page(tmp_path / "en" / "summary" / "ada.html")
    assert summary.rows[1][3] == " ".join(["Written answers awaiting the instructor: 1.", *said])
    assert ["ada", "ch3_tfp", "verdict-mismatch", "q3-1-check", MISMATCH["detail"]] in read_csv(tmp_path / "en" / "flags.csv")
    state["language"] = "zh_CN"
    state["results"][0]["language"] = "zh_CN"
    report.render(tmp_path / "zh", state, {})
    index = read_page(tmp_path / "zh" / "index.html")
    assert [row for row in index.rows if "verdict-mismatch" in row][0][4] == (
        "学生笔记本中显示：Q3.1 correct — 3/3 points <b> 评分程序的结论：Q3.1 not yet right — 0/3 points. Hint: divide."
    )
    summary = read_page(tmp_path / "zh" / "summary" / "ada.html")
    assert summary.rows[1][3].endswith(
        "你提交的笔记本中Q3.1显示的判定与评分程序的不同，成绩以评分程序的判定为准：可能是答案在最后一次运行检查之后又改动过。 "
        "你的笔记本：Q3.1 correct — 3/3 points <b> 评分程序：Q3.1 not yet right — 0/3 points. Hint: divide."
    )
    assert "b" not in summary.tags and "b" not in index.tags
