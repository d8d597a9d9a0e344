"""The report's pure parts, each on the inputs that decide it: the marking sheet, lateness, the
roster, word counts and safe Markdown, similarity, the class statistics and their readings, the
answers read back from a graded notebook, and what is read from the exercises' notebooks.

End to end, on notebooks students ran, these are covered by tests/test_grade_class.py; here each
rule is pinned where a mistake would show: the boundary of a range, a started day, a forged record.
"""

import io
import json
from datetime import datetime, timedelta, timezone

import nbformat
import pytest

from productive_forces.grade import answers, class_stats, exercise_info, lateness, marking, roster, similarity, written
from productive_forces.grade.assemble import ADDED_TAG
from productive_forces.grade.course import load_exercise
from productive_forces.i18n import speaking
from tests.notebooks import ROOT

# -- the marking sheet ------------------------------------------------------------------------------


def sheet(tmp_path, text):
    path = tmp_path / "marks.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_old_sheet_without_the_new_columns_reads_as_it_is(tmp_path):
    marks = marking.read_manual(sheet(tmp_path, "student,exercise,question,points,comment\nada,ch3_tfp,Q3.5,1.5,Good\n"))
    assert marks[("ada", "ch3_tfp", "Q3.5")] == marking.Mark(1.5, "Good", 2)
    with_max = "student,exercise,question,max_points,points,comment\nada,ch3_tfp,Q3.5,2,,\n"
    assert marking.read_manual(sheet(tmp_path, with_max))[("ada", "ch3_tfp", "Q3.5")].points is None


@pytest.mark.parametrize("points, accepted", [("0", True), ("3", True), ("2,5", True), ("3.01", False), ("-0.5", False)])
def test_points_must_lie_in_zero_to_the_questions_maximum(tmp_path, points, accepted):
    path = sheet(tmp_path, f'student,exercise,question,points\nada,ch3_tfp,Q3.1,"{points}"\n')
    maxima = {("ch3_tfp", "Q3.1"): 3}
    if accepted:
        assert marking.read_manual(path, maxima=maxima)[("ada", "ch3_tfp", "Q3.1")].points == float(points.replace(",", "."))
    else:
        with pytest.raises(marking.ManualScoresError, match=rf"line 2: {points} points for ada/ch3_tfp/Q3.1 is outside 0 to 3"):
            marking.read_manual(path, maxima=maxima)


def test_the_reports_own_sheet_keeps_a_bad_line_as_typed(tmp_path):
    path = sheet(tmp_path, "student,exercise,question,points\nada,ch3_tfp,Q3.1,lots\nbo,ch3_tfp,Q3.1,2\n")
    marks, warnings = marking.read_manual(path, strict=False, maxima={("ch3_tfp", "Q3.1"): 3})
    assert marks[("ada", "ch3_tfp", "Q3.1")].points == "lots" and not marks[("ada", "ch3_tfp", "Q3.1")].usable
    assert marks[("bo", "ch3_tfp", "Q3.1")].points == 2.0
    assert warnings == [f"{path}, line 2: points for ada/ch3_tfp/Q3.1 must be a number, got 'lots'; that line was not applied"]


def result(student, question, status, points, maximum):
    return {
        "student": student, "exercise": "ch3_tfp", "state": "graded", "language": "en",
        "questions": [{"question": question, "kind": "check", "status": status, "points": points, "max_points": maximum,
                       "detail": "", "message": ""}],
    }  # fmt: skip


def test_marks_apply_again_from_the_graders_points_each_time():
    state = {"results": [result("ada", "Q3.1", "wrong", 0, 3)]}
    marks = {("ada", "ch3_tfp", "Q3.1"): marking.Mark(1.5, "slip", 2)}
    assert marking.apply(state, marks) == []
    question = state["results"][0]["questions"][0]
    assert question["points"] == 1.5 and question["instructor"] == {"points": 1.5, "comment": "slip", "grader_points": 0}
    assert marking.apply(state, marks) == [] and question["points"] == 1.5  # applied twice, same result
    marking.apply(state, {})
    assert question["points"] == 0 and "instructor" not in question  # the mark removed: the grader's points
    assert marking.overrides({"results": [result("ada", "Q3.1", "wrong", 0, 3)]}) == []


