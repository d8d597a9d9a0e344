"""The grader's view of the written questions of all five exercises, in English and in Chinese.

Each student works in one language's copy of every exercise and runs it top to bottom, as a student
does before handing it in: a writer answers every question, the written one included; a blank student
runs the notebook untouched. A written answer must then await the instructor (0 points until marked),
be gathered for marking without the model answer, and count as missing when left untouched; the
instructor's marks then reach the gradebook.
"""

import json
import shutil

import nbformat
import pytest

from productive_forces.grade.course import load_exercise
from productive_forces.grade.synthetic import answers, student_notebook
from tests.notebooks import ROOT, run
from tests.test_exercises_written import BLOCK, written_cells
from tests.test_grade import grade, read_csv

EXERCISES = ("ch1_features", "ch2_concept", "ch3_tfp", "ch4_revolutions", "ch5_practice")
INFO = {name: load_exercise(name, ROOT / "solutions" / f"{name}.ipynb") for name in EXERCISES}
WRITTEN = {name: next(q for q in info.questions if q.kind == "written") for name, info in INFO.items()}
#: What each writer types into the answer box (with a character that must be escaped in the report).
TEXT = {
    "en": "Growth from capital fades & productivity has to carry it; the figure depends on the data.",
    "zh": "靠资本积累的增长会逐渐减弱，持续增长要靠生产率的提高；这一数字还取决于所用的数据 & 参数。",
}
STUDENTS = {"writer-en": ("en", True), "writer-zh": ("zh", True), "blank-en": ("en", False), "blank-zh": ("zh", False)}


def handed_in(name, language, answered):
    """The exercise's copy in `language`, filled in (or not) and run as a student runs it."""
    copy = ROOT / "exercises" / ("zh" if language == "zh" else "") / f"{name}.ipynb"
    sources = {}
    if answered:
        sources = answers(INFO[name], "right")
        sources.update({cell_id: TEXT[language] for cell_id in INFO[name].written_ids})
    return run(student_notebook(copy, sources))


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    base = tmp_path_factory.mktemp("written-questions")
    for student, (language, answered) in STUDENTS.items():
        (base / "submissions" / student).mkdir(parents=True)
        for name in EXERCISES:
            nbformat.write(handed_in(name, language, answered), base / "submissions" / student / f"{name}.ipynb")
    completed = grade(base / "submissions", "--out", base / "report", "--jobs", 2, "--timeout", 20)
    assert completed.returncode == 0, completed.stderr[-2000:]
    return base / "report"


def results(report):
    """{(student, exercise): result} from the report's saved results."""
    state = json.loads((report / "results.json").read_text(encoding="utf-8"))
    return {(r["student"], r["exercise"]): r for r in state["results"]}


def written_row(report, student, name):
    rows = read_csv(report / "grades.csv")
    [row] = [r for r in rows if (r["student"], r["exercise"], r["question"]) == (student, name, WRITTEN[name].id)]
    return row


@pytest.mark.parametrize("student", ["writer-en", "writer-zh"])
def test_an_answered_written_question_awaits_the_instructor(report, student):
    language = STUDENTS[student][0]
    for name in EXERCISES:
        result = results(report)[(student, name)]
        assert result["language"] == ("zh_CN" if language == "zh" else "en")
        row = written_row(report, student, name)
        assert (row["kind"], row["status"], row["points"], row["max_points"]) == ("written", "manual", "0", "2")
        assert result["written"] == [
            {"question": WRITTEN[name].id, "cell": WRITTEN[name].cell_id, "text": TEXT[language], "max_points": 2}
        ]
        automatic = [q for q in result["questions"] if q["kind"] != "written"]
        assert {q["status"] for q in automatic} == {"correct"}, name


@pytest.mark.parametrize("student", ["blank-en", "blank-zh"])
def test_an_untouched_written_question_is_missing(report, student):
    for name in EXERCISES:
        assert results(report)[(student, name)]["written"] == []
        row = written_row(report, student, name)
        assert (row["status"], row["points"]) == ("missing", "0")


