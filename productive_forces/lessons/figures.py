"""A chapter's static figure: a PNG with alt text and a caption, shown as an HTML ``<figure>``.

A cell that ends with a :class:`CaptionedFigure` shows, in Jupyter and in the book, an ``<img>``
whose ``alt`` says what the figure shows and a ``<figcaption>`` under it that names its sources.
Both are text: ``&``, ``<``, ``>`` and quotes in them are escaped, so a translation cannot break
the page. The figure is drawn like the widgets' figures (``FIGURE_WIDTH`` pixels wide, no text
under ``TEXT_PIXELS``) and never shown wider than it was drawn, so its smallest text is 14 CSS px
on a desktop page and at least 9 on a 390 px phone.
"""

import base64
import io
from html import escape

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from ..i18n import current_language
from ..widgets.base import DPI, FIGURE_WIDTH, TEXT_POINTS


def new_figure(height):
    """An empty figure as wide as the widgets' figures, `height` inches tall, in the reader's language's font."""
    current_language()  # a language set by the environment also sets the CJK font before any text exists
    return Figure(figsize=(FIGURE_WIDTH / DPI, height), dpi=DPI, layout="constrained")


class CaptionedFigure:
    """A matplotlib figure with its alt text and caption, shown as HTML by Jupyter's display."""

    def __init__(self, figure, alt, caption):
        buffer = io.BytesIO()
        FigureCanvasAgg(figure).print_png(buffer)  # drawing makes the tick labels, checked next
        for text in figure.findobj(Text):
            if text.get_visible() and text.get_text() and text.get_fontsize() < TEXT_POINTS:
                raise ValueError(f"figure text {text.get_text()!r} is smaller than {TEXT_POINTS:g} points")
        self.figure, self.alt, self.caption, self.png = figure, alt, caption, buffer.getvalue()

    def _repr_html_(self):
        source = base64.b64encode(self.png).decode("ascii")
        return (
            '<figure class="course-figure" style="margin:0 0 1em 0">'
            f'<img alt="{escape(self.alt)}" src="data:image/png;base64,{source}" '
            f'style="width:100%;max-width:{FIGURE_WIDTH}px;height:auto">'
            f"<figcaption>{escape(self.caption, quote=False)}</figcaption></figure>"
        )
