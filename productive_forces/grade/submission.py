"""Grade one submission: build its graded notebook, run it in a fresh kernel, judge every question.

The result is plain data (JSON-ready) so that it can cross process boundaries and be stored in
the report's results.json; the executed graded notebook travels with it for the report's
graded/ folder.

How a question's status is decided, in order:

- the file is not a notebook: ``unreadable``; no file was handed in: ``missing``;
- a written answer: ``manual`` (or ``missing`` if it is empty or still the placeholder; Markdown
  cells the student added after it are part of it);
- the capture read a value: ``verdict()`` in this process decides (``correct``, ``partial``,
  ``close``, ``wrong``, ``error`` when the student's function raised, ``missing`` for ``...`` or a
  function whose body is still the stub), or ``timeout`` when one of the function's calls ran out
  of time; if the verdict earns no points and the answer cell itself failed, the answer cell's
  failure (``error`` or ``timeout``) is reported instead, as the more useful explanation;
- the answer expression could not be evaluated (the name is undefined, say): ``missing`` if the
  answer cell is missing from the submission, else the answer cell's failure, else ``error``;
- no capture at all: the kernel died first (``error``: it exited or ran out of memory), or was
  killed after a time limit (``timeout``), or something suppressed the capture (``error``, flagged).

Besides each question's status, points (whole or half), detail and line, a result holds
``added_cells`` (every cell the student added: ``index`` in their notebook, ``id``, ``type``,
``after``, the master cell it follows, and for code ``status``, ``ok``, ``error``, ``timeout``,
``dead`` or ``not-run``, with ``error`` text; the report adds each one's ``source`` from the
graded notebook), ``written`` (each written answer's ``text``, with
``added_cells`` when Markdown cells the student added after it are part of it), and ``flags``,
among them ``verdict-mismatch`` (``question``, ``student_line``: the line saved in the student's
check cell, ``grader_line``: the grader's) for a question whose saved verdict differs.
"""

import json
import secrets
import time

import nbformat
from nbformat.v4 import new_notebook

from ..exercises.checks import CORRECT, ERROR, MISSING, PARTIAL
from ..exercises.contract import CHECK_TAG
from ..exercises.questions import QUESTIONS
from ..i18n import N_, _, ngettext, speaking
from .assemble import Unreadable, build_plan, read_submission, written_text
from .capture import (
    MANUAL,
    REPLACED,
    STEP_MIME,
    TIMEOUT,
    UNREADABLE,
    headline,
    install_code,
    judge,
    records,
    run_call,
)
from .compare import check_line_agrees, defined_names, loaded_names, outputs_match
from .course import ignores_output
from .kernel import CellRun, KernelStartError
from .scan import reference_names, scan

MAX_BYTES = 50 * 1024 * 1024  # a larger "notebook" is not read
LANGUAGE_CODE = "import productive_forces.i18n as _pf_i18n\n_pf_i18n.use_language({language!r})\ndel _pf_i18n\n"


def _question(question, status, points, detail):
    return {
        "question": question.id,
        "kind": question.kind,
        "status": status,
        "points": points,
        "max_points": question.points,
        "detail": detail,
        "message": headline(question.id, status, points, question.points, detail),
    }


def _result(task, exercise, state):
    return {
        "student": task["student"],
        "exercise": exercise.name,
        "file": task.get("file"),
        "sha256": task.get("sha256"),
        "state": state,  # graded, unreadable, not-submitted, grader-error
        "seconds": 0.0,
        "questions": [],
        "written": [],
        "flags": [],
        "notes": [],
        "added_cells": [],
        "notebook": None,
        "language": "en",  # the student's notebook's: verdicts and feedback are written in it
    }


def not_graded(task, exercise, state, status, detail):
    """The result for a submission that is never run: every question gets the same status."""
    result = _result(task, exercise, state)
    result["questions"] = [_question(q, status, 0, detail) for q in exercise.questions]
    return result


