"""Chapter 4's lesson outputs: the R&D figure (alt text, caption, legible, escaped), the tally of the article's
figures on China that the text repeats, and the sourced tables of the high-speed rail case and China's milestones."""

import base64
import io
import re

import pytest
from babel.messages.pofile import read_po
from matplotlib.text import Text
from PIL import Image

from productive_forces.data.revolutions import load_revolutions
from productive_forces.i18n import use_language
from productive_forces.lessons import ch4
from productive_forces.lessons.figures import CaptionedFigure, new_figure
from productive_forces.widgets.base import FIGURE_WIDTH, TEXT_POINTS
from tests.notebooks import ROOT, read


@pytest.fixture(autouse=True)
def english():
    use_language("en")
    yield
    use_language("en")


def figure_parts(html):
    """(alt, image width in pixels, caption) of a figure's HTML."""
    alt = re.search(r'<img alt="([^"]*)"', html).group(1)
    png = re.search(r'src="data:image/png;base64,([^"]+)"', html).group(1)
    width = Image.open(io.BytesIO(base64.b64decode(png))).width
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html).group(1)
    return alt, width, caption


def test_the_rd_figure_says_what_it_shows_and_where_it_comes_from_in_both_languages():
    alt, width, caption = figure_parts(ch4.rd_spending_figure()._repr_html_())
    assert alt.startswith("Line chart of China&#x27;s spending on research and development as a share of GDP.")
    # The rise the chart shows, read from the data: 0.563 in 1996, 2.433 in 2021; 2.65 in 2023 (NBS bulletin).
    assert "from 0.56% in 1996 to 2.43% in 2021" in alt and "2023 at 2.65%" in alt
    assert "UNESCO Institute for Statistics" in caption and "NBS, MOST and MOF, 2 October 2024" in caption
    assert width == FIGURE_WIDTH
    use_language("zh_CN")
    alt_zh, width_zh, caption_zh = figure_parts(ch4.rd_spending_figure()._repr_html_())
    assert "从1996年的0.56%升至2021年的2.43%" in alt_zh and "2023年为2.65%" in alt_zh
    assert "《2023年全国科技经费投入统计公报》" in caption_zh and "联合国教科文组织统计研究所" in caption_zh
    assert width_zh == FIGURE_WIDTH


def test_the_alt_text_claims_a_rise_every_year_only_because_the_data_show_one():
    assert all(later > earlier for earlier, later in zip(ch4.RD_SHARE, ch4.RD_SHARE[1:]))
    assert ch4.RD_SHARE_LATEST > ch4.RD_SHARE[-1]


def test_no_text_in_the_rd_figure_is_under_the_legible_size():
    shown = ch4.rd_spending_figure()
    sizes = [text.get_fontsize() for text in shown.figure.findobj(Text) if text.get_visible() and text.get_text()]
    assert sizes and min(sizes) >= TEXT_POINTS


def test_a_figure_with_small_text_is_refused():
    figure = new_figure(2)
    axes = figure.subplots()
    axes.tick_params(labelsize=TEXT_POINTS)
    axes.set_title("tiny", fontsize=6)
    with pytest.raises(ValueError, match="'tiny' is smaller than 12.6 points"):
        CaptionedFigure(figure, alt="a", caption="b")


def test_alt_text_and_caption_are_escaped():
    figure = new_figure(2)
    axes = figure.subplots()
    axes.tick_params(labelsize=TEXT_POINTS)
    html = CaptionedFigure(figure, alt='x" onerror="alert(1)', caption="<script>alert(1)</script> & co")._repr_html_()
    assert 'alt="x&quot; onerror=&quot;alert(1)"' in html
    assert "<figcaption>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</figcaption>" in html
    assert "<script>" not in html


# --- the tally of the article's figures on China -------------------------------------------

WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
CHINESE_WORDS = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六"}


def chapter_text():
    return " ".join(cell.source for cell in read("book/ch4_revolutions.ipynb").cells if cell.cell_type == "markdown")