def test_a_mark_for_no_such_question_is_a_warning_naming_its_line():
    state = {"results": [result("ada", "Q3.1", "wrong", 0, 3)]}
    warnings = marking.apply(state, {("bo", "ch3_tfp", "Q3.1"): marking.Mark(1.0, "", 7)})
    assert warnings == ["manual score for bo/ch3_tfp/Q3.1 (line 7) ignored: there is no such question"]


# -- lateness --------------------------------------------------------------------------------------

DEADLINE = "2025-03-01T23:59:00+08:00"


@pytest.mark.parametrize("delay, days", [
    (timedelta(0), 0), (timedelta(seconds=-5), 0), (timedelta(seconds=1), 1), (timedelta(days=1), 1),
    (timedelta(days=1, seconds=1), 2), (timedelta(days=9, hours=3), 10),
])  # fmt: skip
def test_every_started_day_after_the_deadline_counts(delay, days):
    submitted = (datetime.fromisoformat(DEADLINE) + delay).isoformat()
    assert lateness.days_late(submitted, DEADLINE) == days


def test_the_penalty_is_a_percent_of_the_points_per_day_capped():
    policy = lateness.policy({"": DEADLINE}, 15, 40)
    late = {"exercise": "ch3_tfp", "state": "graded", "submitted": "2025-03-03T10:00:00+08:00"}
    assert lateness.lateness(late, policy, 10) == {"days": 2, "percent": 30, "earned": 10, "after": 7}
    later = dict(late, submitted="2025-03-09T10:00:00+08:00")
    assert lateness.lateness(later, policy, 10)["percent"] == 40  # capped
    assert lateness.lateness(dict(late, submitted="2025-03-01T12:00:00+00:00"), policy, 10) is None  # 20:00 in Beijing
    flag_only = lateness.policy({"ch3_tfp": DEADLINE}, 0, 100)
    assert lateness.lateness(late, flag_only, 10) == {"days": 2, "percent": 0, "earned": 10, "after": 10}
    assert lateness.lateness(dict(late, exercise="ch1_features"), flag_only, 10) is None  # another exercise's deadline


def test_bad_deadlines_and_penalties_name_the_option():
    with pytest.raises(lateness.TimesError, match="--deadline 'ch9=2025-03-01' names no exercise"):
        lateness.parse_deadlines(["ch9=2025-03-01"], ["ch3_tfp"])
    with pytest.raises(lateness.TimesError, match="not a date and time"):
        lateness.parse_deadlines(["tomorrow"], ["ch3_tfp"])
    with pytest.raises(ValueError, match="--late-penalty must be between 0 and 100"):
        lateness.policy({"": DEADLINE}, 120, 100)
    assert lateness.parse_deadlines(["ch3_tfp=2025-03-01T23:59+08:00"], ["ch3_tfp"]) == {"ch3_tfp": DEADLINE}


def test_the_times_sheet_names_its_bad_line(tmp_path):
    path = tmp_path / "times.csv"
    path.write_text("student,exercise,submitted\nada,ch3_tfp,2025-03-01 17:05+08:00\nbo,,yesterday\n", encoding="utf-8")
    with pytest.raises(lateness.TimesError, match=r"times.csv, line 3: 'yesterday' is not a date and time"):
        lateness.read_times(path)
    path.write_text("student,exercise,submitted\nada,,2025-03-01T17:05:00Z\n", encoding="utf-8")
    assert lateness.read_times(path) == {"ada/": "2025-03-01T17:05:00+00:00"}
    assert lateness.readable("2025-03-01T17:05:00+08:00") == "2025-03-01 17:05 +08:00"


# -- the roster ----------------------------------------------------------------------------------------


