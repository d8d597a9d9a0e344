"""The grader's report pages, its output comparison and its time limit, on notebooks students really ran.

A course of one exercise: the chapter 3 master with a demonstration cell (it prints a number from
the data, which the grader compares with the master's output, as nbval would) and a written answer.
Each student's notebook is the exercise with answers typed in and then run top to bottom with
nbclient, as a student does before handing it in. Student-controlled text carries HTML into every
place it can reach: the student's folder name, a stray file's name, an exception's message, a
code comment, a written answer and the instructor's comment; every HTML page of the report must
show it as text, never as markup.
"""

import csv
import html.parser
import subprocess
import sys
import time

import nbformat
import pytest

from productive_forces.exercises.assign import make_exercise
from productive_forces.grade.course import load_exercise
from productive_forces.grade.synthetic import answers
from tests.notebooks import ROOT, run

EXERCISE = "ch3_tfp"
MASTER = ROOT / "solutions" / f"{EXERCISE}.ipynb"
TIMEOUT = 4  # seconds per cell


def attack(where):
    """Student text that is markup if a page forgets to escape it."""
    return f"<script>alert('{where}')</script><img src=x onerror=alert('{where}')>"


NAME = "<img src=x onerror=alert('name')>"  # a folder name may hold any character but the slash
FILE = "<img src=x onerror=alert('file')>.ipynb"


def grade(*args):
    return subprocess.run(
        [sys.executable, "-m", "productive_forces.grade", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Markup(html.parser.HTMLParser):
    """The tags and attributes a page really has, and its text as a reader sees it."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.text, self.images = set(), set(), [], []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes |= {name for name, _value in attrs}
        if tag == "img":
            self.images.append(dict(attrs))

    def handle_data(self, data):
        self.text.append(data)


def course(base):
    """The master with a demonstration cell after Q3.1 and a written answer; its exercise."""
    master = nbformat.read(MASTER, as_version=4)
    from productive_forces.data import load_pwt

    demo = nbformat.v4.new_code_cell(
        'print(load_pwt("KOR").at(2019)["emp"])',
        outputs=[nbformat.v4.new_output("stream", name="stdout", text=f'{load_pwt("KOR").at(2019)["emp"]}\n')],
    )
    demo.id = "demo-array"
    written = nbformat.v4.new_markdown_cell(
        "**Your answer:**\n\n<!-- BEGIN SOLUTION -->\nInputs leave the residual unexplained.\n<!-- END SOLUTION -->",
        metadata={"tags": ["written-answer"], "grading": {"question": "Q3.W", "points": 2}},
    )
    written.id = "q3-w-answer"
    position = next(i for i, cell in enumerate(master.cells) if cell.id == "q3-1-check") + 1
    master.cells[position:position] = [demo, written]
    for folder in ("solutions", "exercises"):
        (base / folder).mkdir()
    nbformat.write(master, base / "solutions" / f"{EXERCISE}.ipynb")
    nbformat.write(make_exercise(master), base / "exercises" / f"{EXERCISE}.ipynb")
    return base / "exercises" / f"{EXERCISE}.ipynb"


def hand_in(submissions, student, exercise, sources, execute=True, folder_files=()):
    """The exercise with these cells' sources, run top to bottom (errors allowed) and saved."""
    notebook = nbformat.read(exercise, as_version=4)
    for cell in notebook.cells:
        if cell.id in sources:
            cell.source = sources[cell.id]
    if execute:
        notebook = run(notebook)
    (submissions / student).mkdir(parents=True)
    nbformat.write(notebook, submissions / student / f"{EXERCISE}.ipynb")
    for name in folder_files:
        (submissions / student / name).write_text("{}", encoding="utf-8")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("reports")
    exercise = course(base)
    info = load_exercise(EXERCISE, base / "solutions" / f"{EXERCISE}.ipynb")
    right = answers(info, "right")
    submissions = base / "submissions"
    hand_in(submissions, NAME, exercise, {**right, "q3-w-answer": attack("written")}, folder_files=[FILE])
    hand_in(submissions, "raiser", exercise, {**right, "q3-1-answer": f'raise ValueError("{attack("error")}")'})
    hand_in(submissions, "commenter", exercise, {
        **right,
        "q3-1-answer": f"# {attack('comment')}\nfrom productive_forces.exercises.questions import QUESTIONS\n"
                       "residual = QUESTIONS['Q3.1'].expected()",
    })  # fmt: skip
    # Reuses the name of the exercise's data loader for a table of its own: the demonstration breaks.
    shadow = right["q3-1-answer"] + '\nload_pwt = {"KOR": "my notes"}.get'
    hand_in(submissions, "shadower", exercise, {**right, "q3-1-answer": shadow})
    report = base / "report"
    folders = ("--solutions", base / "solutions", "--exercises", base / "exercises")
    completed = grade(submissions, "--out", report, "--jobs", 2, "--timeout", TIMEOUT, *folders)
    assert completed.returncode == 0, completed.stderr
    sheet = base / "scores.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["student", "exercise", "question", "points", "comment"],
            [NAME, EXERCISE, "Q3.W", "1", attack("instructor")],
        ])  # fmt: skip
    merged = grade("--out", report, "--manual", sheet)
    assert merged.returncode == 0, merged.stderr
    return {"base": base, "report": report, "submissions": submissions, "exercise": exercise, "right": right,
            "folders": folders, "stdout": completed.stdout}  # fmt: skip


