"""The character tokenizer with word features used by the NER model."""

from __future__ import annotations

import spacy
from spacy.attrs import LEMMA, NORM, TAG
from spacy.strings import get_string_id

from pipeline.nlp.entities import char_features


def test_every_character_is_a_token_and_text_is_kept() -> None:
    nlp = spacy.blank("zh")
    tokenizer = char_features.CharFeatureTokenizer(nlp.vocab)
    text = "市委书记 张建国\n到 Hangzhou 调研。"
    doc = tokenizer(text)
    assert doc.text == text
    assert [t.text for t in doc] == list(text)


def test_features_are_bigram_word_and_position() -> None:
    text = "杭州市召开会议"
    words = char_features.words(text)
    assert "".join(words) == text
    array = char_features.feature_array(text)
    assert array.shape == (len(text), 3)
    assert array[0, 0] == get_string_id("杭州")
    assert array[-1, 0] == get_string_id("议")
    first_word = words[0]
    assert array[0, 1] == get_string_id(first_word)
    assert array[0, 2] == get_string_id(f"B{min(len(first_word), 4)}" if len(first_word) > 1
                                        else "S1")


def test_doc_carries_features_for_the_model() -> None:
    nlp = spacy.blank("zh")
    doc = char_features.CharFeatureTokenizer(nlp.vocab)("温州")
    values = doc.to_array([NORM, LEMMA, TAG])
    assert values[0, 0] == get_string_id("温州")
    assert spacy.util.registry.tokenizers.get("baokan.char_features.v1") is not None


def test_empty_text() -> None:
    nlp = spacy.blank("zh")
    assert len(char_features.CharFeatureTokenizer(nlp.vocab)("")) == 0


def _word_tokenizer(entries: dict[str, str]) -> char_features.WordFeatureTokenizer:
    tokenizer = char_features.WordFeatureTokenizer(spacy.blank("zh").vocab)
    tokenizer.gazetteer = char_features.Gazetteer(entries)
    return tokenizer


def test_gazetteer_matches_whole_words_longest_first() -> None:
    gazetteer = char_features.Gazetteer({"青田县": "LOC", "青田县委": "ORG", "县委": "ORG"})
    text = "青田县委召开会议"
    offsets = [0, 3, 4, 6, 8]  # 青田县|委|召开|会议
    assert gazetteer.matches(text, offsets) == [(0, 4, "ORG")]
    crossing = char_features.Gazetteer({"田县": "LOC"})
    assert crossing.matches("青田县委", [0, 2, 4]) == []  # 青田|县委: 田县 is not whole words
    assert gazetteer.matches("", [0]) == []


def test_word_features_use_the_pipeline_segmentation_and_gazetteer() -> None:
    tokenizer = _word_tokenizer({"丽水市": "LOC"})
    text = "丽水市召开会议"
    offsets = char_features.word_offsets(text)
    assert offsets[0] == 0 and offsets[-1] == len(text)
    doc = tokenizer(text)
    assert [t.text for t in doc] == list(text)
    assert doc.to_array([TAG]).tolist() == tokenizer.from_words(text, offsets).to_array(
        [TAG]).tolist()
    tags = doc.to_array([TAG]).tolist()
    if 3 in offsets:  # 丽水市 is one word: its characters carry the gazetteer tag
        assert tags[0] == get_string_id("B3|LOC-B") and tags[2] == get_string_id("E3|LOC-I")
    assert tags[-1] in {get_string_id("E2"), get_string_id("S1")}


def test_gazetteer_is_serialized_with_the_tokenizer(tmp_path) -> None:
    tokenizer = _word_tokenizer({"莲都区": "LOC", "市发改委": "ORG"})
    tokenizer.to_disk(tmp_path / "tokenizer")
    restored = _word_tokenizer({}).from_disk(tmp_path / "tokenizer")
    assert restored.gazetteer.entries == {"莲都区": "LOC", "市发改委": "ORG"}
    again = _word_tokenizer({}).from_bytes(tokenizer.to_bytes())
    assert again.gazetteer.entries == tokenizer.gazetteer.entries
    assert len(tokenizer("")) == 0
