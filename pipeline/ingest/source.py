"""The values ingest produces: a `Source` per readable input, an `IngestError` per failure."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


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
    """A bad or unreadable input; becomes a row of the `errors` table."""

    source_path: str
    source_member: str | None
    stage: str
    error_type: str
    message: str
