"""The report a teacher works from, on a class whose notebooks were run as students run them.

Each student's chapter 3 notebook is the exercise (English, or its Chinese copy) with answers typed
in and run top to bottom with nbclient: right answers, a share given as a percent (twice), code
copied with its names changed, spoilt answers, an untouched notebook, a late one, a student whose
folder name and answer are markup, and a student who handed in nothing. The course is the real
one, so every other exercise counts as not submitted. The class is graded with a roster, a times
sheet, a deadline with a penalty and the similarity check; then the instructor merges a marking
sheet (an override with a comment, hand marks for written answers) and grades one student again.

The tests read what the teacher reads: the gradebook files and their markers, the Canvas and
Moodle import files against each platform's documented header, the feedback and summary pages,
the marking view, the class picture and its readings, and every page for escaped student text.
The submissions must come out byte for byte as they went in, none moved.
"""

import csv
import hashlib
import html.parser
import io
import json
import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import nbformat
import pytest
from PIL import Image

from productive_forces.grade import class_stats
from productive_forces.grade.course import load_exercise
from productive_forces.grade.synthetic import answers, student_notebook
from tests.notebooks import ROOT, run
from tests.test_grade import grade, read_csv

EXERCISE = "ch3_tfp"
INFO = load_exercise(EXERCISE, ROOT / "solutions" / f"{EXERCISE}.ipynb")
RIGHT = answers(INFO, "right")
WRITTEN_ID = INFO.written_ids[0]
WRITTEN_Q = next(q.id for q in INFO.questions if q.kind == "written")
AUTOMATIC = sum(q.points for q in INFO.questions if q.kind != "written")
MARKUP_NAME = "<img src=x onerror=alert('name')>"
MARKUP_ANSWER = "<script>alert('answer')</script>"
MARKUP_COMMENT = "<img src=x onerror=alert('comment')> check the units"
ESSAY = "The **residual** is what inputs leave unexplained. <b>Not</b> measured directly; it is about 1.4% a year."
ESSAY_ZH = "余值是投入无法解释的部分，不能直接测量。"
RENAMES = {
    "korea": "data", "in_period": "window", "alpha": "capital_share", "first": "start", "last": "end",
    "years": "span", "alpha_firms": "share", "tfp_firms": "productivity", "weights": "w", "efficient": "best",
    "equal_split": "halves", "total_output": "output_of", "rate": "growth",
}  # fmt: skip


def renamed(source):
    """The source with the student's own names changed and comments added: the same code, disguised."""
    for old, new in RENAMES.items():
        source = re.sub(rf"\b{old}\b", new, source)
    return "# my own work\n" + source.replace(" = ", " =  ")


def hand_in(submissions, student, sources, language="en"):
    copy = ROOT / "exercises" / ("zh" if language == "zh" else "") / f"{EXERCISE}.ipynb"
    notebook = run(student_notebook(copy, sources))
    (submissions / student).mkdir(parents=True)
    nbformat.write(notebook, submissions / student / f"{EXERCISE}.ipynb")


