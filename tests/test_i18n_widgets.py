"""The widgets, models and data in Chinese: what a reader sees is Chinese, drawn without missing glyphs."""

import csv
import re
import warnings
from importlib import resources

import numpy as np
import pytest
from babel.messages.pofile import read_po

import productive_forces.widgets as course_widgets
from productive_forces import models
from productive_forces.data import load_pwt
from productive_forces.data.revolutions import EVENTS, REVOLUTIONS
from productive_forces.i18n import LOCALE_DIR, use_language
from productive_forces.validation import require_between, require_open_unit
from productive_forces.widgets.base import control_values

WIDGETS = [getattr(course_widgets, name) for name in course_widgets.__all__]
WIDGETS_PO = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "widgets.po"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Latin words that may stay in the Chinese texts: abbreviations a Chinese economist writes in Latin
# letters (TFP, PWT, GDP, R&D), the licence (CC BY), the data's and the cited authors' own names in
# captions (as Chinese publications cite them), and product names with no Chinese form (ENIAC,
# TCP/IP, iPhone, ChatGPT). Single letters are symbols (h, g, n, T, E, q, O-ring, S-curve).
KEPT_LATIN = {
    "TFP", "PWT", "GDP", "R&D", "CC", "BY", "Penn", "World", "Table", "Feenstra", "Inklaar", "Timmer",
    "Bolt", "van", "Zanden", "Maddison", "Project", "Database", "Our", "in", "Data", "Kremer",
    "ENIAC", "TCP", "IP", "iPhone", "ChatGPT", "small", "b", "ul", "li", "style", "margin", "amp",
}


@pytest.fixture
def chinese():
    use_language("zh_CN")
    yield
    use_language("en")


def english_words(text):
    """Latin words of two letters or more that are not on the list of those kept."""
    text = re.sub(r"<[^>]*>|&amp;", " ", text)  # markup is not reader text
    return [word for word in re.findall(r"[A-Za-z][A-Za-z&]+", text) if word not in KEPT_LATIN]


def reader_texts(explorer):
    """Every text of a widget a reader sees: figure texts, controls, readout and caption."""
    texts = [explorer.readout.value, explorer.caption.value]
    for control in explorer.controls.values():
        texts.append(control.description)
        texts += [label for label, _value in getattr(control, "options", ()) if isinstance(label, str)]
    for axes in explorer.figure.axes:
        texts += [axes.get_title(), axes.get_xlabel(), axes.get_ylabel()]
        texts += [label.get_text() for label in axes.get_xticklabels() + axes.get_yticklabels()]
        texts += [text.get_text() for text in axes.texts]
        legend = axes.get_legend()
        if legend is not None:
            texts += [text.get_text() for text in legend.get_texts()]
    return [text for text in texts if text]


def labelled_texts(explorer):
    """The texts that must be words, not numbers: titles, axis labels, legends, descriptions, caption."""
    texts = [explorer.caption.value] + [control.description for control in explorer.controls.values()]
    for axes in explorer.figure.axes:
        texts += [axes.get_xlabel(), axes.get_ylabel()]
        legend = axes.get_legend()
        if legend is not None:
            texts += [text.get_text() for text in legend.get_texts()]
    return [text for text in texts if text]


@pytest.mark.parametrize("make", WIDGETS, ids=lambda cls: cls.__name__)
def test_every_widget_built_in_chinese_shows_chinese_and_no_english_words(make, chinese):
    explorer = make()
    for text in labelled_texts(explorer):
        assert CJK.search(text), text
    titled = [axes.get_title() for axes in explorer.figure.axes if axes.get_title()]
    assert all(CJK.search(title) for title in titled), titled
    if explorer.readout.value:
        assert CJK.search(explorer.readout.value), explorer.readout.value
    for text in reader_texts(explorer):
        assert not english_words(text), (english_words(text), text)


@pytest.mark.parametrize("make", WIDGETS, ids=lambda cls: cls.__name__)
def test_dropdowns_keep_their_codes_and_translate_only_their_labels(make, chinese):
    chinese_options = {name: list(getattr(control, "options", ())) for name, control in make().controls.items()}
    use_language("en")
    english_options = {name: list(getattr(control, "options", ())) for name, control in make().controls.items()}
    for name, options in chinese_options.items():
        assert [value for _label, value in options] == [value for _label, value in english_options[name]], name
        for (chinese_label, _), (english_label, _) in zip(options, english_options[name]):
            assert CJK.search(chinese_label) and not CJK.search(english_label), (chinese_label, english_label)


@pytest.mark.parametrize("make", WIDGETS, ids=lambda cls: cls.__name__)
def test_drawing_every_widget_in_chinese_misses_no_glyph(make, chinese):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" is a UserWarning
        explorer = make()
        for control in explorer.controls.values():
            for value in control_values(control)[:3]:
                control.value = value
        explorer.render(full=True)


def test_a_widget_keeps_the_language_it_was_built_in(chinese):
    explorer = course_widgets.TfpExplorer()
    use_language("en")
    explorer.controls["tfp_growth"].value = 3.0
    assert explorer.readout.value.startswith("<b>中国，1978–2019年</b>")
    assert "每23年翻一番" in explorer.readout.value