def test_the_tally_counts_the_articles_six_figures_on_china():
    tally = ch4.claims_tally()
    # facts.md: 10th in 2023, R&D personnel and patents confirmed (secondary); 30th in 2010 not found;
    # SCI papers and new-energy industries not checked.
    assert tally == {ch4.CONFIRMED: 3, ch4.NOT_CONFIRMED: 1, ch4.NOT_CHECKED: 2}
    caption = re.search(r"<caption>(.*?)</caption>", ch4.article_claims_table().data).group(1)
    assert caption == "The article's 6 figures on China: 3 confirmed, 1 not confirmed, 2 not checked"


def test_the_chapter_states_the_tally_the_table_counts():
    tally = ch4.claims_tally()
    confirmed, unconfirmed, unchecked = (WORDS[tally[status]] for status in (ch4.CONFIRMED, ch4.NOT_CONFIRMED, ch4.NOT_CHECKED))
    text = " ".join(chapter_text().split())
    total = WORDS[len(ch4.ARTICLE_CLAIMS)]
    # The key points, the summary and the "back to the article" list all give the same three numbers.
    assert text.count(f"Of the article's {total} figures on China, {confirmed} are confirmed") == 2
    assert f"{unconfirmed} is not confirmed and {unchecked} were not checked" in text  # key points
    assert f"{unconfirmed} is not confirmed (30th place in 2010" in text and f"and {unchecked} were not checked (papers" in text
    assert f"{confirmed} of the article's {total} figures on China are confirmed, {unconfirmed} (30th place in 2010) is not" in text
    assert "Most of the article's figures" not in text and "Most of Cai's picture" not in text


def test_the_chinese_edition_states_the_same_tally():
    tally = ch4.claims_tally()
    with open(ROOT / "locale/zh_CN/LC_MESSAGES/book/ch4_revolutions.po", "rb") as handle:
        catalogue = read_po(handle)
    summary = next(message.string for message in catalogue if message.id.startswith("Of the article's six figures on China, three are confirmed by"))
    assert f"{CHINESE_WORDS[tally[ch4.CONFIRMED]]}个已由二手来源证实" in summary
    assert f"{CHINESE_WORDS[tally[ch4.NOT_CONFIRMED]]}个未获证实" in summary
    assert f"{CHINESE_WORDS[tally[ch4.NOT_CHECKED]]}个未核实" in summary


# --- the high-speed rail case and China's milestones -----------------------------------------


def test_the_hsr_growth_line_is_computed_from_the_table():
    # 45,000 / 19,800 = 2.27; (45,000 - 19,800) / 8 years = 3,150 km a year.
    assert ch4.hsr_growth_line() == "From the end of 2015 to the end of 2023 the network grew 2.3-fold, by about 3,150 km a year"
    rows = {row[0]: row[1] for row in ch4.HSR_NETWORK}
    assert (rows["2015"], rows["2023"]) == ("19,800", "45,000")
    use_language("zh_CN")
    assert ch4.hsr_growth_line() == "从2015年底到2023年底，高铁网增长到原来的2.3倍，平均每年增加约3,150公里"


def test_the_hsr_table_gives_a_source_and_a_status_for_every_figure():
    html = ch4.hsr_network_table().data
    rows = re.findall(r"<tr>(.*?)</tr>", html)[1:]
    assert len(rows) == len(ch4.HSR_NETWORK) == 8
    for row in rows:
        when, length, source, status = re.findall(r"<td[^>]*>(.*?)</td>", row)
        assert re.search(r"\d{4}-\d{2}-\d{2}", source), source  # publisher and date
        assert status in ("verified", "secondary", "secondary; derived")
    # 392.2% more than about 9,300 km is 46,000 km: the derived figure agrees with its source.
    assert 9_300 * 4.922 == pytest.approx(46_000, rel=0.01)


def test_every_chinese_milestone_of_the_chronology_has_its_source():
    html = ch4.china_milestones_table().data
    rows = re.findall(r"<tr>(.*?)</tr>", html)[1:]
    assert [re.findall(r"<td[^>]*>(.*?)</td>", row)[0] for row in rows] == [
        "2008", "2010", "2016", "2017", "2019", "2020", "2021"
    ]
    assert set(ch4.MILESTONE_SOURCES) == {event.year for event in load_revolutions() if event.involves("CN")}
    use_language("zh_CN")
    chinese = ch4.china_milestones_table().data
    assert "京津城际铁路开通运营（8月1日）" in chinese and "TOP500，2016-06榜单" in chinese
