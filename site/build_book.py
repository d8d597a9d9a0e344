"""Build the book's editions from one source: English into _build/html, Chinese into _build/html/zh.

    python site/build_book.py            # both editions (what `make book` runs)
    python site/build_book.py en         # one edition
    python site/build_book.py gettext [DIR]   # the English messages (into _build/gettext), for `make catalogues`

Each edition is a strict Jupyter Book 1 build (warnings are errors, nitpicky, keep going) with its
own doctrees and its own execution cache, so that switching language never re-executes the
other's notebooks and a rebuild with no change is quick. Sphinx's internationalisation applies the
catalogues in locale/; the course's Sphinx extensions set the package's language for the kernels.
The two editions run side by side, one process each, after the shared static files are ready.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Where builds go: _build, unless COURSE_BUILD_DIR names another folder (for side-by-side work).
BUILD = Path(os.environ.get("COURSE_BUILD_DIR") or ROOT / "_build").resolve()
#: Edition: (Sphinx language, HTML output folder, name that keeps its doctrees and cache apart).
EDITIONS = {
    "en": ("en", BUILD / "html", ""),
    "zh": ("zh_CN", BUILD / "html" / "zh", "-zh_CN"),
}


def overrides(language, suffix, execute=True):
    """Sphinx settings that differ between editions; the rest comes from _config.yml."""
    settings = {
        "external_toc_path": "_toc.yml",
        "latex_individualpages": False,
        "nitpicky": True,
        "language": language,
        "nb_execution_cache_path": str(BUILD / f".jupyter_cache{suffix}"),
    }
    if not execute:
        settings["nb_execution_mode"] = "off"
    return settings


def build(edition, gettext_dir=BUILD / "gettext"):
    """Build one edition (or the gettext templates) in this process; the exit status of Sphinx."""
    from jupyter_book.sphinx import build_sphinx

    if edition == "gettext":
        language, outdir, suffix, builder, execute = "en", Path(gettext_dir), "-gettext", "gettext", False
    else:
        (language, outdir, suffix), builder, execute = EDITIONS[edition], "html", True
    result = build_sphinx(
        ROOT, outdir, noconfig=True, path_config=str(ROOT / "_config.yml"),
        confoverrides=overrides(language, suffix, execute),
        doctreedir=(outdir / ".doctrees") if edition == "gettext" else BUILD / f".doctrees{suffix}",
        builder=builder, warningiserror=True, keep_going=True,
    )
    return 0 if result == 0 or result is None else 1


def main(argv):
    editions = argv or list(EDITIONS)
    if editions[0] == "gettext":
        return build("gettext", *editions[1:2])
    if len(editions) == 1:
        return build(editions[0])
    sys.path.insert(0, str(ROOT / "site"))
    from course_site import prepare_static_files, prepare_wheels, static_folder

    prepare_static_files(ROOT, static_folder(ROOT))  # once, before the editions share them
    prepare_wheels(ROOT)
    runs = [subprocess.Popen([sys.executable, __file__, edition]) for edition in editions]
    failed = [edition for edition, run in zip(editions, runs) if run.wait() != 0]
    # Two builds starting kernels at once can, rarely, pick the same free TCP port for two kernels
    # ("Address already in use", then "Kernel died before replying"): a failed edition gets one
    # more try on its own, which re-executes only what its cache lacks. A real fault fails again.
    for edition in list(failed):
        print(f"build of {edition!r} failed; building it once more on its own", file=sys.stderr)
        if subprocess.run([sys.executable, __file__, edition]).returncode == 0:
            failed.remove(edition)
    if failed:
        print(f"build failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    (BUILD / ".built").touch()  # tests/conftest.py: both editions are newer than their sources
    print(f"The book is in {EDITIONS['en'][1]} (English) and {EDITIONS['zh'][1]} (Chinese).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
