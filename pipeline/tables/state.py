"""Run state under `--out`: the lock, the input manifest and the crash-safe commit.

- `_state/lock` stops two runs on one output directory from interleaving. It is an
  advisory `flock` held for the whole run: the kernel drops it when the holder exits,
  however it dies, so there are no stale locks, no PID checks (PID reuse) and no race
  between two processes taking over one; the file itself stays and names the holder.
- `_state/manifest.json` records every input file (size, mtime and sha256 of the bytes
  read, errors rows) and every document with the processing version (Baokan version +
  fingerprint of models and lexicons) that wrote it, so a second run over the same inputs
  reads nothing it has already done. The published tables are the source of truth: a
  missing or unreadable manifest is rebuilt from them (`pipeline/tables/parts.py`).
- A commit is a journal of renames (new parts in, replaced parts out to the run's staging)
  written atomically before any is applied. Every directory it touches is checked writable
  first, and a rename that fails anyway undoes the ones before it, so readers see the old
  tables or the new ones. A run killed mid-commit is rolled forward by the next run; a run
  killed before its journal exists leaves only staging files, which are discarded.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import socket
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.nlp.settings import DEFAULT_SETTINGS, Settings
from pipeline.paths import RESOURCES
from pipeline.version import __version__, tree_digest

STATE = "_state"
STAGING = "_staging"
MANIFEST = "manifest.json"


class LockedError(RuntimeError):
    """Another live run holds the output directory."""


def processing_version(settings: Settings = DEFAULT_SETTINGS) -> str:
    """Baokan version + a fingerprint of the shipped models, lexicons and run settings."""
    return _processing_version(settings)


@lru_cache(maxsize=4)
def _processing_version(settings: Settings) -> str:
    """Computed once per process and settings (one cache entry whether or not the default
    settings are passed explicitly)."""
    from pipeline.nlp.language import model_versions

    parts = [*sorted(model_versions(settings).items()), ("resources", tree_digest(RESOURCES))]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:12]
    return f"{__version__}+{digest}"


@dataclass
class Manifest:
    """What has been published under `out`: inputs and documents with their versions.
    `failed_documents` are documents with nlp errors (reprocessed when their input is read
    again); `rebuilt` says why the manifest was rebuilt from the tables, if it was."""

    inputs: dict[str, dict] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    failed_documents: set[str] = field(default_factory=set)
    rebuilt: str | None = None

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The manifest of `out`; rebuilt from the published tables when it is missing,
        unreadable or malformed but tables exist (never trusted to be empty then)."""
        path = out / STATE / MANIFEST
        problem, data = read_manifest(path)
        if problem is None:
            return cls(inputs=data.get("inputs", {}), documents=data.get("documents", {}),
                       failed_documents=set(data.get("failed_documents", [])))
        from pipeline.tables import parts

        if not parts.published_parts(out):
            return cls()
        documents, failed = parts.published_documents(out)
        return cls(documents=documents, failed_documents=failed, rebuilt=problem)

    def dump(self, path: Path) -> None:
        data = {"format": 2, "inputs": self.inputs, "documents": self.documents,
                "failed_documents": sorted(self.failed_documents)}
        _write_atomic(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def outdated_documents(self, version: str) -> list[str]:
        return [doc_id for doc_id, seen in self.documents.items() if seen != version]


def read_manifest(path: Path) -> tuple[str | None, dict]:
    """(None, data) for a well-formed manifest, else (what is wrong, {})."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return f"{path} is missing", {}
    except (OSError, ValueError) as exc:
        return f"{path} is unreadable ({type(exc).__name__})", {}
    if not _well_formed(data):
        return f"{path} is malformed", {}
    return None, data


def _well_formed(data) -> bool:
    if not isinstance(data, dict):
        return False
    inputs, documents = data.get("inputs", {}), data.get("documents", {})
    failed = data.get("failed_documents", [])
    if not (isinstance(inputs, dict) and isinstance(documents, dict) and isinstance(failed, list)):
        return False
    integers = ("size", "mtime_ns")
    records_ok = all(
        isinstance(record, dict)
        and all(type(record.get(key)) is int for key in integers)
        and isinstance(record.get("sha256"), str | None)
        and type(record.get("errors", 0)) is int
        for record in inputs.values())
    return records_ok and all(isinstance(v, str) for v in documents.values()) \
        and all(isinstance(d, str) for d in failed)


def file_signature(path: Path) -> dict:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- lock -------------------------------------------------------------------------------

_HELD: dict[Path, int] = {}  # lock path → descriptor holding the flock


def acquire_lock(out: Path) -> Path:
    """Take `out/_state/lock` (a flock); raises LockedError while another process holds it."""
    lock = out / STATE / "lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise LockedError(f"{out} is locked by a running Baokan process ({_describe_holder(lock)})"
                          "; it is released when that process exits") from None
    holder = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(holder).encode(), 0)
    _HELD[lock] = fd
    return lock


def release_lock(lock: Path) -> None:
    """Release a lock taken by this process (the file stays: unlinking it would let two
    processes lock two different files)."""
    fd = _HELD.pop(lock, None)
    if fd is not None:
        os.ftruncate(fd, 0)
        os.close(fd)


def lock_holder(out: Path) -> dict | None:
    """Who holds the lock of `out` ({} if unknown), or None when it is free."""
    lock = out / STATE / "lock"
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return _lock_holder(lock) or {}
    finally:
        os.close(fd)
    return None


def _describe_holder(lock: Path) -> str:
    holder = _lock_holder(lock)
    if not holder:
        return "starting up"
    return f"pid {holder.get('pid')} on {holder.get('host')}"


def _lock_holder(lock: Path) -> dict | None:
    try:
        holder = json.loads(lock.read_text())
    except (OSError, ValueError):
        return None
    return holder if isinstance(holder, dict) else None


# --- commit journal ---------------------------------------------------------------------

def journal_path(out: Path, run_id: str) -> Path:
    return out / STATE / f"journal-{run_id}.json"


def commit(out: Path, run_id: str, moves: list[tuple[Path, Path]], deletes: list[Path]) -> None:
    """Publish atomically: check every directory involved, write the journal, apply it
    (undoing it if a rename fails), then remove it. `deletes` are moved out into the run's
    staging (removed with it), so they can be undone too."""
    trash = out / STAGING / run_id / "trash"
    renames = list(moves) + [(path, trash / path.parent.name / path.name) for path in deletes]
    _check_writable({folder for pair in renames for folder in (pair[0].parent, pair[1].parent)})
    journal = journal_path(out, run_id)
    data = {"moves": [[str(a), str(b)] for a, b in renames], "deletes": []}
    _write_atomic(journal, json.dumps(data).encode("utf-8"))
    _apply(journal, undo_on_failure=True)


def discard_staging(out: Path, run_id: str) -> None:
    """Remove what run `run_id` staged and did not publish."""
    shutil.rmtree(out / STAGING / run_id, ignore_errors=True)


def recover(out: Path) -> list[str]:
    """Roll forward interrupted commits and discard staging left by killed runs."""
    done = []
    state = out / STATE
    for journal in sorted(state.glob("journal-*.json")) if state.exists() else []:
        _apply(journal)
        done.append(journal.stem.removeprefix("journal-"))
    shutil.rmtree(out / STAGING, ignore_errors=True)
    return done


def _check_writable(folders: set[Path]) -> None:
    """Create each folder if needed and prove it accepts a new entry (OSError otherwise)."""
    for folder in sorted(folders):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".baokan-probe-"):
                pass
        except OSError as exc:
            raise OSError(exc.errno, f"cannot publish: {folder} is not writable "
                          f"({exc.strerror or exc}); nothing was changed") from exc


def _apply(journal: Path, undo_on_failure: bool = False) -> None:
    data = json.loads(journal.read_text())
    done: list[tuple[Path, Path]] = []
    try:
        for source, target in data["moves"]:
            source_path, target_path = Path(source), Path(target)
            if source_path.exists():
                target_path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source_path, target_path)
                done.append((source_path, target_path))
        for path in data.get("deletes", []):  # journals written before renames-only
            Path(path).unlink(missing_ok=True)
    except OSError:
        if undo_on_failure:
            _undo(done, journal)
        raise
    _fsync_dir(journal.parent)
    journal.unlink()


def _undo(done: list[tuple[Path, Path]], journal: Path) -> None:
    """Reverse applied renames; the journal goes only if every one was reversed (else the
    next run rolls it forward)."""
    try:
        for source, target in reversed(done):
            os.replace(target, source)
    except OSError:
        return
    journal.unlink(missing_ok=True)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
