"""The report's HTML pages, rendered from the Jinja2 templates in ``templates/`` with autoescaping.

Every value a page shows goes through the template engine, which escapes it: student names,
file names, answers, error messages, written answers (rendered by written.py, raw HTML shown as
text) and the instructor's comments are text on every page, never markup. The templates hold
markup only; their words are the translated labels and sentences made here, so that the
catalogue (grading.po) has them all.

Pages, each in one language:

- ``feedback/STUDENT/EXERCISE.html`` (the student's language): per question its title, the
  student's answer (the value, or what their function returned on each case of a check run in
  the open), the verdict, the points (with the instructor's override, if any) and the hint or
  comment; the cells the student added (what they wrote, where, and whether it ran or what
  error it raised); a verdict their notebook showed that differs from the grader's, with both
  lines; never the solution, the hidden checks' code or cases, or the marking guide.
- ``summary/STUDENT.html`` (the student's language): every exercise's points, when it was handed
  in, lateness, what still awaits marking and any verdict that differs from their notebook's,
  with links to the feedback pages.
- ``index.html`` and ``written_answers.html`` (the instructor's language, --language): the
  overview with the class picture and the flags (a verdict mismatch with both lines), and the
  marking view with the marking guides and every cell a student added.
"""

from collections import Counter
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..i18n import N_, _, speaking
from . import class_stats, written
from .class_stats import listing
from .capture import MANUAL
from .exercise_info import localised
from .lateness import readable
from .output import number

