"""Rule helpers of pipeline/nlp/entity_rules.py (texts written for these tests)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp import char_features
from pipeline.nlp import entity_rules as rules

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
