"""JSON Lines: one record per line. The text is in `text` (or the field `Fields.text`
names; left unset, a file whose records have no `text` field uses their one long string
field instead); id, title, date, source and url are optional and can be renamed too.

Records are split on "\\n" only (U+2028, U+0085 and the other characters `str.splitlines`
breaks on are valid inside a JSON string), and a UTF-8 file is decoded line by line, so
one undecodable line is one bad record, not a bad file.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.ingest.decode import DecodeError, decode_bytes

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

Line = tuple[int, "str | RecordError"]


class RecordError(ValueError):
    """A line that is not a usable record."""

    def __init__(self, error_type: str, message: str):
        super().__init__(message)
        self.error_type = error_type


def records(text: str, fields: Fields = DEFAULT_FIELDS) -> Iterator[tuple[int, dict | RecordError]]:
    """Yield (1-based line number, record dict or RecordError) for each non-blank line.

    A record dict has "text" and the optional fields under their standard names; when the
    text field was detected, "text_field" names it."""
    return parse(numbered_lines(text), fields)


def decoded_records(data: bytes, fields: Fields = DEFAULT_FIELDS,
                    ) -> tuple[Iterator[tuple[int, dict | RecordError]], str]:
    """(records, encoding) of a JSONL file's bytes. Raises DecodeError for a file that is not
    text at all (empty, binary, or in no supported encoding)."""
    lines, encoding = decode_lines(data)
    return parse(lines, fields), encoding


def parse(lines: Iterator[Line], fields: Fields = DEFAULT_FIELDS,
          ) -> Iterator[tuple[int, dict | RecordError]]:
    """Records of numbered lines; the text field is detected on the first record that
    shows one (when `fields.text` is unset) and kept for the rest of the file."""
    detected: str | None = None
    for number, line in lines:
        if isinstance(line, RecordError):
            yield number, line
            continue
        if not line.strip():
            continue
        value = _parse(line)
        if isinstance(value, dict) and fields.text is None and detected is None:
            detected = detect_text_field(value)
        yield number, value if isinstance(value, RecordError) else _record(value, fields, detected)


def numbered_lines(text: str) -> Iterator[Line]:
    return enumerate(text.split("\n"), start=1)


def decode_lines(data: bytes) -> tuple[Iterator[Line], str]:
    """UTF-8 line by line (a bad line becomes a RecordError); a file with a UTF-16 byte-order
    mark, or one with no valid UTF-8 line beyond ASCII (GB18030, Big5), decoded as a whole."""
    if not data.startswith(codecs.BOM_UTF8) and (
            data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or not _is_utf8(data)):
        text, encoding = decode_bytes(data)
        return numbered_lines(text), encoding
    if not data.strip():
        raise DecodeError("empty", "input is empty")
    body = data.removeprefix(codecs.BOM_UTF8)
    return (_decode_line(number, raw) for number, raw in enumerate(body.split(b"\n"), 1)), "utf-8"


def _is_utf8(data: bytes) -> bool:
    """UTF-8 with perhaps some bad lines: the whole decodes, or some non-ASCII line does."""
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        pass
    for raw in data.split(b"\n"):
        if not raw.isascii():
            try:
                raw.decode("utf-8")
                return True
            except UnicodeDecodeError:
                continue
    return False


def _decode_line(number: int, raw: bytes) -> Line:
    if b"\x00" in raw:
        return number, RecordError("binary", "line contains NUL bytes: not text")
    try:
        return number, raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return number, RecordError("undecodable", f"line is not valid UTF-8 (byte {exc.start + 1})")


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
