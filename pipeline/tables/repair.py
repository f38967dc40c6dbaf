"""`baokan repair OUT`: set damaged Parquet parts aside and make the output whole again.

The rows of a damaged part are lost. So that the next run restores them exactly once,
repair drops every row of the documents written by the run the part came from (from every
table), and writes a manifest rebuilt from what remains with no inputs recorded: the next
run reads every input again and processes just the dropped documents. Damaged parts are
moved to `_state/damaged/<table>/`, never deleted. Everything is one journaled commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.tables import derived, parts, state
from pipeline.tables.schemas import RUN_TABLES
from pipeline.tables.writer import TableWriter

DAMAGED = "damaged"


class NothingToRepair(Exception):
    """The directory holds no Baokan tables."""


@dataclass
class RepairReport:
    damaged: list[tuple[Path, str]]  # parts set aside, with why they could not be read
    dropped_documents: int  # documents the next run processes again
    manifest_problem: str | None  # what was wrong with the manifest, if anything


def repair(out: Path) -> RepairReport:
    """Verify every part (page checksums), set damaged ones aside, drop the documents of
    their runs and rebuild the manifest. Raises NothingToRepair, LockedError."""
    if not parts.published_parts(out):
        raise NothingToRepair(f"{out} holds no Baokan tables")
    lock = state.acquire_lock(out)
    try:
        state.recover(out)
        damaged = parts.damaged_parts(out, pages=True)
        problem, _ = state.read_manifest(out / state.STATE / state.MANIFEST)
        if damaged or problem:
            dropped = _repair(out, damaged)
        else:
            dropped = 0
        return RepairReport(damaged, dropped, problem)
    finally:
        state.release_lock(lock)


def _repair(out: Path, damaged: list[tuple[Path, str]]) -> int:
    repair_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-repair")
    staging = out / state.STAGING / repair_id
    lost = {part for part, _ in damaged}
    moves = [(part, out / state.STATE / DAMAGED / _table_of(out, part) / part.name) for part in lost]
    runs = {parts.part_run(part) for part in lost if _table_of(out, part) != "runs"}
    affected = _documents_of_runs(out, runs, lost)
    deletes: list[Path] = []
    for table, schema in RUN_TABLES.items():  # the derived tables are rebuilt, not repaired
        if "doc_id" in schema.names:
            for part in parts.table_parts(out, table):
                if part not in lost:
                    _drop_documents(part, schema, affected, staging / table, moves, deletes)
    documents, failed = parts.published_documents(out, lost)
    manifest = state.Manifest(documents={d: v for d, v in documents.items() if d not in affected},
                              failed_documents=failed - affected)
    manifest.dump(staging / state.MANIFEST)
    moves.append((staging / state.MANIFEST, out / state.STATE / state.MANIFEST))
    state.commit(out, repair_id, moves, deletes)
    state.recover(out)
    (out / state.STATE / derived.FINGERPRINT).unlink(missing_ok=True)  # next run rebuilds them
    return len(affected)


def _table_of(out: Path, part: Path) -> str:
    return part.relative_to(out).parts[0]


def _documents_of_runs(out: Path, runs: set[str | None], lost: set[Path]) -> set[str]:
    """doc_ids of every readable row written by `runs` (all runs if one is unknown)."""
    affected: set[str] = set()
    if not runs:
        return affected
    for table, schema in RUN_TABLES.items():
        if "doc_id" not in schema.names:
            continue
        data = parts.read(out, table, ["doc_id", "run_id"], lost)
        if None not in runs:
            data = data.filter(pc.is_in(data["run_id"], value_set=pa.array(sorted(runs))))
        affected.update(d for d in data["doc_id"].to_pylist() if d is not None)
    return affected


def _drop_documents(part: Path, schema: pa.Schema, doc_ids: set[str], staging: Path,
                    moves: list, deletes: list) -> None:
    """Stage a copy of `part` without the rows of `doc_ids`, if it holds any."""
    if not doc_ids:
        return
    data = pq.read_table(part, schema=schema)
    drop = pc.fill_null(pc.is_in(data["doc_id"], value_set=pa.array(sorted(doc_ids))), False)
    if not pc.any(drop).as_py():
        return
    rewritten = staging / f"{part.stem}-repaired.parquet"
    TableWriter.write_part(rewritten, data.filter(pc.invert(drop)))
    moves.append((rewritten, part.parent / rewritten.name))
    deletes.append(part)
