"""The chapters' printed lines, tables and static figure (productive_forces.lessons): the English the
book has always shown, the same numbers in Chinese, and tables that escape what they are given."""

import re

import matplotlib
import nbformat
import pytest

from productive_forces.i18n import use_language
from productive_forces.lessons import ch1, ch2, ch3, ch4, ch5
from productive_forces.lessons.tables import Markup, bold, html_table, listing, table_html
from tests.notebooks import ROOT

matplotlib.use("Agg")

CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"(?<!\d)[-+]?\d+(?:,\d{3})*(?:\.\d+)?%?")

#: Every function a chapter cell calls, with the arguments the chapter gives it.
TABLES = {
    "ch1.saving_table": lambda: ch1.saving_table(),
    "ch2.china_human_capital_table": lambda: ch2.china_human_capital_table(),
    "ch2.human_capital_comparison": lambda: ch2.human_capital_comparison(),
    "ch3.accounting_table(1978, 2019)": lambda: ch3.accounting_table(1978, 2019),
    "ch3.accounting_table(1990, 2019)": lambda: ch3.accounting_table(1990, 2019),
    "ch3.two_series_table": lambda: ch3.two_series_table(),
    "ch3.bosworth_collins_table": lambda: ch3.bosworth_collins_table(),
    "ch3.alpha_sensitivity_table": lambda: ch3.alpha_sensitivity_table(),
    "ch4.indicators_table": lambda: ch4.indicators_table(),
    "ch4.levels_table": lambda: ch4.levels_table(),
    "ch4.growth_table": lambda: ch4.growth_table(),
    "ch4.event_counts_table": lambda: ch4.event_counts_table(),
    "ch4.article_claims_table": lambda: ch4.article_claims_table(),
    "ch4.china_milestones_table": lambda: ch4.china_milestones_table(),
    "ch4.hsr_network_table": lambda: ch4.hsr_network_table(),
}
#: Tables whose figures Chinese writes in another order or form (7.24 million is 724万, "1 Aug" is 8月1日);
#: their numbers are checked message by message in the catalogue instead.
NUMBERS_REWORDED = {"ch4.indicators_table", "ch4.article_claims_table", "ch4.china_milestones_table", "ch4.hsr_network_table"}
LINES = {
    "ch1.steady_state_example": ch1.steady_state_example,
    "ch1.convergence_line": ch1.convergence_line,
    "ch1.balanced_growth_lines": ch1.balanced_growth_lines,
    "ch1.value_chain_example": ch1.value_chain_example,
    "ch1.china_accounts": ch1.china_accounts,
    "ch2.shift_share_example": ch2.shift_share_example,
    "ch3.doubling_lines": ch3.doubling_lines,
    "ch3.allocation_example": ch3.allocation_example,
    "ch4.overtaking_line": ch4.overtaking_line,
    "ch4.logistic_example": ch4.logistic_example,
    "ch4.hsr_growth_line": ch4.hsr_growth_line,
    "ch5.complexity_lines": ch5.complexity_lines,
    "ch5.oring_example": ch5.oring_example,
    "ch5.pipeline_numbers": ch5.pipeline_numbers,
}


@pytest.fixture(autouse=True)
def english():
    """Every test starts in English and leaves the package in English."""
    use_language("en")
    yield
    use_language("en")


@pytest.fixture
def chinese():
    use_language("zh_CN")
    yield
    use_language("en")


def parts(table):
    """(caption, header cells, body cells) of a displayed table."""
    html = table.data
    caption = re.search(r"<caption>(.*?)</caption>", html).group(1)
    header = re.findall(r"<th>(.*?)</th>", html)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", html)
    return caption, header, cells


# English: exactly what the chapter cells printed before they became calls (read off the book).


