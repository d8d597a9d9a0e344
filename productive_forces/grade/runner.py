"""Find the submissions and grade them in parallel worker processes.

SUBMISSIONS is only ever read: every file is opened read-only, its bytes are read once at the
start (and hashed), and the workers grade those bytes, never the files. After grading, the files
are hashed again and any change (which only student code run by the grader could have made) is
reported. Symbolic links are not followed.

Each worker is a separate process with its own pool of kernels (the next kernel boots while the
current notebook runs). A worker that dies takes only the notebook it was grading with it: that
submission is recorded as a grader error and a new worker carries on with the rest.
"""

import hashlib
import itertools
import multiprocessing
import os
import signal
import stat
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from .files import remove_tree, walk
from .kernel import KernelPool, KernelStartError, Limits

CHUNK = 1 << 20


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def snapshot(root):
    """{relative path: sha256} of every regular file under root (symbolic links not followed)."""
    hashes = {}
    for folder, _, files in walk(root):
        for name in files:
            path = Path(folder) / name
            try:
                if stat.S_ISREG(os.lstat(path).st_mode):
                    hashes[str(path.relative_to(root))] = _sha256(path)
            except OSError:
                hashes[str(path.relative_to(root))] = "unreadable"
    return hashes


def discover(submissions, exercise_names, max_bytes):
    """(students, tasks, unmatched) for SUBMISSIONS/<student>/<exercise>.ipynb.

    tasks: [{"student", "exercise", "file", "data", "sha256"}]; unmatched: [{"student", "file", "reason"}].
    Hidden files and folders (names starting with a dot, such as .ipynb_checkpoints) are skipped.
    """
    students, tasks, unmatched = [], [], []
    names = set(exercise_names)
    for entry in sorted(Path(submissions).iterdir()):
        if entry.name.startswith("."):
            continue
        mode = os.lstat(entry).st_mode
        if stat.S_ISLNK(mode):
            unmatched.append({"student": "", "file": entry.name, "reason": "symbolic link, not followed"})
            continue
        if not stat.S_ISDIR(mode):
            unmatched.append({"student": "", "file": entry.name, "reason": "not inside a student folder"})
            continue
        student = entry.name
        students.append(student)
        for folder, _, files in walk(entry, skip=lambda name: name.startswith(".")):
            for name in files:
                path = Path(folder) / name
                relative = path.relative_to(submissions)
                file_mode = os.lstat(path).st_mode
                if stat.S_ISLNK(file_mode) or not stat.S_ISREG(file_mode):
                    unmatched.append(
                        {"student": student, "file": str(relative), "reason": "not a regular file, not read"}
                    )
                    continue
                if path.parent != entry or path.suffix != ".ipynb" or path.stem not in names:
                    reason = "matches no exercise" if path.parent == entry else "in a subfolder"
                    unmatched.append({"student": student, "file": str(relative), "reason": reason})
                    continue
                with open(path, "rb") as handle:
                    data = handle.read(max_bytes + 1)
                tasks.append(
                    {
                        "student": student,
                        "exercise": path.stem,
                        "file": str(relative),
                        "data": data,
                        "sha256": _sha256(path),
                    }
                )
    return students, tasks, unmatched


def _worker(course, limits, root, spares, connection, use_fork_server=True, exercises=None, sandboxed=False):
    """A worker process: grade the tasks the main process sends down connection, one at a time."""
    from .capture import preload_code
    from .course import load_exercises
    from .submission import grade_submission, not_graded

    os.setsid()  # a process group of its own, with its kernels: the main process can kill it all at once
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C and stops us...
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # ...with SIGTERM; the finally closes our kernels
    if exercises is None:
        exercises = load_exercises(course["solutions"], course["exercises"])
    imports = [name for exercise in exercises.values() for name in exercise.imports]
    modules = list(dict.fromkeys([*imports, "numpy", "numbers", "pickle", "base64"]))
    pool = KernelPool(
        root, limits, preload_code(imports), spares=spares, modules=modules if use_fork_server else None,
        sandboxed=sandboxed,
    )  # fmt: skip
    try:
        while True:
            try:
                task = connection.recv()
            except EOFError:
                break
            if task is None:
                break
            exercise = exercises[task["exercise"]]
            try:
                result = grade_submission(task, exercise, pool, limits)
            except KernelStartError as error:
                result = not_graded(task, exercise, "grader-error", "error", "The grader could not start a kernel.")
                result["flags"].append({"kind": "grader-error", "cell": "", "detail": str(error)[:1000]})
                result["kernel_failure"] = True
            except Exception:
                result = not_graded(task, exercise, "grader-error", "error", "The grader failed on this notebook.")
                result["flags"].append({"kind": "grader-error", "cell": "", "detail": traceback.format_exc()[-2000:]})
            connection.send(result)
    finally:
        pool.close()


class GradingAborted(RuntimeError):
    """The grader itself cannot run (no kernel starts, for instance)."""


def notebook_deadline(limits):
    """Seconds the main process gives a worker for one notebook: start, run, and judge it."""
    return limits.start_timeout + limits.notebook_timeout + 4 * limits.grace + min(30.0, limits.notebook_timeout)


def _kill(process):
    """Kill a worker and everything in its process group (its kernels' sandboxes die with them)."""
    for kill in (lambda: os.killpg(process.pid, signal.SIGKILL), process.kill):
        try:
            kill()
        except (ProcessLookupError, PermissionError, OSError):
            pass
    process.join(timeout=5)


