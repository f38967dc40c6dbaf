"""The values ingest produces: a `Source` per readable input, an `IngestError` per failure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Error types that record a fix rather than a failure: the input was read.
NOTICE_TYPES = frozenset({"escaped_name"})


def escape_name(name: str) -> tuple[str, bool]:
    """(name storable as UTF-8, whether it had to change). Undecodable file-name bytes
    (surrogate escapes U+DC80–DCFF) become `\\xNN`, other lone surrogates `\\uXXXX`, and then
    every backslash is doubled, so the escape is reversible; valid names are unchanged."""
    try:
        name.encode("utf-8")
        return name, False
    except UnicodeEncodeError:
        pass
    parts = []
    for char in name:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            parts.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            parts.append(f"\\u{code:04x}")
        elif char == "\\":
            parts.append("\\\\")
        else:
            parts.append(char)
    return "".join(parts), True


@dataclass
class Source:
    """One document's raw material: where it came from, its text and its metadata."""

    path: str
    member: str | None
    text: str
    encoding: str | None
    raw_sha256: str
    published_date: date | None = None
    title: str | None = None
    source_name: str | None = None
    url: str | None = None
    record_id: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class IngestError:
    """A bad or unreadable input (or a notice about one); becomes a row of the `errors` table.
    `doc_id` is set for errors of one document (the nlp stage), None for the input's own."""

    source_path: str
    source_member: str | None
    stage: str
    error_type: str
    message: str
    doc_id: str | None = None

    @property
    def is_notice(self) -> bool:
        return self.error_type in NOTICE_TYPES
