"""The weakly supervised content model for quoted spans."""

from __future__ import annotations

from pipeline.nlp.slogans import content_model as slogan_model


def test_content_features_cover_chars_bigrams_and_length():
    feats = slogan_model.content_features("“强城”")
    assert {"c:强", "c:城", "b:^强", "b:强城", "b:城$", "len:2"} == feats
    assert slogan_model.content_features("") == set()


def test_shipped_model_loads_with_its_training_statistics():
    model = slogan_model.load()
    assert model is not None and len(model.llr) > 1000
    data = slogan_model.MODEL_PATH.read_text(encoding="utf-8")
    assert '"excluded_news_items"' in data
