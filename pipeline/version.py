"""Baokan's version and the content fingerprints that tell one model or lexicon set from another."""

from __future__ import annotations

import hashlib
from pathlib import Path

__version__ = "0.1.0"


def tree_digest(root: Path) -> str:
    """Short sha256 over the relative paths and contents of every file under `root`."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")) if root.exists() else []:
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
