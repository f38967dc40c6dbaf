"""Every table Baokan writes, declared once.

`start`/`end` are always character offsets into `documents.text` (end exclusive).
Every row carries `doc_id` and `run_id`. A change here is a deliberate, documented
change: bump `SCHEMA_VERSION` and note it in CHANGELOG.md.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "2"


def _f(name: str, type_: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"doc": doc})


def _ids(*names: str) -> list[pa.Field]:
    docs = {
        "doc_id": "stable id of the document (hash of its normalized text)",
        "article_id": "id of the article within the document: <doc_id>-a<index>",
        "sentence_id": "id of the sentence: <article_id>-s<index>",
    }
    return [_f(n, pa.string(), docs[n], nullable=n == "sentence_id") for n in names]


def _span(text_doc: str = "surface text, documents.text[start:end]") -> list[pa.Field]:
    return [
        _f("start", pa.int32(), "start offset into documents.text", nullable=False),
        _f("end", pa.int32(), "end offset into documents.text (exclusive)", nullable=False),
        _f("text", pa.string(), text_doc, nullable=False),
    ]


RUN_ID = _f("run_id", pa.string(), "id of the run that wrote the row", nullable=False)

DOCUMENTS = pa.schema(
    [
        *_ids("doc_id"),
        _f("source_path", pa.string(), "input file the document came from", nullable=False),
        _f("source_member", pa.string(), "archive member or JSONL line (null for plain files)"),
        _f("encoding", pa.string(), "detected or declared text encoding"),
        _f("published_date", pa.date32(), "publication date from metadata or path"),
        _f("source_name", pa.string(), "newspaper / source name from metadata"),
        _f("title", pa.string(), "title from metadata (HTML <title>, JSONL title)"),
        _f("url", pa.string(), "URL from metadata"),
        _f("n_chars", pa.int32(), "length of the normalized text", nullable=False),
        _f("content_sha256", pa.string(), "sha256 of the raw input bytes", nullable=False),
        _f("text", pa.string(), "normalized text; all offsets refer to it", nullable=False),
        RUN_ID,
        _f("processed_at", pa.timestamp("us", tz="UTC"), "when the document was processed"),
    ]
)

ARTICLES = pa.schema(
    [
        *_ids("doc_id", "article_id"),
        _f("article_index", pa.int32(), "0-based position of the article on the page", nullable=False),
        _f("headline", pa.string(), "main headline"),
        _f("subheadline", pa.string(), "kicker / subtitle lines joined by newline"),
        _f("reporters", pa.list_(pa.string()), "names from the byline and photo credits"),
        _f("dateline", pa.string(), "dateline as written, e.g. 本报讯(记者 X)7月5日"),
        _f("event_date", pa.date32(),
           "day the article reports, from its dateline or lead and the publication date "
           "(7月5日, 昨天(22日)); null when unknown"),
        _f("type", pa.string(), "news | feature | brief | caption", nullable=False),
        *_span("article text including headline lines"),
        RUN_ID,
    ]
)

SENTENCES = pa.schema(
    [
        *_ids("doc_id", "article_id"),
        _f("sentence_id", pa.string(), "<article_id>-s<index>", nullable=False),
        *_span(),
        RUN_ID,
    ]
)

ENTITIES = pa.schema(
    [
        *_ids("doc_id", "article_id", "sentence_id"),
        _f("entity_id", pa.string(), "<article_id>-e<index>", nullable=False),
        *_span(),
        _f("label", pa.string(), "PER | LOC | ORG", nullable=False),
        _f("canonical", pa.string(), "full official form where known (丽水 → 丽水市)"),
        _f("source", pa.string(), "model | rule | gazetteer", nullable=False),
        _f("score", pa.float32(), "confidence in [0, 1]"),
        RUN_ID,
    ]
)

PEOPLE_ROLES = pa.schema(
    [
        *_ids("doc_id", "article_id", "sentence_id"),
        _f("person", pa.string(), "person name", nullable=False),
        _f("title", pa.string(), "title as written (市委书记, 组长)"),
        _f("organization", pa.string(), "organization the title belongs to (市委)"),
        *_span("surface text of the title + name pattern"),
        RUN_ID,
    ]
)

SLOGANS = pa.schema(
    [
        *_ids("doc_id", "article_id", "sentence_id"),
        _f("slogan_id", pa.string(), "<article_id>-k<index>", nullable=False),
        *_span("surface text including quotes"),
        _f("canonical", pa.string(), "quotes stripped, width and quote style unified", nullable=False),
        _f("kind", pa.string(), "quoted | numbered | lexicon", nullable=False),
        _f("head", pa.string(), "the noun the slogan modifies (战略, 部署)"),
        _f("issuer", pa.string(), "body that issued it when stated (省委)"),
        _f("score", pa.float32(), "confidence in [0, 1]"),
        RUN_ID,
    ]
)

QUOTATIONS = pa.schema(
    [
        *_ids("doc_id", "article_id", "sentence_id"),
        *_span("surface text including quotes"),
        _f("type", pa.string(), "speech | name | other (quotes that are not slogans)", nullable=False),
        RUN_ID,
    ]
)

STATISTICS = pa.schema(
    [
        *_ids("doc_id", "article_id", "sentence_id"),
        _f("stat_id", pa.string(), "<article_id>-n<index>", nullable=False),
        *_span(),
        _f("value", pa.float64(), "value in base units (亿元 → 元); finite", nullable=False),
        _f("value_high", pa.float64(), "upper bound for ranges (3至5万), else null"),
        _f("unit", pa.string(), "base unit (元, 人, %, 百分点, 倍, 吨 …)"),
        _f("surface_unit", pa.string(), "unit as written (亿元, 万人次)"),
        _f("currency", pa.string(), "CNY, USD … for money, else null"),
        _f("qualifier", pa.string(), "exact | approx | over | under | at_most | at_least", nullable=False),
        _f("role", pa.string(), "level | from | to | change_pct | change_multiple | change_abs | pct_point | share | ratio | rank | count | target", nullable=False),
        _f("indicator", pa.string(), "what the figure measures (生产总值)"),
        _f("subject", pa.string(), "region or body it belongs to (丽水市)"),
        _f("year", pa.int32(), "year when stated"),
        _f("period", pa.string(), "period when stated (一季度, 1-6月份, 25年来)"),
        _f("statement_id", pa.string(), "rows of one statement share it", nullable=False),
        _f("score", pa.float32(), "confidence in [0, 1]"),
        RUN_ID,
    ]
)

ERRORS = pa.schema(
    [
        _f("source_path", pa.string(), "input that failed", nullable=False),
        _f("source_member", pa.string(), "archive member or JSONL line number"),
        _f("stage", pa.string(), "ingest | decode | parse | nlp | write", nullable=False),
        _f("error_type", pa.string(), "short machine-readable kind", nullable=False),
        _f("message", pa.string(), "human-readable explanation", nullable=False),
        _f("doc_id", pa.string(), "document the error belongs to (nlp stage); null for an input's own errors"),
        RUN_ID,
    ]
)

RUNS = pa.schema(
    [
        RUN_ID,
        _f("started_at", pa.timestamp("us", tz="UTC"), "run start", nullable=False),
        _f("finished_at", pa.timestamp("us", tz="UTC"), "run end"),
        _f("status", pa.string(), "ok | partial | failed", nullable=False),
        _f("pipeline_version", pa.string(), "baokan version", nullable=False),
        _f("model_versions", pa.map_(pa.string(), pa.string()), "model name → version"),
        _f("n_inputs", pa.int32(), "input files and archive members seen", nullable=False),
        _f("n_documents", pa.int32(), "documents written", nullable=False),
        _f("n_articles", pa.int32(), "articles written", nullable=False),
        _f("n_sentences", pa.int32(), "sentences written", nullable=False),
        _f("n_errors", pa.int32(), "errors recorded", nullable=False),
        _f("error", pa.string(), "why a failed run stopped (exception type and message); null otherwise"),
    ]
)

# Derived tables (pipeline/tables/derived.py): rebuilt from the tables above after every run
# that changed them; `run_id` is the run that rebuilt them. Dates are the articles'
# event_date, else their publication date.
_PERSON = _f("person_id", pa.string(), "one person across the archive: name@main place (#2 … for namesakes)",
             nullable=False)
_NAME = _f("name", pa.string(), "the person's name", nullable=False)


def _seen(what: str) -> list[pa.Field]:
    return [_f("first_seen", pa.date32(), f"date of the first article {what}"),
            _f("last_seen", pa.date32(), f"date of the last article {what}")]


PEOPLE = pa.schema(
    [
        _PERSON,
        _NAME,
        _f("n_mentions", pa.int32(), "mentions: full name, 吴书记, a head's title alone, bylines",
           nullable=False),
        _f("n_articles", pa.int32(), "articles that name the person", nullable=False),
        *_seen("naming the person"),
        _f("places", pa.list_(pa.string()), "main places (offices' places, else the articles'), most frequent first"),
        _f("organizations", pa.list_(pa.string()), "main organizations of the offices named, most frequent first"),
        RUN_ID,
    ]
)

OFFICES = pa.schema(
    [
        _PERSON,
        _NAME,
        _f("title", pa.string(), "unified title (市委书记, 副市长, 代市长, 组长)", nullable=False),
        _f("organization", pa.string(), "canonical organization (中共丽水市委, 遂昌县人民政府)",
           nullable=False),
        _f("place", pa.string(), "place of the organization (丽水市, 遂昌县, 全国)"),
        *_seen("naming the person in the post"),
        _f("n_articles", pa.int32(), "articles naming the person in the post", nullable=False),
        _f("example_article_id", pa.string(), "the first article naming the person in the post",
           nullable=False),
        RUN_ID,
    ]
)

CO_MENTIONS = pa.schema(
    [
        _f("person_a", pa.string(), "person_id (the smaller of the pair)", nullable=False),
        _f("person_b", pa.string(), "person_id (the larger of the pair)", nullable=False),
        _f("name_a", pa.string(), "name of person_a", nullable=False),
        _f("name_b", pa.string(), "name of person_b", nullable=False),
        _f("n_articles", pa.int32(), "articles naming both (people named in 2+ articles; bylines left out)",
           nullable=False),
        *_seen("naming both"),
        RUN_ID,
    ]
)

PERSON_MENTIONS = pa.schema(
    [
        *_ids("doc_id", "article_id"),
        _PERSON,
        _NAME,
        *_span(),
        _f("kind", pa.string(), "name | byline | surname_title | title", nullable=False),
        _f("date", pa.date32(), "the article's event_date, else its publication date"),
        RUN_ID,
    ]
)

DERIVED = ("people", "offices", "co_mentions", "person_mentions")

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "articles": ARTICLES,
    "sentences": SENTENCES,
    "entities": ENTITIES,
    "people_roles": PEOPLE_ROLES,
    "slogans": SLOGANS,
    "quotations": QUOTATIONS,
    "statistics": STATISTICS,
    "errors": ERRORS,
    "runs": RUNS,
    "people": PEOPLE,
    "offices": OFFICES,
    "co_mentions": CO_MENTIONS,
    "person_mentions": PERSON_MENTIONS,
}
# What a run writes itself (the derived tables are rebuilt from these).
RUN_TABLES: dict[str, pa.Schema] = {k: v for k, v in TABLES.items() if k not in DERIVED}


def data_dictionary() -> str:
    """The data dictionary as Markdown (the README's copy is checked against it by a test)."""
    lines = []
    for table, schema in TABLES.items():
        lines += [f"#### `{table}`", "", "| column | type | meaning |", "|---|---|---|"]
        for field in schema:
            doc = (field.metadata or {}).get(b"doc", b"").decode("utf-8")
            lines.append(f"| `{field.name}` | {field.type} | {doc} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(data_dictionary())
