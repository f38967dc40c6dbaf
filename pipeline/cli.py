"""The `baokan` command line (typer).

Exit codes: 0 ok, 1 usage or installation error, 2 some inputs failed or gave nothing,
3 locked, 130 interrupted. `main()` (the `baokan` entry point) maps the command-line
library's own parse errors (which it exits with 2) to 1.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from typer.core import TyperCommand

from pipeline.paths import CORPORA

EXIT_USAGE, EXIT_INPUTS, EXIT_LOCKED, EXIT_INTERRUPTED = 1, 2, 3, 130


def _base(name: str) -> type[Exception]:
    """click's exception class `name` (typer 0.2x vendors its own click, so it is taken
    from the public typer.BadParameter's bases rather than imported from click)."""
    return next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == name)


UsageError, ClickException = _base("UsageError"), _base("ClickException")


class Command(TyperCommand):
    """Plain help: flags as flags (`--reprocess`), values by metavar (`--out DIR`), the
    arguments by name in the usage line (`run [OPTIONS] INPUT...`), no type tags."""

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_argument_name(param) if param.required
                              else f"[{_argument_name(param)}]")
        return pieces

    def format_options(self, ctx, formatter) -> None:
        params = self.get_params(ctx)
        arguments = [(_argument_name(p), getattr(p, "help", None) or "") for p in params
                     if p.param_type_name == "argument"]
        options = [record for p in params
                   if p.param_type_name == "option" and (record := p.get_help_record(ctx))]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _argument_name(param) -> str:
    name = param.metavar or (param.name or "").upper()
    return name if name.endswith("...") or param.nargs == 1 else f"{name}..."


def _typer(**settings) -> typer.Typer:
    return typer.Typer(rich_markup_mode=None, no_args_is_help=True, add_completion=False,
                       **settings)


app = _typer(help="Baokan: information extraction for Chinese newspaper archives.")
train_app = _typer(help="Train the models shipped in models/.")
evaluate_app = _typer(help="Measure quality and speed; prints numbers.")
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")


def main(args: list[str] | None = None) -> None:
    """The `baokan` entry point: every usage error exits 1, including click's parse errors."""
    try:
        code = app(args=args, standalone_mode=False)
    except UsageError as exc:  # also NoSuchOption, MissingParameter, BadParameter, no args
        exc.show()
        sys.exit(EXIT_USAGE)
    except ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(code if isinstance(code, int) else 0)


