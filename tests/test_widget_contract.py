"""What every widget of the course promises, checked for each exported widget and each control."""

import numpy as np
import pytest

import productive_forces.widgets as course_widgets
from productive_forces.widgets.base import FigureWidget, control_values

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
