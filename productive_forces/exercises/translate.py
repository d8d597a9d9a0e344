"""The exercises in other languages: copies of each English exercise, generated from the same
solution and a catalogue, with the same cells, ids, tags, checks and points.

A copy differs from the English exercise only in its Markdown, translated block by block from
``locale/<language>/LC_MESSAGES/exercises/<name>.po`` (:mod:`productive_forces.i18n.notebooks`),
in one line at the top of its first code cell that switches the course package to its language
(so verdicts and hints come out in it), and in its metadata, which names the language for the
grader. Code and its comments stay as they are. Copies live in ``exercises/<language folder>/``.
"""

from ..i18n.notebooks import notebook_messages, translate_notebook

#: Language: the folder of its copies under exercises/.
FOLDERS = {"zh_CN": "zh"}
METADATA_KEY = "productive_forces"
LANGUAGE_LINE = 'from productive_forces.i18n import use_language; use_language("{language}")'


def template(exercise):
    """The messages of an English exercise: what its catalogue must translate."""
    return notebook_messages(exercise)


def translated_exercise(exercise, language, translations):
    """The copy of an English exercise in `language`, given its catalogue as {message: translation}.

    Raises KeyError naming the first message the catalogue lacks, so no copy is half English.
    """
    missing = [message for message in template(exercise) if not translations.get(message)]
    if missing:
        raise KeyError(f"{len(missing)} message(s) not translated into {language}, first: {missing[0][:80]!r}")
    copy_ = translate_notebook(exercise, translations.get)
    first_code = next(cell for cell in copy_.cells if cell.cell_type == "code")
    first_code.source = LANGUAGE_LINE.format(language=language) + "\n" + first_code.source
    copy_.metadata[METADATA_KEY] = {**copy_.metadata.get(METADATA_KEY, {}), "language": language}
    return copy_


def language_of(notebook):
    """The language a student notebook was written in: its metadata says, else English."""
    return notebook.get("metadata", {}).get(METADATA_KEY, {}).get("language", "en")


__all__ = ["FOLDERS", "language_of", "template", "translated_exercise"]