def _version(value: bool) -> None:
    if value:
        import pipeline

        typer.echo(f"baokan {pipeline.__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the Baokan version and exit."),
) -> None:
    """Baokan: information extraction for Chinese newspaper archives."""


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print `error: message` on stderr; the caller raises the returned Exit."""
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code)


@app.command(cls=Command)
def run(
    inputs: list[Path] = typer.Argument(..., metavar="INPUT...",
                                        help="Files, directories or archives to process."),
    out: Path = typer.Option(Path("out"), "--out", "-o", metavar="DIR",
                             help="Output directory for the tables."),
    glob: str = typer.Option("*", "--glob", metavar="PATTERN",
                             help="File name pattern when walking directories."),
    workers: int = typer.Option(0, "--workers", "-w", metavar="N",
                                help="Worker processes (0: all cores)."),
    engine: str = typer.Option("local", "--engine", metavar="local|dask",
                               help="Process pool on this machine, or a Dask cluster."),
    scheduler: str = typer.Option(None, "--scheduler", metavar="URL",
                                  help="Dask scheduler, tcp://HOST:PORT."),
    dask_timeout: float = typer.Option(
        30.0, "--dask-timeout", envvar="BAOKAN_DASK_TIMEOUT", metavar="SECONDS",
        help="Seconds to wait for the Dask scheduler, a first worker, or any worker at all."),
    reprocess: bool = typer.Option(
        False, "--reprocess", help="Reprocess documents written by an older pipeline/model version."
    ),
    batch_size: int = typer.Option(16, "--batch-size", metavar="N",
                                   help="Documents per work unit."),
    checkpoint_docs: int = typer.Option(
        20_000, "--checkpoint-docs", envvar="BAOKAN_CHECKPOINT_DOCS", metavar="N",
        help="Publish tables every N documents, so a killed run keeps its work.",
    ),
    max_member_bytes: int = typer.Option(
        200_000_000, "--max-member-bytes", metavar="BYTES",
        help="Decompressed-size limit per archive member.",
    ),
    ner: str = typer.Option(
        "both", "--ner", envvar="BAOKAN_NER", metavar="both|words|chars|rules",
        help="NER models: both (most accurate), words (one model, ~2x faster), chars, "
             "rules (no model).",
    ),
    text_field: str = typer.Option(
        None, "--text-field", metavar="NAME",
        help="JSONL field holding the text [default: text, else the records' one long "
             "string field, with a note].",
    ),
    id_field: str = typer.Option("id", "--id-field", metavar="NAME", help="JSONL id field."),
    title_field: str = typer.Option("title", "--title-field", metavar="NAME",
                                    help="JSONL title field."),
    date_field: str = typer.Option("date", "--date-field", metavar="NAME",
                                   help="JSONL publication date field."),
    url_field: str = typer.Option("url", "--url-field", metavar="NAME", help="JSONL URL field."),
) -> None:
    """Process input files into Parquet tables under --out.

    Exit status: 0 all inputs processed, 1 usage error, 2 some inputs failed or no input
    gave a document, 3 another run holds --out, 130 interrupted (what was published stays).
    """
    from pipeline.engine.local import default_workers
    from pipeline.ingest.jsonl import Fields
    from pipeline.model_files import ModelError
    from pipeline.runner import (
        Interrupted,
        RunOptions,
        UsageError,
        exit_status,
        print_summary,
        run_pipeline,
    )
    from pipeline.tables.state import LockedError

    fields = Fields(text=text_field, id=id_field, title=title_field, date=date_field,
                    url=url_field)
    options = RunOptions(glob=glob, max_member_bytes=max_member_bytes, batch_size=batch_size,
                         workers=workers or default_workers(), engine=engine,
                         scheduler=scheduler, reprocess=reprocess,
                         checkpoint_docs=checkpoint_docs, ner=ner, jsonl_fields=fields,
                         dask_timeout=dask_timeout)
    try:
        summary = run_pipeline(inputs, out, options)
    except (UsageError, ModelError) as exc:
        raise _fail(str(exc)) from None
    except LockedError as exc:
        raise _fail(str(exc), EXIT_LOCKED) from None
    except Interrupted as exc:
        _say_interrupted(exc.summary, checkpoint_docs)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    print_summary(summary)
    raise typer.Exit(exit_status(summary))


def _say_interrupted(summary, checkpoint_docs: int) -> None:
    """What a Ctrl-C kept and how to go on."""
    from pipeline.report import count

    lost = summary.n_documents - summary.n_published
    discarded = "" if not lost else (
        f"; the {count(lost)} processed since the last checkpoint (every "
        f"{count(checkpoint_docs)} documents, --checkpoint-docs) are discarded")
    typer.echo(
        f"interrupted: {summary.out} keeps everything earlier runs published and "
        f"{count(summary.n_published)} documents of this run (its runs row says "
        f"status failed){discarded}. "
        "Run the same command again to go on: inputs already published are skipped.",
        err=True)


@app.command(cls=Command)
def assemble(
    out: Path = typer.Argument(..., metavar="DIR", help="Directory for the saved spaCy pipeline."),
    ner: str = typer.Option("both", "--ner", envvar="BAOKAN_NER", metavar="both|words|chars|rules",
                            help="NER models: both, words, chars, rules."),
) -> None:
    """Save the whole spaCy pipeline — models/ and the lexicons of pipeline/resources/ — to
    OUT, so that `spacy.load(OUT)` runs it anywhere (a few seconds; rerun after editing a
    lexicon)."""
    from pipeline.model_files import ModelError
    from pipeline.nlp.language import assemble as save
    from pipeline.nlp.settings import NER_CHOICES, Settings

    if ner not in NER_CHOICES:
        raise _fail(f"--ner must be one of {', '.join(NER_CHOICES)}")
    try:
        language = save(out, Settings(ner=ner))
    except ModelError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"wrote {out}: {', '.join(language.pipe_names)}")


@evaluate_app.command("slogans", cls=Command)
def evaluate_slogans(
    data: Path = typer.Option(None, "--data", help="Labelled JSONL (default: the shipped set)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every mistake."),
) -> None:
    """Precision/recall of slogan (提法) extraction: labelled set, seed page, naive baseline."""
    from pipeline.evaluate import slogans

    slogans.run(data or slogans.DATA_PATH, verbose=verbose)


@app.command("show", cls=Command)
def show_command(
    target: str = typer.Argument(..., help="Input file path, doc_id (or a 6+ char prefix) or article_id."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output directory of a run."),
    html: Path = typer.Option(None, "--html", help="Also write a standalone HTML page here."),
    max_documents: int = typer.Option(20, "--max-documents", metavar="N",
                                      help="Show at most N documents."),
    pager: bool = typer.Option(None, "--pager/--no-pager",
                               help="Page the output [default: on a terminal]."),
) -> None:
    """Print a page or article with entities, slogans and statistics highlighted."""
    from pipeline.show import ShowError, show

    try:
        show(out, target, html_path=html, max_documents=max_documents, pager=pager)
    except (ShowError, FileNotFoundError) as exc:
        raise _fail(str(exc)) from None
    if html is not None:
        typer.echo(f"wrote {html}")


@app.command("status", cls=Command)
def status_command(
    out: Path = typer.Argument(Path("out"), help="Output directory of one or more runs."),
) -> None:
    """What an output directory holds: runs, tables, documents per month, errors, versions."""
    from pipeline.status import NotAnOutput, collect, render

    try:
        render(collect(out))
    except NotAnOutput as exc:
        raise _fail(str(exc)) from None


@app.command("repair", cls=Command)
def repair_command(
    out: Path = typer.Argument(..., metavar="DIR",
                             help="Output directory of one or more runs."),
) -> None:
    """Set damaged Parquet parts aside and rebuild the manifest; the next run restores them."""
    from pipeline.tables.repair import NothingToRepair, repair
    from pipeline.tables.state import LockedError

    try:
        report = repair(out)
    except NothingToRepair as exc:
        raise _fail(str(exc)) from None
    except LockedError as exc:
        raise _fail(str(exc), EXIT_LOCKED) from None
    for part, reason in report.damaged:
        typer.echo(f"set aside {part} ({reason})")
    if report.manifest_problem:
        typer.echo(f"rebuilt the manifest: {report.manifest_problem}")
    if not report.damaged:
        typer.echo("no damaged parts")
    if report.damaged or report.manifest_problem:
        typer.echo(f"{report.dropped_documents} document(s) will be processed again by the next "
                   "`baokan run` over the same inputs (every input is read again once)")


@app.command("info", cls=Command)
def info_command(
    corpora: Path = typer.Option(CORPORA, "--corpora", metavar="DIR",
                                 help="Corpora directory to look for ($BAOKAN_CORPORA)."),
) -> None:
    """Versions, model paths and fingerprints, fonts for plots, corpora found."""
    from pipeline.info import collect, render
    from pipeline.train import corpora as corpus_files

    needed = (*corpus_files.NER_TEST_FILES, *corpus_files.SIGHAN_GOLD.values(),
              corpus_files.CTB6["test"], corpus_files.PFR_PATH)
    render(collect(corpora, needed))


@train_app.command("ner", cls=Command)
def train_ner_command(
    corpora: Path = typer.Option(CORPORA, "--corpora", metavar="DIR",
                                 help="Corpora directory ($BAOKAN_CORPORA)."),
    output: Path = typer.Option(Path("models/ner"), "--output", help="Where to package the model."),
    workdir: Path = typer.Option(Path("build/ner"), "--workdir", help="Scratch directory."),
    max_steps: int = typer.Option(0, "--max-steps", help="Override max_steps of both stages (0: cfg)."),
) -> None:
    """Convert the NER corpora (test sentences removed), train (ner.cfg, then
    ner_finetune.cfg on MSRA), package to models/ner."""
    from pipeline.train.ner import train

    overrides = {"training.max_steps": max_steps} if max_steps else None
    with _corpus_files_named():
        scores = train(corpora, output, workdir, overrides, overrides)
    typer.echo(f"dev ents_f={scores.get('ents_f', 0):.4f}; packaged to {output}")


@evaluate_app.command("ner", cls=Command)
def evaluate_ner_command(
    corpora: Path = typer.Option(CORPORA, "--corpora", metavar="DIR",
                                 help="Corpora directory ($BAOKAN_CORPORA)."),
    model: Path = typer.Option(Path("models/ner"), "--model", help="Character NER model."),
    word_model: Path = typer.Option(Path("models/ner_words"), "--word-model",
                                    help="Word-token NER model (its ORG spans are used)."),
    limit: int = typer.Option(0, "--limit", help="Only the first N sentences per test set."),
    no_jieba: bool = typer.Option(False, "--no-jieba", help="Skip the jieba.posseg baseline."),
) -> None:
    """Entity P/R/F1 (exact span) on MSRA and People's Daily NER test; chars/s."""
    from pipeline.evaluate.ner import TEST_SETS, evaluate, format_report

    _require_corpus_files(corpora, [relative for relative, _ in TEST_SETS.values()])
    typer.echo(format_report(evaluate(corpora, model, limit=limit, jieba=not no_jieba,
                                      word_model_path=word_model)))