def grade_submission(task, exercise, pool, limits, registry=QUESTIONS):
    """Grade task = {"student", "file", "data" (bytes or None), "sha256"} against exercise."""
    started = time.monotonic()
    if task.get("data") is None:
        return not_graded(task, exercise, "not-submitted", MISSING, "No notebook was handed in for this exercise.")
    if len(task["data"]) > MAX_BYTES:
        return not_graded(task, exercise, "unreadable", UNREADABLE, f"The file is larger than {MAX_BYTES // 2**20} MB.")
    try:
        submission = read_submission(task["data"])
    except Unreadable as error:
        return not_graded(
            task, exercise, "unreadable", UNREADABLE, f"The file could not be read as a notebook: {error}."
        )

    nonce = secrets.token_hex(16)
    plan = build_plan(exercise, submission.cells, nonce)
    result = _result(task, exercise, "graded")
    result["language"] = submission.language
    flags = result["flags"]
    references = reference_names(exercise, registry)
    every_reference = {name: why for names in references.values() for name, why in names.items()}
    scanned = [(master_id, student, references.get(master_id)) for master_id, students in plan.answers.items() for student in students]
    scanned += [(_added_name(student), student, every_reference) for student, _anchor in plan.added if student.cell_type == "code"]
    for where, student, watched in scanned:
        findings = scan(student.source, watched)
        if findings:
            what = ", ".join(f"{name} (line {line}: {reason})" for name, line, reason in findings)
            flags.append({"kind": "suspicious-code", "cell": where, "detail": what})

    prepared = time.monotonic()
    kernel = pool.take()
    taken = time.monotonic()
    try:
        runs = _execute(plan, exercise, kernel, limits, nonce, task, result)
    finally:
        ran = time.monotonic()
        kernel.close()
    with speaking(submission.language):  # verdicts, hints and comments in the student's language
        _judge(plan, exercise, runs, limits, nonce, result)
        _report_added_cells(plan, runs, result)
    _compare_saved_verdicts(submission.cells, exercise, result)
    finished = time.monotonic()
    result["seconds"] = round(finished - started, 3)
    result["timing"] = {
        "prepare": round(prepared - started, 3),
        "kernel_wait": round(taken - prepared, 3),
        "run": round(ran - taken, 3),
        "judge": round(finished - ran, 3),
    }
    return result


#: how long a step may outlive its own limit before the grader interrupts it (its alarm failed)
STEP_SLACK = 1.0


def _steps(plan):
    """[(plan cell number, step)]: the graded notebook's code cells in order, as the runner takes them."""
    capture_of = {question.id: index for index, question in enumerate(plan.captures)}
    steps = []
    for number, planned in enumerate(plan.cells):
        if planned.role == "capture":
            steps.append((number, {"capture": planned.capture_index}))
        elif planned.role == "check":
            skip_if = [capture_of[question.id] for question in planned.questions]
            steps.append((number, {"source": planned.cell.source, "skip_if": skip_if}))
        elif planned.role in ("master", "answer", "added"):
            steps.append((number, {"source": planned.cell.source}))
    return steps


