"""The work unit every engine runs: a batch of normalized documents → rows for every table.

Plain values in, plain values out, so the same function runs inline, in a local process
pool and on a Dask worker; the spaCy pipeline is loaded once per process (`nlp()` caches).

An article longer than `MAX_ARTICLE_CHARS` (or spaCy's `max_length`) is processed as
consecutive article rows cut at paragraph, else sentence boundaries: the pipeline's memory
grows by about 12 KB per character of one Doc (a 950,000-character page peaked at 10.7 GB),
so the cut bounds memory per article; the first piece keeps the headline and bylines.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pipeline.ingest import IngestError, Source
from pipeline.layout import Article
from pipeline.nlp.language import nlp
from pipeline.nlp.settings import DEFAULT_SETTINGS, Settings
from pipeline.tables import rows

MAX_ARTICLE_CHARS = 20_000
SENTENCE_ENDS = "。!?;！？；…"


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


def bounded_articles(text: str, articles: list[Article], limit: int) -> list[Article]:
    """`articles` with every article longer than `limit` cut into consecutive pieces of at
    most `limit` characters (continuation pieces have no headline, bylines or dateline)."""
    bounded: list[Article] = []
    for article in articles:
        cuts = _cuts(text, article.start, article.end, limit)
        for index, (start, end) in enumerate(cuts):
            if index == 0:
                bounded.append(dataclasses.replace(article, start=start, end=end))
            else:
                bounded.append(Article(start, end, type=article.type))
    return bounded


def _cuts(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """(start, end) pieces of text[start:end]: greedy, each cut after the last line break in
    the window, else after its last sentence end, else at the limit."""
    pieces = []
    while end - start > limit:
        window = text[start:start + limit]
        cut = _last_break(window, limit // 2) or _last_break(window, 1) or limit
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return pieces


def _last_break(window: str, least: int) -> int:
    """Length of the longest prefix of at least `least` characters ending in a line break,
    else in a sentence end; 0 if none."""
    newline = window.rfind("\n") + 1
    if newline >= least:
        return newline
    sentence = max(window.rfind(mark) for mark in SENTENCE_ENDS) + 1
    return sentence if sentence >= least else 0


def _process(language, batch: list[Document], run_id: str) -> BatchResult:
    limit = min(MAX_ARTICLE_CHARS, language.max_length)
    for document in batch:
        document.articles = bounded_articles(document.text, document.articles, limit)
    jobs = [(doc, i, article) for doc in batch for i, article in enumerate(doc.articles)]
    result = BatchResult()
    processed = _pipe(language, jobs, result, run_id)
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


def _pipe(language, jobs, result: BatchResult, run_id: str) -> list:
    """nlp.pipe over the batch; on failure, article by article from fresh Docs (the failed
    pipe may have changed the first ones), so one bad article is one errors row."""
    try:
        return list(language.pipe(_make_doc(language, doc, article) for doc, _, article in jobs))
    except Exception:  # noqa: BLE001 - isolate the failing article below
        pass
    processed = []
    for document, index, article in jobs:
        try:
            processed.append(language(_make_doc(language, document, article)))
        except Exception as exc:  # noqa: BLE001 - recorded as an errors row
            source = document.source
            error = IngestError(source.path, source.member, "nlp", type(exc).__name__,
                                f"article {index}: {exc}", document.doc_id)
            result.add("errors", [rows.error_row(error, run_id)])
            processed.append(None)
    return processed
