"""Build the notebook that is graded: the master, with only the student's answers put in.

A submission is read as plain JSON, never trusted as a valid notebook. Its answer cells are
matched to the master's:

1. a student cell whose id is the id of a master answer cell, and which is the only cell with that
   id in the submission, is that answer (whatever its tags now say);
2. for the master answer cells left over, the student's cells tagged as answers whose ids are
   missing, duplicated or unknown to the master are placed by the check that follows them: a
   student's answer cell followed (before any other answer's check) by the check cell of question
   Q belongs to the master answer whose check is Q. All such cells run, in the student's order,
   so an answer cell duplicated by an old Jupyter runs as "Run all" would have run it;
3. anything still unplaced is matched in order, looking only between the answers already matched
   (a cell never jumps over another answer). Where a stretch holds more such cells than the
   master has answers, the extra cells run after the last answer of the stretch.

Written answers (Markdown) are matched the same way. Cells the student added (an id the master
does not have, or, for code, no id and a source no master cell has) go into the graded notebook
where the student put them: right after the master cell they follow in the student's notebook, in
the student's order, so added code runs as "Run all" ran it. That is safe because every verdict is
computed outside the kernel. A Markdown cell added after a written answer belongs to that answer.
Everything else in the submission — check cells, their outputs and metadata — is ignored: the
graded notebook takes every other cell from the master. Before each check cell the grader puts a
capture cell, which records the raw answer for the grader to judge (see capture.py).
"""

import json
from collections import Counter
from dataclasses import dataclass, field

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell

from ..exercises.contract import ANSWER_TAG, CHECK_TAG, HIDDEN_CHECK_TAG, WRITTEN_TAG, tags
from ..exercises.translate import METADATA_KEY
from ..i18n import normalise

CAPTURE_TAG = "grader-capture"
ADDED_TAG = "student-added"  # a cell the student added, run (code) or kept (Markdown) in place


class Unreadable(Exception):
    """The submission is not a notebook the grader can read; the message says why."""


@dataclass
class StudentCell:
    index: int
    id: str | None
    cell_type: str
    source: str
    tags: frozenset
    question: str | None = None  # the question in the cell's own grading metadata
    next_check: str | None = None  # the question of the next check cell below it
    printed: str = ""  # what the cell printed when the student last ran it (stdout)


MAX_PRINTED = 20_000  # characters of a cell's saved output kept, to compare verdict lines


def _printed(raw):
    """The stdout text saved in a raw code cell's outputs (bounded), "" when there is none."""
    outputs = raw.get("outputs") if isinstance(raw.get("outputs"), list) else []
    parts = []
    for output in outputs:
        if isinstance(output, dict) and output.get("output_type") == "stream" and output.get("name") == "stdout":
            parts.append(_text(output.get("text", "")) or "")
    return "".join(parts)[:MAX_PRINTED]


def _text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return "".join(value)
    return None


@dataclass
class Submission:
    """What the grader reads of a submitted notebook: its cells, and the language it was written in."""

    cells: list
    language: str = "en"


def notebook_language(notebook):
    """The language the notebook's metadata names (a translated exercise says so), else English."""
    metadata = notebook.get("metadata")
    course = metadata.get(METADATA_KEY) if isinstance(metadata, dict) else None
    language = course.get("language") if isinstance(course, dict) else None
    try:
        return normalise(language) if isinstance(language, str) else "en"
    except ValueError:  # a language the course does not speak: English
        return "en"


def read_submission(data):
    """The cells and language of a submitted notebook (bytes); raise Unreadable if it is none."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("the file is not UTF-8 text") from None
    try:
        notebook = json.loads(text)
    except RecursionError:
        raise Unreadable("the file's JSON is nested too deeply") from None
    except ValueError as error:
        raise Unreadable(
            f"the file is not valid JSON ({error.__class__.__name__} at line {getattr(error, 'lineno', '?')})"
        ) from None
    if not isinstance(notebook, dict):
        raise Unreadable("the file is JSON but not a notebook")
    if "worksheets" in notebook or notebook.get("nbformat") == 3:
        try:
            notebook = json.loads(nbformat.writes(nbformat.reads(text, as_version=4)))
        except (Exception, RecursionError):
            raise Unreadable("the file is an old-format notebook that could not be converted") from None
    raw_cells = notebook.get("cells")
    if not isinstance(raw_cells, list):
        raise Unreadable("the file has no list of cells")
    cells = []
    for index, raw in enumerate(raw_cells):
        if not isinstance(raw, dict):
            continue
        source = _text(raw.get("source", ""))
        cell_type = raw.get("cell_type")
        if source is None or cell_type not in ("code", "markdown", "raw"):
            continue
        metadata = raw.get("metadata") if isinstance(raw.get("metadata"), dict) else {}
        cell_tags = metadata.get("tags") if isinstance(metadata.get("tags"), list) else []
        cell_id = raw.get("id") if isinstance(raw.get("id"), str) and raw.get("id") else None
        meta = metadata.get("grading") if isinstance(metadata.get("grading"), dict) else {}
        question = meta.get("question") if isinstance(meta.get("question"), str) else None
        cell_tags = frozenset(t for t in cell_tags if isinstance(t, str))
        printed = _printed(raw) if cell_type == "code" else ""
        cells.append(StudentCell(index, cell_id, cell_type, source, cell_tags, question, printed=printed))
    following = None
    for cell in reversed(cells):
        cell.next_check = following
        if cell.cell_type == "code" and CHECK_TAG in cell.tags and cell.question:
            following = cell.question
    return Submission(cells, notebook_language(notebook))


def section_keys(master, kind):
    """{master cell id: key} to place unmatched student cells: the next check's question for
    answer cells, the cell's own question for written answers."""
    keys, following = {}, None
    for cell in reversed(master.cells):
        cell_tags = tags(cell)
        meta = cell.metadata.get("grading") or {}
        if kind == "answer" and cell.cell_type == "code" and ANSWER_TAG in cell_tags and following:
            keys[cell.id] = following
        if kind == "written" and cell.cell_type == "markdown" and WRITTEN_TAG in cell_tags:
            keys[cell.id] = meta.get("question")
        if cell.cell_type == "code" and CHECK_TAG in cell_tags and meta.get("question"):
            following = meta["question"]
    return keys


