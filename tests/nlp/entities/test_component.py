"""Entity rules, merge, canonical names and people_roles (texts written for these tests)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import spacy

from pipeline.nlp.entities import component as entities  # noqa: F401  (the factories)
from pipeline.nlp.entities import ner_models, rules
from pipeline.tables import rows, schemas
from tests.conftest import SEED_DIR

TEXT = ("本报讯(记者 王晓明 通讯员 李华 陈静)3月2日,市委常委会召开会议。市委书记张建国主持会议,"
        "市委副书记、市长刘志强出席。省委巡视第三巡视组组长赵文斌、副组长孙丽一行到金华职业技术学院调研。"
        "永康市实验小学、婺城区总工会、金东经开区总工会负责人参加。市发改委、市委改革办作汇报。"
        "全市上下要融入长三角,加快建设金东新城。")


@pytest.fixture(scope="module")
def rules_nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("baokan_sentences")
    nlp.add_pipe("baokan_entities")
    return nlp


@pytest.fixture(scope="module")
def doc(rules_nlp):
    return rules_nlp(TEXT)


def _ents(doc) -> set[tuple[str, str]]:
    return {(ent.text, ent.label_) for ent in doc.ents}


def test_city_is_inferred_and_stored(doc) -> None:
    assert doc._.meta["city"] == "金华市"


def test_organs_and_institutions(doc) -> None:
    expected = {("市委常委会", "ORG"), ("市委", "ORG"), ("省委巡视第三巡视组", "ORG"),
                ("金华职业技术学院", "ORG"), ("永康市实验小学", "ORG"), ("婺城区总工会", "ORG"),
                ("金东经开区总工会", "ORG"), ("市发改委", "ORG"), ("市委改革办", "ORG")}
    assert expected <= _ents(doc)


def test_title_anchored_and_byline_names(doc) -> None:
    names = {"王晓明", "李华", "陈静", "张建国", "刘志强", "赵文斌", "孙丽"}
    assert {(name, "PER") for name in names} <= _ents(doc)


def test_places_regions_and_areas(doc) -> None:
    assert {("长三角", "LOC"), ("金东新城", "LOC")} <= _ents(doc)


def test_generic_words_and_titles_are_not_entities(doc) -> None:
    texts = {ent.text for ent in doc.ents}
    assert not texts & {"全市", "市委书记", "市长", "组长"}


def test_canonical_names_use_the_article_city(doc) -> None:
    canonical = {ent.text: ent._.canonical for ent in doc.ents}
    assert canonical["市委"] == "中共金华市委"
    assert canonical["市委常委会"] == "中共金华市委常委会"
    assert canonical["市发改委"] == "金华市发改委"
    sources = {ent._.source for ent in doc.ents}
    assert sources <= {"model", "rule", "gazetteer"}


def test_alias_canonical_and_meta_city(rules_nlp) -> None:
    doc = rules_nlp.make_doc("温州代表团来到杭州考察,市委书记会见。")
    doc._.meta = {"city": "杭州市"}
    doc = rules_nlp(doc)
    canonical = {ent.text: ent._.canonical for ent in doc.ents}
    assert canonical["温州"] == "温州市"
    assert canonical["市委"] == "中共杭州市委"


def test_county_alias_only_inside_the_city(rules_nlp) -> None:
    inside = rules_nlp("金华市召开会议,婺城、金东两区参加。金华市要求各地落实。")
    outside = rules_nlp("温州市召开会议,婺城参加。温州市要求各地落实。")
    assert ("婺城", "LOC") in _ents(inside)
    assert ("婺城", "LOC") not in _ents(outside)


def test_people_roles(doc) -> None:
    roles = {(r["person"], r["title"], r["organization"]) for r in rows.role_rows(doc)}
    assert ("张建国", "市委书记", "市委") in roles
    assert ("刘志强", "市委副书记", "市委") in roles
    assert ("刘志强", "市长", "市政府") in roles
    assert ("赵文斌", "组长", "省委巡视第三巡视组") in roles
    assert ("孙丽", "副组长", "省委巡视第三巡视组") in roles
    assert ("王晓明", "记者", None) in roles
    for row in rows.role_rows(doc):
        assert TEXT[row["start"]:row["end"]] == row["text"]
        assert row["text"].endswith(row["person"])


def test_rows_match_the_table_schemas(doc) -> None:
    assert {"entities", "people_roles"} <= {stage.table for stage in rows.STAGE_TABLES}
    ids = {"doc_id", "article_id", "sentence_id", "run_id", "entity_id"}
    entity_rows = rows.entity_rows(doc)
    assert set(entity_rows[0]) == set(schemas.ENTITIES.names) - ids
    role_rows = rows.role_rows(doc)
    assert set(role_rows[0]) == set(schemas.PEOPLE_ROLES.names) - ids
    for row in entity_rows:
        assert TEXT[row["start"]:row["end"]] == row["text"]
        assert row["label"] in {"PER", "LOC", "ORG"} and 0 <= row["score"] <= 1


def test_word_tokens_are_split_at_entity_boundaries(rules_nlp) -> None:
    words = ["市委书记", "张建国", "主持", "。"]
    doc = spacy.tokens.Doc(rules_nlp.vocab, words=words, spaces=[False] * 4)
    doc = rules_nlp.get_pipe("baokan_entities")(doc)
    assert ("市委", "ORG") in _ents(doc) and ("张建国", "PER") in _ents(doc)
    assert doc.text == "市委书记张建国主持。"


@pytest.mark.skipif(not SEED_DIR.exists(), reason="../shared/seed is not present")
@pytest.mark.skipif(not (ner_models.NER_DIR / "config.cfg").exists(), reason="models/ner not trained")
def test_seed_entities_and_roles(seed_out) -> None:
    expected = json.loads((SEED_DIR / "expected.json").read_text(encoding="utf-8"))
    ents = pd.read_parquet(seed_out / "entities")
    found = set(zip(ents.text, ents.label, strict=True))
    missing = [tuple(pair) for pair in expected["entities"] if tuple(pair) not in found]
    assert not missing
    assert not set(expected["not_entities"]) & set(ents.text)
    roles = pd.read_parquet(seed_out / "people_roles")
    pairs = set(zip(roles.person, roles.title, strict=True))
    assert {("吴舜泽", "市委书记"), ("戴平辉", "市委副书记")} <= pairs


def test_role_names_the_county_organ_in_full_and_zones_are_places(rules_nlp) -> None:
    text = "缙云县委书记赵明到青田经济技术开发区和丽水工业园区调研。"
    doc = rules_nlp(text)
    roles = {(r["person"], r["title"], r["organization"], r["text"])
             for r in rows.role_rows(doc)}
    assert ("赵明", "县委书记", "缙云县委", "缙云县委书记赵明") in roles
    assert {("青田经济技术开发区", "LOC"), ("丽水工业园区", "LOC"), ("缙云县委", "ORG")} <= _ents(doc)


def test_township_party_committee_and_office(rules_nlp) -> None:
    doc = rules_nlp("莲都区碧湖镇党委书记、镇长李明表示,市委党校常务副校长何芳参加。")
    assert ("莲都区碧湖镇党委", "ORG") in _ents(doc)
    roles = {(r["person"], r["title"], r["organization"]) for r in rows.role_rows(doc)}
    assert ("李明", "镇党委书记", "莲都区碧湖镇党委") in roles
    assert ("何芳", "市委党校常务副校长", "市委党校") in roles


def test_title_after_a_place_names_its_government(rules_nlp) -> None:
    doc = rules_nlp("碧湖镇镇长李明出席,遂昌县县长钱伟主持。")
    roles = {(r["person"], r["title"], r["organization"], r["text"])
             for r in rows.role_rows(doc)}
    assert ("李明", "镇长", "碧湖镇政府", "碧湖镇镇长李明") in roles
    assert ("钱伟", "县长", "遂昌县政府", "遂昌县县长钱伟") in roles
    doc = rules_nlp("丽水学院党委书记王明出席。")
    assert ("王明", "党委书记", "丽水学院党委") in {
        (r["person"], r["title"], r["organization"]) for r in rows.role_rows(doc)}


def test_a_name_is_tagged_at_each_mention(rules_nlp) -> None:
    """Later mentions of a name a rule found, or of a person the model found twice, get its
    label; a person the model found once is not copied."""
    text = "市委书记吴舜泽强调，要抓落实。吴舜泽指出，王五说了。王五和赵六、赵六、赵六都来了。"
    doc = rules_nlp.make_doc(text)
    first_zhao = text.index("赵六")
    doc.user_data[ner_models.MODEL_KEY] = [
        (text.index("王五"), text.index("王五") + 2, "PER", 0.9),
        (first_zhao, first_zhao + 2, "PER", 0.9), (first_zhao + 3, first_zhao + 5, "PER", 0.9)]
    doc = rules_nlp.get_pipe("baokan_entities")(doc)
    people = [e.text for e in doc.ents if e.label_ == "PER"]
    assert people.count("吴舜泽") == 2 and people.count("赵六") == 3
    assert people.count("王五") == 1


def test_person_ends_as_elsewhere_in_the_article(rules_nlp) -> None:
    """陈红带|队: the model's three-character person is cut to the 陈红 it found later."""
    text = "部长陈红带队调研。陈红指出，实习生 蓝天参加。"
    doc = rules_nlp.make_doc(text)
    doc.user_data[ner_models.MODEL_KEY] = [(2, 5, "PER", 0.9), (9, 11, "PER", 0.9)]
    doc = rules_nlp.get_pipe("baokan_entities")(doc)
    people = [e.text for e in doc.ents if e.label_ == "PER"]
    assert people == ["陈红", "陈红", "蓝天"]
    assert ("陈红", "部长") in {(r["person"], r["title"]) for r in rows.role_rows(doc)}
    text = "丁薛祥表示。丁薛祥指出。"
    doc = rules_nlp.make_doc(text)
    doc.user_data[ner_models.MODEL_KEY] = [(0, 3, "PER", 0.9), (6, 8, "PER", 0.9)]
    doc = rules_nlp.get_pipe("baokan_entities")(doc)
    assert [e.text for e in doc.ents] == ["丁薛祥", "丁薛祥"]
    doc = rules_nlp.make_doc("王五")  # a name at the end of the text stays inside it
    doc.user_data[ner_models.MODEL_KEY] = [(0, 2, "PER", 0.9)]
    assert [e.text for e in rules_nlp.get_pipe("baokan_entities")(doc).ents] == ["王五"]


