"""The graded notebook's steps: where cells a student added go, and how the grader drives the
runner that runs every step in one request (capture.py).

A stand-in kernel answers each request with what a real one reports: the steps that began and
ended, the one that never ended, how the request itself ended. The grader must give every cell of
the graded notebook exactly one run, carry on after the last cell that began (never running a
cell twice), blame a dying kernel on the cell it died in, and stop without reading answers when
the runner's name no longer holds the runner it installed.
"""

import secrets

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell

from productive_forces.grade.assemble import build_plan, read_submission
from productive_forces.grade.capture import REPLACED, RUNNER_NAME
from productive_forces.grade.kernel import CellRun, KernelStartError, Limits, StepsRun
from productive_forces.grade.submission import _execute, _steps
from productive_forces.grade.synthetic import answers, student_notebook
from tests.notebooks import ROOT
from tests.test_grade import EXERCISE_INFO, STUDENT_COPY

IDENTITY = "<function install.<locals>.run at 0x7f00>"


class StandInKernel:
    """Answers run_steps with the prepared batches, one per request, and records the requests."""

    def __init__(self, tmp_path, batches, dies_after=None):
        self.cwd, self.batches, self.requests, self.dies_after = tmp_path, list(batches), [], dies_after

    def alive(self):
        return self.dies_after is None or len(self.requests) < self.dies_after

    def run_steps(self, code, marker_type, nonce, timeout, slack):
        self.requests.append(code)
        return self.batches.pop(0)

    def log_tail(self, size):
        return ""


@pytest.fixture
def plan():
    notebook = student_notebook(STUDENT_COPY, answers(EXERCISE_INFO, "right"))
    data = nbformat.writes(notebook).encode()
    return build_plan(EXERCISE_INFO, read_submission(data).cells, secrets.token_hex(16)), data


def batch(steps, ended, unfinished=None, ready=IDENTITY, reply=None):
    """A StepsRun in which the given steps ended (ok) and unfinished began without ending."""
    result = StepsRun(ready=ready, reply=reply or {"status": "ok"})
    for index in ended:
        result.cells[index] = CellRun()
        result.ended.append(index)
    if unfinished is not None:
        result.cells[unfinished] = CellRun(status="error", ename="KeyboardInterrupt")
        result.unfinished = unfinished
    return result


def execute(tmp_path, plan, batches, dies_after=None):
    plan, data = plan
    kernel = StandInKernel(tmp_path, batches, dies_after)
    runs = _execute(plan, EXERCISE_INFO, kernel, Limits(), "n" * 32, {"data": data}, {"language": "en"})
    return kernel, runs


def test_the_whole_notebook_runs_in_one_request(tmp_path, plan):
    steps = _steps(plan[0])
    kernel, runs = execute(tmp_path, plan, [batch(steps, range(len(steps)))])
    assert len(kernel.requests) == 1 and "kernel_side" in kernel.requests[0]
    assert sorted(runs["cells"]) == sorted(number for number, _step in steps)


def test_after_an_interruption_the_next_request_starts_after_the_cell_that_began(tmp_path, plan):
    steps = _steps(plan[0])
    first = batch(steps, range(5), unfinished=5, reply={"status": "error", "ename": "KeyboardInterrupt"})
    kernel, runs = execute(tmp_path, plan, [first, batch(steps, range(6, len(steps)), ready=None)])
    assert len(kernel.requests) == 2
    assert kernel.requests[1].startswith(f"{RUNNER_NAME}(6, ") and repr(IDENTITY) in kernel.requests[1]
    assert sorted(runs["cells"]) == sorted(number for number, _step in steps)  # each cell once, none twice
    assert runs["cells"][steps[5][0]].ename == "KeyboardInterrupt"


def test_a_replaced_runner_reads_no_more_answers(tmp_path, plan):
    steps = _steps(plan[0])
    refused = {"status": "error", "ename": "NameError", "evalue": f"name '{REPLACED}' is not defined"}
    first = batch(steps, range(3), unfinished=3, reply={"status": "error", "ename": "RuntimeError"})
    kernel, runs = execute(tmp_path, plan, [first, batch(steps, [], ready=None, reply=refused)])
    captures = [number for number, step in steps[4:] if "capture" in step]
    assert captures and all(REPLACED in runs["cells"][number].evalue for number in captures)


def test_a_kernel_that_dies_unannounced_is_blamed_on_the_next_cell(tmp_path, plan):
    steps = _steps(plan[0])
    kernel, runs = execute(tmp_path, plan, [batch(steps, range(7))], dies_after=1)
    planned, status = runs["died"]
    assert planned is plan[0].cells[steps[7][0]] and status == "dead"


def test_a_kernel_that_cannot_install_the_runner_is_the_graders_fault(tmp_path, plan):
    with pytest.raises(KernelStartError, match="could not prepare the grading"):
        execute(tmp_path, plan, [batch([], [], ready=None, reply={"status": "error", "evalue": "MemoryError"})])


# -- where added cells go ----------------------------------------------------------------------------


def test_added_cells_follow_the_cell_they_follow_in_the_students_notebook():
    notebook = student_notebook(STUDENT_COPY, answers(EXERCISE_INFO, "right"))
    after_answer = next(number for number, cell in enumerate(notebook.cells) if cell.id == "q3-2-answer") + 1
    notebook.cells.insert(after_answer, new_code_cell("growth = g_y"))
    notebook.cells.insert(0, new_code_cell("import math"))
    notebook.cells.append(new_markdown_cell("My notes"))
    data = nbformat.writes(notebook).encode()
    plan = build_plan(EXERCISE_INFO, read_submission(data).cells, "n" * 32)
    anchors = [(added.source, anchor) for added, anchor in plan.added]
    assert anchors == [("import math", None), ("growth = g_y", "q3-2-answer"), ("My notes", "ch3ex-end")]
    ids = [cell.cell.id for cell in plan.cells]
    roles = {cell.student.source: (cell.role, number) for number, cell in enumerate(plan.cells) if cell.student is not None}
    assert roles["import math"] == ("added", 0)  # before every master cell, where the student put it
    assert roles["growth = g_y"][0] == "added" and ids[roles["growth = g_y"][1] - 1] == "q3-2-answer"  # before the check
    assert roles["My notes"] == ("markdown", len(ids) - 1)


def test_a_notebook_without_cell_ids_adds_only_the_cells_the_master_does_not_have():
    notebook = student_notebook(ROOT / "exercises" / "zh" / "ch3_tfp.ipynb", answers(EXERCISE_INFO, "right"))
    notebook.cells.insert(5, new_code_cell("print('trying something')"))
    raw = nbformat.writes(notebook)
    old = nbformat.reads(raw, as_version=4)
    for cell in old.cells:  # as an old Jupyter saved it: no ids, tags kept
        del cell["id"]
    old.nbformat_minor = 4
    data = nbformat.writes(old, version=4).encode()
    plan = build_plan(EXERCISE_INFO, read_submission(data).cells, "n" * 32)
    assert [added.source for added, _anchor in plan.added] == ["print('trying something')"]