def grade_tasks(tasks, course, limits, jobs=1, progress=None, fork_server=True, exercises=None, sandboxed=False):
    """Grade every task; return {(student, exercise): result}. progress(result) is called per notebook.

    Each worker has its own pipe and gets one task at a time, so a worker that dies (killed, or
    crashed in a library) loses only the notebook it held, which is recorded as a grader error; a
    worker that holds a notebook past notebook_deadline() (stuck, or stopped) is killed and the
    notebook graded ``timeout``. A new worker takes its place.
    """
    from multiprocessing.connection import wait

    from .capture import TIMEOUT
    from .course import load_exercises
    from .submission import not_graded

    if not tasks:
        return {}
    jobs = max(1, min(jobs, len(tasks)))
    spares = 2 if jobs == 1 else 1  # one worker alone has a core free to boot kernels ahead
    # Forking the main process (single-threaded here) starts a worker in milliseconds, with the
    # masters already read; elsewhere workers are spawned afresh and read them again.
    forking = sys.platform.startswith("linux") and threading.active_count() == 1
    context = multiprocessing.get_context("fork" if forking else "spawn")
    if forking and exercises is None:
        exercises = load_exercises(course["solutions"], course["exercises"])
    elif not forking:
        exercises = None
    known = exercises or load_exercises(course["solutions"], course["exercises"])
    pending = list(reversed(tasks))  # popped from the end, so in the given order
    done, kernel_failures = {}, 0
    workers = {}  # id -> [process, connection, task in hand or None, deadline]
    root = tempfile.mkdtemp(prefix="pf-grade-")
    allowed = notebook_deadline(limits)
    new_ids = itertools.count(jobs)

    def start(worker_id):
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(
            target=_worker,
            args=(course, limits, root, spares, theirs, fork_server, exercises, sandboxed),
            daemon=True,
        )
        process.start()
        theirs.close()
        workers[worker_id] = [process, ours, None, None]

    def record(result):
        done[(result["student"], result["exercise"])] = result
        if progress:
            progress(result)

    def replace(worker_id, result):
        """Record the lost notebook's result; kill the worker and start another if work remains."""
        process, connection, _, _ = workers.pop(worker_id)
        _kill(process)
        connection.close()
        record(result)
        if pending:
            start(next(new_ids))

    try:
        for worker_id in range(jobs):
            start(worker_id)
        while len(done) < len(tasks):
            for worker in workers.values():
                if worker[2] is None and pending:
                    worker[2] = pending.pop()
                    worker[3] = time.monotonic() + allowed
                    worker[1].send(worker[2])
            busy = {id(w[1]): i for i, w in workers.items() if w[2] is not None}
            sentinels = {w[0].sentinel: i for i, w in workers.items()}
            ready = wait([workers[i][1] for i in busy.values()] + list(sentinels), timeout=0.5)
            for item in ready:
                worker_id = busy.get(id(item), sentinels.get(item))
                worker = workers.get(worker_id)
                if worker is None or worker[2] is None:
                    continue
                try:
                    result = worker[1].recv() if item is worker[1] else None
                except (EOFError, OSError):
                    result = None
                if result is None:
                    if worker[0].is_alive() and item is not worker[1]:
                        continue
                    # The worker died holding a notebook: record it, replace the worker.
                    worker[0].join(timeout=1)
                    task = worker[2]
                    result = not_graded(
                        task, known[task["exercise"]], "grader-error", "error", "The grader failed on this notebook."
                    )
                    detail = f"grader worker died (exit code {worker[0].exitcode})"
                    result["flags"].append({"kind": "grader-error", "cell": "", "detail": detail})
                    replace(worker_id, result)
                    continue
                worker[2] = None
                if result.pop("kernel_failure", False):
                    kernel_failures += 1
                    if kernel_failures >= jobs and all(r["state"] == "grader-error" for r in done.values()):
                        raise GradingAborted(
                            "the grader could not start a Jupyter kernel (is ipykernel installed? is --memory "
                            f"too low?): {result['flags'][-1]['detail']}"
                        )
                record(result)
            now = time.monotonic()
            for worker_id, worker in list(workers.items()):
                if worker[2] is not None and now > worker[3]:  # stuck or stopped: the notebook is out of time
                    task = worker[2]
                    detail = f"Grading this notebook took longer than {allowed:g} s and was stopped."
                    result = not_graded(task, known[task["exercise"]], "timeout", TIMEOUT, detail)
                    result["flags"].append({"kind": "grader-timeout", "cell": "", "detail": detail})
                    replace(worker_id, result)
            if not workers and len(done) < len(tasks):
                raise GradingAborted("every grader worker stopped before the grading was done")
    finally:
        for _, connection, _, _ in workers.values():
            try:
                connection.send(None)
            except (OSError, ValueError):
                pass
        for process, connection, _, _ in workers.values():
            process.join(timeout=5 if len(done) == len(tasks) else 0.2)
            _kill(process)  # whatever it left behind in its process group goes with it
            connection.close()
        remove_tree(root)
    return done


def default_limits(cell_timeout=30.0, notebook_timeout=None, memory_mb=2048, max_output=1_000_000):
    return Limits(
        cell_timeout=cell_timeout,
        notebook_timeout=notebook_timeout if notebook_timeout else max(60.0, 10 * cell_timeout),
        memory_mb=memory_mb,
        max_output=max_output,
        grace=min(3.0, max(1.0, cell_timeout / 5)),
    )
