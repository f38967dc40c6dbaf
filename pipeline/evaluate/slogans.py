"""Measure slogan (提法) extraction: the team's labelled set, the seed page, the naive baseline.

The labelled set (`data/slogans_labelled.jsonl`) holds sentences written by the team in the
genre. Each record: {"id", "split": "dev"|"heldout", "text", "quotes": [[content, label]],
"unquoted": [[canonical, kind]]}, where label is numbered | quoted (slogans) or speech |
name | other (not slogans), and `unquoted` lists every formulation outside quotes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.evaluate import slogans_modern as modern
from pipeline.evaluate.slogan_counts import (
    DATA_PATH,
    NAIVE_MAX_CHARS,
    Counts,
    Finder,
    load,
    tally,
)
from pipeline.evaluate.slogans_news import SPLITS, format_news, news_check
from pipeline.nlp.slogans.quotes import canonical, find_quotes
from pipeline.paths import SEED

SEED_DIR = SEED
SLOGAN_LABELS = ("quoted", "numbered")


@dataclass
class Report:
    """All counts of one evaluation run on one split."""

    quoted_spans: Counts = field(default_factory=Counts)
    naive_quoted_spans: Counts = field(default_factory=Counts)
    by_kind: dict[str, Counts] = field(default_factory=dict)
    overall: Counts = field(default_factory=Counts)
    quotation_types: Counter = field(default_factory=Counter)

    def kind(self, name: str) -> Counts:
        return self.by_kind.setdefault(name, Counts())


def pipeline_finder(content_model: bool = True) -> Finder:
    """Run the Baokan pipeline (with the slogan component) and return its rows;
    `content_model=False` swaps in the rules-only component."""
    from pipeline.nlp import language
    from pipeline.nlp.slogans import component as slogans

    nlp = language.nlp()
    if "baokan_slogans" not in nlp.pipe_names or not content_model:
        nlp = language.load_tokenizer_pipeline()
        nlp.add_pipe("baokan_sentences")
        nlp.add_pipe("baokan_slogans", config={"content_model": content_model})
        assert slogans.SloganFinder  # the factory is registered by the import

    def find(text: str) -> tuple[list[dict], list[dict]]:
        doc = nlp(text)
        return doc._.slogan_rows or [], doc._.quotation_rows or []

    return find


def evaluate(records: Iterable[dict], find: Finder) -> Report:
    """Score `find` on labelled records."""
    report = Report()
    for record in records:
        slogans, quotations = find(record["text"])
        _score_quotes(record, slogans, quotations, report)
        _score_unquoted(record, slogans, report)
        _score_overall(record, slogans, report)
    return report


def _quote_content(row: dict) -> str:
    return row["text"][1:-1]


def _score_quotes(record: dict, slogans: list[dict], quotations: list[dict],
                  report: Report) -> None:
    gold = {content: label for content, label in record["quotes"]}
    predicted = {_quote_content(r): r["kind"] for r in slogans if r["text"][:1] in "“‘「『\""}
    typed = {_quote_content(r): r["type"] for r in quotations}
    for content, label in gold.items():
        is_gold, kind = label in SLOGAN_LABELS, predicted.get(content)
        tally(report.quoted_spans, is_gold, kind is not None)
        if is_gold:
            tally(report.kind(label), True, kind is not None)
        elif kind is not None:
            report.kind(kind).fp += 1
        if not is_gold and content in typed:
            report.quotation_types[(label, typed[content])] += 1
        naive = len(content) <= NAIVE_MAX_CHARS
        tally(report.naive_quoted_spans, is_gold, naive)
    for content, kind in predicted.items():
        if content not in gold:
            tally(report.quoted_spans, False, True)
            report.kind(kind).fp += 1


def _score_unquoted(record: dict, slogans: list[dict], report: Report) -> None:
    gold = {c: k for c, k in record["unquoted"]}
    predicted = {r["canonical"]: r["kind"] for r in slogans if r["text"][:1] not in "“‘「『\""}
    for canon, kind in gold.items():
        found = canon in predicted
        tally(report.kind(f"unquoted {kind}"), True, found)
    for canon, kind in predicted.items():
        if canon not in gold:
            tally(report.kind(f"unquoted {kind}"), False, True)


def _score_overall(record: dict, slogans: list[dict], report: Report) -> None:
    gold = {canonical(c) for c, label in record["quotes"] if label in SLOGAN_LABELS}
    gold |= {c for c, _ in record["unquoted"]}
    predicted = {r["canonical"] for r in slogans}
    report.overall.tp += len(gold & predicted)
    report.overall.fp += len(predicted - gold)
    report.overall.fn += len(gold - predicted)


def seed_check(find: Finder, seed_dir: Path = SEED_DIR) -> dict | None:
    """Recall of the seed's numbered+quoted slogans by canonical; not_slogans found."""
    texts = sorted(seed_dir.glob("000_*.txt")) if seed_dir.is_dir() else []
    if not texts or not (seed_dir / "expected.json").exists():
        return None
    expected = json.loads((seed_dir / "expected.json").read_text(encoding="utf-8"))["slogans"]
    text = _normalized(texts[0].read_text(encoding="utf-8"))
    found: set[str] = set()
    for paragraph in text.split("\n"):
        found |= {r["canonical"] for r in find(paragraph)[0]}
    naive = {canonical(text[q.start:q.end]) for q in find_quotes(text)
             if q.end - q.start - 2 <= NAIVE_MAX_CHARS}
    wanted = set(expected["numbered"]) | set(expected["quoted"])
    banned = set(expected["not_slogans"])
    return {
        "recall": len(wanted & found) / len(wanted),
        "missing": sorted(wanted - found),
        "not_slogans_found": sorted(banned & found),
        "naive_recall": len(wanted & naive) / len(wanted),
        "naive_not_slogans_found": sorted(banned & naive),
    }


