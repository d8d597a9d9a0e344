"""What every widget of the course promises, checked for each exported widget and each control."""

import io

import numpy as np
import pytest
from matplotlib.text import Text
from PIL import Image

import productive_forces.widgets as course_widgets
from productive_forces.widgets import RevolutionTimeline, TfpExplorer
from productive_forces.widgets.base import (
    LAUNCH_OPTIONS, STATIC_VARIABLE, TEXT_POINTS, FigureWidget, control_values, plain_text,
)

WIDGETS = [getattr(course_widgets, name) for name in course_widgets.__all__]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def artists(figure):
    return [artist for axes in figure.axes for artist in axes.get_children()]


def another_value(control):
    return next(value for value in control_values(control) if value != control.value)


@pytest.mark.parametrize("make", WIDGETS, ids=lambda cls: cls.__name__)
def test_default_state_is_a_figure_with_a_caption_that_says_what_the_numbers_are(make):
    explorer = make()
    assert isinstance(explorer, FigureWidget)
    assert bytes(explorer.image.value).startswith(PNG_SIGNATURE)
    caption = explorer.caption.value.lower()
    assert any(word in caption for word in ("illustrat", "penn world table", "maddison")), caption


@pytest.mark.parametrize("make", WIDGETS, ids=lambda cls: cls.__name__)
def test_every_control_moves_the_same_artists_and_changes_the_picture(make):
    explorer = make()
    for name, control in explorer.controls.items():
        before_artists, before_image = artists(explorer.figure), bytes(explorer.image.value)
        control.value = another_value(control)
        assert artists(explorer.figure) == before_artists, name
        assert bytes(explorer.image.value) != before_image, name


@pytest.mark.parametrize("make", WIDGETS, ids=lambda cls: cls.__name__)
def test_partial_redraws_leave_the_same_pixels_as_a_full_redraw(make):
    explorer = make()
    for _ in range(2):
        for control in explorer.controls.values():
            control.value = another_value(control)
    partial = np.asarray(explorer.canvas.buffer_rgba()).copy()
    explorer.render(full=True)
    assert np.array_equal(partial, np.asarray(explorer.canvas.buffer_rgba()))


def decoded(png):
    return np.asarray(Image.open(io.BytesIO(bytes(png))).convert("RGB"))


@pytest.mark.parametrize("make", WIDGETS, ids=lambda cls: cls.__name__)
def test_no_text_is_smaller_than_the_legible_size_and_the_alt_text_follows_the_readout(make):
    explorer = make()
    for name, control in explorer.controls.items():
        control.value = another_value(control)
        sizes = [text.get_fontsize() for text in explorer.figure.findobj(Text) if text.get_text().strip()]
        assert min(sizes) >= TEXT_POINTS - 1e-9, name
        alt = explorer.image.tooltip
        assert alt.startswith(explorer.description), name
        assert plain_text(explorer.readout.value) in alt, name
        assert "<" not in alt, alt


@pytest.mark.parametrize("make", WIDGETS, ids=lambda cls: cls.__name__)
def test_the_image_after_every_change_decodes_to_a_full_redraw(make):
    explorer = make()
    for name, control in explorer.controls.items():
        control.value = another_value(control)
        shown = decoded(explorer.image.value)
        explorer.render(full=True)
        assert np.array_equal(shown, decoded(explorer.image.value)), name


@pytest.fixture
def static_site(monkeypatch):
    monkeypatch.setenv(STATIC_VARIABLE, "1")


@pytest.mark.parametrize("make", [TfpExplorer, RevolutionTimeline], ids=lambda cls: cls.__name__)
def test_each_saved_frame_is_a_full_redraw_of_the_widget_at_that_position(make, static_site):
    explorer = make()
    frames = explorer.frames.children
    positions = explorer.live_positions()
    assert len(frames) == len(explorer.live_slider.options) >= len(positions)
    assert sum(len(frame.children[0].value) for frame in frames) <= 250_000
    for frame, value in zip(frames, _frame_values(explorer)):
        fresh = make(**{_argument(make): value})
        image, readout = frame.children
        assert np.array_equal(decoded(image.value), decoded(fresh.image.value)), value
        assert readout.value == fresh.readout.value
        assert image.tooltip == fresh.image.tooltip
    assert explorer.frames.selected_index == explorer.live_slider.index


@pytest.mark.parametrize("make", WIDGETS, ids=lambda cls: cls.__name__)
def test_on_the_static_site_every_other_control_is_disabled_with_a_note_to_open_the_page_live(make, static_site):
    explorer = make()
    fixed = [name for name in explorer.controls if name != explorer.live_control]
    assert all(explorer.controls[name].disabled for name in fixed)
    assert LAUNCH_OPTIONS in explorer.fixed_note.value
    shown = explorer.view.children[0].children
    assert all(explorer.controls[name] in shown for name in fixed)
    if explorer.live_control:
        assert explorer.live_slider in shown and not explorer.live_slider.disabled


def _argument(make):
    return {"TfpExplorer": "tfp_growth", "RevolutionTimeline": "year"}[make.__name__]


def _frame_values(explorer):
    """The live control's value in each frame, as the widget's constructor takes it."""
    labels = explorer.live_slider.options
    if isinstance(explorer, TfpExplorer):
        return [float(label) / 100 for label in labels]
    return [int(label) for label in labels]
