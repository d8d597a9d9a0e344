"""Chinese glyphs for matplotlib: the CJK font the package ships, registered once, as a fallback.

(Placeholder: the shipped subset font and its licence are added with the widgets' translation.)
"""


def use_cjk_font():
    """Make matplotlib draw CJK characters with the package's font (Latin text keeps its font)."""
