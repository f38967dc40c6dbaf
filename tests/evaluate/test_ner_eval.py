"""Entity scorer and word-boundary ceiling of `baokan evaluate ner`."""

from __future__ import annotations

import pytest

from pipeline.evaluate.ner import boundary_ceiling, format_report, jieba_posseg, prf
from pipeline.train.ner_data import Sentence


def test_prf_exact_spans_per_label_and_micro() -> None:
    gold = [{(0, 2, "PER"), (3, 5, "LOC")}, {(0, 4, "ORG")}]
    pred = [{(0, 2, "PER"), (3, 6, "LOC")}, {(0, 4, "ORG"), (5, 7, "PER")}]
    table = prf(gold, pred)
    assert table["PER"]["p"] == pytest.approx(50.0) and table["PER"]["r"] == 100.0
    assert table["LOC"]["f"] == 0.0
    assert table["micro"]["p"] == pytest.approx(50.0)
    assert table["micro"]["r"] == pytest.approx(200 / 3)


def test_boundary_ceiling_counts_entities_inside_words() -> None:
    sentences = [Sentence("张三去杭州市", [(0, 2, "PER"), (3, 5, "LOC")])]
    assert boundary_ceiling(sentences, lambda text: ["张三", "去", "杭州市"]) == 50.0
    assert boundary_ceiling(sentences, list) == 100.0


def test_jieba_baseline_and_report() -> None:
    spans = jieba_posseg()(["李鹏在北京考察。"])[0]
    assert (0, 2, "PER") in spans and (3, 5, "LOC") in spans
    result = {"t": {"jieba.posseg": {"scores": prf([spans], [spans]), "chars_per_s": 1.0},
                    "word_boundary_ceiling": {"jieba": 90.0}}}
    report = format_report(result)
    assert "jieba.posseg" in report and "100.0" in report and "90.0%" in report
