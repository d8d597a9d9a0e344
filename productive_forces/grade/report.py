"""Write the report: every file is rendered from the results (results.json), so nothing is lost between runs.

REPORT/
    results.json              everything the grader found (the source of every file below)
    index.html                the overview: class picture, gradebook, points you set, flags
    gradebook.csv             one row per student: points per exercise, total, markers (gradebook.py)
    gradebook_questions.csv   one row per student: points per question
    grades.csv                one row per student, exercise and question
    flags.csv                 what the instructor should look at (tampering, crashes, stray files)
    lms/                      import files for Canvas and Moodle, and how to use them (lms.py)
    class/*.png               the plots of the class picture (plots.py)
    feedback/STUDENT/EXERCISE.html   what each student gets back (pages.py)
    summary/STUDENT.html      each student's exercises at a glance
    written_answers.html      the marking view: written answers beside the marking guides
    manual_scores.csv         the marking sheet: hand marks and overrides (marking.py)
    graded/STUDENT/EXERCISE.ipynb    the executed graded notebooks (instructor only: hidden checks)

Files are replaced atomically (written beside, then renamed), and the marking sheet is never
overwritten: rows are added and the instructor's points and comments are kept. This module
only orchestrates; each file's content is the job of the module named beside it.
"""

import json
import struct
import time
from pathlib import Path

from ..i18n import _, speaking
from . import answers, class_stats, gradebook, lms, marking, pages, plots, similarity
from .exercise_info import summary as exercise_summary
from .marking import ManualScoresError, read_manual
from .output import csv_text, write

FORMAT = 1
FLAG_COLUMNS = ["student", "exercise", "kind", "cell", "detail"]


def load_state(report):
    """The report's results.json, or None when there is none; ManualScoresError when unusable."""
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


def new_state(exercises, students, results, unmatched, warnings, submissions, exercises_folder="exercises"):
    return {
        "format": FORMAT,
        "generated": time.strftime("%Y-%m-%d %H:%M:%S"),
        "submissions": str(submissions),
        "exercises": exercise_summary(exercises, exercises_folder),
        "students": sorted(students),
        "results": results,
        "unmatched": unmatched,
        "warnings": warnings,
    }


def all_flags(state):
    """The rows of flags.csv: every result's flags, the files not graded and the run's warnings."""
    rows = []
    for result in state["results"]:
        for flag in result.get("flags", []):
            rows.append([result["student"], result["exercise"], flag["kind"], flag.get("cell", ""), flag.get("detail", "")])
    for item in state.get("unmatched", []):
        rows.append([item["student"], "", "unmatched-file", item["file"], item["reason"]])
    for warning in state.get("warnings", []):
        rows.append(["", "", "warning", "", warning])
    return rows


def _png_size(png):
    """(width, height) from a PNG's header."""
    return struct.unpack(">II", png[16:24])


def _read_answers(state):
    """Read each fresh result's answers, and the text of the cells the student added, out of its
    graded notebook, which travels with it."""
    for result in state["results"]:
        if result.get("notebook"):
            questions = state["exercises"].get(result["exercise"], {}).get("questions", [])
            cells = answers.cells_of(result["notebook"])
            result["answers"] = answers.answers_in(cells, questions)
            sources = answers.added_sources(cells)
            for entry in result.get("added_cells", []):
                if entry.get("index") in sources:
                    entry["source"] = sources[entry["index"]]


def _index_warnings(state, sheet_warnings):
    with speaking(state.get("language", "en")):
        shown = []
        retired = sorted({r["exercise"] for r in state["results"] if r["exercise"] not in state["exercises"]})
        if retired:
            shown.append(_(
                "Results kept for exercises no longer in the course, shown on the students' feedback pages "
                "but counted in no total: {exercises}."
            ).format(exercises=class_stats.listing(retired)))
        if state.get("sandbox") is False:
            shown.append(_("Graded WITHOUT the sandbox (--no-sandbox): student code ran with the grader's rights."))
        if not state.get("roster"):
            shown.append(_(
                "No roster was given: the LMS files in lms/ name students by their folder names only (see lms/README.txt)."
            ))
        return shown + list(sheet_warnings)


def render(report, state, marks, similarity_from=None, sheet_warnings=()):
    """Apply the marks (see marking.read_marks) and (re)write every file of the report from state,
    held in memory; return warnings. similarity_from: the exercises folder, to look for nearly
    identical answer code (--similarity); otherwise the last such search's findings are kept.
    sheet_warnings: what was wrong with the marking sheet, shown at the top of the overview."""
    report = Path(report)
    report.mkdir(parents=True, exist_ok=True)
    warnings = marking.apply(state, marks)
    write(report / marking.SHEET, marking.sheet_text(state, marks))

    state["results"].sort(key=lambda r: (r["student"], r["exercise"]))
    _read_answers(state)
    for result in state["results"]:
        notebook = result.pop("notebook", None)
        if notebook:
            write(report / "graded" / result["student"] / f"{result['exercise']}.ipynb", notebook)
    if similarity_from is not None:
        state["similarity"] = similarity.find(report, state, Path(similarity_from))

    table = gradebook.standings(state)
    by_student = {}
    for result in state["results"]:
        by_student.setdefault(result["student"], []).append(result)
        info = state["exercises"].get(result["exercise"])
        if info is None:  # an exercise no longer in the course: its page, outside every total
            info, standing = {"title": {}, "questions": []}, gradebook.standing(result, sum(q["max_points"] for q in result["questions"]))
        else:
            standing = table[result["student"]][result["exercise"]]
        page = pages.feedback_page(result, info, standing, retired=result["exercise"] not in state["exercises"])
        write(report / "feedback" / result["student"] / f"{result['exercise']}.html", page)
    for student, row in table.items():
        write(report / "summary" / f"{student}.html", pages.summary_page(student, by_student.get(student, []), row, state["exercises"]))

    write(report / "grades.csv", gradebook.grades_csv(state))
    write(report / "gradebook.csv", gradebook.gradebook_csv(state, table))
    write(report / "gradebook_questions.csv", gradebook.questions_csv(state))
    for name, text in lms.files(state, table).items():
        write(report / name, text)
    flags = all_flags(state)
    write(report / "flags.csv", csv_text(flags, FLAG_COLUMNS))

    with speaking(state.get("language", "en")):
        figures, stats = plots.class_picture(state)
    for figure in figures:
        write(report / figure["file"], figure["png"])
        figure["width"], figure["height"] = _png_size(figure.pop("png"))
    write(report / "written_answers.html", pages.written_page(state, _merge_command(report)))
    overrides = marking.overrides(state)
    shown = _index_warnings(state, [*sheet_warnings, *warnings])
    index = pages.index_page(state, table, flags, figures, stats, overrides, shown)
    write(report / "index.html", index)
    write(report / "results.json", json.dumps(state, indent=1, ensure_ascii=False) + "\n")
    return warnings


def _merge_command(report):
    return f".venv/bin/python -m productive_forces.grade --out {report}\nmake grade-merge OUT={report}"


__all__ = ["FORMAT", "ManualScoresError", "all_flags", "load_state", "new_state", "read_manual", "render"]
