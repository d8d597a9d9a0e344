"""Kernels for grading: one fresh kernel per notebook, started ahead of time, run under limits.

A :class:`Kernel` is a separate ``ipykernel`` process started by the launcher in ``_kernel.py``
(memory and file-size limits), in a new session so that it and anything it spawns can be killed
together, in its own empty temporary working directory, talking to the grader over IPC sockets.
:meth:`Kernel.run` executes one cell with a timeout and an output limit: on timeout the kernel is
interrupted and, if it does not stop within a grace period, killed.

A :class:`KernelPool` keeps kernels booting in the background, so that the next notebook's
kernel starts while the current notebook runs: starting a kernel costs far more than running one
of the course's exercise notebooks. Where it can, the pool asks a :class:`ForkServer` for its
kernels, which makes each start several times cheaper (see ``_kernel.py``). Sandboxed kernels
come from a fork server too: each is forked into a sandbox that bwrap made for it (:class:`_Joined`,
``join.py``); where that fails, bwrap starts the kernel itself (:class:`_Sandboxed`).
"""

import json
import os
import secrets
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty

from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file
from nbformat.v4 import new_output, output_from_msg

from . import sandbox
from .files import remove_tree

#: environment variables for every kernel: one BLAS thread (notebooks are graded in parallel, and
#: a thread pool per kernel would only compete for the same cores), few malloc arenas (each thread's
#: arena reserves address space, which counts against the memory limit: 2 arenas take a kernel from
#: about 870 MB to 345 MB of address space), no bytecode files written.
KERNEL_ENV = {
    "MALLOC_ARENA_MAX": "2",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


@dataclass(frozen=True)
class Limits:
    """What one notebook may use. Times in seconds, sizes in MiB except max_output (bytes)."""

    cell_timeout: float = 30.0
    notebook_timeout: float = 300.0
    memory_mb: int = 2048
    file_mb: int = 256
    max_output: int = 1_000_000
    grace: float = 3.0  # after an interrupt, how long a cell has to stop before the kernel is killed
    start_timeout: float = 60.0


@dataclass
class CellRun:
    """What happened when one cell ran."""

    outputs: list = field(default_factory=list)
    status: str = "ok"  # ok, error, timeout, dead (the kernel died)
    ename: str = ""
    evalue: str = ""
    seconds: float = 0.0
    truncated: bool = False


@dataclass
class StepsRun:
    """What one request of several steps did (see Kernel.run_steps)."""

    cells: dict = field(default_factory=dict)  # step -> CellRun, for every step that started
    started: dict = field(default_factory=dict)  # step -> when it started (monotonic)
    ended: list = field(default_factory=list)  # steps that ended, in order
    skipped: list = field(default_factory=list)  # steps the runner skipped
    notebook_limited: dict = field(default_factory=dict)  # step -> its limit was the notebook's time left
    stopped: int | None = None  # the step at which the notebook's time ran out, before it started
    unfinished: int | None = None  # a step that started and never ended (interrupted, or the kernel died)
    interrupted: bool = False
    ready: str | None = None  # what a "ready" marker said (the runner's identity, when this request installed it)
    reply: dict | None = None  # the request's reply (None if the kernel died)


_UNREADABLE = object()


def _marker(msg, marker_type, nonce):
    """The step marker a message carries ({"step", "phase", ...} with the nonce), or None."""
    if msg["msg_type"] != "display_data":
        return None
    marker = msg["content"].get("data", {}).get(marker_type)
    if isinstance(marker, dict) and marker.get("nonce") == nonce and isinstance(marker.get("step"), int):
        return marker
    return None


class _Outputs:
    """A cell's outputs as they arrive: streams merged, clear_output applied, the output limit kept."""

    def __init__(self, run, limit):
        self.run, self.limit, self.size, self.clear_pending = run, limit, 0, False

    def add(self, msg):
        run, kind, content = self.run, msg["msg_type"], msg["content"]
        if kind == "clear_output":
            if content.get("wait"):
                self.clear_pending = True
            else:
                run.outputs = []
            return
        if kind not in ("stream", "display_data", "execute_result", "error"):
            return
        if self.clear_pending:
            run.outputs, self.clear_pending = [], False
        if kind == "error":
            run.ename, run.evalue = content.get("ename", ""), content.get("evalue", "")
        self.size += _output_size(content)
        if self.size > self.limit:
            run.truncated = True  # keep draining: a cell that only prints runs into its timeout
            return
        last = run.outputs[-1] if run.outputs else None
        if kind == "stream" and last is not None and last.get("output_type") == "stream" and last.get("name") == content.get("name"):
            last["text"] += content.get("text", "")
        else:
            run.outputs.append(output_from_msg(msg))

    def finish(self):
        if self.run.truncated:
            self.run.outputs.append(new_output("stream", name="stderr", text=f"[grader: output cut at {self.limit} bytes]\n"))


class KernelStartError(RuntimeError):
    """A kernel could not be started (the grader's environment, not a student, is at fault)."""


class JoinFailed(KernelStartError):
    """A forked kernel could not enter its sandbox, and did not start (see join.py)."""


def sandbox_environment(home):
    """The whole environment of a sandboxed kernel whose home (and working folder) is home."""
    environment = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(home)}
    environment.update(KERNEL_ENV, LANG="C.UTF-8", MPLCONFIGDIR="/tmp/matplotlib")
    return environment


