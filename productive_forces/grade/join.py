"""Move a freshly forked process into a sandbox that bubblewrap has already made.

The grader's fork server has imported ipykernel, numpy and the course once; a kernel forked from
it starts in a few milliseconds instead of a third of a second. This module lets such a fork
step into a sandbox that ``bwrap`` set up around a placeholder process (see ``sandbox.py``), so
that the kernel ends up exactly where a kernel started by bwrap itself would be.

What :func:`enter` promises, when it returns (it is called in a fresh fork, single-threaded):

- the process is in the placeholder's user, mount, IPC, network, UTS and cgroup namespaces, and
  the processes it forks from now on are in the placeholder's PID namespace (a process cannot
  move itself into a PID namespace: the caller must fork once more, and only the child counts);
- its root directory is the sandbox's root, and its working directory the given folder in it;
- file descriptors 0, 1 and 2 are /dev/null (of the sandbox), the log, the log; every other
  descriptor is closed except those named in ``keep``;
- it runs as the sandbox's user and group (65534), with no capability in any set (effective,
  permitted, inheritable, ambient, bounding), and with no_new_privs set, so nothing it runs can
  ever gain a privilege back; its supplementary groups are dropped where the system allows it
  (as bwrap does), and :func:`check_inside` refuses any group the placeholder does not have.

Each step's result is checked; the first that fails raises :class:`JoinError`, and the caller
must then exit at once without running anything: a process that stopped half-way is neither in
the sandbox nor where it started. :func:`check_inside`, called in the forked child, checks the
result again from inside (against the placeholder, PID 1 of the sandbox) and raises as well.

It does not create namespaces or mounts (bwrap does), and needs Linux 4.9 or later (the
``NS_GET_PARENT`` and ``NS_GET_USERNS`` ioctls). Python 3.11 has no ``os.setns``, so the system
calls go through ctypes.
"""

import ctypes
import ctypes.util
import fcntl
import os

# <sched.h>
CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS = 0x00020000, 0x02000000, 0x04000000
CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x08000000, 0x10000000, 0x20000000, 0x40000000
#: the namespaces a kernel joins, by their name in /proc/PID/ns; the user namespaces come first
NAMESPACES = {
    "mnt": CLONE_NEWNS, "ipc": CLONE_NEWIPC, "net": CLONE_NEWNET, "uts": CLONE_NEWUTS,
    "cgroup": CLONE_NEWCGROUP, "pid": CLONE_NEWPID,
}  # fmt: skip
# <linux/nsfs.h>
NS_GET_USERNS, NS_GET_PARENT = 0xB701, 0xB702
# <linux/prctl.h>
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 24, 38, 47, 4
# <linux/capability.h>
LINUX_CAPABILITY_VERSION_3 = 0x20080522


class JoinError(RuntimeError):
    """A step of entering the sandbox failed: the process must not run anything."""


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
_libc.setns.argtypes = [ctypes.c_int, ctypes.c_int]
_libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
_libc.capset.argtypes = [ctypes.POINTER(_CapHeader), ctypes.POINTER(_CapData)]
_libc.capget.argtypes = [ctypes.POINTER(_CapHeader), ctypes.POINTER(_CapData)]


def _call(what, result):
    """A libc call's result, or JoinError naming the step and the system's reason."""
    if result == -1:
        errno = ctypes.get_errno()
        raise JoinError(f"{what}: {os.strerror(errno)} (errno {errno})")
    return result


def _ns_id(fd):
    info = os.fstat(fd)
    return info.st_dev, info.st_ino


def _owner(fd):
    """The id of the user namespace that owns the namespace open on fd."""
    try:
        owner = fcntl.ioctl(fd, NS_GET_USERNS)
    except OSError as error:
        raise JoinError(f"cannot find the owner of a namespace: {error}") from None
    try:
        return _ns_id(owner)
    finally:
        os.close(owner)


