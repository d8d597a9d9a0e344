"""Time from a control change to a redrawn figure, in the kernel, for every widget control.

    .venv/bin/python bench/widget_latency.py [--changes 100]

Each change sets a control to a new value, which runs the widget's callback: the model call,
the artist updates and the PNG encoding. Prints the median and 95th percentile per control;
the target for sliders is a 95th percentile under 30 ms.
"""

import argparse
import time

import numpy as np

from productive_forces.widgets import AllocationExplorer, TfpExplorer

CASES = [
    (TfpExplorer, "tfp_growth", np.linspace(0.0, 5.0, 11)),
    (TfpExplorer, "alpha", np.linspace(0.25, 0.6, 8)),
    (TfpExplorer, "period", [(1978, 2019), (1990, 2019), (1960, 2000), (2000, 2019)]),
    (TfpExplorer, "country", ["CHN", "USA", "IND", "KOR"]),
    (AllocationExplorer, "share_to_b", np.linspace(0.05, 0.95, 19)),
    (AllocationExplorer, "tfp_b", np.linspace(1.0, 3.0, 9)),
    (AllocationExplorer, "alpha", np.linspace(0.2, 0.6, 9)),
]


def measure(widget_class, control, values, changes):
    explorer = widget_class()
    widget = explorer.controls[control]
    timings = []
    for i in range(changes + 5):
        value = values[i % len(values)]
        if widget.value == value:
            value = values[(i + 1) % len(values)]
        start = time.perf_counter()
        widget.value = value
        timings.append(time.perf_counter() - start)
    return 1000 * np.array(timings[5:])  # the first changes warm caches


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100)
    args = parser.parse_args()
    print(f"{'widget':<20}{'control':<12}{'median ms':>10}{'p95 ms':>10}")
    for widget_class, control, values in CASES:
        ms = measure(widget_class, control, values, args.changes)
        print(f"{widget_class.__name__:<20}{control:<12}{np.median(ms):>10.1f}{np.percentile(ms, 95):>10.1f}")


if __name__ == "__main__":
    main()