def _output_size(content):
    """Every byte of an output counts, whatever its type: text, data, metadata, errors."""
    try:
        return len(json.dumps(content, default=str))
    except (RecursionError, ValueError):
        return sys.maxsize


class _Spawned:
    """A kernel process started directly (a child of this worker)."""

    def __init__(self, command, cwd, env, log):
        self.proc = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.pid = self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def wait_gone(self, timeout):
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass


class _Sandboxed:
    """A kernel process in its own sandbox (see sandbox.py), started by bwrap, a child of this worker."""

    def __init__(self, work, sockets, env, argv, log):
        read, write = os.pipe()
        try:
            self.proc = subprocess.Popen(
                sandbox.wrap(argv, work, sockets, env, write),
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, pass_fds=(write,),
            )  # fmt: skip
        finally:
            os.close(write)
        self._info = os.fdopen(read, "rb")
        self._pid = None

    @property
    def pid(self):
        """The kernel's own process id (bwrap writes it once the sandbox exists); bwrap's until then."""
        if self._pid is None and select.select([self._info], [], [], 0)[0]:
            info = self._info.read()  # one JSON object; bwrap closes the pipe once it is written
            try:
                self._pid = int(json.loads(info)["child-pid"])
            except (ValueError, KeyError, TypeError):
                self._pid = self.proc.pid
            self._info.close()
        return self._pid or self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def kill(self):
        """Kill bwrap and the kernel: the kernel is the first process of its PID namespace, so all it
        started dies with it."""
        for pid in {self.pid, self.proc.pid}:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def wait_gone(self, timeout):
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        if not self._info.closed:
            self._info.close()


def _read_until(fd, timeout, stop=None):
    """Bytes read from fd until it closes (or, with stop, until they end with stop); None on timeout."""
    deadline = time.monotonic() + timeout
    data = b""
    while not (stop and data.endswith(stop)):
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            return None
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
    return data


