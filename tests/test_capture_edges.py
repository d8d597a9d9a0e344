"""From an answer in the student's kernel to the verdict the grader gives, without starting a kernel.

The runner and capture the grader installs in every kernel (kernel_side.install) run here in this
process, in a stand-in for IPython's shell that keeps the messages it would send. Each answer goes the whole way a graded
answer goes: captured by the installed function, sent as a record, rebuilt by the grader and
judged. Whatever the answer (a number, an array, a dict of labels, a function, an object that is
not data, a function that never returns), the grader must reach the very verdict the check cell
reaches on the original, or say why it could not. Records the grader did not make are refused or
rebuilt as harmless stand-ins.
"""

import sys
from types import SimpleNamespace

import numpy as np
import pytest

from productive_forces.exercises import verdict
from productive_forces.exercises.questions import QUESTIONS
from productive_forces.grade import capture, kernel_side
from productive_forces.i18n import speaking

NONCE = "f00d" * 8


class Session:
    """What the capture function sends through: the messages are kept."""

    def __init__(self):
        self.sent = []

    def msg(self, kind, content, parent=None):
        return {"msg_type": kind, "content": content, "parent_header": parent}

    def send(self, socket, message, ident=None):
        self.sent.append(message)


class Publisher:
    def __init__(self):
        self.session, self.pub_socket, self.topic = Session(), object(), b"display_data"

    parent_header = property(lambda self: {"msg_id": "cell"})


class Shell:
    def __init__(self):
        self.display_pub, self.user_ns, self.user_ns_hidden = Publisher(), {}, {}

    def run_cell(self, source, store_history=False):
        raise AssertionError("only capture steps run here")


def question(id_, expression):
    spec = QUESTIONS[id_]
    cases = tuple(getattr(spec, "cases", ()))
    return SimpleNamespace(id=id_, expression=expression, function=bool(cases), cases=cases, points=spec.points)


def kernel(questions, cell_timeout=30.0):
    """A stand-in kernel with the runner installed for questions, one capture step each: (shell, budget)."""
    shell = Shell()
    steps = [{"capture": index} for index in range(len(questions))]
    arguments, budget = capture.install_arguments(questions, steps, NONCE, cell_timeout)
    kernel_side.install(*arguments, shell=shell)
    return shell, budget


def run_capture(shell, index):
    """Run the steps from capture index on, as the grader's request does; return index's record."""
    runner = shell.user_ns[capture.RUNNER_NAME]
    before = len(shell.display_pub.session.sent)
    exec(capture.run_call(index, 30.0, object.__repr__(runner)), shell.user_ns)
    sent = [message["content"] for message in shell.display_pub.session.sent[before:]]
    (record,) = [record for record in capture.records(sent) if record["index"] == index]
    return record


def judged(id_, answer, cell_timeout=30.0):
    """(status, points, message) the grader gives answer to question id_, captured in a stand-in kernel."""
    asked = question(id_, "answer")
    shell, budget = kernel([asked], cell_timeout)
    shell.user_ns["answer"] = answer
    record = run_capture(shell, 0)
    assert (record["nonce"], record["index"], record["question"]) == (NONCE, 0, id_)
    status, points, detail, message = capture.judge(asked, record, budget)
    assert detail == (message.split(". ", 1)[1] if ". " in message else "")  # the feedback's comment: the line's explanation
    return status, points, message


class Machine:
    """An object that is not data: the grader knows only its class's name."""


class Share(float):
    """A float subclass, as some libraries return."""


class Label(str):
    """A str subclass: a message names it by its own name."""


class Row(list):
    """A list subclass."""


class Record(dict):
    """A dict subclass."""


