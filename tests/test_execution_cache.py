"""The book re-executes its notebooks when the course package changes, not only when a notebook does."""

import sys
from types import SimpleNamespace

from tests.notebooks import ROOT

sys.path.insert(0, str(ROOT / "site"))
from course_site import execution as course_site  # noqa: E402  (the site's Sphinx extension)


def build(srcdir):
    app = SimpleNamespace(srcdir=str(srcdir))
    config = SimpleNamespace(nb_execution_cache_path="_build/.jupyter_cache")
    course_site.forget_outputs_when_the_package_changes(app, config)
    return app


def test_cache_survives_a_rebuild_and_is_emptied_when_the_package_changes(tmp_path):
    module = tmp_path / "productive_forces" / "widgets.py"
    module.parent.mkdir()
    module.write_text("SPEED = 1\n")
    cache = tmp_path / "_build" / ".jupyter_cache"

    build(tmp_path)
    cache.mkdir(parents=True)
    (cache / "outputs").write_text("figures drawn by SPEED = 1")
    assert not build(tmp_path).course_package_changed
    assert cache.exists()

    module.write_text("SPEED = 2\n")
    app = build(tmp_path)
    assert app.course_package_changed and not cache.exists()


def test_every_notebook_page_is_read_again_after_a_package_change():
    env = SimpleNamespace(found_docs={"book/intro", "book/ch3_tfp"}, doc2path=lambda doc: ROOT / doc_source(doc))
    changed = SimpleNamespace(course_package_changed=True)
    unchanged = SimpleNamespace(course_package_changed=False)
    assert course_site.reread_notebooks_when_the_package_changed(changed, env, set(), set(), set()) == ["book/ch3_tfp"]
    assert course_site.reread_notebooks_when_the_package_changed(unchanged, env, set(), set(), set()) == []


def doc_source(doc):
    return f"{doc}.ipynb" if (ROOT / f"{doc}.ipynb").exists() else f"{doc}.md"
