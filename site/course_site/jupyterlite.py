"""JupyterLite: the site carries a Python notebook environment that runs in the reader's browser.

The build makes the project's wheel (plus the pure-Python wheels it needs that Pyodide does not
ship), writes the `jupyter-lite.json` that tells the Pyodide kernel where Pyodide lives (the
`pyodide_url` setting), and stages copies of the chapters and exercises that install the bundled
package first. jupyterlite-sphinx then runs `jupyter lite build` (without sourcemaps) into
`<html>/lite/`, only when one of those inputs changed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import nbformat
from sphinx.util import logging

from .lite_markup import BIBFILE, make_readable
from .paths import build_dir, digest

try:  # the Python version inside Pyodide, which the bundled wheels must support
    from jupyterlite_pyodide_kernel.constants import PYODIDE_PYTHON_VERSION
except ImportError:  # pragma: no cover
    PYODIDE_PYTHON_VERSION = "3.14"

LOGGER = logging.getLogger(__name__)

#: Pyodide as published by its project, the default of jupyterlite-pyodide-kernel 0.8.6.
DEFAULT_PYODIDE_URL = "https://cdn.jsdelivr.net/pyodide/v314.0.6/full/pyodide.mjs"
#: The lite interface that launch links open, under <html>/lite/.
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


def lite_app_path():
    return f"lite/{LITE_APP}/index.html"


def configure_jupyterlite(app, config):
    """Each edition's JupyterLite sources and build in its own folder under the build folder."""
    root = build_dir(app.srcdir)
    lite = root / ("jupyterlite" if config.language in (None, "en") else f"jupyterlite-{config.language}")
    config.jupyterlite_dir = str(lite)
    config.jupyterlite_content_dir = str(lite / "contents")
    config.jupyterlite_config = str(lite / "jupyter_lite_config.json")
    config.jupyterlite_bind_ipynb_suffix = False
    config.jupyterlite_contents = None


def prepare_wheels(srcdir):
    """The wheels JupyterLite serves, built once into <build>/wheels for both editions."""
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
    # Built from a copy: setuptools writes a build/ folder beside the sources, which two builds of
    # the book at once (say, in two build folders) would share and break.
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "project"
        copy.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(srcdir / name, copy / name)
        shutil.copytree(srcdir / "productive_forces", copy / "productive_forces",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(copy)],
            check=True, cwd=scratch,
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
    install cell also switches the course package to the edition's language. MyST roles, which
    JupyterLab would show raw, are written out as text and links (`lite_markup`).
    """
    from productive_forces.i18n.notebooks import translate_notebook

    notebook = translate_notebook(nbformat.read(path, as_version=4), chapter_translations(srcdir, language, path).get)
    make_readable(notebook, Path(srcdir) / BIBFILE, {sibling.stem for sibling in path.parent.glob("*.ipynb")})
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
