"""How the report's files are written: each replaced whole, CSV a spreadsheet reads safely, points as numbers."""

import csv
import io
import os
from pathlib import Path


def write(path, content):
    """Write text (or bytes) to path atomically: written beside it, then renamed over it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    if isinstance(content, bytes):
        temporary.write_bytes(content)
    else:
        temporary.write_text(content, encoding="utf-8", newline="")
    os.replace(temporary, path)


def number(value):
    """Points as a spreadsheet wants them: 3, not 3.0; 2.5 stays 2.5."""
    value = round(float(value), 2)
    return int(value) if value == int(value) else value


def spreadsheet_safe(value):
    """A CSV value a spreadsheet shows as text: one that starts like a formula gets a leading '."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_text(rows, header, safe=True):
    """CSV text: the header, then the rows (every value spreadsheet-safe unless safe is False)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(value) for value in row] if safe else row for row in rows)
    return buffer.getvalue()
