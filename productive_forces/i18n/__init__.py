"""The language of everything the course package shows: English (the source) or Simplified Chinese.

Every message a reader can see (figure titles, axis labels, legends, dropdown options, readout
lines, captions, verdicts, hints and error messages) is written in English in the code and wrapped
in :func:`_`, which looks it up in the package's gettext catalogue
(``productive_forces/locale/zh_CN/LC_MESSAGES/<domain>.po``, one file per domain, compiled to
``.mo``; ``python -m productive_forces.i18n`` refreshes them, see :mod:`.catalogues`).

A notebook picks its language with one call, ``use_language("zh_CN")``, or with the environment
variable ``PRODUCTIVE_FORCES_LANGUAGE`` (the book build sets it per edition). Chinese also turns on
the CJK font the package ships, so that matplotlib draws Chinese glyphs anywhere, JupyterLite
included. Changing the language affects what is drawn or said afterwards, not what already was.
"""

import gettext
import os
from contextlib import contextmanager
from pathlib import Path

#: The environment variable that sets the language for a whole process (and the kernels it starts).
ENVIRONMENT_VARIABLE = "PRODUCTIVE_FORCES_LANGUAGE"
#: Languages the package speaks, the source language first.
LANGUAGES = ("en", "zh_CN")
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_ALIASES = {"en": "en", "en_us": "en", "en_gb": "en", "zh": "zh_CN", "zh_cn": "zh_CN", "zh_hans": "zh_CN"}
_state = {"language": None, "translation": None}


def normalise(language):
    """The canonical name of a language ("zh", "zh-CN" and "zh_CN" are all "zh_CN")."""
    key = str(language).strip().replace("-", "_").lower()
    if key not in _ALIASES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    return _ALIASES[key]


def use_language(language):
    """Show every later message, figure and verdict in `language` ("en" or "zh_CN")."""
    name = normalise(language)
    if name == "en":
        translation = gettext.NullTranslations()
    else:
        translation = _catalogue(name)
        from .fonts import use_cjk_font

        use_cjk_font()
    _state.update(language=name, translation=translation)
    return name


def domain_files(language):
    """The compiled catalogues of a language, one per domain."""
    return sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.mo"))


def _catalogue(language):
    """One translation that looks a message up in every domain's catalogue."""
    files = domain_files(language)
    if not files:
        raise FileNotFoundError(f"no compiled catalogue for {language} in {LOCALE_DIR}")
    translations = []
    for path in files:
        with path.open("rb") as file:
            translations.append(gettext.GNUTranslations(file))
    first = translations[0]
    for other in translations[1:]:
        first.add_fallback(other)
    return first


@contextmanager
def speaking(language):
    """Within the block, messages are in `language`; afterwards, in the language used before."""
    before = current_language()
    use_language(language)
    try:
        yield normalise(language)
    finally:
        use_language(before)


def current_language():
    """The language in use: the last `use_language`, else the environment variable, else English."""
    if _state["language"] is None:
        use_language(os.environ.get(ENVIRONMENT_VARIABLE) or "en")
    return _state["language"]


def _(message):
    """`message` (English source text) in the current language."""
    current_language()
    return _state["translation"].gettext(message)


def N_(message):
    """Mark `message` for the catalogue without translating it: it is kept in English and passed
    to :func:`_` when shown, so it follows the language current then, not at import."""
    return message


def ngettext(singular, plural, count):
    """The singular or plural form of a message for `count`, in the current language."""
    current_language()
    return _state["translation"].ngettext(singular, plural, count)


__all__ = ["ENVIRONMENT_VARIABLE", "LANGUAGES", "N_", "current_language", "ngettext", "normalise", "speaking", "use_language", "_"]
