"""Written answers for the marking view: Markdown rendered safely, and a word count.

Markdown is rendered by markdown-it-py (CommonMark) with raw HTML off, so any tag a student
typed shows as text; links and images are off too, so an answer can neither load nor point to
anything (an address shows as plain text). Mathematics stays as the student typed it.

Words are counted as a reader would: runs of letters or digits in alphabetic scripts, and each
Chinese, Japanese or Korean character on its own (the usual count for Chinese, 字数), over the
text a reader sees (Markdown's marks are not words).
"""

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).disable(["image", "link", "autolink"])
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_WORD = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+(?:['’\-.][^\W_{_CJK}]+)*")


def render(text):
    """The answer as safe HTML (raw HTML shown as text)."""
    return Markup(_MARKDOWN.render(text))


def plain_text(text):
    """What a reader sees of the Markdown: its text and code, without the marks."""
    parts = []
    for token in _MARKDOWN.parse(text):
        if token.type in ("code_block", "fence"):
            parts.append(token.content)
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        parts.append(" ")
    return "".join(parts)


def word_count(text):
    """Words in the answer, counting each CJK character as one."""
    return len(_WORD.findall(plain_text(text)))