_ENVIRONMENT = Environment(
    loader=PackageLoader("productive_forces.grade", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

STATUS_WORDS = {
    "correct": N_("Correct"),
    "partial": N_("Partly right"),
    "close": N_("Nearly right"),
    "wrong": N_("Not yet right"),
    "error": N_("Raised an error"),
    "timeout": N_("Ran too long"),
    "missing": N_("Not answered"),
    "unreadable": N_("File could not be read"),
    "manual": N_("Awaiting the instructor"),
}
LABELS = {
    "question": N_("Question"), "your_answer": N_("Your answer"), "result": N_("Result"), "points": N_("Points"),
    "comment": N_("Comment"), "all_exercises": N_("All your exercises"),
    "closing": N_(
        "Each answer was checked by the course's grader from a fresh copy of the exercise, "
        "with your answer cells and the cells you added put in; edits to the check cells have no effect."
    ),
    "exercise": N_("Exercise"), "handed_in": N_("Handed in"), "notes": N_("Notes"), "total": N_("Total"),
    "written_answers": N_("Written answers"),
    "written_intro": N_(
        "Mark these in manual_scores.csv in this folder (the points column; a comment for the student if you like), "
        "then merge the marks with this command, run from the course folder:"
    ),
    "written_elsewhere": N_("A sheet saved somewhere else is merged by adding --manual PATH/TO/SHEET.csv to the command."),
    "written_private": N_("This page shows the marking guides: keep it to yourself. Only the pages in feedback/ and summary/ are for students."),
    "no_written": N_("No written answers await marking."), "marking_guide": N_("Marking guide:"),
    "no_guide": N_("The solution has no marking guide for this question."),
    "report": N_("Grading report"), "files": N_("Files"), "class_picture": N_("The class at a glance"),
    "common_wrong": N_("Most common wrong answers"), "right": N_("Right"), "gradebook": N_("Gradebook"),
    "markers": N_(
        "NS: not submitted (counts 0). AW: written answers awaiting your marks. late: handed in after the deadline. "
        "Each student's name links to their summary, each score to their feedback."
    ),
    "student": N_("Student"), "overrides": N_("Points you set"), "grader_gave": N_("Grader's points"),
    "you_gave": N_("Your points"), "no_overrides": N_("None: every question has the grader's points."),
    "similar": N_("Nearly identical answer code"),
    "similar_about": N_(
        "Pairs of students whose answer code is nearly the same once names and spacing are set aside, "
        "as the last run with --similarity found them. This changes no points; similar code is often honest work "
        "from the same notes."
    ),
    "students": N_("Students"), "alike": N_("Alike"), "no_similar": N_("No pair of students wrote nearly identical code."),
    "to_look_at": N_("For the instructor to look at"), "kind": N_("Kind"), "cell_or_file": N_("Cell or file"),
    "detail": N_("Detail"), "nothing": N_("Nothing."),
    "added": N_("Cells you added"), "cell": N_("Cell"), "where": N_("Where"), "you_added": N_("What you added"),
    "what_happened": N_("What happened"),
    "added_about": N_(
        "The grader ran your own code cells where you put them, in your notebook's order, and kept your own "
        "Markdown cells. Each check reads your answer as it stands when the check is reached, so work done in your "
        "own cells counts."
    ),
    "students_added": N_("Cells the students added"),
    "students_added_about": N_(
        "Code cells a student added ran where the student put them, before the checks below them; Markdown cells "
        "added under a written answer are part of that answer above."
    ),
    "added_code": N_("What the student added"),
}  # fmt: skip
FILES = (
    ("gradebook.csv", N_("points per exercise with a Points possible row, total, awaiting hand marks and lateness")),
    ("gradebook_questions.csv", N_("points per question, for every student")),
    ("grades.csv", N_("one row per student, exercise and question, with the line the student saw")),
    ("flags.csv", N_("what to look at, with the reason")),
    ("written_answers.html", N_("the marking view of the written answers, with the marking guides, and every cell a student added")),
    ("manual_scores.csv", N_("the marking sheet: hand marks and overrides of any question")),
    ("lms/canvas.csv", N_("import file for Canvas")),
    ("lms/moodle.csv", N_("import file for Moodle")),
    ("lms/README.txt", N_("how to import the two files above")),
)


def html_lang(language):
    return "zh-CN" if language == "zh_CN" else "en-GB"


def labels():
    return {key: _(text) for key, text in LABELS.items()}


def _render(template, language, **context):
    return _ENVIRONMENT.get_template(template).render(lang=html_lang(language), t=labels(), **context)


def _split(sentence, **values):
    """A translated sentence around its {student}, so the name can be set in bold: (before, after)."""
    before, _marker, after = sentence.format(student="\0", **values).partition("\0")
    return before, after


ADDED_RUNS = {
    "ok": N_("ran without an error"),
    "timeout": N_("ran too long and was stopped"),
    "dead": N_("Python stopped while it ran (the memory limit?)"),
    "not-run": N_("did not run: the notebook had stopped before it"),
}


def status_word(question):
    if question["status"] == MANUAL and "instructor" in question:
        return _("Marked by the instructor")
    return _(STATUS_WORDS[question["status"]]) if question["status"] in STATUS_WORDS else question["status"]


def late_sentence(standing):
    """The lateness of one exercise, as its feedback page says it, or ''."""
    late = standing.late
    if not late:
        return ""
    if late["percent"]:
        return _(
            "Handed in {when}, {days} day(s) after the deadline: {percent}% of your points were taken off ({earned} → {after})."
        ).format(when=readable(standing.submitted), days=late["days"], percent=late["percent"], earned=late["earned"], after=late["after"])
    return _("Handed in {when}, {days} day(s) after the deadline.").format(when=readable(standing.submitted), days=late["days"])


def _question_rows(result, info):
    """The rows of a feedback page's table."""
    language = result.get("language", "en")
    details = {question["id"]: question for question in info["questions"]}
    answers = result.get("answers", {})
    rows = []
    for question in result["questions"]:
        about = details.get(question["question"], {})
        pending = question["status"] == MANUAL and "instructor" not in question
        applied = question.get("instructor")
        answer = answers.get(question["question"], {}) if question["status"] not in ("missing", "unreadable") else {}
        label = ""
        if question["kind"] == "hidden":
            label = _("(an extra check run only at grading)")
        elif question["kind"] == "written":
            label = _("(written answer)")
        override = ""
        if applied and question["status"] != MANUAL:
            override = _("set by the instructor; the grader gave {points}").format(points=applied["grader_points"])
        rows.append({
            "id": question["question"], "label": label, "title": localised(about.get("title", {}), language),
            "answer": answer.get("shown", ""), "calls": answer.get("calls", []) if question["kind"] == "check" else [],
            "status": question["status"], "status_word": status_word(question),
            "points": "–" if pending else number(question["points"]), "max_points": question["max_points"],
            "override": override, "detail": question["detail"] if question["status"] != MANUAL else "",
            "instructor_comment": _("Instructor: {comment}").format(comment=applied["comment"]) if applied and applied["comment"] else "",
        })  # fmt: skip
    return rows


def _question_of_cell(info):
    """{master cell id: question id} for the cells of each question (from the exercise summary)."""
    return {cell: question["id"] for question in info.get("questions", []) for cell in question.get("cells", [])}


def added_rows(result, info):
    """The cells the student added, as the pages list them, in the current language: where each
    sits, what it holds, and whether it ran (its error) or which written answer it belongs to."""
    questions = _question_of_cell(info)
    in_written = {index: entry["question"] for entry in result.get("written", []) for index in entry.get("added_cells", [])}
    rows = []
    for entry in result.get("added_cells", []):
        after = entry.get("after")
        if after is None:
            where = _("at the top of the notebook")
        elif after in questions:
            where = _("under {question}").format(question=questions[after])
        else:
            where = _("after the exercise's cell {cell}").format(cell=after)
        if entry.get("type") != "code":
            happened = (
                _("part of the written answer to {question}").format(question=in_written[entry["index"]])
                if entry.get("index") in in_written else _("text; not graded")
            )  # fmt: skip
        elif entry.get("status") == "error":
            happened = _("stopped with an error: {error}").format(error=entry.get("error", ""))
        else:
            happened = _(ADDED_RUNS.get(entry.get("status"), ADDED_RUNS["not-run"]))
        rows.append({
            "cell": _("cell {number}").format(number=entry.get("index", 0) + 1), "where": where,
            "source": entry.get("source", ""), "code": entry.get("type") == "code",
            "happened": happened, "failed": entry.get("type") == "code" and entry.get("status") != "ok",
        })  # fmt: skip
    return rows


def mismatch_notes(result):
    """[{"text", "lines"}] for each question whose verdict in the student's notebook differs from the
    grader's: a sentence, then the two lines."""
    return [
        {
            "text": _(
                "For {question}, the notebook you handed in shows a different verdict from the grader's, and the "
                "grader's is the one that counts: perhaps the answer changed after its check last ran."
            ).format(question=flag.get("question", "")),
            "lines": [
                _("Your notebook: {line}").format(line=flag.get("student_line", "")),
                _("The grader: {line}").format(line=flag.get("grader_line", "")),
            ],
        }
        for flag in result.get("flags", [])
        if flag.get("kind") == "verdict-mismatch"
    ]


def feedback_page(result, info, standing, retired=False):
    """The page a student gets for one exercise, in their notebook's language. retired: the
    exercise is no longer in the course (its points are in no total), which the page says."""
    language = result.get("language", "en")
    with speaking(language):
        pending = standing.awaiting
        awaiting = _("Written answers awaiting the instructor: {count}.").format(count=pending) if pending else ""
        heading = _("Feedback: {exercise}").format(exercise=result["exercise"])
        before, after = _split(
            _("Student: {student}. Score: {earned} / {possible} points."), earned=standing.points, possible=standing.possible
        )
        notes = list(result.get("notes", []))
        if result["state"] == "not-submitted":
            notes.append(_("No notebook was handed in for this exercise."))
        if retired:
            notes.append(_("This exercise is no longer part of the course: its points are kept here but count in no total."))
        return _render(
            "feedback.html", language, title=f"{heading} — {result['student']}", heading=heading,
            exercise_title=localised(info.get("title", {}), language), student=result["student"],
            student_before=before, student_after=after, awaiting=awaiting, late=late_sentence(standing), notes=notes,
            questions=_question_rows(result, info), summary_link=quote(result["student"]) + ".html",
            added=added_rows(result, info), mismatches=mismatch_notes(result),
        )  # fmt: skip


def summary_language(results):
    """The language most of a student's notebooks were written in (English if none)."""
    languages = Counter(r.get("language", "en") for r in results if r["state"] != "not-submitted")
    return languages.most_common(1)[0][0] if languages else "en"


def summary_page(student, results, row, exercises):
    """A student's overview across exercises, in the language of most of their notebooks."""
    language = summary_language(results)
    by_exercise = {r["exercise"]: r for r in results}
    with speaking(language):
        rows = []
        for name, standing in row.items():
            notes = []
            if not standing.handed_in:
                notes.append({"kind": "NS", "text": _("Not handed in.")})
            if standing.awaiting:
                notes.append({"kind": "AW", "text": _("Written answers awaiting the instructor: {count}.").format(count=standing.awaiting)})
            if standing.late:
                notes.append({"kind": "late", "text": late_sentence(standing)})
            notes += [{"kind": "mismatch", **note} for note in mismatch_notes(by_exercise.get(name, {}))]
            link = f"../feedback/{quote(student)}/{quote(name)}.html" if name in by_exercise else ""
            rows.append({
                "name": name, "title": localised(exercises[name].get("title", {}), language), "link": link,
                "points": standing.points if standing.handed_in else "–", "possible": standing.possible,
                "submitted": readable(standing.submitted) if standing.submitted else "–", "notes": notes,
            })  # fmt: skip
        heading = _("Summary of your exercises")
        before, after = _split(_("Student: {student}."))
        total = number(sum(standing.points for standing in row.values()))
        possible = sum(standing.possible for standing in row.values())
        return _render(
            "summary.html", language, title=f"{heading} — {student}", heading=heading, student=student,
            student_before=before, student_after=after, rows=rows, total=total, possible=possible,
        )  # fmt: skip


def written_page(state, merge_command):
    """The marking view: every written answer, by question, beside the question's marking guide."""
    groups = {}
    for result in state["results"]:
        questions = {q["question"]: q for q in result["questions"]}
        for entry in result.get("written", []):
            groups.setdefault((result["exercise"], entry["question"]), []).append((result["student"], entry, questions.get(entry["question"], {})))
    language = state.get("language", "en")
    with speaking(language):
        rendered = []
        for (exercise, question_id), entries in sorted(groups.items()):
            info = next((q for q in state["exercises"].get(exercise, {}).get("questions", []) if q["id"] == question_id), {})
            answers = []
            for student, entry, question in sorted(entries, key=lambda item: item[0]):
                applied = question.get("instructor")
                answers.append({
                    "student": student, "html": written.render(entry["text"]),
                    "words": _("{count} words").format(count=written.word_count(entry["text"])),
                    "mark": _("marked {points} / {max_points}").format(points=applied["points"], max_points=entry["max_points"]) if applied else "",
                    "comment": _("Your comment: {comment}").format(comment=applied["comment"]) if applied and applied["comment"] else "",
                })  # fmt: skip
            rendered.append({
                "heading": _("{exercise} — {question} ({points} points)").format(exercise=exercise, question=question_id, points=entries[0][1]["max_points"]),
                "title": localised(info.get("title", {}), language), "guide": written.render(localised(info.get("guide") or {}, language)),
                "answers": answers,
            })  # fmt: skip
        return _render(
            "written.html", language, title=_("Written answers"), groups=rendered, merge_command=merge_command,
            added=_added_by_student(state),
        )  # fmt: skip


def _added_by_student(state):
    """[{"student", "exercise", "rows"}] for every result with cells the student added, for the marking view."""
    return [
        {"student": result["student"], "exercise": result["exercise"],
         "rows": added_rows(result, state["exercises"].get(result["exercise"], {}))}
        for result in state["results"]
        if result.get("added_cells")
    ]  # fmt: skip


def _wrong_answer_rows(stats):
    rows = []
    for item in stats:
        common = item.commonest_wrong()
        if not common:
            continue
        answers = []
        for key, students in common:
            why = item.why(key)
            answers.append({"value": key, "students": students, "why": _("({why})").format(why=why) if why else None})
        question = _("{question} ({exercise})").format(question=item.question, exercise=item.exercise)
        rows.append({"question": question, "right": f"{item.right}/{item.handed_in}", "answers": answers})
    return rows


def _flag_rows(state, flags):
    """The rows of flags.csv for the overview, a verdict mismatch's detail as its two lines."""
    lines = {
        (result["student"], result["exercise"], flag.get("cell", "")): (flag.get("student_line", ""), flag.get("grader_line", ""))
        for result in state["results"]
        for flag in result.get("flags", [])
        if flag.get("kind") == "verdict-mismatch"
    }
    rows = []
    for student, exercise, kind, cell, detail in flags:
        row = {"values": [student, exercise, kind, cell], "detail": detail, "lines": []}
        if kind == "verdict-mismatch" and (student, exercise, cell) in lines:
            saved, grader = lines[(student, exercise, cell)]
            row["detail"] = ""
            row["lines"] = [_("The student's notebook showed: {line}").format(line=saved), _("The grader's verdict: {line}").format(line=grader)]
        rows.append(row)
    return rows


def index_page(state, table, flags, figures, stats, overrides, warnings):
    """The instructor's overview, in the instructor's language."""
    language = state.get("language", "en")
    names = list(state["exercises"])
    present = {(result["student"], result["exercise"]) for result in state["results"]}
    with speaking(language):
        counts = Counter(q["status"] for r in state["results"] for q in r["questions"])
        gradebook = []
        for student in sorted(table):
            cells = []
            for name in names:
                standing = table[student][name]
                markers = []
                if standing.awaiting:
                    markers.append({"kind": "AW", "text": "AW"})
                if standing.late:
                    markers.append({"kind": "late", "text": _("late {days} d").format(days=standing.late["days"])})
                cells.append({
                    "points": standing.points if standing.handed_in else "NS",
                    "link": f"feedback/{quote(student)}/{quote(name)}.html" if (student, name) in present else "",
                    "markers": markers,
                })  # fmt: skip
            total = number(sum(standing.points for standing in table[student].values()))
            gradebook.append({"student": student, "summary": f"summary/{quote(student)}.html", "cells": cells, "total": total})
        similarity = state.get("similarity")
        return _render(
            "index.html", language, title=_("Grading report"),
            generated=_("Graded {when}: {students} students, {exercises} exercise(s).").format(
                when=state.get("generated", ""), students=len(state["students"]), exercises=len(names)),
            statuses=_("Question statuses: {counts}.").format(
                counts=listing(_("{status} {count}").format(status=_(STATUS_WORDS.get(k, k)), count=v) for k, v in sorted(counts.items()))
            ),
            gap=_("{sentence} {more}").format(sentence="", more=""),
            warnings=warnings,
            files=[{"name": name, "link": name, "about": _(about)} for name, about in FILES],
            figures=[{**figure, "caption": _("{title}.").format(title=figure["title"])} for figure in figures],
            wrong_answers=_wrong_answer_rows(stats),
            columns=[{"name": name, "possible": state["exercises"][name]["max_points"]} for name in names],
            gradebook=gradebook,
            overrides=[
                {"student": s, "exercise": e, "question": q, "grader": g, "points": p, "possible": m, "comment": c}
                for s, e, q, g, p, m, c in overrides
            ],
            similarity=None if similarity is None else [
                {**pair, "percent": f"{100 * pair['ratio']:.0f}%"} for pair in similarity
            ],
            flags=_flag_rows(state, flags),
        )  # fmt: skip
