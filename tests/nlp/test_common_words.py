"""The common-words dictionary (pipeline/resources/common_words.tsv)."""

from __future__ import annotations

from pipeline.nlp import common_words


def test_idioms_of_a_supplementary_lexicon_count_as_ordinary_words():
    lines = ["一池春水\ti\t3", "共同富裕\tnz\t3", "x\ti\t3"]
    assert common_words.idioms(lines) == {"一池春水": "w"}
    assert common_words.load().get("一池春水") == "w"