def _execute(plan, exercise, kernel, limits, nonce, task, result):
    """Run the plan; return what happened, cell by cell.

    The whole notebook normally runs in one request (see capture.py); if that request ends early
    (the runner was interrupted between two cells), the next request carries on after the last cell
    that started, so no cell runs twice.
    """
    (kernel.cwd / f"{exercise.name}.ipynb").write_bytes(task["data"])  # a copy: the kernel never sees SUBMISSIONS
    steps = _steps(plan)
    runs = {"cells": {}, "budget": None, "died": None, "notebook_timeout": False}
    deadline = time.monotonic() + limits.notebook_timeout
    first, identity = 0, None
    while first < len(steps) and kernel.alive():
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            runs["notebook_timeout"] = True
            break
        if identity is None:  # the first request installs the runner, then runs every step
            code, runs["budget"] = install_code(plan.captures, [step for _number, step in steps], nonce, limits.cell_timeout, remaining)
            if result["language"] != "en":  # the check cells print in the student's language, as in class
                code = LANGUAGE_CODE.format(language=result["language"]) + code
        else:
            code = run_call(first, remaining, identity)
        batch = kernel.run_steps(code, STEP_MIME, nonce, remaining + STEP_SLACK, STEP_SLACK)
        if identity is None:
            identity = batch.ready
            if identity is None:  # before any student code: the kernel itself is unusable
                why = (batch.reply or {}).get("evalue") or kernel.log_tail(600) or "no reply"
                raise KernelStartError(f"the kernel could not prepare the grading (--memory too low?): {why}")
        for index, run in batch.cells.items():
            number, planned = steps[index][0], plan.cells[steps[index][0]]
            planned.cell.outputs, planned.cell.execution_count = run.outputs, None
            runs["cells"][number] = run
            if run.status == "timeout" and batch.notebook_limited.get(index):
                runs["notebook_timeout"] = True
        if batch.stopped is not None:
            runs["notebook_timeout"] = True
            break
        reached = [index for index in (batch.unfinished, *batch.ended, *batch.skipped) if index is not None]
        if not kernel.alive():
            # The kernel died in the step that was running, or, if its start marker was lost with the
            # kernel, in the step after the last one heard of.
            dying = batch.unfinished if batch.unfinished is not None else max(reached, default=first - 1) + 1
            if dying < len(steps):
                run = batch.cells.get(dying) or CellRun(status="dead")
                runs["cells"][steps[dying][0]] = run
                runs["died"] = (plan.cells[steps[dying][0]], run.status)
            break
        if REPLACED in ((batch.reply or {}).get("evalue") or ""):
            for number, step in steps[first:]:  # nothing more runs: say so where each answer was to be read
                if "capture" in step:
                    runs["cells"][number] = CellRun(status="error", ename="NameError", evalue=batch.reply["evalue"])
            break
        if not reached:
            break  # the runner could not start (its request failed): nothing more can run
        first = max(reached) + 1
    return runs


def _answer_failure(plan, runs, master_id, cell_timeout):
    """('error', detail) / ('timeout', detail) if the answer cell failed when it ran, else None."""
    for number, planned in enumerate(plan.cells):
        if planned.role != "answer" or planned.master_id != master_id or number not in runs["cells"]:
            continue
        run = runs["cells"][number]
        if run.status == "timeout":
            return TIMEOUT, _("Your answer cell ran longer than {seconds:g} s and was stopped.").format(seconds=cell_timeout)
        if run.status == "error":
            evalue = f": {run.evalue[:200]}" if run.evalue else ""
            return ERROR, _("Your answer cell raised {error}{message}.").format(error=run.ename, message=evalue)
    return None


def _judge(plan, exercise, runs, limits, nonce, result):
    """Fill result with every question's status, points and detail, and the flags."""
    flags = result["flags"]
    captured = _collect_records(plan, runs, nonce, flags)
    by_question = {}
    for index, question in enumerate(plan.captures):
        record = captured.get(index)
        judged = judge(question, record, runs["budget"]) if record else None
        status, points, detail = _status(plan, runs, limits, index, question, record, judged, flags)
        by_question[question.id] = _question(question, status, points, detail)
        if judged is not None and judged[0] != TIMEOUT:
            _compare_check_cells(plan, runs, question, judged[3], flags)
    died = runs["died"]
    if died is not None and died[1] == "dead":
        cell = died[0].master_id or died[0].cell.get("id")
        flags.append(
            {
                "kind": "kernel-died",
                "cell": cell,
                "detail": "the kernel exited or was killed (memory limit?) while this cell ran",
            }
        )
    _compare_master_cells(plan, exercise, runs, flags)
    for question in exercise.questions:
        if question.kind == "written":
            by_question[question.id] = _written(plan, exercise, question, result)
    result["questions"] = [by_question[q.id] for q in exercise.questions]
    metadata = json.loads(json.dumps(exercise.master.metadata))
    notebook = new_notebook(cells=[planned.cell for planned in plan.cells], metadata=metadata)
    try:
        result["notebook"] = nbformat.writes(notebook)
    except (RecursionError, ValueError):  # an output nested too deeply to write: keep the cells, not the outputs
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.outputs = []
        result["notebook"] = nbformat.writes(notebook)
        result["notes"].append("The outputs of this notebook were too deeply nested to keep.")


