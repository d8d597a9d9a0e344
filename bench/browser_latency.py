"""What a Binder student feels: the time from a slider's input event to the new figure painted, per widget.

    .venv/bin/python bench/browser_latency.py [--moves 30] [--chapters ch1_features ch3_tfp]

Runs each chapter in a local JupyterLab with a live kernel (tests/live_lab.py), in Debian's
Chromium, and for every widget of the chapter presses an arrow key on its first slider's handle,
one step at a time. A move is timed in the page from the key's event (its timestamp) to the first
animation frame after the figure's <img> has loaded and decoded the new PNG: the comm round trip,
the kernel's redraw and encoding, and the browser's decode and paint. Each move waits for its
figure before the next, as a student watching the figure does. Prints the median and 95th
percentile per widget, and the number of moves whose figure never arrived (within 10 s).
"""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.live_lab import CHAPTERS, Chapter, JupyterLab, build_widget, first_slider, widget_cells  # noqa: E402
from tests.site_browser import launch  # noqa: E402

# In the page: press-to-paint time of one move, in ms (null when no new figure came within 10 s).
TIME_ONE_MOVE = """
([view, position, key]) => new Promise(resolve => {
  const root = document.querySelectorAll('.jp-OutputArea-output > .widget-vbox')[view];
  const image = root.querySelector('img.widget-image');
  const handle = root.querySelector(':scope > .widget-box').children[position].querySelector('.noUi-handle');
  const before = image.src;
  let pressed = null;
  const timer = setTimeout(() => { observer.disconnect(); resolve(null); }, 10000);
  const observer = new MutationObserver(async () => {
    if (image.src === before || pressed === null) return;
    observer.disconnect();
    clearTimeout(timer);
    await image.decode();
    requestAnimationFrame(() => requestAnimationFrame(now => resolve(now - pressed)));
  });
  observer.observe(image, {attributes: true, attributeFilter: ['src']});
  handle.addEventListener('keydown', event => { pressed = event.timeStamp; }, {once: true});
  handle.focus();
  handle.dispatchEvent(new KeyboardEvent('keydown', {key, code: key, bubbles: true, cancelable: true}));
})
"""


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(chapter, view, position, control, moves):
    """Press-to-paint times (ms) for `moves` one-step moves, back and forth within the slider's range."""
    timings, lost = [], 0
    value = control.value
    direction = 1 if control.max - value >= control.step else -1
    for _ in range(moves + 3):
        if not control.min <= value + direction * control.step <= control.max:
            direction = -direction
        value += direction * control.step
        key = "ArrowRight" if direction > 0 else "ArrowLeft"
        elapsed = chapter.page.evaluate(TIME_ONE_MOVE, [view, position, key])
        if elapsed is None:
            lost += 1
        else:
            timings.append(elapsed)
    return timings[3:], lost  # the first moves warm caches


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=30, help="one-step moves per widget (default 30)")
    parser.add_argument("--chapters", nargs="*", default=CHAPTERS)
    args = parser.parse_args()
    print(f"{'chapter':<18}{'widget':<30}{'control':<14}{'moves':>6}{'median ms':>11}{'p95 ms':>9}{'lost':>6}")
    with tempfile.TemporaryDirectory(prefix="browser-latency-") as scratch, JupyterLab(scratch) as lab, \
            sync_playwright() as playwright:  # fmt: skip
        browser = launch(playwright)
        for name in args.chapters:
            context = lab.new_context(browser)
            chapter = Chapter(lab, context, name)
            chapter.run_all()
            for view in range(len(widget_cells(name)[0])):
                widget = build_widget(name, view)
                position, control_name, control = first_slider(widget)
                chapter.view(view).scroll_into_view_if_needed()
                chapter.image_png(view)  # the first figure is there before timing starts
                timings, lost = measure(chapter, view, position, control, args.moves)
                median = statistics.median(timings) if timings else float("nan")
                p95 = percentile(timings, 0.95) if timings else float("nan")
                print(f"{name:<18}{type(widget).__name__:<30}{control_name:<14}{len(timings):>6}"
                      f"{median:>11.1f}{p95:>9.1f}{lost:>6}", flush=True)  # fmt: skip
            chapter.close()
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
