"""Where the site's builds and shared files live, and one way to fingerprint files.

Every build folder comes from `build_dir`: `_build` beside the sources, unless the environment
variable COURSE_BUILD_DIR names another folder (site/build_book.py and the tests honour it too).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

#: The site/ folder, which holds this package, the course's own static files and templates.
SITE = Path(__file__).resolve().parent.parent


def build_dir(srcdir):
    """Where builds go: _build, unless COURSE_BUILD_DIR names another folder (site/build_book.py)."""
    return Path(os.environ.get("COURSE_BUILD_DIR") or Path(srcdir) / "_build").resolve()


def static_folder(srcdir):
    """Where the vendored files the pages load are gathered, shared by both editions."""
    return build_dir(srcdir) / "site_static"


def digest(*paths):
    """The SHA-256 of the files' contents, in order."""
    sha = hashlib.sha256()
    for path in paths:
        sha.update(Path(path).read_bytes())
    return sha.hexdigest()
