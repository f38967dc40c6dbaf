"""The NER model components (pipeline/nlp/entities/ner_models.py)."""

from __future__ import annotations

import spacy

from pipeline.nlp.entities import ner_models


def test_model_batches_hold_a_character_budget() -> None:
    nlp = spacy.blank("zh")
    docs = [nlp.make_doc(text) for text in ("甲" * 30, "乙" * 30, "丙" * 50, "丁" * 10, "戊" * 5)]
    batches = list(ner_models.batches_by_chars(docs, 60))
    assert [[len(doc) for doc in batch] for batch in batches] == [[30, 30], [50, 10], [5]]
    assert list(ner_models.batches_by_chars([], 60)) == []
    assert [len(b) for b in ner_models.batches_by_chars(docs[2:3], 20)] == [1]  # a long Doc alone
