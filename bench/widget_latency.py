"""Time from a control change to a redrawn figure, in the kernel, for every control of every widget.

    .venv/bin/python bench/widget_latency.py [--changes 100]

Every widget exported by productive_forces.widgets is built with its defaults; each of its
controls is then moved through values spread over its range. A change runs the widget's
callback: the model call, the artist updates and the PNG encoding. Prints the median and 95th
percentile per control; the target for sliders is a 95th percentile under 30 ms.
"""

import argparse
import time

import numpy as np

import productive_forces.widgets as course_widgets
from productive_forces.widgets.base import control_values


def measure(explorer, name, changes):
    control = explorer.controls[name]
    values = control_values(control)
    timings = []
    for i in range(changes + 5):
        value = values[i % len(values)]
        if control.value == value:
            value = values[(i + 1) % len(values)]
        start = time.perf_counter()
        control.value = value
        timings.append(time.perf_counter() - start)
    return 1000 * np.array(timings[5:])  # the first changes warm caches


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100)
    args = parser.parse_args()
    print(f"{'widget':<28}{'control':<14}{'kind':<14}{'median ms':>10}{'p95 ms':>10}")
    for class_name in course_widgets.__all__:
        explorer = getattr(course_widgets, class_name)()
        for name, control in explorer.controls.items():
            ms = measure(explorer, name, args.changes)
            kind = "slider" if "Slider" in type(control).__name__ else type(control).__name__.lower()
            print(f"{class_name:<28}{name:<14}{kind:<14}{np.median(ms):>10.1f}{np.percentile(ms, 95):>10.1f}")


if __name__ == "__main__":
    main()