def test_model_person_does_not_start_with_a_preposition(rules_nlp) -> None:
    """A model PER span that took the preposition before a foreign name loses it; a
    three-character name whose surname is also a preposition (向, 和) stays whole."""
    text = "总书记同拉马福萨总统会谈,和平同志出席。"
    doc = rules_nlp.make_doc(text)
    doc.user_data[ner_models.MODEL_KEY] = [(3, 8, "PER", 0.9), (13, 15, "PER", 0.9)]
    doc = rules_nlp.get_pipe("baokan_entities")(doc)
    assert ("拉马福萨", "PER") in _ents(doc) and ("同拉马福萨", "PER") not in _ents(doc)
    assert ("和平", "PER") in _ents(doc)
    doc = rules_nlp.make_doc("参议院多数党领袖图恩说。")
    doc.user_data[ner_models.MODEL_KEY] = [(6, 10, "PER", 0.9)]
    assert [e.text for e in rules_nlp.get_pipe("baokan_entities")(doc).ents] == ["图恩"]


def test_words_that_look_like_places_or_names(rules_nlp) -> None:
    """小城镇 (a township's full name elsewhere), 长治 inside 长治久安, 曾 as an adverb after a
    title when the model found no name there."""
    text = "总书记曾多次强调长治久安,要发展小城镇。"
    doc = rules_nlp.make_doc(text)
    doc.user_data[ner_models.MODEL_KEY] = []
    assert _ents(rules_nlp.get_pipe("baokan_entities")(doc)) == set()
    assert ("长治", "LOC") in _ents(rules_nlp("他到长治调研。"))