class _Joined:
    """A kernel forked by the fork server into a sandbox that bwrap made around a placeholder.

    bwrap makes the sandbox exactly as for :class:`_Sandboxed`, but runs the placeholder of
    sandbox.py as its first process. Once it is ready, the fork server forks a process that enters
    the sandbox (join.py) and forks the kernel inside it. The placeholder is then told the kernel's
    process id and exits when the kernel does, which ends everything the kernel started; killing
    the placeholder (or bwrap, or this worker) kills the kernel and everything in the sandbox.
    The placeholder and the kernel are held by pidfds, so no signal reaches a process that merely
    reused one of their ids.

    bwrap is started at once; the rest (waiting for the placeholder, the fork) happens in a thread,
    so that the worker carries on with the current notebook meanwhile. Until that thread is done
    the kernel counts as alive; if it fails, :attr:`error` says why and the kernel counts as dead.
    """

    def __init__(self, server, work, sockets, env, request, log, timeout):
        self._info, info_write = os.pipe()
        try:
            self.proc = subprocess.Popen(
                sandbox.wrap(sandbox.placeholder(), work, sockets, env, info_write),
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, pass_fds=(info_write,),
            )  # fmt: skip
        except BaseException:
            os.close(self._info)
            raise
        finally:
            os.close(info_write)
        self.pid = self.proc.pid  # bwrap's until the kernel's is known
        self.error = None
        self._fds, self._kernel = [], None
        self._thread = threading.Thread(target=self._enter, args=(server, request, timeout), daemon=True)
        self._thread.start()

    def _enter(self, server, request, timeout):
        try:
            info = _read_until(self._info, timeout)  # bwrap writes one JSON object, then closes the pipe
            try:
                info = json.loads(info)
                placeholder = int(info["child-pid"])
            except (TypeError, ValueError, KeyError):
                raise KernelStartError("bubblewrap did not report its sandbox") from None
            self._fds.append(os.pidfd_open(placeholder))
            ready = _read_until(self.proc.stdout.fileno(), timeout, stop=b"\n")
            if ready != b"ready\n":
                raise KernelStartError("the sandbox did not start")
            namespaces = {name: value for name, value in info.items() if name.endswith("-namespace")}
            request = dict(request, sandbox={"pid": placeholder, "namespaces": namespaces,
                                             "uid": int(sandbox.NOBODY), "gid": int(sandbox.NOBODY)})  # fmt: skip
            pid = server.fork(request, timeout=timeout)
            kernel = os.pidfd_open(pid)
            self._fds.append(kernel)
            with open(f"/proc/{pid}/status") as status:
                inner = next(line.split()[-1] for line in status if line.startswith("NSpid:"))
            if os.stat(f"/proc/{pid}/ns/pid").st_ino != int(namespaces.get("pid-namespace", -1)):
                raise JoinFailed("the kernel is not in its sandbox's PID namespace")
            self.proc.stdin.write(f"{inner}\n".encode())
            self.proc.stdin.flush()
            self.pid, self._kernel = pid, kernel
        except BaseException as error:  # the kernel or the placeholder went away, or could not enter
            self.error = error if isinstance(error, KernelStartError) else KernelStartError(
                f"a sandboxed kernel did not start: {error}"
            )  # fmt: skip
            self._kill()
        finally:
            os.close(self._info)
            self.proc.stdout.close()  # nothing more is read from inside the sandbox

    def started(self, timeout=None):
        """Wait for the start to finish; True if the kernel is running in its sandbox."""
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive() and self.error is None

    def alive(self):
        if self._thread.is_alive():
            return self.proc.poll() is None
        return self.error is None and self.proc.poll() is None and not select.select([self._kernel], [], [], 0)[0]

    def _kill(self):
        for fd in self._fds:
            try:
                signal.pidfd_send_signal(fd, signal.SIGKILL)
            except OSError:
                pass
        try:
            self.proc.kill()
        except OSError:
            pass

    def kill(self):
        """Kill the placeholder (which ends everything in the sandbox), bwrap and the kernel."""
        try:
            self.proc.kill()  # a start still under way then fails at once
        except OSError:
            pass
        self._thread.join()
        self._kill()

    def wait_gone(self, timeout):
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        self._thread.join()
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        while self._fds:
            os.close(self._fds.pop())


class _Forked:
    """A kernel process forked by the fork server (reaped by the system, not by us)."""

    def __init__(self, pid):
        self.pid = pid

    def alive(self):
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def wait_gone(self, timeout):
        deadline = time.monotonic() + timeout
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.005)


