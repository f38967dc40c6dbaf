"""Untrusted archives (.gz, .zip, .tar.gz): members are streamed into memory with a
decompressed-size limit; member names are only labels, never paths to write to."""

from __future__ import annotations

import gzip
import io
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

CHUNK = 1 << 20


class MemberError(Exception):
    """A member or the archive itself cannot be read."""

    def __init__(self, error_type: str, message: str, member: str | None = None):
        super().__init__(message)
        self.error_type = error_type
        self.member = member


Member = tuple[str, bytes]


def archive_kind(name: str) -> str | None:
    """'tar' | 'zip' | 'gzip' for archive file names, else None."""
    lower = name.lower()
    if lower.endswith((".tar.gz", ".tgz", ".tar")):
        return "tar"
    if lower.endswith(".zip"):
        return "zip"
    if lower.endswith(".gz"):
        return "gzip"
    return None


def iter_members(name: str, stream: BinaryIO, limit: int) -> Iterator[Member | MemberError]:
    """Yield (member name, bytes) or MemberError for each file in the archive `name`."""
    kind = archive_kind(name)
    try:
        if kind == "gzip":
            yield from _gzip_member(name, stream, limit)
        elif kind == "zip":
            yield from _zip_members(stream, limit)
        elif kind == "tar":
            yield from _tar_members(name, stream, limit)
    except (EOFError, OSError, zlib.error, tarfile.TarError, zipfile.BadZipFile) as exc:
        yield MemberError("corrupt_archive", f"{type(exc).__name__}: {exc}")


def read_limited(stream: BinaryIO, limit: int, member: str) -> bytes | MemberError:
    """Read at most `limit` bytes; a longer stream is refused as a decompression bomb."""
    buffer = io.BytesIO()
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - buffer.tell()))
        if not chunk:
            return buffer.getvalue()
        buffer.write(chunk)
        if buffer.tell() > limit:
            return MemberError(
                "size_limit", f"decompressed size exceeds the limit of {limit:,} bytes", member
            )


def _gzip_member(name: str, stream: BinaryIO, limit: int) -> Iterator[Member | MemberError]:
    inner = name[: -len(".gz")] if name.lower().endswith(".gz") else name
    with gzip.GzipFile(fileobj=stream) as handle:
        data = read_limited(handle, limit, inner)
    yield data if isinstance(data, MemberError) else (inner, data)


def _zip_members(stream: BinaryIO, limit: int) -> Iterator[Member | MemberError]:
    with zipfile.ZipFile(stream) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            if info.file_size > limit:
                yield MemberError(
                    "size_limit", f"declared size {info.file_size:,} exceeds the limit", info.filename
                )
                continue
            try:
                with archive.open(info) as handle:
                    data = read_limited(handle, limit, info.filename)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as exc:
                data = MemberError("corrupt_member", f"{type(exc).__name__}: {exc}", info.filename)
            yield data if isinstance(data, MemberError) else (info.filename, data)


def _tar_members(name: str, stream: BinaryIO, limit: int) -> Iterator[Member | MemberError]:
    mode = "r|gz" if name.lower().endswith((".gz", ".tgz")) else "r|"
    with tarfile.open(fileobj=stream, mode=mode) as archive:
        for info in archive:
            if not info.isfile():
                continue
            if info.size > limit:
                yield MemberError("size_limit", f"size {info.size:,} exceeds the limit", info.name)
                continue
            handle = archive.extractfile(info)
            if handle is None:
                continue
            data = read_limited(handle, limit, info.name)
            yield data if isinstance(data, MemberError) else (info.name, data)
