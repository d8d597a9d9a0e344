"""The instructor grader on a synthetic class built from the real chapter 3 exercise.

One grading run (module fixture) covers right, wrong, partly right, untouched, tampered, broken,
runaway and memory-hungry submissions; the tests then read its report. The submissions are made
in code from exercises/ch3_tfp.ipynb and the master's solutions, so they follow the exercise when
it changes. A second, smaller run uses a copy of the chapter 3 master with a written answer added,
for manual marking and re-grading.
"""

import csv
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from productive_forces.exercises import verdict
from productive_forces.exercises.assign import make_exercise
from productive_forces.grade.assemble import Unreadable, match_cells, read_submission
from productive_forces.grade.course import load_exercise
from productive_forces.grade.report import ManualScoresError, read_manual
from productive_forces.grade.scan import scan
from productive_forces.grade.synthetic import answers, solution_source
from tests.notebooks import ROOT

EXERCISE = "ch3_tfp"
MASTER = ROOT / "solutions" / f"{EXERCISE}.ipynb"
STUDENT_COPY = ROOT / "exercises" / f"{EXERCISE}.ipynb"
TIMEOUT = 5  # seconds per cell in these runs


def grade(*args, cwd=ROOT):
    """Run the grader's command line; return the completed process."""
    return subprocess.run(
        [sys.executable, "-m", "productive_forces.grade", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def fingerprint(folder):
    """{relative path: sha256} of every file under folder."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file()
    }


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# -- the synthetic class ----------------------------------------------------------------------

EXERCISE_INFO = load_exercise(EXERCISE, MASTER)
# The points the grader awards on its own; the exercise's written answer awaits the instructor (0 until marked).
POINTS = {q.id: q.points for q in EXERCISE_INFO.questions if q.kind != "written"}
FULL = sum(POINTS.values())
ANSWER_OF = {q.id: q.answer_cell for q in EXERCISE_INFO.questions}  # question -> master answer cell id
RIGHT = answers(EXERCISE_INFO, "right")
EXPECTED_Q31 = "QUESTIONS['Q3.1'].expected()"


def notebook_with(sources, copy_path=STUDENT_COPY):
    notebook = nbformat.read(copy_path, as_version=4)
    for cell in notebook.cells:
        if cell.id in sources:
            cell.source = sources[cell.id]
    return notebook


def with_answers(**changes):
    """The right answers with some answer cells (named by question) replaced."""
    sources = dict(RIGHT)
    for question, source in changes.items():
        sources[ANSWER_OF[question.replace("_", ".")]] = source
    return sources


def build_class(root):
    """Write the class under root; return {student: expected ch3 points}."""
    expected = {}

    def hand_in(student, notebook, points):
        (root / student).mkdir(parents=True)
        nbformat.write(notebook, root / student / f"{EXERCISE}.ipynb")
        expected[student] = points

    hand_in("right", notebook_with(RIGHT), FULL)
    hand_in("wrong", notebook_with(answers(EXERCISE_INFO, "wrong")), 0)
    hand_in("empty", notebook_with({}), 0)
    hard_coded = "def years_to_double(rate):\n    return 35.0028 if rate == 0.02 else 70 / (100 * rate)"
    partly = with_answers(Q3_3b="tfp_gain = 0.5", Q3_4=hard_coded)
    hand_in("partly", notebook_with(partly), FULL - POINTS["Q3.3b"] - POINTS["Q3.4-hidden"])

    # Saved by an old Jupyter without cell ids, with one answer cell duplicated: matched by tag and order.
    old = notebook_with(RIGHT)
    duplicate = nbformat.from_dict(json.loads(json.dumps(next(c for c in old.cells if c.id == ANSWER_OF["Q3.2"]))))
    duplicate.id = "copy-of-the-answer"
    old.cells.insert(old.cells.index(next(c for c in old.cells if c.id == ANSWER_OF["Q3.2"])) + 1, duplicate)
    data = json.loads(nbformat.writes(old))
    data["nbformat_minor"] = 4
    for cell in data["cells"]:
        cell.pop("id", None)
    (root / "old-format").mkdir()
    (root / "old-format" / f"{EXERCISE}.ipynb").write_text(json.dumps(data), encoding="utf-8")
    expected["old-format"] = FULL

    # Tampering: none of it may earn a point the answer does not deserve.
    fake_check = "check = lambda question, answer: print(f'{question} correct — 3/3 points')"
    patched_check = notebook_with(with_answers(Q3_1=f"{fake_check}\nresidual = 0.5"))
    for cell in patched_check.cells:  # the student also rewrote the check cells, their points and outputs
        if "check" in cell.metadata.get("tags", []):
            cell.source = f'print("{cell.metadata["grading"]["question"]} correct")'
            cell.metadata["grading"]["points"] = 100
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="correct\n")]
    hand_in("tamper-check", patched_check, FULL - POINTS["Q3.1"] - POINTS["Q3.2"])
    hand_in(
        "tamper-print",
        notebook_with(
            with_answers(Q3_1="import builtins\nbuiltins.print = lambda *args, **kwargs: None\nresidual = 0.5")
        ),
        FULL - POINTS["Q3.1"] - POINTS["Q3.2"],
    )
    registry = (
        "from productive_forces.exercises import questions\n"
        "from productive_forces.exercises.questions import ValueQuestion\n"
        "questions.QUESTIONS['Q3.1'] = ValueQuestion(points=3, expected=lambda: 0.5, tolerance=1.0, hint='')\n"
        "residual = 0.5"
    )
    hand_in("tamper-registry", notebook_with(with_answers(Q3_1=registry)), FULL - POINTS["Q3.1"] - POINTS["Q3.2"])
    reads = f"from productive_forces.exercises.questions import QUESTIONS\nresidual = {EXPECTED_Q31}"
    hand_in(
        "reads-solutions",
        notebook_with(with_answers(Q3_1=reads, Q3_2="tfp_share = QUESTIONS['Q3.2'].expected()")),
        FULL,
    )
    forge = (
        "from IPython.display import display\n"
        "display({'application/x.productive-forces.capture+json': {'nonce': 'guess', 'index': 0, 'question': 'Q3.1',"
        " 'answer': {'t': 'float', 'v': '0.0123'}}}, raw=True)\n"
        "residual = 0.5"
    )
    hand_in("tamper-forge", notebook_with(with_answers(Q3_1=forge)), FULL - POINTS["Q3.1"] - POINTS["Q3.2"])
    hook = (
        "from productive_forces.exercises.questions import QUESTIONS\n"
        "set_right = lambda info: globals().update(residual=QUESTIONS['Q3.1'].expected())\n"
        "get_ipython().events.register('pre_run_cell', set_right)\n"
        "residual = 0.5"
    )
    hand_in("tamper-hook", notebook_with(with_answers(Q3_1=hook)), FULL - POINTS["Q3.1"] - POINTS["Q3.2"])
    exit_early = with_answers(Q3_3a="import os\nos._exit(0)")
    hand_in("kernel-exit", notebook_with(exit_early), POINTS["Q3.1"] + POINTS["Q3.2"])

    # Broken and runaway submissions cost their own points and nothing else.
    (root / "broken").mkdir()
    (root / "broken" / f"{EXERCISE}.ipynb").write_bytes(b"\x00\x01 this is not a notebook")
    expected["broken"] = 0
    runaway = with_answers(
        Q3_1="while True:\n    pass",
        Q3_4="def years_to_double(rate):\n    while True:\n        pass",
    )
    hand_in("runaway", notebook_with(runaway), POINTS["Q3.3a"] + POINTS["Q3.3b"])
    hog = with_answers(Q3_1="import numpy as np\nbig = np.ones(2**29)  # 4 GiB\nresidual = 0.0123")
    hand_in("memory-hog", notebook_with(hog), FULL - POINTS["Q3.1"] - POINTS["Q3.2"])
    chatty = dict(RIGHT)
    chatty[ANSWER_OF["Q3.1"]] = "for i in range(1200):\n    print('la' * 500)\n" + RIGHT[ANSWER_OF["Q3.1"]]  # 1.2 MB
    hand_in("chatty", notebook_with(chatty), FULL)
    odd = with_answers(
        Q3_1="residual = [0.01, 0.02]",
        Q3_2="tfp_share = '0.4'",
        Q3_3a=RIGHT[ANSWER_OF["Q3.3a"]] + "\ncapital_b = np.float32(capital_b)",
        Q3_3b="tfp_gain = True",
        Q3_4="def years_to_double(rate):\n    return float('nan')",
    )
    hand_in("odd-types", notebook_with(odd), POINTS["Q3.3a"])

    # Files that match no exercise are listed, never guessed at; every student folder is in the gradebook.
    (root / "misnamed").mkdir()
    nbformat.write(notebook_with(RIGHT), root / "misnamed" / "Ch3_TFP (1).ipynb")
    expected["misnamed"] = 0
    (root / "no-notebook").mkdir()
    (root / "no-notebook" / "notes.txt").write_text("I could not do it", encoding="utf-8")
    expected["no-notebook"] = 0
    (root / "stray.ipynb").write_text("{}", encoding="utf-8")
    return expected


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("grading")
    submissions, report = base / "submissions", base / "report"
    expected = build_class(submissions)
    before = fingerprint(submissions)
    completed = grade(
        submissions, "--out", report, "--jobs", 2, "--timeout", TIMEOUT, "--memory", 2048, "--only", EXERCISE
    )
    return {
        "completed": completed,
        "expected": expected,
        "submissions": submissions,
        "report": report,
        "before": before,
        "after": fingerprint(submissions),
    }


def rows(graded, student):
    """The student's rows of grades.csv for the questions the grader marks on its own."""
    return {
        row["question"]: row
        for row in read_csv(graded["report"] / "grades.csv")
        if row["student"] == student and row["question"] in POINTS
    }


def flags(graded, student):
    return [row for row in read_csv(graded["report"] / "flags.csv") if row["student"] == student]


# -- the grading run --------------------------------------------------------------------------


def test_grading_runs_and_exits_zero(graded):
    completed = graded["completed"]
    assert completed.returncode == 0, completed.stderr
    assert "Report:" in completed.stdout


def test_submissions_are_byte_identical_after_grading(graded):
    assert graded["after"] == graded["before"]


def test_every_student_is_in_the_gradebook_with_the_expected_points(graded):
    possible, *students = read_csv(graded["report"] / "gradebook.csv")
    assert possible["student"] == "Points possible" and int(possible[EXERCISE]) == EXERCISE_INFO.max_points
    book = {row["student"]: row for row in students}
    assert set(book) == set(graded["expected"])
    for student, points in graded["expected"].items():
        handed_in = book[student][EXERCISE] != "NS"  # NS: not submitted, which counts 0
        assert handed_in == (student not in ("misnamed", "no-notebook")), student
        assert (float(book[student][EXERCISE]) if handed_in else 0) == points, (student, rows(graded, student))
        assert float(book[student]["total"]) == points


def test_right_answers_get_full_marks_and_no_flags(graded):
    for student in ("right", "old-format", "chatty"):
        assert {row["status"] for row in rows(graded, student).values()} == {"correct"}, student
    for student in ("right", "wrong", "partly", "empty", "old-format", "odd-types"):
        assert flags(graded, student) == [], student


def test_wrong_partly_and_untouched_answers(graded):
    assert {row["status"] for row in rows(graded, "wrong").values()} == {"wrong"}
    partly = rows(graded, "partly")
    assert partly["Q3.4"]["status"] == "correct" and partly["Q3.4-hidden"]["status"] == "wrong"
    assert partly["Q3.3b"]["status"] == "wrong"
    empty = rows(graded, "empty")
    assert {row["status"] for row in empty.values()} == {"missing"}
    assert empty["Q3.1"]["status"] == "missing"  # residual = ... was left as it was
    for question in ("Q3.4", "Q3.4-hidden"):  # the function's body is still the stub: missing, no method hint
        assert empty[question]["message"].endswith("Write the body of your function in place of ... and run the cell again.")
        assert "Hint" not in empty[question]["message"]


def test_answers_of_odd_types_get_the_same_verdict_as_in_the_notebook(graded):
    odd = rows(graded, "odd-types")
    assert odd["Q3.1"]["message"] == verdict("Q3.1", [0.01, 0.02]).message
    assert odd["Q3.2"]["message"] == verdict("Q3.2", "0.4").message
    assert odd["Q3.3b"]["message"] == verdict("Q3.3b", True).message
    assert odd["Q3.3a"]["status"] == "correct"
    assert odd["Q3.4"]["message"] == verdict("Q3.4", lambda rate: np.nan).message


@pytest.mark.parametrize("student, kind", [
    ("tamper-check", "check-mismatch"), ("tamper-print", "check-mismatch"), ("tamper-registry", "check-mismatch"),
    ("tamper-forge", "forged-capture"), ("tamper-hook", "suspicious-code"),
])  # fmt: skip
def test_tampering_earns_nothing_and_is_flagged(graded, student, kind):
    assert rows(graded, student)["Q3.1"]["status"] == "wrong"
    kinds = {row["kind"] for row in flags(graded, student)}
    assert kind in kinds, f"{student} was not flagged {kind}: {sorted(kinds)}"


def test_what_each_kind_of_tampering_is_flagged_for(graded):
    assert {"suspicious-code", "check-mismatch"} <= {row["kind"] for row in flags(graded, "tamper-check")}
    assert {"suspicious-code", "check-mismatch"} <= {row["kind"] for row in flags(graded, "tamper-print")}
    assert "check-mismatch" in {row["kind"] for row in flags(graded, "tamper-registry")}
    assert "forged-capture" in {row["kind"] for row in flags(graded, "tamper-forge")}


def test_reading_the_solutions_or_hooking_the_shell_is_flagged(graded):
    assert rows(graded, "reads-solutions")["Q3.1"]["status"] == "correct"  # the value is right...
    assert any("registry" in row["detail"] for row in flags(graded, "reads-solutions"))  # ...but flagged
    hook = " ".join(row["detail"] for row in flags(graded, "tamper-hook"))  # the hook cannot reach the capture
    assert "get_ipython" in hook


def test_a_kernel_that_exits_loses_the_rest_and_is_never_a_pass(graded):
    exited = rows(graded, "kernel-exit")
    assert exited["Q3.1"]["status"] == exited["Q3.2"]["status"] == "correct"
    for question in ("Q3.3a", "Q3.3b", "Q3.4", "Q3.4-hidden"):
        assert exited[question]["status"] == "error"
    assert {"kernel-died", "suspicious-code"} <= {row["kind"] for row in flags(graded, "kernel-exit")}


def test_broken_runaway_and_memory_hungry_submissions(graded):
    assert {row["status"] for row in rows(graded, "broken").values()} == {"unreadable"}
    runaway = rows(graded, "runaway")
    assert runaway["Q3.1"]["status"] == "timeout"
    assert runaway["Q3.4"]["status"] == runaway["Q3.4-hidden"]["status"] == "timeout"
    assert runaway["Q3.3a"]["status"] == "correct"
    hog = rows(graded, "memory-hog")
    assert hog["Q3.1"]["status"] == "error" and "MemoryError" in hog["Q3.1"]["message"]
    assert hog["Q3.3a"]["status"] == "correct"  # the kernel survived its own memory limit


def test_output_is_capped_in_the_graded_notebook(graded):
    notebook = nbformat.read(graded["report"] / "graded" / "chatty" / f"{EXERCISE}.ipynb", as_version=4)
    text = "".join(o.get("text", "") for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs)
    assert "output cut" in text
    assert len(text) < 1_200_000


def test_stray_files_are_listed_not_guessed_at(graded):
    unmatched = [row for row in read_csv(graded["report"] / "flags.csv") if row["kind"] == "unmatched-file"]
    files = {row["cell"] for row in unmatched}
    assert {"misnamed/Ch3_TFP (1).ipynb", "no-notebook/notes.txt", "stray.ipynb"} <= files
    assert "Ch3_TFP (1).ipynb" in graded["completed"].stdout
    assert {row["status"] for row in rows(graded, "misnamed").values()} == {"missing"}


def test_feedback_shows_verdicts_and_hints_but_no_solution_or_hidden_check(graded):
    master = nbformat.read(MASTER, as_version=4)
    secrets = set()
    for cell in master.cells:
        if "answer" in cell.metadata.get("tags", []):
            block = re.search(r"BEGIN SOLUTION\n(.*?)# END SOLUTION", cell.source, re.DOTALL).group(1)
            secrets |= {line.strip() for line in block.splitlines() if len(line.strip()) > 12 and "STUB" not in line}
        if "hidden-check" in cell.metadata.get("tags", []):
            secrets.add(cell.source.strip())
    pages = sorted((graded["report"] / "feedback").rglob("*.html"))
    assert len(pages) == len(graded["expected"])
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for secret in secrets:
            assert secret not in text and secret.replace('"', "&quot;") not in text, (page, secret)
        assert "BEGIN SOLUTION" not in text and "hidden-check" not in text
    partly = (graded["report"] / "feedback" / "partly" / f"{EXERCISE}.html").read_text(encoding="utf-8")
    assert "Q3.4-hidden" in partly and "Not yet right" in partly
    assert "Hint:" in partly


def test_graded_notebooks_take_check_cells_from_the_master(graded):
    notebook = nbformat.read(graded["report"] / "graded" / "tamper-check" / f"{EXERCISE}.ipynb", as_version=4)
    checks = [cell for cell in notebook.cells if "check" in cell.metadata.get("tags", [])]
    master_checks = [c for c in nbformat.read(MASTER, as_version=4).cells if "check" in c.metadata.get("tags", [])]
    assert [c.source for c in checks] == [c.source for c in master_checks]
    assert all(c.metadata["grading"] == m.metadata["grading"] for c, m in zip(checks, master_checks))


# -- written answers, manual marking and re-grading ------------------------------------------------


@pytest.fixture(scope="module")
def written_course(tmp_path_factory):
    """A course of one exercise: the chapter 3 master with a written answer added."""
    base = tmp_path_factory.mktemp("written")
    master = nbformat.read(MASTER, as_version=4)
    written = nbformat.v4.new_markdown_cell(
        "**Your answer:**\n\n<!-- BEGIN SOLUTION -->\n"
        "The residual is what inputs leave unexplained.\n<!-- END SOLUTION -->",
        metadata={"tags": ["written-answer"], "grading": {"question": "Q3.W", "points": 2}},
    )
    written.id = "q3-w-answer"
    master.cells.insert(3, written)
    (base / "solutions").mkdir()
    (base / "exercises").mkdir()
    nbformat.write(master, base / "solutions" / f"{EXERCISE}.ipynb")
    exercise = make_exercise(master)
    nbformat.write(exercise, base / "exercises" / f"{EXERCISE}.ipynb")
    submissions = base / "submissions"
    for student, text in (
        ("essayist", "It is <b>not</b> <script>alert(1)</script> measured directly."),
        ("silent", None),
    ):
        notebook = notebook_with(RIGHT, base / "exercises" / f"{EXERCISE}.ipynb")
        if text:
            next(c for c in notebook.cells if c.id == "q3-w-answer").source = text
        (submissions / student).mkdir(parents=True)
        nbformat.write(notebook, submissions / student / f"{EXERCISE}.ipynb")
    report = base / "report"
    folders = ("--solutions", base / "solutions", "--exercises", base / "exercises")
    completed = grade(submissions, "--out", report, "--jobs", 2, "--timeout", TIMEOUT, *folders)
    assert completed.returncode == 0, completed.stderr
    return {"base": base, "submissions": submissions, "report": report, "folders": folders}


def test_written_answers_await_the_instructor_and_are_exported_escaped(written_course):
    report = written_course["report"]
    statuses = {(r["student"], r["question"]): r["status"] for r in read_csv(report / "grades.csv")}
    assert statuses[("essayist", "Q3.W")] == "manual"
    assert statuses[("silent", "Q3.W")] == "missing"
    exported = (report / "written_answers.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in exported and "<script>alert" not in exported
    assert "The residual is what inputs leave unexplained" not in exported  # never the model answer
    sheet = read_csv(report / "manual_scores.csv")
    marked = [(r["student"], r["question"], r["points"]) for r in sheet if r["question"] == "Q3.W"]
    assert marked == [("essayist", "Q3.W", "")]
    feedback = (report / "feedback" / "essayist" / f"{EXERCISE}.html").read_text(encoding="utf-8")
    assert "Awaiting the instructor" in feedback


def test_manual_scores_merge_into_the_gradebook_and_survive_regrading(written_course):
    report, submissions = written_course["report"], written_course["submissions"]
    scores = written_course["base"] / "scores.csv"
    scores.write_text(
        "student,exercise,question,points,comment\nessayist,ch3_tfp,Q3.W,1.5,Clear but brief.\n", encoding="utf-8"
    )
    merged = grade("--out", report, "--manual", scores)
    assert merged.returncode == 0, merged.stderr
    book = {row["student"]: row for row in read_csv(report / "gradebook.csv")}
    assert float(book["essayist"]["total"]) == FULL + 1.5
    assert "Clear but brief." in (report / "feedback" / "essayist" / f"{EXERCISE}.html").read_text(encoding="utf-8")
    # Re-grading one student keeps the other's results and the instructor's marks.
    again = grade(submissions, "--out", report, "--only", "essayist", "--timeout", TIMEOUT, *written_course["folders"])
    assert again.returncode == 0, again.stderr
    book = {row["student"]: row for row in read_csv(report / "gradebook.csv")}
    assert float(book["essayist"]["total"]) == FULL + 1.5
    assert float(book["silent"]["total"]) == FULL


def test_a_bad_manual_sheet_is_refused_with_its_line(written_course, tmp_path):
    sheet = tmp_path / "bad.csv"
    sheet.write_text("student,exercise,question,max_points,points\nessayist,ch3_tfp,Q3.W,2,lots\n", encoding="utf-8")
    completed = grade("--out", written_course["report"], "--manual", sheet)
    assert completed.returncode == 2 and "line 2" in completed.stderr
    sheet.write_text("student,exercise,question,max_points,points\nessayist,ch3_tfp,Q3.W,2,5\n", encoding="utf-8")
    with pytest.raises(ManualScoresError, match="outside 0 to 2"):
        read_manual(sheet)


# -- the command line ---------------------------------------------------------------------------


def test_missing_submissions_folder_is_a_clear_error(tmp_path):
    completed = grade(tmp_path / "nowhere", "--out", tmp_path / "report")
    assert completed.returncode == 2
    assert "does not exist" in completed.stderr
    assert not (tmp_path / "report").exists()


def test_report_inside_submissions_is_refused(tmp_path):
    (tmp_path / "subs" / "ada").mkdir(parents=True)
    completed = grade(tmp_path / "subs", "--out", tmp_path / "subs" / "report")
    assert completed.returncode == 2 and "inside SUBMISSIONS" in completed.stderr
    assert sorted(p.name for p in (tmp_path / "subs").iterdir()) == ["ada"]


def test_no_exercises_is_a_clear_error(tmp_path):
    (tmp_path / "subs" / "ada").mkdir(parents=True)
    (tmp_path / "empty").mkdir()
    completed = grade(tmp_path / "subs", "--out", tmp_path / "report", "--exercises", tmp_path / "empty")
    assert completed.returncode == 2 and "no exercises found" in completed.stderr


# -- pieces -------------------------------------------------------------------------------------


def test_unreadable_files_say_why():
    for data in (b"\xff\xfe\x00", b"not json", b"[1, 2]", b'{"cells": 3}'):
        with pytest.raises(Unreadable):
            read_submission(data)


def test_answer_cells_match_by_id_then_by_tag_and_order():
    def cell(index, cell_id, tagged=True, source=""):
        from productive_forces.grade.assemble import StudentCell

        return StudentCell(index, cell_id, "code", source or f"cell {index}", frozenset({"answer"} if tagged else ()))

    masters = ["a", "b", "c"]
    known = {"a", "b", "c", "setup"}
    # ids intact, in a different order: matched by id
    matched = match_cells(masters, known, [cell(0, "c"), cell(1, "a"), cell(2, "b")], "code", "answer")
    assert {m: [c.index for c in cs] for m, cs in matched.items()} == {"a": [1], "b": [2], "c": [0]}
    # no ids at all: by order among tagged cells; an untagged extra cell is ignored
    matched = match_cells(
        masters, known, [cell(0, None), cell(1, None, tagged=False), cell(2, None), cell(3, None)], "code", "answer"
    )
    assert {m: [c.index for c in cs] for m, cs in matched.items()} == {"a": [0], "b": [2], "c": [3]}
    # b duplicated: both copies run, in order, between the answers matched by id
    matched = match_cells(masters, known, [cell(0, "a"), cell(1, "b"), cell(2, "b"), cell(3, "c")], "code", "answer")
    assert [c.index for c in matched["b"]] == [1, 2]
    # c missing
    matched = match_cells(masters, known, [cell(0, "a"), cell(1, "b")], "code", "answer")
    assert "c" not in matched
    # no ids, a duplicated a: each cell goes to the answer whose check follows it
    keys = {"a": "Qa", "b": "Qb", "c": "Qc"}
    students = [cell(0, None), cell(1, None), cell(2, None), cell(3, None)]
    for student, following in zip(students, ["Qa", "Qa", "Qb", "Qc"]):
        student.next_check = following
    matched = match_cells(masters, known, students, "code", "answer", keys)
    assert {m: [c.index for c in cs] for m, cs in matched.items()} == {"a": [0, 1], "b": [2], "c": [3]}


def test_scan_flags_the_machinery_and_not_ordinary_code():
    assert scan("residual = np.log(2) / 29\nprint(residual)") == []
    assert scan("%matplotlib inline\nimport re\npattern = re.compile('x')") == []
    assert scan('check("Q3.1", residual)') == []  # running a check again is fine
    assert [name for name, _, _ in scan("import os as system\nsystem._exit(0)")] == ["os._exit"]
    assert [name for name, _, _ in scan("from productive_forces.exercises.questions import QUESTIONS")] == [
        "productive_forces.exercises.questions"
    ]
    assert scan("check = print")[0][0] == "check"
    assert "get_ipython" in {name for name, _, _ in scan("!cat /etc/passwd")}


def test_synthetic_right_answers_are_the_masters_solutions():
    master = {cell.id: cell for cell in EXERCISE_INFO.master.cells}
    for answer_id in EXERCISE_INFO.answer_ids:
        assert "SOLUTION" not in RIGHT[answer_id]
        assert RIGHT[answer_id] == solution_source(master[answer_id].source)
