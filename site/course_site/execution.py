"""Executed outputs follow the course package: a change to it re-executes every notebook.

jupyter-cache keys a notebook's outputs on its code alone, so after a change to a widget or a
model the book would otherwise keep showing figures drawn by the old code.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.util import logging

from .paths import digest

LOGGER = logging.getLogger(__name__)


def forget_outputs_when_the_package_changes(app, config):
    """Empty the execution cache when the course package changed since the cached run."""
    package = Path(app.srcdir) / "productive_forces"
    files = sorted(path for path in package.rglob("*") if path.is_file() and "__pycache__" not in path.parts)
    fingerprint = digest(*files)
    cache = Path(app.srcdir) / config.nb_execution_cache_path
    stamp = cache.with_name(cache.name + ".package-digest")  # one per edition: each has its own cache
    app.course_package_changed = not (stamp.exists() and stamp.read_text() == fingerprint)
    if not app.course_package_changed:
        return
    if cache.exists():
        LOGGER.info("course package changed: executing every notebook afresh")
        shutil.rmtree(cache)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint)


def reread_notebooks_when_the_package_changed(app, env, added, changed, removed):
    """Every notebook page, when the package changed: their saved outputs are out of date."""
    if not app.course_package_changed:
        return []
    return [doc for doc in env.found_docs if str(env.doc2path(doc)).endswith(".ipynb")]
