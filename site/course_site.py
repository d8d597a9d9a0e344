"""Sphinx extension for the course website: self-hosted assets, JupyterLite and launch links.

Loaded through `sphinx: local_extensions` in `_config.yml`. It does four jobs:

1. **Assets from the site's own host.** The widget renderer (@jupyter-widgets/html-manager with
   RequireJS) and MathJax come from the npm registry (`package.json`, `package-lock.json`): the
   build runs `npm ci` when `node_modules` is missing or was installed from another lock file,
   copies the few files the pages load into `_build/site_static/` and serves them under
   `_static/`. Nothing goes into a root `_static/` folder, because Jupyter Book adds every `.js`
   file there to every page. To keep pages light, the renderer is served without its ipywidgets 7
   modules and the theme's 1.5 MB icon script is replaced by a stub (its web font draws the icons).
   A page that would still load a stylesheet or script from another host fails the build.
2. **JupyterLite.** It builds the project's wheel (plus the pure-Python wheels it needs that
   Pyodide does not ship), writes the `jupyter-lite.json` that tells the Pyodide kernel where
   Pyodide lives (the `pyodide_url` setting), and stages copies of the chapters and exercises
   that install the bundled package first. jupyterlite-sphinx then runs `jupyter lite build`
   (without sourcemaps) into `_build/html/lite/`, only when one of those inputs changed.
3. **Launch links.** Each notebook page's launch menu gets a "live in your browser" entry next to
   Binder, JupyterHub and Colab; the `{course-launch-table}` directive lists every chapter and
   exercise with all the ways to open it. Every link is derived from `repository.url`,
   `repository.branch` and `launch_buttons` in `_config.yml`.
4. **Checks.** A JupyterLite build that left sourcemaps behind, or a page asset on another host,
   is reported as a warning, which the strict build turns into an error.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from urllib.parse import quote, urlencode

import nbformat
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

try:  # the Python version inside Pyodide, which the bundled wheels must support
    from jupyterlite_pyodide_kernel.constants import PYODIDE_PYTHON_VERSION
except ImportError:  # pragma: no cover
    PYODIDE_PYTHON_VERSION = "3.14"

LOGGER = logging.getLogger(__name__)
#: This extension's own messages (launch labels) are translated by Sphinx from
#: locale/<language>/LC_MESSAGES/course_site.po, which `make catalogues` keeps in step.
MESSAGES = "course_site"
_ = get_translation(MESSAGES)
#: A sourcemap comment on a line of its own (never the same text inside code, which some bundles hold).
SOURCEMAP_COMMENT = re.compile(rb"(?m)^(?://|/\*)# sourceMappingURL=[^\n]*\n?")
HERE = Path(__file__).resolve().parent

#: Pyodide as published by its project, the default of jupyterlite-pyodide-kernel 0.8.6.
DEFAULT_PYODIDE_URL = "https://cdn.jsdelivr.net/pyodide/v314.0.6/full/pyodide.mjs"

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
    "   does not ship the 1.5 MB script that would redraw them as SVG (see site/course_site.py). */\n"
)
#: Scripts on a page with widget state, in order: RequireJS, where the renderer's files are, the renderer.
WIDGET_SCRIPTS = ("widgets/require.js", "widgets/widgets-config.js", "widgets/embed-amd.js")

#: The lite interface that launch links open, under _build/html/lite/.
LITE_APP = "lab"
#: Pure-Python packages the course needs in Pyodide that Pyodide itself does not provide. Pyodide
#: ships numpy, matplotlib and IPython (with their dependencies); the Pyodide kernel brings its
#: own ipykernel and widgetsnbextension. Packages with compiled code (rpds-py) come from Pyodide.
LITE_WHEELS = (
    "ipywidgets", "comm", "jupyterlab_widgets", "traitlets", "nbformat", "fastjsonschema",
    "jsonschema", "jsonschema-specifications", "referencing", "attrs", "jupyter_core",
    "platformdirs", "typing_extensions",
)
INSTALL_CELL_ID = "jupyterlite-install"
INSTALL_CELL = """\
# Only in JupyterLite (Python running inside the web browser): install the course package,
# which the website carries with it. Elsewhere this cell does nothing.
import sys

if sys.platform == "emscripten":
    import piplite

    await piplite.install("productive-forces=={version}")
"""
LANGUAGE_LINE = """
from productive_forces.i18n import use_language

