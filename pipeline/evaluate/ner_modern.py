"""The modern NER evaluation set: 2015–2025 party and government news labelled by the team.

Two files under `data/` (conventions: `data/ner_modern_README.md`, following
../shared/guidelines/entities.md):

- `ner_modern_news.jsonl`: passages of the shared CCTV 新闻联播 2025 corpus, by offset only —
  `{"item", "start", "end", "split", "entities": [[s, e, label], …]}`, offsets into the
  item's raw `content` (the corpus text is never stored here);
- `ner_modern_local.jsonl`: city and county news written by the team —
  `{"id", "split", "text", "entities": [[s, e, label], …]}`.

Splits: `dev` (tuned on) and `test` (never tuned on). Both are scored exactly like the 1998
sets (exact spans, `ner.prf`) and also by bag-F1: per passage, the multiset of
(surface, label) pairs, the measure of the unseen modern sample.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from pipeline.evaluate.slogans_news import corpus_items
from pipeline.train.ner_data import Sentence, halfwidth

DATA = Path(__file__).with_name("data")
NEWS_LABELS = DATA / "ner_modern_news.jsonl"
LOCAL_LABELS = DATA / "ner_modern_local.jsonl"
NEWS_CORPUS = "xinwenlianbo_2025/xinwenlianbo_2025-10_2025-12.jsonl"
SPLITS = ("dev", "test")


def _records(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def news_contents(corpora: Path, ids: set[str]) -> dict[str, str]:
    """item id → raw content, for the wanted ids (empty without the corpus)."""
    path = Path(corpora) / NEWS_CORPUS
    return corpus_items(ids, path) if path.exists() else {}


def news_passages(corpora: Path, split: str) -> list[Sentence]:
    """The labelled corpus passages of `split`, spans re-based to the passage."""
    records = [r for r in _records(NEWS_LABELS) if r["split"] == split]
    contents = news_contents(corpora, {r["item"] for r in records})
    out = []
    for record in records:
        content = contents.get(record["item"])
        if content is None:
            continue
        start = record["start"]
        text = content[start:record["end"]]
        spans = [(s - start, e - start, label) for s, e, label in record["entities"]]
        out.append(Sentence(halfwidth(text), spans))
    return out


def local_passages(split: str) -> list[Sentence]:
    """The team-written passages of `split`."""
    return [Sentence(halfwidth(r["text"]), [tuple(e) for e in r["entities"]])
            for r in _records(LOCAL_LABELS) if r["split"] == split]


def load(corpora: Path, split: str) -> list[Sentence]:
    """Both halves of one split (the news half needs the corpus)."""
    return news_passages(corpora, split) + local_passages(split)


def bag_f1(gold: list[Sentence], pred: list[set[tuple[int, int, str]]]) -> dict[str, float]:
    """Micro P/R/F1 over per-passage multisets of (surface, label)."""
    tp = n_gold = n_pred = 0
    for sentence, spans in zip(gold, pred, strict=True):
        g = Counter((sentence.text[s:e], lab) for s, e, lab in sentence.spans)
        p = Counter((sentence.text[s:e], lab) for s, e, lab in spans)
        tp += sum((g & p).values())
        n_gold += sum(g.values())
        n_pred += sum(p.values())
    precision = 100 * tp / n_pred if n_pred else 0.0
    recall = 100 * tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": precision, "r": recall, "f": f1, "gold": n_gold}
