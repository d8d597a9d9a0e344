"""Write the report: every file is rendered from results.json, so nothing is lost between runs.

REPORT/
    results.json          everything the grader found (the source of all the files below)
    grades.csv            one row per student, exercise and question
    gradebook.csv         one row per student: a column per exercise and the total
    flags.csv             what the instructor should look at (tampering, crashes, stray files)
    index.html            an overview with links to everything
    feedback/STUDENT/EXERCISE.html   what each student gets back
    written_answers.html  all written answers, for marking by hand
    manual_scores.csv     the marking sheet for written answers; fill in points and re-render
    graded/STUDENT/EXERCISE.ipynb    the executed graded notebooks (instructor only: hidden checks)

Files are replaced atomically (written beside, then renamed), and manual_scores.csv is never
overwritten: new rows are added and the instructor's points and comments are kept.
"""

import csv
import html
import io
import json
import os
import time
from pathlib import Path
from urllib.parse import quote

from ..i18n import N_, _, speaking
from .capture import HEADLINES, MANUAL, headline

FORMAT = 1
STATUS_WORDS = {
    "correct": N_("Correct"),
    "wrong": N_("Not yet right"),
    "error": N_("Raised an error"),
    "timeout": N_("Ran too long"),
    "missing": N_("Not answered"),
    "unreadable": N_("File could not be read"),
    "manual": N_("Awaiting the instructor"),
}
MANUAL_COLUMNS = ["student", "exercise", "question", "max_points", "points", "comment"]


class ManualScoresError(Exception):
    """The manual-scores sheet, or the report's saved results, cannot be used as they stand."""


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="")
    os.replace(temporary, path)


def _cell(value):
    """A CSV value a spreadsheet shows as text: one that starts like a formula gets a leading '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(rows, header):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def number(value):
    """Points as a spreadsheet wants them: 3, not 3.0; 2.5 stays 2.5."""
    value = round(float(value), 2)
    return int(value) if value == int(value) else value


# -- state ------------------------------------------------------------------------------------


def load_state(report):
    path = Path(report) / "results.json"
    if not path.is_file():
        return None
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ManualScoresError(f"cannot read the previous results in {path}: {error}") from None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ManualScoresError(f"{path} was not written by this version of the grader")
    return state


def exercise_summary(exercises):
    return {
        name: {
            "max_points": exercise.max_points,
            "questions": [{"id": q.id, "kind": q.kind, "points": q.points} for q in exercise.questions],
        }
        for name, exercise in exercises.items()
    }


# -- manual scores ----------------------------------------------------------------------------


def read_manual(path, strict=True):
    """{(student, exercise, question): (points or None, comment)} from a manual-scores CSV.

    strict: a bad line raises ManualScoresError. Otherwise (the sheet in the report folder) the
    result is (scores, warnings): a bad line is a warning, and its points are kept as the text the
    instructor typed, to be written back unchanged and applied to nothing.
    """
    path = Path(path)
    try:
        scores, warnings = _read_manual(path, strict)
    except ManualScoresError as error:
        if strict:
            raise
        return {}, [f"{error}; the sheet was not used"]
    return scores if strict else (scores, warnings)


def _read_manual(path, strict):
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ManualScoresError(f"cannot read {path}: {error.strerror}") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = {"student", "exercise", "question", "points"} - set(reader.fieldnames or [])
    if missing:
        raise ManualScoresError(f"{path}: the header needs the columns {', '.join(sorted(missing))}")
    scores, warnings = {}, []
    for line, row in enumerate(reader, start=2):
        key = tuple((row.get(column) or "").strip() for column in ("student", "exercise", "question"))
        raw = (row.get("points") or "").strip()
        points = None
        try:
            if raw:
                points = _points(raw, (row.get("max_points") or "").strip())
        except ManualScoresError as error:
            if strict:
                raise ManualScoresError(f"{path}, line {line}: {error}") from None
            warnings.append(f"{path}, line {line}: {error}; that line was not applied")
            points = raw
        scores[key] = (points, (row.get("comment") or "").strip())
    return scores, warnings


def _points(raw, maximum):
    try:
        points = float(raw.replace(",", "."))
        top = float(maximum) if maximum else None
    except ValueError:
        raise ManualScoresError(f"points must be a number, got {raw!r}") from None
    if not 0 <= points <= (top if top is not None else float("inf")):
        raise ManualScoresError(f"{raw} points is outside 0 to {maximum or 'the maximum'}")
    return points


def apply_manual(state, scores):
    """Put the instructor's points into the written-answer questions; return warnings."""
    warnings = []
    manual, languages = {}, {}
    for result in state["results"]:
        for question in result["questions"]:
            if question["status"] == MANUAL:
                key = (result["student"], result["exercise"], question["question"])
                manual[key], languages[key] = question, result.get("language", "en")
    for key, (points, comment) in scores.items():
        if isinstance(points, str):  # a bad line of the report's own sheet: kept, not applied
            continue
        question = manual.get(key)
        if question is None:
            if points is not None:
                warnings.append(f"manual score for {'/'.join(key)} ignored: no written answer awaits marking there")
            continue
        if points is not None and points > question["max_points"]:
            warnings.append(
                f"manual score for {'/'.join(key)} ignored: {number(points)} is more than {question['max_points']} points"
            )
            continue
        with speaking(languages[key]):  # the student reads these lines in their notebook's language
            if points is None:
                question.update(points=0, detail=_("Awaiting the instructor."))
                question["message"] = headline(question["question"], MANUAL, 0, question["max_points"], question["detail"])
                continue
            detail = _("Marked by the instructor.") + (f" {comment}" if comment else "")
            question.update(points=number(points), detail=detail, marked=True)
            question["message"] = _("{question} marked by the instructor — {points}/{max_points} points. {detail}").format(
                question=question["question"], points=number(points), max_points=question["max_points"], detail=detail
            )
    return warnings


