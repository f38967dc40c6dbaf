"""Counts, labelled-data readers and paths shared by the slogan evaluations
(`evaluate.slogans` on the team's labelled set, `evaluate.slogans_news` on real news)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.paths import CORPORA, EVALUATION_DATA

DATA_PATH = EVALUATION_DATA / "slogans_labelled.jsonl"
# Real news: labels (item id, offsets, label — no corpus text) over the shared CCTV corpus.
NEWS_LABELS = EVALUATION_DATA / "slogans_news_labels.jsonl"
NEWS_CORPUS = CORPORA / "xinwenlianbo_2025" / "xinwenlianbo_2025-10_2025-12.jsonl"
NAIVE_MAX_CHARS = 20

Finder = Callable[[str], tuple[list[dict], list[dict]]]


@dataclass
class Counts:
    """True positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self, name: str) -> str:
        return (f"{name:<28} P={self.precision():.3f} R={self.recall():.3f} "
                f"(tp={self.tp} fp={self.fp} fn={self.fn})")


def load(path: Path = DATA_PATH) -> list[dict]:
    """Records of the labelled set."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def tally(counts: Counts, gold: bool, predicted: bool) -> None:
    """Count one item as a true positive, false positive or false negative."""
    if gold and predicted:
        counts.tp += 1
    elif predicted:
        counts.fp += 1
    elif gold:
        counts.fn += 1