use_language("{language}")
"""


def setup(app):
    app.add_message_catalog(MESSAGES, str(Path(app.srcdir) / "locale"))
    app.add_config_value("pyodide_url", DEFAULT_PYODIDE_URL, "html", types=[str])
    app.add_config_value("course_notebook_folders", ["book", "exercises"], "html")
    app.connect("config-inited", configure, priority=400)  # before jupyterlite-sphinx reads its settings
    app.connect("config-inited", forget_outputs_when_the_package_changes)
    app.connect("env-get-outdated", reread_notebooks_when_the_package_changed)
    app.connect("builder-inited", prepare_jupyterlite)
    app.connect("builder-inited", build_jupyterlite_only_when_changed)
    app.connect("env-get-outdated", rewrite_pages_when_static_files_change)
    app.connect("html-page-context", point_lite_launch_at_this_page, priority=400)  # before the theme's buttons
    app.connect("html-page-context", name_lite_launch_button, priority=600)  # after them
    app.connect("html-page-context", keep_assets_on_this_host, priority=900)
    app.connect("build-finished", check_jupyterlite_output, priority=900)  # after `jupyter lite build`
    app.connect("build-finished", replace_fontawesome_script)
    app.add_directive("course-launch-table", LaunchTable)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


# --------------------------------------------------------------------------- configuration


def build_dir(srcdir):
    """Where builds go: _build, unless COURSE_BUILD_DIR names another folder (site/build_book.py)."""
    import os

    return Path(os.environ.get("COURSE_BUILD_DIR") or Path(srcdir) / "_build").resolve()


def static_folder(srcdir):
    """Where the vendored files the pages load are gathered, shared by both editions."""
    return build_dir(srcdir) / "site_static"


def configure(app, config):
    root = build_dir(app.srcdir)
    static = static_folder(app.srcdir)
    prepare_static_files(Path(app.srcdir), static)  # before Sphinx checks that the folder exists
    config.html_static_path = [*config.html_static_path, str(static)]
    config.mathjax_path = "mathjax/tex-chtml.js"
    config.nb_ipywidgets_js = {path: {} for path in WIDGET_SCRIPTS}
    lite = root / ("jupyterlite" if config.language in (None, "en") else f"jupyterlite-{config.language}")
    config.jupyterlite_dir = str(lite)
    config.jupyterlite_content_dir = str(lite / "contents")
    config.jupyterlite_config = str(lite / "jupyter_lite_config.json")
    config.jupyterlite_bind_ipynb_suffix = False
    config.jupyterlite_contents = None
    theme = config.html_theme_options
    # pydata-sphinx-theme logs a console error on a first visit unless a colour mode is set.
    config.html_context = {"default_mode": "auto", **config.html_context}
    theme.setdefault("launch_buttons", {})["jupyterlite_url"] = lite_app_path()
    repo_url = theme.get("repository_url", "").rstrip("/")
    config.myst_substitutions = {
        **config.myst_substitutions,
        "repository_url": repo_url,
        "clone_command": f"`git clone {repo_url}.git`",
        "colab_install": f"`!pip install \"git+{repo_url}.git\"`",
    }


def forget_outputs_when_the_package_changes(app, config):
    """Empty the execution cache when the course package changed since the cached run.

    jupyter-cache keys a notebook's outputs on its code alone, so after a change to a widget or a
    model the book would keep showing figures drawn by the old code.
    """
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


def lite_app_path():
    return f"lite/{LITE_APP}/index.html"


# --------------------------------------------------------------------------- static files


def digest(*paths):
    sha = hashlib.sha256()
    for path in paths:
        sha.update(Path(path).read_bytes())
    return sha.hexdigest()


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
    own = sorted((HERE / "static").rglob("*"))
    wanted = digest(srcdir / "package-lock.json", Path(__file__), *[p for p in own if p.is_file()])
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
            destination = static / path.relative_to(HERE / "static")
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


def keep_assets_on_this_host(app, pagename, templatename, context, doctree):
    """Drop duplicates and jupyterlite-sphinx's web-font stylesheet; warn about any other remote asset."""
    def remote(asset):
        name = str(getattr(asset, "filename", asset) or "")
        return name.startswith(("http://", "https://", "//"))

    # Sphinx loads MathJax on a page when any page in its toctree has maths; load it only where
    # the page itself has some (the home page lists the chapters but shows no equation).
    has_maths = app.env.get_domain("math").data["has_equations"].get(pagename, False)
    for key in ("css_files", "script_files"):
        kept, seen = [], set()
        for asset in context.get(key, []):
            name = str(getattr(asset, "filename", asset) or "")
            # sphinx-thebe registers its inline settings once per read pass; a second copy
            # redeclares a `const` and the browser reports an error.
            identity = (name, repr(sorted(getattr(asset, "attributes", {}).items())))
            if identity in seen:
                continue
            seen.add(identity)
            body = str(getattr(asset, "attributes", {}).get("body", ""))
            if not has_maths and (name.endswith(app.config.mathjax_path) or body.startswith("window.MathJax")):
                continue
            if remote(asset):
                if "fonts.googleapis.com" not in name:  # jupyterlite-sphinx's decorative font
                    LOGGER.warning("[course_site] %s loads %s from another host", pagename, name)
                continue
            kept.append(asset)
        context[key] = kept


