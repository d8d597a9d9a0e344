"""The fast path into the sandbox: kernels forked from the pre-loaded fork server into a sandbox
that bubblewrap made around a placeholder (productive_forces/grade/join.py).

These tests look at one kernel from inside and from outside: that it really is in its sandbox,
that everything it starts ends with it, and that a kernel that cannot enter its sandbox never runs.
The attack corpus (test_sandbox.py) runs whole classes through the same path.
"""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from productive_forces.grade import sandbox
from productive_forces.grade.kernel import ForkServer, JoinFailed, Kernel, KernelPool, Limits, _Joined, _Sandboxed
from tests.notebooks import ROOT

pytestmark = pytest.mark.skipif(bool(sandbox.unavailable()), reason=f"no sandbox here: {sandbox.unavailable()}")

MODULES = ["numpy", "productive_forces.exercises"]
LIMITS = Limits(start_timeout=30)
SECRET = "PF_TEST_GRADER_SECRET"

LOOK_AROUND = """
import json, os, socket
def readable(path):
    try:
        os.listdir(path) if os.path.isdir(path) else open(path, 'rb').read(1)
        return True
    except OSError:
        return False
status = dict(line.split(':', 1) for line in open('/proc/self/status').read().splitlines())
try:
    socket.create_connection(('1.1.1.1', 53), timeout=2)
    network = True
except OSError:
    network = False
print(json.dumps({
    'pid': os.getpid(), 'uid': os.getuid(), 'gid': os.getgid(),
    'caps': {name: int(status[name], 16) for name in ('CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb')},
    'no_new_privs': status['NoNewPrivs'].strip(),
    'first': open('/proc/1/cmdline', 'rb').read().decode(errors='replace'),
    'processes': sorted(int(name) for name in os.listdir('/proc') if name.isdigit()),
    'grader_visible': os.path.exists('/proc/%d' % GRADER),
    'network': network, 'interfaces': sorted(os.listdir('/sys/class/net')) if os.path.isdir('/sys/class/net') else [],
    'solutions': readable(SOLUTIONS), 'submission': readable(SUBMISSION), 'grader_files': readable(SERVER_LOG),
    'environ': open('/proc/self/environ', 'rb').read().decode(errors='replace'),
    'fds': sorted(int(fd) for fd in os.listdir('/proc/self/fd')),
}))
"""


def output_text(run):
    return "".join(output.get("text", "") for output in run.outputs)


@pytest.fixture
def pool(tmp_path, monkeypatch):
    monkeypatch.setenv(SECRET, "hunter2")  # in the grader's environment, never in a kernel's
    pool = KernelPool(tmp_path, LIMITS, "import numpy", spares=1, modules=MODULES, sandboxed=True)
    yield pool
    pool.close()


def test_a_forked_kernel_is_inside_its_sandbox(pool, tmp_path):
    submission = tmp_path / "submissions" / "ada" / "ch3_tfp.ipynb"
    submission.parent.mkdir(parents=True)
    submission.write_text("{}")
    kernel = pool.take()
    try:
        assert isinstance(kernel.process, _Joined), "the fast path was not taken"
        code = LOOK_AROUND.replace("GRADER", str(os.getpid())).replace("SOLUTIONS", repr(str(ROOT / "solutions")))
        server_log = next(tmp_path.glob("fork-server-*.log"))  # a file of the grader's, next to the kernel's folder
        code = code.replace("SUBMISSION", repr(str(submission))).replace("SERVER_LOG", repr(str(server_log)))
        run = kernel.run(code, timeout=20)
        assert run.status == "ok", run
        seen = json.loads(output_text(run))
    finally:
        kernel.close()
    assert seen["uid"] == seen["gid"] == 65534
    assert seen["caps"] == dict.fromkeys(("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"), 0)
    assert seen["no_new_privs"] == "1"
    assert "pf-sandbox-placeholder" in seen["first"]  # PID 1 is the sandbox's placeholder
    assert seen["pid"] != 1 and seen["processes"][0] == 1 and max(seen["processes"]) < 100
    assert not seen["grader_visible"] or os.getpid() < 100
    assert not seen["network"] and set(seen["interfaces"]) <= {"lo"}
    assert not seen["solutions"] and not seen["submission"] and not seen["grader_files"]
    assert SECRET not in seen["environ"]  # not even the fork server's first environment
    assert seen["fds"][:3] == [0, 1, 2]


