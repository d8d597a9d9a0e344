"""Chapter 3 as a reader gets it, in both editions: key points, folded maths, the official-data
accounts beside PWT's, a sourced case, a policy box and a self-check quiz; and the fixes the review
asked for stay made."""

import re

import nbformat
import pytest

from tests.notebooks import BUILD_DIR, ROOT

PAGE = "book/ch3_tfp.html"
EDITIONS = ("", "zh/")
CJK = re.compile(r"[\u4e00-\u9fff]")
TAG = re.compile(r"<(/?)(div|details)\b[^>]*>")


def page(edition):
    return (BUILD_DIR / "html" / edition / PAGE).read_text(encoding="utf-8")


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
    while '<details class="sd-sphinx-override sd-dropdown' in html:
        folded = element(html, '<details class="sd-sphinx-override sd-dropdown')
        html = html.replace(folded, " ")
    return html


@pytest.mark.parametrize("edition", EDITIONS)
def test_key_points_open_the_chapter_with_five_plain_bullets(edition):
    html = page(edition)
    box = element(html, '<div class="key-points admonition">')
    assert html.index(box) < html.index('id="learning-objectives"')
    assert box.count("<li>") == 5
    if edition:
        assert "要点" in box and CJK.search(text(box))


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_policy_box_comes_before_the_summary_and_is_150_to_250_words(edition):
    html = page(edition)
    box = element(html, '<div class="policy admonition">')
    assert html.index(box) < html.index('id="summary"')
    body = text(box).split(" ", 5)[-1] if not edition else text(box)
    if edition:
        assert "对政策工作的启示" in body and len(CJK.findall(body)) > 300
    else:
        words = re.findall(r"[A-Za-z0-9]+(?:['’.,-][A-Za-z0-9]+)*", body)
        assert 150 <= len(words) <= 250, len(words)


@pytest.mark.parametrize("edition", EDITIONS)
def test_derivations_are_folded_and_the_headline_formula_stays_in_the_text(edition):
    html = page(edition)
    assert html.count('<details class="sd-sphinx-override sd-dropdown') >= 4
    main = outside_dropdowns(html)
    assert "g_A = g_y - \\alpha \\, g_k - (1-\\alpha) \\, g_h" in main  # the residual, typeset in the text
    assert "Y = A \\, K^{\\alpha} \\, (hL)^{1-\\alpha}" not in main  # the production function, folded
    assert "K_i \\;\\propto\\; A_i^{1/(1-\\alpha)}" not in main


@pytest.mark.parametrize("edition", EDITIONS)
def test_official_and_pwt_accounts_stand_side_by_side(edition):
    html = page(edition)
    official = "官方（国家统计局）" if edition else "Official (NBS)"
    table = html[html.index(official) - 3000 : html.index(official) + 3000]
    assert re.search(r">PWT 10.01</td><td[^>]*>1978–2019</td>(<td[^>]*>[^<]*</td>){4}<td[^>]*>0.6</td>", table)
    assert re.search(rf">{re.escape(official)}</td><td[^>]*>1978–2019</td>(<td[^>]*>[^<]*</td>){{4}}<td[^>]*>3.4</td><td[^>]*>44%</td>", table)


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_hefei_case_gives_a_source_for_each_of_its_figures(edition):
    html = page(edition)
    start = html.index('<section id="case-hefei-bets-public-capital-on-new-industries"')
    case = html[start : html.index("<section", start + 1)]
    bullets = re.findall(r"(?s)<li><p><strong>.*?</li>", case[: case.index("</ul>")])
    assert len(bullets) == 3  # displays, electric cars, output
    for bullet in bullets:
        assert re.search(r'<a class="reference internal" href="#id\d+" title="[^"]*(Bloomberg|Xinhua|Hefei Daily)', bullet), bullet[:200]
    for figure in ("18%", "5.5", "140%", "5.8%"):
        assert figure in text(case)
    secondary = "二手报道" if edition else "secondary reports"
    assert secondary in text(case)


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_quiz_has_five_to_eight_questions_in_the_editions_language(edition):
    html = page(edition)
    quizzes = re.findall(r'<div [^>]*class="quiz"', html)
    assert 5 <= len(quizzes) <= 8
    if edition:
        assert "自我检测" in html and "按照70法则" in html


def markdown():
    notebook = nbformat.read(ROOT / "book" / "ch3_tfp.ipynb", as_version=4)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def test_the_review_fixes_stay_made():
    prose = markdown()
    assert "four short paragraphs" in prose and "five short paragraphs" not in prose  # section III has four
    assert "world's largest real economy in a short time" not in prose
    assert '"the world\'s largest real economy" (Cai, section III)' in prose  # quoted, with its source
    assert "0.33" not in prose and "\\alpha = 1/3" in prose  # one way of writing the capital share


def test_the_official_figures_are_stated_as_period_averages():
    prose = markdown()
    assert "**published averages for whole periods**, not a year-by-year index" in prose
