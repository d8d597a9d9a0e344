"""Sphinx extension for the book's two editions, English (the source) and Simplified Chinese.

Loaded through `sphinx: local_extensions` in `_config.yml`; `site/build_book.py` builds each
edition with its own `language`. It promises that:

1. **Figures, tables and verdicts speak the page's language.** The notebooks a build executes run
   with ``PRODUCTIVE_FORCES_LANGUAGE`` set to the edition's language, which the course package
   reads (`productive_forces.i18n`), and the launch table and JupyterLite offer the exercises'
   copies in that language (`exercises/zh/`).
2. **Pinyin finds its term with or without tone marks** in either edition's search.
3. **Every page links to the same page in the other edition**, with a switch in the article
   header (visible at every width) and `<link rel="alternate" hreflang>` in the head. The English
   edition lives at the site's root and the Chinese one under `zh/`, with the same page names.
"""

import os
import re
import unicodedata
from pathlib import Path

import snowballstemmer

from course_site import build_dir
from productive_forces.i18n import ENVIRONMENT_VARIABLE
from sphinx.search.en import SearchEnglish
from sphinx.search.zh import SearchChinese
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
#: Sphinx language: (its folder in the site, what the switch to it says, its `lang` attribute).
EDITIONS = {"en": ("", "English", "en"), "zh_CN": ("zh/", "中文", "zh-CN")}


def without_tone_marks(word):
    """The word with its diacritics dropped: "shēngchǎnlì" becomes "shengchanli", "lǜ" becomes "lu"."""
    return unicodedata.normalize("NFC", "".join(
        char for char in unicodedata.normalize("NFD", word) if unicodedata.category(char) != "Mn"
    ))


def with_toneless_forms(words):
    """The words, then the diacritic-free form of each that has one, so toneless pinyin finds it too."""
    return [*words, *[plain for plain in map(without_tone_marks, words) if plain not in words]]


class SearchChineseWithPinyin(SearchChinese):
    """Sphinx's Chinese search, with Latin words kept whole even when they carry tone marks,
    and indexed also without them."""

    latin1_letters = re.compile(r"[0-9A-Za-z_\u00C0-\u024F\u1E00-\u1EFF]+")

    def init(self, options):
        super().init(options)
        # Stem as the search page does: Sphinx's Chinese search ships the JavaScript Porter
        # stemmer but stems the index with Porter2 ("english"), so "shengchanli" met "shengchan".
        self.stemmer = snowballstemmer.stemmer("porter")

    def split(self, input):
        return with_toneless_forms(super().split(input))


class SearchEnglishWithToneless(SearchEnglish):
    """Sphinx's English search, indexing every word with diacritics (the glossary's pinyin) also without them."""

    def split(self, input):
        return with_toneless_forms(super().split(input))


def setup(app):
    app.add_search_language(SearchChineseWithPinyin)
    app.add_search_language(SearchEnglishWithToneless)
    app.connect("config-inited", configure)
    app.connect("html-page-context", add_edition_switch)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


def edition_of(config):
    return "zh_CN" if (config.language or "en").startswith("zh") else "en"


def configure(app, config):
    language = edition_of(config)
    os.environ[ENVIRONMENT_VARIABLE] = language  # inherited by the kernels that execute the notebooks
    os.environ["PRODUCTIVE_FORCES_STATIC_WIDGETS"] = "1"  # widgets save frames and fixed-control notes for the site
    if language != "en":  # the exercises' copies in this language (productive_forces.exercises.translate)
        config.course_notebook_folders = [
            f"{folder}/zh" if folder == "exercises" else folder for folder in config.course_notebook_folders
        ]
    config.templates_path = [*config.templates_path, str(HERE / "templates")]
    if language != "en":
        config.html_search_options = {**config.html_search_options, "dict": str(glossary_terms(Path(app.srcdir)))}
    theme = config.html_theme_options
    header_end = list(theme.get("article_header_end") or ["article-header-buttons.html"])
    theme["article_header_end"] = ["edition-switch.html", *[name for name in header_end if name != "edition-switch.html"]]


def glossary_terms(srcdir):
    """A jieba dictionary of the glossary's Chinese terms (its lines that are a Chinese term alone)."""
    glossary = (srcdir / "book" / "glossary.md").read_text(encoding="utf-8")
    terms = sorted(set(re.findall(r"(?m)^([\u4e00-\u9fff]{2,})\s*$", glossary)))
    path = build_dir(srcdir) / "search-terms-zh.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(f"{term} 1000 n\n" for term in terms)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def add_edition_switch(app, pagename, templatename, context, doctree):
    """The address of this page in the other edition, relative to this page."""
    here = edition_of(app.config)
    other = "zh_CN" if here == "en" else "en"
    up = "../" * pagename.count("/")
    to_root = up + ("../" if here == "zh_CN" else "")
    folder, label, lang = EDITIONS[other]
    href = f"{to_root}{folder}{pagename}.html"
    context["course_edition_switch"] = {"href": href, "label": label, "lang": lang}
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" hreflang="{lang}" href="{href}" />'
    )