def test_everything_a_forked_kernel_starts_ends_when_it_does(pool, tmp_path):
    marker = f"pf-join-lingerer-{os.getpid()}-{tmp_path.name}"
    kernel = pool.take()
    try:
        assert isinstance(kernel.process, _Joined)
        run = kernel.run(
            "import os, subprocess, sys\n"
            f"subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)', {marker!r}], start_new_session=True)\n"
            "import time; time.sleep(0.5)\n",
            timeout=20,
        )
        assert run.status == "ok", run
        assert lingering(marker), "the test's own process did not start"
        kernel.run("import os; os._exit(0)", timeout=5)  # the kernel ends on its own, not killed by us
        deadline = time.monotonic() + 10
        while lingering(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not lingering(marker)
        assert not kernel.alive()
    finally:
        kernel.close()


def lingering(marker):
    found = []
    for name in os.listdir("/proc"):
        try:
            if name.isdigit() and marker.encode() in open(f"/proc/{name}/cmdline", "rb").read():
                found.append(int(name))
        except OSError:
            pass
    return found


class _BadRequests(ForkServer):
    """A fork server that is sent the wrong namespaces: those of a process that is not the sandbox."""

    def fork(self, request, timeout=10.0):
        if "sandbox" in request:
            request = json.loads(json.dumps(request))
            request["sandbox"]["namespaces"]["mnt-namespace"] = os.stat("/proc/self/ns/mnt").st_ino
        return super().fork(request, timeout)


def test_a_kernel_that_cannot_enter_its_sandbox_never_runs(tmp_path):
    server = _BadRequests(tmp_path, MODULES, sandboxed=True)
    marker = tmp_path / "ran"
    try:
        kernel = Kernel(tmp_path, LIMITS, f"open({str(marker)!r}, 'w').close()", server=server, sandboxed=True)
        with pytest.raises(JoinFailed, match="not in the sandbox's mnt namespace"):
            kernel.wait_ready()
        assert not kernel.alive()
        kernel.close()
        assert server.proc.poll() is None  # the server carries on; only the fork that failed exited
        assert not [p for p in tmp_path.iterdir() if p.name.startswith("kernel-")]  # nothing left behind
    finally:
        server.close()
    time.sleep(0.5)
    assert not marker.exists()


def test_a_pool_whose_kernels_cannot_enter_falls_back_to_starting_them_in_bwrap(tmp_path):
    pool = KernelPool(tmp_path, LIMITS, "", spares=1, modules=MODULES, sandboxed=True)
    try:
        good = pool.server
        pool.server = _BadRequests(tmp_path, MODULES, sandboxed=True)
        good.close()
        for _ in range(2):
            kernel = pool.take()
            try:
                assert isinstance(kernel.process, _Sandboxed)
                run = kernel.run("import os; print(os.getuid(), open('/proc/1/cmdline','rb').read()[:200])", 20)
                assert run.status == "ok" and output_text(run).startswith("65534 ")
                assert "pf-sandbox-placeholder" not in output_text(run)
            finally:
                kernel.close()
        assert pool.server is None
    finally:
        pool.close()


def _in_a_child(code):
    """Run code in a fresh process (join changes the process for good); return its output."""
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    return completed.stdout + completed.stderr


@pytest.mark.parametrize("ids", ["its own", "made up"])
def test_entering_a_process_that_is_not_a_sandbox_is_refused(ids):
    code = (
        "import os\n"
        "from productive_forces.grade import join\n"
        "ids = {n + '-namespace': os.stat(f'/proc/self/ns/{n}').st_ino for n in join.NAMESPACES}\n"
        + ("ids = dict.fromkeys(ids, 1)\n" if ids == "made up" else "")
        + "try:\n"
        "    join.enter(os.getppid(), ids, '/tmp', os.devnull)\n"
        "    print('ENTERED', os.getuid())\n"
        "except join.JoinError as error:\n"
        "    print('refused:', error)\n"
    )
    said = _in_a_child(code)
    assert "refused:" in said and "ENTERED" not in said, said


def test_a_process_outside_a_sandbox_fails_the_inside_check():
    code = (
        "from productive_forces.grade import join\n"
        "try:\n"
        "    join.check_inside()\n"
        "    print('INSIDE')\n"
        "except join.JoinError as error:\n"
        "    print('refused:', error)\n"
    )
    said = _in_a_child(code)
    assert "refused:" in said and "INSIDE" not in said


def test_killing_the_worker_side_kills_the_forked_kernel(pool):
    kernel = pool.take()
    try:
        assert isinstance(kernel.process, _Joined)
        pid = kernel.process.pid
        os.kill(kernel.process.proc.pid, signal.SIGKILL)  # bwrap: its placeholder dies, and with it the sandbox
        deadline = time.monotonic() + 10
        while running(pid) and time.monotonic() < deadline:  # not killed by us: the system ends it
            time.sleep(0.05)
        assert not running(pid)
        assert not kernel.alive()
    finally:
        kernel.close()


def running(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
