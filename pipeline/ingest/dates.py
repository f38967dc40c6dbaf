"""Publication dates from record metadata and from file paths."""

from __future__ import annotations

import re
from datetime import date

# 2025-07-06, 2025_07_06, 2025.07.06, 2025/07/06, 20250706, 2025年7月6日 — a year 1900–2099.
PATH_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})([-_./]?)(\d{1,2})\2(\d{1,2})(?!\d)"
)
CJK_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def parse_date(value: str | None) -> date | None:
    """A date from a metadata string (ISO, compact, slashed or 年月日), else None."""
    if not value:
        return None
    match = CJK_DATE.search(value)
    if match:
        return _make(match.group(1), match.group(2), match.group(3))
    return date_from_path(value)


def date_from_path(path: str) -> date | None:
    """The last valid date written in a path (2025-07-06, 20250706, 2025/07/06)."""
    found = None
    for match in PATH_DATE.finditer(path):
        year, sep, month, day = match.groups()
        if not sep and (len(month) != 2 or len(day) != 2):
            continue
        found = _make(year, month, day) or found
    return found


def _make(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