class ForkServer:
    """A process that has imported the kernel and the course's modules once and forks kernels."""

    def __init__(self, root, modules, timeout=60.0, sandboxed=False):
        """sandboxed: the server forks kernels into sandboxes only, so it starts with nothing a
        sandboxed kernel must not see: a sandboxed kernel's environment (the first environment of a
        process stays readable in /proc), and the grader's temporary folder as its working folder."""
        if sandboxed:
            environment = sandbox_environment(root)
        else:
            environment = dict(os.environ)
            environment.update(KERNEL_ENV)
        self.sandboxed = sandboxed
        self._lock = threading.Lock()
        self._log = open(Path(root) / f"fork-server-{os.getpid()}.log", "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "productive_forces.grade._kernel", "--serve", ",".join(modules)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log, env=environment, start_new_session=True,
            cwd=root if sandboxed else None,
        )  # fmt: skip
        line = self._read_line(timeout)
        if line is None or line.strip() != "pf-fork-server ready":
            self.close()
            raise KernelStartError("the fork server did not start")

    def _read_line(self, timeout):
        deadline = time.monotonic() + timeout
        buffer = b""
        while not buffer.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.proc.poll() is not None:
                return None
            ready, _, _ = select.select([self.proc.stdout], [], [], remaining)
            if ready:
                chunk = os.read(self.proc.stdout.fileno(), 1)
                if not chunk:
                    return None
                buffer += chunk
        return buffer.decode()

    def fork(self, request, timeout=10.0):
        """Fork one kernel; return its pid. JoinFailed if it could not enter its sandbox."""
        with self._lock:  # kernels may be started from more than one thread: one request at a time
            return self._fork(request, timeout)

    def _fork(self, request, timeout):
        try:
            self.proc.stdin.write((json.dumps(request) + "\n").encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, ValueError, OSError):
            raise KernelStartError("the fork server has stopped") from None
        line = self._read_line(timeout)
        if line is None:
            raise KernelStartError("the fork server did not answer")
        answer = json.loads(line)
        if "error" in answer:
            raise JoinFailed(f"a kernel could not enter its sandbox: {answer['error']}")
        return int(answer["pid"])

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


