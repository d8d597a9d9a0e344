"""A figure shown as an ipywidgets Image, redrawn in place when a control changes.

Rendering to PNG bytes (rather than through a plotting backend) keeps the default figure in the
saved widget state, so the built static page shows it, and the same code runs in Binder,
JupyterLab, Colab and JupyterLite.

Speed comes from blitting: the axes, ticks and legends are drawn once into a cached background;
a slider move redraws only the artists it changes (marked animated) over that background. A
change that moves the axes themselves (another economy, say) asks for a full redraw.
"""

import io
from typing import NamedTuple

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox
from PIL import Image

from ..i18n import N_, current_language


# Every text a reader sees is translated with `_` when a widget is built (the readout's templates
# too), so that redraws do no lookups and a widget keeps the language it was built in.
ILLUSTRATIVE = N_("Illustrative parameters, not estimates")
SLIDER_STYLE = {"description_width": "150px"}
PLAIN_NUMBERS = FuncFormatter(lambda value, _position: f"{value:g}")


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


def control_layout(width="360px"):
    """A control layout that wraps to the width of a phone screen."""
    return widgets.Layout(width=width, max_width="100%")


def encode_png(canvas):
    """The canvas as a PNG with a 128-colour palette: a third of the bytes and time of full colour."""
    size = canvas.get_width_height()
    picture = Image.frombuffer("RGBA", size, canvas.buffer_rgba()).convert("RGB")
    buffer = io.BytesIO()
    picture.quantize(128, method=Image.Quantize.FASTOCTREE).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


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
    """

    dpi = 80

    def __init__(self, figsize, controls, caption):
        current_language()  # a language set by the environment also sets the CJK font before any text exists
        self.figure = Figure(figsize=figsize, layout="constrained")
        self.canvas = FigureCanvasAgg(self.figure)
        self.controls = controls
        self.layers = []
        self._backgrounds = {}
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width="100%", max_width="760px", height="auto")
        )
        # Numbers that change with the controls go in this line under the figure: text drawn in
        # the figure costs several milliseconds a redraw, and HTML is read by screen readers.
        self.readout = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.caption = widgets.HTML(caption)
        row = widgets.Layout(display="flex", flex_flow="row wrap", width="100%")
        self.view = widgets.VBox(
            [widgets.Box(list(controls.values()), layout=row), self.image, self.readout, self.caption],
            layout=widgets.Layout(width="100%"),
        )

    def start(self):
        """Draw the first state and begin listening to the controls (call at the end of __init__)."""
        for layer in self.layers:
            for artist in layer.artists:
                artist.set_animated(True)
        self.update()
        self.canvas.draw()  # fixes the constrained layout once; later draws reuse it
        self.figure.set_layout_engine("none")
        self.render(full=True)
        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self._on_change(name), names="value")

    def _on_change(self, name):
        full = self.update()
        self.render(full=full, layers=[layer for layer in self.layers if name in layer.controls])

    def update(self):
        """Move the dynamic artists to match the controls; True if the background changed."""
        raise NotImplementedError

    def render(self, full=False, layers=None):
        """Draw the figure into the image widget, redrawing the background only when asked."""
        if full or not self._backgrounds or layers is None:
            self.canvas.draw()
            self._backgrounds = {id(layer): self.canvas.copy_from_bbox(_region(layer.axes)) for layer in self.layers}
            layers = self.layers
        else:
            for layer in layers:
                self.canvas.restore_region(self._backgrounds[id(layer)])
        for layer in layers:
            for artist in layer.artists:
                self.figure.draw_artist(artist)
        self.image.value = encode_png(self.canvas)

    def _repr_mimebundle_(self, **kwargs):
        return self.view._repr_mimebundle_(**kwargs)


def _region(axes):
    """Pixels a layer may paint: the axes' plotting area and the space above it for the title."""
    box = axes.bbox.padded(2)  # whole pixels around the edges, where antialiasing spills over
    return Bbox.from_extents(box.x0, box.y0, box.x1, axes.figure.bbox.y1)
