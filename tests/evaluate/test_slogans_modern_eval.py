"""The modern real-news slogan set (issue 21): label integrity, scoring arithmetic, quality bar."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluate import slogan_counts as counts
from pipeline.evaluate import slogans as ev
from pipeline.evaluate import slogans_modern as modern
from pipeline.nlp.slogans.quotes import find_quotes

LABELS = (*modern.QUOTE_LABELS, *modern.UNQUOTED_KINDS)
needs_corpus = pytest.mark.skipif(not counts.NEWS_CORPUS.exists(),
                                  reason="../shared/corpora is not present")


@pytest.fixture(scope="module")
def find():
    return ev.pipeline_finder()


def test_news_labels_hold_offsets_only_and_avoid_the_older_news_set():
    older = {w["item"] for w in counts.load(counts.NEWS_LABELS)}
    for record in counts.load(modern.MODERN_NEWS):
        assert set(record) == {"item", "start", "end", "split", "spans"}
        assert record["item"] not in older
        assert record["split"] in modern.SPLITS
        for start, end, label in record["spans"]:
            assert record["start"] <= start < end <= record["end"] and label in LABELS


def test_the_set_has_200_formulations_beyond_the_older_sets_in_both_splits():
    formulations = {split: 0 for split in modern.SPLITS}
    for path in (modern.MODERN_NEWS, modern.MODERN_LOCAL):
        for (split, label), n in modern.label_counts(path).items():
            if label in ("slogan", *modern.UNQUOTED_KINDS):
                formulations[split] += n
    assert sum(formulations.values()) >= 200
    assert min(formulations.values()) >= 100


def _check_exhaustive(passage: modern.Passage) -> None:
    quotes = {(q.start, q.end) for q in find_quotes(passage.text)
              if passage.start <= q.start and q.end <= passage.end}
    labelled = {(s, e) for s, e, label in passage.spans if label in modern.QUOTE_LABELS}
    assert quotes == labelled, passage.name
    blocked = [(s, e) for s, e, label in passage.spans if label in ("slogan", "name", "other")]
    for s, e, label in passage.spans:
        if label in modern.UNQUOTED_KINDS:
            assert not any(a <= s < b for a, b in blocked), (passage.name, passage.text[s:e])


def test_every_quote_of_a_local_passage_is_labelled():
    for passage in modern.passages("local"):
        _check_exhaustive(passage)


@needs_corpus
def test_every_quote_of_a_news_passage_is_labelled():
    for passage in modern.passages("news"):
        _check_exhaustive(passage)


def test_scoring_counts_quotes_exactly_and_unquoted_by_overlap_per_kind(tmp_path):
    text = "深入开展“我为群众办实事”实践活动,打好三大攻坚战,推动高质量发展,下足“绣花”功夫。"
    quote, metaphor = find_quotes(text)
    war, growth = text.index("三大攻坚战"), text.index("高质量发展")
    spans = [[quote.start, quote.end, "slogan"], [metaphor.start, metaphor.end, "other"],
             [war, war + 5, "numbered"], [growth, growth + 5, "lexicon"]]
    local = tmp_path / "local.jsonl"
    local.write_text(json.dumps({"id": "x", "split": "dev", "text": text, "spans": spans},
                                ensure_ascii=False) + "\n", encoding="utf-8")

    def finder(content: str) -> tuple[list[dict], list[dict]]:
        rows = [{"start": metaphor.start, "end": metaphor.end, "text": "“绣花”", "kind": "quoted"},
                {"start": war, "end": war + 4, "text": "三大攻坚", "kind": "numbered"},
                {"start": 0, "end": 2, "text": "深入", "kind": "lexicon"}]
        return rows, []

    report = modern.check(finder, "local", local=local)
    quoted, numbered, lexicon = (report.counts[b] for b in modern.BUCKETS)
    assert (quoted.tp, quoted.fp, quoted.fn) == (0, 1, 1)
    assert (numbered.tp, numbered.fp, numbered.fn) == (1, 0, 0) and report.numbered_exact == 0
    assert (lexicon.tp, lexicon.fp, lexicon.fn) == (0, 1, 1)
    headline = report.combined(("quoted", "numbered"))
    assert (headline.tp, headline.fp, headline.fn) == (1, 1, 1)
    assert (report.naive_quoted.tp, report.naive_quoted.fp) == (1, 1)
