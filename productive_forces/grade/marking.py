"""The marking sheet, manual_scores.csv: the instructor's points and comments for any question.

A row sets the points of one student's question: a hand mark for a written answer, or an
override of the grader's points for any other question (a sound method with a slip, say). Its
columns are ``student, exercise, question, max_points, grader_points, points, comment``; only
``student, exercise, question, points`` are required, so a sheet from an older grader, or one
typed by hand, reads as it is. ``points`` left empty means "not marked yet" (the grader's points
stand). The grader fills in ``max_points`` and ``grader_points`` (what it awarded on its own)
each time it writes the sheet, and never changes the instructor's ``points`` or ``comment``.

Points outside 0 to the question's maximum are refused with the line, the question and the
range: a sheet given with --manual stops the command before anything runs; the report's own
sheet is kept as typed, its bad line is reported and applied to nothing, and the rest is graded.

The marks are applied to the results held in memory each time the report is written (see
:func:`apply`): a question's ``instructor`` entry records the points, the comment and the
grader's own points, so that a re-grade (with or without --only) starts from the grader's
points again and the sheet puts the marks back.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _, speaking
from .capture import MANUAL, headline
from .output import csv_text, number

SHEET = "manual_scores.csv"
COLUMNS = ["student", "exercise", "question", "max_points", "grader_points", "points", "comment"]
REQUIRED = {"student", "exercise", "question", "points"}


class ManualScoresError(Exception):
    """The manual-scores sheet, or the report's saved results, cannot be used as they stand."""


@dataclass(frozen=True)
class Mark:
    """One row of the sheet: points (None when empty; the text typed when the line is bad), comment, line."""

    points: object
    comment: str = ""
    line: int = 0

    @property
    def usable(self):
        return self.points is None or isinstance(self.points, float)


def _points(raw, top, question):
    try:
        points = float(raw.replace(",", "."))
    except ValueError:
        raise ManualScoresError(f"points for {question} must be a number, got {raw!r}") from None
    if not 0 <= points <= (top if top is not None else float("inf")):
        limit = number(top) if top is not None else "the maximum"
        raise ManualScoresError(f"{raw} points for {question} is outside 0 to {limit}")
    return points


def read_manual(path, strict=True, maxima=None):
    """{(student, exercise, question): Mark} from a marking sheet.

    maxima: {(exercise, question): maximum points} as the course has them; a question not in it
    is checked against the sheet's own max_points column. strict: a bad line raises
    ManualScoresError. Otherwise (the sheet in the report folder) the result is (marks,
    warnings): a bad line is a warning, and its points are kept as typed, to be written back
    unchanged and applied to nothing.
    """
    path = Path(path)
    try:
        marks, warnings = _read(path, strict, maxima or {})
    except ManualScoresError as error:
        if strict:
            raise
        return {}, [f"{error}; the sheet was not used"]
    return marks if strict else (marks, warnings)


