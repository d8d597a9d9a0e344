"""Walk and remove folder trees without recursion, so that no depth of nesting can stop the grader.

Symbolic links are never followed: a link is listed (or removed) as the link itself.
"""

import itertools
import os
import stat
from pathlib import Path


def walk(root, skip=lambda name: False):
    """Yield (folder, [sub-folder names], [other names]) for root and every folder below it,
    top-down and sorted, leaving out the names skip(name) is true for."""
    pending = [Path(root)]
    while pending:
        folder = pending.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        entries = [entry for entry in entries if not skip(entry.name)]
        folders = [e.name for e in entries if e.is_dir(follow_symlinks=False)]
        others = [e.name for e in entries if not e.is_dir(follow_symlinks=False)]
        yield folder, folders, others
        pending.extend(folder / name for name in reversed(folders))


def remove_tree(root):
    """Remove root and everything below it, however deep (even past the longest path the system
    accepts): sub-folders are moved up into root one level at a time, so at most two folders are
    open at once. Unreadable folders are made readable first; what cannot be removed is left."""
    root = Path(root)
    if not os.path.lexists(root):
        return
    if not stat.S_ISDIR(os.lstat(root).st_mode):
        os.unlink(root)
        return
    os.chmod(root, 0o700)
    top = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    moved = itertools.count()
    try:
        while True:
            folders = [e.name for e in os.scandir(top) if e.is_dir(follow_symlinks=False)]
            for entry in os.scandir(top):
                if not entry.is_dir(follow_symlinks=False):
                    _quietly(os.unlink, entry.name, dir_fd=top)
            if not folders:
                break
            progress = False
            for name in folders:
                try:
                    os.chmod(name, 0o700, dir_fd=top)
                    folder = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=top)
                except OSError:
                    continue
                try:
                    for entry in os.scandir(folder):
                        if entry.is_dir(follow_symlinks=False):
                            _quietly(os.rename, entry.name, f".pf-up-{next(moved)}", src_dir_fd=folder, dst_dir_fd=top)
                        else:
                            _quietly(os.unlink, entry.name, dir_fd=folder)
                finally:
                    os.close(folder)
                progress |= _quietly(os.rmdir, name, dir_fd=top)
            if not progress:
                break
    finally:
        os.close(top)
    _quietly(os.rmdir, root)


def _quietly(action, *args, **kwargs):
    """True if action(*args, **kwargs) succeeded."""
    try:
        action(*args, **kwargs)
        return True
    except OSError:
        return False