def fingerprint(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


class Page(html.parser.HTMLParser):
    """A page's text as a reader sees it, its tags and attributes, and its images."""

    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.images, self.parts = set(), set(), [], []
        self.feed(Path(path).read_text(encoding="utf-8"))
        self.text = " ".join(" ".join(self.parts).split())

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}
        if tag == "img":
            self.images.append(dict(attrs))

    def handle_data(self, data):
        self.parts.append(data)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    submissions, report = base / "submissions", base / "report"
    percent = dict(RIGHT, **{"q3-2-answer": RIGHT["q3-2-answer"] + "\ntfp_share = tfp_share * 100"})
    hand_in(submissions, "ada", {**RIGHT, WRITTEN_ID: ESSAY})
    hand_in(submissions, "copycat", {cell: renamed(source) for cell, source in RIGHT.items() if cell != WRITTEN_ID})
    hand_in(submissions, "percent", percent)
    hand_in(submissions, "percent-too", percent)
    hand_in(submissions, "wrong", answers(INFO, "wrong"))
    hand_in(submissions, "untouched", {})
    hand_in(submissions, "late", RIGHT)
    hand_in(submissions, "zh-student", {**RIGHT, WRITTEN_ID: ESSAY_ZH}, language="zh")
    hand_in(submissions, MARKUP_NAME, {**RIGHT, "q3-2-answer": f'tfp_share = "{MARKUP_ANSWER}"'})
    (submissions / "absent").mkdir()
    before = fingerprint(submissions)

    deadline = datetime.now(timezone.utc) + timedelta(days=1)
    late_time = deadline + timedelta(days=2, hours=1)  # three started days late
    roster = base / "roster.csv"
    roster.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Email address,folder\n"
        "    Points Possible,,,,,,\n"
        '"Lovelace, Ada",101,S-ADA,ada@uni.example,Section A,ada@example.edu,ada\n',
        encoding="utf-8",
    )
    times = base / "times.csv"
    times.write_text(f"student,exercise,submitted\nlate,{EXERCISE},{late_time.isoformat()}\n", encoding="utf-8")
    options = [
        "--jobs", 2, "--timeout", 10, "--roster", roster, "--times", times, "--deadline",
        f"{EXERCISE}={deadline.isoformat()}", "--late-penalty", 10, "--similarity",
    ]  # fmt: skip
    first = grade(submissions, "--out", report, *options)
    assert first.returncode == 0, first.stderr[-3000:]
    first_gradebook = read_csv(report / "gradebook.csv")

    marks = base / "marks.csv"
    with open(marks, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["student", "exercise", "question", "points", "comment"],  # an old sheet's columns
            ["wrong", EXERCISE, "Q3.1", "1.5", MARKUP_COMMENT],
            ["ada", EXERCISE, WRITTEN_Q, "2", "Clear and exact."],
            ["zh-student", EXERCISE, WRITTEN_Q, "1.5", "理由清楚。"],
        ])  # fmt: skip
    merged = grade("--out", report, "--manual", marks)
    assert merged.returncode == 0, merged.stderr[-3000:]
    merged_gradebook = read_csv(report / "gradebook.csv")
    again = grade(submissions, "--out", report, "--only", "wrong", "--jobs", 1, "--timeout", 10)
    assert again.returncode == 0, again.stderr[-3000:]
    return {
        "base": base, "report": report, "submissions": submissions, "before": before, "after": fingerprint(submissions),
        "first_gradebook": first_gradebook, "merged_gradebook": merged_gradebook, "stderr": first.stderr,
    }  # fmt: skip


def table(report, name):
    """(points possible row, {student: row}) of one of the gradebook files."""
    rows = read_csv(report / name)
    assert rows[0]["student"] == "Points possible", rows[0]
    return rows[0], {row["student"]: row for row in rows[1:]}


def state(report):
    return json.loads((report / "results.json").read_text(encoding="utf-8"))


def feedback(report, student):
    return Page(report / "feedback" / student / f"{EXERCISE}.html")


# -- the students' files ------------------------------------------------------------------------


def test_the_submissions_are_untouched_and_unmoved(graded):
    assert graded["after"] == graded["before"]


# -- gradebook.csv and the per-question export -------------------------------------------------


def test_the_gradebook_has_points_possible_markers_and_totals(graded):
    possible, book = table(graded["report"], "gradebook.csv")
    assert list(possible)[:2] == ["student", "ch1_features"] and list(possible)[-3:] == ["total", "awaiting_hand_marks", "late"]
    assert int(possible[EXERCISE]) == INFO.max_points
    assert int(possible["total"]) == sum(int(possible[n]) for n in possible if n not in ("student", "total", "awaiting_hand_marks", "late"))
    assert set(book) == {"ada", "copycat", "percent", "percent-too", "wrong", "untouched", "late", "zh-student", MARKUP_NAME, "absent"}
    assert book["absent"][EXERCISE] == "NS" and book["absent"]["total"] == "0"
    assert book["ada"]["ch1_features"] == "NS"  # handed in chapter 3 only
    assert float(book["ada"][EXERCISE]) == AUTOMATIC + 2  # the hand mark for the written answer is in
    assert book["ada"]["awaiting_hand_marks"] == ""
    assert book["copycat"]["awaiting_hand_marks"] == ""  # left the written answer untouched: missing, nothing awaits
    first = {row["student"]: row for row in graded["first_gradebook"][1:]}
    assert first["ada"]["awaiting_hand_marks"] == f"{EXERCISE} (1)"  # before the instructor marked it


def test_a_late_notebook_loses_ten_percent_per_started_day(graded):
    _possible, book = table(graded["report"], "gradebook.csv")
    assert book["late"]["late"] == f"{EXERCISE}: 3 d, -30%"
    assert float(book["late"][EXERCISE]) == pytest.approx(AUTOMATIC * 0.7)
    assert float(book["late"]["total"]) == pytest.approx(AUTOMATIC * 0.7)
    assert book["ada"]["late"] == ""  # its file time is before the deadline
    page = feedback(graded["report"], "late")
    assert "3 day(s) after the deadline: 30% of your points were taken off" in page.text
    assert f"({AUTOMATIC} → {AUTOMATIC * 0.7:g})" in page.text