def test_the_marking_sheet_and_the_export_hold_exactly_the_answers_given(report):
    sheet = read_csv(report / "manual_scores.csv")
    expected = sorted((student, name, WRITTEN[name].id, "2", "") for student in ("writer-en", "writer-zh") for name in EXERCISES)
    assert sorted((r["student"], r["exercise"], r["question"], r["max_points"], r["points"]) for r in sheet) == expected
    exported = (report / "written_answers.html").read_text(encoding="utf-8")
    for name in EXERCISES:
        assert f"{name} — {WRITTEN[name].id} (2 points)" in exported
    for text in TEXT.values():
        assert text.replace("&", "&amp;") in exported and text not in exported
    assert "blank-en" not in exported and "blank-zh" not in exported


def test_no_page_shows_a_model_answer_and_only_the_marking_view_shows_the_marking_guide(report):
    answers, guides = {"Model answer", "参考答案"}, {"Marking guide", "评分要点"}
    for name in EXERCISES:
        [cell] = written_cells(nbformat.read(ROOT / "solutions" / f"{name}.ipynb", as_version=4))
        solution = BLOCK.search(cell.source).group(1)
        model, _, guide = solution.partition("*Marking guide:*")
        model_zh, _, guide_zh = solution.partition("---")[2].partition("*评分要点*：")
        answers |= {line.strip() for line in (model + model_zh).splitlines() if len(line.strip()) > 30}
        guides |= {line.strip() for line in (guide.partition("---")[0] + guide_zh).splitlines() if len(line.strip()) > 30}
    students = sorted((report / "feedback").rglob("*.html")) + sorted((report / "summary").glob("*.html"))
    instructor = sorted(report.glob("*.html"))
    assert len(students) > len(STUDENTS) * len(EXERCISES)
    for page in students + instructor:
        text = page.read_text(encoding="utf-8")
        leaked = [secret for secret in answers | (guides if page in students else set()) if secret in text]
        assert not leaked, (page.name, leaked[:1])
    marking = (report / "written_answers.html").read_text(encoding="utf-8")
    assert sum(line in marking for line in guides) > len(EXERCISES)  # the marking view holds the guides


def test_feedback_says_the_answer_awaits_marking_in_the_students_language(report):
    for name in EXERCISES:
        english = (report / "feedback" / "writer-en" / f"{name}.html").read_text(encoding="utf-8")
        chinese = (report / "feedback" / "writer-zh" / f"{name}.html").read_text(encoding="utf-8")
        assert "Awaiting the instructor" in english
        assert "等待教师批阅" in chinese and "Awaiting the instructor" not in chinese


def test_the_instructors_marks_reach_the_gradebook(report, tmp_path):
    marked = tmp_path / "report"
    shutil.copytree(report, marked)
    before = {row["student"]: row for row in read_csv(marked / "gradebook.csv")}
    automatic = {name: sum(q.points for q in INFO[name].questions if q.kind != "written") for name in EXERCISES}
    for student in STUDENTS:  # until marked, a written answer adds nothing
        expected = automatic if student.startswith("writer") else {name: 0 for name in EXERCISES}
        assert {name: float(before[student][name]) for name in EXERCISES} == expected, student
    sheet = tmp_path / "marks.csv"
    sheet.write_text(
        "student,exercise,question,points,comment\n"
        "writer-en,ch3_tfp,Q3.5,1.5,Right numbers; say what else the residual holds.\n"
        "writer-zh,ch4_revolutions,Q4.5,2,理由清楚。\n",
        encoding="utf-8",
    )
    merged = grade("--out", marked, "--manual", sheet)
    assert merged.returncode == 0, merged.stderr
    after = {row["student"]: row for row in read_csv(marked / "gradebook.csv")}
    assert float(after["writer-en"]["ch3_tfp"]) == automatic["ch3_tfp"] + 1.5
    assert float(after["writer-zh"]["ch4_revolutions"]) == automatic["ch4_revolutions"] + 2
    assert float(after["writer-zh"]["total"]) == sum(automatic.values()) + 2
    feedback = (marked / "feedback" / "writer-zh" / "ch4_revolutions.html").read_text(encoding="utf-8")
    assert "理由清楚。" in feedback
