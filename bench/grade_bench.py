"""Benchmark the instructor grader against nbgrader on the same synthetic class.

    .venv/bin/python bench/grade_bench.py [--students 20] [--skip-nbgrader] [--keep DIR]

Builds a synthetic class from the course's own notebooks (students who answer everything right,
half right, everything wrong, or nothing; see productive_forces/grade/synthetic.py), grades it with
``python -m productive_forces.grade`` at --jobs 1 and --jobs 2, with its sandbox and with --no-sandbox, then grades the very same
submissions with ``nbgrader autograde`` and prints wall time and notebooks per minute for each,
the ratio to nbgrader, and whether the two graders agree on every student's automatic points.

The headline ratio compares like with like: this grader with --jobs 1 (one notebook at a time)
against nbgrader, which grades one notebook at a time. The ratio with --jobs 2 is printed beside
it; it also counts the second core, which nbgrader leaves idle. Both are given with the sandbox
(the default, what instructors run) and without it.

nbgrader is never installed in the project's environment: the benchmark makes a throwaway virtual
environment (default /tmp/pf-nbgrader-venv, reused by later runs) and installs nbgrader and this
package into it. For nbgrader each exercise becomes one notebook of a single assignment: answer
cells become solution cells, check cells become autograder tests that assert the check's verdict is
"correct" (hidden checks inside nbgrader's hidden-test markers), written answers become manually
graded cells. If nbgrader cannot be installed, the benchmark says so and reports only its own figures.
"""

import argparse
import json
import os
import shutil
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


def grade_ours(submissions, report, jobs, sandbox=True):
    started = time.perf_counter()
    options = ["--jobs", str(jobs)] + ([] if sandbox else ["--no-sandbox"])
    completed = subprocess.run(
        [sys.executable, "-m", "productive_forces.grade", str(submissions), "--out", str(report), *options],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"the grader failed:\n{completed.stdout}\n{completed.stderr}")
    return elapsed


def our_points(report):
    """{(student, exercise): automatic points} from a report's grades.csv."""
    import csv

    points = {}
    with open(Path(report) / "grades.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["kind"] != "written":
                key = (row["student"], row["exercise"])
                points[key] = points.get(key, 0) + float(row["points"])
    return points


# -- nbgrader ---------------------------------------------------------------------------------


def nbgrader_env(venv):
    """The nbgrader executable in a throwaway venv (made if needed), or None with a reason."""
    venv = Path(venv)
    executable = venv / "bin" / "nbgrader"
    marker = venv / ".pf-ready"
    if executable.exists() and marker.exists():
        return executable, None
    print(f"Installing {NBGRADER} into {venv} (once; not timed)...", flush=True)
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True, capture_output=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, NBGRADER], check=True, capture_output=True, text=True)
        subprocess.run([*pip, str(ROOT)], check=True, capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        return None, f"pip failed: {(error.stderr or '')[-800:]}"
    marker.write_text("ok\n")
    return executable, None


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


def build_nbgrader_course(course, submissions, exercises):
    (course / "source" / ASSIGNMENT).mkdir(parents=True)
    for name, exercise in exercises.items():
        nbformat.write(nbgrader_source(exercise.master), course / "source" / ASSIGNMENT / f"{name}.ipynb")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(course)!r}\n"
        "c.CourseDirectory.course_id = 'bench'\n"
        "c.ClearSolutions.begin_solution_delimeter = 'BEGIN SOLUTION'\n"
        "c.ClearSolutions.end_solution_delimeter = 'END SOLUTION'\n"
        "c.Execute.timeout = 30\n"
    )


def nbgrader_submissions(course, submissions, exercises):
    """Copy each synthetic student's answers into nbgrader's released notebooks, as submitted work."""
    count = 0
    for student_dir in sorted(Path(submissions).iterdir()):
        target = course / "submitted" / student_dir.name / ASSIGNMENT
        target.mkdir(parents=True)
        for name in exercises:
            released = nbformat.read(course / "release" / ASSIGNMENT / f"{name}.ipynb", as_version=4)
            theirs = {cell.id: cell.source for cell in nbformat.read(student_dir / f"{name}.ipynb", as_version=4).cells}
            for cell in released.cells:
                if cell.metadata.get("nbgrader", {}).get("solution") and cell.id in theirs:
                    cell.source = theirs[cell.id]
            nbformat.write(released, target / f"{name}.ipynb")
            count += 1
        (target / "timestamp.txt").write_text("2026-01-01 00:00:00.000000 UTC\n")
    return count


