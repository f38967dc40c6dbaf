"""Training of the slogan content model (`pipeline.nlp.slogans.content_model`), co-training style.

The classifier's CONTEXT features alone (head noun after it, issuer, verb before, name or
speech cues …) label quotes found in the shared news corpora; a naive Bayes model over the
content's characters, character bigrams and length then learns what formulations look like.
The labelled real-news items of the slogan evaluation are held out.
Run: `baokan train slogans` (writes models/slogans/content_nb.json).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.evaluate import slogan_counts
from pipeline.nlp import common_words as slogan_words
from pipeline.nlp.slogans import classifier as sc
from pipeline.nlp.slogans.content_model import MODEL_PATH, ContentModel, content_features, load
from pipeline.nlp.slogans.quotes import FULLWIDTH, canonical, find_quotes
from pipeline.paths import CORPORA

POSITIVE_AT, NEGATIVE_AT = 2.0, -1.5  # context evidence needed for a weak label
MIN_COUNT, ALPHA = 4, 1.0
MAX_CHARS = 20
_PFR_TAG = re.compile(r"/[a-zA-Z]+|[\[\]]")


def corpus_texts(root: Path = CORPORA, exclude_items: frozenset[str] = frozenset()
                 ) -> Iterator[str]:
    """Raw paragraphs of the shared news-like corpora (PFR 1998, CNC, CTB6, SXU, CCTV)."""
    pfr = root / "pfr1998_pos" / "199801.utf8.txt.gz"
    if pfr.exists():
        with gzip.open(pfr, "rt", encoding="utf-8") as handle:
            for line in handle:
                parts = line.split(None, 1)
                if len(parts) == 2:
                    yield _PFR_TAG.sub("", parts[1]).replace(" ", "")
    for path in (root / "cnc_cws" / "dev.txt.gz", root / "cnc_cws" / "test.txt.gz"):
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                yield from (line.replace(" ", "") for line in handle)
    for path in (root / "ctb6_cws" / "ctb6.train.seg", root / "sxu_cws" / "train.txt"):
        if path.exists():
            yield from (line.replace(" ", "") for line in path.open(encoding="utf-8"))
    news = root / "xinwenlianbo_2025" / "xinwenlianbo_2025-10_2025-12.jsonl"
    if news.exists():
        for line in news.open(encoding="utf-8"):
            item = json.loads(line)
            if item["id"] not in exclude_items:
                yield item["content"]


def weak_labels(texts: Iterable[str]) -> Counter:
    """(content, label) → count, labelled by context evidence only."""
    words = slogan_words.load()
    labelled: Counter = Counter()
    for raw in texts:
        text = raw.translate(FULLWIDTH)
        quotes = find_quotes(text, 200)
        starts = {q.start for q in quotes}
        ends = {q.end for q in quotes}
        for quote in quotes:
            canon = canonical(text[quote.start:quote.end])
            bare = canon.replace("“", "").replace("”", "")
            if not 2 <= len(bare) <= MAX_CHARS or sc.SENTENCE_PUNCT.search(bare):
                continue
            adjacent = quote.end in starts or quote.start in ends
            window = sc.window(text, quote, canon)
            fired = sc.features(window, sc.Context(adjacent=adjacent, word_tag=words.get(canon)))
            evidence = sc.score_features(fired, "context")
            if evidence >= POSITIVE_AT:
                labelled[(canon, 1)] += 1
            elif evidence <= NEGATIVE_AT:
                labelled[(canon, 0)] += 1
    return labelled


def train(labelled: Counter) -> ContentModel:
    """Naive Bayes over distinct contents (each counted once per label)."""
    counts = {0: Counter(), 1: Counter()}
    docs = Counter()
    for canon, label in labelled:
        docs[label] += 1
        counts[label].update(content_features(canon))
    vocab = {f for f in counts[0] | counts[1] if counts[0][f] + counts[1][f] >= MIN_COUNT}
    llr = {}
    for feat in vocab:
        p1 = (counts[1][feat] + ALPHA) / (docs[1] + 2 * ALPHA)
        p0 = (counts[0][feat] + ALPHA) / (docs[0] + 2 * ALPHA)
        llr[feat] = round(math.log(p1 / p0), 4)
    model = ContentModel(llr)
    return ContentModel(llr, round(_balanced_split(model, labelled), 4))


def _balanced_split(model: ContentModel, labelled: Counter) -> float:
    """The raw score that best separates the weak labels (balanced accuracy)."""
    scored = sorted((model.raw(canon), label) for canon, label in labelled)
    n_pos = sum(label for _, label in scored) or 1
    n_neg = (len(scored) - n_pos) or 1
    best, best_at, neg_below, pos_below = -1.0, 0.0, 0, 0
    for raw, label in scored:
        if label:
            pos_below += 1
        else:
            neg_below += 1
        accuracy = neg_below / n_neg + (n_pos - pos_below) / n_pos
        if accuracy > best:
            best, best_at = accuracy, raw
    return best_at


def save(model: ContentModel, stats: dict, path: Path = MODEL_PATH) -> None:
    """Write the model JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"version": 1, "stats": stats, "offset": model.offset,
            "llr": dict(sorted(model.llr.items()))}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")


def train_from_corpora(root: Path = CORPORA, path: Path = MODEL_PATH) -> dict:
    """Weakly label the shared corpora, train, save; return the training statistics."""
    labels = slogan_counts.NEWS_LABELS
    held_out = frozenset(w["item"] for w in slogan_counts.load(labels)) if labels.exists() \
        else frozenset()
    labelled = weak_labels(corpus_texts(root, held_out))
    model = train(labelled)
    stats = {
        "positive_contents": sum(1 for _, label in labelled if label == 1),
        "negative_contents": sum(1 for _, label in labelled if label == 0),
        "features": len(model.llr),
        "excluded_news_items": len(held_out),
    }
    save(model, stats, path)
    load.cache_clear()
    return stats
