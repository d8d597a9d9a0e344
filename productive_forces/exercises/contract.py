"""Names shared by the exercise notebooks, the generator and the grader (see CONTRACT.md)."""

ANSWER_TAG = "answer"  # a cell the student writes in
CHECK_TAG = "check"  # a cell that prints a verdict; metadata carries its points
HIDDEN_CHECK_TAG = "hidden-check"  # a check that exists only in solutions/ and in grading
WRITTEN_TAG = "written-answer"  # a Markdown answer graded by hand
IGNORE_OUTPUT_TAG = "nbval-ignore-output"  # widget and plot cells: nbval does not compare output
GRADING_KEY = "grading"  # cell.metadata[GRADING_KEY] = {"question": "Q3.1", "points": 3}

BEGIN_SOLUTION = "BEGIN SOLUTION"
END_SOLUTION = "END SOLUTION"
STUB_PREFIX = "# STUB "


def tags(cell):
    """A cell's tags as a set."""
    return set(cell.get("metadata", {}).get("tags", []))


def grading(cell):
    """The {"question", "points"} metadata of a check cell, or None."""
    return cell.get("metadata", {}).get(GRADING_KEY)
