"""The published Parquet parts under `out`: find them, verify them, read what state needs.

Parts are written with page checksums (CRC32 per data page). `damaged_parts` finds parts
that cannot be read: a footer check (truncation, garbage; cheap, done by every run) or a
full read that verifies every page checksum (`baokan status`, `baokan repair`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from pipeline.tables.schemas import TABLES

# part-<run_id>-00001.parquet, rewritten parts add -r<run_id>; the rows are the first run's.
PART_RUN = re.compile(r"^part-(\d{8}T\d{6}Z-[0-9a-f]{6})-")


def table_parts(out: Path, table: str) -> list[Path]:
    """The part files of one table (any depth under out/<table>/, as readers glob them)."""
    folder = out / table
    return sorted(folder.rglob("*.parquet")) if folder.is_dir() else []


def published_parts(out: Path) -> dict[str, list[Path]]:
    """Table → part files, for the tables that have any."""
    found = {table: table_parts(out, table) for table in TABLES}
    return {table: files for table, files in found.items() if files}


def part_run(part: Path) -> str | None:
    """The run that wrote a part's rows, from its name."""
    match = PART_RUN.match(part.name)
    return match.group(1) if match else None


def verify(part: Path, pages: bool = True) -> str | None:
    """None for a readable part, else why not. `pages`: read it all, checking every page
    checksum (else only the footer)."""
    try:
        if pages:
            pq.read_table(part, page_checksum_verification=True)
        else:
            pq.ParquetFile(part).metadata  # noqa: B018 - reading the footer is the check
    except Exception as exc:  # noqa: BLE001 - any failure to read is damage
        return f"{type(exc).__name__}: {exc}"
    return None


def damaged_parts(out: Path, pages: bool = True) -> list[tuple[Path, str]]:
    """(part, reason) for every published part that cannot be read."""
    damaged = []
    for files in published_parts(out).values():
        for part in files:
            reason = verify(part, pages)
            if reason:
                damaged.append((part, reason))
    return damaged


def read(out: Path, table: str, columns: list[str], exclude: set[Path] = frozenset()) -> pa.Table:
    """Columns of one table from its parts (minus `exclude`), with the declared schema."""
    schema = TABLES[table]
    files = [str(p) for p in table_parts(out, table) if p not in exclude]
    if not files:
        return schema.empty_table().select(columns)
    return ds.dataset(files, schema=schema, format="parquet").to_table(columns=columns)


def published_documents(out: Path, exclude: set[Path] = frozenset()) -> tuple[dict[str, str], set[str]]:
    """What the tables say the manifest should: doc_id → processing version of the run that
    wrote it (\"unknown\" without its runs row), and the documents with nlp errors."""
    versions = {}
    for run_id, model_versions in zip(*read(out, "runs", ["run_id", "model_versions"], exclude)
                                      .to_pydict().values(), strict=True):
        versions[run_id] = dict(model_versions or []).get("processing", "unknown")
    documents = read(out, "documents", ["doc_id", "run_id"], exclude).to_pydict()
    doc_versions = {doc_id: versions.get(run_id, "unknown")
                    for doc_id, run_id in zip(documents["doc_id"], documents["run_id"], strict=True)}
    failed = {doc_id for doc_id in read(out, "errors", ["doc_id"], exclude).column("doc_id").to_pylist()
              if doc_id in doc_versions}
    return doc_versions, failed