def _user_chain(target):
    """Fds of the user namespaces from just below ours down to target (its fd), outermost first."""
    own = os.open("/proc/self/ns/user", os.O_RDONLY | os.O_CLOEXEC)
    try:
        mine = _ns_id(own)
    finally:
        os.close(own)
    chain, fd = [], os.dup(target)
    while _ns_id(fd) != mine:
        chain.append(fd)
        if len(chain) > 32:  # the system allows 32 levels
            raise JoinError("the sandbox's user namespace is not below the grader's")
        try:
            fd = fcntl.ioctl(fd, NS_GET_PARENT)
        except OSError as error:  # EPERM: the parent is not below ours either
            for opened in chain:
                os.close(opened)
            raise JoinError(f"the sandbox's user namespace is not below the grader's: {error}") from None
    os.close(fd)
    if not chain:
        raise JoinError("the sandbox has no user namespace of its own")
    return chain[::-1]


def _read_int(path, default):
    try:
        with open(path) as handle:
            return int(handle.read())
    except (OSError, ValueError):
        return default


def _drop_privileges(uid, gid, last_cap):
    _call("no_new_privs", _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
    for cap in range(last_cap + 1):
        _call(f"drop capability {cap} from the bounding set", _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0))
    _call("clear the ambient capabilities", _libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0))
    try:
        os.setresgid(gid, gid, gid)
        os.setresuid(uid, uid, uid)
    except OSError as error:
        raise JoinError(f"cannot become user {uid}: {error}") from None
    header, data = _CapHeader(LINUX_CAPABILITY_VERSION_3, 0), (_CapData * 2)()
    _call("drop every capability", _libc.capset(ctypes.byref(header), data))
    _call("read the capabilities back", _libc.capget(ctypes.byref(header), data))
    if any(getattr(d, name) for d in data for name in ("effective", "permitted", "inheritable")):
        raise JoinError("capabilities remain after dropping them")
    if os.getresuid() != (uid, uid, uid) or os.getresgid() != (gid, gid, gid):
        raise JoinError(f"still not user {uid}: {os.getresuid()} {os.getresgid()}")


