"""The written questions of the exercises: marked by hand, in both languages, with nothing given away.

Every exercise ends with a short written answer. In the master it holds a model answer and a marking
guide for the instructor, in English and in Chinese; in the English and Chinese copies handed to students
it holds only the placeholder. The headings state the points the grading metadata gives, and the figures
quoted in the model answers are the ones the course's data and models give today.
"""

import re

import numpy as np
import pytest
from markdown_it import MarkdownIt

from productive_forces.data import load_maddison, load_pwt
from productive_forces.exercises.assign import MARKDOWN_PLACEHOLDER
from productive_forces.exercises.contract import BEGIN_SOLUTION, END_SOLUTION, WRITTEN_TAG, grading, tags
from productive_forces.exercises.questions import QUESTIONS
from productive_forces.exercises.questions import ch1, ch2
from productive_forces.models.longrun import average_growth
from productive_forces.models.solow import growth_paths
from productive_forces.models.structure import shift_share
from tests.notebooks import ROOT, read

SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
NAMES = [path.stem for path in SOLUTIONS]
PLACEHOLDER = {"en": f"**Your answer:**\n\n{MARKDOWN_PLACEHOLDER}", "zh": "**你的答案：**\n\n*在此写下你的答案。*"}
CJK = re.compile(r"[\u4e00-\u9fff]")
BLOCK = re.compile(rf"<!-- {BEGIN_SOLUTION} -->\n(.*?)\n<!-- {END_SOLUTION} -->", re.DOTALL)


def master(name):
    return read(f"solutions/{name}.ipynb")


def copies(name):
    """The exercise as handed out, in English and in Chinese."""
    return {"en": read(f"exercises/{name}.ipynb"), "zh": read(f"exercises/zh/{name}.ipynb")}


def written_cells(notebook):
    return [cell for cell in notebook.cells if WRITTEN_TAG in tags(cell)]


def model_answer(name, language):
    """The model answer and marking guide of an exercise's written question, in one language."""
    [cell] = written_cells(master(name))
    english, chinese = BLOCK.search(cell.source).group(1).split("\n\n---\n\n")
    return english if language == "en" else chinese


def number_of(question):
    """'Q3.3a' and 'Q3.3-hidden' belong to question 3.3."""
    return re.match(r"Q(\d+\.\d+)", question).group(1)


# -- the questions and what students receive ------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_every_exercise_ends_with_a_written_question_marked_by_hand(name):
    notebook = master(name)
    [cell] = written_cells(notebook)
    assert cell.cell_type == "markdown"
    question, points = grading(cell)["question"], grading(cell)["points"]
    assert points in (1, 2)
    assert question not in QUESTIONS  # no registry entry: the grader marks it "manual"
    assert not [c for c in notebook.cells if c.cell_type == "code" and question in c.source]
    number = number_of(question)
    heading = next(c for c in notebook.cells if c.source.startswith(f"## Question {number} "))
    assert f"({points} points, marked by your instructor)" in heading.source.splitlines()[0]
    ids = [c.id for c in notebook.cells]
    assert ids.index(cell.id) == ids.index(heading.id) + 1  # the answer box sits right under its question


@pytest.mark.parametrize("name", NAMES)
def test_the_master_holds_a_model_answer_and_a_marking_guide_in_both_languages(name):
    [cell] = written_cells(master(name))
    assert cell.source.startswith("**Your answer:**\n\n<!-- BEGIN SOLUTION -->")
    english, chinese = model_answer(name, "en"), model_answer(name, "zh")
    assert english.startswith("*Model answer (for instructors).*") and "*Marking guide:*" in english
    assert not CJK.search(english)
    assert chinese.startswith("*参考答案（供授课教师使用）*。") and "*评分要点*：" in chinese
    # Both marking guides split the same points the same way.
    points = grading(cell)["points"]
    assert english.split("*Marking guide:*")[1].count("1 point for part") == points
    assert chinese.split("*评分要点*：")[1].count("部分1分") == points


@pytest.mark.parametrize("name", NAMES)
def test_every_markdown_cell_of_the_master_and_its_copies_renders_its_bold_and_italic(name):
    """CommonMark will not close ``*评分要点：*`` before a character: such a cell shows asterisks."""
    markdown = MarkdownIt("commonmark")
    for notebook in (master(name), *copies(name).values()):
        for cell in notebook.cells:
            if cell.cell_type == "markdown":
                text = re.sub(r"<[^>]+>|\$[^$]*\$", "", markdown.render(cell.source))
                assert "*" not in text, f"{name}, cell {cell.id} shows asterisks: {cell.source[:80]!r}"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_students_get_the_placeholder_and_nothing_of_the_model_answer(name, language):
    exercise = copies(name)[language]
    [cell] = written_cells(exercise)
    [solved] = written_cells(master(name))
    assert (cell.id, grading(cell)) == (solved.id, grading(solved))
    assert cell.source == PLACEHOLDER[language]
    text = "\n".join(c.source for c in exercise.cells)
    raw = (ROOT / "exercises" / ("zh" if language == "zh" else "") / f"{name}.ipynb").read_text(encoding="utf-8")
    for marker in ("Model answer", "Marking guide", "参考答案", "评分要点", BEGIN_SOLUTION):
        assert marker not in text and marker not in raw
    for paragraph in BLOCK.search(solved.source).group(1).split("\n\n"):
        for line in paragraph.splitlines():
            assert len(line.strip()) < 12 or line.strip() not in text, f"model answer leaked: {line!r}"


