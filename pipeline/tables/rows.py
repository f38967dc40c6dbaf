"""Every row Baokan writes is built here: `documents`, `articles`, `sentences`, the stage
tables from the processed spaCy Docs (one per article), `errors` and `runs`.

What each component leaves on the Doc is read here, through one explicit mapping
(STAGE_TABLES: table → id column, id prefix, extractor): the extractors give the table's own
columns with `start`/`end` relative to the article Doc; `stage_rows` adds the ids, shifts
offsets into `documents.text` and attaches the sentence each row falls in.

| table | read from the Doc (set by) |
|---|---|
| entities | `doc.ents` with `Span._.canonical/source/score` (`baokan_entities`) |
| people_roles | `doc._.people_roles` (`baokan_entities`) |
| slogans, quotations | `doc._.slogan_rows`, `doc._.quotation_rows` (`baokan_slogans`) |
| statistics | `doc.spans["statistics"]` with `Span._.statistic` (`baokan_statistics`) |
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from spacy.tokens import Doc

from pipeline.event_dates import event_date
from pipeline.ingest.source import IngestError, Source, escape_name
from pipeline.layout import Article
from pipeline.nlp.doc_text import doc_text
from pipeline.nlp.settings import Settings
from pipeline.version import __version__

RowExtractor = Callable[[Doc], list[dict]]
STATISTICS_SPAN_KEY = "statistics"


def entity_rows(doc: Doc) -> list[dict]:
    """Rows of the `entities` table."""
    return [
        {"start": ent.start_char, "end": ent.end_char, "text": ent.text, "label": ent.label_,
         "canonical": ent._.canonical, "source": ent._.source or "model",
         "score": ent._.score}
        for ent in doc.ents
    ]


def role_rows(doc: Doc) -> list[dict]:
    """Rows of the `people_roles` table."""
    roles = _extension(doc, "people_roles") or []
    text = doc_text(doc) if roles else ""
    return [
        {"person": r["person"], "title": r["title"], "organization": r["organization"],
         "start": r["start"], "end": r["end"], "text": text[r["start"]:r["end"]]}
        for r in roles
    ]


def slogan_rows(doc: Doc) -> list[dict]:
    """Rows of the `slogans` table."""
    return [dict(r) for r in _extension(doc, "slogan_rows") or []]


def quotation_rows(doc: Doc) -> list[dict]:
    """Rows of the `quotations` table."""
    return [dict(r) for r in _extension(doc, "quotation_rows") or []]


def statistic_rows(doc: Doc) -> list[dict]:
    """Rows of the `statistics` table."""
    if STATISTICS_SPAN_KEY not in doc.spans:
        return []
    return [dict(span._.statistic) for span in doc.spans[STATISTICS_SPAN_KEY]
            if span._.statistic]


def _extension(doc: Doc, name: str):
    """`doc._.<name>`, or None when no component registered it (the stage did not run)."""
    return doc._.get(name) if Doc.has_extension(name) else None


@dataclass(frozen=True)
class StageTable:
    """One table filled from the Doc: its row-id column and prefix, and its extractor."""

    table: str
    id_column: str
    prefix: str
    extractor: RowExtractor


STAGE_TABLES: tuple[StageTable, ...] = (
    StageTable("entities", "entity_id", "e", entity_rows),
    StageTable("people_roles", "", "", role_rows),
    StageTable("slogans", "slogan_id", "k", slogan_rows),
    StageTable("quotations", "", "q", quotation_rows),
    StageTable("statistics", "stat_id", "n", statistic_rows),
)


@dataclass(frozen=True)
class ArticleRef:
    """Where an article Doc sits: its ids and its offset in `documents.text`."""

    doc_id: str
    article_id: str
    offset: int
    run_id: str


def sentence_rows(doc: Doc, ref: ArticleRef) -> list[dict]:
    """One row per sentence, whitespace trimmed, empty sentences skipped."""
    rows = []
    for sent in doc.sents:
        text = sent.text
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        if right <= left:
            continue
        start = sent.start_char + left
        rows.append(
            {
                "doc_id": ref.doc_id,
                "article_id": ref.article_id,
                "sentence_id": f"{ref.article_id}-s{len(rows)}",
                "start": ref.offset + start,
                "end": ref.offset + sent.start_char + right,
                "text": text[left:right],
                "run_id": ref.run_id,
            }
        )
    return rows


def stage_rows(doc: Doc, ref: ArticleRef, sentences: list[dict]) -> dict[str, list[dict]]:
    """Rows of every stage table (STAGE_TABLES) for one article Doc."""
    starts = [s["start"] for s in sentences]
    tables: dict[str, list[dict]] = {}
    for stage in STAGE_TABLES:
        id_column, prefix, rows = stage.id_column, stage.prefix, []
        for index, row in enumerate(stage.extractor(doc)):
            row = dict(row)
            row["start"] += ref.offset
            row["end"] += ref.offset
            row["doc_id"] = ref.doc_id
            row["article_id"] = ref.article_id
            row["sentence_id"] = _sentence_at(row["start"], starts, sentences)
            row["run_id"] = ref.run_id
            if id_column:
                row[id_column] = f"{ref.article_id}-{prefix}{index}"
            if "statement_id" in row:
                row["statement_id"] = f"{ref.article_id}-st{row['statement_id']}"
            rows.append(row)
        tables[stage.table] = rows
    return tables


def _sentence_at(start: int, starts: list[int], sentences: list[dict]) -> str | None:
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and start < sentences[i]["end"]:
        return sentences[i]["sentence_id"]
    return None


class DocumentLike(Protocol):
    """A normalized page (`pipeline.engine.batch.Document`)."""

    source: Source
    doc_id: str
    text: str


def document_row(document: DocumentLike, run_id: str, now: datetime) -> dict:
    """The `documents` row of a normalized page."""
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


def article_row(document: DocumentLike, index: int, article: Article, ref: ArticleRef) -> dict:
    """The `articles` row of the article at `index` of a page."""
    return {
        "doc_id": document.doc_id,
        "article_id": ref.article_id,
        "article_index": index,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "reporters": article.reporters,
        "dateline": article.dateline,
        "event_date": event_date(article, document.text, document.source.published_date),
        "type": article.type,
        "start": article.start,
        "end": article.end,
        "text": document.text[article.start : article.end],
        "run_id": ref.run_id,
    }


def error_row(error: IngestError, run_id: str) -> dict:
    """The `errors` row of a bad input or a failed article; every string made storable as
    UTF-8 (a message may quote a name that is not)."""
    row = {key: escape_name(value)[0] if isinstance(value, str) else value
           for key, value in vars(error).items()}
    return {**row, "run_id": run_id}


class RunCounts(Protocol):
    """What a run counted (`pipeline.runner.RunSummary`)."""

    run_id: str
    failed_inputs: list
    n_inputs: int
    n_documents: int
    n_articles: int
    n_sentences: int
    n_errors: int


def run_row(summary: RunCounts, started: datetime, settings: Settings,
            status: str | None = None, error: str | None = None) -> dict:
    """The `runs` row: status (`failed` with its `error` for a run stopped by an exception),
    versions of Baokan, its models and its processing, counts."""
    from pipeline.nlp.language import model_versions
    from pipeline.tables.state import processing_version

    return {
        "run_id": summary.run_id,
        "started_at": started,
        "finished_at": datetime.now(UTC),
        "status": status or ("partial" if summary.failed_inputs else "ok"),
        "pipeline_version": __version__,
        "model_versions": [*model_versions(settings).items(),
                           ("processing", processing_version(settings))],
        "n_inputs": summary.n_inputs,
        "n_documents": summary.n_documents,
        "n_articles": summary.n_articles,
        "n_sentences": summary.n_sentences,
        "n_errors": summary.n_errors,
        "error": error,
    }
