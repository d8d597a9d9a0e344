"""On a 390 px phone, tapping the visible navigation buttons opens the chapter list and the page contents.

pydata-sphinx-theme 0.17 binds its sidebar dialogs to hidden copies of these buttons (its issue
#2451); site/static/theme/sidebar-toggles.js passes the taps on. These tests tap the buttons a
reader sees, with touch, in Chromium, on every page of both editions.
"""

import pytest

from tests.site_browser import PAGES, PHONE, Reader

playwright_api = pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")


@pytest.fixture
def phone(browser, site):
    reader = Reader(browser, site, PHONE, phone=True)
    yield reader
    reader.close()


def tap_visible(page, selector):
    buttons = [button for button in page.locator(selector).all() if button.is_visible()]
    assert buttons, f"no visible {selector} on a phone"
    buttons[0].tap()


def assert_panel_opens(page, toggle, panel, link):
    tap_visible(page, toggle)
    dialog = page.locator(panel)
    dialog.wait_for(state="visible", timeout=5_000)
    assert dialog.evaluate("d => d.open"), f"{panel} is not open"
    links = [a for a in dialog.locator(link).all() if a.is_visible()]
    assert links, f"{panel} opened but shows no link"
    box = links[0].bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"] + 1, "the panel's links are on screen"
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden", timeout=5_000)


@pytest.mark.parametrize("path", PAGES)
def test_tapping_the_chapter_list_button_opens_the_chapter_list(phone, path):
    page = phone.open(path)
    assert_panel_opens(page, ".primary-toggle", "#pst-primary-sidebar-modal", "nav.bd-links a.reference")
    assert not phone.errors, phone.errors


@pytest.mark.parametrize("path", [path for path in PAGES if not path.endswith(("search.html", "genindex.html"))])
def test_tapping_the_contents_button_opens_the_page_contents(phone, path):
    page = phone.open(path)
    if not page.locator("#pst-secondary-sidebar a.nav-link").count():
        pytest.skip(f"{path} has a single section, so no page contents")
    assert_panel_opens(page, ".secondary-toggle", "#pst-secondary-sidebar-modal", "a.nav-link")
    assert not phone.errors, phone.errors
