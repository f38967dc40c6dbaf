"""`baokan status`: what an output directory holds — runs, tables, months, errors, versions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from pipeline.analysis import is_output, to_frame
from pipeline.report import count, stdout_console
from pipeline.tables import parts, state
from pipeline.tables.schemas import TABLES

STAGING = "_staging"  # parts of a run not yet published (pipeline/tables/state.py)
STATE = "_state"  # lock, manifest and commit journals


class NotAnOutput(Exception):
    """The directory is missing or holds no Baokan tables."""


@dataclass
class Status:
    """Everything `baokan status` reports about one output directory."""

    out: Path
    runs: pd.DataFrame
    table_rows: dict[str, int]
    table_bytes: dict[str, int]
    months: pd.Series  # "2025-11" (or "unknown date") → documents
    errors: pd.DataFrame  # stage, error_type, count, example
    model_versions: dict[str, str]  # name → version in the latest run
    version_changes: dict[str, list[str]] = field(default_factory=dict)  # name → versions seen
    staged_runs: list[str] = field(default_factory=list)  # run dirs left in _staging
    locked: bool = False  # a run holds _state/lock
    manifest: dict = field(default_factory=dict)  # tracked inputs, documents, versions
    damaged: list[tuple[Path, str]] = field(default_factory=list)  # unreadable parts, why
    manifest_problem: str | None = None  # missing or malformed manifest (rebuilt by a run)


def collect(out: Path | str) -> Status:
    """Read the metadata, runs, dates and errors of `out`."""
    out = Path(out)
    if not out.exists():
        raise NotAnOutput(f"{out} does not exist")
    if not out.is_dir():
        raise NotAnOutput(f"{out} is a file, not a Baokan output directory")
    if not is_output(out):
        raise NotAnOutput(
            f"{out} is not a Baokan output directory (no documents/ or runs/ tables); "
            f"create one with: baokan run INPUTS --out {out}"
        )
    damaged = parts.damaged_parts(out, pages=True)
    lost = {part for part, _ in damaged}
    runs = to_frame(parts.read(out, "runs", TABLES["runs"].names, lost), "runs")
    runs = runs.sort_values("started_at", ignore_index=True)
    latest, changes = _versions(runs)
    files = {table: [f for f in parts.table_parts(out, table) if f not in lost] for table in TABLES}
    return Status(
        out=out,
        runs=runs,
        table_rows={t: sum(pq.ParquetFile(f).metadata.num_rows for f in fs) for t, fs in files.items()},
        table_bytes={t: sum(f.stat().st_size for f in fs) for t, fs in files.items()},
        months=_months(out, lost),
        errors=_errors(out, lost),
        model_versions=latest,
        version_changes=changes,
        staged_runs=sorted(p.name for p in (out / STAGING).glob("*") if p.is_dir()),
        locked=state.lock_holder(out) is not None,
        manifest=_manifest(out),
        damaged=damaged,
        manifest_problem=state.read_manifest(out / STATE / state.MANIFEST)[0],
    )


def _manifest(out: Path) -> dict:
    """Summary of `_state/manifest.json` (incremental runs): inputs, documents, versions."""
    path = out / STATE / "manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    documents = data.get("documents") or {}
    versions = pd.Series(list(documents.values()), dtype=object).value_counts()
    return {"inputs": len(data.get("inputs") or {}), "documents": len(documents),
            "processing_versions": {str(k): int(v) for k, v in versions.items()}}


def _months(out: Path, lost: set[Path]) -> pd.Series:
    dates = to_frame(parts.read(out, "documents", ["published_date"], lost), "documents")
    months = dates["published_date"].dt.strftime("%Y-%m").fillna("unknown date")
    counts = months.value_counts().sort_index()
    counts.index.name, counts.name = "month", "documents"
    return counts


def _errors(out: Path, lost: set[Path]) -> pd.DataFrame:
    data = parts.read(out, "errors", ["stage", "error_type", "source_path"], lost).to_pandas()
    if data.empty:
        return pd.DataFrame(columns=["stage", "error_type", "count", "example"])
    grouped = data.groupby(["stage", "error_type"], sort=True)
    return (
        grouped.agg(count=("source_path", "size"), example=("source_path", "first"))
        .reset_index().sort_values("count", ascending=False, ignore_index=True)
    )


def _versions(runs: pd.DataFrame) -> tuple[dict[str, str], dict[str, list[str]]]:
    seen: dict[str, list[str]] = {}
    latest: dict[str, str] = {}
    for versions in runs["model_versions"]:
        for name, version in (versions or {}).items():
            if version not in seen.setdefault(name, []):
                seen[name].append(version)
        latest = dict(versions or {})
    return latest, {name: vs for name, vs in seen.items() if len(vs) > 1}


def render(status: Status, console: Console | None = None) -> None:
    """Print the status report."""
    console = console or stdout_console()
    n_docs = status.table_rows.get("documents", 0)
    console.print(Text.assemble(("Baokan output", "bold"), f" {status.out} · runs "
                                f"{count(len(status.runs))} · documents {count(n_docs)} · "
                                f"{_size(sum(status.table_bytes.values()))}"))
    console.print(_runs_table(status.runs))
    console.print(_tables_table(status))
    console.print(_months_table(status.months))
    if status.errors.empty:
        console.print("[green]errors: none[/]")
    else:
        console.print(_errors_table(status.errors))
    console.print(_versions_table(status))
    if status.manifest:
        versions = ", ".join(f"{v} ({count(n)} docs)" for v, n in
                             status.manifest["processing_versions"].items()) or "none"
        console.print(f"manifest: {count(status.manifest['inputs'])} input files, "
                      f"{count(status.manifest['documents'])} documents; processing versions: "
                      f"{versions}", markup=False)
    if status.locked:
        console.print(f"[yellow]note[/]: a run holds {STATE}/lock — it may be writing now")
    if status.manifest_problem:
        console.print(f"[yellow]warning[/]: {escape(status.manifest_problem)}; the next run rebuilds it "
                      "from the tables (or run `baokan repair`)")
    if status.damaged:
        console.print(f"[red]damaged[/]: {len(status.damaged)} Parquet part(s) cannot be read "
                      "(left out above). `baokan repair "
                      f"{escape(str(status.out))}` sets them aside and the next run processes their "
                      "documents again; until then a run refuses to start on a part whose "
                      "footer is unreadable:")
        for part, reason in status.damaged:
            console.print(f"  {part.relative_to(status.out)}: {reason}", soft_wrap=True, markup=False)
    for run_id in status.staged_runs:
        console.print(f"[yellow]warning[/]: {STAGING}/{run_id} holds parts of an unfinished run "
                      "(not visible in the tables)")


def _runs_table(runs: pd.DataFrame) -> Table:
    """One line per run; the run_id starts with its UTC start time (20251107T093000Z-…)."""
    table = Table(title="runs", title_justify="left", box=None, header_style="bold",
                  padding=(0, 1, 0, 0))
    table.add_column("run_id", no_wrap=True)
    table.add_column("secs", justify="right", min_width=4)
    table.add_column("status", min_width=6)
    for name in ("version", "inputs", "docs", "articles", "sents", "errors"):
        table.add_column(name, justify="right", min_width=len(name))
    for run in runs.itertuples(index=False):
        seconds = (run.finished_at - run.started_at).total_seconds() \
            if pd.notna(run.finished_at) else float("nan")
        colour = {"ok": "green", "partial": "yellow"}.get(str(run.status), "red")
        table.add_row(run.run_id, f"{seconds:.1f}", Text(str(run.status), style=colour),
                      run.pipeline_version, count(run.n_inputs), count(run.n_documents),
                      count(run.n_articles), count(run.n_sentences), count(run.n_errors))
    return table


def _tables_table(status: Status) -> Table:
    table = Table(title="tables", title_justify="left", box=None, header_style="bold")
    table.add_column("table")
    table.add_column("rows", justify="right")
    table.add_column("size", justify="right")
    for name in TABLES:
        table.add_row(name, count(status.table_rows[name]), _size(status.table_bytes[name]))
    return table


def _months_table(months: pd.Series) -> Table:
    table = Table(title="documents per month (published_date)", title_justify="left", box=None,
                  header_style="bold")
    table.add_column("month")
    table.add_column("documents", justify="right")
    for month, documents in months.items():
        table.add_row(str(month), count(documents))
    return table


def _errors_table(errors: pd.DataFrame) -> Table:
    table = Table(title=f"errors ({count(errors['count'].sum())})", title_justify="left", box=None,
                  header_style="bold")
    for name in ("stage", "error_type", "count", "example"):
        table.add_column(name, justify="right" if name == "count" else "left", overflow="fold")
    for row in errors.itertuples(index=False):
        table.add_row(str(row.stage), str(row.error_type), count(row.count), Text(str(row.example)))
    return table


def _versions_table(status: Status) -> Table:
    table = Table(title="model versions (latest run)", title_justify="left", box=None,
                  header_style="bold")
    table.add_column("model")
    table.add_column("version")
    table.add_column("earlier runs")
    for name, version in status.model_versions.items():
        earlier = [v for v in status.version_changes.get(name, []) if v != version]
        table.add_row(name, version, Text(", ".join(earlier)))
    return table


def _size(n_bytes: int) -> str:
    size = float(n_bytes)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"
