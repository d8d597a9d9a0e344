"""The class at a glance, as numbers and one-line readings: what the report's plots show.

Pure functions of the report's state (results.json): the scores per exercise of the students
who handed it in, for every question graded automatically how many were right and what the
others got (verdicts, and the commonest wrong answers), and the sentence under each plot. A
wrong number that is the expected value times 100 (or divided by it, or with its sign flipped)
is explained as such in the reading: the registry's expected value is computed here, in the
instructor's report only, and never written anywhere.

The commonest wrong answers are those that were read and earned nothing: ``wrong`` and
``close`` (a number within ten tolerances, marked as such), since a rounding slip many students
share is worth going over in class. ``partial`` answers (a dict of labels with some right) are
left out: they earned points, and the labels that differ do not fit in one short answer.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from ..exercises.questions import QUESTIONS
from ..i18n import N_, _, ngettext
from .output import number

FAILING = ("close", "wrong", "error", "timeout", "missing", "unreadable")  # no points
ORDER = ("correct", "partial", *FAILING)
MISSED = ("close", "wrong")  # read and judged, no points: counted among the wrong answers
LIST_SEPARATOR = N_(", ")  # TRANSLATORS: between the items of a list in a sentence
STATUS_NAMES = {
    "correct": N_("correct"),
    "partial": N_("partly right"),
    "close": N_("close"),
    "wrong": N_("wrong"),
    "error": N_("error"),
    "timeout": N_("ran too long"),
    "missing": N_("not answered"),
    "unreadable": N_("unreadable"),
}
MOST_WRONG = 3  # wrong answers listed per question


@dataclass
class QuestionStats:
    """How the class did on one question graded automatically."""

    exercise: str
    question: str
    handed_in: int = 0
    statuses: Counter = field(default_factory=Counter)
    wrong: Counter = field(default_factory=Counter)  # shown answer key -> students (wrong or close)
    numbers: dict = field(default_factory=dict)  # shown answer key -> the answer as a number
    close: set = field(default_factory=set)  # keys of answers graded close

    @property
    def right(self):
        return self.statuses["correct"]

    @property
    def rate(self):
        return self.right / self.handed_in if self.handed_in else 0.0

    def commonest_wrong(self, count=MOST_WRONG):
        return self.wrong.most_common(count)

    def why(self, key):
        """What a wrong answer most likely is, as a translated phrase, or None."""
        if key in self.close:
            return _("close: rounding or units")
        known = expected_value(self.question)
        return diagnose(self.numbers.get(key), *known) if known else None


def listing(parts):
    """Items of a list in a sentence, joined as the current language joins them."""
    return _(LIST_SEPARATOR).join(parts)


def exercise_scores(state):
    """{exercise: [score as a share of the maximum, one per student who handed it in]}."""
    scores = {name: [] for name in state["exercises"]}
    for result in state["results"]:
        if result["state"] != "not-submitted" and result["exercise"] in scores:
            possible = state["exercises"][result["exercise"]]["max_points"] or 1
            scores[result["exercise"]].append(sum(q["points"] for q in result["questions"]) / possible)
    return scores


def question_stats(state):
    """[QuestionStats] for every question graded automatically, in the exercises' order."""
    table = {
        (name, question["id"]): QuestionStats(name, question["id"])
        for name, info in state["exercises"].items()
        for question in info["questions"]
        if question["kind"] != "written"
    }
    for result in state["results"]:
        if result["state"] == "not-submitted":
            continue
        answers = result.get("answers", {})
        for question in result["questions"]:
            stats = table.get((result["exercise"], question["question"]))
            if stats is None:
                continue
            stats.handed_in += 1
            stats.statuses[question["status"]] += 1
            answer = answers.get(question["question"])
            if question["status"] in MISSED and answer and answer.get("key"):
                stats.wrong[answer["key"]] += 1
                stats.numbers[answer["key"]] = answer.get("number")
                if question["status"] == "close":
                    stats.close.add(answer["key"])
    return list(table.values())


def expected_value(question_id):
    """(expected number, tolerance) of a question whose answer is one number, else None."""
    spec = QUESTIONS.get(question_id)
    if spec is None or not hasattr(spec, "tolerance") or not hasattr(spec, "expected"):
        return None
    try:
        value = float(spec.expected())
    except (TypeError, ValueError):
        return None
    return (value, spec.tolerance) if math.isfinite(value) else None


def diagnose(answer, expected, tolerance):
    """What a wrong number most likely is, as a translated phrase, or None."""
    if answer is None:
        return None
    if abs(answer - 100 * expected) <= 100 * tolerance:
        return _("a percent for a fraction")
    if expected and abs(answer - expected / 100) <= tolerance / 100:
        return _("a fraction for a percent")
    if expected and abs(answer + expected) <= tolerance:
        return _("the sign flipped")
    return None


def _then(sentence, more):
    """Two sentences in a row (Chinese puts no space between them)."""
    return _("{sentence} {more}").format(sentence=sentence, more=more)


def scores_reading(state, scores):
    """One line on the score distribution: where the class stands and which exercise was hardest."""
    handed = {name: values for name, values in scores.items() if values}
    if not handed:
        return _("No exercise was handed in.")
    medians = {name: median(values) for name, values in handed.items()}
    lowest = min(medians, key=lambda name: (medians[name], name))
    values = handed[lowest]
    possible = state["exercises"][lowest]["max_points"]
    full = sum(1 for value in values if value >= 1 - 1e-9)
    if len(handed) == 1:
        text = _("The median score of {exercise} was {median} of {possible} points; {full} of {count} students scored full marks.")
    else:
        text = _("{exercise} had the lowest median score, {median} of {possible} points; {full} of {count} students scored full marks on it.")
    return text.format(exercise=lowest, median=number(medians[lowest] * possible), possible=possible, full=full, count=len(values))


def success_reading(stats):
    """One line on the hardest question: how many were right, and its commonest wrong answer."""
    answered = [item for item in stats if item.handed_in]
    if not answered:
        return _("No question was answered.")
    hardest = min(answered, key=lambda item: (item.rate, -item.handed_in))
    text = _("{question} ({exercise}) was the hardest: {right} of {count} right.").format(
        question=hardest.question, exercise=hardest.exercise, right=hardest.right, count=hardest.handed_in
    )
    common = hardest.commonest_wrong(1)
    if common:
        (key, students), = common
        why = hardest.why(key)
        given = ngettext("given by {students} student", "given by {students} students", students).format(students=students)
        if why:
            text = _then(text, _("The most common wrong answer was {answer}, {given}: {why}.").format(answer=key, given=given, why=why))
        else:
            text = _then(text, _("The most common wrong answer was {answer}, {given}.").format(answer=key, given=given))
    return text


def verdicts_reading(stats):
    """One line on the answers not fully right: what they were, and where errors gathered."""
    failing = Counter()
    for item in stats:
        for status in ("partial", *FAILING):
            failing[status] += item.statuses[status]
    total = sum(failing.values())
    if not total:
        return _("Every answer was right.")
    parts = listing(
        _("{count} {status}").format(count=count, status=_(STATUS_NAMES[status])) for status, count in failing.most_common() if count
    )
    text = _("Of {total} answers not fully right, {parts}.").format(total=total, parts=parts)
    errors = max(stats, key=lambda item: (item.statuses["error"] + item.statuses["timeout"], -stats.index(item)))
    crashed = errors.statuses["error"] + errors.statuses["timeout"]
    if crashed:
        text = _then(text, _("{question} raised the most errors ({count}).").format(question=errors.question, count=crashed))
    return text
