"""The theme works on every screen: small, documented patches to pydata-sphinx-theme and sphinx-book-theme.

- Phone navigation: the visible chapter-list and page-contents buttons open their panels, which
  pydata-sphinx-theme 0.17 binds to hidden copies instead (its issue #2451); the patch is
  `site/static/theme/sidebar-toggles.js`, to be removed when the theme is fixed.
- A colour mode is always set, as the theme logs a console error on a first visit otherwise.
- The site's title (the sidebar's brand and every page's <title>) is in the edition's language:
  the root page's heading as that page's catalogue translates it.
"""

from pathlib import Path

from babel.messages.pofile import read_po

SIDEBAR_TOGGLES = "theme/sidebar-toggles.js"


def configure_theme(app, config):
    config.html_context = {"default_mode": "auto", **config.html_context}


def patch_sidebar_toggles(app):
    app.add_js_file(SIDEBAR_TOGGLES, loading_method="defer")


def translate_site_title(app):
    """Set html_title to its translation in the root page's catalogue, if the edition has one."""
    catalogue = Path(app.srcdir) / "locale" / str(app.config.language) / "LC_MESSAGES" / f"{app.config.root_doc}.po"
    if not catalogue.is_file():
        return
    with catalogue.open("rb") as file:
        message = read_po(file).get(app.config.html_title)
    if message is not None and message.string and "fuzzy" not in message.flags:
        app.config.html_title = message.string
