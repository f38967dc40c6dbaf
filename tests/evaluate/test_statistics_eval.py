"""The statistics evaluation: labelled set format, scoring, baseline and thresholds."""

from __future__ import annotations

import pytest

from pipeline.evaluate import statistics as ev

ROLES = {"level", "from", "to", "change_pct", "change_multiple", "change_abs", "pct_point",
         "share", "ratio", "rank", "count", "target"}
QUALIFIERS = {"exact", "approx", "over", "under", "at_most", "at_least"}


def test_labelled_set_is_well_formed_and_covers_everything() -> None:
    items = ev.load()
    figures = [f for item in items for f in item["figures"]]
    assert len(figures) >= 300
    assert {item["split"] for item in items} == {"dev", "test"}
    assert sum(len(i["figures"]) for i in items if i["split"] == "test") >= 100
    assert {f["role"] for f in figures} == ROLES
    assert {f["qualifier"] for f in figures} == QUALIFIERS
    assert sum(len(item["not"]) for item in items) >= 50
    for item in items:
        for figure in item["figures"]:
            assert figure["surface"] in item["text"]
        for negative in item["not"]:
            assert negative in item["text"]


def test_scoring_counts() -> None:
    item = {"text": "收入100元，增长5%。", "not": [],
            "figures": [{"surface": "100元", "value": 100.0, "unit": "元", "role": "level",
                         "qualifier": "exact", "indicator": "收入"},
                        {"surface": "5%", "value": 5.0, "unit": "%", "role": "change_pct",
                         "qualifier": "exact", "indicator": "收入"}]}
    report = ev.score([item], ev.baseline)
    assert (report.value_unit.tp, report.value_unit.pred, report.value_unit.gold) == (2, 2, 2)
    assert report.role.tp == 1  # the baseline calls everything "level"
    assert report.indicator.tp == 0


def test_indicator_match_is_containment() -> None:
    assert ev.indicator_match("生产总值", "地区生产总值")
    assert ev.indicator_match("城镇常住居民人均可支配收入", "城镇常住居民人均可支配收入")
    assert not ev.indicator_match("进口", "出口")
    assert not ev.indicator_match("收入", None)


def test_baokan_meets_targets_on_held_out_split() -> None:
    report = ev.score(ev.load(split="test"), ev.baokan_predictor())
    assert report.value_unit.precision >= 0.95
    assert report.value_unit.recall >= 0.90
    assert report.role.precision >= 0.85 and report.role.recall >= 0.85
    assert report.indicator.precision >= 0.85 and report.indicator.recall >= 0.85
    assert report.negatives_hit == 0
    base = ev.score(ev.load(split="test"), ev.baseline)
    assert base.value_unit.recall < report.value_unit.recall


def test_seed_check_when_present() -> None:
    result = ev.seed_check(ev.baokan_predictor({"city": "丽水市"}))
    if result is None:
        pytest.skip("../shared/seed is not present")
    assert result["missing"] == [] and result["negatives_hit"] == []
