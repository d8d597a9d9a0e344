"""Chapters 1 and 2 and the glossary as a reader gets them, in both editions: key points, folded
maths with the headline result left in the text, a sourced Chinese case, a policy box; and the fixes
the review asked for stay made (the article's wording, the textbook triad, one definition of
productive forces, one meaning per symbol)."""

import re

import nbformat
import pytest

from tests.notebooks import BUILD_DIR, ROOT

EDITIONS = ("", "zh/")
CHAPTERS = ("ch1_features", "ch2_concept")
CJK = re.compile(r"[\u4e00-\u9fff]")
TAG = re.compile(r"<(/?)(div|details|section)\b[^>]*>")
DROPDOWN = '<details class="sd-sphinx-override sd-dropdown'
#: Per chapter: the case's section, figures it must show in both editions, its least number of sources.
CASES = {
    "ch1_features": ("case-new-energy-vehicles-and-batteries", ("894", "339.3", "153.7", "115", "40.9"), 3),
    "ch2_concept": ("case-china-s-digital-economy-and-the-three-elements", ("53.9", "42.8", "12.76", "9.9", "97"), 5),
}
#: Per chapter: maths that stays in the text (the headline results) and maths folded into dropdowns.
HEADLINES = {
    "ch1_features": ("g_y \\approx \\frac{g}{1-\\alpha}", "k^* = \\left(\\frac{s\\,A}{n+\\delta}\\right)"),
    "ch2_concept": ("\\mu^{\\alpha j}", "\\bigl[1 + \\sigma(\\rho-1)\\bigr]"),
}
FOLDED = {
    "ch1_features": ("(1+n)\\,k_{t+1} = s\\,y_t", "\\lambda = \\frac{(1-\\alpha)(n+\\delta)}{1+n}", "1 + g_y = (1+g)^{"),
    "ch2_concept": ("\\phi(s) =", "\\sum_i \\sigma_{i0}\\,\\Delta p_i", "\\mu^{\\alpha/(1-\\alpha)}"),
}


def page(edition, name):
    return (BUILD_DIR / "html" / edition / "book" / f"{name}.html").read_text(encoding="utf-8")


def element(html, opening):
    """The HTML of the first element whose opening tag starts with `opening`, nested tags included."""
    start = html.index(opening)
    depth = 0
    for match in TAG.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html[start:match.end()]
    raise AssertionError(f"{opening} is never closed")