def enter(pid, namespaces, cwd, log, keep=(), uid=65534, gid=65534):
    """Enter the sandbox whose placeholder is process pid (see the module doc); return nothing.

    namespaces: {name: inode} as bwrap reported them for that sandbox (``--info-fd``); every
    namespace joined must be the one bwrap made, so a placeholder that died and whose process id
    was reused by another process is noticed. cwd: the working folder, a path inside the sandbox.
    log: path of the file (outside the sandbox) for the kernel's stdout and stderr.
    """
    opened = []
    try:
        log_fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
        opened.append(log_fd)
        try:
            user = os.open(f"/proc/{pid}/ns/user", os.O_RDONLY | os.O_CLOEXEC)
            opened.append(user)
            fds = {}
            for name in NAMESPACES:
                fds[name] = os.open(f"/proc/{pid}/ns/{name}", os.O_RDONLY | os.O_CLOEXEC)
                opened.append(fds[name])
            root = os.open(f"/proc/{pid}/root", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
            opened.append(root)
        except OSError as error:
            raise JoinError(f"cannot open the sandbox's namespaces: {error}") from None
        for name, fd in fds.items():
            expected = namespaces.get(f"{name}-namespace")
            if expected is None or os.fstat(fd).st_ino != int(expected):
                raise JoinError(f"process {pid} is not in the sandbox's {name} namespace")
        work, top = os.stat(cwd), os.fstat(root)
        last_cap = _read_int("/proc/sys/kernel/cap_last_cap", 63)
        most_fds = max(_read_int("/proc/sys/fs/nr_open", 1 << 20), 1 << 20)
        try:
            os.setgroups([])  # as bwrap does, where this account may (root); otherwise the check below decides
        except OSError:
            pass
        # Join each user namespace from the outermost down; right after each, the namespaces it owns
        # (bwrap's mount, PID, network... namespaces belong to its outer user namespace).
        chain = _user_chain(user)
        opened += chain
        owners = {name: _owner(fd) for name, fd in fds.items()}
        joined = set()
        for level in chain:
            _call("join a user namespace", _libc.setns(level, CLONE_NEWUSER))
            here = _ns_id(level)
            for name, fd in fds.items():
                if owners[name] == here:
                    _call(f"join the {name} namespace", _libc.setns(fd, NAMESPACES[name]))
                    joined.add(name)
        if joined != set(NAMESPACES):
            raise JoinError(f"namespaces not owned by the sandbox's users: {sorted(set(NAMESPACES) - joined)}")
        os.fchdir(root)
        os.chroot(".")
        os.chdir(cwd)
        if (os.stat("/").st_dev, os.stat("/").st_ino) != (top.st_dev, top.st_ino):
            raise JoinError("the root folder is not the sandbox's")
        here = os.stat(".")
        if (here.st_dev, here.st_ino) != (work.st_dev, work.st_ino):
            raise JoinError("the working folder is not the kernel's")
        null = os.open("/dev/null", os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log_fd, 1)
        os.dup2(log_fd, 2)
        keep = sorted({0, 1, 2, *keep})
        for low, high in zip(keep, [*keep[1:], None]):
            os.closerange(low + 1, high if high is not None else most_fds)
        opened = []
        _drop_privileges(uid, gid, last_cap)
    except OSError as error:
        raise JoinError(f"cannot enter the sandbox: {error}") from None
    finally:
        for fd in opened:
            try:
                os.close(fd)
            except OSError:
                pass


def _status(path):
    fields = {}
    with open(path) as handle:
        for line in handle:
            name, _, value = line.partition(":")
            fields[name] = value.strip()
    return fields


def check_inside(uid=65534, gid=65534):
    """In the forked child: check that it is inside the sandbox, from inside; raise JoinError if not.

    The placeholder is PID 1 of the sandbox's PID namespace, so /proc/1 is the reference.
    """
    try:
        mine, first = _status("/proc/self/status"), _status("/proc/1/status")
        for name in ("user", "mnt", "ipc", "net", "uts", "cgroup", "pid", "time"):
            if os.path.exists(f"/proc/1/ns/{name}") and os.readlink(f"/proc/self/ns/{name}") != os.readlink(
                f"/proc/1/ns/{name}"
            ):
                raise JoinError(f"not in the sandbox's {name} namespace")
        if os.getpid() == 1 or mine["NSpid"].split()[-1] != str(os.getpid()):
            raise JoinError("not inside the sandbox's PID namespace")
        if mine["Uid"].split() != [str(uid)] * 4 or mine["Gid"].split() != [str(gid)] * 4:
            raise JoinError(f"not running as user {uid}: Uid {mine['Uid']}, Gid {mine['Gid']}")
        if set(mine["Groups"].split()) - set(first["Groups"].split()):
            raise JoinError(f"groups the sandbox does not have: {mine['Groups']}")
        for name in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
            if int(mine.get(name, "0"), 16):
                raise JoinError(f"capabilities left: {name} {mine[name]}")
        if mine.get("NoNewPrivs") != "1":
            raise JoinError("no_new_privs is not set")
        top, theirs = os.stat("/"), os.stat("/proc/1/root/")
        if (top.st_dev, top.st_ino) != (theirs.st_dev, theirs.st_ino):
            raise JoinError("the root folder is not the sandbox's")
        left = {int(fd) for fd in os.listdir("/proc/self/fd")} - {0, 1, 2}
        left = {fd for fd in left if os.path.exists(f"/proc/self/fd/{fd}")}  # the listing's own descriptor is gone
        if left:
            raise JoinError(f"file descriptors left open: {sorted(left)}")
    except (OSError, KeyError, ValueError) as error:
        raise JoinError(f"cannot check the sandbox from inside: {error}") from None
