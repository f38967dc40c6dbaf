"""Parquet output: one directory per table under `out`, zstd part files, staged then committed.

Part files are written under `out/_staging/<run_id>/` and moved into `out/<table>/` by
`commit()`, so readers never see a half-written file.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.tables.schemas import TABLES

STAGING = "_staging"


class TableWriter:
    """Buffers rows per table and writes them as Parquet part files."""

    def __init__(self, out: Path, run_id: str, rows_per_part: int = 50_000):
        self.out = out
        self.run_id = run_id
        self.rows_per_part = rows_per_part
        self.staging = out / STAGING / run_id
        self.buffers: dict[str, list[dict]] = {name: [] for name in TABLES}
        self.parts: dict[str, int] = dict.fromkeys(TABLES, 0)
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)

    def add(self, table: str, rows: list[dict]) -> None:
        buffer = self.buffers[table]
        buffer.extend(rows)
        self.counts[table] += len(rows)
        if len(buffer) >= self.rows_per_part:
            self.flush(table)

    def flush(self, table: str) -> None:
        rows = self.buffers[table]
        if not rows:
            return
        self._write(table, pa.Table.from_pylist(rows, schema=TABLES[table]))
        self.buffers[table] = []

    def commit(self) -> None:
        """Flush all buffers and move the staged parts into the table directories."""
        for table in TABLES:
            self.flush(table)
            if not any((self.out / table).glob("*.parquet")) and not self.parts[table]:
                self._write(table, TABLES[table].empty_table())
        for table in TABLES:
            target = self.out / table
            target.mkdir(parents=True, exist_ok=True)
            for part in sorted((self.staging / table).glob("*.parquet")):
                os.replace(part, target / part.name)
        shutil.rmtree(self.staging, ignore_errors=True)
        _remove_if_empty(self.out / STAGING)

    def _write(self, table: str, data: pa.Table) -> None:
        folder = self.staging / table
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"part-{self.run_id}-{self.parts[table]:05d}.parquet"
        pq.write_table(data, path, compression="zstd")
        self.parts[table] += 1


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass
