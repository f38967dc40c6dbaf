"""Run state under `--out`: the lock, the input manifest and the crash-safe commit.

- `_state/lock` stops two runs on one output directory from interleaving; a lock left by a
  dead process on this host is detected as stale and taken over.
- `_state/manifest.json` records every input file (size, mtime, sha256) and every document
  with the processing version (Baokan version + fingerprint of models and lexicons) that
  wrote it, so a second run over the same inputs reads nothing it has already done.
- A commit is a journal of file moves and deletes written atomically before any of them is
  applied; a run killed mid-commit is rolled forward by the next run, a run killed before
  its journal exists leaves only staging files, which are discarded.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.nlp.settings import DEFAULT_SETTINGS, Settings

STATE = "_state"
STAGING = "_staging"
MANIFEST = "manifest.json"
REPO = Path(__file__).resolve().parents[2]


class LockedError(RuntimeError):
    """Another live run holds the output directory."""


def tree_digest(root: Path) -> str:
    """Short sha256 over the relative paths and contents of every file under `root`."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")) if root.exists() else []:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def processing_version(settings: Settings = DEFAULT_SETTINGS) -> str:
    """Baokan version + a fingerprint of the shipped models, lexicons and run settings."""
    return _processing_version(settings)


@lru_cache(maxsize=4)
def _processing_version(settings: Settings) -> str:
    """Computed once per process and settings (one cache entry whether or not the default
    settings are passed explicitly)."""
    import pipeline
    from pipeline.nlp.language import model_versions

    parts = [*sorted(model_versions(settings).items()), ("resources", tree_digest(REPO / "pipeline" / "resources"))]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:12]
    return f"{pipeline.__version__}+{digest}"


@dataclass
class Manifest:
    """What has been published under `out`: inputs and documents with their versions."""

    inputs: dict[str, dict] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, out: Path) -> Manifest:
        path = out / STATE / MANIFEST
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(inputs=data.get("inputs", {}), documents=data.get("documents", {}))

    def dump(self, path: Path) -> None:
        data = {"format": 1, "inputs": self.inputs, "documents": self.documents}
        _write_atomic(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))

    def outdated_documents(self, version: str) -> list[str]:
        return [doc_id for doc_id, seen in self.documents.items() if seen != version]


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

def acquire_lock(out: Path) -> Path:
    """Take `out/_state/lock`, replacing a stale one; raises LockedError if a run is live."""
    lock = out / STATE / "lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            holder = _lock_holder(lock)
            if holder is not None and _alive(holder):
                raise LockedError(
                    f"{out} is locked by a running Baokan process (pid {holder['pid']} on "
                    f"{holder['host']}); remove {lock} only if that process is gone"
                ) from None
            lock.unlink(missing_ok=True)
            continue
        with os.fdopen(fd, "w") as handle:
            json.dump({"pid": os.getpid(), "host": socket.gethostname()}, handle)
        return lock
    raise LockedError(f"could not take the lock {lock}")


def release_lock(lock: Path) -> None:
    lock.unlink(missing_ok=True)


def _lock_holder(lock: Path) -> dict | None:
    try:
        return json.loads(lock.read_text())
    except (OSError, ValueError):
        return None


def _alive(holder: dict) -> bool:
    if holder.get("host") != socket.gethostname():
        return True  # cannot check another host: assume it is running
    try:
        os.kill(int(holder["pid"]), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, ValueError, TypeError):
        return True
    return True


# --- commit journal ---------------------------------------------------------------------

def journal_path(out: Path, run_id: str) -> Path:
    return out / STATE / f"journal-{run_id}.json"


def commit(out: Path, run_id: str, moves: list[tuple[Path, Path]], deletes: list[Path]) -> None:
    """Publish atomically: write the journal, apply it, then remove it."""
    journal = journal_path(out, run_id)
    data = {"moves": [[str(a), str(b)] for a, b in moves], "deletes": [str(p) for p in deletes]}
    _write_atomic(journal, json.dumps(data).encode("utf-8"))
    _apply(journal)


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


def _apply(journal: Path) -> None:
    data = json.loads(journal.read_text())
    for source, target in data["moves"]:
        source_path, target_path = Path(source), Path(target)
        if source_path.exists():
            target_path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source_path, target_path)
    for path in data["deletes"]:
        Path(path).unlink(missing_ok=True)
    _fsync_dir(journal.parent)
    journal.unlink()


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
