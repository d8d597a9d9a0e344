"""Each chapter in JupyterLab with a live kernel, as a Binder student meets it: run it, move a slider, read the figure.

A local JupyterLab (loopback, a random port and token, ended after the module) serves copies of the
book's chapter notebooks; Debian's Chromium, driven by Playwright and cut off from every other host,
opens each chapter and runs all of it with JupyterLab's own command. Then, for the chapter's first
widget, the test reads back the PNG the browser holds in the figure's <img> and compares its pixels
with the same widget drawn afresh in this process: first in its default state, then after five
presses of an arrow key on its first slider's handle. A figure that lags a move behind its
controls, stays empty, or never comes back from the kernel fails here.
"""

import time

import numpy as np
import pytest

from tests.live_lab import CHAPTERS, Chapter, JupyterLab, build_widget, decode, first_slider, full_redraw

pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")
pytest.importorskip("jupyterlab", reason="`make test` installs jupyterlab (the test extra)")

PRESSES = 5
#: The share of pixels that may differ between the browser's figure and the fresh drawing: 0.01 %,
#: a few dozen pixels (successive blits of the three-elements figure leave 12 stale ones in its top
#: right corner). One slider step changes 0.08 % to 2 % of a figure, and the test checks that it
#: could tell a figure one step behind from the right one.
SAME_PIXELS = 1e-4


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with JupyterLab(tmp_path_factory.mktemp("lab")) as server:
        yield server


def differing(shown, expected):
    """The fraction of pixels in which two RGB pictures differ (1.0 when their sizes differ)."""
    if shown.shape != expected.shape:
        return 1.0
    return float(np.any(shown != expected, axis=-1).mean())


def slider_moves(control, presses):
    """The arrow key that moves the slider towards its farther end, and its value after each press."""
    room_up = control.max - control.value >= presses * control.step - 1e-9
    sign = 1 if room_up else -1
    values = [control.value + sign * press * control.step for press in range(1, presses + 1)]
    values = [int(value) if isinstance(control.value, int) else round(value, 10) for value in values]
    return ("ArrowRight" if room_up else "ArrowLeft"), values


def wait_for_figure(chapter, expected, seconds=20):
    """The decoded figure once it matches `expected`, or the last one seen when time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        shown = decode(chapter.image_png()[0])
        if differing(shown, expected) <= SAME_PIXELS or time.monotonic() > deadline:
            return shown
        time.sleep(0.1)


@pytest.mark.parametrize("chapter_name", CHAPTERS)
def test_a_slider_moved_in_the_live_kernel_redraws_the_figure_to_its_new_state(lab, browser, chapter_name):
    context = lab.new_context(browser)
    try:
        chapter = Chapter(lab, context, chapter_name)
        chapter.run_all()
        assert chapter.errors() == []
        widget = build_widget(chapter_name)
        default = full_redraw(widget)
        shown = wait_for_figure(chapter, default)
        assert differing(shown, default) <= SAME_PIXELS, (
            f"{chapter_name}: after running the chapter, {differing(shown, default):.2%} of the figure's pixels "
            "differ from its default drawing"
        )

        position, name, control = first_slider(widget)
        key, values = slider_moves(control, PRESSES)
        target = values[-1]
        chapter.press(0, position, key, PRESSES)
        assert chapter.readout(0, position) == format(target, control.readout_format)  # d3's format, Python's too
        control.value = values[-2]
        one_step_behind = full_redraw(widget)
        control.value = target
        moved = full_redraw(widget)
        assert differing(moved, one_step_behind) > 3 * SAME_PIXELS, f"one step of {name} barely changes the figure"
        shown = wait_for_figure(chapter, moved)
        assert differing(shown, moved) <= SAME_PIXELS, (
            f"{chapter_name}: after moving {name} to {target}, {differing(shown, moved):.2%} of the figure's pixels "
            f"differ from a fresh drawing ({differing(shown, default):.2%} from the default figure)"
        )
        chapter.close()
        assert context.blocked == []
    finally:
        context.close()
