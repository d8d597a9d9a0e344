"""The grader grades either language: a class that worked in the Chinese copies of the exercises
gets the same points as one that worked in English, feedback in Chinese, and no false alarms.

The submissions are the real exercise notebooks, filled in and run as a student runs them, so
their check cells hold the verdicts the student saw.
"""

import json
import re

import nbformat
import pytest

from productive_forces.grade.course import load_exercise
from productive_forces.grade.synthetic import answers, student_notebook
from tests.notebooks import ROOT, run
from tests.test_grade import grade, read_csv

CJK = re.compile(r"[\u4e00-\u9fff]")
CHAPTER3, CHAPTER5 = "ch3_tfp", "ch5_practice"


def submission(exercise, language, kind):
    """An exercise notebook (English or its Chinese copy) with answers of the kind, run as a student would."""
    info = load_exercise(exercise, ROOT / "solutions" / f"{exercise}.ipynb")
    copy = ROOT / "exercises" / ("zh" if language == "zh" else "") / f"{exercise}.ipynb"
    return run(student_notebook(copy, answers(info, kind)))


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    base = tmp_path_factory.mktemp("languages")
    class_ = {
        "en-right": [(CHAPTER3, "en", "right")],
        "zh-right": [(CHAPTER3, "zh", "right")],
        "zh-wrong": [(CHAPTER3, "zh", "wrong")],
        "zh-untouched": [(CHAPTER5, "zh", "empty")],
    }
    for student, notebooks in class_.items():
        for exercise, language, kind in notebooks:
            (base / "submissions" / student).mkdir(parents=True, exist_ok=True)
            nbformat.write(submission(exercise, language, kind), base / "submissions" / student / f"{exercise}.ipynb")
    completed = grade(base / "submissions", "--out", base / "report", "--jobs", 2, "--timeout", 10)
    assert completed.returncode == 0, completed.stderr[-2000:]
    return base / "report"


def results(report, student, exercise):
    state = json.loads((report / "results.json").read_text(encoding="utf-8"))
    return next(r for r in state["results"] if r["student"] == student and r["exercise"] == exercise)


def test_a_chinese_copy_earns_what_the_english_exercise_earns(report):
    book = {row["student"]: row for row in read_csv(report / "gradebook.csv")}
    assert float(book["zh-right"][CHAPTER3]) == float(book["en-right"][CHAPTER3]) > 0
    assert float(book["zh-wrong"][CHAPTER3]) == 0


def test_chinese_verdicts_agree_with_the_check_cells_the_student_saw(report):
    for student in ("zh-right", "zh-wrong"):
        result = results(report, student, CHAPTER3)
        assert result["language"] == "zh_CN"
        kinds = {flag["kind"] for flag in result["flags"]}
        assert "check-mismatch" not in kinds, result["flags"]
        assert "output-differs" not in kinds, result["flags"]
        for question in result["questions"]:
            assert CJK.search(question["message"]), question["message"]


def test_feedback_is_written_in_the_students_language(report):
    chinese = (report / "feedback" / "zh-wrong" / f"{CHAPTER3}.html").read_text(encoding="utf-8")
    english = (report / "feedback" / "en-right" / f"{CHAPTER3}.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in chinese and "反馈" in chinese and "尚不正确" in chinese
    assert "Not yet right" not in chinese and "Feedback:" not in chinese
    assert '<html lang="en-GB">' in english and "Correct" in english and not CJK.search(english)


def test_an_untouched_chinese_written_answer_is_missing_not_awaiting_marking(report):
    result = results(report, "zh-untouched", CHAPTER5)
    written = [q for q in result["questions"] if q["kind"] == "written"]
    assert written and all(q["status"] == "missing" for q in written)
    assert result["written"] == []
