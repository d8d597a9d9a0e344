"""Attacks on the grader from a student's notebook, graded with the sandbox and without it.

Each attacking student answers Q3.1 with code that tries to reach beyond its kernel and prints
``ESCAPED: ...`` for whatever it manages; the rest of its answers are right. The same class is
graded twice: in the sandbox every attempt must fail (and be flagged where it leaves a trace);
with --no-sandbox the tests check that the same attempts do succeed, so they are able to fail.
Attacks that would wreck an unsandboxed run (killing the grader) run only in the sandbox; the
deadline that stops a worker a student has frozen is shown without the sandbox, in a run of its own.
"""

import json
import os
import signal
import time
from pathlib import Path

import nbformat
import pytest

from productive_forces.grade.capture import MIME
from productive_forces.grade.files import remove_tree
from productive_forces.grade.kernel import Limits
from productive_forces.grade.runner import grade_tasks
from tests.notebooks import ROOT
from tests.test_grade import (
    ANSWER_OF,
    EXERCISE,
    FULL,
    MASTER,
    POINTS,
    RIGHT,
    grade,
    notebook_with,
    read_csv,
    with_answers,
)

RIGHT_Q31 = RIGHT[ANSWER_OF["Q3.1"]]
LINGER = "pf-lingerer-"  # in the command line of the process the lingering attack leaves behind

SNOOP = """
import glob, os
for path in {paths!r}:
    try:
        os.listdir(path) if os.path.isdir(path) else open(path, 'rb').read(10)
        print('ESCAPED: read', path)
    except OSError:
        pass
for name in glob.glob('/proc/*/cmdline'):
    try:
        if b'--out' in open(name, 'rb').read():
            print('ESCAPED: sees the grader')
            break
    except OSError:
        pass
"""
SHEET = """
try:
    with open({sheet!r}, 'w') as sheet:
        sheet.write('student,exercise,question,max_points,points,comment\\nsheet,ch3_tfp,Q3.1,3,3,forged\\n')
    print('ESCAPED: wrote the marking sheet')
except OSError:
    pass
"""
LINGERING = """
import os, sys, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(60)', {marker!r}])
    os._exit(0)
time.sleep(0.3)
"""
POISON = """
import productive_forces.grade.report as target
try:
    open(target.__file__, 'a').close()  # opened for appending, nothing written
    print('ESCAPED: can write the grader code', target.__file__)
except OSError:
    pass
"""
NEIGHBOURS = """
import glob, os
mine = os.path.dirname(os.getcwd())
found = [p for p in glob.glob(os.path.join(mine, '..', 'kernel-*', 'sockets', 'connection.json'))
         if not os.path.abspath(p).startswith(mine + os.sep)]
if found:
    print('ESCAPED: sees other kernels', len(found))
"""
# Above the kernel: the worker's fork server (its command line says --serve), the worker, the grader.
FREEZE = """
import os, signal
pid, chain = os.getppid(), []
while pid > 1:
    chain.append(pid)
    pid = int(open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()[1])
servers = [i for i, pid in enumerate(chain) if b'--serve' in open(f'/proc/{pid}/cmdline', 'rb').read()]
if servers and len(chain) > servers[0] + {hops}:
    os.kill(chain[servers[0] + {hops}], signal.{signal})
    print('ESCAPED: signalled the grader')
"""
WORKER, MAIN = 1, 2
# Not an attack: says which process is the first of the kernel's PID namespace (with the sandbox's
# fast path, the placeholder of sandbox.py, so these attacks ran in kernels forked into it).
WHERE = """
try:
    print('FIRST:', open('/proc/1/cmdline', 'rb').read().split(b'\\n')[0].replace(b'\\0', b' ').decode(errors='replace'))
except OSError as error:
    print('FIRST: unreadable', error)
"""
FORGE = """
real = globals()['_pf_' + 'grader_run']
def fake(first, seconds):
    exec({right!r}, globals())
    return real(first, seconds)
globals()['_pf_' + 'grader_run'] = fake
residual = 0.5
"""
FLOOD = f"""
from IPython.display import display
for _ in range(4):
    display({{{MIME!r}: {{'padding': 'x' * 1_000_000}}}}, raw=True)
    display({{'text/plain': 'x'}}, metadata={{'padding': 'y' * 1_000_000}}, raw=True)
"""
DEEP = """
import os
for _ in range(3000):
    os.mkdir('d')
    os.chdir('d')
"""


def attackers(report, submissions):
    """{student: Q3.1 answer source}: every attack, then the right answer."""
    paths = [str(MASTER), str(submissions / "right" / f"{EXERCISE}.ipynb"), str(report)]
    return {
        "snoop": SNOOP.format(paths=paths),
        "sheet": SHEET.format(sheet=str(report / "manual_scores.csv")),
        "linger": LINGERING.format(marker=f"{LINGER}{os.getpid()}-{report.parent.name}"),
        "poison": POISON,
        "neighbours": NEIGHBOURS,
        "deep-folders": DEEP,
    }


