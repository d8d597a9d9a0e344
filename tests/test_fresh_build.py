"""The stale-build guard (tests/conftest.py) tells a fresh build from one older than its sources."""

import os

from tests.conftest import reads_the_build
from tests.notebooks import stale_build


def make_build(root, built_at):
    for edition in ("html", "html/zh"):
        (root / "_build" / edition).mkdir(parents=True)
        info = root / "_build" / edition / ".buildinfo"
        info.write_text("x", encoding="utf-8")
        os.utime(info, (built_at, built_at))
    return root / "_build"


def make_source(root, relative, changed_at):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")
    os.utime(path, (changed_at, changed_at))
    return path


def test_a_build_newer_than_every_source_is_fresh(tmp_path):
    make_source(tmp_path, "book/ch1_features.ipynb", 1000)
    make_source(tmp_path, "_toc.yml", 1000)
    assert stale_build(make_build(tmp_path, 2000), tmp_path) == ""


def test_a_source_changed_after_the_build_makes_it_stale_and_is_named(tmp_path):
    build = make_build(tmp_path, 2000)
    make_source(tmp_path, "book/ch1_features.ipynb", 1000)
    for relative in ("productive_forces/widgets/base.py", "locale/zh_CN/LC_MESSAGES/book/intro.po", "_config.yml",
                     "site/course_site/assets.py"):
        path = make_source(tmp_path, relative, 3000)
        assert stale_build(build, tmp_path) == (
            f"the book in {build} is older than its sources: {relative} changed 1000 s after the last build"
        )
        os.utime(path, (1500, 1500))
    assert stale_build(build, tmp_path) == ""


def test_the_older_edition_counts_and_a_done_stamp_renews_both(tmp_path):
    build = make_build(tmp_path, 2000)
    os.utime(build / "html" / "zh" / ".buildinfo", (500, 500))
    make_source(tmp_path, "book/intro.md", 1000)
    assert "book/intro.md changed 500 s after" in stale_build(build, tmp_path)
    (build / ".built").write_text("", encoding="utf-8")
    os.utime(build / ".built", (2500, 2500))
    assert stale_build(build, tmp_path) == ""


def test_caches_and_hidden_files_are_not_sources(tmp_path):
    build = make_build(tmp_path, 2000)
    make_source(tmp_path, "productive_forces/__pycache__/base.cpython-311.pyc", 3000)
    make_source(tmp_path, "book/.ipynb_checkpoints/ch1-checkpoint.ipynb", 3000)
    make_source(tmp_path, "unrelated/notes.txt", 3000)
    assert stale_build(build, tmp_path) == ""


def test_a_missing_edition_is_no_build(tmp_path):
    build = make_build(tmp_path, 2000)
    (build / "html" / "zh" / ".buildinfo").unlink()
    assert "html/zh/.buildinfo is missing" in stale_build(build, tmp_path)


def test_the_guard_watches_the_modules_that_read_the_build():
    import tests.test_book
    import tests.test_grade
    import tests.test_site

    assert reads_the_build(tests.test_site) and reads_the_build(tests.test_book)
    assert not reads_the_build(tests.test_grade)
