"""The modern NER evaluation set: well-formed records, offsets that slice their texts exactly."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluate import ner_modern
from pipeline.paths import CORPORA
from pipeline.train.ner_data import Sentence

LABELS = {"PER", "LOC", "ORG"}


def _records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _well_formed(entities, start, end):
    spans = [tuple(e) for e in entities]
    assert all(start <= s < e <= end and lab in LABELS for s, e, lab in spans)
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), "overlap"


def test_local_passages_are_well_formed_and_sized():
    records = _records(ner_modern.LOCAL_LABELS)
    assert len(records) >= 75 and {r["split"] for r in records} == {"dev", "test"}
    for r in records:
        _well_formed(r["entities"], 0, len(r["text"]))
        assert all(r["text"][s:e].strip() == r["text"][s:e] for s, e, _ in r["entities"])


def test_news_labels_store_offsets_only():
    records = _records(ner_modern.NEWS_LABELS)
    assert len(records) >= 75
    for r in records:
        assert set(r) == {"item", "start", "end", "split", "entities"}
        _well_formed(r["entities"], r["start"], r["end"])


@pytest.mark.skipif(not (CORPORA / ner_modern.NEWS_CORPUS).exists(), reason="no shared corpus")
def test_news_offsets_slice_the_corpus_exactly():
    records = _records(ner_modern.NEWS_LABELS)
    contents = ner_modern.news_contents(CORPORA, {r["item"] for r in records})
    assert set(contents) == {r["item"] for r in records}
    for r in records:
        content = contents[r["item"]]
        for s, e, _ in r["entities"]:
            surface = content[s:e]
            assert surface and surface.strip() == surface and surface[0] not in "，。、；："
    passages = ner_modern.load(CORPORA, "dev") + ner_modern.load(CORPORA, "test")
    assert sum(len(p.text) for p in passages) >= 60_000 and len(passages) >= 150


def test_bag_f1_counts_surfaces_per_passage():
    gold = [Sentence("张三和张三去杭州", [(0, 2, "PER"), (3, 5, "PER"), (6, 8, "LOC")])]
    pred = [{(0, 2, "PER"), (6, 8, "ORG")}]
    bag = ner_modern.bag_f1(gold, pred)
    assert bag["p"] == pytest.approx(50.0) and bag["r"] == pytest.approx(100 / 3)
