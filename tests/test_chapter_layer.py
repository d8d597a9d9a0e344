"""Every chapter page of both editions carries the teaching layer of issue 9, as a reader's browser shows it.

Each chapter page has 5 to 8 quizzes, a key-points box before its first section, a policy box of
150 to 250 words, and at least one derivation folded into a dropdown (sphinx-design's
`details.sd-dropdown`), closed until the reader opens it.

How Chinese is counted: a Chinese text has no spaces between words, and one English word
translates into about 1.6 to 2 Chinese characters. So in the Chinese edition a word of Latin script
(a number, "TFP") counts as one word and the Chinese characters as between 1/2 and 1/1.6 of a word
each: the box passes when that range of lengths meets 150 to 250 words, that is, with no Latin
words, when it has 240 to 500 characters.
"""

import re

import pytest

from tests.site_browser import BUILD, CHAPTERS, Reader

playwright_api = pytest.importorskip("playwright.sync_api", reason="`make test` installs playwright")

QUIZZES = range(5, 9)
POLICY_WORDS = (150, 250)
#: Chinese characters per English word, the least and the most (see above).
CHARACTERS_PER_WORD = (1.6, 2.0)
LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:[.,'’-][A-Za-z0-9]+)*")
CHINESE_CHARACTER = re.compile(r"[\u3400-\u9fff]")

LAYER = """() => {
    const article = document.querySelector('.bd-article');
    const keyPoints = article.querySelector('.admonition.key-points');
    const firstSection = article.querySelector('section section');
    const policy = article.querySelector('.admonition.policy');
    const body = policy && [...policy.children].filter(e => !e.classList.contains('admonition-title'));
    return {
        quizzes: article.querySelectorAll('.quiz').length,
        keyPoints: keyPoints ? keyPoints.querySelectorAll('li').length : 0,
        keyPointsFirst: !!keyPoints && !!firstSection
            && !!(keyPoints.compareDocumentPosition(firstSection) & Node.DOCUMENT_POSITION_FOLLOWING),
        policy: body ? body.map(e => e.innerText).join(' ') : null,
        dropdowns: [...article.querySelectorAll('details.sd-dropdown')].map(d => ({
            open: d.open, title: d.querySelector('summary').innerText.trim(),
            hidden: [...d.children].filter(c => c.tagName !== 'SUMMARY').every(c => !c.checkVisibility())})),
    };
}"""


def words(text):
    """(fewest, most) words in the text: Latin words count one each, Chinese characters 1/2 to 1/1.6."""
    latin, chinese = len(LATIN_WORD.findall(text)), len(CHINESE_CHARACTER.findall(text))
    return latin + chinese / CHARACTERS_PER_WORD[1], latin + chinese / CHARACTERS_PER_WORD[0]


def test_words_counts_english_by_words_and_chinese_by_characters():
    assert words("Raise TFP by 1.5% a year, the report's aim.") == (9, 9)
    assert words("全要素生产率") == (3, 3.75)
    assert words("提高TFP") == (2, 2.25)


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_chapter_has_quizzes_key_points_a_policy_box_and_folded_maths(browser, site, path):
    assert (BUILD / path).exists(), f"{path} is not built"
    reader = Reader(browser, site)
    try:
        page = reader.open(path)
        layer = page.evaluate(LAYER)
    finally:
        reader.close()
    assert layer["quizzes"] in QUIZZES, f"{path} has {layer['quizzes']} quizzes, not {QUIZZES[0]} to {QUIZZES[-1]}"
    assert layer["keyPoints"] >= 3, f"{path}: no key-points box with its points"
    assert layer["keyPointsFirst"], f"{path}: the key points do not open the chapter"
    assert layer["policy"], f"{path} has no policy box"
    fewest, most = words(layer["policy"])
    assert most >= POLICY_WORDS[0] and fewest <= POLICY_WORDS[1], (
        f"{path}: the policy box has {fewest:.0f} to {most:.0f} words, not {POLICY_WORDS[0]} to {POLICY_WORDS[1]}"
    )
    assert layer["dropdowns"], f"{path} folds no derivation into a dropdown"
    for dropdown in layer["dropdowns"]:
        assert dropdown["title"] and not dropdown["open"] and dropdown["hidden"], f"{path}: {dropdown} is not folded"
