"""What each student answered, read back from their graded notebook, in a form a page can show.

The grader judges every question from a capture record (see capture.py) that the capture cell
before the check wrote into the graded notebook. A record is accepted here under the same
conditions the grader applied: it sits in the question's own capture cell (tag
``grader-capture``), carries that cell's index and question, and its nonce starts with the
nonce prefix in the cell's id (``grader-<nonce[:12]>-<index>``), which no student code can see.
A cell with any other number of such records shows no answer.

Each answer becomes plain text: ``shown`` (the value as a student would recognise it),
``key`` (the value rounded to three significant figures, to count identical wrong answers),
``number`` (when the answer is one number) and, for a function, ``calls``: each case it was
called on and what it returned or raised. Only text and numbers are kept, never code, except
the cells a student added (:func:`added_sources`), whose text is what the student wrote.
"""

import json
import math

from .capture import MIME

MAX_SHOWN = 160  # characters of an answer shown
MAX_ITEMS = 6  # items of a list, array or dict shown before "…"
MAX_ADDED = 2000  # characters of a cell the student added kept for the pages


def _scalar_text(value, digits):
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        try:
            value = int(value) if value.lstrip("-").isdigit() else float(value)
        except ValueError:
            return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return f"{value:.{digits}g}"


def _number(data):
    """The answer as one float when it is one number (also a one-element array), else None."""
    kind = data.get("t")
    values = None
    if kind in ("int", "float", "real", "npscalar"):
        values = [data.get("v")]
    elif kind == "ndarray" and len(data.get("v", [])) == 1:
        values = data["v"]
    if not values or isinstance(values[0], bool):
        return None
    try:
        number = float(values[0])
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def text(data, digits=6):
    """A short text of an encoded value (see capture.py for the encoding)."""
    if not isinstance(data, dict):
        return "?"
    kind = data.get("t")
    if kind == "none":
        return "None"
    if kind == "ellipsis":
        return "..."
    if kind == "bool":
        return str(bool(data.get("v")))
    if kind in ("int", "float", "real", "npscalar"):
        return _scalar_text(data.get("v"), digits)
    if kind == "str":
        return repr(str(data.get("v", "")))
    if kind == "ndarray":
        values = data.get("v", [])
        shown = [_scalar_text(v, digits) if data.get("dtype", "")[1:2] != "U" else repr(v) for v in values[:MAX_ITEMS]]
        more = ", …" if len(values) > MAX_ITEMS else ""
        return f"array([{', '.join(shown)}{more}])"
    if kind in ("list", "tuple", "set", "frozenset"):
        items = data.get("v", [])
        shown = ", ".join(text(item, digits) for item in items[:MAX_ITEMS]) + (", …" if len(items) > MAX_ITEMS else "")
        opening, closing = {"list": "[]", "tuple": "()", "set": "{}", "frozenset": "{}"}[kind]
        return f"{opening}{shown}{closing}"
    if kind == "dict":
        pairs = data.get("v", [])
        shown = ", ".join(f"{text(k, digits)}: {text(v, digits)}" for k, v in pairs[:MAX_ITEMS])
        return "{" + shown + (", …" if len(pairs) > MAX_ITEMS else "") + "}"
    if kind == "raised":
        return f"<{data.get('type', 'Exception')}>"
    if kind == "timeout":
        return "<timeout>"
    return f"<{data.get('type', 'object')}>"


def _clip(value):
    return value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "…"


def _call_text(call):
    if "value" in call:
        return _clip(text(call["value"]))
    if call.get("timeout"):
        return "<timeout>"
    return f"<{call.get('raised', 'Exception')}>"


def shown(record, question):
    """{"shown", "key", "number", "calls"} for a capture record of question (its report summary)."""
    answer = record.get("answer") or {}
    entry = {"shown": _clip(text(answer)), "key": _clip(text(answer, 3)), "number": _number(answer)}
    if answer.get("t") == "callable" and "cases" in question:
        calls = []
        for case, call in zip(question["cases"], record.get("results") or []):
            arguments = ", ".join(_scalar_text(value, 6) if isinstance(value, (int, float)) else repr(value) for value in case)
            calls.append({"call": f"{question.get('expression', 'f')}({arguments})", "returned": _call_text(call)})
        entry["calls"] = calls
        entry["key"] = _clip("; ".join(call["returned"] for call in calls)) or entry["key"]
    elif answer.get("t") == "callable":
        entry["key"] = "; ".join(_call_text(call) for call in record.get("results") or []) or entry["key"]
        entry["shown"] = ""
    return entry


def _records(cell):
    return [
        output["data"][MIME]
        for output in cell.get("outputs", [])
        if isinstance(output, dict) and isinstance(output.get("data"), dict) and isinstance(output["data"].get(MIME), dict)
    ]


def cells_of(notebook_text):
    """The cells of a graded notebook's JSON text ([] when it cannot be read)."""
    try:
        return json.loads(notebook_text).get("cells", [])
    except (TypeError, ValueError, AttributeError):
        return []


def read(notebook_text, questions):
    """{question id: shown(...)} for each question whose genuine record is in the graded notebook."""
    return answers_in(cells_of(notebook_text), questions)


def answers_in(cells, questions):
    """{question id: shown(...)} for each question whose genuine record is in the cells (see read)."""
    from .assemble import CAPTURE_TAG  # imported here: assemble needs nbformat, which a re-render never loads

    by_id = {question["id"]: question for question in questions}
    found = {}
    for cell in cells:
        cell_id = str(cell.get("id", ""))
        parts = cell_id.split("-")
        if CAPTURE_TAG not in cell.get("metadata", {}).get("tags", []) or len(parts) != 3 or not parts[2].isdigit():
            continue
        prefix, index = parts[1], int(parts[2])
        genuine = [
            record
            for record in _records(cell)
            if str(record.get("nonce", "")).startswith(prefix) and record.get("index") == index
            and record.get("question") in by_id
        ]  # fmt: skip
        if len(genuine) == 1:
            question = genuine[0]["question"]
            found[question] = shown(genuine[0], by_id[question])
    return found


def added_sources(cells):
    """{index in the student's notebook: source} of the cells the student added, read from the
    graded notebook's cells, where the grader put each one (tag ``student-added``, id ``added-<index + 1>``)."""
    from .assemble import ADDED_TAG

    found = {}
    for cell in cells:
        number = str(cell.get("id", "")).removeprefix("added-")
        if ADDED_TAG in cell.get("metadata", {}).get("tags", []) and number.isdigit():
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else str(source)
            found[int(number) - 1] = source if len(source) <= MAX_ADDED else source[: MAX_ADDED - 1] + "…"
    return found
