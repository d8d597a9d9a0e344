"""Benchmark the instructor grader against nbgrader, each timed end to end as an instructor runs it.

    .venv/bin/python bench/grade_bench.py [--runs 3] [--students 20] [--hard-students 10] [--time-limit 10]
                                          [--also-no-sandbox] [--skip-nbgrader] [--keep DIR]

Two synthetic classes, built from the course's own notebooks (productive_forces/grade/synthetic.py):

- the regular class: students who answer everything right, half right, everything wrong, or nothing;
- the hard class, reported separately: the same kinds of student, but three of them each hand in
  one notebook whose answer cell loops forever, and one hands in a notebook whose answer prints
  about 8 MB. Both graders get the same time limit per cell (--time-limit), which is the limit
  that stops a loop in nbgrader (it has no limit per notebook); ours keeps its per-notebook limit
  at its default, ten times that.

What is timed, each run from a fresh folder:

- ours: ``python -m productive_forces.grade SUBMISSIONS --out REPORT`` with its sandbox, at --jobs 1
  and --jobs 2 (with --also-no-sandbox also without the sandbox); the one command writes the
  gradebook, the report and every student's feedback page;
- nbgrader (``nbgrader==0.9.6``), its whole workflow: ``generate_assignment``; placing each
  student's hand-in (the released notebook with their answers) into ``submitted/STUDENT/`` with a
  timestamp, as after downloading them from a learning platform; ``autograde``; ``generate_feedback``.
  nbgrader runs one notebook at a time.

Every figure is the median over --runs runs (default 3), with the spread (min-max) beside it.
The headline is the same-resources ratio, our --jobs 1 against nbgrader's whole workflow, both
one notebook at a time; the parallel ratio (our --jobs 2, which also uses the second core that
nbgrader leaves idle) is printed beside it. Ratios are taken run by run (the runs interleave the
graders, so each pair saw the same machine) and summarised the same way. The benchmark also says
whether the two graders agree on every student's automatic points.

For nbgrader each exercise becomes one notebook of a single assignment: answer cells become
solution cells, check cells become autograder tests that assert the check's verdict is
"correct" (hidden checks inside nbgrader's hidden-test markers), written answers become manually
graded cells. nbgrader is never installed in the project's environment: it lives in a throwaway
virtual environment (default /tmp/pf-nbgrader-venv) with this package installed from a copy of
the sources. The environment records a hash of productive_forces/ and pyproject.toml, and the
package is reinstalled whenever they change, so nbgrader's tests always call today's checks.
Installing is never timed. If nbgrader cannot be installed, only our figures are printed.
"""

import argparse
import csv
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402

from productive_forces.exercises.contract import (  # noqa: E402
    ANSWER_TAG,
    CHECK_TAG,
    HIDDEN_CHECK_TAG,
    WRITTEN_TAG,
    grading,
    tags,
)
from productive_forces.grade.course import _check_call, load_exercises  # noqa: E402
from productive_forces.grade.synthetic import make_class  # noqa: E402

NBGRADER = "nbgrader==0.9.6"
ASSIGNMENT = "exercises"
LOOPERS = 3  # students in the hard class with one notebook that loops forever
LOOP = "while True:  # never ends: the grader must stop it\n    pass\n"
FLOOD = "for step in range(300_000):  # about 8 MB of output\n    print('step', step, 'of the long debugging print')\n"


# -- the classes ----------------------------------------------------------------------------------


def hard_class(destination, students, exercises):
    """The regular kinds of student, where LOOPERS students each have one looping notebook and one
    student's notebook floods its output; returns a description of who does what."""
    made = make_class(destination, students=students)
    names, exercise_names = sorted(made), list(exercises)
    if len(names) < LOOPERS + 1:
        raise SystemExit(f"--hard-students must be at least {LOOPERS + 1}")
    troubled = []
    for index, student in enumerate(names[: LOOPERS + 1]):
        name = exercise_names[index % len(exercise_names)]
        path = Path(destination) / student / f"{name}.ipynb"
        notebook = nbformat.read(path, as_version=4)
        first_answer = next(cell for cell in notebook.cells if cell.id == exercises[name].answer_ids[0])
        first_answer.source = (LOOP if index < LOOPERS else FLOOD) + first_answer.source
        nbformat.write(notebook, path)
        troubled.append(f"{student}/{name} {'loops' if index < LOOPERS else 'prints 8 MB'}")
    return troubled


