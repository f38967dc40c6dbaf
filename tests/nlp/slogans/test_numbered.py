"""Numbered formulations outside quotes (issue 21): heads outside the old head list, whole
words, network plans, paired forms — and the counts that are not formulations."""

from __future__ import annotations

import pytest

from pipeline.nlp.slogans import numbered


@pytest.fixture(scope="module")
def nlp():
    from pipeline.nlp import language

    return language.nlp()


def unquoted(nlp, text: str) -> dict[str, str]:
    return {r["text"]: r["kind"] for r in nlp(text)._.slogan_rows if r["text"][0] != "“"}


@pytest.mark.parametrize("formulation", [
    "五个认同", "三大攻坚战", "三大先导产业", "八纵八横", "三纵四横", "三改一拆", "两不愁三保障",
    "五级书记抓乡村振兴", "五水共治", "四下基层", "两个毫不动摇",
])
def test_numbered_formulations_are_found_whole(nlp, formulation):
    text = f"会议要求,全县上下要坚持{formulation},持续推进各项工作落地见效。"
    if formulation in ("八纵八横", "三纵四横"):
        text = f"规划提出构建{formulation}高铁网和路网,串联各地。"
    if formulation == "五级书记抓乡村振兴":
        text = "要健全五级书记抓乡村振兴工作机制。"
    assert unquoted(nlp, text).get(formulation) == "numbered", unquoted(nlp, text)


@pytest.mark.parametrize("text", [
    "三个月就通车了,两个多小时就办好了。", "调研了三个主产区和十个细分行业。",
    "三人一组,五月一日出发。", "两国两党交往密切。", "举行三场宣讲,探索出五种改造模式。",
])
def test_counts_are_not_formulations(nlp, text):
    assert not [k for k in unquoted(nlp, text).values() if k == "numbered"], unquoted(nlp, text)


def test_word_spans_extend_the_phrase_to_the_whole_noun():
    text = "打好三大攻坚战。"
    words = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 7), (7, 8)]
    assert (2, 7) in numbered.numbered_phrases(text, words)
    assert (2, 6) in numbered.numbered_phrases(text)  # without words: the head only


def test_two_character_parts_need_word_boundaries():
    text = "巩固两不愁三保障成果。"
    words = [(0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 8), (8, 10), (10, 11)]
    assert (2, 8) in numbered.numbered_phrases(text, words)
    assert not [s for s in numbered.numbered_phrases(text) if s[0] == 2]


def test_counted_predicates_need_a_phrase_boundary_or_a_head():
    assert (0, 4) in numbered.numbered_phrases("两个确立的决定性意义")
    assert (0, 4) in numbered.numbered_phrases("四个全面战略布局")
    assert not numbered.numbered_phrases("十个细分行业")


def test_predicate_words_are_derived_from_the_dictionary_tags():
    lines = ["维护\tv\t2207\tvn\t279", "意识\tn\t2150", "全面\tad\t7520", "多\ta\t26911",
             "毫不动摇\tvl\t56", "罕见词\tv\t1"]
    assert numbered.derive(lines) == {"维护": "v", "全面": "p", "毫不动摇": "v"}
    assert numbered.predicates()["确立"] == "v"
