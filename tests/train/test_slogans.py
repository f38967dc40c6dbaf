"""Training of the slogan content model: weak labels from context, naive Bayes on content."""

from __future__ import annotations

from collections import Counter

from pipeline.train import slogans as slogan_training


def test_training_separates_the_weak_labels():
    labelled = Counter({("强城", 1): 3, ("兴村", 1): 1, ("强村", 1): 1, ("富民强县", 1): 1,
                        ("强镇", 1): 1, ("强企", 1): 1, ("老屋", 0): 2, ("马甲", 0): 1,
                        ("老马", 0): 1, ("屋顶", 0): 1, ("老街", 0): 1, ("老店", 0): 1})
    model = slogan_training.train(labelled)
    assert model.llr["c:强"] > 0 > model.llr["c:老"]
    assert model.score("强县") > model.score("老屋顶")


def test_weak_labels_use_context_only():
    texts = ["要深入实施“强城”战略,推进“兴村”工程。", "志愿者身穿“红马甲”走上街头。"]
    labelled = slogan_training.weak_labels(texts)
    assert labelled[("强城", 1)] == 1 and labelled[("兴村", 1)] == 1
    assert labelled[("红马甲", 0)] == 1


def test_hand_labels_come_from_the_dev_splits_only():
    articles = slogan_training.labelled_quotes("dev")
    names = {name for name, _, _ in articles}
    assert {"d001", "L01"} <= names and not {"h001", "f001", "L02"} & names
    hand = slogan_training.hand_labels(articles)
    assert hand[("我为群众办实事", 1)] >= 1 and hand[("绣花", 0)] >= 1


def test_hand_labels_weigh_in_only_with_a_weight():
    weak = Counter({("强城", 1): 1, ("兴村", 1): 1, ("强村", 1): 1, ("富民强县", 1): 1,
                    ("老屋", 0): 1, ("老街", 0): 1, ("老马", 0): 1, ("老店", 0): 1})
    hand = Counter({("老城", 1): 1, ("老村", 1): 1, ("老县", 1): 1, ("老乡", 1): 1})
    assert slogan_training.train(weak, hand, 0.0) == slogan_training.train(weak)
    assert slogan_training.train(weak, hand, 2.0).llr["c:老"] > slogan_training.train(weak).llr["c:老"]


def test_every_labelled_news_item_is_kept_out_of_the_weak_labels():
    from pipeline.evaluate import slogans_modern

    held_out = slogan_training.labelled_news_items()
    assert {r["item"] for r in slogans_modern.load(slogans_modern.MODERN_NEWS)} <= held_out
