"""The remote-asset guard fails a strict build whose page would load a script or stylesheet from another host.

A class behind a firewall that blocks foreign CDNs must still see every page, so the site's
extension warns (and the strict build, which turns warnings into errors, stops) when a page's
context lists an asset with an absolute address. Here a tiny Sphinx project registers
``https://cdn.example.org/x.js`` and is built as the book is, warnings as errors: the build must
fail and name the page and the address. The same project with a local script builds.
"""

import sys

import pytest
from sphinx.application import Sphinx
from sphinx.errors import SphinxWarning
from sphinx.util.docutils import docutils_namespace

from tests.notebooks import ROOT

sys.path.insert(0, str(ROOT / "site"))

from course_site import checks  # noqa: E402  (the site's Sphinx extension)

CONF = f"""\
import sys
sys.path.insert(0, {str(ROOT / "site")!r})
html_theme = "basic"


def setup(app):
    from course_site.checks import warn_about_remote_assets

    app.add_{{kind}}_file({{asset!r}})
    app.connect("html-page-context", warn_about_remote_assets, priority=901)
"""


def build(tmp_path, kind, asset):
    """Build a one-page project that loads asset (a "js" or "css" file) as the book is built: warnings are errors."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(CONF.format(kind=kind, asset=asset), encoding="utf-8")
    (source / "index.rst").write_text("Chapter\n=======\n\nSome text.\n", encoding="utf-8")
    (source / "_static").mkdir()
    with docutils_namespace():
        app = Sphinx(
            str(source), str(source), str(tmp_path / "html"), str(tmp_path / "doctrees"), "html",
            status=None, warning=None, warningiserror=True, freshenv=True,
        )
        app.build()
    return (tmp_path / "html" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "kind, asset",
    [("js", "https://cdn.example.org/x.js"), ("css", "http://cdn.example.org/x.css"), ("js", "//cdn.example.org/x.js")],
)
def test_a_page_loading_an_asset_from_another_host_fails_the_strict_build(tmp_path, kind, asset):
    with pytest.raises(SphinxWarning) as error:
        build(tmp_path, kind, asset)
    assert f"[course_site] index loads {asset} from another host" in str(error.value)


@pytest.mark.parametrize("kind, asset", [("js", "x.js"), ("css", "x.css"), ("js", "https-helpers.js")])
def test_a_page_loading_its_assets_from_the_site_builds(tmp_path, kind, asset):
    page = build(tmp_path, kind, asset)
    assert f'_static/{asset}' in page


def test_the_guard_reads_both_kinds_of_asset_from_the_page_context(monkeypatch):
    """Called as Sphinx calls it, with a context like the theme's: a warning per remote asset, naming the page."""
    warned = []
    monkeypatch.setattr(checks.LOGGER, "warning", lambda message, *values: warned.append(message % values))
    context = {
        "css_files": ["_static/basic.css", "https://fonts.example.org/f.css"],
        "script_files": ["_static/doctools.js", "https://cdn.example.org/x.js"],
    }
    checks.warn_about_remote_assets(None, "chapters/ch1", "page.html", context, None)
    assert warned == [
        "[course_site] chapters/ch1 loads https://fonts.example.org/f.css from another host",
        "[course_site] chapters/ch1 loads https://cdn.example.org/x.js from another host",
    ]