def nbgrader_points(course, executable):
    """{(student, exercise): automatic points} from nbgrader's gradebook."""
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
    completed = subprocess.run(
        [str(executable.parent / "python"), "-c", code], capture_output=True, text=True, cwd=course
    )
    if completed.returncode != 0:
        print(f"(could not read nbgrader's gradebook: {completed.stderr[-300:]})")
    if completed.returncode != 0:
        return None
    return {tuple(key.split("/", 1)): value for key, value in json.loads(completed.stdout).items()}


def run_nbgrader(work, submissions, exercises, venv):
    executable, problem = nbgrader_env(venv)
    if executable is None:
        return None, f"nbgrader could not be installed here ({problem}); no nbgrader figures"
    course = work / "nbgrader-course"
    build_nbgrader_course(course, submissions, exercises)
    env = dict(os.environ, PATH=f"{executable.parent}{os.pathsep}{os.environ.get('PATH', '')}")  # nbgrader runs alembic
    generate = subprocess.run(
        [str(executable), "generate_assignment", ASSIGNMENT, "--force"],
        cwd=course,
        capture_output=True,
        text=True,
        env=env,
    )
    if generate.returncode != 0:
        return None, f"nbgrader generate_assignment failed: {generate.stderr[-800:]}"
    notebooks = nbgrader_submissions(course, submissions, exercises)
    started = time.perf_counter()
    autograde = subprocess.run(
        [str(executable), "autograde", ASSIGNMENT, "--force"], cwd=course, capture_output=True, text=True, env=env
    )
    elapsed = time.perf_counter() - started
    if autograde.returncode != 0:
        return None, f"nbgrader autograde failed: {autograde.stderr[-800:]}"
    return {"seconds": elapsed, "notebooks": notebooks, "points": nbgrader_points(course, executable)}, None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--students", type=int, default=20, help="synthetic students (default 20; each hands in every exercise)"
    )
    parser.add_argument("--skip-nbgrader", action="store_true", help="time only this grader")
    parser.add_argument(
        "--nbgrader-venv",
        default=os.path.join(tempfile.gettempdir(), "pf-nbgrader-venv"),
        help="throwaway venv for nbgrader",
    )
    parser.add_argument("--keep", metavar="DIR", help="keep the class, reports and nbgrader course in DIR")
    args = parser.parse_args(argv)

    os.chdir(ROOT)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pf-grade-bench-"))
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
    try:
        exercises = load_exercises()
        submissions = work / "submissions"
        make_class(submissions, students=args.students)
        notebooks = args.students * len(exercises)
        print(f"Synthetic class: {args.students} students x {len(exercises)} exercises = {notebooks} notebooks "
              f"({', '.join(exercises)}); machine: {os.cpu_count()} cores")  # fmt: skip
        rates = {}
        for sandbox in (True, False):
            for jobs in (1, 2):
                report = work / f"report-jobs{jobs}{'' if sandbox else '-no-sandbox'}"
                seconds = grade_ours(submissions, report, jobs, sandbox)
                rates[(jobs, sandbox)] = 60 * notebooks / seconds
                print(f"productive_forces.grade --jobs {jobs}{'' if sandbox else ' --no-sandbox'}: "
                      f"{seconds:6.1f} s wall, {rates[(jobs, sandbox)]:6.1f} notebooks/min")  # fmt: skip
        if args.skip_nbgrader:
            return 0
        result, problem = run_nbgrader(work, submissions, exercises, args.nbgrader_venv)
        if result is None:
            print(problem)
            return 0
        nb_rate = 60 * result["notebooks"] / result["seconds"]
        print(
            f"nbgrader autograde ({NBGRADER}, one notebook at a time): "
            f"{result['seconds']:6.1f} s wall, {nb_rate:6.1f} notebooks/min"
        )
        print("Throughput ratio to nbgrader, same resources (ours --jobs 1, one notebook at a time, as nbgrader);")
        print("in brackets, ours --jobs 2 on both cores (nbgrader has no way to use the second):")
        for sandbox in (True, False):
            print(f"  {'with the sandbox   ' if sandbox else 'without the sandbox'}: "
                  f"{rates[(1, sandbox)] / nb_rate:4.1f}x  ({rates[(2, sandbox)] / nb_rate:.1f}x with --jobs 2)")  # fmt: skip
        theirs, ours = result["points"], our_points(work / "report-jobs2")
        if theirs is not None:
            differ = sorted(key for key in ours if abs(ours[key] - theirs.get(key, -1)) > 1e-9)
            print(f"Automatic points agree with nbgrader for {len(ours) - len(differ)} of {len(ours)} submissions"
                  + (f"; differ: {differ[:5]}" if differ else ""))  # fmt: skip
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
