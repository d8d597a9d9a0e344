"""Command line: keep exercises/ (and its translated copies) generated from solutions/.

    python -m productive_forces.exercises assign [--check]   # write (or verify) exercises/ and exercises/zh/
    python -m productive_forces.exercises execute [NOTEBOOK ...]  # refresh reference outputs
    python -m productive_forces.exercises catalogue DIR       # the exercises' messages, as DIR/exercises/*.pot
"""

import argparse
import sys
from pathlib import Path

import nbformat

from .assign import exercise_text, make_exercise
from .translate import FOLDERS, template, translated_exercise

LOCALE = Path("locale")


def notebook_text(notebook):
    return nbformat.writes(notebook) + "\n"


def translations(language, name):
    """{message: translation} from an exercise's catalogue: translated, not fuzzy."""
    from babel.messages.pofile import read_po

    path = LOCALE / language / "LC_MESSAGES" / "exercises" / f"{name}.po"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `make catalogues` and translate it")
    with path.open("rb") as file:
        catalogue = read_po(file, locale=language)
    return {message.id: message.string for message in catalogue if message.id and message.string and not message.fuzzy}


def expected_notebooks(solutions, exercises):
    """(target path, text) of every exercise and translated copy that solutions/ generates."""
    for solution in sorted(Path(solutions).glob("*.ipynb")):
        yield Path(exercises) / solution.name, exercise_text(solution)
        exercise = make_exercise(nbformat.read(solution, as_version=4))
        for language, folder in FOLDERS.items():
            copy = translated_exercise(exercise, language, translations(language, solution.stem))
            yield Path(exercises) / folder / solution.name, notebook_text(copy)


def _assign(args):
    stale, known = [], set()
    for target, text in expected_notebooks(args.solutions, args.exercises):
        known.add(target)
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(target)
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target}")
    orphans = [path for path in sorted(Path(args.exercises).rglob("*.ipynb")) if path not in known]
    for orphan in orphans:
        print(f"{orphan} has no solution in {args.solutions}", file=sys.stderr)
    if args.check and (stale or orphans):
        for target in stale:
            print(f"{target} is out of date: run `python -m productive_forces.exercises assign`", file=sys.stderr)
        return 1
    return 0


def _catalogue(args):
    """Write the messages of every exercise as a gettext template, for sphinx-intl to merge."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    folder = Path(args.directory) / "exercises"
    folder.mkdir(parents=True, exist_ok=True)
    for solution in sorted(Path(args.solutions).glob("*.ipynb")):
        catalogue = Catalog(project="productive-forces", fuzzy=False)
        for message in template(make_exercise(nbformat.read(solution, as_version=4))):
            catalogue.add(message)
        with (folder / f"{solution.stem}.pot").open("wb") as file:
            write_po(file, catalogue, width=0, omit_header=False)
        print(f"wrote {folder / solution.stem}.pot")
    return 0


def _execute(args):
    from nbclient import NotebookClient

    paths = args.notebooks or sorted(Path(args.solutions).glob("*.ipynb"))
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(Path(path).parent)}}).execute()
        notebook.metadata.pop("widgets", None)
        nbformat.write(notebook, path)
        print(f"executed {path}")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m productive_forces.exercises", description=__doc__.splitlines()[0])
    parser.add_argument("--solutions", default="solutions", help="folder of solved notebooks (default: solutions)")
    parser.add_argument("--exercises", default="exercises", help="folder of student notebooks (default: exercises)")
    commands = parser.add_subparsers(dest="command", required=True)
    assign = commands.add_parser("assign", help="generate exercises/ from solutions/")
    assign.add_argument("--check", action="store_true", help="only report notebooks that are out of date")
    assign.set_defaults(run=_assign)
    execute = commands.add_parser("execute", help="run solution notebooks and store their reference outputs")
    execute.add_argument("notebooks", nargs="*", help="notebooks to run (default: every solution)")
    execute.set_defaults(run=_execute)
    catalogue = commands.add_parser("catalogue", help="write the exercises' messages as gettext templates")
    catalogue.add_argument("directory", help="where to write exercises/<name>.pot (make catalogues: _build/gettext)")
    catalogue.set_defaults(run=_catalogue)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
