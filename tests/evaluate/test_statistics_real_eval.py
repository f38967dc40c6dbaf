"""The real-news statistics sets of issue 21: format, size, splits and the scorer."""

from __future__ import annotations

import json

import pytest

from pipeline.evaluate import statistics_real as ev

ROLES = {"level", "from", "to", "change_pct", "change_multiple", "change_abs", "pct_point",
         "share", "ratio", "rank", "count", "target"}
QUALIFIERS = {"exact", "approx", "over", "under", "at_most", "at_least"}


def _figures(items: list[dict]) -> list[dict]:
    return [f for item in items for f in item["figures"]]


def test_local_set_is_well_formed() -> None:
    items = ev.local_items()
    assert len(items) >= 40 and {i["split"] for i in items} == {"dev", "test"}
    for item in items:
        assert {"city", "county", "date"} <= set(item["place"])
        for f in item["figures"]:
            assert f["role"] in ROLES and f["qualifier"] in QUALIFIERS
            assert 0 <= f["start"] < f["end"] <= len(item["text"])
    assert sum(1 for f in _figures(items) if f["subject"]) >= 300


def test_news_labels_store_offsets_only() -> None:
    for line in ev.NEWS2_LABELS.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        assert set(label) == {"corpus", "id", "split", "date", "start", "end", "figures"}
        for f in label["figures"]:
            assert label["start"] <= f["start"] < f["end"] <= label["end"]
            assert "surface" not in f and "text" not in f


def test_together_at_least_400_new_figures_in_both_splits() -> None:
    news = ev.news_items()
    if news is None:
        pytest.skip("../shared/corpora is not present")
    figures = _figures(news) + _figures(ev.local_items())
    assert len(figures) >= 400
    for split in ("dev", "test"):
        assert sum(1 for i in news + ev.local_items() for _ in i["figures"]
                   if i["split"] == split) >= 200
    for item in news:  # offsets fall on numbers of the corpus text
        for f in item["figures"]:
            assert any(ch.isdigit() or ch in "一二两三四五六七八九十百千万亿半"
                       for ch in item["text"][f["start"]: f["end"]])


def test_indicator_must_be_the_whole_phrase() -> None:
    assert ev.indicator_right("经济总量", "经济总量")
    assert ev.indicator_right("吨钢可比能耗", "“吨钢可比能耗”")
    assert ev.indicator_right("利润|规上工业利润", "规上工业利润")
    assert not ev.indicator_right("经济总量", "济总量有望")
    assert not ev.indicator_right("经济总量", "总量")
    assert not ev.indicator_right("经济总量", None)


def test_subject_compares_places_without_their_suffix() -> None:
    assert ev.subject_right("江苏|江苏省", "江苏省")
    assert ev.subject_right("丽水市", "丽水")
    assert ev.subject_right("规模以上工业企业|全国", "全国")
    assert not ev.subject_right("丽水市", "全市")
    assert not ev.subject_right("丽水市", None)


def test_scoring_matches_by_value_unit_and_prefers_the_overlapping_span() -> None:
    item = {"id": "x", "text": "甲增长5%，乙增长5%。", "meta": {},
            "figures": [{"value": 5.0, "unit": "%", "role": "change_pct", "qualifier": "exact",
                         "indicator": "甲", "subject": None, "start": 3, "end": 5},
                        {"value": 5.0, "unit": "%", "role": "change_pct", "qualifier": "exact",
                         "indicator": "乙", "subject": None, "start": 9, "end": 11}]}

    def predict(text: str, meta: dict) -> list[dict]:  # the second figure first
        return [{"value": 5.0, "unit": "%", "role": "change_pct", "qualifier": "exact",
                 "indicator": "乙", "subject": None, "start": 9, "end": 11},
                {"value": 5.0, "unit": "%", "role": "level", "qualifier": "exact",
                 "indicator": "甲", "subject": None, "start": 3, "end": 5}]

    report = ev.score([item], predict)
    assert (report.tp, report.pred, report.gold) == (2, 2, 2)
    assert report.indicator.right == 2 and report.role.right == 1