# --------------------------------------------------------------------------- launch links


def launch_settings(app):
    """Repository, branch and launch services, all from _config.yml."""
    theme = app.config.html_theme_options
    repo_url = theme.get("repository_url", "").rstrip("/")
    org, repo = repo_url.split("github.com/")[-1].split("/")[:2]
    buttons = theme.get("launch_buttons", {})
    return {
        "repo_url": repo_url, "org": org, "repo": repo,
        "branch": theme.get("repository_branch") or "main",
        "binderhub": buttons.get("binderhub_url", "").rstrip("/"),
        "jupyterhub": buttons.get("jupyterhub_url", "").rstrip("/"),
        "colab": buttons.get("colab_url", "").rstrip("/"),
        "ui": "lab/tree" if buttons.get("notebook_interface") == "jupyterlab" else "tree",
    }


def launch_links(app, path, lite_url):
    """Every way to open the notebook at `path` (relative to the repository root)."""
    s = launch_settings(app)
    links = {"browser": f"{lite_url}?path={quote(path)}"}
    if s["binderhub"]:
        links["binder"] = f"{s['binderhub']}/v2/gh/{s['org']}/{s['repo']}/{s['branch']}?urlpath={s['ui']}/{path}"
    if s["jupyterhub"]:
        query = urlencode({"repo": s["repo_url"], "urlpath": f"{s['ui']}/{s['repo']}/{path}", "branch": s["branch"]}, safe="/")
        links["jupyterhub"] = f"{s['jupyterhub']}/hub/user-redirect/git-pull?{query}"
    if s["colab"]:
        links["colab"] = f"{s['colab']}/github/{s['org']}/{s['repo']}/blob/{s['branch']}/{path}"
    return links


def point_lite_launch_at_this_page(app, pagename, templatename, context, doctree):
    """The theme writes the lite URL as given: make it relative to this page, at any depth."""
    buttons = app.config.html_theme_options.get("launch_buttons", {})
    buttons["jupyterlite_url"] = context["pathto"](lite_app_path(), 1)


def name_lite_launch_button(app, pagename, templatename, context, doctree):
    """Name the theme's JupyterLite button for readers, and put it first: it needs no server."""
    for group in context.get("header_buttons", []):
        if not isinstance(group, dict) or group.get("label") != "launch-buttons":
            continue
        buttons = group["buttons"]
        in_browser = str(_("In your browser"))
        for button in buttons:
            if button.get("text") == "JupyterLite":
                button["text"] = in_browser
                button["tooltip"] = str(_("Run this page live in your browser with JupyterLite: nothing to install"))
        buttons.sort(key=lambda button: button.get("text") != in_browser)


