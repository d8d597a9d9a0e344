"""Who each submission folder is on the learning platform: the optional --roster sheet.

The grader knows a student only by the name of their folder in SUBMISSIONS. A roster is a CSV
file with a column ``folder`` (that name) and any of the identities a platform matches students
by. Column names are read without regard to case, spaces or underscores, and the headers of
Canvas's and Moodle's own grade exports are understood, so the simplest roster is the
platform's export with a ``folder`` column added:

    folder           the student's folder in SUBMISSIONS (required)
    name             Student (Canvas), or First name + Last name (Moodle)
    canvas_id        ID (Canvas)
    sis_user_id      SIS User ID (Canvas)
    sis_login_id     SIS Login ID (Canvas)
    section          Section (Canvas)
    email            Email address (Moodle)
    username         Username (Moodle)
    id_number        ID number (Moodle)
"""

import csv
import io
from pathlib import Path

FIELDS = ("name", "canvas_id", "sis_user_id", "sis_login_id", "section", "email", "username", "id_number")
_ALIASES = {
    "folder": "folder", "student": "name", "name": "name", "id": "canvas_id", "canvasid": "canvas_id",
    "sisuserid": "sis_user_id", "sisloginid": "sis_login_id", "section": "section", "email": "email",
    "emailaddress": "email", "username": "username", "idnumber": "id_number", "firstname": "first_name",
    "lastname": "last_name",
}  # fmt: skip


class RosterError(Exception):
    """The roster cannot be read as it stands."""


def _key(header):
    return "".join(character for character in header.lower() if character.isalnum())


def read_roster(path):
    """{folder: {field: value}} from a roster CSV; RosterError naming the file and line."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise RosterError(f"cannot read the roster {path}: {error}") from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise RosterError(f"the roster {path} is empty")
    columns = [_ALIASES.get(_key(header)) for header in rows[0]]
    if "folder" not in columns:
        raise RosterError(f"the roster {path} needs a column 'folder' with each student's folder name in SUBMISSIONS")
    roster = {}
    for line, row in enumerate(rows[1:], start=2):
        entry = {column: value.strip() for column, value in zip(columns, row) if column}
        folder = entry.pop("folder", "")
        if not folder:
            continue  # Canvas's "Points Possible" row and empty lines have no folder
        if folder in roster:
            raise RosterError(f"the roster {path}, line {line}: folder {folder!r} is listed twice")
        first, last = entry.pop("first_name", ""), entry.pop("last_name", "")
        if not entry.get("name") and (first or last):
            entry["name"] = f"{first} {last}".strip()
        roster[folder] = {field: entry.get(field, "") for field in FIELDS}
    return roster


def identity(roster, student):
    """The student's identities (every field; the name defaults to the folder name)."""
    known = (roster or {}).get(student)
    if known is None:
        return {**{field: "" for field in FIELDS}, "name": student}
    return {**known, "name": known["name"] or student}
