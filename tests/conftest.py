"""Tests that read the built book fail at once when the build is older than its sources.

A test reads the build when it is served the site (the `site` fixture below) or when one of its
module's names is a path inside tests.notebooks.BUILD_DIR (BUILD_DIR itself, BUILD = BUILD_DIR /
"html", ...). `make test` builds first, so there the guard passes; run by hand after an edit, such
tests would otherwise check yesterday's book.

The browser tests share three fixtures from here: `site`, the built site served from localhost,
`browser`, Debian's Chromium driven by Playwright (tests/site_browser.py), and `visit`, which opens
fresh readers that wait for the network and the fonts.
"""

import functools
from pathlib import Path

import pytest

from tests.notebooks import BUILD_DIR, stale_build
from tests.site_browser import DESKTOP, Visit, launch, serve


def reads_the_build(module):
    return any(
        isinstance(value, Path) and (value == BUILD_DIR or BUILD_DIR in value.parents)
        for value in vars(module).values()
    )


@functools.cache
def why_stale():
    if not (BUILD_DIR / "html").exists():
        return ""  # no build at all: the tests say so themselves
    return stale_build()


@pytest.fixture(autouse=True)
def fresh_build(request):
    """Fail a test that reads the build when the build is stale, saying what changed and how to rebuild."""
    reads = "site" in request.fixturenames or (request.module is not None and reads_the_build(request.module))
    if reads and why_stale():
        pytest.fail(
            f"{why_stale()}. Rebuild before these tests: `make book`, or "
            f"COURSE_BUILD_DIR={BUILD_DIR} .venv/bin/python site/build_book.py (then `touch {BUILD_DIR}/.built` "
            "if Sphinx found nothing to rewrite).",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def site():
    """The built site, served on 127.0.0.1: its address."""
    with serve() as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright (skipped where Playwright is not installed)."""
    playwright_api = pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")
    with playwright_api.sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, site):
    """Opens fresh `Visit` readers (desktop by default, or a phone) and closes them after the test."""
    readers = []

    def open_visit(viewport=DESKTOP, mobile=False):
        readers.append(Visit(browser, site, viewport, phone=mobile))
        return readers[-1]

    yield open_visit
    for reader in readers:
        reader.close()
