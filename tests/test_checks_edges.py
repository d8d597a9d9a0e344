"""Every line a check prints, word for word, in English and in Chinese, for every kind of answer.

A student reads these lines in a check cell and the grader copies them into the feedback, so
each is compared whole: the status, the points, and the explanation or hint that follows. Numbers
are tried at the edges of "correct" and "close", functions with each way a function can go wrong,
and labelling questions (a dict of labels) with each way a dict can be wrong, where points come
in proportion to the items right.
"""

import contextlib
import io

import numpy as np
import pytest

from productive_forces.exercises.checks import check, translated_hint, verdict
from productive_forces.exercises.questions import QUESTIONS
from productive_forces.exercises.questions.ch1 import MEASURES
from productive_forces.i18n import speaking

TFP_SHARE = QUESTIONS["Q3.2"].expected()  # tolerance 0.002, so "close" reaches 0.02
HINT_3_2 = "Hint: Divide the residual by the growth rate of output per worker, both as decimals."
HINT_3_4 = "Hint: Solve (1 + rate)**t = 2 for t: take logs of both sides."
HINT_1_4 = (
    "Hint: Ask of each measure whether it improves what goes into production (skills, machines, materials), how much "
    "comes out for each unit that goes in, or the product the buyer receives."
)
NOT_COMPARABLE = "not a number the check can compare: look for a division by zero or the logarithm of zero or of a negative number."
KEYS = list(MEASURES)
CHOICES = "'input', 'process', 'output'"


def line(question, answer):
    result = verdict(question, answer)
    assert result.question == question and str(result) == result.message
    return result.status, result.points, result.max_points, result.message


def doubling(rate):
    return np.log(2) / np.log1p(rate)


@pytest.mark.parametrize(
    "answer, status, message",
    [
        (TFP_SHARE, "correct", "Q3.2 correct — 1/1 points"),
        (TFP_SHARE + 0.0019, "correct", "Q3.2 correct — 1/1 points"),
        (np.float32(TFP_SHARE), "correct", "Q3.2 correct — 1/1 points"),
        (np.array([TFP_SHARE]), "correct", "Q3.2 correct — 1/1 points"),
        (np.array([[TFP_SHARE]]), "correct", "Q3.2 correct — 1/1 points"),
        (np.array(TFP_SHARE), "correct", "Q3.2 correct — 1/1 points"),
        *[
            (TFP_SHARE + off, "close", "Q3.2 close — 0/1 points. Check your rounding or your units: the check accepts answers within 0.002.")
            for off in (0.0021, -0.0021, 0.0199, -0.0199)
        ],
        (TFP_SHARE + 0.0201, "wrong", f"Q3.2 not yet right — 0/1 points. {HINT_3_2}"),
        (TFP_SHARE / 100, "wrong", f"Q3.2 not yet right — 0/1 points. {HINT_3_2}"),
        (np.int64(3), "wrong", f"Q3.2 not yet right — 0/1 points. {HINT_3_2}"),
        (100 * TFP_SHARE, "wrong", "Q3.2 not yet right — 0/1 points. This looks like a percentage: give a decimal (0.02 for 2%)."),
        (100 * TFP_SHARE + 1.9, "wrong", "Q3.2 not yet right — 0/1 points. This looks like a percentage: give a decimal (0.02 for 2%)."),
        (100 * TFP_SHARE + 2.1, "wrong", f"Q3.2 not yet right — 0/1 points. {HINT_3_2}"),
        (None, "missing", "Q3.2 not answered yet — 0/1 points. Replace ... with your answer and run the cell again."),
        (..., "missing", "Q3.2 not answered yet — 0/1 points. Replace ... with your answer and run the cell again."),
        ("0.2", "wrong", "Q3.2 not yet right — 0/1 points. Expected one number, got str."),
        (np.str_("0.2"), "wrong", "Q3.2 not yet right — 0/1 points. Expected one number, got str_."),
        (True, "wrong", "Q3.2 not yet right — 0/1 points. Expected one number, got bool."),
        (np.bool_(True), "wrong", "Q3.2 not yet right — 0/1 points. Expected one number, got bool."),
        (1 + 2j, "wrong", "Q3.2 not yet right — 0/1 points. Expected one number, got complex."),
        ([0.2], "wrong", "Q3.2 not yet right — 0/1 points. Expected one number, got list."),
        (np.array([0.2, 0.3]), "wrong", "Q3.2 not yet right — 0/1 points. Expected one number, got an array of 2 numbers."),
        (np.array(["0.2"]), "wrong", "Q3.2 not yet right — 0/1 points. Expected one number, got ndarray."),
        (np.array([1 + 2j]), "wrong", "Q3.2 not yet right — 0/1 points. Expected one number, got ndarray."),
        (float("nan"), "wrong", f"Q3.2 not yet right — 0/1 points. Your answer is nan, {NOT_COMPARABLE}"),
        (float("-inf"), "wrong", f"Q3.2 not yet right — 0/1 points. Your answer is -inf, {NOT_COMPARABLE}"),
    ],
)
def test_a_value_questions_line_for_each_kind_of_answer(answer, status, message):
    assert line("Q3.2", answer) == (status, 1 if status == "correct" else 0, 1, message)