class LaunchTable(SphinxDirective):
    """A table of every chapter and exercise notebook with the links that open it.

    Options: ``:folders:`` (space-separated, default ``course_notebook_folders``).
    """

    option_spec = {"folders": directives.unchanged}
    COLUMNS = (
        ("browser", _("In your browser")), ("binder", "Binder"), ("jupyterhub", "JupyterHub"),
        ("colab", "Colab"), ("download", _("File")),
    )

    def run(self):
        folders = (self.options.get("folders") or " ".join(self.config.course_notebook_folders)).split()
        srcdir = Path(self.env.srcdir)
        depth = self.env.docname.count("/")
        lite_url = "../" * depth + lite_app_path()
        rows = []
        for folder in folders:
            for notebook in sorted((srcdir / folder).glob("*.ipynb")):
                rows.append((folder, notebook))
        table = nodes.table(classes=["course-launch-table"])
        group = nodes.tgroup(cols=len(self.COLUMNS) + 1)
        table += group
        for _column in range(len(self.COLUMNS) + 1):
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        group += head
        head += self._row([nodes.Text(str(_("Notebook")))] + [nodes.Text(str(title)) for _key, title in self.COLUMNS])
        body = nodes.tbody()
        group += body
        for folder, notebook in rows:
            relative = f"{folder}/{notebook.name}"
            links = launch_links(self.env.app, relative, lite_url)
            title = notebook_title(lite_notebook(notebook, "", self.config.language, srcdir), notebook.stem)
            label = [nodes.strong(text=title), nodes.inline(text=relative, classes=["course-launch-path"])]
            cells = [label]
            for key, title in self.COLUMNS:
                if key == "download":
                    reference = addnodes.download_reference(
                        "", "", nodes.Text(".ipynb"), reftarget=f"/{relative}", refdoc=self.env.docname,
                        refexplicit=True, refdomain="", reftype="download",
                    )
                    cells.append(reference)
                elif key in links:
                    cells.append(nodes.reference("", str(_("open")), refuri=links[key], classes=[f"launch-{key}"]))
                else:
                    cells.append(nodes.Text("—"))
            body += self._row(cells)
        return [table]

    @staticmethod
    def _row(contents):
        row = nodes.row()
        for content in contents:
            entry = nodes.entry()
            for part in content if isinstance(content, list) else [content]:
                paragraph = nodes.paragraph()
                paragraph += part
                entry += paragraph
            row += entry
        return row


def notebook_title(notebook, fallback):
    """The notebook's first Markdown heading, or the fallback."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


# --------------------------------------------------------------------------- JupyterLite


def prepare_wheels(srcdir):
    """The wheels JupyterLite serves, built once into _build/wheels for both editions."""
    wheels = build_dir(srcdir) / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    build_project_wheel(Path(srcdir), wheels)
    fetch_dependency_wheels(wheels)
    return wheels


def project_version(srcdir):
    import tomllib

    return tomllib.loads((srcdir / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def build_project_wheel(srcdir, wheels):
    """The course package as a wheel, rebuilt only when its sources change."""
    sources = sorted(p for p in (srcdir / "productive_forces").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    wanted = digest(srcdir / "pyproject.toml", *sources)
    stamp = wheels / ".productive-forces-sha256"
    built = list(wheels.glob("productive_forces-*.whl"))
    if built and stamp.exists() and stamp.read_text() == wanted:
        return
    for old in built:
        old.unlink()
    LOGGER.info("[course_site] building the productive-forces wheel for JupyterLite")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(srcdir)],
        check=True, cwd=srcdir,
    )
    stamp.write_text(wanted)


def fetch_dependency_wheels(wheels):
    """Pure-Python wheels of the course's dependencies, at the versions this build runs with."""
    wanted = sorted(f"{name}=={metadata.version(name)}" for name in LITE_WHEELS)
    stamp = wheels / ".dependencies"
    if stamp.exists() and stamp.read_text() == "\n".join(wanted):
        return
    LOGGER.info("[course_site] fetching pure-Python wheels for JupyterLite")
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "--platform", "any", "--python-version", PYODIDE_PYTHON_VERSION, "--dest", str(wheels), *wanted],
        check=True,
    )
    stamp.write_text("\n".join(wanted))


def chapter_translations(srcdir, language, path):
    """{message: translation} for a book page from its catalogue; empty for English or no catalogue."""
    catalogue = Path(srcdir) / "locale" / language / "LC_MESSAGES" / path.parent.name / f"{path.stem}.po"
    if language in (None, "en") or path.parent.name != "book" or not catalogue.exists():
        return {}
    from babel.messages.pofile import read_po

    with catalogue.open("rb") as file:
        return {m.id: m.string for m in read_po(file, locale=language) if m.id and m.string and not m.fuzzy}


def lite_notebook(path, version, language, srcdir):
    """A copy of the notebook whose first code cell installs the bundled course package.

    In a translated edition the copy of a chapter is translated with the page's catalogue, and the
    install cell also switches the course package to the edition's language.
    """
    from productive_forces.i18n.notebooks import translate_notebook

    notebook = translate_notebook(nbformat.read(path, as_version=4), chapter_translations(srcdir, language, path).get)
    source = INSTALL_CELL.format(version=version)
    if language not in (None, "en"):
        source += LANGUAGE_LINE.format(language=language)
    cell = nbformat.v4.new_code_cell(source)
    cell.id = INSTALL_CELL_ID
    first_code = next((i for i, c in enumerate(notebook.cells) if c.cell_type == "code"), len(notebook.cells))
    notebook.cells.insert(first_code, cell)
    notebook.metadata["kernelspec"] = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
    return notebook