@contextmanager
def _corpus_files_named() -> Iterator[None]:
    """A corpus file missing under --corpora: one line naming it, no traceback."""
    try:
        yield
    except FileNotFoundError as exc:
        raise _fail(f"{exc.filename or exc} not found: --corpora DIR must be the corpora "
                    "directory (../shared/corpora, see its MANIFEST.md)") from None


def _require_corpus_files(corpora: Path, relatives: list[str]) -> None:
    """One line naming the first missing corpus file and what --corpora expects."""
    for relative in relatives:
        if not (corpora / relative).is_file():
            expected = " and ".join(relatives)
            raise _fail(f"{corpora / relative} not found: --corpora DIR must hold {expected} "
                        "(../shared/corpora, see its MANIFEST.md)")


@evaluate_app.command("statistics", cls=Command)
def evaluate_statistics_command(
    data: Path = typer.Option(None, "--data", help="Labelled JSONL (default: the shipped set)."),
    errors: bool = typer.Option(False, "--errors", help="List the dev-split errors."),
) -> None:
    """Statistics P/R for value+unit, role, indicator (dev, held-out test, seed) vs a regex;
    the real-news sets of issue 21 with role, indicator and subject accuracy."""
    from pipeline.evaluate import statistics as stats_eval

    typer.echo(stats_eval.main(data or stats_eval.DATA, show_errors=errors))


