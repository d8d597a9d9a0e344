"""The live (JupyterLite) copies of the chapters read as prose: MyST roles and directives become Markdown.

JupyterLab renders a notebook's Markdown without Sphinx, so the book's `{cite}`, `{doc}` and
`{bibliography}` markup would show raw. In the copies, a citation becomes its label as the book
prints it ("[Cai25]"), the bibliography a list of the works the notebook cites (formatted by
pybtex from book/references.bib, in the book's "plain" style with "alpha" labels), and a
document link a Markdown link to that notebook, or the link's text where the page is not a notebook,
and a glossary `{term}` its text.

The teaching directives become what JupyterLab shows well: an `{admonition}` (key points, the
policy box) its title in bold over a block quote; a `{dropdown}` (a folded derivation) an HTML
`<details>` with the title as its summary; a `{quiz}` its question and numbered options, with
the right option and the explanation folded in a `<details>` labelled "Answer" in the edition's
language. Directives nest (a dropdown in an admonition); options such as `:class:` are dropped.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .messages import _

CITE = re.compile(r"\{cite(?::\w+)?\}`([^`]*)`")
DOC = re.compile(r"\{doc\}`(?:([^`<]*?)\s*<([^`>]+)>|([^`]+))`")
TERM = re.compile(r"\{term\}`(?:([^`<]*?)\s*<[^`>]+>|([^`]+))`")
BIBLIOGRAPHY = re.compile(r"```\{bibliography\}[^\n]*\n((?::[^\n]*\n)*)```")
KEY_PREFIX = re.compile(r"(?m)^:keyprefix:\s*(\S+)")
#: The book's BibTeX file (bibtex_bibfiles in _config.yml).
BIBFILE = "book/references.bib"
#: A directive's opening: its name and argument (the fence's info string, "{dropdown} Title").
DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<argument>.*)$")
OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")


@functools.cache
def markdown_parser():
    """markdown-it with the book's MyST extensions: it finds fences as Sphinx will."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions={"dollarmath", "colon_fence"}), RendererHTML)


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

    def term(match):
        return match.group(1) or match.group(2)

    readable = TERM.sub(term, DOC.sub(doc, CITE.sub(cite, written_out_directives(source))))
    return BIBLIOGRAPHY.sub(bibliography_list, readable)


def written_out_directives(source):
    """The Markdown with every `{admonition}`, `{dropdown}` and `{quiz}` fence written out, nested ones too."""
    lines = source.splitlines()
    fences = [t for t in markdown_parser().parse(source) if t.type in ("fence", "colon_fence") and t.level == 0]
    for fence in reversed(fences):
        match = DIRECTIVE.match(fence.info.strip())
        write = WRITERS.get(match.group("name")) if match else None
        if write is None:
            continue
        options, body = directive_options(fence.content)
        written = write(match.group("argument").strip(), options, written_out_directives(body).strip("\n"))
        if written is not None:
            start, end = fence.map
            lines[start:end] = written.splitlines()
    return "\n".join(lines) + ("\n" if source.endswith("\n") else "")


def directive_options(content):
    """({option: value}, body) of a directive's content: the `:key: value` lines that open it."""
    lines, options = content.splitlines(), {}
    while lines and OPTION.match(lines[0]):
        option = OPTION.match(lines.pop(0))
        options[option.group("key")] = option.group("value").strip()
    return options, "\n".join(lines)


def admonition(title, options, body):
    quoted = [f"> {line}".rstrip() for line in body.splitlines()]
    return "\n".join([f"> **{title}**", ">", *quoted])


def dropdown(title, options, body):
    return f"<details>\n<summary>{title}</summary>\n\n{body}\n\n</details>"


def quiz(argument, options, body):
    """Question, options, then the answer and explanation folded; None (left as written) if malformed.

    The book's build names a malformed quiz's file and line (site/course_site/quiz.py).
    """
    tokens = markdown_parser().parse(body)
    lists = [t for t in tokens if t.type == "ordered_list_open" and t.level == 0]
    if len(lists) != 1 or not options.get("answer", "").isdigit():
        return None
    start, end = lists[0].map
    items = [t for t in tokens if t.type == "list_item_open" and t.level == 1 and start <= t.map[0] < end]
    answer = int(options["answer"])
    if not 1 <= answer <= len(items):
        return None
    lines = body.splitlines()
    right = " ".join(line.strip() for line in lines[items[answer - 1].map[0]:items[answer - 1].map[1]] if line.strip())
    right = re.sub(r"^\d+[.)]\s*", "", right)
    question, choices, explanation = ("\n".join(part).strip("\n") for part in (lines[:start], lines[start:end], lines[end:]))
    label = _("Answer")
    return (
        f"{question}\n\n{choices}\n\n<details>\n<summary>{label}</summary>\n\n"
        f"**{answer}. {right}**\n\n{explanation}\n\n</details>"
    )


#: How each directive is written out, by name.
WRITERS = {"admonition": admonition, "dropdown": dropdown, "quiz": quiz}
