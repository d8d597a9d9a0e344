"""Command line: keep exercises/ generated from solutions/.

    python -m productive_forces.exercises assign [--check]   # write (or verify) exercises/
    python -m productive_forces.exercises execute [NOTEBOOK ...]  # refresh reference outputs
"""

import argparse
import sys
from pathlib import Path

import nbformat

from .assign import exercise_text


def _assign(args):
    stale = []
    for solution in sorted(Path(args.solutions).glob("*.ipynb")):
        target = Path(args.exercises) / solution.name
        text = exercise_text(solution)
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(target)
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target}")
    known = {path.name for path in Path(args.solutions).glob("*.ipynb")}
    orphans = [path for path in Path(args.exercises).glob("*.ipynb") if path.name not in known]
    for orphan in orphans:
        print(f"{orphan} has no solution in {args.solutions}", file=sys.stderr)
    if args.check and (stale or orphans):
        for target in stale:
            print(f"{target} is out of date: run `python -m productive_forces.exercises assign`", file=sys.stderr)
        return 1
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
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
