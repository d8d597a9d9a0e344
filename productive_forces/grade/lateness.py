"""When each notebook was handed in, and what handing it in late costs.

Submission time: the file's modification time as the grader found it (the platform's download
usually keeps the upload time; check that yours does), or, with ``--times CSV``, the time in a
sheet with the columns ``student``, ``exercise`` and ``submitted`` (an ISO 8601 date and time such
as ``2025-03-01T17:05`` or ``2025-03-01 17:05:00+08:00``; an empty exercise means every exercise
of that student). Times without a time zone are the grading machine's local time.

Late policy (``--deadline`` once for all exercises, or ``EXERCISE=WHEN`` per exercise): by
default lateness is only flagged. With ``--late-penalty P`` each day or part of a day after the
deadline takes P% of the points the notebook earned, up to ``--late-cap`` percent (100 by
default). The penalty applies to the exercise's total, never to single questions, and is shown
in the gradebook and in the student's feedback.
"""

import csv
import io
import math
from datetime import datetime, timedelta
from pathlib import Path

from .output import number

DAY = timedelta(days=1)


class TimesError(Exception):
    """A --times sheet or a --deadline cannot be read."""


def parse_time(text, what):
    """An aware datetime from ISO 8601 text (local time when it has no zone); TimesError naming what."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise TimesError(f"{what}: {text!r} is not a date and time such as 2025-03-01T17:05") from None
    return moment if moment.tzinfo else moment.astimezone()


def readable(iso):
    """An ISO time as a reader wants it: 2025-03-01 17:05 +08:00."""
    moment = datetime.fromisoformat(iso)
    zone = moment.strftime("%z")
    return moment.strftime("%Y-%m-%d %H:%M") + (f" {zone[:3]}:{zone[3:]}" if zone else "")


def file_time(path):
    """The file's modification time, as ISO text with the local time zone."""
    return datetime.fromtimestamp(Path(path).stat().st_mtime).astimezone().isoformat(timespec="seconds")


def read_times(path):
    """{"student/exercise" (or "student/" for all their exercises): ISO time} from a --times sheet;
    TimesError naming the line."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise TimesError(f"cannot read the times sheet {path}: {error}") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = {"student", "submitted"} - set(reader.fieldnames or [])
    if missing:
        raise TimesError(f"{path}: the header needs the columns {', '.join(sorted(missing))} (and optionally exercise)")
    times = {}
    for line, row in enumerate(reader, start=2):
        student = (row.get("student") or "").strip()
        if not student:
            continue
        moment = parse_time(row.get("submitted") or "", f"{path}, line {line}")
        times[f"{student}/{(row.get('exercise') or '').strip()}"] = moment.isoformat(timespec="seconds")
    return times


def parse_deadlines(values, exercises):
    """{exercise or "": ISO time} from --deadline values ("WHEN" or "EXERCISE=WHEN")."""
    deadlines = {}
    for value in values or []:
        name, separator, when = value.partition("=")
        if not separator:
            name, when = "", value
        elif name not in exercises:
            raise TimesError(f"--deadline {value!r} names no exercise ({', '.join(exercises)})")
        deadlines[name] = parse_time(when, f"--deadline {value!r}").isoformat(timespec="seconds")
    return deadlines


def policy(deadlines, penalty, cap):
    """The late policy as stored in results.json; ValueError naming the bad option."""
    if not 0 <= penalty <= 100:
        raise ValueError(f"--late-penalty must be between 0 and 100 (% per started day), got {penalty:g}")
    if not 0 <= cap <= 100:
        raise ValueError(f"--late-cap must be between 0 and 100 (%), got {cap:g}")
    return {"deadlines": deadlines, "penalty": penalty, "cap": cap}


def days_late(submitted, deadline):
    """Started days after the deadline (0 when on time)."""
    delay = parse_time(submitted, "submitted") - parse_time(deadline, "deadline")
    return max(0, math.ceil(delay / DAY))


def lateness(result, late_policy, earned):
    """{"days", "percent", "earned", "after"} for a late result under the policy, else None."""
    if not late_policy or not result.get("submitted") or result.get("state") == "not-submitted":
        return None
    deadlines = late_policy.get("deadlines", {})
    deadline = deadlines.get(result["exercise"]) or deadlines.get("")
    if not deadline:
        return None
    days = days_late(result["submitted"], deadline)
    if not days:
        return None
    percent = min(late_policy.get("penalty", 0) * days, late_policy.get("cap", 100))
    return {"days": days, "percent": number(percent), "earned": number(earned), "after": number(earned * (1 - percent / 100))}