# -- our grader -----------------------------------------------------------------------------------


def grade_ours(submissions, report, jobs, time_limit, sandbox=True):
    """Seconds for one run of our grader, from nothing to the finished report and feedback pages."""
    shutil.rmtree(report, ignore_errors=True)
    options = ["--jobs", str(jobs), "--timeout", str(time_limit)] + ([] if sandbox else ["--no-sandbox"])
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "productive_forces.grade", str(submissions), "--out", str(report), *options],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"the grader failed:\n{completed.stdout}\n{completed.stderr}")
    feedback = list((Path(report) / "feedback").rglob("*.html"))
    if not feedback or not (Path(report) / "gradebook.csv").is_file():
        raise SystemExit(f"the grader wrote no gradebook or feedback pages into {report}")
    return elapsed


def our_points(report):
    """{(student, exercise): automatic points} from a report's grades.csv."""
    points = {}
    with open(Path(report) / "grades.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] != "written":
                key = (row["student"], row["exercise"])
                points[key] = points.get(key, 0) + float(row["points"])
    return points


# -- nbgrader's environment -----------------------------------------------------------------------

PACKAGE_FILES = ("pyproject.toml", "README.md")


def course_fingerprint():
    """A hash of everything installed from this repository: the package's files and its metadata."""
    digest = hashlib.sha256()
    paths = sorted(p for p in (ROOT / "productive_forces").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in [*paths, *(ROOT / name for name in PACKAGE_FILES)]:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _package_copy(destination):
    """The package's sources copied out, so pip builds in a folder of its own, never in the working tree."""
    shutil.copytree(ROOT / "productive_forces", destination / "productive_forces", ignore=shutil.ignore_patterns("__pycache__"))
    for name in PACKAGE_FILES:
        shutil.copy2(ROOT / name, destination / name)
    return destination


def nbgrader_env(venv):
    """The nbgrader executable in a throwaway venv, with today's course package in it; or (None, reason)."""
    venv = Path(venv)
    executable, marker = venv / "bin" / "nbgrader", venv / ".pf-ready"
    try:
        ready = json.loads(marker.read_text()) if marker.is_file() else {}
    except ValueError:
        ready = {}
    wanted = course_fingerprint()
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    try:
        if not executable.exists() or ready.get("nbgrader") != NBGRADER:
            print(f"Installing {NBGRADER} into {venv} (once; not timed)...", flush=True)
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True, capture_output=True)
            subprocess.run([*pip, NBGRADER], check=True, capture_output=True, text=True)
            ready = {"nbgrader": NBGRADER}
        if ready.get("course") != wanted:
            print("Installing this course's package into nbgrader's environment (changed since last time; not timed)...", flush=True)
            with tempfile.TemporaryDirectory(prefix="pf-package-") as folder:
                source = str(_package_copy(Path(folder)))
                subprocess.run([*pip, source], check=True, capture_output=True, text=True)  # and its dependencies
                # the version number has not changed, so only a forced reinstall replaces the code
                subprocess.run([*pip, "--force-reinstall", "--no-deps", source], check=True, capture_output=True, text=True)
            ready["course"] = wanted
    except subprocess.CalledProcessError as error:
        return None, f"pip failed: {(error.stderr or '')[-800:]}"
    marker.write_text(json.dumps(ready) + "\n")
    return executable, None


# -- nbgrader's course ----------------------------------------------------------------------------


def _nbgrader_meta(grade_id, solution=False, grade=False, points=0, locked=False):
    meta = {"grade_id": grade_id, "grade": grade, "solution": solution, "locked": locked, "schema_version": 3}
    if grade:
        meta["points"] = points
    return meta


def nbgrader_source(master):
    """An nbgrader source notebook with the same cells and the same tests as a master."""
    notebook = nbformat.from_dict(json.loads(json.dumps(master)))
    for cell in notebook.cells:
        cell_tags = tags(cell)
        cell.metadata.pop("tags", None)
        meta = grading(cell) or {}
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        if cell.cell_type == "code" and ANSWER_TAG in cell_tags:
            cell.metadata["nbgrader"] = _nbgrader_meta(cell.id, solution=True)
        elif cell.cell_type == "code" and cell_tags & {CHECK_TAG, HIDDEN_CHECK_TAG}:
            question = meta["question"]
            expression = _check_call(cell.source, question)
            test = (
                "from productive_forces.exercises import verdict as _verdict\n"
                f"_result = _verdict({question!r}, {expression})\n"
                "print(_result)\n"
                "assert _result.status == 'correct', _result.message"
            )
            if HIDDEN_CHECK_TAG in cell_tags:
                test = f"### BEGIN HIDDEN TESTS\n{test}\n### END HIDDEN TESTS"
            cell.source = test
            cell.metadata["nbgrader"] = _nbgrader_meta(cell.id, grade=True, points=meta["points"], locked=True)
        elif cell.cell_type == "markdown" and WRITTEN_TAG in cell_tags:
            cell.metadata["nbgrader"] = _nbgrader_meta(cell.id, solution=True, grade=True, points=meta["points"])
    return notebook


def build_nbgrader_course(course, exercises, time_limit):
    """The instructor's nbgrader course: config and source notebooks (written once, as solutions/ is)."""
    (course / "source" / ASSIGNMENT).mkdir(parents=True)
    for name, exercise in exercises.items():
        nbformat.write(nbgrader_source(exercise.master), course / "source" / ASSIGNMENT / f"{name}.ipynb")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        "c.CourseDirectory.course_id = 'bench'\n"
        "c.ClearSolutions.begin_solution_delimeter = 'BEGIN SOLUTION'\n"
        "c.ClearSolutions.end_solution_delimeter = 'END SOLUTION'\n"
        f"c.Execute.timeout = {time_limit!r}\n"
        "c.Execute.interrupt_on_timeout = True\n"  # a looping cell is stopped and the notebook goes on, as ours does
    )