TFP_SHARE = QUESTIONS["Q3.2"].expected()
VALUE_ANSWERS = [
    TFP_SHARE, 0.3, 100 * TFP_SHARE, np.float64(TFP_SHARE), np.float32(0.3), Share(TFP_SHARE), np.int64(3), 7, 2**80, -5,
    np.array([TFP_SHARE]), np.array(TFP_SHARE), np.array([1, 2, 3]), np.array([[0.1, 0.2], [0.3, 0.4]]),
    np.array(["a", "b"]), np.array([True]), True, False, None, ..., "0.2", "", [TFP_SHARE], (0.2, 0.3), {0.2}, frozenset({1}),
    {"share": 0.2}, Machine(), float("nan"), float("inf"), -float("inf"), list(range(20_000)), 1 + 2j,
    Label("0.2"), Row([0.2]), Record(share=0.2), Share("nan"), np.array([TFP_SHARE], dtype=np.longdouble),
    np.array(["growth", "rate"]), np.array([2**62 + 1]), np.array([-(2**62) - 1]), np.uint8(200), np.array([[TFP_SHARE]]),
]


@pytest.mark.parametrize("answer", VALUE_ANSWERS, ids=lambda answer: type(answer).__name__)
def test_a_captured_answer_gets_the_verdict_the_original_gets(answer):
    original = verdict("Q3.2", answer)
    assert judged("Q3.2", answer) == (original.status, original.points, original.message)


LABELS = dict(QUESTIONS["Q1.4"].expected())


class LabelDict(dict):
    """A dict subclass: still a dict of labels."""


@pytest.mark.parametrize(
    "answer",
    [
        LABELS, LabelDict(LABELS), {**LABELS, next(iter(LABELS)): "output"}, {key: None for key in LABELS},
        {key: "input" for key in LABELS}, {1: "input"}, [("a", "input")], {**LABELS, "extra": "input"},
    ],
    ids=["right", "subclass", "one-wrong", "blank", "all-input", "int-key", "list", "extra-key"],
)
def test_a_captured_dict_of_labels_gets_the_verdict_the_original_gets(answer):
    original = verdict("Q1.4", answer)
    assert judged("Q1.4", answer) == (original.status, original.points, original.message)


def doubling(rate):
    return np.log(2) / np.log1p(rate)


@pytest.mark.parametrize(
    "answer",
    [
        doubling, lambda rate: 70 / (100 * rate), lambda rate: 1 / 0, lambda rate: "35 years", lambda rate: None,
        lambda rate: np.float64(doubling(rate)), lambda rate: [doubling(rate)], lambda *rates: doubling(rates[0]),
        np.log, Machine, 35.0, "years_to_double", lambda: 35.0, lambda rate, extra: 35.0,
        lambda rate, years=10: doubling(rate), lambda rate, *, extra: 35.0, lambda rate, /: doubling(rate),
        lambda rate, **options: doubling(rate),
    ],
    ids=[
        "right", "rule-of-70", "raises", "text", "none", "numpy", "list", "star-args", "numpy-ufunc", "class", "number", "str",
        "no-parameter", "two-parameters", "a-default", "keyword-only", "positional-only", "keywords",
    ],
)
def test_a_captured_function_gets_the_verdict_the_original_gets(answer):
    original = verdict("Q3.4", answer)
    assert judged("Q3.4", answer) == (original.status, original.points, original.message)


def test_a_function_right_on_the_visible_case_only_fails_the_hidden_check_as_in_the_notebook():
    fitted = lambda rate: 35.0028  # noqa: E731
    for id_ in ("Q3.4", "Q3.4-hidden"):
        original = verdict(id_, fitted)
        assert judged(id_, fitted) == (original.status, original.points, original.message)
    assert judged("Q3.4-hidden", fitted)[:2] == ("wrong", 0)


def test_a_function_that_never_returns_is_stopped_and_judged_too_slow():
    def forever(rate):
        while True:
            pass

    asked = question("Q3.4", "answer")
    shell, budget = kernel([asked], cell_timeout=0.5)
    assert budget == 0.2  # the least share of the cell's time a call gets
    shell.user_ns["answer"] = forever
    record = run_capture(shell, 0)
    status, points, detail, message = capture.judge(asked, record, budget)
    assert (status, points) == ("timeout", 0)
    assert detail == "Calling it took longer than 0.2 s and was stopped."
    assert message == "Q3.4 ran too long — 0/1 points. Calling it took longer than 0.2 s and was stopped."


