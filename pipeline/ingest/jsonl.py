"""JSON Lines: one record per line, `text` required; id, title, date, source, url optional.

Records are split on "\\n" only (U+2028, U+0085 and the other characters `str.splitlines`
breaks on are valid inside a JSON string), and a UTF-8 file is decoded line by line, so
one undecodable line is one bad record, not a bad file.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator

from pipeline.ingest.decode import DecodeError, decode_bytes

OPTIONAL_FIELDS = ("id", "title", "date", "source", "url")

Line = tuple[int, "str | RecordError"]


class RecordError(ValueError):
    """A line that is not a usable record."""

    def __init__(self, error_type: str, message: str):
        super().__init__(message)
        self.error_type = error_type


def records(text: str) -> Iterator[tuple[int, dict | RecordError]]:
    """Yield (1-based line number, record dict or RecordError) for each non-blank line."""
    return parse(numbered_lines(text))


def decoded_records(data: bytes) -> tuple[Iterator[tuple[int, dict | RecordError]], str]:
    """(records, encoding) of a JSONL file's bytes. Raises DecodeError for a file that is not
    text at all (empty, binary, or in no supported encoding)."""
    lines, encoding = decode_lines(data)
    return parse(lines), encoding


def parse(lines: Iterator[Line]) -> Iterator[tuple[int, dict | RecordError]]:
    for number, line in lines:
        if isinstance(line, RecordError):
            yield number, line
        elif line.strip():
            yield number, _record(line)


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
