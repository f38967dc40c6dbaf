"""Slogan extraction on the modern real-news set (issue 21): CCTV passages and county papers.

Two files (guideline and decisions: data/slogans_README.md):
- `data/slogans_modern_news.jsonl`: passages of the shared CCTV corpus, offsets only —
  {"item", "start", "end", "split", "spans": [[start, end, label], ...]} with absolute offsets
  into the item's raw `content`;
- `data/slogans_modern_local.jsonl`: county-paper news written by the team —
  {"id", "split", "text", "spans": [[start, end, label], ...]}.

Labels: slogan | speech | name | other for every quote pair, numbered | lexicon for every
formulation outside quotes. Splits: dev (tuned on) and test (reported only).

Quoted spans match by exact offsets. Unquoted ones match one-to-one by overlap and count
towards the gold kind (false positives towards the predicted kind); numbered matches with
the exact span are counted too. The headline is "quoted + numbered": slogans in quotes and
numbered formulations outside them; the `lexicon` kind is reported separately.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.evaluate.slogan_counts import NAIVE_MAX_CHARS, NEWS_CORPUS, Counts, Finder, load
from pipeline.evaluate.slogans_news import QUOTE_MARKS, corpus_items
from pipeline.paths import EVALUATION_DATA

MODERN_NEWS = EVALUATION_DATA / "slogans_modern_news.jsonl"
MODERN_LOCAL = EVALUATION_DATA / "slogans_modern_local.jsonl"
SOURCES = ("news", "local")
SPLITS = ("dev", "test")
QUOTE_LABELS = ("slogan", "speech", "name", "other")
UNQUOTED_KINDS = ("numbered", "lexicon")
BUCKETS = ("quoted", "numbered", "lexicon")


@dataclass(frozen=True)
class Passage:
    """One labelled passage: the text the finder reads and the labelled window in it."""

    name: str
    text: str
    start: int
    end: int
    spans: tuple[tuple[int, int, str], ...]


@dataclass
class ModernReport:
    """Counts per bucket (quoted | numbered | lexicon), the naive baseline on quotes."""

    counts: dict[str, Counts] = field(default_factory=lambda: {b: Counts() for b in BUCKETS})
    naive_quoted: Counts = field(default_factory=Counts)
    numbered_exact: int = 0
    passages: int = 0

    def combined(self, buckets: tuple[str, ...]) -> Counts:
        """The sum of some buckets' counts."""
        total = Counts()
        for name in buckets:
            total.tp += self.counts[name].tp
            total.fp += self.counts[name].fp
            total.fn += self.counts[name].fn
        return total


def passages(source: str, split: str = "all", corpus: Path = NEWS_CORPUS,
             news: Path = MODERN_NEWS, local: Path = MODERN_LOCAL) -> list[Passage] | None:
    """The labelled passages of one source and split (None for news without the corpus)."""
    if source == "local":
        return [Passage(r["id"], r["text"], 0, len(r["text"]), _spans(r))
                for r in load(local) if split in ("all", r["split"])]
    if not corpus.exists():
        return None
    records = [r for r in load(news) if split in ("all", r["split"])]
    contents = corpus_items({r["item"] for r in records}, corpus)
    return [Passage(r["item"], contents[r["item"]], r["start"], r["end"], _spans(r))
            for r in records]


def _spans(record: dict) -> tuple[tuple[int, int, str], ...]:
    return tuple((s, e, label) for s, e, label in record["spans"])


def check(find: Finder, source: str, split: str = "all", **paths: Path) -> ModernReport | None:
    """Score `find` on one source's passages of `split` (None without the corpus)."""
    chosen = passages(source, split, **paths)
    if chosen is None:
        return None
    report = ModernReport()
    for passage in chosen:
        score_passage(passage, _inside(passage, find(passage.text)[0]), report)
        report.passages += 1
    return report


def _inside(passage: Passage, rows: list[dict]) -> list[dict]:
    return [r for r in rows if passage.start <= r["start"] and r["end"] <= passage.end]


def score_passage(passage: Passage, rows: list[dict], report: ModernReport) -> None:
    """Add one passage's counts to `report`."""
    quoted = {(r["start"], r["end"]) for r in rows if r["text"][:1] in QUOTE_MARKS}
    gold_quotes = {(s, e): label for s, e, label in passage.spans if label in QUOTE_LABELS}
    for span, label in gold_quotes.items():
        _tally(report.counts["quoted"], label == "slogan", span in quoted)
        _tally(report.naive_quoted, label == "slogan", span[1] - span[0] - 2 <= NAIVE_MAX_CHARS)
    report.counts["quoted"].fp += len(quoted - set(gold_quotes))
    gold = sorted((s, e, k) for s, e, k in passage.spans if k in UNQUOTED_KINDS)
    predicted = sorted((r["start"], r["end"], r["kind"]) for r in rows
                       if r["text"][:1] not in QUOTE_MARKS)
    pairs = list(_match(gold, predicted))
    for (start, end, kind), hit in pairs:
        bucket = report.counts[kind]
        if hit is None:
            bucket.fn += 1
            continue
        bucket.tp += 1
        report.numbered_exact += kind == "numbered" and hit[:2] == (start, end)
    matched = {hit for _, hit in pairs if hit is not None}
    for span in predicted:
        if span not in matched:
            report.counts[_bucket(span[2])].fp += 1