def _read(path, strict, maxima):
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ManualScoresError(f"cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ManualScoresError(f"{path} is not a UTF-8 CSV file (save it as 'CSV UTF-8')") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = REQUIRED - set(reader.fieldnames or [])
    if missing:
        raise ManualScoresError(f"{path}: the header needs the columns {', '.join(sorted(missing))}")
    marks, warnings = {}, []
    for line, row in enumerate(reader, start=2):
        key = tuple((row.get(column) or "").strip() for column in ("student", "exercise", "question"))
        if not any(key) and not (row.get("points") or "").strip():
            continue  # an empty line
        raw = (row.get("points") or "").strip()
        top = maxima.get(key[1:])
        if top is None and (row.get("max_points") or "").strip():
            try:
                top = float((row.get("max_points") or "").strip())
            except ValueError:
                top = None
        points = None
        try:
            if raw:
                points = _points(raw, top, "/".join(key))
        except ManualScoresError as error:
            if strict:
                raise ManualScoresError(f"{path}, line {line}: {error}") from None
            warnings.append(f"{path}, line {line}: {error}; that line was not applied")
            points = raw
        marks[key] = Mark(points, (row.get("comment") or "").strip(), line)
    return marks, warnings


def read_marks(report, manual_path=None, maxima=None):
    """(marks, warnings): the report's own sheet, then the one given with --manual on top.

    Read once, before any grading, and kept in memory: a sheet that appears later is never read.
    The report's sheet may be bad (a warning); a --manual sheet must be good (ManualScoresError).
    """
    sheet = Path(report) / SHEET
    marks, warnings = read_manual(sheet, strict=False, maxima=maxima) if sheet.is_file() else ({}, [])
    if manual_path is not None:
        marks.update(read_manual(manual_path, maxima=maxima))
    return marks, warnings


def maxima_of(exercises_summary):
    """{(exercise, question): points} from the report's exercise summary."""
    return {
        (name, question["id"]): question["points"]
        for name, info in exercises_summary.items()
        for question in info["questions"]
    }


def reset(state):
    """Take every applied mark out of the results: each question has the grader's points again."""
    for result in state["results"]:
        for question in result["questions"]:
            applied = question.pop("instructor", None)
            if question.pop("marked", False) or (applied and question["status"] == MANUAL):
                question["points"] = 0
            elif applied:
                question["points"] = applied["grader_points"]
            if question["status"] == MANUAL:
                with speaking(result.get("language", "en")):
                    question["detail"] = _("Awaiting the instructor.")
                    question["message"] = headline(question["question"], MANUAL, 0, question["max_points"], question["detail"])


def apply(state, marks):
    """Put the instructor's points into the results (after :func:`reset`); return warnings."""
    reset(state)
    questions, languages = {}, {}
    for result in state["results"]:
        for question in result["questions"]:
            key = (result["student"], result["exercise"], question["question"])
            questions[key], languages[key] = question, result.get("language", "en")
    warnings = []
    for key, mark in sorted(marks.items()):
        if not mark.usable:
            continue  # a bad line of the report's own sheet: kept, not applied
        question = questions.get(key)
        if question is None:
            if mark.points is not None:
                warnings.append(f"manual score for {'/'.join(key)} (line {mark.line}) ignored: there is no such question")
            continue
        if mark.points is None:
            continue
        if mark.points > question["max_points"]:
            warnings.append(
                f"manual score for {'/'.join(key)} (line {mark.line}) ignored: "
                f"{number(mark.points)} is outside 0 to {question['max_points']}"
            )
            continue
        question["instructor"] = {
            "points": number(mark.points), "comment": mark.comment, "grader_points": number(question["points"]),
        }  # fmt: skip
        question["points"] = number(mark.points)
        if question["status"] == MANUAL:
            with speaking(languages[key]):  # the student reads these lines in their notebook's language
                detail = _("Marked by the instructor.") + (f" {mark.comment}" if mark.comment else "")
                question["detail"] = detail
                question["message"] = _(
                    "{question} marked by the instructor — {points}/{max_points} points. {detail}"
                ).format(question=question["question"], points=number(mark.points), max_points=question["max_points"], detail=detail)
    return warnings


def overrides(state):
    """[(student, exercise, question, grader points, instructor points, max, comment)] for every
    question whose automatic points the instructor set."""
    found = []
    for result in state["results"]:
        for question in result["questions"]:
            applied = question.get("instructor")
            if applied and question["status"] != MANUAL:
                found.append((
                    result["student"], result["exercise"], question["question"], applied["grader_points"],
                    applied["points"], question["max_points"], applied["comment"],
                ))  # fmt: skip
    return found


def sheet_text(state, marks):
    """The marking sheet to write: every row it had (points and comments as the instructor typed
    them), plus an empty row for each written answer awaiting marks."""
    questions = {
        (result["student"], result["exercise"], question["question"]): question
        for result in state["results"]
        for question in result["questions"]
    }
    rows = {}
    for key, mark in marks.items():
        points = "" if mark.points is None else mark.points if isinstance(mark.points, str) else number(mark.points)
        rows[key] = [*key, "", "", points, mark.comment]
    for key, question in questions.items():
        if question["status"] == MANUAL and key not in rows:
            rows[key] = [*key, "", "", "", ""]
    for key, row in rows.items():
        question = questions.get(key)
        if question is not None:
            row[3] = question["max_points"]
            grader = question.get("instructor", {}).get("grader_points", question["points"])
            row[4] = "" if question["status"] == MANUAL else number(grader)
    return csv_text(sorted(rows.values(), key=lambda row: [str(v) for v in row[:3]]), COLUMNS)
