"""Ingest: input paths → `Source` values (or `IngestError`s); nothing here is fatal.

Only regular files are opened (a FIFO, a device or a symlink to one is an `unsupported`
row, never opened), each is read once through one file descriptor, and `InputFile.read`
then says what that read saw: the size and mtime at open and the sha256 of the bytes read.
Names that are not valid UTF-8 (file and member names, JSON strings with lone surrogates)
are stored with a lossless escape (`escape_name`) and an `escaped_name` notice.
"""

from __future__ import annotations

import fnmatch
import hashlib
import io
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pipeline.ingest import html, jsonl
from pipeline.ingest.archives import MemberError, archive_kind, iter_members
from pipeline.ingest.dates import date_from_path, parse_date
from pipeline.ingest.decode import DecodeError, decode_bytes
from pipeline.ingest.source import NOTICE_TYPES, IngestError, Source, escape_name

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
MAX_NESTING = 2
DEFAULT_MEMBER_LIMIT = 200_000_000
CHUNK = 1 << 20

Item = Source | IngestError

__all__ = ["IngestError", "Source", "InputFile", "FileRead", "NOTICE_TYPES", "escape_name",
           "iter_sources", "expand_inputs", "is_supported"]


def is_supported(name: str) -> bool:
    """Whether Baokan has a reader for a file of this name."""
    lower = name.lower()
    return lower.endswith(TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES) or bool(
        archive_kind(lower)
    )


def expand_inputs(inputs: Iterable[Path], pattern: str = "*") -> Iterator[Path]:
    """Files named directly, plus supported names under directories (recursive, sorted;
    hidden names and symlinked directories are not followed). Every non-directory with a
    matching name is yielded, so a FIFO or a broken link is reported by `InputFile`, and so
    is a subdirectory that cannot be listed."""
    for path in inputs:
        if path.is_dir():
            yield from sorted(_walk(path, pattern))
        else:
            yield path


def _walk(root: Path, pattern: str) -> Iterator[Path]:
    failed: list[OSError] = []
    for folder, dirs, names in os.walk(root, onerror=failed.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and fnmatch.fnmatch(name, pattern) and is_supported(name):
                yield Path(folder) / name
    for error in failed:
        yield Path(error.filename)


def iter_sources(files: Iterable[Path], member_limit: int = DEFAULT_MEMBER_LIMIT,
                 fields: jsonl.Fields = jsonl.DEFAULT_FIELDS) -> Iterator[Item]:
    """Read every file (and archive member) into Sources, reporting failures as IngestErrors.
    `fields` names the JSONL record fields (`--text-field` …)."""
    for path in files:
        yield from InputFile(path, member_limit, fields)


@dataclass(frozen=True)
class FileRead:
    """What one read of an input saw: size and mtime of the opened file before reading, and
    the sha256 of exactly the bytes read (None when the read failed or the file changed)."""

    size: int
    mtime_ns: int
    sha256: str | None


class InputFile:
    """One input file: iterate for its Sources and IngestErrors; afterwards `read` holds the
    FileRead of that single read (None if the file could not be opened)."""

    def __init__(self, path: Path, member_limit: int = DEFAULT_MEMBER_LIMIT,
                 fields: jsonl.Fields = jsonl.DEFAULT_FIELDS):
        self.path = path
        self.limit = member_limit
        self.fields = fields
        self.label, escaped = escape_name(str(path))
        self.read: FileRead | None = None
        self._escaped = escaped

    def __iter__(self) -> Iterator[Item]:
        if self._escaped:
            yield _escaped_notice(self.label, None)
        if self.path.is_dir():
            yield self._error("unreadable", "directory cannot be listed: its files are not read")
            return
        if not is_supported(self.path.name):
            yield self._error("unsupported", "no reader for this file type")
            return
        try:
            yield from self._open_and_read()
        except FileNotFoundError as exc:
            yield self._error("missing", f"{type(exc).__name__}: {exc.strerror}")
        except OSError as exc:
            yield self._error("unreadable",
                              f"{type(exc).__name__}: [Errno {exc.errno}] {exc.strerror or exc}")

    def _error(self, error_type: str, message: str) -> IngestError:
        return IngestError(self.label, None, "ingest", error_type, message)

    def _open_and_read(self) -> Iterator[Item]:
        kind = _not_regular(os.stat(self.path).st_mode)  # follows symlinks; opens nothing
        if kind:
            yield self._error("unsupported", f"not a regular file ({kind}): not read")
            return
        fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as handle:
            before = os.fstat(fd)
            kind = _not_regular(before.st_mode)  # replaced since the stat
            if kind:
                yield self._error("unsupported", f"not a regular file ({kind}): not read")
                return
            self.read = FileRead(before.st_size, before.st_mtime_ns, None)
            if archive_kind(self.path.name):
                items, digest = self._archive(handle)
                yield from items
            else:
                data = handle.read(self.limit + 1)
                digest = hashlib.sha256(data)
                if len(data) > self.limit:
                    yield self._error("size_limit", f"file exceeds the limit of {self.limit:,} bytes")
                    return
                yield from read_bytes(self.label, None, self.path.name, data, self.limit, 0,
                                      self.fields)
            after = os.fstat(fd)
        if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
            yield self._error("changed_during_read", "the file changed while it was read; "
                              "it is read again by the next run")
            return
        self.read = FileRead(before.st_size, before.st_mtime_ns, digest.hexdigest())

    def _archive(self, handle: BinaryIO):
        """Hash the archive in one pass, then read its members from the same descriptor."""
        digest = hashlib.sha256()
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
        handle.seek(0)
        items = _archive(self.label, None, self.path.name, handle, self.limit, 0, self.fields)
        return items, digest


def _not_regular(mode: int) -> str | None:
    """None for a regular file, else what it is."""
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISFIFO, "fifo"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISDIR, "directory")):
        if test(mode):
            return name
    return "special file"


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
            inner = _member_label(path, member, item.member)
            yield IngestError(path, inner[0], "ingest", item.error_type, str(item))
            continue
        inner_name, data = item
        inner, notice = _member_label(path, member, inner_name)
        if notice:
            yield notice
        if is_supported(inner_name):
            yield from read_bytes(path, inner, inner_name, data, limit, depth + 1, fields)
        else:
            yield IngestError(path, inner, "ingest", "unsupported",
                              f"no reader for archive member {inner_name!r}: not read")
    if not found and archive_kind(name) != "gzip":
        yield IngestError(path, member, "ingest", "empty_archive", "archive holds no readable file")


