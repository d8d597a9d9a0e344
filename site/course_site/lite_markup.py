"""The live (JupyterLite) copies of the chapters read as prose: MyST roles become text and links.

JupyterLab renders a notebook's Markdown without Sphinx, so the book's `{cite}`, `{doc}` and
`{bibliography}` markup would show raw. In the copies, a citation becomes its label as the book
prints it ("[Cai25]"), the bibliography a list of the works the notebook cites (formatted by
pybtex from book/references.bib, in the book's "plain" style with "alpha" labels), and a
document link a Markdown link to that notebook, or the link's text where the page is not a notebook.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]*)`")
DOC = re.compile(r"\{doc\}`(?:([^`<]*?)\s*<([^`>]+)>|([^`]+))`")
BIBLIOGRAPHY = re.compile(r"```\{bibliography\}[^\n]*\n((?::[^\n]*\n)*)```")
KEY_PREFIX = re.compile(r"(?m)^:keyprefix:\s*(\S+)")
#: The book's BibTeX file (bibtex_bibfiles in _config.yml).
BIBFILE = "book/references.bib"


@functools.lru_cache(maxsize=4)
def bibliography(bibfile):
    """{key: (label, Markdown text)} for every work in the BibTeX file."""
    from pybtex.database import parse_file
    from pybtex.plugin import find_plugin

    style = find_plugin("pybtex.style.formatting", "plain")(label_style="alpha")
    entries = parse_file(str(bibfile)).entries
    formatted = style.format_entries(style.sort(entries.values()))
    return {entry.key: (entry.label, " ".join(entry.text.render_as("markdown").split())) for entry in formatted}


def cited_keys(notebook):
    """Every citation key the notebook's Markdown cells cite, in order of first citation."""
    keys = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for match in CITE.finditer(cell.source):
                keys += [key.strip() for key in match.group(1).split(",") if key.strip() not in keys]
    return keys


def make_readable(notebook, bibfile, notebooks):
    """Write out the roles of every Markdown cell of the notebook, in place; returns the notebook.

    `notebooks` holds the page names that exist as notebooks beside this one.
    """
    works = bibliography(bibfile)
    cited = cited_keys(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = readable_markdown(cell.source, works, cited, notebooks)
    return notebook


def readable_markdown(source, works, cited, notebooks):
    def bib_key(key):  # a key may carry the bibliography's `:keyprefix:`, such as "ch2-"
        return key if key in works else key.split("-", 1)[-1]

    def cite(match):
        keys = [bib_key(key.strip()) for key in match.group(1).split(",")]
        return "[" + "; ".join(works[key][0] if key in works else key for key in keys) + "]"

    def doc(match):
        text, target = (match.group(1), match.group(2)) if match.group(2) else (match.group(3), match.group(3))
        name = Path(target.strip()).name
        return f"[{text or name}]({name}.ipynb)" if name in notebooks else f"*{text or name}*"

    def bibliography_list(match):
        prefix = (KEY_PREFIX.search(match.group(1)) or [None, ""])[1]
        keys = {bib_key(key) for key in cited if key.startswith(prefix)} & set(works)
        return "\n".join(f"- [{label}] {text}" for key, (label, text) in works.items() if key in keys)

    return BIBLIOGRAPHY.sub(bibliography_list, DOC.sub(doc, CITE.sub(cite, source)))