def lite_settings(app):
    """jupyter-lite.json: where the Pyodide kernel loads Pyodide from."""
    url = app.config.pyodide_url.strip()
    kernel = {}
    if url.startswith(("http://", "https://", "./", "/")):
        kernel["pyodideUrl"] = url
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": "Innovation and New Quality Productive Forces (live)",
            "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": kernel},
        },
    }


def lite_build_config(app):
    """jupyter_lite_config.json: no sourcemaps; a local Pyodide archive or folder if one is configured."""
    config = {"LiteBuildConfig": {"no_sourcemaps": True, "no_unused_shared_packages": True}}
    url = app.config.pyodide_url.strip()
    if url and not url.startswith(("http://", "https://", "./", "/")):
        config["PyodideAddon"] = {"pyodide_url": str((Path(app.srcdir) / url).resolve())}
    return config


def prepare_jupyterlite(app):
    if app.builder.format != "html":
        return
    srcdir = Path(app.srcdir)
    lite = Path(app.config.jupyterlite_dir)
    shared = prepare_wheels(srcdir)
    wheels = lite / "pypi"  # jupyterlite's piplite addon indexes every wheel in <lite dir>/pypi
    wheels.mkdir(parents=True, exist_ok=True)
    wanted = {path.name for path in shared.glob("*.whl")}
    for old in wheels.glob("*.whl"):
        if old.name not in wanted:
            old.unlink()
    for wheel in shared.glob("*.whl"):
        if not (wheels / wheel.name).exists() or (wheels / wheel.name).read_bytes() != wheel.read_bytes():
            shutil.copy2(wheel, wheels / wheel.name)
    (lite / "jupyter-lite.json").write_text(json.dumps(lite_settings(app), indent=2), encoding="utf-8")
    (lite / "jupyter_lite_config.json").write_text(json.dumps(lite_build_config(app), indent=2), encoding="utf-8")

    contents = Path(app.config.jupyterlite_content_dir)
    shutil.rmtree(contents, ignore_errors=True)
    version = project_version(srcdir)
    for folder in app.config.course_notebook_folders:
        for notebook in sorted((srcdir / folder).glob("*.ipynb")):
            target = contents / folder / notebook.name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(lite_notebook(notebook, version, app.config.language, srcdir), target)


def lite_inputs_digest(app):
    """What the JupyterLite build depends on: its settings, wheels, notebooks and tool versions."""
    lite = Path(app.config.jupyterlite_dir)
    # Leave out stamps and the build's own cache: every path part that starts with a dot.
    files = sorted(p for p in lite.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(lite).parts))
    versions = [metadata.version(name) for name in ("jupyterlite-core", "jupyterlite-pyodide-kernel", "jupyterlab_widgets", "jupyterlite-sphinx")]
    sha = hashlib.sha256(" ".join(versions).encode())
    for path in files:
        sha.update(str(path.relative_to(lite)).encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def build_jupyterlite_only_when_changed(app):
    """Run jupyterlite-sphinx's `jupyter lite build` only when one of its inputs changed.

    jupyterlite-sphinx rebuilds the whole JupyterLite site after every Sphinx build (about ten
    seconds); a rebuild of the book with no change to the notebooks, wheels or settings keeps the
    site from the last build instead.
    """
    from jupyterlite_sphinx import jupyterlite_sphinx as lite_sphinx

    for listener in list(app.events.listeners.get("build-finished", [])):
        if listener.handler is lite_sphinx.jupyterlite_build:
            app.disconnect(listener.id)

    def build(app, exception):
        if exception is not None or app.builder.format != "html":
            return
        stamp = Path(app.config.jupyterlite_dir) / ".built-sha256"
        wanted = lite_inputs_digest(app)
        built = Path(app.outdir) / "lite" / "jupyter-lite.json"
        if built.exists() and stamp.exists() and stamp.read_text() == wanted:
            LOGGER.info("[course_site] JupyterLite: no input changed, keeping the last build")
            return
        lite_sphinx.jupyterlite_build(app, exception)
        stamp.write_text(wanted)

    app.connect("build-finished", build)


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
