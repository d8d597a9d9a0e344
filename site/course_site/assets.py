"""Every asset a page loads comes from the site's own host, and pages load no more than they need.

The widget renderer (@jupyter-widgets/html-manager with RequireJS) and MathJax come from the npm
registry (`package.json`, `package-lock.json`): the build runs `npm ci` when `node_modules` is
missing or was installed from another lock file, copies the few files the pages load into
`<build>/site_static/` and serves them under `_static/`. Nothing goes into a root `_static/`
folder, because Jupyter Book adds every `.js` file there to every page. To keep pages light, the
renderer is served without its ipywidgets 7 modules, the theme's 1.5 MB icon script is replaced
by a stub (its web font draws the icons) and MathJax is loaded only on pages with maths.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from sphinx.util import logging

from .paths import SITE, digest, static_folder

LOGGER = logging.getLogger(__name__)
#: A sourcemap comment on a line of its own (never the same text inside code, which some bundles hold).
SOURCEMAP_COMMENT = re.compile(rb"(?m)^(?://|/\*)# sourceMappingURL=[^\n]*\n?")

#: Files the pages load, by destination under _static/ and source under node_modules/.
VENDORED = {
    "widgets/require.js": "requirejs/require.js",
    "widgets/LICENSE.html-manager.txt": "@jupyter-widgets/html-manager/dist/embed.js.LICENSE.txt",
    "mathjax/tex-chtml.js": "mathjax/es5/tex-chtml.js",
    "mathjax/LICENSE": "mathjax/LICENSE",
}
#: Whole folders: the renderer's icon fonts and what MathJax loads on demand.
VENDORED_FOLDERS = {
    "widgets": ("@jupyter-widgets/html-manager/dist", ("*.woff2", "*.woff", "*.ttf", "*.eot", "*.svg")),
    "mathjax/output/chtml/fonts/woff-v2": ("mathjax/es5/output/chtml/fonts/woff-v2", ("*",)),
    "mathjax/input/tex/extensions": ("mathjax/es5/input/tex/extensions", ("*",)),
    "mathjax/ui": ("mathjax/es5/ui", ("*",)),
    "mathjax/a11y": ("mathjax/es5/a11y", ("*",)),
    "mathjax/sre": ("mathjax/es5/sre", ("*",)),
}
#: The renderer bundles the modules for ipywidgets 8 state and, for older notebooks, ipywidgets 7's.
#: The course's widget state is ipywidgets 8 only, so the copy served drops the ipywidgets 7 modules.
EMBED_AMD = "@jupyter-widgets/html-manager/dist/embed-amd.js"
EMBED_AMD_KEPT = (
    "@jupyter-widgets/base", "@jupyter-widgets/controls", "@jupyter-widgets/html-manager",
    "@jupyter-widgets/html-manager/dist/libembed-amd",
)
#: pydata-sphinx-theme draws its icons twice over: from a web font its stylesheet loads, and again
#: as SVG with a 1.5 MB script on every page. The site keeps the font and serves this instead.
FONTAWESOME_SCRIPT = "_static/scripts/fontawesome.js"
FONTAWESOME_STUB = (
    "/* The theme's icons come from the Font Awesome web font that its stylesheet loads; this site\n"
    "   does not ship the 1.5 MB script that would redraw them as SVG (see site/course_site/assets.py). */\n"
)
#: Scripts on a page with widget state, in order: RequireJS, where the renderer's files are, the renderer.
WIDGET_SCRIPTS = ("widgets/require.js", "widgets/widgets-config.js", "widgets/embed-amd.js")


def configure_assets(app, config):
    """Serve the vendored files, and point MathJax and the widget renderer at them."""
    static = static_folder(app.srcdir)
    prepare_static_files(Path(app.srcdir), static)  # before Sphinx checks that the folder exists
    config.html_static_path = [*config.html_static_path, str(static)]
    config.mathjax_path = "mathjax/tex-chtml.js"
    config.nb_ipywidgets_js = {path: {} for path in WIDGET_SCRIPTS}


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
    LOGGER.info("[course_site] npm ci: fetching the widget renderer, RequireJS and MathJax")
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
    (static / "widgets" / "embed-amd.js").write_text(
        trimmed_embed_amd((modules / EMBED_AMD).read_text(encoding="utf-8")), encoding="utf-8"
    )
    for target, (source, patterns) in VENDORED_FOLDERS.items():
        for pattern in patterns:
            for path in (modules / source).rglob(pattern):
                if path.is_file() and not path.name.endswith(".map"):
                    destination = static / target / path.relative_to(modules / source)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, destination)
    for path in own:  # the course's own small files, such as widgets/widgets-config.js
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


def trimmed_embed_amd(text):
    """The renderer's AMD bundle with only the modules ipywidgets 8 state needs, and no map comments.

    embed-amd.js concatenates webpack bundles, each opening with a licence comment line and a named
    `define`. Fails loudly if a new release changes that layout, rather than serving a broken file.
    """
    parts = re.split(r"(?m)^(?=/\*! For license information please see )", text)
    kept = []
    for part in parts:
        names = re.findall(r'define\("([^"]+)"', part)
        if names and names[0] not in EMBED_AMD_KEPT:
            continue
        kept.append(part)
    result = SOURCEMAP_COMMENT.sub(b"", "".join(kept).encode("utf-8")).decode("utf-8")
    found = tuple(re.findall(r'(?m)^define\("([^"]+)"', result))
    if found != EMBED_AMD_KEPT:
        raise RuntimeError(f"unexpected modules in the trimmed {EMBED_AMD}: {found}")
    return result


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
    """Drop duplicate assets, jupyterlite-sphinx's web-font stylesheet, and MathJax where no maths is."""
    # Sphinx loads MathJax on a page when any page in its toctree has maths; load it only where
    # the page itself has some (the home page lists the chapters but shows no equation).
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
            body = str(getattr(asset, "attributes", {}).get("body", ""))
            if not has_maths and (name.endswith(app.config.mathjax_path) or body.startswith("window.MathJax")):
                continue
            if is_remote(asset) and "fonts.googleapis.com" in name:  # jupyterlite-sphinx's decorative font
                continue
            kept.append(asset)
        context[key] = kept
