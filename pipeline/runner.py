"""One run: input paths → ingest → normalize → layout → spaCy → rows → Parquet tables."""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.dataset as ds
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

import pipeline
from pipeline.ingest import IngestError, Source, expand_inputs, iter_sources
from pipeline.layout import Article, split_articles
from pipeline.nlp.language import model_versions, nlp
from pipeline.normalize import normalize
from pipeline.tables import rows
from pipeline.tables.writer import TableWriter

console = Console(stderr=True)


class UsageError(Exception):
    """Bad command-line usage: missing input, unwritable output directory."""


@dataclass
class RunOptions:
    glob: str = "*"
    max_member_bytes: int = 200_000_000
    batch_size: int = 32
    progress: bool | None = None


@dataclass
class RunSummary:
    run_id: str
    out: Path
    n_inputs: int = 0
    n_documents: int = 0
    n_skipped: int = 0
    n_articles: int = 0
    n_sentences: int = 0
    n_errors: int = 0
    failed_inputs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    table_rows: dict[str, int] = field(default_factory=dict)


@dataclass
class Document:
    """A normalized page and its articles, ready for the spaCy stage."""

    source: Source
    doc_id: str
    text: str
    articles: list[Article]


def run_pipeline(inputs: list[Path], out: Path, options: RunOptions | None = None) -> RunSummary:
    """Process `inputs` and write every table under `out`."""
    options = options or RunOptions()
    _check_usage(inputs, out)
    started = datetime.now(UTC)
    run_id = started.strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
    summary = RunSummary(run_id=run_id, out=out)
    writer = TableWriter(out, run_id)
    known = _known_doc_ids(out)
    clock = time.perf_counter()
    files = list(expand_inputs(inputs, options.glob))
    summary.n_inputs = len(files)
    with _progress(options) as progress:
        for batch in _batches(_documents(files, options, summary, writer, known), options.batch_size):
            _process(batch, summary, writer)
            progress.update(progress.task_ids[0], completed=summary.n_documents,
                            errors=summary.n_errors)
    summary.seconds = time.perf_counter() - clock
    writer.add("runs", [_run_row(summary, started)])
    writer.commit()
    summary.table_rows = dict(writer.counts)
    return summary


def _check_usage(inputs: list[Path], out: Path) -> None:
    if not inputs:
        raise UsageError("no input given")
    missing = [str(path) for path in inputs if not path.exists()]
    if missing:
        raise UsageError(f"input not found: {', '.join(missing)}")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise UsageError(f"cannot write to output directory {out}: {exc.strerror or exc}") from exc


def _known_doc_ids(out: Path) -> set[str]:
    """doc_ids already published under `out` (a page reached twice is one document)."""
    folder = out / "documents"
    if not any(folder.glob("*.parquet")):
        return set()
    return set(ds.dataset(folder, format="parquet").to_table(columns=["doc_id"])["doc_id"].to_pylist())


def _documents(
    files: list[Path], options: RunOptions, summary: RunSummary, writer: TableWriter, known: set[str]
) -> Iterator[Document]:
    for item in iter_sources(files, options.max_member_bytes):
        if isinstance(item, IngestError):
            _record_error(item, summary, writer)
            continue
        text = normalize(item.text)
        if not text:
            error = IngestError(item.path, item.member, "parse", "empty", "no text after normalization")
            _record_error(error, summary, writer)
            continue
        doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        if doc_id in known:
            summary.n_skipped += 1
            continue
        known.add(doc_id)
        yield Document(item, doc_id, text, _articles(text, item.title))


def _articles(text: str, title: str | None) -> list[Article]:
    """Split the page; a single untitled article takes the record's title as its headline."""
    articles = split_articles(text)
    if len(articles) == 1 and articles[0].headline is None and title and articles[0].type != "caption":
        articles[0].headline = title
    return articles


