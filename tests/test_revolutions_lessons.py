"""Chapter 4's static figure as a reader meets it: an image with alt text and a caption, legible, escaped."""

import base64
import io
import re

import pytest
from matplotlib.text import Text
from PIL import Image

from productive_forces.i18n import use_language
from productive_forces.lessons import ch4
from productive_forces.lessons.figures import CaptionedFigure, new_figure
from productive_forces.widgets.base import FIGURE_WIDTH, TEXT_POINTS


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
