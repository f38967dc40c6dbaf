"""Parquet output: one directory per table under `out`, zstd part files.

Rows are buffered per table and written as part files (zstd, page checksums) under
`out/_staging/<run_id>/`. `publish()` moves them into `out/<table>/` through the commit
journal in `state.py`, together with rewritten parts that drop the older rows of
reprocessed documents and of inputs read again (their input-level errors rows), and the
new manifest, so a reader sees either the old tables or the new ones, and a document's
rows — and an input's errors — exist exactly once.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.tables import state
from pipeline.tables.schemas import RUN_TABLES as TABLES

# A table's buffer is written as a part file at this many rows or buffered characters of
# text, whichever comes first, so memory stays flat however large the archive.
ROWS_PER_PART = 10_000
CHARS_PER_PART = 1_000_000


class TableWriter:
    """Buffers rows per table and stages them as Parquet part files."""

    def __init__(self, out: Path, run_id: str):
        self.out = out
        self.run_id = run_id
        self.staging = out / state.STAGING / run_id
        self.buffers: dict[str, list[dict]] = {name: [] for name in TABLES}
        self.parts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self.buffered_chars: dict[str, int] = dict.fromkeys(TABLES, 0)

    def add(self, table: str, rows: list[dict]) -> None:
        buffer = self.buffers[table]
        buffer.extend(rows)
        self.counts[table] += len(rows)
        self.buffered_chars[table] += sum(len(row.get("text") or "") for row in rows)
        if len(buffer) >= ROWS_PER_PART or self.buffered_chars[table] >= CHARS_PER_PART:
            self.flush(table)

    def discard(self, table: str) -> None:
        """Drop the rows of `table` buffered or staged so far (not yet published)."""
        self.buffers[table] = []
        self.buffered_chars[table] = 0
        for part in (self.staging / table).glob("*.parquet"):
            part.unlink()

    @classmethod
    def publish_run_row(cls, out: Path, run_id: str, row: dict) -> None:
        """Commit one `runs` row alone, leaving every other table and the manifest as
        published (for a run whose own commit failed; its staging is discarded, and its
        journal, if one is left to roll forward, is not overwritten)."""
        state.discard_staging(out, run_id)
        writer = cls(out, f"{run_id}-failed")
        writer.add("runs", [row])
        writer.flush("runs")
        moves = [(part, out / "runs" / part.name)
                 for part in sorted((writer.staging / "runs").glob("*.parquet"))]
        state.commit(out, writer.run_id, moves, [])
        state.discard_staging(out, writer.run_id)

    def flush(self, table: str) -> None:
        rows = self.buffers[table]
        if rows:
            self._stage(table, pa.Table.from_pylist(rows, schema=TABLES[table]))
            self.buffers[table] = []
            self.buffered_chars[table] = 0

    def publish(self, manifest: state.Manifest, replaced_doc_ids: set[str],
                reread_inputs: set[str] = frozenset()) -> None:
        """Commit staged parts, drop older rows of `replaced_doc_ids` and the older errors
        rows of `reread_inputs` (source paths read again), and save the manifest."""
        for table in TABLES:
            self.flush(table)
            if not self.parts[table] and not any((self.out / table).glob("*.parquet")):
                self._stage(table, TABLES[table].empty_table())
        moves: list[tuple[Path, Path]] = []
        deletes: list[Path] = []
        if replaced_doc_ids or reread_inputs:
            self._drop_rows(replaced_doc_ids, reread_inputs, moves, deletes)
        for table in TABLES:
            for part in sorted((self.staging / table).glob("*.parquet")):
                moves.append((part, self.out / table / part.name))
        staged_manifest = self.staging / state.MANIFEST
        manifest.dump(staged_manifest)
        moves.append((staged_manifest, self.out / state.STATE / state.MANIFEST))
        state.commit(self.out, self.run_id, moves, deletes)
        state.recover(self.out)

    def _drop_rows(self, doc_ids: set[str], inputs: set[str], moves: list, deletes: list) -> None:
        """Stage filtered copies of published parts that hold older rows to drop: rows of
        `doc_ids`, and errors rows of `inputs` that belong to no document. Rows this run
        published at an earlier checkpoint are kept."""
        for table, schema in TABLES.items():
            if "doc_id" not in schema.names:
                continue
            for part in sorted((self.out / table).glob("*.parquet")):
                columns = ["doc_id", "run_id"] + (["source_path"] if table == "errors" else [])
                drop = self._rows_to_drop(pq.read_table(part, schema=schema, columns=columns),
                                          doc_ids, inputs)
                if drop is None:
                    continue
                data = pq.read_table(part, schema=schema, page_checksum_verification=True)
                rewritten = self.staging / table / f"{part.stem}-r{self.run_id}.parquet"
                self.write_part(rewritten, data.filter(pc.invert(drop)))
                moves.append((rewritten, self.out / table / rewritten.name))
                deletes.append(part)

    def _rows_to_drop(self, data: pa.Table, doc_ids: set[str], inputs: set[str]):
        """Boolean mask of the rows to drop, or None when there are none."""
        drop = pc.is_in(data["doc_id"], value_set=pa.array(sorted(doc_ids), pa.string()))
        if "source_path" in data.column_names and inputs:
            own = pc.and_(pc.is_null(data["doc_id"]),
                          pc.is_in(data["source_path"], value_set=pa.array(sorted(inputs), pa.string())))
            drop = pc.or_(drop, own)
        drop = pc.and_(pc.fill_null(drop, False), pc.not_equal(data["run_id"], self.run_id))
        return drop if pc.any(drop).as_py() else None

    def _stage(self, table: str, data: pa.Table) -> None:
        path = self.staging / table / f"part-{self.run_id}-{self.parts[table]:05d}.parquet"
        self.write_part(path, data)
        self.parts[table] += 1

    @staticmethod
    def write_part(path: Path, data: pa.Table) -> None:
        """Write one zstd Parquet part with page checksums, synced to disk."""
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(data, path, compression="zstd", write_page_checksum=True)
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
