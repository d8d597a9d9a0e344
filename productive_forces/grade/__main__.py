"""Command line of the grader: ``python -m productive_forces.grade SUBMISSIONS --out REPORT``.

Exit status: 0 when grading ran, whatever the students scored; 2 when the command cannot start
(no SUBMISSIONS folder, no exercises, a master that breaks the contract, a bad marking sheet,
roster, times sheet or deadline); 1 when the grader itself failed (no Jupyter kernel could be
started); 130 when interrupted.

The report's settings (--language, --roster, --times, the late policy) are kept in results.json:
a later run, a re-grade with --only or a merge of marks uses them until they are given again.
"""

import argparse
import sys
import time
from pathlib import Path

USAGE_ERROR, GRADER_ERROR, INTERRUPTED = 2, 1, 130


def _parser():
    parser = argparse.ArgumentParser(
        prog="python -m productive_forces.grade",
        description="Grade every student's exercise notebooks and write grades, a gradebook and feedback.",
        epilog="Without SUBMISSIONS, re-renders an existing REPORT (for example after marking written answers).",
    )
    parser.add_argument(
        "submissions",
        nargs="?",
        metavar="SUBMISSIONS",
        help="folder with one sub-folder per student: SUBMISSIONS/<student>/<exercise>.ipynb",
    )
    parser.add_argument("--out", required=True, metavar="REPORT", help="folder for the report (created if needed)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="notebooks graded at once (default: 1)")
    parser.add_argument(
        "--timeout", type=float, default=30.0, metavar="SECONDS", help="time limit per cell (default: 30)"
    )
    parser.add_argument(
        "--notebook-timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="time limit per notebook (default: 10 x --timeout, at least 60)",
    )
    parser.add_argument(
        "--memory",
        type=int,
        default=2048,
        metavar="MB",
        help="address-space limit of each kernel in MiB (default: 2048; 0 for none)",
    )
    parser.add_argument(
        "--max-output", type=int, default=1_000_000, metavar="BYTES", help="output kept per cell (default: 1000000)"
    )
    parser.add_argument(
        "--only",
        metavar="NAME",
        help="grade only this exercise, student, or student/exercise; other results in REPORT are kept",
    )
    parser.add_argument(
        "--manual",
        metavar="CSV",
        help="merge a marking sheet: points for any question, written or not "
        "(columns student, exercise, question, points, comment)",
    )
    parser.add_argument(
        "--roster",
        metavar="CSV",
        help="map student folders to LMS identities (column folder, plus name, SIS or Moodle ids, email...)",
    )
    parser.add_argument(
        "--times", metavar="CSV", help="submission times (columns student, exercise, submitted) instead of file times"
    )
    parser.add_argument(
        "--deadline",
        action="append",
        metavar="[EXERCISE=]WHEN",
        help="deadline as an ISO date and time (2025-03-01T23:59), for all exercises or one; repeatable",
    )
    parser.add_argument(
        "--late-penalty",
        type=float,
        metavar="PERCENT",
        help="take PERCENT%% of a late notebook's points per started day after the deadline (default: 0, flag only)",
    )
    parser.add_argument(
        "--late-cap", type=float, metavar="PERCENT", help="the most the late penalty takes, in %% (default: 100)"
    )
    parser.add_argument(
        "--similarity",
        action="store_true",
        help="list pairs of students with nearly identical answer code (for you to look at; changes no points)",
    )
    parser.add_argument(
        "--language",
        metavar="LANG",
        help="language of the instructor's pages: en or zh_CN (default: the last run's, else English); "
        "students' pages follow their notebooks",
    )
    parser.add_argument(
        "--course",
        default=".",
        metavar="DIR",
        help="course folder holding solutions/ and exercises/ (default: current folder)",
    )
    parser.add_argument(
        "--no-sandbox",
        action="store_true",
        help="run kernels without the sandbox (only where bubblewrap cannot run; every run and report says so)",
    )
    parser.add_argument("--solutions", metavar="DIR", help="master notebooks (default: COURSE/solutions)")
    parser.add_argument(
        "--exercises", metavar="DIR", help="student notebooks, which name the exercises (default: COURSE/exercises)"
    )
    return parser


def _fail(message, status=USAGE_ERROR):
    print(f"grade: {message}", file=sys.stderr)
    return status


class _Progress:
    """A progress bar on a terminal (tqdm when installed); silent in logs and pipes."""

    def __init__(self, total):
        self.total, self.count, self.bar = total, 0, None
        self.tty = sys.stderr.isatty()
        if not self.tty or not total:
            return
        try:
            from tqdm import tqdm
        except ImportError:
            return
        tqdm.monitor_interval = 0  # no monitor thread: the grader forks its workers
        self.bar = tqdm(total=total, unit="notebook", file=sys.stderr, dynamic_ncols=True, leave=True)

    def __call__(self, result):
        self.count += 1
        if self.bar is not None:
            self.bar.set_postfix_str(f"{result['student']}/{result['exercise']}", refresh=False)
            self.bar.update(1)
        elif self.tty:
            width = 30
            filled = width * self.count // self.total
            print(
                f"\rgrading [{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total}",
                end="",
                file=sys.stderr,
                flush=True,
            )

    def close(self):
        if self.bar is not None:
            self.bar.close()
        elif self.tty and self.total:
            print(file=sys.stderr)


def _select(only, tasks, students, exercises):
    """The (student, exercise) pairs --only names; None if it names nothing."""
    name = only.strip().rstrip("/")
    stem = name[:-6] if name.endswith(".ipynb") else name
    if stem in exercises:
        return {(s, stem) for s in students}
    if "/" in stem:
        student, exercise = stem.split("/", 1)
        if student in students and exercise in exercises:
            return {(student, exercise)}
        return None
    if name in students:
        return {(name, e) for e in exercises}
    return None


NO_SANDBOX = "graded WITHOUT the sandbox (--no-sandbox): student code ran with the grader's rights"


def import_everything():
    """Import every module grading will use, before the first kernel starts: nothing a student's
    code could write later is ever imported into the grader's process."""
    import csv, html, json, multiprocessing.connection  # noqa: E401, F401

    import nbformat.validator
    import nbval.plugin  # noqa: F401
    from IPython.core.inputtransformer2 import TransformerManager  # noqa: F401

    from . import capture, compare, course, files, kernel, report, runner, sandbox, scan, submission  # noqa: F401

    nbformat.validator.get_validator(version=4, version_minor=5)
    try:
        import tqdm  # noqa: F401
    except ImportError:
        pass


class SettingsError(Exception):
    """An option's file or value cannot be used."""


def settings(args, previous, exercise_names):
    """The report's settings: the options given, else the previous run's (see the module doc)."""
    from ..i18n import normalise
    from .lateness import TimesError, parse_deadlines, policy, read_times
    from .roster import RosterError, read_roster

    previous = previous or {}
    try:
        language = normalise(args.language) if args.language else previous.get("language", "en")
        roster = read_roster(args.roster) if args.roster else previous.get("roster")
        times = read_times(args.times) if args.times else previous.get("times")
        late = previous.get("late_policy")
        if args.deadline or args.late_penalty is not None or args.late_cap is not None:
            deadlines = parse_deadlines(args.deadline, exercise_names) if args.deadline else (late or {}).get("deadlines")
            if not deadlines:
                raise SettingsError("--late-penalty and --late-cap need a --deadline")
            penalty = args.late_penalty if args.late_penalty is not None else (late or {}).get("penalty", 0.0)
            cap = args.late_cap if args.late_cap is not None else (late or {}).get("cap", 100.0)
            late = policy(deadlines, penalty, cap)
    except (ValueError, TimesError, RosterError) as error:
        raise SettingsError(str(error)) from None
    return {"language": language, "roster": roster, "times": times, "late_policy": late}


def apply_settings(state, chosen):
    """Store the settings in state and take submission times from the --times sheet where it has them."""
    for key, value in chosen.items():
        if value:
            state[key] = value
        else:
            state.pop(key, None)
    times = chosen.get("times") or {}
    for result in state["results"]:
        moment = times.get(f"{result['student']}/{result['exercise']}") or times.get(f"{result['student']}/")
        if moment and result.get("state") != "not-submitted":
            result["submitted"], result["submitted_from"] = moment, "times"
    roster = state.get("roster")
    missing = sorted(set(state["students"]) - set(roster)) if roster else []
    if missing:
        return [f"not in the roster (their folder names go to the LMS files): {', '.join(missing[:20])}"]
    return []


def _rerender(args):
    from .marking import ManualScoresError, maxima_of, read_marks
    from .report import load_state, render

    try:
        state = load_state(args.out)
        if state is None:
            return _fail(f"{args.out} holds no results.json to re-render: give SUBMISSIONS to grade")
        chosen = settings(args, state, list(state["exercises"]))
        marks, sheet_warnings = read_marks(args.out, args.manual, maxima_of(state["exercises"]))
        warnings = sheet_warnings + apply_settings(state, chosen)
        exercises_folder = Path(args.exercises or Path(args.course) / "exercises")
        warnings += render(args.out, state, marks, exercises_folder if args.similarity else None, sheet_warnings)
    except (ManualScoresError, SettingsError) as error:
        return _fail(str(error))
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Report updated in {args.out} (gradebook.csv, grades.csv, feedback/, lms/).")
    return 0


def main(argv=None):
    args = _parser().parse_args(argv)
    if args.jobs < 1 or args.timeout <= 0:
        return _fail("--jobs must be at least 1 and --timeout positive")
    if args.submissions is None:
        return _rerender(args)

    import_everything()
    from .course import CourseError, load_exercises
    from .lateness import file_time
    from .marking import ManualScoresError, read_marks
    from .report import load_state, new_state, render
    from .runner import GradingAborted, default_limits, discover, grade_tasks, snapshot
    from .sandbox import unavailable
    from .submission import MAX_BYTES, not_graded

    submissions, report = Path(args.submissions), Path(args.out)
    if not submissions.is_dir():
        return _fail(f"SUBMISSIONS folder {submissions} does not exist or is not a folder")
    resolved_submissions, resolved_report = submissions.resolve(), report.resolve()
    if resolved_report == resolved_submissions or resolved_submissions in resolved_report.parents:
        return _fail("REPORT must not be inside SUBMISSIONS: the grader never writes there")
    if resolved_report in resolved_submissions.parents:
        return _fail("SUBMISSIONS must not be inside REPORT")
    if args.manual and not Path(args.manual).is_file():
        return _fail(f"manual scores file {args.manual} does not exist")
    course = Path(args.course)
    folders = {
        "solutions": str(Path(args.solutions or course / "solutions")),
        "exercises": str(Path(args.exercises or course / "exercises")),
    }
    try:
        exercises = load_exercises(folders["solutions"], folders["exercises"])
        # Read now, kept in memory: a sheet that appears in REPORT while students' code runs is never read.
        maxima = {(name, q.id): q.points for name, exercise in exercises.items() for q in exercise.questions}
        marks, sheet_warnings = read_marks(report, args.manual, maxima)
        warnings = list(sheet_warnings)
    except (CourseError, ManualScoresError) as error:
        return _fail(str(error))
    if args.no_sandbox:
        print(f"warning: {NO_SANDBOX}", file=sys.stderr)
        warnings.append(NO_SANDBOX)
    elif unavailable():
        return _fail(f"cannot sandbox the students' kernels: {unavailable()}. Fix that, or run with --no-sandbox")

    before = snapshot(submissions)
    students, tasks, unmatched = discover(submissions, exercises, MAX_BYTES)
    submitted = {(task["student"], task["exercise"]): file_time(submissions / task["file"]) for task in tasks}
    if not students:
        return _fail(f"no student folders in {submissions}: expected {submissions}/<student>/<exercise>.ipynb")
    wanted = {(s, e) for s in students for e in exercises}
    if args.only:
        wanted = _select(args.only, tasks, students, exercises)
        if wanted is None:
            return _fail(
                f"--only {args.only!r} names no exercise ({', '.join(exercises)}), student or student/exercise"
            )
    tasks = [task for task in tasks if (task["student"], task["exercise"]) in wanted]
    try:
        previous = load_state(report)  # its settings are kept; with --only, its other results too
    except ManualScoresError as error:
        if args.only:
            return _fail(f"{error}; grade without --only to start the report afresh")
        previous = None
    try:
        chosen = settings(args, previous, list(exercises))
    except SettingsError as error:
        return _fail(str(error))

    limits = default_limits(args.timeout, args.notebook_timeout, args.memory, args.max_output)
    print(f"Grading {len(tasks)} notebook(s) of {len(students)} student(s), {args.jobs} at a time.", file=sys.stderr)
    progress = _Progress(len(tasks))
    started = time.monotonic()
    try:
        done = grade_tasks(
            tasks, folders, limits, jobs=args.jobs, progress=progress, exercises=exercises,
            sandboxed=not args.no_sandbox,
        )  # fmt: skip
    except GradingAborted as error:
        progress.close()
        return _fail(str(error), GRADER_ERROR)
    except KeyboardInterrupt:
        progress.close()
        return _fail("interrupted; the report was not changed", INTERRUPTED)
    progress.close()
    elapsed = time.monotonic() - started

    results = []
    for student, exercise in sorted(wanted):
        result = done.get((student, exercise))
        if result is None:
            result = not_graded(
                {"student": student},
                exercises[exercise],
                "not-submitted",
                "missing",
                "No notebook was handed in for this exercise.",
            )
        if (student, exercise) in submitted and result["state"] != "not-submitted":
            result["submitted"], result["submitted_from"] = submitted[(student, exercise)], "file"
        results.append(result)
    after = snapshot(submissions)
    changed = sorted(path for path in set(before) | set(after) if before.get(path) != after.get(path))
    if changed:
        warnings.append(
            "files in SUBMISSIONS changed while grading (the grader never writes there, so student code did): "
            + ", ".join(changed[:20])
        )
    if previous is not None and args.only:
        kept = [
            r for r in previous["results"] if (r["student"], r["exercise"]) not in wanted and r["exercise"] in exercises
        ]
        results = kept + results
        students = sorted(set(students) | set(previous["students"]))
    state = new_state(exercises, students, results, unmatched, warnings, submissions, folders["exercises"])
    state["timing"] = {"seconds": round(elapsed, 2), "notebooks": len(tasks), "jobs": args.jobs}
    state["sandbox"] = not args.no_sandbox
    if previous is not None and "similarity" in previous:
        state["similarity"] = previous["similarity"]  # the last search's findings, until --similarity looks again
    warnings += apply_settings(state, chosen)
    warnings += render(report, state, marks, folders["exercises"] if args.similarity else None, sheet_warnings)

    _summary(state, tasks, elapsed, report, warnings, unmatched)
    return 0


def _summary(state, tasks, elapsed, report, warnings, unmatched):
    counts = {}
    for result in state["results"]:
        for question in result["questions"]:
            counts[question["status"]] = counts.get(question["status"], 0) + 1
    flags = sum(len(result.get("flags", [])) for result in state["results"])
    rate = 60 * len(tasks) / elapsed if elapsed > 0 and tasks else 0
    print(f"Graded {len(tasks)} notebook(s) in {elapsed:.1f} s ({rate:.0f} per minute).")
    print("Questions: " + ", ".join(f"{status} {count}" for status, count in sorted(counts.items())))
    if flags:
        print(f"{flags} flag(s) for the instructor: see {report / 'flags.csv'}")
    for item in unmatched:
        where = f"{item['file']}" if not item["student"] else item["file"]
        print(f"not graded: {where} ({item['reason']})")
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Report: {report / 'index.html'}")


if __name__ == "__main__":
    sys.exit(main())