def test_a_canvas_export_with_a_folder_column_is_a_roster(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Folder\n    Points Possible,,,,,\n"
        '"Lovelace, Ada",101,S1,ada@uni,A,ada\n', encoding="utf-8",
    )  # fmt: skip
    found = roster.read_roster(path)
    assert found == {"ada": {"name": "Lovelace, Ada", "canvas_id": "101", "sis_user_id": "S1", "sis_login_id": "ada@uni",
                             "section": "A", "email": "", "username": "", "id_number": ""}}  # fmt: skip
    assert roster.identity(found, "bo")["name"] == "bo"


def test_a_moodle_export_gives_names_and_emails(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("First name,Last name,ID number,Email address,folder\nAda,Lovelace,2024001,ada@x.edu,ada\n", encoding="utf-8")
    ada = roster.read_roster(path)["ada"]
    assert (ada["name"], ada["id_number"], ada["email"]) == ("Ada Lovelace", "2024001", "ada@x.edu")


def test_a_roster_without_folders_or_with_a_folder_twice_is_refused(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("Student,ID\nAda,1\n", encoding="utf-8")
    with pytest.raises(roster.RosterError, match="needs a column 'folder'"):
        roster.read_roster(path)
    path.write_text("folder,ID\nada,1\nada,2\n", encoding="utf-8")
    with pytest.raises(roster.RosterError, match="line 3: folder 'ada' is listed twice"):
        roster.read_roster(path)


# -- written answers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, words", [
    ("It is **not** measured, directly.", 5),
    ("TFP grew 1.4% a year; the U.S. didn't.", 8),
    ("全要素生产率增长", 8),
    ("TFP 增长 2% 左右。", 6),
    ("- one\n- two\n\n`code here`", 4),
])  # fmt: skip
def test_words_are_counted_as_a_reader_counts_them(text, words):
    assert written.word_count(text) == words


def test_markdown_is_rendered_with_raw_html_links_and_images_as_text():
    html = str(written.render('**yes** <img src=x onerror="alert(1)"> [site](javascript:alert(2)) ![i](http://t/x.png)'))
    assert "<strong>yes</strong>" in html
    assert "<img" not in html and "<a " not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


# -- similarity --------------------------------------------------------------------------------------------

CODE = """
def years_to_double(rate):
    doubling = np.log(2) / np.log(1 + rate)
    return doubling

values = [years_to_double(r) for r in (0.01, 0.02, 0.05)]
shares = np.array(values) / sum(values)
residual = shares[0] - shares[1]
"""


def test_renamed_names_and_spacing_do_not_hide_a_copy():
    disguised = CODE.replace("doubling", "t").replace("values", "xs").replace("shares", "w").replace(" = ", "=")
    disguised = "# written on my own\n" + disguised.replace("\n\n", "\n\n\n")
    pairs = similarity.similar_pairs({"ada": CODE, "bo": disguised, "cy": "residual = 0.0123\n" * 3}, min_tokens=30)
    assert pairs == [(1.0, "ada", "bo")]


def test_different_code_and_short_code_are_not_listed():
    other = "import math\n" + "\n".join(f"x{i} = math.log({i} + 1) * {i}" for i in range(12))
    assert similarity.similar_pairs({"ada": CODE, "bo": other}, min_tokens=30) == []
    assert similarity.similar_pairs({"ada": "s = a / b", "bo": "s = a / b"}) == []  # too short to say anything


def graded_with_added(answer, added=(), added_text=()):
    """A graded notebook as the grader writes it: the answer cell, then the cells the student added."""
    cells = [nbformat.v4.new_code_cell(answer, metadata={"tags": ["answer"]})]
    cells += [nbformat.v4.new_code_cell(source, metadata={"tags": [ADDED_TAG]}) for source in added]
    cells += [nbformat.v4.new_markdown_cell(text, metadata={"tags": [ADDED_TAG]}) for text in added_text]
    return nbformat.v4.new_notebook(cells=cells)


