"""Answers as students really write them, graded the way a teacher would, in English and in Chinese.

Each student starts from the exercise copy in their language, writes answers the way students do
(a boolean mask that leaves a one-element array, a 0-d array, a rounded number, a percentage, a
function with one parameter too many, code in a cell of their own, a written answer typed into a
new Markdown cell, an untouched stub, seven labels of eight), runs the notebook top to bottom as
a student does before handing it in, and hands it in. The class is graded once. Every verdict the
grader gives must be the line the student's own check cell printed (no check cell shows a
traceback), except where the student changed an answer after running its check, which the grader
flags for the instructor with both lines.

The report is then read as its readers read it: each student's feedback and summary page in the
student's language (partly right, nearly right, the cells they added and what became of them, a
verdict their notebook showed that the grader does not give), and the instructor's overview and
marking view, in English and, rendered again with --language zh_CN, in Chinese.
"""

import json
import re
import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell

from productive_forces.exercises.checks import tolerance_text
from productive_forces.exercises.contract import CHECK_TAG, tags
from productive_forces.exercises.questions import QUESTIONS, FunctionQuestion, ValueQuestion
from productive_forces.grade.course import load_exercise
from productive_forces.grade.synthetic import answers, student_notebook
from tests.notebooks import ROOT, cell_text, errors, run
from tests.test_grade import grade, read_csv
from tests.test_report_edges import read_page

INFO = {name: load_exercise(name, ROOT / "solutions" / f"{name}.ipynb") for name in ("ch1_features", "ch2_concept", "ch3_tfp", "ch4_revolutions")}

# Question 3.1 the way the student wrote it: arrays over all years, masks for the two years.
MASKED_RESIDUAL = """korea = load_pwt("KOR")
start, end = korea.year == 1990, korea.year == 2019
alpha = 1 - korea.labsh[(korea.year >= 1990) & (korea.year <= 2019)].mean()
g_y = np.log((korea.rgdpna / korea.emp)[end] / (korea.rgdpna / korea.emp)[start]) / 29
g_k = np.log((korea.rnna / korea.emp)[end] / (korea.rnna / korea.emp)[start]) / 29
g_h = np.log(korea.hc[end] / korea.hc[start]) / 29
residual = g_y - alpha * g_k - (1 - alpha) * g_h"""
MASKED_CROSSING = """common = np.intersect1d(usa_years, gbr_years)
usa_common, gbr_common = usa_gdp[np.isin(usa_years, common)], gbr_gdp[np.isin(gbr_years, common)]
first_year = common[usa_common > gbr_common][:1]"""
WRITTEN_EN = "Growth from saving fades & TFP has to carry it; the residual also holds measurement error."
WRITTEN_ZH = "靠储蓄带来的增长会减弱，持续增长要靠全要素生产率；余值里还混有测量误差 & 其他因素。"


def student(name, language, sources=None, added=(), after_run=None):
    """The exercise copy in language, answered with sources ({cell id: source}, the master's right
    answers by default), with added cells ([(cell id they follow, cell)]), run top to bottom; then
    after_run ({cell id: source}) is typed into cells without running them again."""
    copy = ROOT / "exercises" / ("zh" if language == "zh" else "") / f"{name}.ipynb"
    notebook = student_notebook(copy, answers(INFO[name], "right") if sources is None else sources)
    for after, cell in added:
        position = next(i for i, existing in enumerate(notebook.cells) if existing.id == after)
        notebook.cells.insert(position + 1, cell)
    notebook = run(notebook)
    for cell in notebook.cells:
        if after_run and cell.id in after_run:
            cell.source = after_run[cell.id]
    return notebook


def right(name, **changes):
    """The master's right answers with some answer cells replaced (q3_1="..." for q3-1-answer)."""
    sources = answers(INFO[name], "right")
    sources.update({key.replace("_", "-") + "-answer": source for key, source in changes.items()})
    return sources