def test_a_year_is_right_only_when_exact_and_a_percentage_of_it_is_explained():
    """Q4.1a asks for a year (tolerance 0): the year itself is right, one year off is wrong, not close."""
    year = QUESTIONS["Q4.1a"].expected()
    assert line("Q4.1a", year)[:3] == ("correct", 2, 2)
    assert line("Q4.1a", year + 1)[3] == "Q4.1a not yet right — 0/2 points. Hint: " + translated_hint("Q4.1a")
    assert line("Q4.1a", 100 * year)[3].endswith("This looks like a percentage: give a decimal (0.02 for 2%).")


class Number:
    """An object that claims to be a number and is not one."""

    def __float__(self):
        raise ValueError("no")


def test_an_object_that_only_claims_to_be_a_number_gets_a_line():
    from numbers import Real

    Real.register(Number)
    assert line("Q3.2", Number()) == ("wrong", 0, 1, "Q3.2 not yet right — 0/1 points. Expected one number, got Number.")


def stub(rate): ...


def stub_with_docstring(rate):
    """Return the years."""
    pass


def stub_with_pass(rate):
    ...
    pass


def no_return(rate):
    years = np.log(2) / np.log1p(rate)  # noqa: F841


@pytest.mark.parametrize(
    "answer, status, message",
    [
        (doubling, "correct", "Q3.4 correct — 1/1 points"),
        (lambda *rates: doubling(rates[0]), "correct", "Q3.4 correct — 1/1 points"),
        (lambda rate: np.float64(doubling(rate)), "correct", "Q3.4 correct — 1/1 points"),
        (lambda rate: doubling(rate) + 0.0009, "close", "Q3.4 close — 0/1 points. Check your rounding or your units: the check accepts answers within 0.0001."),
        (lambda rate: 70 / (100 * rate), "wrong", f"Q3.4 not yet right — 0/1 points. {HINT_3_4}"),
        (5, "wrong", "Q3.4 not yet right — 0/1 points. Expected a function, got int."),
        (lambda rate: 1 / 0, "error", "Q3.4 raised an error — 0/1 points. Your function raised ZeroDivisionError."),
        (lambda: 35.0, "wrong", "Q3.4 not yet right — 0/1 points. Your function's parameters are (), but the check calls it as years_to_double(rate)."),
        (
            lambda rate, *more, extra, **options: 35.0, "wrong",
            "Q3.4 not yet right — 0/1 points. Your function's parameters are (rate, *more, extra, **options), but the check "
            "calls it as years_to_double(rate).",
        ),
        (stub, "missing", "Q3.4 not answered yet — 0/1 points. Write the body of your function in place of ... and run the cell again."),
        (stub_with_docstring, "missing", "Q3.4 not answered yet — 0/1 points. Write the body of your function in place of ... and run the cell again."),
        (stub_with_pass, "missing", "Q3.4 not answered yet — 0/1 points. Write the body of your function in place of ... and run the cell again."),
        (no_return, "wrong", "Q3.4 not yet right — 0/1 points. Your function returned None: does it end with a return line?"),
        (np.log, "wrong", f"Q3.4 not yet right — 0/1 points. {HINT_3_4}"),  # no Python body to look at: it is called
        (print, "wrong", "Q3.4 not yet right — 0/1 points. Your function returned None: does it end with a return line?"),
        (lambda rate: "35 years", "wrong", "Q3.4 not yet right — 0/1 points. Your function returned str, which is not one number."),
        (lambda rate: np.array([1.0, 2.0]), "wrong", "Q3.4 not yet right — 0/1 points. Your function returned an array of 2 numbers, which is not one number."),
        (lambda rate: float("inf"), "wrong", f"Q3.4 not yet right — 0/1 points. Your function returned inf, {NOT_COMPARABLE}"),
        (None, "missing", "Q3.4 not answered yet — 0/1 points. Replace ... with your answer and run the cell again."),
    ],
)
def test_a_function_questions_line_for_each_kind_of_answer(answer, status, message):
    assert line("Q3.4", answer) == (status, 1 if status == "correct" else 0, 1, message)


