"""The real-news slogan evaluation: label file integrity, scoring arithmetic, quality bar."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluate import slogan_counts as counts
from pipeline.evaluate import slogans as ev
from pipeline.evaluate import slogans_news as news
from pipeline.nlp.slogans.quotes import find_quotes


@pytest.fixture(scope="module")
def find():
    return ev.pipeline_finder()


@pytest.mark.skipif(not counts.NEWS_CORPUS.exists(), reason="../shared/corpora is not present")
def test_real_news_beats_naive_baseline_on_both_precision_and_recall(find):
    for split in news.SPLITS:
        report = news.news_check(find, split=split)
        ours, naive = report.ours, report.naive
        assert ours["all"].tp + ours["all"].fn == naive["all"].tp + naive["all"].fn > 80, split
        assert ours["all"].precision() >= naive["all"].precision() + 0.15, split
        assert ours["all"].recall() >= naive["all"].recall() + 0.3, split
        assert ours["all"].recall() >= 0.85, split
        assert ours["quoted"].precision() >= naive["quoted"].precision() + 0.1, split
        assert ours["unquoted"].recall() >= 0.85, split


def test_news_labels_hold_no_corpus_text_and_are_large():
    labels = counts.load(counts.NEWS_LABELS)
    for label in labels:
        assert set(label) == {"item", "start", "end", "label", "split"}
        assert label["label"] in (*news.QUOTE_LABELS, "unquoted")
        assert label["split"] in news.SPLITS
    quoted = [w for w in labels if w["label"] != "unquoted"]
    assert len(quoted) >= 400
    assert sum(w["split"] == "heldout" for w in quoted) >= 100
    assert sum(w["label"] == "unquoted" for w in labels) >= 200


@pytest.mark.skipif(not counts.NEWS_CORPUS.exists(), reason="../shared/corpora is not present")
def test_every_quote_of_a_labelled_news_item_is_labelled():
    by_item: dict[str, set] = {}
    for w in counts.load(counts.NEWS_LABELS):
        if w["label"] != "unquoted":
            by_item.setdefault(w["item"], set()).add((w["start"], w["end"]))
    for item, text in news.corpus_items(by_item).items():
        assert {(q.start, q.end) for q in find_quotes(text)} == by_item[item], item


def test_news_scoring_matches_quotes_exactly_and_unquoted_by_overlap(tmp_path):
    text = "深入实施“八八战略”,推动高质量发展,他说:“好得很。”"
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "x", "content": text}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    quote, speech = find_quotes(text)
    start = text.index("高质量发展")
    labels = [{"item": "x", "start": quote.start, "end": quote.end, "label": "slogan"},
              {"item": "x", "start": speech.start, "end": speech.end, "label": "speech"},
              {"item": "x", "start": start, "end": start + 5, "label": "unquoted"}]
    path = tmp_path / "labels.jsonl"
    path.write_text("".join(json.dumps({**w, "split": "dev"}) + "\n" for w in labels),
                    encoding="utf-8")

    def finder(content: str) -> tuple[list[dict], list[dict]]:
        rows = [{"start": quote.start, "end": quote.end, "text": "“八八战略”"},
                {"start": start + 2, "end": start + 5, "text": "发展"},
                {"start": 0, "end": 2, "text": "深入"}]
        return rows, []

    report = news.news_check(finder, path, corpus)
    assert (report.ours["quoted"].tp, report.ours["quoted"].fp) == (1, 0)
    assert (report.ours["unquoted"].tp, report.ours["unquoted"].fp) == (1, 1)
    assert (report.naive["quoted"].tp, report.naive["quoted"].fp) == (1, 1)
    assert report.naive["unquoted"].fn == 1
    assert report.ours["all"].tp == 2
