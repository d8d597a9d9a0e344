"""The CJK font the package ships: small, licensed, holding every character of the Chinese catalogues, and used."""

import tempfile
import warnings
from pathlib import Path

import numpy as np
import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager, rcParams
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from productive_forces.i18n import fonts, use_language

CHINESE = "全要素生产率"


@pytest.fixture(scope="module")
def cmap():
    return TTFont(str(fonts.FONT_FILE))["cmap"].getBestCmap()


def picture(text, family):
    """`text` drawn in `family` on a white Agg canvas (missing-glyph warnings silenced), as RGB pixels."""
    figure = Figure(figsize=(3, 1), dpi=100)
    canvas = FigureCanvasAgg(figure)
    figure.text(0.05, 0.3, text, fontsize=24, family=family)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].copy()


def ink(text, family):
    """Dark pixels of `text` drawn in `family`."""
    return int((picture(text, family).min(axis=-1) < 128).sum())


def test_the_font_is_small_and_ships_with_its_licence():
    assert fonts.FONT_FILE.stat().st_size < fonts.LIMIT_BYTES
    licence = fonts.LICENCE_FILE.read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence


def test_every_character_of_every_chinese_translation_is_in_the_font(cmap):
    """Fails when a catalogue gains a character: run `python -m productive_forces.i18n.fonts`."""
    dejavu = TTFont(font_manager.findfont("DejaVu Sans"))["cmap"].getBestCmap()
    characters = fonts.catalogue_characters()
    assert CHINESE[0] in characters
    missing = sorted(c for c in characters if ord(c) not in cmap and not (ord(c) < 0x2E80 and ord(c) in dejavu))
    assert not missing, f"not in {fonts.FONT_FILE.name}: {''.join(missing)}"
    punctuation = "，。；：、（）“”——《》？！"
    assert all(ord(c) in cmap for c in punctuation)


def test_matplotlib_finds_the_bundled_font_and_draws_chinese_with_ink():
    use_language("zh_CN")
    try:
        assert rcParams["font.family"][-1] == fonts.FAMILY
        found = font_manager.findfont(font_manager.FontProperties(family=fonts.FAMILY), fallback_to_default=False)
        assert found == str(fonts.FONT_FILE)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert ink(CHINESE, list(rcParams["font.family"])) > 200
        # Each character has its own glyph; a font without them draws the same empty box for every
        # one, so the comparison tells a working font from a missing one.
        families = list(rcParams["font.family"])
        assert not np.array_equal(picture(CHINESE[0], families), picture(CHINESE[-1], families))
        assert np.array_equal(picture(CHINESE[0], ["DejaVu Sans"]), picture(CHINESE[-1], ["DejaVu Sans"]))
    finally:
        use_language("en")


def test_latin_text_keeps_dejavu_sans():
    use_language("zh_CN")
    try:
        figure = Figure()
        text = figure.text(0, 0, "Output per worker")
        paths = font_manager.fontManager._find_fonts_by_props(text.get_fontproperties())
        assert paths[0].endswith("DejaVuSans.ttf") and paths[-1] == str(fonts.FONT_FILE)
    finally:
        use_language("en")


def test_registering_twice_adds_the_font_once():
    fonts.use_cjk_font()
    fonts.use_cjk_font()
    entries = [entry for entry in font_manager.fontManager.ttflist if entry.fname == str(fonts.FONT_FILE)]
    assert len(entries) == 2  # regular, and the same file standing in for bold
    assert list(rcParams["font.family"]).count(fonts.FAMILY) == 1


@pytest.mark.skipif(not fonts.SOURCE_FONT.exists(), reason="Debian's fonts-noto-cjk is not installed")
def test_the_subset_rebuilds_to_the_same_bytes():
    """Fails too when a catalogue changed and the font was not rebuilt.

    A rebuild elsewhere writes its licence beside it and leaves the package's files untouched: a
    rewritten source file would make the book look older than its sources to the tests after this.
    """
    shipped = fonts.LICENCE_FILE.stat().st_mtime_ns
    with tempfile.TemporaryDirectory() as folder:
        rebuilt = fonts.build(output=Path(folder) / "subset.otf").read_bytes()
        licence = (Path(folder) / fonts.LICENCE_FILE.name).read_bytes()
    assert licence == fonts.LICENCE_FILE.read_bytes()
    assert fonts.LICENCE_FILE.stat().st_mtime_ns == shipped
    assert rebuilt == fonts.FONT_FILE.read_bytes()