class Kernel:
    """One kernel process for one notebook, started at construction (returns at once)."""

    def __init__(self, root, limits, preload_code="", env=None, server=None, sandboxed=False):
        self.limits = limits
        self.dir = Path(tempfile.mkdtemp(prefix="kernel-", dir=root))
        self.cwd = self.dir / "work"
        self.cwd.mkdir()
        sockets = self.dir / "sockets"  # all the grader and the kernel share
        sockets.mkdir()
        connection = sockets / "connection.json"
        key = secrets.token_hex(32).encode()
        if sys.platform.startswith("linux"):  # Unix sockets: no ports to race for, nothing on the network
            write_connection_file(str(connection), transport="ipc", ip=str(sockets / "ipc"), key=key)
        else:  # elsewhere socket paths under the temporary folder can be too long for IPC
            write_connection_file(str(connection), transport="tcp", ip="127.0.0.1", key=key)
        arguments = [
            "-f", str(connection),
            "--HistoryManager.enabled=False",  # student code never reaches the instructor's IPython history
            "--Application.log_level=CRITICAL",
        ]  # fmt: skip
        self._log = open(self.dir / "kernel.log", "wb")
        launcher = [sys.executable, "-m", "productive_forces.grade._kernel", "--memory-mb", str(limits.memory_mb)]
        launcher += ["--file-mb", str(limits.file_mb), *arguments]
        try:
            self.process = self._start(server, sandboxed, env, launcher, arguments, sockets)
        except BaseException:
            self._log.close()
            remove_tree(self.dir)
            raise
        self.client = BlockingKernelClient()
        self.client.load_connection_file(str(connection))
        self.client.start_channels(hb=False)
        # Queued now, run as soon as the kernel is up: imports the notebooks will need anyway.
        self._warm_id = self.client.execute(preload_code or "pass", silent=True, store_history=False)
        self._ready = False
        self.dead = False

    def _start(self, server, sandboxed, env, launcher, arguments, sockets):
        """The kernel's process: in its sandbox (forked into it, or started there by bwrap), or not."""
        log = str(self.dir / "kernel.log")
        if sandboxed and server is not None:
            environment = sandbox_environment(self.cwd)
            request = {
                "cwd": str(self.cwd), "env": environment, "log": log,
                "memory_mb": self.limits.memory_mb, "file_mb": self.limits.file_mb, "argv": arguments,
            }  # fmt: skip
            return _Joined(server, self.cwd, sockets, environment, request, self._log, self.limits.start_timeout)
        if sandboxed:
            return _Sandboxed(self.cwd, sockets, sandbox_environment(self.cwd), launcher, self._log)
        if server is not None:
            # The kernel exits if the fork server does (which exits with this worker). ipykernel reads
            # JPY_PARENT_PID when it is imported, in the server, so the pid is also given explicitly.
            environment = {"JPY_PARENT_PID": str(server.proc.pid)}
            arguments = [*arguments, f"--IPKernelApp.parent_handle={server.proc.pid}"]
            pid = server.fork(
                {
                    "cwd": str(self.cwd), "env": environment, "log": log,
                    "memory_mb": self.limits.memory_mb, "file_mb": self.limits.file_mb, "argv": arguments,
                }
            )  # fmt: skip
            return _Forked(pid)
        environment = dict(os.environ if env is None else env)
        environment.update(KERNEL_ENV)
        environment["JPY_PARENT_PID"] = str(os.getpid())  # the kernel exits if this worker dies
        return _Spawned(launcher, self.cwd, environment, self._log)

    # -- life cycle ---------------------------------------------------------------------------

    def alive(self):
        if not self.dead and not self.process.alive():
            self.dead = True
        return not self.dead

    def log_tail(self, size=2000):
        try:
            self._log.flush()
            return (self.dir / "kernel.log").read_bytes()[-size:].decode("utf-8", "replace")
        except OSError:
            return ""

    def wait_ready(self):
        """Block until the kernel has run the preload and its output channel is live."""
        if self._ready:
            return
        if isinstance(self.process, _Joined) and not self.process.started(self.limits.start_timeout):
            raise self.process.error or KernelStartError("a sandboxed kernel did not start in time")
        deadline = time.monotonic() + self.limits.start_timeout
        replied = idle = False
        probe = self._warm_id
        while not (replied and idle):
            if time.monotonic() > deadline or not self.alive():
                raise KernelStartError(f"a kernel did not start: {self.log_tail() or 'no message'}")
            if not replied:
                try:
                    msg = self.client.get_shell_msg(timeout=0.1)
                    replied = msg["parent_header"].get("msg_id") == self._warm_id
                except Empty:
                    pass
            try:
                while not idle:  # stop at the idle status: waiting on an empty channel costs every notebook
                    msg = self.client.get_iopub_msg(timeout=0.05 if replied else 0.01)
                    if (
                        msg["msg_type"] == "status"
                        and msg["content"].get("execution_state") == "idle"
                        and msg["parent_header"].get("msg_id") in (self._warm_id, probe)
                    ):
                        idle = True
            except Empty:
                pass
            if replied and not idle:
                # The output channel may have connected after the preload finished: ask again.
                probe = self.client.kernel_info()
        self._ready = True

    def interrupt(self):
        try:
            os.kill(self.process.pid, signal.SIGINT)
        except ProcessLookupError:
            self.dead = True

    def kill(self):
        if isinstance(self.process, (_Sandboxed, _Joined)):
            self.process.kill()
        else:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self.process.wait_gone(10)
        self.dead = True

    def close(self):
        """Kill the kernel (and anything it started) and remove its working directory."""
        try:
            self.client.stop_channels()
        except Exception:  # closing sockets of a dead kernel: nothing to report
            pass
        self.kill()
        self._log.close()
        remove_tree(self.dir)

    # -- execution ----------------------------------------------------------------------------

    def run_silent(self, code, timeout=30.0, user_expressions=None):
        """Run grader code that leaves no trace in history; return the reply content (or None)."""
        msg_id = self.client.execute(
            code, silent=True, store_history=False, allow_stdin=False, user_expressions=user_expressions
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.alive():
            try:
                msg = self.client.get_shell_msg(timeout=0.2)
            except Empty:
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg["content"]
        return None

    def run(self, code, timeout, silent=False):
        """Execute one cell; never raises for anything the cell does.

        timeout: seconds before the cell is interrupted; every output counts against the output
        limit. silent: run as a silent request, which IPython keeps out of the history and hides
        from the pre_run_cell and post_run_cell hooks that student code may have registered.
        """
        run = CellRun()
        if not self.alive():
            run.status = "dead"
            return run
        limits = self.limits
        started = time.monotonic()
        msg_id = self.client.execute(
            code, silent=silent, store_history=not silent, allow_stdin=False, stop_on_error=False
        )
        outputs = _Outputs(run, limits.max_output)
        deadline = started + timeout
        interrupted_at = None
        while True:
            now = time.monotonic()
            if interrupted_at is None and now >= deadline:
                run.status = "timeout"
                self.interrupt()
                interrupted_at = now
            if interrupted_at is not None and now >= interrupted_at + limits.grace:
                self.kill()  # the cell ignored the interrupt
                break
            wait = (deadline if interrupted_at is None else interrupted_at + limits.grace) - now
            msg = self._next_message(wait)
            if msg is None:
                if not self.alive():
                    run.status = "dead" if run.status == "ok" else run.status
                    break
                continue
            if msg is _UNREADABLE:
                run.truncated = True
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue  # late output of an earlier request, or a kernel status broadcast
            if msg["msg_type"] == "status":
                if msg["content"].get("execution_state") == "idle":
                    break
                continue
            outputs.add(msg)
        outputs.finish()
        if run.status == "ok" and not self.dead:
            reply = self._reply(msg_id)
            if reply is not None and reply.get("status") == "error":
                run.status = "error"
                run.ename, run.evalue = reply.get("ename", run.ename), reply.get("evalue", run.evalue)
            elif reply is None and run.ename:
                run.status = "error"
        elif run.status == "ok" and self.dead:
            run.status = "dead"
        run.seconds = time.monotonic() - started
        return run

    def run_steps(self, code, marker_type, nonce, timeout, slack=1.0):
        """Execute one request that runs several cells (steps) in turn, each announced by markers.

        The request's code (see capture.py) sends, as display_data of type marker_type holding the
        nonce, ``{"step": k, "phase": "start", "limit": seconds}`` before step k and
        ``{"step": k, "phase": "end", "ename", "evalue", "timeout"}`` after it (or ``"skip"``, or
        ``"stop"`` when the notebook's time is up). Outputs between the two markers are step k's.
        A step that outlives its limit by slack seconds (its own alarm did not stop it) is
        interrupted and, after the grace period, the kernel is killed; so is the whole request
        after timeout seconds. Never raises for anything the cells do.
        """
        result = StepsRun()
        if not self.alive():
            return result
        limits = self.limits
        started = time.monotonic()
        msg_id = self.client.execute(code, silent=True, store_history=False, allow_stdin=False, stop_on_error=False)
        overall, step, outputs, step_deadline, interrupted_at = started + timeout, None, None, None, None
        while True:
            now = time.monotonic()
            deadline = min(overall, step_deadline) if step is not None else overall
            if interrupted_at is None and now >= deadline:
                if step is not None:
                    result.cells[step].status = "timeout"
                result.interrupted = True
                self.interrupt()
                interrupted_at = now
            if interrupted_at is not None and now >= interrupted_at + limits.grace:
                self.kill()  # the cell ignored the interrupt
                break
            msg = self._next_message((deadline if interrupted_at is None else interrupted_at + limits.grace) - now)
            if msg is None:
                if not self.alive():
                    break
                continue
            if msg is _UNREADABLE:
                if outputs is not None:
                    result.cells[step].truncated = True
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status":
                if msg["content"].get("execution_state") == "idle":
                    break
                continue
            marker = _marker(msg, marker_type, nonce)
            if marker is None:
                if outputs is not None:
                    outputs.add(msg)
                continue
            index, phase = marker["step"], marker["phase"]
            if phase == "start":
                step, outputs = index, _Outputs(result.cells.setdefault(index, CellRun()), limits.max_output)
                step_deadline = now + float(marker.get("limit") or 0) + slack
                result.notebook_limited[index] = marker.get("notebook") is True
                result.started[index] = now
            elif phase == "end" and index == step:
                run = result.cells[index]
                outputs.finish()
                if marker.get("timeout") is True:
                    run.status = "timeout"
                elif marker.get("ename") and run.status == "ok":
                    run.status, run.ename, run.evalue = "error", str(marker["ename"]), str(marker.get("evalue", ""))
                run.seconds = now - result.started[index]
                result.ended.append(index)
                step, outputs, step_deadline, interrupted_at = None, None, None, None
            elif phase == "skip":
                result.skipped.append(index)
            elif phase == "ready":
                result.ready = marker.get("identity")
            elif phase == "stop":
                result.stopped = index
        if self.alive():
            result.reply = self._reply(msg_id)
        if step is not None:  # it began and never ended: interrupted, the kernel died, or the request failed
            outputs.finish()
            run = result.cells[step]
            run.seconds = time.monotonic() - result.started[step]
            if not self.alive():
                run.status = "dead" if run.status == "ok" else run.status
            elif result.interrupted:
                run.status = "timeout"
            elif run.status == "ok":
                reply = result.reply or {}
                run.status, run.ename, run.evalue = "error", reply.get("ename", run.ename), reply.get("evalue", run.evalue)
            result.unfinished = step
        return result

    def _next_message(self, wait):
        """The next output-channel message within wait seconds (at most a quarter second): None if
        there is none, _UNREADABLE if it is too deep or malformed to read."""
        try:
            return self.client.get_iopub_msg(timeout=max(0.01, min(wait, 0.25)))
        except Empty:
            return None
        except (RecursionError, ValueError, TypeError, KeyError):
            return _UNREADABLE

    def _reply(self, msg_id, timeout=2.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                msg = self.client.get_shell_msg(timeout=0.1)
            except Empty:
                if not self.alive():
                    return None
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg["content"]
        return None


class KernelPool:
    """Kernels started ahead of time: take() returns a ready kernel and starts its successor.

    modules: what the fork server imports up front; None starts kernels without a fork server.
    sandboxed: start every kernel in its own sandbox (sandbox.py). With a fork server, each kernel
    is forked into a sandbox bwrap made for it (see _Joined); if that fails once, the pool stops
    forking and lets bwrap start every later kernel itself, which is slower but as safe.
    """

    def __init__(self, root, limits, preload_code="", spares=1, modules=None, sandboxed=False):
        self.root, self.limits, self.preload_code, self.spares = root, limits, preload_code, max(1, spares)
        self.sandboxed = sandboxed
        self._queue = deque()
        self.server = None
        if modules is not None and sys.platform.startswith("linux"):  # forking a loaded numpy is unsafe on macOS
            try:
                self.server = ForkServer(root, modules, sandboxed=sandboxed)
            except KernelStartError:
                self.server = None  # start kernels the plain way

    def _new(self):
        if self.server is not None:
            try:
                return Kernel(self.root, self.limits, self.preload_code, server=self.server, sandboxed=self.sandboxed)
            except KernelStartError:
                self._stop_forking()
        return Kernel(self.root, self.limits, self.preload_code, sandboxed=self.sandboxed)

    def _stop_forking(self):
        if self.server is not None:
            self.server.close()
            self.server = None

    def _fill(self):
        while len(self._queue) < self.spares:
            self._queue.append(self._new())

    def take(self):
        """A ready kernel, used for one notebook and then closed by the caller."""
        failures = []
        for _ in range(3):
            self._fill()
            kernel = self._queue.popleft()
            self._fill()  # the successor boots while this kernel runs a notebook
            try:
                kernel.wait_ready()
                return kernel
            except KernelStartError as error:
                failures.append(str(error))
                if isinstance(kernel.process, _Joined):  # it may have refused its sandbox: start the plain way
                    self._stop_forking()
                kernel.close()
        raise KernelStartError(failures[-1])

    def close(self):
        while self._queue:
            self._queue.popleft().close()
        if self.server is not None:
            self.server.close()
