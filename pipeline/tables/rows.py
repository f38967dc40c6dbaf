"""Turn processed spaCy Docs (one per article) into rows for every table.

Each stage module exposes extractors `fn(doc) -> list[dict]` whose rows hold the table's
own columns with `start`/`end` relative to the article Doc. This module adds the ids,
shifts offsets into `documents.text` and attaches the sentence each row falls in.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

RowExtractor = Callable[[Doc], list[dict]]

# table name → (id column, id prefix, extractor); stage modules register themselves here.
EXTRACTORS: dict[str, tuple[str, str, RowExtractor]] = {}


def register(table: str, id_column: str | None, prefix: str, extractor: RowExtractor) -> None:
    """Declare that `extractor` yields rows of `table` for each article Doc."""
    EXTRACTORS[table] = (id_column or "", prefix, extractor)


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
    """Rows of every registered stage table for one article Doc."""
    starts = [s["start"] for s in sentences]
    tables: dict[str, list[dict]] = {}
    for table, (id_column, prefix, extractor) in EXTRACTORS.items():
        rows = []
        for index, row in enumerate(extractor(doc)):
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
        tables[table] = rows
    return tables


def _sentence_at(start: int, starts: list[int], sentences: list[dict]) -> str | None:
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0 and start < sentences[i]["end"]:
        return sentences[i]["sentence_id"]
    return None
