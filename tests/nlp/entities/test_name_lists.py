"""Name lists written without separators (texts and names written for these tests)."""

from __future__ import annotations

import pytest
import spacy

from pipeline.nlp.entities import name_lists
from pipeline.nlp.entities.rules import Context
from pipeline.tables import rows

LIST_PAGE = ("市人大常委会组成人员名单主任:陈建华副主任:李明辉王丽萍(女)赵国强委员:"
             "(按姓氏笔画为序)王志刚王晓燕(女)王海涛方卫东刘建国刘红梅(女)孙立新"
             "杨光明吴小平张建军张晓红(女)周文杰郑海波")
LIST_NAMES = ["李明辉", "王丽萍", "赵国强", "王志刚", "王晓燕", "王海涛", "方卫东", "刘建国",
              "刘红梅", "孙立新", "杨光明", "吴小平", "张建军", "张晓红", "周文杰", "郑海波"]


def _names(text: str, has_model: bool = False, model_per: dict | None = None) -> list[str]:
    ctx = Context(text, set(), has_model=has_model, model_per=model_per or {})
    return [text[c.start:c.end] for c in name_lists.name_list_candidates(ctx)]


def test_undelimited_list_is_split_into_names() -> None:
    found = _names(LIST_PAGE)
    assert found == LIST_NAMES


def test_names_sorted_by_surname_keep_two_character_names() -> None:
    split = name_lists.split_names("王刚王伟明王芳王建国")
    assert [("王刚王伟明王芳王建国")[s:e] for s, e, _, _ in split.names] == [
        "王刚", "王伟明", "王芳", "王建国"]
    assert split.is_list()


def test_minority_name_with_dot_in_a_list() -> None:
    text = "出席的还有:张海燕阿依古丽·买买提刘志强吴晓东"
    assert _names(text) == ["张海燕", "阿依古丽·买买提", "刘志强", "吴晓东"]


@pytest.mark.parametrize("text", [
    "比赛中张力八段执黑中盘胜王刚六段,取得两连胜。",
    "全市上下要坚持高质量发展,加快建设共同富裕示范区。",
    "国务院总理会见来华访问的瑞典工商大臣安德斯·松德斯特伦一行。",
    "毛泽东同志的古诗情怀对后人影响深远。",
    "高新区管委会主任王建明强调,要抓好安全生产。",
])
def test_running_text_is_no_list(text: str) -> None:
    assert _names(text) == []


def test_a_model_that_sees_no_people_there_vetoes_the_list() -> None:
    text = "(记者 王一)" + LIST_PAGE
    assert _names(text, has_model=True) == []
    start = text.index("王志刚")
    assert "王志刚" in _names(text, has_model=True, model_per={start: len(text)})


def test_list_names_become_person_entities_in_the_pipeline() -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("baokan_sentences")
    nlp.add_pipe("baokan_entities")
    doc = nlp(LIST_PAGE)
    people = {ent.text for ent in doc.ents if ent.label_ == "PER"}
    assert set(LIST_NAMES) <= people
    assert not any(ent.text == "陈建华副主任" for ent in doc.ents)
    assert rows.entity_rows(doc)


def test_name_character_table_is_loaded() -> None:
    stats = name_lists.name_chars()
    assert stats.surnames["王"] > stats.surnames["欧阳"]
    assert stats.given["华"] > stats.given["的"]
    assert "的" in stats.not_name and "华" not in stats.not_name


def test_spaced_and_enumerated_lists_are_lists_too() -> None:
    spaced = "委员:王志刚 王晓燕(女) 孙立新 杨光明"
    assert _names(spaced) == ["王志刚", "王晓燕", "孙立新", "杨光明"]
    listed = "出席的有:陈冯秀英、张伟强、李丽华、于海明。"
    assert _names(listed) == ["陈冯秀英", "张伟强", "李丽华", "于海明"]


def test_minority_names_and_annotations_in_an_undelimited_list() -> None:
    text = "主席团成员:丁一凡于海明马晓东(回族)王卫国王小红(女)扎西次仁(藏族)古丽娜尔·艾买提(女,维吾尔族)"
    assert _names(text) == ["丁一凡", "于海明", "马晓东", "王卫国", "王小红", "扎西次仁",
                            "古丽娜尔·艾买提"]


def test_a_name_next_to_left_over_characters_is_not_emitted() -> None:
    split = name_lists.Split([(0, 3, 9.0, True), (3, 6, 9.0, True), (6, 9, 9.0, True)], [9])
    assert split.sure_names() == [(0, 3), (3, 6)]
