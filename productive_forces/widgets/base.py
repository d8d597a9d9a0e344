"""A figure shown as an ipywidgets Image, redrawn in place when a control changes.

Rendering to PNG bytes (rather than through a plotting backend) keeps the default figure in the
saved widget state, so the built static page shows it, and the same code runs in Binder,
JupyterLab, Colab and JupyterLite.

Speed comes from blitting: the axes, ticks and legends are drawn once into a cached background;
a slider move redraws only the artists it changes (marked animated) over that background. A
change that moves the axes themselves (another economy, say) asks for a full redraw.

Figures are one column, `FIGURE_WIDTH` pixels wide, with no text smaller than `TEXT_PIXELS`: shown
at that width on a desktop page and shrunk to about 350 CSS pixels on a phone, the smallest text
stays at least 11 and 9 CSS pixels tall. The image's alt text (its `tooltip`, which the renderer
writes as the image's title) says what the figure shows and follows the readout.

On the static site (the book build sets ``PRODUCTIVE_FORCES_STATIC_WIDGETS=1``) there is no Python
behind the page. A widget then saves one frame per position of its `live_control`, each a full
redraw of the figure with its readout and alt text, in an ipywidgets `Stack` whose index is
jslinked to a slider: the browser's widget manager switches frames with no Python. Its other
controls are disabled, with a note that links to the ways of opening the page live.
"""

import html
import io
import os
import re
from typing import NamedTuple

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox
from PIL import Image
from traitlets import Unicode

from ..i18n import N_, _, current_language


# Every text a reader sees is translated with `_` when a widget is built (the readout's templates
# too), so that redraws do no lookups and a widget keeps the language it was built in.
ILLUSTRATIVE = N_("Illustrative parameters, not estimates")
# The label takes the width its text needs, so that it is never cut short.
SLIDER_STYLE = {"description_width": "initial"}
PLAIN_NUMBERS = FuncFormatter(lambda value, _position: f"{value:g}")
DPI = 80
FIGURE_WIDTH = 520  # pixels
TEXT_PIXELS = 14  # the smallest text in a figure, in the image's pixels
TEXT_POINTS = TEXT_PIXELS * 72 / DPI
STATIC_VARIABLE = "PRODUCTIVE_FORCES_STATIC_WIDGETS"
LAUNCH_OPTIONS = "student_guide.html#four-ways-to-open-a-notebook"


def saving_for_static_site():
    """True when the widgets are being built into the static website, with no Python behind it."""
    return os.environ.get(STATIC_VARIABLE) == "1"


def control_values(control, count=9):
    """Distinct values spread over a control's range: what the tests and the benchmark move it through."""
    if isinstance(control, widgets.IntRangeSlider):
        low, high = control.min, control.max
        middle = low + (high - low) // 2
        return [(low, high), (middle, high), (low, middle), (max(low, high - 10), high)]
    if isinstance(control, (widgets.FloatSlider, widgets.IntSlider)):
        values = np.linspace(control.min, control.max, count)
        return [int(v) for v in values] if isinstance(control, widgets.IntSlider) else [float(v) for v in values]
    if hasattr(control, "options"):
        return [option[1] if isinstance(option, tuple) else option for option in control.options]
    raise TypeError(f"no values known for a {type(control).__name__}")


def control_layout():
    """A control as wide as two fit side by side on a desktop page and one fills a phone screen."""
    return widgets.Layout(width="330px", max_width="100%")


def encode_png(canvas):
    """The canvas as a PNG with a 128-colour palette: a third of the bytes and time of full colour."""
    size = canvas.get_width_height()
    picture = Image.frombuffer("RGBA", size, canvas.buffer_rgba()).convert("RGB")
    buffer = io.BytesIO()
    picture.quantize(128, method=Image.Quantize.FASTOCTREE).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def compact_png(png):
    """The same pixels in fewer bytes: slower to encode, for frames saved once into the website."""
    buffer = io.BytesIO()
    Image.open(io.BytesIO(png)).save(buffer, format="png", optimize=True)
    return buffer.getvalue()


