"""Pairs of students whose answer code is nearly identical, for the instructor to look at (--similarity).

Each student's code for an exercise is the text of their answer cells in the graded notebook,
leaving out cells still as the exercise gave them out, and of the code cells they added (which
run in place and are part of their answer: a student may well do all the work in a cell of their
own and leave the answer cell a one-line ``share = result``). It is normalised with Python's own
tokenizer: comments and blank lines go, spacing stops mattering, and every name the student
chose is renamed by order of first use (``v1``, ``v2``...), so renaming variables changes nothing;
keywords, built-in names, attribute names (``np.log``) and imported modules stay as they are.
Two students' token sequences are compared with difflib's ratio (1.0 = identical). A pair is
listed when the ratio reaches the threshold and both have enough code of their own to compare:
short answers that many students reach the same way (``share = a / b``) are never listed.

It never changes points: similar code is often honest work from the same lecture notes.
"""

import builtins
import difflib
import io
import keyword
import tokenize
from itertools import combinations

from ..exercises.contract import ANSWER_TAG

THRESHOLD = 0.9
MIN_TOKENS = 40  # tokens of a student's own code below which nothing is compared
_KEPT = set(keyword.kwlist) | set(dir(builtins))
_SKIPPED = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING,
            tokenize.ENDMARKER}  # fmt: skip


def normalise(source):
    """The source's tokens with names renamed by first use, without comments or layout."""
    tokens, names, previous = [], {}, None
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in _SKIPPED:
                continue
            text = token.string
            if token.type == tokenize.NAME and text not in _KEPT and previous != "." and previous not in ("import", "from"):
                text = names.setdefault(text, f"v{len(names) + 1}")
            tokens.append(text)
            previous = token.string
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return source.split()  # not Python: compare words
    return tokens


def own_code(graded_notebook, starter):
    """The sources of the student's answer cells and added code cells in a graded notebook, in the
    notebook's order, without cells equal to the starter code."""
    from .assemble import ADDED_TAG  # with nbformat, which only --similarity needs

    own_tags = {ANSWER_TAG, ADDED_TAG}
    given = {source.strip() for source in starter}
    return "\n".join(
        cell.source
        for cell in graded_notebook.cells
        if cell.cell_type == "code" and own_tags & set(cell.metadata.get("tags", [])) and cell.source.strip() not in given
    )


def starter_code(exercise_copy):
    """The answer cells' sources as the exercise hands them out."""
    return [cell.source for cell in exercise_copy.cells if cell.cell_type == "code" and "answer" in cell.metadata.get("tags", [])]


def similar_pairs(codes, threshold=THRESHOLD, min_tokens=MIN_TOKENS):
    """[(ratio, student, other)] for pairs of {student: source} whose normalised code is at least
    threshold alike, most alike first."""
    tokens = {student: normalise(source) for student, source in codes.items()}
    tokens = {student: found for student, found in tokens.items() if len(found) >= min_tokens}
    pairs = []
    for first, second in combinations(sorted(tokens), 2):
        matcher = difflib.SequenceMatcher(None, tokens[first], tokens[second], autojunk=False)
        if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
            ratio = matcher.ratio()
            if ratio >= threshold:
                pairs.append((round(ratio, 3), first, second))
    return sorted(pairs, key=lambda pair: (-pair[0], pair[1], pair[2]))


def find(report, state, exercises_folder, threshold=THRESHOLD):
    """[{"exercise", "students", "ratio"}] over the graded notebooks in REPORT/graded/."""
    import nbformat  # loaded only for --similarity: a plain re-render does without its slow import

    found = []
    for name in state["exercises"]:
        copy_path = exercises_folder / f"{name}.ipynb"
        starter = starter_code(nbformat.read(copy_path, as_version=4)) if copy_path.is_file() else []
        codes = {}
        for result in state["results"]:
            path = report / "graded" / result["student"] / f"{name}.ipynb"
            if result["exercise"] == name and result["state"] == "graded" and path.is_file():
                codes[result["student"]] = own_code(nbformat.read(path, as_version=4), starter)
        for ratio, first, second in similar_pairs(codes, threshold):
            found.append({"exercise": name, "students": [first, second], "ratio": ratio})
    return found