def escaped(report, student):
    notebook = nbformat.read(report / "graded" / student / f"{EXERCISE}.ipynb", as_version=4)
    text = "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    return [line for line in text.splitlines() if line.startswith("ESCAPED")]


def lingering(marker):
    """Pids of processes whose command line holds marker."""
    found = []
    for path in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker.encode() in path.read_bytes():
                found.append(int(path.parent.name))
        except OSError:
            pass
    return found


def run_class(base, sandbox):
    submissions, report = base / "submissions", base / "report"
    report.mkdir()  # graded before: the report folder exists while grading runs
    attacks = attackers(report, submissions)
    if sandbox:  # these would stop an unsandboxed run: see test_a_frozen_worker_costs_only_its_notebook
        attacks["kill-main"] = FREEZE.replace("{signal}", "SIGKILL").replace("{hops}", str(MAIN))
        attacks["freeze-worker"] = FREEZE.replace("{signal}", "SIGSTOP").replace("{hops}", str(WORKER))
    students = {name: with_answers(Q3_1=source + "\n" + RIGHT_Q31) for name, source in attacks.items()}
    students["right"] = RIGHT
    students["where"] = with_answers(Q3_1=WHERE + "\n" + RIGHT_Q31)
    students["forge"] = with_answers(Q3_1=FORGE.format(right=RIGHT_Q31))
    students["flood"] = with_answers(Q3_1=FLOOD + RIGHT_Q31)
    students["huge-expression"] = with_answers(Q3_1="residual = " + "+".join(["1"] * 100_000))
    students["=2+5"] = RIGHT
    for student, sources in students.items():
        (submissions / student).mkdir(parents=True)
        nbformat.write(notebook_with(sources), submissions / student / f"{EXERCISE}.ipynb")
    (submissions / "deep-json").mkdir()
    (submissions / "deep-json" / f"{EXERCISE}.ipynb").write_text('{"cells": ' + "[" * 100_000 + "]" * 100_000 + "}")
    nested = os.open(submissions / "deep-json", os.O_RDONLY)
    for _ in range(3000):  # deeper than any recursive walk can go
        os.mkdir("d", dir_fd=nested)
        inner = os.open("d", os.O_RDONLY, dir_fd=nested)
        os.close(nested)
        nested = inner
    os.close(nested)
    options = ["--jobs", 1, "--timeout", 10, "--only", EXERCISE] + ([] if sandbox else ["--no-sandbox"])
    completed = grade(submissions, "--out", report, *options)
    marker = f"{LINGER}{os.getpid()}-{base.name}"
    left = lingering(marker)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return {"completed": completed, "report": report, "lingering": left, "students": students}


@pytest.fixture(scope="module", params=[True, False], ids=["sandbox", "no-sandbox"])
def attacked(request, tmp_path_factory):
    base = tmp_path_factory.mktemp("attacked")
    yield run_class(base, request.param) | {"sandbox": request.param}
    remove_tree(base)  # pytest's own clean-up cannot remove folders this deep


def rows(report, student):
    return {r["question"]: r for r in read_csv(report / "grades.csv") if r["student"] == student}


def kinds(report, student):
    return {r["kind"] for r in read_csv(report / "flags.csv") if r["student"] == student}


@pytest.mark.parametrize("student", ["snoop", "sheet", "poison", "neighbours"])
def test_student_code_cannot_reach_files_outside_its_sandbox(attacked, student):
    report = attacked["report"]
    assert attacked["completed"].returncode == 0, attacked["completed"].stderr
    if attacked["sandbox"]:
        assert escaped(report, student) == []
    else:  # the same code, unsandboxed, does reach them: the test can fail
        assert escaped(report, student)