def test_a_function_is_judged_by_its_largest_miss_over_all_cases():
    """Right on every hidden case but one, where it is far off: wrong, whatever the order of the cases."""
    cases = QUESTIONS["Q3.4-hidden"].cases
    for far in cases:
        answer = lambda rate, far=far: doubling(rate) + (5.0 if (rate,) == far else 0.0)  # noqa: E731
        assert line("Q3.4-hidden", answer)[0] == "wrong"
    assert line("Q3.4-hidden", lambda rate: doubling(rate) + (0.0005 if rate == cases[-1][0] else 0.0))[0] == "close"


def test_a_function_earns_the_questions_own_points():
    right = lambda s, alpha, delta, n, tfp: (s * tfp / (n + delta)) ** (1 / (1 - alpha))  # noqa: E731
    assert line("Q1.1", right)[:3] == ("correct", 2, 2)


@pytest.mark.parametrize(
    "answer, status, points, message",
    [
        (dict(MEASURES), "correct", 2, "Q1.4 correct — 2/2 points"),
        ([1], "wrong", 0, "Q1.4 not yet right — 0/2 points. Expected a dictionary, got list."),
        (
            {key: "input" for key in KEYS[1:]}, "partial", 0.5,
            f"Q1.4 partly right — 0.5/2 points. Missing from your dictionary: {KEYS[0]!r}.",
        ),
        (
            {key: value for key, value in [*[(k, None) for k in KEYS[:4]], *[(k, "  ") for k in KEYS[4:]]]}, "missing", 0,
            f"Q1.4 not answered yet — 0/2 points. Give each item one of {CHOICES} and run the cell again.",
        ),
        ({**MEASURES, KEYS[0]: ..., KEYS[1]: None}, "partial", 1.5, "Q1.4 partly right — 1.5/2 points. 2 of 8 items have no label yet."),
        (
            {**MEASURES, KEYS[0]: "Input", KEYS[1]: 1}, "partial", 1.5,
            f"Q1.4 partly right — 1.5/2 points. Each label must be exactly one of {CHOICES}; 2 of 8 are not.",
        ),
        ({**MEASURES, KEYS[0]: "output"}, "partial", 1.5, f"Q1.4 partly right — 1.5/2 points. 7 of 8 items are right. {HINT_1_4}"),
        ({**MEASURES, KEYS[0]: "output", KEYS[3]: "input"}, "partial", 1.5, f"Q1.4 partly right — 1.5/2 points. 6 of 8 items are right. {HINT_1_4}"),
        ({key: "input" for key in KEYS}, "partial", 0.5, f"Q1.4 partly right — 0.5/2 points. 3 of 8 items are right. {HINT_1_4}"),
        (
            {**{key: "process" for key in KEYS}, KEYS[0]: "input"}, "partial", 1,
            f"Q1.4 partly right — 1/2 points. 4 of 8 items are right. {HINT_1_4}",
        ),
        ({key: "output" for key in KEYS}, "partial", 0.5, f"Q1.4 partly right — 0.5/2 points. 2 of 8 items are right. {HINT_1_4}"),
        (
            {**{key: "output" for key in KEYS}, KEYS[6]: "input"}, "wrong", 0,
            f"Q1.4 not yet right — 0/2 points. 1 of 8 items are right. {HINT_1_4}",
        ),
    ],
)
def test_a_labelling_questions_line_and_points_for_each_way_a_dict_can_be_wrong(answer, status, points, message):
    assert line("Q1.4", answer) == (status, points, 2, message)


