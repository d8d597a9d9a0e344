"""Compare a graded run's outputs with what they should be, the way nbval does.

Cells taken from the master (set-up code, demonstrations) are compared with the master's stored
reference outputs by nbval's own comparison (``IPyNbCell.compare_outputs`` after
``coalesce_streams``, with nbval's default list of keys to skip, images included), called directly
rather than through pytest: starting pytest for every notebook would cost more than running it.
Cells tagged ``nbval-ignore-output`` are skipped, as nbval skips them, and so are cells that use
names the answer cells define (a table of the student's own function's results differs whenever
the answer does, which is no sign of tampering).

A check cell's reference output is the master's own "correct" line, which a wrong answer must not
match; so a check cell is compared instead with the verdict the grader computed from the captured
answer: among the printed lines, those that start with the question id must be exactly that
verdict. Other lines (a student's debugging ``print`` inside their function) are allowed.
"""

from types import SimpleNamespace

import nbformat

SKIP_COMPARE = (
    "metadata",
    "traceback",
    "prompt_number",
    "output_type",
    "name",
    "execution_count",
    "application/vnd.jupyter.widget-view+json",
    "image/png",
    "image/jpeg",
)


def _nbval():
    from nbval.plugin import IPyNbCell, coalesce_streams, nocolors

    comparer = SimpleNamespace(
        parent=SimpleNamespace(skip_compare=SKIP_COMPARE, sanitize_patterns={}),
        colors=nocolors,
        comparison_traceback=[],
    )
    comparer.sanitize = lambda text: IPyNbCell.sanitize(comparer, text)
    # nbval formats a difference through pytest's assertion hooks, which need a pytest session
    comparer.format_output_compare = lambda key, left, right: comparer.comparison_traceback.append(
        f"{key}: expected {str(left)[:200]!r}, got {str(right)[:200]!r}"
    )
    return comparer, IPyNbCell.compare_outputs, coalesce_streams


def outputs_match(test, reference):
    """(True, "") when nbval would accept test outputs against reference outputs, else (False, why)."""
    comparer, compare, coalesce = _nbval()
    test = coalesce([nbformat.from_dict(output) for output in test])
    reference = coalesce([nbformat.from_dict(output) for output in reference])
    comparer.comparison_traceback = []
    if compare(comparer, test, reference, skip_compare=SKIP_COMPARE):
        return True, ""
    return False, "\n".join(str(line) for line in comparer.comparison_traceback)[:500]


def stdout_text(outputs):
    return "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stdout")


def check_line_agrees(outputs, question, expected):
    """(True, "") if the check cell printed question's verdict line and no other, else (False, what it printed)."""
    lines = [line.rstrip() for line in stdout_text(outputs).splitlines() if line.startswith(f"{question} ")]
    if lines == [expected]:
        return True, ""
    return False, "; ".join(repr(line) for line in lines)[:300] or "no verdict line"


def loaded_names(source):
    """Names a cell's code reads (None if it does not parse)."""
    import ast

    from .course import python_source

    try:
        tree = ast.parse(python_source(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # not Python, or too deep to parse
        return None
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}


def defined_names(source):
    """Names a cell's code assigns, defines or imports."""
    import ast

    from .course import python_source

    try:
        tree = ast.parse(python_source(source))
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # not Python, or too deep to parse
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names
