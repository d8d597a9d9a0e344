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
import multiprocessing
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
import traceback
from pathlib import Path

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
    for folder, _, files in os.walk(root, followlinks=False):
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
        for folder, dirs, files in os.walk(entry, followlinks=False):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
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


def _worker(course, limits, root, spares, connection, use_fork_server=True, exercises=None):
    """A worker process: grade the tasks the main process sends down connection, one at a time."""
    from .capture import preload_code
    from .course import load_exercises
    from .submission import grade_submission, not_graded

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C and stops us...
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # ...with SIGTERM; the finally closes our kernels
    if exercises is None:
        exercises = load_exercises(course["solutions"], course["exercises"])
    imports = [name for exercise in exercises.values() for name in exercise.imports]
    modules = list(dict.fromkeys([*imports, "numpy", "numbers", "pickle", "base64"]))
    pool = KernelPool(root, limits, preload_code(imports), spares=spares, modules=modules if use_fork_server else None)
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


def grade_tasks(tasks, course, limits, jobs=1, progress=None, fork_server=True, exercises=None):
    """Grade every task; return {(student, exercise): result}. progress(result) is called per notebook.

    Each worker has its own pipe and gets one task at a time, so a worker that dies (killed, or
    crashed in a library) loses only the notebook it held, which is recorded as a grader error; a
    new worker takes its place.
    """
    from multiprocessing.connection import wait

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
    pending = list(reversed(tasks))  # popped from the end, so in the given order
    done, kernel_failures = {}, 0
    workers = {}  # id -> [process, connection, key of the task in hand or None]
    root = tempfile.mkdtemp(prefix="pf-grade-")

    def start(worker_id):
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(
            target=_worker, args=(course, limits, root, spares, theirs, fork_server, exercises), daemon=True
        )
        process.start()
        theirs.close()
        workers[worker_id] = [process, ours, None]

    def record(result):
        done[(result["student"], result["exercise"])] = result
        if progress:
            progress(result)

    try:
        for worker_id in range(jobs):
            start(worker_id)
        next_id = jobs
        while len(done) < len(tasks):
            for worker in workers.values():
                if worker[2] is None and pending:
                    task = pending.pop()
                    worker[1].send(task)
                    worker[2] = (task["student"], task["exercise"])
            busy = {id(w[1]): w for w in workers.values() if w[2] is not None}
            sentinels = {w[0].sentinel: w for w in workers.values()}
            ready = wait([w[1] for w in busy.values()] + list(sentinels), timeout=1.0)
            for item in ready:
                worker = busy.get(id(item)) or sentinels.get(item)
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
                    key = worker[2]
                    task = next(t for t in tasks if (t["student"], t["exercise"]) == key)
                    known = exercises or load_exercises(course["solutions"], course["exercises"])
                    result = not_graded(
                        task, known[key[1]], "grader-error", "error", "The grader failed on this notebook."
                    )
                    result["flags"].append(
                        {
                            "kind": "grader-error",
                            "cell": "",
                            "detail": f"grader worker died (exit code {worker[0].exitcode})",
                        }
                    )
                    worker[2] = None
                    dead = next(i for i, w in workers.items() if w is worker)
                    workers.pop(dead)
                    worker[1].close()
                    record(result)
                    if pending:
                        start(next_id)
                        next_id += 1
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
            if not workers and len(done) < len(tasks):
                raise GradingAborted("every grader worker stopped before the grading was done")
    finally:
        for _, connection, _ in workers.values():
            try:
                connection.send(None)
            except (OSError, ValueError):
                pass
        for process, connection, _ in workers.values():
            process.join(timeout=5 if len(done) == len(tasks) else 0.2)
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)
            if process.is_alive():
                process.kill()
            connection.close()
        shutil.rmtree(root, ignore_errors=True)
    return done


def default_limits(cell_timeout=30.0, notebook_timeout=None, memory_mb=2048, max_output=1_000_000):
    return Limits(
        cell_timeout=cell_timeout,
        notebook_timeout=notebook_timeout if notebook_timeout else max(60.0, 10 * cell_timeout),
        memory_mb=memory_mb,
        max_output=max_output,
        grace=min(3.0, max(1.0, cell_timeout / 5)),
    )
