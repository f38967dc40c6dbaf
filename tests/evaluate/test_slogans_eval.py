"""The slogan evaluation: labelled set integrity, scoring arithmetic, and the quality bar."""

from __future__ import annotations

import pytest

from pipeline.evaluate import slogans as ev
from pipeline.nlp.slogans.quotes import canonical, find_quotes

LABELS = {"quoted", "numbered", "speech", "name", "other"}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return ev.load()


@pytest.fixture(scope="module")
def find():
    return ev.pipeline_finder()


def test_labelled_set_is_large_and_consistent(records):
    quotes = [q for r in records for q in r["quotes"]]
    assert len(quotes) >= 150
    assert {label for _, label in quotes} == LABELS
    assert {r["split"] for r in records} == {"dev", "heldout", "fresh"}
    for record in records:
        contents = {record["text"][q.start + 1 : q.end - 1] for q in find_quotes(record["text"])}
        for content, _ in record["quotes"]:
            assert content in contents, (record["id"], content)
        for canon, kind in record["unquoted"]:
            assert canon in record["text"] and kind in ("lexicon", "numbered")


def test_counts_arithmetic():
    counts = ev.Counts(tp=9, fp=1, fn=3)
    assert counts.precision() == pytest.approx(0.9)
    assert counts.recall() == pytest.approx(0.75)
    assert ev.Counts().precision() == 1.0


def test_scoring_a_perfect_and_an_empty_finder(records):
    def oracle(text: str) -> tuple[list[dict], list[dict]]:
        record = next(r for r in records if r["text"] == text)
        gold = {c for c, label in record["quotes"] if label in ev.SLOGAN_LABELS}
        rows = []
        for quote in find_quotes(text):
            content = text[quote.start + 1 : quote.end - 1]
            if content in gold:
                rows.append({"text": text[quote.start : quote.end], "kind": "quoted",
                             "canonical": canonical(content)})
        rows += [{"text": c, "kind": k, "canonical": c} for c, k in record["unquoted"]]
        return rows, []

    sample = records[:40]
    perfect = ev.evaluate(sample, oracle)
    assert perfect.quoted_spans.fp == perfect.quoted_spans.fn == 0
    assert perfect.overall.recall() == 1.0
    empty = ev.evaluate(sample, lambda text: ([], []))
    assert empty.overall.tp == 0 and empty.overall.fn > 0


def test_baokan_beats_naive_baseline_on_every_split(records, find):
    for split in ("dev", "heldout", "fresh"):
        report = ev.evaluate([r for r in records if r["split"] == split], find)
        ours, naive = report.quoted_spans, report.naive_quoted_spans
        assert ours.precision() >= naive.precision() + 0.15, split
        assert ours.recall() >= 0.9, split
    overall = ev.evaluate(records, find)
    assert overall.quoted_spans.precision() >= 0.95  # the target on the team set
    assert overall.quoted_spans.recall() >= 0.90
    assert overall.overall.recall() >= 0.92
