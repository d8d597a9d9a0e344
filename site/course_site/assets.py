"""Every asset a page loads comes from the site's own host, and a chapter's text shows before the rest.

The widget renderer (@jupyter-widgets/html-manager's standalone `embed.js`) and KaTeX's stylesheet
and fonts come from the npm registry (`package.json`, `package-lock.json`): the build runs `npm ci`
when `node_modules` is missing or was installed from another lock file, copies the few files the
pages load into `<build>/site_static/` and serves them under `_static/`. Nothing goes into a root
`_static/` folder, because Jupyter Book adds every `.js` file there to every page.

For a first visit on a slow link, pages stay light and their text comes first: maths is typeset
at build time (KaTeX, through sphinxcontrib-katex), so no maths script is downloaded; the widget
renderer loads deferred, after the text is parsed, and only on pages with widgets; the theme's
1.5 MB icon script is replaced by a stub (its web font draws the icons); KaTeX's stylesheet is
linked only on pages with maths.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

from sphinx.util import logging

from .paths import SITE, digest, static_folder

LOGGER = logging.getLogger(__name__)
#: A sourcemap comment on a line of its own (never the same text inside code, which some bundles hold).
SOURCEMAP_COMMENT = re.compile(rb"(?m)^(?://|/\*)# sourceMappingURL=[^\n]*\n?")

#: Files the pages load, by destination under _static/ and source under node_modules/.
VENDORED = {
    "widgets/LICENSE.html-manager.txt": "@jupyter-widgets/html-manager/dist/embed.js.LICENSE.txt",
    "katex/katex.min.css": "katex/dist/katex.min.css",
    "katex/LICENSE": "katex/LICENSE",
}
#: Whole folders: the renderer's icon fonts and KaTeX's fonts (woff2, which every browser that
#: runs the renderer reads, so the older formats its stylesheet also names are never asked for).
VENDORED_FOLDERS = {
    "widgets": ("@jupyter-widgets/html-manager/dist", ("*.woff2", "*.woff", "*.ttf", "*.eot", "*.svg")),
    "katex/fonts": ("katex/dist/fonts", ("*.woff2",)),
}
#: The renderer's standalone bundle: the ipywidgets 8 base and controls with the HTML manager, no
#: RequireJS needed. It renders the saved widget state on the window's load event.
EMBED = "@jupyter-widgets/html-manager/dist/embed.js"
#: KaTeX, which sphinxcontrib-katex runs in Node.js at build time: the same release as the stylesheet.
KATEX_SCRIPT = "katex/dist/katex.min.js"
#: pydata-sphinx-theme draws its icons twice over: from a web font its stylesheet loads, and again
#: as SVG with a 1.5 MB script on every page. The site keeps the font and serves this instead.
FONTAWESOME_SCRIPT = "_static/scripts/fontawesome.js"
FONTAWESOME_STUB = (
    "/* The theme's icons come from the Font Awesome web font that its stylesheet loads; this site\n"
    "   does not ship the 1.5 MB script that would redraw them as SVG (see site/course_site/assets.py). */\n"
)
#: The script on a page with widget state, deferred: it runs once the page's text is parsed.
WIDGET_SCRIPT = "widgets/embed.js"
#: Stylesheets only pages with maths need.
MATHS_STYLESHEETS = ("katex/katex.min.css", "katex-math.css")


def configure_assets(app, config):
    """Serve the vendored files; typeset maths with them at build time; defer the widget renderer."""
    static = static_folder(app.srcdir)
    prepare_static_files(Path(app.srcdir), static)  # before Sphinx checks that the folder exists
    config.html_static_path = [*config.html_static_path, str(static)]
    config.katex_css_path = MATHS_STYLESHEETS[0]
    config.katex_js_path = str(Path(app.srcdir) / "node_modules" / KATEX_SCRIPT)
    config.nb_ipywidgets_js = {WIDGET_SCRIPT: {"defer": "defer"}}


def start_maths_typesetter(app):
    """Start sphinxcontrib-katex's Node.js server now, retrying its start-up race.

    sphinxcontrib-katex 0.9.11 connects as soon as the server's socket file exists, which can be
    a moment before the server listens (ConnectionRefusedError, failing the build). Starting it
    here, with a few tries, leaves a running server for the pages to use.
    """
    from sphinxcontrib import katex
    from sphinxcontrib.katex import KaTeXServer

    # sphinxcontrib-katex removes its scratch folder when the build ends and fails the build if it
    # is already gone, which was seen now and then with both editions building at once: remove it
    # the same way, but without failing.
    for listener in list(app.events.listeners.get("build-finished", [])):
        if listener.handler is katex.builder_finished:
            app.disconnect(listener.id)
            app.connect("build-finished", lambda app, exception: shutil.rmtree(app._katex_static_path, ignore_errors=True))
    if not app.config.katex_prerender or app.builder.format != "html":
        return
    for attempt in range(5):
        try:
            KaTeXServer.get()
            return
        except ConnectionRefusedError:
            LOGGER.info("[course_site] KaTeX server not listening yet (try %d)", attempt + 1)
            time.sleep(0.2)
    KaTeXServer.get()


def ensure_node_modules(srcdir):
    """`npm ci` when node_modules is missing or was installed from another lock file."""
    lock = srcdir / "package-lock.json"
    stamp = srcdir / "node_modules" / ".course-lock-sha256"
    wanted = digest(lock)
    if stamp.exists() and stamp.read_text() == wanted:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed to fetch the site's JavaScript libraries (see README.md)")
    LOGGER.info("[course_site] npm ci: fetching the widget renderer, KaTeX and axe-core")
    subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=srcdir, check=True,
    )
    stamp.write_text(wanted)


def prepare_static_files(srcdir, static):
    """Copy the vendored files the pages load (and the course's own) into `static`."""
    own = sorted((SITE / "static").rglob("*"))
    code = sorted(Path(__file__).parent.glob("*.py"))
    wanted = digest(srcdir / "package-lock.json", *code, *[p for p in own if p.is_file()])
    stamp = static / ".stamp"
    if stamp.exists() and stamp.read_text() == wanted:
        return
    ensure_node_modules(srcdir)
    modules = srcdir / "node_modules"
    shutil.rmtree(static, ignore_errors=True)
    for target, source in VENDORED.items():
        (static / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(modules / source, static / target)
    (static / WIDGET_SCRIPT).write_bytes(SOURCEMAP_COMMENT.sub(b"", (modules / EMBED).read_bytes()))
    for target, (source, patterns) in VENDORED_FOLDERS.items():
        for pattern in patterns:
            for path in (modules / source).rglob(pattern):
                if path.is_file() and not path.name.endswith(".map"):
                    destination = static / target / path.relative_to(modules / source)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, destination)
    for path in own:  # the course's own small files, such as theme/sidebar-toggles.js
        if path.is_file():
            destination = static / path.relative_to(SITE / "static")
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
    stamp.write_text(wanted)


def rewrite_pages_when_static_files_change(app, env, added, changed, removed):
    """Sphinx copies static files only when some page is rewritten: force that when one changed."""
    files = []
    for entry in app.config.html_static_path:
        folder = Path(app.confdir) / entry
        stamp = folder / ".stamp"  # the vendored files: their stamp stands for them
        files += [stamp] if stamp.exists() else sorted(p for p in folder.rglob("*") if p.is_file())
    wanted = digest(*files)
    if getattr(env, "course_site_static", None) == wanted:
        return []
    env.course_site_static = wanted
    return sorted(env.found_docs - set(added) - set(changed))


def replace_fontawesome_script(app, exception):
    if exception is None and app.builder.format == "html":
        script = Path(app.outdir) / FONTAWESOME_SCRIPT
        if script.exists():
            script.write_text(FONTAWESOME_STUB, encoding="utf-8")


def asset_name(asset):
    return str(getattr(asset, "filename", asset) or "")


def is_remote(asset):
    return asset_name(asset).startswith(("http://", "https://", "//"))


def load_only_what_the_page_needs(app, pagename, templatename, context, doctree):
    """Drop duplicate assets, jupyterlite-sphinx's web-font stylesheet, and KaTeX's where no maths is."""
    has_maths = app.env.get_domain("math").data["has_equations"].get(pagename, False)
    for key in ("css_files", "script_files"):
        kept, seen = [], set()
        for asset in context.get(key, []):
            name = asset_name(asset)
            # sphinx-thebe registers its inline settings once per read pass; a second copy
            # redeclares a `const` and the browser reports an error.
            identity = (name, repr(sorted(getattr(asset, "attributes", {}).items())))
            if identity in seen:
                continue
            seen.add(identity)
            if not has_maths and name.endswith(MATHS_STYLESHEETS):
                continue
            if is_remote(asset) and "fonts.googleapis.com" in name:  # jupyterlite-sphinx's decorative font
                continue
            kept.append(asset)
        context[key] = kept
