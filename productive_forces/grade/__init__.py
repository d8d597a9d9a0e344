"""Instructor grading: grade a whole class of exercise notebooks in one command.

    python -m productive_forces.grade SUBMISSIONS --out REPORT [--jobs N] [--timeout SECONDS] [--only NAME]
    python -m productive_forces.grade --out REPORT [--manual SCORES.csv]   # merge the marking sheet

SUBMISSIONS holds one folder per student with one notebook per exercise, named as in exercises/
(``SUBMISSIONS/ada/ch3_tfp.ipynb``). For every submission the grader builds the notebook to grade
from the master in solutions/ with only the student's answer cells put in, runs it in a fresh,
resource-limited kernel, captures the raw answers and judges them with ``verdict()`` in its own
process. The report (grades.csv, gradebook.csv, feedback pages, written answers, flags) is
described in report.py; the instructor guide in the book explains the whole workflow.

Modules: course (the masters), assemble (graded notebook), kernel and _kernel (kernels and limits),
capture (answers out of the kernel) and kernel_side (its runner, inside the kernel), scan (code
that reaches for the machinery), compare (nbval's output comparison), submission (one notebook),
runner (the class, in parallel), report (writes the report, from: marking, gradebook, lms, roster,
lateness, pages and templates/, written, answers, exercise_info, class_stats, plots, similarity,
output).
"""

__all__ = ["main"]


def main(argv=None):
    """The command line (see ``python -m productive_forces.grade --help``); returns the exit status."""
    from .__main__ import main as run

    return run(argv)
