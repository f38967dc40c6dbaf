"""The weakly supervised content model for quoted spans."""

from __future__ import annotations

from collections import Counter

from pipeline.nlp.slogans import content_model as slogan_model


def test_content_features_cover_chars_bigrams_and_length():
    feats = slogan_model.content_features("“强城”")
    assert {"c:强", "c:城", "b:^强", "b:强城", "b:城$", "len:2"} == feats
    assert slogan_model.content_features("") == set()


def test_training_separates_the_weak_labels():
    labelled = Counter({("强城", 1): 3, ("兴村", 1): 1, ("强村", 1): 1, ("富民强县", 1): 1,
                        ("强镇", 1): 1, ("强企", 1): 1, ("老屋", 0): 2, ("马甲", 0): 1,
                        ("老马", 0): 1, ("屋顶", 0): 1, ("老街", 0): 1, ("老店", 0): 1})
    model = slogan_model.train(labelled)
    assert model.llr["c:强"] > 0 > model.llr["c:老"]
    assert model.score("强县") > model.score("老屋顶")


def test_weak_labels_use_context_only():
    texts = ["要深入实施“强城”战略,推进“兴村”工程。", "志愿者身穿“红马甲”走上街头。"]
    labelled = slogan_model.weak_labels(texts)
    assert labelled[("强城", 1)] == 1 and labelled[("兴村", 1)] == 1
    assert labelled[("红马甲", 0)] == 1


def test_shipped_model_loads_with_its_training_statistics():
    model = slogan_model.load()
    assert model is not None and len(model.llr) > 1000
    data = slogan_model.MODEL_PATH.read_text(encoding="utf-8")
    assert '"excluded_news_items"' in data


def test_idioms_of_a_supplementary_lexicon_count_as_ordinary_words():
    from pipeline.nlp import common_words as slogan_words

    lines = ["一池春水\ti\t3", "共同富裕\tnz\t3", "x\ti\t3"]
    assert slogan_words.idioms(lines) == {"一池春水": "w"}
    assert slogan_words.load().get("一池春水") == "w"
