"""Import files for learning platforms: ``lms/canvas.csv``, ``lms/moodle.csv`` and ``lms/README.txt``.

Canvas (Grades, Import): the header is Canvas's own gradebook export's, ``Student, ID, SIS User
ID, SIS Login ID, Section``, then one column per exercise (named as the exercise), and the row
under it is ``Points Possible`` with each exercise's maximum. Canvas matches a student by ID,
SIS User ID or SIS Login ID. A blank cell sets no grade: an exercise not handed in, or with
written answers awaiting marks, is left blank, so Canvas's own rules for missing work apply.

Moodle (Grades, Import, CSV file): ``ID number, Email address, Username, Full name``, then for
each exercise a column of points and a column ``<exercise> (feedback)``; at import, "Map from" the
identity column you trust to the same user field, and map each exercise's columns to its grade
item and to its feedback. ``-`` sets no grade (not handed in, or awaiting marks). Moodle has no
row of maximum points: create the grade items with the maxima of gradebook.csv first.

Without a roster (roster.py) the grader knows each student only by their folder name, which it
puts in Canvas's SIS Login ID and Moodle's Username; README.txt and the report's index say so.
"""

import textwrap

from ..i18n import _, speaking
from .output import csv_text, number
from .roster import identity

CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
CANVAS_POINTS_POSSIBLE = "Points Possible"
MOODLE_HEADER = ["ID number", "Email address", "Username", "Full name"]
MOODLE_NO_GRADE = "-"
FEEDBACK_SUFFIX = " (feedback)"


def _final(standing):
    return standing.handed_in and not standing.awaiting


def canvas_csv(state, table):
    names = list(state["exercises"])
    roster = state.get("roster")
    rows = [[CANVAS_POINTS_POSSIBLE, "", "", "", "", *[state["exercises"][n]["max_points"] for n in names]]]
    for student in sorted(table):
        who = identity(roster, student)
        login = who["sis_login_id"] or ("" if roster and student in roster else student)
        cells = [table[student][name].points if _final(table[student][name]) else "" for name in names]
        rows.append([who["name"], who["canvas_id"], who["sis_user_id"], login, who["section"], *cells])
    return csv_text(rows, CANVAS_HEADER + names, safe=False)


def feedback_line(result, standing):
    """A short line for the platform's feedback column, in the student's language."""
    with speaking(result.get("language", "en")):
        parts = [_("{points} of {possible} points.").format(points=standing.points, possible=standing.possible)]
        parts.append(", ".join(f"{q['question']} {number(q['points'])}/{q['max_points']}" for q in result["questions"]) + ".")
        if standing.late:
            parts.append(
                _("Handed in {days} day(s) late: {percent}% off.").format(days=standing.late["days"], percent=standing.late["percent"])
            )
        return " ".join(parts)


def moodle_csv(state, table):
    names = list(state["exercises"])
    roster = state.get("roster")
    by_key = {(r["student"], r["exercise"]): r for r in state["results"]}
    rows = []
    for student in sorted(table):
        who = identity(roster, student)
        username = who["username"] or ("" if roster and student in roster else student)
        cells = []
        for name in names:
            standing = table[student][name]
            result = by_key.get((student, name))
            final = _final(standing)
            cells += [standing.points if final else MOODLE_NO_GRADE, feedback_line(result, standing) if final and result else ""]
        rows.append([who["id_number"], who["email"], username, who["name"], *cells])
    header = MOODLE_HEADER + [column for name in names for column in (name, name + FEEDBACK_SUFFIX)]
    return csv_text(rows, header, safe=False)


def readme(state):
    """What the LMS files hold and how to import them, in the instructor's language."""
    roster = state.get("roster")
    paragraphs = [_("Grade import files for learning platforms, written by the course's grader.")]
    if not roster:
        paragraphs.append(_(
            "NO ROSTER WAS GIVEN: the grader knows each student only by the name of their folder in SUBMISSIONS. "
            "That name is in Canvas's 'SIS Login ID' column and Moodle's 'Username' column; check that it is the "
            "login your platform uses, or grade again with --roster (see the instructor guide)."
        ))
    else:
        missing = sorted(set(state["students"]) - set(roster))
        if missing:
            paragraphs.append(_("Students missing from the roster (their folder name is used): {names}").format(names=", ".join(missing)))
    paragraphs.append(_(
        "canvas.csv, for Canvas (Grades, Import): the columns Student, ID, SIS User ID, SIS Login ID and Section, "
        "then one per exercise, named as the exercise; the row 'Points Possible' holds each exercise's maximum. "
        "A blank cell sets no grade: the exercise was not handed in, or written answers await your marks. "
        "Name your Canvas assignments as the exercises, or Canvas creates new ones."
    ))
    paragraphs.append(_(
        "moodle.csv, for Moodle (Grades, Import, CSV file): 'Map from' Username, Email address or ID number to the "
        "same user field, then map each exercise's column to its grade item and '<exercise> (feedback)' to that "
        "item's feedback. '-' sets no grade. Create the grade items first, with the maximum points in gradebook.csv."
    ))
    return "\n\n".join(textwrap.fill(paragraph, width=100) for paragraph in paragraphs) + "\n"


def files(state, table):
    """{relative path: text} of the LMS files."""
    return {"lms/canvas.csv": canvas_csv(state, table), "lms/moodle.csv": moodle_csv(state, table), "lms/README.txt": readme(state)}
