"""Counts with measure words are figures; numbers inside words, names and classes are not."""

from __future__ import annotations

import pytest

from pipeline.nlp.statistics.component import extract


def _rows(text: str) -> list[tuple]:
    return [(r.text, r.value, r.unit, r.role, r.qualifier) for r in extract(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("会议印发了八页的工作手册和四份责任清单。",
     [("八页", 8, "页", "count", "exact"), ("四份", 4, "份", "count", "exact")]),
    ("他们平均每周入户走访三次以上。", [("三次", 3, "次", "count", "over")]),
    ("以军打死了两名少年。", [("两名", 2, "名", "count", "exact")]),
    ("在河南、湖南、黑龙江三个主产省启动预案。", [("三个", 3, "个", "count", "exact")]),
    ("会期举办了上百场活动。", [("百场", 100, "场", "count", "over")]),
    ("展示千余项AI产品。", [("千余项", 1000, "项", "count", "over")]),
    ("《纲要》共14章、51目、142条，10.5万字。",
     [("14章", 14, "章", "count", "exact"), ("51目", 51, "目", "count", "exact"),
      ("142条", 142, "条", "count", "exact"), ("10.5万字", 105000, "字", "count", "exact")]),
    ("我国民航共完成运输总周转量146亿吨公里。", [("146亿吨公里", 1.46e10, "吨公里", "level", "exact")]),
    ("每年可提供超17亿度清洁能源。", [("17亿度", 1.7e9, "千瓦时", "target", "over")]),
    ("全国有9000多万青年志愿者。", [("9000多万", 9e7, None, "count", "over")]),
    ("北方大部地区有4至8℃降温。", [("4至8℃", 4, "℃", "level", "exact")]),
])
def test_counts_and_units(text: str, expected: list[tuple]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize("text", [
    "县里组建的一批电商服务队奔走在田间。", "一名确认感染的居民死亡。", "这三项知识产权申请量居首。",
    "十几处热源", "三次产业协调发展。", "利润两位数增长。", "中央八项规定精神。", "县四套班子领导出席。",
    "全市共签约亿元以上项目。", "核心零部件产能提升。", "陈妤颉获得女子100米金牌和200米冠军。",
    "吴愉夺得女子50公斤级金牌。", "7人制橄榄球赛继续进行。", "建设5 000 吨级泊位。",
    "650℃高效超超临界燃煤发电机组开工。", "最低温度0℃线将南压。", "倾斜30度。",
])
def test_not_counts(text: str) -> None:
    assert _rows(text) == []


@pytest.mark.parametrize("text", ["东方八所港积极融入经济圈。", "今晚将进行八分之一决赛的争夺。",
                                  "着陆场各系统密切协同。"])
def test_names_rounds_and_financial_numerals(text: str) -> None:
    assert _rows(text) == []
