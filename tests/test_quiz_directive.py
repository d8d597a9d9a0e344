"""The `quiz` directive (site/course_site/quiz.py), built by Sphinx in a tiny project of its own.

A quiz becomes plain HTML: its question, options as buttons and a hidden explanation in a status
area, with the answer only in a data attribute; the Chinese edition translates question, options,
explanation and verdicts from the catalogues; a malformed quiz fails the build, naming the file,
the line and what to change.
"""

import html
import io
import re
import sys
from collections import defaultdict
from gettext import NullTranslations

import nbformat
import pytest
import sphinx.locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.util.console import strip_colors
from sphinx.util.docutils import docutils_namespace

from tests.notebooks import ROOT

sys.path.insert(0, str(ROOT / "site"))

QUIZ = """\
```{quiz}
:answer: 2

Which of these does total factor productivity measure?

1. Capital per *worker*
2. The output that inputs alone do not explain
3. Hours worked

Growth accounting subtracts what capital and labour explain; the residual is TFP.
```
"""
PAGE = "# Check\n\nSome text.\n\n" + QUIZ + "\n" + QUIZ.replace(":answer: 2", ":answer: 3")
CONF = f"""\
import sys
sys.path.insert(0, {str(ROOT / "site")!r})
extensions = ["myst_nb", "course_site.quiz"]
nb_execution_mode = "off"
language = {{language!r}}
locale_dirs = ["locale"]
gettext_compact = False
html_theme = "basic"


def setup(app):
    app.add_message_catalog("course_site", str(app.srcdir / "locale"))
"""
#: The Chinese page catalogue of the tiny project: each part of the quiz is a message of its own.
CHINESE = {
    "Which of these does total factor productivity measure?": "下列哪一项衡量的是全要素生产率？",
    "Capital per *worker*": "劳均*资本*",
    "The output that inputs alone do not explain": "投入本身解释不了的那部分产出",
    "Hours worked": "工作小时数",
    "Growth accounting subtracts what capital and labour explain; the residual is TFP.": "增长核算扣除资本和劳动所能解释的部分，剩下的余值就是全要素生产率。",
}


@pytest.fixture(autouse=True)
def fresh_translators(monkeypatch):
    """Sphinx keeps translators per process: each build here starts with none."""
    monkeypatch.setattr(sphinx.locale, "translators", defaultdict(NullTranslations))


def compile_catalogue(messages, path):
    catalogue = Catalog(locale="zh_CN")
    for message, translation in messages.items():
        catalogue.add(message, translation)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_mo(file, catalogue)


