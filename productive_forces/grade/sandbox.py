"""A sandbox per kernel, made by bubblewrap (``bwrap``, Debian's ``bubblewrap``).

What it promises to the grader, for every sandboxed kernel:

- the kernel and everything it starts get their own mount, PID, IPC, UTS and network namespaces
  and run as user 65534 (nobody) inside them, with no capabilities;
- they see, read-only, the system's programs and libraries, the Python environment and the course
  package; writable, only their own working folder, a private /tmp and the kernel's socket folder;
  nothing else: not solutions/, the submissions, the report, other kernels' folders;
- they see no process of the grader (their PID namespace holds only the kernel, its children and,
  on the fast path below, the sandbox's placeholder), and have no network, only an unconnected
  loopback device;
- they all end when the kernel ends, and the sandbox is killed if the grader process that started
  it dies.

There are two ways in; bwrap makes the namespaces and the mounts in both, with the same options:

- the fast path: bwrap runs a small placeholder (:data:`PLACEHOLDER`) as the first process of the
  sandbox; the grader's fork server, which has imported ipykernel and numpy once, forks a process
  that enters the sandbox (``join.py``: namespaces, root, working folder, user, no capabilities,
  no_new_privs, only the file descriptors it needs) and forks the kernel inside it. The kernel
  checks from inside that it is in the sandbox before it starts. The placeholder exits when the
  kernel does; as the first process of the PID namespace, its end makes the system kill
  everything left in the sandbox. A kernel that cannot enter never starts;
- the plain way (:func:`wrap` with the kernel's own command; where the fast path fails, or
  without a fork server): bwrap starts Python afresh as the first process of the sandbox, and the
  kernel's end ends the sandbox. It is as safe and a third of a second slower per kernel.

It does not promise protection against bugs in the Linux kernel or in bubblewrap itself, and it
does not limit CPU time or memory (the grader's own limits do: see ``_kernel.py``).
"""

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import productive_forces

SYSTEM = ("/usr", "/bin", "/lib", "/lib32", "/lib64", "/sbin")
#: the few files of /etc that Python, numpy and matplotlib read; never the whole of /etc (passwords)
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/localtime", "/etc/fonts", "/etc/alternatives", "/etc/mime.types")
NOBODY = "65534"

#: The first process of a sandbox that a forked kernel will join (see join.py). It says it is
#: ready (by then bwrap has finished setting the sandbox up), reads the kernel's process id inside
#: the sandbox from the grader, and exits when that process ends, or when the grader goes away
#: (its stdin closes). It is the first process of the sandbox's PID namespace, so when it exits,
#: the system kills everything left in the sandbox. It ignores Ctrl-C, and as that first process
#: it cannot be sent any other signal from inside the sandbox.
PLACEHOLDER = """# pf-sandbox-placeholder
import os, select, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # orphans left by the kernel are reaped at once
os.write(1, b"ready\\n")
os.close(1)
try:
    kernel = os.pidfd_open(int(os.read(0, 32)))
except (ValueError, OSError):
    sys.exit(1)
select.select([kernel, 0], [], [])
"""


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing, or cannot make namespaces here (another OS, a locked-down container)."""


def bwrap():
    return shutil.which("bwrap") or "/usr/bin/bwrap"


def _readable():
    """Folders the kernel may read: the Python installation, the environment and the course package."""
    package = Path(productive_forces.__file__).resolve().parent
    folders = {sys.prefix, sys.base_prefix, str(package), *(p for p in sys.path if p.endswith("site-packages"))}
    return sorted(folder for folder in folders if os.path.isdir(folder) and not folder.startswith(SYSTEM))


def placeholder():
    """The command of a sandbox's placeholder (see PLACEHOLDER)."""
    return [sys.executable, "-I", "-S", "-c", PLACEHOLDER]


def wrap(argv, work, sockets, env, info_fd):
    """The command that runs argv in a fresh sandbox (see the module doc).

    work: the kernel's private working folder (its cwd, writable); sockets: the folder holding its
    connection file and sockets (writable); env: its whole environment; info_fd: a pipe on which
    bwrap writes the kernel's process id as JSON.
    """
    command = [bwrap(), "--die-with-parent", "--new-session", "--unshare-all", "--unshare-user"]
    command += ["--uid", NOBODY, "--gid", NOBODY, "--as-pid-1", "--info-fd", str(info_fd), "--clearenv"]
    command += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for path in SYSTEM:
        if os.path.islink(path):
            command += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            command += ["--ro-bind", path, path]
    for path in SYSTEM_FILES:
        command += ["--ro-bind-try", path, path]
    for path in _readable():
        command += ["--ro-bind", path, path]
    command += ["--bind", str(work), str(work), "--bind", str(sockets), str(sockets), "--chdir", str(work)]
    for name, value in env.items():
        command += ["--setenv", name, value]
    return [*command, "--", *argv]


@functools.cache
def unavailable():
    """Why the sandbox cannot run here, or None when it can."""
    if not sys.platform.startswith("linux"):
        return f"the sandbox needs Linux namespaces; this is {sys.platform}"
    if not shutil.which("bwrap"):
        return "bubblewrap (bwrap) is not installed: apt-get install bubblewrap"
    read, write = os.pipe()
    try:
        probe = wrap([sys.executable, "-c", "import numpy"], "/tmp", "/tmp", {}, write)
        completed = subprocess.run(probe, capture_output=True, text=True, timeout=60, pass_fds=(write,))
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bubblewrap could not start: {error}"
    finally:
        os.close(read)
        os.close(write)
    if completed.returncode != 0:
        return f"bubblewrap cannot make a sandbox here: {completed.stderr.strip()[-300:]}"
    return None
