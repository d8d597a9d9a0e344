"""The Chinese catalogues are complete, in step with the English sources, and faithful to them.

A translation may reword freely, but it must keep every number, formula, citation key, link and
cross-reference target of its English message (productive_forces.i18n.consistency), so a slip
that changes a figure fails here. The catalogues must also hold exactly the messages the sources
have today: a message added or edited in English and not yet merged (`make catalogues`) fails.
"""

import subprocess
import sys

import nbformat
import pytest
from babel.messages.pofile import read_po

from productive_forces.exercises.assign import make_exercise
from productive_forces.exercises.translate import template
from productive_forces.i18n.__main__ import all_catalogues, report
from productive_forces.i18n.catalogues import DOMAINS, extract, po_path
from productive_forces.i18n.consistency import problems
from tests.notebooks import ROOT

LANGUAGE = "zh_CN"
LOCALE = ROOT / "locale" / LANGUAGE / "LC_MESSAGES"
CATALOGUES = all_catalogues(LANGUAGE)


def ids(path):
    with path.open("rb") as file:
        return {message.id for message in read_po(file, locale=LANGUAGE) if message.id}


def label(path):
    return str(path.relative_to(ROOT))


def test_every_page_exercise_and_domain_has_a_catalogue():
    names = {label(path) for path in CATALOGUES}
    pages = ["intro", "ch1_features", "ch2_concept", "ch3_tfp", "ch4_revolutions", "ch5_practice",
             "student_guide", "instructor_guide", "glossary"]
    for page in pages:
        assert f"locale/{LANGUAGE}/LC_MESSAGES/book/{page}.po" in names
    for exercise in sorted((ROOT / "solutions").glob("*.ipynb")):
        assert f"locale/{LANGUAGE}/LC_MESSAGES/exercises/{exercise.stem}.po" in names
    for domain in DOMAINS:
        assert po_path(LANGUAGE, domain).exists()


@pytest.mark.parametrize("path", CATALOGUES, ids=label)
def test_every_message_is_translated_faithfully_and_none_is_fuzzy_or_obsolete(path):
    lines = report(path, LANGUAGE)
    assert not lines, f"{label(path)}:\n" + "\n".join(lines[:20])


@pytest.fixture(scope="module")
def book_templates(tmp_path_factory):
    """The book's messages today, extracted by Sphinx's gettext builder (as `make catalogues` does)."""
    out = tmp_path_factory.mktemp("gettext")
    subprocess.run([sys.executable, "site/build_book.py", "gettext", str(out)], cwd=ROOT, check=True, capture_output=True)
    return out


@pytest.mark.parametrize("page", sorted(path.stem for path in (LOCALE / "book").glob("*.po")))
def test_book_catalogues_hold_exactly_the_messages_of_the_english_pages(book_templates, page):
    english, chinese = ids(book_templates / "book" / f"{page}.pot"), ids(LOCALE / "book" / f"{page}.po")
    assert not english - chinese, f"new English text not in the catalogue (run `make catalogues`): {sorted(english - chinese)[:3]}"
    assert not chinese - english, f"the catalogue translates text the page no longer has: {sorted(chinese - english)[:3]}"


@pytest.mark.parametrize("solution", sorted((ROOT / "solutions").glob("*.ipynb")), ids=lambda p: p.stem)
def test_exercise_catalogues_hold_exactly_the_messages_of_the_exercises(solution):
    english = set(template(make_exercise(nbformat.read(solution, as_version=4))))
    assert english == ids(LOCALE / "exercises" / f"{solution.stem}.po"), "run `make catalogues`"


@pytest.mark.parametrize("domain", sorted(DOMAINS))
def test_package_catalogues_hold_exactly_the_messages_of_the_code(domain):
    english = {message.id for message in extract(domain) if message.id}
    assert english == ids(po_path(LANGUAGE, domain)), "run `python -m productive_forces.i18n` (or `make catalogues`)"


def test_site_catalogue_holds_exactly_the_messages_of_the_site_extensions():
    from babel.messages.extract import extract_from_dir

    english = {message for _file, _line, message, *_rest in extract_from_dir(ROOT / "site", keywords={"_": None})}
    assert english == ids(LOCALE / "course_site.po"), "run `make catalogues`"


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Growth was 4.9% a year over 1978–2019.", "1978–2019年间年均增长4.8%。"),  # a figure changed
        ("Writing $g_y = \\alpha g_k$ we get", "记作$g_y = \\alpha g_k + 1$，得到"),  # a formula changed
        ("As {cite}`ch3-solow1957` showed", "正如{cite}`ch3-solow1956`所示"),  # another source cited
        ("See {doc}`chapter 3 <ch3_tfp>`.", "见{doc}`第三章 <ch2_concept>`。"),  # a link to another page
        ("A {term}`Solow residual`.", "一个{term}`索洛余值`。"),  # the term's target lost
        ("R&D personnel: 7.24 million.", "研发人员：725万。"),  # a figure changed in conversion
        ("**Use capital services.** Then", "**用资本服务。**然后"),  # bold CommonMark cannot close
        ("the **“neck”** problem", "所谓**“卡脖子”**问题"),  # bold CommonMark cannot open
    ],
)
def test_a_translation_that_changes_a_figure_formula_citation_or_link_is_caught(english, chinese):
    assert problems(english, chinese)


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Growth was 4.9% a year over 1978–2019.", "1978–2019年间年均增长4.9%。"),
        ("R&D personnel: 7.24 million.", "研发人员：724万。"),
        ("A {term}`Solow residual`, see {doc}`chapter 3 <ch3_tfp>`.", "{term}`索洛余值 <Solow residual>`，见{doc}`第三章 <ch3_tfp>`。"),
        ("Output {value:.2f} in {year}", "{year}年产出为{value:.2f}"),
        ("**Use capital services.** Then", "**用资本服务**。然后"),
        ("the **“neck”** problem, 2 * 3", "所谓“**卡脖子**”问题，2 * 3"),
    ],
)
def test_a_faithful_translation_passes(english, chinese):
    assert not problems(english, chinese, placeholders=True)
