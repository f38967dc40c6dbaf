"""JSON Lines: one record per line. The text is in `text` (or the field `Fields.text`
names; left unset, a file whose records have no `text` field uses their one long string
field instead); id, title, date, source and url are optional and can be renamed too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

OPTIONAL_FIELDS = ("id", "title", "date", "source", "url")
DEFAULT_TEXT = "text"
LONG_TEXT = 40  # characters: the shortest value that counts as a document's text


@dataclass(frozen=True)
class Fields:
    """Record field names (`baokan run --text-field content --title-field headline`).

    `text=None` means "text", or else the record's only string field of LONG_TEXT or more
    characters (detected on the first record of a file that shows one, then kept)."""

    text: str | None = None
    id: str = "id"
    title: str = "title"
    date: str = "date"
    source: str = "source"
    url: str = "url"


DEFAULT_FIELDS = Fields()


class RecordError(ValueError):
    """A line that is not a usable record."""

    def __init__(self, error_type: str, message: str):
        super().__init__(message)
        self.error_type = error_type


def records(text: str, fields: Fields = DEFAULT_FIELDS) -> Iterator[tuple[int, dict | RecordError]]:
    """Yield (1-based line number, record dict or RecordError) for each non-blank line.

    A record dict has "text" and the optional fields under their standard names; when the
    text field was detected, "text_field" names it."""
    detected: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        value = _parse(line)
        if isinstance(value, dict) and fields.text is None and detected is None:
            detected = detect_text_field(value)
        yield number, value if isinstance(value, RecordError) else _record(value, fields, detected)


def detect_text_field(value: dict) -> str | None:
    """None when the record has a `text` field, else its only long string field (if any)."""
    if DEFAULT_TEXT in value:
        return None
    long_fields = [key for key, item in value.items()
                   if isinstance(item, str) and len(item.strip()) >= LONG_TEXT]
    return long_fields[0] if len(long_fields) == 1 else None


def _parse(line: str) -> dict | RecordError:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return RecordError("malformed_json", f"invalid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(value, dict):
        return RecordError("malformed_record", "a JSON line must be an object")
    return value


def _record(value: dict, fields: Fields, detected: str | None) -> dict | RecordError:
    name = fields.text or detected or DEFAULT_TEXT
    text = value.get(name)
    if not isinstance(text, str) or not text.strip():
        found = ", ".join(map(str, value)) or "none"
        hint = "" if fields.text else "; choose one with --text-field NAME"
        return RecordError("missing_text",
                           f"record has no non-empty {name!r} field (fields found: {found}){hint}")
    record = {"text": text}
    if name != DEFAULT_TEXT and fields.text is None:
        record["text_field"] = name
    for key in OPTIONAL_FIELDS:
        item = value.get(getattr(fields, key))
        if item is not None:
            record[key] = str(item)
    return record
