"""Exercise tooling: answer checks, the question registry, and the solution-to-exercise generator.

The contract between notebooks and the grader is written down in CONTRACT.md beside this file.
"""

from .checks import Verdict, check, verdict

__all__ = ["Verdict", "check", "verdict"]
