"""JSON Lines: one record per line, `text` required; id, title, date, source, url optional."""

from __future__ import annotations

import json
from collections.abc import Iterator

OPTIONAL_FIELDS = ("id", "title", "date", "source", "url")


class RecordError(ValueError):
    """A line that is not a usable record."""

    def __init__(self, error_type: str, message: str):
        super().__init__(message)
        self.error_type = error_type


def records(text: str) -> Iterator[tuple[int, dict | RecordError]]:
    """Yield (1-based line number, record dict or RecordError) for each non-blank line."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        yield number, _record(line)


def _record(line: str) -> dict | RecordError:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return RecordError("malformed_json", f"invalid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(value, dict):
        return RecordError("malformed_record", "a JSON line must be an object")
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        return RecordError("missing_text", "record has no non-empty 'text' field")
    record = {"text": text}
    for key in OPTIONAL_FIELDS:
        if value.get(key) is not None:
            record[key] = str(value[key])
    return record
