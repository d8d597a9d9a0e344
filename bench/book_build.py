"""Time a cold build of both editions of the book (empty execution caches) and a rebuild with nothing changed.

    .venv/bin/python bench/book_build.py

Builds into a temporary copy of the project so the working tree's _build is left alone.
"""

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = [sys.executable, "site/build_book.py"]  # what `make book` runs: English and Chinese side by side
IGNORED = shutil.ignore_patterns(".venv", "_build", ".git", "node_modules", "__pycache__", ".pytest_cache")


def timed_build(folder):
    start = time.perf_counter()
    subprocess.run(BUILD, cwd=folder, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "book"
        shutil.copytree(ROOT, copy, ignore=IGNORED)
        cold = timed_build(copy)
        warm = timed_build(copy)
    print(f"both editions, cold build (no cache): {cold:6.1f} s   (target < 120 s on 2 cores)")
    print(f"both editions, rebuild, no change:    {warm:6.1f} s   (target < 10 s)")


if __name__ == "__main__":
    main()