def test_an_extra_key_beside_every_right_label_does_not_earn_full_points():
    # The extra key counts as a ninth item, a wrong one: 8/9 of 2 points, down to the half point.
    status, points, _most, message = line("Q1.4", {**MEASURES, "build a bridge": "output"})
    assert (status, points) == ("partial", 1.5)
    assert message == "Q1.4 partly right — 1.5/2 points. Not in the list: 'build a bridge'. Keep the keys exactly as given."


def test_more_than_three_keys_are_counted_not_listed():
    message = line("Q1.4", {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5})[3]
    assert message == "Q1.4 not yet right — 0/2 points. Not in the list: 'a', 'b', 'c' and 2 more. Keep the keys exactly as given."
    long_key = "k" * 100
    message = line("Q1.4", {long_key: "input"})[3]
    assert message == f"Q1.4 not yet right — 0/2 points. Not in the list: '{'k' * 59}. Keep the keys exactly as given."
    message = line("Q1.4", {"a": 1, "b": 2, "c": 3})[3]
    assert message == "Q1.4 not yet right — 0/2 points. Not in the list: 'a', 'b', 'c'. Keep the keys exactly as given."


class Brittle(str):
    """A label built to break the check: it cannot be stripped."""

    def strip(self, *characters):
        raise RuntimeError("no")


def test_an_answer_built_to_break_the_check_gets_one_line_saying_so():
    assert line("Q1.4", {**MEASURES, KEYS[0]: Brittle("output")}) == (
        "error", 0, 2, "Q1.4 raised an error — 0/2 points. The check could not read your answer (RuntimeError).",
    )


def test_check_prints_one_line_and_never_a_traceback():
    def interrupted(rate):
        raise KeyboardInterrupt

    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        check("Q3.2", 0.3)
        check("Q9.9", 1.0)
        check("Q3.4", interrupted)
    assert printed.getvalue().splitlines() == [
        f"Q3.2 not yet right — 0/1 points. {HINT_3_2}",
        f"question must be one of {', '.join(QUESTIONS)}; got 'Q9.9'",
        "Q3.4 raised an error — 0/1 points. The check was interrupted before it finished.",
    ]


def test_an_unknown_question_is_refused_listing_every_question():
    with pytest.raises(ValueError) as error:
        verdict("Q9.9", 1.0)
    assert str(error.value) == f"question must be one of {', '.join(QUESTIONS)}; got 'Q9.9'"