def test_code_a_student_wrote_in_cells_of_their_own_is_compared_as_their_answer(tmp_path):
    disguised = CODE.replace("doubling", "t").replace("values", "xs").replace(" = ", "=")
    notebooks = {
        "ada": graded_with_added("share = residual", [CODE]),  # all the work in a cell of their own
        "bo": graded_with_added("share = residual", [disguised]),
        "cy": graded_with_added("share = residual", added_text=[CODE]),  # the same text as Markdown is not code
    }
    for student, notebook in notebooks.items():
        (tmp_path / "graded" / student).mkdir(parents=True)
        nbformat.write(notebook, tmp_path / "graded" / student / "ch3_tfp.ipynb")
    state = {"exercises": {"ch3_tfp": {}}, "results": [{"student": s, "exercise": "ch3_tfp", "state": "graded"} for s in notebooks]}
    assert similarity.find(tmp_path, state, tmp_path / "no-exercises") == [{"exercise": "ch3_tfp", "students": ["ada", "bo"], "ratio": 1.0}]
    assert similarity.own_code(notebooks["ada"], ["share = residual"]) == CODE  # the starter line left out


# -- statistics and readings ---------------------------------------------------------------------------


@pytest.mark.parametrize("answer, why", [(39.3, "a percent for a fraction"), (0.00393, "a fraction for a percent"),
                                         (-0.393, "the sign flipped"), (0.5, None), (None, None)])  # fmt: skip
def test_a_wrong_number_is_explained_when_it_is_a_known_slip(answer, why):
    assert class_stats.diagnose(answer, 0.393, 0.002) == why


def class_state(statuses):
    """A state with one exercise of one question and one student per status (and answer)."""
    results = []
    for index, (status, shown, number) in enumerate(statuses):
        entry = result(f"s{index}", "Q3.2", status, 1 if status == "correct" else 0, 1)
        entry["answers"] = {"Q3.2": {"shown": shown, "key": shown, "number": number}} if shown else {}
        results.append(entry)
    exercise = {"max_points": 1, "title": {"en": "Exercise 3"}, "questions": [{"id": "Q3.2", "kind": "check", "points": 1}]}
    return {"exercises": {"ch3_tfp": exercise}, "students": [r["student"] for r in results], "results": results}


def test_the_readings_name_the_hardest_question_and_its_commonest_wrong_answer():
    expected = class_stats.expected_value("Q3.2")[0]
    percent = f"{100 * expected:.3g}"
    state = class_state([("correct", "", None), ("wrong", percent, 100 * expected), ("wrong", percent, 100 * expected),
                         ("wrong", "0.5", 0.5), ("error", "", None)])  # fmt: skip
    stats = class_stats.question_stats(state)
    assert (stats[0].right, stats[0].handed_in, stats[0].commonest_wrong()) == (1, 5, [(percent, 2), ("0.5", 1)])
    with speaking("en"):
        assert class_stats.success_reading(stats) == (
            f"Q3.2 (ch3_tfp) was the hardest: 1 of 5 right. "
            f"The most common wrong answer was {percent}, given by 2 students: a percent for a fraction."
        )
        assert class_stats.verdicts_reading(stats) == "Of 4 answers not fully right, 3 wrong, 1 error. Q3.2 raised the most errors (1)."
        assert class_stats.scores_reading(state, class_stats.exercise_scores(state)) == (
            "The median score of ch3_tfp was 0 of 1 points; 1 of 5 students scored full marks."
        )
    with speaking("zh_CN"):
        assert "最难" in class_stats.success_reading(stats) and "百分数" in class_stats.success_reading(stats)


