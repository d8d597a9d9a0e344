"""What the report says about each exercise, read once from the course's notebooks into results.json.

For every exercise: its title and each question's title in every language the course has a copy
in (the headings of the master and of ``exercises/<language folder>/``), the master cells that are
each question's (its answer cell, and its check or written cell: the pages say by them where a
cell a student added sits), each question's answer expression and, for functions checked in the
open, the cases it is called on (to show a student what their function returned), and for written
answers the marking guide: the part of the master's solution that starts with ``*Marking guide:*``.
The marking guide is for the instructor's marking view only; the pages written for students
never show it. A solution may hold one guide per language (``*Marking guide:*``, ``*评分要点*：``),
each ending at a ``---`` line.
"""

import re
from pathlib import Path

from ..exercises.contract import END_SOLUTION, WRITTEN_TAG, tags
from ..exercises.translate import FOLDERS

#: The label that opens a marking guide in a solution's written cell, by language.
GUIDE_LABELS = {"en": "*Marking guide:*", "zh_CN": "*评分要点*："}
_POINTS_NOTE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")  # "(3 points)", "（3分）" at the end of a heading
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def heading(source):
    """(level, text) of a Markdown cell's first line if it is a heading, else None."""
    first = source.lstrip().split("\n", 1)[0]
    marks = len(first) - len(first.lstrip("#"))
    if 1 <= marks <= 6 and first[marks : marks + 1] == " ":
        return marks, first[marks:].strip()
    return None


def section_titles(notebook):
    """{cell id: title} for every cell: the exercise's title for cells before the first question
    heading, then the nearest level-2 heading above, without its note of points."""
    titles, current = {}, ""
    for cell in notebook.cells:
        found = heading(cell.source) if cell.cell_type == "markdown" else None
        if found and found[0] <= 2:
            current = _POINTS_NOTE.sub("", found[1])
        titles[cell.get("id")] = current
    return titles


def exercise_title(notebook):
    """The text of the notebook's first level-1 heading, or None."""
    for cell in notebook.cells:
        found = heading(cell.source) if cell.cell_type == "markdown" else None
        if found and found[0] == 1:
            return found[1]
    return None


def marking_guides(source):
    """{language: marking guide} in a master written-answer cell: for each language's label, the
    text after it up to a line ``---``, the end of the solution block, or the next label."""
    guides = {}
    for language, label in GUIDE_LABELS.items():
        start = source.find(label)
        if start < 0:
            continue
        lines = []
        for line in source[start + len(label) :].split("\n"):
            if line.strip() == "---" or END_SOLUTION in line or any(other in line for other in GUIDE_LABELS.values()):
                break
            lines.append(line)
        text = _HTML_COMMENT.sub("", "\n".join(lines)).strip()
        if text:
            guides[language] = text
    return guides


def _copies(name, exercises_folder):
    """{language: notebook} of the exercise's copies in other languages that exist."""
    import nbformat  # only when grading, which has loaded it already; a re-render never needs it

    copies = {}
    for language, folder in FOLDERS.items():
        path = Path(exercises_folder) / folder / f"{name}.ipynb"
        if path.is_file():
            copies[language] = nbformat.read(path, as_version=4)
    return copies


def describe(exercise, exercises_folder):
    """The JSON-ready summary of one exercise (see the module doc)."""
    versions = {"en": exercise.master, **_copies(exercise.name, exercises_folder)}
    titles = {language: section_titles(notebook) for language, notebook in versions.items()}
    master_cells = {cell.id: cell for cell in exercise.master.cells}
    questions = []
    for question in exercise.questions:
        info = {
            "id": question.id,
            "kind": question.kind,
            "points": question.points,
            # A hidden check is in the master only: in a copy, its question's answer cell gives the title.
            "title": {language: found.get(question.cell_id) or found.get(question.answer_cell, "") for language, found in titles.items()},
            "cells": [cell for cell in (question.answer_cell, question.cell_id) if cell],
        }
        if question.kind != "written":
            info["expression"] = question.expression
            if question.function and question.kind == "check":
                info["cases"] = [list(case) for case in question.cases]
        elif WRITTEN_TAG in tags(master_cells[question.cell_id]):
            info["guide"] = marking_guides(master_cells[question.cell_id].source)
        questions.append(info)
    return {
        "max_points": exercise.max_points,
        "title": {language: exercise_title(notebook) or exercise.name for language, notebook in versions.items()},
        "questions": questions,
    }


def summary(exercises, exercises_folder):
    """{name: describe(exercise)} for every exercise."""
    return {name: describe(exercise, exercises_folder) for name, exercise in exercises.items()}


def localised(titles, language):
    """A {language: text} title in `language`, else in English."""
    return titles.get(language) or titles.get("en") or ""
