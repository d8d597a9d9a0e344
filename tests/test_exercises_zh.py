"""The Chinese copies of the exercises: generated from the same master, in step, and speaking Chinese.

A copy keeps every cell id, tag, check and point of its English exercise, and differs only in
its Markdown and in the one line that switches the course package to Chinese. Run as a student
runs it, it gives the same points as the English exercise, with verdicts and hints in Chinese.
"""

import re

import nbformat
import pytest

from productive_forces.exercises.__main__ import expected_notebooks
from productive_forces.exercises.contract import ANSWER_TAG, CHECK_TAG, grading, tags
from productive_forces.exercises.translate import LANGUAGE_LINE, language_of
from tests.notebooks import ROOT, cell_text, errors, read, run

SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
CJK = re.compile(r"[\u4e00-\u9fff]")
POINTS = re.compile(r"(\d+(?:\.\d+)?)\s*/\s*(\d+)")


def test_every_exercise_and_its_chinese_copy_is_in_step_with_its_solution():
    generated = dict(expected_notebooks(ROOT / "solutions", ROOT / "exercises"))
    copies = sorted((ROOT / "exercises" / "zh").glob("*.ipynb"))
    assert [p.name for p in copies] == [p.name for p in SOLUTIONS]
    for path, text in generated.items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is out of date: run `make exercises`"


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_chinese_copy_has_the_same_cells_checks_and_points(solution):
    english, chinese = read(f"exercises/{solution.name}"), read(f"exercises/zh/{solution.name}")
    assert language_of(english) == "en" and language_of(chinese) == "zh_CN"
    assert [c.id for c in english.cells] == [c.id for c in chinese.cells]
    first_code = True
    for left, right in zip(english.cells, chinese.cells):
        assert (left.cell_type, tags(left), grading(left)) == (right.cell_type, tags(right), grading(right))
        if left.cell_type == "code":
            expected = left.source
            if first_code:
                expected = LANGUAGE_LINE.format(language="zh_CN") + "\n" + expected
                first_code = False
            assert right.source == expected, f"code of {left.id} differs"
        elif left.source.strip():
            assert CJK.search(right.source), f"Markdown cell {left.id} is not translated"


def with_solution_answers(notebook, solution):
    """The notebook with its answer cells replaced by the master's solved ones."""
    solved = {cell.id: cell.source for cell in nbformat.read(solution, as_version=4).cells if ANSWER_TAG in tags(cell)}
    notebook = nbformat.from_dict(notebook)
    for cell in notebook.cells:
        if cell.id in solved:
            cell.source = solved[cell.id]
    return notebook


def check_outputs(notebook):
    return {cell.id: cell_text(cell) for cell in notebook.cells if CHECK_TAG in tags(cell)}


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_chinese_copy_gives_the_same_points_as_english_with_chinese_verdicts(solution):
    english = run(with_solution_answers(read(f"exercises/{solution.name}"), solution))
    chinese = run(with_solution_answers(read(f"exercises/zh/{solution.name}"), solution))
    assert errors(chinese) == {}
    english_checks, chinese_checks = check_outputs(english), check_outputs(chinese)
    assert english_checks.keys() == chinese_checks.keys()
    for cell_id, line in chinese_checks.items():
        assert CJK.search(line), f"{cell_id} printed no Chinese: {line!r}"
        assert "correct" not in line and "points" not in line, f"{cell_id} printed English: {line!r}"
        assert POINTS.findall(line) == POINTS.findall(english_checks[cell_id]), (line, english_checks[cell_id])


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.stem)
def test_untouched_chinese_copy_runs_and_earns_nothing(solution):
    notebook = run(read(f"exercises/zh/{solution.name}"))
    assert errors(notebook) == {}
    for cell_id, line in check_outputs(notebook).items():
        assert CJK.search(line), f"{cell_id} printed no Chinese: {line!r}"
        assert re.search(r"得分0/\d+", line), line