def test_close_answers_are_listed_among_the_wrong_ones_as_close_and_partial_ones_are_counted_apart():
    expected = class_stats.expected_value("Q3.2")[0]
    near = f"{expected + 0.005:.3g}"
    state = class_state([("close", near, expected + 0.005), ("close", near, expected + 0.005), ("wrong", "0.5", 0.5),
                         ("partial", "{'a': 'input', …}", None), ("correct", "", None)])  # fmt: skip
    stats = class_stats.question_stats(state)
    assert stats[0].commonest_wrong() == [(near, 2), ("0.5", 1)]  # the partly right dict is not a wrong answer
    with speaking("en"):
        assert stats[0].why(near) == "close: rounding or units" and stats[0].why("0.5") is None
        assert class_stats.success_reading(stats).endswith(
            f"The most common wrong answer was {near}, given by 2 students: close: rounding or units."
        )
        assert class_stats.verdicts_reading(stats) == "Of 4 answers not fully right, 2 close, 1 partly right, 1 wrong."
    with speaking("zh_CN"):
        assert class_stats.verdicts_reading(stats) == "在4个未完全答对的答案中，接近正确2个、部分正确1个、答错1个。"


def test_each_verdict_has_its_own_colour_in_the_picture_and_its_own_words_in_the_alt_text():
    from PIL import Image

    from productive_forces.grade import plots

    state = class_state([(status, "", None) for status in class_stats.ORDER])
    stats = class_stats.question_stats(state)
    assert set(plots.COLOURS) == set(class_stats.ORDER) == set(class_stats.STATUS_NAMES)
    assert len(set(plots.COLOURS.values())) == len(plots.COLOURS)
    with speaking("zh_CN"):
        png, alt = plots.verdicts_figure(stats)
    pixels = set(Image.open(io.BytesIO(png)).convert("RGB").get_flattened_data())
    for status, colour in plots.COLOURS.items():
        assert tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5)) in pixels, status  # one bar part each, drawn
    assert alt == (
        "各题评判结果：Q3.2：回答正确1、部分正确1、接近正确1、答错1、出错1、运行超时1、尚未作答1、无法读取1。"
    )


def test_plots_draw_chinese_with_every_glyph(recwarn):
    from productive_forces.grade import plots

    state = class_state([("correct", "", None), ("wrong", "0.5", 0.5), ("missing", "", None)])
    with speaking("zh_CN"):
        figures, _stats = plots.class_picture(state)
    assert [figure["file"] for figure in figures] == ["class/scores.png", "class/success.png", "class/verdicts.png"]
    assert not [warning for warning in recwarn if "missing from" in str(warning.message)]  # "Glyph ... missing from font"
    assert all(figure["png"][:8] == b"\x89PNG\r\n\x1a\n" and "Q3.2" in figure["alt"] for figure in figures[1:])


# -- answers read back from the graded notebook ----------------------------------------------------------


def graded_notebook(records_by_cell):
    cells = []
    for cell_id, records in records_by_cell.items():
        cell = nbformat.v4.new_code_cell("_pf_grader_capture(0)", metadata={"tags": ["grader-capture"]})
        cell.id = cell_id
        cell.outputs = [nbformat.v4.new_output("display_data", data={answers.MIME: record}) for record in records]
        cells.append(cell)
    return nbformat.writes(nbformat.v4.new_notebook(cells=cells))


QUESTIONS = [{"id": "Q3.2", "kind": "check", "points": 1, "expression": "tfp_share"},
             {"id": "Q3.4", "kind": "check", "points": 1, "expression": "years_to_double", "cases": [[0.02]]}]  # fmt: skip


def test_an_answer_is_read_only_from_its_genuine_record():
    genuine = {"nonce": "abcdef123456" + "0" * 20, "index": 0, "question": "Q3.2",
               "answer": {"t": "ndarray", "dtype": "<f8", "shape": [1], "v": ["0.00708123"]}}  # fmt: skip
    forged = dict(genuine, nonce="f" * 32, answer={"t": "float", "v": "0.5"})
    assert answers.read(graded_notebook({"grader-abcdef123456-0": [genuine]}), QUESTIONS) == {
        "Q3.2": {"shown": "array([0.00708123])", "key": "array([0.00708])", "number": 0.00708123}
    }
    assert answers.read(graded_notebook({"grader-abcdef123456-0": [forged]}), QUESTIONS) == {}
    assert answers.read(graded_notebook({"grader-abcdef123456-0": [genuine, dict(genuine)]}), QUESTIONS) == {}
    assert answers.read(graded_notebook({"grader-abcdef123456-1": [genuine]}), QUESTIONS) == {}  # another index