def text(html):
    html = re.sub(r"(?s)<(script|style|annotation)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def outside_dropdowns(html):
    while DROPDOWN in html:
        html = html.replace(element(html, DROPDOWN), " ")
    return html


def maths(name):
    """Every maths span of a chapter's Markdown cells, with \\text{...} and TeX commands removed."""
    notebook = nbformat.read(ROOT / "book" / f"{name}.ipynb", as_version=4)
    source = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    spans = re.findall(r"\$\$.+?\$\$|\$[^$\n]+?\$", source, re.S)
    return [re.sub(r"\\[A-Za-z]+", " ", re.sub(r"\\text\{[^}]*\}", " ", span)) for span in spans]


def symbol_used(name, symbol):
    return any(re.search(rf"(?<![A-Za-z]){symbol}(?![A-Za-z])", span) for span in maths(name))


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_key_points_open_the_chapter_with_four_to_six_bullets(edition, name):
    html = page(edition, name)
    box = element(html, '<div class="key-points admonition">')
    assert html.index(box) < html.index('id="learning-objectives"')
    assert 4 <= box.count("<li>") <= 6
    if edition:
        assert "要点" in box and len(CJK.findall(text(box))) > 200


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_the_policy_box_comes_before_the_summary_and_is_150_to_250_words(edition, name):
    html = page(edition, name)
    box = element(html, '<div class="policy admonition">')
    assert html.index(box) < html.index('id="summary"')
    if edition:
        assert "对政策工作的启示" in box and len(CJK.findall(text(box))) > 300
    else:
        body = text(box).removeprefix("What this means for policy work")
        words = re.findall(r"[A-Za-z0-9]+(?:['’.,-][A-Za-z0-9]+)*", body)
        assert 150 <= len(words) <= 250, len(words)


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_derivations_are_folded_and_the_headline_results_stay_in_the_text(edition, name):
    html = page(edition, name)
    folded = html.count(DROPDOWN)
    assert folded >= 4
    assert folded == len(re.findall(r'<details class="sd-sphinx-override sd-dropdown[^"]*"(?![^>]*\bopen\b)', html))
    main = outside_dropdowns(html)
    for formula in HEADLINES[name]:
        assert formula in main, formula
    for formula in FOLDED[name]:
        assert formula in html and formula not in main, formula


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_the_chinese_case_shows_its_figures_with_their_sources(edition, name):
    html = page(edition, name)
    section, figures, sources = CASES[name]
    case = element(html, f'<section id="{section}">')
    words = text(case)
    for figure in figures:
        assert figure in words, figure
    citations = dict(re.findall(r'<a class="reference internal" href="#(id\d+)" title="([^"]*)"', case))
    assert len(citations) >= sources, citations
    references = element(html, '<section id="references">')
    for target, title in citations.items():
        assert f'id="{target}"' in references and "URL: http" in title, title
    if edition:
        assert len(CJK.findall(words)) > 300


@pytest.mark.parametrize("edition", EDITIONS)
def test_chapter_1_says_what_the_article_says_about_new_drivers_of_growth(edition):
    section = text(element(page(edition, "ch1_features"), '<section id="first-step-a-new-path-needs-a-new-engine">'))
    if edition:
        assert "“直接相关”" in section and "只能来自创新" not in section
    else:
        assert '"directly related to"' in section.replace("“", '"').replace("”", '"')
        assert "can only come from innovation" not in section


@pytest.mark.parametrize("edition", EDITIONS)
def test_chapter_2_calls_the_triad_a_textbook_codification_of_capital_volume_1_chapter_7(edition):
    section = text(element(page(edition, "ch2_concept"), '<section id="three-elements">'))
    if edition:
        assert "第七章" in section and "第五章" in section and "教科书" in section
    else:
        assert "Capital , Volume I, chapter 7" in section or "Capital, Volume I, chapter 7" in section
        assert "codification" in section and "Textbooks" in section


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_glossary_defines_productive_forces_as_chapter_2_does(edition):
    definition = "改造自然、使其满足" if edition else "to change nature so that it meets their needs"
    glossary = page(edition, "glossary")
    start = glossary.index('<dt id="term-productive-forces">')
    entry = text(glossary[start:glossary.index("</dd>", start)])
    assert definition in entry
    assert definition in text(page(edition, "ch2_concept"))


def test_each_symbol_means_one_thing_in_chapters_1_and_2():
    # λ is chapter 1's speed of convergence, μ chapter 2's gain per instrument generation;
    # g is TFP growth (chapter 1), j the instrument generation (chapter 2); sector shares are σ_i.
    source = {name: "\n".join(c.source for c in nbformat.read(ROOT / "book" / f"{name}.ipynb", as_version=4).cells)
              for name in CHAPTERS}
    assert "\\lambda" in source["ch1_features"] and "\\lambda" not in source["ch2_concept"]
    assert "\\mu" in source["ch2_concept"] and "\\mu" not in source["ch1_features"]
    assert symbol_used("ch1_features", "g") and not symbol_used("ch2_concept", "g")
    assert symbol_used("ch2_concept", "j") and not symbol_used("ch1_features", "j")
    assert "s_{i" not in source["ch2_concept"] and "s_i" not in source["ch2_concept"]


@pytest.mark.parametrize("name", CHAPTERS)
def test_the_capital_share_is_written_one_third_not_0_33(name):
    for span in re.findall(r"\$[^$\n]+?\$", "\n".join(
        cell.source for cell in nbformat.read(ROOT / "book" / f"{name}.ipynb", as_version=4).cells
    )):
        assert not re.search(r"\\alpha\s*=\s*0\.33", span), span
