"""The widgets' base class on a small widget of its own: every picture a reader sees, pixel for pixel.

A tiny explorer (a line whose height a slider sets, a colour a dropdown sets, a title that follows
the slider) is built on FigureWidget as the course's widgets are. After each control change the
PNG the reader's browser receives must be exactly what a fresh widget in that state draws, through
the partial redraw, the full redraw and the kept backgrounds alike. On the static site each saved
frame must be the full picture at its position, the other controls greyed out with a note that
links to the live ways of opening the page. The small helpers (values a control is moved through,
the PNG encoding, alt text) are checked on what they give a reader.
"""

import io

import ipywidgets as widgets
import numpy as np
import pytest
from PIL import Image

from productive_forces.i18n import speaking
from productive_forces.widgets import base
from productive_forces.widgets.base import (
    FIGURE_WIDTH, LAUNCH_OPTIONS, STATIC_VARIABLE, TEXT_PIXELS, TEXT_POINTS, FigureWidget, Layer, control_values,
)


class Bars(FigureWidget):
    """A line at a height the slider sets, in a colour the dropdown sets (which redraws the background)."""

    live_control = "height"

    def __init__(self, height=0.5, colour="tab:blue", live=True, keep_backgrounds=True, colour_control=True):
        if not live:
            self.live_control = None
        controls = {"height": widgets.FloatSlider(value=height, min=0.0, max=1.0, step=0.25, description="height")}
        self.fixed_colour = colour
        if colour_control:
            controls["colour"] = widgets.Dropdown(
                options=[("Blue", "tab:blue"), ("Red", "tab:red")], value=colour, description="colour"
            )
        super().__init__(2.0, controls, "A caption: illustrative numbers.", "A line at some height.")
        self.keep_backgrounds = keep_backgrounds
        self.axes = self.figure.add_subplot()
        self.axes.set_xlim(0, 1)
        self.axes.set_ylim(0, 1)
        self.axes.set_xlabel("x", fontsize=4)
        (self.line,) = self.axes.plot([0, 1], [height, height], linewidth=4)
        self.axes.set_title("height")
        self.layers = [Layer(self.axes, [self.line, self.axes.title], ("height",))]
        self.start()

    def update(self):
        height = self.controls["height"].value
        colour = self.chosen_colour()
        self.line.set_ydata([height, height])
        self.axes.set_title(f"height {height:g}")
        self.readout.value = f"<p>Height <b>{height:g}</b></p><p>colour &amp; style</p>"
        changed = self.axes.get_facecolor() != self._background_for(colour)
        self.axes.set_facecolor(self._background_for(colour))
        return changed

    @staticmethod
    def _background_for(colour):
        return (1.0, 0.9, 0.9, 1.0) if colour == "tab:red" else (0.9, 0.9, 1.0, 1.0)

    def background_key(self):
        return self.chosen_colour() if self.keep_backgrounds else None

    def chosen_colour(self):
        return self.controls["colour"].value if "colour" in self.controls else self.fixed_colour

    def live_positions(self):
        return [(f"{value:.0%}", value) for value in (0.0, 0.25, 1.0)]

    def _position_label(self, value):
        return f"{value:.0%}"


def picture(png):
    return np.asarray(Image.open(io.BytesIO(bytes(png))).convert("RGB"))


def fresh(**state):
    return picture(Bars(**state).image.value)


def test_each_change_shows_exactly_what_a_fresh_widget_in_that_state_draws():
    bars = Bars()
    moves = [("height", 0.75), ("colour", "tab:red"), ("height", 0.25), ("colour", "tab:blue"), ("height", 1.0)]
    state = {"height": 0.5, "colour": "tab:blue"}
    for name, value in moves:
        bars.controls[name].value = value
        state[name] = value
        assert np.array_equal(picture(bars.image.value), fresh(**state)), (name, value)
    assert not np.array_equal(fresh(height=0.25), fresh(height=0.75))
    assert not np.array_equal(fresh(colour="tab:red"), fresh(colour="tab:blue"))


def test_a_kept_background_is_the_same_picture_as_a_new_one():
    kept, drawn = Bars(), Bars(keep_backgrounds=False)
    for bars in (kept, drawn):
        for value in ("tab:red", "tab:blue", "tab:red"):
            bars.controls["colour"].value = value
        bars.controls["height"].value = 0.0
    assert set(kept._kept) == {"tab:blue", "tab:red"} and drawn._kept == {}
    assert np.array_equal(picture(kept.image.value), picture(drawn.image.value))


def test_the_image_is_one_column_wide_and_its_alt_text_follows_the_readout():
    bars = Bars()
    assert picture(bars.image.value).shape[1] == FIGURE_WIDTH
    assert bars.image.tooltip == "A line at some height. Height 0.5 colour & style"
    bars.controls["height"].value = 0.25
    assert bars.image.tooltip == "A line at some height. Height 0.25 colour & style"
    bars.readout.value = ""
    assert bars.alt_text() == "A line at some height. height 0.25"
    assert bars.image.description == "" and bars.image.layout.max_width == f"{FIGURE_WIDTH}px"


