"""Slogan extraction measured on real news: the shared CCTV corpus, labelled by offsets only.

`data/slogans_news_labels.jsonl` holds one record per labelled span —
{"item", "start", "end", "label", "split"} — and no corpus text. Every quote pair of a
labelled item is labelled slogan | speech | name | other, and every formulation outside
quotes is labelled `unquoted` (guideline: data/slogans_README.md). Splits: dev (tuned on),
test (looked at in earlier sessions), heldout (never used for tuning).

Quoted spans match by exact offsets; unquoted ones match one-to-one by overlap, so a
boundary convention (乡村振兴 vs 乡村振兴战略) does not count as a miss. The naive baseline
("every quoted span of at most 20 characters is a slogan") finds nothing outside quotes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.evaluate.slogan_counts import (
    NAIVE_MAX_CHARS,
    NEWS_CORPUS,
    NEWS_LABELS,
    Counts,
    Finder,
    load,
    tally,
)

SPLITS = ("dev", "test", "heldout")
KINDS = ("quoted", "unquoted", "all")
QUOTE_LABELS = ("slogan", "speech", "name", "other")
QUOTE_MARKS = "“‘「『\"〝"


@dataclass
class NewsReport:
    """Counts per kind (quoted | unquoted | all) for Baokan and the naive baseline."""

    ours: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    naive: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    items: int = 0


def corpus_items(ids: Iterable[str], corpus: Path = NEWS_CORPUS) -> dict[str, str]:
    """item id → raw content for the wanted ids."""
    wanted, items = set(ids), {}
    with open(corpus, encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            if item["id"] in wanted:
                items[item["id"]] = item["content"]
    return items


def news_check(find: Finder, labels: Path = NEWS_LABELS, corpus: Path = NEWS_CORPUS,
               split: str = "all") -> NewsReport | None:
    """Score `find` on the labelled news items of `split` (None without the corpus)."""
    if not corpus.exists() or not labels.exists():
        return None
    by_item: dict[str, list[dict]] = {}
    for label in load(labels):
        if split in ("all", label["split"]):
            by_item.setdefault(label["item"], []).append(label)
    report = NewsReport()
    for item_id, text in corpus_items(by_item, corpus).items():
        score_item(by_item[item_id], find(text)[0], report)
        report.items += 1
    return report


def score_item(labels: list[dict], rows: list[dict], report: NewsReport) -> None:
    """Add one item's counts to `report`."""
    quoted = {(r["start"], r["end"]) for r in rows if r["text"][:1] in QUOTE_MARKS}
    unquoted = [(r["start"], r["end"]) for r in rows if r["text"][:1] not in QUOTE_MARKS]
    quotes = {(w["start"], w["end"]): w["label"] for w in labels if w["label"] in QUOTE_LABELS}
    gold_unquoted = [(w["start"], w["end"]) for w in labels if w["label"] == "unquoted"]
    for span, label in quotes.items():
        gold = label == "slogan"
        _add(report.ours, "quoted", gold, span in quoted)
        _add(report.naive, "quoted", gold, span[1] - span[0] - 2 <= NAIVE_MAX_CHARS)
    matched = _match(gold_unquoted, unquoted)
    _bulk(report.ours, "quoted", 0, len(quoted - set(quotes)), 0)
    _bulk(report.ours, "unquoted", matched, len(unquoted) - matched,
          len(gold_unquoted) - matched)
    _bulk(report.naive, "unquoted", 0, 0, len(gold_unquoted))


def _match(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> int:
    """Size of a greedy one-to-one matching of overlapping spans."""
    free = sorted(predicted)
    matched = 0
    for start, end in sorted(gold):
        hit = next((p for p in free if p[0] < end and start < p[1]), None)
        if hit is not None:
            free.remove(hit)
            matched += 1
    return matched


def _add(counts: dict[str, Counts], kind: str, gold: bool, predicted: bool) -> None:
    for name in (kind, "all"):
        tally(counts[name], gold, predicted)


def _bulk(counts: dict[str, Counts], kind: str, tp: int, fp: int, fn: int) -> None:
    for name in (kind, "all"):
        counts[name].tp += tp
        counts[name].fp += fp
        counts[name].fn += fn


def format_news(name: str, report: NewsReport) -> list[str]:
    """Printable lines: per kind, Baokan then the naive baseline."""
    lines = [f"== news {name} ({report.items} CCTV items, labelled by offset)"]
    for kind in KINDS:
        lines.append(report.ours[kind].line(f"{kind} (Baokan)"))
        naive = report.naive[kind]
        name = f"{kind} (naive <={NAIVE_MAX_CHARS})"
        lines.append(naive.line(name) if naive.tp + naive.fp else
                     f"{name:<28} finds nothing outside quotes (fn={naive.fn})")
    return lines
