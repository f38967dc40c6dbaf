"""The `baokan` command line (typer). Exit codes: 0 ok, 1 usage error, 2 some inputs failed, 3 locked."""

from __future__ import annotations

from pathlib import Path

import typer

from pipeline.paths import CORPORA

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
    dask_timeout: float = typer.Option(
        30.0, "--dask-timeout", envvar="BAOKAN_DASK_TIMEOUT",
        help="Seconds to wait for the Dask scheduler, a first worker, or any worker at all."),
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
    ner: str = typer.Option(
        "both", "--ner", envvar="BAOKAN_NER",
        help="NER models: both (most accurate), words (one model, ~2x faster), chars, rules.",
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
                         checkpoint_docs=checkpoint_docs, ner=ner, dask_timeout=dask_timeout)
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


@app.command()
def assemble(
    out: Path = typer.Argument(..., help="Directory for the saved spaCy pipeline."),
    ner: str = typer.Option("both", "--ner", envvar="BAOKAN_NER",
                            help="NER models: both, words, chars, rules."),
) -> None:
    """Save the whole spaCy pipeline — models/ and the lexicons of pipeline/resources/ — to
    OUT, so that `spacy.load(OUT)` runs it anywhere (a few seconds; rerun after editing a
    lexicon)."""
    from pipeline.nlp.language import assemble as save
    from pipeline.nlp.settings import NER_CHOICES, Settings

    if ner not in NER_CHOICES:
        typer.secho(f"error: --ner must be one of {', '.join(NER_CHOICES)}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1)
    language = save(out, Settings(ner=ner))
    typer.echo(f"wrote {out}: {', '.join(language.pipe_names)}")


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


@app.command("repair")
def repair_command(
    out: Path = typer.Argument(..., help="Output directory of one or more runs."),
) -> None:
    """Set damaged Parquet parts aside and rebuild the manifest; the next run restores them."""
    from pipeline.tables.repair import NothingToRepair, repair
    from pipeline.tables.state import LockedError

    try:
        report = repair(out)
    except NothingToRepair as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None
    except LockedError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(3) from None
    for part, reason in report.damaged:
        typer.echo(f"set aside {part} ({reason})")
    if report.manifest_problem:
        typer.echo(f"rebuilt the manifest: {report.manifest_problem}")
    if not report.damaged:
        typer.echo("no damaged parts")
    if report.damaged or report.manifest_problem:
        typer.echo(f"{report.dropped_documents} document(s) will be processed again by the next "
                   "`baokan run` over the same inputs (every input is read again once)")


@train_app.command("ner")
def train_ner_command(
    corpora: Path = typer.Option(CORPORA, "--corpora", help="Corpora directory ($BAOKAN_CORPORA)."),
    output: Path = typer.Option(Path("models/ner"), "--output", help="Where to package the model."),
    workdir: Path = typer.Option(Path("build/ner"), "--workdir", help="Scratch directory."),
    max_steps: int = typer.Option(0, "--max-steps", help="Override max_steps of both stages (0: cfg)."),
) -> None:
    """Convert the NER corpora (test sentences removed), train (ner.cfg, then
    ner_finetune.cfg on MSRA), package to models/ner."""
    from pipeline.train.ner import train

    overrides = {"training.max_steps": max_steps} if max_steps else None
    scores = train(corpora, output, workdir, overrides, overrides)
    typer.echo(f"dev ents_f={scores.get('ents_f', 0):.4f}; packaged to {output}")


@evaluate_app.command("ner")
def evaluate_ner_command(
    corpora: Path = typer.Option(CORPORA, "--corpora", help="Corpora directory ($BAOKAN_CORPORA)."),
    model: Path = typer.Option(Path("models/ner"), "--model", help="Character NER model."),
    word_model: Path = typer.Option(Path("models/ner_words"), "--word-model",
                                    help="Word-token NER model (its ORG spans are used)."),
    limit: int = typer.Option(0, "--limit", help="Only the first N sentences per test set."),
    no_jieba: bool = typer.Option(False, "--no-jieba", help="Skip the jieba.posseg baseline."),
) -> None:
    """Entity P/R/F1 (exact span) on MSRA and People's Daily NER test; chars/s."""
    from pipeline.evaluate.ner import evaluate, format_report

    typer.echo(format_report(evaluate(corpora, model, limit=limit, jieba=not no_jieba,
                                      word_model_path=word_model)))


@evaluate_app.command("statistics")
def evaluate_statistics_command(
    data: Path = typer.Option(None, "--data", help="Labelled JSONL (default: the shipped set)."),
    errors: bool = typer.Option(False, "--errors", help="List the dev-split errors."),
) -> None:
    """Statistics P/R for value+unit, role, indicator (dev, held-out test, seed) vs a regex."""
    from pipeline.evaluate import statistics as stats_eval

    typer.echo(stats_eval.main(data or stats_eval.DATA, show_errors=errors))


@train_app.command("slogans")
def train_slogans() -> None:
    """Train the slogan content model (models/slogans) on weak labels from ../shared/corpora."""
    from pipeline.train import slogans as slogan_model

    stats = slogan_model.train_from_corpora()
    typer.echo(f"wrote {slogan_model.MODEL_PATH}: {stats}")


@train_app.command("segmenter")
def train_segmenter_command(
    corpora: Path = typer.Option(CORPORA, "--corpora", help="Corpora directory ($BAOKAN_CORPORA)."),
    out: Path = typer.Option(Path("models/segmenter"), "--out", help="Pipeline directory."),
    iterations: int = typer.Option(30, "--iterations", help="CRF training iterations."),
    workdir: Path = typer.Option(None, "--workdir", help="Keep the training files here."),
    max_mb: float = typer.Option(40.0, "--max-mb", help="Size limit of the packaged model."),
    dict_dropout: float = typer.Option(
        0.5, "--dict-dropout", help="Share of dictionary words hidden from the training features."),
    user_lexicon: bool = typer.Option(
        False, "--user-lexicon/--no-user-lexicon", help="Package the merge-only HanLP lexicon."),
    sighan_standard: bool = typer.Option(
        False, "--sighan-standard/--pfr-standard",
        help="Move PFR to the SIGHAN 2005 PKU standard first (pipeline/train/pku_standard.py)."),
) -> None:
    """Train the pkuseg word segmenter on People's Daily 1998 (test sentences removed)."""
    import logging

    from pipeline.train.segmenter import train_segmenter

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    summary = train_segmenter(corpora, out, iterations, work_dir=workdir, max_mb=max_mb,
                              dropout=dict_dropout, user_lexicon=user_lexicon,
                              sighan_standard=sighan_standard)
    typer.echo(f"packaged to {out}: {summary['features']} features, {summary['size_mb']} MB")


@evaluate_app.command("segmentation")
def evaluate_segmentation_command(
    corpora: Path = typer.Option(CORPORA, "--corpora", help="Corpora directory ($BAOKAN_CORPORA)."),
    no_jieba: bool = typer.Option(False, "--no-jieba", help="Skip the jieba baseline."),
    model: Path = typer.Option(None, "--model", help="Segmenter pipeline (default models/segmenter)."),
) -> None:
    """Word P/R/F1, OOV recall and chars/s on PKU, MSR and CTB6 test (Baokan and jieba)."""
    from pipeline.evaluate.segmentation import run

    run(corpora, with_jieba=not no_jieba, model_dir=model)