def test_alt_text_joins_the_titles_when_there_is_no_readout():
    bars = Bars()
    bars.readout.value = ""
    second = bars.figure.add_axes((0.6, 0.6, 0.2, 0.2))
    second.set_title("inset")
    assert bars.alt_text() == "A line at some height. height 0.5. inset"
    with speaking("zh_CN"):
        assert bars.alt_text() == "A line at some height. height 0.5。inset"


def test_no_text_in_the_figure_is_smaller_than_the_legible_size():
    bars = Bars()
    assert bars.axes.xaxis.label.get_fontsize() == TEXT_POINTS
    assert all(label.get_fontsize() >= TEXT_POINTS for label in bars.axes.get_xticklabels())
    assert TEXT_POINTS == TEXT_PIXELS * 72 / base.DPI


def test_a_layer_with_a_title_may_paint_the_line_above_its_axes_and_no_higher_than_the_figure():
    bars = Bars()
    box = bars.axes.bbox.padded(2)
    region = base._region(bars.layers[0])
    assert (region.x0, region.y0, region.x1) == (box.x0, box.y0, box.x1)
    assert region.y1 == min(box.y1 + 2.5 * TEXT_PIXELS, bars.figure.bbox.y1)
    untitled = base._region(Layer(bars.axes, [bars.line], ("height",)))
    assert untitled.y1 == box.y1


def test_the_view_is_controls_then_picture_then_readout_then_caption():
    bars = Bars()
    row, image, readout, caption = bars.view.children
    assert list(row.children) == list(bars.controls.values())
    assert (image, readout, caption) == (bars.image, bars.readout, bars.caption)
    assert row.layout.flex_flow == "row wrap"
    assert bars._repr_mimebundle_() == bars.view._repr_mimebundle_()
    assert base.control_layout().width == "330px" and base.control_layout().max_width == "100%"


def static(monkeypatch, **state):
    monkeypatch.setenv(STATIC_VARIABLE, "1")
    return Bars(**state)


def test_on_the_static_site_each_saved_frame_is_the_full_picture_at_its_position(monkeypatch):
    bars = static(monkeypatch, height=0.5)
    row, note, stack, caption = bars.view.children
    slider, colour = row.children
    assert isinstance(slider, widgets.SelectionSlider) and slider.description == "height"
    assert list(slider.options) == ["0%", "25%", "50%", "100%"]  # the starting state is a frame too
    assert slider.value == "50%" and stack.selected_index == 2
    assert "course-frames" in stack._dom_classes
    assert colour.disabled and caption is bars.caption
    for frame, height in zip(stack.children, (0.0, 0.25, 0.5, 1.0)):
        image, readout = frame.children
        assert np.array_equal(picture(image.value), fresh(height=height)), height
        assert readout.value == f"<p>Height <b>{height:g}</b></p><p>colour &amp; style</p>"
        assert image.tooltip == f"A line at some height. Height {height:g} colour & style"
    assert bars.controls["height"].value == 0.5
    assert np.array_equal(picture(bars.image.value), fresh(height=0.5))
    assert (bars._link.source, bars._link.target) == ((slider, "index"), (stack, "selected_index"))
    assert note.value == (
        "<small class='course-fixed-note'>Greyed-out controls are fixed on the website: "
        f"<a href=\"{LAUNCH_OPTIONS}\">open this page live</a> to move them.</small>"
    )


def test_a_saved_frame_is_stored_in_fewer_bytes_with_the_same_pixels(monkeypatch):
    bars = static(monkeypatch)
    frame = bars.frames.children[0].children[0]
    live = Bars(height=0.0).image.value
    assert np.array_equal(picture(frame.value), picture(live))
    assert len(frame.value) <= len(live)


def test_on_the_static_site_a_widget_without_a_live_control_says_every_control_is_fixed(monkeypatch):
    bars = static(monkeypatch, live=False)
    row, note, image, readout, caption = bars.view.children
    assert all(control.disabled for control in row.children)
    assert (image, readout, caption) == (bars.image, bars.readout, bars.caption)
    assert note.value == (
        "<small class='course-fixed-note'>Fixed on the website: "
        f"<a href=\"{LAUNCH_OPTIONS}\">open this page live</a> to move these controls.</small>"
    )


def test_the_static_site_note_reads_in_chinese(monkeypatch):
    with speaking("zh_CN"):
        bars = static(monkeypatch)
    assert LAUNCH_OPTIONS in bars.fixed_note.value and not bars.fixed_note.value.isascii()


