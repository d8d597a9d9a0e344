"""Checks that turn a broken site into a failed build: the strict build makes these warnings errors.

- a page that would load a stylesheet or script from another host;
- a JupyterLite build that is missing, or left sourcemaps behind (the comments that point at the
  removed maps are dropped here too).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.util import logging

from .assets import SOURCEMAP_COMMENT, asset_name, is_remote

LOGGER = logging.getLogger(__name__)


def warn_about_remote_assets(app, pagename, templatename, context, doctree):
    for key in ("css_files", "script_files"):
        for asset in context.get(key, []):
            if is_remote(asset):
                LOGGER.warning("[course_site] %s loads %s from another host", pagename, asset_name(asset))


def check_jupyterlite_output(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    lite = Path(app.outdir) / "lite"
    if not (lite / "jupyter-lite.json").exists():
        LOGGER.warning("[course_site] JupyterLite was not built into %s", lite)
        return
    maps = [p for p in lite.rglob("*.map")]
    if maps:
        LOGGER.warning("[course_site] the JupyterLite build left %d sourcemaps, e.g. %s", len(maps), maps[0])
    # `--no-sourcemaps` leaves the comments that point to the removed maps; drop them too.
    for script in [*lite.rglob("*.js"), *lite.rglob("*.css")]:
        text = script.read_bytes()
        if b"sourceMappingURL=" in text:
            script.write_bytes(SOURCEMAP_COMMENT.sub(b"", text))
    for junk in (Path(app.srcdir) / ".jupyterlite.doit.db",):
        if junk.exists():
            junk.unlink()
