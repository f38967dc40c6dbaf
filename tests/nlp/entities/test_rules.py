"""Rule helpers of pipeline/nlp/entity_rules.py (texts written for these tests)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp.entities import char_features, rules

# Characters that exercise jieba's runs (CJK, Latin, digits, . - %) and its one-char words.
ALPHABET = "中国人民银行丽水市委书记莲都区实验小学的了abZ19.-%_ ,，。、\n\r"


def _all_boundaries(text: str) -> set[int]:
    """Offsets of the full-text jieba segmentation (what WordBoundaries must reproduce)."""
    offsets, offset = {0, len(text)}, 0
    for word in char_features.words(text):
        offset += len(word)
        offsets.add(offset)
    return offsets


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_word_boundaries_equal_the_full_segmentation(text: str) -> None:
    lazy = rules.WordBoundaries(text)
    assert {i for i in range(-2, len(text) + 3) if i in lazy} == _all_boundaries(text)


def test_word_boundaries_keep_crlf_together() -> None:
    lazy = rules.WordBoundaries("市委\r\n书记")
    assert 2 in lazy and 3 not in lazy and 4 in lazy


def test_place_matches_are_leftmost_longest() -> None:
    text = "浙江省丽水市莲都区碧湖镇,长三角。"
    surfaces = [surface for _, _, surface in rules.place_matches(text)]
    assert surfaces[:4] == ["浙江省", "丽水市", "莲都区", "碧湖镇"]
    assert all(text[start:end] == surface for start, end, surface in rules.place_matches(text))


def _context(text: str) -> rules.Context:
    return rules.Context(text, rules.WordBoundaries(text))


def _found(candidates: list[rules.Candidate], text: str) -> list[tuple[str, str, str | None]]:
    return [(text[c.start:c.end], c.label, c.canonical) for c in candidates]


def test_abbreviations_in_news_patterns() -> None:
    text = "中美两国领导人在京举行会谈,中、俄两国外长出席,俄方代表访华期间来到驻港部队。"
    found = _found(rules.abbreviation_candidates(_context(text)), text)
    assert ("中", "LOC", "中国") in found and ("美", "LOC", "美国") in found
    assert ("京", "LOC", "北京市") in found and ("华", "LOC", "中国") in found
    assert ("港", "LOC", "香港") in found
    assert found.count(("俄", "LOC", "俄罗斯")) == 2


def test_abbreviations_need_the_word_to_end_there() -> None:
    text = "他在美国留学,在京剧院工作,审美方面很讲究,在港口装货,我们以方便群众为目标。"
    assert rules.abbreviation_candidates(_context(text)) == []


def test_prepositions_and_common_words_are_not_abbreviations() -> None:
    """以 is a preposition after 在 (在以…为核心), and 在意 / 来日 are words, not travel."""
    text = "在以人民为中心的思想指引下,他并不在意,来日方长。"
    assert rules.abbreviation_candidates(_context(text)) == []
    text = "巴以冲突持续。"
    assert ("以", "LOC", "以色列") in _found(rules.abbreviation_candidates(_context(text)), text)


def test_party_abbreviations_and_honorifics() -> None:
    text = "国共两党开始谈判。王先生和刘老师到了。"
    ctx = _context(text)
    assert _found(rules.abbreviation_candidates(ctx), text) == [
        ("国", "ORG", "中国国民党"), ("共", "ORG", "中国共产党")]
    assert _found(rules.honorific_candidates(ctx), text) == [("王", "PER", "王"), ("刘", "PER", "刘")]
    assert rules.honorific_candidates(_context("主席先生说。")) == []


def test_congresses_are_organisations_joined_to_their_party() -> None:
    text = "中国致公党第十一次全国代表大会开幕。第九届全国人民代表大会召开。民建七大的贺词。三大战役。"
    ctx = _context(text)
    parties = [rules.Candidate(0, 5, "ORG", "model", 0.9), rules.Candidate(32, 34, "ORG", "model", 0.9)]
    found = [text[c.start:c.end] for c in rules.congress_candidates(ctx, parties)]
    assert found == ["中国致公党第十一次全国代表大会", "第九届全国人民代表大会", "民建七大"]


def test_standalone_organisations_need_word_boundaries_and_get_full_names() -> None:
    text = "东盟外长会议开幕,外交部发言人介绍了情况。教育部门和民建代表出席。"
    found = _found(rules.organ_candidates(_context(text), []), text)
    assert ("东盟", "ORG", "东南亚国家联盟") in found and ("外交部", "ORG", "外交部") in found
    assert ("民建", "ORG", "中国民主建国会") in found
    assert not any(name == "教育部" for name, _, _ in found)  # inside the word 教育部门


def test_a_rule_organ_holds_the_title_before_a_shorter_model_span() -> None:
    text = "会上,缙云县委书记赵光讲话。"
    model_org = rules.Candidate(4, 7, "ORG", "model", 0.8)  # 云县委: a model's cut
    ctx = rules.Context(text, rules.WordBoundaries(text), city="丽水市", has_model=True,
                        model_orgs=[model_org])
    orgs = rules.organ_candidates(ctx, rules.usable_places(ctx))
    _, roles = rules.title_candidates(ctx, orgs, rules.usable_places(ctx))
    assert [(r.person, r.title, r.organization) for r in roles] == [("赵光", "县委书记", "缙云县委")]