def build(tmp_path, pages, language="en"):
    """Build the pages ({name: Markdown}) to HTML; (the pages' HTML by name, the warnings)."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "conf.py").write_text(CONF.format(language=language), encoding="utf-8")
    for name, text in pages.items():
        if isinstance(text, str):
            (source / f"{name}.md").write_text(text, encoding="utf-8")
        else:
            nbformat.write(text, source / f"{name}.ipynb")
    (source / "index.md").write_text(
        "# Home\n\n```{toctree}\n" + "\n".join(n for n in pages if n != "index") + "\n```\n", encoding="utf-8"
    ) if "index" not in pages else None
    if language != "en":
        with (ROOT / "locale" / "zh_CN" / "LC_MESSAGES" / "course_site.po").open("rb") as file:
            site_messages = {m.id: m.string for m in read_po(file) if m.id}
        compile_catalogue(site_messages, source / "locale" / "zh_CN" / "LC_MESSAGES" / "course_site.mo")
        compile_catalogue(CHINESE, source / "locale" / "zh_CN" / "LC_MESSAGES" / "quiz.mo")
    warnings = io.StringIO()
    with docutils_namespace():
        app = Sphinx(source, source, tmp_path / "html", tmp_path / "doctrees", "html",
                     status=None, warning=warnings, freshenv=True)
        app.build()
    built = {name: (tmp_path / "html" / f"{name}.html").read_text(encoding="utf-8") for name in pages}
    return built, strip_colors(warnings.getvalue())


def quizzes(page):
    return re.findall(r'<div[^>]*class="quiz"[^>]*>.*?</div></div>\s*</div>', page, flags=re.S)


def text(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def test_a_quiz_is_plain_html_with_buttons_and_a_hidden_explanation(tmp_path):
    pages, warnings = build(tmp_path, {"quiz": PAGE, "plain": "# Plain\n\nNo quiz here.\n"})
    assert not warnings, warnings
    found = quizzes(pages["quiz"])
    assert len(found) == 2
    first = found[0]
    opening = re.match(r"<div[^>]*>", first).group(0)
    assert 'data-answer="2"' in opening and 'data-right="Right."' in opening and 'data-wrong="Not quite."' in opening
    assert 'data-answer="3"' in found[1]
    assert 'role="group"' in opening and 'aria-labelledby="quiz-1-question"' in opening
    assert 'id="quiz-1-question"' in first and 'id="quiz-2-question"' in found[1]
    buttons = re.findall(r'<button type="button" class="quiz-option" aria-pressed="false">(.*?)</button>', first, flags=re.S)
    assert [text(b) for b in buttons] == ["Capital per worker", "The output that inputs alone do not explain", "Hours worked"]
    assert "<em>worker</em>" in buttons[0] and "<p" not in buttons[0]
    status = re.search(r'<div class="quiz-feedback" role="status" aria-live="polite" aria-atomic="true">(.*)', first, re.S).group(1)
    assert re.search(r'<p class="quiz-verdict"></p><div class="quiz-explanation" hidden>\s*<p>Growth accounting subtracts', status)
    # The answer shows nowhere in the text: the reader sees the question, the options, and nothing else.
    shown = text(re.sub(r'<div class="quiz-explanation" hidden>.*', "", first, flags=re.S))
    assert shown == "Which of these does total factor productivity measure? Capital per worker " \
                    "The output that inputs alone do not explain Hours worked", shown
    assert re.search(r'<script defer="defer" src="_static/theme/quiz\.js[^"]*"></script>', pages["quiz"])
    assert "quiz.js" not in pages["plain"]


def test_the_chinese_edition_translates_every_part_and_the_verdicts(tmp_path):
    pages, warnings = build(tmp_path, {"quiz": PAGE}, language="zh_CN")
    assert not warnings, warnings
    first = quizzes(pages["quiz"])[0]
    assert 'data-right="答对了。"' in first and 'data-wrong="不太对。"' in first
    assert "下列哪一项衡量的是全要素生产率？" in text(first)
    buttons = re.findall(r'<button[^>]*>(.*?)</button>', first, flags=re.S)
    assert [text(b) for b in buttons] == ["劳均资本", "投入本身解释不了的那部分产出", "工作小时数"]
    assert "<em>资本</em>" in buttons[0]
    assert "增长核算扣除资本和劳动所能解释的部分" in first.split("quiz-explanation")[1]
    assert not re.search(r"[A-Za-z]{4,}", text(first)), text(first)


MALFORMED = {
    "no list": ("```{quiz}\n:answer: 1\n\nWhat is TFP?\n\nThe residual.\n```\n",
                "write the question, then the options as one numbered list"),
    "bullets": ("```{quiz}\n:answer: 1\n\nWhat is TFP?\n\n- The residual\n- Capital\n\nThe residual.\n```\n",
                "a bulleted list is not numbered"),
    "answer too large": (QUIZ.replace(":answer: 2", ":answer: 4"),
                         ":answer: is 4; it must number the right option, from 1 to 3"),
    "answer missing": (QUIZ.replace(":answer: 2\n", ""), ":answer: is missing; it must number the right option, from 1 to 3"),
    "answer zero": (QUIZ.replace(":answer: 2", ":answer: 0"), "answer"),
    "one option": ("```{quiz}\n:answer: 1\n\nWhat is TFP?\n\n1. The residual\n\nThe residual.\n```\n", "it has 1 options; give 2 to 5"),
    "no explanation": ("```{quiz}\n:answer: 1\n\nWhat is TFP?\n\n1. The residual\n2. Capital\n```\n",
                       "an explanation after it"),
    "long option": ("```{quiz}\n:answer: 1\n\nWhat?\n\n1. One\n\n   Two paragraphs.\n2. Three\n\nBecause.\n```\n",
                    "option 1 must be one paragraph"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_quiz_fails_the_build_naming_file_line_and_fix(tmp_path, case):
    quiz, message = MALFORMED[case]
    _pages, warnings = build(tmp_path, {"index": "# Page\n\nText.\n\n" + quiz})
    assert re.search(r"index\.md:5: (ERROR|WARNING)", warnings), warnings
    assert message in warnings, warnings


def test_a_malformed_quiz_in_a_notebook_names_its_cell_and_line(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Chapter\n\nText."), nbformat.v4.new_code_cell("1 + 1"),
                      nbformat.v4.new_markdown_cell("## Check\n\n" + QUIZ.replace(":answer: 2", ":answer: 9"))]
    _pages, warnings = build(tmp_path, {"index": notebook})
    assert "index.ipynb:30004: ERROR: quiz: :answer: is 9; it must number the right option, from 1 to 3" in warnings, warnings
    assert "(in the notebook's cell 3, counting from 1, line 3)" in warnings, warnings