def match_cells(master_ids, all_master_ids, student_cells, cell_type, tag, keys=None):
    """{master id: [StudentCell, ...]} for the master cells in master_ids (see the module doc).

    keys: {master id: section key} (see section_keys); a student cell's key is its next check's
    question for code cells, its own question for Markdown cells.
    """
    counts = Counter(cell.id for cell in student_cells if cell.id)
    pool = [cell for cell in student_cells if cell.cell_type == cell_type]
    matched, anchor = {}, {}
    for master_id in master_ids:
        found = [cell for cell in pool if cell.id == master_id]
        if len(found) == 1 and counts[master_id] == 1:
            matched[master_id] = found
            anchor[master_id] = found[0].index
    used = {cells[0].index for cells in matched.values()}
    candidates = [
        cell
        for cell in pool
        if tag in cell.tags
        and cell.index not in used
        and (cell.id is None or counts[cell.id] > 1 or cell.id not in all_master_ids)
    ]
    by_key = {}
    for master_id in master_ids:
        key = (keys or {}).get(master_id)
        if master_id not in matched and key:
            by_key.setdefault(key, []).append(master_id)
    for cell in candidates:
        key = cell.next_check if cell_type == "code" else cell.question
        owners = by_key.get(key, [])
        if len(owners) == 1 and cell.index not in used:
            matched.setdefault(owners[0], []).append(cell)
            used.add(cell.index)
    for master_id, cells in matched.items():
        anchor.setdefault(master_id, cells[0].index)
    position = 0
    while position < len(master_ids):
        if master_ids[position] in matched:
            position += 1
            continue
        stretch = []  # consecutive unmatched master cells
        while position < len(master_ids) and master_ids[position] not in matched:
            stretch.append(master_ids[position])
            position += 1
        before = [anchor[m] for m in master_ids[: position - len(stretch)] if m in anchor]
        after = [anchor[m] for m in master_ids[position:] if m in anchor]
        low, high = (before[-1] if before else -1), (after[0] if after else float("inf"))
        inside = [cell for cell in candidates if low < cell.index < high and cell.index not in used]
        for master_id, cell in zip(stretch, inside):
            matched[master_id] = [cell]
            used.add(cell.index)
        if len(inside) > len(stretch) and stretch:
            matched[stretch[-1]] += inside[len(stretch) :]
            used.update(cell.index for cell in inside[len(stretch) :])
    return matched


@dataclass
class PlanCell:
    """One cell of the graded notebook."""

    role: str  # "markdown", "master" (run, compared with the master), "answer", "capture", "check", "written", "added"
    cell: dict  # the notebook cell (nbformat)
    master_id: str | None = None  # for an added cell: the master cell it follows (None: at the top)
    capture_index: int | None = None
    questions: tuple = ()  # for checks: the questions this cell checks
    student: StudentCell | None = None  # for an added cell: the student's cell


@dataclass
class Plan:
    """The graded notebook, cell by cell, and what the grader needs to judge it."""

    cells: list = field(default_factory=list)
    captures: list = field(default_factory=list)  # [Question] in capture order
    answers: dict = field(default_factory=dict)  # master answer id -> [StudentCell]
    written: dict = field(default_factory=dict)  # master written id -> [StudentCell]
    added: list = field(default_factory=list)  # [(StudentCell, master id it follows or None)], in student order


