"""The extension's reader-visible words, in the edition's language.

Sphinx translates them from locale/<language>/LC_MESSAGES/course_site.po, which `make catalogues`
keeps in step with the `_()` calls in this package.
"""

from sphinx.locale import get_translation

MESSAGES = "course_site"
_ = get_translation(MESSAGES)
