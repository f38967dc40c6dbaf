"""Untrusted archives (.gz, .zip, .tar.gz): members are streamed into memory with a
decompressed-size limit; member names are only labels, never paths to write to.

Every member that is not read becomes a MemberError (oversized, not a regular file,
corrupt); only directories are skipped silently. Any exception a decompressor or archive
parser raises on bad data (zlib, LZMA, bzip2, struct, Unicode, …) is a MemberError too.
A tar stream cannot seek, so an oversized member is drained, not skipped: a header that
declares more data than the stream holds ends the archive at the real end of its data.
"""

from __future__ import annotations

import gzip
import io
import stat
import tarfile
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

CHUNK = 1 << 20
# Bytes of oversized tar members drained per archive, as a multiple of the member limit;
# beyond it the rest of the archive is not read (a bomb of one huge compressible member).
DRAIN_FACTOR = 10


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
    except Exception as exc:  # noqa: BLE001 - any parser failure on untrusted bytes is a row
        yield MemberError("corrupt_archive", _describe(exc))


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


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


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
            if stat.S_ISLNK(info.external_attr >> 16):
                yield MemberError("unsupported", "archive member is a symlink, not read",
                                  info.filename)
                continue
            if info.file_size > limit:
                yield MemberError(
                    "size_limit", f"declared size {info.file_size:,} exceeds the limit", info.filename
                )
                continue
            try:
                with archive.open(info) as handle:
                    data = read_limited(handle, limit, info.filename)
            except Exception as exc:  # noqa: BLE001 - a corrupt member, the others are read
                data = MemberError("corrupt_member", _describe(exc), info.filename)
            yield data if isinstance(data, MemberError) else (info.filename, data)


def _tar_members(name: str, stream: BinaryIO, limit: int) -> Iterator[Member | MemberError]:
    mode = "r|gz" if name.lower().endswith((".gz", ".tgz")) else "r|"
    drain_budget = DRAIN_FACTOR * limit
    with tarfile.open(fileobj=stream, mode=mode) as archive:
        for info in archive:
            if info.isdir():
                continue
            if not info.isfile():
                yield MemberError("unsupported", f"archive member is a {_tar_kind(info)}, not read",
                                  info.name)
                continue
            handle = archive.extractfile(info)
            if info.size <= limit and handle is not None:
                data = read_limited(handle, limit, info.name)
                yield data if isinstance(data, MemberError) else (info.name, data)
                continue
            yield MemberError("size_limit", f"size {info.size:,} exceeds the limit", info.name)
            drain_budget -= _drain(handle, drain_budget)
            if drain_budget < 0:
                yield MemberError("size_limit", "oversized members exceed the archive's drain "
                                  f"limit of {DRAIN_FACTOR * limit:,} bytes; rest not read")
                return


def _drain(handle: BinaryIO | None, budget: int) -> int:
    """Read and discard a member (the only way past it in a tar stream): at most budget + 1
    bytes; a header that declares more than the stream holds raises tarfile.ReadError."""
    drained = 0
    while handle is not None and drained <= budget:
        chunk = handle.read(min(CHUNK, budget + 1 - drained))
        if not chunk:
            break
        drained += len(chunk)
    return drained


def _tar_kind(info: tarfile.TarInfo) -> str:
    if info.issym():
        return "symlink"
    if info.islnk():
        return "hard link"
    if info.isfifo():
        return "fifo"
    if info.ischr() or info.isblk():
        return "device"
    return "special file"
