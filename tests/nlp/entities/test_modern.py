"""Entities in today's news (issue 17): leaders, 中央, abbreviations, zones, modern organs.
Every text here was written for these tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.entities import rules
from pipeline.nlp.language import nlp as baokan_nlp

XI_CONTEXTS = [
    "认真学习贯彻习近平总书记关于“三农”工作的重要论述,推动乡村全面振兴。",
    "会议指出,习近平总书记的重要讲话精神为做好当前工作指明了方向。",
    "王建新指出,习近平总书记在浙江工作期间亲自谋划推动“千万工程”。",
    "深入贯彻习近平总书记考察浙江重要讲话精神,奋力谱写新篇章。",
    "以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神。",
    "县委理论学习中心组专题学习习近平总书记重要讲话。",
    "习近平强调,要坚持以人民为中心的发展思想。",
    "国家主席习近平同法国总统马克龙举行会谈。",
    "牢记习近平总书记殷殷嘱托,加快建设共同富裕示范区。",
    "大家纷纷表示,要把习近平总书记的关怀转化为干事创业的动力。",
    "学习习近平生态文明思想,守护好绿水青山。",
    "中共中央总书记、国家主席、中央军委主席习近平出席会议并发表重要讲话。",
]


@pytest.fixture(scope="module")
def nlp():
    return baokan_nlp()


def _ents(doc) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in doc.ents}


@pytest.mark.parametrize("text", XI_CONTEXTS)
def test_the_general_secretary_is_found_in_every_context(nlp, text):
    doc = nlp(text)
    assert ("习近平", "PER") in _ents(doc)
    assert "习近平" in [t.text for t in doc]


def test_todays_leaders_with_their_posts(nlp):
    doc = nlp("国务院总理李强主持召开国务院常务会议。王沪宁、蔡奇、丁薛祥、李希出席。")
    assert {("李强", "PER"), ("王沪宁", "PER"), ("蔡奇", "PER"), ("丁薛祥", "PER"),
            ("李希", "PER")} <= _ents(doc)
    assert ("李强", "国务院总理", "国务院") in {
        (r["person"], r["title"], r["organization"]) for r in doc._.people_roles}


def test_an_ambiguous_leader_name_needs_a_title_or_verb(nlp):
    doc = nlp("洪水过后一片汪洋。国务院副总理汪洋指出,要做好灾后重建。")
    assert [e.start_char for e in doc.ents if e.text == "汪洋"] == [15]


@pytest.mark.parametrize("text, expected, absent", [
    ("党中央高度重视,中央作出部署,各地迅速落实。", {("党中央", "ORG"), ("中央", "ORG")}, set()),
    ("中央企业和中央财政资金支持项目建设,他站在广场正中央。", set(), {("中央", "ORG")}),
    ("推动沪苏浙皖一体化,京津冀、成渝地区协同发展。",
     {("沪", "LOC"), ("苏", "LOC"), ("浙", "LOC"), ("皖", "LOC"), ("京津冀", "LOC")},
     {("沪苏浙皖", "LOC")}),
    ("俄军称击退乌军进攻,俄方愿同赞方、坦方合作。",
     {("俄", "LOC"), ("乌", "LOC"), ("赞", "LOC"), ("坦", "LOC")}, {("俄军", "ORG")}),
    ("雄安新区管委会、西咸新区和合肥高新区的负责人参加。",
     {("雄安新区管委会", "ORG"), ("西咸新区", "LOC"), ("合肥高新区", "LOC")}, set()),
    ("区委理论学习中心组举行集体学习,市委“两新”工委、澎湃新闻记者参加。",
     {("区委理论学习中心组", "ORG"), ("市委“两新”工委", "ORG"), ("澎湃新闻", "ORG")}, set()),
    ("县第十八届人大第三次会议开幕,学习二十届中央纪委三次全会精神。",
     {("县第十八届人大", "ORG"), ("二十届中央纪委", "ORG")}, set()),
    ("奋力推进中国式现代化,坚持和发展“枫桥经验”,守护美丽中国。", set(),
     {("中国", "LOC")}),
])
def test_modern_conventions(nlp, text, expected, absent):
    found = _ents(nlp(text))
    assert expected <= found
    assert not absent & found


def test_a_bare_group_refers_back_to_the_named_one(nlp):
    doc = nlp("省委第二督导组到遂昌县开展督导。督导组组长王立新主持召开座谈会。")
    assert [e.text for e in doc.ents if e.label_ == "ORG"].count("督导组") == 1


def test_a_foreign_brand_company_is_place_plus_company():
    model = [rules.Candidate(0, 7, "ORG", "model", 0.9)]
    out = rules.split_country_companies(model, "德国西门子集团签约")
    assert [(c.start, c.end, c.label) for c in out] == [(0, 2, "LOC"), (2, 7, "ORG")]
    generic = rules.split_country_companies([rules.Candidate(0, 6, "ORG", "model", 0.9)],
                                            "英国航空公司")
    assert [(c.start, c.end) for c in generic] == [(0, 6)]


def test_model_spans_tiled_by_rules_give_way():
    text = "区纪委区监委负责人"
    ctx = rules.Context(text, {0, 3, 6, 9})
    found = [rules.Candidate(0, 3, "ORG", "rule", 0.9), rules.Candidate(3, 6, "ORG", "rule", 0.9)]
    assert rules.prefer_rule_tilings([rules.Candidate(0, 6, "ORG", "model", 0.9)], found, ctx) == []


def test_a_place_running_into_a_village_is_split():
    text = "在铜冶镇南铜冶村调研"
    ctx = rules.Context(text, {0, 1, 4, 8, 10})
    found = [rules.Candidate(1, 4, "LOC", "gazetteer", 0.95)]
    out = rules.prefer_rule_tilings([rules.Candidate(1, 8, "LOC", "model", 0.9)], found, ctx)
    assert [(c.start, c.end) for c in out] == [(1, 4), (4, 8)]


def test_places_inside_formulations_are_dropped_but_persons_stay():
    text = "习近平新时代中国特色社会主义思想"
    cands = [rules.Candidate(0, 3, "PER", "rule", 0.99), rules.Candidate(6, 8, "LOC", "model", 0.9)]
    assert [c.label for c in rules.outside_formulations(cands, text)] == ["PER"]


@pytest.mark.parametrize("text, expected", [
    ("据俄罗斯塔斯社报道,总台记者在现场。", {("俄罗斯", "LOC"), ("塔斯社", "ORG"), ("总台", "ORG")}),
    ("祝贺中共二十届四中全会胜利召开。", {("中共", "ORG")}),
    ("在祁连山国家公园,社区党总支书记带队巡护。", {("祁连山国家公园", "LOC"), ("社区党总支", "ORG")}),
])
def test_national_news_organisations(nlp, text, expected):
    assert expected <= _ents(nlp(text))


def test_villages_of_the_articles_county_come_from_the_gazetteer():
    from pipeline.nlp.entities import lexicons as lex

    assert "余村" in lex.county_villages("安吉县", "湖州市")
    text = "安吉县天荒坪镇负责人介绍,安吉县坚持绿色发展。余村诞生了“两山”理念,农村面貌一新。"
    ctx = rules.Context(text, rules.WordBoundaries(text), city="湖州市", county="安吉县")
    found = {text[c.start:c.end] for c in rules.village_gazetteer_candidates(ctx)}
    assert "余村" in found and "农村" not in found


@pytest.mark.parametrize("text, expected", [
    ("县文化体育广播电视和旅游局、县农牧水利和科技局负责人参加。",
     {("县文化体育广播电视和旅游局", "ORG"), ("县农牧水利和科技局", "ORG")}),
    ("县政协主席扎西平措参加会议,村民次仁央金早早起床。", {("扎西平措", "PER"), ("次仁央金", "PER")}),
    ("经审理查明,被告人吴某等三人非法采挖珊瑚礁石。", {("吴某", "PER")}),
    ("国网布尔津县供电公司开展救助服务。", {("国网布尔津县供电公司", "ORG")}),
    ("政协巴马瑶族自治县第十届委员会第四次会议开幕。", {("政协巴马瑶族自治县第十届委员会", "ORG")}),
    ("乌审旗人民检察院联合旗林业和草原局开展巡查。", {("旗林业和草原局", "ORG")}),
])
def test_county_news_organs_and_names(nlp, text, expected):
    assert expected <= _ents(nlp(text))


def test_places_inside_spirit_formulations_are_not_tagged(nlp):
    found = _ents(nlp("沂蒙精神与延安精神、井冈山精神一样,是宝贵的精神财富。"))
    assert not {("沂蒙", "LOC"), ("延安", "LOC"), ("井冈山", "LOC")} & found


@pytest.mark.parametrize("text, absent, present", [
    ("为维护五常大米品牌,五常市市场监督管理局联合市农业农村局开展检查。", {("五常", "LOC")},
     {("五常市市场监督管理局", "ORG"), ("市农业农村局", "ORG")}),
    ("光东村朝鲜族民俗广场上,村民跳起农乐舞。", {("朝鲜", "LOC")}, set()),
    ("栖霞正在建设“中国苹果之都”。", {("中国", "LOC")}, set()),
    ("深化上海对口援藏合作。", {("藏", "LOC")}, {("上海", "LOC")}),
])
def test_places_naming_products_peoples_and_titles_are_not_tagged(nlp, text, absent, present):
    found = _ents(nlp(text))
    assert not absent & found and present <= found


@pytest.mark.parametrize("text, expected, absent", [
    ("游客从临安黑茶博物馆出发,沿江而行。", {("临安黑茶博物馆", "LOC")}, {("临安", "LOC")}),
    ("记者来到松阳抽水蓄能电站施工现场。", {("松阳抽水蓄能电站", "LOC")}, {("松阳", "LOC")}),
    ("淳安县千岛湖镇青溪水库完成除险加固。", {("淳安县", "LOC"), ("青溪水库", "LOC")},
     {("淳安县千岛湖镇青溪水库", "LOC")}),
    ("在杭州推进博物馆建设。", set(), {("杭州推进博物馆", "LOC")}),
    ("黄河上游荒漠草原的生态正在恢复。", {("黄河", "LOC")}, {("黄河上游荒漠草原", "LOC")}),
])
def test_named_facilities_take_their_place_name(nlp, text, expected, absent):
    found = _ents(nlp(text))
    assert expected <= found
    assert not absent & found


def test_a_model_person_listed_among_places_is_a_place():
    text = "部队在利沃夫、赫尔松等地推进,科斯佳方向也有战斗。国务卿布林肯、美国驻华大使出席。"
    spans = [(3, 6, "LOC"), (7, 10, "PER"), (15, 18, "PER"), (28, 31, "PER"), (32, 34, "LOC")]
    chosen = [rules.Candidate(s, e, lab, "model", 0.9) for s, e, lab in spans]
    rules.places_among_places(chosen, text)
    assert {text[c.start:c.end]: c.label for c in chosen} == {
        "利沃夫": "LOC", "赫尔松": "LOC", "科斯佳": "LOC", "布林肯": "PER", "美国": "LOC"}


def test_a_branch_belongs_to_its_parent_body():
    text = "丽水市生态环境局松阳分局和庆元农商银行城东支行负责人参加。"
    chosen = [rules.Candidate(0, 8, "ORG", "model", 0.9), rules.Candidate(8, 10, "LOC", "model", 0.9),
              rules.Candidate(13, 19, "ORG", "model", 0.9)]
    out = rules.branch_offices(chosen, text)
    assert [(text[c.start:c.end], c.label) for c in out] == [
        ("丽水市生态环境局松阳分局", "ORG"), ("庆元农商银行城东支行", "ORG")]
