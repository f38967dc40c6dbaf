"""Measure people and offices on the team's labelled set (pipeline/evaluate/data/people_labelled.jsonl).

Each record is one article of a city or county paper, written to `<published>/<id>.txt` and
run through the whole pipeline together (a real run: the derived tables come out of it).

- **Identity**, pairwise: the units are (article, surface) pairs — a person's name, and the
  references the set lists (吴书记, 县长). Gold puts units of one person together; the
  prediction does so through `person_mentions.person_id`. Precision and recall over the pairs
  of units (a unit the pipeline missed is a singleton of its own, a person the set does not
  list is one too).
- **Offices**: rows (person, title, organization) over the whole set; a predicted row is
  right when its person maps to the gold person (the gold person most of its units belong
  to) with the same title and organization. Spans: the share of matched rows whose
  first_seen and last_seen equal the gold span (gold dates: event date, else publication).
- **Event dates**: exact-day accuracy on the articles with a dated dateline or lead, and the
  share of undated ones (日前, 春节前夕) left null.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path

import pandas as pd

from pipeline.paths import EVALUATION_DATA

DATA = EVALUATION_DATA / "people_labelled.jsonl"
Unit = tuple[str, str]  # (record id, surface)
SPLITS = ("dev", "test", "heldout", "all")


@dataclass
class PRF:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Scores on one split."""

    split: str
    n_articles: int = 0
    identity: PRF = field(default_factory=PRF)
    offices: PRF = field(default_factory=PRF)
    spans_right: int = 0
    dates_right: int = 0
    dates_gold: int = 0
    nulls_right: int = 0
    nulls_gold: int = 0
    mistakes: list[str] = field(default_factory=list)

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.dates_gold if self.dates_gold else 0.0


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_set(records: list[dict], out: Path) -> Path:
    """Write the records as one JSONL feed per paper (`date`, `source`, `text`, as an
    archive's export would give them) and run the pipeline over them."""
    from pipeline.runner import RunOptions, run_pipeline

    inputs = out.parent / "inputs"
    inputs.mkdir(parents=True, exist_ok=True)
    for source, lines in _feeds(records).items():
        (inputs / f"{source}.jsonl").write_text("".join(lines), encoding="utf-8")
    run_pipeline([inputs], out, RunOptions(progress=False))
    return out


def _feeds(records: list[dict]) -> dict[str, list[str]]:
    feeds: dict[str, list[str]] = defaultdict(list)
    for record in records:
        line = {"id": record["id"], "date": record["published"], "source": record["source"],
                "text": record["text"]}
        feeds[record["source"]].append(json.dumps(line, ensure_ascii=False) + "\n")
    return feeds


def _record_ids(records: list[dict]) -> dict[tuple[str, str], str]:
    """(feed file stem, `line N`) → record id."""
    ids = {}
    for source, lines in _feeds(records).items():
        for number, line in enumerate(lines, start=1):
            ids[(source, f"line {number}")] = json.loads(line)["id"]
    return ids


@dataclass
class Output:
    """What the run produced, keyed by record id."""

    units: dict[Unit, str]  # (record id, surface) → person_id
    offices: pd.DataFrame  # with a `record` column for the example article
    dates: dict[str, date | None]  # record id → event_date of its first article


def read_output(out: Path, records: list[dict]) -> Output:
    documents = pd.read_parquet(out / "documents", columns=["doc_id", "source_path", "source_member"])
    ids = _record_ids(records)
    record_of = {d: ids[(Path(p).stem, m)] for d, p, m in
                 zip(documents.doc_id, documents.source_path, documents.source_member, strict=True)}
    mentions = pd.read_parquet(out / "person_mentions")
    votes: dict[Unit, Counter] = defaultdict(Counter)
    for doc_id, text, person_id in zip(mentions.doc_id, mentions.text, mentions.person_id, strict=True):
        votes[(record_of[doc_id], text)][person_id] += 1
    units = {unit: counter.most_common(1)[0][0] for unit, counter in votes.items()}
    articles = pd.read_parquet(out / "articles", columns=["doc_id", "article_index", "event_date"])
    first = articles.sort_values("article_index").groupby("doc_id").first()
    dates = {record_of[d]: (e if pd.notna(e) else None) for d, e in first.event_date.items()}
    return Output(units, pd.read_parquet(out / "offices"), dates)


def gold_units(records: list[dict]) -> dict[Unit, str]:
    units = {}
    for record in records:
        for surface, person in {**record["people"], **record["refs"]}.items():
            units[(record["id"], surface)] = person
    return units


def pairwise(gold: dict[Unit, str], predicted: dict[Unit, str], keep: set[str]) -> PRF:
    """Pairwise identity P/R over the units of the records in `keep`."""
    units = sorted(u for u in {*gold, *predicted} if u[0] in keep)
    gold_of = {u: gold.get(u, f"gold-only:{u}") for u in units}
    pred_of = {u: predicted.get(u, f"missed:{u}") for u in units}
    scores = PRF()
    for a, b in combinations(units, 2):
        same_gold, same_pred = gold_of[a] == gold_of[b], pred_of[a] == pred_of[b]
        scores.tp += same_gold and same_pred
        scores.pred += same_pred
        scores.gold += same_gold
    return scores