def points_by_question(notebook):
    """{'3.3': 4, ...}: the grading points of every check and written answer, added up by question number."""
    totals = {}
    for cell in notebook.cells:
        if grading(cell):
            number = number_of(grading(cell)["question"])
            totals[number] = totals.get(number, 0) + grading(cell)["points"]
    return totals


HEADING = {
    "en": (re.compile(r"worth (\d+) points"), re.compile(r"^## Question (\d+\.\d+) — .*\((\d+) points?[,)]")),
    "zh": (re.compile(r"总分(\d+)分"), re.compile(r"^## 第(\d+\.\d+)题——.*（(\d+)分[，）]")),
}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_headings_state_the_points_the_grader_gives(name, language):
    """The title's total and each question's points match the grading metadata (hidden checks included)."""
    totals = points_by_question(master(name))
    exercise = copies(name)[language]
    total, question = HEADING[language]
    assert [int(found) for found in total.findall(exercise.cells[0].source)] == [sum(totals.values())]
    stated = {}
    for cell in exercise.cells:
        match = question.match(cell.source) if cell.cell_type == "markdown" else None
        if match:
            stated[match.group(1)] = int(match.group(2))
    assert stated == totals


def test_exercises_one_to_four_are_worth_twelve_points_and_five_ten():
    worth = {name: sum(points_by_question(master(name)).values()) for name in NAMES}
    assert worth == {"ch1_features": 12, "ch2_concept": 12, "ch3_tfp": 12, "ch4_revolutions": 12, "ch5_practice": 10}


# -- the figures the model answers quote ------------------------------------------------------------


def percent(rate, digits=1):
    return f"{100 * rate:.{digits}f}%"


def quoted_in_both(name, figures):
    for language in ("en", "zh"):
        text = model_answer(name, language)
        for figure in figures:
            assert figure in text, f"{name} ({language}) no longer quotes {figure!r}"


def test_model_answer_one_quotes_the_two_paths():
    factor, innovation = growth_paths(
        ch1.RAISED_SAVING, ch1.ALPHA, ch1.DEPRECIATION, ch1.LABOUR_GROWTH, ch1.TFP_GROWTH, ch1.BASELINE_SAVING
    )
    balanced = (1 + ch1.TFP_GROWTH) ** (1 / (1 - ch1.ALPHA)) - 1
    level = factor.output[50] / factor.output[0]
    assert round(level, 1) == 1.2  # "about a fifth above the start"
    quoted_in_both("ch1_features", [
        percent(factor.growth[0], 0), percent(factor.growth[49]), percent(innovation.growth[49]), percent(balanced),
    ])  # fmt: skip


def test_model_answer_two_quotes_the_decomposition_and_the_schooling():
    parts = shift_share(ch2.SHARES_START, ch2.PRODUCTIVITY_START, ch2.SHARES_END, ch2.PRODUCTIVITY_END)
    terms = (parts.start, parts.end, parts.end - parts.start, parts.within, parts.between, parts.interaction)
    figures = [f"{value:.2f}" for value in terms]
    figures.append(f"{parts.between + parts.interaction:.2f}")
    figures.append(f"{QUESTIONS['Q2.2'].expected():.1f}")
    quoted_in_both("ch2_concept", figures)


def test_model_answer_three_quotes_korea_at_two_capital_shares():
    korea = load_pwt("KOR")
    first, last, years = korea.at(1990), korea.at(2019), 29
    g_y = np.log(last["rgdpna"] / last["emp"] / (first["rgdpna"] / first["emp"])) / years
    g_k = np.log(last["rnna"] / last["emp"] / (first["rnna"] / first["emp"])) / years
    g_h = np.log(last["hc"] / first["hc"]) / years
    figures = [percent(g_y, 2), percent(g_k, 2), percent(g_h, 2), f"{0.1 * (g_k - g_h) * 100:.2f}"]
    for alpha in (0.3, 0.5):
        residual = g_y - alpha * g_k - (1 - alpha) * g_h
        figures += [percent(residual, 2), percent(residual / g_y, 0)]
    quoted_in_both("ch3_tfp", figures)


def test_model_answer_four_quotes_the_crossing_and_germany():
    figures = ["1880", "1890", "1900"]
    figures += [percent(average_growth(*load_maddison(code), 1870, 1913), 2) for code in ("USA", "GBR")]
    quoted_in_both("ch4_revolutions", figures)
    in_1913 = {code: dict(zip(*load_maddison(code)))[1913] for code in ("DEU", "GBR", "USA")}
    english, chinese = model_answer("ch4_revolutions", "en"), model_answer("ch4_revolutions", "zh")
    for value in in_1913.values():
        assert f"{round(value, -2):,.0f}" in english and f"{round(value, -2):.0f}" in chinese