def _collect_records(plan, runs, nonce, flags):
    """{capture index: record} for the genuine records of each capture cell; flag all others."""
    captured, refused = {}, set()
    for number, planned in enumerate(plan.cells):
        run = runs["cells"].get(number)
        where = planned.master_id or planned.cell.get("id")
        if planned.role == "capture" and run and REPLACED in run.evalue:
            detail = "the grader's capture function was replaced before this check; its answer was not read"
            flags.append({"kind": "capture-replaced", "cell": where, "detail": detail})
        for record in records(run.outputs) if run else []:
            genuine = record.get("nonce") == nonce
            if planned.role == "capture" and genuine and record.get("index") == planned.capture_index:
                if planned.capture_index in captured or planned.capture_index in refused:
                    # The capture sends one record: a second one with the nonce is forged.
                    captured.pop(planned.capture_index, None)
                    refused.add(planned.capture_index)
                    detail = "more than one capture record for this check; none was used"
                    flags.append({"kind": "forged-capture", "cell": where, "detail": detail})
                elif record.get("question") == planned.questions[0].id:
                    captured[planned.capture_index] = record
                continue
            if genuine:
                kind, detail = "capture-misused", "the grader's capture was called from student code"
            else:
                kind, detail = "forged-capture", "output imitating the grader's capture record"
            flags.append({"kind": kind, "cell": where, "detail": detail})
    return captured


MISSING_CELL = N_("The answer cell for this question is missing from the notebook.")


def _status(plan, runs, limits, index, question, record, judged, flags):
    """(status, points, detail) of one checked question; see the module doc for the order of rules."""
    missing_cell = question.answer_cell is not None and not plan.answers.get(question.answer_cell)
    failure = _answer_failure(plan, runs, question.answer_cell, limits.cell_timeout) if question.answer_cell else None
    if judged is not None:  # the capture read a value and verdict() judged it
        status, points, detail, _message = judged
        if status not in (CORRECT, PARTIAL) and failure is not None:
            return failure[0], 0, failure[1]
        return status, points, detail
    if record is not None:  # the answer expression itself failed
        answer = record.get("answer", {})
        if answer.get("t") == "timeout":
            return TIMEOUT, 0, _("Reading your answer took longer than the time limit.")
        if missing_cell:
            return MISSING, 0, _(MISSING_CELL)
        if failure is not None:
            return failure[0], 0, failure[1]
        message = answer.get("message", "")
        what = answer.get("type", "an error")
        return ERROR, 0, _("Reading your answer raised {error}{message}.").format(error=what, message=f": {message[:200]}" if message else "")
    # No record at all: the notebook stopped first, or something suppressed the capture.
    capture_ran = any(p.capture_index == index and n in runs["cells"] for n, p in enumerate(plan.cells))
    died = runs["died"]
    if runs["notebook_timeout"]:
        return (
            TIMEOUT,
            0,
            _(
                "The notebook ran longer than {seconds:g} s in all and was stopped "
                "before this question was checked."
            ).format(seconds=limits.notebook_timeout),
        )
    if died is not None and (not capture_ran or died[0].capture_index == index):
        if died[1] == "timeout":
            return (
                TIMEOUT,
                0,
                _("A cell ran past the time limit and the notebook was stopped before this question was checked."),
            )
        return (
            ERROR,
            0,
            _("The notebook stopped before this question was checked (the kernel exited or ran out of memory)."),
        )
    if missing_cell:
        return MISSING, 0, _(MISSING_CELL)
    detail = f"no capture record for {question.id} although its capture cell ran"
    flags.append({"kind": "capture-missing", "cell": question.cell_id, "detail": detail})
    return ERROR, 0, _("The grader could not read your answer.")


