"""Verdicts, hints and error explanations speak the language current when the check runs, the
English is unchanged, and the lessons catalogue translates every message faithfully."""

import re

import numpy as np
import pytest
from babel.messages.pofile import read_po

from productive_forces.exercises import check, verdict
from productive_forces.exercises.questions import QUESTIONS, FunctionQuestion
from productive_forces.exercises.questions.kinds import MappingQuestion
from productive_forces.i18n import use_language
from productive_forces.i18n.catalogues import compiled_in_step, extract, po_path
from productive_forces.i18n.consistency import problems

PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def english():
    use_language("en")
    yield
    use_language("en")


@pytest.fixture
def chinese():
    use_language("zh_CN")
    yield
    use_language("en")


def all_right(question):
    return dict(QUESTIONS[question].expected())


# English: exactly the lines the reference outputs in solutions/ hold.


def test_english_verdicts_are_unchanged():
    assert str(verdict("Q2.3a", QUESTIONS["Q2.3a"].expected())) == "Q2.3a correct — 1/1 points"
    assert str(verdict("Q3.4", lambda rate: 1.0)) == (
        "Q3.4 not yet right — 0/1 points. Hint: Solve (1 + rate)**t = 2 for t: take logs of both sides."
    )
    assert str(verdict("Q3.4", lambda rate: 1 / 0)) == "Q3.4 raised an error — 0/1 points. Your function raised ZeroDivisionError."
    assert str(verdict("Q3.2", ...)) == (
        "Q3.2 not answered yet — 0/1 points. Replace ... with your answer and run the cell again."
    )
    assert str(verdict("Q3.2", "0.2")) == "Q3.2 not yet right — 0/1 points. Expected one number, got str."
    labels = {key: "input" for key in all_right("Q1.4")}
    assert str(verdict("Q1.4", labels)).startswith("Q1.4 partly right — 0.5/2 points. 3 of 8 items are right. Hint: Ask of")
    assert str(verdict("Q3.1", QUESTIONS["Q3.1"].expected() + 0.0003)) == (
        "Q3.1 close — 0/3 points. Check your rounding or your units: the check accepts answers within 0.0001."
    )


# Chinese: a right and a wrong answer of a few questions, and each kind of explanation.


def test_chinese_verdict_for_right_answers(chinese):
    assert str(verdict("Q2.3a", QUESTIONS["Q2.3a"].expected())) == "Q2.3a 回答正确——得分1/1"
    assert str(verdict("Q3.4", QUESTIONS["Q3.4"].reference)) == "Q3.4 回答正确——得分1/1"
    assert str(verdict("Q1.4", all_right("Q1.4"))) == "Q1.4 回答正确——得分2/2"


def test_chinese_verdict_for_wrong_answers_gives_the_hint_in_chinese(chinese):
    assert str(verdict("Q3.4", lambda rate: 1.0)) == "Q3.4 尚不正确——得分0/1。提示：由 (1 + rate)**t = 2 解出 t：两边取对数。"
    line = str(verdict("Q2.3a", 0.5))
    assert line == "Q2.3a 尚不正确——得分0/1。提示：以转移后各部门的劳动者份额为权重，对各部门的劳均产出加权求和。"
    labels = {key: "input" for key in all_right("Q1.4")}
    assert str(verdict("Q1.4", labels)).startswith("Q1.4 部分正确——得分0.5/2。8项中有3项正确。提示：逐项想一想")
    assert str(verdict("Q3.1", QUESTIONS["Q3.1"].expected() + 0.0003)) == (
        "Q3.1 接近正确——得分0/3。请检查舍入或单位：与正确值相差不超过0.0001才算正确。"
    )