def test_the_per_question_export_has_a_column_per_question_and_the_markers(graded):
    possible, book = table(graded["report"], "gradebook_questions.csv")
    assert possible[f"{EXERCISE} Q3.1"] == "3" and possible[f"{EXERCISE} {WRITTEN_Q}"] == "2"
    assert book["ada"][f"{EXERCISE} Q3.1"] == "3"
    assert book["percent"][f"{EXERCISE} Q3.2"] == "0"
    assert book["absent"][f"{EXERCISE} Q3.1"] == "NS"
    assert book["late"][f"{EXERCISE} {WRITTEN_Q}"] == "AW"  # written, not yet marked
    assert book["wrong"][f"{EXERCISE} Q3.1"] == "1.5"  # the instructor's override


# -- the LMS files ---------------------------------------------------------------------------------


def test_the_canvas_file_has_canvas_header_and_points_possible_row(graded):
    """Canvas's gradebook import reads the columns of its own export: Student, ID, SIS User ID,
    SIS Login ID, Section, then one column per assignment, with a "Points Possible" row first.
    https://community.canvaslms.com/t5/Instructor-Guide/How-do-I-import-grades-in-the-Gradebook/ta-p/807
    https://teaching.resources.osu.edu/toolsets/carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades
    (the Points Possible row under the header: https://github.com/unc-csxl/csxl.unc.edu/issues/624)
    """
    rows = list(csv.reader(io.StringIO((graded["report"] / "lms" / "canvas.csv").read_text(encoding="utf-8"))))
    header = rows[0]
    assert header[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert header[5:] == list(state(graded["report"])["exercises"])
    assert rows[1][0] == "Points Possible" and rows[1][1:5] == ["", "", "", ""]
    assert rows[1][5 + header[5:].index(EXERCISE)] == str(INFO.max_points)
    students = {row[3]: dict(zip(header, row)) for row in rows[2:]}
    ada = students["ada@uni.example"]  # from the roster
    assert (ada["Student"], ada["ID"], ada["SIS User ID"], ada["Section"]) == ("Lovelace, Ada", "101", "S-ADA", "Section A")
    assert float(ada[EXERCISE]) == AUTOMATIC + 2 and ada["ch1_features"] == ""  # not handed in: no grade
    assert students["late"]["Student"] == "late"  # not in the roster: the folder name is the login
    assert students["late"][EXERCISE] == ""  # written answer awaiting marks: no grade yet
    assert float(students["copycat"][EXERCISE]) == AUTOMATIC  # no written answer: nothing awaits, the grade is final


def test_the_moodle_file_has_an_identity_column_a_column_per_item_and_feedback(graded):
    """Moodle's CSV grade import maps one column to a user field (id, ID number, email address or
    username), each other column to a grade item or to an item's feedback; '-' is no grade.
    https://docs.moodle.org/311/en/Grade_import
    https://github.com/moodle/moodle/blob/main/grade/import/csv/classes/load_data.php (map_user_data_with_value)
    """
    rows = list(csv.reader(io.StringIO((graded["report"] / "lms" / "moodle.csv").read_text(encoding="utf-8"))))
    header = rows[0]
    assert header[:4] == ["ID number", "Email address", "Username", "Full name"]
    exercises = list(state(graded["report"])["exercises"])
    assert header[4:] == [column for name in exercises for column in (name, f"{name} (feedback)")]
    students = {row[3]: dict(zip(header, row)) for row in rows[1:]}
    ada = students["Lovelace, Ada"]
    assert ada["Email address"] == "ada@example.edu" and ada["Username"] == ""
    assert float(ada[EXERCISE]) == AUTOMATIC + 2 and ada["ch1_features"] == "-"
    assert ada[f"{EXERCISE} (feedback)"].startswith(f"{AUTOMATIC + 2} of {INFO.max_points} points.")
    assert "Q3.1 3/3" in ada[f"{EXERCISE} (feedback)"]
    zh = students["zh-student"]
    assert zh["Username"] == "zh-student" and "分" in zh[f"{EXERCISE} (feedback)"]  # in the student's language
    assert students["late"][EXERCISE] == "-"


def test_the_lms_readme_says_which_students_the_roster_lacks(graded):
    readme = (graded["report"] / "lms" / "README.txt").read_text(encoding="utf-8")
    assert "Students missing from the roster" in readme and "copycat" in readme
    index = Page(graded["report"] / "index.html")
    assert "No roster was given" not in index.text


# -- feedback and summary pages ------------------------------------------------------------------


def test_feedback_shows_titles_answers_verdicts_and_hints(graded):
    page = feedback(graded["report"], "percent")
    assert "Question 3.2 — how much of the growth is TFP?" in page.text
    shown = state(graded["report"])
    percent = next(r for r in shown["results"] if r["student"] == "percent" and r["exercise"] == EXERCISE)
    value = percent["answers"]["Q3.2"]["shown"]
    assert float(value) == pytest.approx(100 * class_stats.expected_value("Q3.2")[0], rel=1e-5) and value in page.text
    line = next(r["message"] for r in read_csv(graded["report"] / "grades.csv") if (r["student"], r["question"]) == ("percent", "Q3.2"))
    hint = line.partition("points. ")[2]
    assert "Not yet right" in page.text and hint and hint in page.text  # the hint the check cell gave
    assert "years_to_double(0.02) → 35.0028" in page.text  # the case a function was tried on
    assert "0.001" not in page.text  # never a hidden check's cases


def test_an_override_shows_its_points_and_comment_and_survives_regrading(graded):
    page = feedback(graded["report"], "wrong")
    assert "1.5 / 3" in page.text and "set by the instructor; the grader gave 0" in page.text
    assert f"Instructor: {MARKUP_COMMENT}" in page.text
    assert "onerror" not in page.attributes
    index = Page(graded["report"] / "index.html")
    assert f"wrong {EXERCISE} Q3.1 0 / 3 1.5 / 3 {MARKUP_COMMENT}" in index.text
    merged = {row["student"]: row for row in graded["merged_gradebook"][1:]}
    _possible, book = table(graded["report"], "gradebook.csv")
    assert book["wrong"][EXERCISE] == merged["wrong"][EXERCISE]  # after --only wrong
    rows = {r["question"]: r for r in read_csv(graded["report"] / "grades.csv") if r["student"] == "wrong"}
    assert (rows["Q3.1"]["status"], rows["Q3.1"]["points"], rows["Q3.1"]["grader_points"]) == ("wrong", "1.5", "0")


def test_the_chinese_students_pages_are_in_chinese(graded):
    page = feedback(graded["report"], "zh-student")
    assert "第3.1题——韩国的索洛余值" in page.text and "Question 3.1" not in page.text
    summary = Page(graded["report"] / "summary" / "zh-student.html")
    assert "练习三" in summary.text and "理由清楚。" in page.text


def test_the_summary_lists_every_exercise_with_its_state(graded):
    summary = Page(graded["report"] / "summary" / "late.html")
    assert "Exercise 3: growth accounting, allocation and doubling time" in summary.text
    assert "Not handed in." in summary.text  # the other chapters
    assert "3 day(s) after the deadline" in summary.text
    assert f"Total {AUTOMATIC * 0.7:g} / " in summary.text
    text = (graded["report"] / "summary" / "late.html").read_text(encoding="utf-8")
    assert f'href="../feedback/late/{EXERCISE}.html"' in text


# -- the marking view ---------------------------------------------------------------------------------


def test_the_marking_view_renders_answers_safely_with_counts_and_guides(graded):
    path = graded["report"] / "written_answers.html"
    page, text = Page(path), path.read_text(encoding="utf-8")
    assert "<strong>residual</strong>" in text and "&lt;b&gt;Not&lt;/b&gt;" in text  # Markdown, raw HTML as text
    assert "18 words" in page.text  # "1.4%" is one word, the markup's letters are words
    assert f"{len(ESSAY_ZH) - 2} words" in page.text  # each Chinese character counts; punctuation does not
    guide = state(graded["report"])["exercises"][EXERCISE]["questions"][-1]["guide"]["en"]
    assert " ".join(guide.split()[:8]) in page.text
    assert "Model answer" not in page.text
    assert "marked 2 / 2" in page.text and "Clear and exact." in page.text
    assert f"--out {graded['report']}" in page.text and "make grade-merge" in page.text
    for student_page in [*(graded["report"] / "feedback").rglob("*.html"), *(graded["report"] / "summary").glob("*.html")]:
        assert " ".join(guide.split()[:8]) not in Page(student_page).text, student_page


# -- the class picture ---------------------------------------------------------------------------------


def test_the_class_picture_has_three_plots_with_alt_text_and_readings(graded):
    index = Page(graded["report"] / "index.html")
    assert len(index.images) == 3
    for image in index.images:
        picture = Image.open(graded["report"] / image["src"])
        assert picture.size == (int(image["width"]), int(image["height"]))
        colours = picture.convert("RGB").getcolors(maxcolors=100_000)
        assert len(colours) > 20, image["src"]  # drawn, not blank
        assert len(image["alt"]) > 40
    percent = f"{100 * class_stats.expected_value('Q3.2')[0]:.3g}"
    assert "Q3.2 (ch3_tfp) was the hardest: 4 of 9 right." in index.text
    assert f"The most common wrong answer was {percent}, given by 2 students: a percent for a fraction." in index.text


def test_the_wrong_answers_table_shows_student_answers_escaped(graded):
    index = Page(graded["report"] / "index.html")
    assert f"{MARKUP_ANSWER!r} × 1" in index.text
    assert "script" not in index.tags


def test_similarity_lists_the_renamed_copy_and_changes_no_points(graded):
    pairs = state(graded["report"])["similarity"]
    names = [tuple(pair["students"]) for pair in pairs]
    assert ("ada", "copycat") in names
    assert not any("untouched" in pair or "absent" in pair for pair in names)
    _possible, book = table(graded["report"], "gradebook.csv")
    assert float(book["copycat"][EXERCISE]) == AUTOMATIC


# -- every page escapes student text -------------------------------------------------------------------


def test_student_text_is_text_on_every_page(graded):
    report = graded["report"]
    pages = [*report.glob("*.html"), *(report / "feedback").rglob("*.html"), *(report / "summary").glob("*.html")]
    seen = ""
    for path in pages:
        page = Page(path)
        assert "script" not in page.tags and "onerror" not in page.attributes, path
        assert all(image["src"].startswith("class/") for image in page.images), path
        seen += page.text
    for text in (MARKUP_NAME, MARKUP_ANSWER, MARKUP_COMMENT):
        assert text in seen
    assert (report / "summary" / f"{MARKUP_NAME}.html").is_file()


# -- the marking sheet's errors ------------------------------------------------------------------------


def test_an_override_out_of_range_is_refused_naming_line_question_and_range(graded, tmp_path):
    report = tmp_path / "report"
    shutil.copytree(graded["report"], report)
    sheet_before = (report / "manual_scores.csv").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(f"student,exercise,question,points,comment\nada,{EXERCISE},Q3.2,0.5,\nwrong,{EXERCISE},Q3.1,4,\n", encoding="utf-8")
    refused = grade("--out", report, "--manual", bad)
    assert refused.returncode == 2
    assert f"line 3: 4 points for wrong/{EXERCISE}/Q3.1 is outside 0 to 3" in refused.stderr
    assert (report / "manual_scores.csv").read_bytes() == sheet_before


def test_a_bad_line_in_the_reports_own_sheet_is_kept_and_reported(graded, tmp_path):
    report = tmp_path / "report"
    shutil.copytree(graded["report"], report)
    sheet = report / "manual_scores.csv"
    text = sheet.read_text(encoding="utf-8").replace(f"wrong,{EXERCISE},Q3.1,3,0,1.5,", f"wrong,{EXERCISE},Q3.1,3,0,7,")
    assert ",7," in text
    sheet.write_text(text, encoding="utf-8")
    again = grade("--out", report)
    assert again.returncode == 0, again.stderr
    assert f"7 points for wrong/{EXERCISE}/Q3.1 is outside 0 to 3" in again.stderr
    assert f"wrong,{EXERCISE},Q3.1,3,0,7," in sheet.read_text(encoding="utf-8")  # kept as typed
    assert "outside 0 to 3" in Page(report / "index.html").text
    _possible, book = table(report, "gradebook.csv")
    assert float(book["wrong"][EXERCISE]) < float({r["student"]: r for r in graded["merged_gradebook"][1:]}["wrong"][EXERCISE])


def test_the_instructors_pages_can_be_in_chinese(graded, tmp_path):
    report = tmp_path / "report"
    shutil.copytree(graded["report"], report)
    again = grade("--out", report, "--language", "zh_CN")
    assert again.returncode == 0, again.stderr
    text = (report / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in text and "评分报告" in text and "Grading report" not in text
    assert "最难" in Page(report / "index.html").text
    english = (graded["report"] / "class" / "success.png").read_bytes()
    assert (report / "class" / "success.png").read_bytes() != english  # the labels are redrawn in Chinese
    assert state(report)["language"] == "zh_CN"
