"""Synthetic submissions built from the course's own notebooks, for tests, benchmarks and dry runs.

Every submission starts from the student copy in exercises/ (as a student receives it) and puts
answers into its answer cells: the master's solution code for a right answer, the solution
followed by a line that spoils the answer for a wrong one, nothing for an untouched one; every
kind but the untouched one also writes a short text into each written answer. Because
they are built from the current notebooks, they never go stale when an exercise changes.

    from productive_forces.grade.synthetic import make_class
    make_class("demo-submissions", students=20)   # then grade demo-submissions
"""

import copy
import re
from pathlib import Path

import nbformat

from ..exercises.contract import BEGIN_SOLUTION, END_SOLUTION, STUB_PREFIX
from .course import load_exercises

KINDS = ("right", "partly", "wrong", "empty")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def solution_source(master_source):
    """A master answer cell as a student who solved it would write it: markers and stubs removed."""
    lines = []
    for line in master_source.splitlines():
        stripped = line.strip()
        if BEGIN_SOLUTION in stripped or END_SOLUTION in stripped or stripped.startswith(STUB_PREFIX.strip()):
            continue
        lines.append(line)
    return "\n".join(lines)


WRITTEN = "My answer, in my own words: the weakest link matters most, but only where effort can move it."


def spoiler(question):
    """A line that turns a right answer to question into a wrong one (None if it cannot say how)."""
    name = question.expression
    if not _NAME.match(name or ""):
        return None
    if question.function:
        return f"_right_{name} = {name}\ndef {name}(*args):\n    return _right_{name}(*args) * 1.5 + 1"
    return f"{name} = ({{key: 'not a label' for key in {name}}} if isinstance({name}, dict) else {name} + 1.0)"


def answers(exercise, kind):
    """{answer cell id: source} for a submission of the given kind ('right', 'partly', 'wrong', 'empty')."""
    if kind == "empty":
        return {}
    cells = {cell.id: cell for cell in exercise.master.cells}
    sources = {answer_id: solution_source(cells[answer_id].source) for answer_id in exercise.answer_ids}
    sources.update({written_id: WRITTEN for written_id in exercise.written_ids})
    spoilt = exercise.answer_ids if kind == "wrong" else exercise.answer_ids[len(exercise.answer_ids) // 2 :]
    if kind in ("wrong", "partly"):
        for question in exercise.questions:
            if question.answer_cell in spoilt and question.kind != "written":
                line = spoiler(question)
                if line and line not in sources[question.answer_cell]:
                    sources[question.answer_cell] += "\n" + line
    return sources


def student_notebook(exercise_path, sources):
    """The student copy at exercise_path with the given answer cells' sources, as a notebook."""
    notebook = nbformat.read(exercise_path, as_version=4)
    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        if cell.id in sources:
            cell.source = sources[cell.id]
    return notebook


def make_class(destination, students=50, solutions="solutions", exercises="exercises", kinds=KINDS):
    """Write destination/<student>/<exercise>.ipynb for every exercise; return {student: kind}.

    Student i hands in submissions of kind kinds[i % len(kinds)] for every exercise.
    """
    destination = Path(destination)
    course = load_exercises(solutions, exercises)
    made = {}
    for index in range(students):
        kind = kinds[index % len(kinds)]
        student = f"student{index + 1:03d}-{kind}"
        folder = destination / student
        folder.mkdir(parents=True, exist_ok=True)
        for name, exercise in course.items():
            notebook = student_notebook(Path(exercises) / f"{name}.ipynb", answers(exercise, kind))
            nbformat.write(notebook, folder / f"{name}.ipynb")
        made[student] = kind
    return made
