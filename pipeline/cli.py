"""The `baokan` command line (typer). Exit codes: 0 ok, 1 usage error, 2 some inputs failed."""

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
    max_member_bytes: int = typer.Option(
        200_000_000, "--max-member-bytes", help="Decompressed-size limit per archive member."
    ),
) -> None:
    """Process INPUTS and write Parquet tables under --out."""
    from pipeline.run import RunOptions, UsageError, print_summary, run_pipeline

    options = RunOptions(glob=glob, max_member_bytes=max_member_bytes)
    try:
        summary = run_pipeline(inputs, out, options)
    except UsageError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None
    print_summary(summary)
    raise typer.Exit(2 if summary.failed_inputs else 0)


def main() -> None:
    """Entry point for `python -m pipeline`."""
    app()
