"""Chinese glyphs for matplotlib: the CJK font the package ships, registered once, as a fallback.

The package ships a subset of Noto Sans CJK SC (SIL Open Font License 1.1, see ``fonts/OFL.txt``)
holding only the characters the course's Chinese catalogues use, plus CJK punctuation and
full-width forms, so that figures draw Chinese anywhere (JupyterLite included) without a system
font. :func:`use_cjk_font` puts it after the current font families: Latin text keeps DejaVu Sans
and matplotlib (3.6 and later) takes each glyph DejaVu Sans lacks from the subset.

``python -m productive_forces.i18n.fonts`` rebuilds the subset from Debian's ``fonts-noto-cjk``
after the catalogues change (a test fails until it is rebuilt).
"""

import dataclasses
import sys
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILE = FONT_DIR / "NotoSansCJKsc-Course-Regular.otf"
LICENCE_FILE = FONT_DIR / "OFL.txt"
#: The subset's family name: its own, so that matplotlib never confuses it with a full system font.
FAMILY = "Noto Sans CJK SC Course"
#: Where Debian's fonts-noto-cjk package installs the full font, and the SC face inside that collection.
SOURCE_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SOURCE_FAMILY = "Noto Sans CJK SC"
SOURCE_LICENCE = Path("/usr/share/doc/fonts-noto-cjk/copyright")
#: Always in the subset whatever the catalogues say: CJK symbols and punctuation, full-width forms.
EXTRA_RANGES = ((0x3000, 0x303F), (0xFF00, 0xFFEF))
LIMIT_BYTES = 3 * 1024 * 1024

_registered = []


def use_cjk_font():
    """Make matplotlib draw CJK characters with the package's font (Latin text keeps its font)."""
    from matplotlib import font_manager, rcParams

    if not _registered:
        manager = font_manager.fontManager
        manager.addfont(str(FONT_FILE))
        # Only the regular weight ships: let bold text (a bold number, say) use it without matplotlib
        # logging that no bold face exists, which would print into the notebooks' outputs.
        regular = next(entry for entry in manager.ttflist if entry.fname == str(FONT_FILE))
        manager.ttflist.append(dataclasses.replace(regular, weight=700))
        manager._findfont_cached.cache_clear()
        _registered.append(FONT_FILE)
    families = rcParams["font.family"]
    families = [families] if isinstance(families, str) else list(families)
    if families[-1:] != [FAMILY]:
        rcParams["font.family"] = [family for family in families if family != FAMILY] + [FAMILY]


def catalogue_characters(locale_dir=None, language="zh_CN"):
    """Every character of every translation in the package's catalogues of `language`."""
    from babel.messages.pofile import read_po

    if locale_dir is None:
        from . import LOCALE_DIR as locale_dir
    characters = set()
    for path in sorted((Path(locale_dir) / language / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as file:
            catalogue = read_po(file, locale=language)
        for message in catalogue:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
            for string in strings:
                characters.update(string or "")
    return {character for character in characters if not character.isspace()}


def subset_characters():
    """The characters the subset must hold: the catalogues' and the extra ranges."""
    extra = {chr(code) for low, high in EXTRA_RANGES for code in range(low, high + 1)}
    return catalogue_characters() | extra


def _source_font():
    """The SC face of Debian's Noto Sans CJK collection, or a clear error if it is not installed."""
    from fontTools.ttLib import TTCollection

    if not SOURCE_FONT.exists() or not SOURCE_LICENCE.exists():
        raise SystemExit(
            f"{SOURCE_FONT} not found: install Debian's fonts-noto-cjk package "
            "(apt-get install fonts-noto-cjk) to rebuild the subset font"
        )
    collection = TTCollection(str(SOURCE_FONT))
    for font in collection.fonts:
        if font["name"].getDebugName(1) == SOURCE_FAMILY:
            return font
    raise SystemExit(f"{SOURCE_FONT} has no face named {SOURCE_FAMILY!r}")


def _rename(font):
    """Give the subset its own family name, keeping the copyright and licence records."""
    name = font["name"]
    postscript = FAMILY.replace(" ", "") + "-Regular"
    for record in list(name.names):
        if record.nameID in (16, 17, 18, 21, 22):  # typographic and WWS names: the plain ones suffice
            name.removeNames(nameID=record.nameID)
    for name_id, value in ((1, FAMILY), (2, "Regular"), (3, f"{postscript};subset"), (4, f"{FAMILY} Regular"), (6, postscript)):
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FullName, top.FamilyName = f"{FAMILY} Regular", FAMILY


def build(characters=None, output=FONT_FILE):
    """Write the subset font with `characters` (default: what the catalogues use) and the licence beside it."""
    from fontTools import subset

    characters = subset_characters() if characters is None else set(characters)
    font = _source_font()
    options = subset.Options()
    options.hinting = False
    options.desubroutinize = False
    options.layout_features = []  # matplotlib lays text out glyph by glyph
    options.drop_tables += ["BASE", "VORG", "vhea", "vmtx", "GPOS", "GSUB", "GDEF", "DSIG"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]
    options.name_languages = [0x409, 0]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(character) for character in characters))
    subsetter.subset(font)
    _rename(font)
    font.recalcTimestamp = False  # the same catalogues give the same bytes
    output.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(output))
    (output.parent / LICENCE_FILE.name).write_text(_licence_text(font), encoding="utf-8")
    return output


def _licence_text(font):
    """The font's copyright notice and the SIL Open Font License 1.1, from Debian's copyright file."""
    text = SOURCE_LICENCE.read_text(encoding="utf-8")
    start = text.index("\n\nLicense: SIL-1.1\n") + 2  # the licence's own paragraph, not a Files stanza's field
    end = text.index("\n\nLicense:", start)
    body = []
    for line in text[start:end].splitlines()[1:]:
        line = line[1:] if line.startswith(" ") else line
        body.append("" if line == "." else line)
    notice = font["name"].getDebugName(0)
    return (
        f"{FAMILY}: a subset of {SOURCE_FAMILY} (Noto CJK, https://github.com/googlefonts/noto-cjk),\n"
        f"made by productive_forces/i18n/fonts.py from Debian's fonts-noto-cjk package.\n\n"
        f"{notice}\n\n" + "\n".join(body).strip() + "\n"
    )


def main():
    path = build()
    size = path.stat().st_size
    print(f"{path}: {len(subset_characters())} characters, {size / 1024:.0f} KiB")
    if size > LIMIT_BYTES:
        print(f"larger than {LIMIT_BYTES} bytes", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