def nbgrader_handins(course, submissions, exercises, destination):
    """Each student's hand-in as an nbgrader student hands it in: the released notebook with their
    answer cells (what they would upload); returns how many notebooks."""
    count = 0
    for student_dir in sorted(Path(submissions).iterdir()):
        target = destination / student_dir.name
        target.mkdir(parents=True)
        for name in exercises:
            released = nbformat.read(course / "release" / ASSIGNMENT / f"{name}.ipynb", as_version=4)
            theirs = {cell.id: cell.source for cell in nbformat.read(student_dir / f"{name}.ipynb", as_version=4).cells}
            for cell in released.cells:
                if cell.metadata.get("nbgrader", {}).get("solution") and cell.id in theirs:
                    cell.source = theirs[cell.id]
            nbformat.write(released, target / f"{name}.ipynb")
            count += 1
    return count


def place_handins(course, handins):
    """What an instructor does with downloaded hand-ins: each student's folder into submitted/, with a timestamp."""
    for student_dir in sorted(Path(handins).iterdir()):
        target = course / "submitted" / student_dir.name / ASSIGNMENT
        shutil.copytree(student_dir, target)
        (target / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC\n")


def nbgrader_points(course, executable):
    """{(student, exercise): automatic points} from nbgrader's gradebook, or None."""
    code = (
        "import json, sys\n"
        "from nbgrader.api import Gradebook\n"
        "out = {}\n"
        f"with Gradebook('sqlite:///{course}/gradebook.db') as gb:\n"
        f"    for sub in gb.assignment_submissions({ASSIGNMENT!r}):\n"
        "        for nb in sub.notebooks:\n"
        "            auto = [g.auto_score or 0 for g in nb.grades if g.cell.cell_type == 'code']\n"
        "            out[sub.student.id + '/' + nb.name] = sum(auto)\n"
        "print(json.dumps(out))\n"
    )
    completed = subprocess.run([str(executable.parent / "python"), "-c", code], capture_output=True, text=True, cwd=course)
    if completed.returncode != 0:
        print(f"(could not read nbgrader's gradebook: {completed.stderr[-300:]})")
        return None
    return {tuple(key.split("/", 1)): value for key, value in json.loads(completed.stdout).items()}


def nbgrader_workflow(course, submissions, exercises, executable, time_limit):
    """One timed run of nbgrader's workflow in a fresh course folder: {step: seconds}, notebooks, points."""
    shutil.rmtree(course, ignore_errors=True)
    build_nbgrader_course(course, exercises, time_limit)
    env = dict(os.environ, PATH=f"{executable.parent}{os.pathsep}{os.environ.get('PATH', '')}")  # nbgrader runs alembic

    def step(*command):
        started = time.perf_counter()
        completed = subprocess.run([str(executable), *command], cwd=course, capture_output=True, text=True, env=env)
        if completed.returncode != 0:
            raise SystemExit(f"nbgrader {command[0]} failed: {completed.stderr[-800:]}")
        return time.perf_counter() - started

    steps = {"generate_assignment": step("generate_assignment", ASSIGNMENT, "--force")}
    handins = course.parent / f"{course.name}-handins"
    shutil.rmtree(handins, ignore_errors=True)
    notebooks = nbgrader_handins(course, submissions, exercises, handins)  # the students' work: not timed
    started = time.perf_counter()
    place_handins(course, handins)
    steps["placing the hand-ins"] = time.perf_counter() - started
    steps["autograde"] = step("autograde", ASSIGNMENT, "--force")
    steps["generate_feedback"] = step("generate_feedback", ASSIGNMENT, "--force")
    if not list((course / "feedback").rglob("*.html")):
        raise SystemExit(f"nbgrader wrote no feedback pages into {course / 'feedback'}")
    shutil.rmtree(handins, ignore_errors=True)
    return steps, notebooks, nbgrader_points(course, executable)


# -- figures --------------------------------------------------------------------------------------


def spread(values, unit=" s", digits=1):
    """'median (min-max)' of a list of numbers, e.g. '41.2 s (40.1-44.0)' or '3.36x (3.10-3.52)'."""
    return f"{statistics.median(values):.{digits}f}{unit} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def benchmark_class(label, submissions, notebooks, exercises, args, executable, work):
    """Time both graders on one class, args.runs times, interleaved; print and return the figures."""
    slug = label.split()[0].lower()
    configurations = [(1, True), (2, True)] + ([(1, False), (2, False)] if args.also_no_sandbox else [])
    ours = {configuration: [] for configuration in configurations}
    theirs, autograde, steps_by_run, points = [], [], [], {}
    for run in range(args.runs):
        for jobs, sandbox in configurations:
            report = work / f"report-{slug}-jobs{jobs}{'' if sandbox else '-no-sandbox'}"
            ours[(jobs, sandbox)].append(grade_ours(submissions, report, jobs, args.time_limit, sandbox))
        if executable is not None:
            steps, _count, nb_points = nbgrader_workflow(work / f"nbgrader-{slug}", submissions, exercises, executable, args.time_limit)
            theirs.append(sum(steps.values()))
            autograde.append(steps["autograde"])
            steps_by_run.append(steps)
            points["nbgrader"] = nb_points
        print(f"  run {run + 1}/{args.runs} done", flush=True)
    points["ours"] = our_points(work / f"report-{slug}-jobs1")

    print(f"\n{label}: median (min-max) over {args.runs} runs, wall time end to end; notebooks/min at the median")
    for (jobs, sandbox), seconds in ours.items():
        name = f"ours --jobs {jobs}{'' if sandbox else ' --no-sandbox'} (report and feedback)"
        print(f"  {name:<48} {spread(seconds):>24}   {60 * notebooks / statistics.median(seconds):6.1f}/min")
    if executable is None:
        return
    print(f"  {'nbgrader, whole workflow':<48} {spread(theirs):>24}   {60 * notebooks / statistics.median(theirs):6.1f}/min")
    for name in steps_by_run[0]:
        print(f"    {name:<46} {spread([steps[name] for steps in steps_by_run]):>24}")
    same = [t / o for t, o in zip(theirs, ours[(1, True)])]
    parallel = [t / o for t, o in zip(theirs, ours[(2, True)])]
    print(f"  Same resources (ours --jobs 1 against nbgrader, both one notebook at a time): {spread(same, 'x', 2)}")
    print(f"  Parallel (ours --jobs 2, on both cores; nbgrader cannot use the second):    {spread(parallel, 'x', 2)}")
    only = [a / o for a, o in zip(autograde, ours[(1, True)])]
    print(f"  (against nbgrader's autograde step alone, ours --jobs 1:                     {spread(only, 'x', 2)})")
    if args.also_no_sandbox:
        bare = [t / o for t, o in zip(theirs, ours[(1, False)])]
        print(f"  Same resources, ours without the sandbox:                                     {spread(bare, 'x', 2)}")
    mine, nb = points["ours"], points.get("nbgrader")
    if nb is not None:
        differ = sorted(key for key in mine if abs(mine[key] - nb.get(key, -1)) > 1e-9)
        print(f"  Automatic points agree with nbgrader for {len(mine) - len(differ)} of {len(mine)} submissions"
              + (f"; they differ for {', '.join('/'.join(key) for key in differ[:6])}" if differ else ""))  # fmt: skip


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each grader per class (default 3; the median is reported)")
    parser.add_argument("--students", type=int, default=20, help="students in the regular class (default 20)")
    parser.add_argument("--hard-students", type=int, default=10, help="students in the hard class (default 10; 0 skips it)")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds per cell, for both graders (default 10)")
    parser.add_argument("--also-no-sandbox", action="store_true", help="time ours without its sandbox too")
    parser.add_argument("--skip-nbgrader", action="store_true", help="time only this grader")
    parser.add_argument(
        "--nbgrader-venv", default=os.path.join(tempfile.gettempdir(), "pf-nbgrader-venv"), help="throwaway venv for nbgrader"
    )
    parser.add_argument("--keep", metavar="DIR", help="keep the classes, reports and nbgrader courses in DIR")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be 1 or more")

    os.chdir(ROOT)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pf-grade-bench-"))
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    try:
        exercises = load_exercises()
        executable = None
        if not args.skip_nbgrader:
            executable, problem = nbgrader_env(args.nbgrader_venv)
            if executable is None:
                print(problem)
        print(f"Machine: {os.cpu_count()} cores. Exercises: {', '.join(exercises)}. Time limit per cell: {args.time_limit:g} s.")

        regular = work / "regular-class"
        make_class(regular, students=args.students)
        notebooks = args.students * len(exercises)
        print(f"\nRegular class: {args.students} students x {len(exercises)} exercises = {notebooks} notebooks")
        benchmark_class("Regular class", regular, notebooks, exercises, args, executable, work)

        if args.hard_students:
            hard = work / "hard-class"
            troubled = hard_class(hard, args.hard_students, exercises)
            notebooks = args.hard_students * len(exercises)
            print(f"\nHard class: {args.hard_students} students x {len(exercises)} exercises = {notebooks} notebooks; "
                  f"{'; '.join(troubled)}")  # fmt: skip
            benchmark_class("Hard class", hard, notebooks, exercises, args, executable, work)
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
