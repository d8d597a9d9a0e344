"""Chapter 2's exercise, run in a kernel as a student would: blank earns nothing, wrong fails, right passes."""

from productive_forces.exercises import verdict
from tests.notebooks import execute, read, replace_sources

EXERCISE = "exercises/ch2_concept.ipynb"
SOLUTION = "solutions/ch2_concept.ipynb"
CHECKS = ["q2-1-check", "q2-2-check", "q2-3a-check", "q2-3b-check", "q2-4-check"]
RIGHT_ELEMENTS = {
    "a nationwide programme of vocational skills training": "labourers",
    "engineers trained at university to design chips": "labourers",
    "industrial robots installed on an assembly line": "means of labour",
    "electric motors driving the machines of a factory": "means of labour",
    "cotton that a mill spins into yarn": "subjects of labour",
    "new industries and fields opened up by the digital economy": "subjects of labour",
}


def test_wrong_answers_fail_their_checks():
    swapped = dict(RIGHT_ELEMENTS)
    swapped["cotton that a mill spins into yarn"] = "means of labour"  # the material, not the instrument
    wrong = replace_sources(read(EXERCISE), {
        # One rate for every year: the 13.4% of the first band applied throughout.
        "q2-1-answer": "def human_capital(years):\n    return np.exp(0.134 * years)",
        # Years read as if the index itself were the exponent of the first band.
        "q2-2-answer": 'china_hc = load_pwt("CHN").at(2019)["hc"]\nimplied_years = np.log(china_hc) / 0.134',
        # The starting mix instead of the mix after the shift.
        "q2-3a-answer": "productivity_after = 0.8 * 1.2 + 0.2 * 3.3",
        # Moves valued at the productivities after the shift: between plus interaction.
        "q2-3b-answer": "between_term = (0.5 - 0.8) * 1.2 + (0.5 - 0.2) * 3.3",
        "q2-4-answer": f"elements = {swapped!r}",
    })
    outputs = execute(wrong)
    for cell_id in CHECKS:
        if cell_id == "q2-4-check":  # one example misplaced: five of six earn their share
            assert outputs[cell_id].startswith("Q2.4 partly right — 1.5/2 points. 5 of 6 items are right."), outputs[cell_id]
        else:
            assert "not yet right" in outputs[cell_id], outputs[cell_id]


def test_answer_fitted_to_the_visible_case_passes_it_but_fails_the_hidden_check():
    master = replace_sources(read(SOLUTION), {
        # Right beyond 8 years only: the first two bands are taken as full whatever the schooling.
        "q2-1-answer": "def human_capital(years):\n    return np.exp(0.536 + 0.404 + 0.068 * (years - 8))",
    })
    outputs = execute(master)
    assert outputs["q2-1-check"] == "Q2.1 correct — 2/2 points\n"
    assert "Q2.1-hidden not yet right — 0/1 points" in outputs["q2-1-hidden-check"]


def test_right_answers_computed_another_way_pass():
    other_way = replace_sources(read(EXERCISE), {
        # Add the return of each slice of a year, a hundredth at a time.
        "q2-1-answer": (
            "def human_capital(years):\n"
            "    steps = np.arange(0, years, 0.01) + 0.005\n"
            "    rates = np.where(steps < 4, 0.134, np.where(steps < 8, 0.101, 0.068))\n"
            "    return float(np.exp(np.sum(rates * np.minimum(0.01, years - (steps - 0.005)))))"
        ),
        # Search for the schooling whose index matches, using the function above.
        "q2-2-answer": (
            'china_hc = load_pwt("CHN").at(2019)["hc"]\n'
            "grid = np.linspace(0, 20, 20001)\n"
            "implied_years = grid[np.argmin([abs(human_capital(s) - china_hc) for s in grid[8000:9500]]) + 8000]"
        ),
        # Level before the shift plus the three terms of the decomposition.
        "q2-3a-answer": (
            "s0, p0 = np.array([0.8, 0.2]), np.array([1.0, 3.0])\n"
            "s1, p1 = np.array([0.5, 0.5]), np.array([1.2, 3.3])\n"
            "productivity_after = s0 @ p0 + s0 @ (p1 - p0) + (s1 - s0) @ p0 + (s1 - s0) @ (p1 - p0)"
        ),
        # Two sectors: the shift of 30 points times the gap in productivity before it.
        "q2-3b-answer": "between_term = 0.3 * (3.0 - 1.0)",
        # Built from the list of elements and a list of keys, in another order.
        "q2-4-answer": (
            "kinds = ['labourers', 'means of labour', 'subjects of labour']\n"
            f"keys = {list(reversed(RIGHT_ELEMENTS))!r}\n"
            "elements = {key: kinds[2 - i // 2] for i, key in enumerate(keys)}"
        ),
    })
    outputs = execute(other_way)
    for cell_id in CHECKS:
        assert " correct — " in outputs[cell_id], outputs[cell_id]


def test_mapping_verdicts_explain_what_is_wrong():
    assert verdict("Q2.4", RIGHT_ELEMENTS).status == "correct"
    missing_key = {key: value for key, value in list(RIGHT_ELEMENTS.items())[1:]}
    result = verdict("Q2.4", missing_key)  # five of six given, all right: 5/6 of 2 points, down to the half point
    assert (result.status, result.points) == ("partial", 1.5) and "a nationwide programme" in result.message
    unknown = dict(RIGHT_ELEMENTS, **{"cotton that a mill spins into yarn": "raw material"})
    result = verdict("Q2.4", unknown)
    assert (result.status, result.points) == ("partial", 1.5) and "must be exactly one of 'labourers'" in result.message
    assert verdict("Q2.4", ["labourers"]).message.endswith("Expected a dictionary, got list.")
    # Labels are compared exactly: the spelling the question asks for, not a near miss.
    capitalised = dict(RIGHT_ELEMENTS, **{"cotton that a mill spins into yarn": "Subjects of labour"})
    assert (verdict("Q2.4", capitalised).status, verdict("Q2.4", capitalised).points) == ("partial", 1.5)
    # Two swapped: four of six right, and the message does not say which.
    swapped = dict(RIGHT_ELEMENTS, **{
        "cotton that a mill spins into yarn": "means of labour",
        "industrial robots installed on an assembly line": "subjects of labour",
    })
    result = verdict("Q2.4", swapped)  # 4/6 of 2 points is 1.33: 1 point, rounded down to the half point
    assert (result.status, result.points) == ("partial", 1) and "4 of 6 items are right" in result.message
    assert "cotton" not in result.message and "robots" not in result.message
    blank = {key: ... for key in RIGHT_ELEMENTS}
    assert verdict("Q2.4", blank).status == "missing"
