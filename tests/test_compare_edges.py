"""The grader's output comparison, on the outputs that decide a flag: what counts as the same output,
what a check cell may print, and which names a cell reads and defines.

A demonstration cell whose output differs from the master's is flagged ``output-differs`` with the
difference spelled out; a check cell must print exactly the verdict the grader computed. These
are the rules, each tried where a slip would either flag an honest student or let a changed
output through.
"""

import pytest

from productive_forces.grade.compare import check_line_agrees, defined_names, loaded_names, outputs_match, stdout_text


def stream(text, name="stdout"):
    return {"output_type": "stream", "name": name, "text": text}


def result(text, count=1):
    return {"output_type": "execute_result", "execution_count": count, "data": {"text/plain": text}, "metadata": {}}


def figure(png):
    return {"output_type": "display_data", "data": {"image/png": png, "text/plain": "<Figure size 520x300>"}, "metadata": {}}


@pytest.mark.parametrize(
    "test, reference",
    [
        ([stream("a\n"), stream("b\n")], [stream("a\nb\n")]),  # streams are joined, as nbval joins them
        ([result("1", count=3)], [result("1", count=7)]),  # execution counts differ between runs
        ([figure("AAAA")], [figure("BBBB")]),  # images are never compared (fonts, antialiasing)
        (
            [{"output_type": "error", "ename": "E", "evalue": "v", "traceback": ["here"]}],
            [{"output_type": "error", "ename": "E", "evalue": "v", "traceback": ["there"]}],
        ),
        ([], []),
    ],
)
def test_outputs_that_nbval_accepts_match(test, reference):
    assert outputs_match(test, reference) == (True, "")


@pytest.mark.parametrize(
    "test, reference, why",
    [
        ([stream("a\n")], [stream("b\n")], "stdout: expected 'b\\n', got 'a\\n'"),
        ([result("1")], [result("2")], "text/plain: expected '2', got '1'"),
        ([], [stream("a\n")], "Missing output fields from running code: {'stdout'}"),
        ([stream("a\n")], [], "Unexpected output fields from running code: {'stdout'}"),
    ],
)
def test_a_changed_output_is_refused_saying_what_changed(test, reference, why):
    assert outputs_match(test, reference) == (False, why)


def test_a_long_difference_is_cut_to_a_readable_length():
    matched, why = outputs_match([stream("x" * 300)], [stream("y" * 300)])
    assert not matched
    assert why == f"stdout: expected {'y' * 200!r}, got {'x' * 200!r}"


def test_a_second_comparison_does_not_repeat_the_first_ones_difference():
    outputs_match([stream("a\n")], [stream("b\n")])
    assert outputs_match([result("1")], [result("2")]) == (False, "text/plain: expected '2', got '1'")


def test_stdout_text_is_only_what_the_cell_printed_to_stdout():
    outputs = [stream("one\n"), stream("warning\n", "stderr"), result("3"), stream("two\n")]
    assert stdout_text(outputs) == "one\ntwo\n"


VERDICT = "Q3.2 correct — 1/1 points"


@pytest.mark.parametrize(
    "printed, agrees, what",
    [
        (VERDICT + "\n", True, ""),
        ("debugging: 0.2\n" + VERDICT + "\n", True, ""),  # a student's own print is allowed
        (VERDICT + "   \n", True, ""),  # trailing spaces are not a difference
        ("Q3.2 not yet right — 0/1 points\n", False, "'Q3.2 not yet right — 0/1 points'"),
        (VERDICT + "\n" + VERDICT + "\n", False, f"{VERDICT!r}; {VERDICT!r}"),  # a second verdict line
        ("", False, "no verdict line"),
        ("Q3.2x correct\nQ3.21 correct\n", False, "no verdict line"),  # another question's id
    ],
)
def test_a_check_cell_must_print_exactly_the_graders_verdict(printed, agrees, what):
    assert check_line_agrees([stream(printed)], "Q3.2", VERDICT) == (agrees, what)


def test_what_a_check_cell_printed_is_cut_to_a_readable_length():
    agrees, what = check_line_agrees([stream(f"Q3.2 {'x' * 400}\n")], "Q3.2", VERDICT)
    assert not agrees and what == repr(f"Q3.2 {'x' * 400}")[:300]


def test_a_verdict_printed_to_stderr_does_not_count():
    assert check_line_agrees([stream(VERDICT + "\n", "stderr")], "Q3.2", VERDICT) == (False, "no verdict line")


def test_names_a_cell_reads_and_defines_ignoring_jupyter_magics():
    source = "%matplotlib inline\nx = y + 1\nprint(x)\n"
    assert loaded_names(source) >= {"y", "x", "print"}
    assert defined_names(source) == {"x"}


def test_every_way_of_defining_a_name_counts():
    source = (
        "import numpy.linalg as la, os.path\nfrom math import log as ln, exp\nclass Model: pass\n"
        "async def fetch(): pass\ndef solve(): pass\ndel old\nfor year in []: pass\n"
    )
    assert defined_names(source) == {"la", "os", "ln", "exp", "Model", "fetch", "solve", "old", "year"}
    assert "year" not in loaded_names(source)


def test_a_cell_that_is_not_python_reads_nothing_known_and_defines_nothing():
    assert loaded_names("def f(:") is None
    assert defined_names("def f(:") == set()
    deep = "x = " + "(" * 1000 + ")" * 1000  # deeper than Python parses
    assert loaded_names(deep) is None and defined_names(deep) == set()