@pytest.mark.parametrize("value, static_site", [("1", True), ("0", False), ("", False), ("yes", False)])
def test_only_the_book_build_turns_on_the_static_site(monkeypatch, value, static_site):
    monkeypatch.setenv(STATIC_VARIABLE, value)
    assert base.saving_for_static_site() is static_site


def test_controls_are_moved_through_values_spread_over_their_range():
    assert control_values(widgets.FloatSlider(min=0.0, max=1.0), count=5) == [0.0, 0.25, 0.5, 0.75, 1.0]
    steps = control_values(widgets.IntSlider(min=0, max=10), count=3)
    assert steps == [0, 5, 10] and all(type(step) is int for step in steps)  # an IntSlider takes whole numbers
    assert control_values(widgets.IntRangeSlider(min=1900, max=2000)) == [(1900, 2000), (1950, 2000), (1900, 1950), (1990, 2000)]
    odd = control_values(widgets.IntRangeSlider(min=0, max=5))
    assert odd == [(0, 5), (2, 5), (0, 2), (0, 5)] and all(type(end) is int for pair in odd for end in pair)
    assert control_values(widgets.IntRangeSlider(min=0, max=4)) == [(0, 4), (2, 4), (0, 2), (0, 4)]
    assert control_values(widgets.Dropdown(options=[("China", "CHN"), ("Korea", "KOR")])) == ["CHN", "KOR"]
    assert control_values(widgets.ToggleButtons(options=["a", "b"])) == ["a", "b"]
    assert len(control_values(widgets.FloatSlider())) == 9
    with pytest.raises(TypeError, match="no values known for a Text"):
        control_values(widgets.Text())


def test_a_png_has_the_canvass_pixels_in_at_most_128_colours():
    bars = Bars()
    image = Image.open(io.BytesIO(bars.image.value))
    assert image.format == "PNG" and image.size == bars.canvas.get_width_height()
    assert len(image.convert("RGB").getcolors(maxcolors=256)) <= 128
    canvas = np.asarray(bars.canvas.buffer_rgba())[..., :3].astype(int)
    assert np.abs(picture(bars.image.value).astype(int) - canvas).mean() < 2  # the palette is close to the canvas


def test_plain_text_is_what_a_screen_reader_says():
    assert base.plain_text("<p>Growth <b>2%</b></p><p>a year</p>") == "Growth 2% a year"
    assert base.plain_text("one<br>two<br/>three") == "one two three"
    assert base.plain_text("<ul><li>first</li><li>second</li></ul>") == "first second"
    assert base.plain_text("R&amp;D &lt; 3%  and\nmore") == "R&D < 3% and more"
    assert base.plain_text("<pre>x</pre>y") == "xy"


def test_a_subclass_must_say_how_it_updates_and_where_its_frames_are():
    widget = FigureWidget.__new__(FigureWidget)
    with pytest.raises(NotImplementedError):
        widget.update()
    with pytest.raises(NotImplementedError):
        widget.live_positions()
    assert widget.background_key() is None and widget._position_label(0.5) == "0.5"


def test_the_caption_says_what_the_numbers_are():
    assert Bars().caption.value == "A caption: illustrative numbers."


def test_tick_labels_drawn_after_the_start_are_legible_too():
    bars = Bars()
    bars.axes.set_xlim(0, 1000)  # new ticks, new labels
    bars.canvas.draw()
    labels = [label for label in bars.axes.get_xticklabels() if label.get_text()]
    assert labels and all(label.get_fontsize() >= TEXT_POINTS for label in labels)


def test_every_picture_scales_to_the_screen_up_to_one_column(monkeypatch):
    """On a phone the figure shrinks with the page and keeps its shape; the controls wrap onto new lines."""
    bars = Bars()
    row, image, readout, caption = bars.view.children
    assert (image.layout.width, image.layout.max_width, image.layout.height) == ("100%", f"{FIGURE_WIDTH}px", "auto")
    assert bars.view.layout.width == readout.layout.width == "100%"
    assert (row.layout.display, row.layout.flex_flow, row.layout.width) == ("flex", "row wrap", "100%")
    static_bars = static(monkeypatch)
    slider = static_bars.live_slider
    assert slider.style.description_width == "initial"  # the label takes the room it needs, never cut short
    assert (slider.layout.width, slider.layout.max_width) == ("330px", "100%")
    assert static_bars.frames.layout.width == "100%"
    for frame in static_bars.frames.children:
        image, readout = frame.children
        assert (image.layout.width, image.layout.max_width, image.layout.height) == ("100%", f"{FIGURE_WIDTH}px", "auto")
        assert readout.layout.width == "100%"


def test_a_widget_whose_only_control_is_live_has_no_note_about_fixed_controls(monkeypatch):
    bars = static(monkeypatch, colour_control=False)
    row, stack, caption = bars.view.children
    assert list(row.children) == [bars.live_slider] and stack is bars.frames and caption is bars.caption