def _record_error(error: IngestError, summary: RunSummary, writer: TableWriter) -> None:
    writer.add("errors", [error.as_row(summary.run_id)])
    summary.n_errors += 1
    if error.source_path not in summary.failed_inputs:
        summary.failed_inputs.append(error.source_path)
    where = f"{error.source_path}" + (f" [{error.source_member}]" if error.source_member else "")
    console.print(f"[yellow]warning[/]: {where}: {error.error_type}: {error.message}",
                  highlight=False, soft_wrap=True)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _process(batch: list[Document], summary: RunSummary, writer: TableWriter) -> None:
    """Run the spaCy pipeline over every article of the batch and write all rows."""
    language = nlp()
    jobs = [(document, index, article) for document in batch for index, article in enumerate(document.articles)]
    docs = []
    for document, _, article in jobs:
        doc = language.make_doc(document.text[article.start : article.end])
        doc._.meta = {"city": None, "date": document.source.published_date,
                      "source_name": document.source.source_name}
        docs.append(doc)
    processed = _pipe(language, docs, jobs, summary, writer)
    now = datetime.now(UTC)
    for document in batch:
        writer.add("documents", [_document_row(document, summary.run_id, now)])
        summary.n_documents += 1
    for (document, index, article), doc in zip(jobs, processed, strict=True):
        if doc is None:
            continue
        ref = rows.ArticleRef(document.doc_id, f"{document.doc_id}-a{index}", article.start, summary.run_id)
        writer.add("articles", [_article_row(document, index, article, ref)])
        sentences = rows.sentence_rows(doc, ref)
        writer.add("sentences", sentences)
        for table, table_rows in rows.stage_rows(doc, ref, sentences).items():
            writer.add(table, table_rows)
        summary.n_articles += 1
        summary.n_sentences += len(sentences)


def _pipe(language, docs, jobs, summary: RunSummary, writer: TableWriter) -> list:
    """nlp.pipe over the batch; on failure, article by article so one bad input is isolated."""
    try:
        return list(language.pipe(docs))
    except Exception:  # noqa: BLE001 - isolate the failing article below
        pass
    processed = []
    for doc, (document, index, _) in zip(docs, jobs, strict=True):
        try:
            processed.append(language(doc))
        except Exception as exc:  # noqa: BLE001 - recorded as an errors row
            source = document.source
            error = IngestError(source.path, source.member, "nlp", type(exc).__name__,
                                f"article {index}: {exc}")
            _record_error(error, summary, writer)
            processed.append(None)
    return processed


def _document_row(document: Document, run_id: str, now: datetime) -> dict:
    source = document.source
    return {
        "doc_id": document.doc_id,
        "source_path": source.path,
        "source_member": source.member,
        "encoding": source.encoding,
        "published_date": source.published_date,
        "source_name": source.source_name,
        "title": source.title,
        "url": source.url,
        "n_chars": len(document.text),
        "content_sha256": source.raw_sha256,
        "text": document.text,
        "run_id": run_id,
        "processed_at": now,
    }


def _article_row(document: Document, index: int, article: Article, ref: rows.ArticleRef) -> dict:
    return {
        "doc_id": document.doc_id,
        "article_id": ref.article_id,
        "article_index": index,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "reporters": article.reporters,
        "dateline": article.dateline,
        "type": article.type,
        "start": article.start,
        "end": article.end,
        "text": document.text[article.start : article.end],
        "run_id": ref.run_id,
    }


def _run_row(summary: RunSummary, started: datetime) -> dict:
    return {
        "run_id": summary.run_id,
        "started_at": started,
        "finished_at": datetime.now(UTC),
        "status": "partial" if summary.failed_inputs else "ok",
        "pipeline_version": pipeline.__version__,
        "model_versions": list(model_versions().items()),
        "n_inputs": summary.n_inputs,
        "n_documents": summary.n_documents,
        "n_articles": summary.n_articles,
        "n_sentences": summary.n_sentences,
        "n_errors": summary.n_errors,
    }


def _progress(options: RunOptions) -> Progress:
    show = sys.stderr.isatty() if options.progress is None else options.progress
    progress = Progress(
        TextColumn("[bold]baokan[/]"), BarColumn(), TextColumn("{task.completed} documents"),
        TextColumn("{task.fields[errors]} errors"), TimeElapsedColumn(),
        console=console, disable=not show, transient=True,
    )
    progress.add_task("run", total=None, errors=0)
    return progress


def print_summary(summary: RunSummary) -> None:
    """The end-of-run summary on stdout."""
    out = Console()
    out.print(f"[bold]Baokan run {summary.run_id}[/] → {summary.out}")
    out.print(
        f"  inputs {summary.n_inputs} · documents {summary.n_documents} "
        f"(already present {summary.n_skipped}) · articles {summary.n_articles} · "
        f"sentences {summary.n_sentences} · errors {summary.n_errors} · {summary.seconds:.1f}s"
    )
    extra = {k: v for k, v in summary.table_rows.items()
             if k not in ("documents", "articles", "sentences", "errors", "runs")}
    if extra:
        out.print("  " + " · ".join(f"{name} {count}" for name, count in extra.items()))
    if summary.failed_inputs:
        out.print(f"  [yellow]failed inputs ({len(summary.failed_inputs)}):[/]")
        for path in summary.failed_inputs:
            out.print(f"    {path}")