def plain_text(markup):
    """The words of an HTML fragment, as a screen reader would say them."""
    words = re.sub(r"<[^>]+>", "", re.sub(r"<(br|li|p|/li|/p)\b[^>]*>", " ", markup))
    return " ".join(html.unescape(words).split())


class DescribedImage(widgets.Image):
    """An ipywidgets Image whose tooltip (the figure's alt text) reaches the page.

    ipywidgets 8's view shows a tooltip as the element's title only when the model's
    `description` is empty, and Image has no description: reading it throws, and the whole
    widget fails to render. Sending an empty one makes the tooltip the image's title.
    """

    description = Unicode("").tag(sync=True)


class Layer(NamedTuple):
    """Artists in one axes that change together, and the controls that change them."""

    axes: Axes
    artists: list
    controls: tuple


class FigureWidget:
    """Base for the course's explorers: controls above a figure that callbacks redraw.

    Subclasses build their artists, group the ones that change into `layers`, and implement
    `update()`, which moves them and returns True when the background must be redrawn too. A
    control's change then redraws only the layers that list it, over the cached background.

    A subclass may name a `live_control` and its `live_positions()`: the control that stays live on
    the static site, through frames saved for those positions.
    """

    dpi = DPI
    live_control = None

    def __init__(self, height, controls, caption, description):
        current_language()  # a language set by the environment also sets the CJK font before any text exists
        self.figure = Figure(figsize=(FIGURE_WIDTH / DPI, height), dpi=DPI, layout="constrained")
        self.canvas = FigureCanvasAgg(self.figure)
        self.controls = controls
        self.description = description
        self.layers = []
        self._backgrounds = {}
        self._kept = {}
        self.image = DescribedImage(format="png", layout=_image_layout())
        # Numbers that change with the controls go in this line under the figure: text drawn in
        # the figure costs several milliseconds a redraw, and HTML is read by screen readers.
        self.readout = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.caption = widgets.HTML(caption)
        self.view = widgets.VBox(
            [_control_row(controls.values()), self.image, self.readout, self.caption],
            layout=widgets.Layout(width="100%"),
        )

    def start(self):
        """Draw the first state and begin listening to the controls (call at the end of __init__)."""
        for layer in self.layers:
            for artist in layer.artists:
                artist.set_animated(True)
        self._make_legible()
        self.update()
        self.canvas.draw()  # fixes the constrained layout once; later draws reuse it
        self.figure.set_layout_engine("none")
        self.render(full=True)
        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self._on_change(name), names="value")
        if saving_for_static_site():
            self.view.children = self._static_children()

    def _make_legible(self):
        """No text in the figure smaller than TEXT_POINTS, tick labels drawn later included."""
        for axes in self.figure.axes:
            for each in (axes, *axes.child_axes):
                each.tick_params(labelsize=TEXT_POINTS)
        for text in self.figure.findobj(Text):
            if text.get_fontsize() < TEXT_POINTS:
                text.set_fontsize(TEXT_POINTS)

    def _on_change(self, name):
        full = self.update()
        self.render(full=full, layers=[layer for layer in self.layers if name in layer.controls])

    def update(self):
        """Move the dynamic artists to match the controls; True if the background changed."""
        raise NotImplementedError

    def live_positions(self):
        """The live control's saved positions on the static site, as (label, value) pairs."""
        raise NotImplementedError

    def _position_label(self, value):
        return str(value)

    def alt_text(self):
        """What the figure shows, then what it says now: the readout, or the axes' titles."""
        titles = [axes.get_title() for axes in self.figure.axes if axes.get_title()]
        now = plain_text(self.readout.value) or _(". ").join(titles)
        return f"{self.description} {now}".strip()

    def background_key(self):
        """What the background depends on besides the widget's fixed artists; None: not worth keeping."""
        return None

    def render(self, full=False, layers=None):
        """Draw the figure into the image widget, redrawing the background only when asked.

        A background with a `background_key()` is kept, so that coming back to it (another
        economy chosen again, say) restores it instead of drawing every axis and label anew.
        """
        if full or not self._backgrounds or layers is None:
            key = self.background_key()
            if key is not None and key in self._kept:
                whole, self._backgrounds = self._kept[key]
                self.canvas.restore_region(whole)
            else:
                self.canvas.draw()
                self._backgrounds = {id(layer): self.canvas.copy_from_bbox(_region(layer)) for layer in self.layers}
                if key is not None:
                    self._kept[key] = (self.canvas.copy_from_bbox(self.figure.bbox), self._backgrounds)
            layers = self.layers
        else:
            for layer in layers:
                self.canvas.restore_region(self._backgrounds[id(layer)])
        for layer in layers:
            for artist in layer.artists:
                self.figure.draw_artist(artist)
        self.image.value = encode_png(self.canvas)
        self.image.tooltip = self.alt_text()

    def _static_children(self):
        """The view for the static site: fixed controls disabled, the live one switching saved frames."""
        row, fixed = [], []
        for name, control in self.controls.items():
            if name == self.live_control:
                self.live_slider, self.frames = self._saved_frames(control)
                row.append(self.live_slider)
            else:
                control.disabled = True
                fixed.append(control)
                row.append(control)
        note = _("Greyed-out controls are fixed on the website: <a href=\"{url}\">open this page live</a> to move them.")
        if not self.live_control:
            note = _("Fixed on the website: <a href=\"{url}\">open this page live</a> to move these controls.")
        self.fixed_note = widgets.HTML(f"<small class='course-fixed-note'>{note.format(url=LAUNCH_OPTIONS)}</small>")
        figure = [self.image, self.readout]
        if self.live_control:
            figure = [self.frames]
        return [_control_row(row), *([self.fixed_note] if fixed else []), *figure, self.caption]

    def _saved_frames(self, control):
        """One full redraw per live position, in a Stack that a slider's index switches in the browser."""
        start = control.value
        positions = self.live_positions()
        if start not in [value for _label, value in positions]:  # the widget's starting state is a frame too
            positions = sorted([*positions, (self._position_label(start), start)], key=lambda position: position[1])
        frames = []
        for _label, value in positions:
            control.value = value
            self.render(full=True)
            frames.append(widgets.VBox([
                DescribedImage(value=compact_png(self.image.value), format="png", layout=_image_layout(),
                              tooltip=self.image.tooltip),
                widgets.HTML(self.readout.value, layout=widgets.Layout(width="100%")),
            ]))
        control.value = start
        self.render(full=True)
        values = [value for _label, value in positions]
        slider = widgets.SelectionSlider(
            options=[label for label, _value in positions], index=values.index(start),
            description=control.description, style=SLIDER_STYLE, layout=control_layout(),
        )
        stack = widgets.Stack(frames, selected_index=slider.index, layout=widgets.Layout(width="100%"))
        stack.add_class("course-frames")  # the saved frames of the live control (tests find them by it)
        self._link = widgets.jslink((slider, "index"), (stack, "selected_index"))
        return slider, stack

    def _repr_mimebundle_(self, **kwargs):
        return self.view._repr_mimebundle_(**kwargs)


def _image_layout():
    return widgets.Layout(width="100%", max_width=f"{FIGURE_WIDTH}px", height="auto")


def _control_row(controls):
    return widgets.Box(list(controls), layout=widgets.Layout(display="flex", flex_flow="row wrap", width="100%"))


def _region(layer):
    """Pixels a layer may paint: the axes' plotting area, and the line above it if its title changes."""
    box = layer.axes.bbox.padded(2)  # whole pixels around the edges, where antialiasing spills over
    top = box.y1 + (2.5 * TEXT_PIXELS if layer.axes.title in layer.artists else 0)
    return Bbox.from_extents(box.x0, box.y0, box.x1, min(top, layer.axes.figure.bbox.y1))
