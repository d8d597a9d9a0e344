"""A figure shown as an ipywidgets Image, redrawn in place when a control changes.

Rendering to PNG bytes (rather than through a plotting backend) keeps the default figure in the
saved widget state, so the built static page shows it, and the same code runs in Binder,
JupyterLab, Colab and JupyterLite.

Speed comes from blitting: the axes, ticks and legends are drawn once into a cached background;
a slider move redraws only the artists it changes (marked animated) over that background. A
change that moves the axes themselves (another economy, say) asks for a full redraw.
"""

import io

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from PIL import Image

ILLUSTRATIVE = "Illustrative parameters, not estimates"
SLIDER_STYLE = {"description_width": "150px"}
PLAIN_NUMBERS = FuncFormatter(lambda value, _position: f"{value:g}")


def control_layout():
    """A control layout that wraps to the width of a phone screen."""
    return widgets.Layout(width="360px", max_width="100%")


def encode_png(canvas):
    """The canvas as a PNG with a 128-colour palette: a third of the bytes and time of full colour."""
    size = canvas.get_width_height()
    picture = Image.frombuffer("RGBA", size, canvas.buffer_rgba()).convert("RGB")
    buffer = io.BytesIO()
    picture.quantize(128, method=Image.Quantize.FASTOCTREE).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


class FigureWidget:
    """Base for the course's explorers: controls above a figure that callbacks redraw.

    Subclasses build their artists, list the ones that change in `dynamic_artists`, and implement
    `update()`, which moves those artists and returns True when the background must be redrawn.
    """

    dpi = 80

    def __init__(self, figsize, controls, caption):
        self.figure = Figure(figsize=figsize, layout="constrained")
        self.canvas = FigureCanvasAgg(self.figure)
        self.controls = controls
        self.dynamic_artists = []
        self._background = None
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width="100%", max_width="760px", height="auto")
        )
        self.caption = widgets.HTML(caption)
        row = widgets.Layout(display="flex", flex_flow="row wrap", width="100%")
        self.view = widgets.VBox(
            [widgets.Box(list(controls.values()), layout=row), self.image, self.caption],
            layout=widgets.Layout(width="100%"),
        )

    def start(self):
        """Draw the first state and begin listening to the controls (call at the end of __init__)."""
        for artist in self.dynamic_artists:
            artist.set_animated(True)
        self.update()
        self.canvas.draw()  # fixes the constrained layout once; later draws reuse it
        self.figure.set_layout_engine("none")
        self.render(full=True)
        for control in self.controls.values():
            control.observe(self._on_change, names="value")

    def _on_change(self, _change):
        self.render(full=self.update())

    def update(self):
        """Move the dynamic artists to match the controls; True if the background changed."""
        raise NotImplementedError

    def render(self, full=False):
        """Draw the figure into the image widget, redrawing the background only when asked."""
        if full or self._background is None:
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        else:
            self.canvas.restore_region(self._background)
        for artist in self.dynamic_artists:
            self.figure.draw_artist(artist)
        self.image.value = encode_png(self.canvas)

    def _repr_mimebundle_(self, **kwargs):
        return self.view._repr_mimebundle_(**kwargs)