@pytest.mark.parametrize("timeout, cases, budget", [(30.0, 4, 5.0), (30.0, 1, 10.0), (30.0, 0, 15.0), (0.3, 4, 0.2), (10.0, 1, 3.333)])
def test_each_call_gets_a_share_of_the_cells_time(timeout, cases, budget):
    asked = SimpleNamespace(id="Q", expression="x", function=bool(cases), cases=((0.1,),) * cases)
    code, given = capture.install_code([asked], [], NONCE, timeout, 300.0)
    assert given == budget
    assert repr(NONCE) in code and repr(capture.MIME) in code


def test_an_answer_expression_that_fails_is_left_to_the_answer_cell_to_explain():
    asked = question("Q3.2", "undefined_name")
    shell, budget = kernel([asked])
    record = run_capture(shell, 0)
    assert record["answer"]["t"] == "raised" and record["answer"]["type"] == "NameError"
    assert "undefined_name" in record["answer"]["message"]
    assert capture.judge(asked, record, budget) is None


def test_several_questions_are_captured_each_by_its_own_index():
    asked = [question("Q3.2", "share"), question("Q3.4", "years_to_double")]
    shell, budget = kernel(asked)
    shell.user_ns.update(share=0.3, years_to_double=doubling)
    first, second = run_capture(shell, 0), run_capture(shell, 1)
    assert (first["index"], first["question"], second["index"], second["question"]) == (0, "Q3.2", 1, "Q3.4")
    assert capture.judge(asked[0], first, budget)[:2] == ("wrong", 0)
    assert capture.judge(asked[1], second, budget)[:2] == ("correct", 1)


def test_a_replaced_runner_is_never_called():
    shell, _budget = kernel([question("Q3.2", "answer")])
    installed = shell.user_ns[capture.RUNNER_NAME]
    called = []
    shell.user_ns[capture.RUNNER_NAME] = lambda first, seconds: called.append(first)  # student code rebinds the name
    before = len(shell.display_pub.session.sent)
    with pytest.raises(NameError, match=capture.REPLACED):
        exec(capture.run_call(0, 30.0, object.__repr__(installed)), shell.user_ns)
    assert called == [] and shell.display_pub.session.sent[before:] == []


def test_only_capture_records_are_read_from_a_cells_outputs():
    record = {"nonce": NONCE, "index": 0, "question": "Q3.2", "answer": {"t": "float", "v": "0.2"}}
    outputs = [
        {"output_type": "stream", "name": "stdout", "text": "Q3.2 correct"},
        {"output_type": "display_data", "data": {"text/plain": "0.2"}},
        {"output_type": "display_data", "data": {capture.MIME: "not a record"}},
        "not an output",
        {"output_type": "display_data", "data": {capture.MIME: record}},
    ]
    assert capture.records(outputs) == [record]


