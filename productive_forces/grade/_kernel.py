"""Start IPython kernels for graded notebooks, under resource limits.

Two ways, both run by the grader, never by hand:

``python -m productive_forces.grade._kernel --memory-mb N --file-mb M -f CONNECTION_FILE``
    starts one kernel (the plain way, used when the fork server is not available).

``python -m productive_forces.grade._kernel --serve MODULE,MODULE,...``
    a fork server: imports ipykernel, numpy and the modules the course's notebooks import, once,
    then for each request (one JSON line on stdin) forks a fresh kernel process and answers with
    its pid. A forked kernel is a new process that has never run any student code, exactly like a
    freshly started one, but it skips the second of start-up that importing those modules costs.
    The fork happens while the server is single-threaded (it checks), and each child reseeds the
    random number generators, so two students' kernels do not share a random stream.

    A request that names a sandbox (see sandbox.py) is forked twice: the first fork enters the
    sandbox and gives up every privilege (join.py), then forks the kernel, which is thereby in the
    sandbox's PID namespace, reports its pid and exits. If entering fails at any step, the answer
    is an error and no kernel exists; the kernel checks again from inside before it starts. A
    server for sandboxed kernels is started with a sandboxed kernel's environment only.

In both cases the limits are set in the kernel process before the kernel starts, as hard limits
that student code inherits and (short of running as a privileged user) cannot raise:

- address space (RLIMIT_AS): a notebook that fills memory gets a MemoryError or dies, and the
  rest of the machine, including the other notebooks being graded, carries on;
- file size (RLIMIT_FSIZE): a runaway write fails with an error instead of filling the disk;
- core files are switched off.
"""

import json
import os
import resource
import select
import signal
import sys

MIB = 1024 * 1024
READY = "pf-fork-server ready"
#: modules ipykernel imports while a kernel starts (its debugger, which imports debugpy, above all);
#: the fork server imports them once, so that each forked kernel does not
KERNEL_MODULES = (
    "ipykernel.ipkernel", "ipykernel.debugger", "IPython.core.debugger", "IPython.core.completerlib",
    "IPython.extensions.storemagic", "tornado.platform.asyncio", "tornado.queues", "faulthandler",
)  # fmt: skip


def _limit(kind, value):
    soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    try:
        resource.setrlimit(kind, (value, value))
    except (OSError, ValueError) as error:  # some systems (macOS) refuse some limits: run without
        print(f"grader kernel: could not set resource limit {kind}: {error}", file=sys.stderr)


def apply_limits(memory_mb, file_mb):
    if memory_mb > 0:
        _limit(resource.RLIMIT_AS, memory_mb * MIB)
    if file_mb > 0:
        _limit(resource.RLIMIT_FSIZE, file_mb * MIB)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit raises, not kills
    _limit(resource.RLIMIT_CORE, 0)


def _launch(argv):
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance(argv=argv)


def main(argv):
    memory_mb, file_mb, rest = 0, 0, []
    args = iter(argv)
    for arg in args:
        if arg == "--memory-mb":
            memory_mb = int(next(args))
        elif arg == "--file-mb":
            file_mb = int(next(args))
        elif arg == "--serve":
            return serve([name for name in next(args).split(",") if name])
        else:
            rest.append(arg)
    apply_limits(memory_mb, file_mb)
    _launch(rest)
    return 0


# -- the fork server ----------------------------------------------------------------------------


def _threads():
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        import threading

        return threading.active_count()


