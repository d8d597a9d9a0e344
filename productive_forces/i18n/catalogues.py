"""The package's message catalogues: extract the English messages, merge them into the Chinese
catalogues, compile those, and say what still needs translating.

The package's messages fall into domains, one catalogue each, so that work on widgets, lessons
and grading never edits the same file: :data:`DOMAINS` maps a domain to the sources it is
extracted from. Translations live in ``productive_forces/locale/zh_CN/LC_MESSAGES/<domain>.po``
and are compiled to the ``.mo`` files that :mod:`productive_forces.i18n` reads at run time.
Needs Babel, which comes with Sphinx (the ``book`` extra); the runtime does not.
"""

import io

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from . import LOCALE_DIR

PACKAGE = LOCALE_DIR.parent
#: Domain name: the package folders (or files) its messages are extracted from.
DOMAINS = {
    "widgets": ("widgets", "models", "validation.py", "data", "i18n/fonts.py"),
    "lessons": ("lessons", "exercises"),
    "grading": ("grade",),
}
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}
TRANSLATED_LANGUAGES = ("zh_CN",)


def extract(domain):
    """A template catalogue of every message in the domain's sources, in source order."""
    template = Catalog(project="productive-forces", domain=domain, fuzzy=False)
    for part in DOMAINS[domain]:
        path = PACKAGE / part
        if path.is_dir():
            found = extract_from_dir(path, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",))
            for filename, lineno, message, comments, context in found:
                template.add(message, locations=[(f"{part}/{filename}", lineno)], auto_comments=comments, context=context)
        elif path.is_file():
            from babel.messages.extract import extract as extract_file

            with path.open("rb") as source:
                for lineno, message, comments, context in extract_file("python", source, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
                    template.add(message, locations=[(part, lineno)], auto_comments=comments, context=context)
    return template


def po_path(language, domain):
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalogue(path, language):
    with path.open("rb") as file:
        return read_po(file, locale=language)


def po_bytes(catalogue):
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=0, omit_header=False, include_lineno=False, ignore_obsolete=False)
    return buffer.getvalue()


def mo_bytes(catalogue):
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    return buffer.getvalue()


def update(language="zh_CN"):
    """Merge fresh templates into the language's catalogues, compile them, and list what is missing."""
    missing = {}
    for domain in DOMAINS:
        template = extract(domain)
        path = po_path(language, domain)
        if path.exists():
            catalogue = read_catalogue(path, language)
            catalogue.update(template, update_header_comment=False, update_creation_date=False)
            catalogue.obsolete.clear()  # removed from the code: their translations go too
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalogue = Catalog(locale=language, domain=domain, project="productive-forces", fuzzy=False)
            catalogue.update(template)
        path.write_bytes(po_bytes(catalogue))
        path.with_suffix(".mo").write_bytes(mo_bytes(catalogue))
        missing[domain] = untranslated(catalogue)
    return missing


def untranslated(catalogue):
    """Messages without a translation, or marked fuzzy."""
    return [message.id for message in catalogue if message.id and (not message.string or message.fuzzy)]


def compiled_in_step(language="zh_CN"):
    """Domains whose committed .mo differs from a fresh compile of their .po."""
    stale = []
    for domain in DOMAINS:
        path = po_path(language, domain)
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != mo_bytes(read_catalogue(path, language)):
            stale.append(domain)
    return stale
