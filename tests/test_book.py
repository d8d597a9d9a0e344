"""The book's sources are clean and the built HTML carries what readers need."""

import base64
import json
import re

import nbformat
import pytest
import yaml

from tests.notebooks import BUILD_DIR, ROOT

BUILD = BUILD_DIR / "html"
CHAPTERS = sorted((ROOT / "book").glob("*.ipynb"))


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    stack = list(toc.get("chapters", [])) + [c for part in toc.get("parts", []) for c in part["chapters"]]
    while stack:
        entry = stack.pop()
        files.append(entry["file"])
        stack.extend(entry.get("sections", []))
    return files


def source_of(entry):
    matches = [p for p in (ROOT / f"{entry}.md", ROOT / f"{entry}.ipynb") if p.exists()]
    assert len(matches) == 1, f"{entry} should exist once as .md or .ipynb, found {matches}"
    return matches[0]


def built_page(chapter):
    page = BUILD / chapter.relative_to(ROOT).with_suffix(".html")
    assert page.exists(), f"{page} is missing: `make test` builds the book first (or run `make book`)"
    return page.read_text(encoding="utf-8")


def test_table_of_contents_lists_only_pages_that_exist():
    for entry in toc_files():
        source_of(entry)


def test_every_chapter_notebook_is_in_the_table_of_contents():
    listed = {source_of(entry) for entry in toc_files()}
    assert set(CHAPTERS) <= listed


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapters_are_stored_without_outputs(chapter):
    notebook = nbformat.read(chapter, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"cell {cell.id} has stored output"
    assert "widgets" not in notebook.metadata


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapters_open_as_notebooks_anywhere(chapter):
    notebook = nbformat.read(chapter, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    assert all(cell.get("id") for cell in notebook.cells)


def widget_state(html):
    match = re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>', html, re.DOTALL)
    assert match, "the page carries no saved widget state"
    return json.loads(match.group(1))["state"]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_built_widgets_show_a_figure_without_a_kernel(chapter):
    html = built_page(chapter)
    state = widget_state(html)
    views = re.findall(r'"model_id": "([0-9a-f]{32})"', html)
    assert views, "no widget views on the page"
    for model_id in views:
        assert model_id in state, f"view {model_id} has no saved state"
    images = [m for m in state.values() if m["model_name"] == "ImageModel"]
    assert len(images) >= len(views)  # one figure per widget, and a saved frame per position of a live control
    for image in images:  # binary traits are saved base64-encoded in "buffers"
        values = [b["data"] for b in image.get("buffers", []) if b["path"] == ["value"]]
        assert values and base64.b64decode(values[0]).startswith(b"\x89PNG"), "a widget's figure was saved empty"