def _bucket(kind: str) -> str:
    return "numbered" if kind == "numbered" else "lexicon"


def _match(gold: list[tuple[int, int, str]], predicted: list[tuple[int, int, str]]
           ) -> Iterator[tuple[tuple[int, int, str], tuple[int, int, str] | None]]:
    """Greedy one-to-one matching of overlapping spans: (gold, predicted or None)."""
    free = list(predicted)
    for start, end, kind in gold:
        hit = next((p for p in free if p[0] < end and start < p[1]), None)
        if hit is not None:
            free.remove(hit)
        yield (start, end, kind), hit


def _tally(counts: Counts, gold: bool, predicted: bool) -> None:
    if gold and predicted:
        counts.tp += 1
    elif predicted:
        counts.fp += 1
    elif gold:
        counts.fn += 1


def format_modern(name: str, report: ModernReport) -> list[str]:
    """Printable lines for one source and split."""
    numbered = report.counts["numbered"]
    lines = [f"== modern {name} ({report.passages} passages)",
             report.combined(("quoted", "numbered")).line("quoted + numbered"),
             report.counts["quoted"].line("quoted"),
             report.naive_quoted.line(f"quoted (naive <={NAIVE_MAX_CHARS})"),
             numbered.line("unquoted numbered") + f" exact span {report.numbered_exact}",
             report.counts["lexicon"].line("unquoted lexicon"),
             report.combined(BUCKETS).line("all formulations")]
    return lines


def run(find: Finder) -> dict[str, ModernReport | None]:
    """Print and return the reports per split: each source, then both together."""
    results: dict[str, ModernReport | None] = {}
    for split in SPLITS:
        both = ModernReport()
        for source in SOURCES:
            report = check(find, source, split)
            results[f"{source} {split}"] = report
            if report is None:
                print(f"== modern {source} {split}: shared corpus absent, skipped")
                continue
            print("\n".join(format_modern(f"{source} {split}", report)))
            _merge(both, report)
        results[f"news+local {split}"] = both
        print("\n".join(format_modern(f"news+local {split}", both)))
    return results


def _merge(into: ModernReport, report: ModernReport) -> None:
    for name in BUCKETS:
        for attr in ("tp", "fp", "fn"):
            setattr(into.counts[name], attr,
                    getattr(into.counts[name], attr) + getattr(report.counts[name], attr))
    for attr in ("tp", "fp", "fn"):
        setattr(into.naive_quoted, attr,
                getattr(into.naive_quoted, attr) + getattr(report.naive_quoted, attr))
    into.numbered_exact += report.numbered_exact
    into.passages += report.passages


def mistakes(find: Finder, source: str, split: str) -> list[str]:
    """Every disagreement with the gold labels, with the text concerned (for `-v`)."""
    lines = []
    for passage in passages(source, split) or []:
        rows = _inside(passage, find(passage.text)[0])
        got = {(r["start"], r["end"]): r["kind"] for r in rows}
        text = passage.text
        for s, e, label in passage.spans:
            if label in QUOTE_LABELS and (label == "slogan") != ((s, e) in got):
                lines.append(f"  {passage.name} gold={label} got={got.get((s, e), '-')}: "
                             f"{text[s:e]}  [{text[max(0, s - 8):s]}|{text[e:e + 8]}]")
        gold_unquoted = [(s, e, k) for s, e, k in passage.spans if k in UNQUOTED_KINDS]
        unquoted = sorted((s, e, k) for (s, e), k in got.items() if text[s] not in QUOTE_MARKS)
        pairs = list(_match(gold_unquoted, unquoted))
        for (s, e, kind), hit in pairs:
            if hit is None or (kind == "numbered" and hit[:2] != (s, e)):
                found = text[hit[0]:hit[1]] if hit else "-"
                lines.append(f"  {passage.name} {kind} missed: {text[s:e]} (got {found})")
        matched = {hit for _, hit in pairs if hit is not None}
        lines += [f"  {passage.name} extra {k}: {text[s:e]}" for s, e, k in unquoted
                  if (s, e, k) not in matched]
        lines += [f"  {passage.name} extra quoted: {text[s:e]}" for (s, e), k in got.items()
                  if text[s] in QUOTE_MARKS and (s, e) not in
                  {(a, b) for a, b, _ in passage.spans}]
    return lines


def label_counts(path: Path) -> dict[tuple[str, str], int]:
    """(split, label) → number of spans in one modern label file."""
    counts: dict[tuple[str, str], int] = {}
    for record in load(path):
        for _, _, label in record["spans"]:
            key = (record["split"], label)
            counts[key] = counts.get(key, 0) + 1
    return counts