@pytest.mark.parametrize(
    "data, expected",
    [
        ({"t": "int", "v": "12", "type": "MyInt"}, ("MyInt", 12)),
        ({"t": "float", "v": "0.25", "type": "float"}, ("float", 0.25)),
        ({"t": "real", "v": "0.5", "type": "Fraction"}, ("float", 0.5)),
        ({"t": "str", "v": "abc", "type": "str"}, ("str", "abc")),
        ({"t": "bool", "v": True}, ("bool", True)),
        ({"t": "npscalar", "dtype": "<f8", "v": "1.5"}, ("float64", 1.5)),
        ({"t": "npscalar", "dtype": "<i8", "v": "-3"}, ("int64", -3)),
        ({"t": "ndarray", "type": "ndarray", "dtype": "<i8", "shape": [2], "v": ["1", "-2"]}, ("ndarray", [1, -2])),
        ({"t": "ndarray", "type": "ndarray", "dtype": "<U1", "shape": [1], "v": ["a"]}, ("ndarray", ["a"])),
        ({"t": "list", "type": "list", "v": [{"t": "int", "v": "1", "type": "int"}]}, ("list", [1])),
        ({"t": "tuple", "type": "tuple", "v": []}, ("tuple", ())),
        ({"t": "set", "type": "set", "v": [{"t": "none"}]}, ("set", {None})),
        ({"t": "frozenset", "type": "frozenset", "v": []}, ("frozenset", frozenset())),
        ({"t": "dict", "type": "dict", "v": [[{"t": "str", "v": "k", "type": "str"}, {"t": "ellipsis"}]]}, ("dict", {"k": ...})),
    ],
)
def test_a_record_is_rebuilt_into_the_value_it_describes(data, expected):
    value = capture.rebuild(data)
    shown = value.tolist() if isinstance(value, np.ndarray) else value
    assert (type(value).__name__, shown) == expected


@pytest.mark.parametrize(
    "data, name",
    [
        ("not a record", "object"),
        ({"t": "object", "type": "Machine"}, "Machine"),
        ({"t": "int", "v": "twelve", "type": "int"}, "int"),
        ({"t": "float", "type": "float"}, "float"),
        ({"t": "unknown", "type": "Strange"}, "Strange"),
        # a record that would make the grader allocate far more than it was sent
        ({"t": "ndarray", "type": "ndarray", "dtype": "<U100000000", "shape": [1], "v": ["a"]}, "ndarray"),
        ({"t": "ndarray", "type": "ndarray", "dtype": "|V1000000000", "shape": [1], "v": ["a"]}, "ndarray"),
        ({"t": "ndarray", "type": "ndarray", "dtype": "<f8", "shape": [10**12], "v": ["1"]}, "ndarray"),
        ({"t": "npscalar", "type": "str_", "dtype": "<U9", "v": "a"}, "str_"),
        ({"t": "npscalar", "type": "clongdouble", "dtype": "<c32", "v": "1"}, "clongdouble"),
    ],
)
def test_a_record_the_grader_did_not_make_becomes_a_harmless_stand_in(data, name):
    value = capture.rebuild(data)
    assert type(value).__name__ == name
    assert isinstance(value, capture._StandIn)


@pytest.mark.parametrize("text, value", [("-3", -3), ("17", 17), ("1.5", 1.5), ("-0.25", -0.25), ("1e3", 1000.0)])
def test_recorded_numbers_keep_their_kind(text, value):
    rebuilt = capture.rebuild({"t": "ndarray", "type": "ndarray", "dtype": "<f8", "shape": [1], "v": [text]})
    assert rebuilt.tolist() == [value]
    assert type(capture.rebuild({"t": "npscalar", "dtype": "<i8", "v": "17"}).item()) is int


@pytest.mark.parametrize("text", ["abc", "", None])
def test_a_recorded_number_that_is_not_one_becomes_nan(text):
    rebuilt = capture.rebuild({"t": "ndarray", "type": "ndarray", "dtype": "<f8", "shape": [1], "v": [text]})
    assert np.isnan(rebuilt).all()


def test_a_recorded_function_answers_the_registrys_cases_with_what_the_student_returned():
    asked = question("Q3.4-hidden", "f")
    cases = asked.cases
    record = {
        "answer": {"t": "callable", "type": "function"},
        "results": [{"value": {"t": "float", "v": repr(float(doubling(*case))), "type": "float"}} for case in cases],
    }
    assert capture.judge(asked, record, 1.0)[:2] == ("correct", 1)
    raised = {**record, "results": [{"raised": "ZeroDivisionError"}]}
    status, points, detail, message = capture.judge(asked, raised, 1.0)
    assert (status, points) == ("error", 0) and "ZeroDivisionError" in message
    stopped = {**record, "results": [{"timeout": True}]}
    assert capture.judge(asked, stopped, 1.5)[:3] == ("timeout", 0, "Calling it took longer than 1.5 s and was stopped.")
    interrupted = {**record, "results": [{"raised": "KeyboardInterrupt"}]}
    assert capture.judge(asked, interrupted, 1.5)[0] == "timeout"
    short = {**record, "results": record["results"][:1]}  # fewer results than cases: never a pass
    assert capture.judge(asked, short, 1.0)[:2] == ("error", 0)