def flags(graded, student):
    return [row for row in read_csv(graded["report"] / "flags.csv") if row["student"] == student]


def rows(graded, student):
    return {row["question"]: row for row in read_csv(graded["report"] / "grades.csv") if row["student"] == student}


def pages(report):
    return sorted(report.glob("*.html")) + sorted((report / "feedback").rglob("*.html"))


def test_every_page_shows_student_text_as_text_never_as_markup(graded):
    report = graded["report"]
    seen = ""
    for page in pages(report):
        markup = Markup(page.read_text(encoding="utf-8"))
        assert "script" not in markup.tags, page
        assert "onerror" not in markup.attributes, page
        # The only images are the report's own plots of the class, each with its alt text.
        assert all(image["src"].startswith("class/") and image["alt"] for image in markup.images), (page, markup.images)
        seen += "".join(markup.text)
    # ...and the text did reach the pages, escaped: each kind of student text is on some page.
    for where in ("name", "file", "error", "written", "instructor"):
        assert f"alert('{where}')" in seen, f"the {where} text is on no page"


def test_the_feedback_page_of_a_student_with_a_markup_name_is_in_a_folder_of_that_name(graded):
    page = graded["report"] / "feedback" / NAME / f"{EXERCISE}.html"
    text = "".join(Markup(page.read_text(encoding="utf-8")).text)
    assert NAME in text and attack("instructor") in text
    index = (graded["report"] / "index.html").read_text(encoding="utf-8")
    assert "%3Cimg%20src%3Dx%20onerror%3Dalert%28%27name%27%29%3E/ch3_tfp.html" in index  # the link, quoted


def test_an_exception_message_is_reported_escaped_and_the_answer_earns_nothing(graded):
    raiser = rows(graded, "raiser")
    assert raiser["Q3.1"]["status"] == "error" and raiser["Q3.1"]["points"] == "0"
    page = (graded["report"] / "feedback" / "raiser" / f"{EXERCISE}.html").read_text(encoding="utf-8")
    text = "".join(Markup(page).text)
    assert f"Your answer cell raised ValueError: {attack('error')}." in text


def test_a_changed_demonstration_output_is_flagged_output_differs_and_only_that(graded):
    printed = flags(graded, "shadower")
    assert [(row["kind"], row["cell"]) for row in printed] == [("output-differs", "demo-array")]
    assert "stdout" in printed[0]["detail"], printed[0]["detail"]  # what nbval says is missing
    assert {row["status"] for row in rows(graded, "shadower").values()} <= {"correct", "manual", "missing"}


def test_each_student_gets_exactly_the_flags_their_notebook_deserves(graded):
    kinds = {student: sorted(row["kind"] for row in flags(graded, student))
             for student in (NAME, "raiser", "commenter", "shadower")}  # fmt: skip
    assert kinds == {
        NAME: ["unmatched-file"],
        "raiser": [],
        "commenter": ["suspicious-code"],
        "shadower": ["output-differs"],
    }
    commenter = flags(graded, "commenter")[0]
    assert "productive_forces.exercises.questions" in commenter["detail"]


def test_the_time_limit_given_is_the_one_applied(graded, tmp_path):
    """A runaway cell is stopped after --timeout seconds, said in its verdict, and the run ends soon after."""
    submissions = tmp_path / "runaway"
    hand_in(submissions, "runaway", graded["exercise"], {**graded["right"], "q3-1-answer": "while True:\n    pass"},
            execute=False)  # fmt: skip
    limit = 2
    start = time.monotonic()
    completed = grade(submissions, "--out", tmp_path / "report", "--jobs", 1, "--timeout", limit, *graded["folders"])
    elapsed = time.monotonic() - start
    assert completed.returncode == 0, completed.stderr
    runaway = {row["question"]: row for row in read_csv(tmp_path / "report" / "grades.csv")}
    assert runaway["Q3.1"]["status"] == "timeout"
    assert runaway["Q3.1"]["message"].endswith(f"ran longer than {limit} s and was stopped."), runaway["Q3.1"]
    assert runaway["Q3.3a"]["status"] == "correct"  # the kernel went on after the stopped cell
    assert limit <= elapsed < limit + 20, f"grading took {elapsed:.1f} s with --timeout {limit}"