@train_app.command("slogans", cls=Command)
def train_slogans(
    cv: str = typer.Option(None, "--cv", help="Comma-separated hand-label weights to "
                           "cross-validate on the dev splits instead of training."),
) -> None:
    """Train the slogan content model (models/slogans) on weak labels from ../shared/corpora."""
    from pipeline.train import slogans as slogan_model

    if cv:
        weights = [float(w) for w in cv.split(",")]
        for weight, c in slogan_model.cross_validate(weights).items():
            p, r = c["tp"] / max(1, c["tp"] + c["fp"]), c["tp"] / max(1, c["tp"] + c["fn"])
            typer.echo(f"hand weight {weight}: quoted P={p:.3f} R={r:.3f} {c}")
        return
    stats = slogan_model.train_from_corpora()
    typer.echo(f"wrote {slogan_model.MODEL_PATH}: {stats}")


@train_app.command("segmenter", cls=Command)
def train_segmenter_command(
    corpora: Path = typer.Option(CORPORA, "--corpora", metavar="DIR",
                                 help="Corpora directory ($BAOKAN_CORPORA)."),
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
    with _corpus_files_named():
        summary = train_segmenter(corpora, out, iterations, work_dir=workdir, max_mb=max_mb,
                                  dropout=dict_dropout, user_lexicon=user_lexicon,
                                  sighan_standard=sighan_standard)
    typer.echo(f"packaged to {out}: {summary['features']} features, {summary['size_mb']} MB")


@evaluate_app.command("segmentation", cls=Command)
def evaluate_segmentation_command(
    corpora: Path = typer.Option(CORPORA, "--corpora", metavar="DIR",
                                 help="Corpora directory ($BAOKAN_CORPORA)."),
    no_jieba: bool = typer.Option(False, "--no-jieba", help="Skip the jieba baseline."),
    model: Path = typer.Option(None, "--model", help="Segmenter pipeline (default models/segmenter)."),
) -> None:
    """Word P/R/F1, OOV recall and chars/s on PKU, MSR and CTB6 test (Baokan and jieba)."""
    from pipeline.evaluate.segmentation import run

    with _corpus_files_named():
        run(corpora, with_jieba=not no_jieba, model_dir=model)


# --- people and offices (issue 19): `baokan people`, `baokan offices`, `baokan evaluate people`
# A separate block so that edits elsewhere in this file do not touch it.


@app.command("people", cls=Command)
def people_command(
    out: Path = typer.Argument(Path("out"), metavar="OUT", help="Output directory of a run."),
    name: str = typer.Argument(None, metavar="NAME",
                               help="A name or person_id (or its start); omit for the most mentioned."),
    limit: int = typer.Option(30, "--limit", metavar="N", help="People listed without NAME."),
) -> None:
    """A person's offices and timeline (or the most mentioned people) from the derived tables."""
    from pipeline.people.report import ReportError, people

    try:
        people(out, name, limit=limit)
    except ReportError as exc:
        raise _fail(str(exc)) from None


@app.command("offices", cls=Command)
def offices_command(
    out: Path = typer.Argument(Path("out"), metavar="OUT", help="Output directory of a run."),
    place: str = typer.Option(..., "--place", metavar="PLACE",
                              help="A division (丽水市, 遂昌县): its offices and those inside it."),
) -> None:
    """Who held which office in a place over time, one row per holder with their own dates."""
    from pipeline.people.report import ReportError, offices

    try:
        offices(out, place)
    except ReportError as exc:
        raise _fail(str(exc)) from None


@evaluate_app.command("people", cls=Command)
def evaluate_people_command(
    data: Path = typer.Option(None, "--data", metavar="FILE",
                              help="Labelled JSONL (default: the shipped set)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every mistake."),
) -> None:
    """Identity pairwise P/R/F1, office rows P/R and event-date accuracy on the team's set."""
    from pipeline.evaluate import people as people_eval

    people_eval.run(data or people_eval.DATA, verbose=verbose)
