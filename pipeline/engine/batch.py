"""The work unit every engine runs: a batch of normalized documents → rows for every table.

Plain values in, plain values out, so the same function runs inline, in a local process
pool and on a Dask worker; the spaCy pipeline is loaded once per process (`nlp()` caches).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from pipeline.ingest import IngestError, Source
from pipeline.layout import Article
from pipeline.nlp.language import nlp
from pipeline.nlp.settings import DEFAULT_SETTINGS, Settings
from pipeline.tables import rows


@dataclass
class Document:
    """A normalized page and its articles, ready for the spaCy stage."""

    source: Source
    doc_id: str
    text: str
    articles: list[Article]


@dataclass
class BatchResult:
    """Rows per table for a batch, plus counts for the run summary."""

    tables: dict[str, list[dict]] = field(default_factory=dict)
    n_documents: int = 0
    n_articles: int = 0
    n_sentences: int = 0
    n_chars: int = 0

    def add(self, table: str, table_rows: list[dict]) -> None:
        self.tables.setdefault(table, []).extend(table_rows)


def process_batch(batch: list[Document], run_id: str,
                  settings: Settings = DEFAULT_SETTINGS) -> BatchResult:
    """Run the spaCy pipeline over every article of the batch and build all rows.

    Runs inside `nlp.memory_zone()`: the strings the batch adds to the vocabulary are freed
    afterwards, so a long run's memory does not grow with the archive.
    """
    language = nlp(settings)
    with language.memory_zone():
        return _process(language, batch, run_id)


def _process(language, batch: list[Document], run_id: str) -> BatchResult:
    jobs = [(doc, i, article) for doc in batch for i, article in enumerate(doc.articles)]
    result = BatchResult()
    processed = _pipe(language, [_make_doc(language, doc, article) for doc, _, article in jobs],
                      jobs, result, run_id)
    now = datetime.now(UTC)
    for document in batch:
        result.add("documents", [rows.document_row(document, run_id, now)])
        result.n_documents += 1
        result.n_chars += len(document.text)
    for (document, index, article), doc in zip(jobs, processed, strict=True):
        if doc is None:
            continue
        ref = rows.ArticleRef(document.doc_id, f"{document.doc_id}-a{index}", article.start, run_id)
        result.add("articles", [rows.article_row(document, index, article, ref)])
        sentences = rows.sentence_rows(doc, ref)
        result.add("sentences", sentences)
        for table, table_rows in rows.stage_rows(doc, ref, sentences).items():
            result.add(table, table_rows)
        result.n_articles += 1
        result.n_sentences += len(sentences)
    return result


def _make_doc(language, document: Document, article: Article):
    doc = language.make_doc(document.text[article.start : article.end])
    doc._.meta = {"city": None, "date": document.source.published_date,
                  "source_name": document.source.source_name}
    return doc


def _pipe(language, docs, jobs, result: BatchResult, run_id: str) -> list:
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
            result.add("errors", [rows.error_row(error, run_id)])
            processed.append(None)
    return processed