@pytest.mark.parametrize(
    "question, answer, message",
    [
        ("Q3.2", TFP_SHARE, "Q3.2 回答正确——得分1/1"),
        ("Q3.2", TFP_SHARE + 0.0199, "Q3.2 接近正确——得分0/1。请检查舍入或单位：与正确值相差不超过0.002才算正确。"),
        ("Q3.2", None, "Q3.2 尚未作答——得分0/1。请把 ... 替换为你的答案，然后重新运行这个单元。"),
        ("Q3.2", "x", "Q3.2 尚不正确——得分0/1。这里应填一个数，收到的却是str。"),
        ("Q3.2", np.array([1.0, 2.0]), "Q3.2 尚不正确——得分0/1。这里应填一个数，收到的却是由2个数组成的数组。"),
        ("Q3.2", 0.3, "Q3.2 尚不正确——得分0/1。提示：{hint}"),
        ("Q3.2", 100 * TFP_SHARE, "Q3.2 尚不正确——得分0/1。这看起来是百分数：请填小数（2%填0.02）。"),
        ("Q3.2", float("nan"), "Q3.2 尚不正确——得分0/1。你的答案是nan，不是可以比较的数：请检查是否除以了零，或者对零或负数取了对数。"),
        ("Q3.4", 5, "Q3.4 尚不正确——得分0/1。这里应填一个函数，收到的却是int。"),
        ("Q3.4", stub, "Q3.4 尚未作答——得分0/1。请把 ... 替换为函数体，然后重新运行这个单元。"),
        ("Q3.4", lambda rate: 1 / 0, "Q3.4 运行出错——得分0/1。你的函数引发了ZeroDivisionError。"),
        ("Q3.4", lambda: 1, "Q3.4 尚不正确——得分0/1。你的函数的参数是()，但检查时是这样调用它的：years_to_double(rate)。"),
        ("Q3.4", no_return, "Q3.4 尚不正确——得分0/1。你的函数返回了None：函数最后有没有写return语句？"),
        ("Q3.4", lambda rate: "s", "Q3.4 尚不正确——得分0/1。你的函数返回了str，而不是一个数。"),
        ("Q3.4", lambda rate: float("nan"), "Q3.4 尚不正确——得分0/1。你的函数返回了nan，不是可以比较的数：请检查是否除以了零，或者对零或负数取了对数。"),
        ("Q1.4", [1], "Q1.4 尚不正确——得分0/2。这里应填一个字典，收到的却是list。"),
        ("Q1.4", {"z": 1}, "Q1.4 尚不正确——得分0/2。不在给出的清单中：'z'。键必须与题目给出的完全一致。"),
        ("Q1.4", {"a": 1, "b": 2, "c": 3, "d": 4}, "Q1.4 尚不正确——得分0/2。不在给出的清单中：'a', 'b', 'c'，另有1项。键必须与题目给出的完全一致。"),
        ("Q1.4", {k: None for k in KEYS}, f"Q1.4 尚未作答——得分0/2。请给每一项填上{CHOICES}中的一个，然后重新运行这个单元。"),
        ("Q1.4", {k: "input" for k in KEYS[1:]}, f"Q1.4 部分正确——得分0.5/2。你的字典中缺少：{KEYS[0]!r}。"),
        ("Q1.4", {**MEASURES, KEYS[0]: None, KEYS[1]: None}, "Q1.4 部分正确——得分1.5/2。8项中还有2项没有标签。"),
        ("Q1.4", {**MEASURES, KEYS[0]: "Input", KEYS[1]: "x"}, f"Q1.4 部分正确——得分1.5/2。每个标签必须恰好是{CHOICES}中的一个；8项中有2项不是。"),
        ("Q1.4", {**MEASURES, KEYS[0]: "output"}, "Q1.4 部分正确——得分1.5/2。8项中有7项正确。提示：{hint}"),
    ],
)
def test_every_line_reads_in_chinese_for_a_chinese_notebook(question, answer, message):
    with speaking("zh_CN"):
        hint = translated_hint(question)
        assert line(question, answer)[3] == message.format(hint=hint)
    assert not hint.isascii() and hint != translated_hint(question)


def test_an_unknown_question_is_refused_in_chinese_too():
    with speaking("zh_CN"), pytest.raises(ValueError) as error:
        verdict("Q9.9", 1.0)
    assert str(error.value) == f"题号必须是{', '.join(QUESTIONS)}之一，收到的是'Q9.9'"