def test_township_short_name_that_is_a_common_word_is_not_a_place(rules_nlp) -> None:
    doc = rules_nlp("酒泉市金塔县航天镇举行活动。航天事业发展迅速。")
    assert ("航天镇", "LOC") in _ents(doc) and ("航天", "LOC") not in _ents(doc)


def test_county_name_tells_the_city(rules_nlp) -> None:
    doc = rules_nlp("婺城区召开大会,婺城经开区总工会和区总工会负责人参加。")
    assert doc._.meta["city"] == "金华市"
    assert ("婺城经开区总工会", "ORG") in _ents(doc)


def test_toponym_suffix_extension() -> None:
    from pipeline.nlp.entities import rules as entity_rules

    text = "建设“江北口”新区"
    ctx = entity_rules.Context(text, {0, 2, 3, 5, 6, 7, 9}, None)
    assert entity_rules.toponym_end(ctx, 3, 5) == 6


def test_one_character_person_from_the_model_is_kept(rules_nlp) -> None:
    """A surname alone (黄说, 老薛) is a person mention: the models tag it at about 85 %
    precision on the test sets, and the merger keeps it."""
    doc = rules_nlp.make_doc("黄说:“你放心。”")
    doc.user_data[ner_models.MODEL_KEY] = [(0, 1, "PER", 0.9)]
    doc = rules_nlp.get_pipe("baokan_entities")(doc)
    assert ("黄", "PER") in _ents(doc)