@pytest.mark.parametrize(
    "status, english, chinese",
    [
        ("timeout", "Q3.1 ran too long — 0/3 points", "Q3.1 运行超时——得分0/3"),
        ("unreadable", "Q3.1 could not be read — 0/3 points", "Q3.1 无法读取——得分0/3"),
        ("manual", "Q3.1 awaiting the instructor — 0/3 points", "Q3.1 等待教师批阅——得分0/3"),
        ("correct", "Q3.1 correct — 0/3 points", "Q3.1 回答正确——得分0/3"),
    ],
)
def test_the_graders_own_verdict_lines_read_in_both_languages(status, english, chinese):
    assert capture.headline("Q3.1", status, 0, 3) == english
    assert capture.headline("Q3.1", status, 0, 3, "Why.") == english + ". Why."
    with speaking("zh_CN"):
        assert capture.headline("Q3.1", status, 0, 3) == chinese


def test_the_preload_imports_modules_and_leaves_no_name_behind(monkeypatch):
    monkeypatch.delitem(sys.modules, "tabnanny", raising=False)
    namespace = {}
    exec(capture.preload_code(["tabnanny", "no_such_module_anywhere"]), namespace)
    assert "tabnanny" in sys.modules
    assert set(namespace) == {"__builtins__"}


def test_a_replayed_function_answers_each_case_with_its_own_result_in_any_order():
    cases = [(0.001,), (0.07,), (0.5,)]
    results = [{"value": {"t": "float", "v": repr(float(i)), "type": "float"}} for i in (1, 2, 3)]
    replayed = capture.function_answer({"t": "callable", "type": "function"}, results, cases)
    assert [replayed(0.5), replayed(0.001), replayed(0.07)] == [3.0, 1.0, 2.0]
    with pytest.raises(RuntimeError, match="^the grader has no recorded result for this call$"):
        capture.function_answer({"t": "callable"}, results[:1], cases)(0.07)


def test_a_recorded_exception_is_raised_again_under_its_own_name():
    replayed = capture.function_answer({"t": "callable"}, [{"raised": "ZeroDivisionError"}, {"raised": ""}], [(1,), (2,)])
    with pytest.raises(Exception) as error:
        replayed(1)
    assert type(error.value).__name__ == "ZeroDivisionError"
    with pytest.raises(Exception) as error:
        replayed(2)
    assert type(error.value).__name__ == "Exception"


def test_a_record_of_an_answer_that_ran_out_of_time_is_left_to_the_answer_cell_to_explain():
    asked = question("Q3.2", "share")
    assert capture.judge(asked, {"answer": {"t": "timeout"}}, 1.0) is None
    assert capture.judge(asked, {"answer": {"t": "raised", "type": "NameError", "message": "x"}}, 1.0) is None


@pytest.mark.parametrize(
    "data, name",
    [
        ({"t": "unknown"}, "object"),  # a record without a type name
        ({"t": "ndarray", "type": "ndarray", "dtype": "<U2", "shape": [1], "v": ["a"]}, "ndarray"),  # twice the room "a" needs
    ],
)
def test_more_records_the_grader_did_not_make_become_stand_ins(data, name):
    value = capture.rebuild(data)
    assert type(value).__name__ == name and isinstance(value, capture._StandIn)
    assert capture.rebuild({"t": "ndarray", "type": "ndarray", "dtype": "<U2", "shape": [1], "v": ["ab"]}).tolist() == ["ab"]
