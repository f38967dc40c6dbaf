"""The subject of a figure: placeholders resolved to the article's place, places, bodies."""

from __future__ import annotations

import pytest

from pipeline.nlp.statistics.component import Layout, extract


def _subjects(text: str, meta: dict | None = None, places: tuple[str, ...] = ()) -> list:
    entities = tuple((text.index(p), text.index(p) + len(p), "LOC") for p in places)
    return [r.subject for r in extract(text, meta, layout=Layout(entities=entities))]


@pytest.mark.parametrize(("text", "meta", "subject"), [
    ("2024年全县实现地区生产总值 256.3 亿元。", {"city": "衢州市", "county": "常山县"}, "常山县"),
    ("去年我区新增市场经营主体5236户。", {"city": "丽水市", "county": "莲都区"}, "莲都区"),
    ("2024年全旗地区生产总值1436.2亿元。", {"city": "鄂尔多斯市", "county": "准格尔旗"}, "准格尔旗"),
    ("我省26个山区县全部摘帽。", {"city": "湖州市"}, "浙江省"),
    ("前三季度我国海洋生产总值达到7.9万亿元。", {}, "全国"),
    ("今年1—2月，我市进出口总值 1 036.8 亿元。", {"city": "金华市", "county": "义乌市"}, "义乌市"),
    ("2024年全县实现地区生产总值 256.3 亿元。", {}, "全县"),
])
def test_placeholders_resolve_to_the_article_place(text: str, meta: dict, subject: str) -> None:
    assert _subjects(text, meta)[0] == subject


def test_an_object_of_ju_or_zhan_is_not_the_subject() -> None:
    text = "全县地区生产总值增长6.2%，增速居全市第二，占全市的12.6%。"
    assert _subjects(text, {"city": "衢州市", "county": "常山县"}) == ["常山县"] * 3


def test_subject_carries_over_sentences_and_a_town_resolves_quanzhen() -> None:
    text = "在郭家坝镇，全镇七成以上农户从事柑橘产业。其中种植大户有120户。"
    assert _subjects(text, {"city": "宜昌市", "county": "秭归县"}, ("郭家坝镇",)) == ["郭家坝镇"] * 2


def test_companies_and_reporting_populations() -> None:
    text = "安踏体育用品集团有限公司上半年营业收入 385.4 亿元。全区规模以上工业企业利润总额 26.1 亿元。"
    assert _subjects(text, {"county": "南海区"}) == ["安踏体育用品集团有限公司", "规模以上工业企业"]


def test_route_ends_and_partners_are_not_subjects() -> None:
    text = "长汀县森林覆盖率80.3%。西安至延安的运行时间将缩短至1小时左右，对欧盟出口增长9.2%。"
    assert _subjects(text, {}, ("长汀县", "西安", "延安", "欧盟")) == ["长汀县"] * 3


def test_a_duration_takes_the_subject_after_it() -> None:
    text = "据介绍，30年来，黄杜村茶园面积扩大到1.2万亩。"
    assert _subjects(text, {}, ("黄杜村",)) == ["黄杜村", "黄杜村"]


def test_placeholder_without_the_article_place_takes_the_division_named_before() -> None:
    text = "常山县召开经济工作会议。会议指出，去年全县实现地区生产总值256.3亿元。"
    assert _subjects(text, {}) == ["常山县"]
