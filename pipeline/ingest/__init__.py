"""Ingest: input paths → `Source` values (or `IngestError`s); nothing here is fatal."""

from __future__ import annotations

import fnmatch
import hashlib
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.ingest import html, jsonl
from pipeline.ingest.archives import MemberError, archive_kind, iter_members
from pipeline.ingest.dates import date_from_path, parse_date
from pipeline.ingest.decode import DecodeError, decode_bytes
from pipeline.ingest.source import IngestError, Source

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
MAX_NESTING = 2
DEFAULT_MEMBER_LIMIT = 200_000_000

Item = Source | IngestError

__all__ = ["IngestError", "Source", "iter_sources", "expand_inputs", "is_supported"]


def is_supported(name: str) -> bool:
    """Whether Baokan has a reader for a file of this name."""
    lower = name.lower()
    return lower.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES) or bool(
        archive_kind(lower)
    )


def expand_inputs(inputs: Iterable[Path], pattern: str = "*") -> Iterator[Path]:
    """Files named directly, plus supported files under directories (recursive, sorted)."""
    for path in inputs:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and fnmatch.fnmatch(child.name, pattern):
                    if is_supported(child.name):
                        yield child
        else:
            yield path


def iter_sources(files: Iterable[Path], member_limit: int = DEFAULT_MEMBER_LIMIT,
                 fields: jsonl.Fields = jsonl.DEFAULT_FIELDS) -> Iterator[Item]:
    """Read every file (and archive member) into Sources, reporting failures as IngestErrors.
    `fields` names the JSONL record fields (`--text-field` …)."""
    for path in files:
        label = str(path)
        if not is_supported(path.name):
            yield IngestError(label, None, "ingest", "unsupported", "no reader for this file type")
            continue
        try:
            if archive_kind(path.name):
                with path.open("rb") as stream:
                    yield from _archive(label, None, path.name, stream, member_limit, 0, fields)
            else:
                yield from read_bytes(label, None, path.name, path.read_bytes(), member_limit, 0,
                                      fields)
        except OSError as exc:
            yield IngestError(label, None, "ingest", "unreadable", f"{type(exc).__name__}: {exc}")


def read_bytes(
    path: str, member: str | None, name: str, data: bytes, limit: int, depth: int,
    fields: jsonl.Fields = jsonl.DEFAULT_FIELDS,
) -> Iterator[Item]:
    """Dispatch one file's bytes to the reader its name calls for."""
    lower = name.lower()
    if archive_kind(lower):
        yield from _archive(path, member, name, io.BytesIO(data), limit, depth, fields)
    elif lower.endswith(JSONL_SUFFIXES):
        yield from _jsonl(path, member, data, fields)
    elif lower.endswith(HTML_SUFFIXES):
        yield from _html(path, member, data)
    elif lower.endswith(TEXT_SUFFIXES):
        yield from _text(path, member, data)
    else:
        yield IngestError(path, member, "ingest", "unsupported", f"no reader for {name!r}")


def _archive(path: str, member: str | None, name: str, stream, limit: int, depth: int,
             fields: jsonl.Fields = jsonl.DEFAULT_FIELDS):
    if depth >= MAX_NESTING:
        yield IngestError(path, member, "ingest", "nesting_limit", "archive nested too deeply")
        return
    found = False
    for item in iter_members(name, stream, limit):
        found = True
        if isinstance(item, MemberError):
            inner = _join(member, item.member)
            yield IngestError(path, inner, "ingest", item.error_type, str(item))
            continue
        inner_name, data = item
        if is_supported(inner_name):
            yield from read_bytes(path, _join(member, inner_name), inner_name, data, limit,
                                  depth + 1, fields)
    if not found and archive_kind(name) != "gzip":
        yield IngestError(path, member, "ingest", "empty_archive", "archive holds no readable file")


def _join(outer: str | None, inner: str | None) -> str | None:
    if outer and inner:
        return f"{outer}/{inner}"
    return inner or outer


def _decode(path: str, member: str | None, data: bytes) -> tuple[str, str] | IngestError:
    try:
        return decode_bytes(data)
    except DecodeError as exc:
        return IngestError(path, member, "decode", exc.error_type, str(exc))


def _text(path: str, member: str | None, data: bytes) -> Iterator[Item]:
    decoded = _decode(path, member, data)
    if isinstance(decoded, IngestError):
        yield decoded
        return
    text, encoding = decoded
    yield Source(path, member, text, encoding, _sha(data), _path_date(path, member))


def _html(path: str, member: str | None, data: bytes) -> Iterator[Item]:
    declared = html.declared_charset(data)
    decoded = _decode_declared(data, declared) if declared else None
    decoded = decoded or _decode(path, member, data)
    if isinstance(decoded, IngestError):
        yield decoded
        return
    page, encoding = decoded
    text, meta = html.extract(page)
    if not text.strip():
        yield IngestError(path, member, "parse", "no_article", "no article text found in the page")
        return
    published = parse_date(meta.get("date")) or _path_date(path, member)
    yield Source(path, member, text, encoding, _sha(data), published, meta.get("title"),
                 meta.get("source"), meta.get("url"))


def _decode_declared(data: bytes, charset: str) -> tuple[str, str] | None:
    try:
        return data.decode("gb18030" if charset in ("gb2312", "gbk") else charset), charset
    except (LookupError, UnicodeDecodeError):
        return None


def _jsonl(path: str, member: str | None, data: bytes, fields: jsonl.Fields) -> Iterator[Item]:
    decoded = _decode(path, member, data)
    if isinstance(decoded, IngestError):
        yield decoded
        return
    text, encoding = decoded
    for number, record in jsonl.records(text, fields):
        where = _join(member, f"line {number}")
        if isinstance(record, jsonl.RecordError):
            yield IngestError(path, where, "parse", record.error_type, str(record))
            continue
        raw = record["text"].encode("utf-8")
        published = parse_date(record.get("date")) or _path_date(path, member)
        extra = {"text_field": record["text_field"]} if "text_field" in record else {}
        yield Source(path, where, record["text"], encoding, _sha(raw), published,
                     record.get("title"), record.get("source"), record.get("url"), record.get("id"),
                     extra)


def _path_date(path: str, member: str | None):
    return date_from_path(f"{path}/{member or ''}")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
