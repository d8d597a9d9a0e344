"""The plain HTML tables the chapters display, with every cell escaped.

Captions, headers and cells are text: ``&``, ``<`` and ``>`` in them are escaped, so a name or a
translation can never break the page or inject markup. Markup the caller means (a bold word) is
passed as :class:`Markup`, built with :func:`bold`, and is inserted as it is.
"""

from html import escape

from IPython.display import HTML

from ..i18n import _


class Markup(str):
    """A piece of HTML the caller built on purpose: inserted into a table without escaping."""


def text(value):
    """`value` as HTML: escaped, unless it is already :class:`Markup`."""
    if isinstance(value, Markup):
        return str(value)
    return escape(str(value), quote=False)  # element content: quotes need no escaping


def bold(value):
    """`value` (escaped) in bold, as :class:`Markup`."""
    return Markup(f"<b>{text(value)}</b>")


def table_html(caption, header, rows, numbers=True):
    """The HTML of a table: the first column left-aligned, the others right-aligned if `numbers`."""
    head = "".join(f"<th>{text(cell)}</th>" for cell in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="text-align:{"right" if numbers and i > 0 else "left"}">{text(cell)}</td>'
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><caption>{text(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_table(caption, header, rows, numbers=True):
    """The table as an object that a notebook displays (``display(html_table(...))``)."""
    return HTML(table_html(caption, header, rows, numbers))


def data_name(name):
    """A name from :mod:`productive_forces.data` (an economy, a country) in the reader's language.

    The data's names are translated in the data's own catalogue; looking them up here keeps a
    table right whether the data hands out English names or names already translated.
    """
    return _(name)


def listing(items):
    """Items joined into one list in the reader's language (a comma in English)."""
    # TRANSLATORS: the separator between the items of a list, e.g. "Britain 5, United States 3".
    return _(", ").join(items)
