"""Translate the Markdown of notebooks with gettext catalogues, one message per block of text.

A message is the text of one paragraph, heading, list-item paragraph or table cell, its lines
joined by spaces: the same unit, with the same text, as Sphinx's gettext builder extracts from a
MyST page. So the book's catalogues translate the live copies of the chapters too, and the
exercises' catalogues are written in the same form. Directives (```` ```{note} ````, ``:::``)
are entered, and an admonition's title is a message of its own; maths blocks and code are left
alone. Needs markdown-it-py with MyST's settings (the ``book`` extra), not the package's runtime.
"""

import copy
import re

#: MyST extensions the book enables (_config.yml's parse settings), which change how blocks split.
MYST_EXTENSIONS = {"dollarmath", "colon_fence", "substitution", "tasklist", "linkify"}
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<argument>.*)$")
#: Directives whose argument is text to translate.
TITLED = {"admonition", "dropdown", "note", "tip", "important", "warning", "seealso", "attention", "hint"}
_parser = None


def _markdown():
    global _parser
    if _parser is None:
        from markdown_it.renderer import RendererHTML
        from myst_parser.config.main import MdParserConfig
        from myst_parser.parsers.mdit import create_md_parser

        _parser = create_md_parser(MdParserConfig(enable_extensions=MYST_EXTENSIONS), RendererHTML)
    return _parser


def message_of(content):
    """A block's text as a catalogue message: its lines joined by spaces."""
    return content.replace("\n", " ").strip()


def _blocks(text):
    """(first line, end line, content, kind) of each translatable block, in order.

    kind is "text" for a paragraph, heading or cell, "fence" for a directive whose body and title
    are translated on their own.
    """
    found = []
    for token in _markdown().parse(text):
        if token.type == "inline" and token.map and token.content.strip():
            found.append((token.map[0], token.map[1], token.content, "text"))
        elif token.type in ("fence", "colon_fence") and _DIRECTIVE.match(token.info.strip()):
            found.append((token.map[0], token.map[1], token.content, "fence"))
    return found


def _directive_parts(info, body):
    """The directive's title (or None), its option lines and the text of its body."""
    match = _DIRECTIVE.match(info.strip())
    title = match.group("argument").strip() if match.group("name") in TITLED else ""
    lines = body.splitlines(keepends=True)
    options = []
    while lines and lines[0].startswith(":") and not lines[0].startswith(":::"):
        options.append(lines.pop(0))
    return title or None, options, "".join(lines)


def messages(text):
    """Every message in a Markdown text, in order, each once."""
    found = []
    lines = text.splitlines()
    for start, end, content, kind in _blocks(text):
        if kind == "text":
            found.append(message_of(content))
            continue
        title, _options, body = _directive_parts(_info(lines[start]), content)
        if title:
            found.append(message_of(title))
        found += messages(body)
    return list(dict.fromkeys(found))


def _info(line):
    """The info string of a fence's opening line: what follows the backticks or colons."""
    return line.strip().lstrip("`:~").strip()


def translate(text, lookup):
    """The Markdown text with every block whose message `lookup` knows replaced by its translation.

    `lookup(message)` returns the translation, or a false value to keep the English.
    """
    lines = text.splitlines()
    for start, end, content, kind in reversed(_blocks(text)):
        if kind == "fence":
            opening, closing = lines[start], lines[end - 1]
            info = _info(opening)
            title, options, body = _directive_parts(info, content)
            if title and lookup(message_of(title)):
                opening = opening[: opening.rindex(title)] + lookup(message_of(title))
            lines[start:end] = [opening, *[option.rstrip("\n") for option in options], *translate(body, lookup).splitlines(), closing]
            continue
        new = lookup(message_of(content))
        if not new:
            continue
        first = content.splitlines()[0]
        if end - start == 1:
            lines[start] = lines[start].replace(first, new, 1) if first in lines[start] else lines[start]
        else:
            prefix = lines[start][: lines[start].find(first)] if first in lines[start] else ""
            lines[start:end] = [prefix + new]
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


def translate_notebook(notebook, lookup):
    """A copy of the notebook whose Markdown cells are translated (code cells are unchanged)."""
    translated = copy.deepcopy(notebook)
    for cell in translated.cells:
        if cell.cell_type == "markdown":
            cell.source = translate(cell.source, lookup)
    return translated


def notebook_messages(notebook):
    """Every message of a notebook's Markdown cells, in order, each once."""
    found = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            found += messages(cell.source)
    return list(dict.fromkeys(found))
