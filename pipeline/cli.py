"""The `baokan` command line (typer). Exit codes: 0 ok, 1 usage error, 2 some inputs failed, 3 locked."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(help="Baokan: information extraction for Chinese newspaper archives.",
                  no_args_is_help=True, add_completion=False)
train_app = typer.Typer(help="Train the models shipped in models/.", no_args_is_help=True)
evaluate_app = typer.Typer(help="Measure quality and speed; prints numbers.", no_args_is_help=True)
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")


@app.command()
def run(
    inputs: list[Path] = typer.Argument(..., help="Files, directories or archives to process."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output directory for the tables."),
    glob: str = typer.Option("*", "--glob", help="File name pattern when walking directories."),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes (0: all cores)."),
    engine: str = typer.Option("local", "--engine", help="local (process pool) or dask."),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler, tcp://HOST:PORT."),
    reprocess: bool = typer.Option(
        False, "--reprocess", help="Reprocess documents written by an older pipeline/model version."
    ),
    batch_size: int = typer.Option(16, "--batch-size", help="Documents per work unit."),
    checkpoint_docs: int = typer.Option(
        20_000, "--checkpoint-docs", envvar="BAOKAN_CHECKPOINT_DOCS",
        help="Publish tables every N documents, so a killed run keeps its work.",
    ),
    max_member_bytes: int = typer.Option(
        200_000_000, "--max-member-bytes", help="Decompressed-size limit per archive member."
    ),
) -> None:
    """Process INPUTS and write Parquet tables under --out.

    Exit status: 0 all inputs processed, 2 some inputs failed, 1 usage error, 3 locked.
    """
    from pipeline.engine.local import default_workers
    from pipeline.runner import RunOptions, UsageError, print_summary, run_pipeline
    from pipeline.tables.state import LockedError

    options = RunOptions(glob=glob, max_member_bytes=max_member_bytes, batch_size=batch_size,
                         workers=workers or default_workers(), engine=engine,
                         scheduler=scheduler, reprocess=reprocess,
                         checkpoint_docs=checkpoint_docs)
    try:
        summary = run_pipeline(inputs, out, options)
    except UsageError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None
    except LockedError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(3) from None
    print_summary(summary)
    raise typer.Exit(2 if summary.failed_inputs else 0)


def main() -> None:
    """Entry point for `python -m pipeline`."""
    app()


@evaluate_app.command("slogans")
def evaluate_slogans(
    data: Path = typer.Option(None, "--data", help="Labelled JSONL (default: the shipped set)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every mistake."),
) -> None:
    """Precision/recall of slogan (提法) extraction: labelled set, seed page, naive baseline."""
    from pipeline.evaluate import slogans

    slogans.run(data or slogans.DATA_PATH, verbose=verbose)


@app.command("show")
def show_command(
    target: str = typer.Argument(..., help="Input file path, doc_id (or a 6+ char prefix) or article_id."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output directory of a run."),
    html: Path = typer.Option(None, "--html", help="Also write a standalone HTML page here."),
    max_documents: int = typer.Option(20, "--max-documents", help="Show at most N documents."),
) -> None:
    """Print a page or article with entities, slogans and statistics highlighted."""
    from pipeline.show import ShowError, show

    try:
        show(out, target, html_path=html, max_documents=max_documents)
    except (ShowError, FileNotFoundError) as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None
    if html is not None:
        typer.echo(f"wrote {html}")


@app.command("status")
def status_command(
    out: Path = typer.Argument(Path("out"), help="Output directory of one or more runs."),
) -> None:
    """What an output directory holds: runs, tables, documents per month, errors, versions."""
    from pipeline.status import NotAnOutput, collect, render

    try:
        render(collect(out))
    except NotAnOutput as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None
