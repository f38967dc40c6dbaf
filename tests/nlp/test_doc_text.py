"""doc_text: the Doc's text read once (texts written for these tests)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from pipeline.nlp.doc_text import TEXT_KEY, doc_text
from pipeline.nlp.language import load_tokenizer_pipeline


def test_tokenizer_stores_the_text_and_doc_text_returns_it() -> None:
    nlp = load_tokenizer_pipeline()
    text = "市委书记张建国主持会议。 Baokan  2025年"
    doc = nlp.make_doc(text)
    assert doc.user_data[TEXT_KEY] == text == doc.text
    assert doc_text(doc) == doc.text


def test_doc_text_reads_and_caches_docs_from_elsewhere() -> None:
    doc = Doc(spacy.blank("zh").vocab, words=["市委", "书记", "。"], spaces=[False, True, False])
    assert TEXT_KEY not in doc.user_data
    assert doc_text(doc) == "市委书记 。" == doc.user_data[TEXT_KEY]


def test_a_stale_cached_text_is_not_used() -> None:
    doc = Doc(spacy.blank("zh").vocab, words=["市委", "书记"], spaces=[False, False])
    doc.user_data[TEXT_KEY] = "别的文字，更长一些"
    assert doc_text(doc) == "市委书记"
    assert doc_text(Doc(spacy.blank("zh").vocab, words=[])) == ""
