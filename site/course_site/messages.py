"""The extension's reader-visible words, in the edition's language.

Sphinx translates them from locale/<language>/LC_MESSAGES/course_site.po, which `make catalogues`
keeps in step with the `_()` calls in this package. `register_messages` compiles that catalogue
first when its `.mo` is missing or older: Sphinx itself compiles catalogues only after the
extensions are set up, which would leave a fresh checkout's first build untranslated.
"""

from pathlib import Path

from sphinx.locale import get_translation
from sphinx.util.i18n import CatalogInfo

MESSAGES = "course_site"
_ = get_translation(MESSAGES)


def register_messages(app):
    folder = Path(app.srcdir) / "locale"
    language = app.config.language
    catalogue = CatalogInfo(str(folder / str(language) / "LC_MESSAGES"), MESSAGES, "utf-8")
    if language and Path(catalogue.po_path).exists() and catalogue.is_outdated():
        catalogue.write_mo(language)
    app.add_message_catalog(MESSAGES, str(folder))
