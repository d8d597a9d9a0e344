"""``python -m productive_forces.i18n [update | check PO...]``

``update`` (the default) refreshes the package's catalogues from the code and compiles them, and
drops obsolete messages from the book's and exercises' catalogues;
``check`` lists, for the given catalogues (all of the project's when none is given), every
message that is untranslated, fuzzy, or whose translation lost a number, formula, citation,
link target or placeholder. Both exit with status 1 when something needs translating.
"""

import sys
from pathlib import Path

from .catalogues import DOMAINS, po_path, read_catalogue, update
from .consistency import problems

PROJECT = Path(__file__).resolve().parents[2]


def all_catalogues(language="zh_CN"):
    """The book's, the exercises' and the package's catalogues."""
    return sorted((PROJECT / "locale" / language).rglob("*.po")) + [po_path(language, domain) for domain in DOMAINS]


def report(path, language="zh_CN"):
    """Lines that say what is wrong with one catalogue."""
    catalogue = read_catalogue(path, language)
    package = path.parent == po_path(language, "x").parent
    lines = []
    for message in catalogue:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        chinese = message.string if isinstance(message.string, str) else (message.string or ("",))[0]
        if not chinese:
            lines.append(f"untranslated: {english[:90]!r}")
        elif message.fuzzy:
            lines.append(f"fuzzy: {english[:90]!r}")
        else:
            lines += [f"{issue}, in {english[:60]!r}" for issue in problems(english, chinese, placeholders=package)]
    lines += [f"obsolete: {key if isinstance(key, str) else key[0]!r}"[:100] for key in catalogue.obsolete]
    return lines


def drop_obsolete(paths, language="zh_CN"):
    """Remove messages the English no longer has from the book's and exercises' catalogues
    (sphinx-intl keeps them; a changed message's old translation is kept as its fuzzy guess)."""
    from .catalogues import po_bytes

    for path in paths:
        catalogue = read_catalogue(path, language)
        if catalogue.obsolete:
            catalogue.obsolete.clear()
            path.write_bytes(po_bytes(catalogue))


def main(argv):
    command, paths = (argv[0], argv[1:]) if argv else ("update", [])
    if command == "update":
        update()
        drop_obsolete(sorted((PROJECT / "locale").rglob("*.po")))
        paths = []
    elif command != "check":
        print(__doc__, file=sys.stderr)
        return 2
    failed = False
    for path in [Path(p) for p in paths] or all_catalogues():
        lines = report(path)
        name = path.relative_to(PROJECT) if path.is_relative_to(PROJECT) else path
        print(f"{name}: {'ok' if not lines else f'{len(lines)} to fix'}")
        for line in lines:
            print("    " + line)
        failed = failed or bool(lines)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