def test_village_organs_after_a_township_and_their_roles(rules_nlp) -> None:
    doc = rules_nlp("天荒坪镇余村党支部书记汪玉成介绍,农村党支部要发挥战斗堡垒作用。")
    assert ("余村党支部", "ORG") in _ents(doc)
    assert not any(ent.text.startswith("农村") for ent in doc.ents)
    canonical = {ent.text: ent._.canonical for ent in doc.ents}
    assert canonical["余村党支部"] == "天荒坪镇余村党支部"
    roles = {(r["person"], r["organization"]) for r in rows.role_rows(doc)}
    assert ("汪玉成", "余村党支部") in roles


def test_township_name_inside_a_longer_word_is_no_place(rules_nlp) -> None:
    doc = rules_nlp("村干部带领村民发展乡村旅游。")
    assert not any(ent.label_ == "LOC" and ent.text.endswith("乡") for ent in doc.ents)


def test_title_chains_name_every_organ(rules_nlp) -> None:
    doc = rules_nlp("市人大常委会党组书记、主任胡海峰,市委常委、市纪委书记、市监委主任朱华军,"
                    "县委常委、常务副县长周建国出席。")
    roles = {(r["person"], r["title"], r["organization"]) for r in rows.role_rows(doc)}
    assert {("胡海峰", "市人大常委会党组书记", "市人大常委会党组"), ("胡海峰", "主任", "市人大常委会"),
            ("朱华军", "市委常委", "市委"), ("朱华军", "市纪委书记", "市纪委"),
            ("朱华军", "市监委主任", "市监委"), ("周建国", "县委常委", "县委"),
            ("周建国", "常务副县长", "县政府")} <= roles


def test_party_group_member_and_academic_titles(rules_nlp) -> None:
    doc = rules_nlp("市生态环境局党组成员、副局长陈宏伟介绍,浙江大学教授潘云鹤作报告。")
    roles = {(r["person"], r["title"], r["organization"]) for r in rows.role_rows(doc)}
    assert ("陈宏伟", "副局长", "市生态环境局") in roles
    assert ("陈宏伟", "市生态环境局党组成员", "市生态环境局党组") in roles
    assert ("潘云鹤", "PER") in _ents(doc)


def test_model_spans_spelling_an_idiom_or_a_slogan_are_dropped() -> None:
    text = "全市上下众志成城,加快构建新发展格局,青田县干部群众踊跃参与。"
    model = [rules.Candidate(4, 8, "LOC", "model", 0.9),     # 众志成城 (idiom)
             rules.Candidate(13, 18, "ORG", "model", 0.9),   # 新发展格局 (slogan)
             rules.Candidate(19, 22, "LOC", "model", 0.9)]   # 青田县
    chosen = entities.select(model, text)
    assert [text[c.start:c.end] for c in chosen] == ["青田县"]


def test_idiom_filter_applies_to_model_spans_only() -> None:
    text = "众志成城"
    rule = rules.Candidate(0, 4, "ORG", "rule", 1.0)
    assert [c.source for c in entities.select([rule], text)] == ["rule"]


def test_a_party_department_after_a_committee_title_belongs_to_that_committee(rules_nlp) -> None:
    doc = rules_nlp("日前,遂昌县委常委、宣传部部长蓝伟民一行到大柘镇调研。市委常委、组织部部长何军出席。")
    roles = {(r["person"], r["title"], r["organization"]) for r in rows.role_rows(doc)}
    assert {("蓝伟民", "县委常委", "遂昌县委"), ("蓝伟民", "宣传部部长", "遂昌县委宣传部"),
            ("何军", "市委常委", "市委"), ("何军", "组织部部长", "市委组织部")} <= roles


def test_county_organs_take_the_article_county(rules_nlp) -> None:
    doc = rules_nlp("云和县召开大会。县委书记张禄堂讲话,云和县各乡镇负责人参加。")
    canonical = {ent.text: ent._.canonical for ent in doc.ents}
    assert canonical["县委"] == "中共云和县委" and doc._.meta["county"] == "云和县"
    mixed = rules_nlp("云和县、松阳县召开联席会议。县委书记张禄堂讲话。")
    assert {ent.text: ent._.canonical for ent in mixed.ents}["县委"] == "县委"


def test_national_titles_and_a_function_word_after_a_two_character_name(rules_nlp) -> None:
    doc = rules_nlp("国家主席习近平会见越南国家主席梁强。全国人大常委会委员长赵乐际从3月5日起访问。")
    roles = {(r["person"], r["title"]) for r in rows.role_rows(doc)}
    assert {("习近平", "国家主席"), ("梁强", "国家主席"), ("赵乐际", "委员长")} <= roles
    doc = rules_nlp("全国人大常委会委员长乔石从3月25日起访问欧亚四国。")
    assert ("乔石", "PER") in _ents(doc) and ("乔石从", "PER") not in _ents(doc)