def test_with_the_sandbox_kernels_are_forked_into_it(attacked):
    """The attacks above ran against the fast path: kernels forked into a placeholder's sandbox."""
    notebook = nbformat.read(attacked["report"] / "graded" / "where" / f"{EXERCISE}.ipynb", as_version=4)
    text = "".join(o.get("text", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    assert ("pf-sandbox-placeholder" in text) is attacked["sandbox"], text[-500:]


def test_a_sheet_written_during_grading_is_never_read(attacked):
    assert "forged" not in (attacked["report"] / "manual_scores.csv").read_text()
    assert float(rows(attacked["report"], "sheet")["Q3.1"]["points"]) == POINTS["Q3.1"]


def test_nothing_a_kernel_starts_outlives_it(attacked):
    assert (attacked["lingering"] == []) is attacked["sandbox"]


def test_the_grader_and_its_workers_are_out_of_reach(attacked):
    if not attacked["sandbox"]:
        pytest.skip("unsandboxed, these attacks would stop the run: see test_a_frozen_worker_costs_only_its_notebook")
    book = {r["student"]: r for r in read_csv(attacked["report"] / "gradebook.csv")}
    for student in ("kill-main", "freeze-worker"):
        assert escaped(attacked["report"], student) == []
        assert float(book[student]["total"]) == FULL


def test_every_attacker_still_gets_the_points_it_earned_and_the_others_too(attacked):
    book = {r["student"]: r for r in read_csv(attacked["report"] / "gradebook.csv")}
    for student in ("right", "where", "deep-folders", "flood", "linger", "neighbours"):
        assert float(book[student]["total"]) == FULL, student


def test_a_replaced_runner_changes_nothing_and_is_flagged(attacked):
    """The runner that is running holds its own references: replacing its name in the notebook's
    namespace runs no code of the student's in its place (capture-replaced covers a later request)."""
    report = attacked["report"]
    forged = rows(report, "forge")
    assert float(forged["Q3.1"]["points"]) == 0 and forged["Q3.1"]["status"] == "wrong"
    assert all(forged[question]["status"] == "correct" for question in POINTS if question not in ("Q3.1", "Q3.2"))
    assert "suspicious-code" in kinds(report, "forge")


def test_every_output_byte_counts_against_the_cap(attacked):
    graded = attacked["report"] / "graded" / "flood" / f"{EXERCISE}.ipynb"
    assert graded.stat().st_size < 3_000_000


def test_nesting_and_size_cost_only_their_own_points(attacked):
    report = attacked["report"]
    assert {r["status"] for r in rows(report, "deep-json").values()} == {"unreadable"}
    huge = rows(report, "huge-expression")
    assert huge["Q3.1"]["status"] == "error" and huge["Q3.3a"]["status"] == "correct"
    assert "grader-error" not in kinds(report, "huge-expression") | kinds(report, "deep-json")


def test_formulas_in_names_are_escaped_in_csv(attacked):
    text = (attacked["report"] / "gradebook.csv").read_text()
    assert "\n'=2+5," in text and "\n=2+5," not in text


def test_without_the_sandbox_every_run_and_report_says_so(attacked):
    said = "WITHOUT the sandbox" in attacked["completed"].stderr
    flagged = any("WITHOUT the sandbox" in r["detail"] for r in read_csv(attacked["report"] / "flags.csv"))
    assert said is flagged is (not attacked["sandbox"])


def test_a_frozen_worker_costs_only_its_notebook(tmp_path):
    """Unsandboxed, a student can stop (SIGSTOP) the worker grading it; the main process's deadline
    kills that worker and grades the notebook timeout, and the rest of the class is graded."""
    tasks = []
    freeze = FREEZE.replace("{signal}", "SIGSTOP").replace("{hops}", str(WORKER))
    for student, sources in (("freezer", with_answers(Q3_1=freeze)), ("right", RIGHT)):
        data = nbformat.writes(notebook_with(sources)).encode()
        tasks.append({"student": student, "exercise": EXERCISE, "file": student, "data": data, "sha256": ""})
    limits = Limits(cell_timeout=3, notebook_timeout=4, grace=1, start_timeout=5)
    course = {"solutions": str(ROOT / "solutions"), "exercises": str(ROOT / "exercises")}
    started = time.monotonic()
    done = grade_tasks(tasks, course, limits, jobs=1, sandboxed=False)
    assert time.monotonic() - started < 60
    frozen = done[("freezer", EXERCISE)]
    assert frozen["state"] == "timeout" and {q["status"] for q in frozen["questions"]} == {"timeout"}
    assert sum(q["points"] for q in done[("right", EXERCISE)]["questions"]) == FULL


def test_a_bad_marking_sheet_in_the_report_is_a_warning(tmp_path):
    report = tmp_path / "report"
    report.mkdir()
    (report / "manual_scores.csv").write_text("student,exercise,question,max_points,points\nada,ch3_tfp,Q3.W,2,lots\n")
    (tmp_path / "subs" / "ada").mkdir(parents=True)
    nbformat.write(notebook_with(RIGHT), tmp_path / "subs" / "ada" / f"{EXERCISE}.ipynb")
    completed = grade(tmp_path / "subs", "--out", report, "--only", EXERCISE, "--timeout", 10)
    assert completed.returncode == 0, completed.stderr
    assert "line 2" in completed.stderr
    assert "lots" in (report / "manual_scores.csv").read_text()  # the instructor's text is kept as typed
    assert json.loads((report / "results.json").read_text())["sandbox"] is True
