"""The class picture in the report's index: three PNG figures drawn with matplotlib (Agg).

- ``class/scores.png``: each student's score per exercise, as a share of its points, with the median;
- ``class/success.png``: the share of students right on each question the grader marks itself;
- ``class/verdicts.png``: what each question's answers were (right, partly right, close, wrong,
  error, too long, not answered), one colour per verdict from Okabe and Ito's palette, which
  readers with any common colour-vision deficiency can tell apart, with white gaps between the
  parts of a bar and the counts in the alt text, so no reading rests on colour alone.

Each figure comes with alt text that says what it shows in numbers, and with the one-line
reading of :mod:`.class_stats`. Text is drawn in the instructor's language; Chinese uses the
package's CJK font (as the course's widgets do), which holds every character of the catalogues.
Student-written text (names, answers) never goes into a figure: it has no glyphs there, and it
is shown, escaped, in the page's tables instead.
"""

import io
from statistics import median

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..i18n import _, current_language
from ..i18n.fonts import use_cjk_font
from . import class_stats
from .class_stats import ORDER, STATUS_NAMES

# Okabe & Ito's colour-blind-safe palette, with grey for no answer and black for an unreadable file.
COLOURS = {
    "correct": "#009e73", "partial": "#56b4e9", "close": "#f0e442", "wrong": "#d55e00", "error": "#cc79a7",
    "timeout": "#e69f00", "missing": "#999999", "unreadable": "#000000",
}  # fmt: skip
DPI = 100
WIDTH = 8.0  # inches
TEXT = 11  # points


def _figure(rows):
    if current_language() != "en":
        use_cjk_font()
    figure = Figure(figsize=(WIDTH, max(2.2, 0.9 + 0.32 * rows)), dpi=DPI, layout="constrained")
    return figure, figure.add_subplot()


def _png(figure):
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def scores_figure(state, scores):
    """(png, alt text): every student's score per exercise, jittered dots, median marked."""
    names = [name for name in state["exercises"] if scores.get(name)]
    figure, axes = _figure(len(names))
    for row, name in enumerate(names):
        values = sorted(scores[name])
        offsets = [((index * 7) % 11 - 5) / 25 for index in range(len(values))]  # spread, reproducibly
        axes.scatter([100 * v for v in values], [row + o for o in offsets], s=22, color="#175cd3", alpha=0.7, linewidths=0)
        middle = 100 * median(values)
        axes.plot([middle, middle], [row - 0.35, row + 0.35], color="#222", linewidth=2)
    axes.set_yticks(range(len(names)), names, fontsize=TEXT)
    axes.set_ylim(len(names) - 0.5, -0.5)
    axes.set_xlim(-3, 103)
    axes.set_xlabel(_("Score, % of the exercise's points (bar: median)"), fontsize=TEXT)
    axes.tick_params(labelsize=TEXT)
    axes.grid(axis="x", alpha=0.3)
    alt = _("Scores per exercise: {list}.").format(
        list=_("; ").join(
            _("{exercise}: {count} students, median {median}%").format(
                exercise=name, count=len(scores[name]), median=round(100 * median(scores[name]))
            )
            for name in names
        )
        or _("no exercise handed in")
    )
    return _png(figure), alt


def success_figure(stats):
    """(png, alt text): the share right per question, hardest marked."""
    shown = [item for item in stats if item.handed_in]
    figure, axes = _figure(len(shown))
    labels = [item.question for item in shown]
    rates = [100 * item.rate for item in shown]
    hardest = min(range(len(shown)), key=lambda i: (shown[i].rate, -shown[i].handed_in)) if shown else None
    colours = [COLOURS["wrong"] if index == hardest else COLOURS["correct"] for index in range(len(shown))]
    axes.barh(range(len(shown)), rates, color=colours)
    for index, item in enumerate(shown):
        axes.text(min(rates[index] + 1, 88), index, f"{item.right}/{item.handed_in}", va="center", fontsize=TEXT)
    axes.set_yticks(range(len(shown)), labels, fontsize=TEXT)
    axes.set_ylim(len(shown) - 0.5, -0.5)
    axes.set_xlim(0, 100)
    axes.set_xlabel(_("Students right, % of those who handed the exercise in"), fontsize=TEXT)
    axes.tick_params(labelsize=TEXT)
    axes.grid(axis="x", alpha=0.3)
    alt = _("Share right per question: {list}.").format(
        list=_("; ").join(f"{item.question} {item.right}/{item.handed_in}" for item in shown) or _("no answers")
    )
    return _png(figure), alt


def verdicts_figure(stats):
    """(png, alt text): stacked counts of each verdict per question."""
    shown = [item for item in stats if item.handed_in]
    figure, axes = _figure(len(shown) + 1)
    left = [0] * len(shown)
    for status in ORDER:
        counts = [item.statuses[status] for item in shown]
        if any(counts):
            axes.barh(
                range(len(shown)), counts, left=left, color=COLOURS[status], label=_(STATUS_NAMES[status]),
                edgecolor="white", linewidth=1,
            )  # fmt: skip
            left = [a + b for a, b in zip(left, counts)]
    axes.set_yticks(range(len(shown)), [item.question for item in shown], fontsize=TEXT)
    axes.set_ylim(len(shown) - 0.5, -0.5)
    axes.set_xlabel(_("Students"), fontsize=TEXT)
    axes.tick_params(labelsize=TEXT)
    if shown:
        axes.legend(fontsize=TEXT, ncols=3, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    parts = []
    for item in shown:
        counts = class_stats.listing(
            _("{status} {count}").format(status=_(STATUS_NAMES[s]), count=item.statuses[s]) for s in ORDER if item.statuses[s]
        )
        parts.append(_("{question}: {counts}").format(question=item.question, counts=counts))
    alt = _("Verdicts per question: {list}.").format(list=_("; ").join(parts) or _("no answers"))
    return _png(figure), alt


def class_picture(state):
    """[{"file", "png", "alt", "reading", "title"}] of the three figures, in the current language."""
    scores = class_stats.exercise_scores(state)
    stats = class_stats.question_stats(state)
    figures = []
    png, alt = scores_figure(state, scores)
    figures.append({"file": "class/scores.png", "png": png, "alt": alt, "title": _("Scores per exercise"),
                    "reading": class_stats.scores_reading(state, scores)})  # fmt: skip
    png, alt = success_figure(stats)
    figures.append({"file": "class/success.png", "png": png, "alt": alt, "title": _("Success rate per question"),
                    "reading": class_stats.success_reading(stats)})  # fmt: skip
    png, alt = verdicts_figure(stats)
    figures.append({"file": "class/verdicts.png", "png": png, "alt": alt, "title": _("Verdicts per question"),
                    "reading": class_stats.verdicts_reading(stats)})  # fmt: skip
    return figures, stats
