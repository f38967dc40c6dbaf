"""Derived tables: people, offices, co_mentions and person_mentions, rebuilt from the
published documents, articles, entities and people_roles after every run that changed them.

The rebuild reads the published Parquet files (declared schemas, so parts written before a
column existed read it as null), derives the rows (`pipeline.people.build`) and publishes
them through the same commit journal as a run: the new parts and `_state/derived.json` (the
fingerprint of the inputs it was built from) are moved in, the old parts deleted, in one
journal. A run that changed none of the inputs (a nightly no-op) finds the same
fingerprint and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import defaultdict
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.analysis import read_arrow, table_files
from pipeline.paths import PACKAGE, RESOURCES
from pipeline.people.build import build
from pipeline.people.mentions import ArticleInput, EntityRow, RoleRow, place_names, refine
from pipeline.people.places import UNKNOWN, Place, article_place, name_place
from pipeline.tables import state
from pipeline.tables.schemas import DERIVED, TABLES

SOURCE_DOMINANCE = 3.0  # a paper's county must be named 3× as often as any other
SOURCES = ("documents", "articles", "entities", "people_roles")
FINGERPRINT = "derived.json"
CODE = (PACKAGE / "people", PACKAGE / "tables" / "derived.py")
RESOURCE_FILES = ("divisions.tsv", "organs.tsv", "titles.txt", "leaders.tsv", "surnames.txt")


def fingerprint(out: Path) -> str:
    """Digest of the source tables' part files (names, sizes, mtimes), the lexicons the
    derived stage reads and its code: equal fingerprints give equal derived tables."""
    digest = hashlib.sha256()
    for table in SOURCES:
        for path in table_files(out, table):
            info = path.stat()
            digest.update(f"{path.relative_to(out)}\t{info.st_size}\t{info.st_mtime_ns}\n".encode())
    for name in RESOURCE_FILES:
        path = RESOURCES / name
        digest.update(path.read_bytes() if path.exists() else b"")
    for root in CODE:
        for path in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def is_current(out: Path, digest: str | None = None) -> bool:
    """The derived tables exist and were built from the current inputs."""
    path = out / state.STATE / FINGERPRINT
    if not path.exists() or not all(table_files(out, table) for table in DERIVED):
        return False
    stored = json.loads(path.read_text(encoding="utf-8")).get("fingerprint")
    return stored == (digest or fingerprint(out))


def rebuild(out: Path, run_id: str) -> dict[str, int] | None:
    """Rebuild and publish the derived tables unless current; rows per table, or None when
    nothing had to be done. Call it holding the output lock (the runner does)."""
    digest = fingerprint(out)
    if is_current(out, digest):
        return None
    derived = build(read_articles(out))
    staging = out / state.STAGING / f"{run_id}-derived"
    moves: list[tuple[Path, Path]] = []
    counts = {}
    for table, rows in derived.tables().items():
        part = staging / table / f"part-{run_id}-derived.parquet"
        _write(part, pa.Table.from_pylist([{**r, "run_id": run_id} for r in rows],
                                          schema=TABLES[table]))
        moves.append((part, out / table / part.name))
        counts[table] = len(rows)
    record = staging / FINGERPRINT
    record.write_text(json.dumps({"fingerprint": digest, "run_id": run_id}), encoding="utf-8")
    moves.append((record, out / state.STATE / FINGERPRINT))
    deletes = [p for table in DERIVED for p in table_files(out, table)
               if p.name not in {m[1].name for m in moves}]
    state.commit(out, f"{run_id}-derived", moves, deletes)
    shutil.rmtree(staging, ignore_errors=True)
    return counts


def _write(path: Path, data: pa.Table) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(data, path, compression="zstd")


def read_articles(out: Path) -> list[ArticleInput]:
    """Every published article with its date, entities and roles (document offsets)."""
    documents = read_arrow(out, "documents", ["doc_id", "published_date", "source_name"])
    published = dict(zip(documents["doc_id"].to_pylist(),
                         zip(documents["published_date"].to_pylist(),
                             documents["source_name"].to_pylist(), strict=True), strict=True))
    entities = _by_article(read_arrow(out, "entities",
                                      ["article_id", "start", "end", "text", "label", "canonical"]),
                           EntityRow)
    roles = _by_article(read_arrow(out, "people_roles",
                                   ["article_id", "person", "title", "organization", "start", "end"]),
                        RoleRow)
    columns = ["article_id", "doc_id", "start", "text", "event_date"]
    articles = read_arrow(out, "articles", columns).to_pydict()
    inputs = []
    for article_id, doc_id, start, text, event_day in zip(*(articles[c] for c in columns),
                                                          strict=True):
        day, source = published.get(doc_id, (None, None))
        inputs.append(ArticleInput(article_id, doc_id, start, text, event_day or day,
                                   entities.get(article_id, []), roles.get(article_id, []),
                                   source))
    _page_places(inputs)
    return sorted(inputs, key=lambda a: a.article_id)


def _by_article(data: pa.Table, row_type) -> dict[str, list]:
    columns = data.to_pydict()
    ids = columns.pop("article_id")
    grouped: dict[str, list] = defaultdict(list)
    for article_id, *values in zip(ids, *columns.values(), strict=True):
        grouped[article_id].append(row_type(*values))
    for rows in grouped.values():
        rows.sort(key=lambda r: (r.start, r.end))
    return grouped


def _page_places(articles: list[ArticleInput]) -> None:
    """Where an article that names no place (or only its province) is: its page's place
    (the places its articles name), refined by its paper's (source_name: a county paper
    rarely names its county); and the paper's place itself."""
    pages: dict[str, list[str]] = defaultdict(list)
    sources: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        names = place_names(article)
        pages[article.doc_id] += names
        if article.source_name:
            sources[article.source_name] += names
    page_place = {doc_id: article_place(found) for doc_id, found in pages.items()}
    paper_place = {name: _paper_place(name, found) for name, found in sources.items()}
    for article in articles:
        place = page_place.get(article.doc_id, article.fallback_place)
        paper = paper_place.get(article.source_name or "", UNKNOWN)
        article.paper_place = paper
        article.fallback_place = refine(place, paper)


def _paper_place(source_name: str, names: list[str]) -> Place:
    """The place a paper serves: the one its name names (丽水日报, 今日遂昌), else the one its
    articles name most (a county only when it dominates three to one)."""
    named = name_place(source_name)
    return named if named.known else article_place(names, SOURCE_DOMINANCE)
