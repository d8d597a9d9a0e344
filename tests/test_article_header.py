"""The article header's controls (the edition switch and the theme's buttons) lie wholly on screen, each one on top where it is drawn.

On a desktop and on a 390 px phone, in both editions, on a chapter (the most buttons: launch,
download, full screen, mode, search, contents) and on the glossary: each visible control's box
is inside the window, and the element under its top, centre and bottom is the control itself, so
nothing (the search bar above, say) covers it. The edition switch once stacked above the buttons and rose
half under the search bar on a desktop and above the top of a phone's screen.
"""

import pytest

from tests.site_browser import DESKTOP, PHONE, Reader

playwright_api = pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")

PATHS = [edition + page for edition in ("", "zh/") for page in ("book/ch3_tfp.html", "book/glossary.html")]
#: Each visible control of the article header, and whether it is inside the window and on top.
CONTROLS = """() => [...document.querySelectorAll('.bd-header-article .header-article-item > :is(a, button, .dropdown)')]
    .filter(control => control.getClientRects().length && getComputedStyle(control).visibility !== 'hidden')
    .map(control => {
        const box = control.getBoundingClientRect();
        const mine = y => control.contains(document.elementFromPoint(box.x + box.width / 2, y));
        return {control: control.outerHTML.slice(0, 90),
                inside: box.top >= 0 && box.left >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
                on_top: mine(box.top + 2) && mine(box.top + box.height / 2) && mine(box.bottom - 2)};
    })"""


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("path", PATHS)
def test_the_header_controls_are_on_screen_and_uncovered(browser, site, path, width):
    reader = Reader(browser, site, PHONE, phone=True) if width == "phone" else Reader(browser, site, DESKTOP)
    try:
        controls = reader.open(path).evaluate(CONTROLS)
    finally:
        reader.close()
    assert any("course-edition-switch" in control["control"] for control in controls), f"{path}: no edition switch"
    hidden = [control for control in controls if not (control["inside"] and control["on_top"])]
    assert not hidden, f"{path} ({width}): controls off screen or covered: {hidden}"