def test_english_lines_are_the_books():
    assert ch1.steady_state_example() == (
        "k* = 8.51, y* = 2.04\nSaving 30% instead of 20% raises steady-state output per worker by 22.5%"
    )
    assert ch1.value_chain_example().splitlines()[:3] == [
        "Value of output: x2.275 the baseline",
        "   input:  33.6 log points, 41% of the change",
        " process:  22.3 log points, 27% of the change",
    ]
    assert ch2.shift_share_example() == (
        "Output per worker: 1.30 -> 2.09, a change of 0.79\n"
        "within 0.13 + between 0.60 + interaction 0.06 = 0.79\n"
        "Share of the change due to workers moving: 84%"
    )
    assert ch4.logistic_example() == (
        "10% adoption in 1910.4\n50% adoption in 1925.0\n90% adoption in 1939.6\nFrom 10% to 90%: 29.3 years"
    )
    assert ch4.overtaking_line() == "First year observed for both in which the US is ahead of Britain: 1880"
    assert ch5.complexity_lines().splitlines()[0] == (
        "Each part works with probability 0.99: output with 1 part 0.99, 5 parts 0.95, 10 parts 0.90, 20 parts 0.82"
    )
    assert ch5.oring_example().splitlines()[2] == (
        "chips move only 0.02: materials +0.0171, parts +0.0192, chips +0.0103, software +0.0205, "
        "assembly +0.0162; best: software"
    )
    assert ch5.pipeline_numbers().splitlines()[-1] == (
        "Moving 8 points from basic research to use: +4% in years 0-7, -18% from year 8 on"
    )


def test_english_tables_are_the_books():
    html = ch3.accounting_table(1978, 2019).data
    assert html.startswith(
        "<table><caption>1978–2019: average annual growth, % (Penn World Table 10.01)</caption><thead><tr>"
        "<th>Economy</th><th>α</th><th>Output per worker</th><th>Capital deepening</th><th>Human capital</th>"
        "<th>TFP residual</th><th>TFP share</th><th>PWT's own TFP index</th></tr></thead>"
    )
    assert (
        '<tr><td style="text-align:left">China</td><td style="text-align:right">0.42</td>'
        '<td style="text-align:right">4.9</td><td style="text-align:right">3.6</td>'
        '<td style="text-align:right">0.7</td><td style="text-align:right">0.6</td>'
        '<td style="text-align:right">13%</td><td style="text-align:right">0.4</td></tr>'
    ) in html
    assert '<td style="text-align:left">Bosworth &amp; Collins (2008), official data</td>' in ch3.bosworth_collins_table().data
    caption, header, cells = parts(ch4.levels_table())
    assert caption == "GDP per capita, 2011 international dollars (Maddison Project Database 2023, via Our World in Data)"
    assert header == ["Economy", "1700", "1820", "1870", "1913", "1950", "2022"]
    assert cells[:7] == ["Britain", "2,412", "3,306", "5,829", "8,212", "11,061", "38,407"]
    assert cells[8] == "not observed"  # the United States in 1700
    indicators = ch4.indicators_table().data
    assert '<td style="text-align:left"><b>not confirmed</b></td>' in indicators
    assert "<td style=\"text-align:left\">WIPO, via People's Daily</td>" in indicators


def test_english_figure_labels():
    shown = ch4.rd_spending_figure()
    axes = shown.figure.axes[0]
    assert axes.get_ylabel() == "R&D spending, % of GDP"
    assert [text.get_text() for text in axes.get_legend().get_texts()] == ["Our World in Data (UNESCO)", "NBS bulletin, 2023"]
    assert list(axes.lines[0].get_ydata()) == ch4.RD_SHARE
    assert shown.caption.startswith("China's gross spending on research and development, % of GDP. 1996–2021: Our World in Data")
    assert "from 0.56% in 1996 to 2.43% in 2021" in shown.alt and "2023 at 2.65%" in shown.alt


ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b")


# Chinese: every caption, header and line in Chinese, with the same numbers.


@pytest.mark.parametrize("name", sorted(TABLES))
def test_chinese_tables_have_chinese_captions_and_headers_and_the_same_numbers(name):
    english_caption, english_header, english_cells = parts(TABLES[name]())
    use_language("zh_CN")
    caption, header, cells = parts(TABLES[name]())
    assert CJK.search(caption) and caption != english_caption
    for english_cell, cell in zip(english_header, header, strict=True):
        if re.search(r"[A-Za-z]{2,}", english_cell):  # a word, not a year or the symbol α
            assert CJK.search(cell), f"header {english_cell!r} left untranslated"
        assert NUMBER.findall(cell) == NUMBER.findall(english_cell)
    assert len(cells) == len(english_cells)
    english_cells = [ORDINAL.sub(" ", cell) for cell in english_cells]  # "1st" is 第一次 in Chinese
    if name not in NUMBERS_REWORDED:
        for english_cell, cell in zip(english_cells, cells):
            assert NUMBER.findall(cell) == NUMBER.findall(english_cell), (english_cell, cell)