def test_the_timeline_lists_events_in_chinese_with_their_dates(chinese):
    timeline = course_widgets.RevolutionTimeline(year=1913)
    text = timeline.readout.value
    assert "到1913年，所显示的48个事件中已有30个发生" in text
    assert "1908年：福特T型车上市（10月1日）（美国；交通；第二次）" in text
    assert "1896–1901年" in text


def test_readout_numbers_are_the_same_in_both_languages(chinese):
    chinese_text = course_widgets.GrowthPathsExplorer(tfp_growth=0.013).readout.value
    use_language("en")
    english_text = course_widgets.GrowthPathsExplorer(tfp_growth=0.013).readout.value
    number = re.compile(r"[-+]?\d+(?:\.\d+)?")
    assert number.findall(chinese_text) == number.findall(english_text)


def test_english_is_unchanged_when_the_language_is_english():
    use_language("en")
    assert course_widgets.TfpExplorer(tfp_growth=0.03).readout.value.startswith("<b>China, 1978–2019</b>, α = ")
    with pytest.raises(ValueError) as error:
        require_open_unit("alpha", 1.5)
    assert str(error.value) == "alpha must lie strictly between 0 and 1, got 1.5"


# A wrong call of each kind of check, and the parameter and range its Chinese message must name.
MODEL_ERRORS = [
    (lambda: require_open_unit("alpha", 1.5), ["alpha", "0", "1", "1.5"]),
    (lambda: require_between("saving", 0.9, 0.1, 0.45), ["saving", "0.1", "0.45", "0.9"]),
    (lambda: models.doubling_time(-0.1), ["rate", "0", "-0.1"]),
    (lambda: models.human_capital_index(-1), ["years_of_schooling", "0", "-1"]),
    (lambda: models.steady_state_capital(0.2, 0.3, 0.05, np.nan), ["labour_growth", "nan"]),
    (lambda: models.growth_paths(0.3, 0.33, 0.05, 0.01, 0.9), ["tfp_growth", "0.0", "0.5", "0.9"]),
    (lambda: models.simulate_solow(0.2, 0.3, 0.05, 0.01, years=0), ["years", "1", "1000", "0"]),
    (lambda: models.chain_output([0.5, 1.2]), ["qualities", "(0, 1]"]),
    (lambda: models.wave_midpoints(50, 10, 0), ["count", "1", "0"]),
    (lambda: models.steady_equivalent([50, 100], 0.1, 1.0, coverage=0.4), ["coverage", "0.5", "1", "0.4"]),
    (lambda: models.account_for_growth("CHN", 1900, 2000), ["start", "1952", "2019", "中国", "1900"]),
    (lambda: load_pwt("CHN").at(1900), ["year", "1952", "2019", "中国", "1900"]),
    (lambda: load_pwt("Atlantis"), ["country", "CHN", "中国", "Atlantis"]),
    (lambda: models.interpolate_log([1900, 1910], [1.0, 2.0], 1920), ["year", "1900", "1910", "1920"]),
    (lambda: course_widgets.ThreeElementsExplorer(generation=2.5), ["generation", "0", "4", "2.5"]),
]


@pytest.mark.parametrize("call, named", MODEL_ERRORS, ids=range(len(MODEL_ERRORS)))
def test_every_model_error_in_chinese_names_the_parameter_and_its_range(call, named, chinese):
    with pytest.raises(ValueError) as error:
        call()
    message = str(error.value)
    assert CJK.search(message), message
    for part in named:
        assert part in message, (part, message)
    # Python names, quoted values and ISO codes stay as they are; nothing else in Latin letters.
    assert not english_words(re.sub(r"\b[a-z_0-9]+\b|'[^']*'|\b[A-Z]{3}\b", " ", message)), message


def test_every_event_and_grouping_of_the_chronology_is_marked_for_translation():
    with resources.files("productive_forces.data").joinpath("revolutions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["event"] for row in rows] == list(EVENTS)
    assert {row["revolution"] for row in rows} <= set(REVOLUTIONS)


def test_the_widgets_catalogue_is_complete_and_keeps_every_placeholder_and_number():
    with WIDGETS_PO.open("rb") as file:
        catalogue = read_po(file, locale="zh_CN")
    messages = [message for message in catalogue if message.id]
    assert len(messages) > 200
    placeholder = re.compile(r"\{[^{}]*\}")
    # Numbers, not ordinals: "1st revolution" is 第一次工业革命, as Chinese writes it.
    number = re.compile(r"(?<![\w.])[-+]?\d+(?:\.\d+)?(?![\d]|st\b|nd\b|rd\b|th\b)")
    for message in messages:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, ids[0]
        for string in strings:
            assert sorted(set(placeholder.findall(string))) == sorted(set(placeholder.findall(ids[-1]))), (ids, string)
            for figure in number.findall(re.sub(r"\{[^{}]*\}", " ", ids[0])):
                assert figure in string, (figure, ids[0], string)
            # Every translation has Chinese characters or punctuation, but for a pure layout of placeholders.
            assert re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", string) or string == "{stage} {part:+.1f}{share}", (ids[0], string)
