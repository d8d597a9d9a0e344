"""Chapter 5 and the introduction as a reader gets them, in both editions: chapter 5's key points,
folded maths, sourced chip case, policy box and working quiz; the introduction's three framing
statements with the primary documents linked; and the review's fixes stay made."""

import re

import nbformat
import pytest

from tests.notebooks import BUILD_DIR, ROOT

EDITIONS = ("", "zh/")
CJK = re.compile(r"[\u4e00-\u9fff]")
TAG = re.compile(r"<(/?)(div|details|section)\b[^>]*>")
DROPDOWN = '<details class="sd-sphinx-override sd-dropdown'


def page(edition, name):
    return (BUILD_DIR / "html" / edition / "book" / f"{name}.html").read_text(encoding="utf-8")


def element(html, opening, start=0):
    """The HTML of the first element whose opening tag starts with `opening`, nested tags included."""
    start = html.index(opening, start)
    depth = 0
    for match in TAG.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html[start:match.end()]
    raise AssertionError(f"{opening} is never closed")


def section(html, anchor):
    return element(html, f'<section id="{anchor}"')


def text(html):
    html = re.sub(r"(?s)<(script|style|annotation)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def outside_dropdowns(html):
    while DROPDOWN in html:
        html = html.replace(element(html, DROPDOWN), " ")
    return html


def cited_urls(html, fragment):
    """The addresses of the bibliography entries that `fragment` cites (the entries' titles carry them)."""
    titles = re.findall(r'<a class="reference internal" href="#id\d+" title="([^"]*)"', fragment)
    return [url for title in titles for url in re.findall(r"URL: (\S+?)\.?$", title)]


# Chapter 5


@pytest.mark.parametrize("edition", EDITIONS)
def test_key_points_open_chapter_5_with_five_bullets(edition):
    html = page(edition, "ch5_practice")
    box = element(html, '<div class="key-points admonition">')
    assert html.index(box) < html.index('id="learning-objectives"')
    assert box.count("<li>") == 5
    if edition:
        assert "要点" in box and "芯片" in text(box)


@pytest.mark.parametrize("edition", EDITIONS)
def test_chapter_5_policy_box_comes_before_the_summary_and_is_150_to_250_words(edition):
    html = page(edition, "ch5_practice")
    box = element(html, '<div class="policy admonition">')
    assert html.index(box) < html.index('id="summary"')
    body = text(box)
    if edition:
        assert "对政策工作的启示" in body and len(CJK.findall(body)) > 300
    else:
        words = re.findall(r"[A-Za-z0-9]+(?:['’.,-][A-Za-z0-9]+)*", body.removeprefix("What this means for policy work"))
        assert 150 <= len(words) <= 250, len(words)


@pytest.mark.parametrize("edition", EDITIONS)
def test_chapter_5_derivations_are_folded_and_the_headline_results_stay_in_the_text(edition):
    html = page(edition, "ch5_practice")
    assert html.count(DROPDOWN) >= 4
    main = outside_dropdowns(html)
    assert "\\frac{Y}{q_i} \\times \\Delta" in main  # what one step of improvement is worth
    assert "s_j^{\\text{best}} = \\frac{\\beta_j}{\\beta_b + \\beta_a + \\beta_u}" in main  # the best split
    assert "\\frac{\\partial Y}{\\partial q_i}" not in main  # the derivative, folded
    assert "\\tau(c) = \\tau_{\\text{low}}" not in main  # the year-by-year equations, folded
    assert "\\ln I^{*} = \\text{const}" not in main  # the best split's derivation, folded


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_chip_case_gives_a_named_source_for_every_import_figure(edition):
    case = section(page(edition, "ch5_practice"), "case-semiconductors-and-the-chip-bottleneck")
    rows = re.findall(r"(?s)<tr class=\"row-(?:odd|even)\"><td>.*?</tr>", case)
    figures = {"2022": ("415.6", "−3.9%", "365.5"), "2023": ("349.4", "−15.4%", "337.5"), "2024": ("385", "+10.4%", "325")}
    assert len(rows) == 3
    for row in rows:
        cells = [text(cell) for cell in re.findall(r"(?s)<td>(.*?)</td>", row)]
        assert tuple(cells[1:4]) == figures[cells[0][:4]]
        assert cited_urls(row, row), f"the {cells[0]} row cites no source with an address"
    secondary = "二手" if edition else "secondary"
    verified = "核实" if edition else "verified"
    assert text(case).count(secondary) >= 4 and verified in text(case)
    addresses = cited_urls(case, case)
    for host in ("jw.ijiwei.com", "scmp.com", "evertiq.com", "reuters.com", "bis.gov", "cna.com.tw"):
        assert any(host in url for url in addresses), host
    for figure in ("16.7%", "6.6%", "21.2%", "17.44%", "6.77%"):
        assert figure in text(case)


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_chip_case_is_read_through_both_models(edition):
    lens = text(section(page(edition, "ch5_practice"), "reading-the-case-through-the-models"))
    for idea in (("最弱环节", "创新管道", "每单位投入") if edition else ("weakest link", "pipeline", "per unit of effort")):
        assert idea in lens
    assert "Y/q_i" in section(page(edition, "ch5_practice"), "reading-the-case-through-the-models")


@pytest.mark.parametrize("edition", EDITIONS)
def test_chapter_5_has_five_to_eight_quiz_questions_in_the_editions_language(edition):
    html = page(edition, "ch5_practice")
    quizzes = re.findall(r'<div [^>]*class="quiz"', html)
    assert 5 <= len(quizzes) <= 8
    assert html.index('id="check-your-understanding"') > html.index('id="summary"')
    if edition:
        assert "自我检测" in html and "单凭这两个数字说明不了多少" in html and 'data-right="答对了。"' in html


def chapter_5_prose():
    notebook = nbformat.read(ROOT / "book" / "ch5_practice.ipynb", as_version=4)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def test_tripled_names_its_two_sources():
    paragraph = next(p for p in chapter_5_prose().split("\n\n") if "tripled" in p)
    assert "{cite}`ch5-nbs2024rd`" in paragraph and "{cite}`ch5-owidrd`" in paragraph
    assert "2023 figure of the first source" in paragraph and "2000 figure of the second" in paragraph
    assert "2.65 / 0.89" in paragraph and "approximate" in paragraph


def test_chinese_policy_terms_take_the_official_wording():
    catalogue = (ROOT / "locale" / "zh_CN" / "LC_MESSAGES" / "book" / "ch5_practice.po").read_text(encoding="utf-8")
    for term in ("新型举国体制", "以企业为主体的创新生态", "关键核心技术", "科技领军企业", "产学研用深度融合"):
        assert term in catalogue
    assert "企业主导的创新生态" not in catalogue


# The introduction


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_introduction_opens_with_key_points(edition):
    html = page(edition, "intro")
    box = element(html, '<div class="key-points admonition">')
    assert html.index(box) < html.index('id="where-the-concept-comes-from"')
    assert 4 <= box.count("<li>") <= 6


QUOTATIONS = {
    "": ("to speed up the formation of new quality productive forces",
         "disruptive and frontier technologies to give rise to new industries",
         "is the core element in developing new quality productive forces"),
    "zh/": ("整合科技创新资源，引领发展战略性新兴产业和未来产业，加快形成新质生产力",
            "以颠覆性技术和前沿技术催生新产业、新模式、新动能",
            "科技创新能够催生新产业、新模式、新动能，是发展新质生产力的核心要素"),
}


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_three_framing_statements_are_dated_quoted_and_sourced(edition):
    html = section(page(edition, "intro"), "where-the-concept-comes-from")
    items = re.findall(r"(?s)<li><p><strong>.*?</li>", html)[:3]
    dates = ("2023年9月7日至8日", "2023年12月11日至12日", "2024年1月31日") if edition else (
        "7–8 September 2023", "11–12 December 2023", "31 January 2024")
    for item, date, quotation in zip(items, dates, QUOTATIONS[edition]):
        assert date in text(item)
        assert quotation in text(item)
        assert re.search("[“\"]", text(item)[: text(item).index(quotation) + 1]), "not in quotation marks"
        assert cited_urls(item, item), f"{date}: no source with an address"
    if not edition:
        assert text(html).count("(our translation)") == 3


PRIMARY = ("english.www.gov.cn/news/202402/01", "qnzz.youth.cn", "en.qstheory.cn/2024-11/12", "lianghui.people.com.cn/2024",
           "govt.chinadaily.com.cn/s/202407/22")


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_primary_documents_are_linked_and_say_what_was_verified(edition):
    html = page(edition, "intro")
    documents = section(html, "the-primary-documents-and-what-we-checked")
    items = re.findall(r"(?s)<li><p>.*?</li>", documents)
    assert len(items) == 4
    for item in items:
        label = ("核实", "二手") if edition else ("Verified", "Secondary", "secondary")
        assert any(word in text(item) for word in label), text(item)[:80]
    addresses = cited_urls(documents, documents)
    for address in PRIMARY:
        assert any(address in url for url in addresses), address
    bibliography = section(html, "references")
    for address in PRIMARY:
        assert f'href="http' in bibliography and address in bibliography  # the reader can follow the link


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_introduction_names_the_probable_chinese_journal_and_says_it_is_unchecked(edition):
    opening = text(page(edition, "intro"))
    assert "《中国党政干部论坛》" in opening
    assert ("未能查阅该期目录" if edition else "we could not check that issue") in opening


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_eleventh_session_is_confirmed_in_qiushi(edition):
    fact_check = section(page(edition, "intro"), "a-fact-check-the-eleventh-or-the-twelfth-session")
    assert any("en.qstheory.cn" in url for url in cited_urls(fact_check, fact_check))