@pytest.mark.parametrize("name", sorted(LINES))
def test_chinese_lines_are_chinese_with_the_same_numbers(name):
    english = LINES[name]()
    use_language("zh_CN")
    chinese = LINES[name]()
    assert len(chinese.splitlines()) == len(english.splitlines())
    for english_line, line in zip(english.splitlines(), chinese.splitlines()):
        if re.search(r"[A-Za-z]{2,}", english_line):  # words, not only a formula such as k* = 8.51
            assert CJK.search(line), f"untranslated line: {line!r}"
        for number in NUMBER.findall(english_line):
            assert number in NUMBER.findall(line) or number.lstrip("+") in line, (number, line)


def test_chinese_examples(chinese):
    assert ch1.steady_state_example().splitlines()[1] == "储蓄率从20%提高到30%，稳态劳均产出提高22.5%"
    assert ch3.doubling_lines().splitlines()[2] == "全要素生产率年增长2.0%：35年翻一番"
    caption, header, cells = parts(ch3.accounting_table(1978, 2019))
    assert caption == "1978–2019年：年均增长率，%（佩恩表10.01版）"
    assert header[:3] == ["经济体", "α", "劳均产出"]
    assert cells[1:8] == ["0.42", "4.9", "3.6", "0.7", "0.6", "13%", "0.4"]
    _, header, cells = parts(ch4.event_counts_table())
    assert header == ["工业革命", "事件数", "涉及国家"]
    assert cells[0] == "第一次" and cells[1] == "14"
    assert "<b>未获证实</b>" in ch4.indicators_table().data
    assert "724万人" in ch4.indicators_table().data


def test_chinese_figure_labels(chinese):
    shown = ch4.rd_spending_figure()
    axes = shown.figure.axes[0]
    assert axes.get_ylabel() == "研发经费占GDP的比重（%）"
    assert [text.get_text() for text in axes.get_legend().get_texts()] == [
        "Our World in Data（联合国教科文组织）",
        "国家统计局公报，2023年",
    ]
    assert shown.caption.startswith("中国研究与试验发展（R&D）经费支出占GDP的比重（%）。1996—2021年")
    assert "从1996年的0.56%升至2021年的2.43%" in shown.alt and "2023年为2.65%" in shown.alt


def test_the_language_is_read_when_a_function_runs_not_at_import():
    english = ch3.alpha_sensitivity_table().data
    use_language("zh_CN")
    assert ch3.alpha_sensitivity_table().data != english
    use_language("en")
    assert ch3.alpha_sensitivity_table().data == english


# Tables escape text.


def test_html_table_escapes_caption_header_and_cells():
    html = table_html("<script>alert(1)</script>", ["A & B", "<i>"], [["Tom <b>", "1 < 2 & 3 > 2"]])
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<th>A &amp; B</th><th>&lt;i&gt;</th>" in html
    assert '<td style="text-align:left">Tom &lt;b&gt;</td>' in html
    assert '<td style="text-align:right">1 &lt; 2 &amp; 3 &gt; 2</td>' in html


def test_html_table_inserts_markup_only_when_asked():
    html = html_table("c", ["h"], [[bold("not <confirmed>"), Markup("<i>x</i>")]], numbers=False).data
    assert '<td style="text-align:left"><b>not &lt;confirmed&gt;</b></td>' in html
    assert '<td style="text-align:left"><i>x</i></td>' in html
    assert "<b>" not in table_html("c", ["h"], [["<b>x</b>"]])


def test_a_translation_cannot_inject_markup(monkeypatch):
    from productive_forces.lessons import ch2 as chapter

    monkeypatch.setattr(chapter, "_", lambda message: "<img src=x onerror=alert(1)>" + message)
    html = chapter.china_human_capital_table().data
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_listing_uses_the_languages_separator(chinese):
    assert listing(["a", "b", "c"]) == "a、b、c"
    use_language("en")
    assert listing(["a", "b", "c"]) == "a, b, c"


# The chapter cells stay thin: they call the package and hold no presentation code.


@pytest.mark.parametrize("chapter", sorted((ROOT / "book").glob("ch*.ipynb")), ids=lambda p: p.stem)
def test_chapter_cells_only_call_the_lessons(chapter):
    notebook = nbformat.read(chapter, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code" or cell.id.endswith("-imports"):
            continue
        assert "html_table" not in cell.source and 'f"' not in cell.source and "print(f" not in cell.source, cell.id
        assert len(cell.source.splitlines()) <= 2, f"{cell.id} should be a call into productive_forces.lessons"
