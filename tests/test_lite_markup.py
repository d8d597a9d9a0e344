"""The live (JupyterLite) copies of the chapters show no teaching directive raw (site/course_site/lite_markup.py).

Key-point and policy boxes, folded derivations and quizzes are written out as Markdown that
JupyterLab renders, with the Chinese "Answer" label from the site's catalogue. That the built
copies of both editions hold no raw directive is tested on the build in tests/test_quiz.py.
"""

import sys
from collections import defaultdict
from gettext import NullTranslations

import pytest
import sphinx.locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.notebooks import ROOT

sys.path.insert(0, str(ROOT / "site"))
from course_site.lite_markup import readable_markdown, written_out_directives  # noqa: E402  (the site's Sphinx extension)

KEY_POINTS = """\
# Growth

````{admonition} Key points
:class: key-points

- Output grows with *inputs* and with $A$.
- The rest is the residual.

```{dropdown} Why the residual is a measure of ignorance
$$g_A = g_Y - \\alpha g_K$$
```
````
"""
QUIZ = """\
```{quiz}
:answer: 2

Which of these does total factor productivity measure?

1. Capital per worker
2. The output that inputs alone
   do not explain
3. Hours worked

Growth accounting subtracts what capital and labour explain; the residual is TFP.
```
"""


@pytest.fixture(autouse=True)
def fresh_translators(monkeypatch):
    monkeypatch.setattr(sphinx.locale, "translators", defaultdict(NullTranslations))


def test_an_admonition_is_a_bold_title_over_a_block_quote_and_a_dropdown_a_details_element():
    written = written_out_directives(KEY_POINTS)
    assert written == """\
# Growth

> **Key points**
>
> - Output grows with *inputs* and with $A$.
> - The rest is the residual.
>
> <details>
> <summary>Why the residual is a measure of ignorance</summary>
>
> $$g_A = g_Y - \\alpha g_K$$
>
> </details>
"""


def test_a_colon_fenced_dropdown_with_options_is_written_out_too():
    written = written_out_directives("Text.\n\n:::{dropdown} The derivation\n:open:\n\n$$Y = AK^{\\alpha}L^{1-\\alpha}$$\n:::\n")
    assert written == "Text.\n\n<details>\n<summary>The derivation</summary>\n\n$$Y = AK^{\\alpha}L^{1-\\alpha}$$\n\n</details>\n"


def test_a_quiz_asks_first_and_folds_the_answer_with_its_explanation():
    written = written_out_directives("## Check your understanding\n\n" + QUIZ)
    before, folded = written.split("<details>")
    assert before == """\
## Check your understanding

Which of these does total factor productivity measure?

1. Capital per worker
2. The output that inputs alone
   do not explain
3. Hours worked

"""
    assert folded == """
<summary>Answer</summary>

**2. The output that inputs alone do not explain**

Growth accounting subtracts what capital and labour explain; the residual is TFP.

</details>
"""


def test_the_chinese_copy_labels_the_answer_in_chinese(tmp_path):
    with (ROOT / "locale" / "zh_CN" / "LC_MESSAGES" / "course_site.po").open("rb") as file:
        catalogue = Catalog(locale="zh_CN")
        for message in read_po(file):
            if message.id:
                catalogue.add(message.id, message.string)
    folder = tmp_path / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "course_site.mo").open("wb") as file:
        write_mo(file, catalogue)
    sphinx.locale.init([str(tmp_path)], "zh_CN", "course_site")
    assert "<summary>答案</summary>" in written_out_directives(QUIZ)


def test_a_malformed_quiz_is_left_for_the_book_build_to_report():
    malformed = QUIZ.replace(":answer: 2", ":answer: 7")
    assert written_out_directives(malformed) == malformed


def test_other_directives_are_left_alone():
    text = "```{bibliography}\n:filter: docname in docnames\n```\n\n```python\nprint(1)\n```\n"
    assert written_out_directives(text) == text


def test_a_glossary_term_reads_as_its_text():
    source = "China's {term}`digital economy` and {term}`TFP <total factor productivity>` grew."
    assert readable_markdown(source, {}, [], set()) == "China's digital economy and TFP grew."
