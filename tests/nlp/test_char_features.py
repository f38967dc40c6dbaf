"""The character tokenizer with word features used by the NER model."""

from __future__ import annotations

import spacy
from spacy.attrs import LEMMA, NORM, TAG
from spacy.strings import get_string_id

from pipeline.nlp import char_features


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
