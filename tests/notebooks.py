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