def class_():
    """{student: {exercise: notebook run as the student ran it}}."""
    ch3 = "ch3_tfp"
    return {
        "masks-en": {ch3: student(ch3, "en", right(
            ch3, q3_1=MASKED_RESIDUAL, q3_2="tfp_share = residual / g_y",
            q3_3a="capital_b = np.array(10 * 2 ** 1.5 / (1 + 2 ** 1.5))",
            q3_3b="tfp_gain = np.float64(10 ** (1 / 3) * (1 + 2 ** 1.5) ** (2 / 3) / (3 * 5 ** (1 / 3)) - 1)",
            q3_4="def years_to_double(rate):\n    return np.log(2) / np.log1p(np.array([rate]))",
        ))},
        "masks-zh": {"ch4_revolutions": student("ch4_revolutions", "zh", {
            **right("ch4_revolutions", q4_1a=f'usa_years, usa_gdp = load_maddison("USA")\ngbr_years, gbr_gdp = load_maddison("GBR")\n{MASKED_CROSSING}',
                    q4_1b="lasting_year = common[common > common[usa_common <= gbr_common].max()][:1]",
                    q4_2="def growth_rate(code, start, end):\n    years, gdp = load_maddison(code)\n"
                         "    return (gdp[years == end] / gdp[years == start]) ** (1 / (end - start)) - 1",
                    q4_4="half_year = np.array(1915 + np.log(4) * 10 / (np.log(1.5) + np.log(4)))"),
            "q4-5-answer": WRITTEN_ZH[:20],
        }, added=[("q4-5-answer", new_markdown_cell(WRITTEN_ZH[20:]))])},
        "slips-en": {ch3: student(ch3, "en", right(
            ch3, q3_1="residual = np.float64(0.0) / np.float64(0.0)", q3_2="tfp_share = 20.19", q3_3a="capital_b = 7.39",
            q3_3b="tfp_gain = 0.0278",
            q3_4="def years_to_double(rate, years):\n    return np.log(2) / np.log(1 + rate)",
        ))},
        "slips-zh": {ch3: student(ch3, "zh", right(
            ch3, q3_2='tfp_share = "0.2"', q3_3a="capital_b = 7.39", q3_3b="tfp_gain = 0.0278",
            q3_4="import math\n\ndef years_to_double(rate):\n    return math.log(2) / math.log(1 + rate) / int(rate)",
        ))},
        "added-en": {"ch2_concept": student("ch2_concept", "en", {
            **right("ch2_concept", q2_2='china_hc = load_pwt("CHN").at(2019)["hc"]\nimplied_years = ...',
                    q2_4=f"elements = {dict(QUESTIONS['Q2.4'].expected(), **{'cotton that a mill spins into yarn': 'means of labour'})!r}"),
            "q2-5-answer": INFO["ch2_concept"].placeholders["q2-5-answer"][0],
        }, added=[
            ("q2-2-answer", new_code_cell("implied_years = 8 + (np.log(china_hc) - 0.536 - 0.404) / 0.068")),
            ("q2-5-answer", new_markdown_cell(WRITTEN_EN)),
            ("ch2ex-end", new_code_cell("print(leftover + 1)")),
        ])},
        "stale-en": {ch3: student(ch3, "en", after_run={"q3-2-answer": "tfp_share = 0.5"})},
        "stale-zh": {ch3: student(ch3, "zh", added=[("q3-1-answer", new_code_cell("print(<b>total</b>)"))],
                                  after_run={"q3-2-answer": "tfp_share = 0.5"})},
        "untouched-zh": {"ch1_features": student("ch1_features", "zh", {})},
        "labels-en": {"ch1_features": student("ch1_features", "en", {
            "q1-4-answer": "stages = " + repr(dict(QUESTIONS["Q1.4"].expected(), **{"use less energy for each tonne of product": "output"})),
        })},
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("answers")
    handed_in = class_()
    for name, notebooks in handed_in.items():
        (base / "submissions" / name).mkdir(parents=True)
        for exercise, notebook in notebooks.items():
            nbformat.write(notebook, base / "submissions" / name / f"{exercise}.ipynb")
    completed = grade(base / "submissions", "--out", base / "report", "--jobs", 2, "--timeout", 20)
    assert completed.returncode == 0, completed.stderr[-2000:]
    state = json.loads((base / "report" / "results.json").read_text(encoding="utf-8"))
    results = {(r["student"], r["exercise"]): r for r in state["results"] if r["state"] != "not-submitted"}
    return {"notebooks": handed_in, "results": results, "report": base / "report"}


def verdicts(graded, name, exercise):
    """{question: (status, points, line)} the grader gave."""
    return {q["question"]: (q["status"], q["points"], q["message"]) for q in graded["results"][(name, exercise)]["questions"]}


def saved_lines(notebook):
    """{question: the verdict line its check cell printed} in a notebook the student ran."""
    lines = {}
    for cell in notebook.cells:
        if CHECK_TAG in tags(cell):
            question = cell.metadata["grading"]["question"]
            printed = [line for line in cell_text(cell).splitlines() if line.startswith(f"{question} ")]
            lines[question] = printed[-1] if printed else None
    return lines


def course_tracebacks(notebook):
    """Check cells whose output holds a traceback through the course's own code."""
    return [
        cell.id
        for cell in notebook.cells
        if CHECK_TAG in tags(cell)
        for output in cell.outputs
        if output.output_type == "error" and "productive_forces" in "".join(output.traceback)
    ]


def test_no_check_cell_shows_a_traceback_and_every_saved_line_is_the_graders(graded):
    for name, notebooks in graded["notebooks"].items():
        for exercise, notebook in notebooks.items():
            assert course_tracebacks(notebook) == [], (name, exercise)
            assert not [cell for cell in errors(notebook) if cell.endswith("-check")], (name, exercise, errors(notebook))
            flags = graded["results"][(name, exercise)]["flags"]
            if name.startswith("stale-"):
                continue
            given = verdicts(graded, name, exercise)
            for question, line in saved_lines(notebook).items():
                assert line == given[question][2], (name, question)
            assert "verdict-mismatch" not in {flag["kind"] for flag in flags}, (name, flags)


def test_one_element_and_0d_arrays_and_numpy_numbers_are_numbers(graded):
    for question, (status, points, line) in verdicts(graded, "masks-en", "ch3_tfp").items():
        assert status == "correct" or question == "Q3.5", line
    masked = verdicts(graded, "masks-zh", "ch4_revolutions")
    assert masked["Q4.1a"] == ("correct", 2, "Q4.1a 回答正确——得分2/2")
    assert all(masked[q][0] == "correct" for q in ("Q4.1b", "Q4.2", "Q4.2-hidden", "Q4.3", "Q4.3-hidden", "Q4.4"))


def test_slips_get_explanations_not_method_hints(graded):
    slips = verdicts(graded, "slips-en", "ch3_tfp")
    assert slips["Q3.1"] == ("wrong", 0, "Q3.1 not yet right — 0/3 points. Your answer is nan, not a number the check can "
                             "compare: look for a division by zero or the logarithm of zero or of a negative number.")
    assert slips["Q3.2"][2] == "Q3.2 not yet right — 0/1 points. This looks like a percentage: give a decimal (0.02 for 2%)."
    # 7.39 against 7.388: a rounding slip, not a wrong method.
    assert slips["Q3.3a"] == ("close", 0, "Q3.3a close — 0/2 points. Check your rounding or your units: the check accepts answers within 0.001.")
    for question in ("Q3.4", "Q3.4-hidden"):
        assert slips[question][2].endswith("Your function's parameters are (rate, years), but the check calls it as years_to_double(rate).")
    chinese = verdicts(graded, "slips-zh", "ch3_tfp")
    assert chinese["Q3.2"][2] == "Q3.2 尚不正确——得分0/1。这里应填一个数，收到的却是str。"
    assert chinese["Q3.3a"][:2] == ("close", 0) and chinese["Q3.3a"][2].startswith("Q3.3a 接近正确——得分0/2。请检查舍入或单位")
    assert chinese["Q3.4"] == ("error", 0, "Q3.4 运行出错——得分0/1。你的函数引发了ZeroDivisionError。")
    for line in (*slips.values(), *chinese.values()):
        if line[0] in ("close", "error"):
            assert "Hint" not in line[2] and "提示" not in line[2]


def test_code_in_added_cells_runs_in_place_and_is_listed(graded):
    result = graded["results"][("added-en", "ch2_concept")]
    given = verdicts(graded, "added-en", "ch2_concept")
    assert given["Q2.2"][:2] == ("correct", 2)  # computed in the cell the student added below the stub
    added = [(entry["type"], entry["after"], entry.get("status")) for entry in result["added_cells"]]
    assert added == [("code", "q2-2-answer", "ok"), ("markdown", "q2-5-answer", None), ("code", "ch2ex-end", "error")]
    assert result["added_cells"][2]["error"].startswith("NameError")
    assert "The 2 code cells you added ran where you put them, in your notebook's order. 1 of them stopped with an error or ran too long." in result["notes"]


def test_a_written_answer_typed_into_an_added_markdown_cell_is_exported(graded):
    english = graded["results"][("added-en", "ch2_concept")]["written"]
    assert [(entry["question"], entry["text"]) for entry in english] == [("Q2.5", WRITTEN_EN)]  # the placeholder left out
    chinese = graded["results"][("masks-zh", "ch4_revolutions")]["written"]
    assert [(entry["question"], entry["text"]) for entry in chinese] == [("Q4.5", WRITTEN_ZH[:20] + "\n\n" + WRITTEN_ZH[20:])]
    rows = {(r["student"], r["question"]): r for r in read_csv(graded["report"] / "grades.csv")}
    assert rows[("added-en", "Q2.5")]["status"] == rows[("masks-zh", "Q4.5")]["status"] == "manual"
    marking = (graded["report"] / "written_answers.html").read_text(encoding="utf-8")
    assert WRITTEN_EN.replace("&", "&amp;") in marking and WRITTEN_ZH[20:].replace("&", "&amp;") in marking


def test_labelling_earns_its_share_by_half_points(graded):
    assert verdicts(graded, "labels-en", "ch1_features")["Q1.4"][:2] == ("partial", 1.5)  # 7 of 8 of 2 points
    assert verdicts(graded, "added-en", "ch2_concept")["Q2.4"][:2] == ("partial", 1.5)  # 5 of 6 of 2 points
    rows = {(r["student"], r["question"]): r for r in read_csv(graded["report"] / "grades.csv")}
    assert float(rows[("labels-en", "Q1.4")]["points"]) == 1.5


def test_untouched_stubs_of_every_kind_are_missing_without_a_hint(graded):
    untouched = verdicts(graded, "untouched-zh", "ch1_features")
    assert {status for status, _points, _line in untouched.values()} == {"missing"}
    assert untouched["Q1.1"][2] == "Q1.1 尚未作答——得分0/2。请把 ... 替换为函数体，然后重新运行这个单元。"
    assert untouched["Q1.4"][2].startswith("Q1.4 尚未作答——得分0/2。请给每一项填上")
    assert not any("提示" in line or "Hint" in line for _status, _points, line in untouched.values())
    stub = verdicts(graded, "labels-en", "ch1_features")  # the function left as the stub, the rest answered
    assert stub["Q1.1"][0] == stub["Q1.1-hidden"][0] == "missing"


def test_an_answer_changed_after_its_check_ran_is_flagged_with_both_lines(graded):
    result = graded["results"][("stale-en", "ch3_tfp")]
    assert verdicts(graded, "stale-en", "ch3_tfp")["Q3.2"][0] == "wrong"
    [flag] = [flag for flag in result["flags"] if flag["kind"] == "verdict-mismatch"]
    assert (flag["question"], flag["cell"], flag["student_line"]) == ("Q3.2", "q3-2-check", "Q3.2 correct — 1/1 points")
    assert flag["grader_line"].startswith("Q3.2 not yet right — 0/1 points. Hint:")
    shown = {(r["student"], r["kind"]): r["detail"] for r in read_csv(graded["report"] / "flags.csv")}
    assert "Q3.2 correct — 1/1 points" in shown[("stale-en", "verdict-mismatch")]


# -- the question texts ----------------------------------------------------------------------------


def question_text(notebook, question):
    """The text cell of a question (q3-3-text for Q3.3a and Q3.3b)."""
    number = re.match(r"Q(\d+)\.(\d+)", question).groups()
    return next(cell.source for cell in notebook.cells if cell.id == f"q{number[0]}-{number[1]}-text")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_numeric_question_states_the_precision_it_expects(language):
    exact = {"en": "exact", "zh": "完全正确"}[language]
    for question, spec in QUESTIONS.items():
        if not isinstance(spec, (ValueQuestion, FunctionQuestion)) or question.endswith("-hidden"):
            continue
        name = next(path.stem for path in (ROOT / "exercises").glob(f"ch{question[1]}_*.ipynb"))
        folder = ROOT / "exercises" / ("zh" if language == "zh" else "")
        text = question_text(nbformat.read(folder / f"{name}.ipynb", as_version=4), question)
        wanted = exact if spec.tolerance < 1e-6 else tolerance_text(spec.tolerance)
        assert re.search(rf"(?<![\d.]){re.escape(wanted)}(?![\d])", text), (question, language, wanted)


def test_every_function_question_names_the_call_its_stub_starts_from():
    for question, spec in QUESTIONS.items():
        if isinstance(spec, FunctionQuestion):
            name = next(path.stem for path in (ROOT / "exercises").glob(f"ch{question[1]}_*.ipynb"))
            stubs = [cell.source for cell in nbformat.read(ROOT / "exercises" / f"{name}.ipynb", as_version=4).cells if "answer" in tags(cell)]
            assert any(f"def {spec.signature}:" in stub for stub in stubs), question


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_question_with_a_hidden_check_says_how_its_points_are_split(language):
    for hidden, spec in QUESTIONS.items():
        if not hidden.endswith("-hidden"):
            continue
        question = hidden.removesuffix("-hidden")
        visible, total = QUESTIONS[question].points, QUESTIONS[question].points + spec.points
        name = next(path.stem for path in (ROOT / "exercises").glob(f"ch{question[1]}_*.ipynb"))
        folder = ROOT / "exercises" / ("zh" if language == "zh" else "")
        text = question_text(nbformat.read(folder / f"{name}.ipynb", as_version=4), question)
        heading = re.search(r"\((\d+) points?", text).group(1) if language == "en" else re.search(r"（(\d+)分", text).group(1)
        assert int(heading) == total, (question, language)
        said = f"earns {visible} of the {total} points" if language == "en" else f"占这{total}分中的{visible}分"
        assert said in re.sub(r"\s+", " ", text), (question, language)


# -- what the students and the instructor read ------------------------------------------------------


def feedback(graded, name, exercise):
    return read_page(graded["report"] / "feedback" / name / f"{exercise}.html")


def row_of(page, question):
    (row,) = [row for row in page.rows if row[0].startswith(f"{question} ")]
    return row


@pytest.fixture(scope="module")
def chinese_report(graded, tmp_path_factory):
    """The same report, rendered again for an instructor who reads Chinese."""
    folder = tmp_path_factory.mktemp("zh") / "report"
    shutil.copytree(graded["report"], folder)
    completed = grade("--out", folder, "--language", "zh_CN")
    assert completed.returncode == 0, completed.stderr[-2000:]
    return folder


def test_students_read_partly_right_and_nearly_right_in_their_language(graded):
    labels = row_of(feedback(graded, "labels-en", "ch1_features"), "Q1.4")
    assert labels[2:4] == ["Partly right", "1.5 / 2"] and labels[4].startswith("7 of 8 items are right.")
    slips = row_of(feedback(graded, "slips-en", "ch3_tfp"), "Q3.3a")
    assert slips[1:] == ["7.39", "Nearly right", "0 / 2", "Check your rounding or your units: the check accepts answers within 0.001."]
    chinese = row_of(feedback(graded, "slips-zh", "ch3_tfp"), "Q3.3a")
    assert chinese[1:4] == ["7.39", "接近正确", "0 / 2"] and chinese[4].startswith("请检查舍入或单位")


def test_a_student_reads_what_became_of_each_cell_they_added(graded):
    page = feedback(graded, "added-en", "ch2_concept")
    assert "The 2 code cells you added ran where you put them, in your notebook's order. 1 of them stopped with an error or ran too long." in page.blocks
    start = page.rows.index(["Cell", "Where", "What you added", "What happened"])
    rows = page.rows[start + 1 :]
    assert [row[1:] for row in rows] == [
        ["under Q2.2", "implied_years = 8 + (np.log(china_hc) - 0.536 - 0.404) / 0.068", "ran without an error"],
        ["under Q2.5", WRITTEN_EN, "part of the written answer to Q2.5"],
        ["after the exercise's cell ch2ex-end", "print(leftover + 1)", "stopped with an error: NameError: name 'leftover' is not defined"],
    ]
    assert [row[0] for row in rows] == [f"cell {entry['index'] + 1}" for entry in graded["results"][("added-en", "ch2_concept")]["added_cells"]]
    chinese = feedback(graded, "stale-zh", "ch3_tfp")
    assert "你添加的单元" in chinese.blocks and "b" not in chinese.tags
    assert chinese.rows[-1][1:3] == ["位于Q3.1下方", "print(<b>total</b>)"]
    assert chinese.rows[-1][3].startswith("因错误而停止：SyntaxError: invalid syntax")


def test_a_student_whose_notebook_showed_another_verdict_reads_both_lines(graded):
    said = [
        "For Q3.2, the notebook you handed in shows a different verdict from the grader's, and the grader's is the one that "
        "counts: perhaps the answer changed after its check last ran.",
        "Your notebook: Q3.2 correct — 1/1 points",
    ]  # fmt: skip
    blocks = feedback(graded, "stale-en", "ch3_tfp").blocks
    start = blocks.index(said[0])
    assert blocks[start : start + 2] == said and blocks[start + 2].startswith("The grader: Q3.2 not yet right — 0/1 points. Hint:")
    summary = read_page(graded["report"] / "summary" / "stale-en.html")
    (row,) = [row for row in summary.rows if row[0].startswith("ch3_tfp")]
    assert " ".join([*said, "The grader: Q3.2 not yet right — 0/1 points. Hint:"]) in row[3]
    chinese = read_page(graded["report"] / "summary" / "stale-zh.html")
    (row,) = [row for row in chinese.rows if row[0].startswith("ch3_tfp")]
    assert (
        "你提交的笔记本中Q3.2显示的判定与评分程序的不同，成绩以评分程序的判定为准：可能是答案在最后一次运行检查之后又改动过。 "
        "你的笔记本：Q3.2 回答正确——得分1/1 评分程序：Q3.2 尚不正确——得分0/1。提示："
    ) in row[3]


def test_the_instructor_reads_the_mismatch_the_added_cells_and_the_near_misses_in_english_and_chinese(graded, chinese_report):
    index = read_page(graded["report"] / "index.html")
    (mismatch,) = [row for row in index.rows if row[:3] == ["stale-en", "ch3_tfp", "verdict-mismatch"]]
    assert mismatch[4].startswith("The student's notebook showed: Q3.2 correct — 1/1 points The grader's verdict: Q3.2 not yet right — 0/1 points. Hint:")
    (statuses,) = [block for block in index.blocks if block.startswith("Question statuses:")]
    assert "Partly right 2" in statuses and "Nearly right 2" in statuses
    assert ["Q3.3a (ch3_tfp)", "3/5", "7.39 × 2 (close: rounding or units)"] in index.rows  # slips-en and slips-zh
    marking = read_page(graded["report"] / "written_answers.html")
    assert "Cells the students added" in marking.blocks
    (added,) = graded["results"][("stale-zh", "ch3_tfp")]["added_cells"]
    assert ["stale-zh", "ch3_tfp", f"cell {added['index'] + 1}", "under Q3.1", "print(<b>total</b>)"] in [row[:5] for row in marking.rows]
    assert ["added-en", "ch2_concept", "under Q2.5", "part of the written answer to Q2.5"] in [row[:2] + row[3:4] + row[5:] for row in marking.rows]

    index = read_page(chinese_report / "index.html")
    (mismatch,) = [row for row in index.rows if row[:3] == ["stale-zh", "ch3_tfp", "verdict-mismatch"]]
    assert mismatch[4].startswith("学生笔记本中显示：Q3.2 回答正确——得分1/1 评分程序的结论：Q3.2 尚不正确——得分0/1。")
    (statuses,) = [block for block in index.blocks if block.startswith("各题状态：")]
    assert "部分正确2、" in statuses and "接近正确2、" in statuses
    assert ["Q3.3a（ch3_tfp）", "3/5", "7.39 × 2 （接近正确：舍入或单位有误）"] in index.rows
    marking = read_page(chinese_report / "written_answers.html")
    assert "学生添加的单元" in marking.blocks
    assert ["added-en", "ch2_concept", "位于练习的单元ch2ex-end之后", "因错误而停止：NameError: name 'leftover' is not defined"] in [
        row[:2] + row[3:4] + row[5:] for row in marking.rows
    ]
    assert read_page(chinese_report / "feedback" / "added-en" / "ch2_concept.html").rows == feedback(graded, "added-en", "ch2_concept").rows  # students keep theirs


@pytest.mark.parametrize(("width", "one_line"), [(1280, True), (390, False)])
def test_a_chinese_feedback_page_reads_on_a_desktop_and_a_phone(graded, browser, width, one_line):
    """On a desktop no header, verdict or score breaks inside a word (Chinese breaks anywhere
    otherwise: 得/分 on two lines); on a phone the page never scrolls sideways."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto((graded["report"] / "feedback" / "slips-zh" / "ch3_tfp.html").as_uri())
        lines = page.evaluate("""() => [...document.querySelectorAll('th, td.verdict, td.points')].map(cell => {
            const range = document.createRange(); range.selectNodeContents(cell);
            return [cell.textContent.trim(), new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
        })""")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    finally:
        context.close()
    assert {"得分", "接近正确", "0 / 2"} <= {text for text, _ in lines}
    if one_line:
        assert all(count == 1 for _, count in lines), [cell for cell in lines if cell[1] > 1]
    assert overflow <= 0, f"the page scrolls {overflow}px sideways at {width}px"