def _normalized(text: str) -> str:
    try:
        from pipeline.normalize import normalize
    except ImportError:  # pragma: no cover - normalizer not built yet
        return text
    return normalize(text)


def format_report(name: str, report: Report) -> list[str]:
    """Printable lines for one split."""
    lines = [f"== {name}",
             report.quoted_spans.line("quoted spans (Baokan)"),
             report.naive_quoted_spans.line(f"quoted spans (naive <={NAIVE_MAX_CHARS})")]
    lines += [report.by_kind[k].line(f"kind {k}") for k in sorted(report.by_kind)]
    lines.append(report.overall.line("all slogans by canonical"))
    if report.quotation_types:
        right = sum(n for (gold, got), n in report.quotation_types.items() if gold == got)
        lines.append(f"{'quotation type accuracy':<28} {right}/{sum(report.quotation_types.values())}")
    return lines


def run(path: Path = DATA_PATH, verbose: bool = False) -> dict:
    """Evaluate every split and the seed; print and return the numbers."""
    find = pipeline_finder()
    records = load(path)
    results: dict = {}
    for split in ("dev", "heldout", "fresh", "all"):
        chosen = [r for r in records if split in ("all", r["split"])]
        report = evaluate(chosen, find)
        results[split] = report
        print("\n".join(format_report(f"{split} ({len(chosen)} texts)", report)))
        if verbose and split != "all":
            print("\n".join(_mistakes(chosen, find)))
    results.update(_news(find))
    results.update({f"modern {k}": v for k, v in modern.run(find).items()})
    if verbose:
        for source in modern.SOURCES:
            print(f"== modern {source} dev: mistakes")
            print("\n".join(modern.mistakes(find, source, "dev")))
    print("\n".join(_rules_only(records)))
    seed = seed_check(find)
    results["seed"] = seed
    if seed is None:
        print("== seed: ../shared/seed absent, skipped")
    else:
        print(f"== seed\nrecall numbered+quoted {seed['recall']:.3f} missing={seed['missing']} "
              f"not_slogans found={seed['not_slogans_found']}\n"
              f"naive baseline: recall {seed['naive_recall']:.3f} "
              f"not_slogans found={seed['naive_not_slogans_found']}")
    return results


def _rules_only(records: list[dict]) -> list[str]:
    """Quoted-span P/R of the rules without the content model (to show what it adds)."""
    find = pipeline_finder(content_model=False)
    lines = ["== rules only (content model off)"]
    for split in ("dev", "heldout", "fresh"):
        report = evaluate([r for r in records if r["split"] == split], find)
        lines.append(report.quoted_spans.line(f"quoted spans {split}"))
    for split in SPLITS:
        news = news_check(find, split=split)
        if news:
            lines.append(news.ours["all"].line(f"all slogans news {split}"))
    for split in modern.SPLITS:
        for source in modern.SOURCES:
            report = modern.check(find, source, split)
            if report:
                headline = report.combined(("quoted", "numbered"))
                lines.append(headline.line(f"modern {source} {split} q+n"))
    return lines


def _news(find: Finder) -> dict:
    """Print and return the real-news reports per split (skipped without the corpus)."""
    results = {}
    for split in (*SPLITS, "all"):
        news = news_check(find, split=split)
        results[f"news {split}"] = news
        if news is None:
            print("== news: shared corpus absent, skipped")
            break
        print("\n".join(format_news(split, news)))
    return results


def _mistakes(records: list[dict], find: Finder) -> list[str]:
    lines = []
    for record in records:
        slogans, quotations = find(record["text"])
        got = {_quote_content(r): r["kind"] for r in slogans}
        got |= {_quote_content(r): r["type"] for r in quotations}
        for content, label in record["quotes"]:
            predicted = got.get(content, "missing")
            if (label in SLOGAN_LABELS) != (predicted in SLOGAN_LABELS):
                lines.append(f"  {record['id']} gold={label} got={predicted}: {content}")
        unquoted = {r["canonical"] for r in slogans if r["text"][:1] not in "“‘「『\""}
        gold = {c for c, _ in record["unquoted"]}
        lines += [f"  {record['id']} unquoted missed: {c}" for c in sorted(gold - unquoted)]
        lines += [f"  {record['id']} unquoted extra: {c}" for c in sorted(unquoted - gold)]
    return lines
