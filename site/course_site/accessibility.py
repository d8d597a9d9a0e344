"""Every page passes axe-core with no critical or serious violation (tests/test_accessibility.py).

Small, documented corrections to markup that other packages write:

- docutils writes a bibliography as `role="list"` holding `role="doc-biblioentry"` entries, which
  a list may not contain; the entries become list items (DPUB-ARIA 1.1 deprecates doc-biblioentry
  in favour of listitem).
- myst-nb names each hidden-code toggle "Toggle hidden content", though it shows "Show code cell
  source"; the label goes, so the toggle is named by what it shows.
- The theme's search button is named by what it shows (site/templates/search-button-field.html).
- Widget slider handles get their slider's label as name and the readout as value text
  (site/static/theme/slider-names.js, loaded with the widget renderer on pages with widgets).
- A displayed equation too wide for a phone scrolls sideways and takes the keyboard focus
  (site/static/theme/scrollable-math.js, on every page).
"""

from __future__ import annotations

SLIDER_NAMES = "theme/slider-names.js"
SCROLLABLE_MATH = "theme/scrollable-math.js"
TOGGLE_LABEL = '<summary aria-label="Toggle hidden content">'


def load_slider_names(app, config):
    """Name slider handles on every page that loads the widget renderer."""
    config.nb_ipywidgets_js = {**config.nb_ipywidgets_js, SLIDER_NAMES: {"defer": "defer"}}


def load_math_tab_stops(app):
    """Let keyboard users scroll equations wider than the screen."""
    app.add_js_file(SCROLLABLE_MATH, loading_method="defer")


def correct_markup(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body:
        body = body.replace('role="doc-biblioentry"', 'role="listitem"')  # only citation lists hold them
        context["body"] = body.replace(TOGGLE_LABEL, "<summary>")