def _compare_check_cells(plan, runs, question, expected, flags):
    """The master's check cells, run in the student's kernel, must print the grader's verdict."""
    for number, planned in enumerate(plan.cells):
        if planned.role == "check" and question in planned.questions and number in runs["cells"]:
            ok, printed = check_line_agrees(runs["cells"][number].outputs, question.id, expected)
            if not ok:
                detail = f"the check cell printed {printed}; the grader's verdict is {expected!r}"
                flags.append({"kind": "check-mismatch", "cell": planned.master_id, "detail": detail})


def _compare_master_cells(plan, exercise, runs, flags):
    """Cells taken from the master are compared with its reference outputs, nbval's way."""
    masters = {cell.id: cell for cell in exercise.master.cells}
    answer_names = set()
    for answer_id in exercise.answer_ids:
        answer_names |= defined_names(masters[answer_id].source)
    for number, planned in enumerate(plan.cells):
        if planned.role != "master" or number not in runs["cells"] or ignores_output(masters[planned.master_id]):
            continue
        loads = loaded_names(planned.cell.source)
        if loads is None or loads & answer_names:
            continue  # its output depends on the student's answers
        ok, why = outputs_match(runs["cells"][number].outputs, masters[planned.master_id].get("outputs", []))
        if not ok:
            flags.append({"kind": "output-differs", "cell": planned.master_id, "detail": why})


def _written(plan, exercise, question, result):
    students = plan.written.get(question.cell_id, [])
    added = [student for student, anchor in plan.added if anchor == question.cell_id and student.cell_type == "markdown"]
    text = written_text(exercise, question.cell_id, students, added)
    if text is None:
        detail = _("The written answer is missing.") if not students else _("The written answer is still empty.")
        return _question(question, MISSING, 0, detail)
    entry = {"question": question.id, "cell": question.cell_id, "text": text, "max_points": question.points}
    if added:
        entry["added_cells"] = [student.index for student in added]
    result["written"].append(entry)
    return _question(question, MANUAL, 0, _("Awaiting the instructor."))


def _added_name(student):
    """How flags and results name a cell the student added: its id, else its place in the notebook."""
    return student.id or f"cell {student.index + 1}"


def _report_added_cells(plan, runs, result):
    """List the cells the student added in result["added_cells"] (see results.json), with a note."""
    listed = []
    for number, planned in enumerate(plan.cells):
        if planned.student is None:
            continue
        entry = {"index": planned.student.index, "id": planned.student.id, "type": planned.student.cell_type, "after": planned.master_id}
        if planned.role == "added":
            run = runs["cells"].get(number)
            entry["status"] = run.status if run else "not-run"
            if run is not None and run.status == "error":
                entry["error"] = f"{run.ename}: {run.evalue}"[:300]
        listed.append(entry)
    result["added_cells"] = listed
    code = [entry for entry in listed if entry["type"] == "code"]
    if code:
        failed = sum(1 for entry in code if entry["status"] != "ok")
        note = ngettext(
            "The code cell you added ran where you put it.",
            "The {count} code cells you added ran where you put them, in your notebook's order.",
            len(code),
        ).format(count=len(code))
        if failed:
            note = _("{sentence} {more}").format(
                sentence=note, more=_("{count} of them stopped with an error or ran too long.").format(count=failed)
            )
        result["notes"].append(note)


def _compare_saved_verdicts(student_cells, exercise, result):
    """Flag each question whose verdict line saved in the student's notebook (the check cell's last
    output) differs from the grader's, with both lines."""
    by_question = {question["question"]: question for question in result["questions"]}
    for question in exercise.questions:
        if question.kind != "check":
            continue
        saved = [
            line.rstrip()
            for cell in student_cells
            if cell.cell_type == "code" and (cell.id == question.cell_id or (CHECK_TAG in cell.tags and cell.question == question.id))
            for line in cell.printed.splitlines()
            if line.startswith(f"{question.id} ")
        ]
        grader = by_question[question.id]["message"]
        if saved and saved[-1] != grader:
            result["flags"].append(
                {
                    "kind": "verdict-mismatch",
                    "cell": question.cell_id,
                    "question": question.id,
                    "student_line": saved[-1],
                    "grader_line": grader,
                    "detail": f"the student's notebook shows {saved[-1]!r}; the grader's verdict is {grader!r}",
                }
            )