def _member_label(path: str, outer: str | None, inner: str | None) -> tuple[str | None, IngestError | None]:
    """The escaped `outer/inner` member label, and a notice if escaping changed it."""
    label, escaped = escape_name(inner) if inner else (inner, False)
    joined = _join(outer, label)
    return joined, _escaped_notice(path, joined) if escaped else None


def _escaped_notice(path: str, member: str | None) -> IngestError:
    return IngestError(path, member, "ingest", "escaped_name",
                       "a name is not valid UTF-8: stored with \\xNN for each undecodable byte, "
                       "\\uXXXX for each lone surrogate and \\\\ for each backslash")


def _join(outer: str | None, inner: str | None) -> str | None:
    if outer and inner:
        return f"{outer}/{inner}"
    return inner or outer


def _decode(path: str, member: str | None, data: bytes,
            declared: str | None = None) -> tuple[str, str] | IngestError:
    try:
        return decode_bytes(data, declared)
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
    decoded = _decode(path, member, data, html.declared_charset(data))
    if isinstance(decoded, IngestError):
        yield decoded
        return
    page, encoding = decoded
    try:
        text, meta = html.extract(page)
    except html.TooDeep as exc:
        yield IngestError(path, member, "parse", "too_deep", str(exc))
        return
    if not text.strip():
        yield IngestError(path, member, "parse", "no_article", "no article text found in the page")
        return
    published = parse_date(meta.get("date")) or _path_date(path, member)
    yield Source(path, member, text, encoding, _sha(data), published, meta.get("title"),
                 meta.get("source"), meta.get("url"))


def _jsonl(path: str, member: str | None, data: bytes, fields: jsonl.Fields) -> Iterator[Item]:
    try:
        records, encoding = jsonl.decoded_records(data, fields)
    except DecodeError as exc:
        yield IngestError(path, member, "decode", exc.error_type, str(exc))
        return
    for number, record in records:
        where = _join(member, f"line {number}")
        if isinstance(record, jsonl.RecordError):
            stage = "decode" if record.error_type in ("undecodable", "binary") else "parse"
            yield IngestError(path, where, stage, record.error_type, str(record))
            continue
        meta = {key: record.get(key) for key in ("title", "source", "url", "id")}
        escaped = {key: escape_name(value) for key, value in meta.items() if value is not None}
        if any(changed for _, changed in escaped.values()):
            yield _escaped_notice(path, where)
        meta.update({key: value for key, (value, _) in escaped.items()})
        raw = record["text"].encode("utf-8", "surrogatepass")
        published = parse_date(record.get("date")) or _path_date(path, member)
        extra = {"text_field": record["text_field"]} if "text_field" in record else {}
        yield Source(path, where, record["text"], encoding, _sha(raw), published,
                     meta["title"], meta["source"], meta["url"], meta["id"], extra)


def _path_date(path: str, member: str | None):
    return date_from_path(f"{path}/{member or ''}")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
