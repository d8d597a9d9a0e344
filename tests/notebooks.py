"""Helpers for tests that execute notebooks: run one and read each cell's printed text."""

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
#: The book's build folder: _build, unless COURSE_BUILD_DIR names another (as site/build_book.py does).
BUILD_DIR = Path(os.environ.get("COURSE_BUILD_DIR") or ROOT / "_build").resolve()


def read(path):
    return nbformat.read(ROOT / path, as_version=4)


def run(notebook, timeout=120):
    """Execute a copy of the notebook in the test's Python environment, errors allowed; return the copy."""
    notebook = nbformat.from_dict(notebook)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", allow_errors=True).execute()
    return notebook


def execute(notebook, timeout=120):
    """Execute a copy of the notebook; return {cell id: printed text}."""
    return {cell.id: cell_text(cell) for cell in run(notebook, timeout).cells if cell.cell_type == "code"}


def errors(notebook):
    """{cell id: "ename: evalue"} for every code cell of an executed notebook that raised."""
    return {
        cell.id: f"{output.ename}: {output.evalue}"
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    }


def cell_text(cell):
    """Stream text and error names printed by a code cell."""
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type == "error":
            parts.append(f"{output.ename}: {output.evalue}")
    return "".join(parts)


def replace_sources(notebook, sources):
    """A copy of the notebook with the given cells' sources replaced, by cell id."""
    notebook = nbformat.from_dict(notebook)
    for cell in notebook.cells:
        if cell.id in sources:
            cell.source = sources.pop(cell.id)
    assert not sources, f"no cells with ids {sorted(sources)}"
    return notebook


#: What the built book is made from: a change to any of these makes a build older than its sources.
BUILD_SOURCES = ("book", "locale", "site", "productive_forces", "exercises", "_config.yml", "_toc.yml")


def stale_build(build_dir=BUILD_DIR, root=ROOT):
    """Why the book in build_dir is older than its sources (a sentence), or "" when it is not.

    A build's time is when Sphinx last wrote each edition's .buildinfo, or when the build was
    stamped done (build_dir/.built, which `make book` touches), whichever is later; the older
    edition counts. Caches, hidden files and folders are not sources.
    """
    build_dir, root = Path(build_dir), Path(root)
    stamp = build_dir / ".built"
    built = []
    for info in (build_dir / "html" / ".buildinfo", build_dir / "html" / "zh" / ".buildinfo"):
        times = [path.stat().st_mtime for path in (info, stamp) if path.exists()]
        if not info.exists():
            return f"{build_dir} holds no complete build ({info.relative_to(build_dir)} is missing)"
        built.append(max(times))
    newest, newest_path = 0.0, None
    for name in BUILD_SOURCES:
        top = root / name
        paths = [top] if top.is_file() else top.rglob("*") if top.is_dir() else []
        for path in paths:
            parts = path.relative_to(root).parts
            if any(part.startswith(".") or part == "__pycache__" for part in parts) or path.suffix == ".pyc":
                continue
            if path.is_file() and path.stat().st_mtime > newest:
                newest, newest_path = path.stat().st_mtime, path
    if newest > min(built):
        return (
            f"the book in {build_dir} is older than its sources: {newest_path.relative_to(root)} changed "
            f"{newest - min(built):.0f} s after the last build"
        )
    return ""
