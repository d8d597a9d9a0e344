"""The exercises to grade, read from the master notebooks in solutions/ (see exercises/CONTRACT.md).

Exercise names are the file stems in exercises/; each must have a master in solutions/. From the
master the grader takes, for every check and hidden check, the question it grades, the answer
expression passed to ``check`` (what the grader captures), and the answer cell it belongs to (the
nearest answer cell above it); and for every written answer its question, points and the
placeholder text a student starts from. Anything that breaks the contract stops the grader with a
message naming the notebook and cell, before a single submission is run.
"""

import ast
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ..exercises.assign import MARKDOWN_PLACEHOLDER, strip_solutions
from ..exercises.contract import (
    ANSWER_TAG,
    CHECK_TAG,
    HIDDEN_CHECK_TAG,
    IGNORE_OUTPUT_TAG,
    WRITTEN_TAG,
    grading,
    tags,
)
from ..exercises.questions import QUESTIONS
from ..exercises.translate import FOLDERS


class CourseError(Exception):
    """The course's notebooks cannot be graded as they stand (a fault for the instructor to fix)."""


@dataclass(frozen=True)
class Question:
    """One graded question of an exercise."""

    id: str
    kind: str  # "check", "hidden" (a hidden check) or "written" (graded by hand)
    points: int
    cell_id: str  # the master's check cell, or the written-answer cell
    answer_cell: str | None = None  # the master answer cell this question grades
    expression: str = ""  # the answer as passed to check(), evaluated in the student's kernel
    function: bool = False  # the registry lists cases to call the answer on
    cases: tuple = ()
    hint: str = ""


@dataclass
class Exercise:
    """One exercise: its master notebook and the questions graded in it."""

    name: str
    master: nbformat.NotebookNode
    questions: list = field(default_factory=list)
    answer_ids: list = field(default_factory=list)
    written_ids: list = field(default_factory=list)
    placeholders: dict = field(default_factory=dict)  # written-answer cell id -> starting texts, one per language
    imports: list = field(default_factory=list)  # modules the master's own code imports

    @property
    def max_points(self):
        return sum(question.points for question in self.questions)

    def question(self, question_id):
        return next(question for question in self.questions if question.id == question_id)


def python_source(source):
    """Cell source with IPython syntax (magics, shell escapes) turned into plain Python."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return TransformerManager().transform_cell(source)
    except Exception:  # IPython could not make sense of it: parse the text as it is
        return source


def _check_call(source, question):
    """The answer expression in a `check("<question>", <answer>)` call in source, or None."""
    code = python_source(source)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "check"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == question
        ):
            return ast.get_source_segment(code, node.args[1])
    return None


def _imports(source):
    try:
        tree = ast.parse(python_source(source))
    except SyntaxError:
        return []
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return names


def load_exercise(name, master_path, registry=QUESTIONS):
    """Read and check one master notebook; raise CourseError with the place of any fault."""
    where = str(master_path)
    try:
        master = nbformat.read(master_path, as_version=4)
    except Exception as error:
        raise CourseError(f"{where}: cannot be read as a notebook ({error})") from error
    exercise = Exercise(name=name, master=master)
    ids = [cell.get("id") for cell in master.cells]
    if None in ids or len(set(ids)) != len(ids):
        raise CourseError(f"{where}: every cell needs a unique id (the grader matches answers by id)")
    answer = None
    seen = set()
    for cell in master.cells:
        cell_tags = tags(cell)
        if cell.cell_type == "code" and ANSWER_TAG in cell_tags:
            answer = cell.id
            exercise.answer_ids.append(cell.id)
        elif cell.cell_type == "code" and cell_tags & {CHECK_TAG, HIDDEN_CHECK_TAG}:
            meta = grading(cell) or {}
            question = meta.get("question")
            if question not in registry:
                raise CourseError(
                    f"{where}, cell {cell.id}: grading question {question!r} is not in the registry "
                    "(productive_forces/exercises/questions.py)"
                )
            spec = registry[question]
            if meta.get("points") != spec.points:
                raise CourseError(
                    f"{where}, cell {cell.id}: metadata gives {meta.get('points')} points for {question}, "
                    f"the registry {spec.points}"
                )
            expression = _check_call(cell.source, question)
            if expression is None:
                raise CourseError(f'{where}, cell {cell.id}: expected a call check("{question}", <answer>)')
            if question in seen:
                continue  # the same question checked twice: graded once, at its first check
            seen.add(question)
            function = getattr(spec, "cases", None) is not None  # the answer is called on these
            exercise.questions.append(
                Question(
                    id=question,
                    kind="hidden" if HIDDEN_CHECK_TAG in cell_tags else "check",
                    points=spec.points,
                    cell_id=cell.id,
                    answer_cell=answer,
                    expression=expression,
                    function=function,
                    cases=tuple(spec.cases) if function else (),
                    hint=spec.hint,
                )
            )
        elif cell.cell_type == "markdown" and WRITTEN_TAG in cell_tags:
            meta = grading(cell) or {}
            if not isinstance(meta.get("question"), str) or not isinstance(meta.get("points"), int):
                raise CourseError(
                    f"{where}, cell {cell.id}: a written answer needs grading metadata "
                    '{"question": ..., "points": ...}'
                )
            if meta["question"] in seen:
                raise CourseError(f"{where}, cell {cell.id}: question {meta['question']} is graded twice")
            seen.add(meta["question"])
            exercise.written_ids.append(cell.id)
            exercise.placeholders[cell.id] = [strip_solutions(cell.source, MARKDOWN_PLACEHOLDER)]
            exercise.questions.append(
                Question(id=meta["question"], kind="written", points=meta["points"], cell_id=cell.id)
            )
        elif cell.cell_type == "code":
            exercise.imports += _imports(cell.source)
    if not exercise.questions:
        raise CourseError(f"{where}: no check, hidden check or written answer to grade")
    exercise.imports = list(dict.fromkeys(exercise.imports))
    return exercise


def load_exercises(solutions="solutions", exercises="exercises", registry=QUESTIONS):
    """{name: Exercise} for every notebook in exercises/, each read from its master in solutions/."""
    solutions, exercises = Path(solutions), Path(exercises)
    if not exercises.is_dir():
        raise CourseError(f"no exercises folder at {exercises}: run from the course folder or pass --course")
    names = sorted(path.stem for path in exercises.glob("*.ipynb"))
    if not names:
        raise CourseError(f"no exercises found: {exercises} has no .ipynb files")
    loaded = {}
    for name in names:
        master = solutions / f"{name}.ipynb"
        if not master.is_file():
            raise CourseError(f"exercise {name} has no master notebook at {master}")
        loaded[name] = load_exercise(name, master, registry)
        for folder in FOLDERS.values():  # a student may start from a translated copy's placeholder
            add_translated_placeholders(loaded[name], exercises / folder / f"{name}.ipynb")
    return loaded


def add_translated_placeholders(exercise, copy_path):
    """Count the written answers' starting text in a translated copy as unanswered too."""
    if not copy_path.is_file():
        return
    for cell in nbformat.read(copy_path, as_version=4).cells:
        if cell.get("id") in exercise.placeholders:
            exercise.placeholders[cell.id].append(cell.source)


def ignores_output(cell):
    return IGNORE_OUTPUT_TAG in tags(cell)
