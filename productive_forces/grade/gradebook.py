"""The gradebook: each student's points per exercise and question, as the report's CSV files give them.

Points are the grader's, with the instructor's marks from the marking sheet applied, and with
the late policy applied to each exercise's total (see lateness.py). Markers, the same in every
file for people (the LMS files follow each platform's own convention, see lms.py):

- ``NS``: not submitted; no notebook for this exercise was handed in (it counts 0 in totals);
- ``AW``: awaiting hand marks; a written answer the instructor has not marked yet.

Files:

- ``gradebook.csv``: one row per student: a column per exercise (points, or NS), the total,
  ``awaiting_hand_marks`` (the exercises whose points will still grow when written answers are
  marked, with how many answers wait) and ``late`` (days late and the penalty, per exercise).
  The row under the header, ``Points possible``, holds each exercise's maximum.
- ``gradebook_questions.csv``: one row per student, a column per question (``ch3_tfp Q3.1``),
  points or NS or AW, and the total; ``Points possible`` under the header. Late penalties are
  not split between questions: this file holds the points before them.
- ``grades.csv``: one row per student, exercise and question: status, points, maximum, the
  line the student saw, the grader's own points and the instructor's comment.
"""

from dataclasses import dataclass

from .capture import MANUAL
from .lateness import lateness
from .output import csv_text, number

NOT_SUBMITTED, AWAITING = "NS", "AW"
POINTS_POSSIBLE = "Points possible"


@dataclass
class Standing:
    """One student's result in one exercise."""

    possible: int
    state: str = "not-submitted"
    earned: float = 0
    awaiting: int = 0  # written answers not marked yet
    late: dict | None = None
    submitted: str | None = None

    @property
    def handed_in(self):
        return self.state != "not-submitted"

    @property
    def points(self):
        """The exercise's points after any late penalty."""
        return self.late["after"] if self.late else number(self.earned)


def awaiting(question):
    return question["status"] == MANUAL and "instructor" not in question


def standing(result, possible, late_policy=None):
    """The Standing of one result, out of `possible` points."""
    earned = sum(question["points"] for question in result["questions"])
    return Standing(
        possible=possible,
        state=result["state"],
        earned=number(earned),
        awaiting=sum(1 for question in result["questions"] if awaiting(question)),
        late=lateness(result, late_policy, earned),
        submitted=result.get("submitted"),
    )


def standings(state):
    """{student: {exercise: Standing}} over every student and exercise of the state (results of an
    exercise no longer in the course are left out)."""
    exercises = state["exercises"]
    table = {student: {name: Standing(info["max_points"]) for name, info in exercises.items()} for student in state["students"]}
    for result in state["results"]:
        if result["exercise"] not in exercises:
            continue
        row = table.setdefault(result["student"], {name: Standing(info["max_points"]) for name, info in exercises.items()})
        row[result["exercise"]] = standing(result, exercises[result["exercise"]]["max_points"], state.get("late_policy"))
    return table


def total(row):
    return number(sum(standing.points for standing in row.values()))


def gradebook_csv(state, table):
    names = list(state["exercises"])
    possible = [state["exercises"][name]["max_points"] for name in names]
    rows = [[POINTS_POSSIBLE, *possible, sum(possible), "", ""]]
    for student in sorted(table):
        row = table[student]
        cells = [row[name].points if row[name].handed_in else NOT_SUBMITTED for name in names]
        waiting = "; ".join(f"{name} ({row[name].awaiting})" for name in names if row[name].awaiting)
        late = "; ".join(
            f"{name}: {row[name].late['days']} d, -{row[name].late['percent']}%" for name in names if row[name].late
        )
        rows.append([student, *cells, total(row), waiting, late])
    return csv_text(rows, ["student", *names, "total", "awaiting_hand_marks", "late"])


def questions_csv(state):
    """The per-question export (see the module doc)."""
    columns = [(name, question) for name, info in state["exercises"].items() for question in info["questions"]]
    by_key = {(r["student"], r["exercise"]): r for r in state["results"]}
    rows = [[POINTS_POSSIBLE, *[question["points"] for _name, question in columns], sum(q["points"] for _n, q in columns)]]
    for student in sorted(state["students"]):
        cells, earned = [], 0
        for name, question in columns:
            result = by_key.get((student, name))
            found = next((q for q in result["questions"] if q["question"] == question["id"]), None) if result else None
            if result is None or result["state"] == "not-submitted" or found is None:
                cells.append(NOT_SUBMITTED)
            elif awaiting(found):
                cells.append(AWAITING)
            else:
                cells.append(number(found["points"]))
                earned += found["points"]
        rows.append([student, *cells, number(earned)])
    return csv_text(rows, ["student", *[f"{name} {question['id']}" for name, question in columns], "total"])


def grades_csv(state):
    rows = [
        [
            result["student"], result["exercise"], question["question"], question["kind"], question["status"],
            number(question["points"]), question["max_points"], question["message"],
            number(question.get("instructor", {}).get("grader_points", question["points"])),
            question.get("instructor", {}).get("comment", ""),
        ]
        for result in state["results"]
        for question in result["questions"]
    ]  # fmt: skip
    header = ["student", "exercise", "question", "kind", "status", "points", "max_points", "message", "grader_points", "comment"]
    return csv_text(rows, header)
