"""Indicators are whole noun phrases (issue 21): cut at word boundaries, never inside a word."""

from __future__ import annotations

import pytest

from pipeline.nlp import language
from pipeline.nlp.statistics.component import extract, layout_of


@pytest.fixture(scope="module")
def tokenizer():
    return language.load_tokenizer_pipeline()


def _indicators(tokenizer, text: str) -> list[str | None]:
    layout = layout_of(tokenizer.make_doc(text))
    return [r.indicator for r in extract(text, layout=layout)]


@pytest.mark.parametrize(("text", "indicator"), [
    ("前三季度国内生产总值同比增长5.2%，全年经济总量有望达到140万亿元左右。", "经济总量"),
    ("重点统计钢铁企业总能耗同比下降0.54%，吨钢可比能耗下降0.6%。", "吨钢可比能耗"),
    ("2021年—2024年全省货物贸易进出口累计实现21.45万亿元。", "货物贸易进出口"),
    ("今年以来全县累计发放脱贫人口小额信贷 1.36 亿元。", "脱贫人口小额信贷"),
    ("安踏体育用品集团有限公司上半年营业收入 385.4 亿元。", "营业收入"),
    ("本届菜博会为期一个月。", "菜博会"),
    ("西部地区对共建“一带一路”国家进出口2.2万亿元。", "对共建一带一路国家进出口"),
    ("城乡居民收入比为1.77。", "城乡居民收入比"),
    ("福建已建成25台（套）深远海养殖智能装备。", "深远海养殖智能装备"),
    ("当天选举共169个会员国有选举权。", "会员国"),
    ("如今，像这样的跨境电商产业园在湖北已经有27家。", "跨境电商产业园"),
    ("全市中小学在校学生31.8万人。", "中小学在校学生"),
    ("全县发展民宿1260家，累计培训1.86万人次，“十四五”时期我国共取得世界冠军519个。", "世界冠军"),
    ("预计今年四季度美国经济增速将低于此前预测的1.9%。", "美国经济增速"),  # no NER here
])
def test_whole_phrases(tokenizer, text: str, indicator: str) -> None:
    found = [i.replace("“", "").replace("”", "") if i else i for i in _indicators(tokenizer, text)]
    assert found[-1] == indicator


def test_space_separated_list_is_split_by_fenbie(tokenizer) -> None:
    text = "城乡居民人均可支配收入分别为 74 632 元和 48 015 元，分别增长 4.3% 和 5.9%。"
    assert _indicators(tokenizer, text) == ["城镇居民人均可支配收入", "乡村居民人均可支配收入"] * 2



def test_a_rank_takes_the_statement_indicator(tokenizer) -> None:
    text = "去年，全县香菇出口额 12.8 亿美元，连续 18 年居全国县级第一。"
    found = _indicators(tokenizer, text)
    assert (found[0], found[-1]) == ("香菇出口额", "香菇出口额")
