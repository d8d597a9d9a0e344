"""Generate the student notebooks in exercises/ from the solved ones in solutions/.

For each solution notebook: hidden checks are dropped; in answer cells every block between
`BEGIN SOLUTION` and `END SOLUTION` markers is replaced by its `# STUB ` lines (or by a
placeholder); outputs, execution counts and saved widget state are cleared. Cell ids, tags and
grading metadata are kept, so the grader can match the student's cells to the master's.
"""

import copy
import re

import nbformat

from .contract import (
    ANSWER_TAG,
    BEGIN_SOLUTION,
    END_SOLUTION,
    HIDDEN_CHECK_TAG,
    STUB_PREFIX,
    WRITTEN_TAG,
    tags,
)

CODE_PLACEHOLDER = "# Your code here"
MARKDOWN_PLACEHOLDER = "*Write your answer here.*"
_BLOCK = re.compile(
    rf"^[ \t]*(?:#|<!--)[ \t]*{BEGIN_SOLUTION}.*?$\n?(.*?)^[ \t]*(?:#|<!--)[ \t]*{END_SOLUTION}.*?$\n?",
    re.MULTILINE | re.DOTALL,
)


def strip_solutions(source, placeholder):
    """Replace each solution block in source by its stub lines, keeping the block's indentation."""

    def replace(match):
        indent = re.match(r"[ \t]*", match.group(0)).group(0)
        block = match.group(1).splitlines()
        stubs = [line.strip()[len(STUB_PREFIX):] for line in block if line.strip().startswith(STUB_PREFIX)]
        return "\n".join(indent + line for line in (stubs or [placeholder])) + "\n"

    if BEGIN_SOLUTION in source and not _BLOCK.search(source):
        raise ValueError(f"a cell has {BEGIN_SOLUTION} without a matching {END_SOLUTION}:\n{source}")
    return _BLOCK.sub(replace, source).rstrip("\n")


def make_exercise(solution):
    """The student version of a solution notebook (a new notebook; the input is not changed)."""
    exercise = copy.deepcopy(solution)
    exercise.cells = [cell for cell in exercise.cells if HIDDEN_CHECK_TAG not in tags(cell)]
    for cell in exercise.cells:
        if tags(cell) & {ANSWER_TAG, WRITTEN_TAG}:
            placeholder = CODE_PLACEHOLDER if cell.cell_type == "code" else MARKDOWN_PLACEHOLDER
            cell.source = strip_solutions(cell.source, placeholder)
        elif BEGIN_SOLUTION in cell.source:
            raise ValueError(f"cell {cell.get('id')} has a solution block but no {ANSWER_TAG!r} tag")
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    exercise.metadata.pop("widgets", None)
    return exercise


def exercise_text(solution_path):
    """The exercise generated from the solution notebook at solution_path, as written to disk."""
    return nbformat.writes(make_exercise(nbformat.read(solution_path, as_version=4))) + "\n"