def test_a_functions_answer_is_what_it_returned_on_each_case():
    record = {"nonce": "0" * 32, "index": 1, "question": "Q3.4", "answer": {"t": "callable", "type": "function"},
              "results": [{"value": {"t": "float", "v": "35.00278878"}}]}  # fmt: skip
    found = answers.read(graded_notebook({f"grader-{'0' * 12}-1": [record]}), QUESTIONS)["Q3.4"]
    assert found["calls"] == [{"call": "years_to_double(0.02)", "returned": "35.0028"}]
    record["results"] = [{"raised": "ZeroDivisionError"}]
    found = answers.read(graded_notebook({f"grader-{'0' * 12}-1": [record]}), QUESTIONS)["Q3.4"]
    assert found["calls"] == [{"call": "years_to_double(0.02)", "returned": "<ZeroDivisionError>"}]


# -- what is read from the exercises' notebooks ------------------------------------------------------------


def test_titles_in_both_languages_and_the_marking_guides_come_from_the_notebooks():
    exercise = load_exercise("ch3_tfp", ROOT / "solutions" / "ch3_tfp.ipynb")
    info = json.loads(json.dumps(exercise_info.describe(exercise, ROOT / "exercises")))
    assert info["title"] == {"en": "Exercise 3: growth accounting, allocation and doubling time",
                             "zh_CN": "练习三：增长核算、资源配置与翻番时间"}  # fmt: skip
    by_id = {question["id"]: question for question in info["questions"]}
    assert by_id["Q3.3b"]["title"]["en"] == "Question 3.3 — allocating capital between two firms"
    assert by_id["Q3.1"]["title"]["zh_CN"] == "第3.1题——韩国的索洛余值"
    assert by_id["Q3.4"]["cases"] == [[0.02]] and "cases" not in by_id["Q3.4-hidden"]  # hidden cases stay hidden
    # A hidden check is only in the master; the copy's title of its question names it in Chinese too.
    assert by_id["Q3.4-hidden"]["title"]["zh_CN"] == by_id["Q3.4"]["title"]["zh_CN"] == "第3.4题——翻番时间"
    guide = by_id["Q3.5"]["guide"]
    assert guide["en"].startswith("1 point") and "---" not in guide["en"] and "Model answer" not in guide["en"]
    assert set(guide) == {"en", "zh_CN"} and "参考答案" not in guide["zh_CN"]


def test_a_guide_ends_at_a_rule_or_the_end_of_the_solution():
    source = "<!-- BEGIN SOLUTION -->\n*Model answer.* x\n\n*Marking guide:* 1 point for y.\n\n---\n\nmore\n<!-- END SOLUTION -->"
    assert exercise_info.marking_guides(source) == {"en": "1 point for y."}
    assert exercise_info.marking_guides("*Marking guide:* all.\n<!-- END SOLUTION -->") == {"en": "all."}
    assert exercise_info.marking_guides("no guide") == {}


def test_a_heading_loses_its_note_of_points_in_either_language():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Exercise 9"), nbformat.v4.new_markdown_cell("## Question 9.1 — a title (3 points)"),
        nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_markdown_cell("## 第9.2题——标题（2分，由授课教师评分）"),
        nbformat.v4.new_code_cell("y = 2"),
    ])  # fmt: skip
    titles = list(exercise_info.section_titles(notebook).values())
    assert titles == ["Exercise 9", "Question 9.1 — a title", "Question 9.1 — a title", "第9.2题——标题", "第9.2题——标题"]


def test_a_deadline_in_another_zone_compares_as_the_same_moment():
    here = datetime(2025, 3, 1, 15, 59, tzinfo=timezone.utc).isoformat()
    assert lateness.days_late(here, DEADLINE) == 0  # 23:59 in Beijing is 15:59 UTC