def _manual_sheet(report, state, scores):
    """The marking sheet: every row it had, plus a row for each written answer awaiting marking."""
    rows = {
        key: [*key, "", points if points is None or isinstance(points, str) else number(points), comment]
        for key, (points, comment) in scores.items()
    }
    for result in state["results"]:
        for question in result["questions"]:
            if question["status"] == MANUAL:
                key = (result["student"], result["exercise"], question["question"])
                if key in rows:
                    rows[key][3] = question["max_points"]
                else:
                    rows[key] = [*key, question["max_points"], "", ""]
    _write(Path(report) / "manual_scores.csv", _csv(sorted(rows.values(), key=lambda row: row[:3]), MANUAL_COLUMNS))


# -- rendering --------------------------------------------------------------------------------

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: .4rem .6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.correct { color: #1a7f37; } .wrong, .error, .timeout, .unreadable { color: #b42318; }
.missing { color: #8a6d00; } .manual { color: #175cd3; }
.answer { white-space: pre-wrap; font-family: ui-monospace, monospace; background: #f8f8f8; padding: .6rem;
          border: 1px solid #ddd; }
.note { background: #fff8e1; padding: .6rem; border-left: 4px solid #f0b400; }
"""


def _page(title, body, language="en-GB"):
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _e(value):
    return html.escape(str(value), quote=True)


def _status_word(question):
    if question["status"] == MANUAL and question.get("marked"):
        return _("Marked by the instructor")
    return _(STATUS_WORDS[question["status"]]) if question["status"] in STATUS_WORDS else question["status"]


def feedback_html(result):
    """The page a student gets, in their notebook's language: verdicts, points and hints; never
    solution or hidden-check code."""
    language = result.get("language", "en")
    with speaking(language):
        return _feedback_html(result, "zh-CN" if language == "zh_CN" else "en-GB")


def _feedback_html(result, lang):
    questions = result["questions"]
    earned = sum(q["points"] for q in questions)
    possible = sum(q["max_points"] for q in questions)
    pending = sum(1 for q in questions if q["status"] == MANUAL and not q.get("marked"))
    hidden, written = _e(_("(an extra check run only at grading)")), _e(_("(written answer)"))
    rows = []
    for q in questions:
        label = _e(q["question"]) + (f" <small>{hidden}</small>" if q["kind"] == "hidden" else "")
        label += f" <small>{written}</small>" if q["kind"] == "written" else ""
        points = "–" if q["status"] == MANUAL and not q.get("marked") else f"{number(q['points'])}"
        rows.append(
            f'<tr><td>{label}</td><td class="{_e(q["status"])}">{_e(_status_word(q))}</td>'
            f"<td>{points} / {q['max_points']}</td><td>{_e(q['detail'])}</td></tr>"
        )
    notes = [*result.get("notes", [])]
    if result["state"] == "not-submitted":
        notes.append(_("No notebook was handed in for this exercise."))
    awaiting = " " + _("Written answers awaiting the instructor: {count}.").format(count=pending) if pending else ""
    heading = _("Feedback: {exercise}").format(exercise=result["exercise"])
    # The student's name in bold inside a translated sentence: split the sentence where it goes.
    before, _marker, after = _("Student: {student}. Score: {earned} / {possible} points.").format(
        student="\0", earned=number(earned), possible=possible
    ).partition("\0")
    columns = "".join(f"<th>{_e(name)}</th>" for name in (_("Question"), _("Result"), _("Points"), _("Comment")))
    closing = _(
        "Each answer was checked by the course's grader from a fresh copy of the exercise, "
        "with your answer cells put in; edits to the check cells have no effect."
    )
    body = (
        f"<h1>{_e(heading)}</h1>\n"
        f"<p>{_e(before)}<strong>{_e(result['student'])}</strong>{_e(after)}{_e(awaiting)}</p>\n"
        + "".join(f'<p class="note">{_e(note)}</p>' for note in notes)
        + f"\n<table>\n<tr>{columns}</tr>\n"
        + "\n".join(rows)
        + f"\n</table>\n<p><small>{_e(closing)}</small></p>"
    )
    return _page(f"{heading} — {result['student']}", body, lang)


def _written_html(state):
    parts = [
        "<h1>Written answers</h1>",
        "<p>Mark these in <code>manual_scores.csv</code>, then run the grader with <code>--manual</code> "
        "(see the instructor guide).</p>",
    ]
    entries = [(r["exercise"], w["question"], r["student"], w) for r in state["results"] for w in r.get("written", [])]
    if not entries:
        parts.append("<p>No written answers await marking.</p>")
    current = None
    for exercise, question, student, written in sorted(entries, key=lambda e: e[:3]):
        if (exercise, question) != current:
            current = (exercise, question)
            parts.append(f"<h2>{_e(exercise)} — {_e(question)} ({written['max_points']} points)</h2>")
        parts.append(f'<h3>{_e(student)}</h3>\n<div class="answer">{_e(written["text"])}</div>')
    return _page("Written answers", "\n".join(parts))


def _all_flags(state):
    rows = []
    for result in state["results"]:
        for flag in result.get("flags", []):
            rows.append(
                [result["student"], result["exercise"], flag["kind"], flag.get("cell", ""), flag.get("detail", "")]
            )
    for item in state.get("unmatched", []):
        rows.append([item["student"], "", "unmatched-file", item["file"], item["reason"]])
    for warning in state.get("warnings", []):
        rows.append(["", "", "warning", "", warning])
    return rows


def totals(state):
    """{student: {exercise: points}} over every student and exercise in the state."""
    table = {student: {name: 0 for name in state["exercises"]} for student in state["students"]}
    for result in state["results"]:
        row = table.setdefault(result["student"], {name: 0 for name in state["exercises"]})
        row[result["exercise"]] = number(sum(q["points"] for q in result["questions"]))
    return table


def _index_html(state, flags):
    names = list(state["exercises"])
    table = totals(state)
    by_key = {(r["student"], r["exercise"]): r for r in state["results"]}
    header = "".join(f"<th>{_e(n)} (/{state['exercises'][n]['max_points']})</th>" for n in names)
    rows = []
    for student in sorted(table):
        cells = []
        for name in names:
            result = by_key.get((student, name))
            score = table[student][name]
            link = f"feedback/{quote(student)}/{quote(name)}.html"
            state_note = "" if not result or result["state"] == "graded" else f" <small>({_e(result['state'])})</small>"
            cells.append(f'<td><a href="{_e(link)}">{score}</a>{state_note}</td>' if result else f"<td>{score}</td>")
        total = number(sum(table[student].values()))
        rows.append(f"<tr><td>{_e(student)}</td>{''.join(cells)}<td><strong>{total}</strong></td></tr>")
    counts = {}
    for result in state["results"]:
        for q in result["questions"]:
            counts[q["status"]] = counts.get(q["status"], 0) + 1
    flag_rows = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in flags)
    body = (
        "<h1>Grading report</h1>\n"
        f"<p>Graded {_e(state.get('generated', ''))}: {len(state['students'])} students, {len(names)} exercise(s). "
        f"Question statuses: {_e(', '.join(f'{k} {v}' for k, v in sorted(counts.items())))}.</p>\n"
        '<p>Files: <a href="gradebook.csv">gradebook.csv</a>, <a href="grades.csv">grades.csv</a>, '
        '<a href="flags.csv">flags.csv</a>, <a href="written_answers.html">written_answers.html</a>, '
        '<a href="manual_scores.csv">manual_scores.csv</a>.</p>\n'
        f"<h2>Gradebook</h2>\n<table><tr><th>Student</th>{header}<th>Total</th></tr>\n" + "\n".join(rows) + "</table>\n"
        f"<h2>For the instructor to look at ({len(flags)})</h2>\n"
        + (
            "<table><tr><th>Student</th><th>Exercise</th><th>Kind</th><th>Cell or file</th><th>Detail</th></tr>"
            + flag_rows
            + "</table>"
            if flags
            else "<p>Nothing.</p>"
        )
    )
    return _page("Grading report", body)


def read_scores(report, manual_path=None):
    """(scores, warnings): the report's own marking sheet, then the one given with --manual.

    Read once, before any grading, and kept in memory: a sheet that appears later is never read.
    The report's sheet may be bad (a warning); a --manual sheet must be good (ManualScoresError).
    """
    sheet = Path(report) / "manual_scores.csv"
    scores, warnings = read_manual(sheet, strict=False) if sheet.is_file() else ({}, [])
    if manual_path is not None:
        scores.update(read_manual(manual_path))
    return scores, warnings


def render(report, state, scores):
    """Apply the manual scores (see read_scores) and (re)write every file of the report from state,
    held in memory; return warnings."""
    report = Path(report)
    report.mkdir(parents=True, exist_ok=True)
    for result in state["results"]:
        for question in result["questions"]:
            if question["status"] == MANUAL and question.pop("marked", False):
                question.update(points=0)
    warnings = apply_manual(state, scores)
    _manual_sheet(report, state, scores)

    state["results"].sort(key=lambda r: (r["student"], r["exercise"]))
    for result in state["results"]:
        notebook = result.pop("notebook", None)
        if notebook:
            _write(report / "graded" / result["student"] / f"{result['exercise']}.ipynb", notebook)
        _write(report / "feedback" / result["student"] / f"{result['exercise']}.html", feedback_html(result))
    grade_rows = [
        [
            r["student"],
            r["exercise"],
            q["question"],
            q["kind"],
            q["status"],
            number(q["points"]),
            q["max_points"],
            q["message"],
        ]
        for r in state["results"]
        for q in r["questions"]
    ]
    _write(
        report / "grades.csv",
        _csv(grade_rows, ["student", "exercise", "question", "kind", "status", "points", "max_points", "message"]),
    )
    names = list(state["exercises"])
    table = totals(state)
    book = [[s, *[table[s][n] for n in names], number(sum(table[s].values()))] for s in sorted(table)]
    _write(report / "gradebook.csv", _csv(book, ["student", *names, "total"]))
    flags = _all_flags(state)
    _write(report / "flags.csv", _csv(flags, ["student", "exercise", "kind", "cell", "detail"]))
    _write(report / "written_answers.html", _written_html(state))
    _write(report / "index.html", _index_html(state, flags))
    _write(report / "results.json", json.dumps(state, indent=1, ensure_ascii=False) + "\n")
    return warnings


def new_state(exercises, students, results, unmatched, warnings, submissions):
    return {
        "format": FORMAT,
        "generated": time.strftime("%Y-%m-%d %H:%M:%S"),
        "submissions": str(submissions),
        "exercises": exercise_summary(exercises),
        "students": sorted(students),
        "results": results,
        "unmatched": unmatched,
        "warnings": warnings,
    }


__all__ = [
    "HEADLINES", "render", "load_state", "new_state", "read_manual", "read_scores", "ManualScoresError", "totals",
]  # fmt: skip
