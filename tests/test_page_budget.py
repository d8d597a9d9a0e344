"""A chapter page is light enough for a class on a slow link: at most 1.5 MB, text within 6 s.

Issue 10's budget, checked in Chromium against the built site served with gzip (as most web
servers send text): a chapter page's first visit, once its widgets are drawn, transfers at most
1.5 MB; and on an emulated 1.6 Mbit/s link with 150 ms round trips (Chromium's network
emulation, which paces every byte), the chapter's first paragraph is on screen within 6 s.
bench/page_weight.py prints the same figures for every page.
"""

import pytest

from tests.site_browser import CHAPTERS, first_text_on_slow_link, first_visit_weight

playwright_api = pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")

BUDGET_BYTES = 1.5 * 1024 * 1024
FIRST_TEXT_SECONDS = 6.0
#: A busy machine can lose a visit to scheduling, not to bytes: the best of a few visits counts.
TRIES = 3


@pytest.mark.parametrize("path", CHAPTERS)
def test_first_visit_transfers_at_most_the_budget(browser, site, path):
    weight = first_visit_weight(browser, site, path)
    assert weight["gzip_bytes"] <= BUDGET_BYTES, (
        f"{path} transfers {weight['gzip_bytes'] / 1024:.0f} KB gzipped on a first visit "
        f"(budget {BUDGET_BYTES / 1024:.0f} KB)"
    )


@pytest.mark.parametrize("path", CHAPTERS)
def test_text_shows_within_6_seconds_on_a_slow_link(browser, site, path):
    times = []
    for _ in range(TRIES):
        times.append(first_text_on_slow_link(browser, site, path, timeout=30_000))
        if times[-1] <= FIRST_TEXT_SECONDS:
            break
    assert min(times) <= FIRST_TEXT_SECONDS, f"{path}: first text after {min(times):.1f} s at 1.6 Mbit/s ({times})"
