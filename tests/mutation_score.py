"""Print the mutation score of `make mutation`, per module and overall, from mutmut's results.

    .venv/bin/python -m tests.mutation_score [--minimum PERCENT]

Reads the ``mutants/**/*.py.meta`` files that ``mutmut run`` leaves. A mutant counts as killed when
a test failed on it (or it timed out: the tests noticed it looping); the score is killed over all
mutants, so a mutant no test reaches counts against it. With --minimum, the exit status is 1
when the overall score is below that percentage.
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

MUTANTS = Path("mutants")
KILLED = {1, 3, 24, 36, 152, 255, -24}  # a failing test, pytest's internal error, or a timeout
SURVIVED = {0}
NO_TESTS = {5, 33}


def scores(mutants=MUTANTS):
    """{module path: Counter(killed=, survived=, untested=, other=, total=)} for every mutated module."""
    table = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].values()
        if not codes:
            continue
        count = Counter(total=len(codes))
        for code in codes:
            kind = "killed" if code in KILLED else "survived" if code in SURVIVED else "untested" if code in NO_TESTS else "other"
            count[kind] += 1
        table[str(meta.relative_to(mutants))[: -len(".meta")]] = count
    return table


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minimum", type=float, default=None, metavar="PERCENT")
    args = parser.parse_args(argv)
    table = scores()
    if not table:
        print("no mutmut results in mutants/: run `make mutation` first")
        return 2
    width = max(len(path) for path in table)
    print(f"{'module':{width}}  killed  survived  untested  total  score")
    overall = Counter()
    for path, count in table.items():
        overall.update(count)
        print(
            f"{path:{width}}  {count['killed']:6}  {count['survived']:8}  {count['untested']:8}  {count['total']:5}  "
            f"{100 * count['killed'] / count['total']:5.1f}%"
        )
    score = 100 * overall["killed"] / overall["total"]
    print(
        f"{'overall':{width}}  {overall['killed']:6}  {overall['survived']:8}  {overall['untested']:8}  "
        f"{overall['total']:5}  {score:5.1f}%"
    )
    if args.minimum is not None and score < args.minimum:
        print(f"mutation score {score:.1f}% is below the goal of {args.minimum:g}%")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
