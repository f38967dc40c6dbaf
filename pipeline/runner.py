"""One run: input paths → ingest → normalize (and drop web clutter) → layout → engine (spaCy)
→ Parquet tables.

The runner owns what must happen in one place: usage checks, the output lock, the
incremental manifest, batching, progress and the atomic publish. The spaCy work runs in
an engine (inline, a local process pool, or Dask) on plain `Document` batches.

A run that stops on an exception (a bug, Ctrl-C, SIGTERM, a failed commit) still publishes
what it collected, with a `runs` row `status = failed` and the error, then re-raises.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.text import Text

from pipeline import model_files, shutdown
from pipeline.engine import EngineError
from pipeline.engine.batch import BatchResult, Document
from pipeline.ingest import FileRead, IngestError, InputFile, escape_name, expand_inputs, jsonl
from pipeline.layout import Article, split_articles
from pipeline.nlp.settings import DEFAULT_SETTINGS, NER_CHOICES, Settings
from pipeline.normalize import normalize
from pipeline.progress import RunProgress
from pipeline.report import count, seconds, stdout_console
from pipeline.tables import state
from pipeline.tables.rows import error_row, run_row
from pipeline.tables.writer import TableWriter
from pipeline.web_clutter import drop_web_clutter

console = Console(stderr=True)


class UsageError(Exception):
    """Bad command-line usage: missing input, unwritable output directory."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a run, after the work collected so far was published with a failed
    `runs` row (`summary.n_published` documents of this run); running the same command
    again goes on from there."""

    def __init__(self, summary: RunSummary):
        super().__init__(f"interrupted after {summary.n_published} published documents")
        self.summary = summary


@dataclass
class RunOptions:
    glob: str = "*"
    max_member_bytes: int = 200_000_000
    batch_size: int = 16
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    reprocess: bool = False
    checkpoint_docs: int = 20_000
    dask_timeout: float = 30.0  # seconds: connecting, a first worker, a stretch without any
    progress: bool | None = None
    ner: str = DEFAULT_SETTINGS.ner
    jsonl_fields: jsonl.Fields = jsonl.DEFAULT_FIELDS  # --text-field, --title-field …

    @property
    def settings(self) -> Settings:
        """The pipeline settings every worker builds its spaCy pipeline with."""
        return Settings(ner=self.ner)


@dataclass
class RunSummary:
    run_id: str
    out: Path
    n_inputs: int = 0
    n_unchanged_inputs: int = 0
    n_documents: int = 0
    n_skipped: int = 0
    n_reprocessed: int = 0
    n_articles: int = 0
    n_sentences: int = 0
    n_chars: int = 0
    n_errors: int = 0
    n_notices: int = 0  # errors rows that record a fix (an escaped name), not a failure
    n_published: int = 0  # documents of this run published so far (checkpoints)
    failed_inputs: list[str] = field(default_factory=list)
    empty_inputs: list[str] = field(default_factory=list)  # directories no file of which matched
    recovered_runs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    startup_seconds: float | None = None  # until the first batch was done (models loaded)
    chars_per_second: float | None = None  # after that (None for a single batch)
    table_rows: dict[str, int] = field(default_factory=dict)
    derived_seconds: float = 0.0  # rebuilding the derived tables (0 when they were current)


@dataclass
class _Run:
    """Mutable state of a run in progress."""

    options: RunOptions
    summary: RunSummary
    writer: TableWriter
    manifest: state.Manifest
    version: str
    progress: RunProgress
    replaced: set[str] = field(default_factory=set)  # docs whose older rows go at the next publish
    outdated: set[str] = field(default_factory=set)  # docs being reprocessed (until collected)
    reread: set[str] = field(default_factory=set)  # inputs read again: older errors rows go
    seen: set[str] = field(default_factory=set)
    n_yielded: int = 0
    # the current file's errors by (error_type, message) → members, warned once at its end
    file_errors: dict[tuple[str, str], list[str | None]] = field(default_factory=dict)
    # (documents yielded when the file finished, manifest key, input label, record): a file
    # enters the manifest only once all its documents are collected, so a checkpoint never
    # loses one; its record counts the errors rows of the file (retried while non-zero).
    finished_inputs: list[tuple[int, str, str, dict | None]] = field(default_factory=list)
    error_counts: dict[str, int] = field(default_factory=dict)  # input label → errors rows


def run_pipeline(inputs: list[Path], out: Path, options: RunOptions | None = None) -> RunSummary:
    """Process `inputs` and publish every table under `out`.

    Raises UsageError, ModelError (a model is missing or unreadable) and LockedError."""
    options = options or RunOptions()
    _check_usage(inputs, out, options)
    lock = state.acquire_lock(out)
    try:
        with shutdown.signals_as_exceptions():
            return _run_locked(inputs, out, options)
    except EngineError as exc:  # the failed runs row is written; the message is the story
        raise UsageError(str(exc)) from exc
    finally:
        state.release_lock(lock)


def _run_locked(inputs: list[Path], out: Path, options: RunOptions) -> RunSummary:
    started = datetime.now(UTC)
    run_id = started.strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6]
    summary = RunSummary(run_id=run_id, out=out, recovered_runs=state.recover(out))
    _refuse_damaged(out)
    files = _distinct(_input_files(inputs, options.glob, summary))
    summary.n_inputs = len(files)
    show = sys.stderr.isatty() if options.progress is None else options.progress
    run = _Run(options, summary, TableWriter(out, run_id), state.Manifest.load(out),
               state.processing_version(options.settings),
               RunProgress(console, len(files), show, total_bytes=_total_size(files)))
    for path in summary.empty_inputs:
        run.progress.warn(f"{path}: no file matches --glob {options.glob!r} "
                          "(readers: .txt .html .jsonl, .gz .zip .tar.gz)")
    if run.manifest.rebuilt:
        run.progress.warn(f"{run.manifest.rebuilt}: rebuilt from the published tables "
                          f"({len(run.manifest.documents)} documents); every input is read again")
    clock = time.perf_counter()
    try:
        _process(files, run)
        _time_run(run, clock)
        run.writer.add("runs", [run_row(summary, started, options.settings)])
        _publish(run)
    except BaseException as exc:
        _time_run(run, clock)
        _publish_failed_run(run, started, exc)
        if isinstance(exc, KeyboardInterrupt):
            raise Interrupted(summary) from None
        raise
    summary.table_rows = dict(run.writer.counts)
    _rebuild_derived(out, summary)
    return summary


def _rebuild_derived(out: Path, summary: RunSummary) -> None:
    """People, offices, co_mentions and person_mentions from the published tables (a no-op
    when the run changed none of them)."""
    from pipeline.tables import derived

    clock = time.perf_counter()
    rebuilt = derived.rebuild(out, summary.run_id)
    summary.derived_seconds = time.perf_counter() - clock
    summary.table_rows.update(rebuilt or {})


def _process(files: list[Path], run: _Run) -> None:
    """Every document through the engine, publishing every --checkpoint-docs documents."""
    options, summary = run.options, run.summary
    batches = _batches(_documents(files, run), options.batch_size)
    with run.progress, contextlib.closing(_engine(batches, run)) as results:
        for result in results:
            _collect(result, run)
            if summary.n_documents // options.checkpoint_docs > (
                    summary.n_documents - result.n_documents) // options.checkpoint_docs:
                _publish(run)
    _finish_inputs(run, everything=True)


def _time_run(run: _Run, clock: float) -> None:
    """Wall time, and the throughput after the first batch (model loading) when known."""
    summary, progress = run.summary, run.progress
    summary.seconds = time.perf_counter() - clock
    summary.chars_per_second = progress.chars_per_second()
    if progress.first_batch is not None:
        summary.startup_seconds = progress.first_batch[0] - progress.started


def _total_size(files: list[Path]) -> int:
    """Bytes of the inputs for the progress bar (a file that cannot be stat'ed counts 0)."""
    return sum(signature["size"] for signature in map(_signature, files) if signature)


def _input_files(inputs: list[Path], pattern: str, summary: RunSummary) -> list[Path]:
    """The files to read, input by input; a directory with no matching file is noted."""
    files: list[Path] = []
    for path in inputs:
        found = list(expand_inputs([path], pattern))
        if not found:
            summary.empty_inputs.append(str(path))
        files += found
    return files


def _publish(run: _Run) -> None:
    with shutdown.deferred():
        run.writer.publish(run.manifest, run.replaced, run.reread)
    run.replaced, run.reread = set(), set()
    run.summary.n_published = run.summary.n_documents


def _refuse_damaged(out: Path) -> None:
    """A run never builds on parts it cannot read (footer check of every part)."""
    from pipeline.tables.parts import damaged_parts

    damaged = damaged_parts(out, pages=False)
    if damaged:
        part, reason = damaged[0]
        raise UsageError(
            f"{len(damaged)} damaged Parquet part(s) under {out}, e.g. {part}: {reason}. "
            f"`baokan status {out}` lists them; `baokan repair {out}` sets them aside so that "
            "the next run restores their documents")


def _distinct(paths: Iterable[Path]) -> list[Path]:
    """Paths in order, each file once however often it is named."""
    seen: set[Path] = set()
    distinct = []
    for path in paths:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            distinct.append(path)
    return distinct


def _publish_failed_run(run: _Run, started: datetime, exc: BaseException) -> None:
    """Publish the collected work with a failed runs row; if that commit fails too, commit
    the runs row alone (the tables and manifest stay as they were)."""
    summary = run.summary
    error = f"{type(exc).__name__}: {exc}".strip().removesuffix(":")
    row = run_row(summary, started, run.options.settings, status="failed", error=error)
    run.progress.warn(f"run failed: {error}")
    try:
        _finish_inputs(run)
        run.writer.discard("runs")
        run.writer.add("runs", [row])
        _publish(run)
        return
    except Exception as second:  # noqa: BLE001 - fall back to the runs row alone
        run.progress.warn(f"could not publish the collected work: {type(second).__name__}: {second}")
    try:
        with shutdown.deferred():
            TableWriter.publish_run_row(run.summary.out, summary.run_id, row)
    except Exception as third:  # noqa: BLE001 - nothing more can be written
        run.progress.warn(f"could not record the failed run: {type(third).__name__}: {third}")


def _check_usage(inputs: list[Path], out: Path, options: RunOptions) -> None:
    if not inputs:
        raise UsageError("no input given")
    missing = [str(path) for path in inputs if not path.exists() and not path.is_symlink()]
    if missing:
        raise UsageError(f"input not found: {', '.join(missing)}")
    if options.engine not in ("local", "dask"):
        raise UsageError(f"unknown engine {options.engine!r} (local or dask)")
    if options.engine == "dask" and not options.scheduler:
        raise UsageError("--engine dask needs --scheduler tcp://HOST:PORT")
    if not options.dask_timeout > 0:
        raise UsageError(f"--dask-timeout must be positive (got {options.dask_timeout})")
    if options.workers < 1 or options.batch_size < 1:
        raise UsageError("--workers and batch size must be at least 1")
    for name, value in (("--checkpoint-docs", options.checkpoint_docs),
                        ("--max-member-bytes", options.max_member_bytes)):
        if value < 1:
            raise UsageError(f"{name} must be at least 1 (got {value})")
    problem = _glob_problem(options.glob)
    if problem:
        raise UsageError(f"--glob {options.glob!r}: {problem}")
    if options.ner not in NER_CHOICES:
        raise UsageError(f"unknown --ner {options.ner!r} ({', '.join(NER_CHOICES)})")
    _require_models(options.ner)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise UsageError(f"cannot write to output directory {out}: {exc.strerror or exc}") from exc


def _glob_problem(pattern: str) -> str | None:
    """Why `pattern` cannot be a file-name pattern (fnmatch), or None."""
    if not pattern:
        return "an empty pattern matches nothing"
    if "/" in pattern:
        return "the pattern matches file names, not paths (no '/')"
    i = 0
    while i < len(pattern):
        if pattern[i] == "[":
            j = i + 1
            j += pattern[j:j + 1] == "!"
            j += pattern[j:j + 1] == "]"
            close = pattern.find("]", j)
            if close < 0:
                return "'[' without a closing ']'"
            i = close
        i += 1
    return None


def _require_models(ner: str) -> None:
    """ModelError naming the first missing or unreadable model a run with `--ner ner` loads."""
    from pipeline.nlp.entities import ner_models
    from pipeline.nlp.slogans.content_model import MODEL_PATH
    from pipeline.nlp.tokenizer.segmenter import SEGMENTER_DIR

    for path in (SEGMENTER_DIR, *(ner_models.MODEL_DIRS[key] for key in ner_models.NER_SETUPS[ner])):
        model_files.require_pipeline_dir(path)
    model_files.require_files(MODEL_PATH)


def _engine(batches: Iterable[list[Document]], run: _Run) -> Iterator[BatchResult]:
    options = run.options
    if options.engine == "dask":
        from pipeline.engine import dask as engine

        return engine.run_batches(batches, run.summary.run_id, options.scheduler or "",
                                  options.settings, options.dask_timeout)
    from pipeline.engine import local

    return local.run_batches(batches, run.summary.run_id, options.workers, options.settings)


def _documents(files: list[Path], run: _Run) -> Iterator[Document]:
    """Documents still to process, file by file, updating the manifest as files finish.
    Each file is read once; its manifest record is what that read saw (`InputFile.read`)."""
    for path in files:
        key = escape_name(str(path.resolve()))[0]
        signature = _signature(path)
        if signature is not None and _unchanged(key, path, signature, run):
            run.summary.n_unchanged_inputs += 1
            run.progress.file_done(signature["size"])
            continue
        run.progress.file_started(signature["size"] if signature else 0)
        reader = InputFile(path, run.options.max_member_bytes, run.options.jsonl_fields)
        run.reread.add(reader.label)
        yield from _file_documents(reader, run)
        record = _input_record(reader.read, run)
        run.finished_inputs.append((run.n_yielded, key, reader.label, record))
        run.progress.file_done(reader.read.size if reader.read else 0)


def _signature(path: Path) -> dict | None:
    """Size and mtime now, or None when the file cannot be stat'ed (read to report why)."""
    try:
        return state.file_signature(path)
    except OSError:
        return None


def _input_record(read: FileRead | None, run: _Run) -> dict | None:
    if read is None:
        return None
    return {"size": read.size, "mtime_ns": read.mtime_ns, "sha256": read.sha256,
            "version": run.version, "run_id": run.summary.run_id}


def _finish_inputs(run: _Run, everything: bool = False) -> None:
    """Move files whose documents have all been collected into the manifest."""
    while run.finished_inputs and (everything or run.finished_inputs[0][0] <= run.summary.n_documents):
        _, key, label, record = run.finished_inputs.pop(0)
        if record is not None:
            run.manifest.inputs[key] = {**record, "errors": run.error_counts.get(label, 0)}


def _unchanged(key: str, path: Path, signature: dict, run: _Run) -> bool:
    """Skip a file read before without errors and with the same content (unless --reprocess
    and outdated)."""
    record = run.manifest.inputs.get(key)
    if record is None or record.get("errors") or not record.get("sha256"):
        return False
    same = record["size"] == signature["size"] and record["mtime_ns"] == signature["mtime_ns"]
    if not same and record["size"] == signature["size"]:
        same = record["sha256"] == _sha256_or_none(path)
        if same:
            record.update(signature)
    if not same:
        return False
    return record.get("version") == run.version or not run.options.reprocess


def _sha256_or_none(path: Path) -> str | None:
    try:
        return state.file_sha256(path)
    except OSError:
        return None


def _file_documents(reader: InputFile, run: _Run) -> Iterator[Document]:
    """The documents of one input; an input that yields nothing at all is an errors row."""
    items, noted = 0, False
    for item in reader:
        items += 1
        if isinstance(item, IngestError):
            _record_error(item, run)
            continue
        if not noted and item.extra.get("text_field"):
            noted = True
            run.progress.note(f"{reader.label}: its records have no 'text' field; reading "
                              f"{item.extra['text_field']!r}, their one long string field "
                              "(--text-field NAME to choose another)")
        try:
            text = drop_web_clutter(normalize(item.text))
            articles = _articles(text, item.title) if text else []
        except Exception as exc:  # noqa: BLE001 - one bad page is an errors row
            _record_error(IngestError(item.path, item.member, "parse", type(exc).__name__,
                                      str(exc)), run)
            continue
        if not text:
            _record_error(IngestError(item.path, item.member, "parse", "empty",
                                      "no text after normalization and dropping web page furniture"), run)
            continue
        doc_id = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        if not _wanted(doc_id, run):
            run.summary.n_skipped += 1
            continue
        run.n_yielded += 1
        run.progress.record_read(len(item.text.encode("utf-8", "surrogatepass")))
        yield Document(item, doc_id, text, articles)
    if not items:  # e.g. an archive of PDFs: nothing Baokan reads, and nothing went wrong
        _record_error(IngestError(reader.label, None, "ingest", "no_documents",
                                  "the input was read but holds no document Baokan reads"), run)
    _warn_file_errors(reader.label, run)


def _wanted(doc_id: str, run: _Run) -> bool:
    """A document is processed once per run, and again only when outdated and --reprocess,
    or when it had nlp errors (retried whenever its input is read again)."""
    if doc_id in run.seen:
        return False
    seen_version = run.manifest.documents.get(doc_id)
    current = seen_version == run.version or not run.options.reprocess
    if seen_version is not None and current and doc_id not in run.manifest.failed_documents:
        return False
    if seen_version is not None:
        run.outdated.add(doc_id)
        run.summary.n_reprocessed += 1
    run.seen.add(doc_id)
    return True


def _articles(text: str, title: str | None) -> list[Article]:
    """Split the page; a single untitled article takes the record's title as its headline."""
    articles = split_articles(text)
    if len(articles) == 1 and articles[0].headline is None and title and articles[0].type != "caption":
        articles[0].headline = title
    return articles


def _record_error(error: IngestError, run: _Run) -> None:
    """An errors row; the warning comes once per kind at the end of the file (`_warn_file_errors`)."""
    summary = run.summary
    row = error_row(error, summary.run_id)
    run.writer.add("errors", [row])
    run.file_errors.setdefault((error.error_type, row["message"]), []).append(row["source_member"])
    if error.is_notice:
        summary.n_notices += 1
        return
    _count_failure(row["source_path"], run)


def _count_failure(label: str, run: _Run) -> None:
    summary = run.summary
    summary.n_errors += 1
    run.error_counts[label] = run.error_counts.get(label, 0) + 1
    if label not in summary.failed_inputs:
        summary.failed_inputs.append(label)
    run.progress.update(errors=summary.n_errors)


def _warn_file_errors(label: str, run: _Run) -> None:
    """One warning per kind of error in the file just read, with a count when it repeats
    (632 identical lines of a JSONL file are one warning)."""
    for (error_type, message), members in run.file_errors.items():
        where = label + (f" [{members[0]}]" if members[0] else "")
        count = f" ({len(members):,} times in this file; the first shown)" if len(members) > 1 else ""
        run.progress.warn(f"{where}: {error_type}: {message}{count}")
    run.file_errors = {}


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _collect(result: BatchResult, run: _Run) -> None:
    """Write a batch's rows and count them."""
    summary = run.summary
    for table, rows in result.tables.items():
        run.writer.add(table, rows)
    failed = set()
    for row in result.tables.get("errors", []):
        _count_failure(row["source_path"], run)
        failed.add(row["doc_id"])
    for document in result.tables.get("documents", []):
        doc_id = document["doc_id"]
        run.manifest.documents[doc_id] = run.version
        if doc_id in run.outdated:
            run.outdated.discard(doc_id)
            run.replaced.add(doc_id)
        if doc_id in failed:
            run.manifest.failed_documents.add(doc_id)
        else:
            run.manifest.failed_documents.discard(doc_id)
    summary.n_documents += result.n_documents
    summary.n_articles += result.n_articles
    summary.n_sentences += result.n_sentences
    summary.n_chars += result.n_chars
    _finish_inputs(run)
    run.progress.update(documents=summary.n_documents, chars=summary.n_chars, errors=summary.n_errors)


def print_summary(summary: RunSummary, console: Console | None = None) -> None:
    """The end-of-run summary on stdout, counts written as `baokan status` writes them."""
    out = console or stdout_console()
    rate = summary.chars_per_second
    if rate is None:
        rate = summary.n_chars / summary.seconds if summary.seconds else 0.0
    startup = "" if summary.startup_seconds is None else \
        f" ({seconds(summary.startup_seconds)} to load the models and do the first batch)"
    out.print(Text.assemble((f"Baokan run {summary.run_id}", "bold"), f" → {summary.out}"))
    out.print(
        f"  inputs {count(summary.n_inputs)} (unchanged {count(summary.n_unchanged_inputs)}) · "
        f"documents {count(summary.n_documents)} (already present {count(summary.n_skipped)}, "
        f"reprocessed {count(summary.n_reprocessed)}) · articles {count(summary.n_articles)} · "
        f"sentences {count(summary.n_sentences)} · errors {count(summary.n_errors)} · "
        + (f"notices {count(summary.n_notices)} · " if summary.n_notices else "") +
        f"{seconds(summary.seconds)}{startup} · {count(rate)} chars/s", markup=False,
    )
    extra = {k: v for k, v in summary.table_rows.items()
             if k not in ("documents", "articles", "sentences", "errors", "runs")}
    if extra:
        out.print("  " + " · ".join(f"{name} {count(n)}" for name, n in extra.items()))
    if summary.recovered_runs:
        out.print(f"  finished the interrupted commit of run(s) {', '.join(summary.recovered_runs)}",
                  markup=False)
    for title, paths in (("failed inputs", summary.failed_inputs),
                         ("no input file under", summary.empty_inputs)):
        if paths:
            out.print(f"  [yellow]{title} ({count(len(paths))}):[/]")
            for path in paths:
                out.print(f"    {path}", markup=False)


def exit_status(summary: RunSummary) -> int:
    """The CLI's exit status for a finished run: 2 when some inputs failed or a directory
    held no matching file (or nothing was read at all), else 0."""
    return 2 if summary.failed_inputs or summary.empty_inputs or not summary.n_inputs else 0
