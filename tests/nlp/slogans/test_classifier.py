"""Quote classification cases of issue 21: campaign and programme names are formulations;
metaphors, nicknames, sobriquets, descriptive pairs and document wording are not."""

from __future__ import annotations

import pytest
import spacy

from pipeline.nlp.slogans import component as slogans


@pytest.fixture(scope="module")
def nlp():
    pipe = spacy.blank("zh")
    slogans.add_to(pipe)
    return pipe


def kinds(nlp, text: str) -> dict[str, str]:
    """quote content → slogan kind, or the quotation type when it is not a slogan."""
    doc = nlp(text)
    found = {r["canonical"]: r["kind"] for r in doc._.slogan_rows}
    found |= {r["text"][1:-1]: r["type"] for r in doc._.quotation_rows}
    return found


@pytest.mark.parametrize(("text", "content"), [
    ("今年推出“赏花+研学”旅游模式,吸引游客。", "赏花+研学"),          # a model noun after a modifier
    ("与会人员认为,“民主恳谈”是全过程人民民主的生动实践。", "民主恳谈"),  # subject, not speech
    ("全区实施“强村富民”乡村集成改革。", "强村富民"),
    ("全市以项目建设为抓手,奋力夺取一季度“开门红”。", "开门红"),  # a work target
    ("把招商引资作为“一把手”工程,确保重大项目早开工。", "一把手"),
])
def test_formulations_in_quotes(nlp, text, content):
    assert kinds(nlp, text)[content] in ("quoted", "numbered")


@pytest.mark.parametrize(("text", "content"), [
    ("在被称为“红色故都”“共和国摇篮”的瑞金,每年接待游客。", "共和国摇篮"),  # the chain shares 被称为
    ("为游客端出一桌“文旅大餐”。", "文旅大餐"),
    ("要在强村、富民、惠民上下足“绣花”功夫。", "绣花"),
    ("在渔船上设立“红色堡垒”,化解纠纷。", "红色堡垒"),
    ("带出了一批“土专家”“田秀才”。", "田秀才"),
    ("发展了一批“小而精”“特而美”的特色产品。", "小而精"),
    ("推动“小特产”成为“大产业”,产业韧性增强。", "小特产"),
    ("有效避免“牛栏关猫”、“纸笼禁虎”,减少权力寻租。", "纸笼禁虎"),
    ("“兰考蜜瓜”等特色农产品通过直播走向全国。", "兰考蜜瓜"),
    ("围绕“侨汇天下才·智创新时代”的主题,大会设置多场活动。", "侨汇天下才·智创新时代"),
])
def test_metaphors_nicknames_and_names_are_not_formulations(nlp, text, content):
    assert kinds(nlp, text)[content] in ("speech", "name", "other"), kinds(nlp, text)


def test_hundred_and_thousand_are_numerals_only_when_they_count(nlp):
    assert kinds(nlp, "品尝“百家宴”,欣赏侗族大歌。")["百家宴"] != "numbered"
    assert kinds(nlp, "实施“百名侨商回归”工程。")["百名侨商回归"] == "numbered"
    assert kinds(nlp, "深化“千万工程”。")["千万工程"] == "numbered"


def test_numbered_stages_of_a_change_stay_formulations(nlp):
    found = kinds(nlp, "实现了从“一城独秀”到“一江双城”,进而迈向“一脉三城”的格局。")
    assert found["一城独秀"] == "quoted" and found["一江双城"] == "quoted"
    assert kinds(nlp, "实现了从“脏乱差”到“洁净美”的深刻转变。")["脏乱差"] == "other"