def test_chinese_explanations(chinese):
    assert str(verdict("Q3.2", None)) == "Q3.2 尚未作答——得分0/1。请把 ... 替换为你的答案，然后重新运行这个单元。"
    assert str(verdict("Q3.4", lambda rate: 1 / 0)) == "Q3.4 运行出错——得分0/1。你的函数引发了ZeroDivisionError。"
    def no_return(rate):
        years = 0.69 / rate  # computed, never returned

    assert str(verdict("Q3.4", no_return)) == "Q3.4 尚不正确——得分0/1。你的函数返回了None：函数最后有没有写return语句？"
    assert str(verdict("Q3.4", lambda rate: "35")) == "Q3.4 尚不正确——得分0/1。你的函数返回了str，而不是一个数。"
    assert str(verdict("Q3.4", lambda rate, years: 1)) == (
        "Q3.4 尚不正确——得分0/1。你的函数的参数是(rate, years)，但检查时是这样调用它的：years_to_double(rate)。"
    )
    assert str(verdict("Q3.4", lambda rate: float("inf"))).startswith("Q3.4 尚不正确——得分0/1。你的函数返回了inf，不是可以比较的数")

    def years_to_double(rate): ...

    assert str(verdict("Q3.4", years_to_double)) == "Q3.4 尚未作答——得分0/1。请把 ... 替换为函数体，然后重新运行这个单元。"
    assert str(verdict("Q3.1", float("nan"))).startswith("Q3.1 尚不正确——得分0/3。你的答案是nan，不是可以比较的数")
    assert str(verdict("Q3.1", np.array([0.1, 0.2]))) == "Q3.1 尚不正确——得分0/3。这里应填一个数，收到的却是由2个数组成的数组。"
    assert str(verdict("Q3.4", 3)) == "Q3.4 尚不正确——得分0/1。这里应填一个函数，收到的却是int。"
    expected = QUESTIONS["Q2.3a"].expected()
    assert str(verdict("Q2.3a", expected * 100)) == "Q2.3a 尚不正确——得分0/1。这看起来是百分数：请填小数（2%填0.02）。"
    keys = list(all_right("Q1.4"))
    extra = {**all_right("Q1.4"), **{f"extra {i}": "input" for i in range(5)}}
    assert str(verdict("Q1.4", extra)).endswith("，另有2项。键必须与题目给出的完全一致。")
    missing = {key: "input" for key in keys[1:]}
    assert "你的字典中缺少：" in str(verdict("Q1.4", missing))
    blank = {**all_right("Q1.4"), keys[0]: ...}
    assert str(verdict("Q1.4", blank)) == "Q1.4 部分正确——得分1.5/2。8项中还有1项没有标签。"
    assert str(verdict("Q1.4", {key: ... for key in keys})).startswith("Q1.4 尚未作答——得分0/2。请给每一项填上")
    with pytest.raises(ValueError, match="题号必须是"):
        verdict("Q9.9", 1)


def a_wrong_answer(spec):
    if isinstance(spec, MappingQuestion):  # one item with another label
        expected = spec.expected()
        first = next(iter(expected))
        return {**expected, first: next(label for label in spec.categories if label != expected[first])}
    if isinstance(spec, FunctionQuestion):
        return lambda *args: -1.0
    return spec.expected() + 1000


def test_every_hint_is_shown_in_chinese(chinese):
    for question, spec in QUESTIONS.items():
        line = str(verdict(question, a_wrong_answer(spec)))
        assert "提示：" in line and "Hint" not in line, line
        hint = line.split("提示：", 1)[1]
        assert CJK.search(hint) and hint != spec.hint, f"{question}: hint shown in English"


def test_the_verdict_follows_the_language_when_the_check_runs(capsys):
    check("Q3.4", lambda rate: 1.0)
    use_language("zh_CN")
    check("Q3.4", lambda rate: 1.0)
    use_language("en")
    check("Q3.4", lambda rate: 1.0)
    first, second, third = capsys.readouterr().out.splitlines()
    assert first == third and first.startswith("Q3.4 not yet right")
    assert second.startswith("Q3.4 尚不正确")


def test_the_registry_keeps_english_hints_and_translated_hint_gives_the_current_language(chinese):
    from productive_forces.exercises.checks import translated_hint

    assert QUESTIONS["Q3.4"].hint == "Solve (1 + rate)**t = 2 for t: take logs of both sides."
    assert translated_hint("Q3.4") == "由 (1 + rate)**t = 2 解出 t：两边取对数。"
    use_language("en")
    assert translated_hint("Q3.4") == QUESTIONS["Q3.4"].hint


# The lessons catalogue: complete, compiled, and faithful to every placeholder and number.


def lessons_catalogue():
    with po_path("zh_CN", "lessons").open("rb") as file:
        return [message for message in read_po(file, locale="zh_CN") if message.id]


def pairs(message):
    """(English, Chinese) for a message, one pair per plural form the Chinese has."""
    if isinstance(message.id, str):
        return [(message.id, message.string)]
    return [(message.id[1], string) for string in message.string]


def test_lessons_catalogue_holds_exactly_the_codes_messages_and_is_compiled():
    assert {message.id for message in extract("lessons") if message.id} == {m.id for m in lessons_catalogue()}
    assert "lessons" not in compiled_in_step()


@pytest.mark.parametrize("message", lessons_catalogue(), ids=lambda m: (m.id if isinstance(m.id, str) else m.id[0])[:40])
def test_every_lessons_message_is_translated_with_its_placeholders_and_numbers(message):
    assert not message.fuzzy
    for english, chinese in pairs(message):
        assert chinese, f"untranslated: {english!r}"
        assert sorted(PLACEHOLDER.findall(english)) == sorted(PLACEHOLDER.findall(chinese)), (english, chinese)
        assert not problems(english, chinese, placeholders=True), problems(english, chinese, placeholders=True)
        if re.search(r"[A-Za-z]{3,}", PLACEHOLDER.sub(" ", english)):
            assert CJK.search(chinese) or english == chinese, f"not Chinese: {chinese!r}"