def build_plan(exercise, student_cells, nonce):
    """The graded notebook for one submission (see the module doc)."""
    master = exercise.master
    all_ids = {cell.id for cell in master.cells}
    plan = Plan()
    plan.answers = match_cells(
        exercise.answer_ids, all_ids, student_cells, "code", ANSWER_TAG, section_keys(master, "answer")
    )
    plan.written = match_cells(
        exercise.written_ids, all_ids, student_cells, "markdown", WRITTEN_TAG, section_keys(master, "written")
    )
    plan.added = added_cells(master, student_cells, plan)
    following = {}
    for student, anchor in plan.added:
        following.setdefault(anchor, []).append(student)
    plan.cells += _added_plan_cells(following.get(None, []), None)
    by_check = {}
    for question in exercise.questions:
        if question.kind != "written":
            by_check.setdefault(question.cell_id, []).append(question)
    for cell in master.cells:
        cell_tags = tags(cell)
        if cell.cell_type == "code" and ANSWER_TAG in cell_tags:
            students = plan.answers.get(cell.id, [])
            for number, student in enumerate(students):
                new = new_code_cell(student.source, metadata={"tags": [ANSWER_TAG]})
                new.id = cell.id if number == 0 else f"{cell.id}-{number + 1}"
                plan.cells.append(PlanCell("answer", new, master_id=cell.id))
            if not students:
                new = new_markdown_cell("*(This answer cell is missing from the submission.)*")
                new.id = cell.id
                plan.cells.append(PlanCell("markdown", new, master_id=cell.id))
        elif cell.cell_type == "code" and cell_tags & {CHECK_TAG, HIDDEN_CHECK_TAG}:
            questions = by_check.get(cell.id, [])
            for question in questions:
                index = len(plan.captures)
                plan.captures.append(question)
                capture = new_code_cell(f"# the grader reads the answer to {question.id} here", metadata={"tags": [CAPTURE_TAG]})
                capture.id = f"grader-{nonce[:12]}-{index}"
                plan.cells.append(PlanCell("capture", capture, capture_index=index, questions=(question,)))
            check = nbformat.from_dict(json.loads(json.dumps(cell)))
            check.outputs, check.execution_count = [], None
            plan.cells.append(PlanCell("check", check, master_id=cell.id, questions=tuple(questions)))
        elif cell.cell_type == "markdown" and WRITTEN_TAG in cell_tags:
            students = plan.written.get(cell.id, [])
            text = "\n\n".join(student.source for student in students) if students else "*(missing)*"
            new = new_markdown_cell(
                text, metadata={"tags": [WRITTEN_TAG], "grading": dict(cell.metadata.get("grading", {}))}
            )
            new.id = cell.id
            plan.cells.append(PlanCell("written", new, master_id=cell.id))
        elif cell.cell_type == "code":
            copy = nbformat.from_dict(json.loads(json.dumps(cell)))
            copy.outputs, copy.execution_count = [], None
            plan.cells.append(PlanCell("master", copy, master_id=cell.id))
        else:
            copy = nbformat.from_dict(json.loads(json.dumps(cell)))
            plan.cells.append(PlanCell("markdown", copy, master_id=cell.id))
        plan.cells += _added_plan_cells(following.get(cell.id, []), cell.id)
    return plan


def added_cells(master, student_cells, plan):
    """[(StudentCell, anchor)] for every cell the student added, in the student's order; anchor is
    the master cell it follows in the student's notebook (None when it comes before all of them)."""
    master_ids = {cell.id for cell in master.cells}
    by_source = {}
    for cell in master.cells:
        by_source.setdefault((cell.cell_type, cell.source.strip()), cell.id)
    placed = {student.index: master_id for master_id, cells in {**plan.answers, **plan.written}.items() for student in cells}
    added, anchor = [], None
    for student in student_cells:
        if student.index in placed:
            anchor = placed[student.index]
        elif student.id in master_ids:
            anchor = student.id
        elif student.id is None and _master_source(student, by_source):
            anchor = _master_source(student, by_source)
        elif student.id is None and student.cell_type == "markdown":
            continue  # without an id, a translated copy's text cannot be told from a new one
        elif student.cell_type in ("code", "markdown") and student.source.strip():
            added.append((student, anchor))
    return added


def _master_source(student, by_source):
    """The master cell with the same source as an id-less student cell (the language line of a
    translated copy aside), or None."""
    source = student.source.strip()
    first, _, rest = source.partition("\n")
    if first.startswith("from productive_forces.i18n import use_language"):
        source = rest.strip()
    return by_source.get((student.cell_type, source))


def _added_plan_cells(students, anchor):
    """Plan cells for added student cells that follow the master cell anchor."""
    cells = []
    for student in students:
        if student.cell_type == "code":
            new = new_code_cell(student.source, metadata={"tags": [ADDED_TAG]})
            role = "added"
        else:
            new = new_markdown_cell(student.source, metadata={"tags": [ADDED_TAG]})
            role = "markdown"
        new.id = f"added-{student.index + 1}"
        cells.append(PlanCell(role, new, master_id=anchor, student=student))
    return cells


def written_text(exercise, master_id, students, added=()):
    """The student's written answer: their answer cell(s) and the Markdown cells they added after it,
    without any part that is still the placeholder (in any language); None when nothing is left."""
    placeholders = {placeholder.strip() for placeholder in exercise.placeholders.get(master_id, ())}
    parts = [student.source.strip() for student in [*students, *added]]
    parts = [part for part in parts if part and part not in placeholders]
    return "\n\n".join(parts) if parts else None