def _become_kernel(request):
    """In a forked process, set up as a new session: seed, limit and start the kernel."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    apply_limits(request["memory_mb"], request["file_mb"])
    import random

    random.seed()
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
    sys.argv = [sys.executable, *request["argv"]]
    _launch(request["argv"])


def _child(request):
    """In the forked process: become a kernel (never returns)."""
    status = 1
    try:
        os.setsid()  # its own session: the grader kills the kernel and all it started at once
        os.chdir(request["cwd"])
        os.environ.update(request["env"])
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        os.close(null)
        _become_kernel(request)
        status = 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        os._exit(status)


def _sandboxed_child(request, report):
    """In the forked process: enter the sandbox, fork the kernel inside it, report its pid, exit.

    Fail closed: if any step of entering fails, nothing more runs and the report says why. The
    kernel (the second fork, the first process of this tree inside the sandbox's PID namespace)
    checks from inside that it is in the sandbox before it starts, and exits if not.
    """
    from . import join

    status = 1
    try:
        box = request["sandbox"]
        join.enter(box["pid"], box["namespaces"], request["cwd"], request["log"], keep=(report,),
                   uid=box["uid"], gid=box["gid"])  # fmt: skip
        pid = os.fork()
        if pid == 0:
            _sandboxed_kernel(request, report)
        os.write(report, json.dumps({"pid": pid}).encode())
        status = 0
    except BaseException as error:
        try:
            os.write(report, json.dumps({"error": f"{type(error).__name__}: {error}"[:2000]}).encode())
        except OSError:
            pass
    finally:
        os._exit(status)  # the kernel is adopted by the sandbox's first process


def _sandboxed_kernel(request, report):
    """The kernel, inside the sandbox (never returns)."""
    from . import join

    status = 1
    try:
        os.close(report)
        os.setsid()
        join.check_inside(uid=request["sandbox"]["uid"], gid=request["sandbox"]["gid"])
        os.environ.clear()
        os.environ.update(request["env"])
        if sys.path and sys.path[0] == _SERVER_CWD:  # python -m put the server's folder first
            sys.path[0] = request["cwd"]
        _become_kernel(request)
        status = 0
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        os._exit(status)


def _fork_sandboxed(request):
    """Fork a kernel into its sandbox; return the answer for the worker."""
    read, write = os.pipe()
    try:
        pid = os.fork()
        if pid == 0:
            os.close(read)
            _sandboxed_child(request, write)
        os.close(write)
        write = None
        chunks = []
        while True:  # the first fork writes one answer and exits; the pipe then reads as closed
            ready, _, _ = select.select([read], [], [], 10.0)
            if not ready:
                os.kill(pid, signal.SIGKILL)
                return {"error": "entering the sandbox did not finish in 10 s"}
            chunk = os.read(read, 65536)
            if not chunk:
                break
            chunks.append(chunk)
        try:
            return json.loads(b"".join(chunks))
        except ValueError:
            return {"error": "entering the sandbox failed without a reason"}
    finally:
        os.close(read)
        if write is not None:
            os.close(write)


_SERVER_CWD = None


def serve(modules):
    import importlib

    global _SERVER_CWD
    _SERVER_CWD = os.getcwd()

    importlib.import_module("ipykernel.kernelapp")
    if sys.platform.startswith("linux"):
        importlib.import_module("productive_forces.grade.join")  # loaded once, not in every kernel
    for name in KERNEL_MODULES:  # what every kernel imports as it starts: two thirds of its start-up
        try:
            importlib.import_module(name)
        except Exception:  # another ipykernel or IPython version: the kernel imports what it needs
            pass
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # a module a notebook imports but this environment lacks: the kernel will say so
            pass
    if _threads() > 1:
        print("pf-fork-server: threads started while importing; cannot fork safely", file=sys.stderr)
        return 3
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the system
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = sys.stdout
    out.write(READY + "\n")
    out.flush()
    for line in sys.stdin:
        try:
            request = json.loads(line)
        except ValueError:
            continue
        if "sandbox" in request:
            answer = _fork_sandboxed(request)
        else:
            pid = os.fork()
            if pid == 0:
                _child(request)
            answer = {"pid": pid}
        out.write(json.dumps(answer) + "\n")
        out.flush()
    return 0  # stdin closed: the worker has gone, and its kernels notice through their parent poller


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
