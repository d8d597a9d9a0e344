"""The theme works on every screen: small, documented patches to pydata-sphinx-theme and sphinx-book-theme.

- Phone navigation: the visible chapter-list and page-contents buttons open their panels, which
  pydata-sphinx-theme 0.17 binds to hidden copies instead (its issue #2451); the patch is
  `site/static/theme/sidebar-toggles.js`, to be removed when the theme is fixed.
- A colour mode is always set, as the theme logs a console error on a first visit otherwise.
"""

SIDEBAR_TOGGLES = "theme/sidebar-toggles.js"


def configure_theme(app, config):
    config.html_context = {"default_mode": "auto", **config.html_context}


def patch_sidebar_toggles(app):
    app.add_js_file(SIDEBAR_TOGGLES, loading_method="defer")
