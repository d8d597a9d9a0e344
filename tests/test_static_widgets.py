"""The widgets on the built static site, in Chromium: legible figures, live frames, no dead control.

Uses the `site`, `browser` and `visit` fixtures of tests/conftest.py (the site under
COURSE_BUILD_DIR, served from localhost, every other host blocked).
"""

import pytest

from productive_forces.widgets.base import TEXT_PIXELS
from tests.site_browser import CHAPTERS, DESKTOP, PHONE, wait_for_widgets

LIVE = [edition + page for edition in ("", "zh/") for page in ("book/ch3_tfp.html", "book/ch4_revolutions.html")]
SMALLEST = {"desktop": 11, "phone": 9}


def shown_images(page):
    """Each visible widget figure: its natural and shown widths."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.widget-image')].filter(i => i.offsetParent !== null)
                 .map(i => ({natural: i.naturalWidth, shown: i.getBoundingClientRect().width, alt: i.title}))"""
    )


@pytest.mark.parametrize("path", CHAPTERS)
@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_the_smallest_text_of_every_figure_is_legible_where_it_is_read(visit, path, screen):
    opened = visit(DESKTOP if screen == "desktop" else PHONE, mobile=screen == "phone")
    page = opened.open(path)
    wait_for_widgets(page)
    images = shown_images(page)
    assert images
    for image in images:
        smallest = TEXT_PIXELS * image["shown"] / image["natural"]
        assert smallest >= SMALLEST[screen], f"{path} on a {screen}: text {smallest:.1f} CSS px"
        assert len(image["alt"]) > 40, image


def figure_pixels(root):
    """The shown frame's decoded pixels, drawn into a canvas."""
    return root.locator(".widget-image").first.evaluate(
        """image => { const canvas = document.createElement('canvas');
                      canvas.width = image.naturalWidth; canvas.height = image.naturalHeight;
                      const context = canvas.getContext('2d'); context.drawImage(image, 0, 0);
                      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
                      let hash = 0; for (let i = 0; i < data.length; i += 4) hash = (hash * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) >>> 0;
                      return hash; }"""
    )


def visible_figure(root):
    image = root.locator(".widget-image:visible").first
    readout = root.locator(".course-frames .widget-html:visible")  # each saved frame holds its own readout
    return figure_pixels(root.locator(".course-frames").first), image.get_attribute("title"), readout.nth(0).inner_text()


@pytest.mark.parametrize("path", LIVE)
def test_moving_the_live_control_redraws_its_figure_readout_and_alt_text(visit, path):
    opened = visit()
    page = opened.open(path)
    wait_for_widgets(page)
    root = page.locator(".cell_output .jupyter-widgets.widget-vbox").filter(has=page.locator(".course-frames")).first
    before = visible_figure(root)
    handle = root.locator(".widget-hslider .noUi-target:not([disabled]) .noUi-handle").first
    handle.focus()
    for _ in range(2):
        handle.press("ArrowRight")
    page.wait_for_timeout(500)
    after = visible_figure(root)
    assert after[0] != before[0], "the figure's pixels did not change"
    assert after[1] != before[1], "the alt text did not change"
    assert after[2] != before[2], "the readout did not change"
    opened.assert_clean(path)


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_control_either_moves_its_figure_or_is_disabled_with_the_note(visit, path):
    opened = visit()
    page = opened.open(path)
    views = wait_for_widgets(page)
    roots = page.locator(".cell_output .jupyter-widgets.widget-vbox")
    for index in range(views):
        root = roots.nth(index)
        controls = root.locator(".widget-slider, .widget-dropdown, .widget-hslider")
        # The renderer marks a disabled slider's track with a `disabled` attribute, a dropdown's select with :disabled.
        live = [i for i in range(controls.count())
                if not controls.nth(i).locator(".noUi-target[disabled], select:disabled, input:disabled").count()]
        if len(live) < controls.count():
            note = root.locator(".course-fixed-note a")
            assert note.count() == 1 and "student_guide.html#" in note.get_attribute("href")
        if live:
            assert root.locator(".course-frames").count() == 1, f"widget {index} on {path} has a live control but no frames"
