"""What a reader's first visit to each chapter page costs: bytes transferred and time to first text.

    COURSE_BUILD_DIR=/tmp/build .venv/bin/python bench/page_weight.py [--runs 3]

For every chapter page of both editions, served from the build on localhost with gzip (as most
web servers send text) and opened in Debian's Chromium with an empty cache: the bytes the page
and everything it loads transfer (gzip-compressed as sent, and unpacked), once its widgets have
drawn; and, on an emulated 1.6 Mbit/s link with 150 ms round trips (Chromium's network
emulation), the seconds until the chapter's first paragraph is on screen at phone size (the
median of --runs visits). The budget of issue 10: 1.5 MB gzipped and 6 s.
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.site_browser import CHAPTERS, first_text_on_slow_link, first_visit_weight, launch, serve  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="slow-link visits per page (median printed)")
    args = parser.parse_args()
    print(f"{'page':<28}{'requests':>9}{'raw KB':>10}{'gzip KB':>10}{'first text s':>14}")
    with serve() as site, sync_playwright() as playwright:
        browser = launch(playwright)
        for path in CHAPTERS:
            weight = first_visit_weight(browser, site, path)
            seconds = statistics.median(first_text_on_slow_link(browser, site, path) for _ in range(args.runs))
            print(f"{path:<28}{weight['requests']:>9}{weight['raw_bytes'] / 1024:>10.0f}"
                  f"{weight['gzip_bytes'] / 1024:>10.0f}{seconds:>14.1f}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