def identity_mistakes(gold: dict[Unit, str], predicted: dict[Unit, str], keep: set[str]) -> list[str]:
    """Gold persons split over several person_ids, person_ids joining several gold persons,
    and listed units the pipeline did not find."""
    split: dict[str, set[str]] = defaultdict(set)
    joined: dict[str, set[str]] = defaultdict(set)
    lines = []
    for unit, person in gold.items():
        if unit[0] not in keep:
            continue
        found = predicted.get(unit)
        if found is None:
            lines.append(f"identity: missed {unit[1]} in {unit[0]} ({person})")
            continue
        split[person].add(found)
        joined[found].add(person)
    lines += [f"identity: {p} split into {sorted(ids)}" for p, ids in split.items() if len(ids) > 1]
    lines += [f"identity: {i} joins {sorted(ps)}" for i, ps in joined.items() if len(ps) > 1]
    lines += [f"identity: extra {unit[1]} in {unit[0]} → {pid}" for unit, pid in predicted.items()
              if unit[0] in keep and unit not in gold]
    return lines


def person_map(gold: dict[Unit, str], predicted: dict[Unit, str]) -> dict[str, str]:
    """predicted person_id → the gold person most of its units belong to."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for unit, person_id in predicted.items():
        if unit in gold:
            votes[person_id][gold[unit]] += 1
    return {p: c.most_common(1)[0][0] for p, c in votes.items()}


def gold_offices(records: list[dict]) -> dict[tuple[str, str, str], tuple[date, date]]:
    """(person, title, organization) → (first, last) date over the records."""
    spans: dict[tuple[str, str, str], list[date]] = defaultdict(list)
    for record in records:
        day = date.fromisoformat(record["event_date"] or record["published"])
        for person, title, organization in record["offices"]:
            spans[(person, title, organization)].append(day)
    return {key: (min(days), max(days)) for key, days in spans.items()}


def score(records: list[dict], output: Output, split: str) -> Report:
    chosen = [r for r in records if split == "all" or r["split"] == split]
    keep = {r["id"] for r in chosen}
    report = Report(split, len(chosen))
    gold = gold_units(records)
    report.identity = pairwise(gold, output.units, keep)
    report.mistakes += identity_mistakes(gold, output.units, keep)
    _score_offices(report, chosen, output, gold)
    for record in chosen:
        predicted = output.dates.get(record["id"])
        if record["event_date"] is None:
            report.nulls_gold += 1
            report.nulls_right += predicted is None
            continue
        report.dates_gold += 1
        right = predicted is not None and predicted.isoformat() == record["event_date"]
        report.dates_right += right
        if not right:
            report.mistakes.append(f"date {record['id']}: {predicted} != {record['event_date']}")
    return report


def _score_offices(report: Report, chosen: list[dict], output: Output, gold) -> None:
    gold_rows = gold_offices(chosen)
    mapping = person_map(gold, output.units)
    found = set()
    for row in output.offices.itertuples():
        person = mapping.get(row.person_id, f"unmapped:{row.person_id}")
        key = (person, row.title, row.organization)
        report.offices.pred += 1
        if key in gold_rows and key not in found:
            found.add(key)
            report.offices.tp += 1
            span = (row.first_seen, row.last_seen)
            report.spans_right += span == gold_rows[key]
            if span != gold_rows[key]:
                report.mistakes.append(f"span: {' '.join(key)} {span} != {gold_rows[key]}")
        else:
            report.mistakes.append(f"office: {row.name} {row.title} {row.organization}")
    report.offices.gold = len(gold_rows)
    for key in sorted(set(gold_rows) - found):
        report.mistakes.append(f"missed office: {' '.join(key)}")


def format_report(report: Report) -> str:
    p = report.identity
    o = report.offices
    spans = report.spans_right / o.tp if o.tp else 0.0
    return (f"{report.split:<7} {report.n_articles:>3} articles · identity pairwise "
            f"P {p.precision:.3f} R {p.recall:.3f} F1 {p.f1:.3f} ({p.gold} gold pairs) · offices "
            f"P {o.precision:.3f} R {o.recall:.3f} ({o.gold} gold rows, spans {spans:.3f}) · "
            f"event dates {report.dates_right}/{report.dates_gold} = {report.date_accuracy:.3f}, "
            f"undated left null {report.nulls_right}/{report.nulls_gold}")


def evaluate(data: Path = DATA, workdir: Path | None = None) -> dict[str, Report]:
    """Run each split (dev, test, heldout) and the whole set through the pipeline, each as its own archive,
    and score each on its own."""
    records = load(data)
    reports = {}
    with tempfile.TemporaryDirectory() as scratch:
        for split in SPLITS:
            chosen = [r for r in records if split == "all" or r["split"] == split]
            out = run_set(chosen, Path(workdir or scratch) / split / "out")
            reports[split] = score(chosen, read_output(out, chosen), split)
    return reports


def run(data: Path = DATA, verbose: bool = False) -> dict[str, Report]:
    reports = evaluate(data)
    for report in reports.values():
        print(format_report(report))
    if verbose:
        for line in reports["all"].mistakes:
            print("  " + line)
    return reports
